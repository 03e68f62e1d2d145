"""bench.eval_events' own-probe scorer: who did what to whom, not only what.

Why: the probe sets written blind (``s13blind``) name each event's source and target country; a
scorer that only checked the type would call "Ukraine attacks Russia" right for a Russian attack.
"""

from __future__ import annotations

from bench.eval_events import _load_actor_tagger, score_probes

from wirestream.tagging.events import EventTagger


def test_source_and_target_are_counted_right_only_for_the_right_type_and_countries() -> None:
    actor_fn = _load_actor_tagger()
    assert actor_fn is not None
    text = "Russia launched a massive drone attack on Ukraine overnight"
    probes = [
        {"set": "t", "kind": "H", "text": text, "expect": ["ASSAULT"], "source": "RUS", "target": "UKR"},
        {"set": "t", "kind": "H", "text": text, "expect": ["ASSAULT"], "source": "UKR", "target": "RUS"},
        {"set": "t", "kind": "H", "text": text, "expect": ["AGREE"], "source": "RUS", "target": "UKR"},
        {"set": "t", "kind": "H", "text": text, "expect": ["ASSAULT"]},  # no roles named: not counted
    ]
    counts = score_probes(EventTagger.load(), probes, actor_fn)["by_set"]["t"]
    assert counts["political"] == 4 and counts["political_wrong"] == 1
    assert (counts["source_n"], counts["source_ok"]) == (3, 1)
    assert (counts["target_n"], counts["target_ok"]) == (3, 1)
