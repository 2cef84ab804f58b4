"""The Dutch of the replies, over every reply to the held-out and development questions and a
set of generated ones: a capital after a full stop, a noun in the number of its figure (never
"1 gesprekken"), no template placeholder left, the source line last and never glued to a list,
and at most one caveat line per source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.edges.evaluate import Case
from bot.engine import Engine
from bot.model import Answer

EXTRA = [
    "hoeveel doorverwijzingen kwamen er van 1813 in maart 2020?",
    "welke maanden van 2020 hadden meer dan 120 gesprekken?",
    "hoeveel doorverwijzingen meer had awel dan 1813?",
    "hoeveel meer gesprekken in april dan in maart 2020?",
    "welke hulplijn verwees het minst door?",
    "geef de doorverwijzingen per maand van 1813",
    "tabel van de doorverwijzingen",
]
# Abbreviations after which a lower-case word follows a full stop.
ABBREVIATIONS = re.compile(r"(?:\b\w|\bnr|\bbv|\bo\.a|\bvzw|\bca|\bjan|\bfeb|\bsept?|\bokt|\bnov|\bdec)\.$")
# A figure of 1 with a plural noun of ours: "1 gesprekken", "1 doorverwijzingen".
PLURAL_AFTER_ONE = re.compile(
    r"(?<![\d.,])1 (?:chatgesprekken|gesprekken|doorverwijzingen|oproepers|bezoekers|jongeren|maanden|"
    r"hulplijnen|views|influencers|keren)\b"
)


@pytest.fixture(scope="module")
def replies(engine: Engine, answered_sets: dict[Path, list[tuple[Case, Answer]]]) -> list[tuple[str, Answer]]:
    """Every held-out and development reply, and those to the generated questions."""
    out = [(" | ".join(case.turns), answer) for cases in answered_sets.values() for case, answer in cases]
    return out + [(question, engine.answer(question)) for question in EXTRA]


def test_a_capital_after_a_full_stop(replies: list[tuple[str, Answer]]) -> None:
    bad = []
    for question, answer in replies:
        for m in re.finditer(r"(\S+) ([a-zà-ÿ])", answer.full_text()):
            before = m.group(1)
            if before.endswith(".") and not ABBREVIATIONS.search(before):
                bad.append(f"{question!r}: …{answer.full_text()[max(0, m.start() - 40) : m.end() + 20]}…")
    assert bad == []


def test_a_figure_of_one_has_a_singular_noun(replies: list[tuple[str, Answer]]) -> None:
    bad = [f"{q!r}: {a.text}" for q, a in replies if PLURAL_AFTER_ONE.search(a.full_text())]
    assert bad == []


def test_no_placeholder_is_left(replies: list[tuple[str, Answer]]) -> None:
    bad = [
        f"{q!r}: {a.text}"
        for q, a in replies
        if re.search(r"\{[a-z_]+\}|\bx(?:metriek|periode)\b", a.full_text())
    ]
    assert bad == []


def test_the_source_comes_last_on_a_line_of_its_own(replies: list[tuple[str, Answer]]) -> None:
    for question, answer in replies:
        text = answer.full_text()
        if "Bron:" not in text:
            continue
        head, _, tail = text.rpartition("Bron:")
        assert head.endswith("\n"), f"{question!r}: {text}"
        assert "\n" not in tail.strip(), f"{question!r}: {text}"


def test_no_note_is_glued_to_a_list(replies: list[tuple[str, Answer]]) -> None:
    bad = [
        f"{q!r}: {a.text}"
        for q, a in replies
        if re.search(r"^- .+: [\d.,]+%? (?:Let op|Bijgesteld|\(Zoals)", a.full_text(), re.MULTILINE)
    ]
    assert bad == []


def test_at_most_one_caveat_line_per_reply_and_source(replies: list[tuple[str, Answer]]) -> None:
    for question, answer in replies:
        # one source in the data today: at most one "Let op:" per answered part (a message with
        # two questions has a line each), and never the same caveat twice
        lines = answer.full_text().split("\n")
        assert all(line.count("Let op:") <= 1 for line in lines), f"{question!r}: {answer.text}"
        caveats = [line.split("Let op:", 1)[1] for line in lines if "Let op:" in line]
        assert len(caveats) == len(set(caveats)), f"{question!r}: {answer.text}"


def test_every_sentence_the_code_names_is_in_texts_toml() -> None:
    # a key missing from intents/texts.toml would be a KeyError on some rare path, in front of a user
    import tomllib

    from conftest import REPO

    with open(REPO / "intents" / "texts.toml", "rb") as f:
        known = set(tomllib.load(f)["texts"])
    named = {
        m.group(2)
        for path in (REPO / "bot").rglob("*.py")
        for m in re.finditer(
            r'\b(texts|texts\.table|sentence|t)\("([a-z_0-9]+)"', path.read_text(encoding="utf-8")
        )
    }
    assert len(named) >= 40  # the pattern finds the calls
    assert named - known == set()
