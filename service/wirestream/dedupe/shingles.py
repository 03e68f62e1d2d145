"""Text -> shingle hashes -> a compact sketch: the features the near-duplicate index works on.

Why this shape:

* **Body only.** Syndicated copies rewrite headlines; the body is what they share.
* **Word shingles inside a paragraph.** A shingle never spans a paragraph break, so reordering
  paragraphs leaves the shingle set unchanged, and a paragraph shorter than the shingle size (a
  byline, a dateline line, a credit) contributes nothing, so changing it cannot hurt similarity.
* **Vectorised hashing.** Words are hashed with a polynomial rolling hash over the UTF-8 bytes,
  computed with numpy prefix sums (one pass, no per-word Python call), then mixed with the
  murmur3 finaliser; shingles combine word hashes the same way. The hashes are persisted inside
  sketches, so they must be stable across processes: no use of Python's salted ``hash()``.
* **One-permutation MinHash with 8-bit fingerprints** (Li, Owen & Zhang 2012; b-bit minwise
  hashing, Li & König 2010): the shingle hashes are split into 64 bins by their top 6 bits and the
  minimum of each bin is kept as one byte (1..255, 0 = empty bin). That is 64 bytes per article,
  from one hash per shingle instead of 128 hash permutations.
* **Candidate keys**: the ``m`` smallest shingle hashes (a bottom-m sketch). Two texts with
  Jaccard J share at least one of their m smallest hashes with probability about ``1-(1-J)^m``,
  and a text that is a cut-down copy of another keeps the other's smallest hashes that survived
  the cut, so this favours containment as well as resemblance.
"""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass
from typing import Final, TypeVar

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
_N = TypeVar("_N", bound=np.generic)

BINS: Final = 64  # sketch bins; part of the persisted format (see SKETCH_VERSION)
BIN_SHIFT: Final = np.uint64(64 - 6)
SKETCH_VERSION: Final = "1"
MAX_TEXT_BYTES: Final = 1 << 17  # longer bodies are shingled on their first 128 KiB only

_BASE: Final = 0x100000001B3 | 1  # odd, so invertible modulo 2**64
_MOD: Final = 1 << 64
_C1: Final = np.uint64(0xFF51AFD7ED558CCD)
_C2: Final = np.uint64(0xC4CEB9FE1A85EC53)
_S33: Final = np.uint64(33)
_MULT: Final = tuple(
    np.uint64(x)
    for x in (
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0x27D4EB2F165667C5,
        0x94D049BB133111EB,
        0xBF58476D1CE4E5B9,
        0x85EBCA77C2B2AE63,
    )
)
MAX_SHINGLE: Final = len(_MULT)
_MULT_VEC: Final = np.array(_MULT, dtype=np.uint64)


def _powers(base: int, n: int) -> U64:
    """``base**i mod 2**64`` for ``i < n``: a running product, which uint64 arithmetic wraps exactly.

    (A Python loop over the 2 x 131,072 entries took ~60 ms of every process start.)"""
    out = np.empty(n, dtype=np.uint64)
    out[0] = 1
    out[1:] = base
    return np.cumprod(out, out=out)


_POW: Final = _powers(_BASE, MAX_TEXT_BYTES)
_INV: Final = _powers(pow(_BASE, -1, _MOD), MAX_TEXT_BYTES)

# Word bytes: ASCII letters and digits, and every byte of a multi-byte UTF-8 character (letters of
# other scripts). Common Unicode punctuation is mapped to spaces before encoding.
_WORD = np.zeros(256, dtype=np.int8)
for _c in b"0123456789abcdefghijklmnopqrstuvwxyz":
    _WORD[_c] = 1
_WORD[128:] = 1
_WORD.setflags(write=False)
_WORD_BYTES: Final = _WORD.astype(np.uint8).tobytes()  # the same, as a bytes.translate table
_PUNCT: Final = str.maketrans(
    {c: " " for c in "\u00a0\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u2013\u2014\u2015\u2026\u00ab\u00bb\u2022\u00b7"}
)
_BIN_IDS: Final = np.arange(BINS, dtype=np.uint64)
_BIN_STARTS: Final = _BIN_IDS << BIN_SHIFT
_LOW16: Final = np.uint64(0xFFFF)
_LOW32: Final = np.uint64(0xFFFFFFFF)
_FP_MOD: Final = np.uint64(255)
_add: Final = np.add


def _fmix(h: U64) -> U64:
    """The murmur3 64-bit finaliser, in place on ``h`` (a fresh array the caller owns)."""
    t = h >> _S33
    h ^= t
    h *= _C1
    np.right_shift(h, _S33, out=t)
    h ^= t
    h *= _C2
    np.right_shift(h, _S33, out=t)
    h ^= t
    return h


def shingle_hashes(body: str, size: int = 5) -> U64:
    """Sorted unique 64-bit hashes of the word ``size``-shingles of ``body``, per paragraph."""
    if not 1 <= size <= MAX_SHINGLE:
        raise ValueError(f"shingle size must be 1..{MAX_SHINGLE}")
    text = body.lower()
    if not text.isascii():  # every character _PUNCT maps is non-ASCII
        text = text.translate(_PUNCT)
    data = text.encode("utf-8", "replace")[:MAX_TEXT_BYTES]
    # word bytes as 1, padded with a 0 each side: the changes alternate word start, word end
    mask = np.frombuffer(b"\0" + data.translate(_WORD_BYTES) + b"\0", dtype=np.int8)
    # ndarray methods and ufuncs rather than np.flatnonzero/np.cumsum/np.searchsorted: the same
    # results without those wrappers' Python-level dispatch (~1 µs a call, ~20 calls per article)
    edges = (mask[1:] != mask[:-1]).nonzero()[0]
    starts, ends = edges[0::2], edges[1::2]
    n = starts.size - size + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    b = np.frombuffer(data, dtype=np.uint8)
    prefix = np.empty(b.size + 1, dtype=np.uint64)
    prefix[0] = 0
    _add.accumulate(b * _POW[: b.size], out=prefix[1:])
    words = prefix[ends]
    words -= prefix[starts]
    words *= _INV[starts]
    words += (ends - starts).view(np.uint64)  # word lengths (>= 1): the same bits as astype, no copy
    words = _fmix(words)
    # shingle i = sum of words[i + j] * _MULT[j] (mod 2**64): one integer matmul over a sliding
    # window view of the words (numpy's integer matmul wraps like the uint64 ufuncs, and the sum
    # is the same in any order modulo 2**64) instead of 2 * size - 1 ufunc calls
    window = np.ndarray((n, size), dtype=np.uint64, buffer=words, strides=(8, 8))
    sh = window @ _MULT_VEC[:size]
    if b"\n" in data:  # paragraph number of each word (blocks are "\n\n"-joined; any newline is a break)
        para = (b == 10).nonzero()[0].searchsorted(starts)
        sh = sh[para[:n] == para[size - 1 :]]
    return sorted_unique(_fmix(sh))


def sorted_unique(a: npt.NDArray[_N]) -> npt.NDArray[_N]:
    """``np.unique(a)`` of a 1-D array, sorting ``a`` in place: ``np.unique`` is several times
    slower on the small arrays here (a few hundred hashes or candidate slots per article)."""
    a.sort()
    return a[np.concatenate(([True], a[1:] != a[:-1]))] if a.size > 1 else a


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the near-duplicate index keeps per article (and what is persisted for a rebuild)."""

    bins: bytes  # BINS bytes: 8-bit fingerprint of each bin's minimum, 0 = empty bin
    size: int  # number of distinct shingles (capped at 65535)
    keys: tuple[int, ...]  # candidate keys: low 32 bits of the smallest shingle hashes, ascending

    def encode(self, max_keys: int | None = None) -> str:
        """Compact, JSON-safe text form for the state tables (only the keys that get indexed)."""
        keys = self.keys[:max_keys]
        raw = self.bins + struct.pack(f"<H{len(keys)}I", self.size, *keys)
        return SKETCH_VERSION + base64.b85encode(raw).decode("ascii")

    @classmethod
    def decode(cls, text: str) -> Sketch:
        if not text.startswith(SKETCH_VERSION):
            raise ValueError("unknown sketch version")
        raw = base64.b85decode(text[len(SKETCH_VERSION) :])
        m = (len(raw) - BINS - 2) // 4
        size, *keys = struct.unpack(f"<H{m}I", raw[BINS:])
        return cls(bins=raw[:BINS], size=size, keys=tuple(keys))


def sketch_hashes(hashes: U64, m: int) -> Sketch:
    """Build the sketch from sorted unique shingle hashes."""
    n = int(hashes.size)
    if n == 0:
        return Sketch(bins=bytes(BINS), size=0, keys=())
    idx = hashes.searchsorted(_BIN_STARTS)
    mins = hashes[np.minimum(idx, n - 1)]  # a fresh array: the steps below work in place
    present = (idx < n) & ((mins >> BIN_SHIFT) == _BIN_IDS)
    mins &= _LOW16
    mins %= _FP_MOD
    mins += 1
    fp = mins.astype(np.uint8)
    fp[~present] = 0
    keys = tuple((hashes[:m] & _LOW32).tolist())  # Python ints, as int() of each
    return Sketch(bins=fp.tobytes(), size=min(n, 0xFFFF), keys=keys)


def sketch_text(body: str, shingle_size: int, m: int) -> Sketch:
    return sketch_hashes(shingle_hashes(body, shingle_size), m)
