from __future__ import annotations

import socket

from click.testing import CliRunner

from wirestream.cli import main


def test_worker_fails_fast_with_the_cause_when_the_broker_is_unreachable() -> None:
    with socket.socket() as s:  # a port that is certainly closed: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        result = CliRunner().invoke(main, ["--bootstrap", f"127.0.0.1:{port}", "worker"])
    assert result.exit_code == 1
    assert f"127.0.0.1:{port}" in result.output and "refused" in result.output.lower()


def test_generated_cluster_ids_never_look_like_options() -> None:
    from wirestream.devkafka.broker import _kafka_cluster_id

    ids = {_kafka_cluster_id() for _ in range(3000)}
    assert all(len(i) == 22 and not i.startswith("-") for i in ids) and len(ids) == 3000
