#!/usr/bin/env bash
# Times light jobs end to end through the HTTP API on the simulated model: submit -> SUCCEEDED.
# Usage: bench/light-job.sh [runs] [cache]   (builds the jar if needed; needs curl and python3)
#   cache=false (default): every run calls the model; cache=true: runs after the first are served from the cache
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
CACHE=${2:-false}
SHARED=${MIPRO_SHARED_DATA:-../shared/data}
JAR=$(ls target/mipro-service-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q -DskipTests package; JAR=$(ls target/mipro-service-*.jar | head -1); }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
DATA=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
env -u OPENAI_API_KEY java -jar "$JAR" --server.port="$PORT" --mipro.data-dir="$DATA" --mipro.llm.cache="$CACHE" > "$DATA/service.log" 2>&1 &
PID=$!
until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do sleep 0.5; done
BASE="http://localhost:$PORT"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
upload() { curl -sf -F "file=@$1" "$BASE/api/datasets" | json "['id']"; }

run() { # name train dev [test]
  local name=$1 train dev test body id start status
  train=$(upload "$2"); dev=$(upload "$3"); test=null
  [ -n "${4:-}" ] && test="\"$(upload "$4")\""
  body="{\"name\": \"$name\", \"trainDatasetId\": \"$train\", \"devDatasetId\": \"$dev\", \"testDatasetId\": $test,
    \"program\": {\"signature\": \"context, question -> answer\", \"instructions\": \"Answer the question based on the given context.\"},
    \"metric\": \"exact_match\", \"optimizer\": {\"auto\": \"light\", \"seed\": 9}}"
  start=$(date +%s.%N)
  id=$(curl -sf -H 'Content-Type: application/json' -d "$body" "$BASE/api/jobs" | json "['id']")
  while true; do
    status=$(curl -sf "$BASE/api/jobs/$id" | json "['status']")
    case $status in SUCCEEDED|FAILED|CANCELLED) break ;; esac
    sleep 0.05
  done
  local elapsed; elapsed=$(python3 -c "import time; print(f'{$(date +%s.%N) - $start:.2f}')")
  curl -sf "$BASE/api/jobs/$id" | python3 -c "
import json,sys; j=json.load(sys.stdin); u=j['lmUsage']
print(f\"$name: {j['status']} in ${elapsed} s; trials {j['progress']['completedTrials']}, baseline {j['baselineScore']} -> best {j['bestScore']}; calls sent {u['promptModelCalls']+u['taskModelCalls']}, cached {u['cachedCalls']}\")"
}

for i in $(seq 1 "$RUNS"); do
  run "data-light-$i" data/train.json data/dev.json
done
for i in $(seq 1 "$RUNS"); do
  run "squad-light-$i" "$SHARED/squad_xquad_en/train.json" "$SHARED/squad_xquad_en/dev.json" "$SHARED/squad_xquad_en/test.json"
done
