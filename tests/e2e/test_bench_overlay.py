"""bench.e2e runs the compiled worker on this checkout's sources, not on the build's stale copy of them."""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench_e2e():  # type: ignore[no-untyped-def]
    """The repo's ``bench.e2e`` (under another name: ``tests/bench`` takes ``bench`` in pytest)."""
    spec = importlib.util.spec_from_file_location(
        "_ws_bench", ROOT / "bench" / "__init__.py", submodule_search_locations=[str(ROOT / "bench")]
    )
    assert spec is not None and spec.loader is not None
    pkg = importlib.util.module_from_spec(spec)
    sys.modules["_ws_bench"] = pkg
    spec.loader.exec_module(pkg)
    return importlib.import_module("_ws_bench.e2e")


def test_overlay_takes_sources_from_the_checkout_and_extensions_from_the_build(tmp_path: Path) -> None:
    src = tmp_path / "src" / "wirestream"
    (src / "tagging").mkdir(parents=True)
    (src / "app.py").write_text("NEW = True\n")
    (src / "tagging" / "engine.py").write_text("X = 1\n")
    site = tmp_path / "site"
    (site / "wirestream" / "tagging").mkdir(parents=True)
    (site / "wirestream" / "app.py").write_text("NEW = False\n")  # the build's stale copy
    (site / "wirestream" / "tagging" / "engine.cpython-311-x86_64-linux-gnu.so").write_bytes(b"ext")
    (site / "abc__mypyc.cpython-311-x86_64-linux-gnu.so").write_bytes(b"rt")
    out = _bench_e2e().compiled_overlay(site, src)
    try:
        pkg = out / "wirestream"
        assert (pkg / "app.py").read_text() == "NEW = True\n"
        assert (pkg / "tagging" / "engine.py").read_text() == "X = 1\n"
        assert (pkg / "tagging" / "engine.cpython-311-x86_64-linux-gnu.so").read_bytes() == b"ext"
        assert (out / "abc__mypyc.cpython-311-x86_64-linux-gnu.so").read_bytes() == b"rt"
        assert os.path.islink(pkg / "app.py")  # linked, not copied: the package data stays where it is
    finally:
        shutil.rmtree(out)
