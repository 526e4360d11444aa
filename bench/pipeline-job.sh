#!/usr/bin/env bash
# A light two-stage job (find: context, question -> evidence; answer: evidence, question -> answer as a chain of
# thought) on data/ through the HTTP API, on the simulated model with a fixed latency per call (like a remote model),
# response cache off. Prints the wall time from submit to SUCCEEDED and the provider calls per predictor, counted from
# the simulated provider's own log of each call (the fields each call asked for).
# Usage: bench/pipeline-job.sh [latency=50ms] [runs=3]   (builds the jar if needed; needs curl and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
LATENCY=${1:-50ms}
RUNS=${2:-3}
JAR=$(ls target/mipro-service-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q -DskipTests package; JAR=$(ls target/mipro-service-*.jar | head -1); }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
DATA=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
env -u OPENAI_API_KEY java -jar "$JAR" --server.port="$PORT" --mipro.data-dir="$DATA" --mipro.llm.cache=false \
  --mipro.llm.simulated-latency="$LATENCY" --logging.level.io.mipro.llm.simulated=DEBUG > "$DATA/service.log" 2>&1 &
PID=$!
until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do sleep 0.5; done
BASE="http://localhost:$PORT"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
upload() { curl -sf -F "file=@$1" "$BASE/api/datasets" | json "['id']"; }
TRAIN=$(upload data/train.json)
DEV=$(upload data/dev.json)
BODY="{\"name\": \"two-stage\", \"trainDatasetId\": \"$TRAIN\", \"devDatasetId\": \"$DEV\",
  \"program\": {\"modules\": [
    {\"name\": \"find\", \"signature\": \"context, question -> evidence\", \"instructions\": \"Find the evidence in the context for the question.\"},
    {\"name\": \"answer\", \"signature\": \"evidence, question -> answer\", \"module\": \"chain_of_thought\", \"instructions\": \"Answer the question from the evidence.\"}]},
  \"metric\": \"exact_match\", \"optimizer\": {\"auto\": \"light\", \"seed\": 9}}"
for i in $(seq 1 "$RUNS"); do
  from=$(wc -l < "$DATA/service.log")
  start=$(date +%s.%N)
  id=$(curl -sf -H 'Content-Type: application/json' -d "$BODY" "$BASE/api/jobs" | json "['id']")
  while true; do
    status=$(curl -sf "$BASE/api/jobs/$id" | json "['status']")
    case $status in SUCCEEDED|FAILED|CANCELLED) break ;; esac
    sleep 0.05
  done
  elapsed=$(python3 -c "import time; print(f'{$(date +%s.%N) - $start:.2f}')")
  tail -n +"$((from + 1))" "$DATA/service.log" | grep 'simulated call' > "$DATA/calls.log" || true
  curl -sf "$BASE/api/jobs/$id" | python3 -c "
import json, sys, collections
j = json.load(sys.stdin); u = j['lmUsage']
calls = collections.Counter()
for line in open('$DATA/calls.log'):
    role = line.split('role=')[1].split()[0]
    outputs = line.split('outputs=')[1].strip()
    who = 'find' if 'evidence' in outputs else 'answer' if 'answer' in outputs and role == 'TASK' else 'prompt model'
    calls[who] += 1
print(f\"run $i: {j['status']} in ${elapsed} s; {j['progress']['completedTrials']} trials; baseline {j['baselineScore']} -> best {j['bestScore']}; \"
      f\"calls: find {calls['find']}, answer {calls['answer']}, prompt model {calls['prompt model']} \"
      f\"(job view: task {u['taskModelCalls']}, prompt {u['promptModelCalls']})\")"
done
