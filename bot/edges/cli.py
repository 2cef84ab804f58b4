"""The `hulplijnbot` command: argument parsing plus one library call per subcommand.

Imports of heavy modules (Telegram, plotting) happen inside the subcommand that needs them, so
`hulplijnbot ask` starts fast. Flags that contradict each other are a usage error (exit code 2),
found by argparse before anything is opened.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from bot.errors import HulplijnbotError

if TYPE_CHECKING:
    from bot.engine import Engine

EXIT_USAGE = 2
SHIPPED_WITH_SOURCE = (
    "de evaluatiesets (tests/cases/) horen bij de broncode en zitten niet in het geïnstalleerde "
    "pakket: draai eval in een clone van de repository, of geef het pad naar een eigen CASES.jsonl"
)


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", metavar="PATH", help="statistics database (default: $HULPLIJNBOT_DB, else the bundled one)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand; each subparser stores its own `usage_error`."""
    parser = argparse.ArgumentParser(
        prog="hulplijnbot",
        description="Beantwoordt Nederlandstalige vragen over hulplijncijfers, met bron.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build-db", help="build the DuckDB database from the CSV sources")
    _add_db(p)
    p.add_argument("--source", metavar="DIR", help="folder with the CSV sources and schema.toml")
    p.add_argument("--out", metavar="PATH", help="database to write (default: data/stats.duckdb)")
    p.set_defaults(usage_error=p.error)

    p = sub.add_parser("ask", help="answer one question (or JSON lines with --jsonl)")
    _add_db(p)
    p.add_argument("question", nargs="*", help="the question, in Dutch (default: read from a pipe)")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print one JSON object")
    form.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id":..., "turns":[...]} lines on stdin, write one JSON line each',
    )
    p.add_argument("--chart-dir", metavar="DIR", help="write a chart, when one is asked for, here")
    p.add_argument("--csv-dir", metavar="DIR", help="write a table, when one is asked for, here as CSV")
    p.set_defaults(usage_error=p.error)

    p = sub.add_parser("chat", help="a conversation with the bot in the terminal")
    _add_db(p)
    p.add_argument(
        "--chart-dir",
        metavar="DIR",
        help="write charts here (default: charts/ in $HULPLIJNBOT_CACHE_DIR, else ~/.cache/hulplijnbot)",
    )
    p.set_defaults(usage_error=p.error)

    p = sub.add_parser("eval", help="pass rate over evaluation cases, or intent accuracy")
    _add_db(p)
    p.add_argument("cases", nargs="*", metavar="CASES.jsonl", help="cases in the format of dev.jsonl")
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--intents",
        action="store_true",
        help="leave-one-example-out accuracy over intents/ with the confusions",
    )
    what.add_argument(
        "--table",
        action="store_true",
        help="one Markdown row per CASES file: cases, pass rate, wrong figures (the README table)",
    )
    p.set_defaults(usage_error=p.error)

    p = sub.add_parser("run", help="run the Telegram bot (long polling, or a webhook)")
    _add_db(p)
    p.add_argument("--webhook-url", metavar="URL", help="public URL Telegram posts updates to")
    p.add_argument("--listen", default="127.0.0.1", help="address the webhook server binds to")
    p.add_argument("--port", type=int, default=8443, help="port of the webhook server")
    p.add_argument(
        "--secret-token", metavar="TOKEN", help="webhook secret (default: $HULPLIJNBOT_WEBHOOK_SECRET)"
    )
    p.set_defaults(usage_error=p.error)
    return parser


def installed_copy() -> bool:
    """Whether this is a pip-installed copy (its data inside the package), not a clone."""
    from bot.data import resources

    return resources.source_dir().is_relative_to(resources.PACKAGE_DIR)


def _check(args: argparse.Namespace) -> None:
    """Combinations argparse cannot declare; each is a usage error (exit code 2)."""
    error: Callable[[str], NoReturn] = args.usage_error
    if args.command == "ask" and args.jsonl:
        if args.question:
            error("--jsonl leest de vragen van standaardinvoer: geef er geen vraag bij")
        if args.chart_dir or args.csv_dir:
            error("--jsonl schrijft alleen JSON-regels: --chart-dir en --csv-dir gaan er niet mee samen")
    if args.command == "eval":
        if args.intents and args.cases:
            error("--intents neemt geen CASES-bestand")
        if not args.intents and not args.cases:
            error("geef een CASES.jsonl-bestand, of --intents")
        if not args.table and len(args.cases) > 1:
            error("geef één CASES.jsonl-bestand (of --table voor een rij per bestand)")
    if args.command == "build-db" and not (args.out or args.db) and installed_copy():
        # The bundled database lives in site-packages: a rebuild there would change the
        # installed package in place, and the next upgrade would silently undo it.
        error(
            "in een geïnstalleerd pakket overschrijft build-db de meegeleverde database niet: geef --out PATH"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; errors the user can mend become one line on stderr, never a traceback."""
    args = build_parser().parse_args(argv)
    _check(args)
    try:
        return _dispatch(args)
    except HulplijnbotError as ex:
        print(f"hulplijnbot: {ex}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return 0


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "build-db":
        from bot.data.build import build_database
        from bot.data.resources import bundled_db_path, source_dir

        out = Path(args.out) if args.out else (Path(args.db) if args.db else bundled_db_path())
        summary = build_database(Path(args.source) if args.source else source_dir(), out)
        print(summary)
        return 0
    if args.command == "ask":
        return ask(args, _engine(args), sys.stdin, sys.stdout)
    if args.command == "chat":
        from bot.edges.terminal import run_chat

        return run_chat(_engine(args), chart_dir=args.chart_dir)
    if args.command == "eval":
        return _eval(args)
    if args.command == "run":
        from bot.edges.telegram.app import run_from_cli

        return run_from_cli(args)
    raise AssertionError(args.command)


def _engine(args: argparse.Namespace) -> Engine:
    from bot.engine import Engine

    return Engine.open(args.db)


def _eval(args: argparse.Namespace) -> int:
    from bot.edges import evaluate

    if args.intents:
        return evaluate.intent_report(_engine(args))
    # Every file is read before the engine opens: a wrong path fails at once.
    sets = []
    for name in args.cases:
        if "cases" in Path(name).parts and not Path(name).exists() and installed_copy():
            raise evaluate.CasesUnreadable(f"{name} bestaat niet; {SHIPPED_WITH_SOURCE}")
        cases, warnings = evaluate.load_cases(Path(name))
        for warning in warnings:
            print(warning, file=sys.stderr)
        sets.append((Path(name).name, cases))
    engine = _engine(args)
    if args.table:
        return evaluate.table_report(engine, sets)
    return evaluate.case_report(engine, sets[0][1])


def _question(args: argparse.Namespace, stdin: TextIO | None) -> str:
    """The question from the arguments, else from a pipe on standard input."""
    if args.question:
        return " ".join(args.question)
    # A terminal would wait for input the user does not know is wanted; an empty pipe gave none.
    piped = "" if stdin is None or stdin.isatty() else stdin.read()
    question = " ".join(line.strip() for line in piped.splitlines() if line.strip())
    if not question:
        error: Callable[[str], NoReturn] = args.usage_error
        error('geef een vraag: hulplijnbot ask "vraag", of echo "vraag" | hulplijnbot ask')
    return question


def ask(args: argparse.Namespace, engine: Engine, stdin: TextIO | None, stdout: TextIO) -> int:
    """`hulplijnbot ask`: the reply, then the paths of the chart and CSV files it wrote."""
    if args.jsonl:
        from bot.edges.batch import answer_jsonl

        if stdin is not None:
            answer_jsonl(engine, stdin, stdout)
        return 0
    result = engine.answer(_question(args, stdin))
    files: dict[str, Path] = {}
    if args.chart_dir and result.chart is not None:
        from bot.present.charts import write_chart

        files["chart"] = write_chart(engine.store, result.chart, Path(args.chart_dir))
    if args.csv_dir:
        from bot.model import Table

        if isinstance(result.table, Table):
            from bot.present.csv import write_csv

            files["csv"] = write_csv(result.table, Path(args.csv_dir))
        else:
            print("hulplijnbot: dit antwoord heeft geen tabel, dus geen CSV.", file=sys.stderr)
    if args.json:
        payload = result.to_json() | {key: str(path) for key, path in files.items()}
        print(json.dumps(payload, ensure_ascii=False), file=stdout)
    else:
        print(result.full_text(), file=stdout)
        for path in files.values():
            print(path, file=stdout)
    return 0
