"""The audit's notion of a harmless repeat: same outcome, key and value but for processing metadata."""

from __future__ import annotations

from types import SimpleNamespace

import orjson

from wirestream.audit import _fingerprint


def _rec(value: dict | bytes, key: bytes = b"s1") -> SimpleNamespace:
    return SimpleNamespace(key=key, value=value if isinstance(value, bytes) else orjson.dumps(value))


def test_repeats_differing_only_in_processing_metadata_are_the_same() -> None:
    a = {"story_id": "s1", "provenance": {"offset": 3, "processed_at": "t1", "received_at": "t0", "worker_id": "w1"}}
    b = {"story_id": "s1", "provenance": {"offset": 3, "processed_at": "t9", "received_at": "t8", "worker_id": "w2"}}
    assert _fingerprint("enriched", _rec(a)) == _fingerprint("enriched", _rec(b))


def test_a_different_verdict_or_key_is_not_a_harmless_repeat() -> None:
    a = {"story_id": "s1", "dedupe": {"status": "new"}, "provenance": {"offset": 3}}
    b = {"story_id": "s1", "dedupe": {"status": "near"}, "provenance": {"offset": 3}}
    assert _fingerprint("enriched", _rec(a)) != _fingerprint("enriched", _rec(b))
    assert _fingerprint("enriched", _rec(a)) != _fingerprint("enriched", _rec(a, key=b"s2"))
    assert _fingerprint("deadletter", _rec(b"raw")) != _fingerprint("enriched", _rec(b"raw"))
