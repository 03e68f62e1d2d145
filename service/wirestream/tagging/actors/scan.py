"""One pass of the Aho-Corasick automaton over a text, with boundary and case checks.

The automaton runs over :func:`~.lexicon.scan_text` of the text (lower-cased, word-start punctuation
folded to spaces, one leading space): every key starts with a space, so hits only happen at word
starts and only the end of a hit needs checking. Offsets map 1:1 to the original text. Case-sensitive
readings ("US" vs "us") are resolved with one dict lookup per hit. Overlaps are settled longest-first,
so "Keir Starmer" wins over a shorter alias and "Downing Street" over a city called "Downing".
"""

from __future__ import annotations

from typing import NamedTuple

from .lexicon import Entry, Scanner, mark_clitics, scan_text

_QUOTES = ("’", "‘", "‛", "＇", "`")


class Match(NamedTuple):
    """A dictionary hit ``norm[start:end]`` with its readings, most likely first.

    A NamedTuple rather than a frozen dataclass: an article has dozens of these and tuple creation
    is several times cheaper than a frozen dataclass ``__init__``."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def entry(self) -> Entry:
        return self.entries[0]


def normalise(text: str) -> str:
    """Fold typographic apostrophes to ASCII; same length as ``text``.

    ``str.replace`` per quote character is ~100x faster than ``str.translate`` with a dict table,
    and most texts contain only one kind (or none)."""
    for quote in _QUOTES:
        if quote in text:
            text = text.replace(quote, "'")
    return text


def scan(automaton: Scanner, norm: str, arabic: bool = False) -> list[Match]:
    """All dictionary matches in ``norm`` (already quote-folded), non-overlapping, in text order.

    ``automaton`` is a language's :class:`~.lexicon.Scanner` (``Lexicon.automaton(lang)``); its
    proclitic pass runs when it has one (Arabic), so ``arabic`` is kept only for callers.
    Keys are anchored at word starts (see :func:`~.lexicon.scan_text`), so only the end of a match
    needs a boundary check here. Rejected hits (a key that is the prefix of a longer word, about
    40% of all hits) cost one string index and one ``isalnum``; a :class:`Match` is only built for
    hits that survive, with ``tuple.__new__`` (the NamedTuple constructor is a Python function)."""
    low = scan_text(norm)
    # one trailing non-alphanumeric character, so the end-of-word test needs no bounds check
    padded = norm + " "
    found: list[Match] = []
    append = found.append
    new = tuple.__new__
    index = automaton.index
    prev_end = -1
    overlapping = False
    for end, readings in automaton.automaton.iter(low):
        # low[i + 1] is norm[i], so low index ``end`` is one past the hit in norm; a hit that
        # ends inside a word is the most common rejection, so it is tested first
        if padded[end].isalnum():
            continue
        value = readings[index]
        if value is None:  # a key of other languages only
            continue
        length, entries, by_spelling, skip = value
        start = end - length + skip
        if by_spelling is not None:
            entries = by_spelling.get(norm[start:end]) or by_spelling[""]
            if not entries:
                continue
        # Hits arrive ordered by end; without overlaps that is also text order.
        if start < prev_end:
            overlapping = True
        prev_end = end
        append(new(Match, (start, end, entries)))
    if automaton.clitics is not None:
        overlapping = _clitic_hits(automaton, low, norm, found, overlapping)
    if not overlapping:
        return found
    n = len(norm)
    found.sort(key=_longest_first)
    taken = bytearray(n + 1)
    kept: list[Match] = []
    for m in found:
        start, end = m[0], m[1]
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(m)
    kept.sort(key=_by_start)
    return kept


def _clitic_hits(automaton: Scanner, low: str, norm: str, found: list[Match], overlapping: bool) -> bool:
    """Add the hits of proclitic forms ("وموسكو") to ``found`` (kept in end order); returns the
    updated overlap flag. See :class:`~.lexicon.Scanner` for why this is a second pass."""
    marked = mark_clitics(low)
    if marked == low:
        return overlapping
    clitics = automaton.clitics
    assert clitics is not None
    n = len(norm)
    extra: list[Match] = []
    for end, (width, allowed, value, by_rest) in clitics.iter(marked):
        ws = end - width + 1  # the space before the proclitic, in ``low``
        if by_rest is not None:
            option = by_rest.get(low[ws + 2 : end + 1])
            if option is None:
                continue
            allowed, value = option
        if low[ws + 1] not in allowed:
            continue
        if value is None or (end < n and norm[end].isalnum()):
            continue
        length, entries, by_spelling, skip = value
        start = end - length + skip
        if by_spelling is not None:
            entries = by_spelling.get(norm[start:end]) or by_spelling[""]
            if not entries:
                continue
        extra.append(tuple.__new__(Match, (start, end, entries)))
    if not extra:
        return overlapping
    found.extend(extra)
    found.sort(key=_end)  # stable: hits of one pass keep their order
    prev_end = -1
    for m in found:
        if m[0] < prev_end:
            return True
        prev_end = m[1]
    return False


def _end(m: Match) -> int:
    return m[1]


def _longest_first(m: Match) -> tuple[int, int]:
    return (m[0] - m[1], m[0])


def _by_start(m: Match) -> int:
    return m.start
