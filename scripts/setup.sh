#!/usr/bin/env bash
# Idempotent setup for a fresh clone: Python venv + deps, Kafka broker jars (Maven Central),
# and with --with-ops the Debian packages the ops tests need (prometheus/promtool, docker-compose).
# Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_OPS=0
for arg in "$@"; do
  case "$arg" in
    --with-ops) WITH_OPS=1 ;;
    *) echo "usage: $0 [--with-ops]" >&2; exit 2 ;;
  esac
done

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "wirestream needs Python >= 3.11 (found: $("$PY" --version 2>&1))" >&2; exit 1
fi

if [ ! -x .venv/bin/python ]; then
  log "creating .venv"
  "$PY" -m venv .venv
fi

stamp=.venv/.wirestream-deps
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! .venv/bin/python -c 'import wirestream, faust' 2>/dev/null; then
  log "installing Python dependencies (pip install -e '.[dev]')"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  echo "$want" > "$stamp"
else
  log "Python dependencies up to date"
fi

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "wirestream's local Kafka needs $tool (Java 17 + Maven)" >&2; exit 1; }
done
log "Kafka jars (cached after the first run)"
.venv/bin/wirestream kafka fetch

if [ "$WITH_OPS" = 1 ]; then
  need=()
  command -v promtool >/dev/null || need+=(prometheus)
  command -v docker-compose >/dev/null || need+=(docker-compose)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else SUDO=""; fi
    if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; }; then
      log "installing Debian packages: ${need[*]}"
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
    else
      log "cannot install ${need[*]} (no apt-get/root): the ops tests will be skipped or fail under CI"
    fi
  fi
fi
log "setup done"
