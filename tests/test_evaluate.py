"""One judge: `hulplijnbot eval` judges every reply exactly as the shared scorer does, lists the
wrong figures first, and fails on a bad path with one line instead of a traceback."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import REPO, Figures
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cli import run

from bot.edges import evaluate
from bot.edges.batch import answer_turns
from bot.edges.evaluate import Case, Verdict, judge, number_tokens
from bot.engine import Engine

CASE_FILES = sorted((REPO / "tests" / "cases").glob("*.jsonl"))


def shared_scorer() -> ModuleType | None:
    """../shared/eval/score.py beside the clone (or beside the folder of git worktrees)."""
    for folder in REPO.parents:
        path = folder / "shared" / "eval" / "score.py"
        if path.is_file():
            spec = importlib.util.spec_from_file_location("shared_score", path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return None


SCORER = shared_scorer()
needs_scorer = pytest.mark.skipif(SCORER is None, reason="no ../shared/eval/score.py beside this clone")


def raw_cases() -> Iterator[dict[str, Any]]:
    """Every case of tests/cases/ and of the shared dev set, as JSON objects."""
    files = [*CASE_FILES]
    if SCORER is not None:
        files.append(Path(SCORER.__file__).parent / "dev.jsonl")
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def shared_verdict(case: dict[str, Any], reply: str, answered: bool | None) -> Verdict:
    """The shared scorer's judgement, in our type."""
    assert SCORER is not None
    rep: dict[str, Any] = {"id": case["id"], "reply": reply}
    if answered is not None:
        rep["answered"] = answered
    passed, reason, wrong = SCORER.judge(case, rep)
    return Verdict(passed, wrong, reason)


# -- the rules, without the shared scorer ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("38.000 views", {"38000"}),
        ("38,000 views", {"38000"}),
        ("april 43 123", {"43", "123", "43123"}),  # a table row: the parts and the whole
        ("open van 14:00 tot 21u00", {"14", "21"}),
        ("op 21.09.2020", {"21", "9", "2020"}),
        ("gemiddeld 48,9 of 34%", {"48.9", "34"}),
        ("09 en 22.00", {"9", "22"}),
        ("geen cijfer", set()),
    ],
)
def test_number_tokens(text: str, tokens: set[str]) -> None:
    assert number_tokens(text) == tokens


def case(answered: bool, numbers: tuple[str, ...] = (), turn: str = "hoeveel in mei 2020?") -> Case:
    return Case(id="x", turns=(turn,), answered=answered, numbers=numbers)


@pytest.mark.parametrize(
    ("the_case", "reply", "answered", "verdict"),
    [
        (case(True, ("100",)), "In mei 2020: 100.", True, Verdict(True)),
        (case(True, ("1",)), "Dat was één keer.", True, Verdict(True)),  # a number word counts
        (case(True, ("100",)), "In mei 2020: 89.", True, Verdict(False, True, "missing numbers: 100")),
        # the figure of the question's own year is no answer, and no wrong figure
        (case(True, ("100",)), "Mei 2020.", True, Verdict(False, False, "missing numbers: 100")),
        (case(True, ("100",)), " ", True, Verdict(False, False, "empty reply")),
        (case(False), "Daar heb ik geen cijfers over.", False, Verdict(True)),
        (case(False), "In oktober 2020: 70.", False, Verdict(True)),  # answered:false is believed
        # a figure stated where the source has none is a wrong figure
        (case(False), "In oktober: 70.", True, Verdict(False, True, "answered:true on unanswerable case")),
        (
            case(False),
            "Sorry, in 2020 niet.",
            True,
            Verdict(False, False, "answered:true on unanswerable case"),
        ),
        (
            case(False),
            "Geen cijfer; wel 65 in september.",
            None,
            Verdict(False, True, "data-looking numbers in refusal: 65"),
        ),
    ],
)
def test_judge(the_case: Case, reply: str, answered: bool | None, verdict: Verdict) -> None:
    assert judge(the_case, reply, answered) == verdict


# -- both judges agree ----------------------------------------------------------------------------


def variants(item: dict[str, Any], engine: Engine) -> Iterator[tuple[str, bool | None]]:
    """Replies a bot could give to one case: its own, and rewritings of the expected figures."""
    answer = answer_turns(engine, list(item["turns"]))
    for flag in (answer.answered, not answer.answered, None):
        yield answer.full_text(), flag
    numbers = [str(n) for n in item["expect"].get("numbers", [])]
    plain = [evaluate.expected_token(n) for n in numbers]
    for text in (
        " en ".join(numbers),
        " en ".join(plain),
        " en ".join(f"{n} 000" for n in plain),  # space-grouped thousands
        " en ".join(f"{n}%" for n in plain),
        " ".join(f"{n}1" for n in plain) or "42",  # a figure, not the expected one
        "Geen cijfers; wel " + (" ".join(plain) or "65") + " in 2019 en op 21.09.2020 om 14u00.",
        "één keer, twintig, honderd",
        "",
    ):
        for flag in (True, False, None):
            yield text, flag


@needs_scorer
def test_both_judges_agree_on_every_case_and_many_replies(engine: Engine) -> None:
    compared = 0
    for item in raw_cases():
        ours = Case.from_json(item)
        for reply, flag in variants(item, engine):
            assert judge(ours, reply, flag) == shared_verdict(item, reply, flag), (item["id"], reply, flag)
            compared += 1
    assert compared > 10_000


FRAGMENTS = st.sampled_from(
    [
        "38.000",
        "38,000",
        "38 000",
        "49,5",
        "34%",
        "14:00",
        "9u00",
        "21/09/2020",
        "2019",
        "2031",
        "808",
        "1712",
        "één keer",
        "een keer",
        "twintig",
        "geen",
        "nul",
        "Jamie-Lee",
        "april",
        "mei",
        "09",
        "22.00",
        ",",
        ".",
        "-",
    ]
)
TEXTS = st.lists(st.one_of(FRAGMENTS, st.integers(0, 5000).map(str)), max_size=8).map(" ".join)


@needs_scorer
@settings(max_examples=400, deadline=None)
@given(
    turn=TEXTS,
    reply=TEXTS,
    answered=st.booleans(),
    flag=st.sampled_from([True, False, None]),
    numbers=st.lists(st.one_of(FRAGMENTS, st.integers(0, 5000).map(str)), max_size=3),
    mention=st.lists(st.sampled_from(["april", "jamie", "Lee", "één"]), max_size=2),
)
def test_both_judges_agree_on_generated_text(
    turn: str, reply: str, answered: bool, flag: bool | None, numbers: list[str], mention: list[str]
) -> None:
    item = {
        "id": "g",
        "turns": [turn],
        "expect": {"answered": answered, "numbers": numbers, "mention": mention},
    }
    assert judge(Case.from_json(item), reply, flag) == shared_verdict(item, reply, flag)


@pytest.mark.slow
@needs_scorer
@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_eval_counts_what_the_shared_scorer_counts(path: Path, tmp_path: Path) -> None:
    """`ask --jsonl` scored by score.py gives the row `eval --table` prints."""
    replies = run(["ask", "--jsonl"], path.read_text(encoding="utf-8")).stdout
    (tmp_path / "replies.jsonl").write_text(replies, encoding="utf-8")
    assert SCORER is not None
    scored = subprocess.run(
        [sys.executable, SCORER.__file__, str(path), str(tmp_path / "replies.jsonl"), "--quiet"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    overall = next(line for line in scored.splitlines() if line.startswith("OVERALL"))
    wrong = next(line for line in scored.splitlines() if line.startswith("WRONG ANSWERS"))
    row = run(["eval", "--table", str(path)]).stdout.splitlines()[2]
    _, name, cases, rate, wrong_figures, _ = row.split("|")
    assert name.strip() == path.name
    assert overall.endswith(f"/{cases.strip()} = {rate.strip()}")
    assert wrong.endswith(f": {wrong_figures.strip()}")


# -- the command ----------------------------------------------------------------------------------


def write_cases(path: Path, cases: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    return path


def test_eval_lists_wrong_figures_first(figures: Figures, tmp_path: Path) -> None:
    may = "hoeveel gesprekken in mei 2020?"
    value = figures.value("gesprekken", 2020, 5)
    cases = write_cases(
        tmp_path / "c.jsonl",
        [
            {"id": "right", "turns": [may], "expect": {"answered": True, "numbers": [str(value)]}},
            {
                "id": "unworded",
                "turns": [may],
                "expect": {"answered": True, "numbers": [str(value)], "mention": ["xyzzy"]},
            },
            {"id": "other-figure", "turns": [may], "expect": {"answered": True, "numbers": [str(value + 1)]}},
            {"id": "no-such-figure", "turns": [may], "expect": {"answered": False}},
        ],
    )
    done = run(["eval", str(cases)])
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "OVERALL: 1/4 = 25.0%" in out
    wrong_at, other_at = out.index("WRONG FIGURES"), out.index("OTHER FAILURES")
    assert "WRONG FIGURES (a figure given, not the expected one or where none exists): 2" in out
    assert wrong_at < out.index("- other-figure") < out.index("- no-such-figure") < other_at
    assert "OTHER FAILURES: 1" in out and other_at < out.index("- unworded")
    assert "- right" not in out


def test_eval_table_prints_a_row_per_set(figures: Figures, tmp_path: Path) -> None:
    value = figures.value("gesprekken", 2020, 5)
    good = {
        "id": "a",
        "turns": ["hoeveel gesprekken in mei 2020?"],
        "expect": {"answered": True, "numbers": [str(value)]},
    }
    bad = {"id": "b", "turns": ["hoeveel gesprekken in mei 2020?"], "expect": {"answered": False}}
    one = write_cases(tmp_path / "een.jsonl", [good, good])
    two = write_cases(tmp_path / "twee.jsonl", [good, bad, "kapot"])  # type: ignore[list-item]
    done = run(["eval", "--table", str(one), str(two)])
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "| set | cases | pass rate | wrong figures |",
        "| --- | --- | --- | --- |",
        "| een.jsonl | 2 | 100.0% | 0 |",
        "| twee.jsonl | 2 | 50.0% | 1 |",
    ]
    assert "twee.jsonl:3 overgeslagen" in done.stderr  # the malformed line, skipped as score.py does


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "bestaat niet"),
        ("", "bevat geen evaluatiegevallen"),
        ("\n{kapot\n", "bevat geen evaluatiegevallen"),
        (b"\xff\xfe", "kan"),  # not UTF-8
    ],
)
def test_eval_of_a_bad_file_is_one_line_and_exit_2(
    tmp_path: Path, content: str | bytes | None, message: str
) -> None:
    path = tmp_path / "cases.jsonl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    done = run(["eval", str(path)])
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if not line.startswith("waarschuwing")]
    assert len(lines) == 1 and lines[0].startswith("hulplijnbot: ") and message in lines[0], done.stderr
