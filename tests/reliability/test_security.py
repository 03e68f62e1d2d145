"""SASL_SSL end to end: a throwaway CA, a broker with SCRAM-SHA-256/512 and PLAIN users, the pipeline
over it, secrets that never leak, and clear, fast failures for a wrong password or an untrusted CA."""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from pydantic import SecretStr

from reliability.rel_support import own_broker_settings, produce, tcp_forwarder, wait_settled
from wire_articles import BAD_INPUTS, story_bytes
from wirestream.audit import read_topic
from wirestream.devkafka import DevKafka
from wirestream.devkafka.security import Pki, SaslSslListener, SaslUser, make_pki
from wirestream.kafka_client import KafkaConnectionCheckError, aiokafka_kwargs, check_connection
from wirestream.routing import load_routing
from wirestream.settings import DevKafkaSettings, KafkaSettings, Settings, to_env
from wirestream.topics import create_topics, planned_topics

pytestmark = [pytest.mark.reliability, pytest.mark.kafka]
REPO = Path(__file__).resolve().parents[2]
FAIL_FAST = 20.0  # seconds: a bad credential or certificate must be reported within this


class SecureBroker:
    def __init__(self, root: Path) -> None:
        self.password = "pw-" + secrets.token_hex(12)  # unique: any occurrence anywhere is a leak
        self.pki = make_pki(root / "pki")
        self.untrusted = make_pki(root / "untrusted", ca_name="untrusted-ca")
        self.listener = SaslSslListener(self.pki, users=[SaslUser("ingest", SecretStr(self.password))])
        self.dk = DevKafka(
            DevKafkaSettings(home=root / "kafka", cache=REPO / ".cache" / "kafka"), security=self.listener
        )

    def kafka(
        self, mechanism: str = "SCRAM-SHA-512", password: str | None = None, pki: Pki | None = None
    ) -> KafkaSettings:
        st = self.dk.state()
        assert st is not None and st.sasl_port
        ca = (pki or self.pki).ca_cert
        return KafkaSettings(
            bootstrap_servers=f"127.0.0.1:{st.sasl_port}", security_protocol="SASL_SSL", sasl_mechanism=mechanism,
            sasl_username="ingest", sasl_password=SecretStr(password or self.password), ssl_cafile=ca,
            ssl_certfile=self.pki.client_cert, ssl_keyfile=self.pki.client_key, ssl_check_hostname=True,
        )  # fmt: skip


@pytest.fixture(scope="module")
def secure_broker(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    sb = SecureBroker(tmp_path_factory.mktemp("secure"))
    sb.dk.start(fresh=True)
    yield sb
    sb.dk.stop()


def _settings(sb: SecureBroker, tmp_path: Path, **kafka: object) -> Settings:
    return own_broker_settings("sec", tmp_path, sb.kafka(**kafka))  # type: ignore[arg-type]


def test_broker_config_is_sasl_ssl_with_pem_stores(secure_broker: SecureBroker) -> None:
    props = (secure_broker.dk.home / "server.properties").read_text()
    st = secure_broker.dk.state()
    assert st is not None
    assert f"SASL_SSL://127.0.0.1:{st.sasl_port}" in props
    for line in (
        "sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN",
        "listener.name.sasl_ssl.ssl.keystore.type=PEM",
        "listener.name.sasl_ssl.ssl.truststore.type=PEM",
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule",
    ):
        assert line in props
    assert oct((secure_broker.dk.home / "server.properties").stat().st_mode & 0o777) == "0o600"
    assert secure_broker.password not in repr(secure_broker.listener)


@pytest.mark.parametrize("mechanism", ["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"])
def test_every_mechanism_connects(secure_broker: SecureBroker, mechanism: str) -> None:
    asyncio.run(check_connection(secure_broker.kafka(mechanism), timeout=FAIL_FAST))


@pytest.mark.parametrize("mechanism", ["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"])
def test_wrong_password_fails_fast_and_clearly(secure_broker: SecureBroker, mechanism: str) -> None:
    bad = "wrong-" + secrets.token_hex(8)
    k = secure_broker.kafka(mechanism, password=bad)
    t = time.monotonic()
    with pytest.raises(KafkaConnectionCheckError) as err:
        asyncio.run(check_connection(k, timeout=FAIL_FAST))
    assert time.monotonic() - t < FAIL_FAST
    msg = str(err.value)
    assert ("SaslAuthenticationFailed" in msg and mechanism in msg) or "Invalid username or password" in msg, msg
    assert bad not in msg and secure_broker.password not in msg

    async def producer_start() -> None:
        p = AIOKafkaProducer(**aiokafka_kwargs(k))
        try:
            await asyncio.wait_for(p.start(), FAIL_FAST)
        finally:
            await p.stop()

    with pytest.raises(Exception) as perr:  # aiokafka itself: fails (not hangs), but says only "Unable to bootstrap"
        asyncio.run(producer_start())
    assert not isinstance(perr.value, TimeoutError), "a wrong password must not hang the client"


def test_untrusted_certificate_fails_fast_and_clearly(secure_broker: SecureBroker) -> None:
    k = secure_broker.kafka(pki=secure_broker.untrusted)
    t = time.monotonic()
    with pytest.raises(KafkaConnectionCheckError, match="certificate verify failed"):
        asyncio.run(check_connection(k, timeout=FAIL_FAST))
    assert time.monotonic() - t < FAIL_FAST


def test_hostname_is_verified(secure_broker: SecureBroker) -> None:
    """The broker certificate names 127.0.0.1 and localhost; reached as 127.0.0.2 it must be refused.

    A TCP forwarder on 127.0.0.2 relays to the broker, so only the name differs, not the peer.
    """
    k = secure_broker.kafka()
    port = int(k.bootstrap_servers.rsplit(":", 1)[1])
    asyncio.run(check_connection(k.model_copy(update={"bootstrap_servers": f"localhost:{port}"})))

    async def via_other_name(check_hostname: bool) -> None:
        async with tcp_forwarder("127.0.0.2", port) as fwd:
            other = k.model_copy(update={"bootstrap_servers": f"127.0.0.2:{fwd}", "ssl_check_hostname": check_hostname})
            await check_connection(other, timeout=FAIL_FAST)

    with pytest.raises(KafkaConnectionCheckError, match="mismatch"):
        asyncio.run(via_other_name(check_hostname=True))
    asyncio.run(via_other_name(check_hostname=False))  # same peer, verification off: connects


def test_pipeline_over_sasl_ssl_and_secrets_never_leak(secure_broker: SecureBroker, workers, tmp_path: Path) -> None:
    sb = secure_broker
    s = _settings(sb, tmp_path)
    asyncio.run(create_topics(s, planned_topics(s, load_routing(s.routing_file))))
    values = [story_bytes(i) for i in range(30)] + [story_bytes(0), *BAD_INPUTS.values()]
    t0 = time.monotonic()
    workers.start(s)
    asyncio.run(produce(s, values))
    report = wait_settled(s, len(values), workers, timeout=240)
    assert report.exact, report.summary()
    assert report.summary()["deadletter"] == len(BAD_INPUTS) and report.summary()["duplicate"] == 1

    pw = sb.password.encode()
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{s.metrics.port}/metrics", timeout=10).read()
    assert b"wirestream" in metrics and pw not in metrics
    t = s.topics
    for topic in (t.raw, t.enriched, t.duplicates, t.deadletter):
        for rec in asyncio.run(read_topic(s, topic)):
            blob = (rec.value or b"") + (rec.key or b"") + b"".join(k.encode() + v for k, v in rec.headers or ())
            assert pw not in blob, f"password in a record of {topic}"
    assert (
        sb.password not in repr(s) and sb.password not in str(s.model_dump()) and sb.password not in s.model_dump_json()
    )

    env = {**os.environ, **to_env(s)}
    assert env["WIRESTREAM_KAFKA__SASL_PASSWORD"] == sb.password  # the child gets it through its environment
    for args in (["--help"], ["worker", "--help"], ["audit", "--help"], ["publish", "--help"]):
        out = subprocess.run([sys.executable, "-m", "wirestream.cli", *args], env=env, capture_output=True,
                             text=True, timeout=120)  # fmt: skip
        assert sb.password not in out.stdout + out.stderr, f"password in `wirestream {' '.join(args)}`"
    workers.stop_all()
    logs = "".join(p.read_text(errors="replace") for p in workers.logs)
    assert "Worker]: Ready" in logs, "the worker never got ready over SASL_SSL"
    assert sb.password not in logs, "password in the worker log"
    assert sb.password not in sb.dk.log_tail(100_000), "password in the broker log"
    print(
        f"\nRELIABILITY security: pipeline over SASL_SSL/SCRAM-SHA-512 {time.monotonic() - t0:.0f}s {report.summary()}"
    )


def test_worker_with_bad_credentials_exits_with_the_reason(
    secure_broker: SecureBroker, workers, tmp_path: Path
) -> None:
    """A wrong password and an untrusted CA (two workers, started together): each exits non-zero, with
    the cause in its log and no secret anywhere in it, instead of hanging."""
    sb = secure_broker
    bad = "wrong-" + secrets.token_hex(8)
    faults = {
        "wrong_password": ({"password": bad}, "SaslAuthenticationFailed"),
        "untrusted_ca": ({"pki": sb.untrusted}, "CERTIFICATE_VERIFY_FAILED"),
    }
    t = time.monotonic()
    procs = {}
    for fault, (kw, _) in faults.items():
        s = _settings(sb, tmp_path / fault, **kw)
        procs[fault] = (workers.start(s, f"worker-{fault}"), workers.logs[-1])
        procs[fault][0]._ws_expected_exit = True  # type: ignore[attr-defined]
    for fault, (proc, log_path) in procs.items():
        try:
            code = proc.wait(max(1.0, 180 - (time.monotonic() - t)))  # type: ignore[attr-defined]
        except subprocess.TimeoutExpired:
            pytest.fail(f"worker with a {fault} still running after 180 s (a hang, not a failure)")
        elapsed = time.monotonic() - t
        log = log_path.read_text(errors="replace")
        assert code != 0, fault
        assert faults[fault][1] in log, log[-3000:]
        assert bad not in log and sb.password not in log
        print(f"\nRELIABILITY security: worker with {fault} exited with {code} after {elapsed:.0f}s (incl. start-up)")


def test_client_options_for_every_protocol(tmp_path: Path) -> None:
    """PLAINTEXT, SSL (CA, client cert/key, hostname check) and SASL_SSL map to aiokafka and Faust options."""
    import faust

    from wirestream.kafka_client import faust_credentials

    pki = make_pki(tmp_path / "pki")
    plain = KafkaSettings()
    assert aiokafka_kwargs(plain) == {"bootstrap_servers": "127.0.0.1:9092", "security_protocol": "PLAINTEXT"}
    assert faust_credentials(plain) is None

    tls = KafkaSettings(security_protocol="SSL", ssl_cafile=pki.ca_cert, ssl_certfile=pki.client_cert,
                        ssl_keyfile=pki.client_key)  # fmt: skip
    kw = aiokafka_kwargs(tls)
    assert kw["security_protocol"] == "SSL" and kw["ssl_context"].check_hostname
    assert "sasl_mechanism" not in kw
    creds = faust_credentials(tls)
    assert isinstance(creds, faust.SSLCredentials)
    assert not aiokafka_kwargs(tls.model_copy(update={"ssl_check_hostname": False}))["ssl_context"].check_hostname

    pw = "pw-" + secrets.token_hex(8)
    for mech in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"):
        k = KafkaSettings(security_protocol="SASL_SSL", sasl_mechanism=mech, sasl_username="u",
                          sasl_password=SecretStr(pw), ssl_cafile=pki.ca_cert)  # fmt: skip
        kw = aiokafka_kwargs(k)
        assert (kw["security_protocol"], kw["sasl_mechanism"], kw["sasl_plain_password"]) == ("SASL_SSL", mech, pw)
        fc = faust_credentials(k)
        assert isinstance(fc, faust.SASLCredentials)
        assert (fc.protocol.value, fc.mechanism.value) == ("SASL_SSL", mech)
        for text in (repr(k), str(k), k.model_dump_json(), repr(fc)):
            assert pw not in text
