"""The environment variables of `hulplijnbot run`, declared once and parsed into one object.

VARIABLES is the single table of name, default and help; docs/telegram.md documents the same
table and README.md names every variable (tests keep them in step). The Telegram front end
reads these, except HULPLIJNBOT_CACHE_DIR, which the core reads and which is listed here so
that the one table documents everything `run` depends on.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.errors import HulplijnbotError


class SettingsError(HulplijnbotError):
    """An environment variable is missing or malformed (the CLI prints it and exits with 2)."""


@dataclass(frozen=True)
class Variable:
    """One environment variable: its name, default (None: no default) and what it is for."""

    name: str
    default: str | None
    help: str
    shown_default: str | None = None  # for the docs, when the default is computed


VARIABLES: tuple[Variable, ...] = (
    Variable(
        "TELEGRAM_BOT_TOKEN", None, "Bot token from @BotFather. Required for `hulplijnbot run`; never logged."
    ),
    Variable(
        "TELEGRAM_API_BASE_URL",
        "https://api.telegram.org/bot",
        "Bot API base URL; the token is appended (e.g. http://127.0.0.1:8081/bot for a "
        "local Bot API server).",
    ),
    Variable(
        "TELEGRAM_API_BASE_FILE_URL",
        "https://api.telegram.org/file/bot",
        "Base URL for file downloads; the token is appended.",
    ),
    Variable(
        "HULPLIJNBOT_ALLOWED_CHATS",
        "",
        "Comma-separated chat ids the bot answers in (private chat id = user id). Empty: every chat.",
    ),
    Variable(
        "HULPLIJNBOT_ALLOWED_USERS",
        "",
        "Comma-separated user ids the bot answers, wherever they ask. Empty: everyone. Inline "
        "queries carry no chat: with only HULPLIJNBOT_ALLOWED_CHATS set, inline mode is closed.",
    ),
    Variable("HULPLIJNBOT_LOG_LEVEL", "INFO", "DEBUG, INFO, WARNING or ERROR."),
    Variable(
        "HULPLIJNBOT_WEBHOOK_SECRET",
        "",
        "Secret Telegram sends with every webhook request (A-Z a-z 0-9 _ -, 1-256 chars); "
        "required with --webhook-url unless --secret-token is given.",
    ),
    Variable("HULPLIJNBOT_DB", "", "Statistics database (default: the bundled one); --db overrides it."),
    Variable(
        "HULPLIJNBOT_STATE_DIR",
        "",
        "Where the update journal lives (SQLite, kept so that no question is lost or answered "
        "twice across restarts); `run` refuses to start when it cannot be written.",
        shown_default="`$XDG_STATE_HOME/hulplijnbot` or `~/.local/state/hulplijnbot`",
    ),
    Variable(
        "HULPLIJNBOT_CACHE_DIR",
        "",
        "Cache of the masked intent examples and the Dutch word list (read by the core; a cache "
        "that cannot be written is not used).",
        shown_default="`$XDG_CACHE_HOME/hulplijnbot` or `~/.cache/hulplijnbot`",
    ),
)

_TOKEN_RE = re.compile(r"\d+:[A-Za-z0-9_-]+")
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def default_state_dir(environ: Mapping[str, str]) -> Path:
    """$XDG_STATE_HOME/hulplijnbot, else ~/.local/state/hulplijnbot (the XDG base directories)."""
    base = environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "hulplijnbot"


def _ids(name: str, raw: str) -> frozenset[int] | None:
    """Parse an allow-list; None (no restriction) when the variable is empty."""
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts:
        return None
    try:
        return frozenset(int(p) for p in parts)
    except ValueError:
        raise SettingsError(f"{name} must be comma-separated numeric ids, got {raw!r}") from None


@dataclass(frozen=True)
class Settings:
    """The parsed environment. Empty variables count as unset."""

    token: str | None = None
    api_base_url: str = "https://api.telegram.org/bot"
    api_base_file_url: str = "https://api.telegram.org/file/bot"
    allowed_chats: frozenset[int] | None = None
    allowed_users: frozenset[int] | None = None
    log_level: str = "INFO"
    webhook_secret: str | None = None
    db: str | None = None
    # None: no journal (offline tests and tools that never poll); from_env always sets one.
    state_dir: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read VARIABLES from `environ` (default os.environ); raise SettingsError if malformed."""
        env = os.environ if environ is None else environ
        raw = {v.name: (env.get(v.name) or "").strip() or (v.default or "") for v in VARIABLES}
        level = raw["HULPLIJNBOT_LOG_LEVEL"].upper()
        if level not in _LEVELS:
            raise SettingsError(f"HULPLIJNBOT_LOG_LEVEL must be one of {', '.join(_LEVELS)}, got {level!r}")
        token = raw["TELEGRAM_BOT_TOKEN"] or None
        if token is not None and not _TOKEN_RE.fullmatch(token):
            # Do not echo the value: a malformed token may still be mostly secret.
            raise SettingsError("TELEGRAM_BOT_TOKEN is malformed: expected <digits>:<letters>")
        return cls(
            token=token,
            api_base_url=raw["TELEGRAM_API_BASE_URL"],
            api_base_file_url=raw["TELEGRAM_API_BASE_FILE_URL"],
            allowed_chats=_ids("HULPLIJNBOT_ALLOWED_CHATS", raw["HULPLIJNBOT_ALLOWED_CHATS"]),
            allowed_users=_ids("HULPLIJNBOT_ALLOWED_USERS", raw["HULPLIJNBOT_ALLOWED_USERS"]),
            log_level=level,
            webhook_secret=raw["HULPLIJNBOT_WEBHOOK_SECRET"] or None,
            db=raw["HULPLIJNBOT_DB"] or None,
            state_dir=Path(raw["HULPLIJNBOT_STATE_DIR"])
            if raw["HULPLIJNBOT_STATE_DIR"]
            else default_state_dir(env),
        )

    def require_token(self) -> str:
        """The bot token, or a SettingsError that says how to get one."""
        if not self.token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its "
                "token (see docs/telegram.md)"
            )
        return self.token

    def allows(self, chat_id: int | None, user_id: int | None) -> bool:
        """Whether the allow-lists admit this chat and user.

        Every list that is set must admit the update. An update without a chat (an inline query) cannot pass a
        chat list, so with only HULPLIJNBOT_ALLOWED_CHATS set it is refused; a user list admits it by the
        user.
        """
        if self.allowed_chats is not None:
            if chat_id is None and self.allowed_users is None:
                return False
            if chat_id is not None and chat_id not in self.allowed_chats:
                return False
        return self.allowed_users is None or user_id in self.allowed_users

    @property
    def bot_id(self) -> int | None:
        """The bot's id: the digits before the colon of the token (public, not secret)."""
        return int(self.token.split(":", 1)[0]) if self.token else None

    @property
    def log_level_number(self) -> int:
        """The log level as a logging constant."""
        return logging.getLevelNamesMapping()[self.log_level]


def check_webhook_secret(secret: str | None) -> str:
    """The webhook secret, or a SettingsError when it is missing or has characters Telegram refuses."""
    if not secret:
        raise SettingsError("a webhook needs a secret: set HULPLIJNBOT_WEBHOOK_SECRET or pass --secret-token")
    if not _SECRET_RE.fullmatch(secret):
        raise SettingsError("the webhook secret may only hold A-Z, a-z, 0-9, _ and - (1 to 256 characters)")
    return secret


def variables_markdown() -> str:
    """VARIABLES as a Markdown table (the one in docs/telegram.md)."""
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for v in VARIABLES:
        default = v.shown_default or (f"`{v.default}`" if v.default else "(none)")
        rows.append(f"| `{v.name}` | {default} | {v.help} |")
    return "\n".join(rows)
