"""Fetch, format, start, probe and stop the local KRaft broker. See the package docstring for why."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import DevKafkaSettings

if TYPE_CHECKING:
    from .security import SecureListener

_POM = Path(__file__).resolve().parents[3] / "deploy" / "kafka" / "pom.xml"
_MAIN_CLASS = "kafka.Kafka"
_STORAGE_TOOL = "kafka.tools.StorageTool"

_LOG4J = """\
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
"""


class DevKafkaError(RuntimeError):
    """The local broker could not be fetched, formatted, started or stopped; the message says why."""


@dataclass(frozen=True)
class BrokerState:
    """What ``start`` recorded about a running broker (``<home>/state.json``)."""

    pid: int
    port: int
    controller_port: int
    cluster_id: str
    version: str
    log_file: str
    sasl_port: int | None = None  # the extra SASL_SSL or SSL listener's port, when started with ``security``

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"


def free_port() -> int:
    """A port on 127.0.0.1 that is free now (the broker, workers and tests each take their own)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # Like the broker itself (SO_REUSEADDR): connections of a just-stopped broker in TIME_WAIT
        # must not make its port look taken, or a restart would move to another port.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still "exists"; treat it as dead.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _kafka_cluster_id() -> str:
    """A Kafka-style cluster id: 16 random bytes, URL-safe base64 without padding (22 chars).

    One starting with ``-`` would be read as an option by ``StorageTool format -t``; draw again.
    """
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):
            return cid


async def _metadata_ok(bootstrap: str, timeout: float) -> bool:
    from aiokafka.admin import AIOKafkaAdminClient

    # Connection refusals are expected while the broker boots; don't spam the console with them.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=int(timeout * 1000))
    try:
        await asyncio.wait_for(admin.start(), timeout)
        await asyncio.wait_for(admin.list_topics(), timeout)
        return True
    except Exception:
        return False
    finally:
        with contextlib.suppress(Exception):
            await admin.close()


def broker_answers(bootstrap: str, timeout: float = 3.0) -> bool:
    """True when the broker at ``bootstrap`` answers a metadata request within ``timeout``."""
    return asyncio.run(_metadata_ok(bootstrap, timeout))


class DevKafka:
    """One local broker rooted at ``settings.home``. Every method is idempotent."""

    def __init__(
        self, settings: DevKafkaSettings, *, root: Path | None = None, security: SecureListener | None = None
    ) -> None:
        base = root or Path.cwd()
        self.settings = settings
        self.security = security
        self.home = (base / settings.home).resolve()
        self.cache = (base / settings.cache).resolve()
        self.data_dir = self.home / "data"
        self.log_file = self.home / "broker.log"
        self.state_file = self.home / "state.json"
        self.config_file = self.home / "server.properties"

    # ------------------------------------------------------------------ jars

    @property
    def libs(self) -> Path:
        return self.cache / self.settings.version / "libs"

    def ensure_jars(self) -> Path:
        """Fetch the broker's jars once per version; later calls reuse the cache."""
        marker = self.libs / ".complete"
        if marker.exists():
            return self.libs
        if shutil.which("mvn") is None or shutil.which("java") is None:
            raise DevKafkaError("Java and Maven are required to fetch the Kafka broker (java, mvn)")
        tmp = self.libs.with_name("libs.partial")
        shutil.rmtree(tmp, ignore_errors=True)
        cmd = [
            "mvn", "-q", "-B", "-f", str(_POM), "dependency:copy-dependencies",
            f"-DoutputDirectory={tmp}", "-DincludeScope=runtime", f"-Dkafka.version={self.settings.version}",
        ]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not any(tmp.glob("kafka_2.13-*.jar")):
            raise DevKafkaError(f"fetching Kafka {self.settings.version} jars failed:\n{proc.stdout}{proc.stderr}")
        shutil.rmtree(self.libs, ignore_errors=True)
        tmp.rename(self.libs)
        marker.write_text(self.settings.version)
        return self.libs

    # ------------------------------------------------------------------ state

    def state(self) -> BrokerState | None:
        try:
            return BrokerState(**json.loads(self.state_file.read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def status(self) -> dict[str, object]:
        st = self.state()
        if st is None:
            return {"running": False}
        alive = _pid_alive(st.pid)
        return {
            "running": alive and broker_answers(st.bootstrap, timeout=2.0),
            "pid": st.pid,
            "bootstrap": st.bootstrap,
            "version": st.version,
            "log_file": st.log_file,
            "process_alive": alive,
        }

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no broker log)"

    # ------------------------------------------------------------------ start

    def _java(self) -> list[str]:
        heap = self.settings.heap
        return [
            "java", f"-Xmx{heap}", f"-Xms{heap}", "-XX:+UseG1GC", "-Djava.awt.headless=true",
            f"-Dlog4j.configuration=file:{self.home / 'log4j.properties'}", "-cp", f"{self.libs}/*",
        ]  # fmt: skip

    def _write_config(self, port: int, controller_port: int, sasl_port: int | None = None) -> None:
        props = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.voters": f"1@127.0.0.1:{controller_port}",
            "listeners": f"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{port}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs": str(self.data_dir),
            "num.partitions": "1",
            "auto.create.topics.enable": "false",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "10",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "transaction.state.log.num.partitions": "4",
            "default.replication.factor": "1",
            "min.insync.replicas": "1",
            "group.initial.rebalance.delay.ms": "0",
            "log.retention.hours": "168",
            "log.segment.bytes": str(64 * 1024 * 1024),
            "delete.topic.enable": "true",
        }
        if self.security is not None and sasl_port is not None:
            name = self.security.name
            props["listeners"] += f",{name}://127.0.0.1:{sasl_port}"
            props["advertised.listeners"] += f",{name}://127.0.0.1:{sasl_port}"
            props["listener.security.protocol.map"] += f",{name}:{name}"
            props.update(self.security.properties(sasl_port))
        self.config_file.touch(mode=0o600)  # may hold PLAIN passwords
        self.config_file.write_text("".join(f"{k}={v}\n" for k, v in props.items()))
        (self.home / "log4j.properties").write_text(_LOG4J)

    def _format(self, cluster_id: str) -> None:
        cmd = [*self._java(), _STORAGE_TOOL, "format", "-t", cluster_id, "-c", str(self.config_file)]
        if self.security is not None:
            cmd += self.security.format_args()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            out = f"{proc.stdout}{proc.stderr}"
            for u in self.security.users if self.security is not None else ():
                out = out.replace(u.password.get_secret_value(), "**********")
            raise DevKafkaError(f"formatting KRaft storage failed:\n{out}")

    def _existing_cluster_id(self) -> str | None:
        meta = self.data_dir / "meta.properties"
        try:
            for line in meta.read_text().splitlines():
                if line.startswith("cluster.id="):
                    return line.split("=", 1)[1].strip()
        except OSError:
            return None
        return None

    def start(self, *, fresh: bool = False, timeout: float = 90.0) -> BrokerState:
        """Start the broker (or return the running one) and wait until it answers metadata requests."""
        self.home.mkdir(parents=True, exist_ok=True)
        current = self.state()
        if current is not None and _pid_alive(current.pid):
            if not fresh and broker_answers(current.bootstrap, timeout=5.0):
                return current
            self.stop()
        self.ensure_jars()

        if fresh:
            shutil.rmtree(self.data_dir, ignore_errors=True)
        previous = current
        port = self.settings.port or (previous.port if previous and _port_is_free(previous.port) else 0)
        if self.settings.port and not _port_is_free(self.settings.port):
            raise DevKafkaError(f"port {self.settings.port} on 127.0.0.1 is taken by another process")
        port = port or free_port()
        cport = previous.controller_port if previous and _port_is_free(previous.controller_port) else 0
        cport = cport if cport and cport != port else free_port()
        while cport == port:
            cport = free_port()
        sport: int | None = None
        if self.security is not None:
            sport = previous.sasl_port if previous and previous.sasl_port and _port_is_free(previous.sasl_port) else 0
            while not sport or sport in (port, cport):
                sport = free_port()
        self._write_config(port, cport, sport)

        cluster_id = self._existing_cluster_id()
        if cluster_id is None:
            # No (or a half-written, stale) data dir: format it anew.
            shutil.rmtree(self.data_dir, ignore_errors=True)
            cluster_id = _kafka_cluster_id()
            self._format(cluster_id)

        log = self.log_file.open("ab")
        proc = subprocess.Popen(
            [*self._java(), _MAIN_CLASS, str(self.config_file)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=self.home,
        )
        log.close()
        state = BrokerState(
            pid=proc.pid, port=port, controller_port=cport, cluster_id=cluster_id,
            version=self.settings.version, log_file=str(self.log_file), sasl_port=sport,
        )  # fmt: skip
        self.state_file.write_text(json.dumps(asdict(state)))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise DevKafkaError(f"broker exited with code {proc.returncode}:\n{self.log_tail()}")
            if broker_answers(state.bootstrap, timeout=2.0):
                return state
            time.sleep(0.5)
        self.stop()
        raise DevKafkaError(f"broker did not answer within {timeout:.0f}s:\n{self.log_tail()}")

    # ------------------------------------------------------------------ stop

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the broker without cleaning up (fault-injection tests)."""
        st = self.state()
        if st is not None and _pid_alive(st.pid):
            os.kill(st.pid, sig)

    def stop(self, timeout: float = 30.0) -> bool:
        """SIGTERM, wait up to ``timeout``, then SIGKILL. Returns True if a broker was stopped."""
        st = self.state()
        if st is None or not _pid_alive(st.pid):
            return False
        os.kill(st.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _pid_alive(st.pid):
                break
            with contextlib.suppress(ChildProcessError):
                os.waitpid(st.pid, os.WNOHANG)
            time.sleep(0.2)
        else:
            os.kill(st.pid, signal.SIGKILL)
            time.sleep(0.5)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(st.pid, os.WNOHANG)
        return True
