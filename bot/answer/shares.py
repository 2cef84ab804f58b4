"""Shares in percent: the problem categories and the profile of the callers.

The source gives these per year as a whole (one year, or two for one category), never per
month, per helpline or per week, and never as counts: a question that asks for any of those is
refused with what is available, never answered with the yearly share.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from bot.answer.common import (
    AnswerContext,
    Result,
    Row,
    claimed_percent,
    compare,
    finish,
    fmt,
    refusal,
    source_line,
)
from bot.model import Answer, Claim, Query
from bot.present import dutch
from bot.understand.intents import IntentSpec

# "welke categorie ...?": which group is asked, not a figure of one
_WHICH = re.compile(r"(?<![\w])welke?(?![\w])")
ABSOLUTE = "in absolute aantallen per categorie"


def answer_shares(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """The share family's answer (problem categories or profile, as `spec` serves)."""
    from_before = query.from_context
    if "months" in from_before:
        # "hoeveel gesprekken in juli?", "en hoeveel procent ging over emotionele mishandeling?":
        # the months of the question before are no part of a share the source gives per year
        # (it was refused as a share asked per month); nor is its measure, unless counted
        unused = ("months",) if query.count_question and not query.percent_question else ("months", "metric")
        query = replace(
            query,
            period=replace(query.period, months=(), span=False),
            from_context=tuple(x for x in query.from_context if x not in unused),
        )
        if "metric" in unused and "metric" in from_before:
            query = replace(query, metric=None, metrics=(), counted_metric=None)
    dims = list(spec.options.get("dimensions", []))
    rows = ctx.run(spec, "shares", dimension=dims)
    t = spec.templates
    if not rows:
        return Result(refusal(t["geen_cijfers"]))
    asked = [c for d, c in query.categories if d in dims]
    if (
        _inherited_group(query)
        and (query.rank_position or query.top_n or query.operation in ("hoogste", "laagste"))
        and not (query.rank_position and "vergelijking" in query.operations)
    ):
        # the group a ranking before found, taken over by a turn that ranks again ("en op de
        # derde plaats?" after "welke staat op de tweede plaats?" was read as a claim about it)
        query = replace(query, categories=())
        asked = []
    problem = _problem(ctx, spec, rows, query, asked)
    if problem is not None:
        return Result(problem)
    years = _asked_years(ctx, spec, rows, query, asked)
    if isinstance(years, Answer):
        return Result(years)
    excluded = [c for d, c in query.excluded_categories if d in dims]
    groups_asked = {d for d, c in query.categories if d in dims}
    others = [c for d, c in query.excluded_categories if d in dims and d not in groups_asked]
    if others and query.operation in (None, "totaal") and not (query.rank_position or query.top_n):
        # "hoeveel procent is geen meisje": everyone but that group, 100% minus its share
        return Result(_complement(ctx, spec, rows, others, years), query)
    if set(excluded) & set(asked):
        return Result(refusal(ctx.texts("which_sum", what=spec.short_label)))
    compared = _two_groups(ctx, spec, rows, query, asked, years)
    past = _groups_past(ctx, spec, rows, query, asked, years)
    changed_groups: list[tuple[str, str]] = []
    changed = _groups_changed(ctx, spec, rows, query, asked, changed_groups)
    if changed is not None:
        # the groups whose change was given are what "dat aandeel" asks about next
        answer, query = (
            changed,
            replace(query, categories=tuple(changed_groups), operation=None, operations=()),
        )
    elif past is not None:
        answer = past
    elif compared is not None:
        answer = compared
    elif "problematiek" not in dims:  # the profile of the callers
        ranked: list[tuple[str, str]] = []
        answer = _profile(ctx, spec, rows, query, ranked)
        split = [d for d in query.dimensions if d in dims]
        if ranked and answer.answered:
            # "in welke leeftijdsgroep zitten de meeste?": the group found is what "die groep" is
            query = replace(query, categories=tuple(ranked), operation=None, operations=())
        elif answer.answered and len(split) == 1 and not (query.categories or query.age_range or query.claim):
            # "welke leeftijdsgroepen zijn het sterkst vertegenwoordigd?", "samen?": the groups
            # listed are what a follow-up adds up (it asked which groups to add)
            groups = tuple(
                (str(r["dimension"]), str(r["category"])) for r in _latest_of_split(rows, split[0])
            )
            query = replace(query, categories=groups)
    else:
        found: list[tuple[str, str]] = []
        answer = _problems(ctx, spec, rows, query, asked, years, found)
        if found and answer.answered and query.rank_position:
            # "welke staat op de tweede plaats?": the group found is what "die" asks about next
            # ("met hoeveel procentpunt steeg die?" ranked 2019 again)
            query = replace(
                query, categories=tuple(found), rank_position=None, top_n=None, operation=None, operations=()
            )
        elif found and answer.answered:
            # "wat was de meest gemelde?": the group found, and the ranking kept, so that "en in
            # 2019?" ranks again and "scheelt dat met de derde?" sets that group against the third
            query = replace(query, categories=tuple(found))
    if query.fabrication:
        answer.text = f"{ctx.texts('fabrication')} {answer.text}"
    return Result(answer, query)


# "X en Y samen, is dat meer dan Z?": the groups before "samen" added up, against the one after
_SUM_AGAINST_ONE = re.compile(
    r"xcategorie samen(?![\w]).*(?<![\w])(?:dan|met|tegenover|als)(?: de| het)? xcategorie"
)
# "welke problematieken zitten boven de 20 procent?": a value the groups' shares are held against
_PAST = re.compile(
    r"(?<![\w])(boven|meer dan|hoger dan|onder|minder dan|lager dan|minstens|hoogstens) (?:de )?xgetal"
)
_PAST_COMPARATOR = {
    "boven": ">",
    "meer dan": ">",
    "hoger dan": ">",
    "onder": "<",
    "minder dan": "<",
    "lager dan": "<",
    "minstens": ">=",
    "hoogstens": "<=",
}


def _change_sentence(ctx: AnswerContext, template: str, first: Row, last: Row) -> str:
    """A share's change from one year to another: in points, and relative to the first share
    ("+91,7%"), both asked."""
    points = last["percent"] - first["percent"]
    relative = (
        dutch.signed_fixed(Decimal(points) * 100 / Decimal(first["percent"]), 1) + "%"
        if first["percent"]
        else ctx.texts("no_percent_change")
    )
    return fmt(
        template, first=first["year"], last=last["year"], points=dutch.signed(points), relative=relative
    )


def _groups_changed(
    ctx: AnswerContext,
    spec: IntentSpec,
    rows: list[Row],
    query: Query,
    asked: list[str],
    found: list[tuple[str, str]],
) -> Answer | None:
    """ "Welke categorie van problematiek kende in 2020 een opvallende stijging?": the groups the
    source gives for more than one year, each with its change (every share of the newest year was
    listed, and nothing said which rose); the groups are what a follow-up asks about next."""
    which = _WHICH.search(query.masked) is not None
    if asked or query.operation != "vergelijking" or not which or query.premise:
        return None
    latest = max(r["year"] for r in rows)
    by_group: dict[tuple[str, str], list[Row]] = {}
    for r in sorted(rows, key=lambda r: r["year"]):
        by_group.setdefault((r["dimension"], r["category"]), []).append(r)
    changed = [h for h in by_group.values() if len(h) > 1 and h[-1]["year"] == latest]
    if not changed:
        return None
    lines = []
    for history in changed:
        first, last = history[0], history[-1]
        change = _change_sentence(ctx, spec.templates["verschil"], first, last)
        lines.append(
            f"{dutch.capitalize(last['label'])}: {dutch.percent(first['percent'])} in {first['year']}, "
            f"{dutch.percent(last['percent'])} in {last['year']}. {change}"
        )
        found.append((str(last["dimension"]), str(last["category"])))
    said = ctx.texts("groups_changed", what=spec.short_label, count=len(changed), total=len(by_group))
    return finish(ctx, "\n".join([said, *lines]), [r for h in changed for r in h], answered=True)


# a question that asks for a share ("hoeveel procent van ...", "welk aandeel ..."), not a count
_SHARE_ASKED = re.compile(r"(?:hoeveel (?:procent|%)|welk (?:percentage|aandeel|deel))(?![\w])")


def _groups_past(
    ctx: AnswerContext, spec: IntentSpec, rows: list[Row], query: Query, asked: list[str], years: list[int]
) -> Answer | None:
    """ "hoeveel categorieën zitten boven 20%?", "welke problematieken boven de 20 procent?": the
    groups whose share passes the value, listed and counted (every share was listed instead)."""
    if asked or query.premise or len(years) > 1:
        return None
    said = _PAST.search(query.masked)
    if said is not None and query.numbers:
        comparator, value = _PAST_COMPARATOR[said.group(1)], float(query.numbers[0])
    elif query.claim is not None and query.claim.percent and query.claim.comparator != "=":
        comparator, value = query.claim.comparator, float(query.claim.value)
    else:
        return None
    year = years[0] if years else max(r["year"] for r in rows)
    current = [r for r in rows if r["year"] == year]
    dims = {d for d in query.dimensions} or {r["dimension"] for r in current}
    pool = [r for r in current if r["dimension"] in dims]
    if len({r["dimension"] for r in pool}) != 1:
        return None  # the groups of one split only: shares of different splits never compare
    hits = sorted(
        (r for r in pool if compare(comparator, Decimal(r["percent"]), Decimal(str(value)))),
        key=lambda r: -r["percent"],
    )
    condition = f"{ctx.texts.table('comparators')[comparator]} {dutch.number(Decimal(str(value)))}%"
    items = dutch.join([f"{r['label']} ({dutch.percent(r['percent'])})" for r in hits])
    text = ctx.texts(
        "groups_past" if hits else "groups_past_none",
        what=dutch.capitalize(spec.short_label),
        year=year,
        condition=condition,
        items=items,
        count=len(hits),
        total=len(pool),
    )
    if hits and _SHARE_ASKED.match(query.masked):
        # "hoeveel procent van de problemen valt in categorieën onder de 5%?": those groups'
        # shares added up (the groups were counted, 2 of 6, as if that was asked)
        text += " " + ctx.texts(
            "groups_past_sum", percent=dutch.percent(sum(Decimal(r["percent"]) for r in hits))
        )
    return finish(ctx, text, pool, answered=True)


def _two_groups(
    ctx: AnswerContext, spec: IntentSpec, rows: list[Row], query: Query, asked: list[str], years: list[int]
) -> Answer | None:
    """ "hoeveel procentpunt ligt seksueel misbruik hoger dan emotionele mishandeling?": two
    groups of one year set against each other, and the difference in percentage points (each
    share was given, the difference asked for not, or the comparison refused)."""
    summed = [c for _, c in query.summed_groups]
    if query.operation != "vergelijking" or len(years) > 1 or len(asked) != (1 if summed else 2):
        return None
    by_year: dict[int, dict[str, Row]] = {}
    for r in rows:
        by_year.setdefault(r["year"], {})[r["category"]] = r
    if summed:
        return _sum_against_group(ctx, spec, by_year, summed, asked[0], years)
    lacking = [c for c in asked if years and c not in by_year.get(years[0], {})]
    if lacking:
        # "hoeveel keer zoveel seksueel misbruik als fysieke mishandeling in 2019?": one of the
        # two has no share that year (the other's was given alone)
        labels = dutch.join([next(r["label"] for r in rows if r["category"] == c) for c in lacking])
        have = sorted({r["year"] for r in rows if r["category"] in lacking})
        return refusal(
            fmt(
                spec.templates["geen_jaar"],
                what=labels,
                years=years[0],
                have=dutch.join([str(y) for y in have]),
            )
        )
    both = [y for y in (years or sorted(by_year, reverse=True)) if set(asked) <= set(by_year.get(y, {}))]
    if not both:
        return None
    year = both[0]
    first, second = (by_year[year][c] for c in asked)
    points = abs(first["percent"] - second["percent"])
    text = ctx.texts(
        "two_groups_difference",
        first=dutch.capitalize(first["label"]),
        first_percent=dutch.percent(first["percent"]),
        second=second["label"],
        second_percent=dutch.percent(second["percent"]),
        year=year,
        points=dutch.number(points),
        unit="procentpunt" if points == 1 else "procentpunten",
    )
    if query.ratio_question:
        text += " " + factor_text(
            ctx, (first["label"], first["percent"]), (second["label"], second["percent"])
        )
    return finish(ctx, text, [first, second], answered=True)


def _sum_against_group(
    ctx: AnswerContext,
    spec: IntentSpec,
    by_year: dict[int, dict[str, Row]],
    summed: list[str],
    named: str,
    years: list[int],
) -> Answer:
    """ "is dat meer dan seksueel misbruik?" after "A en B samen": the sum of the groups before
    against the group named, in the newest year that has them all."""
    wanted = {*summed, named}
    both = [y for y in (years or sorted(by_year, reverse=True)) if wanted <= set(by_year.get(y, {}))]
    if not both:
        return refusal(ctx.texts("which_sum", what=spec.short_label))
    year = both[0]
    parts = [by_year[year][c] for c in summed]
    total = sum((Decimal(str(r["percent"])) for r in parts), Decimal(0))
    other = by_year[year][named]
    points = abs(total - Decimal(str(other["percent"])))
    text = ctx.texts(
        "two_groups_difference",
        first=dutch.capitalize(dutch.join([str(r["label"]) for r in parts]) + " samen"),
        first_percent=dutch.percent(total),
        second=other["label"],
        second_percent=dutch.percent(other["percent"]),
        year=year,
        points=dutch.number(points),
        unit="procentpunt" if points == 1 else "procentpunten",
    )
    return finish(ctx, text, [*parts, other], answered=True)


def factor_text(ctx: AnswerContext, one: tuple[str, Any], other: tuple[str, Any]) -> str:
    """ "hoeveel keer zoveel": the larger share as a multiple of the smaller one, exact when it
    has at most two decimals (23 over 12 is 1,9)."""
    (low_label, low), (high_label, high) = sorted((one, other), key=lambda pair: pair[1])
    if not low:
        return ""
    exact = Decimal(high) / Decimal(low)
    whole = exact * 100 == (exact * 100).to_integral_value()
    factor = dutch.number(exact.normalize()) if whole else dutch.fixed(exact, 1)
    return ctx.texts("factor_of", high=dutch.capitalize(str(high_label)), low=low_label, factor=factor)


def _asked_years(
    ctx: AnswerContext, spec: IntentSpec, rows: list[Row], query: Query, asked: list[str]
) -> list[int] | Answer:
    """The years asked must have shares: "het percentage meisjes in 2019" is refused when the
    source gives that share only for 2020, never answered with 2020's."""
    wanted = sorted(set(query.period.years))
    if query.period.relative_year is not None:
        latest = max(r["year"] for r in rows)
        wanted = sorted({latest + r for r in (query.period.relative_year, *query.period.more_relative_years)})
    if not wanted:
        return []
    relevant = [r for r in rows if not asked or r["category"] in asked]
    if "problematiek" not in spec.options.get("dimensions", ()) and query.dimensions:
        relevant = [r for r in relevant if r["dimension"] in query.dimensions] or relevant
    have = sorted({r["year"] for r in relevant})
    missing = [y for y in wanted if y not in have]
    if query.operation == "vergelijking" and not missing:
        return wanted
    if missing:
        what = (
            dutch.join([r["label"] for r in relevant if r["year"] == have[-1]][: len(asked) or 1])
            if asked
            else spec.templates["wat"]
        )
        return refusal(
            fmt(
                spec.templates["geen_jaar"],
                what=what,
                years=dutch.join([str(y) for y in missing]),
                have=dutch.join([str(y) for y in have]),
            )
        )
    return wanted


def _problem(
    ctx: AnswerContext, spec: IntentSpec, rows: list[Row], query: Query, asked: list[str]
) -> Answer | None:
    """A share the source does not give: a group without a figure ("jongens", "ouder dan 18"),
    a split it lacks (per month, per helpline, per age in years), a count of another metric."""
    t = spec.templates
    with_figures = {r["category"] for r in rows}
    missing = [c for c in asked if c not in with_figures]
    latest = max(r["year"] for r in rows)
    of_metric = spec.options.get("of_metric")  # the metric these shares are shares of
    if (
        query.counted_metric
        and query.counted_metric != of_metric
        and "problematiek" not in spec.options["dimensions"]
    ):
        label = ctx.label("metric", query.counted_metric)
        available = [f"{r['label']} {dutch.percent(r['percent'])}" for r in rows if r["year"] == latest]
        return refusal(
            fmt(t["geen_aantallen_profiel"], label=label, year=latest, available=dutch.join(available))
        )
    served = set(spec.options.get("dimensions", []))
    split = sorted({d for d, _ in query.categories})
    # ("en hoeveel van hen zijn 12-15 jaar?" after the girls asks the same, as a count)
    if len(split) > 1 and (query.percent_question or query.count_question) and query.operation is None:
        # "hoeveel procent zijn meisjes die met een vraag over zichzelf komen?": groups of two
        # splits at once, which the source never crosses
        groups = dutch.join([ctx.label("category", c) for _, c in query.categories])
        available = [f"{r['label']} {dutch.percent(r['percent'])}" for r in rows if r["year"] == latest]
        return refusal(fmt(t["geen_kruising"], groups=groups, year=latest, available=dutch.join(available)))
    counted = re.search(str(spec.options.get("counted", "(?!)")), query.masked) is not None
    counted_group = counted and bool(asked) and not query.percent_question and query.claim is None
    if (query.breakdown == ABSOLUTE or counted_group) and "problematiek" not in served:
        # ("hoeveel oproepers hadden een vraag over zichzelf?": a count of a group, given as its share)
        # "hoeveel oproepers waren 12-15 jaar, in aantallen?": the source gives shares only
        available = [f"{r['label']} {dutch.percent(r['percent'])}" for r in rows if r["year"] == latest]
        return refusal(fmt(t["geen_aantallen_groepen"], year=latest, available=dutch.join(available)))
    other = sorted({d for d in query.dimensions if d not in served})
    problem = None
    problems = "problematiek" in served
    if other and problems:
        problem = fmt(t["niet_naar"], other=dutch.join(other))
    elif not asked and query.unknown_topic and problems:
        problem = fmt(t["geen_categorie"], topic=query.unknown_topic)
    elif missing:
        denied = _majority_elsewhere(ctx, spec, rows, query, missing)
        if denied is not None:
            return denied
        labels = [ctx.label("category", c) for c in missing]
        problem = fmt(t["geen_cijfer_voor"], labels=dutch.join(labels))
    elif query.breakdown and query.breakdown != ABSOLUTE:
        problem = fmt(t["geen_opdeling"], breakdown=query.breakdown)
    elif query.period.months or query.period.points or query.period.date or query.period.week:
        problem = t["alleen_jaar"]
    elif query.helplines or query.excluded_helplines:
        problem = t["niet_per_hulplijn"]
    elif query.threshold is not None:
        problem = t["geen_drempel"]
    elif query.metric and query.metric != of_metric and problems and query.count_question:
        problem = fmt(t["niet_per_metriek"], label=ctx.label("metric", query.metric))
    if problem is None:
        return None
    dims = sorted(
        {r["dimension"] for r in rows if not asked or r["category"] in asked}
        | {d for d, c in query.categories if c in missing}
    )
    shown = [r for r in rows if r["dimension"] in dims] or rows
    latest = max(r["year"] for r in shown)
    available = [f"{r['label']} {dutch.percent(r['percent'])}" for r in shown if r["year"] == latest]
    text = fmt(t["weigering"], problem=problem, year=latest, available=dutch.join(available))
    return Answer(text=text, answered=False, source=source_line(ctx, shown))


def _majority_elsewhere(
    ctx: AnswerContext, spec: IntentSpec, rows: list[Row], query: Query, missing: list[str]
) -> Answer | None:
    """ "klopt het dat de meeste oproepers jongens zijn?": no figure for that group, but another
    group of its split holds more than half, so the claim is denied with that group's share."""
    if (
        not (query.premise and query.operation == "hoogste" and len(missing) == 1)
        or "meerderheid_anders" not in spec.templates
    ):
        return None
    dimension = next((d for d, c in query.categories if c == missing[0]), None)
    group = [r for r in rows if r["dimension"] == dimension]
    latest = max((r["year"] for r in group), default=None)
    most = [r for r in group if r["year"] == latest and r["percent"] > 50]
    if not most:
        return None
    text = fmt(
        spec.templates["meerderheid_anders"],
        label=most[0]["label"],
        percent=dutch.percent(most[0]["percent"]),
        year=latest,
        missing=ctx.label("category", missing[0]),
    )
    return finish(ctx, text, most, answered=True)


def _problems(
    ctx: AnswerContext,
    spec: IntentSpec,
    rows: list[Row],
    query: Query,
    asked: list[str],
    years: list[int],
    found: list[tuple[str, str]],
) -> Answer:
    """The problem categories asked; `found` gets the group a place in the ranking picked out."""
    t = spec.templates
    operation = query.operation
    # "hoeveel gesprekken gingen over seksueel misbruik?": a count the source does not give (it
    # gives shares); the share is said as what is available, the count is not answered
    # ("seksueel misbruik is 34%, hoeveel gesprekken zijn dat?": the share stated, a count asked)
    stated_share = query.claim is not None and query.claim.percent  # (its "%" asks no share)
    counted = (
        query.counted_metric is not None
        and (not query.percent_question or stated_share)
        and bool(asked)
        and (query.claim is None or stated_share)
    )
    absolute = query.breakdown == ABSOLUTE or counted
    newest = max(r["year"] for r in rows)
    # the year asked, else the newest: "het meest gemelde probleem in 2019" is about 2019
    latest = years[0] if len(years) == 1 else newest
    of_year = [r for r in rows if r["year"] == latest]
    ranks = bool(query.rank_position or query.top_n) or operation in ("hoogste", "laagste")
    if (ranks or not asked) and len(of_year) < len([r for r in rows if r["year"] == newest]):
        # a listing or ranking of a year the source gives only some categories of
        available = dutch.join([f"{r['label']} ({dutch.percent(r['percent'])})" for r in of_year])
        return refusal(fmt(t["jaar_onvolledig"], year=latest, available=available, newest=newest))
    excluded = {c for _, c in query.excluded_categories}
    current = [r for r in of_year if r["category"] not in excluded]
    lines: list[str] = []
    inherited = _inherited_group(query)
    if (
        len(asked) >= 3
        and {"totaal", "vergelijking"} <= set(query.operations)
        and _SUM_AGAINST_ONE.search(query.masked)
        and all(any(r["category"] == c for r in current) for c in asked)
    ):
        # "fysieke en emotionele mishandeling samen, is dat meer dan seksueel misbruik?": the
        # groups named first added up, against the last (each share was listed, neither done)
        summed = [r for c in asked[:-1] for r in current if r["category"] == c]
        other = next(r for r in current if r["category"] == asked[-1])
        added = sum(Decimal(r["percent"]) for r in summed)
        points = added - Decimal(other["percent"])
        sentence = fmt(
            t["samen_tegenover"],
            items=dutch.join([f"{r['label']} {dutch.percent(r['percent'])}" for r in summed]),
            total=dutch.percent(added),
            label=other["label"],
            percent=dutch.percent(other["percent"]),
            points=dutch.signed(points),
            year=latest,
        )
        lines.append(dutch.capitalize(sentence))
    elif (
        len(asked) >= 2
        and (operation == "totaal" or query.period.span or query.operation is None)
        and all(any(r["category"] == c for r in current) for c in asked)
        and operation != "vergelijking"
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
    elif len(asked) == 1 and query.rank_position and inherited and "vergelijking" in query.operations:
        # "wat was de meest gemelde?", "hoeveel procentpunten scheelt dat met de categorie op de
        # derde plaats?": the group before against the group at that place (the place was given)
        lines.append(_against_place(t, current, asked[0], query, latest))
    elif len(asked) == 1 and (query.rank_position or operation in ("hoogste", "laagste")) and not inherited:
        # "klopt het dat emotionele mishandeling de op een na grootste is?": that group's place
        lines.append(_place(t, current, asked[0], query, latest))
    elif query.rank_position and not asked:
        # "de op één na kleinste": counted from the bottom (the second largest was given)
        from_bottom = operation == "laagste"
        ordered = sorted(current, key=lambda r: r["percent"] if from_bottom else -r["percent"])
        position = int(query.rank_position)
        if position <= len(ordered):
            r = ordered[position - 1]
            found.append((str(r["dimension"]), str(r["category"])))
            lines.append(
                fmt(
                    t["plaats_van_onderen" if from_bottom else "plaats"],
                    position=position,
                    year=latest,
                    label=r["label"],
                    percent=dutch.percent(r["percent"]),
                )
            )
    elif asked and excluded and operation not in ("hoogste", "laagste") and not set(asked) & excluded:
        # "welk deel van de meldingen zonder 'andere' gaat over seksueel misbruik?": the share
        # within what is left, computed from the source's rounded shares (never the plain share)
        rest = sum(Decimal(r["percent"]) for r in current)
        places = 1 if query.decimals is None else query.decimals
        left_out = dutch.join([ctx.label("category", c) for c in sorted(excluded)])
        for r in [r for r in current if r["category"] in asked]:
            share = dutch.fixed(Decimal(r["percent"]) * 100 / rest, places) if rest else "-"
            lines.append(
                fmt(
                    t["binnen_rest"],
                    label_cap=dutch.capitalize(r["label"]),
                    percent=dutch.percent(r["percent"]),
                    year=latest,
                    excluded=left_out,
                    rest=dutch.percent(rest),
                    share=share,
                )
            )
    elif asked and operation not in ("hoogste", "laagste"):
        alone = [r for r in rows if r["category"] == asked[0]]
        if operation == "vergelijking" and len(asked) == 1 and len({r["year"] for r in alone}) < 2 and alone:
            # "is seksueel misbruik verdubbeld?" where the source gives one year: no change (the
            # share of that year was given, the comparison dropped)
            return refusal(fmt(t["geen_evolutie"], label=alone[0]["label"], year=alone[0]["year"]))
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
                if r.get("note"):
                    lines.append(fmt(t["toelichting"], note=r["note"]))
            history = sorted((r for r in rows if r["category"] == category), key=lambda r: r["year"])
            lines += [
                fmt(t["ander_jaar"], year=r["year"], percent=dutch.percent(r["percent"]))
                for r in history
                if r["year"] != latest
            ]
            if len(history) >= 2:
                first, last = history[0], history[-1]
                lines.append(_change_sentence(ctx, t["verschil"], first, last))
                if query.ratio_question:  # "is het verdubbeld?", "hoeveel keer zoveel?"
                    lines.append(
                        factor_text(
                            ctx, (str(first["year"]), first["percent"]), (str(last["year"]), last["percent"])
                        )
                    )
    elif (
        operation in ("hoogste", "laagste")
        or query.top_n
        or (operation == "vergelijking" and {"hoogste", "laagste"} <= set(query.operations))
    ):
        if excluded:
            lines.append(
                fmt(t["zonder"], labels=dutch.join([ctx.label("category", c) for c in sorted(excluded)]))
            )
        both = {"hoogste", "laagste"} <= set(query.operations) and not query.top_n
        for extreme in ("hoogste", "laagste") if both else (operation or "hoogste",):
            # "de meest en de minst gemelde": each its own line
            ordered = sorted(current, key=lambda r: -r["percent"])
            if extreme == "laagste":
                ordered = list(reversed(ordered))
            plural = set(spec.options.get("plural", [])) & set(query.masked.split())
            count = query.top_n or (len(ordered) if plural and not both else 1)
            edge = ordered[min(count, len(ordered)) - 1]["percent"]
            picked = [
                r for r in ordered if (r["percent"] >= edge if extreme != "laagste" else r["percent"] <= edge)
            ]
            items = [f"{r['label']} ({dutch.percent(r['percent'])})" for r in picked]
            if len(picked) == 1 and not both:
                # "wat was de meest gemelde?": the group found is what "dat" asks about next
                found.append((str(picked[0]["dimension"]), str(picked[0]["category"])))
            lines.append(
                fmt(t["laagste" if extreme == "laagste" else "hoogste"], year=latest, items=dutch.join(items))
            )
            if query.top_n and "totaal" in query.operations and "samen" in t:
                # "de twee grootste samen": their shares added up (one split, so they add up)
                total = dutch.percent(sum(r["percent"] for r in picked))
                lines[-1] = fmt(t["samen"], items=dutch.join(items), total=total, year=latest)
        if operation == "vergelijking" and both and current:
            # "het verschil tussen de grootste en de kleinste": in percentage points (both were
            # listed with every other group, without the difference)
            spread = max(r["percent"] for r in current) - min(r["percent"] for r in current)
            lines.append(fmt(t["verschil_uitersten"], points=dutch.number(spread)))
    else:
        listed_count = re.search(str(spec.options.get("counted", "(?!)")), query.masked)
        lines.append(fmt(t["aantal" if listed_count else "kop"], year=latest, count=len(current)))
        lines += [fmt(t["regel"], label=r["label"], percent=dutch.percent(r["percent"])) for r in current]
        lines += [
            fmt(t["ander_jaar_regel"], year=r["year"], label=r["label"], percent=dutch.percent(r["percent"]))
            for r in rows
            if r["year"] != latest
        ]
    answered = operation not in ("gemiddelde", "mediaan") and not absolute
    if operation in ("gemiddelde", "mediaan"):
        lines.insert(0, t["geen_gemiddelde"])
    if any(r["year_basis"] == "context" for r in current):
        lines.append(fmt(t["jaar_context"], year=latest))
    if absolute:
        lines.insert(0, t["geen_aantallen"])
    claim = query.claim
    if claim is not None and asked and answered:
        # a claim about the year the question names ("zat in 2019 op 12%"), else the latest
        named = query.period.years[0] if len(query.period.years) == 1 else latest
        shown = [r for r in rows if r["category"] in asked and r["year"] == named]
        if len(shown) == 1:
            lines.insert(0, _claim_sentence(ctx, t, claim, shown[0]["percent"]))
    return finish(ctx, "\n".join(lines), rows, answered=answered)


def _inherited_group(query: Query) -> bool:
    """Are the groups of the question taken from the one before, not named or claimed?"""
    return "categories" in query.from_context and query.claim is None and not query.premise


def _against_place(t: dict[str, str], current: list[Row], category: str, query: Query, year: int) -> str:
    """The group before against the group at the place asked, in percentage points."""
    ordered = sorted(current, key=lambda r: r["percent"] if query.operation == "laagste" else -r["percent"])
    mine = next(r for r in ordered if r["category"] == category)
    position = int(query.rank_position or 1)
    there = (
        [r for r in ordered if r["percent"] == ordered[position - 1]["percent"]]
        if position <= len(ordered)
        else []
    )
    if len(there) != 1:
        return _place(t, current, category, query, year)  # no one group at that place: which is there
    other = there[0]
    return fmt(
        t["verschil_plaats"],
        label_cap=dutch.capitalize(mine["label"]),
        percent=dutch.percent(mine["percent"]),
        other=other["label"],
        other_percent=dutch.percent(other["percent"]),
        position=position,
        points=dutch.number(abs(mine["percent"] - other["percent"])),
        year=year,
    )


def _place(t: dict[str, str], current: list[Row], category: str, query: Query, year: int) -> str:
    """Whether a group is at the place asked (first for "het vaakst", last for "het minst"),
    with the group that is there."""
    ordered = sorted(current, key=lambda r: -r["percent"])
    mine = next(r for r in ordered if r["category"] == category)
    place = 1 + sum(1 for r in ordered if r["percent"] > mine["percent"])
    wanted = int(query.rank_position or (len(ordered) if query.operation == "laagste" else 1))
    if query.rank_position and query.operation == "laagste":
        # "is risicosituatie de op één na kleinste?": a place counted from the bottom
        wanted = len(ordered) + 1 - int(query.rank_position)
    label, percent = mine["label"], dutch.percent(mine["percent"])
    if place == wanted:
        return fmt(t["plaats_juist"], label=label, position=place, percent=percent, year=year)
    there = [r for r in ordered if 1 + sum(1 for o in ordered if o["percent"] > r["percent"]) == wanted]
    others = dutch.join([f"{r['label']} ({dutch.percent(r['percent'])})" for r in there])
    return fmt(
        t["plaats_fout"],
        label=label,
        position=place,
        percent=percent,
        wanted=wanted,
        others=others,
        year=year,
    )


def _complement(
    ctx: AnswerContext, spec: IntentSpec, rows: list[Row], left_out: list[str], years: list[int]
) -> Answer:
    """Everyone but the groups left out, when the source gives their shares of one split."""
    t = spec.templates
    latest = years[0] if len(years) == 1 else max(r["year"] for r in rows)
    picked = [r for r in rows if r["category"] in left_out and r["year"] == latest]
    if len(picked) != len(set(left_out)) or len({r["dimension"] for r in picked}) != 1:
        labels = dutch.join([ctx.label("category", c) for c in left_out])
        available = [f"{r['label']} {dutch.percent(r['percent'])}" for r in rows if r["year"] == latest]
        problem = fmt(t["geen_cijfer_voor"], labels=labels)
        return refusal(fmt(t["weigering"], problem=problem, year=latest, available=dutch.join(available)))
    parts = dutch.join([f"{r['label']} {dutch.percent(r['percent'])}" for r in picked])
    rest = 100 - sum(r["percent"] for r in picked)
    labels = dutch.join([r["label"] for r in picked], "of")
    text = fmt(t["niet_groep"], labels=labels, percent=dutch.percent(rest), year=latest, parts=parts)
    if any(r["year_basis"] == "context" for r in picked):
        text += " " + fmt(t["jaar_context"], year=latest)
    return finish(ctx, text, picked, answered=True)


def _claim_sentence(ctx: AnswerContext, t: dict[str, str], claim: Claim, actual: Any) -> str:
    """ "Dat klopt: 80%." or "Dat klopt niet: het is 80%, niet meer dan 90%.", with the
    comparison the claim makes ("meer dan de helft")."""
    if compare(claim.comparator, Decimal(str(actual)), claim.value):
        return fmt(t["premisse_juist"], percent=dutch.percent(actual))
    if claim.approximate and abs(Decimal(str(actual)) - claim.value) <= 1:
        # "ongeveer één op zes" (16,7%) of 16%: near enough, with both said
        return ctx.texts(
            "claim_roughly", actual=dutch.percent(actual), claimed=claimed_percent(ctx.texts, claim)
        )
    return fmt(t["premisse_fout"], percent=dutch.percent(actual), claimed=claimed_percent(ctx.texts, claim))


def _age_range(t: dict[str, str], bands: list[Row], wanted: tuple[int, int]) -> tuple[str, bool] | None:
    """An age range in years against the source's age bands ("12-15", "15-18"): one band, or
    adjacent bands that together make exactly the range (their shares add up), or a refusal."""
    spans = []
    for r in bands:
        first, _, last = str(r["category"]).partition("-")
        if first.isdigit() and last.isdigit():
            spans.append((int(first), int(last), r))
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
        return fmt(t["geen_leeftijd"], low=low, high=high, listing=listing), False
    if len(inside) == 1:
        r = inside[0][2]
        return fmt(t["leeftijd_een"], percent=dutch.percent(r["percent"]), label=r["label"]), True
    total = sum(r["percent"] for _, _, r in inside)
    parts = dutch.join([f"{r['label']} ({dutch.percent(r['percent'])})" for _, _, r in inside])
    return fmt(t["leeftijd_samen"], parts=parts, total=dutch.percent(total), low=low, high=high), True


def _profile_extreme(
    ctx: AnswerContext, spec: IntentSpec, rows: list[Row], query: Query, ranked: list[tuple[str, str]]
) -> Answer | None:
    """ "in welke leeftijdsgroep zitten de meeste oproepers?": the largest group of one split, and
    the smallest only where the split's shares make up the whole (the source names the largest
    age groups only, so the smallest is not known: both groups were listed for "het kleinst")."""
    asked_dims = [d for d in query.dimensions if d in spec.options["dimensions"]]
    plural = set(spec.options.get("plural", [])) & set(query.masked.split())
    if (
        query.operation not in ("hoogste", "laagste")
        or len(asked_dims) != 1
        or query.categories
        or query.claim
        or query.top_n
        or query.rank_position
        or plural
        or "totaal" in query.operations
    ):
        return None
    split = sorted(_latest_of_split(rows, asked_dims[0]), key=lambda r: -r["percent"])
    rest = 100 - sum(r["percent"] for r in split)
    if not split or (len(split) < 2 and not (query.operation == "laagste" and rest > 0)):
        return None
    t = spec.templates
    noun = spec.options["group_nouns"][asked_dims[0]]
    listing = dutch.join([f"{r['label']} ({dutch.percent(r['percent'])})" for r in split])
    year = split[0]["year"]
    if query.operation == "laagste" and rest > 0:
        return refusal(fmt(t["kleinste_onbekend"], noun=noun, listing=listing, rest=dutch.percent(rest)))
    first, second = (split[-1], split[-2]) if query.operation == "laagste" else (split[0], split[1])
    ranked.append((str(first["dimension"]), str(first["category"])))
    text = fmt(
        t["kleinste" if query.operation == "laagste" else "grootste"],
        noun=noun,
        label=first["label"],
        percent=dutch.percent(first["percent"]),
        next_label=second["label"],
        next_percent=dutch.percent(second["percent"]),
        year=year,
    )
    if rest > 0:
        text += " " + fmt(t["rest_onverdeeld"], rest=dutch.percent(rest))
    if first["year_basis"] == "context":
        text += " " + fmt(t["jaar_context"], year=year)
    return finish(ctx, text, split, answered=True)


def _latest_of_split(rows: list[Row], dimension: str) -> list[Row]:
    """The groups of one split, in the newest year the source gives it."""
    split = [r for r in rows if r["dimension"] == dimension]
    latest = max((r["year"] for r in split), default=0)
    return [r for r in split if r["year"] == latest]


def _profile(
    ctx: AnswerContext, spec: IntentSpec, rows: list[Row], query: Query, ranked: list[tuple[str, str]]
) -> Answer:
    t = spec.templates
    asked_dims = [d for d in query.dimensions if d in spec.options["dimensions"]]
    dims = asked_dims or list(spec.options["dimensions"])
    by_dim: dict[str, list[Row]] = {}
    for r in rows:
        by_dim.setdefault(r["dimension"], []).append(r)
    lines: list[str] = []
    answered = True
    if query.age_range:
        ages = _age_range(t, by_dim.get("leeftijd", []), query.age_range)
        if ages is not None:
            text, ok = ages
            return finish(ctx, text, rows, answered=ok)
    if query.operation == "vergelijking" and len({r["year"] for r in rows}) < 2:
        # "met hoeveel procent is dat gestegen?": the profile is known for one year only
        named = ctx.texts.table("operation_named")["vergelijking"]
        problem = ctx.texts("no_operation", operation=named, what=spec.short_label)
        return refusal(ctx.texts("part_not_used", problem=problem))
    groups = {c for _, c in query.categories}
    extreme = _profile_extreme(ctx, spec, rows, query, ranked)
    if extreme is not None:
        return extreme
    if "totaal" in query.operations and query.top_n and len(query.dimensions) == 1:
        # "de twee grootste leeftijdscategorieën samen": the first ones of that split, with a
        # tie at the last place (the groups named, if any, must be those)
        ordered = sorted(_latest_of_split(rows, query.dimensions[0]), key=lambda r: -r["percent"])
        if len(ordered) < query.top_n:
            return refusal(ctx.texts("which_sum", what=spec.short_label))
        edge = ordered[query.top_n - 1]["percent"]
        first = {r["category"] for r in ordered if r["percent"] >= edge}
        if not groups or groups == first:
            groups = first
        else:
            return refusal(ctx.texts("which_sum", what=spec.short_label))
    elif "totaal" in query.operations and not groups and len(query.dimensions) == 1:
        # "welke leeftijdsgroepen zijn het sterkst vertegenwoordigd en voor welk percentage zijn
        # ze samen goed?": the groups of that split the source lists (which to add was asked)
        groups = {r["category"] for r in _latest_of_split(rows, query.dimensions[0])}
    if "totaal" in query.operations and len(groups) >= 2:
        # "12-15 en 15-18 jaar samen": groups of one split add up; of two splits they do not
        latest = max(r["year"] for r in rows)
        picked = [r for r in rows if r["category"] in groups and r["year"] == latest]
        if len(picked) != len(groups) or len({r["dimension"] for r in picked}) != 1:
            return refusal(ctx.texts("which_sum", what=spec.short_label))
        parts = dutch.join([f"{r['label']} ({dutch.percent(r['percent'])})" for r in picked])
        total = dutch.percent(sum(r["percent"] for r in picked))
        return finish(
            ctx, fmt(t["groepen_samen"], parts=parts, total=total, year=latest), picked, answered=True
        )
    if query.operation in ("gemiddelde", "mediaan"):
        lines.append(t["geen_gemiddelde"])
        dims = ["leeftijd"]
        answered = False
    shown: list[Row] = []
    for dim in dims:
        group = by_dim.get(dim, [])
        if not group:
            continue
        latest = max(r["year"] for r in group)
        group = [r for r in group if r["year"] == latest]
        shown += group
        pct = {r["category"]: dutch.percent(r["percent"]) for r in group}
        if dim == "onderwerp":
            lines.append(fmt(t["onderwerp"], **pct))
        elif dim == "leeftijd":
            bands = [f"{r['label']} ({dutch.percent(r['percent'])})" for r in group]
            lines.append(fmt(t["leeftijd"], bands=dutch.join(bands)))
        elif dim == "geslacht":
            lines.append(fmt(t["geslacht"], percent=next(iter(pct.values()))))
            lines.append(t["geen_jongens"])
    if query.claim is not None and answered:
        asked = [c for _, c in query.categories]
        picked = [r for r in shown if r["category"] in asked]
        if len(picked) == 1:
            lines.insert(0, _claim_sentence(ctx, t, query.claim, picked[0]["percent"]))
    if shown and all(r["year_basis"] == "context" for r in shown):
        lines.append(fmt(t["jaar_context"], year=max(r["year"] for r in shown)))
    return finish(ctx, " ".join(lines), rows, answered=answered)
