"""Slot extraction: what a normalised question is about, found before any intent matching.

Slots are found by patterns built from the lexicon and the database (never from a fixed list in
code), longest alias first, and each span of text is consumed once, so "12 tot 15 jaar" is an
age band and not a range of months, and "1712" is a helpline and not a claimed figure. What a
slot consumed is replaced by a placeholder in `masked`, the text the intent matcher sees: the
intents are then matched on the shape of the question ("hoeveel xmetriek in xperiode"), not on
the particular month or helpline.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bot.understand.lexicon import Entity, Lexicon

# Who is counted, when a question counts people doing something ("hoeveel jongeren ...").
_PEOPLE = frozenset(
    {
        "jongeren",
        "mensen",
        "kinderen",
        "personen",
        "tieners",
        "oproepers",
        "chatters",
        "gebruikers",
        "bezoekers",
        "meisjes",
        "jongens",
        "er",
        "keer",
    }
)
# "wat betekent het sterretje?", "waarom daalde ...?": an explanation is asked, no figure
_MEANING_QUESTION = re.compile(
    r"(?<![\w])(?:wat betekent|wat betekenen|waarom|waar ?door|hoe komt het|wat is de reden|welke reden|"
    r"waarvoor staat|wat is de verklaring|hoe verklaar|wat wil(?: [a-z]+){0,6} zeggen)(?![\w])"
    # "waar staat het sterretje ... voor?": what it stands for, the words around what is asked
    r"|(?<![\w])waar staat(?: [a-z0-9]+){1,10} voor(?![\w])"
    # a cause claimed for a figure: "klopt het dat de daling in juli door de zomervakantie komt?"
    # (the source names none; July of two years was compared)
    r"|(?<![\w])(?:door|wegens|vanwege|te wijten aan|het gevolg van|toe te schrijven aan)(?: [a-z]+){1,4} "
    r"(?:komt|kwam|komen|kwamen|veroorzaakt|verklaard)(?![\w])"
    r"|(?<![\w])(?:de oorzaak|als oorzaak|veroorzaakt door|verklaard door|toe te schrijven aan)(?![\w])"
)
# "wanneer gaat de website online?": a date is asked
_WHEN_QUESTION = re.compile(r"(?<![\w])(?:wanneer|op welke datum|welke datum|tegen welke datum)(?![\w])")
_COUNT_QUESTION = re.compile(r"(?<![\w])(hoeveel|hoe veel|hoe vaak|hoe dikwijls|aantal|welk bedrag)(?![\w])")
_DETERMINER_BEFORE = re.compile(r"(?<![\w])(?:de|het|een|die|deze|dat|onze|jullie) $")
_SUPERLATIVE = re.compile(r"(?<![\w])(?:meest|minst|vaakst|drukst|hoogst|laagst)e?(?![\w])")
_COUNT_WORD = re.compile(r"(?<![\w])(?:hoeveel|hoe veel|aantal)(?![\w])")
_PERCENT_QUESTION = re.compile(
    r"(?<![\w])(procentuele|procentueel|procenten|procent|percentages|percentage|aandelen|aandeel|"
    r"welke? deel|welke? stuk|welke? fractie|hoeveel %)(?![\w])|%"
    # "hoeveel is dat op alle doorverwijzingen?": a part of a whole, as a share
    r"|(?<![\w])hoeveel (?:is|was|bedraagt|maakt) dat(?: dan)? op(?= (?:alle|het|de|xmetriek)(?![\w]))"
)
# "per maand", "per hulplijn": the words of a unit the question is about, used by its part
_PER_UNIT = re.compile(
    r"(?<![\w])(?:per|elke|iedere) (?:maand|maanden|jaar|kwartaal|hulplijn|lijn|organisatie|categorie|"
    r"leeftijdsgroep|groep)(?![\w])"
)
_PER_MONTH = re.compile(r"(?<![\w])(maand|maanden)(?![\w])")
# an age range in years: "tussen 12 en 18 jaar", "12 tot 15 jaar", "15-18-jarigen" ("12-18 jaar" is
# read as "12/18 jaar": a range of ages, no month of a year)
_AGE_RANGE = re.compile(
    r"(?<![\w])(?:tussen )?(\d{1,2}) ?(?:en|tot|-|/) ?(\d{1,2})(?: ?- ?jarigen| jaar)(?![\w])"
)
_BETWEEN = re.compile(r"(?<![\w])tussen ")
# "tussen 12 en 18" with no "jaar": ages, in a share of no measure (the youngest callers are 12 or so)
_BARE_AGES = re.compile(r"(?<![\w])tussen (1\d|2[0-5]) en (1\d|2[0-5])(?![\w.,])")
# a bound that is a year ("meer dan 2019") compares with that year, unless a count follows it
_YEAR_BOUND = re.compile(r"^20[12]\d$")
_A_COUNT_AFTER = re.compile(r"\s*(?:xmetriek|x[a-z]+ |[a-z]+en\b|[a-z]+s\b)")
# what a month is compared against: "meer dan in maart", "tov maart", "vergeleken met maart"
# "hoeveel procent minder in april 2019 dan in april 2020": the year after "dan" is the base
_AGAINST_YEAR = re.compile(
    r"(?<![\w])(?:dan|tov|t o v|tegenover|ten opzichte van|vergeleken met|in vergelijking met)"
    r"(?: in| het jaar)?(?: [a-z]+)? ((?:19|20)\d\d)(?![\w])"
)
# "minder was het dan in 2020": after a verb and its subject, "dan" may be "then" as well
# (not in "meer of minder is dat dan in 2019?", which asks no direction: "than" it is)
_THEN_AFTER_VERB = re.compile(
    r"(?<![\w])(?<!of )(?:(?P<more>meer|hoger|groter)|minder|lager|kleiner)"
    r" (?:was|is|waren|zijn|lag|lagen|ligt|liggen) (?:het|er|dat|dit|die)(?: nu| toen)? dan$"
)
# ("vs" sets no month against the other: "jan vs apr, stijging" is measured from January)
_AGAINST = re.compile(r"(?:\bdan|\btov|\bvergeleken met|\bvergelijking met|\btegenover)(?: in| de maand)? ?$")


def _starts_range(text: str, found: list[tuple[int, int, int]], i: int) -> bool:
    """Is the i-th month mention the start of a range ("jan-sep 2020 tegenover jan-sep 2019")?"""
    if i + 1 >= len(found):
        return False
    joiner = text[found[i][1] : found[i + 1][0]].split()
    return bool(joiner) and joiner[-1] in _RANGE_JOINERS


def _cue_before(cue: re.Pattern[str], reach: int, text: str, start: int, slots: Slots) -> bool:
    """Do the words right before `start` match the cue? They are then used by that part."""
    window = max(0, start - reach)
    m = cue.search(text[window:start])
    if m is None:
        return False
    slots.used.append((window + m.start(), window + m.end()))
    return True


# "geen opdeling", "niet per maand", "zonder een uitsplitsing": a breakdown declined
# (also "geen opdeling per hulplijn": the words of the breakdown after it)
_DECLINED = re.compile(
    r"(?<![\w])(?:geen|niet|zonder)(?: een)?(?: (?:opdeling|uitsplitsing|opsplitsing|verdeling))? $"
)
# "welke maand telde 46 nieuwe oproepers?": a count said right before the measure it counts
_COUNT_BEFORE = re.compile(r"(?<![\w,.])(?P<value>\d+) $")


def _count_of_which_months(text: str, slots: Slots, free: Any, take: Any) -> None:
    """ "Welke maand in 2020 telde 46 nieuwe oproepers?": the months with exactly that count (the
    number was dropped, and the year's total given)."""
    which = _WHICH_MONTHS.search(text) if slots.threshold is None else None
    if which is None:
        return
    for start, _, _ in slots.metric_spans:
        count = _COUNT_BEFORE.search(text, max(which.end(), start - 12), start)
        if count and free(count) and not _YEAR_BOUND.match(count.group("value")):
            slots.threshold = ("=", float(count.group("value")), False)
            slots.threshold_span = count.span()
            take(count, "xdrempel")
            return


def _threshold_measure(text: str, slots: Slots) -> None:
    """ "hoeveel gesprekken in de maanden met meer dan 40 nieuwe oproepers?": the measure right
    after a threshold is the one it holds for, when the question names another to count (the
    two were refused as one measure of the other)."""
    if slots.threshold_span is None or len({k for _, _, k in slots.metric_spans}) < 2:
        return
    end = slots.threshold_span[1]
    after = [key for start, _, key in slots.metric_spans if start >= end and not text[end:start].strip()]
    if after:
        slots.threshold_metric = after[0]


# "... minder in het derde kwartaal dan in het kwartaal ervoor": two runs of months set against
# each other
_COMPARED_BLOCKS = re.compile(r"(?<![\w])(?:dan|tegenover|vergeleken met|verschil|ten opzichte van)(?![\w])")


def _shift_within(
    text: str, slots: Slots, shifted: dict[str, tuple[int, int]], ends: list[tuple[int, str]]
) -> None:
    """ "mei en de maand erna", "de week van 21/09 en de week erna": a shift written after the
    period it moves asks that period and the one it points at (one of them alone was given).
    A shift before it ("de week na 21/09") or with no period of its own moves a period."""

    def named_before(at: int) -> bool:
        return any(kind == "xperiode" and end <= at for end, kind in ends)

    span = shifted.get("month_shift")
    months = sorted(set(slots.months))
    if span is not None and slots.month_shift is not None and len(months) == 1 and named_before(span[0]):
        other_month = months[0] + slots.month_shift
        if 1 <= other_month <= 12:
            slots.months.append(other_month)
            slots.month_order = [months[0], other_month]  # (the month moved to is the base of a change)
        else:  # across a year: said back, never a month of the year named
            slots.vague_period = slots.vague_period or text[span[0] : span[1]]
        slots.month_shift = None
    run = len(months) > 1 and months == list(range(months[0], months[-1] + 1))
    if span is not None and slots.month_shift is not None and run and named_before(span[0]):
        # "in het derde kwartaal dan in het kwartaal ervoor": a run of months and the run it points
        # at, as two blocks (the same months of the year before were given)
        other = [m + slots.month_shift for m in months]
        if (
            len(months) == abs(slots.month_shift)
            and all(1 <= m <= 12 for m in other)
            and not slots.blocks
            and _COMPARED_BLOCKS.search(text) is not None
        ):
            slots.blocks = [tuple(months), tuple(other)]
            slots.months.extend(other)
            slots.month_shift = None
    span = shifted.get("week_shift")
    if span is not None and slots.week_shift is not None and len(slots.dates) == 1 and named_before(span[0]):
        day, month, year = slots.dates[0]
        other_day = date(year or _LEAP_YEAR, month, day) + timedelta(days=slots.week_shift)
        slots.dates.append((other_day.day, other_day.month, other_day.year if year else None))
        slots.week_shift = None


def _own_total_of_helpline(text: str, slots: Slots) -> bool:
    """ "welk percentage van het totaal van de CLB-chat", "... van het CLB-totaal": the whole of a
    share is the one helpline's own total."""
    start, end, _ = slots.helpline_spans[0]
    before = _OWN_TOTAL_BEFORE.search(text[:start])
    if before is None:
        return False
    # the whole named before the helpline, or "-totaal" right after it
    return bool(before.group("whole")) or bool(_OWN_TOTAL_AFTER.match(text[end:]))


def _excluded(text: str, start: int, slots: Slots) -> bool:
    """Is what starts at `start` left out ("zonder april", "niet van awel")?"""
    return _cue_before(_EXCLUDED, 30, text, start, slots)


def _negated(text: str, start: int, slots: Slots) -> bool:
    """Is the group that starts at `start` negated ("niet om een meisje", "geen meisjes", "niet
    over zichzelf")? Then the question is about everyone else: the group is left out."""
    return _cue_before(_NEGATED_GROUP, 20, text, start, slots)


def _list_first(text: str, found: list[tuple[int, int, int]], index: int) -> int:
    """The index of the first month of the list that ends with found[index] ("juli en augustus")
    (a month after a range joiner ends a period: "januari t.e.m. september, april ...")."""
    first = index
    while (
        first > 0
        and _LIST_JOINER.fullmatch(text[found[first - 1][1] : found[first][0]])
        and text[: found[first - 1][0]].split()[-1:] not in [[j] for j in _RANGE_JOINERS]
    ):
        first -= 1
    return first


def _add_aggregation(slots: Slots, name: str) -> None:
    """A calculation named by a cue found in code: the question's calculation when it had none,
    and one of the calculations it names."""
    if slots.aggregation is None:
        slots.aggregation = name
    if name not in slots.aggregations:
        slots.aggregations.append(name)


def _excluded_after(text: str, end: int, take: Any) -> bool:
    """Is what ends at `end` left out by words after it ("maart niet meegerekend")? The words
    that say so are then the exclusion's (and no cue for the intent: "telt")."""
    m = _EXCLUDED_AFTER.match(text, end)
    if m is None:
        return False
    take(m, "")
    return True


def _alias_body(alias: str, fillers: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    """The regular expression of a normalised alias: "first time" also matches "first - time"
    (a hyphen is its own token), and "niet te woord" also "niet meer te woord" (or up to
    three such words: "niet meer konden worden geholpen")."""
    after, words = fillers
    filler = rf"(?: (?:{'|'.join(map(re.escape, words))})){{0,3}}" if words else ""
    parts = [re.escape(w) + (filler if w in after else "") for w in alias.split(" ") if w != "-"]
    return r"(?: - | )".join(parts)


def _reference_month(text: str, found: list[tuple[int, int, int]]) -> int | None:
    """The month the other is measured against: named after "dan" or "tov", or the start of
    "van maart naar april"; None when the question does not say."""
    (first_start, first_end, first), (second_start, _, second) = found[0], found[-1]
    for start, month in ((first_start, first), (second_start, second)):
        if _AGAINST.search(text[max(0, start - 24) : start].rstrip()):
            return month
    if re.search(r"\bvan ?$", text[max(0, first_start - 6) : first_start].rstrip()) and re.search(
        r"^\s*(?:\d{4}\s*)?naar\b", text[first_end:second_start]
    ):
        return first
    return None


# "welk percentage van de ...": the measure after it is the whole a share is of
_SHARE_OF_LEAD = re.compile(r"(?<![\w])(?:procent|percentage|deel|aandeel) van (?:de |het |alle )?$")
_JOINED = re.compile(r"(?<![\w])(en|ook|plus|naast|samen met)(?![\w])|,")
# what joins the two ends of a range: "mei tem september", "jan-sep", "mei tot september"
_RANGE_JOINERS = ("tem", "tot", "-", "t", "a", "à")
_TWELVE_MONTHS = re.compile(r"(?<![\w])(?:(?:alle|de) )?(?:12|twaalf) maanden(?![\w])")
# "en in het tweede?" after "het eerste kwartaal": the same kind of period, another one
# "vanaf welke maand kwamen er geen doorverwijzingen meer van de CLB-chat?": from then on none
_NONE_FROM = re.compile(r"(?<![\w])vanaf (?:welke maand|wanneer)(?![\w]).*?(?<![\w])(?P<more>meer)(?![\w])")
# "wat was dat laatste cijfer in 2019?": a figure of the answer before, by its place
_FIGURE_POSITION = re.compile(
    r"(?<![\w])(?:dat|het|die|dit) (?P<n>eerste|tweede|derde|vierde|vijfde|laatste)"
    r" (?:cijfer|getal|maandcijfer)(?![\w])"
)
_ORDINAL_ONLY = re.compile(r"^(?:en |ok en |oke en )?(?:in |voor )?(?:het|de) (?P<n>[a-z0-9]+)$")
# "per gevoerd gesprek", "gedeeld door het aantal gesprekken": a ratio of two measures
_PER_METRIC = re.compile(
    r"(?<![\w])(?:per|(?:gedeeld|delen|deel) door(?: het aantal| de| het)?) "
    r"(?:(?P<scale>100|1000) )?(?:gevoerde? |unieke? |nieuwe? )?(?:chatknop ?- ?)?$"
)
# "(welk) percentage van (alle) ...": the measure after it is the whole of a share
# "dus hoeveel extra?", "hoeveel erbij?", "hoeveel extra oproepers is dat?" after two periods:
# their difference (a code cue: as a lexicon cue "extra" would be vocabulary of every comparison,
# and "erbij" alone adds up)
_HOW_MANY_MORE = re.compile(
    r"^(?:en |dus |dan |ok |oke )?hoeveel (?:extra|erbij|er bij)(?: \w+){0,2}?"
    r"(?: (?:is dat|zijn dat|was dat|waren dat|dan|er|dus|bijgekomen))?$"
)
_BOUND_ASKED = re.compile(r"(?<![\w])((?:meer|minder|ruim|minstens|hoogstens) dan) hoeveel(?![\w])")
_IN_RELATION = re.compile(
    r"(?<![\w])(?:in verhouding (?:tot|met)|ten opzichte van|tov) "
    r"(?:het aantal |de |het |alle )?(?:[a-z]+ ){0,2}$"
    # ("de 40 doorverwijzingen van het totaal aantal gesprekken")
    r"|(?<![\w])van (?:het |de )?(?:totaal|totale) aantal (?:[a-z]+ )?$"
)
_OF_HELPLINE = re.compile(r" (?:van|bij|vanuit|via|door) (?:de |het )?")
_FIGURE_POINTED = re.compile(r"(?<![\w])(?:het|de) (?:eerste|tweede|laatste)(?![\w])")
_DIVIDED_BY = re.compile(r"(?<![\w])door(?: het aantal| de| het)? (?:gevoerde? |unieke? |nieuwe? )?$")
_SHARE_OF = re.compile(
    r"(?:procent|percentage|aandeel|deel|%) (?:(?:is|was|vormt|vormde) (?:dat|het|dit) )?"
    r"van (?:de |alle |het )?(?:[a-z]+ |- ){0,3}$"  # ("van de unieke chatknop-bezoekers")
)
# "welk percentage van hen was een nieuwe oproeper?": the whole is the one pointed at, not the
# measure named after it (the visitors were given as a share of the new callers, 729%)
_SHARE_OF_POINTED = re.compile(r"van (?:hen|hun|die|deze|ze|zij|dat|dit) \w")
# "als percentage van het aantal gesprekken": the figure asked before, as a share of this measure
_AS_SHARE_OF = re.compile(
    r"(?<![\w])(?:als|uitgedrukt in|uitgedrukt als) (?:een )?(?:procent|percentage|aandeel|deel|%) "
    r"van (?:de |alle |het )?(?:aantal )?$"
)
_OTHER_MONTHS = re.compile(r"(?<![\w])(?:andere|overige|resterende) maand(?:en)?(?![\w])")
_BOTH = re.compile(r"(?<![\w])zowel(?![\w])")
# "op 21 september", "op maandag 21/09", "21 september zelf": one day, not the week it starts
_ON_DAY_BEFORE = re.compile(
    r"(?<![\w])op (?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) )?$"
)
_ON_DAY_AFTER = re.compile(r" ?(?:\d{2,4} )?zelf(?![\w])")
# "vóór 21 september", "vanaf 21/09", "na 20u": the days or hours on one side of a day or a time,
# not the day, its week or the hour ("van 21/09 tot 27/09" is a range of dates: no bound)
_BOUND = re.compile(r"(?<![\w])(voorafgaand aan|voor|vóór|tot|na|vanaf|sinds) (?:het )?$")
_BEFORE = ("voorafgaand aan", "voor", "vóór", "tot")
# ("de week vanaf 28 september", "de campagneweken (vanaf 21/09 ...)": where a week starts)
# "week 39 van 2020", "in week 40 in 2020": a week by its number (ISO 8601, from a Monday)
_ISO_WEEK = re.compile(r"(?<![\w])week (\d{1,2})(?: van| in|,)? (20\d\d)(?![\w])")
# "dan" after a question's words, and no comparative before it: "then" ("meer dan" compares)
# "tel de eerste twee op", "het verschil tussen de laatste twee": of the figures asked in turn
_CHAIN_PART = re.compile(
    r"(?<![\w])de (eerste|laatste) (twee|drie|vier|[2-9])"
    r"(?! (?:maand|maanden|week|weken|jaar|jaren|kwartalen|dagen))(?![\w])"
)
_THEN_AFTER = re.compile(r"(?<![\w])dan(?![\w])(?! (?:wel|ook|nog|toch)\b)")
_WEEK_WORD = re.compile(r"(?<![\w])(?:\w*weken|\w*week)(?![\w])")
# "van 21/09 tot en met 30/09", "21/09-27/09", "tussen 21/09 en 30/09": the days from one to the other
_DATE_RANGE_BETWEEN = re.compile(r"\s*\)?\s*(?:tot(?: en met)?|t ?e ?m|tem|-)\s*")
# ("van 21/09 tot 27/09": a date before "tot" starts a range, so "tot" bounds nothing)
_DATE_BEFORE_BOUND = re.compile(r"\d{1,2}(?:/\d{1,2}(?:/\d{2,4})?| [a-z]+)$")
# What sets the months before it against those after it: "maart en april samen, tegenover juli"
_BLOCKS_APART = re.compile(
    r"(?<![\w])(?:tegenover|versus|vs|ten opzichte van|tov|t o v|vergeleken met|dan|met|naar)(?![\w])"
)
# "aantal gesprekken, aantal nieuwe oproepers" (the comma is gone once normalised): a list
_COUNT_AGAIN = re.compile(r"\s*(?:het )?(?:aantal|hoeveel)\s*")
# a change over time: the month it is "in" is where it ended up
_CHANGE_VERB = re.compile(
    r"(?<![\w])(?:gestegen|steeg|stegen|gedaald|daalde|daalden|gezakt|zakte|zakten|toegenomen|afgenomen|stijging"
    r"|daling|toename|afname|groeide|gegroeid|(?:nam|namen)(?: \w+){0,5} (?:toe|af))(?![\w])"
)
_MORE_OR_LESS = re.compile(r"(?<![\w])(?:meer|minder|hoger|lager)(?![\w])")
# after "de laatste drie maanden": of a calendar year ("van het jaar", "van dat jaar", "van 2019")
_OF_THE_YEAR = re.compile(r" (?:van|in) (?:(?:het|dat|dit|datzelfde|hetzelfde) jaar|(?:19|20)\d\d)(?![\w])")
# "... dan in heel 2019", "tegenover hetzelfde kwartaal in 2019": the comparison has a base of its
# own, so the months named with "tussen"/"tot" are one period, no two ends ("tussen januari en
# september 2020 meer dan in heel 2019" set January against September)
_OTHER_BASE = re.compile(
    r"(?<![\w])(?:tegenover|dan|ten opzichte van|tov|t o v|vergeleken met|in vergelijking met|versus|vs)"
    # (a month in between makes it a point of its own: "jan vs apr 2020" sets two months apart)
    r"(?:\s+(?!(?:jan|feb|maart|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\w*\b)"
    r"\S+){0,6}?\s+(?:(?:in|van)\s+)?(?:(?:19|20)\d\d|dezelfde periode|hetzelfde kwartaal|"
    r"dezelfde maanden|vorig jaar|het jaar ervoor|het jaar daarvoor|heel)(?![\w])"
    # ("... tussen januari en september gestegen van 2019 naar 2020": the years are the two ends)
    r"|(?<![\w])(?:van|tussen) (?:19|20)\d\d (?:naar|tot|en) (?:19|20)\d\d(?![\w])"
)
# "de gesprekken (jan-sep) stegen van 440 naar 685": with no year named, the two figures are the
# ends, of the two years; the months are one period, no two ends (January was set against September)
_CHANGED_FROM_TO = re.compile(
    r"(?<![\w])(?:gestegen|steeg|stegen|gedaald|daalde|daalden) van \d+(?:[.,]\d+)? (?:naar|tot) \d+(?![\w])"
)
# between a period word and the months it names: "de lockdown(maanden) maart en april"
_PERIOD_NAME_GAP = re.compile(r"\s*(?:maand|maanden)\s*")
# "waren er meer gesprekken of meer nieuwe oproepers?": the one set against the other
_MEASURES_OR = re.compile(r"^ of (?:meer |minder )?(?:het aantal |de )?$")
_PER_QUARTER = re.compile(r"(?<![\w])(welke? kwartaal|per kwartaal|kwartalen)(?![\w])")
PLACEHOLDERS = (
    "xmetriek",
    "xperiode",
    "xhulplijn",
    "xcategorie",
    "xdag",
    "xtijd",
    "xgetal",
    "xdrempel",
    "xbron",
)
# what joins the items of a list: "juli en augustus", "juli, augustus of september"
# "Awel en de CLB-chat", "X of Y" before words that leave both out (not a comma: "van Awel, 1712 niet")
_AND_OR = re.compile(r"\s*(?:en|of)(?: de| het)?\s*")
_LIST_JOINER = re.compile(r"\s*(?:,|en|of|&|plus)?\s*(?:,\s*)?(?:en |of )?(?:de |het )?")
# "zonder april", "niet van awel", "behalve de zomer": what follows is left out
_EXCLUDED = re.compile(
    r"(?<![\w])(?:zonder|behalve|uitgezonderd|exclusief|buiten|niet van|niet vanuit|niet door|"
    r"niet via|niet in|niet op|met uitzondering van|los van|(?:een )?andere (?:hulp)?lijn(?:en)? dan|"
    r"andere dan"
    r"|anders dan)"
    r"(?: in| voor| op| die van| dat van| deze van)?(?: de| het)?"
    # "zonder de zomer maanden juli en ...", "buiten de leeftijdsgroepen 12-15 en 15-18"
    r"(?:(?: [a-z]+)? (?:maand|maanden)| [a-z]*maand(?:en)?| [a-z]*groep(?:en)?| hulplijn| lijn)? $"
)
# "maart niet meegerekend", "Awel buiten beschouwing gelaten": what stands before is left out
_EXCLUDED_AFTER = re.compile(
    r"(?: zelf| ook)? (?:niet (?:mee ?(?:gerekend|geteld|telt|tellen|rekent|rekenen)"
    r"|mee te (?:tellen|rekenen)|inbegrepen)"
    r"|buiten beschouwing(?: gelaten| laat| laten)?|uitgezonderd|weg ?laat|weg ?laten|weg ?gelaten"
    r"|niet telt)(?![\w])"
)
# "Niet januari en februari meegerekend": a list left out by "niet" before it and these after it
_COUNTED_IN = re.compile(r" mee ?(?:gerekend|geteld)(?![\w])")
# "tussen mei en september (mei en sept inbegrepen)": the ends named again, as counted in
_INCLUDED_AFTER = re.compile(
    r"(?: (?:zelf|ook|allebei|beide))? (?:inbegrepen|inclusief|mee ?(?:gerekend|geteld))(?![\w])"
)
_NOT_BEFORE_LIST = re.compile(r"(?:^|[.:;,!?] ?)niet $")
# "zonder januari en februari mee te tellen": the words that close a left-out list
_EXCLUDED_CLOSE = re.compile(
    r" (?:mee te (?:tellen|rekenen)|mee ?(?:gerekend|geteld)|niet inbegrepen)(?![\w])"
)
# "in de maand na de piek (van het aantal bezoekers)", "in de maand met de minste gesprekken"
# "... en die met de minste": the other end of a month found by a ranking
_MONTH_END = re.compile(
    r"(?<![\w])(?:die|degene|de maand|deze) met (?:de|het) "
    r"(meeste|minste|hoogste|laagste|meest|minst)(?![\w])"
)
_MONTH_BY = re.compile(
    r"(?<![\w])(?:(?:de maand|de (?P<count>twee|drie|vier|vijf|[2-9]) maanden) "
    r"(?:met (?:de|het) (?P<ext>meeste|minste|hoogste|laagste|meest|minst)"
    r"|(?:meteen |onmiddellijk |direct |net |vlak )?(?P<rel>na|voor|volgend op|voorafgaand aan) de "
    r"(?:(?P<peak>piek(?:maand)?|drukste maand|topmaand|hoogste maand|rustigste maand|stilste maand"
    r"|laagste maand)|maand met (?:de|het) (?P<ext2>meeste|minste|hoogste|laagste|meest|minst)))"
    # "minder in augustus dan in de drukste maand van dat jaar": the month a ranking finds, set
    # against a month named
    r"|de (?P<peak2>drukste maand|piekmaand|topmaand|rustigste maand|stilste maand)"
    # "in de maand waarin (de) 1712 het meest doorverwees": the month a helpline's ranking finds
    r"|de maand (?:waarin|waar|dat|toen) (?:de |het )?(?:[a-z0-9-]+ ){1,3}?"
    r"(?:het )?(?P<ext3>meest|minst|vaakst)"
    r"(?= [a-z]))"
    r"(?:(?: (?:van|in|qua|voor))?(?: het aantal| de)?(?: [a-z0-9-]+){0,12})"
)
# "van het CLB-totaal", "van het totaal van de CLB-chat", "van alle doorverwijzingen van Awel": a
# share of one helpline's own total (the words before the helpline, and after it)
_OWN_TOTAL_BEFORE = re.compile(
    r"(?<![\w])(?:percentage|procent|aandeel|deel|%) van (?:het |de )?(?P<whole>"
    r"totaal (?:aantal )?(?:\w+ )?(?:van|vanuit|door) (?:de |het )?"
    r"|(?:alle|de) \w+ (?:van|vanuit|door) (?:de |het )?|)$"
)
_OWN_TOTAL_AFTER = re.compile(r"^ ?-? ?totaal(?![\w])")
# "de jongeren die chatten", "wie chat er": people described by chatting, no measure asked
_WHO_CHAT = re.compile(
    r"(?:(?:jongeren|oproepers|kinderen|tieners|mensen|gebruikers|personen) die|wie) "
    r"(?:er )?(?:chatten|chat|chatte|chatten er|gechat hebben)$"
)
# "... viel in het eerste kwartaal": what stands after it is the part of a whole
_FELL_IN_BEFORE = re.compile(
    r"(?<![\w])(?:viel|vielen|valt|vallen|kwam|kwamen|plaatsvond|plaatsvonden)(?: er)?"
    r" (?:in|binnen) (?:het )?$"
)
_SHARE_ASKED = re.compile(r"(?<![\w])(?:aandeel|procent|percentage|deel)(?![\w])|%")
_FELL_IN = re.compile(
    r"(?<![\w])(?:viel|vielen|valt|vallen|kwam|kwamen|gebeurde|gebeurden|plaatsvond|plaatsvonden|was|waren)"
    r"(?![\w])"
)
# "in de maand waarin JustNicolas de chat vermeldde": the month of a dated fact about a name
# the question words that make a threshold select months ("welke maanden boven de 100", "hoeveel
# maanden meer dan 80", "wanneer voor het eerst"), when they stand before it
_MONTHS_QUESTION = re.compile(r"(?<![\w])(welke|hoeveel|wanneer)(?![\w])")
_YEAR_AFTER_CUE = re.compile(r" (?:in |van )?(?:het jaar )?((?:19|20)\d\d)(?![\w])")
_LEAP_YEAR = 2000  # a day without a year is moved within a year that has every day
_MONTH_OF_EVENT = re.compile(r"(?<![\w])de (?:maand|week) (?:waarin|waarop|toen)(?![\w])")
# "op welke dagen is de chat al open voor 19u?": days, asked of a part of the day
_DAYS_ASKED = re.compile(
    r"(?<![\w])(?:welke|hoeveel) (?:verschillende |andere |aparte )?(?:dagen|weekdagen|avonden)(?![\w])"
    # ("op welke dag is de chat in de namiddag open?": the day found, not the hour 15u)
    r"|(?<![\w])(?:op|welke) (?:welke )?(?:dag|weekdag)(?![\w])"
)
# "daar ... over", "hier ... over": "daarover" split around a few words ("gingen daar in 2020 over")
_ABOUT_THAT = re.compile(
    r"(?<![\w])(daar|hier)(?: \w+){1,3} (over)(?![\w])(?! (?:de|het|een|die|dat|deze)(?![\w]))"
)
_HOURS_COUNTED = re.compile(
    r"(?<![\w])(?:hoeveel (?:chat|openings)?(?:uur|uren)|hoelang|hoe lang|aantal (?:chat|openings)?uren)"
    r"(?![\w])"
)
# a word for helplines ("de namen van de hulplijnen", "rangschik de lijnen")
_HELPLINE_WORD = re.compile(r"(?<![\w])(?:hulp)?lijn(?:en)?(?![\w])")
# "in welke maanden", "in hoeveel maanden": the months are what is asked
# ("geef me de maanden waarin de 1712-chat doorverwees": those months, not its total)
_WHICH_MONTHS_ASKED = re.compile(
    r"(?<![\w])(?:(?:welke|hoeveel) maand(?:en)?|(?:een|de) maand(?:en)? waarin)(?![\w])"
)
_MONTHS_ASKED = re.compile(
    r"(?<![\w])(?:(?:welke|hoeveel) maanden"
    r"|(?:geef|noem|toon|lijst) (?:me |mij |ons )?(?:eens )?(?:alle )?de maanden"
    r" (?:waarin|waarop|met|dat|toen))"
    r"(?![\w])"
)
# "hoeveel hulplijnen verwezen in juli door?": helplines counted, not their referrals added up
_HELPLINES_COUNTED = re.compile(
    r"(?<![\w])(?:door )?hoeveel (?:van de |van alle )?"
    # ("hoeveel van de vijf hulplijnen": how many of them all)
    r"(?:(?:\d{1,2}|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf) )?"
    r"(?:verschillende |andere )?(?:hulp)?lijnen(?![\w])"
)
_LOW_WORDS = frozenset({"minste", "laagste", "minst", "rustigste", "stilste"})
# Clarifications that say what is NOT asked, never an exclusion: "het hele jaar, niet enkel
# januari tot september", "van januari tot september, dus niet het volledige jaar", "nieuwe
# jongeren (dus niet het aantal gesprekken)"
_NOT_ONLY = re.compile(
    r"(?<![\w])niet (?:enkel|alleen|louter|uitsluitend|slechts) (?:in |van |over )?(?:de |het )?"
    r"(?:maanden )?$"
)
# "tussen mei en september (beide inbegrepen)": both ends are in the range, as a range always is
_ENDS_INCLUDED = re.compile(
    r"(?<![\w])(?:beide|allebei|beide maanden|de grenzen|grenzen) "
    r"(?:inbegrepen|meegerekend|meegeteld)(?![\w])"
)
_RANGE_GAP = re.compile(r"\s*(?:-|tot|tem|t e m|tot en met|en|t/m)\s*")
_EXCLUDED_RANGE = re.compile(r"\s*(?:-|tot|tem|t e m|tot en met|t/m)\s*")
_NOT_THE_WHOLE_YEAR = re.compile(
    r"(?<![\w])(?:dus |en |maar )?niet (?:over )?(?:het |heel het |de )?"
    r"(?:volledige|hele|gehele|volle|heel) jaar(?![\w])"
)
_NOT_THIS_MEASURE = re.compile(r"(?<![\w])(?:dus|en|maar) niet (?:het aantal |de |het |die |de aantallen )?$")
# "niet om een meisje", "geen meisjes", "niet over zichzelf": a group negated
_NEGATED_GROUP = re.compile(
    r"(?<![\w])(?:niet|geen)(?: (?:om|over|met|voor|onder|bij|tot|in))?(?: een| de| het)?"
    r"(?: (?:vraag|vragen)(?: (?:over|om))?| betrekking (?:heeft |hebben )?op| verband (?:houdt )?met)? $"
)
# (words of the cue, comparator), longest first where one starts another
_COMPARATORS = (
    ("niet meer dan", "<="),
    ("meer dan", ">"),
    ("hoger dan", ">"),
    ("groter dan", ">"),
    ("boven", ">"),
    ("over de", ">"),
    ("minstens", ">="),
    ("ten minste", ">="),
    ("tenminste", ">="),
    ("minimaal", ">="),
    ("minder dan", "<"),
    ("lager dan", "<"),
    ("kleiner dan", "<"),
    ("onder", "<"),
    ("maximaal", "<="),
    ("hoogstens", "<="),
    ("maximum", "<="),
)
_THRESHOLD = re.compile(
    r"(?<![\w])(?P<first>(?:voor het eerst|voor de eerste keer|de eerste keer|eerst) )?"
    r"(?P<cue>niet meer dan|meer dan|hoger dan|groter dan|boven|over de|minstens|ten minste|"
    r"tenminste|minimaal|minder dan|lager dan|kleiner dan|onder|maximaal|hoogstens|maximum)"
    # ("boven dat gemiddelde" after the mean was given: the mean of the months)
    r"(?: de| het| dat(?= (?:maand ?)?gemiddelde))?"
    r" (?P<value>\d+(?:[.,]\d+)?|een(?= keer)|(?:maand ?)?gemiddelde)"
    r"(?![\w/:%])(?! ?procent)(?! jaar)"
)
# "minstens een keer": one; "boven het (maand)gemiddelde": the mean of the months compared
_ONE, _AVERAGE = "een", "gemiddelde"
# "welke maanden hadden meer gesprekken dan het maandgemiddelde?", "hoeveel meer gesprekken dan
# gemiddeld in april?": the comparison around the measure (2019's mean was set against 2020's)
_AROUND_THE_MEAN = re.compile(
    r"(?<![\w])(?P<cue>meer|minder|hoger|lager) (?P<gap>(?:[a-z]+ ){1,8}?)"
    r"(?P<tail>dan (?:het |de )?(?:maand ?)?gemiddelde|dan gemiddeld)(?![\w])"
)
# "100 of meer", "50 of minder": the value first, the comparison after it
_THRESHOLD_AFTER = re.compile(
    # (a year is no such value: "was dat in 2019 hoger of lager?")
    r"(?<![\w/:,.])(?!20\d\d )(?P<value>\d+(?:[.,]\d+)?) (?:[a-z]+ ){0,7}?"
    r"(?P<cue>of (?:meer|hoger|minder|lager))(?![\w])"
)
_AT_LEAST = {"meer": ">=", "hoger": ">=", "minder": "<=", "lager": "<="}


# "in welke maanden verwees Awel 4 keer door?", "welke maand had precies 60 gesprekken?": months
# with exactly that value (only in a question about months)
def _exactly(units: Iterable[str]) -> re.Pattern[str]:
    """ "precies 60", "4 keer", "4 jongeren" (a count of persons): exactly that value."""
    counted = "|".join(["keer", "maal", *sorted(units)])
    return re.compile(
        rf"(?<![\w])(?:(?:precies|exact|juist) (?P<v1>\d+)|(?P<v2>\d+) (?:{counted}))(?![\w,.])"
        r"(?! (?:zoveel|zo veel|zo|meer|minder|hoger|lager|groter|kleiner)(?![\w]))"  # a factor, not a value
    )


_MONTHS_COUNTED_OR_LISTED = re.compile(r"(?<![\w])(?:welke|hoeveel|in hoeveel) maand(?:en)?(?![\w])")
_WHICH_MONTHS = re.compile(r"(?<![\w])(?:welke|in hoeveel) maand(?:en)?(?![\w])")
# "meer dan 70%", "meer dan de helft (van)": a share compared, a claim to check
_SHARE_COMPARED = re.compile(
    r"(?<![\w])(?P<cue>meer dan|minder dan|minstens|ten minste|hoogstens|minimaal|maximaal|boven|onder)"
    r" (?:(?P<value>\d+(?:[.,]\d+)?) ?(?:%|procent)"
    r"|(?:de |een |(?P<numer>twee|drie|vier) )?(?P<fraction>helft|derde|kwart|vierde|vijfde)(?= van))"
    # "klopt het dat de helft van ... over X gaat?", "juist of fout: een kwart van ...": a share
    # claimed as such ("helft" was not understood)
    # ("... is goed voor de helft van alle meldingen", "ongeveer een derde van de oproepers": the
    # same; a fraction is a share said roughly)
    # ("klopt het dat Awel exact de helft van alle doorverwijzingen deed?": said exactly)
    # ("ruim de helft" is more than half, "bijna een derde" less than a third: the adverb is part
    # of the claim, and was left over)
    r"|(?:(?:(?<=dat )|(?<=fout )|(?<=juist )|(?<=voor )|^)"
    r"(?:(?P<adverb>ongeveer|zowat|bijna|ruim|exact|precies|net) )?"
    r"|(?<![\w])(?P<adverb2>ongeveer|zowat|bijna|ruim|exact|precies|net) )"
    r"(?:de |een |(?P<stated_numer>twee|drie|vier) )"
    r"(?P<stated>helft|derde|kwart|vierde|vijfde|tiende)(?= van)"
    # ("twee derde van de oproepers", "drie kwart van": so many of those parts)
    # "klopt het dat vier op de vijf oproepers een meisje is?": one in so many, a share claimed
    r"|(?<![\w])(?P<part>een|twee|drie|vier|[1-9]) op (?:de )?(?P<whole>twee|drie|vier|vijf|zes|zeven|acht|"
    r"negen|tien|[2-9]|10)(?= [a-z])(?! (?:jaar|maanden|weken|dagen|keer)\b)"
)

# "met ongeveer de helft gestegen", "een vijfde hoger": a change claimed as a fraction, in percent
_CHANGE_FRACTION = re.compile(
    r"(?<![\w])(?:met )?(?:(?:ongeveer|zowat|bijna|ruim|circa|pakweg) )?"
    r"(?:(?P<numer>twee|drie|vier) |de |een )"
    r"(?P<fraction>helft|derde|kwart|vierde|vijfde|tiende)"
    r"(?= (?:\w+ ){0,2}(?:gestegen|gedaald|gezakt|gegroeid|toegenomen|afgenomen|steeg|stegen|daalde|daalden"
    r"|toenam|toenamen|afnam|afnamen|groeide|groeiden|zakte|zakten|hoger|lager|meer|minder|groter|kleiner)"
    r"(?![\w]))"
)
_FRACTIONS = {"helft": 50.0, "derde": 100 / 3, "kwart": 25.0, "vierde": 25.0, "vijfde": 20.0, "tiende": 10.0}
_PARTS = {None: 1, "twee": 2, "drie": 3, "vier": 4}
_FRACTION_ADVERBS = {"ruim": ">", "bijna": "<"}  # "ruim de helft": more than half
_SHARE_CUES = {"boven": ">", "onder": "<", "ten minste": ">=", "minimaal": ">=", "maximaal": "<="}
# "welke maanden haalden de 50 (gesprekken) (niet)?": reached the value, or stayed under it
_REACHED = re.compile(
    r"(?<![\w])(?:haalde|haalden|haalt|halen|bereikte|bereikten|bereikt|bereiken) (?:de |het )?"
    r"(?P<value>\d+(?:[.,]\d+)?)(?P<after> (?:[a-z]+ ){0,7}?of (?P<more>meer|hoger|minder|lager)(?![\w]))?"
    r"(?P<neg>(?: [a-z]+){0,7}? niet(?![\w]))?"
)
_SOURCE = re.compile(
    r"(?<![\w])(?:volgens|in|uit|van|op) (?:de |het )?(?:schriftelijke )?"
    r"(?:(?:parlementaire )?vraag|antwoord(?: op(?: de)?(?: schriftelijke)? vraag)?)"
    r"(?: nummer| nr| n)? (\d{2,5})(?![\w/])"
)
_NEGATED_CHANGE = re.compile(
    r"(?<![\w])(?:niet|geen) (?:\w+ )?(?:hoger|lager|meer|minder|steeg|stegen|daalde|daalden|gestegen|"
    r"gedaald|toenam|afnam|groter|kleiner|stijging|daling)(?![\w])"
)
_AFTER = re.compile(r"(?<![\w])(?:na|naast|buiten) $")
# "op welke avonden is de chat naast woensdag nog open?": besides that day, the others
_BESIDES = re.compile(r"(?<![\w])naast (?:de )?$")
# "op de andere dagen dan woensdag": every day but that one
_OTHER_THAN = re.compile(r"(?<![\w])andere (?:\w+ )?dan (?:de |op )?$")
# "een gesprek aan(knopen)": a separable verb of the callers, no count of conversations
_CONVERSATION_STARTED = re.compile(
    r" (?:aan|aanknoopt|aanknoopten|aanknopen|aan ?(?:te )?knopen|aangeknoopt)(?![\w])"
)
# "al boven heel 2019": a figure set against a whole year
_ABOVE_A_WHOLE_YEAR = re.compile(
    r"(?<![\w])(?:boven|onder) (?=(?:heel|het hele|het volledige|geheel) (?:jaar )?(?:19|20)\d\d(?![\w]))"
)
# "boven het jaartotaal van 2019" (the compound split by the normaliser)
_YEAR_TOTAL_OF = re.compile(r"(?<![\w])jaar ?totaal van (?:het jaar )?((?:19|20)\d\d)(?![\w])")
# "meer dan 30 hoger dan ...": what the bound is of is a difference
_DIFFERENCE_AFTER = re.compile(r" (?:procent |%)?(?:hoger|lager|meer|minder|groter|kleiner) dan(?! \d)")
# "hoeveel <measure> meer/minder", no threshold ("meer dan 30")
_MORE_AFTER_MEASURE = re.compile(r" (?:meer|minder)(?![\w])(?! dan \d)")
# two groups joined by "of" ("12-15 of 15-18 jaar", "seksueel misbruik of pesten")
_EITHER_GROUP = re.compile(r"\bxcategorie(?: jaar)? of (?:de |het )?xcategorie\b")
_COMPARISON_WORDS = re.compile(
    r"(?<![\w])(?:meer|minder|hoger|lager|groter|kleiner|evenveel|beter|slechter)(?![\w])"
)
_WEEK_INDEX = re.compile(
    r"(?<![\w])(?:de )?(eerste|tweede|derde|laatste|1e|2e|3e) (?:campagne ?|vlog ?)?(?:week|weken)(?![\w])"
    # ("de eerste week van september" is a part of a month, not the first campaign week)
    r"(?! (?:van|in) (?:jan|feb|maa|apr|mei|jun|jul|aug|sep|okt|nov|dec))"
    # "de week van de eerste vlog": the campaign's weeks are those of its vlogs, in turn
    r"|(?<![\w])(?:de )?week van de (eerste|tweede|derde|laatste) (?:vlog|video|filmpje|vlogger)(?![\w])"
)
_YEARS_FROM = re.compile(r"(?<![\w])(?:sinds|vanaf|na) (20\d\d)(?![\w/])")
# (a word of its own: "met " ends in "t ", and "april 2019 met mei 2020" was read as a range)
_RANGE_END = re.compile(r"(?:(?<![\w])(?:tem|tot|t)|-) $")
_YEAR_AFTER = re.compile(r" (?:van )?(20\d\d)(?![\w/])")


def _whole_months(first: tuple[int, int, int | None], last: tuple[int, int, int | None]) -> bool:
    """From the first day of a month to the last day of a month, in one year, in order."""
    (d1, m1, y1), (d2, m2, y2) = first, last
    if (y1 and y2 and y1 != y2) or m1 > m2 or d1 != 1:
        return False
    days = calendar.monthrange(y2 or y1 or 2021, m2)[1]
    return d2 == days or (m2 == 2 and d2 in (28, 29) and not (y2 or y1))


@dataclass
class Slots:
    """Everything found in one question. Empty lists and None mean: not mentioned."""

    metrics: list[str] = field(default_factory=list)
    strong_metric: bool = False  # named by a strong alias, not only by "chat" or "via"
    several_metrics: list[str] = field(default_factory=list)  # "gesprekken en oproepers"
    week: bool = False  # asks per week
    count_question: bool = False  # "hoeveel", "hoe vaak", "aantal"
    when_question: bool = False  # "wanneer", "op welke datum"
    meaning_question: bool = False  # "wat betekent", "waarom": an explanation
    counted_metric: str | None = None  # the metric right after "hoeveel": what is counted
    base_metric: str | None = None  # "welk percentage van de gesprekken ...": the whole of a share
    per_metric: str | None = None  # "hoeveel gesprekken per nieuwe oproeper": the measure divided by
    per_scale: int = 1  # "per 100 bezoekers": the ratio times 100
    compared_metrics: tuple[str, str] | None = None  # "meer gesprekken dan oproepers": set against
    compared_by_difference: bool = False  # ... by "meer", "verschil" (not as a share: "tegenover")
    # "wat is het verschil met het aantal nieuwe oproepers?": the one measure named is what the
    # figure before is set against, not the measure asked
    measure_against: str | None = None
    as_share_of: bool = False  # "als percentage van het aantal gesprekken": of the figure before
    base_against: bool = False  # the whole named after "ten opzichte van": no comparison of periods
    breakdown: str | None = None  # a split no source gives ("per weekdag")
    unsupported: str | None = None  # a measure no source gives ("wachttijd")
    month_order: list[int] = field(default_factory=list)  # months in order of mention
    dates: list[tuple[int, int, int | None]] = field(default_factory=list)  # every day named
    inner_months: list[int] = field(default_factory=list)  # "van jan-sep, in april": April
    # "het tweede kwartaal tegenover het eerste", "jan-maart met april-juni": blocks of months set
    # against each other (each added up), not the months of both together
    blocks: list[tuple[int, ...]] = field(default_factory=list)
    reference_month: int | None = None  # "dan in maart", "van maart naar april": compared against
    reference_year: int | None = None  # "minder in 2019 dan in 2020": the year compared against
    # "hoeveel procent minder was het dan in 2020?": "dan" is "than" or "then", so the year is
    # the base or the year measured; the direction asked ("op", "af") decides (bot.answer.metric)
    ambiguous_than: str | None = None
    month_shift: int | None = None  # "en de maand ervoor?"
    week_shift: int | None = None  # "en de week erna?" (days)
    rank_position: int | None = None  # "op de tweede plaats"
    percent_question: bool = False  # asks for a share: "hoeveel procent", "welk aandeel"
    ratio_question: bool = False  # asks for a factor: "hoeveel keer zoveel"
    divided: bool = False  # a division spelled out: "deel het eerste door het tweede"
    base_helpline: bool = False  # the whole of a share named with a helpline: "awel-gesprekken"
    share_compared: tuple[str, float] | None = None  # "meer dan de helft", "meer dan 70%"
    decimals: int | None = None  # "op 1 decimaal": how a computed figure is rounded
    age_range: tuple[int, int] | None = None  # "tussen 12 en 18 jaar"
    more_relative_years: list[int] = field(default_factory=list)  # "dit jaar en vorig jaar"
    all_months: bool = False  # "over alle maanden": every month the data has
    all_years: bool = False  # "in juli, in beide jaren": every year the data has
    all_helplines: bool = False  # "alle lijnen samen": no one helpline
    rest: bool = False  # "en de rest?": everyone but the group asked before
    equal: bool = False  # "evenveel als": the same value
    month_pointed: bool = False  # "in die maand": the one month asked before
    year_pointed: bool = False  # "dat jaar": the one year asked before
    base_named: bool = False  # "... tegenover hetzelfde kwartaal in 2019": the comparison's own base
    helpline_pointed: bool = False  # "die lijn": the helpline asked or found before
    quarter_pointed: bool = False  # "hetzelfde kwartaal": the quarter of the month asked before
    added: bool = False  # "en samen met augustus?": added to the months asked before
    months_run: int | None = None  # "de twee maanden erna": so many months after (before: < 0)
    until_then: bool = False  # "cumulatief tot dan": up to the month asked before
    after_then: bool = False  # "en daarna?", "na die datum": after the end of what was named before
    exact_asked: bool = False  # "graag het exacte aantal": a bound of the source does not answer
    day_bound: str | None = None  # "vóór 21 september": the days before (or after) a day, as said
    date_range: bool = False  # "van 21/09 t.e.m. 30/09": every day between two dates
    months_pointed: bool = False  # "in die (drie) maanden": the months an answer before listed
    months_counted: bool = False  # "hoeveel maanden zijn dat?": how many an answer before listed
    day_pointed: bool = False  # "die dag": the weekday asked before
    then_pointed: bool = False  # "toen": the time asked or found before
    # "hoeveel gesprekken per nieuwe oproeper dan?": "dan" with no comparative before it points
    # at what was asked before
    then_after: bool = False
    month_is_target: bool = False  # "hoeveel stijging is dat naar april?": the month compared
    per_quarter: bool = False  # "in welk kwartaal", "per kwartaal"
    per_month: bool = False  # the question is about months ("welke maanden", "per maand")
    # "in welke maand was de stijging het grootst?": what each month is measured against
    # ("jaar": the same month of another year, "maand": the month before; None: not said), and
    # which way the change goes ("op", "af"; None: its size, "het grootste verschil")
    change_basis: str | None = None
    change_direction: str | None = None
    ranking_order: str | None = None  # "van groot naar klein": descending; "oplopend": ascending
    names_asked: bool = False  # "geef de namen van de jongeren": names, never a count
    # "in de maand na de piek", "in de maand met de minste chatgesprekken": a month found by a
    # ranking (of this measure, or of another one named there), moved by a number of months
    month_by: tuple[str | None, str, int] | None = None
    month_by_helpline: str | None = None  # "... met de meeste doorverwijzingen vanuit 1712"
    month_by_count: int = 1  # "de drie maanden met de meeste bezoekers": how many months the ranking finds
    # "welk aandeel van de doorverwijzingen door Awel viel in maart?": the helpline's own total is
    # the whole, the months the part (named after it)
    share_within_helpline: bool = False
    month_of_event: bool = False  # "in de maand waarin JustNicolas de chat vermeldde"
    whole_year_of: int | None = None  # "januari tot september 2020 tegenover heel 2019": 2019
    helplines: list[str] = field(default_factory=list)
    categories: list[tuple[str, str]] = field(default_factory=list)  # (dimension, category)
    dimensions: list[str] = field(default_factory=list)  # profile dimensions asked for
    years: list[int] = field(default_factory=list)
    relative_year: int | None = None
    year_shift: int | None = None
    months: list[int] = field(default_factory=list)
    open_range_from: int | None = None  # "vanaf mei": from this month to the end of the data
    span: bool = False  # a range or a list of months: the question is about them together
    whole_year: bool = False
    weekdays: list[int] = field(default_factory=list)
    excluded_weekdays: list[int] = field(default_factory=list)  # "buiten de woensdag"
    hour: float | None = None
    day_part: tuple[int, int] | None = None
    date: tuple[int, int, int | None] | None = None  # (day, month, year)
    aggregation: str | None = None
    top_n: int | None = None
    numbers: list[float] = field(default_factory=list)
    percent_claim: bool = False
    fraction_claim: bool = False  # "de helft van", "een derde van": a share claimed roughly
    rough_number: bool = False  # "een vijftigtal": a number claimed roughly
    premise: bool = False
    fabrication: bool = False
    injection: bool = False
    followup: bool = False
    fresh: bool = False  # "Los daarvan: ...": a question of its own, whatever it points back to
    other_months: bool = False  # "in welke andere maanden": the months not asked before
    ordinal_only: int | None = None  # "en het tweede?": the nth period of the kind asked before
    figure_position: int | None = None  # "dat laatste cijfer": the nth month answered before (-1: last)
    none_from: bool = False  # "vanaf welke maand geen ... meer": the first month of the last run of none
    anaphora: bool = False  # "dat", "dezelfde": points back to the previous question
    points_back: bool = False  # "daarvan", "haar post": points back, whatever else it names
    month_count: int | None = None  # "diezelfde drie maanden": how many months the period has
    counted_back: int | None = None  # "tel die drie op": how many things asked so far are meant
    week_count: int | None = None  # "de 2 vloggerweken": how many weeks are asked
    helpline_count: int | None = None  # "de vijf hulplijnen": how many helplines are meant
    masked: str = ""
    content: list[str] = field(default_factory=list)  # words left after slots and stopwords
    # -- found for the faithful-answer checks --------------------------------------------------
    used: list[tuple[int, int]] = field(default_factory=list)  # character spans a part used
    threshold: tuple[str, float, bool] | None = None  # (comparator, value, first time)
    excluded_helplines: list[str] = field(default_factory=list)  # "niet van awel"
    excluded_months: list[int] = field(default_factory=list)  # "zonder april", "behalve de zomer"
    points: list[tuple[int, int]] = field(default_factory=list)  # "april 2019 met mei 2020"
    source_number: int | None = None  # "volgens vraag 808"
    vague_period: str | None = None  # "voor de lockdown", "eind 2019": no dates
    years_from: int | None = None  # "sinds 2015"
    helpline_spans: list[tuple[int, int, str]] = field(default_factory=list)
    numbered_months: list[tuple[int, int, int]] = field(default_factory=list)  # "2020-05"
    metric_words: dict[str, str] = field(default_factory=dict)  # metric → the words that named it
    aggregations: list[str] = field(default_factory=list)  # every calculation named, in priority order
    # measures only a weak word names ("verwees"), kept when a stronger one is named
    weak_metrics: list[str] = field(default_factory=list)
    excluded_categories: list[tuple[str, str]] = field(default_factory=list)
    after: list[tuple[str, str]] = field(default_factory=list)  # ("helpline"|"category", key) after "na"
    week_index: int | None = None  # "de eerste week": the nth week (-1: the last)
    threshold_span: tuple[int, int] | None = None
    # "gesprekken in de maanden met meer dan 40 nieuwe oproepers": the measure of the threshold,
    # when another measure is what is counted
    threshold_metric: str | None = None
    asked_before_threshold: bool = False  # "welke maanden boven de 100": a question word before it
    quoted_numbers: list[float] = field(default_factory=list)  # numbers not after "meer dan", "tot"...
    metric_spans: list[tuple[int, int, str]] = field(default_factory=list)  # where each measure is named
    months_asked: bool = False  # "in hoeveel maanden ...": months, listed or counted
    helplines_counted: bool = False  # "hoeveel hulplijnen verwezen door?"
    one_day: bool = False  # "op 21 september", "21/09 zelf": the day, not the week it starts
    days_asked: bool = False  # "op welke dagen ...", "op hoeveel dagen ...": days, listed or counted
    threshold_average: bool = False  # "boven het maandgemiddelde": the value is the months' mean
    threshold_month: int | None = None  # "meer gesprekken dan september": that month's figure
    # "tel de eerste twee op" after three months asked in turn: the first (or last) so many
    chain_part: tuple[str, int] | None = None

    @property
    def asks_figure(self) -> bool:
        """The question names what a figure is wanted for: a period, a count, an aggregation,
        a helpline or a category."""
        return bool(
            self.counted_metric
            or self.months
            or self.years
            or self.aggregation
            or self.helplines
            or self.categories
            or self.relative_year is not None
            or self.date
        )

    @property
    def metric(self) -> str | None:
        """The first metric named, if any."""
        return self.metrics[0] if self.metrics else None

    @property
    def helpline(self) -> str | None:
        """The first helpline named, if any."""
        return self.helplines[0] if self.helplines else None

    def public(self) -> dict[str, Any]:
        """The slots worth showing (JSON output, logs): only what was found."""
        out: dict[str, Any] = {}
        for name in ("metrics", "helplines", "dimensions", "years", "months", "weekdays", "numbers"):
            value = getattr(self, name)
            if value:
                out[name] = list(value)
        if self.categories:
            out["categories"] = [c for _, c in self.categories]
        for name in ("relative_year", "year_shift", "open_range_from", "hour", "aggregation", "top_n"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.date:
            out["date"] = list(self.date)
        if self.day_part:
            out["day_part"] = list(self.day_part)
        for name in ("span", "whole_year", "week", "premise", "fabrication", "injection", "followup"):
            if getattr(self, name):
                out[name] = True
        return out


def _inside_entity(m: re.Match[str], taken: list[tuple[int, int, str]]) -> bool:
    """Is this cue part of an entity's alias ("gemiddelde" in "gemiddelde gespreksduur")?"""
    return any(
        a <= m.start() and m.end() <= b for a, b, p in taken if p in ("xmetriek", "xcategorie", "xhulplijn")
    )


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class SlotExtractor:
    """Finds slots in text already normalised by bot.understand.normalize.Normalizer."""

    def __init__(self, lexicon: Lexicon, normalize: Any) -> None:
        self.lex = lexicon
        # words that say nothing of their own: a question of only these and slots is elliptic
        self.small_words: frozenset[str] = lexicon.stopwords

        # Aliases are normalised like questions, so "CLB-chat" and "clb - chat" meet.
        def norm(alias: str) -> str:
            return str(normalize(alias, correct=False))

        # Every alias of every entity, longest first. Its regular expression is compiled the
        # first time its longest word occurs in a question (most never do), which keeps the
        # start of `hulplijnbot ask` fast.
        self._entities: list[tuple[_LazyPattern, Entity, bool]] = []
        for entity in lexicon.entities:
            for alias, weak in [(a, False) for a in entity.aliases] + [
                (a, True) for a in entity.weak_aliases
            ]:
                text = norm(alias)
                if text:
                    # "first time" also matches "first - time" (a hyphen is its own token)
                    body = _alias_body(text, lexicon.alias_fillers)
                    needle = max(text.split(" "), key=len)
                    self._entities.append(
                        (_LazyPattern(rf"(?<![\w'/]){body}(?![\w'/])", needle), entity, weak)
                    )
        self._entities.sort(key=lambda item: -len(item[0].source))
        self._by_needle: dict[str, list[int]] = {}
        for index, (pattern, _, _) in enumerate(self._entities):
            self._by_needle.setdefault(pattern.needle, []).append(index)
        month_words = _alternation(list(lexicon.months))
        self._month = re.compile(rf"(?<![\w'])({month_words})(?![\w'])")
        self._month_number = re.compile(
            r"(?<![\w/])(?:(?P<y1>20\d\d)(?: - |/)(?P<m1>0?[1-9]|1[0-2])(?![\w/:-])"
            r"|(?P<m2>0?[1-9]|1[0-2])(?: - |/)(?P<y2>20\d\d)(?![\w/])"
            r"|maand (?P<m3>0?[1-9]|1[0-2])(?: (?:van|in) (?P<y3>20\d\d))?(?![\w/])"
            # "5/20": a month and a two-digit year (no day/month: 20 is no month)
            # ("12/18 jaar": ages, no December 2018)
            r"|(?P<m4>0?[1-9]|1[0-2])/(?P<y4>1[3-9]|2\d)(?![\w/])(?! ?- ?jarigen| jaar(?![\w])))"
        )
        parts = _alternation([p for p in lexicon.day_parts if " " not in p])
        self._weekday = re.compile(rf"(?<![\w'])({_alternation(list(lexicon.weekdays))})({parts})?(?![\w'])")
        self._day_part = re.compile(rf"(?<![\w'])({_alternation(list(lexicon.day_parts))})(?![\w'])")
        self._date_slash = re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?![\w/])")
        self._date_words = re.compile(rf"(?<![\w/])(\d{{1,2}}) ({month_words})(?![\w'])")
        # "Ik las op 3 oktober dat ...", "Op 3/10 hoorde ik dat ...": when a claim was read, no
        # day of what it claims
        day = rf"(?P<day>\d{{1,2}}(?: (?:{month_words})|/\d{{1,2}}(?:/\d{{2,4}})?))"
        heard = r"(?:las|lees|hoorde|hoor|zag|zie|gelezen|gehoord|gezien|schreef|schreven)"
        self._heard_when = [
            re.compile(
                rf"(?<![\w]){heard}(?: ik| we| wij| hij| ze| zij)? (?:op|sinds) {day}(?= (?:\w+ ){{0,3}}dat )"
            ),
            re.compile(
                rf"(?:^|(?<=[.!?] ))op {day} {heard} (?:ik|we|wij|hij|ze|zij)(?= (?:\w+ ){{0,3}}dat )"
            ),
        ]
        # "hoeveel maanden hadden meer gesprekken dan september?": months against that month
        self._than_a_month = re.compile(
            rf"(?<![\w])(?P<cue>meer|minder|hoger|lager) (?P<gap>(?:[a-z]+ ){{0,8}}?)"
            rf"(?P<tail>dan (?:in )?(?P<month>{month_words}))(?![\w])(?! (?:20\d\d|\d))"
        )
        # "de laatste week van september 2020": the week that starts on that month's last Monday
        self._week_of_month = re.compile(
            rf"(?<![\w])(?:de )?(eerste|tweede|derde|vierde|laatste) week (?:van|in) "
            rf"({month_words}) (20\d\d)(?![\w])"
        )
        self._time = re.compile(
            r"(?<![\w/])(?:(?:om|rond|omstreeks|na|voor|vanaf|tot|tussen|tegen) )?"
            r"(\d{1,2})(?:(?::|u|h)(\d{2})?|(?: uur))(?![\w/])(?! per (?:week|dag|maand))"
        )
        # "tussen 19u en 22u": a window of hours, not the hour 22
        self._time_window = re.compile(
            r"(?<![\w/])(?:tussen|van) (\d{1,2})(?:u|h|:00| uur)? (?:en|tot|-) "
            r"(\d{1,2})(?:u|h|:00| uur)(?![\w/])"
        )
        self._time_bare = re.compile(r"(?<![\w/])(?:om|rond|omstreeks) (\d{1,2})(?![\w/:])")
        self._year = re.compile(r"(?<![\w'/])(20\d\d)(?![\w/])")
        self._year_short = re.compile(r"(?<![\w])'(\d\d)(?![\w])")
        # "mei 20", "feb 19 vs feb 20": two digits right after a month, ending the question or
        # before what joins two periods or names the helpline ("september 19 bij nupraatikerover"), are
        # its year (never "in mei 20 gesprekken")
        self._year_after_month = re.compile(
            rf"(?<![\w'])(?:{month_words}) (1\d|2\d)"
            r"(?= *$| (?:vs|versus|tov|t o v|tegenover|en|of|met|verschil|samen|totaal|gemiddeld|bij|voor)\b)"
        )
        self._relative = re.compile(rf"(?<![\w])({_alternation(list(lexicon.relative_years))})(?![\w])")
        self._shifts = re.compile(rf"(?<![\w])({_alternation(list(lexicon.year_shifts))})(?![\w])")
        ordinal = _alternation(list(lexicon.ordinals))
        self._quarters_listed = re.compile(
            rf"(?<![\w])({ordinal}) (en|tot|tem|tot en met) (?:het )?({ordinal}) kwartaal(?![\w])"
        )
        quarter = (
            rf"(?:({ordinal}) kwartaal|q ?([1-4])|kwartaal ([1-4]))(?![\w])"  # "het derde kwartaal", "Q3"
        )
        self._quarter = re.compile(rf"(?<![\w]){quarter}")
        # "het kwartaal vóór het derde kwartaal": the second (the third was given)
        self._quarter_next_to = re.compile(
            rf"(?<![\w])kwartaal (na|voor|volgend op|voorafgaand aan) (?:het )?{quarter}"
        )
        # "... dan in het eerste", "tegenover het derde": another quarter, its noun left out
        self._other_quarter = re.compile(
            rf"(?: (?:van|in) (?:19|20)\d\d)?[\w ]{{0,40}}? (?:dan|tegenover|met|versus|vs|en) "
            rf"(?:in |met )?het ({ordinal})(?![\w])(?! kwartaal)"
        )
        # "de eerste jaarhelft", "H1 2020", "S2"
        self._half = re.compile(
            rf"(?<![\w])(?:({ordinal}) (?:jaarhelft|helft|semester|halfjaar|half jaar)|[hs] ?([12]))(?![\w])"
        )
        count_words = _alternation([w for w, n in lexicon.number_words.items() if 1 <= n <= 12])
        self._month_count = re.compile(
            # (also "de drie lockdownmaanden": a named kind of months)
            rf"(?<![\w])(die|diezelfde|dezelfde|deze|zelfde|de) (\d{{1,2}}|{count_words})"
            rf" (?:(?:{_alternation(list(lexicon.periods))}) ?)?maanden(?![\w])"
        )
        self._helpline_count = re.compile(
            rf"(?<![\w])(?:de|alle|die|deze|diezelfde) (\d{{1,2}}|{count_words})"
            r"(?= (?:andere )?(?:hulplijnen|lijnen|chatdiensten|chatlijnen)(?![\w]))"
        )
        self._counted_back = re.compile(
            rf"(?<![\w])(?:die|deze|alle) (\d|{count_words})"
            r"(?= (?:(?:\w+ )?(?:op|samen|bij elkaar|opgeteld)|optellen)(?![\w]))"
        )
        # ("beide campagneweken": the two)
        self._week_count = re.compile(
            rf"(?<![\w])(\d|{count_words}|beide|allebei) (?=(?:[a-z]+ )?[a-z]*weken(?![\w]))"
        )
        self._first_months = re.compile(
            rf"(?<![\w])(eerste|laatste) (\d{{1,2}}|{count_words}) maand(?:en)?(?![\w])"
        )
        self._periods = re.compile(rf"(?<![\w])({_alternation(list(lexicon.periods))})(?![\w])")
        # "maart 2020, het begin van de lockdown": a month described as an end of a named period
        self._period_edge = re.compile(
            r"(?<![\w])(?:het |de )?(?P<edge>begin|start|aanvang|einde|eind|slot) van (?:de |het )?"
            rf"(?P<period>{_alternation(list(lexicon.periods))})(?![\w])"
        )
        self._whole_year = re.compile(
            r"(?<![\w])(?:heel|hele|volledige?|gans|ganse|geheel|gehele|totale) (?:het )?(?:jaar|20\d\d)"
            r"|(?<![\w])(?:jaartotaal|jaarcijfers?|op jaarbasis|over het jaar|per jaar|jaarlijks)"
            r"(?![\w])"
        )
        self._from_month = re.compile(rf"(?<![\w])(?:vanaf|sinds|na) ({month_words})(?![\w])")
        self._until_month = re.compile(rf"(?<![\w])(?:tem|tot|-) ({month_words})(?![\w])")
        self._decimals = re.compile(
            rf"(?<![\w])(?:(?:afgerond )?(?:tot )?(?:op|met) )?(\d|{count_words}) "
            rf"(?:{_alternation(lexicon.precision_units)})(?![\w])"
        )
        self._whole_number = re.compile(
            r"(?<![\w])(?:afgerond )?(?:op|tot|in|naar) (?:een |de )?"
            rf"(?:{_alternation(lexicon.precision_whole) or '(?!)'})(?![\w])"
        )
        # "top 3", "de drie grootste", "de 2 meest gemelde", "welke drie maanden hadden de meeste"
        ranked = (
            r"(?:grootste?|belangrijkste|meest|meeste|hoogste?|voornaamste|drukste?|rustigste?|laagste?"
            r"|kleinste?|stilste?|minst|minste|sterkste?|vaakst)"  # ("het rustigst": no -e)
        )
        self._top = re.compile(
            rf"(?<![\w])(?:top ?(\d|{count_words})(?![\w])"
            rf"|(?:de|die|deze) (\d|{count_words}) (?={ranked}(?![\w]))"
            rf"|(?:welke|de) (\d|{count_words}) (?=(?:maanden|hulplijnen|lijnen|problematieken|categorieen)"
            rf"(?![\w])[^.?!;]*(?<![\w]){ranked}(?![\w])))"
        )
        # "in welke maanden stuurde Awel 4 jongeren door?": a count of persons is a value too
        self._exactly = _exactly(w for w, unit in lexicon.unit_words.items() if unit == "persoon")
        self._month_shifts = [
            (re.compile(rf"(?<![\w]){re.escape(k)}(?![\w])"), v) for k, v in lexicon.month_shifts.items()
        ]
        self._week_shifts = [
            (re.compile(rf"(?<![\w]){re.escape(k)}(?![\w])"), v) for k, v in lexicon.week_shifts.items()
        ]
        comparison = [p.pattern for name, p in lexicon.aggregations if name == "vergelijking"]
        self._compares = re.compile("|".join(f"(?:{p})" for p in comparison) or "(?!)")
        grouped: dict[str, list[str]] = {}
        for name, cue in lexicon.aggregations:
            grouped.setdefault(name, []).append(f"(?:{cue.pattern})")
        self._aggregations = [(name, re.compile("|".join(parts))) for name, parts in grouped.items()]
        self._strong_anaphora = re.compile(
            rf"(?<![\w])(?:{_alternation(lexicon.strong_anaphora) or '(?!)'})(?![\w])"
        )
        then = lexicon.anaphora_then
        clause = _alternation([w for w in then["clause_starts"] if w != "het"])
        # "toen" as the word that points back, not as the start of a clause of its own
        self._then = re.compile(
            rf"(?<![\w])(?:{_alternation(then['then'])})(?![\w])(?! (?:{clause})(?![\w]))"
            rf"(?! het (?!(?:{_alternation(then['then_after_het'])})(?![\w])))"
            rf"|(?<![\w])(?:{_alternation(then['dan_after'])}) (?:er )?(dan)(?![\w])(?! \d)"
        )
        self._measure_pointed = re.compile(rf"(?<![\w])(?:{_alternation(then['before_measure'])}) $")
        self._anaphora = re.compile(rf"(?<![\w])({_alternation(lexicon.anaphora)})(?![\w])")
        self._all_months = re.compile(rf"(?<![\w])({_alternation(lexicon.all_months)})(?![\w])")
        self._all_helplines = re.compile(rf"(?<![\w])({_alternation(lexicon.all_helplines)})(?![\w])")
        self._equal = re.compile(rf"(?<![\w])({_alternation(lexicon.equal)})(?![\w])")
        self._rest = re.compile(rf"(?<![\w])({_alternation(lexicon.rest)})(?![\w])")
        month_names = _alternation(list(lexicon.months))
        self._month_next_to = re.compile(
            rf"(?<![\w])de maand (na|voor|volgend op|voorafgaand aan) ({month_names})(?![\w])"
        )
        counts = rf"{_alternation(list(lexicon.number_words))}|\d{{1,2}}"
        # "twee maanden na april": June, not May onwards
        self._months_next_to = re.compile(
            rf"(?<![\w])({counts}) maanden? (na|voor|later dan|eerder dan|volgend op|voorafgaand aan) "
            rf"({month_names})(?![\w])"
        )
        ordinals = _alternation([*lexicon.ordinals, "laatste", "middelste"])
        # "de eerste maand van het tweede kwartaal": April, not January and the quarter
        self._month_of_quarter = re.compile(
            rf"(?<![\w])de ({ordinals}) maand van (?:het )?({ordinals}) kwartaal(?![\w])"
        )
        # "en de twee maanden erna samen?": the months after the one asked before
        self._months_run = re.compile(
            rf"(?<![\w])de ({counts}) maanden (erna|daarna|ervoor|daarvoor)(?![\w])"
        )
        # ("voor mei" is mostly "for May": only the accented "vóór" is "before")
        self._before_month = re.compile(rf"(?<![\w])(voorafgaand aan) ({month_names})(?![\w])")
        self._month_named_before = re.compile(rf"(?<![\w])(?:{month_names})(?: (?:19|20)\d\d)? $")
        weekday_names = _alternation(list(lexicon.weekdays))
        self._weekday_too = re.compile(
            rf"(?<![\w])ook (?:de |het )?({weekday_names})[a-z]* (?:erbij|bij|mee)(?![\w])"
        )
        self._month_after = re.compile(
            rf"[a-z]*(?: maand|maand) (?:van |in )?(?:{_alternation(list(lexicon.months))})(?![\w])"
            # ("de rustigste maand van januari tot september": a range, no month described)
            r"(?!\s*(?:-|tot(?![\w])|t e m(?![\w])|tem(?![\w])))"
        )
        self._month_pointed = re.compile(rf"(?<![\w])({_alternation(then['month'])})(?![\w])")
        self._day_pointed = re.compile(rf"(?<![\w])({_alternation(then['day'])})(?![\w])")
        counts = _alternation(list(lexicon.number_words))
        self._months_pointed = re.compile(
            rf"(?<![\w])(?:{_alternation(then['months'])})(?: (?:{counts}|\d+))? maanden(?![\w])"
        )
        self._months_counted = re.compile(rf"(?<![\w])(?:{_alternation(then['months_counted'])})(?![\w])")
        self._year_pointed = re.compile(rf"(?<![\w])({_alternation(then['year'])})(?![\w])")
        self._quarter_pointed = re.compile(rf"(?<![\w])({_alternation(then['quarter'])})(?![\w])")
        self._helpline_pointed = re.compile(rf"(?<![\w])({_alternation(then['helpline'])})(?![\w])")
        self._added = re.compile(rf"(?<![\w])({_alternation(lexicon.added)})(?![\w])")
        self._until_then = re.compile(rf"(?<![\w])({_alternation(lexicon.until_then)})(?![\w])")
        self._all_years = re.compile(rf"(?<![\w])({_alternation(lexicon.all_years)})(?![\w])")
        self._nth_month = re.compile(rf"(?<![\w])(?:de )?({ordinal}) maand(?![\w])")
        # "in maand negen van 2020": the month by its number
        count_words_12 = _alternation([w for w, n in lexicon.number_words.items() if 1 <= n <= 12])
        self._numbered_month = re.compile(
            rf"(?:(?<=\bin )|(?<=\buit ))maand (\d{{1,2}}|{count_words_12})(?![\w])"
        )
        self._dimension_words = re.compile(
            rf"(?<![\w])({_alternation(list(lexicon.dimension_words))})(?![\w])"
        )
        # "de campagneweken": the weeks the weekly figures are given for (all of them campaign
        # weeks in the source; a question about other weeks finds none)
        self._week = re.compile(
            r"(?<![\w])(?:(?:campagne ?|vlog ?)?(?:week|weken)|wekelijks|per week|weekcijfers?)(?![\w])"
        )
        big = _alternation([w for w, n in lexicon.number_words.items() if n >= 10])
        # ("een vijftigtal": about fifty, a number said roughly)
        self._claim_number = re.compile(rf"(?<![\w])({big})(tal)?(?![\w])")
        self._number = re.compile(r"(?<![\w/:'])(\d+(?:[.,]\d+)?)( ?%| procent)?(?![\w/:])")
        cues = {k: _alternation(v) for k, v in lexicon.measures_compared.items()}
        # the words between two measures set against each other end in "tegenover (het aantal)"
        # or, after a comparative, in "dan"/"als"; none of them ends a sentence
        # ("tov dat aantal bezoekers": the measure the answer before gave, named again)
        determiner = r"(?:(?:het aantal|dat aantal|het|de|die|die van de|dat van de) )?"
        self._measures_against = re.compile(rf"^[^.?!;]*?(?<![\w])(?:{cues['against']}) {determiner}$")
        self._measures_than = re.compile(rf"^[^.?!;,]*?(?<![\w])(?:{cues['than']}) {determiner}$")
        self._measures_comparative = re.compile(rf"(?<![\w])(?:{cues['comparatives']})(?![\w])")
        self._measures_between_lead = re.compile(
            rf"(?<![\w])(?:{cues['between']})(?: (?:het aantal|het|de|alle))? $"
        )
        self._measures_between = re.compile(rf"^[^.?!;]{{0,40}}?(?<![\w])(?:en|met) {determiner}$")
        # one measure after "verschil met", "tegenover" or a comparative's "dan": set against
        self._measure_against_lead = re.compile(
            rf"(?<![\w])(?:(?:{cues['against']})|(?:{cues['comparatives']})(?: \w+){{0,3}} "
            rf"(?:met|{cues['than']})) {determiner}(?:\w+ - )?$"  # ("chatknop-bezoekers")
        )
        self._fresh = re.compile(
            rf"^(?:(?:{_alternation(lexicon.fresh_lead)}) )*(?:{_alternation(lexicon.fresh_starts)})(?![\w])"
        )
        self._followup = re.compile(rf"^(?:{_alternation(lexicon.followup_starts)})(?![\w])")
        self._heard_on = re.compile(rf"(?<![\w])(?:op|via|in) (?:{_alternation(lexicon.heard_on)})(?![\w])")
        not_premise = _alternation(lexicon.premise_not_before) or "(?!)"
        self._cue_sets = {
            name: re.compile(
                rf"(?<![\w])(?:{_alternation(cues)})(?![\w])"
                + (rf"(?! (?:{not_premise})(?![\w]))" if name == "premise" else "")
            )
            for name, cues in (
                ("premise", lexicon.premise_cues),
                ("fabrication", lexicon.fabrication_cues),
                ("injection", lexicon.injection_cues),
                ("ratio_question", lexicon.ratio_cues),
            )
        }

    def extract(self, text: str) -> Slots:
        """The slots of one normalised question, with the spans of the words each part used."""
        slots = Slots()
        taken: list[tuple[int, int, str]] = []

        def free(m: re.Match[str] | _Span, group: int = 0) -> bool:
            a, b = m.span(group)
            return all(b <= s or a >= e for s, e, _ in taken)

        def take(m: re.Match[str] | _Span, placeholder: str, group: int = 0) -> None:
            taken.append((*m.span(group), placeholder))

        def use(m: re.Match[str] | None) -> bool:
            """Mark the words of a cue as used by the question's parts; True when it matched."""
            if m is None:
                return False
            slots.used.append(m.span())
            return True

        for m in _ENDS_INCLUDED.finditer(text):
            take(m, "")
            use(m)
        for m in _NOT_THE_WHOLE_YEAR.finditer(text):
            take(m, "")  # "van januari tot september, dus niet het volledige jaar": a clarification
            use(m)
        for m in _BOUND_ASKED.finditer(text):
            # "meer dan hoeveel nieuwe oproepers in 2019?": the bound the source gives is asked,
            # no comparison ("meer dan" compared two years)
            take(_Span(*m.span(1)), "")
            use(m)
        fresh = self._fresh.search(text)
        slots.fresh = use(fresh)
        start = fresh.end() if fresh else 0  # "los daarvan": no pointing back
        slots.followup = not slots.fresh and use(self._followup.search(text))
        for m in self._anaphora.finditer(text, start):
            slots.anaphora = use(m)
        for m in self._strong_anaphora.finditer(text, start):
            slots.points_back = use(m)
        for m in _ABOUT_THAT.finditer(text, start):
            # "gingen daar in 2020 over": "daarover" with words between (the count of the whole
            # year was given, the group pointed at dropped)
            slots.points_back = True
            slots.used += [m.span(1), m.span(2)]
        for m in self._then.finditer(text, start):
            slots.points_back = slots.then_pointed = use(m)
        chain_part = _CHAIN_PART.search(text)
        if chain_part and (chain_part.group(2).isdigit() or chain_part.group(2) in self.lex.number_words):
            word = chain_part.group(2)
            slots.chain_part = (
                chain_part.group(1),
                int(word) if word.isdigit() else self.lex.number_words[word],
            )
            use(chain_part)
        for m in _THEN_AFTER.finditer(text, start):
            before = text[: m.start()].split()[-4:]
            if m.start() and not set(before) & set(self.lex.anaphora_then["dan_not_after"]):
                slots.then_after = True
        ordinal = _ORDINAL_ONLY.match(text)
        if ordinal and ordinal.group("n") in self.lex.ordinals:
            slots.ordinal_only = self.lex.ordinals[ordinal.group("n")]
            take(_Span(*ordinal.span("n")), "xperiode")
        none_from = _NONE_FROM.search(text)
        if none_from and re.search(r"(?<![\w])(?:geen|niemand|niets)(?![\w])", none_from.group(0)):
            slots.none_from = True
            slots.used.append(none_from.span("more"))
        placed = _FIGURE_POSITION.search(text)
        if placed and free(placed):
            word = placed.group("n")
            slots.figure_position = -1 if word == "laatste" else self.lex.ordinals[word]
            take(placed, "xperiode")
        for m in _OTHER_MONTHS.finditer(text):
            slots.other_months = use(m)  # "in welke andere maanden": not the months before
        for name, pattern in self._cue_sets.items():
            for m in pattern.finditer(text):
                setattr(slots, name, use(m))
        for m in (m for pattern in self._heard_when for m in pattern.finditer(text)) if slots.premise else ():
            take(_Span(*m.span("day")), "")
            use(m)
        for m in self._heard_on.finditer(text) if slots.premise else ():
            take(m, "")  # "iemand op Twitter beweert dat ...": where the claim was read
            use(m)
        for m in self.lex.division.finditer(text):
            slots.ratio_question = slots.divided = use(m)
            for pointer in _FIGURE_POINTED.finditer(text):
                use(pointer)  # "deel het tweede door het eerste": the figures asked in turn
        rest = self._rest.search(text)
        if rest:  # "en de rest?": everyone but the group asked before
            slots.rest = True
            take(rest, "")
        self._find_sources(text, slots, free, take)
        self._find_thresholds(text, slots, free, take)
        self._find_dates_and_times(text, slots, free, take)
        self._find_entities(text, slots, free, take)
        _count_of_which_months(text, slots, free, take)
        _threshold_measure(text, slots)
        if slots.threshold_span is not None:
            slots.asked_before_threshold = (
                _MONTHS_QUESTION.search(text[: slots.threshold_span[0]]) is not None
            )
        for m in self._dimension_words.finditer(text):
            use(m)
            dimension = self.lex.dimension_words[m.group(1)]
            if dimension not in slots.dimensions:
                slots.dimensions.append(dimension)
        self._find_vague_periods(text, slots, free, take)
        # (before the months by number: "... die maand? 1 decimaal" is no month 1)
        for m in self._decimals.finditer(text):
            if free(m):  # "op 1 decimaal": how to round, no figure of the question
                word = m.group(1)
                slots.decimals = int(word) if word.isdigit() else self.lex.number_words[word]
                take(m, "")
        for m in self._whole_number.finditer(text):
            if free(m):  # "afgerond op een geheel getal"
                slots.decimals = 0
                take(m, "")
        for m in self._month_number.finditer(text):  # "2020-05", "05/2020", "maand 9 van 2019"
            if free(m):
                month = int(m.group("m1") or m.group("m2") or m.group("m3") or m.group("m4"))
                year = m.group("y1") or m.group("y2") or m.group("y3")
                slots.numbered_months.append((m.start(), m.end(), month))
                if year:
                    slots.years.append(int(year))
                elif m.group("y4"):
                    slots.years.append(2000 + int(m.group("y4")))
                take(m, "xperiode")
        self._find_years(text, slots, free, take)
        self._find_months(text, slots, free, take)
        self._find_points(text, slots, taken)
        for m in self._weekday.finditer(text):
            # "naast woensdag", "de andere dagen dan woensdag": the other days
            besides = _BESIDES.search(text[: m.start()]) or _OTHER_THAN.search(text[: m.start()])
            if besides and free(m):
                slots.used.append(besides.span())
            if free(m) and (
                besides or _excluded(text, m.start(), slots) or _excluded_after(text, m.end(), take)
            ):
                # "buiten de woensdag", "woensdag niet meegeteld"
                slots.excluded_weekdays.append(self.lex.weekdays[m.group(1)])
                take(m, "xdag")
            elif free(m):
                slots.weekdays.append(self.lex.weekdays[m.group(1)])
                if m.group(2) and slots.day_part is None:  # "dinsdagavond"
                    slots.day_part = self.lex.day_parts[m.group(2)]
                take(m, "xdag")
        for m in self._day_part.finditer(text):
            if free(m) and slots.day_part is None:
                slots.day_part = self.lex.day_parts[m.group(1)]
                take(m, "xtijd")
        for m in self._week.finditer(text):
            slots.week = use(m)
        nth = _WEEK_INDEX.search(text)
        if nth:
            slots.week_index = self.lex.ordinals.get(nth.group(1) or nth.group(2), 1)
            use(nth)
        slots.when_question = _WHEN_QUESTION.search(text) is not None
        slots.meaning_question = _MEANING_QUESTION.search(text) is not None
        for m in _COUNT_QUESTION.finditer(text):
            slots.count_question = use(m)
        if _HELPLINES_COUNTED.search(text):
            slots.helplines_counted = True
            if "per_hulplijn" not in slots.aggregations:
                slots.aggregations.append("per_hulplijn")
                slots.aggregation = slots.aggregation or "per_hulplijn"
        count = _COUNT_WORD.search(text)
        if count:
            slots.counted_metric = self._counted(text[count.end() :])
        shifted: dict[str, tuple[int, int]] = {}
        for shifts, name in ((self._month_shifts, "month_shift"), (self._week_shifts, "week_shift")):
            for pattern, offset in shifts:
                shift = pattern.search(text)
                if shift and free(shift) and use(shift):
                    setattr(slots, name, offset)
                    shifted[name] = shift.span()
                    if name == "month_shift":
                        # a period of its own ("een maand later"): no word of it is left to
                        # resemble another question ("tot later"). (A week later is also when
                        # the second vlogger posted: those words stay for the facts.)
                        take(shift, "xperiode")
                    break
        _shift_within(text, slots, shifted, [(b, kind) for _, b, kind in taken])
        for m in self.lex.after_then.finditer(text):
            # (not a word of a shift or a run: "de maand erna", "de twee maanden daarna")
            if free(m) and not any(a <= m.start() and m.end() <= b for a, b in slots.used):
                slots.after_then = use(m)
        for pattern, position in self.lex.rank_positions:
            if use(pattern.search(text)):
                slots.rank_position = position
                break
        slots.exact_asked = use(self.lex.exact.search(text))
        for m in _PERCENT_QUESTION.finditer(text):
            slots.percent_question = use(m)
        # a measure or split that some source does give is an alias, taken already: only what
        # no entity claims counts as unsupported ("gespreksduur" once a source brings it)
        for pattern, label in self.lex.unsupported_measures:
            found = pattern.search(text)
            if found and free(found) and use(found):
                slots.unsupported = label
                break
        for pattern, label in self.lex.unsupported_breakdowns:
            found = pattern.search(text)
            if found and free(found) and use(found):
                slots.breakdown = label
                break
        slots.all_months = use(self._all_months.search(text))
        slots.all_years = use(self._all_years.search(text))
        slots.all_helplines = use(self._all_helplines.search(text))
        slots.month_pointed = self._month_pointed.search(text) is not None
        slots.months_pointed = self._months_pointed.search(text) is not None
        slots.months_counted = use(self._months_counted.search(text))
        slots.day_pointed = use(self._day_pointed.search(text))
        slots.year_pointed = self._year_pointed.search(text) is not None
        slots.helpline_pointed = use(self._helpline_pointed.search(text))
        slots.quarter_pointed = use(self._quarter_pointed.search(text))
        slots.until_then = use(self._until_then.search(text))
        added = self._added.search(text)
        if added and text[: added.start()].endswith("niet "):
            added = None  # "als je mei niet meetelt": May left out, not added
        slots.added = use(added)
        if slots.added:
            for more in self._added.finditer(text, added.end() if added else 0):
                use(more)  # "samen met risicosituatie erbij": both words add (one was not understood)
        if added and re.search(r"(?:telt|rekent|neemt)$", added.group(0)) and free(added):
            take(added, "")  # ("en als je april erbij telt?": no question of what a figure counts)
        slots.equal = self._equal.search(text) is not None
        slots.per_quarter = use(_PER_QUARTER.search(text))
        for m in _PER_MONTH.finditer(text):
            # ("in de eerste negen maanden van 2020": a period's words ask for no month by month)
            if free(m) or not slots.span:
                slots.per_month = use(m)
        for m in _PER_UNIT.finditer(text):
            use(m)
        age = _AGE_RANGE.search(text)
        if age is None and slots.percent_question and not slots.metrics:
            # "hoeveel % zit er samen tussen 12 en 18?": a share of no measure between two ages
            age = _BARE_AGES.search(text)
        if age and int(age.group(1)) < int(age.group(2)) and free(age):
            slots.age_range = (int(age.group(1)), int(age.group(2)))
            take(age, "xcategorie")
            ages = self.lex.age_dimension
            if ages and ages not in slots.dimensions:
                slots.dimensions.append(ages)  # an age range is a group of the ages
        top = self._top.search(text)
        if top and free(top):
            word = top.group(1) or top.group(2) or top.group(3)
            slots.top_n = int(word) if word.isdigit() else self.lex.number_words[word]
            take(top, "top")
        inside = slots.threshold_span or (0, 0)
        bounds = [m.span(1) for m in _BOUND_ASKED.finditer(text)]
        for name, cues in self._aggregations:
            # a "meer dan" that is a threshold ("meer dan 80") compares no two figures, nor one
            # that asks the bound ("meer dan hoeveel")
            matched = [
                a
                for a in cues.finditer(text)
                if not (inside[0] <= a.start() and a.end() <= inside[1])
                and not _inside_entity(a, taken)
                and not any(s <= a.start() and a.end() <= e for s, e in bounds)
            ]
            if name in ("hoogste", "laagste"):
                # "zonder de piekmaand april": a month described, no ranking asked
                described = [a for a in matched if self._month_after.match(text, a.end())]
                slots.used += [a.span() for a in described]
                matched = [a for a in matched if a not in described]
            if name in ("per_maand", "per_hulplijn"):
                # "ik heb enkel het totaal nodig, geen opdeling": a breakdown declined is none asked
                declined = [(a, _DECLINED.search(text, max(0, a.start() - 24), a.start())) for a in matched]
                slots.used += [(no.start(), a.end()) for a, no in declined if no is not None]
                matched = [a for a, no in declined if no is None]
            if matched and slots.aggregation is None:
                slots.aggregation = name
            if matched:
                slots.aggregations.append(name)
            for a in matched:
                use(a)  # every calculation named is a part of the query (Query.operations)
        for start, end, _ in slots.metric_spans:
            more_after = _MORE_AFTER_MEASURE.match(text, end)
            if more_after and text[:start].endswith("hoeveel ") and use(more_after):
                # "hoeveel nieuwe oproepers meer in mei 2020?": a measure of any length, then "meer"
                _add_aggregation(slots, "vergelijking")
        if use(_HOW_MANY_MORE.search(text)):
            _add_aggregation(slots, "vergelijking")
        above_whole = _ABOVE_A_WHOLE_YEAR.search(text)
        if above_whole and use(above_whole):
            # "zitten de gesprekken van 2020 al boven heel 2019?": one figure against the other (a
            # code cue: as a lexicon cue its words would be vocabulary of every comparison)
            _add_aggregation(slots, "vergelijking")
        for order in ("ascending", "descending"):
            found = self.lex.ranking_order[order].search(text) if order in self.lex.ranking_order else None
            if found and free(found) and use(found):
                take(found, "")  # an order only: no word of it is left to resemble a question
                slots.ranking_order = order
        for m in self._weekday_too.finditer(text):
            # "welke avonden is de chat open? Graag ook de woensdag erbij": every day, that one too
            day = self.lex.weekdays.get(m.group(1))
            if day in slots.weekdays and use(m):
                slots.weekdays.remove(day)
        self._month_by(text, slots, use)
        # (a month a ranking finds is no dated fact's: "de maand waarin 1712 het meest doorverwees")
        ranked = slots.month_by is not None and slots.month_by_helpline is not None
        event = _MONTH_OF_EVENT.search(text)
        if event and self._month_named_before.search(text[: event.start()]):
            # "in maart 2020, de maand waarin de lockdown begon": the month is named, and the
            # clause after it describes it (no dated fact was looked up to find a month)
            take(_Span(event.start(), len(text)), "")
            slots.used.append((event.start(), len(text)))
            event = None
        slots.month_of_event = not ranked and use(event)
        if slots.percent_question and len(slots.helpline_spans) == 1 and _own_total_of_helpline(text, slots):
            # "welk percentage van het CLB-totaal is dat?": of that helpline's own total (the
            # total of every helpline was taken)
            slots.share_within_helpline = True
        elif slots.percent_question and len(slots.helpline_spans) == 1 and slots.months:
            first_month = self._month.search(text)
            end = slots.helpline_spans[0][1]
            between = (
                text[end : first_month.start()]
                if first_month is not None and end <= first_month.start()
                else ""
            )
            # "... door Awel viel in maart": the months are the part ("in het totaal ... tussen maart
            # en september" names the period of the whole)
            slots.share_within_helpline = bool(_FELL_IN.search(between)) and "totaal" not in between
        if slots.rank_position and not {"hoogste", "laagste", "per_hulplijn"} & set(slots.aggregations):
            slots.aggregations.append("hoogste")  # "welke maand stond derde?": from the top
            slots.aggregation = slots.aggregation or "hoogste"
        self._ranking_order(text, slots, free)
        # (the names of the helplines are data: "de namen van de hulplijnen die doorverwezen")
        helplines_named = _HELPLINE_WORD.search(text) is not None
        names = self.lex.names_asked.search(text)
        slots.names_asked = bool(names) and not slots.count_question and not helplines_named and use(names)
        if names and helplines_named and use(names) and "per_hulplijn" not in slots.aggregations:
            # the helplines by name, each with its figure: what any ranking asked ranks
            slots.aggregations.insert(0, "per_hulplijn")
            slots.aggregation = "per_hulplijn"
        against = _AGAINST_YEAR.search(text)
        if against and "vergelijking" in slots.aggregations:
            slots.reference_year = int(against.group(1))  # "minder in 2019 dan in 2020": 2020 is the base
            said = _THEN_AFTER_VERB.search(text[: against.start() + 3])
            if said and len(set(slots.years)) == 1:
                slots.ambiguous_than = "op" if said.group("more") else "af"
        extreme = {"hoogste", "laagste"} & set(slots.aggregations)
        slots.months_asked = _MONTHS_ASKED.search(text) is not None
        same = self.lex.change_ranking.get("same")
        # "in welke maand was het aantal gelijk aan dat van dezelfde maand in 2019?": the months
        # with no change (the month was asked back as one pointed at)
        same_asked = bool(same and same.search(text) and _WHICH_MONTHS_ASKED.search(text))
        if same_asked and "vergelijking" not in slots.aggregations:
            _add_aggregation(slots, "vergelijking")
        if (
            "vergelijking" in slots.aggregations
            and slots.per_month
            and (extreme or slots.months_asked or same_asked)
        ):
            # ("in hoeveel maanden steeg het aantal tegenover de maand ervoor?": no ranking, the
            # months that went up)
            self._change_ranking(text, slots, use)
        if slots.base_metric is not None:
            # "van alle awel-gesprekken": the whole of the share, of one helpline
            # ("van alle gesprekken bij Awel": the same, named after it)
            spans = [(s, e) for s, e, key in slots.metric_spans if key == slots.base_metric]
            slots.base_helpline = any(
                0 <= s - he <= 3 or _OF_HELPLINE.fullmatch(text[e:hs]) is not None
                for s, e in spans
                for hs, he, _ in slots.helpline_spans
            )
        if slots.base_metric is not None and slots.base_metric == slots.per_metric:
            if len(set(slots.metrics)) < 2:
                slots.base_metric = slots.per_metric = None  # nothing to set against it
                slots.base_against = False
            else:
                if slots.base_against and len(set(slots.metrics)) == 2:
                    # "de doorverwijzingen ten opzichte van het aantal gesprekken": one measure
                    # against another (its "ten opzichte van" was read as a comparison of periods)
                    slots.aggregations = [a for a in slots.aggregations if a != "vergelijking"]
                    slots.aggregation = slots.aggregations[0] if slots.aggregations else None
                if slots.percent_question:  # "in verhouding tot ..., in procent"
                    slots.per_metric = None
                else:
                    slots.base_metric = None
                    slots.compared_metrics = None  # a ratio, not the two set side by side
        if slots.percent_question and self.lex.division.search(text):
            # "Hoeveel procent ... (gesprekken gedeeld door bezoekers)?": how the share asked is
            # made, no ratio of its own ("X gedeeld door Y, in procent": X as a share of Y)
            if slots.base_metric is None and slots.per_metric is not None:
                slots.base_metric = slots.per_metric
            slots.ratio_question, slots.per_metric = False, None
        if slots.ratio_question and slots.aggregation is None and slots.per_metric is None:
            slots.aggregation = "vergelijking"  # a factor compares two figures
            slots.aggregations.append("vergelijking")
        if slots.aggregation == "vergelijking":
            for m in _COMPARISON_WORDS.finditer(text):
                use(m)
        for m in self._number.finditer(text):
            if free(m):
                slots.numbers.append(float(m.group(1).replace(",", ".")))
                before = text[: m.start()].split()[-1:]
                if not (before and before[0] in self.lex.quoted_not_after):
                    slots.quoted_numbers.append(slots.numbers[-1])  # "van de 600 gesprekken"
                slots.percent_claim = slots.percent_claim or bool(m.group(2))
                take(m, "xgetal")
        if slots.per_scale != 1 and float(slots.per_scale) in slots.numbers:
            # "per 100 bezoekers": the scale of a ratio, no figure asked about
            slots.numbers.remove(float(slots.per_scale))
            if float(slots.per_scale) in slots.quoted_numbers:
                slots.quoted_numbers.remove(float(slots.per_scale))
        if slots.premise and not slots.numbers:
            # "klopt het dat er zo'n tweehonderd waren?": a number written as a word
            for m in self._claim_number.finditer(text):
                if free(m):
                    slots.numbers.append(float(self.lex.number_words[m.group(1)]))
                    slots.rough_number = slots.rough_number or bool(m.group(2))
                    take(m, "xgetal")

        if slots.aggregation in ("hoogste", "laagste", "per_hulplijn"):
            # "wie verwijst er na Awel het vaakst door?": the ranking without Awel
            for kind, key in slots.after:
                if kind == "helpline" and key in slots.helplines:
                    slots.helplines.remove(key)
                    slots.excluded_helplines.append(key)
                elif kind == "category":
                    pair = next((c for c in slots.categories if c[1] == key), None)
                    if pair is not None:
                        slots.categories.remove(pair)
                        slots.excluded_categories.append(pair)
        if slots.aggregation == "vergelijking":
            for m in _NEGATED_CHANGE.finditer(text):
                use(m)  # "een maand waarin het aantal niet steeg": the months that did not rise
        for m in self._periods.finditer(text):
            use(m)  # "tijdens de lockdown, maart tem mei": the named period agrees with the months
        for m in self._period_edge.finditer(text):
            period = self.lex.periods[m.group("period")]
            if period and isinstance(period[0], int) and len(set(slots.months)) == 1:
                edge = int(period[0]) if m.group("edge") in ("begin", "start", "aanvang") else int(period[-1])
                if slots.months[0] == edge:
                    use(m)  # the month named is that end: a description, no period of its own
        year_total = _YEAR_TOTAL_OF.search(text)
        if (
            slots.aggregation == "vergelijking"
            and year_total
            and slots.whole_year_of is None
            and use(year_total)
        ):
            # "lag jan-sep 2020 al boven het jaartotaal van 2019?": that year whole (a share of
            # "het jaartotaal" is of the year's months, as the question's own total)
            slots.whole_year, slots.whole_year_of = True, int(year_total.group(1))
        slots.used.extend((a, b) for a, b, _ in taken)
        slots.masked, slots.content = self._mask(text, taken)
        splits = {split for split, _ in slots.categories}
        if (
            slots.percent_question
            and slots.aggregation is None
            and len(slots.categories) > 1
            and len(splits) == 1
            and _EITHER_GROUP.search(slots.masked)
        ):
            # "welk percentage is 12-15 of 15-18 jaar?": the share of either group, added up
            _add_aggregation(slots, "totaal")
        return slots

    def _find_sources(self, text: str, slots: Slots, free: Any, take: Any) -> None:
        """ "volgens vraag 808": the figures of one source."""
        for m in _SOURCE.finditer(text):
            if free(m):
                slots.source_number = int(m.group(1))
                take(m, "xbron")

    def _find_thresholds(self, text: str, slots: Slots, free: Any, take: Any) -> None:
        """ "boven de 100", "meer dan 80", "voor het eerst meer dan 100": a comparison with a
        value (a threshold over months, or a claim to check), found before the metric aliases
        so that "voor het eerst" before a threshold is no metric."""
        for m in _CHANGE_FRACTION.finditer(text) if slots.premise else ():
            if free(m):  # "klopt het dat het aantal met ongeveer de helft steeg?": about +50%
                value = _PARTS[m.group("numer")] * _FRACTIONS[m.group("fraction")]
                slots.numbers.append(round(value, 1))
                slots.percent_claim = slots.fraction_claim = True
                take(m, "xgetal")
        for m in _SHARE_COMPARED.finditer(text):
            if free(m):  # "meer dan de helft van alle doorverwijzingen": a share, compared
                cue = m.group("cue")
                if m.group("stated"):
                    # (said roughly: "een derde" is about 33%, whole percent as the source gives)
                    parts = _PARTS[m.group("stated_numer")]
                    adverb = m.group("adverb") or m.group("adverb2")
                    # (a bound only when a claim is checked: "Draft: 'Bijna twee derde is 12-18 jaar.'
                    # Hoeveel procent precies?" lists no groups below two thirds)
                    comparator = _FRACTION_ADVERBS.get(adverb or "", "=") if slots.premise else "="
                    # (whole as the source gives shares; a bound to one decimal: "ruim een derde"
                    # is above 33,3%)
                    exact = parts * _FRACTIONS[m.group("stated")]
                    value = float(round(exact)) if comparator == "=" else round(exact, 1)
                    slots.fraction_claim = comparator == "="
                elif m.group("part"):
                    spelled = self.lex.number_words
                    part, whole = (
                        int(g) if g.isdigit() else spelled[g] for g in (m.group("part"), m.group("whole"))
                    )
                    if not 0 < part < whole:
                        continue
                    comparator, value = "=", round(100 * part / whole, 1)
                else:
                    comparator = _SHARE_CUES.get(cue) or next(c for w, c in _COMPARATORS if cue.startswith(w))
                    value = (
                        _PARTS[m.group("numer")] * _FRACTIONS[m.group("fraction")]
                        if m.group("fraction")
                        else float(m.group("value").replace(",", "."))
                    )
                slots.share_compared = (comparator, value)
                slots.percent_question = True
                take(m, "xgetal")
                break
        for m in _THRESHOLD.finditer(text):
            if not free(m):
                continue
            words = m.group("cue")
            comparator = next(c for cue, c in _COMPARATORS if words.startswith(cue))
            said = m.group("value")
            slots.threshold_average = said.endswith(_AVERAGE)
            value = 1.0 if said == _ONE else 0.0 if slots.threshold_average else float(said.replace(",", "."))
            if self._names_a_category(m.group(0)):
                continue  # "boven de 18" is an age group
            if _YEAR_BOUND.match(said) and not _A_COUNT_AFTER.match(text, m.end()):
                continue  # "is dat meer dan 2019?": the year against which, no bound of 2.019
            if _DIFFERENCE_AFTER.match(text, m.end()):
                continue  # "meer dan 30 hoger dan in 2019": a bound on a difference, no figure's
            slots.threshold = (comparator, value, bool(m.group("first")))
            slots.threshold_span = m.span()
            take(m, "xdrempel")
            return
        for m in _REACHED.finditer(text):
            if free(m) and not self._names_a_category(m.group(0)):
                value = float(m.group("value").replace(",", "."))
                reached = _AT_LEAST[m.group("more")] if m.group("more") else ">="  # "haalden 50 of minder"
                slots.threshold = ("<" if m.group("neg") else reached, value, False)
                slots.threshold_span = m.span()
                take(_Span(*m.span("value")), "xdrempel")
                if m.group("more"):
                    take(_Span(m.end("after") - len(m.group("more")) - 3, m.end("after")), "")
                if m.group("neg"):
                    take(_Span(m.end("neg") - len(" niet"), m.end("neg")), "")
                return
        exactly = self._exactly.search(text) if _WHICH_MONTHS.search(text) else None
        if exactly and free(exactly):
            slots.threshold = ("=", float(exactly.group("v1") or exactly.group("v2")), False)
            slots.threshold_span = exactly.span()
            take(exactly, "xdrempel")
            return
        than = self._than_a_month.search(text) if _MONTHS_COUNTED_OR_LISTED.search(text) else None
        if than and free(_Span(*than.span("tail"))) and free(_Span(*than.span("cue"))):
            # "hoeveel maanden van 2020 hadden meer gesprekken dan september?": the months against
            # September's figure (September of two years was compared)
            slots.threshold = (">" if than.group("cue") in ("meer", "hoger") else "<", 0.0, False)
            slots.threshold_month = self.lex.months[than.group("month")]
            slots.threshold_span = than.span()
            take(_Span(*than.span("tail")), "xdrempel")
            take(_Span(*than.span("cue")), "")
            return
        around = _AROUND_THE_MEAN.search(text)
        # ("hoeveel hoger ligt dat dan het maandgemiddelde van 2019?": the figure before against
        # that mean, no months against their own)
        pointing = around and set(around.group("gap").split()) & {"dat", "dit"}
        if around and not pointing and free(_Span(*around.span("tail"))) and free(_Span(*around.span("cue"))):
            slots.threshold = (">" if around.group("cue") in ("meer", "hoger") else "<", 0.0, False)
            slots.threshold_average = True
            slots.threshold_span = around.span()
            take(_Span(*around.span("tail")), "xdrempel")
            take(_Span(*around.span("cue")), "")
            return
        for m in _THRESHOLD_AFTER.finditer(text):
            if free(m) and not self._names_a_category(m.group(0)):
                value = float(m.group("value").replace(",", "."))
                slots.threshold = (_AT_LEAST[m.group("cue").split()[-1]], value, False)
                slots.threshold_span = m.span()
                take(_Span(*m.span("value")), "xdrempel")  # "50 gesprekken of minder": the
                take(_Span(*m.span("cue")), "")  # metric between the two stays a metric
                return

    def _names_a_category(self, phrase: str) -> bool:
        words = phrase.split()
        indices = {i for w in words for i in self._by_needle.get(w, ())}
        return any(
            self._entities[i][1].kind == "category" and self._entities[i][0].compiled.search(phrase)
            for i in indices
        )

    def _find_vague_periods(self, text: str, slots: Slots, free: Any, take: Any) -> None:
        """A period named without dates ("voor de lockdown", "eind 2019")."""
        for pattern in self.lex.vague_periods:
            m = pattern.search(text)
            if m and free(m):
                slots.vague_period = m.group(0)
                take(m, "xperiode")
                return
        m = _YEARS_FROM.search(text)
        if m and free(m):
            slots.years_from = int(m.group(1))
            take(m, "xperiode")

    def _find_points(self, text: str, slots: Slots, taken: list[tuple[int, int, str]]) -> None:
        """Months each with their own year ("april 2019 met mei 2020"): compared as points."""
        mentions = [
            (m, int(y.group(1)) if y else 0)
            for m in self._month.finditer(text)
            for y in [_YEAR_AFTER.match(text, m.end())]
            if not _RANGE_END.search(text[max(0, m.start() - 6) : m.start()])
        ]
        # "juli en augustus 2020 samen, en ... 2019": a month listed before a dated one has its
        # year (July was dropped, August of both years added up)
        for i in range(len(mentions) - 2, -1, -1):
            (m, year), (after, next_year) = mentions[i], mentions[i + 1]
            if not year and next_year and _LIST_JOINER.fullmatch(text[m.end() : after.start()]):
                mentions[i] = (m, next_year)
        pairs = [(year, self.lex.months[m.group(1)]) for m, year in mentions if year]
        per_year: dict[int, set[int]] = {}
        for year, month in pairs:
            per_year.setdefault(year, set()).add(month)
        same_months = len({frozenset(ms) for ms in per_year.values()}) == 1  # the months of each year
        if len(per_year) > 1 and len(set(pairs)) > 1 and not same_months:
            slots.points = list(dict.fromkeys(pairs))
        # every month named, in order, with its own year or 0 ("januari - september 2019":
        # January has none, so it is no end of a range across years)
        dated = [
            (m.start(), int(y.group(1)) if y else 0, self.lex.months[m.group(1)])
            for m in self._month.finditer(text)
            for y in [_YEAR_AFTER.match(text, m.end())]
        ]
        for (_, y1, m1), (start, y2, m2) in itertools.pairwise(dated):
            ranged = _RANGE_END.search(text[max(0, start - 6) : start])
            # ("juli 2019 -> juli 2020, procentuele stijging": the two ends of a change)
            if 0 < y1 < y2 and ranged and not self._compares.search(text):
                # "van januari 2019 tot mei 2020": every month from the one to the other, across
                # the years (it was read as January-May of both years, compared)
                slots.points = [
                    (y, x) for y in range(y1, y2 + 1) for x in range(1, 13) if (y1, m1) <= (y, x) <= (y2, m2)
                ]
                slots.span = True

    def _month_by(self, text: str, slots: Slots, use: Callable[[re.Match[str] | None], bool]) -> None:
        """ "hoeveel gesprekken in de maand na de piek?", "hoeveel nieuwe oproepers in de maand met
        de minste chatgesprekken?": the month a ranking finds is the period; the ranking's measure
        (when another one) is no measure counted."""
        m = _MONTH_BY.search(text)
        if m is None or (m.group("peak2") and not (slots.months and "vergelijking" in slots.aggregations)):
            return  # ("de drukste maand" alone is a ranking of its own)
        if m.group("peak2") and {"hoogste", "laagste"} <= set(slots.aggregations):
            return  # "het verschil tussen de drukste en de rustigste maand van jan-sep": both ends
        use(m)
        word = m.group("ext") or m.group("ext2") or m.group("peak") or m.group("peak2") or m.group("ext3")
        extreme = "laagste" if word.split()[0] in _LOW_WORDS else "hoogste"
        ends = {"laagste" if e.group(1) in _LOW_WORDS else "hoogste" for e in _MONTH_END.finditer(text)}
        if len(ends | {extreme}) == 2:
            # "het verschil tussen de maand met de meeste en die met de minste": both ends are
            # asked, no one month found by a ranking
            slots.aggregations = list(dict.fromkeys([*slots.aggregations, "hoogste", "laagste"]))
            slots.aggregation = slots.aggregations[0]
            return
        shift = {"na": 1, "volgend op": 1}.get(m.group("rel") or "", -1 if m.group("rel") else 0)
        count = m.group("count")
        if count and (shift or not m.group("ext")):
            return  # "de twee maanden na de piek" is a run of months, not this
        # "in de drie maanden met de meeste bezoekers": those months (one measure was refused as
        # a measure of the other)
        slots.month_by_count = (
            (int(count) if count.isdigit() else self.lex.number_words[count]) if count else 1
        )
        tail = m.group(0)
        # (the measure ranked is the first named in the ranking's words: "de maand dat 1712 het
        # meest doorverwees, hoeveel chatgesprekken ...": the referrals)
        named = sorted((tail.find(words), k) for k, words in slots.metric_words.items() if words in tail)
        ranked = named[0][1] if named else None
        counted = [k for k in slots.metrics if k != ranked]
        if ranked is not None and not counted:
            # "welke hulplijn verwees het meest door in de maand met de meeste gesprekken?": the
            # measure a weak word names is counted (the conversations of that month were given)
            counted = [k for k in slots.weak_metrics if k != ranked][:1]
        if count and not (ranked is not None and counted):
            return  # "wat zijn de 3 maanden met de meeste gesprekken?": a ranking of its own
        if ranked is not None and counted:
            slots.metrics = counted  # "nieuwe oproepers in de maand met de minste gesprekken"
            slots.several_metrics = []
            slots.compared_metrics = None
            if slots.counted_metric == ranked:
                slots.counted_metric = counted[0]
        slots.month_by = (ranked, extreme, shift)
        # "de maand met de meeste doorverwijzingen vanuit 1712": that helpline's ranking, no
        # filter of the measure counted (the referrals of every helpline were ranked)
        inside = [k for a, b, k in slots.helpline_spans if m.start() <= a and b <= m.end()]
        if len(inside) == 1 and ranked is not None and counted:
            slots.month_by_helpline = inside[0]
            slots.helplines = [h for h in slots.helplines if h != inside[0]]
        # the ranking words of the month found are no ranking asked; one outside them is ("welke
        # hulplijn verwees het meest door in de maand met de meeste gesprekken?")
        outside = {
            name
            for name, cues in self._aggregations
            if name in ("hoogste", "laagste")
            and any(a.end() <= m.start() or a.start() >= m.end() for a in cues.finditer(text))
        }
        slots.aggregations = [
            a for a in slots.aggregations if a not in ("hoogste", "laagste") or a in outside
        ]
        slots.aggregation = slots.aggregations[0] if slots.aggregations else None

    def _ranking_order(self, text: str, slots: Slots, free: Callable[[re.Match[str]], bool]) -> None:
        """ "rangschik de maanden": a ranking of every month (largest first, or smallest first
        when ascending is asked), not of helplines."""
        cues = self.lex.ranking_order
        if "per_hulplijn" not in slots.aggregations or slots.helplines or "months" not in cues:
            return
        # (a word for helplines inside a measure's name, "doorverwijzingen vanuit andere
        # hulplijnen", is that measure's, not the ranking's)
        helplines = [m for m in _HELPLINE_WORD.finditer(text) if free(m)]
        if cues["months"].search(text) and not helplines:
            extreme = "laagste" if slots.ranking_order == "ascending" else "hoogste"
            slots.aggregations = [extreme if a == "per_hulplijn" else a for a in slots.aggregations]
            slots.aggregation = extreme if slots.aggregation == "per_hulplijn" else slots.aggregation
            slots.top_n = slots.top_n or 12  # every month, in order
            slots.per_month = True

    def _change_ranking(self, text: str, slots: Slots, use: Callable[[re.Match[str] | None], bool]) -> None:
        """ "de grootste stijging tegenover 2019", "... tegenover de maand ervoor": what a month is
        measured against and which way, for the months ranked by their change."""
        cues = self.lex.change_ranking
        on_year = [m for m in cues["year_on_year"].finditer(text) if use(m)]
        on_month = [m for m in cues["month_on_month"].finditer(text) if use(m)]
        for m in on_year:
            # "boven dat van dezelfde maand in 2020": the year after the cue is the one measured
            # against (the earlier year was taken, and the change turned round)
            against = _YEAR_AFTER_CUE.match(text, m.end()) or re.search(r"((?:19|20)\d\d)$", m.group(0))
            both = [int(y) for y in re.findall(r"(?:19|20)\d\d", m.group(0))]
            if len(both) == 2 and slots.reference_year is None:
                # "tussen 2019 en 2020", "van 2019 naar 2020": a change runs forward in time, from
                # the earlier year (2020 was the base, and every rise read as a fall)
                slots.reference_year = min(both)
            elif against and slots.reference_year is None:
                slots.reference_year = int(against.group(1))
        if on_month and not on_year:
            slots.change_basis = "maand"
            slots.month_shift = None  # "tegenover de maand ervoor" moves no month of a question before
        elif on_year and not on_month:
            slots.change_basis = "jaar"
        up = cues["up"].search(text)
        down = cues["down"].search(text)
        if bool(up) != bool(down):
            found = up or down
            assert found is not None
            slots.change_direction = "op" if up else "af"
            if re.search(r"(?<![\w])niet (?:meer |zo |echt )?$", text[: found.start()]):
                # "in hoeveel maanden lag het NIET hoger?": the other months, equal ones too
                slots.change_direction = f"niet_{slots.change_direction}"
        elif (
            not (up or down) and slots.change_basis and "same" in cues and (same := cues["same"].search(text))
        ):
            use(same)
            slots.change_direction = "gelijk"  # "gelijk aan dat van dezelfde maand": no change

    def _counted(self, after: str) -> str | None:
        """The metric a "hoeveel" counts: the first word after it that is not a small word,
        looking past people ("hoeveel jongeren werden doorverwezen"), but not past another
        thing counted ("hoeveel tijd kan een gesprek duren" counts time)."""
        words = after.split()
        present = set(words)
        metrics = [
            (p, e)
            for i in sorted({i for w in present for i in self._by_needle.get(w, ())})
            for p, e, _ in [self._entities[i]]
            if e.kind == "metric"
        ]
        for i, word in enumerate(words[:5]):
            rest = " ".join(words[i:])
            for pattern, entity in metrics:
                if pattern.match(rest):
                    return entity.key
            # ("hoeveel van de 658 gesprekken ...": the figure quoted before what is counted)
            if word in self.lex.stopwords or word in _PEOPLE or word.isdigit() or word == "xgetal":
                continue
            return None
        return None

    def _monday_of(self, m: re.Match[str]) -> date | None:
        """The Monday a week named by its place in a month or its ISO number starts on."""
        if m.re is _ISO_WEEK:
            try:
                return date.fromisocalendar(int(m.group(2)), int(m.group(1)), 1)
            except ValueError:
                return None  # "week 60"
        month, year = self.lex.months[m.group(2)], int(m.group(3))
        days = range(1, calendar.monthrange(year, month)[1] + 1)
        mondays = [date(year, month, d) for d in days if date(year, month, d).weekday() == 0]
        nth = -1 if m.group(1) == "laatste" else self.lex.ordinals.get(m.group(1), 1) - 1
        return mondays[nth] if -len(mondays) <= nth < len(mondays) else None

    def _find_dates_and_times(self, text: str, slots: Slots, free: Any, take: Any) -> None:
        slots.days_asked = _DAYS_ASKED.search(text) is not None
        spans: list[tuple[int, int]] = []
        for m in [*self._week_of_month.finditer(text), *_ISO_WEEK.finditer(text)]:
            monday = self._monday_of(m) if free(m) else None
            if monday is not None:
                # "de laatste week van september 2020", "week 39 van 2020": the week from that
                # Monday ("39" and "laatste" were not understood)
                slots.date = slots.date or (monday.day, monday.month, monday.year)
                slots.dates.append((monday.day, monday.month, monday.year))
                slots.years.append(monday.year)
                slots.week = True
                spans.append(m.span())
                take(m, "xperiode")
        for pattern in (self._date_slash, self._date_words):
            for m in pattern.finditer(text):
                if not free(m):
                    continue
                day = int(m.group(1))
                raw_month = m.group(2)
                month = int(raw_month) if raw_month.isdigit() else self.lex.months[raw_month]
                year = None
                if pattern is self._date_slash and m.group(3):
                    year = int(m.group(3))
                    year += 2000 if year < 100 else 0
                if 1 <= day <= 31 and 1 <= month <= 12:
                    lead, tail = text[max(0, m.start() - 20) : m.start()], text[m.end() : m.end() + 6]
                    if _ON_DAY_BEFORE.search(lead) or _ON_DAY_AFTER.match(tail):
                        slots.one_day = True
                    bound = _BOUND.search(lead)
                    # ("de week na 21/09": a week moved; "de week vanaf 21/09": the week it starts)
                    week_start = bound is not None and (
                        (bound.group(1) in ("vanaf", "sinds") and _WEEK_WORD.search(text))
                        or re.search(r"(?:week|weken) $", lead[: bound.start()])
                    )
                    if (
                        bound
                        and not week_start
                        and not _DATE_BEFORE_BOUND.search(lead[: bound.start()].rstrip())
                    ):
                        slots.day_bound = f"{bound.group(1)} {m.group(0)}"
                        slots.used.append((max(0, m.start() - 20) + bound.start(), m.start()))
                    slots.date = slots.date or (day, month, year)
                    slots.dates.append((day, month, year))
                    spans.append(m.span())
                    if year:
                        slots.years.append(year)
                    take(m, "xperiode")
        if len(spans) == 2:
            (_, end), (start, _) = sorted(spans)
            between, lead = text[end:start], text[: min(spans)[0]]
            slots.date_range = bool(
                _DATE_RANGE_BETWEEN.fullmatch(between)
                or (between.strip() == "en" and lead.endswith("tussen "))
            )
            if slots.date_range:
                slots.day_bound = None  # "vanaf 21/09 tot en met 01/10": the days between, no bound
            first, last = sorted(slots.dates[:2], key=lambda d: (d[2] or 0, d[1], d[0]))
            if slots.date_range and _whole_months(first, last) and not _WEEK_WORD.search(text):
                # "van 1 mei tot en met 30 september": the whole months between (read as days,
                # which no weekly figure covered)
                slots.months.extend(range(first[1], last[1] + 1))
                slots.span = True
                slots.date, slots.dates, slots.date_range, slots.one_day = None, [], False, False
        for m in self._time_window.finditer(text):
            start, end = int(m.group(1)), int(m.group(2))
            if free(m) and 0 <= start < end <= 24:
                slots.day_part = (start, end)
                take(m, "xtijd")
        for pattern in (self._time, self._time_bare):
            for m in pattern.finditer(text):
                hour = int(m.group(1))
                minutes = m.group(2) if pattern is self._time else None
                if free(m) and 0 <= hour <= 24:
                    slots.hour = hour + (int(minutes) / 60 if minutes else 0)
                    take(m, "xtijd")
                    inside = re.match(r"(voor|tot|na|vanaf) ", m.group(0))
                    bound = _BOUND.search(text[max(0, m.start() - 20) : m.start()])
                    side = inside.group(1) if inside else bound.group(1) if bound else None
                    window = _HOURS_COUNTED.search(text) or slots.days_asked
                    if side and window and slots.day_part is None:
                        # "hoeveel uur per week vóór 19 uur?": the hours before it, not the hour
                        before = side in _BEFORE
                        slots.day_part = (0, int(slots.hour)) if before else (int(slots.hour), 24)
                        slots.hour = None
                        if bound:
                            slots.used.append((max(0, m.start() - 20) + bound.start(), m.start()))

    def _find_entities(self, text: str, slots: Slots, free: Any, take: Any) -> None:
        metric_spans: list[tuple[int, int, str]] = []
        weak_metrics: list[tuple[re.Match[str], str]] = []
        group_spans: list[tuple[int, int, tuple[str, str], bool]] = []  # (start, end, group, left out)
        left_out_after: set[str] = set()  # helplines left out by words after them ("... niet meegeteld")
        groups_out_after: set[tuple[str, str]] = set()  # groups so ("als je X weglaat")
        # Only the aliases whose longest word is a word of the text can match: an index look-up
        # instead of trying some hundreds of patterns.
        words = set(text.split())
        candidates = sorted({i for w in words for i in self._by_needle.get(w, ())})
        for pattern, entity, weak in (self._entities[i] for i in candidates):
            for m in pattern.finditer(text):
                if not free(m):
                    continue
                if entity.kind == "metric":
                    denied = _NOT_THIS_MEASURE.search(text[max(0, m.start() - 30) : m.start()])
                    if denied:
                        # "hoeveel nieuwe jongeren (dus niet het aantal gesprekken)": a measure
                        # said not to be asked is no part of the question
                        take(m, "")
                        slots.used.append((max(0, m.start() - 30) + denied.start(), m.end()))
                        continue
                    if (
                        m.group(0) in self.lex.activity_words
                        and not _DETERMINER_BEFORE.search(text, 0, m.start())  # ("de chat": the service)
                        and _WHEN_QUESTION.search(text, 0, m.start())
                        and not _COUNT_QUESTION.search(text)
                        and not _SUPERLATIVE.search(text)  # ("wanneer werd het meest gechat")
                    ):
                        # "wanneer kunnen leerlingen op dinsdag chatten?": when one can chat, no
                        # count of conversations (a weekday's conversations were refused)
                        take(m, "")
                        slots.used.append(m.span())
                        continue
                    if _WHO_CHAT.search(text[max(0, m.start() - 30) : m.end()]):
                        # "het profiel van de jongeren die chatten": who they are, no count of
                        # conversations (the conversations' totals were given)
                        take(m, "")
                        slots.used.append(m.span())
                        continue
                    if weak:
                        weak_metrics.append((m, entity.key))
                        continue
                    base = max(0, m.start() - 12)
                    pointed = self._measure_pointed.search(text[base : m.start()])
                    if pointed and not slots.fresh:  # "van die gesprekken": those asked before
                        slots.points_back = True
                        slots.used.append((base + pointed.start(), m.start()))
                    if entity.key not in slots.metrics:
                        slots.metrics.append(entity.key)
                        slots.strong_metric = True
                        started = _CONVERSATION_STARTED.match(text, m.end())
                        # "jongeren die een gesprek aanknoopten", "knoopten een gesprek aan": what
                        # the callers counted did, the word of that activity ("aanknopen")
                        slots.metric_words[entity.key] = "aanknopen" if started else m.group(0)
                        metric_spans.append((m.start(), m.end(), entity.key))
                        slots.metric_spans.append((m.start(), m.end(), entity.key))
                        share = _SHARE_OF.search(text, max(0, m.start() - 40), m.start())
                        pointed_whole = share is not None and _SHARE_OF_POINTED.search(share.group(0))
                        if (
                            share
                            and not pointed_whole
                            and not any(share.start() <= s < m.start() for s, _, _ in metric_spans)
                        ):
                            # "welk percentage van de chatgesprekken"; not a measure after another
                            # ("procent van de nieuwe oproepers bezoekers": the first is the whole)
                            slots.base_metric = entity.key
                            slots.as_share_of = bool(_AS_SHARE_OF.search(text, share.start() - 16, m.start()))
                        relation = _IN_RELATION.search(text, max(0, m.start() - 40), m.start())
                        if relation:
                            # "gesprekken in verhouding tot het aantal bezoekers": a share when a
                            # percentage is asked, else a ratio (settled once all is read)
                            slots.base_metric = slots.per_metric = entity.key
                            slots.base_against = relation.group(0).startswith(("ten ", "tov "))
                            slots.used.append(relation.span())
                        per = _PER_METRIC.search(text, max(0, m.start() - 30), m.start())
                        if per is None and self.lex.division.search(text):
                            # "deel het aantal gesprekken door het aantal nieuwe oproepers"
                            per = _DIVIDED_BY.search(text, max(0, m.start() - 20), m.start())
                        if per:  # "hoeveel gesprekken per nieuwe oproeper": a ratio of two measures
                            slots.per_metric = entity.key
                            if per.groupdict().get("scale"):  # "per 100 bezoekers"
                                slots.per_scale = int(per.group("scale"))
                            if self.lex.division.search(text):
                                slots.ratio_question = False  # the division is this ratio, no factor
                            slots.used.append(per.span())
                    take(m, "xmetriek")
                elif entity.kind == "helpline":
                    if _AFTER.search(text[max(0, m.start() - 10) : m.start()]):
                        slots.after.append(("helpline", entity.key))
                    after = False
                    if _excluded(text, m.start(), slots) or (after := _excluded_after(text, m.end(), take)):
                        if entity.key not in slots.excluded_helplines:
                            slots.excluded_helplines.append(entity.key)
                        if after:
                            left_out_after.add(entity.key)
                    elif entity.key not in slots.helplines:
                        slots.helplines.append(entity.key)
                    slots.helpline_spans.append((m.start(), m.end(), entity.key))
                    take(m, "xhulplijn")
                else:
                    pair = (entity.dimension or "", entity.key)
                    if _AFTER.search(text[max(0, m.start() - 10) : m.start()]):
                        slots.after.append(("category", entity.key))
                    left_out = _excluded(text, m.start(), slots) or _negated(text, m.start(), slots)
                    # "als je de categorie X weglaat"
                    out_after = not left_out and _excluded_after(text, m.end(), take)
                    left_out = left_out or out_after
                    if out_after:
                        groups_out_after.add(pair)
                    group_spans.append((m.start(), m.end(), pair, left_out))
                    if left_out:
                        if pair not in slots.excluded_categories:
                            slots.excluded_categories.append(pair)
                        if entity.dimension and entity.dimension not in slots.dimensions:
                            slots.dimensions.append(entity.dimension)
                        take(m, "xcategorie")
                        continue
                    if pair not in slots.categories:
                        slots.categories.append(pair)
                    if entity.dimension and entity.dimension not in slots.dimensions:
                        slots.dimensions.append(entity.dimension)
                    take(m, "xcategorie")
        # the helplines in the order the question names them ("meer van Awel dan van 1712")
        ordered = sorted(slots.helpline_spans)
        slots.helplines = list(dict.fromkeys(k for _, _, k in ordered if k in slots.helplines))
        # ... and the groups ("fysieke en emotionele ... samen, meer dan seksueel misbruik?")
        named_at = {pair: start for start, _, pair, _ in sorted(group_spans, reverse=True)}
        slots.categories.sort(key=lambda pair: named_at.get(pair, len(text)))
        # "andere lijnen dan Awel en 1712": each helpline listed after one left out is left out
        for (_, end, first), (start, _, key) in itertools.pairwise(ordered):
            joined = _LIST_JOINER.fullmatch(text[end:start])
            if first in slots.excluded_helplines and joined and key in slots.helplines:
                slots.helplines.remove(key)
                slots.excluded_helplines.append(key)
        # "als je Awel en 1712 niet meetelt": each helpline listed before one left out so
        for (_, end, key), (start, _, last) in reversed(list(itertools.pairwise(ordered))):
            # (not a comma: "van Awel, 1712 niet"; an article may stand between: "Awel en de CLB-chat")
            joined = _AND_OR.fullmatch(text[end:start])
            if last in left_out_after and joined and key in slots.helplines:
                slots.helplines.remove(key)
                slots.excluded_helplines.append(key)
                left_out_after.add(key)
        # "niet over seksueel misbruik of fysieke mishandeling": each group listed after one
        # left out is left out too
        group_spans.sort()
        for (_, end, _, out), (start, _, pair, _) in itertools.pairwise(list(group_spans)):
            between = re.sub(r"^ jaar(?![\w])", "", text[end:start])  # "12-15 jaar of 15-18 jaar"
            if out and _LIST_JOINER.fullmatch(between) and pair in slots.categories:
                slots.categories.remove(pair)
                slots.excluded_categories.append(pair)
                index = next(i for i, g in enumerate(group_spans) if g[2] == pair)
                group_spans[index] = (*group_spans[index][:3], True)
        # "als je seksueel misbruik en andere weglaat": each group listed before one left out so
        # (the first was asked as a share of what was left)
        for (_, end, earlier, _), (start, _, later, _) in reversed(list(itertools.pairwise(group_spans))):
            joined = _AND_OR.fullmatch(text[end:start])
            if later in groups_out_after and joined and earlier in slots.categories:
                slots.categories.remove(earlier)
                slots.excluded_categories.append(earlier)
                groups_out_after.add(earlier)
        # a group both left out and named is named as what is left ("als je 'andere' weglaat,
        # welk deel van de overige ..." where "overige" is also a name of "andere")
        slots.categories = [c for c in slots.categories if c not in slots.excluded_categories]
        if slots.excluded_categories:  # "welk deel van de overige meldingen": what is left
            slots.used += [m.span() for m in re.finditer(r"(?<![\w])(?:overige|resterende)(?![\w])", text)]
        # Two metrics joined by "en", a comma or "ook" are both asked for ("gesprekken en
        # nieuwe oproepers in mei"); otherwise the most specific one is ("chats die niet
        # beantwoord werden" asks about unanswered callers).
        ordered = sorted(metric_spans)
        for (lead_start, end, _), (start, _, _) in itertools.pairwise(ordered):
            # "gesprekken en oproepers", "zowel gesprekken als oproepers"
            both = _BOTH.search(text[:end]) and re.search(r"(?<![\w])als(?![\w])", text[end:start])
            joined = _JOINED.search(text[end:start])
            if joined and joined.group(0) == "ook" and _SHARE_OF_LEAD.search(text[:lead_start]):
                # "welk percentage van de bezoekers van april werd ook nieuwe oproeper?": the
                # second measure is the part of the first, not asked besides it
                joined = None
            if joined or _COUNT_AGAIN.fullmatch(text[end:start]) or both:
                slots.several_metrics = [key for _, _, key in ordered]
                break
        self._compare_metrics(text, ordered, slots)
        # A weak alias ("chat", "wachtrij") names a metric only when nothing stronger does; it
        # stays in the text the matcher sees, where it may well belong to another intent.
        # (in the order written: "welke hulplijn stuurt ... door naar de chatbox?" is about the
        # referrals, the first weak word, not the chat's conversations)
        weak_free = sorted(((m, key) for m, key in weak_metrics if free(m)), key=lambda mk: mk[0].start())
        if any(
            a_key != b_key and 0 <= b.start() - a.end() <= 1
            for (a, a_key), (b, b_key) in itertools.permutations(weak_free, 2)
        ):
            # "nieuwe oproepen": half of two measures' names (new callers, calls), neither named;
            # which one is asked back
            weak_free = []
        slots.weak_metrics = list(dict.fromkeys(key for _, key in weak_free))
        if weak_free and not slots.metrics:
            slots.metrics.append(weak_free[0][1])
        # "50 wachtenden niet konden helpen": a weak word of the measure named is part of its name
        # (it was asked back as not understood)
        slots.used += [(m.start(), m.end()) for m, key in weak_free if key in slots.metrics]
        # Patterns are tried longest first, so the most specific metric is found first:
        # "chats die niet beantwoord werden" is about unanswered callers, not about chats.

    def _compare_metrics(self, text: str, ordered: list[tuple[int, int, str]], slots: Slots) -> None:
        """Two measures named next to each other and set against each other ("meer gesprekken
        dan nieuwe oproepers", "het verschil tussen gesprekken en oproepers"): the one is
        compared with the other, not each asked apart. One measure alone after "verschil met"
        or "meer dan" is the other side of a comparison with what was asked before."""
        if len(ordered) == 1:
            start, _, key = ordered[0]
            if self._measure_against_lead.search(text[max(0, start - 40) : start]):
                slots.measure_against = key
            return
        for (start, end, first), (next_start, _, second) in itertools.pairwise(ordered):
            between = text[end:next_start]
            lead = text[max(0, start - 40) : start]
            words = lead + between
            comparative = self._measures_comparative.search(words) is not None
            if (
                self._measures_against.match(between)
                or (comparative and self._measures_than.match(between))
                or (comparative and _MEASURES_OR.match(between))  # "meer gesprekken of meer oproepers"
                or (self._measures_between_lead.search(lead) and self._measures_between.match(between))
            ):
                slots.compared_metrics = (first, second)
                slots.compared_by_difference = comparative
                for cue in self._measures_comparative.finditer(text, max(0, start - 40), next_start):
                    slots.used.append(cue.span())  # "meer gesprekken of meer oproepers": used
                slots.several_metrics = []
                return

    def _find_years(self, text: str, slots: Slots, free: Any, take: Any) -> None:
        for after in self._year_after_month.finditer(text):
            digits = _Span(after.start(1), after.end(1))
            if free(digits):
                slots.years.append(2000 + int(after.group(1)))
                take(digits, "xperiode")
        for pattern in (self._year, self._year_short):
            for m in pattern.finditer(text):
                if free(m):
                    value = int(m.group(1))
                    slots.years.append(value if value >= 2000 else 2000 + value)
                    take(m, "xperiode")
        shift = self._shifts.search(text)
        if shift and free(shift):
            slots.year_shift = self.lex.year_shifts[shift.group(1)]
            take(shift, "xperiode")
        for relative in self._relative.finditer(text):
            if not free(relative):
                continue
            offset = self.lex.relative_years[relative.group(1)]
            if slots.relative_year is None:
                slots.relative_year = offset
            elif offset != slots.relative_year and offset not in slots.more_relative_years:
                slots.more_relative_years.append(offset)  # "dit jaar en vorig jaar": both
            take(relative, "xperiode")
        whole_years: list[int] = []
        for m in self._whole_year.finditer(text):
            slots.whole_year = True
            slots.used.append(m.span())
            year = re.match(r"(?: het)?(?: jaar)? ?((?:19|20)\d\d)(?![\w])", text[m.end() :]) or re.search(
                r"((?:19|20)\d\d)$", m.group(0)
            )
            if year:  # "het totaal van heel 2019": that year is the whole one
                whole_years.append(int(year.group(1)))
        if len(set(whole_years)) == 1:  # ("het volledige jaar 2020 ... heel 2019": both are whole)
            slots.whole_year_of = whole_years[0]
        for m in _TWELVE_MONTHS.finditer(text):
            rolling = re.search(r"(?:eerste|laatste|afgelopen|voorbije|vorige|komende) $", text[: m.start()])
            if free(m) and not rolling:  # "alle 12 maanden van 2019": the whole year
                slots.whole_year = True
                take(m, "xperiode")
        slots.years = sorted(set(slots.years))

    def _quarter_index(self, m: re.Match[str], first: int) -> int:
        """Which quarter the quarter pattern's groups, from group `first` on, name (0: none)."""
        ordinal, digit, number = m.group(first), m.group(first + 1), m.group(first + 2)
        return self.lex.ordinals.get(ordinal, 0) if ordinal else int(digit or number)

    def _find_months(self, text: str, slots: Slots, free: Any, take: Any) -> None:
        lex = self.lex
        for m in self._before_month.finditer(text):
            if not free(m):
                continue
            if m.group(1) == "voorafgaand aan" and lex.months[m.group(2)] > 1:
                # "vóór april": January up to March
                slots.months.extend(range(1, lex.months[m.group(2)]))
                slots.span = True
                take(m, "xperiode")
        for m in self._months_next_to.finditer(text):
            count = lex.number_words.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
            later = m.group(2) in ("na", "later dan", "volgend op")
            month = lex.months[m.group(3)] + (count if later else -count)
            if free(m):
                if 1 <= month <= 12:
                    slots.months.append(month)
                else:  # across a year: said back, never a month of the year named
                    slots.vague_period = m.group(0)
                take(m, "xperiode")
        for m in self._month_of_quarter.finditer(text):
            quarters = lex.periods["kwartaal"]
            index = lex.ordinals.get(m.group(2), 0)
            if free(m) and 1 <= index <= len(quarters):
                start, end = quarters[index - 1]  # type: ignore[misc]
                place = {"laatste": 3, "middelste": 2}.get(m.group(1)) or lex.ordinals.get(m.group(1), 0)
                if 1 <= place <= int(end) - int(start) + 1:
                    slots.months.append(int(start) + place - 1)
                    take(m, "xperiode")
        for m in self._months_run.finditer(text):
            count = lex.number_words.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
            if free(m) and count:
                slots.months_run = count if m.group(2) in ("erna", "daarna") else -count
                take(m, "")
        for m in self._month_next_to.finditer(text):
            # "in de maand na april": May alone (it was read as "na april", May onwards)
            month = lex.months[m.group(2)] + (1 if m.group(1) in ("na", "volgend op") else -1)
            if free(m) and 1 <= month <= 12:
                slots.months.append(month)
                take(m, "xperiode")
        for m in self._quarters_listed.finditer(text):
            # "het tweede en derde kwartaal": both ("tweede" was dropped, the third answered)
            quarters = lex.periods["kwartaal"]
            first, last = lex.ordinals[m.group(1)], lex.ordinals[m.group(3)]
            if free(m) and 1 <= first <= len(quarters) and 1 <= last <= len(quarters):
                picked = range(first, last + 1) if m.group(2) != "en" else (first, last)
                if m.group(2) == "en" and first != last:
                    # "vergelijk het eerste en tweede kwartaal": two blocks, if the question compares
                    quarter_pairs = [quarters[first - 1], quarters[last - 1]]
                    slots.blocks = [tuple(range(int(a), int(b) + 1)) for a, b in quarter_pairs]  # type: ignore[misc]
                for index in picked:
                    start, end = quarters[index - 1]  # type: ignore[misc]
                    slots.months.extend(range(start, end + 1))
                slots.span = True
                take(m, "xperiode")
        quarter_blocks: list[tuple[int, ...]] = []
        for m in self._quarter_next_to.finditer(text):
            index = self._quarter_index(m, 2)
            quarters = lex.periods["kwartaal"]
            if free(m) and 1 <= index <= len(quarters):
                index += 1 if m.group(1) in ("na", "volgend op") else -1
                if 1 <= index <= len(quarters):
                    start, end = quarters[index - 1]  # type: ignore[misc]
                    slots.months.extend(range(start, end + 1))
                    slots.span = True
                else:  # across a year: said back, never a quarter of the year named
                    slots.vague_period = m.group(0)
                take(m, "xperiode")
        for m in self._quarter.finditer(text):
            if not free(m):
                continue
            index = self._quarter_index(m, 1)
            quarters = lex.periods["kwartaal"]
            if 1 <= index <= len(quarters) or index == -1:
                start, end = quarters[index - 1 if index > 0 else -1]  # type: ignore[misc]
                if _SHARE_ASKED.search(text) and _FELL_IN_BEFORE.search(text, 0, m.start()):
                    # "welk aandeel van de gesprekken van jan-sep 2019 viel in het eerste
                    # kwartaal?": the quarter is the part (it was added to the whole)
                    slots.inner_months.extend(range(start, end + 1))
                    take(m, "xperiode")
                    continue
                slots.months.extend(range(start, end + 1))
                slots.span = True
                quarter_blocks.append(tuple(range(start, end + 1)))
                take(m, "xperiode")
                # "het tweede kwartaal ... dan in het eerste": the quarter left unsaid after it
                other = self._other_quarter.match(text, m.end())
                ordinal = lex.ordinals.get(other.group(1), 0) if other else 0
                unsaid = _Span(other.start(1), other.end(1)) if other else None
                if unsaid and free(unsaid) and 1 <= ordinal <= len(quarters) and ordinal != index:
                    first, last = quarters[ordinal - 1]  # type: ignore[misc]
                    slots.months.extend(range(first, last + 1))
                    quarter_blocks.append(tuple(range(first, last + 1)))
                    take(unsaid, "xperiode")
        if len(quarter_blocks) == 2 and not set(quarter_blocks[0]) & set(quarter_blocks[1]):
            slots.blocks = quarter_blocks  # ("Q1 2020 tegenover Q1 2019": one block, two years)
        for m in self._half.finditer(text):
            if free(m):
                index = lex.ordinals[m.group(1)] if m.group(1) else int(m.group(2))
                start, end = lex.periods["jaarhelft"][0 if index == 1 else 1]  # type: ignore[misc]
                slots.months.extend(range(start, end + 1))
                slots.span = True
                take(m, "xperiode")
        first_block: list[int] = []  # "de eerste vier maanden"
        for m in self._first_months.finditer(text):
            if free(m):
                word = m.group(2)
                count = int(word) if word.isdigit() else lex.number_words[word]
                if 1 <= count <= 12 and m.group(1) == "eerste":
                    first_block = list(range(1, count + 1))
                    slots.months.extend(range(1, count + 1))
                    slots.span = True
                    take(m, "xperiode")
                elif 1 <= count <= 12 and _OF_THE_YEAR.match(text, m.end()):
                    # "de laatste drie maanden van het jaar / van 2019": October to December (the
                    # words were not understood); "de laatste drie maanden" alone may mean the data's
                    slots.months.extend(range(13 - count, 13))
                    slots.span = True
                    take(m, "xperiode")
        for m in self._counted_back.finditer(text):
            word = m.group(1)
            slots.counted_back = int(word) if word.isdigit() else lex.number_words[word]
        for m in self._week_count.finditer(text):
            if free(m):  # "de 2 vloggerweken": that many weeks, checked against the weeks there are
                word = m.group(1)
                both = word in ("beide", "allebei")
                slots.week_count = 2 if both else int(word) if word.isdigit() else lex.number_words[word]
                take(m, "")
        for m in self._month_count.finditer(text):
            if free(m) and not self._top.match(text, m.start()):
                # "diezelfde drie maanden": as many months as the question's period has (but "de
                # 3 maanden met de meeste" is a ranking's first three)
                word = m.group(2)
                slots.month_count = int(word) if word.isdigit() else lex.number_words[word]
                slots.points_back = slots.points_back or m.group(1) != "de"
                take(m, "xperiode")
        for m in self._helpline_count.finditer(text):
            if free(m):
                # "hoeveel van de vijf hulplijnen ...": as many helplines as the question means
                word = m.group(1)
                slots.helpline_count = int(word) if word.isdigit() else lex.number_words[word]
                take(_Span(*m.span(1)), "")
        for m in self._numbered_month.finditer(text):
            word = m.group(1)
            index = int(word) if word.isdigit() else lex.number_words[word]
            if free(m) and 1 <= index <= 12:
                slots.months.append(index)
                take(m, "xperiode")
        for m in self._nth_month.finditer(text):  # "de negende maand"
            index = lex.ordinals[m.group(1)]
            if index == 1 and slots.threshold is not None and free(m):
                # "de eerste maand met meer dan 100": the first month past it, not January
                comparator, value, _ = slots.threshold
                slots.threshold = (comparator, value, True)
                take(m, "")
                continue
            if free(m) and 1 <= index <= 12:
                slots.months.append(index)
                take(m, "xperiode")
        found: list[tuple[int, int, int]] = []  # (start, end, month)
        excluded_end = -1  # where the last month left out ends
        denied_end = -1  # where the last month of "niet enkel jan-sep" ends
        for m in self._month.finditer(text):
            if not free(m):
                continue
            denied = _NOT_ONLY.search(text[max(0, m.start() - 40) : m.start()])
            continued = denied_end >= 0 and _RANGE_GAP.fullmatch(text[denied_end : m.start()])
            if denied or continued:
                # "het hele jaar 2019, niet enkel januari tot september": a clarification that
                # the question is about more than these months, which are then no part of it
                take(m, "")
                begin = denied_end if continued or denied is None else max(0, m.start() - 40) + denied.start()
                slots.used.append((begin, m.end()))
                denied_end = m.end()
                continue
            gap = text[excluded_end : m.start()] if excluded_end >= 0 else ""
            if excluded_end >= 0 and _EXCLUDED_RANGE.fullmatch(gap) and slots.excluded_months:
                # "zonder de lockdownmaanden maart t.e.m. mei": every month of the range left out
                # (only March was)
                last, month = slots.excluded_months[-1], lex.months[m.group(1)]
                slots.excluded_months.extend(range(last + 1, month + 1))
                take(m, "xperiode")
                excluded_end = m.end()
                continue
            joined = excluded_end >= 0 and _LIST_JOINER.fullmatch(gap)
            if joined or _excluded(text, m.start(), slots):
                # "zonder april", and each month listed after it: "zonder juli en augustus"
                slots.excluded_months.append(lex.months[m.group(1)])
                take(m, "xperiode")
                excluded_end = m.end()
                continue
            found.append((m.start(), m.end(), lex.months[m.group(1)]))
        found.extend(slots.numbered_months)
        found.sort()
        left_out: list[tuple[int, int, int]] = []  # months named as left out ("maart niet meegeteld")
        # "juli en augustus niet meegerekend": the last month and each one listed before it
        for index in range(len(found) - 1, -1, -1):
            # ("Niet januari en februari meegerekend: hoeveel ...?": "niet" before the list)
            counted_in = _COUNTED_IN.match(text, found[index][1])
            list_start = found[_list_first(text, found, index)][0]
            not_before = _NOT_BEFORE_LIST.search(text[:list_start]) if counted_in else None
            if counted_in and not_before:
                take(counted_in, "")
                take(not_before, "")
            elif not _excluded_after(text, found[index][1], take):
                continue
            first = index
            # "tussen maart en september, maart zelf niet meegerekend": a month named again is
            # left out alone; the months before it belong to the period, not to a list left out
            repeated = found[index][2] in {month for _, _, month in found[:index]}
            if not repeated:
                first = _list_first(text, found, index)
            for start, end, month in found[first : index + 1]:
                slots.excluded_months.append(month)
                take(_Span(start, end), "xperiode")
            left_out += found[first : index + 1]
            del found[first : index + 1]
            break
        self._ends_named_again(text, found, take)
        for m in _EXCLUDED_CLOSE.finditer(text):
            if slots.excluded_months and free(m):
                take(m, "")  # "zonder januari en februari mee te tellen"
        if found:
            before = len(slots.months)
            self._months_from_mentions(text, found, slots)
            ranged = set(slots.months[before:])
            if first_block and set(first_block) < ranged:
                # "van januari t.e.m. september ... in de eerste vier maanden": a part of the range
                slots.inner_months.extend(first_block)
            elif len(found) == 3 and not slots.inner_months:
                (_, end0, alone), (start1, end1, low), (start2, _, high) = found
                before_range = text[end0:start1].split()
                ranged_after = text[end1:start2].split()[-1:] in [[j] for j in _RANGE_JOINERS]
                if (
                    ranged_after
                    and not (before_range and before_range[-1] in ("en", "of", "tem", "tot", "-"))
                    and low < alone < high
                ):
                    # "welk aandeel had juli in de gesprekken van januari t/m september?": a month
                    # named apart, before the range it lies in, is a part of it
                    slots.inner_months.append(alone)
            if not slots.inner_months and not self._compares.search(text):
                self._inside_named_block(text, slots, before, ranged, free, take)
            for start, end, _ in found:
                take(_Span(start, end), "xperiode")
            cue = re.search(r"(?<![\w])(?:vanaf|sinds) $", text[: found[0][0]])
            if cue and len(found) > 1 and free(cue):  # "vanaf juni tot en met september": its start
                take(cue, "")
        if not found or slots.excluded_months:
            for m in self._periods.finditer(text):
                if free(m) and self._measure_pointed.search(text[max(0, m.start() - 12) : m.start()]):
                    # "in diezelfde zomermaanden van 2019": the months asked before, not the
                    # months the word itself stands for
                    slots.points_back = True
                    take(m, "")
                    break
                if free(m):
                    period = lex.periods[m.group(1)]
                    if period and isinstance(period[0], int):
                        start, end = period
                        named = range(int(start), int(end) + 1)
                        if _excluded(text, m.start(), slots):
                            if not slots.excluded_months:  # "zonder de lockdownmaanden maart en
                                slots.excluded_months.extend(named)  # april": the months named
                            # ("behalve de zomer": the period's months)
                        elif not slots.months and not any(
                            s >= m.end() and _PERIOD_NAME_GAP.fullmatch(text[m.end() : s])
                            for s, _, _ in left_out
                        ):  # ("de lockdownmaanden maart en april niet meegeteld": a name for
                            # the months left out, no period of the question)
                            slots.months.extend(named)
                            slots.span = True
                        take(m, "xperiode")
                        break
        if slots.inner_months and not slots.months:
            # ("welk aandeel van de gesprekken van 2020 viel in het tweede kwartaal?": no months of a
            # whole named, so the months named are those asked, of their year)
            slots.months, slots.inner_months, slots.span = slots.inner_months, [], True
        slots.months = sorted(set(slots.months))

    def _inside(self, text: str, found: list[tuple[int, int, int]], i: int, months: list[int]) -> bool:
        """Is the i-th month mention a part named inside the range before it ("van jan-sep, in
        april", "jan-sep 2019 ... in jul-aug")? A range of its own is not when it is the same range,
        has a year of its own ("januari-september 2019 en januari-september 2020") or the question
        compares."""
        if not _starts_range(text, found, i):
            return True
        if self._compares.search(text):
            return False
        end, last = found[i + 1][2], found[i + 1][1]
        own_year = re.match(r"\s*(?:19|20)\d\d", text[last : last + 8])
        return not own_year and (found[i][2], end) != (months[0], months[-1])

    def _inside_named_block(
        self,
        text: str,
        slots: Slots,
        before: int,
        mentioned: set[int],
        free: Callable[[re.Match[str] | _Span], bool],
        take: Callable[[re.Match[str] | _Span, str], None],
    ) -> None:
        """ "hoeveel procent van de gesprekken in het eerste kwartaal vond in maart plaats?", "welk
        aandeel van de zomer was augustus?": months named inside a quarter or a named period are
        a part of it (March was dropped and the quarter given; the summer was dropped)."""
        block = set(slots.months[:before])
        if not block and _PERCENT_QUESTION.search(text):
            # (a named period beside a month counted describes it: "in april, tijdens de lockdown")
            for m in self._periods.finditer(text):
                period = self.lex.periods[m.group(1)]
                if free(m) and period and isinstance(period[0], int):
                    named = set(range(int(period[0]), int(period[1]) + 1))
                    if mentioned < named:
                        block = named
                        slots.months.extend(sorted(named))
                        take(m, "xperiode")
                    break
        if block and mentioned < block and max(block) - min(block) + 1 == len(block):
            slots.inner_months.extend(sorted(mentioned))

    @staticmethod
    def _ends_named_again(text: str, found: list[tuple[int, int, int]], take: Any) -> None:
        """ "tussen mei en september 2020 (mei en sept inbegrepen)": months named again as counted
        in say the period holds them; they are no months of their own (they were read as two
        months inside the range, and asked back)."""
        for index in range(len(found) - 1, -1, -1):
            included = _INCLUDED_AFTER.match(text, found[index][1])
            if included is None:
                continue
            first = _list_first(text, found, index)
            again = next(
                (
                    k
                    for k in range(first, index + 1)
                    if {m for *_, m in found[k : index + 1]} <= {m for *_, m in found[:k]}
                ),
                None,
            )
            if again is not None:
                for start, end, _ in found[again : index + 1]:
                    take(_Span(start, end), "")
                take(included, "")
                del found[again : index + 1]
            return

    def _months_from_mentions(self, text: str, found: list[tuple[int, int, int]], slots: Slots) -> None:
        """Months in order of mention, with what joins them: "mei tem september" is a range,
        "juni, juli en augustus" a list, "vanaf mei" an open range, "tem juni" from January."""
        months: list[int] = []
        origin: list[int] = []  # which mention each month came from
        span = ranged = inner = False
        for i, (start, _end, month) in enumerate(found):
            origin += [i - 1] * (len(months) - len(origin))  # (a range's months: the mention ending it)
            before = text[found[i - 1][1] : start] if i else text[max(0, start - 12) : start]
            joiner = before.strip().split()
            if inner and joiner and joiner[-1] in (*_RANGE_JOINERS, "en", ",", "plus", "&"):
                # "van jan-sep, ... in juli en augustus", "... in jul-aug": the rest of the part
                # named apart (only its first month was the part; August, say, was dropped)
                last = slots.inner_months[-1]
                added = range(last + 1, month + 1) if joiner[-1] in _RANGE_JOINERS else [month]
                slots.inner_months.extend(m for m in added if m in months)
                continue
            inner = False
            between = i and _BETWEEN.search(text[: found[i - 1][0]][-8:]) and joiner == ["en"]
            # "verschil tussen april en juli" compares two months; "tussen april en juli" alone
            # is the range
            # ("jan sep 2019", two months side by side with nothing between: January to September,
            # as people shorten a range; they were added up as January and September)
            side_by_side = i and not before.strip() and len(found) == 2
            if (
                (i and joiner and joiner[-1] in _RANGE_JOINERS)
                or side_by_side
                or (between and not (self._compares.search(text) and not _OTHER_BASE.search(text)))
            ):
                first = months[-1]
                months.extend(range(first + 1, month + 1) if month >= first else [])
                span = ranged = True
                continue
            if i and joiner and joiner[-1] in ("en", "plus", "&", ",", "of", "en ook"):
                span = True
            elif i and ranged and month in months and self._inside(text, found, i, months):
                # "van jan-sep, hoeveel in april": a month named apart, inside the range before it
                # ("jan-sep 2020 tegenover jan-sep 2019" compares two ranges)
                slots.inner_months.append(month)
                inner = True
                continue
            # ("hoeveel procent meer was dat in maart?": March, against the month before; "dan in
            # maart" is the base)
            more = _MORE_OR_LESS.search(text) and "dan" not in joiner[-2:]
            reached = joiner and (
                joiner[-1] == "naar" or (joiner[-1] in ("in", "tot") and (_CHANGE_VERB.search(text) or more))
            )
            if not i and reached and len(found) == 1:
                # "naar april", "met hoeveel procent was dat gestegen in april?": the month
                # reached, not the base
                slots.month_is_target = True
            if not i and joiner and joiner[-1] in ("vanaf", "sinds", "na") and len(found) == 1:
                slots.open_range_from = month + (1 if joiner[-1] == "na" else 0)
                span = True
                continue
            if not i and joiner and joiner[-1] == "na":
                # "na juni tot en met september" starts in July; "na juni, dus juli tot en met
                # september" names its months again: June is never one of them
                follows = text[found[1][0] - 12 : found[1][0]].strip().split()
                if follows and follows[-1] in _RANGE_JOINERS and month < 12:
                    months.append(month + 1)
                continue
            if not i and joiner and joiner[-1] in ("tem", "tot") and len(found) == 1:
                months.extend(range(1, month + 1))
                span = True
                continue
            months.append(month)
        origin += [len(found) - 1] * (len(months) - len(origin))
        slots.months.extend(months)
        gaps = [text[found[i - 1][1] : found[i][0]] for i in range(1, len(found))]
        split = next((i + 1 for i, gap in enumerate(gaps) if _BLOCKS_APART.search(gap)), None)
        if split is not None and not slots.blocks:
            # "maart en april samen, tegenover juli tot en met september", "jan-maart met
            # april-juni": the months on each side (compared only when the question compares)
            first_side = tuple(sorted({m for m, o in zip(months, origin, strict=True) if o < split}))
            other_side = tuple(sorted({m for m, o in zip(months, origin, strict=True) if o >= split}))
            apart = not set(first_side) & set(other_side)
            if first_side and other_side and len(first_side) + len(other_side) > 2 and apart:
                slots.blocks = [first_side, other_side]
        slots.base_named = _OTHER_BASE.search(text) is not None or (
            not slots.years and _CHANGED_FROM_TO.search(text) is not None
        )
        slots.month_order = list(dict.fromkeys(m for _, _, m in found))
        if len(slots.month_order) == 2:
            slots.reference_month = _reference_month(text, found)
        slots.span = slots.span or span or len(set(months)) > 1

    def _mask(self, text: str, taken: list[tuple[int, int, str]]) -> tuple[str, list[str]]:
        pieces: list[str] = []
        pos = 0
        for start, end, placeholder in sorted(taken):
            if start < pos:
                continue
            pieces.append(text[pos:start])
            pieces.append(f" {placeholder} ")
            pos = end
        pieces.append(text[pos:])
        words: list[str] = []
        for word in " ".join(pieces).split():
            if word in ("tem", "-", "en") and words and words[-1] == "xperiode":
                continue  # "xperiode tem xperiode" is one period
            if words and word == words[-1] and word in PLACEHOLDERS:
                continue
            words.append(word)
        while words and words[-1] == "-":
            words.pop()
        content = [
            w
            for w in words
            if w not in PLACEHOLDERS and w not in self.small_words and len(w) > 2 and not w.isdigit()
        ]
        return " ".join(words), content


class _LazyPattern:
    """A regular expression compiled on first use."""

    __slots__ = ("_compiled", "needle", "source")

    def __init__(self, source: str, needle: str) -> None:
        self.source = source
        self.needle = needle  # a word a text must contain for the pattern to match
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)


class _Span:
    """A stand-in for a regex match where only the span is needed."""

    def __init__(self, start: int, end: int) -> None:
        self._span = (start, end)

    def span(self, group: int = 0) -> tuple[int, int]:
        return self._span
