"""The Faust backend of :class:`~wirestream.dedupe.state.DedupeState`: one changelogged table.

The six logical tables of :mod:`wirestream.dedupe.state` (``stories``, ``hashes``, ``articles``,
``log``, ``embargoes``, ``meta``) are key ranges of **one** Faust ``Table``, ``dedupe-state``: each
view prefixes its keys with a two-character tag (``"s:"``, ``"h:"``, ...). Why one table and not six:

* **Producing.** The sequencer writes ~4 records per new article. With six tables they went to
  six changelog topics, i.e. six topic-partitions, and at a few ms of linger nearly each was a
  producer batch of its own (its own zstd call, its own share of a produce request). In one
  changelog they are consecutive records of one batch.
* **Recovery is a prefix.** Faust restores each table from its own changelog up to its own
  persisted offset, so after a ``kill -9`` one table could come back ahead of another (the
  ``hashes``-ahead-of-``articles`` and slot-counter cases in :mod:`wirestream.dedupe.core`, which
  the core still tolerates). One ordered changelog restores a prefix of the writes, in order.
* **One RocksDB instance** per assigned partition instead of six (memtables, block cache, files).

Faust facts from faust-streaming 0.15's source that this relies on:

* A table write needs the current event: ``Table.on_key_set`` sends the changelog record to the
  *event's* partition, and the RocksDB store's ``_set`` asserts there is a current event. So all
  writes — including embargo release and retention — happen while the dedupe agent processes an
  event (the shell's timer sends a tick message through the topic for that reason).
* ``get``/``in`` read the current event's partition; iteration reads every *active* partition.
  The core therefore only uses keyed access, and keeps one cache per partition (``scope()``).
* After a rebalance a worker's caches may be stale (the partition may have been processed
  elsewhere meanwhile), so ``generation()`` changes on every assignment/revocation signal and the
  deduplicator rebuilds its index from the (by then recovered) table on next use.

**Migration** from the six-table layout (``<app_id>-dedupe-<table>-changelog``, before session 6):
the new table has a new changelog topic (``<app_id>-dedupe-state-changelog``), so a worker with this
code starts with an empty dedupe state — the same as a fresh deployment: the dedupe window refills
from new traffic over ``retention_days`` (copies of stories published before the switch are not
recognised as copies until then). Create the new topic (``wirestream topics create``) before the
switch; delete the six old changelog topics (and the workers' old RocksDB directories) afterwards.
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
# The key prefix of each logical table inside the one Faust table: distinct first characters, so
# no key of one range can equal a key of another.
PREFIX = {name: f"{name[0]}:" for name in TABLES}
assert len(set(PREFIX.values())) == len(TABLES)
TABLE = "dedupe-state"
NO_EVENT_SCOPE = -1

# RocksDB options for the dedupe table's store (one RocksDB instance per assigned partition of the
# dedupe topic). Faust's defaults are sized for one big table per worker — 64 MiB memtables x 3 and
# a 2 GiB block cache *per instance* — so a few instances could pin gigabytes. The dedupe writes
# ~400 B per article and reads keys it wrote recently (memtable, newest SSTs) or once at index
# rebuild, so small memtables (a flush every ~10k articles) and a small block cache lose nothing
# measurable (bench/memory.py).
STORE_OPTIONS: dict[str, Any] = {
    "write_buffer_size": 4 << 20,
    "max_write_buffer_number": 2,
    "block_cache_size": 8 << 20,
}


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # what json.dumps builds for these options


class StdJsonCodec(codecs.Codec):
    """JSON through the standard library, byte-identical to Faust's ``json`` codec for our keys.

    Why: Faust's ``json`` codec uses orjson when installed, and with orjson 3.13 every *live*
    result keeps ~4 KB of heap pinned (measured: 20,000 encoded keys held = +79 MB RSS). Faust's
    RocksDB store keeps the encoded keys of recently used entries in an LRU key index
    (``table_key_index_size``, 1,000 per table), which would pin ~4 MB per table for nothing. String keys
    encode to the same bytes either way (tests/dedupe/test_faust_state.py), so changelogs and
    stores written with ``json`` keep working; values only need to be valid JSON.
    """

    def _dumps(self, obj: Any) -> bytes:
        # ``json.dumps`` with non-default options builds a new JSONEncoder per call (~1.5 µs); every
        # table write encodes its key and value twice (store, changelog) and every read its key.
        return _ENCODER.encode(obj).encode("utf-8")

    def _loads(self, s: bytes) -> Any:
        return json.loads(s)


CODEC = "wirestream-json"
codecs.register(CODEC, StdJsonCodec())


def changelog_topics(app_id: str, partitions: int) -> list[str]:
    """Names of the changelog topics the dedupe state uses (create them compacted, with the
    same partition count as the dedupe input topic; ``partitions`` is accepted for symmetry)."""
    return [f"{app_id}-{TABLE}-changelog"]


class PrefixedView:
    """One logical table: the keys of the Faust table that start with ``prefix``.

    Only keyed access (``get``/``[]=``/``del``/``in``), as the :class:`~wirestream.dedupe.state.KV`
    protocol asks: iteration would read every active partition and every logical table.
    """

    __slots__ = ("prefix", "table")

    def __init__(self, table: Any, prefix: str) -> None:
        self.table = table
        self.prefix = prefix

    def get(self, key: str, default: Any = None) -> Any:
        return self.table.get(self.prefix + key, default)

    def __setitem__(self, key: str, value: Any) -> None:
        self.table[self.prefix + key] = value

    def __delitem__(self, key: str) -> None:
        del self.table[self.prefix + key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (self.prefix + key) in self.table


class FaustDedupeState:
    """DedupeState over one Faust table; see the module docstring for the layout and constraints."""

    def __init__(self, app: faust.App, partitions: int) -> None:
        self._generation = 0
        table: Any = app.Table(
            TABLE,
            default=None,
            partitions=partitions,
            key_type=str,
            help="wirestream dedupe state (stories, hashes, articles, log, embargoes, meta: key prefixes)",
            # a copy each time: Faust's Store pops keys out of the mapping it is given
            options=dict(STORE_OPTIONS),
        )
        # Faust derives the codec from the type ("json" for str) and builds the store (which
        # copies it) lazily, on first use: set ours before that happens.
        table.key_serializer = table.value_serializer = CODEC
        self.table = table
        self.stories = PrefixedView(table, PREFIX["stories"])
        self.hashes = PrefixedView(table, PREFIX["hashes"])
        self.articles = PrefixedView(table, PREFIX["articles"])
        self.log = PrefixedView(table, PREFIX["log"])
        self.embargoes = PrefixedView(table, PREFIX["embargoes"])
        self.meta = PrefixedView(table, PREFIX["meta"])
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
    """Declare the dedupe table on ``app`` and return the state object over it.

    ``partitions`` must equal the partition count of the topic the dedupe agent consumes.
    ``settings`` is accepted so the table layout can depend on it later; it does not today.
    """
    return FaustDedupeState(app, partitions)
