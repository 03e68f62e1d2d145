#!/usr/bin/env bash
# README command 1: set everything up, then run the main job end to end on a real local broker:
# start Kafka, create topics, start a worker, publish deploy/samples/, print the enriched records
# and a summary, shut everything down. Extra arguments go to `wirestream demo` (e.g. other files).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/wirestream demo "$@"
