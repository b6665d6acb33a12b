"""The web app without a browser: every page and its JSON twin, escaping, highlighting, charts."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient

from corpus_fixture import fill
from telex.query import Network, NetworkEdge, NetworkNode, PlacePoint, StoredArticle, TimelinePoint
from telex.store import Store
from telex.web import WebSettings, create_app
from telex.web.charts import interval_for, network_layout, place_map, timeline_chart
from telex.web.highlight import Span, article_spans, segments


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    with Store(path) as store:
        fill(store)
    return path


@pytest.fixture(scope="module")
def client(corpus):
    return TestClient(create_app(WebSettings(db=corpus)))


@pytest.fixture(scope="module")
def ids(client):
    return {a["source_id"]: a["id"] for a in client.get("/api/v1/articles").json()}


def _actor_id(client, name: str) -> int:
    (actor,) = [
        a for a in client.get("/api/v1/actors", params={"q": name}).json() if a["name"] == name
    ]
    return actor["id"]


# -- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=Dumont",
        "/actors",
        "/actors?type=ORG",
        "/events",
        "/events?type=CONSULT&country=FRA",
        "/network",
        "/map",
    ],
)
def test_web_pages_render(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>" in response.text


def test_web_home_lists_and_searches_articles(client):
    page = client.get("/").text
    assert page.count('class="title"') == 5
    hits = client.get("/", params={"q": "secheresse"}).text
    assert "1 articles matching" in hits
    assert "<mark>sécheresse</mark>" in hits
    assert "Dakar : Paris promet une aide" in hits


def test_web_article_page_highlights_every_layer(client, ids):
    page = client.get(f"/articles/{ids['demo-berlin']}").text
    for layer in ("hl-entity", "hl-quote", "hl-timex", "hl-place", "hl-event"):
        assert layer in page
    weber = _actor_id(client, "Jonas Weber")
    assert f'<a href="/actors/{weber}">Jonas Weber</a>' in page
    assert 'id="s-q1"' in page
    assert 'title="PER · Jonas Weber (DEU, chancelier)' in page


def test_web_article_by_source_id_and_missing_ones(client):
    assert client.get("/articles/demo-rabat").status_code == 200
    assert client.get("/articles/nothing-here").status_code == 404
    assert client.get("/actors/99999").status_code == 404
    assert client.get("/api/v1/articles/nothing-here").status_code == 404


def test_web_escapes_article_text_everywhere(client, ids):
    """The hostile article's text, title, source, URL and entity names reach pages only escaped."""
    dumont = _actor_id(client, "Claire Dumont")
    pages = [
        client.get(f"/articles/{ids['demo-escaping']}").text,
        client.get("/").text,
        client.get(f"/actors/{dumont}").text,
        client.get("/actors", params={"type": "MISC"}).text,
    ]
    for page in pages:
        assert "<script>alert(" not in page
        assert "<img src=x" not in page
        assert "<b>d'échappement" not in page
    article = pages[0]
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in article
    # A javascript: URL is shown as text, never made a link.
    assert 'href="javascript' not in article
    assert "javascript:alert(&#39;url&#39;)//&#34;&gt;&lt;script&gt;" in article
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Un texte piégé" in pages[1]


def test_web_actor_page(client):
    dumont = _actor_id(client, "Claire Dumont")
    page = client.get(f"/actors/{dumont}").text
    assert "<h1>Claire Dumont" in page
    assert "Nous avons ouvert un nouveau chapitre" in page
    assert "Karim Benali" in page
    assert "Moussa Ndiaye" in page
    assert page.count('class="bar t-') == 4  # her 4 events, one bar each


def test_web_charts_render_as_svg(client):
    events = client.get("/events").text
    assert len(re.findall(r'<rect class="bar t-[A-Z]+"', events)) == 8
    network = client.get("/network").text
    assert network.count("<circle") == 8  # 5 people and 3 organisations
    assert 'class="edge has-events"' in network
    places = client.get("/map").text
    assert places.count('<circle class="place"') == 6
    assert 'href="/static/telex/world.svg"' in places


def test_web_events_form_reports_bad_filters(client):
    page = client.get("/events", params={"date_from": "2023-02-30", "actor": "Personne"}).text
    assert "invalid published date" in page
    assert "no actor matches" in page


# -- the JSON API ----------------------------------------------------------------------------


def test_api_article_is_the_contract_plus_text(client, ids):
    data = client.get(f"/api/v1/articles/{ids['demo-rabat']}").json()
    stored = StoredArticle.model_validate(data)
    assert stored.source_id == "demo-rabat"
    for span in stored.spans():
        assert stored.text[span.start : span.end] == span.text
    assert set(stored.actors) == {e.id for e in stored.entities}


def test_api_events_filters(client):
    dumont = _actor_id(client, "Claire Dumont")
    assert len(client.get("/api/v1/events").json()) == 8
    assert len(client.get("/api/v1/events", params={"actor": dumont}).json()) == 4
    consult = client.get("/api/v1/events", params={"type": "CONSULT", "country": "DEU"}).json()
    assert [e["target_name"] for e in consult] == ["Jonas Weber"]
    march = client.get(
        "/api/v1/events", params={"date_from": "2023-03-01", "date_to": "2023-03-31"}
    )
    assert {e["day"] for e in march.json()} == {"2023-03-09"}
    assert client.get("/api/v1/events", params={"date_from": "mardi"}).status_code == 422


def test_api_timeline_quotes_network_places(client):
    timeline = client.get("/api/v1/timeline", params={"interval": "month"}).json()
    assert sum(p["count"] for p in timeline) == 8
    assert client.get("/api/v1/timeline", params={"interval": "decade"}).status_code == 422
    weber = _actor_id(client, "Jonas Weber")
    quotes = client.get("/api/v1/quotes", params={"speaker": weber}).json()
    assert [q["cue"] for q in quotes] == ["a averti"]
    network = client.get("/api/v1/network", params={"limit": 5}).json()
    assert len(network["nodes"]) == 5
    places = client.get("/api/v1/places").json()
    assert {p["name"] for p in places} == {"Rabat", "Dakar", "Sénégal", "Paris", "Berlin", "Tunis"}
    stats = client.get("/api/v1/stats").json()
    assert (stats["articles"], stats["events"], stats["quotes"]) == (5, 8, 5)


def test_api_docs_work_offline(client):
    docs = client.get("/docs").text
    scripts = re.findall(r'(?:src|href)="([^"]+)"', docs)
    assert scripts
    assert all(url.startswith("/") for url in scripts), scripts
    for url in scripts:
        assert client.get(url).status_code == 200
    redoc = client.get("/redoc").text
    assert "fonts.googleapis" not in redoc
    assert all(u.startswith("/") for u in re.findall(r'src="([^"]+)"', redoc))
    spec = client.get("/openapi.json").json()
    assert {"/api/v1/articles", "/api/v1/actors/{actor_id}", "/api/v1/timeline"} <= set(
        spec["paths"]
    )
    assert not any(path.startswith("/articles") for path in spec["paths"])  # pages stay out


def test_web_missing_corpus_is_a_clear_error(tmp_path):
    client = TestClient(create_app(WebSettings(db=tmp_path / "none.db")))
    response = client.get("/api/v1/stats")
    assert response.status_code == 503
    assert "no corpus at" in response.json()["detail"]


# -- highlighting and charts, without the app --------------------------------------------------


def _span(start, end, layer="entity", anchor="a"):
    return Span(start, end, layer, anchor, layer, "")


def test_segments_cover_the_text_exactly_once():
    text = "Claire Dumont a dit « bonjour » à Rabat."
    spans = [
        _span(0, 13, anchor="e1"),
        _span(20, 31, "quote", "q1"),
        _span(0, 31, "event", "v1"),
        _span(34, 39, "place", "p1"),
        _span(30, 99, "timex", "bad"),
        _span(5, 5, "timex", "empty"),
    ]
    parts = segments(text, spans)
    assert "".join(p.text for p in parts) == text
    first = parts[0]
    assert first.text == "Claire Dumont"
    assert [s.layer for s in first.spans] == ["event", "entity"]
    assert first.anchors == ["v1", "e1"]
    inside_quote = next(p for p in parts if p.text == "« bonjour »")
    assert {s.layer for s in inside_quote.spans} == {"quote", "event"}
    assert all("bad" not in p.anchors and "empty" not in p.anchors for p in parts)


def test_article_spans_link_entities_to_actors():
    article = StoredArticle(
        id="x",
        text="Claire Dumont parle.",
        actors={"e1": 7},
        entities=[
            {
                "id": "e1",
                "name": "Claire Dumont",
                "type": "PER",
                "mentions": [{"start": 0, "end": 13, "text": "Claire Dumont"}],
            }
        ],
    )
    (span,) = article_spans(article)
    assert (span.href, span.css, span.anchor) == ("/actors/7", "ent-PER", "s-e1-0")


@pytest.mark.parametrize(
    ("first", "last", "interval"),
    [
        ("2023-01-01", "2023-01-20", "day"),
        ("2023-01-01", "2023-09-01", "week"),
        ("2019-01-01", "2023-09-01", "month"),
        ("1990-01-01", "2023-09-01", "year"),
        (None, None, "month"),
    ],
)
def test_interval_for(first, last, interval):
    assert interval_for(first, last) == interval


def test_timeline_chart_fills_gaps_and_stacks():
    points = [
        TimelinePoint(period="2023-01", type="CONSULT", count=2),
        TimelinePoint(period="2023-01", type="ASSAULT", count=1),
        TimelinePoint(period="2023-04", type="CONSULT", count=3),
    ]
    chart = timeline_chart(points, "month", width=400, height=100)
    assert chart.total == 6
    assert chart.types == ["CONSULT", "ASSAULT"]  # PLOVER order
    xs = sorted({round(b.x) for b in chart.bars})
    assert len(xs) == 2
    step = (xs[1] - xs[0]) / 3  # January to April: two empty months between
    assert step == pytest.approx((400 - 50) / 4, abs=1)
    january = [b for b in chart.bars if b.period == "2023-01"]
    assert sum(b.height for b in january) == pytest.approx(max(b.height for b in chart.bars))


def test_network_layout_is_deterministic_and_on_the_picture():
    network = Network(
        nodes=[NetworkNode(id=i, name=f"A{i}", type="PER", n_articles=i + 1) for i in range(6)],
        edges=[
            NetworkEdge(source=0, target=1, weight=3),
            NetworkEdge(source=2, target=3, weight=1),
        ],
    )
    one, two = network_layout(network), network_layout(network)
    assert [(n.x, n.y) for n in one.nodes] == [(n.x, n.y) for n in two.nodes]
    assert all(0 <= n.x <= one.width and 0 <= n.y <= one.height for n in one.nodes)
    assert len(one.edges) == 2


def test_place_map_frames_the_points():
    places = [
        PlacePoint(name="Paris", lat=48.86, lon=2.35, n_articles=1, n_mentions=3),
        PlacePoint(name="Dakar", lat=14.69, lon=-17.44, n_articles=1, n_mentions=1),
    ]
    chart = place_map(places)
    x0, y0, w, h = (float(v) for v in chart.view_box.split())
    assert w == pytest.approx(2 * h)
    for point in chart.points:
        assert x0 <= point.x <= x0 + w
        assert y0 <= point.y <= y0 + h
    assert chart.points[0].r > chart.points[1].r
    assert place_map([]).view_box == "0 0 360 180"


def test_web_settings_default_to_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TELEX_DB", str(tmp_path / "x.db"))
    assert WebSettings().db == tmp_path / "x.db"


def test_web_finds_an_article_by_a_url_source_id(tmp_path):
    from telex import Analysis, Article

    with Store(tmp_path / "c.db") as store:
        store.add(
            Article(text="Un texte court.", id="https://example.org/2023/a"), Analysis(id="x")
        )
    client = TestClient(create_app(WebSettings(db=tmp_path / "c.db")))
    data = client.get("/api/v1/articles/https://example.org/2023/a").json()
    assert data["source_id"] == "https://example.org/2023/a"
    assert client.get("/articles/https://example.org/2023/a").status_code == 200


def test_cli_serve_checks_the_corpus_then_runs_the_app(tmp_path, corpus, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from telex.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1
    assert "no corpus at" in missing.stderr
    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    ran = runner.invoke(app, ["serve", "--db", str(corpus), "--port", "8123"])
    assert ran.exit_code == 0
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    assert TestClient(served["app"]).get("/api/v1/stats").json()["articles"] == 5
