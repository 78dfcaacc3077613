#!/usr/bin/env bash
# Throw-away PostgreSQL 15 cluster + FerretDB 1.24.2 (--handler=postgresql) on 127.0.0.1, both on
# free ports, data in a temporary directory. Sourced by .ci/run; run directly for local development:
#   bash .ci/db.sh            # starts both, prints MONGODB_URI, stops both on Ctrl+C
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
# FerretDB opens at most 50 PostgreSQL connections by default and may need more than one per
# operation; at 100 concurrent clients that pool deadlocked here. So its pool is 400
# (`pool_max_conns` on the URL) and PostgreSQL's max_connections 500, both well above the bot's
# driver pool (MONGO_CLIENT_OPTIONS.maxPoolSize).

FERRETDB_VERSION=v1.24.2
FERRETDB_MODULE=github.com/FerretDB/FerretDB
FERRETDB_BIN="${FERRETDB_BIN:-$HOME/go/bin/ferretdb}"
PG_POOL_MAX_CONNS="${PG_POOL_MAX_CONNS:-400}"
PG_MAX_CONNECTIONS="${PG_MAX_CONNECTIONS:-500}"
DB_WORK_DIR="${DB_WORK_DIR:-}"
PG_PID=""
FERRETDB_PID=""

db_as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "need root for: $*" >&2
    return 1
  fi
}

db_free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { process.stdout.write(String(s.address().port)); s.close(); })'
}

# The PostgreSQL binaries: on the PATH, else Debian's (installed here only when missing).
pg_bin_dir() {
  # /usr/local/bin may hold symlinks to a few of them only; the real directory has all.
  if command -v initdb >/dev/null && command -v postgres >/dev/null; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$d" && -x "$d/initdb" ]]; then
    echo "$d"
    return 0
  fi
  return 1
}

install_postgres() {
  if pg_bin_dir >/dev/null; then
    echo "PostgreSQL present: $("$(pg_bin_dir)/postgres" --version)"
    return 0
  fi
  echo "PostgreSQL not found; installing Debian's postgresql"
  db_as_root apt-get update &&
    db_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql &&
    pg_bin_dir >/dev/null
}

# Runs a command as the postgres user when we are root (PostgreSQL refuses root).
as_pg_user() {
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

ferretdb_works() {
  # Not `--version | grep -q`: under pipefail, grep leaving early gives FerretDB a SIGPIPE (141) and
  # a working binary reads as broken.
  local version
  [[ -x "$FERRETDB_BIN" ]] && version="$("$FERRETDB_BIN" --version 2>/dev/null)" && [[ "$version" == *"$FERRETDB_VERSION"* ]]
}

build_ferretdb() {
  if ferretdb_works; then
    echo "FerretDB present: $FERRETDB_BIN ($FERRETDB_VERSION)"
    return 0
  fi
  command -v go >/dev/null || { echo "Go is needed to build FerretDB" >&2; return 1; }
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  local gobin
  gobin="$(dirname "$FERRETDB_BIN")"
  if GOBIN="$gobin" go install "$FERRETDB_MODULE/cmd/ferretdb@$FERRETDB_VERSION" && ferretdb_works; then
    return 0
  fi
  # Where the plain install gives a binary without its version file (it then panics at start-up),
  # build it from the module source with the version written in.
  echo "go install did not give a working FerretDB; building from the module source"
  local mod="$DB_WORK_DIR/fdb-mod" src="$DB_WORK_DIR/fdb-src"
  mkdir -p "$mod" &&
    (cd "$mod" && go mod init fdbbuild >/dev/null 2>&1 &&
      GOSUMDB=off GOFLAGS=-mod=mod go get "$FERRETDB_MODULE/cmd/ferretdb@$FERRETDB_VERSION") &&
    cp -r "$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@$FERRETDB_VERSION" "$src" &&
    chmod -R u+w "$src" &&
    echo "$FERRETDB_VERSION" >"$src/build/version/version.txt" &&
    (cd "$src" && GOSUMDB=off go build -o "$FERRETDB_BIN" ./cmd/ferretdb) &&
    ferretdb_works
}

start_postgres() {
  local bin
  bin="$(pg_bin_dir)" || { echo "no PostgreSQL binaries" >&2; return 1; }
  export PG_DATA_DIR="$DB_WORK_DIR/pg-data" PG_PORT
  PG_PORT="$(db_free_port)"
  mkdir -p "$PG_DATA_DIR"
  [[ $(id -u) -eq 0 ]] && { id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres; chown postgres "$DB_WORK_DIR" "$PG_DATA_DIR"; chmod 755 "$DB_WORK_DIR"; }
  as_pg_user "$bin/initdb" -D "$PG_DATA_DIR" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$DB_WORK_DIR/initdb.log" 2>&1 ||
    { cat "$DB_WORK_DIR/initdb.log" >&2; return 1; }
  # A throw-away cluster: durability off makes it faster and changes nothing the tests look at
  # except the fault-injection test, which kills FerretDB, not PostgreSQL.
  as_pg_user "$bin/postgres" -D "$PG_DATA_DIR" -h 127.0.0.1 -p "$PG_PORT" -k "$PG_DATA_DIR" \
    -c max_connections="$PG_MAX_CONNECTIONS" -c shared_buffers=256MB -c fsync=off \
    -c synchronous_commit=off -c full_page_writes=off >>"$DB_WORK_DIR/postgres.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 100); do
    if ! kill -0 "$PG_PID" 2>/dev/null; then
      echo "PostgreSQL exited at start-up:" >&2
      cat "$DB_WORK_DIR/postgres.log" >&2
      return 1
    fi
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
      as_pg_user "$bin/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'CREATE DATABASE ferretdb' postgres >/dev/null || return 1
      export TAUTOKO_POSTGRESQL_URL="postgres://postgres@127.0.0.1:$PG_PORT/ferretdb?pool_max_conns=$PG_POOL_MAX_CONNS"
      echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$PG_PORT (pid $PG_PID, data $PG_DATA_DIR)"
      return 0
    fi
    sleep 0.2
  done
  echo "PostgreSQL did not become ready within 20s" >&2
  cat "$DB_WORK_DIR/postgres.log" >&2
  return 1
}

start_ferretdb() {
  export FERRETDB_PORT FERRETDB_BIN
  FERRETDB_PORT="$(db_free_port)"
  mkdir -p "$DB_WORK_DIR/ferretdb-state"
  "$FERRETDB_BIN" --handler=postgresql --postgresql-url="$TAUTOKO_POSTGRESQL_URL" \
    --state-dir="$DB_WORK_DIR/ferretdb-state" --listen-addr="127.0.0.1:$FERRETDB_PORT" \
    --telemetry=disable --debug-addr=- --log-level=warn >>"$DB_WORK_DIR/ferretdb.log" 2>&1 &
  FERRETDB_PID=$!
  export MONGODB_URI="mongodb://127.0.0.1:$FERRETDB_PORT/"
  for _ in $(seq 1 100); do
    if ! kill -0 "$FERRETDB_PID" 2>/dev/null; then
      echo "FerretDB exited at start-up:" >&2
      cat "$DB_WORK_DIR/ferretdb.log" >&2
      return 1
    fi
    if node -e '
      const { MongoClient } = require("mongodb");
      const c = new MongoClient(process.env.MONGODB_URI, { serverSelectionTimeoutMS: 500 });
      c.db("admin").command({ ping: 1 }).then(() => c.close().then(() => process.exit(0)), () => process.exit(1));
    ' 2>/dev/null; then
      echo "FerretDB $FERRETDB_VERSION (PostgreSQL handler) ready at $MONGODB_URI (pid $FERRETDB_PID)"
      return 0
    fi
    sleep 0.2
  done
  echo "FerretDB did not answer within 20s:" >&2
  cat "$DB_WORK_DIR/ferretdb.log" >&2
  return 1
}

stop_pid() {
  local pid=$1 sig=${2:-TERM}
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "-$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

# Stops FerretDB (and any FerretDB a fault-injection test restarted, by its pid file), then
# PostgreSQL (SIGINT: fast shutdown).
stop_databases() {
  stop_pid "$FERRETDB_PID"
  [[ -n "${FERRETDB_PID_FILE:-}" ]] && stop_pid "$(cat "$FERRETDB_PID_FILE" 2>/dev/null || true)"
  # The postmaster itself (runuser does not pass signals on): SIGINT is PostgreSQL's fast shutdown.
  local postmaster=""
  [[ -n "${PG_DATA_DIR:-}" && -f "$PG_DATA_DIR/postmaster.pid" ]] && postmaster="$(head -n 1 "$PG_DATA_DIR/postmaster.pid")"
  stop_pid "$postmaster" INT
  stop_pid "$PG_PID"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  DB_WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tautoko-db.XXXXXX")"
  trap 'stop_databases; rm -rf "$DB_WORK_DIR"' EXIT
  trap 'exit 130' INT TERM
  install_postgres
  build_ferretdb
  start_postgres
  start_ferretdb
  echo
  echo "export MONGODB_URI=$MONGODB_URI"
  echo "export TAUTOKO_POSTGRESQL_URL='$TAUTOKO_POSTGRESQL_URL'"
  echo "(Ctrl+C stops both and deletes the data)"
  wait "$FERRETDB_PID"
fi
