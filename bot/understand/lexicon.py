"""The language the understanding mechanisms work with, loaded from declarative files.

`intents/lexicon.toml` holds the language (months, weekdays, cue words, colloquial words);
the database holds the domain entities (metrics, helplines, categories) with their aliases, so
that a new source brings its own words without a code change.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bot.data import names
from bot.data.store import Store
from bot.errors import IntentFileError


@dataclass(frozen=True)
class Entity:
    """A thing users name in many ways: a metric, a helpline or a category."""

    kind: str  # "metric" | "helpline" | "category"
    key: str
    label: str
    aliases: tuple[str, ...]
    weak_aliases: tuple[str, ...] = ()
    dimension: str | None = None  # for categories: problematiek, onderwerp, leeftijd, geslacht


@dataclass
class Lexicon:
    """The language of the understanding stage: intents/lexicon.toml and the data's entities."""

    months: dict[str, int]
    month_names: list[str]
    periods: dict[str, list[list[int]] | list[int]]
    weekdays: dict[str, int]
    weekday_names: list[str]
    day_parts: dict[str, tuple[int, int]]
    number_words: dict[str, int]
    ordinals: dict[str, int]
    relative_years: dict[str, int]
    year_shifts: dict[str, int]
    aggregations: list[tuple[str, re.Pattern[str]]]
    followup_starts: list[str]
    added: list[str]  # "en samen met augustus?": a month added to those asked before
    after_then: re.Pattern[str]  # "en daarna?": after the end of what the answer before named
    until_then: list[str]  # "cumulatief tot dan": from the start up to the month asked before
    premise_cues: list[str]
    premise_not_before: list[str]  # "gelijk aan" is no "heeft ze gelijk?"
    heard_on: list[str]
    anaphora: list[str]
    strong_anaphora: list[str]
    anaphora_then: dict[
        str, list[str]
    ]  # then, clause_starts, then_after_het, dan_after, before_measure, month, year, helpline, quarter
    fabrication_cues: list[str]
    ratio_cues: list[str]
    division: re.Pattern[str]
    fresh_starts: list[str]
    fresh_lead: list[str]
    fresh_dropped: frozenset[str]
    measures_compared: dict[str, list[str]]  # against, than, comparatives, between
    precision_units: list[str]
    precision_whole: list[str]
    injection_cues: list[str]
    colloquial: dict[str, str]
    stopwords: frozenset[str]
    known_words: frozenset[str]
    unsupported_breakdowns: list[tuple[re.Pattern[str], str]]
    unsupported_measures: list[tuple[re.Pattern[str], str]]
    dimension_words: dict[str, str]
    month_shifts: dict[str, int]
    all_months: list[str]
    all_years: list[str]
    all_helplines: list[str]
    rest: list[str]
    equal: list[str]
    name_question: frozenset[str]  # words and phrases of a question that asks for a name
    names_asked: re.Pattern[str]  # "de namen van ...": names asked, never a count
    age_dimension: str | None  # the dimension of "tussen 12 en 18 jaar"
    conversions: dict[str, tuple[str, int]]  # unit asked → (fact unit, factor)
    unexplained: frozenset[str]
    exact: re.Pattern[str]  # "het exacte aantal": no bound ("meer dan 330") answers it
    week_shifts: dict[str, int]
    rank_positions: list[tuple[re.Pattern[str], int]]
    # "de grootste stijging": year_on_year, month_on_month (what a month is measured against), up, down
    change_ranking: dict[str, re.Pattern[str]]
    ranking_order: dict[str, re.Pattern[str]]  # descending, ascending, months
    entities: list[Entity] = field(default_factory=list)
    vague_periods: list[re.Pattern[str]] = field(default_factory=list)
    vague_within_months: tuple[str, ...] = ()  # how a vague period that is part of a month starts
    neutral: frozenset[str] = frozenset()  # words that never change what a question asks
    meaningful: frozenset[str] = frozenset()  # small words that do ("niet", "geen", "zonder")
    restricting: frozenset[str] = frozenset()  # "enkel", "alleen": used by the part right after
    # "via", "dankzij": what follows is a cause ("via de vlog"), which no count of a week states
    attributing: frozenset[str] = frozenset()
    causes: frozenset[str] = frozenset()  # "post", "influencers": what a count may be attributed to
    approximate: frozenset[str] = frozenset()  # "ongeveer", "zowat": a claim that holds near enough
    # words that may follow a negation inside an alias ("niet meer te woord gestaan")
    alias_fillers: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    name_positions: frozenset[str] = frozenset()  # words after which a month name is expected
    amount_positions: frozenset[str] = frozenset()  # words after which a number is an amount
    homophones: dict[str, str] = field(default_factory=dict)  # "mij" → "mei" before a year
    unit_words: dict[str, str] = field(default_factory=dict)  # "uren" → "uur", for facts' units
    unit_names: dict[str, str] = field(default_factory=dict)  # "bereik" → "views": asks that figure
    claim_words: frozenset[str] = frozenset()  # "slechts", "ruim": around a claimed figure
    quoted_not_after: frozenset[str] = frozenset()  # "meer dan 40": a value compared, no figure quoted
    activity_words: frozenset[str] = frozenset()  # "gechat": the activity, never a filter
    foreign_words: frozenset[str] = frozenset()  # English words: a question in another language
    commands: dict[str, re.Pattern[str]] = field(default_factory=dict)  # "csv", "fresh", "yes"

    @cached_property
    def alias_words(self) -> frozenset[str]:
        """Every word of every entity's aliases and label (lower case)."""
        return frozenset(
            w
            for e in self.entities
            for alias in (*e.aliases, *e.weak_aliases, e.label)
            for w in re.findall(r"[a-z0-9]+", alias.lower())
        )

    def entities_of(self, kind: str) -> list[Entity]:
        """The entities of one kind: metric, helpline or category."""
        return [e for e in self.entities if e.kind == kind]

    def label(self, kind: str, key: str) -> str:
        """An entity's label (its key when unknown)."""
        for e in self.entities:
            if e.kind == kind and e.key == key:
                return e.label
        return key


def _split(aliases: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (aliases or "").split("|") if a.strip())


def load_lexicon(path: Path, store: Store) -> Lexicon:
    """Read lexicon.toml and the entity tables of the database."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as ex:
        raise IntentFileError(f"{path}: {ex}") from None
    months = {w: int(n) for n, words in raw["months"].items() for w in words}
    weekdays = {w: int(n) for n, words in raw["weekdays"].items() for w in words}
    aggregations = [
        (name, re.compile(pattern)) for name, patterns in raw["aggregations"].items() for pattern in patterns
    ]
    entities = [
        # a metric's label and its singular are names of it too ("oproepers in de wachtrij die
        # niet meer te woord gestaan konden worden")
        Entity(
            "metric",
            r["metric"],
            r["label"],
            tuple(dict.fromkeys([*_split(r["aliases"]), r["label"].lower(), r["label_singular"].lower()])),
            _split(r["weak_aliases"]),
        )
        for r in names.metrics(store)
    ]
    entities += [
        Entity("helpline", r["helpline"], r["label"], (*_split(r["aliases"]), r["label"].lower()))
        for r in names.helplines(store)
    ]
    entities += [
        Entity("category", r["category"], r["label"], _split(r["aliases"]), dimension=r["dimension"])
        for r in names.categories(store)
    ]
    return Lexicon(
        months=months,
        month_names=list(raw["month_names"]["names"]),
        periods=dict(raw["periods"]),
        weekdays=weekdays,
        weekday_names=list(raw["weekday_names"]["names"]),
        day_parts={k: (int(v[0]), int(v[1])) for k, v in raw["day_parts"].items()},
        number_words={k: int(v) for k, v in raw["number_words"].items()},
        ordinals={k: int(v) for k, v in raw["ordinals"].items()},
        relative_years={k: int(v) for k, v in raw["relative_years"].items()},
        year_shifts={k: int(v) for k, v in raw["year_shifts"].items()},
        aggregations=aggregations,
        followup_starts=sorted(raw["followup"]["starts"], key=len, reverse=True),
        after_then=_phrases(raw["followup"]["after_then"]),
        until_then=raw["followup"]["until_then"],
        added=raw["followup"]["added"],
        premise_cues=list(raw["premise"]["cues"]),
        premise_not_before=list(raw["premise"].get("not_before", [])),
        heard_on=list(raw["premise"].get("heard_on", [])),
        anaphora=list(raw.get("anaphora", {}).get("words", [])),
        strong_anaphora=list(raw.get("anaphora", {}).get("strong", [])),
        anaphora_then={
            k: list(raw["anaphora"][k])
            for k in (
                "then",
                "clause_starts",
                "then_after_het",
                "dan_after",
                "dan_not_after",
                "before_measure",
                "month",
                "year",
                "helpline",
                "quarter",
                "months",
                "months_counted",
                "day",
            )
        },
        fabrication_cues=list(raw["fabrication"]["cues"]),
        ratio_cues=list(raw["ratio"]["cues"]),
        division=re.compile(rf"(?<![\w])(?:{raw['ratio']['division']})(?![\w])"),
        fresh_starts=sorted(raw["fresh"]["starts"], key=len, reverse=True),
        fresh_lead=list(raw["fresh"].get("lead", [])),
        fresh_dropped=frozenset(raw["fresh"].get("dropped", [])),
        measures_compared={k: list(v) for k, v in raw["measures_compared"].items()},
        precision_units=list(raw["precision"]["units"]),
        precision_whole=list(raw["precision"].get("whole", [])),
        injection_cues=list(raw["fabrication"]["injection"]),
        colloquial=dict(raw["colloquial"]),
        stopwords=frozenset(raw["stopwords"]["words"]),
        known_words=frozenset(raw.get("known_words", {}).get("words", [])),
        unsupported_breakdowns=[
            (re.compile(rf"(?<![\w]){k}"), v) for k, v in raw.get("unsupported_breakdowns", {}).items()
        ],
        dimension_words={w: d for d, words in raw.get("dimension_words", {}).items() for w in words},
        unsupported_measures=[
            (re.compile(rf"(?<![\w]){k}(?![\w])"), v) for k, v in raw.get("unsupported_measures", {}).items()
        ],
        month_shifts={k: int(v) for k, v in raw.get("month_shifts", {}).items()},
        all_months=list(raw.get("all_months", {}).get("phrases", [])),
        all_years=list(raw.get("all_years", {}).get("phrases", [])),
        all_helplines=list(raw.get("all_helplines", {}).get("phrases", [])),
        rest=list(raw.get("rest", {}).get("phrases", [])),
        equal=list(raw.get("equal", {}).get("words", [])),
        name_question=frozenset(raw.get("name_question", {}).get("words", [])),
        names_asked=_phrases(raw.get("name_question", {}).get("names_asked", [])),
        age_dimension=raw.get("age_dimension", {}).get("dimension"),
        conversions={k: (str(v["from"]), int(v["factor"])) for k, v in raw.get("conversions", {}).items()},
        unexplained=frozenset(raw.get("unexplained", {}).get("words", [])),
        exact=_phrases(raw["exact"]["words"]),
        week_shifts={k: int(v) for k, v in raw.get("week_shifts", {}).items()},
        rank_positions=[
            (re.compile(rf"(?<![\w]){k}"), int(v)) for k, v in raw.get("rank_positions", {}).items()
        ],
        change_ranking={
            k: re.compile(rf"(?<![\w])(?:{'|'.join(v)})(?![\w])")
            for k, v in raw.get("change_ranking", {}).items()
        },
        ranking_order={
            k: re.compile(rf"(?<![\w])(?:{'|'.join(map(re.escape, v))})(?![\w])")
            for k, v in raw.get("ranking_order", {}).items()
        },
        entities=entities,
        vague_within_months=tuple(raw.get("vague_periods", {}).get("within_months", [])),
        vague_periods=[
            re.compile(rf"(?<![\w]){p}(?![\w])") for p in raw.get("vague_periods", {}).get("patterns", [])
        ],
        neutral=frozenset(raw.get("neutral", {}).get("words", [])),
        meaningful=frozenset(raw.get("meaningful", {}).get("words", [])),
        restricting=frozenset(raw.get("restricting", {}).get("words", [])),
        attributing=frozenset(raw.get("attributing", {}).get("words", [])),
        causes=frozenset(raw.get("attributing", {}).get("causes", [])),
        approximate=frozenset(raw.get("approximate", {}).get("words", [])),
        alias_fillers=(
            tuple(raw.get("alias_fillers", {}).get("after", [])),
            tuple(raw.get("alias_fillers", {}).get("words", [])),
        ),
        name_positions=frozenset(raw.get("name_positions", {}).get("words", [])),
        amount_positions=frozenset(raw.get("name_positions", {}).get("amounts", [])),
        homophones=dict(raw.get("name_positions", {}).get("homophones", {})),
        unit_words=dict(raw.get("unit_words", {})),
        unit_names=dict(raw.get("unit_names", {})),
        claim_words=frozenset(raw.get("claim_words", {}).get("words", [])),
        quoted_not_after=frozenset(raw.get("quoted", {}).get("not_after", [])),
        activity_words=frozenset(raw.get("activity_words", {}).get("words", [])),
        foreign_words=frozenset(raw.get("foreign_words", {}).get("words", [])),
        commands={k: re.compile(v, re.IGNORECASE) for k, v in raw.get("commands", {}).items()},
    )


def _phrases(phrases: list[str]) -> re.Pattern[str]:
    """Any of the phrases as whole words (a pattern that matches nothing when there are none)."""
    if not phrases:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![\w])(?:{'|'.join(map(re.escape, phrases))})(?![\w])")
