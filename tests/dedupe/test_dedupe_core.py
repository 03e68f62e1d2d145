"""Unit tests of the deduplication decision over the dict-backed state."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from dedupe_articles import STORY, T0, make_article

from wirestream.dedupe import Deduplicator, InMemoryDedupeState, partition_key
from wirestream.dedupe.core import body_sketch
from wirestream.dedupe.records import FORMAT, decode_story
from wirestream.models import DedupeStatus, PubStatus
from wirestream.settings import DedupeSettings

OTHER = [
    "Russian forces shelled Kherson on Tuesday, damaging a hospital and a water pumping station "
    "on the left bank of the Dnipro river, the regional governor said.",
    "Two people were killed and nine injured in the attack, which came hours after Ukrainian "
    "drones struck an oil depot in the Belgorod region across the border.",
    "President Volodymyr Zelenskiy said Ukraine needed more air defence systems and urged allies "
    "to speed up deliveries promised at last month's summit in Washington.",
    "Kremlin spokesman Dmitry Peskov said Moscow remained open to talks but would not accept "
    "preconditions set by Kyiv or its Western backers.",
]


@pytest.fixture
def dedup() -> Deduplicator:
    return Deduplicator(DedupeSettings(), InMemoryDedupeState())


def test_first_article_is_new(dedup: Deduplicator) -> None:
    r = dedup.decide(make_article("a1", STORY), T0)
    assert r.status is DedupeStatus.NEW
    assert r.cluster_id == "a1"
    assert not r.is_duplicate
    assert dedup.index_size() == 1


def test_exact_same_text_other_id(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY), T0)
    r = dedup.decide(make_article("b1", STORY), T0 + timedelta(minutes=1))
    assert r.status is DedupeStatus.EXACT
    assert r.duplicate_of == "a1" and r.cluster_id == "a1"


def test_exact_same_agency_id_and_version(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY, version=2), T0)
    r = dedup.decide(make_article("a1", STORY, headline="Other headline", version=2), T0)
    assert r.status is DedupeStatus.EXACT
    assert r.duplicate_of == "a1"


def test_near_duplicate_with_edits(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY, headline="Russia pounds Kharkiv"), T0)
    edited = [
        "By Jane Morris",  # byline paragraph
        "KHARKIV, Ukraine (AP) - " + STORY[0],  # dateline
        STORY[2],  # reordered
        STORY[1].replace("killed", "kiled"),  # typo
        STORY[3],  # last paragraph cut
        "Copyright 2026 The Associated Press. All rights reserved.",
    ]
    r = dedup.decide(make_article("b1", edited, headline="Deadly strikes hit Ukraine's second city"), T0)
    assert r.status is DedupeStatus.NEAR, r
    assert r.cluster_id == "a1" and r.duplicate_of == "a1"
    assert r.similarity is not None and r.similarity >= 0.7


def test_same_topic_different_story_is_not_merged(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY), T0)
    r = dedup.decide(make_article("b1", OTHER), T0)
    assert r.status is DedupeStatus.NEW


def test_near_copy_of_copy_keeps_first_cluster(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY), T0)
    dedup.decide(make_article("b1", [*STORY, OTHER[3]]), T0)
    r = dedup.decide(make_article("c1", [*STORY[1:], OTHER[3], OTHER[2]]), T0)
    assert r.status is DedupeStatus.NEAR
    assert r.cluster_id == "a1"


def test_short_bodies_only_get_exact_dedupe(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", ["Explosions heard in Kharkiv."]), T0)
    r = dedup.decide(make_article("b1", ["Explosions heard in Kharkiv, witnesses say."]), T0)
    assert r.status is DedupeStatus.NEW


def test_new_version_supersedes(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY, story_id="s1", version=1), T0)
    r = dedup.decide(make_article("a2", [*STORY, OTHER[3]], story_id="s1", version=2), T0)
    assert r.status is DedupeStatus.NEW_VERSION
    assert r.supersedes == "a1" and r.cluster_id == "a1"
    assert not r.is_duplicate


def test_new_version_by_version_created(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY, story_id="s1", version_created=T0), T0)
    r = dedup.decide(make_article("a2", STORY[:3], story_id="s1", version_created=T0 + timedelta(hours=1)), T0)
    assert r.status is DedupeStatus.NEW_VERSION and r.supersedes == "a1"


def test_stale_version_arriving_late(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY, story_id="s1", version=1), T0)
    dedup.decide(make_article("a3", STORY[:4], story_id="s1", version=3), T0)
    r = dedup.decide(make_article("a2", STORY[:3], story_id="s1", version=2), T0)
    assert r.status is DedupeStatus.STALE_VERSION
    assert r.duplicate_of == "a3" and r.is_duplicate


def test_kill_known_story(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY, story_id="s1", version=1), T0)
    kill = make_article("a1k", ["This story has been withdrawn."], story_id="s1", version=2,
                        pubstatus=PubStatus.CANCELED)  # fmt: skip
    r = dedup.decide(kill, T0)
    assert r.status is DedupeStatus.KILL
    assert r.supersedes == "a1" and r.cluster_id == "a1"
    # a later copy of the killed story (same story id, or a near copy under another id)
    r2 = dedup.decide(make_article("a1b", STORY, story_id="s1", version=3), T0)
    assert r2.status is DedupeStatus.KILLED
    r3 = dedup.decide(make_article("x1", [*STORY[:4], "Copyright 2026 AFP."]), T0)
    assert r3.status is DedupeStatus.KILLED and r3.is_duplicate


def test_kill_unknown_story_suppresses_later_copy(dedup: Deduplicator) -> None:
    kill = make_article("k1", ["Withheld."], story_id="s9", pubstatus=PubStatus.WITHHELD)
    r = dedup.decide(kill, T0)
    assert r.status is DedupeStatus.KILL
    late = dedup.decide(make_article("a1", STORY, story_id="s9", version=1), T0 + timedelta(minutes=5))
    assert late.status is DedupeStatus.KILLED


def test_kill_notices_never_match_each_other_by_text(dedup: Deduplicator) -> None:
    for i in range(3):
        dedup.decide(make_article(f"a{i}", [*STORY, OTHER[i]], story_id=f"s{i}"), T0)
    text = ["This story has been withdrawn."]
    r1 = dedup.decide(make_article("k1", text, story_id="s0", pubstatus=PubStatus.CANCELED), T0)
    r2 = dedup.decide(make_article("k2", text, story_id="s1", pubstatus=PubStatus.CANCELED), T0)
    assert r1.status is r2.status is DedupeStatus.KILL
    assert (r1.supersedes, r2.supersedes) == ("a0", "a1")


def test_embargo_hold_and_release(dedup: Deduplicator) -> None:
    due = T0 + timedelta(hours=2)
    r = dedup.decide(make_article("e1", STORY, embargoed=due), T0)
    assert r.status is DedupeStatus.HELD
    assert dedup.release_embargoes(T0 + timedelta(hours=1)) == []
    # a re-send while held is a duplicate, not a second hold
    assert dedup.decide(make_article("e1", STORY, embargoed=due), T0).status is DedupeStatus.EXACT
    released = dedup.release_embargoes(due)
    assert [(a.article_id, res.status) for a, res in released] == [("e1", DedupeStatus.NEW)]
    assert dedup.release_embargoes(due + timedelta(hours=1)) == []
    # once released it is in the index: a copy is a duplicate
    assert dedup.decide(make_article("e2", STORY), due).status is DedupeStatus.EXACT


def test_due_embargoes_pops(dedup: Deduplicator) -> None:
    dedup.decide(make_article("e1", STORY, embargoed=T0 + timedelta(minutes=5)), T0)
    dedup.decide(make_article("e2", OTHER, embargoed=T0 + timedelta(minutes=50)), T0)
    assert [a.article_id for a in dedup.due_embargoes(T0 + timedelta(minutes=10))] == ["e1"]
    assert [a.article_id for a in dedup.due_embargoes(T0 + timedelta(hours=1))] == ["e2"]


def test_released_embargo_that_is_a_copy_is_a_duplicate(dedup: Deduplicator) -> None:
    due = T0 + timedelta(hours=1)
    dedup.decide(make_article("e1", [*STORY, "Embargoed copy."], embargoed=due), T0)
    dedup.decide(make_article("a1", STORY), T0 + timedelta(minutes=10))
    ((_, res),) = dedup.release_embargoes(due)
    assert res.status in {DedupeStatus.NEAR, DedupeStatus.EXACT}
    assert res.cluster_id == "a1"


def test_kill_of_held_story_suppresses_release(dedup: Deduplicator) -> None:
    due = T0 + timedelta(hours=1)
    dedup.decide(make_article("e1", STORY, story_id="s1", embargoed=due), T0)
    dedup.decide(make_article("k1", ["Killed."], story_id="s1", pubstatus=PubStatus.CANCELED), T0)
    ((_, res),) = dedup.release_embargoes(due)
    assert res.status is DedupeStatus.KILLED


def test_retention_expiry() -> None:
    state = InMemoryDedupeState()
    dedup = Deduplicator(DedupeSettings(retention_days=7), state)
    dedup.decide(make_article("old", STORY, story_id="s-old", version=1), T0)
    dedup.decide(make_article("new", OTHER, story_id="s-new"), T0 + timedelta(days=6))
    assert dedup.expire(T0 + timedelta(days=6, hours=23)) == 0
    assert dedup.expire(T0 + timedelta(days=8)) == 1
    assert dedup.index_size() == 1
    assert "s-old" not in state.stories and "s-new" in state.stories
    assert len(state.log) == 1 and len(state.hashes) == 1 and len(state.articles) == 1
    # forgotten: an old copy is new again, the recent one is still detected
    later = T0 + timedelta(days=8)
    assert dedup.decide(make_article("old2", STORY), later).status is DedupeStatus.NEW
    assert dedup.decide(make_article("new2", OTHER), later).status is DedupeStatus.EXACT


def test_expiry_keeps_pointers_replaced_by_later_versions() -> None:
    state = InMemoryDedupeState()
    dedup = Deduplicator(DedupeSettings(retention_days=1), state)
    dedup.decide(make_article("a1", STORY, story_id="s1", version=1), T0)
    dedup.decide(make_article("a2", [*STORY, OTHER[0]], story_id="s1", version=2), T0 + timedelta(hours=20))
    assert dedup.expire(T0 + timedelta(hours=30)) == 1
    story = decode_story(state.stories["s1"])
    assert story is not None and story.a == "a2"
    r = dedup.decide(make_article("a1", STORY, story_id="s1", version=1), T0 + timedelta(hours=30))
    assert r.status is DedupeStatus.STALE_VERSION


def test_restart_over_same_state_still_detects_copies() -> None:
    state = InMemoryDedupeState()
    first = Deduplicator(DedupeSettings(), state)
    first.decide(make_article("a1", STORY), T0)
    first.decide(make_article("e1", OTHER, embargoed=T0 + timedelta(hours=1)), T0)
    restarted = Deduplicator(DedupeSettings(), state)  # new process, same tables
    r = restarted.decide(make_article("b1", [*STORY[:4], "Copyright 2026 AFP."]), T0)
    assert r.status is DedupeStatus.NEAR and r.cluster_id == "a1"
    assert restarted.index_size() == 2
    assert [a.article_id for a in restarted.due_embargoes(T0 + timedelta(hours=1))] == ["e1"]


def test_state_is_json_serialisable_and_survives_a_round_trip() -> None:
    import json

    state = InMemoryDedupeState()
    dedup = Deduplicator(DedupeSettings(), state)
    dedup.decide(make_article("a1", STORY, story_id="s1", version=1), T0)
    dedup.decide(make_article("e1", OTHER, embargoed=T0 + timedelta(hours=1)), T0)
    dedup.decide(make_article("k1", ["Killed."], story_id="s2", pubstatus=PubStatus.CANCELED), T0)
    copy = InMemoryDedupeState()
    for name in ("stories", "hashes", "articles", "log", "embargoes", "meta"):
        getattr(copy, name).update(json.loads(json.dumps(getattr(state, name))))
    again = Deduplicator(DedupeSettings(), copy)
    assert again.decide(make_article("b1", STORY[:4]), T0).status is DedupeStatus.NEAR
    assert again.decide(make_article("x", STORY, story_id="s2"), T0).status is DedupeStatus.KILLED


def test_generation_change_rebuilds_cache() -> None:
    state = InMemoryDedupeState()
    a = Deduplicator(DedupeSettings(), state)
    b = Deduplicator(DedupeSettings(), state)
    a.decide(make_article("a1", STORY), T0)  # a builds its cache now
    b.decide(make_article("z1", OTHER), T0)  # written to the state behind a's back
    stale = a.decide(make_article("a2", [*OTHER, STORY[0]]), T0)
    assert stale.status is DedupeStatus.NEW  # a's cache does not know z1...
    state.invalidate()  # ...until the state says caches are stale (a Faust rebalance)
    r = a.decide(make_article("a3", [*OTHER[:3], "Copyright 2026 AFP."]), T0)
    assert r.status is DedupeStatus.NEAR


def test_replay_with_same_source_returns_first_result(dedup: Deduplicator) -> None:
    art = make_article("a1", STORY)
    r1 = dedup.decide(art, T0, source="wire.raw:0:17")
    r2 = dedup.decide(art, T0, source="wire.raw:0:17")  # redelivered after a crash
    assert r1 == r2 and r2.status is DedupeStatus.NEW
    r3 = dedup.decide(art, T0, source="wire.raw:1:99")  # the agency sent it again
    assert r3.status is DedupeStatus.EXACT


def test_partition_key_is_one_sequencer_key() -> None:
    a, b = make_article("a1", STORY), make_article("b1", OTHER, story_id="other")
    assert partition_key(a) == partition_key(b)
    assert isinstance(partition_key(a), bytes)


def test_slot_counter_rolled_back_by_crash_recovery_loses_nothing() -> None:
    """Faust restores each table from its own changelog: after a kill -9, ``meta["next"]`` can be
    older than log entries that survived. Neither a restart nor new articles may drop them."""
    state = InMemoryDedupeState()
    first = Deduplicator(DedupeSettings(), state)
    first.decide(make_article("a1", OTHER), T0)
    first.decide(make_article("b1", STORY, headline="Russia pounds Kharkiv"), T0)
    state.meta["next"] = 1  # the counter's changelog lagged the log's: b1's slot (1) survived
    restarted = Deduplicator(DedupeSettings(), state)
    copy = [*STORY[:3], "Copyright 2026 Example Wire."]
    assert restarted.decide(make_article("c1", copy, headline="Strikes hit Kharkiv"), T0).duplicate_of == "b1"
    fresh = [p.replace("Kharkiv", "Odesa").replace("Russia", "Belarus") + " New detail." for p in OTHER]
    restarted.decide(make_article("d1", fresh), T0)  # must take a free slot, not b1's
    again = Deduplicator(DedupeSettings(), state)
    assert again.decide(make_article("e1", copy, headline="Kharkiv hit again"), T0).duplicate_of in {"b1", "c1"}


class _JsonDict(dict[str, Any]):
    """Stores values the way Faust's json codec does: tuples come back as lists."""

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, json.dumps(value))

    def get(self, key: str, default: Any = None) -> Any:
        raw = super().get(key)
        return default if raw is None else json.loads(raw)

    def __getitem__(self, key: str) -> Any:
        return json.loads(super().__getitem__(key))


def _json_state() -> InMemoryDedupeState:
    state = InMemoryDedupeState()
    for name in ("stories", "hashes", "articles", "log", "embargoes", "meta"):
        setattr(state, name, _JsonDict())
    return state


def test_records_survive_a_json_round_trip_like_faust_tables() -> None:
    """The Faust tables serialise values as JSON: every flow must work on lists, not only tuples."""
    state = _json_state()
    dedup = Deduplicator(DedupeSettings(retention_days=1), state)
    assert dedup.decide(make_article("a1", STORY, story_id="s1", version=1), T0, source="t:0:1").status is (
        DedupeStatus.NEW
    )
    near = dedup.decide(make_article("b1", [*STORY, OTHER[0]], story_id="s2"), T0 + timedelta(minutes=1))
    assert near.status is DedupeStatus.NEAR and near.cluster_id == "a1"
    assert dedup.decide(make_article("c1", STORY, story_id="s3"), T0).status is DedupeStatus.EXACT
    newer = dedup.decide(make_article("a2", [*STORY, OTHER[1]], story_id="s1", version=2), T0)
    assert newer.status is DedupeStatus.NEW_VERSION and newer.supersedes == "a1"
    replay = dedup.decide(make_article("a1", STORY, story_id="s1", version=1), T0, source="t:0:1")
    assert replay.status is DedupeStatus.NEW and replay.cluster_id == "a1"
    kill = dedup.decide(make_article("a3", STORY, story_id="s1", version=3, pubstatus=PubStatus.CANCELED), T0)
    assert kill.status is DedupeStatus.KILL
    assert dedup.decide(make_article("d1", STORY, story_id="s9"), T0).status is DedupeStatus.KILLED
    raw = state.log.get("0")
    assert isinstance(raw, list) and raw[0] == FORMAT and raw[5] is None  # own cluster stored as null
    restarted = Deduplicator(DedupeSettings(retention_days=1), state)
    again = restarted.decide(make_article("e1", [*STORY, OTHER[2]], story_id="s4"), T0 + timedelta(minutes=2))
    assert again.status is DedupeStatus.KILLED  # a copy of the killed story, found through the rebuilt index
    assert restarted.expire(T0 + timedelta(days=2)) == 4  # a1, b1, a2 and the kill a3; the rest were duplicates
    assert state.sizes() == {"stories": 0, "hashes": 0, "articles": 0, "log": 0, "embargoes": 0}


def test_format_1_records_from_an_old_changelog_are_read() -> None:
    """Tables restored from changelogs written before the positional format still work."""
    state = InMemoryDedupeState()
    k = body_sketch("\n\n".join(STORY), DedupeSettings()).encode(DedupeSettings().candidate_keys)
    state.log["0"] = {"a": "a1", "s": "s1", "h": "h1", "v": 1, "c": "a1", "k": k, "t": 29_000_000}
    state.hashes["h1"] = {"a": "a1", "c": "a1", "s": "s1", "q": 0}
    state.articles["a1\x1f1"] = {
        "h": "h1", "r": {"status": "new", "cluster_id": "a1"}, "src": "t:0:5", "q": 0,
    }  # fmt: skip
    state.stories["s1"] = {"a": "a1", "v": 1, "vc": None, "c": "a1", "k": False, "d": False, "h": "h1", "q": 0}
    state.meta["next"] = 1
    dedup = Deduplicator(DedupeSettings(), state)
    replay = dedup.decide(make_article("a1", STORY, story_id="s1", version=1), T0, source="t:0:5")
    assert replay.status is DedupeStatus.NEW and replay.cluster_id == "a1"
    stale = dedup.decide(make_article("a0", STORY, story_id="s1", version=0), T0)
    assert stale.status is DedupeStatus.STALE_VERSION and stale.duplicate_of == "a1"
    near = dedup.decide(make_article("b1", [*STORY, OTHER[0]], story_id="s2"), T0)
    assert near.status is DedupeStatus.NEAR and near.duplicate_of == "a1"


@pytest.mark.parametrize("original", ["new", "near"])
def test_hash_ahead_of_articles_and_stories_is_a_replay_not_a_self_duplicate(original: str) -> None:
    """Tables restore from separate changelogs: after a rebalance ``hashes`` may hold an article
    whose ``articles``/``stories`` records did not survive. Its repeat must get its first verdict."""
    state = InMemoryDedupeState()
    dedup = Deduplicator(DedupeSettings(), state)
    dedup.decide(make_article("a1", STORY, story_id="s1"), T0, source="t:0:1")
    body = STORY if original == "new" else [*STORY, OTHER[0]]
    aid, sid = ("a1", "s1") if original == "new" else ("b1", "s2")
    art = make_article(aid, body, story_id=sid)
    first = dedup.decide(art, T0, source="t:0:2") if original == "near" else dedup.decide(art, T0, source="t:0:1")
    assert first.status is (DedupeStatus.NEW if original == "new" else DedupeStatus.NEAR)
    state.articles.pop(f"{aid}\x1f{art.version if art.version is not None else ''}")
    state.stories.pop(sid)  # the two tables restored behind ``hashes``
    again = Deduplicator(DedupeSettings(), state).decide(art, T0, source="t:0:2")
    assert again.status is first.status and again.cluster_id == first.cluster_id
    assert again.duplicate_of == first.duplicate_of
    # the missing records are written again, so a true re-send is an exact duplicate as before
    resend = Deduplicator(DedupeSettings(), state).decide(art, T0, source="t:9:9")
    assert resend.status is DedupeStatus.EXACT and resend.duplicate_of == aid


def test_same_text_under_another_id_is_still_exact_when_its_story_is_missing(dedup: Deduplicator) -> None:
    dedup.decide(make_article("a1", STORY, story_id="s1"), T0)
    r = dedup.decide(make_article("c1", STORY, story_id="s3"), T0)
    assert r.status is DedupeStatus.EXACT and r.duplicate_of == "a1"
