"""The values that cross stages: what a question asks (Query), what the bot answers (Answer),
and what a conversation carries to its next turn (Context). Nothing here knows about Telegram,
DuckDB or the wording of replies; every value is frozen, so a context can be shared and reused.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

# One cell of a table: a label or qualified figure as text ("mei", "> 330"), a figure as a
# number (formatted only when rendered: "38.000" on screen, 38000 in a CSV), or empty.
Cell = str | int | Decimal | None


@dataclass(frozen=True)
class Table:
    """A table answer as values: rendered as monospace text (bot.present.tables.render_text)
    or as an Excel-friendly CSV (bot.present.csv). The first column holds the row labels."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    footer: tuple[tuple[Cell, ...], ...] = ()  # totals and averages, below a rule
    source: str | None = None  # the source line, "Bron: ..."


@dataclass(frozen=True)
class Period:
    """When a question is about, as the question says it (years are resolved against the data
    only when answering: "mei" is the newest May with figures)."""

    years: tuple[int, ...] = ()
    months: tuple[int, ...] = ()
    span: bool = False  # the months are taken together (a range or a list), not one by one
    whole_year: bool = False  # "heel 2019", "jaartotaal"
    open_from: int | None = None  # "vanaf mei": from this month to the last month with data
    relative_year: int | None = None  # "vorig jaar": offset from the newest year with data
    # "dit jaar en vorig jaar": the offsets after the first, each a year asked as well
    more_relative_years: tuple[int, ...] = ()
    month_order: tuple[int, ...] = ()  # the months in the order the question names them
    reference_month: int | None = None  # the month the other is compared against, if said
    # "tegenover hetzelfde kwartaal in 2019": the comparison names a base of its own, so a range
    # "van juli tot september" is the period compared, not two ends
    base_named: bool = False
    reference_year: int | None = None  # the year the other is compared against ("dan in 2020")
    # "minder was het dan in 2020": "dan" is "than" or "then"; the direction asked ("op", "af")
    ambiguous_than: str | None = None
    whole_year_of: int | None = None  # "jan-sep 2020 tegenover heel 2019": the year taken whole
    date: tuple[int, int, int | None] | None = None  # one day: (day, month, year)
    dates: tuple[tuple[int, int, int | None], ...] = ()  # every day named, when more than one
    inner_months: tuple[int, ...] = ()  # "van jan-sep ... in april": a part of the range named apart
    week: bool = False  # figures per week are asked
    one_day: bool = False  # "op 21 september (zelf)": the day, not the week it starts
    blocks: tuple[tuple[int, ...], ...] = ()  # "Q2 tegenover Q1": months added up, set against each other
    week_shift: int = 0  # "de week erna": days from the date of the previous question
    per_quarter: bool = False  # "per kwartaal", "welk kwartaal"
    excluded_months: tuple[int, ...] = ()  # "zonder april", "behalve de zomer"
    points: tuple[tuple[int, int], ...] = ()  # (year, month) each with its own year
    years_from: int | None = None  # "sinds 2015": that year up to the newest with data
    vague: str | None = None  # a period named without dates ("voor de lockdown")
    day_bound: str | None = None  # "vóór 21 september", "vanaf 21/09": no day's figure, nor its week's
    date_range: bool = False  # "van 21/09 t.e.m. 30/09": the days between, which weeks must cover exactly
    week_index: int | None = None  # "de eerste week": the nth week with figures (-1: the last)
    all_years: bool = False  # "in beide jaren": every year with figures
    found_month: tuple[int, int] | None = None  # (year, month) the answer found: "de drukste maand"
    # (day, month, year) of the dated fact an answer told: "in die week" after "op welke dag
    # vermeldde JustNicolas de chat?" is the week of that day
    found_date: tuple[int, int, int] | None = None
    # (year, month) the answer listed: "de maanden met meer dan 80" (for "in die maanden")
    found_months: tuple[tuple[int, int], ...] = ()

    @property
    def named(self) -> bool:
        """The question names a period of its own."""
        return bool(
            self.years
            or self.months
            or self.whole_year
            or self.open_from
            or self.relative_year is not None
            or self.date
            or self.points
            or self.years_from
            or self.vague
            or self.all_years
        )


@dataclass(frozen=True)
class Threshold:
    """ "boven de 100", "minder dan 50", "voor het eerst meer dan 80": months compared with a
    value. `first` asks for the first month that passes it."""

    comparator: str  # ">", ">=", "<", "<="
    value: Decimal
    first: bool = False
    of_average: bool = False  # "boven het maandgemiddelde": the value is the mean of the months
    of_month: int | None = None  # "meer dan september": the value is that month's figure


@dataclass(frozen=True)
class Claim:
    """A figure the question asserts, to be checked ("klopt het dat april meer dan 120 had?")."""

    value: Decimal
    comparator: str = "="  # "=", ">", ">=", "<", "<="
    percent: bool = False
    approximate: bool = False  # "ongeveer één op zes": near enough holds (1 point of a share, 5% of a count)


@dataclass(frozen=True)
class Query:
    """What one question asks, typed, with the words each part came from (`spans`).

    Parts are "used" by an answer family or make the reply a refusal or a question; none is
    dropped in silence (bot.answer declares per family which parts it can use).
    """

    intent: str | None = None
    # what is measured
    metric: str | None = None
    metrics: tuple[str, ...] = ()  # every metric named, in order ("gesprekken en oproepers")
    several_metrics: tuple[str, ...] = ()  # metrics asked together, each to be answered
    counted_metric: str | None = None  # the metric right after "hoeveel": what is counted
    metric_named: bool = False  # a measure named by a word of its own ("chatgesprekken", not "chat")
    base_metric: str | None = None  # "welk percentage van de gesprekken": the whole of a share
    base_helpline: bool = False  # "van alle awel-gesprekken": that whole, of one helpline
    per_metric: str | None = None  # "gesprekken per nieuwe oproeper": the measure divided by
    per_scale: int = 1  # "per 100 bezoekers": the ratio times 100
    compared_metrics: tuple[
        str, ...
    ] = ()  # "meer gesprekken dan oproepers": two measures set against each other
    measure_against: str | None = None  # "het verschil met de nieuwe oproepers": against what?
    as_share_of: bool = False  # "als percentage van het aantal gesprekken": which figure, then?
    # filters
    helplines: tuple[str, ...] = ()
    against_rest: bool = False  # "meer dan alle andere hulplijnen samen": the one against the others
    excluded_helplines: tuple[str, ...] = ()  # "niet van Awel", "behalve 1712"
    found_helplines: tuple[str, ...] = ()  # the helpline a ranking answered ("het meest: Awel")
    categories: tuple[tuple[str, str], ...] = ()  # (dimension, category)
    # "is dat meer dan seksueel misbruik?" after "A en B samen": the groups whose sum is set
    # against the one group asked
    summed_groups: tuple[tuple[str, str], ...] = ()
    excluded_categories: tuple[tuple[str, str], ...] = ()  # "na seksueel misbruik", "zonder ..."
    dimensions: tuple[str, ...] = ()
    period: Period = field(default_factory=Period)
    age_range: tuple[int, int] | None = None
    source_number: int | None = None  # "volgens vraag 808": one source's figures
    # the operation
    operation: str | None = None  # totaal, gemiddelde, mediaan, hoogste, laagste, ...
    operations: tuple[str, ...] = ()  # every calculation the question names (the first leads)
    top_n: int | None = None
    rank_position: int | None = None
    per_month: bool = False  # the question is about months ("welke maanden", "per maand")
    change_basis: str | None = None  # months ranked by change against: "jaar" | "maand" | None (unsaid)
    change_direction: str | None = None  # "op" (stijging) | "af" (daling) | None (the size)
    names_asked: bool = False  # "geef de namen van de jongeren": names, which no figure answers
    # the month a ranking finds ("in de maand na de piek"): (measure ranked, or None for the one
    # counted; "hoogste" | "laagste"; months moved from it)
    month_by: tuple[str | None, str, int] | None = None
    month_by_count: int = 1  # "de drie maanden met de meeste bezoekers": how many months it finds
    month_by_helpline: str | None = None  # "de maand waarin 1712 het meest doorverwees": whose ranking
    share_within_helpline: bool = False  # "aandeel van de doorverwijzingen door Awel viel in maart"
    month_of_event: bool = False  # "in de maand waarin JustNicolas de chat vermeldde"
    after_then: bool = False  # "en daarna?": after the end of what the answer before named
    exact_asked: bool = False  # "het exacte aantal": a bound ("meer dan 330") is no answer
    threshold: Threshold | None = None
    threshold_metric: str | None = None  # the measure the threshold holds for, when another is counted
    threshold_quoted: bool = False  # "In 2019 vonden meer dan 330 ...": may quote a figure of the source
    quoted_numbers: tuple[Decimal, ...] = ()  # numbers that may quote a figure ("de 600 gesprekken")
    percent_question: bool = False
    month_count: int | None = None  # "die drie maanden": the period must have as many
    week_count: int | None = None  # "de 2 vloggerweken": the weeks answered must be as many
    helpline_count: int | None = None  # "de vijf hulplijnen": the helplines meant must be as many
    none_from: bool = False  # "vanaf welke maand geen ... meer": where the last run of none begins
    ratio_question: bool = False  # "hoeveel keer zoveel": the factor between two figures
    equal_question: bool = False  # "welke andere hulplijn had evenveel als ...?": the same value
    decimals: int | None = None  # "op 1 decimaal": computed figures rounded to this many decimals
    count_question: bool = False
    helplines_counted: bool = False  # "hoeveel hulplijnen verwezen door?": helplines, counted
    days_asked: bool = False  # "op welke / hoeveel dagen ...": days of the opening hours
    when_question: bool = False  # "wanneer ...?": a date is asked
    meaning_question: bool = False  # "wat betekent ...?", "waarom ...?": an explanation
    claim: Claim | None = None
    # "300 in 2020, tegenover 250 in 2019": the value claimed for each year, as written together
    claimed_per_year: tuple[tuple[int, Decimal], ...] = ()
    numbers: tuple[Decimal, ...] = ()  # numbers in the question not taken by another part
    premise: bool = False
    fabrication: bool = False
    # opening hours
    weekdays: tuple[int, ...] = ()
    excluded_weekdays: tuple[int, ...] = ()  # "buiten de woensdag"
    hour: float | None = None
    day_part: tuple[int, int] | None = None
    # what cannot be answered, found in the question
    breakdown: str | None = None  # a split no source gives ("per weekdag")
    unsupported: str | None = None  # a measure no source gives ("wachttijd")
    unknown_names: tuple[str, ...] = ()  # names the data does not know ("Tele-Onthaal")
    unknown_topic: str | None = None  # "gaat over pesten": no category of ours
    leftovers: tuple[str, ...] = ()  # content words no part of the query used
    names: tuple[str, ...] = ()  # words written as names ("JustNicolas", "Jamie-Lee-Six"), folded
    # the unit of a fact the question asked ("hoeveel views": views), for "en het filmpje apart?"
    unit_asked: str | None = None
    # how the question was read
    form: str = "text"  # text | table | chart
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, read as): "maatr" → "maart"
    spans: tuple[tuple[str, str], ...] = ()  # (part, the words it came from)
    masked: str = ""  # the question with its parts replaced by placeholders
    from_context: tuple[str, ...] = ()  # the parts taken from the previous question
    followed_up: bool = False  # merged with the previous question as its follow-up

    @property
    def helpline(self) -> str | None:
        """The first helpline named, if any."""
        return self.helplines[0] if self.helplines else None

    def with_period(self, **changes: Any) -> Query:
        """This query with some fields of its period changed."""
        return replace(self, period=replace(self.period, **changes))


@dataclass(frozen=True)
class Option:
    """One "Bedoelde je ...?" choice: a short Dutch label and what choosing it answers (an
    intent, and optionally the question with one part replaced)."""

    label: str
    intent: str  # the key a button carries back to Engine.choose (at most 64 bytes)
    query: Query | None = None  # the question as it is answered when this option is chosen
    question: str | None = None  # or the question text to answer instead (a typo resolved)


@dataclass(frozen=True)
class ChartRequest:
    """A chart the reply offers. `kind` is one of: maanden (a metric per month, years side by
    side), bezoekers (chat-button visitors beside conversations), doorverwijzingen (referrals
    stacked by helpline), problematiek (problem categories in %)."""

    kind: str
    metric: str | None = None
    years: tuple[int, ...] = ()
    months: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chain:
    """What a chain of follow-ups about one metric asked one by one, so that "en die twee
    samen?" or "totaal?" can take them together."""

    metric: str | None = None
    points: tuple[tuple[int, int], ...] = ()  # (year, month) asked one by one
    helplines: tuple[str, ...] = ()
    years: tuple[int, ...] = ()  # whole years asked one by one ("in 2015?", "en in 2019?")
    groups: tuple[tuple[str, str], ...] = ()  # groups asked one by one ("12-15 jaar?", "en 15-18?")
    ages: tuple[tuple[int, int], ...] = ()  # age ranges asked one by one
    days: tuple[tuple[int, int, int | None], ...] = ()  # weeks asked one by one, by a day of each
    # the measure asked just before, when a follow-up turned to this one for the same period
    # ("bezoekers in juni?", "en nieuwe oproepers toen?"): "hoeveel procent is dat?" may mean either
    measure_before: str | None = None


@dataclass(frozen=True)
class Context:
    """The conversation state carried to the next turn of one user in one chat.

    `query` is the last question as it was answered (years resolved); `pending` is a question
    that got "Bedoelde je ...?", so that choosing an option answers it.
    """

    intent: str | None = None
    query: Query | None = None
    pending: Query | None = None
    options: tuple[Option, ...] = ()  # the options offered with the last reply
    chain: Chain = field(default_factory=Chain)
    table: Table | None = None  # the last table, for "als csv"
    # "in juni, sorry, juli": the question before the correction, in the same message (a reply
    # says no "zoals in je vorige vraag" of it)
    same_message: bool = False
    # "Ik heb vragen over nieuwe oproepers.": what the next question is about, read with it
    topic: str = ""


@dataclass
class Answer:
    """The reply to one question."""

    text: str
    answered: bool
    intent: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)  # for ask --json: what it was about
    source: str | None = None
    options: tuple[Option, ...] = ()
    table: Table | None = None
    table_text: str = ""  # the table as monospace text, laid out when the table was made
    csv: bool = False  # the table is asked as a CSV file ("als csv"): the edges send it as one
    after_table: str = ""  # what follows the table (its source line), never above it
    chart: ChartRequest | None = None
    context: Context = field(default_factory=Context)

    def to_json(self) -> dict[str, Any]:
        """The fields of the `ask --json` contract."""
        return {
            "reply": self.full_text(),
            "answered": self.answered,
            "intent": self.intent,
            "slots": self.slots,
            "source": self.source,
        }

    def full_text(self) -> str:
        """The reply as plain text, with the table (if any) below it."""
        if not self.table_text:
            return self.text
        tail = f"\n{self.after_table}" if self.after_table else ""
        return f"{self.text}\n\n{self.table_text}{tail}"
