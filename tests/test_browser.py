"""The dashboard in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The corpus is the seed article, analysed by the pipeline, plus the team's own mini corpus with
hand-made analyses. The server runs in a thread on a free port of 127.0.0.1; any request the
browser makes elsewhere fails the test (the product must work offline).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from playwright.sync_api import sync_playwright

from conftest import serving
from corpus_fixture import fill
from telex import Article
from telex.store import Store
from telex.web import WebSettings, create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling home, which fails offline.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_text) -> Iterator[str]:
    import telex

    path = tmp_path_factory.mktemp("browser") / "corpus.db"
    seed = Article(text=seed_text, id="berlin-libye", published="2021-06-19")
    with Store(path) as store:
        fill(store, [(seed, telex.analyze(seed))])
    with serving(create_app(WebSettings(db=path))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records dialogs (scripts that ran) and requests that left the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.dialogs = []
    opened.outside = []
    opened.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))

    def guard(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            opened.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield opened
    assert opened.dialogs == [], "a script from the corpus ran"
    assert opened.outside == [], "the page asked for something outside the server"
    context.close()


def test_browser_search_then_open_an_article(page, server):
    page.goto(server + "/")
    page.fill("header input[name=q]", "sécheresse")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    hits = page.locator("ol.articles li")
    assert hits.count() == 1
    assert page.locator("ol.articles mark").first.inner_text() == "sécheresse"
    page.click("ol.articles a.title")
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == "Dakar : Paris promet une aide contre la sécheresse"


def test_browser_article_highlights_spans(page, server):
    page.goto(server + "/articles/demo-berlin")
    text = page.locator("#article-text")
    assert text.inner_text().startswith("La ministre Claire Dumont s'est entretenue mercredi")
    for layer, least in (("entity", 6), ("quote", 1), ("timex", 1), ("place", 2), ("event", 3)):
        spans = page.locator(f"#article-text .hl-{layer}")
        assert spans.count() >= least, layer
        assert spans.first.is_visible()
    weber = page.locator("#article-text .hl-entity.ent-PER", has_text="Jonas Weber").first
    assert "chancelier" in weber.get_attribute("title")
    background = weber.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    # The layer switches hide a layer's highlighting.
    page.uncheck("input[data-layer=entity]")
    assert weber.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert "hide-entity" in text.get_attribute("class")


def test_browser_seed_article_analysed_by_the_pipeline(page, server):
    page.goto(server + "/articles/berlin-libye")
    assert page.locator("#article-text .hl-entity").count() >= 5
    assert "Libye" in page.locator("#article-text").inner_text()


def test_browser_hostile_text_stays_text(page, server):
    page.goto(server + "/articles/demo-escaping")
    shown = page.locator("#article-text").inner_text()
    assert "<script>alert('xss')</script>" in shown
    assert "<img src=x onerror=alert('img')>" in shown
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.locator("h1").inner_text().startswith("<script>alert('title')</script>")


def test_browser_open_an_actor_from_an_article(page, server):
    page.goto(server + "/articles/demo-rabat")
    page.locator("#article-text a", has_text="Karim Benali").first.click()
    page.wait_for_url("**/actors/*")
    assert page.locator("h1").inner_text().startswith("Karim Benali")
    assert page.locator(".profile dd").first.inner_text() == "MAR"
    assert page.locator(".co-actors", has_text="Claire Dumont").count() == 1
    assert page.locator("table.events tbody tr").count() == 2
    assert page.locator(".timeline rect.bar").count() >= 1


def test_browser_timeline_renders(page, server):
    page.goto(server + "/events")
    bars = page.locator(".timeline rect.bar")
    # the mini corpus alone makes 8 (period, type) bars; the seed adds what telex_events finds
    assert bars.count() >= 8
    for index in range(bars.count()):
        box = bars.nth(index).bounding_box()
        assert box is not None
        assert box["height"] > 0
        assert box["width"] > 0
    page.select_option("select[name=type]", "CONSULT")
    page.click("form.filters button")
    page.wait_for_url("**/events?type=CONSULT*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 2
    assert all("CONSULT" in rows.nth(i).inner_text() for i in range(rows.count()))


def test_browser_network_renders(page, server):
    page.goto(server + "/network")
    nodes = page.locator(".network circle")
    assert nodes.count() >= 8
    assert page.locator(".network line.edge").count() >= 8
    box = page.locator(".network svg").bounding_box()
    assert box is not None
    assert box["width"] > 500
    page.locator(".network a.node", has_text="Claire Dumont").click()
    page.wait_for_url("**/actors/*")
    assert page.locator("h1").inner_text().startswith("Claire Dumont")


def test_browser_map_renders(page, server):
    responses = []
    page.on("response", lambda r: responses.append((r.url, r.status)))
    page.goto(server + "/map")
    page.wait_for_load_state("networkidle")
    assert (server + "/static/telex/world.svg", 200) in responses
    places = page.locator(".map circle.place")
    # the mini corpus's six places, plus whatever the real pipeline finds in the seed article
    assert places.count() >= 6
    for index in range(places.count()):
        box = places.nth(index).bounding_box()
        assert box is not None
        assert box["width"] > 2
    labels = page.locator(".map text.place-label").all_text_contents()
    assert "Rabat" in labels


def test_browser_api_docs_offline(page, server):
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .information-container", timeout=15000)
    assert "telex" in page.locator(".swagger-ui .title").inner_text()
    assert page.locator(".opblock").count() >= 8
