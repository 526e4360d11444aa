#!/usr/bin/env bash
# Benchmark 6b: provider calls of a light job (SQuAD/XQuAD 200/100, through the OpenAI client against the loopback
# server) next to the count DSPy projects for the same settings, then the identical job again (response cache on,
# the default): the re-run should send nothing. Also shows what the loopback server itself received.
# Usage: bench/calls.sh [latency_ms=5]
source "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d); LLM=$(free_port); PORT=$(free_port)
trap 'kill ${SERVICE_PID:-} ${LLM_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
start_llm "$LLM" "${1:-5}"
OPENAI_API_KEY=sk-bench OPENAI_BASE_URL="http://127.0.0.1:$LLM/v1" start_service "$PORT" "$WORK/calls"
BASE="http://localhost:$PORT"
TRAIN=$(upload "$BASE" "$SHARED/squad_xquad_en/train.json"); DEV=$(upload "$BASE" "$SHARED/squad_xquad_en/dev.json")
BODY="{\"trainDatasetId\": \"$TRAIN\", \"devDatasetId\": \"$DEV\", \"program\": {\"signature\": \"context, question -> answer\", \"instructions\": \"Answer the question based on the given context.\"}, \"metric\": \"exact_match\", \"optimizer\": {\"auto\": \"light\", \"seed\": 9}, \"promptModel\": {\"model\": \"gpt-prompt\"}, \"taskModel\": {\"model\": \"gpt-task\", \"temperature\": 0.0}}"
for run in first identical-re-run; do
  curl -sf -X POST "127.0.0.1:$LLM/stats" > /dev/null
  id=$(submit "$BASE" "$BODY"); status=$(await_end "$BASE" "$id")
  received=$(curl -sf "127.0.0.1:$LLM/stats" | json "['requests']")
  curl -sf "$BASE/api/jobs/$id/trials" > "$WORK/trials.json"
  curl -sf "$BASE/api/jobs/$id" > "$WORK/job.json"
  python3 - "$run" "$status" "$received" "$WORK/trials.json" "$WORK/job.json" <<'PY'
import json, sys
run, status, received, trials = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.load(open(sys.argv[4]))
u = json.load(open(sys.argv[5]))["lmUsage"]
minibatch = sum(1 for t in trials if t["kind"] == "minibatch")
full_periodic = sum(1 for t in trials if t["role"] == "periodic")
in_trials = sum(t["usage"]["taskModelCalls"] for t in trials)
print(f"{run}: {status}; sent prompt {u['promptModelCalls']} + task {u['taskModelCalls']} "
      f"(of which {in_trials} in {len(trials)} trials), cached {u['cachedCalls']}, retried {u['retriedCalls']}; "
      f"the server received {received}")
if run == "first":
    # DSPy's own projection, printed before it runs (miprov2: N=6 candidates, 1 predictor, minibatch 35, valset 100,
    # T minibatch trials, full evaluation every 5); it leaves out bootstrapping
    n, p, t, m, v, s = 6, 1, minibatch, 35, 100, 5
    prompt = 10 + n * p + (p + 1)
    task = m * t + v * (t // s + 1)
    print(f"DSPy's projection for the same settings: prompt {prompt} + task {task} = {prompt + task} (bootstrapping excluded)")
PY
done
