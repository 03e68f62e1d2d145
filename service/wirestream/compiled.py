"""Which modules the optional mypyc build compiles, and whether this process runs them compiled.

The list is here, not only in ``setup.py``, so that the worker can say what it runs (the
``compiled`` label of ``wirestream_build``) and the equivalence test can check every one of them.
"""

from __future__ import annotations

import importlib

# Hot paths of the tagging stage (profile: bench/README.md). A module listed here must compile with
# mypyc and give the same output compiled and interpreted (tests/tagging/test_compiled.py).
MODULES: tuple[str, ...] = (
    "wirestream.tagging.actors.scan",
    "wirestream.tagging.actors.resolve",
    "wirestream.tagging.events.text",
    "wirestream.tagging.events.engine",
)


def compiled_modules() -> list[str]:
    """The modules of :data:`MODULES` this process imported as C extensions (the mypyc build)."""
    out = []
    for name in MODULES:
        path = getattr(importlib.import_module(name), "__file__", "") or ""
        if not path.endswith(".py"):
            out.append(name)
    return out
