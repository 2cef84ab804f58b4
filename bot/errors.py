"""Domain exceptions. They become friendly messages only at the edges (CLI, Telegram).

HulplijnbotError
 ├── DatabaseUnavailable   the database file is missing, corrupt or of the wrong shape
 ├── SourceDataError       a CSV source breaks the schema (file, line and problem in the text)
 └── IntentFileError       an intent file in intents/ is malformed
"""

from __future__ import annotations


class HulplijnbotError(Exception):
    """Base class of the errors this package raises on purpose."""


class DatabaseUnavailable(HulplijnbotError):
    """The statistics database cannot be opened or read."""


class SourceDataError(HulplijnbotError):
    """A CSV source file breaks data/source/schema.toml."""


class IntentFileError(HulplijnbotError):
    """A file in intents/ is malformed."""
