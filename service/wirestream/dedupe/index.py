"""The in-memory near-duplicate index: ~100 bytes per article, numpy-backed, rebuilt from state.

It is a *cache* of the persisted sketches (see :mod:`wirestream.dedupe.state`): the state tables
are the source of truth (and what Faust changelogs and restores); this index is rebuilt from them
on start, restart or rebalance, so it needs no persistence of its own.

Layout, per slot (slot = the article's log sequence number, so slots are roughly time-ordered):

* ``bins``  uint8[64]  one-permutation MinHash fingerprints (64 B)
* ``size``  uint16     distinct shingles (2 B), needed to turn Jaccard into containment
* ``ts``    uint32     minute the article was recorded (4 B), for retention
* candidate keys: ``m`` x (uint32 key << 32 | uint32 slot) in one sorted uint64 array (8 B each)

Slots live in fixed-size chunks, so expiring the oldest articles frees whole chunks and the
arrays never need to be copied as they grow. New keys go to a small dict first and are merged
into the sorted array in batches (an O(n) ``np.insert``, amortised over the batch).

Similarity is the *overlap coefficient* ``|A∩B| / min(|A|,|B|)``, estimated from the two sketches:
the fraction of bins whose fingerprints agree estimates the Jaccard index J (corrected for 8-bit
fingerprint collisions), and ``|A∩B| = J(|A|+|B|)/(1+J)``. Overlap rather than Jaccard because
the commonest syndication edit is cutting paragraphs, which keeps the overlap high while
Jaccard drops.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .shingles import BINS, Sketch

CHUNK_BITS = 14
CHUNK = 1 << CHUNK_BITS
_SLOT_MASK = np.uint64(0xFFFFFFFF)
_COLLISION = 1.0 / 255.0  # chance that two different minima share an 8-bit fingerprint (1..255)


@dataclass(slots=True)
class _Chunk:
    bins: npt.NDArray[np.uint8]
    size: npt.NDArray[np.uint16]
    ts: npt.NDArray[np.uint32]
    live: int = 0

    @classmethod
    def empty(cls) -> _Chunk:
        return cls(
            bins=np.zeros((CHUNK, BINS), dtype=np.uint8),
            size=np.zeros(CHUNK, dtype=np.uint16),
            ts=np.zeros(CHUNK, dtype=np.uint32),
        )


@dataclass(frozen=True, slots=True)
class Match:
    slot: int
    similarity: float


class NearDupIndex:
    """Candidate generation (bottom-m keys) + confirmation (sketch overlap) over compact arrays."""

    def __init__(self, *, max_bucket: int = 200, merge_every: int = 8192) -> None:
        self._chunks: dict[int, _Chunk] = {}
        self._keys = np.empty(0, dtype=np.uint64)  # sorted (key << 32 | slot)
        self._pending: dict[int, list[int]] = {}
        self._pending_n = 0
        self._max_bucket = max_bucket
        self._merge_every = merge_every
        self._live = 0

    # ------------------------------------------------------------------ size

    def __len__(self) -> int:
        return self._live

    def nbytes(self) -> int:
        """Bytes held by the numpy arrays (the pending dict is bounded and not counted)."""
        per_chunk = CHUNK * (BINS + 2 + 4)
        return len(self._chunks) * per_chunk + int(self._keys.nbytes)

    # ------------------------------------------------------------------ updates

    def add(self, slot: int, sketch: Sketch, minute: int) -> None:
        c = self._chunks.get(slot >> CHUNK_BITS)
        if c is None:
            c = self._chunks[slot >> CHUNK_BITS] = _Chunk.empty()
        i = slot & (CHUNK - 1)
        if c.size[i]:
            return  # already indexed (replay)
        c.bins[i] = np.frombuffer(sketch.bins, dtype=np.uint8)
        c.size[i] = max(1, sketch.size)
        c.ts[i] = minute
        c.live += 1
        self._live += 1
        for k in set(sketch.keys):
            self._pending.setdefault(k, []).append(slot)
            self._pending_n += 1
        if self._pending_n >= self._merge_every:
            self.flush()

    def remove(self, slot: int) -> bool:
        """Forget one slot (its keys are dropped lazily, at the next merge)."""
        c = self._chunks.get(slot >> CHUNK_BITS)
        i = slot & (CHUNK - 1)
        if c is None or not c.size[i]:
            return False
        c.size[i] = 0
        c.live -= 1
        self._live -= 1
        if c.live == 0:
            del self._chunks[slot >> CHUNK_BITS]
        return True

    def expired_slots(self, before_minute: int) -> list[int]:
        """Live slots recorded before ``before_minute`` (oldest chunks first)."""
        out: list[int] = []
        for base in sorted(self._chunks):
            c = self._chunks[base]
            hit = np.flatnonzero((c.size > 0) & (c.ts < before_minute))
            out.extend(int(i) + (base << CHUNK_BITS) for i in hit)
        return out

    def flush(self) -> None:
        """Merge pending keys into the sorted array and drop keys of removed slots."""
        if self._pending:
            new = np.fromiter(
                ((k << 32) | s for k, slots in self._pending.items() for s in slots),
                dtype=np.uint64,
                count=self._pending_n,
            )
            new.sort()
            self._keys = np.insert(self._keys, np.searchsorted(self._keys, new), new)
            self._pending.clear()
            self._pending_n = 0
        if self._keys.size:
            self._keys = self._keys[self._alive(self._keys & _SLOT_MASK)]

    # ------------------------------------------------------------------ queries

    def _alive(self, slots: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
        ok = np.zeros(slots.size, dtype=bool)
        chunk_of = slots >> np.uint64(CHUNK_BITS)
        for base in np.unique(chunk_of):
            c = self._chunks.get(int(base))
            if c is None:
                continue
            sel = chunk_of == base
            ok[sel] = c.size[(slots[sel] & np.uint64(CHUNK - 1)).astype(np.intp)] > 0
        return ok

    def candidates(self, keys: tuple[int, ...]) -> list[int]:
        """Live slots sharing a candidate key, skipping keys too common to be informative."""
        found: set[int] = set()
        if not keys:
            return []
        q = np.array(keys, dtype=np.uint64) << np.uint64(32)
        lo = np.searchsorted(self._keys, q)
        hi = np.searchsorted(self._keys, q | _SLOT_MASK, side="right")
        for k, a, b in zip(keys, lo.tolist(), hi.tolist(), strict=True):
            extra = self._pending.get(k, ())
            if b - a + len(extra) > self._max_bucket:
                continue  # a "stop shingle" (boilerplate shared by many articles)
            if b > a:
                found.update((self._keys[a:b] & _SLOT_MASK).tolist())
            found.update(extra)
        if not found:
            return []
        arr = np.fromiter(found, dtype=np.uint64, count=len(found))
        return arr[self._alive(arr)].tolist()

    def similarity(self, sketch: Sketch, slots: list[int]) -> npt.NDArray[np.float64]:
        """Estimated overlap coefficient between ``sketch`` and each slot's sketch."""
        rows = np.empty((len(slots), BINS), dtype=np.uint8)
        sizes = np.empty(len(slots), dtype=np.float64)
        for j, slot in enumerate(slots):
            c = self._chunks[slot >> CHUNK_BITS]
            i = slot & (CHUNK - 1)
            rows[j] = c.bins[i]
            sizes[j] = c.size[i]
        return overlap(np.frombuffer(sketch.bins, dtype=np.uint8), float(sketch.size), rows, sizes)

    def query(self, sketch: Sketch, threshold: float) -> list[Match]:
        """Indexed articles whose estimated overlap with ``sketch`` is >= threshold, best first."""
        slots = self.candidates(sketch.keys)
        if not slots:
            return []
        sims = self.similarity(sketch, slots)
        order = np.argsort(-sims, kind="stable")
        return [Match(slots[i], float(sims[i])) for i in order if sims[i] >= threshold]


def jaccard(
    q: npt.NDArray[np.uint8], rows: npt.NDArray[np.uint8]
) -> npt.NDArray[np.float64]:
    """One-permutation MinHash Jaccard estimate, ignoring bins empty in both sketches."""
    q_empty = q == 0
    r_empty = rows == 0
    both_empty = (q_empty & r_empty).sum(axis=1)
    match = ((rows == q) & ~r_empty).sum(axis=1)
    denom = np.maximum(BINS - both_empty, 1)
    raw = match / denom
    return np.clip((raw - _COLLISION) / (1.0 - _COLLISION), 0.0, 1.0)


def overlap(
    q: npt.NDArray[np.uint8], q_size: float, rows: npt.NDArray[np.uint8], sizes: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Overlap coefficient |A∩B|/min(|A|,|B|) derived from the Jaccard estimate and set sizes."""
    j = jaccard(q, rows)
    inter = j * (q_size + sizes) / (1.0 + j)
    return np.clip(inter / np.maximum(np.minimum(q_size, sizes), 1.0), 0.0, 1.0)
