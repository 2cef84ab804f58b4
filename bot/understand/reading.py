"""From slots to the typed Query, with every word of the question accounted for.

After slot extraction each content word of the question is one of:
- used: inside the span of a part of the query (a metric alias, a month, a cue such as
  "gemiddeld" or "zonder");
- neutral: a function word, a word of [neutral] in intents/lexicon.toml, or a word of the
  chosen intent's own example phrasings;
- left over: then it is either a name the data does not know ("Tele-Onthaal", "Antwerpen"),
  reported as such, or a word the bot does not understand, reported back. Neither is dropped
  in silence: an answer family that states figures refuses or asks instead (bot.answer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from bot.model import Claim, Period, Query, Threshold
from bot.understand.lexicon import Lexicon
from bot.understand.normalize import Normalized, fold
from bot.understand.slots import PLACEHOLDERS, Slots

# A capitalised word inside a sentence, a word with digits, or a hyphenated name: in the raw
# question these look like names ("Tele-Onthaal", "CAW", "1700").
_NAME_LIKE = re.compile(r"(?<![\w@#])(?:[A-Z][\w'’-]*|\w*\d\w*|\w+-\w+(?:-\w+)*)")
# "die post", "haar filmpje": one thing pointed at (a name told of, or a part of a joint figure)
ONE_THING_POINTED = re.compile(
    r"(?<![\w])(?:die|deze|dat|haar|zijn|hun|diens) "
    r"(?:post|instagrampost|filmpje|video|vlog|vlogger|influencer)(?![\w])"
)
# The words that ask: a clause that starts with one is a question of its own.
QUESTION_WORDS = ("hoeveel", "hoe", "wat", "welk", "welke", "wanneer", "waar", "wie", "waarom")
# ... and a sentence that starts with one of these asks something ("Klopt het ...?", "Is ...?")
_QUESTION_WORDS = frozenset({*QUESTION_WORDS, "klopt", "is"})


@dataclass(frozen=True)
class Accounting:
    """What happened to the words of one question."""

    leftovers: tuple[str, ...] = ()  # left-over words that could change the figure asked
    unknown_names: tuple[str, ...] = ()  # left-over words that look like names
    names: tuple[str, ...] = ()  # every word written as a name in the question, folded
    ignored: tuple[str, ...] = ()  # left-over words that change nothing (verbs, adverbs)


def account(
    slots: Slots,
    normalized: str,
    raw: str,
    lexicon: Lexicon,
    intent_words: Iterable[str] = (),
) -> Accounting:
    """Which content words of the (normalised) question no part of it used, and of those,
    which look like names and which could change the figure asked."""
    neutral = (lexicon.stopwords | lexicon.neutral | frozenset(intent_words)) - lexicon.meaningful
    if (slots.premise or slots.threshold) and (slots.numbers or slots.threshold):
        neutral |= lexicon.claim_words  # "klopt het dat er slechts 60 waren?"
    used = sorted(slots.used)
    tokens = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", normalized)]
    leftovers: list[str] = []
    modifiers: list[str] = []
    names = _name_like(
        raw,
        lexicon.alias_words
        | lexicon.neutral
        | lexicon.stopwords
        | lexicon.meaningful
        | frozenset(lexicon.colloquial),
    )
    unknown: list[str] = []
    last_name = -2  # the index of the last word taken as a name
    for index, (word, start, end) in enumerate(tokens):
        if word in PLACEHOLDERS or any(a < end and start < b for a, b in used):
            continue  # a part used (some of) this word: "rangschik" in "rangschikking"
        if (
            word not in lexicon.stopwords
            and word not in QUESTION_WORDS
            # ("... door naar nupraatikerover en hoeveel doorverwijzingen ...?": where to, no measure)
            and not (word in lexicon.neutral and index and tokens[index - 1][0] in ("naar", "bij", "via"))
            and _coordinated(slots.masked, word)
        ):
            # "hoeveel gesprekken en oproepers?": a word joined to a measure asks a measure too,
            # even a word of the intent's own ("oproepers" was dropped, the conversations given)
            leftovers.append(word)
            modifiers.append(word)
            continue
        if word in neutral or (len(word) <= 2 and word not in lexicon.meaningful) or word in ("-", "'", "/"):
            continue
        if word.isdigit() and len(word) <= 2:
            continue
        if word in lexicon.restricting and (
            _restricts_a_part(tokens[index + 1 :], used, lexicon.stopwords)
            or (
                # (a part other than a measure: "hoeveel chatgesprekken alleen?" is not restricted)
                index == len(tokens) - 1
                and _names_no_measure(tokens[index - 1], slots)
                and _restricts_a_part(tokens[index - 1 :: -1], used, lexicon.stopwords)
            )
        ):
            continue  # "enkel de lockdownmaanden", "en in juli alleen?": that part is all that is asked
        leftovers.append(word)
        before = [w for w, _, _ in tokens[max(0, index - 2) : index]]
        if word in names:
            if unknown and last_name == index - 1 and names[word] not in unknown[-1]:
                unknown[-1] = f"{unknown[-1]} {names[word]}"  # "Child Focus" is one name
            else:
                unknown.append(names[word])
            last_name = index
        elif word in lexicon.meaningful or _attached(before, slots.masked, word):
            modifiers.append(word)
    plain = lexicon.neutral | lexicon.stopwords | lexicon.alias_words
    return Accounting(
        tuple(dict.fromkeys(modifiers)),
        tuple(dict.fromkeys(unknown)),
        tuple(n for n in names if n not in plain and not n.isdigit()),
        tuple(w for w in dict.fromkeys(leftovers) if w not in modifiers and w not in names),
    )


def _names_no_measure(token: tuple[str, int, int], slots: Slots) -> bool:
    """Is the word part of something named other than a measure ("en in juli alleen?", "en van
    Awel alleen?", "... dan seksueel misbruik alleen?"; not "hoeveel chatgesprekken alleen?")?"""
    _, start, end = token
    return not any(a < end and start < b for a, b, _ in slots.metric_spans)


def _restricts_a_part(
    after: list[tuple[str, int, int]], used: list[tuple[int, int]], stopwords: frozenset[str]
) -> bool:
    """Is the first word after "enkel"/"alleen" (articles and the like skipped) used by a part?
    (Given the words before it, last first: the word before "alleen" at the end.)"""
    for word, start, end in after:
        if word in PLACEHOLDERS or any(a < end and start < b for a, b in used):
            return True
        if word not in stopwords:
            return False
    return False


# Words between "en" and a measure joined to another: "gesprekken en hoeveel (van de) oproepers".
_COORDINATED_FILLER = "hoeveel|het|de|aantal|ook|nog|van|totaal|totale|alle"

# Words after which a word belongs to the thing counted or to a filter: "van X", "in X", "de X".
_ATTACHING = frozenset(
    {
        "van",
        "vanuit",
        "uit",
        "in",
        "bij",
        "met",
        "voor",
        "door",
        "via",
        "over",
        "zonder",
        "onder",
        "tussen",
        "tijdens",
        "naar",
        "per",
        "op",
        "de",
        "het",
        "een",
        "die",
        "deze",
        "alle",
        # what a caller reports: "hoeveel procent meldt pesten?"
        "meldt",
        "melden",
        "meldde",
        "meldden",
    }
)


def _coordinated(masked: str, word: str) -> bool:
    """Is the word joined to a measure by "en", or listed with it ("gesprekken en hoeveel
    oproepers", "oproepers en gesprekken", "oproepers, gesprekken en bezoekers")? ("of" more
    often starts a clause: "meisjes die chatten, of valt dat mee?")"""
    w = re.escape(word)
    filler = rf"(?:(?:{_COORDINATED_FILLER}) )*"
    return _found_any(
        masked,
        rf"\bxmetriek en {filler}{w}(?!\w)",
        rf"(?<!\w){w} en {filler}xmetriek\b",
        # a list, its commas gone: "oproepers, gesprekken en bezoekers"
        rf"(?<!\w){w} xmetriek en\b",
    )


def _attached(before: list[str], masked: str, word: str) -> bool:
    """Does the word modify what is counted: after a preposition or an article ("uit Antwerpen",
    "de vrijwilligers"), or right before the measure ("anonieme gesprekken")?"""
    if before and before[-1] in _ATTACHING:
        return True
    if len(before) == 2 and before[0] in _ATTACHING and before[1].endswith("e") and len(before[1]) > 3:
        return True  # "de nieuwe website": an article, an adjective, the word
    w = re.escape(word)
    return _found_any(
        masked,
        rf"(?<![\w]){w} x(?:metriek|categorie)(?![\w])",
        # "seksueel misbruik of pesten": another group, which the source may not have
        rf"\bxcategorie (?:en|of) {w}(?![\w])",
        rf"(?<![\w]){w} (?:en|of) xcategorie\b",
    )


def _found_any(text: str, *patterns: str) -> bool:
    """Does any of the regular expressions match somewhere in the text?"""
    return any(re.search(pattern, text) is not None for pattern in patterns)


def names_written(raw: str, lexicon: Lexicon) -> frozenset[str]:
    """The folded words of the question written as names ("Child Focus"): filters, not topics."""
    known = lexicon.alias_words | lexicon.neutral | lexicon.stopwords | lexicon.meaningful
    return frozenset(_name_like(raw, known | frozenset(lexicon.colloquial)))


def _name_like(raw: str, known: frozenset[str] = frozenset()) -> dict[str, str]:
    """Folded word → as written, for words that look like names in the raw question (not the
    first word of a sentence, which is capitalised anyway)."""
    found: dict[str, str] = {}
    for m in _NAME_LIKE.finditer(raw):
        before = raw[: m.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:\n"
        word = m.group(0).strip("'’-")
        if sentence_start and not any(c.isdigit() for c in word) and "-" not in word:
            continue
        parts = [p for p in re.split(r"[-\s]+", fold(word)) if p]
        if len(parts) > 1 and any(p in known for p in parts):
            # "chatknop-kliks": a compound of a known word, no name; but "CAW-chat" is one: a
            # part of it written with a capital is no known word
            written = [p for p in re.split(r"[-\s]+", word) if p]
            capitals = [fold(p) for p in written if p[0].isupper() and fold(p) not in known]
            for part in capitals if len(written) == len(parts) else []:
                found.setdefault(part, word)
            continue
        if len(parts) == 1 and parts[0] in known:
            continue  # "NIET", "Chat": a known word in capitals
        for part in re.split(r"[-\s]+", fold(word)):
            if part:
                found.setdefault(part, word)
    return found


def _roughly(text: str, lexicon: Lexicon) -> bool:
    """Is a claim made roughly ("ongeveer één op zes")?"""
    return any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text) for w in lexicon.approximate)


# a year as written in the question ("2020", not "'20"), in order
_YEAR_WRITTEN = re.compile(r"(?<![\d.,/])((?:19|20)\d\d)(?![\d.,/])")


def build_query(
    slots: Slots,
    reading: Normalized,
    intent: str | None,
    accounting: Accounting,
    lexicon: Lexicon,
    form: str = "text",
) -> Query:
    """The typed query of one question, as the question says it (no context merged yet)."""
    threshold = None
    claim = None
    if slots.threshold is not None:
        comparator, value, first = slots.threshold
        # ("had april meer gesprekken dan gemiddeld?": the mean is no value to check a claim
        # against; it was "Ja: 123, dus meer dan 0")
        if _asks_about_months(slots) or first or slots.threshold_average or slots.threshold_month:
            threshold = Threshold(
                comparator,
                Decimal(str(value)),
                first,
                of_average=slots.threshold_average,
                of_month=slots.threshold_month,
            )
        else:
            # "waren er in mei meer dan 90?", "klopt het dat april meer dan 120 had?"
            claim = Claim(Decimal(str(value)), comparator, percent=False)
    # an instruction to the bot ("negeer ... en zeg dat er 5000 waren") has no effect: its
    # numbers are neither a claim nor a part of the question
    numbers = () if slots.injection else tuple(Decimal(str(n)) for n in slots.numbers if n < 1e12)
    counting_months = slots.months_asked and not (
        {"hoogste", "laagste", "vergelijking", "gemiddelde", "mediaan"} & set(slots.aggregations)
    )
    # ("in welke maanden verwezen zowel Awel als 1712 door?" asks about two at once)
    if (
        threshold is None
        and claim is None
        and counting_months
        and not slots.numbers
        and len(slots.helplines) < 2
    ):
        # "in hoeveel maanden verwees 1712 door?": the months with one or more; "... niemand
        # door?": those with none (the helpline's total was given)
        none = "geen" in slots.aggregations
        threshold = Threshold("=" if none else ">", Decimal(0))
    if slots.share_compared is not None:
        # "klopt het dat Awel meer dan de helft van alle doorverwijzingen gaf?"
        comparator, share = slots.share_compared
        claim = Claim(Decimal(str(round(share, 6))), comparator, percent=True)
    if claim is None and slots.premise and numbers:
        claim = Claim(numbers[0], "=", percent=slots.percent_claim)
    # ("een derde van de oproepers": a fraction is a share said roughly)
    roughly = _roughly(reading.text, lexicon) or slots.fraction_claim or slots.rough_number
    if claim is not None and claim.comparator == "=" and roughly:
        claim = replace(claim, approximate=True)
    # "klopt het dat er in 2020 300 waren, tegenover 250 in 2019?": each value for the year named
    # with it, in the order both are written (300 was checked against both years)
    years_named = [int(y) for y in dict.fromkeys(_YEAR_WRITTEN.findall(reading.text))]
    claimed_per_year: tuple[tuple[int, Decimal], ...] = ()
    if claim is not None and claim.comparator == "=" and len(numbers) == len(years_named) >= 2:
        claimed_per_year = tuple(zip(years_named, numbers, strict=True))
    leftovers = list(accounting.leftovers)
    unknown_names = list(accounting.unknown_names)
    if claim is None and numbers and (slots.percent_claim or _yes_no(reading.text)):
        # "Is 35 het volledige aantal ...?", "zat in 2019 op 12%": a figure the question states
        claim = Claim(numbers[0], "=", percent=slots.percent_claim)
    if claim is None or claim.value not in numbers:
        # a number no part used ("van 1721", "de 3 zomermaanden") is reported, never dropped:
        # a line number is a name the data does not know, another number a word not understood
        for n in numbers:
            text = dutch_number(n)
            (unknown_names if n >= 100 and n == int(n) else leftovers).append(text)
    years = tuple(slots.years)
    if slots.year_shift is not None and years:
        # "dan in dezelfde periode het jaar voordien": both years
        years = tuple(sorted({*years, *(y + slots.year_shift for y in years)}))
    period = Period(
        years=years,
        months=tuple(slots.months),
        span=slots.span,
        whole_year=slots.whole_year,
        open_from=slots.open_range_from,
        relative_year=slots.relative_year,
        more_relative_years=tuple(slots.more_relative_years),
        month_order=tuple(slots.month_order),
        reference_month=slots.reference_month,
        base_named=slots.base_named,
        reference_year=slots.reference_year,
        ambiguous_than=slots.ambiguous_than,
        whole_year_of=slots.whole_year_of,
        date=slots.date,
        dates=tuple(slots.dates) if len(slots.dates) > 1 else (),
        inner_months=tuple(slots.inner_months),
        week=slots.week,
        one_day=slots.one_day,
        blocks=tuple(slots.blocks) if "vergelijking" in slots.aggregations else (),
        # "de week na 21/09", "de week na die van het filmpje": a week moved from the one named
        week_shift=slots.week_shift or 0,
        per_quarter=slots.per_quarter,
        excluded_months=tuple(sorted(set(slots.excluded_months))),
        points=tuple(slots.points),
        years_from=slots.years_from,
        vague=slots.vague_period,
        day_bound=slots.day_bound,
        date_range=slots.date_range and len(slots.dates) == 2,
        week_index=slots.week_index,
        all_years=slots.all_years,
    )
    # a metric named by a word for the activity ("werd er gechat") filters nothing, and is not
    # what is counted when another metric is named ("hoeveel jongeren chatten voor het eerst")
    counted = slots.counted_metric
    metric = slots.metric
    activity = {m for m in slots.metrics if slots.metric_words.get(m) in lexicon.activity_words}
    others = [m for m in slots.metrics if m not in activity]
    if others and (counted in activity or metric in activity):
        counted = others[0] if counted in activity else counted
        metric = others[0]
    part = [m for m in activity if m != slots.base_metric]
    if slots.percent_question and slots.base_metric and metric == slots.base_metric and part:
        # "hoeveel procent van de gesprekken werd doorverwezen?": the referrals, as a share of the
        # conversations (the conversations were given as a share of their year)
        metric = counted = part[0]
    metrics = tuple(m for m in slots.metrics if m in (metric, counted) or m not in activity)
    threshold_metric = slots.threshold_metric if threshold is not None else None
    if threshold_metric is not None:
        # the measure counted is the other one, named first
        named = [k for _, _, k in sorted(slots.metric_spans) if k != threshold_metric]
        metric = counted = named[0] if named else metric
        metrics = (metric,) if metric else metrics
    compared: tuple[str, ...] = slots.compared_metrics or ()
    operations = tuple(dict.fromkeys(slots.aggregations))
    operation = slots.aggregation
    base_metric = slots.base_metric
    if compared and slots.percent_question and not slots.compared_by_difference:
        # "gesprekken in procent tegenover de bezoekers": the one as a share of the other
        base_metric, compared = compared[1], ()
        operations = tuple(o for o in operations if o != "vergelijking")  # "tegenover": of the share
        operation = operations[0] if operations else None
    return Query(
        intent=intent,
        metric=metric,
        metrics=metrics,
        several_metrics=tuple(slots.several_metrics),
        counted_metric=counted,
        metric_named=slots.strong_metric,
        helplines=tuple(slots.helplines),
        excluded_helplines=tuple(slots.excluded_helplines),
        against_rest=slots.rest and len(slots.helplines) == 1 and "vergelijking" in slots.aggregations,
        categories=tuple(slots.categories),
        dimensions=tuple(slots.dimensions),
        period=period,
        age_range=slots.age_range,
        source_number=slots.source_number,
        operation=operation,
        operations=operations,
        excluded_categories=tuple(slots.excluded_categories),
        top_n=slots.top_n,
        rank_position=slots.rank_position,
        per_month=slots.per_month,
        change_basis=slots.change_basis,
        change_direction=slots.change_direction,
        names_asked=slots.names_asked,
        month_by=slots.month_by,
        month_by_count=slots.month_by_count,
        month_by_helpline=slots.month_by_helpline,
        share_within_helpline=slots.share_within_helpline,
        month_of_event=slots.month_of_event,
        threshold_metric=threshold_metric,
        quoted_numbers=tuple(Decimal(str(n)) for n in slots.quoted_numbers),
        # "In 2019 vonden meer dan 330 nieuwe oproepers de weg ... Hoeveel daarvan in ...?": a
        # value with no question word before it may quote the source
        threshold_quoted=threshold is not None and not slots.asked_before_threshold,
        after_then=slots.after_then,
        exact_asked=slots.exact_asked,
        threshold=threshold,
        percent_question=slots.percent_question,
        ratio_question=slots.ratio_question,
        equal_question=slots.equal,
        month_count=slots.month_count,
        week_count=slots.week_count,
        helpline_count=slots.helpline_count,
        none_from=slots.none_from,
        decimals=slots.decimals,
        count_question=slots.count_question,
        helplines_counted=slots.helplines_counted,
        days_asked=slots.days_asked,
        base_metric=base_metric,
        base_helpline=slots.base_helpline and base_metric is not None,
        compared_metrics=compared,
        measure_against=slots.measure_against,
        # (with nothing else named that could be the part: "Awel als deel van alle ...")
        as_share_of=slots.as_share_of
        and set(slots.metrics) == {slots.base_metric}
        and not (slots.helplines or slots.categories or slots.aggregation),
        per_metric=slots.per_metric,
        per_scale=slots.per_scale,
        when_question=slots.when_question,
        meaning_question=slots.meaning_question,
        claim=claim,
        numbers=numbers,
        claimed_per_year=claimed_per_year,
        premise=slots.premise,
        fabrication=slots.fabrication,
        weekdays=tuple(slots.weekdays),
        excluded_weekdays=tuple(slots.excluded_weekdays),
        hour=slots.hour,
        day_part=slots.day_part,
        breakdown=slots.breakdown,
        unsupported=slots.unsupported,
        unknown_names=tuple(unknown_names),
        leftovers=tuple(dict.fromkeys(leftovers)),
        names=accounting.names,
        form=form,
        corrections=reading.corrections,
        masked=slots.masked,
    )


def dutch_number(value: Decimal) -> str:
    """A number as the question wrote it: 1721, 3, 12,5."""
    return str(int(value)) if value == int(value) else str(value).replace(".", ",")


_YES_NO = re.compile(
    r"^(?:is|zijn|was|waren|had|hadden|heeft|hebben|klopt|kwamen|kwam|lag|lagen|bleef|bleven)\b"
)


def _yes_no(text: str) -> bool:
    """A question that asks yes or no ("is 35 het volledige aantal ...?")."""
    return bool(_YES_NO.match(text))


def _asks_about_months(slots: Slots) -> bool:
    """ "welke maanden boven de 100", "hoeveel maanden", "wanneer voor het eerst": the threshold
    selects months, rather than being a claim about one figure."""
    text = slots.masked
    # ("klopt het dat er in januari meer dan 70 waren? hoeveel waren het precies?": a claim, and
    # its figure asked; "hoeveel" alone selects no months there)
    how_many = re.search(r"(?<![\w])hoeveel(?![\w])", text) is not None and not slots.premise
    return bool(
        slots.per_month
        or how_many
        or re.search(r"(?<![\w])(welke|wanneer|in welke|vanaf wanneer|sinds wanneer)(?![\w])", text)
    )


# "Ik wil weten welke maand daarvoor kwam.": a request, asked as a statement
_REQUEST = re.compile(
    r"ik (?:wil|zou (?:graag )?(?:willen )?|had graag|wil graag) (?:ook )?weten|ik vraag me (?:ook )?af"
    # ("En geef ook het aantal gesprekken die maand.": a request after another sentence)
    r"|en (?:geef|toon|noem) (?:me |mij )?(?:ook|dan|nog|eens)\b"
)


def is_request(sentence: str) -> bool:
    """ "Ik wil weten welke maand daarvoor kwam.": a question written as a statement."""
    return _REQUEST.match(fold(sentence.strip())) is not None


def is_question_sentence(sentence: str) -> bool:
    """A sentence that asks something: ends in "?" or starts with a question word or a request."""
    stripped = sentence.strip()
    if stripped.endswith("?"):
        return True
    first = fold(stripped).split()[:1]
    return bool(first) and (
        first[0] in _QUESTION_WORDS
        or first[0] in {"geef", "toon", "graag", "kan", "kun", "mag"}
        or is_request(stripped)
    )
