#!/usr/bin/env bash
# Two builds of the server under the same conditions: both run at once, each warmed the same way, then measured in
# short wrk bursts taken in turn (A, B, A, B, …), so load from anything else on the machine falls on both alike.
# Prints, per build and target, throughput, p50/p99 (medians over the bursts) and JVM CPU per request.
# Loopback only; bounded by --rounds × targets × 2 × --burst seconds after the warm-up.
#
# Usage: bench/compare.sh JAR_A JAR_B [--rounds N] [--burst SECONDS] [--warm SECONDS] [--connections N]
#   Each build starts with README's run command (an AOT cache beside its jar is used); README_A / README_B name
#   another README.md whose run command that build starts with (e.g. the one of the commit it was built from).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH_DIR=$PWD/bench
. "$BENCH_DIR/lib.sh"
bench_require wrk curl java bc

[ $# -ge 2 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
JARS=("$(realpath "$1")" "$(realpath "$2")"); shift 2
ROUNDS=6; BURST=5; WARM=30; CONNECTIONS=32
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --burst) BURST=$2; shift 2 ;;
    --warm) WARM=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

WORK=$(mktemp -d /tmp/hokusai-compare.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do stop_server "$pid"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
write_bodies "$WORK"
machine

BASES=(); KEYS=()
for i in 0 1; do
  mkdir -p "$WORK/$i"
  readme=$([ "$i" = 0 ] && echo "${README_A:-}" || echo "${README_B:-}")
  start_server "${JARS[$i]}" "$WORK/$i" "$readme"
  await_ready "$WORK/$i"
  PIDS+=("$S_PID"); BASES+=("$S_BASE"); KEYS+=("$S_KEY")
  printf '== %s: %s, ready %.1f s after start\n' "$([ "$i" = 0 ] && echo A || echo B)" "${JARS[$i]}" \
    "$(echo "$S_READY - $S_STARTED" | bc)"
done

# name|path|method|body|keyed|connections
TARGETS=(
  "predict|/api/v1/models/21/predict|POST|$WORK/single.json|key|$CONNECTIONS"
  "predict, 4 connections|/api/v1/models/21/predict|POST|$WORK/single.json|key|4"
  "predict batch 100|/api/v1/models/21/predict|POST|$WORK/batch.json|key|$CONNECTIONS"
  "GET /api/v1/models/21|/api/v1/models/21|GET||key|$CONNECTIONS"
  "GET /health/live|/health/live|GET|||$CONNECTIONS"
)

echo "== warm-up: $WARM s per build on predict, then 5 s per target (load $(cut -d' ' -f1 /proc/loadavg))"
for i in 0 1; do
  run_wrk warm "${BASES[$i]}/api/v1/models/21/predict" POST "$WORK/single.json" "$CONNECTIONS" "$WARM" "${KEYS[$i]}"
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r name path method body keyed conns <<<"$target"
    run_wrk warm "${BASES[$i]}$path" "$method" "$body" "$conns" 5 "$([ "$keyed" = key ] && echo "${KEYS[$i]}")"
  done
done

declare -A REQ SECS TICKS P50S P99S
echo "== $ROUNDS rounds of ${BURST}-second bursts, A and B in turn (load $(cut -d' ' -f1 /proc/loadavg))"
for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    IFS='|' read -r name path method body keyed conns <<<"$target"
    for i in 0 1; do
      t0=$(cpu_ticks "${PIDS[$i]}")
      run_wrk "$name" "${BASES[$i]}$path" "$method" "$body" "$conns" "$BURST" \
        "$([ "$keyed" = key ] && echo "${KEYS[$i]}")"
      t1=$(cpu_ticks "${PIDS[$i]}")
      k="$i|$name"
      REQ[$k]=$(( ${REQ[$k]:-0} + R_REQ ))
      SECS[$k]=$(echo "${SECS[$k]:-0} + $R_REQ / $R_RPS" | bc -l)
      TICKS[$k]=$(( ${TICKS[$k]:-0} + t1 - t0 ))
      P50S[$k]="${P50S[$k]:-} $R_P50"; P99S[$k]="${P99S[$k]:-} $R_P99"
    done
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "(load after: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '\n%-24s %-3s %9s %8s %8s %11s\n' target "" "req/s" "p50 ms" "p99 ms" "JVM µs/req"
for target in "${TARGETS[@]}"; do
  IFS='|' read -r name _ <<<"$target"
  for i in 0 1; do
    k="$i|$name"
    printf '%-24s %-3s %9.0f %8s %8s %11s\n' "$([ "$i" = 0 ] && echo "$name" || echo "")" \
      "$([ "$i" = 0 ] && echo A || echo B)" "$(echo "${REQ[$k]} / ${SECS[$k]}" | bc -l)" \
      "$(ms "$(median "${P50S[$k]}")")" "$(ms "$(median "${P99S[$k]}")")" \
      "$(ticks_to_us "$(echo "scale=6; ${TICKS[$k]} / ${REQ[$k]}" | bc)")"
  done
done
for i in 0 1; do
  printf 'RSS peak %s: %s MiB\n' "$([ "$i" = 0 ] && echo A || echo B)" \
    "$(awk '/VmHWM/{printf "%d", $2/1024}' "/proc/${PIDS[$i]}/status")"
done
