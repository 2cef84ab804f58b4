"""The `hulplijnbot` command as a subprocess: the exact contract of `ask`, `ask --json`,
`ask --jsonl`, `ask --csv-dir`, a question piped into `ask`, flags that contradict each other,
`chat` (piped, with its charts and `/nieuw`) and `eval --intents`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import DB, REPO, Figures

from bot.data import resources
from bot.edges.cli import ask, build_parser, main
from bot.edges.terminal import FRESH_START, default_chart_dir, fresh_start, render, run_chat
from bot.engine import Engine
from bot.model import Answer, Context, Table
from bot.present.csv import file_name, render_csv

JSON_KEYS = {"reply", "answered", "intent", "slots", "source"}
TIMEOUT = 60


def command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m bot`."""
    script = Path(sys.executable).parent / "hulplijnbot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def run(
    args: Sequence[str], stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HULPLIJNBOT_DB": str(DB), "PYTHONIOENCODING": "utf-8", **(env or {})}
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


# -- ask: a piped question, flags that contradict each other, --csv-dir ------------------------


def test_ask_reads_the_question_from_a_pipe(engine: Engine) -> None:
    done = run(["ask"], "hoeveel gesprekken\nin mei 2020?\n")  # lines of one question
    assert done.returncode == 0, done.stderr
    assert done.stdout == engine.answer("hoeveel gesprekken in mei 2020?").full_text() + "\n"
    as_json = run(["ask", "--json"], "hoeveel gesprekken in mei 2020?\n")
    assert json.loads(as_json.stdout)["reply"] == engine.answer("hoeveel gesprekken in mei 2020?").full_text()


def test_ask_with_nothing_to_answer_is_a_usage_error() -> None:
    done = run(["ask"], " \n\n")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "hulplijnbot ask: error: geef een vraag" in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "--json", "--jsonl", "x"],
        ["ask", "--json", "--jsonl"],
        ["ask", "--jsonl", "hoeveel gesprekken?"],  # --jsonl reads its questions from stdin
        ["ask", "--jsonl", "--chart-dir", "grafieken"],
        ["ask", "--jsonl", "--csv-dir", "tabellen"],
        ["eval"],
        ["eval", "--intents", "cases.jsonl"],
        ["eval", "--intents", "--table", "cases.jsonl"],
        ["eval", "een.jsonl", "twee.jsonl"],  # several sets only with --table
        ["eval", "--table"],
    ],
)
def test_contradicting_flags_are_a_usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("usage: hulplijnbot ") and f"hulplijnbot {argv[0]}: error: " in err


def test_contradicting_flags_as_a_command() -> None:
    done = run(["ask", "--json", "--jsonl", "x"])
    assert done.returncode == 2 and done.stdout == ""
    assert "not allowed with argument" in done.stderr and "Traceback" not in done.stderr


TABLE = Table(
    title="Chatgesprekken, per maand.",
    header=("Maand", "2020"),
    rows=(("mei", 100),),
    footer=(("Gem./maand", Decimal("73.1")),),
    source="Bron: schriftelijke vraag nr. 808.",
)


class OneAnswer:
    """An engine that gives one prepared answer, whatever is asked."""

    def __init__(self, answer: Answer) -> None:
        self.answer_given = answer
        self.questions: list[str] = []

    def answer(self, question: str, context: Context | None = None) -> Answer:
        self.questions.append(question)
        return self.answer_given


def ask_in_process(argv: list[str], answer: Answer) -> tuple[str, OneAnswer]:
    engine = OneAnswer(answer)
    out = io.StringIO()
    assert ask(build_parser().parse_args(argv), engine, io.StringIO(""), out) == 0  # type: ignore[arg-type]
    return out.getvalue(), engine


def test_ask_csv_dir_writes_the_table_and_prints_its_path(tmp_path: Path) -> None:
    answer = Answer(text="Overzicht.", answered=True, table=TABLE)  # type: ignore[arg-type]
    out, engine = ask_in_process(["ask", "--csv-dir", str(tmp_path / "csv"), "tabel", "mei"], answer)
    path = tmp_path / "csv" / file_name(TABLE)
    assert out.splitlines()[-1] == str(path)
    assert path.read_bytes() == render_csv(TABLE)
    assert engine.questions == ["tabel mei"]
    as_json, _ = ask_in_process(["ask", "--json", "--csv-dir", str(tmp_path), "tabel"], answer)
    assert json.loads(as_json)["csv"] == str(tmp_path / file_name(TABLE))


def test_ask_csv_dir_without_a_table_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, _ = ask_in_process(["ask", "--csv-dir", str(tmp_path), "x"], Answer(text="Honderd.", answered=True))
    assert out == "Honderd.\n"
    assert list(tmp_path.iterdir()) == []
    assert "geen tabel" in capsys.readouterr().err


def test_ask_csv_dir_end_to_end(engine: Engine, tmp_path: Path) -> None:
    question = "tabel van de gesprekken in 2020"
    table = engine.answer(question).table
    if not isinstance(table, Table):
        pytest.skip("Answer.table is still text: the typed table answer has not landed yet")
    done = run(["ask", "--csv-dir", str(tmp_path), question])
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.splitlines()[-1])
    assert path.parent == tmp_path and path.read_bytes() == render_csv(table)


# -- chat: charts without --chart-dir, /nieuw --------------------------------------------------


def test_chat_draws_charts_into_the_cache_without_chart_dir(tmp_path: Path) -> None:
    done = run(["chat"], "grafiek gesprekken\n", env={"HULPLIJNBOT_CACHE_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("[grafiek: ")]
    path = Path(line.removeprefix("[grafiek: ").removesuffix("]"))
    assert path.parent == tmp_path / "charts"
    assert path.read_bytes().startswith(b"\x89PNG")


def test_chat_goes_on_when_a_chart_cannot_be_written(
    engine: Engine, figures: Figures, tmp_path: Path
) -> None:
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map", encoding="utf-8")  # the chart folder cannot be made
    out = io.StringIO()
    turns = ["grafiek gesprekken", "hoeveel gesprekken in mei 2020?"]
    assert run_chat(engine, chart_dir=str(blocked), stdout=out, lines=lambda: iter(turns)) == 0
    text = out.getvalue()
    assert engine.answer(turns[0]).full_text() in text
    assert "(grafiek niet getekend: " in text and "[grafiek: " not in text
    assert last_turn(engine, turns).full_text() in text.split("(grafiek niet getekend: ", 1)[1]  # went on


@pytest.mark.parametrize(
    ("env", "folder"),
    [
        ({"HULPLIJNBOT_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x"}, "/c/charts"),
        ({"XDG_CACHE_HOME": "/x"}, "/x/hulplijnbot/charts"),
        ({"HOME": "/h"}, "/h/.cache/hulplijnbot/charts"),
    ],
)
def test_default_chart_dir(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], folder: str) -> None:
    for name in ("HULPLIJNBOT_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_chart_dir() == Path(folder)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("/nieuw", ""),
        ("Nieuwe vraag", ""),
        ("nieuwe  vraag!", ""),
        ("/nieuw en in juni?", "en in juni?"),
        ("Nieuwe vraag: hoeveel gesprekken in mei?", "hoeveel gesprekken in mei?"),
        ("nieuwe vragen over de campagne", None),  # another word
        ("hoeveel nieuwe oproepers", None),
        ("/nieuwste cijfers", None),
    ],
)
def test_fresh_start(text: str, question: str | None) -> None:
    assert fresh_start(text) == question


@pytest.mark.parametrize("reset", ["/nieuw\n", "nieuwe vraag\n"])
def test_chat_nieuw_starts_a_fresh_conversation(engine: Engine, figures: Figures, reset: str) -> None:
    june = figures.value("gesprekken", 2020, 6)
    follow_up = run(["chat"], "hoeveel gesprekken in mei 2020?\nen in juni?\n")
    assert figures.has(follow_up.stdout, june)  # the follow-up works without the reset...
    done = run(["chat"], f"hoeveel gesprekken in mei 2020?\n{reset}en in juni?\n")
    assert done.returncode == 0, done.stderr
    assert FRESH_START in done.stdout
    assert not figures.has(done.stdout, june)  # ... and not after it
    assert done.stdout.rstrip().endswith(render(engine.answer("en in juni?")))


def test_chat_nieuw_with_the_question_on_the_same_line(engine: Engine, figures: Figures) -> None:
    done = run(["chat"], "hoeveel gesprekken in mei 2020?\nnieuwe vraag: en in juni?\n")
    assert FRESH_START not in done.stdout
    assert not figures.has(done.stdout, figures.value("gesprekken", 2020, 6))
    assert done.stdout.rstrip().endswith(render(engine.answer("en in juni?")))


# -- a pip-installed copy ----------------------------------------------------------------------


@pytest.fixture
def as_installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Resources found inside the package, as in a wheel; the working folder has no tests/."""
    inside = resources.PACKAGE_DIR / "_data" / "source"
    monkeypatch.setattr(resources, "source_dir", lambda: inside)
    bundled = tmp_path / "bundled.duckdb"  # should the guard fail, the clone's database is safe
    bundled.write_bytes(DB.read_bytes())
    monkeypatch.setattr(resources, "bundled_db_path", lambda: bundled)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_installed_eval_of_the_shipped_cases_says_where_they_are(
    as_installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "tests/cases/holdout.jsonl"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "horen bij de broncode" in err
    assert main(["eval", str(as_installed / "mijn.jsonl")]) == 2  # not a shipped set: no hint
    assert "broncode" not in capsys.readouterr().err


def test_eval_of_missing_cases_in_a_clone_has_no_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(REPO / "tests" / "cases" / "weg.jsonl")]) == 2
    assert "broncode" not in capsys.readouterr().err


def test_installed_build_db_needs_out(as_installed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["build-db"])
    assert exited.value.code == 2
    assert "geef --out PATH" in capsys.readouterr().err
    assert resources.bundled_db_path().read_bytes() == DB.read_bytes()
    source = REPO / "data" / "source"  # the wheel's own copy is not there in a clone
    assert main(["build-db", "--source", str(source), "--out", str(as_installed / "x.duckdb")]) == 0
    assert (as_installed / "x.duckdb").is_file()
