"""The commands ops use against real topics: publish, audit, deadletter inspect/replay, replay."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from reliability.conftest import RelWorkers
from support import wait_for
from wirestream.audit import audit, read_topic
from wirestream.cli import main
from wirestream.settings import Settings, to_env

pytestmark = pytest.mark.kafka


def _cli(settings: Settings, *args: str) -> str:
    result = CliRunner().invoke(main, list(args), env=to_env(settings), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _settled(settings: Settings, n: int, workers) -> bool:
    workers.assert_alive()
    r = asyncio.run(audit(settings, timeout=10))
    return r.inputs == n and not r.missing


def _wait_settled(step: str, settings: Settings, n: int, workers, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until all ``n`` inputs have an outcome; on a timeout, fail naming the step, with each worker's state
    (where it waits, its log), the consumer group and its lag: a rerun must not hide why a step did not settle."""
    t0 = time.monotonic()
    if wait_for(lambda: _settled(settings, n, workers), timeout=timeout, interval=1.0):
        print(f"OPS step {step!r} settled in {time.monotonic() - t0:.1f}s")
        return
    r = asyncio.run(audit(settings))
    internal = {
        t: len(asyncio.run(read_topic(settings, t))) for t in (settings.topics.normalised, settings.topics.deduplicated)
    }
    pytest.fail(
        f"{step}: not settled after {timeout:.0f}s: {r.summary()} missing={r.missing} internal={internal}\n"
        f"{RelWorkers.diagnose(workers, settings)}"  # type: ignore[arg-type]
    )


def test_publish_audit_deadletter_inspect_replay_and_archive_replay(make_settings, workers, tmp_path: Path) -> None:
    s = make_settings(partitions=1, normalise={"max_bytes": 3000})
    arch = tmp_path / "archive"
    arch.mkdir()
    body = "ROTTERDAM (Example Wire) - Dockworkers walked out on Wednesday over pay.\n\nThe union said talks failed."
    good = {"id": "urn:test:ops:1", "headline": "Port workers strike in Rotterdam", "lang": "en", "body": body}
    big = {"id": "urn:test:ops:2", "headline": "A long one", "body": "Long report. " * 400}
    (arch / "a.jsonl").write_bytes(orjson.dumps(good) + b"\n" + orjson.dumps(big) + b"\n")
    assert "published 2" in _cli(s, "publish", str(arch))
    workers.start(s)
    _wait_settled("first run", s, 2, workers)

    assert "ok: True" in _cli(s, "audit").replace("  ", "").replace(" :", ":")
    inspected = _cli(s, "deadletter", "inspect", "--json")
    assert '"reason": "too_large"' in inspected and '"count": 1' in inspected

    # Ops raise the limit for the replay; the dead letter is re-published unchanged and now enriched.
    s2 = s.model_copy(update={"normalise": s.normalise.model_copy(update={"max_bytes": 5_000_000})})
    workers.stop_all()
    workers.start(s2, worker_id="worker-2")
    assert "replayed 1" in _cli(s2, "deadletter", "replay", "--reason", "too_large")
    _wait_settled("replayed dead letter", s2, 3, workers)

    # Re-tagging an archive: articles already published come back enriched, not as duplicates of themselves.
    t0 = time.monotonic()
    replayed = _cli(s2, "replay", str(arch), "--wait", "120")
    print(f"OPS step 'replay --wait' took {time.monotonic() - t0:.1f}s")
    if "2/2 replayed articles" not in replayed:
        pytest.fail(f"replay --wait: {replayed}\n{RelWorkers.diagnose(workers, s2)}")  # type: ignore[arg-type]
    assert "replayed 2" in replayed and "2/2 replayed articles: 2 enriched, 0 duplicate, 0 dead letter" in replayed
    _wait_settled("archive replay", s2, 5, workers)
    report = asyncio.run(audit(s2))
    assert report.ok, report.summary()  # at-least-once: identical repeats allowed
    assert report.summary()["enriched"] == 4 and report.summary()["deadletter"] == 1
    statuses = {
        orjson.loads(r.value)["provenance"]["offset"]: orjson.loads(r.value)["dedupe"]["status"]
        for r in asyncio.run(read_topic(s2, s2.topics.enriched))
        if dict(r.headers).get("wirestream.outcome") == b"enriched"
    }
    assert sorted(statuses.values()).count("new_version") == 2, statuses
