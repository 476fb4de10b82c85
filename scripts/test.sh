#!/usr/bin/env bash
# Fresh machine → the whole test suite, against SQLite and PostgreSQL, with real peers
# (sipp, baresip, Kamailio), a real Vosk model and headless Chromium.
# Extra arguments go to pytest (e.g. `scripts/test.sh tests/routing -x`).
source "$(dirname "$0")/common.sh"

apt_install sip-tester baresip kamailio kamailio-tls-modules postgresql postgresql-client \
  espeak-ng sox libsndfile1 chromium chromium-driver fonts-wqy-microhei libfst-tools \
  libfst22-plugins-base
python_setup "test,bench"

# PostgreSQL: Debian's cluster, a superuser role for tests (each test makes its own database).
start_postgres() {
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)"
  [ -n "$version" ] || { log "PostgreSQL is not installed"; return 1; }
  local run=""
  [ "$(id -u)" -eq 0 ] && run="su postgres -c" || run="sudo -u postgres sh -c"
  if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
    log "starting PostgreSQL $version"
    if [ "$(id -u)" -eq 0 ]; then pg_ctlcluster "$version" main start
    else sudo pg_ctlcluster "$version" main start; fi
  fi
  $run "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='hotline'\"" | grep -q 1 \
    || $run "psql -qc \"CREATE ROLE hotline LOGIN SUPERUSER PASSWORD 'hotline'\""
  $run "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='hotline_test'\"" | grep -q 1 \
    || $run "createdb -O hotline hotline_test"
}
start_postgres
export HOTLINE_TEST_POSTGRES_URL="${HOTLINE_TEST_POSTGRES_URL:-postgresql+psycopg://hotline:hotline@127.0.0.1:5432/hotline_test}"

cd "$ROOT"
mkdir -p test-artifacts
"$VENV/bin/ruff" check .
# Two workers for the two cores; each worker loads the Vosk model once.
exec "$VENV/bin/python" -m pytest -n "${HOTLINE_TEST_WORKERS:-2}" -p no:cacheprovider "$@"
