"""`hulplijnbot ask --jsonl`: one JSON line in, one JSON line out, in order.

Each input line is {"id": ..., "turns": ["vraag", "vervolgvraag", ...]}; the turns share one
conversation, every line starts a fresh one, and the output line answers the LAST turn. A
malformed line gets an error reply with answered false; the run goes on.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from bot.engine import Engine
from bot.model import Answer, Context

MALFORMED = 'Deze invoerregel kon ik niet lezen: verwacht {"id": ..., "turns": ["vraag", ...]}.'


def answer_turns(engine: Engine, turns: list[str]) -> Answer:
    """The answer to the last turn, with the earlier turns as its conversation."""
    context: Context | None = None
    result = Answer(text="Er was geen vraag.", answered=False)
    for turn in turns:
        result = engine.answer(turn, context)
        context = result.context
    return result


def answer_line(engine: Engine, line: str) -> dict[str, Any]:
    """The output object of one input line: the fields of `ask --json` plus `id`."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError:
        item = None
    if not isinstance(item, dict):
        return {
            "id": None,
            "reply": MALFORMED,
            "answered": False,
            "intent": None,
            "slots": {},
            "source": None,
        }
    turns = item.get("turns")
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns):
        return {
            "id": item.get("id"),
            "reply": MALFORMED,
            "answered": False,
            "intent": None,
            "slots": {},
            "source": None,
        }
    return {"id": item.get("id"), **answer_turns(engine, turns).to_json()}


def answer_jsonl(engine: Engine, stdin: TextIO, stdout: TextIO) -> None:
    """Answer every line of stdin on stdout, one JSON line each, flushed as it is written."""
    for line in stdin:  # a blank line is a line too: it gets its error reply
        stdout.write(json.dumps(answer_line(engine, line), ensure_ascii=False) + "\n")
        stdout.flush()
