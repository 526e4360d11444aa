#!/usr/bin/env bash
# Benchmark 6d: the API under load: wrk on GET /api/jobs/{id} while two jobs run (the simulated model with a
# 200 ms latency per call keeps them running for the whole measurement). Needs wrk (apt-get install wrk).
# Usage: bench/api-load.sh [seconds=20] [connections=8] [threads=2] [java options...]
source "$(dirname "$0")/lib.sh"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
SECONDS_=${1:-20}; CONNECTIONS=${2:-8}; THREADS=${3:-2}
WORK=$(mktemp -d); PORT=$(free_port)
trap 'kill ${SERVICE_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
unset OPENAI_API_KEY
start_service "$PORT" "$WORK/api" --mipro.llm.simulated-latency=200ms --mipro.llm.cache=false
BASE="http://localhost:$PORT"
TRAIN=$(upload "$BASE" "$SHARED/squad_xquad_en/train.json"); DEV=$(upload "$BASE" "$SHARED/squad_xquad_en/dev.json")
BODY="{\"trainDatasetId\": \"$TRAIN\", \"devDatasetId\": \"$DEV\", \"program\": {\"signature\": \"context, question -> answer\"}, \"metric\": \"exact_match\"}"
J1=$(submit "$BASE" "$BODY"); J2=$(submit "$BASE" "$BODY")
until [ "$(curl -sf "$BASE/api/jobs?status=RUNNING" | json "['totalElements']")" = 2 ]; do sleep 0.2; done
# warm-up (JIT), then the measurement
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$BASE/api/jobs/$J1" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_}s" --latency "$BASE/api/jobs/$J1" | tee "$WORK/wrk.txt"
echo "jobs still running at the end: $(curl -sf "$BASE/api/jobs?status=RUNNING" | json "['totalElements']") of 2"
echo "summary: $(grep 'Requests/sec' "$WORK/wrk.txt" | awk '{print $2}') req/s, p99 $(grep ' 99%' "$WORK/wrk.txt" | awk '{print $2}')"
# the same load on the cheapest endpoint of the same stack (no database): a floor for what this machine gives now
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s --latency "$BASE/actuator/health" > "$WORK/health.txt"
echo "for comparison, GET /actuator/health: $(grep 'Requests/sec' "$WORK/health.txt" | awk '{print $2}') req/s, p99 $(grep ' 99%' "$WORK/health.txt" | awk '{print $2}')"
