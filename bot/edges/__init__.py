"""The edges: the command line, the terminal chat, batch and evaluation, Telegram."""
