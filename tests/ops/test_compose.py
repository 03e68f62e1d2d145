"""docker-compose.yml and deploy/Dockerfile: validated without a Docker engine.

``docker-compose config -q`` checks the file against the compose schema and resolves anchors and
variables; the other tests pin the properties the deployment relies on, which a schema cannot
know (broker settings matching the local broker, mounts matching the provisioning files, a
scalable worker).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from ._tools import COMPOSE_FILE, DEPLOY, REPO, require_tool


def _compose_config() -> dict[str, Any]:
    """The fully resolved compose model, as docker-compose itself interprets the file."""
    exe = require_tool("docker-compose")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}
    proc = subprocess.run(
        [exe, "-f", str(COMPOSE_FILE), "config"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    doc: dict[str, Any] = yaml.safe_load(proc.stdout)
    return doc


def test_compose_config_is_valid() -> None:
    exe = require_tool("docker-compose")
    proc = subprocess.run(
        [exe, "-f", str(COMPOSE_FILE), "config", "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, f"docker-compose config -q failed:\n{proc.stderr}"


def test_services_and_dependencies() -> None:
    services = _compose_config()["services"]
    assert set(services) == {"kafka", "topics-init", "worker", "prometheus", "grafana"}
    assert services["kafka"]["image"] == "apache/kafka:3.9.1"
    worker = services["worker"]
    assert worker["depends_on"]["topics-init"]["condition"] == "service_completed_successfully"
    assert worker["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert "container_name" not in worker and "ports" not in worker, "worker must be scalable"
    assert worker["environment"]["WIRESTREAM_KAFKA__BOOTSTRAP_SERVERS"] == "kafka:19092"
    assert worker["environment"]["WIRESTREAM_METRICS__HOST"] == "0.0.0.0"
    assert services["topics-init"]["command"] == ["topics", "create"]


def test_kafka_matches_local_broker_settings() -> None:
    env = _compose_config()["services"]["kafka"]["environment"]
    expected = {
        "KAFKA_PROCESS_ROLES": "broker,controller",
        "KAFKA_AUTO_CREATE_TOPICS_ENABLE": "false",
        "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": "1",
        "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR": "1",
        "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR": "1",
        "KAFKA_DEFAULT_REPLICATION_FACTOR": "1",
        "KAFKA_MIN_INSYNC_REPLICAS": "1",
    }
    assert {k: str(env.get(k)) for k in expected} == expected
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", str(env["CLUSTER_ID"])), "base64url UUID"


def test_mounts_match_provisioning_layout() -> None:
    services = _compose_config()["services"]

    def sources(svc: str) -> dict[str, str]:
        out = {}
        for v in services[svc]["volumes"]:
            src, dst = (v["source"], v["target"]) if isinstance(v, dict) else v.split(":")[:2]
            out[dst] = src
        return out

    prom = sources("prometheus")
    assert os.path.samefile(prom["/etc/prometheus"], DEPLOY / "prometheus")
    graf = sources("grafana")
    assert os.path.samefile(graf["/etc/grafana/provisioning"], DEPLOY / "grafana/provisioning")
    assert os.path.samefile(graf["/var/lib/grafana/dashboards"], DEPLOY / "grafana/dashboards")
    # scrape config discovers the compose service named "worker" on the metrics port
    scrape = yaml.safe_load((DEPLOY / "prometheus/prometheus.yml").read_text())
    job = next(j for j in scrape["scrape_configs"] if j["job_name"] == "wirestream")
    assert job["dns_sd_configs"][0]["names"] == ["worker"]
    assert job["dns_sd_configs"][0]["port"] == 9108


@pytest.mark.parametrize(
    "pattern",
    [
        r"^FROM \$\{PYTHON_IMAGE\} AS runtime$",
        r"^ARG PYTHON_IMAGE=python:3\.11-slim",
        r"^USER wirestream$",
        r"^HEALTHCHECK .*\n\s+CMD .*127\.0\.0\.1:%s/metrics",
        r"^ENTRYPOINT \[",
    ],
)
def test_dockerfile_essentials(pattern: str) -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert re.search(pattern, text, re.MULTILINE), pattern
    # the last USER instruction must be non-root
    users = re.findall(r"^USER (\S+)$", text, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}


def test_the_images_dictionary_warm_up_writes_the_cache_its_workers_read(tmp_path: Path) -> None:
    """The Dockerfile's ``RUN python -c ...`` (run here as written) leaves the blob a worker start reads."""
    text = (DEPLOY / "Dockerfile").read_text()
    env_dir = re.search(r"WIRESTREAM_TAGGER_CACHE_DIR=(\S+)", text)
    warm = re.search(r'^RUN python -c "([^"]+)"', text, re.MULTILINE)
    assert env_dir and warm, "the image no longer compiles the dictionary into its tagger cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRESTREAM_")}
    env["WIRESTREAM_TAGGER_CACHE_DIR"] = str(tmp_path)
    subprocess.run([sys.executable, "-c", warm.group(1)], cwd=tmp_path, env=env, check=True, timeout=600)
    (blob,) = tmp_path.glob("actors-lexicon-*.pickle")
    before = blob.stat().st_mtime_ns
    read = "from wirestream.settings import Settings; print(Settings().tagger_cache_path)"
    out = subprocess.run([sys.executable, "-c", read], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.stdout.strip() == str(tmp_path)  # what a worker of that image loads from
    load = "from wirestream.tagging import Tagger; from wirestream.settings import Settings; "
    load += "Tagger.load(Settings().tagger_cache_path)"
    subprocess.run([sys.executable, "-c", load], cwd=tmp_path, env=env, check=True, timeout=600)
    assert [p.name for p in tmp_path.iterdir()] == [blob.name]
    assert blob.stat().st_mtime_ns == before  # read, not rebuilt
