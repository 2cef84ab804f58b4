"""No wrong figure on the held-out sets in tests/cases (and the shared development set, where it
is at hand): every case answered as `ask --jsonl` answers it, judged by the project's one judge
(the shared scorer's rules). A wrong figure is a figure for another question, or a figure where
the source holds none: the worst answer this product can give."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASE_SETS

from bot.edges.evaluate import Case, judge
from bot.model import Answer


@pytest.mark.parametrize("path", CASE_SETS, ids=[p.name for p in CASE_SETS])
def test_no_wrong_figure(answered_sets: dict[Path, list[tuple[Case, Answer]]], path: Path) -> None:
    judged = [
        (case, answer, judge(case, answer.full_text(), answer.answered))
        for case, answer in answered_sets[path]
    ]
    wrong = [(case, answer) for case, answer, verdict in judged if verdict.wrong]
    assert judged and wrong == [], "\n".join(
        f"{case.id}: {' | '.join(case.turns)} -> {answer.full_text()[:200]}" for case, answer in wrong
    )
