"""The `hulplijnbot` command as a subprocess: the exact contract of `ask`, `ask --json`,
`ask --jsonl`, `chat` (piped) and `eval --intents`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import DB, REPO, Figures

from bot.engine import Engine
from bot.model import Answer, Context

JSON_KEYS = {"reply", "answered", "intent", "slots", "source"}
TIMEOUT = 60


def command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m bot`."""
    script = Path(sys.executable).parent / "hulplijnbot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def run(args: Sequence[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HULPLIJNBOT_DB": str(DB), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*command(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        cwd=REPO,
        env=env,
        check=False,
    )


def last_turn(engine: Engine, turns: Sequence[str]) -> Answer:
    context: Context | None = None
    answer = engine.answer("", None)
    for turn in turns:
        answer = engine.answer(turn, context)
        context = answer.context
    return answer


# -- ask -------------------------------------------------------------------------------------


def test_ask_prints_the_reply(engine: Engine, figures: Figures) -> None:
    done = run(["ask", "hoeveel gesprekken in mei 2020?"])
    assert done.returncode == 0, done.stderr
    expected = engine.answer("hoeveel gesprekken in mei 2020?").full_text()
    assert done.stdout == expected + "\n"
    assert figures.has(done.stdout, figures.value("gesprekken", 2020, 5))


def test_ask_refusal_prints_the_refusal(engine: Engine) -> None:
    done = run(["ask", "hoeveel", "gesprekken", "in", "2018?"])  # unquoted words: one question
    assert done.returncode == 0
    assert done.stdout == engine.answer("hoeveel gesprekken in 2018?").full_text() + "\n"


# -- ask --json --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answered", "has_intent"),
    [
        ("hoeveel gesprekken in mei 2020?", True, True),
        ("😀", False, False),  # nothing understood: intent is null
    ],
)
def test_ask_json_is_one_object(engine: Engine, question: str, answered: bool, has_intent: bool) -> None:
    done = run(["ask", "--json", question])
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    payload: dict[str, Any] = json.loads(lines[0])
    assert set(payload) == JSON_KEYS
    assert payload["answered"] is answered  # a JSON boolean, not "true" or 1
    assert (payload["intent"] is not None) is has_intent
    if not has_intent:
        assert '"intent": null' in lines[0]
    assert isinstance(payload["slots"], dict)
    assert isinstance(payload["reply"], str) and payload["reply"].strip()
    expected = engine.answer(question)
    assert payload["reply"] == expected.full_text()
    assert payload["intent"] == expected.intent
    assert payload["source"] == expected.source
    if answered:
        assert "808" in payload["source"]
        assert payload["slots"].get("metric") == "gesprekken"
    else:
        assert payload["source"] is None or isinstance(payload["source"], str)


# -- ask --jsonl -------------------------------------------------------------------------------


def jsonl(cases: Sequence[Any]) -> str:
    return "".join((c if isinstance(c, str) else json.dumps(c, ensure_ascii=False)) + "\n" for c in cases)


def test_ask_jsonl_contract(engine: Engine, figures: Figures) -> None:
    cases: list[Any] = [
        {"id": "a", "turns": ["hoeveel gesprekken in mei 2020?", "en in juni?"]},
        {"id": 2, "turns": ["en in juni?"]},  # a fresh conversation: nothing to follow up
        "dit is geen json",
        {"id": "c", "turns": ["hoeveel nieuwe oproepers in maart 2019?"]},
        {"id": "d", "turns": []},
        ["geen", "object"],
        {"id": "f", "turns": ["hoeveel gesprekken in mei 2020?", 5]},
        {"id": "g"},
        {
            "id": "h",
            "turns": [
                "hoeveel gesprekken in mei 2019?",
                "en een jaar later?",
                "en hoeveel nieuwe oproepers?",
            ],
        },
        {"id": "é 🎉", "turns": ["hoeveel bezoekers in april 2020?"]},
    ]
    done = run(["ask", "--jsonl"], jsonl(cases))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(cases), done.stdout  # one line per input line, nothing else
    out = [json.loads(line) for line in lines]
    for item in out:
        assert set(item) == JSON_KEYS | {"id"}
        assert isinstance(item["answered"], bool)
        assert isinstance(item["reply"], str) and item["reply"].strip()
    ids = [c.get("id") if isinstance(c, dict) else None for c in cases]
    assert [o["id"] for o in out] == ids  # in order, with the id

    by_id = {o["id"]: o for o in out if o["id"] is not None}
    # the LAST turn is answered, with the earlier turns as its context
    a = by_id["a"]
    assert a["answered"] is True
    assert a["reply"] == last_turn(engine, cases[0]["turns"]).full_text()
    assert figures.has(a["reply"], figures.value("gesprekken", 2020, 6))
    # each line is a fresh conversation
    assert by_id[2]["answered"] is False
    assert not figures.has(by_id[2]["reply"], figures.value("gesprekken", 2020, 6))
    assert by_id["c"]["answered"] is True
    assert figures.has(by_id["c"]["reply"], figures.value("nieuwe_oproepers", 2019, 3))
    h = by_id["h"]
    assert h["answered"] is True
    assert figures.has(h["reply"], figures.value("nieuwe_oproepers", 2020, 5))
    assert by_id["é 🎉"]["answered"] is True
    # malformed lines: an error reply, answered false, and the run goes on
    for index in (2, 4, 5, 6, 7):
        bad = out[index]
        assert bad["answered"] is False and bad["intent"] is None and bad["source"] is None


def test_ask_jsonl_many_lines_in_order() -> None:
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september"]
    cases = [{"id": i, "turns": [f"hoeveel gesprekken in {m} 2020?"]} for i, m in enumerate(months * 3)]
    done = run(["ask", "--jsonl"], jsonl(cases))
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == list(range(len(cases)))
    assert all(o["answered"] is True for o in out)
    for case, o in zip(cases, out, strict=True):
        month = case["turns"][0].split()[3]
        assert f"{month} 2020" in o["reply"]


# -- chat ------------------------------------------------------------------------------------


def test_chat_reads_piped_lines_and_follows_up(engine: Engine, figures: Figures) -> None:
    done = run(["chat"], "hoeveel gesprekken in mei 2020?\nen in juni?\nen in 2019?\n")
    assert done.returncode == 0, done.stderr
    for year, month in ((2020, 5), (2020, 6), (2019, 6)):
        assert figures.has(done.stdout, figures.value("gesprekken", year, month)), done.stdout
        assert f"{figures.month_name(month)} {year}" in done.stdout
    turns = ["hoeveel gesprekken in mei 2020?", "en in juni?", "en in 2019?"]
    assert last_turn(engine, turns).full_text() in done.stdout


def test_chat_stops_at_stop(figures: Figures) -> None:
    done = run(["chat"], "hoeveel gesprekken in mei 2020?\nstop\nhoeveel gesprekken in juni 2020?\n")
    assert done.returncode == 0
    assert figures.has(done.stdout, figures.value("gesprekken", 2020, 5))
    assert "juni 2020" not in done.stdout


def test_chat_numbered_choice(engine: Engine) -> None:
    first = engine.answer("hoeveel oproepers")
    assert first.options, first.text
    chosen = engine.choose(first.options[0].intent, first.context)
    done = run(["chat"], "hoeveel oproepers\n1\n")
    assert done.returncode == 0
    assert "1. " + first.options[0].label in done.stdout
    assert chosen.full_text() in done.stdout


# -- eval --intents ----------------------------------------------------------------------------


def test_eval_intents_runs(engine: Engine) -> None:
    done = run(["eval", "--intents"])
    assert done.returncode == 0, done.stderr
    for name in engine.specs:
        assert name in done.stdout
    assert "%" in done.stdout
