"""What every answer family shares: the small context object it gets (store, lexicon, intents,
texts; never the engine), the result it returns, and the source line.

The families run only the queries of their own intent files and fill their own templates; the
few sentences that belong to no intent are in intents/texts.toml.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bot.data import figures
from bot.data.store import Store
from bot.errors import IntentFileError
from bot.model import Answer, Claim, Query
from bot.present import dutch
from bot.understand.intents import IntentSpec, query_parameters
from bot.understand.lexicon import Lexicon
from bot.understand.matcher import stems_match
from bot.understand.normalize import fold

Row = dict[str, Any]


class Texts:
    """The sentences of intents/texts.toml, by name."""

    def __init__(self, path: Path) -> None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as ex:
            raise IntentFileError(f"{path}: {ex}") from None
        self._texts: dict[str, Any] = dict(raw.get("texts", {}))
        self.examples: tuple[str, ...] = tuple(self._texts.get("examples", ()))

    def __call__(self, key: str, /, **values: Any) -> str:
        """The sentence `key`, with its placeholders filled."""
        return str(self._texts[key]).format(**values)

    def table(self, key: str) -> dict[str, str]:
        """A table of names, such as how each calculation is named in a sentence."""
        return {str(k): str(v) for k, v in self._texts[key].items()}

    def names(self) -> frozenset[str]:
        """The names of all sentences (for the test that every one the code uses exists)."""
        return frozenset(self._texts)


@dataclass(frozen=True)
class AnswerContext:
    """What an answer family may use: the read-only store, the language, the intents, the texts."""

    store: Store
    lexicon: Lexicon
    specs: Mapping[str, IntentSpec]
    texts: Texts

    def run(self, spec: IntentSpec, name: str, **params: Any) -> list[Row]:
        """Rows of the intent's query `name`, with the parameters it declares bound."""
        sql = spec.queries[name]
        used = query_parameters(sql)
        return self.store.query(sql, {k: v for k, v in params.items() if k in used})

    def label(self, kind: str, key: str) -> str:
        """The label of an entity as the data names it ("Awel", "chatgesprekken")."""
        return self.lexicon.label(kind, key)

    @property
    def metric_spec(self) -> IntentSpec:
        """The intent of the monthly figures: the one whose evidence is a metric."""
        return next(s for s in self.specs.values() if "metric" in s.evidence)

    def share_spec(self, dimension: str) -> IntentSpec:
        """The share intent that serves this dimension (`[options] dimensions`)."""
        return next(s for s in self.specs.values() if dimension in s.options.get("dimensions", ()))


@dataclass
class Result:
    """An answer, and the query as it was answered (years resolved, say), which the
    conversation carries to the next turn."""

    answer: Answer
    answered_query: Query | None = None
    points: tuple[tuple[int, int], ...] = ()  # (year, month) this answer was about
    notes: list[str] = field(default_factory=list)


def source_line(ctx: AnswerContext, rows: Iterable[Row]) -> str | None:
    """'Bron: schriftelijke vraag nr. 808 van 22 september 2020 (…), antwoord van …', built
    from the sources table for every source the rows come from."""
    ids = {str(r.get("source_id")) for r in rows if r.get("source_id")}
    return dutch.source_line(figures.sources(ctx.store, ids)) or None


# how a claim's comparator holds: "meer dan 90" is ">", 90
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "=": lambda a, b: a == b,
}


def compare(comparator: str, actual: Any, claimed: Any) -> bool:
    """Does the actual value hold the claim ("meer dan de helft": actual > 50)? A value claimed
    with one or two decimals holds when the actual one rounds to it ("+49,5%" of 49,545...%)."""
    if comparator == "=" and isinstance(claimed, Decimal):
        exponent = claimed.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -2 <= exponent < 0:
            return dutch.rounded(actual, -exponent) == claimed
    return _COMPARE[comparator](actual, claimed)


def claimed_percent(texts: Texts, claim: Claim) -> str:
    """A claimed share as the question made it: "50%", "meer dan 33,3%"."""
    claimed = dutch.percent(dutch.rounded(claim.value, 1).normalize())
    if claim.comparator == "=":
        return claimed
    return f"{texts.table('comparators')[claim.comparator]} {claimed}"


def names_in(names: Sequence[str], text: str) -> bool:
    """Does the text name one of these names (compared folded, without punctuation)?"""
    folded = re.sub(r"[^a-z0-9]", "", fold(text))
    return any(re.sub(r"[^a-z0-9]", "", fold(n)) in folded for n in names)


def finish(
    ctx: AnswerContext, text: str, rows: Iterable[Row], answered: bool, extra: Sequence[str] = ()
) -> Answer:
    """An answer with its source line under it (answers only; a refusal cites nothing)."""
    source = source_line(ctx, list(rows))
    # after a list, the notes go on lines of their own, never glued to the last item
    glue = "\n" if text.rsplit("\n", 1)[-1].startswith("- ") else " "
    body = glue.join(p for p in [text, *extra] if p)
    if source and answered:
        body = f"{body}\n{source}"
    return Answer(text=body, answered=answered, source=source if answered else None)


def fmt(template: str, **values: Any) -> str:
    """A template with its placeholders filled."""
    return template.format(**values)


def refusal(text: str) -> Answer:
    """An answer that states no figure."""
    return Answer(text=text, answered=False)


def week_holds(first: date, last: date, day: tuple[int, int, int | None], shift_days: int = 0) -> bool:
    """Does the week from `first` to `last` hold this (day, month, year), moved by `shift_days`?
    Without a year, the day is of the week's own year (its last year for a January day of a week
    that starts in December)."""
    d, m, y = day
    year = y or (first.year if (m, d) >= (first.month, first.day) else last.year)
    try:
        return first <= date(year, m, d) + timedelta(shift_days) <= last
    except ValueError:
        return False


def weeks_off_range(
    ctx: AnswerContext, days: Sequence[tuple[int, int, int | None]], weeks: Sequence[tuple[date, date]]
) -> str | None:
    """ "van 21/09 t.e.m. 30/09" where the weeks with figures run from 21/09 to 01/10: the days
    asked are not those weeks, so no figure is theirs (two whole weeks were given); None when
    the weeks start on the first day asked and end on the last."""
    if not weeks:
        return None
    start, end = weeks[0][0], weeks[-1][1]
    if week_holds(start, start, days[0]) and week_holds(end, end, days[-1]):
        return None
    spans = [ctx.texts("week_span", start=dutch.date_label(a), end=dutch.date_label(b)) for a, b in weeks]
    first, last = (f"{d}/{m:02d}" for d, m, _ in (days[0], days[-1]))
    return ctx.texts("weeks_off_range", first=first, last=last, weeks=dutch.join(spans))


def weeks_miscounted(ctx: AnswerContext, count: int, weeks: Sequence[Row]) -> str:
    """ "in de 3 vloggerweken" where the data has two: which weeks is not clear, so asked."""

    def day(value: date | str, with_year: bool) -> str:  # a date, or a day a query wrote already
        if isinstance(value, str):
            return value
        return (
            f"{value.day:02d}/{value.month:02d}/{value.year}"
            if with_year
            else f"{value.day}/{value.month:02d}"
        )

    named = [
        ctx.texts("week_named", start=day(w["week_start"], False), end=day(w["week_end"], True))
        for w in weeks
    ]
    # the count in words ("twee"), as the question says it: a digit reads as a figure
    words = {value: word for word, value in ctx.lexicon.number_words.items()}
    said = words.get(count, str(count))
    return ctx.texts("week_count", count=said, weeks=dutch.join(named) or ctx.texts("no_weeks_named"))


def caused_by(ctx: AnswerContext, masked: str, rows: Sequence[Row]) -> str:
    """The cause a count is asked by ("via de vlog"): an attributing word, then within three
    words a word of the rows' notes; "" when the question asks no cause."""
    notes = {w for r in rows for w in re.findall(r"[a-z]{3,}", str(r.get("note") or "").lower())}
    notes |= ctx.lexicon.causes if rows else set()
    words = masked.split()
    for i, word in enumerate(words):
        if word in ctx.lexicon.attributing:
            # (a word of the notes in another form: "dankzij de vlogs" where a note names the vlog)
            near = [
                w
                for w in words[i + 1 : i + 4]
                if any(stems_match(w, n) for n in notes) and w not in ctx.lexicon.stopwords and w != "week"
            ]
            if near:
                return " ".join(words[i : words.index(near[0], i) + 1])
    return ""
