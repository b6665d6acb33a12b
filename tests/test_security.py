"""Nothing executes, nothing leaks: SQL injection through every parameter, the token that
`telex serve` requires beyond loopback, and a hostile article rendered inert in Chromium.

The hostile article carries script tags, event-handler attributes, `javascript:` URLs and quote
marks meant to close an attribute, in its text, title, source, URL, and in every string of its
analysis that a page shows (entity names, roles, aliases, speakers, cues, event types, places).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

import uvicorn
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError
from typer.testing import CliRunner

from conftest import ROOT, serving
from corpus_fixture import fill
from telex.article import Article
from telex.cli import app as cli
from telex.schema import Analysis, Entity, Event, Mention, Place, Quote, Timex
from telex.store import Store
from telex.web import WebSettings, api, create_app, ui
from telex.web.security import CONTENT_SECURITY_POLICY, COOKIE

TOKEN = "s3cret-token-for-tests"
PAYLOADS = {
    "script": "<script>alert('s1')</script>",
    "img": "<img src=x onerror=alert('i1')>",
    "svg": "<svg onload=alert('v1')>",
    "double": '" onmouseover="alert(\'q1\')" data-x="',
    "single": "' onfocus='alert(\"q2\")' autofocus x='",
    "js": "javascript:alert('j1')",
    "close": "</textarea></title></span><script>alert('t1')</script>",
    "template": "{{ 7*7 }}{% raw %}${7*7}",
    "iframe": "<iframe src=\"javascript:alert('f1')\"></iframe>",
    "link": "<a href=\"javascript:alert('a1')\">lien</a>",
}
ALL = " ".join(PAYLOADS.values())


# -- a hostile article, with its analysis -----------------------------------------------------


def hostile() -> tuple[Article, Analysis]:
    """An article whose every shown string is an attack; offsets point into its own text."""
    pieces = [
        "La ministre ",
        ("per", f'Claire {PAYLOADS["double"]}Dumont'),
        " a déclaré mercredi ",
        ("date", f"le 24 juin {PAYLOADS['single']}"),
        " à ",
        ("place", f"Rabat{PAYLOADS['svg']}"),
        " : ",
        ("quote", f"« {PAYLOADS['script']} {PAYLOADS['img']} »"),
        ". Elle a rencontré ",
        ("org", f"l'ONU {PAYLOADS['close']}"),
        f" selon {PAYLOADS['js']} {PAYLOADS['iframe']} {PAYLOADS['link']} {PAYLOADS['template']}.",
    ]
    text, at = "", {}
    for piece in pieces:
        if isinstance(piece, tuple):
            at[piece[0]] = (len(text), len(text) + len(piece[1]))
            piece = piece[1]
        text += piece

    def mention(key: str) -> Mention:
        start, end = at[key]
        return Mention(start=start, end=end, text=text[start:end])

    person = Entity(
        id=f"e1{PAYLOADS['double']}",
        name=f"Claire {PAYLOADS['double']}Dumont",
        type="PER",
        aliases=[PAYLOADS["script"], PAYLOADS["single"]],
        country=PAYLOADS["img"],
        role=PAYLOADS["close"],
        code=PAYLOADS["svg"],
        kb_id=PAYLOADS["js"],
        mentions=[mention("per")],
    )
    org = Entity(
        id="e2", name=f"ONU {PAYLOADS['iframe']}", type="ORG", mentions=[mention("org")],
        role=PAYLOADS["link"],
    )
    quote_span = mention("quote")
    date_span, place_span = mention("date"), mention("place")
    analysis = Analysis(
        id="hostile",
        published="2023-06-07",
        title=f"{PAYLOADS['script']} Un titre piégé {PAYLOADS['double']}",
        source=PAYLOADS["img"],
        url=PAYLOADS["js"],
        entities=[person, org],
        quotes=[
            Quote(
                id=f"q1{PAYLOADS['single']}", text=quote_span.text, start=quote_span.start,
                end=quote_span.end, kind="direct", speaker=person.id,
                speaker_name=PAYLOADS["script"], cue=PAYLOADS["double"], via=PAYLOADS["js"],
            )
        ],
        timexes=[
            Timex(
                id="t1", text=date_span.text, start=date_span.start, end=date_span.end,
                value=PAYLOADS["double"],
            )
        ],
        places=[
            Place(
                id="p1", text=place_span.text, start=place_span.start, end=place_span.end,
                name=f"Rabat {PAYLOADS['svg']}", country=PAYLOADS["single"], lat=34.0, lon=-6.8,
            )
        ],
        events=[
            Event(
                id="v1", type=f"CONSULT{PAYLOADS['double']}", mode=PAYLOADS["script"],
                cameo_root=PAYLOADS["single"], source=person.id, source_name=person.name,
                source_country=PAYLOADS["img"], target=org.id, target_name=org.name,
                date="2023-06-07", place="p1", text=quote_span.text, start=quote_span.start,
                end=quote_span.end,
            )
        ],
    )
    article = Article(
        text=text,
        id=f"hostile{PAYLOADS['double']}",
        published="2023-06-07",
        title=analysis.title,
        source=analysis.source,
        url=analysis.url,
    )
    return article, analysis


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("security") / "corpus.db"
    with Store(path) as store:
        fill(store, [hostile()])
    return path


@pytest.fixture(scope="module")
def client(corpus) -> TestClient:
    return TestClient(create_app(WebSettings(db=corpus)))


# -- SQL injection through every parameter ----------------------------------------------------

INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE articles; --",
    "'); DELETE FROM actors; --",
    "1 UNION SELECT sql, name, 1, 1, 1, 1, 1, 1 FROM sqlite_master --",
    "%",
    "_",
    "\\",
    "*",
    'NEAR("a" "b")',
    "title:x OR text:y",
    "^x AND -y",
    "\x00",
    "-1",
    "99999999999999999999999",
    "1e308",
    "2023-02-30",
    "x" * 5000,
    "Ω≈ç√∫ 🎉 \u202e",
]


def _dependants(dependant):
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _routes() -> list[tuple[str, list[str], list[str]]]:
    """Every GET route of the API and the pages: path, query parameters, path parameters."""
    found = []
    for route in [*api.router.routes, *ui.router.routes]:
        parts = list(_dependants(route.dependant))
        queries = sorted({p.alias for d in parts for p in d.query_params})
        paths = sorted({p.name for d in parts for p in d.path_params})
        found.append((route.path, queries, paths))
    return found


def _fill(path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace(f"{{{name}:path}}", value).replace(f"{{{name}}}", value)
    return path


def _snapshot(path: Path) -> tuple[object, ...]:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (
            connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY 2").fetchall(),
            *(
                connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "actors", "entities", "quotes", "events", "places")
            ),
        )
    finally:
        connection.close()


def test_every_route_and_parameter_is_covered():
    routes = _routes()
    assert len(routes) >= 17
    parameters = {q for _, queries, _ in routes for q in queries}
    assert {"q", "type", "country", "actor", "date_from", "limit", "offset", "page"} <= parameters


def test_sql_injection_through_every_query_and_path_parameter(client, corpus):
    before = _snapshot(corpus)
    article_id = client.get("/api/v1/articles").json()[0]["id"]
    actor_id = str(client.get("/api/v1/actors").json()[0]["id"])
    valid = {"article_id": article_id, "actor_id": actor_id}
    tried = 0
    for path, queries, path_params in _routes():
        for name in queries:
            for payload in INJECTIONS:
                response = client.get(_fill(path, valid), params={name: payload})
                tried += 1
                assert response.status_code in (200, 404, 422), (path, name, payload)
                assert "CREATE TABLE" not in response.text, (path, name, payload)
        for name in path_params:
            for payload in INJECTIONS:
                url = _fill(path, {**valid, name: quote(payload, safe="")})
                response = client.get(url)
                tried += 1
                assert response.status_code in (200, 404, 422), (path, name, payload)
                assert "CREATE TABLE" not in response.text
    assert tried > 400
    assert _snapshot(corpus) == before


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/events", {"country": "' OR '1'='1"}),
        ("/api/v1/events", {"type": "x' OR 'a'='a"}),
        ("/api/v1/timeline", {"country": "FRA' OR 1=1 --"}),
        ("/api/v1/actors", {"q": "' OR 1=1 --"}),
        ("/api/v1/actors", {"q": "%"}),
        ("/api/v1/actors", {"q": "_"}),
        ("/api/v1/quotes", {"q": '" OR ""="'}),
        ("/api/v1/articles", {"q": "NEAR(ministre rencontre) OR *"}),
    ],
)
def test_injected_filters_match_nothing(client, path, params):
    assert client.get(path, params=params).json() == []


# -- the token ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def locked(corpus) -> TestClient:
    return TestClient(create_app(WebSettings(db=corpus, token=SecretStr(TOKEN))))


def _every_kind_of_address(client: TestClient) -> list[str]:
    article = client.get("/api/v1/articles", headers=_bearer()).json()[0]["id"]
    actor = client.get("/api/v1/actors", headers=_bearer()).json()[0]["id"]
    concrete = {"article_id": article, "actor_id": str(actor)}
    addresses = [_fill(path, concrete) for path, _, _ in _routes()]
    docs = client.get("/docs", headers=_bearer()).text
    assert "/static/docs/swagger-ui-bundle.js" in docs
    return [
        *addresses,
        "/static/telex/app.css",
        "/static/telex/world.svg",
        "/docs",
        "/redoc",
        "/openapi.json",
        "/static/docs/swagger-ui-bundle.js",
        "/docs/oauth2-redirect",
        "/no/such/page",
    ]


def _with_cookie(client: TestClient, address: str, value: str):
    """A request with the token cookie set to `value`, as a browser would send it."""
    return client.get(address, headers={"Cookie": f"{COOKIE}={value}"})


def _bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_with_a_token_every_request_needs_it(locked):
    addresses = _every_kind_of_address(locked)
    assert len(addresses) > 20
    for address in addresses:
        refused = locked.get(address)
        assert refused.status_code == 401, address
        assert refused.headers["www-authenticate"] == 'Bearer realm="telex"'
        assert locked.get(address, headers=_bearer("wrong-token-xxxxxx")).status_code == 401
        assert locked.get(address, headers={"Authorization": TOKEN}).status_code == 401
        assert _with_cookie(locked, address, "wrong-token-xxxxxx").status_code == 401
        allowed = locked.get(address, headers=_bearer())
        assert allowed.status_code == (404 if address == "/no/such/page" else 200), address
        assert _with_cookie(locked, address, TOKEN).status_code == allowed.status_code


def test_refusals_say_what_to_do(locked):
    api_refusal = locked.get("/api/v1/stats")
    assert api_refusal.json() == {
        "detail": "this corpus needs a token: send 'Authorization: Bearer <token>'"
    }
    page = locked.get("/", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 401
    assert page.headers["content-type"].startswith("text/html")
    assert '<input type="password" name="token"' in page.text
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert TOKEN not in page.text


def test_token_in_the_address_becomes_a_cookie_and_leaves_the_address(corpus):
    browser = TestClient(create_app(WebSettings(db=corpus, token=SecretStr(TOKEN))))
    first = browser.get(
        "/events", params={"type": "CONSULT", "token": TOKEN}, follow_redirects=False
    )
    assert first.status_code == 303
    assert first.headers["location"] == "/events?type=CONSULT"
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={TOKEN};")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Max-Age=2592000" in cookie
    # The client keeps the cookie, as a browser does: every later request is let through.
    assert browser.get("/events", params={"type": "CONSULT"}).status_code == 200
    assert browser.get("/api/v1/stats").status_code == 200
    wrong = TestClient(create_app(WebSettings(db=corpus, token=SecretStr(TOKEN))))
    refused = wrong.get("/", params={"token": "not-the-token-at-all"}, follow_redirects=False)
    assert refused.status_code == 401
    assert COOKIE not in refused.headers.get("set-cookie", "")


def test_without_a_token_the_app_is_open(client):
    assert client.get("/api/v1/stats").status_code == 200
    assert client.get("/").status_code == 200


def test_token_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("TELEX_TOKEN", TOKEN)
    settings = WebSettings(db=tmp_path / "c.db")
    assert settings.token is not None
    assert settings.token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings)
    with pytest.raises(ValidationError, match="at least 12"):
        WebSettings(db=tmp_path / "c.db", token=SecretStr("short"))
    monkeypatch.delenv("TELEX_TOKEN")
    assert WebSettings(db=tmp_path / "c.db").token is None


@pytest.fixture
def served(monkeypatch) -> dict[str, object]:
    """Stands in for uvicorn.run: records what `telex serve` would have served."""
    calls: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.update(app=app, **options))
    monkeypatch.delenv("TELEX_TOKEN", raising=False)
    return calls


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.org"])
def test_serve_refuses_a_non_loopback_address_without_a_token(corpus, served, host):
    result = CliRunner().invoke(cli, ["serve", "--db", str(corpus), "--host", host])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"telex: error: refusing to serve on {host} without a token")
    assert "--token" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert served == {}


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_serve_on_loopback_needs_no_token(corpus, served, host):
    result = CliRunner().invoke(cli, ["serve", "--db", str(corpus), "--host", host])
    assert result.exit_code == 0, result.stderr
    assert served["host"] == host
    assert TestClient(served["app"]).get("/api/v1/stats").status_code == 200


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_serve_with_a_token_on_any_address_locks_every_request(corpus, served, monkeypatch, how):
    args = ["serve", "--db", str(corpus), "--host", "0.0.0.0"]
    if how == "flag":
        args += ["--token", TOKEN]
    else:
        monkeypatch.setenv("TELEX_TOKEN", TOKEN)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert TOKEN not in result.stderr
    client = TestClient(served["app"])
    assert client.get("/api/v1/stats").status_code == 401
    assert client.get("/api/v1/stats", headers=_bearer()).status_code == 200


def test_serve_refuses_a_short_token(corpus, served):
    result = CliRunner().invoke(
        cli, ["serve", "--db", str(corpus), "--host", "0.0.0.0", "--token", "hunter2"]
    )
    assert result.exit_code == 2
    assert "--token has 7 characters, give at least 12" in result.stderr
    assert served == {}


# -- the load script ---------------------------------------------------------------------------


def test_load_script_200_concurrent_requests_no_error(corpus):
    with serving(create_app(WebSettings(db=corpus, token=SecretStr(TOKEN)))) as url:
        result = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "load_api.py"), "--url", url,
             "--requests", "200", "--concurrency", "200", "--token", TOKEN],
            capture_output=True, text=True, timeout=300,
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("load: 200 of 200 requests served, 0 errors, 200 concurrent")


# -- the hostile article in Chromium -----------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
# Recorded in every page before its own scripts: dialogs opened and CSP violations.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' ' + e.blockedURI));
"""
# Elements and attributes no page of telex has, so any found came from the corpus.
INJECTED = """() => {
  const found = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.startsWith('on') || a.name === 'autofocus' || a.name === 'srcdoc') {
        found.push(e.tagName + '[' + a.name + ']');
      }
      if (/^\\s*javascript:/i.test(a.value) && ['href', 'src', 'action', 'formaction',
          'xlink:href'].includes(a.name)) {
        found.push(e.tagName + '[' + a.name + '=' + a.value + ']');
      }
    }
  }
  for (const e of document.querySelectorAll('script, iframe, object, embed, img, textarea')) {
    if (!(e.tagName === 'SCRIPT' && e.getAttribute('src') === '/static/telex/app.js')) {
      found.push(e.tagName);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from test_browser import FLAGS

    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def hostile_server(corpus) -> Iterator[str]:
    with serving(create_app(WebSettings(db=corpus))) as url:
        yield url


def _page(chromium, server: str):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.outside = outside
    return context, page


def _assert_inert(page) -> None:
    assert page.evaluate(INJECTED) == []
    page.wait_for_timeout(50)  # let anything that was going to run, run
    assert page.dialogs == [], "a script from the corpus ran"
    assert page.evaluate("window.__violations") == [], "something tried to run and CSP stopped it"
    assert page.outside == [], "the page asked for something outside the server"


@pytest.mark.browser
def test_browser_hostile_article_renders_inert(chromium, hostile_server, client):
    (summary,) = [a for a in client.get("/api/v1/articles").json() if a["id"] != a["source_id"]
                  and a["source_id"].startswith("hostile")]
    context, page = _page(chromium, hostile_server)
    try:
        response = page.goto(f"{hostile_server}/articles/{summary['id']}")
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        _assert_inert(page)
        shown = page.locator("#article-text").inner_text()
        for payload in ("script", "img", "svg", "double", "single", "close", "iframe", "link"):
            assert PAYLOADS[payload] in shown, payload
        assert page.locator("h1").inner_text().startswith(PAYLOADS["script"])
        # Quote marks stay inside the attribute they are in: the whole label is the title.
        person = page.locator("#article-text .hl-entity.ent-PER").first
        assert f'Claire {PAYLOADS["double"]}Dumont' in person.get_attribute("title")
        # Hover and focus everything that reacts: nothing runs.
        for locator in (page.locator("#article-text [title]"), page.locator("a")):
            for index in range(locator.count()):
                item = locator.nth(index)
                if item.is_visible():
                    item.hover()
                    item.focus()
        _assert_inert(page)
        # The article's javascript: URL is shown as text, never made a link.
        assert page.locator(".meta a", has_text="javascript:").count() == 0
        assert PAYLOADS["js"] in page.locator(".meta").inner_text()
        # Entities link to their actor page, which shows the same strings as text.
        page.locator("#article-text a").first.click()
        page.wait_for_url("**/actors/*")
        _assert_inert(page)
        assert PAYLOADS["double"] in page.locator("h1").inner_text()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "address",
    [
        "/",
        f"/?q={quote(ALL)}",
        "/actors",
        f"/actors?q={quote(PAYLOADS['double'])}&type={quote(PAYLOADS['script'])}",
        "/events",
        f"/events?type={quote(PAYLOADS['double'])}&country={quote(PAYLOADS['single'])}"
        f"&actor={quote(PAYLOADS['script'])}&date_from={quote(PAYLOADS['img'])}",
        "/network?type=PER&type=ORG",
        "/map",
        f"/articles/{quote(PAYLOADS['script'])}",
    ],
)
def test_browser_every_page_stays_inert(chromium, hostile_server, address):
    context, page = _page(chromium, hostile_server)
    try:
        page.goto(hostile_server + address)
        _assert_inert(page)
        for index in range(min(page.locator("a, [title]").count(), 60)):
            item = page.locator("a, [title]").nth(index)
            if item.is_visible():
                item.hover()
        _assert_inert(page)
    finally:
        context.close()


@pytest.mark.browser
def test_browser_api_json_is_never_a_page(chromium, hostile_server, client):
    (summary,) = [a for a in client.get("/api/v1/articles").json()
                  if a["source_id"].startswith("hostile")]
    context, page = _page(chromium, hostile_server)
    try:
        response = page.goto(f"{hostile_server}/api/v1/articles/{summary['id']}")
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-content-type-options"] == "nosniff"
        _assert_inert(page)
    finally:
        context.close()


@pytest.mark.browser
def test_browser_with_a_token(chromium, corpus):
    with serving(create_app(WebSettings(db=corpus, token=SecretStr(TOKEN)))) as server:
        context, page = _page(chromium, server)
        try:
            # Without it: a page that asks for it, and takes it.
            response = page.goto(server + "/actors")
            assert response.status == 401
            page.fill("input[name=token]", TOKEN)
            page.press("input[name=token]", "Enter")
            page.wait_for_url(server + "/")
            assert page.locator("ol.articles li").count() >= 5
            cookie = next(c for c in context.cookies() if c["name"] == COOKIE)
            assert cookie["httpOnly"] is True
            assert cookie["sameSite"] == "Lax"
            # The API docs, their assets and the spec they load all pass with the cookie.
            page.goto(server + "/docs")
            page.wait_for_selector(".swagger-ui .information-container", timeout=15000)
            assert page.locator(".opblock").count() >= 8
        finally:
            context.close()
        # A link with the token in it: the page opens, the token leaves the address bar.
        context, page = _page(chromium, server)
        try:
            page.goto(f"{server}/events?type=CONSULT&token={TOKEN}")
            assert page.url == f"{server}/events?type=CONSULT"
            assert page.locator("table.events tbody tr").count() >= 1
            assert TOKEN not in page.content()
            page.goto(server + "/map")
            assert page.locator(".map circle.place").count() >= 1
        finally:
            context.close()
