"""Facts: the history, the campaign, the queue, the source, and the like, as the source states
them (intents with handler "lookup": their queries' rows, rendered with the template of the same
name). A "hoeveel" question is answered only by a fact whose number counts what is asked and
that is about the names the question mentions; otherwise it is refused, with what is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from rapidfuzz.distance import OSA

from bot.answer.common import (
    AnswerContext,
    Result,
    Row,
    caused_by,
    compare,
    finish,
    fmt,
    names_in,
    refusal,
    week_holds,
    weeks_miscounted,
    weeks_off_range,
)
from bot.model import Answer, Query
from bot.present import dutch
from bot.understand.intents import IntentSpec
from bot.understand.matcher import stems_match
from bot.understand.reading import ONE_THING_POINTED


def answer_lookup(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """The facts of one topic, the one that answers a count, or a refusal."""
    t = ctx.texts
    lines: list[tuple[str, Row]] = []
    rows: list[Row] = []
    for name in spec.queries:
        if name.startswith("_"):
            continue
        found = ctx.run(spec, name)
        if (
            query.week_count is not None
            and found
            and "week_start" in found[0]
            and len(found) != query.week_count
        ):
            return Result(refusal(weeks_miscounted(ctx, query.week_count, found)))
        rows += found
        template = spec.templates.get(name, "{text}")
        for row in found:
            values = {
                k: (
                    dutch.number(v)
                    if isinstance(v, int | Decimal) and not isinstance(v, bool) and k != "number"
                    else ("" if v is None else v)
                )
                for k, v in row.items()
            }
            lines.append((template.format(**values).strip(), row))
        summed = spec.templates.get(f"{name}_totaal")
        counted = query.week_count is not None and query.count_question  # "hoeveel in de twee weken ...?"
        if summed and (query.operation == "totaal" or counted) and len(found) > 1:
            total = dutch.number(sum(r["value"] for r in found))
            lines.append((summed.format(total=total), {**found[0], "summed_from": name}))
    if not rows:
        return Result(refusal(spec.templates.get("geen", ctx.texts("no_data"))))
    query = _names_as_written(query, lines)
    for pattern, what in spec.options.get("not_given", {}).items():
        if re.search(pattern, query.masked):
            # "van welke partij is de minister?": a detail of this topic no source gives (the
            # whole topic was listed, with dates that answer another question)
            return Result(refusal(ctx.texts("not_given", what=what)))
    strange = _strange_names(query.unknown_names, " ".join(line for line, _ in lines))
    if strange:
        # "cijfers van het CAW over ...": no fact of this topic is about that name
        return Result(refusal(t("unknown_name", name=dutch.join(strange))))
    own_years = "years" not in query.from_context and not query.when_question and not query.premise
    own_years = own_years and _YEAR_ASKED.search(query.masked) is None  # ("in welk jaar ...?")
    named_years = set(query.period.years) if own_years else set()
    covered = {y for line, r in lines for y in _years_of(line, r)}
    if named_years and covered and not named_years & covered:
        # "zal de campagne in 2021 herhaald worden?": no fact of this topic is of that year (the
        # facts of 2020 were given as its answer)
        asked = dutch.join([str(y) for y in sorted(named_years)])
        known = dutch.join([str(y) for y in sorted(covered)])
        return Result(refusal(t("lookup_no_year", years=asked, known=known)))
    joiner = "\n" if "kop" in spec.templates else " "
    head = [spec.templates["kop"]] if "kop" in spec.templates else []
    if query.categories and query.count_question:
        labels = dutch.join([ctx.label("category", c) for _, c in query.categories])
        return Result(
            refusal(
                fmt(
                    spec.templates.get("geen_aantal_voor", t("part_not_used", problem="{labels}")),
                    labels=labels,
                )
            )
        )
    own_percent = query.percent_question and "percent" not in query.from_context
    if own_percent and not any("%" in str(r.get("unit") or "") for r in rows):
        # "welk percentage van de oproepers vroeg om een actieve tussenkomst?": no fact of this
        # topic is a share (the facts were given, with other figures, as if they answered it)
        closest = _closest(query, lines)[:1]
        return Result(refusal(" ".join([t("lookup_no_percent"), *(line for line, _ in closest)])))
    fact_units = {str(r["unit"]).split()[0] for r in rows if r.get("unit") and r.get("value") is not None}
    # (the unit itself, "views": a word that only leads to one, "lang" or "influencer", asks no figure)
    unit_asked = _names_a_unit(ctx, query, fact_units)
    if query.count_question or query.claim is not None or query.counted_metric or query.metric or unit_asked:
        # ("views filmpje justnicolas alleen?": a figure asked by its unit, without "hoeveel")
        answer = _count(ctx, spec, query, lines)
        if answer is not None:
            unit = _unit_named(ctx, query, fact_units) or query.unit_asked
            return Result(_words_used(ctx, query, answer), replace(query, unit_asked=unit))
    shown = _closest(query, lines) if "kop" not in spec.templates else lines
    asks_name = any(
        re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", query.masked) for w in ctx.lexicon.name_question
    )
    if shown and asks_name and shown[0][1].get("certainty") == "niet_vermeld":
        # "hoe heette de tweede vlogger?": the source says it does not give that name
        return Result(refusal(shown[0][0]))
    shown = [s for s in shown if s[1].get("certainty") != "niet_vermeld"] or shown
    dated = [r for _, r in shown if "date" in r]
    if query.when_question and dated and not any(r["date"] for r in dated):
        # "wanneer gaat de website online?": the facts give no date, so no answer to "when"
        known = " ".join(line for line, _ in shown[:2])
        return Result(refusal(f"{t('no_date')} {known}".strip()))
    year_only = str(dated[0]["date"] or "") if dated else ""
    if _MONTH_ASKED.search(query.masked) and len(year_only) == 4 and int(year_only) in query.period.years:
        # "in welke maand van 2012 begon Child Focus?": the fact of that year knows its year only
        return Result(refusal(f"{t('no_month_date')} {shown[0][0]}"))
    converted = _converted(ctx, query, shown)
    if converted is not None:  # the fact in the unit asked leads, and is not said twice
        new, old = converted
        shown = [new, *(s for s in shown if s is not old)]
    text = joiner.join([*head, *(line for line, _ in shown)])
    # the names the first fact is about ("Jamie-Lee-Six"), for "haar post" in the next question
    named = tuple(n.lower() for n in _NAME.findall(shown[0][0])) if shown and not query.names else query.names
    day = _FULL_DATE.fullmatch(str(shown[0][1].get("date") or "")) if shown else None
    told_on = (int(day.group(3)), int(day.group(2)), int(day.group(1))) if day else None
    return Result(
        finish(ctx, text, [r for _, r in shown] or rows, answered=True),
        replace(query, names=named, period=replace(query.period, found_date=told_on)),
    )


# "JustNicolas en co": a name with the others, so no name filters the facts
_AND_OTHERS = re.compile(r"(?<![\w])en (?:co|cie|consoorten)(?![\w])")
# "in welke maand ...?": a month asked of a fact
_MONTH_ASKED = re.compile(r"(?<![\w])welke maand(?![\w])")
_YEAR_ASKED = re.compile(r"(?<![\w])welke? jaar(?![\w])")
# a fact's date to the day ("2020-09-21"), as facts.csv writes it
_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"(?<![\d.,/])(?:19|20)\d\d(?![\d.,/])")


# a name as the facts write one: "JustNicolas", "Jamie-Lee-Six"
_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b|\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")


def _converted(
    ctx: AnswerContext, query: Query, shown: list[tuple[str, Row]]
) -> tuple[tuple[str, Row], tuple[str, Row]] | None:
    """ "hoe lang duurt een gesprek, in minuten?": the fact said with its figure in the unit
    asked, and the fact it replaces; or None."""
    for word in query.masked.split():
        unit_from, factor = ctx.lexicon.conversions.get(word, ("", 0))
        for fact in shown:
            line, row = fact
            unit = str(row.get("unit") or "")
            if factor and row.get("value") is not None and unit.split()[:1] == [unit_from]:
                value = Decimal(row["value"]) * factor
                said = ctx.texts("converted", fact=line, converted=dutch.number(value), target=word)
                return (said, row), fact
    return None


def _names_as_written(query: Query, lines: list[tuple[str, Row]]) -> Query:
    """The question's names as the facts write them, when one slip apart ("JustNikolas" is
    JustNicolas: the weeks tied to his vlog were missed)."""
    written = {_folded(n) for line, row in lines for n in _NAME.findall(f"{line} {row.get('note') or ''}")}
    names = tuple(
        next((w for w in sorted(written) if OSA.distance(_folded(n), w, score_cutoff=1) <= 1), n)
        if _folded(n) not in written and len(n) >= 6
        else n
        for n in query.names
    )
    return query if names == query.names else replace(query, names=names)


def _folded(text: str) -> str:
    """Lower case without spaces and hyphens: "Jamie-Lee-Six" meets "jamie lee six"."""
    return re.sub(r"[\s-]+", "", text.lower())


def _strange_names(names: Sequence[str], facts: str) -> list[str]:
    """The names written with a capital ("CAW", "Tele-Onthaal") that the facts do not contain,
    not even with one slip ("Beek" for "Beke"); "insta-post" is a word, not a name."""
    words = {_folded(w) for w in re.findall(r"[\w-]+", facts)}
    folded = _folded(facts)
    return [
        n
        for n in names
        if n[:1].isupper()
        and _folded(n) not in folded
        and not any(OSA.distance(_folded(n), w, score_cutoff=1) <= 1 for w in words if len(w) >= 4)
    ]


def _words_used(ctx: AnswerContext, query: Query, answer: Answer) -> Answer:
    """A figure from the facts only when the words no part of the question used ("per",
    "zonder") are words of the fact itself ("1 persoon per beantwoorder"); else it might
    answer another question."""
    if not answer.answered or not (query.count_question or query.claim is not None):
        return answer
    said = re.findall(r"\w+", answer.text.lower())
    missing = [w for w in query.leftovers if not any(stems_match(w, x) for x in said)]
    if not missing:
        return answer
    return refusal(ctx.texts("leftover", words=dutch.join(missing)))


def _names_a_unit(ctx: AnswerContext, query: Query, units: set[str]) -> bool:
    """Does the question name a fact's unit, itself or by a word that asks it ("bereik": views), or
    did the question before (a follow-up: "en het filmpje van JustNicolas apart?")?"""
    return _unit_named(ctx, query, units) is not None or query.unit_asked in units


def _unit_named(ctx: AnswerContext, query: Query, units: set[str]) -> str | None:
    """The fact's unit the question's own words name ("views", "bereik")."""
    return next(
        (
            ctx.lexicon.unit_names.get(w, w)
            for w in query.masked.split()
            if ctx.lexicon.unit_names.get(w, w) in units
        ),
        None,
    )


def _counted_word(query: Query) -> str | None:
    m = re.search(r"(?<![\w])(?:hoeveel|aantal)(?: \w+)?? (\w+)", query.masked)
    return m.group(1) if m else None


def _count(ctx: AnswerContext, spec: IntentSpec, query: Query, lines: list[tuple[str, Row]]) -> Answer | None:
    """A fact whose number counts what the question counts ("hoeveel views": 38.000 views), about
    the names the question mentions; or a refusal. None: not a count this family answers."""
    counted = _counted_word(query)
    numeric = [
        (line, r) for line, r in lines if r.get("value") is not None and r.get("unit") and r["unit"] != "jaar"
    ]
    if counted is None or counted.startswith("x"):
        counted = None
    units = ctx.lexicon.unit_words
    # what is counted: the word after "hoeveel", and any word of the question that names a unit
    # ("hoeveel keer werden de vlogs bekeken": views)
    fact_units = {str(r["unit"]).split()[0] for _, r in numeric}
    wanted = {units.get(w, w) for w in query.masked.split() if w in units or w in fact_units}
    if counted is not None:
        asked = units.get(counted, counted)
        # "hoeveel views hadden de posts van de influencers?": the views; the influencers are
        # whose posts, not a second count (both facts matched, and neither was given)
        named_unit = any(stems_match(asked, units.get(u, u)) for u in fact_units)
        wanted = {asked} if named_unit else {*wanted, asked}
    matching = [
        (line, r)
        for line, r in numeric
        if any(stems_match(w, units.get(r["unit"].split()[0], r["unit"].split()[0])) for w in wanted)
    ]
    counted_as: dict[str, str] = spec.options.get("counted_as", {})
    asked_metric = query.counted_metric or query.metric or counted_as.get(counted or "")
    if "metric" in query.from_context and wanted:
        # "en hoeveel views hadden de vlogs?" after the weeks' new callers: a fact's own unit,
        # not the measure before (the weeks were given again)
        asked_metric = None
    if asked_metric is not None:
        # "hoeveel nieuwe oproepers in de weken na de vlog": the rows of that metric, in the
        # period asked; none there is a refusal, never the rows of another period
        every = [
            (line, r) for line, r in lines if r.get("metric") == asked_metric and not r.get("summed_from")
        ]
        rows = every
        months = set(query.period.months)
        if query.period.date is not None:
            # "in de week van 28/09": the week holding that day, never its neighbours
            year = query.period.years[0] if len(query.period.years) == 1 else None
            days = tuple((d, m, y or year) for d, m, y in query.period.dates or (query.period.date,))
            rows = [
                (line, r)
                for line, r in rows
                if any(week_holds(r["first_day"], r["last_day"], d) for d in days)
            ]
            off = weeks_off_range(ctx, days, [(r["first_day"], r["last_day"]) for _, r in rows])
            if query.period.date_range and off is not None:
                return refusal(off)  # "vanaf 21/09 t.e.m. 30 september": no week runs to 30/09
        elif months:
            rows = [(line, r) for line, r in rows if r["first_day"].month in months]
        if query.period.years:
            years = set(query.period.years)
            rows = [(line, r) for line, r in rows if {r["first_day"].year, r["last_day"].year} & years]
        index = query.period.week_index
        if index is not None and rows:
            # "de eerste campagneweek", "de laatste week": that one week of those given
            position = index - 1 if index > 0 else index
            rows = [rows[position]] if -len(rows) <= position < len(rows) else []
        if query.names:
            # "na de post van Jamie-Lee-Six": only the weeks the source ties to that name
            tied = [(line, r) for line, r in rows if names_in(query.names, f"{line} {r.get('note') or ''}")]
            # (weeks named by their dates are those weeks, when the name is tied to one of them:
            # "in de weken van 21/09 en 28/09, na de vlog van JustNicolas")
            rows = (rows if tied else []) if query.period.date is not None else tied
            if rows and query.period.date is None and query.week_count is not None and query.week_count > 1:
                # "de twee weken vanaf het filmpje van JustNicolas": that week and the next ones
                first = every.index(rows[0])
                rows = every[first : first + query.week_count]
                if len(rows) < query.week_count:
                    return refusal(weeks_miscounted(ctx, query.week_count, [r for _, r in rows]))
        caused = caused_by(ctx, query.masked, [r for _, r in rows])
        if rows and caused:
            # "hoeveel nieuwe oproepers kwamen er via de vlog?": the weeks count who came, never why
            offered = " ".join(line for line, _ in rows)
            said = ctx.texts("lookup_no_cause", label=ctx.label("metric", asked_metric), cause=caused)
            return refusal(f"{said} {offered}")
        summary = next((r["summed_from"] for _, r in lines if r.get("summed_from")), None)
        if rows and summary and len(rows) > 1:
            # the weeks answered added up (the sum of every week stood next to one week)
            total = dutch.number(sum(r["value"] for _, r in rows))
            rows = [*rows, (spec.templates[f"{summary}_totaal"].format(total=total), rows[0][1])]
        if rows and query.claim is not None and not query.claim.percent:
            # "klopt het dat er in de twee weken na de vlog 20 nieuwe oproepers bijkwamen?": the
            # weeks asked added up, against the claim (each week was listed, nothing checked)
            value = sum(Decimal(r["value"]) for _, r in rows)
            right = compare(query.claim.comparator, value, query.claim.value)
            verdict = fmt(
                ctx.texts("claim_right" if right else "claim_wrong"),
                value=dutch.number(value),
                unit=ctx.label("metric", asked_metric),
                claimed=dutch.number(query.claim.value),
            )
            lines_said = " ".join(line for line, _ in rows)
            return finish(ctx, f"{verdict} {lines_said}", [r for _, r in rows], answered=True)
        if rows:
            return finish(ctx, " ".join(line for line, _ in rows), [r for _, r in rows], answered=True)
        if any(r.get("metric") == asked_metric for _, r in lines):
            label = ctx.label("metric", asked_metric)
            return refusal(ctx.texts("lookup_no_period", label=label))
    # the names of the facts the question writes, also in lower case ("justnicolas")
    known_names = {n.lower() for line, _ in lines for n in _NAME.findall(line)}
    names = list(query.names) or [w for w in query.masked.split() if w in known_names]
    if _AND_OTHERS.search(query.masked):
        names = []  # "de filmpjes van JustNicolas en co": theirs and the others', not one name's
    matching = [(line, r) for line, r in matching if all(n in line.lower() for n in names)]
    if query.period.months and "months" not in query.from_context:
        # "hoeveel posts ... als je die van oktober meetelt": a count of September is no answer
        matching = [(line, r) for line, r in matching if _in_months(r, query.period.months)]
    unit_asked = (
        _names_a_unit(ctx, query, fact_units)
        and counted is None
        and not query.masked.startswith(("welke", "wie"))
    )
    counts = query.count_question or query.claim is not None or query.counted_metric is not None or unit_asked
    if len(matching) == 1 and counts and query.claim is None:
        # "hoeveel views had de post van de tweede vlogger?": a part of what the fact counts
        # (the views of all vlogs and the post together were given as that one's)
        words = query.masked.split()
        told = _folded(matching[0][0])
        parts = [
            " ".join(words[i : i + 2])
            for i, w in enumerate(words)
            if w in ctx.lexicon.ordinals and w not in told
        ]
        # "hoeveel views had de instagrampost op zich?": one of the things the fact counts together
        parts += _one_of_together(words, matching[0][0])
        if (
            not parts
            and not names
            and _ONE_PERSON.search(query.masked)
            and _TOGETHER.search(matching[0][0].lower())
        ):
            parts = ["influencer"]  # "hoeveel views haalde hij?" with nobody told before
        if parts:
            return refusal(f"{ctx.texts('lookup_no_part', what=dutch.join(parts))} {matching[0][0]}")
    if len(matching) == 1 and counts:  # "welke influencer ...?" asks no count of influencers
        line, row = matching[0]
        text = line
        if query.claim is not None:
            value = Decimal(row["value"])
            claimed = query.claim.value
            text = (
                (
                    fmt(
                        spec.templates.get("premisse_juist", ctx.texts("claim_right")),
                        value=dutch.number(value),
                        unit=row["unit"],
                    )
                    if claimed == value
                    else fmt(
                        spec.templates.get("premisse_fout", ctx.texts("claim_wrong")),
                        value=dutch.number(value),
                        unit=row["unit"],
                        claimed=dutch.number(claimed),
                    )
                )
                + " "
                + line
            )
        return finish(ctx, text, [row], answered=True)
    if not (query.count_question or (unit_asked and names)):
        return None
    about = [line for line, r in lines if names and any(n in line.lower() for n in names)]
    known = " ".join(about[:2]) if about else ""
    measure = query.counted_metric or query.metric
    what = f"‘{counted}’" if counted else ctx.label("metric", measure) if measure else "dat"
    text = ctx.texts("lookup_no_count", what=what)
    return refusal(f"{text} {known}".strip())


# "de vlogs en de Instagrampost": two things a fact counts together
_TOGETHER = re.compile(r"(?:de |het )?([a-z][\w-]{3,}) en (?:de |het )?([a-z][\w-]{3,})")
# "hoeveel views haalde hij?": one person (the views of all together were given as his)
_ONE_PERSON = re.compile(
    r"(?<![\w])hij(?![\w])|(?<![\w])(?:haalde|had|heeft|kreeg|haalt|behaalde|bereikte) (?:zij|ze)(?![\w])"
)
# "de instagrampost op zich": one thing apart from what it is counted with
_ON_ITS_OWN = re.compile(r"(?<![\w])(?:alleen|enkel|op zich|an sich|apart|afzonderlijk|zelf|los)(?![\w])")


def _one_of_together(words: list[str], line: str) -> list[str]:
    """The one of two things a fact counts together that the question names without the other,
    by its own name ("de instagrampost") or apart ("de vlogs alone"): its figure is not in the
    fact. (A group named without "alone", "de vlogs", is how people name the whole campaign.)"""
    # ("hoeveel views haalde haar post?": one post, pointed at, is apart from the vlogs)
    apart = (
        _ON_ITS_OWN.search(" ".join(words)) is not None
        or ONE_THING_POINTED.search(" ".join(words)) is not None
    )
    for pair in _TOGETHER.findall(line.lower()):
        named = [p for p in pair if any(len(w) >= 4 and (w in p or stems_match(w, p)) for w in words)]
        own_name = [p for p in named if p in words and not p.endswith("s")]
        if len(named) == 1 and (apart or own_name):
            return named
    return []


def _years_of(line: str, row: Row) -> set[int]:
    """The years a fact is of: those of its dates, and those its sentence names."""
    years = {int(y) for y in _YEAR.findall(line)}
    for value in row.values():
        if isinstance(value, date):
            years.add(value.year)
        elif isinstance(value, str) and (m := re.match(r"(\d{4})(?:-|$)", value)):
            years.add(int(m.group(1)))
    return years


def _in_months(row: Row, months: tuple[int, ...]) -> bool:
    """Is a fact of one of these months (a fact without a month date is of none)?"""
    parts = str(row.get("date") or "").split("-")
    return len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) in months


def _closest(query: Query, lines: list[tuple[str, Row]]) -> list[tuple[str, Row]]:
    """The facts ordered by how many words they share with the question (the source's order
    among equals), so that the answer comes first and the details after it."""
    words = [w for w in query.masked.split() if len(w) > 3]
    # the period is masked out of the question's words, but a fact may name it ("in oktober")
    words += [dutch.month_name(m) for m in query.period.months] + [str(y) for y in query.period.years]
    day = query.period.date
    scored = []
    for index, (line, row) in enumerate(lines):
        found = re.findall(r"[a-z0-9]+", line.lower())
        score = sum(1 for w in words if any(stems_match(w, x) for x in found))
        dated = _FULL_DATE.fullmatch(str(row.get("date") or ""))
        if day is not None and dated and (int(dated.group(2)), int(dated.group(3))) == (day[1], day[0]):
            score += len(words)  # "wie vermeldde de chat op 21 september?": the fact of that day first
        scored.append((-score, index))
    return [lines[i] for _, i in sorted(scored)]
