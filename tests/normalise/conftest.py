"""Helpers for the normalisation tests: build RawInputs, run the stage, load the bad-input catalogue."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

from wirestream.models import Article, Provenance, RawInput
from wirestream.normalise import normalise
from wirestream.settings import NormaliseSettings

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SAMPLE = HERE.parents[2] / "shared" / "samples" / "wire-2025-07-04-coalition.txt"

Run = Callable[..., Article]


def make_raw(data: bytes, content_type: str | None = None) -> RawInput:
    prov = Provenance(topic="test", partition=-1, offset=0, received_at=datetime.now(UTC))
    return RawInput(value=data, content_type=content_type, provenance=prov)


def load_bad_inputs() -> ModuleType:
    """Import bad_inputs.py by path (pytest runs in importlib mode: tests are not on sys.path)."""
    if "bad_inputs" in sys.modules:
        return sys.modules["bad_inputs"]
    spec = importlib.util.spec_from_file_location("bad_inputs", HERE / "bad_inputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bad_inputs"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def run() -> Run:
    def _run(
        data: bytes | str,
        content_type: str | None = None,
        settings: NormaliseSettings | None = None,
    ) -> Article:
        payload = data.encode() if isinstance(data, str) else data
        return normalise(make_raw(payload, content_type), settings or NormaliseSettings())

    return _run


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    return lambda name: (FIXTURES / name).read_bytes()
