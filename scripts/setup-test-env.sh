#!/usr/bin/env bash
# Installs and starts what the test suites need: PostgreSQL (for the server's integration suite)
# Debian's Chromium (for Playwright), poppler-utils (to render the printed annual report) and
# LibreOffice Calc without its GUI (the XLSX print test converts the workbook to PDF). Idempotent: safe to run again; skips what is already there.
# Run as root (CI and the dev container are root).
set -euo pipefail

PG_ROLE="${PG_ROLE:-kyiv1325}"
PG_PASSWORD="${PG_PASSWORD:-kyiv1325}"
PG_DATABASE="${PG_DATABASE:-kyiv1325_test}"

log() { printf '[setup-test-env] %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (apt-get, pg_ctlcluster)"; exit 1
fi

# --- system packages -------------------------------------------------------------------------
missing=()
dpkg -s postgresql >/dev/null 2>&1 || missing+=(postgresql)
dpkg -s chromium >/dev/null 2>&1 || missing+=(chromium)
# pdftoppm: the annual report's print test renders the PDF it produced
dpkg -s poppler-utils >/dev/null 2>&1 || missing+=(poppler-utils)
# Cyrillic glyphs for the browser's screenshots and printed PDFs
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
# soffice --headless --convert-to pdf: tests/shared/reports/xlsx-print.test.ts prints the annual XLSX
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
if [ "${#missing[@]}" -gt 0 ]; then
  # Update the package lists only when we actually have to install something.
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y "${missing[@]}"
else
  log "postgresql, chromium, poppler-utils and libreoffice-calc-nogui already installed"
fi

# --- PostgreSQL cluster ----------------------------------------------------------------------
# apt creates a cluster named "main" for whatever major version it installed: detect it.
pg_version="$(pg_lsclusters --no-header 2>/dev/null | awk '$2 == "main" { print $1; exit }')"
if [ -z "$pg_version" ]; then
  pg_version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  log "no cluster found; creating ${pg_version}/main"
  pg_createcluster "$pg_version" main
fi
status="$(pg_lsclusters --no-header | awk -v v="$pg_version" '$1 == v && $2 == "main" { print $4 }')"
if [ "$status" != "online" ]; then
  log "starting cluster ${pg_version}/main"
  pg_ctlcluster "$pg_version" main start
fi

for _ in $(seq 1 30); do
  runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
runuser -u postgres -- pg_isready -h 127.0.0.1 -p 5432

psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '${PG_ROLE}'")" != "1" ]; then
  log "creating role ${PG_ROLE}"
  psql_admin -c "CREATE ROLE ${PG_ROLE} LOGIN PASSWORD '${PG_PASSWORD}'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'")" != "1" ]; then
  log "creating database ${PG_DATABASE}"
  psql_admin -c "CREATE DATABASE ${PG_DATABASE} OWNER ${PG_ROLE}"
fi

log "ready: postgres://${PG_ROLE}:***@127.0.0.1:5432/${PG_DATABASE}"
