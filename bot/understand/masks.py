"""The masked form of every intent example, kept between runs in the user's cache folder."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable

from bot.data.resources import cache_dir

log = logging.getLogger(__name__)


class MaskCache:
    """The masked form of every example, kept between runs in the user's cache folder (as
    Python keeps __pycache__), so that `hulplijnbot ask` does not mask 800 examples at each
    start. Keyed by a fingerprint of all it depends on; a cache that cannot be read or written
    is simply not used."""

    def __init__(self, fingerprint: str) -> None:
        self.path = cache_dir() / f"masks-{fingerprint}.json"
        self.masks: dict[str, str] = {}
        self.dirty = False
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.masks = {str(k): str(v) for k, v in loaded.items()}
        except (OSError, ValueError):
            pass

    def wrap(self, mask: Callable[[str], str]) -> Callable[[str], str]:
        """The masking function, answering from the cache where it can."""

        def cached(example: str) -> str:
            found = self.masks.get(example)
            if found is None:
                found = self.masks[example] = mask(example)
                self.dirty = True
            return found

        return cached

    def save(self) -> None:
        """Write the cache if it grew (a cache that cannot be written is not used)."""
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.masks, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            log.debug("mask cache not written to %s", self.path)
