"""Schema drift: schemas/ must be exactly what the models generate."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from wirestream.schemas import TOPIC_MODELS, drift, render

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def test_schemas_match_models() -> None:
    assert drift(SCHEMAS) == [], "run `wirestream schemas write` and commit schemas/"


def test_schemas_are_valid_json_schema() -> None:
    for text in render().values():
        jsonschema.Draft202012Validator.check_schema(json.loads(text))
    assert len(render()) == len(TOPIC_MODELS)


def test_drift_is_detected(tmp_path: Path) -> None:
    for name, text in render().items():
        (tmp_path / name).write_text(text)
    first = sorted(render())[0]
    (tmp_path / first).write_text("{}")
    assert drift(tmp_path) == [first]
