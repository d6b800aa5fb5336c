#!/usr/bin/env bash
# Servers against each other under wrk, in one sitting: the server pinned to CPU 0, wrk to CPU 1,
# the faithful workload; per round and server a fresh JVM, a 5 s keep-alive and a 5 s pipelined
# warm-up, then 10 s keep-alive (64 connections) and 10 s with 16 requests pipelined per write.
# Rounds alternate the servers so that drift on the machine hits all of them. Prints every
# measurement, the medians, and each server's medians as a ratio to the first server's.
# Servers: netty (stage 1), netty-io_uring (stage 1 on io_uring), vertx (its Vert.x edition),
# reference (a hand-written minimal Netty server, jmh's ReferenceNettyServer: what our shared core
# costs is netty / reference); or jar:PATH, any stage-1-like jar (e.g. one built from an older commit,
# for a before/after comparison).
# Needs wrk, taskset, 2+ CPUs and built jars.
#
#   scripts/wrk-compare.sh [ROUNDS] [SERVER...]    # default: 3 rounds, netty vertx
#   scripts/wrk-compare.sh 3 netty reference
#   scripts/wrk-compare.sh 3 jar:/tmp/before/minimal-single-thread.jar netty
set -euo pipefail
command -v wrk > /dev/null || { echo "wrk-compare: needs wrk (apt-get install wrk)" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/scripts/jdk.sh"
JAVA="$(find_jdk)/bin/java"
read -r -a FLAGS <<< "-XX:+UseParallelGC -Xms512m -Xmx512m $(netty_jvm_flags "$JAVA")"
ROUNDS="${1:-3}"
shift || true
NAMES=("$@")
[ ${#NAMES[@]} -gt 0 ] || NAMES=(netty vertx)
PORT=18181
WORK="$(mktemp -d)"
pid=""
trap '[ -z "$pid" ] || kill -TERM "$pid" 2> /dev/null; rm -rf "$WORK"' EXIT
cat > "$WORK/pipeline.lua" <<'LUA'
init = function(args)
  local r = {}
  for i = 1, 16 do r[i] = wrk.format("GET", "/data") end
  req = table.concat(r)
end
request = function() return req end
LUA

declare -A SERVERS=(
  [netty]="-jar $ROOT/minimal-single-thread/target/minimal-single-thread.jar"
  [vertx]="-jar $ROOT/vertx-stages/target/vertx-stages.jar single"
  [netty-io_uring]="-jar $ROOT/minimal-single-thread/target/minimal-single-thread.jar --transport io_uring"
  [reference]="-cp $ROOT/jmh/target/benchmarks.jar io.asyncworkbench.jmh.ReferenceNettyServer"
)
server_args() { # name -> the java arguments that start it
  case "$1" in
    jar:*) echo "-jar ${1#jar:}" ;;
    *) echo "${SERVERS[$1]}" ;;
  esac
}
for name in "${NAMES[@]}"; do
  case "$name" in
    jar:*) [ -f "${name#jar:}" ] || { echo "no such jar: ${name#jar:}" >&2; exit 2; } ;;
    *) [ -n "${SERVERS[$name]:-}" ] || { echo "unknown server '$name': use netty, netty-io_uring, vertx, reference or jar:PATH" >&2; exit 2; } ;;
  esac
done

rate() { # wrk args... -> requests/s, or FAIL when wrk saw errors
  local out; out="$(taskset -c 1 wrk -t1 -c64 "$@" "http://127.0.0.1:$PORT/data")"
  if grep -qE 'Non-2xx|Socket errors' <<< "$out"; then echo FAIL; else awk '/Requests\/sec/ {print $2}' <<< "$out"; fi
}

for round in $(seq 1 "$ROUNDS"); do
  for name in "${NAMES[@]}"; do
    read -r -a server <<< "$(server_args "$name")"
    taskset -c 0 "$JAVA" "${FLAGS[@]}" "${server[@]}" --host 127.0.0.1 --port "$PORT" > "$WORK/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do grep -q 'listening on' "$WORK/server.log" && break; sleep 0.1; done
    rate -d5s > /dev/null; rate -d5s -s "$WORK/pipeline.lua" > /dev/null
    keepalive="$(rate -d10s)"; pipelined="$(rate -d10s -s "$WORK/pipeline.lua")"
    kill -TERM "$pid"; wait "$pid" || true; pid=""
    echo "round $round $name keep-alive $keepalive pipelined $pipelined" | tee -a "$WORK/results"
  done
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
for name in "${NAMES[@]}"; do
  k="$(awk -v n="$name" '$3 == n {print $5}' "$WORK/results" | median)"
  p="$(awk -v n="$name" '$3 == n {print $7}' "$WORK/results" | median)"
  echo "median $name keep-alive $k req/s, pipelined x16 $p req/s"
  [ -n "${k0:-}" ] || { k0="$k"; p0="$p"; first="$name"; continue; }
  awk -v n="$name" -v f="$first" -v k="$k" -v p="$p" -v k0="$k0" -v p0="$p0" \
    'BEGIN {printf "ratio %s / %s: keep-alive %.2f, pipelined x16 %.2f\n", f, n, k0 / k, p0 / p}'
done
