"""The optional mypyc build (``setup.py``) side by side with the interpreted code, in one run.

    .venv/bin/python -m bench.compiled [--rounds 2] [--articles 400] [--build-only]

Builds the compiled wheel the way the Docker image does (``WIRESTREAM_MYPYC=1 pip wheel
--no-build-isolation``; cached under ``.cache/compiled/<source hash>``, so only a change to a
compiled module rebuilds it), then runs the same measurement in child processes, interpreted and
compiled in turn (the machine is shared: alternating keeps the neighbours' load out of the ratio):

* the tagging stage alone (``Tagger.tag``) on normalised 2 KB bench articles, µs per article;
* the whole in-process pipeline (``bench.pipeline.measure``), articles per CPU-second.

Each child also hashes every article's tags; the two builds must agree exactly (the test
``tests/tagging/test_compiled.py`` checks the same on a wider corpus). Writes
``bench/results/compiled.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from . import write_result

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "compiled.json"
CACHE = ROOT / ".cache" / "compiled"


class BuildError(RuntimeError):
    """The compiled build failed (no C compiler, or mypyc rejected a module); the log says why."""


def _modules(root: Path) -> tuple[str, ...]:
    """The compiled modules as listed in ``root``'s checkout (not necessarily the imported one)."""
    return tuple(runpy.run_path(str(root / "service" / "wirestream" / "compiled.py"))["MODULES"])


def source_hash(root: Path = ROOT) -> str:
    """What the compiled build depends on: the build files, the compiled modules and mypy's version."""
    import mypy.version

    h = hashlib.sha256(mypy.version.__version__.encode())
    files = ["setup.py", "pyproject.toml", "service/wirestream/compiled.py"]
    files += [f"service/{m.replace('.', '/')}.py" for m in _modules(root)]
    for f in files:
        h.update(f.encode() + b"\0" + (root / f).read_bytes())
    return h.hexdigest()[:16]


def build(root: Path = ROOT, cache: Path = CACHE) -> Path:
    """A directory holding the installed compiled package; run it through :func:`overlay`.

    The wheel is built from a copy of the sources in a temporary directory, so that neither
    setuptools' nor mypyc's ``build/`` output lands in (or is reused from) the checkout, and the
    hash names what was copied even if the checkout changes meanwhile. The installed tree appears
    under its final name in one ``rename``, complete: files of a tree that a running process has
    loaded are never rewritten (overwriting a loaded extension module in place crashes that
    process — a concurrent build of the same sources once did exactly that to a worker).
    """
    site = cache / source_hash(root)
    if (site / ".complete").exists():
        return site
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="building-", dir=cache) as tmp:  # same file system: atomic rename
        src, out, staged = Path(tmp) / "src", Path(tmp) / "wheel", Path(tmp) / "site"
        skip = shutil.ignore_patterns("__pycache__", "*.so", "build", "*.egg-info")
        shutil.copytree(root / "service", src / "service", ignore=skip)
        for f in ("setup.py", "pyproject.toml", "README.md"):
            shutil.copy2(root / f, src / f)
        site = cache / source_hash(src)
        if (site / ".complete").exists():
            return site
        env = {**os.environ, "WIRESTREAM_MYPYC": "1"}
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)]
        proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True)
        wheels = list(out.glob("wirestream-*.whl"))
        if proc.returncode != 0 or not wheels:
            log = cache / f"{site.name}.log"
            log.write_text(proc.stdout + proc.stderr)
            raise BuildError(f"compiled build failed (exit {proc.returncode}); log: {log}")
        with zipfile.ZipFile(wheels[0]) as z:
            z.extractall(staged)
        (staged / ".complete").write_text(time.strftime("%Y-%m-%dT%H:%M:%S") + "\n")
        try:
            staged.rename(site)
        except OSError:
            # another build of the same sources got there first: its tree is the same, use it
            if not (site / ".complete").exists():
                raise BuildError(f"{site} exists but is incomplete: remove it and build again") from None
    return site


def overlay(site: Path, dest: Path | None = None, source: Path = ROOT / "service" / "wirestream") -> Path:
    """A directory to put first on ``PYTHONPATH``: this checkout's sources with ``site``'s extension modules over them.

    Why not ``site`` itself: the cache key of a build (:func:`source_hash`) covers only the
    compiled modules, so ``site`` holds the rest of the package (app, pipeline, routing, the
    taxonomy data files, the tagging modules left interpreted) as it was when that key was first
    built. A process importing ``site`` would run that day's shell and data, not the checkout's.
    Here every source and data file is a symlink to the checkout and the ``.so`` files are copies
    of ``site``'s (the import system prefers an extension module over a ``.py`` of the same name).
    Copies, not symlinks: the compiled modules find their data files from
    ``Path(__file__).resolve()``, which follows a symlink into ``site`` and read the data as it was
    when the key was built (a data-only change was then tagged with the old rules by the compiled
    build and with the new ones by the interpreted one). ``dest`` (created if missing) or a new
    temporary directory, which the caller removes.
    """
    dest = Path(tempfile.mkdtemp(prefix="ws-compiled-overlay-")) if dest is None else dest
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source.resolve(), dest / "wirestream", copy_function=os.symlink,
                    ignore=shutil.ignore_patterns("__pycache__", "*.so"))  # fmt: skip
    for so in site.glob("*.so"):  # mypyc's shared runtime module, imported top-level
        shutil.copy2(so, dest / so.name)
    for so in (site / "wirestream").rglob("*.so"):
        shutil.copy2(so, dest / so.relative_to(site))
    return dest


def child(site: Path | None, args: list[str]) -> dict[str, Any]:
    """Run ``python -m bench.compiled _child …`` interpreted (``site`` None) or compiled; its JSON."""
    over = overlay(site) if site else None
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(over), str(ROOT)] if over else [str(ROOT)])
    cmd = [sys.executable, "-m", "bench.compiled", "_child", *args]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    finally:
        if over:
            shutil.rmtree(over, ignore_errors=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _child_main(articles: int, rounds: int) -> dict[str, Any]:
    from wirestream.compiled import compiled_modules

    from .pipeline import build as build_pipeline
    from .pipeline import measure, raws

    pipeline, _ = build_pipeline()
    inputs, _ = raws(2_000, articles)
    arts = [env.article for env in map(pipeline.normalise, inputs) if hasattr(env, "article")]
    tagger = pipeline.tagger
    digest = hashlib.sha256()
    for a in arts:
        digest.update(tagger.tag(a).model_dump_json().encode())
    out: dict[str, Any] = {
        "compiled_modules": compiled_modules(),
        "articles": len(arts),
        "tags_sha256": digest.hexdigest(),
    }
    if rounds == 0:  # the equivalence check only (tests/tagging/test_compiled.py): no timing
        return out
    best_tag = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for a in arts:
            tagger.tag(a)
        best_tag = min(best_tag, (time.process_time() - t0) / len(arts))
    row = measure(pipeline, inputs, rounds)
    return out | {
        "tag_us_per_article": round(best_tag * 1e6, 1),
        "pipeline_articles_per_cpu_s": row["articles_per_cpu_s"],
        "pipeline_stage_us": {s: v["us_per_call"] for s, v in row["stages"].items()},
    }


def run(rounds: int = 2, articles: int = 400) -> dict[str, Any]:
    """Build, then ``rounds`` alternating pairs of child runs; best figure of each build and the ratio."""
    t0 = time.perf_counter()
    site = build()
    print(f"  compiled build: {site} ({time.perf_counter() - t0:.0f} s)", flush=True)
    runs: dict[str, list[dict[str, Any]]] = {"interpreted": [], "compiled": []}
    for _ in range(rounds):
        for name, where in (("interpreted", None), ("compiled", site)):
            r = child(where, [str(articles), "2"])
            r["load_avg_1m"] = round(os.getloadavg()[0], 2)
            runs[name].append(r)
            print(f"  {name:<12} tag {r['tag_us_per_article']:>7.1f} µs/article, pipeline "
                  f"{r['pipeline_articles_per_cpu_s']:>6.1f} articles/CPU-s (load {r['load_avg_1m']})",
                  flush=True)  # fmt: skip
    if not runs["compiled"][0]["compiled_modules"]:
        raise RuntimeError("the compiled run imported no compiled module")
    best = {k: min(r["tag_us_per_article"] for r in v) for k, v in runs.items()}
    best_p = {k: max(r["pipeline_articles_per_cpu_s"] for r in v) for k, v in runs.items()}
    result = {
        "benchmark": "compiled",
        "modules": runs["compiled"][0]["compiled_modules"],
        "identical_tags": len({r["tags_sha256"] for rs in runs.values() for r in rs}) == 1,
        "tag_us_per_article": best,
        "tag_speedup": round(best["interpreted"] / best["compiled"], 2),
        "pipeline_articles_per_cpu_s": best_p,
        "pipeline_speedup": round(best_p["compiled"] / best_p["interpreted"], 2),
        "runs": runs,
    }
    print(f"  identical tags: {result['identical_tags']}; tagging ×{result['tag_speedup']}, "
          f"pipeline ×{result['pipeline_speedup']}")  # fmt: skip
    if not result["identical_tags"]:
        raise RuntimeError("compiled and interpreted builds tagged the corpus differently")
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_child"]:
        print(json.dumps(_child_main(int(argv[1]), int(argv[2]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=2, help="alternating pairs of child runs")
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--build-only", action="store_true", help="build (or find) the compiled tree, print its path")
    ap.add_argument("--overlay", type=Path, help="with --build-only: make DIR the overlay of the build and print DIR")
    args = ap.parse_args(argv)
    if args.build_only:
        site = build()
        print(overlay(site, args.overlay) if args.overlay else site)
        return 0
    result = run(args.rounds, args.articles)
    write_result(RESULTS, result)
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
