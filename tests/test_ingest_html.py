"""Reading news pages (trafilatura) and RSS/Atom feeds (feedparser) into Articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from telex.article import Article
from telex.errors import InputError
from telex.ingest import Problem, read_inputs
from telex.ingest.html import html_to_article
from telex.ingest.rss import html_text, looks_like_feed, read_feed

DATA = Path(__file__).parent / "data"
PAGE_URL = "https://courrier-du-rhone.example/politique/2023/03/14/lyon-plan-velo"


def _read(*names: str, published: object = None) -> list[Article | Problem]:
    return list(read_inputs([str(DATA / n) for n in names], published=published))


@pytest.fixture(scope="module")
def page() -> Article:
    (article,) = _read("article.html")
    assert isinstance(article, Article)
    return article


@pytest.mark.parametrize(
    "wanted",
    [
        "Le conseil municipal de Lyon a adopté mardi soir, par 43 voix contre 18",
        "« Nous tenons l'engagement pris devant les Lyonnais",
        "Bertrand Vasseur a affirmé que la suppression de 900 places",
        "Une réunion publique est prévue le 28 mars à l'hôtel de ville.",
    ],
)
def test_html_page_keeps_the_article_body(page, wanted):
    assert wanted in page.text


@pytest.mark.parametrize(
    "unwanted",
    [
        "cookies",  # banner
        "S'abonner",  # navigation
        "Les plus lus",
        "Coupe de France",
        "scandaleux",  # reader comments
        "Mentions légales",  # footer
        "Partager sur les réseaux",
        "Lire aussi",
    ],
)
def test_html_page_drops_the_boilerplate(page, unwanted):
    assert unwanted not in page.text


def test_html_page_metadata(page):
    assert page.title == "Lyon : le conseil municipal adopte le plan vélo après six heures de débat"
    # The publication date, not the modification date of the next morning.
    assert page.published == dt.date(2023, 3, 14)
    assert page.url == PAGE_URL
    assert page.id == PAGE_URL
    assert page.source == "Le Courrier du Rhône"


def test_html_page_date_wins_over_the_fallback():
    (article,) = _read("article.html", published="2020-01-01")
    assert isinstance(article, Article)
    assert article.published == dt.date(2023, 3, 14)


@pytest.mark.parametrize(
    ("fallback", "expected"), [(None, None), ("2023-06-03", dt.date(2023, 6, 3))]
)
def test_html_page_without_a_date_takes_the_fallback(fallback, expected):
    (article,) = _read("no_date.html", published=fallback)
    assert isinstance(article, Article)
    assert article.published == expected
    assert article.id == "no_date"  # no URL in the page: the file name
    assert "la bibliothèque centrale de Grenoble a rouvert samedi matin" in article.text
    assert "Tous droits réservés" not in article.text


def test_html_without_article_text_is_a_problem(tmp_path):
    empty = b"<html><head><title>Vide</title></head><body></body></html>"
    with pytest.raises(InputError, match="no article text"):
        html_to_article(empty, where="x", stem="x")
    (tmp_path / "empty.html").write_bytes(empty)
    (problem,) = list(read_inputs([str(tmp_path / "empty.html")]))
    assert isinstance(problem, Problem)
    assert problem.skipped


def test_rss_feed_gives_one_article_per_entry_with_text():
    items = _read("feed.rss")
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [a.title for a in articles] == [
        "Villeurbanne : la maire présente son budget",
        "Le préfet du Rhône reçoit les syndicats agricoles",
    ]
    first, second = articles
    # The full content wins over the summary, and its HTML becomes one line per paragraph.
    lines = first.text.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("La maire de Villeurbanne, Agnès Rolland, a présenté lundi")
    assert lines[1].startswith("« Nous investissons d'abord dans les écoles »")
    assert "<b>" not in second.text
    assert "syndicats agricoles à Lyon" in second.text
    assert (first.published, second.published) == (dt.date(2023, 3, 20), dt.date(2023, 3, 21))
    assert first.id == "https://courrier-du-rhone.example/a/1001"
    assert first.url.endswith("/2023/03/20/villeurbanne-budget")
    assert first.source == "Le Courrier du Rhône — Politique"
    assert [str(p) for p in problems] == [
        f"{DATA / 'feed.rss'}#3: feed entry has no text (neither content nor summary)"
    ]


def test_atom_feed():
    (article,) = _read("feed.atom")
    assert isinstance(article, Article)
    assert article.published == dt.date(2023, 4, 2)
    assert article.title == "Sommet régional à Dakar sur la sécurité alimentaire"
    assert article.text.startswith("Les ministres de l'Agriculture de huit pays")
    assert article.url == "https://depeches.example/2023/04/02/dakar-sommet"


def test_feed_published_fallback_for_entries_without_a_date():
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>A</title><description>Un texte sans date.</description></item></channel></rss>"""
    (article,) = list(read_feed(feed, "f.rss", published="2023-01-02"))
    assert isinstance(article, Article)
    assert article.published == dt.date(2023, 1, 2)


def test_not_a_feed_is_a_problem(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>rien</note></notes>", encoding="utf-8")
    (problem,) = list(read_inputs([str(path)]))
    assert isinstance(problem, Problem)
    assert "not an RSS or Atom feed" in problem.message


def test_directories_are_read_recursively_with_every_kind(tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "page.html").write_bytes((DATA / "article.html").read_bytes())
    (tmp_path / "a" / "feed.atom").write_bytes((DATA / "feed.atom").read_bytes())
    (tmp_path / "note.txt").write_text("Un court texte écrit pour le test.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    items = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(i, Article) for i in items)
    assert sorted(str(i.id) for i in items if isinstance(i, Article)) == sorted(
        [PAGE_URL, "urn:uuid:0b9f5a7e-5c1d-4c3e-8f0a-7e2d9c4b6a21", "note"]
    )


def test_unreachable_url_is_a_problem():
    # Port 9 (discard) on this machine: nothing listens, the connection is refused at once.
    (problem,) = list(read_inputs(["http://127.0.0.1:9/article.html"]))
    assert isinstance(problem, Problem)
    assert problem.message.startswith("cannot fetch")


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>Un.</p><p>Deux &amp; trois.</p>", "Un.\nDeux & trois."),
        ("Ligne<br>suivante", "Ligne\nsuivante"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("texte   sans\u00a0balise", "texte sans balise"),
        ("<script>alert(1)</script><style>p {}</style><p>ok</p>", "ok"),
    ],
)
def test_html_text(fragment, expected):
    assert html_text(fragment) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0">', True),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', True),
        (b"<!DOCTYPE html><html><body>", False),
    ],
)
def test_looks_like_feed(data, expected):
    assert looks_like_feed(data) is expected
