"""A problem with an input, reported instead of raised so that the rest of a run goes on."""

from __future__ import annotations

from dataclasses import dataclass

from telex.report import printable


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with an input: `where` names it (path, path:line), `message` says what."""

    where: str
    message: str
    skipped: bool = True
    """True when the input failed (an error); False for a warning: the article was analysed
    anyway, or left out on request (`--non-french skip`)."""

    def __str__(self) -> str:
        # One line, whatever a file name or an input's id holds (line breaks, escape sequences).
        return printable(f"{self.where}: {self.message}").replace("\n", "\\n")
