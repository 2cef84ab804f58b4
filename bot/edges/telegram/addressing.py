"""Whether a message is meant for the bot, and what it asks.

Private chats: every message is a question. Groups: only messages addressed to the bot (/vraag,
an @mention, a reply to the bot). A photo's caption counts like a text, with its own entities.
"""

from __future__ import annotations

import re

from telegram import Message, MessageEntity
from telegram.constants import ChatType


def is_group(message: Message) -> bool:
    """Whether the message is in a group or supergroup."""
    return message.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def body(message: Message) -> str:
    """The text of a message, or the caption of a photo (or other media)."""
    return message.text if message.text is not None else (message.caption or "")


def _entities(message: Message) -> tuple[MessageEntity, ...]:
    return message.entities if message.text is not None else message.caption_entities


def _command(message: Message) -> str | None:
    """The leading /command (with its @bot part) of the text or caption, or None."""
    text = body(message)
    for entity in _entities(message):
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            # Commands are ASCII, so the UTF-16 length equals the str length.
            return text[: entity.length]
    return None


def command_argument(message: Message) -> str:
    """What follows the leading /command (or /command@bot) of a message."""
    text = body(message)
    command = _command(message)
    return text[len(command) :].strip() if command else text.strip()


def command_for_us(message: Message, username: str) -> bool:
    """Whether the message starts with a command for this bot (no @bot, or @ours)."""
    command = _command(message)
    if command is None:
        return False
    _, _, target = command.partition("@")
    return not target or target.lower() == username.lower()


def command_name(message: Message) -> str | None:
    """The name of the leading command ("vraag" for "/vraag@bot ..."), or None."""
    command = _command(message)
    return command[1:].partition("@")[0].lower() if command else None


def addressed_question(message: Message, bot_id: int, username: str) -> str | None:
    """The question a group message asks the bot.

    None when it neither mentions the bot nor replies to it; "" when nothing is left once the mention is
    gone.
    """
    parsed = (
        message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
        if message.text is not None
        else message.parse_caption_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    )
    mentioned = any(
        (entity.type == MessageEntity.MENTION and text.lower() == f"@{username.lower()}")
        or (entity.user is not None and entity.user.id == bot_id)
        for entity, text in parsed.items()
    )
    reply = message.reply_to_message
    to_bot = reply is not None and reply.from_user is not None and reply.from_user.id == bot_id
    if not (mentioned or to_bot):
        return None
    text = re.sub(rf"@{re.escape(username)}\b", " ", body(message), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip(" ,:;-")


def without_own_mention(text: str, username: str) -> str:
    """The text without the bot's own @mention.

    "/vraag @bot" or "@bot" alone is no question: the engine would take the empty rest for a follow-up and
    repeat its last answer.
    """
    mention = re.compile(rf"@{re.escape(username)}\b", re.IGNORECASE)
    if not mention.search(text):
        return text
    return re.sub(r"\s+", " ", mention.sub(" ", text)).strip(" ,:;-")


def is_addressed(message: Message, bot_id: int, username: str) -> bool:
    """Whether the bot was asked something.

    A private message, or in a group a command for it, a mention of it or a reply to it.
    """
    return (
        message.chat.type == ChatType.PRIVATE
        or command_for_us(message, username)
        or addressed_question(message, bot_id, username) is not None
    )


def thread_of(message: Message) -> int | None:
    """The forum topic a message is in, so that replies and "typing" stay in it."""
    return message.message_thread_id if message.is_topic_message else None
