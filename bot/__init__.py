"""hulplijnbot: exact, sourced answers to Dutch questions about helpline statistics."""

__version__ = "0.1.0"
