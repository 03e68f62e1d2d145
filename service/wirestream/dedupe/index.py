"""The in-memory near-duplicate index: ~100 bytes per article, numpy-backed, rebuilt from state.

It is a *cache* of the persisted sketches (see :mod:`wirestream.dedupe.state`): the state tables
are the source of truth (and what Faust changelogs and restores); this index is rebuilt from them
on start, restart or rebalance, so it needs no persistence of its own.

Layout, per slot (slot = the article's log sequence number, so slots are roughly time-ordered):

* ``bins``  uint8[64]  one-permutation MinHash fingerprints (64 B)
* ``size``  uint16     distinct shingles (2 B), needed to turn Jaccard into containment
* candidate keys: ``m`` x (uint32 key << 32 | uint32 slot) in one sorted uint64 array (8 B each)

so 98 bytes per article with the default m = 4. Retention needs no timestamp here: the core walks
its arrival-ordered log and calls :meth:`NearDupIndex.remove`. Slots live in fixed-size chunks of
4096, so expiring the oldest articles frees whole chunks and the arrays never need to be copied
as they grow. New keys go to a small dict first and are merged
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

from .shingles import BINS, Sketch, sorted_unique

CHUNK_BITS = 12
CHUNK = 1 << CHUNK_BITS
_SLOT_MASK = np.uint64(0xFFFFFFFF)
_KEY_SHIFT = np.uint64(32)
_add = np.add
_COLLISION = 1.0 / 255.0  # chance that two different minima share an 8-bit fingerprint (1..255)


@dataclass(slots=True)
class _Chunk:
    bins: npt.NDArray[np.uint8]
    size: npt.NDArray[np.uint16]
    live: int = 0

    @classmethod
    def empty(cls) -> _Chunk:
        return cls(
            bins=np.zeros((CHUNK, BINS), dtype=np.uint8),
            size=np.zeros(CHUNK, dtype=np.uint16),
        )


@dataclass(frozen=True, slots=True)
class Match:
    slot: int
    similarity: float


class NearDupIndex:
    """Candidate generation (bottom-m keys) + confirmation (sketch overlap) over compact arrays."""

    def __init__(self, *, keys_per_article: int = 4, max_bucket: int = 200, merge_every: int = 8192) -> None:
        self._m = keys_per_article  # sketches may carry more keys: extra ones are query-only
        self._chunks: dict[int, _Chunk] = {}
        self._keys = np.empty(0, dtype=np.uint64)  # sorted (key << 32 | slot)
        self._pending: dict[int, list[int]] = {}
        self._pending_n = 0
        self._max_bucket = max_bucket
        self._merge_every = merge_every
        self._live = 0
        self._removed = 0  # removals since the last flush: only then do keys need filtering

    # ------------------------------------------------------------------ size

    def __len__(self) -> int:
        return self._live

    def nbytes(self) -> int:
        """Bytes held by the numpy arrays (the pending dict is bounded and not counted)."""
        per_chunk = CHUNK * (BINS + 2)
        return len(self._chunks) * per_chunk + int(self._keys.nbytes)

    # ------------------------------------------------------------------ updates

    def add(self, slot: int, sketch: Sketch) -> None:
        c = self._chunks.get(slot >> CHUNK_BITS)
        if c is None:
            c = self._chunks[slot >> CHUNK_BITS] = _Chunk.empty()
        i = slot & (CHUNK - 1)
        if c.size[i]:
            return  # already indexed (replay)
        c.bins[i] = np.frombuffer(sketch.bins, dtype=np.uint8)
        c.size[i] = max(1, sketch.size)
        c.live += 1
        self._live += 1
        for k in set(sketch.keys[: self._m]):
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
        self._removed += 1
        if c.live == 0:
            del self._chunks[slot >> CHUNK_BITS]
        return True

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
        if self._removed and self._keys.size:
            self._keys = self._keys[self._alive(self._keys & _SLOT_MASK)]
        self._removed = 0

    # ------------------------------------------------------------------ queries

    def _alive(self, slots: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
        """Liveness of many slots at once: one dense lookup table, O(slots + chunks)."""
        if not self._chunks:
            return np.zeros(slots.size, dtype=bool)
        lo, hi = min(self._chunks), max(self._chunks)
        live = np.zeros((hi - lo + 1) * CHUNK, dtype=bool)
        for base, c in self._chunks.items():
            live[(base - lo) * CHUNK : (base - lo + 1) * CHUNK] = c.size > 0
        rel = slots.astype(np.int64) - lo * CHUNK
        ok = (rel >= 0) & (rel < live.size)
        ok[ok] = live[rel[ok]]
        return ok

    def candidates(self, keys: tuple[int, ...]) -> npt.NDArray[np.int64]:
        """Slots sharing a candidate key, skipping keys too common to be informative.

        May include removed slots; :meth:`_gather` filters them out.
        """
        if not keys:
            return np.empty(0, dtype=np.int64)
        q = np.array(keys, dtype=np.uint64) << _KEY_SHIFT
        lo = self._keys.searchsorted(q).tolist()
        hi = self._keys.searchsorted(q | _SLOT_MASK, side="right").tolist()
        # Each part is one key's slots, ascending: (key << 32 | slot) entries of the sorted array, or
        # the pending slots in the order they were added (slots are log seqs: added ascending).
        parts: list[npt.NDArray[np.uint64]] = []
        pending: list[int] = []
        n_parts = 0
        for k, a, b in zip(keys, lo, hi, strict=True):
            extra = self._pending.get(k, ())
            if b - a + len(extra) > self._max_bucket:
                continue  # a "stop shingle" (boilerplate or a stock phrase shared by many articles)
            if b > a:
                parts.append(self._keys[a:b])
                n_parts += 1
            if extra:
                pending.extend(extra)
                n_parts += 1
        if not n_parts:
            return np.empty(0, dtype=np.int64)
        # masked and converted once for all keys (a numpy call per key cost more than the work)
        slots = (np.concatenate(parts) & _SLOT_MASK).astype(np.int64) if parts else np.empty(0, dtype=np.int64)
        if pending:
            slots = np.concatenate((slots, np.array(pending, dtype=np.int64)))
        return slots if n_parts == 1 else sorted_unique(slots)

    def _gather(
        self, slots: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint8], npt.NDArray[np.float64]]:
        """Live slots among ``slots`` with their sketch rows and sizes (vectorised per chunk)."""
        chunk_of = slots >> CHUNK_BITS
        offs = slots & (CHUNK - 1)
        out_s, out_r, out_n = [], [], []
        one = slots.size > 0 and chunk_of.min() == chunk_of.max()  # the usual case: recent articles
        for base in [int(chunk_of[0])] if one else np.unique(chunk_of).tolist():
            c = self._chunks.get(base)
            if c is None:
                continue
            if one:
                mine, o = slots, offs
            else:
                sel = chunk_of == base
                mine, o = slots[sel], offs[sel]
            sz = c.size[o]
            live = sz > 0
            out_s.append(mine[live])
            out_r.append(c.bins[o[live]])
            out_n.append(sz[live].astype(np.float64))
        if not out_s:
            return slots[:0], np.empty((0, BINS), dtype=np.uint8), np.empty(0, dtype=np.float64)
        if len(out_s) == 1:
            return out_s[0], out_r[0], out_n[0]
        return np.concatenate(out_s), np.concatenate(out_r), np.concatenate(out_n)

    def query(self, sketch: Sketch, threshold: float, min_jaccard: float = 0.0) -> list[Match]:
        """Indexed articles whose estimated overlap with ``sketch`` is >= ``threshold``, best first.

        ``min_jaccard`` also requires the estimated Jaccard index to reach a floor: the overlap
        estimate of a short text against a much longer one amplifies sketch noise (a 100-shingle
        text against a 400-shingle one multiplies the Jaccard error by ~4), and a "copy" that kept
        less than a third of the original is not what syndication produces.
        """
        cands = self.candidates(sketch.keys)
        if cands.size == 0:
            return []
        slots, rows, sizes = self._gather(cands)
        if slots.size == 0:
            return []
        q = np.frombuffer(sketch.bins, dtype=np.uint8)
        j = jaccard(q, rows, full=0 not in sketch.bins)
        sims = overlap_from_jaccard(j, float(sketch.size), sizes)
        hit = ((sims >= threshold) & (j >= min_jaccard)).nonzero()[0]
        if hit.size == 0:
            return []
        hit = hit[np.argsort(-sims[hit], kind="stable")]
        return [Match(int(slots[i]), float(sims[i])) for i in hit]


def jaccard(q: npt.NDArray[np.uint8], rows: npt.NDArray[np.uint8], *, full: bool = False) -> npt.NDArray[np.float64]:
    """One-permutation MinHash Jaccard estimate, ignoring bins empty in both sketches.

    ``full``: the caller knows ``q`` has no empty bin (the usual case: a 2 KB body has ~300
    shingles for 64 bins). Then every bin is used and a row bin equal to ``q``'s is never empty,
    so the estimate is ``matches / BINS``: the same float, from two numpy calls instead of eight.
    """
    if full:
        raw = _add.reduce(rows == q, axis=1) / BINS
    else:
        r_full = rows != 0
        match = ((rows == q) & r_full).sum(axis=1)
        used = (r_full | (q != 0)).sum(axis=1)  # = BINS - bins empty in both
        raw = match / np.maximum(used, 1)
    # np.minimum/np.maximum rather than np.clip: the same values (never NaN here), less call overhead
    return np.minimum(np.maximum((raw - _COLLISION) / (1.0 - _COLLISION), 0.0), 1.0)


def overlap(
    q: npt.NDArray[np.uint8], q_size: float, rows: npt.NDArray[np.uint8], sizes: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Overlap coefficient |A∩B|/min(|A|,|B|) derived from the Jaccard estimate and set sizes."""
    return overlap_from_jaccard(jaccard(q, rows), q_size, sizes)


def overlap_from_jaccard(
    j: npt.NDArray[np.float64], q_size: float, sizes: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    inter = j * (q_size + sizes) / (1.0 + j)
    return np.minimum(np.maximum(inter / np.maximum(np.minimum(q_size, sizes), 1.0), 0.0), 1.0)
