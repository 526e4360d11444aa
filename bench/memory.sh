#!/usr/bin/env bash
# Benchmark 6e: resident memory of the service running 8 light jobs at once (SQuAD/XQuAD 200/100) through the real
# OpenAI client against the loopback server with a 50 ms latency, response cache off. Prints the peak resident set
# (VmHWM) of the service process from start to the last job's end. Extra arguments go to the JVM (e.g. -Xmx256m).
# Usage: bench/memory.sh [jvm options...]
source "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d); LLM=$(free_port); PORT=$(free_port)
trap 'kill ${SERVICE_PID:-} ${LLM_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
start_llm "$LLM" 50
JVM=("$@")
OPENAI_API_KEY=sk-bench OPENAI_BASE_URL="http://127.0.0.1:$LLM/v1" java "${JVM[@]}" -jar "$(jar)" --server.port="$PORT" --mipro.data-dir="$WORK/mem" --mipro.llm.cache=false \
  --mipro.jobs.max-concurrent=8 > "$WORK/mem.log" 2>&1 &
SERVICE_PID=$!
until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do sleep 0.3; done
BASE="http://localhost:$PORT"
TRAIN=$(upload "$BASE" "$SHARED/squad_xquad_en/train.json"); DEV=$(upload "$BASE" "$SHARED/squad_xquad_en/dev.json")
echo "after start: $(peak_rss_mib "$SERVICE_PID") MiB peak"
IDS=()
for i in $(seq 1 8); do
  IDS+=("$(submit "$BASE" "{\"trainDatasetId\": \"$TRAIN\", \"devDatasetId\": \"$DEV\", \"program\": {\"signature\": \"context, question -> answer\"}, \"metric\": \"exact_match\", \"optimizer\": {\"auto\": \"light\", \"seed\": $i}, \"promptModel\": {\"model\": \"gpt-prompt\"}, \"taskModel\": {\"model\": \"gpt-task\", \"temperature\": 0.0}}")")
done
sleep 2
echo "running at once: $(curl -sf "$BASE/api/jobs?status=RUNNING" | json "['totalElements']")"
for id in "${IDS[@]}"; do await_end "$BASE" "$id" > /dev/null; done
echo "8 jobs: $(curl -sf "$BASE/api/jobs?status=SUCCEEDED" | json "['totalElements']") SUCCEEDED"
echo "peak resident memory (VmHWM) with JVM options '${JVM[*]:-none}': $(peak_rss_mib "$SERVICE_PID") MiB"
