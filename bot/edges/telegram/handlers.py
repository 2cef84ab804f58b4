"""The handlers: who may ask, what a message asks, and how the answer goes out.

Private chats: every text message (or a photo's caption) is a question. Groups: only what is
addressed to the bot (/vraag, an @mention, a reply to the bot). Inline mode: `@bot vraag`
anywhere; what cannot be shown inline (a chart, "Bedoelde je ...?") is offered as a button to
the private chat, with the question in the /start link. "Bedoelde je ...?" options become
buttons whose callback data carries the asker's user id, so whoever presses continues the
asker's conversation.

Group -1 is the allow-list gate: it decides first, and stops the update whatever becomes of
the refusal it may send. Everything slow runs off the event loop (engine calls in threads,
charts in a child process); "typing" shows only when a reply takes longer than a second.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Awaitable, MutableMapping
from contextlib import suppress
from dataclasses import dataclass, replace
from html import escape
from typing import Any, TypeVar

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ExtBot,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.edges.telegram.addressing import (
    addressed_question,
    body,
    command_argument,
    command_for_us,
    command_name,
    is_addressed,
    is_group,
    thread_of,
    without_own_mention,
)
from bot.edges.telegram.logs import describe
from bot.edges.telegram.rendering import (
    CAPTION_LIMIT,
    decode_question,
    encode_question,
    first_line,
    keyboard,
    parse_choice,
    render_answer,
    visible_units,
)
from bot.edges.telegram.state import BotData, BotState, HandlerContext
from bot.edges.telegram.texts import (
    APOLOGY,
    BRON_QUESTION,
    CHART_FALLBACK_CAPTION,
    DEFAULT_CHART_TOPIC,
    EXAMPLES,
    EXAMPLES_INTRO,
    EXPIRED_CHOICE,
    INLINE_CHART_BUTTON,
    INLINE_CHOICE_BUTTON,
    NO_CHART,
    NOT_AVAILABLE,
    OPENINGSUREN_QUESTION,
    TEXT_ONLY,
    UNKNOWN_COMMAND,
    ask_hint,
    examples_html,
    help_text,
    id_text,
    welcome_text,
)
from bot.edges.telegram.transport import BEST_EFFORT, Abandoned, certainly_failed, maybe_delivered
from bot.model import Answer, ChartRequest

log = logging.getLogger(__name__)

INLINE_CACHE_SECONDS = 10
INLINE_MAX_RESULTS = 10
TYPING_AFTER = 1.0  # seconds: a reply ready sooner needs no "typing..." (it costs a request)
TYPING_EVERY = 4.5  # Telegram shows "typing..." for 5 s

BotApplication = Application[ExtBot[str], HandlerContext, dict[Any, Any], dict[Any, Any], BotData, None]
T = TypeVar("T")


@dataclass(frozen=True)
class Reply:
    """An answer ready to send: the engine's answer and its chart drawn (None: text only)."""

    answer: Answer
    png: bytes | None = None


# --- preparing and sending a reply ------------------------------------------------------------


async def _best_effort(what: str, request: Awaitable[object]) -> bool:
    """Await a request whose failure costs nothing but itself; False when it failed."""
    try:
        await request
        return True
    except Exception as exc:
        log.info("%s failed: %s: %s", what, type(exc).__name__, exc)
        return False


async def _indicate(bot: ExtBot[str], chat_id: int, thread_id: int | None) -> None:
    """'typing...' once the reply is not ready within TYPING_AFTER s, renewed until cancelled.

    Sent best-effort, outside the chat's flood budget.
    """
    await asyncio.sleep(TYPING_AFTER)
    while True:
        await _best_effort(
            "chat action",
            bot.send_chat_action(
                chat_id, ChatAction.TYPING, message_thread_id=thread_id, rate_limit_args=BEST_EFFORT
            ),
        )
        await asyncio.sleep(TYPING_EVERY)


async def with_typing(bot: ExtBot[str], message: Message, work: Awaitable[T]) -> T:
    """The result of `work`, showing "typing..." in the chat while it takes long."""
    indicator = asyncio.create_task(_indicate(bot, message.chat.id, thread_of(message)))
    try:
        return await work
    finally:
        indicator.cancel()
        with suppress(asyncio.CancelledError):
            await indicator


async def _chart_png(state: BotState, request: ChartRequest) -> bytes | None:
    """The chart as PNG, or None when charts are unavailable or drawing failed.

    The answer then goes out as text: a chart is never worth losing the answer.
    """
    try:
        charts = importlib.import_module("bot.present.charts")
    except ImportError:
        log.warning("bot.present.charts is not available: sending the answer without its chart")
        return None
    unavailable: type[Exception] | tuple[()] = getattr(charts, "ChartingUnavailable", ())
    try:
        async with state.chart_lock:
            # drawn in a child process, so the bot does not keep matplotlib's memory
            png: bytes = await asyncio.to_thread(charts.render_png_isolated, state.engine.store, request)
            return png
    except unavailable as exc:  # no matplotlib: said in one line, not with a traceback
        log.warning("no chart: %s", exc)
    except Exception:
        log.exception("drawing chart %s failed: sending text only", request)
    return None


async def ready(state: BotState, answer: Answer) -> Reply:
    """The answer with its chart drawn; without it, the text says the chart is missing."""
    if answer.chart is None:
        return Reply(answer)
    png = await _chart_png(state, answer.chart)
    if png is None:
        return Reply(replace(answer, text=f"{answer.text}\n\n{NO_CHART}"))
    return Reply(answer, png)


async def _prepare(state: BotState, question: str, key: tuple[int, int]) -> Reply:
    return await ready(state, await state.ask(question, key))


async def _deliver(what: str, request: Awaitable[object]) -> None:
    """Send one message of a reply.

    A failure after which it may still have arrived (a read timeout, a dropped connection) is logged, not
    raised: sending again could show it twice, and an apology could arrive before, or beside, the answer.
    """
    try:
        await request
    except Exception as exc:
        if not maybe_delivered(exc):
            raise
        log.warning("%s may or may not have arrived (%s): not sent again", what, type(exc).__name__)


async def send_reply(
    message: Message, reply: Reply, long_intents: MutableMapping[str, str], asker_id: int
) -> None:
    """Reply to `message` with the answer, its chart and its buttons.

    The chart (if any) as a photo with the text as caption when that fits, the text in as many messages as
    needed, the options as buttons under the last one. In groups the first reply quotes `message`; in a forum
    topic replies stay in the topic.
    """
    answer = reply.answer
    chunks = render_answer(answer)
    markup = keyboard(answer, asker_id, long_intents)
    quote = is_group(message)
    if answer.csv and answer.table is not None:
        # "als csv", /csv: the table as a file Excel opens, with the answer as its caption
        from bot.present.csv import file_name, render_csv

        await _deliver(
            "a CSV file",
            message.reply_document(
                render_csv(answer.table),
                filename=file_name(answer.table),
                caption=chunks[0] if visible_units(chunks[0]) <= CAPTION_LIMIT else None,
                parse_mode=ParseMode.HTML,
                do_quote=quote,
            ),
        )
        return
    if reply.png is not None:
        if len(chunks) == 1 and visible_units(chunks[0]) <= CAPTION_LIMIT:
            await _deliver(
                "a chart",
                message.reply_photo(
                    reply.png,
                    caption=chunks[0],
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    do_quote=quote,
                ),
            )
            return
        caption = escape(first_line(answer.text) or CHART_FALLBACK_CAPTION, quote=False)
        await _deliver(
            "a chart",
            message.reply_photo(reply.png, caption=caption, parse_mode=ParseMode.HTML, do_quote=quote),
        )
        quote = False
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        await _deliver(
            f"part {i + 1} of {len(chunks)} of a reply",
            message.reply_text(
                chunk,
                parse_mode=ParseMode.HTML,
                do_quote=quote and i == 0,
                reply_markup=markup if last else None,
            ),
        )


async def _reply_static(message: Message, html_text: str) -> None:
    await _deliver(
        "a reply", message.reply_text(html_text, parse_mode=ParseMode.HTML, do_quote=is_group(message))
    )


async def answer_question(update: Update, context: HandlerContext, question: str) -> None:
    """Ask the engine in the sender's conversation and send the reply."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    state = context.bot_data.state
    reply = await with_typing(context.bot, message, _prepare(state, question, (message.chat.id, user.id)))
    await send_reply(message, reply, state.long_intents, user.id)


# --- the allow-list gate -------------------------------------------------------------------------


async def gate(update: Update, context: HandlerContext) -> None:
    """Stop every update from outside the allow-lists.

    The decision comes first and stands whatever happens to the refusal: a refusal that cannot be sent must
    not let anyone in.
    """
    data = context.bot_data
    chat, user = update.effective_chat, update.effective_user
    if data.settings.allows(chat.id if chat else None, user.id if user else None):
        return
    log.info("refused %s: not on the allow-lists", describe(update))
    try:
        await _refuse(update, context)
    except Exception as exc:  # the refusal is a courtesy; the gate stays shut
        log.info("the refusal of update %s was not sent: %s", update.update_id, type(exc).__name__)
    raise ApplicationHandlerStop


async def _refuse(update: Update, context: HandlerContext) -> None:
    """Say "not available" where the bot was asked, once an hour per stranger at most.

    A flood of strangers must not spend the allowed users' flood budget. /id is answered the same way, so
    that a stranger can find the id to ask access with.
    """
    bot, refusals = context.bot, context.bot_data.refusals
    chat, user = update.effective_chat, update.effective_user
    who = (chat.id if chat else None, user.id if user else None)
    if update.inline_query:
        if refusals.first(("inline", *who)):
            button = InlineQueryResultsButton(text=NOT_AVAILABLE, start_parameter="niet_beschikbaar")
            await bot.answer_inline_query(
                update.inline_query.id,
                [],
                cache_time=0,
                is_personal=True,
                button=button,
                rate_limit_args=BEST_EFFORT,
            )
    elif update.callback_query:
        if refusals.first(("refuse", *who)):
            await bot.answer_callback_query(
                update.callback_query.id, NOT_AVAILABLE, rate_limit_args=BEST_EFFORT
            )
    elif (message := update.message) is not None and (message.text or message.caption):
        if not is_addressed(message, bot.id, bot.username):
            return
        asks_id = command_for_us(message, bot.username) and command_name(message) == "id"
        if not refusals.first(("id" if asks_id else "refuse", *who)):
            return
        text = (
            id_text(message.chat.id, who[1], private=not is_group(message))
            if asks_id
            else escape(NOT_AVAILABLE)
        )
        await bot.send_message(
            message.chat.id,
            text,
            parse_mode=ParseMode.HTML,
            message_thread_id=thread_of(message),
            reply_parameters=ReplyParameters(message.message_id) if is_group(message) else None,
            rate_limit_args=BEST_EFFORT,
        )


# --- commands ---------------------------------------------------------------------------------------


def _question_of(parameter: str, state: BotState) -> str | None:
    """The question behind a /start parameter of an inline button, or None."""
    if parameter.startswith("k"):
        return state.links.recall_question(parameter)
    return decode_question(parameter)


async def start(update: Update, context: HandlerContext) -> None:
    """/start: welcome and example questions; /start with a question's link: its answer."""
    message = update.effective_message
    if message is None:
        return
    question = _question_of(context.args[0], context.bot_data.state) if context.args else None
    if question:
        await answer_question(update, context, question)
    else:
        scope = await asyncio.to_thread(context.bot_data.state.engine.scope)
        await _reply_static(message, welcome_text(context.bot.username, scope))


async def help_command(update: Update, context: HandlerContext) -> None:
    """/help: how to ask, in private chats, groups and inline."""
    if update.effective_message:
        scope = await asyncio.to_thread(context.bot_data.state.engine.scope)
        await _reply_static(update.effective_message, help_text(context.bot.username, scope))


async def examples(update: Update, context: HandlerContext) -> None:
    """/voorbeelden: example questions."""
    if update.effective_message:
        await _reply_static(update.effective_message, f"{EXAMPLES_INTRO}\n{examples_html()}")


async def sources(update: Update, context: HandlerContext) -> None:
    """/bron: the engine's answer about the sources of the figures."""
    await answer_question(update, context, BRON_QUESTION)


async def opening_hours(update: Update, context: HandlerContext) -> None:
    """/openingsuren: the engine's answer about the opening hours."""
    await answer_question(update, context, OPENINGSUREN_QUESTION)


async def as_csv(update: Update, context: HandlerContext) -> None:
    """/csv: the last table of this conversation as a CSV file (the engine keeps the table)."""
    await answer_question(update, context, "/csv")


async def fresh(update: Update, context: HandlerContext) -> None:
    """/nieuw: a fresh conversation (the engine forgets the previous questions)."""
    await answer_question(update, context, "/nieuw")


async def chart(update: Update, context: HandlerContext) -> None:
    """/grafiek [onderwerp]: a chart of the topic (default: gesprekken)."""
    if update.effective_message:
        topic = command_argument(update.effective_message) or DEFAULT_CHART_TOPIC
        await answer_question(update, context, f"grafiek {topic}")


async def ask_command(update: Update, context: HandlerContext) -> None:
    """/vraag <vraag>: a question, in groups or anywhere; a hint when it is empty."""
    message = update.effective_message
    if message is None:
        return
    question = without_own_mention(command_argument(message), context.bot.username)
    if not question:
        await _reply_static(message, ask_hint(context.bot.username, command=True))
        return
    await answer_question(update, context, question)


async def show_ids(update: Update, context: HandlerContext) -> None:
    """/id: the user's id (and the group's), for the allow-lists."""
    message, user = update.effective_message, update.effective_user
    if message:
        await _reply_static(
            message, id_text(message.chat.id, user.id if user else None, private=not is_group(message))
        )


# --- messages ----------------------------------------------------------------------------------------


async def private_text(update: Update, context: HandlerContext) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and message.text:
        # only the bot's name: the engine's "Je bericht is leeg" (context kept)
        await answer_question(update, context, without_own_mention(message.text, context.bot.username))


async def group_text(update: Update, context: HandlerContext) -> None:
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


async def caption_question(update: Update, context: HandlerContext) -> None:
    """Answer the caption of a photo (or other media) as a question.

    In a private chat always, in a group when it addresses the bot (/vraag, a mention, a reply to the bot).
    """
    message = update.effective_message
    if message is None:
        return
    username = context.bot.username
    if command_for_us(message, username) and command_name(message) == "vraag":
        question: str | None = without_own_mention(command_argument(message), username)
    elif is_group(message):
        question = addressed_question(message, context.bot.id, username)
    else:
        question = without_own_mention(body(message), username)
    if question is None:
        return
    if not question:
        await _reply_static(message, ask_hint(username, command=False))
        return
    await answer_question(update, context, question)


async def unknown_command(update: Update, context: HandlerContext) -> None:
    """A command the bot does not know, in a private chat: point to /help."""
    if update.effective_message:
        await _reply_static(update.effective_message, escape(UNKNOWN_COMMAND))


async def not_text(update: Update, context: HandlerContext) -> None:
    """A photo without caption, a sticker, a voice message... in a private chat: ask for text."""
    if update.effective_message:
        await _reply_static(update.effective_message, escape(TEXT_ONLY))


# --- buttons ---------------------------------------------------------------------------------------


async def _acknowledge(context: HandlerContext, query_id: str, text: str | None = None) -> bool:
    """Answer a button press, best-effort; False when that failed.

    Telegram refuses it once the press is old (after a restart, say), and that must not cost the answer.
    """
    return await _best_effort(
        "acknowledging a button",
        context.bot.answer_callback_query(query_id, text, rate_limit_args=BEST_EFFORT),
    )


async def choice(update: Update, context: HandlerContext) -> None:
    """A pressed "Bedoelde je ...?" button: answer it in the asker's conversation."""
    query = update.callback_query
    if query is None:
        return
    state = context.bot_data.state
    parsed = parse_choice(query.data, state.long_intents)
    message = query.message
    if parsed is None or not isinstance(message, Message):
        await _acknowledge(context, query.id, EXPIRED_CHOICE)
        return
    asker_id, intent = parsed
    key = (message.chat.id, asker_id)
    ctx = state.conversations.get(*key)
    if ctx is None or ctx.pending is None:
        if not await _acknowledge(context, query.id, EXPIRED_CHOICE):
            # the notice cannot go with the button: say it in the chat, or the press goes unheard
            await _reply_static(message, escape(EXPIRED_CHOICE))
        return
    await _acknowledge(context, query.id)  # at once: the button stops spinning
    answer = await state.choose(intent, key)
    if answer is None:  # another press of the same question got there first
        return
    reply = await with_typing(context.bot, message, ready(state, answer))
    await send_reply(message, reply, state.long_intents, asker_id)
    # The question is settled: take the buttons away so nobody presses a stale one.
    await _best_effort(
        "removing the buttons",
        context.bot.edit_message_reply_markup(
            message.chat.id, message.message_id, reply_markup=None, rate_limit_args=BEST_EFFORT
        ),
    )


async def stale_button(update: Update, context: HandlerContext) -> None:
    """Any other button press (old or foreign callback data): acknowledge it."""
    if update.callback_query:
        await _acknowledge(context, update.callback_query.id, EXPIRED_CHOICE)


# --- inline mode -------------------------------------------------------------------------------------


def _article(result_id: str, title: str, answer: Answer) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id,
        title=title[:100],
        description=first_line(answer.text),
        input_message_content=InputTextMessageContent(
            render_answer(answer)[0],
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


def _start_parameter(state: BotState, question: str) -> str:
    """The /start parameter that brings `question` to the private chat."""
    return encode_question(question) or state.links.remember_question(question)


async def inline_query(update: Update, context: HandlerContext) -> None:
    """Inline mode: the answer to the query (no context), or example questions when empty.

    A chart or a "Bedoelde je ...?" cannot be shown inline: a button opens the private chat with the question
    instead (the readings that are complete answers are offered as well).
    """
    query = update.inline_query
    if query is None:
        return
    state = context.bot_data.state
    text = query.query.strip()
    results: list[InlineQueryResultArticle] = []
    button = None
    if not text:
        for i, example in enumerate(EXAMPLES):
            results.append(_article(f"voorbeeld-{i}", example, await state.ask(example, None)))
    else:
        answer = await state.ask(text, None)
        if answer.chart is not None or answer.options:
            label = INLINE_CHART_BUTTON if answer.chart is not None else INLINE_CHOICE_BUTTON
            button = InlineQueryResultsButton(text=label, start_parameter=_start_parameter(state, text))
            for i, option in enumerate(answer.options[:INLINE_MAX_RESULTS]):
                picked = await state.choose_fresh(option.intent, answer.context)
                if picked.answered and picked.chart is None and not picked.options:
                    results.append(_article(f"keuze-{i}", option.label, picked))
        else:
            results.append(_article("antwoord", text, answer))
    await query.answer(
        results,
        cache_time=INLINE_CACHE_SECONDS,
        is_personal=state.settings.allowed_users is not None,
        button=button,
    )


# --- errors ----------------------------------------------------------------------------------------


async def on_error(update: object, context: HandlerContext) -> None:
    """Log the error, and apologise only when the answer certainly did not arrive.

    No message text in the log unless debugging. A reply interrupted by the stop is left in the journal.
    """
    error = context.error
    journal = context.bot_data.journal
    if isinstance(error, Abandoned):
        if journal is not None and isinstance(update, Update):
            journal.keep(update.update_id)
            log.info("%s: not answered before the stop; it is answered at the next start", describe(update))
        else:
            log.warning("%s: not answered before the stop, and there is no journal", describe(update))
        return
    if error is not None and maybe_delivered(error):
        log.warning("%s: a reply may or may not have arrived (%s); not sent again", describe(update), error)
        return
    log.error("error while handling %s", describe(update), exc_info=error)
    if error is None or not certainly_failed(error):
        return
    if not isinstance(update, Update) or update.inline_query or update.effective_chat is None:
        return
    message = update.effective_message
    try:
        if message is not None:
            await message.reply_text(APOLOGY, do_quote=is_group(message))
        else:
            await context.bot.send_message(update.effective_chat.id, APOLOGY)
    except Exception as exc:
        log.warning("could not send the apology: %s", type(exc).__name__)


def register_handlers(application: BotApplication) -> None:
    """Every handler, in one place. Group -1 is the allow-list gate."""
    new = filters.UpdateType.MESSAGE  # edits are not new questions
    private = filters.ChatType.PRIVATE & new
    groups = filters.ChatType.GROUPS & new
    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handlers(
        [
            CommandHandler("start", start, filters=new),
            CommandHandler("help", help_command, filters=new),
            CommandHandler("voorbeelden", examples, filters=new),
            CommandHandler("bron", sources, filters=new),
            CommandHandler("openingsuren", opening_hours, filters=new),
            CommandHandler("grafiek", chart, filters=new),
            CommandHandler("vraag", ask_command, filters=new),
            CommandHandler("id", show_ids, filters=new),
            CommandHandler("csv", as_csv, filters=new),
            CommandHandler("nieuw", fresh, filters=new),
            MessageHandler(private & filters.TEXT & ~filters.COMMAND, private_text),
            MessageHandler(groups & filters.TEXT & ~filters.COMMAND, group_text),
            MessageHandler(new & filters.CAPTION & ~filters.TEXT, caption_question),
            MessageHandler(private & filters.COMMAND, unknown_command),
            MessageHandler(private & ~filters.TEXT & (filters.ATTACHMENT | filters.Sticker.ALL), not_text),
            CallbackQueryHandler(choice, pattern=r"^[kh]\|"),
            CallbackQueryHandler(stale_button),
            InlineQueryHandler(inline_query),
        ]
    )
    application.add_error_handler(on_error)
