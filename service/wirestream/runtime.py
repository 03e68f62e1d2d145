"""Process-wide runtime tuning, applied once by the entry points that run the pipeline (``wirestream
worker``, the benches). Kept out of the functional core: it changes the allocator, not results."""

from __future__ import annotations

import ctypes
import ctypes.util

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
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, mmap_threshold)) and bool(mallopt(_M_TRIM_THRESHOLD, trim_threshold))
