# Shared helpers for the bench/*.sh scripts (sourced). Needs curl, python3 and a JDK.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${MIPRO_SHARED_DATA:-../shared/data}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# The packaged jar (built when missing) and the test classpath (for the bench servers and mains).
jar() { # MIPRO_JAR=path runs another build (e.g. to compare with main)
  [ -n "${MIPRO_JAR:-}" ] && { echo "$MIPRO_JAR"; return; }
  local jar; jar=$(ls target/mipro-service-*.jar 2>/dev/null | head -1 || true)
  [ -n "$jar" ] || { ./mvnw -q -DskipTests package >&2; jar=$(ls target/mipro-service-*.jar | head -1); }
  echo "$jar"
}
test_classpath() {
  [ -d target/test-classes/io/mipro/bench ] || ./mvnw -q -DskipTests test-compile >&2
  [ -f target/bench.classpath ] || ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
  echo "target/test-classes:target/classes:$(cat target/bench.classpath)"
}

# start_llm PORT LATENCY_MS: the OpenAI-compatible loopback server with a fixed latency; sets LLM_PID.
start_llm() {
  # nodelay: the JDK's HTTP server otherwise writes headers and body in two segments, and on a keep-alive
  # connection Nagle's algorithm meets the client's delayed ACK: about 40 ms more per request
  java -Xmx256m -Dsun.net.httpserver.nodelay=true -cp "$(test_classpath)" io.mipro.bench.LatencyOpenAiServer "$1" "$2" \
    > "${WORK:-/tmp}/llm.log" 2>&1 &
  LLM_PID=$!
  until curl -sf "127.0.0.1:$1/stats" > /dev/null; do sleep 0.2; done
}

# start_service PORT DATA_DIR ARGS...: the packaged service; sets SERVICE_PID; waits for health.
start_service() {
  local port=$1 data=$2; shift 2
  java -jar "$(jar)" --server.port="$port" --mipro.data-dir="$data" "$@" > "$data.log" 2>&1 &
  SERVICE_PID=$!
  until curl -sf "localhost:$port/actuator/health" > /dev/null; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { echo "service died; see $data.log" >&2; return 1; }
    sleep 0.3
  done
}

upload() { curl -sf -F "file=@$2" "$1/api/datasets" | json "['id']"; }

# submit BASE BODY -> job id (prints the problem and fails when refused)
submit() {
  local out; out=$(curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$2" "$1/api/jobs")
  [ "$(tail -1 <<< "$out")" = 202 ] || { head -1 <<< "$out" >&2; return 1; }
  head -1 <<< "$out" | json "['id']"
}

# await_end BASE ID: polls every 10 ms until the job ended; prints its status
await_end() {
  local status
  while true; do
    status=$(curl -sf "$1/api/jobs/$2" | json "['status']")
    case $status in SUCCEEDED|FAILED|CANCELLED) echo "$status"; return ;; esac
    sleep 0.01
  done
}

now() { date +%s.%N; }
peak_rss_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
