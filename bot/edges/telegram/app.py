"""The Telegram front end: python-telegram-bot handlers around the Engine.

Private chats: every text message is a question. Groups: only messages addressed to the bot
(/vraag, an @mention, a reply to the bot). Inline mode: `@bot vraag` anywhere. "Bedoelde je
...?" options become buttons whose callback data carries the asker's user id, so whoever
presses continues the asker's conversation.

Everything slow runs off the event loop (engine calls and chart rendering in threads). Replies
are HTML with every piece of dynamic text escaped, split at line boundaries when longer than
Telegram allows. Flood control is PTB's AIORateLimiter (RetryAfter is retried, so replies are
late, never lost); requests Telegram certainly did not act on (5xx, no connection) are retried
too, requests it may have acted on are not, so nothing is ever sent twice.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import importlib.util
import json
import logging
import re
import sys
from collections.abc import Callable, Coroutine, Hashable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from html import escape, unescape
from typing import IO, Any, Protocol
from urllib.parse import urlparse

import httpx
from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.data.resources import db_path
from bot.dialogue.conversations import Conversations
from bot.edges.telegram.settings import Settings, SettingsError, check_webhook_secret
from bot.errors import DatabaseUnavailable
from bot.model import Answer, ChartRequest, Context
from bot.present.tables import render_text

log = logging.getLogger(__name__)

# httpcore (1.0.9) imports sniffio inside a function it calls for every lock and connection of
# every request; anyio >= 4.11 no longer brings sniffio along, and Python does not remember a
# failed import, so each Bot API call searched all of sys.path about ten times: a quarter of
# the bot's CPU time (encode/httpcore#1103). None in sys.modules makes that import fail at
# once, which is what httpcore expects of a missing sniffio; an installed one is left alone.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

MESSAGE_LIMIT = 4096  # Telegram's limit for a message text, after entity parsing
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64  # bytes
INLINE_CACHE_SECONDS = 10
INLINE_MAX_RESULTS = 10
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]

BRON_QUESTION = "Wat is de bron van de cijfers?"
OPENINGSUREN_QUESTION = "Wat zijn de openingsuren?"
DEFAULT_CHART_TOPIC = "gesprekken"

EXAMPLES = (
    "Hoeveel gesprekken waren er in mei 2020?",
    "Hoeveel nieuwe oproepers waren er in 2019?",
    "Vergelijk de gesprekken van 2019 en 2020.",
    "Hoeveel jongeren werden doorverwezen door Awel?",
    "Welk aandeel ging over seksueel misbruik?",
    "Wat zijn de openingsuren?",
)

NOT_AVAILABLE = "Sorry, deze bot is hier niet beschikbaar."
APOLOGY = "Sorry, er ging iets mis bij het beantwoorden. Probeer het straks opnieuw."
EXPIRED_CHOICE = "Deze keuze is verlopen. Stel je vraag opnieuw."
TEXT_ONLY = "Ik begrijp alleen vragen in tekst. Typ je vraag, bijvoorbeeld: " + EXAMPLES[0]
EMPTY_ANSWER = "Daar heb ik geen antwoord op."

PRIVATE_COMMANDS = (
    ("start", "Begin, met voorbeeldvragen"),
    ("help", "Hoe stel ik een vraag?"),
    ("voorbeelden", "Voorbeeldvragen"),
    ("bron", "Waar komen de cijfers vandaan?"),
    ("openingsuren", "Wanneer is de hulplijn open?"),
    ("grafiek", "Een grafiek, bv. /grafiek gesprekken"),
)
GROUP_COMMANDS = (
    ("vraag", "Stel een vraag, bv. /vraag hoeveel gesprekken in mei 2020?"),
    ("help", "Hoe stel ik een vraag?"),
    ("bron", "Waar komen de cijfers vandaan?"),
    ("openingsuren", "Wanneer is de hulplijn open?"),
    ("grafiek", "Een grafiek, bv. /grafiek gesprekken"),
)


class EngineLike(Protocol):
    """What this module needs of bot.engine.Engine."""

    store: Any

    def answer(self, question: str, context: Context | None) -> Answer: ...

    def choose(self, intent: str, context: Context | None) -> Answer: ...

    def close(self) -> None: ...


EngineFactory = Callable[[], EngineLike]


# --- state shared by the handlers ----------------------------------------------------------


@dataclass
class BotState:
    """The engine and the conversations, kept in application.bot_data[STATE]."""

    engine: EngineLike
    settings: Settings
    conversations: Conversations = field(default_factory=Conversations)
    # The engine is fast; one lock makes "read context, answer, store context" atomic and
    # spares the engine from concurrent threads.
    engine_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # matplotlib is not thread-safe: one chart at a time.
    chart_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Intents too long for callback data, by a short digest of their name.
    long_intents: dict[str, str] = field(default_factory=dict)

    async def ask(self, question: str, key: tuple[int, int] | None) -> Answer:
        """The engine's answer, continuing (and then updating) the context of `key`."""
        async with self.engine_lock:
            ctx = self.conversations.get(*key) if key else None
            answer = await asyncio.to_thread(self.engine.answer, question, ctx)
            if key:
                self.conversations.put(*key, answer.context)
        return answer

    async def choose(self, intent: str, key: tuple[int, int]) -> Answer | None:
        """The answer to a pressed option in the conversation `key`; None when that
        conversation has no open "Bedoelde je ...?" any more."""
        async with self.engine_lock:
            ctx = self.conversations.get(*key)
            if ctx is None or ctx.pending is None:
                return None
            answer = await asyncio.to_thread(self.engine.choose, intent, ctx)
            self.conversations.put(*key, answer.context)
        return answer

    async def choose_fresh(self, intent: str, ctx: Context) -> Answer:
        """The answer to an option without stored context (inline mode)."""
        async with self.engine_lock:
            return await asyncio.to_thread(self.engine.choose, intent, ctx)


STATE = "state"
SETTINGS = "settings"


def _state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.bot_data[STATE]


# --- rendering (pure) ----------------------------------------------------------------------


def _units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


_PRE_TAGS = len("<pre>") + len("</pre>")


def _cut(line: str, budget: int) -> list[str]:
    """Split one raw line so that each piece, escaped, is at most `budget` units."""
    if _units(escape(line, quote=False)) <= budget:
        return [line]  # nearly always: no need to weigh each character
    pieces, current, size = [], [], 0
    for ch in line:
        cost = _units(escape(ch, quote=False))
        if current and size + cost > budget:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(ch)
        size += cost
    pieces.append("".join(current))
    return pieces


def _assemble(lines: Sequence[tuple[str, bool]]) -> str:
    """Join escaped lines; runs of table lines (flag True) go inside one <pre>."""
    parts: list[str] = []
    in_pre = False
    for i, (text, pre) in enumerate(lines):
        if in_pre and not pre:
            parts.append("</pre>")
            in_pre = False
        if i:
            parts.append("\n")
        if pre and not in_pre:
            parts.append("<pre>")
            in_pre = True
        parts.append(text)
    if in_pre:
        parts.append("</pre>")
    return "".join(parts)


def _trim(lines: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Drop blank text lines at both ends of a chunk."""
    start, end = 0, len(lines)
    while start < end and not lines[start][1] and not lines[start][0].strip():
        start += 1
    while end > start and not lines[end - 1][1] and not lines[end - 1][0].strip():
        end -= 1
    return lines[start:end]


def render_chunks(text: str, table: str | None = None, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The answer as HTML messages of at most `limit` units each: text escaped, the table in
    <pre>. Splits only at line boundaries (a line longer than a message is cut, but never
    inside a tag or an entity); a table split over two messages gets a <pre> in each."""
    raw: list[tuple[str, bool]] = [(line, False) for line in text.split("\n")]
    if table:
        raw += [("", False)] + [(line, True) for line in table.split("\n")]
    lines = [
        (escape(piece, quote=False), pre) for line, pre in raw for piece in _cut(line, limit - _PRE_TAGS)
    ]
    chunks: list[list[tuple[str, bool]]] = [[]]
    size = 0
    for line, pre in lines:
        current = chunks[-1]
        opens_pre = pre and not (current and current[-1][1])
        cost = (1 if current else 0) + _units(line) + (_PRE_TAGS if opens_pre else 0)
        if current and size + cost > limit:
            chunks.append([])
            current = chunks[-1]
            cost = _units(line) + (_PRE_TAGS if pre else 0)
            size = 0
        current.append((line, pre))
        size += cost
    rendered = [html for html in map(_assemble, map(_trim, chunks)) if _shown(html).strip()]
    return rendered or [escape(EMPTY_ANSWER)]


def _shown(html_text: str) -> str:
    """An HTML message as shown (tags removed, entities decoded)."""
    return unescape(re.sub(r"<[^<>]*>", "", html_text))


def visible_units(html_text: str) -> int:
    """Length of an HTML message as Telegram counts it against its limits."""
    return _units(_shown(html_text))


def choice_data(asker_id: int, intent: str, state: BotState) -> str:
    """Callback data of a "Bedoelde je" button: `k|asker|intent`, within 64 bytes."""
    data = f"k|{asker_id}|{intent}"
    if len(data.encode()) <= CALLBACK_DATA_LIMIT:
        return data
    digest = hashlib.sha256(intent.encode()).hexdigest()[:16]
    state.long_intents[digest] = intent
    return f"h|{asker_id}|{digest}"


def parse_choice(data: str | None, state: BotState) -> tuple[int, str] | None:
    """(asker id, intent) from callback data, or None when it is not ours or unknown."""
    parts = (data or "").split("|", 2)
    if len(parts) != 3 or parts[0] not in ("k", "h") or not parts[2]:
        return None
    try:
        asker = int(parts[1])
    except ValueError:
        return None
    intent = parts[2] if parts[0] == "k" else state.long_intents.get(parts[2])
    return (asker, intent) if intent else None


def keyboard(answer: Answer, asker_id: int, state: BotState) -> InlineKeyboardMarkup | None:
    """The "Bedoelde je ...?" options as buttons, one per row."""
    if not answer.options:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(o.label, callback_data=choice_data(asker_id, o.intent, state))]
            for o in answer.options
        ]
    )


# --- addressing ----------------------------------------------------------------------------


def is_group(message: Message) -> bool:
    return message.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def command_argument(message: Message) -> str:
    """What follows the leading /command (or /command@bot) of a message."""
    text = message.text or ""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            # Commands are ASCII, so the UTF-16 length equals the str length.
            return text[entity.length :].strip()
    return text.strip()


def _command_for_us(message: Message, username: str) -> bool:
    text = message.text or ""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            _, _, target = text[: entity.length].partition("@")
            return not target or target.lower() == username.lower()
    return False


def addressed_question(message: Message, bot_id: int, username: str) -> str | None:
    """For a group message: the question when it mentions the bot or replies to it ("" when
    nothing is left once the mention is gone), None when it is not addressed to the bot."""
    mentioned = any(
        (entity.type == MessageEntity.MENTION and text.lower() == f"@{username.lower()}")
        or (entity.user is not None and entity.user.id == bot_id)
        for entity, text in message.parse_entities(
            [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
        ).items()
    )
    reply = message.reply_to_message
    to_bot = reply is not None and reply.from_user is not None and reply.from_user.id == bot_id
    if not (mentioned or to_bot):
        return None
    text = re.sub(rf"@{re.escape(username)}\b", " ", message.text or "", flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip(" ,:;-")


def without_own_mention(text: str, username: str) -> str:
    """The text without the bot's own @mention ("/vraag @bot" or "@bot" alone is no question:
    the engine would take the empty rest for a follow-up and repeat its last answer)."""
    mention = re.compile(rf"@{re.escape(username)}\b", re.IGNORECASE)
    if not mention.search(text):
        return text
    return re.sub(r"\s+", " ", mention.sub(" ", text)).strip(" ,:;-")


def _addressed(message: Message, bot_id: int, username: str) -> bool:
    return (
        message.chat.type == ChatType.PRIVATE
        or _command_for_us(message, username)
        or addressed_question(message, bot_id, username) is not None
    )


# --- sending -------------------------------------------------------------------------------


async def _chat_action(message: Message, action: str) -> None:
    """Show "typing..." while working; never worth failing the reply for."""
    try:
        await message.chat.send_action(action, message_thread_id=_thread(message))
    except TelegramError as exc:
        log.debug("chat action failed: %s", exc)


def _thread(message: Message) -> int | None:
    return message.message_thread_id if message.is_topic_message else None


async def _chart_png(state: BotState, request: ChartRequest) -> bytes | None:
    """The chart as PNG, or None when charts are unavailable or rendering failed (the answer
    then goes out as text: a chart is never worth losing the answer)."""
    try:
        from bot.present.charts import render_png_isolated
    except ImportError:
        log.info("bot.present.charts is not available: sending the answer without its chart")
        return None
    try:
        async with state.chart_lock:
            # drawn in a child process, so the bot does not keep matplotlib's memory
            return await asyncio.to_thread(render_png_isolated, state.engine.store, request)
    except Exception:
        log.exception("rendering chart %s failed: sending text only", request)
        return None


async def send_answer(message: Message, answer: Answer, state: BotState, asker_id: int) -> None:
    """Reply to `message` with the answer: its chart (if any) as a photo with the text as
    caption when that fits, the text in as many messages as needed, the options as buttons
    under the last one. In groups the first reply quotes `message`."""
    chunks = render_chunks(answer.text, render_text(answer.table) if answer.table else None)
    markup = keyboard(answer, asker_id, state)
    quote = is_group(message)
    if answer.chart is not None:
        await _chat_action(message, ChatAction.UPLOAD_PHOTO)
        png = await _chart_png(state, answer.chart)
        if png is not None:
            if len(chunks) == 1 and visible_units(chunks[0]) <= CAPTION_LIMIT:
                await message.reply_photo(
                    png, caption=chunks[0], parse_mode=ParseMode.HTML, reply_markup=markup, do_quote=quote
                )
                return
            first_line = answer.text.strip().split("\n", 1)[0][:200] or "Grafiek"
            await message.reply_photo(
                png, caption=escape(first_line, quote=False), parse_mode=ParseMode.HTML, do_quote=quote
            )
            quote = False
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        await message.reply_text(
            chunk, parse_mode=ParseMode.HTML, do_quote=quote and i == 0, reply_markup=markup if last else None
        )


async def _reply_static(message: Message, html_text: str) -> None:
    await message.reply_text(html_text, parse_mode=ParseMode.HTML, do_quote=is_group(message))


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """Ask the engine in the sender's conversation and send the reply."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    state = _state(context)
    await _chat_action(message, ChatAction.TYPING)
    answer = await state.ask(question, (message.chat.id, user.id))
    await send_answer(message, answer, state, user.id)


# --- texts ---------------------------------------------------------------------------------


def _examples_html() -> str:
    return "\n".join(f"• {escape(q)}" for q in EXAMPLES)


def welcome_text(username: str) -> str:
    name = escape(username)
    return (
        "Hallo! Ik beantwoord vragen over de cijfers van de hulplijnen, met het exacte cijfer "
        "en de bron.\n\nStel je vraag gewoon in gewone taal, bijvoorbeeld:\n"
        f"{_examples_html()}\n\n"
        f"In een groep: <code>/vraag</code> gevolgd door je vraag, of noem @{name}.\n"
        f"In elk gesprek: typ @{name} gevolgd door je vraag.\n/help voor meer uitleg."
    )


def help_text(username: str) -> str:
    name = escape(username)
    return (
        "<b>Zo stel je een vraag</b>\n"
        "• In een privégesprek met mij: typ gewoon je vraag.\n"
        f"• In een groep: <code>/vraag je vraag</code>, noem @{name} in je bericht, "
        "of antwoord op een bericht van mij.\n"
        f"• In elk ander gesprek: typ @{name} en je vraag, en kies het antwoord.\n\n"
        "Vervolgvragen mogen: na „Hoeveel gesprekken waren er in mei 2020?” kun je vragen "
        "„en in juni?”. Ik onthoud je vorige vraag 10 minuten.\n\n"
        "<b>Commando's</b>\n"
        "/vraag – stel een vraag (in groepen)\n"
        "/voorbeelden – voorbeeldvragen\n"
        "/bron – waar de cijfers vandaan komen\n"
        "/openingsuren – wanneer de hulplijn open is\n"
        "/grafiek [onderwerp] – een grafiek, bv. /grafiek gesprekken"
    )


def ask_hint(username: str, *, command: bool) -> str:
    how = "<code>/vraag</code>" if command else f"@{escape(username)}"
    return (
        f"Zet je vraag achter {how}, bijvoorbeeld:\n{how} {escape(EXAMPLES[0][0].lower() + EXAMPLES[0][1:])}"
    )


# --- handlers ------------------------------------------------------------------------------


async def check_allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop every update from outside the allow-lists, saying so where the bot was asked."""
    settings: Settings = context.bot_data[SETTINGS]
    chat_id = update.effective_chat.id if update.effective_chat else None
    user_id = update.effective_user.id if update.effective_user else None
    if settings.allows(chat_id, user_id):
        return
    log.info("refused update %s: chat %s, user %s not allowed", update.update_id, chat_id, user_id)
    if update.inline_query:
        await update.inline_query.answer(
            [],
            cache_time=0,
            is_personal=True,
            button=InlineQueryResultsButton(text=NOT_AVAILABLE, start_parameter="niet_beschikbaar"),
        )
    elif update.callback_query:
        await update.callback_query.answer(NOT_AVAILABLE)
    elif (
        update.message
        and update.message.text is not None
        and _addressed(update.message, context.bot.id, context.bot.username)
    ):
        await update.message.reply_text(NOT_AVAILABLE, do_quote=is_group(update.message))
    raise ApplicationHandlerStop


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: welcome and example questions."""
    if update.effective_message:
        await _reply_static(update.effective_message, welcome_text(context.bot.username))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, in private chats, groups and inline."""
    if update.effective_message:
        await _reply_static(update.effective_message, help_text(context.bot.username))


async def examples(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/voorbeelden: example questions."""
    if update.effective_message:
        await _reply_static(update.effective_message, "Je kunt bijvoorbeeld vragen:\n" + _examples_html())


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bron: the engine's answer about the sources of the figures."""
    await answer_question(update, context, BRON_QUESTION)


async def opening_hours(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/openingsuren: the engine's answer about the opening hours."""
    await answer_question(update, context, OPENINGSUREN_QUESTION)


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/grafiek [onderwerp]: a chart of the topic (default: gesprekken)."""
    if update.effective_message:
        topic = command_argument(update.effective_message) or DEFAULT_CHART_TOPIC
        await answer_question(update, context, f"grafiek {topic}")


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/vraag <vraag>: a question, in groups or anywhere; a hint when it is empty."""
    message = update.effective_message
    if message is None:
        return
    question = without_own_mention(command_argument(message), context.bot.username)
    if not question:
        await _reply_static(message, ask_hint(context.bot.username, command=True))
        return
    await answer_question(update, context, question)


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and message.text:
        # only the bot's name: the engine's "Je bericht is leeg" (context kept)
        await answer_question(update, context, without_own_mention(message.text, context.bot.username))


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Group text: answer when it mentions or replies to the bot, stay quiet otherwise."""
    message = update.effective_message
    if message is None:
        return
    question = addressed_question(message, context.bot.id, context.bot.username)
    if question is None:
        return
    if not question:
        await _reply_static(message, ask_hint(context.bot.username, command=False))
        return
    await answer_question(update, context, question)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not know, in a private chat: point to /help."""
    if update.effective_message:
        await _reply_static(
            update.effective_message, "Dat commando ken ik niet. Typ gewoon je vraag, of /help."
        )


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo, sticker, voice message... in a private chat: ask for text."""
    if update.effective_message:
        await _reply_static(update.effective_message, escape(TEXT_ONLY))


async def choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed "Bedoelde je ...?" button: answer it in the asker's conversation."""
    query = update.callback_query
    if query is None:
        return
    state = _state(context)
    parsed = parse_choice(query.data, state)
    message = query.message
    if parsed is None or not isinstance(message, Message):
        await query.answer(EXPIRED_CHOICE)
        return
    asker_id, intent = parsed
    key = (message.chat.id, asker_id)
    ctx = state.conversations.get(*key)
    if ctx is None or ctx.pending is None:
        await query.answer(EXPIRED_CHOICE)
        return
    await query.answer()  # at once: the button stops spinning before the answer is ready
    answer = await state.choose(intent, key)
    if answer is None:  # another press of the same question got there first
        return
    await send_answer(message, answer, state, asker_id)
    # The question is settled: take the buttons away so nobody presses a stale one.
    with suppress(TelegramError):
        await message.edit_reply_markup(reply_markup=None)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other button press (old or foreign callback data): acknowledge it."""
    if update.callback_query:
        await update.callback_query.answer(EXPIRED_CHOICE)


def _article(result_id: str, title: str, answer: Answer) -> InlineQueryResultArticle:
    html_text = render_chunks(answer.text, render_text(answer.table) if answer.table else None)[0]
    description = answer.text.strip().split("\n", 1)[0]
    return InlineQueryResultArticle(
        id=result_id,
        title=title[:100],
        description=description[:200],
        input_message_content=InputTextMessageContent(
            html_text,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline mode: the answer to the query (no context), or example questions when empty."""
    query = update.inline_query
    if query is None:
        return
    state = _state(context)
    text = query.query.strip()
    results: list[InlineQueryResultArticle] = []
    if not text:
        for i, example in enumerate(EXAMPLES):
            results.append(_article(f"voorbeeld-{i}", example, await state.ask(example, None)))
    else:
        answer = await state.ask(text, None)
        if answer.options:
            # No buttons inline (no chat to keep context in): offer each reading instead.
            for i, option in enumerate(answer.options[:INLINE_MAX_RESULTS]):
                picked = await state.choose_fresh(option.intent, answer.context)
                results.append(_article(f"keuze-{i}", option.label, picked))
        else:
            results.append(_article("antwoord", text, answer))
    await query.answer(
        results, cache_time=INLINE_CACHE_SECONDS, is_personal=state.settings.allowed_users is not None
    )


def _describe(update: object) -> str:
    if isinstance(update, Update):
        return json.dumps(update.to_dict(), ensure_ascii=False)[:2000]
    return repr(update)[:2000]


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error with its update; apologise where there is a chat to reply to."""
    log.error("error while handling update %s", _describe(update), exc_info=context.error)
    if not isinstance(update, Update) or update.inline_query or update.effective_chat is None:
        return
    message = update.effective_message
    try:
        if message is not None:
            await message.reply_text(APOLOGY, do_quote=is_group(message))
        else:
            await context.bot.send_message(update.effective_chat.id, APOLOGY)
    except TelegramError as exc:
        log.warning("could not send the apology: %s", exc)


def register_handlers(application: Application) -> None:
    """Every handler, in one place. Group -1 is the allow-list gate."""
    new = filters.UpdateType.MESSAGE  # edits are not new questions
    private = filters.ChatType.PRIVATE & new
    groups = filters.ChatType.GROUPS & new
    application.add_handler(TypeHandler(Update, check_allowed), group=-1)
    application.add_handlers(
        [
            CommandHandler("start", start, filters=new),
            CommandHandler("help", help_command, filters=new),
            CommandHandler("voorbeelden", examples, filters=new),
            CommandHandler("bron", sources, filters=new),
            CommandHandler("openingsuren", opening_hours, filters=new),
            CommandHandler("grafiek", chart, filters=new),
            CommandHandler("vraag", ask_command, filters=new),
            MessageHandler(private & filters.TEXT & ~filters.COMMAND, private_text),
            MessageHandler(groups & filters.TEXT & ~filters.COMMAND, group_text),
            MessageHandler(private & filters.COMMAND, unknown_command),
            MessageHandler(private & ~filters.TEXT & (filters.ATTACHMENT | filters.Sticker.ALL), not_text),
            CallbackQueryHandler(choice, pattern=r"^[kh]\|"),
            CallbackQueryHandler(stale_button),
            InlineQueryHandler(inline_query),
        ]
    )
    application.add_error_handler(on_error)


# --- network policy ------------------------------------------------------------------------


def safe_to_retry(exc: NetworkError) -> bool:
    """True when Telegram certainly did not act on the request, so sending it again cannot
    duplicate a message: it answered with an HTTP error status (5xx), or no connection was
    made. A read timeout or a connection dropped after sending may have delivered it."""
    if isinstance(exc, BadRequest):
        return False
    cause = exc.__cause__
    if isinstance(exc, TimedOut):
        return isinstance(cause, httpx.ConnectTimeout | httpx.PoolTimeout)
    if cause is None or isinstance(cause, TelegramError):
        return True  # PTB raises a bare NetworkError for a 5xx answer
    return isinstance(cause, httpx.ConnectError)


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter (flood limits, RetryAfter retried) that also retries requests Telegram
    certainly did not act on, after the given delays."""

    def __init__(
        self,
        *,
        max_retries: int = 5,
        network_delays: Sequence[float] = (0.5, 2.0, 5.0),
        overall_max_rate: float = 30,
        group_max_rate: float = 20,
    ) -> None:
        # The rates are Telegram's flood limits (per second overall, per minute per group);
        # 0 turns a limit off (load tests and benchmarks against a local server).
        super().__init__(
            max_retries=max_retries, overall_max_rate=overall_max_rate, group_max_rate=group_max_rate
        )
        self._network_delays = tuple(network_delays)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        for delay in (*self._network_delays, None):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as exc:
                if delay is None or not safe_to_retry(exc):
                    raise
                log.warning("%s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")


class TolerantBot(ExtBot[Any]):
    """ExtBot that survives an update it cannot read. PTB parses a getUpdates batch at once,
    so a single malformed update (or one of a shape it does not know) failed every poll: the
    offset never moved past it, and the bot answered nobody again while polling in a tight
    loop. When that happens the batch is read again one update at a time: an unreadable one is
    logged and replaced by an empty update with its update_id, which confirms it to Telegram
    and which no handler acts on. (Only then: parsing every update twice costs throughput.)"""

    _last_batch: list[Any] | None = None

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates":
            if not isinstance(result, list):
                # a NetworkError goes to the polling loop, which retries with a growing pause
                raise NetworkError(f"getUpdates answered a {type(result).__name__}, not a list")
            self._last_batch = result
        return result

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        try:
            return await super().get_updates(*args, **kwargs)
        except TelegramError:
            raise
        except Exception:  # PTB has logged the batch; read it update by update
            readable = [u for u in map(self._readable, self._last_batch or []) if u is not None]
            return tuple(Update.de_list(readable, self))

    def _readable(self, raw: Any) -> Any:
        try:
            Update.de_json(raw, self)  # parses a copy: `raw` stays as it came
            return raw
        except Exception as exc:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            if not isinstance(update_id, int):
                log.warning("skipped an update without an update_id: %.300r", raw)
                return None
            log.warning(
                "update %s could not be read (%s: %s), skipped: %.300r",
                update_id,
                type(exc).__name__,
                exc,
                raw,
            )
            return {"update_id": update_id}


class PerConversationProcessor(BaseUpdateProcessor):
    """Runs updates concurrently, except that updates of one (chat, user) run in order: a
    follow-up question must see the context of the question before it."""

    def __init__(self, max_concurrent_updates: int = 32) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    @staticmethod
    def _key(update: object) -> Hashable:
        if not isinstance(update, Update):
            return None
        chat, user = update.effective_chat, update.effective_user
        return (chat.id if chat else None, user.id if user else None)

    async def do_process_update(self, update: object, coroutine: Coroutine[Any, Any, Any]) -> None:
        key = self._key(update)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


# --- logging -------------------------------------------------------------------------------


class RedactSecrets(logging.Filter):
    """Replaces the bot token (and other secrets) in log records, tracebacks included: httpx
    and some PTB errors put the token into URLs and messages."""

    _TOKEN_SHAPE = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}")

    def __init__(self, secrets: Sequence[str | None]) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[REDACTED]")
        return self._TOKEN_SHAPE.sub("[REDACTED]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(
    settings: Settings, stream: IO[str] | None = None, extra_secrets: Sequence[str | None] = ()
) -> logging.Handler:
    """Log to stderr (journald under systemd) at the configured level, secrets redacted."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets([settings.token, settings.webhook_secret, *extra_secrets]))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(settings.log_level_number)
    # httpx logs every request URL at INFO, and those URLs contain the token.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler


# --- application ---------------------------------------------------------------------------


def _open_engine(db: str | None) -> EngineLike:
    from bot.engine import Engine

    return Engine.open(db)


def bot_commands() -> dict[str, list[BotCommand]]:
    """The command lists shown in Telegram's menu, by scope."""
    return {
        "private": [BotCommand(c, d) for c, d in PRIVATE_COMMANDS],
        "groups": [BotCommand(c, d) for c, d in GROUP_COMMANDS],
    }


def build_application(
    settings: Settings,
    engine_factory: EngineFactory | None = None,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: AIORateLimiter | None = None,
) -> Application:
    """The Application with every handler; the engine opens in post_init and closes in
    post_shutdown. `request` and `get_updates_request` replace the HTTP layer (tests)."""
    token = settings.require_token()
    factory = engine_factory or (lambda: _open_engine(settings.db))

    async def post_init(application: Application) -> None:
        engine = await asyncio.to_thread(factory)
        warm_up = getattr(engine, "warm_up", None)
        if warm_up is not None:  # the first questions then come from warm caches
            asked = await asyncio.to_thread(warm_up)
            log.info("caches warmed with %d questions", asked)
        application.bot_data[STATE] = BotState(engine=engine, settings=settings)
        commands = bot_commands()
        try:
            await application.bot.set_my_commands(commands["private"], scope=BotCommandScopeAllPrivateChats())
            await application.bot.set_my_commands(commands["groups"], scope=BotCommandScopeAllGroupChats())
        except TelegramError as exc:  # a missing menu is no reason not to answer
            log.warning("could not register the command menus: %s", exc)
        log.info("hulplijnbot ready as @%s", application.bot.username)

    async def post_shutdown(application: Application) -> None:
        state = application.bot_data.pop(STATE, None)
        if state is not None:
            state.engine.close()

    # The bot is built here rather than by ApplicationBuilder, to be a TolerantBot; the
    # request defaults are the builder's own.
    bot = TolerantBot(
        token,
        base_url=settings.api_base_url,
        base_file_url=settings.api_base_file_url,
        request=request or HTTPXRequest(connection_pool_size=256),
        get_updates_request=get_updates_request or HTTPXRequest(connection_pool_size=1),
        rate_limiter=rate_limiter or PatientRateLimiter(),
        defaults=Defaults(
            allow_sending_without_reply=True, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
    )
    application = (
        ApplicationBuilder()
        .bot(bot)
        .concurrent_updates(PerConversationProcessor())
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.bot_data[SETTINGS] = settings
    register_handlers(application)
    return application


def webhook_options(webhook_url: str, listen: str, port: int, secret: str) -> dict[str, Any]:
    """Arguments of run_webhook / Updater.start_webhook: the local server listens at the path
    of the public URL, so a reverse proxy forwards the path unchanged."""
    return {
        "listen": listen,
        "port": port,
        "url_path": urlparse(webhook_url).path.lstrip("/"),
        "webhook_url": webhook_url,
        "secret_token": secret,
        "allowed_updates": ALLOWED_UPDATES,
    }


def run_from_cli(args: argparse.Namespace) -> int:
    """`hulplijnbot run`: long polling, or a webhook with --webhook-url."""
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
    application = build_application(settings, engine_factory=lambda: _open_engine(db))
    try:
        if webhook_url and secret:
            application.run_webhook(**webhook_options(webhook_url, args.listen, args.port, secret))
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        # PTB's message contains the token itself: say it without.
        raise SettingsError("Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather") from None
    return 0
