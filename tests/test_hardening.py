"""Bad input, hardened: what tests/test_properties.py does not already cover.

test_properties.py checks that Engine.answer never fails and replies in Dutch on arbitrary text.
Here the same kind of input goes all the way to what Telegram receives (through the real
handlers, offline, with the real Engine): every reply is valid Telegram HTML within 4096 units,
exactly the rendering of the engine's answer (so no user markup slips through), never the
apology, and fast. Then the guarantee that user text never reaches SQL text: the queries are
SELECT-only with `$name` parameters, no SQL in bot/*.py is built from variable text, and a copy
of the database is byte-for-byte unchanged after adversarial questions, through a connection
that refuses writes.
"""

from __future__ import annotations

import ast
import asyncio
import hashlib
import re
import shutil
import sys
import time
import tomllib
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import ErrorLog
from fake_bot_api import BOT_USERNAME, TOKEN, html_error, utf16_len, visible
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from telegram import Update
from telegram.ext import Application
from telegram_helpers import OfflineRequest, bot_message, group, private, text_update, user

from bot.dialogue.conversations import Conversations
from bot.edges.telegram.app import build_application
from bot.edges.telegram.rendering import MESSAGE_LIMIT, render_answer
from bot.edges.telegram.settings import Settings
from bot.edges.telegram.texts import APOLOGY, EXAMPLES, ask_hint, help_text, welcome_text
from bot.edges.telegram.transport import PatientRateLimiter
from bot.engine import Engine
from bot.errors import DatabaseUnavailable
from bot.model import Answer
from bot.understand.intents import check_select_only, query_parameters
from bot.understand.normalize import MAX_INPUT_CHARS

REPO = Path(__file__).resolve().parent.parent
DB = REPO / "data" / "stats.duckdb"
# Generous: the engine answers in about a millisecond, the slowest adversarial input in tens.
SLOW = 1.0
LONG_NOTE = "Je bericht was erg lang"

# Input that asks for no figure: whatever the reply, `answered` must be False.
NO_FIGURE = {
    "sql drop": "'; DROP TABLE monthly; --",
    "sql tautology": "1 OR 1=1",
    "sql quoted tautology": "' OR '1'='1",
    "sql union": "UNION SELECT value FROM monthly",
    "sql fullwidth": "ＳＥＬＥＣＴ * ＦＲＯＭ monthly",
    "sql greek question mark": "x\u037e DROP TABLE monthly",
    "sql comment": "/* */ SELECT 1 --",
    "parameter name": "$metric",
    "parameter names": "$metric $helpline $years $months",
    "positional parameter": "? ? ?",
    "format string": "{metric} %(metric)s %s {0}",
    "html script": "<script>alert('x')</script>",
    "html img": '<img src=x onerror="alert(1)">',
    "html entities": "&lt;b&gt; &amp; &#x3C;",
    "telegram tags": "<pre>x</pre><code>y</code><b>z</b><tg-spoiler>s</tg-spoiler>",
    "unclosed tag": "<b><i><pre>",
    "markdown": "**vet** _schuin_ `code` [link](http://x) ~~weg~~ ||spoiler||",
    "markdown v2 escapes": r"\_\*\[\]\(\)\~\`\>\#\+\-\=\|\{\}\.\!",
    "only emoji": "😀🎉👍🏽🇧🇪👨‍👩‍👧",
    "emoji flags and keycaps": "🏳️‍🌈 1️⃣ #️⃣",
    "right to left": "مرحبا كم عدد المحادثات",
    "right to left override": "\u202egnirts desrever\u202c",
    "bidi isolates": "\u2067\u2066\u2068abc\u2069",
    "control characters": "\x00\x01\x02\x07\x08\x1b[2J\x7f",
    "zero width": "\u200b\u200c\u200d\ufeff",
    "combining marks": "e\u0301\u0301\u0301\u0301" * 20,
    "zalgo": "h̷̢̛͓e̵̡̛l̸̨̛p̴̢̛",
    "only mention": f"@{BOT_USERNAME}",
    "only command": "/vraag",
    "null json": "null",
    "lone backslashes": "\\" * 50,
    "line separators": "\u2028\u2029\u0085",
    "100,000 x": "x" * 100_000,
    "100,000 emoji": "😀" * 100_000,
    "100,000 words": "bla " * 25_000,
}

# The same kinds of noise around a real question: the question is still answered.
WITH_A_QUESTION = {
    "html around": "<b>hoeveel gesprekken in mei 2020?</b>",
    "markdown around": "**hoeveel** _gesprekken_ in `mei 2020`?",
    "emoji around": "😀 hoeveel gesprekken in mei 2020? 🎉",
    "control characters inside": "hoeveel\x00 gesprekken\x07 in mei 2020?",
    "zero width inside": "hoeveel\u200b gesprekken in mei\u200d 2020?",
    "after a mention": f"@{BOT_USERNAME} hoeveel gesprekken in mei 2020?",
    "after 100,000 characters cut": "hoeveel gesprekken in mei 2020? " + "x" * 100_000,
}


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    eng = Engine.open(DB)
    yield eng
    eng.close()


def tags(html_text: str) -> set[str]:
    return set(re.findall(r"</?([a-z-]+)", html_text))


def check_telegram_html(chunks: list[str]) -> None:
    """What Telegram would accept, and a reader would see as a short reply."""
    assert chunks
    for chunk in chunks:
        assert html_error(chunk) is None, chunk[:200]
        shown = visible(chunk, "HTML")
        assert shown.strip()
        assert utf16_len(shown) <= MESSAGE_LIMIT
        # answers only ever use <pre> for tables: any other tag would be user markup
        assert tags(chunk) <= {"pre"}, chunk[:200]


def timed_answer(engine: Engine, text: str) -> tuple[Answer, float]:
    started = time.perf_counter()
    answer = engine.answer(text)
    return answer, time.perf_counter() - started


# --- the core, on adversarial input ------------------------------------------------------------

# One content word of an intent's vocabulary is enough for the matcher to answer it.
LONE_WORD = pytest.mark.xfail(
    strict=True,
    reason="bot/understand/matcher.py: the lone word 'weg' or 'link' (here in Markdown) is "
    "answered with the samenwerking intent's text",
)


@pytest.mark.parametrize(
    "text",
    [pytest.param(text, marks=LONE_WORD) if name == "markdown" else text for name, text in NO_FIGURE.items()],
    ids=list(NO_FIGURE),
)
def test_adversarial_input_gets_a_short_safe_reply_without_figures(
    engine: Engine, errors: ErrorLog, text: str
) -> None:
    errors.records.clear()
    answer, _ = timed_answer(engine, text)
    assert answer.answered is False, answer.text
    assert answer.source is None
    chunks = render_answer(answer)
    check_telegram_html(chunks)
    assert len(chunks) == 1  # short: one message, not a wall of text
    assert "er ging iets mis" not in answer.text
    assert errors.records == []


@pytest.mark.parametrize("text", list(WITH_A_QUESTION.values()), ids=list(WITH_A_QUESTION))
def test_noise_around_a_question_still_answers_it(engine: Engine, text: str) -> None:
    answer, _ = timed_answer(engine, text)
    assert answer.answered is True, answer.text
    assert "Chatgesprekken, mei 2020: 100" in answer.text
    check_telegram_html(render_answer(answer))


def test_the_slowest_adversarial_input_is_still_fast(engine: Engine) -> None:
    inputs = [
        *NO_FIGURE.values(),
        *WITH_A_QUESTION.values(),
        "a b " * 500,
        "mei 2020 " * 120,
        "ﬃ" * 1000,
        "ǅ" * 1000,
        "İ" * 1000,
        "hoeveelgesprekkeninmei" * 50,
        " ".join(str(n) for n in range(3000)),
        "en in juni? " * 100,
        "vergelijk " * 200,
    ]
    engine.answer("opwarmen")  # the first question pays for lazy set-up
    slowest = max((timed_answer(engine, text)[1], text[:30]) for text in inputs)
    assert slowest[0] < SLOW, f"{slowest[1]!r} took {slowest[0]:.2f} s"


LONG_SHAPES = {
    "one letter": "x" * 100_000,
    "a question repeated": "hoeveel gesprekken in mei 2020? " * 3_200,
    "words": "bla " * 25_000,
    "accented letters": "é" * 100_000,
    "right to left words": "مرحبا " * 20_000,
    "a question then noise": "Hoeveel gesprekken in mei 2020?" + "!" * 100_000,
    "emoji": "😀" * 100_000,
    "punctuation": "?" * 100_000,
    "sql": "'; DROP TABLE monthly; --" * 4_000,
}


@pytest.mark.parametrize("text", list(LONG_SHAPES.values()), ids=list(LONG_SHAPES))
def test_a_100000_character_message_is_cut_with_a_note(engine: Engine, text: str) -> None:
    assert len(text) >= 100_000
    answer, seconds = timed_answer(engine, text)
    assert seconds < SLOW
    assert answer.text.startswith(f"({LONG_NOTE}"), answer.text[:120]
    assert str(MAX_INPUT_CHARS) in answer.text.split(")")[0]
    check_telegram_html(render_answer(answer))


def test_white_space_is_not_text_to_cut(engine: Engine) -> None:
    # 100,000 spaces before a question: nothing of the question is cut, so no note either
    answer = engine.answer(" " * 100_000 + "hoeveel gesprekken in mei 2020?")
    assert answer.answered is True, answer.text[:120]
    assert LONG_NOTE not in answer.text


@pytest.mark.parametrize(
    "text",
    [
        "@iemand_anders",
        "http://x.be",
        "_",
        "#hashtag",
        "…",
        "?",
    ],
)
def test_a_message_with_nothing_in_it_does_not_repeat_the_last_answer(engine: Engine, text: str) -> None:
    context = engine.answer("hoeveel gesprekken in mei 2020?").context
    answer = engine.answer(text, context)
    assert answer.answered is False, answer.text


def test_a_message_at_the_limit_gets_no_note(engine: Engine) -> None:
    assert LONG_NOTE not in engine.answer("x" * MAX_INPUT_CHARS).text


FRAGMENTS = st.sampled_from(
    [
        *(v[:200] for v in NO_FIGURE.values()),
        "hoeveel",
        "gesprekken",
        "mei",
        "2020",
        "en in juni?",
        "awel",
        "?",
        "\n",
        "<",
        ">",
        "&",
        "&amp;",
        "</pre>",
        "<pre>",
        "'",
        '"',
        ";",
        "--",
        "\\",
        "%",
        "{",
        "}",
        "$",
        "`",
        "*",
        "_",
    ]
)
ADVERSARIAL_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=15)), min_size=1, max_size=10).map(" ".join),
    st.text(
        alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "So", "Sk", "Mn"]), max_size=200
    ),
)
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(text=ADVERSARIAL_TEXT)
@example(text="<b>hoeveel</b> gesprekken in mei 2020?")
@example(text="</pre>" * 2000)
def test_any_reply_renders_to_valid_short_telegram_html(engine: Engine, errors: ErrorLog, text: str) -> None:
    errors.records.clear()
    answer, seconds = timed_answer(engine, text)
    check_telegram_html(render_answer(answer))
    assert seconds < SLOW
    assert errors.records == []
    if not any(c.isalnum() for c in text):
        assert answer.answered is False


# --- the Telegram handlers, offline --------------------------------------------------------------


class Answers:
    """The real engine, keeping the answers it gives."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.store = engine.store
        self.given: list[Answer] = []

    def answer(self, question: str, context: Any) -> Answer:
        self.given.append(self.engine.answer(question, context))
        return self.given[-1]

    def choose(self, intent: str, context: Any) -> Answer:
        self.given.append(self.engine.choose(intent, context))
        return self.given[-1]

    def close(self) -> None:
        """The module's engine is closed by its fixture."""


class Offline:
    """The real Application with the real Engine over AnyRequest, on its own event loop (so a
    plain hypothesis test can drive it, one update at a time)."""

    def __init__(self, engine: Engine) -> None:
        self.loop = asyncio.new_event_loop()
        self.request = OfflineRequest()
        self.engine = Answers(engine)
        # Telegram's flood limits off: one message a second per chat would make this a test
        # of waiting (tests/test_telegram_e2e.py tests the limiter).
        self.app: Application = build_application(
            Settings(token=TOKEN),
            lambda: self.engine,
            request=self.request,
            get_updates_request=self.request,
            rate_limiter=PatientRateLimiter(overall_max_rate=0, group_max_rate=0, chat_max_rate=0),
        )
        self.loop.run_until_complete(self._start())

    async def _start(self) -> None:
        await self.app.initialize()
        assert self.app.post_init is not None
        await self.app.post_init(self.app)

    def close(self) -> None:
        self.loop.run_until_complete(self.app.shutdown())
        self.loop.close()

    def process(self, update: dict[str, Any]) -> tuple[list[tuple[str, dict[str, Any]]], list[Answer], float]:
        """The Bot API calls and engine answers for one update, and the time it took."""
        self.request.calls.clear()
        self.engine.given.clear()
        started = time.perf_counter()
        self.loop.run_until_complete(
            self.app.process_update(Update.de_json({**update, "update_id": 1}, self.app.bot))
        )
        return list(self.request.calls), list(self.engine.given), time.perf_counter() - started


@pytest.fixture(scope="module")
def offline(engine: Engine) -> Iterator[Offline]:
    # Charts are drawn by a stub: what is tested here is the text, not matplotlib.
    with pytest.MonkeyPatch.context() as patch:
        stub = types.ModuleType("bot.present.charts")
        stub.render_png_isolated = (  # type: ignore[attr-defined]
            lambda store, request: b"\x89PNG stub"
        )
        patch.setitem(sys.modules, "bot.present.charts", stub)
        bot = Offline(engine)
        yield bot
        bot.close()


GROUP = group(-100888)
ANNE = user(601, "Anne")
SCOPE = Engine.open().scope()  # what /start and /help say the bot knows, read from the data
STATIC_REPLIES = {
    ask_hint(BOT_USERNAME, command=True),
    ask_hint(BOT_USERNAME, command=False),
    welcome_text(BOT_USERNAME, SCOPE),
    help_text(BOT_USERNAME, SCOPE),
    "Dat commando ken ik niet. Typ gewoon je vraag, of /help.",
    "Je kunt bijvoorbeeld vragen:\n" + "\n".join(f"• {q}" for q in EXAMPLES),
}

# How the text reaches the bot: in a private chat, or addressed to it in a group (Telegram
# strips a message's leading and trailing white space).
WAYS: dict[str, Callable[[str], dict[str, Any]]] = {
    "private": lambda text: text_update(text, private(ANNE["id"]), ANNE),
    "group command": lambda text: text_update(f"/vraag {text}".strip(), GROUP, ANNE),
    "group mention": lambda text: text_update(f"@{BOT_USERNAME} {text}".strip(), GROUP, ANNE),
    "group reply": lambda text: text_update(text, GROUP, ANNE, reply_to=bot_message("eerder", GROUP, 77)),
}


def check_replies(calls: list[tuple[str, dict[str, Any]]], answers: list[Answer], seconds: float) -> None:
    """One update's replies: valid, short, exactly the rendered answer (or a fixed text)."""
    sent = [
        (name, p.get("text", p.get("caption"))) for name, p in calls if name in ("sendMessage", "sendPhoto")
    ]
    texts = [t for _, t in sent]
    assert texts, calls
    assert APOLOGY not in texts
    assert seconds < SLOW
    for text in texts:
        assert isinstance(text, str) and html_error(text) is None, text
        assert visible(text, "HTML").strip()
        assert utf16_len(visible(text, "HTML")) <= MESSAGE_LIMIT
    if not answers:
        assert len(texts) == 1 and texts[0] in STATIC_REPLIES, texts
        return
    [answer] = answers
    if answer.chart is None:
        # exactly the escaped answer: nothing of the user's markup is passed on as markup
        assert texts == render_answer(answer)
    for text in texts:
        assert tags(text) <= {"pre"}, text


@PROPERTY
@given(text=ADVERSARIAL_TEXT, way=st.sampled_from(list(WAYS)))
@example(text="<script>alert(1)</script>", way="private")
@example(text=f"@{BOT_USERNAME}", way="private")
@example(text="/vraag", way="private")
@example(text="<b>hoeveel gesprekken in mei 2020?</b>", way="group mention")
def test_handlers_reply_safely_to_any_text(offline: Offline, errors: ErrorLog, text: str, way: str) -> None:
    text = text.strip()
    assume(text)  # Telegram delivers no empty message
    errors.records.clear()
    calls, answers, seconds = offline.process(WAYS[way](text))
    check_replies(calls, answers, seconds)
    assert errors.records == []


@pytest.mark.parametrize(
    ("way", "text", "reply"),
    [
        ("private", "/vraag", ask_hint(BOT_USERNAME, command=True)),
        ("group command", "", ask_hint(BOT_USERNAME, command=True)),
        ("group mention", "", ask_hint(BOT_USERNAME, command=False)),
        ("group command", f"@{BOT_USERNAME}", ask_hint(BOT_USERNAME, command=True)),
        ("group command", f"@{BOT_USERNAME.upper()},", ask_hint(BOT_USERNAME, command=True)),
        ("private", f"@{BOT_USERNAME}", None),  # the engine: "Je bericht is leeg"
        ("group reply", f"@{BOT_USERNAME}", ask_hint(BOT_USERNAME, command=False)),
    ],
)
def test_only_a_mention_or_only_the_command(offline: Offline, way: str, text: str, reply: str | None) -> None:
    # After a question: an empty follow-up must not repeat the previous answer.
    offline.process(WAYS[way]("hoeveel gesprekken in mei 2020?"))
    calls, answers, seconds = offline.process(WAYS[way](text))
    check_replies(calls, answers, seconds)
    [sent] = [p["text"] for n, p in calls if n == "sendMessage"]
    assert "In mei 2020" not in sent
    if reply is not None:
        assert answers == [] and sent == reply
    else:
        [answer] = answers
        assert answer.answered is False


@pytest.mark.parametrize("way", list(WAYS))
def test_a_100000_character_message_through_the_handlers(offline: Offline, way: str) -> None:
    # A fresh conversation: the property test above leaves whatever context its random texts
    # made in these chats (and Hypothesis picks texts from the package's string constants).
    offline.app.bot_data.state.conversations = Conversations()
    calls, answers, seconds = offline.process(WAYS[way]("hoeveel gesprekken in mei 2020? " + "bla " * 25_000))
    check_replies(calls, answers, seconds)
    [text] = [p["text"] for n, p in calls if n == "sendMessage"]
    assert visible(text, "HTML").startswith(f"({LONG_NOTE}")
    assert "Chatgesprekken, mei 2020: 100" in text


# --- user text never reaches SQL text -----------------------------------------------------------


def intent_queries() -> list[tuple[str, str]]:
    """(file:query, sql) of every query in intents/*.toml, read without bot.understand.intents."""
    found = []
    for path in sorted((REPO / "intents").glob("*.toml")):
        for name, sql in tomllib.loads(path.read_text(encoding="utf-8")).get("queries", {}).items():
            found.append((f"{path.name}:{name}", sql))
    return found


def test_intent_files_have_queries() -> None:
    assert len(intent_queries()) >= 10


@pytest.mark.parametrize(("where", "sql"), intent_queries(), ids=[q for q, _ in intent_queries()])
def test_intent_query_is_one_select_with_named_parameters(where: str, sql: str) -> None:
    assert check_select_only(sql) is None
    without_literals = re.sub(r"'(?:[^']|'')*'", "''", sql)
    # only $name parameters: no positional ?, $1, no Python formatting placeholders
    assert not re.search(r"\?|\$\d|\{[^}]*\}|%[sdr(]", without_literals), sql
    for name in query_parameters(sql):
        assert re.fullmatch(r"[a-z_][a-z0-9_]*", name)


@pytest.mark.parametrize(
    "sql",
    [
        "DROP TABLE monthly",
        "SELECT 1; DELETE FROM monthly",
        "COPY monthly TO 'x.csv'",
        "WITH x AS (SELECT 1) INSERT INTO monthly SELECT * FROM x",
        "ATTACH 'x.db'",
        "SELECT * FROM monthly; --",
        "PRAGMA enable_profiling",
    ],
)
def test_the_select_check_catches_writes(sql: str) -> None:
    assert check_select_only(sql) is not None


SINKS = {"query", "execute", "executemany", "sql"}
# builddb.py writes the database offline from data/source/schema.toml (CREATE TABLE with the
# schema's own table names); it never runs while answering and never sees a question.
OFFLINE_BUILDER = "data/build.py"
# The one function that hands its caller's SQL to DuckDB; every caller is checked instead.
SINK_PARAMETERS = {("store.py", "query", "sql")}


def _module_constants(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and _literal(node.value):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif (
            isinstance(node, ast.AnnAssign)
            and node.value is not None
            and _literal(node.value)
            and isinstance(node.target, ast.Name)
        ):
            names.add(node.target.id)
    return names


def _literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add)
        and _literal(node.left)
        and _literal(node.right)
    )


def _from_intent_files(node: ast.expr) -> bool:
    """`spec.queries[name]` or an item of `spec.queries.items()/.values()`: SQL from intents/,
    which test_intent_query_is_one_select_with_named_parameters checks."""
    if isinstance(node, ast.Subscript):
        node = node.value
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("items", "values")
    ):
        node = node.func.value
    return isinstance(node, ast.Attribute) and node.attr == "queries"


def sql_problems(source: str, filename: str) -> tuple[list[str], int]:
    """(why some SQL passed to .query/.execute/.sql is not constant text, how many such calls
    were checked). Constant means: a string literal, a module-level string constant, or a
    query from the intent files, possibly through a local variable bound only to those."""
    tree = ast.parse(source)
    constants = _module_constants(tree)
    problems: list[str] = []
    checked = 0
    scopes: list[ast.AST] = [
        tree,
        *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)),
    ]

    def safe(node: ast.expr, scope: ast.AST, depth: int = 0) -> str | None:
        if _literal(node) or _from_intent_files(node):
            return None
        if isinstance(node, ast.JoinedStr):
            return "an f-string"
        if isinstance(node, ast.BinOp):
            return "text built with an operator"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("format", "join", "replace")
        ):
            return f"text built with .{node.func.attr}()"
        if isinstance(node, ast.Name) and depth < 5:
            if node.id in constants:
                return None
            return bound_safely(node.id, scope, depth)
        return f"an expression of unknown origin ({ast.unparse(node)[:60]})"

    def bound_safely(name: str, scope: ast.AST, depth: int) -> str | None:
        bindings = 0
        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
            args = scope.args
            if name in {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}:
                if (filename, scope.name, name) in SINK_PARAMETERS:
                    return None
                return f"the parameter {name!r} of {scope.name}()"
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets
            ):
                bindings += 1
                if (why := safe(node.value, scope, depth + 1)) is not None:
                    return f"{name!r} bound to {why}"
            elif isinstance(node, ast.For) and name in {
                n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)
            }:
                bindings += 1
                if not _from_intent_files(node.iter):
                    return f"{name!r} iterating over {ast.unparse(node.iter)[:60]}"
        return None if bindings else f"{name!r}, bound nowhere visible"

    for scope in scopes:
        body = scope.body if isinstance(scope, ast.Module) else [scope]
        for node in (n for part in body for n in ast.walk(part)):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in SINKS
                and node.args
            ):
                continue
            if isinstance(scope, ast.Module) and _inside_function(tree, node):
                continue  # checked in its function's scope
            checked += 1
            if (why := safe(node.args[0], scope)) is not None:
                problems.append(f"{filename}:{node.lineno}: SQL from {why}")
    return problems, checked


def _inside_function(tree: ast.Module, target: ast.AST) -> bool:
    return any(
        target in set(ast.walk(f))
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
    )


def test_no_sql_in_the_package_is_built_from_variable_text() -> None:
    problems, checked = [], 0
    for path in sorted((REPO / "bot").rglob("*.py")):
        if path.relative_to(REPO / "bot").as_posix() == OFFLINE_BUILDER:
            continue
        found, count = sql_problems(path.read_text(encoding="utf-8"), path.name)
        problems += found
        checked += count
    assert problems == []
    assert checked >= 8  # the walker does find the calls (store, handlers, charts, tables...)


@pytest.mark.parametrize(
    ("snippet", "reason"),
    [
        ("def f(store, m):\n    store.query(f'SELECT * FROM monthly WHERE metric = {m}')", "f-string"),
        ("def f(store, m):\n    store.query('SELECT * FROM monthly WHERE metric = %s' % m)", "operator"),
        ("def f(con, m):\n    con.execute('SELECT {}'.format(m))", ".format()"),
        ("def f(con, t):\n    sql = 'SELECT * FROM ' + t\n    con.execute(sql)", "operator"),
        ("def f(store, question):\n    store.query(question)", "parameter"),
        ("def f(con, parts):\n    con.sql(' '.join(parts))", ".join()"),
        ("def f(engine, q):\n    for sql in q.split(';'):\n        engine.store.query(sql)", "iterating"),
    ],
)
def test_the_sql_walker_catches_built_sql(snippet: str, reason: str) -> None:
    problems, checked = sql_problems(snippet, "snippet.py")
    assert checked == 1
    assert len(problems) == 1 and reason in problems[0], problems


@pytest.mark.parametrize(
    "snippet",
    [
        "SQL = 'SELECT 1'\ndef f(store):\n    store.query(SQL, {'m': 1})",
        "def f(store):\n    store.query('SELECT metric FROM metrics WHERE metric = $m', {'m': 2})",
        "def f(self, name):\n    sql = self.spec.queries[name]\n    self.store.query(sql)",
        "def f(engine, spec):\n    for name, sql in spec.queries.items():\n        engine.store.query(sql)",
    ],
)
def test_the_sql_walker_accepts_constant_sql(snippet: str) -> None:
    assert sql_problems(snippet, "snippet.py") == ([], 1)


INJECTIONS = [
    "'; DROP TABLE monthly; --",
    "hoeveel gesprekken'; DELETE FROM monthly; --",
    "1 OR 1=1",
    "mei 2020' OR '1'='1",
    "$metric",
    "$metric = 'gesprekken'; DROP TABLE metrics",
    "UNION SELECT value FROM monthly",
    "gesprekken in mei 2020 UNION SELECT 1,2,3 --",
    "'; ATTACH 'x.db' AS x; COPY monthly TO 'x.csv'; --",
    "gesprekken van 1712'); INSERT INTO monthly VALUES (1); --",
    "hoeveel gesprekken in mei 2020\u037e DROP TABLE monthly",  # Greek question mark
    "ＳＥＬＥＣＴ * ＦＲＯＭ monthly",  # fullwidth letters fold to ASCII
    "hoeveel gesprekken bij awel\u02bc; drop table helplines",  # modifier apostrophe
    "en in juni?'; CHECKPOINT; --",
    "grafiek gesprekken'; PRAGMA database_list; --",
    "hoeveel gesprekken in mei 2020?",  # a real question, for the figure path
    "vergelijk de gesprekken van 2019 en 2020",
    "wat zijn de openingsuren",
]


def test_adversarial_questions_leave_a_copy_of_the_database_unchanged(tmp_path: Path) -> None:
    copy = tmp_path / "stats.duckdb"
    shutil.copyfile(DB, copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    eng = Engine.open(copy)
    try:
        context = None
        for question in INJECTIONS:
            answer = eng.answer(question, context)
            context = answer.context
        assert eng.answer("hoeveel gesprekken in mei 2020?").answered  # the copy was read
        with pytest.raises(duckdb.Error):
            eng.store._con.execute("CREATE TABLE hacked (x INTEGER)")
        with pytest.raises(duckdb.Error):
            eng.store._con.execute("DELETE FROM monthly")
        with pytest.raises(DatabaseUnavailable):
            eng.store.query("INSERT INTO monthly SELECT * FROM monthly")
    finally:
        eng.close()
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stats.duckdb"]  # no WAL either
