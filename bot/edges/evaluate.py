"""`hulplijnbot eval`: how well the bot understands.

- `eval CASES.jsonl` answers every case (the format of the shared dev set) and reports the pass
  rate overall and per tag, the wrong answers (a figure given, not the expected one) and the
  failures with question and reply. The rules of judging are those of the shared scorer.
- `eval --intents` is leave-one-example-out over intents/: every example is matched against all
  the others, as `rasa test nlu` does, and the report gives accuracy per intent and the
  confusions, so a maintainer sees which intents need more or clearer examples.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bot.edges.batch import answer_turns
from bot.engine import Engine

YEARS = range(2012, 2027)
NAME_NUMBERS = {"1712", "1813", "808", "466"}
_THOUSANDS = re.compile(r"(?<![\d.,])([1-9]\d{0,2}(?:([.,])\d{3})(?:\2\d{3})*)(?![\d]|[.,]\d)")
_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})(?![\d])")
_FULL_HOUR = re.compile(r"(?<!\d)(\d{1,2})[:uh]00(?!\d)")


def _canon(token: str) -> str:
    if "." in token:
        whole, frac = token.split(".", 1)
        frac = frac.rstrip("0")
        whole = whole.lstrip("0") or "0"
        return f"{whole}.{frac}" if frac else whole
    return token.lstrip("0") or "0"


def numbers_in(text: str) -> set[str]:
    """Digit-written numbers, read as the shared scorer reads them (38.000 → 38000)."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _DATE.sub(lambda m: f"{m.group(1)} {m.group(3)} {m.group(4)}", t)
    t = _FULL_HOUR.sub(r"\1", t)
    t = _THOUSANDS.sub(lambda m: re.sub(r"[.,]", "", m.group(1)), t)
    t = re.sub(r"(\d),(\d)", r"\1.\2", t).replace("%", " ")
    return {_canon(m.group(0)) for m in re.finditer(r"\d+(?:\.\d+)?", t)}


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(c for c in t if not unicodedata.combining(c))


def judge(case: dict[str, Any], reply: str, answered: bool) -> tuple[bool, bool, str]:
    """(passed, wrong_answer, reason) for one case."""
    expect = case["expect"]
    if not reply.strip():
        return False, False, "empty reply"
    if not expect["answered"]:
        return (not answered), False, "" if not answered else "answered an unanswerable case"
    have = numbers_in(reply)
    missing = [n for n in (_canon(str(x)) for x in expect.get("numbers", [])) if n not in have]
    squash = lambda s: re.sub(r"[\W_]+", "", s)  # noqa: E731
    absent = [
        w
        for w in expect.get("mention", [])
        if _fold(w) not in _fold(reply) and squash(_fold(w)) not in squash(_fold(reply))
    ]
    problems = []
    if not answered:
        problems.append("marked not answered")
    if missing:
        problems.append("missing numbers " + ", ".join(missing))
    if absent:
        problems.append("missing words " + ", ".join(absent))
    asked: set[str] = set(NAME_NUMBERS)
    for turn in case["turns"]:
        asked |= numbers_in(turn)
    keep_years = any(x.isdigit() and int(x) in YEARS for x in expect.get("numbers", []))
    data = {n for n in have - asked if keep_years or not (n.isdigit() and int(n) in YEARS)}
    wrong = bool(missing) and bool(data)
    return not problems, wrong, "; ".join(problems)


def case_report(engine: Engine, path: Path) -> int:
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    per_tag: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[tuple[dict[str, Any], str, str]] = []
    wrong = 0
    passed = 0
    for case in cases:
        result = answer_turns(engine, case["turns"])
        ok, is_wrong, why = judge(case, result.full_text(), result.answered)
        passed += ok
        wrong += is_wrong
        for tag in case.get("tags", []):
            per_tag[tag][0] += ok
            per_tag[tag][1] += 1
        if not ok:
            failures.append((case, why, result.full_text()))
    print(f"cases: {len(cases)}")
    print("per tag:")
    for tag, (p, n) in sorted(per_tag.items()):
        print(f"  {tag:<20} {p:>4}/{n:<4} {p / n:6.1%}")
    rate = passed / len(cases) if cases else 0.0
    print(f"OVERALL: {passed}/{len(cases)} = {rate:.1%}")
    print(f"WRONG ANSWERS (a figure given, not the expected one): {wrong}")
    print(f"FAILURES: {len(failures)}")
    for case, why, reply in failures:
        print(f"- {case['id']}: {' | '.join(case['turns'])[:200]}")
        print(f"    {why}")
        print(f"    reply: {' '.join(reply.split())[:300]}")
    return 0


def intent_report(engine: Engine) -> int:
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
