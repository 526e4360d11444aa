#!/usr/bin/env bash
# The cost estimate against the calls jobs then really send: for each case, POST /api/jobs/estimate, then the same
# body to POST /api/jobs, through the real OpenAI client against the OpenAI-compatible loopback server (no latency),
# with the response cache on (the default; a fresh data directory, so nothing is cached at the start). Prints the
# expected and worst-case calls per role, the calls sent (lmUsage: prompt + task + judge) and the relative error.
# Cases: light jobs with the reference and the adaptive strategy on data/ (50 train, 20 dev) and on SQuAD/XQuAD
# (200 train, 100 dev: minibatch search), and a light llm_judge job on data/.
#
# Usage: bench/estimate-accuracy.sh
source "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d)
LLM=$(free_port)
trap 'kill ${SERVICE_PID:-} ${LLM_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
start_llm "$LLM" 0
PORT=$(free_port)
OPENAI_API_KEY=sk-bench OPENAI_BASE_URL="http://127.0.0.1:$LLM/v1" start_service "$PORT" "$WORK/estimate"
BASE="http://localhost:$PORT"
DATA_TRAIN=$(upload "$BASE" data/train.json)
DATA_DEV=$(upload "$BASE" data/dev.json)
SQUAD_TRAIN=$(upload "$BASE" "$SHARED/squad_xquad_en/train.json")
SQUAD_DEV=$(upload "$BASE" "$SHARED/squad_xquad_en/dev.json")

body() { # train dev strategy metric suffix
  echo "{\"name\": \"estimate-$3\", \"trainDatasetId\": \"$1\", \"devDatasetId\": \"$2\",
    \"program\": {\"signature\": \"context, question -> answer\", \"instructions\": \"Answer the question based on the given context.\"},
    \"metric\": $4, \"optimizer\": {\"auto\": \"light\", \"seed\": 9, \"strategy\": \"$3\"},
    \"promptModel\": {\"model\": \"gpt-prompt-$5\"}, \"taskModel\": {\"model\": \"gpt-task-$5\", \"temperature\": 0.0}}"
}

printf '%-24s %-28s %-28s %-10s %s\n' case "expected (prompt/task/judge)" "sent (prompt/task/judge)" worst error
measure() { # name body
  local estimate id end
  estimate=$(curl -sf -H 'Content-Type: application/json' -d "$2" "$BASE/api/jobs/estimate")
  id=$(submit "$BASE" "$2")
  [ "$(await_end "$BASE" "$id")" = SUCCEEDED ] || { echo "$1: job did not succeed" >&2; return 1; }
  end=$(curl -sf "$BASE/api/jobs/$id")
  python3 - "$1" "$estimate" "$end" <<'PY'
import json, sys
name, e, j = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
u = j["lmUsage"]
judge = e["judge"] or {"expectedCalls": 0}
exp = (e["prompt"]["expectedCalls"], e["task"]["expectedCalls"], judge["expectedCalls"])
sent = (u["promptModelCalls"], u["taskModelCalls"], u["judgeModelCalls"])
err = (e["expectedCalls"] - sum(sent)) / sum(sent)
print(f"{name:<24} {e['expectedCalls']:>5} ({exp[0]}/{exp[1]}/{exp[2]}){'':<10} {sum(sent):>5} ({sent[0]}/{sent[1]}/{sent[2]}){'':<10} "
      f"{e['worstCaseCalls']:<10} {err:+.1%}")
PY
}
measure "data reference" "$(body "$DATA_TRAIN" "$DATA_DEV" reference '"exact_match"' a)"
measure "data adaptive" "$(body "$DATA_TRAIN" "$DATA_DEV" adaptive '"exact_match"' b)"
measure "squad reference" "$(body "$SQUAD_TRAIN" "$SQUAD_DEV" reference '"exact_match"' c)"
measure "squad adaptive" "$(body "$SQUAD_TRAIN" "$SQUAD_DEV" adaptive '"exact_match"' d)"
measure "data llm_judge adaptive" "$(body "$DATA_TRAIN" "$DATA_DEV" adaptive \
  '{"type": "llm_judge", "rubric": "Same fact as the gold answer.", "model": {"model": "gpt-judge"}}' e)"
