"""Embedded mode (`wirestream process`): the same pipeline in-process; JSONL in the topics' schema."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from wirestream.cli import main
from wirestream.schemas import render

SAMPLES = Path(__file__).resolve().parents[2] / "deploy" / "samples"


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["process", str(SAMPLES), "--out", str(out), "--quiet"], catch_exceptions=False)
    gc.unfreeze()  # the run froze this (pytest's) process's heap, as it does a replay's: give it back
    assert result.exit_code == 0, result.output
    return out, result.output


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_each_sample_ends_as_exactly_one_outcome(processed: tuple[Path, str]) -> None:
    out, _ = processed
    enriched, dups, dead = (_lines(out / f"{n}.jsonl") for n in ("enriched", "duplicates", "deadletter"))
    n_inputs = len([p for p in SAMPLES.iterdir() if p.is_file()])
    offsets = [r["provenance"]["offset"] for r in enriched + dups + dead]
    assert sorted(offsets) == list(range(n_inputs)), "every input exactly once across the three outputs"
    assert len(dead) == 2 and {d["reason"] for d in dead} == {"invalid_json", "empty_body"}
    statuses = sorted(d["dedupe"]["status"] for d in dups)
    assert statuses == ["exact", "near"], "the re-send and the syndicated copy"
    assert any(e["dedupe"]["status"] == "new_version" and e["dedupe"]["supersedes"] for e in enriched)


def test_outputs_validate_against_the_published_schemas(processed: tuple[Path, str]) -> None:
    out, _ = processed
    schemas = {k: json.loads(v) for k, v in render().items()}
    for name, schema in (("enriched", "enriched"), ("duplicates", "duplicates"), ("deadletter", "deadletter")):
        for rec in _lines(out / f"{name}.jsonl"):
            jsonschema.validate(rec, schemas[f"{schema}.schema.json"])


def test_enriched_records_name_the_versions_that_tagged_them(processed: tuple[Path, str]) -> None:
    out, _ = processed
    for rec in _lines(out / "enriched.jsonl"):
        assert set(rec["tags"]["versions"]) == {"actors", "events", "topics", "routing"}
        assert all(v for v in rec["tags"]["versions"].values())


def test_every_command_has_help() -> None:
    runner = CliRunner()
    commands = [
        [], ["kafka"], ["kafka", "start"], ["kafka", "stop"], ["kafka", "status"], ["kafka", "fetch"],
        ["topics"], ["topics", "create"], ["topics", "list"], ["worker"], ["publish"], ["process"],
        ["audit"], ["schemas"], ["schemas", "write"], ["schemas", "check"], ["demo"], ["replay"],
        ["deadletter"], ["deadletter", "inspect"], ["deadletter", "replay"],
    ]  # fmt: skip
    for cmd in commands:
        result = runner.invoke(main, [*cmd, "--help"])
        assert result.exit_code == 0, (cmd, result.output)
        assert "Usage:" in result.output and len(result.output) > 80


def test_the_embedded_run_freezes_the_loaded_tagger_as_the_worker_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive replay runs for hours: without the freeze, every full collection walks the tagger's data."""
    import wirestream.embedded as embedded
    from wirestream.settings import Settings

    calls: list[str] = []
    real_build = embedded.build_pipeline

    def build(settings: Settings) -> embedded.Pipeline:
        calls.append("build")
        return real_build(settings)

    monkeypatch.setattr(embedded, "build_pipeline", build)
    monkeypatch.setattr(embedded, "freeze_long_lived", lambda: calls.append("freeze"))
    embedded.process_paths(Settings(), [SAMPLES], None, progress=False)
    assert calls == ["build", "freeze"]
