"""Dutch numbers written as words, read as digits: "zesendertig" → 36, "honderddrieentwintig"
→ 123, "tweeduizend twintig" → 2020. Thresholds, claims and years then see one form.

The small counts one to twelve stay words when they stand alone: they are counts of months
("de drie maanden"), ranks ("top drie") or the article "een", which other parts read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_KEEP_AS_WORD = 12  # standalone number words up to here keep their own roles


class NumberWords:
    """Reads number words built from the lexicon's units, teens and tens."""

    def __init__(self, words: Mapping[str, int]) -> None:
        self._simple = {w: n for w, n in words.items() if 1 <= n < 100}
        units = [w for w, n in words.items() if 1 <= n <= 9]
        tens = [w for w, n in words.items() if 20 <= n <= 90 and n % 10 == 0]
        self._compound = re.compile(rf"^({'|'.join(units)})en({'|'.join(tens)})$") if units and tens else None
        self._hundred = next((w for w, n in words.items() if n == 100), "honderd")
        self._thousand = next((w for w, n in words.items() if n == 1000), "duizend")

    def value(self, word: str) -> int | None:
        """The number a single word writes, or None when it is no number word."""
        for scale_word, scale in ((self._thousand, 1000), (self._hundred, 100)):
            head, found, tail = word.partition(scale_word)
            if found:
                count = 1 if not head else self.value(head)
                rest = 0 if not tail else self.value(tail.removeprefix("en") or tail)
                if count is None or rest is None or count >= 1000 or rest >= scale:
                    return None
                return count * scale + rest
        if word in self._simple:
            return self._simple[word]
        m = self._compound.match(word) if self._compound else None
        if m is None:
            return None
        return self._simple[m.group(1)] + self._simple[m.group(2)]

    def digits(self, tokens: list[str]) -> list[str]:
        """The tokens with number words written as digits; a year in words ("tweeduizend
        (en) twintig", "twintig negentien") becomes one year."""
        out: list[str] = []
        i = 0
        while i < len(tokens):
            value = self.value(tokens[i])
            if value is None:
                out.append(tokens[i])
                i += 1
                continue
            following = tokens[i + 1 : i + 3]
            skip = 1 if following[:1] == ["en"] and len(following) > 1 else 0
            nxt = self.value(following[skip]) if len(following) > skip else None
            if nxt is not None and 0 < nxt < 100 and (value == 2000 or (value == 20 and not skip)):
                out.append(str(2000 + nxt))  # "tweeduizend twintig", "twintig negentien"
                i += 2 + skip
                continue
            compound = tokens[i] not in self._simple or value > _KEEP_AS_WORD
            out.append(str(value) if compound else tokens[i])
            i += 1
        return out
