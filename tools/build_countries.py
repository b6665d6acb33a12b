"""Regenerate the generated columns of telex's country tables from pycountry and babel.

    python tools/build_countries.py          # rewrite the two files in place
    python tools/build_countries.py --check  # exit 1 (and say which file) if they are stale

Two files, one row per country (every ISO 3166-1 entry, plus Kosovo as XKX), sorted by iso3:

- src/telex/data/countries.tsv (language-independent). Generated: iso2, numeric (ISO 3166-1, from
  pycountry), name_en and names_en (English short names from babel's CLDR data and pycountry's
  ISO names, cleaned into usable forms). Hand-edited and carried over by iso3: status, sovereign,
  aliases_en.
- src/telex/lang/fr/countries.tsv (French). Every column is hand-edited except the last, cldr
  (babel's French name, cleaned). A country new in pycountry gets a row whose name is its CLDR
  name and whose other cells are empty: fill them in by hand.

The leading `#` comment block of each file is kept as it is. babel and pycountry are needed here
and by the test that compares a fresh build with the committed files, never at run time.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "src" / "telex" / "data" / "countries.tsv"
FRENCH_FILE = ROOT / "src" / "telex" / "lang" / "fr" / "countries.tsv"

DATA_COLUMNS = (
    "iso3", "iso2", "numeric", "name_en", "names_en", "status", "sovereign", "aliases_en",
)
DATA_CURATED = ("status", "sovereign", "aliases_en")
FRENCH_COLUMNS = (
    "iso3", "name", "names", "masc_sg", "fem_sg", "masc_pl", "fem_pl", "demonym_variants",
    "capitals", "case_sensitive", "preferred", "excluded", "note", "cldr",
)
FRENCH_GENERATED = ("cldr",)

# Kosovo has no ISO 3166-1 code; XK/XKX are the user-assigned codes the EU and the IMF use.
EXTRA = {"XKX": ("XK", "")}

DEFAULT_HEADER = {
    DATA_FILE: "# Language-independent country data; see tools/build_countries.py.\n",
    FRENCH_FILE: "# French country names, demonyms and capitals; see tools/build_countries.py.\n",
}


def _split_comma(name: str) -> list[str]:
    """ISO's inverted names: "Korea, Republic of" -> "Republic of Korea"."""
    head, _, tail = name.partition(", ")
    if not tail:
        return [name]
    if " and " in tail:  # a list, not an inversion: "Saint Helena, Ascension and Tristan da Cunha"
        return [name, head]
    if re.search(r"\bof( the)?$", tail, flags=re.IGNORECASE):
        return [f"{tail} {head}"]
    if " " not in tail:  # "Virgin Islands, British"
        return [f"{tail} {head}"]
    return [head]  # "Taiwan, Province of China"


def _split_parentheses(name: str) -> list[str]:
    """"Myanmar (Burma)" -> both; "Saint Martin (French part)" stays whole (the base is shared)."""
    match = re.fullmatch(r"(.*?)\s*\((.+)\)\s*(.*)", name)
    if not match:
        return [name]
    before, inside, after = match.groups()
    if re.search(r"\b(part|partie)\b", inside):
        return [name]
    return [f"{before} {after}".strip(), f"{inside} {after}".strip()]


def clean_forms(name: str) -> list[str]:
    """Usable lookup forms of one CLDR or ISO name, first the main one."""
    name = name.replace(" & ", " and ").replace(" - ", "-")
    name = re.sub(r"^R\.A\.S\. chinoise de ", "", name)  # "R.A.S. chinoise de Hong Kong"
    name = re.sub(r" SAR China$", "", name)  # "Hong Kong SAR China"
    forms: list[str] = []
    for part in _split_parentheses(name):
        for form in _split_comma(part):
            form = re.sub(r"^the ", "", form, flags=re.IGNORECASE)
            forms.append(form)
            if form.startswith("St. "):
                forms.append("Saint " + form[4:])
    return list(dict.fromkeys(forms))


def _read(path: Path, columns: tuple[str, ...]) -> tuple[str, dict[str, dict[str, str]]]:
    """The leading comment block and the rows by iso3 of an existing file (empty if absent)."""
    if not path.exists():
        return DEFAULT_HEADER[path], {}
    lines = path.read_text(encoding="utf-8").splitlines()
    header_lines = []
    while lines and lines[0].startswith("#"):
        header_lines.append(lines.pop(0))
    if not lines or tuple(lines[0].split("\t")) != columns:
        sys.exit(f"{path}: the column row must be: {' '.join(columns)}")
    rows = {}
    for number, line in enumerate(lines[1:], len(header_lines) + 2):
        cells = line.split("\t")
        if line.startswith("#") or len(cells) != len(columns):
            sys.exit(f"{path}:{number}: expected {len(columns)} tab-separated cells, no comment")
        rows[cells[0]] = dict(zip(columns, cells, strict=True))
    return "".join(line + "\n" for line in header_lines), rows


def _render(header: str, columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    body = ["\t".join(columns)]
    body += ["\t".join(row[column] for column in columns) for row in rows]
    return header + "\n".join(body) + "\n"


def build() -> dict[Path, str]:
    """The full text each file should have."""
    english, french = Locale("en").territories, Locale("fr").territories
    iso = {c.alpha_3: (c.alpha_2, c.numeric, c) for c in pycountry.countries}
    codes = sorted([*iso, *EXTRA])

    data_header, data_old = _read(DATA_FILE, DATA_COLUMNS)
    french_header, french_old = _read(FRENCH_FILE, FRENCH_COLUMNS)
    data_rows, french_rows = [], []
    for iso3 in codes:
        if iso3 in iso:
            iso2, numeric, record = iso[iso3]
            iso_names = [
                getattr(record, field)
                for field in ("name", "common_name", "official_name")
                if hasattr(record, field)
            ]
        else:
            (iso2, numeric), iso_names = EXTRA[iso3], []
        names_en = clean_forms(english[iso2])
        for iso_name in iso_names:
            names_en += clean_forms(iso_name)
        names_en = list(dict.fromkeys(names_en))
        old = data_old.get(iso3, {})
        data_rows.append({
            "iso3": iso3, "iso2": iso2, "numeric": numeric,
            "name_en": names_en[0], "names_en": "|".join(names_en[1:]),
            **{column: old.get(column, "") for column in DATA_CURATED},
        })

        cldr = clean_forms(french[iso2])
        row = dict(french_old.get(iso3) or dict.fromkeys(FRENCH_COLUMNS, ""))
        row.update(iso3=iso3, cldr="|".join(cldr))
        row["name"] = row["name"] or cldr[0]
        french_rows.append(row)
    return {
        DATA_FILE: _render(data_header, DATA_COLUMNS, data_rows),
        FRENCH_FILE: _render(french_header, FRENCH_COLUMNS, french_rows),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args()
    stale = []
    for path, text in build().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if args.check and stale:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is stale: run python tools/build_countries.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
