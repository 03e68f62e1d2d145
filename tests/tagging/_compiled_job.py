"""The compiled build and the tagging unit tests against it, run as one background job of the suite.

Why in the background: the mypyc build (a C compiler over the five tagging modules) and the tagging
unit tests against the built modules take ≈ 4 minutes of one core on the small CI machines, while
the rest of the suite leaves the second core mostly idle (one pytest process, and the Kafka tests
wait on the broker and their workers). ``tests/tagging/conftest.py`` starts this script when the
suite has collected ``test_compiled.py``; its tests wait for the JSON this script writes and assert
on it, so a failed build or a failing compiled test still fails the suite, with the output.

Run as ``python tests/tagging/_compiled_job.py DEST``: builds the overlay under ``DEST/overlay``,
tags the bench corpus with it and without it, runs the tagging unit tests against it
(``DEST/basetemp`` for their temporary files, so the two concurrent pytest sessions never share
one) and writes ``DEST/result.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UNIT_TESTS = ("tests/tagging/actors", "tests/tagging/events")


def env_for(site: Path | None) -> dict[str, str]:
    """The environment of a child importing the overlay ``site`` first (the interpreted checkout if None)."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(p) for p in (site, REPO) if p is not None])}


def _run(cmd: list[str], env: dict[str, str] | None, timeout: float) -> tuple[int, str, str]:
    try:
        proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return -1, "", f"timed out after {timeout:.0f} s: {exc}"
    return proc.returncode, proc.stdout, proc.stderr


def main(dest: Path) -> dict[str, object]:
    result: dict[str, object] = {}
    build = [sys.executable, "-m", "bench.compiled", "--build-only", "--overlay", str(dest / "overlay")]
    rc, out, err = _run(build, None, 900)
    result.update(build_rc=rc, build_output=out[-2000:] + err[-3000:])
    if rc != 0 or not out.strip():
        return result
    site = Path(out.strip().splitlines()[-1])
    result["site"] = str(site)
    for name, where in (("tags_compiled", site), ("tags_interpreted", None)):
        # the bench corpus tagged in a child process; 0 rounds: tags only, no timing
        rc, out, err = _run([sys.executable, "-m", "bench.compiled", "_child", "150", "0"], env_for(where), 600)
        result[name] = json.loads(out.strip().splitlines()[-1]) if rc == 0 and out.strip() else f"failed: {err[-3000:]}"
    tests = [sys.executable, "-m", "pytest", *UNIT_TESTS, "-q", "-x", "-p", "no:randomly", "-p", "no:cacheprovider",
             "--reruns", "0", "--basetemp", str(dest / "basetemp")]  # fmt: skip
    rc, out, err = _run(tests, env_for(site), 1500)
    result.update(tests_rc=rc, tests_output=out[-5000:] + err[-2000:])
    probe = "from wirestream.compiled import compiled_modules; print(len(compiled_modules()))"
    rc, out, err = _run([sys.executable, "-c", probe], env_for(site), 120)
    result["compiled_in_tests"] = out.strip() if rc == 0 else f"probe failed: {err[-2000:]}"
    return result


if __name__ == "__main__":
    where = Path(sys.argv[1])
    where.mkdir(parents=True, exist_ok=True)
    outcome = main(where)
    tmp = where / "result.json.tmp"
    tmp.write_text(json.dumps(outcome))
    tmp.rename(where / "result.json")  # the waiting test never reads half a file
