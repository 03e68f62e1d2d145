"""The Faust shell: topics, tables and agents wired to the functional core, nothing more.

Two agents, both with ``concurrency=1`` (more can commit offsets past in-flight events; scale by
partitions and workers instead):

1. ``normalise``: ``wire.raw`` → :meth:`Pipeline.normalise` → bad input to ``wire.deadletter``, good
   articles to the internal ``wire.normalised`` topic, re-keyed by the dedupe partition key so that
   every copy of one story meets the same dedupe state (see ``docs/dedupe.md``);
2. ``decide``: ``wire.normalised`` → dedupe (Faust tables, ``rocksdb://`` with changelogs) → tag →
   route → ``wire.enriched`` / ``wire.events.*`` / ``wire.duplicates`` / ``wire.deadletter``.

Each event is handled inside its own ``try``: Faust would otherwise ack an event whose handler raised,
silently losing it. Offsets are committed only after the producer has flushed (Faust's
at-least-once path), so a crash repeats work instead of losing it; outputs are keyed so repeats are
idempotent downstream.
"""

from .factory import create_app

__all__ = ["create_app"]
