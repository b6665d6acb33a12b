"""What comes in: non-French articles are reported (skipped or analysed by flag), oversized ones
refused at the documented limit, markup never reaches the text, and an article a component fails
on costs that article only."""

from __future__ import annotations

import io
import json
import re

import pytest
from typer.testing import CliRunner

import telex
from conftest import EXAMPLE, ROOT
from telex.article import Article
from telex.cli import app
from telex.errors import AnalysisError, InputError
from telex.ingest import Problem, read_inputs
from telex.ingest.html import html_to_article
from telex.ingest.jsonl import read_jsonl_file
from telex.language import language_problem
from telex.pipeline import MAX_CHARS, load_pipeline, make_doc
from telex.store import Store

runner = CliRunner()
FRENCH = (
    "Le ministre des Affaires étrangères a rencontré mercredi à Berlin son homologue pour discuter "
    "du retrait des troupes étrangères et des mercenaires du pays. Les deux dirigeants ont déclaré "
    "qu'ils travailleraient ensemble pour organiser des élections avant la fin de l'année, et ils "
    "ont appelé toutes les parties à respecter le cessez-le-feu signé en octobre à Genève."
)
OTHER = {
    "en": "The foreign minister met her counterpart on Wednesday in Berlin to discuss the "
    "withdrawal of foreign troops and mercenaries from the country. Both leaders said they would "
    "work together to hold elections before the end of the year, and they called on all parties "
    "to respect the ceasefire signed in October in Geneva.",
    "es": "El ministro de Asuntos Exteriores se reunió el miércoles en Berlín con su homóloga para "
    "hablar de la retirada de las tropas extranjeras y de los mercenarios del país. Ambos "
    "dirigentes dijeron que trabajarían juntos para celebrar elecciones antes de que termine el "
    "año, y pidieron a todas las partes que respeten el alto el fuego firmado en octubre.",
    "it": "Il ministro degli Esteri ha incontrato mercoledì a Berlino la sua omologa per discutere "
    "del ritiro delle truppe straniere e dei mercenari dal paese. I due leader hanno detto che "
    "lavoreranno insieme per tenere le elezioni prima della fine dell'anno e hanno chiesto a tutte "
    "le parti di rispettare il cessate il fuoco firmato a ottobre a Ginevra.",
    "de": "Der Außenminister traf am Mittwoch in Berlin seine Amtskollegin, um über den Abzug "
    "ausländischer Truppen und Söldner aus dem Land zu sprechen. Beide sagten, sie wollten "
    "zusammenarbeiten, um vor Ende des Jahres Wahlen abzuhalten, und forderten alle Parteien auf, "
    "den im Oktober in Genf unterzeichneten Waffenstillstand zu respektieren.",
    "pt": "O ministro dos Negócios Estrangeiros reuniu-se na quarta-feira em Berlim com a sua "
    "homóloga para discutir a retirada das tropas estrangeiras e dos mercenários do país. Os dois "
    "dirigentes disseram que vão trabalhar juntos para realizar eleições antes do fim do ano e "
    "pediram a todas as partes que respeitem o cessar-fogo assinado em outubro.",
    "ar": "التقى وزير الخارجية نظيرته يوم الأربعاء في برلين لمناقشة انسحاب القوات الأجنبية "
    "والمرتزقة من البلاد. وقال الزعيمان إنهما سيعملان معا لإجراء انتخابات قبل نهاية العام، "
    "ودعوا جميع الأطراف إلى احترام وقف إطلاق النار الذي وقع في أكتوبر في جنيف.",
    "ru": "Министр иностранных дел встретился в среду в Берлине со своей коллегой, чтобы обсудить "
    "вывод иностранных войск и наемников из страны. Оба лидера заявили, что будут работать вместе, "
    "чтобы провести выборы до конца года.",
    "zh": "外交部长星期三在柏林会见了他的同行，讨论外国军队和雇佣军撤出该国的问题。两位领导人表示，"
    "他们将共同努力，在年底前举行选举，并呼吁各方遵守去年十月在日内瓦签署的停火协议。"
    "双方还同意继续就地区安全问题保持密切沟通，并加强在经济和人文领域的合作。"
    "他们强调，只有通过对话和谈判才能实现持久和平，国际社会应当为此提供支持。",
    "he": "שר החוץ נפגש ביום רביעי בברלין עם עמיתתו כדי לדון בנסיגת הכוחות הזרים והשכירים מהמדינה. "
    "שני המנהיגים אמרו שיעבדו יחד כדי לקיים בחירות לפני סוף השנה, וקראו לכל הצדדים לכבד את "
    "הפסקת האש שנחתמה באוקטובר בז'נבה.",
}


# -- the language check ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(OTHER))
def test_non_french_articles_are_detected(lang):
    problem = language_problem(OTHER[lang])
    assert problem is not None
    assert problem.startswith("does not look French")


@pytest.mark.parametrize(
    "text",
    [
        FRENCH,
        EXAMPLE.read_text(encoding="utf-8"),
        # A French article quoting a passage in English stays French.
        FRENCH + " " + OTHER["en"][:200] + " " + FRENCH,
        # French about Arabic-speaking people: names in Latin letters, a word in Arabic.
        FRENCH + " Le mot « سلام » signifie paix.",
        # Too short to judge: given the benefit of the doubt.
        "Breaking news: minister resigns",
        "外交部长",
    ],
)
def test_french_and_short_texts_pass(text):
    assert language_problem(text) is None


def _jsonl(tmp_path, records: list[dict]) -> str:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return str(path)


def test_cli_analyze_non_french_warn_is_the_default(tmp_path, nlp):
    path = _jsonl(tmp_path, [{"id": "fr", "text": FRENCH}, {"id": "en", "text": OTHER["en"]}])
    result = runner.invoke(app, ["analyze", path])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["fr", "en"]
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("telex: warning: en: does not look French")
    assert "analysed anyway" in warning


def test_cli_analyze_non_french_skip(tmp_path, nlp):
    records = [{"id": lang, "text": text} for lang, text in OTHER.items()]
    path = _jsonl(tmp_path, [{"id": "fr", "text": FRENCH}, *records])
    result = runner.invoke(app, ["analyze", path, "--non-french", "skip"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["fr"]
    warnings = result.stderr.splitlines()
    assert len(warnings) == len(OTHER)
    assert all(re.match(r"telex: warning: \w\w: does not look French", w) for w in warnings)
    assert all(w.endswith("skipped (--non-french skip)") for w in warnings)


def test_cli_ingest_non_french_skip(tmp_path, nlp):
    db = tmp_path / "c.db"
    path = _jsonl(tmp_path, [{"id": "fr", "text": FRENCH}, {"id": "ar", "text": OTHER["ar"]}])
    result = runner.invoke(app, ["ingest", path, "--db", str(db), "--non-french", "skip"])
    assert result.exit_code == 0, result.stderr
    assert "ar: does not look French (written in Arabic script" in result.stderr
    assert "1 added, 0 already present, 1 not French (skipped), 0 failed" in result.stderr
    with Store(db) as store:
        assert [a.source_id for a in store.articles()] == ["fr"]
    again = runner.invoke(app, ["ingest", path, "--db", str(db)])
    assert "1 added, 1 already present, 0 failed" in again.stderr
    assert "analysed anyway" in again.stderr


def test_cli_rejects_an_unknown_non_french_policy():
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--non-french", "translate"])
    assert result.exit_code == 2


# -- the size limit --------------------------------------------------------------------------


def test_the_documented_limit_is_the_enforced_one():
    assert f"{MAX_CHARS:,} characters" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_an_article_at_the_limit_is_taken_and_one_over_is_refused(nlp):
    at_limit = Article(text="a " * (MAX_CHARS // 2), id="at")
    assert len(make_doc(load_pipeline(), at_limit).text) == MAX_CHARS
    with pytest.raises(InputError, match=r"article over has 300,001 characters, over the limit of "
                       r"300,000; split it into smaller articles"):
        telex.analyze(Article(text="a" * (MAX_CHARS + 1), id="over"))


def test_cli_refuses_an_oversized_article_and_analyses_the_others(tmp_path, nlp):
    (tmp_path / "a-small.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "b-huge.txt").write_text("mot " * (MAX_CHARS // 4 + 1), encoding="utf-8")
    (tmp_path / "c-small.txt").write_text(FRENCH, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a-small", "c-small"]
    assert "telex: error: b-huge: article b-huge has 300,004 characters, over the limit of " \
        "300,000; split it into smaller articles" in result.stderr
    assert "Traceback" not in result.stderr


# -- markup never leaks into the text --------------------------------------------------------

BODY = (
    "Le ministre des Affaires étrangères a rencontré mercredi son homologue à Berlin pour "
    "discuter du retrait des troupes étrangères et de la préparation des élections. "
)
HOSTILE_MARKUP = (
    "<script>LEAK_SCRIPT()</script><style>.LEAK_STYLE{}</style>"
    "<p>Avant <iframe src='https://evil.example/'>LEAK_IFRAME</iframe> après.</p>"
    "<p onclick='LEAK_ONCLICK()'>Texte <img src=x onerror='LEAK_ONERROR()'> "
    "<a href='javascript:LEAK_JS()'>lien</a> <svg onload='LEAK_SVG()'><text>LEAK_SVGTEXT</text>"
    "</svg> suite.</p>"
    "<noscript>LEAK_NOSCRIPT</noscript><template><p>LEAK_TEMPLATE</p></template>"
    "<object data='x'>LEAK_OBJECT</object><embed src='LEAK_EMBED'>"
    "<!-- LEAK_COMMENT --><textarea>LEAK_TEXTAREA</textarea>"
    "<select><option>LEAK_OPTION</option></select><button>LEAK_BUTTON</button>"
    "<video>LEAK_VIDEO</video><math><mi>LEAK_MATH</mi></math>"
)


def _assert_clean(text: str) -> None:
    assert "LEAK" not in text
    assert not re.search(r"<\s*/?\s*[a-zA-Z!]", text), text


def test_html_page_keeps_no_markup_script_or_iframe(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>Un titre</title>"
        "<script>var LEAK_HEAD = '<p>x</p>';</script>"
        "<link rel='canonical' href='javascript:LEAK_CANONICAL()'></head><body><article>"
        f"<h1>Un titre</h1><p>{BODY * 3}</p>{HOSTILE_MARKUP}<p>La réunion s'est achevée tard "
        "dans la soirée, sans déclaration commune des deux délégations. Fin.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert BODY.strip() in article.text
    assert "Fin." in article.text
    _assert_clean(article.text)
    assert article.url is None or article.url.startswith("http")


@pytest.mark.parametrize("void", ["<embed src='video.swf'>", "<wbr>", "<source src='a.mp4'>"])
def test_html_page_keeps_the_text_after_an_empty_element(void):
    """libxml2 nested the rest of the article inside an <embed>, and trafilatura dropped it."""
    page = (
        f"<html><body><article><h1>Titre</h1><p>{BODY * 3}</p>{void}"
        "<p>La réunion s'est achevée tard dans la soirée, sans déclaration commune. Fin.</p>"
        "</article></body></html>"
    )
    article = html_to_article(page.encode(), where="page.html", stem="page")
    assert article.text.endswith("sans déclaration commune. Fin.")


def test_feed_entries_keep_no_markup_script_or_iframe(tmp_path):
    escaped = HOSTILE_MARKUP.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Le &lt;b&gt;fil&lt;/b&gt;</title>"
        "<item><title>Titre &lt;script&gt;LEAK_TITLE()&lt;/script&gt;</title>"
        "<link>javascript:LEAK_LINK()</link>"
        f"<description><![CDATA[<p>{BODY}</p>{HOSTILE_MARKUP}]]></description></item>"
        f"<item><title>Deux</title><link>https://example.org/2</link>"
        f"<description>&lt;p&gt;{BODY}&lt;/p&gt;{escaped}\x1b</description></item>"
        "</channel></rss>"
    )
    path = tmp_path / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    first, second = read_inputs([str(path)])
    for article in (first, second):
        assert isinstance(article, Article)
        assert BODY.strip() in article.text
        _assert_clean(article.text)
        _assert_clean(article.title or "")
        assert article.source == "Le fil"
    assert first.title == "Titre"
    assert first.url is None
    assert second.url == "https://example.org/2"


# -- broken text and lines -------------------------------------------------------------------


def test_jsonl_keeps_articles_with_line_separators_and_broken_escapes(tmp_path, nlp):
    path = tmp_path / "odd.jsonl"
    path.write_text(
        json.dumps({"id": "ls", "text": FRENCH + "\u2028" + FRENCH + "\x85fin"}, ensure_ascii=False)
        + "\n"
        + '{"id": "half-emoji", "text": "Le président \\ud83d a parlé à Paris."}\r\n'
        + json.dumps({"id": "nul", "text": "Claire Dumont\x00 a parlé."}),
        encoding="utf-8",
    )
    items = list(read_inputs([str(path)]))
    assert [item.id for item in items] == ["ls", "half-emoji", "nul"]
    assert all(isinstance(item, Article) for item in items)
    assert items[1].text == "Le président \ufffd a parlé à Paris."
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.stderr
    # One output object a line, whatever line separators the texts hold.
    out = result.stdout.split("\n")
    assert [json.loads(line)["id"] for line in out if line] == ["ls", "half-emoji", "nul"]
    assert len(result.stdout.splitlines()) == 3


def test_jsonl_lines_end_at_lf_crlf_or_cr_and_keep_their_numbers(tmp_path):
    path = tmp_path / "ends.jsonl"
    records = [json.dumps({"id": f"a{n}", "text": FRENCH}, ensure_ascii=False) for n in range(4)]
    data = "\ufeff" + records[0] + "\r" + records[1] + "\r\n" + "{broken\n" + records[2] + "\n\n"
    path.write_bytes((data + records[3]).encode("utf-8"))
    items = list(read_inputs([str(path)]))
    assert [getattr(i, "id", None) for i in items] == ["a0", "a1", None, "a2", "a3"]
    assert str(items[2]).startswith(f"{path}:3: not valid JSON")


def test_a_jsonl_file_in_two_encodings_keeps_every_article_with_one_warning(tmp_path):
    path = tmp_path / "mixed.jsonl"
    utf8 = json.dumps({"id": "u", "text": "L'été à Orléans."}, ensure_ascii=False)
    legacy = json.dumps({"id": "w", "text": "Le café coûte 2 €."}, ensure_ascii=False)
    path.write_bytes(utf8.encode("utf-8") + b"\n" + legacy.encode("cp1252") + b"\n")
    items = list(read_inputs([str(path)]))
    warnings = [i for i in items if isinstance(i, Problem)]
    assert [str(w) for w in warnings] == [f"{path}: not UTF-8: decoded as Windows-1252 (Latin-1)"]
    articles = {i.id: i.text for i in items if isinstance(i, Article)}
    assert articles == {"u": "L'été à Orléans.", "w": "Le café coûte 2 €."}


class _Tracked(io.BytesIO):
    """A file that remembers how far it was read."""

    furthest = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.furthest = max(self.furthest, self.tell())
        return line

    def __next__(self) -> bytes:
        line = super().__next__()
        self.furthest = max(self.furthest, self.tell())
        return line


def test_a_jsonl_file_is_read_as_it_is_analysed_not_loaded_whole():
    line = json.dumps({"text": FRENCH}, ensure_ascii=False).encode("utf-8") + b"\n"
    file = _Tracked(line * 5000)
    articles = read_jsonl_file(file, "big.jsonl")
    first = next(articles)
    assert isinstance(first, Article)
    assert first.id == "big.jsonl:1"
    assert file.furthest < len(line) * 200  # the 8 KB sniff and the first line
    assert sum(1 for _ in articles) == 4999


def test_an_empty_or_binary_jsonl_file_is_one_problem(tmp_path):
    empty, binary = tmp_path / "empty.jsonl", tmp_path / "binary.jsonl"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    assert [str(p) for p in read_inputs([str(empty), str(binary)])] == [
        f"{empty}: empty file",
        f"{binary}: binary data, not text (give a .txt or .jsonl file in UTF-8)",
    ]


# -- a component that fails costs one article ------------------------------------------------


@pytest.fixture
def failing_events(nlp, monkeypatch):
    """telex_events raises on any article that contains the word BOOM."""
    component = type(nlp.get_pipe("telex_events"))
    original = component.__call__

    def call(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("simulated bug")
        return original(self, doc)

    monkeypatch.setattr(component, "__call__", call)


def test_analyze_names_the_component_that_failed(failing_events):
    with pytest.raises(AnalysisError, match=r"article boom: telex_events failed \(RuntimeError: "
                       r"simulated bug\); this is a bug in telex"):
        telex.analyze(Article(text="BOOM à Paris.", id="boom"))


def test_analyze_many_skips_only_the_article_that_fails(failing_events):
    texts = [f"Article {n}. {FRENCH}" for n in range(7)]
    texts[3] = "BOOM " + texts[3]
    articles = [Article(text=t, id=f"a{n}") for n, t in enumerate(texts)]
    failed: list[tuple[str, str]] = []
    analyses = telex.analyze_many(
        articles, batch_size=4, on_error=lambda a, e: failed.append((a.id, str(e)))
    )
    assert [a.id for a in analyses] == ["a0", "a1", "a2", "a4", "a5", "a6"]
    assert [(ident, "telex_events failed" in message) for ident, message in failed] == [
        ("a3", True)
    ]
    with pytest.raises(AnalysisError, match="article a3"):
        list(telex.analyze_many(articles, batch_size=4))


def test_cli_reports_a_failing_article_and_goes_on(tmp_path, failing_events):
    (tmp_path / "a.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "b.txt").write_text("BOOM " + FRENCH, encoding="utf-8")
    (tmp_path / "c.txt").write_text(FRENCH + " Fin.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert "telex: error: b: article b: telex_events failed (RuntimeError: simulated bug)" in (
        result.stderr
    )
    db = tmp_path / "c.db"
    ingest = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)])
    assert ingest.exit_code == 1
    assert "2 added, 0 already present, 1 failed" in ingest.stderr
    assert "Traceback" not in ingest.stderr


def test_problem_lines_are_one_line():
    problems = [
        item for item in read_inputs(["/nonexistent/x.txt", "-x-"]) if isinstance(item, Problem)
    ]
    assert len(problems) == 2
    assert all("\n" not in str(p) for p in problems)


def test_terminal_output_never_carries_control_characters(tmp_path, nlp):
    """An escape sequence in an input's id or text is shown, not acted on by the terminal."""
    hostile_id = "x\x1b[2J\ny"
    path = _jsonl(tmp_path, [{"id": hostile_id, "text": OTHER["en"] + " \x1b]0;pwned\x07"}])
    warned = runner.invoke(app, ["analyze", path])
    (warning,) = warned.stderr.splitlines()
    assert warning.startswith("telex: warning: x\\x1b[2J\\ny: does not look French")
    table = runner.invoke(app, ["analyze", path, "--format", "table"])
    assert table.exit_code == 0
    assert "\x1b" not in table.stdout
    assert "\x07" not in table.stdout
    assert "x\\x1b[2J" in table.stdout
