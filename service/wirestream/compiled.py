"""Which modules the optional mypyc build compiles, and whether this process runs them compiled.

The list is here, not only in ``setup.py``, so that the worker can say what it runs (the
``compiled`` label of ``wirestream_build``) and the equivalence test can check every one of them.
"""

from __future__ import annotations

import importlib.util

# Hot paths of the tagging stage (profile: bench/README.md). A module listed here must compile with
# mypyc and give the same output compiled and interpreted (tests/tagging/test_compiled.py).
MODULES: tuple[str, ...] = (
    "wirestream.tagging.actors.scan",
    "wirestream.tagging.actors.resolve",
    "wirestream.tagging.events.text",
    "wirestream.tagging.events.engine",
    "wirestream.tagging.events.rules",
)
# Not listed: ``wirestream.tagging.topics.tagger`` (~5 % of a 2 KB article's tag stage). Compiled, it
# tagged ~5 % faster (≈ 0.3 % of the stage; best of 7, five alternating process pairs, session 11):
# its time is the keyword automaton's C iteration and dict/set calls on untyped values.


def compiled_modules() -> list[str]:
    """The modules of :data:`MODULES` that this process imports as C extensions (the mypyc build).

    Python prefers an extension module to the ``.py`` beside it, so where the import system finds
    each module is what runs (found without executing the module itself).
    """
    out = []
    for name in MODULES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin is not None and not spec.origin.endswith(".py"):
            out.append(name)
    return out
