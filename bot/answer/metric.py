"""The figures of a monthly metric: one value, totals, averages, medians, extremes, thresholds,
shares, comparisons, per month, per helpline, per quarter, per week, and claims to check.

Every figure comes from the queries of the metric intent (intents/cijfers.toml); totals and the
like are computed here from the monthly figures those queries return, so an answer, its total
and its comparison rest on the same reading. A part of the question this family cannot use makes
the reply a refusal naming it, never a figure for the rest of the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from bot.answer.common import (
    AnswerContext,
    Result,
    Row,
    Texts,
    caused_by,
    claimed_percent,
    compare,
    finish,
    fmt,
    names_in,
    refusal,
    week_holds,
    weeks_miscounted,
    weeks_off_range,
)
from bot.answer.shares import ABSOLUTE
from bot.data.figures import source_rows
from bot.model import Answer, Claim, Option, Query, Threshold
from bot.present import dutch
from bot.understand.intents import IntentSpec
from bot.understand.matcher import stems_match
from bot.understand.normalize import fold

# a share asked by name ("welk aandeel", "welk deel"): a part of a whole, never above it
_SHARE_WORD = re.compile(r"(?<![\w])(?:aandeel|deel)(?![\w])")
# words that ask how a figure changed between two points ("van januari tot april gestegen")
_CHANGE = (
    r"(?<![\w])(steeg|stegen|gestegen|daalde|daalden|gedaald|stijging|daling|groei|groeide|toename|"
    r"afname|evolutie|evolueerde|van \w+ naar|stijgingspercentage|groeipercentage|stijgings|dalings|"
    r"toegenomen|afgenomen|zakte|zakten|gezakt|(?:nam|namen)(?: \w+){0,5} (?:toe|af))(?![\w])"
)
# "steeg met 80", "80 meer dan", "een stijging van 80": a claimed figure that is the difference
_DIFFERENCE_CLAIMED = re.compile(
    r"(?<![\w])(?:(?:met|om) xgetal|xgetal (?:\w+ ){0,2}(?:meer|minder|extra|erbij|hoger|lager)|"
    r"(?:stijging|daling|toename|afname|groei|verschil) (?:\w+ ){0,2}(?:van )?xgetal)(?![\w])"
)
# "stegen van 440 naar 685": the two figures claimed, the earlier and the later (it was checked
# as a difference of 440)
_FROM_TO_CLAIMED = re.compile(r"(?<![\w])van xgetal (?:naar|tot) xgetal(?![\w])")
_FALL_CLAIMED = re.compile(
    r"(?<![\w])(?:daalde|daalden|gedaald|daling|afname|afgenomen|zakte|zakten|gezakt|minder|lager)(?![\w])"
)
_RISE_CLAIMED = re.compile(
    r"(?<![\w])(?:steeg|stegen|gestegen|stijging|toename|toegenomen|groei|groeide|meer|hoger|extra|erbij)(?![\w])"
)
# "in elke maand", "alle maanden": a claim about every month, checked month by month
_EVERY_MONTH = re.compile(r"(?<![\w])(?:elke|iedere|alle) maand(?:en)?(?![\w])|(?<![\w])telkens(?![\w])")
# a question that asks which months or how many, not whether ("welke maanden ...", "in hoeveel")
_ASKS_WHICH = re.compile(r"^(?:en )?(?:in )?(?:welke|hoeveel|wat|wanneer|geef|toon|noem|lijst)(?![\w])")
BREAKDOWN_MAX_MONTHS = 6  # up to this many months, a total also lists each month


@dataclass(frozen=True)
class MonthFigure:
    """One monthly figure as answered, with the figure it replaced if a newer source revised it."""

    year: int
    month: int
    value: Decimal
    qualifier: str | None
    source_id: str
    revised: bool = False
    previous_value: Decimal | None = None
    previous_source_id: str | None = None


class Metric:
    """One metric as the data holds it, for one helpline filter, read once per question."""

    def __init__(
        self,
        ctx: AnswerContext,
        spec: IntentSpec,
        metric: str,
        helpline: str | None = None,
        excluded: Sequence[str] = (),
        source: str | None = None,
    ) -> None:
        self.ctx = ctx
        self.spec = spec
        self.t = spec.templates
        self.metric = metric
        self.source = source  # one source's own figures ("volgens vraag 808"), else the newest
        self.rows_seen: list[Row] = []
        info = self.q("metric_info")
        row = info[0] if info else {}
        self.label = str(row.get("label") or metric)
        self.unit = str(row.get("unit") or metric)
        self.label_one = str(row.get("label_singular") or self.label)
        self.unit_one = str(row.get("unit_singular") or self.unit)
        self.aggregation = str(row.get("aggregation") or "sum")
        shape = self.q("has_helplines")[0]
        self.by_helpline = bool(shape["by_helpline"])
        self.helpline = helpline if self.by_helpline else None
        self.excluded = tuple(excluded) if self.by_helpline else ()
        self.available: dict[int, list[int]] = {
            r["year"]: list(r["months"])
            for r in self.q("availability", helpline=self.helpline, excluded=list(self.excluded))
        }

    def q(self, name: str, **params: object) -> list[Row]:
        """Rows of the metric intent's query `name`, for this metric and filter; kept as the
        rows the answer rests on (its sources)."""
        bound: dict[str, object] = {
            "metric": self.metric,
            "source": getattr(self, "source", None),
            "helpline": getattr(self, "helpline", None),
            "excluded": list(getattr(self, "excluded", ())),
        }
        bound.update(params)
        rows = self.ctx.run(self.spec, name, **bound)
        self.rows_seen += rows
        return rows

    # -- naming ------------------------------------------------------------------------

    @property
    def subject(self) -> str:
        """The measure and its filter, as a reply starts: "Doorverwijzingen vanuit Awel"."""
        label = self.label
        if self.helpline:
            label = f"{self.unit} vanuit {self.ctx.label('helpline', self.helpline)}"
        if self.excluded:
            names = dutch.join([self.ctx.label("helpline", h) for h in self.excluded])
            label = f"{label}, zonder {names}"
        return dutch.capitalize(label)

    @property
    def display_label(self) -> str:
        """The label inside a sentence: "doorverwijzingen vanuit Awel"."""
        if self.helpline:
            return f"{self.unit} vanuit {self.ctx.label('helpline', self.helpline)}"
        return self.label

    def availability_text(self) -> str:
        """What the data has for this metric: "Ik heb cijfers over ... voor ..."."""
        if not self.available:
            return self.ctx.texts("no_figures_about", label=self.display_label)
        parts = [dutch.period_label(y, ms) for y, ms in sorted(self.available.items())]
        text = fmt(self.t["beschikbaar"], label=self.display_label, available=dutch.join(parts))
        yearly = self.q("yearly_all") if not (self.helpline or self.excluded) else []
        if yearly:
            text += " " + fmt(
                self.t["jaartotalen_beschikbaar"], years=dutch.join([str(y["year"]) for y in yearly])
            )
        return text

    def refuse(self, period: str) -> Answer:
        """No figure for this period, and what is available instead."""
        text = fmt(self.t["geen_cijfer"], label=self.display_label, period=period)
        return refusal(f"{text} {self.availability_text()}")

    # -- figures -----------------------------------------------------------------------

    def series(self, years: Sequence[int], months: Sequence[int]) -> list[MonthFigure]:
        """The monthly figures of these years and months (read once for all of them: the store
        caches one result per metric, so a new month asked costs no new query)."""
        wanted_years, wanted_months = set(years), set(months)
        return [f for f in self._all() if f.year in wanted_years and f.month in wanted_months]

    def _all(self) -> list[MonthFigure]:
        rows = self.q("series", years=sorted(self.available), months=list(range(1, 13)))
        return [
            MonthFigure(
                r["year"],
                r["month"],
                Decimal(r["value"]),
                r["qualifier"],
                r["source_id"],
                bool(r["revised"]),
                None if r["previous_value"] is None else Decimal(r["previous_value"]),
                r["previous_source_id"],
            )
            for r in rows
        ]

    def caveats(self, sources: Sequence[str], years: Sequence[int], months: Sequence[int]) -> list[Row]:
        """The caveats of these sources that apply to these years and months (the metric's
        caveats are read once and filtered here)."""
        every = self.q("caveats", sources=self.source_ids(), years=[], months=[])
        return [
            r
            for r in every
            if r["source_id"] in sources
            and (r["year"] is None or r["year"] in years)
            and (r["month"] is None or r["month"] in months)
        ]

    def source_ids(self) -> list[str]:
        """The sources this metric's figures come from."""
        return sorted({f.source_id for f in self._all()})

    def points(self, points: Sequence[tuple[int, int]]) -> list[MonthFigure]:
        """The figures of these (year, month) points."""
        years = sorted({y for y, _ in points})
        months = sorted({m for _, m in points})
        wanted = set(points)
        return [f for f in self.series(years, months) if (f.year, f.month) in wanted]

    def figure(self, value: Decimal) -> str:
        """A figure as a reply shows it: with its unit when it is not a count ("48,5 minuten")."""
        text = _value(value)
        return text if self.aggregation == "sum" else f"{text} {self.unit}"

    def has(self, year: int, months: Sequence[int]) -> bool:
        """Does the data have a figure for each of these months of this year?"""
        return set(months) <= set(self.available.get(year, []))


# "..., en hoeveel in totaal?": a total asked as a clause of its own, after helplines one by one
_TOTAL_OF_ITS_OWN = re.compile(r"(?<![\w])en hoeveel in (?:het )?totaal(?![\w])")


def _value(value: Decimal | int) -> str:
    return dutch.number(Decimal(value))


def _sum(figures: Sequence[MonthFigure]) -> Decimal:
    return sum((f.value for f in figures), Decimal(0))


def _direction_read(q: Query, against_later: bool, earlier: object, later: object) -> bool:
    """Whether the change is measured against the later year, where "dan" may be "than" or
    "then" ("hoeveel procent minder was het dan in 2020?"): the reading in which the figure went
    the way asked."""
    asked = q.period.ambiguous_than
    if (
        asked is None
        or not isinstance(earlier, Decimal)
        or not isinstance(later, Decimal)
        or earlier == later
    ):
        return against_later
    rises = earlier > later if against_later else later > earlier
    return against_later if rises == (asked == "op") else not against_later


def _period(year: int, months: Sequence[int]) -> str:
    return dutch.period_label(year, months)


def _points_label(points: Sequence[tuple[int, int]]) -> str:
    by_year: dict[int, list[int]] = {}
    for y, m in points:
        by_year.setdefault(y, []).append(m)
    return dutch.join([_period(y, ms) for y, ms in sorted(by_year.items())])


# -- the family -------------------------------------------------------------------------------


def answer_metric(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """The answer of the metric family to a query (already merged with its context)."""
    if not query.metric:
        return _which_metric(ctx, spec, query)
    if len(query.compared_metrics) == 2 and len(set(query.period.years)) <= 1 and not query.period.points:
        # "meer gesprekken dan nieuwe oproepers in mei?": the one measure against the other
        # (over two years, each measure's own comparison is answered: see _several)
        first = query.compared_metrics[0]
        against = replace(query, metric=first, several_metrics=(), counted_metric=None)
        answer, answered_query, points = MetricAnswer(ctx, spec, against, Metric(ctx, spec, first)).run()
        return Result(answer, answered_query, points)
    for pattern, what in spec.options.get("not_counted", {}).items():
        if re.search(pattern, query.masked):
            return Result(refusal(ctx.texts("not_given", what=what)))
    if query.month_by is not None:
        return _month_by(ctx, spec, query)
    if query.month_of_event:
        return _month_of_event(ctx, spec, query)
    several = [m for m in query.several_metrics or query.compared_metrics if m != query.metric]
    if several:
        return _several(ctx, spec, query)
    if _total_and_another(query):
        # "hoeveel in totaal, en in welke maand het meest?": two calculations, each answered
        parts = [
            answer_metric(ctx, spec, replace(query, operation=o, operations=(o,))) for o in query.operations
        ]
        return _joined(ctx, parts)
    other = [m for m in query.metrics if m != query.metric]
    if other and query.counted_metric in (query.metric, *other):
        counted = query.counted_metric or query.metric
        other = [m for m in query.metrics if m != counted]
    if other and query.counted_metric is not None and query.per_metric is None and query.base_metric is None:
        # "hoeveel gesprekken hadden de nieuwe oproepers?": the counted metric, of another one
        # (but "hoeveel gesprekken per nieuwe oproeper" divides the one by the other)
        m = Metric(ctx, spec, query.counted_metric)
        other_label = ctx.label("metric", other[0])
        return Result(refusal(fmt(spec.templates["twee_metrieken"], counted=m.label, other=other_label)))
    source = None
    if query.source_number is not None:
        source = next(
            (r["source_id"] for r in source_rows(ctx.store) if r["number"] == query.source_number),
            None,
        )
    m = Metric(ctx, spec, query.metric, query.helpline, query.excluded_helplines, source)
    answer, answered_query, points = MetricAnswer(ctx, spec, query, m).run()
    if query.fabrication:
        answer.text = f"{ctx.texts('fabrication')} {answer.text}"
        if query.claim is not None and answer.answered:
            # "klopt het dat de chat in 2020 meer dan 1000 gesprekken zal halen?": a claim about
            # a figure still to come is no claim the source answers (the figures known are said)
            answer = refusal(answer.text.partition("\nBron:")[0])
    return Result(answer, answered_query, points)


def _month_by(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """ "in de maand na de piek", "in de maand met de minste chatgesprekken": the month the
    ranking finds (said first), then the question asked about that month."""
    assert query.month_by is not None and query.metric is not None
    ranked_key, extreme, shift = query.month_by
    ranked = Metric(ctx, spec, ranked_key or query.metric, query.month_by_helpline)
    years = list(query.period.years) or ([max(ranked.available)] if ranked.available else [])
    since = query.period.years_from
    if since is not None and ranked.available:
        # ("de maand met de meeste sinds 2015": every year from then on is ranked)
        years = sorted({*years, *range(since, max(ranked.available) + 1)})
    # ("de drukste maand sinds 2012": the years without figures are named, not every year asked)
    missing = [y for y in years if y not in ranked.available]
    if missing or not years:
        return Result(ranked.refuse(dutch.join([str(y) for y in missing]) or ranked.display_label))
    if len(years) != 1:
        return Result(refusal(ctx.texts("month_by_one_year", label=ranked.display_label)))
    year = years[0]
    figures = ranked.series([year], ranked.available[year])
    if query.month_by_count > 1:
        return _months_by(ctx, spec, query, ranked, year, figures)
    edge = (max if extreme == "hoogste" else min)(f.value for f in figures)
    hits = [f for f in figures if f.value == edge]
    if len(hits) != 1:
        names = dutch.join([dutch.month_name(f.month) for f in hits], "of")
        return Result(refusal(ctx.texts("month_by_tie", label=ranked.display_label, year=year, months=names)))
    month = hits[0].month + shift
    moved_year = year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    lead = ctx.texts(
        f"month_by_{extreme}",
        label=ranked.subject,
        year=year,
        month=dutch.month_name(hits[0].month),
        value=_value(edge),
    )
    if shift:
        lead += " " + ctx.texts(
            "month_by_after" if shift > 0 else "month_by_before", shifted=_period(moved_year, [month])
        )
    own = [x for x in query.period.months if x != month]
    named = query.period.months
    if (
        len(named) == 1
        and not shift
        and query.operation is None
        and ranked_key in (None, query.metric)
        and query.month_by_helpline is None
    ):
        # "was september 2020 de maand met de meeste nieuwe oproepers?": yes or no, with the
        # month named (the month found was given, the month named dropped)
        if named[0] == month:
            return Result(
                finish(ctx, ctx.texts("month_by_named_yes", lead=lead), ranked.rows_seen, answered=True)
            )
        value = _sum(ranked.series([year], [named[0]]))
        text = ctx.texts(
            "month_by_named_no",
            lead=lead,
            label=dutch.capitalize(ranked.subject),
            period=_period(year, [named[0]]),
            value=_value(value),
        )
        return Result(finish(ctx, text, ranked.rows_seen, answered=True))
    if own and query.operation == "vergelijking" and not shift and moved_year == year:
        # "hoeveel minder in augustus dan in de drukste maand van dat jaar?": the month named
        # against the one found (the ranking's month alone was compared with the year before)
        order = (*own, month)
        asked = replace(
            query,
            month_by=None,
            operations=tuple(o for o in query.operations if o not in ("hoogste", "laagste")),
            period=replace(
                query.period, years=(year,), months=tuple(sorted(order)), month_order=order, span=False
            ),
        )
        result = answer_metric(ctx, spec, asked)
        result.answer.text = f"{lead} {result.answer.text}"
        return result
    # (a calculation the question asks of that month stays: "welke hulplijn verwees het meest door
    # in de maand met de meeste gesprekken?" ranks the helplines; the ranking words of the month
    # found are none of the query's operations)
    kept = tuple(o for o in query.operations if o in ("per_hulplijn", "hoogste", "laagste"))
    asked = replace(
        query,
        month_by=None,
        operation=kept[0] if kept else None,
        operations=kept,
        period=replace(query.period, years=(moved_year,), months=(month,), month_order=(month,), span=False),
    )
    result = answer_metric(ctx, spec, asked)
    result.answer.text = f"{lead} {result.answer.text}"
    return result


def _months_by(
    ctx: AnswerContext, spec: IntentSpec, query: Query, ranked: Metric, year: int, figures: list[MonthFigure]
) -> Result:
    """ "hoeveel gesprekken samen in de drie maanden met de meeste unieke bezoekers?": the months
    the ranking finds (said first, with their figures), then the question about those months; a
    tie at the edge is asked back."""
    assert query.month_by is not None
    _, extreme, _ = query.month_by
    count = query.month_by_count
    ordered = sorted(figures, key=lambda f: f.value, reverse=extreme == "hoogste")
    if count >= len(ordered):
        return Result(ranked.refuse(f"{count} maanden van {year}"))
    if ordered[count - 1].value == ordered[count].value:
        tied = [f for f in ordered if f.value == ordered[count - 1].value]
        names = dutch.join([dutch.month_name(f.month) for f in tied], "of")
        return Result(refusal(ctx.texts("month_by_tie", label=ranked.display_label, year=year, months=names)))
    picked = sorted(ordered[:count], key=lambda f: f.month)
    lead = ctx.texts(
        f"months_by_{extreme}",
        label=ranked.subject,
        year=year,
        count=count,
        months=dutch.join([f"{dutch.month_name(f.month)} ({_value(f.value)})" for f in picked]),
    )
    months = tuple(f.month for f in picked)
    operations = tuple(o for o in query.operations if o not in ("hoogste", "laagste"))
    asked = replace(
        query,
        month_by=None,
        month_by_count=1,
        # ("samen": added up, never the months compared)
        operation="totaal" if "totaal" in operations or query.counted_metric else None,
        operations=operations,
        period=replace(query.period, years=(year,), months=months, month_order=months, span=False),
    )
    result = answer_metric(ctx, spec, asked)
    result.answer.text = f"{lead} {result.answer.text}"
    return result


def _month_of_event(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """ "in de maand waarin JustNicolas de chat vermeldde": the month of the dated facts about the
    names the question writes, when they all fall in one month; else asked."""
    names = [n for n in query.names if len(n) > 2]
    facts = [r for r in ctx.run(spec, "dated_facts") if names and names_in(names, r["text"])]
    days = [re.match(r"(\d{4})-(\d{2})", str(r["date"])) for r in facts]  # "2012" is no month
    months = sorted({(int(d.group(1)), int(d.group(2))) for d in days if d})
    if len(months) != 1:
        return Result(refusal(ctx.texts("event_month_unknown")))
    year, month = months[0]
    period = replace(query.period, years=(year,), months=(month,), month_order=(month,), span=False)
    dated = {m.group(0) for r in facts if (m := re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(r["date"])))}
    if query.period.week and len(dated) == 1:
        # "de week waarin JustNicolas de chat vermeldde": the week of that day, not every week of
        # its month
        day = date.fromisoformat(dated.pop())
        period = replace(period, date=(day.day, day.month, day.year), months=(), month_order=())
    asked = replace(query, month_of_event=False, period=period)
    result = answer_metric(ctx, spec, asked)
    if result.answer.answered:  # (a refusal states no date of its own)
        result.answer.text = f"{facts[0]['text']} {result.answer.text}"
    return result


def _which_metric(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    by_helpline = ctx.run(spec, "helpline_metrics")
    if (query.helplines or query.operation == "per_hulplijn") and len(by_helpline) == 1:
        # a helpline named without a metric: the one metric that is split by helpline
        return answer_metric(ctx, spec, replace(query, metric=by_helpline[0]["metric"]))
    rows = ctx.run(spec, "metric_labels")
    labels = [r["label"] for r in rows]
    answer = refusal(fmt(spec.templates["geen_metriek"], metrics=dutch.join(labels, "of")))
    # one button per metric, each answering this question with that metric
    answer.options = tuple(
        Option(
            label=dutch.capitalize(_button_label(ctx, r["metric"], r["label"])),
            intent=f"metriek:{r['metric']}"[:64],
            query=replace(query, intent=spec.name, metric=r["metric"], metrics=(r["metric"],)),
        )
        for r in rows
    )
    return Result(answer)


def _button_label(ctx: AnswerContext, metric: str, label: str) -> str:
    """A metric's name on a button: its label, or its first alias when the label is too long."""
    if len(label) <= 40:
        return label
    entity = next(e for e in ctx.lexicon.entities_of("metric") if e.key == metric)
    return next((a for a in entity.aliases if len(a) <= 40), label[:40])


def _several(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """Several metrics asked at once: each answered, in the order they were named."""
    parts = [
        answer_metric(
            ctx, spec, replace(query, metric=m, metrics=(m,), several_metrics=(), compared_metrics=())
        )
        for m in query.several_metrics or query.compared_metrics
    ]
    return _joined(ctx, parts)


def _total_and_another(query: Query) -> bool:
    """Does the question ask a total and, apart from it, one other calculation of the months?"""
    ops = list(dict.fromkeys(query.operations))
    # a count asked ("hoeveel ... in totaal", "geef het totaal en ..."), not "viel de drukste
    # maand samen met ...?"
    named = query.count_question or re.search(r"(?<![\w])(?:totaal|totale|totalen)(?![\w])", query.masked)
    return (
        len(ops) == 2
        and "totaal" in ops
        and bool(named)
        and not query.percent_question
        and not (query.top_n or 0) > 1  # "de twee drukste maanden samen": those months added up
        and bool(set(ops) & {"hoogste", "laagste", "gemiddelde", "mediaan"})
    )


def _joined(ctx: AnswerContext, parts: Sequence[Result]) -> Result:
    """Answers to parts of one question, one per line, with one line of caveats and one source
    line after them all."""
    prefix = ctx.texts("caveat", notes="\0").split("\0")[0]
    texts: list[str] = []
    notes: list[str] = []
    for p in parts:
        body = p.answer.text.split("\nBron:")[0]
        head, sep, caveat = body.partition(prefix)
        texts.append(head.rstrip() if sep else body)
        for note in caveat.rstrip(". ").split("; ") if sep else []:
            if note not in notes:
                notes.append(note)
    if notes:
        texts.append(ctx.texts("caveat", notes="; ".join(notes)))
    source = next((p.answer.source for p in parts if p.answer.source), None)
    answered = all(p.answer.answered for p in parts)
    text = "\n".join(texts) + (f"\n{source}" if source and answered else "")
    first = parts[0]
    return Result(
        Answer(text=text, answered=answered, source=source if answered else None), first.answered_query
    )


class MetricAnswer:
    """One query against one metric: which figures, which calculation, which sentence."""

    def __init__(self, ctx: AnswerContext, spec: IntentSpec, query: Query, m: Metric) -> None:
        self.ctx = ctx
        self.t = spec.templates
        self.q = query
        self.m = m
        self.years_used: list[int] = []
        self.points_used: list[tuple[int, int]] = []
        self.answered_helplines: tuple[str, ...] = ()  # the helpline a "which helpline" answered
        self.ratio_given = False  # "hoeveel keer zoveel": set when the answer states the factor
        self.found_month: tuple[int, int] | None = None  # the month a ranking found
        self.found_months: list[tuple[int, int]] = []  # the months a list answered
        self.weeks_used: list[Row] = []  # the weekly rows an answer about weeks gave

    def run(self) -> tuple[Answer, Query, tuple[tuple[int, int], ...]]:
        """The answer, the query as answered (years resolved) and the points it was about."""
        answer = self._answer()
        if self.q.ratio_question and answer.answered and not self.ratio_given:
            # a factor asked where this answer has two figures to divide: no other figure instead
            named = self.ctx.texts.table("operation_named")["verhouding"]
            problem = self.ctx.texts("no_operation", operation=named, what=self.m.label)
            answer = refusal(self.ctx.texts("part_not_used", problem=problem))
        years = tuple(sorted(set(self.years_used))) or self.q.period.years
        answered = (
            self.q.with_period(years=years, relative_year=None, more_relative_years=()) if years else self.q
        )
        if self.answered_helplines:
            answered = replace(answered, found_helplines=self.answered_helplines)
        if self.found_month is not None and answer.answered:
            answered = answered.with_period(found_month=self.found_month)
        if self.found_months and answer.answered:
            answered = answered.with_period(found_months=tuple(self.found_months))
        return answer, answered, tuple(self.points_used)

    # -- the decision -----------------------------------------------------------------

    def _answer(self) -> Answer:
        q, m, t = self.q, self.m, self.t
        p = q.period
        same = {"per_hulplijn", "vergelijking"} <= set(q.operations) and q.equal_question
        if same and len(q.helplines) == 1 and m.by_helpline:
            return self._ranking("per_hulplijn")  # "welke andere hulplijn had evenveel als X?"
        if q.equal_question and q.per_month and not (q.helplines or p.months or p.points or p.date):
            return self._equal_months()
        extreme = [o for o in q.operations if o in ("hoogste", "laagste")]
        if (
            "vergelijking" in q.operations
            and extreme
            and q.per_month
            and not (p.dates or p.date or p.week or p.points or p.vague or q.categories or q.compared_metrics)
            and not (q.weekdays or q.breakdown or q.threshold or q.premise or q.claim)
        ):
            if (q.change_direction or "").startswith("niet"):
                # "de grootste niet-stijging" ranks nothing the question can mean
                return refusal(self.ctx.texts("part_not_used", problem=self.ctx.texts("no_negated_ranking")))
            if len(set(extreme)) == 2 and not (q.change_direction or q.change_basis or q.helplines):
                # "het verschil tussen de drukste en de rustigste maand": the two ends set against
                # each other (it ranked the changes from month to month)
                return self._extremes_difference()
            return self._change_ranking(extreme[0])
        if (
            "vergelijking" in q.operations
            and q.per_month
            and q.change_direction
            and q.change_basis
            and not (p.dates or p.date or p.week or p.points or p.vague or q.categories or q.compared_metrics)
            and not (q.weekdays or q.breakdown or q.threshold or q.premise or q.claim or q.helplines)
        ):
            return self._change_ranking(None)  # "in welke maanden daalde het tov de maand ervoor?"
        if q.against_rest and m.by_helpline and len(q.helplines) == 1:
            return self._against_the_rest()
        if m.by_helpline and len(q.helplines) == 1 and q.per_month and _ONLY_ONE.search(q.masked):
            return self._months_of_one_alone()
        # "1712 of CLB-chat, wie verwees meer door?": two helplines set against each other is one
        # calculation (their totals and the difference)
        two_helplines = len(q.helplines) == 2 and {"per_hulplijn", "vergelijking"} >= set(q.operations) - {
            "totaal"
        }
        clash = [] if two_helplines else _clashing(q.operations)
        if clash:
            names = dutch.join([self._named_operation(o) for o in clash], "of")
            return refusal(self.ctx.texts("two_operations", operations=names))
        if q.helplines and not m.by_helpline:
            metrics = [r["label"] for r in m.q("helpline_metrics")]
            return refusal(fmt(t["geen_hulplijn"], label=m.label, metrics=dutch.join(metrics)))
        by_helpline = {r["metric"]: r["label"] for r in m.q("helpline_metrics")} if q.base_helpline else {}
        if q.base_helpline and q.base_metric is not None and q.base_metric not in by_helpline:
            # "hoeveel procent van alle awel-gesprekken is dat?": a whole of one helpline that no
            # source splits (the chat's own conversations were taken as that whole)
            label = self.ctx.label("metric", q.base_metric)
            return refusal(
                fmt(t["geen_hulplijn"], label=label, metrics=dutch.join(list(by_helpline.values())))
            )
        if q.excluded_helplines and not m.by_helpline:
            metrics = [r["label"] for r in m.q("helpline_metrics")]
            return refusal(fmt(t["geen_hulplijn"], label=m.label, metrics=dutch.join(metrics)))
        absolute_difference = q.breakdown == ABSOLUTE and q.operation == "vergelijking" and not q.categories
        if q.weekdays or (
            q.breakdown and (q.breakdown != ABSOLUTE or q.followed_up) and not absolute_difference
        ):
            # ("in aantallen": monthly figures are counts already; after a share it asks the
            # share as a count, which no source gives; "het verschil met 2019, in absolute
            # aantallen?" after a count is that difference in numbers)
            split = q.breakdown or self.ctx.texts("weekday_split")
            text = fmt(t["geen_weekdag"], label=m.label, split=split)
            return refusal(f"{text} {m.availability_text()}")
        if q.categories:
            labels = dutch.join([self.ctx.label("category", c) for _, c in q.categories])
            return refusal(
                self.ctx.texts(
                    "part_not_used",
                    problem=self.ctx.texts("no_category_for_metric", label=m.label, categories=labels),
                )
                + f" {m.availability_text()}"
            )
        if p.vague and (
            not (p.months or p.week or p.date or p.dates)
            or p.vague.startswith(self.ctx.lexicon.vague_within_months)
        ):  # ("de campagneweken eind september")  # "sinds de lockdown in maart t.e.m. september": the months
            return refusal(self.ctx.texts("vague_period", period=p.vague, available=m.availability_text()))
        if p.dates or p.date or p.week:
            # "de week van 21 september 2019": a day without its own year takes the year named
            year = p.years[0] if len(p.years) == 1 else None
            days = tuple((d, mo, y or year) for d, mo, y in (p.dates or ((p.date,) if p.date else ())))
            if p.date and p.week_shift and q.operation == "vergelijking" and days[0][2] is not None:
                # "Was dat meer dan de week daarna?": the week asked before against the week it
                # moves to (the moved week was given alone)
                moved = date(days[0][2], days[0][1], days[0][0]) + timedelta(days=p.week_shift)
                return self._named_weeks(self._several_weeks((days[0], (moved.day, moved.month, moved.year))))
            weekly = (
                self._several_weeks(days)
                if p.dates
                else self._weekly(days[0], p.week_shift)
                if p.date
                else self._weeks()
            )
            return self._named_weeks(weekly)
        if q.compared_metrics:
            return self._measures_compared()
        if q.per_metric and [x for x in q.metrics if x != q.per_metric]:
            return self._per_unit()
        if q.percent_question and q.operation not in ("vergelijking",):
            return self._share()
        if q.percent_question and p.inner_months and len(set(p.years)) == 2 and not q.helplines:
            # "hoeveel procentpunt groter was het aandeel van april in jan-sep in 2020 dan in
            # 2019?": that share in each year, and the difference (the totals were compared)
            return self._inner_shares_compared(sorted(set(p.years)))
        if q.threshold is not None:
            return self._threshold()
        operation = q.operation
        if q.none_from and operation == "geen":
            return self._none_from()
        if operation == "geen":  # "welke hulplijnen niemand", or for one helpline: which months
            operation = "per_maand" if m.helpline else "per_hulplijn"
        if operation in ("hoogste", "laagste") and m.helpline and not q.per_month and not p.months:
            operation = "per_hulplijn"  # "1712 verwees het vaakst door": among the helplines
        if operation == "per_hulplijn" or len(q.helplines) > 1:
            if not m.by_helpline:
                metrics = [r["label"] for r in m.q("helpline_metrics")]
                return refusal(fmt(t["geen_hulplijn"], label=m.label, metrics=dutch.join(metrics)))
            return self._ranking(operation)
        if p.blocks and operation == "vergelijking" and len(p.blocks) == 2:
            return self._blocks_compared(p.blocks)
        if p.points and q.claim is not None and not q.claim.percent and operation in (None, "vergelijking"):
            return self._claims_each([(y, [x]) for y, x in p.points])
        if p.points:
            return self._points(operation)
        years = self._years()
        if years is None:
            return m.refuse(self._asked_years_label())
        months = self._months(years)
        if p.excluded_months and not months:
            # "niet in mei" where only May has figures: nothing is left, and never May itself
            left_out = dutch.join([dutch.month_name(x) for x in p.excluded_months])
            return refusal(self.ctx.texts("nothing_left", excluded=left_out, label=m.label))
        if q.premise and operation in ("hoogste", "laagste") and len(months) == 1 and len(years) <= 1:
            # "klopt het dat het aantal piekte in mei?": May against every month of its year
            return self._extreme_claim(years, months[0], operation)
        order = [x for x in p.month_order if x in months] or months
        if p.reference_month is not None and len(order) == 2 and p.reference_month in order:
            # the month compared against comes second: its figure is the base of a percentage
            order = [x for x in order if x != p.reference_month] + [p.reference_month]
        if (
            operation == "vergelijking"
            and len(p.month_order) == 2
            and len(years) <= 1
            and re.search(_CHANGE, q.masked)
            and not p.base_named
        ):
            # "steeg het aantal van januari tot april?": the two ends of the range, measured
            # against the earlier one unless the question names another
            year = years[0] if years else max(m.available)
            # ("klopt het dat het aantal gesprekken jan-sep met 50% steeg?": a change in percent
            # claimed of a range is as doubtful; its ends were checked as a difference of 50)
            percent_claimed = q.claim is not None and q.claim.percent
            if (
                ("months" in q.from_context or percent_claimed)
                and len(set(p.months)) > 2
                and year - 1 in m.available
            ):
                # "met hoeveel procent steeg het?" after January-September 2020: from January to
                # September, or against the same months a year earlier? (the ends were compared;
                # two months listed, or a year with none before it, leave no doubt)
                first, last = (dutch.month_name(x) for x in (min(p.month_order), max(p.month_order)))
                return refusal(
                    self.ctx.texts("which_change", first=first, last=last, year=year, before=year - 1)
                )
            start = p.reference_month if p.reference_month in p.month_order else min(p.month_order)
            return self._month_comparison(years, [x for x in p.month_order if x != start] + [start])
        if (
            len(order) == 2
            and len(months) == 2
            and len(years) <= 1
            and (operation == "vergelijking" or (operation is None and not p.span and len(m.available) == 1))
        ):
            return self._month_comparison(years, order)
        each_claim = q.claim is not None and not q.claim.percent and operation in (None, "vergelijking")
        # ("steeg in 2020 met 80 tegenover 2019, klopt dat?": the difference is claimed; each year
        # was checked against 80)
        difference_claimed = operation == "vergelijking" and _DIFFERENCE_CLAIMED.search(q.masked) is not None
        if each_claim and len(years) > 1 and months and not difference_claimed:
            return self._claims_each([(y, months) for y in years])
        if operation is None and len(years) == 2 and len(q.helplines) <= 1:
            operation = "vergelijking"  # "in mei 2019 en mei 2020": both, and the difference
        if operation == "vergelijking":
            return self._comparison(years, months)
        if p.per_quarter and not months:
            return self._quarters(years or sorted(m.available), operation)
        if not years and not months:
            return self._everything(operation)
        if years and not months:
            whole = self._yearly(years, operation)
            if whole is not None:
                return whole
            short = [y for y in years if 0 < len(m.available.get(y, [])) < 12]
            lone = [y for y in years if len(m.available.get(y, [])) == 1]
            if (p.whole_year and short) or (lone and operation in (None, "totaal")):
                # "het hele jaar 2020"; "hoeveel dit jaar in totaal?" where one month of it has a
                # figure: that month is no year (it was given as the year's)
                return self._partial((short or lone)[0], range(1, 13))
            have = sorted({x for y in years for x in m.available.get(y, [])})
            missing = [y for y in years if not m.available.get(y)]
            if missing or not have:
                return m.refuse(dutch.join([str(y) for y in missing or years]))
            return self._aggregate(years, None, operation)
        if months and not years:
            return self._months_without_year(months, operation)
        for y in years:
            if not m.has(y, months):
                if set(months) & set(m.available.get(y, [])):
                    return self._partial(y, months)
                rest = self._rest_of_year(years, months, operation)
                return rest if rest is not None else m.refuse(_period(y, months))
        return self._aggregate(years, months, operation)

    def _extremes_difference(self) -> Answer:
        """The month with the most and the one with the least, per year asked, and the
        difference between them."""
        m, t = self.m, self.t
        years = self._years()
        if years is None:
            return m.refuse(self._asked_years_label())
        lines: list[str] = []
        used: list[MonthFigure] = []
        for year in years or sorted(m.available):
            months = self._months([year]) or m.available.get(year, [])
            figures = m.series([year], months)
            if len(figures) < 2:
                return m.refuse(_period(year, months))
            used += figures
            self.years_used.append(year)
            high, low = max(f.value for f in figures), min(f.value for f in figures)
            named = {
                edge: dutch.join([dutch.month_name(f.month) for f in figures if f.value == edge])
                for edge in (high, low)
            }
            lines.append(
                fmt(
                    t["verschil_uitersten"],
                    subject=m.subject,
                    period=_period(year, [f.month for f in figures]),
                    high_months=named[high],
                    high=m.figure(high),
                    low_months=named[low],
                    low=m.figure(low),
                    difference=m.figure(high - low),
                )
            )
        return finish(self.ctx, " ".join(lines), m.rows_seen, answered=True, extra=self._caveats(used))

    def _rest_of_year(
        self, years: Sequence[int], months: Sequence[int], operation: str | None
    ) -> Answer | None:
        """ "okt-dec 2019" where the source gives 2019 whole and every other month of it: the
        whole year minus those months, said as a calculation. A part of the months left is no
        figure (the rest cannot be split), nor is a year given as "meer dan"."""
        m, t, q = self.m, self.t, self.q
        if len(years) != 1 or operation not in (None, "totaal") or m.helpline or m.excluded:
            return None
        if q.claim is not None or q.percent_question or q.threshold is not None:
            return None
        year = years[0]
        given = m.available.get(year, [])
        if not given or sorted(set(months) | set(given)) != list(range(1, 13)) or set(months) & set(given):
            return None
        rows = m.q("yearly", years=[year])
        if not rows or rows[0]["qualifier"]:
            return None
        row = rows[0]
        given_total = _sum(m.series([year], given))
        rest = Decimal(row["value"]) - given_total
        speaker = " " + self.ctx.texts("said_in_question") if row["said_by"] == "vraag" else ""
        text = fmt(
            t["rest_van_jaar"],
            subject=m.subject,
            period=_period(year, months),
            value=_value(rest),
            year=year,
            year_value=_value(row["value"]),
            speaker=speaker,
            given=_period(year, given),
            given_value=_value(given_total),
        )
        self.years_used.append(year)
        return finish(self.ctx, text, m.rows_seen, answered=True)

    # -- resolving the period -----------------------------------------------------------

    def _years(self) -> list[int] | None:
        """The years asked, resolved against the data (None: a year range the data lacks)."""
        p, m = self.q.period, self.m
        years = sorted(set(p.years))
        if p.years_from is not None:
            newest = max([*m.available, *[r["year"] for r in m.q("yearly_all")]], default=p.years_from)
            wanted = list(range(p.years_from, newest + 1))
            missing = [y for y in wanted if y not in m.available]
            if missing:
                return None
            years = wanted
        if not years and p.relative_year is not None and m.available:
            years = sorted({max(m.available) + r for r in (p.relative_year, *p.more_relative_years)})
        if not years and p.all_years:
            years = sorted(m.available)  # "in beide jaren"
        return years

    def _asked_years_label(self) -> str:
        p, m = self.q.period, self.m
        if p.years_from is not None:
            newest = max(m.available, default=p.years_from)
            missing = [y for y in range(p.years_from, newest + 1) if y not in m.available]
            return dutch.join([str(y) for y in missing])
        return dutch.join([str(y) for y in p.years])

    def _months(self, years: Sequence[int]) -> list[int]:
        p, m = self.q.period, self.m
        months = sorted(set(p.months))
        if p.open_from:
            pool = years or ([max(m.available)] if m.available else [])
            months = sorted({x for y in pool for x in m.available.get(y, []) if x >= p.open_from}) or [
                p.open_from
            ]
        if p.excluded_months:
            if not months:
                pool = years or ([max(m.available)] if m.available else [])
                months = sorted({x for y in pool for x in m.available.get(y, [])})
            months = [x for x in months if x not in p.excluded_months]
        return months

    # -- answers ------------------------------------------------------------------------

    def _months_without_year(self, months: list[int], operation: str | None) -> Answer:
        m, t = self.m, self.t
        candidates = [y for y in sorted(m.available, reverse=True) if m.has(y, months)]
        if not candidates:
            partial = [y for y in sorted(m.available, reverse=True) if set(months) & set(m.available[y])]
            if partial:
                return self._partial(partial[0], months)
            return m.refuse(dutch.months_label(months))
        main = self._aggregate([candidates[0]], months, operation)
        others = candidates[1:]
        if others and main.answered and operation in (None, "totaal", "gemiddelde") and self.q.claim is None:
            extra = []
            for y in others:
                figures = m.series([y], months)
                if not figures:
                    continue
                value = (
                    _value(dutch.round_half_up(_sum(figures) / len(figures)))
                    if operation == "gemiddelde"
                    else _value(_sum(figures))
                )
                extra.append(fmt(t["ter_vergelijking"], period=_period(y, months), value=value))
            main.text = _insert_before_source(main.text, " ".join(extra))
        return main

    def _aggregate(self, years: Sequence[int], months: Sequence[int] | None, operation: str | None) -> Answer:
        q, m, t = self.q, self.m, self.t
        lines: list[str] = []
        main: tuple[Decimal, int, list[int]] | None = None  # value, year, months of the one figure
        used: list[MonthFigure] = []
        only = [(y, x) for y, xs in m.available.items() for x in xs]
        if operation in ("hoogste", "laagste") and len(only) == 1 and not q.top_n:
            # "in welke maand konden de meeste oproepers niet beantwoord worden?": one month is
            # all the source gives, so no month stands out among others ("mei, met 35" was given)
            year, month = only[0]
            return refusal(fmt(t["een_maand"], label=m.label, period=_period(year, [month])))
        for year in years:
            ms = list(months or m.available.get(year, []))
            period = _period(year, ms)
            figures = m.series([year], ms)
            if not figures:
                continue
            used += figures
            self.years_used.append(year)
            if operation in ("hoogste", "laagste"):
                both = {"hoogste", "laagste"} <= set(q.operations) and not (q.top_n or q.rank_position)
                for extreme in ("hoogste", "laagste") if both else (operation,):
                    lines.append(self._extreme(figures, extreme, period))
                edge = (max if operation == "hoogste" else min)(f.value for f in figures)
                main = None if both else (edge, year, ms)
            elif operation == "per_maand":
                lines.append(fmt(t["per_maand_kop"], subject=m.subject, period=period))
                lines += [
                    fmt(t["per_maand_regel"], month=dutch.month_name(f.month), value=_value(f.value))
                    for f in figures
                ]
                if m.aggregation == "sum":
                    lines.append(fmt(t["per_maand_totaal"], value=_value(_sum(figures))))
                zeros = [dutch.month_name(f.month) for f in figures if f.value == 0]
                if zeros:
                    count, of = dutch.number(len(zeros)), dutch.number(len(figures))
                    lines.append(fmt(t["nul_maanden"], months=dutch.join(zeros), count=count, of=of))
            elif operation == "gemiddelde" and len(ms) > 1:
                if m.aggregation != "sum":
                    return refusal(fmt(t["geen_gemiddelde_metriek"], label=m.label))
                total = _sum(figures)
                exact = total / len(figures)
                value = dutch.round_half_up(exact)
                asked = self.q.decimals
                lines.append(
                    fmt(
                        t["gemiddelde" if asked is None else "gemiddelde_decimalen"],
                        subject=m.subject,
                        period=period,
                        value=_value(value) if asked is None else dutch.fixed(exact, asked),
                        exact=dutch.one_decimal(exact),
                        total=_value(total),
                        count=len(figures),
                    )
                )
                main = (Decimal(value), year, ms)
            elif operation == "mediaan" and len(ms) > 1:
                values = sorted(f.value for f in figures)
                middle = Decimal(str(median(values)))
                ordered = ", ".join(_value(v) for v in values)
                lines.append(
                    fmt(t["mediaan"], subject=m.subject, period=period, value=_value(middle), ordered=ordered)
                )
                main = (middle, year, ms)
            elif len(ms) == 1:
                f = figures[0]
                template = t["waarde_qualified"] if f.qualifier else t["waarde"]
                lines.append(
                    fmt(
                        template,
                        subject=m.subject,
                        period=period,
                        value=m.figure(f.value),
                        qualifier=f.qualifier,
                    )
                )
                main = (f.value, year, ms)
                self.points_used.append((year, ms[0]))
            else:
                if m.aggregation != "sum":
                    if operation == "totaal":
                        return refusal(fmt(t["geen_totaal_metriek"], label=m.label))
                    # averages are never added up: each month, as the source gives it
                    lines.append(fmt(t["per_maand_kop"], subject=m.subject, period=period))
                    lines += [
                        fmt(t["per_maand_regel"], month=dutch.month_name(f.month), value=m.figure(f.value))
                        for f in figures
                    ]
                    continue
                total = _sum(figures)
                parts = ""
                if len(ms) <= BREAKDOWN_MAX_MONTHS:
                    # a few months together: also each month, so nothing needs asking twice
                    parts = (
                        " ("
                        + dutch.join([f"{dutch.month_name(f.month)} {_value(f.value)}" for f in figures])
                        + ")"
                    )
                lines.append(
                    fmt(t["totaal"], subject=m.subject, period=period, value=_value(total), parts=parts)
                )
                main = (total, year, ms)
        if not lines:
            return m.refuse(dutch.join([_period(y, list(months or m.available.get(y, []))) for y in years]))
        summed_years = sorted({f.year for f in used})
        if operation == "totaal" and m.aggregation == "sum" and len(summed_years) > 1:
            # "in 2019 en 2020 samen": each year's figure, then all of them added up
            periods = dutch.join([_period(y, list(months or m.available.get(y, []))) for y in summed_years])
            lines.append(fmt(t["totaal_jaren"], periods=periods, value=_value(_sum(used))))
            main = None
        listing = any(line.startswith("- ") for line in lines)
        text = "\n".join(lines) if listing else " ".join(lines)
        if q.claim is not None:
            if len(years) != 1 or main is None:
                return refusal(self.ctx.texts("one_claim"))
            # "klopt het dat er in 2020 meer dan 300 waren?" with January-September only: those
            # months are the least the year had, no more
            whole = not q.period.months and bool(q.period.years) and len(m.available.get(main[1], [])) < 12
            bound = "deel" if whole else self._lower_bound(used)
            claim = self._claim(q.claim, main[0], _period(main[1], main[2]), bound)
            # one figure: the check says it all; more: the check, then the details
            text = claim if len(main[2]) == 1 and operation is None else f"{claim} {text}"
        return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(used))

    def _against_the_mean(
        self, asked: Sequence[MonthFigure], year_figures: Sequence[MonthFigure], year: int
    ) -> str:
        """Each month asked, above, below or at the mean of every month of its year."""
        t = self.t
        total = _sum(year_figures)
        mean = total / len(year_figures)
        positions = self.ctx.texts.table("against_mean")
        items = dutch.join(
            [
                f"{dutch.month_name(f.month)}: {_value(f.value)}, "
                + (f"{dutch.one_decimal(abs(f.value - mean))} " if f.value != mean else "")
                + positions["boven" if f.value > mean else "onder" if f.value < mean else "gelijk"]
                for f in asked
            ]
        )
        return fmt(
            t["tegen_gemiddelde"],
            subject=self.m.subject,
            year=year,
            items=items,
            whole=_period(year, [f.month for f in year_figures]),
            value=_value(dutch.round_half_up(mean)),
            exact=dutch.one_decimal(mean),
            total=_value(total),
            count=len(year_figures),
        )

    def _equal_months(self) -> Answer:
        """ "Welke twee maanden van 2020 hadden hetzelfde aantal gesprekken?": the months of each
        year with the same figure (the year's total was given)."""
        m = self.m
        years = self._years() or sorted(m.available)
        lines: list[str] = []
        used: list[MonthFigure] = []
        for year in years:
            figures = m.series([year], m.available.get(year, []))
            used += figures
            by_value: dict[Decimal, list[int]] = {}
            for f in figures:
                by_value.setdefault(f.value, []).append(f.month)
            same = [(v, ms) for v, ms in sorted(by_value.items()) if len(ms) > 1]
            period = _period(year, m.available.get(year, []))
            if not same:
                lines.append(self.ctx.texts("equal_months_none", subject=m.subject, period=period))
            for value, months in same:
                names = dutch.join([dutch.month_name(x) for x in months])
                lines.append(
                    self.ctx.texts(
                        "equal_months", subject=m.subject, period=period, months=names, value=_value(value)
                    )
                )
        self.years_used += list(years)
        return finish(self.ctx, " ".join(lines), m.rows_seen, answered=True, extra=self._caveats(used))

    def _extreme(self, figures: Sequence[MonthFigure], operation: str, period: str) -> str:
        q, m, t = self.q, self.m, self.t
        count = q.top_n or 0
        position = q.rank_position or 0
        if count > 1 or position > 1:
            ordered = sorted(
                figures, key=lambda f: (-f.value if operation == "hoogste" else f.value, f.month)
            )
            last = min(count if count > 1 else position, len(ordered)) - 1
            edge = ordered[last].value
            # a month as high as the last one asked shares its place: named too, never cut off
            tied = [f for f in ordered if f.value == edge]
            picked = [f for f in ordered[: last + 1] if count > 1 or f.value == edge] + [
                f for f in ordered[last + 1 :] if f.value == edge
            ]
            items = [f"{dutch.month_name(f.month)} ({_value(f.value)})" for f in picked]
            if count > 1:  # "hoeveel zijn dat samen?" after the three busiest: those months
                self.found_months += [(f.year, f.month) for f in picked]
            elif len(picked) == 1:  # "hoeveel in die maand?" after the second busiest: that month
                self.found_month = (picked[0].year, picked[0].month)
            key = ("alle" if count >= len(ordered) else "top") if count > 1 else "plaats"
            text = fmt(
                t[f"{operation}_{key}"],
                subject=m.subject,
                period=period,
                items=dutch.join(items),
                count=len(picked),
                position=position,
            )
            if len(tied) > 1 and ((count > 1 and len(picked) > count) or position > 1):
                names = dutch.join([dutch.month_name(f.month) for f in tied])
                text += " " + fmt(t["gedeelde_plaats"], months=dutch.capitalize(names), value=_value(edge))
            if count > 1 and "totaal" in q.operations and m.aggregation == "sum":
                # "de twee drukste maanden samen": those months added up (all months were)
                text += " " + fmt(t["drempel_samen"], value=_value(_sum(picked)))
            return text
        edge = (max if operation == "hoogste" else min)(f.value for f in figures)
        hits = [f for f in figures if f.value == edge]
        if len(hits) == 1:
            self.found_month = (hits[0].year, hits[0].month)  # "en de maand erna?" starts here
        return fmt(
            t[operation],
            subject=m.subject,
            period=period,
            months=dutch.join([dutch.month_name(f.month) for f in hits]),
            value=_value(edge),
        )

    def _extreme_claim(self, years: Sequence[int], month: int, operation: str) -> Answer:
        """Is the month named the highest (lowest) of its year? The extreme, and the month."""
        m, t = self.m, self.t
        pool = list(years) or [y for y in sorted(m.available, reverse=True) if month in m.available[y]][:1]
        if not pool or month not in m.available.get(pool[0], []):
            return m.refuse(_period(pool[0] if pool else 0, [month]) if pool else dutch.month_name(month))
        year = pool[0]
        figures = m.series([year], m.available[year])
        edge = (max if operation == "hoogste" else min)(f.value for f in figures)
        holds = any(f.month == month and f.value == edge for f in figures)
        asked = next(f for f in figures if f.month == month)
        text = " ".join(
            [
                t["piek_juist" if holds else "piek_fout"],
                self._extreme(figures, operation, _period(year, m.available[year])),
                fmt(t["waarde"], subject=m.subject, period=_period(year, [month]), value=_value(asked.value)),
            ]
        )
        self.years_used.append(year)
        return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(figures))

    def _claim(self, claim: Claim, value: Decimal, period: str, bound: str | None = None) -> str:
        """The verdict on a claim. `bound` says the figure is only a lower bound of what was
        claimed: "minstens" or "meer dan" (the source's own qualifier), or "deel" (the data
        covers only part of the period claimed); a claim it cannot decide is said to be so."""
        t, m = self.t, self.m
        subject = dutch.lower_first(m.subject)
        if bound is not None:
            return self._bounded_claim(claim, value, period, bound)
        if claim.comparator == "=":
            if claim.value == value:
                return fmt(t["premisse_juist"], subject_lower=subject, period=period, value=_value(value))
            if claim.approximate and abs(claim.value - value) <= value * Decimal("0.05"):
                # "ongeveer 120 gesprekken in april" (123): near enough, with both said
                return self.ctx.texts(
                    "claim_roughly_count",
                    subject=subject,
                    period=period,
                    actual=_value(value),
                    claimed=_value(claim.value),
                )
            return fmt(
                t["premisse_fout"],
                subject_lower=subject,
                period=period,
                value=_value(value),
                claimed=_value(claim.value),
            )
        condition = f"{self.ctx.texts.table('comparators')[claim.comparator]} {_value(claim.value)}"
        holds = compare(claim.comparator, value, claim.value)
        template = t["premisse_vergelijking_juist" if holds else "premisse_vergelijking_fout"]
        return fmt(template, subject_lower=subject, period=period, value=_value(value), condition=condition)

    def _bounded_claim(self, claim: Claim, value: Decimal, period: str, bound: str) -> str:
        t, m = self.t, self.m
        subject = dutch.lower_first(m.subject)
        # ("ondergrens": the figures count part of what their words cover; the caveat says so)
        said = f"{bound} {_value(value)}" if bound in ("minstens", "meer dan", "ongeveer") else _value(value)
        lowest = value + 1 if bound == "meer dan" else value  # the least the true figure can be
        n, c = claim.value, claim.comparator
        verdict: bool | None = None
        if bound != "ongeveer":
            if c == ">":
                verdict = True if lowest > n else None
            elif c == ">=":
                verdict = True if lowest >= n else None
            elif c == "<":
                verdict = False if lowest >= n else None
            elif c == "<=":
                verdict = False if lowest > n else None
            else:
                verdict = False if n < lowest else None
        if verdict is None:
            return fmt(t["premisse_onbeslist"], subject_lower=subject, period=period, value=said)
        condition = f"{self.ctx.texts.table('comparators')[c]} {_value(n)}" if c != "=" else _value(n)
        template = t["premisse_vergelijking_juist" if verdict else "premisse_vergelijking_fout"]
        return fmt(template, subject_lower=subject, period=period, value=said, condition=condition)

    def _claims_each(self, periods: Sequence[tuple[int, Sequence[int]]]) -> Answer:
        """ "lag het aantal in juli in beide jaren onder de 50?": the claim checked for each year
        (or each month with its own year)."""
        m, q = self.m, self.q
        assert q.claim is not None
        lines: list[str] = []
        used: list[MonthFigure] = []
        for y, months in periods:
            if not m.has(y, months):
                return m.refuse(_period(y, months))
            figures = m.series([y], months)
            used += figures
            claimed = dict(q.claimed_per_year)
            claim = (
                replace(q.claim, value=claimed[y])
                if y in claimed and len(claimed) == len(periods)
                else q.claim
            )
            lines.append(self._claim(claim, _sum(figures), _period(y, months), self._lower_bound(figures)))
        self.years_used += sorted({y for y, _ in periods})
        return finish(self.ctx, " ".join(lines), m.rows_seen, answered=True, extra=self._caveats(used))

    def _partial(self, year: int, months: Sequence[int]) -> Answer:
        m, t = self.m, self.t
        covered = [x for x in months if x in m.available.get(year, [])]
        missing = [x for x in months if x not in covered]
        p, q = self.q.period, self.q
        listed = sorted(set(p.month_order)) == sorted(set(months))  # "sep en okt", no range
        if covered and listed and len(months) > 1 and q.operation is None and q.claim is None:
            # "in september en in oktober 2020": each month asked, and which one has no figure
            lines = [
                fmt(t["waarde"], subject=m.subject, period=_period(year, [x]), value=_value(f.value))
                for x in covered
                for f in m.series([year], [x])
            ]
            lines.append(self.ctx.texts("no_data_for", what=_period(year, missing)))
            self.years_used.append(year)
            return finish(self.ctx, " ".join(lines), m.rows_seen, answered=True)
        available = dutch.join([_period(y, ms) for y, ms in sorted(m.available.items())])
        text = fmt(
            t["gedeeltelijk"], missing=_period(year, missing), label=m.display_label, available=available
        )
        return refusal(text)

    def _everything(self, operation: str | None) -> Answer:
        """No period named: everything the data holds for this metric, labelled per year."""
        m, t = self.m, self.t
        years = sorted(m.available)
        if not years:
            return m.refuse(self.ctx.texts("no_period_at_all"))
        answer = self._aggregate(years, None, operation)
        if operation in (None, "totaal") and not (m.helpline or m.excluded) and answer.answered:
            yearly = m.q("yearly_all")
            if yearly:
                items = dutch.join(
                    [
                        f"{y['qualifier'] + ' ' if y['qualifier'] else ''}{_value(y['value'])} in "
                        f"{'heel ' if y['year'] in m.available else ''}{y['year']}"
                        + (" " + self.ctx.texts("said_in_question") if y["said_by"] == "vraag" else "")
                        for y in yearly
                    ]
                )
                answer = finish(
                    self.ctx,
                    answer.text.split("\nBron:")[0] + " " + fmt(t["jaartotalen"], items=items),
                    m.rows_seen,
                    answered=True,
                )
        return answer

    def _yearly(self, years: Sequence[int], operation: str | None) -> Answer | None:
        """A whole year asked, and the source states a whole-year figure."""
        m, t, q = self.m, self.t, self.q
        if operation not in (None, "totaal", "gemiddelde") or m.helpline or m.excluded or len(years) != 1:
            return None
        rows = m.q("yearly", years=list(years))
        if not rows or (operation == "gemiddelde" and (rows[0]["qualifier"] or not self.q.period.whole_year)):
            return None  # an average of "meer dan 330" is no figure
        row = rows[0]
        speaker = " " + self.ctx.texts("said_in_question") if row["said_by"] == "vraag" else ""
        months = m.available.get(row["year"], [])
        quoted = q.claim is None or q.claim.value == Decimal(row["value"])
        if row["qualifier"] and q.exact_asked and quoted:
            # "graag het exacte aantal" of "meer dan 330" (also after quoting it): the source gives
            # a bound, no figure
            text = fmt(
                t["jaarcijfer_niet_exact"],
                subject=m.subject,
                year=row["year"],
                value=_value(row["value"]),
                qualifier=f"{row['qualifier']} ",
                speaker=speaker,
            )
            if months:
                total = _sum(m.series([row["year"]], months))
                text += " " + fmt(
                    t["jaarcijfer_en_maanden"], period=_period(row["year"], months), value=_value(total)
                )
            self.years_used.append(row["year"])
            return finish(self.ctx, text, m.rows_seen, answered=False)
        text = fmt(
            t["jaarcijfer"],
            subject=m.subject,
            year=row["year"],
            value=_value(row["value"]),
            qualifier=f"{row['qualifier']} " if row["qualifier"] else "",
            speaker=speaker,
        )
        if operation == "gemiddelde":
            exact = Decimal(row["value"]) / 12
            value = dutch.round_half_up(exact)
            unrounded = "" if value == exact else f" ({dutch.one_decimal(exact)})"
            text += " " + fmt(t["jaarcijfer_gemiddeld"], value=_value(value), exact=unrounded)
        if months and operation != "gemiddelde":
            total = _sum(m.series([row["year"]], months))
            text += " " + fmt(
                t["jaarcijfer_en_maanden"], period=_period(row["year"], months), value=_value(total)
            )
        if q.claim is not None:
            whole = f"heel {row['year']}"
            verdict = self._claim(q.claim, Decimal(row["value"]), whole, row["qualifier"] or None)
            text = f"{verdict} {text}"
        self.years_used.append(row["year"])
        return finish(self.ctx, text, m.rows_seen, answered=True)

    def _comparison(self, years: list[int], months: list[int]) -> Answer:
        m, t, q = self.m, self.t, self.q
        if q.period.whole_year and months and len(set(years)) > 1:
            # "in de eerste negen maanden van 2020 meer dan in heel 2019?": the year named whole
            # with its own figure, against the months of the other; else said, not guessed
            whole = self._whole_against_months(years, months)
            if whole is not None:
                return whole
            label = dutch.months_label(months)
            return refusal(self.ctx.texts("uneven_periods", months=label, label=m.label))
        available_years = sorted(m.available)
        if len(years) < 2:
            others = [
                y
                for y in sorted(set(available_years) | {r["year"] for r in m.q("yearly_all")}, reverse=True)
                if y not in years
            ]
            if not years and len(available_years) >= 2:
                years = available_years[-2:]
            elif years and others:
                years = sorted([years[0], others[0]])
            else:
                base = MetricAnswer(self.ctx, self.ctx.metric_spec, replace(q, operation=None), m)
                answer = base._answer()
                if answer.answered:
                    answer.text = fmt(t["vergelijken_kan_niet"], label=m.display_label) + " " + answer.text
                return answer
        first, second = years[0], years[-1]
        self.years_used += [first, second]
        values: dict[int, tuple[str, Decimal]] = {}
        used: list[MonthFigure] = []
        if not months:
            yearly = {r["year"]: r for r in m.q("yearly", years=[first, second])}
            if first in yearly and second in yearly and not (m.helpline or m.excluded):
                for y in (first, second):
                    values[y] = (str(y), Decimal(yearly[y]["value"]))
            else:
                if q.period.whole_year and not (m.helpline or m.excluded):
                    # "het volledige jaar 2020 vergeleken met heel 2019": a whole year the data has
                    # only some months of (January-September of both were compared); "2020 na negen
                    # maanden al boven heel 2019?": that year's figure against the other's months
                    whole_of = q.period.whole_year_of
                    short = [y for y in (first, second) if y not in yearly and whole_of in (None, y)]
                    if short:
                        return self._partial(short[0], range(1, 13))
                    other = second if whole_of == first else first
                    against = self._whole_against_months([first, second], m.available.get(other, []))
                    if against is not None:
                        return against
                common = sorted(set(m.available.get(first, [])) & set(m.available.get(second, [])))
                if not common:
                    return m.refuse(f"{first} en {second} samen")
                months = common
        average = "gemiddelde" in q.operations
        exact: dict[int, Decimal] = {}
        if average:
            values = {}  # "het verschil tussen het gemiddelde van 2019 en 2020": the averages
            if not months:
                months = sorted(set(m.available.get(first, [])) & set(m.available.get(second, [])))
        if not values:
            for y in (first, second):
                if not m.has(y, months):
                    return m.refuse(_period(y, months))
                figures = m.series([y], months)
                used += figures
                value = _sum(figures)
                if average:
                    # whole, as the source prints its averages, or with the decimals asked ("op 1
                    # decimaal" gave whole ones); the percentage from the exact ones (whole
                    # averages gave "+49,0%" where they rose 49,5%)
                    exact[y] = value / len(figures)
                    value = dutch.rounded(exact[y], self._average_places(y, figures, exact[y]))
                label = _period(y, months) + (
                    ", " + self.ctx.texts.table("operation_described")["gemiddelde"] if average else ""
                )
                values[y] = (label, value)
        (p1, v1), (p2, v2) = values[first], values[second]
        # ("april 2019 tegenover april 2020, met het stijgingspercentage": a rise runs forward in
        # time, from 2019; it was measured against 2020, -65%)
        over_time = re.search(_CHANGE, q.masked) is not None
        against_later = q.period.reference_year == second and first != second and not over_time
        against_later = _direction_read(q, against_later, v1, v2)
        order = (second, first) if against_later else (first, second)
        if against_later:
            # "hoeveel procent minder in 2019 dan in 2020": measured against 2020, said so
            (p1, v1), (p2, v2) = (p2, v2), (p1, v1)
        unrounded = (exact[order[0]], exact[order[1]]) if exact else None
        text = self._difference_sentence(p1, v1, p2, v2, base=p1 if against_later else None, exact=unrounded)
        earlier, later = values[min(first, second)][1], values[max(first, second)][1]
        ends = self._ends_claimed(earlier, later) if first != second else None
        if ends is not None:
            text = f"{ends} {text}"
        difference_claimed = _DIFFERENCE_CLAIMED.search(q.masked) is not None and ends is None
        claimed_difference = q.claim is not None and not q.claim.percent and difference_claimed
        if claimed_difference and q.claim is not None and isinstance(v1, Decimal) and isinstance(v2, Decimal):
            # "steeg met 80 tegenover 2019, klopt dat?": the difference against the claim, and its
            # direction against a rise or fall said
            diff = v2 - v1
            falls = _FALL_CLAIMED.search(q.masked) is not None
            holds = compare(q.claim.comparator, abs(diff), q.claim.value) and (
                diff == 0 or (diff < 0) == falls
            )
            rises = _RISE_CLAIMED.search(q.masked) is not None
            sign = "-" if falls else "+" if rises else ""
            check = fmt(
                t["premisse_verschil_juist" if holds else "premisse_verschil_fout"],
                difference=dutch.signed(diff) if diff else "0",
                claimed=sign + _value(q.claim.value),
            )
            text = f"{check} {text}"
        if q.claim is not None and q.claim.percent and v1 != 0:
            # "klopt het dat er ruim 50% meer waren?": the change in percent against the claim
            text = self._change_claimed(q.claim, (v2 - v1) * 100 / v1) + " " + text
        if q.per_month and months and len(months) > 1:
            rows = {(f.year, f.month): f.value for f in m.series([first, second], months)}
            pairs = [
                f"{dutch.month_name(x)} {_value(rows[(first, x)])} → {_value(rows[(second, x)])}"
                for x in months
                if (first, x) in rows and (second, x) in rows
            ]
            text += " " + self.ctx.texts(
                "per_month_change", first=first, second=second, pairs="; ".join(pairs)
            )
            text += " " + self._directions(first, second, months, rows)
        return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(used))

    def _change_claimed(self, claim: Claim, change: Decimal) -> str:
        """The verdict on a change claimed in percent ("met 50% gestegen"), said to the decimals
        asked (one by default); a claim said roughly holds within a point ("met ongeveer de helft"
        of +49,5%), with both said."""
        said = dutch.signed_fixed(change, 1 if self.q.decimals is None else self.q.decimals) + "%"
        claimed = claimed_percent(self.ctx.texts, claim)
        holds = compare(claim.comparator, change, claim.value)
        if not holds and claim.approximate and abs(change - claim.value) <= 1:
            return self.ctx.texts("claim_roughly", actual=said, claimed=claimed)
        return fmt(self.t["aandeel_juist" if holds else "aandeel_fout"], percent=said, claimed=claimed)

    def _average_places(self, year: int, figures: Sequence[MonthFigure], exact: Decimal) -> int:
        """Decimals of a monthly average set against another: those asked; else whole where the
        source prints that average (its "Gem/maand") or it is whole, one decimal where not (the
        difference of two whole averages, +25, was not that of the averages, +24,8)."""
        if self.q.decimals is not None:
            return self.q.decimals
        months = sorted(f.month for f in figures)
        run = months == list(range(months[0], months[-1] + 1)) if months else False
        printed = run and bool(self.m.q("printed_average", years=[year], months=months))
        return 0 if printed or exact % 1 == 0 else 1

    def _months_against_a_bound(
        self, whole_year: int, row: Row, year: int, months: Sequence[int], figures: Sequence[MonthFigure]
    ) -> Answer:
        """ "Waren er van januari tot september 2020 al meer nieuwe oproepers dan in heel 2019?"
        when the source gives that year only as a bound ("meer dan 330"): less for certain when the
        months reach no further than the bound, else not to be said (the months of both years
        were compared, as if the whole year had been asked)."""
        t, m = self.ctx.texts, self.m
        part, value = _period(year, months), _sum(figures)
        bound = Decimal(row["value"])
        said = {
            "label": m.label[:1].upper() + m.label[1:],
            "part": part,
            "value": dutch.number(value),
            "year": whole_year,
            "qualifier": row["qualifier"],
            "bound": dutch.number(bound),
        }
        self.years_used += sorted({whole_year, year})
        below = value < bound or (value == bound and row["qualifier"] == "meer dan")
        text = t("months_below_bound" if below else "months_against_bound", **said)
        if row["said_by"] == "vraag":
            text += " " + t("whole_year_said", year=whole_year)
        return finish(self.ctx, text, m.rows_seen, answered=below, extra=self._caveats(figures))

    def _whole_against_months(self, years: Sequence[int], months: Sequence[int]) -> Answer | None:
        """The year named whole ("heel 2019"), by its own figure, against the months of the other
        year; None when the question does not say which year is whole, or that figure is a bound."""
        m, q = self.m, self.q
        whole_year = q.period.whole_year_of
        others = [y for y in set(years) if y != whole_year]
        if whole_year is None or whole_year not in years or len(others) != 1 or m.helpline or m.excluded:
            return None
        rows = m.q("yearly", years=[whole_year])
        if not rows or not m.has(others[0], months):
            return None
        figures = m.series([others[0]], months)
        if rows[0]["qualifier"]:
            return self._months_against_a_bound(whole_year, rows[0], others[0], months, figures)
        values = {
            whole_year: (self.ctx.texts("whole_year", year=whole_year), Decimal(rows[0]["value"])),
            others[0]: (_period(others[0], months), _sum(figures)),
        }
        (p1, v1), (p2, v2) = (values[y] for y in sorted(values))
        self.years_used += sorted(values)
        text = self._difference_sentence(p1, v1, p2, v2)
        if rows[0]["said_by"] == "vraag":
            text += " " + self.ctx.texts("whole_year_said", year=whole_year)
        return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(figures))

    def _directions(
        self, first: int, second: int, months: Sequence[int], rows: dict[tuple[int, int], Decimal]
    ) -> str:
        """In how many months the second year was higher, lower, or as high as the first."""
        t = self.t
        both = [x for x in months if (first, x) in rows and (second, x) in rows]

        def part(selected: list[int]) -> str:
            if not selected:
                return t["richting_geen"]
            names = dutch.join([dutch.month_name(x) for x in selected])
            return fmt(t["richting_deel"], count=len(selected), total=len(both), months=names)

        higher = [x for x in both if rows[(second, x)] > rows[(first, x)]]
        lower = [x for x in both if rows[(second, x)] < rows[(first, x)]]
        equal = [x for x in both if rows[(second, x)] == rows[(first, x)]]
        text = fmt(t["richting"], first=first, second=second, higher=part(higher), lower=part(lower))
        if equal:
            text += " " + fmt(t["richting_gelijk"], months=part(equal))
        return text

    def _change_percent(self, change: Decimal) -> str:
        """A change in percent with one decimal, and whole as well when that differs ("+96,1%,
        afgerond +96%"); with the decimals the question asks for, only those."""
        if self.q.decimals is not None:  # exactly the decimals asked: "0,0%"
            value = dutch.rounded(change, self.q.decimals)
            return ("+" if value > 0 else "") + dutch.fixed(value, self.q.decimals) + "%"
        exact = dutch.signed_fixed(change, 1) + "%"
        whole = f"{dutch.signed(dutch.round_half_up(change))}%"
        if exact == whole:
            return exact
        return self.ctx.texts("change_rounded", exact=exact, whole=whole)

    def _factor(self, p1: str, v1: Decimal, p2: str, v2: Decimal) -> str:
        """ "hoeveel keer zoveel": the larger figure as a multiple of the smaller one."""
        (low_period, low), (high_period, high) = sorted(((p1, v1), (p2, v2)), key=lambda pv: pv[1])
        if not self.q.ratio_question or low <= 0:
            return ""
        self.ratio_given = True
        places = 1 if self.q.decimals is None else self.q.decimals
        exact = high / low
        factor = dutch.fixed(exact, places)
        if self.q.decimals is None and exact * 100 == (exact * 100).to_integral_value():
            factor = dutch.number(exact.normalize())  # 21 / 4 is 5,25 exactly: no rounding to 5,3
        return " " + fmt(self.t["factor"], high=dutch.capitalize(high_period), low=low_period, factor=factor)

    def _difference_sentence(
        self,
        p1: str,
        v1: Decimal,
        p2: str,
        v2: Decimal,
        base: str | None = None,
        exact: tuple[Decimal, Decimal] | None = None,
    ) -> str:
        """`exact`: the unrounded values the shown ones round (averages), for the percentage."""
        diff = v2 - v1
        e1, e2 = exact or (v1, v2)
        change = (
            self.ctx.texts("no_percent_change") if e1 == 0 else self._change_percent((e2 - e1) * 100 / e1)
        )
        if base is not None and v1 != 0:
            change = self.ctx.texts("change_against", change=change, base=base)
        sentence = fmt(
            self.t["vergelijking"],
            subject=self.m.subject,
            first_period=p1,
            first_value=_value(v1),
            second_period=p2,
            second_value=_value(v2),
            difference=dutch.signed(diff),
            change=change,
        )
        return sentence + self._factor(p1, v1, p2, v2)

    def _points(self, operation: str | None) -> Answer:
        """Months each with their own year: "april 2019 met mei 2020", or the points a chain
        of follow-ups asked one by one ("en die twee samen?")."""
        m, t = self.m, self.t
        points = list(self.q.period.points)
        missing = [(y, x) for y, x in points if not m.has(y, [x])]
        if missing:
            return m.refuse(_points_label(missing))
        figures = m.points(points)
        by_point = {(f.year, f.month): f for f in figures}
        self.years_used += sorted({y for y, _ in points})
        if operation in (None, "vergelijking") and len(points) == 2:
            (y1, m1), (y2, m2) = sorted(points)
            against_later = self.q.period.reference_year == y2 and y1 != y2
            against_later = _direction_read(
                self.q, against_later, by_point[(y1, m1)].value, by_point[(y2, m2)].value
            )
            if against_later:  # "minder in april 2019 dan in april 2020": measured against 2020
                (y1, m1), (y2, m2) = (y2, m2), (y1, m1)
            text = self._difference_sentence(
                _period(y1, [m1]),
                by_point[(y1, m1)].value,
                _period(y2, [m2]),
                by_point[(y2, m2)].value,
                base=_period(y1, [m1]) if against_later else None,
            )
            return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(figures))
        if operation in (None, "totaal"):
            if m.aggregation != "sum":
                return refusal(fmt(t["geen_gemiddelde_metriek"], label=m.label))
            parts = (
                " (" + dutch.join([f"{_period(f.year, [f.month])} {_value(f.value)}" for f in figures]) + ")"
            )
            text = fmt(
                t["totaal"],
                subject=m.subject,
                period=_points_label(points),
                value=_value(_sum(figures)),
                parts=parts,
            )
            return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(figures))
        if operation == "gemiddelde" and m.aggregation == "sum":
            # "gemiddelde van die twee?" after May 2019 and May 2020: their mean (2020's was given)
            total = _sum(figures)
            mean = total / len(figures)
            text = fmt(
                t["gemiddelde"],
                subject=m.subject,
                period=_points_label(points),
                value=_value(dutch.round_half_up(mean)) if mean != int(mean) else _value(mean),
                exact=dutch.one_decimal(mean),
                total=_value(total),
                count=len(figures),
            )
            return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(figures))
        problem = self.ctx.texts(
            "no_operation",
            operation=self._named_operation(operation),
            what="losse maanden uit verschillende jaren",
        )
        return refusal(self.ctx.texts("part_not_used", problem=problem))

    def _none_from(self) -> Answer:
        """ "vanaf welke maand kwamen er geen doorverwijzingen meer van de CLB-chat?": the first
        month of the run of months with none that ends the period (the months with none were
        listed, "meer" asked back)."""
        m, t = self.m, self.t
        years = self._years() or sorted(m.available)
        if len(years) != 1:
            return refusal(self.ctx.texts("part_not_used", problem=t["geen_meer_jaar"]))
        months = self.q.period.months or m.available.get(years[0], [])
        figures = sorted(m.series(years, months), key=lambda f: f.month)
        last_some = max((i for i, f in enumerate(figures) if f.value != 0), default=None)
        if not figures or last_some == len(figures) - 1:
            return refusal(
                fmt(
                    t["geen_meer_niet"],
                    subject=m.subject,
                    period=_period(years[0], [f.month for f in figures]),
                )
            )
        start = 0 if last_some is None else last_some + 1
        text = fmt(
            t["geen_meer"],
            subject=m.subject,
            period=_period(years[0], [f.month for f in figures]),
            month=dutch.month_name(figures[start].month),
            last=dutch.month_name(figures[-1].month),
        )
        return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(figures))

    def _ends_claimed(self, earlier: object, later: object) -> str | None:
        """ "stegen van 440 naar 685, klopt dat?": both figures claimed, against the earlier and
        the later figure compared (None when the question claims no two ends)."""
        said = self.q.numbers[:2]
        if _FROM_TO_CLAIMED.search(self.q.masked) is None or len(said) < 2:
            return None
        if not (isinstance(earlier, Decimal) and isinstance(later, Decimal)):
            return None
        holds = (earlier, later) == (said[0], said[1])
        return fmt(
            self.t["premisse_van_naar_juist" if holds else "premisse_van_naar_fout"],
            earlier=_value(earlier),
            later=_value(later),
            first=_value(said[0]),
            second=_value(said[1]),
        )

    def _month_comparison(self, years: Sequence[int], order: Sequence[int]) -> Answer:
        """Two months of one year side by side: "meer in maart dan in september?"."""
        m, t = self.m, self.t
        year = (
            years[0]
            if years
            else max((y for y, ms in m.available.items() if set(order) <= set(ms)), default=None)
        )
        if year is None or not m.has(year, order):
            return m.refuse(dutch.months_label(order) + (f" {years[0]}" if years else ""))
        self.years_used.append(year)
        figures = {f.month: f for f in m.series([year], order)}
        first, second = order
        a, b = figures[first].value, figures[second].value
        diff = a - b
        names = {"first_month": dutch.month_name(first), "second_month": dutch.month_name(second)}
        difference_text = (
            fmt(t["verschil_meer"], difference=_value(diff), **names)
            if diff > 0
            else fmt(t["verschil_minder"], difference=_value(-diff), **names)
            if diff < 0
            else t["verschil_evenveel"]
        )
        change = ""
        if b != 0 and self.q.percent_question:
            percent = self._change_percent((a - b) * 100 / b)
            change = " " + fmt(t["procentueel"], percent=percent, month=dutch.month_name(second))
        change += self._factor(_period(year, [first]), a, _period(year, [second]), b)
        text = (
            fmt(
                t["maanden_vergelijking"],
                subject=m.subject,
                first=_period(year, [first]),
                second=_period(year, [second]),
                first_value=_value(a),
                second_value=_value(b),
                difference_text=difference_text,
            )
            + change
        )
        claim = self.q.claim
        ends = self._ends_claimed(figures[min(order)].value, figures[max(order)].value)
        if ends is not None:
            text = f"{ends} {text}"
        elif claim is not None and claim.percent and b != 0:
            # "klopt het dat het van januari naar april met 50% steeg?": the change in percent
            # (it was checked as a difference of 50)
            text = self._change_claimed(claim, (a - b) * 100 / b) + " " + text
        elif claim is not None:
            # "dat waren er toch 30 meer dan in maart?": the claim is about the difference
            holds = compare(claim.comparator, abs(diff), claim.value)
            check = fmt(
                t["premisse_verschil_juist" if holds else "premisse_verschil_fout"],
                difference=_value(abs(diff)),
                claimed=_value(claim.value),
            )
            text = f"{check} {text}"
        return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(list(figures.values())))

    def _quarters(self, years: Sequence[int], operation: str | None) -> Answer:
        """Totals per quarter (only quarters with every month in the data)."""
        m, t = self.m, self.t
        quarters = self.ctx.lexicon.periods["kwartaal"]
        lines: list[str] = []
        for year in years:
            have = set(m.available.get(year, []))
            totals: list[tuple[int, Decimal]] = []
            for index, bounds in enumerate(quarters, 1):
                assert isinstance(bounds, list)  # [[1, 3], [4, 6], ...]: a quarter's first and last month
                months = list(range(int(bounds[0]), int(bounds[1]) + 1))
                if set(months) <= have:
                    totals.append((index, _sum(m.series([year], months))))
            if not totals:
                continue
            self.years_used.append(year)
            items = "; ".join(f"Q{i}: {_value(v)}" for i, v in totals)
            line = fmt(t["kwartalen"], subject=m.subject, year=year, items=items)
            if operation in ("hoogste", "laagste"):
                pick = (max if operation == "hoogste" else min)(totals, key=lambda x: x[1])
                line += " " + fmt(t[f"kwartaal_{operation}"], quarter=pick[0], value=_value(pick[1]))
            lines.append(line)
        if not lines:
            return m.refuse(self.ctx.texts("a_full_quarter"))
        return finish(self.ctx, " ".join(lines), m.rows_seen, answered=True)

    def _ranking(self, operation: str | None) -> Answer:
        m, t, q = self.m, self.t, self.q
        years = self._years() or sorted(m.available)
        missing_years = [y for y in years if y not in m.available]
        if missing_years:
            return m.refuse(dutch.join([str(y) for y in missing_years]))
        months = self._months(years) or sorted({x for y in years for x in m.available.get(y, [])})
        for y in years:
            if not m.has(y, months):
                return m.refuse(_period(y, months))
        self.years_used += years
        rows = m.q("helpline_series", years=years, months=months)
        totals: dict[str, Decimal] = {}
        labels: dict[str, str] = {}
        for r in rows:
            if r["helpline"] in q.excluded_helplines:
                continue
            totals[r["helpline"]] = totals.get(r["helpline"], Decimal(0)) + Decimal(r["value"])
            labels[r["helpline"]] = r["label"]
        wanted = list(q.helplines)
        keys = [h for h in wanted if h in totals] if len(wanted) > 1 else list(totals)
        keys.sort(key=lambda h: (-totals[h], labels[h]))
        period = dutch.join([_period(y, months) for y in years])
        subject = dutch.capitalize(m.label) + (
            f", zonder {dutch.join([self.ctx.label('helpline', h) for h in q.excluded_helplines])}"
            if q.excluded_helplines
            else ""
        )
        lines = [fmt(t["per_hulplijn_kop"], subject=subject, period=period)]
        extremes = [o for o in dict.fromkeys((operation, *q.operations)) if o in ("hoogste", "laagste")]
        extreme = extremes[0] if extremes else None
        placed = q.rank_position is not None and q.rank_position > 1 and len(extremes) <= 1
        if placed and keys and len(wanted) <= 1:
            # "welke hulplijn verwees het tweede meest door?", "op twee na het minst", "stond op
            # de derde plaats" (from the top): that place (the first was given, or the list);
            # helplines with the same total share it
            side = extreme or "hoogste"
            return self._helpline_place(
                lines, keys, totals, labels, side, subject, period, rows, years, months
            )
        for position, asked in enumerate(extremes if keys and len(wanted) <= 1 else []):
            # "welke hulplijn verwijst het meest door?": the answer first, then the ranking
            ordered = keys if asked == "hoogste" else keys[::-1]
            count = min(q.top_n or 1, len(ordered))
            edge = totals[ordered[count - 1]]
            # a helpline as high as the last one asked shares its place: named too
            picked = [h for h in ordered if (totals[h] >= edge if asked == "hoogste" else totals[h] <= edge)]
            line = (
                fmt(
                    t[f"hulplijn_{asked}_top"],
                    subject=subject,
                    period=period,
                    count=len(picked),
                    items=dutch.join([f"{labels[h]} ({_value(totals[h])})" for h in picked]),
                )
                if count > 1
                else fmt(
                    t[f"hulplijn_{asked}"],
                    subject=subject,
                    period=period,
                    helplines=dutch.join([labels[h] for h in picked]),
                    value=_value(edge),
                )
            )
            tied = [labels[h] for h in ordered if totals[h] == edge]
            if count > 1 and len(picked) > count:
                line += " " + fmt(t["gedeelde_plaats"], months=dutch.join(tied), value=_value(edge))
            lines.insert(position, line)
        if q.equal_question and len(wanted) == 1 and wanted[0] in totals:
            # "welke andere hulplijn had evenveel als de CLB-chat?": the others with its total
            named = wanted[0]
            same = [labels[h] for h in keys if h != named and totals[h] == totals[named]]
            key = "hulplijnen_evenveel" if same else "hulplijnen_geen_evenveel"
            line = fmt(t[key], helpline=labels[named], value=_value(totals[named]), others=dutch.join(same))
            lines.insert(0, line)
        lines += [fmt(t["per_hulplijn_regel"], helpline=labels[h], value=_value(totals[h])) for h in keys]
        zeros = [labels[h] for h in keys if totals[h] == 0]
        if zeros and len(wanted) <= 1:
            lines.append(fmt(t["nul_hulplijnen"], helplines=dutch.join(zeros)))
        if q.helplines_counted and "geen" in q.operations:
            # "hoeveel van de hulplijnen verwezen in juni niemand door?": those with none, counted
            none = [h for h in keys if totals[h] == 0]
            lines.insert(0, fmt(t["hulplijnen_niet_geteld"], count=len(none), total=len(keys), period=period))
        elif q.helplines_counted:
            # "hoeveel hulplijnen verwezen in juli door?": those with at least one, counted
            some = [h for h in keys if totals[h] > 0]
            lines.insert(0, fmt(t["hulplijnen_geteld"], count=len(some), total=len(keys), period=period))
        if ("totaal" in q.operations or q.count_question) and len(wanted) <= 1 and len(keys) > 1:
            # "per hulplijn, met de totalen": each helpline's total, and theirs together
            total = sum((totals[h] for h in keys), Decimal(0))
            lines.append(fmt(t["per_hulplijn_totaal"], value=_value(total)))
        if len(wanted) >= 2 and len(keys) == len(wanted):
            lines.append(
                fmt(
                    t["hulplijnen_samen"],
                    helplines=dutch.join([labels[h] for h in keys]),
                    value=_value(sum((totals[h] for h in keys), Decimal(0))),
                )
            )
            if len(keys) < len(totals) and _TOTAL_OF_ITS_OWN.search(q.masked):
                # "hoeveel van de CLB-chat, hoeveel van de JAC-chat, en hoeveel in totaal?": the
                # total may be of those two or of every helpline; both are said (only the two's)
                total = sum(totals.values(), Decimal(0))
                lines.append(fmt(t["per_hulplijn_totaal"], value=_value(total)))
        if len(wanted) == 2 and len(keys) == 2 and q.per_month and q.operation == "vergelijking":
            # "in welke maand verwees 1712 meer door dan Awel?": month by month, and where
            lines += self._helplines_by_month(rows, wanted, labels)
        elif len(wanted) == 2 and len(keys) == 2 and q.per_month:
            # "in welke maanden verwezen zowel de CLB-chat als de JAC-chat door?": month by
            # month, and the months where both did
            lines += self._helplines_by_month(rows, wanted, labels, both=True)
        elif len(wanted) == 2 and len(keys) == 2:
            a, b = wanted
            diff = totals[a] - totals[b]
            lines.append(
                fmt(
                    t["hulplijnen_verschil" if diff else "hulplijnen_gelijk"],
                    first=labels[a],
                    second=labels[b],
                    difference=_value(abs(diff)),
                    relation="meer" if diff > 0 else "minder",
                )
            )
            # "hoeveel keer meer van Awel dan van de JAC-chat?": the factor too (it was refused)
            lines[-1] += self._factor(labels[a], totals[a], labels[b], totals[b])
            if q.percent_question and diff and totals[b]:
                # "met hoeveel procent ligt CLB hoger dan JAC?": against the second (the difference
                # alone was given)
                places = 1 if q.decimals is None else q.decimals
                lines[-1] += " " + fmt(
                    t["hulplijnen_procent"],
                    first=labels[a],
                    second=labels[b],
                    percent=dutch.fixed(abs(diff) * 100 / totals[b], places) + "%",
                    relation="hoger" if diff > 0 else "lager",
                )
        if "gemiddelde" in q.operations and keys:
            # "hoeveel doorverwijzingen per hulplijn gemiddeld": the total over the helplines
            total = sum((totals[h] for h in keys), Decimal(0))
            exact = total / len(keys)
            lines.append(
                fmt(
                    t["gemiddelde_hulplijn"],
                    value=_value(dutch.round_half_up(exact)),
                    exact=dutch.one_decimal(exact),
                    total=_value(total),
                    count=len(keys),
                )
            )
        caveats = self._caveats_for([r for r in rows if r["helpline"] in keys], years, months)
        answer = finish(self.ctx, "\n".join(lines), m.rows_seen, answered=True)
        answer.text = _insert_before_source(answer.text, " ".join(caveats))
        if len(extremes) == 1 and extreme is not None and keys and len(wanted) <= 1:
            # "welke hulplijn verwijst het meest door?" is answered by one helpline: a follow-up
            # ("en hoeveel in totaal?") is about that one
            self.answered_helplines = (keys[0] if extreme == "hoogste" else keys[-1],)
        return answer

    def _helpline_place(
        self,
        lines: list[str],
        keys: list[str],
        totals: dict[str, Decimal],
        labels: dict[str, str],
        extreme: str,
        subject: str,
        period: str,
        rows: Sequence[Row],
        years: Sequence[int],
        months: Sequence[int],
    ) -> Answer:
        """The helplines at the place asked from the top or the bottom, then the ranking."""
        t, position = self.t, self.q.rank_position or 1
        ordered = keys if extreme == "hoogste" else keys[::-1]
        if position > len(ordered):
            return refusal(fmt(t["geen_plaats"], position=position, count=len(ordered)))
        value = totals[ordered[position - 1]]
        tied = [labels[h] for h in ordered if totals[h] == value]
        items = dutch.join([f"{label} ({_value(value)})" for label in tied])
        head = fmt(t[f"{extreme}_plaats"], subject=subject, period=period, position=position, items=items)
        if len(tied) > 1:
            head += " " + fmt(t["gedeelde_plaats"], months=dutch.join(tied), value=_value(value))
        body = [
            head,
            *lines,
            *(fmt(t["per_hulplijn_regel"], helpline=labels[h], value=_value(totals[h])) for h in keys),
        ]
        caveats = self._caveats_for([r for r in rows if r["helpline"] in keys], years, months)
        answer = finish(self.ctx, "\n".join(body), self.m.rows_seen, answered=True)
        answer.text = _insert_before_source(answer.text, " ".join(caveats))
        return answer

    def _change_ranking(self, extreme: str | None) -> Answer:
        """ "In welke maand was de stijging het grootst?": every month measured against the same
        month of another year, or against the month before it, and the months at the extreme.
        A question that says neither gets both readings, each labelled."""
        m, q = self.m, self.q
        years = self._years()
        if years is None:
            return m.refuse(self._asked_years_label())
        missing = [y for y in years if y not in m.available]
        if missing:
            return m.refuse(dutch.join([str(y) for y in missing]))
        asked = set(self._months(years))
        sections: list[str] = []
        used: list[MonthFigure] = []
        if q.change_basis in ("jaar", None):
            pool = sorted(m.available)
            pair = (
                years[:1] + years[-1:]
                if len(years) >= 2
                else sorted([years[0], max(y for y in pool if y != years[0])])
                if years and len(pool) >= 2
                else pool[-2:]
            )
            if len(pair) == 2:
                first, second = pair
                if q.period.reference_year == second:
                    # "in welke maand van 2019 lag het het meest boven dezelfde maand in 2020?"
                    first, second = second, first
                months = sorted(set(m.available[first]) & set(m.available[second]))
                months = [x for x in months if not asked or x in asked]
                steps = [((first, x), (second, x)) for x in months]
                basis = fmt(self.t["verandering_jaar"], first=first, second=second)
                sections.append(self._change_section(basis, steps, extreme, used))
            elif q.change_basis == "jaar":
                return refusal(fmt(self.t["vergelijken_kan_niet"], label=m.display_label))
        if q.change_basis in ("maand", None):
            for year in (years[-1:] if q.change_basis is None else years) or [max(m.available)]:
                held = set(m.available.get(year, []))
                before = {x: (year, x - 1) if x > 1 else (year - 1, 12) for x in held}
                steps = [
                    (before[x], (year, x))
                    for x in sorted(held)
                    if (not asked or x in asked) and before[x][1] in m.available.get(before[x][0], [])
                ]
                basis = fmt(self.t["verandering_maand"], year=year)
                sections.append(self._change_section(basis, steps, extreme, used))
        if not sections:
            return m.refuse(dutch.join([str(y) for y in years]) or m.display_label)
        self.years_used += sorted({f.year for f in used})
        return finish(self.ctx, "\n".join(sections), m.rows_seen, answered=True, extra=self._caveats(used))

    def _change_section(
        self,
        basis: str,
        steps: Sequence[tuple[tuple[int, int], tuple[int, int]]],
        extreme: str | None,
        used: list[MonthFigure],
    ) -> str:
        """One reading of a change ranking: each step (from, to) with its change, the steps at
        the extreme, and the steps at the extreme in percent when those are others."""
        m, q, t = self.m, self.q, self.t
        figures = {(f.year, f.month): f for f in m.points(sorted({p for step in steps for p in step}))}
        used += figures.values()
        direction = q.change_direction
        changes = {to: figures[to].value - figures[frm].value for frm, to in steps}
        selected = [step for step in steps if _goes(direction, changes[step[1]])]
        period = dutch.months_label(sorted({to[1] for _, to in steps}))
        key = f"verandering_{direction or 'verschil'}_{extreme}"
        if not selected:
            return fmt(
                t["verandering_geen"],
                subject=m.subject,
                basis=basis,
                period=period,
                none=t[f"verandering_{direction}_geen"],
            )

        def item(step: tuple[tuple[int, int], tuple[int, int]]) -> str:
            frm, to = step
            base = figures[frm].value
            change = changes[to]
            percent = (
                self.ctx.texts("no_percent_change")
                if base == 0
                else self._change_percent(change * 100 / base)
            )
            return fmt(
                t["verandering_item"],
                month=dutch.month_name(to[1]),
                from_value=_value(base),
                to_value=_value(figures[to].value),
                difference=dutch.signed(change),
                change=percent,
            )

        def at_extreme(
            measure: dict[tuple[int, int], Decimal],
        ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
            ranked = sorted(
                (s for s in selected if s[1] in measure),
                key=lambda s: measure[s[1]],
                reverse=extreme == "hoogste",
            )
            if not ranked:
                return []
            count = q.top_n or 1
            edge = measure[ranked[min(count, len(ranked)) - 1][1]]
            keep = [
                s
                for s in ranked
                if (measure[s[1]] >= edge if extreme == "hoogste" else measure[s[1]] <= edge)
            ]
            return keep

        if extreme is None:
            # no ranking: every month that changed that way, counted
            self.found_months += [to for _, to in selected]
            return fmt(
                t["verandering_maanden"],
                subject=m.subject,
                basis=basis,
                period=period,
                direction=t[f"verandering_{direction}_maanden"],
                count=len(selected),
                total=len(steps),
                items="; ".join(item(s) for s in selected),
            )
        absolute = {to: abs(c) for to, c in changes.items()}
        relative = {
            to: abs(changes[to] * 100 / figures[frm].value) for frm, to in steps if figures[frm].value != 0
        }
        first, second = (relative, absolute) if q.percent_question else (absolute, relative)
        lead = at_extreme(first)
        text = fmt(
            t["verandering_top" if q.top_n and q.top_n > 1 else "verandering"],
            subject=m.subject,
            basis=basis,
            period=period,
            extreme=t[key],
            count=q.top_n,
            items="; ".join(item(s) for s in lead),
        )
        other = at_extreme(second)
        if other and {s[1] for s in other} != {s[1] for s in lead}:
            label = t["verandering_in_aantal" if q.percent_question else "verandering_in_procent"]
            text += " " + fmt(
                t["verandering_ander"],
                measured=label,
                extreme=t[key],
                items="; ".join(item(s) for s in other),
            )
        return text

    def _helplines_by_month(
        self, rows: Sequence[Row], pair: Sequence[str], labels: dict[str, str], both: bool = False
    ) -> list[str]:
        """Two helplines month by month, and the months where the first gave more (or, with
        `both`, the months where both gave any)."""
        t = self.t
        a, b = pair
        if re.search(r"(?<![\w])(?:minder|lager|kleiner)(?![\w])", self.q.masked):
            a, b = b, a  # "minder van Awel dan van 1712": the months with more from 1712
        by_month: dict[tuple[int, int], dict[str, Decimal]] = {}
        for r in rows:
            if r["helpline"] in pair:
                by_month.setdefault((r["year"], r["month"]), {})[r["helpline"]] = Decimal(r["value"])
        lines = [
            fmt(
                t["hulplijnen_maand"],
                month=_period(y, [m]),
                first=labels[a],
                first_value=_value(v.get(a, Decimal(0))),
                second=labels[b],
                second_value=_value(v.get(b, Decimal(0))),
            )
            for (y, m), v in sorted(by_month.items())
        ]
        if both:
            months = [_period(y, [m]) for (y, m), v in sorted(by_month.items()) if v.get(a) and v.get(b)]
            key = "hulplijnen_beide" if months else "hulplijnen_nooit_beide"
            return [*lines, fmt(t[key], first=labels[a], second=labels[b], months=dutch.join(months))]
        more = [
            f"{_period(y, [m])} ({_value(v.get(a, Decimal(0)))} tegen {_value(v.get(b, Decimal(0)))})"
            for (y, m), v in sorted(by_month.items())
            if v.get(a, Decimal(0)) > v.get(b, Decimal(0))
        ]
        lines.append(
            fmt(t["hulplijnen_meer"], first=labels[a], second=labels[b], months=dutch.join(more))
            if more
            else fmt(t["hulplijnen_nooit_meer"], first=labels[a], second=labels[b])
        )
        return lines

    def _common_months(
        self, first: Metric, second: Metric, years: Sequence[int]
    ) -> tuple[list[int], list[int]] | Answer:
        """The years and months two summed measures both have, for one over the other; or a
        refusal (a measure that is itself an average, a period one of them lacks)."""
        if first.aggregation != "sum" or second.aggregation != "sum":
            averaged = second if second.aggregation != "sum" else first
            return refusal(fmt(self.t["geen_gemiddelde_metriek"], label=averaged.label))
        pool = list(years) or sorted(set(first.available) & set(second.available))[-1:]
        both = {x for y in pool for x in first.available.get(y, [])} & {
            x for y in pool for x in second.available.get(y, [])
        }
        months = self._months(pool) or sorted(both)
        if not pool or not all(first.has(y, months) and second.has(y, months) for y in pool):
            # the measure that lacks the period is the one named ("procent van hen kreeg geen
            # gesprek" in July: the queue has no July; the visitors, which have, were named)
            lacking = next((x for x in (first, second) if not all(x.has(y, months) for y in pool)), second)
            return lacking.refuse(dutch.join([_period(y, months) for y in pool]) or "die periode")
        return pool, months

    def _asked_common_months(self, first: Metric, second: Metric) -> tuple[list[int], list[int]] | Answer:
        """The years asked and the months both measures have in them, or a refusal."""
        years = self._years()
        if years is None:
            return second.refuse(self._asked_years_label())
        return self._common_months(first, second, years)

    def _per_unit(self) -> Answer:
        """ "hoeveel gesprekken per nieuwe oproeper": one measure divided by another, over the
        months both have, said as two counts side by side."""
        t, q = self.t, self.q
        assert q.per_metric is not None
        # ("gemiddeld hoeveel gesprekken per oproeper" is the ratio itself)
        calculations = [o for o in q.operations if o not in ("totaal", "geen", "gemiddelde")]
        if calculations or q.percent_question or q.threshold is not None:
            # "in welke maand was het aantal gesprekken per bezoeker het laagst?": a calculation
            # over the ratio, which is not made (the ratio of the whole period was given)
            named = self.ctx.texts.table("operation_named").get(
                calculations[0] if calculations else "", "dit"
            )
            problem = self.ctx.texts("no_operation", operation=named, what=self.ctx.texts("ratio_named"))
            return refusal(self.ctx.texts("part_not_used", problem=problem))
        part = Metric(self.ctx, self.ctx.metric_spec, next(x for x in q.metrics if x != q.per_metric))
        unit = Metric(self.ctx, self.ctx.metric_spec, q.per_metric)
        common = self._asked_common_months(part, unit)
        if isinstance(common, Answer):
            return common
        pool, months = common
        top = _sum([f for y in pool for f in part.series([y], months)])
        bottom = _sum([f for y in pool for f in unit.series([y], months)])
        if bottom == 0:
            return refusal(self.ctx.texts("part_not_used", problem=self.ctx.texts("zero_total")))
        self.years_used += list(pool)
        places = 1 if q.decimals is None else q.decimals
        text = fmt(
            t["per_eenheid" if q.per_scale == 1 else "per_schaal"],
            subject=part.subject,
            period=dutch.join([_period(y, months) for y in pool]),
            value=_value(top),
            total=_value(bottom),
            unit_label=unit.label,
            ratio=dutch.fixed(top * q.per_scale / bottom, places),
            scale=q.per_scale,
        )
        used = [f for y in pool for f in (*part.series([y], months), *unit.series([y], months))]
        return finish(
            self.ctx, text, [*part.rows_seen, *unit.rows_seen], answered=True, extra=self._caveats(used)
        )

    def _measures_compared(self) -> Answer:
        """ "hoeveel meer gesprekken dan nieuwe oproepers in mei 2020?": two measures of one
        period side by side, with their difference (their factor or the difference in percent
        when asked). Only plain counts of the same months are set against each other."""
        t, q = self.t, self.q
        first, second = (Metric(self.ctx, self.ctx.metric_spec, x) for x in q.compared_metrics)
        unusable = [o for o in q.operations if o not in ("vergelijking", "totaal")]
        if unusable or q.helplines or q.excluded_helplines or q.threshold is not None or q.claim is not None:
            what = fmt(t["metrieken_wat"], first=first.label, second=second.label)
            return refusal(
                self.ctx.texts(
                    "part_not_used", problem=self.ctx.texts("no_operation", operation="dit", what=what)
                )
            )
        common = self._asked_common_months(first, second)
        if isinstance(common, Answer):
            return common
        pool, months = common
        a = _sum(first.series(pool, months))
        b = _sum(second.series(pool, months))
        self.years_used += list(pool)
        period = _period(pool[0], months)
        text = fmt(
            t["metrieken_naast_elkaar"],
            first=dutch.capitalize(first.label),
            second=second.label,
            period=period,
            first_value=_value(a),
            second_value=_value(b),
        )
        if a == b:
            text += " " + t["metrieken_evenveel"]
        else:
            (high, high_value), (low, low_value) = sorted(((first, a), (second, b)), key=lambda x: -x[1])
            text += " " + fmt(
                t["metrieken_verschil"],
                difference=_value(high_value - low_value),
                more=high.label,
                less=low.label,
            )
            if q.percent_question and b != 0:
                places = 1 if q.decimals is None else q.decimals
                change = dutch.fixed(abs(a - b) * 100 / b, places)
                key = "metrieken_procent_meer" if a > b else "metrieken_procent_minder"
                text += " " + fmt(t[key], first=first.label, second=second.label, percent=change)
            if q.ratio_question and low_value > 0:
                self.ratio_given = True
                places = 1 if q.decimals is None else q.decimals
                factor = dutch.fixed(high_value / low_value, places)
                text += " " + fmt(t["metrieken_factor"], high=high.label, low=low.label, factor=factor)
        used = [*first.series(pool, months), *second.series(pool, months)]
        return finish(
            self.ctx, text, [*first.rows_seen, *second.rows_seen], answered=True, extra=self._caveats(used)
        )

    def _share(self) -> Answer:
        """ "welk aandeel van de doorverwijzingen kwam van Awel?": a part of a total, in %."""
        m, t, q = self.m, self.t, self.q
        if m.aggregation != "sum":
            return refusal(fmt(t["geen_gemiddelde_metriek"], label=m.label))
        years = self._years()
        if years is None:
            return m.refuse(self._asked_years_label())
        template = "aandeel"
        parts = [x for x in q.metrics if x != q.base_metric]
        if len(set(q.metrics)) > 1 and not q.base_metric:
            # two measures, and which is the whole is not said: never the share of one in its
            # own year, the other dropped
            labels = [self.ctx.label("metric", x) for x in dict.fromkeys(q.metrics)]
            return refusal(self.ctx.texts("which_whole", first=labels[0], second=labels[1]))
        if (
            q.base_metric
            and parts
            and not q.period.inner_months
            and (not q.helplines or q.base_metric != m.metric)
        ):
            # "welk percentage van de chatgesprekken kwam via een doorverwijzing (van Awel)": one
            # measure (of one helpline) as a part of another, over the months both have
            m = Metric(self.ctx, self.ctx.metric_spec, parts[0], m.helpline, m.excluded)
            whole = Metric(self.ctx, self.ctx.metric_spec, q.base_metric)
            common = self._common_months(m, whole, years)
            if isinstance(common, Answer):
                return common
            pool, months = common
            counted = [f for y in pool for f in (*m.series([y], months), *whole.series([y], months))]
            part = _sum([f for y in pool for f in m.series([y], months)])
            total = _sum([f for y in pool for f in whole.series([y], months)])
            what = dutch.join([_period(y, months) for y in pool])
            period = what
            template = "aandeel_maten"  # two counts side by side, said as such
        elif len(q.helplines) > 1 and m.by_helpline:
            return self._helpline_shares(years)
        elif m.by_helpline and not (q.helplines or q.excluded_helplines) and "per_hulplijn" in q.operations:
            # "welke hulplijn had in mei het grootste aandeel?": the helplines' shares, ranked
            extreme = next((o for o in q.operations if o in ("hoogste", "laagste")), None)
            return self._ranked_shares(years, extreme)
        elif m.by_helpline and (
            (q.helplines and len(q.helplines) == 1) or (q.excluded_helplines and not q.helplines)
        ):
            # one helpline's share, or that of all but the helplines left out ("van een andere
            # lijn dan Awel"): of all referrals
            whole = Metric(self.ctx, self.ctx.metric_spec, m.metric)
            pool = years or ([max(whole.available)] if whole.available else [])
            months = self._months(pool) or sorted({x for y in pool for x in whole.available.get(y, [])})
            if not pool or not all(m.has(y, months) and whole.has(y, months) for y in pool):
                return m.refuse(dutch.join([_period(y, months) for y in pool]) or "die periode")
            all_of_year = set(m.available.get(pool[0], [])) if len(pool) == 1 else set()
            if q.share_within_helpline and q.period.months and len(pool) == 1 and set(months) < all_of_year:
                # "welk aandeel van de doorverwijzingen door Awel viel in maart en april?": those
                # months of Awel's own total
                all_months = m.available.get(pool[0], [])
                counted = m.series(pool, all_months)
                part, total, whole = _sum(m.series(pool, months)), _sum(counted), m
                what = f"{dutch.lower_first(m.subject)}, {_period(pool[0], all_months)}"
            else:
                counted = [f for y in pool for f in whole.series([y], months)]
                part = _sum([f for y in pool for f in m.series([y], months)])
                total = _sum(counted)
                what = f"alle {whole.label}"
            period = dutch.join([_period(y, months) for y in pool])
        elif q.period.inner_months and not q.helplines:
            # "welk deel van de gesprekken van jan-sep 2020 was in april": April of that range
            asked = sorted(set(q.period.inner_months))
            all_months = sorted(set(q.period.months))
            pool = years or [y for y in sorted(m.available, reverse=True) if m.has(y, all_months)][:1]
            if len(pool) != 1 or not m.has(pool[0], all_months):
                return m.refuse(dutch.months_label(all_months))
            year = pool[0]
            counted = m.series([year], all_months)
            part = _sum(m.series([year], asked))
            total = _sum(counted)
            what = _period(year, all_months)
            period = _period(year, asked)
            whole = m
        elif q.period.months and not q.helplines:
            asked = sorted(set(q.period.months))
            pool = years or [y for y in sorted(m.available, reverse=True) if m.has(y, asked)][:1]
            if len(pool) != 1 or not m.has(pool[0], asked):
                return m.refuse(dutch.months_label(asked))
            year = pool[0]
            all_months = m.available.get(year, [])
            yearly = m.q("yearly", years=[year]) if len(all_months) < 12 else []
            counted = m.series([year], all_months)
            part = _sum(m.series([year], asked))
            if set(asked) >= set(all_months) and not yearly:
                return refusal(t["aandeel_kan_niet"])  # every month as a share of itself: no part named
            if set(asked) >= set(all_months):
                # "welk percentage van de (600) gesprekken van 2019 viel in jan-sep?": the months
                # as a part of the year's total as the source prints it
                total = Decimal(yearly[0]["value"])
                what = f"heel {year}"
                if yearly[0]["said_by"] == "vraag":
                    what += ", " + self.ctx.texts("said_in_question").strip("()")
                m.rows_seen.extend(yearly)
            else:
                total = _sum(counted)
                what = f"heel {_period(year, all_months)}"
            period = _period(year, asked)
            whole = m
        else:
            return refusal(t["aandeel_kan_niet"])
        if total == 0:
            return refusal(self.ctx.texts("part_not_used", problem=self.ctx.texts("zero_total")))
        share_named = _SHARE_WORD.search(q.masked) is not None
        if template == "aandeel_maten" and part > total and share_named:
            # "welk aandeel van alle doorverwijzingen is dat?" of 538 conversations: no part of 40
            # referrals (1.345% was given as a share); "als percentage van" asks a ratio, which may
            # pass 100%
            problem = self.ctx.texts(
                "part_exceeds_whole", part=m.label, whole=self.ctx.label("metric", q.base_metric or "")
            )
            return refusal(self.ctx.texts("part_not_used", problem=problem))
        self.years_used += list(years or [])
        share = part * 100 / total
        percent = self._share_text(share)
        claim = ""
        if q.claim is not None and q.claim.percent:
            # "klopt het dat Awel meer dan de helft gaf?": the share against the claim
            holds = compare(q.claim.comparator, share, q.claim.value)
            verdict = t["aandeel_juist" if holds else "aandeel_fout"]
            claim = fmt(verdict, percent=percent, claimed=claimed_percent(self.ctx.texts, q.claim)) + " "
        text = claim + fmt(
            t[template],
            subject=m.subject,
            period=period,
            value=_value(part),
            total=_value(total),
            unit=whole.unit,
            what=what,
            percent=percent,
        )
        rows = [*m.rows_seen, *whole.rows_seen]
        return finish(self.ctx, text, rows, answered=True, extra=self._caveats(counted))

    def _ranked_shares(self, years: Sequence[int], operation: str | None) -> Answer:
        """ "welke hulplijn had in mei het grootste aandeel?": the helplines' shares of all, largest
        first, or the largest (smallest) alone with any as large (May's share of the period was
        given)."""
        m = self.m
        pool = list(years) or ([max(m.available)] if m.available else [])
        months = self._months(pool) or sorted({x for y in pool for x in m.available.get(y, [])})
        totals: dict[str, Decimal] = {}
        for r in m.q("helpline_series", years=pool, months=months):
            totals[r["helpline"]] = totals.get(r["helpline"], Decimal(0)) + Decimal(r["value"])
        ordered = sorted(totals, key=lambda h: -totals[h])
        if not ordered:
            return m.refuse(dutch.join([_period(y, months) for y in pool]) or "die periode")
        if operation in ("hoogste", "laagste"):
            edge = totals[ordered[0] if operation == "hoogste" else ordered[-1]]
            ordered = [h for h in ordered if totals[h] == edge]
        return self._helpline_shares(pool, ordered)

    def _helpline_shares(self, years: Sequence[int], helplines: Sequence[str] = ()) -> Answer:
        """ "welk percentage kwam van de CLB-chat en de 1712 (samen)?": each helpline's share of
        all, or with "samen" the share of the helplines together."""
        m, t, q = self.m, self.t, self.q
        helplines = helplines or q.helplines
        whole = Metric(self.ctx, self.ctx.metric_spec, m.metric)
        pool = list(years) or ([max(whole.available)] if whole.available else [])
        months = self._months(pool) or sorted({x for y in pool for x in whole.available.get(y, [])})
        each = [Metric(self.ctx, self.ctx.metric_spec, m.metric, h) for h in helplines]
        if not pool or not all(x.has(y, months) for x in (whole, *each) for y in pool):
            return m.refuse(dutch.join([_period(y, months) for y in pool]) or "die periode")
        counted = [f for y in pool for f in whole.series([y], months)]
        total = _sum(counted)
        if total == 0:
            return refusal(self.ctx.texts("part_not_used", problem=self.ctx.texts("zero_total")))
        period = dutch.join([_period(y, months) for y in pool])
        labels = [self.ctx.label("helpline", h) for h in helplines]
        values = [_sum([f for y in pool for f in x.series([y], months)]) for x in each]
        if "totaal" in q.operations:
            subjects = [
                fmt(
                    t["aandeel_samen_onderwerp"],
                    unit=dutch.capitalize(whole.unit),
                    helplines=dutch.join(labels),
                )
            ]
            values = [sum(values, Decimal(0))]
        else:
            subjects = [x.subject for x in each]
        lines = [
            fmt(
                t["aandeel"],
                subject=subject,
                period=period,
                value=_value(value),
                total=_value(total),
                unit=whole.unit,
                what=f"alle {whole.label}",
                percent=self._share_text(value * 100 / total),
            )
            for subject, value in zip(subjects, values, strict=True)
        ]
        self.years_used += pool
        rows = [*whole.rows_seen, *(r for x in each for r in x.rows_seen)]
        return finish(self.ctx, " ".join(lines), rows, answered=True, extra=self._caveats(counted))

    def _inner_shares_compared(self, years: list[int]) -> Answer:
        """The share of some months in a range, in two years, and its change in points."""
        m, t, p = self.m, self.t, self.q.period
        asked, all_months = sorted(set(p.inner_months)), sorted(set(p.months))
        if m.aggregation != "sum" or not all(m.has(y, all_months) for y in years):
            return m.refuse(dutch.join([_period(y, all_months) for y in years]))
        shares: list[Decimal] = []
        seen: list[MonthFigure] = []
        for year in years:
            counted = m.series([year], all_months)
            seen += counted
            total = _sum(counted)
            if total == 0:
                return refusal(self.ctx.texts("part_not_used", problem=self.ctx.texts("zero_total")))
            shares.append(_sum(m.series([year], asked)) * 100 / total)
        self.years_used += years
        items = [f"{y} {self._share_text(s)}" for y, s in zip(years, shares, strict=True)]
        text = fmt(
            t["aandeel_jaren"],
            subject=m.subject,
            part=dutch.months_label(asked),
            whole=dutch.months_label(all_months),
            items=dutch.join(items),
            points=dutch.signed_fixed(
                shares[1] - shares[0], 1 if self.q.decimals is None else self.q.decimals
            ),
        )
        return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(seen))

    def _share_text(self, share: Decimal) -> str:
        """A computed share: one decimal, or the decimals asked."""
        if self.q.decimals is not None:  # "afgerond op een geheel getal", "op 2 decimalen"
            return dutch.fixed(share, self.q.decimals) + "%"
        return dutch.percent_value(share)

    def _threshold(self) -> Answer:
        """Months above or below a value, or the first month that passes it."""
        m, t, q = self.m, self.t, self.q
        assert q.threshold is not None
        if q.threshold_metric is not None and q.threshold_metric != m.metric:
            return self._threshold_of_other(q.threshold, q.threshold_metric)
        years = self._years()
        if years is None:
            return m.refuse(self._asked_years_label())
        pool = years or sorted(m.available)
        lines: list[str] = []
        used: list[MonthFigure] = []
        said = self.ctx.texts.table("comparators")[q.threshold.comparator]
        unit = m.unit_one if q.threshold.value == 1 else m.unit  # "minstens 1 doorverwijzing"
        condition = f"{said} {_value(q.threshold.value)} {unit}"
        if "per_hulplijn" in q.operations and m.by_helpline and not (q.threshold.first or q.per_month):
            return self._helpline_threshold(condition)
        summed = "totaal" in q.operations  # "tel de maanden met meer dan 40 op"
        # ("meer dan" of the threshold also reads as a comparison: no calculation of its own)
        other = [o for o in q.operations if o not in ("totaal", "per_maand", "vergelijking", "geen")]
        if other or (summed and (m.aggregation != "sum" or q.threshold.first)):
            # a calculation over the months that pass is answered, or refused: never left out
            named = self.ctx.texts.table("operation_named").get(other[0] if other else "", "dit")
            problem = self.ctx.texts("no_operation", operation=named, what=m.label)
            return refusal(self.ctx.texts("part_not_used", problem=problem))
        for year in pool:
            months = self._months([year]) or m.available.get(year, [])
            if not m.has(year, months):
                return m.refuse(_period(year, months))
            figures = m.series([year], months)
            used += figures
            self.years_used.append(year)
            period = _period(year, months)
            limit = q.threshold.value
            whole = m.available.get(year, [])
            if q.threshold.of_average and set(months) < set(whole) and not q.threshold.first:
                # "lag september boven of onder het maandgemiddelde van 2020?": the months asked
                # against the mean of their year (the mean of September alone was its own limit)
                lines.append(self._against_the_mean(figures, m.series([year], whole), year))
                continue
            if q.threshold.of_month is not None:
                # "meer gesprekken dan september": that month's figure of the year, said with it
                if not m.has(year, [q.threshold.of_month]):
                    return m.refuse(_period(year, [q.threshold.of_month]))
                limit = _sum(m.series([year], [q.threshold.of_month]))
                condition = fmt(
                    t["drempel_maand"],
                    comparison=said,
                    month=_period(year, [q.threshold.of_month]),
                    value=_value(limit),
                )
            if q.threshold.of_average:
                # "boven het maandgemiddelde": the exact mean of these months, said with them
                limit = _sum(figures) / len(figures)
                condition = fmt(
                    t["drempel_gemiddelde"],
                    comparison=said,
                    value=dutch.one_decimal(limit),
                    total=_value(_sum(figures)),
                    count=len(figures),
                )
            hits = [f for f in figures if compare(q.threshold.comparator, f.value, limit)]
            if q.threshold.first:
                if hits:
                    f = hits[0]
                    lines.append(
                        fmt(
                            t["drempel_eerste"],
                            subject=m.subject,
                            period=period,
                            condition=condition,
                            month=dutch.month_name(f.month),
                            value=_value(f.value),
                        )
                    )
                else:
                    lines.append(
                        fmt(t["drempel_geen"], subject=m.subject, period=period, condition=condition)
                    )
                continue
            # ("waren er elke maand minstens 40?" asks the same, as a yes-or-no question)
            yes_or_no = _ASKS_WHICH.match(q.masked) is None
            if (q.premise or yes_or_no) and _EVERY_MONTH.search(q.masked):
                # "klopt het dat er in elke maand minstens 20 waren?": the months that do not
                misses = [f for f in figures if f not in hits]
                missed = dutch.join([f"{dutch.month_name(f.month)} ({_value(f.value)})" for f in misses])
                verdict = (
                    fmt(t["drempel_elke_juist"], period=period, condition=condition)
                    if not misses
                    else fmt(t["drempel_elke_fout"], period=period, condition=condition, items=missed)
                )
                lines.append(verdict)
            if not hits:
                lines.append(fmt(t["drempel_geen"], subject=m.subject, period=period, condition=condition))
                lines.append(fmt(t["drempel_aantal"], count=0, total=len(figures)))
                continue
            items = dutch.join([f"{dutch.month_name(f.month)} ({_value(f.value)})" for f in hits])
            self.found_months += [(f.year, f.month) for f in hits]
            line = fmt(t["drempel"], subject=m.subject, period=period, condition=condition, items=items)
            line += " " + fmt(t["drempel_aantal"], count=len(hits), total=len(figures))
            if summed:
                line += " " + fmt(t["drempel_samen"], value=_value(_sum(hits)))
            lines.append(line)
        return finish(self.ctx, " ".join(lines), m.rows_seen, answered=True, extra=self._caveats(used))

    def _threshold_of_other(self, threshold: Threshold, other: str) -> Answer:
        """ "hoeveel gesprekken in de maanden met meer dan 40 nieuwe oproepers?": the months in
        which the other measure passes the value, with this measure's figures of those months
        (added up when asked). (The two were refused as one measure of the other.)"""
        m, t, q = self.m, self.t, self.q
        cond = Metric(self.ctx, self.ctx.metric_spec, other)
        calculations = [o for o in q.operations if o not in ("totaal", "per_maand", "vergelijking", "geen")]
        # ("hoeveel gesprekken in de maanden met ...?" asks their number: added up)
        summed = "totaal" in q.operations or q.counted_metric == m.metric
        if threshold.first or threshold.of_average or calculations or (summed and m.aggregation != "sum"):
            named = self.ctx.texts.table("operation_named").get(
                calculations[0] if calculations else "", "dit"
            )
            problem = self.ctx.texts("no_operation", operation=named, what=m.label)
            return refusal(self.ctx.texts("part_not_used", problem=problem))
        years = self._years()
        if years is None:
            return m.refuse(self._asked_years_label())
        pool = years or sorted(set(m.available) & set(cond.available))
        said = self.ctx.texts.table("comparators")[threshold.comparator]
        # (named by its label: "meer dan 40 nieuwe oproepers", not "40 oproepers")
        condition = f"{said} {_value(threshold.value)} {cond.label}"
        lines: list[str] = []
        used: list[MonthFigure] = []
        for year in pool:
            both = sorted(set(m.available.get(year, [])) & set(cond.available.get(year, [])))
            months = self._months([year]) or both
            if not months or not (m.has(year, months) and cond.has(year, months)):
                return m.refuse(_period(year, months))
            checked = cond.series([year], months)
            hits = {f.month for f in checked if compare(threshold.comparator, f.value, threshold.value)}
            figures = [f for f in m.series([year], months) if f.month in hits]
            self.years_used.append(year)
            used += [*checked, *figures]
            period = _period(year, months)
            if not hits:
                lines.append(fmt(t["drempel_geen"], subject=cond.subject, period=period, condition=condition))
                continue
            tested = {f.month: f.value for f in checked}
            items = dutch.join(
                [
                    f"{dutch.month_name(f.month)} {_value(f.value)} ({_value(tested[f.month])} {cond.label})"
                    for f in figures
                ]
            )
            line = fmt(
                t["drempel_andere"], subject=m.subject, period=period, condition=condition, items=items
            )
            line += " " + fmt(t["drempel_aantal"], count=len(hits), total=len(checked))
            if summed:
                line += " " + fmt(t["drempel_samen"], value=_value(_sum(figures)))
            lines.append(line)
            self.found_months += [(year, f.month) for f in figures]
        rows = [*m.rows_seen, *cond.rows_seen]
        return finish(self.ctx, " ".join(lines), rows, answered=True, extra=self._caveats(used))

    def _helpline_rows(self) -> tuple[list[int], list[int], list[Row]] | Answer:
        """The years and months asked (every one with figures when none is named) and the
        helplines' rows of them; or the refusal of a period the data lacks."""
        m = self.m
        years = self._years() or sorted(m.available)
        months = self._months(years) or sorted({x for y in years for x in m.available.get(y, [])})
        if not all(m.has(y, months) for y in years):
            return m.refuse(dutch.join([_period(y, months) for y in years]))
        self.years_used += years
        return years, months, m.q("helpline_series", years=years, months=months)

    def _one_helpline(self, compose: Callable[[Sequence[Row], str, str, str], str]) -> Answer:
        """An answer about the one helpline asked, from the helplines' rows of the period:
        `compose(rows, helpline key, its label, period)` writes it."""
        found = self._helpline_rows()
        if isinstance(found, Answer):
            return found
        years, months, rows = found
        named = self.q.helplines[0]
        period = dutch.join([_period(y, months) for y in years])
        text = compose(rows, named, self.ctx.label("helpline", named), period)
        return finish(
            self.ctx, text, self.m.rows_seen, answered=True, extra=self._caveats_for(rows, years, months)
        )

    def _months_of_one_alone(self) -> Answer:
        """ "in welke maand verwees enkel Awel door?": the months in which that helpline referred
        and no other did, with its figure (its total over every month was given)."""

        def compose(rows: Sequence[Row], named: str, label: str, period: str) -> str:
            by_month: dict[tuple[int, int], dict[str, Decimal]] = {}
            for r in rows:
                by_month.setdefault((r["year"], r["month"]), {})[r["helpline"]] = Decimal(r["value"])
            alone = [
                (ym, values[named])
                for ym, values in sorted(by_month.items())
                if values.get(named, 0) > 0 and all(v == 0 for h, v in values.items() if h != named)
            ]
            items = dutch.join([f"{dutch.month_name(mo)} ({_value(v)})" for (_, mo), v in alone])
            key = "enkel_hulplijn" if alone else "enkel_hulplijn_geen"
            return fmt(self.t[key], helpline=label, period=period, items=items)

        return self._one_helpline(compose)

    def _against_the_rest(self) -> Answer:
        """ "verwees Awel meer door dan alle andere hulplijnen samen?": the helpline's total, the
        others' together, and the difference (a comparison of years was refused instead)."""

        def compose(rows: Sequence[Row], named: str, label: str, period: str) -> str:
            own = sum((Decimal(r["value"]) for r in rows if r["helpline"] == named), Decimal(0))
            rest = sum((Decimal(r["value"]) for r in rows if r["helpline"] != named), Decimal(0))
            return fmt(
                self.t["tegen_de_rest"],
                subject=dutch.capitalize(self.m.label),
                period=period,
                helpline=label,
                own=_value(own),
                rest=_value(rest),
                difference=_value(abs(own - rest)),
                relation="meer" if own > rest else "minder" if own < rest else "evenveel",
            )

        return self._one_helpline(compose)

    def _blocks_compared(self, blocks: Sequence[Sequence[int]]) -> Answer:
        """ "hoeveel meer in het tweede kwartaal dan in het eerste?": each block of months added
        up, then the two set against each other (the months of both were compared over years)."""
        m, t = self.m, self.t
        years = self._years()
        if years is None:
            return m.refuse(self._asked_years_label())
        pool = years or [y for y in sorted(m.available, reverse=True) if all(m.has(y, b) for b in blocks)][:1]
        if len(pool) != 1 or m.aggregation != "sum":
            return refusal(self.ctx.texts("which_two"))
        year = pool[0]
        for block in blocks:
            if not m.has(year, block):
                return m.refuse(_period(year, block))
        self.years_used.append(year)
        # "meer in het tweede kwartaal dan in het eerste", "Q1 tegenover Q2": the block after
        # "dan" or "tegenover" is the base; "vergelijk Q1 en Q2": the earlier one
        against = re.search(r"\b(?:dan|tegenover|opzichte|tov|t o v|versus|vs)\b", self.q.masked)
        if against:
            later, base = blocks[0], blocks[1]
        elif re.search(r"\bnaar\b", self.q.masked):
            later, base = blocks[1], blocks[0]  # "van jan+feb naar apr+mei": from the first
        else:
            later, base = (blocks[0], blocks[1]) if blocks[0][0] > blocks[1][0] else (blocks[1], blocks[0])
        figures = [*m.series([year], base), *m.series([year], later)]
        v1, v2 = _sum(m.series([year], base)), _sum(m.series([year], later))
        p1, p2 = _period(year, base), _period(year, later)
        text = fmt(
            t["vergelijking"],
            subject=m.subject,
            first_period=p1,
            second_period=p2,
            first_value=_value(v1),
            second_value=_value(v2),
            difference=dutch.signed(v2 - v1),
            change=self._change_percent((v2 - v1) * 100 / v1) if v1 else self.ctx.texts("no_percent_change"),
        )
        text += self._factor(p1, v1, p2, v2)
        return finish(self.ctx, text, m.rows_seen, answered=True, extra=self._caveats(figures))

    def _helpline_threshold(self, condition: str) -> Answer:
        """ "hoeveel hulplijnen verwezen minstens 7 keer door?": the helplines whose total over
        the period passes the value, listed and counted (a split per helpline was refused)."""
        m, t, q = self.m, self.t, self.q
        assert q.threshold is not None
        found = self._helpline_rows()
        if isinstance(found, Answer):
            return found
        years, months, rows = found
        totals: dict[str, Decimal] = {}
        labels: dict[str, str] = {}
        for r in rows:
            if r["helpline"] not in q.excluded_helplines:
                totals[r["helpline"]] = totals.get(r["helpline"], Decimal(0)) + Decimal(r["value"])
                labels[r["helpline"]] = r["label"]
        hits = sorted(
            (h for h in totals if compare(q.threshold.comparator, totals[h], q.threshold.value)),
            key=lambda h: (-totals[h], labels[h]),
        )
        period = dutch.join([_period(y, months) for y in years])
        subject = dutch.capitalize(m.label)
        if not hits:
            text = fmt(t["drempel_hulplijnen_geen"], subject=subject, period=period, condition=condition)
        else:
            items = dutch.join([f"{labels[h]} ({_value(totals[h])})" for h in hits])
            text = fmt(
                t["drempel_hulplijnen"],
                subject=subject,
                period=period,
                condition=condition,
                items=items,
                count=len(hits),
                total=len(totals),
            )
        answer = finish(self.ctx, text, m.rows_seen, answered=True)
        caveats = self._caveats_for([r for r in rows if r["helpline"] in totals], years, months)
        answer.text = _insert_before_source(answer.text, " ".join(caveats))
        return answer

    def _weeks(self) -> Answer:
        """Asked per week: the weeks the data has (never a monthly figure instead)."""
        m, t, q = self.m, self.t, self.q
        weeks = m.q("weekly")
        # ("dezelfde week vorig jaar": the year before the newest, which has no weeks; every week
        # there is was given)
        years = set(self._years() or ())
        months = set(q.period.months)
        if years:
            weeks = [w for w in weeks if w["week_start"].year in years]
        if months and q.period.week_index is not None:
            # "de eerste week van oktober": a week that starts in it (the week of 28/09 t.e.m. 01/10
            # was given as October's first)
            weeks = [w for w in weeks if w["week_start"].month in months]
        elif months:
            weeks = [w for w in weeks if w["week_start"].month in months or w["week_end"].month in months]
        if q.week_count is not None and q.week_count != len(weeks) and q.period.week_index is None:
            # "in de 3 vloggerweken" where the data has two: which weeks is not clear ("dezelfde
            # twee weken van 2019", a year with no weekly figures: the weeks there are)
            if weeks or not years:
                return refusal(weeks_miscounted(self.ctx, q.week_count, weeks))
            # (the years only, no days: a day of a week would read as a figure)
            held = sorted({w["week_start"].year for w in m.q("weekly")})
            return refusal(
                fmt(
                    t["geen_weken_in_jaar"],
                    label=m.label,
                    years=dutch.join([str(y) for y in sorted(years)]),
                    held=dutch.join([str(y) for y in held]) or self.ctx.texts("no_figure_at_all"),
                )
            )
        compared = q.operation == "vergelijking"  # "meer in de eerste week dan in de tweede"
        if compared and any(not [w for w in weeks if w["week_start"].year == y] for y in years):
            return self._no_weeks()  # "de vergelijkbare week van 2019": no weeks that year
        if q.period.week_index is not None and weeks and not compared:
            index = q.period.week_index
            if not -len(weeks) <= (index - 1 if index > 0 else index) < len(weeks):
                weeks = []
            else:
                weeks = [weeks[index - 1 if index > 0 else index]]
        averaged = q.operation == "gemiddelde" and len(weeks) > 1
        over_period = (years or months) and q.period.week_index is None and not q.period.dates
        if averaged and over_period and not _covers(weeks, sorted(years), sorted(months)):
            # "gemiddeld per week in 2020": a mean over weeks the data does not have (the mean of
            # the two weeks it has was given as the year's)
            return self._no_weeks()
        if not weeks or (q.operation in ("gemiddelde", "mediaan", "hoogste", "laagste") and not averaged):
            return self._no_weeks()
        lines = [self._week_line(w) for w in weeks]
        self.weeks_used += weeks
        if compared:
            if len(weeks) != 2:
                return self._no_weeks()
            first, second = (Decimal(w["value"]) for w in weeks)
            lines.append(fmt(t["weken_verschil"], difference=dutch.signed(second - first)))
        lines += self._weeks_together(weeks)
        return finish(self.ctx, " ".join(lines), weeks, answered=True)

    def _weeks_together(self, weeks: Sequence[Row]) -> list[str]:
        """ "samen" or "gemiddeld per week" over several weeks: their total or their mean ("hoeveel
        in de twee weken ...?" asks their number: added up too)."""
        counted = self.q.week_count is not None and self.q.counted_metric == self.m.metric
        if len(weeks) < 2 or (self.q.operation not in ("totaal", "gemiddelde") and not counted):
            return []
        total = sum((Decimal(w["value"]) for w in weeks), Decimal(0))
        if self.q.operation != "gemiddelde":
            return [fmt(self.t["weken_samen"], value=_value(total))]
        places = 1 if self.q.decimals is None else self.q.decimals
        mean = dutch.fixed(total / len(weeks), places)
        return [fmt(self.t["weken_gemiddeld"], value=mean, total=_value(total), count=len(weeks))]

    def _named_weeks(self, answer: Answer) -> Answer:
        """A name in a question about weeks ("toen JustNicolas de chat vermeldde") must be one
        the weeks answered are tied to; any other name gets no figure."""
        names = self.q.unknown_names
        notes = " ".join(str(w.get("note") or "") for w in self.weeks_used)
        cause = caused_by(self.ctx, self.q.masked, self.weeks_used) if answer.answered else ""
        if cause:
            # "hoeveel nieuwe oproepers dankzij de vlog?": the weeks count who came, never why
            said = self.ctx.texts("lookup_no_cause", label=self.m.label, cause=cause)
            return refusal(f"{said} {answer.text.partition(chr(10) + 'Bron:')[0]}")
        noted = {w for w in re.findall(r"\w+", fold(notes)) if len(w) > 2}
        if answer.answered and not all(any(stems_match(w, n) for n in noted) for w in self.q.leftovers):
            # "de week na de vlog" answered with weeks whose notes say nothing of a vlog
            return refusal(self.ctx.texts("leftover", words=dutch.join(list(self.q.leftovers))))
        if not names or not answer.answered or all(names_in([n], notes) for n in names):
            return answer
        return refusal(self.ctx.texts("unknown_name", name=dutch.join(list(names))))

    def _week_line(self, row: Row) -> str:
        start: date = row["week_start"]
        end: date = row["week_end"]
        return fmt(
            self.t["week"],
            subject=self.m.subject,
            start=f"{start.day}/{start.month:02d}",
            end=f"{end.day:02d}/{end.month:02d}/{end.year}",
            value=_value(row["value"]),
            note=f" ({str(row['note']).rstrip('.')})" if row.get("note") else "",
        )

    def _weekly(self, when: tuple[int, int, int | None], shift_days: int = 0) -> Answer:
        weekly = self.m.q("weekly")
        count = self.q.week_count
        if count is not None and count > 1 and shift_days == 0:
            # "de twee weken vanaf 21 september samen": that week and the next ones, as many as
            # named (the week of 21/09 alone was given)
            start = next(
                (i for i, r in enumerate(weekly) if week_holds(r["week_start"], r["week_end"], when)), None
            )
            if start is None:
                return self._no_weeks()
            weeks = weekly[start : start + count]
            if len(weeks) < count:
                return refusal(weeks_miscounted(self.ctx, count, weeks))
            self.years_used += [w["week_start"].year for w in weeks]
            self.weeks_used += weeks
            lines = [self._week_line(w) for w in weeks] + self._weeks_together(weeks)
            return finish(self.ctx, " ".join(lines), weeks, answered=True)
        if self.q.operation in ("gemiddelde", "mediaan", "hoogste", "laagste"):
            # "gemiddeld in de week van 21/09": one weekly figure is no mean of anything
            what = self.ctx.texts("week_of", date=f"{when[0]}/{when[1]:02d}")
            problem = self.ctx.texts(
                "no_operation", operation=self._named_operation(self.q.operation), what=what
            )
            return refusal(self.ctx.texts("part_not_used", problem=problem))
        for row in weekly:
            if week_holds(row["week_start"], row["week_end"], when, shift_days):
                self.years_used.append(row["week_start"].year)
                self.weeks_used.append(row)
                if self.q.percent_question:
                    return self._week_share(row)
                start = row["week_start"]
                starts = (when[0], when[1]) == (start.day, start.month) and not self.q.period.one_day
                named_week = self.q.period.week or starts
                if not named_week and shift_days == 0:
                    # "op 1 oktober": a day, which no figure gives; its week is no answer to it
                    # ("21/09", the day a week of the source starts, is that week; "op 21/09"
                    # and "21/09 zelf" are the day)
                    day = f"{when[0]}/{when[1]:02d}"
                    return refusal(fmt(self.t["geen_dagcijfer"], day=day, week=self._week_line(row)))
                return finish(self.ctx, self._week_line(row), [row], answered=True)
        return self._no_weeks()

    def _week_share(self, row: Row) -> Answer:
        """ "welk aandeel van september meldde zich in de week van 21/09?": the week over its month
        (a week across two months has no month to be a share of)."""
        m, t = self.m, self.t
        start: date = row["week_start"]
        end: date = row["week_end"]
        p = self.q.period
        # "welk percentage van augustus is dat?" after the week of 21/09: a month it is no part of
        other_month = bool(p.months) and (
            set(p.months) != {start.month} or start.year not in (p.years or [start.year])
        )
        if (
            other_month
            or (start.year, start.month) != (end.year, end.month)
            or not m.has(start.year, [start.month])
        ):
            what = self.ctx.texts("week_of", date=dutch.date_label(start))
            problem = self.ctx.texts("no_operation", operation=self._named_operation("aandeel"), what=what)
            return refusal(self.ctx.texts("part_not_used", problem=problem))
        month = m.series([start.year], [start.month])
        total = _sum(month)
        if total == 0:
            return refusal(self.ctx.texts("part_not_used", problem=self.ctx.texts("zero_total")))
        text = fmt(
            t["aandeel"],
            subject=m.subject,
            period=self.ctx.texts("week_of", date=dutch.date_label(start)),
            value=_value(Decimal(row["value"])),
            total=_value(total),
            unit=m.unit,
            what=_period(start.year, [start.month]),
            percent=self._share_text(Decimal(row["value"]) * 100 / total),
        )
        return finish(self.ctx, text, [row, *m.rows_seen], answered=True, extra=self._caveats(month))

    def _several_weeks(self, days: Sequence[tuple[int, int, int | None]]) -> Answer:
        """ "de weken van 21/09 en 28/09 (samen)": the week of each day, and their total when
        asked; a day in no week with figures is a refusal, never the other weeks alone."""
        weeks = self.m.q("weekly")
        chosen: list[Row] = []
        for day in days:
            holding = [w for w in weeks if week_holds(w["week_start"], w["week_end"], day)]
            if not holding:
                return self._no_weeks()
            chosen += [w for w in holding if w not in chosen]
        if self.q.period.date_range:
            # "van 21/09 t.e.m. 30/09": only weeks that start and end on those days answer it
            off = weeks_off_range(self.ctx, days, [(w["week_start"], w["week_end"]) for w in chosen])
            if off is not None:
                return refusal(off)
        if self.q.percent_question:
            # "hoeveel procent van september viel in de week van 21 t/m 27 september?": one week
            # over its month (the week's count was given, the share dropped); of several weeks,
            # no share is worked out
            if len(chosen) == 1:
                self.years_used.append(chosen[0]["week_start"].year)
                self.weeks_used += chosen
                return self._week_share(chosen[0])
            what = dutch.join(
                [self.ctx.texts("week_of", date=dutch.date_label(w["week_start"])) for w in chosen]
            )
            problem = self.ctx.texts("no_operation", operation=self._named_operation("aandeel"), what=what)
            return refusal(self.ctx.texts("part_not_used", problem=problem))
        compared = self.q.operation == "vergelijking" and len(chosen) == 2
        if self.q.operation not in (None, "totaal", "gemiddelde") and not compared:
            return self._no_weeks()
        lines = [self._week_line(w) for w in chosen]
        self.weeks_used += chosen
        if compared:
            first, second = (Decimal(w["value"]) for w in chosen)
            lines.append(fmt(self.t["weken_verschil"], difference=dutch.signed(second - first)))
        if self.q.operation == "gemiddelde" and len(chosen) < 2:
            return self._no_weeks()
        lines += self._weeks_together(chosen)
        self.years_used += sorted({w["week_start"].year for w in chosen})
        return finish(self.ctx, " ".join(lines), chosen, answered=True)

    def _no_weeks(self) -> Answer:
        """No weekly figure for what was asked: which weeks there are, if any (dates written
        out, so no day reads as a figure)."""
        m, t = self.m, self.t
        weeks = m.q("weekly")
        if weeks:
            listing = dutch.join(
                [self.ctx.texts("week_of", date=dutch.date_label(w["week_start"])) for w in weeks]
            )
            return refusal(fmt(t["alleen_deze_weken"], label=m.label, weeks=listing))
        labels = [r["label"] for r in m.q("weekly_metrics")]
        text = fmt(
            t["geen_week"], label=m.label, metrics=dutch.join(labels) or self.ctx.texts("no_figure_at_all")
        )
        return refusal(f"{text} {m.availability_text()}")

    # -- caveats ----------------------------------------------------------------------

    def _named_operation(self, operation: str | None) -> str:
        """A calculation as a sentence names it ("een gemiddelde")."""
        return self.ctx.texts.table("operation_named").get(operation or "", operation or "")

    def _lower_bound(self, figures: Sequence[MonthFigure]) -> str | None:
        """ "ondergrens" when a caveat of these figures says the true number is higher ("klopt
        het dat meer dan 50 jongeren geen antwoord kregen?" was denied with the 35 in the queue)."""
        if not figures:
            return None
        sources = sorted({f.source_id for f in figures})
        rows = self.m.caveats(sources, sorted({f.year for f in figures}), sorted({f.month for f in figures}))
        return "ondergrens" if any(r["bound"] == "ondergrens" for r in rows) else None

    def _caveats(self, figures: Sequence[MonthFigure]) -> list[str]:
        """The revisions among these figures, then one line per source with the source's
        caveats that apply to them."""
        if not figures:
            return []
        sources = sorted({f.source_id for f in figures})
        years = sorted({f.year for f in figures})
        months = sorted({f.month for f in figures})
        rows = self.m.caveats(sources, years, months)
        return [*self._revisions(figures), *_caveat_lines(self.ctx.texts, rows)]

    def _revisions(self, figures: Sequence[MonthFigure]) -> list[str]:
        """ "Bijgesteld: september 2020 is 66 volgens vraag nr. 9999; vraag nr. 808 gaf 65." """
        revised = [f for f in figures if f.revised]
        if not revised:
            return []
        names = {r["source_id"]: f"{r['kind']} nr. {r['number']}" for r in source_rows(self.ctx.store)}
        lines = []
        for f in revised:
            period = _period(f.year, [f.month])
            source = names.get(f.source_id, f.source_id)
            if f.previous_value is None or f.previous_source_id is None:
                lines.append(
                    fmt(self.t["bijgesteld_onbekend"], period=period, value=_value(f.value), source=source)
                )
                continue
            lines.append(
                fmt(
                    self.t["bijgesteld"],
                    period=period,
                    value=_value(f.value),
                    source=source,
                    previous_source=names.get(f.previous_source_id, f.previous_source_id),
                    previous=_value(f.previous_value),
                )
            )
        return lines

    def _caveats_for(self, rows: Sequence[Row], years: Sequence[int], months: Sequence[int]) -> list[str]:
        sources = sorted({r["source_id"] for r in rows})
        if not sources:
            return []
        return _caveat_lines(self.ctx.texts, self.m.caveats(sources, years, months))


# Calculations that combine into one answer; any other two at once are asked about, never one
# of them answered in silence. "totaal" and "per_maand" are words any answer satisfies.
_COMBINE = (
    frozenset({"per_hulplijn", "geen"}),
    frozenset({"per_hulplijn", "gemiddelde"}),
    frozenset({"per_hulplijn", "hoogste"}),
    frozenset({"per_hulplijn", "laagste"}),
    frozenset({"vergelijking", "gemiddelde"}),
    frozenset({"geen", "hoogste"}),
    frozenset({"hoogste", "laagste"}),  # "de drukste en de rustigste maand": both, each its own line
    frozenset({"per_hulplijn", "hoogste", "laagste"}),
    frozenset({"geen", "laagste"}),
)


# "in welke maand verwees enkel Awel door?": the helpline alone, no other
_ONLY_ONE = re.compile(r"(?<![\w])(?:enkel|alleen|uitsluitend|enkel en alleen) xhulplijn(?![\w])")


def _clashing(operations: Sequence[str]) -> list[str]:
    ops = [o for o in dict.fromkeys(operations) if o not in ("totaal", "per_maand")]
    if len(ops) <= 1 or any(set(ops) <= pair for pair in _COMBINE):
        return []
    return ops


def _caveat_lines(texts: Texts, rows: Sequence[Row]) -> list[str]:
    by_source: dict[str, list[str]] = {}
    for r in rows:
        text = r["text"].rstrip(".")
        by_source.setdefault(r["source_id"], [])
        if text not in by_source[r["source_id"]]:
            by_source[r["source_id"]].append(text)
    return [
        texts("caveat", notes="; ".join(dutch.lower_first(t) for t in notes))
        for _, notes in sorted(by_source.items())
        if notes
    ]


def _goes(direction: str | None, change: Decimal) -> bool:
    """Does a change go the way asked ("op", "af", "niet_op", "niet_af", "gelijk"; None: any
    way)?"""
    return {
        None: True,
        "gelijk": change == 0,
        "op": change > 0,
        "af": change < 0,
        "niet_op": change <= 0,
        "niet_af": change >= 0,
    }[direction]


def _covers(weeks: Sequence[Row], years: Sequence[int], months: Sequence[int]) -> bool:
    """Do these weeks cover every day of the years (and months) named?"""
    days = {
        w["week_start"] + timedelta(days=i)
        for w in weeks
        for i in range((w["week_end"] - w["week_start"]).days + 1)
    }
    for year in years or sorted({d.year for d in days}):
        for month in months or range(1, 13):
            first = date(year, month, 1)
            last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            if any(first + timedelta(days=i) not in days for i in range((last - first).days + 1)):
                return False
    return True


def _insert_before_source(text: str, extra: str) -> str:
    """Add a sentence after the answer, before its source line; after a list, on a line of its
    own (never glued to the last item)."""
    if not extra:
        return text
    head, sep, tail = text.partition("\nBron:")
    glue = "\n" if head.rsplit("\n", 1)[-1].startswith("- ") else " "
    return f"{head}{glue}{extra}{sep}{tail}"
