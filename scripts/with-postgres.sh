#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster on a local port, exported as
# DECLASS_TEST_PG_URL. Without postgres binaries the command runs without it (PG tests skip,
# except under CI=true where they fail: CI must test the real thing).
set -uo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -n "${DECLASS_TEST_PG_URL:-}" ] || [ -z "$bindir" ]; then
  exec "$@"
fi
port=${DECLASS_TEST_PG_PORT:-55432}
dir=$(mktemp -d /tmp/declass-pg.XXXXXX)
chmod 755 "$dir"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir" 2>/dev/null || { useradd -r postgres && chown postgres "$dir"; }
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U declass -A trust >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
cleanup() { "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"; }
trap cleanup EXIT
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U declass declass_test
export DECLASS_TEST_PG_URL="postgresql://declass@127.0.0.1:$port/declass_test"
"$@"
