"""Free text to a canonical form: lower case, no accents, no markup, Flemish and informal
words mapped to standard Dutch, typos corrected against the known vocabulary.

Typos are corrected with the optimal-string-alignment distance (a swap of two letters counts
as one edit: "setpember", "chtas"), at most 1 edit for words up to 7 letters and 2 for longer
ones, and only towards words the bot knows; words of 3 letters or fewer are left alone, since
at that length nearly every word is one edit away from another.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.understand.numbers import NumberWords
from bot.understand.wordlist import is_dutch_word

MAX_INPUT_CHARS = 1000

_MENTION = re.compile(r"(?<!\w)@\w+")
_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>")
_URL = re.compile(r"https?://\S+|www\.\S+")
_RANGE_TEM = re.compile(r"\bt\s*\.\s*e\s*\.\s*m\s*\.?|\bt\s*/\s*m\b|\btot\s+(?:en|&)\s+met\b|\btem\b")
# "tot eind september", "van begin maart": a range to (from) that whole month ("tot eind
# september" was read as September alone, "van januari tot eind september" as two months)
_MONTH_START = r"(?=(?:jan|feb|maa|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\b)"
# "van mei tm september", "jan t.m. sep": "tm" before a month is "t.e.m." (May and September
# alone were added up)
_RANGE_TM = re.compile(rf"\bt\s*\.?\s*m\b\s*\.?\s*{_MONTH_START}")
_UNTIL_END = re.compile(
    rf"\b(?:tot|tegen)\s+(?:en\s+met\s+)?(?:het\s+)?(?:eind|einde|eindje)\s+(?:van\s+)?{_MONTH_START}"
)
# "zat de chat eind september 2020 al boven ...?": what had come by then, from the start of the year
_END_ALREADY = re.compile(
    rf"\b(?:eind|einde)\s+(?:van\s+)?(?={_MONTH_START}[a-z]+(?:\s+(?:19|20)\d\d)?\s+al\b)"
)
_FROM_START = re.compile(rf"\b(van|vanaf|sinds)\s+(?:het\s+)?(?:begin|start)\s+(?:van\s+)?{_MONTH_START}")
_COUNTING = re.compile(
    r"\b(?:hoeveel|aantal|totaal|gemiddeld\w*|procent|som|samen|cijfers?|gesprekken|oproepers)\b"
)
_TOV = re.compile(r"\bt\s*\.\s*o\s*\.\s*v\s*\.?|\bten opzichte van\b")
_YEAR_ON_YEAR = re.compile(r"(?<![\w-])(?:y-?o-?y|year[- ](?:on|over)[- ]year|jaar[- ]op[- ]jaar)(?![\w-])")
_RELATES_TO = re.compile(r"\bverh(?:oudt|ouden|ield|ielden)(?: zich)?(?: \w+){0,2}? (?:zich )?(?P<tot>tot)\b")
# ("38.000", and "38,000" as English writes it)
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})[.,](\d{3})(?![\d.,])")
_MONTH_DOT_YEAR = re.compile(r"\b(\d{1,2})\.((?:19|20)\d\d)\b")  # "06.2020": a month, as 06/2020
_DATE_DOTS = re.compile(r"\b(\d{1,2})[.-](\d{1,2})(?:[.-](\d{2,4}))?\b(?=\s|$|[?!,;])")
# (a decimal comma stays: "52,5%" was read as 52 and 5, and a claim of 52,5% said wrong)
_KEEP = re.compile(r"(?!(?<=\d),\d{1,2}(?!\d))[^a-z0-9'/:%\-\s]")
_HYPHEN = re.compile(r"(?<=[a-z0-9])-(?=[a-z0-9])|(?<=\s)-|-(?=\s)")
_EDGE = re.compile(r"^[/:\-']+|[/:\-']+$")
# tokens whose apostrophe belongs to them: years ('19) and elisions ('t, 'k, 'n, 's)
_ELISION = re.compile(r"^'(?:\d\d|[tkns])$")
_YEAR_TOKEN = re.compile(r"^(?:20\d\d|'\d\d)$")


def fold(text: str) -> str:
    """Lower case without accents (é → e), Unicode-normalised."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def clean(text: str) -> str:
    """Folded text with mentions, URLs and markup characters removed; range markers unified
    ("t.e.m.", "t/m", "tot en met" → "tem"); hyphens become their own token."""
    # "vóór april" is "before April", which the accent says and folding would lose
    text = re.sub(r"(?i)(?<!\w)vóór(?!\w)", "voorafgaand aan", text[:MAX_INPUT_CHARS])
    t = fold(text).replace("’", "'").replace("‘", "'").replace("–", "-")
    # "mei '19 → mei '20", "jan+feb 2020 -> apr+mei 2020", a year on both sides: from one point
    # (or months) to the other; "jan->sep": a range
    t = _ARROW_POINTS.sub(" naar ", t)
    t = _ARROW.sub(" - ", t)
    t = _TAG.sub(" ", t)
    t = _MENTION.sub(" ", t)
    t = _URL.sub(" ", t)
    t = _END_ALREADY.sub("tem ", t)
    if _COUNTING.search(t):  # (the hours "blijven tot eind december": a date, no range of months)
        t = _UNTIL_END.sub("tem ", t)
        t = _FROM_START.sub(r"\1 ", t)
    t = _RANGE_TEM.sub(" tem ", t)
    t = _RANGE_TM.sub(" tem ", t)
    t = _TOV.sub(" tov ", t)
    # "y-o-y", "year-on-year": against the year before; "verhoudt dat zich tot augustus 2019":
    # against it ("tot" is no range there)
    t = _YEAR_ON_YEAR.sub(" tegenover het jaar ervoor ", t)
    t = _RELATES_TO.sub(lambda m: m.group(0)[: -len(m.group("tot"))] + "tegenover", t)
    t = _THOUSANDS.sub(r"\1\2", t)
    t = _MONTH_DOT_YEAR.sub(r"\1/\2", t)
    t = _DATE_DOTS.sub(lambda m: "/".join(g for g in m.groups() if g), t)
    t = re.sub(r"(?<=[a-z])/(?=[a-z])", " / ", t)  # "andere/onduidelijke": two words
    t = _KEEP.sub(" ", t)
    t = _HYPHEN.sub(" - ", t)
    return " ".join(t.split())


# an arrow ("→", "->", "=>"), and one between two points with a year each ("juni 2019 → juni 2020")
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒)\s*")
_ARROW_POINTS = re.compile(r"(?<=\d)\s*(?:→|->|=>|⇒)\s*(?=(?:[a-z+&]+\s+){0,3}'?\d)")


def _doubled(token: str, word: str) -> bool:
    """Is the token the word with one of its letters typed twice ("chatt", "chat")?"""
    return any(token[i] == token[i - 1] and token[:i] + token[i + 1 :] == word for i in range(1, len(token)))


def _parts_close(written: str, name: str) -> bool:
    """Is every hyphenated part of the written name at most one edit from the name's part?"""
    parts, name_parts = written.split("-"), name.split("-")
    return len(parts) == len(name_parts) and all(
        OSA.distance(a, b) <= 1 for a, b in zip(parts, name_parts, strict=True)
    )


@dataclass(frozen=True)
class Normalized:
    """A question in canonical form, with what the corrector did to it: `corrections` are
    names read from a typo ("maatr" → "maart"), `ambiguous` are words equally close to two or
    more names ("juai": juni or juli), which the bot asks about instead of guessing."""

    text: str
    corrections: tuple[tuple[str, str], ...] = ()
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()


class Normalizer:
    """Turns text into canonical tokens. `vocabulary` is every word the bot knows; `names` are
    the words that name something with figures (months, metrics, helplines, categories): a typo
    in one of those is read as that name and reported back, never dropped."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        colloquial: dict[str, str],
        names: Mapping[str, str] | Iterable[str] = (),
        name_positions: Iterable[str] = (),
        amount_positions: Iterable[str] = (),
        homophones: Mapping[str, str] | None = None,
        month_names: Iterable[str] = (),
        number_words: Mapping[str, int] | None = None,
    ) -> None:
        self.colloquial = colloquial
        self.vocabulary = frozenset(vocabulary) | frozenset(w for v in colloquial.values() for w in v.split())
        # Correction candidates: the longer words only, so short tokens are never pulled in.
        self._candidates = sorted(w for w in self.vocabulary if len(w) >= 4 and w.isalpha())
        meanings = dict(names) if isinstance(names, Mapping) else {n: n for n in names}
        self.names = frozenset(n for n in meanings if n)
        self._meaning = meanings
        self._name_candidates = sorted(n for n in self.names if len(n) >= 3)
        # Words after which a month name is expected ("in", "sinds"): there even a real word
        # ("maar", "mie") one letter from a month is read as that month.
        self._name_positions = frozenset(name_positions)
        self._amount_positions = frozenset(amount_positions)
        self._homophones = dict(homophones or {})
        self._months = frozenset(month_names)
        months = "|".join(sorted((re.escape(m) for m in self._months), key=len, reverse=True)) or "(?!)"
        # "de weken van 21 en 28 september": each day with its month (the 21 was read as a number)
        self._days_of_one_month = re.compile(rf"(?<![\w/])(\d{{1,2}}) en (\d{{1,2}}) ({months})(?![\w])")
        self._numbers = NumberWords(number_words or {})
        self._cache: dict[str, str] = {}
        self._name_cache: dict[str, tuple[str, ...]] = {}

    def number_value(self, word: str) -> int | None:
        """The number a word writes ("negentien": 19), or None."""
        return self._numbers.value(fold(word))

    def tokens(self, text: str, correct: bool = True) -> list[str]:
        """The canonical tokens of a text."""
        return self.normalize_detailed(text, correct).text.split()

    def normalize(self, text: str, correct: bool = True) -> str:
        """The canonical form of a text."""
        return self.normalize_detailed(text, correct).text

    def normalize_detailed(self, text: str, correct: bool = True) -> Normalized:
        """The canonical text, and the names it read from typos."""
        raw_tokens: list[str] = []
        for raw in clean(text).split():
            trimmed = raw.rstrip("/:-'") if raw != "-" else raw
            token = trimmed if raw == "-" or _ELISION.match(trimmed) else _EDGE.sub("", raw)
            if not token:
                continue
            mapped = self.colloquial.get(token)
            if mapped is not None:
                raw_tokens.extend(mapped.split())
            else:
                raw_tokens.append(token)
        raw_tokens = self._numbers.digits(raw_tokens)
        if not correct:
            return Normalized(" ".join(raw_tokens))
        out: list[str] = []
        corrections: list[tuple[str, str]] = []
        ambiguous: list[tuple[str, tuple[str, ...]]] = []
        i = 0
        while i < len(raw_tokens):
            token = raw_tokens[i]
            # "cbl-chat": a name written with a hyphen is compared as a whole
            if i + 2 < len(raw_tokens) and raw_tokens[i + 1] == "-":
                glued = token + raw_tokens[i + 2]
                if glued in self.names and token not in self.names:
                    # "a-wel": a name written in two parts (the helpline was dropped)
                    corrections.append((f"{token}-{raw_tokens[i + 2]}", glued))
                    out.append(glued)
                    i += 3
                    continue
                joined = f"{token}-{raw_tokens[i + 2]}"
                if joined not in self.names and len(joined) >= 5:
                    # each part within one edit of its own: "cbl-chat" is the CLB-chat, "caw-chat"
                    # (two letters of three changed) is a name of its own
                    near = tuple(n for n in self._near_names(joined) if _parts_close(joined, n))
                    if len(near) == 1:
                        corrections.append((joined, near[0]))
                        out.extend(near[0].replace("-", " - ").split())
                        i += 3
                        continue
            previous = out[-1] if out else ""
            following = raw_tokens[i + 1] if i + 1 < len(raw_tokens) else ""
            split = self._split_name(token, following)
            if split is not None:
                # "a well" (dictated): Awel, one name said as two words (the helpline was dropped)
                corrections.append((f"{token} {following}", split))
                out.extend(split.split())
                i += 2
                continue
            fixed, near = self._correct_in_place(token, previous, following)
            # ("hovel" read as the colloquial "hoevel": that word's own form, "hoeveel")
            fixed = self.colloquial.get(fixed, fixed) if fixed != token else fixed
            if len(near) > 1 or (near and token.isdigit()):
                ambiguous.append((token, near))
            elif fixed != token and fixed in self.names:
                corrections.append((token, fixed))
            out.extend(fixed.split())
            i += 1
        text = self._days_of_one_month.sub(r"\1 \3 en \2 \3", " ".join(out))
        return Normalized(text, tuple(corrections), tuple(ambiguous))

    def _split_name(self, token: str, following: str) -> str | None:
        """The one name two words make together, within one edit, when they are not both words of
        their own: "a well" is Awel; "van de" is nothing."""
        if not (token.isalpha() and following.isalpha()) or token in self.names or following in self.names:
            return None
        joined = token + following
        if len(joined) < 4 or joined in self._months:
            return None
        if joined in self.names:
            return joined  # "a wel": the name itself
        if joined in self.vocabulary or all(
            w in self.vocabulary or is_dutch_word(w) for w in (token, following)
        ):
            return None
        if following in self.vocabulary and self._near_names(token):
            return None  # "oproepes in": a typo of a name before a word, not half of one
        found = self._near_names(joined)
        return found[0] if len(found) == 1 and found[0] not in self._months else None

    def _correct_in_place(self, token: str, previous: str, following: str) -> tuple[str, tuple[str, ...]]:
        """The token as the bot reads it, and the names it is equally close to when several."""
        if token in self.names:
            return token, ()
        spelled = token.replace("y", "ij")
        if (
            spelled != token
            and token not in self.vocabulary
            and (spelled in self.names or spelled in self.vocabulary)
        ):
            return spelled, (spelled,)  # "vrydag": the ij typed as y
        if token.isdigit() and 3 <= len(token) <= 4 and not _YEAR_TOKEN.match(token):
            if previous in self._amount_positions:
                return token, ()  # "meer dan 113": an amount
            # "1721", one digit from the helpline 1712: asked about, never read as it
            return token, tuple(n for n in self._near_names(token, short=True) if n.isdigit())
        if not token.isalpha():
            return token, ()
        after_preposition = previous in self._name_positions
        sounds_like = self._homophones.get(token)
        if sounds_like is not None and after_preposition and _YEAR_TOKEN.match(following):
            # "in mij 2020": a month said as it sounds ("mij" was a pronoun, and dropped)
            return sounds_like, (sounds_like,)
        real_word = token in self.vocabulary or is_dutch_word(token)
        if real_word or len(token) <= 3:
            # A real word stays itself, unless it stands right after "in", "sinds", ... and is
            # one letter from exactly one month ("in maar 2020", "in mie"); a short non-word
            # also before a year ("jni 2020"). "niet 2019 maar 2020" keeps its "maar".
            position = after_preposition or (not real_word and bool(_YEAR_TOKEN.match(following)))
            if position and token not in self._name_positions:
                near = tuple(n for n in self._near_names(token, short=True) if n in self._months)
                if len(near) == 1:
                    return near[0], near
                if len(near) > 1 and not real_word:
                    return token, near
            return self._correct(token), ()
        near = self._near_names(token)
        if len(near) == 1:
            return near[0], near
        if len(near) > 1:
            return token, near
        return self._correct(token), ()

    def _near_names(self, token: str, short: bool = False) -> tuple[str, ...]:
        """The names closest to the token, within one edit (two for long words), starting with
        the same letter (or its first two letters swapped)."""
        key = f"{token}|{short}"
        cached = self._name_cache.get(key)
        if cached is not None:
            return cached
        if len(token) < (3 if short else 4):
            return ()
        limit = 1 if len(token) <= 7 else 2
        hits = process.extract(
            token, self._name_candidates, scorer=OSA.distance, score_cutoff=limit, limit=None
        )
        found: list[tuple[str, float]] = [
            (str(word), float(distance))
            for word, distance, _ in hits
            if (word[0] == token[0] or word[:2] == token[1::-1])
            and (short or len(word) >= 4 or _doubled(token, word))  # ("meii": "mei")
        ]
        best = min((d for _, d in found), default=None)
        closest = sorted({w for w, d in found if d == best})
        doubled = [w for w in closest if _doubled(token, w)]
        if doubled:
            closest = doubled  # a letter typed twice: "chatt" is "chat", not "chats"
        if len({self._meaning.get(w, w) for w in closest}) > 1:
            # a dropped letter is the commonest typo: "jongren" is "jongeren", not "jongen"
            longer = [w for w in closest if len(w) == len(token) + 1]
            if longer and len({self._meaning.get(w, w) for w in longer}) == 1:
                closest = longer
        specific = [w for w in closest if not self._meaning.get(w, "word:").startswith("word:")]
        if specific and len(specific) < len(closest):
            closest = specific  # a name with figures beats a word of a longer alias
        elif not specific and len(closest) > 1:
            # words of longer aliases only ("jongere", "jongeren"): no name to ask about; the
            # longer one, as a dropped letter is the commonest typo
            closest = sorted(closest, key=lambda w: (-len(w), w))[:1]
        by_meaning: dict[str, str] = {}
        for w in sorted(closest, key=lambda w: (-len(w), w)):
            by_meaning.setdefault(self._meaning.get(w, w), w)
        # one reading per meaning ("september" and "septembre" are both September)
        result = tuple(sorted(by_meaning.values()))
        if len(self._name_cache) < 50_000:
            self._name_cache[key] = result
        return result

    def _correct(self, token: str) -> str:
        if token in self.vocabulary or len(token) <= 3 or not token.isalpha():
            return token
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        fixed = self._split_compound(token, fuzzy_tail=False)
        if fixed is None and not is_dutch_word(token):
            # only a word that is not Dutch is a typo: "haalde" and "hoogte" stay as they are
            fixed = self._nearest(token) or self._split_compound(token, fuzzy_tail=True)
        fixed = fixed or token
        if len(self._cache) < 50_000:
            self._cache[token] = fixed
        return fixed

    def _nearest(self, token: str) -> str | None:
        """The closest known word, if it starts like the token: people rarely mistype the
        first letter, and "haalde" must not become "daalde"."""
        limit = 1 if len(token) <= 7 else 2
        found = process.extract(token, self._candidates, scorer=OSA.distance, score_cutoff=limit, limit=8)
        # On equal distance prefer a letter typed twice ("chatt" is "chat" rather than "chats"),
        # then a longer word: a dropped letter is the commonest typo ("jongren" is "jongeren"
        # rather than "jongen").
        found.sort(key=lambda hit: (hit[1], not _doubled(token, hit[0]), len(hit[0]) <= len(token)))
        for word, _, _ in found:
            if word[0] == token[0] or word[:2] == token[1::-1]:
                return word
        return None

    def _split_compound(self, token: str, fuzzy_tail: bool) -> str | None:
        """'woensdagmiddag' → 'woensdag middag': a known word of 3+ letters followed by a known
        word (or, with fuzzy_tail, a word of 5+ letters one typo away from a known one)."""
        for cut in range(len(token) - 3, 2, -1):
            head, tail = token[:cut], token[cut:]
            if head not in self.vocabulary:
                continue
            if not fuzzy_tail and tail in self.vocabulary:
                return f"{head} {tail}"
            if fuzzy_tail and len(head) >= 4 and len(tail) >= 5:
                near = self._nearest(tail)
                if near:
                    return f"{head} {near}"
        return None
