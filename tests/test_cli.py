"""`telex analyze` as a user runs it: formats, inputs, and bad input reported one line at a time."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE
from telex.cli import app

runner = CliRunner()
SHORT = "Emmanuel Macron a reçu mercredi à Paris le chancelier allemand Olaf Scholz pour parler de l'Europe."


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["analyze", *args], input=stdin)


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_cli_analyzes_the_bundled_example_as_jsonl():
    result = run(str(EXAMPLE), "--published", "2021-06-19", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    [doc] = lines(result.stdout)
    assert doc["id"] == "berlin-libye"
    assert doc["published"] == "2021-06-19"
    assert any(e["name"] == "Najla Al-Mangoush" for e in doc["entities"])


def test_cli_json_is_one_array_and_table_is_readable(tmp_path):
    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SHORT, encoding="utf-8")
    result = run(str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    assert [d["id"] for d in json.loads(result.stdout)] == ["a", "b"]
    table = run(str(tmp_path / "a.txt"), "--format", "table")
    assert "ENTITIES" in table.stdout
    assert "Emmanuel Macron" in table.stdout


def test_cli_jsonl_input_carries_ids_and_metadata(tmp_path):
    path = tmp_path / "in.jsonl"
    records = [
        {
            "id": "x1",
            "text": SHORT,
            "published": "2021-06-19",
            "title": "Visite",
            "source": "test",
            "url": "https://e.org/1",
        },
        {"id": "x2", "text": SHORT},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    docs = lines(run(str(path)).stdout)
    assert [(d["id"], d["published"], d["title"], d["url"]) for d in docs] == [
        ("x1", "2021-06-19", "Visite", "https://e.org/1"),
        ("x2", None, None, None),
    ]


def test_cli_reads_stdin_as_text_or_jsonl():
    assert lines(run("-", stdin=SHORT).stdout)[0]["id"] == "stdin"
    docs = lines(run("-", stdin=json.dumps({"id": "s1", "text": SHORT}) + "\n").stdout)
    assert docs[0]["id"] == "s1"


def test_cli_bad_files_are_reported_and_the_rest_is_analysed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SHORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "huge.txt").write_text("Le ministre a parlé à Paris. " * 40_000, encoding="utf-8")
    result = run(
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.txt"),
        str(tmp_path / "huge.txt"),
        str(tmp_path / "missing.txt"),
        str(good),
    )
    assert result.exit_code == 1
    assert [d["id"] for d in lines(result.stdout)] == ["good"]
    messages = errors(result)
    assert any("empty.txt: empty file" in m for m in messages)
    assert any("binary.txt: binary data" in m for m in messages)
    assert any("huge" in m and "over the limit" in m for m in messages)
    assert any("missing.txt: no such file" in m for m in messages)
    assert all(m.startswith("telex: ") for m in messages)
    assert "Traceback" not in result.stderr


def test_cli_latin1_file_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le président français a été reçu à Genève.".encode("latin-1"))
    result = run(str(path))
    assert result.exit_code == 0
    assert "not UTF-8: decoded as Windows-1252" in result.stderr
    assert lines(result.stdout)[0]["entities"][0]["mentions"][0]["text"] in (
        "Genève",
        "président français",
    )


def test_cli_malformed_jsonl_lines_are_skipped_with_their_line_numbers(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "ok1", "text": SHORT})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "no-text"})
        + "\n"
        + json.dumps({"id": "bad-date", "text": SHORT, "published": "2021-02-30"})
        + "\n"
        + json.dumps({"id": "ok2", "text": SHORT})
        + "\n",
        encoding="utf-8",
    )
    result = run(str(path))
    assert result.exit_code == 1
    assert [d["id"] for d in lines(result.stdout)] == ["ok1", "bad-date", "ok2"]
    assert any("mixed.jsonl:2: not valid JSON" in m for m in errors(result))
    assert any("mixed.jsonl:3: no 'text'" in m for m in errors(result))
    assert any(
        "mixed.jsonl:4: invalid published date" in m and "warning" in m for m in errors(result)
    )


@pytest.mark.parametrize("bad", ["2021-13-40", "yesterday", "19/06/2021"])
def test_cli_invalid_published_is_a_usage_error(bad):
    result = run(str(EXAMPLE), "--published", bad)
    assert result.exit_code == 2
    assert "invalid published date" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_non_french_text_is_analysed_with_a_warning(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text(
        "The prime minister said on Monday that the government would not change its plans for the "
        "budget, despite the protests that have gathered thousands of people in the capital over "
        "the past two weeks and the criticism of the opposition parties.",
        encoding="utf-8",
    )
    result = run(str(path))
    assert result.exit_code == 0
    assert "does not look French" in result.stderr
    assert len(lines(result.stdout)) == 1
