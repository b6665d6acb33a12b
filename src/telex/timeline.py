"""Calendar arithmetic for temporal expressions: language-independent, values as TIMEX3 strings.

Everything here works on `datetime.date` and plain numbers; the words that name months, units
or directions live in the language data (`lang/<code>/timex.toml`). A *direction* says which
occurrence of a recurring date is meant: -1 the last one before the reference, +1 the next one
after it, 0 the nearest one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

# TIMEX3 season codes in calendar order, and the month each season starts in (northern
# hemisphere, meteorological seasons: winter runs from December of its year into the next).
SEASONS = ("SP", "SU", "FA", "WI")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# Calendar units as TIMEX3 writes them in durations; time units go after a "T".
DATE_UNITS = ("Y", "M", "W", "D")
TIME_UNITS = ("H", "MIN", "S")
# How many of the next smaller unit make one unit: a fractional duration ("a year and a half")
# is written in the smaller unit ("P18M"), since TIMEX3 values are whole numbers.
SMALLER = {
    "Y": ("M", 12),
    "M": ("D", 30),
    "W": ("D", 7),
    "D": ("H", 24),
    "H": ("MIN", 60),
    "MIN": ("S", 60),
}
UNIT_RE = re.compile(r"^(\d*)(Y|M|W|D|H|MIN|S|WE)$")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def parse_unit(unit: str) -> tuple[int, str]:
    """Split a unit code into a count and a base unit: "10Y" (a decade) -> (10, "Y")."""
    match = UNIT_RE.match(unit)
    if not match:
        raise ValueError(f"unknown time unit {unit!r}: expected e.g. D, W, M, Y, 10Y, H, MIN")
    count, base = match.groups()
    return int(count or 1), base


def day(date: dt.date) -> str:
    return date.isoformat()


def month(year: int, month_number: int) -> str:
    return f"{year:04d}-{month_number:02d}"


def week(date: dt.date) -> str:
    iso = date.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def weekend(date: dt.date) -> str:
    return week(date) + "-WE"


def year(value: int) -> str:
    return f"{value:04d}"


def decade(first_year: int) -> str:
    """The decade starting in `first_year` ("les années 1990" -> "199X")."""
    return f"{first_year // 10:03d}X"


def century(number: int) -> str:
    """The `number`-th century, written as its years: the 20th century -> "19XX"."""
    return f"{number - 1:02d}XX"


def roman_to_int(text: str) -> int | None:
    """Value of a Roman numeral (XXI -> 21), or None when `text` is not one."""
    text = text.upper()
    if not text or any(char not in ROMAN for char in text):
        return None
    total = 0
    for position, char in enumerate(text):
        value = ROMAN[char]
        following = ROMAN[text[position + 1]] if position + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def compose_number(parts: Sequence[int], multipliers: frozenset[int]) -> int:
    """The number that written words make, given their values in order.

    Words add up ("dix" "sept" -> 17) except multipliers (hundred, thousand), which multiply
    what comes before them ("deux" "cents" -> 200, "mille" "neuf" "cents" -> 1900).
    """
    total = 0
    current = 0
    for value in parts:
        if value in multipliers:
            current = max(current, 1) * value
            if value >= 1000:
                total += current
                current = 0
        else:
            current += value
    return total + current


def add_months(date: dt.date, months: int) -> dt.date:
    """`date` moved by whole months, clamped to the end of a shorter month."""
    index = date.year * 12 + date.month - 1 + months
    new_year, new_month = divmod(index, 12)
    new_month += 1
    last = _month_length(new_year, new_month)
    return dt.date(new_year, new_month, min(date.day, last))


def _month_length(year_number: int, month_number: int) -> int:
    following = dt.date(year_number + month_number // 12, month_number % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def shift(date: dt.date, amount: float, unit: str) -> dt.date:
    """`date` moved by `amount` units (negative: back); fractions go to the smaller unit."""
    count, base = parse_unit(unit)
    amount *= count
    if base == "WE":
        base = "W"
    if base in TIME_UNITS:
        hours = {"H": 1.0, "MIN": 1 / 60, "S": 1 / 3600}[base] * amount
        return date + dt.timedelta(days=int(hours // 24) if hours >= 0 else -int(-hours // 24))
    if base == "Y":
        return add_months(date, round(amount * 12))
    if base == "M":
        whole = int(amount)
        moved = add_months(date, whole)
        return moved + dt.timedelta(days=round((amount - whole) * 30))
    days = amount * (7 if base == "W" else 1)
    return date + dt.timedelta(days=round(days))


def at_granularity(date: dt.date, unit: str) -> str:
    """`date` written at the precision of `unit`: a year offset gives a year, weeks a week."""
    count, base = parse_unit(unit)
    if base == "Y":
        if count == 10:
            return decade(date.year - date.year % 10)
        if count == 100:
            return century(date.year // 100 + 1)
        return year(date.year)
    if base == "M":
        return month(date.year, date.month)
    if base in ("W", "WE"):
        return week(date) if base == "W" else weekend(date)
    return day(date)


def offset(reference: dt.date, amount: float, unit: str) -> str:
    """The date `amount` units from `reference`, at the unit's precision.

    A fractional amount is read at the smaller unit's precision ("il y a un an et demi", read
    in December 2018, is June 2017, a month).
    """
    _, base = parse_unit(unit)
    moved = shift(reference, amount, unit)
    if amount != int(amount) and base in SMALLER:
        smaller, _ = SMALLER[base]
        if smaller in DATE_UNITS:
            return at_granularity(moved, smaller)
    return at_granularity(moved, unit)


def duration(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: (3, "D") -> "P3D", (1.5, "Y") -> "P18M", (None, "M") -> "PXM"."""
    count, base = parse_unit(unit)
    if base == "WE":
        count, base = 2 * count, "D"
    if amount is None:
        amount_text = "X"
    else:
        amount *= count
        if base == "H" and amount != int(amount):  # "deux heures et demie": PT2H30M
            minutes = round((amount - int(amount)) * 60)
            return f"PT{int(amount)}H{minutes}M" if int(amount) else f"PT{minutes}M"
        while amount != int(amount) and base in SMALLER:
            base, factor = SMALLER[base]
            amount *= factor
        amount_text = str(int(amount)) if amount == int(amount) else f"{amount:g}"
    if base in TIME_UNITS:
        return f"PT{amount_text}{'M' if base == 'MIN' else base}"
    return f"P{amount_text}{base}"


def weekday(reference: dt.date, iso_weekday: int, direction: int, *, same_day: bool) -> dt.date:
    """The date of a weekday (1 = Monday) relative to `reference`.

    `direction` -1 gives the last one before, +1 the next one after, 0 the nearest; with
    `same_day` the reference itself counts when it falls on that weekday.
    """
    ahead = (iso_weekday - reference.isoweekday()) % 7
    if ahead == 0:
        if same_day:
            return reference
        return reference + dt.timedelta(days=7 * (direction or 1))
    behind = 7 - ahead
    if direction > 0 or (direction == 0 and ahead < behind):
        return reference + dt.timedelta(days=ahead)
    return reference - dt.timedelta(days=behind)


def _candidates(reference: dt.date, month_number: int, day_number: int | None) -> list[dt.date]:
    """The month (or day of the month) in the years around the reference, where it exists."""
    found = []
    for candidate_year in range(reference.year - 8, reference.year + 9):
        try:
            found.append(dt.date(candidate_year, month_number, day_number or 1))
        except ValueError:  # 29 February outside a leap year, 31 April...
            continue
    return found


def month_day(
    reference: dt.date,
    month_number: int,
    day_number: int | None,
    direction: int,
    *,
    strict: bool = False,
) -> dt.date | None:
    """The year of a month (and day) written without one, resolved against `reference`.

    `direction` -1: the last occurrence, +1: the next one, 0: the nearest. The current month
    (or the reference day itself) counts for either direction unless `strict` ("le 24 décembre
    prochain" written on 24 December is a year later). None when the day never exists
    (30 February).
    """
    current = dt.date(reference.year, reference.month, 1) if day_number is None else reference
    candidates = _candidates(reference, month_number, day_number)
    if not candidates:
        return None
    if day_number is None:
        # A month is "current" for its whole length: compare month starts.
        def distance(candidate: dt.date) -> int:
            return (candidate.year - current.year) * 12 + candidate.month - current.month
    else:

        def distance(candidate: dt.date) -> int:
            return (candidate - current).days

    same = [c for c in candidates if distance(c) == 0]
    if same and not strict:
        return same[0]
    past = [c for c in candidates if distance(c) < 0]
    future = [c for c in candidates if distance(c) > 0]
    last = past[-1] if past else None
    following = future[0] if future else None
    if direction < 0:
        return last
    if direction > 0:
        return following
    if last is None or following is None:
        return last or following
    return last if -distance(last) < distance(following) else following


def season_of(date: dt.date) -> tuple[int, str]:
    """(year, season code) of the season `date` falls in; January belongs to last year's winter."""
    if date.month == 12:
        return date.year, "WI"
    if date.month < 3:
        return date.year - 1, "WI"
    return date.year, SEASONS[(date.month - 3) // 3]


def season(reference: dt.date, code: str, direction: int) -> str:
    """A season written without a year: the current one, else the last (-1) or next (+1, 0)."""
    current_year, current = season_of(reference)
    if code == current:
        return f"{current_year:04d}-{code}"
    start = dt.date(current_year, SEASON_START[code], 1)
    if SEASONS.index(code) < SEASONS.index(current):
        start = dt.date(current_year + 1, SEASON_START[code], 1)
    # `start` is the next beginning of that season; the last one began a year before it.
    if direction < 0:
        return f"{start.year - 1:04d}-{code}"
    if direction == 0:
        ahead = (start - reference).days
        if ahead > 182:
            return f"{start.year - 1:04d}-{code}"
    return f"{start.year:04d}-{code}"


def easter(year_number: int) -> dt.date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year_number % 19
    b, c = divmod(year_number, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month_number, day_number = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year_number, month_number, day_number + 1)


def parse_day(value: str | None) -> dt.date | None:
    """The day a TIMEX3 value names ("2021-06-23", "2021-06-23TEV"), else None."""
    if value and re.match(r"^\d{4}-\d{2}-\d{2}(T|$)", value):
        return dt.date.fromisoformat(value[:10])
    return None


def period_year(reference: dt.date, index: int, months: int, direction: int) -> int:
    """The year of the `index`-th period of `months` months (quarter 2: index 2, months 3)
    written without a year: the current one, else the last (-1), the next (+1) or the nearest."""
    current = (reference.month - 1) // months + 1
    if index == current:
        return reference.year
    per_year = 12 // months
    if direction == 0:
        ahead = (index - current) % per_year
        direction = 1 if ahead <= per_year - ahead else -1
    if direction > 0:
        return reference.year if index > current else reference.year + 1
    return reference.year if index < current else reference.year - 1
