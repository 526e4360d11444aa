#!/usr/bin/env bash
# Time to fail a job whose provider is down (every request answered 503), with the default retry policy, through
# the real OpenAI client against bench/mock_openai.py on loopback. Usage: bench/provider-down.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(ls target/mipro-service-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q -DskipTests package; JAR=$(ls target/mipro-service-*.jar | head -1); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
PORT=$(free_port); MOCK=$(free_port); DATA=$(mktemp -d)
python3 bench/mock_openai.py "$MOCK" 1.0 > "$DATA/mock.log" 2>&1 & MOCK_PID=$!
OPENAI_API_KEY=sk-bench OPENAI_BASE_URL="http://127.0.0.1:$MOCK/v1" \
  java -jar "$JAR" --server.port="$PORT" --mipro.data-dir="$DATA" > "$DATA/service.log" 2>&1 & PID=$!
trap 'kill $PID $MOCK_PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do sleep 0.5; done
BASE="http://localhost:$PORT"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
T=$(curl -sf -F file=@data/train.json "$BASE/api/datasets" | json "['id']")
D=$(curl -sf -F file=@data/dev.json "$BASE/api/datasets" | json "['id']")
START=$(date +%s.%N)
J=$(curl -sf -H 'Content-Type: application/json' "$BASE/api/jobs" \
  -d "{\"trainDatasetId\": \"$T\", \"devDatasetId\": \"$D\", \"program\": {\"signature\": \"context, question -> answer\"}}" | json "['id']")
until [ "$(curl -sf "$BASE/api/jobs/$J" | json "['status']")" = FAILED ]; do sleep 0.2; done
python3 -c "print(f'FAILED after {$(date +%s.%N) - $START:.1f} s')"
curl -sf "$BASE/api/jobs/$J" | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['error']); print('requests counted:', j['lmUsage']['taskModelCalls'] + j['lmUsage']['promptModelCalls'])"
echo "requests received: $(curl -sf "127.0.0.1:$MOCK/stats" | json "['requests']")"
