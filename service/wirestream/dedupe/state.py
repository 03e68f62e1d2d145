"""The state the deduplicator keeps, behind a small interface with a dict and a Faust backend.

Everything is a string-keyed table of JSON-safe values, so the same records work in plain dicts
(tests, embedded mode) and in Faust (key ranges of one table: RocksDB + one changelog topic,
:mod:`wirestream.dedupe.faust_state`). The in-memory
near-duplicate index is *derived* from the ``log`` table and never persisted separately.

Tables (key -> value; values are the positional records of :mod:`wirestream.dedupe.records`,
format 2: a tuple in memory, a JSON array ``[2, ...]`` on the Faust tables; format-1 JSON objects
from older changelogs are still read):

``stories``   story_id -> (2, latest article_id, version, version_created ISO, cluster_id or None
              if it is the article itself, killed, first copy was a duplicate, content hash, log seq)
``hashes``    content_hash -> (2, article_id, cluster_id | None, story_id | None, log seq)
``articles``  "<article_id>\x1f<version>" -> (2, content_hash, result tuple, input ref | None, log seq)
``log``       str(seq) -> (2, article_id, story_id, hash, version, cluster | None, sketch text | None,
              epoch minute). One entry per recorded article (and per kill), in arrival order: the
              index is rebuilt from it and retention walks it from the oldest end, so expiry is
              O(expired), never a full scan.
``embargoes`` article_id -> {"due": epoch seconds, "s": story_id, "art": Article JSON}
``meta``      "low" -> int (oldest log slot), "next" -> int (a hint: the log's end as of the last
              retention pass; the next free slot is counted in memory), "held" -> [[due, article_id], ...]

Only ``get``/``[]=``/``del``/``in`` are used, never iteration: Faust's RocksDB tables read the
current event's partition for ``get`` but iterate every active partition, so lookups by key are
the only operations that stay inside one partition's state.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class KV(Protocol):
    """The subset of ``MutableMapping[str, Any]`` the deduplicator uses (dicts and Faust tables)."""

    def get(self, key: str, default: Any = None) -> Any: ...
    def __setitem__(self, key: str, value: Any) -> None: ...
    def __delitem__(self, key: str) -> None: ...
    def __contains__(self, key: object) -> bool: ...


class DedupeState(Protocol):
    """Where the deduplicator's durable state lives.

    ``scope()`` names the independent state partition the current call works in (the Faust
    partition of the event being processed; a constant for the dict backend), so that one
    deduplicator object can serve several partitions without mixing their caches.
    ``generation()`` changes whenever cached views of the state may be stale (a Faust rebalance);
    the deduplicator then drops its in-memory index and rebuilds it from the tables.
    """

    # Read-only members: a settable protocol attribute would have to match dict/Table exactly.
    @property
    def stories(self) -> KV: ...
    @property
    def hashes(self) -> KV: ...
    @property
    def articles(self) -> KV: ...
    @property
    def log(self) -> KV: ...
    @property
    def embargoes(self) -> KV: ...
    @property
    def meta(self) -> KV: ...

    def scope(self) -> Hashable: ...
    def generation(self) -> int: ...


class InMemoryDedupeState:
    """Plain dicts: tests and the embedded mode. Pass the same object to a new Deduplicator to
    simulate a restart (the index is rebuilt from ``log``)."""

    def __init__(self) -> None:
        self.stories: dict[str, Any] = {}
        self.hashes: dict[str, Any] = {}
        self.articles: dict[str, Any] = {}
        self.log: dict[str, Any] = {}
        self.embargoes: dict[str, Any] = {}
        self.meta: dict[str, Any] = {}
        self._generation = 0

    def scope(self) -> Hashable:
        return 0

    def generation(self) -> int:
        return self._generation

    def invalidate(self) -> None:
        """Make every deduplicator over this state rebuild its caches (used by tests)."""
        self._generation += 1

    def sizes(self) -> dict[str, int]:
        return {
            "stories": len(self.stories),
            "hashes": len(self.hashes),
            "articles": len(self.articles),
            "log": len(self.log),
            "embargoes": len(self.embargoes),
        }
