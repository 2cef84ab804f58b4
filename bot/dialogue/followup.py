"""Follow-ups: when a question takes parts of the previous one, and which.

A follow-up is a question that lacks what it needs: it starts like one ("en in juni?", "en van
Awel?", "ok, en september dan?"), has nothing but slots ("juni?"), points back ("hoeveel was dat
vorig jaar?"), or asks a calculation without naming a figure ("hoeveel is dat samen?",
"gemiddeld?"). A self-contained question never inherits period, calculation, helpline or form.
The merge rules below are explicit, and the parts taken from the previous question are listed in
`Query.from_context`, so the reply can say so.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import replace

from bot.model import Chain, Claim, Context, Period, Query, Threshold
from bot.understand.reading import ONE_THING_POINTED, QUESTION_WORDS
from bot.understand.slots import Slots

# A question word makes a question of its own ("hoeveel doorverwijzingen kwamen van Awel?").
_QUESTION_WORD = re.compile(rf"^(?:{'|'.join((*QUESTION_WORDS, 'geef', 'toon'))})\b")
# "hoeveel meer had 2019 dan?": a comparison whose other side is the figure before
_THAN_NOTHING = re.compile(r"(?<![\w])(?:dan|als)\s*$")
# a comparison that names what it is set against ("dan in 2020", "tegenover april")
_THAN = re.compile(r"(?<![\w])(?:dan|als|tegenover|vergeleken|versus|vs|t ?o ?v|ten opzichte)(?![\w])")
# "en welke influencer volgt nog?": a question of its own, wherever its question word stands
_ANY_QUESTION_WORD = re.compile(rf"(?<![\w])(?:{'|'.join(QUESTION_WORDS)})(?![\w])")
# Calculations over several months: after a question about one month, "gemiddeld?" or "welke
# maand was het drukst?" is about the whole period instead.
_OVER_MONTHS = ("gemiddelde", "mediaan", "hoogste", "laagste", "per_maand")


# "haar", "hem": a person the answer before named
_PERSON_POINTED = re.compile(r"(?<![\w])(?:haar|hem|zij|hij)(?![\w])")


def _points_at_one(masked: str) -> bool:
    """ "haar", "die post": a person or a thing pointed at (a name the answer before told)."""
    return _PERSON_POINTED.search(masked) is not None or ONE_THING_POINTED.search(masked) is not None


# the unit of a bare count ("hoeveel keer?", "hoeveel maal?"): it names nothing of its own
_TIMES = frozenset({"keer", "maal", "keren"})


def is_followup(slots: Slots, context: Context | None, figures_intent: bool) -> bool:
    """Does this question take parts of the previous one? `figures_intent`: the previous
    question was answered with figures of a metric."""
    if context is None or context.query is None or not context.intent or slots.fresh:
        return False
    names_measure = bool(slots.metrics or slots.categories or slots.dimensions)
    names_period = bool(slots.years or slots.months or slots.date or slots.relative_year is not None)
    if slots.followup or slots.points_back or slots.helpline_pointed or slots.quarter_pointed:
        return True
    if slots.day_pointed and not (slots.weekdays or slots.date or slots.dates):
        return True  # "hoeveel uur is de chat die dag open?": the day asked or told before
    if slots.added and not (slots.metrics or slots.categories or slots.dimensions):
        return True  # "tel de JAC-chat er ook bij": to the figure before (the one named was given alone)
    asks = slots.count_question or _QUESTION_WORD.search(slots.masked) is not None
    splits_before = {split for split, _ in context.query.categories}
    if (
        slots.added
        and (slots.anaphora or not asks)
        and slots.categories
        and not slots.metrics
        and {split for split, _ in slots.categories} <= splits_before
    ):
        return True  # "tel daar 15-18 jaar bij" after 12-15 jaar: a group of the same split, to it
    if (
        slots.anaphora
        and context.query.found_helplines
        and not (slots.helplines or slots.excluded_helplines or slots.all_helplines)
        and slots.metrics in ([], [context.query.metric])
    ):
        # "hoeveel doorverwijzingen had die in juni?" after "welke hulplijn verwees het vaakst
        # door?": the helpline found (every helpline's June was given)
        return True
    if not slots.content and not names_measure:
        return True  # "juni?", "en van awel?": nothing but what changes
    short = len(slots.masked.split()) <= 3
    ranked = context.query.operation in ("hoogste", "laagste") or context.query.top_n is not None
    if slots.rank_position is not None and ranked and not names_measure:
        return True  # "welke staat op de tweede plaats?" after a ranking: a place in it
    if short and not names_measure and all(w in QUESTION_WORDS for w in slots.content):
        return True  # "tot wanneer?", "en waarom?": a question word about what was asked before
    if (
        short
        and slots.count_question
        and not names_measure
        and not names_period
        and set(slots.content) <= _TIMES
    ):
        return True  # "hoeveel keer?" after "wie verwees het meest door?": that count
    if short and slots.when_question and not names_measure and not names_period:
        return True  # "op welke datum?": the date of what was asked before
    asked_of_it = [w for w in slots.content if w not in QUESTION_WORDS]
    pointing = slots.anaphora and not names_measure and not names_period
    if pointing and len(asked_of_it) <= 1 and len(slots.content) > 1:
        return True  # "tot wanneer geldt dat?": a question word and a verb about what was asked before
    if slots.as_share_of and len(slots.metrics) == 1:
        return True  # "als percentage van het aantal gesprekken in juni?": of the figure before
    if (
        short
        and slots.percent_question
        and not names_measure
        and not names_period
        and len(slots.content) <= 1
    ):
        return True  # "procentueel?", "welk percentage?": the figure before, in percent
    if context.query.names and _PERSON_POINTED.search(slots.masked) and not names_measure:
        return True  # "welk publiek volgt haar vooral?" after the influencer named: her
    claimed = context.query.claim
    if slots.percent_question and not names_measure and not names_period and claimed and claimed.percent:
        return True  # "wat is het precieze percentage dan?" after a share claimed: that share
    if not slots.content and not names_period and (not asks or short):
        return True  # "en nieuwe oproepers?", "hoeveel nieuwkomers?": a measure alone
    if slots.aggregation == "vergelijking" and not names_period:
        return True  # "met hoeveel steeg het dan?": a comparison of what was asked before
    found = context.query.period.found_month
    if (
        slots.aggregation == "vergelijking"
        and ranked
        and found is not None
        and len(slots.months) == 1
        and slots.years in ([], [found[0]])
        and slots.relative_year is None
    ):
        return True  # "hoeveel bezoekers minder waren er in juli?" after the busiest month: than it
    before_period = context.query.period
    one_point_before = context.query.operation is None and (
        (len(before_period.years) == 1 and not before_period.months)
        or (len(before_period.months) == 1 and len(before_period.years) <= 1)
    )
    one_point_now = (len(slots.years) == 1 and not slots.months) or (
        len(slots.months) == 1 and len(slots.years) <= 1
    )
    if (
        slots.aggregation == "vergelijking"
        and one_point_before
        and one_point_now
        and bool(slots.months) == bool(before_period.months)
        and slots.metrics in ([], [context.query.metric])
        and not slots.helplines
        and not _THAN.search(slots.masked)
        and slots.relative_year is None
    ):
        # "hoeveel meer gesprekken in 2019?" after heel 2015: that year against the one asked
        # before (2019 was set against 2020)
        return True
    if slots.aggregation == "vergelijking" and _THAN_NOTHING.search(slots.masked):
        return True  # "hoeveel gesprekken meer had 2019 dan?": than the figure asked before
    if slots.then_after and not names_period and figures_intent:
        return True  # "hoeveel gesprekken per nieuwe oproeper dan?": in the period asked before
    if slots.per_metric and slots.anaphora and not names_period and figures_intent:
        return True  # "hoeveel gesprekken per nieuwe oproeper geeft dat?": of the figures before
    if slots.year_shift is not None or slots.month_shift is not None or slots.week_shift is not None:
        return True
    before = context.query
    turned_from = context.chain.measure_before
    if (
        turned_from is not None
        and not names_period
        and (slots.percent_question or slots.per_metric or slots.aggregation == "vergelijking")
        and set(slots.metrics) == {turned_from, context.chain.metric}
    ):
        # "bezoekers april", "en nieuwe oproepers april 2020", "welk percentage van de bezoekers
        # is een nieuwe oproeper?": the two measures just asked, of the period they were asked for
        # (the whole period was given)
        return True
    if (
        context.same_message
        and names_measure
        and not names_period
        and before.period.named
        and before.operation in (None, "totaal")
        and not slots.helplines
    ):
        # "hoeveel nieuwe oproepers in maart, en hoeveel unieke bezoekers?": a second question of
        # the same message takes the period of the first (the whole period was given)
        return True
    if (
        figures_intent
        and not names_measure
        and not slots.weekdays
        and (slots.years or slots.months or slots.aggregation or slots.relative_year is not None)
    ):
        return True  # "wat was het maandgemiddelde van 2019 dan?": still about that figure
    return bool(
        slots.anaphora
        and not names_measure
        and (
            slots.years
            or slots.months
            or slots.relative_year is not None
            or slots.aggregation
            or slots.count_question
        )
    )


def merge(previous: Query, new: Query, slots: Slots, chain: Chain) -> Query:
    """The follow-up `new` completed with the parts of `previous` it does not name itself."""
    taken: list[str] = []
    if (
        new.percent_question
        and _asks_nothing_else(new)
        and not (new.metric or new.categories or new.helplines or new.base_metric or new.period.named)
        and not (slots.anaphora or slots.points_back)
        and (len(set(chain.points)) == 2 or len(set(chain.years)) == 2)
    ):
        # "april 2019?", "en april 2020?", "en procentueel?": the change from the one to the other
        # in percent (the last month was given as a share of its year)
        new = replace(new, operation="vergelijking", operations=("vergelijking",))
    if previous.threshold_metric and new.metric == previous.threshold_metric and (new.threshold or new.claim):
        # "sorry, strikt meer dan 100 gesprekken" after referrals in the months with at least 100
        # conversations: the threshold corrected, of its own measure (the conversations were given)
        new = replace(new, metric=None, metrics=(), counted_metric=None)
    metric = new.metric
    if metric is None and previous.metric is not None:
        metric, metrics = previous.metric, previous.metrics
        taken.append("metric")
    else:
        metrics = new.metrics
    if (
        new.base_metric
        and new.metrics == (new.base_metric,)
        and previous.metric not in (None, new.base_metric)
        # ("in procent van de bezoekers": a fragment, asking no question of its own)
        and (
            slots.points_back
            or slots.anaphora
            or slots.as_share_of
            or not any(w in QUESTION_WORDS for w in slots.masked.split())
        )
    ):
        # "hoeveel procent van die bezoekers is dat?": the figure before, as a share of the
        # measure named
        metric, metrics = previous.metric, (previous.metric, new.base_metric)
        taken.append("metric")
    if (
        new.per_metric is not None
        and new.metrics == (new.per_metric,)
        and previous.metric not in (None, new.per_metric)
        and (slots.anaphora or slots.points_back or slots.divided)
    ):
        # "Deel dat eens door het aantal nieuwe oproepers" after the conversations: that figure
        # divided by the measure named (the new callers were given alone)
        metric, metrics = previous.metric, (previous.metric, new.per_metric)
        taken.append("metric")
    base_before = None
    if (
        new.percent_question
        and not new.base_metric
        and slots.points_back
        and new.metric is not None
        and previous.metric not in (None, new.metric)
    ):
        # "welk percentage daarvan was een nieuwe oproeper?" after the visitors: the measure
        # named, as a share of the measure before
        base_before = previous.metric
        metrics = (new.metric, previous.metric)
    if (
        new.percent_question
        and not new.base_metric
        and new.measure_against is not None
        and (slots.anaphora or slots.points_back)
        and previous.metric not in (None, new.measure_against)
    ):
        # "zet dat af tegen de bezoekers: hoeveel procent is dat?" after the unanswered callers:
        # the figure before as a share of the measure named (the other way round was given)
        base_before = new.measure_against
        metric, metrics = previous.metric, (previous.metric, new.measure_against)
        new = replace(new, measure_against=None)
        taken.append("metric")
    compared_before: tuple[str, ...] = ()
    if (
        new.measure_against is not None
        and previous.metric not in (None, new.measure_against)
        and len(set(previous.metrics)) <= 1
        and len(previous.period.years) <= 1
        and not new.period.named
    ):
        # "wat is het verschil met het aantal nieuwe oproepers?" after conversations in June: the
        # two measures of that period set against each other (the callers of two years were)
        compared_before = (previous.metric, new.measure_against)
        metric, metrics = previous.metric, compared_before
        taken.append("metric")
    both = BOTH_BACK.search(new.masked) is not None
    turned = chain.measure_before
    if (
        not compared_before
        and new.operation == "vergelijking"
        and both
        and turned not in (None, previous.metric)
        and not (new.metric or new.period.named)
        and previous.metric is not None
    ):
        # "wat is het verschil tussen beide?" after conversations and then new callers of one
        # period: the two measures set against each other (the new callers of two years were)
        assert turned is not None
        compared_before = (turned, previous.metric)
        metric, metrics = turned, compared_before
        taken.append("metric")
    divided_by = None
    if (
        not compared_before
        and slots.divided
        and turned not in (None, previous.metric)
        and not (new.metric or new.period.named)
        and previous.metric is not None
        and len(set(previous.metrics)) <= 1
        and len(previous.period.years) <= 1
    ):
        # "deel het eerste door het tweede" after conversations and then new callers of one
        # period: the one measure divided by the other, in the order asked (the new callers of
        # two years were set against each other)
        assert turned is not None
        first, second = (
            (previous.metric, turned) if _SECOND_FIRST.search(new.masked) else (turned, previous.metric)
        )
        metric, metrics, divided_by = first, (first, second), second
        new = replace(new, ratio_question=False, operation=None, operations=())
        taken.append("metric")
    operation = new.operation
    # a share asked after a sum is a share of that period, not of a sum ("alle lijnen samen")
    # (but the sum of helplines named is what "welk percentage ... is dat?" is about)
    share_of_sum = new.percent_question and previous.operation == "totaal" and len(previous.helplines) < 2
    # "en de maand erna?" after "welke maand had de meeste?": about the month after the one found
    # "de maand erna", "die maand", "toen" (after "welke maand had de minste?": that month)
    # ("en in welke maand het minst? hoeveel waren het er toen?": "toen" is the month this
    # question finds, not the one found before, which the ranking was narrowed to)
    pointed = slots.month_shift is not None or slots.month_pointed or _then_points_back(new, slots)
    # ("in die maanden" after a list of months: those months, not the condition that listed them)
    from_found = (pointed and not previous.period.months and previous.period.found_month is not None) or (
        slots.months_pointed and bool(previous.period.found_months)
    )
    # "en nieuwe oproepers per maand?" after "gemiddeld aantal gesprekken per maand": the same
    # unit of the average again, not a month-by-month list
    average_again = (
        new.operations == ("per_maand",) and previous.operation == "gemiddelde" and previous.per_month
    )
    if average_again:
        operation = None
    # "en per maand gemiddeld?" after the difference between two periods: the difference of their
    # monthly averages (each average was given alone)
    averages_compared = (
        new.operation == "gemiddelde" and previous.operation == "vergelijking" and _asks_nothing_but(new)
    )
    if averages_compared:
        operation = "vergelijking"
    if (
        operation is None
        and previous.operation is not None
        and not _names_other_point(new, previous)
        and not share_of_sum
        and not from_found
        and not (slots.helpline_pointed and previous.found_helplines)  # "die lijn": the one found
        # ("en de rest?" after the largest group: the others, not the ranking again)
        and not (slots.rest and previous.categories and previous.operation in ("hoogste", "laagste"))
        # ("in hoeveel maanden lag het boven dat gemiddelde?": months past the mean, no mean again)
        and not (new.threshold is not None and new.threshold.of_average)
        # ("hoeveel gesprekken per nieuwe oproeper is dat?" after monthly averages: the ratio of
        # the two, whose months cancel out; no ratio per month was asked)
        and not (new.per_metric and not previous.per_metric)
        # ("en hoeveel gesprekken had de chat in die maand?" after the helplines ranked by their
        # referrals: that month's count of the measure named, no ranking of helplines)
        and not (
            previous.operation == "per_hulplijn"
            and new.count_question
            and new.metric not in (None, previous.metric)
            and not new.helplines
        )
    ):
        operation = previous.operation
        taken.append("operation")
    ranks_listed = (
        previous.operation == "per_hulplijn"
        and new.operation in ("hoogste", "laagste")
        and not slots.per_month
        and not new.period.named
    )
    if ranks_listed:
        # "welke daarvan het meest?", "en welke het minst?" after "welke hulplijnen verwezen in
        # juli door?": the helplines listed, ranked, in that period (it ranked the months of
        # every period)
        operation = "per_hulplijn"
    helplines = new.helplines
    excluded_helplines = new.excluded_helplines
    same_measure = new.metric is None or new.metric == previous.metric
    # ("het totaal die maand" after a helpline: every helpline's, each listed)
    whole = _WHOLE_TOTAL.search(new.masked) is not None
    if slots.helpline_pointed and not helplines and (previous.found_helplines or previous.helplines):
        # "hoeveel gesprekken voerde die lijn zelf?" after "welke hulplijn verwijst het meest
        # door?": that helpline, whatever the measure (which may have no figure per helpline)
        helplines = previous.found_helplines or previous.helplines
        taken.append("helplines")
    elif slots.rest and not helplines and previous.helplines:
        # "en vanuit de andere hulplijnen?" after Awel: every helpline but Awel
        helplines, excluded_helplines = (), previous.helplines
        taken.append("helplines")
    elif not helplines and previous.helplines and same_measure and not slots.all_helplines and not whole:
        helplines = previous.helplines
        taken.append("helplines")
    elif not helplines and previous.found_helplines and same_measure and _about_the_answer(new, slots):
        # "hoeveel waren dat er in juli?" after "welke hulplijn verwees het meest door?": the
        # helpline found; a bare "en in mei?" asks the ranking again, for May
        helplines, operation = previous.found_helplines, new.operation
        taken.append("helplines")
    same_metric = metric == chain.metric
    # ("hoeveel procent van alle doorverwijzingen in april kwam van die twee samen?": the two
    # helplines pointed at, whatever period it names; April's whole was given as a share)
    pointed_two = (slots.anaphora or slots.points_back) and "totaal" in new.operations
    if (
        (new.operation in ("totaal", "vergelijking") or pointed_two)
        and not new.helplines
        and same_metric
        and len(chain.helplines) > 1
        and (not new.period.named or pointed_two)
        and not whole
    ):
        helplines = chain.helplines  # "en die twee samen?" after two helplines
    before = chain.helplines if same_metric and chain.helplines else previous.helplines
    if (
        new.helplines
        and slots.added
        and same_metric
        and before
        and not set(new.helplines) <= set(before)
        and not new.excluded_helplines
    ):
        # "en als je de JAC-chat erbij telt?" after the CLB-chat, "tel daar Awel bij: hoeveel is
        # dat samen?" after two: the helplines before and the one named, added up (the one
        # named was given alone)
        helplines = tuple(dict.fromkeys((*before, *new.helplines)))
        operation = "totaal"
    period = _merge_period(previous, new, slots, chain if same_metric else Chain(), operation)
    period = _share_of_a_whole_named(previous, new, slots, period)
    shares_over_years = (
        new.operation == "vergelijking"
        and previous.percent_question
        and bool(previous.period.inner_months)
        and not new.period.named
        and same_metric
        and len(chain.years) >= 2
    )
    if shares_over_years:
        # "verschil in procentpunt?" after April's share of jan-sep in 2019 and then in 2020: the
        # two shares (the two years' totals were compared)
        period = replace(
            period, years=tuple(sorted(chain.years[-2:])), inner_months=previous.period.inner_months
        )
    if slots.added and (period.points or len(period.years) > 1) and new.operation is None:
        operation = "totaal"  # "en met september erbij?", "en samen met 2020?": added up
    if period.years != new.period.years and not new.period.years and not new.period.relative_year:
        taken.append("years")
    if period.months != new.period.months and not new.period.months and slots.ordinal_only is None:
        taken.append("months")
    categories = new.categories or previous.categories
    dimensions = new.dimensions or previous.dimensions
    age_range = new.age_range
    if not new.categories and previous.categories:
        taken.append("categories")
    if new.operation == "vergelijking" and not (new.categories or new.age_range) and len(chain.groups) == 2:
        # "emotionele mishandeling?", "en seksueel misbruik? wat is het verschil?": those two
        categories = chain.groups
    elif new.operation == "totaal" and not (new.categories or new.age_range):
        # "12-15 jaar?", "en 15-18?", "samen?": the groups asked one by one, added up
        if len(chain.groups) > 1:
            categories = chain.groups
        elif len(chain.ages) > 1 and all(a[1] == b[0] for a, b in itertools.pairwise(chain.ages)):
            age_range = (chain.ages[0][0], chain.ages[-1][1])
        elif previous.age_range:
            age_range = previous.age_range
    elif (
        slots.added
        and len(new.categories) == 1
        and previous.categories
        and all(d == new.categories[0][0] for d, _ in previous.categories)
        and new.categories[0] not in previous.categories
    ):
        # "en als je fysieke mishandeling erbij telt?" after emotional abuse: both, added up (the
        # one named was given alone); "die twee samen met X erbij" after two asked one by one:
        # all three (only the last and X were added)
        groups_before = chain.groups if slots.anaphora and len(chain.groups) > 1 else previous.categories
        categories = tuple(dict.fromkeys((*groups_before, new.categories[0])))
        new = replace(new, operation="totaal", operations=("totaal",))
    elif new.operation == "totaal" and len(new.categories) == 1 and chain.groups and slots.followup:
        # "en 15-18? tel ze samen" after 12-15: the groups asked before and the one named, added
        # up (one group cannot be added up: it was asked back)
        named = new.categories[0]
        same_split = [g for g in chain.groups if g[0] == named[0] and g != named]
        if same_split:
            categories = (*dict.fromkeys(same_split), named)
    # "hoeveel procent daarvan is tussen 12 en 15 jaar?" after the girls: a group within a group
    # of another split, which the family refuses (the age band's share of everyone was given)
    # ("hoeveel procent van die groep is ...?", "... van die jongeren ...?": the same)
    within = _WITHIN.search(new.masked) is not None
    other_split = {d for d, _ in new.categories} - {d for d, _ in previous.categories}
    if within and previous.categories and other_split:
        categories = (*previous.categories, *new.categories)
    summed_groups: tuple[tuple[str, str], ...] = ()
    pointing = slots.points_back or slots.anaphora
    # ("en emotionele mishandeling, hoe is die veranderd tov 2019?": a year named is what the
    # group named is set against, and "die" is that group)
    if (
        new.operation == "vergelijking"
        and len(new.categories) == 1
        and pointing
        and previous.categories
        and not new.period.years
    ):
        # "is dat meer dan seksueel misbruik?" after a group (or "A en B samen"): the figure before
        # against the group named (the named group was compared with itself in another year)
        named = new.categories[0]
        if (
            named not in previous.categories
            and previous.operation == "totaal"
            and len(previous.categories) > 1
        ):
            summed_groups = previous.categories
        elif named not in previous.categories and len(previous.categories) == 1:
            categories = (*previous.categories, named)
    excluded_categories = new.excluded_categories
    if slots.rest and previous.categories and not new.categories:
        # "en de rest?" after "hoeveel procent komt met een vraag over zichzelf?": everyone else
        categories, excluded_categories = (), previous.categories
    top_n = new.top_n if new.top_n is not None or _names_a_ranked_item(new, previous) else previous.top_n
    rank_position = new.rank_position
    first_found = (
        previous.operation == "hoogste" and previous.rank_position in (None, 1) and not previous.top_n
    )
    if slots.ordinal_only is not None and previous.operation in ("hoogste", "laagste") and not rank_position:
        rank_position = slots.ordinal_only  # "en de tweede?" after "de grootste": the second place
    if first_found and new.rank_position and "totaal" in new.operations:
        # "en samen met de tweede grootste?" after "de grootste": the first ones, added up
        top_n, rank_position, operation = new.rank_position, None, "totaal"
    threshold, claim = _threshold_kept(previous, new)
    # "en op de drie andere avonden samen?" after Wednesday's hours: every day but that one
    other_days = previous.weekdays if slots.rest and not new.weekdays else ()
    merged = replace(
        new,
        intent=new.intent,
        metric=metric,
        metrics=metrics,
        helplines=helplines,
        excluded_helplines=excluded_helplines,
        categories=categories,
        excluded_categories=excluded_categories,
        summed_groups=summed_groups,
        dimensions=dimensions,
        operation=operation,
        threshold=threshold,
        threshold_metric=new.threshold_metric
        or (previous.threshold_metric if threshold is not None else None),
        claim=claim,
        # "hoeveel gesprekken per nieuwe oproeper in 2020?", "en in 2019?": the ratio again (the
        # measure of the ratio was given alone)
        per_metric=new.per_metric or divided_by or (previous.per_metric if "metric" in taken else None),
        per_scale=new.per_scale if new.per_metric else previous.per_scale if "metric" in taken else 1,
        # "van hoeveel hulplijnen kwamen er in april doorverwijzingen?", "en in augustus?": counted
        # again (the helplines were listed without their count)
        helplines_counted=new.helplines_counted
        or (previous.helplines_counted and operation == previous.operation and _asks_nothing_else(new)),
        # "en in mei?" after "welke hulplijn verwees het vaakst door in juli?": every calculation
        operations=("per_hulplijn", *new.operations)
        if ranks_listed
        # "en hoeveel scheelt dat?" after two years' monthly averages: the averages compared (the
        # totals were)
        else ("vergelijking", "gemiddelde")
        if (new.operation == "vergelijking" and previous.operation == "gemiddelde" and _asks_nothing_but(new))
        or averages_compared
        else new.operations
        if new.operations and not average_again
        else (previous.operations if operation == previous.operation else ()),
        period=period,
        age_range=age_range if age_range is not None else previous.age_range,
        top_n=top_n,
        rank_position=rank_position,
        # "en hoeveel uur per week in totaal?" after a weekday asks about the week, not the day
        # ("hoeveel uur is dat in totaal die dag?" after Wednesday: that day, not the week)
        excluded_weekdays=other_days or new.excluded_weekdays,
        # ("welk procent van de week is dat?" after Wednesday's hours: Wednesday's share of the
        # week, not the week's hours again; "hoeveel uur is dat in totaal?": that day's hours, not
        # the week's)
        weekdays=new.weekdays
        or (
            previous.weekdays
            if (new.operation is None or slots.day_pointed or (slots.anaphora and not new.period.week))
            and (not new.period.week or (new.percent_question and (slots.anaphora or slots.points_back)))
            and not other_days
            else ()
        ),
        hour=new.hour if new.hour is not None else (previous.hour if new.operation is None else None),
        day_part=new.day_part
        if new.day_part is not None
        else (previous.day_part if new.operation is None else None),
        # "en van de 1712?" after "welk deel van de doorverwijzingen kwam van Awel?": a share
        # again, of the same whole, with the same decimals
        percent_question=new.percent_question
        or shares_over_years
        or (previous.percent_question and _asks_nothing_else(new)),
        base_metric=new.base_metric or base_before or (previous.base_metric if "metric" in taken else None),
        # "en de maand erna?" after "meer gesprekken dan nieuwe oproepers in mei?": both again
        compared_metrics=new.compared_metrics
        or compared_before
        or (previous.compared_metrics if "metric" in taken else ()),
        measure_against=None if compared_before else new.measure_against,
        decimals=new.decimals if new.decimals is not None else previous.decimals,
        # ("percent": a share asked before, asked again; not this question's own word)
        from_context=tuple(
            dict.fromkeys(
                [*taken, *(["percent"] if previous.percent_question and not new.percent_question else [])]
            )
        ),
        followed_up=True,
        # "en op vrijdag?" after "hoeveel uur is de chat op maandag open?": how many again
        count_question=new.count_question
        or (
            previous.count_question
            and new.intent == previous.intent
            and _asks_nothing_else(new)
            and _ANY_QUESTION_WORD.search(slots.masked) is None
        ),
        # "hoeveel views had haar post?": the name the answer before was about ("hoeveel views
        # zijn dat?" points at the whole answer before, not at the one its first fact named)
        names=new.names or (previous.names if slots.points_back and _points_at_one(slots.masked) else ()),
        # "en het filmpje van JustNicolas apart?" after the views: views again, of that film
        # ("apart" in "en het filmpje apart?" is no calculation of its own here)
        unit_asked=new.unit_asked
        or (previous.unit_asked if not (new.metric or new.count_question or new.claim) else None),
        # "hoeveel procent daarvan gebeurde in mei?" after one helpline's total: May's part of that
        # total (May's part of every helpline's was given)
        share_within_helpline=new.share_within_helpline
        or (
            new.percent_question
            and _WITHIN.search(new.masked) is not None
            and len(previous.helplines) == 1
            and not new.helplines
            and not previous.percent_question
            and bool(new.period.months)
        ),
    )
    return merged


def _share_of_a_whole_named(previous: Query, new: Query, slots: Slots, period: Period) -> Period:
    """ "hoeveel procent is dat van het totaal januari-september 2020?" after one month: that
    month (the "dat") as a part of the period named, not the period as a share of itself; "die
    twee maanden samen" after two months of one year: those months."""
    before, named = previous.period, new.period
    same_whole = not named.years or set(named.years) == set(before.years)
    if (
        before.inner_months
        and previous.percent_question
        and named.months
        and set(named.months) < set(before.months)
        and same_whole
        and _asks_nothing_else(new)
        and (new.metric is None or new.metric == previous.metric)
    ):
        # "en augustus?" after July's share of June-August: August, of the same whole (its share
        # of the whole year was given)
        return replace(period, months=before.months, inner_months=named.months, span=True)
    if (
        before.inner_months
        and previous.percent_question
        and named.years
        and not named.months
        and _asks_nothing_else(new)
        and (new.metric is None or new.metric == previous.metric)
    ):
        # "en in 2019?" after July's share of June-August 2020: July's share of June-August 2019
        # (the three months' share of 2019 was given)
        return replace(period, months=before.months, inner_months=before.inner_months, span=True)
    if not (new.percent_question and (slots.anaphora or slots.points_back)) or named.inner_months:
        return period
    day = before.date
    if day is not None and not before.one_day and len(named.months) == 1 and not named.date:
        # "welk percentage van alle nieuwe oproepers in september is dat?" after the week of 21/09:
        # that week as a part of the month named (September was given as a part of its year)
        return replace(before, years=named.years or before.years, months=named.months)
    if not before.months or len(before.years) > 1 or named.points:
        return period
    same_year = not named.years or not before.years or set(named.years) == set(before.years)
    if not same_year or (new.metric is not None and new.metric != previous.metric):
        return period
    if len(named.months) > len(before.months) and set(before.months) < set(named.months):
        return replace(period, inner_months=before.months, years=named.years or before.years)
    if named.months and set(named.months) < set(before.months):
        # "welk deel daarvan viel in juli?" after July and August together: July as a part of
        # them (July's share of its whole year was given)
        return replace(
            period,
            months=before.months,
            inner_months=named.months,
            years=named.years or before.years,
            span=True,
        )
    return period


def _threshold_kept(previous: Query, new: Query) -> tuple[Threshold | None, Claim | None]:
    """ "welke maanden boven de 80?", "en in 2019?": the months past that value in 2019 (the year's
    total was given); "sorry, 80 of meer" or "en boven de 100?": those months with the new value
    (read as a claim about the total, and confirmed)."""
    before = previous.threshold
    if before is None or before.first or new.threshold is not None:
        return new.threshold, new.claim
    claim = new.claim
    if claim is not None and not claim.percent and claim.comparator != "=" and not new.premise:
        return Threshold(claim.comparator, claim.value), None
    if claim is None and new.operation is None and not (new.count_question or new.percent_question):
        return before, None
    return new.threshold, new.claim


def _about_the_answer(new: Query, slots: Slots) -> bool:
    """Does the follow-up ask about what the answer before found (a count, "die", "daar")?"""
    return new.count_question or slots.anaphora or slots.points_back


def _then_points_back(new: Query, slots: Slots) -> bool:
    """Does "toen" point at the month found before? Not in a question that finds its own ("en in
    welke maand het minst? hoeveel waren het er toen?": the ranking was narrowed to the month
    found before)."""
    return slots.then_pointed and new.operation not in ("hoogste", "laagste")


# "hoeveel was het totaal die maand?" after two helplines one by one: every helpline's, not
# the two added up (unless "samen", "die twee" or "dat" ties the total to them)
_WHOLE_TOTAL = re.compile(
    r"^(?!.*(?<![\w])(?:samen|opgeteld|bij elkaar|die twee|de twee|beide|beiden|allebei|dat|dit)(?![\w]))"
    r".*(?<![\w])het totaal(?![\w])"
)
# "beide", "allebei", "die twee": two figures asked before
_WITHIN = re.compile(
    r"(?<![\w])(?:daarvan|van hen|ervan|hiervan|daarbinnen|(?:van|binnen|in) (?:die|deze) "
    r"(?:groep|jongeren|oproepers))(?![\w])"
)
# "deel het tweede door het eerste": the measure asked last divided by the one before it
_SECOND_FIRST = re.compile(
    r"(?<![\w])(?:het|de) (?:tweede|laatste)(?: \w+){0,3} door (?:het|de) eerste(?![\w])"
)
BOTH_BACK = re.compile(r"(?<![\w])(?:beide|beiden|allebei|die twee|de twee|tussen die)(?![\w])")


def _asks_nothing_but(new: Query) -> bool:
    """The follow-up names no measure, period, helpline or group of its own ("hoeveel scheelt dat?")."""
    return not (new.metric or new.period.named or new.helplines or new.categories)


def _asks_nothing_else(new: Query) -> bool:
    """The follow-up names no calculation, count, date or claim of its own ("en van de 1712?")."""
    return (
        new.operation is None
        and not new.count_question
        and not new.when_question
        and new.claim is None
        and new.threshold is None
    )


def _names_other_point(new: Query, previous: Query) -> bool:
    """ "en in juni?" after "welke maand was het drukst in 2020": one month is no calculation
    over months; the calculation is not carried over to it."""
    one_month = len(new.period.months) == 1 and not new.period.span
    return bool(previous.operation in _OVER_MONTHS and one_month) or _names_a_ranked_item(new, previous)


def _names_a_ranked_item(new: Query, previous: Query) -> bool:
    """ "en fysieke mishandeling?" after "wat is het meest gemelde probleem?": a group named is
    one of the groups ranked, so the ranking is not carried over to it."""
    ranked = previous.operation in ("hoogste", "laagste") or previous.top_n is not None
    return ranked and bool(new.categories)


def _merge_period(previous: Query, new: Query, slots: Slots, chain: Chain, operation: str | None) -> Period:
    old = previous.period
    p = new.period
    if p.vague and not old.found_date:
        # "en voor de lockdown?", "en eind 2020?" after May 2020: that period, which no figure
        # gives (May was given again, the words dropped)
        return p
    years = p.years
    if slots.year_shift is not None and old.years:
        years = tuple(y + slots.year_shift for y in old.years)
        if operation == "vergelijking" and len(old.years) == 1 and not previous.compared_metrics:
            years = tuple(sorted({*old.years, *years}))  # "gestegen tov het jaar ervoor?": both
    elif not p.years and p.relative_year is None and not p.all_years:
        years = old.years  # ("en augustus in beide jaren?": every year, not the one before)
    elif operation == "vergelijking" and len(p.years) == 1 and not previous.compared_metrics:
        years = tuple(sorted({*old.years, *p.years}))
    elif (
        len(p.years) == 1 and len(old.years) == 1 and p.years != old.years and BOTH_BACK.search(slots.masked)
    ):
        # "en in juni 2019? graag beide cijfers" after June 2020: both years (2019 alone was given)
        years = tuple(sorted({*old.years, *p.years}))
    relative = p.relative_year if (p.years or p.relative_year is not None) else old.relative_year
    if slots.year_shift is not None and not old.years and not p.years:
        # "en hoeveel was dat het jaar voordien?" after a share of no year named: a year before the
        # newest, the one answered (the newest was given again)
        relative = (old.relative_year or 0) + slots.year_shift
    if (
        operation == "vergelijking"
        and not p.years
        and p.relative_year is not None
        and p.relative_year < 0
        and len(old.years) == 1
        and not previous.compared_metrics
    ):
        # "met hoeveel procent is dat gestegen tov dezelfde periode vorig jaar?" after jan-sep
        # 2020: that period in 2020 against 2019 (2019's January was set against its September)
        years, relative = tuple(sorted({old.years[0], old.years[0] + p.relative_year})), None
    if p.months or p.open_from:
        months, span, open_from, order = p.months, p.span, p.open_from, p.month_order
        reference = p.reference_month
    elif p.whole_year_of and operation == "vergelijking" and old.months and p.whole_year_of not in old.years:
        # "hoeveel meer is dat dan heel 2019?" after jan-sep 2020: those months against the
        # whole year (jan-sep of both years was compared)
        months, span, open_from, order, reference = old.months, old.span, old.open_from, old.month_order, None
    elif (
        slots.all_months
        or p.whole_year
        # ("dat jaar ervoor?" after the third quarter: that quarter a year earlier)
        or (slots.year_pointed and not slots.month_pointed and slots.year_shift is None)
    ):
        # "en hoeveel nieuwe oproepers dat jaar?" after May 2019: the year, not May again
        months, span, open_from, order, reference = (), True, None, (), None
    elif (
        operation in _OVER_MONTHS
        and len(old.months) == 1
        and new.operation is not None
        # ("... die maand gemiddeld per nieuwe oproeper?": that month, which was asked back)
        and not (slots.month_pointed or new.per_metric)
    ):
        months, span, open_from, order, reference = (), False, None, (), None
    else:
        months, span, open_from, order = old.months, old.span, old.open_from, old.month_order
        reference = old.reference_month
    bounded = p.span and not p.month_order  # months up to or from a bound, none named
    if _WITHIN.search(new.masked) and old.months and bounded and set(p.months) - set(old.months):
        # "en hoeveel daarvan vóór mei?" after March-September: March and April, the part of those
        # months (January-April was refused for the months it lacks); months named are asked
        # ("hoeveel daarvan kwamen van Awel, maart en april samen?" after April: both)
        kept = tuple(m for m in p.months if m in old.months)
        months = kept or months
    summed_from = new.operation == "totaal" and p.open_from is not None
    if (slots.until_then or summed_from) and len(old.months) == 1 and not p.months:
        # "en cumulatief tot dan, vanaf maart?" after August: March to August, added up
        start, end = p.open_from or 1, old.months[0]
        if start <= end:
            months, span, open_from, order, reference = tuple(range(start, end + 1)), True, None, (), None
    points: tuple[tuple[int, int], ...] = p.points
    if (
        not p.named
        and new.operation in ("totaal", "vergelijking", "gemiddelde")
        and len(set(chain.points)) > 1
        and not new.helplines
    ):
        # "hoeveel is dat samen?" after "juli 2019" and "en in juli 2020?": the points asked
        points = tuple(dict.fromkeys(chain.points))
        if slots.chain_part is not None and slots.chain_part[1] <= len(points):
            # "tel de eerste twee op" after three months: those two (all three were added up)
            which, size = slots.chain_part
            points = points[:size] if which == "eerste" else points[-size:]
        years, months, span, open_from, order, reference = (), (), True, None, (), None
    elif (
        BOTH_BACK.search(slots.masked)
        and operation == "vergelijking"
        and len(set(chain.points)) == 2
        and len({y for y, _ in chain.points}) == 1
        and len(p.years) == 1
        and p.years[0] != chain.points[0][0]
        and set(p.months) <= {m for _, m in chain.points}
    ):
        # "tel die twee op en vergelijk met juli+augustus 2019" after July and August 2020: those
        # months added up, in both years (August of both was compared)
        years = tuple(sorted({p.years[0], chain.points[0][0]}))
        months = order = tuple(sorted({m for _, m in chain.points}))
        span, open_from, reference = True, None, None
    elif not p.named and new.operation == "totaal" and len(chain.days) > 1:
        # "week van 21/09?", "en de week erna?", "samen?": the weeks asked, added up
        return replace(p, dates=chain.days, date=chain.days[0], week=True)
    elif not p.named and operation == "vergelijking" and len(chain.years) > 1 and not chain.points:
        # "hoeveel keer zoveel is dat?" after "in 2015?" and "en in 2019?": those two years
        # (with the range of months both were asked for: "jan-sep 2019?", "en 2020?")
        kept = old.months if old.span else ()
        years, months, span, open_from, order, reference = (
            tuple(sorted(chain.years[-2:])),
            kept,
            bool(kept),
            None,
            (),
            None,
        )
    if (
        operation == "vergelijking"
        and len(p.months) == 1
        and len(old.months) == 1
        and (not p.years or set(p.years) == set(old.years))  # "dan in juli 2020" after augustus 2020
        and p.months != old.months
        and len(years) <= 1
    ):
        # "en dat was meer dan in maart?" after april: the two months side by side, against
        # the month named ("naar april" after maart: against March)
        months = (old.months[0], p.months[0])
        order, span, reference = months, False, old.months[0] if slots.month_is_target else p.months[0]
    elif (
        operation == "vergelijking"
        and len(p.months) == 1
        and len(set(old.months)) == 2
        and p.months[0] in old.months
        and (not p.years or set(p.years) == set(old.years))
        and len(years) <= 1
        and slots.year_shift is None
    ):
        # "hoeveel minder waren het er in juli?" after June and July: the month named against the
        # other one asked (July of both years was compared, a year the question had not asked)
        other = next(m for m in old.months if m != p.months[0])
        months = order = (other, p.months[0])
        span, reference = False, other
    elif (
        operation == "vergelijking"
        and len(p.months) == 1
        and len(set(chain.points)) == 2
        and len({y for y, _ in chain.points}) == 1
        and p.months[0] in {m for _, m in chain.points}
        and (not p.years or set(p.years) == {y for y, _ in chain.points})
        # ("... dan april het jaar ervoor?": the month a year earlier, not the other month)
        and slots.year_shift is None
    ):
        # "hoeveel meer in september?" after August and then "en september?": the month named
        # against the other one asked (September of two years was compared)
        other = next(m for _, m in chain.points if m != p.months[0])
        years, months = (chain.points[0][0],), (other, p.months[0])
        order, span, reference = months, False, other
    excluded = p.excluded_months
    listed = sorted(old.months) if old.span else list(old.months)
    at = slots.figure_position
    if at is not None and not p.months and len(listed) > 1 and (at == -1 or at <= len(listed)):
        # "en wat was dat laatste cijfer in 2019?" after July, August and September: September
        months, span, order, reference = (listed[at if at < 0 else at - 1],), False, (), None
    n = slots.ordinal_only
    run = sorted(old.months)
    for size in (3, 6):  # a quarter or a half year asked before: "en het tweede?"
        kind = len(run) == size and run == list(range(run[0], run[0] + size)) and run[0] % size == 1
        if n is not None and kind and 1 <= n <= 12 // size:
            months, span, order, reference = tuple(range(size * (n - 1) + 1, size * n + 1)), True, (), None
    if slots.other_months and not p.months and old.months:
        # "en in welke andere maanden?": every month but the ones asked before
        months, span, order, reference, excluded = (), False, (), None, tuple(old.months)
    found = old.found_month
    # ("welke van die maanden had het minst?", "en het verschil met diezelfde maand in 2019?": the
    # month found within the months asked, not all of them)
    ranked_within = (
        found is not None and previous.operation in ("hoogste", "laagste") and found[1] in old.months
    )
    if (
        (slots.month_pointed or _then_points_back(new, slots))
        and slots.month_shift is None
        and (not old.months or ranked_within)
        and found
        and not p.months
    ):
        # "hoeveel nieuwe oproepers waren er in die maand?" after "welke maand had de meeste?";
        # "... in die maand in 2019?": that month, of the year named
        named_year = p.years or (() if p.relative_year is not None else (found[0],))
        years, months, order, reference, span = named_year, (found[1],), (), None, False
    elif (
        operation == "vergelijking"
        # ("hoeveel bezoekers minder waren er in juli?" right after the busiest month: no pointer
        # needed, and the comparison was taken to July of two years)
        and (slots.anaphora or slots.points_back or previous.operation in ("hoogste", "laagste"))
        and p.relative_year is None
        and slots.month_shift is None
        and not old.months
        and found is not None
        and len(p.months) == 1
        and p.months[0] != found[1]
        and p.years in ((), (found[0],))
    ):
        # "hoeveel procent meer dan januari is dat?" after the busiest month: that month against
        # January of its year (January of two years was compared)
        base = p.months[0]
        years, months, order, reference, span = (
            (found[0],),
            tuple(sorted({base, found[1]})),
            (base, found[1]),
            base,
            False,
        )
    elif slots.month_shift is not None and not old.months and found is not None and not p.months:
        year, month = found
        after = month + slots.month_shift
        shifted = (after - 1) % 12 + 1
        years = (year + (after - 1) // 12,)
        if operation == "vergelijking":  # "hoeveel minder waren het de maand erna?"
            months, order, reference, span = tuple(sorted({month, shifted})), (month, shifted), month, False
        else:
            months, order, reference, span = (shifted,), (), None, False
        if years[0] != year and operation == "vergelijking":
            months, order = (shifted,), ()  # across a year: the month alone, no comparison
    elif slots.month_shift is not None and old.months:
        moved = [m + slots.month_shift for m in old.months]
        if years and all(m > 12 for m in moved):
            years = tuple(y + 1 for y in years)
        elif years and all(m < 1 for m in moved):
            years = tuple(y - 1 for y in years)
        months = tuple(sorted({(m - 1) % 12 + 1 for m in moved}))
        # (asked by the question itself: a comparison of two measures taken over is of the month
        # moved to, both measures again)
        one_before = (
            len(old.months) == 1
            and years == old.years
            and len(months) == 1
            and new.operation == "vergelijking"
            and not previous.compared_metrics
        )
        if one_before:
            # "En hoeveel minder waren het er de maand daarna?" after April 2020: May against April
            # (May of two years was compared)
            order, reference, span = (old.months[0], months[0]), old.months[0], False
            months = tuple(sorted(order))
        else:
            if slots.added and years == old.years:
                # "en samen met de maand ervoor?": the months asked before and that one, added up
                months = tuple(sorted({*old.months, *months}))
            span, reference = len(months) > 1, None
    quarters = {(x - 1) // 3 for x in old.months}
    if slots.quarter_pointed and len(quarters) == 1 and not p.months:
        # "en in hetzelfde kwartaal van 2019?" after May 2020: April to June 2019
        first = quarters.pop() * 3 + 1
        months, span, open_from, order, reference = (first, first + 1, first + 2), True, None, (), None
    if slots.months_run and len(old.months) == 1 and not p.months:
        # "en de twee maanden erna samen?" after February: March and April
        step = 1 if slots.months_run > 0 else -1
        run = [old.months[0] + step * i for i in range(1, abs(slots.months_run) + 1)]
        if all(1 <= x <= 12 for x in run):
            months, span, open_from, order, reference = tuple(sorted(run)), True, None, (), None
    if slots.added and p.years and not p.months and old.years and not new.metric:
        # "en samen met 2020?" after January-September 2019: those months of both years
        years = tuple(sorted({*old.years, *p.years}))
        months, span, open_from, order = old.months, old.span, old.open_from, old.month_order
    counted = slots.month_count or slots.counted_back
    pointed_back = slots.points_back or slots.anaphora
    asked = list(dict.fromkeys([*chain.points, *((y, x) for y in old.years for x in old.months)]))
    asked_years = {y for y, _ in asked}
    named_after = {(y, x) for y in (p.years or tuple(asked_years)) for x in p.months}
    if (
        slots.counted_back
        and p.months
        and len(asked) == slots.counted_back
        and len(asked_years) == 1
        and named_after.isdisjoint(asked)
        and {y for y, _ in named_after} == asked_years
    ):
        # "Tel die twee op en doe er september nog bij" after July and then August: the two
        # months asked and the one named (the one named took the place of one of the two)
        years, months, span, order, reference = (
            tuple(asked_years),
            tuple(sorted({x for _, x in asked} | set(p.months))),
            True,
            (),
            None,
        )
    elif counted and p.months and pointed_back and len(set(p.months)) < counted:
        # "en mei en juni? tel die drie eens op" after April: the months asked before and these
        union = tuple(sorted({*old.months, *p.months}))
        if len(union) == counted and len(old.years) <= 1:
            months, span, order, reference = union, True, (), None
    if (
        counted
        and not p.months
        and not p.named
        and pointed_back
        and len(asked) == counted
        and len(asked_years) == 1
    ):
        # "Tel die drie op." after July and then August and September: every month asked in the
        # chain (the last two were added up again)
        years, months, span, order, reference = (
            tuple(asked_years),
            tuple(sorted(x for _, x in asked)),
            True,
            (),
            None,
        )
    if slots.added and p.months and not p.points and not new.metric and not new.helplines:
        # (what "tel daar de 1712 bij, in maart?" adds is the helplines, in the month named)
        # "en samen met augustus?" after July, "en die twee samen met september erbij?" after
        # July and August: the months asked before and the one named, added up
        before = old.points or tuple(dict.fromkeys(chain.points))
        if len(before) < 2 and not old.points:
            before = tuple((y, m) for y in old.years for m in old.months)
        # (a month named without a year after months of two years: that month in each of them,
        # every one listed in the reply; only the newest year's was added)
        named_years = p.years or tuple(sorted({y for y, _ in before})) or old.years
        if before and named_years:
            added = tuple((y, m) for y in named_years for m in p.months)
            points = tuple(sorted(dict.fromkeys(before + added)))
            years, months, span, open_from, order, reference = (), (), True, None, (), None
    found_months = old.found_months
    # ("hoeveel gesprekken zijn dat samen?" after the three busiest months: those months)
    ranked_found = new.operation == "totaal" and (slots.anaphora or slots.points_back) and previous.top_n
    if (slots.months_pointed or ranked_found) and found_months and not p.named:
        # "en hoeveel nieuwe oproepers in die maanden samen?" after the months with more than 80
        # conversations: the months listed (the whole period before was taken)
        found_years = sorted({y for y, _ in found_months})
        years, span, open_from, order, reference = tuple(found_years), False, None, (), None
        months, points = (
            (tuple(sorted({x for _, x in found_months})), ()) if len(found_years) == 1 else ((), found_months)
        )
    date = p.date
    week, week_shift = p.week, 0
    pointed_week = p.week and (slots.anaphora or slots.points_back) and not (p.months or p.years)
    if date is None and pointed_week and old.found_date is not None:
        # "hoeveel nieuwe oproepers waren er in die week?" after "op welke dag vermeldde
        # JustNicolas de chat?": the week of that day (every week with figures was given)
        date, years = old.found_date, (old.found_date[2],)
    if (
        operation == "vergelijking"
        and len(old.months) == 1
        and p.span
        and len(p.month_order) == 1
        and p.months
        and p.month_order[0] == max(p.months)
        and old.months[0] < p.month_order[0]
        and not p.years
    ):
        # "Met hoeveel nam dat toe tot april?" after January: from the month asked to the one
        # named (January to April were added up, and no comparison made)
        months, order, span = (
            tuple(range(old.months[0], p.month_order[0] + 1)),
            (old.months[0], p.month_order[0]),
            True,
        )
    dates = p.dates
    year_of_week = (old.date[2] or (old.years[0] if len(old.years) == 1 else None)) if old.date else None
    if slots.week_shift is not None and slots.added and old.date is not None and year_of_week is not None:
        # "En samen met de week ervoor?" after the week of 28/09: both weeks, added up (the week
        # before was given alone)
        day, month, written_year = old.date
        moved_day = datetime.date(year_of_week, month, day) + datetime.timedelta(days=slots.week_shift)
        moved_year = written_year if moved_day.year == year_of_week else moved_day.year
        other_week = (moved_day.day, moved_day.month, moved_year)
        week, date = True, min(old.date, other_week, key=lambda d: (d[1], d[0]))
        dates = tuple(sorted((old.date, other_week), key=lambda d: (d[1], d[0])))
    elif (
        slots.added
        and old.date is not None
        and p.date is not None
        and len(p.dates) <= 1
        and p.date != old.date
    ):
        # "tel daar de week van 21 september bij op" after the week of 28/09: both weeks, added up
        # (the week named was given alone)
        dates = tuple(sorted((old.date, p.date), key=lambda d: (d[1], d[0])))
        week, date = True, dates[0]
    elif slots.week_shift is not None:
        # ("de week daarvoor" after the day a fact told: the week before that day)
        week, week_shift, date = True, slots.week_shift, old.date or old.found_date
    # "en hoeveel gesprekken waren dat?" after the new callers of a week: that week (the year's
    # total was given); a calculation of its own ("gemiddeld per maand?") leaves the week
    same_week = slots.points_back or slots.anaphora or (new.operation is None and new.metric is not None)
    if (
        date is None
        and not (p.months or p.years or p.named)
        and slots.week_shift is None
        and old.date
        and same_week
        and new.week_count is None  # ("en in beide campagneweken samen?": the weeks counted, not that one)
    ):
        date, week = old.date, old.week
    return replace(
        p,
        years=years,
        relative_year=relative,
        more_relative_years=p.more_relative_years if relative == p.relative_year else (),
        months=months,
        span=span,
        open_from=open_from,
        month_order=order,
        reference_month=reference,
        points=points,
        date=date,
        dates=dates,
        week=week,
        week_shift=week_shift,
        # ("stijging in procent" after "heel 2019" and "en heel 2020?": whole years still)
        whole_year=p.whole_year or (old.whole_year and not months and not p.named),
        excluded_months=excluded,
    )
