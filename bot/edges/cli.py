"""The `hulplijnbot` command: argument parsing plus one library call per subcommand.

Imports of heavy modules (Telegram, plotting) happen inside the subcommand that needs them, so
`hulplijnbot ask` starts fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.errors import HulplijnbotError

EXIT_USAGE = 2


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", metavar="PATH", help="statistics database (default: $HULPLIJNBOT_DB, else the bundled one)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hulplijnbot",
        description="Beantwoordt Nederlandstalige vragen over hulplijncijfers, met bron.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build-db", help="build the DuckDB database from the CSV sources")
    _add_db(p)
    p.add_argument("--source", metavar="DIR", help="folder with the CSV sources and schema.toml")
    p.add_argument("--out", metavar="PATH", help="database to write (default: data/stats.duckdb)")

    p = sub.add_parser("ask", help="answer one question (or JSON lines with --jsonl)")
    _add_db(p)
    p.add_argument("question", nargs="*", help="the question, in Dutch")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id":..., "turns":[...]} lines on stdin, write one JSON line each',
    )
    p.add_argument("--chart-dir", metavar="DIR", help="write a chart, when one is asked for, here")

    p = sub.add_parser("chat", help="a conversation with the bot in the terminal")
    _add_db(p)
    p.add_argument("--chart-dir", metavar="DIR", help="write charts here")

    p = sub.add_parser("eval", help="pass rate over evaluation cases, or intent accuracy")
    _add_db(p)
    p.add_argument("cases", nargs="?", help="cases in the format of dev.jsonl")
    p.add_argument(
        "--intents",
        action="store_true",
        help="leave-one-example-out accuracy over intents/ with the confusions",
    )

    p = sub.add_parser("run", help="run the Telegram bot (long polling, or a webhook)")
    _add_db(p)
    p.add_argument("--webhook-url", metavar="URL", help="public URL Telegram posts updates to")
    p.add_argument("--listen", default="127.0.0.1", help="address the webhook server binds to")
    p.add_argument("--port", type=int, default=8443, help="port of the webhook server")
    p.add_argument(
        "--secret-token", metavar="TOKEN", help="webhook secret (default: $HULPLIJNBOT_WEBHOOK_SECRET)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
        from bot.data.resources import build_target, source_dir

        out = build_target(args.out or args.db)
        summary = build_database(Path(args.source) if args.source else source_dir(), out)
        print(summary)
        return 0
    if args.command == "ask":
        return _ask(args)
    if args.command == "chat":
        from bot.edges.terminal import run_chat

        return run_chat(_engine(args), chart_dir=args.chart_dir)
    if args.command == "eval":
        from bot.edges import evaluate

        engine = _engine(args)
        if args.intents:
            return evaluate.intent_report(engine)
        if not args.cases:
            print("hulplijnbot eval: give a CASES.jsonl file, or --intents", file=sys.stderr)
            return EXIT_USAGE
        return evaluate.case_report(engine, Path(args.cases))
    if args.command == "run":
        from bot.edges.telegram.app import run_from_cli

        return run_from_cli(args)
    raise AssertionError(args.command)


def _engine(args: argparse.Namespace) -> Any:
    from bot.engine import Engine

    return Engine.open(args.db)


def _ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if args.jsonl:
        from bot.edges.batch import answer_jsonl

        answer_jsonl(engine, sys.stdin, sys.stdout)
        return 0
    question = " ".join(args.question)
    result = engine.answer(question)
    chart_path = None
    if args.chart_dir and result.chart is not None:
        from bot.present.charts import write_chart

        chart_path = write_chart(engine.store, result.chart, Path(args.chart_dir))
    if args.json:
        payload = result.to_json()
        if chart_path is not None:
            payload["chart"] = str(chart_path)
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print(result.full_text())
        if chart_path is not None:
            print(chart_path)
    return 0
