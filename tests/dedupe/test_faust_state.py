"""The Faust backend: table declarations, changelog names, scope and rebalance generation.

Writing through real Faust tables needs a broker (changelog produce) and is covered by the app's
end-to-end tests; here we check what the shell relies on without one.
"""

from __future__ import annotations

import asyncio
import weakref
from types import SimpleNamespace
from typing import Any

import faust
from faust.streams import _current_event

from wirestream.dedupe import Deduplicator
from wirestream.dedupe.faust_state import (
    CODEC,
    NO_EVENT_SCOPE,
    STORE_OPTIONS,
    changelog_topics,
    make_faust_state,
)
from wirestream.settings import DedupeSettings


class _FakeEvent:
    """Faust keeps a weak reference to the current event, so it must be weak-referenceable."""

    message = SimpleNamespace(partition=3)


def _app() -> faust.App:
    return faust.App("ws-test", store="memory://", broker="kafka://127.0.0.1:1")


def test_tables_and_changelog_topics() -> None:
    app = _app()
    make_faust_state(app, DedupeSettings(), partitions=4)
    declared = {t.changelog_topic.get_topic_name(): t for t in app.tables.values()}
    assert sorted(declared) == sorted(changelog_topics("ws-test", 4))
    for table in declared.values():
        assert table.partitions == 4
        assert table.key_serializer == table.value_serializer == CODEC
        assert table.data.key_serializer == table.data.value_serializer == CODEC  # the store uses it
        # small RocksDB memtables and block cache per table, not Faust's 64 MiB x 3 + 2 GiB defaults
        assert table.options == STORE_OPTIONS and table.options is not STORE_OPTIONS


def test_scope_is_the_current_event_partition() -> None:
    state = make_faust_state(_app(), DedupeSettings(), partitions=4)
    assert state.scope() == NO_EVENT_SCOPE
    event: Any = _FakeEvent()
    token = _current_event.set(weakref.ref(event))
    try:
        assert state.scope() == 3
    finally:
        _current_event.reset(token)


def test_rebalance_signals_bump_generation_and_drop_caches() -> None:
    app = _app()
    state = make_faust_state(app, DedupeSettings(), partitions=1)
    dedup = Deduplicator(DedupeSettings(), state)
    before = state.generation()

    async def rebalance() -> None:
        await app.on_partitions_revoked.send(set())
        await app.on_partitions_assigned.send(set())

    asyncio.run(rebalance())
    assert state.generation() == before + 2
    assert dedup.index_size() == 0


def test_keys_encode_to_the_same_bytes_as_fausts_json_codec() -> None:
    """Changelogs and stores written with Faust's ``json`` codec stay readable by key."""
    app = _app()
    keys = ["0", "1234567", "mem:42\x1f3", "urn:newsml:afp.com:2026:TX-PAR-ABC12\x1f", "é Київ 北京 🙂",
            'quote " and \\ backslash', "ctl \x00\x07\x08\t\n\x0c\r\x1b\x7f", "sep \u2028\u2029", ""]  # fmt: skip
    for key in keys:
        ours = app.serializers.dumps_key(str, key, serializer=CODEC)
        fausts = app.serializers.dumps_key(str, key, serializer="json")
        assert ours == fausts, key
        assert app.serializers.loads_key(str, fausts, serializer=CODEC) == key
    value = (2, "a", None, 3, "x\x1fy", 0.8734, [1, 2])
    assert app.serializers.loads_value(None, app.serializers.dumps_value(None, value, serializer=CODEC),
                                       serializer="json") == [*value[:6], [1, 2]]  # fmt: skip


def test_values_encode_as_the_standard_json_dumps_did() -> None:
    """The codec reuses one encoder; its bytes must stay those of ``json.dumps`` with the same options
    (stores and changelogs written before hold them)."""
    import json

    app = _app()
    values: list[Any] = [
        (2, "a", None, 3, "x\x1fy", 0.8734, [1, 2]), "é Київ 北京 🙂", 'q " \\ \x00\u2028', 1e-7, 12345678901234567890,
        {"due": 1.5, "s": "s1", "art": '{"a":1}'}, [[1.0, "a1"], [2.5, "b2"]], (2, True, False, None), "", [],
    ]  # fmt: skip
    for value in values:
        want = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        assert app.serializers.dumps_value(None, value, serializer=CODEC) == want, value
        assert app.serializers.dumps_key(str, value, serializer=CODEC) == want, value
