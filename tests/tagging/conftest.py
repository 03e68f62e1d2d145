"""Starts the compiled-build job (``_compiled_job.py``) in the background as soon as the suite is collected.

Why here and not in a fixture: a fixture would start it when ``test_compiled.py`` is reached, near
the end of the suite, and the suite would wait ≈ 4 minutes for a build and a test run that can go
on beside the other tests from the start (see ``_compiled_job.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

JOB = Path(__file__).with_name("_compiled_job.py")
TESTS = Path(__file__).with_name("test_compiled.py")
_STARTED = pytest.StashKey[tuple[subprocess.Popen[bytes], Path]]()


def _have_compiler() -> bool:
    return bool(shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc"))


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly or not _have_compiler():
        return
    if not any(item.path == TESTS for item in session.items):
        return
    dest = Path(tempfile.mkdtemp(prefix="ws-compiled-job-"))
    with (dest / "job.log").open("wb") as log:
        proc = subprocess.Popen([sys.executable, str(JOB), str(dest)], cwd=JOB.parents[2], stdout=log, stderr=log)
    session.config.stash[_STARTED] = (proc, dest)


def pytest_sessionfinish(session: pytest.Session) -> None:
    started = session.config.stash.get(_STARTED, None)
    if started is None:
        return
    proc, dest = started
    if proc.poll() is None:  # the suite ended (or was interrupted) before test_compiled.py waited for it
        proc.kill()
        proc.wait()
    shutil.rmtree(dest, ignore_errors=True)


@pytest.fixture(scope="session")
def compiled_job(request: pytest.FixtureRequest) -> tuple[subprocess.Popen[bytes], Path] | None:
    """The background job and its directory; None when no C compiler (the compiled build is optional)."""
    return request.config.stash.get(_STARTED, None)
