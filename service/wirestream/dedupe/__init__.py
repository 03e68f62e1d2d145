"""Deduplication: exact, near-duplicate, versions, kills, embargoes (see ``docs/dedupe.md``).

The functional core (:class:`Deduplicator`) works over a :class:`DedupeState`; the Faust shell
backs that with tables (:mod:`wirestream.dedupe.faust_state`), tests and the embedded mode with
dicts (:class:`InMemoryDedupeState`).
"""

from .core import Deduplicator, compare_versions
from .index import NearDupIndex
from .keying import SEQUENCER_KEY, partition_key
from .shingles import Sketch, shingle_hashes, sketch_text
from .state import KV, DedupeState, InMemoryDedupeState

__all__ = [
    "KV",
    "SEQUENCER_KEY",
    "DedupeState",
    "Deduplicator",
    "InMemoryDedupeState",
    "NearDupIndex",
    "Sketch",
    "compare_versions",
    "partition_key",
    "shingle_hashes",
    "sketch_text",
]
