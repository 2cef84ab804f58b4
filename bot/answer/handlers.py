"""The mechanisms that answer an intent: each runs the intent's own queries (from intents/) and
fills its own templates. No figure is written here; every number comes from a query.

A handler takes the engine, the intent and the frame (the slots of the question, merged with the
conversation) and returns the Answer plus the slots it resolved (e.g. the year it defaulted to),
which the conversation carries to the next turn.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bot.model import Answer, ChartRequest, Context
from bot.present import dutch
from bot.understand.intents import IntentSpec, query_parameters

if TYPE_CHECKING:
    from bot.engine import Engine

SMALLTALK = frozenset({"begroeting", "bedankt", "hulp"})
BREAKDOWN_MAX_MONTHS = 6
FABRICATION_NOTE = "Ik verzin of schat geen cijfers: ik geef alleen wat in de bron staat."
SOURCES_SQL = """
SELECT source_id, number, date, asked_by, answered_by, title FROM sources ORDER BY source_id
"""
AVAILABILITY_SQL = """
SELECT m.metric, any_value(x.label) AS label, m.year, list(DISTINCT m.month ORDER BY m.month) AS months
FROM monthly AS m JOIN metrics AS x ON x.metric = m.metric
GROUP BY m.metric, m.year ORDER BY m.metric, m.year
"""
HELPLINE_METRICS_SQL = """
SELECT DISTINCT x.metric, x.label FROM monthly AS m JOIN metrics AS x ON x.metric = m.metric
WHERE m.helpline IS NOT NULL ORDER BY x.metric
"""
METRICS_SQL = "SELECT metric, label FROM metrics ORDER BY metric"
WEEKLY_METRICS_SQL = """
SELECT DISTINCT x.label FROM weekly AS w JOIN metrics AS x ON x.metric = w.metric ORDER BY 1
"""
EXAMPLES = (
    "Hoeveel chatgesprekken waren er in mei 2020?",
    "Hoeveel doorverwijzingen kwamen er van Awel?",
    "Wat is het gemiddelde aantal nieuwe oproepers per maand in 2019?",
    "Wanneer is de chat open?",
)


@dataclass
class Result:
    answer: Answer
    resolved: dict[str, Any] = field(default_factory=dict)


Handler = Callable[["Engine", IntentSpec, dict[str, Any]], Result]


# -- shared pieces ------------------------------------------------------------------------


def source_line(engine: Engine, rows: Iterable[dict[str, Any]]) -> str | None:
    """'Bron: schriftelijke vraag nr. 808 van 22 september 2020 (…), antwoord van …'."""
    sources = {r["source_id"]: r for r in engine.store.query(SOURCES_SQL)}
    parts: list[str] = []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        sid = row.get("source_id")
        if sid not in sources:
            continue
        said_by = row.get("said_by") or "antwoord"
        if (sid, said_by) in seen:
            continue
        seen.add((sid, said_by))
        s = sources[sid]
        doc = f"schriftelijke vraag nr. {s['number']} van {dutch.date_label(s['date'])}"
        if said_by == "vraag":
            parts.append(f"de vraag van {s['asked_by']} ({doc})")
        else:
            minister = (s["answered_by"] or "de minister").split(",")[0]
            parts.append(
                f"{doc} van {s['asked_by']}, antwoord van minister {minister}"
                if minister != "de minister"
                else f"{doc}, antwoord van de minister"
            )
    if not parts:
        return None
    return "Bron: " + "; ".join(parts) + "."


def finish(
    text: str, engine: Engine, rows: Iterable[dict[str, Any]], answered: bool, extra: Sequence[str] = ()
) -> Answer:
    rows = list(rows)
    source = source_line(engine, rows)
    body = " ".join(p for p in [text, *extra] if p)
    if source and answered:
        body = f"{body}\n{source}"
    return Answer(text=body, answered=answered, source=source)


def prefix(answer: Answer, note: str) -> Answer:
    if note:
        answer.text = note + answer.text
    return answer


def fmt(template: str, **values: Any) -> str:
    return template.format(**values)


def availability(engine: Engine) -> list[dict[str, Any]]:
    """Per metric and year, the months with figures (and the metric's label)."""
    return engine.store.query(AVAILABILITY_SQL)


def available_overview(engine: Engine) -> str:
    """What the database holds, per metric and year, read from the data."""
    per_metric: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for row in availability(engine):
        labels[row["metric"]] = row["label"]
        per_metric.setdefault(row["metric"], []).append(dutch.period_label(row["year"], row["months"]))
    lines = [f"{labels[m]} ({dutch.join(p)})" for m, p in per_metric.items()]
    return (
        "Ik heb cijfers over " + "; ".join(lines) + "; verder de problematieken, het "
        "profiel van de oproepers, de openingsuren, de influencercampagne en de "
        "geschiedenis van de chat."
    )


def not_understood(engine: Engine, context: Context | None, empty: bool = False) -> Answer:
    opener = (
        "Je bericht is leeg."
        if empty
        else "Sorry, die vraag begrijp ik niet, of daar heb ik geen cijfers over."
    )
    text = (
        f"{opener} Ik beantwoord vragen over de cijfers van de chat Nupraatikerover.be. "
        f"Bijvoorbeeld: “{EXAMPLES[0]}” of “{EXAMPLES[3]}”"
    )
    return Answer(text=text, answered=False, context=context or Context())


def unsupported_measure(
    engine: Engine, spec: IntentSpec, frame: dict[str, Any], label: str, context: Context | None
) -> Answer:
    """A measure no source gives (waiting time, satisfaction, money, staff): say so, and what
    the source does say about the topic, if the topic is one of facts."""
    text = f"Daar heb ik geen cijfers over: de bron geeft geen {label}."
    if spec.handler == "lookup":
        facts = lookup_handler(engine, spec, {}).answer
        if facts.answered:
            text += " Wel dit: " + facts.text.split("\nBron:")[0]
    else:
        text += " " + available_overview(engine)
    return Answer(text=text, answered=False, intent=spec.name, context=context or Context())


def sql_refusal(context: Context | None) -> Answer:
    text = (
        "Dat lijkt op een databasecommando. Ik voer geen commando's uit; stel je vraag in "
        f"gewone taal, bijvoorbeeld: “{EXAMPLES[0]}”"
    )
    return Answer(text=text, answered=False, context=context or Context())


# -- metric figures -----------------------------------------------------------------------


class MetricQuestion:
    """One question about a monthly metric, resolved against what the data holds."""

    def __init__(self, engine: Engine, spec: IntentSpec, frame: dict[str, Any]) -> None:
        self.engine = engine
        self.spec = spec
        self.frame = frame
        self.t = spec.templates
        self.metric: str = frame["metric"]
        self.helpline: str | None = frame.get("helpline")
        self.rows_seen: list[dict[str, Any]] = []  # every row the answer rests on (sources)
        info = self.q("metric_info")
        self.label: str = info[0]["label"] if info else self.metric
        self.unit: str = info[0]["unit"] if info else self.metric
        self.label_one: str = info[0]["label_singular"] if info else self.label
        self.unit_one: str = info[0]["unit_singular"] if info else self.unit
        dims = self.q("has_helplines")[0]
        self.by_helpline = bool(dims["by_helpline"])
        if self.helpline and not self.by_helpline:
            self.helpline_unsupported = True
            self.helpline = None
        else:
            self.helpline_unsupported = False
        self.available: dict[int, list[int]] = {r["year"]: list(r["months"]) for r in self.q("availability")}
        self.resolved: dict[str, Any] = {}

    def q(self, name: str, **params: Any) -> list[dict[str, Any]]:
        bound = {"metric": self.metric, "helpline": self.helpline, **params}
        sql = self.spec.queries[name]
        used = query_parameters(sql)
        rows = self.engine.store.query(sql, {k: v for k, v in bound.items() if k in used})
        self.rows_seen += rows
        return rows

    def label_for(self, value: int | None) -> str:
        """The label in the number of the figure: "1 doorverwijzing", "2 doorverwijzingen"."""
        if value != 1:
            return self.display_label
        if self.helpline:
            return f"{self.unit_one} vanuit {self.engine.lexicon.label('helpline', self.helpline)}"
        return self.label_one

    @property
    def display_label(self) -> str:
        if self.helpline:
            return f"{self.unit} vanuit {self.engine.lexicon.label('helpline', self.helpline)}"
        return self.label

    def availability_text(self) -> str:
        if not self.available:
            return f"Ik heb geen cijfers over {self.display_label}."
        parts = [dutch.period_label(y, ms) for y, ms in sorted(self.available.items())]
        yearly = self.q("yearly_all") if not self.helpline else []
        text = fmt(self.t["beschikbaar"], label=self.display_label, available=dutch.join(parts))
        if yearly:
            text += " Jaartotalen: " + dutch.join([f"{y['year']}" for y in yearly]) + "."
        return text

    def refuse(self, period: str) -> Answer:
        text = fmt(self.t["geen_cijfer"], label=self.display_label, period=period)
        return Answer(text=f"{text} {self.availability_text()}", answered=False)


def _resolve_years(mq: MetricQuestion, frame: dict[str, Any]) -> list[int]:
    years = sorted(set(frame.get("years") or []))
    if not years and frame.get("relative_year") is not None and mq.available:
        years = [max(mq.available) + int(frame["relative_year"])]
    return years


def metric_handler(engine: Engine, spec: IntentSpec, frame: dict[str, Any]) -> Result:
    if not frame.get("metric") and (
        frame.get("helpline") or frame.get("aggregation") in ("per_hulplijn", "geen")
    ):
        # A helpline named without a metric: if only one metric is split by helpline, that one.
        by_helpline = engine.store.query(HELPLINE_METRICS_SQL)
        if len(by_helpline) == 1:
            frame = {**frame, "metric": by_helpline[0]["metric"]}
    if not frame.get("metric"):
        labels = [r["label"] for r in engine.store.query(METRICS_SQL)]
        text = fmt(spec.templates["geen_metriek"], metrics=dutch.join(labels, "of"))
        return Result(Answer(text=text, answered=False))
    several = [m for m in frame.get("several_metrics") or [] if m != frame["metric"]]
    if several:
        # several metrics asked for at once: each answered, in the order they were named
        parts = [
            metric_handler(engine, spec, {**frame, "metric": m, "several_metrics": []})
            for m in frame["several_metrics"]
        ]
        texts = [p.answer.text.split("\nBron:")[0] for p in parts]
        source = next((p.answer.source for p in parts if p.answer.source), None)
        text = "\n".join(texts) + (f"\n{source}" if source else "")
        return Result(
            Answer(text=text, answered=all(p.answer.answered for p in parts), source=source),
            parts[0].resolved,
        )
    mq = MetricQuestion(engine, spec, frame)
    if frame.get("unknown_source") and mq.by_helpline and not mq.helpline:
        helplines = [r["label"] for r in engine.store.query("SELECT label FROM helplines ORDER BY label")]
        return Result(
            Answer(
                text=f"Daar heb ik geen cijfers over: ‘{frame['unknown_source']}’ staat niet bij de "
                f"hulplijnen in de bron. Ik heb {mq.label} van {dutch.join(helplines)}.",
                answered=False,
            )
        )
    answer = _metric_answer(mq, frame)
    notes: list[str] = []
    if frame.get("fabrication"):
        notes.append(FABRICATION_NOTE)
    if notes:
        answer.text = " ".join(notes) + " " + answer.text
    return Result(answer, mq.resolved)


def _metric_answer(mq: MetricQuestion, frame: dict[str, Any]) -> Answer:
    t = mq.t
    if mq.helpline_unsupported:
        metrics = [r["label"] for r in mq.engine.store.query(HELPLINE_METRICS_SQL)]
        return Answer(
            text=fmt(t["geen_hulplijn"], label=mq.label, metrics=dutch.join(metrics)), answered=False
        )
    if frame.get("weekdays") or frame.get("breakdown"):
        split = frame.get("breakdown") or "per weekdag"
        return Answer(
            text=f"Daar heb ik geen cijfers over: ik heb geen {mq.label} {split}, "
            f"alleen per maand. {mq.availability_text()}",
            answered=False,
        )
    if frame.get("date"):
        return _weekly_answer(mq, frame["date"], int(frame.get("week_shift") or 0))
    if frame.get("week") and not frame.get("months"):
        return _weeks_answer(mq, _resolve_years(mq, frame), frame.get("aggregation"))
    aggregation = frame.get("aggregation")
    if aggregation == "geen":  # "welke hulplijnen niemand", or for one helpline: which months
        aggregation = "per_maand" if mq.helpline else "per_hulplijn"
    if (
        aggregation in ("hoogste", "laagste")
        and mq.helpline
        and not frame.get("per_month")
        and not frame.get("months")
    ):
        aggregation = "per_hulplijn"  # "1712 verwees het vaakst door": among the helplines
    if aggregation == "per_hulplijn" or len(frame.get("helplines") or []) > 1:
        if not mq.by_helpline:
            metrics = [r["label"] for r in mq.engine.store.query(HELPLINE_METRICS_SQL)]
            return Answer(
                text=fmt(t["geen_hulplijn"], label=mq.label, metrics=dutch.join(metrics)), answered=False
            )
        return _ranking_answer(mq, frame)
    years = _resolve_years(mq, frame)
    months = sorted(set(frame.get("months") or []))
    if frame.get("open_range_from"):
        start = int(frame["open_range_from"])
        pool = years or ([max(mq.available)] if mq.available else [])
        months = sorted({m for y in pool for m in mq.available.get(y, []) if m >= start})
        if not months:
            months = [start]
    order = [m for m in frame.get("month_order") or [] if m in months] or months
    if (
        len(order) == 2
        and len(months) == 2
        and len(years) <= 1
        and (
            aggregation == "vergelijking"
            or (aggregation is None and not frame.get("span") and len(mq.available) == 1)
        )
    ):
        return _month_comparison_answer(mq, years, order)
    if aggregation is None and len(years) == 2 and len(frame.get("helplines") or []) <= 1:
        aggregation = "vergelijking"  # "in mei 2019 en mei 2020": both, and the difference
    if aggregation == "vergelijking":
        return _comparison_answer(mq, frame, years, months)
    if frame.get("per_quarter") and not months:
        return _quarters_answer(mq, years or sorted(mq.available), aggregation)
    # -- which years and months --
    if not years and not months:
        return _everything_answer(mq, aggregation)
    if years and not months:
        whole = _yearly_answer(mq, years, aggregation)
        if whole is not None:
            return whole
        months = sorted({m for y in years for m in mq.available.get(y, [])})
        if not months:
            return mq.refuse(dutch.join([str(y) for y in years]))
        per_year = {y: [m for m in months if m in mq.available.get(y, [])] for y in years}
        missing = [y for y, ms in per_year.items() if not ms]
        if missing:
            return mq.refuse(dutch.join([str(y) for y in missing]))
        return _aggregate_answer(mq, frame, years, None, aggregation)
    if months and not years:
        candidates = [y for y in sorted(mq.available, reverse=True) if set(months) <= set(mq.available[y])]
        if not candidates:
            partial = [y for y in sorted(mq.available, reverse=True) if set(months) & set(mq.available[y])]
            if partial:
                return _partial_answer(mq, partial[0], months)
            return mq.refuse(dutch.months_label(months))
        years = [candidates[0]]
        mq.resolved["resolved_years"] = years
        main = _aggregate_answer(mq, frame, years, months, aggregation)
        others = [y for y in candidates[1:]]
        if others and main.answered and aggregation in (None, "totaal", "gemiddelde"):
            extra = []
            for y in others:
                value = _summary_value(mq, [y], months, aggregation)
                if value is not None:
                    extra.append(
                        fmt(t["ter_vergelijking"], period=dutch.period_label(y, months), value=value)
                    )
            main.text = _insert_before_source(main.text, " ".join(extra))
        return main
    for y in years:
        if not set(months) <= set(mq.available.get(y, [])):
            if set(months) & set(mq.available.get(y, [])):
                return _partial_answer(mq, y, months)
            return mq.refuse(dutch.period_label(y, months))
    return _aggregate_answer(mq, frame, years, months, aggregation)


def _insert_before_source(text: str, extra: str) -> str:
    if not extra:
        return text
    head, sep, tail = text.partition("\nBron:")
    return f"{head} {extra}{sep}{tail}"


def _summary_value(
    mq: MetricQuestion, years: list[int], months: list[int], aggregation: str | None
) -> str | None:
    rows = mq.q("totals", years=years, months=months)
    if not rows:
        return None
    row = rows[0]
    if aggregation == "gemiddelde":
        return dutch.number(dutch.round_half_up(Decimal(row["total"]) / row["months_counted"]))
    return dutch.number(row["total"])


def _caveats(mq: MetricQuestion, years: list[int], months: list[int]) -> list[str]:
    rows = mq.q("caveats", years=years or list(mq.available), months=months or list(range(1, 13)))
    return [f"Let op: {r['text'][:1].lower()}{r['text'][1:]}" for r in rows]


def _premise(mq: MetricQuestion, value: int | None) -> str:
    claims = [n for n in mq.frame.get("numbers") or [] if not mq.frame.get("percent_claim")]
    if value is None or not claims or not mq.frame.get("premise"):
        return ""
    if any(float(c) == float(value) for c in claims):
        return fmt(mq.t["premisse_juist"], value=dutch.number(value))
    return fmt(
        mq.t["premisse_fout"],
        value=dutch.number(value),
        claimed=dutch.number(int(claims[0]) if float(claims[0]).is_integer() else claims[0]),
    )


def _aggregate_answer(
    mq: MetricQuestion,
    frame: dict[str, Any],
    years: list[int],
    months: list[int] | None,
    aggregation: str | None,
) -> Answer:
    t = mq.t
    lines: list[str] = []
    main_value: int | None = None
    per_year_months = {y: (months or mq.available.get(y, [])) for y in years}
    for year in years:
        ms = per_year_months[year]
        period = dutch.period_label(year, ms)
        if aggregation in ("hoogste", "laagste"):
            rows = mq.q("extremes", years=[year], months=ms)
            count = frame.get("top_n") or 0
            position = frame.get("rank_position") or 0
            if count > 1 or position > 1:
                ordered = sorted(
                    rows, key=lambda r: (-r["value"] if aggregation == "hoogste" else r["value"], r["month"])
                )
                picked = ordered[:count] if count > 1 else ordered[position - 1 : position]
                items = [f"{dutch.month_name(r['month'])} ({dutch.number(r['value'])})" for r in picked]
                key = "top" if count > 1 else "plaats"
                lines.append(
                    fmt(
                        t[f"{aggregation}_{key}"],
                        label=mq.display_label,
                        period=period,
                        items=dutch.join(items),
                        count=len(picked),
                        position=position,
                    )
                )
                continue
            flag = "is_max" if aggregation == "hoogste" else "is_min"
            hits = [r for r in rows if r[flag]]
            if not hits:
                continue
            main_value = hits[0]["value"]
            lines.append(
                fmt(
                    t[aggregation],
                    label=mq.display_label,
                    period=period,
                    months=dutch.join([dutch.month_name(r["month"]) for r in hits]),
                    value=dutch.number(main_value),
                )
            )
        elif aggregation == "per_maand":
            rows = mq.q("series", years=[year], months=ms)
            lines.append(fmt(t["per_maand_kop"], label_cap=dutch.capitalize(mq.display_label), period=period))
            lines += [
                fmt(t["per_maand_regel"], month=dutch.month_name(r["month"]), value=dutch.number(r["value"]))
                for r in rows
            ]
            total = sum(r["value"] for r in rows)
            lines.append(fmt(t["per_maand_totaal"], value=dutch.number(total)))
            zeros = [dutch.month_name(r["month"]) for r in rows if r["value"] == 0]
            if zeros:
                lines.append(fmt(t["nul_maanden"], months=dutch.join(zeros)))
        elif aggregation == "gemiddelde" and len(ms) > 1:
            row = mq.q("totals", years=[year], months=ms)[0]
            exact = Decimal(row["total"]) / row["months_counted"]
            main_value = dutch.round_half_up(exact)
            lines.append(
                fmt(
                    t["gemiddelde"],
                    label=mq.display_label,
                    period=period,
                    value=dutch.number(main_value),
                    exact=dutch.one_decimal(exact),
                    total=dutch.number(row["total"]),
                    count=row["months_counted"],
                )
            )
        else:
            series = mq.q("series", years=[year], months=ms)
            row = mq.q("totals", years=[year], months=ms)[0]
            main_value = int(row["total"])
            qualifier = next((r["qualifier"] for r in series if r["qualifier"]), None)
            if len(ms) == 1:
                template = t["waarde_qualified"] if qualifier else t["waarde"]
                if main_value == 1:
                    template = t["waarde_een"]
                lines.append(
                    fmt(
                        template,
                        period=period,
                        value=dutch.number(main_value),
                        label=mq.label_for(main_value),
                        qualifier=qualifier,
                    )
                )
            else:
                template = t["totaal_een"] if main_value == 1 else t["totaal"]
                line = fmt(
                    template, period=period, value=dutch.number(main_value), label=mq.label_for(main_value)
                )
                if len(ms) <= BREAKDOWN_MAX_MONTHS:
                    # a few months together: also each month, so nothing needs asking twice
                    parts = [f"{dutch.month_name(r['month'])} {dutch.number(r['value'])}" for r in series]
                    line = f"{line[:-1]} ({dutch.join(parts)})."
                lines.append(line)
    if not lines:
        return mq.refuse(dutch.join([dutch.period_label(y, per_year_months[y]) for y in years]))
    premise = _premise(mq, main_value if len(years) == 1 else None)
    text = "\n".join(lines) if aggregation == "per_maand" else " ".join(lines)
    if premise:
        text = f"{premise} {text}"
    caveats = _caveats(mq, years, months or sorted({m for ms in per_year_months.values() for m in ms}))
    return finish(text, mq.engine, mq.rows_seen, answered=True, extra=caveats)


def _partial_answer(mq: MetricQuestion, year: int, months: list[int]) -> Answer:
    covered = [m for m in months if m in mq.available.get(year, [])]
    missing = [m for m in months if m not in covered]
    row = mq.q("totals", years=[year], months=covered)[0]
    text = fmt(
        mq.t["gedeeltelijk"],
        missing=dutch.period_label(year, missing),
        covered=dutch.period_label(year, covered),
        label=mq.display_label,
        value=dutch.number(row["total"]),
    )
    return Answer(text=f"{text} {mq.availability_text()}", answered=False)


def _everything_answer(mq: MetricQuestion, aggregation: str | None) -> Answer:
    """No period named: everything the data holds for this metric, labelled per year."""
    years = sorted(mq.available)
    if not years:
        return mq.refuse("geen enkele periode")
    mq.resolved["resolved_years"] = years
    answer = _aggregate_answer(mq, mq.frame, years, None, aggregation)
    if aggregation in (None, "totaal") and not mq.helpline:
        yearly = mq.q("yearly_all")
        if yearly:
            parts = [
                f"{y['qualifier'] + ' ' if y['qualifier'] else ''}{dutch.number(y['value'])} "
                f"in {'heel ' if y['year'] in mq.available else ''}{y['year']}"
                for y in yearly
            ]
            # the yearly figures come from the question, so the source line names it too
            answer.source = source_line(mq.engine, mq.rows_seen)
            body = answer.text.split("\nBron:")[0]
            answer.text = f"{body} Jaartotalen volgens de vraag: {dutch.join(parts)}." + (
                f"\n{answer.source}" if answer.source else ""
            )
    return answer


def _yearly_answer(mq: MetricQuestion, years: list[int], aggregation: str | None) -> Answer | None:
    """A whole year asked, and the source states a whole-year figure."""
    if aggregation not in (None, "totaal") or mq.helpline or len(years) != 1:
        return None
    rows = mq.q("yearly", years=years)
    if not rows:
        return None
    row = rows[0]
    speaker = " (zo staat het in de vraag van de parlementslid)" if row["said_by"] == "vraag" else ""
    speaker = speaker.replace("de parlementslid", "het parlementslid")
    text = fmt(
        mq.t["jaarcijfer"],
        year=row["year"],
        value=dutch.number(row["value"]),
        qualifier=f"{row['qualifier']} " if row["qualifier"] else "",
        label=mq.label,
        speaker=speaker,
    )
    months = mq.available.get(row["year"], [])
    if months:
        total = mq.q("totals", years=[row["year"]], months=months)[0]["total"]
        text += " " + fmt(
            mq.t["jaarcijfer_en_maanden"],
            period=dutch.period_label(row["year"], months),
            value=dutch.number(total),
        )
    premise = _premise(mq, int(row["value"]))
    if premise:
        text = f"{premise} {text}"
    return finish(text, mq.engine, mq.rows_seen, answered=True)


def _comparison_answer(
    mq: MetricQuestion, frame: dict[str, Any], years: list[int], months: list[int]
) -> Answer:
    t = mq.t
    available_years = sorted(mq.available)
    if len(years) < 2:
        others = [
            y
            for y in sorted(set(available_years) | {r["year"] for r in mq.q("yearly_all")}, reverse=True)
            if y not in years
        ]
        if not years and len(available_years) >= 2:
            years = available_years[-2:]
        elif years and others:
            years = sorted([years[0], others[0]])
        else:
            mq.frame["aggregation"] = None
            base = _metric_answer(mq, {**frame, "aggregation": None})
            if base.answered:
                base.text = (
                    f"Vergelijken kan niet: ik heb {mq.display_label} maar voor één jaar. " + base.text
                )
            return base
    first, second = years[0], years[-1]
    mq.resolved["resolved_years"] = [first, second]
    values: dict[int, tuple[str, int]] = {}
    if not months:
        yearly = {r["year"]: r for r in mq.q("yearly", years=[first, second])}
        if first in yearly and second in yearly and not mq.helpline:
            for y in (first, second):
                values[y] = (str(y), int(yearly[y]["value"]))
        else:
            common = sorted(set(mq.available.get(first, [])) & set(mq.available.get(second, [])))
            if not common:
                return mq.refuse(f"{first} en {second} samen")
            months = common
    if not values:
        for y in (first, second):
            if not set(months) <= set(mq.available.get(y, [])):
                return mq.refuse(dutch.period_label(y, months))
            row = mq.q("totals", years=[y], months=months)[0]
            values[y] = (dutch.period_label(y, months), int(row["total"]))
    (p1, v1), (p2, v2) = values[first], values[second]
    diff = v2 - v1
    change = (
        "geen procentuele verandering te berekenen"
        if v1 == 0
        else f"{dutch.signed(dutch.round_half_up(Decimal(diff) * 100 / v1))}%"
    )
    text = fmt(
        t["vergelijking"],
        label=dutch.capitalize(mq.display_label),
        first_period=p1,
        first_value=dutch.number(v1),
        second_period=p2,
        second_value=dutch.number(v2),
        difference=dutch.signed(diff),
        change=change,
    )
    if frame.get("per_month") and months and len(months) > 1:
        rows = {
            (r["year"], r["month"]): r["value"] for r in mq.q("series", years=[first, second], months=months)
        }
        pairs = [
            f"{dutch.month_name(m)} {dutch.number(rows[(first, m)])} → {dutch.number(rows[(second, m)])}"
            for m in months
            if (first, m) in rows and (second, m) in rows
        ]
        text += f" Per maand ({first} → {second}): {'; '.join(pairs)}."
        not_higher = [
            f"{dutch.month_name(m)} ({dutch.number(rows[(first, m)])} → {dutch.number(rows[(second, m)])})"
            for m in months
            if (first, m) in rows and (second, m) in rows and rows[(second, m)] <= rows[(first, m)]
        ]
        if not_higher:
            text += " " + fmt(t["niet_hoger"], first=first, second=second, months=dutch.join(not_higher))
    caveats = _caveats(mq, [first, second], months)
    return finish(text, mq.engine, mq.rows_seen, answered=True, extra=caveats)


def _quarters_answer(mq: MetricQuestion, years: list[int], aggregation: str | None) -> Answer:
    """Totals per quarter (only quarters with every month in the data), and the highest or
    lowest when asked."""
    quarters = mq.engine.lexicon.periods["kwartaal"]
    lines: list[str] = []
    for year in years:
        have = set(mq.available.get(year, []))
        totals = []
        for index, (first, last) in enumerate(quarters, 1):  # type: ignore[misc]
            months = list(range(int(first), int(last) + 1))
            if set(months) <= have:
                total = mq.q("totals", years=[year], months=months)[0]["total"]
                totals.append((index, int(total), months))
        if not totals:
            continue
        parts = [f"Q{i} ({dutch.months_label(ms)}) {dutch.number(v)}" for i, v, ms in totals]
        line = fmt(
            mq.t["kwartalen"], label=dutch.capitalize(mq.display_label), year=year, items="; ".join(parts)
        )
        if aggregation in ("hoogste", "laagste"):
            pick = (max if aggregation == "hoogste" else min)(totals, key=lambda q: q[1])
            line += " " + fmt(mq.t[f"kwartaal_{aggregation}"], quarter=pick[0], value=dutch.number(pick[1]))
        lines.append(line)
    if not lines:
        return mq.refuse("een volledig kwartaal")
    mq.resolved["resolved_years"] = years
    return finish(" ".join(lines), mq.engine, mq.rows_seen, answered=True)


def _month_comparison_answer(mq: MetricQuestion, years: list[int], order: list[int]) -> Answer:
    """Two months of one year side by side: "meer in maart dan in september?"."""
    year = (
        years[0]
        if years
        else max((y for y, ms in mq.available.items() if set(order) <= set(ms)), default=None)
    )
    if year is None or not set(order) <= set(mq.available.get(year, [])):
        return mq.refuse(dutch.months_label(order) + (f" {years[0]}" if years else ""))
    mq.resolved["resolved_years"] = [year]
    values = {r["month"]: int(r["value"]) for r in mq.q("series", years=[year], months=order)}
    first, second = order
    diff = values[first] - values[second]
    relation = "meer" if diff > 0 else "minder" if diff < 0 else "evenveel"
    text = fmt(
        mq.t["maanden_vergelijking"],
        label=dutch.capitalize(mq.display_label),
        first=dutch.period_label(year, [first]),
        first_value=dutch.number(values[first]),
        second=dutch.period_label(year, [second]),
        second_value=dutch.number(values[second]),
        difference=dutch.number(abs(diff)),
        relation=relation,
        first_month=dutch.month_name(first),
        second_month=dutch.month_name(second),
    )
    return finish(text, mq.engine, mq.rows_seen, answered=True, extra=_caveats(mq, [year], order))


def _ranking_answer(mq: MetricQuestion, frame: dict[str, Any]) -> Answer:
    t = mq.t
    years = _resolve_years(mq, frame) or sorted(mq.available)
    missing_years = [y for y in years if y not in mq.available]
    if missing_years:
        return mq.refuse(dutch.join([str(y) for y in missing_years]))
    months = sorted(set(frame.get("months") or [])) or sorted(
        {m for y in years for m in mq.available.get(y, [])}
    )
    for y in years:
        if not set(months) <= set(mq.available.get(y, [])):
            return mq.refuse(dutch.period_label(y, months))
    rows = mq.q("by_helpline", years=years, months=months)
    wanted = frame.get("helplines") or []
    if len(wanted) > 1:
        rows = [r for r in rows if r["helpline"] in wanted]
    period = dutch.join([dutch.period_label(y, months) for y in years])
    lines = [fmt(t["per_hulplijn_kop"], label_cap=dutch.capitalize(mq.label), period=period)]
    lines += [fmt(t["per_hulplijn_regel"], helpline=r["label"], value=dutch.number(r["total"])) for r in rows]
    zeros = [r["label"] for r in rows if r["total"] == 0]
    if zeros and len(wanted) <= 1:
        lines.append(fmt(t["nul_hulplijnen"], helplines=dutch.join(zeros)))
    if len(wanted) >= 2 and len(rows) == len(wanted):
        lines.append(
            fmt(
                t["hulplijnen_samen"],
                helplines=dutch.join([r["label"] for r in rows]),
                value=dutch.number(sum(r["total"] for r in rows)),
            )
        )
    if len(wanted) == 2 and len(rows) == 2:
        by_key = {r["helpline"]: r for r in rows}
        a, b = (by_key[k] for k in wanted)
        lines.append(
            fmt(
                t["hulplijnen_verschil"],
                first=a["label"],
                second=b["label"],
                difference=dutch.number(abs(a["total"] - b["total"])),
                relation="meer"
                if a["total"] > b["total"]
                else "minder"
                if a["total"] < b["total"]
                else "evenveel",
            )
        )
    mq.resolved["resolved_years"] = years
    caveats = _caveats(mq, years, months)
    answer = finish("\n".join(lines), mq.engine, mq.rows_seen, answered=True)
    answer.text = _insert_before_source(answer.text, " ".join(caveats))
    return answer


def _weeks_answer(mq: MetricQuestion, years: list[int], aggregation: str | None = None) -> Answer:
    """Asked per week without a date: every week the data has for this metric (and year)."""
    weeks = mq.q("weekly")
    if years:
        weeks = [w for w in weeks if w["week_start"].year in years]
    if not weeks:
        labels = [r["label"] for r in mq.engine.store.query(WEEKLY_METRICS_SQL)]
        text = fmt(mq.t["geen_week"], label=mq.label, metrics=dutch.join(labels) or "geen enkel cijfer")
        return Answer(text=f"{text} {mq.availability_text()}", answered=False)
    lines = []
    for row in weeks:
        start: date = row["week_start"]
        end: date = row["week_end"]
        lines.append(
            fmt(
                mq.t["week"],
                start=f"{start.day}/{start.month:02d}",
                end=f"{end.day:02d}/{end.month:02d}/{end.year}",
                value=dutch.number(row["value"]),
                label=mq.label,
            )
            + (f" ({row['note']})" if row.get("note") else "")
        )
    if aggregation == "totaal" and len(weeks) > 1:
        lines.append(
            fmt(mq.t["weken_samen"], value=dutch.number(sum(w["value"] for w in weeks)), label=mq.label)
        )
    return finish(" ".join(lines), mq.engine, weeks, answered=True)


def _weekly_answer(mq: MetricQuestion, when: Sequence[int | None], shift_days: int = 0) -> Answer:
    day, month, year = when
    weeks = mq.q("weekly")
    for row in weeks:
        start: date = row["week_start"]
        end: date = row["week_end"]
        target = date(year or start.year, int(month or 1), int(day or 1)) + timedelta(shift_days)
        if start <= target <= end:
            mq.resolved["resolved_date"] = [target.day, target.month, target.year]
            mq.resolved["date"] = None
            text = fmt(
                mq.t["week"],
                start=f"{start.day}/{start.month:02d}",
                end=f"{end.day:02d}/{end.month:02d}/{end.year}",
                value=dutch.number(row["value"]),
                label=mq.label,
            )
            if row.get("note"):
                text += f" ({row['note']})"
            return finish(text, mq.engine, [row], answered=True)
    labels = [r["label"] for r in mq.engine.store.query(WEEKLY_METRICS_SQL)]
    weeks_text = dutch.join([f"de week van {r['week_start'].day}/{r['week_start'].month:02d}" for r in weeks])
    text = fmt(mq.t["geen_week"], label=mq.label, metrics=dutch.join(labels) or "geen enkel cijfer")
    if weeks_text:
        text += f" ({weeks_text})."
    return Answer(text=f"{text} {mq.availability_text()}", answered=False)


# -- shares: problem categories and caller profile -------------------------------------------


def shares_handler(engine: Engine, spec: IntentSpec, frame: dict[str, Any]) -> Result:
    dims = list(spec.options.get("dimensions", []))
    rows = engine.store.query(spec.queries["shares"], {"dimension": dims})
    t = spec.templates
    if not rows:
        return Result(Answer(text="Daar heb ik geen cijfers over.", answered=False))
    asked = [c for d, c in frame.get("categories") or [] if d in dims]
    aggregation = frame.get("aggregation")
    notes = [FABRICATION_NOTE] if frame.get("fabrication") else []
    refusal = _share_refusal(engine, spec, rows, frame, asked)
    if refusal is not None:
        return Result(refusal)
    if spec.name == "profiel":
        return Result(_profile_answer(engine, spec, rows, frame, notes))
    absolute = frame.get("breakdown") == "in absolute aantallen per categorie"
    asked_years = sorted(set(frame.get("years") or []))
    if asked_years:
        relevant = [r for r in rows if not asked or r["category"] in asked]
        have = sorted({r["year"] for r in relevant})
        if not set(asked_years) & set(have) and aggregation != "vergelijking":
            what = (
                dutch.join([r["label"] for r in relevant if r["year"] == have[-1]][:1])
                if asked
                else "de problematieken"
            )
            text = (
                f"Daar heb ik geen cijfer over: voor {what} heb ik geen cijfer voor "
                f"{dutch.join([str(y) for y in asked_years])}. Ik heb cijfers voor "
                f"{dutch.join([str(y) for y in have])}."
            )
            return Result(Answer(text=text, answered=False))
    latest = max(r["year"] for r in rows)
    current = [r for r in rows if r["year"] == latest]
    lines: list[str] = []
    if (
        len(asked) >= 2
        and (aggregation == "totaal" or frame.get("span"))
        and all(any(r["category"] == c for r in current) for c in asked)
    ):
        # shares of distinct categories of one partition add up ("fysiek of emotioneel samen")
        picked = [r for r in current if r["category"] in asked]
        parts = [f"{r['label']} {dutch.percent(r['percent'])}" for r in picked]
        lines.append(
            fmt(
                t["samen"],
                items=dutch.join(parts),
                year=latest,
                total=dutch.percent(sum(r["percent"] for r in picked)),
            )
        )
    elif frame.get("rank_position") and not asked:
        ordered = sorted(current, key=lambda r: -r["percent"])
        position = int(frame["rank_position"])
        if position <= len(ordered):
            r = ordered[position - 1]
            lines.append(
                fmt(
                    t["plaats"],
                    position=position,
                    year=latest,
                    label=r["label"],
                    percent=dutch.percent(r["percent"]),
                )
            )
    elif asked and aggregation not in ("hoogste", "laagste"):
        for category in asked:
            for r in [r for r in current if r["category"] == category]:
                lines.append(
                    fmt(
                        t["categorie"],
                        label_cap=dutch.capitalize(r["label"]),
                        percent=dutch.percent(r["percent"]),
                        year=latest,
                    )
                )
            history = sorted((r for r in rows if r["category"] == category), key=lambda r: r["year"])
            lines += [
                fmt(t["ander_jaar"], year=r["year"], percent=dutch.percent(r["percent"]))
                for r in history
                if r["year"] != latest
            ]
            if len(history) >= 2:
                first, last = history[0], history[-1]
                points = last["percent"] - first["percent"]
                lines.append(
                    fmt(t["verschil"], first=first["year"], last=last["year"], points=dutch.signed(points))
                )
    elif aggregation in ("hoogste", "laagste") or frame.get("top_n"):
        ordered = sorted(current, key=lambda r: -r["percent"])
        if aggregation == "laagste":
            ordered = list(reversed(ordered))
        count = frame.get("top_n") or 1
        edge = ordered[min(count, len(ordered)) - 1]["percent"]
        picked = [
            r for r in ordered if (r["percent"] >= edge if aggregation != "laagste" else r["percent"] <= edge)
        ]
        items = [f"{r['label']} ({dutch.percent(r['percent'])})" for r in picked]
        lines.append(
            fmt(t["laagste" if aggregation == "laagste" else "hoogste"], year=latest, items=dutch.join(items))
        )
    else:
        lines.append(fmt(t["kop"], year=latest))
        lines += [fmt(t["regel"], label=r["label"], percent=dutch.percent(r["percent"])) for r in current]
        lines += [
            f"In {r['year']}: {r['label']} {dutch.percent(r['percent'])}."
            for r in rows
            if r["year"] != latest
        ]
    if aggregation == "gemiddelde":
        lines.insert(0, t["geen_gemiddelde"])
    if any(r["year_basis"] == "context" for r in current):
        lines.append(f"(De bron noemt het jaar niet uitdrukkelijk; uit de context gaat het om {latest}.)")
    if absolute:
        lines.insert(0, t["geen_aantallen"])
    claim = _claimed(frame)
    if claim is not None and asked:
        shown = [r for r in current if r["category"] in asked]
        if len(shown) == 1:
            actual = shown[0]["percent"]
            lines.insert(
                0,
                "Dat klopt."
                if claim == actual
                else f"Dat klopt niet: het is {dutch.percent(actual)}, niet {dutch.percent(claim)}.",
            )
    text = "\n".join(notes + lines)
    return Result(finish(text, engine, rows, answered=aggregation != "gemiddelde" and not absolute))


def _share_refusal(
    engine: Engine, spec: IntentSpec, rows: list[dict[str, Any]], frame: dict[str, Any], asked: list[str]
) -> Answer | None:
    """A share the source does not give: a group without a figure ("jongens", "ouder dan
    18"), a split it lacks ("per leeftijd in jaren"), or one month instead of the year."""
    with_figures = {r["category"] for r in rows}
    missing = [c for c in asked if c not in with_figures]
    if frame.get("counted_metric") and frame["counted_metric"] != "gesprekken" and spec.name == "profiel":
        label = engine.lexicon.label("metric", frame["counted_metric"])
        problem_text = f"de bron geeft geen aantallen {label} per profielgroep"
        latest = max(r["year"] for r in rows)
        available = [f"{r['label']} {dutch.percent(r['percent'])}" for r in rows if r["year"] == latest]
        return Answer(
            text=f"Daar heb ik geen cijfers over: {problem_text}. Wel het profiel van "
            f"alle oproepers ({latest}): {dutch.join(available)}.",
            answered=False,
        )
    served = set(spec.options.get("dimensions", []))
    other = sorted({d for d in frame.get("dimensions") or [] if d not in served})
    problem = None
    if other and spec.name == "problematiek":
        problem = f"de bron splitst de problematieken niet op naar {dutch.join(other)}"
    elif not asked and frame.get("unknown_topic") and spec.name == "problematiek":
        problem = f"‘{frame['unknown_topic']}’ is geen categorie in de bron"
    elif missing:
        labels = [engine.lexicon.label("category", c) for c in missing]
        problem = f"voor {dutch.join(labels)} geeft de bron geen cijfer"
    elif frame.get("breakdown") and frame["breakdown"] != "in absolute aantallen per categorie":
        problem = f"de bron geeft geen cijfers {frame['breakdown']}"
    elif frame.get("months"):
        problem = "de bron geeft deze verdeling alleen voor het jaar als geheel, niet per maand"
    if problem is None:
        return None
    dims = sorted(
        {r["dimension"] for r in rows if not asked or r["category"] in asked}
        | {d for d, c in frame.get("categories") or [] if c in missing}
    )
    shown = [r for r in rows if r["dimension"] in dims] or rows
    latest = max(r["year"] for r in shown)
    available = [f"{r['label']} {dutch.percent(r['percent'])}" for r in shown if r["year"] == latest]
    text = f"Daar heb ik geen cijfers over: {problem}. Wel beschikbaar ({latest}): {dutch.join(available)}."
    return Answer(text=text, answered=False, source=source_line(engine, shown))


def _age_range_answer(bands: list[dict[str, Any]], wanted: tuple[int, int]) -> tuple[str, bool] | None:
    """An age range in years against the source's age bands ("12-15", "15-18"): one band, or
    adjacent bands that together make exactly the range (their shares add up), or a refusal."""
    spans = []
    for r in bands:
        low, _, high = str(r["category"]).partition("-")
        if low.isdigit() and high.isdigit():
            spans.append((int(low), int(high), r))
    if not spans:
        return None
    spans.sort(key=lambda s: s[0])
    low, high = wanted
    inside = [s for s in spans if s[0] >= low and s[1] <= high]
    covered = (
        bool(inside)
        and inside[0][0] == low
        and inside[-1][1] == high
        and all(a[1] == b[0] for a, b in itertools.pairwise(inside))
    )
    listing = dutch.join([f"{r['label']} ({dutch.percent(r['percent'])})" for _, _, r in spans])
    if not covered:
        return (
            f"Daar heb ik geen cijfer over: de bron geeft geen aandeel voor {low} tot {high} "
            f"jaar, alleen de leeftijdscategorieën {listing}.",
            False,
        )
    if len(inside) == 1:
        r = inside[0][2]
        return f"{dutch.percent(r['percent'])} van de oproepers is {r['label']}.", True
    total = sum(r["percent"] for _, _, r in inside)
    parts = dutch.join([f"{r['label']} ({dutch.percent(r['percent'])})" for _, _, r in inside])
    return f"{parts}: samen {dutch.percent(total)} van de oproepers ({low} tot {high} jaar).", True


def _profile_answer(
    engine: Engine, spec: IntentSpec, rows: list[dict[str, Any]], frame: dict[str, Any], notes: list[str]
) -> Answer:
    t = spec.templates
    asked = [d for d in frame.get("dimensions") or [] if d in spec.options["dimensions"]]
    dims = asked or list(spec.options["dimensions"])
    by_dim: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_dim.setdefault(r["dimension"], []).append(r)
    lines: list[str] = []
    answered = True
    if frame.get("age_range"):
        ages = _age_range_answer(by_dim.get("leeftijd", []), frame["age_range"])
        if ages is not None:
            text, ok = ages
            return finish(text, engine, rows, answered=ok)
    if frame.get("aggregation") == "gemiddelde":
        lines.append(t["geen_gemiddelde"])
        dims = ["leeftijd"]
        answered = False
    for dim in dims:
        group = by_dim.get(dim, [])
        if not group:
            continue
        latest = max(r["year"] for r in group)
        group = [r for r in group if r["year"] == latest]
        pct = {r["category"]: dutch.percent(r["percent"]) for r in group}
        if dim == "onderwerp":
            lines.append(fmt(t["onderwerp"], **{k: v for k, v in pct.items()}))
        elif dim == "leeftijd":
            bands = [f"{r['label']} ({dutch.percent(r['percent'])})" for r in group]
            lines.append(fmt(t["leeftijd"], bands=dutch.join(bands)))
        elif dim == "geslacht":
            lines.append(fmt(t["geslacht"], percent=next(iter(pct.values()))))
            lines.append(fmt(t["geen_jongens"], percent=next(iter(pct.values()))))
    return finish(" ".join(notes + lines), engine, rows, answered=answered)


# -- opening hours --------------------------------------------------------------------------


def opening_hours_handler(engine: Engine, spec: IntentSpec, frame: dict[str, Any]) -> Result:
    t = spec.templates
    hours = engine.store.query(spec.queries["hours"])
    facts = {r["fact_id"]: r for r in engine.store.query(spec.queries["facts"])}
    names = engine.lexicon.weekday_names
    by_day = {r["weekday"]: r for r in hours}

    def hhmm(text: str) -> float:
        h, m = text.split(":")
        return int(h) + int(m) / 60

    def slot_text(r: dict[str, Any]) -> str:
        return f"van {dutch.hour_label(hhmm(r['opens']))} tot {dutch.hour_label(hhmm(r['closes']))}"

    groups: dict[str, list[str]] = {}
    for r in hours:
        groups.setdefault(slot_text(r), []).append(names[r["weekday"] - 1])
    days = dutch.join([f"{dutch.join(d)} {s}" for s, d in groups.items()])
    closed = [names[d - 1] for d in range(1, 8) if d not in by_day]
    valid_until = next((r["valid_until"] for r in hours if r["valid_until"]), None)
    valid = f"eind {dutch.date_label(valid_until).split(' ', 1)[1]}" if valid_until else "nader bericht"
    asked_years = frame.get("years") or []
    if valid_until is not None and asked_years and min(asked_years) > valid_until.year:
        text = (
            f"Daar heb ik geen gegevens over: de bron geeft de openingsuren tot "
            f"{valid}; voor {dutch.join([str(y) for y in asked_years])} staat er niets in. "
            f"Tot dan is de chat open op {days}."
        )
        return Result(Answer(text=text, answered=False, source=source_line(engine, hours)))
    total_fact = facts.get("openingsuren_totaal")
    total = total_fact["value"] if total_fact else None
    overview = fmt(t["overzicht"], days=days, total=total, valid_until=valid)
    if closed:
        overview += " " + fmt(t["gesloten"], days=dutch.join(closed))
    weekdays = frame.get("weekdays") or []
    hour = frame.get("hour")
    day_part = frame.get("day_part")
    if hour is None and day_part:
        hour = (day_part[0] + day_part[1]) / 2
    lines: list[str] = []
    for wd in weekdays[:2]:
        row = by_day.get(wd)
        day = names[wd - 1]
        if row is None:
            lines.append(fmt(t["uur_dicht_dag" if hour is not None else "dag_dicht"], day=day, days=days))
        elif hour is None:
            lines.append(
                fmt(
                    t["dag_open"],
                    day=day,
                    opens=dutch.hour_label(hhmm(row["opens"])),
                    closes=dutch.hour_label(hhmm(row["closes"])),
                    hours=dutch.number(hhmm(row["closes"]) - hhmm(row["opens"])),
                )
            )
        else:
            is_open = hhmm(row["opens"]) <= hour < hhmm(row["closes"])
            lines.append(
                fmt(
                    t["uur_open" if is_open else "uur_dicht"],
                    day=day,
                    hour=dutch.hour_label(hour),
                    opens=dutch.hour_label(hhmm(row["opens"])),
                    closes=dutch.hour_label(hhmm(row["closes"])),
                )
            )
    if not weekdays and hour is not None:
        open_days = [
            f"{names[r['weekday'] - 1]} ({slot_text(r)})"
            for r in hours
            if hhmm(r["opens"]) <= hour < hhmm(r["closes"])
        ]
        lines.append(
            fmt(t["uur_zonder_dag"], hour=dutch.hour_label(hour), days_open=dutch.join(open_days))
            if open_days
            else fmt(t["uur_nergens"], hour=dutch.hour_label(hour), days=days)
        )
    lines.append(overview)
    lines.append(t["afspraak"])
    rows = [*hours, *facts.values()]
    return Result(finish(" ".join(lines), engine, rows, answered=True))


# -- facts, smalltalk, no data -------------------------------------------------------------


def lookup_handler(engine: Engine, spec: IntentSpec, frame: dict[str, Any]) -> Result:
    lines: list[str] = [spec.templates["kop"]] if "kop" in spec.templates else []
    all_rows: list[dict[str, Any]] = []
    for name, sql in spec.queries.items():
        rows = engine.store.query(sql)
        all_rows += rows
        template = spec.templates.get(name, "{text}")
        summed = spec.templates.get(f"{name}_totaal")
        for row in rows:
            values = {
                k: (
                    dutch.number(v)
                    if isinstance(v, int) and not isinstance(v, bool) and k not in ("number",)
                    else ("" if v is None else v)
                )
                for k, v in row.items()
            }
            lines.append(template.format(**values).strip())
        if summed and frame.get("aggregation") == "totaal" and len(rows) > 1:
            lines.append(summed.format(total=dutch.number(sum(r["value"] for r in rows))))
    if not all_rows:
        return Result(Answer(text="Daar heb ik geen gegevens over.", answered=False))
    joiner = "\n" if "kop" in spec.templates else " "
    counted = frame.get("counted_metric")
    subgroup = [c for _, c in frame.get("categories") or []]
    if subgroup and frame.get("count_question"):
        labels = dutch.join([engine.lexicon.label("category", c) for c in subgroup])
        text = f"Een aantal voor {labels} staat niet in de bron. Wel dit: " + joiner.join(lines)
        return Result(Answer(text=text, answered=False, source=source_line(engine, all_rows)))
    if (counted and not any(r.get("metric") == counted for r in all_rows)) or (
        frame.get("count_question")
        and not any(isinstance(r.get("value"), int) and r.get("unit") != "jaar" for r in all_rows)
    ):
        # "hoeveel geld kreeg de chat?": the facts say what happened, not how much
        text = "Een aantal of bedrag daarvoor staat niet in de bron. Wel dit: " + joiner.join(lines)
        return Result(Answer(text=text, answered=False, source=source_line(engine, all_rows)))
    claim = _claimed(frame)
    if claim is not None:
        named = [
            r
            for r in all_rows
            if isinstance(r.get("value"), int)
            and r.get("unit")
            and r["unit"].split()[0] in (frame.get("masked") or "").split()
        ]
        if len(named) == 1:
            value, unit = named[0]["value"], named[0]["unit"]
            lines.insert(
                0,
                "Dat klopt."
                if claim == value
                else f"Dat klopt niet: het is {dutch.number(value)} {unit}, niet {dutch.number(claim)}.",
            )
    return Result(finish(joiner.join(lines), engine, all_rows, answered=True))


def _claimed(frame: dict[str, Any]) -> int | float | None:
    """The figure a question claims ("klopt het dat ... 43% ..."), when it claims one."""
    numbers = frame.get("numbers") or []
    if not frame.get("premise") or not numbers:
        return None
    value = numbers[0]
    return int(value) if float(value).is_integer() else value


def smalltalk_handler(engine: Engine, spec: IntentSpec, frame: dict[str, Any]) -> Result:
    text = spec.templates["reply"]
    if spec.name != "bedankt":
        examples = " ".join(f"“{e}”" for e in EXAMPLES)
        text = f"{text} {available_overview(engine)} Probeer bijvoorbeeld: {examples}"
    return Result(Answer(text=text, answered=False))


def no_data_handler(engine: Engine, spec: IntentSpec, frame: dict[str, Any]) -> Result:
    text = f"{spec.templates['reply']} {available_overview(engine)}"
    if frame.get("fabrication"):
        text = f"{FABRICATION_NOTE} {text}"
    return Result(Answer(text=text, answered=False))


# -- charts and tables ---------------------------------------------------------------------


def _chart_kind(engine: Engine, frame: dict[str, Any]) -> tuple[str, str | None]:
    dims = frame.get("dimensions") or []
    metric = frame.get("metric")
    if "problematiek" in dims and not metric:
        return "problematiek", None
    if metric == "bezoekers_chatknop":
        return "bezoekers", metric
    if metric == "doorverwijzingen" or frame.get("aggregation") == "per_hulplijn":
        return "doorverwijzingen", "doorverwijzingen"
    return "maanden", metric or "gesprekken"


def _key_figures(engine: Engine, metric: str, years: list[int]) -> tuple[str, str, list[dict[str, Any]]]:
    cijfers = engine.specs["cijfers"]
    avail = {
        r["year"]: list(r["months"])
        for r in engine.store.query(cijfers.queries["availability"], {"metric": metric, "helpline": None})
    }
    years = [y for y in years if y in avail] or sorted(avail)
    parts = []
    rows: list[dict[str, Any]] = []
    for y in years:
        found = engine.store.query(
            cijfers.queries["totals"], {"metric": metric, "helpline": None, "years": [y], "months": avail[y]}
        )
        rows += found
        if found:
            parts.append(f"{dutch.period_label(y, avail[y])}: {dutch.number(found[0]['total'])} in totaal")
    period = dutch.join([dutch.period_label(y, avail[y]) for y in years])
    return period, "; ".join(parts) + ".", rows


def chart_handler(engine: Engine, spec: IntentSpec, frame: dict[str, Any]) -> Result:
    kind, metric = _chart_kind(engine, frame)
    t = spec.templates
    years = sorted(set(frame.get("years") or []))
    if kind == "problematiek":
        prob = engine.specs["problematiek"]
        rows = engine.store.query(prob.queries["shares"], {"dimension": ["problematiek"]})
        latest = max(r["year"] for r in rows)
        summary = (
            "; ".join(f"{r['label']} {dutch.percent(r['percent'])}" for r in rows if r["year"] == latest)
            + "."
        )
        text = fmt(t["problematiek"], year=latest, summary=summary)
        answer = finish(text, engine, rows, answered=True)
        answer.chart = ChartRequest(kind="problematiek")
        return Result(answer)
    assert metric is not None
    period, summary, rows = _key_figures(engine, metric, years)
    label = engine.lexicon.label("metric", metric)
    text = fmt(t[kind], label=label, period=period, summary=summary)
    if kind == "bezoekers":
        shown_years = sorted({r["year"] for r in rows})
        _, conv, more = _key_figures(engine, "gesprekken", shown_years)
        text += f" Chatgesprekken: {conv}"
        rows += more
    answer = finish(text, engine, rows, answered=True)
    answer.chart = ChartRequest(kind=kind, metric=metric, years=tuple(years))
    return Result(answer)


def table_handler(engine: Engine, spec: IntentSpec, frame: dict[str, Any]) -> Result:
    from bot.present import tables  # only when a table is asked for

    kind, metric = _chart_kind(engine, frame)
    years = sorted(set(frame.get("years") or [])) or None
    try:
        if kind == "problematiek":
            table = tables.shares_table(engine.store, "problematiek")
            label, period = "gemelde problematieken in %", "laatst beschikbare jaar"
        elif kind == "doorverwijzingen":
            table = tables.referrals_table(engine.store, frame.get("months") or None)
            label, period = "doorverwijzingen per hulplijn", "per maand"
        else:
            assert metric is not None
            table = tables.metric_table(engine.store, metric, years, frame.get("months") or None)
            label, period = engine.lexicon.label("metric", metric), "per maand"
    except tables.NoData as ex:  # a month or year without figures: the usual honest refusal
        return Result(
            Answer(text=f"Daar heb ik geen cijfers over: {ex}. {available_overview(engine)}", answered=False)
        )
    text = fmt(spec.templates["kop"], label=label, period=period)
    sources = engine.store.query(
        "SELECT DISTINCT source_id, 'antwoord' AS said_by FROM monthly ORDER BY source_id"
    )
    answer = finish(text, engine, sources, answered=True)
    answer.table = table
    return Result(answer)


HANDLERS: dict[str, Handler] = {
    "metric": metric_handler,
    "shares": shares_handler,
    "opening_hours": opening_hours_handler,
    "lookup": lookup_handler,
    "smalltalk": smalltalk_handler,
    "no_data": no_data_handler,
    "chart": chart_handler,
    "table": table_handler,
}
