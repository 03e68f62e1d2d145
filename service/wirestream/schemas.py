"""JSON Schema for every topic's records, generated from the models (``schemas/`` in the repo).

Downstream teams code against the files in ``schemas/``; a test regenerates them and fails on any
difference, so a model change cannot ship without its schema.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .models import DeadLetter, DedupedEnvelope, DuplicateRecord, EnrichedRecord, EventsRecord, NormalisedEnvelope

TOPIC_MODELS: dict[str, type[BaseModel]] = {
    "enriched": EnrichedRecord,  # wire.enriched and routed topics with payload: record
    "events": EventsRecord,  # wire.events.<type> (routes with payload: events)
    "duplicates": DuplicateRecord,
    "deadletter": DeadLetter,  # deadletter.jsonl; on Kafka: original bytes + these fields as headers
    "normalised": NormalisedEnvelope,  # internal repartition topic (to the dedupe sequencer)
    "deduplicated": DedupedEnvelope,  # internal repartition topic (by story id, to tagging)
}


def render() -> dict[str, str]:
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True)
        + "\n"
        for name, model in TOPIC_MODELS.items()
    }


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in render().items():
        p = directory / name
        p.write_text(text)
        out.append(p)
    return out


def drift(directory: Path) -> list[str]:
    """Names of schema files that differ from (or are missing against) the models."""
    return [
        name
        for name, text in render().items()
        if not (directory / name).exists() or (directory / name).read_text() != text
    ]
