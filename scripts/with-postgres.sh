#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster on a local port, exported as
# DECLASS_TEST_PG_URL. Without postgres binaries the command runs without it (PG tests skip,
# except under CI=true where they fail: CI must test the real thing).
set -uo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -n "${DECLASS_TEST_PG_URL:-}" ] || [ -z "$bindir" ]; then
  exec "$@"
fi
# A free local port unless one is given (several runs may share a machine).
port=${DECLASS_TEST_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
dir=$(mktemp -d /tmp/declass-pg.XXXXXX)
chmod 755 "$dir"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir" 2>/dev/null || { useradd -r postgres && chown postgres "$dir"; }
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U declass -A trust >/dev/null
if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null; then
  echo "with-postgres: the throwaway cluster did not start:" >&2
  cat "$dir/log" >&2
  exit 1
fi
cleanup() { "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"; }
trap cleanup EXIT
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U declass declass_test
export DECLASS_TEST_PG_URL="postgresql://declass@127.0.0.1:$port/declass_test"
"$@"
