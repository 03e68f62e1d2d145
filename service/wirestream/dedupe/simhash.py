"""64-bit SimHash (Charikar 2002; Manku, Jain & Das Sarma 2007) over the same shingle hashes.

Not used by the service: kept as the measured baseline the near-duplicate method was chosen
against (``bench/dedupe.py`` and ``tests/dedupe/test_method_choice.py``). With k = 3 bits, the
value Manku et al. use for 8 billion web pages, it misses most syndicated copies that add, cut or
reword a paragraph: a single changed paragraph moves a ~300-shingle fingerprint by more than
3 bits.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

_BITS = np.arange(64, dtype=np.uint64)


def simhash64(hashes: npt.NDArray[np.uint64]) -> int:
    """SimHash of a set of 64-bit feature hashes (unweighted: each shingle counts once)."""
    if hashes.size == 0:
        return 0
    bits = (hashes[:, None] >> _BITS) & np.uint64(1)
    votes = bits.sum(axis=0, dtype=np.int64) * 2 - hashes.size
    return int(((votes > 0).astype(np.uint64) << _BITS).sum())


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def hamming_many(fp: int, fps: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
    """Hamming distance from ``fp`` to each fingerprint in ``fps`` (vectorised popcount)."""
    x = fps ^ np.uint64(fp)
    return np.bitwise_count(x).astype(np.int64)
