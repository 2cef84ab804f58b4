"""The Telegram edge: python-telegram-bot around the Engine, so that no question is lost.

The parts, from the outside in:

    app         the Application assembled, and `hulplijnbot run`
    settings    the environment variables, declared once
    logs        logging without secrets, ids hashed, no message text unless debugging
    journal     SQLite journal of updates: none lost, none handled twice across restarts
    processor   updates side by side, one conversation in order; marks them done
    transport   flood limits per chat, retries, the bot that survives unreadable updates
    webhook     the webhook server (200 for what cannot be read, after journaling)
    handlers    the allow-list gate, commands, questions, buttons, inline mode, errors
    addressing  what a message asks and whether it is meant for the bot
    rendering   answers as Telegram HTML, buttons, deep links
    texts       the Dutch the Telegram layer says itself
    state       what the handlers share (typed bot_data)

docs/telegram.md describes the bot as its users and operators see it.
"""
