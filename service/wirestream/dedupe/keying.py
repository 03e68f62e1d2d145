"""How articles are routed to the dedupe agent: one *sequencer* key for every article.

Copies of one story carry different story ids, agencies and headlines; no key computed from a
single article puts all of its near-duplicates in the same partition (LSH bands give several
keys, not one). Deciding "first seen" across partitions would need cross-partition reads, and a
replicated index (a Faust GlobalTable) is updated asynchronously, so two copies processed at the
same moment on two workers would both be "new". So every article is keyed with the same constant
and the dedupe decision is made in one partition, by one worker at a time, in arrival order —
the cheap part of the pipeline (tens of microseconds per article, see ``bench/dedupe.py``).
Tagging, the expensive part, is still spread over all partitions upstream and downstream is
keyed by story_id. See ``docs/dedupe.md``.
"""

from __future__ import annotations

from ..models import Article

SEQUENCER_KEY = b"wirestream-dedupe"


def partition_key(article: Article) -> bytes:
    """Key for the repartition to the dedupe agent (the same for every article, by design)."""
    return SEQUENCER_KEY
