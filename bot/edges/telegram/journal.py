"""The update journal: no question lost, none answered twice, across crashes and restarts.

Telegram forgets an update once the bot confirms it (the next getUpdates carries a higher
offset; a webhook answers 200). PTB confirms a batch before answering it, so a crash lost every
question fetched but not yet answered, and a confirmation that failed made the next start
answer a batch again. The journal closes both gaps:

- every update is written to SQLite (WAL mode, synchronous=FULL) before Telegram can hear it
  was received: JournalQueue.put is where PTB's polling loop and the webhook hand over updates,
  and PTB confirms only what was handed over;
- an update whose id (and content) the journal already holds is not handled again;
- an update is marked done once it was handled (its reply delivered, or certainly failed and
  apologised for, or there was nothing to answer), and its content is then erased;
- at start, updates not done are handled again, oldest first (younger than a day: older ones
  are stale, as Telegram itself forgets unconfirmed updates after a day).

One file per bot (the bot id is in its name) in HULPLIJNBOT_STATE_DIR, readable by its owner
only. Done rows are kept two days, as ids to recognise a resent update, then deleted.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from telegram import Bot, Update

from bot.edges.telegram.rendering import question_key
from bot.errors import HulplijnbotError

log = logging.getLogger(__name__)

REPLAY_MAX_AGE = 24 * 3600.0  # seconds: Telegram keeps unconfirmed updates for a day
KEEP_DONE = 48 * 3600.0  # seconds a handled update's id is remembered
KEEP_LINKS = 7 * 24 * 3600.0  # seconds a question behind an inline deep link is remembered

_SCHEMA = """
CREATE TABLE IF NOT EXISTS updates (
    update_id INTEGER PRIMARY KEY,
    digest    TEXT NOT NULL,     -- of the update's content: an id Telegram reuses is a new update
    received  REAL NOT NULL,     -- unix time
    done      REAL,              -- unix time it was handled; NULL while pending
    payload   TEXT               -- the update as JSON while pending
);
CREATE INDEX IF NOT EXISTS updates_pending ON updates (done, update_id);
CREATE TABLE IF NOT EXISTS start_links (
    key      TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    created  REAL NOT NULL
);
"""


class JournalUnavailable(HulplijnbotError):
    """The journal cannot be opened or written (the CLI prints it; the bot does not start)."""


def _digest(update: Update) -> str:
    content = json.dumps(update.to_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()[:32]


class Journal:
    """The SQLite journal of one bot. Thread-safe; the async methods run off the event loop."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._kept: set[int] = set()  # handled in this run but to be handled again next start
        self._finished = 0
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))  # owner only, before SQLite
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":
                raise sqlite3.OperationalError(f"WAL mode not available (got {mode})")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_SCHEMA)
            self._prune()
        except (OSError, sqlite3.Error) as exc:
            raise JournalUnavailable(
                f"cannot open the update journal {path}: {exc} (set HULPLIJNBOT_STATE_DIR to a "
                "writable directory)"
            ) from None

    @classmethod
    def for_bot(cls, state_dir: Path, bot_id: int) -> Journal:
        """The journal of bot `bot_id` in `state_dir`."""
        return cls(state_dir / f"journal-{bot_id}.sqlite3")

    def close(self) -> None:
        """Close the database (pending updates stay for the next start)."""
        with self._lock:
            self._db.close()

    def _prune(self) -> None:
        now = self._clock()
        with self._lock:
            self._db.execute("DELETE FROM updates WHERE done IS NOT NULL AND done < ?", (now - KEEP_DONE,))
            self._db.execute("DELETE FROM start_links WHERE created < ?", (now - KEEP_LINKS,))

    # -- updates ----------------------------------------------------------------------------

    def receive(self, update: Update) -> bool:
        """Write the update down; False when the journal already holds it (pending or done)."""
        digest = _digest(update)
        payload = json.dumps(update.to_dict(), ensure_ascii=False)
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO updates (update_id, digest, received, payload) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (update_id) DO UPDATE SET digest = excluded.digest, "
                "received = excluded.received, done = NULL, payload = excluded.payload "
                "WHERE updates.digest != excluded.digest",
                (update.update_id, digest, self._clock(), payload),
            )
            return cursor.rowcount > 0

    def finish(self, update_id: int) -> None:
        """Mark the update handled and forget its content (unless `keep` asked otherwise)."""
        with self._lock:
            if update_id in self._kept:
                self._kept.discard(update_id)
                return
            self._db.execute(
                "UPDATE updates SET done = ?, payload = NULL WHERE update_id = ? AND done IS NULL",
                (self._clock(), update_id),
            )
            self._finished += 1
        if self._finished % 1000 == 0:  # a bot runs for months: forget old ids now and then
            self._prune()

    def keep(self, update_id: int) -> None:
        """Leave the update pending when it finishes now, to be handled again at the next start.

        The bot is stopping and its reply could not go out.
        """
        with self._lock:
            self._kept.add(update_id)

    def pending(self, bot: Bot) -> list[Update]:
        """The updates not handled yet, oldest first.

        Those older than a day are marked done (and logged) instead.
        """
        now = self._clock()
        with self._lock:
            rows = self._db.execute(
                "SELECT update_id, received, payload FROM updates WHERE done IS NULL ORDER BY update_id"
            ).fetchall()
        updates: list[Update] = []
        for update_id, received, payload in rows:
            update = None
            if now - received <= REPLAY_MAX_AGE:
                try:
                    update = Update.de_json(json.loads(payload), bot)
                except Exception as exc:  # a row written by another version, say
                    log.warning("journal: update %s cannot be read again (%s)", update_id, type(exc).__name__)
            else:
                log.warning(
                    "journal: update %s is more than a day old and is not answered any more", update_id
                )
            if update is None:
                self.finish(update_id)
            else:
                updates.append(update)
        return updates

    def state(self, update_id: int) -> str | None:
        """The state of an update: "pending", "done" or None (unknown); for tests and inspection."""
        with self._lock:
            row = self._db.execute("SELECT done FROM updates WHERE update_id = ?", (update_id,)).fetchone()
        return None if row is None else ("pending" if row[0] is None else "done")

    async def areceive(self, update: Update) -> bool:
        """receive, off the event loop."""
        return await asyncio.to_thread(self.receive, update)

    async def afinish(self, update_id: int) -> None:
        """finish, off the event loop."""
        await asyncio.to_thread(self.finish, update_id)

    # -- questions behind inline deep links ---------------------------------------------------

    def remember_question(self, question: str) -> str:
        """The /start parameter of a question too long to carry, remembered for a week."""
        key = question_key(question)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO start_links (key, question, created) VALUES (?, ?, ?)",
                (key, question, self._clock()),
            )
        return key

    def recall_question(self, key: str) -> str | None:
        """The question remembered under `key`, or None."""
        with self._lock:
            row = self._db.execute("SELECT question FROM start_links WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])


class MemoryLinks:
    """Questions behind deep links, in memory (when there is no journal)."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._questions: dict[str, str] = {}
        self._max = max_entries

    def remember_question(self, question: str) -> str:
        """The /start parameter of `question`."""
        key = question_key(question)
        if len(self._questions) >= self._max:
            self._questions.pop(next(iter(self._questions)))
        self._questions[key] = question
        return key

    def recall_question(self, key: str) -> str | None:
        """The question remembered under `key`, or None."""
        return self._questions.get(key)


class JournalQueue(asyncio.Queue[object]):
    """PTB's update queue, journaling every update before it is queued.

    PTB's polling loop confirms a batch to Telegram only after putting all of it here, and the webhook answers
    200 only after its put returns, so Telegram never forgets an update the journal does not hold. An update
    the journal already holds is not queued again.
    """

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal

    async def put(self, item: object) -> None:
        """Journal an update, then queue it (unless it was received before)."""
        if isinstance(item, Update) and not await self.journal.areceive(item):
            log.info("update %s was received before: not handled again", item.update_id)
            return
        await super().put(item)
