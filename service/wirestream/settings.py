"""All of wirestream's settings, in one place.

Read from ``WIRESTREAM_*`` environment variables (nested groups use ``__``, e.g.
``WIRESTREAM_TOPICS__RAW``) and an optional ``.env`` file. Stages receive the sub-settings they need
as arguments; nothing reads the environment at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class TopicSettings(BaseModel):
    """Topic names and partition counts. Topics are pre-created (``wirestream topics create``)."""

    raw: str = "wire.raw"
    normalised: str = "wire.normalised"
    deduplicated: str = "wire.deduplicated"
    enriched: str = "wire.enriched"
    duplicates: str = "wire.duplicates"
    deadletter: str = "wire.deadletter"
    events_prefix: str = "wire.events."
    partitions: int = Field(4, ge=1, description="Partitions of raw/internal/output topics")
    max_message_bytes: int = Field(
        24 * 1024 * 1024,
        ge=1024 * 1024,
        description=(
            "Largest record on any wirestream topic (topic max.message.bytes, producer request size, consumer"
            " fetch size). The internal envelope carries the article and the original bytes, ~4x the input, so"
            " keep this above 4 x normalise.max_bytes"
        ),
    )
    replication_factor: int = Field(1, ge=1)


class KafkaSettings(BaseModel):
    """How to reach the brokers. Secrets are SecretStr: never logged, never in metrics or headers."""

    bootstrap_servers: str = "127.0.0.1:9092"
    security_protocol: str = Field("PLAINTEXT", pattern="^(PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL)$")
    sasl_mechanism: str | None = Field(None, pattern="^(PLAIN|SCRAM-SHA-256|SCRAM-SHA-512)$")
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None
    ssl_check_hostname: bool = True


class DevKafkaSettings(BaseModel):
    """The local KRaft broker that ``wirestream kafka start`` runs from Maven Central jars."""

    version: str = "3.9.1"
    home: Path = Path(".wirestream/kafka")
    cache: Path = Path(".cache/kafka")
    port: int | None = Field(None, description="Broker port; None picks a free one")
    heap: str = "512m"


class NormaliseSettings(BaseModel):
    max_bytes: int = Field(5_000_000, description="Inputs larger than this are dead-lettered")
    max_headline_chars: int = 1_000
    source_timezone: str = Field("UTC", description="Timezone for naive timestamps")
    min_year: int = 1990
    max_future_days: int = Field(366, description="Dates further ahead than this are rejected")
    forced_format: str | None = Field(None, description="Skip auto-detection: ninjs|newsml|json|text|html")


class DedupeSettings(BaseModel):
    retention_days: float = 7.0
    near_threshold: float = Field(0.7, description="Similarity at/above which copies are near-duplicates")
    shingle_size: int = 5
    simhash_max_distance: int = 3
    candidate_keys: int = Field(4, ge=1, le=16, description="Bottom-m shingle hashes indexed per article")
    min_shingles: int = Field(8, ge=1, description="Bodies with fewer shingles get exact dedupe only")
    max_bucket: int = Field(200, ge=1, description="Candidate keys shared by more articles are ignored")
    near_min_jaccard: float = Field(0.3, ge=0.0, le=1.0, description="Near-dups also need this Jaccard")


class MetricsSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 9108
    enabled: bool = True


class WatchdogSettings(BaseModel):
    """``WIRESTREAM_WATCHDOG__*``: the stall watchdog (``app/watchdog.py``, docs/reliability.md).

    Part of :class:`Settings` so ``to_env`` hands it to child workers like every other setting."""

    enabled: bool = True
    interval_seconds: float = Field(10.0, gt=0, description="How often partitions are checked")
    stall_seconds: float = Field(
        180.0, gt=0, description="No commit for this long with lag > 0 is a stall (and the grace after a nudge)"
    )
    rebalance_seconds: float = Field(
        900.0, gt=0, description="The same while rebalancing / restoring tables, from the rebalance's start"
    )
    exit_on_stall: bool = Field(True, description="Exit with EXIT_STALLED if a nudge did not help")


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/wirestream`` (``~/.cache/wirestream``): per user, outside the checkout."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wirestream"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="WIRESTREAM_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    app_id: str = "wirestream"
    worker_id: str = Field("worker-1", description="Label on metrics and dead letters")
    data_dir: Path = Path(".wirestream/data")
    web_port: int = Field(6066, description="Faust's own web server port")
    processing_guarantee: str = Field(
        "at_least_once",
        pattern="^(at_least_once|exactly_once)$",
        description=(
            "Faust's guarantee. exactly_once makes offsets and table changelogs transactional, not the outputs:"
            " the shell sends those outside the transactions (docs/reliability.md, 'Why not exactly_once')"
        ),
    )
    routing_file: Path | None = Field(None, description="Routing table YAML; None = the packaged one")
    producer_linger_ms: int = Field(
        5, ge=0, description="Batch produce: wait up to this for a batch (paid once per hop at low rates)"
    )  # Kafka 4.0's default too (KIP-1030). vs 1 ms: ~8% less worker CPU per article, fewer backlogs at 200/s,
    # ~+10 ms p50 at 80/s over the three hops (bench/README.md, session 5); raise it for archive replays
    producer_compression: str | None = Field(
        "zstd", pattern="^(none|gzip|snappy|lz4|zstd)$", description="'none' (or unset) sends uncompressed"
    )  # zstd (level 3): aiokafka compresses lz4 at level 9 (HC), ~6x the CPU for a worse ratio (bench/README.md)
    producer_max_batch_size: int = Field(
        524_288, ge=16_384, description="Producer batch bytes: an enriched record is ~10x its article"
    )  # Faust's 16 KB default is below one enriched record; stay under the broker's 1 MiB message.max.bytes
    commit_every: int = Field(1000, ge=1, description="Commit offsets after this many events")
    commit_interval_seconds: float = Field(1.0, gt=0)
    embargo_tick_seconds: float = Field(5.0, gt=0, description="How often held embargoes are checked")
    lag_interval_seconds: float = Field(5.0, gt=0, description="How often consumer lag is computed")
    hole_grace_seconds: float = Field(
        30.0,
        gt=0,
        description=(
            "An offset holding a record that is still not processed this long after later offsets were is a"
            " skipped input: the worker exits 75 instead of committing past it (app/consumer.py)"
        ),
    )  # A record Faust delivered again after a seek is acked within seconds; a shorter grace turns those into
    # needless restarts (docs/reliability.md, run 18). Tests that wait for the exit set a few seconds.
    malloc_tune: bool = Field(
        True, description="Worker: fixed glibc mmap/trim thresholds (HTML parsing 20-35 % faster; runtime.py)"
    )
    tagger_cache: bool = Field(
        True, description="Keep compiled dictionaries on disk in tagger_cache_dir: a worker start skips the compile"
    )  # ≈ 5 CPU-s less per worker start (restart, rebalance, replay, cold start): tagging/blobcache.py
    tagger_cache_dir: Path = Field(
        default_factory=default_cache_dir, description="Writable by the service's user only (it holds pickles)"
    )
    profile_path: Path | None = Field(
        None, description="Diagnostics: sample the worker with pyinstrument and write a text profile here on exit"
    )
    topics: TopicSettings = TopicSettings()
    kafka: KafkaSettings = KafkaSettings()
    devkafka: DevKafkaSettings = DevKafkaSettings()
    normalise: NormaliseSettings = NormaliseSettings()
    dedupe: DedupeSettings = DedupeSettings()
    metrics: MetricsSettings = MetricsSettings()
    watchdog: WatchdogSettings = WatchdogSettings()

    @property
    def tagger_cache_path(self) -> Path | None:
        """Where :meth:`Tagger.load <wirestream.tagging.Tagger.load>` keeps compiled dictionaries; None: nowhere."""
        return self.tagger_cache_dir if self.tagger_cache else None


def to_env(settings: Settings) -> dict[str, str]:
    """``WIRESTREAM_*`` variables that reproduce ``settings`` in a child process (worker, tests).

    Secrets are revealed here on purpose: the environment of a child process is where they must go.
    """
    out: dict[str, str] = {}

    def walk(prefix: str, model: BaseModel) -> None:
        for name in type(model).model_fields:
            value = getattr(model, name)
            key = f"{prefix}{name.upper()}"
            if isinstance(value, BaseModel):
                walk(f"{key}__", value)
            elif value is None:
                continue
            elif isinstance(value, SecretStr):
                out[key] = value.get_secret_value()
            elif isinstance(value, bool):
                out[key] = "true" if value else "false"
            else:
                out[key] = str(value)

    walk("WIRESTREAM_", settings)
    return out
