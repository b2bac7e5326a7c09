#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the test suite (idempotent).
#
#   export TEST_DATABASE_URL="$(.ci/start-postgres.sh)"   # start, or reuse one already running
#   .ci/start-postgres.sh stop                            # stop it (the data stays until the dir is removed)
#
# The connection URL is the only thing written to stdout; progress goes to stderr.
# Trust authentication on 127.0.0.1 only: never point this at a directory that matters.
# Settings: PGTEST_DIR (default /tmp/pgtest), PGTEST_PORT (default 55432),
#           PG_BIN (default: the newest /usr/lib/postgresql/*/bin, or `pg_config --bindir`).
set -euo pipefail

dir="${PGTEST_DIR:-/tmp/pgtest}"
port="${PGTEST_PORT:-55432}"
url="postgres://postgres@127.0.0.1:${port}/postgres"

bin="${PG_BIN:-}"
if [[ -z "$bin" ]]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$bin" ]] && command -v pg_config >/dev/null; then bin="$(pg_config --bindir)"; fi
fi
if [[ ! -x "$bin/initdb" ]]; then
  echo "start-postgres: PostgreSQL server binaries not found (looked in ${bin:-/usr/lib/postgresql/*/bin}); set PG_BIN" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: when we are root, run it as the postgres user.
as_pg() {
  if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [[ "${1:-start}" == "stop" ]]; then
  if [[ -f "$dir/data/postmaster.pid" ]]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2; fi
  exit 0
fi

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  echo "start-postgres: already running on port $port" >&2
  echo "$url"
  exit 0
fi

mkdir -p "$dir"
if [[ "$(id -u)" == "0" ]]; then chown postgres "$dir"; fi

if [[ ! -f "$dir/data/PG_VERSION" ]]; then
  echo "start-postgres: initdb in $dir/data" >&2
  as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >&2
fi

# fsync off: a test cluster trades durability for speed.
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >&2 || { echo "start-postgres: failed to start; the server log follows" >&2; tail -n 30 "$dir/log" >&2; exit 1; }

for _ in $(seq 1 30); do
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then echo "$url"; exit 0; fi
  sleep 0.5
done
echo "start-postgres: server did not become ready on port $port; see $dir/log" >&2
exit 1
