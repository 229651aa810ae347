# What bench/run.sh and bench/compare.sh share: tools, bodies, starting a packaged server, wrk, CPU from /proc.
# Sourced, not run.

# The server's Java: JAVA_HOME's when it is set, as ./mvnw does.
JAVA_BIN=${JAVA_HOME:+$JAVA_HOME/bin/}java

# Nothing is installed behind your back: say what is missing and how to get it.
bench_require() {
  local missing=() tool major
  major=$("$JAVA_BIN" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/')
  [ "${major:-0}" -ge 25 ] 2>/dev/null || missing+=("Java 25 (set JAVA_HOME to a JDK 25, e.g. /usr/lib/jvm/temurin-25-jdk-amd64)")
  for tool in "$@"; do
    case "$tool" in
      wrk) command -v wrk >/dev/null || missing+=("wrk (Debian/Ubuntu: apt-get install wrk)") ;;
      nginx) command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] \
        || missing+=("nginx (Debian/Ubuntu: apt-get install nginx-light)") ;;
      *) command -v "$tool" >/dev/null || missing+=("$tool") ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    printf '%s needs:\n' "$0" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
  fi
}

bench_build() {
  echo "== building the server and its AOT cache (./mvnw -pl server -am package -DskipTests)"
  ./mvnw -q -B -pl server -am package -DskipTests
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# The clock and the polls below start no process: a `curl`, `date` or `sleep` costs some 25 ms of CPU per start, so
# polling a starting server with them every 20 and 50 ms took 1.2 of the 2 cores the server starts on.
now() { echo "$EPOCHREALTIME"; }

# pause SECONDS: sleeps in the shell itself.
exec {PAUSE_FD}<> <(:)
pause() { read -r -t "$1" -u "$PAUSE_FD" || true; }

# http_status PORT PATH: sets H_STATUS to the status of GET PATH on loopback, or to "" when nothing answers.
http_status() {
  local fd
  H_STATUS=""
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&"$fd"
  read -r -t 10 -u "$fd" _ H_STATUS _ || true
  exec {fd}<&-
}

machine() {
  echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
    "$(free -g | awk '/Mem:/{print $2}') GiB; $("$JAVA_BIN" -version 2>&1 | head -1); JAVA_OPTS='${JAVA_OPTS:-}'"
}

# write_bodies DIR: single.json (the docs' lead) and batch.json (100 different leads: numbers, flags and text fields
# vary; industries, titles and timelines come from short lists, as such fields do in real lead data)
write_bodies() {
  local industries=(Technology Healthcare Finance Retail Manufacturing Education Logistics Media)
  local titles=("VP of Engineering" "CTO" "Head of Sales" "Marketing Manager" "Software Engineer" "Director of IT"
    "Chief Revenue Officer" "Operations Analyst" "Founder" "Procurement Lead" "Data Scientist")
  local timelines=("Q1 2025" "Q2 2025" "Q3 2025" "Q4 2025" "H1 2026")
  lead() { # company_size industry engagement visits demo title timeline
    printf '{"company_size": %d, "industry": "%s", "engagement_score": %d, "website_visits": %d, "email_opens": 5, "content_downloads": 3, "demo_requested": %s, "budget_confirmed": false, "decision_timeline": "%s", "title": "%s"}' \
      "$1" "$2" "$3" "$4" "$5" "$7" "$6"
  }
  printf '{"inputs": %s, "options": {}}' "$(lead 1000 Technology 75 10 true "VP of Engineering" "Q2 2025")" \
    > "$1/single.json"
  {
    printf '{"inputs": ['
    for i in $(seq 0 99); do
      [ "$i" -gt 0 ] && printf ', '
      lead $((50 + i * 37)) "${industries[i % 8]}" $((i % 101)) $((i % 23)) \
        "$([ $((i % 2)) -eq 0 ] && echo true || echo false)" "${titles[i % 11]}" "${timelines[i % 5]}"
    done
    printf '], "options": {}}'
  } > "$1/batch.json"
}

# readme_jvm_options JAR [README]: sets RUN_OPTS to the JVM options of README's run command (the line that starts
# `./mvnw -q -DskipTests package && java`), with its AOT cache replaced by the one beside JAR (none if JAR has none).
readme_jvm_options() {
  local jar=$1 readme=${2:-$ROOT/README.md} line opt
  line=$(awk '/^\.\/mvnw -q -DskipTests package && java /{f=1} f{print} f && !/\\$/{exit}' "$readme" \
    | tr -d '\\\n')
  [ -n "$line" ] || { echo "README.md has no run command starting './mvnw -q -DskipTests package && java'" >&2; exit 1; }
  line=" ${line#*&& java }"
  line=${line%% -jar *}
  RUN_OPTS=()
  for opt in $line; do
    case "$opt" in
      -XX:AOTCache=*) [ -f "${jar%.jar}.aot" ] && RUN_OPTS+=("-XX:AOTCache=${jar%.jar}.aot") ;;
      *) RUN_OPTS+=("$opt") ;;
    esac
  done
}

# start_server JAR DIR [README]: starts the packaged server with README's run command (its JVM options, then JAVA_OPTS), on
# its embedded default with a data directory in DIR. Returns as soon as the port answers, having made a key with a
# high hourly limit; a background poll writes the moment it turned ready to DIR/ready.at. Sets S_PID, S_BASE, S_MGMT,
# S_KEY, S_STARTED (just before the process starts), S_ANSWERED (the port's first answer), all from `now`.
start_server() {
  local jar=$1 dir=$2 port mgmt admin
  port=$(free_port); mgmt=$(free_port)
  admin=hk_test_benchAdmin$(head -c 64 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 22)
  readme_jvm_options "$jar" "${3:-}"
  echo "== java ${RUN_OPTS[*]} ${JAVA_OPTS:-} -jar $jar"
  rm -f "$dir/ready.at"
  S_STARTED=$(now)
  HOKUSAI_DATA_DIR=$dir/data PORT=$port HOKUSAI_MANAGEMENT_PORT=$mgmt HOKUSAI_BOOTSTRAP_API_KEY=$admin \
    DJL_OFFLINE=true OPT_OUT_TRACKING=true \
    "$JAVA_BIN" "${RUN_OPTS[@]}" ${JAVA_OPTS:-} -jar "$jar" > "$dir/server.log" 2>&1 &
  S_PID=$!
  S_BASE=http://127.0.0.1:$port
  S_MGMT=http://127.0.0.1:$mgmt
  (until http_status "$port" /health/ready; [ "$H_STATUS" = 200 ]; do
     kill -0 "$S_PID" 2>/dev/null || exit 0
     pause 0.1
   done
   now > "$dir/ready.at") &
  until http_status "$port" /health/live; [ -n "$H_STATUS" ]; do
    kill -0 "$S_PID" 2>/dev/null || { echo "the server exited; its log:" >&2; tail -n 30 "$dir/server.log" >&2; exit 1; }
    [ $(( ${EPOCHREALTIME/./} - ${S_STARTED/./} )) -lt 180000000 ] || { echo "no answer after 180 s" >&2; exit 1; }
    pause 0.02
  done
  S_ANSWERED=$(now)
  # A cache the JVM refuses (another JDK build, or jars that are not the ones it was written with: copied, rebuilt) is
  # named on the first lines of the server's log; it is said here too, so that no figure passes for one with the cache.
  if grep -q '\[error *\]\[aot\]' "$dir/server.log"; then
    echo "== the AOT cache was refused (figures are without it): $(grep -m1 '\]\[aot\]' "$dir/server.log")"
  fi
  S_KEY=$(curl -fs -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"name": "bench", "scopes": ["predict", "models:read"], "rate_limit_per_hour": 100000000}' \
    "$S_BASE/api/v1/api-keys" | grep -o '"key":"[^"]*"' | cut -d'"' -f4)
  [ -n "$S_KEY" ] || { echo "could not create the bench key" >&2; exit 1; }
}

# await_ready DIR: waits for DIR/ready.at (written by start_server's poll) and sets S_READY from it.
await_ready() {
  local waited=0
  until [ -s "$1/ready.at" ]; do
    pause 0.05; waited=$((waited + 1))
    [ "$waited" -lt 3600 ] || { echo "not ready after 180 s" >&2; exit 1; }
  done
  S_READY=$(cat "$1/ready.at")
}

stop_server() {
  if [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1"
    wait "$1" 2>/dev/null || true
  fi
}

CLK_TCK=$(getconf CLK_TCK)
# CPU time (user + system, clock ticks) a process has used, every thread included.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# CPU time the whole machine has used (every core; user, nice, system, irq, softirq, steal; clock ticks): the server,
# its PostgreSQL, wrk and anything else running.
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
ticks_to_us() { echo "scale=1; $1 * 1000000 / $CLK_TCK" | bc; }

# run_wrk NAME URL METHOD BODY CONNECTIONS SECONDS [KEY] -> sets R_RPS R_P50 R_P99 R_REQ R_NON2XX (µs for latencies)
run_wrk() {
  local out us errors
  out=$(BENCH_METHOD=$3 BENCH_BODY_FILE=$4 BENCH_KEY=${7:-} \
    wrk -t2 -c"$5" -d"$6"s --timeout 10s -s "$BENCH_DIR/wrk-report.lua" "$2" | grep '^RESULT')
  R_REQ=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$out")
  us=$(sed -E 's/.*duration_us=([0-9]+).*/\1/' <<<"$out")
  R_RPS=$(echo "scale=1; $R_REQ * 1000000 / $us" | bc)
  R_P50=$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$out")
  R_P99=$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$out")
  R_NON2XX=$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$out")
  errors=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$out")
  if [ "$R_NON2XX" != 0 ] || [ "$errors" != 0 ]; then
    echo "!! $1: $R_NON2XX answers were not 2xx, $errors socket errors: the figures below are not valid" >&2
  fi
}

ms() { echo "scale=2; $1 / 1000" | bc | sed 's/^\./0./'; }
ratio() { echo "scale=3; $1 / $2" | bc | sed 's/^\./0./'; }
