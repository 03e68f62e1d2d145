"""The throughput shortcuts of the actor tagger give exactly what the code they replaced gave.

Each shortcut replaced a regex call or repeated attribute reads in a hot path (see
``bench/actors.py``); here each is checked against its reference on inputs chosen to hit the edge
cases of Unicode character classes (digits that are not decimal, dotless i, underscores).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from wirestream.tagging.actors import ActorTagger
from wirestream.tagging.actors.resolve import _FORMER_BEFORE, _attributive, _former_before
from wirestream.tagging.actors.scan import Match, normalise, scan

# what resolve._attributive reads by hand: a space, then a letter, then word characters or hyphens
_NEXT_WORD = re.compile(r" ([^\W\d_][\w-]*)")

SAMPLE = Path(__file__).resolve().parents[4] / "shared" / "samples" / "wire-2025-07-04-coalition.txt"
EDGE = [
    "military exercises", "police station.", "army base-camp", "troops ²nd", "troops 2nd", "police ٣ units",
    "police _station", "police -station", "police Station", "army", "army ", "army  base", "police\tstation",
    "forces' raid", "police stations", "army BASE", "police station_", "police ½ way", "army Ⅻ corps",
]  # fmt: skip
WINDOWS = [
    "the former ", "a FORMER ", "an ex-", "ex ", "the Ex- ", "retired ", "RETIRED ", "retıred ", "the retİred ",
    "former deputy ", "former  deputy  ", "next ", "expected to ", "secret ", "reformer ", "x ", "", "former",
    "complex- ", "Re tired ", "a formerly ", "retiree ", "ﬀormer ",
]  # fmt: skip


def _texts() -> list[str]:
    texts = list(EDGE)
    if SAMPLE.exists():
        body = SAMPLE.read_text(encoding="utf-8")
        texts += [body[i : i + 80] for i in range(0, len(body), 40)]
    return texts


def test_attributive_matches_the_next_word_regex(tagger: ActorTagger) -> None:
    heads = tagger.lexicon.rules.attributive_heads
    assert {"exercises", "station", "base"} & heads, "fixture words must include attributive heads"
    checked = hits = 0
    for text in _texts():
        norm = normalise(text)
        for end in range(len(norm) + 1):
            w = _NEXT_WORD.match(norm, end)
            want = w is not None and w.group(1).lower() in heads
            assert _attributive(tagger.lexicon, norm, end) is want, (norm, end)
            checked += 1
            hits += want
    assert hits >= 3 and checked > 100


def test_former_pretest_never_skips_a_match() -> None:
    rnd = random.Random(3)
    windows = list(WINDOWS)
    letters = "formerxtidFORMERXTIDıİ -ſ"
    windows += ["".join(rnd.choice(letters) for _ in range(rnd.randint(0, 12))) + " " for _ in range(3000)]
    found = 0
    for w in windows:
        want = _FORMER_BEFORE.search(w) is not None
        assert _former_before(w) is want, w
        found += want
    assert found >= 8


def test_former_pretest_letters_have_no_other_case_insensitive_matches() -> None:
    # the pre-test relies on this: every letter of "ex", "former", "ret" matches only itself and
    # its upper case under re.IGNORECASE (unlike "i", which also matches "ı" and "İ")
    for letter in "exformt":
        rx = re.compile(letter, re.IGNORECASE)
        others = [c for c in map(chr, range(0x10000)) if rx.fullmatch(c) and c.lower() != letter]
        assert others == [], (letter, others)


def test_match_copies_the_first_reading(tagger: ActorTagger) -> None:
    auto = tagger.lexicon.automaton("en")
    text = SAMPLE.read_text(encoding="utf-8") if SAMPLE.exists() else "Keir Starmer met Emmanuel Macron in Paris."
    found = scan(auto, normalise(text))
    assert len(found) > 5
    for m in found:
        assert (m.kind, m.ref) == (m.entries[0].kind, m.entries[0].ref)
    empty = Match(0, 3, ())
    assert (empty.kind, empty.ref, empty.entries) == (None, "", ())
