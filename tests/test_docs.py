"""The README's quick start stays true: CI runs exactly its install and test commands."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick, re.S)


def test_docs_quick_start_has_two_commands_on_the_bundled_example():
    install_and_run, install_and_test = readme_commands()
    assert "telex analyze examples/berlin-libye.txt" in install_and_run
    assert (ROOT / "examples" / "berlin-libye.txt").exists()
    assert "pytest" in install_and_test


def test_docs_ci_runs_the_readme_install_and_test_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    _, install_and_test = readme_commands()
    install = re.search(r"pip install (\S+)", install_and_test).group(1)
    assert f'pip" install {install}' in ci
    assert "-m pytest" in install_and_test
    assert "-m pytest" in ci
