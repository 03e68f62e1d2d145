"""A disk cache for compiled tagger data: a worker restart reads its dictionary instead of building it.

Why: compiling the actor dictionary (YAML, cities, per-language automata) costs ≈ 5 CPU-seconds on
a small machine, paid by every worker start: a restart after a crash, a rebalance that adds a
worker, a replay job, the cold start of README command 1. The compiled form is already one pickle
(``actors.lexicon._freeze``), so it can be kept on disk and read back in a fraction of that.

Correctness rests on the key: a cached blob is used only when *everything* it was built from is
the same, i.e. the data's content digest, the source or extension files of the package that builds
and unpickles it, the Python version and the versions of the libraries whose data goes into the
build. Anything else gets a new key; the newest few blobs per name are kept (≈ 7 MB each).

The cache holds pickles, which run code when loaded: it must be a directory only the service's own
user can write (``Settings.tagger_cache_dir``; the default, ``~/.cache/wirestream``, is). Writes
are atomic (a temporary file renamed into place), so concurrent workers never read half a file; a
blob that cannot be read is rebuilt and replaced.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)


def code_key(package_dir: Path, distributions: Iterable[str]) -> bytes:
    """What a blob's code side depends on: ``package_dir``'s modules (source or compiled) and library versions.

    A mypyc build keeps the compiled code of its modules in one shared library at the import root
    (``<group>__mypyc.*.so`` beside the top-level package); the per-module ``.so`` files are thin
    shims that name it. So the libraries the shims name are part of the key too.
    """
    h = hashlib.sha256(sys.version.encode())
    groups: set[str] = set()
    for path in sorted(package_dir.iterdir()):
        if path.suffix in (".py", ".so", ".pyd"):
            data = path.read_bytes()
            h.update(path.name.encode() + b"\0" + data)
            if path.suffix != ".py":
                groups.update(g.decode() for g in re.findall(rb"\w+__mypyc", data))
    root = package_dir
    while (root / "__init__.py").exists():
        root = root.parent
    for group in sorted(groups):
        for path in sorted(root.glob(f"{group}.*")):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in distributions:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}={version}\0".encode())
    return h.digest()


def cached_blob(cache_dir: Path | None, name: str, key: bytes, build: Callable[[], bytes]) -> bytes:
    """The blob stored under ``name`` and ``key`` in ``cache_dir``, built (and stored) if absent.

    ``cache_dir`` None: no cache, always ``build()``. A cache that cannot be read or written is
    logged and bypassed: the cache only saves time, it never stops a worker.
    """
    if cache_dir is None:
        return build()
    path = _blob_path(cache_dir, name, key)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("tagger cache %s unreadable (%s): rebuilding", path, exc)
    blob = build()
    tmp: str | None = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=cache_dir)
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
        _prune(cache_dir, name, keep=KEEP)
    except OSError as exc:
        log.warning("tagger cache %s not written (%s)", path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return blob


#: Blobs kept per name: the newest few versions (a rolling upgrade runs two; a rollback finds its own).
KEEP = 4


def _prune(cache_dir: Path, name: str, keep: int) -> None:
    """Remove all but the ``keep`` newest blobs of ``name``: each dictionary or code change adds one.

    A process that already read a removed blob is unaffected (it holds the bytes); one that needs it
    again builds it again."""
    blobs = sorted(cache_dir.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in blobs[keep:]:
        old.unlink(missing_ok=True)


def forget(cache_dir: Path, name: str, key: bytes) -> None:
    """Remove the blob for ``name``/``key`` (one that failed to load: the next start rebuilds it)."""
    _blob_path(cache_dir, name, key).unlink(missing_ok=True)


def _blob_path(cache_dir: Path, name: str, key: bytes) -> Path:
    return cache_dir / f"{name}-{hashlib.sha256(key).hexdigest()[:32]}.pickle"
