// telex dashboard: the article page's layer switches. Everything works without this script.
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("article-text");
  if (!text) return;
  for (const box of document.querySelectorAll("input[data-layer]")) {
    box.addEventListener("change", () => {
      text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  }
});
