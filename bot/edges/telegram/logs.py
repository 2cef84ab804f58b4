"""Logging for the Telegram bot: to stderr, secrets redacted, no person named unless debugging.

Staff questions can be sensitive, so at INFO and above a log line names a chat or user only by a keyed hash
(`#3f9a0c21`, the same for the same id while the token stays the same, so one person's lines can be followed)
and never carries message text. HULPLIJNBOT_LOG_LEVEL=DEBUG shows ids and updates in full. Under systemd,
stderr goes to the journal.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from typing import IO

from telegram import Update

from bot.edges.telegram.settings import Settings

log = logging.getLogger(__name__)

_id_key = os.urandom(16)  # replaced by a key derived from the token in configure_logging


def set_id_key(secret: str) -> None:
    """Key the id hashes with `secret` (the token), so they stay the same across restarts."""
    global _id_key
    _id_key = hashlib.sha256(b"hulplijnbot ids\0" + secret.encode()).digest()


def debugging() -> bool:
    """Whether log lines may hold ids and message text (HULPLIJNBOT_LOG_LEVEL=DEBUG)."""
    return logging.getLogger("bot").isEnabledFor(logging.DEBUG)


def ref(ident: int | str | None) -> str:
    """A chat or user id as a log line shows it: a keyed hash, or the id itself when debugging."""
    if ident is None:
        return "-"
    if debugging():
        return str(ident)
    return "#" + hmac.new(_id_key, str(ident).encode(), hashlib.sha256).hexdigest()[:8]


def update_kind(update: Update) -> str:
    """What an update carries: message, callback_query, inline_query, ... or empty."""
    for kind in ("message", "edited_message", "callback_query", "inline_query", "channel_post"):
        if getattr(update, kind, None) is not None:
            return kind
    return "empty"


def describe(update: object) -> str:
    """An update for a log line: its id, kind, chat and user (hashed), and only when debugging its content."""
    if not isinstance(update, Update):
        return type(update).__name__
    chat, user = update.effective_chat, update.effective_user
    text = (
        f"update {update.update_id} ({update_kind(update)}, chat {ref(chat.id if chat else None)}, "
        f"user {ref(user.id if user else None)})"
    )
    if debugging():
        text += " " + json.dumps(update.to_dict(), ensure_ascii=False)[:2000]
    return text


class RedactSecrets(logging.Filter):
    """Replaces the bot token (and other secrets) in log records, tracebacks included.

    httpx and some PTB errors put the token into URLs and messages.
    """

    _TOKEN_SHAPE = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}")

    def __init__(self, secrets: Sequence[str | None]) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """`text` with every secret, and anything shaped like a bot token, replaced."""
        for secret in self._secrets:
            text = text.replace(secret, "[REDACTED]")
        return self._TOKEN_SHAPE.sub("[REDACTED]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the message, the traceback and the stack of `record`."""
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class QuietAborts(logging.Filter):
    """Drops PTB's "...

    Aborting" records (a rejected token, no network at start): PTB logs them with a 40-line traceback and then
    raises, and `hulplijnbot run` says the same in one line. Kept when debugging.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """False for PTB's retry loop giving up, unless debugging."""
        if record.name == "telegram.ext" and "Aborting" in record.getMessage():
            return debugging()
        return True


def configure_logging(
    settings: Settings, stream: IO[str] | None = None, extra_secrets: Sequence[str | None] = ()
) -> logging.Handler:
    """Log to stderr (journald under systemd) at the configured level, secrets redacted."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(QuietAborts())
    handler.addFilter(RedactSecrets([settings.token, settings.webhook_secret, *extra_secrets]))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(settings.log_level_number)
    if settings.token:
        set_id_key(settings.token)
    # httpx logs every request URL at INFO, and those URLs contain the token.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler
