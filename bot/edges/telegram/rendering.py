"""From an Answer to what Telegram accepts (pure functions, no I/O).

Replies are HTML with every piece of dynamic text escaped, split at line boundaries when longer
than a message; "Bedoelde je ...?" options become buttons whose callback data carries the
asker's user id; a question travels to the private chat in a deep link's start parameter.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import MutableMapping, Sequence
from html import escape, unescape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.edges.telegram.texts import EMPTY_ANSWER
from bot.model import Answer

MESSAGE_LIMIT = 4096  # Telegram's limit for a message text, after entity parsing
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64  # bytes
START_PARAMETER_LIMIT = 64  # characters, A-Z a-z 0-9 _ -


def units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


_PRE_TAGS = len("<pre>") + len("</pre>")


def _cut(line: str, budget: int) -> list[str]:
    """Split one raw line so that each piece, escaped, is at most `budget` units."""
    if units(escape(line, quote=False)) <= budget:
        return [line]  # nearly always: no need to weigh each character
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        cost = units(escape(ch, quote=False))
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


def render_answer(answer: Answer, limit: int = MESSAGE_LIMIT) -> list[str]:
    """An answer as HTML messages: its text, its table in <pre>, and what follows the table (the
    source line) below it."""
    return render_chunks(
        answer.text, answer.table_text or None, limit=limit, after=answer.after_table or None
    )


def render_chunks(
    text: str, table: str | None = None, limit: int = MESSAGE_LIMIT, after: str | None = None
) -> list[str]:
    """The answer as HTML messages of at most `limit` units each: text escaped, the table in <pre>.

    Splits only at line boundaries (a line longer than a message is cut, but never inside a tag or an entity);
    a table split over two messages gets a <pre> in each.
    """
    raw: list[tuple[str, bool]] = [(line, False) for line in text.split("\n")]
    if table:
        raw += [("", False)] + [(line, True) for line in table.split("\n")]
    if after:
        raw += [(line, False) for line in after.split("\n")]
    lines = [
        (escape(piece, quote=False), pre) for line, pre in raw for piece in _cut(line, limit - _PRE_TAGS)
    ]
    chunks: list[list[tuple[str, bool]]] = [[]]
    size = 0
    for line, pre in lines:
        current = chunks[-1]
        opens_pre = pre and not (current and current[-1][1])
        cost = (1 if current else 0) + units(line) + (_PRE_TAGS if opens_pre else 0)
        if current and size + cost > limit:
            chunks.append([])
            current = chunks[-1]
            cost = units(line) + (_PRE_TAGS if pre else 0)
            size = 0
        current.append((line, pre))
        size += cost
    rendered = [html for html in map(_assemble, map(_trim, chunks)) if shown(html).strip()]
    return rendered or [escape(EMPTY_ANSWER)]


def shown(html_text: str) -> str:
    """An HTML message as shown (tags removed, entities decoded)."""
    return unescape(re.sub(r"<[^<>]*>", "", html_text))


def visible_units(html_text: str) -> int:
    """Length of an HTML message as Telegram counts it against its limits."""
    return units(shown(html_text))


def first_line(text: str, limit: int = 200) -> str:
    """The first line of an answer (a short caption or an inline description)."""
    return text.strip().split("\n", 1)[0][:limit]


# --- "Bedoelde je ...?" buttons --------------------------------------------------------------


def choice_data(asker_id: int, intent: str, long_intents: MutableMapping[str, str]) -> str:
    """The callback data of a "Bedoelde je" button: `k|asker|intent`, within 64 bytes.

    An intent too long for that goes by a digest, remembered in `long_intents`.
    """
    data = f"k|{asker_id}|{intent}"
    if len(data.encode()) <= CALLBACK_DATA_LIMIT:
        return data
    digest = hashlib.sha256(intent.encode()).hexdigest()[:16]
    long_intents[digest] = intent
    return f"h|{asker_id}|{digest}"


def parse_choice(data: str | None, long_intents: MutableMapping[str, str]) -> tuple[int, str] | None:
    """(asker id, intent) from callback data, or None when it is not ours or unknown."""
    parts = (data or "").split("|", 2)
    if len(parts) != 3 or parts[0] not in ("k", "h") or not parts[2]:
        return None
    try:
        asker = int(parts[1])
    except ValueError:
        return None
    intent = parts[2] if parts[0] == "k" else long_intents.get(parts[2])
    return (asker, intent) if intent else None


def keyboard(
    answer: Answer, asker_id: int, long_intents: MutableMapping[str, str]
) -> InlineKeyboardMarkup | None:
    """The "Bedoelde je ...?" options as buttons, one per row."""
    if not answer.options:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(o.label, callback_data=choice_data(asker_id, o.intent, long_intents))]
            for o in answer.options
        ]
    )


# --- deep links: a question carried to the private chat ----------------------------------------

_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")


def encode_question(question: str) -> str | None:
    """The question as a /start parameter, or None when it is too long for one.

    "q" and the base64url of its UTF-8, at most 64 characters: questions up to 47 bytes.
    """
    encoded = "q" + base64.urlsafe_b64encode(question.encode()).decode().rstrip("=")
    return encoded if len(encoded) <= START_PARAMETER_LIMIT else None


def question_key(question: str) -> str:
    """The /start parameter of a question too long to carry itself.

    "k" and a digest, by which the bot remembers the question.
    """
    return "k" + hashlib.sha256(question.encode()).hexdigest()[:24]


def decode_question(parameter: str) -> str | None:
    """The question of an "q..." /start parameter, or None (not one, or not valid)."""
    if not _PARAMETER.fullmatch(parameter) or not parameter.startswith("q"):
        return None
    body = parameter[1:]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
    except (binascii.Error, ValueError):
        return None
