"""Process-wide allocator and collector tuning: ``tune_glibc_malloc`` is applied once by the entry points
that run the pipeline (``wirestream worker``, the benches), ``return_free_heap`` after building large
long-lived data, ``freeze_long_lived`` once that data is loaded. Kept out of the functional core: it
changes the allocator and the collector, not results."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from typing import Any

#: glibc ``mallopt`` parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def tune_glibc_malloc(mmap_threshold: int = 4 << 20, trim_threshold: int = 32 << 20) -> bool:
    """Keep glibc from handing the heap top back to the OS after every HTML document.

    lexbor (selectolax) allocates two ~350 KB blocks per parsed document; with glibc's dynamic
    thresholds the heap grows by ~700 KB for each HTML body and is trimmed again when the document
    is freed, so every article can pay page faults (strace: brk up, up, down per article). HTML-bodied
    formats (ninjs 2.x/3.x ``body_html``, HTML documents) measured 20-35 % faster with fixed
    thresholds (``python -m bench.normalise --malloc-tuned``). The same as setting
    ``MALLOC_MMAP_THRESHOLD_`` / ``MALLOC_TRIM_THRESHOLD_`` before start. Returns False where there is
    no glibc (musl, macOS), changing nothing."""
    mallopt = _libc_function("mallopt")
    if mallopt is None:
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, mmap_threshold)) and bool(mallopt(_M_TRIM_THRESHOLD, trim_threshold))


def return_free_heap() -> bool:
    """Give the C heap's free pages back to the OS (glibc ``malloc_trim(0)``); False where there is no glibc.

    Called after building large long-lived data (the actor lexicon): with the trim threshold fixed by
    :func:`tune_glibc_malloc`, the pages a build freed in the middle of the heap would otherwise stay
    resident for the life of the worker."""
    malloc_trim = _libc_function("malloc_trim")
    return malloc_trim is not None and bool(malloc_trim(0))


def _libc_function(name: str) -> Any:
    """``name`` from the C library, or None where there is none or it lacks the function (musl, macOS)."""
    lib = ctypes.util.find_library("c")
    if lib is None:
        return None
    try:
        return getattr(ctypes.CDLL(lib), name)
    except (OSError, AttributeError):
        return None


def freeze_long_lived() -> None:
    """Collect, then move every object alive so far out of the collector's reach (``gc.freeze``).

    Why: the tagger's data is a few hundred thousand long-lived objects. Without this every full
    collection walks them (~0.2 s each with the data loaded: a stall on every rebalance, where
    Faust's RocksDB store calls ``gc.collect()`` per table, and on the interpreter's own gen-2
    passes). Called by the worker once its pipeline is built, and by the benches that measure it.
    """
    gc.collect()
    gc.freeze()
