"""The engine's caches (understood questions, query results, the warm-up) change speed only:
the same question gets the same answer, cold or warm."""

from __future__ import annotations

import pytest

from bot.engine import Engine

QUESTIONS = [
    "hoeveel gesprekken in mei 2020?",
    "welke hulplijn verwees het meest door?",
    "gemiddeld aantal nieuwe oproepers per maand in 2019",
    "wanneer is de chat open?",
    "hoeveel procent gaat over seksueel misbruik?",
    "gesprekken oktober 2020",
]


@pytest.fixture(scope="module")
def cold_answers() -> list[str]:
    engine = Engine.open()
    try:
        return [engine.answer(q).full_text() for q in QUESTIONS]
    finally:
        engine.close()


def test_warm_up_asks_questions_and_changes_no_answer(cold_answers: list[str]) -> None:
    engine = Engine.open()
    try:
        assert engine.warm_up() > len(engine.specs)  # every intent, and figures per month
        assert [engine.answer(q).full_text() for q in QUESTIONS] == cold_answers
    finally:
        engine.close()


def test_a_repeated_question_is_understood_once_and_answered_the_same(cold_answers: list[str]) -> None:
    engine = Engine.open()
    try:
        first = [engine.answer(q).full_text() for q in QUESTIONS]
        understood = engine.understand(QUESTIONS[0])
        assert engine.understand(QUESTIONS[0]) is understood  # remembered, not redone
        assert [engine.answer(q).full_text() for q in QUESTIONS] == first == cold_answers
    finally:
        engine.close()
