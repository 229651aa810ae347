#!/usr/bin/env bash
# What a predict costs next to a static answer, from one command. Builds the packaged server and its AOT cache (unless
# --jar names one), starts it with README's run command on its embedded default, sends predict load from the moment
# its port answers and measures from process start how soon it is ready and up to speed, warms it, then runs wrk
# with the same settings against: predict (one lead, a batch of 100), a
# keyed read (GET /api/v1/models/21), /health/live and nginx serving a static copy of a predict answer. Prints
# throughput, p50/p99, ratios, the server's CPU per request (from /proc), its RSS and the per-stage timers.
# Loopback only; every run is bounded in time. See bench/README.md.
#
# Usage: bench/run.sh [--jar FILE] [--duration SECONDS] [--connections N] [--ramp SECONDS] [--warm SECONDS]
#                     [--keep-log]
#   --jar       the extracted application jar (default server/target/hokusai-server/hokusai-server.jar); the AOT
#               cache beside it (same name, .aot) is used when there is one
#   JAVA_OPTS   extra JVM options for the server, after README's own
#   README      another README.md whose run command to start with (e.g. the one of the commit the jar was built from)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

JAR=""
DURATION=15
CONNECTIONS=32
RAMP=45 # seconds after process start
WARM=10
SLICE=3
KEEP_LOG=false
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$(realpath "$2"); shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --ramp) RAMP=$2; shift 2 ;;
    --warm) WARM=$2; shift 2 ;;
    --keep-log) KEEP_LOG=true; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

BENCH_DIR=$ROOT/bench
. "$BENCH_DIR/lib.sh"
bench_require wrk nginx curl java bc
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "$JAR" ]; then
  bench_build
  JAR=$ROOT/server/target/hokusai-server/hokusai-server.jar
fi

WORK=$(mktemp -d /tmp/hokusai-bench.XXXXXX)
chmod 755 "$WORK"
SERVER_PID=""
cleanup() {
  stop_server "$SERVER_PID"
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

NGINX_PORT=$(free_port)
write_bodies "$WORK"

# --- the server, as the README starts it ------------------------------------------------------------------------
machine
echo "== jar: $JAR"
echo "== load before start: $(cut -d' ' -f1-3 /proc/loadavg)"
start_server "$JAR" "$WORK" "${README:-}"
SERVER_PID=$S_PID; BASE=$S_BASE; KEY=$S_KEY; STARTED=$S_STARTED
printf '== the port answered %.1f s after process start\n' "$(echo "$S_ANSWERED - $STARTED" | bc)"
PREDICT_URL=$BASE/api/v1/models/21/predict

# --- up to speed: predict load from the port's first answer, timed from process start ----------------------------
echo "== up to speed: predict, $CONNECTIONS connections, ${SLICE}-second slices from the port's first answer"
RAMP_TIMES=(); RAMP_RPS=()
while :; do
  run_wrk ramp "$PREDICT_URL" POST "$WORK/single.json" "$CONNECTIONS" "$SLICE" "$KEY" 2>/dev/null
  t=$(echo "$(now) - $STARTED" | bc)
  ok=$(echo "scale=1; $R_RPS * ($R_REQ - $R_NON2XX) / ($R_REQ + 0.001)" | bc) # 2xx answers only
  RAMP_TIMES+=("$t"); RAMP_RPS+=("$ok")
  printf '   %5.1f s after start (end of slice): %8.0f 2xx/s\n' "$t" "$ok"
  awk -v t="$t" -v r="$RAMP" 'BEGIN{exit !(t >= r)}' && break
done
await_ready "$WORK"
READY_AFTER=$(echo "$S_READY - $STARTED" | bc)
printf '== ready %.1f s after process start\n' "$READY_AFTER"
curl -fs -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @"$WORK/single.json" \
  "$PREDICT_URL" > "$WORK/answer.json"

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
jvm_ticks() { cpu_ticks "$SERVER_PID"; }
db_ticks() { # the embedded PostgreSQL: its postmaster and every backend
  local master total=0 p
  master=$(head -1 "$WORK/data/pgdata/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  for p in "$master" $(awk -v m="$master" '$4 == m {print $1}' /proc/[0-9]*/stat 2>/dev/null); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

TARGETS=(
  "predict|$PREDICT_URL|POST|$WORK/single.json|key"
  "predict batch 100|$PREDICT_URL|POST|$WORK/batch.json|key"
  "GET /api/v1/models/21|$BASE/api/v1/models/21|GET||key"
  "GET /health/live|$BASE/health/live|GET||"
  "nginx static answer|http://127.0.0.1:$NGINX_PORT/answer.json|GET||"
)

echo "== warm-up: $WARM s on each target"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url method body keyed <<<"$target"
  run_wrk "$name" "$url" "$method" "$body" "$CONNECTIONS" "$WARM" "$([ "$keyed" = key ] && echo "$KEY")"
done

scrape() { curl -fs "$S_MGMT/actuator/prometheus" || true; }

echo
echo "== measured: wrk -t2 -c$CONNECTIONS -d${DURATION}s each, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A RPS P50 P99 CPU DBCPU ALLCPU
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name url method body keyed <<<"$target"
  [ "$name" = predict ] && scrape > "$WORK/metrics.before"
  j0=$(jvm_ticks); d0=$(db_ticks); m0=$(machine_ticks)
  run_wrk "$name" "$url" "$method" "$body" "$CONNECTIONS" "$DURATION" "$([ "$keyed" = key ] && echo "$KEY")"
  j1=$(jvm_ticks); d1=$(db_ticks); m1=$(machine_ticks)
  ALLCPU[$name]=$(echo "scale=1; ($m1 - $m0) * 1000000 / $CLK_TCK / $R_REQ" | bc)
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

LIVE=${RPS[GET /health/live]}
NGINX_RPS=${RPS[nginx static answer]}
# "all µs/req" is the whole machine's CPU per request (server, PostgreSQL, wrk, the kernel's network work for both):
# with both cores busy, throughput is about 2 cores ÷ that, so it is what bounds each ratio to live.
printf '\n%-24s %10s %8s %8s %9s %9s %12s %12s %12s\n' "target" "req/s" "p50 ms" "p99 ms" "÷ live" "÷ nginx" \
  "JVM µs/req" "DB µs/req" "all µs/req"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name _ <<<"$target"
  printf '%-24s %10.0f %8s %8s %9s %9s %12s %12s %12s\n' "$name" "${RPS[$name]}" "$(ms "${P50[$name]}")" \
    "$(ms "${P99[$name]}")" "$(ratio "${RPS[$name]}" "$LIVE")" "$(ratio "${RPS[$name]}" "$NGINX_RPS")" \
    "${CPU[$name]}" "${DBCPU[$name]}" "${ALLCPU[$name]}"
done
printf '%-24s %10.0f %8s %8s %9s %9s %12s %12s\n' "predict, 4 connections" "$P4_RPS" "$(ms "$P4_P50")" \
  "$(ms "$P4_P99")" "$(ratio "$P4_RPS" "$LIVE")" "$(ratio "$P4_RPS" "$NGINX_RPS")" "$P4_CPU" ""
echo "(load after: $LOAD_AFTER)"

STEADY=${RPS[predict]}
# The end of the first ramp slice at or above a rate, from process start.
first_slice_at() {
  for i in "${!RAMP_RPS[@]}"; do
    if awk -v r="${RAMP_RPS[$i]}" -v f="$1" 'BEGIN{exit !(r >= f)}'; then
      printf '%.1f s' "${RAMP_TIMES[$i]}"; return
    fi
  done
  echo "not within ${RAMP} s"
}
REACHED=$(first_slice_at "$(echo "0.8 * $STEADY" | bc)")
# A fixed rate beside it: a run whose steady figure came out low (a starved JIT, a busy machine) does not reach it sooner.
FIXED_RATE=3000
AT_RATE=$(first_slice_at "$FIXED_RATE")
echo
echo "targets:"
printf '  predict ÷ /health/live              %s   (target ≥ 0.5, stretch 0.7)\n' "$(ratio "$STEADY" "$LIVE")"
printf '  GET /api/v1/models/21 ÷ live        %s   (target ≥ 0.7)\n' "$(ratio "${RPS[GET /api/v1/models/21]}" "$LIVE")"
printf '  JVM CPU predict − live              %s µs   (target ≤ 150)\n' \
  "$(echo "${CPU[predict]} - ${CPU[GET /health/live]}" | bc)"
printf '  machine CPU live ÷ predict          %s   (the predict ÷ live the CPU allows; PostgreSQL %s µs and wrk are in it)\n' \
  "$(ratio "${ALLCPU[GET /health/live]}" "${ALLCPU[predict]}")" "${DBCPU[predict]}"
printf '  p99 at 4 connections                %s ms   (target ≤ 5)\n' "$(ms "$P4_P99")"
printf '  ready                               %.1f s after process start   (target ≤ 10 s)\n' "$READY_AFTER"
printf '  80 %% of steady predict throughput   %s after process start   (target ≤ 30 s; steady %.0f req/s)\n' \
  "$REACHED" "$STEADY"
printf '  first slice at %s predicts/s       %s after process start   (a fixed rate, beside the line above)\n' \
  "$FIXED_RATE" "$AT_RATE"
printf '  batch of 100 ÷ one lead, CPU        %s   (target ≤ 5)\n' "$(ratio "${CPU[predict batch 100]}" "${CPU[predict]}")"
printf '  batch of 100 ÷ one lead, time       %s   (throughput ratio, single ÷ batch)\n' \
  "$(ratio "$STEADY" "${RPS[predict batch 100]}")"
printf '  RSS now / peak                      %s / %s MiB   (target ≤ 512)\n' \
  "$(awk '/VmRSS/{printf "%d", $2/1024}' "/proc/$SERVER_PID/status")" \
  "$(awk '/VmHWM/{printf "%d", $2/1024}' "/proc/$SERVER_PID/status")"

# --- where a predict's time goes: the server's per-stage timers, over the measured predict run only -------------
echo
echo "per-stage time of a predict (hokusai.stage timers; mean over the measured predict run, 32 connections):"
if grep -q '^hokusai_stage_seconds_count' "$WORK/metrics.after"; then
  awk '
    function key(line) { return line }
    FNR == NR { before[$1] = $2; next }
    $1 ~ /^hokusai_stage_seconds_(sum|count)\{/ {
      match($1, /stage="[^"]*"/); stage = substr($1, RSTART + 7, RLENGTH - 8)
      if ($1 ~ /_sum\{/) sum[stage] += $2 - before[$1]; else count[stage] += $2 - before[$1]
    }
    $1 ~ /^hokusai_metering_batch_size_rows_(sum|count)/ {
      if ($1 ~ /_sum/) rows += $2 - before[$1]; else commits += $2 - before[$1]
    }
    $1 ~ /^http_server_requests_seconds_(sum|count)\{/ && $1 ~ /uri="\/api\/v1\/models\/\{modelRef\}\/predict"/ \
        && $1 ~ /status="200"/ {
      if ($1 ~ /_sum\{/) hsum += $2 - before[$1]; else hcount += $2 - before[$1]
    }
    END {
      order = "authenticate rate_limit resolve validate load model meter"
      n = split(order, names, " ")
      for (i = 1; i <= n; i++) {
        s = names[i]
        if (count[s] > 0) { mean = sum[s] / count[s] * 1e6; staged += mean; printf "  %-14s %9.1f µs\n", s, mean }
      }
      for (s in count) if (index(" " order " ", " " s " ") == 0 && count[s] > 0)
        printf "  %-14s %9.1f µs\n", s, sum[s] / count[s] * 1e6
      if (hcount > 0) {
        printf "  %-14s %9.1f µs  (http.server.requests of predict, 200)\n", "whole request", hsum / hcount * 1e6
        printf "  %-14s %9.1f µs  (container, filters, routing, body, JSON, waiting for a thread or the CPU)\n", \
          "outside stages", hsum / hcount * 1e6 - staged
      }
      if (commits > 0) printf "  %-14s %9.1f     (inference logs per metering commit; %d commits)\n", "rows/commit", \
        rows / commits, commits
    }
  ' "$WORK/metrics.before" "$WORK/metrics.after"
else
  echo "  (this server exposes no hokusai_stage timers)"
fi
