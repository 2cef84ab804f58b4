"""The webhook: Telegram posts updates to a small tornado server behind the reverse proxy.

PTB's own webhook answered a body that is not JSON with HTTP 500 and an update it could not
read with 400, and Telegram resends those for as long as it gets no 200: one bad update
blocked the webhook for a day. Here such a request is logged and answered 200. A good update
is answered 200 only once the journal holds it (JournalQueue.put); when the journal cannot be
written the answer is 500, so that Telegram sends it again. A request without the secret token
is refused with 403 (it does not come from Telegram).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Sequence
from http import HTTPStatus
from pathlib import Path
from socket import socket
from typing import Any

import tornado.web
from telegram import Bot, Update
from telegram.ext import Updater
from tornado.httpserver import HTTPServer

from bot.edges.telegram.logs import debugging

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class _UpdateHandler(tornado.web.RequestHandler):
    """POST /<path>: one update from Telegram."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot: Bot, queue: asyncio.Queue[object], secret: str | None) -> None:
        """Tornado's per-request set-up."""
        self.bot = bot
        self.queue = queue
        self.secret = secret

    async def post(self) -> None:
        """Journal and queue the update; 200 unless it must be sent again."""
        if self.secret is not None:
            given = self.request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), self.secret.encode()):
                log.info("webhook: a request without the right secret token, refused")
                self.set_status(HTTPStatus.FORBIDDEN)
                return
        raw = self.request.body
        try:
            data = json.loads(raw)
            update = Update.de_json(data, self.bot)
            if update is None:
                raise ValueError("no update")
        except Exception as exc:
            content = f": {raw[:300]!r}" if debugging() else ""
            log.warning(
                "webhook: a request that is no readable update (%s, %d bytes), ignored%s",
                type(exc).__name__,
                len(raw),
                content,
            )
            self.set_status(HTTPStatus.OK)  # Telegram would send it again forever
            return
        await self.queue.put(update)  # raises (and so answers 500) when the journal fails
        self.set_status(HTTPStatus.OK)

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """One line instead of tornado's traceback (a journal that fails is logged by its put)."""
        log.error("webhook: update not accepted (%s: %s); Telegram will send it again", typ.__name__, value)


class WebhookUpdater(Updater):
    """PTB's Updater (long polling unchanged), with the webhook served by _UpdateHandler.

    The server listens before the webhook is registered, so Telegram's first post finds it.
    """

    def __init__(self, bot: Bot, update_queue: asyncio.Queue[object]) -> None:
        super().__init__(bot, update_queue)
        self._server: HTTPServer | None = None

    @property
    def running(self) -> bool:
        """Whether polling or the webhook server is running."""
        return self._server is not None or super().running

    async def start_webhook(
        self,
        listen: Any = "127.0.0.1",
        port: Any = 80,
        url_path: str = "",
        cert: str | Path | None = None,
        key: str | Path | None = None,
        bootstrap_retries: int = 0,
        webhook_url: str | None = None,
        allowed_updates: Sequence[str] | None = None,
        drop_pending_updates: bool | None = None,
        ip_address: str | None = None,
        max_connections: int = 40,
        secret_token: str | None = None,
        unix: str | Path | socket | None = None,
    ) -> asyncio.Queue[object]:
        """Serve http://listen:port/url_path and register `webhook_url` with Telegram.

        TLS is the reverse proxy's job.
        """
        if cert is not None or key is not None or unix is not None:
            raise ValueError("TLS and unix sockets are the reverse proxy's job")
        if self.running:
            raise RuntimeError("this Updater is already running")
        path = "/" + url_path.strip("/")
        app = tornado.web.Application(
            [
                (
                    rf"{path}/?",
                    _UpdateHandler,
                    {"bot": self.bot, "queue": self.update_queue, "secret": secret_token},
                )
            ],
            log_function=lambda handler: None,
        )
        server = HTTPServer(app, xheaders=True)
        server.listen(int(port), address=str(listen))
        self._server = server
        try:
            await self.bot.set_webhook(
                url=webhook_url or f"http://{listen}:{port}{path}",
                allowed_updates=allowed_updates,
                drop_pending_updates=drop_pending_updates,
                ip_address=ip_address,
                max_connections=max_connections,
                secret_token=secret_token,
            )
        except BaseException:
            await self._stop_server()
            raise
        log.info("webhook: listening on %s:%s%s", listen, port, path)
        return self.update_queue

    async def _stop_server(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stop()
            await server.close_all_connections()

    async def stop(self) -> None:
        """Stop the webhook server, or polling."""
        if self._server is not None:
            await self._stop_server()
        else:
            await super().stop()
