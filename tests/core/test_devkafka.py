"""The local broker script: idempotent start, restart keeps data, stale state and taken ports handled."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from wirestream.devkafka import DevKafka, DevKafkaError
from wirestream.devkafka.broker import broker_answers
from wirestream.settings import DevKafkaSettings

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.kafka


def _dk(tmp_path: Path, **kw: object) -> DevKafka:
    return DevKafka(DevKafkaSettings(home=tmp_path / "k", cache=REPO / ".cache" / "kafka", **kw))


async def _roundtrip(bootstrap: str, topic: str, value: bytes | None) -> list[bytes]:
    from aiokafka.admin import AIOKafkaAdminClient, NewTopic

    if value is not None:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        await admin.create_topics([NewTopic(topic, 1, 1)])
        await admin.close()
        prod = AIOKafkaProducer(bootstrap_servers=bootstrap)
        await prod.start()
        await prod.send_and_wait(topic, value)
        await prod.stop()
    cons = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await cons.start()
    try:
        batch = await cons.getmany(timeout_ms=5000)
        return [r.value for rs in batch.values() for r in rs]
    finally:
        await cons.stop()


def test_start_is_idempotent_restart_keeps_data_and_stop_is_clean(tmp_path: Path) -> None:
    dk = _dk(tmp_path)
    st = dk.start(fresh=True)
    try:
        assert broker_answers(st.bootstrap)
        assert dk.start().pid == st.pid, "a second start must reuse the running broker"
        props = (dk.home / "server.properties").read_text()
        for line in (
            "auto.create.topics.enable=false",
            "transaction.state.log.min.isr=1",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
        ):
            assert line in props
        assert asyncio.run(_roundtrip(st.bootstrap, "keep", b"hello")) == [b"hello"]
        assert dk.stop() is True
        assert not dk.status()["running"]
        st2 = dk.start()
        assert st2.cluster_id == st.cluster_id, "restart must reuse the formatted storage"
        assert asyncio.run(_roundtrip(st2.bootstrap, "keep", None)) == [b"hello"]
    finally:
        dk.stop()
    assert dk.stop() is False


def test_stale_pid_file_and_sigkilled_broker_recover(tmp_path: Path) -> None:
    dk = _dk(tmp_path)
    st = dk.start(fresh=True)
    try:
        os.kill(st.pid, signal.SIGKILL)
        st2 = dk.start()
        assert st2.pid != st.pid
        assert broker_answers(st2.bootstrap)
    finally:
        dk.stop()
    # A state file pointing at a dead pid is ignored.
    state = json.loads(dk.state_file.read_text())
    state["pid"] = 999_999
    dk.state_file.write_text(json.dumps(state))
    assert dk.status()["running"] is False and dk.status()["process_alive"] is False
    assert dk.stop() is False


def test_taken_configured_port_fails_clearly(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        dk = _dk(tmp_path, port=port)
        with pytest.raises(DevKafkaError, match="taken"):
            dk.start(fresh=True)
