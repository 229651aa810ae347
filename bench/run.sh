#!/usr/bin/env bash
# What a predict costs next to a static answer, from one command. Builds the packaged server (unless --jar names
# one), starts it on its embedded default with a key whose hourly limit is high, measures how fast it gets up to
# speed after ready, warms it, then runs wrk with the same settings against: predict (one lead, a batch of 100), a
# keyed read (GET /api/v1/models/21), /health/live and nginx serving a static copy of a predict answer. Prints
# throughput, p50/p99, ratios, the server's CPU per request (from /proc), its RSS and the per-stage timers.
# Loopback only; every run is bounded in time. See bench/README.md.
#
# Usage: bench/run.sh [--jar FILE] [--duration SECONDS] [--connections N] [--ramp SECONDS] [--keep-log]
#   JAVA_OPTS   extra JVM options for the server (none by default: the README's command, `java -jar`)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

JAR=""
DURATION=15
CONNECTIONS=32
RAMP=45
SLICE=3
KEEP_LOG=false
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$(realpath "$2"); shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --ramp) RAMP=$2; shift 2 ;;
    --keep-log) KEEP_LOG=true; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Nothing is installed behind your back: say what is missing and how to get it.
missing=()
command -v wrk >/dev/null || missing+=("wrk (Debian/Ubuntu: apt-get install wrk)")
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=("nginx (Debian/Ubuntu: apt-get install nginx-light)")
command -v curl >/dev/null || missing+=("curl (apt-get install curl)")
command -v java >/dev/null || missing+=("java 17 or newer")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'bench/run.sh needs:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "$JAR" ]; then
  echo "== building the server (./mvnw -pl server -am package -DskipTests)"
  ./mvnw -q -B -pl server -am package -DskipTests
  JAR=$ROOT/server/target/hokusai-server.jar
fi

WORK=$(mktemp -d /tmp/hokusai-bench.XXXXXX)
chmod 755 "$WORK"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -f "$WORK/nginx/nginx.pid" ]; then
    kill -QUIT "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  fi
  if $KEEP_LOG; then
    echo "server log: $WORK/server.log"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
now() { date +%s.%N; }
PORT=$(free_port)
MGMT_PORT=$(free_port)
NGINX_PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
ADMIN_KEY=hk_test_benchAdmin$(head -c 64 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 22)
CLK_TCK=$(getconf CLK_TCK)

# --- bodies: the docs' lead, and a batch of 100 different leads -----------------------------------------------------
lead() { # company_size engagement visits demo
  printf '{"company_size": %d, "industry": "Technology", "engagement_score": %d, "website_visits": %d, "email_opens": 5, "content_downloads": 3, "demo_requested": %s, "budget_confirmed": false, "decision_timeline": "Q2 2025", "title": "VP of Engineering"}' "$@"
}
printf '{"inputs": %s, "options": {}}' "$(lead 1000 75 10 true)" > "$WORK/single.json"
{
  printf '{"inputs": ['
  for i in $(seq 0 99); do
    [ "$i" -gt 0 ] && printf ', '
    lead $((50 + i * 37)) $((i % 101)) $((i % 23)) "$([ $((i % 2)) -eq 0 ] && echo true || echo false)"
  done
  printf '], "options": {}}'
} > "$WORK/batch.json"

# --- the server, as the README starts it ------------------------------------------------------------------------
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "== java: $(java -version 2>&1 | head -1); JAVA_OPTS='${JAVA_OPTS:-}'"
echo "== jar: $JAR"
echo "== load before start: $(cut -d' ' -f1-3 /proc/loadavg)"
STARTED=$(now)
HOKUSAI_DATA_DIR=$WORK/data PORT=$PORT HOKUSAI_MANAGEMENT_PORT=$MGMT_PORT HOKUSAI_BOOTSTRAP_API_KEY=$ADMIN_KEY \
  DJL_OFFLINE=true OPT_OUT_TRACKING=true \
  java ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -fs -o /dev/null "$BASE/health/ready"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited; its log:" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }
  if awk -v s="$STARTED" -v n="$(now)" 'BEGIN{exit !(n - s > 180)}'; then echo "not ready after 180 s" >&2; exit 1; fi
  sleep 0.05
done
READY=$(now)
printf '== ready %.1f s after start\n' "$(echo "$READY - $STARTED" | bc)"

KEY=$(curl -fs -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
  -d '{"name": "bench", "scopes": ["predict", "models:read"], "rate_limit_per_hour": 100000000}' \
  "$BASE/api/v1/api-keys" | grep -o '"key":"[^"]*"' | cut -d'"' -f4)
[ -n "$KEY" ] || { echo "could not create the bench key" >&2; exit 1; }
curl -fs -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @"$WORK/single.json" \
  "$BASE/api/v1/models/21/predict" > "$WORK/answer.json"

# --- nginx, serving a static copy of that answer: the machine's ceiling --------------------------------------------
mkdir -p "$WORK/nginx/static"
cp "$WORK/answer.json" "$WORK/nginx/static/answer.json"
cat > "$WORK/nginx/nginx.conf" <<EOF
$([ "$(id -u)" -eq 0 ] && echo 'user root;')
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { root $WORK/nginx/static; default_type application/json; }
  }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log"

# --- measuring -----------------------------------------------------------------------------------------------------
jvm_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
db_ticks() { # the embedded PostgreSQL: its postmaster and every backend
  local master total=0 p
  master=$(head -1 "$WORK/data/pgdata/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  for p in "$master" $(awk -v m="$master" '$4 == m {print $1}' /proc/[0-9]*/stat 2>/dev/null); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# run_wrk NAME URL METHOD BODY CONNECTIONS SECONDS [KEY] -> sets R_RPS R_P50 R_P99 R_REQ R_NON2XX
run_wrk() {
  local out
  out=$(BENCH_METHOD=$3 BENCH_BODY_FILE=$4 BENCH_KEY=${7:-} \
    wrk -t2 -c"$5" -d"$6"s --timeout 10s -s "$ROOT/bench/wrk-report.lua" "$2" | grep '^RESULT')
  R_REQ=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$out")
  local us; us=$(sed -E 's/.*duration_us=([0-9]+).*/\1/' <<<"$out")
  R_RPS=$(echo "scale=1; $R_REQ * 1000000 / $us" | bc)
  R_P50=$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$out")
  R_P99=$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$out")
  R_NON2XX=$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$out")
  local errors; errors=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$out")
  if [ "$R_NON2XX" != 0 ] || [ "$errors" != 0 ]; then
    echo "!! $1: $R_NON2XX answers were not 2xx, $errors socket errors: the figures below are not valid" >&2
  fi
}

PREDICT_URL=$BASE/api/v1/models/21/predict
TARGETS=(
  "predict|$PREDICT_URL|POST|$WORK/single.json|key"
  "predict batch 100|$PREDICT_URL|POST|$WORK/batch.json|key"
  "GET /api/v1/models/21|$BASE/api/v1/models/21|GET||key"
  "GET /health/live|$BASE/health/live|GET||"
  "nginx static answer|http://127.0.0.1:$NGINX_PORT/answer.json|GET||"
)

echo
echo "== up to speed: predict, $CONNECTIONS connections, ${SLICE}-second slices from ready (load $(cut -d' ' -f1 /proc/loadavg))"
RAMP_TIMES=(); RAMP_RPS=()
while :; do
  run_wrk ramp "$PREDICT_URL" POST "$WORK/single.json" "$CONNECTIONS" "$SLICE" "$KEY"
  t=$(echo "$(now) - $READY" | bc)
  RAMP_TIMES+=("$t"); RAMP_RPS+=("$R_RPS")
  printf '   %5.1f s after ready: %8.0f req/s\n' "$t" "$R_RPS"
  awk -v t="$t" -v r="$RAMP" 'BEGIN{exit !(t >= r)}' && break
done

echo "== warm-up: 10 s on each target"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url method body keyed <<<"$target"
  run_wrk "$name" "$url" "$method" "$body" "$CONNECTIONS" 10 "$([ "$keyed" = key ] && echo "$KEY")"
done

scrape() { curl -fs "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" || true; }

echo
echo "== measured: wrk -t2 -c$CONNECTIONS -d${DURATION}s each, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A RPS P50 P99 CPU DBCPU
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url method body keyed <<<"$target"
  [ "$name" = predict ] && scrape > "$WORK/metrics.before"
  j0=$(jvm_ticks); d0=$(db_ticks)
  run_wrk "$name" "$url" "$method" "$body" "$CONNECTIONS" "$DURATION" "$([ "$keyed" = key ] && echo "$KEY")"
  j1=$(jvm_ticks); d1=$(db_ticks)
  [ "$name" = predict ] && scrape > "$WORK/metrics.after"
  RPS[$name]=$R_RPS; P50[$name]=$R_P50; P99[$name]=$R_P99
  if [[ "$url" == "$BASE"* ]]; then
    CPU[$name]=$(echo "scale=1; ($j1 - $j0) * 1000000 / $CLK_TCK / $R_REQ" | bc)
    DBCPU[$name]=$(echo "scale=1; ($d1 - $d0) * 1000000 / $CLK_TCK / $R_REQ" | bc)
  else
    CPU[$name]="-"; DBCPU[$name]="-"
  fi
done
j0=$(jvm_ticks)
run_wrk "predict, 4 connections" "$PREDICT_URL" POST "$WORK/single.json" 4 "$DURATION" "$KEY"
j1=$(jvm_ticks)
P4_RPS=$R_RPS; P4_P50=$R_P50; P4_P99=$R_P99
P4_CPU=$(echo "scale=1; ($j1 - $j0) * 1000000 / $CLK_TCK / $R_REQ" | bc)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

ms() { echo "scale=2; $1 / 1000" | bc | sed 's/^\./0./'; }
ratio() { echo "scale=3; $1 / $2" | bc | sed 's/^\./0./'; }
LIVE=${RPS[GET /health/live]}
NGINX_RPS=${RPS[nginx static answer]}
printf '\n%-24s %10s %8s %8s %9s %9s %12s %12s\n' "target" "req/s" "p50 ms" "p99 ms" "÷ live" "÷ nginx" "JVM µs/req" "DB µs/req"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name _ <<<"$target"
  printf '%-24s %10.0f %8s %8s %9s %9s %12s %12s\n' "$name" "${RPS[$name]}" "$(ms "${P50[$name]}")" \
    "$(ms "${P99[$name]}")" "$(ratio "${RPS[$name]}" "$LIVE")" "$(ratio "${RPS[$name]}" "$NGINX_RPS")" \
    "${CPU[$name]}" "${DBCPU[$name]}"
done
printf '%-24s %10.0f %8s %8s %9s %9s %12s %12s\n' "predict, 4 connections" "$P4_RPS" "$(ms "$P4_P50")" \
  "$(ms "$P4_P99")" "$(ratio "$P4_RPS" "$LIVE")" "$(ratio "$P4_RPS" "$NGINX_RPS")" "$P4_CPU" ""
echo "(load after: $LOAD_AFTER)"

STEADY=${RPS[predict]}
REACHED="not within ${RAMP} s"
for i in "${!RAMP_RPS[@]}"; do
  if awk -v r="${RAMP_RPS[$i]}" -v s="$STEADY" 'BEGIN{exit !(r >= 0.8 * s)}'; then
    REACHED=$(printf '%.1f s' "${RAMP_TIMES[$i]}"); break
  fi
done
echo
echo "targets:"
printf '  predict ÷ /health/live              %s   (target ≥ 0.5, stretch 0.7)\n' "$(ratio "$STEADY" "$LIVE")"
printf '  GET /api/v1/models/21 ÷ live        %s   (target ≥ 0.7)\n' "$(ratio "${RPS[GET /api/v1/models/21]}" "$LIVE")"
printf '  JVM CPU predict − live              %s µs   (target ≤ 150)\n' \
  "$(echo "${CPU[predict]} - ${CPU[GET /health/live]}" | bc)"
printf '  p99 at 4 connections                %s ms   (target ≤ 5)\n' "$(ms "$P4_P99")"
printf '  80 %% of steady predict throughput   %s after ready   (target ≤ 15 s; steady %.0f req/s)\n' "$REACHED" "$STEADY"
printf '  batch of 100 ÷ one lead, CPU        %s   (target ≤ 5)\n' "$(ratio "${CPU[predict batch 100]}" "${CPU[predict]}")"
printf '  batch of 100 ÷ one lead, time       %s   (throughput ratio, single ÷ batch)\n' \
  "$(ratio "$STEADY" "${RPS[predict batch 100]}")"
printf '  RSS now / peak                      %s / %s MiB   (target ≤ 512)\n' \
  "$(awk '/VmRSS/{printf "%d", $2/1024}' "/proc/$SERVER_PID/status")" \
  "$(awk '/VmHWM/{printf "%d", $2/1024}' "/proc/$SERVER_PID/status")"

# --- where a predict's time goes: the server's per-stage timers, over the measured predict run only -------------
echo
echo "per-stage time of a predict (hokusai.predict.stage timers, mean over the measured run):"
if grep -q '^hokusai_predict_stage_seconds_count' "$WORK/metrics.after"; then
  awk '
    FNR == NR { if ($1 ~ /^hokusai_predict_stage_seconds_(sum|count)\{/) before[$1] = $2; next }
    $1 ~ /^hokusai_predict_stage_seconds_(sum|count)\{/ {
      match($1, /stage="[^"]*"/); stage = substr($1, RSTART + 7, RLENGTH - 8)
      if ($1 ~ /_sum\{/) sum[stage] += $2 - before[$1]; else count[stage] += $2 - before[$1]
    }
    END { for (s in count) if (count[s] > 0) printf "  %-14s %8.1f µs  (%d calls)\n", s, sum[s] / count[s] * 1e6, count[s] }
  ' "$WORK/metrics.before" "$WORK/metrics.after" | sort -t'(' -k1,1
else
  echo "  (this server exposes no hokusai_predict_stage timers)"
fi
