#!/usr/bin/env bash
# Benchmarks 6a and 6b: a light job on SQuAD/XQuAD (200 train, 100 dev) through the real OpenAI client against an
# OpenAI-compatible server on loopback that answers every request after a fixed latency, response cache off, on a
# warm service (one unmeasured job first). For each provider concurrency C (mipro.llm.max-concurrent-per-model, the
# job's numThreads and the evaluation pool all set to C) and each parallelTrials value it prints the wall time from
# submit to SUCCEEDED, the calls the job sent, the LM-bound ideal (prompt calls + task calls / C) x latency, their
# ratio, and the service's peak resident memory. A parallelTrials value the service does not accept (400) is
# reported as unsupported and skipped.
#
# Usage: bench/lm-bound.sh [latency_ms=50] [concurrencies="8 64"] [parallel_trials="1 4"] [runs=3]
#   STRATEGY=reference|adaptive adds optimizer.strategy to the job (builds before strategies refuse the field)
source "$(dirname "$0")/lib.sh"
LATENCY=${1:-50}
CONCURRENCIES=${2:-"8 64"}
PARALLEL=${3:-"1 4"}
RUNS=${4:-3}
WORK=$(mktemp -d)
LLM=$(free_port)
trap 'kill ${SERVICE_PID:-} ${LLM_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
start_llm "$LLM" "$LATENCY"

body() { # concurrency parallelTrials
  local extra=""
  [ "$2" = 1 ] || extra=", \"parallelTrials\": $2"
  [ -z "${STRATEGY:-}" ] || extra="$extra, \"strategy\": \"$STRATEGY\""
  echo "{\"name\": \"lm-bound\", \"trainDatasetId\": \"$TRAIN\", \"devDatasetId\": \"$DEV\",
    \"program\": {\"signature\": \"context, question -> answer\", \"instructions\": \"Answer the question based on the given context.\"},
    \"metric\": \"exact_match\", \"optimizer\": {\"auto\": \"light\", \"seed\": 9, \"numThreads\": $1$extra},
    \"promptModel\": {\"model\": \"gpt-prompt\"}, \"taskModel\": {\"model\": \"gpt-task\", \"temperature\": 0.0}}"
}

printf '%-5s %-3s %-8s %-28s %-8s %-8s %-6s %s\n' C PT runs "wall s (each)" median ideal ratio "prompt+task calls"
for C in $CONCURRENCIES; do
  PORT=$(free_port)
  OPENAI_API_KEY=sk-bench OPENAI_BASE_URL="http://127.0.0.1:$LLM/v1" start_service "$PORT" "$WORK/c$C" \
    --mipro.llm.cache=false --mipro.llm.max-concurrent-per-model="$C" --mipro.jobs.evaluation-threads="$C"
  BASE="http://localhost:$PORT"
  TRAIN=$(upload "$BASE" "$SHARED/squad_xquad_en/train.json")
  DEV=$(upload "$BASE" "$SHARED/squad_xquad_en/dev.json")
  warm=$(submit "$BASE" "$(body "$C" 1)"); await_end "$BASE" "$warm" > /dev/null
  for PT in $PARALLEL; do
    if ! probe=$(submit "$BASE" "$(body "$C" "$PT")" 2> "$WORK/refused"); then
      echo "C=$C parallelTrials=$PT: not supported by this build ($(cut -c1-120 "$WORK/refused"))"
      continue
    fi
    await_end "$BASE" "$probe" > /dev/null
    walls=(); calls=""
    for r in $(seq 1 "$RUNS"); do
      curl -sf -X POST "127.0.0.1:$LLM/stats" > /dev/null
      start=$(now)
      id=$(submit "$BASE" "$(body "$C" "$PT")")
      status=$(await_end "$BASE" "$id")
      walls+=("$(python3 -c "print(f'{$(now) - $start:.2f}')")")
      [ "$status" = SUCCEEDED ] || echo "run $r: $status" >&2
      calls=$(curl -sf "$BASE/api/jobs/$id" | python3 -c "import json,sys; u=json.load(sys.stdin)['lmUsage']; print(u['promptModelCalls'], u['taskModelCalls'])")
    done
    # where the last run's time went: trials (their own durations) against the rest, and the concurrency the
    # loopback server actually saw
    curl -sf "$BASE/api/jobs/$id/trials" > "$WORK/trials.json"
    curl -sf "$BASE/api/jobs/$id" > "$WORK/job.json"
    python3 - "$WORK/trials.json" "$WORK/job.json" "$(curl -sf "127.0.0.1:$LLM/stats" | json "['maxInFlight']")" "$LATENCY" "$C" <<'PY'
import json, math, sys
from datetime import datetime
trials, job = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
peak, lat, c = int(sys.argv[3]), float(sys.argv[4]) / 1000, int(sys.argv[5])
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
run = (t(job["finishedAt"]) - t(job["startedAt"])).total_seconds()
in_trials = sum(x["durationMillis"] for x in trials) / 1000
ideal_trials = sum(math.ceil(x["batchSize"] / c) * lat for x in trials)
print(f"      last run: {run:.2f} s started-to-finished; {len(trials)} trials took {in_trials:.2f} s "
      f"(rounds of {c} calls at {lat * 1000:.0f} ms would take {ideal_trials:.2f} s), the rest (bootstrapping, "
      f"proposals, finishing) {run - in_trials:.2f} s; most calls in flight at the server: {peak}")
PY
    read -r P T <<< "$calls"
    python3 - "$C" "$PT" "$LATENCY" "$P" "$T" "${walls[@]}" <<'PY'
import statistics, sys
c, pt, lat, p, t = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
walls = [float(w) for w in sys.argv[6:]]
ideal = (p + t / c) * lat / 1000
median = statistics.median(walls)
print(f"{c:<5} {pt:<3} {len(walls):<8} {', '.join(f'{w:.2f}' for w in walls):<28} {median:<8.2f} {ideal:<8.2f} {median / ideal:<6.2f} {p}+{t}")
PY
  done
  echo "C=$C: service peak resident memory $(peak_rss_mib "$SERVICE_PID") MiB (VmHWM, whole run)"
  kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
done
