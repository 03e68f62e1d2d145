"""One pass of the Aho-Corasick automaton over a text, with boundary and case checks.

The automaton runs over :func:`~.lexicon.scan_text` of the text (lower-cased, word-start punctuation
folded to spaces, one leading space): every key starts with a space, so hits only happen at word
starts and only the end of a hit needs checking. Offsets map 1:1 to the original text. Case-sensitive
readings ("US" vs "us") are resolved with one dict lookup per hit. Overlaps are settled longest-first,
so "Keir Starmer" wins over a shorter alias and "Downing Street" over a city called "Downing".
"""

from __future__ import annotations

from operator import attrgetter

from .lexicon import Entry, Kind, Scanner, Value, mark_clitics, scan_text

_QUOTES = ("’", "‘", "‛", "＇", "`")


class Match:
    """A dictionary hit ``norm[start:end]`` with its readings, most likely first.

    A plain slotted class with typed attributes (it was a NamedTuple): in the compiled build
    (mypyc) it is a native class, so the resolver's many ``m.start`` / ``m.kind`` reads are struct
    reads instead of descriptor calls, and building one is a direct C call. ``kind`` and ``ref``
    copy the first reading's (the one most rules look at, often several times per hit and its
    neighbours): two attribute reads of the non-native :class:`~.lexicon.Entry` once per hit."""

    __slots__ = ("end", "entries", "kind", "ref", "start")

    def __init__(self, start: int, end: int, entries: tuple[Entry, ...]) -> None:
        self.start = start
        self.end = end
        self.entries = entries
        self.kind: Kind | None = None
        self.ref = ""
        if entries:
            first = entries[0]
            self.kind = first.kind
            self.ref = first.ref

    @property
    def entry(self) -> Entry:
        return self.entries[0]

    def __repr__(self) -> str:
        return f"Match({self.start}, {self.end}, {self.entries!r})"


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
    hits that survive."""
    low = scan_text(norm)
    # one trailing non-alphanumeric character, so the end-of-word test needs no bounds check
    padded = norm + " "
    found: list[Match] = []
    append = found.append
    index = automaton.index
    prev_end = -1
    overlapping = False
    # declared so the compiled build (mypyc) indexes the strings natively
    end: int
    readings: tuple[Value | None, ...]
    for end, readings in automaton.automaton.iter(low):
        # low[i + 1] is norm[i], so low index ``end`` is one past the hit in norm; a hit that
        # ends inside a word is the most common rejection, so it is tested first
        if padded[end].isalnum():
            continue
        value = readings[index]
        if value is None:  # a key of other languages only
            continue
        length, entries, by_spelling = value
        start = end - length
        if by_spelling is not None:
            entries = by_spelling.get(norm[start:end]) or by_spelling[""]
            if not entries:
                continue
        # Hits arrive ordered by end; without overlaps that is also text order.
        if start < prev_end:
            overlapping = True
        prev_end = end
        append(Match(start, end, entries))
    if automaton.clitics is not None:
        overlapping = _clitic_hits(automaton, low, norm, found, overlapping)
    if not overlapping:
        return found
    return _settle_overlaps(found, len(norm))


def _settle_overlaps(found: list[Match], n: int) -> list[Match]:
    """Keep the longest of overlapping hits (then the leftmost), greedily.

    The greedy choice only ever compares hits that overlap, so it is made separately for each run
    of chained overlaps (a sweep in start order finds the runs). Nearly every such run is a name
    and the shorter keys inside it ("Keir Starmer" / "Starmer", "the UK" / "UK"): one hit spanning
    the whole run wins outright, and only other runs need the general pass (longest first,
    marking taken characters)."""
    found.sort(key=_by_start)
    kept: list[Match] = []
    group: list[Match] = []
    group_start = group_end = -1
    widest = found[0]
    for m in found:
        start, end = m.start, m.end
        if start >= group_end:  # no overlap with the run so far: settle it, start a new one
            if len(group) == 1:
                kept.append(widest)
            elif group:
                _settle_group(group, group_start, group_end, widest, kept, n)
            group = [m]
            group_start, group_end, widest = start, end, m
            continue
        group.append(m)
        if end > group_end:
            group_end = end
        if end - start > widest.end - widest.start:  # strictly longer: the leftmost wins ties
            widest = m
    if len(group) == 1:
        kept.append(widest)
    elif group:
        _settle_group(group, group_start, group_end, widest, kept, n)
    return kept


def _settle_group(group: list[Match], start: int, end: int, widest: Match, kept: list[Match], n: int) -> None:
    """Settle one run of overlapping hits (``start``..``end``) into ``kept``, in text order."""
    if widest.start == start and widest.end == end:
        kept.append(widest)  # covers the whole run: longest, so first in the greedy order
        return
    group.sort(key=_longest_first)
    taken = bytearray(n + 1)
    chosen: list[Match] = []
    for m in group:
        s, e = m.start, m.end
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append(m)
    chosen.sort(key=_by_start)
    kept.extend(chosen)


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
        length, entries, by_spelling = value
        start = end - length
        if by_spelling is not None:
            entries = by_spelling.get(norm[start:end]) or by_spelling[""]
            if not entries:
                continue
        extra.append(Match(start, end, entries))
    if not extra:
        return overlapping
    found.extend(extra)
    found.sort(key=_end)  # stable: hits of one pass keep their order
    prev_end = -1
    for m in found:
        if m.start < prev_end:
            return True
        prev_end = m.end
    return False


def _end(m: Match) -> int:
    return m.end


def _longest_first(m: Match) -> tuple[int, int]:
    return (m.start - m.end, m.start)


_by_start = attrgetter("start")
