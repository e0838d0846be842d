#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks: initdb into a fresh temporary
# folder, a free loopback port, password logins, started and stopped by whoever sources this.
# Runs as the unprivileged `postgres` user when called as root (initdb refuses root).
#
#   source scripts/pg-cluster.sh
#   dumpit_pg_start            # sets DUMPIT_PG_DIR, DUMPIT_PG_PORT, DUMPIT_TEST_DATABASE_URL,
#                              # DUMPIT_TEST_DATABASE_CA (its TLS certificate)
#   dumpit_pg_stop             # stops the server and deletes the folder
#   dumpit_pg_restart          # stop + start on the same folder and port (fault tests)

dumpit_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }; done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  echo "dumpit: PostgreSQL server binaries not found (install the Debian package postgresql)" >&2
  return 1
}

dumpit_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dumpit_pg_start() {
  local bin; bin="$(dumpit_pg_bin)" || return 1
  DUMPIT_PG_DIR="$(mktemp -d /tmp/dumpit-pg.XXXXXX)"
  DUMPIT_PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  DUMPIT_PG_PASSWORD="dumpit-test-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  echo "$DUMPIT_PG_PASSWORD" > "$DUMPIT_PG_DIR/pw"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$DUMPIT_PG_DIR"
  chmod 700 "$DUMPIT_PG_DIR"
  dumpit_pg_as_owner "$bin/initdb" -D "$DUMPIT_PG_DIR/data" -U dumpit --pwfile="$DUMPIT_PG_DIR/pw" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --no-locale >"$DUMPIT_PG_DIR/initdb.log" 2>&1 \
    || { cat "$DUMPIT_PG_DIR/initdb.log" >&2; return 1; }
  # TLS with a self-signed certificate for 127.0.0.1 (the tests connect with and without it,
  # verify-full against this certificate as the CA)
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$DUMPIT_PG_DIR/data/server.key" -out "$DUMPIT_PG_DIR/data/server.crt" >/dev/null 2>&1 \
    || { echo "dumpit: openssl could not make the test certificate" >&2; return 1; }
  cp "$DUMPIT_PG_DIR/data/server.crt" "$DUMPIT_PG_DIR/ca.crt"
  chmod 600 "$DUMPIT_PG_DIR/data/server.key"
  chmod 644 "$DUMPIT_PG_DIR/ca.crt"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DUMPIT_PG_DIR/data/server.key" "$DUMPIT_PG_DIR/data/server.crt"
  cat >>"$DUMPIT_PG_DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $DUMPIT_PG_PORT
unix_socket_directories = '$DUMPIT_PG_DIR'
max_connections = 300
shared_buffers = 128MB
fsync = on
synchronous_commit = on
ssl = on
CONF
  DUMPIT_PG_BIN="$bin"
  dumpit_pg_launch || return 1
  DUMPIT_TEST_DATABASE_URL="postgres://dumpit:$DUMPIT_PG_PASSWORD@127.0.0.1:$DUMPIT_PG_PORT/postgres"
  DUMPIT_TEST_DATABASE_CA="$DUMPIT_PG_DIR/ca.crt"
  export DUMPIT_PG_DIR DUMPIT_PG_PORT DUMPIT_PG_BIN DUMPIT_PG_PASSWORD DUMPIT_TEST_DATABASE_URL DUMPIT_TEST_DATABASE_CA
}

dumpit_pg_launch() {
  dumpit_pg_as_owner "$DUMPIT_PG_BIN/pg_ctl" -D "$DUMPIT_PG_DIR/data" -l "$DUMPIT_PG_DIR/server.log" -w -t 60 start >/dev/null \
    || { cat "$DUMPIT_PG_DIR/server.log" >&2; return 1; }
}

dumpit_pg_restart() {
  dumpit_pg_as_owner "$DUMPIT_PG_BIN/pg_ctl" -D "$DUMPIT_PG_DIR/data" -m fast -w stop >/dev/null
  dumpit_pg_launch
}

dumpit_pg_stop() {
  [ -n "${DUMPIT_PG_DIR:-}" ] && [ -d "$DUMPIT_PG_DIR/data" ] || return 0
  dumpit_pg_as_owner "$DUMPIT_PG_BIN/pg_ctl" -D "$DUMPIT_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$DUMPIT_PG_DIR"
  unset DUMPIT_PG_DIR DUMPIT_TEST_DATABASE_URL
}
