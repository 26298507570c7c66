#!/usr/bin/env bash
# A throw-away Citus cluster on this machine for `npm run test:citus` and the
# Citus benchmark: a coordinator and two workers, each its own PostgreSQL
# (run as the postgres user when started as root), trust auth on 127.0.0.1.
#   scripts/citus-cluster.sh start DIR BASEPORT   coordinator BASEPORT, workers BASEPORT+1, BASEPORT+2
#   scripts/citus-cluster.sh stop  DIR
#   scripts/citus-cluster.sh find                 prints the PostgreSQL bin folder that has Citus, or fails
# Citus must be installed into a local PostgreSQL (Citus' packages, or a build).
set -euo pipefail
cmd="${1:-}"; dir="${2:-}"; base="${3:-9700}"

find_bin() {
  for bin in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    v="$(basename "$(dirname "$bin")")"
    [ -f "/usr/share/postgresql/$v/extension/citus.control" ] && { echo "$bin"; return 0; }
  done
  return 1
}
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }

case "$cmd" in
  find) find_bin ;;
  start)
    [ -n "$dir" ] || { echo "usage: $0 start DIR BASEPORT"; exit 2; }
    B="$(find_bin)" || { echo "no PostgreSQL with Citus installed"; exit 1; }
    ports=("$base" "$((base + 1))" "$((base + 2))")
    rm -rf "$dir"; mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
    for p in "${ports[@]}"; do
      as_pg "$B/initdb -D $dir/$p -U postgres --auth=trust >/dev/null"
      printf "shared_preload_libraries = 'citus'\nmax_connections = 300\n" >> "$dir/$p/postgresql.conf"
      as_pg "$B/pg_ctl -D $dir/$p -o '-p $p -k $dir -c listen_addresses=127.0.0.1' -l $dir/$p.log -w start >/dev/null"
    done
    for p in "${ports[@]}"; do "$B/psql" -h 127.0.0.1 -p "$p" -U postgres -qc "create extension if not exists citus" >/dev/null; done
    "$B/psql" -h 127.0.0.1 -p "$base" -U postgres -qc "select citus_set_coordinator_host('127.0.0.1', $base)" >/dev/null
    for p in "${ports[@]:1}"; do "$B/psql" -h 127.0.0.1 -p "$base" -U postgres -qc "select citus_add_node('127.0.0.1', $p)" >/dev/null; done
    echo "citus cluster up: coordinator 127.0.0.1:$base, workers ${ports[1]} ${ports[2]}"
    ;;
  stop)
    [ -n "$dir" ] || { echo "usage: $0 stop DIR"; exit 2; }
    B="$(find_bin)" || exit 0
    for d in "$dir"/[0-9]*/; do [ -f "$d/postmaster.pid" ] && as_pg "$B/pg_ctl -D $d -m fast -w stop >/dev/null" || true; done
    rm -rf "$dir"; echo "citus cluster stopped"
    ;;
  *) echo "usage: $0 start DIR BASEPORT | stop DIR | find"; exit 2 ;;
esac
