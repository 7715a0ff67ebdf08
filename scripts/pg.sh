#!/usr/bin/env bash
# A throw-away PostgreSQL for tests and benchmarks, from Debian's `postgresql` package.
#
#   scripts/pg.sh start DIR   initialises DIR (first time), starts the server on 127.0.0.1 on a
#                             free port and prints its URL on stdout (also written to DIR/url):
#                             postgres://guichet@127.0.0.1:PORT/postgres
#   scripts/pg.sh stop DIR    stops it (fast shutdown); safe to call twice or on a stopped DIR.
#
# PG_FAST=1 turns off durability (fsync, synchronous_commit, full_page_writes) for speed: a
# crash may lose or corrupt the cluster, which is fine for a database thrown away after tests.
#
# Authentication is `trust` for everyone on 127.0.0.1 and the socket: never expose it. The
# superuser is `guichet`. The unix socket is in DIR (its path must stay under ~100 bytes).
# Everything but the URL goes to stderr, so `URL=$(scripts/pg.sh start DIR)` works.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
command=$1
dir=$2
case $command in start | stop) ;; *) usage ;; esac

log() { echo "pg.sh: $*" >&2; }

# The binaries of the highest installed major version.
find_bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n $found && -x $found/initdb ]] && echo "$found"
}

bindir=$(find_bindir || true)
if [[ -z $bindir ]]; then
    if [[ $command == stop ]]; then
        log "PostgreSQL is not installed: nothing to stop"
        exit 0
    fi
    log "installing Debian's postgresql package"
    as_root=()
    [[ $(id -u) -eq 0 ]] || as_root=(sudo)
    # (env, not a prefix assignment: sudo would drop DEBIAN_FRONTEND.) A stale package index
    # is the usual failure: update it once and retry.
    install=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql)
    if ! "${install[@]}" >/dev/null 2>&1; then
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        "${install[@]}" >/dev/null
    fi
    bindir=$(find_bindir) || { log "no initdb under /usr/lib/postgresql/*/bin after installing"; exit 1; }
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data

# PostgreSQL refuses to run as root: as root, run its programs as Debian's `postgres` user,
# which then owns DIR (DIR's parents must let it in, e.g. not under /root).
as_server=()
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { log "running as root and there is no 'postgres' user"; exit 1; }
    chown -R postgres: "$dir"
    as_server=(runuser -u postgres --)
fi
run() { "${as_server[@]}" "$@"; }

running() { [[ -f $data/postmaster.pid ]] && run "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1; }

if [[ $command == stop ]]; then
    if running; then
        run "$bindir/pg_ctl" stop -D "$data" -m fast -w >/dev/null
        log "stopped ($dir)"
    else
        log "not running ($dir)"
    fi
    exit 0
fi

if running && [[ -f $dir/url ]]; then
    log "already running"
    cat "$dir/url"
    exit 0
fi

if [[ ! -f $data/PG_VERSION ]]; then
    # Collation C (byte order, as SQLite's BINARY). Character classes from C.UTF-8 where glibc
    # has it: under LC_CTYPE=C, pg_trgm sees no letters in Chinese text and extracts no
    # trigrams from it, so catalog_fts's trigram index would never narrow a search.
    locale_options=(--locale=C)
    if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
        locale_options+=(--lc-ctype=C.UTF-8)
    else
        log "no C.UTF-8 locale: LC_CTYPE=C, the catalog's trigram index will not help Chinese searches"
    fi
    run "$bindir/initdb" -D "$data" "${locale_options[@]}" --encoding=UTF8 --auth=trust \
        --username=guichet >/dev/null
    # Settings that hold for every start; the port and PG_FAST are given at each start.
    cat <<EOF | run tee -a "$data/postgresql.conf" >/dev/null
# scripts/pg.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
EOF
fi

# A free port: the kernel picks one for a socket bound to port 0 (a race with another process
# taking it before PostgreSQL does is possible but unlikely; then start fails and says so).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

options="-p $port"
if [[ ${PG_FAST:-0} == 1 ]]; then
    options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi

if ! run "$bindir/pg_ctl" start -D "$data" -l "$dir/log" -w -t 60 -o "$options" >/dev/null; then
    log "PostgreSQL did not start; its log ($dir/log) ends with:"
    tail -n 20 "$dir/log" >&2 || true
    exit 1
fi

for _ in $(seq 1 60); do
    run "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
done
run "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" || { log "not ready after 30 s"; exit 1; }

url="postgres://guichet@127.0.0.1:$port/postgres"
echo "$url" | run tee "$dir/url" >/dev/null
log "running on port $port ($dir)"
echo "$url"
