#!/usr/bin/env bash
# make bench-ledger: CreateSelvbooking on the SQLite ledger and on PostgreSQL, one instance and two behind
# nginx, against planner-sim with 32 citizens. Each citizen books once; wrk then repeats the 32 bookings
# (Jobnet's retries: PersonByCpr, GetMicrositeCategories, the citizen's lock, the ledger's row, GetBookings)
# from 16 connections. Writes its table into docs/benchmarks.md (between the ledger-bench markers).
# Needs nginx, wrk, PostgreSQL's server and the release build (make bench-ledger provides them).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BENCH_BINARY:-$ROOT/.build/release/jobnet-gateway}
DURATION=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/jobnet-ledger-bench.XXXXXX)
chmod 755 "$DIR"
SIMULATOR=18195 FIRST=18180 SECOND=18181 FRONT=18182 PG=18196
ROOT_DEPARTMENT=7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0001 MICROSITE=7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0002
as_postgres() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else "$@"; fi; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$DIR/nginx.pid" ] && nginx -c "$DIR/nginx.conf" -s stop 2>/dev/null || true
  [ -d "$DIR/pg" ] && as_postgres "$PGBIN/pg_ctl" -D "$DIR/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
wait_for() { for _ in $(seq 1 200); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done; echo "no answer from $1" >&2; exit 1; }

# 1. The data (32 citizens, three caseworkers, the demo's Jobsamtale), the requests and wrk's script.
python3 "$ROOT/Tests/Bench/ledger_data.py" "$DIR"

# 2. A throw-away PostgreSQL (fsync on: the figures should be a server's).
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
as_postgres "$PGBIN/initdb" -D "$DIR/pg" -U postgres --auth=trust -E UTF8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg.log" -w start \
  -o "-p $PG -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null

# 3. nginx in front of two gateways.
cat > "$DIR/nginx.conf" <<NGINX
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream gateways { server 127.0.0.1:$FIRST; server 127.0.0.1:$SECOND; keepalive 64; }
  server {
    listen 127.0.0.1:$FRONT;
    location / { proxy_pass http://gateways; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -c "$DIR/nginx.conf"

serve() { # port database
  "$BIN" serve --port "$1" --planner "http://127.0.0.1:$SIMULATOR/" --root-department-id $ROOT_DEPARTMENT \
    --microsite-id $MICROSITE --database "$2" --log-file "$DIR/mapping-$1.log" \
    --mappings "$ROOT/Mappings" --wsdl "$ROOT/Wsdl" >/dev/null 2>&1 & pids+=($!)
  wait_for "http://127.0.0.1:$1/health"
}

results=()
run() { # label database instances
  "$BIN" planner-sim --port $SIMULATOR --data "$DIR/data.yaml" >/dev/null 2>&1 & local simulator=$!; pids+=($simulator)
  wait_for "http://127.0.0.1:$SIMULATOR/"
  serve $FIRST "$2"
  local target=$FIRST
  if [ "$3" = 2 ]; then serve $SECOND "$2"; target=$FRONT; fi
  local booked
  booked=$(python3 "$ROOT/Tests/Bench/ledger_data.py" "$DIR" --book "http://127.0.0.1:$target/JobnetCitizenStatusService")
  local line
  line=$(BENCH_DIR="$DIR" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$ROOT/Tests/Bench/rotate.lua" \
    "http://127.0.0.1:$target/JobnetCitizenStatusService" | grep '^RESULT')
  results+=("$1|$3|$booked|$line")
  echo "$1, $3 instance(s): $booked booked; $line"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  pids=()
  sleep 0.5
}

run "SQLite" "$DIR/ledger.sqlite" 1
as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p $PG -U postgres one
run "PostgreSQL" "postgres://postgres@127.0.0.1:$PG/one?sslmode=disable" 1
as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p $PG -U postgres two
run "PostgreSQL" "postgres://postgres@127.0.0.1:$PG/two?sslmode=disable" 2

# 4. The table, into docs/benchmarks.md.
{
  echo "<!-- ledger-bench:start -->"
  echo "Measured $(date -u +%Y-%m-%d) at commit $(git -C "$ROOT" rev-parse --short HEAD) on this 2-core machine: \`make bench-ledger\`, ${DURATION} s per row, $CONNECTIONS connections (every process — wrk, nginx, the gateways, PostgreSQL, the simulator — on the same 2 cores)."
  echo
  echo "| Ledger | Instances | First bookings made | CreateSelvbooking repeats/s | p50 ms | p99 ms | Errors |"
  echo "|---|---|---|---|---|---|---|"
  for row in "${results[@]}"; do
    IFS='|' read -r label instances booked line <<<"$row"
    rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line"); p50=$(sed -E 's/.*p50=([0-9]+).*/\1/' <<<"$line")
    p99=$(sed -E 's/.*p99=([0-9]+).*/\1/' <<<"$line"); errors=$(sed -E 's/.*errors=([0-9]+) non2xx=([0-9]+).*/\1 + \2 non-2xx/' <<<"$line")
    printf '| %s | %s | %s | %.0f | %s | %s | %s |\n' "$label" "$instances" "$booked" "$rps" \
      "$(awk -v us="$p50" 'BEGIN { printf "%.2f", us / 1000 }')" "$(awk -v us="$p99" 'BEGIN { printf "%.2f", us / 1000 }')" "$errors"
  done
  echo "<!-- ledger-bench:end -->"
} > "$DIR/table.md"
python3 - "$ROOT/docs/benchmarks.md" "$DIR/table.md" <<'PY'
import sys, re
doc, table = open(sys.argv[1]).read(), open(sys.argv[2]).read().strip()
pattern = re.compile(r"<!-- ledger-bench:start -->.*?<!-- ledger-bench:end -->", re.S)
doc = pattern.sub(lambda _: table, doc) if pattern.search(doc) else doc.rstrip() + "\n\n" + table + "\n"
open(sys.argv[1], "w").write(doc)
PY
cat "$DIR/table.md"
