"""A real, single-node Apache Kafka broker (KRaft) started from Maven Central jars, without Docker.

Why this exists: wirestream's tests and local demo must talk to a real broker, and the machines it is
developed on have Java and Maven but no container engine. This module is the one entry point used by
``wirestream kafka start|stop|status`` and by the pytest fixtures, so both behave the same:

* jars are fetched once per Kafka version with ``mvn dependency:copy-dependencies`` into a cache
  (``DevKafkaSettings.cache``), and reused on every later start;
* storage is formatted with ``kafka.tools.StorageTool`` using a generated cluster id, and reused on a
  restart (so broker restarts in reliability tests keep their data) unless ``fresh=True``;
* the broker listens on 127.0.0.1 only, on a free port (or the configured one), with replication
  factors and ``transaction.state.log.min.isr`` at 1 and topic auto-creation off;
* ``start`` returns only once the broker answers a metadata request; ``stop`` sends SIGTERM and
  waits, then SIGKILL; a stale pid file, a stale data dir or a taken port are handled.
"""

from __future__ import annotations

from .broker import BrokerState, DevKafka, DevKafkaError

__all__ = ["BrokerState", "DevKafka", "DevKafkaError"]
