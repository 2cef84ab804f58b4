"""Benchmark of hulplijnbot: figures to read, not a test that passes or fails.

    .venv/bin/python scripts/benchmark.py [--quick] [--no-profile]

1. Engine.answer latency in process (p50, p99, max) over 1,000+ generated questions and
   follow-ups: first-time questions on a fresh engine (result caches cold) and the same
   questions again (caches warm); medians over 3 repetitions.
2. Wall time of a whole `hulplijnbot ask "..."` process (median of 10, after a warm-up run).
3. Replies per second through the fake Bot API (tests/fake_bot_api.py, on 127.0.0.1 only, in
   a child process): hulplijnbot's Application against a minimal echo bot with the same
   configuration, the same updates and the same server, and hulplijnbot with its engine
   replaced by an instant stub (the Telegram layer alone); medians over 5 runs, with the CPU time per reply.
4. Peak resident memory of a `hulplijnbot run` process after questions and two charts.
5. Where the core's time goes (cProfile over first-time questions).

Targets: p99 <= 1 ms (warm), ask <= 0.6 s, ratio >= 0.8, memory <= 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime
import io
import itertools
import os
import platform
import pstats
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from html import escape
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import httpx  # noqa: E402
import telegram  # noqa: E402
from fake_bot_api import TOKEN, FakeBotApi  # noqa: E402
from telegram import LinkPreviewOptions, Update  # noqa: E402
from telegram.constants import ChatAction, ParseMode  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, Defaults, MessageHandler, filters  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402
from telegram_helpers import private, text_update, user  # noqa: E402

from bot.edges.telegram.app import (  # noqa: E402
    ALLOWED_UPDATES,
    PatientRateLimiter,
    PerConversationProcessor,
    build_application,
)
from bot.edges.telegram.settings import Settings  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.model import Answer, Context  # noqa: E402
from bot.present.dutch import MONTHS  # noqa: E402

YEARS = (2019, 2020)
METRICS = (
    "gesprekken",
    "chatgesprekken",
    "chats",
    "nieuwe oproepers",
    "nieuwe chatters",
    "bezoekers van de chatknop",
    "doorverwijzingen",
)
HELPLINES = ("awel", "1712", "1813", "de clb-chat", "de jac-chat")
TEMPLATES = (
    "hoeveel {m} waren er in {mo} {y}?",
    "{m} {mo} {y}",
    "hoeveel {m} in {y}?",
    "gemiddeld aantal {m} per maand in {y}?",
    "in welke maand waren er de meeste {m} in {y}?",
    "vergelijk de {m} van {mo} 2019 en 2020",
    "hoeveel {m} van {mo} tot {mo2} {y}?",
    "hoeveel {m} per maand in {y}?",
    "wat was het laagste aantal {m} in {y}?",
)
HELPLINE_TEMPLATES = (
    "hoeveel doorverwijzingen kwamen van {h} in {mo} 2020?",
    "hoeveel jongeren werden doorverwezen door {h} in 2020?",
)
FOLLOW_UPS = ("en in {mo2}?", "en in {y2}?", "en gemiddeld?", "en van {h}?", "en in totaal?")
OTHER = (
    "wat zijn de openingsuren?",
    "is de chat open op zondag?",
    "wat is de bron?",
    "hoe oud zijn de oproepers?",
    "waarover gaan de gesprekken?",
    "bedankt!",
    "hoeveel wachttijd is er?",
    "wat is de hoofdstad van frankrijk?",
)
WARM_UP = ("hallo", "qwerty xyzzy", "wie ben jij?", "tot ziens")  # none is in the question set
TARGETS = {"p99": 1.0, "ask": 0.6, "ratio": 0.8, "memory": 150.0}
NO_LIMITS = {"overall_max_rate": 0, "group_max_rate": 0, "chat_max_rate": 0}


# --- 1. Engine.answer latency ------------------------------------------------------------------

Item = tuple[str, str | None]  # (question, the question before it for a follow-up, or None)


def question_set(size: int, seed: int = 808) -> list[Item]:
    """`size` distinct questions: three quarters from templates x metrics x months x years x
    helplines x aggregations, a quarter follow-ups (with the question they follow), and a few
    other topics."""
    rng = random.Random(seed)
    first: dict[Item, None] = {}
    for template, m, mo, y in itertools.product(TEMPLATES, METRICS, MONTHS, YEARS):
        mo2 = rng.choice(MONTHS[MONTHS.index(mo) + 1 :] or MONTHS[-1:])  # a later month
        first[(template.format(m=m, mo=mo, mo2=mo2, y=y), None)] = None
    for template, h, mo in itertools.product(HELPLINE_TEMPLATES, HELPLINES, MONTHS):
        first[(template.format(h=h, mo=mo), None)] = None
    follow: dict[Item, None] = {}
    for follow_up, m, mo, y in itertools.product(FOLLOW_UPS, METRICS, MONTHS, YEARS):
        text = follow_up.format(mo2=rng.choice(MONTHS), y2=4039 - y, h=rng.choice(HELPLINES))
        follow[(text, f"hoeveel {m} waren er in {mo} {y}?")] = None
    n_follow = min(size // 4, len(follow))
    n_first = min(size - n_follow - len(OTHER), len(first))
    chosen = rng.sample(list(first), n_first) + rng.sample(list(follow), n_follow)
    rng.shuffle(chosen)
    return chosen + [(q, None) for q in OTHER]


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def summary(ms: Sequence[float]) -> dict[str, float]:
    return {"p50": percentile(ms, 50), "p99": percentile(ms, 99), "max": max(ms)}


def latency_run(items: list[Item]) -> tuple[dict[str, float], dict[str, float]]:
    """(first time, repeated) latencies in ms on a fresh engine."""
    engine = Engine.open()
    try:
        for question in WARM_UP:
            engine.answer(question)
        contexts: dict[str, Context] = {}
        runs: list[list[float]] = []
        for _ in range(2):
            ms: list[float] = []
            for question, before in items:
                context = None
                if before is not None:  # the question it follows, untimed, as in a chat
                    if before not in contexts:
                        contexts[before] = engine.answer(before).context
                    context = contexts[before]
                started = time.perf_counter_ns()
                engine.answer(question, context)
                ms.append((time.perf_counter_ns() - started) / 1e6)
            runs.append(ms)
        return summary(runs[0]), summary(runs[1])
    finally:
        engine.close()


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def bench_latency(items: list[Item], reps: int) -> dict[str, dict[str, float]]:
    results = [latency_run(items) for _ in range(reps)]
    return {"cold": medians([c for c, _ in results]), "warm": medians([w for _, w in results])}


def profile_core(items: list[Item], top: int = 12) -> str:
    """cProfile of the answers on a fresh engine, first time and repeated: the functions with
    the most time of their own, and the core's functions by cumulative time."""
    engine = Engine.open()
    sections = []
    try:
        for question in WARM_UP:
            engine.answer(question)
        contexts = {b: engine.answer(b).context for _, b in items if b is not None}
        for label in ("first time", "repeated"):
            profiler = cProfile.Profile()
            profiler.enable()
            for question, before in items:
                engine.answer(question, contexts.get(before) if before else None)
            profiler.disable()
            for order, title in (("tottime", "own time"), ("cumulative", "cumulative, bot/")):
                out = io.StringIO()
                stats = pstats.Stats(profiler, stream=out).sort_stats(order)
                stats.print_stats(*((r"/bot/", top) if order == "cumulative" else (top,)))
                lines = [
                    line
                    for line in out.getvalue().splitlines()
                    if line.strip() and not line.lstrip().startswith(("Ordered by", "List reduced"))
                ]
                lines[0] = f"   {label}, by {title}: {lines[0].strip()}"
                sections.append("\n".join(line.replace(str(REPO) + "/", "") for line in lines))
    finally:
        engine.close()
    return "\n\n".join(sections)


# --- 2. a whole `hulplijnbot ask` ----------------------------------------------------------------


def loopback_env() -> dict[str, str]:
    """The environment without proxy variables: every request goes to 127.0.0.1 directly."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


def bench_ask(runs: int, question: str = "hoeveel gesprekken waren er in mei 2020?") -> float:
    command = [str(REPO / ".venv" / "bin" / "hulplijnbot"), "ask", question]
    if not Path(command[0]).exists():
        command[:1] = [sys.executable, "-m", "bot"]
    subprocess.run(command, check=True, capture_output=True, env=loopback_env())  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=loopback_env())
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# --- the fake Bot API in its own process ---------------------------------------------------------


async def serve_fake() -> None:
    """The child process: the fake Bot API, and beside it a control server through which the
    benchmark pushes updates and learns when the replies are in (timed here, by the server,
    so that polling for them costs the bot under test nothing). Ends when stdin closes."""
    from aiohttp import web

    async with FakeBotApi() as api:
        pushed: dict[str, float | int] = {"at": 0.0, "base": 0}

        def replies() -> list[float]:
            return [c.at for c in api.calls if c.method == "sendMessage" and c.outcome == "ok"]

        async def push(request: web.Request) -> web.Response:
            updates = (await request.json())["updates"]
            pushed.update(at=time.monotonic(), base=len(replies()))
            for update in updates:
                api.push(update)
            return web.json_response({"ok": True})

        async def wait(request: web.Request) -> web.Response:
            n = int(request.query["n"])
            while len(got := replies()) - int(pushed["base"]) < n:
                await asyncio.sleep(0.001)
            last = got[int(pushed["base"]) + n - 1]
            return web.json_response({"seconds": last - float(pushed["at"])})

        async def count(request: web.Request) -> web.Response:
            method = request.query["method"]
            return web.json_response(
                {"n": sum(1 for c in api.calls if c.method == method and c.outcome == "ok")}
            )

        control = web.Application(client_max_size=64 * 1024 * 1024)
        control.router.add_post("/push", push)
        control.router.add_get("/wait", wait)
        control.router.add_get("/count", count)
        runner = web.AppRunner(control, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        control_port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        print(f"ready {api.port} {control_port}", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        await runner.cleanup()


class FakeServer:
    """The fake Bot API in a child process, so that the bot under test has the CPU of this
    process to itself (on a machine with at least two CPUs)."""

    def __init__(self) -> None:
        self.child = subprocess.Popen(
            [sys.executable, __file__, "--serve-fake"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=loopback_env(),
        )
        assert self.child.stdout is not None
        ready, api_port, control_port = self.child.stdout.readline().split()
        assert ready == "ready"
        self.base_url = f"http://127.0.0.1:{api_port}/bot"
        self.base_file_url = f"http://127.0.0.1:{api_port}/file/bot"
        self.control = f"http://127.0.0.1:{control_port}"

    def push(self, updates: list[dict[str, Any]]) -> None:
        httpx.post(f"{self.control}/push", json={"updates": updates}, trust_env=False)

    def count(self, method: str) -> int:
        return int(httpx.get(f"{self.control}/count", params={"method": method}, trust_env=False).json()["n"])

    def close(self) -> None:
        assert self.child.stdin is not None
        self.child.stdin.close()
        self.child.wait(10)


# --- 3. throughput: hulplijnbot against an echo bot ----------------------------------------------


def requests() -> dict[str, HTTPXRequest]:
    """The Application's own defaults (256 connections, 1 for getUpdates), proxies ignored."""
    return {
        "request": HTTPXRequest(connection_pool_size=256, httpx_kwargs={"trust_env": False}),
        "get_updates_request": HTTPXRequest(connection_pool_size=1, httpx_kwargs={"trust_env": False}),
    }


def echo_application(api: FakeServer) -> Application:
    """The smallest useful bot with hulplijnbot's configuration: typing action, then the text
    back as escaped HTML; same rate limiter, update processor, defaults and HTTP settings."""

    async def echo(update: Update, context: Any) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        await message.chat.send_action(ChatAction.TYPING)
        await message.reply_text(escape(message.text, quote=False), parse_mode=ParseMode.HTML)

    http = requests()
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .request(http["request"])
        .get_updates_request(http["get_updates_request"])
        .rate_limiter(PatientRateLimiter(**NO_LIMITS))
        .defaults(
            Defaults(
                allow_sending_without_reply=True, link_preview_options=LinkPreviewOptions(is_disabled=True)
            )
        )
        .concurrent_updates(PerConversationProcessor())
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


def hulplijnbot_application(api: FakeServer) -> Application:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
        }
    )
    return build_application(
        settings, lambda: Engine.open(), rate_limiter=PatientRateLimiter(**NO_LIMITS), **requests()
    )


class InstantEngine:
    """An engine that answers at once: hulplijnbot's Telegram layer alone, for comparison."""

    store = None

    def answer(self, question: str, context: Context | None) -> Answer:
        return Answer(f"Je vroeg: {question}", True, context=Context(intent="x"))

    def choose(self, intent: str, context: Context | None) -> Answer:
        return Answer(intent, True)

    def close(self) -> None:
        pass


def telegram_layer_application(api: FakeServer) -> Application:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
        }
    )
    return build_application(
        settings, InstantEngine, rate_limiter=PatientRateLimiter(**NO_LIMITS), **requests()
    )


def chat_updates(n: int, users: int = 50, seed: int = 466) -> list[dict[str, Any]]:
    """n questions from `users` private chats, each a figure question and its follow-ups,
    interleaved across the chats."""
    rng = random.Random(seed)
    per_user: list[Iterator[str]] = []
    for _ in range(users):

        def questions() -> Iterator[str]:
            while True:
                m = rng.choice(METRICS[:5])
                mo, mo2 = rng.sample(MONTHS[:9], 2)
                y = rng.choice(YEARS)
                yield f"hoeveel {m} waren er in {mo} {y}?"
                yield f"en in {mo2}?"
                yield f"en in {4039 - y}?"  # the other year

        per_user.append(questions())
    out = []
    for i in range(n):
        uid = 20_000 + i % users
        out.append(text_update(next(per_user[i % users]), private(uid), user(uid)))
    return out


async def replies_per_second(
    server: FakeServer, make: Callable[[FakeServer], Application], n: int
) -> tuple[float, float]:
    """(replies per second, CPU milliseconds of this process per reply). The CPU time is
    what the bot itself spends: unlike the rate, other programs on the machine hardly
    change it."""
    app = make(server)
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)  # hulplijnbot opens its engine here: not timed
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES)
    await app.start()
    try:
        await asyncio.sleep(0.3)
        updates = chat_updates(n)
        async with httpx.AsyncClient(trust_env=False, timeout=600) as control:
            cpu = time.process_time()
            await control.post(f"{server.control}/push", json={"updates": updates})
            # one request, answered by the server once the n-th reply is in
            waited = await control.get(f"{server.control}/wait", params={"n": n})
            cpu = time.process_time() - cpu
        seconds = float(waited.json()["seconds"])
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
    return n / seconds, cpu / n * 1000


def bench_throughput(n: int, reps: int) -> dict[str, Any]:
    server = FakeServer()
    try:
        runs: dict[str, list[tuple[float, float]]] = {"echo": [], "hulplijnbot": [], "instant engine": []}
        for _ in range(reps):  # alternate, so a slower moment of the machine hits all
            for name, make in (
                ("echo", echo_application),
                ("hulplijnbot", hulplijnbot_application),
                ("instant engine", telegram_layer_application),
            ):
                runs[name].append(asyncio.run(replies_per_second(server, make, n)))
    finally:
        server.close()
    result: dict[str, Any] = {"runs": runs}
    for name, values in runs.items():
        result[name] = statistics.median(rate for rate, _ in values)
        result[f"{name} cpu"] = statistics.median(cpu for _, cpu in values)
    result["ratio"] = result["hulplijnbot"] / result["echo"]
    result["cpu ratio"] = result["echo cpu"] / result["hulplijnbot cpu"]
    return result


# --- 4. memory of a running bot --------------------------------------------------------------------


def _status_kb(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def bench_memory(timeout: float = 90.0) -> dict[str, float | None]:
    """`hulplijnbot run` against the fake server: resident memory after questions, and the
    peak after two charts (from /proc; None where that is not available)."""
    server = FakeServer()
    env = loopback_env() | {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "TELEGRAM_API_BASE_FILE_URL": server.base_file_url,
        "HULPLIJNBOT_LOG_LEVEL": "WARNING",
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + timeout

        def wait(method: str, n: int) -> None:
            while server.count(method) < n:
                if child.poll() is not None:
                    raise RuntimeError(f"the bot exited: {child.stderr.read() if child.stderr else ''}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no {n} x {method} from the bot")
                time.sleep(0.05)

        wait("getUpdates", 1)
        server.push(chat_updates(30, users=5))
        wait("sendMessage", 30)
        rss = {"after 30 questions": _status_kb(child.pid, "VmRSS")}
        # a word the bot does not know loads the Dutch word list of the typo corrector
        server.push([text_update("hoeveel gesprekkken waren er in mei 2020?", private(30_001), user(30_001))])
        wait("sendMessage", 31)
        rss["after an unknown word"] = _status_kb(child.pid, "VmRSS")
        server.push(
            [
                text_update("/grafiek gesprekken", private(30_001), user(30_001)),
                text_update("/grafiek nieuwe oproepers", private(30_001), user(30_001)),
            ]
        )
        wait("sendPhoto", 2)
        time.sleep(0.5)
        rss["after two charts"] = _status_kb(child.pid, "VmRSS")
        rss["peak"] = _status_kb(child.pid, "VmHWM")
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        server.close()
    return {k: _mb(v) for k, v in rss.items()}


def _mb(kb: int | None) -> float | None:
    return None if kb is None else kb / 1024


# --- report ------------------------------------------------------------------------------------------


def verdict(value: float | None, target: float, higher_is_better: bool = False) -> str:
    if value is None:
        return "not measured"
    met = value >= target if higher_is_better else value <= target
    return "met" if met else "NOT met"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer questions, runs and updates (a minute instead of several)"
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile section")
    parser.add_argument("--serve-fake", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    # the bots under test keep their update journals in a folder of their own, not in ~/.local
    os.environ.setdefault("HULPLIJNBOT_STATE_DIR", tempfile.mkdtemp(prefix="hulplijnbot-bench-"))
    if args.serve_fake:  # the child process of FakeServer
        asyncio.run(serve_fake())
        return 0
    size, reps, ask_runs, updates, tp_reps = (300, 1, 3, 200, 1) if args.quick else (1200, 3, 10, 500, 5)

    print(
        f"hulplijnbot benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}{' (--quick)' if args.quick else ''}"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, {platform.platform()}"
    )
    print(f"python {platform.python_version()}, python-telegram-bot {telegram.__version__}")
    print()

    items = question_set(size)
    follow_ups = sum(1 for _, before in items if before)
    latency = bench_latency(items, reps)
    print(
        f"1. Engine.answer latency, {len(items)} questions ({follow_ups} follow-ups), "
        f"median of {reps} run(s), ms"
    )
    for name, label in (
        ("cold", "first time (fresh engine, caches cold)"),
        ("warm", "repeated (caches warm)"),
    ):
        r = latency[name]
        print(f"   {label:40s} p50 {r['p50']:7.3f}   p99 {r['p99']:7.3f}   max {r['max']:7.3f}")
    print(
        f"   target p99 <= {TARGETS['p99']:.0f} ms: warm {verdict(latency['warm']['p99'], 1.0)}, "
        f"cold {verdict(latency['cold']['p99'], 1.0)}"
    )
    print()

    ask = bench_ask(ask_runs)
    print(
        f"2. `hulplijnbot ask` wall time, median of {ask_runs} after a warm-up: {ask:.3f} s "
        f"(target <= {TARGETS['ask']} s: {verdict(ask, TARGETS['ask'])})"
    )
    print()

    tp = bench_throughput(updates, tp_reps)
    print(
        f"3. replies per second through the fake Bot API, {updates} updates from 50 chats, "
        f"flood limits off, median of {tp_reps}"
    )
    for name, label in (
        ("echo", "echo bot"),
        ("hulplijnbot", "hulplijnbot"),
        ("instant engine", "hulplijnbot, engine stubbed"),
    ):
        runs = ", ".join(f"{rate:.0f}" for rate, _ in tp["runs"][name])
        print(f"   {label:28s} {tp[name]:6.1f}/s  {tp[f'{name} cpu']:5.2f} ms CPU per reply   (runs: {runs})")
    print(
        f"   ratio hulplijnbot/echo {tp['ratio']:.2f} (target >= {TARGETS['ratio']}: "
        f"{verdict(tp['ratio'], TARGETS['ratio'], higher_is_better=True)}); "
        f"engine stubbed {tp['instant engine'] / tp['echo']:.2f}"
    )
    print(
        f"   by CPU per reply: hulplijnbot {tp['cpu ratio']:.2f}, engine stubbed "
        f"{tp['echo cpu'] / tp['instant engine cpu']:.2f}"
    )
    print()

    memory = bench_memory()
    print("4. resident memory of a `hulplijnbot run` process (against the fake server, /proc)")
    for label, value in memory.items():
        print(f"   {label:24s} {'n/a' if value is None else f'{value:.0f} MB'}")
    print(f"   target peak <= {TARGETS['memory']:.0f} MB: {verdict(memory['peak'], TARGETS['memory'])}")

    if not args.no_profile:
        print()
        print(f"5. where the core's time goes: cProfile of {len(items)} answers")
        print(profile_core(items))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
