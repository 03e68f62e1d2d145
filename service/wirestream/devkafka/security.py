"""SASL_SSL and SSL listeners for the local broker: throwaway PKI, SCRAM/PLAIN users, broker properties.

Used by the security tests and by anyone who wants to try wirestream against an authenticated,
encrypted broker locally::

    pki = make_pki(tmp / "pki")                                   # CA + broker cert (+ client cert)
    sec = SaslSslListener(pki, users=[SaslUser("ingest", SecretStr("s3cret"))])
    dk = DevKafka(DevKafkaSettings(home=tmp / "k"), security=sec)
    st = dk.start(fresh=True)                                     # st.sasl_port is the SASL_SSL port

For mutual TLS without SASL, ``SslListener(pki)`` adds ``SSL://127.0.0.1:<port>`` instead: the client
is authenticated by its certificate (``ssl.client.auth=required`` by default).

The broker keeps its PLAINTEXT listener (inter-broker traffic, the readiness probe, the tests'
admin calls) and adds ``SASL_SSL://127.0.0.1:<port>``. Key and certificates are PEM files
(``ssl.keystore.type=PEM``), made with the ``openssl`` command-line tool, so no JKS tooling or
extra Python dependency is needed. SCRAM credentials are written into the metadata log when the
storage is formatted (``kafka-storage format --add-scram``), which is the only way to create them on
a KRaft cluster before it is running. PLAIN users live in the listener's JAAS config.

Passwords are ``SecretStr``: ``repr``/``str`` of every object here hides them; they are revealed only
into ``server.properties`` (mode 0600) and the ``kafka-storage format`` argument list.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from pydantic import SecretStr

SCRAM_MECHANISMS = ("SCRAM-SHA-256", "SCRAM-SHA-512")
MECHANISMS = (*SCRAM_MECHANISMS, "PLAIN")


class PkiError(RuntimeError):
    """openssl failed while making the throwaway PKI; the message has its output."""


@dataclass(frozen=True)
class Pki:
    """PEM files of a throwaway CA, a broker certificate signed by it and a client certificate."""

    directory: Path
    ca_cert: Path
    ca_key: Path
    broker_cert: Path
    broker_key: Path
    broker_keystore: Path  # broker key + certificate chain in one PEM file (ssl.keystore.location)
    client_cert: Path
    client_key: Path


def _openssl(*args: str, cwd: Path) -> None:
    exe = shutil.which("openssl")
    if exe is None:
        raise PkiError("the openssl command-line tool is required to make test certificates")
    proc = subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise PkiError(f"openssl {' '.join(args[:2])} failed:\n{proc.stdout}{proc.stderr}")


def _ca(directory: Path, name: str, days: int) -> tuple[Path, Path]:
    key, cert = directory / f"{name}.key", directory / f"{name}.pem"
    _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.name, cwd=directory)
    _openssl(
        "req", "-x509", "-new", "-key", key.name, "-sha256", "-days", str(days), "-subj", f"/CN={name}",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-out", cert.name, cwd=directory,
    )  # fmt: skip
    return cert, key


def _leaf(
    directory: Path, name: str, ca: tuple[Path, Path], sans: list[str], usage: str, days: int
) -> tuple[Path, Path]:
    key, csr, cert = directory / f"{name}.key", directory / f"{name}.csr", directory / f"{name}.pem"
    ext = directory / f"{name}.ext"
    ext_lines = ["basicConstraints=CA:FALSE", f"extendedKeyUsage={usage}"]
    if sans:
        ext_lines.append("subjectAltName=" + ",".join(sans))
    ext.write_text("\n".join(ext_lines) + "\n")
    # PKCS#8, unencrypted: what Kafka's PEM keystore reads without ssl.key.password.
    _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.name, cwd=directory)
    _openssl("req", "-new", "-key", key.name, "-subj", f"/CN={name}", "-out", csr.name, cwd=directory)
    _openssl(
        "x509", "-req", "-in", csr.name, "-CA", str(ca[0]), "-CAkey", str(ca[1]), "-CAcreateserial",
        "-days", str(days), "-sha256", "-extfile", ext.name, "-out", cert.name, cwd=directory,
    )  # fmt: skip
    for p in (key, ca[1]):
        p.chmod(0o600)
    return cert, key


def make_pki(
    directory: Path,
    *,
    ca_name: str = "wirestream-test-ca",
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost"),
    days: int = 2,
) -> Pki:
    """A CA, a broker certificate for ``hosts`` (IP and DNS subjectAltNames) and a client certificate."""
    directory.mkdir(parents=True, exist_ok=True)
    ca = _ca(directory, ca_name, days)
    sans = [(f"IP:{h}" if h.replace(".", "").isdigit() or ":" in h else f"DNS:{h}") for h in hosts]
    broker = _leaf(directory, "broker", ca, sans, "serverAuth", days)
    client = _leaf(directory, "client", ca, [], "clientAuth", days)
    keystore = directory / "broker-keystore.pem"
    keystore.write_text(broker[1].read_text() + broker[0].read_text() + ca[0].read_text())
    keystore.chmod(0o600)
    return Pki(directory, ca[0], ca[1], broker[0], broker[1], keystore, client[0], client[1])


def _tls_properties(prefix: str, pki: Pki, require_client_cert: bool) -> dict[str, str]:
    """The TLS half of a listener: PEM key store (key + chain) and trust store (the CA)."""
    return {
        f"{prefix}ssl.keystore.type": "PEM",
        f"{prefix}ssl.keystore.location": str(pki.broker_keystore),
        f"{prefix}ssl.truststore.type": "PEM",
        f"{prefix}ssl.truststore.location": str(pki.ca_cert),
        f"{prefix}ssl.client.auth": "required" if require_client_cert else "requested",
        f"{prefix}ssl.endpoint.identification.algorithm": "https",
    }


@dataclass(frozen=True)
class SaslUser:
    """A broker user. SCRAM users are created at format time; PLAIN users in the JAAS config."""

    name: str
    password: SecretStr
    mechanisms: tuple[str, ...] = MECHANISMS

    def __post_init__(self) -> None:
        bad = set(self.mechanisms) - set(MECHANISMS)
        if bad:
            raise ValueError(f"unsupported SASL mechanisms {sorted(bad)}; use {MECHANISMS}")
        for ch in ',[]="\\ ;':
            if ch in self.name or ch in self.password.get_secret_value():
                raise ValueError(f"SASL user names and passwords may not contain {ch!r} (config syntax)")


@dataclass(frozen=True)
class SaslSslListener:
    """Broker-side configuration of a ``SASL_SSL://127.0.0.1:<port>`` listener."""

    pki: Pki
    users: list[SaslUser] = field(default_factory=list)
    mechanisms: tuple[str, ...] = MECHANISMS
    require_client_cert: bool = False

    name = "SASL_SSL"

    def properties(self, port: int) -> dict[str, str]:
        """Properties to merge into ``server.properties`` (listener list entries are added by DevKafka)."""
        prefix = f"listener.name.{self.name.lower()}."
        props = {
            "sasl.enabled.mechanisms": ",".join(self.mechanisms),
            **_tls_properties(prefix, self.pki, self.require_client_cert),
        }
        for mech in self.mechanisms:
            if mech in SCRAM_MECHANISMS:
                jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required;"
            else:
                plain = " ".join(
                    f'user_{u.name}="{u.password.get_secret_value()}"' for u in self.users if "PLAIN" in u.mechanisms
                )
                jaas = f"org.apache.kafka.common.security.plain.PlainLoginModule required {plain};"
            props[f"{prefix}{mech.lower()}.sasl.jaas.config"] = jaas
        return props

    def format_args(self) -> list[str]:
        """``kafka-storage format`` arguments that create the SCRAM credentials in the metadata log."""
        args: list[str] = []
        for u in self.users:
            for mech in u.mechanisms:
                if mech in SCRAM_MECHANISMS and mech in self.mechanisms:
                    args += ["--add-scram", f"{mech}=[name={u.name},password={u.password.get_secret_value()}]"]
        return args


@dataclass(frozen=True)
class SslListener:
    """Broker-side configuration of an ``SSL://127.0.0.1:<port>`` listener: TLS only, no SASL.

    Mutual TLS by default: a client without a certificate signed by the CA is refused during the
    handshake, so the certificate is the credential. No users, so nothing to add at format time.
    """

    pki: Pki
    require_client_cert: bool = True

    name = "SSL"
    users: ClassVar[tuple[SaslUser, ...]] = ()  # certificates, not users, authenticate

    def properties(self, port: int) -> dict[str, str]:
        """Properties to merge into ``server.properties`` (listener list entries are added by DevKafka)."""
        return _tls_properties(f"listener.name.{self.name.lower()}.", self.pki, self.require_client_cert)

    def format_args(self) -> list[str]:
        return []


#: What ``DevKafka(security=...)`` accepts: the extra listener's name, properties, users and format arguments.
SecureListener = SaslSslListener | SslListener
