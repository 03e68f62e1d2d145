#!/usr/bin/env bash
# README command 2: set everything up (venv, deps, Kafka jars, Prometheus) and run the whole test
# suite, including the tests through the real Kafka broker and the real Prometheus server.
# Extra arguments go to pytest (e.g. -m "not reliability", -k dedupe).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-ops
.venv/bin/ruff check service tests bench
.venv/bin/mypy
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
# pytest exits 5 when nothing was collected: that is a failure here, not a pass.
if [ "$rc" = 5 ]; then echo "no tests were collected" >&2; exit 1; fi
exit "$rc"
