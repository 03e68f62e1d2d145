"""Every output document of the real pipeline (real taggers) is byte-identical to ``model_dump_json``.

The route stage writes records with orjson (``routing.fastjson``) and cuts the per-event-type
documents out of the record's bytes (``routing.outputs``). The unit tests check both on awkward
models built by validation; this checks them on what the taggers build without validation (their
trusted builders set ``__dict__`` directly, and the bytes depend on its key order and value types),
over the bench corpus: ``bench.pipeline.check``. It also checks that none of them needed pydantic's
slower path (a tagger writing an ``int`` confidence would still give the right bytes, slowly).
Run in a child process from the checkout root, as the other bench tests do (``bench`` is a
top-level package of the checkout).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(600)
ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import orjson
from bench.pipeline import build, check, raws
from wirestream.routing import fastjson, outputs

slow = []

def dump(model):
    try:
        orjson.dumps(model, default=fastjson._fields, option=fastjson._OPTIONS)
    except TypeError as exc:
        slow.append(str(exc))
    return fastjson.dump(model)

outputs.dump = dump
pipeline, _ = build()
print(check(pipeline, raws(2_000, 60, seed=3)[0]) + check(pipeline, raws(20_000, 8, seed=4)[0]), len(slow))
"""


def test_real_pipeline_outputs_equal_model_dump_json() -> None:
    proc = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, capture_output=True, text=True, timeout=550)
    assert proc.returncode == 0, proc.stderr[-4000:]
    compared, slow = map(int, proc.stdout.strip().splitlines()[-1].split())
    assert compared > 300  # documents: records and per-event-type copies
    assert slow == 0  # every document took orjson's path: the taggers' models pass its checks
