"""No wrong figure on the held-out sets in tests/cases (and the shared development set, where it
is at hand): every case answered as `ask --jsonl` answers it, judged by the project's one judge
(the shared scorer's rules). A wrong figure is a figure for another question, or a figure where
the source holds none: the worst answer this product can give."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from bot.edges.evaluate import load_cases, run_cases
from bot.engine import Engine

SETS = sorted((REPO / "tests" / "cases").glob("*.jsonl"))
DEV = REPO.parent / "shared" / "eval" / "dev.jsonl"
if DEV.is_file():
    SETS.append(DEV)


@pytest.mark.parametrize("path", SETS, ids=[p.name for p in SETS])
def test_no_wrong_figure(engine: Engine, path: Path) -> None:
    cases, _ = load_cases(path)
    wrong = [o for o in run_cases(engine, cases) if o.verdict.wrong]
    assert wrong == [], "\n".join(
        f"{o.case.id}: {' | '.join(o.case.turns)} -> {o.reply[:200]}" for o in wrong
    )
