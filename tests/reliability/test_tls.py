"""SSL only (mutual TLS, no SASL): the pipeline over an ``SSL://`` listener that requires a client
certificate, with the CA, client certificate and key and host-name verification configured from
settings; an untrusted CA, a wrong host name or a missing client certificate fails fast and clearly."""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

import pytest

from reliability.rel_support import own_broker_settings, produce, read_outcomes, tcp_forwarder, wait_settled
from wire_articles import BAD_INPUTS, story_bytes
from wirestream.devkafka import DevKafka
from wirestream.devkafka.security import SslListener, make_pki
from wirestream.kafka_client import KafkaConnectionCheckError, check_connection
from wirestream.routing import load_routing
from wirestream.settings import DevKafkaSettings, KafkaSettings, Settings
from wirestream.topics import create_topics, planned_topics

pytestmark = [pytest.mark.reliability, pytest.mark.kafka]
REPO = Path(__file__).resolve().parents[2]
FAIL_FAST = 20.0  # seconds: a bad certificate or host name must be reported within this


class TlsBroker:
    def __init__(self, root: Path) -> None:
        self.pki = make_pki(root / "pki")
        self.untrusted = make_pki(root / "untrusted", ca_name="untrusted-ca")
        self.listener = SslListener(self.pki)  # ssl.client.auth=required
        self.dk = DevKafka(
            DevKafkaSettings(home=root / "kafka", cache=REPO / ".cache" / "kafka"), security=self.listener
        )

    @property
    def port(self) -> int:
        st = self.dk.state()
        assert st is not None and st.sasl_port
        return st.sasl_port

    def kafka(self, *, ca: Path | None = None, client_cert: bool = True, host: str = "127.0.0.1") -> KafkaSettings:
        return KafkaSettings(
            bootstrap_servers=f"{host}:{self.port}", security_protocol="SSL", ssl_cafile=ca or self.pki.ca_cert,
            ssl_certfile=self.pki.client_cert if client_cert else None,
            ssl_keyfile=self.pki.client_key if client_cert else None, ssl_check_hostname=True,
        )  # fmt: skip


@pytest.fixture(scope="module")
def tls_broker(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tb = TlsBroker(tmp_path_factory.mktemp("tls"))
    tb.dk.start(fresh=True)
    yield tb
    tb.dk.stop()


def _settings(tb: TlsBroker, tmp_path: Path, kafka: KafkaSettings) -> Settings:
    return own_broker_settings("tls", tmp_path, kafka)


def test_broker_has_an_ssl_listener_requiring_client_certificates(tls_broker: TlsBroker) -> None:
    props = (tls_broker.dk.home / "server.properties").read_text()
    assert f"SSL://127.0.0.1:{tls_broker.port}" in props and "SASL" not in props
    for line in (
        "listener.name.ssl.ssl.client.auth=required",
        "listener.name.ssl.ssl.keystore.type=PEM",
        "listener.name.ssl.ssl.truststore.type=PEM",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL",
    ):
        assert line in props, line


def test_trusted_ca_and_client_certificate_connect(tls_broker: TlsBroker) -> None:
    asyncio.run(check_connection(tls_broker.kafka(), timeout=FAIL_FAST))
    asyncio.run(check_connection(tls_broker.kafka(host="localhost"), timeout=FAIL_FAST))  # DNS SAN


def test_untrusted_ca_fails_fast_and_clearly(tls_broker: TlsBroker) -> None:
    t = time.monotonic()
    with pytest.raises(KafkaConnectionCheckError, match="certificate verify failed"):
        asyncio.run(check_connection(tls_broker.kafka(ca=tls_broker.untrusted.ca_cert), timeout=FAIL_FAST))
    assert time.monotonic() - t < FAIL_FAST


def test_wrong_host_name_fails_fast_and_clearly(tls_broker: TlsBroker) -> None:
    """The broker certificate names 127.0.0.1 and localhost; the same broker reached as 127.0.0.2 is refused."""
    k = tls_broker.kafka()

    async def via(check_hostname: bool) -> None:
        async with tcp_forwarder("127.0.0.2", tls_broker.port) as fwd:
            other = k.model_copy(update={"bootstrap_servers": f"127.0.0.2:{fwd}", "ssl_check_hostname": check_hostname})
            await check_connection(other, timeout=FAIL_FAST)

    t = time.monotonic()
    with pytest.raises(KafkaConnectionCheckError, match="mismatch"):
        asyncio.run(via(check_hostname=True))
    assert time.monotonic() - t < FAIL_FAST
    asyncio.run(via(check_hostname=False))  # same peer, verification off: connects, so the name was the cause


def test_missing_client_certificate_is_refused(tls_broker: TlsBroker) -> None:
    t = time.monotonic()
    with pytest.raises(KafkaConnectionCheckError, match="may require a client certificate") as err:
        asyncio.run(check_connection(tls_broker.kafka(client_cert=False), timeout=FAIL_FAST))
    assert time.monotonic() - t < FAIL_FAST
    print(f"\nRELIABILITY tls: no client certificate -> {err.value}")


def test_pipeline_over_ssl_only(tls_broker: TlsBroker, workers, tmp_path: Path) -> None:
    s = _settings(tls_broker, tmp_path, tls_broker.kafka())
    asyncio.run(create_topics(s, planned_topics(s, load_routing(s.routing_file))))
    values = [story_bytes(i) for i in range(20)] + [story_bytes(0), *list(BAD_INPUTS.values())[:3]]
    t0 = time.monotonic()
    workers.start(s)
    asyncio.run(produce(s, values))
    report = wait_settled(s, len(values), workers, timeout=240)
    summary = report.summary()
    assert report.exact, summary
    assert (summary["enriched"], summary["duplicate"], summary["deadletter"]) == (20, 1, 3), summary
    assert not read_outcomes(s).inconsistent_repeats()
    workers.stop_all()
    log = workers.logs[0].read_text(errors="replace")
    assert "Worker]: Ready" in log, "the worker never got ready over SSL"
    print(f"\nRELIABILITY tls: pipeline over SSL (mutual TLS) {time.monotonic() - t0:.0f}s {summary}")


def test_worker_with_untrusted_ca_exits_with_the_reason(tls_broker: TlsBroker, workers, tmp_path: Path) -> None:
    s = _settings(tls_broker, tmp_path, tls_broker.kafka(ca=tls_broker.untrusted.ca_cert))
    t = time.monotonic()
    proc = workers.start(s, "worker-untrusted")
    proc._ws_expected_exit = True  # type: ignore[attr-defined]
    try:
        code = proc.wait(180)  # type: ignore[attr-defined]
    except subprocess.TimeoutExpired:
        pytest.fail("worker with an untrusted CA still running after 180 s (a hang, not a failure)")
    log = workers.logs[-1].read_text(errors="replace")
    assert code != 0 and "CERTIFICATE_VERIFY_FAILED" in log, log[-3000:]
    print(f"\nRELIABILITY tls: worker with an untrusted CA exited with {code} after {time.monotonic() - t:.0f}s")
