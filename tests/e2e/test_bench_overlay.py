"""bench helpers: a compiled build runs this checkout's sources (bench.compiled.overlay); the e2e output digest."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench(module: str = "e2e"):  # type: ignore[no-untyped-def]
    """The repo's ``bench.<module>`` (under another name: ``tests/bench`` takes ``bench`` in pytest)."""
    spec = importlib.util.spec_from_file_location(
        "_ws_bench", ROOT / "bench" / "__init__.py", submodule_search_locations=[str(ROOT / "bench")]
    )
    assert spec is not None and spec.loader is not None
    pkg = importlib.util.module_from_spec(spec)
    sys.modules["_ws_bench"] = pkg
    spec.loader.exec_module(pkg)
    return importlib.import_module(f"_ws_bench.{module}")


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
    out = _bench("compiled").overlay(site, source=src)
    try:
        pkg = out / "wirestream"
        assert (pkg / "app.py").read_text() == "NEW = True\n"
        assert (pkg / "tagging" / "engine.py").read_text() == "X = 1\n"
        assert (pkg / "tagging" / "engine.cpython-311-x86_64-linux-gnu.so").read_bytes() == b"ext"
        assert (out / "abc__mypyc.cpython-311-x86_64-linux-gnu.so").read_bytes() == b"rt"
        assert os.path.islink(pkg / "app.py")  # linked, not copied: the package data stays where it is
        # the extension is a copy: a compiled module finding its data from Path(__file__).resolve()
        # must land in the overlay (the checkout's data), not in the build's stale copy
        ext = pkg / "tagging" / "engine.cpython-311-x86_64-linux-gnu.so"
        assert ext.resolve().parent.parent == pkg.resolve()
    finally:
        shutil.rmtree(out)


def test_output_digest_ignores_wall_clock_and_run_names_but_not_content() -> None:
    from types import SimpleNamespace as R

    from wirestream.settings import Settings, TopicSettings

    e2e = _bench("e2e")

    def run(tag: str, received: str, headline: str) -> str:
        s = Settings(topics=TopicSettings(raw=f"b.{tag}.raw", enriched=f"b.{tag}.enriched"))
        prov = {"topic": f"b.{tag}.raw", "offset": 3, "received_at": received}
        recs = [
            R(topic=f"b.{tag}.enriched", partition=0, key=b"s1", headers=[("h", b"1")],
              value=json.dumps({"headline": headline, "routes": [f"b.{tag}.enriched"], "provenance": prov}).encode()),
            # a shared routed topic: this run's record counts, another run's does not
            R(topic="wire.country.fra", partition=1, key=b"s1", headers=[],
              value=json.dumps({"provenance": prov}).encode()),
            R(topic="wire.country.fra", partition=1, key=b"s9", headers=[],
              value=json.dumps({"provenance": {"topic": "b.other.raw"}}).encode()),
        ]  # fmt: skip
        out = e2e.output_digest(recs, s)
        assert out["records"] == 2
        return str(out["sha256_16"])

    assert run("a", "2026-01-01T00:00:00Z", "h") == run("b", "2026-01-01T00:00:09Z", "h")
    assert run("a", "2026-01-01T00:00:00Z", "h") != run("a", "2026-01-01T00:00:00Z", "h2")
