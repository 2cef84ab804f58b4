"""The Telegram bot: the Application assembled from its parts, and `hulplijnbot run`."""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import logging
import signal
import sys
from typing import Any, cast
from urllib.parse import urlparse

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
    Update,
)
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot.data.resources import db_path
from bot.edges.telegram.handlers import BotApplication, register_handlers
from bot.edges.telegram.journal import Journal, JournalQueue, MemoryLinks
from bot.edges.telegram.logs import RedactSecrets, configure_logging
from bot.edges.telegram.processor import PerConversationProcessor
from bot.edges.telegram.settings import Settings, SettingsError, check_webhook_secret
from bot.edges.telegram.state import BotData, BotState, EngineFactory, EngineLike
from bot.edges.telegram.texts import GROUP_COMMANDS, PRIVATE_COMMANDS
from bot.edges.telegram.transport import PatientRateLimiter, TolerantBot
from bot.edges.telegram.webhook import WebhookUpdater
from bot.errors import DatabaseUnavailable

__all__ = [
    "ALLOWED_UPDATES",
    "PatientRateLimiter",
    "PerConversationProcessor",
    "build_application",
    "run_from_cli",
]

log = logging.getLogger(__name__)

# httpcore (1.0.9) imports sniffio inside a function it calls for every lock and connection of
# every request; anyio >= 4.11 no longer brings sniffio along, and Python does not remember a
# failed import, so each Bot API call searched all of sys.path about ten times: a quarter of
# the bot's CPU time (encode/httpcore#1103). None in sys.modules makes that import fail at
# once, which is what httpcore expects of a missing sniffio; an installed one is left alone.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
# Seconds SIGTERM leaves for answering the updates in hand before the rest is left to the
# journal (deploy/hulplijnbot.service gives the whole stop 90 s).
DRAIN_SECONDS = 60.0
EXIT_NO_NETWORK = 1


def _open_engine(db: str | None) -> EngineLike:
    from bot.engine import Engine

    return Engine.open(db)


def bot_commands() -> dict[str, list[BotCommand]]:
    """The command lists shown in Telegram's menu, by scope."""
    return {
        "private": [BotCommand(c, d) for c, d in PRIVATE_COMMANDS],
        "groups": [BotCommand(c, d) for c, d in GROUP_COMMANDS],
    }


def _on_stop_signals(limiter: PatientRateLimiter, drain_seconds: float) -> None:
    """Handle SIGTERM and SIGINT: stop fetching, answer what is in hand, then stop waiting.

    The updates in hand get at most `drain_seconds`; then flood limits are no longer waited for and what is
    left stays in the journal. A second signal stops waiting at once.
    """
    loop = asyncio.get_running_loop()
    stopping = False

    def stop() -> None:
        nonlocal stopping
        if stopping:
            limiter.abandon()
            return
        stopping = True
        log.info("stopping: answering the updates in hand (at most %.0f s)", drain_seconds)
        loop.call_later(drain_seconds, limiter.abandon)
        raise SystemExit  # as PTB's own handler: run_polling/run_webhook then stop gracefully

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop)


def build_application(
    settings: Settings,
    engine_factory: EngineFactory | None = None,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: PatientRateLimiter | None = None,
    drain_seconds: float | None = None,
) -> BotApplication:
    """The Application with every handler.

    The journal opens here (JournalUnavailable when it cannot), the engine in post_init, which also queues the
    updates the journal holds unanswered; both close in post_shutdown. `request` and `get_updates_request`
    replace the HTTP layer (tests); `drain_seconds` installs the SIGTERM handling of `run`.
    """
    token = settings.require_token()
    factory = engine_factory or (lambda: _open_engine(settings.db))
    limiter = rate_limiter or PatientRateLimiter()
    journal = (
        Journal.for_bot(settings.state_dir, settings.bot_id or 0) if settings.state_dir is not None else None
    )

    async def post_init(application: BotApplication) -> None:
        if importlib.util.find_spec("matplotlib") is None:  # said once here, and in each chart reply
            log.warning("matplotlib is not installed: charts go out as text (pip install matplotlib)")
        engine = await asyncio.to_thread(factory)
        warm_up = getattr(engine, "warm_up", None)
        if warm_up is not None:  # the first questions then come from warm caches
            asked = await asyncio.to_thread(warm_up)
            log.info("caches warmed with %d questions", asked)
        data = application.bot_data
        data.state = BotState(
            engine=engine, settings=settings, links=journal if journal is not None else MemoryLinks()
        )
        if journal is not None:
            pending = await asyncio.to_thread(journal.pending, application.bot)
            if pending:
                log.info("answering %d updates not answered before the last stop", len(pending))
            for update in pending:  # already journaled: straight into the queue
                application.update_queue.put_nowait(update)
        commands = bot_commands()
        try:
            await application.bot.set_my_commands(commands["private"], scope=BotCommandScopeAllPrivateChats())
            await application.bot.set_my_commands(commands["groups"], scope=BotCommandScopeAllGroupChats())
        except TelegramError as exc:  # a missing menu is no reason not to answer
            log.warning("could not register the command menus: %s", exc)
        if drain_seconds is not None:
            _on_stop_signals(limiter, drain_seconds)
        log.info("hulplijnbot ready as @%s", application.bot.username)

    async def post_shutdown(application: BotApplication) -> None:
        state = application.bot_data.drop_state()
        if state is not None:
            state.engine.close()
        if journal is not None:
            journal.close()

    # The bot is built here rather than by ApplicationBuilder, to be a TolerantBot; the
    # request defaults are the builder's own.
    bot = TolerantBot(
        token,
        base_url=settings.api_base_url,
        base_file_url=settings.api_base_file_url,
        request=request or HTTPXRequest(connection_pool_size=256),
        get_updates_request=get_updates_request or HTTPXRequest(connection_pool_size=1),
        rate_limiter=limiter,
        defaults=Defaults(
            allow_sending_without_reply=True, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
    )
    queue: asyncio.Queue[object] = JournalQueue(journal) if journal is not None else asyncio.Queue()
    context_types = ContextTypes(bot_data=BotData)
    # The builder's types know neither the TolerantBot inside the updater nor the missing job
    # queue; the Application is exactly a BotApplication.
    application = cast(
        BotApplication,
        ApplicationBuilder()
        .updater(WebhookUpdater(bot, queue))
        .context_types(context_types)
        .concurrent_updates(PerConversationProcessor(journal=journal))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .job_queue(None)
        .build(),
    )
    application.bot_data.settings = settings
    application.bot_data.journal = journal
    register_handlers(application)
    return application


def webhook_options(webhook_url: str, listen: str, port: int, secret: str) -> dict[str, Any]:
    """The arguments of run_webhook / Updater.start_webhook.

    The local server listens at the path of the public URL, so a reverse proxy forwards the path unchanged.
    """
    return {
        "listen": listen,
        "port": port,
        "url_path": urlparse(webhook_url).path.lstrip("/"),
        "webhook_url": webhook_url,
        "secret_token": secret,
        "allowed_updates": ALLOWED_UPDATES,
    }


def run_from_cli(args: argparse.Namespace) -> int:
    """`hulplijnbot run`: long polling, or a webhook with --webhook-url.

    Without a network it says so in one line and exits 1 (systemd starts it again, with a growing pause).
    """
    settings = Settings.from_env()
    settings.require_token()
    webhook_url = getattr(args, "webhook_url", None)
    secret = None
    if webhook_url:
        secret = check_webhook_secret(getattr(args, "secret_token", None) or settings.webhook_secret)
    db = getattr(args, "db", None) or settings.db
    # Fail before connecting to Telegram: the engine itself only opens in post_init.
    if not db_path(db).is_file():
        raise DatabaseUnavailable(f"database not found: {db_path(db)}")
    configure_logging(settings, extra_secrets=[secret])
    application = build_application(
        settings, engine_factory=lambda: _open_engine(db), drain_seconds=DRAIN_SECONDS
    )
    try:
        if webhook_url and secret:
            application.run_webhook(**webhook_options(webhook_url, args.listen, args.port, secret))
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        # PTB's message contains the token itself: say it without.
        raise SettingsError("Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather") from None
    except NetworkError as exc:
        host = urlparse(settings.api_base_url).netloc
        reason = RedactSecrets([settings.token]).redact(str(exc))
        print(f"hulplijnbot: cannot reach the Telegram Bot API at {host}: {reason}", file=sys.stderr)
        return EXIT_NO_NETWORK
    return 0
