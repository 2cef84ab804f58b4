"""`hulplijnbot run`: settings from the environment, exit codes, polling versus webhook, and
the token kept out of every log line."""

from __future__ import annotations

import argparse
import io
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_bot_api import TOKEN
from telegram.error import InvalidToken
from telegram.ext import Application

from bot.edges import cli
from bot.edges.telegram import app as telegram_app
from bot.edges.telegram.app import ALLOWED_UPDATES
from bot.edges.telegram.logs import RedactSecrets, configure_logging
from bot.edges.telegram.settings import VARIABLES, Settings, SettingsError, variables_markdown

ROOT = Path(__file__).resolve().parent.parent
CLEAN_ENV = {v.name: "" for v in VARIABLES}


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """An environment without any of our variables set, but with the state folder in tmp_path
    (the journal must not go to the home folder of whoever runs the tests)."""
    for name in CLEAN_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return monkeypatch


# --- settings ------------------------------------------------------------------------------


def test_defaults() -> None:
    s = Settings.from_env({})
    assert (s.token, s.allowed_chats, s.allowed_users, s.log_level) == (None, None, None, "INFO")
    assert s.api_base_url == "https://api.telegram.org/bot"


@pytest.mark.parametrize(
    ("env", "field", "value"),
    [
        ({"HULPLIJNBOT_ALLOWED_CHATS": "1, -1001234 ,,"}, "allowed_chats", frozenset({1, -1001234})),
        ({"HULPLIJNBOT_ALLOWED_USERS": " 42 "}, "allowed_users", frozenset({42})),
        ({"HULPLIJNBOT_ALLOWED_USERS": "  "}, "allowed_users", None),
        ({"HULPLIJNBOT_LOG_LEVEL": "debug"}, "log_level", "DEBUG"),
        ({"TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"}, "api_base_url", "http://127.0.0.1:8081/bot"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN}, "token", TOKEN),
        ({"HULPLIJNBOT_WEBHOOK_SECRET": "s3cret_-x"}, "webhook_secret", "s3cret_-x"),
    ],
)
def test_from_env(env: dict[str, str], field: str, value: Any) -> None:
    assert getattr(Settings.from_env(env), field) == value


@pytest.mark.parametrize(
    ("env", "state_dir"),
    [
        ({"HULPLIJNBOT_STATE_DIR": "/srv/bot"}, Path("/srv/bot")),
        ({"HULPLIJNBOT_STATE_DIR": "/srv/bot", "XDG_STATE_HOME": "/x"}, Path("/srv/bot")),
        ({"XDG_STATE_HOME": "/x"}, Path("/x/hulplijnbot")),
        ({}, Path.home() / ".local" / "state" / "hulplijnbot"),
    ],
)
def test_state_dir(env: dict[str, str], state_dir: Path) -> None:
    assert Settings.from_env(env).state_dir == state_dir
    assert Settings().state_dir is None  # built by hand (offline tests): no journal


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"HULPLIJNBOT_ALLOWED_CHATS": "12,abc"}, "HULPLIJNBOT_ALLOWED_CHATS"),
        ({"HULPLIJNBOT_LOG_LEVEL": "LOUD"}, "HULPLIJNBOT_LOG_LEVEL"),
        ({"TELEGRAM_BOT_TOKEN": "not a token"}, "TELEGRAM_BOT_TOKEN"),
    ],
)
def test_from_env_rejects(env: dict[str, str], needle: str) -> None:
    with pytest.raises(SettingsError, match=needle) as info:
        Settings.from_env(env)
    assert "not a token" not in str(info.value)


@pytest.mark.parametrize(
    ("chats", "users", "chat_id", "user_id", "allowed"),
    [
        (None, None, 5, 5, True),
        ({5}, None, 5, 7, True),
        ({5}, None, 6, 5, False),
        (None, {7}, 5, 7, True),
        (None, {7}, 5, 8, False),
        ({5}, {7}, 5, 7, True),
        ({5}, {7}, 6, 7, False),
        ({5}, {7}, None, 7, True),  # inline query: no chat, users only
        ({5}, None, None, 7, False),  # inline with only a chat list: closed
        (None, {7}, None, None, False),
    ],
)
def test_allows(
    chats: set[int] | None, users: set[int] | None, chat_id: int | None, user_id: int | None, allowed: bool
) -> None:
    s = Settings(
        allowed_chats=frozenset(chats) if chats is not None else None,
        allowed_users=frozenset(users) if users is not None else None,
    )
    assert s.allows(chat_id, user_id) is allowed


def test_docs_list_every_variable() -> None:
    docs = (ROOT / "docs" / "telegram.md").read_text(encoding="utf-8")
    assert variables_markdown() in docs


# --- exit codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env_vars", "argv", "needle"),
    [
        ({}, ["run"], "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "nonsense"}, ["run"], "TELEGRAM_BOT_TOKEN is malformed"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN}, ["run", "--webhook-url", "https://x.example/hook"], "needs a secret"),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN},
            ["run", "--webhook-url", "https://x.example/hook", "--secret-token", "no spaces"],
            "may only hold",
        ),
        ({"TELEGRAM_BOT_TOKEN": TOKEN}, ["run", "--db", "/nonexistent/stats.duckdb"], "database not found"),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "HULPLIJNBOT_DB": "/nonexistent/x.duckdb"},
            ["run"],
            "database not found",
        ),
    ],
)
def test_configuration_errors_exit_2_with_one_line(
    env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env_vars: dict[str, str],
    argv: list[str],
    needle: str,
) -> None:
    for name, value in env_vars.items():
        env.setenv(name, value)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_token_exit_code_from_the_command_line() -> None:
    environ = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("hulplijnbot: TELEGRAM_BOT_TOKEN is not set")
    assert proc.stderr.count("\n") == 1 and proc.stdout == ""


# --- polling or webhook --------------------------------------------------------------------


@pytest.fixture
def runs(env: pytest.MonkeyPatch) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Record run_polling / run_webhook instead of running; keep the root logger as it was."""
    calls: list[tuple[str, dict[str, Any]]] = []
    env.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    env.setattr(Application, "run_polling", lambda self, **kw: calls.append(("polling", kw)))
    env.setattr(Application, "run_webhook", lambda self, **kw: calls.append(("webhook", kw)))
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield calls
    root.handlers[:] = handlers
    root.setLevel(level)


def _args(*argv: str) -> argparse.Namespace:
    return cli.build_parser().parse_args(["run", *argv])


def test_run_polls_by_default(runs: list[tuple[str, dict[str, Any]]]) -> None:
    assert telegram_app.run_from_cli(_args()) == 0
    assert runs == [("polling", {"allowed_updates": ALLOWED_UPDATES})]


@pytest.mark.parametrize(
    ("argv", "secret_env", "secret"),
    [
        (["--secret-token", "from_flag"], "", "from_flag"),
        ([], "from_env", "from_env"),
        (["--secret-token", "flag_wins"], "from_env", "flag_wins"),
    ],
)
def test_run_webhook(
    runs: list[tuple[str, dict[str, Any]]],
    env: pytest.MonkeyPatch,
    argv: list[str],
    secret_env: str,
    secret: str,
) -> None:
    env.setenv("HULPLIJNBOT_WEBHOOK_SECRET", secret_env)
    args = _args(
        "--webhook-url",
        "https://bot.example.org/hulplijnbot/hook",
        "--listen",
        "127.0.0.1",
        "--port",
        "8443",
        *argv,
    )
    assert telegram_app.run_from_cli(args) == 0
    assert runs == [
        (
            "webhook",
            {
                "listen": "127.0.0.1",
                "port": 8443,
                "url_path": "hulplijnbot/hook",
                "webhook_url": "https://bot.example.org/hulplijnbot/hook",
                "secret_token": secret,
                "allowed_updates": ALLOWED_UPDATES,
            },
        )
    ]


def test_rejected_token_is_a_configuration_error_without_the_token(
    runs: list[tuple[str, dict[str, Any]]], env: pytest.MonkeyPatch
) -> None:
    def rejected(self: Application, **kw: Any) -> None:
        raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.")

    env.setattr(Application, "run_polling", rejected)
    with pytest.raises(SettingsError) as info:
        telegram_app.run_from_cli(_args())
    assert TOKEN not in str(info.value) and info.value.__cause__ is None


# --- the token never reaches a log line ----------------------------------------------------


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {n: logging.getLogger(n).level for n in ("httpx", "httpcore")}
    configure_logging(
        Settings(token=TOKEN, webhook_secret="hooksecret_123", log_level="DEBUG"), stream=stream
    )
    yield stream
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, lvl in levels.items():
        logging.getLogger(name).setLevel(lvl)


def test_httpx_request_lines_are_silenced(log_stream: io.StringIO) -> None:
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN)
    assert log_stream.getvalue() == ""


@pytest.mark.parametrize(
    "emit",
    [
        lambda log: log.warning("POST https://api.telegram.org/bot%s/sendMessage failed", TOKEN),
        lambda log: log.error(f"token {TOKEN} in the message itself"),
        lambda log: log.error("secret %s", "hooksecret_123"),
        lambda log: log.warning("shaped like a token: 987654321:%s", "A" * 35),
    ],
)
def test_secrets_are_redacted(log_stream: io.StringIO, emit: Any) -> None:
    emit(logging.getLogger("httpx"))
    emit(logging.getLogger("bot.edges.telegram.app"))
    out = log_stream.getvalue()
    assert out.count("[REDACTED]") == 2
    assert TOKEN not in out and "hooksecret_123" not in out and "A" * 35 not in out


def test_secrets_are_redacted_in_tracebacks(log_stream: io.StringIO) -> None:
    try:
        raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.")
    except InvalidToken:
        logging.getLogger("telegram.ext.Application").exception("startup failed")
    out = log_stream.getvalue()
    assert "InvalidToken" in out and "[REDACTED]" in out and TOKEN not in out


def test_redaction_leaves_ordinary_text_alone() -> None:
    redact = RedactSecrets([TOKEN, None, ""]).redact
    assert redact("hoeveel gesprekken in mei 2020: 12:30") == ("hoeveel gesprekken in mei 2020: 12:30")


# --- the systemd unit ----------------------------------------------------------------------


def unit_settings() -> dict[str, list[str]]:
    """deploy/hulplijnbot.service as key -> values (a key may repeat)."""
    found: dict[str, list[str]] = {}
    for line in (ROOT / "deploy" / "hulplijnbot.service").read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def seconds(value: str) -> float:
    number, unit = re.fullmatch(r"(\d+)\s*(s|min)?", value).groups()  # type: ignore[union-attr]
    return float(number) * (60 if unit == "min" else 1)


def test_the_unit_keeps_the_journal_and_waits_for_the_drain() -> None:
    unit = unit_settings()
    assert unit["StateDirectory"] == ["hulplijnbot"]
    assert any("HULPLIJNBOT_STATE_DIR=%S/hulplijnbot" in v for v in unit["Environment"])
    # SIGTERM's drain must end before systemd's SIGKILL
    assert seconds(unit["TimeoutStopSec"][0]) >= telegram_app.DRAIN_SECONDS + 20
    assert unit["RestartPreventExitStatus"] == ["2"] and unit["Restart"] == ["on-failure"]
    assert unit["StartLimitIntervalSec"] == ["0"]  # no network for an hour: keeps trying
