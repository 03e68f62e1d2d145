"""The optional compiled build (``setup.py``, mypyc) tags exactly like the interpreted code.

The build is made the way an image makes it (``python -m bench.compiled --build-only``:
``WIRESTREAM_MYPYC=1 pip wheel --no-build-isolation``, cached by source hash). Then the compiled
modules must (1) give the same tags as the interpreted ones on the bench corpus, in two child
processes, and (2) pass the tagging unit tests. Compiled code is not the same program in every
respect: mypyc checks type annotations at run time, and it has miscompiled code before (``all()``
over optional-str tests read an uninitialised variable: gcc's ``-Werror`` now stops such a build).
So a module is listed in ``wirestream.compiled.MODULES`` only with these tests green.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wirestream.compiled import MODULES

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]
REPO = Path(__file__).resolve().parents[2]


def _env(site: Path | None) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(p) for p in (site, REPO) if p is not None])}


def _tags(site: Path | None) -> dict[str, Any]:
    """Tag the bench corpus in a child process (compiled when ``site`` is given); its summary."""
    cmd = [sys.executable, "-m", "bench.compiled", "_child", "150", "0"]  # 0 rounds: tags only, no timing
    proc = subprocess.run(cmd, cwd=REPO, env=_env(site), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compiled build's extension modules over this checkout's sources and data (``bench.compiled.overlay``).

    Not the build's own tree: its cache key covers the compiled modules only, so the rest of the
    package in it (interpreted tagging modules, data files) may be an older checkout's.
    """
    if not (shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")):
        pytest.skip("no C compiler on this machine: the compiled build is optional")
    dest = tmp_path_factory.mktemp("compiled-overlay")
    cmd = [sys.executable, "-m", "bench.compiled", "--build-only", "--overlay", str(dest)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    return Path(proc.stdout.strip().splitlines()[-1])


def test_compiled_build_runs_every_listed_module_and_tags_identically(site: Path) -> None:
    compiled, interpreted = _tags(site), _tags(None)
    assert compiled["compiled_modules"] == list(MODULES)
    assert interpreted["compiled_modules"] == []
    assert compiled["articles"] == interpreted["articles"] > 100
    assert compiled["tags_sha256"] == interpreted["tags_sha256"]


def test_tagging_unit_tests_pass_against_the_compiled_modules(site: Path) -> None:
    cmd = [sys.executable, "-m", "pytest", "tests/tagging/actors", "tests/tagging/events", "-q", "-x",
           "-p", "no:randomly", "-p", "no:cacheprovider", "--reruns", "0"]  # fmt: skip
    proc = subprocess.run(cmd, cwd=REPO, env=_env(site), capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]
    probe = "from wirestream.compiled import compiled_modules; print(len(compiled_modules()))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=_env(site), capture_output=True, text=True)
    assert out.stdout.strip() == str(len(MODULES)), out.stderr  # what the suite above imported
