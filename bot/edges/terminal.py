"""`hulplijnbot chat`: the same bot as a conversation in the terminal.

With a terminal: line editing and history (prompt_toolkit; history kept in
~/.hulplijnbot_history). Without one (a pipe): plain lines in, replies out, so the chat can be
scripted. The conversation context carries from one question to the next, as in Telegram, until
"/nieuw" or "nieuwe vraag" starts a fresh conversation. Charts are written as PNG files (into
the user's cache folder unless --chart-dir says otherwise) and their paths printed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from bot.data.resources import cache_dir
from bot.engine import Engine
from bot.errors import HulplijnbotError
from bot.model import Answer, Context

WELCOME = (
    "hulplijnbot: stel je vraag over de cijfers van de chat Nupraatikerover.be. "
    "Typ '/nieuw' voor een nieuw gesprek, 'stop' of Ctrl-D om te stoppen."
)
FRESH_START = "Oké, een nieuw gesprek. Stel je vraag."
STOP_WORDS = frozenset({"stop", "exit", "quit", "q", "doei", ":q"})
HISTORY_FILE = Path.home() / ".hulplijnbot_history"
# "/nieuw" or "nieuwe vraag", alone or before the question itself ("nieuwe vraag: hoeveel ...").
_FRESH = re.compile(
    r"^\s*(?:/nieuw|nieuwe\s+vraag)(?![\w-])[\s:,.!?-]*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL
)


def default_chart_dir() -> Path:
    """Where `chat` draws charts without --chart-dir: the charts folder of the user's cache."""
    return cache_dir() / "charts"


def fresh_start(text: str) -> str | None:
    """The question after "/nieuw" or "nieuwe vraag" ("" when none), or None if it is not there."""
    match = _FRESH.match(text)
    return match.group("rest").strip() if match else None


def _tty_lines() -> Iterator[str]:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    try:
        history: FileHistory | InMemoryHistory = FileHistory(str(HISTORY_FILE))
    except OSError:
        history = InMemoryHistory()
    session: PromptSession[str] = PromptSession(history=history)
    while True:
        try:
            yield session.prompt("vraag> ")
        except KeyboardInterrupt:
            continue  # Ctrl-C clears the line, as in a shell
        except EOFError:
            return


def _plain_lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\n")


def render(answer: Answer, chart_path: Path | None = None) -> str:
    """The reply as the terminal shows it: text, numbered options, the chart's path."""
    lines = [answer.full_text()]
    if answer.options:
        lines += [f"  {i}. {option.label}" for i, option in enumerate(answer.options, 1)]
        lines.append("  (typ het nummer van je keuze)")
    if chart_path is not None:
        lines.append(f"[grafiek: {chart_path}]")
    return "\n".join(lines)


def run_chat(
    engine: Engine,
    chart_dir: str | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    lines: Callable[[], Iterator[str]] | None = None,
) -> int:
    """Answer line after line until stop or end of input; the context carries between turns."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = lines is None and stdin.isatty() and stdout.isatty()
    source = lines() if lines else (_tty_lines() if interactive else _plain_lines(stdin))
    charts = Path(chart_dir) if chart_dir else default_chart_dir()
    print(WELCOME, file=stdout)
    context: Context | None = None
    last: Answer | None = None
    for line in source:
        text = line.strip()
        if text.lower() in STOP_WORDS:
            break
        question = fresh_start(text)
        if question is not None:
            context, last, text = None, None, question
            if not text:
                print(FRESH_START, file=stdout, end="\n\n", flush=True)
                continue
        if not text:
            continue
        if last is not None and last.options and text.isdigit() and 1 <= int(text) <= len(last.options):
            result = engine.choose(last.options[int(text) - 1].intent, context)
        else:
            result = engine.answer(text, context)
        context = result.context
        last = result
        chart_path, problem = None, None
        if result.chart is not None:
            from bot.present.charts import write_chart

            try:
                chart_path = write_chart(engine.store, result.chart, charts)
            except (HulplijnbotError, OSError) as ex:  # the reply still stands without its chart
                problem = f"(grafiek niet getekend: {ex})"
        print(render(result, chart_path), file=stdout)
        if problem:
            print(problem, file=stdout)
        print(file=stdout)
        stdout.flush()
    return 0
