"""One pass of the Aho-Corasick automaton over a text, with word boundaries and case checks.

The automaton runs over a lower-cased copy of the text with typographic apostrophes folded to ASCII
(both same length as the original, so offsets map 1:1). Overlaps are settled longest-first, which
lets "Keir Starmer" win over the alias "Sir Keir" and "Downing Street" over a city called "Downing".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .lexicon import Entry

_FOLD_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "＇": "'", "`": "'"})
#: Arabic proclitics (and, with, for, so, like) that attach to the next word without a space.
_AR_PROCLITICS = frozenset("وبلفك")


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def entry(self) -> Entry:
        return self.entries[0]


def normalise(text: str) -> str:
    """Fold quotes; same length as ``text``."""
    return text.translate(_FOLD_QUOTES)


def lower_same_length(text: str) -> str:
    """``text.lower()`` unless that changes the length (e.g. 'İ'); then lower char by char."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def scan(automaton: Any, norm: str, arabic: bool = False) -> list[Match]:
    """All dictionary matches in ``norm`` (already quote-folded), non-overlapping, in text order."""
    low = lower_same_length(norm)
    n = len(norm)
    found: list[tuple[int, int, tuple[Entry, ...]]] = []
    for end_idx, (length, entries) in automaton.iter(low):
        end = end_idx + 1
        start = end - length
        if end < n and norm[end].isalnum():
            continue
        if start > 0 and norm[start - 1].isalnum() and not (
            arabic
            and norm[start - 1] in _AR_PROCLITICS
            and (start == 1 or not norm[start - 2].isalnum())
        ):
            continue
        surface = norm[start:end]
        ok = tuple(e for e in entries if e.exact is None or surface in e.exact)
        if ok:
            found.append((start, end, ok))
    if not found:
        return []
    found.sort(key=lambda m: (m[0] - m[1], m[0]))  # longest first, then leftmost
    taken = bytearray(n)
    kept: list[Match] = []
    for start, end, entries in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(Match(start, end, entries))
    kept.sort(key=lambda m: m.start)
    return kept
