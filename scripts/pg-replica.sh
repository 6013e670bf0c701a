#!/usr/bin/env bash
# A local PostgreSQL streaming replica of the Debian cluster "15 main" (port 5432),
# for the read-replica tests (DATABASE_READ_URL): cluster "15 replica" on port 5433,
# made with pg_basebackup -R (it streams the primary's WAL from then on).
#
#   scripts/pg-replica.sh start   # (re)create and start it; needs root and the primary running
#   scripts/pg-replica.sh stop    # stop and remove it
#
# PGPASSWORD (default postgres) is the password of the postgres user on the primary.
set -euo pipefail
VERSION=15
NAME=replica
PORT=${REPLICA_PORT:-5433}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
DATA=/var/lib/postgresql/$VERSION/$NAME

remove() {
  if pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $NAME"; then
    pg_dropcluster "$VERSION" "$NAME" --stop
  fi
}

case "${1:-}" in
  start)
    remove
    pg_createcluster "$VERSION" "$NAME" -p "$PORT" >/dev/null
    # The replica starts from a copy of the primary, not from an empty cluster.
    rm -rf "${DATA:?}"/*
    su postgres -c "PGPASSWORD='${PGPASSWORD:-postgres}' pg_basebackup -h 127.0.0.1 -p $PRIMARY_PORT -U postgres \
      -D $DATA -R -X stream -c fast"
    pg_ctlcluster "$VERSION" "$NAME" start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PORT" && break; sleep 1; done
    su postgres -c "psql -p $PORT -tAc 'SELECT pg_is_in_recovery()'" | grep -qx t \
      || { echo "cluster $VERSION $NAME is not a replica" >&2; exit 1; }
    echo "replica of 127.0.0.1:$PRIMARY_PORT streams on 127.0.0.1:$PORT"
    ;;
  stop)
    remove
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
