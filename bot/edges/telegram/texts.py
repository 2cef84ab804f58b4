"""Every Dutch sentence the Telegram layer says itself (the answers come from the engine).

Functions return Telegram HTML with every piece of dynamic text escaped.
"""

from __future__ import annotations

from html import escape

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
UNKNOWN_COMMAND = "Dat commando ken ik niet. Typ gewoon je vraag, of /help."
EXAMPLES_INTRO = "Je kunt bijvoorbeeld vragen:"
CHART_FALLBACK_CAPTION = "Grafiek"
NO_CHART = "(De grafiek kan nu niet getekend worden; hierboven staan de cijfers.)"
# Inline mode cannot show a chart or buttons: these open the private chat with the question.
INLINE_CHART_BUTTON = "Bekijk de grafiek in een privégesprek"
INLINE_CHOICE_BUTTON = "Kies wat je bedoelt in een privégesprek"

PRIVATE_COMMANDS = (
    ("start", "Begin, met voorbeeldvragen"),
    ("help", "Hoe stel ik een vraag?"),
    ("voorbeelden", "Voorbeeldvragen"),
    ("bron", "Waar komen de cijfers vandaan?"),
    ("openingsuren", "Wanneer is de hulplijn open?"),
    ("grafiek", "Een grafiek, bv. /grafiek gesprekken"),
    ("id", "Je gebruikers-id en chat-id"),
    ("csv", "De laatste tabel als CSV-bestand"),
    ("nieuw", "Een nieuw gesprek"),
)
GROUP_COMMANDS = (
    ("vraag", "Stel een vraag, bv. /vraag hoeveel gesprekken in mei 2020?"),
    ("help", "Hoe stel ik een vraag?"),
    ("bron", "Waar komen de cijfers vandaan?"),
    ("openingsuren", "Wanneer is de hulplijn open?"),
    ("grafiek", "Een grafiek, bv. /grafiek gesprekken"),
    ("id", "De id van deze groep en je gebruikers-id"),
    ("csv", "De laatste tabel als CSV-bestand"),
    ("nieuw", "Een nieuw gesprek"),
)


def examples_html() -> str:
    """The example questions as a bulleted list."""
    return "\n".join(f"• {escape(q)}" for q in EXAMPLES)


def welcome_text(username: str, scope: str = "") -> str:
    """/start: what the bot does and knows (read from the data), with example questions."""
    name = escape(username)
    known = f"{escape(scope, quote=False)}\n\n" if scope else ""
    return (
        "Hallo! Ik beantwoord vragen over de cijfers van de hulplijnen, met het exacte cijfer "
        f"en de bron. {known}Stel je vraag gewoon in gewone taal, bijvoorbeeld:\n"
        f"{examples_html()}\n\n"
        f"In een groep: <code>/vraag</code> gevolgd door je vraag, of noem @{name}.\n"
        f"In elk gesprek: typ @{name} gevolgd door je vraag.\n/help voor meer uitleg."
    )


def help_text(username: str, scope: str = "") -> str:
    """/help: what the bot knows (read from the data), and how to ask, in private chats, groups
    and inline."""
    name = escape(username)
    known = f"{escape(scope, quote=False)}\n\n" if scope else ""
    return (
        f"{known}<b>Zo stel je een vraag</b>\n"
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
        "/grafiek [onderwerp] – een grafiek, bv. /grafiek gesprekken\n"
        "/id – je gebruikers-id en de id van dit gesprek\n"
        "/csv – de laatste tabel als CSV-bestand (voor Excel)\n"
        "/nieuw – een nieuw gesprek: ik vergeet je vorige vragen"
    )


def ask_hint(username: str, *, command: bool) -> str:
    """The hint for /vraag or a mention with nothing after it."""
    how = "<code>/vraag</code>" if command else f"@{escape(username)}"
    return (
        f"Zet je vraag achter {how}, bijvoorbeeld:\n{how} {escape(EXAMPLES[0][0].lower() + EXAMPLES[0][1:])}"
    )


def id_text(chat_id: int, user_id: int | None, *, private: bool) -> str:
    """/id: the ids the operator needs for HULPLIJNBOT_ALLOWED_USERS and _CHATS."""
    lines = []
    if user_id is not None:
        lines.append(f"Je gebruikers-id: <code>{user_id}</code>")
    if not private:
        lines.append(f"Id van deze groep: <code>{chat_id}</code>")
    lines.append("Geef deze id aan wie de bot beheert als je toegang nodig hebt.")
    return "\n".join(lines)
