from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from wirestream.app.consumer import HoleCheckingConsumer
from wirestream.kafka_client import aiokafka_kwargs
from wirestream.settings import KafkaSettings, Settings, to_env


def test_env_overrides_and_nested_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRESTREAM_TOPICS__RAW", "in.raw")
    monkeypatch.setenv("WIRESTREAM_TOPICS__PARTITIONS", "8")
    monkeypatch.setenv("WIRESTREAM_KAFKA__SASL_PASSWORD", "hunter2")
    s = Settings()
    assert s.topics.raw == "in.raw" and s.topics.partitions == 8
    assert "hunter2" not in repr(s) and "hunter2" not in str(s.kafka)


def test_to_env_round_trips(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(app_id="x", topics={"raw": "r1", "partitions": 3}, kafka={"sasl_password": "pw"})
    for k, v in to_env(s).items():
        monkeypatch.setenv(k, v)
    again = Settings()
    assert again.app_id == "x" and again.topics.raw == "r1" and again.topics.partitions == 3
    assert again.kafka.sasl_password is not None and again.kafka.sasl_password.get_secret_value() == "pw"


def test_watchdog_settings_reach_a_child_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(watchdog={"stall_seconds": 42, "exit_on_stall": False})
    env = to_env(s)
    assert env["WIRESTREAM_WATCHDOG__STALL_SECONDS"] == "42.0"
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    again = Settings()
    assert again.watchdog.stall_seconds == 42 and again.watchdog.exit_on_stall is False


def test_hole_grace_reaches_a_child_workers_consumer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The skipped-input grace is 30 s unless set; a child worker's consumer judges holes with the given one."""
    assert Settings().hole_grace_seconds == 30.0
    env = to_env(Settings(hole_grace_seconds=4.5))
    assert env["WIRESTREAM_HOLE_GRACE_SECONDS"] == "4.5"
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    consumer_class = type("C", (HoleCheckingConsumer,), {"settings": Settings()})  # as create_app installs it
    assert object.__new__(consumer_class).grace_seconds == 4.5
    with pytest.raises(ValidationError):
        Settings(hole_grace_seconds=0)


def test_sasl_kwargs() -> None:
    k = KafkaSettings(security_protocol="SASL_PLAINTEXT", sasl_mechanism="SCRAM-SHA-512", sasl_username="u",
                      sasl_password=SecretStr("p"))  # fmt: skip
    kw = aiokafka_kwargs(k)
    assert kw["sasl_mechanism"] == "SCRAM-SHA-512" and kw["sasl_plain_password"] == "p"


def test_invalid_protocol_rejected() -> None:
    with pytest.raises(ValueError):
        KafkaSettings(security_protocol="CARRIER_PIGEON")
