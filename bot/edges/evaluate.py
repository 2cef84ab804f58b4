"""`hulplijnbot eval`: how well the bot understands, judged by the rules of the shared scorer.

- `eval CASES.jsonl` answers every case (the format of the shared dev set), judges each reply
  exactly as `../shared/eval/score.py` judges the `ask --jsonl` reply (the same number
  extraction, the same answered:false heuristic, the same definition of a wrong figure), and
  reports the pass rate overall and per tag, then the cases with a wrong figure, then the other
  failing cases, each with question and reply.
- `eval --table SET.jsonl ...` prints one Markdown row per set (cases, pass rate, wrong
  figures): the rows of the README's evaluation table.
- `eval --intents` is leave-one-example-out over intents/: every example is matched against all
  the others, as `rasa test nlu` does, and the report gives accuracy per intent and the
  confusions, so a maintainer sees which intents need more or clearer examples.

The judge is a copy of the shared scorer's rules, not an import: the scorer lives outside the
package. tests/test_evaluate.py runs both judges over the same replies and asserts that they
agree case by case.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.edges.batch import answer_turns
from bot.engine import Engine
from bot.errors import HulplijnbotError

YEAR_MIN, YEAR_MAX = 2012, 2026
# Numbers that are names, not figures: the helplines 1712 and 1813, and the written questions
# 808 and 466 that a reply may cite as its source.
NAME_NUMBERS = frozenset({"1712", "1813", "808", "466"})

_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})(?![\d])")
_THOUSANDS = re.compile(r"(?<![\d.,])([1-9]\d{0,2}(?:([.,])\d{3})(?:\2\d{3})*)(?![\d]|[.,]\d)")
_SPACE_THOUSANDS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?: \d{3})+(?![\d]|[.,]\d)")
_DECIMAL_COMMA = re.compile(r"(\d),(\d)")
_FULL_HOUR = re.compile(r"(?<!\d)(\d{1,2})[:uh]00(?!\d)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NOT_WORD = re.compile(r"[\W_]+")

_WORDS = {
    "nul": 0,
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    "honderd": 100,
}
_WORD_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?!\w)")
_ONE_PHRASE = re.compile(r"(?<!\w)(een|één) (uur|keer|persoon|doorverwijzing)(?!\w)")


class CasesUnreadable(HulplijnbotError):
    """An evaluation file is missing, unreadable, or holds no case."""


# -- number extraction, as in the shared scorer ---------------------------------------------------


def canon(token: str) -> str:
    """Canonical form of a plain number token ("09" → "9", "22.00" → "22")."""
    if "." in token:
        whole, frac = token.split(".", 1)
        frac = frac.rstrip("0")
        whole = whole.lstrip("0") or "0"
        return f"{whole}.{frac}" if frac else whole
    return token.lstrip("0") or "0"


def number_tokens(text: str) -> set[str]:
    """Digit-written numbers in a text, read as the shared scorer reads them (38.000 → 38000)."""
    t = unicodedata.normalize("NFKC", text)
    t = _DATE.sub(lambda m: f"{m.group(1)} {m.group(3)} {m.group(4)}", t)
    t = _FULL_HOUR.sub(r"\1", t)
    t = _THOUSANDS.sub(lambda m: re.sub(r"[.,]", "", m.group(1)), t)
    # "april 43 123" in a table must still give 43 and 123, so grouped thousands add the whole.
    merged = {canon(m.group(0).replace(" ", "")) for m in _SPACE_THOUSANDS.finditer(t)}
    t = _DECIMAL_COMMA.sub(r"\1.\2", t).replace("%", " ")
    return {canon(m.group(0)) for m in _NUMBER.finditer(t)} | merged


def expected_token(written: str) -> str:
    """An expected number as a case writes it ("38.000", "49,5") in the form replies give."""
    found = number_tokens(written)
    return max(found, key=len) if found else canon(written)


def word_number_tokens(text: str) -> set[str]:
    """Numbers written as Dutch words; they count only towards an answered case."""
    t = unicodedata.normalize("NFC", text.lower())
    found = {str(_WORDS[m.group(1)]) for m in _WORD_RE.finditer(t)}
    if _ONE_PHRASE.search(t):
        found.add("1")
    return found


def fold(text: str) -> str:
    """Lower case, accents stripped."""
    t = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in t if not unicodedata.combining(c))


def mention_found(word: str, reply: str) -> bool:
    """Whether a word the case expects occurs in the reply (also with spaces and hyphens gone)."""
    w, r = fold(word), fold(reply)
    return w in r or _NOT_WORD.sub("", w) in _NOT_WORD.sub("", r)


def is_year(token: str) -> bool:
    """Whether a number token reads as a year the data could be about."""
    return token.isdigit() and YEAR_MIN <= int(token) <= YEAR_MAX


def data_numbers(reply: str, turns: Sequence[str], keep_years: bool = False) -> set[str]:
    """Digit tokens of the reply that are not years, names, or taken from the question."""
    asked = set(NAME_NUMBERS)
    for turn in turns:
        asked |= number_tokens(turn)
    return {x for x in number_tokens(reply) - asked if keep_years or not is_year(x)}


# -- cases and verdicts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One evaluation case; the expectation concerns the reply to the last turn."""

    id: str
    turns: tuple[str, ...]
    answered: bool
    numbers: tuple[str, ...] = ()
    mention: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, item: Any) -> Case:
        """The case of one parsed JSON line; ValueError says what is missing."""
        if not isinstance(item, dict) or "id" not in item:
            raise ValueError("geen id")
        turns, expect = item.get("turns"), item.get("expect")
        if not isinstance(turns, list) or not all(isinstance(t, str) for t in turns):
            raise ValueError(f"case {item['id']}: turns is geen lijst van teksten")
        if not isinstance(expect, dict) or not isinstance(expect.get("answered"), bool):
            raise ValueError(f"case {item['id']}: expect.answered ontbreekt")
        return cls(
            id=str(item["id"]),
            turns=tuple(turns),
            answered=expect["answered"],
            numbers=tuple(str(x) for x in expect.get("numbers", [])),
            mention=tuple(str(x) for x in expect.get("mention", [])),
            tags=tuple(str(x) for x in item.get("tags", [])),
        )


@dataclass(frozen=True)
class Verdict:
    """The judgement of one reply: passed, a wrong figure, and why it failed."""

    passed: bool
    wrong: bool = False  # a figure stated that is not the expected one, or where none exists
    reason: str = ""


def judge(case: Case, reply: str, answered: bool | None) -> Verdict:
    """Judge one reply by the shared scorer's rules (`answered` None: the reply did not say)."""
    if not reply.strip():
        return Verdict(False, reason="empty reply")
    if not case.answered:
        leaked = data_numbers(reply, case.turns)
        if answered is False:
            return Verdict(True)
        if answered is True:  # a figure stated where the source holds none is a wrong figure
            return Verdict(False, bool(leaked), "answered:true on unanswerable case")
        if leaked:
            return Verdict(False, True, "data-looking numbers in refusal: " + ", ".join(sorted(leaked)))
        return Verdict(True)
    expected = [expected_token(x) for x in case.numbers]
    have = number_tokens(reply) | word_number_tokens(reply)
    missing = [x for x in expected if x not in have]
    absent = [w for w in case.mention if not mention_found(w, reply)]
    problems = []
    if answered is False:
        problems.append("reply marked answered:false")
    if missing:
        problems.append("missing numbers: " + ", ".join(missing))
    if absent:
        problems.append("missing words: " + ", ".join(absent))
    if not problems:
        return Verdict(True)
    keep_years = any(is_year(x) for x in expected)
    wrong = bool(missing) and bool(data_numbers(reply, case.turns, keep_years))
    return Verdict(False, wrong, "; ".join(problems))


def load_cases(path: Path) -> tuple[list[Case], list[str]]:
    """The cases of a JSONL file and a warning per skipped line, as the shared scorer reads them."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise CasesUnreadable(f"{path} bestaat niet") from None
    except (OSError, UnicodeDecodeError) as ex:
        raise CasesUnreadable(f"kan {path} niet lezen: {ex}") from None
    cases: list[Case] = []
    warnings: list[str] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            cases.append(Case.from_json(json.loads(line)))
        except ValueError as ex:  # json.JSONDecodeError is a ValueError too
            warnings.append(f"waarschuwing: {path}:{number} overgeslagen: {ex}")
    if not cases:
        raise CasesUnreadable(f"{path} bevat geen evaluatiegevallen")
    return cases, warnings


@dataclass(frozen=True)
class Outcome:
    """One case with the bot's reply and its verdict."""

    case: Case
    reply: str
    verdict: Verdict


def run_cases(engine: Engine, cases: Iterable[Case]) -> list[Outcome]:
    """Answer every case as `ask --jsonl` does (a fresh conversation each) and judge the reply."""
    outcomes = []
    for case in cases:
        result = answer_turns(engine, list(case.turns))
        reply = result.full_text()
        outcomes.append(Outcome(case, reply, judge(case, reply, result.answered)))
    return outcomes


# -- reports ---------------------------------------------------------------------------------------


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _expected(case: Case) -> str:
    if not case.answered:
        return "answered:false"
    return f"numbers={list(case.numbers)}" + (f" mention={list(case.mention)}" if case.mention else "")


def case_report(engine: Engine, cases: Sequence[Case]) -> int:
    """Print the pass rate overall and per tag, the wrong figures, then the other failures."""
    outcomes = run_cases(engine, cases)
    per_tag: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        bucket = "(answered:true)" if o.case.answered else "(answered:false)"
        for tag in (*o.case.tags, bucket):
            per_tag[tag][0] += o.verdict.passed
            per_tag[tag][1] += 1
    passed = sum(o.verdict.passed for o in outcomes)
    print(f"cases: {len(outcomes)}")
    print("per tag:")
    for tag in sorted(per_tag, key=lambda t: (t.startswith("("), t)):
        p, n = per_tag[tag]
        print(f"  {tag:<20} {p:>4}/{n:<4} {p / n:6.1%}")
    print(f"OVERALL: {passed}/{len(outcomes)} = {passed / len(outcomes):.1%}")
    wrong = [o for o in outcomes if o.verdict.wrong]
    other = [o for o in outcomes if not o.verdict.passed and not o.verdict.wrong]
    print(f"WRONG FIGURES (a figure given, not the expected one or where none exists): {len(wrong)}")
    _print_outcomes(wrong)
    print(f"OTHER FAILURES: {len(other)}")
    _print_outcomes(other)
    return 0


def _print_outcomes(outcomes: Sequence[Outcome]) -> None:
    for o in outcomes:
        print(f"- {o.case.id} [{', '.join(o.case.tags)}]: {_short(' | '.join(o.case.turns), 200)}")
        print(f"    expected {_expected(o.case)}; {o.verdict.reason}")
        print(f"    reply: {_short(o.reply)}")


def table_report(engine: Engine, sets: Sequence[tuple[str, Sequence[Case]]]) -> int:
    """Print the README's evaluation table: one Markdown row per named set of cases."""
    print("| set | cases | pass rate | wrong figures |")
    print("| --- | --- | --- | --- |")
    for name, cases in sets:
        outcomes = run_cases(engine, cases)
        passed = sum(o.verdict.passed for o in outcomes)
        wrong = sum(o.verdict.wrong for o in outcomes)
        print(f"| {name} | {len(outcomes)} | {passed / len(outcomes):.1%} | {wrong} |")
    return 0


def intent_report(engine: Engine) -> int:
    """Print leave-one-example-out accuracy per intent and the confusions."""
    matcher = engine.matcher
    examples = matcher.examples
    confusions: Counter[tuple[str, str]] = Counter()
    per_intent: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[tuple[str, str, str, float]] = []
    for index, (intent, example, masked) in enumerate(examples):
        ranked = matcher.rank(masked, exclude=index)
        top = ranked[0].intent if ranked else "(geen)"
        score = ranked[0].score if ranked else 0.0
        per_intent[intent][1] += 1
        if top == intent:
            per_intent[intent][0] += 1
        else:
            confusions[(intent, top)] += 1
            misses.append((intent, top, example, score))
    total = sum(n for _, n in per_intent.values())
    correct = sum(c for c, _ in per_intent.values())
    print(
        f"leave-one-example-out over {total} examples in {len(per_intent)} intents: "
        f"{correct}/{total} = {correct / total:.1%}"
    )
    for intent, (c, n) in sorted(per_intent.items()):
        print(f"  {intent:<16} {c:>3}/{n:<3} {c / n:6.1%}")
    if confusions:
        print("confusions (intent → matched instead: count):")
        for (intent, top), count in confusions.most_common():
            print(f"  {intent} → {top}: {count}")
        print("examples matched to another intent:")
        for intent, top, example, score in misses:
            print(f"  [{intent} → {top} {score:.0f}] {example}")
    return 0
