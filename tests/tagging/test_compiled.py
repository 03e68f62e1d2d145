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
import subprocess
from pathlib import Path
from typing import Any

import pytest

from wirestream.compiled import MODULES

pytestmark = [pytest.mark.slow, pytest.mark.timeout(2700)]


@pytest.fixture(scope="module")
def job(compiled_job: tuple[subprocess.Popen[bytes], Path] | None) -> dict[str, Any]:
    """What the background job (``_compiled_job.py``, started by ``conftest.py`` after collection) found.

    It builds the overlay (the compiled build's extension modules over this checkout's sources
    and data, ``bench.compiled.overlay``; not the build's own tree, whose cache key covers the
    compiled modules only), tags the bench corpus with and without it, and runs the tagging unit
    tests against it, while the rest of the suite runs.
    """
    if compiled_job is None:
        pytest.skip("no C compiler on this machine: the compiled build is optional")
    proc, dest = compiled_job
    proc.wait(timeout=2600)
    result = dest / "result.json"
    assert result.exists(), f"the compiled job exited {proc.returncode} without a result"
    found: dict[str, Any] = json.loads(result.read_text())
    assert found["build_rc"] == 0, found["build_output"]
    return found


def test_compiled_build_runs_every_listed_module_and_tags_identically(job: dict[str, Any]) -> None:
    compiled, interpreted = job["tags_compiled"], job["tags_interpreted"]
    assert isinstance(compiled, dict), compiled
    assert isinstance(interpreted, dict), interpreted
    assert compiled["compiled_modules"] == list(MODULES)
    assert interpreted["compiled_modules"] == []
    assert compiled["articles"] == interpreted["articles"] > 100
    assert compiled["tags_sha256"] == interpreted["tags_sha256"]


def test_tagging_unit_tests_pass_against_the_compiled_modules(job: dict[str, Any]) -> None:
    assert job["tests_rc"] == 0, job["tests_output"]
    assert job["compiled_in_tests"] == str(len(MODULES))  # what the unit tests above imported
