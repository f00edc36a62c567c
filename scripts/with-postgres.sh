#!/usr/bin/env bash
# Run a command next to a throwaway PostgreSQL server, then stop the server, whatever the outcome.
#
#   scripts/with-postgres.sh .venv/bin/pytest [ARGS...]
#
# The server is a fresh cluster in a temporary directory, listening on a free port on 127.0.0.1
# only (and a socket in that directory), with one database; the command sees it as
#   DATABASE_URL_TEST=postgresql://postgres@127.0.0.1:PORT/angiovoice_test
#   ANGIOVOICE_TEST_PG_CONTROL=/tmp/.../control   (`control stop` / `control start`, for the
#                                                  tests that stop the store mid-run)
# On exit (normal, failure, Ctrl-C) the server is stopped and the directory removed.
#
# Already have a server? Set DATABASE_URL_TEST and the command runs against it unchanged.
# No PostgreSQL on this machine? As root with apt-get, Debian's `postgresql` package is
# installed (its own service is not started); otherwise the PostgreSQL tests skip and say why.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
if [ -n "${DATABASE_URL_TEST:-}" ]; then
  exec "$@"
fi

say() { echo "with-postgres: $*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }

bindir() {
  # Debian keeps initdb and pg_ctl off PATH, in /usr/lib/postgresql/VERSION/bin.
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

guard=""  # a policy-rc.d we put in place for the install, removed on exit
workdir=""
control=""

cleanup() {
  local status=$?
  if [ -n "$control" ] && [ -x "$control" ]; then
    "$control" stop >/dev/null 2>&1 || true
  fi
  if [ -n "$workdir" ]; then
    rm -rf "$workdir"
  fi
  if [ -n "$guard" ]; then
    rm -f "$guard"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

install_postgres() {
  is_root && command -v apt-get >/dev/null 2>&1 || return 1
  say "installing Debian's postgresql package (its own service is not started)"
  if [ ! -e /usr/sbin/policy-rc.d ]; then  # keep the package from starting its main cluster
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$guard"
    chmod 755 "$guard"
  fi
  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql) >/dev/null
  if [ -n "$guard" ]; then
    rm -f "$guard"
    guard=""
  fi
}

if ! bin=$(bindir); then
  if install_postgres; then
    bin=$(bindir) || { say "postgresql installed, but no initdb/pg_ctl found"; exit 1; }
  else
    say "note: no PostgreSQL here and it cannot be installed (needs root and apt-get);"
    say "      the PostgreSQL tests will skip. Set DATABASE_URL_TEST to use a server you have."
    "$@"
    exit $?
  fi
fi

# initdb refuses to run as root: as root the cluster belongs to the postgres user.
runner=()
if is_root; then
  if ! id postgres >/dev/null 2>&1; then
    say "the postgres system user is missing (it comes with Debian's postgresql package)"
    exit 1
  fi
  runner=(runuser -u postgres --)
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/angiovoice-pg.XXXXXX")
chmod 700 "$workdir"
if is_root; then
  chown postgres: "$workdir"
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data="$workdir/data"
log="$workdir/server.log"

"${runner[@]}" "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync \
  >"$workdir/initdb.log" 2>&1 || { cat "$workdir/initdb.log" >&2; exit 1; }

options="-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off"
options="$options -c synchronous_commit=off -c full_page_writes=off"
control="$workdir/control"
cat >"$control" <<CONTROL
#!/bin/sh
# stop | start the throwaway server (waits until done)
case "\$1" in
  stop) exec ${runner[*]} "$bin/pg_ctl" -D "$data" -m fast -w stop ;;
  start) exec ${runner[*]} "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "$options" start ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CONTROL
chmod 755 "$control"

"$control" start >/dev/null || { cat "$log" >&2; exit 1; }
"${runner[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres angiovoice_test
say "PostgreSQL $("$bin/pg_ctl" --version | sed 's/^[^0-9]*//; s/ .*//') on 127.0.0.1:$port (stopped on exit)"

status=0
DATABASE_URL_TEST="postgresql://postgres@127.0.0.1:$port/angiovoice_test" \
  ANGIOVOICE_TEST_PG_CONTROL="$control" \
  "$@" || status=$?
exit "$status"
