"""Behavioural tests of understanding, generated from the data (CheckList: Ribeiro et al., ACL
2020, "Beyond Accuracy: Behavioral Testing of NLP Models").

For every monthly figure the data holds, a question is asked in several wordings, and then:
- invariance: a one-letter typo in the month, metric or helpline name, a polite wrapper, a
  group mention, a context sentence before the question: the same figure, or a question back
  or a refusal that states no figure; never another figure;
- direction: a negation, a name the data does not know, a modifier no source gives (a
  weekday, "anonieme", a week of the month): the answer changes, into a refusal or a question
  or another calculation; never the figure of the unchanged question;
- context independence: a self-contained question gets the same reply after any of a set of
  earlier questions as when asked fresh.

Expected figures come from the database (the `figures` oracle), never from literals.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

import duckdb
import pytest
from conftest import DB, REPO, YEAR_RANGE, Figures, dutch_number, numbers_in

from bot.engine import Engine
from bot.model import Answer, Context
from bot.present.dutch import round_half_up, signed, signed_fixed

MONTHS = Figures.MONTHS
DATES = re.compile(rf"\b\d{{1,2}} (?:{'|'.join(MONTHS)})\b|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b")
SUBSTITUTE = "aeiou"  # a vowel for a vowel: the commonest one-letter slip


@dataclass(frozen=True)
class Point:
    """One monthly figure of the data: metric (label as the data names it), year, month."""

    metric: str
    label: str
    year: int
    month: int
    value: int
    helpline: str | None = None
    helpline_label: str | None = None


def _points() -> list[Point]:
    con = duckdb.connect(str(DB), read_only=True)
    try:
        overall = con.execute(
            """
            SELECT f.metric, m.label, f.year, f.month,
                   coalesce(max(f.value) FILTER (WHERE f.helpline IS NULL), sum(f.value))
            FROM monthly_figures AS f JOIN metrics AS m USING (metric)
            GROUP BY f.metric, m.label, f.year, f.month ORDER BY 1, 3, 4
            """
        ).fetchall()
        by_helpline = con.execute(
            """
            SELECT f.metric, m.label, f.year, f.month, f.value, f.helpline, h.label
            FROM monthly_figures AS f JOIN metrics AS m USING (metric) JOIN helplines AS h USING (helpline)
            ORDER BY 1, 6, 3, 4
            """
        ).fetchall()
    finally:
        con.close()
    points = [Point(m, label, y, mo, int(v)) for m, label, y, mo, v in overall]
    points += [Point(m, label, y, mo, int(v), h, hl) for m, label, y, mo, v, h, hl in by_helpline]
    return points


POINTS = _points()
OVERALL = [p for p in POINTS if p.helpline is None]
HELPLINE = [p for p in POINTS if p.helpline is not None]


def _int(value: object) -> int:
    """A whole number read from the database (a DECIMAL comes as Decimal('600.00'))."""
    return int(Decimal(str(value)))


def _db_rows(sql: str) -> list[tuple[object, ...]]:
    """Rows of a read-only query on the database, for tables of cases built at import."""
    con = duckdb.connect(str(DB), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def months_by_year() -> dict[tuple[str, int], dict[int, int]]:
    """(metric label, year) → month → the overall figure."""
    by_year: dict[tuple[str, int], dict[int, int]] = {}
    for p in OVERALL:
        by_year.setdefault((p.label, p.year), {})[p.month] = p.value
    return by_year


def points_by_month() -> dict[tuple[int, int], dict[str, Point]]:
    """(year, month) → measure label → its overall figure."""
    by_point: dict[tuple[int, int], dict[str, Point]] = {}
    for p in OVERALL:
        by_point.setdefault((p.year, p.month), {})[p.label] = p
    return by_point


def last_two_years() -> list[tuple[str, tuple[int, int], dict[int, int], dict[int, int]]]:
    """(metric label, its last two years, the months of each) for every measure with two years."""
    by_year = months_by_year()
    pairs = []
    for label in sorted({lab for lab, _ in by_year}):
        years = sorted(y for lab, y in by_year if lab == label)[-2:]
        if len(years) == 2:
            pairs.append(
                (label, (years[0], years[1]), by_year[(label, years[0])], by_year[(label, years[1])])
            )
    return pairs


def wordings(p: Point) -> list[str]:
    """The question about one figure, in a few ways people write it."""
    month = MONTHS[p.month - 1]
    if p.helpline is not None:
        return [
            f"hoeveel doorverwijzingen kwamen er van {p.helpline_label} in {month} {p.year}?",
            f"{p.helpline_label}, {month} {p.year}: hoeveel doorverwijzingen?",
        ]
    return [
        f"hoeveel {p.label} waren er in {month} {p.year}?",
        f"{p.label} {month} {p.year}",
        f"Kan je mij zeggen hoeveel {p.label} er in {month} {p.year} waren?",
        f"Aantal {p.label} in {month} {p.year}?",
        # months by number, as spreadsheets write them
        f"{p.label} {p.month:02d}-{p.year}",
        f"{p.label} {p.year}/{p.month:02d}",
        f"{p.label} {p.month}.{p.year}",
        # a month and a two-digit year ("5/20": 20 is no month, so no day and month)
        f"hoeveel {p.label} in {p.month}/{p.year % 100}?",
        # a two-digit year said after the month, before the chat is named
        f"hoeveel {p.label} in {month} {p.year % 100} bij nupraatikerover",
        f"hoeveel {p.label} waren er in de loop van {month} {p.year}?",
    ]


def typos(word: str, known: set[str]) -> list[str]:
    """One-edit misspellings (a letter dropped, two swapped, a vowel replaced), never the first
    letter, never a word that is itself a name or word the bot knows."""
    out: list[str] = []
    for i in range(1, len(word)):
        out.append(word[:i] + word[i + 1 :])
        if i + 1 < len(word):
            out.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        if word[i] in SUBSTITUTE:
            out += [word[:i] + v + word[i + 1 :] for v in SUBSTITUTE if v != word[i]]
    seen: list[str] = []
    for typo in out:
        if typo != word and typo not in known and typo not in seen and len(typo) >= 3:
            seen.append(typo)
    return seen[:: max(1, len(seen) // 6)][:6]  # a spread of six per word


def _known(engine_words: set[str]) -> set[str]:
    return engine_words | set(MONTHS)


# -- helpers ----------------------------------------------------------------------------------


def ask(engine: Engine, question: str, context: Context | None = None) -> Answer:
    return engine.answer(question, context)


def given(figures: Figures, answer: Answer, question: str) -> set[float]:
    """Data figures the reply states (its source line, with the document's date, aside) that
    the question did not itself contain."""
    body = answer.full_text().split("\nBron:")[0]
    body = DATES.sub(" ", body)  # "de week van 21 september 2020": a date, no figure
    return (numbers_in(body) & figures.data_numbers()) - numbers_in(question)


def assert_refused(
    engine: Engine, figures: Figures, question: str, context: Context | None = None, why: object = None
) -> None:
    """The question is refused (or asked back), with no data figure it did not itself write."""
    answer = ask(engine, question, context)
    assert not answer.answered and not given(figures, answer, question), (why or question, answer.text)


def same_or_no_figure(figures: Figures, answer: Answer, question: str, value: int) -> None:
    """The invariant: the figure asked, or a question/refusal that states no figure."""
    if answer.answered:
        assert figures.has(answer.text, value), f"{question!r} → {answer.text}"
        assert given(figures, answer, question) - {float(value)} == set(), f"{question!r} → {answer.text}"
    else:
        assert given(figures, answer, question) == set(), f"{question!r} → {answer.text}"


# -- minimum functionality: the figure, in every wording ------------------------------------------

BASE = [(p, q) for p in POINTS for q in wordings(p)]


@pytest.mark.parametrize(("point", "question"), BASE, ids=[q for _, q in BASE])
def test_every_figure_in_every_wording(engine: Engine, figures: Figures, point: Point, question: str) -> None:
    answer = ask(engine, question)
    assert answer.answered, f"{question!r} → {answer.text}"
    same_or_no_figure(figures, answer, question, point.value)


# -- invariance: typos in names ------------------------------------------------------------------


def _typo_cases() -> list[tuple[Point, str]]:
    cases: list[tuple[Point, str]] = []
    known = {w for p in POINTS for w in [*p.label.split(), *(p.helpline_label or "").lower().split()]}
    known |= set(MONTHS)
    for p in POINTS:
        base = wordings(p)[0]
        month = MONTHS[p.month - 1]
        for typo in typos(month, known):
            cases.append((p, base.replace(f" {month} ", f" {typo} ", 1)))
        if p.helpline_label and len(p.helpline_label) >= 4:
            name = p.helpline_label
            for typo in typos(name.lower(), {n.lower() for n in known}):
                cases.append((p, base.replace(name, typo, 1)))
        longest = max(p.label.split(), key=len)
        if p.helpline is None and len(longest) >= 6:
            for typo in typos(longest, known)[:2]:
                cases.append((p, base.replace(longest, typo, 1)))
    return cases


TYPOS = _typo_cases()


@pytest.mark.parametrize(("point", "question"), TYPOS, ids=[q for _, q in TYPOS])
def test_a_typo_in_a_name_never_gives_another_figure(
    engine: Engine, figures: Figures, point: Point, question: str
) -> None:
    same_or_no_figure(figures, ask(engine, question), question, point.value)


def _doubled_letter_cases() -> list[tuple[Point, str]]:
    """A month or a helpline's alias with its last letter typed twice ("meii", "jac chatt")."""
    aliases = {h: str(a).split("|") for h, a in _db_rows("SELECT helpline, aliases FROM helplines")}
    cases = []
    for p in HELPLINE[::3]:
        month = MONTHS[p.month - 1]
        for alias in [a for a in aliases[p.helpline] if a[-1].isalpha()][:4]:
            cases.append(
                (p, f"hoeveel doorverwijzingen kwamen er van de {alias}{alias[-1]} in {month} {p.year}?")
            )
    for p in OVERALL[::4]:
        month = MONTHS[p.month - 1]
        cases.append((p, f"hoeveel {p.label} waren er in {month}{month[-1]} {p.year}?"))
    return cases


DOUBLED = _doubled_letter_cases()


@pytest.mark.parametrize(("point", "question"), DOUBLED, ids=[q for _, q in DOUBLED])
def test_a_letter_typed_twice_reads_as_the_name(
    engine: Engine, figures: Figures, point: Point, question: str
) -> None:
    """Invariance: "jac chatt" is JAC-chat and "meii" is May (they were read as "chats", a
    measure, and "meid", a group of the profile): the same figure."""
    answer = ask(engine, question)
    assert answer.answered, (question, answer.text)
    same_or_no_figure(figures, answer, question, point.value)


# -- invariance: wrappers ----------------------------------------------------------------------------

WRAPPERS = [
    "Dag! {q} Alvast bedankt.",
    "@hulplijnbot {q}",
    "Ik heb maandag commissie Welzijn. {Q}",
    "Mijn collega vroeg gisteren naar {other}. {Q}",
    "Voor een parlementaire vraag: {q}",
    "{Q} Graag zo snel mogelijk, aub.",
    "Even snel: {q}",
    "Hallo, ik werk voor een Vlaams parlementslid. {Q} Dank je wel!",
    # a formal preamble before the request says why, never what
    "In het kader van de opvolging van een schriftelijke vraag wens ik te vernemen {q}",
    "Met het oog op de voorbereiding van een commissiedebat had ik graag geweten {q}",
    "Graag had ik, met het oog op een persbericht van onze fractie, vernomen {q}",
    "Voor een artikel over hulplijnen tijdens de eerste lockdown zou ik willen weten {q}",
    # a purpose before a colon says why ("volgende week" in it is no period); a sign-off names
    # nobody the question is about
    "Voor de historiek: {q}",
    "Voor het debat volgende week: {q}",
    "Zin voor Instagram: {q}",
    "Snelle oneliner: {q}",
    "{Q} Thx, Jef",
    "Beste, {q} Dank en groeten, Sanne",
    "{Q} Mvg, Els Peeters",
]


def _wrapped() -> list[tuple[Point, str]]:
    cases = []
    for p in OVERALL:
        q = wordings(p)[0]
        other = f"{MONTHS[p.month % 12]} {p.year - 1}"
        for wrapper in WRAPPERS:
            cases.append((p, wrapper.format(q=q, Q=q[0].upper() + q[1:], other=other)))
    return cases


WRAPPED = _wrapped()


@pytest.mark.parametrize(("point", "question"), WRAPPED, ids=[q for _, q in WRAPPED])
def test_a_wrapper_around_the_question_changes_nothing(
    engine: Engine, figures: Figures, point: Point, question: str
) -> None:
    answer = ask(engine, question)
    assert answer.answered, f"{question!r} → {answer.text}"
    same_or_no_figure(figures, answer, question, point.value)


def _two_part_questions() -> list[tuple[Point, Point, str]]:
    """ "hoeveel A in mei 2020 tegenover mei 2019, en hoeveel B in juni 2020?": two measures of
    one year, the first compared with the year before where the data has it."""
    by_metric: dict[str, list[Point]] = {}
    for p in OVERALL:
        by_metric.setdefault(p.metric, []).append(p)
    years = {(p.metric, p.year, p.month) for p in OVERALL}
    cases = []
    for first, second in itertools.permutations(sorted(by_metric), 2):
        for a in by_metric[first][:: max(1, len(by_metric[first]) // 3)]:
            b = next((p for p in by_metric[second] if p.year == a.year and p.month != a.month), None)
            if b is None:
                continue
            month = MONTHS[a.month - 1]
            against = f" tegenover {month} {a.year - 1}" if (a.metric, a.year - 1, a.month) in years else ""
            cases.append(
                (
                    a,
                    b,
                    f"Hoeveel {a.label} waren er in {month} {a.year}{against}, en hoeveel "
                    f"{b.label} in {MONTHS[b.month - 1]} {b.year}?",
                )
            )
    return cases


TWO_PARTS = _two_part_questions()


@pytest.mark.parametrize("wrapper", [w for w in WRAPPERS if "{other}" not in w][:4])
def test_a_wrapper_around_two_questions_keeps_both(engine: Engine, figures: Figures, wrapper: str) -> None:
    """A sentence around a message of two questions changes neither (the second was answered
    with the period of the first, or refused)."""
    for a, b, question in TWO_PARTS:
        answer = ask(engine, wrapper.format(q=question, Q=question))
        assert answer.answered, answer.text
        for point in (a, b):
            line = next(x for x in answer.text.split("\n") if x.lower().startswith(point.label[:10].lower()))
            assert MONTHS[point.month - 1] in line and Figures.has(line, point.value), answer.text


LISTS_OF_MEASURES = [
    "hoeveel {a} en {b} waren er in {period}?",
    "hoeveel {a} en hoeveel {b} in {period}?",
    "aantal {a}, aantal {b} in {period}",
    "Voor {period}: het aantal {a}, het aantal {b}?",
]


@pytest.mark.parametrize("wording", LISTS_OF_MEASURES)
def test_two_measures_listed_are_both_answered(engine: Engine, wording: str) -> None:
    """Two measures of one month, listed: both figures (a list with the count word repeated was
    read as the one measure of the other, and refused)."""
    by_point: dict[tuple[int, int], list[Point]] = {}
    for p in OVERALL:
        by_point.setdefault((p.year, p.month), []).append(p)
    for (year, month), points in by_point.items():
        for a, b in itertools.combinations(points, 2):
            question = wording.format(a=a.label, b=b.label, period=f"{MONTHS[month - 1]} {year}")
            answer = ask(engine, question)
            assert answer.answered, f"{question!r} → {answer.text}"
            assert Figures.has(answer.text, a.value) and Figures.has(answer.text, b.value), answer.text


STATEMENTS = [
    "In {m1} {y1} waren er {v1} {label}. Hoeveel waren het er in {m2} {y2}?",
    "In {m1} {y1} waren er {v1} {label}, dat weet ik al. Maar hoeveel in {m2} {y2}?",
    # a sentence of a draft, quoted: its bound is no threshold of the question
    "Mijn zin: 'In {m1} {y1} waren er al meer dan {v1} {label}.' Hoeveel waren het er precies in {m2} {y2}?",
    "Ik had 'een vijftigtal {label} in {m1} {y1}' geschreven. Hoeveel waren het er precies in {m2} {y2}?",
    # ("regiokrant" is read as "regio krant": no split by region is asked)
    "Voor de regiokrant schrijf ik: 'In {m1} {y1} zochten meer jongeren hulp.' Hoeveel {label} in {m2} {y2}?",
    # the quoted sentence is what "dat" checks; the sentence before it sets nothing
    "Ik ben een schriftelijke vraag aan het voorbereiden. "
    "In mijn tekst staat: 'In {m2} {y2} waren er {v1} {label}.' Klopt dat?",
]


@pytest.mark.parametrize("wording", STATEMENTS)
def test_a_statement_with_a_figure_gives_the_question_its_measure(engine: Engine, wording: str) -> None:
    """The question takes the measure of the statement before it, whose figure is no part of it
    ("Over '123' heb ik geen cijfers")."""
    for a, b in MONTH_PAIRS:
        question = wording.format(
            m1=MONTHS[a.month - 1], y1=a.year, v1=a.value, label=a.label, m2=MONTHS[b.month - 1], y2=b.year
        )
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, b.value), (question, answer.text)
        assert MONTHS[b.month - 1] in answer.text.split("Bron:")[0], answer.text


# -- direction: what must change the answer ------------------------------------------------------

CHANGES = [
    # a name the data does not know
    "hoeveel {label} uit Antwerpen waren er in {month} {year}?",
    "hoeveel {label} kwamen er via Tele-Onthaal in {month} {year}?",
    "hoeveel {label} bij de CAW waren er in {month} {year}?",
    # a modifier no source gives
    "hoeveel anonieme {label} waren er in {month} {year}?",
    "hoeveel {label} waren er op zondag in {month} {year}?",
    "hoeveel {label} waren er in de eerste week van {month} {year}?",
    "hoeveel {label} waren er gemiddeld per dag in {month} {year}?",
    # a negation
    "hoeveel {label} waren er niet in {month} {year}?",
    # a second measure joined to the first that names none of ours (it was dropped)
    "hoeveel {label} en oproepers waren er in {month} {year}?",
    "hoeveel {label} en hoeveel jongeren waren er in {month} {year}?",
    "hoeveel vrijwilligers en {label} waren er in {month} {year}?",  # ("wachtenden" is ours now)
    "hoeveel oproepers, {label} en bezoekers waren er in {month} {year}?",
]


@pytest.mark.parametrize(
    "whole",
    [
        "welk percentage van het totaal van {h} is dat?",
        "welk percentage van alle doorverwijzingen van {h} is dat?",
    ],
)
def test_a_share_of_a_helplines_own_total(engine: Engine, whole: str) -> None:
    """ "hoeveel doorverwijzingen van de CLB-chat tussen mei en september?", "welk percentage van
    het totaal van de CLB-chat is dat?": of that helpline's own total over its months (the total
    of every helpline was taken)."""
    by_helpline: dict[tuple[str, int], dict[int, int]] = {}
    for p in HELPLINE:
        by_helpline.setdefault((p.helpline_label or "", p.year), {})[p.month] = p.value
    checked = 0
    for (helpline, year), months in sorted(by_helpline.items()):
        run = sorted(months)[1:]
        part, total = sum(months[m] for m in run), sum(months.values())
        if not total or not (helpline.isalpha() or "-" in helpline) or len(run) < 2:
            continue
        span = f"tussen {MONTHS[run[0] - 1]} en {MONTHS[run[-1] - 1]} {year}"
        context = ask(engine, f"hoeveel doorverwijzingen van {helpline} {span}?").context
        answer = ask(engine, whole.format(h=helpline), context)
        assert answer.answered and f"{part} van de {total} " in answer.text, answer.text
        assert one_decimal_percent(part, total).removesuffix(",0%") in answer.text, answer.text
        checked += 1
    assert checked


def test_a_helplines_share_of_every_referral_pointed_back_to(engine: Engine) -> None:
    """ "Hoeveel doorverwijzingen kwamen van Awel?", "Welk deel is dat van alle doorverwijzingen,
    in procent?": Awel's share (the profile or the problems were offered)."""
    totals: dict[str, int] = {}
    for p in HELPLINE:
        totals[p.helpline_label or ""] = totals.get(p.helpline_label or "", 0) + p.value
    whole = sum(totals.values())
    for helpline, total in sorted(totals.items()):
        if not (helpline.isalpha() or "-" in helpline):
            continue
        context = ask(engine, f"Hoeveel doorverwijzingen kwamen van {helpline}?").context
        answer = ask(engine, "Welk deel is dat van alle doorverwijzingen, in procent?", context)
        assert answer.answered and f"{total} van de {whole} " in answer.text, answer.text


def test_a_ratio_per_hundred_of_a_measure_written_with_a_hyphen(engine: Engine) -> None:
    """ "Hoeveel gesprekken per 100 chatknop-bezoekers waren er in april 2020?" ("per" was not
    understood before the hyphenated name)."""
    checked = 0
    for (year, month), points in sorted(points_by_month().items()):
        by_metric = {p.metric: p.value for p in points.values()}
        if not {"gesprekken", "bezoekers_chatknop"} <= set(by_metric) or not by_metric["bezoekers_chatknop"]:
            continue
        answer = ask(
            engine, f"Hoeveel gesprekken per 100 chatknop-bezoekers waren er in {MONTHS[month - 1]} {year}?"
        )
        ratio = decimal_text(Fraction(by_metric["gesprekken"] * 100, by_metric["bezoekers_chatknop"]), 1)
        assert answer.answered and f"{ratio} per 100" in answer.text, answer.text
        checked += 1
    assert checked


def test_a_total_asked_apart_after_helplines_one_by_one_gives_every_helpline_too(engine: Engine) -> None:
    """ "hoeveel van de CLB-chat in april, hoeveel van de JAC-chat, en hoeveel in totaal in
    april?": the two together and every helpline together (only the two were added up)."""
    by_month: dict[tuple[int, int], dict[str, int]] = {}
    for p in HELPLINE:
        by_month.setdefault((p.year, p.month), {})[p.helpline_label or ""] = p.value
    checked = 0
    for (year, month), values in sorted(by_month.items()):
        named = [h for h in sorted(values) if h.isalpha() or "-" in h][:2]
        if len(named) < 2:
            continue
        a, b = named
        month_name = MONTHS[month - 1]
        question = (
            f"Hoeveel doorverwijzingen kwamen er van {a} in {month_name} {year}, "
            f"hoeveel van {b} in die maand, en hoeveel in totaal in {month_name}?"
        )
        answer = ask(engine, question)
        assert answer.answered and f"samen: {values[a] + values[b]}." in answer.text, answer.text
        assert f"Alle hulplijnen samen: {sum(values.values())}." in answer.text, answer.text
        checked += 1
    assert checked


@pytest.mark.parametrize("split", ["{a} {b}", "{a} {b}l"], ids=["exact", "one letter more"])
def test_a_helpline_name_dictated_as_two_words(engine: Engine, split: str) -> None:
    """ "hoeveel doorverwijzingen kwamen er van a well in juli?": Awel, dictated as two words (the
    helpline was dropped and every helpline's July given)."""
    asked = 0
    for p in HELPLINE:
        label = p.helpline_label or ""
        if not label.isalpha() or len(label) < 4:
            continue
        spoken = split.format(a=label[0].lower(), b=label[1:].lower())
        answer = ask(
            engine, f"hoeveel doorverwijzingen kwamen er van {spoken} in {MONTHS[p.month - 1]} {p.year}?"
        )
        assert answer.answered and label in answer.text and Figures.has(answer.text, p.value), answer.text
        asked += 1
    assert asked >= 3


@pytest.mark.parametrize(
    "wording",
    [
        "Wat is het verschil in procentpunt tussen de grootste en de kleinste problematiek?",
        "Hoeveel procentpunt scheelt de meest gemelde problematiek met de minst gemelde?",
    ],
)
def test_the_difference_between_the_largest_and_smallest_share(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """The two ends and their difference in percentage points (every group was listed, with no
    difference)."""
    rows = figures.rows("SELECT year, percent FROM shares WHERE dimension = 'problematiek'")
    latest = max(int(str(y)) for y, _ in rows)
    values = [_int(p) for y, p in rows if int(str(y)) == latest]
    answer = ask(engine, wording)
    assert answer.answered and f"{max(values) - min(values)} procentpunt" in answer.text, answer.text


@pytest.mark.parametrize("asked_how", ["one question", "one year at a time"])
def test_a_months_share_of_a_range_compared_over_two_years(engine: Engine, asked_how: str) -> None:
    """ "Hoeveel procentpunt groter was het aandeel van april in jan-sep in 2020 dan in 2019?", or
    the share asked for one year, "en in 2020?", "verschil in procentpunt?": each year's share and
    the change in points (the two years' totals were compared)."""
    asked = 0
    for label, (y1, y2), earlier, later in last_two_years():
        run = sorted(set(earlier) & set(later))
        if len(run) < 3 or run != list(range(run[0], run[-1] + 1)):
            continue
        first, last = MONTHS[run[0] - 1], MONTHS[run[-1] - 1]
        month = run[len(run) // 2]
        shares = [Decimal(m[month]) * 100 / sum(m[x] for x in run) for m in (earlier, later)]
        if asked_how == "one question":
            answer = ask(
                engine,
                f"Hoeveel procentpunt verschilt het aandeel van {MONTHS[month - 1]} in de {label} "
                f"van {first} tot {last} in {y2} tegenover {y1}?",
            )
        else:
            context = ask(
                engine,
                f"Welk aandeel van de {label} van {first} tot {last} {y1} viel in {MONTHS[month - 1]}?",
            ).context
            context = ask(engine, f"en in {y2}?", context).context
            answer = ask(engine, "verschil in procentpunt?", context)
        assert answer.answered and f"{signed_fixed(shares[1] - shares[0], 1)} procentpunt" in answer.text, (
            answer.text
        )
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize(
    "operation", ["wat is het verschil tussen die twee in procentpunt?", "wat is het verschil tussen beide?"]
)
def test_the_difference_of_two_groups_asked_in_turn(engine: Engine, figures: Figures, operation: str) -> None:
    """ "Hoeveel procent seksueel misbruik?", "en fysieke mishandeling?", "wat is het verschil
    tussen die twee?": the two shares and their difference (which two was asked back)."""
    keys = ["seksueel_misbruik", "fysieke_mishandeling", "emotionele_mishandeling"]
    for a, b in itertools.combinations(keys, 2):
        (_, share_a), (_, share_b) = figures.share("problematiek", a), figures.share("problematiek", b)
        label_a, label_b = (
            figures.rows("SELECT label FROM categories WHERE category = ?", k)[0][0] for k in (a, b)
        )
        context = ask(engine, f"Hoeveel procent {label_a}?").context
        context = ask(engine, f"en {label_b}?", context).context
        answer = ask(engine, operation, context)
        assert answer.answered and f"{abs(share_a - share_b)} procentpunt" in answer.text, answer.text


@pytest.mark.parametrize("holiday", ["paasvakantie", "krokusvakantie", "herfstvakantie", "kerstvakantie"])
def test_a_short_school_holiday_is_part_of_a_month(engine: Engine, figures: Figures, holiday: str) -> None:
    """ "hoeveel gesprekken in de paasvakantie van 2020?": a part of April, which no figure gives
    (April's was given, with the year before beside it)."""
    for label, year in sorted({(p.label, p.year) for p in OVERALL}):
        question = f"hoeveel {label} waren er in de {holiday} van {year}?"
        answer = ask(engine, question)
        assert not answer.answered and given(figures, answer, question) == set(), answer.text


def _changed() -> list[tuple[Point, str]]:
    return [
        (p, change.format(label=p.label, month=MONTHS[p.month - 1], year=p.year))
        for p in OVERALL
        for change in CHANGES
    ]


CHANGED = _changed()


@pytest.mark.parametrize(("point", "question"), CHANGED, ids=[q for _, q in CHANGED])
def test_a_change_to_the_question_never_gives_the_unchanged_figure(
    engine: Engine, figures: Figures, point: Point, question: str
) -> None:
    answer = ask(engine, question)
    if answer.answered:
        # another calculation is fine ("niet in mei": the other months, where another month
        # may have the same value), the plain figure of the month asked is not
        plain = figures.has(answer.text, point.value) and MONTHS[point.month - 1] in answer.text
        assert not plain, f"{question!r} → {answer.text}"
    else:
        assert given(figures, answer, question) == set(), f"{question!r} → {answer.text}"


# -- direction: the base of a percentage is the month the question measures against ---------------

BASES = [
    # (wording, which of (earlier, later) is the base)
    ("met hoeveel procent steeg of daalde het aantal {label} van {a} naar {b} {year}?", "a"),
    ("hoeveel procent meer of minder {label} in {b} dan in {a} {year}?", "a"),
    ("hoeveel procent meer of minder {label} in {a} dan in {b} {year}?", "b"),
    ("{label} in {a} {year} tov {b}, in procent?", "b"),
    # "vs" is symmetric: a change asked runs from the earlier month to the later one
    ("{label} {a} vs {b} {year}, stijging of daling in %", "a"),
    ("{label} {b} vs {a} {year}, stijging of daling in %", "a"),
]


def _percent_cases() -> list[tuple[str, int, int, str]]:
    """Each pair of neighbouring months with figures, in each wording: (question, value of the
    other month, value of the base month, base month's name)."""
    by_metric: dict[tuple[str, int], dict[int, Point]] = {}
    for p in OVERALL:
        by_metric.setdefault((p.label, p.year), {})[p.month] = p
    cases = []
    for (label, year), months in by_metric.items():
        for month, earlier in months.items():
            later = months.get(month + 1)
            if later is None or 0 in (earlier.value, later.value) or earlier.value == later.value:
                continue
            names = {"a": MONTHS[earlier.month - 1], "b": MONTHS[later.month - 1]}
            for wording, base in BASES:
                question = wording.format(label=label, year=year, **names)
                pair = (later, earlier) if base == "a" else (earlier, later)
                cases.append((question, pair[0].value, pair[1].value, names[base]))
    return cases[:: max(1, len(cases) // 60)]


PERCENTS = _percent_cases()


@pytest.mark.parametrize(("question", "other", "base", "base_month"), PERCENTS, ids=[c[0] for c in PERCENTS])
def test_a_percentage_change_is_measured_against_the_month_the_question_names(
    engine: Engine, question: str, other: int, base: int, base_month: str
) -> None:
    answer = ask(engine, question)
    expected = round_half_up(Fraction(other - base, base) * 100)
    if answer.answered:
        assert f"{signed(expected)}% ten opzichte van {base_month}" in answer.text, (
            f"{question!r} → {answer.text}"
        )
    else:
        assert "%" not in answer.text, f"{question!r} → {answer.text}"


def test_percentage_changes_are_answered() -> None:
    # the table above must not pass by refusing everything
    engine = Engine.open(DB)
    answered = sum(ask(engine, q).answered for q, *_ in PERCENTS)
    assert answered >= len(PERCENTS) * 3 // 4, answered


# -- direction: a month left out is left out of the total ----------------------------------------


def _exclusion_cases() -> list[tuple[str, int, int]]:
    """For each metric and year, the year's total without one of its months: (question, total
    of the other months, the month's own value)."""
    by_year: dict[tuple[str, str, int], dict[int, int]] = {}
    for p in OVERALL:
        by_year.setdefault((p.metric, p.label, p.year), {})[p.month] = p.value
    cases = []
    for (_, label, year), months in by_year.items():
        if len(months) < 3:
            continue
        left_out = sorted(months)[len(months) // 2]
        rest = sum(v for m, v in months.items() if m != left_out)
        for wording in (
            "hoeveel {label} in totaal in {year} zonder {month}?",
            "{label} {year} behalve {month}, samen",
            "hoeveel {label} waren er in {year} behalve in {month}?",
            "hoeveel {label} in {year}, {month} niet meegerekend?",
            "hoeveel {label} waren er in {year} als je {month} niet meetelt?",
            "hoeveel {label} in {year} zonder {month} mee te tellen?",
            "hoeveel {label} waren er in {year} als ge {month} weglaat?",
        ):
            question = wording.format(label=label, year=year, month=MONTHS[left_out - 1])
            cases.append((question, rest, sum(months.values())))
        # a list of months left out: every one of them
        pair = sorted(months)[-2:]
        rest = sum(v for m, v in months.items() if m not in pair)
        both = f"{MONTHS[pair[0] - 1]} en {MONTHS[pair[1] - 1]}"
        cases.append((f"totaal {label} in {year} zonder {both}", rest, sum(months.values())))
        cases.append((f"totaal {label} in {year}, {both} niet meegeteld", rest, sum(months.values())))
        # a range of months left out: every month of it (only its first was)
        ordered = sorted(months)
        if len(ordered) >= 5:
            run = ordered[1:4]
            rest = sum(v for m, v in months.items() if m not in run)
            span = f"{MONTHS[run[0] - 1]} t.e.m. {MONTHS[run[-1] - 1]}"
            cases.append((f"hoeveel {label} in {year} zonder de maanden {span}?", rest, sum(months.values())))
    return cases


EXCLUSIONS = _exclusion_cases()


@pytest.mark.parametrize(("question", "rest", "whole"), EXCLUSIONS, ids=[c[0] for c in EXCLUSIONS])
def test_a_month_left_out_is_left_out_of_the_total(
    engine: Engine, figures: Figures, question: str, rest: int, whole: int
) -> None:
    answer = ask(engine, question)
    assert answer.answered, f"{question!r} → {answer.text}"
    assert figures.has(answer.text, rest), f"{question!r} → {answer.text}"
    assert not figures.has(answer.text, whole), f"{question!r} → {answer.text}"


@pytest.mark.parametrize(
    "question",
    [
        "wanneer is de chat open, zonder december?",
        "hoeveel procent van de oproepers is een meisje, zonder april?",
        "maak een tabel van de chatgesprekken zonder april",
        "hoeveel chatgesprekken in 2020 behalve seksueel misbruik?",
        # a count from the facts, with a word the fact does not say
        "hoeveel views had de campagne zonder instagram?",
        "hoeveel views had de campagne niet?",
        # a name the answer cannot tie to any figure: the post planned for October
        "hoeveel nieuwe oproepers kwamen er na de post van Jamie-Lee-Six?",
        # "samen" with one group named: nothing to add up
        "hoeveel procent van de oproepers is 15-18 jaar, samen?",
    ],
)
def test_an_exclusion_a_family_cannot_apply_is_refused(
    engine: Engine, figures: Figures, question: str
) -> None:
    answer = ask(engine, question)
    assert not answer.answered, f"{question!r} → {answer.text}"
    assert given(figures, answer, question) == set(), f"{question!r} → {answer.text}"


# -- a part of a range named apart: its share of the range ----------------------------------------


def _inner_cases() -> list[tuple[str, int, int]]:
    """(question, the month's value, the range's total) for the share of a month in a range."""
    by_year = months_by_year()
    cases = []
    for (label, year), months in by_year.items():
        ordered = sorted(months)
        if len(ordered) < 3 or ordered != list(range(ordered[0], ordered[-1] + 1)):
            continue
        inner = ordered[len(ordered) // 2]
        first, last = MONTHS[ordered[0] - 1], MONTHS[ordered[-1] - 1]
        question = f"hoeveel procent van de {label} van {first} tot {last} {year} was in {MONTHS[inner - 1]}?"
        cases.append((question, months[inner], sum(months.values())))
        # the month named before the range it lies in
        before = f"welk aandeel had {MONTHS[inner - 1]} in de {label} van {first} t/m {last} {year}?"
        cases.append((before, months[inner], sum(months.values())))
        # a month inside a quarter or a named period ("in het eerste kwartaal ... in maart")
        lexicon = tomllib.loads((DB.parents[1] / "intents" / "lexicon.toml").read_text(encoding="utf-8"))
        blocks = [
            (f"het {word} kwartaal", lexicon["periods"]["kwartaal"][q])
            for q, word in enumerate(["eerste", "tweede", "derde"])
        ]
        blocks += [
            (f"{article} {name}", lexicon["periods"][name])
            for article, name in (("de", "zomer"), ("de", "lockdown"))
        ]
        for named, (start, end) in blocks:
            block = range(start, end + 1)
            if not all(m in months for m in block):
                continue
            whole = sum(months[m] for m in block)
            for m in block:
                share = f"hoeveel procent van de {label} in {named} van {year} was in {MONTHS[m - 1]}?"
                cases.append((share, months[m], whole))
    return cases


INNER = _inner_cases()


def one_decimal_percent(part: int, whole: int) -> str:
    """18,7%: one decimal, half away from zero, no ",0"."""
    tenths = (Fraction(part * 1000, whole) + Fraction(1, 2)).__floor__()
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10}%"


@pytest.mark.parametrize(("question", "part", "whole"), INNER, ids=[c[0] for c in INNER])
def test_the_share_of_a_month_is_of_the_range_it_is_named_in(
    engine: Engine, question: str, part: int, whole: int
) -> None:
    answer = ask(engine, question)
    assert answer.answered, f"{question!r} → {answer.text}"
    assert one_decimal_percent(part, whole) in answer.text, f"{question!r} → {answer.text}"
    # the same month and range asked as a plain count: a question back, never one of the two (a
    # named period beside a month counted describes it: "in juli, in de zomer")
    if "hoeveel procent van de" in question and " tot " in question:
        count = ask(engine, question.replace("hoeveel procent van de", "hoeveel"))
        assert not count.answered, f"{question!r} → {count.text}"


# -- precision and factors ------------------------------------------------------------------------


def _year_pairs() -> list[tuple[Point, Point]]:
    """The same month of two years, for every summed metric: (earlier, later)."""
    by_key = {(p.metric, p.year, p.month): p for p in OVERALL}
    return [
        (p, by_key[(p.metric, p.year + 1, p.month)])
        for p in OVERALL
        if (p.metric, p.year + 1, p.month) in by_key and p.value > 0
    ]


YEAR_PAIRS = _year_pairs()


def factor_text(value: Fraction) -> str:
    """A factor as replies write it: exact when it has at most two decimals (5,25; 1), else to
    one decimal (2,9)."""
    if (value * 100).denominator != 1:
        return decimal_text(value, 1)
    text = decimal_text(value, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def decimal_text(value: Fraction, places: int) -> str:
    """A value rounded half away from zero to `places` decimals, written the Dutch way."""
    scaled = abs(value) * 10**places
    digits = str((scaled + Fraction(1, 2)).__floor__()).rjust(places + 1, "0")
    sign = "-" if value < 0 and int(digits) else ""
    return sign + (f"{digits[:-places]},{digits[-places:]}" if places else digits)


@pytest.mark.parametrize(
    "wording",
    [
        "procentuele stijging {label} {month} {later} tov {month} {earlier}? ({places} decimaal)",
        "met hoeveel procent veranderde het aantal {label} van {month} {earlier} naar {month} {later}, "
        "op {places} cijfers na de komma",
        "Hoeveel procent verschil in {label} tussen {month} {earlier} en {month} {later}? "
        "Afgerond op {places} decimalen.",
    ],
)
@pytest.mark.parametrize("places", [1, 2])
def test_a_change_in_percent_has_the_decimals_asked(engine: Engine, wording: str, places: int) -> None:
    for earlier, later in YEAR_PAIRS:
        question = wording.format(
            label=earlier.label,
            month=MONTHS[earlier.month - 1],
            earlier=earlier.year,
            later=later.year,
            places=places,
        )
        answer = ask(engine, question)
        change = Fraction(later.value - earlier.value, earlier.value) * 100
        expected = decimal_text(change, places)
        assert answer.answered and f"{'+' if change > 0 else ''}{expected}%" in answer.text, (
            question,
            answer.text,
        )


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel keer zoveel {label} in {month} {later} als in {month} {earlier}?",
        "hoeveel keer meer {label} waren er in {month} {later} dan in {month} {earlier}",
        "{label}: deel {month} {later} door {month} {earlier}",
        "{label} {month} {later} gedeeld door {label} {month} {earlier}?",
    ],
)
def test_a_factor_is_the_larger_figure_over_the_smaller(engine: Engine, wording: str) -> None:
    """A factor asked, or a division spelled out ("deel ... door ..."): the larger figure as a
    multiple of the smaller (the division was answered with the difference alone)."""
    for earlier, later in YEAR_PAIRS:
        if later.value == 0:
            continue
        question = wording.format(
            label=earlier.label, month=MONTHS[earlier.month - 1], earlier=earlier.year, later=later.year
        )
        answer = ask(engine, question)
        factor = Fraction(max(earlier.value, later.value), min(earlier.value, later.value))
        assert answer.answered and f"{factor_text(factor)} keer zoveel" in answer.text, (
            question,
            answer.text,
        )


@pytest.mark.parametrize(
    "question",
    [
        "hoeveel keer zoveel meisjes als jongens?",
        "hoeveel keer zoveel seksueel misbruik als fysieke mishandeling in 2019?",
        "wanneer is de chat open, hoeveel keer zoveel uren als vroeger?",
    ],
)
def test_a_factor_with_nothing_to_divide_is_refused(engine: Engine, figures: Figures, question: str) -> None:
    """Direction: a factor asked where the answer has no two figures is no plain answer (what is
    available may follow the refusal, as the family's refusals say it)."""
    answer = ask(engine, question)
    assert not answer.answered, answer.text
    refused = replace(answer, text=answer.text.split("Wel beschikbaar")[0])
    assert not given(figures, refused, question), answer.text


@pytest.mark.parametrize("operation", ["gemiddeld", "de mediaan"])
@pytest.mark.parametrize(
    "question",
    ["hoe lang duurt een chatgesprek{op}?", "hoeveel personen staan er{op} per beantwoorder in de wachtrij?"],
)
def test_an_average_of_a_stated_fact_is_refused(
    engine: Engine, figures: Figures, question: str, operation: str
) -> None:
    """Direction: the fact is answered; asked as an average (the source states none), no figure."""
    plain = ask(engine, question.format(op=""))
    assert plain.answered and given(figures, plain, question), plain.text
    averaged = ask(engine, question.format(op=f" {operation}"))
    assert not averaged.answered and not given(figures, averaged, question), averaged.text


def test_how_many_times_alone_counts(engine: Engine) -> None:
    """ "hoeveel keer werd er gechat": a count, no factor."""
    for p in OVERALL[:12]:
        answer = ask(engine, f"hoeveel keer {p.label} in {MONTHS[p.month - 1]} {p.year}?")
        assert answer.answered and "keer zoveel" not in answer.text, answer.text


def test_a_comparison_follow_up_after_two_years_compares_those_years(
    engine: Engine, figures: Figures
) -> None:
    years = [y for y in range(2010, 2030) if figures.yearly("gesprekken", y) is not None]
    assert len(years) >= 2
    for earlier, later in itertools.pairwise(years):
        context = ask(engine, f"hoeveel gesprekken in {earlier}?").context
        context = ask(engine, f"en in {later}?", context).context
        answer = ask(engine, "hoeveel keer zoveel is dat?", context)
        low, high = sorted(v for v, _ in (figures.yearly("gesprekken", y) for y in (earlier, later)))  # type: ignore[misc]
        assert f"{factor_text(Fraction(high, low))} keer zoveel" in answer.text, answer.text
        # "hoeveel is dat erbij?": how many more (the later year was given again)
        more = ask(engine, "hoeveel is dat erbij?", context)
        assert more.answered and Figures.has(more.text, int(high - low)), more.text


def test_in_how_many_months_a_year_was_lower(engine: Engine, figures: Figures) -> None:
    by_year = months_by_year()
    for (label, year), months in by_year.items():
        before = by_year.get((label, year - 1))
        if not before:
            continue
        both = sorted(set(months) & set(before))
        lower = [m for m in both if months[m] < before[m]]
        question = (
            f"In hoeveel maanden van {year} lag het aantal {label} lager dan in die maand van {year - 1}?"
        )
        answer = ask(engine, question)
        expected = (
            f"lager in {len(lower)} van de {len(both)} maanden" if lower else "lager in geen enkele maand"
        )
        assert expected in answer.text, (question, answer.text)


def _threshold_cases() -> list[tuple[str, int, str, int]]:
    """(label, year, wording, limit) with a limit that is one of the year's own figures, so
    that "100 of meer" and "meer dan 100" differ."""
    by_year = months_by_year()
    return [
        (label, year, wording, sorted(months.values())[len(months) // 2])
        for (label, year), months in by_year.items()
        if len(months) >= 3
        for wording in (">=", "<=", ">", "<", ">=reached", ">=reached_or_more", "<=reached_or_less")
    ]


THRESHOLDS = _threshold_cases()
_THRESHOLD_WORDINGS = {
    ">=": "welke maanden van {year} hadden {limit} of meer {label}?",
    "<=": "In welke maanden van {year} waren er {limit} of minder {label}?",
    ">": "welke maanden van {year} hadden meer dan {limit} {label}?",
    "<": "Welke maanden van {year} haalden de {limit} {label} niet?",
    ">=reached": "welke maanden van {year} haalden de {limit} {label}?",
    ">=reached_or_more": "Hoeveel maanden in {year} haalden {limit} {label} of meer?",
    "<=reached_or_less": "welke maanden van {year} haalden {limit} of minder {label}?",
}


@pytest.mark.parametrize(("label", "year", "comparator", "limit"), THRESHOLDS)
def test_months_at_a_threshold_include_it_only_when_asked(
    engine: Engine, figures: Figures, label: str, year: int, comparator: str, limit: int
) -> None:
    months = {p.month: p.value for p in OVERALL if p.label == label and p.year == year}
    keep = {
        ">=": lambda v: v >= limit,
        "<=": lambda v: v <= limit,
        ">": lambda v: v > limit,
        "<": lambda v: v < limit,
        ">=reached": lambda v: v >= limit,
        ">=reached_or_more": lambda v: v >= limit,
        "<=reached_or_less": lambda v: v <= limit,
    }[comparator]
    question = _THRESHOLD_WORDINGS[comparator].format(year=year, limit=limit, label=label)
    answer = ask(engine, question)
    assert answer.answered, (question, answer.text)
    listed = {int(v) for v in re.findall(r"\((\d+)\)", answer.text)}  # "april (123)"
    inside = {v for v in months.values() if keep(v)}
    assert listed == inside, (question, answer.text)


@pytest.mark.parametrize(
    "wording",
    [
        "welke maand had de meeste en welke de minste {label} in {year}?",
        "Wat was de drukste en de rustigste maand qua {label} in {year}?",
    ],
)
def test_both_extremes_are_both_answered(engine: Engine, figures: Figures, wording: str) -> None:
    by_year = months_by_year()
    for (label, year), months in by_year.items():
        if len(months) < 3:
            continue
        answer = ask(engine, wording.format(label=label, year=year))
        high, low = max(months.values()), min(months.values())
        stated = given(figures, answer, wording)
        assert answer.answered and {high, low} <= stated, answer.text
        for value in (high, low):
            assert any(MONTHS[m - 1] in answer.text for m, v in months.items() if v == value), answer.text


# -- context independence ---------------------------------------------------------------------------

EARLIER = [
    "hoeveel doorverwijzingen kwamen er van Awel in april 2020?",
    "hoeveel nieuwe oproepers in juli 2019?",
    "wat was het gemiddelde aantal gesprekken per maand in 2019?",
    "welke maand had de meeste bezoekers?",
    "vergelijk de gesprekken van 2019 met 2020",
    "wanneer is de chat open op woensdag?",
    "wat zijn de meest gemelde problematieken?",
    "geef een tabel van de gesprekken",
    "maak een grafiek van de nieuwe oproepers in 2020",
    "hoeveel gesprekken in oktober 2020?",
    "dank je!",
    "welke maanden van 2020 hadden meer dan 80 gesprekken?",
    "hoeveel procent van de oproepers is vrouwelijk?",
    "hoeveel meer gesprekken dan nieuwe oproepers waren er in mei 2020?",
]
SELF_CONTAINED = [wordings(p)[0] for p in OVERALL[:: max(1, len(OVERALL) // 12)]] + [
    "hoeveel gesprekken waren er in totaal van januari tot en met september 2020?",
    "hoeveel nieuwe oproepers waren er gemiddeld per maand in 2020?",
    "wanneer is de chat open?",
    "hoeveel procent van de gemelde problematieken gaat over seksueel misbruik?",
    # no period of their own: still questions of their own, never the previous period
    "hoeveel doorverwijzingen kwamen van Awel?",
    "hoeveel nieuwe oproepers waren er?",
    "welke maand had de meeste gesprekken?",
]


@pytest.fixture(scope="module")
def earlier_contexts(engine: Engine) -> Iterator[list[tuple[str, Context]]]:
    yield [(q, engine.answer(q).context) for q in EARLIER]


@pytest.mark.parametrize("question", SELF_CONTAINED)
def test_a_self_contained_question_is_answered_the_same_after_any_other(
    engine: Engine, earlier_contexts: list[tuple[str, Context]], question: str
) -> None:
    fresh = ask(engine, question)
    for earlier, context in earlier_contexts:
        after = ask(engine, question, context)
        assert (after.text, after.answered) == (fresh.text, fresh.answered), (
            f"after {earlier!r}: {question!r} → {after.text}\nfresh: {fresh.text}"
        )


@pytest.mark.parametrize(
    "prefix", ["Los daarvan: ", "Iets anders: ", "Een andere vraag: ", "ok. ", "Top, bedankt! "]
)
def test_a_question_marked_as_new_takes_nothing_from_before(
    engine: Engine, earlier_contexts: list[tuple[str, Context]], prefix: str
) -> None:
    """ "Los daarvan: ..." says the question stands on its own, though "daarvan" points back; an
    acknowledgment ("ok.") before it says nothing of it (it made the question a follow-up)."""
    for question in SELF_CONTAINED:
        fresh = ask(engine, question)
        for earlier, context in earlier_contexts:
            after = ask(engine, prefix + question, context)
            assert (after.text, after.answered) == (fresh.text, fresh.answered), (
                earlier,
                question,
                after.text,
            )


def test_a_follow_up_that_only_narrows_the_months_keeps_the_measure(engine: Engine) -> None:
    """ "en als je enkel mei tot en met september telt?" after a total: the total of those months
    ("enkel" is a word of the chat's history too, which took the question there)."""
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(months)
        if len(run) < 4:
            continue
        first, last = run[2], run[-1]
        total = ask(engine, f"Hoeveel {label} waren er in {year} in totaal?")
        narrowed = ask(
            engine, f"en als je enkel {MONTHS[first - 1]} tot en met {MONTHS[last - 1]} telt?", total.context
        )
        expected = sum(months[m] for m in range(first, last + 1))
        assert narrowed.answered and Figures.has(narrowed.text, expected), narrowed.text


def _years_together() -> list[tuple[str, int, int, int | None, int]]:
    """(label, year, other year, month or None for the months both have, their sum)."""
    by_year = months_by_year()
    cases = []
    for (label, year), months in sorted(by_year.items()):
        other = by_year.get((label, year + 1))
        if other is None:
            continue
        common = sorted(set(months) & set(other))
        if common != sorted(months) or common != sorted(other):
            continue  # "van januari tot september" must be every month of both
        month = common[len(common) // 2]
        cases.append((label, year, year + 1, month, months[month] + other[month]))
        cases.append((label, year, year + 1, None, sum(months.values()) + sum(other.values())))
    return cases


@pytest.mark.parametrize(("label", "year", "other", "month", "total"), _years_together())
def test_two_years_together_are_added_up(
    engine: Engine, label: str, year: int, other: int, month: int | None, total: int
) -> None:
    """ "in mei 2019 en 2020 samen", and "en samen met 2020?" after May 2019: one sum (each
    year's figure was given, the sum asked for not)."""
    period = MONTHS[month - 1] if month else f"van {MONTHS[0]} tot {MONTHS[8]}"
    fresh = ask(engine, f"hoeveel {label} {'in ' if month else ''}{period} {year} en {other} samen?")
    first = ask(engine, f"hoeveel {label} {'in ' if month else ''}{period} {year}?")
    added = ask(engine, f"en samen met {other}?", first.context)
    for answer in (fresh, added):
        assert answer.answered and Figures.has(answer.text, total), answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "wat is het verschil tussen de drukste en de rustigste maand qua {label} in {year}?",
        "Verschil in {label} tussen de drukste en de stilste maand van {year}?",
        "verschil tussen de maand met de meeste en die met de minste {label} in {year}?",
    ],
)
def test_the_difference_between_the_busiest_and_the_quietest_month(engine: Engine, wording: str) -> None:
    """Both ends and their difference (it ranked the changes from month to month, or gave the
    busiest month alone)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 3:
            continue
        answer = ask(engine, wording.format(label=label, year=year))
        high, low = max(months.values()), min(months.values())
        assert answer.answered and Figures.has(answer.text, high - low), answer.text
        assert Figures.has(answer.text, high) and Figures.has(answer.text, low), answer.text


GROUPS = _db_rows("SELECT label FROM categories ORDER BY dimension, category")


@pytest.mark.parametrize(
    "question",
    [
        *(f"in welke maand was het aandeel {label} het hoogst?" for (label,) in GROUPS),
        "in welke maand was de stijging het grootst?",
        "in welke maand was de daling het grootst en in welke het kleinst?",
    ],
)
def test_a_month_asked_of_shares_without_months_states_none(
    engine: Engine, figures: Figures, question: str
) -> None:
    """Direction: the groups' shares have no months, so "in welke maand" gets no share (a change
    without a measure named got the list of problem shares)."""
    answer = ask(engine, question)
    assert not answer.answered and not given(figures, answer, question), answer.text


@pytest.mark.parametrize(
    "follow_up", ["hoeveel procent is dat van het totaal?", "welk aandeel van het totaal?"]
)
def test_a_months_share_of_the_total_after_the_month(engine: Engine, follow_up: str) -> None:
    """ "hoeveel procent is dat van het totaal?" after one month: that month of its year's
    months (the total of the year was given, or the share refused)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 2 or label.startswith("oproepers in de wachtrij"):
            continue
        month = sorted(months)[len(months) // 2]
        first = ask(engine, f"Hoeveel {label} waren er in {MONTHS[month - 1]} {year}?")
        answer = ask(engine, follow_up, first.context)
        share = one_decimal_percent(months[month], sum(months.values()))
        assert answer.answered and share in answer.text, answer.text


def _group_pairs() -> list[tuple[str, str, int]]:
    """Two groups of one split with a share in the same year: (label, label, the difference)."""
    rows = _db_rows(
        "SELECT c.dimension, c.label, s.year, s.percent FROM shares_figures s "
        "JOIN categories c USING (dimension, category) ORDER BY 1, 2"
    )
    latest = {d: max(y for d2, _, y, _ in rows if d2 == d) for d, _, _, _ in rows}
    by_dimension: dict[str, list[tuple[str, int]]] = {}
    for dimension, label, year, percent in rows:
        if year == latest[dimension]:
            by_dimension.setdefault(dimension, []).append((str(label), _int(percent)))
    return [
        (a, b, abs(pa - pb))
        for groups in by_dimension.values()
        for (a, pa), (b, pb) in itertools.combinations(groups, 2)
    ]


@pytest.mark.parametrize(
    "wording",
    ["Hoeveel procentpunt verschil is er tussen {a} en {b}?", "wat is het verschil tussen {a} en {b}?"],
)
def test_two_groups_set_against_each_other_give_the_difference_in_points(
    engine: Engine, wording: str
) -> None:
    """Both shares and their difference (the shares were given without it, the word
    "procentpunten" asked back, or the comparison refused for the profile)."""
    for a, b, points in _group_pairs():
        answer = ask(engine, wording.format(a=a, b=b))
        unit = "procentpunt" if points == 1 else "procentpunten"
        assert answer.answered and f"{points} {unit}" in answer.text, answer.text


@pytest.mark.parametrize(
    ("wording", "position", "most"),
    [
        ("welke hulplijn verwees {period} het tweede meest door?", 2, True),
        ("welke hulplijn stond {period} op de derde plaats qua doorverwijzingen?", 3, True),
        ("welke hulplijn verwees {period} op een na het minst door?", 2, False),
        ("welke hulplijn verwees {period} op twee na het minst door?", 3, False),
    ],
)
def test_the_helplines_at_a_place_of_the_ranking(
    engine: Engine, figures: Figures, wording: str, position: int, most: bool
) -> None:
    """The helplines at the place asked, those with the same total sharing it (the first place
    was given)."""
    year = figures.latest_year("doorverwijzingen")
    periods = [(f"in {MONTHS[m - 1]} {year}", [m]) for m in figures.months("doorverwijzingen", year)]
    for period, months in [("", None), *periods]:
        per = figures.by_helpline("doorverwijzingen", year, months)
        ordered = sorted(per.values(), reverse=most)
        value = ordered[position - 1]
        answer = ask(engine, " ".join(wording.format(period=period).split()))
        head = answer.text.split("\n")[0]
        assert answer.answered and f"plaats {position}" in head, answer.text
        assert all(f"{h} ({value})" in head for h, v in per.items() if v == value), answer.text


@pytest.mark.parametrize("plural", ["", "s"])
def test_a_word_of_a_weeks_note_must_be_of_the_week_answered(
    engine: Engine, figures: Figures, plural: str
) -> None:
    """Direction: "de week van 21/09, de week van de vlog" keeps the figure where that week's
    note says "vlog", and gets none for a week whose note does not ("vlog" was asked back even
    for the week it belongs to); so does the plural, "na de vlogs" (it was asked back)."""
    rows = figures.rows(
        "SELECT w.week_start, w.value, w.note, m.label FROM weekly_figures w JOIN metrics m USING (metric) "
        "WHERE w.note IS NOT NULL ORDER BY 1"
    )
    notes = {start: str(note).lower() for start, _, note, _ in rows}
    checked = 0
    for start, value, note, label in rows:
        own = [
            w for w in re.findall(r"[a-z]{4,}", str(note).lower()) if w not in ("week", "werd", "tot", "met")
        ]
        for word in own:
            for other, _, _, _ in rows:
                week = f"de week van {other.day}/{other.month:02d}"
                question = f"hoeveel {label} in {week}, de week van de {word}{plural}?"
                answer = ask(engine, question)
                if word in re.findall(r"[a-z]+", notes[other]):
                    continue  # the word is of that week too
                assert not answer.answered and not Figures.has(answer.text, _int(value)), answer.text
                checked += 1
            own_week = f"de week van {start.day}/{start.month:02d}"
            answer = ask(engine, f"hoeveel {label} in {own_week}, de week van de {word}{plural}?")
            assert answer.answered and Figures.has(answer.text, _int(value)), answer.text
    assert checked, "no week's note has a word another week's note lacks"


@pytest.mark.parametrize("wording", ["is het aandeel {label} verdubbeld?", "hoe evolueerde {label}?"])
def test_a_groups_change_needs_two_years(engine: Engine, figures: Figures, wording: str) -> None:
    """A change of a group's share: both years and the change where the source has two, none
    where it has one (that one year's share was given, the change dropped; "verdubbeld" was
    refused as a factor)."""
    rows = figures.rows(
        "SELECT c.label, list(s.percent ORDER BY s.year) FROM shares_figures s "
        "JOIN categories c USING (dimension, category) WHERE s.dimension = 'problematiek' GROUP BY 1"
    )
    for label, percents in rows:
        answer = ask(engine, wording.format(label=label))
        if len(percents) >= 2:
            points = signed(percents[-1] - percents[0])
            assert answer.answered and f"{points} procentpunten" in answer.text, answer.text
        else:
            assert not answer.answered and not given(figures, answer, ""), answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "In welke maand lag het aantal {label} in {later} het verst boven dat van {earlier}?",
        "In welke maand lag het aantal {label} in {later} het meest boven dat van {earlier}, en met hoeveel?",
    ],
)
def test_the_month_furthest_above_the_year_before(engine: Engine, wording: str) -> None:
    """The month whose figure rose most on the same month of the year named, and by how much
    (each year's busiest month was given, or "verst" asked back)."""
    by_year = months_by_year()
    for (label, year), months in sorted(by_year.items()):
        before = by_year.get((label, year - 1))
        if before is None or len(set(months) & set(before)) < 2:
            continue
        rises = {m: months[m] - before[m] for m in set(months) & set(before)}
        top = max(rises.values())
        answer = ask(engine, wording.format(label=label, later=year, earlier=year - 1))
        head = answer.text.split("\n")[0]
        assert answer.answered and f"+{top}" in head, answer.text
        assert all(MONTHS[m - 1] in head for m, v in rises.items() if v == top), answer.text


@pytest.mark.parametrize(
    ("wording", "passes"),
    [
        ("hoeveel hulplijnen verwezen {period} minstens {value} keer door?", lambda v, limit: v >= limit),
        ("welke hulplijnen verwezen {period} meer dan {value} keer door?", lambda v, limit: v > limit),
        ("welke hulplijnen verwezen {period} minder dan {value} keer door?", lambda v, limit: v < limit),
    ],
)
def test_the_helplines_whose_total_passes_a_value(
    engine: Engine, figures: Figures, wording: str, passes: Callable[[int, int], bool]
) -> None:
    """The helplines whose total over the period passes the value, listed and counted (a split
    per helpline was refused)."""
    year = figures.latest_year("doorverwijzingen")
    periods = [(f"in {MONTHS[m - 1]}", [m]) for m in figures.months("doorverwijzingen", year)[::2]]
    for period, months in [("", None), *periods]:
        per = figures.by_helpline("doorverwijzingen", year, months)
        for limit in sorted(set(per.values()))[:3]:
            answer = ask(engine, " ".join(wording.format(period=period, value=limit).split()))
            hits = [h for h, v in per.items() if passes(v, limit)]
            assert answer.answered, answer.text
            if hits:
                assert f"{len(hits)} van de {len(per)}" in answer.text, answer.text
                assert all(f"{h} ({per[h]})" in answer.text for h in hits), answer.text
            else:
                assert "geen enkele hulplijn" in answer.text, answer.text


def test_a_factor_between_two_helplines_or_two_groups(engine: Engine, figures: Figures) -> None:
    """ "hoeveel keer meer van Awel dan van de JAC-chat?", "hoeveel keer zoveel A als B?" for two
    groups: the factor (it was refused as a calculation the family cannot make)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    pairs = [(a, b, totals[a], totals[b]) for a, b in itertools.combinations(sorted(totals), 2)]
    asked = [
        (f"hoeveel keer meer doorverwijzingen kwamen er van {a} dan van {b}?", x, y) for a, b, x, y in pairs
    ]
    shares = _db_rows(
        "SELECT c.label, s.percent FROM shares_figures s JOIN categories c USING (dimension, category) "
        "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures)"
    )
    asked += [
        (f"hoeveel keer zoveel {a} als {b}?", _int(x), _int(y))
        for (a, x), (b, y) in itertools.combinations(shares, 2)
    ]
    for question, x, y in asked:
        if min(x, y) == 0:
            continue
        answer = ask(engine, question)
        expected = factor_text(Fraction(max(x, y), min(x, y)))
        assert answer.answered and f"{expected} keer zoveel" in answer.text, (question, answer.text)


@pytest.mark.parametrize(
    "wording",
    ["{a} of {b}, wie verwees {period} meer door?", "welke hulplijn verwees {period} meer door: {a} of {b}?"],
)
def test_which_of_two_helplines_referred_more(engine: Engine, figures: Figures, wording: str) -> None:
    """Both totals and their difference ("meer" was asked back, or two calculations refused)."""
    year = figures.latest_year("doorverwijzingen")
    for period, months in [("", None), (f"in {MONTHS[4]}", [5])]:
        totals = figures.by_helpline("doorverwijzingen", year, months)
        for a, b in itertools.combinations(sorted(totals), 2):
            answer = ask(engine, " ".join(wording.format(a=a, b=b, period=period).split()))
            assert answer.answered, answer.text
            assert f"- {a}: {totals[a]}" in answer.text and f"- {b}: {totals[b]}" in answer.text, answer.text
            assert (
                "het verschil is 0" in answer.text
                if totals[a] == totals[b]
                else (f": {abs(totals[a] - totals[b])} (" in answer.text)
            ), answer.text


ORDINALS = ["eerste", "tweede", "derde", "vierde"]


@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel {label} meer waren er in het {a} kwartaal van {year} dan in het {b}?",
        "hoeveel {label} in het {a} kwartaal van {year} tegenover het {b} kwartaal?",
        "vergelijk {first_a} t.e.m. {last_a} {year} met {first_b} t.e.m. {last_b} {year} qua {label}",
        # a list on one side, a range on the other
        "hoeveel {label} in {first_a}, {mid_a} en {last_a} samen, tegenover {first_b}-{last_b} {year}?",
        # from one block to the other: the first is the base
        "% stijging {label} van {first_a}+{mid_a}+{last_a} {year} naar {first_b}+{mid_b}+{last_b} {year}",
        "% stijging {label} {first_a}+{mid_a}+{last_a} {year} -> {first_b}+{mid_b}+{last_b} {year}",
        "hoeveel procent stegen de {label} van {first_a}, {mid_a} en {last_a} "
        "naar {first_b}, {mid_b} en {last_b} {year}?",
    ],
)
def test_two_blocks_of_months_set_against_each_other(engine: Engine, wording: str) -> None:
    """Each block added up and the two compared (both blocks' months were compared with the
    year before: a neighbouring question)."""
    for (label, year), months in sorted(months_by_year().items()):
        quarters = [q for q in range(4) if all(3 * q + m in months for m in (1, 2, 3))]
        for a, b in itertools.permutations(quarters, 2):
            va, vb = (sum(months[3 * q + m] for m in (1, 2, 3)) for q in (a, b))
            question = wording.format(
                label=label,
                year=year,
                a=ORDINALS[a],
                b=ORDINALS[b],
                first_a=MONTHS[3 * a],
                mid_a=MONTHS[3 * a + 1],
                last_a=MONTHS[3 * a + 2],
                first_b=MONTHS[3 * b],
                mid_b=MONTHS[3 * b + 1],
                last_b=MONTHS[3 * b + 2],
            )
            answer = ask(engine, question)
            said = answer.text.split("Bron:")[0]
            assert answer.answered and Figures.has(said, va) and Figures.has(said, vb), (
                question,
                answer.text,
            )
            # "dan", "tegenover": the block after it is the base; "vergelijk A met B": the earlier
            either = wording.startswith("vergelijk") and signed(vb - va) in said
            if " naar " in wording or "->" in wording:
                assert signed(vb - va) in said, (question, answer.text)
            else:
                assert signed(va - vb) in said or either, (question, answer.text)


@pytest.mark.parametrize(
    "wording",
    [
        "welk percentage van de {whole} in {period} waren {part}?",
        "hoeveel procent van de {whole} in {period} waren {part}?",
    ],
)
def test_one_measure_as_a_share_of_another_in_a_month(engine: Engine, wording: str) -> None:
    """A measure as a share of the measure named after "van de" (the share of the first in its
    year was given, the whole named dropped)."""
    by_point = points_by_month()
    for (year, month), points in sorted(by_point.items())[::3]:
        for part, whole in itertools.permutations(sorted(points), 2):
            a, b = points[part], points[whole]
            if b.value == 0 or a.value > b.value:
                continue
            period = f"{MONTHS[month - 1]} {year}"
            answer = ask(engine, wording.format(whole=whole, part=part, period=period))
            assert answer.answered and one_decimal_percent(a.value, b.value) in answer.text, answer.text


def test_a_share_of_two_measures_without_the_whole_named_is_asked_back(
    engine: Engine, figures: Figures
) -> None:
    """Direction: "percentage gesprekken nieuwe oproepers mei 2020" says no whole: a question
    back, never the first measure's share of its year (the second dropped)."""
    by_point: dict[tuple[int, int], list[Point]] = {}
    for p in OVERALL:
        by_point.setdefault((p.year, p.month), []).append(p)
    for (year, month), points in sorted(by_point.items())[::4]:
        for a, b in itertools.permutations(points, 2):
            question = f"percentage {a.label} {b.label} {MONTHS[month - 1]} {year}"
            answer = ask(engine, question)
            assert not answer.answered and not given(figures, answer, question), (question, answer.text)


def test_what_was_asked_before_and_what_is_named_now_added_up(engine: Engine, figures: Figures) -> None:
    """ "en mei en juni? tel die drie op" after April; "en 15-18? tel ze samen" after 12-15: all of
    them added up (the months named now alone were added, or the groups asked back)."""
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(months)
        if len(run) < 3:
            continue
        a, b, c = run[:3]
        first = ask(engine, f"hoeveel {label} in {MONTHS[a - 1]} {year}?")
        answer = ask(engine, f"en {MONTHS[b - 1]} en {MONTHS[c - 1]}? tel die drie eens op", first.context)
        assert answer.answered and Figures.has(answer.text, months[a] + months[b] + months[c]), answer.text
    rows = _db_rows(
        "SELECT c.dimension, c.label, s.percent FROM shares_figures s "
        "JOIN categories c USING (dimension, category) "
        "WHERE s.year = (SELECT max(year) FROM shares_figures) ORDER BY 1, 2"
    )
    for (d1, a, pa), (d2, b, pb) in itertools.pairwise(rows):
        if d1 != d2:
            continue
        first = ask(engine, f"hoeveel procent is {a}?")
        answer = ask(engine, f"en {b}? tel ze samen", first.context)
        assert answer.answered and f"{_int(pa) + _int(pb)}%" in answer.text, (a, b, answer.text)


def test_questions_each_a_sentence_are_answered_in_turn(engine: Engine) -> None:
    """ "Hoeveel in maart? En in september? En in juni?": each answered, the later ones as
    follow-ups of the one before (the months of all were asked as one question)."""
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(months)
        if len(run) < 3:
            continue
        a, b, c = run[0], run[-1], run[len(run) // 2]
        asked = [f"Hoeveel {label} waren er in {MONTHS[a - 1]} {year}?", f"En in {MONTHS[b - 1]}?"]
        question = " ".join([*asked, f"En in {MONTHS[c - 1]}?"])
        answer = ask(engine, question)
        lines = answer.text.split("\n")
        assert answer.answered and len(lines) >= 4, answer.text
        for line, month in zip(lines, (a, b, c), strict=False):
            assert MONTHS[month - 1] in line and Figures.has(line, months[month]), answer.text
        assert "vorige vraag" not in answer.text, answer.text
        # a question that names nothing of its own says more of the one before: one question
        top = max(months, key=lambda m: months[m])
        single = ask(engine, f"In welke maand waren er in {year} de meeste {label}? Met hoeveel?")
        assert single.answered and MONTHS[top - 1] in single.text, single.text
        assert Figures.has(single.text, months[top]), single.text
        assert len(single.text.split("Bron:")[0].strip().split("\n")) == 1, single.text  # not twice


@pytest.mark.parametrize(
    ("wording", "referred"),
    [
        ("hoeveel hulplijnen verwezen in {month} door?", True),
        ("hoeveel hulplijnen verwezen in {month} niet door?", False),
        ("Hoeveel van de hulplijnen verwezen in {month} niemand door?", False),
    ],
)
def test_the_helplines_that_referred_or_not_counted(
    engine: Engine, figures: Figures, wording: str, referred: bool
) -> None:
    """Direction: "niet", "niemand" counts the helplines with none (those with some were
    counted); "hoeveel van de hulplijnen" counts helplines too."""
    year = figures.latest_year("doorverwijzingen")
    for month in figures.months("doorverwijzingen", year):
        per = figures.by_helpline("doorverwijzingen", year, [month])
        count = sum(1 for v in per.values() if (v > 0) == referred)
        answer = ask(engine, wording.format(month=MONTHS[month - 1]))
        head = answer.text.split("\n")[0]
        assert answer.answered and f": {count} van de {len(per)}" in head, answer.text
        assert ("niet doorverwezen" in head) != referred, answer.text


def test_a_fact_asked_for_a_name_it_is_not_about_gives_no_figure(engine: Engine, figures: Figures) -> None:
    """Direction: "views filmpje justnicolas alleen?" where the views are of the vlogs and the
    post together: no figure (the joint figure was given as his), in lower case too. Names and
    figures of one topic."""
    facts = figures.rows("SELECT topic, value, unit, text FROM facts")
    checked = 0
    for topic, value, unit, text in facts:
        if value is None or unit == "jaar":
            continue
        texts = [str(t) for tp, _, _, t in facts if tp == topic]
        names = {n for t in texts for n in re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b", t)}
        for name in sorted(n for n in names if n not in str(text)):
            for written in (name, name.lower()):
                question = f"{unit} {written} alleen?"
                answer = ask(engine, question)
                assert not Figures.has(answer.text.split("Bron:")[0], _int(value)), (question, answer.text)
                checked += 1
    assert checked


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel {label} kwamen er binnen via de {word}?",
        "hoeveel {label} dankzij de {word}?",
        "hoeveel {label} in de week van {day} via de {word}?",
        "hoeveel {label} in september kwamen er dankzij de {word}s?",  # (another form of the word)
    ],
)
def test_a_count_caused_by_an_event_is_no_weekly_figure(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """Direction: the weeks count who came, never why: "via de vlog" gets no figure as its
    answer, the week only offered (the week of the vlog was given as what the vlog brought)."""
    rows = figures.rows(
        "SELECT w.week_start, w.value, w.note, m.label FROM weekly_figures w JOIN metrics m USING (metric) "
        "WHERE w.note IS NOT NULL"
    )
    checked = 0
    # the causes the lexicon names besides the notes ("via de instagrampost" got the weeks)
    causes = tomllib.loads((REPO / "intents" / "lexicon.toml").read_text())["attributing"]["causes"]
    for start, value, note, label in rows:
        for word in [*re.findall(r"[a-z]{4,}", str(note).lower()), *causes[::3]]:
            if word in ("week", "justnicolas"):
                continue
            question = wording.format(label=label, word=word, day=f"{start.day}/{start.month:02d}")
            answer = ask(engine, question)
            assert not answer.answered, (question, answer.text)
            checked += 1
        plain = ask(engine, f"hoeveel {label} in de week van {start.day}/{start.month:02d}?")
        assert plain.answered and Figures.has(plain.text, _int(value)), plain.text
    assert checked


# Messages that ask no figure after an answer: thanks (which repeated the last answer, "top" even
# asked for its highest month) after any answer, names the data has no figures of after a measure
# ("en van Child Focus?" was taken to the chat's history, a name of which it is, and answered with
# its dates), and topics it has no word for. (message, only after a measure, keeps the conversation)
NO_FIGURE_AFTER = [
    *((thanks, False, True) for thanks in ["ok", "oké", "top", "Top, merci!", "dank je", "dank je wel!"]),
    *((thanks, False, True) for thanks in ["bedankt", "super, bedankt", "duidelijk"]),
    *((name, True, False) for name in ["en van Child Focus?", "en vanuit Tele-Onthaal?", "en bij het CAW?"]),
    ("en van Child Focus dan?", True, False),
    # a topic the bot has no word for, all a follow-up adds (the answer before was given again)
    *(
        (topic, False, False)
        for topic in ["en racisme?", "en hoeveel procent specifiek cyberpesten?", "en loverboys?"]
    ),
]


@pytest.mark.parametrize(("message", "after_measure", "keeps"), NO_FIGURE_AFTER)
def test_a_message_that_asks_no_figure_gets_none_after_an_answer(
    engine: Engine,
    figures: Figures,
    earlier_contexts: list[tuple[str, Context]],
    message: str,
    after_measure: bool,
    keeps: bool,
) -> None:
    """Direction: no figure and nothing answered; thanks keep the conversation where it was, so a
    follow-up after them still follows the earlier question."""
    for earlier, context in earlier_contexts:
        if after_measure and (context.query is None or context.query.metric is None):
            continue
        reply = ask(engine, message, context)
        assert not reply.answered and not given(figures, reply, message), (earlier, reply.text)
        if keeps and context.query is not None:
            assert reply.context == context, earlier


def _problem_shares(figures: Figures) -> list[tuple[str, int]]:
    """The problem groups of the newest year, largest first."""
    rows = figures.rows(
        "SELECT c.label, s.percent FROM shares_figures s JOIN categories c USING (dimension, category) "
        "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures)"
    )
    return sorted(((str(label), _int(percent)) for label, percent in rows), key=lambda r: -r[1])


@pytest.mark.parametrize(
    "question",
    [
        "wat is het profiel van de jongeren die chatten?",
        "Is er iets geweten over het profiel van de jongeren die chatten?",
    ],
)
def test_people_described_by_chatting_ask_no_count_of_conversations(
    engine: Engine, figures: Figures, question: str
) -> None:
    """ "het profiel van de jongeren die chatten": who they are ("chatten" was read as the count of
    conversations, whose totals were given)."""
    _, girls = figures.share("geslacht", "vrouwelijk")
    answer = ask(engine, question)
    assert answer.answered and f"{girls}%" in answer.text and "gesprekken" not in answer.text.lower(), (
        answer.text
    )


@pytest.mark.parametrize(
    "before",
    [
        "hoeveel procent van de oproepers is een meisje?",
        "hoeveel procent van de oproepers komt met een vraag over zichzelf?",
        "hoeveel procent van de oproepers belt over zichzelf?",
    ],
)
def test_a_follow_up_that_names_another_split_ranks_that_split(
    engine: Engine, figures: Figures, before: str
) -> None:
    """ "hoeveel procent van de oproepers is een meisje?", "en wat is de meest gemelde
    problematiek?": the problems ranked (the callers' profile was given again; "belt" was not
    understood)."""
    top, share = _problem_shares(figures)[0]
    first = ask(engine, before)
    answer = ask(engine, "en wat is de meest gemelde problematiek?", first.context)
    assert first.answered and answer.answered and f"{top} ({share}%)" in answer.text, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "zijn {a} en {b} samen groter dan {c}?",
        "Welk aandeel hadden {a} en {b} samen, en is dat meer dan {c} alleen?",
    ],
)
def test_two_groups_added_up_against_a_third(engine: Engine, figures: Figures, wording: str) -> None:
    """ "fysieke en emotionele mishandeling samen, is dat meer dan seksueel misbruik?": the two
    added up against the third, in points (each share was listed, neither asked part done)."""
    shares = _problem_shares(figures)
    for (a, x), (b, y), (c, z) in itertools.islice(itertools.permutations(shares, 3), 0, None, 7):
        answer = ask(engine, wording.format(a=a, b=b, c=c))
        expected = f"samen {x + y}%", f"{z}%", f"{'+' if x + y > z else ''}{x + y - z} procentpunt"
        assert answer.answered and all(e in answer.text for e in expected), answer.text


@pytest.mark.parametrize(
    ("first", "largest"),
    [("Wat was de meest gemelde problematiek?", True), ("welke problematiek komt het minst voor?", False)],
)
def test_the_group_a_ranking_found_against_another_place(
    engine: Engine, figures: Figures, first: str, largest: bool
) -> None:
    """ "wat was de meest gemelde?", "hoeveel procentpunten scheelt dat met de categorie op de
    derde plaats?": the group found against the group at that place (counted from the top), in
    points (the place was given, the difference dropped); "en op de derde plaats?" ranks again
    (it was read as a claim about the group before: "Dat klopt niet")."""
    shares = _problem_shares(figures)  # a place is counted from the top, after either
    found = shares[0][1] if largest else shares[-1][1]
    context = ask(engine, first).context
    checked = 0
    for position in range(2, len(ORDINALS) + 1):
        label, share = shares[position - 1]
        if sum(1 for _, s in shares if s == share) > 1:
            continue  # no one group at that place
        ordinal = ORDINALS[position - 1]
        answer = ask(
            engine, f"Hoeveel procentpunten scheelt dat met de categorie op de {ordinal} plaats?", context
        )
        assert answer.answered and f"{abs(found - share)} procentpunt" in answer.text, answer.text
        again = ask(engine, f"en op de {ordinal} plaats?", context)
        assert again.answered and label in again.text and "klopt" not in again.text, again.text
        checked += 1
    assert checked


@pytest.mark.parametrize(
    ("wording", "passes"),
    [
        ("welke problematieken zitten boven de {value} procent?", lambda v, limit: v > limit),
        ("hoeveel categorieën van problematiek zitten boven {value}%?", lambda v, limit: v > limit),
        ("welke problematieken zitten onder de {value}%?", lambda v, limit: v < limit),
    ],
)
def test_the_groups_whose_share_passes_a_value(
    engine: Engine, figures: Figures, wording: str, passes: Callable[[int, int], bool]
) -> None:
    """The problem groups whose share passes the value, listed and counted (every share was
    listed instead, the value dropped)."""
    shares = [
        (str(label), _int(percent))
        for label, percent in figures.rows(
            "SELECT c.label, s.percent FROM shares_figures s JOIN categories c USING (dimension, category) "
            "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures)"
        )
    ]
    for limit in sorted({p for _, p in shares})[1:-1]:
        answer = ask(engine, wording.format(value=limit))
        hits = [(label, p) for label, p in shares if passes(p, limit)]
        assert answer.answered and f"{len(hits)} van de {len(shares)}" in answer.text, answer.text
        assert all(f"{label} ({p}%)" in answer.text for label, p in hits), answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel {label} samen in de {word} drukste maanden van {year}?",
        "de {word} rustigste maanden van {year} samen, hoeveel {label}?",
    ],
)
def test_the_first_months_of_a_ranking_added_up(engine: Engine, wording: str) -> None:
    """The months at the top (or bottom) of the ranking, and those months added up (the total
    of every month was given beside them: a figure for another question)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 4 or label.startswith("oproepers in de wachtrij"):
            continue
        for count, word in ((2, "twee"), (3, "drie")):
            busiest = "drukste" in wording
            ordered = sorted(months.values(), reverse=busiest)
            edge = ordered[count - 1]
            if ordered.count(edge) > 1:
                continue  # a tie at the last place: which months are added up is not one answer
            answer = ask(engine, wording.format(label=label, year=year, word=word))
            together = answer.text.partition("Samen in die maanden:")[2]
            assert answer.answered and Figures.has(together, sum(ordered[:count])), answer.text
            assert not Figures.has(answer.text, sum(months.values())), answer.text
    groups = ask(engine, "Wat zijn de meest gemelde problematieken?")
    three = ask(engine, "en hoeveel procent is dat voor die drie grootste categorieën samen?", groups.context)
    assert three.answered and "samen" in three.text.split("\n")[0], three.text


def test_a_percentage_after_two_measures_of_one_month_is_asked_back(engine: Engine, figures: Figures) -> None:
    """Direction: "hoeveel procent is dat?" after "bezoekers in juni?" and "en nieuwe oproepers
    toen?" may be of either whole: a question back, no figure (the share of the year was given)."""
    by_point: dict[tuple[int, int], list[Point]] = {}
    for p in OVERALL:
        by_point.setdefault((p.year, p.month), []).append(p)
    for (year, month), points in sorted(by_point.items())[::4]:
        for a, b in itertools.permutations(points, 2):
            first = ask(engine, f"hoeveel {a.label} waren er in {MONTHS[month - 1]} {year}?")
            second = ask(engine, f"en hoeveel {b.label} waren er toen?", first.context)
            assert second.answered and Figures.has(second.text, b.value), second.text
            answer = ask(engine, "hoeveel procent is dat?", second.context)
            assert not answer.answered and not given(figures, answer, ""), (a.label, b.label, answer.text)


def test_one_helpline_against_all_the_others_together(engine: Engine, figures: Figures) -> None:
    """ "Verwees Awel meer door dan alle andere hulplijnen samen?": its total, the others'
    together and the difference (a comparison of years was refused, with Awel's total)."""
    year = figures.latest_year("doorverwijzingen")
    for period, months in [("", None), (f"in {MONTHS[4]}", [5])]:
        totals = figures.by_helpline("doorverwijzingen", year, months)
        for name, own in totals.items():
            rest = sum(totals.values()) - own
            answer = ask(engine, f"verwees {name} {period} meer door dan alle andere hulplijnen samen?")
            assert answer.answered and f"{name} {own}, alle andere hulplijnen samen {rest}" in answer.text, (
                answer.text
            )


def test_the_months_in_which_one_helpline_alone_referred(engine: Engine, figures: Figures) -> None:
    """ "In welke maand verwees enkel Awel door?": the months in which it referred and no other
    did (its total over every month was given)."""
    year = figures.latest_year("doorverwijzingen")
    months = figures.months("doorverwijzingen", year)
    per = {m: figures.by_helpline("doorverwijzingen", year, [m]) for m in months}
    for name in per[months[0]]:
        alone = [
            m for m in months if per[m][name] > 0 and all(v == 0 for h, v in per[m].items() if h != name)
        ]
        answer = ask(engine, f"in welke maanden verwees enkel {name} door?")
        assert answer.answered, answer.text
        if alone:
            assert all(f"{MONTHS[m - 1]} ({per[m][name]})" in answer.text for m in alone), answer.text
        else:
            assert "geen maand" in answer.text, answer.text


@pytest.mark.parametrize("part", ["haakten af tijdens het aanmelden", "stopten halverwege"])
def test_a_part_of_the_figure_before_named_by_words_not_understood(
    engine: Engine, figures: Figures, part: str
) -> None:
    """Direction: "en hoeveel van hen haakten af?" asks a part no source counts: no figure (the
    whole figure before was given again)."""
    for p in OVERALL[::7]:
        first = ask(engine, f"hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?")
        question = f"En hoeveel van hen {part}?"
        answer = ask(engine, question, first.context)
        assert not answer.answered and not given(figures, answer, question), (p.label, answer.text)


def test_months_of_two_years_are_points_or_a_span_across_them(engine: Engine, figures: Figures) -> None:
    """ "april 2019 met mei 2020": those two months ("met" ends in "t", and it was read as a range
    of both years); "van januari 2019 tot mei 2020": every month between, refused where the data
    lacks some (January-May of both years were compared)."""
    by_year = months_by_year()
    for (label, year), months in sorted(by_year.items()):
        later = by_year.get((label, year + 1))
        if later is None:
            continue
        a, b = sorted(months)[0], sorted(later)[-1]
        answer = ask(engine, f"vergelijk {MONTHS[a - 1]} {year} met {MONTHS[b - 1]} {year + 1} qua {label}")
        said = answer.text.split("Bron:")[0]
        assert answer.answered and Figures.has(said, months[a]) and Figures.has(said, later[b]), answer.text
        # a range in each year, set against each other, stays two ranges (no span across years)
        if sorted(months) == sorted(later):
            first, last = MONTHS[sorted(months)[0] - 1][:3], MONTHS[sorted(months)[-1] - 1][:3]
            both = ask(engine, f"hoeveel {label} {first}-{last} {year} tegenover {first}-{last} {year + 1}?")
            together = both.text.split("Bron:")[0]
            assert Figures.has(together, sum(months.values())) and Figures.has(
                together, sum(later.values())
            ), both.text
        # "juli 2019 -> juli 2020" asked as a change: its two ends, no span across the years
        change = ask(
            engine, f"procentuele stijging {label} {MONTHS[a - 1]} {year} -> {MONTHS[a - 1]} {year + 1}"
        )
        if a in later:
            ends = change.text.split("Bron:")[0]
            assert Figures.has(ends, months[a]) and Figures.has(ends, later[a]), change.text
        span = [(year, m) for m in range(a, 13)] + [(year + 1, m) for m in range(1, b + 1)]
        have = {(year, m) for m in months} | {(year + 1, m) for m in later}
        answer = ask(engine, f"hoeveel {label} van {MONTHS[a - 1]} {year} tot {MONTHS[b - 1]} {year + 1}?")
        if all(point in have for point in span):
            total = sum(months.get(m, 0) for y, m in span if y == year) + sum(
                later.get(m, 0) for y, m in span if y > year
            )
            assert answer.answered and Figures.has(answer.text, total), answer.text
        else:
            assert not answer.answered and not given(figures, answer, ""), answer.text


def test_the_other_months_are_every_month_but_the_one_asked(engine: Engine, figures: Figures) -> None:
    by_year = months_by_year()
    for (label, year), months in by_year.items():
        if len(months) < 3:
            continue
        asked = sorted(months)[1]
        context = ask(engine, f"hoeveel {label} in {MONTHS[asked - 1]} {year}?").context
        answer = ask(engine, "en in de andere maanden?", context)
        rest = sum(v for m, v in months.items() if m != asked)
        assert answer.answered and figures.has(answer.text, rest), answer.text


def test_the_difference_between_two_measures_is_a_question_back(engine: Engine, figures: Figures) -> None:
    """Direction: "het verschil tussen beide" after two different measures of one month names
    no neighbouring year's figures: the two measures of that month, set against each other (as
    "wat is het verschil met het aantal chatgesprekken?" does), or a question back."""
    points = [p for p in OVERALL if p.metric != "gesprekken"][:6]
    for p in points:
        context = ask(engine, f"hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year}?").context
        context = ask(engine, "en hoeveel chatgesprekken waren er die maand?", context).context
        answer = ask(engine, "wat is het verschil tussen beide?", context)
        talks = figures.value("gesprekken", p.year, p.month)
        assert given(figures, answer, "") <= {float(p.value), float(talks), float(abs(p.value - talks))}, (
            answer.text
        )


def test_the_suite_is_large() -> None:
    # thousands of cases: every figure, in every wording, and each of its variations
    pairs = len(SELF_CONTAINED) * len(EARLIER)
    assert len(BASE) + len(TYPOS) + len(WRAPPED) + len(CHANGED) + pairs >= 2000
    assert pairs >= 150
    assert numbers_in("Chatgesprekken, mei 2020: 100.") >= {100.0}


def test_the_helplines_that_refer_most_and_least_are_both_named(engine: Engine, figures: Figures) -> None:
    for metric in figures.helpline_metrics():
        for year in figures.years(metric):
            totals = figures.by_helpline(metric, year)
            answer = ask(
                engine, f"Van welke hulplijn kwamen in {year} de meeste {metric} en van welke de minste?"
            )
            head = answer.text.split("\n")[:2]  # the two answers lead, the ranking follows
            for edge in (max(totals.values()), min(totals.values())):
                names = [label for label, total in totals.items() if total == edge]
                assert any(all(n in line for n in names) and str(edge) in line for line in head), answer.text


def test_a_name_in_a_question_about_a_week_must_be_the_weeks_own(engine: Engine, figures: Figures) -> None:
    """Direction: a name the week's note gives keeps the figure; the same name with another
    week, or a name the data does not know, gives no figure."""
    rows = figures.rows(
        "SELECT w.week_start, w.value, w.note, m.label FROM weekly_figures AS w JOIN metrics AS m "
        "USING (metric) WHERE w.note IS NOT NULL ORDER BY 1"
    )
    named = [
        (start, value, name, label)
        for start, value, note, label in rows
        for name in re.findall(r"\b[A-Z]\w*[A-Z]\w*\b", note)
    ]
    assert named
    starts = sorted({start for start, *_ in rows})
    for start, value, name, label in named:
        day = f"{start.day} {MONTHS[start.month - 1]}"
        own = ask(engine, f"Hoeveel {label} waren er in de week van {day}, toen {name} de chat vermeldde?")
        assert own.answered and figures.has(own.text, int(value)), own.text
        unknown = ask(
            engine, f"Hoeveel {label} waren er in de week van {day}, toen Tele-Onthaal de chat vermeldde?"
        )
        assert not unknown.answered and not given(figures, unknown, day), unknown.text
        for other in [s for s in starts if s != start]:
            week = f"{other.day} {MONTHS[other.month - 1]}"
            answer = ask(engine, f"Hoeveel {label} in de week van {week}, toen {name} de chat vermeldde?")
            assert not answer.answered, answer.text


def _weeks(figures: Figures) -> list[tuple[object, object, int, str]]:
    return [
        (start, end, int(value), str(label))
        for start, end, value, label in figures.rows(
            "SELECT w.week_start, w.week_end, w.value, m.label FROM weekly_figures AS w "
            "JOIN metrics AS m USING (metric) ORDER BY 1"
        )
    ]


@pytest.mark.parametrize(
    "wording", ["{cue} hoeveel {label} per maand in {year}?", "hoeveel {label} per maand {cue} in {year}?"]
)
@pytest.mark.parametrize("cue", ["ongeveer", "zowat", "ruwweg"])
def test_about_how_many_a_month_is_the_average(
    engine: Engine, figures: Figures, wording: str, cue: str
) -> None:
    """ "Ongeveer hoeveel gesprekken per maand waren er in 2020?": the monthly average (every
    month was listed, and no figure answered "about how many")."""
    for (label, year), months in sorted(months_by_year().items())[:4]:
        average = round_half_up(Fraction(sum(months.values()), len(months)))
        answer = ask(engine, wording.format(cue=cue, label=label, year=year))
        assert answer.answered and f"gemiddeld per maand: {average} " in answer.text, answer.text


@pytest.mark.parametrize(
    "joined", ["van {a} t.e.m. {b}", "tussen {a} en {b}", "vanaf {a} tot en met {b}", "{a}-{b}"]
)
def test_a_range_of_days_is_answered_only_by_weeks_that_are_those_days(
    engine: Engine, figures: Figures, joined: str
) -> None:
    """ "van 21/09 t.e.m. 30/09" where the weeks run to 27/09 and 01/10: no week is those days, so
    no figure (two whole weeks were given); the days of whole weeks are those weeks."""
    weeks = _weeks(figures)
    assert weeks
    start, _, _, label = weeks[0]
    _, end, _, _ = weeks[-1]

    def day(d: object) -> str:
        return f"{d.day}/{d.month:02d}"  # type: ignore[attr-defined]

    whole = ask(engine, f"hoeveel {label} {joined.format(a=day(start), b=day(end))}?")
    assert whole.answered and {float(v) for _, _, v, _ in weeks} <= given(figures, whole, ""), whole.text
    short = end - datetime.timedelta(days=1)  # type: ignore[operator]
    question = f"hoeveel {label} {joined.format(a=day(start), b=day(short))}?"
    answer = ask(engine, question)
    assert not answer.answered and not given(figures, answer, question), answer.text


@pytest.mark.parametrize("bound", ["voor", "vóór", "tot", "na", "vanaf", "sinds"])
def test_the_days_before_or_after_a_day_are_no_week(engine: Engine, figures: Figures, bound: str) -> None:
    """ "hoeveel nieuwe oproepers kwamen er vóór 21 september?": the days before it, which no
    figure counts (the week that starts on it was given); "de week vanaf 21/09" is that week."""
    for start, end, value, label in _weeks(figures):
        day = f"{start.day}/{start.month:02d}"  # type: ignore[attr-defined]
        for question in (
            f"hoeveel {label} kwamen er {bound} {day}?",
            f"hoeveel {label} waren er {bound} {start.day} {MONTHS[start.month - 1]}?",  # type: ignore[attr-defined]
            f"grafiek van de {label} {bound} {day}",  # (a chart drew every month)
        ):
            answer = ask(engine, question)
            assert not answer.answered and value not in given(figures, answer, question), (
                question,
                answer.text,
            )
        week = (
            ask(engine, f"hoeveel {label} in de week {bound} {day}?") if bound in ("vanaf", "sinds") else None
        )
        assert week is None or (week.answered and value in given(figures, week, "")), week and week.text
        until = f"{end.day}/{end.month:02d}"  # type: ignore[attr-defined]
        ranged = ask(engine, f"hoeveel {label} van {day} tot {until}?")
        assert ranged.answered and value in given(figures, ranged, ""), ranged.text


@pytest.mark.parametrize("unit_word", ["views", "bereik"])
def test_a_fact_asked_by_its_unit_after_weekly_figures_is_that_fact(
    engine: Engine, figures: Figures, unit_word: str
) -> None:
    """ "hoeveel nieuwe oproepers in de twee weken na de vlog?", "en hoeveel views hadden de
    vlogs?": the views (the weeks' new callers were given again, the measure taken from before)."""
    rows = _db_rows("SELECT value FROM facts WHERE unit = 'views' AND value IS NOT NULL")
    assert rows
    views = _int(rows[0][0])
    _, _, _, label = _weeks(figures)[0]
    context = ask(engine, f"Hoeveel {label} waren er in de twee weken na de vlog?").context
    question = (
        f"en hoeveel {unit_word} hadden de vlogs?" if unit_word == "views" else "en wat was het bereik?"
    )
    answer = ask(engine, question, context)
    weekly = {float(v) for _, _, v, _ in _weeks(figures)}
    assert answer.answered and figures.has(answer.text, views), answer.text
    assert not (given(figures, answer, question) & weekly), answer.text


@pytest.mark.parametrize("before", ["voor", "vóór"])
@pytest.mark.parametrize("event", ["de vlog", "het filmpje", "de campagne"])
def test_before_a_dated_event_is_no_week_of_figures(
    engine: Engine, figures: Figures, before: str, event: str
) -> None:
    """ "hoeveel nieuwe oproepers kwamen er voor de vlog van 21/09?": before it, which no figure
    covers (the week of the vlog was given), also as a part of the month named."""
    start, _, _, label = _weeks(figures)[0]
    day = f"{start.day}/{start.month:02d}"  # type: ignore[attr-defined]
    month = MONTHS[start.month - 1]  # type: ignore[attr-defined]
    for question in (
        f"hoeveel {label} kwamen er {before} {event} van {day}?",
        f"hoeveel {label} waren er in {month} {before} {event}?",
    ):
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), (question, answer.text)


def test_a_week_asked_before_as_a_share_of_its_month(engine: Engine, figures: Figures) -> None:
    """ "nieuwe oproepers in de week van 21/09?", "welk percentage van alle nieuwe oproepers in
    september is dat?": the week over its month (September was given over its year); another
    month, or a week across two months, has no such share."""
    by_year = months_by_year()
    asked = 0
    for start, end, value, label in _weeks(figures):
        context = ask(engine, f"hoeveel {label} in de week van {start.day}/{start.month}?").context  # type: ignore[attr-defined]
        month = MONTHS[start.month - 1]  # type: ignore[attr-defined]
        answer = ask(engine, f"welk percentage van alle {label} in {month} is dat?", context)
        whole = by_year.get((label, start.year), {}).get(start.month)  # type: ignore[attr-defined]
        if start.month == end.month and whole:  # type: ignore[attr-defined]
            assert answer.answered and one_decimal_percent(value, whole) in answer.text, answer.text
            asked += 1
        else:
            assert not answer.answered, answer.text
        other = MONTHS[start.month - 2]  # type: ignore[attr-defined]
        wrong = ask(engine, f"welk percentage van alle {label} in {other} is dat?", context)
        assert not wrong.answered and not given(figures, wrong, ""), wrong.text
    assert asked >= 1


def test_a_week_of_another_year_has_no_figure(engine: Engine, figures: Figures) -> None:
    """Direction: "de week van 21 september 2019" where only 2020 has that week: no figure."""
    for start, _, value, label in _weeks(figures):
        day = f"{start.day} {MONTHS[start.month - 1]}"  # type: ignore[attr-defined]
        same = ask(engine, f"hoeveel {label} in de week van {day} {start.year}?")  # type: ignore[attr-defined]
        assert same.answered and figures.has(same.text, value), same.text
        other = ask(engine, f"hoeveel {label} in de week van {day} {start.year - 1}?")  # type: ignore[attr-defined]
        assert not other.answered and not figures.has(other.text, value), other.text
        # "dezelfde week vorig jaar" after it: the year before, which has no such week (every
        # week there is was given)
        before = ask(engine, "hoeveel waren dat in dezelfde week vorig jaar?", same.context)
        assert not before.answered and not given(figures, before, ""), before.text


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel {label} in de {nth} campagneweek?",
        "{label} in de {nth} week",
        # the campaign's weeks are those of its vlogs, in turn
        "hoeveel {label} kwamen er in de week van de {nth} vlog?",
    ],
)
def test_the_nth_week_is_that_week_alone(engine: Engine, figures: Figures, wording: str) -> None:
    weeks = _weeks(figures)
    values = {v for *_, v, _ in weeks}
    for index, (_, _, value, label) in enumerate(weeks[:3]):
        nth = ("eerste", "tweede", "derde")[index]
        answer = ask(engine, wording.format(label=label, nth=nth))
        assert answer.answered and given(figures, answer, "") & values == {value}, answer.text


def test_two_weeks_compared_give_both_and_the_difference(engine: Engine, figures: Figures) -> None:
    weeks = _weeks(figures)
    assert len(weeks) >= 2
    (first, _, a, label), (second, _, b, _) = weeks[:2]
    for question in (
        f"Klopt het dat er in de eerste campagneweek meer {label} waren dan in de tweede?",
        f"waren er meer {label} in de week van {first.day}/{first.month} dan in de week van "  # type: ignore[attr-defined]
        f"{second.day}/{second.month}?",  # type: ignore[attr-defined]
    ):
        answer = ask(engine, question)
        assert answer.answered and {a, b} <= given(figures, answer, question), answer.text
        assert signed(b - a) in answer.text, answer.text


def test_months_past_a_threshold_are_added_up_when_asked(engine: Engine, figures: Figures) -> None:
    for label, year, comparator, limit in THRESHOLDS:
        if comparator != ">":
            continue
        months = {p.month: p.value for p in OVERALL if p.label == label and p.year == year}
        hits = [v for v in months.values() if v > limit]
        if len(hits) < 2 or label.startswith("doorverwijzingen"):
            continue
        answer = ask(engine, f"Tel de {label} op van alle maanden in {year} met meer dan {limit} {label}.")
        assert answer.answered and figures.has(answer.text, sum(hits)), answer.text
        averaged = ask(
            engine, f"gemiddeld aantal {label} in de maanden van {year} met meer dan {limit} {label}"
        )
        assert not averaged.answered, averaged.text


@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel {label} waren er in {year} in totaal en hoeveel daarvan kwamen er in {month}?",
        "hoeveel {label} in {year}, en hoeveel daarvan in {month}?",
    ],
)
def test_two_questions_in_one_sentence_are_both_answered(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """ "... in totaal en hoeveel daarvan in september?": the total and the month, never the
    month alone as if it were the total."""
    by_year: dict[tuple[str, str, int], dict[int, int]] = {}
    for p in OVERALL:
        by_year.setdefault((p.metric, p.label, p.year), {})[p.month] = p.value
    for (metric, label, year), months in by_year.items():
        if len(months) < 3 or figures.aggregation(metric) != "sum" or figures.yearly(metric, year):
            continue
        month = sorted(months)[-1]
        question = wording.format(label=label, year=year, month=MONTHS[month - 1])
        answer = ask(engine, question)
        assert answer.answered, answer.text
        assert figures.has(answer.text, sum(months.values())) and figures.has(answer.text, months[month]), (
            answer.text
        )


def test_a_second_question_without_a_figure_makes_no_answer_of_the_first(
    engine: Engine, figures: Figures
) -> None:
    for p in OVERALL[:8]:
        question = f"hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year} en hoeveel in oktober 2030?"
        answer = ask(engine, question)
        assert not answer.answered, answer.text
        assert figures.has(answer.text, p.value), answer.text  # the part that has a figure, said


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel {label} in totaal, behalve die van {helpline}?",
        "{helpline} buiten beschouwing gelaten: hoeveel {label} in totaal?",
        "hoeveel {label} in totaal, {helpline} niet meegerekend?",
    ],
)
def test_a_helpline_left_out_is_left_out_of_the_total(engine: Engine, figures: Figures, wording: str) -> None:
    for metric in figures.helpline_metrics():
        year = figures.latest_year(metric)
        totals = figures.by_helpline(metric, year)
        label = next(p.label for p in OVERALL if p.metric == metric)
        for helpline, value in totals.items():
            question = wording.format(label=label, helpline=helpline)
            answer = ask(engine, question)
            rest = sum(totals.values()) - value
            assert answer.answered and figures.has(answer.text, rest), (question, answer.text)


def two_measures(figures: Figures, first: str, second: str, year: int) -> tuple[int, int, str, str]:
    """The totals of two measures over the months the first has in a year, and those months'
    first and last names."""
    months = figures.months(first, year)
    totals = [sum(figures.per_month(metric, year, months).values()) for metric in (first, second)]
    return totals[0], totals[1], MONTHS[months[0] - 1], MONTHS[months[-1] - 1]


def test_one_measure_as_a_share_of_another_is_labelled_as_two_counts(
    engine: Engine, figures: Figures
) -> None:
    """ "welk percentage van de chatgesprekken kwam via een doorverwijzing": the part over the
    whole for the months both measures have, said as two counts side by side."""
    year = figures.latest_year("doorverwijzingen")
    part, whole, first, last = two_measures(figures, "doorverwijzingen", "gesprekken", year)
    question = (
        f"Welk percentage van de chatgesprekken van {first} t.e.m. {last} {year} kwam via een doorverwijzing?"
    )
    answer = ask(engine, question)
    assert answer.answered and figures.has(answer.text, part) and figures.has(answer.text, whole), answer.text
    assert one_decimal_percent(part, whole) in answer.text, answer.text
    rounded = ask(engine, question + " Afgerond op een geheel getal.")
    assert f"{round_half_up(Fraction(part * 100, whole))}%" in rounded.text, rounded.text


@pytest.mark.parametrize(
    "wording", ["Wie wordt er allemaal meegeteld bij de {label}?", "wie telt er mee bij de {label}?"]
)
def test_who_is_counted_is_no_count(engine: Engine, figures: Figures, wording: str) -> None:
    """Direction: "wie wordt er allemaal meegeteld bij ..." asks what a figure counts; "allemaal"
    after "er" is no total, and no figure of the measure is given."""
    for label in sorted({p.label for p in OVERALL}):
        question = wording.format(label=label)
        answer = ask(engine, question)
        assert not given(figures, answer, question), (question, answer.text)


@pytest.mark.parametrize(
    "wording",
    ["In welke maand verwees {a} meer door dan {b}?", "in welke maanden verwees {b} minder door dan {a}?"],
)
def test_two_helplines_month_by_month(engine: Engine, figures: Figures, wording: str) -> None:
    """ "In welke maand verwees 1712 meer door dan Awel?": the months where the first named gave
    more, never the totals alone, whichever helpline is named first."""
    metric = "doorverwijzingen"
    year = figures.latest_year(metric)
    months = figures.months(metric, year)
    labels = sorted(figures.by_helpline(metric, year))
    for a, b in itertools.permutations(labels[:3], 2):
        per = {h: [figures.by_helpline(metric, year, [m]).get(h, 0) for m in months] for h in (a, b)}
        more = [MONTHS[m - 1] for i, m in enumerate(months) if per[a][i] > per[b][i]]
        answer = ask(engine, wording.format(a=a, b=b))
        line = next(
            (x for x in answer.text.split("\n") if x.startswith(("Meer vanuit", "In geen enkele"))), ""
        )
        assert answer.answered and all(m in line for m in more), (a, b, answer.text)
        assert not [m for m in MONTHS if m in line and m not in more], (a, b, line)


@pytest.mark.parametrize(("decimals", "places"), [("Twee decimalen.", 2), ("Op 1 decimaal.", 1)])
def test_one_measure_per_another_is_their_ratio(
    engine: Engine, figures: Figures, decimals: str, places: int
) -> None:
    """ "hoeveel gesprekken per nieuwe oproeper": the one divided by the other, over the same
    months; "hoeveel gesprekken hadden de nieuwe oproepers" stays a refusal (no such figure)."""
    for year in figures.years("nieuwe_oproepers"):
        callers, talks, first, last = two_measures(figures, "nieuwe_oproepers", "gesprekken", year)
        question = (
            f"Hoeveel gesprekken per nieuwe oproeper waren er van {first} t.e.m. {last} {year}? {decimals}"
        )
        answer = ask(engine, question)
        assert answer.answered and decimal_text(Fraction(talks, callers), places) in answer.text, answer.text
    refused = ask(engine, "hoeveel gesprekken hadden de nieuwe oproepers?")
    assert not refused.answered and not given(figures, refused, ""), refused.text


@pytest.mark.parametrize(
    "wording",
    [
        "Wat betekent het sterretje bij {month} {year}?",
        "waarom daalde het aantal {label} in {month} {year}?",
        "waardoor waren er zoveel {label} in {month} {year}?",
        "Wat betekent het sterretje bij {month} {year} in de tabel met {label}?",
    ],
)
def test_an_explanation_asked_is_no_figure(engine: Engine, figures: Figures, wording: str) -> None:
    """Direction: "wat betekent ...", "waarom ..." ask what the figures do not say: no figure."""
    for p in OVERALL[::7]:
        question = wording.format(month=MONTHS[p.month - 1], year=p.year, label=p.label)
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), (question, answer.text)


def test_months_named_after_a_period_word_are_the_months_left_out(engine: Engine) -> None:
    """ "zonder de lockdownmaanden maart en april": those two, not the lockdown's three."""
    for label, year in sorted({(p.label, p.year) for p in OVERALL}):
        months = months_by_year()[(label, year)]
        if not {3, 4, 5} <= set(months) or label.startswith("unieke"):
            continue
        answer = ask(engine, f"Tel de {label} van {year} op, maar zonder de lockdownmaanden maart en april")
        rest = sum(v for m, v in months.items() if m not in (3, 4))
        assert answer.answered and Figures.has(answer.text, rest), answer.text


def test_a_month_pointed_back_to_with_a_split_word_is_that_month(engine: Engine, figures: Figures) -> None:
    """ "in diezelfde maand" (which the typo corrector may read as "die zelfde maand")."""
    for p in OVERALL[::5]:
        context = ask(engine, f"Hoeveel chatgesprekken waren er in {MONTHS[p.month - 1]} {p.year}?").context
        answer = ask(engine, f"Hoeveel {p.label} in diezelfde maand?", context)
        assert answer.answered and figures.has(answer.text, p.value), answer.text


def _point_pairs(
    group: Callable[[Point], tuple[object, ...]], keep: Callable[[Point, Point], bool]
) -> list[tuple[Point, Point]]:
    """Every ordered pair of monthly figures in the same group that `keep` accepts."""
    groups: dict[tuple[object, ...], list[Point]] = {}
    for p in OVERALL:
        groups.setdefault(group(p), []).append(p)
    return [(a, b) for points in groups.values() for a, b in itertools.permutations(points, 2) if keep(a, b)]


# Two different measures that add up, of the same month: every ordered pair, a few months.
MEASURE_PAIRS = _point_pairs(
    lambda p: (p.year, p.month),
    lambda a, b: (
        not a.label.startswith("oproepers in de wachtrij")
        and not b.label.startswith("oproepers in de wachtrij")
    ),
)[::5]


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel meer {a} dan {b} waren er in {month} {year}?",
        "wat is het verschil tussen het aantal {a} en het aantal {b} in {month} {year}?",
        "{a} tegenover {b} in {month} {year}",
        "vergelijk de {a} met de {b} van {month} {year}",
    ],
)
def test_two_measures_set_against_each_other_give_both_and_their_difference(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """ "hoeveel meer gesprekken dan nieuwe oproepers in mei 2020?": both measures of that month
    and their difference; never each measure against another year."""
    assert len(MEASURE_PAIRS) >= 10
    for a, b in MEASURE_PAIRS:
        question = wording.format(a=a.label, b=b.label, month=MONTHS[a.month - 1], year=a.year)
        answer = ask(engine, question)
        expected = {a.value, b.value, abs(a.value - b.value)}
        assert answer.answered and all(figures.has(answer.text, v) for v in expected), (question, answer.text)
        others = {p.value for p in OVERALL if p.month == a.month and p.year != a.year} - expected
        assert not (given(figures, answer, question) & others), (question, answer.text)


@pytest.mark.parametrize(
    "against",
    [
        "wat is het verschil met het aantal {b}?",
        "en hoeveel meer is dat dan het aantal {b}?",
        "vergeleken met de {b}?",
    ],
)
@pytest.mark.parametrize("asked", ["follow-up", "one message", "fresh"])
def test_one_measure_set_against_the_measure_asked_before(
    engine: Engine, figures: Figures, against: str, asked: str
) -> None:
    """ "hoeveel gesprekken in juni 2020?", "wat is het verschil met het aantal nieuwe oproepers?":
    both measures of June 2020 and their difference (the callers of June 2019 and 2020 were
    compared), also after a comma in one message; asked with nothing before, it is asked back."""
    for a, b in MEASURE_PAIRS:
        first = f"hoeveel {a.label} in {MONTHS[a.month - 1]} {a.year}"
        second = against.format(b=b.label)
        if asked == "fresh":
            answer = ask(engine, second)
            assert not answer.answered and not given(figures, answer, second), answer.text
            continue
        if asked == "one message":
            answer = ask(engine, f"{first}, en {second.removeprefix('en ')}")
        else:
            answer = ask(engine, second, ask(engine, f"{first}?").context)
        expected = {a.value, b.value, abs(a.value - b.value)}
        assert answer.answered and all(figures.has(answer.text, v) for v in expected), (first, answer.text)
        others = {p.value for p in OVERALL if p.month == a.month and p.year != a.year} - expected
        assert not (given(figures, answer, first) & others), (first, answer.text)


@pytest.mark.parametrize(
    "wording", ["als percentage van het aantal {b}?", "en als percentage van de {b} in {month}?"]
)
@pytest.mark.parametrize("asked", ["follow-up", "fresh"])
def test_the_figure_before_as_a_percentage_of_another_measure(
    engine: Engine, figures: Figures, wording: str, asked: str
) -> None:
    """ "hoeveel doorverwijzingen in juni?", "als percentage van het aantal gesprekken in juni?":
    the referrals as a share of the conversations (June's conversations were given as a share of
    their year); asked with nothing before, it is asked back."""
    for a, b in MEASURE_PAIRS:
        month = MONTHS[a.month - 1]
        question = wording.format(b=b.label, month=month)
        if asked == "fresh":
            answer = ask(engine, question)
            assert not answer.answered and not given(figures, answer, question), answer.text
            continue
        answer = ask(engine, question, ask(engine, f"hoeveel {a.label} in {month} {a.year}?").context)
        expected = one_decimal_percent(a.value, b.value)
        assert answer.answered and expected in without_thousands(answer.text), (a, b, answer.text)


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel {a} in {month} {year}, en hoeveel {b}?",
        "{a} in {month} {year}? en hoeveel {b} waren er?",
        "hoeveel {a} in {month} {year}, en hoeveel {b} telde de chat?",
    ],
)
def test_a_second_question_of_one_message_takes_the_period_of_the_first(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """ "hoeveel nieuwe oproepers in maart 2020, en hoeveel unieke bezoekers?": both of March
    2020 (the visitors of the whole period were given)."""
    for a, b in MEASURE_PAIRS:
        question = wording.format(a=a.label, b=b.label, month=MONTHS[a.month - 1], year=a.year)
        answer = ask(engine, question)
        assert answer.answered and {a.value, b.value} <= given(figures, answer, question), answer.text


def test_two_measures_as_a_factor_or_in_percent(engine: Engine) -> None:
    """ "hoeveel keer zoveel A als B": A over B; "hoeveel procent meer A dan B": (A - B) / B."""
    for a, b in MEASURE_PAIRS:
        if not (a.value and b.value):
            continue
        month = MONTHS[a.month - 1]
        factor = ask(engine, f"hoeveel keer zoveel {a.label} als {b.label} in {month} {a.year}?")
        high, low = max(a.value, b.value), min(a.value, b.value)
        assert decimal_text(Fraction(high, low), 1) in factor.text, factor.text
        percent = ask(engine, f"hoeveel procent meer {a.label} dan {b.label} in {month} {a.year}?")
        change = decimal_text(Fraction(abs(a.value - b.value) * 100, b.value), 1)
        assert percent.answered and f"{change}%" in without_thousands(percent.text), percent.text


def test_then_points_back_to_the_period_asked_unless_it_starts_a_clause(
    engine: Engine, figures: Figures
) -> None:
    """ "hoeveel X waren er toen?" is about the month asked before; "in 2019, toen de chat nog
    klein was" names its own period."""
    by_year = months_by_year()
    for p in OVERALL[::4]:
        month = MONTHS[p.month - 1]
        context = ask(engine, f"hoeveel chatgesprekken waren er in {month} {p.year}?").context
        answer = ask(engine, f"hoeveel {p.label} waren er toen?", context)
        assert answer.answered and figures.has(answer.text, p.value), answer.text
        other = next((m for m in sorted(by_year[(p.label, p.year)]) if m != p.month), None)
        if other is None:
            continue
        question = f"hoeveel {p.label} waren er in {MONTHS[other - 1]} {p.year}, toen de chat nog klein was?"
        answer = ask(engine, question, context)
        assert answer.answered and figures.has(answer.text, by_year[(p.label, p.year)][other]), answer.text


def test_a_share_asked_with_then_is_of_the_month_before(engine: Engine, figures: Figures) -> None:
    """ "welk percentage van de gesprekken kwam dan via een doorverwijzing?" after a month, also
    after "alle lijnen samen": that month's referrals over its conversations."""
    for year in figures.years("doorverwijzingen"):
        for month in figures.months("doorverwijzingen", year):
            part = figures.total("doorverwijzingen", year, [month])
            whole = figures.value("gesprekken", year, month)
            for first in (
                f"hoeveel chatgesprekken waren er in {MONTHS[month - 1]} {year}?",
                f"hoeveel doorverwijzingen waren er in {MONTHS[month - 1]} {year}, alle lijnen samen?",
            ):
                context = ask(engine, first).context
                answer = ask(
                    engine, "welk percentage van de gesprekken kwam dan via een doorverwijzing?", context
                )
                assert answer.answered and one_decimal_percent(int(part), int(whole)) in answer.text, (
                    answer.text
                )


def test_a_share_of_a_measure_named_is_of_the_figure_before(engine: Engine) -> None:
    """ "hoeveel procent van die bezoekers is dat?" after two measures of one month: the second
    figure over the first."""
    for a, b in MEASURE_PAIRS[::3]:
        if not b.value:
            continue
        month = MONTHS[a.month - 1]
        context = ask(engine, f"hoeveel {b.label} waren er in {month} {a.year}?").context
        context = ask(engine, f"en hoeveel {a.label} die maand?", context).context
        answer = ask(engine, f"hoeveel procent van die {b.label} is dat?", context)
        assert answer.answered and one_decimal_percent(a.value, b.value) in without_thousands(answer.text), (
            answer.text
        )


def without_thousands(text: str) -> str:
    """ "1.500,0%" as "1500,0%", the way the expected values here are written."""
    return re.sub(r"(?<=\d)\.(?=\d{3}(?!\d))", "", text)


@pytest.mark.parametrize(
    "change_asked", ["procentuele stijging? 1 decimaal", "Procentuele wijziging? 1 decimaal"]
)
def test_a_change_after_two_totals_of_the_same_months_compares_them(
    engine: Engine, figures: Figures, change_asked: str
) -> None:
    """ "totaal jan-sep 2019?", "en 2020?", "procentuele stijging?": the two totals, never the
    first month of the range against its last ("wijziging" was a word not understood)."""
    for label, metric in (("chatgesprekken", "gesprekken"), ("nieuwe oproepers", "nieuwe_oproepers")):
        years = figures.years(metric)[-2:]
        months = sorted(set(figures.months(metric, years[0])) & set(figures.months(metric, years[1])))
        first, last = MONTHS[months[0] - 1][:3], MONTHS[months[-1] - 1][:3]
        context = ask(engine, f"totaal aantal {label} {first}-{last} {years[0]}?").context
        context = ask(engine, f"en {years[1]}?", context).context
        answer = ask(engine, change_asked, context)
        old, new = (int(figures.total(metric, y, months)) for y in years)
        change = decimal_text(Fraction((new - old) * 100, old), 1)
        assert answer.answered and change in answer.text, answer.text


@pytest.mark.parametrize("word", ["alleen", "enkel"])
def test_only_after_the_month_of_a_follow_up_changes_nothing(engine: Engine, word: str) -> None:
    """Invariance: "en in juli alleen?" after a total asks what "en in juli?" asks ("alleen" was
    not understood: it restricted only the part after it)."""
    for (label, year), months in sorted(months_by_year().items()):
        context = ask(engine, f"hoeveel {label} waren er in {year}?").context
        month = max(months)
        answer = ask(engine, f"en in {MONTHS[month - 1]} {word}?", context)
        assert answer.answered and str(months[month]) in answer.text, answer.text


@pytest.mark.parametrize("filler", ["ook", "ook effectief", "uiteindelijk"])
def test_a_share_of_visitors_that_became_new_callers(engine: Engine, figures: Figures, filler: str) -> None:
    """ "Welk percentage van de unieke bezoekers van april werd ook effectief nieuwe oproeper?":
    the one measure over the other ("ook" joined the two as asked besides each other, and the
    visitors' share of the year was given first; "effectief" was not understood)."""
    checked = 0
    for (year, month), points in sorted(points_by_month().items()):
        by_metric = {p.metric: p.value for p in points.values()}
        if not {"bezoekers_chatknop", "nieuwe_oproepers"} <= set(by_metric):
            continue
        visitors, callers = by_metric["bezoekers_chatknop"], by_metric["nieuwe_oproepers"]
        month_name = MONTHS[month - 1]
        question = (
            f"Welk percentage van de unieke bezoekers van {month_name} {year} werd {filler} nieuwe oproeper?"
        )
        answer = ask(engine, question)
        assert answer.answered and one_decimal_percent(callers, visitors) in answer.text, answer.text
        assert answer.text.count("%") == 1, answer.text
        checked += 1
    assert checked


@pytest.mark.parametrize("word", ["enkel", "alleen", "uitsluitend"])
def test_only_before_a_period_changes_nothing(engine: Engine, word: str) -> None:
    """Invariance: "enkel de maanden maart-mei" asks what "maart-mei" asks."""
    for (label, year), months in sorted(months_by_year().items())[::2]:
        run = sorted(months)[:3]
        if len(run) < 2:
            continue
        span = f"{MONTHS[run[0] - 1]}-{MONTHS[run[-1] - 1]} {year}"
        answer = ask(engine, f"{word} de maanden {span}: hoeveel {label} in totaal?")
        total = sum(months[m] for m in range(run[0], run[-1] + 1))
        assert answer.answered and Figures.has(answer.text, total), answer.text
    kept = ask(engine, f"hoeveel chatgesprekken {word}?")
    assert not kept.answered, kept.text  # "alleen" restricting nothing is not dropped


@pytest.mark.parametrize("places", [1, 2])
def test_an_average_has_the_decimals_asked(engine: Engine, figures: Figures, places: int) -> None:
    for label, year in sorted({(p.label, p.year) for p in OVERALL})[::2]:
        months = months_by_year()[(label, year)]
        if len(months) < 2 or label.startswith("oproepers in de wachtrij"):
            continue
        answer = ask(engine, f"gemiddeld aantal {label} per maand in {year}, op {places} decimalen")
        mean = decimal_text(Fraction(sum(months.values()), len(months)), places)
        assert answer.answered and mean in answer.text, answer.text


def test_the_weeks_averaged_and_one_week_never(engine: Engine, figures: Figures) -> None:
    """ "gemiddeld per week in de campagneweken": their mean; a mean of one week is refused."""
    for metric, label in (("nieuwe_oproepers", "nieuwe oproepers"),):
        weeks = figures.weekly(metric)
        if len(weeks) < 2:
            continue
        days = " en ".join(f"{s.day}/{s.month:02d}" for s, _, _ in weeks)
        answer = ask(engine, f"Gemiddeld aantal {label} per week in de campagneweken ({days})? 1 decimaal")
        mean = decimal_text(Fraction(sum(v for _, _, v in weeks), len(weeks)), 1)
        assert answer.answered and mean in answer.text, answer.text
        start = weeks[0][0]
        question = f"gemiddeld aantal {label} in de week van {start.day}/{start.month:02d}/{start.year}"
        one = ask(engine, question)
        assert not one.answered and not given(figures, one, question), one.text


@pytest.mark.parametrize("name", ["het CAW", "Tele-Onthaal", "de DrugLijn"])
@pytest.mark.parametrize(
    "topic",
    ["huiselijk geweld tijdens de lockdown", "de influencercampagne", "de wachtrij", "de openingsuren"],
)
def test_a_name_no_fact_is_about_gets_no_facts(
    engine: Engine, figures: Figures, name: str, topic: str
) -> None:
    """Direction: "heb je cijfers van het CAW over ...": no fact about another organisation."""
    question = f"Heb je cijfers van {name} over {topic}?"
    answer = ask(engine, question)
    assert not answer.answered and not given(figures, answer, question), answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "{a} en {b} samen, hoeveel procent? En hoeveel procent {c}?",
        "Hoeveel procent {a} en {b} samen, en hoeveel procent {c}?",
    ],
)
def test_groups_summed_then_another_group_is_that_group_alone(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """ "A en B samen, hoeveel procent? En hoeveel procent C?": the sum, then C on its own."""
    groups = ["seksueel misbruik", "fysieke mishandeling", "emotionele mishandeling", "risicosituatie"]
    keys = ["seksueel_misbruik", "fysieke_mishandeling", "emotionele_mishandeling", "risicosituatie"]
    shares = [figures.share("problematiek", k)[1] for k in keys]
    for (i, j), k in (
        (pair, k) for pair in itertools.combinations(range(4), 2) for k in range(4) if k not in pair
    ):
        question = wording.format(a=groups[i], b=groups[j], c=groups[k])
        answer = ask(engine, question)
        lines = answer.text.split("\n")
        assert answer.answered and f"{shares[i] + shares[j]}%" in lines[0], answer.text
        later = next(x for x in lines[1:] if x.lower().startswith(groups[k][:8]))
        assert f"{shares[k]}%" in later and "samen" not in later, answer.text


@pytest.mark.parametrize("word", ["meest gemelde", "belangrijkste", "voornaamste", "grootste"])
def test_the_first_category_by_any_name(engine: Engine, figures: Figures, word: str) -> None:
    top = max(figures.share("problematiek", k)[1] for k in ("seksueel_misbruik", "fysieke_mishandeling"))
    answer = ask(engine, f"wat is de {word} problematiek?")
    assert answer.answered and f"{top}%" in answer.text, answer.text


@pytest.mark.parametrize("noun", ["categorieën", "leeftijdsgroepen", "groepen"])
def test_groups_called_by_a_plain_noun_add_up(engine: Engine, figures: Figures, noun: str) -> None:
    """Invariance: "in de categorieën 12-15 en 15-18 jaar" asks what "12-15 en 15-18 jaar" asks."""
    total = figures.share("leeftijd", "12-15")[1] + figures.share("leeftijd", "15-18")[1]
    answer = ask(engine, f"Welk aandeel van de oproepers valt samen in de {noun} 12-15 en 15-18 jaar?")
    assert answer.answered and f"{total}%" in answer.text, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "klopt het dat de meeste oproepers jongens zijn?",
        "In een nota staat dat de meeste oproepers jongens zijn. Klopt dat?",
    ],
)
def test_a_majority_claimed_for_a_group_without_figure_is_denied_by_the_majority(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """Direction: no figure for boys, but 80% girls denies "the most are boys"; the share of
    boys itself stays without a figure."""
    _, girls = figures.share("geslacht", "vrouwelijk")
    answer = ask(engine, wording)
    assert answer.answered and f"{girls}%" in answer.text and "klopt niet" in answer.text, answer.text
    plain = ask(engine, "hoeveel procent van de oproepers is een jongen?")
    assert not plain.answered, plain.text


@pytest.mark.parametrize(
    "wording",
    [
        "In welke maanden van {year} waren er {value} keer {label}?",
        "welke maanden van {year} hadden precies {value} {label}?",
    ],
)
def test_months_with_exactly_a_value(engine: Engine, wording: str) -> None:
    """ "In welke maanden verwees Awel 4 keer door?": the months with that value, and no other."""
    for (label, year), months in sorted(months_by_year().items())[::2]:
        value = sorted(months.values())[len(months) // 2]
        hits = [MONTHS[m - 1] for m, v in months.items() if v == value]
        answer = ask(engine, wording.format(year=year, value=value, label=label))
        listed = answer.text.split("\n")[0].split(":", 1)[-1].split("Aantal")[0]
        assert answer.answered and all(h in listed for h in hits), answer.text
        assert not [m for m in MONTHS if m in listed and m not in hits], answer.text


def test_a_measure_without_figures_named_in_a_fact_is_answered_only_without_a_count(
    engine: Engine, figures: Figures
) -> None:
    """ "wie zijn haar volgers?" is answered by the fact that says who; "hoeveel volgers" is a
    count no source gives: refused (with what the facts do say)."""
    who = ask(engine, "welke influencer post nog in oktober, en wie zijn vooral haar volgers?")
    assert who.answered and "volgers" in who.text, who.text
    for question in ("hoeveel volgers heeft de influencer van oktober?", "hoeveel likes hadden de vlogs?"):
        count = ask(engine, question)
        assert not count.answered and count.text.startswith("Daar heb ik geen cijfers over"), count.text


@pytest.mark.parametrize(
    "wording",
    [
        "met hoeveel procent veranderde {label} van {month} {earlier} naar {month} {later}?",
    ],
)
def test_a_change_in_percent_has_one_decimal_and_its_whole_rounding(engine: Engine, wording: str) -> None:
    """Without decimals asked: one decimal, and the whole percentage too when it differs."""
    for earlier, later in YEAR_PAIRS:
        month = MONTHS[earlier.month - 1]
        question = wording.format(label=earlier.label, month=month, earlier=earlier.year, later=later.year)
        answer = ask(engine, question)
        change = Fraction(later.value - earlier.value, earlier.value) * 100
        one, whole = decimal_text(change, 1).removesuffix(",0"), decimal_text(change, 0)
        sign = "+" if change > 0 else ""
        text = without_thousands(answer.text)
        assert answer.answered and f"{sign}{one}%" in text and f"{sign}{whole}%" in text, (
            question,
            answer.text,
        )


def test_a_share_follow_up_naming_another_helpline_is_that_helplines_share(
    engine: Engine, figures: Figures
) -> None:
    """ "welk deel kwam van Awel?", "en van de 1712?": the 1712's share, never its count alone."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    whole = sum(totals.values())
    for a, b in itertools.permutations(sorted(totals)[:4], 2):
        context = ask(engine, f"Welk deel van de doorverwijzingen kwam van {a}?").context
        answer = ask(engine, f"en van {b}?", context)
        assert answer.answered and one_decimal_percent(totals[b], whole) in answer.text, answer.text
        together = ask(engine, f"welk percentage van de doorverwijzingen kwam van {a} en {b} samen?")
        assert one_decimal_percent(totals[a] + totals[b], whole) in together.text, together.text
        apart = ask(engine, f"welk percentage van de doorverwijzingen kwam van {a} en {b}?")
        for h in (a, b):
            assert one_decimal_percent(totals[h], whole) in apart.text, apart.text


def test_decimals_asked_after_the_question_are_no_month(engine: Engine) -> None:
    """ "... die maand? 1 decimaal": the "1" is how to round, not January."""
    for a, b in MEASURE_PAIRS[::2]:
        if not b.value:
            continue
        month = MONTHS[a.month - 1]
        question = f"{a.label} in {month} {a.year} als percentage van de {b.label} die maand? 1 decimaal"
        answer = ask(engine, question)
        expected = decimal_text(Fraction(a.value * 100, b.value), 1)
        assert answer.answered and f"{expected}%" in without_thousands(answer.text), answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "Waarom is {group} zo sterk gestegen?",
        "waarom melden zoveel jongeren {group}?",
        "Waardoor is {group} zo gestegen?",
    ],
)
def test_an_explanation_of_a_share_is_no_figure(engine: Engine, figures: Figures, wording: str) -> None:
    for group in ("fysieke mishandeling", "seksueel misbruik", "emotionele mishandeling"):
        question = wording.format(group=group)
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), answer.text


def test_a_day_heading_the_question_is_its_week(engine: Engine, figures: Figures) -> None:
    """ "De week van 21/09: hoeveel nieuwe oproepers?": that week, never the months."""
    for start, _, value in figures.weekly("nieuwe_oproepers"):
        answer = ask(engine, f"De week van {start.day}/{start.month:02d}: hoeveel nieuwe oproepers?")
        assert answer.answered and figures.has(answer.text, value), answer.text


def test_a_claim_in_both_years_is_checked_for_each(engine: Engine) -> None:
    """ "Lag het aantal X in juli in beide jaren onder de 50?": each year's figure, each judged."""
    by_year = months_by_year()
    for (label, year), months in sorted(by_year.items()):
        earlier = by_year.get((label, year - 1))
        if not earlier:
            continue
        for month in sorted(set(months) & set(earlier))[::3]:
            values = (earlier[month], months[month])
            bar = max(values)  # below it: one "Nee" at least, at the largest
            name = MONTHS[month - 1]
            for wording in (
                f"Lag het aantal {label} in {name} in beide jaren onder de {bar}?",
                f"Lag het aantal {label} in {name} {year - 1} en {name} {year} onder de {bar}?",
            ):
                answer = ask(engine, wording)
                assert answer.answered and all(Figures.has(answer.text, v) for v in values), answer.text
                assert answer.text.count("Nee") == values.count(bar), answer.text


def test_the_month_after_the_month_found(engine: Engine) -> None:
    """ "welke maand had de meeste?", "en de maand erna?": the month after the one found; after a
    question about no one month, "de maand erna" is asked back."""
    for (label, year), months in sorted(months_by_year().items()):
        top = max(months.values())
        found = [m for m, v in months.items() if v == top]
        if len(found) != 1 or found[0] + 1 not in months:
            continue
        context = ask(engine, f"In welke maand waren er de meeste {label} in {year}?").context
        after = ask(engine, "en de maand erna?", context)
        assert after.answered and Figures.has(after.text, months[found[0] + 1]), after.text
        less = ask(engine, "en hoeveel minder waren het de maand erna?", context)
        assert less.answered and Figures.has(less.text, top - months[found[0] + 1]), less.text
        context = ask(engine, f"hoeveel {label} in {year}?").context
        unclear = ask(engine, "en de maand erna?", context)
        assert not unclear.answered, unclear.text


def test_a_group_negated_after_a_question_word_is_everyone_else(engine: Engine, figures: Figures) -> None:
    _, own = figures.share("onderwerp", "zichzelf")
    answer = ask(engine, "Hoeveel procent van de oproepers komt niet met een vraag over zichzelf?")
    assert answer.answered and f"{100 - own}%" in answer.text, answer.text


def test_the_helplines_that_did_not_refer_in_a_month(engine: Engine, figures: Figures) -> None:
    year = figures.latest_year("doorverwijzingen")
    for month in figures.months("doorverwijzingen", year):
        per = figures.by_helpline("doorverwijzingen", year, [month])
        none = [h for h, v in per.items() if v == 0]
        answer = ask(engine, f"Welke hulplijnen verwezen in {MONTHS[month - 1]} {year} niet door?")
        line = next((x for x in answer.text.split("\n") if x.startswith("Geen enkele")), "")
        assert answer.answered and all(h in line for h in none), answer.text


@pytest.mark.parametrize(("then", "edge"), [("welke daarvan het meest?", max), ("en welke het minst?", min)])
def test_the_helplines_listed_in_a_month_then_ranked(
    engine: Engine, figures: Figures, then: str, edge: Callable[[Iterable[int]], int]
) -> None:
    """ "welke daarvan het meest?" after the helplines of one month ranks those helplines in
    that month (it ranked the months of the whole period)."""
    year = figures.latest_year("doorverwijzingen")
    for month in figures.months("doorverwijzingen", year):
        per = figures.by_helpline("doorverwijzingen", year, [month])
        listed = ask(engine, f"Welke hulplijnen verwezen in {MONTHS[month - 1]} door?")
        answer = ask(engine, then, listed.context)
        value = edge(per.values())
        head = answer.text.split("\n")[0]
        names = [h for h, v in per.items() if v == value]
        assert answer.answered and MONTHS[month - 1] in head, answer.text
        assert all(n in head for n in names) and Figures.has(head, value), answer.text


def test_months_named_after_a_vague_period_are_the_period(engine: Engine) -> None:
    """ "sinds de lockdown in maart tot en met september 2020": those months."""
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(months)
        if len(run) < 3:
            continue
        first, last = run[1], run[-1]
        span = f"{MONTHS[first - 1]} tot en met {MONTHS[last - 1]} {year}"
        question = f"Hoeveel {label} waren er sinds de lockdown in {span}?"
        answer = ask(engine, question)
        total = sum(months[m] for m in range(first, last + 1))
        assert answer.answered and Figures.has(answer.text, total), answer.text


def test_months_listed_one_without_figures_gives_the_other_and_says_so(engine: Engine) -> None:
    """ "in september en in oktober 2020": September's figure, and that October has none;
    a range with a month missing stays a refusal."""
    for (label, year), months in sorted(months_by_year().items()):
        last = max(months)
        if last == 12 or label.startswith("oproepers in de wachtrij"):
            continue
        pair = f"{MONTHS[last - 1]} en in {MONTHS[last]} {year}"
        answer = ask(engine, f"Geef mij het aantal {label} in {pair}.")
        assert answer.answered and Figures.has(answer.text, months[last]), answer.text
        assert MONTHS[last] in answer.text, answer.text
        ranged = ask(engine, f"hoeveel {label} in {MONTHS[last - 2]} t.e.m. {MONTHS[last]} {year}?")
        assert not ranged.answered, ranged.text


def test_the_months_both_helplines_referred(engine: Engine, figures: Figures) -> None:
    year = figures.latest_year("doorverwijzingen")
    months = figures.months("doorverwijzingen", year)
    labels = sorted(figures.by_helpline("doorverwijzingen", year))
    for a, b in itertools.combinations(labels[:4], 2):
        both = [
            MONTHS[m - 1]
            for m in months
            if figures.by_helpline("doorverwijzingen", year, [m]).get(a)
            and figures.by_helpline("doorverwijzingen", year, [m]).get(b)
        ]
        answer = ask(engine, f"In welke maanden verwezen zowel {a} als {b} door?")
        line = next((x for x in answer.text.split("\n") if x.startswith(("Zowel", "In geen enkele"))), "")
        assert answer.answered and all(m in line for m in both), answer.text
        assert not [m for m in MONTHS if m in line and m not in both], line


def test_a_range_started_with_from_is_a_follow_up_of_the_measure(engine: Engine) -> None:
    """ "En vanaf juni tot en met september?" after a count: the same measure over that range."""
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(months)
        if len(run) < 4 or label.startswith("oproepers in de wachtrij"):
            continue
        first, last = run[-3], run[-1]
        context = ask(engine, f"Hoeveel {label} waren er in {year} tot en met {MONTHS[run[0] - 1]}?").context
        answer = ask(engine, f"En vanaf {MONTHS[first - 1]} tot en met {MONTHS[last - 1]}?", context)
        total = sum(months[m] for m in range(first, last + 1))
        assert answer.answered and Figures.has(answer.text, total), answer.text


def test_a_share_of_those_or_of_that_measure_points_back(engine: Engine) -> None:
    """ "welk percentage van die gesprekken kwam via een doorverwijzing?" is of the month asked
    before; "welk percentage daarvan was een nieuwe oproeper?" is of the measure asked before."""
    for a, b in MEASURE_PAIRS[::2]:
        if not b.value:
            continue
        month = MONTHS[a.month - 1]
        context = ask(engine, f"Hoeveel {b.label} waren er in {month} {a.year}?").context
        answer = ask(engine, f"Welk percentage daarvan was {a.label}?", context)
        text = without_thousands(answer.text)
        assert answer.answered and one_decimal_percent(a.value, b.value) in text, answer.text
        context = ask(engine, f"en hoeveel {a.label} waren er die maand?", context).context
        answer = ask(engine, f"Welk percentage van die {b.label} is dat?", context)
        text = without_thousands(answer.text)
        assert answer.answered and one_decimal_percent(a.value, b.value) in text, answer.text


def test_a_change_to_a_month_is_measured_from_the_month_before(engine: Engine) -> None:
    """ "Hoeveel procent stijging is dat naar april?" after March: against March."""
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(m for m in months if months[m] and m + 1 in months)
        for month in run[::3]:
            context = ask(engine, f"Hoeveel {label} waren er in {MONTHS[month - 1]} {year}?").context
            answer = ask(engine, f"Hoeveel procent verandering is dat naar {MONTHS[month]}?", context)
            change = decimal_text(Fraction((months[month + 1] - months[month]) * 100, months[month]), 1)
            sign = "+" if months[month + 1] > months[month] else ""
            text = without_thousands(answer.text)
            assert answer.answered and f"{sign}{change.removesuffix(',0')}%" in text, answer.text


def test_all_lines_after_one_helpline_is_every_helpline(engine: Engine, figures: Figures) -> None:
    year = figures.latest_year("doorverwijzingen")
    for month in figures.months("doorverwijzingen", year):
        per = figures.by_helpline("doorverwijzingen", year, [month])
        one = max(per, key=lambda h: per[h])
        context = ask(engine, f"{one} doorverwijzingen {MONTHS[month - 1]} {year}").context
        answer = ask(engine, f"en totaal alle lijnen in {MONTHS[month - 1]}?", context)
        assert answer.answered and Figures.has(answer.text, sum(per.values())), answer.text


@pytest.mark.parametrize("day", ["maandag", "woensdag"])
def test_opening_hours_without_a_day_and_the_days_counted(engine: Engine, figures: Figures, day: str) -> None:
    """ "hoeveel uren per week buiten de woensdag?": the others added up; a monthly figure
    "buiten de woensdag" is refused; "op hoeveel dagen" counts the days with hours."""
    rows = figures.rows("SELECT weekday, opens, closes FROM opening_hours")
    hours = {int(w): int(str(c)[:2]) - int(str(o)[:2]) for w, o, c in rows}
    index = {"maandag": 1, "woensdag": 3}[day]
    answer = ask(engine, f"Hoeveel openingsuren per week heeft de chat buiten de {day}?")
    rest = sum(v for w, v in hours.items() if w != index)
    assert answer.answered and Figures.has(answer.text, rest), answer.text
    refused = ask(engine, f"hoeveel gesprekken waren er buiten de {day}?")
    assert not refused.answered, refused.text
    # "op welke andere dagen, buiten woensdag, en van hoe laat tot hoe laat?": with their hours
    others = ask(
        engine, f"Op welke andere dagen is de chat open, buiten {day}, en van hoe laat tot hoe laat?"
    )
    for o, c in (r[1:] for r in rows if int(r[0]) != index):
        slot = f"van {int(str(o)[:2])}u tot {int(str(c)[:2])}u"
        assert others.answered and slot in others.text, others.text
    for question in (
        "Op hoeveel dagen per week is de chat open?",
        "Hoeveel avonden per week is de chat open?",
    ):
        days = ask(engine, question)
        assert days.answered and Figures.has(days.text, len(hours)), days.text


def test_the_first_ones_together_and_the_next_place(engine: Engine, figures: Figures) -> None:
    """ "de twee grootste samen", "en samen met de tweede grootste?" after the largest, and
    "en de tweede?": sums and places, never the first place again."""
    keys = ["seksueel_misbruik", "fysieke_mishandeling", "emotionele_mishandeling", "andere"]
    top = sorted((figures.share("problematiek", k)[1] for k in keys), reverse=True)
    together = ask(engine, "hoeveel procent zijn de twee grootste problematieken samen?")
    assert together.answered and f"{top[0] + top[1]}%" in together.text, together.text
    context = ask(engine, "welke categorie problematiek is de grootste?").context
    summed = ask(engine, "en samen met de tweede grootste, hoeveel procent is dat?", context)
    assert summed.answered and f"{top[0] + top[1]}%" in summed.text, summed.text
    second = ask(engine, "en de tweede?", context)
    assert second.answered and f"{top[1]}%" in second.text and f"{top[0]}%" not in second.text, second.text


def test_those_conversations_are_the_ones_asked_before(engine: Engine, figures: Figures) -> None:
    """ "Welk percentage van die gesprekken kwam via een doorverwijzing?" after a month's figures:
    that month (not every month)."""
    year = figures.latest_year("doorverwijzingen")
    for month in figures.months("doorverwijzingen", year)[:4]:
        part = int(figures.total("doorverwijzingen", year, [month]))
        whole = int(figures.value("gesprekken", year, month))
        context = ask(engine, f"Hoeveel chatgesprekken waren er in {MONTHS[month - 1]} {year}?").context
        answer = ask(engine, "Welk percentage van die gesprekken kwam via een doorverwijzing?", context)
        assert answer.answered and one_decimal_percent(part, whole) in answer.text, answer.text


def test_what_a_figure_counts_has_no_period(engine: Engine) -> None:
    """Direction: the definitions say nothing of a year, so a year asked of them is not answered
    with them; without one they are."""
    for label in sorted({p.label for p in OVERALL}):
        plain = ask(engine, f"wat telt als {label}?")
        assert plain.answered, plain.text
        for period in ("in 2019", "vorig jaar"):
            dated = ask(engine, f"wat telt als {label} {period}?")
            assert not dated.answered, dated.text


@pytest.mark.parametrize(
    "wording",
    [
        "In {month} {year} waren er {value} {known}. Hoeveel {asked} waren er die maand?",
        "Met {value} {known} was {month} {year} een drukke maand. Hoeveel {asked} in diezelfde maand?",
    ],
)
def test_a_statement_with_figures_gives_only_its_period(engine: Engine, wording: str) -> None:
    """Invariance: the figures of a statement before the question are no part of it; its period is."""
    for a, b in MEASURE_PAIRS[::2]:
        question = wording.format(
            month=MONTHS[a.month - 1], year=a.year, value=b.value, known=b.label, asked=a.label
        )
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, a.value), (question, answer.text)


def test_a_range_higher_than_the_same_range_a_year_before(engine: Engine) -> None:
    """ "Met hoeveel procent lag het aantal X in januari tot en met september 2020 hoger dan in
    dezelfde periode van 2019?": the two totals and the change, never a share."""
    by_year = months_by_year()
    for (label, year), months in sorted(by_year.items()):
        before = by_year.get((label, year - 1))
        common = sorted(set(months) & set(before or {}))
        if not before or len(common) < 3 or common != list(range(common[0], common[-1] + 1)):
            continue
        old, new = sum(before[m] for m in common), sum(months[m] for m in common)
        if not old:
            continue
        span = f"{MONTHS[common[0] - 1]} tot en met {MONTHS[common[-1] - 1]} {year}"
        question = f"Met hoeveel procent lag het aantal {label} in {span} hoger dan in dezelfde periode " + (
            f"van {year - 1}?"
        )
        answer = ask(engine, question)
        change = decimal_text(Fraction((new - old) * 100, old), 1).removesuffix(",0")
        assert answer.answered and change in without_thousands(answer.text), (question, answer.text)


@pytest.mark.parametrize(
    ("group", "dimension", "question"),
    [
        ("zichzelf", "onderwerp", "Hoeveel procent van de oproepers komt met een vraag over zichzelf?"),
        ("seksueel_misbruik", "problematiek", "hoeveel procent seksueel misbruik?"),
        ("vrouwelijk", "geslacht", "hoeveel procent van de oproepers is vrouwelijk?"),
    ],
)
@pytest.mark.parametrize("rest", ["en de rest?", "En welk percentage zit dan niet in die groep?"])
def test_the_rest_after_a_group_is_everyone_else(
    engine: Engine, figures: Figures, group: str, dimension: str, question: str, rest: str
) -> None:
    """ "en de rest?" after a group's share: 100% minus that share, never another category ("niet
    in die groep" was asked back as not understood)."""
    _, share = figures.share(dimension, group)
    context = ask(engine, question).context
    answer = ask(engine, rest, context)
    assert answer.answered and f"{100 - share}%" in answer.text, answer.text


@pytest.mark.parametrize("rest", ["en de rest?", "En welk percentage zit dan niet in die groep?"])
@pytest.mark.parametrize(
    ("question", "groups_named"),
    [
        ("In welke leeftijdsgroep zitten de meeste oproepers?", 1),
        ("welke leeftijdsgroepen zijn het sterkst vertegenwoordigd?", 0),
        ("In welke leeftijdscategorieën zitten de meeste oproepers?", 0),
    ],
)
def test_the_rest_after_the_largest_groups_is_not_the_ranking_again(
    engine: Engine, figures: Figures, rest: str, question: str, groups_named: int
) -> None:
    """ "in welke leeftijdsgroep zitten de meeste oproepers?", "en de rest?": everyone outside the
    largest group, found as one (the ranking was given again; then both groups the source names
    were left out, 37% where 68% was asked); asked in the plural, outside every group named."""
    shares = sorted(
        (
            int(share)
            for (share,) in figures.rows("SELECT percent FROM shares_figures WHERE dimension = 'leeftijd'")
        ),
        reverse=True,
    )
    first = ask(engine, question)
    left_out = sum(shares[:groups_named] if groups_named else shares)
    answer = ask(engine, rest, first.context)
    assert first.answered and answer.answered and f"{100 - left_out}%" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    ["In welke leeftijdsgroep zitten de minste oproepers?", "welke leeftijdsgroep is het kleinst?"],
)
def test_the_smallest_group_of_a_split_the_source_gives_in_part_is_not_known(
    engine: Engine, figures: Figures, question: str
) -> None:
    """The source names the largest age groups only (their shares leave a part unsplit): which is
    the smallest is not known, never the groups named (both were listed for "het kleinst")."""
    answer = ask(engine, question)
    assert not answer.answered and "kleinste" in answer.text, answer.text


def test_a_month_pointed_back_to_is_the_month_found_or_asked_back(engine: Engine, figures: Figures) -> None:
    """ "in die maand" after "welke maand had de meeste?" is the month found; after a question about
    no one month it is asked back, never the whole period."""
    for (label, year), months in sorted(months_by_year().items()):
        top = max(months.values())
        found = [m for m, v in months.items() if v == top]
        if len(found) != 1 or label.startswith("oproepers in de wachtrij"):
            continue
        context = ask(engine, f"welke maand had de meeste {label} in {year}?").context
        answer = ask(engine, f"hoeveel {label} waren er in die maand?", context)
        assert answer.answered and Figures.has(answer.text, top), answer.text
        context = ask(engine, f"hoeveel {label} in {year}?").context
        question = f"hoeveel {label} waren er in die maand?"
        unclear = ask(engine, question, context)
        assert not unclear.answered and not given(figures, unclear, question), unclear.text


def test_a_claimed_peak_month_is_checked_against_its_year(engine: Engine) -> None:
    """ "klopt het dat het aantal piekte in mei?": May against every month of its year."""
    for (label, year), months in sorted(months_by_year().items()):
        top = max(months.values())
        for month, value in sorted(months.items())[::2]:
            answer = ask(engine, f"Klopt het dat het aantal {label} in {year} piekte in {MONTHS[month - 1]}?")
            verdict = "Dat klopt." if value == top else "Dat klopt niet."
            assert answer.answered and answer.text.startswith(verdict), answer.text
            assert Figures.has(answer.text, top) and Figures.has(answer.text, value), answer.text


def test_the_helplines_with_as_many_as_one_named(engine: Engine, figures: Figures) -> None:
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    for named, value in totals.items():
        same = [h for h, v in totals.items() if v == value and h != named]
        answer = ask(engine, f"Welke andere hulplijn had evenveel doorverwijzingen als {named}?")
        first = answer.text.split("\n")[0]
        assert answer.answered and all(h in first for h in same), answer.text
        assert not [h for h in totals if h not in same and h != named and h in first], first


def test_the_asterisk_asked_after_its_figure_is_not_explained(engine: Engine, figures: Figures) -> None:
    for p in OVERALL[::6]:
        context = ask(engine, f"Hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?").context
        question = "wat betekent het sterretje bij dat cijfer?"
        answer = ask(engine, question, context)
        assert not answer.answered and not given(figures, answer, question), answer.text


def test_which_vlogger_on_a_day_is_the_one_the_source_names(engine: Engine, figures: Figures) -> None:
    """ "welke vlogger noemde de chat op 21 september?": the vlogger of that day (the fact that
    the source does not name the second vlogger answered it)."""
    rows = figures.rows("SELECT text, date FROM facts WHERE date LIKE '____-__-__' AND certainty = 'vermeld'")
    asked = 0
    for text, day in rows:
        names = re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b", str(text))
        if not names:
            continue
        month, dom = int(str(day)[5:7]), int(str(day)[8:10])
        answer = ask(engine, f"welke vlogger noemde de chat op {dom} {MONTHS[month - 1]}?")
        assert answer.answered and names[0] in answer.text, answer.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize(
    "question",
    [
        "Hoe heette de vlogger die een week na JustNicolas de chatlijn vermeldde?",
        "Wat is de naam van de tweede vlogger?",
        "Welke tweede vlogger sprak een week na JustNicolas over de chat?",
        # as a follow-up, the name asked after its subject (the campaign's facts were given)
        "en de tweede vlogger, hoe heette die?",
    ],
)
def test_a_name_the_source_says_it_does_not_give_is_refused(
    engine: Engine, figures: Figures, question: str
) -> None:
    """A fact of certainty 'niet_vermeld' answers a question for that name as a refusal, also
    after a question about the campaign; a question about the topic still gets the facts."""
    for context in (None, ask(engine, "Wie was de vlogger van 21 september?").context):
        answer = ask(engine, question, context)
        assert not answer.answered and not given(figures, answer, question), answer.text
    topic = ask(engine, "Wat weet je over de vlogs?")
    assert topic.answered, topic.text


def test_a_share_change_in_points_and_relative(engine: Engine, figures: Figures) -> None:
    """A share known for two years: the change in points and relative to the first year."""
    rows = figures.rows(
        "SELECT category, min(year), max(year) FROM shares_figures GROUP BY category HAVING count(*) > 1"
    )
    assert rows
    for category, first, last in rows:
        old, new = (
            int(
                figures.rows(
                    "SELECT percent FROM shares_figures WHERE category = ? AND year = ?", category, y
                )[0][0]
            )
            for y in (first, last)
        )
        label = figures.rows("SELECT label FROM categories WHERE category = ?", category)[0][0]
        answer = ask(engine, f"relatieve stijging {label} {first} -> {last} in procent?")
        relative = decimal_text(Fraction((new - old) * 100, old), 1).removesuffix(",0")
        assert answer.answered and f"{relative}%" in answer.text and f"{new - old:+d}" in answer.text, (
            answer.text
        )


def test_a_change_against_another_month_of_the_same_year_named_with_its_year(engine: Engine) -> None:
    """ "Hoeveel procent minder dan in juli 2020?" after August 2020: against July 2020, never
    July of the year before."""
    for (label, year), months in sorted(months_by_year().items()):
        for month in sorted(months)[1::3]:
            before = month - 1
            if before not in months or not months[before]:
                continue
            context = ask(engine, f"Hoeveel {label} in {MONTHS[month - 1]} {year}?").context
            answer = ask(engine, f"Hoeveel procent verschil met {MONTHS[before - 1]} {year}?", context)
            change = decimal_text(Fraction((months[month] - months[before]) * 100, months[before]), 1)
            assert answer.answered and change.removesuffix(",0") in without_thousands(answer.text), (
                answer.text
            )


def test_the_first_month_past_a_value_is_not_january(engine: Engine) -> None:
    """ "de eerste maand met meer dan 100": the first month past it, never January alone."""
    for (label, year), months in sorted(months_by_year().items()):
        ordered = sorted(months)
        bar = sorted(months.values())[len(months) // 2]
        first = next((m for m in ordered if months[m] > bar), None)
        if first is None or first == ordered[0]:
            continue
        answer = ask(engine, f"Wat was in {year} de eerste maand met meer dan {bar} {label}?")
        assert answer.answered and MONTHS[first - 1] in answer.text, answer.text
        assert Figures.has(answer.text, months[first]), answer.text


def test_the_same_named_period_points_back_to_the_months_asked(engine: Engine) -> None:
    """ "En in diezelfde zomermaanden van 2019?" after June–August 2020: June–August 2019."""
    by_year = months_by_year()
    for (label, year), months in sorted(by_year.items()):
        before = by_year.get((label, year - 1), {})
        if not all(m in months and m in before for m in (6, 7, 8)):
            continue
        context = ask(engine, f"Hoeveel {label} waren er in juni, juli en augustus {year} samen?").context
        answer = ask(engine, f"En in diezelfde zomermaanden van {year - 1}?", context)
        assert answer.answered and Figures.has(answer.text, sum(before[m] for m in (6, 7, 8))), answer.text


def test_a_bare_period_after_a_ranking_ranks_again(engine: Engine, figures: Figures) -> None:
    """ "En in mei?" after "welke hulplijn verwees het vaakst door in juli?": May's first."""
    year = figures.latest_year("doorverwijzingen")
    months = figures.months("doorverwijzingen", year)
    for first, second in itertools.pairwise(months):
        per = figures.by_helpline("doorverwijzingen", year, [second])
        top = max(per.values())
        leaders = [h for h, v in per.items() if v == top]
        context = ask(
            engine, f"Welke hulplijn verwees in {MONTHS[first - 1]} {year} het vaakst door?"
        ).context
        answer = ask(engine, f"En in {MONTHS[second - 1]}?", context)
        lead = answer.text.split("\n")[0]
        assert answer.answered and all(h in lead for h in leaders), answer.text


@pytest.mark.parametrize("group", ["seksueel misbruik", "fysieke mishandeling", "emotionele mishandeling"])
def test_a_count_of_conversations_about_a_category_is_not_given(
    engine: Engine, figures: Figures, group: str
) -> None:
    """Direction: the source gives shares of the problems, no counts of conversations per problem."""
    question = f"Hoeveel chatgesprekken gingen in 2020 over {group}?"
    answer = ask(engine, question)
    assert not answer.answered, answer.text
    share = ask(engine, f"hoeveel procent ging over {group}?")
    assert share.answered, share.text


@pytest.mark.parametrize(
    "week",
    [
        "in de week van {day} {month}",
        "tussen {day} en {last} {end_month}",
        "in de week van {day}/{mm} ({day} t/m {last} {end_month})",
    ],
)
def test_a_week_as_a_share_of_its_month(engine: Engine, figures: Figures, week: str) -> None:
    """A week as a share of its month, the week named by its first day or by its days (written as
    a range of days, the share was dropped and the week's count given)."""
    for start, end, value in figures.weekly("nieuwe_oproepers"):
        month = MONTHS[start.month - 1]
        days = week.format(
            day=start.day, mm=f"{start.month:02d}", last=end.day, end_month=MONTHS[end.month - 1], month=month
        )
        question = f"Welk aandeel van de nieuwe oproepers van {month} {start.year} kwam {days}?"
        answer = ask(engine, question)
        if (start.year, start.month) == (end.year, end.month):
            whole = int(figures.value("nieuwe_oproepers", start.year, start.month))
            assert answer.answered and one_decimal_percent(value, whole) in answer.text, answer.text
        else:
            assert not answer.answered and not given(figures, answer, question), answer.text


def test_the_median_of_the_monthly_count(engine: Engine) -> None:
    """ "de mediaan van het maandelijkse aantal": the median of the months, "maandelijkse" used."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 3 or label.startswith("oproepers in de wachtrij"):
            continue
        values = sorted(months.values())
        middle = Fraction(values[len(values) // 2] + values[(len(values) - 1) // 2], 2)
        answer = ask(engine, f"Wat is de mediaan van het maandelijkse aantal {label} in {year}?")
        assert answer.answered and decimal_text(middle, 1).removesuffix(",0") in answer.text, answer.text


def test_more_of_one_measure_or_more_of_another(engine: Engine) -> None:
    """ "Waren er in mei meer gesprekken of meer nieuwe oproepers?": both, set against each other."""
    for a, b in MEASURE_PAIRS[::3]:
        question = f"Waren er in {MONTHS[a.month - 1]} {a.year} meer {a.label} of meer {b.label}?"
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, abs(a.value - b.value)), answer.text


def test_a_year_higher_than_that_is_against_the_year_before(engine: Engine, figures: Figures) -> None:
    """ "Met hoeveel procent lag het aantal in 2019 hoger dan dat?" after 2015: 2019 against 2015."""
    rows = figures.rows("SELECT year, value FROM yearly_figures WHERE metric = 'gesprekken' ORDER BY year")
    for (y1, v1), (y2, v2) in itertools.pairwise(rows):
        context = ask(engine, f"Hoeveel chatgesprekken waren er in {y1}?").context
        answer = ask(
            engine, f"Met hoeveel procent lag het aantal chatgesprekken in {y2} hoger dan dat?", context
        )
        change = decimal_text(Fraction((int(v2) - int(v1)) * 100, int(v1)), 1).removesuffix(",0")
        assert answer.answered and change in without_thousands(answer.text), answer.text


def test_a_change_that_ended_in_a_month_is_measured_from_the_month_before(engine: Engine) -> None:
    """ "En met hoeveel procent was dat gestegen in april?" after January: from January."""
    for (label, year), months in sorted(months_by_year().items()):
        run = [m for m in sorted(months) if months[m]]
        if len(run) < 3:
            continue
        first, later = run[0], run[2]
        context = ask(engine, f"Hoeveel {label} waren er in {MONTHS[first - 1]} {year}?").context
        answer = ask(engine, f"En met hoeveel procent was dat gestegen in {MONTHS[later - 1]}?", context)
        change = decimal_text(Fraction((months[later] - months[first]) * 100, months[first]), 1)
        assert answer.answered and change.removesuffix(",0") in without_thousands(answer.text), answer.text


def test_months_left_out_named_with_a_period_word_leave_the_rest_of_the_year(engine: Engine) -> None:
    """ "in 2020 als je de lockdownmaanden maart en april niet meetelt": the year without those."""
    for (label, year), months in sorted(months_by_year().items()):
        if not {3, 4} <= set(months) or len(months) < 5 or label.startswith("unieke"):
            continue
        question = (
            f"Hoeveel {label} waren er in {year} als je de lockdownmaanden maart en april niet meetelt?"
        )
        answer = ask(engine, question)
        rest = sum(v for m, v in months.items() if m not in (3, 4))
        assert answer.answered and Figures.has(answer.text, rest), answer.text


def test_a_fact_asked_in_another_unit_is_converted(engine: Engine, figures: Figures) -> None:
    hours = figures.fact_value("gespreksduur")
    answer = ask(engine, "Hoe lang kan een chatgesprek duren, uitgedrukt in minuten?")
    assert answer.answered and Figures.has(answer.text, hours * 60), answer.text


def test_who_did_it_a_week_later_is_a_name_not_given(engine: Engine, figures: Figures) -> None:
    context = ask(engine, "Welke vlogger vermeldde op 21 september de chatlijn?").context
    question = "En wie deed dat een week later?"
    answer = ask(engine, question, context)
    assert not answer.answered and not given(figures, answer, question), answer.text


def test_a_year_before_higher_or_lower_is_no_threshold(engine: Engine, figures: Figures) -> None:
    """ "Was dat aandeel in 2019 hoger of lager?": 2019 is a year (no figure for this group in
    2019 is a refusal; a group with one is compared), never a threshold of 2019."""
    rows = figures.rows(
        "SELECT category, count(*) FROM shares_figures WHERE dimension = 'problematiek' GROUP BY 1"
    )
    for category, count in rows:
        label = figures.rows("SELECT label FROM categories WHERE category = ?", category)[0][0]
        context = ask(engine, f"Hoeveel procent ging over {label}?").context
        answer = ask(engine, "Was dat aandeel in 2019 hoger of lager?", context)
        assert answer.answered == (count > 1), answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "Welk percentage valt samen tussen {low} en {high} jaar?",
        "hoeveel procent is tussen {low} en {high} jaar?",
    ],
)
def test_an_age_range_is_a_profile_group(engine: Engine, figures: Figures, wording: str) -> None:
    total = figures.share("leeftijd", "12-15")[1] + figures.share("leeftijd", "15-18")[1]
    context = ask(engine, "Wat weten we over de leeftijd van de oproepers?").context
    for ctx in (None, context):
        answer = ask(engine, wording.format(low=12, high=18), ctx)
        assert answer.answered and f"{total}%" in answer.text, answer.text


def test_a_whole_year_against_some_months_is_not_compared_silently(engine: Engine, figures: Figures) -> None:
    """A whole year named against some months of another: never the same months of both years in
    silence (the months of the whole year would stand in for it)."""
    question = (
        "Een collega beweert dat er in de eerste negen maanden van 2020 al meer chatgesprekken waren "
        "dan in heel 2019. Klopt dat?"
    )
    answer = ask(engine, question)
    months = figures.months("gesprekken", 2019)
    assert not figures.has(answer.text, figures.total("gesprekken", 2019, months)), answer.text


@pytest.mark.parametrize(
    "part", ["eind", "begin", "midden", "in de eerste helft van", "in de tweede helft van"]
)
def test_part_of_a_month_is_no_month(engine: Engine, figures: Figures, part: str) -> None:
    """Direction: "eind september 2019" is not September: the source has whole months only ("de
    eerste helft van september" was read as the first half of the year, with September added)."""
    for p in OVERALL[::9]:
        question = f"hoeveel {p.label} waren er {part} {MONTHS[p.month - 1]} {p.year}?"
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), answer.text


def test_a_follow_up_of_two_measures_set_against_each_other_keeps_both(engine: Engine) -> None:
    """ "en de maand erna?", "en in 2019?" after "meer gesprekken dan nieuwe oproepers in mei
    2020?": the same two measures, in the new month or year (never each against the year before)."""
    by_key = {(p.label, p.year, p.month): p.value for p in OVERALL}
    for a, b in MEASURE_PAIRS[::4]:
        after = (a.year, a.month + 1)
        if (a.label, *after) not in by_key or (b.label, *after) not in by_key:
            continue
        context = ask(
            engine, f"hoeveel meer {a.label} dan {b.label} in {MONTHS[a.month - 1]} {a.year}?"
        ).context
        answer = ask(engine, "en de maand erna?", context)
        diff = abs(by_key[(a.label, *after)] - by_key[(b.label, *after)])
        assert answer.answered and Figures.has(answer.text, diff), answer.text
        before = (a.year - 1, a.month + 1)
        if (a.label, *before) in by_key and (b.label, *before) in by_key:
            earlier = ask(engine, f"en in {a.year - 1}?", answer.context)
            diff = abs(by_key[(a.label, *before)] - by_key[(b.label, *before)])
            assert earlier.answered and Figures.has(earlier.text, diff), earlier.text


@pytest.mark.parametrize(
    ("half", "months"),
    [
        ("H1", range(1, 7)),
        ("S1", range(1, 7)),
        ("het eerste halfjaar van", range(1, 7)),
        ("de eerste jaarhelft van", range(1, 7)),
    ],
)
def test_a_half_year_by_its_short_name(engine: Engine, half: str, months: range) -> None:
    for (label, year), values in sorted(months_by_year().items()):
        if not set(months) <= set(values) or label.startswith("unieke"):
            continue
        answer = ask(engine, f"hoeveel {label} in {half} {year}?")
        assert answer.answered and Figures.has(answer.text, sum(values[m] for m in months)), answer.text


def test_a_helplines_count_then_its_share_of_all(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel doorverwijzingen kwamen van de JAC-chat?", "welk percentage van alle
    doorverwijzingen is dat?": that helpline's share (it was refused as a question for groups)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    whole = sum(totals.values())
    for helpline, value in totals.items():
        context = ask(engine, f"Hoeveel doorverwijzingen kwamen er van {helpline}?").context
        answer = ask(engine, "welk percentage van alle doorverwijzingen is dat?", context)
        assert answer.answered and one_decimal_percent(value, whole) in answer.text, answer.text


def _changes(
    series: dict[tuple[int, int], int], steps: list[tuple[tuple[int, int], tuple[int, int]]]
) -> dict[int, int]:
    return {to[1]: series[to] - series[frm] for frm, to in steps}


CHANGE_READINGS = [  # (the words, direction (+1 up, -1 down, 0 size), the largest or the smallest)
    ("was de stijging van het aantal {label} het grootst", 1, True),
    ("was de daling van het aantal {label} het grootst", -1, True),
    ("was het verschil in {label} het kleinst", 0, False),
    ("steeg het aantal {label} het minst", 1, False),
]


@pytest.mark.parametrize(("words", "direction", "largest"), CHANGE_READINGS)
@pytest.mark.parametrize("basis", ["year", "month"])
def test_the_month_with_the_largest_change(
    engine: Engine, words: str, direction: int, largest: bool, basis: str
) -> None:
    """ "In welke maand was de stijging het grootst tegenover 2019?" ("... tegenover de maand
    ervoor?"): the month at the extreme of the changes, with both figures and the change; or
    no month when none went that way. It was refused as two calculations at once."""
    by_year = months_by_year()
    labels = sorted({label for label, _ in by_year})
    asked = 0
    for label in labels:
        years = sorted(y for lab, y in by_year if lab == label)
        series = {(y, mo): v for y in years for mo, v in by_year[(label, y)].items()}
        if basis == "year":
            if len(years) < 2:
                continue
            first, second = years[-2:]
            common = sorted(set(by_year[(label, first)]) & set(by_year[(label, second)]))
            steps = [((first, mo), (second, mo)) for mo in common]
            against = f"tegenover {first}"
        else:
            year = years[-1]
            steps = [
                ((year, mo - 1), (year, mo))
                for mo in sorted(by_year[(label, year)])
                if (year, mo - 1) in series
            ]
            against = f"in {year} tegenover de maand ervoor"
        if len(steps) < 2:
            continue
        changes = _changes(series, steps)
        chosen = {mo: c for mo, c in changes.items() if direction == 0 or c * direction > 0}
        question = f"In welke maand {words.format(label=label)} {against}?"
        answer = ask(engine, question)
        lead = answer.text.split("\n")[0]
        asked += 1
        assert answer.answered, (question, answer.text)
        if not chosen:
            assert "geen enkele maand" in lead, (question, answer.text)
            continue
        edge = (max if largest else min)(abs(c) for c in chosen.values())
        for mo in [mo for mo, c in chosen.items() if abs(c) == edge]:
            frm, to = next(s for s in steps if s[1][1] == mo)
            expected = f"{MONTHS[mo - 1]} (van {series[frm]} naar {series[to]}: {signed(changes[mo])}"
            assert expected in lead, (question, answer.text)
    assert asked >= 2


@pytest.mark.parametrize(
    "wording",
    [
        "Welke {word} maanden hadden de meeste {label} in {year}?",
        "Wat zijn de {count} maanden met de meeste {label} in {year}?",
        # "het drukst": the adverb, without the -e (the busiest month alone was given)
        "Welke {word} maanden waren in {year} het drukst qua {label}?",
    ],
)
def test_the_first_months_of_a_ranking_when_several_are_asked(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """ "Welke drie maanden hadden de meeste gesprekken?": three months, not the one at the top
    ("de 3 maanden" was read as a period of three months to point back to)."""
    for label, year in sorted(months_by_year()):
        series = months_by_year()[(label, year)]
        if len(series) < 4:
            continue
        for count, word in ((2, "twee"), (3, "drie")):
            question = wording.format(word=word, count=count, label=label, year=year)
            answer = ask(engine, question)
            edge = sorted(series.values(), reverse=True)[count - 1]
            top = [mo for mo, v in series.items() if v >= edge]
            assert answer.answered, (question, answer.text)
            assert all(f"{MONTHS[mo - 1]} ({series[mo]})" in answer.text for mo in top), (
                question,
                answer.text,
            )


def test_the_first_helplines_of_a_ranking_when_several_are_asked(engine: Engine, figures: Figures) -> None:
    """ "Welke twee hulplijnen verwezen het vaakst door?": the helplines, never a month."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    answer = ask(engine, "Welke twee hulplijnen verwezen het vaakst door?")
    assert answer.answered and all(f"{h}: {v}" in answer.text for h, v in totals.items()), answer.text
    edge = sorted(totals.values(), reverse=True)[1]
    lead = answer.text.split("\n")[0]
    assert all(f"{h} ({v})" in lead for h, v in totals.items() if v >= edge), answer.text


def _month_shift_cues() -> list[tuple[str, int]]:
    lexicon = tomllib.loads((DB.parents[1] / "intents" / "lexicon.toml").read_text(encoding="utf-8"))
    return [(cue, int(offset)) for cue, offset in lexicon["month_shifts"].items() if abs(int(offset)) == 1]


@pytest.mark.parametrize(("cue", "offset"), _month_shift_cues())
@pytest.mark.parametrize("lead", ["en ", ""])
def test_every_month_shift_moves_the_month_asked_before(
    engine: Engine, cue: str, offset: int, lead: str
) -> None:
    """ "En een maand later?" after a month: the next month's figure (it was read as "tot later"
    and thanked for), for every shift cue of the lexicon."""
    by_year = months_by_year()
    for (label, year), months in sorted(by_year.items()):
        for month in months:
            if month + offset not in months:
                continue
            context = ask(engine, f"Hoeveel {label} waren er in {MONTHS[month - 1]} {year}?").context
            answer = ask(engine, f"{lead}{cue}?", context)
            assert answer.answered, (label, month, cue, answer.text)
            lead_line = answer.text.split("\n")[0]
            expected = f"{MONTHS[month + offset - 1]} {year}: {months[month + offset]}"
            assert expected in lead_line, (label, month, cue, answer.text)
            break


def _hyphenated_helplines() -> list[str]:
    labels = [str(r[0]) for r in _db_rows("SELECT label FROM helplines ORDER BY label")]
    return [label for label in labels if "-" in label]


@pytest.mark.parametrize("label", _hyphenated_helplines())
def test_a_hyphenated_name_with_two_letters_of_a_short_part_changed_is_another_name(
    engine: Engine, figures: Figures, label: str
) -> None:
    """ "CAW-chat" is no "CLB-chat" (two of three letters changed): no figure, the name said
    back; "CBL-chat" (one swap) still is."""
    head, _, tail = label.partition("-")
    other = head[0] + "".join(next(c for c in "OWX" if c != x.upper()) for x in head[1:3]) + head[3:]
    year = figures.latest_year("doorverwijzingen")
    total = figures.by_helpline("doorverwijzingen", year)[label]
    answer = ask(engine, f"Hoeveel doorverwijzingen kwamen er van de {other}-{tail}?")
    assert not answer.answered and f"{other}-{tail}" in answer.text, answer.text
    assert total not in numbers_in(answer.text) or total in (1712, 1813), answer.text
    swapped = head[0] + head[2] + head[1] + head[3:]
    corrected = ask(engine, f"Hoeveel doorverwijzingen kwamen er van de {swapped}-{tail}?")
    assert corrected.answered and f": {total}." in corrected.text, corrected.text


def _profile_groups() -> list[str]:
    return [
        str(r[0])
        for r in _db_rows(
            "SELECT DISTINCT c.label FROM shares_figures AS s JOIN categories AS c "
            "USING (dimension, category) WHERE s.dimension <> 'problematiek' ORDER BY 1"
        )
    ]


@pytest.mark.parametrize("group", _profile_groups())
@pytest.mark.parametrize(
    "wording", ["Hoeveel oproepers waren {group}, in aantallen?", "{group}: hoeveel in absolute aantallen?"]
)
def test_a_count_of_a_profile_group_is_not_given(engine: Engine, group: str, wording: str) -> None:
    """The profile is given as shares only: a count asked of a group is refused, with the shares
    as what is available (the share was given as if it answered the count)."""
    answer = ask(engine, wording.format(group=group))
    assert not answer.answered and "geen cijfers" in answer.text, answer.text


def _latest_shares() -> list[tuple[str, str, int]]:
    """(dimension, category label, share) of the newest year of each dimension."""
    rows = _db_rows(
        "SELECT s.dimension, c.label, s.percent FROM shares_figures AS s JOIN categories AS c "
        "USING (dimension, category) WHERE s.year = (SELECT max(year) FROM shares_figures AS t "
        "WHERE t.dimension = s.dimension) ORDER BY 1, 2"
    )
    return [(str(d), str(label), _int(p)) for d, label, p in rows]


@pytest.mark.parametrize(
    ("dimension", "group", "share"), [s for s in _latest_shares() if not s[1].startswith("met ")]
)  # ("valt niet onder met een vraag over zichzelf" is no Dutch)
@pytest.mark.parametrize("verb", ["valt niet onder", "hoort niet bij", "is niet"])
def test_the_share_not_in_a_group_is_the_rest(
    engine: Engine, dimension: str, group: str, share: int, verb: str
) -> None:
    """ "Welk aandeel valt niet onder 'andere problematiek'?": 100% minus that group's share
    ("niet" was not understood after "valt ... onder")."""
    whole = "de gemelde problematieken" if dimension == "problematiek" else "de oproepers"
    answer = ask(engine, f"Welk aandeel van {whole} {verb} {group}?")
    assert answer.answered and f"{100 - share}%" in answer.text, answer.text


@pytest.mark.parametrize("end", ["first", "last"])
@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel {label} waren er in {year} tussen {a} en {b}, {x} zelf niet meegerekend?",
        "Hoeveel {label} waren er van {a} tot {b} {year}, {x} niet meegerekend?",
    ],
)
def test_an_end_of_a_range_named_again_as_left_out(
    engine: Engine, figures: Figures, end: str, wording: str
) -> None:
    """ "tussen maart en september, maart zelf niet meegerekend": the range without that one
    month (it was not understood with "zelf"; without the repeat rule, both ends were left out)."""
    for (label, year), months in sorted(months_by_year().items()):
        ordered = sorted(months)
        if len(ordered) < 4:
            continue
        a, b = ordered[0], ordered[-1]
        x = a if end == "first" else b
        total = sum(v for mo, v in months.items() if mo != x)
        question = wording.format(label=label, a=MONTHS[a - 1], b=MONTHS[b - 1], year=year, x=MONTHS[x - 1])
        answer = ask(engine, question)
        assert answer.answered and f"in totaal: {total}" in without_thousands(answer.text), (
            question,
            answer.text,
        )


@pytest.mark.parametrize(
    ("wording", "descending"),
    [
        ("Rangschik de maanden van {year} volgens het aantal {label}.", True),
        ("Rangschik de maanden van {year} van groot naar klein qua {label}.", True),
        ("Rangschik de maanden van {year} van klein naar groot qua {label}.", False),
    ],
)
def test_a_ranking_of_the_months_lists_every_month_in_order(
    engine: Engine, wording: str, descending: bool
) -> None:
    """ "Rangschik de maanden van 2020": every month with its figure, in the order asked (it was
    read as a ranking of helplines, and refused for every measure but the referrals)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 3:
            continue
        answer = ask(engine, wording.format(year=year, label=label))
        listed = [int(v) for v in re.findall(r"\((\d+)\)", answer.text)]
        assert answer.answered and listed == sorted(months.values(), reverse=descending), answer.text


@pytest.mark.parametrize("order", ["van groot naar klein", "van hoog naar laag", "aflopend"])
def test_an_order_asked_is_no_word_left_over(engine: Engine, figures: Figures, order: str) -> None:
    """ "Rangschik de problematieken van groot naar klein": the ranking ("klein" was not understood)."""
    answer = ask(engine, f"Kan je de gemelde problematieken rangschikken {order}, met percentages?")
    shares = [int(p) for _, _, p in [s for s in _latest_shares() if s[0] == "problematiek"]]
    listed = [int(v) for v in re.findall(r": (\d+)%", answer.text)]
    assert answer.answered and sorted(shares, reverse=True) == listed[: len(shares)], answer.text


@pytest.mark.parametrize("order", ["van groot naar klein", "van hoog naar laag", "van klein naar groot"])
def test_an_order_asked_points_to_no_other_question(engine: Engine, order: str) -> None:
    """ "Geef een ranking van de hulplijnen van groot naar klein": never the problem categories
    (the words of the order resembled those examples)."""
    answer = ask(engine, f"Geef een ranking van de hulplijnen {order}")
    assert not (answer.answered and "%" in answer.text), answer.text


@pytest.mark.parametrize(
    "follow_up",
    [
        "hoeveel procent is dat van het totaal {first}-{last} {year}?",
        "hoeveel procent is dat van het totaal van {year}?",
    ],
)
def test_a_month_then_its_share_of_a_whole_named(engine: Engine, follow_up: str) -> None:
    """ "Hoeveel gesprekken in juni 2020?", "hoeveel procent is dat van het totaal januari-
    september 2020?": June's share of that whole (the whole was given as 100% of itself)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 3 or label.startswith("unieke"):
            continue
        ordered = sorted(months)
        total = sum(months.values())
        for month in ordered[1::3]:
            context = ask(engine, f"Hoeveel {label} waren er in {MONTHS[month - 1]} {year}?").context
            question = follow_up.format(first=MONTHS[ordered[0] - 1], last=MONTHS[ordered[-1] - 1], year=year)
            answer = ask(engine, question, context)
            share = one_decimal_percent(months[month], total)
            assert answer.answered and share in answer.text, (label, month, question, answer.text)


@pytest.mark.parametrize(
    "wording",
    [
        "Geef het totaal en de drukste maand van {year} qua {label}.",
        "{label} {year}: totaal en in welke maand het meest?",
    ],
)
def test_a_total_and_the_highest_month_are_both_given(engine: Engine, figures: Figures, wording: str) -> None:
    """Two calculations of one measure: both answered (the total was dropped in silence)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 3 or label.startswith("unieke"):
            continue
        answer = ask(engine, wording.format(label=label, year=year))
        top = max(months.values())
        total = sum(months.values())
        text = without_thousands(answer.text)
        said_total = re.search(rf"in totaal:? {total}\b", text)
        assert answer.answered and said_total and f"met {top}" in text, answer.text


def test_a_second_question_after_en_and_a_preposition_is_answered(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel doorverwijzingen kwamen van Awel en van welke hulplijn het minst?": both
    questions (the second was read into the first)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    least = min(totals.values())
    for helpline, value in totals.items():
        answer = ask(
            engine,
            f"Hoeveel doorverwijzingen kwamen er van {helpline} en van welke hulplijn kwamen er het minst?",
        )
        lines = answer.text.split("\n")
        assert answer.answered and f"in totaal: {value}" in lines[0], answer.text
        assert any("het minst vanuit" in line and f"met {least}" in line for line in lines), answer.text


def test_months_with_exactly_a_count_of_persons(engine: Engine) -> None:
    """ "In welke maanden stuurde Awel 4 jongeren door?": the months with that value (the number
    was not understood)."""
    series: dict[tuple[str, int], dict[int, int]] = {}
    for p in HELPLINE:
        series.setdefault((str(p.helpline_label), p.year), {})[p.month] = p.value
    asked = 0
    for (helpline, year), months in sorted(series.items()):
        value = max(months.values())
        if value == 0:
            continue
        hits = [MONTHS[m - 1] for m, v in months.items() if v == value]
        answer = ask(engine, f"in welke maanden van {year} stuurde {helpline} {value} jongeren door")
        listed = answer.text.split("\n")[0].split(":", 1)[-1].split("Aantal")[0]
        assert answer.answered and all(h in listed for h in hits), answer.text
        assert not [m for m in MONTHS if m in listed and m not in hits], answer.text
        asked += 1
    assert asked >= 3


@pytest.mark.parametrize(
    "wording",
    ["Geef mij de namen van de {label} van {month} {year}.", "Wat zijn de namen van de {label} in {year}?"],
)
def test_names_asked_are_never_a_figure(engine: Engine, figures: Figures, wording: str) -> None:
    """ "Geef mij de namen van de jongeren die gechat hebben": names, which no figure answers
    (the totals of the conversations were given)."""
    # (the names of the referring helplines are data: "de namen van de doorverwijzingen vanuit
    # andere hulplijnen" lists them)
    for point in [p for p in OVERALL if "hulplijn" not in p.label][::7]:
        question = wording.format(label=point.label, month=MONTHS[point.month - 1], year=point.year)
        answer = ask(engine, question)
        assert not answer.answered and given(figures, answer, question) == set(), answer.text


def test_who_referred_most_is_the_helplines_ranking(engine: Engine, figures: Figures) -> None:
    """ "Wie verwees het meest door?": the helpline with the most referrals (the profile's
    wording "wie ... het meest" took it, and refused the measure)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    top = max(totals.values())
    answer = ask(engine, "Wie verwees het meest door?")
    lead = answer.text.split("\n")[0]
    assert answer.answered and all(h in lead for h, v in totals.items() if v == top), answer.text


@pytest.mark.parametrize("verb", ["noemde", "vermeldde", "noemt"])
def test_mentioned_is_no_name_asked(engine: Engine, verb: str) -> None:
    """ "Welke vlogger noemde de chat op 21 september?": the vlogger who mentioned it (it was read
    as "hoe noemt ...?", a name the source does not give)."""
    answer = ask(engine, f"Welke vlogger {verb} de chat op 21 september?")
    assert answer.answered, answer.text


def _weeks_with_figures() -> int:
    return _int(_db_rows("SELECT count(DISTINCT week_start) FROM weekly_figures")[0][0])


def test_a_week_by_its_number(engine: Engine, figures: Figures) -> None:
    """ "hoeveel nieuwe oproepers in week 39 van 2020?": the week that starts on that Monday ("39"
    was not understood); a week number no figure starts is refused."""
    weeks = _weeks(figures)
    values = {v for *_, v, _ in weeks}
    for start, _end, value, label in weeks:
        first = start if isinstance(start, datetime.date) else datetime.date.fromisoformat(str(start))
        year, number, _ = first.isocalendar()
        answer = ask(engine, f"hoeveel {label} waren er in week {number} van {year}?")
        assert answer.answered and given(figures, answer, "") & values == {value}, answer.text
        before = ask(engine, f"hoeveel {label} waren er in week {number - 2} van {year}?")
        assert not before.answered and not given(figures, before, "") & values, before.text


@pytest.mark.parametrize("word", ["vloggerweken", "campagneweken"])
def test_a_number_of_weeks_named_is_checked_against_the_weeks_there_are(engine: Engine, word: str) -> None:
    """ "nieuwe oproepers in de 2 vloggerweken samen": the weeks, when there are that many; a
    question back when the number differs ("2" was not understood), which says the number in
    words, also when the question wrote it so (a digit the question did not write reads as a
    figure)."""
    weeks = _weeks_with_figures()
    words = {2: "twee", 3: "drie", 4: "vier", 5: "vijf"}
    right = ask(engine, f"nieuwe oproepers in de {weeks} {word} samen")
    assert right.answered, right.text
    for count in (str(weeks + 1), words[weeks + 1]):
        wrong = ask(engine, f"nieuwe oproepers in de {count} {word} samen")
        assert not wrong.answered and f"{words[weeks + 1]} weken" in wrong.text, wrong.text
        assert not re.search(rf"(?<!/)\b{weeks + 1}\b(?!/)", wrong.text), wrong.text


@pytest.mark.parametrize("count", [3, 4])
def test_the_first_months_inside_a_range_are_its_part(engine: Engine, count: int) -> None:
    """ "Welk aandeel van de nieuwe oproepers van januari t.e.m. september meldde zich in de
    eerste vier maanden?": those months as a share of the range (the range was given as 100%
    of itself)."""
    words = {3: "drie", 4: "vier"}
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        ordered = sorted(months)
        if ordered[0] != 1 or len(ordered) <= count or label.startswith("unieke"):
            continue
        question = (
            f"Welk aandeel van de {label} van januari t.e.m. {MONTHS[ordered[-1] - 1]} {year} "
            f"viel in de eerste {words[count]} maanden van het jaar?"
        )
        answer = ask(engine, question)
        part = sum(months[m] for m in range(1, count + 1))
        assert answer.answered and one_decimal_percent(part, sum(months.values())) in answer.text, answer.text
        asked += 1
    assert asked >= 2


def test_a_period_as_a_share_of_itself_is_no_answer(engine: Engine) -> None:
    """ "Welk aandeel van de gesprekken van januari tot september 2020?": a share of what? Never
    "100%", the whole as a part of itself."""
    for (label, year), months in sorted(months_by_year().items()):
        ordered = sorted(months)
        question = (
            f"Welk aandeel van de {label} van {MONTHS[ordered[0] - 1]} tot {MONTHS[ordered[-1] - 1]} {year}?"
        )
        answer = ask(engine, question)
        assert "100%" not in answer.text, answer.text


def _whole_number_phrases() -> list[str]:
    lexicon = tomllib.loads((DB.parents[1] / "intents" / "lexicon.toml").read_text(encoding="utf-8"))
    return [p for p in lexicon["precision"]["whole"] if " " in p]


@pytest.mark.parametrize("phrase", _whole_number_phrases())
def test_every_whole_number_phrase_rounds_a_change(engine: Engine, phrase: str) -> None:
    """ "afgerond op een geheel procent": the change in whole percent, for every phrase the
    lexicon lists ("geheel" was not understood in some of them)."""
    by_year = months_by_year()
    label, (first, second) = next(
        (label, sorted(y for lab, y in by_year if lab == label)[-2:])
        for label in sorted({lab for lab, _ in by_year})
        if len([y for lab, y in by_year if lab == label]) >= 2
    )
    month = max(set(by_year[(label, first)]) & set(by_year[(label, second)]))
    before, after = by_year[(label, first)][month], by_year[(label, second)][month]
    question = (
        f"Procentuele verandering van het aantal {label} in {MONTHS[month - 1]} {second} tegenover "
        f"{MONTHS[month - 1]} {first}, afgerond op {phrase}?"
    )
    answer = ask(engine, question)
    whole = round_half_up(Fraction((after - before) * 100, before))
    assert answer.answered and f"({signed(whole)}%)" in answer.text, answer.text


def _year_totals() -> list[tuple[str, int, int]]:
    """(metric label, year, the year's own total) where the data also has months of that year."""
    rows = _db_rows(
        "SELECT m.label, y.year, y.value FROM yearly_figures AS y JOIN metrics AS m USING (metric) "
        "WHERE y.qualifier IS NULL AND y.year IN (SELECT year FROM monthly_figures AS f "
        "WHERE f.metric = y.metric) ORDER BY 1, 2"
    )
    return [(str(label), _int(year), _int(value)) for label, year, value in rows]


@pytest.mark.parametrize(("label", "year", "total"), _year_totals())
def test_not_only_some_months_is_the_whole_year(engine: Engine, label: str, year: int, total: int) -> None:
    """ "in het hele jaar 2019, niet alleen januari tot september": the year's own total ("niet"
    was not understood), never the months said not to be all."""
    months = months_by_year()[(label, year)]
    first, last = MONTHS[min(months) - 1], MONTHS[max(months) - 1]
    answer = ask(engine, f"Hoeveel {label} waren er in het hele jaar {year}, niet alleen {first} tot {last}?")
    lead = without_thousands(answer.text.split("\n")[0])
    assert answer.answered and re.search(rf"\b{total}\b", lead), answer.text


def test_some_months_not_the_whole_year_is_those_months(engine: Engine) -> None:
    """ "van januari tot en met september 2019, dus niet het volledige jaar": those months."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 3 or label.startswith("unieke"):
            continue
        first, last = MONTHS[min(months) - 1], MONTHS[max(months) - 1]
        question = (
            f"Hoeveel {label} waren er van {first} tot en met {last} {year}, dus niet het volledige jaar?"
        )
        answer = ask(engine, question)
        assert answer.answered and f"in totaal: {sum(months.values())}" in without_thousands(answer.text), (
            answer.text
        )


def test_a_measure_said_not_to_be_asked_is_no_part_of_the_question(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel nieuwe oproepers (dus niet het aantal gesprekken) in april 2020?": the new callers
    ("niet" was not understood)."""
    points = {(p.label, p.year, p.month): p.value for p in OVERALL}
    labels = sorted({p.label for p in OVERALL})
    asked = 0
    for wanted, other in itertools.permutations(labels, 2):
        shared = sorted((y, m) for lab, y, m in points if lab == wanted and (other, y, m) in points)
        if not shared:
            continue
        year, month = shared[-1]
        question = f"Hoeveel {wanted} (dus niet het aantal {other}) waren er in {MONTHS[month - 1]} {year}?"
        answer = ask(engine, question)
        assert answer.answered and figures.has(answer.text, points[(wanted, year, month)]), answer.text
        asked += 1
    assert asked >= 4


@pytest.mark.parametrize(
    "wording",
    [
        "Welk deel van de meldingen zonder {left} gaat over {asked}?",
        "Als je de categorie {left} weglaat, welk deel van de overige meldingen gaat dan over {asked}?",
    ],
)
def test_a_share_within_what_is_left_after_a_group_is_left_out(engine: Engine, wording: str) -> None:
    """ "Welk deel van de meldingen zonder 'andere' gaat over seksueel misbruik?": its share of
    what is left (the plain share was given, or the two groups added up)."""
    shares = [(label, p) for d, label, p in _latest_shares() if d == "problematiek"]
    total = sum(p for _, p in shares)
    for (asked, part), (left, out) in itertools.permutations(shares[::2], 2):
        answer = ask(engine, wording.format(left=left, asked=asked))
        expected = one_decimal_percent(part, total - out)
        expected = expected if "," in expected else expected.replace("%", ",0%")
        assert answer.answered and expected in answer.text, (asked, left, answer.text)


def _signed_one_decimal(part: int, whole: int) -> str:
    """-65%, -16,7%: a change in percent with one decimal, no ",0", as replies write it."""
    tenths = round_half_up(Fraction(part * 1000, whole))
    text = f"{abs(tenths) // 10}" + (f",{abs(tenths) % 10}" if abs(tenths) % 10 else "")
    return ("-" if tenths < 0 else "+" if tenths > 0 else "") + text + "%"


@pytest.mark.parametrize("whole_period", [False, True])
def test_a_change_against_a_later_year_named_after_dan(engine: Engine, whole_period: bool) -> None:
    """ "Hoeveel procent minder in april 2019 dan in april 2020?": measured against 2020 (the
    later year was always the one measured, against the earlier)."""
    by_year = months_by_year()
    asked = 0
    for label in sorted({lab for lab, _ in by_year}):
        years = sorted(y for lab, y in by_year if lab == label)
        if len(years) < 2 or label.startswith("unieke"):
            continue
        first, second = years[-2:]
        common = sorted(set(by_year[(label, first)]) & set(by_year[(label, second)]))
        months = common if whole_period else common[-1:]
        early = sum(by_year[(label, first)][m] for m in months)
        late = sum(by_year[(label, second)][m] for m in months)
        when = "" if whole_period else f"{MONTHS[months[0] - 1]} "
        question = f"Hoeveel procent minder {label} waren er in {when}{first} dan in {when}{second}?"
        answer = ask(engine, question)
        expected = _signed_one_decimal(early - late, late)
        assert (
            answer.answered
            and expected.removesuffix("%") in answer.text
            and "ten opzichte van" in answer.text
        ), (
            question,
            answer.text,
        )
        asked += 1
    assert asked >= 2


def test_the_share_of_every_helpline_but_one(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel procent van de doorverwijzingen kwam van een andere lijn dan Awel?": all but
    Awel, of all (Awel's own share was given)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    whole = sum(totals.values())
    for helpline, value in totals.items():
        for wording in ("van een andere lijn dan {h}", "niet van {h}"):
            question = f"Hoeveel procent van de doorverwijzingen kwam {wording.format(h=helpline)}?"
            answer = ask(engine, question)
            assert answer.answered and one_decimal_percent(whole - value, whole) in answer.text, answer.text


def test_helplines_listed_before_words_that_leave_them_out(engine: Engine, figures: Figures) -> None:
    """ "als je Awel en 1712 niet meetelt": both left out (only the second was)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    whole = sum(totals.values())
    for a, b in itertools.combinations(sorted(totals), 2):
        answer = ask(engine, f"Hoeveel doorverwijzingen blijven er over als je {a} en {b} niet meetelt?")
        rest = whole - totals[a] - totals[b]
        assert answer.answered and f"in totaal: {rest}." in answer.text, answer.text


@pytest.mark.parametrize(
    "follow_up", ["en hoeveel waren er in die maand in {previous}?", "en in dezelfde maand vorig jaar?"]
)
@pytest.mark.parametrize("extreme", ["meeste", "minste"])
def test_the_month_a_ranking_found_in_another_year(engine: Engine, follow_up: str, extreme: str) -> None:
    """ "Welke maand had in 2020 de meeste gesprekken?", "en hoeveel in die maand in 2019?": that
    month of 2019 (the 2020 figure was repeated, or 2019 ranked again)."""
    by_year = months_by_year()
    asked = 0
    for label in sorted({lab for lab, _ in by_year}):
        years = sorted(y for lab, y in by_year if lab == label)
        if len(years) < 2:
            continue
        previous, year = years[-2:]
        months = by_year[(label, year)]
        edge = (max if extreme == "meeste" else min)(months.values())
        found = [m for m, v in months.items() if v == edge]
        if len(found) != 1 or found[0] not in by_year[(label, previous)]:
            continue
        context = ask(engine, f"Welke maand had in {year} de {extreme} {label}?").context
        answer = ask(engine, follow_up.format(previous=previous), context)
        expected = f"{MONTHS[found[0] - 1]} {previous}: {by_year[(label, previous)][found[0]]}"
        assert answer.answered and expected in answer.text, answer.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize("word", ["de piekmaand", "de drukste maand"])
def test_a_month_described_as_the_peak_is_no_ranking(engine: Engine, word: str) -> None:
    """ "zonder de piekmaand april mee te tellen": the total without April (the busiest month of
    the rest was given)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 3 or label.startswith("unieke"):
            continue
        peak = max(months, key=lambda m: months[m])
        question = f"Hoeveel {label} waren er in {year} zonder {word} {MONTHS[peak - 1]} mee te tellen?"
        answer = ask(engine, question)
        rest = sum(months.values()) - months[peak]
        assert answer.answered and f"in totaal: {rest}" in without_thousands(answer.text), answer.text


ORDINAL_WORDS = {2: "tweede", 3: "derde", 4: "vierde", 5: "vijfde"}


@pytest.mark.parametrize(
    ("wording", "from_top"),
    [
        ("Welke maand stond {ordinal} in {year} qua {label}?", True),
        ("Welke maand stond op de {ordinal} plaats in {year} qua {label}?", True),
        ("Welke maand was de {ordinal} rustigste van {year} qua {label}?", False),
    ],
)
def test_a_place_in_the_ranking_of_the_months(engine: Engine, wording: str, from_top: bool) -> None:
    """ "Welke maand stond derde in 2020?": the month at that place (the year's total was given)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 6:
            continue
        ordered = sorted(months.values(), reverse=from_top)
        for place in (2, 3) if from_top else (2,):
            value = ordered[place - 1]
            if ordered.count(value) > 1:
                continue  # a shared place: which one is not the point here
            month = next(m for m, v in months.items() if v == value)
            answer = ask(engine, wording.format(ordinal=ORDINAL_WORDS[place], year=year, label=label))
            assert answer.answered and f"{MONTHS[month - 1]} ({value})" in answer.text, answer.text


@pytest.mark.parametrize("extreme", ["meeste", "minste"])
def test_a_measure_in_the_month_another_ranks_first(engine: Engine, extreme: str) -> None:
    """ "Hoeveel nieuwe oproepers in de maand met de minste chatgesprekken van 2020?": the month
    the ranking finds, then the measure asked in it (it was refused as one measure of another)."""
    by_year = months_by_year()
    asked = 0
    for (ranked, year), months in sorted(by_year.items()):
        edge = (max if extreme == "meeste" else min)(months.values())
        found = [m for m, v in months.items() if v == edge]
        for (counted, other_year), values in sorted(by_year.items()):
            if other_year != year or counted == ranked or len(found) != 1 or found[0] not in values:
                continue
            question = f"Hoeveel {counted} waren er in de maand met de {extreme} {ranked} van {year}?"
            answer = ask(engine, question)
            expected = f"{MONTHS[found[0] - 1]} {year}: {values[found[0]]}"
            assert answer.answered and expected in answer.text, (question, answer.text)
            asked += 1
    assert asked >= 4


@pytest.mark.parametrize(("relation", "shift"), [("na", 1), ("voor", -1)])
def test_a_measure_in_the_month_after_its_peak(engine: Engine, relation: str, shift: int) -> None:
    """ "Hoeveel gesprekken in de maand na de piek van 2020?": the month after the busiest (the
    busiest was given)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        top = max(months.values())
        found = [m for m, v in months.items() if v == top]
        if len(found) != 1 or found[0] + shift not in months:
            continue
        answer = ask(engine, f"Hoeveel {label} waren er in de maand {relation} de piek van {year}?")
        expected = f"{MONTHS[found[0] + shift - 1]} {year}: {months[found[0] + shift]}"
        assert answer.answered and expected in answer.text, answer.text
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize("limit_at", ["lowest", "above_lowest"])
def test_a_claim_about_every_month_names_the_months_that_miss(engine: Engine, limit_at: str) -> None:
    """ "Klopt het dat er in elke maand van 2020 minstens 20 nieuwe oproepers waren?": the verdict,
    and the months below it (only the months above were listed)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 3:
            continue
        lowest = min(months.values())
        limit = lowest if limit_at == "lowest" else lowest + 1
        answer = ask(engine, f"Klopt het dat er in elke maand van {year} minstens {limit} {label} waren?")
        misses = [m for m, v in months.items() if v < limit]
        lead = answer.text.split(".")[0]
        assert answer.answered, answer.text
        if misses:
            assert lead.startswith("Dat klopt niet"), answer.text
            assert all(f"{MONTHS[m - 1]} ({months[m]})" in answer.text for m in misses), answer.text
        else:
            assert lead.startswith("Dat klopt:"), answer.text


def test_the_share_of_some_months_in_one_helplines_total(engine: Engine, figures: Figures) -> None:
    """ "Welk aandeel van de doorverwijzingen door Awel viel in maart en april?": those months of
    Awel's own total (the share of Awel among all helplines in those months was given); named
    the other way round, it is still that."""
    year = figures.latest_year("doorverwijzingen")
    months = figures.months("doorverwijzingen", year)
    first, second = months[0], months[1]
    per_helpline = figures.by_helpline("doorverwijzingen", year)
    in_months = figures.by_helpline("doorverwijzingen", year, [first, second])
    together = sum(in_months.values())
    named = f"{MONTHS[first - 1]} en {MONTHS[second - 1]}"
    for helpline, total in per_helpline.items():
        if total == 0 or together == 0:
            continue
        own = ask(engine, f"Welk aandeel van de doorverwijzingen door {helpline} viel in {named}?")
        assert own.answered and one_decimal_percent(in_months[helpline], total) in own.text, own.text
        among = ask(engine, f"Welk aandeel van de doorverwijzingen in {named} kwam van {helpline}?")
        assert among.answered and one_decimal_percent(in_months[helpline], together) in among.text, among.text
        # the period of the whole, named after the helpline, is no part of it
        span = f"tussen {MONTHS[months[0] - 1]} en {MONTHS[months[-1] - 1]} {year}"
        whole = ask(
            engine, f"Wat is het aandeel van {helpline} in het totaal aantal doorverwijzingen {span}?"
        )
        expected = one_decimal_percent(total, sum(per_helpline.values()))
        assert whole.answered and expected in whole.text, whole.text


def test_groups_of_two_profile_splits_at_once_are_not_given(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel procent van de oproepers zijn meisjes die met een vraag over zichzelf komen?": the
    source never crosses two splits; both shares were given as if they answered it."""
    groups = [(d, label) for d, label, _ in _latest_shares() if d != "problematiek"]
    asked = 0
    for (d1, a), (d2, b) in itertools.combinations(groups, 2):
        if d1 == d2:
            continue
        question = f"Hoeveel procent van de oproepers is {a} en tegelijk {b}?"
        answer = ask(engine, question)
        assert not answer.answered, answer.text
        asked += 1
    assert asked >= 4


def test_some_months_against_a_whole_year_named_so(engine: Engine) -> None:
    """ "Is het aantal van januari t.e.m. september 2020 al hoger dan het totaal van heel 2019?":
    the year's own figure against those months (both years' January-September were given)."""
    by_year = months_by_year()
    asked = 0
    for label, year, total in _year_totals():
        later = [y for lab, y in by_year if lab == label and y > year]
        if not later:
            continue
        months = by_year[(label, later[0])]
        first, last = MONTHS[min(months) - 1], MONTHS[max(months) - 1]
        question = (
            f"Is het aantal {label} van {first} tot en met {last} {later[0]} al hoger dan het totaal "
            f"van heel {year}?"
        )
        answer = ask(engine, question)
        text = without_thousands(answer.text)
        assert answer.answered and f"{total} en {sum(months.values())}" in text, answer.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize(("relation", "shift"), [("na", 1), ("voor", -1)])
def test_the_month_next_to_a_month_named(engine: Engine, relation: str, shift: int) -> None:
    """ "in de maand na april 2020": May alone ("na april" was read as May onwards)."""
    for (label, year), months in sorted(months_by_year().items()):
        for month in sorted(months)[1:-1:3]:
            answer = ask(
                engine, f"Hoeveel {label} waren er in de maand {relation} {MONTHS[month - 1]} {year}?"
            )
            expected = f"{MONTHS[month + shift - 1]} {year}: {months[month + shift]}"
            assert answer.answered and expected in answer.text, answer.text


def test_before_a_month_is_the_months_before_it(engine: Engine, figures: Figures) -> None:
    """ "vóór april 2020": January to March (it was read as April)."""
    for (label, year), months in sorted(months_by_year().items()):
        if min(months) != 1 or len(months) < 4 or label.startswith("unieke"):
            continue
        month = sorted(months)[3]
        before = sum(v for m, v in months.items() if m < month)
        accented = ask(engine, f"Hoeveel {label} waren er vóór {MONTHS[month - 1]} {year}?")
        assert accented.answered and f"in totaal: {before}" in without_thousands(accented.text), accented.text


def test_a_helplines_referrals_as_a_share_of_the_conversations(engine: Engine, figures: Figures) -> None:
    """ "welk percentage van de gesprekken in mei kwam via een doorverwijzing van Awel?", and
    "hoeveel gesprekken in mei?", "hoeveel procent daarvan kwam via Awel?": Awel's referrals
    over the conversations (Awel's share of all referrals was given)."""
    year = figures.latest_year("doorverwijzingen")
    month = figures.months("doorverwijzingen", year)[2]
    named = f"{MONTHS[month - 1]} {year}"
    conversations = figures.value("gesprekken", year, month)
    for helpline, value in figures.by_helpline("doorverwijzingen", year, [month]).items():
        expected = one_decimal_percent(value, int(conversations))
        own = ask(
            engine,
            f"Welk percentage van de gesprekken in {named} kwam via een doorverwijzing van {helpline}?",
        )
        assert own.answered and expected in own.text, own.text
        context = ask(engine, f"Hoeveel gesprekken waren er in {named}?").context
        follow = ask(engine, f"Hoeveel procent daarvan kwam via {helpline}?", context)
        assert follow.answered and expected in follow.text, follow.text


@pytest.mark.parametrize(
    "follow_up",
    [
        "en vanuit de andere hulplijnen?",
        "en van de rest?",
        "en de anderen samen?",
        "en die andere lijn, hoeveel keer?",
    ],
)
def test_the_other_helplines_after_one(engine: Engine, figures: Figures, follow_up: str) -> None:
    """ "Hoeveel doorverwijzingen van Awel?", "en vanuit de andere hulplijnen?": all but Awel
    (Awel's figure was repeated)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    whole = sum(totals.values())
    for helpline, value in totals.items():
        context = ask(engine, f"Hoeveel doorverwijzingen kwamen er van {helpline}?").context
        answer = ask(engine, follow_up, context)
        assert answer.answered and f"in totaal: {whole - value}." in answer.text, answer.text


@pytest.mark.parametrize(
    ("first", "joiner", "last"),
    [("eerste", "en", "derde"), ("tweede", "en", "derde"), ("eerste", "tot het", "derde")],
)
def test_two_quarters_named_together(engine: Engine, first: str, joiner: str, last: str) -> None:
    """ "het tweede en derde kwartaal van 2020": both quarters (only the last was answered)."""
    number = {"eerste": 1, "tweede": 2, "derde": 3}
    picked = range(number[first], number[last] + 1) if joiner != "en" else (number[first], number[last])
    wanted = [m for q in picked for m in range(3 * q - 2, 3 * q + 1)]
    for (label, year), months in sorted(months_by_year().items()):
        if not set(wanted) <= set(months) or label.startswith("unieke"):
            continue
        answer = ask(engine, f"Hoeveel {label} waren er in het {first} {joiner} {last} kwartaal van {year}?")
        total = sum(months[m] for m in wanted)
        assert answer.answered and f"in totaal: {total}" in without_thousands(answer.text), answer.text


def _years_with_own_figure() -> set[tuple[str, int]]:
    rows = _db_rows("SELECT m.label, y.year FROM yearly_figures AS y JOIN metrics AS m USING (metric)")
    return {(str(label), _int(year)) for label, year in rows}


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("meer dan {t}", "Dat kan ik niet"),
        ("meer dan {below}", "Ja"),
        ("minder dan {t}", "Nee"),
        ("{above}", "Dat kan ik niet"),
    ],
)
def test_a_claim_about_a_year_the_data_covers_in_part(engine: Engine, claim: str, verdict: str) -> None:
    """ "Klopt het dat er in 2020 meer dan 300 nieuwe oproepers waren?" with January-September
    only: what those months decide, and no more ("Nee: 300" was said)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) >= 12 or len(months) < 3 or label.startswith("unieke"):
            continue
        if (label, year) in _years_with_own_figure():
            continue  # a year with its own figure is judged by that figure
        total = sum(months.values())
        said = claim.format(t=total, below=total - 1, above=total + 100)
        answer = ask(engine, f"Klopt het dat er in {year} {said} {label} waren?")
        assert answer.answered and answer.text.startswith(verdict), answer.text
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [("meer dan {v}", "Ja"), ("precies {v}", "Nee"), ("meer dan {above}", "Dat kan ik niet")],
)
def test_a_claim_about_a_figure_the_source_gives_as_a_bound(engine: Engine, claim: str, verdict: str) -> None:
    """ "Klopt het dat er in 2019 meer dan 330 nieuwe oproepers waren?" where the source says
    "meer dan 330": that holds ("Nee: 330" was said)."""
    rows = _db_rows(
        "SELECT m.label, y.year, y.value FROM yearly_figures AS y JOIN metrics AS m USING (metric) "
        "WHERE y.qualifier = 'meer dan'"
    )
    assert rows
    for label, year, value in rows:
        said = claim.format(v=_int(value), above=_int(value) + 50)
        answer = ask(engine, f"Klopt het dat er in {year} {said} {label} waren?")
        assert answer.answered and answer.text.startswith(verdict), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hoelang is de chat telkens open op maandag-, dinsdag- en donderdagavond?",
        "Hoeveel uur per avond is de chat open?",
        "Hoe lang is de chat open op dinsdagavond?",
    ],
)
def test_how_long_the_chat_is_open_in_an_evening_is_hours(engine: Engine, question: str) -> None:
    """ "Hoelang is de chat open op maandagavond?": the hours, per day (it was answered as
    whether the chat is open at half past eight, or as the evenings added up)."""
    answer = ask(engine, question)
    assert answer.answered and " uur" in answer.text, answer.text
    assert not answer.text.startswith("Ja: op") and "om 20u30" not in answer.text, answer.text
    assert "13 uur" not in answer.text, answer.text  # never the evenings added up


def test_a_measure_in_the_month_of_a_dated_event(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel nieuwe oproepers in de maand waarin JustNicolas de chat vermeldde?": that month
    (a count was said not to be in the source, or the event's words took the question)."""
    rows = figures.rows(
        "SELECT text, date FROM facts WHERE date LIKE '____-__-__' AND certainty = 'vermeld' ORDER BY date"
    )
    asked = 0
    for text, day in rows:
        names = re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b", text)  # "JustNicolas"
        year, month = int(day[:4]), int(day[5:7])
        if not names or month not in figures.months("nieuwe_oproepers", year):
            continue
        question = f"Hoeveel nieuwe oproepers waren er in de maand waarin {names[0]} de chat vermeldde?"
        answer = ask(engine, question)
        expected = f"{MONTHS[month - 1]} {year}: {figures.value('nieuwe_oproepers', year, month)}"
        assert answer.answered and expected in answer.text, answer.text
        asked += 1
    assert asked >= 1


def test_evening_hours_added_up_when_asked_together(engine: Engine) -> None:
    """ "Hoeveel uren zijn er samen op maandag-, dinsdag- en donderdagavond?": the evenings added
    up (each day was listed, without the sum)."""
    each = ask(engine, "Hoelang is de chat telkens open op maandag-, dinsdag- en donderdagavond?")
    hours = [int(h) for h in re.findall(r"(?:maandag|dinsdag|donderdag) (\d+) uur", each.text)]
    assert len(hours) == 3, each.text
    together = ask(engine, "Hoeveel uren zijn er samen op maandag-, dinsdag- en donderdagavond?")
    assert together.answered and f"{sum(hours)} uur" in together.text, together.text


def test_the_share_of_two_helplines_added_up(engine: Engine, figures: Figures) -> None:
    """ "CLB-chat en JAC-chat samen?", "welk percentage van alle doorverwijzingen is dat?": the
    share of their sum (each helpline's own share was given)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    whole = sum(totals.values())
    for a, b in itertools.combinations(sorted(totals), 2):
        context = ask(engine, f"Hoeveel doorverwijzingen kwamen er van {a} en {b} samen?").context
        answer = ask(engine, "Welk percentage van alle doorverwijzingen is dat?", context)
        expected = one_decimal_percent(totals[a] + totals[b], whole)
        assert answer.answered and expected in answer.text, answer.text


@pytest.mark.parametrize("day", ["maandag", "woensdag", "donderdag"])
def test_a_days_share_of_the_weekly_opening_hours(engine: Engine, day: str) -> None:
    """ "Welk aandeel van de wekelijkse openingsuren valt op woensdag?": that day's hours over
    the week's (the day's hours were given as if they answered it)."""
    week = ask(engine, "Hoeveel uur per week is de chat open?")
    weekly = int(re.search(r"(\d+) uur per week", week.text).group(1))  # type: ignore[union-attr]
    one = ask(engine, f"Hoeveel uur is de chat open op {day}?")
    hours = int(re.search(r"\((\d+) uur\)", one.text).group(1))  # type: ignore[union-attr]
    answer = ask(engine, f"Welk aandeel van de wekelijkse openingsuren valt op {day}?")
    assert answer.answered and one_decimal_percent(hours, weekly) in answer.text, answer.text
    # asked of the day's hours just given ("En welk procent van de week is dat dan?")
    then = ask(engine, "En welk procent van de week is dat dan?", one.context)
    assert then.answered and one_decimal_percent(hours, weekly) in then.text, then.text


@pytest.mark.parametrize(("side", "hour"), [("vóór", 19), ("voor", 20), ("na", 20), ("vanaf", 21)])
@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel uur per week is de chat open {side} {hour} uur?",
        "Hoeveel chaturen per week vallen {side} {hour}u?",
    ],
)
def test_the_weekly_hours_on_one_side_of_a_time(
    engine: Engine, figures: Figures, side: str, hour: int, wording: str
) -> None:
    """ "Hoeveel uur per week is de chat open vóór 19 uur?", "hoeveel chaturen vallen na 19u?":
    the hours before or after it (the days open at 19u were listed)."""
    rows = figures.rows("SELECT opens, closes FROM opening_hours")

    def hours(text: object) -> float:
        h, m = str(text).split(":")[:2]
        return int(h) + int(m) / 60

    before = side in ("vóór", "voor")
    start, end = (0, hour) if before else (hour, 24)
    inside = sum(max(0.0, min(hours(c), end) - max(hours(o), start)) for o, c in rows)
    answer = ask(engine, wording.format(side=side, hour=hour))
    assert answer.answered and f"{int(inside)} uur" in answer.text, answer.text


@pytest.mark.parametrize("day", ["woensdag", "maandag", "zaterdag"])
def test_a_day_asked_too_does_not_narrow_the_question(engine: Engine, day: str) -> None:
    """ "Welke avonden is de chat open? Graag ook de woensdag erbij.": every day with hours (only
    Wednesday was answered)."""
    week = ask(engine, "Welke dagen is de chat open, en van wanneer tot wanneer?")
    answer = ask(
        engine,
        f"Welke avonden is Nupraatikerover open, en van wanneer tot wanneer? Graag ook de {day} erbij.",
    )
    days = [d for d in ("maandag", "dinsdag", "woensdag", "donderdag") if d in week.text]
    assert len(days) >= 2 and answer.answered and all(d in answer.text for d in days), answer.text


def test_part_of_a_month_before_a_dated_event_is_no_period(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel nieuwe oproepers in september 2020 vóór de vlog van JustNicolas?": no figure
    (the week of the vlog was given); the week of the vlog itself still is one."""
    rows = figures.rows("SELECT text, date FROM facts WHERE date LIKE '____-__-__' AND certainty = 'vermeld'")
    asked = 0
    for text, day in rows:
        names = re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b", str(text))
        if not names or "vlog" not in str(text):
            continue
        year, month = int(str(day)[:4]), int(str(day)[5:7])
        question = (
            f"Hoeveel nieuwe oproepers waren er in {MONTHS[month - 1]} {year} vóór de vlog van {names[0]}?"
        )
        before = ask(engine, question)
        assert not before.answered and given(figures, before, question) == set(), before.text
        week = ask(engine, f"Hoeveel nieuwe oproepers waren er in de week van de vlog van {names[0]}?")
        assert week.answered, week.text
        asked += 1
    assert asked >= 1


def test_everyone_in_the_queue_is_not_those_it_could_not_serve(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel oproepers stonden er in mei in totaal in de wachtrij?": the source counts only
    those it could not serve; that count was given as if it were everyone in the queue."""
    for year, month in figures.rows("SELECT year, month FROM monthly_figures WHERE metric = 'onbeantwoord'"):
        named = f"{MONTHS[int(month) - 1]} {year}"
        question = f"Hoeveel oproepers stonden er in {named} in totaal in de wachtrij van de chat?"
        everyone = ask(engine, question)
        assert not everyone.answered and given(figures, everyone, question) == set(), everyone.text
        served = ask(engine, f"Hoeveel oproepers in de wachtrij konden in {named} niet meer geholpen worden?")
        assert served.answered and figures.has(
            served.text, figures.value("onbeantwoord", int(year), int(month))
        )


@pytest.mark.parametrize(
    ("noun", "extreme"), [("hulplijn", "meest"), ("hulplijnen", "minst"), ("lijn", "meest")]
)
def test_the_names_of_the_helplines_ranked_are_helplines(
    engine: Engine, figures: Figures, noun: str, extreme: str
) -> None:
    """ "Geef de naam van de hulplijn die het meest doorverwees": the helpline, never a month (the
    singular "hulplijn" was no word for helplines, and the months were ranked)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    edge = (max if extreme == "meest" else min)(totals.values())
    answer = ask(engine, f"Geef de namen van de {noun} die het {extreme} doorverwees")
    lead = answer.text.split("\n")[0]
    assert answer.answered and all(h in lead for h, v in totals.items() if v == edge), answer.text
    assert "de maand met" not in lead, answer.text


WEEKDAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def _hours_by_day(figures: Figures) -> dict[str, tuple[float, float]]:
    def hours(text: object) -> float:
        h, m = str(text).split(":")[:2]
        return int(h) + int(m) / 60

    rows = figures.rows("SELECT weekday, opens, closes FROM opening_hours")
    return {WEEKDAY_NAMES[int(w) - 1]: (hours(o), hours(c)) for w, o, c in rows}


@pytest.mark.parametrize("total", ["Hoeveel uur is dat in totaal?", "hoeveel uren zijn dat samen?"])
def test_the_hours_of_a_day_pointed_back_to_in_total(engine: Engine, figures: Figures, total: str) -> None:
    """ "Van hoe laat tot hoe laat kan je op woensdag chatten?", "Hoeveel uur is dat in totaal?":
    that day's hours (the week's 17 were given)."""
    for day, (opens, closes) in _hours_by_day(figures).items():
        context = ask(engine, f"Van hoe laat tot hoe laat kan je op {day} chatten?").context
        answer = ask(engine, total, context)
        hours = str(int(closes - opens)) if (closes - opens).is_integer() else dutch_number(closes - opens)
        assert answer.answered and f"({hours} uur)" in answer.text and "per week" not in answer.text, (
            answer.text
        )


@pytest.mark.parametrize(
    "when", ["Op welk uur van de avond zijn de meeste {label}?", "op welk uur zijn de minste {label}?"]
)
def test_a_measure_ranked_by_the_hour_is_not_answered_with_the_opening_hours(
    engine: Engine, figures: Figures, when: str
) -> None:
    """Direction: no source counts anything per hour (the opening hours at 20u30 were given)."""
    for label in sorted({label for label, _ in months_by_year()}):
        assert_refused(engine, figures, when.format(label=label))


def test_a_number_word_not_understood_is_said_back_as_written(engine: Engine) -> None:
    """ "... in september negentien": the word is said back as typed ("‘negentien’"), not as the
    19 it was read as (a number said back reads as a figure), and the question is offered without it."""
    not_understood = engine.texts("leftover", words="").split("‘")[0]
    said_back = 0
    for word, value in engine.lexicon.number_words.items():
        if not 12 < value < 100:
            continue
        answer = ask(engine, f"hoeveel gesprekken waren er {word} in september 2020")
        if not answer.text.startswith(not_understood):
            continue  # (a number the source gives for the measure restates a figure)
        said_back += 1
        assert f"‘{word}’" in answer.text and value not in numbers_in(answer.text), answer.text
        assert answer.options and word not in (answer.options[0].question or ""), answer.options
    assert said_back >= 5


@pytest.mark.parametrize(
    "wording", ["hoeveel {label} kan de chat per avond maximaal aan?", "hoeveel {label} zijn er per avond?"]
)
def test_a_count_of_a_measure_per_evening_is_not_the_hours(engine: Engine, wording: str) -> None:
    """ "hoeveel gesprekken kan de chat per avond aan?": no source counts a measure per evening
    (each evening's hours were given)."""
    labels = {p.label for p in OVERALL}
    for label in labels:
        answer = ask(engine, wording.format(label=label))
        assert not answer.answered and not re.search(r"\d+ uur", answer.text), (label, answer.text)


@pytest.mark.parametrize(
    "turns",
    [
        ["Hoeveel uur is de chat telkens open?"],
        ["Hoeveel uur per dag is de chat open?"],
        ["Hoelang is de chat elke dag open?"],
        ["Op welke dagen is de chat open?", "Hoeveel uur is de chat dan telkens open?"],
    ],
)
def test_the_hours_of_each_day_when_asked_per_day(engine: Engine, figures: Figures, turns: list[str]) -> None:
    """ "Hoeveel uur is de chat telkens open?": each day's hours (the week's sum was given, or
    until when the hours hold)."""
    context = None
    for turn in turns:
        answer = ask(engine, turn, context)
        context = answer.context
    days = _hours_by_day(figures)
    weekly = sum(c - o for o, c in days.values())
    assert answer.answered and f"{_int(weekly)} uur" not in answer.text, answer.text
    for day, (opens, closes) in days.items():
        said = re.search(rf"{day}[a-z, ]*? (?:telkens )?(\d+) uur", answer.text)
        assert said and int(said.group(1)) == closes - opens, (day, answer.text)


@pytest.mark.parametrize(
    ("wording", "measure", "largest"),
    [
        ("het langst open", lambda o, c: c - o, True),
        ("het kortst open", lambda o, c: c - o, False),
        ("het vroegst open", lambda o, c: o, False),
    ],
)
def test_the_day_picked_out_by_its_hours_and_a_follow_up_about_it(
    engine: Engine, figures: Figures, wording: str, measure: object, largest: bool
) -> None:
    """ "Op welke dag is de chat het langst open?" names those days only, and "hoeveel uur is dat
    dan?" asks their hours (every day's hours were given, and then the week's 17)."""
    days = _hours_by_day(figures)
    values = {d: measure(o, c) for d, (o, c) in days.items()}  # type: ignore[operator]
    best = (max if largest else min)(values.values())
    found = [d for d, v in values.items() if v == best]
    answer = ask(engine, f"Op welke dag is de chat {wording}?")
    assert answer.answered and all(d in answer.text for d in found), answer.text
    assert not any(d in answer.text for d in days if d not in found), answer.text
    hours = ask(engine, "Hoeveel uur is dat dan?", answer.context)
    weekly = int(sum(c - o for o, c in days.values()))
    assert hours.answered and f"{int(days[found[0]][1] - days[found[0]][0])} uur" in hours.text, hours.text
    assert f"{weekly} uur" not in hours.text, hours.text


@pytest.mark.parametrize("verb", ["opent", "sluit"])
@pytest.mark.parametrize("hour", [14, 19, 20, 22])
def test_the_days_the_chat_opens_or_closes_at_an_hour(
    engine: Engine, figures: Figures, verb: str, hour: int
) -> None:
    """ "Hoeveel uur per week is de chat open op de dagen waarop hij pas om 19u opent?": those
    days' hours added up (the days open at 19u were listed, Wednesday's 14u-22u with them)."""
    days = _hours_by_day(figures)
    edge = 0 if verb == "opent" else 1
    found = [d for d, span in days.items() if span[edge] == hour]
    answer = ask(
        engine, f"Hoeveel uur per week is de chat open op de dagen waarop hij pas om {hour}u {verb}?"
    )
    assert answer.answered, answer.text
    assert not any(d in answer.text.split("Bron:")[0] for d in days if d not in found and found), answer.text
    if found:
        summed = int(sum(days[d][1] - days[d][0] for d in found))
        assert all(d in answer.text for d in found) and f"{summed} uur" in answer.text, answer.text
    else:
        assert "geen enkele dag" in answer.text, answer.text


def test_the_months_a_year_total_leaves_are_that_total_minus_the_others(
    engine: Engine, figures: Figures
) -> None:
    """ "Hoeveel gesprekken in oktober-december 2019?" where the source gives 2019 whole and its
    other months: the difference, said as one (it was refused); a part of those months, or a
    year given as "meer dan", stays without a figure."""
    checked = 0
    for metric, label in figures.rows("SELECT metric, label FROM metrics"):
        for year in figures.years(metric):
            given = figures.months(metric, year)
            left = [x for x in range(1, 13) if x not in given]
            yearly = figures.yearly(metric, year)
            if not left or yearly is None or len(given) < 2:
                continue
            period = f"{MONTHS[left[0] - 1]} tot en met {MONTHS[left[-1] - 1]} {year}"
            answer = ask(engine, f"Hoeveel {label} waren er in {period} samen?")
            value, qualifier = yearly
            if qualifier:
                assert not answer.answered and not numbers_in(answer.text) - {
                    float(y) for y in range(2012, 2027)
                }, answer.text
                continue
            rest = value - figures.total(metric, year, given)
            assert answer.answered and Figures.has(answer.text, rest), answer.text
            if len(left) > 1:
                part = ask(engine, f"Hoeveel {label} waren er in {MONTHS[left[0] - 1]} {year}?")
                assert not part.answered and not Figures.has(part.text, rest), part.text
            checked += 1
    assert checked


def _month_pairs() -> list[tuple[Point, Point]]:
    """Two months of one measure and year, with different figures: a question and its correction."""
    pairs = _point_pairs(lambda p: (p.label, p.year), lambda a, b: a.value != b.value and a.value != 0)
    return pairs[:: max(1, len(pairs) // 24)]


MONTH_PAIRS = _month_pairs()


@pytest.mark.parametrize(
    "correction",
    [
        "nee, ik bedoelde {month}",
        "sorry, ik bedoel {month}",
        "{month} bedoel ik",
        "Neen. {month}!",
        "nee, niet {old} maar {month}",
        "nee wacht, ik bedoelde {month}",
        "euh, ik bedoel {month}",
        "ah sorry, {month} bedoel ik",
    ],
)
def test_a_correction_in_the_next_message_replaces_the_month(engine: Engine, correction: str) -> None:
    """ "Hoeveel nieuwe oproepers in juni 2020?" "nee, ik bedoelde mei": May of that measure (the
    correction words asked for the history of the chat, or for definitions)."""
    for a, b in MONTH_PAIRS:
        first = ask(engine, f"Hoeveel {a.label} waren er in {MONTHS[a.month - 1]} {a.year}?")
        answer = ask(
            engine, correction.format(month=MONTHS[b.month - 1], old=MONTHS[a.month - 1]), first.context
        )
        assert answer.answered and Figures.has(answer.text, b.value), answer.text
        assert not Figures.has(answer.text.split("Bron:")[0], a.value), answer.text


@pytest.mark.parametrize(
    "marker",
    [", sorry, ", ", nee wacht, ", " (pardon, ", ", ik bedoel ", ", sorry bedoel ", ", nee ik bedoelde "],
)
def test_a_correction_inside_the_message_replaces_what_it_names(engine: Engine, marker: str) -> None:
    """ "Hoeveel gesprekken in juni, sorry, juli 2020?": July alone (both months were added up),
    and no "zoals in je vorige vraag" of a question never asked before."""
    for a, b in MONTH_PAIRS:
        close = ")" if "(" in marker else ""
        corrected = f"{MONTHS[a.month - 1]}{marker}{MONTHS[b.month - 1]}{close}"
        question = f"Hoeveel {a.label} waren er in {corrected} {b.year}?"
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, b.value), (question, answer.text)
        said = answer.text.split("Bron:")[0]
        assert not Figures.has(said, a.value + b.value) and not Figures.has(said, a.value), answer.text
        assert "vorige vraag" not in answer.text, answer.text


@pytest.mark.parametrize(
    "correction",
    [
        "nee, ik bedoel {label}",
        "nee, ik bedoel het aantal {label}",
        "sorry, het aantal {label} bedoel ik",
        "niet de {old} maar de {label}",
    ],
)
def test_a_correction_of_the_measure_keeps_the_period(engine: Engine, correction: str) -> None:
    """ "hoeveel gesprekken in juni 2020" "nee, ik bedoel nieuwe oproepers": June 2020 of that
    measure (the definitions of every measure were given; "het aantal X" was asked on its own,
    over every month)."""
    for a, b in MEASURE_PAIRS:
        if a.value == b.value:
            continue
        first = ask(engine, f"Hoeveel {a.label} waren er in {MONTHS[a.month - 1]} {a.year}?")
        answer = ask(engine, correction.format(label=b.label, old=a.label), first.context)
        assert answer.answered and Figures.has(answer.text, b.value), answer.text


@pytest.mark.parametrize(
    "apology", ["(sorry voor de typfouten)", ", sorry dat ik stoor", "(oeps, een typfout)"]
)
def test_an_apology_inside_the_message_corrects_nothing(engine: Engine, apology: str) -> None:
    """Invariance: "in mei 2020 (sorry voor de typfouten)" is no correction: never another
    month's figure."""
    for a, b in MONTH_PAIRS[::3]:
        answer = ask(engine, f"Hoeveel {a.label} waren er in {MONTHS[a.month - 1]} {a.year} {apology}?")
        said = answer.text.split("Bron:")[0]
        assert not Figures.has(said, b.value) or Figures.has(said, a.value), answer.text
        assert MONTHS[a.month - 1] in said, answer.text  # the question asked, or offered back


@pytest.mark.parametrize(
    "wording", ["waarvan hoeveel via {helpline}?", "hoeveel daarvan kwamen van {helpline}?"]
)
def test_a_part_asked_with_waarvan_keeps_the_period(engine: Engine, wording: str) -> None:
    """ "doorverwijzingen in april?" "waarvan hoeveel via de CLB-chat?": CLB-chat in April (all
    months of CLB-chat were given)."""
    for p in HELPLINE[::4]:
        first = ask(engine, f"Hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?")
        answer = ask(engine, wording.format(helpline=p.helpline_label), first.context)
        assert answer.answered and Figures.has(answer.text.split("Bron:")[0], p.value), answer.text
        assert MONTHS[p.month - 1] in answer.text, answer.text


def test_that_year_after_a_date_without_figures_is_asked_back(engine: Engine, figures: Figures) -> None:
    """ "wanneer nam het vertrouwenscentrum de chatbox over?" "hoeveel gesprekken waren er dat
    jaar?": which year (every year's figures were given)."""
    first = ask(engine, "Wanneer nam het vertrouwenscentrum de chatbox over?")
    for label in sorted({p.label for p in OVERALL}):
        answer = ask(engine, f"Hoeveel {label} waren er dat jaar?", first.context)
        assert not answer.answered and not given(figures, answer, "dat jaar"), answer.text


def test_that_year_after_a_month_is_the_year(engine: Engine, figures: Figures) -> None:
    """ "hoeveel gesprekken in mei 2019?" "en hoeveel nieuwe oproepers dat jaar?": the year of
    that measure, never May again."""
    for a, b in MEASURE_PAIRS:
        first = ask(engine, f"Hoeveel {a.label} waren er in {MONTHS[a.month - 1]} {a.year}?")
        answer = ask(engine, f"en hoeveel {b.label} dat jaar?", first.context)
        months = figures.months(b.metric, b.year)
        if b.value == figures.total(b.metric, b.year, months):
            continue
        assert not Figures.has(answer.text.split("Bron:")[0], b.value), answer.text


@pytest.mark.parametrize(
    "wording", ["en cumulatief tot dan, vanaf {start}?", "en cumulatief sinds {start}?", "en samen tot dan?"]
)
def test_a_sum_up_to_the_month_asked_before(engine: Engine, figures: Figures, wording: str) -> None:
    """ "hoeveel nieuwe oproepers in april 2020?" "en cumulatief sinds januari?": January to
    April (the month again, or January to September, was given)."""
    for p in OVERALL[::3]:
        months = figures.months(p.metric, p.year)
        first = months[0]
        if p.month == first or "wachtrij" in p.label or (wording.endswith("tot dan?") and first != 1):
            continue
        before = ask(engine, f"Hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?")
        answer = ask(engine, wording.format(start=MONTHS[first - 1]), before.context)
        upto = figures.total(p.metric, p.year, [m for m in months if m <= p.month])
        assert answer.answered and Figures.has(answer.text, upto), answer.text


def test_in_total_after_one_month_of_one_helpline_gives_both_totals(engine: Engine, figures: Figures) -> None:
    """ "doorverwijzingen van 1712 in mei?" "en in totaal?": 1712 over every month and every
    helpline in May, each labelled (May of 1712 was given again); after one month of a measure
    alone, every month of that year."""
    for p in HELPLINE[::3]:
        first = ask(
            engine, f"Hoeveel {p.label} kwamen er van {p.helpline_label} in {MONTHS[p.month - 1]} {p.year}?"
        )
        answer = ask(engine, "en in totaal?", first.context)
        months = figures.months(p.metric, p.year, p.helpline)
        over_months = figures.total(p.metric, p.year, months, p.helpline)
        over_helplines = figures.total(p.metric, p.year, [p.month])
        said = answer.text.split("Bron:")[0]
        assert answer.answered and Figures.has(said, over_months) and Figures.has(said, over_helplines), said
    for p in OVERALL[::4]:
        first = ask(engine, f"Hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?")
        answer = ask(engine, "en in totaal?", first.context)
        if p.label.startswith("oproepers in de wachtrij"):
            continue
        whole = figures.total(p.metric, p.year, figures.months(p.metric, p.year))
        assert answer.answered and Figures.has(answer.text, whole), answer.text


def test_helplines_counted_are_those_with_a_referral(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel hulplijnen verwezen in juli door?": the helplines with at least one, counted
    (their referrals were added up)."""
    for metric in figures.helpline_metrics():
        for year in figures.years(metric):
            for month in figures.months(metric, year):
                each = figures.by_helpline(metric, year, [month])
                some = sum(1 for v in each.values() if v > 0)
                answer = ask(engine, f"Hoeveel hulplijnen verwezen in {MONTHS[month - 1]} {year} door?")
                assert answer.answered and f"{some} van de {len(each)}" in answer.text, answer.text


@pytest.mark.parametrize(
    ("wording", "above"), [("boven het maandgemiddelde", True), ("onder het gemiddelde", False)]
)
def test_months_counted_against_the_monthly_average(
    engine: Engine, figures: Figures, wording: str, above: bool
) -> None:
    """ "In hoeveel maanden van 2020 lag het aantal gesprekken boven het maandgemiddelde?": the
    months past the mean of those months, counted (the mean itself was given)."""
    for label, year in sorted({(p.label, p.year) for p in OVERALL}):
        metric = next(p.metric for p in OVERALL if p.label == label)
        if figures.aggregation(metric) != "sum":
            continue
        series = figures.per_month(metric, year)
        if len(series) < 2:
            continue
        mean = Fraction(sum(series.values()), len(series))
        hits = [m for m, v in series.items() if (v > mean if above else v < mean)]
        answer = ask(engine, f"In hoeveel maanden van {year} lag het aantal {label} {wording}?")
        assert answer.answered and f"{len(hits)} van de {len(series)}" in answer.text, answer.text
        assert all(MONTHS[m - 1] in answer.text for m in hits), answer.text


@pytest.mark.parametrize("after", ["Per weekdag graag.", "Graag per provincie.", "In aantallen aub."])
def test_a_split_asked_in_a_sentence_after_the_question_is_part_of_it(
    engine: Engine, figures: Figures, after: str
) -> None:
    """ "Hoeveel gesprekken in mei 2020? Per weekdag graag.": a split no source gives is refused
    (the monthly figure was given as if it answered it); "in aantallen" of a monthly count is
    that count, and of the profile's shares no figure (the shares were given)."""
    counts = "aantallen" in after
    for p in OVERALL[::6]:
        question = f"Hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}? {after}"
        answer = ask(engine, question)
        assert answer.answered == counts, answer.text
        if counts:
            assert Figures.has(answer.text, p.value), answer.text
    if counts:
        answer = ask(engine, f"Hoeveel oproepers hadden een vraag over iemand uit hun omgeving? {after}")
        assert not answer.answered, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "en samen met {month}?",
        "plus {month}?",
        "en met {month} erbij?",
        # ("telt" asked what a figure counts: the definitions were offered)
        "en als je {month} erbij telt?",
        "en als je {month} meetelt?",
        # ("voeg ... er ook aan toe": the month named was given alone)
        "voeg {month} er ook aan toe",
    ],
)
def test_a_month_added_to_the_one_asked_before(engine: Engine, figures: Figures, wording: str) -> None:
    """ "hoeveel gesprekken in juli 2020?" "en samen met augustus?": July and August added up
    (August alone was given), and a third month added after that adds to both."""
    for a, b in MONTH_PAIRS:
        if "wachtrij" in a.label:
            continue
        first = ask(engine, f"Hoeveel {a.label} waren er in {MONTHS[a.month - 1]} {a.year}?")
        answer = ask(engine, wording.format(month=MONTHS[b.month - 1]), first.context)
        assert answer.answered and Figures.has(answer.text, a.value + b.value), answer.text
        third = next((m for m in figures.months(a.metric, a.year) if m not in (a.month, b.month)), None)
        if third is None:
            continue
        more = ask(engine, wording.format(month=MONTHS[third - 1]), answer.context)
        together = a.value + b.value + figures.value(a.metric, a.year, third)
        assert more.answered and Figures.has(more.text, together), more.text


@pytest.mark.parametrize(("verb", "up"), [("steeg", True), ("daalde", False)])
def test_months_counted_by_their_change_from_the_month_before(
    engine: Engine, figures: Figures, verb: str, up: bool
) -> None:
    """ "In hoeveel maanden van 2020 daalde het aantal gesprekken tov de vorige maand?": the
    months that went that way, counted (two years were compared, or their totals given)."""
    for label, year in sorted({(p.label, p.year) for p in OVERALL}):
        metric = next(p.metric for p in OVERALL if p.label == label)
        series = figures.per_month(metric, year)
        steps = [(m, series[m] - series[m - 1]) for m in series if m - 1 in series]
        if len(steps) < 2:
            continue
        hits = [m for m, change in steps if (change > 0 if up else change < 0)]
        answer = ask(engine, f"In hoeveel maanden van {year} {verb} het aantal {label} tov de vorige maand?")
        assert answer.answered and f"{len(hits)} van de {len(steps)}" in answer.text, answer.text


@pytest.mark.parametrize(
    "wording", ["in welke maand was de stijging het grootst tegenover de maand ervoor in {year}"]
)
def test_a_change_by_month_without_a_measure_is_no_share(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """Direction: with no measure named, a change per month is refused or asked back (the
    problem categories' shares were given)."""
    for year in sorted({p.year for p in OVERALL}):
        question = wording.format(year=year)
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), answer.text


@pytest.mark.parametrize(("wording", "highest"), [("het meest", True), ("het minst", False)])
def test_that_helpline_is_the_one_found_whatever_the_measure(
    engine: Engine, figures: Figures, wording: str, highest: bool
) -> None:
    """ "welke hulplijn verwijst het meest door?" "hoeveel gesprekken voerde die lijn zelf?":
    that helpline, and a measure without figures per helpline is refused (the chat's own total
    was given); "hoeveel doorverwijzingen kwamen van die lijn in mei?" is that helpline in May
    (May's ranking was given)."""
    for metric in figures.helpline_metrics():
        year = figures.latest_year(metric)
        totals = figures.by_helpline(metric, year)
        edge = (max if highest else min)(totals.values())
        found = [h for h, v in totals.items() if v == edge]
        if len(found) != 1:
            continue
        first = ask(engine, f"Welke hulplijn verwees {wording} door in {year}?")
        others = [p for p in OVERALL if p.year == year and p.metric != metric]
        for p in others[:3]:
            answer = ask(
                engine, f"Hoeveel {p.label} had die lijn zelf in {MONTHS[p.month - 1]}?", first.context
            )
            assert not answer.answered and not Figures.has(answer.text, p.value), answer.text
            assert answer.text != engine.texts("no_helpline_pointed"), answer.text  # it was found
        for month in figures.months(metric, year):
            value = figures.value(
                metric, year, month, next(p.helpline for p in HELPLINE if p.helpline_label == found[0])
            )
            label = figures.rows("SELECT label FROM metrics WHERE metric = ?", metric)[0][0]
            for asked in (
                "en hoeveel kwamen er van die lijn in {month}?",
                "en hoeveel {label} van die lijn in {month}?",
            ):
                question = asked.format(month=MONTHS[month - 1], label=label)
                answer = ask(engine, question, first.context)
                said = answer.text.split("Bron:")[0]
                assert answer.answered and found[0] in said and Figures.has(said, value), answer.text
                assert not set(re.findall(r"\b\d+\b", said)) - {str(year), str(value), found[0]}, answer.text


def test_that_helpline_with_none_before_is_asked_back(engine: Engine, figures: Figures) -> None:
    """Direction: "hoeveel doorverwijzingen van die hulplijn?" with no helpline before: which
    one (every helpline's referrals were added up)."""
    for metric in figures.helpline_metrics():
        label = figures.rows("SELECT label FROM metrics WHERE metric = ?", metric)[0][0]
        question = f"Hoeveel {label} kwamen er van die hulplijn?"
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), answer.text


def test_the_share_of_two_months_asked_before_in_a_period_named(engine: Engine, figures: Figures) -> None:
    """ "gesprekken maart 2020 en april 2020?" "welk aandeel hadden die twee maanden samen in
    het totaal jan-sep 2020?": their sum over that total (a question back that the period had
    nine months was given)."""
    for a, b in MONTH_PAIRS:
        if a.year != b.year or "wachtrij" in a.label or figures.aggregation(a.metric) != "sum":
            continue
        months = figures.months(a.metric, a.year)
        if len(months) < 3:
            continue
        first = ask(engine, f"{a.label} {MONTHS[a.month - 1]} {a.year} en {MONTHS[b.month - 1]} {a.year}?")
        span = f"{MONTHS[months[0] - 1]}-{MONTHS[months[-1] - 1]} {a.year}"
        answer = ask(
            engine, f"welk aandeel hadden die twee maanden samen in het totaal {span}?", first.context
        )
        whole = figures.total(a.metric, a.year, months)
        assert answer.answered and one_decimal_percent(a.value + b.value, whole) in answer.text, answer.text


@pytest.mark.parametrize("named", [False, True])
def test_the_largest_age_groups_added_up(engine: Engine, figures: Figures, named: bool) -> None:
    """ "Welk percentage van de oproepers valt in de twee grootste leeftijdscategorieën samen?":
    their shares added up (each was given); more groups than the source gives is asked back."""
    rows = figures.rows(
        "SELECT category, percent FROM shares_figures WHERE dimension = 'leeftijd' "
        "AND year = (SELECT max(year) FROM shares_figures WHERE dimension = 'leeftijd') ORDER BY percent DESC"
    )
    words = {2: "twee", 3: "drie", 4: "vier"}
    for n in range(2, len(rows) + 2):
        names = f" ({' en '.join(str(c) for c, _ in rows[:n])})" if named and n <= len(rows) else ""
        groups = f"de {words[n]} grootste leeftijdscategorieën"
        question = f"Welk percentage van de oproepers valt in {groups} samen{names}?"
        answer = ask(engine, question)
        if n > len(rows):
            assert not answer.answered and not given(figures, answer, question), answer.text
        else:
            total = sum(int(p) for _, p in rows[:n])
            assert answer.answered and f"{total}%" in answer.text, answer.text


def test_a_correction_to_another_name_of_a_measure_keeps_the_period(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel gesprekken in april 2020?" "nee, ik bedoel het aantal bezoekers op de chatknop":
    April of that measure, whatever name it goes by (Jan-Sep was given: the correction was read
    as a question of its own)."""
    aliases = {
        m: sorted(str(a).split("|"), key=len, reverse=True)[:3]
        for m, a in figures.rows("SELECT metric, aliases FROM metrics")
    }
    for a, b in MEASURE_PAIRS[::2]:
        if a.value == b.value:
            continue
        first = ask(engine, f"Hoeveel {a.label} waren er in {MONTHS[a.month - 1]} {a.year}?")
        for alias, wording in itertools.product(
            aliases[b.metric], ["het aantal {} op de chat", "hoeveel {} er waren"]
        ):
            answer = ask(engine, f"nee, ik bedoel {wording.format(alias)}", first.context)
            said = answer.text.split("Bron:")[0]
            assert not answer.answered or Figures.has(said, b.value), (alias, answer.text)
            assert answer.answered or not Figures.has(said, a.value), (alias, answer.text)


@pytest.mark.parametrize(
    ("verb", "none"),
    [
        ("verwees {} door", False),
        ("verwees {} minstens één keer door", False),
        ("verwees {} niemand door", True),
    ],
)
def test_months_counted_by_a_helpline_referring_or_not(
    engine: Engine, figures: Figures, verb: str, none: bool
) -> None:
    """ "In hoeveel maanden verwees 1712 door?": the months with a referral, counted; "... niemand
    door?": those without (the helpline's total was given)."""
    for metric in figures.helpline_metrics():
        year = figures.latest_year(metric)
        for helpline, label in figures.rows("SELECT helpline, label FROM helplines"):
            months = figures.months(metric, year, helpline)
            if not months:
                continue
            hits = [m for m in months if (figures.value(metric, year, m, helpline) == 0) == none]
            answer = ask(engine, f"In hoeveel maanden {verb.format(label)}?")
            assert answer.answered and f"{len(hits)} van de {len(months)}" in answer.text, answer.text
            if "minstens" in verb:  # "in elke maand minstens één keer": a threshold of one, too
                every = ask(engine, f"{verb.format(label).capitalize()} in elke maand?")
                assert every.answered and f"{len(hits)} van de {len(months)}" in every.text, every.text


COUNT_WORDS = {1: "een", 2: "twee", 3: "drie", 4: "vier"}


@pytest.mark.parametrize(("shift", "word"), [(2, "na"), (3, "na"), (2, "voor"), (4, "later dan")])
def test_so_many_months_after_a_month(engine: Engine, figures: Figures, shift: int, word: str) -> None:
    """ "Hoeveel gesprekken twee maanden na april 2020?": June alone (May onwards was added up);
    across the year's edge no month of the year named."""
    for p in OVERALL[::3]:
        target = p.month + (-shift if word == "voor" else shift)
        question = (
            f"Hoeveel {p.label} waren er {COUNT_WORDS[shift]} maanden {word} {MONTHS[p.month - 1]} {p.year}?"
        )
        answer = ask(engine, question)
        if 1 <= target <= 12 and target in figures.months(p.metric, p.year):
            value = figures.value(p.metric, p.year, target)
            assert (
                answer.answered and MONTHS[target - 1] in answer.text and Figures.has(answer.text, value)
            ), question
        elif not 1 <= target <= 12:
            assert not answer.answered and not given(figures, answer, question), answer.text


@pytest.mark.parametrize("place", ["eerste", "tweede", "laatste"])
def test_a_month_of_a_quarter(engine: Engine, figures: Figures, place: str) -> None:
    """ "de eerste maand van het tweede kwartaal van 2019": April (January and the quarter were
    added up)."""
    index = {"eerste": 0, "tweede": 1, "laatste": 2}[place]
    for label, year in sorted({(p.label, p.year) for p in OVERALL}):
        metric = next(p.metric for p in OVERALL if p.label == label)
        for quarter, name in enumerate(["eerste", "tweede", "derde"]):
            month = quarter * 3 + 1 + index
            if month not in figures.months(metric, year):
                continue
            question = f"Hoeveel {label} in de {place} maand van het {name} kwartaal van {year}?"
            answer = ask(engine, question)
            value = figures.value(metric, year, month)
            assert answer.answered and MONTHS[month - 1] in answer.text and Figures.has(answer.text, value), (
                answer.text
            )


def test_the_same_quarter_and_the_months_after(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel gesprekken in mei 2020?" "en in hetzelfde kwartaal van 2019?": April-June 2019
    (May 2019 was given); "en de twee maanden erna samen?": June and July added up (Jan-Sep
    was given); with no month before, which quarter is asked."""
    for p in OVERALL[::4]:
        first = ask(engine, f"Hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?")
        start = (p.month - 1) // 3 * 3 + 1
        for year in figures.years(p.metric):
            quarter = [m for m in range(start, start + 3)]
            if (
                not set(quarter) <= set(figures.months(p.metric, year))
                or figures.aggregation(p.metric) != "sum"
            ):
                continue
            answer = ask(engine, f"en in hetzelfde kwartaal van {year}?", first.context)
            total = figures.total(p.metric, year, quarter)
            assert answer.answered and Figures.has(answer.text, total), answer.text
        after = [p.month + 1, p.month + 2]
        if set(after) <= set(figures.months(p.metric, p.year)) and figures.aggregation(p.metric) == "sum":
            answer = ask(engine, "en de twee maanden erna samen?", first.context)
            assert answer.answered and Figures.has(answer.text, figures.total(p.metric, p.year, after)), (
                answer.text
            )
        question = f"Hoeveel {p.label} in hetzelfde kwartaal van {p.year}?"
        alone = ask(engine, question)
        assert not alone.answered and not given(figures, alone, question), alone.text


@pytest.mark.parametrize(
    ("window", "start", "end"), [("voor 19u", 0, 19), ("in de namiddag", 13, 18), ("na 21u", 21, 24)]
)
def test_the_days_open_within_a_part_of_the_day(
    engine: Engine, figures: Figures, window: str, start: int, end: int
) -> None:
    """ "Op welke dagen is de chat al open voor 19u?": the days with hours inside it (the days
    open at 19u were listed, or the hours at the middle of the window)."""
    days = _hours_by_day(figures)
    inside = [d for d, (o, c) in days.items() if min(c, end) - max(o, start) > 0]
    for asked in (
        "Op welke dagen is de chat al open {}?",
        "Op hoeveel dagen is de chat {} open?",
        "Op welke dag is de chat ook {} open?",
    ):
        answer = ask(engine, asked.format(window))
        said = answer.text.split("Daarnaast")[0]
        assert answer.answered and f"{len(inside)} van de {len(days)}" in said, answer.text
        assert all(d in said for d in inside) and not [d for d in days if d in said and d not in inside], said
        if len(inside) == 1:
            # "hoeveel uur in totaal op die dag?": the day found (the whole week was counted)
            hours = int(days[inside[0]][1] - days[inside[0]][0])
            that_day = ask(engine, "hoeveel uur in totaal op die dag?", answer.context)
            assert f"({hours} uur)" in that_day.text and "per week" not in that_day.text, that_day.text


def test_a_date_is_its_weekday_and_hours_are_known_from_their_source(
    engine: Engine, figures: Figures
) -> None:
    """ "Is de chat open op 25 september 2020?": that weekday's hours (all hours were given);
    a period wholly before the source of hours without a start date has none (the extended
    hours were given for 2019)."""
    import datetime

    days = _hours_by_day(figures)
    (source_day,) = {
        r[0] for r in figures.rows("SELECT s.date FROM opening_hours JOIN sources s USING (source_id)")
    }
    for offset in range(1, 8):
        day = source_day + datetime.timedelta(days=offset)
        name = WEEKDAY_NAMES[day.isoweekday() - 1]
        answer = ask(engine, f"Is de chat open op {day.day} {MONTHS[day.month - 1]} {day.year}?")
        weekly = int(sum(c - o for o, c in days.values()))
        assert answer.answered and name in answer.text and f"{weekly} uur" not in answer.text, answer.text
        if name in days:
            hours = int(days[name][1] - days[name][0])
            assert f"({hours} uur)" in answer.text, answer.text
    for year in range(source_day.year - 2, source_day.year):
        question = f"Hoeveel uur per week was de chat open in {year}?"
        answer = ask(engine, question)
        assert not answer.answered, answer.text


def test_a_day_inside_a_week_with_a_figure_is_no_week(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel nieuwe oproepers op 1 oktober?": no daily figure; the week is only offered, never
    the answer (it was given as the day's); "de week van" or the bare date a week starts is the
    week, but "op 21/09" and "21/09 zelf" are that day."""
    import datetime

    for metric, label in figures.rows(
        "SELECT DISTINCT w.metric, m.label FROM weekly_figures w JOIN metrics m USING (metric)"
    ):
        for start, end, value in figures.weekly(metric):
            week = ask(engine, f"Hoeveel {label} in de week van {start.day}/{start.month:02d}?")
            assert week.answered and Figures.has(week.text, value), week.text
            bare = ask(engine, f"{label} {start.day}/{start.month:02d}?")
            assert bare.answered and Figures.has(bare.text, value), bare.text
            for day_itself in (
                f"op {start.day}/{start.month:02d}",
                f"{start.day} {MONTHS[start.month - 1]} zelf",
            ):
                first = ask(engine, f"Hoeveel {label} {day_itself}?")
                assert not first.answered and Figures.has(first.text, value), first.text  # offered
            day = start + datetime.timedelta(days=1)
            while day <= end:
                answer = ask(engine, f"Hoeveel {label} op {day.day} {MONTHS[day.month - 1]} {day.year}?")
                assert not answer.answered, answer.text
                day += datetime.timedelta(days=1)


def test_a_weekly_mean_over_a_year_or_month_is_no_mean_of_the_weeks_given(
    engine: Engine, figures: Figures
) -> None:
    """ "Hoeveel nieuwe oproepers per week gemiddeld in 2020?": no figure (the mean of the two
    weeks the source gives was given as the year's); over those weeks it is their mean."""
    for metric, label in figures.rows(
        "SELECT DISTINCT w.metric, m.label FROM weekly_figures w JOIN metrics m USING (metric)"
    ):
        weeks = figures.weekly(metric)
        mean = Fraction(sum(v for _, _, v in weeks), len(weeks))
        shown = (
            f"{mean.numerator // mean.denominator}"
            if mean.denominator == 1
            else f"{float(mean):.1f}".replace(".", ",")
        )
        for start, _, _ in weeks:
            for period in (str(start.year), f"{MONTHS[start.month - 1]} {start.year}"):
                question = f"Hoeveel {label} per week gemiddeld in {period}?"
                answer = ask(engine, question)
                assert not answer.answered and shown not in answer.text, answer.text
        both = ask(engine, f"Hoeveel {label} gemiddeld per week in de {len(weeks)} weken met weekcijfers?")
        assert both.answered and shown in both.text, both.text


def test_hours_after_their_last_month_are_not_known(engine: Engine, figures: Figures) -> None:
    """ "Blijven de uitgebreide openingsuren ook na december behouden, en hoeveel uur dan?": the
    source gives no hours after their end (the hours until December were given as the answer)."""
    (until,) = {r[0] for r in figures.rows("SELECT max(valid_until) FROM opening_hours")}
    for wording in (
        "Hoeveel uur per week is de chat open na {month} {year}?",
        "Blijft de chat ook na {month} open?",
    ):
        question = wording.format(month=MONTHS[until.month - 1], year=until.year)
        answer = ask(engine, question)
        assert not answer.answered, answer.text
    inside = ask(
        engine, f"Hoeveel uur per week is de chat open vanaf {MONTHS[until.month - 1]} {until.year}?"
    )
    assert inside.answered, inside.text


def test_dus_concludes_from_the_questions_before(engine: Engine, figures: Figures) -> None:
    """ "hoeveel gesprekken in maart 2020?" "en in maart 2019?" "hoeveel gesprekken meer waren er
    dus in 2020 dan in 2019?": March's difference (the Jan-Sep totals were compared)."""
    for p in OVERALL[::3]:
        years = figures.years(p.metric)
        other = [y for y in years if y != p.year and p.month in figures.months(p.metric, y)]
        if not other or figures.aggregation(p.metric) != "sum":
            continue
        before = figures.value(p.metric, other[0], p.month)
        first = ask(engine, f"Hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year}?")
        second = ask(engine, f"en in {MONTHS[p.month - 1]} {other[0]}?", first.context)
        answer = ask(
            engine, f"hoeveel {p.label} meer waren er dus in {p.year} dan in {other[0]}?", second.context
        )
        assert answer.answered and Figures.has(answer.text, abs(p.value - before)), answer.text
        assert MONTHS[p.month - 1] in answer.text, answer.text


def _year_on_year(figures: Figures) -> Iterator[tuple[str, int, int, dict[int, int | Decimal]]]:
    """Each measure and year with a year before it: (label, year, the year before, the change of
    each month both years have), when they have two months or more in common."""
    for label, year in sorted({(p.label, p.year) for p in OVERALL}):
        metric = next(p.metric for p in OVERALL if p.label == label)
        earlier = [y for y in figures.years(metric) if y < year]
        if not earlier:
            continue
        common = sorted(set(figures.months(metric, year)) & set(figures.months(metric, earlier[-1])))
        if len(common) >= 2:
            changes = {
                m: figures.value(metric, year, m) - figures.value(metric, earlier[-1], m) for m in common
            }
            yield label, year, earlier[-1], changes


def test_months_that_did_not_go_up_against_the_year_before(engine: Engine, figures: Figures) -> None:
    """Direction: "In hoeveel maanden lag het aantal NIET hoger dan in dezelfde maand van 2019?":
    the months equal or lower, counted (the months that went up were counted)."""
    for label, year, before, changes in _year_on_year(figures):
        common = sorted(changes)
        not_up = [m for m, c in changes.items() if c <= 0]
        against = f"dezelfde maand van {before}"
        question = f"In hoeveel maanden van {year} lag het aantal {label} niet hoger dan in {against}?"
        answer = ask(engine, question)
        assert answer.answered and f"{len(not_up)} van de {len(common)}" in answer.text, answer.text


@pytest.mark.parametrize(
    ("wording", "shift"),
    [("meteen na de maand met de meeste", 1), ("vóór de maand met het hoogste aantal", -1)],
)
def test_the_month_next_to_the_month_with_the_most(
    engine: Engine, figures: Figures, wording: str, shift: int
) -> None:
    """ "in de maand meteen na de maand met de meeste gesprekken": the month after the peak (the
    peak itself was given; "meteen" was split into "met een")."""
    for label, year in sorted({(p.label, p.year) for p in OVERALL}):
        metric = next(p.metric for p in OVERALL if p.label == label)
        months, _ = figures.extreme(metric, year, highest=True)
        target = months[0] + shift if len(months) == 1 else 0
        if target not in figures.months(metric, year):
            continue
        answer = ask(engine, f"Hoeveel {label} waren er in {year} in de maand {wording} {label}?")
        value = figures.value(metric, year, target)
        said = answer.text.split("Bron:")[0]
        assert answer.answered and MONTHS[target - 1] in said and Figures.has(said, value), answer.text


def test_a_year_with_one_month_of_figures_is_no_year(engine: Engine, figures: Figures) -> None:
    """ "Totaal aantal onbeantwoorde chataanvragen dit jaar?" where one month has a figure: no
    year total (that month was given as the year's); the month itself is answered."""
    checked = 0
    for label, year in sorted({(p.label, p.year) for p in OVERALL}):
        metric = next(p.metric for p in OVERALL if p.label == label)
        months = figures.months(metric, year)
        if len(months) != 1:
            continue
        whole = ask(engine, f"Hoeveel {label} in {year} in totaal?")
        assert not whole.answered, whole.text
        month = ask(engine, f"Hoeveel {label} in {MONTHS[months[0] - 1]} {year}?")
        assert month.answered and Figures.has(month.text, figures.value(metric, year, months[0])), month.text
        checked += 1
    assert checked


def test_the_week_after_or_before_a_week_named(engine: Engine, figures: Figures) -> None:
    """ "hoeveel nieuwe oproepers in de week na 21/09?": the next week's figure (the week of 21/09
    was given); "de week na die van het filmpje van ..." is refused, never the event's week."""
    for metric, label in figures.rows(
        "SELECT DISTINCT w.metric, m.label FROM weekly_figures w JOIN metrics m USING (metric)"
    ):
        weeks = figures.weekly(metric)
        for (s1, _, v1), (s2, _, v2) in itertools.pairwise(weeks):
            if (s2 - s1).days != 7 or v1 == v2:
                continue
            after = ask(engine, f"Hoeveel {label} in de week na {s1.day}/{s1.month:02d}?")
            assert after.answered and Figures.has(after.text, v2) and not Figures.has(after.text, v1), (
                after.text
            )
            before = ask(engine, f"Hoeveel {label} in de week voor die van {s2.day}/{s2.month:02d}?")
            assert before.answered and Figures.has(before.text, v1), before.text
    for text, _ in figures.rows(
        "SELECT text, date FROM facts WHERE date LIKE '____-__-__' AND text LIKE '%vlog%'"
    ):
        names = re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b", str(text))
        for name in names:
            question = f"Hoeveel nieuwe oproepers in de week na die van het filmpje van {name}?"
            answer = ask(engine, question)
            assert not answer.answered, answer.text


def test_the_share_of_conversations_referred_is_referrals_over_conversations(
    engine: Engine, figures: Figures
) -> None:
    """ "hoeveel procent van de gesprekken in april 2020 werd doorverwezen?": that month's
    referrals over its conversations (April's conversations were given as a share of the year)."""
    for metric in figures.helpline_metrics():
        for year in figures.years(metric):
            for month in figures.months(metric, year):
                if month not in figures.months("gesprekken", year):
                    continue
                part = figures.total(metric, year, [month])
                whole = figures.value("gesprekken", year, month)
                answer = ask(
                    engine,
                    f"Hoeveel procent van de gesprekken in {MONTHS[month - 1]} {year} werd doorverwezen?",
                )
                assert answer.answered and one_decimal_percent(int(part), int(whole)) in answer.text, (
                    answer.text
                )


def test_in_aantal_inside_a_change_ranking_is_no_split(engine: Engine, figures: Figures) -> None:
    """Invariance: "de grootste stijging in aantal gesprekken ... tegenover 2019" ranks the months
    ("in aantal" read as counts per category made it two calculations at once); "in aantal" at
    the end of a question about the profile asks counts, which the source does not give."""
    for label, year, before, changes in _year_on_year(figures):
        best = max(changes.values())
        question = (
            f"Wat was de grootste stijging in aantal {label} in een maand van {year} tegenover {before}?"
        )
        answer = ask(engine, question)
        assert answer.answered and f"+{best}" in answer.text, answer.text
    profile = ask(engine, "Hoeveel meisjes hebben er dit jaar gechat, in aantal?")
    assert not profile.answered, profile.text


@pytest.mark.parametrize(
    ("first_fact", "fact"),
    [
        (True, "hoeveel views had de campagne"),
        (False, "hoeveel views had de campagne"),
        (False, "hoeveel views"),
    ],
)
def test_a_counted_fact_and_a_monthly_figure_in_one_message(
    engine: Engine, figures: Figures, first_fact: bool, fact: str
) -> None:
    """ "Hoeveel views had de campagne en hoeveel nieuwe oproepers waren er in september 2020?":
    both (the weekly figures were given and the views dropped); the other way round too."""
    views = figures.fact_value("campagne_views")
    for p in OVERALL[::5]:
        monthly = f"hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}"
        question = f"{fact} en {monthly}?" if first_fact else f"{monthly} en {fact}?"
        answer = ask(engine, question.capitalize())
        said = answer.text.split("Bron:")[0]
        assert Figures.has(said, views) and Figures.has(said, p.value), answer.text


def test_months_after_a_month_in_the_same_question_or_none(engine: Engine, figures: Figures) -> None:
    """ "hoeveel gesprekken in februari 2020 en de twee maanden erna samen?": February to April
    (February alone was given); with no month before, "de twee maanden erna" and "tot dan" ask
    which month (every month was given)."""
    for p in OVERALL[::3]:
        run = [p.month, p.month + 1, p.month + 2]
        if not set(run) <= set(figures.months(p.metric, p.year)) or figures.aggregation(p.metric) != "sum":
            continue
        answer = ask(
            engine, f"Hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year} en de twee maanden erna samen?"
        )
        assert answer.answered and Figures.has(answer.text, figures.total(p.metric, p.year, run)), answer.text
    for label in sorted({p.label for p in OVERALL}):
        for question in (f"Hoeveel {label} in de twee maanden erna?", f"Hoeveel {label} tot dan?"):
            answer = ask(engine, question)
            assert not answer.answered and not given(figures, answer, question), answer.text


def _lexicon_table(name: str) -> dict[str, object]:
    lexicon = tomllib.loads((DB.parents[1] / "intents" / "lexicon.toml").read_text(encoding="utf-8"))
    table: dict[str, object] = lexicon[name]
    return table


def _shift_cues(table: str, step: int) -> list[tuple[str, int]]:
    """The lexicon's shifts of one step that are a period of their own ("de maand erna"), not
    the start of one ("de week na 21/09")."""
    return [
        (cue, int(str(offset)))
        for cue, offset in _lexicon_table(table).items()
        if abs(int(str(offset))) == step and not cue.endswith((" na", " voor die van", " na die van"))
    ]


@pytest.mark.parametrize(("cue", "offset"), _shift_cues("month_shifts", 1))
def test_a_month_and_the_month_next_to_it_in_one_question(
    engine: Engine, figures: Figures, cue: str, offset: int
) -> None:
    """ "gesprekken in mei 2020 en de maand erna": both months (May alone was given), and
    "waren er in juni minder dan de maand ervoor?" compares June with May (it compared June of
    both years)."""
    for (label, year), months in sorted(months_by_year().items()):
        month = next((m for m in sorted(months) if months.get(m + offset, months[m]) != months[m]), None)
        if month is None:
            continue
        other = month + offset
        question = f"Hoeveel {label} waren er in {MONTHS[month - 1]} {year} en {cue}?"
        both = ask(engine, question)
        assert both.answered and {months[month], months[other]} <= given(figures, both, question), both.text
        compared = ask(engine, f"Waren er in {MONTHS[month - 1]} {year} minder {label} dan {cue}?")
        expected = (
            f"{MONTHS[month - 1]} {year} en {MONTHS[other - 1]} {year}: {months[month]} en {months[other]}"
        )
        assert compared.answered and expected in without_thousands(compared.text), compared.text


@pytest.mark.parametrize(
    "head", ["Vergelijk eens de maanden {a}+{b}", "Ik wil {a} en {b} naast elkaar leggen"]
)
def test_months_in_the_head_before_a_colon_are_those_of_the_years_asked(
    engine: Engine, figures: Figures, head: str
) -> None:
    """ "Vergelijk eens de zomermaanden juli+augustus: hoeveel gesprekken in 2020 en in 2019?":
    July and August of both years (the whole period of both was compared)."""
    asked = 0
    for label, years, first, second in last_two_years():
        common = sorted(set(first) & set(second))[-2:]
        if len(common) < 2:
            continue
        a, b = (MONTHS[m - 1] for m in common)
        question = f"{head.format(a=a, b=b)}: hoeveel {label} in {years[1]} en in {years[0]}?"
        answer = ask(engine, question)
        totals = [sum(months[m] for m in common) for months in (first, second)]
        assert answer.answered and all(figures.has(answer.text, t) for t in totals), answer.text
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize(("cue", "offset"), _shift_cues("month_shifts", 1))
def test_a_month_shift_moves_the_month_of_a_sentence_around_the_question(
    engine: Engine, figures: Figures, cue: str, offset: int
) -> None:
    """ "In maart 2020 gingen de scholen dicht. Hoeveel gesprekken waren er de maand erna?":
    April (March was given)."""
    for (label, year), months in sorted(months_by_year().items()):
        month = next((m for m in sorted(months) if months.get(m + offset, months[m]) != months[m]), None)
        if month is None:
            continue
        question = (
            f"In {MONTHS[month - 1]} {year} kwam er een nieuwe campagne. Hoeveel {label} waren er {cue}?"
        )
        answer = ask(engine, question)
        shown = given(figures, answer, question)
        assert answer.answered and months[month + offset] in shown and months[month] not in shown, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel {label} van {first} tot eind {last} {year}?",
        "hoeveel {label} van begin {first} tot eind {last} {year}?",
        "hoeveel {label} waren er vanaf begin {first} tot en met eind {last} {year}?",
        # from the start of the year
        "hoeveel {label} waren er in {year} tegen eind {last} al?",
    ],
)
def test_a_range_to_the_end_of_a_month_is_the_whole_range(engine: Engine, wording: str) -> None:
    """ "van januari tot eind september 2020": January to September (September alone, or January
    and September, were given)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(months)
        if (
            len(run) < 3
            or run != list(range(run[0], run[-1] + 1))
            or ("{first}" not in wording and run[0] != 1)
        ):
            continue
        question = wording.format(label=label, first=MONTHS[run[0] - 1], last=MONTHS[run[-1] - 1], year=year)
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, sum(months.values())), (question, answer.text)
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize("short_by", [0, 1], ids=["to the last day", "a day short"])
def test_dates_from_the_first_to_the_last_day_are_whole_months(engine: Engine, short_by: int) -> None:
    """ "van 1 mei tot en met 30 september 2020": May to September (read as days, which no weekly
    figure covers); a day short of the month's end is no whole month."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(months)[-3:]
        if len(run) < 3 or run != list(range(run[0], run[-1] + 1)):
            continue
        last_day = calendar.monthrange(year, run[-1])[1] - short_by
        question = (
            f"hoeveel {label} van 1 {MONTHS[run[0] - 1]} tot en met {last_day} {MONTHS[run[-1] - 1]} {year}?"
        )
        answer = ask(engine, question)
        total = sum(months[m] for m in run)
        if short_by:
            assert not Figures.has(answer.text, total), (question, answer.text)
        else:
            assert answer.answered and Figures.has(answer.text, total), (question, answer.text)
        asked += 1
    assert asked >= 2


def test_the_hours_of_this_year_and_last_year_are_those_of_both_years(engine: Engine) -> None:
    """ "wat waren de openingsuren dit jaar en vorig jaar?" asks what the two years named ask (the
    second was dropped and the hours of today given)."""
    year = datetime.date.today().year
    relative = ask(engine, "wat waren de openingsuren dit jaar en vorig jaar?")
    named = ask(engine, f"wat waren de openingsuren in {year - 1} en {year}?")
    assert (relative.answered, relative.text) == (named.answered, named.text)


def test_this_year_and_last_year_are_both_asked(engine: Engine) -> None:
    """ "hoeveel gesprekken in mei, dit jaar en vorig jaar?": both years (the second was dropped)."""
    for label, _years, earlier, later in last_two_years():
        for month in sorted(set(earlier) & set(later))[:2]:
            question = f"hoeveel {label} in {MONTHS[month - 1]}, dit jaar en vorig jaar?"
            answer = ask(engine, question)
            said = answer.text.split("Bron:")[0]
            assert answer.answered and Figures.has(said, earlier[month]), (question, answer.text)
            assert Figures.has(said, later[month]), (question, answer.text)


@pytest.mark.parametrize(
    ("before", "follow_up"),
    [
        ("van {first} tot {last} {year}", "en als je {first} niet meetelt?"),
        ("in {first} {year}", "ok en als je {first} niet meetelt, dus {second} tem {last}?"),
    ],
)
def test_a_month_not_counted_is_left_out_not_added(engine: Engine, before: str, follow_up: str) -> None:
    """ "... in mei 2020?", "en als je mei niet meetelt, dus juni tem september?": June to
    September ("meetelt" added May to them)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(months)
        if len(run) < 3 or run != list(range(run[0], run[-1] + 1)):
            continue
        names = {"first": MONTHS[run[0] - 1], "second": MONTHS[run[1] - 1], "last": MONTHS[run[-1] - 1]}
        context = ask(engine, f"hoeveel {label} " + before.format(year=year, **names) + "?").context
        answer = ask(engine, follow_up.format(**names), context)
        rest = sum(months[m] for m in run[1:])
        assert answer.answered and Figures.has(answer.text, rest), answer.text
        assert not Figures.has(answer.text, rest + months[run[0]]), answer.text
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize("operation", ["tel op", "wat is het verschil?", "en samen?"])
def test_an_operation_over_helplines_asked_in_other_months_is_asked_back(
    engine: Engine, operation: str
) -> None:
    """ "Awel in juni?", "en van 1712 in juli?", "tel op": which helpline went with which month is
    not kept, so it is asked back (both helplines over the whole period were added up)."""
    by_helpline: dict[str, list[Point]] = {}
    for p in HELPLINE:
        by_helpline.setdefault(p.helpline_label or "", []).append(p)
    (a, a_points), (b, b_points) = sorted(by_helpline.items())[:2]
    first = a_points[0]
    second = next(p for p in b_points if (p.year, p.month) != (first.year, first.month))
    context = ask(
        engine, f"Hoeveel {first.label} kwamen er van {a} in {MONTHS[first.month - 1]} {first.year}?"
    ).context
    context = ask(engine, f"en van {b} in {MONTHS[second.month - 1]}?", context).context
    answer = ask(engine, operation, context)
    totals = {sum(p.value for p in points) for points in (a_points, b_points)}
    assert not answer.answered and not any(Figures.has(answer.text, v) for v in totals), answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel {label} zullen er in {month} {year} zijn, denk je?",
        "hoeveel {label} verwacht je in {month} {year}?",
    ],
)
def test_a_figure_still_to_come_is_no_estimate(engine: Engine, wording: str) -> None:
    """ "Hoeveel zullen het er ... zijn, denk je?": the bot makes no estimate, and says so, with what
    the source gives."""
    note = engine.texts("fabrication")
    for p in OVERALL[::7]:
        answer = ask(engine, wording.format(label=p.label, month=MONTHS[p.month - 1], year=p.year))
        assert answer.text.startswith(note), answer.text


@pytest.mark.parametrize("follow_up", ["en voor de lockdown?", "en eind 2020?", "en in de paasvakantie?"])
def test_a_period_without_dates_in_a_follow_up_is_not_the_one_before(
    engine: Engine, figures: Figures, follow_up: str
) -> None:
    """ "Hoeveel gesprekken in mei 2020?", "en voor de lockdown?": a period no figure gives (May
    was given again, the words dropped)."""
    for p in OVERALL[::5]:
        context = ask(engine, wordings(p)[0]).context
        answer = ask(engine, follow_up, context)
        assert not answer.answered and not Figures.has(answer.text.split("Ik heb cijfers")[0], p.value), (
            follow_up,
            answer.text,
        )


@pytest.mark.parametrize("more", [True, False])
def test_months_counted_against_a_month_named(engine: Engine, more: bool) -> None:
    """ "Hoeveel maanden van 2020 hadden meer gesprekken dan september?": the months above
    September's figure, counted (September of two years was compared)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 4:
            continue
        named = sorted(months)[len(months) // 2]
        limit = months[named]
        hits = [m for m, v in months.items() if (v > limit if more else v < limit)]
        word = "meer" if more else "minder"
        answer = ask(engine, f"Hoeveel maanden van {year} hadden {word} {label} dan {MONTHS[named - 1]}?")
        said = answer.text.split("Bron:")[0]
        assert answer.answered and f"Aantal maanden: {len(hits)} van de {len(months)}" in said, answer.text
        assert all(MONTHS[m - 1] in said for m in hits), answer.text
        asked += 1
    assert asked >= 3


@pytest.mark.parametrize(
    ("operation", "which"), [("tel de eerste twee op", "eerste"), ("tel de laatste twee op", "laatste")]
)
def test_an_operation_on_part_of_the_months_asked_in_turn(engine: Engine, operation: str, which: str) -> None:
    """ "januari?", "februari?", "maart?", "tel de eerste twee op": January and February (all
    three were added up)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        run = sorted(months)[:3]
        if len(run) < 3:
            continue
        context = ask(engine, f"hoeveel {label} in {MONTHS[run[0] - 1]} {year}?").context
        for month in run[1:]:
            context = ask(engine, f"en {MONTHS[month - 1]}?", context).context
        part = run[:2] if which == "eerste" else run[-2:]
        answer = ask(engine, operation, context)
        said = answer.text.split("Bron:")[0]
        assert answer.answered and Figures.has(said, sum(months[m] for m in part)), answer.text
        assert not Figures.has(said, sum(months[m] for m in run)), answer.text
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize("operation", ["tel op", "wat is het verschil?", "en het gemiddelde van die twee?"])
def test_an_operation_after_a_month_with_no_figure_is_refused(engine: Engine, operation: str) -> None:
    """ "nieuwe oproepers sep 2020?", "en oktober 2020?" (no figure), "tel op": one of the two has
    no figure (the year's total was given)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        last = max(months)
        if last == 12:
            continue
        context = ask(engine, f"hoeveel {label} in {MONTHS[last - 1]} {year}?").context
        context = ask(engine, f"en {MONTHS[last]} {year}?", context).context
        answer = ask(engine, operation, context)
        assert not answer.answered and not Figures.has(answer.text, sum(months.values())), answer.text
        asked += 1
    assert asked >= 2


def test_helplines_added_to_those_asked_in_the_month_named(engine: Engine) -> None:
    """ "Awel in maart?", "en van de CLB-chat?", "tel daar de 1712 en 1813 bij, hoeveel in totaal in
    maart?": those helplines in March, added up (every helpline over the whole period was)."""
    by_month: dict[tuple[int, int], list[Point]] = {}
    for p in HELPLINE:
        by_month.setdefault((p.year, p.month), []).append(p)
    for (year, month), points in sorted(by_month.items())[:3]:
        if len(points) < 4:
            continue
        name = MONTHS[month - 1]
        first, second, *rest = points
        context = ask(
            engine, f"hoeveel doorverwijzingen van {first.helpline_label} in {name} {year}?"
        ).context
        context = ask(engine, f"en van {second.helpline_label}?", context).context
        added = " en ".join(p.helpline_label or "" for p in rest)
        answer = ask(engine, f"tel daar {added} bij, hoeveel in totaal in {name}?", context)
        assert answer.answered and Figures.has(answer.text, sum(p.value for p in points)), answer.text
        assert "t.e.m." not in answer.text.split("Let op")[0], answer.text


def test_a_part_of_one_measure_counted_in_another_is_refused(engine: Engine) -> None:
    """ "nieuwe oproepers in januari?", "en hoeveel daarvan hadden een gesprek?": which of those
    the other measure counts, no source says (the other measure's month was given)."""
    by_point: dict[tuple[int, int], list[Point]] = {}
    for p in OVERALL:
        by_point.setdefault((p.year, p.month), []).append(p)
    split = {p.metric for p in HELPLINE}  # how some came: "daarvan via een doorverwijzing"
    parts = engine.specs["cijfers"].options.get("parts", {})  # what the source counts within
    refused = answered = 0
    for points in by_point.values():
        for a, b in itertools.permutations(points, 2):
            context = ask(engine, wordings(a)[0]).context
            answer = ask(engine, f"en hoeveel daarvan waren {b.label}?", context)
            if b.metric in split or b.metric in parts.get(a.metric, []):
                assert answer.answered and Figures.has(answer.text, b.value), answer.text
                answered += 1
            else:
                assert not answer.answered and not Figures.has(answer.text, b.value), answer.text
                refused += 1
    assert refused >= 4 and answered >= 1


def test_then_points_at_the_period_asked_before(engine: Engine) -> None:
    """ "nieuwe oproepers juli 2020?", "hoeveel gesprekken waren er dan?": July 2020 ("dan" was
    not understood and every month given); "meer dan" compares and points at nothing."""
    by_point: dict[tuple[int, int], list[Point]] = {}
    for p in OVERALL:
        by_point.setdefault((p.year, p.month), []).append(p)
    asked = 0
    for points in by_point.values():
        for a, b in itertools.permutations(points, 2):
            context = ask(engine, wordings(a)[0]).context
            answer = ask(engine, f"hoeveel {b.label} telde de chat dan?", context)
            said = answer.text.split("Bron:")[0]
            assert answer.answered and Figures.has(said, b.value), answer.text
            assert MONTHS[b.month - 1] in said and "t.e.m." not in said, answer.text
            asked += 1
    assert asked >= 4


@pytest.mark.parametrize("comparator", ["meer", "minder"])
def test_a_bound_claimed_after_a_figure_is_checked_for_it(engine: Engine, comparator: str) -> None:
    """ "hoeveel gesprekken in mei 2020?", "waren er meer dan 90?": that figure against 90 (May of
    two years was compared)."""
    for p in OVERALL[::4]:
        context = ask(engine, wordings(p)[0]).context
        bound = p.value - 5 if comparator == "meer" else p.value + 5
        answer = ask(engine, f"waren er {comparator} dan {bound}?", context)
        # ("Ja", or neither for a count the source calls a lower bound)
        assert answer.answered and Figures.has(answer.text, p.value), answer.text
        assert str(p.year - 1) not in answer.text.split("Bron:")[0], answer.text


@pytest.mark.parametrize("both", ["graag beide cijfers", "allebei graag"])
def test_another_year_asked_with_both_gives_both(engine: Engine, both: str) -> None:
    """ "hoeveel gesprekken in juni 2020?", "en in juni 2019? graag beide cijfers": both years (the
    year named alone was given)."""
    for label, (y1, y2), earlier, later in last_two_years():
        for month in sorted(set(earlier) & set(later))[:2]:
            context = ask(engine, f"hoeveel {label} waren er in {MONTHS[month - 1]} {y2}?").context
            answer = ask(engine, f"en in {MONTHS[month - 1]} {y1}? {both}", context)
            said = answer.text.split("Bron:")[0]
            assert Figures.has(said, earlier[month]) and Figures.has(said, later[month]), answer.text


@pytest.mark.parametrize("last_year", ["vorig jaar", "vj", "het jaar ervoor"])
def test_a_rise_against_the_same_period_last_year_after_a_range(engine: Engine, last_year: str) -> None:
    """ "hoeveel gesprekken jan-sep 2020", "met hoeveel procent is dat gestegen tov dezelfde periode
    vorig jaar?": the range of both years (January of the year before was set against its
    September)."""
    asked = 0
    by_year = months_by_year()
    for (label, year), months in sorted(by_year.items()):
        before = by_year.get((label, year - 1), {})
        shared = sorted(set(months) & set(before))
        if len(shared) < 3 or shared != list(range(shared[0], shared[-1] + 1)):
            continue
        first, last = MONTHS[shared[0] - 1], MONTHS[shared[-1] - 1]
        context = ask(engine, f"hoeveel {label} van {first} tot {last} {year}?").context
        answer = ask(
            engine, f"met hoeveel procent is dat gestegen tov dezelfde periode {last_year}?", context
        )
        now, then = (sum(m[x] for x in shared) for m in (months, before))
        assert answer.answered and Figures.has(answer.text, now) and Figures.has(answer.text, then), (
            answer.text
        )
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize("direction", ["meer", "minder"])
@pytest.mark.parametrize("asked_how", ["follow-up", "one message", "one by one"])
def test_how_much_more_in_one_of_two_months_asked_compares_it_with_the_other(
    engine: Engine, figures: Figures, direction: str, asked_how: str
) -> None:
    """ "hoeveel unieke bezoekers in juni en juli 2020?", "hoeveel minder waren het er in juli?":
    July against June of that year (July of both years was compared, a year not asked), also in
    one message after a comma, and after the two months asked one by one ("en juli?")."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        pairs = [(m, m + 1) for m in sorted(months) if m + 1 in months and months[m] != months[m + 1]]
        for first, second in pairs[:2]:
            both = f"Hoeveel {label} in {MONTHS[first - 1]} en {MONTHS[second - 1]} {year}"
            follow_up = f"hoeveel {direction} waren het er in {MONTHS[second - 1]}?"
            if asked_how == "one message":
                answer = ask(engine, f"{both}, en {follow_up}")
            elif asked_how == "one by one":
                first_asked = ask(engine, f"Hoeveel {label} in {MONTHS[first - 1]} {year}?")
                second_asked = ask(engine, f"en {MONTHS[second - 1]}?", first_asked.context)
                answer = ask(engine, follow_up, second_asked.context)
            else:
                answer = ask(engine, follow_up, ask(engine, f"{both}?").context)
            difference = abs(months[second] - months[first])
            others = {y for (lab, y) in months_by_year() if lab == label} - {year}
            assert answer.answered and {months[first], months[second]} <= given(figures, answer, ""), (
                answer.text
            )
            assert f"Verschil: {difference} " in answer.text, answer.text
            assert not any(str(y) in answer.text.split("\nBron:")[0] for y in others), answer.text
            asked += 1
    assert asked >= 4


@pytest.mark.parametrize("one_message", [False, True], ids=["follow-up", "one message"])
def test_how_much_more_in_the_next_month_named_is_against_the_month_before(
    engine: Engine, one_message: bool
) -> None:
    """ "hoeveel bezoekers in februari?", "hoeveel procent meer was dat in maart?": March against
    February (February was measured against March); "dan in maart" keeps March as the base."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        pairs = [
            (m, m + 1) for m in sorted(months) if m + 1 in months and months[m] and months[m + 1] != months[m]
        ]
        for first, second in pairs[:2]:
            direction = "meer" if months[second] >= months[first] else "minder"
            start = f"hoeveel {label} in {MONTHS[first - 1]} {year}"
            follow = f"hoeveel procent {direction} was dat in {MONTHS[second - 1]}?"
            if one_message:
                answer = ask(engine, f"{start}, en {follow}")
            else:
                answer = ask(engine, follow, ask(engine, f"{start}?").context)
            change = Fraction(months[second] - months[first], months[first]) * 100
            expected = signed_fixed(Decimal(change.numerator) / Decimal(change.denominator), 1)
            assert answer.answered and f"{expected}%" in answer.text, answer.text
            asked += 1
    assert asked >= 4


@pytest.mark.parametrize("cue", ["en procentueel?", "procentueel?", "in procent?"])
def test_in_percent_after_two_points_asked_one_by_one_is_their_change(
    engine: Engine, figures: Figures, cue: str
) -> None:
    """ "nieuwe oproepers april 2019?", "en april 2020?", "en procentueel?": the change from the
    one to the other in percent (April 2020 was given as a share of its year)."""
    asked = 0
    for label, years, first, second in last_two_years():
        for month in sorted(set(first) & set(second))[:3]:
            if first[month] == 0:
                continue
            context = ask(engine, f"{label} {MONTHS[month - 1]} {years[0]}?").context
            context = ask(engine, f"en {MONTHS[month - 1]} {years[1]}?", context).context
            answer = ask(engine, cue, context)
            change = Fraction(second[month] - first[month], first[month]) * 100
            expected = signed_fixed(Decimal(change.numerator) / Decimal(change.denominator), 1)
            assert answer.answered and f"({expected}%" in answer.text, (label, month, answer.text)
            asked += 1
    assert asked >= 6


@pytest.mark.parametrize(("cue", "offset"), _shift_cues("week_shifts", 7))
def test_a_week_and_the_week_next_to_it_in_one_question(
    engine: Engine, figures: Figures, cue: str, offset: int
) -> None:
    """ "de week van 21/09 en de week erna": both weeks (the week after alone was given)."""
    weeks = {start: value for start, _, value, _ in _weeks(figures)}
    asked = 0
    for start, _, value, label in _weeks(figures):
        other = start + datetime.timedelta(days=offset)  # type: ignore[operator]
        if other not in weeks:
            continue
        question = f"Hoeveel {label} in de week van {start.day}/{start.month} en {cue}?"  # type: ignore[attr-defined]
        answer = ask(engine, question)
        assert answer.answered and {value, weeks[other]} <= given(figures, answer, question), answer.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize("cue", [c for c in _lexicon_table("followup")["after_then"] if " " not in c])  # type: ignore[attr-defined]
def test_after_then_is_asked_back_of_months_and_is_the_open_period_of_hours(engine: Engine, cue: str) -> None:
    """ "en daarna?" after a month: the month after it or all of them is asked back (the same
    month was given again); after the opening hours: the hours after their last day, which no
    source gives (the same hours were given again)."""
    (label, year), months = sorted(months_by_year().items())[0]
    month = sorted(months)[0]
    context = ask(engine, f"Hoeveel {label} waren er in {MONTHS[month - 1]} {year}?").context
    answer = ask(engine, f"en {cue}?", context)
    assert not answer.answered and f"‘{cue}’" in answer.text, answer.text
    assert months[month] not in numbers_in(answer.text), answer.text
    ends = [row[0] for row in _db_rows("SELECT max(valid_until) FROM opening_hours")]
    hours = ask(engine, "Hoe lang blijven de uitgebreide openingsuren?").context
    after = ask(engine, f"en {cue}?", hours)
    if ends[0] is not None:
        first = ends[0] + datetime.timedelta(days=1)
        assert not after.answered and f"vanaf {MONTHS[first.month - 1]} {first.year}" in after.text, (
            after.text
        )


@pytest.mark.parametrize("pointer", ["die maanden", "diezelfde maanden", "die {count} maanden"])
def test_the_months_a_list_found_are_what_those_months_point_back_to(engine: Engine, pointer: str) -> None:
    """ "in welke maanden meer dan 80 gesprekken?", "en hoeveel nieuwe oproepers in die maanden
    samen?": the months listed (every month of the year was added up); "hoeveel maanden zijn
    dat?": how many were listed (every month of the year was counted again)."""
    by_year = months_by_year()
    asked = 0
    for (label, year), months in sorted(by_year.items()):
        limit = sorted(months.values())[len(months) // 2]
        hits = sorted(m for m, v in months.items() if v > limit)
        others = [
            (other, series)
            for (other, other_year), series in sorted(by_year.items())
            if other_year == year and other != label and set(hits) <= set(series)
        ]
        if not hits or len(hits) == len(months) or not others:
            continue
        other, series = others[0]
        listed = ask(engine, f"In welke maanden van {year} waren er meer dan {limit} {label}?")
        words = pointer.format(count=len(hits))
        summed = ask(engine, f"en hoeveel {other} waren er in {words} samen?", listed.context)
        expected = sum(series[m] for m in hits)
        assert summed.answered and expected in numbers_in(without_thousands(summed.text)), summed.text
        assert sum(series.values()) not in numbers_in(without_thousands(summed.text)), summed.text
        counted = ask(engine, "hoeveel maanden zijn dat?", listed.context)
        assert counted.answered and f"{len(hits)} maanden" in counted.text, counted.text
        assert f"{len(months)} van de" not in counted.text, counted.text
        asked += 1
    assert asked >= 2


def test_the_months_a_change_listed_are_those_months_without_the_change(engine: Engine) -> None:
    """ "in welke maanden lag het lager dan in 2019?", "en hoeveel gesprekken in die maanden?":
    the months listed, of the year asked, added up (the two years were compared again)."""
    by_year = months_by_year()
    asked = 0
    for (label, year), months in sorted(by_year.items()):
        before = by_year.get((label, year - 1), {})
        lower = sorted(m for m in months if m in before and months[m] < before[m])
        others = [
            other
            for (other, other_year) in sorted(by_year)
            if other_year == year and other != label and (other, year - 1) in by_year
        ]
        if not lower or not others:
            continue
        this_year, last_year = by_year[(others[0], year)], by_year[(others[0], year - 1)]
        if not set(lower) <= set(this_year) or not set(lower) <= set(last_year):
            continue
        listed = ask(engine, f"In welke maanden lag het aantal {label} in {year} lager dan in {year - 1}?")
        summed = ask(engine, f"en hoeveel {others[0]} waren er in die maanden?", listed.context)
        figures_given = numbers_in(without_thousands(summed.text))
        assert summed.answered and sum(this_year[m] for m in lower) in figures_given, summed.text
        if len(lower) > 1:
            assert sum(last_year[m] for m in lower) not in figures_given, summed.text
        asked += 1
    assert asked >= 1


def _months_past(series: dict[int, int], limit: int, inclusive: bool = False) -> str:
    passed = sum(1 for v in series.values() if v > limit or (inclusive and v == limit))
    return f"Aantal maanden: {passed} van de {len(series)}"


def test_a_threshold_is_kept_for_another_year_and_replaced_by_a_value_alone(engine: Engine) -> None:
    """ "in hoeveel maanden van 2020 meer dan 80?", "en in 2019?": those months of 2019 (the
    year's total was given); "sorry, ik bedoel 80 of meer" and "en boven de 100?": the months
    again with the new value (read as a claim about the total, and confirmed)."""
    by_year = months_by_year()
    asked = 0
    for (label, year), months in sorted(by_year.items()):
        other = by_year.get((label, year - 1))
        if other is None or len(months) < 3:
            continue
        limit = sorted(months.values())[len(months) // 2]
        higher = sorted(months.values())[-2]

        first = ask(engine, f"In hoeveel maanden van {year} waren er meer dan {limit} {label}?")
        assert _months_past(months, limit) in first.text, first.text
        corrected = ask(engine, f"sorry, ik bedoel {limit} of meer", first.context)
        assert _months_past(months, limit, inclusive=True) in corrected.text, corrected.text
        raised = ask(engine, f"en boven de {higher}?", corrected.context)
        assert _months_past(months, higher) in raised.text, raised.text
        moved = ask(engine, f"en in {year - 1}?", raised.context)
        assert _months_past(other, higher) in moved.text, moved.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize(
    "question",
    [
        "Hoeveel categorieën problematiek staan er in het antwoord?",
        "hoeveel soorten problematiek onderscheidt de minister?",
        "hoeveel verschillende soorten problemen worden er gemeld?",
    ],
)
def test_the_problem_categories_counted(engine: Engine, question: str) -> None:
    """ "hoeveel categorieën problematiek zijn er?": the categories of the newest year, counted
    (the list came without its count); "hoeveel problematieken werden gemeld?" asks a count of
    reports, which the shares do not give: no count of categories for it."""
    rows = _db_rows(
        "SELECT count(*) FROM shares_figures WHERE dimension = 'problematiek' AND year = "
        "(SELECT max(year) FROM shares_figures WHERE dimension = 'problematiek')"
    )
    count = _int(rows[0][0])
    answer = ask(engine, question)
    assert answer.answered and f"{count} categorieën" in answer.text, answer.text
    reports = ask(engine, "hoeveel problematieken werden er gemeld?")
    assert f"{count} categorieën" not in reports.text, reports.text


WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


@pytest.mark.parametrize("word", ["terugkerende", "bestaande", "herhaalde"])
def test_a_kind_of_caller_no_source_counts_is_not_dropped(
    engine: Engine, figures: Figures, word: str
) -> None:
    """ "hoeveel oproepers in totaal (nieuwe + terugkerende)?": the kind of caller is said back
    (the new callers were given as all callers)."""
    year = figures.latest_year("nieuwe_oproepers")
    question = f"hoeveel oproepers in totaal (nieuwe + {word}) in {year}?"
    answer = ask(engine, question)
    assert not answer.answered and f"‘{word}’" in answer.text and not given(figures, answer, question), (
        answer.text
    )


@pytest.mark.parametrize(("relation", "step"), [("vóór", -1), ("na", 1), ("volgend op", 1)])
def test_the_quarter_next_to_a_quarter_named(engine: Engine, relation: str, step: int) -> None:
    """ "het kwartaal vóór het derde kwartaal van 2020": the second quarter (the third was given)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        for index in (2, 3):
            wanted = range(3 * (index + step - 1) + 1, 3 * (index + step) + 1)
            if not all(m in months for m in wanted):
                continue
            quarter = f"het {ORDINALS[index - 1]} kwartaal van {year}"
            answer = ask(engine, f"Hoeveel {label} waren er in het kwartaal {relation} {quarter}?")
            total = sum(months[m] for m in wanted)
            assert answer.answered and f"in totaal: {total}" in without_thousands(answer.text), answer.text
            asked += 1
    assert asked >= 2


def test_the_hours_of_two_days_and_their_difference(engine: Engine, figures: Figures) -> None:
    """ "hoeveel uur langer is de chat open op woensdag dan op maandag?": both days' hours and
    the difference (the two days were listed without it); a day without hours has none."""
    rows = figures.rows("SELECT weekday, opens, closes FROM opening_hours")
    hours = {int(w): int(str(c)[:2]) - int(str(o)[:2]) for w, o, c in rows}
    for first, second in itertools.permutations(sorted(hours), 2):
        a, b = WEEKDAYS[first - 1], WEEKDAYS[second - 1]
        answer = ask(engine, f"hoeveel uur langer is de chat open op {a} dan op {b}?")
        gap = hours[first] - hours[second]
        word = "langer" if gap > 0 else "korter"
        expected = f"{abs(gap)} uur {word} op {a} dan op {b}" if gap else "even lang"
        assert answer.answered and expected in answer.text, answer.text
    closed = next(d for d in range(1, 8) if d not in hours)
    answer = ask(
        engine,
        f"hoeveel uur langer is de chat open op {WEEKDAYS[min(hours) - 1]} dan op {WEEKDAYS[closed - 1]}?",
    )
    assert "verschil in uren kan ik dus niet geven" in answer.text, answer.text


def test_a_count_of_helplines_is_counted_again_for_another_month(engine: Engine, figures: Figures) -> None:
    """ "van hoeveel hulplijnen kwamen er in april doorverwijzingen?", "en in augustus?": counted
    again (the helplines were listed without their count)."""
    year = figures.latest_year("doorverwijzingen")
    months = figures.months("doorverwijzingen", year)
    first = ask(engine, f"Van hoeveel hulplijnen kwamen er in {MONTHS[months[0] - 1]} doorverwijzingen?")
    for month in months[1:]:
        per = figures.by_helpline("doorverwijzingen", year, [month])
        count = sum(1 for v in per.values() if v > 0)
        answer = ask(engine, f"en in {MONTHS[month - 1]}?", first.context)
        assert answer.answered and f": {count} van de {len(per)}" in answer.text.split("\n")[0], answer.text


@pytest.mark.parametrize(
    "question",
    ["tot wanneer?", "en tot wanneer?", "vanaf wanneer?", "tot wanneer geldt dat?", "tot wanneer loopt dat?"],
)
def test_a_question_word_alone_continues_the_question_before(engine: Engine, question: str) -> None:
    """ "hoeveel uur per week open?", "tot wanneer?" or "tot wanneer geldt dat?": about the
    opening hours (the bot asked which topic was meant, or said it had no figures)."""
    hours = ask(engine, "hoeveel uur per week is de chat open?")
    answer = ask(engine, question, hours.context)
    assert answer.answered and answer.intent == hours.intent, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel nieuwe oproepers waren er in de {count} weken vanaf {day} samen?",
        "Gemiddeld aantal nieuwe oproepers per week in de {count} weken na {day}?",
        "Hoeveel nieuwe oproepers waren er in de {count} weken vanaf het filmpje van {name} samen?",
        "hoeveel nieuwe oproepers in de {count} weken na de vlog van {name}?",
        "hoeveel nieuwe oproepers in de {count} weken vanaf {day}?",
    ],
)
def test_a_number_of_weeks_from_a_day_or_an_event(engine: Engine, figures: Figures, wording: str) -> None:
    """ "de twee weken vanaf 21 september samen", "... vanaf het filmpje van JustNicolas": that
    week and the next (the first week alone was given, or next to the sum of both); more weeks
    than the data has are asked back."""
    weeks = _weeks(figures)
    first = weeks[0][0]
    names = re.findall(
        r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b",
        " ".join(str(r[0]) for r in figures.rows("SELECT note FROM weekly_figures WHERE note IS NOT NULL")),
    )
    day = f"{first.day} {MONTHS[first.month - 1]}"  # type: ignore[attr-defined]
    question = wording.format(count=len(weeks), day=day, name=names[0] if names else "")
    answer = ask(engine, question)
    values = [value for _, _, value, _ in weeks]
    assert answer.answered and set(values) <= given(figures, answer, question), answer.text
    total = sum(values)
    tenths = round_half_up(Fraction(total * 10, len(values)))
    mean = f"{tenths // 10},{tenths % 10}"
    assert (mean if "Gemiddeld" in wording else str(total)) in answer.text, answer.text
    more = ask(engine, wording.format(count=len(weeks) + 1, day=day, name=names[0] if names else ""))
    assert not more.answered, more.text


def _yearly_totals() -> list[tuple[str, int, int]]:
    return [
        (str(label), _int(year), _int(value))
        for label, year, value in _db_rows(
            "SELECT m.label, y.year, y.value FROM yearly_figures AS y "
            "JOIN metrics AS m USING (metric) ORDER BY 1, 2"
        )
    ]


def test_a_figure_quoted_from_the_source_restates_it(engine: Engine, figures: Figures) -> None:
    """ "welk percentage van de 600 gesprekken in 2019 viel in jan-sep?": the months of the year
    as a part of its printed total (600 was refused as a name the data does not know); a figure
    the source does not have is still said back."""
    by_year = months_by_year()
    asked = 0
    for label, year, value in _yearly_totals():
        months = by_year.get((label, year), {})
        if not months or len(months) == 12:
            continue
        first, last = MONTHS[min(months) - 1], MONTHS[max(months) - 1]
        part = sum(months.values())
        share = round_half_up(Fraction(part * 1000, value))
        question = f"Welk percentage van de {value} {label} in {year} viel in {first} t.e.m. {last}?"
        answer = ask(engine, question)
        assert answer.answered and f"{share // 10},{share % 10}%" in answer.text, answer.text
        other = ask(engine, question.replace(f" {value} ", f" {value + 1} "))
        assert not other.answered and str(value + 1) in other.text, other.text
        later = by_year.get((label, year + 1), {})
        if later and value not in (*later.values(), sum(later.values())):
            # the figure of one year quoted for another is none of that year's: said back
            moved = ask(engine, f"Welk percentage van de {value} {label} in {year + 1} viel in {first}?")
            assert not moved.answered and str(value) in moved.text, moved.text
        quoted = ask(engine, f"de {part} {label} van {year}, hoeveel daarvan in {first}?")
        assert quoted.answered and Figures.has(quoted.text, months[min(months)]), quoted.text
        asked += 1
    assert asked >= 1


def _measure_pairs() -> list[tuple[str, str, int]]:
    """(counted label, condition label, year) for two overall measures with the same months."""
    by_year = months_by_year()
    return [
        (a, b, year)
        for (a, year), months in sorted(by_year.items())
        for (b, other_year), others in sorted(by_year.items())
        if a != b and year == other_year and set(months) == set(others) and len(months) >= 3
    ]


@pytest.mark.parametrize(("counted", "condition", "year"), _measure_pairs())
def test_a_measure_in_the_months_another_passes_a_value(
    engine: Engine, figures: Figures, counted: str, condition: str, year: int
) -> None:
    """ "hoeveel gesprekken in 2020 samen in de maanden met meer dan 40 nieuwe oproepers?": the
    months where the new callers pass 40, and the conversations of those months added up (the
    two were refused as one measure of the other); a second value "meer dan 50 ..." that no part
    uses is said back, never quoted away as a figure of the source."""
    by_year = months_by_year()
    values, tested = by_year[(counted, year)], by_year[(condition, year)]
    limit = sorted(tested.values())[len(tested) // 2]
    hits = [m for m, v in tested.items() if v > limit]
    for question in (
        f"Hoeveel {counted} waren er in {year} samen in de maanden met meer dan {limit} {condition}?",
        f"hoeveel {counted} in {year} in de maanden met meer dan {limit} {condition}?",  # (no "samen")
    ):
        answer = ask(engine, question)
        text = without_thousands(answer.text)
        assert answer.answered and f"Aantal maanden: {len(hits)} van de {len(tested)}" in text, answer.text
        assert f"Samen in die maanden: {sum(values[m] for m in hits)}" in text, answer.text
    second = sorted(tested.values())[1]
    both = ask(
        engine,
        f"in welke maanden van {year} met meer dan {limit} {counted} waren er meer dan {second} {condition}?",
    )
    assert not both.answered and str(second) in both.text, both.text


@pytest.mark.parametrize("follow", ["en in {month}?", "en hoeveel in {month}?", "wat was het in {month}?"])
def test_a_question_mark_before_a_small_letter_ends_a_question(engine: Engine, follow: str) -> None:
    """ "hoeveel gesprekken in april 2020? en in mei?": two questions, each answered (one sum of
    both months was given, where no sum was asked)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 2:
            continue
        first, second = sorted(months)[:2]
        message = f"hoeveel {label} in {MONTHS[first - 1]} {year}? " + follow.format(month=MONTHS[second - 1])
        answer = ask(engine, message)
        text = without_thousands(answer.text)
        assert answer.answered and f"{MONTHS[first - 1]} {year}: {months[first]}" in text, answer.text
        assert f"{MONTHS[second - 1]} {year}: {months[second]}" in text, answer.text
        assert "in totaal" not in text, answer.text
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize(
    "follow",
    ["hoeveel procent is dat meer?", "hoeveel procent meer is dat?", "hoeveel procent was het minder?"],
)
def test_a_change_in_percent_after_two_points_asked_in_turn(engine: Engine, follow: str) -> None:
    """ "juni 2020?", "en juni 2019?", "hoeveel procent is dat meer?": the change between the two
    in percent, whatever the word order ("meer" was not understood)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        before = months_by_year().get((label, year - 1), {})
        month = next((m for m in sorted(months) if before.get(m)), None)
        if month is None:
            continue
        first = ask(engine, f"Hoeveel {label} in {MONTHS[month - 1]} {year}?")
        second = ask(engine, f"en {MONTHS[month - 1]} {year - 1}?", first.context)
        answer = ask(engine, follow, second.context)
        change = round_half_up(Fraction((months[month] - before[month]) * 1000, before[month]))
        sign = "+" if change > 0 else "-" if change < 0 else ""
        tenths = f",{abs(change) % 10}" if change % 10 else ""  # (a whole percentage without decimals)
        expected = f"{sign}{abs(change) // 10}{tenths}%"
        assert answer.answered and expected in answer.text, answer.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize("change", ["de uitbreiding", "de verruiming", "de verlenging"])
def test_hours_before_a_change_no_source_dates_are_refused(engine: Engine, change: str) -> None:
    """ "hoeveel uur per week was de chat open vóór de uitbreiding?": hours before a change the
    source gives no date for (the current hours were given)."""
    answer = ask(engine, f"hoeveel uur per week was de chat open vóór {change} van de openingsuren?")
    assert not answer.answered and change.split()[-1] in answer.text, answer.text


def test_that_day_is_the_weekday_asked_before(engine: Engine, figures: Figures) -> None:
    """ "openingsuren op woensdag?", "hoeveel uur is dat in totaal die dag?": that day's hours
    (the week's were given)."""
    rows = figures.rows("SELECT weekday, opens, closes FROM opening_hours")
    hours = {int(w): int(str(c)[:2]) - int(str(o)[:2]) for w, o, c in rows}
    for day, length in hours.items():
        first = ask(engine, f"Openingsuren op {WEEKDAYS[day - 1]}?")
        answer = ask(engine, "hoeveel uur is dat in totaal die dag?", first.context)
        assert answer.answered and f"({length} uur)" in answer.text, answer.text
        assert f"{sum(hours.values())} uur per week" not in answer.text, answer.text


def test_a_count_asked_of_a_share_stated_is_refused(engine: Engine, figures: Figures) -> None:
    """ "seksueel misbruik is 34%, hoeveel gesprekken zijn dat precies?": counts per problem the
    source does not give (the share was confirmed, as if it answered)."""
    for key in ("seksueel_misbruik", "fysieke_mishandeling"):
        _, share = figures.share("problematiek", key)
        label = figures.rows("SELECT label FROM categories WHERE category = ?", key)[0][0]
        answer = ask(engine, f"{label} is {share}%, hoeveel gesprekken zijn dat precies?")
        assert not answer.answered, answer.text


def test_a_statement_then_a_small_question_word_asks_the_question(engine: Engine) -> None:
    """ "In mei konden 35 ... worden. hoeveel waren dat er in juni?": June is asked (the message
    was read as one question about May and June, May's figure confirmed)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 2:
            continue
        first, second = sorted(months)[:2]
        statement = f"In {MONTHS[first - 1]} {year} waren er {months[first]} {label}."
        answer = ask(engine, f"{statement} hoeveel waren dat er in {MONTHS[second - 1]}?")
        text = without_thousands(answer.text)
        assert answer.answered and f"{MONTHS[second - 1]} {year}: {months[second]}" in text, answer.text
        assert f"{MONTHS[first - 1]} {year}" not in text, answer.text
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize("word", ["verschillende", "aparte"])
def test_the_days_counted_with_a_word_between(engine: Engine, figures: Figures, word: str) -> None:
    """ "op hoeveel verschillende dagen per week is de chat open?": the days counted."""
    days = len(figures.rows("SELECT DISTINCT weekday FROM opening_hours"))
    answer = ask(engine, f"op hoeveel {word} dagen per week is de chat open?")
    assert answer.answered and f"op {days} dagen" in answer.text, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "{label} totaal {first3} {last3} {year}",  # two months side by side
        "hoeveel {label} tss {first} en {last} {year}?",
        "hoeveel {label} tussen {first} en {last} {year}?",
    ],
)
def test_a_range_written_in_short(engine: Engine, wording: str) -> None:
    """ "nieuwe oproepers totaal jan sep 2019", "tss maart en juni": the range, said so (January
    and September were added up; "tss" was not read as "tussen")."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        first, last = min(months), max(months)
        if last - first < 2:
            continue
        names = {"first": MONTHS[first - 1], "last": MONTHS[last - 1]}
        short = {"first3": names["first"][:3], "last3": names["last"][:3]}
        answer = ask(engine, wording.format(label=label, year=year, **names, **short))
        total = sum(v for m, v in months.items() if first <= m <= last)
        assert answer.answered and f"in totaal: {total}" in without_thousands(answer.text), answer.text
        asked += 1
    assert asked >= 2


def test_two_months_next_to_each_other_side_by_side(engine: Engine) -> None:
    """ "gesprekken mei juni 2020": both months (the range and the list are the same months)."""
    for (label, year), months in sorted(months_by_year().items()):
        first = min(months)
        if first + 1 not in months:
            continue
        near = ask(engine, f"{label} totaal {MONTHS[first - 1]} {MONTHS[first]} {year}")
        assert near.answered and Figures.has(near.text, months[first] + months[first + 1]), near.text


@pytest.mark.parametrize("word", ["", "gevoerd ", "gevoerde "])
def test_a_ratio_with_a_word_before_the_measure_divided_by(engine: Engine, word: str) -> None:
    """ "hoeveel unieke bezoekers waren er per gevoerd gesprek in mei 2020?": the one divided by
    the other ("per" was not understood)."""
    by_year = months_by_year()
    pairs = [
        (a, b, year, month)
        for (a, year), months in sorted(by_year.items())
        for (b, other_year), others in sorted(by_year.items())
        if b.endswith("gesprekken") and a != b and year == other_year
        for month in sorted(set(months) & set(others))[:1]
        if others[month]
    ]
    assert pairs
    for a, b, year, month in pairs:
        answer = ask(engine, f"hoeveel {a} per {word}gesprek in {MONTHS[month - 1]} {year}, op 1 decimaal?")
        tenths = round_half_up(Fraction(by_year[(a, year)][month] * 10, by_year[(b, year)][month]))
        assert answer.answered and f"{tenths // 10},{tenths % 10}" in answer.text, answer.text


@pytest.mark.parametrize("verb", ["scheelt", "scheelde"])
def test_how_much_two_groups_differ_by_a_verb(engine: Engine, figures: Figures, verb: str) -> None:
    """ "hoeveel procentpunt scheelt seksueel misbruik met emotionele mishandeling?": the
    difference ("scheelt" was not understood)."""
    _, first = figures.share("problematiek", "seksueel_misbruik")
    _, second = figures.share("problematiek", "emotionele_mishandeling")
    answer = ask(
        engine, f"Hoeveel procentpunt {verb} seksueel misbruik met emotionele mishandeling en verwaarlozing?"
    )
    assert answer.answered and f"{abs(first - second)} procentpunten" in answer.text, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "In welke maand van {year} was het aantal {a} per {b} het laagst?",
        "in welke maand van {year} waren er het meeste {a} per {b}?",
        "hoeveel {a} per {b} in {year}, in procent?",
    ],
)
def test_a_calculation_over_a_ratio_is_not_dropped(engine: Engine, wording: str) -> None:
    """ "in welke maand was het aantal gesprekken per unieke bezoeker het laagst?": no ranking of
    ratios is made, and it is said (the ratio of the whole year was given)."""
    answer = ask(engine, wording.format(year=2020, a="gesprekken", b="nieuwe oproeper"))
    assert not answer.answered, answer.text
    plain = ask(engine, "gemiddeld hoeveel gesprekken per nieuwe oproeper in 2020?")
    assert plain.answered and "gedeeld door" in plain.text, plain.text


def test_a_percent_asked_after_a_change_found_is_that_change(engine: Engine) -> None:
    """ "in welke maand steeg het procentueel het sterkst tov 2019, en met hoeveel procent?": the
    month and its change in percent (the second part was refused as a second calculation)."""
    by_year = months_by_year()
    asked = 0
    for (label, year), months in sorted(by_year.items()):
        before = by_year.get((label, year - 1), {})
        common = [m for m in months if before.get(m)]
        if not common:
            continue
        top = max(common, key=lambda m: Fraction(months[m] - before[m], before[m]))
        if months[top] <= before[top]:
            continue
        question = f"In welke maand steeg het aantal {label} procentueel het sterkst"
        answer = ask(engine, f"{question} tov dezelfde maand in {year - 1}, en met hoeveel procent?")
        assert answer.answered and MONTHS[top - 1] in answer.text, answer.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize(
    ("fraction", "value"),
    [
        ("de helft", 50),
        ("een kwart", 25),
        ("een derde", 33),
        ("een vijfde", 20),
        ("twee derde", 67),
        ("drie kwart", 75),
    ],
)
@pytest.mark.parametrize(
    "wording",
    [
        "Klopt het dat {fraction} van de gemelde problematieken over {label} gaat?",
        "Juist of fout: {fraction} van de gemelde problematieken gaat over {label}?",
        "{label} is goed voor {fraction} van alle meldingen, juist?",
        "Klopt het dat ongeveer {fraction} van de meldingen over {label} gaat?",
    ],
)
def test_a_share_claimed_as_a_fraction_is_checked(
    engine: Engine, figures: Figures, fraction: str, value: int, wording: str
) -> None:
    """ "klopt het dat de helft van de gemelde problematieken over seksueel misbruik gaat?": the
    share against the fraction ("helft" was not understood); a fraction is said roughly, so it
    holds "ongeveer" within a point ("een derde" of 34%), whatever words come before it ("goed
    voor de helft" was not understood)."""
    for key in ("seksueel_misbruik", "fysieke_mishandeling", "emotionele_mishandeling"):
        _, share = figures.share("problematiek", key)
        label = figures.rows("SELECT label FROM categories WHERE category = ?", key)[0][0]
        answer = ask(engine, wording.format(fraction=fraction, label=label))
        verdict = (
            "Dat klopt niet"
            if abs(share - value) > 1
            else "Dat klopt ongeveer"
            if share != value
            else "Dat klopt"
        )
        assert answer.answered and answer.text.startswith(verdict) and f"{share}%" in answer.text, answer.text
        assert (share == value) != answer.text.startswith(("Dat klopt niet", "Dat klopt ongeveer")), (
            answer.text
        )


@pytest.mark.parametrize(
    ("fraction", "part"),
    [
        ("de helft", Fraction(1, 2)),
        ("twee derde", Fraction(2, 3)),
        ("drie kwart", Fraction(3, 4)),
        ("vier vijfde", Fraction(4, 5)),
        ("een derde", Fraction(1, 3)),
    ],
)
@pytest.mark.parametrize("cue", ["meer dan", "minder dan", "ruim", "bijna"])
def test_a_share_compared_with_a_fraction_of_several_parts(
    engine: Engine, figures: Figures, fraction: str, part: Fraction, cue: str
) -> None:
    """ "Klopt het dat meer dan twee derde van de oproepers een meisje is?": the share against
    2/3 ("meer" was not understood, and "twee derde" alone was not checked); "ruim de helft" is
    more than half, "bijna" less ("ruim" was left over)."""
    checked = 0
    for dimension, noun in (("problematiek", "de meldingen gaat over"), ("geslacht", "de oproepers is")):
        rows = figures.rows(
            "SELECT DISTINCT c.category, c.label FROM categories AS c JOIN shares_figures AS s "
            "USING (dimension, category) WHERE c.dimension = ?",
            dimension,
        )
        for category, label in rows:
            _, share = figures.share(dimension, category)
            if share == part * 100:
                continue
            question = f"Klopt het dat {cue} {fraction} van {noun} {label}?"
            answer = ask(engine, question)
            holds = (share > part * 100) == (cue in ("meer dan", "ruim"))
            assert answer.answered and f"{share}%" in answer.text, (question, answer.text)
            assert answer.text.startswith("Dat klopt:" if holds else "Dat klopt niet"), (
                question,
                answer.text,
            )
            checked += 1
    assert checked


@pytest.mark.parametrize(
    ("count", "word", "most"), [(2, "twee", True), (3, "drie", True), (2, "twee", False), (3, "drie", False)]
)
def test_a_measure_in_the_months_another_ranks_first(
    engine: Engine, count: int, word: str, most: bool
) -> None:
    """ "hoeveel gesprekken samen in de drie maanden met de meeste unieke bezoekers?": those
    months found, and the conversations of them added up (refused as one measure of the other);
    a tie at the edge is asked back."""
    asked = 0
    for counted, condition, year in _measure_pairs():
        by_year = months_by_year()
        values, ranked = by_year[(counted, year)], by_year[(condition, year)]
        ordered = sorted(ranked, key=lambda m: ranked[m], reverse=most)
        extreme = "meeste" if most else "minste"
        answer = ask(
            engine, f"hoeveel {counted} samen in de {word} maanden met de {extreme} {condition} in {year}?"
        )
        if ranked[ordered[count - 1]] == ranked[ordered[count]]:
            assert not answer.answered, answer.text
            continue
        total = sum(values[m] for m in ordered[:count])
        assert answer.answered and f"in totaal: {total}" in without_thousands(answer.text), answer.text
        asked += 1
    assert asked >= 2


def test_a_month_left_out_after_a_range_leaves_the_range_end_in(engine: Engine) -> None:
    """ "van januari t.e.m. september, april niet meegerekend": the range without April (September
    was read as left out too, and January alone given)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        first, last = min(months), max(months)
        if last - first < 3:
            continue
        out = sorted(months)[2]
        answer = ask(
            engine,
            f"Hoeveel {label} in {year} van {MONTHS[first - 1]} t.e.m. {MONTHS[last - 1]}, "
            f"{MONTHS[out - 1]} niet meegerekend?",
        )
        total = sum(v for m, v in months.items() if m != out)
        assert answer.answered and f"in totaal: {total}" in without_thousands(answer.text), answer.text
        asked += 1
    assert asked >= 2


def test_two_helplines_left_out_with_an_article_between(engine: Engine, figures: Figures) -> None:
    """ "in april, Awel en de CLB-chat niet meegeteld": both left out (Awel was counted)."""
    year = figures.latest_year("doorverwijzingen")
    month = figures.months("doorverwijzingen", year)[0]
    per = figures.by_helpline("doorverwijzingen", year, [month])
    first, second = sorted(per, key=lambda h: -per[h])[:2]
    answer = ask(
        engine,
        f"Hoeveel doorverwijzingen waren er in {MONTHS[month - 1]}, {first} en de {second} niet meegeteld?",
    )
    rest = sum(v for h, v in per.items() if h not in (first, second))
    assert answer.answered and f": {rest}." in without_thousands(answer.text), answer.text


def test_the_hours_inside_a_window_of_two_times(engine: Engine, figures: Figures) -> None:
    """ "hoeveel uur per week is de chat open tussen 19u en 22u?": the hours inside the window on
    the days that have them (it was read as the hour 22; every day with hours was named)."""
    rows = figures.rows("SELECT weekday, opens, closes FROM opening_hours")
    spans = {int(w): (int(str(o)[:2]), int(str(c)[:2])) for w, o, c in rows}
    for start, end in ((19, 22), (14, 19), (12, 20)):
        inside = {d: max(0, min(c, end) - max(o, start)) for d, (o, c) in spans.items()}
        answer = ask(engine, f"hoeveel uur per week is de chat open tussen {start}u en {end}u?")
        lead = answer.text.split("\n")[0].split(" Daarnaast")[0]
        assert answer.answered and f"{sum(inside.values())} uur op " in lead, answer.text
        assert all((WEEKDAYS[d - 1] in lead) == bool(hours) for d, hours in inside.items()), answer.text


def test_a_threshold_of_another_measure_corrected_keeps_the_measure_counted(engine: Engine) -> None:
    """ "in de maanden met minstens 100 gesprekken: hoeveel doorverwijzingen van Awel?", "sorry,
    strikt meer dan 100 gesprekken": Awel's referrals again, with the new value (the months of
    the conversations were given)."""
    answer = ask(
        engine,
        "In de maanden met minstens 100 gesprekken in 2020: hoeveel doorverwijzingen kwamen er van Awel?",
    )
    corrected = ask(engine, "sorry, ik bedoelde strikt meer dan 100 gesprekken", answer.context)
    assert corrected.answered and corrected.text.startswith("Doorverwijzingen vanuit Awel"), corrected.text
    assert "meer dan 100" in corrected.text, corrected.text


def test_a_request_sentence_is_a_question_of_its_own(engine: Engine) -> None:
    """ "In welke maand lag de piek? Ik wil weten welke maand daarvoor kwam en hoeveel ... toen":
    the peak, and the month before it with its figure (the second sentence was dropped)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        top = max(months, key=lambda m: months[m])
        if top - 1 not in months or list(months.values()).count(months[top]) > 1:
            continue
        answer = ask(
            engine,
            f"In welke maand lag de piek van het aantal {label} in {year}? Ik wil weten welke maand "
            f"daarvoor kwam en hoeveel {label} er toen waren.",
        )
        expected = f"{MONTHS[top - 2]} {year}: {months[top - 1]}"
        assert answer.answered and expected in without_thousands(answer.text), answer.text
        asked += 1
    assert asked >= 1


def test_a_month_against_the_month_a_ranking_finds(engine: Engine) -> None:
    """ "hoeveel gesprekken minder in augustus 2020 dan in de drukste maand van dat jaar?": the
    month named against the busiest (each month was compared with the year before)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        top = max(months, key=lambda m: months[m])
        low = min(months, key=lambda m: months[m])
        if list(months.values()).count(months[top]) > 1 or low == top:
            continue
        answer = ask(
            engine,
            f"Hoeveel {label} minder waren er in {MONTHS[low - 1]} {year} dan in de drukste maand "
            "van dat jaar?",
        )
        assert answer.answered and f"{months[top] - months[low]} minder" in without_thousands(answer.text), (
            answer.text
        )
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize(
    "correction",
    [
        "nee wacht, ik bedoelde het aantal {label}",
        "euh, ik bedoel de {label}",
        "oh nee, ik bedoelde {label}",
        # ("typfout" was read as a question about what a figure counts)
        "Sorry, typfout: ik bedoelde {label}.",
    ],
)
def test_a_correction_in_the_next_message_replaces_the_measure(engine: Engine, correction: str) -> None:
    """ "nieuwe oproepers in mei 2020?", "nee wacht, ik bedoelde het aantal gesprekken": the
    conversations of May (the words were read as a question about definitions)."""
    by_year = months_by_year()
    pairs = [
        (a, b, year, month)
        for (a, year), months in sorted(by_year.items())
        for (b, other_year), others in sorted(by_year.items())
        if a != b and year == other_year
        for month in sorted(set(months) & set(others))[-1:]
    ]
    for a, b, year, month in pairs[:4]:
        first = ask(engine, f"Hoeveel {a} waren er in {MONTHS[month - 1]} {year}?")
        answer = ask(engine, correction.format(label=b), first.context)
        expected = f"{MONTHS[month - 1]} {year}: {by_year[(b, year)][month]}"
        assert answer.answered and expected in without_thousands(answer.text), answer.text


@pytest.mark.parametrize("extreme", ["meeste", "minste"])
@pytest.mark.parametrize(
    "form", ["{q} en hoeveel {other} waren er toen?", "{q}|hoeveel {other} waren er toen?"]
)
def test_then_after_a_month_found_is_that_month(engine: Engine, extreme: str, form: str) -> None:
    """ "welke maand had de minste gesprekken in 2020 en hoeveel nieuwe oproepers waren er toen?":
    the new callers of that month (the month with the fewest new callers was given)."""
    asked = 0
    for counted, condition, year in _measure_pairs():
        by_year = months_by_year()
        ranked, values = by_year[(condition, year)], by_year[(counted, year)]
        pick = max if extreme == "meeste" else min
        edge = pick(ranked.values())
        if list(ranked.values()).count(edge) > 1:
            continue
        month = next(m for m, v in ranked.items() if v == edge)
        first = f"welke maand had de {extreme} {condition} in {year}"
        if "|" in form:
            answer = ask(engine, f"hoeveel {counted} waren er toen?", ask(engine, f"{first}?").context)
        else:
            answer = ask(engine, form.format(q=first, other=counted))
        expected = f"{MONTHS[month - 1]} {year}: {values[month]}"
        assert answer.answered and expected in without_thousands(answer.text), answer.text
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize(
    "size", ["en hoeveel bedroeg het?", "en met hoeveel {label}?", "en met hoeveel procent?"]
)
def test_the_size_asked_after_a_change_found_is_that_change(engine: Engine, size: str) -> None:
    """ "in welke maand daalde het het sterkst tov de maand ervoor, en met hoeveel gesprekken?": the
    month with its change (the second part was refused as a second calculation)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        steps = {m: months[m] - months[m - 1] for m in months if m - 1 in months}
        if not steps:
            continue
        low = min(steps, key=lambda m: steps[m])
        if steps[low] >= 0 or list(steps.values()).count(steps[low]) > 1:
            continue
        question = f"In welke maand van {year} daalde het aantal {label} het sterkst tov de maand ervoor"
        answer = ask(engine, f"{question}, {size.format(label=label)}")
        assert answer.answered and MONTHS[low - 1] in answer.text and str(steps[low]) in answer.text, (
            answer.text
        )
        asked += 1
    assert asked >= 1


def test_the_nth_week_of_a_month_is_the_week_of_its_nth_monday(engine: Engine, figures: Figures) -> None:
    """ "de derde week van september 2020": the week from the month's third Monday; "de eerste
    week van september" is another week, with no figure (the first campaign week was given)."""
    ordinals = ["eerste", "tweede", "derde", "vierde"]
    weeks = _weeks(figures)
    values = {v for *_, v, _ in weeks}
    starts = {s for s, *_ in weeks}
    for start, _end, value, label in weeks:
        first = start if isinstance(start, datetime.date) else datetime.date.fromisoformat(str(start))
        mondays = [d for d in range(1, 32 - 3) if datetime.date(first.year, first.month, d).weekday() == 0]
        for index, day in enumerate(mondays[:4]):
            question = (
                f"hoeveel {label} in de {ordinals[index]} week van {MONTHS[first.month - 1]} {first.year}?"
            )
            answer = ask(engine, question)
            monday = datetime.date(first.year, first.month, day)
            if monday == first:
                assert answer.answered and given(figures, answer, "") & values == {value}, answer.text
            elif monday not in starts:
                assert not answer.answered and not given(figures, answer, "") & values, (
                    question,
                    answer.text,
                )
                # (without its year too: it is no campaign week counted from the first)
                bare = ask(engine, question.replace(f" {first.year}?", "?"))
                assert not given(figures, bare, "") & values, bare.text


def test_the_first_week_of_a_month_starts_in_it(engine: Engine, figures: Figures) -> None:
    """ "en in de eerste week van oktober?": a week that starts in October, which no source gives
    (the week of 28/09 t.e.m. 01/10 was given)."""
    weeks = _weeks(figures)
    crossing = [(s, e, v, label) for s, e, v, label in weeks if s.month != e.month]  # type: ignore[attr-defined]
    assert crossing
    start, end, value, label = crossing[0]
    month = MONTHS[end.month - 1]  # type: ignore[attr-defined]
    question = f"hoeveel {label} in de eerste week van {month} {end.year}?"  # type: ignore[attr-defined]
    answer = ask(engine, question)
    assert not answer.answered and value not in given(figures, answer, question), answer.text
    last = ask(engine, f"hoeveel {label} in de laatste week van {MONTHS[start.month - 1]} {start.year}?")  # type: ignore[attr-defined]
    assert last.answered and value in given(figures, last, ""), last.text


@pytest.mark.parametrize("people", ["oproepers", "jongeren"])
def test_people_counted_in_a_profile_group_are_refused(engine: Engine, figures: Figures, people: str) -> None:
    """ "hoeveel oproepers hadden een vraag over zichzelf?": a count, where the source gives the
    group's share only (the share was given as the answer); "hoeveel van de oproepers" asks the
    share."""
    rows = figures.rows(
        "SELECT c.label, s.percent FROM shares_figures AS s JOIN categories AS c USING (dimension, category) "
        "WHERE s.dimension = 'onderwerp' ORDER BY c.label"
    )
    label, share = str(rows[0][0]), int(rows[0][1])
    counted = ask(engine, f"hoeveel {people} kwamen {label}?")
    assert not counted.answered, counted.text
    part = ask(engine, f"Hoeveel van de {people} kwamen {label}?")
    assert part.answered and f"{share}%" in part.text, part.text


@pytest.mark.parametrize(
    ("words", "position"),
    [
        ("tweede kleinste", 2),
        ("op één na kleinste", 2),
        ("derde kleinste", 3),
        ("op twee na minst gemelde", 3),
    ],
)
def test_a_place_counted_from_the_bottom_of_the_groups(engine: Engine, words: str, position: int) -> None:
    """ "welke problematiek is de op één na kleinste categorie?": the second from the bottom (the
    second from the top was given), and a claim about it is checked against that place."""
    rows = _db_rows(
        "SELECT c.label, s.percent FROM shares_figures AS s JOIN categories AS c USING (dimension, category) "
        "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures) "
        "ORDER BY 2 ASC"
    )
    shares = [int(str(p)) for _, p in rows]
    assert len(set(shares)) == len(shares)  # (ties would make a place ambiguous)
    label = str(rows[position - 1][0])
    answer = ask(engine, f"Welke problematiek is de {words} categorie?")
    assert answer.answered and label in answer.text, answer.text
    wrong = str(rows[-position][0])
    for named, holds in ((label, True), (wrong, False)):
        claim = ask(engine, f"Klopt het dat {named} de {words} categorie is?")
        assert claim.text.startswith("Dat klopt:" if holds else "Dat klopt niet"), (named, claim.text)


@pytest.mark.parametrize("one_message", [False, True], ids=["turns", "one message"])
def test_the_difference_of_two_groups_asked_one_by_one(engine: Engine, one_message: bool) -> None:
    """ "hoeveel procent emotionele mishandeling?", "en seksueel misbruik? wat is het verschil?":
    the two shares and their difference in points (the second group's evolution was refused, a
    year the question had not asked)."""
    rows = _db_rows(
        "SELECT c.label, s.percent FROM shares_figures AS s JOIN categories AS c USING (dimension, category) "
        "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures) "
        "ORDER BY 2 DESC"
    )
    pairs = list(itertools.pairwise([(str(label), int(str(share))) for label, share in rows]))[:3]
    assert pairs
    for (first, a), (second, b) in pairs:
        context = ask(engine, f"hoeveel procent {first} bij de gemelde problematieken?").context
        if one_message:
            answer = ask(engine, f"en {second}? wat is het verschil?", context)
        else:
            context = ask(engine, f"en {second}?", context).context
            answer = ask(engine, "wat is het verschil?", context)
        points = abs(a - b)
        assert answer.answered and f"het verschil is {points} procentpunt" in answer.text, answer.text


@pytest.mark.parametrize("one_message", [False, True], ids=["turns", "one message"])
@pytest.mark.parametrize("comparative", ["meer", "hoger", "minder"])
def test_the_figure_before_against_a_group_named(engine: Engine, one_message: bool, comparative: str) -> None:
    """ "fysieke en emotionele mishandeling samen, hoeveel procent? en is dat meer dan seksueel
    misbruik?": the sum before (or the one group before) against the group named, with the
    difference in points (the named group's evolution over years was refused, or the groups
    were listed one by one and the sum dropped)."""
    rows = _db_rows(
        "SELECT c.label, s.percent FROM shares_figures AS s JOIN categories AS c USING (dimension, category) "
        "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures) "
        "ORDER BY 2 DESC"
    )
    groups = [(str(label), int(str(share))) for label, share in rows][:4]
    asked = 0
    for (a, x), (b, y), (c, z) in itertools.permutations(groups, 3):
        for before, value in (
            (f"{a} en {b} samen, hoeveel procent is dat?", x + y),
            (f"hoeveel procent {a}?", x),
        ):
            follow = f"en is dat {comparative} dan {c}?"
            if one_message:
                answer = ask(engine, f"{before} {follow}")
            else:
                answer = ask(engine, follow, ask(engine, before).context)
            last = answer.text.split("\n")[-2] if one_message else answer.text
            points = abs(value - z)
            assert answer.answered, (before, follow, answer.text)
            assert f"{value}%" in last and f"{z}%" in last, (before, follow, answer.text)
            assert f"het verschil is {points} procentpunt" in last, (before, follow, answer.text)
            asked += 1
    assert asked >= 24


def _group_nouns() -> list[tuple[str, str]]:
    """(alias, dimension) of the profile's groups whose aliases name people in the plural
    ("meisjes", "jongens", "oudere tieners")."""
    rows = _db_rows("SELECT aliases, dimension FROM categories WHERE dimension IN ('geslacht', 'leeftijd')")
    plural = ("jes", "ens", "ers", "eren", "den")
    return sorted({(a, str(d)) for aliases, d in rows for a in str(aliases).split("|") if a.endswith(plural)})


@pytest.mark.parametrize(("group", "dimension"), _group_nouns())
def test_a_profile_group_counted_by_its_name_is_refused(engine: Engine, group: str, dimension: str) -> None:
    """ "hoeveel meisjes hebben in 2020 gechat?": a count of people the source gives only as a
    share (the share of girls was given as the answer); "hoeveel procent meisjes" is the share."""
    year = _int(_db_rows(f"SELECT max(year) FROM shares_figures WHERE dimension = '{dimension}'")[0][0])
    for question in (f"Hoeveel {group} hebben in {year} gechat?", f"hoeveel {group} chatten er?"):
        counted = ask(engine, question)
        assert not counted.answered, (question, counted.text)
        assert not re.search(r"\d+%", counted.text.split(":", 1)[0]), counted.text


def _with_the_year_before(
    at_least: int,
) -> Iterator[tuple[str, int, dict[int, int], dict[int, int], list[int]]]:
    """(label, year, its months, the months of the year before, the months both have) for every
    measure and year whose year before shares at least that many months."""
    by_year = months_by_year()
    for (label, year), months in sorted(by_year.items()):
        before = by_year.get((label, year - 1), {})
        common = [m for m in sorted(months) if m in before]
        if len(common) >= at_least:
            yield label, year, months, before, common


def test_months_listed_before_a_year_have_that_year(engine: Engine) -> None:
    """ "juli en augustus 2020 samen, en in juli en augustus 2019 samen?": both months of each
    year (July was dropped and August of both years added up)."""
    asked = 0
    for label, year, months, before, common in _with_the_year_before(at_least=2):
        pair = common[-2:]
        a, b = (MONTHS[m - 1] for m in pair)
        answer = ask(
            engine, f"hoeveel {label} in {a} en {b} {year} samen, en in {a} en {b} {year - 1} samen?"
        )
        text = without_thousands(answer.text)
        for series in (months, before):
            assert answer.answered and str(sum(series[m] for m in pair)) in text, answer.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        # "en augustus in beide jaren?": August of both years (of the year before only)
        (
            ["hoeveel {label} in {m1} {year}?", "en {m1} {prev}?", "en {m2} in beide jaren?"],
            "{b2} en {v2}",
        ),
        # "april in plaats van maart, zelfde twee jaren": April of both (March and April were added up)
        (
            [
                "Hoeveel {label} in {m1} {year} en in {m1} {prev}?",
                "Nee, ik bedoelde {m2} in plaats van {m1}, zelfde twee jaren.",
            ],
            "{m2} {prev} en {m2} {year}: {b2} en {v2}",
        ),
    ],
    ids=["in beide jaren", "in plaats van"],
)
def test_a_follow_up_about_another_month_of_both_years(
    engine: Engine, turns: list[str], expected: str
) -> None:
    """A follow-up that names another month for the two years asked before: that month of both."""
    asked = 0
    for label, year, months, before, common in _with_the_year_before(at_least=2):
        first, other = common[0], common[1]
        names = {
            "label": label,
            "year": year,
            "prev": year - 1,
            "m1": MONTHS[first - 1],
            "m2": MONTHS[other - 1],
        }
        context = None
        for turn in turns:
            answer = ask(engine, turn.format(**names), context)
            context = answer.context
        wanted = expected.format(**names, b2=before[other], v2=months[other])
        assert answer.answered and wanted in without_thousands(answer.text), answer.text
        asked += 1
    assert asked >= 1


def test_months_listed_before_a_year_are_points_of_that_year(engine: Engine) -> None:
    """ "gesprekken in juni en juli 2019 en augustus 2020": June and July of 2019 with August of
    2020 (June was dropped, or read for both years)."""
    asked = 0
    for label, year, months, before, common in _with_the_year_before(at_least=3):
        a, b, c = common[:3]
        first = f"{MONTHS[a - 1]} en {MONTHS[b - 1]} {year - 1}"
        answer = ask(engine, f"hoeveel {label} in {first} en {MONTHS[c - 1]} {year} samen?")
        total = before[a] + before[b] + months[c]
        assert answer.answered and f"in totaal: {total}" in without_thousands(answer.text), answer.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize("cue", _lexicon_table("exact")["words"])  # type: ignore[arg-type]
def test_the_exact_figure_of_a_bound_is_not_answered(engine: Engine, cue: str) -> None:
    """ "hoeveel nieuwe oproepers in heel 2019? Graag het exacte aantal": the source gives "meer
    dan 330", a bound, so the exact figure is refused with the bound said as what is available
    (the bound was given as the answer); asked without the cue, the bound is the answer."""
    rows = _db_rows(
        "SELECT m.label, y.year, y.value, y.qualifier FROM yearly_figures AS y "
        "JOIN metrics AS m USING (metric) WHERE y.qualifier IS NOT NULL"
    )
    assert rows
    for label, year, value, qualifier in rows:
        plain = f"Hoeveel {label} waren er in heel {year}?"
        bound = f"{qualifier} {_int(value)}"
        assert ask(engine, plain).answered
        for question in (f"{plain} Graag {cue}.", f"{plain.removesuffix('?')}, {cue}?"):
            answer = ask(engine, question)
            assert not answer.answered and bound in answer.text, (question, answer.text)


def test_months_asked_before_against_a_whole_year(engine: Engine) -> None:
    """ "heel 2019?", "en 2020 t.e.m. september?", "hoeveel meer is dat al dan heel 2019?": those
    months against the whole year as printed (the same months of both years were compared)."""
    by_year = months_by_year()
    qualified = {
        (str(lab), _int(y))
        for lab, y in _db_rows(
            "SELECT m.label, y.year FROM yearly_figures AS y JOIN metrics AS m USING (metric) "
            "WHERE y.qualifier IS NOT NULL"
        )
    }
    asked = 0
    for label, year, value in _yearly_totals():
        later = by_year.get((label, year + 1))
        if not later or (label, year) in qualified:  # ("meer dan 330": no difference to give)
            continue
        last = max(later)
        context = ask(engine, f"Hoeveel {label} in heel {year}?").context
        context = ask(engine, f"En in {year + 1} tot en met {MONTHS[last - 1]}?", context).context
        answer = ask(engine, f"Hoeveel {label} meer is dat al dan heel {year}?", context)
        total = sum(later.values())
        expected = f"{value} en {total}"
        assert answer.answered and expected in without_thousands(answer.text), answer.text
        asked += 1
    assert asked >= 1


def test_the_months_asked_by_a_request_and_then_those_months(engine: Engine, figures: Figures) -> None:
    """ "geef me de maanden waarin de 1712-chat doorverwees", "tel de Awel-doorverwijzingen in
    diezelfde maanden eens op": the months with a referral, then Awel's referrals of them (the
    1712's total, then Awel's total, were given)."""
    year = figures.latest_year("doorverwijzingen")
    months = figures.months("doorverwijzingen", year)
    per_month = {m: figures.by_helpline("doorverwijzingen", year, [m]) for m in months}
    helplines = sorted(per_month[months[0]])
    asked = 0
    for first, second in itertools.permutations(helplines, 2):
        hits = [m for m in months if per_month[m][first] > 0]
        if not hits or len(hits) == len(months):
            continue
        listed = ask(engine, f"Geef me de maanden waarin de {first} doorverwees.")
        assert listed.answered and f"Aantal maanden: {len(hits)} van de {len(months)}" in listed.text, (
            listed.text
        )
        summed = ask(
            engine, f"Tel de doorverwijzingen van {second} in diezelfde maanden eens op.", listed.context
        )
        total = sum(per_month[m][second] for m in hits)
        assert summed.answered and f"in totaal: {total}" in without_thousands(summed.text), summed.text
        asked += 1
        if asked >= 3:
            break
    assert asked >= 1


@pytest.mark.parametrize("rest", ["En de rest, waarover gaat het dan en hoeveel procent?", "en de rest?"])
def test_the_rest_of_a_profile_group_is_the_rest_of_its_split(
    engine: Engine, figures: Figures, rest: str
) -> None:
    """ "hoeveel procent heeft een vraag over zichzelf?", "en de rest, waarover gaat het dan?":
    everyone else of that split (the problem categories were given, "waarover" read as a problem)."""
    rows = figures.rows(
        "SELECT c.label, s.percent FROM shares_figures AS s JOIN categories AS c USING (dimension, category) "
        "WHERE s.dimension = 'onderwerp' ORDER BY s.percent DESC"
    )
    label, share = str(rows[0][0]), int(rows[0][1])
    first = ask(engine, f"Hoeveel procent van de oproepers komt {label}?")
    answer = ask(engine, rest, first.context)
    assert answer.answered and f"{100 - share}%" in answer.text, answer.text


@pytest.mark.parametrize("unit", _lexicon_table("precision")["units"])  # type: ignore[arg-type]
def test_every_way_to_ask_decimals_rounds_the_change(engine: Engine, unit: str) -> None:
    """ "... ? 1 cijfer na komma": the decimals asked, for every phrase the lexicon lists (a phrase
    without "de" was a word not understood)."""
    earlier, later = YEAR_PAIRS[0]
    month = MONTHS[earlier.month - 1]
    for places in (1, 2):
        asked = f"procentuele stijging {earlier.label} {month} {later.year} tov {month} {earlier.year}?"
        question = f"{asked} {places} {unit}"
        answer = ask(engine, question)
        change = Fraction(later.value - earlier.value, earlier.value) * 100
        expected = f"{'+' if change > 0 else ''}{decimal_text(change, places)}%"
        assert answer.answered and expected in answer.text, (question, answer.text)


@pytest.mark.parametrize("thanks", ["", " thx", " Alvast bedankt!"])
def test_two_days_asked_in_one_message_are_both_answered(
    engine: Engine, figures: Figures, thanks: str
) -> None:
    """ "welke uren is de chat open op woensdag? En op maandag? thx": both days (the thanks after
    the last question made the message one question, and Monday was dropped)."""
    days = _hours_by_day(figures)
    for first, second in itertools.pairwise(sorted(days)):
        answer = ask(engine, f"welke uren is de chat open op {first}? En op {second}?{thanks}")
        for day in (first, second):
            hours = int(days[day][1] - days[day][0])
            assert answer.answered and f"Op {day} is de chat open" in answer.text, answer.text
            assert f"({hours} uur)" in answer.text, answer.text


@pytest.mark.parametrize(("words", "position"), [("de op één na grootste", 2), ("de derde grootste", 3)])
def test_a_place_asked_after_the_first_of_a_ranking_in_one_message(
    engine: Engine, words: str, position: int
) -> None:
    """ "Wat is de meest gemelde problematiek? En de op één na grootste?": the first and the
    place asked (the place alone was given)."""
    rows = _db_rows(
        "SELECT c.label, s.percent FROM shares_figures AS s JOIN categories AS c USING (dimension, category) "
        "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures) "
        "ORDER BY 2 DESC"
    )
    answer = ask(engine, f"Wat is de meest gemelde problematiek en met welk percentage? En {words}?")
    for label, share in (rows[0], rows[position - 1]):
        assert answer.answered and f"{label} ({share}%)" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "dimension"),
    [
        ("Welke leeftijdscategorieën zijn het sterkst vertegenwoordigd?", "leeftijd"),
        ("Wat is de leeftijd van de oproepers?", "leeftijd"),
        ("Hoe oud zijn de oproepers?", "leeftijd"),
    ],
)
@pytest.mark.parametrize(
    "added", ["hoeveel procent is dat samen?", "welk percentage zit samen in die categorieën?"]
)
def test_the_groups_of_a_split_listed_are_added_up_after(
    engine: Engine, question: str, dimension: str, added: str
) -> None:
    """ "Welke leeftijdscategorieën zijn het sterkst vertegenwoordigd?", "hoeveel procent is dat
    samen?": the groups listed, added up (which groups to add was asked back; "categorieën" was
    read as the problems, which have no ages)."""
    rows = _db_rows(
        f"SELECT percent FROM shares_figures WHERE dimension = '{dimension}' "
        f"AND year = (SELECT max(year) FROM shares_figures WHERE dimension = '{dimension}')"
    )
    total = sum(_int(p) for (p,) in rows)
    listed = ask(engine, question)
    answer = ask(engine, added, listed.context)
    assert answer.answered and f"samen {total}%" in answer.text, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel {label} waren er in de maand waarin {helpline} het {most} doorverwees?",
        "In de maand dat de {helpline} het {most} doorverwees, hoeveel {label} waren er?",
        "Hoeveel {label} waren er in de maand met de {most_e} doorverwijzingen vanuit {helpline}?",
    ],
)
@pytest.mark.parametrize("most", ["meest", "minst"])
def test_a_measure_in_the_month_a_helplines_ranking_finds(
    engine: Engine, figures: Figures, wording: str, most: str
) -> None:
    """ "Hoeveel gesprekken in de maand waarin 1712 het meest doorverwees?": that helpline's month
    (May), then the conversations of it (the referrals of every helpline were ranked, a tie asked
    back, or the month asked as that of a dated fact)."""
    year = figures.latest_year("doorverwijzingen")
    months = figures.months("doorverwijzingen", year)
    conversations = months_by_year()[("chatgesprekken", year)]
    per = {m: figures.by_helpline("doorverwijzingen", year, [m]) for m in months}
    asked = 0
    for helpline in sorted(per[months[0]]):
        series = {m: per[m].get(helpline, 0) for m in months}
        edge = (max if most == "meest" else min)(series.values())
        hits = [m for m, v in series.items() if v == edge]
        question = wording.format(
            label="chatgesprekken",
            helpline=helpline,
            most=most,
            most_e="meeste" if most == "meest" else "minste",
        )
        answer = ask(engine, question)
        if len(hits) == 1:
            assert answer.answered and MONTHS[hits[0] - 1] in answer.text, (question, answer.text)
            assert figures.has(answer.text, conversations[hits[0]]), (question, answer.text)
            asked += 1
        else:
            assert not answer.answered, (question, answer.text)
    assert asked >= 1


@pytest.mark.parametrize("joined", ["{a} en {b}", "{a}-{b}", "de zomer ({a}-{b})"])
def test_two_months_inside_a_range_are_both_the_part(engine: Engine, joined: str) -> None:
    """ "Hoeveel procent van de nieuwe oproepers van jan-sep 2019 kwam in juli en augustus?": both
    months as a share of the range (July alone was, and "jul-aug" was dropped)."""
    asked = 0
    for (label, year), months in sorted(months_by_year().items()):
        ordered = sorted(months)
        if len(ordered) < 4:
            continue
        a, b = ordered[-3], ordered[-2]
        first, last = MONTHS[ordered[0] - 1][:3], MONTHS[ordered[-1] - 1][:3]
        part = joined.format(a=MONTHS[a - 1][:3], b=MONTHS[b - 1][:3])
        question = f"Hoeveel procent van de {label} van {first}-{last} {year} kwam in {part}?"
        answer = ask(engine, question)
        expected = one_decimal_percent(months[a] + months[b], sum(months.values()))
        assert answer.answered and expected in answer.text, (question, answer.text)
        asked += 1
    assert asked >= 4


def _fall_words() -> list[str]:
    """The lexicon's single words for a fall that fit "hoeveel is het ...?" or "hoeveel ... het?"."""
    return [
        str(w)
        for w in _lexicon_table("change_ranking")["down"]
        if " " not in str(w) and str(w).endswith(("t", "e"))
    ]  # type: ignore[attr-defined]


@pytest.mark.parametrize("word", _fall_words())
def test_every_word_for_a_fall_compares_the_months_asked(engine: Engine, word: str) -> None:
    """ "Hoeveel gesprekken in april en mei 2020 en hoeveel is het gezakt?": both months and the
    difference, for every word of the lexicon for a fall ("gezakt" was not understood)."""
    for (label, year), months in sorted(months_by_year().items())[:3]:
        a, b = next((m, m + 1) for m in sorted(months) if m + 1 in months and months[m] > months[m + 1])
        how = f"hoeveel is het {word}" if word.endswith("t") else f"met hoeveel {word} het"
        question = f"Hoeveel {label} in {MONTHS[a - 1]} en {MONTHS[b - 1]} {year} en {how}?"
        answer = ask(engine, question)
        difference = months[a] - months[b]
        assert answer.answered and re.search(rf"(?<![\d,]){difference}(?![\d,])", answer.text), (
            question,
            answer.text,
        )


@pytest.mark.parametrize(
    "question",
    [
        "Welke leeftijdscategorieën zijn het sterkst vertegenwoordigd en voor welk percentage zijn ze samen"
        " goed?",
        "Hoe oud zijn de oproepers, en hoeveel procent is dat samen?",
    ],
)
def test_the_groups_of_a_split_added_up_in_one_message(engine: Engine, question: str) -> None:
    """The groups of the split the question names, added up in the same message (the groups
    were listed without their sum)."""
    rows = _db_rows(
        "SELECT percent FROM shares_figures WHERE dimension = 'leeftijd' "
        "AND year = (SELECT max(year) FROM shares_figures WHERE dimension = 'leeftijd')"
    )
    answer = ask(engine, question)
    assert answer.answered and f"samen {sum(_int(p) for (p,) in rows)}%" in answer.text, answer.text


def test_the_share_of_two_helplines_asked_one_by_one(engine: Engine, figures: Figures) -> None:
    """ "doorverwijzingen in april vanuit de CLB-chat?", "en vanuit Awel?", "hoeveel procent van
    alle doorverwijzingen in april kwam van die twee samen?": the two over April's total (April
    was given as a share of the whole period)."""
    year = figures.latest_year("doorverwijzingen")
    asked = 0
    for month in figures.months("doorverwijzingen", year)[:3]:
        per = figures.by_helpline("doorverwijzingen", year, [month])
        total = sum(per.values())
        a, b = sorted(per)[:2]
        if not total:
            continue
        name = MONTHS[month - 1]
        context = ask(engine, f"Hoeveel doorverwijzingen in {name} vanuit {a}?").context
        context = ask(engine, f"en vanuit {b}?", context).context
        question = f"hoeveel procent van alle doorverwijzingen in {name} kwam van die twee samen?"
        answer = ask(engine, question, context)
        expected = one_decimal_percent(per[a] + per[b], total)
        assert answer.answered and expected in answer.text, (month, answer.text)
        asked += 1
    assert asked >= 2


@pytest.mark.parametrize("shift", ["dat jaar ervoor?", "en het jaar ervoor?", "en een jaar eerder?"])
def test_a_year_earlier_keeps_the_period_asked(engine: Engine, shift: str) -> None:
    """ "hoeveel gesprekken in het derde kwartaal van 2020?", "dat jaar ervoor?": the same months a
    year earlier ("dat jaar" took the whole year, and "ervoor" was dropped: 2020's total was given)."""
    asked = 0
    for label, (before, latest), earlier, _ in last_two_years():
        quarters = [
            (f"het {word} kwartaal", range(3 * q + 1, 3 * q + 4))
            for q, word in enumerate(["eerste", "tweede", "derde"])
            if all(m in earlier for m in range(3 * q + 1, 3 * q + 4))
        ]
        months = [(MONTHS[m - 1], range(m, m + 1)) for m in sorted(earlier)[:3]]
        for period, span in [*quarters, *months]:
            context = ask(engine, f"hoeveel {label} in {period} van {latest}?").context
            answer = ask(engine, shift, context)
            expected = sum(earlier[m] for m in span)
            assert answer.answered and str(before) in answer.text, (period, answer.text)
            first = answer.text.split("\n")[0]
            assert re.search(rf"(?<![\d.,]){expected}(?![\d]|,\d)", first), (
                label,
                period,
                shift,
                answer.text,
            )
            asked += 1
    assert asked >= 12


@pytest.mark.parametrize(
    "adding",
    [
        "En als je {added} erbij telt?",
        "Tel daar {added} bij: hoeveel is dat samen?",
        "en met {added} erbij?",
        "en als je {added} meetelt?",
        "Tel {added} er ook bij",
    ],
)
def test_a_helpline_added_to_those_asked_before(engine: Engine, figures: Figures, adding: str) -> None:
    """ "Hoeveel doorverwijzingen via de CLB-chat?", "En als je de JAC-chat erbij telt?": the
    helplines before and the one named, added up (the one named was given alone)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    labels = sorted(totals)
    asked = 0
    for first, second, added in itertools.permutations(labels, 3):
        context = ask(engine, f"Hoeveel doorverwijzingen kwamen er via {first}?").context
        one = ask(engine, adding.format(added=added), context)
        two_before = ask(engine, f"En van {second}?", context).context
        two = ask(engine, adding.format(added=added), two_before)
        for answer, summed in ((one, (first, added)), (two, (first, second, added))):
            expected = sum(totals[h] for h in summed)
            assert answer.answered and f"samen: {expected}" in answer.text, (summed, answer.text)
        asked += 1
    assert asked >= 6


def test_months_against_the_mean_of_their_year(engine: Engine) -> None:
    """ "Lag september 2020 boven of onder het maandgemiddelde van 2020?", "had april meer
    gesprekken dan gemiddeld?", "welke maanden hadden meer gesprekken dan het maandgemiddelde?":
    the month against its year's mean (September's own mean was its limit, "dan gemiddeld" was
    a claim of "meer dan 0", and the months "met meer ... dan het maandgemiddelde" were two
    years' means set against each other)."""
    asked = 0
    for (label, year), months in months_by_year().items():
        if len(months) < 3:
            continue
        mean = Fraction(sum(months.values()), len(months))
        for month in sorted(months)[::3]:
            value = months[month]
            position = "boven" if value > mean else "onder" if value < mean else "gelijk aan"
            for question in (
                f"Lag het aantal {label} in {MONTHS[month - 1]} {year} boven of onder het "
                f"maandgemiddelde van {year}?",
                f"had {MONTHS[month - 1]} {year} meer {label} dan gemiddeld?",
            ):
                answer = ask(engine, question)
                lead = answer.text.split("\n")[0]
                assert answer.answered and f"{MONTHS[month - 1]}: {value}," in lead, (question, answer.text)
                assert f"{position} het maandgemiddelde" in lead, (question, answer.text)
                assert f"{round_half_up(Decimal(mean.numerator) / mean.denominator)} (" in lead, answer.text
                asked += 1
        above = [MONTHS[m - 1] for m in sorted(months) if months[m] > mean]
        listed = ask(engine, f"welke maanden van {year} hadden meer {label} dan het maandgemiddelde?")
        assert listed.answered, listed.text
        found = [name for name in MONTHS if re.search(rf"\b{name} \(", listed.text)]
        assert found == above, (label, year, listed.text)
    assert asked >= 8


@pytest.mark.parametrize("others", ["En op de andere avonden samen?", "en de overige dagen?"])
def test_the_other_days_after_one_day_asked(engine: Engine, figures: Figures, others: str) -> None:
    """ "Hoeveel uur is de chat open op woensdag?", "En op de drie andere avonden samen?": every
    day with hours but that one, added up (the whole week's hours were given)."""
    by_day = _hours_by_day(figures)
    for day in by_day:
        context = ask(engine, f"hoeveel uur is de chat open op {day}?").context
        answer = ask(engine, others, context)
        rest = sum(c - o for d, (o, c) in by_day.items() if d != day)
        assert answer.answered and f"samen {rest:g} uur" in answer.text, (day, answer.text)
        assert f"Zonder {day}" in answer.text, answer.text


@pytest.mark.parametrize(
    ("description", "bounds"),
    [
        ("de maand waarin het thema verbreed werd", False),
        ("het jaar van de campagne", False),
        ("toen de scholen dicht waren", False),
        ("na de post van JustNicolas", True),
        ("voor de vlog", True),
    ],
)
def test_a_period_described_after_a_comma(
    engine: Engine, figures: Figures, description: str, bounds: bool
) -> None:
    """ "En in 2016, het jaar waarin het thema verbreed werd?" after a figure: the period asked,
    with its description said back (the words of the description chose the history instead);
    "En in oktober, na de post van ...?" bounds the period, which no figure does."""
    for p in OVERALL[::11]:
        before = ask(engine, f"hoeveel {p.label} waren er in januari {p.year}?").context
        plain = ask(engine, f"En in {MONTHS[p.month - 1]} {p.year}?", before)
        described = ask(engine, f"En in {MONTHS[p.month - 1]} {p.year}, {description}?", before)
        if bounds:
            assert not described.answered and not given(figures, described, description), described.text
        else:
            assert described.answered and plain.answered, described.text
            assert plain.text.split("\n")[0] in described.text, (plain.text, described.text)
            assert description in described.text, described.text


@pytest.mark.parametrize(("count", "word"), [(2, "twee"), (3, "drie")])
def test_weeks_counted_from_an_event_date(engine: Engine, figures: Figures, count: int, word: str) -> None:
    """ "Hoeveel nieuwe oproepers in de twee weken na de video van JustNicolas op 21 september?":
    the weekly figures from that date, as many weeks as asked, or a question back (the campaign's
    facts gave the first week alone)."""
    weeks = _weeks(figures)
    first = weeks[0]
    start = first[0]
    assert isinstance(start, datetime.date)
    question = (
        f"Hoeveel {first[3]} waren er in de {word} weken na de video van JustNicolas op "
        f"{start.day} {MONTHS[start.month - 1]}?"
    )
    answer = ask(engine, question)
    following = [w for w in weeks if w[0] >= start and w[3] == first[3]]
    if len(following) == count:
        assert answer.answered and f"Samen in die weken: {sum(w[2] for w in following)}" in answer.text, (
            answer.text
        )
    else:  # (the weeks it has are named by their dates)
        assert not answer.answered and "Samen" not in answer.text, answer.text


def _lower_bound_metrics() -> set[str]:
    """Measures a caveat marks as a lower bound: the true number is at least the figure."""
    return {str(m) for (m,) in _db_rows("SELECT DISTINCT metric FROM caveats WHERE bound = 'ondergrens'")}


def test_a_claim_above_a_lower_bound_is_neither_confirmed_nor_denied(engine: Engine) -> None:
    """ "Klopt het dat in mei 2020 meer dan 50 jongeren geen antwoord kregen?": the 35 in the queue
    are the least there were, so "more than 50" cannot be denied (it was: "Nee: 35"); below the
    figure a claim still holds or fails."""
    bounded = _lower_bound_metrics()
    assert bounded
    asked = 0
    for p in OVERALL[::3]:
        period = f"in {MONTHS[p.month - 1]} {p.year}"
        above = ask(engine, f"klopt het dat er {period} meer dan {p.value + 10} {p.label} waren?")
        under = ask(engine, f"klopt het dat er {period} minder dan {max(p.value - 1, 1)} {p.label} waren?")
        lead = above.text.split(":")[0]
        if p.metric in bounded:
            assert lead.startswith("Dat kan ik niet bevestigen of ontkennen"), above.text
            asked += 1
        else:
            assert lead.startswith("Nee"), above.text
        if p.value > 1:
            assert under.text.startswith("Nee"), under.text
    assert asked >= 1


def test_two_questions_about_the_hours_in_one_message(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel uur per week is de chat open, en tot hoe laat kan je er op woensdag terecht?":
    both answered (the weekly hours were dropped, the day's answered alone)."""
    by_day = _hours_by_day(figures)
    week = sum(c - o for o, c in by_day.values())
    for day, (_opens, closes) in by_day.items():
        answer = ask(
            engine, f"Hoeveel uur per week is de chat open, en tot hoe laat kan je er op {day} terecht?"
        )
        assert answer.answered and f"{week:g} uur per week" in answer.text, answer.text
        assert f"Op {day} is de chat open" in answer.text and f"tot {closes:g}u" in answer.text, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel meer {label} waren er tussen {first} en {last} {latest} dan in dezelfde periode van "
        "{before}?",
        "Wat was de procentuele stijging van de {label} van {first} tot {last} {latest} tegenover "
        "dezelfde maanden in {before}?",
        # (the newest year unsaid: the range is no two ends of one year)
        "Wat was de procentuele stijging van de {label} van {first} tot {last} tegenover dezelfde "
        "maanden in {before}?",
    ],
)
def test_a_range_compared_with_a_base_of_its_own_stays_one_period(engine: Engine, wording: str) -> None:
    """ "tussen januari en september 2020 meer ... dan in dezelfde periode van 2019", "van juli tot
    september ... tegenover hetzelfde kwartaal in 2019": the range against the same months of the
    other year (January was set against September, or the two ends of the range compared)."""
    asked = 0
    for label, (before, latest), earlier, later in last_two_years():
        common = sorted(set(earlier) & set(later))
        for first, last in ((common[0], common[-1]), (common[1], common[-2])):
            span = range(first, last + 1)
            question = wording.format(
                label=label, first=MONTHS[first - 1], last=MONTHS[last - 1], latest=latest, before=before
            )
            answer = ask(engine, question)
            lead = answer.text.split("\n")[0]
            sums = (sum(earlier[m] for m in span), sum(later[m] for m in span))
            assert answer.answered and all(re.search(rf"\b{s}\b", lead) for s in sums), (
                question,
                answer.text,
            )
            asked += 1
    assert asked >= 4


def test_a_claim_of_one_value_per_year(engine: Engine) -> None:
    """ "Klopt het dat er in mei 2020 100 gesprekken waren, tegenover 51 in mei 2019?": each value
    checked for its own year (the first was checked against both)."""
    asked = 0
    for label, (before, latest), earlier, later in last_two_years():
        for month in sorted(set(earlier) & set(later))[::4]:
            name = MONTHS[month - 1]
            for off in (0, 1):
                question = (
                    f"klopt het dat er in {name} {latest} {later[month]} {label} waren, tegenover "
                    f"{earlier[month] + off} in {name} {before}?"
                )
                answer = ask(engine, question)
                verdicts = re.findall(r"Dat klopt( niet)?: [^.]*?(\d{4}): ", answer.text)
                by_year = {int(year): not negated for negated, year in verdicts}
                assert by_year == {latest: True, before: off == 0}, (question, answer.text)
                asked += 1
    assert asked >= 4


@pytest.mark.parametrize(
    "asking", ["Gemiddelde van die twee?", "en gemiddeld?", "wat is het gemiddelde daarvan?"]
)
def test_the_mean_of_points_asked_one_by_one(engine: Engine, asking: str) -> None:
    """ "Hoeveel gesprekken in mei 2019?", "En in mei 2020?", "Gemiddelde van die twee?": the mean
    of the two months asked (the newest year's monthly mean was given)."""
    asked = 0
    for label, (before, latest), earlier, later in last_two_years():
        for month in sorted(set(earlier) & set(later))[::3]:
            name = MONTHS[month - 1]
            context = ask(engine, f"Hoeveel {label} waren er in {name} {before}?").context
            context = ask(engine, f"En in {name} {latest}?", context).context
            answer = ask(engine, asking, context)
            total = earlier[month] + later[month]
            mean = Fraction(total, 2)
            written = f"{mean.numerator // 2},5" if mean.denominator == 2 else str(mean.numerator)
            assert answer.answered and written in answer.text and f"{total} in 2 maanden" in answer.text, (
                label,
                month,
                answer.text,
            )
            asked += 1
    assert asked >= 4


def test_the_share_of_a_month_in_a_whole_asked_before_and_its_follow_ups(engine: Engine) -> None:
    """ "Hoeveel gesprekken in juni, juli en augustus 2020 samen?", "Welk deel daarvan viel in
    juli?", "en augustus?", "en in 2019?": each month as a part of the same whole, also a year
    earlier (July's share of its year was given; then August's of the year; then the three months'
    share of 2019)."""
    asked = 0
    for label, (before, latest), earlier, later in last_two_years():
        common = sorted(set(earlier) & set(later))
        if len(common) < 3:
            continue
        block = common[-3:]
        names = [MONTHS[m - 1] for m in block]
        context = ask(
            engine, f"Hoeveel {label} waren er in {names[0]}, {names[1]} en {names[2]} {latest} samen?"
        ).context
        whole = sum(later[m] for m in block)
        first = ask(engine, f"Welk deel daarvan viel in {names[1]}?", context)
        assert one_decimal_percent(later[block[1]], whole) in first.text, first.text
        then = ask(engine, f"en {names[2]}?", first.context)
        assert one_decimal_percent(later[block[2]], whole) in then.text, then.text
        year_before = ask(engine, f"en in {before}?", then.context)
        whole_before = sum(earlier[m] for m in block)
        assert one_decimal_percent(earlier[block[2]], whole_before) in year_before.text, year_before.text
        asked += 1
    assert asked >= 2


def test_the_week_of_a_dated_fact_told_before(engine: Engine, figures: Figures) -> None:
    """ "Op welke dag vermeldde JustNicolas de chatlijn?", "Hoeveel nieuwe oproepers waren er in die
    week?", "En de week daarna?", "Tel die twee eens op.": the week of the day told, the next, and
    both added up (every week was given twice, then two whole years added up)."""
    facts = figures.rows(
        "SELECT text, date FROM facts WHERE date LIKE '____-__-__' AND certainty = 'vermeld' ORDER BY date"
    )
    weeks = _weeks(figures)
    asked = 0
    for text, day in facts:
        names = re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b", text)  # "JustNicolas"
        told = datetime.date.fromisoformat(str(day))
        held = [i for i, w in enumerate(weeks) if isinstance(w[0], datetime.date) and w[0] <= told <= w[1]]
        if not names or not held or held[0] + 1 >= len(weeks):
            continue
        this, after = weeks[held[0]], weeks[held[0] + 1]
        context = ask(engine, f"Op welke dag vermeldde {names[0]} de chatlijn?").context
        one = ask(engine, f"Hoeveel {this[3]} waren er in die week?", context)
        assert one.answered and f": {this[2]} " in one.text and f": {after[2]} " not in one.text, one.text
        two = ask(engine, "En de week daarna?", one.context)
        assert two.answered and f": {after[2]} " in two.text and f": {this[2]} " not in two.text, two.text
        both = ask(engine, "Tel die twee eens op.", two.context)
        assert both.answered and f"Samen in die weken: {this[2] + after[2]}" in both.text, both.text
        earlier = ask(engine, f"Hoeveel {this[3]} waren er de week daarvoor?", context)
        if held[0] == 0:  # (no week before it has a figure)
            assert not earlier.answered and f": {this[2]} " not in earlier.text, earlier.text
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize("claim", ["Haalde die er wel {n}?", "Was dat er minstens {n}?"])
def test_a_claim_about_a_month_found_never_lists_the_sources(engine: Engine, claim: str) -> None:
    """ "Welke maand had het minst nieuwe oproepers?", "Haalde die er wel 20?": about the month
    found, or a question back; never the sources with their dates ("wat is vraag nummer 808" was
    the nearest example)."""
    for label, (_before, latest), _earlier, later in last_two_years():
        context = ask(engine, f"Welke maand van {latest} had het minst {label}?").context
        answer = ask(engine, claim.format(n=min(later.values()) + 1), context)
        assert answer.intent != "bron" and not answer.text.startswith("Mijn cijfers komen"), answer.text


@pytest.mark.parametrize(
    ("question", "given_by_source"),
    [
        ("van welke partij is de minister die antwoordde?", False),
        ("tot welke fractie behoort de vraagsteller?", False),
        ("op welke datum kwam het antwoord van de minister?", False),
        ("wanneer werd het antwoord gepubliceerd?", False),
        ("wanneer werd de vraag gesteld?", True),
        ("wie stelde de schriftelijke vraag?", True),
    ],
)
def test_a_detail_of_the_source_it_does_not_give(
    engine: Engine, figures: Figures, question: str, given_by_source: bool
) -> None:
    """ "van welke partij is de minister?", "wanneer kwam het antwoord?": the source gives neither
    (every source was listed, with the question's date as if it answered); what it gives, still is."""
    answer = ask(engine, question)
    dates = [str(d) for (d,) in figures.rows("SELECT strftime(date, '%d/%m/%Y') FROM sources")]
    assert answer.answered == given_by_source, answer.text
    assert any(d in answer.text for d in dates) == given_by_source, answer.text


def _campaign_counts(figures: Figures) -> list[tuple[str, int]]:
    """(unit, value) of the campaign's facts that count something ("views", 38000)."""
    rows = figures.rows("SELECT unit, value FROM facts WHERE topic = 'campagne' AND value IS NOT NULL")
    return [(str(u), _int(v)) for u, v in rows if u and str(u) != "jaar"]


def test_a_count_of_one_fact_with_another_facts_unit_named_as_whose(engine: Engine, figures: Figures) -> None:
    """ "hoeveel views hadden de vlogs en de instagrampost van de influencers?": the views; the
    influencers say whose posts (both facts matched, and neither was given)."""
    counts = _campaign_counts(figures)
    assert len(counts) >= 2
    for (unit, value), (other, _) in itertools.permutations(counts, 2):
        answer = ask(engine, f"hoeveel {unit} hadden de posts van de {other}?")
        spelled = [w for w, n in engine.lexicon.number_words.items() if n == value]
        said = Figures.has(answer.text, value) or any(f" {w} {unit}" in answer.text for w in spelled)
        assert answer.answered and said, answer.text


@pytest.mark.parametrize("group", ["meisjes", "jongens", "jongeren tussen 12 en 15 jaar"])
def test_a_part_of_a_fact_is_not_a_part_of_the_callers(engine: Engine, figures: Figures, group: str) -> None:
    """ "Hoeveel views hebben de posts?", "en hoeveel daarvan kwamen van meisjes?": the source
    splits no fact; the callers' split is another population (80% of callers was given)."""
    shares = {_int(v) for (v,) in figures.rows("SELECT percent FROM shares")}
    for unit, _value in _campaign_counts(figures):
        context = ask(engine, f"hoeveel {unit} waren er in de campagne?").context
        answer = ask(engine, f"en hoeveel daarvan kwamen van {group}?", context)
        assert not answer.answered and not any(Figures.has(answer.text, v) for v in shares), answer.text


@pytest.mark.parametrize(
    "follow_up",
    [
        "hoeveel {label} kwamen er na die post?",
        # a measure of its own and "die": still that post (a year's total was given)
        "hoeveel {label} leverde die op?",
        "hoeveel {label} heeft dat opgeleverd?",
    ],
)
def test_a_pointer_to_a_named_fact_keeps_its_name(engine: Engine, figures: Figures, follow_up: str) -> None:
    """ "Wat weet je over Jamie-Lee-Six?", "hoeveel nieuwe oproepers kwamen er na die post?": about
    that name's post, whose week has no figure (the weeks of another vlogger were given); a name
    a week is tied to gets that week."""
    notes = " ".join(str(n) for (n,) in figures.rows("SELECT note FROM weekly_figures"))
    label = str(
        figures.rows("SELECT m.label FROM weekly_figures JOIN metrics m USING (metric) LIMIT 1")[0][0]
    )
    texts = [str(t) for (t,) in figures.rows("SELECT text FROM facts WHERE topic = 'campagne'")]
    # the people the facts name: "vlogger JustNicolas", "een influencer (Jamie-Lee-Six)"
    names = sorted({n for t in texts for n in re.findall(r"(?:vlogger |\()([A-Z][\w-]+)", t)})
    assert len(names) >= 2
    for name in names:
        context = ask(engine, f"Wat weet je over {name}?").context
        answer = ask(engine, follow_up.format(label=label), context)
        if name in notes:
            assert answer.answered, (name, answer.text)
        else:
            assert not answer.answered and not given(figures, answer, name), (name, answer.text)


@pytest.mark.parametrize(
    "wording",
    [
        "Klopt het dat de daling van de {label} in {period} door de zomervakantie komt?",
        "Is de stijging van de {label} in {period} het gevolg van de lockdown?",
        "Kan ik zeggen dat de piek in {period} te wijten is aan de scholensluiting?",
    ],
)
def test_a_cause_claimed_for_a_figure_is_not_confirmed(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """ "Klopt het dat de daling in juli 2020 door de zomervakantie komt?": the source names no cause
    (July of two years was compared, as if that answered it)."""
    for p in OVERALL[::6]:
        question = wording.format(label=p.label, period=f"{MONTHS[p.month - 1]} {p.year}")
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), (question, answer.text)


@pytest.mark.parametrize("since", ["sinds de start van de chat in 2012", "sinds 2015"])
def test_a_claim_of_a_record_since_a_year_without_figures(
    engine: Engine, figures: Figures, since: str
) -> None:
    """ "Mag ik schrijven dat april 2020 de maand met de meeste gesprekken was sinds de start van de
    chat in 2012?": the years before the data have no monthly figures, so it is refused (the
    history of the chat was told, with its years)."""
    for label, (_before, latest), _earlier, later in last_two_years():
        top = max(later, key=lambda m: later[m])
        question = (
            f"Mag ik schrijven dat {MONTHS[top - 1]} {latest} de maand met de meeste {label} was {since}?"
        )
        answer = ask(engine, question)
        assert not answer.answered and answer.intent != "geschiedenis", (question, answer.text)
        assert not given(figures, answer, question), (question, answer.text)


def _rising_months() -> list[tuple[str, int, int, str, int, int]]:
    """(measure, the year before, the newest year, month name, value before, value after) for every
    month that rose from one year to the next."""
    return [
        (label, before, latest, MONTHS[month - 1], earlier[month], later[month])
        for label, (before, latest), earlier, later in last_two_years()
        for month in sorted(set(earlier) & set(later))
        if later[month] > earlier[month]
    ]


@pytest.mark.parametrize("arrow", ["→", "->", "naar"])
def test_an_arrow_between_two_points_asks_the_change(engine: Engine, arrow: str) -> None:
    """ "gesprekken juni 2019 → juni 2020 in %?": the change from the one to the other (it was
    refused as "geen cijfer voor juni")."""
    rises = _rising_months()
    for label, before, latest, name, a, b in rises:
        answer = ask(engine, f"{label} {name} {before} {arrow} {name} {latest} in %?")
        assert answer.answered and f"+{one_decimal_percent(b - a, a)}" in answer.text, answer.text
    assert len(rises) >= 4


@pytest.mark.parametrize(
    "wording", ["in de laatste drie maanden van {year}", "in {year} in de laatste drie maanden van het jaar"]
)
def test_the_last_months_of_a_year(engine: Engine, figures: Figures, wording: str) -> None:
    """ "Hoeveel gesprekken in de laatste drie maanden van 2019?": October to December, which only a
    whole year's total less its months gives (the words were not understood)."""
    yearly = {
        (str(m), int(str(y))): (int(Decimal(str(v))), q)
        for m, y, v, q in figures.rows("SELECT metric, year, value, qualifier FROM yearly_figures")
    }
    asked = 0
    for (label, year), months in months_by_year().items():
        metric = next(p.metric for p in OVERALL if p.label == label)
        question = f"hoeveel {label} waren er {wording.format(year=year)}?"
        answer = ask(engine, question)
        whole = yearly.get((metric, year))
        if whole is not None and whole[1] is None and set(months) == set(range(1, 10)):
            rest = whole[0] - sum(months.values())
            assert answer.answered and f"oktober t.e.m. december {year}: {rest}." in answer.text, answer.text
            asked += 1
        else:
            assert not answer.answered, (question, answer.text)
    assert asked >= 1


_IN_SO_MANY = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"]


def test_a_share_claimed_as_one_in_so_many(engine: Engine) -> None:
    """ "Klopt het dat vier op de vijf oproepers vrouwelijk is?": the fraction as a share, checked
    against the source's (the number words were not understood)."""
    asked = 0
    for dimension, group, share in _latest_shares():
        if dimension == "problematiek" or group.startswith("met "):
            continue
        part, whole = min(
            ((p, w) for w in range(2, 11) for p in range(1, w)),
            key=lambda pw: abs(100 * pw[0] / pw[1] - share),
        )
        said = f"{_IN_SO_MANY[part - 1]} op de {_IN_SO_MANY[whole - 1]}"
        answer = ask(engine, f"Klopt het dat {said} oproepers {group} is?")
        exact = 100 * part == share * whole
        assert answer.text.startswith("Dat klopt:" if exact else "Dat klopt niet"), (said, group, answer.text)
        assert f"{share}%" in answer.text, answer.text
        asked += 1
    assert asked >= 3


def test_a_claim_made_roughly_holds_near_enough(engine: Engine) -> None:
    """ "Is het juist dat ongeveer 15% ...?" of 16%, "ongeveer 120 gesprekken" of 123: it holds
    roughly, and both are said (it was "Dat klopt niet"); far off it still does not hold."""
    for dimension, group, share in _latest_shares():
        if dimension == "problematiek" or group.startswith("met ") or share < 5:
            continue
        near = ask(engine, f"Klopt het dat ongeveer {share + 1}% van de oproepers {group} is?")
        assert near.text.startswith("Dat klopt ongeveer") and f"{share}%" in near.text, near.text
        far = ask(engine, f"Klopt het dat ongeveer {share + 4}% van de oproepers {group} is?")
        assert far.text.startswith("Dat klopt niet"), far.text
    for p in OVERALL[::5]:
        if p.value < 40:
            continue
        period = f"in {MONTHS[p.month - 1]} {p.year}"
        near = ask(engine, f"klopt het dat er {period} ongeveer {p.value - 1} {p.label} waren?")
        assert near.text.startswith("Dat klopt ongeveer") and f": {p.value} " in near.text, near.text
        far = ask(engine, f"klopt het dat er {period} ongeveer {p.value * 2} {p.label} waren?")
        assert far.text.startswith("Dat klopt niet"), far.text


def test_an_arrow_between_two_months_without_years_is_a_range(engine: Engine) -> None:
    """ "tot. unieke bezoekers chatknop jan->sep?": the months from the one to the other, added up
    (an arrow between two points with a year each asks the change instead)."""
    asked = 0
    for (label, year), months in months_by_year().items():
        ordered = sorted(months)
        if len(ordered) < 3:
            continue
        first, last = MONTHS[ordered[0] - 1][:3], MONTHS[ordered[-1] - 1][:3]
        answer = ask(engine, f"tot. {label} {first}->{last} {year}?")
        assert answer.answered and Figures.has(answer.text, sum(months.values())), answer.text
        asked += 1
    assert asked >= 4


def test_a_change_asked_after_a_range_is_asked_back(engine: Engine, figures: Figures) -> None:
    """ "hoeveel nieuwe oproepers van januari tot september 2020?", "met hoeveel procent steeg
    het?": from the first month to the last, or against the same months a year earlier? (the two
    ends were compared, where a colleague's "een vijfde" was against 2019); asked in one
    question, the range's ends are what it names."""
    for label, (_before, latest), _earlier, later in last_two_years():
        ordered = sorted(later)
        first, last = MONTHS[ordered[0] - 1], MONTHS[ordered[-1] - 1]
        context = ask(engine, f"hoeveel {label} waren er van {first} tot {last} {latest}?").context
        answer = ask(engine, "met hoeveel procent steeg het?", context)
        assert not answer.answered and not given(figures, answer, "") and "tegenover" in answer.text, (
            answer.text
        )
        fresh = ask(engine, f"met hoeveel steeg het aantal {label} van {first} tot {last} {latest}?")
        assert fresh.answered, fresh.text


def test_a_unit_asked_before_carries_to_a_part_of_it(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel views hadden de vlogs en de post samen?", "En het filmpje van JustNicolas apart?":
    views again, which the source gives for all together only (the campaign's facts were told as
    if they answered it)."""
    texts = [str(t) for (t,) in figures.rows("SELECT text FROM facts WHERE topic = 'campagne'")]
    names = sorted({n for t in texts for n in re.findall(r"(?:vlogger |\()([A-Z][\w-]+)", t)})
    units = {str(u) for (u,) in figures.rows("SELECT unit FROM facts WHERE unit = 'views'")}
    assert names and units
    for name in names:
        context = ask(engine, "Hoeveel views hadden de vlogs en de post samen?").context
        answer = ask(engine, f"En het filmpje van {name} apart?", context)
        assert not answer.answered, (name, answer.text)


def test_a_year_of_its_own_after_a_statement_takes_its_months(engine: Engine) -> None:
    """ "In april 2020 waren er 123 gesprekken. Hoeveel waren dat er in 2019?": April 2019 (the
    whole of 2019 was given); "Het ging over de eerste vier maanden. Hoeveel gesprekken daarvoor
    in 2020?": January to April 2020 (the whole year)."""
    asked = 0
    for label, (before, latest), earlier, later in last_two_years():
        for month in sorted(set(earlier) & set(later))[::3]:
            name = MONTHS[month - 1]
            answer = ask(
                engine,
                f"In {name} {latest} waren er {later[month]} {label}. Hoeveel waren dat er in {before}?",
            )
            assert answer.answered and f"{name} {before}: {earlier[month]}" in answer.text, answer.text
            asked += 1
        four = sum(later[m] for m in range(1, 5) if m in later)
        if all(m in later for m in range(1, 5)):
            answer = ask(
                engine,
                f"Het ging over de eerste vier maanden. Hoeveel {label} waren er daarvoor in {latest}?",
            )
            assert answer.answered and f"in totaal: {four}" in answer.text, answer.text
    assert asked >= 4


def test_another_measure_of_the_week_asked_before(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel nieuwe oproepers in de week van 21/09?", "En hoeveel gesprekken waren dat?": that
    week, which no other measure has (the other measure's whole year was given)."""
    weeks = _weeks(figures)
    weekly = {w[3] for w in weeks}
    others = sorted({p.label for p in OVERALL} - weekly)
    assert others
    for start, _end, _value, label in weeks:
        assert isinstance(start, datetime.date)
        context = ask(engine, f"Hoeveel {label} in de week van {start.day}/{start.month:02d}?").context
        for other in others:
            question = f"En hoeveel {other} waren dat?"
            answer = ask(engine, question, context)
            assert not answer.answered and not given(figures, answer, question), (other, answer.text)


@pytest.mark.parametrize("pointer", ["in die maanden", "over diezelfde maanden", "in dezelfde maanden"])
def test_months_pointed_at_with_nothing_before(engine: Engine, figures: Figures, pointer: str) -> None:
    """ "En nieuwe oproepers over diezelfde maanden?" as the first question: which months? (the
    whole period was given); after months asked, those months."""
    for (label, year), months in [(k, ms) for k, ms in months_by_year().items() if len(ms) >= 2][::2]:
        question = f"En hoeveel {label} waren er {pointer}?"
        fresh = ask(engine, question)
        assert not fresh.answered and not given(figures, fresh, question), fresh.text
        two = sorted(months)[:2]
        context = ask(
            engine, f"hoeveel {label} in {MONTHS[two[0] - 1]} en {MONTHS[two[1] - 1]} {year}?"
        ).context
        after = ask(engine, question, context)
        assert after.answered and Figures.has(after.text, months[two[0]] + months[two[1]]), after.text


def test_months_asked_in_turns_of_one_and_two_added_up(engine: Engine) -> None:
    """ "Hoeveel bezoekers in juli?", "En in augustus en september?", "Tel die drie op.": the three
    months (the last two were added up again)."""
    asked = 0
    for (label, year), months in months_by_year().items():
        ordered = sorted(months)
        for first in ordered[:-2:3]:
            second, third = first + 1, first + 2
            if second not in months or third not in months:
                continue
            context = ask(engine, f"Hoeveel {label} waren er in {MONTHS[first - 1]} {year}?").context
            context = ask(engine, f"En in {MONTHS[second - 1]} en {MONTHS[third - 1]}?", context).context
            answer = ask(engine, "Tel die drie op.", context)
            total = months[first] + months[second] + months[third]
            assert answer.answered and Figures.has(answer.text.split("(")[0], total), answer.text
            asked += 1
    assert asked >= 4


@pytest.mark.parametrize("pointer", ["daarvan", "van die groep", "van die jongeren"])
def test_a_group_within_a_group_of_another_split_is_refused(engine: Engine, pointer: str) -> None:
    """ "Hoeveel procent zijn meisjes?", "Hoeveel procent daarvan (van die groep) is tussen 12 en
    15 jaar?": a group within a group of another split, which the source never crosses (the age
    band's share of everyone was given)."""
    groups = [
        (d, label) for d, label, _ in _latest_shares() if d != "problematiek" and not label.startswith("met ")
    ]
    asked = 0
    for (d1, a), (d2, b) in itertools.permutations(groups, 2):
        if d1 == d2:
            continue
        context = ask(engine, f"Hoeveel procent van de oproepers is {a}?").context
        answer = ask(engine, f"Hoeveel procent {pointer} is {b}?", context)
        assert not answer.answered, (a, b, answer.text)
        asked += 1
    for dimension, group in groups:
        if dimension != "leeftijd":  # an age range, written out, within another split's group
            context = ask(engine, f"Hoeveel procent van de oproepers is {group}?").context
            answer = ask(engine, f"Hoeveel procent {pointer} is tussen 12 en 15 jaar?", context)
            assert not answer.answered, (group, answer.text)
    assert asked >= 2


def test_two_whole_years_compared_need_both_whole(engine: Engine, figures: Figures) -> None:
    """ "Met hoeveel procent steeg het aantal gesprekken over het volledige jaar 2020 vergeleken met
    heel 2019?": 2020 has no whole-year figure, so it is refused (January-September of both were
    compared); without "heel" the months both years have are compared, and said."""
    yearly = {(str(m), int(str(y))) for m, y in figures.rows("SELECT metric, year FROM yearly_figures")}
    asked = 0
    for label, (before, latest), _earlier, later in last_two_years():
        metric = next(p.metric for p in OVERALL if p.label == label)
        if len(later) == 12 or (metric, latest) in yearly:
            continue
        question = (
            f"Met hoeveel procent steeg het aantal {label} over het volledige jaar {latest} "
            f"vergeleken met heel {before}?"
        )
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), answer.text
        asked += 1
    assert asked >= 1


def test_some_months_against_a_year_named_whole(engine: Engine, figures: Figures) -> None:
    """ "Zit 2020 na negen maanden al boven heel 2019? Met hoeveel meer?": the months of the one
    against the whole-year figure of the other (January-September of both were compared)."""
    rows = figures.rows("SELECT metric, year, value FROM yearly_figures WHERE qualifier IS NULL")
    asked = 0
    for label, (before, latest), _earlier, later in last_two_years():
        metric = next(p.metric for p in OVERALL if p.label == label)
        whole = next(
            (int(Decimal(str(v))) for mm, y, v in rows if mm == metric and int(str(y)) == before), None
        )
        if whole is None:
            continue
        answer = ask(engine, f"Zitten de {label} van {latest} al boven heel {before}? Met hoeveel meer?")
        assert answer.answered and f"{whole} en {sum(later.values())}" in answer.text, answer.text
        asked += 1
    assert asked >= 1


def test_the_difference_of_two_averages_asked_after_them(engine: Engine) -> None:
    """ "Wat was het gemiddelde per maand in 2019 en in 2020?", "en hoeveel scheelt dat?": the two
    averages, whole as the source prints them or with the decimals asked, and their difference
    (the two years' totals were compared)."""
    for label, (before, latest), earlier, later in last_two_years():
        common = sorted(set(earlier) & set(later))
        if len(common) < 2:
            continue
        exact = [Decimal(sum(ms[m] for m in common)) / len(common) for ms in (earlier, later)]
        means = [round_half_up(e) for e in exact]
        context = ask(
            engine, f"Wat was het gemiddeld aantal {label} per maand in {before} en in {latest}?"
        ).context
        answer = ask(engine, "en hoeveel scheelt dat?", context)
        assert answer.answered and f": {means[0]} en {means[1]}." in answer.text, answer.text
        # the percentage from the exact averages, never from rounded ones ("+49,0%" for 49,5%)
        change = signed_fixed((exact[1] - exact[0]) * 100 / exact[0], 1)
        assert f"({change}%" in answer.text, answer.text
        decimals = ask(
            engine,
            f"Hoeveel hoger lag het gemiddelde aantal {label} per maand in {latest} dan in {before}, "
            "op 1 decimaal?",
        )
        tenths = [f"{round_half_up(e * 10) / 10:.1f}".replace(".", ",").removesuffix(",0") for e in exact]
        assert decimals.answered and f": {tenths[0]} en {tenths[1]}." in decimals.text, decimals.text


def test_a_count_of_a_group_stated_as_a_share_before(engine: Engine, figures: Figures) -> None:
    """ "Seksueel misbruik is 34% van de meldingen. Om hoeveel gesprekken gaat het dan?": a count
    the source does not give (every conversation of both years was counted)."""
    for dimension, group, share in _latest_shares():
        if dimension != "problematiek":
            continue
        question = (
            f"{group.capitalize()} is {share}% van de meldingen. Om hoeveel gesprekken gaat het dan concreet?"
        )
        answer = ask(engine, question)
        totals = {float(sum(ms.values())) for (lab, _), ms in months_by_year().items() if "gesprekken" in lab}
        assert not answer.answered and not (given(figures, answer, question) & totals), answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel procent groeiden de {label} in {month} {latest} y-o-y?",
        "Y-o-y voor {month}: met hoeveel procent namen de {label} toe in {latest}?",
    ],
)
def test_year_on_year_is_against_the_year_before(engine: Engine, wording: str) -> None:
    """ "Hoeveel procent groeiden de gesprekken jan-sep 2020 y-o-y?": against the same months of
    2019 ("y-o-y" was not understood, and the range's ends were compared)."""
    asked = 0
    for label, (_before, latest), earlier, later in last_two_years():
        for month in sorted(set(earlier) & set(later))[::3]:
            a, b = earlier[month], later[month]
            if b <= a:
                continue
            answer = ask(engine, wording.format(label=label, month=MONTHS[month - 1], latest=latest))
            assert answer.answered and f"+{one_decimal_percent(b - a, a)}" in answer.text, answer.text
            asked += 1
    assert asked >= 2


def test_how_a_figure_relates_to_another_month(engine: Engine) -> None:
    """ "Hoeveel gesprekken in augustus 2020?", "Hoe verhoudt zich dat tot augustus 2019,
    procentueel?": the two months compared ("tot" read a range from January to August 2019)."""
    for label, (before, latest), earlier, later in last_two_years():
        for month in sorted(set(earlier) & set(later))[1::3]:
            name = MONTHS[month - 1]
            context = ask(engine, f"Hoeveel {label} waren er in {name} {latest}?").context
            answer = ask(engine, f"Hoe verhoudt zich dat tot {name} {before}, procentueel?", context)
            assert answer.answered and f": {earlier[month]} en {later[month]}." in answer.text, answer.text


def test_a_helplines_most_in_one_month(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel doorverwijzingen deed Awel hoogstens in één maand?": its highest month (its total
    was given)."""
    year = figures.latest_year("doorverwijzingen")
    months = figures.months("doorverwijzingen", year)
    for helpline in figures.by_helpline("doorverwijzingen", year):
        values = figures.by_helpline("doorverwijzingen", year, months)
        per_month = [figures.by_helpline("doorverwijzingen", year, [m]).get(helpline, 0) for m in months]
        answer = ask(engine, f"Hoeveel doorverwijzingen deed {helpline} hoogstens in één maand?")
        assert answer.answered and f"met {max(per_month)}" in answer.text, (helpline, values, answer.text)


def test_the_hours_not_on_one_day(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel uur per week is de chat open?", "En hoeveel van die uren vallen niet op woensdag?":
    every other day (Wednesday's hours were given)."""
    by_day = _hours_by_day(figures)
    for day in by_day:
        context = ask(engine, "Hoeveel uur per week is de chat open?").context
        answer = ask(engine, f"En hoeveel van die uren vallen niet op {day}?", context)
        rest = sum(c - o for d, (o, c) in by_day.items() if d != day)
        assert answer.answered and f"samen {rest:g} uur" in answer.text, (day, answer.text)


def test_two_measures_asked_in_turn_and_then_compared(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel gesprekken in 2020?", "En hoeveel nieuwe oproepers in die periode?", "Wat is het
    verschil tussen beide?": the two measures set against each other (the second measure of two
    years was compared); "hoeveel procent is dat gestegen?" says neither which, so it is asked."""
    answered = 0
    for a, b in MEASURE_PAIRS[::5]:
        period = f"{MONTHS[a.month - 1]} {a.year}"
        context = ask(engine, f"Hoeveel {a.label} waren er in {period}?").context
        context = ask(engine, f"En hoeveel {b.label} in die maand?", context).context
        both = ask(engine, "Wat is het verschil tussen beide?", context)
        if both.answered:  # (measures of different kinds are not subtracted: asked back)
            assert f": {a.value} en {b.value}." in both.text, both.text
        else:
            assert not given(figures, both, ""), both.text
        answered += both.answered
        for asking in ("Hoeveel procent is dat gestegen?", "Met hoeveel is dat gestegen?"):
            rise = ask(engine, asking, context)
            assert not rise.answered and not given(figures, rise, ""), rise.text
    assert answered >= 1


def test_the_place_after_the_first_asked_bare(engine: Engine) -> None:
    """ "Wat is de meest gemelde problematiek?", "En de problematiek op één na?": the second place
    (the first was given again)."""
    rows = _db_rows(
        "SELECT c.label, s.percent FROM shares_figures AS s JOIN categories AS c USING (dimension, category) "
        "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures) "
        "ORDER BY 2 DESC"
    )
    context = ask(engine, "Wat is de meest gemelde problematiek?").context
    answer = ask(engine, "En de problematiek op één na?", context)
    assert answer.answered and str(rows[1][0]) in answer.text and str(rows[0][0]) not in answer.text, (
        answer.text
    )


def test_the_months_with_the_same_figure(engine: Engine) -> None:
    """ "Welke twee maanden van 2020 hadden hetzelfde aantal gesprekken, en hoeveel waren dat
    telkens?": the months of equal figures, with the figure (the year's total was given)."""
    for (label, year), months in months_by_year().items():
        if len(months) < 3:
            continue
        answer = ask(
            engine,
            f"Welke maanden van {year} hadden hetzelfde aantal {label}, en hoeveel waren dat telkens?",
        )
        values = sorted(months.values())
        repeated = {v for v in values if values.count(v) > 1}
        assert answer.answered and not Figures.has(answer.text, sum(values)), answer.text
        for value in repeated:
            assert f"elk {value}." in answer.text, answer.text
        if not repeated:
            assert "geen twee maanden" in answer.text, answer.text


def test_a_rise_named_runs_forward_in_time(engine: Engine) -> None:
    """ "gesprekken in april 2019 tegenover april 2020, met het stijgingspercentage erbij": the
    rise from 2019 to 2020 (it was measured against 2020, -65%, because "tegenover" named the
    later year); without a word of change the base stays the one named."""
    rises = _rising_months()
    for label, before, latest, name, a, b in rises:
        question = f"{label} in {name} {before} tegenover {name} {latest}, met het stijgingspercentage erbij?"
        answer = ask(engine, question)
        assert answer.answered and f"+{one_decimal_percent(b - a, a)}" in answer.text, answer.text
    assert len(rises) >= 4


@pytest.mark.parametrize(("first", "then"), [("meeste", "minst"), ("minste", "meest")])
def test_then_in_a_question_that_finds_its_own_month(engine: Engine, first: str, then: str) -> None:
    """ "In welke maand waren er het meeste gesprekken?", "En in welke maand het minst? Hoeveel
    waren het er toen?": the month this question finds ("toen" narrowed the ranking to the month
    found before, which was given as the least)."""
    for (label, year), months in months_by_year().items():
        if len(months) < 3:
            continue
        context = ask(engine, f"In welke maand van {year} waren er het {first} {label}?").context
        answer = ask(engine, f"En in welke maand het {then}? Hoeveel waren het er toen?", context)
        pick = min if then == "minst" else max
        found = pick(months, key=lambda m: months[m])
        if list(months.values()).count(months[found]) > 1:
            continue  # (a tie names both months)
        assert answer.answered and f"{MONTHS[found - 1]}, met {months[found]}" in answer.text, answer.text


@pytest.mark.parametrize("future", ["volgend jaar", "komend jaar", "het volgende jaar"])
def test_the_year_after_the_data_is_refused(engine: Engine, figures: Figures, future: str) -> None:
    """ "hoeveel gesprekken volgend jaar?": the year after the last one with data, which no
    source gives (the phrase was dropped and every year's total given); also as a follow-up,
    after a month ("en volgend jaar?") or a share ("denk je dat dat volgend jaar zal stijgen?")."""
    for label in sorted({lab for lab, _ in months_by_year()}):
        for question, before in [
            (f"hoeveel {label} {future}?", None),
            (f"en {future}?", f"hoeveel {label} in mei?"),
            (f"denk je dat dat {future} nog zal stijgen?", f"hoeveel {label} in 2020?"),
        ]:
            context = ask(engine, before).context if before else None
            answer = ask(engine, question, context)
            assert not answer.answered and not given(figures, answer, question), (question, answer.text)


def test_a_statement_after_the_question_mark_is_no_claim(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel gesprekken in mei 2019? dit jaar is het 100%": the question is answered, the
    statement after it (in small letters) is context, not a claim to check ("Dat klopt: 100"
    answered the statement and dropped the year asked)."""
    for label, (before, _latest), early, late in last_two_years():
        for month in sorted(set(early) & set(late)):
            if early[month] == late[month]:
                continue
            question = (
                f"hoeveel {label} waren er in {MONTHS[month - 1]} {before}? dit jaar is het {late[month]}%"
            )
            answer = ask(engine, question)
            assert answer.answered and figures.has(answer.text, early[month]), answer.text
            assert "klopt" not in answer.text.lower(), answer.text
            break


@pytest.mark.parametrize("number_word", ["drie", "vijf"])
def test_a_claim_over_the_first_months_is_about_their_total(
    engine: Engine, figures: Figures, number_word: str
) -> None:
    """ "Klopt het dat er in de eerste drie maanden van 2020 meer dan N gesprekken waren?": the
    total of those months against N ("maanden" in the period was read as a threshold over
    single months, and "geen enkele maand met meer dan N" answered)."""
    count = {"drie": 3, "vijf": 5}[number_word]
    checked = 0
    for (label, year), months in months_by_year().items():
        if not all(m in months for m in range(1, count + 1)):
            continue
        total = sum(months[m] for m in range(1, count + 1))
        bound = total - 1
        question = (
            f"Klopt het dat er in de eerste {number_word} maanden van {year} meer dan {bound} {label} waren?"
        )
        answer = ask(engine, question)
        assert answer.answered and figures.has(answer.text, total), answer.text
        assert "geen enkele maand" not in answer.text, answer.text
        checked += 1
    assert checked >= 4


def test_a_year_after_more_than_is_the_year_compared(engine: Engine, figures: Figures) -> None:
    """ "hoeveel gesprekken in 2020? is dat meer dan 2019?": the two years compared ("meer dan
    2019" was read as a bound of 2.019 per month, and "geen enkele maand" answered)."""
    for label, (before, latest), early, late in last_two_years():
        common = sorted(set(early) & set(late))
        if common != sorted(late):
            continue
        answer = ask(engine, f"hoeveel {label} in {latest}? is dat meer dan {before}?")
        totals = (sum(early[m] for m in common), sum(late[m] for m in common))
        assert answer.answered and all(figures.has(answer.text, t) for t in totals), answer.text


@pytest.mark.parametrize("bound", ["113", "1713", "1812"])
def test_a_bound_one_digit_from_a_helpline_is_an_amount(engine: Engine, bound: str) -> None:
    """ "meer dan 113 nieuwe oproepers": an amount, never a helpline's number misspelt (it was
    asked back as "Bedoelde je '1813'?")."""
    for label, (_before, latest), _early, _late in last_two_years():
        answer = ask(engine, f"klopt het dat er in {latest} meer dan {bound} {label} waren?")
        assert answer.answered and "Bedoelde je" not in answer.text, answer.text


@pytest.mark.parametrize(
    "wording",
    ["{a} gedeeld door {b} in {month} {year}", "deel het aantal {a} door het aantal {b}, {month} {year}"],
)
def test_a_division_of_two_measures_is_their_ratio(engine: Engine, figures: Figures, wording: str) -> None:
    """ "nieuwe oproepers gedeeld door gesprekken in mei 2020": the one measure divided by the
    other, in the order asked (the second measure was dropped and the first given alone)."""
    by_point = points_by_month()
    checked = 0
    for (year, month), points in sorted(by_point.items()):
        for a, b in itertools.permutations(sorted(points), 2):
            if points[b].value == 0:
                continue
            question = wording.format(a=a, b=b, month=MONTHS[month - 1], year=year)
            answer = ask(engine, question)
            ratio = decimal_text(Fraction(points[a].value, points[b].value), 1)
            assert answer.answered and f"is {ratio}" in answer.text, (question, answer.text)
            checked += 1
        if checked > 12:
            break
    assert checked > 12


@pytest.mark.parametrize(
    "wording",
    [
        "het aantal {a} in {month} {year} gedeeld door het aantal {b}, in procent?",
        "Als je het aantal {a} in {month} {year} deelt door het aantal {b} die maand, welk percentage"
        " krijg je?",
        "Hoeveel procent bedragen de {a} van {month} {year} ten opzichte van het totaal aantal {b}?",
        "Hoeveel procent zijn de {a} van {month} {year} van het totaal aantal {b}?",
        "hoeveel procent waren de {a} in {month} {year} tov de {b}",
    ],
)
def test_a_division_asked_in_percent_is_the_first_as_a_share_of_the_second(
    engine: Engine, wording: str
) -> None:
    """ "chatgesprekken in april 2020 gedeeld door de bezoekers, in procent?", "Hoeveel procent
    bedragen de doorverwijzingen ten opzichte van het totaal aantal gesprekken?": the first measure
    as a percentage of the second (the divisor was dropped: "geen gesprekken van de bezoekers
    apart"; "bedragen" was refused as amounts of money, "ten opzichte van" read as a comparison of
    periods, "van het totaal aantal" asked back)."""
    checked = 0
    for (year, month), points in sorted(points_by_month().items()):
        for a, b in itertools.permutations(sorted(points), 2):
            if points[b].value == 0:
                continue
            question = wording.format(a=a, b=b, month=MONTHS[month - 1], year=year)
            answer = ask(engine, question)
            share = one_decimal_percent(points[a].value, points[b].value)
            assert answer.answered and share in answer.text, (question, answer.text)
            checked += 1
        if checked > 12:
            break
    assert checked > 12


@pytest.mark.parametrize(("scale", "written"), [(100, "100"), (100, "honderd"), (1000, "1000")])
def test_a_ratio_per_hundred_of_another_measure(engine: Engine, scale: int, written: str) -> None:
    """ "hoeveel gesprekken waren er in mei per 100 unieke bezoekers?": the ratio times the scale
    (the "100" was taken for a name the source does not know)."""
    checked = 0
    for (year, month), points in sorted(points_by_month().items()):
        for a, b in itertools.permutations(sorted(points), 2):
            if points[b].value == 0:
                continue
            question = f"Hoeveel {a} waren er in {MONTHS[month - 1]} {year} per {written} {b}?"
            answer = ask(engine, question)
            ratio = decimal_text(Fraction(points[a].value * scale, points[b].value), 1)
            assert answer.answered and f"{ratio} per {scale}" in without_thousands(answer.text), (
                question,
                answer.text,
            )
            checked += 1
    assert checked > 12


@pytest.mark.parametrize(
    "asked",
    ["Hoeveel {a} waren er die maand gemiddeld per {b}?", "en hoeveel {a} per {b} was dat die maand?"],
)
def test_a_ratio_in_the_month_pointed_back_to(engine: Engine, asked: str) -> None:
    """ "Hoeveel nieuwe oproepers in mei 2020?", "Hoeveel gesprekken waren er die maand gemiddeld
    per nieuwe oproeper?": the ratio in May ("die maand" was asked back, as if none was named)."""
    checked = 0
    for (year, month), points in sorted(points_by_month().items())[::4]:
        for a, b in itertools.permutations(sorted(points), 2):
            if points[b].value == 0 or "wachtrij" in a + b:
                continue
            context = ask(engine, f"Hoeveel {b} in {MONTHS[month - 1]} {year}?").context
            answer = ask(engine, asked.format(a=a, b=b), context)
            ratio = decimal_text(Fraction(points[a].value, points[b].value), 1)
            assert answer.answered and f"is {ratio}" in answer.text, answer.text
            checked += 1
    assert checked


@pytest.mark.parametrize(
    "share", ["Welk percentage van het totaal is dat?", "welk percentage is dat van het totaal?"]
)
def test_a_months_share_of_the_total_pointed_back_to(engine: Engine, share: str) -> None:
    """ "Hoeveel gesprekken in april 2020?", "Welk percentage van het totaal is dat?": April's
    share of the months of its year (the profile or the problems were offered)."""
    for (label, year), months in sorted(months_by_year().items()):
        if len(months) < 2:
            continue  # (a measure of one month: a share of itself)
        month = max(months)
        context = ask(engine, f"Hoeveel {label} in {MONTHS[month - 1]} {year}?").context
        answer = ask(engine, share, context)
        assert answer.answered and one_decimal_percent(months[month], sum(months.values())) in answer.text, (
            answer.text
        )


def test_a_measure_asked_per_month_after_an_average_per_month(engine: Engine, figures: Figures) -> None:
    """ "Gemiddeld aantal gesprekken per maand in 2020?", "en nieuwe oproepers per maand?": the
    average of the other measure (its month-by-month list was given)."""
    labels = sorted({lab for lab, _ in months_by_year()})
    for (label, year), _months in months_by_year().items():
        for other in labels:
            other_months = months_by_year().get((other, year))
            if other == label or not other_months or len(other_months) < 2:
                continue
            context = ask(engine, f"Gemiddeld aantal {label} per maand in {year}?").context
            answer = ask(engine, f"en {other} per maand?", context)
            average = Fraction(sum(other_months.values()), len(other_months))
            shown = figures.has(answer.text, int(average)) if average.denominator == 1 else None
            assert answer.answered and (shown or decimal_text(average, 1) in answer.text), answer.text
            assert "januari:" not in answer.text, answer.text


@pytest.mark.parametrize("order", ["het eerste door het tweede", "het tweede door het eerste"])
def test_two_measures_asked_in_turn_then_divided(engine: Engine, order: str) -> None:
    """ "gesprekken juli 2020", "nieuwe oproepers juli 2020", "deel het eerste door het tweede":
    the one measure divided by the other, in the order asked (the second measure's two years
    were set against each other, a figure for another question)."""
    by_point = points_by_month()
    checked = 0
    for (year, month), points in sorted(by_point.items()):
        for a, b in itertools.combinations(sorted(points), 2):
            first, second = (
                (points[a], points[b]) if order.startswith("het eerste") else (points[b], points[a])
            )
            if second.value == 0:
                continue
            context = ask(engine, f"{a} {MONTHS[month - 1]} {year}").context
            context = ask(engine, f"{b} {MONTHS[month - 1]} {year}", context).context
            answer = ask(engine, f"deel {order}", context)
            ratio = decimal_text(Fraction(first.value, second.value), 1)
            assert answer.answered and f"is {ratio}" in answer.text, answer.text
            checked += 1
    assert checked >= 4


def _facts_dated_by_year() -> list[tuple[str, str]]:
    con = duckdb.connect(str(DB), read_only=True)
    try:
        rows = con.execute(
            "SELECT CAST(date AS VARCHAR), text FROM facts WHERE length(CAST(date AS VARCHAR)) = 4"
        )
        return [(str(d), str(t)) for d, t in rows.fetchall()]
    finally:
        con.close()


def test_a_month_asked_of_a_fact_dated_by_its_year(engine: Engine) -> None:
    """ "In welke maand van 2012 ging Child Focus van start?": the source gives the year only, so
    no month is answered (the history was given as if it answered)."""
    asked = 0
    for year, text in _facts_dated_by_year():
        if not text.startswith(f"In {year} "):
            continue
        question = f"In welke maand van {year} {text.removeprefix(f'In {year} ').rstrip('.')}?"
        answer = ask(engine, question)
        assert not answer.answered and "alleen het jaar" in answer.text, (question, answer.text)
        asked += 1
    assert asked >= 1


@pytest.mark.parametrize(
    "question",
    [
        "Welk percentage van de oproepers vroeg sinds corona om een actieve tussenkomst?",
        "welk percentage van de jongeren vond de chat via Smartschool?",
        "hoeveel procent van de jongeren vindt de chat via de website WatWat?",
    ],
)
def test_a_percentage_asked_of_facts_without_one(engine: Engine, figures: Figures, question: str) -> None:
    """A share asked of a topic whose facts hold none: refused, never the facts' other figures
    as if they answered it."""
    answer = ask(engine, question)
    assert not answer.answered and "percentage" in answer.text.lower(), answer.text


@pytest.mark.parametrize("channel", ["En via Smartschool?", "en via de website WatWat?"])
def test_a_count_asked_again_of_a_channel_without_figures(
    engine: Engine, figures: Figures, channel: str
) -> None:
    """ "Hoeveel doorverwijzingen kwamen van Awel?", "En via Smartschool?": a count of a way in
    that the source names without a figure; refused (the facts about it were given, with other
    figures, as if they answered)."""
    for helpline in sorted({p.helpline_label for p in POINTS if p.helpline_label}):
        context = ask(engine, f"Hoeveel doorverwijzingen kwamen van {helpline}?").context
        assert_refused(engine, figures, channel, context)


def problem_shares(figures: Figures) -> list[tuple[str, int]]:
    """The problems' shares of the latest year, largest first: (label, percent)."""
    return [
        (str(label), _int(percent))
        for label, percent in figures.rows(
            "SELECT c.label, s.percent FROM shares_figures s JOIN categories c USING (dimension, category) "
            "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures) "
            "ORDER BY s.percent DESC"
        )
    ]


def test_groups_named_before_a_colon_are_those_asked(engine: Engine, figures: Figures) -> None:
    """ "Seksueel misbruik en emotionele mishandeling samen: welk percentage van de
    problematieken?": those two groups added up (the head of the question was read as a
    sentence around it, and every share listed)."""
    shares = problem_shares(figures)
    for (a, pa), (b, pb) in itertools.combinations(shares[:4], 2):
        answer = ask(engine, f"{a} en {b} samen: welk percentage van de problematieken?")
        assert answer.answered and f"samen {pa + pb}%" in answer.text, answer.text


def test_a_whole_of_one_helpline_that_no_source_splits(engine: Engine, figures: Figures) -> None:
    """ "awel doorverwijzingen totaal", "hoeveel procent van alle awel-gesprekken is dat?": the
    conversations of one helpline, which no source gives; refused (the chat's own conversations
    were taken as that whole)."""
    split = set(figures.helpline_metrics())
    labels = sorted({p.label for p in OVERALL if p.metric not in split})
    helplines = sorted({str(p.helpline_label) for p in POINTS if p.helpline_label})
    for helpline in helplines:
        context = ask(engine, f"{helpline} doorverwijzingen totaal").context
        for label, wording in itertools.product(labels, ["van alle {label} bij {h}", "van alle {h}-{label}"]):
            question = f"hoeveel procent {wording.format(label=label, h=helpline)} is dat?"
            answer = ask(engine, question, context)
            assert not answer.answered and not given(figures, answer, question), (question, answer.text)


@pytest.mark.parametrize("between", ["tussen {a} en {b}", "van {a} naar {b}"])
def test_the_largest_rise_between_two_years_runs_forward(
    engine: Engine, figures: Figures, between: str
) -> None:
    """ "In welke maand steeg het aantal gesprekken het sterkst tussen 2019 en 2020?": each month
    of the later year against the same month of the earlier one (2020 was the base, so every rise
    read as a fall, and "in geen enkele maand een stijging" was answered)."""
    for label, (before, latest), early, late in last_two_years():
        common = sorted(set(early) & set(late))
        rises = {m: late[m] - early[m] for m in common}
        top = max(rises.values())
        if top <= 0 or list(rises.values()).count(top) > 1:
            continue
        month = next(m for m, r in rises.items() if r == top)
        question = (
            f"in welke maand steeg het aantal {label} het sterkst {between.format(a=before, b=latest)}?"
        )
        answer = ask(engine, question)
        assert answer.answered and f"in {MONTHS[month - 1]}" in answer.text, answer.text
        assert f"+{dutch_number(top)}" in answer.text, answer.text


def test_a_weekday_said_as_an_adverb(engine: Engine, figures: Figures) -> None:
    """ "Hoelang is de chat woensdags open?": the hours of that day, as "op woensdag" (the word
    was not read, and the week's hours, 17 in all, given)."""
    days = figures.rows("SELECT weekday FROM opening_hours ORDER BY weekday")
    for (weekday,) in days:
        name = WEEKDAY_NAMES[int(weekday) - 1]
        adverb = ask(engine, f"Hoelang is de chat {name}s open, in uren?")
        plain = ask(engine, f"Hoelang is de chat op {name} open, in uren?")
        assert adverb.answered and adverb.text == plain.text, (adverb.text, plain.text)


@pytest.mark.parametrize("extreme", ["meeste", "minste"])
def test_no_month_stands_out_of_a_single_one(engine: Engine, figures: Figures, extreme: str) -> None:
    """A measure the source gives for one month only: "in welke maand waren er de meeste?" names
    no month (that one month was given as the highest, with its figure)."""
    months: dict[str, list[Point]] = {}
    for p in OVERALL:
        months.setdefault(p.label, []).append(p)
    single = [label for label, points in months.items() if len(points) == 1]
    for label in single:
        question = f"In welke maand waren er de {extreme} {label}?"
        assert_refused(engine, figures, question)
    assert single


@pytest.mark.parametrize("wording", ["En hoe zat dat in {year}?", "en hoe was dat in {year}?"])
def test_how_it_was_in_another_year(engine: Engine, figures: Figures, wording: str) -> None:
    """ "En hoe zat dat in 2019?" after a month of 2020: that month of 2019 (a choice of topics
    was offered: "hoe" read as a question of its own)."""
    for label, (before, latest), early, late in last_two_years():
        for month in sorted(set(early) & set(late))[:2]:
            context = ask(engine, f"hoeveel {label} in {MONTHS[month - 1]} {latest}?").context
            answer = ask(engine, wording.format(year=before), context)
            assert answer.answered and figures.has(answer.text, early[month]), answer.text
    shares = figures.rows(
        "SELECT c.label, min(s.year), max(s.year), arg_min(s.percent, s.year) FROM shares_figures s "
        "JOIN categories c USING (dimension, category) GROUP BY c.label HAVING count(*) > 1"
    )
    for label, first, last, percent in shares:
        context = ask(engine, f"Hoe groot is het aandeel {label} in {last}?").context
        answer = ask(engine, wording.format(year=first), context)
        assert answer.answered and f"{_int(percent)}%" in answer.text, answer.text
    assert shares


@pytest.mark.parametrize("in_percent", [True, False])
def test_one_measure_in_relation_to_another(engine: Engine, in_percent: bool) -> None:
    """ "Hoeveel gesprekken in mei 2020 in verhouding tot het aantal bezoekers (in procent)?": the
    one as a share of the other when a percentage is asked, else their ratio ("verhouding" was
    not understood, or the two were set side by side with their difference)."""
    by_point = points_by_month()
    checked = 0
    for (year, month), points in sorted(by_point.items()):
        for a, b in itertools.permutations(sorted(points), 2):
            part, whole = points[a].value, points[b].value
            if whole == 0 or (in_percent and part > whole):
                continue
            tail = ", uitgedrukt in procent" if in_percent else ""
            question = f"hoeveel {a} in {MONTHS[month - 1]} {year} in verhouding tot het aantal {b}{tail}?"
            answer = ask(engine, question)
            expected = (
                one_decimal_percent(part, whole)
                if in_percent
                else f"is {decimal_text(Fraction(part, whole), 1)}"
            )
            assert answer.answered and expected in answer.text, (question, answer.text)
            checked += 1
        if checked > 10:
            break
    assert checked > 10


@pytest.mark.parametrize(
    "wording",
    [
        "Klopt het dat er in {month} {year} meer dan {bound} {label} waren? Hoeveel waren het precies?",
        "Iemand zei dat er in {month} {year} meer dan {bound} {label} waren. Klopt dat, hoeveel waren het?",
    ],
)
def test_a_claim_with_its_figure_asked(engine: Engine, figures: Figures, wording: str) -> None:
    """A bound claimed and the exact figure asked in one message: the claim checked, with the
    figure ("hoeveel" read the bound as a filter of months: "geen enkele maand met meer dan")."""
    for p in OVERALL[::7]:
        question = wording.format(month=MONTHS[p.month - 1], year=p.year, bound=p.value + 10, label=p.label)
        answer = ask(engine, question)
        assert answer.answered and figures.has(answer.text, p.value), (question, answer.text)
        assert "geen enkele maand" not in answer.text, answer.text


@pytest.mark.parametrize(("shift", "step"), [("de maand ervoor", -1), ("de maand erna", 1)])
def test_a_month_added_to_the_one_before(engine: Engine, figures: Figures, shift: str, step: int) -> None:
    """ "hoeveel gesprekken in mei 2020?", "en samen met de maand ervoor?": both months added up
    (the month before was given alone)."""
    for (label, year), months in months_by_year().items():
        for month in sorted(months):
            other = month + step
            if other not in months:
                continue
            context = ask(engine, f"hoeveel {label} in {MONTHS[month - 1]} {year}?").context
            answer = ask(engine, f"en samen met {shift}?", context)
            assert answer.answered and figures.has(answer.text, months[month] + months[other]), answer.text


@pytest.mark.parametrize(("shift", "step"), [("de week ervoor", -1), ("de week erna", 1)])
def test_a_week_added_to_the_one_before(engine: Engine, figures: Figures, shift: str, step: int) -> None:
    """ "Hoeveel nieuwe oproepers in de week van 28/09?", "En samen met de week ervoor?": both
    weeks added up (the week before was given alone)."""
    for metric in {m for (m,) in figures.rows("SELECT DISTINCT metric FROM weekly_figures")}:
        weeks = figures.weekly(metric)
        label = figures.rows("SELECT label FROM metrics WHERE metric = ?", metric)[0][0]
        for i, (first_day, _last_day, value) in enumerate(weeks):
            j = i + step
            if not 0 <= j < len(weeks):
                continue
            context = ask(engine, f"Hoeveel {label} in de week van {first_day:%d/%m}?").context
            answer = ask(engine, f"En samen met {shift}?", context)
            assert answer.answered and figures.has(answer.text, value + weeks[j][2]), answer.text


@pytest.mark.parametrize(
    "part",
    [
        "Hoeveel daarvan kwamen via de influencers?",
        "Hoeveel van hen hadden een vraag over seksueel misbruik?",
        "hoeveel daarvan waren meisjes?",
    ],
)
def test_a_part_of_a_count_by_another_topic(engine: Engine, figures: Figures, part: str) -> None:
    """ "Hoeveel nieuwe oproepers in april 2020?", "Hoeveel van hen hadden een vraag over seksueel
    misbruik?": that count split by a topic no source crosses it with; refused (the topic's
    share of all conversations, or its facts, were given)."""
    for p in OVERALL[::5]:
        context = ask(engine, f"hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year}?").context
        answer = ask(engine, part, context)
        assert not answer.answered and not given(figures, answer, part), (p.label, answer.text)


def test_a_figure_then_in_percent_of_another_measure(engine: Engine) -> None:
    """ "hoeveel gesprekken in mei 2020?", "in procent van de bezoekers": that figure as a share
    of the other measure in the same month (the other measure's share of its year was given)."""
    by_point = points_by_month()
    checked = 0
    for (year, month), points in sorted(by_point.items()):
        for a, b in itertools.permutations(sorted(points), 2):
            part, whole = points[a].value, points[b].value
            if whole == 0 or part > whole:
                continue
            context = ask(engine, f"hoeveel {a} in {MONTHS[month - 1]} {year}?").context
            answer = ask(engine, f"in procent van de {b}", context)
            assert answer.answered and one_decimal_percent(part, whole) in answer.text, answer.text
            checked += 1
    assert checked > 4


def test_another_measure_the_same_month(engine: Engine, figures: Figures) -> None:
    """ "gesprekken september 2020?", "nieuwe oproepers zelfde maand?": the other measure in that
    month ("zelfde maand" was not read, and a refusal given)."""
    by_point = points_by_month()
    for (year, month), points in sorted(by_point.items())[::3]:
        for a, b in itertools.permutations(sorted(points), 2):
            context = ask(engine, f"{a} {MONTHS[month - 1]} {year}?").context
            answer = ask(engine, f"{b} zelfde maand?", context)
            assert answer.answered and figures.has(answer.text, points[b].value), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "vind jij dat die vloggercampagne geslaagd was?",
        "Vindt u dat er genoeg gesprekken waren in mei?",
        "wat is jouw mening over de stijging in april?",
        # ("wat vind je ..." is an opinion before a comma or "van"; "wat vind je over X" asks facts)
        "wat vind jij, was die vloggercampagne een succes of niet?",
        "wat vind je van het aantal gesprekken in april?",
        # (Flemish "ge": the campaign's facts were given as the opinion)
        "Vindt ge dat de campagne met de vloggers een succes was?",
        # ("wat vindt gij" closing the message: the facts of the campaign were given as one)
        "was die vloggercampagne nu een succes of niet? wat vindt gij",
        "was die campagne een succes, wat vind je?",
    ],
)
def test_an_opinion_is_not_given(engine: Engine, figures: Figures, question: str) -> None:
    """An opinion asked of the bot: refused, never facts or figures given as one."""
    assert_refused(engine, figures, question)


def test_more_than_how_many_asks_the_figure(engine: Engine) -> None:
    """ "meer dan hoeveel nieuwe oproepers waren er in 2019?": the figure (or the bound the source
    gives), the same reply as "hoeveel ..." ("meer dan" compared two years)."""
    for p in OVERALL[::4]:
        plain = f"hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?"
        answer = ask(engine, f"meer dan {plain}")
        assert answer.answered and answer.text == ask(engine, plain).text, answer.text


def test_a_ratio_pointing_back_at_two_figures(engine: Engine) -> None:
    """ "gesprekken in augustus 2020", "en nieuwe oproepers in die maand?", "hoeveel gesprekken
    per nieuwe oproeper geeft dat?": the ratio of that month (the whole period's was given)."""
    by_point = points_by_month()
    checked = 0
    for (year, month), points in sorted(by_point.items())[::2]:
        for a, b in itertools.permutations(sorted(points), 2):
            if points[b].value == 0:
                continue
            context = ask(engine, f"hoeveel {a} waren er in {MONTHS[month - 1]} {year}").context
            context = ask(engine, f"en hoeveel {b} in die maand?", context).context
            answer = ask(engine, f"hoeveel {a} per {b} geeft dat?", context)
            ratio = decimal_text(Fraction(points[a].value, points[b].value), 1)
            assert answer.answered and f"is {ratio}" in answer.text, answer.text
            checked += 1
    assert checked >= 4


@pytest.mark.parametrize("ordinal", ["tweede", "eerste"])
def test_a_count_of_one_part_of_a_fact(engine: Engine, figures: Figures, ordinal: str) -> None:
    """ "Hoeveel views had de post van de tweede vlogger?": the source counts the views of the
    vlogs and the post together; one part of them is refused (the total was given as that one's)."""
    question = f"Hoeveel views had de post van de {ordinal} vlogger?"
    answer = ask(engine, question)
    assert not answer.answered and "alleen" in answer.text, answer.text


@pytest.mark.parametrize(
    ("wording", "answered"),
    [
        ("Van hoe laat tot hoe laat is de chat op {day} open?", False),
        ("Wat zijn de openingsuren van de chat op {day}?", False),
        ("Is de chat open op {day}?", True),
        ("Hoeveel uur is de chat op {day} open?", True),
    ],
)
def test_the_hours_of_a_day_without_any(
    engine: Engine, figures: Figures, wording: str, answered: bool
) -> None:
    """A day without hours: its times asked get a refusal with the other days offered (they were
    given as the answer); "is de chat open op zaterdag?" is answered: there are none, and
    "hoeveel uur ...?" too: 0 by the schedule."""
    open_days = {int(d) for (d,) in figures.rows("SELECT weekday FROM opening_hours")}
    closed = [WEEKDAY_NAMES[d - 1] for d in range(1, 8) if d not in open_days]
    for day in closed:
        answer = ask(engine, wording.format(day=day))
        assert answer.answered is answered and "geen vaste chaturen" in answer.text, answer.text
    assert closed


def test_a_group_counted_inside_a_measure_but_not_apart(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel procent van de bezoekers in mei haakte af tijdens het aanmelden?": a group the
    source names inside the visitors without counting it (cijfers.toml, options.not_counted);
    refused (the visitors' share of their year was given)."""
    for p in [p for p in OVERALL if p.metric == "bezoekers_chatknop"][::3]:
        when = f"{MONTHS[p.month - 1]} {p.year}"
        for question in [
            f"Hoeveel procent van de {p.label} in {when} haakte af tijdens het aanmelden?",
            f"hoeveel bezoekers haakten af bij het aanmelden in {when}?",
        ]:
            assert_refused(engine, figures, question)


@pytest.mark.parametrize(
    "wording",
    [
        "Waarom was het in {month} {year} zo stil op de chat?",
        "hoe komt het dat het in {month} {year} rustiger was op de chatbox?",
    ],
)
def test_why_a_month_was_quiet_is_not_explained(engine: Engine, figures: Figures, wording: str) -> None:
    """The source explains the rise since the corona crisis, never why a month was quiet; asked
    that, the bot says so (the causes of the rise were given as the answer)."""
    for p in OVERALL[::6]:
        question = wording.format(month=MONTHS[p.month - 1], year=p.year)
        assert_refused(engine, figures, question)


def test_a_helpline_name_written_in_two_parts_with_a_hyphen(engine: Engine, figures: Figures) -> None:
    """ "hoeveel doorverwijzingen van a-wel in juli 2020?": Awel, said so (the name was dropped
    and every helpline's total given)."""
    checked = 0
    for p in POINTS:
        name = str(p.helpline_label or "")
        if not name.isalpha() or len(name) < 4:
            continue
        split = f"{name[0]}-{name[1:]}".lower()
        question = f"hoeveel doorverwijzingen van {split} in {MONTHS[p.month - 1]} {p.year}?"
        answer = ask(engine, question)
        assert answer.answered and figures.has(answer.text, p.value) and name in answer.text, answer.text
        checked += 1
    assert checked


def test_a_month_written_as_it_sounds(engine: Engine, figures: Figures) -> None:
    """ "aantal gesprekken in mij 2020": May, said so ("mij" was dropped as a pronoun and the
    whole year given); the homophones are in the lexicon."""
    homophones = tomllib.loads((REPO / "intents" / "lexicon.toml").read_text())["name_positions"][
        "homophones"
    ]
    checked = 0
    for p in OVERALL:
        for written, month in homophones.items():
            if month != MONTHS[p.month - 1]:
                continue
            answer = ask(engine, f"aantal {p.label} in {written} {p.year}")
            assert answer.answered and figures.has(answer.text, p.value) and month in answer.text, answer.text
            checked += 1
    assert checked


@pytest.mark.parametrize("verb", ["daalden", "daalde", "zakten"])
def test_a_fall_in_percent_with_any_verb_form(engine: Engine, verb: str) -> None:
    """ "met hoeveel procent daalden de bezoekers van april naar juli?": the change (a plural
    verb was not read, and the two months' share of their year given)."""
    for (label, year), months in months_by_year().items():
        falls = [(a, b) for a, b in itertools.combinations(sorted(months), 2) if months[b] < months[a]]
        for a, b in falls[:2]:
            question = (
                f"met hoeveel procent {verb} de {label} van {MONTHS[a - 1]} naar {MONTHS[b - 1]} {year}?"
            )
            answer = ask(engine, question)
            fall = one_decimal_percent(months[a] - months[b], months[a])
            assert answer.answered and f"-{fall}" in answer.text, (question, answer.text)


def test_an_increase_up_to_a_month_runs_between_its_ends(engine: Engine, figures: Figures) -> None:
    """ "met hoeveel nam het aantal toe van januari tot april?", and "Met hoeveel nam dat toe tot
    april?" after January: April against January ("nam ... toe" was no change word, and the
    months added up with "Vergelijken kan niet")."""
    checked = 0
    for (label, year), months in months_by_year().items():
        rises = [
            (a, b)
            for a, b in itertools.combinations(sorted(months), 2)
            if months[b] > months[a] and b - a > 1
        ]
        for a, b in rises[:2]:
            difference = months[b] - months[a]
            fresh = ask(
                engine,
                f"met hoeveel nam het aantal {label} toe van {MONTHS[a - 1]} tot {MONTHS[b - 1]} {year}?",
            )
            assert fresh.answered and figures.has(fresh.text, difference), fresh.text
            context = ask(engine, f"hoeveel {label} waren er in {MONTHS[a - 1]} {year}?").context
            answer = ask(engine, f"Met hoeveel nam dat toe tot {MONTHS[b - 1]}?", context)
            assert answer.answered and figures.has(answer.text, difference), answer.text
            checked += 1
    assert checked >= 4


@pytest.mark.parametrize(
    ("before", "then"),
    [
        ("Wat is de meest gemelde problematiek?", "hoeveel {label} gingen daarover?"),
        ("Hoeveel procent van de oproepers is een meisje?", "en hoeveel {label} waren dat?"),
        (
            "hoeveel procent seksueel misbruik",
            "Hoeveel {label} gingen daarover in 2019, in absolute aantallen?",
        ),
    ],
)
def test_a_count_of_a_shares_group_pointed_back(
    engine: Engine, figures: Figures, before: str, then: str
) -> None:
    """A group of the callers' profile or the problems, then "hoeveel gesprekken gingen daarover?":
    the source gives only percentages for it; refused (the month with the most conversations, or
    a year's total, was given)."""
    for label in sorted({p.label for p in OVERALL}):
        question = then.format(label=label)
        answer = ask(engine, question, ask(engine, before).context)
        assert not answer.answered and not given(figures, answer, question), (label, answer.text)


def test_of_those_with_nothing_before(engine: Engine, figures: Figures) -> None:
    """ "en hoeveel daarvan van Awel?" first, or after a question back ("Ik begrijp niet wat je
    met 'ogastos' bedoelt ..."): of what? Asked back (the whole period was answered, where the
    user had asked about one month)."""
    asked_back = ask(engine, "doorverwijzingen in ogastos 2020 in totaal")
    assert not asked_back.answered
    for helpline in sorted({str(p.helpline_label) for p in POINTS if p.helpline_label}):
        for context in (None, asked_back.context):
            question = f"en hoeveel daarvan van {helpline}?"
            assert_refused(engine, figures, question, context)


def test_how_many_fewer_the_month_after(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel gesprekken in april 2020?", "En hoeveel minder waren het er de maand daarna?":
    May against April (May of two years was compared)."""
    for (label, year), months in months_by_year().items():
        for month in sorted(months):
            if month + 1 not in months or months[month + 1] >= months[month]:
                continue
            context = ask(engine, f"Hoeveel {label} in {MONTHS[month - 1]} {year}?").context
            answer = ask(engine, "En hoeveel minder waren het er de maand daarna?", context)
            assert answer.answered and figures.has(answer.text, months[month] - months[month + 1]), (
                answer.text
            )


def test_a_figure_divided_by_a_measure_named(engine: Engine) -> None:
    """ "Hoeveel gesprekken in totaal van januari tot september 2020?", "Deel dat eens door het
    aantal nieuwe oproepers in dezelfde periode.": the one divided by the other (the second was
    given alone)."""
    for label, (_before, latest), _early, late in last_two_years():
        total = sum(late.values())
        for other, (_b, other_latest), _e, other_late in last_two_years():
            if other == label or other_latest != latest or set(other_late) != set(late):
                continue
            context = ask(engine, f"Hoeveel {label} waren er in totaal in {latest}?").context
            answer = ask(engine, f"Deel dat eens door het aantal {other} in dezelfde periode.", context)
            ratio = decimal_text(Fraction(total, sum(other_late.values())), 1)
            assert answer.answered and f"is {ratio}" in answer.text, answer.text


def test_how_much_higher_it_lay_with_words_between(engine: Engine) -> None:
    """ "En met hoeveel procent lag dat in september 2020 hoger?" after September 2019: the rise
    ("lag ... hoger" with words between was no change, and a share of the year given)."""
    for label, (before, latest), early, late in last_two_years():
        for month in sorted(set(early) & set(late)):
            if late[month] <= early[month]:
                continue
            context = ask(engine, f"Hoeveel {label} waren er in {MONTHS[month - 1]} {before}?").context
            answer = ask(
                engine, f"En met hoeveel procent lag dat in {MONTHS[month - 1]} {latest} hoger?", context
            )
            assert (
                answer.answered
                and f"+{one_decimal_percent(late[month] - early[month], early[month])}" in answer.text
            ), answer.text
            break


def test_the_months_without_any_are_counted(engine: Engine, figures: Figures) -> None:
    """ "In hoeveel van de maanden verwees 1813 niemand door?": the months with none, and how many
    of all (they were listed without their count)."""
    for p in [p for p in POINTS if p.helpline_label][:: max(1, len(POINTS) // 40)]:
        series = {q.month: q.value for q in POINTS if q.helpline == p.helpline and q.year == p.year}
        zeros = [m for m, v in series.items() if v == 0]
        if not zeros or len(zeros) == len(series):
            continue
        answer = ask(
            engine, f"Gedurende hoeveel van de maanden in de tabel verwees {p.helpline_label} niemand door?"
        )
        assert answer.answered and f"{len(zeros)} van de {len(series)} maanden" in answer.text, answer.text


def test_a_share_with_its_part_set_against_the_whole(engine: Engine) -> None:
    """ "Hoeveel bezoekers in september 2020?", "En hoeveel procent daarvan kreeg een gesprek, als
    je het aantal gesprekken in die maand daartegenover zet?": the conversations as a share of
    the visitors ("daartegenover" was read as a comparison of two years)."""
    checked = 0
    for (year, month), points in sorted(points_by_month().items()):
        whole = next((p for p in points.values() if p.metric == "bezoekers_chatknop"), None)
        part = next((p for p in points.values() if p.metric == "gesprekken"), None)
        if whole is None or part is None or whole.value == 0:
            continue
        context = ask(engine, f"Hoeveel {whole.label} in {MONTHS[month - 1]} {year}?").context
        question = (
            f"En hoeveel procent daarvan kreeg een gesprek, als je het aantal {part.label} in die maand "
            "daartegenover zet?"
        )
        answer = ask(engine, question, context)
        assert answer.answered and one_decimal_percent(part.value, whole.value) in answer.text, answer.text
        checked += 1
    assert checked


@pytest.mark.parametrize(
    "according", [" (volgens de tabel)", " volgens de minister", ", volgens het antwoord"]
)
def test_according_to_the_table_asks_no_table(engine: Engine, according: str) -> None:
    """Invariance: "... (volgens de tabel)?", "... volgens de minister?": where the figure comes
    from, the same reply as without it (an overview table was drawn instead of the figure asked;
    "volgens" was asked back)."""
    for p in OVERALL[::5]:
        plain = f"hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?"
        answer = ask(engine, plain.replace("?", f"{according}?"))
        assert answer.answered and answer.text == ask(engine, plain).text, answer.text


def test_ij_typed_as_y(engine: Engine) -> None:
    """ "En op vrydag?" after Monday's hours: Friday (the word was dropped and Monday repeated)."""
    context = ask(engine, "Hoeveel uur is de chat op maandag open?").context
    answer = ask(engine, "En op vrydag?", context)
    assert "vrijdag" in answer.text and answer.text == ask(engine, "En op vrijdag?", context).text, (
        answer.text
    )


def test_a_group_added_to_the_one_before(engine: Engine, figures: Figures) -> None:
    """ "problematiek: emotionele mishandeling?", "en als je fysieke mishandeling erbij telt?":
    both shares added up (the one named was given alone)."""
    shares = problem_shares(figures)
    for (a, pa), (b, pb) in itertools.permutations(shares[:3], 2):
        context = ask(engine, f"problematiek: {a}?").context
        answer = ask(engine, f"en als je {b} erbij telt?", context)
        assert answer.answered and f"samen {pa + pb}%" in answer.text, answer.text


def test_a_group_within_a_group_asked_as_a_count(engine: Engine) -> None:
    """ "hoeveel % van de oproepers is vrouwelijk?", "en hoeveel van hen zijn 12-15 jaar?": a
    crossing of two splits, which the source never gives (the age band's share was given)."""
    groups = [
        (d, label) for d, label, _ in _latest_shares() if d != "problematiek" and not label.startswith("met ")
    ]
    for (d1, a), (d2, b) in itertools.permutations(groups, 2):
        if d1 != d2:
            context = ask(engine, f"hoeveel % van de oproepers is {a}?").context
            answer = ask(engine, f"en hoeveel van hen zijn {b}?", context)
            assert not answer.answered, (a, b, answer.text)


def test_the_week_of_a_named_event_is_that_week_alone(engine: Engine, figures: Figures) -> None:
    """ "de week waarin JustNicolas de chat vermeldde": the week holding that day, not every week
    of its month (both weeks were given), and "hoeveel is dat samen?" after the week after it adds
    those two (the year's total was given)."""
    facts = figures.rows(
        "SELECT text, date FROM facts WHERE date LIKE '____-__-__' AND certainty = 'vermeld'"
    )
    weeks = figures.rows(
        "SELECT w.week_start, w.week_end, w.value, m.label FROM weekly_figures AS w "
        "JOIN metrics AS m USING (metric) ORDER BY w.week_start"
    )
    asked = 0
    for text, day in facts:
        names = re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b", str(text))
        held = [i for i, w in enumerate(weeks) if names and str(w[0]) <= str(day) <= str(w[1])]
        for i in held:
            label, value = weeks[i][3], _int(weeks[i][2])
            question = f"Hoeveel {label} waren er in de week waarin {names[0]} de chat vermeldde?"
            answer = ask(engine, question)
            others = {_int(w[2]) for j, w in enumerate(weeks) if j != i} - {value}
            assert answer.answered and Figures.has(answer.text, value), answer.text
            assert not any(Figures.has(answer.text, v) for v in others), answer.text
            if i + 1 < len(weeks) and weeks[i + 1][3] == label:
                after = ask(engine, "En de week erna?", answer.context)
                together = ask(engine, "Hoeveel is dat samen?", after.context)
                total = value + _int(weeks[i + 1][2])
                assert together.answered and Figures.has(together.text, total), together.text
            asked += 1
    assert asked >= 1


@pytest.mark.parametrize("wording", ["En op {day}?", "en {day}?"])
def test_how_many_hours_carried_to_another_day(engine: Engine, figures: Figures, wording: str) -> None:
    """ "En op vrijdag?" after "hoeveel uur is de chat op maandag open?": how many hours again
    (a day without hours was refused with the other days offered, not answered 0)."""
    by_day = _hours_by_day(figures)
    first = next(iter(by_day))
    context = ask(engine, f"Hoeveel uur is de chat op {first} open?").context
    for day in WEEKDAY_NAMES:
        hours = by_day[day][1] - by_day[day][0] if day in by_day else 0
        answer = ask(engine, wording.format(day=day), context)
        said = f"{hours:g}".replace(".", ",")
        assert answer.answered and f"{said} uur" in answer.text, (day, answer.text)


def test_half_of_two_measures_names_is_asked_back(engine: Engine, figures: Figures) -> None:
    """ "nieuwe oproepen in maart 2020?": a weak word of one measure ("nieuwe") next to one of
    another ("oproepen") names neither; which one is asked back (the calls were given, "nieuwe"
    dropped)."""
    weak = {
        m: [a for a in str(w).split("|") if " " not in a]
        for m, w in figures.rows("SELECT metric, weak_aliases FROM metrics WHERE weak_aliases IS NOT NULL")
    }
    strong = {a for (a,) in figures.rows("SELECT unnest(string_split(aliases, '|')) FROM metrics")}
    p = next(p for p in OVERALL if p.year == max(q.year for q in OVERALL))
    asked = 0
    for a, b in itertools.permutations(weak.values(), 2):
        for x, y in itertools.product(a[:2], b[:2]):
            if f"{x} {y}" in strong:
                continue
            question = f"hoeveel {x} {y} in {MONTHS[p.month - 1]} {p.year}?"
            assert_refused(engine, figures, question)
            asked += 1
    assert asked >= 4


@pytest.mark.parametrize("after", ["in {month} {year}", "waren er in {month} {year}"])
def test_a_measure_typed_one_letter_short_before_a_word(engine: Engine, figures: Figures, after: str) -> None:
    """ "nieuwe oproepes in maart 2020": the name typed one letter short is that name, not glued
    to the word after it (read as "oproepen", the calls)."""
    by_point = points_by_month()
    (year, month), measures = max(by_point.items())
    for label, p in measures.items():
        last = label.split()[-1]
        if len(last) < 7:
            continue
        typo = label[:-2] + label[-1]  # "oproepers" → "oproepes"
        question = f"hoeveel {typo} {after.format(month=MONTHS[month - 1], year=year)}?"
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, p.value), (question, answer.text)


@pytest.mark.parametrize(
    ("wording", "answered_in_its_year"),
    [
        ("Zal de influencercampagne in {year} herhaald worden?", True),
        ("Hoeveel views haalde de campagne met de vloggers in {year}?", True),
        ("Welke influencer plant nog een post in {year}?", True),
    ],
)
def test_a_topic_asked_of_a_year_none_of_its_facts_is_of(
    engine: Engine, figures: Figures, wording: str, answered_in_its_year: bool
) -> None:
    """ "zal de campagne in 2021 herhaald worden?": no fact of the campaign is of that year; the
    facts of another year were given as its answer."""
    rows = figures.rows("SELECT date, text FROM facts WHERE topic = 'campagne'")
    covered = {int(str(d)[:4]) for d, _ in rows if d} | {
        int(y) for _, text in rows for y in re.findall(r"\b20\d\d\b", str(text))
    }
    for year in sorted(set(range(min(covered) - 2, max(covered) + 3)) - covered):
        assert_refused(engine, figures, wording.format(year=year))
    answer = ask(engine, wording.format(year=max(covered)))
    assert answer.answered is answered_in_its_year, answer.text


@pytest.mark.parametrize(
    ("wording", "whole"),
    [
        ("En hoeveel was het totaal die maand?", True),
        ("Wat was het totaal in die maand?", True),
        ("En hoeveel is dat samen?", False),
        ("En die twee samen?", False),
    ],
)
def test_the_total_after_two_helplines_one_by_one(
    engine: Engine, figures: Figures, wording: str, whole: bool
) -> None:
    """ "het totaal die maand" after two helplines asked one by one is every helpline's total
    (the two added up were given); "dat samen" is those two."""
    overall = {(p.metric, p.year, p.month): p.value for p in OVERALL}
    by_month: dict[tuple[str, int, int], list[Point]] = {}
    for p in HELPLINE:
        by_month.setdefault((p.metric, p.year, p.month), []).append(p)
    checked = 0
    for key, points in list(by_month.items())[::3]:
        a, b = points[0], points[-1]
        two = a.value + b.value
        if len(points) < 3 or two == overall[key] or a.value == b.value:
            continue
        month = MONTHS[a.month - 1]
        first = ask(engine, f"Hoeveel {a.label} vanuit {a.helpline_label} in {month} {a.year}?")
        second = ask(engine, f"en vanuit {b.helpline_label} in dezelfde maand?", first.context)
        answer = ask(engine, wording, second.context)
        expected, other = (overall[key], two) if whole else (two, overall[key])
        assert answer.answered and Figures.has(answer.text, expected), answer.text
        assert not Figures.has(answer.text, other), answer.text
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("tag", [", niet?", ", of niet?", " of niet?", ", niet soms?"])
def test_a_tag_asking_to_confirm_makes_a_claim(engine: Engine, tag: str) -> None:
    """ "In mei waren er 71 gesprekken, niet?": a claim to check, like "toch?" (its "niet" was
    asked back as not understood); "welke maanden haalden de 50 niet?" stays a question of months
    below 50 (direction: no comma, no tag)."""
    for p in OVERALL[::7]:
        claimed = p.value + 3
        month = MONTHS[p.month - 1]
        answer = ask(engine, f"In {month} {p.year} waren er {claimed} {p.label}{tag}")
        # (a lower bound is neither confirmed nor denied by a higher claim)
        verdict = "klopt niet" in answer.text or "bevestigen of ontkennen" in answer.text
        assert answer.answered and verdict and Figures.has(answer.text, p.value), answer.text
    for (label, year), values in months_by_year().items():
        if len(label.split()) > 2:  # (a label with its own "niet" is another question)
            continue
        edge = sorted(values.values())[len(values) // 2]
        below = [MONTHS[m - 1] for m, v in values.items() if v < edge]
        answer = ask(engine, f"Welke maanden van {year} haalden de {edge} {label} niet?")
        said = answer.text.split("Bron:")[0]
        assert answer.answered and all(m in said for m in below) and "klopt" not in said, answer.text


def test_a_weak_word_of_the_measure_named_is_part_of_its_name(engine: Engine, figures: Figures) -> None:
    """ "ik las dat ze in mei 50 wachtenden niet konden helpen": a weak word of the measure the
    question names ("wachtenden", "chat", "nieuwe") belongs to it (it was asked back as not
    understood)."""
    rows = figures.rows("SELECT metric, aliases, weak_aliases FROM metrics WHERE weak_aliases IS NOT NULL")
    last = {p.metric: p for p in OVERALL}  # (each measure's latest month)
    asked = 0
    for metric, aliases, weak_aliases in rows:
        p = last[metric]
        strong = [a for a in str(aliases).split("|") if len(a.split()) == 3][:4]
        for word, alias in itertools.product(str(weak_aliases).split("|"), strong):
            question = (
                f"ik las dat er in {MONTHS[p.month - 1]} {p.year} {p.value + 5} {word} {alias}, correct?"
            )
            answer = ask(engine, question)
            assert f"‘{word}" not in answer.text, (question, answer.text)
            asked += 1
    assert asked >= 3


def test_a_months_part_of_one_helplines_total_pointed_back(engine: Engine) -> None:
    """ "hoeveel procent daarvan gebeurde in mei?" after one helpline's total: that month's part
    of the helpline's total (its part of every helpline's May was given)."""
    by_helpline: dict[tuple[str, str, int], list[Point]] = {}
    for p in HELPLINE:
        by_helpline.setdefault((p.metric, str(p.helpline_label), p.year), []).append(p)
    checked = 0
    for (_, helpline, year), points in list(by_helpline.items())[::2]:
        total = sum(p.value for p in points)
        p = max(points, key=lambda x: x.value)
        if len(points) < 2 or not total or p.value == total:
            continue
        first = ask(engine, f"Hoeveel {p.label} kwamen er van {helpline} in {year} in totaal?")
        answer = ask(engine, f"Hoeveel procent daarvan gebeurde in {MONTHS[p.month - 1]}?", first.context)
        assert answer.answered and one_decimal_percent(p.value, total) in answer.text, answer.text
        checked += 1
    assert checked >= 2


def test_a_measure_set_against_the_one_before_pointed_back(engine: Engine) -> None:
    """ "hoeveel procent is het aantal nieuwe oproepers tov dat aantal bezoekers?" after the
    visitors: the one as a share of the other (the change of the first since a year before was
    given)."""
    checked = 0
    for (year, month), measures in list(points_by_month().items())[::3]:
        for a, b in itertools.permutations(measures.values(), 2):
            if not (0 < a.value < b.value):
                continue
            period = f"{MONTHS[month - 1]} {year}"
            first = ask(engine, f"hoeveel {b.label} in {period}?")
            question = f"en hoeveel procent is het aantal {a.label} van {period} tov dat aantal {b.label}?"
            answer = ask(engine, question, first.context)
            assert answer.answered and one_decimal_percent(a.value, b.value) in answer.text, answer.text
            checked += 1
    assert checked >= 3


def test_two_weeks_of_one_month_named_by_their_days(engine: Engine, figures: Figures) -> None:
    """ "de weken van 21 en 28 september samen": both weeks (the 21 was read as a number and the
    week of the 28th given alone), and "tel daar de week van 21 september bij op" after the other
    week adds them too."""
    weeks = figures.rows(
        "SELECT w.week_start, w.value, m.label FROM weekly_figures AS w JOIN metrics AS m USING (metric) "
        "ORDER BY m.label, w.week_start"
    )
    checked = 0
    for (start, value, label), (later, later_value, other) in itertools.pairwise(weeks):
        if label != other or start.month != later.month:
            continue
        total = _int(value) + _int(later_value)
        month = MONTHS[start.month - 1]
        answer = ask(engine, f"hoeveel {label} in de weken van {start.day} en {later.day} {month} samen?")
        assert answer.answered and Figures.has(answer.text, total), answer.text
        first = ask(engine, f"Hoeveel {label} in de week van {later.day} {month}?")
        added = ask(
            engine, f"Tel daar de week van {start.day} {month} bij op, hoeveel is dat samen?", first.context
        )
        assert added.answered and Figures.has(added.text, total), added.text
        checked += 1
    assert checked >= 1


def test_the_difference_between_the_busiest_and_quietest_month_of_a_range(engine: Engine) -> None:
    """ "het verschil tussen de drukste en de rustigste maand van januari tot september 2020":
    the two ends and their difference ("rustigste maand van januari" was read as a month
    described, and the range as a comparison of two years)."""
    for (label, year), months in months_by_year().items():
        if len(months) < 3 or len(set(months.values())) < 2:
            continue
        first, last = MONTHS[min(months) - 1], MONTHS[max(months) - 1]
        question = (
            f"Wat is het verschil tussen de drukste en de rustigste maand van {first} tot {last} {year} "
            f"qua {label}?"
        )
        answer = ask(engine, question)
        spread = max(months.values()) - min(months.values())
        assert answer.answered and f"het verschil is {dutch_number(spread)}" in answer.text, answer.text


def test_how_much_higher_a_month_lay_above_the_one_before(engine: Engine) -> None:
    """ "..., en met hoeveel procent lag april 2020 daarboven?": the change since the figure just
    asked ("daarboven": above that), not a share of the year."""
    checked = 0
    for earlier, later in YEAR_PAIRS[::2]:
        if later.value <= earlier.value:
            continue
        month = MONTHS[earlier.month - 1]
        question = (
            f"Hoeveel {earlier.label} waren er in {month} {earlier.year}, en met hoeveel procent lag "
            f"{month} {later.year} daarboven?"
        )
        answer = ask(engine, question)
        change = decimal_text(Fraction(later.value - earlier.value, earlier.value) * 100, 1)
        assert answer.answered and f"+{change}%" in answer.text, answer.text
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize(
    "wording",
    [
        "Tel die twee zomermaanden op en vergelijk met {a}+{b} {year}: hoeveel {label} meer?",
        "Tel die twee op en vergelijk met dezelfde maanden van {year}: hoeveel meer?",
    ],
)
def test_two_months_asked_one_by_one_added_and_set_against_another_year(engine: Engine, wording: str) -> None:
    """ "juli 2020?", "en in augustus?", "tel die twee maanden op en vergelijk met juli+augustus
    2019": both months added up in both years (August of both was compared)."""
    checked = 0
    for (label, year), months in months_by_year().items():
        before = months_by_year().get((label, year - 1))
        pair = [m for m in sorted(months) if before and m in before][-2:]
        if before is None or len(pair) < 2:
            continue
        a, b = (MONTHS[m - 1] for m in pair)
        context = ask(engine, f"Hoeveel {label} waren er in {a} {year}?").context
        context = ask(engine, f"En in {b}?", context).context
        answer = ask(engine, wording.format(a=a, b=b, year=year - 1, label=label), context)
        now, then = sum(months[m] for m in pair), sum(before[m] for m in pair)
        assert answer.answered and Figures.has(answer.text, now) and Figures.has(answer.text, then), (
            answer.text
        )
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel {label} gingen daar in {year} over?",
        "Hoeveel {label} gingen daar in {year} over, in absolute aantallen?",
    ],
)
def test_a_count_about_the_group_found_split_around_a_year(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """ "Wat is de meest gemelde problematiek?", "Hoeveel chatgesprekken gingen daar in 2020
    over?": a count of that group, which no source gives ("daarover" split; the year's total of
    conversations was given)."""
    first = ask(engine, "Wat is de meest gemelde problematiek?")
    for (label, year), _ in list(months_by_year().items())[::2]:
        assert_refused(engine, figures, wording.format(label=label, year=year), first.context)


@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel procent blijft over als je {a} en {b} weglaat?",
        "Welk percentage blijft er over als je {a} en {b} niet meetelt?",
    ],
)
def test_two_groups_left_out_by_words_after_them(engine: Engine, figures: Figures, wording: str) -> None:
    """ "als je seksueel misbruik en 'andere' weglaat": both groups left out, what is left asked
    (the first was given as a share of what was left without the second)."""
    rows = figures.rows(
        "SELECT split_part(c.aliases, '|', 1), s.percent FROM shares_figures AS s "
        "JOIN categories AS c USING (dimension, category) "
        "WHERE s.dimension = 'problematiek' AND s.year = (SELECT max(year) FROM shares_figures) "
        "ORDER BY s.percent DESC"
    )  # (each group by its first name: a label may hold "en" or "door de oproeper")
    for (a, pa), (b, pb) in list(itertools.combinations(rows, 2))[::3]:
        answer = ask(engine, wording.format(a=a, b=b))
        assert answer.answered and f"{100 - int(pa) - int(pb)}%" in answer.text, answer.text


def test_a_share_of_two_measures_just_asked_keeps_their_period(engine: Engine) -> None:
    """ "bezoekers april", "en nieuwe oproepers april 2020", "welk percentage van de bezoekers zijn
    nieuwe oproepers?": those two measures of April (their shares over the whole period were given)."""
    checked = 0
    for (year, month), measures in list(points_by_month().items())[::2]:
        for a, b in itertools.permutations(measures.values(), 2):
            if not (0 < a.value < b.value):
                continue
            name = MONTHS[month - 1]
            context = ask(engine, f"{b.label} {name} {year}").context
            context = ask(engine, f"en {a.label} {name} {year}", context).context
            answer = ask(engine, f"welk percentage van de {b.label} zijn {a.label}?", context)
            assert answer.answered and one_decimal_percent(a.value, b.value) in answer.text, answer.text
            checked += 1
    assert checked >= 3


@pytest.mark.parametrize(
    "wording", ["Welke leeftijdsgroep meldde dat het vaakst?", "In welke leeftijdsgroep zit dat het meest?"]
)
def test_a_group_pointed_back_split_by_another_topic(engine: Engine, figures: Figures, wording: str) -> None:
    """ "fysieke mishandeling?", "welke leeftijdsgroep meldde dat het vaakst?": the source never
    crosses the problems with the ages (the ages of all callers were given)."""
    rows = figures.rows("SELECT split_part(aliases, '|', 1) FROM categories WHERE dimension = 'problematiek'")
    for (alias,) in rows:
        first = ask(engine, f"Welk percentage van de problematieken was {alias}?")
        assert first.answered, first.text
        assert_refused(engine, figures, wording, first.context)


def test_monthly_averages_set_against_each_other_keep_their_decimals(
    engine: Engine, figures: Figures
) -> None:
    """ "mei-sept 2019?", "en 2020?", "het verschil?", "en per maand gemiddeld?": the difference
    of the two averages with one decimal where they are not whole (+25 was given for +24,8), and
    whole where the source prints them ("Gem/maand" of jan-sep)."""
    printed = {
        (str(m), int(y)): int(v)
        for m, y, v in figures.rows("SELECT metric, year, value FROM printed_totals WHERE aggregate = 'avg'")
    }
    checked = 0
    for earlier, later in YEAR_PAIRS:
        by_year = months_by_year()
        before, after = by_year[(earlier.label, earlier.year)], by_year[(later.label, later.year)]
        run = [m for m in range(earlier.month, 13) if m in before and m in after]
        if earlier.month == 1 or len(run) < 3 or run != list(range(run[0], run[-1] + 1)):
            continue
        a, b = MONTHS[run[0] - 1], MONTHS[run[-1] - 1]
        context = ask(engine, f"Hoeveel {earlier.label} waren er van {a} tot {b} {earlier.year}?").context
        context = ask(engine, f"En in dezelfde periode van {later.year}?", context).context
        context = ask(engine, "Wat is het verschil?", context).context
        answer = ask(engine, "en per maand gemiddeld?", context)
        change = Fraction(sum(after[m] for m in run) - sum(before[m] for m in run), len(run))
        assert answer.answered and f"{'+' if change > 0 else ''}{decimal_text(change, 1)}" in answer.text, (
            answer.text
        )
        checked += 1
        break
    assert checked
    for (metric, year), value in printed.items():
        other = printed.get((metric, year + 1))
        if other is None:
            continue
        label = figures.rows("SELECT label FROM metrics WHERE metric = ?", metric)[0][0]
        answer = ask(
            engine, f"Hoeveel lag het gemiddelde aantal {label} per maand in {year + 1} hoger dan in {year}?"
        )
        said = re.escape(f"Verschil: {signed(Decimal(other - value))}")
        assert answer.answered and re.search(rf"{said}(?![,\d])", answer.text), answer.text


def test_the_callers_a_topic_counts_by_a_plain_word(engine: Engine, figures: Figures) -> None:
    """ "wat was het effect van de vloggers op het aantal oproepers?": the campaign's weeks count
    new callers, named so in the reply (a fact without a figure was given)."""
    options = tomllib.loads((REPO / "intents" / "campagne.toml").read_text())["options"]
    for word, metric in options["counted_as"].items():
        label = figures.rows("SELECT label FROM metrics WHERE metric = ?", metric)[0][0]
        weeks = [_int(v) for _, _, v in figures.weekly(metric)]
        answer = ask(engine, f"Wat was het effect van de samenwerking met de vloggers op het aantal {word}?")
        said = answer.text.lower()
        assert answer.answered and str(label) in said and all(Figures.has(said, v) for v in weeks), (
            answer.text
        )


def test_the_helpline_that_referred_most_in_the_month_a_ranking_finds(
    engine: Engine, figures: Figures
) -> None:
    """ "welke hulplijn verwees het meest door in de maand met de meeste gesprekken?": that month
    found, then its helplines ranked ("verwees ... door" counted; the month's conversations were
    given); "hoeveel keer verwees Awel door in ...?" that helpline's figure of that month."""
    for (label, year), months in months_by_year().items():
        top = max(months.values())
        month = next(m for m, v in months.items() if v == top)
        if list(months.values()).count(top) > 1:
            continue
        totals = {p.helpline_label: p.value for p in HELPLINE if (p.year, p.month) == (year, month)}
        if not totals or label.startswith("doorverwijzingen"):
            continue
        best = max(totals.values())
        leaders = [h for h, v in totals.items() if v == best]
        answer = ask(
            engine, f"Welke hulplijn verwees het meest door in de maand met de meeste {label} van {year}?"
        )
        assert answer.answered and all(str(h) in answer.text for h in leaders), answer.text
        assert MONTHS[month - 1] in answer.text and "het meest" in answer.text, answer.text
        for helpline, value in totals.items():
            one = ask(
                engine, f"Hoeveel keer verwees {helpline} door in de maand met de meeste {label} van {year}?"
            )
            assert one.answered and Figures.has(one.text.split("\n")[0].split(": ", 2)[-1], value), one.text


@pytest.mark.parametrize(
    "wording",
    [
        "Waren er in {year} elke maand minstens {value} {label}?",
        "Zaten er in {year} alle maanden minstens {value} {label}?",
    ],
)
def test_every_month_asked_as_yes_or_no(engine: Engine, wording: str) -> None:
    """ "waren er in 2020 elke maand minstens 40 gesprekken?": no, with the months that did not
    (the months that did were listed without a verdict)."""
    for (label, year), months in months_by_year().items():
        if len(set(months.values())) < 3:
            continue
        value = sorted(months.values())[1]  # (the lowest month misses it)
        misses = [m for m, v in months.items() if v < value]
        answer = ask(engine, wording.format(year=year, value=value, label=label))
        first = answer.text[: answer.text.find(").") + 1]  # (the verdict, before the months listed)
        assert answer.answered and "klopt niet" in first, answer.text
        assert all(f"{MONTHS[m - 1]} ({dutch_number(months[m])})" in first for m in misses), answer.text


def test_how_much_that_is_of_all_asks_a_share(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel doorverwijzingen kwamen er van Awel?", "Hoeveel is dat op alle doorverwijzingen
    samen?": its share of the whole (its own total was given again)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    whole = sum(totals.values())
    for helpline, value in totals.items():
        if not value:
            continue
        first = ask(engine, f"Hoeveel doorverwijzingen kwamen er van {helpline}?")
        answer = ask(engine, "Hoeveel is dat op alle doorverwijzingen samen?", first.context)
        assert answer.answered and one_decimal_percent(value, whole) in answer.text, answer.text


def test_the_months_above_the_mean_just_given(engine: Engine) -> None:
    """ "Wat was het gemiddelde per maand in 2020?", "In hoeveel maanden lag het aantal boven dat
    gemiddelde?": the months past that mean (the mean was given again)."""
    for (label, year), months in list(months_by_year().items())[::2]:
        mean = Fraction(sum(months.values()), len(months))
        above = [m for m, v in months.items() if v > mean]
        first = ask(engine, f"Wat was het gemiddelde aantal {label} per maand in {year}?")
        answer = ask(
            engine, f"In hoeveel maanden van {year} lag het aantal boven dat gemiddelde?", first.context
        )
        assert answer.answered and f"{len(above)} van de {len(months)}" in answer.text, answer.text


@pytest.mark.parametrize("subject", ["de minister", "de Vlaamse regering", "Child Focus"])
def test_someone_elses_opinion_is_not_given(engine: Engine, figures: Figures, subject: str) -> None:
    """ "Vindt de minister de extra middelen voldoende?": an opinion the source does not state
    (the facts about the means were given as if they answered it)."""
    for question in (
        f"Vindt {subject} de extra middelen voor de chatbox voldoende?",
        f"Wat vindt {subject} van de campagne?",
    ):
        assert_refused(engine, figures, question)


def test_two_helplines_asked_in_turn_compared_in_percent(engine: Engine, figures: Figures) -> None:
    """ "CLB-chat?", "en JAC-chat?", "met hoeveel procent ligt CLB hoger dan JAC?": the difference
    in percent of the second (the difference alone was given)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    for a, b in itertools.permutations(sorted(totals), 2):
        if totals[a] <= totals[b] or not totals[b] or a.isdigit() or b.isdigit():
            continue  # (a helpline named by a number, "1712", is read as a value here)
        context = ask(engine, f"Hoeveel doorverwijzingen kwamen er vanuit {a}?").context
        context = ask(engine, f"en vanuit {b}?", context).context
        answer = ask(engine, f"Met hoeveel procent ligt {a} hoger dan {b}?", context)
        change = decimal_text(Fraction(totals[a] - totals[b], totals[b]) * 100, 1)
        assert answer.answered and f"{change}%" in answer.text, answer.text


def test_the_month_found_against_a_month_named(engine: Engine) -> None:
    """ "Welke maand had het meeste?", "Hoeveel procent meer dan januari is dat?": the month found
    against January of its year (January of two years was compared)."""
    for (label, year), months in months_by_year().items():
        top = max(months.values())
        found = [m for m, v in months.items() if v == top]
        base = min(months)
        if len(found) > 1 or found[0] == base or not months[base]:
            continue
        first = ask(engine, f"Welke maand had in {year} de meeste {label}?")
        answer = ask(engine, f"Hoeveel procent meer dan {MONTHS[base - 1]} is dat?", first.context)
        change = decimal_text(Fraction(top - months[base], months[base]) * 100, 1).removesuffix(",0")
        assert answer.answered and f"+{change}%" in answer.text, answer.text


@pytest.mark.parametrize("extreme", ["meeste", "minste"])
def test_whether_a_month_named_is_the_month_a_ranking_finds(engine: Engine, extreme: str) -> None:
    """ "Was september 2020 de maand met de meeste nieuwe oproepers?": yes or no, with the month
    found and the month named (the month found was given, the month named dropped)."""
    checked = 0
    for (label, year), months in months_by_year().items():
        edge = max(months.values()) if extreme == "meeste" else min(months.values())
        found = [m for m, v in months.items() if v == edge]
        if len(found) > 1:
            continue
        for month, value in sorted(months.items())[::3]:
            answer = ask(engine, f"Was {MONTHS[month - 1]} {year} de maand met de {extreme} {label}?")
            verdict = "Ja." if month == found[0] else "Nee."
            assert answer.answered and answer.text.startswith(verdict), answer.text
            assert f"({edge})" in answer.text and (month == found[0] or f": {value}." in answer.text), (
                answer.text
            )
            checked += 1
    assert checked


@pytest.mark.parametrize("extreme", ["meeste", "minste"])
def test_a_month_named_in_a_comparison_after_a_ranking_is_set_against_the_month_found(
    engine: Engine, extreme: str
) -> None:
    """ "Welke maand had in 2020 de meeste bezoekers?", "Hoeveel bezoekers minder waren er in
    juli?": July against the month found, without a pointer back (July of two years was compared,
    or, for a measure of one year, July alone given)."""
    checked = 0
    for (label, year), months in months_by_year().items():
        edge = max(months.values()) if extreme == "meeste" else min(months.values())
        found = [m for m, v in months.items() if v == edge]
        other = next((m for m in sorted(months) if months[m] != edge), None)
        if len(found) > 1 or other is None:
            continue
        first = ask(engine, f"Welke maand had in {year} de {extreme} {label}?")
        word = "minder" if extreme == "meeste" else "meer"
        answer = ask(engine, f"Hoeveel {word} {label} waren er in {MONTHS[other - 1]}?", first.context)
        assert answer.answered and f"Verschil: {abs(edge - months[other])} " in answer.text, answer.text
        checked += 1
    assert checked


@pytest.mark.parametrize(
    "claim", ["meer dan {high} {label} zal halen", "meer dan {high} {label} zal bereiken"]
)
def test_a_claim_about_a_figure_still_to_come_is_not_answered(
    engine: Engine, figures: Figures, claim: str
) -> None:
    """ "Klopt het dat de chat in 2020 meer dan 1000 gesprekken zal halen?": a prediction, which
    the months known cannot decide: no answer (it was marked answered, with the months' total)."""
    whole = set(
        figures.rows(
            "SELECT m.label, y.year FROM yearly_figures AS y JOIN metrics AS m USING (metric) "
            "WHERE y.qualifier IS NULL"
        )
    )
    checked = 0
    for (label, year), months in months_by_year().items():
        if len(months) >= 12 or label.startswith("oproepers in de wachtrij") or (label, year) in whole:
            continue
        high = 2 * sum(months.values()) + 10
        answer = ask(engine, f"Klopt het dat de chat in {year} " + claim.format(high=high, label=label) + "?")
        assert not answer.answered and str(sum(months.values())) in without_thousands(answer.text), (
            answer.text
        )
        checked += 1
    assert checked


@pytest.mark.parametrize(
    "wording", ["Was de campagne volgens jou de moeite waard?", "Volgens u, werkt de chat goed?"]
)
def test_an_opinion_asked_by_according_to_you(engine: Engine, figures: Figures, wording: str) -> None:
    """ "volgens jou": the bot's own opinion, which it does not give (facts were given as one)."""
    assert_refused(engine, figures, wording)


@pytest.mark.parametrize(
    "question",
    [
        "Welke hulplijn stuurt het vaakst jongeren door naar de chatbox?",
        "Welke lijn verwijst het meest door naar nupraatikerover en hoeveel doorverwijzingen waren dat?",
    ],
)
def test_the_helpline_that_refers_most_named_by_a_weak_verb(engine: Engine, question: str) -> None:
    """ "stuurt ... door naar de chatbox": the referrals, the first weak word, not the chat's
    conversations (none per helpline, it said); the chat's own name joined by "en hoeveel" is no
    second measure ("nupraatikerover" was not understood)."""
    totals: dict[str, int] = {}
    for p in HELPLINE:
        totals[p.helpline_label or ""] = totals.get(p.helpline_label or "", 0) + p.value
    top = max(totals, key=lambda h: totals[h])
    answer = ask(engine, question)
    assert answer.answered and f"{top}, met {totals[top]}" in answer.text, answer.text


def test_the_first_or_second_figure_of_two_measures_asked_in_turn(engine: Engine) -> None:
    """ "gesprekken in september 2020?", "en nieuwe oproepers?", "met hoeveel procent lag dat
    eerste cijfer hoger dan in september 2019?": the measure asked first (the last was taken)."""
    checked = 0
    for (year, month), points in sorted(points_by_month().items()):
        earlier = points_by_month().get((year - 1, month))
        labels = [label for label in sorted(points) if earlier and label in earlier and earlier[label].value][
            :2
        ]
        if len(labels) < 2:
            continue
        a, b = labels
        context = ask(engine, f"Hoeveel {a} waren er in {MONTHS[month - 1]} {year}?").context
        context = ask(engine, f"En {b} in die maand?", context).context
        for order, label in (("eerste", a), ("tweede", b)):
            answer = ask(
                engine,
                f"Met hoeveel procent lag dat {order} cijfer hoger dan in {MONTHS[month - 1]} {year - 1}?",
                context,
            )
            old, new = earlier[label].value, points[label].value
            change = decimal_text(Fraction((new - old) * 100, old), 1).removesuffix(",0")
            assert answer.answered and f"{old} en {new}" in answer.text and f"{change}%" in answer.text, (
                answer.text
            )
        checked += 1
    assert checked


@pytest.mark.parametrize("check", ["Mag dat zo blijven staan?", "Kan dat zo blijven staan?"])
def test_a_figure_written_and_asked_whether_it_may_stay(engine: Engine, check: str) -> None:
    """ "Ik schreef dat er in mei 2020 100 gesprekken waren. Mag dat zo blijven staan?": the claim
    checked (the figure was given as if asked, the claim dropped)."""
    # (counts the source calls a lower bound, such as the referrals, cannot be said to be wrong)
    for p in [p for p in OVERALL if p.metric in ("gesprekken", "nieuwe_oproepers", "bezoekers_chatknop")][
        ::7
    ]:
        month = f"{MONTHS[p.month - 1]} {p.year}"
        right = ask(engine, f"Ik schreef dat er in {month} {p.value} {p.label} waren. {check}")
        wrong = ask(engine, f"Ik schreef dat er in {month} {p.value + 7} {p.label} waren. {check}")
        assert right.answered and right.text.startswith("Dat klopt:"), right.text
        assert wrong.answered and wrong.text.startswith("Dat klopt niet"), wrong.text


def test_two_groups_asked_in_turn_with_a_third_added(engine: Engine, figures: Figures) -> None:
    """ "Percentage seksueel misbruik?", "en emotionele mishandeling?", "En die twee samen met
    fysieke mishandeling erbij?": the three added up (only the last and the one named were)."""
    shares = _problem_shares(figures)
    for (a, x), (b, y), (c, z) in itertools.islice(itertools.permutations(shares, 3), 0, None, 11):
        context = ask(engine, f"Percentage {a}?").context
        context = ask(engine, f"en {b}?", context).context
        answer = ask(engine, f"En die twee samen met {c} erbij?", context)
        assert answer.answered and f"samen {x + y + z}%" in answer.text, answer.text


def test_a_correction_that_asks_both_measures_asked_before(engine: Engine) -> None:
    """ "Hoeveel gesprekken in juni 2020?", "en nieuwe oproepers?", "nee wacht, ik bedoelde juni
    2019, beide cijfers graag": both measures in June 2019 (the one measure was compared across
    the two years)."""
    checked = 0
    for (year, month), points in sorted(points_by_month().items()):
        other = (year - 1, month)
        if other not in points_by_month():
            continue
        earlier = points_by_month()[other]
        labels = [label for label in sorted(points) if label in earlier][:2]
        if len(labels) < 2:
            continue
        a, b = labels
        context = ask(engine, f"Hoeveel {a} waren er in {MONTHS[month - 1]} {year}?").context
        context = ask(engine, f"en {b}?", context).context
        answer = ask(
            engine, f"nee wacht, ik bedoelde {MONTHS[month - 1]} {year - 1}, beide cijfers graag", context
        )
        assert answer.answered and "Verschil" not in answer.text, answer.text
        for label in (a, b):
            assert f"{MONTHS[month - 1]} {year - 1}: {earlier[label].value}" in answer.text, answer.text
        checked += 1
    assert checked


def test_a_correction_followed_by_a_request_answers_both(engine: Engine) -> None:
    """ "Hoeveel nieuwe oproepers in juni 2019?", "Oeps, ik bedoelde juni 2020. En geef ook het
    aantal gesprekken die maand.": the corrected question, then the request (only the request
    was answered)."""
    by_point = points_by_month()
    for (year, month), measures in list(by_point.items())[::3]:
        if (year - 1, month) not in by_point:
            continue
        for a, b in itertools.permutations(measures.values(), 2):
            if a.value == b.value:
                continue
            name = MONTHS[month - 1]
            context = ask(engine, f"Hoeveel {a.label} in {name} {year - 1}?").context
            answer = ask(
                engine,
                f"Oeps, ik bedoelde {name} {year}. En geef ook het aantal {b.label} die maand.",
                context,
            )
            assert (
                answer.answered and Figures.has(answer.text, a.value) and Figures.has(answer.text, b.value)
            ), answer.text
            break


def test_more_than_with_nothing_after_it_is_the_figure_before(engine: Engine, figures: Figures) -> None:
    """ "heel 2019?", "en in 2015?", "hoeveel gesprekken meer had 2019 dan?": 2019 against 2015,
    the year asked before (2019 was set against 2020)."""
    rows = figures.rows(
        "SELECT metric, year, value FROM yearly_figures WHERE qualifier IS NULL ORDER BY metric, year"
    )
    for (metric, y1, v1), (other, y2, v2) in itertools.pairwise(rows):
        if metric != other:
            continue
        label = figures.rows("SELECT label FROM metrics WHERE metric = ?", metric)[0][0]
        context = ask(engine, f"Hoeveel {label} waren er in {y2} in totaal?").context
        context = ask(engine, f"En in {y1}?", context).context
        answer = ask(engine, f"Hoeveel {label} meer had {y2} dan?", context)
        assert answer.answered and Figures.has(answer.text, _int(v2) - _int(v1)), answer.text


def test_the_months_of_a_ranking_added_up_when_pointed_back(engine: Engine) -> None:
    """ "de 3 drukste maanden van 2020?", "hoeveel zijn dat samen?": those months added up (the
    year's total was given)."""
    for (label, year), months in months_by_year().items():
        ordered = sorted(months.values(), reverse=True)
        if len(ordered) < 4 or ordered[2] == ordered[3]:
            continue
        first = ask(engine, f"Wat zijn de 3 drukste maanden van {year} qua {label}?")
        answer = ask(engine, f"Hoeveel {label} zijn dat samen?", first.context)
        assert answer.answered and Figures.has(answer.text, sum(ordered[:3])), answer.text


def test_what_a_mark_stands_for_is_not_explained(engine: Engine, figures: Figures) -> None:
    """ "Waar staat het sterretje bij maart 2019 voor?": the source never says (a table of that
    month was drawn); asked with the figure itself, the figure comes with the mark's note."""
    for p in OVERALL[::6]:
        month = MONTHS[p.month - 1]
        assert_refused(engine, figures, f"Waar staat het sterretje bij {month} {p.year} in de tabel voor?")
        both = ask(
            engine, f"Hoeveel {p.label} waren er in {month} {p.year}? En waar staat dat sterretje voor?"
        )
        assert both.answered and Figures.has(both.text, p.value), both.text


def test_a_count_of_a_group_after_the_figure_it_is_part_of(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel van de 658 gesprekken in 2020 gingen over seksueel misbruik?": a count the
    source does not give (the share was given as its answer; the quoted 658 hid what is counted)."""
    rows = figures.rows("SELECT split_part(aliases, '|', 1) FROM categories WHERE dimension = 'problematiek'")
    for (label, year), months in list(months_by_year().items())[::2]:
        total = sum(months.values())
        for (group,) in rows[::2]:
            answer = ask(engine, f"Hoeveel van de {total} {label} in {year} gingen exact over {group}?")
            assert not answer.answered, answer.text


def test_months_set_against_the_whole_year_before(engine: Engine, figures: Figures) -> None:
    """ "Zat de chat met jan t.e.m. sep 2020 al boven het totaal van heel 2019? Met hoeveel?": the
    months against that year's total (the two were added up)."""
    rows = figures.rows("SELECT metric, year, value FROM yearly_figures WHERE qualifier IS NULL")
    for metric, year, value in rows:
        label = figures.rows("SELECT label FROM metrics WHERE metric = ?", metric)[0][0]
        later = months_by_year().get((label, year + 1))
        if not later:
            continue
        first, last = MONTHS[min(later) - 1], MONTHS[max(later) - 1]
        question = (
            f"Zat de chat met de {label} van {first} t.e.m. {last} {year + 1} al boven het totaal van "
            f"heel {year}? Met hoeveel?"
        )
        answer = ask(engine, question)
        difference = sum(later.values()) - _int(value)
        assert answer.answered and Figures.has(answer.text, abs(difference)), answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "Zet dat eens af tegen het aantal {label} van die maand: hoeveel procent is dat?",
        "Zet dat eens af tegen het aantal chatknop-bezoekers van die maand: hoeveel procent is dat?",
    ],
)
def test_the_figure_before_set_against_a_measure_as_a_share(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """ "oproepers in de wachtrij in mei?", "zet dat af tegen de bezoekers: hoeveel procent is
    dat?": the figure before as a share of the measure named (the other way round was given)."""
    visitors = figures.rows("SELECT label FROM metrics WHERE metric = 'bezoekers_chatknop'")[0][0]
    checked = 0
    for (year, month), measures in points_by_month().items():
        whole = measures.get(str(visitors))
        if whole is None:
            continue
        for part in measures.values():
            if part is whole or not 0 < part.value < whole.value:
                continue
            first = ask(engine, f"Hoeveel {part.label} in {MONTHS[month - 1]} {year}?")
            answer = ask(engine, wording.format(label=whole.label), first.context)
            assert answer.answered and one_decimal_percent(part.value, whole.value) in answer.text, (
                answer.text
            )
            checked += 1
    assert checked >= 2


def test_the_month_a_ranking_found_among_months_asked_pointed_back(engine: Engine) -> None:
    """ "mei tot september per maand?", "welke van die maanden had het minst?", "het verschil met
    diezelfde maand in 2019?": that month of both years (the whole range was compared)."""
    for (label, year), months in months_by_year().items():
        before = months_by_year().get((label, year - 1))
        run = [m for m in sorted(months) if m >= 5 and before and m in before]
        if len(run) < 3:
            continue
        low = min(months[m] for m in run)
        found = [m for m in run if months[m] == low]
        if len(found) > 1:
            continue
        a, b = MONTHS[run[0] - 1], MONTHS[run[-1] - 1]
        context = ask(engine, f"Geef me de {label} van {a} tot {b} {year} per maand").context
        context = ask(engine, "Welke van die maanden had er het minst?", context).context
        answer = ask(engine, f"Wat was het verschil met diezelfde maand in {year - 1}?", context)
        difference = low - before[found[0]]
        assert answer.answered and Figures.has(answer.text, abs(difference)), answer.text
        assert MONTHS[found[0] - 1] in answer.text, answer.text


def test_the_part_of_the_months_before_a_month_pointed_back(engine: Engine) -> None:
    """ "... van maart tot september, en hoeveel daarvan vóór mei?": March and April, the part of
    those months (January-April was refused for the months it lacks)."""
    for p in HELPLINE[::5]:
        months = sorted(
            q.month for q in HELPLINE if (q.helpline, q.year, q.metric) == (p.helpline, p.year, p.metric)
        )
        if len(months) < 4 or months[0] == 1:
            continue
        cut = months[2]
        part = sum(
            q.value
            for q in HELPLINE
            if (q.helpline, q.year, q.metric) == (p.helpline, p.year, p.metric) and q.month < cut
        )
        first = ask(
            engine,
            f"Hoeveel {p.label} vanuit {p.helpline_label} van {MONTHS[months[0] - 1]} tot "
            f"{MONTHS[months[-1] - 1]} {p.year}?",
        )
        answer = ask(engine, f"en hoeveel daarvan vóór {MONTHS[cut - 1]}?", first.context)
        assert answer.answered and Figures.has(answer.text, part), answer.text


def _groups_of_one_split() -> list[tuple[tuple[str, int], tuple[str, int]]]:
    """Every ordered pair of groups of one split of the newest year, named plainly (no "met ..."
    and no "of" of their own)."""
    shares = [s for s in _latest_shares() if not s[1].startswith("met ") and " of " not in s[1]]
    return [((a, pa), (b, pb)) for (da, a, pa), (db, b, pb) in itertools.permutations(shares, 2) if da == db]


@pytest.mark.parametrize("added", ["tel daar {b} bij", "tel er {b} bij", "samen met {b}?"])
def test_a_group_added_to_the_one_before_by_an_imperative(engine: Engine, added: str) -> None:
    """ "welk % is 12-15 jaar?", "tel daar 15-18 jaar bij": both shares added up (the follow-up
    was read as a fresh question about one group, and the groups were listed apart)."""
    for (a, pa), (b, pb) in _groups_of_one_split():
        context = ask(engine, f"welk percentage is {a}?").context
        answer = ask(engine, added.format(b=b), context)
        assert answer.answered and f"samen {pa + pb}%" in answer.text, (a, b, answer.text)


def test_the_share_of_either_of_two_groups_is_their_sum(engine: Engine) -> None:
    """ "welk percentage is 12-15 jaar of 15-18 jaar?": the share of either group, added up
    (each was listed, no share of the two given)."""
    for (a, pa), (b, pb) in _groups_of_one_split():
        answer = ask(engine, f"welk percentage is {a} of {b}?")
        assert answer.answered and f"samen {pa + pb}%" in answer.text, (a, b, answer.text)


@pytest.mark.parametrize(
    "question",
    [
        "hoeveel procent van de oproepers meldt {topic}?",
        "welk percentage meldde {topic}?",
        "is {group} of {topic} groter, in procent?",
        "hoeveel procent gaat over {group} en {topic}?",
    ],
)
@pytest.mark.parametrize("topic", ["pesten", "racisme", "eenzaamheid"])
def test_a_problem_the_source_does_not_count_is_not_answered(
    engine: Engine, figures: Figures, question: str, topic: str
) -> None:
    """ "hoeveel procent van de oproepers meldt pesten?": the source counts no such problem (every
    problem's share was listed, the word read as a verb)."""
    group, _ = problem_shares(figures)[0]
    message = question.format(topic=topic, group=group)
    assert_refused(engine, figures, message)


def test_two_months_counted_back_and_one_more_added(engine: Engine) -> None:
    """ "juli?", "en augustus?", "Tel die twee op en doe er september nog bij": the three months
    (the month named took the place of one of the two counted back)."""
    for (label, year), by_month in months_by_year().items():
        months = sorted(by_month)
        for first, second, third in zip(months, months[1:], months[2:], strict=False):
            context = ask(engine, f"hoeveel {label} in {MONTHS[first - 1]} {year}?").context
            context = ask(engine, f"en in {MONTHS[second - 1]} {year}?", context).context
            answer = ask(engine, f"Tel die twee op en doe er {MONTHS[third - 1]} {year} nog bij", context)
            expected = by_month[first] + by_month[second] + by_month[third]
            assert answer.answered and f"in totaal: {dutch_number(expected)}" in answer.text, answer.text


def test_the_helpline_a_ranking_found_is_the_one_pointed_at(engine: Engine, figures: Figures) -> None:
    """ "Welke hulplijn verwees het vaakst door?", "Hoeveel doorverwijzingen had die in juni?":
    the helpline found, in that month (every helpline's June was given)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    top = max(totals, key=lambda label: totals[label])
    assert list(totals.values()).count(totals[top]) == 1  # one helpline found
    for month in figures.months("doorverwijzingen", year):
        context = ask(engine, "Welke hulplijn verwees het vaakst door?").context
        answer = ask(engine, f"Hoeveel doorverwijzingen had die in {MONTHS[month - 1]}?", context)
        own = figures.by_helpline("doorverwijzingen", year, [month])[top]
        assert answer.answered and top in answer.text and f": {own}." in answer.text, answer.text


def test_how_many_more_in_a_point_than_the_one_asked_before(engine: Engine) -> None:
    """ "hoeveel gesprekken in april?", "en in mei?", "hoeveel meer gesprekken in april?": April
    against May, the month asked before (April of two years was compared); "hoeveel nieuwe
    oproepers meer in mei 2020?" after May 2019 the same (the two-word measure hid "meer")."""
    for (label, year), by_month in months_by_year().items():
        months = sorted(by_month)
        for earlier, later in itertools.pairwise(months[::3]):
            context = ask(engine, f"hoeveel {label} in {MONTHS[later - 1]} {year}?").context
            answer = ask(engine, f"hoeveel {label} meer in {MONTHS[earlier - 1]} {year}?", context)
            difference = abs(by_month[earlier] - by_month[later])
            assert answer.answered and dutch_number(difference) in answer.text, answer.text
            assert dutch_number(by_month[earlier]) in answer.text, answer.text
            assert dutch_number(by_month[later]) in answer.text, answer.text


def test_more_from_one_helpline_or_the_other(engine: Engine, figures: Figures) -> None:
    """ "Kreeg de chat meer doorverwijzingen van de 1712-chat of van de CLB-chat?": the two set
    against each other ("meer" was not understood, and the question refused)."""
    year = figures.latest_year("doorverwijzingen")
    totals = figures.by_helpline("doorverwijzingen", year)
    for a, b in itertools.combinations(sorted(totals), 2):
        answer = ask(engine, f"Kreeg de chat meer doorverwijzingen van {a} of van {b}?")
        difference = abs(totals[a] - totals[b])
        assert answer.answered and f"{a}: {totals[a]}" in answer.text, answer.text
        assert f"{b}: {totals[b]}" in answer.text and f" {difference}" in answer.text, answer.text


def test_months_named_after_daarvan_are_the_months_asked(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel doorverwijzingen in april?", "hoeveel daarvan kwamen van Awel in maart en april
    samen?": both months named (only the month asked before was kept, as for "vóór mei")."""
    year = figures.latest_year("doorverwijzingen")
    months = figures.months("doorverwijzingen", year)
    for first, second in itertools.pairwise(months):
        by_helpline = figures.by_helpline("doorverwijzingen", year, [first, second])
        for helpline, total in by_helpline.items():
            context = ask(engine, f"Hoeveel doorverwijzingen waren er in {MONTHS[second - 1]}?").context
            named = f"{MONTHS[first - 1]} en {MONTHS[second - 1]}"
            answer = ask(engine, f"hoeveel daarvan kwamen van {helpline} in {named} samen?", context)
            assert answer.answered and f"in totaal: {total}" in answer.text, answer.text


@pytest.mark.parametrize(("label", "year", "total"), _year_totals())
def test_some_months_above_another_years_total(engine: Engine, label: str, year: int, total: int) -> None:
    """ "Lag het aantal gesprekken van januari t.e.m. september 2020 al boven het jaartotaal van
    2019? Met hoeveel?": those months against that year whole (both years' months were added
    up)."""
    for (other_label, other_year), months in sorted(months_by_year().items()):
        if other_label != label or other_year == year:
            continue
        first, last = MONTHS[min(months) - 1], MONTHS[max(months) - 1]
        question = (
            f"Lag het aantal {label} van {first} t.e.m. {last} {other_year} al boven het jaartotaal "
            f"van {year}? Zo ja, met hoeveel?"
        )
        answer = ask(engine, question)
        difference = abs(sum(months.values()) - total)
        text = without_thousands(answer.text)
        assert answer.answered and str(total) in text and re.search(rf"\b{difference}\b", text), answer.text


def test_months_left_out_by_niet_before_them(engine: Engine) -> None:
    """ "Niet januari en februari meegerekend: hoeveel nieuwe oproepers in 2020 t.e.m. september?":
    the other months (the whole period was given, "niet" dropped)."""
    for (label, year), by_month in months_by_year().items():
        months = sorted(by_month)
        if len(months) < 4 or label.startswith("unieke"):
            continue
        first, second, last = months[0], months[1], months[-1]
        question = (
            f"Niet {MONTHS[first - 1]} en {MONTHS[second - 1]} meegerekend: hoeveel {label} "
            f"van {MONTHS[first - 1]} t.e.m. {MONTHS[last - 1]} {year}?"
        )
        answer = ask(engine, question)
        rest = sum(by_month[m] for m in months[2:])
        assert answer.answered and f"in totaal: {dutch_number(rest)}" in answer.text, answer.text


def _shares_by_year() -> dict[tuple[str, str], dict[int, int]]:
    """(dimension, category label) → year → share, every year the data has."""
    rows = _db_rows(
        "SELECT s.dimension, c.label, s.year, s.percent FROM shares_figures AS s JOIN categories AS c "
        "USING (dimension, category)"
    )
    by_group: dict[tuple[str, str], dict[int, int]] = {}
    for dimension, label, year, percent in rows:
        by_group.setdefault((str(dimension), str(label)), {})[_int(year)] = _int(percent)
    return by_group


def test_the_year_before_a_share_of_no_year_named(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel procent van de meldingen gaat over seksueel misbruik?", "En hoeveel was dat het
    jaar voordien?": that group's share of the year before the newest, or a refusal (the newest
    was given again)."""
    for (dimension, label), years in _shares_by_year().items():
        if dimension != "problematiek":
            continue
        newest = max(y for (d, _), ys in _shares_by_year().items() if d == dimension for y in ys)
        context = ask(engine, f"Hoeveel procent van de meldingen gaat over {label}?").context
        question = "En hoeveel was dat het jaar voordien?"
        if newest - 1 in years:
            answer = ask(engine, question, context)
            assert answer.answered and f"{years[newest - 1]}%" in answer.text, answer.text
            assert str(newest - 1) in answer.text, answer.text
        else:
            assert_refused(engine, figures, question, context, label)


@pytest.mark.parametrize("cue", ["meer dan {n} hoger dan", "minstens {n} meer dan", "ruim {n} lager dan"])
def test_a_bound_on_a_difference_is_refused(engine: Engine, figures: Figures, cue: str) -> None:
    """ "In hoeveel maanden lag het aantal gesprekken in 2020 meer dan 30 hoger dan in dezelfde
    maand van 2019?": a bound on a difference between two periods, which no answer computes (the
    months past 30 were listed for each year)."""
    for label, (earlier, later), _, _ in last_two_years():
        bound = cue.format(n=30)
        question = (
            f"In hoeveel maanden lag het aantal {label} in {later} {bound} in dezelfde maand van {earlier}?"
        )
        assert_refused(engine, figures, question)


def _two_measures_in_three_months() -> list[tuple[Point, Point, Point]]:
    """(a figure stated, the same measure a month later, another measure a month after that),
    for every pair of measures with figures in three running months of one year."""
    by_point = points_by_month()
    cases = []
    for (year, month), measures in sorted(by_point.items()):
        later, last = by_point.get((year, month + 1), {}), by_point.get((year, month + 2), {})
        for label, stated in measures.items():
            for other, asked in last.items():
                if other != label and label in later:
                    cases.append((stated, later[label], asked))
    return cases[::7]


def test_two_counts_after_a_statement_take_its_measure_where_they_lack_one(
    engine: Engine, figures: Figures
) -> None:
    """ "Ik zie 452 bezoekers in april. Hoeveel waren het er in mei, en hoeveel oproepers uit de
    wachtrij in mei?": May's visitors, then the other measure (the first clause was dropped); with
    nothing before it, the first clause is asked back (the second measure was counted over both
    months)."""
    for stated, same, other in _two_measures_in_three_months():
        said = f"Ik zie {stated.value} {stated.label} in {MONTHS[stated.month - 1]} {stated.year}."
        clauses = (
            f"Hoeveel waren het er in {MONTHS[same.month - 1]} {same.year}, en hoeveel {other.label} "
            f"in {MONTHS[other.month - 1]} {other.year}?"
        )
        answer = ask(engine, f"{said} {clauses}")
        assert answer.answered, answer.text
        assert figures.has(answer.text, same.value) and figures.has(answer.text, other.value), answer.text
        assert_refused(engine, figures, clauses)


@pytest.mark.parametrize(("label", "year", "total"), _year_totals())
def test_a_change_between_whole_years_stays_between_whole_years(
    engine: Engine, figures: Figures, label: str, year: int, total: int
) -> None:
    """ "gesprekken heel 2019?", "en heel 2020?" (refused: some months missing), "stijging in
    procent": whole years still, so refused (January-September of both was compared)."""
    whole = {y for lbl, y, _ in _year_totals() if lbl == label}
    for (other_label, other), _ in sorted(months_by_year().items()):
        if other_label != label or other in whole:
            continue
        context = ask(engine, f"hoeveel {label} in heel {year}?").context
        context = ask(engine, f"en heel {other}?", context).context
        assert_refused(engine, figures, "stijging in procent", context, (year, other))


@pytest.mark.parametrize(
    "question",
    [
        "Hoelang duurde een chatgesprek in {period} gemiddeld?",
        "hoelang duurde een gesprek in {period}?",
        "hoe lang duurden de gesprekken in {period}?",
        "Hoe lang duurt een chatgesprek gemiddeld in {period}?",
    ],
)
def test_how_long_a_conversation_lasted_is_no_count(engine: Engine, figures: Figures, question: str) -> None:
    """ "Hoelang duurde een chatgesprek in 2020 gemiddeld?": the source gives no duration per
    period (the monthly average of the count was given)."""
    for p in OVERALL[::4]:
        if p.metric == "gesprekken":
            assert_refused(engine, figures, question.format(period=f"{MONTHS[p.month - 1]} {p.year}"))
            assert_refused(engine, figures, question.format(period=str(p.year)))


@pytest.mark.parametrize(
    "question",
    [
        "Hoeveel chaturen per week blijven er over als je de {day} niet meetelt?",
        "hoeveel uur blijft er over zonder {day}?",
    ],
)
def test_the_hours_that_remain_without_a_day(engine: Engine, figures: Figures, question: str) -> None:
    """ "Hoeveel chaturen per week blijven er over als je de woensdag niet meetelt?": the week's
    hours but that day's ("blijven" was read as "until when do the hours stay", and the day
    dropped)."""
    days = _hours_by_day(figures)
    week = sum(closes - opens for opens, closes in days.values())
    for day, (opens, closes) in days.items():
        answer = ask(engine, question.format(day=day))
        rest = week - (closes - opens)
        said = f"{rest:g}".replace(".", ",")
        assert answer.answered and f"samen {said} uur" in answer.text, answer.text


def test_a_month_against_itself_a_year_earlier_after_two_months(engine: Engine) -> None:
    """ "hoeveel gesprekken in juni 2020?", "en juli?", "hoeveel meer was juli dan het jaar
    ervoor?": July against July a year earlier (July was set against June, the year dropped)."""
    for label, (earlier, later), before, after in last_two_years():
        months = sorted(set(before) & set(after))
        for first, second in itertools.pairwise(months[::2]):
            context = ask(engine, f"hoeveel {label} in {MONTHS[first - 1]} {later}?").context
            context = ask(engine, f"en {MONTHS[second - 1]}?", context).context
            answer = ask(engine, f"hoeveel meer was {MONTHS[second - 1]} dan het jaar ervoor?", context)
            assert answer.answered and str(earlier) in answer.text, answer.text
            assert f": {before[second]} en {after[second]}." in without_thousands(answer.text), answer.text


def test_what_had_come_by_the_end_of_a_month(engine: Engine) -> None:
    """ "hoeveel gesprekken waren er eind juni 2020 al?": January to June added up ("eind juni" was
    refused as part of a month)."""
    for (label, year), by_month in months_by_year().items():
        months = sorted(by_month)
        if months[0] != 1 or label.startswith("unieke"):
            continue
        for month in months[2::3]:
            answer = ask(engine, f"hoeveel {label} waren er eind {MONTHS[month - 1]} {year} al?")
            total = sum(v for m, v in by_month.items() if m <= month)
            assert answer.answered and f"in totaal: {dutch_number(total)}" in answer.text, answer.text


@pytest.mark.parametrize(("label", "year", "total"), _year_totals())
def test_by_the_end_of_a_month_above_another_years_total(
    engine: Engine, label: str, year: int, total: int
) -> None:
    """ "Zat de chat eind september 2020 al boven het jaartotaal van 2019? Met hoeveel gesprekken?":
    January-September against that year whole, one answer (the second sentence, the measure
    again, was answered apart, over other periods)."""
    for (other_label, other), by_month in sorted(months_by_year().items()):
        if other_label != label or other == year or min(by_month) != 1:
            continue
        last = max(by_month)
        question = (
            f"Zat de chat eind {MONTHS[last - 1]} {other} al boven het jaartotaal van {year}? "
            f"Met hoeveel {label}?"
        )
        answer = ask(engine, question)
        difference = abs(sum(by_month.values()) - total)
        text = without_thousands(answer.text)
        assert answer.answered and re.search(rf"\b{difference}\b", text), answer.text
        assert text.count("Verschil") == 1, answer.text


def _year_bounds() -> list[tuple[str, int, int]]:
    """(metric label, year, bound) of the years the source gives only as a bound ("meer dan 330")."""
    rows = _db_rows(
        "SELECT m.label, y.year, y.value FROM yearly_figures AS y JOIN metrics AS m USING (metric) "
        "WHERE y.qualifier IS NOT NULL ORDER BY 1, 2"
    )
    return [(str(label), _int(year), _int(value)) for label, year, value in rows]


@pytest.mark.parametrize(("label", "year", "bound"), _year_bounds())
@pytest.mark.parametrize(
    "question",
    [
        "Zitten de {label} van {other} al boven heel {year}? Met hoeveel meer?",
        "hoeveel meer {label} in {first} t.e.m. {last} {other} dan in heel {year}?",
    ],
)
def test_some_months_against_a_year_given_as_a_bound(
    engine: Engine, figures: Figures, question: str, label: str, year: int, bound: int
) -> None:
    """ "Zitten de nieuwe oproepers van 2020 al boven heel 2019?" where 2019 is "meer dan 330":
    the months and the bound, no difference (January-September of both years was compared)."""
    for (other_label, other), by_month in sorted(months_by_year().items()):
        if other_label != label or other == year:
            continue
        first, last = MONTHS[min(by_month) - 1], MONTHS[max(by_month) - 1]
        message = question.format(label=label, other=other, year=year, first=first, last=last)
        answer = ask(engine, message)
        months = sum(by_month.values())
        stated = given(figures, answer, message)
        assert stated <= {float(months), float(bound)}, answer.text
        assert float(bound) in stated and float(months) in stated, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hoeveel nieuwe jongeren knoopten een gesprek aan in {period}?",
        "Hoeveel unieke jongeren knoopten in {period} voor het eerst een gesprek aan?",
        "hoeveel nieuwe oproepers knoopten in {period} een gesprek aan?",
    ],
)
def test_new_callers_who_started_a_conversation(engine: Engine, question: str) -> None:
    """ "Hoeveel nieuwe jongeren knoopten een gesprek aan in mei?": the new callers ("een gesprek
    aanknopen" is what they do; "no new callers of the conversations apart" was said)."""
    for p in OVERALL:
        if p.metric == "nieuwe_oproepers" and p.month % 2:
            answer = ask(engine, question.format(period=f"{MONTHS[p.month - 1]} {p.year}"))
            assert answer.answered and answer.text.startswith(f"Nieuwe oproepers, {MONTHS[p.month - 1]}"), (
                answer.text
            )
            assert f": {p.value}." in answer.text, answer.text


def test_the_share_of_a_quarter_that_fell_within_a_range(engine: Engine) -> None:
    """ "Welk aandeel van de chatgesprekken van januari-september 2019 viel in het eerste
    kwartaal?": the quarter as a part of the range (the range was given as a part of its year);
    named with its year only, of the months of that year."""
    for (label, year), by_month in months_by_year().items():
        months = sorted(by_month)
        if months[0] != 1 or len(months) < 6 or label.startswith("unieke"):
            continue
        whole = sum(by_month.values())
        for index in range(1, len(months) // 3 + 1):
            quarter = sum(by_month[m] for m in range(3 * index - 2, 3 * index + 1))
            ordinal = ORDINALS[index - 1]
            ranged = f"van januari-{MONTHS[months[-1] - 1]} {year}"
            for named in (ranged, f"van {year}"):
                answer = ask(engine, f"Welk aandeel van de {label} {named} viel in het {ordinal} kwartaal?")
                assert answer.answered and one_decimal_percent(quarter, whole) in answer.text, answer.text


def test_a_larger_count_is_no_share_of_a_smaller_one(engine: Engine, figures: Figures) -> None:
    """ "welk aandeel van de doorverwijzingen waren chatgesprekken in april?": 123 conversations are
    no part of 9 referrals (1.367% was given as a share)."""
    asked = 0
    for (year, month), measures in sorted(points_by_month().items()):
        for larger, smaller in itertools.permutations(measures.values(), 2):
            if larger.value > smaller.value > 0 and not larger.label.startswith("unieke"):
                question = (
                    f"welk aandeel van de {smaller.label} waren {larger.label} in {MONTHS[month - 1]} {year}?"
                )
                assert_refused(engine, figures, question)
                asked += 1
    assert asked >= 5


@pytest.mark.parametrize("off", [0, 5, -3])
def test_a_claim_about_weeks_is_checked_against_their_sum(engine: Engine, figures: Figures, off: int) -> None:
    """ "Klopt het dat er in de twee weken na de vlog van JustNicolas 20 nieuwe oproepers
    bijkwamen?": both weeks added up, against the claim (each week was listed, nothing checked)."""
    weeks = figures.weekly("nieuwe_oproepers")
    total = sum(int(v) for _, _, v in weeks[:2])
    claimed = total + off
    question = (
        f"Klopt het dat er in de twee weken na de vlog van JustNicolas {claimed} nieuwe oproepers bijkwamen?"
    )
    answer = ask(engine, question)
    verdict = "Dat klopt:" if off == 0 else "Dat klopt niet"
    assert answer.answered and answer.text.startswith(verdict) and f" {total} " in answer.text, answer.text


@pytest.mark.parametrize("others", ["en co", "en consoorten", "en cie"])
def test_a_name_and_the_others_filters_no_facts(engine: Engine, figures: Figures, others: str) -> None:
    """ "hoeveel views hadden de filmpjes van justnicolas en co": the campaign's views (only facts
    naming JustNicolas were kept, and the views said not to be in the source)."""
    views = figures.rows("SELECT value FROM facts WHERE unit = 'views'")
    assert views
    answer = ask(engine, f"hoeveel views hadden de filmpjes van justnicolas {others}")
    assert answer.answered and dutch_number(int(views[0][0])) in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hoeveel gesprekken werden in {year} gevoerd met jongeren van {group}?",
        "hoeveel chatgesprekken waren er in {year} met oproepers van {group}?",
    ],
)
def test_a_count_of_conversations_of_an_age_group_is_refused(
    engine: Engine, figures: Figures, question: str
) -> None:
    """ "Hoeveel gesprekken werden in 2020 gevoerd met jongeren van 12-15 jaar?": the source gives
    the group's share of the callers, no count of its conversations (the profile was given as the
    answer; the refusal may say which shares there are)."""
    for dimension, group, _ in _latest_shares():
        if dimension == "leeftijd":
            for year in sorted({p.year for p in OVERALL if p.metric == "gesprekken"}):
                message = question.format(year=year, group=group)
                answer = ask(engine, message)
                assert not answer.answered, answer.text
                # (what it may say is which shares there are: their percentages and group names)
                allowed = {float(v) for _, _, v in _latest_shares()}
                allowed |= {n for _, label, _ in _latest_shares() for n in numbers_in(label)}
                stated = {v for v in given(figures, answer, message) if int(v) not in YEAR_RANGE}
                assert stated <= allowed, answer.text


def test_months_between_two_ends_when_the_years_are_the_change(engine: Engine) -> None:
    """ "Met hoeveel procent is het aantal chatgesprekken tussen januari en september gestegen van
    2019 naar 2020?": January to September of both years (January was set against September)."""
    for label, (earlier, later), before, after in last_two_years():
        common = sorted(set(before) & set(after))
        first, last = common[0], common[-1]
        question = (
            f"Met hoeveel procent is het aantal {label} tussen {MONTHS[first - 1]} en "
            f"{MONTHS[last - 1]} gestegen van {earlier} naar {later}?"
        )
        answer = ask(engine, question)
        old, new = sum(before[m] for m in common), sum(after[m] for m in common)
        assert answer.answered and f": {old} en {new}." in without_thousands(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Welke categorie van problematiek kende in {year} een opvallende stijging?",
        "welke problematiek nam toe in {year}?",
    ],
)
def test_which_group_rose_is_the_one_with_two_years(engine: Engine, question: str) -> None:
    """ "Welke categorie van problematiek kende in 2020 een opvallende stijging?": the groups with
    a share of an earlier year too, with the change; "dat aandeel" next is that group (every share
    was listed, and the follow-up listed them again)."""
    history = {
        label: years for (dimension, label), years in _shares_by_year().items() if dimension == "problematiek"
    }
    latest = max(y for years in history.values() for y in years)
    changed = {label: years for label, years in history.items() if len(years) > 1}
    assert changed
    answer = ask(engine, question.format(year=latest))
    assert answer.answered, answer.text
    unchanged = [label for label in history if label not in changed]
    assert not any(label in answer.text.lower() for label in unchanged), answer.text
    for label, years in changed.items():
        first = min(years)
        relative = decimal_text(Fraction(years[latest] - years[first], years[first]) * 100, 1)
        assert label in answer.text.lower() and relative in answer.text, answer.text
    if len(changed) == 1:
        follow = ask(
            engine, f"Met hoeveel procent nam dat aandeel relatief toe tegenover {first}?", answer.context
        )
        assert follow.answered and relative in follow.text and len(follow.text.split("\n- ")) == 1, (
            follow.text
        )


def test_a_typo_of_a_colloquial_word_reads_as_its_standard_word(engine: Engine, figures: Figures) -> None:
    """ "hovel gesprekken in sept 2020": "hovel" is one letter from the colloquial "hoevel", read as
    "hoeveel" ("hoevel" was left as a word not understood)."""
    colloquial = [k for k, v in engine.lexicon.colloquial.items() if v == "hoeveel" and " " not in k]
    assert colloquial
    known = _known(set(engine.lexicon.colloquial) | engine.lexicon.stopwords | engine.lexicon.neutral)
    p = OVERALL[-1]
    plain = ask(engine, f"hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year}").text
    answered = asked = 0
    for word in colloquial:
        if word == "hoeveel":
            continue  # (the standard word's own typos are corrected to it directly)
        for typo in typos(word, known)[:3]:
            if len(typo) < 4:
                continue
            answer = ask(engine, f"{typo} {p.label} in {MONTHS[p.month - 1]} {p.year}")
            same_or_no_figure(figures, answer, typo, p.value)
            asked += 1
            if answer.answered:
                answered += 1
                assert answer.text.split("Bron:")[0].strip().endswith(plain.split("Bron:")[0].strip()), (
                    answer.text
                )
    assert asked and answered * 2 >= asked, (answered, asked)


def test_how_much_less_is_that_after_two_months(engine: Engine) -> None:
    """ "Hoeveel bezoekers in mei?", "En in juni?", "Hoeveel is dat minder?": June against May
    ("minder" was not understood)."""
    for (label, year), by_month in months_by_year().items():
        months = sorted(by_month)
        for first, second in itertools.pairwise(months[::3]):
            word = "minder" if by_month[second] < by_month[first] else "meer"
            context = ask(engine, f"Hoeveel {label} in {MONTHS[first - 1]} {year}?").context
            context = ask(engine, f"En in {MONTHS[second - 1]}?", context).context
            answer = ask(engine, f"Hoeveel is dat {word}?", context)
            difference = abs(by_month[second] - by_month[first])
            assert answer.answered and re.search(rf"[ +-]{dutch_number(difference)}\b", answer.text), (
                answer.text
            )


@pytest.mark.parametrize("written", ["{lo}-{hi} jaar", "{lo}/{hi} jaar", "{lo} tot {hi} jaar"])
def test_an_age_range_over_two_bands_written_with_a_dash(engine: Engine, written: str) -> None:
    """ "Hoeveel procent van de oproepers zit in de leeftijdscategorie 12-18 jaar?": the two bands
    added up ("12-18" was read as December 2018, and the shares refused per month)."""
    bands = sorted(
        (tuple(int(x) for x in label.split()[0].split("-")), share)
        for dimension, label, share in _latest_shares()
        if dimension == "leeftijd"
    )
    for (first, a), (second, b) in itertools.pairwise(bands):
        if first[1] != second[0]:
            continue
        age = written.format(lo=first[0], hi=second[1])
        answer = ask(engine, f"Hoeveel procent van de oproepers zit in de leeftijdscategorie {age}?")
        assert answer.answered and f"samen {a + b}%" in answer.text, answer.text


def test_one_of_two_things_a_fact_counts_together_gets_no_figure_of_its_own(
    engine: Engine, figures: Figures
) -> None:
    """Direction: "hoeveel views had de instagrampost op zich?" where the fact counts the vlogs
    and the post together: a refusal (the joint figure was given as the post's); both named
    keep the figure."""
    facts = figures.rows("SELECT value, unit, text FROM facts WHERE value IS NOT NULL AND topic = 'campagne'")
    checked = 0
    for value, unit, text in facts:
        pair = re.search(r"(?:de|het) ([a-z]\w{3,}) en (?:de|het) ([a-z]\w{3,})", str(text).lower())
        if pair is None:
            continue
        first, second = pair.groups()
        for part in (first, second):
            for wording in ("hoeveel {unit} had de {part} op zich?", "hoeveel {unit} had de {part} alleen?"):
                question = wording.format(unit=unit, part=part)
                answer = ask(engine, question)
                assert not answer.answered, (question, answer.text)
        both = ask(engine, f"hoeveel {unit} hadden de {first} en de {second} samen?")
        assert both.answered and figures.has(both.text, _int(value)), both.text
        checked += 1
    assert checked


@pytest.mark.parametrize(
    "question",
    [
        "Hoe heet die tweede vlogger die de chat vermeldde?",
        "wie was die andere vlogger?",
        "welke vlogger noemde de chat een week na JustNicolas?",
        "welke influencer deed hetzelfde een week later?",
    ],
)
def test_the_name_the_source_does_not_give_is_refused(
    engine: Engine, figures: Figures, question: str
) -> None:
    """Direction: the second vlogger's name, asked with "die" or by the week after: a refusal
    with no figure (every fact of the campaign, views included, was listed as the answer)."""
    assert_refused(engine, figures, question)


@pytest.mark.parametrize("lead", ["trouwens, ", "ok ", "maar "])
def test_a_fresh_start_after_a_filler_takes_nothing_from_before(engine: Engine, lead: str) -> None:
    """Context independence: "trouwens, los daarvan: ..." stands on its own, as "los daarvan:
    ..." does (the month of the question before was kept)."""
    for p in OVERALL[::7]:
        context = ask(engine, f"Hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year}?").context
        question = f"hoeveel {p.label} in totaal?"
        fresh = ask(engine, question)
        answer = ask(engine, f"{lead}los daarvan: {question}", context)
        assert answer.text == fresh.text, (answer.text, fresh.text)


def test_a_clause_describing_the_month_named_is_no_event_to_look_up(engine: Engine) -> None:
    """Invariance: "in maart 2020, de maand waarin de lockdown begon" is March 2020 (which month
    was asked back, as for "in de maand waarin ..." with no month named)."""
    for p in OVERALL[::5]:
        month = MONTHS[p.month - 1]
        question = f"Hoeveel {p.label} waren er in {month} {p.year}, de maand waarin de lockdown begon?"
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, p.value), answer.text


@pytest.mark.parametrize("where", ["Twitter", "Facebook", "sociale media", "de krant"])
def test_where_a_claim_was_read_is_no_part_of_it(engine: Engine, where: str) -> None:
    """Invariance: "iemand op Twitter beweert dat ... Klopt dat?" checks the claim (Twitter was
    an unknown name, and nothing was checked)."""
    for p in OVERALL[::9]:
        month = MONTHS[p.month - 1]
        for claimed in (p.value, p.value + 7):
            claim = f"er in {month} {p.year} {claimed} {p.label} waren"
            answer = ask(engine, f"Iemand op {where} beweert dat {claim}. Klopt dat?")
            plain = ask(engine, f"Klopt het dat {claim}?")
            assert answer.answered and Figures.has(answer.text, p.value), answer.text
            assert answer.text == plain.text, (answer.text, plain.text)


def test_a_topic_of_names_before_a_colon_is_part_of_the_question(engine: Engine, figures: Figures) -> None:
    """ "CLB-chat en JAC-chat samen: hoeveel doorverwijzingen?": the two added up (the first name
    was taken for a sentence around the question and asked back)."""
    year = figures.latest_year("doorverwijzingen")
    per = figures.by_helpline("doorverwijzingen", year)
    for a, b in itertools.pairwise(sorted(per)):
        answer = ask(engine, f"{a} en {b} samen: hoeveel doorverwijzingen?")
        assert answer.answered and Figures.has(answer.text, per[a] + per[b]), answer.text


@pytest.mark.parametrize("wording", ["dus hoeveel extra?", "hoeveel erbij?", "hoeveel extra {label} is dat?"])
def test_how_many_extra_after_two_periods_is_their_difference(engine: Engine, wording: str) -> None:
    """ "april 2019?", "en april 2020?", "dus hoeveel extra?": the difference (asked back, or the
    later period's total given)."""
    for label, (before, latest), first, second in last_two_years():
        month = sorted(set(first) & set(second))[-1]
        context = ask(engine, f"Hoeveel {label} in {MONTHS[month - 1]} {before}?").context
        context = ask(engine, f"en {MONTHS[month - 1]} {latest}?", context).context
        answer = ask(engine, wording.format(label=label), context)
        difference = abs(second[month] - first[month])
        assert answer.answered and Figures.has(answer.text, difference), answer.text


@pytest.mark.parametrize("summed_first", [False, True])
def test_a_month_added_after_one_month_of_two_years_is_added_in_both(
    engine: Engine, summed_first: bool
) -> None:
    """ "april 2019?", "en april 2020?", ("hoeveel samen?"), "tel mei erbij": May of both years
    with both Aprils (after the sum, both Aprils were dropped and May alone given)."""
    for label, (before, latest), first, second in last_two_years():
        common = sorted(set(first) & set(second))
        if len(common) < 2:
            continue
        month, added = common[0], common[1]
        context = ask(engine, f"Hoeveel {label} in {MONTHS[month - 1]} {before}?").context
        context = ask(engine, f"en {MONTHS[month - 1]} {latest}?", context).context
        if summed_first:
            context = ask(engine, "hoeveel samen?", context).context
        answer = ask(engine, f"tel {MONTHS[added - 1]} erbij", context)
        together = first[month] + second[month] + first[added] + second[added]
        assert answer.answered and Figures.has(answer.text, together), answer.text


def test_a_ratio_of_two_monthly_averages_is_the_ratio_of_their_totals(
    engine: Engine, figures: Figures
) -> None:
    """ "gemiddeld per maand" of two measures, then "hoeveel X per Y is dat?": the one divided by
    the other (the monthly unit was kept, and the ratio refused per month)."""
    by_point = points_by_month()
    for (label_a, year), months_a in months_by_year().items():
        for (label_b, year_b), months_b in months_by_year().items():
            if year_b != year or label_b == label_a or set(months_a) != set(months_b):
                continue
            if "wachtrij" in label_a + label_b or not by_point:
                continue
            context = ask(engine, f"Hoeveel {label_a} gemiddeld per maand in {year}?").context
            context = ask(engine, f"en hoeveel {label_b} gemiddeld per maand in {year}?", context).context
            answer = ask(engine, f"hoeveel {label_a} per {label_b} is dat?", context)
            ratio = Fraction(sum(months_a.values()), sum(months_b.values()))
            assert answer.answered and decimal_text(ratio, 1) in answer.text, answer.text
            return
    pytest.fail("no two measures of the same months")


def test_a_name_one_slip_from_a_facts_name_finds_its_weeks(engine: Engine, figures: Figures) -> None:
    """Invariance: "de twee weken na het filmpje van JustNikolas": the weeks tied to JustNicolas
    (none was found, and the weeks refused)."""
    weeks = figures.rows(
        "SELECT w.week_start, w.value, w.note, m.label FROM weekly_figures w JOIN metrics m USING (metric) "
        "WHERE w.note IS NOT NULL ORDER BY w.week_start"
    )
    checked = 0
    for _, value, note, label in weeks:
        for name in re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b", str(note)):
            slipped = name[:-3] + ("k" if name[-3] != "k" else "c") + name[-2:]
            answer = ask(engine, f"Hoeveel {label} waren er in de week van het filmpje van {slipped}?")
            assert answer.answered and Figures.has(answer.text, _int(value)), (slipped, answer.text)
            checked += 1
    assert checked


def test_a_thing_pointed_at_after_a_name_is_that_names(engine: Engine, figures: Figures) -> None:
    """Direction: "wie is Jamie-Lee-Six?", "Hoeveel views haalde die post?": that one's post, of
    which no figure is given (the views of the vlogs and the post together were given as hers);
    "hoeveel views leverde dat op?" after every influencer keeps the joint figure."""
    facts = figures.rows("SELECT text, value, unit FROM facts WHERE topic = 'campagne'")
    joint = [(_int(v), str(u)) for _, v, u in facts if v is not None and u != "influencers"]
    names = {n for t, _, _ in facts for n in re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b", str(t))}
    assert joint and names
    for value, unit in joint:
        for name in sorted(names):
            context = ask(engine, f"wie is {name}?").context
            answer = ask(engine, f"Hoeveel {unit} haalde die post?", context)
            assert not answer.answered, (name, answer.text)
        context = ask(engine, "Welke influencers hebben de chat vermeld?").context
        whole = ask(engine, f"Hoeveel {unit} leverde dat op?", context)
        assert whole.answered and Figures.has(whole.text, value), whole.text


@pytest.mark.parametrize("words", ["(beide inbegrepen)", ", beide maanden meegerekend"])
def test_both_ends_included_is_the_range_itself(engine: Engine, words: str) -> None:
    """Invariance: "tussen mei en september 2020 (beide inbegrepen)" is that range ("inbegrepen"
    was not understood)."""
    for (label, year), months in list(months_by_year().items())[::2]:
        first, last = min(months), max(months)
        # ("voor het eerst" as well: the words left over were reported)
        between = f"tussen {MONTHS[first - 1]} en {MONTHS[last - 1]} {year}"
        question = f"Hoeveel {label} waren er {between}{words} voor het eerst?"
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, sum(months.values())), answer.text


def test_a_correction_that_says_what_it_was_not(engine: Engine) -> None:
    """ "hoeveel gesprekken in juni 2020?", "sorry ik bedoelde nieuwe oproepers, niet gesprekken":
    the new measure in that month ("niet" was not understood)."""
    for (year, month), by_label in list(points_by_month().items())[::4]:
        labels = sorted(by_label)
        for before, meant in itertools.pairwise(labels):
            context = ask(engine, f"hoeveel {before} in {MONTHS[month - 1]} {year}?").context
            answer = ask(engine, f"sorry ik bedoelde {meant}, niet {before}", context)
            assert answer.answered and Figures.has(answer.text, by_label[meant].value), answer.text


def test_what_was_done_on_a_day_is_the_fact_of_that_day(engine: Engine, figures: Figures) -> None:
    """ "wie vermeldde de chat op 21 september?": the fact dated that day, first (other topics
    were offered, and the campaign's facts listed in their own order)."""
    rows = figures.rows("SELECT text, date FROM facts WHERE topic = 'campagne' AND length(date) = 10")
    assert rows
    for text, day in rows:
        when = datetime.date.fromisoformat(str(day))
        answer = ask(engine, f"wie vermeldde de chat op {when.day} {MONTHS[when.month - 1]}?")
        assert answer.answered and answer.text.startswith(str(text)), answer.text


def test_a_share_claimed_exactly_and_then_asked_precisely(engine: Engine, figures: Figures) -> None:
    """ "Klopt het dat Awel exact de helft van alle doorverwijzingen deed?", "Wat is het precieze
    percentage dan?": the share, each time ("helft" was not understood, and the profile and the
    problems were offered)."""
    year = figures.latest_year("doorverwijzingen")
    per = figures.by_helpline("doorverwijzingen", year)
    whole = sum(per.values())
    for helpline, value in per.items():
        share = one_decimal_percent(value, whole)
        claim = ask(engine, f"Klopt het dat {helpline} exact de helft van alle doorverwijzingen deed?")
        assert claim.answered and share in claim.text, claim.text
        answer = ask(engine, "Wat is het precieze percentage dan?", claim.context)
        assert answer.answered and share in answer.text, answer.text


@pytest.mark.parametrize(
    "statement",
    [
        "Bij Awel waren er dat jaar tienduizenden gesprekken",
        "Andere lijnen hebben er veel meer",
        "Ik weet het",
    ],
)
def test_a_statement_before_but_how_many_sets_nothing(engine: Engine, statement: str) -> None:
    """Invariance: "Bij Awel waren er tienduizenden gesprekken, maar hoeveel chatgesprekken in mei
    2020?": the question alone ("tienduizenden" was not understood, the figure of Awel offered)."""
    for p in OVERALL[::6]:
        question = f"hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year}?"
        answer = ask(engine, f"{statement}, maar {question}")
        # (a helpline named in the statement may be asked back: "Awel, or all of them?")
        assert answer.text == ask(engine, question.capitalize()).text or (
            not answer.answered and "Awel" in statement
        ), answer.text


@pytest.mark.parametrize(("label", "year", "total"), _year_totals())
def test_that_year_total_is_the_total_of_the_year_a_statement_names(
    engine: Engine, figures: Figures, label: str, year: int, total: int
) -> None:
    """ "In 2019 waren er 600 gesprekken. Zaten ze in 2020 al boven dat jaartotaal?": the later
    months against that year whole (the later months were given alone, "dat jaartotaal" dropped)."""
    later = [y for lab, y in months_by_year() if lab == label and y > year]
    assert later or not figures
    for then in later:
        question = f"In {year} waren er {total} {label}. Zaten ze in {then} al boven dat jaartotaal?"
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, total), answer.text


def test_a_group_within_a_group_of_another_split_is_not_given(engine: Engine, figures: Figures) -> None:
    """Direction: "% meisjes bij de oproepers?", "en bij seksueel misbruik specifiek?": the source
    never crosses two splits (the share of sexual abuse was given as the girls' share in it)."""
    shares = [s for s in _latest_shares() if not s[1].startswith("met ")]  # (labels read as nouns)
    checked = 0
    for first_split, first, _ in shares:
        context = ask(engine, f"welk percentage van de oproepers is {first}?").context
        for split, other, _ in shares:
            if split == first_split:
                continue
            answer = ask(engine, f"en bij {other} specifiek?", context)
            # (the group before is named back: "Hoe dat voor 12-15 jaar zit, ...")
            stated = given(figures, answer, f"en bij {other} specifiek?") - numbers_in(first)
            assert not answer.answered and not stated, (first, other, answer.text)
            checked += 1
    assert checked


def test_her_after_a_person_named_stays_with_that_person(engine: Engine, figures: Figures) -> None:
    """ "wie is Jamie-Lee-Six?", "welk publiek volgt haar vooral?": her facts (the profile and the
    problems were offered, "haar" pointing at nobody)."""
    facts = figures.rows("SELECT text FROM facts WHERE topic = 'campagne'")
    names = {n for (t,) in facts for n in re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b", str(t))}
    assert names
    for name in sorted(names):
        context = ask(engine, f"wie is {name}?").context
        answer = ask(engine, "welk publiek volgt haar vooral?", context)
        assert answer.answered and name in answer.text, answer.text


def test_the_evenings_besides_one_day_are_the_others(engine: Engine, figures: Figures) -> None:
    """ "Op welke avonden is de chat naast woensdag nog open?": the other days (that day alone
    was given)."""
    hours = _hours_by_day(figures)
    for day in hours:
        answer = ask(engine, f"Op welke avonden is de chat naast {day} nog open?")
        others = [d for d in hours if d != day]
        assert answer.answered and all(d in answer.text for d in others), answer.text


def test_add_two_groups_up_in_words(engine: Engine, figures: Figures) -> None:
    """ "Tel fysieke en emotionele mishandeling eens samen.": the two shares added up ("tel" was
    not understood)."""
    shares = problem_shares(figures)
    for (a, x), (b, y) in itertools.pairwise(shares):
        answer = ask(engine, f"Tel {a} en {b} eens samen.")
        assert answer.answered and f"samen {x + y}%" in answer.text, answer.text


@pytest.mark.parametrize("extreme", ["grootste", "kleinste"])
def test_which_helpline_had_the_largest_share_of_a_month(
    engine: Engine, figures: Figures, extreme: str
) -> None:
    """ "Welke hulplijn had in mei 2020 het grootste aandeel in de doorverwijzingen?": that
    helpline (any as large with it) and its share of the month (May's share of the period was
    given)."""
    year = figures.latest_year("doorverwijzingen")
    for month in figures.months("doorverwijzingen", year):
        per = figures.by_helpline("doorverwijzingen", year, [month])
        whole = sum(per.values())
        if whole == 0:
            continue
        edge = max(per.values()) if extreme == "grootste" else min(per.values())
        question = (
            f"Welke hulplijn had in {MONTHS[month - 1]} {year} het {extreme} aandeel in de doorverwijzingen?"
        )
        answer = ask(engine, question)
        assert answer.answered and one_decimal_percent(edge, whole) in answer.text, answer.text
        assert all(h in answer.text for h, v in per.items() if v == edge), answer.text


def test_both_campaign_weeks_after_one_week_are_both(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel nieuwe oproepers kwamen er die week?", "En hoeveel in beide campagneweken
    samen?": every week added up (the week before was given again)."""
    weeks = figures.weekly("nieuwe_oproepers")
    assert len(weeks) == 2
    total = sum(value for _, _, value in weeks)
    for start, _, _ in weeks:
        context = ask(
            engine, f"Hoeveel nieuwe oproepers in de week van {start.day} {MONTHS[start.month - 1]}?"
        ).context
        answer = ask(engine, "En hoeveel in beide campagneweken samen?", context)
        assert answer.answered and Figures.has(answer.text, total), answer.text


def test_the_age_distribution_is_the_ages_alone(engine: Engine) -> None:
    """ "Wat is de leeftijdsverdeling van de oproepers?": the age groups, not the whole profile
    (so "tel die twee groepen op" after it had no groups to add)."""
    ages = [(label, share) for split, label, share in _latest_shares() if split == "leeftijd"]
    others = [label for split, label, _ in _latest_shares() if split != "leeftijd"]
    answer = ask(engine, "Wat is de leeftijdsverdeling van de oproepers?")
    assert answer.answered and all(f"{label} ({share}%)" in answer.text for label, share in ages), answer.text
    assert not any(label in answer.text for label in others), answer.text
    summed = ask(engine, "Tel die groepen eens op", answer.context)
    assert summed.answered and f"samen {sum(s for _, s in ages)}%" in summed.text, summed.text


def test_ages_between_two_numbers_without_years(engine: Engine) -> None:
    """Invariance: "hoeveel % van de oproepers is tussen 12 en 18?" is "... tussen 12 en 18
    jaar?" ("12 en 18" was not understood)."""
    ages = sorted(
        {
            int(n)
            for split, label, _ in _latest_shares()
            if split == "leeftijd"
            for n in re.findall(r"\d+", label)
        }
    )
    assert len(ages) >= 2
    for low, high in itertools.combinations(ages, 2):
        bare = ask(engine, f"hoeveel % van de oproepers is tussen {low} en {high}?")
        with_years = ask(engine, f"hoeveel % van de oproepers is tussen {low} en {high} jaar?")
        assert bare.text == with_years.text, (bare.text, with_years.text)


def test_a_claim_about_another_measure_sets_only_the_period(engine: Engine) -> None:
    """ "Mijn collega zegt dat er in mei 2020 431 bezoekers waren. Hoeveel gesprekken waren er die
    maand?": that month's conversations (the conversations of the visitors were refused)."""
    for (year, month), by_label in list(points_by_month().items())[::3]:
        for claimed, asked in itertools.permutations(sorted(by_label), 2):
            said = by_label[claimed].value
            question = (
                f"Mijn collega zegt dat er in {MONTHS[month - 1]} {year} {said} {claimed} waren. "
                f"Hoeveel {asked} waren er die maand?"
            )
            answer = ask(engine, question)
            assert answer.answered and Figures.has(answer.text, by_label[asked].value), answer.text


def test_the_evenings_open_from_one_hour_to_another_are_those_with_those_hours(
    engine: Engine, figures: Figures
) -> None:
    """ "Op welke avonden is de chat open van 19u tot 22u?", "Hoeveel uur is dat samen voor die
    avonden?": the days with exactly those hours, and their hours added up (every day open then
    was given, and the whole week's hours added up)."""
    hours = _hours_by_day(figures)
    for opens, closes in sorted(set(hours.values())):
        exact = [d for d, h in hours.items() if h == (opens, closes)]
        around = [
            d for d, (o, c) in hours.items() if o <= opens and c >= closes and (o, c) != (opens, closes)
        ]
        if not around:
            continue
        question = f"Op welke avonden is de chat open van {opens:g}u tot {closes:g}u?"
        answer = ask(engine, question)
        head = answer.text.split(":")[0]
        assert answer.answered and all(d in head for d in exact), answer.text
        total = ask(engine, "Hoeveel uur is dat samen voor die avonden?", answer.context)
        expected = sum(closes - opens for _ in exact)
        assert total.answered and f": {expected:g}" in total.text.replace(",", "."), total.text


def test_a_share_after_a_month_of_another_measure_is_the_years_share(
    engine: Engine, figures: Figures
) -> None:
    """Context independence: "hoeveel gesprekken in juli 2020?", "en hoeveel procent van de
    meldingen ging over X?": the year's share, as asked fresh (July was kept, and the share
    refused as asked per month)."""
    for label, percent in problem_shares(figures)[:3]:
        fresh = ask(engine, f"hoeveel procent van de meldingen ging over {label}?")
        # (a year of the question before stays: a year without shares is refused as such)
        latest = max(y for (y,) in figures.rows("SELECT DISTINCT year FROM shares_figures"))
        for p in [p for p in OVERALL if p.year == latest][::5]:
            context = ask(engine, f"hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year}?").context
            answer = ask(engine, f"En hoeveel procent van de meldingen ging over {label}?", context)
            assert answer.answered and f"{percent}%" in answer.text, answer.text
            assert answer.text.split("\n")[0] == fresh.text.split("\n")[0], (answer.text, fresh.text)


@pytest.mark.parametrize("dropped", ["Vergeet dat.", "Laat maar.", "Laat dat maar zitten!"])
def test_a_question_after_forget_that_stands_on_its_own(engine: Engine, dropped: str) -> None:
    """Context independence: "Vergeet dat. Hoeveel views had de campagne?" after a share of a
    group: as asked fresh (the group was kept, and the views refused for it)."""
    context = ask(engine, "Hoeveel procent van de oproepers heeft een vraag over zichzelf?").context
    for p in OVERALL[::9]:
        question = f"Hoeveel {p.label} in {MONTHS[p.month - 1]} {p.year}?"
        answer = ask(engine, f"{dropped} {question}", context)
        assert answer.text == ask(engine, question).text, answer.text
    views = ask(engine, f"{dropped} Hoeveel views had de campagne met de vloggers?", context)
    assert views.text == ask(engine, "Hoeveel views had de campagne met de vloggers?").text, views.text


def test_a_share_claimed_with_a_decimal_comma_is_checked_at_that_precision(
    engine: Engine, figures: Figures
) -> None:
    """ "klopt het dat het aandeel van Awel 52,5% is?": right (the normaliser split "52,5" into 52
    and 5, and the right claim was said to be wrong); one tenth off is wrong."""
    year = figures.latest_year("doorverwijzingen")
    per = figures.by_helpline("doorverwijzingen", year)
    whole = sum(per.values())
    checked = 0
    for helpline, value in per.items():
        share = one_decimal_percent(value, whole).rstrip("%")
        if "," not in share:
            continue
        right = ask(engine, f"klopt het dat het aandeel van {helpline} {share}% is?")
        assert right.answered and right.text.startswith("Dat klopt:"), right.text
        whole_part, tenth = share.split(",")
        off = f"{whole_part},{(int(tenth) + 1) % 10}"
        wrong = ask(engine, f"klopt het dat het aandeel van {helpline} {off}% is?")
        assert wrong.answered and wrong.text.startswith("Dat klopt niet"), wrong.text
        checked += 1
    assert checked


@pytest.mark.parametrize(
    ("wording", "sign"),
    [
        ("Het aantal {label} jan-sep steeg in {later} met {claimed} tegenover {earlier}, klopt dat?", 1),
        ("klopt het dat er in {later} {claimed} {label} meer waren dan in {earlier}?", 1),
        ("klopt het dat er in {later} {claimed} {label} minder waren dan in {earlier}?", -1),
    ],
)
def test_a_difference_claimed_between_two_years_is_checked_as_a_difference(
    engine: Engine, wording: str, sign: int
) -> None:
    """ "steeg in 2020 met 80 tegenover 2019, klopt dat?": the difference against the claim, in
    its direction (each year's total was checked against 80)."""
    for label, (earlier, later), first, second in last_two_years():
        common = sorted(set(first) & set(second))
        if common != sorted(first) or common != sorted(second):
            continue
        diff = sum(second.values()) - sum(first.values())
        for claimed in (abs(diff), abs(diff) + 30):
            question = wording.format(label=label, later=later, earlier=earlier, claimed=claimed)
            answer = ask(engine, question)
            holds = claimed == abs(diff) and (diff > 0) == (sign > 0)
            assert answer.answered and answer.text.startswith("Dat klopt:" if holds else "Dat klopt niet"), (
                question,
                answer.text,
            )


def test_a_change_in_percent_claimed_to_one_decimal_holds_when_it_rounds_to_it(engine: Engine) -> None:
    """ "klopt het dat het aantal gesprekken met 49,5% steeg?" of +49,545...%: right (it was said
    to be wrong, the claim compared with the unrounded change)."""
    checked = 0
    for label, (earlier, later), first, second in last_two_years():
        common = sorted(set(first) & set(second))
        if common != sorted(first) or common != sorted(second):
            continue
        a, b = sum(first.values()), sum(second.values())
        change = Fraction(b - a, a) * 100
        written = decimal_text(abs(change), 1)
        if change == round(change, 1) or "," not in written:
            continue  # (a change exact to one decimal needs no rounding)
        verb = "steeg" if b > a else "daalde"
        question = (
            f"klopt het dat het aantal {label} met {written}% {verb} in jan-sep {later} tegenover {earlier}?"
        )
        answer = ask(engine, question)
        assert answer.answered and answer.text.startswith("Dat klopt:"), (question, answer.text)
        checked += 1
    assert checked


def test_by_how_much_after_a_change_stated_is_the_difference(engine: Engine) -> None:
    """ "Van april naar mei 2020 daalde het aantal gesprekken. Met hoeveel gesprekken precies?":
    the difference (the period of the statement was taken, and both months added up)."""
    for (label, year), months in list(months_by_year().items())[::2]:
        for a, b in list(itertools.pairwise(sorted(months)))[::3]:
            if months[a] == months[b]:
                continue
            verb = "steeg" if months[b] > months[a] else "daalde"
            statement = f"Van {MONTHS[a - 1]} naar {MONTHS[b - 1]} {year} {verb} het aantal {label}."
            answer = ask(engine, f"{statement} Met hoeveel {label} precies?")
            difference = abs(months[b] - months[a])
            assert answer.answered and Figures.has(answer.text, difference), answer.text
            assert not Figures.has(answer.text, months[a] + months[b]), answer.text


@pytest.mark.parametrize("pointer", ["haar post", "die post", "zijn post"])
def test_one_thing_pointed_at_of_a_joint_figure_gets_no_figure(
    engine: Engine, figures: Figures, pointer: str
) -> None:
    """Direction: "Wie is de derde influencer?", "Hoeveel views haalde haar post?": one post of
    the things the views are counted over together, with no figure of its own (the joint figure
    was given as hers, the answer before having named no one)."""
    rows = figures.rows("SELECT value, unit FROM facts WHERE topic = 'campagne' AND unit = 'views'")
    assert rows
    for value, unit in rows:
        context = ask(engine, "Wie is de derde influencer die de chat zou vermelden?").context
        answer = ask(engine, f"Hoeveel {unit} haalde {pointer}?", context)
        assert not answer.answered, answer.text
        whole = ask(engine, f"Hoeveel {unit} hadden de vlogs en de post samen?", context)
        assert whole.answered and Figures.has(whole.text, _int(value)), whole.text


def _smalltalk_intents() -> set[str]:
    specs = (tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "intents").glob("*.toml")))
    return {s["name"] for s in specs if s.get("handler") == "smalltalk"}


@pytest.mark.parametrize(
    "pointer", ["op welke dag was dat?", "welke dag was dat dan?", "en op welke dag was dat"]
)
@pytest.mark.parametrize(
    "before",
    [
        "Wie was de eerste vlogger die de chat vermeldde?",
        "Wanneer werd de chat opgestart?",
        "Hoeveel chatgesprekken waren er in mei 2020?",
    ],
)
def test_a_question_about_what_was_said_is_never_smalltalk(engine: Engine, before: str, pointer: str) -> None:
    """Direction: "op welke dag was dat?" asks about the answer before (or, fresh, about nothing
    told); its "dag" is a day, never the greeting "dag!" (which answered it)."""
    smalltalk = _smalltalk_intents()
    assert smalltalk
    context = ask(engine, before).context
    for answer in (ask(engine, pointer, context), ask(engine, pointer)):
        assert answer.intent not in smalltalk, (before, pointer, answer.text)


@pytest.mark.parametrize("filler", ["worden", "meer worden", "werden", "meer konden worden"])
def test_a_negated_alias_of_a_measure_holds_with_a_passive_filler(
    engine: Engine, figures: Figures, filler: str
) -> None:
    """Invariance: "konden niet worden geholpen" is "niet geholpen", an alias of a measure
    (the "niet" was reported as not understood, and no figure given)."""
    lexicon = tomllib.loads((REPO / "intents" / "lexicon.toml").read_text(encoding="utf-8"))
    negations = set(lexicon["alias_fillers"]["after"])
    checked = 0
    for metric, aliases in figures.rows("SELECT metric, aliases FROM metrics"):
        for alias in str(aliases).split("|"):
            words = alias.split()
            if len(words) != 2 or words[0] not in negations or not words[1].startswith("ge"):
                continue  # "niet geholpen": a participle after the negation
            points = [p for p in OVERALL if p.metric == metric]
            assert points
            p = points[checked % len(points)]
            question = (
                f"hoeveel jongeren konden in {MONTHS[p.month - 1]} {p.year} {words[0]} {filler} {words[1]}?"
            )
            answer = ask(engine, question)
            assert answer.answered and figures.has(answer.text, p.value), (question, answer.text)
            checked += 1
    assert checked


@pytest.mark.parametrize(
    "wording",
    [
        "Wanneer kunnen jongeren op {day} chatten?",
        "Wanneer kunnen leerlingen op {day} chatten?",
        "Ik werk in een {helpline}. Wanneer kunnen leerlingen op {day} chatten?",
    ],
)
def test_when_one_can_chat_on_a_day_is_that_days_hours(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """ "Wanneer kunnen leerlingen op dinsdag chatten?": that day's opening hours; "chatten" is
    the activity, no count of conversations (a weekday's conversations were refused, or asked
    back), and a helpline in a sentence before it changes nothing."""
    helplines = [str(h) for (h,) in figures.rows("SELECT label FROM helplines ORDER BY helpline")]
    assert helplines
    for i, (day, (opens, closes)) in enumerate(_hours_by_day(figures).items()):
        question = wording.format(day=day, helpline=helplines[i % len(helplines)])
        answer = ask(engine, question)
        assert answer.answered and f"van {int(opens)}u" in answer.text, (question, answer.text)
        assert f"tot {int(closes)}u" in answer.text, (question, answer.text)


@pytest.mark.parametrize(
    "wording",
    [
        "Ik las op {day} {heard_month} ergens dat er in {month} {year} {claim} {label} waren. Klopt dat?",
        "Op {day}/{heard_number} hoorde ik dat er in {month} {year} {claim} {label} waren. Klopt dat?",
    ],
)
def test_the_day_a_claim_was_read_is_no_day_of_the_claim(
    engine: Engine, figures: Figures, wording: str
) -> None:
    """Invariance: "Ik las op 3 oktober dat er in mei 2020 120 gesprekken waren. Klopt dat?": the
    day it was read sets no period (the month's figure was refused as a figure per day)."""
    for i, p in enumerate(OVERALL[::9]):
        heard = (p.month % 12) + 1
        question = wording.format(
            day=3 + i % 20,
            heard_month=MONTHS[heard - 1],
            heard_number=heard,
            month=MONTHS[p.month - 1],
            year=p.year,
            claim=p.value + 7,
            label=p.label,
        )
        answer = ask(engine, question)
        plain = ask(
            engine, f"Klopt het dat er in {MONTHS[p.month - 1]} {p.year} {p.value + 7} {p.label} waren?"
        )
        verdict = plain.text.split(":")[0]
        assert answer.answered and answer.text.startswith(verdict), (question, answer.text, verdict)
        assert figures.has(answer.text, p.value), (question, answer.text)


@pytest.mark.parametrize("length", ["langer dan een uur", "korter dan 30 minuten", "meer dan een kwartier"])
def test_conversations_of_a_length_are_refused_as_a_split_by_length(
    engine: Engine, figures: Figures, length: str
) -> None:
    """Direction: "hoeveel daarvan duurden langer dan een uur?" after a month's conversations: no
    such split (a refusal that names it), never the month's figure, nor "ik begrijp 'langer'
    niet" (the words after "duurden" were left over)."""
    for p in [p for p in OVERALL if p.metric == "gesprekken"][::5]:
        context = ask(engine, f"Hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?").context
        question = f"en hoeveel daarvan duurden {length}?"
        answer = ask(engine, question, context)
        assert not answer.answered and not given(figures, answer, question), answer.text
        assert "begrijp niet" not in answer.text, answer.text


@pytest.mark.parametrize(
    "wording",
    [
        "In welke maand(en) was het aantal {label} in {later} exact gelijk aan dat van dezelfde maand"
        " in {earlier}?",
        "In welke maanden was het aantal {label} in {later} gelijk aan dat van dezelfde maand van {earlier}?",
        "Was er in {later} een maand waarin het aantal {label} exact gelijk was aan dat van dezelfde maand in"
        " {earlier}? Zo ja, welke?",
    ],
)
def test_the_months_equal_to_the_same_month_a_year_before(engine: Engine, wording: str) -> None:
    """ "In welke maand was het aantal gesprekken in 2020 gelijk aan dat van dezelfde maand in
    2019?": the months with no change, and only those ("dezelfde maand" was asked back as a month
    pointed at, and "gelijk" read as a claim to check)."""
    checked = 0
    for label, (earlier, later), first, second in last_two_years():
        question = wording.format(label=label, later=later, earlier=earlier)
        answer = ask(engine, question)
        assert answer.answered, (question, answer.text)
        for month in sorted(set(first) & set(second)):
            item = f"{MONTHS[month - 1]} (van {first[month]} naar {second[month]}"
            assert (item in without_thousands(answer.text)) == (first[month] == second[month]), (
                question,
                answer.text,
            )
        checked += 1
    assert checked


@pytest.mark.parametrize("greeting", ["dag, wat is dat voor bot", "dag bot, wie ben jij", "dag! wat kan je?"])
def test_a_greeting_before_a_question_about_the_bot_stays_a_greeting(engine: Engine, greeting: str) -> None:
    """The other direction: "dag" first is the greeting, whatever is asked of the bot after it."""
    assert ask(engine, greeting).intent in _smalltalk_intents()


@pytest.mark.parametrize(
    ("wording", "step"),
    [("Was dat meer dan de week daarna?", 1), ("en was dat minder dan de week ervoor?", -1)],
)
def test_a_week_asked_against_the_week_moved_to(
    engine: Engine, figures: Figures, wording: str, step: int
) -> None:
    """ "Hoeveel nieuwe oproepers waren er die week?", "Was dat meer dan de week daarna?": both
    weeks and their difference (the week after was given alone, as if asked)."""
    metrics = [m for (m,) in figures.rows("SELECT DISTINCT metric FROM weekly_figures")]
    assert metrics
    checked = 0
    for metric in metrics:
        label = figures.rows("SELECT label FROM metrics WHERE metric = ?", metric)[0][0]
        weeks = figures.weekly(metric)
        for i, (start, _, value) in enumerate(weeks):
            j = i + step
            if not 0 <= j < len(weeks) or weeks[j][0] - start != datetime.timedelta(days=7 * step):
                continue
            asked = (
                f"Hoeveel {label} waren er in de week van {start.day} {MONTHS[start.month - 1]} {start.year}?"
            )
            answer = ask(engine, wording, ask(engine, asked).context)
            other = weeks[j][2]
            assert answer.answered and figures.has(answer.text, value), (asked, answer.text)
            assert figures.has(answer.text, other) and signed(other - value) in answer.text, (
                asked,
                answer.text,
            )
            checked += 1
    assert checked


@pytest.mark.parametrize(
    "pointer", ["Hoeveel uur is de chat die dag open?", "hoe lang is de chat die dag open?"]
)
def test_the_hours_of_that_day_are_of_the_day_asked_before_or_asked_back(
    engine: Engine, figures: Figures, pointer: str
) -> None:
    """ "Hoe laat opent de chat op woensdag?", "Hoeveel uur is de chat die dag open?": that day's
    hours; with no day asked before (fresh, or after the week's hours) it is asked back (the
    week's 17 hours were given as the day's)."""
    for day, (opens, closes) in _hours_by_day(figures).items():
        context = ask(engine, f"Hoe laat opent de chat op {day}?").context
        answer = ask(engine, pointer, context)
        hours = str(int(closes - opens)) if (closes - opens).is_integer() else dutch_number(closes - opens)
        assert answer.answered and f"({hours} uur)" in answer.text and "per week" not in answer.text, (
            day,
            answer.text,
        )
    for context in (None, ask(engine, "Wanneer is de chat open?").context):
        answer = ask(engine, pointer, context)
        assert not answer.answered and not given(figures, answer, pointer), answer.text


@pytest.mark.parametrize("verb", ["geëvolueerd", "geevolueerd", "veranderd", "gewijzigd"])
def test_how_a_share_of_one_year_evolved_is_refused(engine: Engine, figures: Figures, verb: str) -> None:
    """Direction: "Hoeveel procent van de oproepers is vrouwelijk?", "Hoe is dat percentage sinds
    2019 geëvolueerd?": the source gives that share for one year only, so no evolution (the 80%
    was given again: "geëvolueerd" was read as "geëvalueerd", a word of the campaign)."""
    rows = figures.rows(
        "SELECT c.dimension, c.label, min(s.year) FROM categories AS c JOIN shares_figures AS s "
        "USING (dimension, category) GROUP BY ALL HAVING count(DISTINCT s.year) = 1"
    )
    assert rows
    for dimension, label, year in rows:
        whole = "de gemelde problematieken" if dimension == "problematiek" else "de oproepers"
        context = ask(engine, f"Hoeveel procent van {whole} is {label}?").context
        question = f"Hoe is dat percentage sinds {int(year) - 1} {verb}?"
        answer = ask(engine, question, context)
        assert not answer.answered and not given(figures, answer, question), (label, answer.text)


@pytest.mark.parametrize("followup", ["Hoe hoog lag het in {year}?", "Hoeveel was het in {year}?"])
def test_a_share_followed_up_with_another_year_is_that_years_share(
    engine: Engine, figures: Figures, followup: str
) -> None:
    """ "Wat was het aandeel fysieke mishandeling in 2020?", "Hoe hoog lag het in 2019?": that
    share in 2019 (a share was no figure to follow up, and the topic was asked back)."""
    rows = figures.rows(
        "SELECT c.label, s.year, s.percent FROM categories AS c JOIN shares_figures AS s "
        "USING (dimension, category) WHERE (dimension, category) IN (SELECT (dimension, category) "
        "FROM shares_figures GROUP BY ALL HAVING count(DISTINCT year) > 1) ORDER BY 1, 2"
    )
    by_label: dict[str, dict[int, int]] = {}
    for label, year, percent in rows:
        by_label.setdefault(str(label), {})[int(year)] = _int(percent)
    assert by_label
    for label, years in by_label.items():
        earlier, latest = min(years), max(years)
        context = ask(engine, f"Wat was het aandeel {label} in {latest}?").context
        answer = ask(engine, followup.format(year=earlier), context)
        assert answer.answered and f"{years[earlier]}% van" in answer.text and str(earlier) in answer.text, (
            label,
            answer.text,
        )


@pytest.mark.parametrize(
    ("fraction", "part"),
    [
        ("de helft", Fraction(1, 2)),
        ("een vijfde", Fraction(1, 5)),
        ("een kwart", Fraction(1, 4)),
        ("ongeveer de helft", Fraction(1, 2)),
        ("twee derde", Fraction(2, 3)),
    ],
)
@pytest.mark.parametrize(
    "wording",
    [
        "met {fraction} {verb} tegenover {earlier}",
        "{fraction} {comparative} lag dan in {earlier}",
        "met {fraction} {past} tegenover {earlier}",
    ],
)
def test_a_change_claimed_as_a_fraction_is_checked(
    engine: Engine, fraction: str, part: Fraction, wording: str
) -> None:
    """ "Klopt het dat het aantal gesprekken met ongeveer de helft steeg?", "... een vijfde hoger
    lag dan in 2019?": the change in percent against the fraction, near enough within a point
    ("helft" and "vijfde" were not understood, or the change given with no verdict)."""
    checked = 0
    for label, (earlier, later), first, second in last_two_years():
        common = sorted(set(first) & set(second))
        if common != sorted(first) or common != sorted(second):
            continue
        a, b = sum(first.values()), sum(second.values())
        change = Fraction(b - a, a) * 100
        verb, comparative, past = (
            ("gestegen is", "hoger", "toenam") if b > a else ("gedaald is", "lager", "afnam")
        )
        claim = wording.format(
            fraction=fraction, verb=verb, comparative=comparative, past=past, earlier=earlier
        )
        question = f"Klopt het dat het aantal {label} in jan-sep {later} {claim}?"
        answer = ask(engine, question)
        claimed = part * 100 * (1 if b > a else -1)
        verdict = (
            "Dat klopt:"
            if change == claimed
            else "Dat klopt ongeveer"
            if abs(change - claimed) <= 1
            else "Dat klopt niet"
        )
        assert answer.answered and answer.text.startswith(verdict), (question, answer.text)
        checked += 1
    assert checked


def test_a_count_of_another_measure_after_helplines_ranked_is_that_months_count(engine: Engine) -> None:
    """ "welke lijn verwees in juni het meest door?", "en hoeveel gesprekken had de chat in die
    maand?": that month's conversations (the ranking of helplines was kept, and refused as
    conversations per helpline)."""
    checked = 0
    for (year, month), points in sorted(points_by_month().items()):
        ranked = [p for p in POINTS if p.helpline and (p.year, p.month) == (year, month)]
        if not ranked:
            continue
        label = ranked[0].label
        context = ask(engine, f"welke lijn verwees in {MONTHS[month - 1]} {year} het meest door?").context
        for other, point in points.items():
            if other == label:
                continue
            answer = ask(engine, f"en hoeveel {other} waren er in die maand?", context)
            assert answer.answered and Figures.has(answer.text, point.value), (other, month, answer.text)
            checked += 1
    assert checked


@pytest.mark.parametrize("verb", ["veranderd", "geëvolueerd"])
def test_another_group_named_with_a_change_over_years_is_that_groups_change(
    engine: Engine, figures: Figures, verb: str
) -> None:
    """ "fysieke mishandeling: 2019 vs 2020?", "en emotionele mishandeling, hoe is die veranderd
    tov 2019?": that group's change, or a refusal when the source has it for one year only (the
    group before was set against it, with its own change given)."""
    rows = figures.rows(
        "SELECT c.label, s.year, s.percent FROM categories AS c JOIN shares_figures AS s "
        "USING (dimension, category) WHERE dimension = 'problematiek'"
    )
    years: dict[str, dict[int, int]] = {}
    for label, year, percent in rows:
        years.setdefault(str(label), {})[int(year)] = _int(percent)
    first = next(label for label, by_year in years.items() if len(by_year) > 1)
    earlier, latest = min(years[first]), max(years[first])
    checked = 0
    for other, by_year in years.items():
        if other == first:
            continue
        context = ask(engine, f"{first}: {earlier} vs {latest}?").context
        question = f"en {other}, hoe is die {verb} tov {earlier}?"
        answer = ask(engine, question, context)
        assert first.capitalize() not in answer.text, (question, answer.text)
        if earlier in by_year:
            assert answer.answered and f"{by_year[earlier]}%" in answer.text, (question, answer.text)
        else:
            assert not answer.answered and not given(figures, answer, question), (question, answer.text)
        checked += 1
    assert checked


def test_a_change_in_percent_claimed_between_two_months_is_checked_in_percent(
    engine: Engine, figures: Figures
) -> None:
    """ "Klopt het dat het aantal gesprekken van januari naar april 2020 met 50% steeg?": the
    change in percent against 50% (it was checked as a difference of 50 conversations); of a
    range ("jan-sep") it is asked back: its ends, or the range against a year before?"""
    checked = 0
    for (label, year), months in months_by_year().items():
        ordered = sorted(months)
        a, b = ordered[0], ordered[3] if len(ordered) > 3 else ordered[-1]
        if months[a] == 0 or months[b] == months[a]:
            continue
        change = Fraction(months[b] - months[a], months[a]) * 100
        claimed = 50 if round(change) != 50 else 40
        verb = "steeg" if change > 0 else "daalde"
        between = f"van {MONTHS[a - 1]} naar {MONTHS[b - 1]} {year}"
        question = f"Klopt het dat het aantal {label} {between} met {claimed}% {verb}?"
        answer = ask(engine, question)
        assert answer.answered and answer.text.startswith("Dat klopt niet: het is"), (question, answer.text)
        assert (
            f"{signed_fixed(Decimal(change.numerator) / Decimal(change.denominator), 1)}%" in answer.text
        ), (
            question,
            answer.text,
        )
        if year - 1 in {y for (lab, y) in months_by_year() if lab == label} and len(ordered) > 2:
            first, last = MONTHS[a - 1][:3], MONTHS[ordered[-1] - 1][:3]
            span = f"Klopt het dat het aantal {label} {first}-{last} met {claimed}% steeg?"
            reply = ask(engine, span)
            assert not reply.answered and not given(figures, reply, span), (span, reply.text)
        checked += 1
    assert checked


@pytest.mark.parametrize("joiner", ["tm", "t.m.", "t/m", "tem", "t.e.m."])
def test_a_range_written_with_any_abbreviation_of_tot_en_met(engine: Engine, joiner: str) -> None:
    """ "hoeveel doorverwijzingen via awel van mei tm september": May to September, added up
    ("tm" was dropped, and May and September alone were added)."""
    checked = 0
    for (label, year), months in months_by_year().items():
        ordered = sorted(months)
        if len(ordered) < 4:
            continue
        first, last = ordered[1], ordered[-1]
        total = sum(v for m, v in months.items() if first <= m <= last)
        question = f"hoeveel {label} van {MONTHS[first - 1]} {joiner} {MONTHS[last - 1]} {year}"
        answer = ask(engine, question)
        assert answer.answered and f"in totaal: {total}" in without_thousands(answer.text), (
            question,
            answer.text,
        )
        checked += 1
    assert checked


def test_a_count_claimed_roughly_with_tal_is_checked(engine: Engine) -> None:
    """ "Klopt het dat er in mei 2020 een honderdtal gesprekken waren?": about 100, near enough
    within 5% ("honderdtal" was not understood)."""
    lexicon = tomllib.loads((REPO / "intents" / "lexicon.toml").read_text(encoding="utf-8"))
    words = {w: n for w, n in lexicon["number_words"].items() if n >= 10 and " " not in w}
    assert words
    checked = 0
    for p in OVERALL[::3]:
        if p.value < 10:
            continue
        word, claimed = min(words.items(), key=lambda item: abs(item[1] - p.value))
        question = f"Klopt het dat er in {MONTHS[p.month - 1]} {p.year} een {word}tal {p.label} waren?"
        answer = ask(engine, question)
        verdict = (
            "Dat klopt:"
            if claimed == p.value
            else "Dat klopt ongeveer"
            if abs(claimed - p.value) <= p.value * 0.05
            else "Dat klopt niet"
        )
        assert answer.answered and answer.text.startswith(verdict), (question, answer.text)
        checked += 1
    assert checked


@pytest.mark.parametrize(("word", "below"), [("onder", True), ("boven", False)])
@pytest.mark.parametrize("bound", [5, 20, 30])
def test_the_share_of_the_groups_past_a_bound_is_their_sum(
    engine: Engine, figures: Figures, word: str, below: bool, bound: int
) -> None:
    """ "Hoeveel procent van de problemen valt in categorieën onder de 5%?": those groups listed,
    and their shares added up (they were counted, "2 van de 6", with no share given)."""
    rows = figures.rows(
        "SELECT percent FROM shares_figures WHERE dimension = 'problematiek' "
        "AND year = (SELECT max(year) FROM shares_figures WHERE dimension = 'problematiek')"
    )
    shares = [_int(p) for (p,) in rows]
    hits = [p for p in shares if (p < bound if below else p > bound)]
    question = f"Hoeveel procent van de problemen valt in categorieën {word} de {bound}%?"
    answer = ask(engine, question)
    if hits:
        assert answer.answered and f"Samen: {sum(hits)}%" in answer.text, (question, answer.text)


@pytest.mark.parametrize(
    "wording",
    [
        "hoeveel verschillende jongeren chatten in {month} {year}?",
        "In {month} {year} waren er {value} {label}. Gaat het dan om {value} verschillende jongeren?",
        # (people who chatted or sought contact: the conversations were given as the people)
        "hoeveel jongeren chatten in {month} {year}?",
        "hoeveel jongeren zochten contact met de chat in {month} {year}?",
        "hoeveel jongeren namen in {month} {year} contact op?",
    ],
)
def test_distinct_young_people_in_a_month_are_refused(engine: Engine, figures: Figures, wording: str) -> None:
    """Direction: "Gaat het om 65 verschillende jongeren?" after 65 conversations: who chatted in a
    month, new or not, which no source counts (the conversations were given again, as if they
    were the young people)."""
    for p in [p for p in OVERALL if p.metric == "gesprekken"][::4]:
        question = wording.format(month=MONTHS[p.month - 1], year=p.year, value=p.value, label=p.label)
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), (question, answer.text)


def test_distinct_young_people_who_pressed_the_button_are_its_unique_visitors(engine: Engine) -> None:
    """The other side: "Hoeveel verschillende jongeren drukten in mei op de chatknop?" names the
    unique visitors of the button, which the source counts."""
    label = "unieke bezoekers die op de chatknop drukten"
    points = [p for p in OVERALL if p.label == label]
    assert points
    for p in points[::3]:
        question = f"Hoeveel verschillende jongeren drukten in {MONTHS[p.month - 1]} {p.year} op de chatknop?"
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, p.value), (question, answer.text)


@pytest.mark.parametrize("unit", ["in absolute aantallen", "in aantallen"])
def test_a_difference_asked_in_absolute_numbers_after_a_count(engine: Engine, unit: str) -> None:
    """ "Hoeveel gesprekken tussen januari en september 2020?", "Het verschil met dezelfde periode
    in 2019, in absolute aantallen?": that difference in numbers (refused as counts per category,
    which the shares are asked as)."""
    checked = 0
    for label, (earlier, later), first, second in last_two_years():
        common = sorted(set(first) & set(second))
        if common != sorted(first) or common != sorted(second):
            continue
        lo, hi = MONTHS[common[0] - 1], MONTHS[common[-1] - 1]
        context = ask(engine, f"Hoeveel {label} tussen {lo} en {hi} {later}?").context
        answer = ask(engine, f"Het verschil met dezelfde periode in {earlier}, {unit}?", context)
        difference = sum(second.values()) - sum(first.values())
        assert answer.answered and signed(difference) in answer.text, (label, answer.text)
        checked += 1
    assert checked


@pytest.mark.parametrize("times", ["Hoeveel keer?", "hoeveel maal dan?"])
def test_how_many_times_after_the_top_helpline_is_its_count(engine: Engine, times: str) -> None:
    """ "Wie verwees het meest door naar de chat?", "Hoeveel keer?": the count of the helpline
    found (it was asked back which figure was meant)."""
    by_month: dict[tuple[int, int], dict[str, int]] = {}
    for p in HELPLINE:
        by_month.setdefault((p.year, p.month), {})[str(p.helpline_label)] = p.value
    checked = 0
    for (year, month), counts in sorted(by_month.items()):
        top = sorted(counts.values(), reverse=True)
        if len(top) > 1 and top[0] == top[1]:
            continue  # a tie names no one helpline
        context = ask(engine, f"Welke hulplijn verwees in {MONTHS[month - 1]} {year} het meest door?").context
        answer = ask(engine, times, context)
        assert answer.answered and f": {top[0]}" in answer.text, answer.text
        checked += 1
    assert checked


@pytest.mark.parametrize("than_year", ["earlier", "later"])
@pytest.mark.parametrize("direction", ["meer", "minder"])
def test_more_or_less_then_in_a_year_is_the_reading_that_went_that_way(
    engine: Engine, than_year: str, direction: str
) -> None:
    """After two months a year apart, "Hoeveel procent minder was het dan in 2020?": "dan" is
    "than" or "then", so the year is the base or the year measured; the reading in which the
    figure went the way asked is the one meant (40 new callers against 46 were answered "+15%
    ten opzichte van maart 2020")."""
    checked = 0
    for label, (y1, y2), first, second in last_two_years():
        months = [
            m for m in sorted(set(first) & set(second)) if first[m] and second[m] and first[m] != second[m]
        ]
        for month in months[:2]:
            low, high = sorted([first[month], second[month]])
            change = Fraction(high - low, low) if direction == "meer" else Fraction(low - high, high)
            exact = Decimal(change.numerator) * 100 / Decimal(change.denominator)
            named = y1 if than_year == "earlier" else y2
            turns = [
                f"hoeveel {label} in {MONTHS[month - 1]} {y2}?",
                f"en in {MONTHS[month - 1]} {y1}?",
                f"Hoeveel procent {direction} was het dan in {named}?",
            ]
            answer: Answer | None = None
            for turn in turns:
                answer = ask(engine, turn, answer.context if answer else None)
            assert answer is not None and answer.answered, (turns, answer)
            said = {f"{signed_fixed(exact, places)}%" for places in (0, 1)}
            assert any(s in answer.text for s in said), (turns, answer.text, said)
            checked += 1
    assert checked


@pytest.mark.parametrize("either", ["meer of minder", "minder of meer"])
def test_more_or_less_than_a_year_sets_the_figure_before_against_it(engine: Engine, either: str) -> None:
    """ "Hoeveel meer of minder is dat dan in juni 2019?" after June 2020 asks no direction, so
    "dan" is "than": June 2020 against June 2019 (it was read the other way round)."""
    checked = 0
    for label, (y1, y2), first, second in last_two_years():
        for month in [m for m in sorted(set(first) & set(second)) if first[m] and second[m]][:2]:
            before = ask(engine, f"hoeveel {label} in {MONTHS[month - 1]} {y2}?")
            question = f"Hoeveel {either} is dat dan in {MONTHS[month - 1]} {y1}?"
            answer = ask(engine, question, before.context)
            difference = second[month] - first[month]
            assert answer.answered and f"Verschil: {signed(difference)}" in answer.text, (
                question,
                answer.text,
            )
            checked += 1
    assert checked


@pytest.mark.parametrize("meant", ["Ik bedoel het aantal {label}.", "ik bedoel {label}"])
def test_the_measure_meant_after_the_question_is_the_one_answered(engine: Engine, meant: str) -> None:
    """ "Hoeveel jongeren chatten er in juni 2020? Ik bedoel het aantal gesprekken.": the measure
    said after the question is its measure (young people who chatted are no figure of the source)."""
    for p in OVERALL[::7]:
        question = f"Hoeveel jongeren chatten er in {MONTHS[p.month - 1]} {p.year}? " + meant.format(
            label=p.label
        )
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, p.value), (question, answer.text)
        assert answer.text.lower().startswith(p.label.split()[0]), (question, answer.text)


def test_then_with_no_month_before_is_asked_back(engine: Engine, figures: Figures) -> None:
    """ "Hoeveel chatgesprekken waren er toen in 2020?": "toen" points at a month; with none asked
    before, which one is asked back (the whole year was given), and after one it is that month."""
    checked = 0
    for label, (y1, y2), first, second in last_two_years():
        question = f"Hoeveel {label} waren er toen in {y2}?"
        answer = ask(engine, question)
        assert not answer.answered and not given(figures, answer, question), (question, answer.text)
        for month in sorted(set(first) & set(second))[:3]:
            before = ask(engine, f"hoeveel {label} in {MONTHS[month - 1]} {y1}?")
            answer = ask(engine, question, before.context)
            assert answer.answered and Figures.has(answer.text, second[month]), (question, answer.text)
            checked += 1
    assert checked


@pytest.mark.parametrize("asked", ["hoeveel {sign} meer?", "hoeveel {sign} minder is dat?"])
def test_a_percent_sign_asks_as_the_word_procent(engine: Engine, asked: str) -> None:
    """Invariance: "hoeveel % meer?" after two months is "hoeveel procent meer?" ("%" was a word
    not understood, and the change was not given)."""
    checked = 0
    for label, (y1, y2), first, second in last_two_years():
        for month in sorted(set(first) & set(second))[::4]:
            replies = []
            for sign in ("procent", "%"):
                answer = ask(engine, f"hoeveel {label} in {MONTHS[month - 1]} {y1}?")
                answer = ask(engine, f"en {MONTHS[month - 1]} {y2}?", answer.context)
                answer = ask(engine, asked.format(sign=sign), answer.context)
                replies.append(answer.text)
            assert replies[0] == replies[1] and "Verschil" in replies[1], replies
            checked += 1
    assert checked


VIEWS = [_int(v) for (v,) in _db_rows("SELECT value FROM facts WHERE unit = 'views'")]
INFLUENCERS = sorted(
    {
        name
        for (text,) in _db_rows("SELECT text FROM facts")
        for name in re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b|\b[A-Z][a-z]+[A-Z][a-z]+\b", text)
    }
    - {"Nupraatikerover"}
)


@pytest.mark.parametrize("pronoun", ["hij", "ze"])
@pytest.mark.parametrize("told", [None, *INFLUENCERS])
def test_the_views_of_one_person_pointed_at_are_not_the_joint_views(
    engine: Engine, figures: Figures, told: str | None, pronoun: str
) -> None:
    """Direction: "Wie is JustNicolas?", "Hoeveel views haalde hij?": the source counts the views
    of the vlogs and the post together only, so one person's are refused (the joint views were
    given as his); with nobody told before, the same."""
    assert VIEWS and INFLUENCERS
    context = ask(engine, f"Wie is {told}?").context if told else None
    question = f"Hoeveel views haalde {pronoun}?"
    answer = ask(engine, question, context)
    assert not answer.answered, (told, question, answer.text)


@pytest.mark.parametrize("asked", ["Hoeveel views zijn dat?", "En hoeveel views waren dat?"])
@pytest.mark.parametrize(
    "before",
    ["Wat was het effect van de campagne?", "Wat weet je over de campagne?", "Vertel over de influencers."],
)
def test_views_of_a_whole_answer_are_the_joint_views(engine: Engine, before: str, asked: str) -> None:
    """Context: "dat" after an answer of several facts points at them all, not at the person
    its first fact happens to name (the joint views were refused as that person's)."""
    assert VIEWS
    first = ask(engine, before)
    answer = ask(engine, asked, first.context)
    assert answer.answered, (before, asked, answer.text)
    assert all(dutch_number(v) in answer.text for v in VIEWS), (before, asked, answer.text)


@pytest.mark.parametrize("most", ["meest", "minst"])
@pytest.mark.parametrize("verb", ["verwijst", "verwees", "stuurde"])
def test_a_line_is_a_helpline(engine: Engine, verb: str, most: str) -> None:
    """Invariance: "welke lijn" asks as "welke hulplijn" ("welke lijn verwijst het meest door
    naar de chat?" was asked back, the follow-up about "die lijn" refused)."""
    replies = []
    for word in ("hulplijn", "lijn"):
        first = ask(engine, f"Welke {word} {verb} het {most} door naar de chat?")
        then = ask(engine, f"En hoeveel keer deed die {word} dat in juli?", first.context)
        replies.append((first.answered, first.text, then.answered, then.text))
    assert replies[0][0] and replies[0][2], replies[0]
    assert replies[1] == replies[0]


TOPICS = [
    "Ik heb een paar vragen over {topic}.",
    "Ik bereid een schriftelijke vraag voor over {topic}.",
    "Mijn vraag gaat over {topic}",
    "Hoi, ik heb nog enkele vragen over {topic}!",
]


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("before", [None, "Hoeveel bezoekers drukten in april 2020 op de chatknop?"])
def test_a_topic_said_first_is_what_the_next_question_is_about(
    engine: Engine, topic: str, before: str | None
) -> None:
    """Context: "Ik heb vragen over nieuwe oproepers." then "Hoeveel waren dat er in mei 2019?" is
    the count of new callers (the topic was asked back, and the question had no measure); a topic
    said after another question starts anew (the measure before is not kept); the topic names
    the measure in its reply, and says no figure of its own."""
    checked = 0
    for p in OVERALL[::9]:
        context = ask(engine, before).context if before else None
        noted = ask(engine, topic.format(topic=p.label), context)
        assert not noted.answered and p.label in noted.text and not numbers_in(noted.text), noted.text
        question = f"Hoeveel waren dat er in {MONTHS[p.month - 1]} {p.year}?"
        answer = ask(engine, question, noted.context)
        assert answer.answered and Figures.has(answer.text, p.value), (topic, question, answer.text)
        assert answer.text.lower().startswith(p.label.split()[0]), (topic, question, answer.text)
        checked += 1
    assert checked


@pytest.mark.parametrize("asked", ["Wanneer is de chat open?", "Wie is JustNicolas?"])
def test_a_topic_is_no_part_of_a_question_about_something_else(engine: Engine, asked: str) -> None:
    """Invariance: a question that names its own subject is answered as when asked fresh."""
    for p in OVERALL[::23]:
        noted = ask(engine, TOPICS[0].format(topic=p.label))
        assert ask(engine, asked, noted.context).text == ask(engine, asked).text


@pytest.mark.parametrize("topic", TOPICS[::2])
def test_a_helpline_named_as_topic_filters_the_next_question(engine: Engine, topic: str) -> None:
    """Direction: "Het gaat over Awel." then "Hoeveel doorverwijzingen in juli?" is that
    helpline's figure (it was asked back, as for a sentence that only mentions one), and a
    measure not kept per helpline is refused for it, not given for all helplines."""
    per_helpline = {p.metric for p in HELPLINE}
    others = [p for p in OVERALL if p.metric not in per_helpline]
    assert others
    for p in HELPLINE[::11]:
        noted = ask(engine, topic.format(topic=p.helpline_label))
        question = f"Hoeveel {p.label.lower()} waren er in {MONTHS[p.month - 1]} {p.year}?"
        answer = ask(engine, question, noted.context)
        assert answer.answered and Figures.has(answer.text, p.value), (topic, question, answer.text)
        assert str(p.helpline_label) in answer.text.split(":")[0], answer.text
        other = others[p.month % len(others)]
        asked = f"Hoeveel {other.label.lower()} waren er in {MONTHS[other.month - 1]} {other.year}?"
        refused = ask(engine, asked, ask(engine, topic.format(topic=p.helpline_label)).context)
        assert not refused.answered and not Figures.has(refused.text, other.value), refused.text


@pytest.mark.parametrize("verb", ["telde", "had", "kende"])
def test_the_month_with_a_count_said_is_found_not_the_total(engine: Engine, verb: str) -> None:
    """Direction: "Welke maand in 2020 telde 46 nieuwe oproepers?" names the months with exactly
    that count (the number was dropped, and the year's total given as the answer)."""
    checked = 0
    for p in OVERALL[::5]:
        same = [q.month for q in OVERALL if (q.metric, q.year, q.value) == (p.metric, p.year, p.value)]
        answer = ask(engine, f"Welke maand in {p.year} {verb} {p.value} {p.label.lower()}?")
        assert answer.answered, answer.text
        listed = {i + 1 for i, name in enumerate(MONTHS) if f"{name} ({p.value})" in answer.text}
        assert listed == set(same), (p, answer.text)
        checked += 1
    assert checked


@pytest.mark.parametrize(
    "asked", ["Welke maanden waren dat?", "Welke waren dat en hoeveel {label} waren het?", "Wanneer was dat?"]
)
def test_a_bound_said_before_a_which_question_is_part_of_it(engine: Engine, asked: str) -> None:
    """Direction: "In 2019 was er één maand met minder dan 20 chatgesprekken. Welke was dat?" lists
    the months under that bound (the bound was dropped, and the year's total given)."""
    checked = 0
    for p in OVERALL[::7]:
        year = sorted(q.value for q in OVERALL if (q.metric, q.year) == (p.metric, p.year))
        above = [q for q in OVERALL if (q.metric, q.year) == (p.metric, p.year) and q.value > p.value]
        if not above or p.value == year[0]:
            continue
        label = p.label.lower()
        said = f"In {p.year} waren er maanden met meer dan {p.value} {label}."
        answer = ask(engine, f"{said} {asked.format(label=label)}")
        listed = {i + 1 for i, name in enumerate(MONTHS) if re.search(rf"\b{name} \(\d", answer.text)}
        assert answer.answered and listed == {q.month for q in above}, (said, asked, answer.text)
        checked += 1
    assert checked


@pytest.mark.parametrize(
    "wording",
    [
        "Hoeveel {label} werden er geteld in {month}?",
        "Hoeveel {label} zijn er geteld in {month}?",
        "Hoeveel {label} zijn er in {month} geregistreerd?",
        "Hoeveel {label} werden er in {month} genoteerd?",
    ],
)
def test_a_count_asked_with_a_word_of_counting_is_the_figure(engine: Engine, wording: str) -> None:
    """Direction: "hoeveel gesprekken werden er geteld in mei 2020?" asks the figure, not what the
    figure counts, nor how the referrals are noted (it read as "hoe worden de doorverwijzingen
    geteld" or "worden alle doorverwijzingen geregistreerd", and was refused)."""
    checked = 0
    for p in POINTS[::6]:
        label = p.label.lower() + (f" vanuit {p.helpline_label}" if p.helpline_label else "")
        question = wording.format(label=label, month=f"{MONTHS[p.month - 1]} {p.year}")
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, p.value), (question, answer.text)
        checked += 1
    assert checked


@pytest.mark.parametrize("verb", ["geregistreerd", "genoteerd", "geteld"])
def test_a_total_asked_with_a_word_of_counting_is_the_figure(engine: Engine, verb: str) -> None:
    """Direction: "hoeveel doorverwijzingen zijn er in totaal geregistreerd?" asks the total of a
    measure the data holds for one year, not how it is noted (it read as "worden alle
    doorverwijzingen geregistreerd" and the facts said no count)."""
    checked = 0
    for metric in sorted({p.metric for p in OVERALL}):
        points = [p for p in OVERALL if p.metric == metric]
        if len({p.year for p in points}) != 1:
            continue
        question = f"Hoeveel {points[0].label.lower()} zijn er in totaal {verb}?"
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, sum(p.value for p in points)), (
            question,
            answer.text,
        )
        checked += 1
    assert checked


def _unbroken_years(least: int) -> list[list[Point]]:
    """Each measure's months of one year, in order, where they run unbroken and are at least
    `least` (a range such as "mei t.e.m. september" names them all)."""
    runs = []
    for metric, year in sorted({(p.metric, p.year) for p in OVERALL}):
        points = sorted((p for p in OVERALL if (p.metric, p.year) == (metric, year)), key=lambda p: p.month)
        months = [p.month for p in points]
        if len(months) >= least and months == list(range(months[0], months[-1] + 1)):
            runs.append(points)
    return runs


@pytest.mark.parametrize(
    "declined", ["geen opdeling", "niet per maand", "zonder uitsplitsing", "geen opdeling per hulplijn"]
)
def test_a_breakdown_declined_is_the_total(engine: Engine, declined: str) -> None:
    """Direction: "hoeveel gesprekken in 2020? ik heb enkel het totaal nodig, geen opdeling" is the
    total ("opdeling" was read as a breakdown asked, and "geen" asked back)."""
    runs = _unbroken_years(2)
    for points in runs:
        period = f"{MONTHS[points[0].month - 1]} t.e.m. {MONTHS[points[-1].month - 1]} {points[0].year}"
        question = f"Hoeveel {points[0].label.lower()} waren er van {period} in totaal, {declined}?"
        answer = ask(engine, question)
        assert answer.answered and Figures.has(answer.text, sum(p.value for p in points)), answer.text
    assert runs


@pytest.mark.parametrize(
    "ends", [" ({a} en {b} inbegrepen)", ", {a} en {b} inclusief", ", {a} en {b} allebei meegeteld"]
)
def test_the_ends_of_a_range_named_again_as_counted_in(engine: Engine, ends: str) -> None:
    """Invariance: "tussen mei en september 2020 samen (mei en sept inbegrepen)" is the range, as
    without the words in brackets (the ends were read as two months inside it, and asked back)."""
    runs = _unbroken_years(4)
    for points in runs:
        first, last = MONTHS[points[1].month - 1], MONTHS[points[-1].month - 1]
        inside = sum(p.value for p in points[1:])
        said = ends.format(a=first, b=last[:4])
        between = f"tussen {first} en {last} {points[0].year}"
        answer = ask(engine, f"Hoeveel {points[0].label.lower()} waren er {between} samen{said}?")
        assert answer.answered and Figures.has(answer.text, inside), answer.text
    assert runs


@pytest.mark.parametrize("written", ["word", "digit"])
def test_a_number_of_helplines_named_is_checked_against_the_helplines_there_are(
    engine: Engine, written: str
) -> None:
    """Direction: "hoeveel van de vijf hulplijnen verwezen in juni niemand door?" counts among all
    helplines when there are five ("vijf" was asked back); with another number, which helplines
    is asked back, and no figure given."""
    words = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven"}
    helplines = {p.helpline for p in POINTS if p.helpline is not None}
    checked = 0
    for p in [q for q in POINTS if q.helpline is not None][::9]:
        month = f"{MONTHS[p.month - 1]} {p.year}"
        none = sum(
            1 for q in POINTS if q.helpline is not None and (q.year, q.month, q.value) == (p.year, p.month, 0)
        )
        for count in (len(helplines), len(helplines) - 1):
            said = words[count] if written == "word" else str(count)
            answer = ask(engine, f"Hoeveel van de {said} hulplijnen verwezen in {month} niemand door?")
            if count == len(helplines):
                assert answer.answered and f"{none} van de {count}" in answer.text, answer.text
            else:
                assert not answer.answered and f"{words[count]} hulplijnen" in answer.text, answer.text
        checked += 1
    assert checked


@pytest.mark.parametrize("edge", ["begin", "einde"])
def test_a_month_described_as_the_end_of_a_named_period(engine: Engine, edge: str) -> None:
    """Direction: "hoeveel nieuwe oproepers in maart 2020, het begin van de lockdown?" is March when
    the lockdown begins in March ("begin" was asked back); a month that is not that end is asked
    back, with no figure."""
    periods = tomllib.loads((REPO / "intents" / "lexicon.toml").read_text())["periods"]
    spans = {name: span for name, span in periods.items() if isinstance(span[0], int)}
    checked = 0
    for p in OVERALL[::4]:
        for name, span in spans.items():
            end = span[0] if edge == "begin" else span[-1]
            answer = ask(
                engine,
                f"Hoeveel {p.label.lower()} in {MONTHS[p.month - 1]} {p.year}, het {edge} van de {name}?",
            )
            if p.month == end:
                assert answer.answered and Figures.has(answer.text, p.value), answer.text
                checked += 1
            else:
                assert not answer.answered, answer.text
    assert checked


def test_weeks_counted_in_a_year_without_weekly_figures_name_the_weeks_there_are(
    engine: Engine, figures: Figures
) -> None:
    """Direction: "hoeveel nieuwe oproepers in dezelfde twee weken van 2019?" says in which years
    there are weekly figures ("ik heb weekcijfers voor geen enkele week" was said, as if there
    were none at all), with no day (which would read as a figure)."""
    rows = figures.rows(
        "SELECT m.label, w.week_start FROM weekly_figures w JOIN metrics m USING (metric) ORDER BY 1, 2"
    )
    checked = 0
    for label in sorted({label for label, _ in rows}):
        starts = [start for other, start in rows if other == label]
        years = {p.year for p in OVERALL if p.label == label} - {s.year for s in starts}
        for year in sorted(years):
            answer = ask(engine, f"Hoeveel {label.lower()} waren er in dezelfde twee weken van {year}?")
            assert not answer.answered and all(str(s.year) in answer.text for s in starts), answer.text
            assert "geen enkele week" not in answer.text, answer.text
            assert not any(re.search(rf"\b{s.day}\b", answer.text) for s in starts), answer.text
            checked += 1
    assert checked


@pytest.mark.parametrize("off", [0, 1])
def test_a_rise_claimed_from_one_figure_to_another_checks_both(engine: Engine, off: int) -> None:
    """Direction: "klopt het dat de gesprekken van januari tot september 2020 stegen van 60 naar
    65?" checks both figures (the first was checked as a difference, "het verschil is 5, niet 60");
    with no year, "de gesprekken (jan-sep) stegen van 440 naar 658" is the two years' ranges
    (January was set against September)."""
    checked = 0
    by_year: dict[tuple[str, int], list[Point]] = {}
    for p in OVERALL:
        by_year.setdefault((p.metric, p.year), []).append(p)
    for (metric, year), points in sorted(by_year.items()):
        points.sort(key=lambda p: p.month)
        first, last = points[0], points[-1]
        if len(points) < 3 or first.value == last.value:
            continue
        label = first.label.lower()
        said = f"van {first.value} naar {last.value + off}"
        months = f"{MONTHS[first.month - 1]} tot {MONTHS[last.month - 1]} {year}"
        answer = ask(engine, f"Klopt het dat de {label} van {months} stegen {said}?")
        assert answer.text.startswith("Dat klopt niet" if off else "Dat klopt:"), answer.text
        assert Figures.has(answer.text, last.value), answer.text
        other = by_year.get((metric, year - 1), [])
        months_of_both = [p.month for p in points] == sorted(p.month for p in other)
        if months_of_both:
            before, now = sum(p.value for p in other), sum(p.value for p in points)
            span = f"{MONTHS[first.month - 1][:3]}-{MONTHS[last.month - 1][:3]}"
            claim = f"de {label} ({span}) stegen van {before} naar {now + off}"
            answer = ask(engine, f"In onze tekst staat dat {claim}. Klopt dat?")
            assert answer.text.startswith("Dat klopt niet" if off else "Dat klopt:"), answer.text
            assert Figures.has(answer.text, now), answer.text
        checked += 1
    assert checked


def test_such_a_kind_said_before_is_part_of_the_question(engine: Engine) -> None:
    """Direction: "Tijdens de lockdown stegen de gesprekken over huiselijk geweld. Hoeveel zulke
    gesprekken waren er bij de chat?" has no figure: the kind is in the sentence before (its
    period was taken and "over huiselijk geweld" dropped, and all conversations given)."""
    for p, noun in itertools.product(OVERALL[::5], ["oproepen", "gesprekken"]):
        said = f"In {MONTHS[p.month - 1]} {p.year} stegen de {noun} over huiselijk geweld bij de hulplijnen."
        answer = ask(engine, f"{said} Hoeveel zulke {noun} waren er bij Nupraatikerover?")
        assert not answer.answered and not Figures.has(answer.text, p.value), answer.text


def test_a_helpline_of_a_statement_before_a_question_is_the_questions(engine: Engine) -> None:
    """Direction: "In maart 2020 kwamen er 2 doorverwijzingen van de CLB-chat. Hoeveel waren het er
    in april 2020?" is April of that helpline ("2" was asked back; with the figure left out,
    March and April were added up)."""
    checked = 0
    helpline_points = [p for p in POINTS if p.helpline is not None]
    for p in helpline_points[::3]:
        later = [
            q for q in helpline_points if (q.helpline, q.year) == (p.helpline, p.year) and q.month > p.month
        ]
        if not later:
            continue
        q = later[0]
        said = (
            f"In {MONTHS[p.month - 1]} {p.year} kwamen er {p.value} {p.label.lower()} van {p.helpline_label}."
        )
        answer = ask(engine, f"{said} Hoeveel waren het er in {MONTHS[q.month - 1]} {q.year}?")
        assert answer.answered and Figures.has(answer.text, q.value), (said, answer.text)
        assert MONTHS[p.month - 1] not in answer.text.split("\n")[0], answer.text
        checked += 1
    assert checked


@pytest.mark.parametrize(("place", "index"), [("eerste", 0), ("tweede", 1), ("laatste", 2)])
def test_a_figure_pointed_at_by_its_place_in_the_answer_before(
    engine: Engine, place: str, index: int
) -> None:
    """Direction: "En wat was dat laatste cijfer in 2019?" after July, August and September 2020 is
    September 2019 ("laatste" was asked back)."""
    checked = 0
    values = {(p.metric, p.year, p.month): p for p in OVERALL}
    for (metric, year, month), p in sorted(values.items()):
        three = [values.get((metric, year, month + k)) for k in range(3)]
        if month % 4 != 1 or None in three:
            continue
        for other in sorted({y for m, y, _ in values if m == metric} - {year}):
            pointed = values.get((metric, other, month + index))
            if pointed is None:
                continue
            months = f"{MONTHS[month - 1]}, {MONTHS[month]} en {MONTHS[month + 1]} {year}"
            first = f"Hoeveel {p.label.lower()} waren er in {months}?"
            answer = ask(engine, f"En wat was dat {place} cijfer in {other}?", ask(engine, first).context)
            assert answer.answered and Figures.has(answer.text, pointed.value), (first, answer.text)
            head = answer.text.split("\n")[0].split("(Zoals")[0]
            assert MONTHS[month - 1 + index] in head, answer.text
            assert all(MONTHS[month - 1 + k] not in head for k in range(3) if k != index), answer.text
            checked += 1
    assert checked


@pytest.mark.parametrize(
    "aside",
    ["(dus niet het aantal {other}, die heb ik al)", "(dus niet de {other}, die hebt u me al gegeven)"],
)
def test_an_aside_about_what_one_has_changes_nothing(engine: Engine, aside: str) -> None:
    """Invariance: "hoeveel nieuwe oproepers (dus niet het aantal gesprekken, die heb ik al) in april
    2020?" is the same reply as without the aside ("heb" was asked back)."""
    labels = sorted({p.label.lower() for p in OVERALL})
    for p in OVERALL[::5]:
        other = next(label for label in labels if label != p.label.lower())
        plain = f"hoeveel {p.label} waren er in {MONTHS[p.month - 1]} {p.year}?"
        answer = ask(engine, plain.replace(" waren", " " + aside.format(other=other) + " waren"))
        assert answer.answered and answer.text == ask(engine, plain).text, answer.text


def test_a_helpline_in_a_sentence_before_a_question_about_every_helpline(engine: Engine) -> None:
    """Direction: "Awel verwijst het meest door, maar welke hulplijn verwees in april het vaakst
    door?" ranks every helpline of that month (whether Awel alone was meant was asked back)."""
    checked = 0
    months = sorted({(p.year, p.month) for p in HELPLINE})
    for year, month in months:
        values = {p.helpline_label: p.value for p in HELPLINE if (p.year, p.month) == (year, month)}
        top = max(values.values())
        leaders = [h for h, v in values.items() if v == top]
        if len(leaders) != 1 or top == 0:
            continue
        said = next(h for h in values if h != leaders[0])
        asked = f"welke hulplijn verwees in {MONTHS[month - 1]} {year} het vaakst door?"
        question = f"{said} verwijst veel door, maar {asked}"
        answer = ask(engine, question)
        assert answer.answered and leaders[0] in answer.text and Figures.has(answer.text, top), answer.text
        checked += 1
    assert checked


def test_the_month_from_which_there_were_none_any_more(engine: Engine) -> None:
    """Direction: "vanaf welke maand in 2020 kwamen er geen doorverwijzingen meer van de CLB-chat?"
    is the first month of the run of months with none that ends the period ("meer" was asked
    back); where the last month has some, there is no such month, and no month is named."""
    checked = 0
    for helpline, year in sorted({(p.helpline_label, p.year) for p in HELPLINE}):
        series = sorted(
            (p for p in HELPLINE if (p.helpline_label, p.year) == (helpline, year)), key=lambda p: p.month
        )
        some = [i for i, p in enumerate(series) if p.value != 0]
        label = series[0].label.lower()
        answer = ask(engine, f"Vanaf welke maand in {year} kwamen er geen {label} meer van {helpline}?")
        if some and some[-1] == len(series) - 1:
            assert not answer.answered, answer.text
        else:
            first = series[some[-1] + 1 if some else 0].month
            assert answer.answered and f"vanaf {MONTHS[first - 1]}" in answer.text, answer.text
        checked += 1
    for label in sorted({p.label for p in HELPLINE}):
        # with no helpline named: the measure's months, never what "vanaf wanneer" resembles
        answer = ask(engine, f"Vanaf welke maand kwamen er geen {label.lower()} meer?")
        assert answer.text.lower().startswith(label.lower().split()[0]), answer.text
    assert checked


@pytest.mark.parametrize("verb", ["was", "waren", "werden"])
def test_a_share_of_them_pointed_at_is_of_the_measure_before(engine: Engine, verb: str) -> None:
    """Direction: "Welk percentage van hen was een nieuwe oproeper?" after the visitors of April is
    the new callers as a share of those visitors (the visitors were given as a share of the new
    callers, 729%)."""
    checked = 0
    by_point = {(p.metric, p.year, p.month): p for p in OVERALL}
    for (metric, year, month), whole in sorted(by_point.items()):
        for part in (
            q for (m2, y2, mo2), q in by_point.items() if (y2, mo2) == (year, month) and m2 != metric
        ):
            if not 0 < part.value < whole.value:
                continue
            first = f"Hoeveel {whole.label.lower()} waren er in {MONTHS[month - 1]} {year}?"
            then = f"Welk percentage van hen {verb} {part.label.lower()}?"
            answer = ask(engine, then, ask(engine, first).context)
            assert answer.answered and one_decimal_percent(part.value, whole.value) in answer.text, (
                first,
                answer.text,
            )
            checked += 1
    assert checked


@pytest.mark.parametrize("extra", [0, 1])
def test_a_number_of_months_of_a_named_kind_is_checked(engine: Engine, extra: int) -> None:
    """Direction: "De drie lockdownmaanden maart, april en mei 2020: hoeveel ... samen?" is those
    months when there are three ("drie" was asked back); "de twee lockdownmaanden" with three
    named is asked back, with no figure."""
    words = {2: "twee", 3: "drie", 4: "vier"}
    periods = tomllib.loads((REPO / "intents" / "lexicon.toml").read_text())["periods"]
    span = periods["lockdown"]
    checked = 0
    for year in sorted({p.year for p in OVERALL}):
        for label in sorted({p.label for p in OVERALL if p.year == year}):
            points = [
                p for p in OVERALL if (p.label, p.year) == (label, year) and span[0] <= p.month <= span[1]
            ]
            if len(points) != span[1] - span[0] + 1:
                continue
            named = (
                ", ".join(MONTHS[p.month - 1] for p in points[:-1]) + f" en {MONTHS[points[-1].month - 1]}"
            )
            count = words[len(points) + extra]
            answer = ask(
                engine, f"De {count} lockdownmaanden {named} {year}: hoeveel {label.lower()} waren dat samen?"
            )
            total = sum(p.value for p in points)
            if extra:
                assert not answer.answered and not Figures.has(answer.text, total), answer.text
            else:
                assert answer.answered and Figures.has(answer.text, total), answer.text
            checked += 1
    assert checked


@pytest.mark.parametrize("extra", [0, 1])
def test_a_number_of_months_with_no_month_named_is_the_years_months(engine: Engine, extra: int) -> None:
    """Direction: "in hoeveel van de negen maanden lag het in 2020 lager dan in 2019?" counts over
    the months both years have, when there are nine ("het gaat om geen enkele maand" was said);
    another number is asked back."""
    words = {n: w for w, n in {"zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11}.items()}
    checked = 0
    for label in sorted({p.label for p in OVERALL}):
        years = sorted({p.year for p in OVERALL if p.label == label})
        if len(years) < 2:
            continue
        before, after = years[-2], years[-1]
        months = {p.month for p in OVERALL if (p.label, p.year) == (label, before)} & {
            p.month for p in OVERALL if (p.label, p.year) == (label, after)
        }
        if len(months) + extra not in words:
            continue
        count = words[len(months) + extra]
        lower = f"lag het aantal {label.lower()} in {after} lager dan in {before}"
        question = f"In hoeveel van de {count} maanden {lower}?"
        answer = ask(engine, question)
        assert answer.answered == (extra == 0), answer.text
        checked += 1
    assert checked


@pytest.mark.parametrize("shift", ["ervoor", "daarvoor"])
def test_a_quarter_against_the_quarter_before_it(engine: Engine, shift: str) -> None:
    """Direction: "hoeveel gesprekken minder in het derde kwartaal van 2020 dan in het kwartaal
    ervoor?" sets the third quarter against the second (the same quarter of 2019 was given)."""
    ordinals = {2: "tweede", 3: "derde", 4: "vierde"}
    checked = 0
    for label, year in sorted({(p.label, p.year) for p in OVERALL}):
        held = {p.month: p.value for p in OVERALL if (p.label, p.year) == (label, year)}
        for quarter, word in ordinals.items():
            now = [held.get(m) for m in range(3 * quarter - 2, 3 * quarter + 1)]
            before = [held.get(m) for m in range(3 * quarter - 5, 3 * quarter - 2)]
            if None in now or None in before:
                continue
            asked = f"in het {word} kwartaal van {year} dan in het kwartaal {shift}"
            answer = ask(engine, f"Hoeveel {label.lower()} meer of minder waren er {asked}?")
            totals = (sum(v for v in now if v is not None), sum(v for v in before if v is not None))
            assert answer.answered and all(Figures.has(answer.text, t) for t in totals), answer.text
            checked += 1
    assert checked


def test_a_share_refused_names_the_measure_that_lacks_the_period(engine: Engine) -> None:
    """Direction: "hoeveel procent van hen kreeg geen gesprek?" after the visitors of July: the
    queue has no July, and the refusal says so (it said the visitors, which have July, had none)."""
    checked = 0
    held = {(p.label, p.year, p.month) for p in OVERALL}
    labels = sorted({p.label for p in OVERALL})
    for p in OVERALL[::3]:
        for part in labels:
            if (
                part == p.label
                or (part, p.year, p.month) in held
                or not any((part, p.year, m) in held for m in range(1, 13))
            ):
                continue
            first = f"Hoeveel {p.label.lower()} waren er in {MONTHS[p.month - 1]} {p.year}?"
            answer = ask(engine, f"Welk percentage van hen waren {part.lower()}?", ask(engine, first).context)
            said = f"voor {p.label.lower()} heb ik geen cijfer"
            assert not answer.answered and said not in answer.text.lower(), (first, part, answer.text)
            checked += 1
    assert checked


@pytest.mark.parametrize(("place", "index"), [("op één na drukste", 1), ("op twee na drukste", 2)])
def test_that_month_after_a_place_in_a_ranking(engine: Engine, place: str, index: int) -> None:
    """Direction: "hoeveel nieuwe oproepers in die maand?" after "de op één na drukste maand" is
    that month (it was asked back: "je vorige vraag ging niet over één maand")."""
    checked = 0
    by_year: dict[tuple[str, int], list[Point]] = {}
    for p in OVERALL:
        by_year.setdefault((p.label, p.year), []).append(p)
    for (label, year), points in sorted(by_year.items()):
        ordered = sorted(points, key=lambda p: -p.value)
        if len(ordered) <= index + 1 or len({p.value for p in ordered[: index + 2]}) != index + 2:
            continue
        month = ordered[index].month
        others = [
            q
            for (other, y), qs in by_year.items()
            if other != label and y == year
            for q in qs
            if q.month == month
        ]
        if not others:
            continue
        first = f"Welke maand was in {year} de {place} maand qua {label.lower()}?"
        then = f"hoeveel {others[0].label.lower()} waren er in die maand?"
        answer = ask(engine, then, ask(engine, first).context)
        assert answer.answered and Figures.has(answer.text, others[0].value), (first, answer.text)
        checked += 1
    assert checked


@pytest.mark.parametrize("wording", ["op de andere dagen dan {day}", "op alle andere dagen dan op {day}"])
def test_the_weekly_hours_of_the_other_days_than_one(engine: Engine, figures: Figures, wording: str) -> None:
    """Direction: "hoeveel uur per week is de chat open op de andere dagen dan woensdag,
    samengeteld?" is the hours of every other day (Wednesday's alone were given)."""
    hours = _hours_by_day(figures)
    for day, (opens, closes) in hours.items():
        rest = sum(c - o for d, (o, c) in hours.items() if d != day)
        answer = ask(engine, f"Hoeveel uur per week is de chat open {wording.format(day=day)}, samengeteld?")
        assert answer.answered and Figures.has(answer.text, int(rest)), answer.text
        assert closes - opens == rest or not Figures.has(answer.text, int(closes - opens)), answer.text


@pytest.mark.parametrize("written", ["word", "digit"])
def test_a_month_by_its_number(engine: Engine, written: str) -> None:
    """Direction: "hoeveel gesprekken waren er in maand negen van 2020?" is September (the whole
    period was given, "negen" dropped)."""
    words = {
        1: "een",
        2: "twee",
        3: "drie",
        4: "vier",
        5: "vijf",
        6: "zes",
        7: "zeven",
        8: "acht",
        9: "negen",
    }
    for p in OVERALL[::4]:
        number = words.get(p.month, str(p.month)) if written == "word" else str(p.month)
        answer = ask(engine, f"Hoeveel {p.label.lower()} waren er in maand {number} van {p.year}?")
        assert answer.answered and MONTHS[p.month - 1] in answer.text and Figures.has(answer.text, p.value), (
            answer.text
        )


@pytest.mark.parametrize("back", [2, 3])
def test_years_ago_beyond_the_data_are_refused(engine: Engine, back: int) -> None:
    """Direction: "hoeveel gesprekken twee jaar geleden?" is the year two before the newest, which
    no table gives (both years' figures were given, "twee jaar geleden" dropped)."""
    words = {2: "twee", 3: "drie"}
    for label in sorted({p.label for p in OVERALL}):
        years = {p.year for p in OVERALL if p.label == label}
        if max(years) - back in years:
            continue
        answer = ask(engine, f"Hoeveel {label.lower()} waren er {words[back]} jaar geleden?")
        assert not answer.answered and str(max(years) - back) in answer.text, answer.text
