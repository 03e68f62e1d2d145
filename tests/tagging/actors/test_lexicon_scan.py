"""The scan's overlap rule: among overlapping hits the longest wins, then the leftmost, greedily.

``_settle_overlaps`` splits the hits into runs of chained overlaps and short-cuts the common run
(one hit spanning it); this checks it against the plain global greedy on random hit sets.
"""

from __future__ import annotations

import random

import pytest

from wirestream.tagging.actors.scan import Match, _settle_overlaps


def _greedy(found: list[Match], n: int) -> list[Match]:
    """The reference rule: all hits longest first (leftmost on ties), each kept if still free."""
    taken = [False] * (n + 1)
    kept = []
    for m in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        if any(taken[m.start : m.end]):
            continue
        taken[m.start : m.end] = [True] * (m.end - m.start)
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


@pytest.mark.parametrize("seed", range(300))
def test_settle_overlaps_matches_the_global_greedy(seed):
    rnd = random.Random(seed)
    n = rnd.randint(5, 80)
    spans = set()
    for _ in range(rnd.randint(1, 25)):
        start = rnd.randrange(n)
        spans.add((start, min(n, start + rnd.randint(1, 15))))
    # hits arrive in end order, as the automaton reports them
    found = [Match(s, e, ()) for s, e in sorted(spans, key=lambda se: (se[1], rnd.random()))]
    assert _settle_overlaps(list(found), n) == _greedy(found, n)


def test_a_name_wins_over_the_keys_inside_it_and_a_later_longer_hit_reaches_back():
    # "Asif", "Ali", "Asif Ali Zardari", "Zardari": the full name ends last but starts first
    found = [Match(0, 4, ()), Match(5, 8, ()), Match(0, 16, ()), Match(9, 16, ()), Match(23, 29, ())]
    assert [(m.start, m.end) for m in _settle_overlaps(found, 40)] == [(0, 16), (23, 29)]


def test_a_word_inside_a_persian_or_urdu_compound_name_is_not_the_place(tagger):
    """ "Shan" in "Shan-e-Mustafa" is part of a person's name, not Myanmar's Shan state; compounds
    without a linking particle still match ("Kyiv-based", "Russia-Ukraine")."""
    from .conftest import make_article

    ids = {t.actor_id for t in tagger.tag(make_article("Federal Minister Shan-e-Mustafa met the delegation."))}
    assert not any("MM" in i for i in ids)
    ids = {t.actor_id for t in tagger.tag(make_article("Fighting spread across Shan state."))}
    assert any("MM" in i for i in ids)
    ids = {t.actor_id for t in tagger.tag(make_article("A Kyiv-based analyst said the Russia-Ukraine talks failed."))}
    assert {"RUS", "UKR"} <= ids and any(i.startswith("geonames:") for i in ids)
