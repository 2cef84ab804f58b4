"""Dutch formatting: 38.000, 34%, 48,9, "mei 2020", "januari t.e.m. september 2020", and the
source line of a table or chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.data.figures import Source

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def number(value: float | int | Decimal) -> str:
    """Whole numbers with a thousands dot (38.000); a Decimal, a figure as the source gives it,
    with exactly its own decimals (51,25); a float, a computed average, with one (48,9)."""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        # Every digit the source gave, none added: 51.25 must not become 51,2 or 51,250.
        whole, _, fraction = format(abs(value).normalize(), "f").partition(".")
        sign = "-" if value < 0 else ""
        return f"{sign}{_grouped(int(whole))},{fraction}"
    if isinstance(value, float) and value != int(value):
        text = f"{value:,.1f}"
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    return _grouped(int(value))


def _grouped(whole: int) -> str:
    return f"{whole:,}".replace(",", ".")


def round_half_up(value: float | Decimal | Fraction) -> int:
    """Round half away from zero, as the source prints its averages (48,9 → 49; Python's
    round() would round halves to even)."""
    if isinstance(value, Fraction):
        magnitude = int(abs(value) + Fraction(1, 2))
        return magnitude if value >= 0 else -magnitude
    d = Decimal(str(value))
    return int(d.quantize(Decimal(1), rounding=ROUND_HALF_UP))  # away from zero for both signs


def one_decimal(value: float | Decimal) -> str:
    """A computed value rounded half up to one decimal: 73,1; 73 when that decimal is 0."""
    d = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number(d) if d != int(d) else number(int(d))


def rounded(value: float | Decimal, places: int) -> Decimal:
    """A computed value rounded half up to `places` decimals, as asked ("op 1 decimaal")."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fixed(value: float | Decimal, places: int) -> str:
    """A computed value with exactly `places` decimals, as asked: 38,3; 50,0; 1.234,50."""
    value = rounded(value, places)
    whole, _, fraction = format(abs(value), "f").partition(".")
    sign = "-" if value < 0 else ""
    return f"{sign}{_grouped(int(whole))}" + (f",{fraction}" if places > 0 else "")


def signed_fixed(value: float | Decimal, places: int) -> str:
    """A computed change with its sign and `places` decimals, no ",0": +49,5; -4,6; +20."""
    text = fixed(value, places).removesuffix(",0")
    return text if text.startswith("-") or rounded(value, places) == 0 else f"+{text}"


def percent(value: float | int | Decimal) -> str:
    """34%, 12,5%."""
    return f"{number(value)}%"


def signed(value: int | Decimal) -> str:
    """A difference with its sign: +12, -3, 0."""
    return f"+{number(value)}" if value > 0 else number(value)


def join(items: Sequence[str], last: str = "en") -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def month_name(month: int, *, abbreviated: bool = False) -> str:
    """The Dutch name of month 1..12."""
    if not 1 <= month <= 12:  # month 0 would silently index "december"
        raise ValueError(f"no month {month}")
    return (MONTH_ABBREVIATIONS if abbreviated else MONTHS)[month - 1]


def months_label(months: Sequence[int]) -> str:
    """'mei', 'mei en juni', 'januari t.e.m. september', 'maart, mei en juli'."""
    ms = sorted(set(months))
    if not ms:
        return ""
    if len(ms) >= 3 and ms == list(range(ms[0], ms[-1] + 1)):
        return f"{month_name(ms[0])} t.e.m. {month_name(ms[-1])}"
    return join([month_name(m) for m in ms])


def period_label(year: int, months: Sequence[int]) -> str:
    """'mei 2020', 'januari t.e.m. september 2020'."""
    return f"{months_label(months)} {year}".strip()


def date_label(value: date | str) -> str:
    """'31 december 2020' from a date or an ISO string (also 'YYYY-MM')."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {month_name(parts[1])} {parts[0]}"
    if len(parts) == 2:
        return f"{month_name(parts[1])} {parts[0]}"
    return str(parts[0])


def hour_label(hour: float) -> str:
    """A time of day in hours as Dutch write it: 19u, 14u30."""
    whole = int(hour)
    minutes = round((hour - whole) * 60)
    return f"{whole}u{minutes:02d}" if minutes else f"{whole}u"


def capitalize(text: str) -> str:
    """The text with its first letter upper case and the rest untouched ("CLB-chat" stays)."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """'Chatgesprekken' → 'chatgesprekken' (for a label inside a sentence)."""
    return text[:1].lower() + text[1:]


def percent_value(value: Decimal | float) -> str:
    """A computed share with at most one decimal: 52,5%, 20%."""
    return percent(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize())


def source_line(sources: Sequence[Source]) -> str:
    """The one way a source is cited, under answers, tables, charts and CSV files: "Bron:
    schriftelijke vraag nr. 808 van 22 september 2020 van Katrien Schryvers, antwoord van
    minister Wouter Beke." (with the document's web address when it has one); several sources
    joined with "; ", oldest first; "" for none."""
    parts = []
    for s in sources:
        text = s.kind + (f" nr. {s.number}" if s.number is not None else "")
        text += f" van {date_label(s.date)}"
        if s.asked_by:
            text += f" van {s.asked_by}"
        answerer = (s.answered_by or "").split(",")[0].strip()
        if answerer and answerer != "de minister":
            text += f", antwoord van minister {answerer}"
        if s.url:
            text += f" ({s.url})"
        parts.append(text)
    return "Bron: " + "; ".join(parts) + "." if parts else ""
