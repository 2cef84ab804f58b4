"""The README stays true: every subcommand and every setting it has is documented there, and
its two first commands are the ones CI relies on."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.edges.cli import build_parser
from bot.edges.telegram.settings import VARIABLES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def subcommands() -> list[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


@pytest.mark.parametrize("command", subcommands())
def test_every_subcommand_is_in_the_readme(command: str) -> None:
    assert f"hulplijnbot {command}" in README


@pytest.mark.parametrize("name", [v.name for v in VARIABLES] + ["HULPLIJNBOT_DB", "HULPLIJNBOT_CACHE_DIR"])
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert f"`{name}`" in README


def test_the_readme_opens_with_the_two_commands() -> None:
    blocks = README.split("```")
    assert "hulplijnbot chat" in blocks[1]  # the main job, no token needed
    assert "pytest" in blocks[3] and '".[test]"' in blocks[3]  # the tests, as in .ci/run
