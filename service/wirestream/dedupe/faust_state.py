"""The Faust backend of :class:`~wirestream.dedupe.state.DedupeState`: six changelogged tables.

Each state table is a Faust ``Table`` (RocksDB store set on the app, one compacted changelog
topic each, named ``<app_id>-dedupe-<table>-changelog``), declared with as many partitions as the
dedupe input topic, as Faust requires. Facts from faust-streaming 0.15's source that this relies on:

* A table write needs the current event: ``Table.on_key_set`` sends the changelog record to the
  *event's* partition, and the RocksDB store's ``_set`` asserts there is a current event. So all
  writes — including embargo release and retention — happen while the dedupe agent processes an
  event (the shell's timer sends a tick message through the topic for that reason).
* ``get``/``in`` read the current event's partition; iteration reads every *active* partition.
  The core therefore only uses keyed access, and keeps one cache per partition (``scope()``).
* After a rebalance a worker's caches may be stale (the partition may have been processed
  elsewhere meanwhile), so ``generation()`` changes on every assignment/revocation signal and the
  deduplicator rebuilds its index from the (by then recovered) tables on next use.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any, cast

import faust
from faust.serializers import codecs
from faust.streams import current_event

from ..settings import DedupeSettings

TABLES = ("stories", "hashes", "articles", "log", "embargoes", "meta")
NO_EVENT_SCOPE = -1

# RocksDB options for each dedupe table's store (one RocksDB instance per table and assigned
# partition: 6 x the dedupe topic's partitions). Faust's defaults are sized for one big table per
# worker — 64 MiB memtables x 3 and a 2 GiB block cache *per instance* — so 24 instances could
# pin gigabytes. The dedupe writes ~400 B per article across its tables and reads keys it
# wrote recently (memtable, newest SSTs) or once at index rebuild, so small memtables (a flush
# every ~10-20k articles) and a small block cache lose nothing measurable (bench/memory.py).
STORE_OPTIONS: dict[str, Any] = {
    "write_buffer_size": 4 << 20,
    "max_write_buffer_number": 2,
    "block_cache_size": 8 << 20,
}


class StdJsonCodec(codecs.Codec):
    """JSON through the standard library, byte-identical to Faust's ``json`` codec for our keys.

    Why: Faust's ``json`` codec uses orjson when installed, and with orjson 3.13 every *live*
    result keeps ~4 KB of heap pinned (measured: 20,000 encoded keys held = +79 MB RSS). Faust's
    RocksDB store keeps the encoded keys of recently used entries in an LRU key index
    (``table_key_index_size``, 1,000 per table), so six tables pin ~24 MB for nothing. String keys
    encode to the same bytes either way (tests/dedupe/test_faust_state.py), so changelogs and
    stores written with ``json`` keep working; values only need to be valid JSON.
    """

    def _dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _loads(self, s: bytes) -> Any:
        return json.loads(s)


CODEC = "wirestream-json"
codecs.register(CODEC, StdJsonCodec())


def table_name(table: str) -> str:
    return f"dedupe-{table}"


def changelog_topics(app_id: str, partitions: int) -> list[str]:
    """Names of the changelog topics the dedupe tables use (create them compacted, with the
    same partition count as the dedupe input topic; ``partitions`` is accepted for symmetry)."""
    return [f"{app_id}-{table_name(t)}-changelog" for t in TABLES]


class FaustDedupeState:
    """DedupeState over Faust tables; see the module docstring for the constraints."""

    def __init__(self, app: faust.App, partitions: int) -> None:
        self._generation = 0
        tables: dict[str, Any] = {}
        for name in TABLES:
            tables[name] = app.Table(
                table_name(name),
                default=None,
                partitions=partitions,
                key_type=str,
                help=f"wirestream dedupe state: {name}",
                # a copy each time: Faust's Store pops keys out of the mapping it is given
                options=dict(STORE_OPTIONS),
            )
            # Faust derives the codec from the type ("json" for str) and builds the store (which
            # copies it) lazily, on first use: set ours before that happens.
            tables[name].key_serializer = tables[name].value_serializer = CODEC
        self.stories = tables["stories"]
        self.hashes = tables["hashes"]
        self.articles = tables["articles"]
        self.log = tables["log"]
        self.embargoes = tables["embargoes"]
        self.meta = tables["meta"]
        app.on_partitions_revoked.connect(cast(Any, self._on_rebalance))
        app.on_partitions_assigned.connect(cast(Any, self._on_rebalance))

    def _on_rebalance(self, sender: Any, *args: Any, **kwargs: Any) -> None:
        """Signal receiver (mode calls it with the sender, the TP set and ``signal=``)."""
        self._generation += 1

    def scope(self) -> Hashable:
        event = current_event()
        return NO_EVENT_SCOPE if event is None else int(event.message.partition)

    def generation(self) -> int:
        return self._generation


def make_faust_state(app: faust.App, settings: DedupeSettings, partitions: int = 1) -> FaustDedupeState:
    """Declare the dedupe tables on ``app`` and return the state object over them.

    ``partitions`` must equal the partition count of the topic the dedupe agent consumes.
    ``settings`` is accepted so the table layout can depend on it later; it does not today.
    """
    return FaustDedupeState(app, partitions)
