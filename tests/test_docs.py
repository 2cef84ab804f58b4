"""The README stays true: every subcommand, flag and setting it has is documented there, and
its two first commands are the ones CI relies on."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.edges.cli import build_parser
from bot.edges.telegram.settings import VARIABLES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sorted(actions[0].choices.items()))


def flags() -> list[tuple[str, str]]:
    return [
        (command, option)
        for command, sub in subparsers().items()
        for action in sub._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]


@pytest.mark.parametrize("command", subparsers())
def test_every_subcommand_is_in_the_readme(command: str) -> None:
    assert f"hulplijnbot {command}" in README


@pytest.mark.parametrize(("command", "flag"), flags())
def test_every_flag_is_in_the_readme(command: str, flag: str) -> None:
    if flag == "--db":  # one sentence covers every subcommand
        assert "Every subcommand takes `--db PATH`" in README
        return
    lines = [line for line in README.splitlines() if f"hulplijnbot {command}" in line]
    assert any(flag in line for line in lines), f"`hulplijnbot {command} {flag}` is not in the README"


@pytest.mark.parametrize("name", [v.name for v in VARIABLES] + ["HULPLIJNBOT_DB", "HULPLIJNBOT_CACHE_DIR"])
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert f"`{name}`" in README


def test_the_readme_opens_with_the_two_commands() -> None:
    blocks = README.split("```")
    assert "hulplijnbot chat" in blocks[1]  # the main job, no token needed
    assert "[" not in blocks[1]  # a plain install draws charts: no extra to remember
    assert "pytest" in blocks[3] and '".[test]"' in blocks[3]  # the tests, as in .ci/run
    assert '-m "not slow"' in README  # the quick loop
