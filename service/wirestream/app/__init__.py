"""The Faust shell: topics, tables and agents wired to the functional core, nothing more.

Three agents, all with ``concurrency=1`` (more can commit offsets past in-flight events; scale by
partitions and workers instead), with the data flowing one way through two internal topics:

1. ``normalise``: ``wire.raw`` → :meth:`Pipeline.normalise` → bad input to ``wire.deadletter``, good
   articles to ``wire.normalised``, keyed by the dedupe partition key: one sequencer key, so every
   copy of a story meets the same dedupe state in arrival order (see ``docs/dedupe.md``);
2. ``dedupe``: ``wire.normalised`` → dedupe (Faust tables, ``rocksdb://`` with changelogs) →
   duplicates to ``wire.duplicates``, the rest to ``wire.deduplicated`` keyed by story id; a timer
   sends tick messages through this topic so held embargoes are released inside stream iteration;
3. ``enrich``: ``wire.deduplicated`` → tag → route → ``wire.enriched`` / ``wire.events.*`` / routed
   topics. Tagging, the expensive stage, so runs on every partition and worker.

Each event is handled inside its own ``try``: Faust would otherwise ack an event whose handler raised,
silently losing it. Offsets are committed only after the producer has flushed (Faust's
at-least-once path), so a crash repeats work instead of losing it; outputs are keyed so repeats are
idempotent downstream.
"""

from .factory import create_app

__all__ = ["create_app"]
