#!/usr/bin/env python3
"""A stand-in for an OpenAI-compatible endpoint, on loopback, to try the `openai` provider offline.

It answers POST /v1/chat/completions in DSPy's ChatAdapter format with a crude reader (the best-matching context
sentence, shortened when the prompt asks for short answers), and GET /stats with what it received. Not a model:
for smoke tests and fault drills only.

  python3 bench/mock_openai.py 8099 [fault_rate] [--latency-ms 50]
  OPENAI_API_KEY=sk-anything OPENAI_BASE_URL=http://127.0.0.1:8099/v1 ./mvnw spring-boot:run

With --latency-ms every answer takes that long (measured from the request's arrival), for benchmarks of LM-bound
wall time. It speaks HTTP/1.1 with keep-alive and listens with a backlog of 1024: Python's default backlog of 5
stalls a client that opens many connections at once for a second per overflow (a SYN retry).
"""
import argparse
import json
import random
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
_args.add_argument("port", type=int, nargs="?", default=8099)
_args.add_argument("fault_rate", type=float, nargs="?", default=0.0)
_args.add_argument("--latency-ms", type=float, default=0.0)
ARGS = _args.parse_args() if __name__ == "__main__" else _args.parse_args([])
PORT = ARGS.port
FAULT_RATE = ARGS.fault_rate
LATENCY = ARGS.latency_ms / 1000.0
LOCK = threading.Lock()
STATS = {"requests": 0, "faults": 0, "per_model": {}, "authorization": []}
RANDOM = random.Random(7)


def sections(text):
    parts = re.split(r"\[\[ ## (\w+) ## \]\]\n?", text)
    return {parts[i]: parts[i + 1].split("\n\nRespond with")[0].strip() for i in range(1, len(parts) - 1, 2)}


def answer(messages):
    system = messages[0]["content"]
    outputs = re.findall(r"^\d+\. `(\w+)`", system.split("Your output fields are:")[1].split("All interactions")[0], re.M)
    request = sections(messages[-1]["content"])
    short = bool(re.search(r"\b(short|exact|concise|brief|span)\b", system, re.I)) or len(messages) > 2
    values = {}
    for field in outputs:
        if field == "proposed_instruction":
            values[field] = "Answer with a short span copied exactly from the context."
        elif field in ("observations", "summary", "program_description", "module_description"):
            values[field] = "Questions about short passages; answers are short spans of the passage."
        elif field == "reasoning":
            values[field] = "The passage answers it directly."
        else:
            context = max(request.values(), key=len, default="")
            question = " ".join(v for v in request.values() if v is not context)
            words = set(re.findall(r"\w+", question.lower()))
            sentences = re.split(r"(?<=[.!?])\s+", context) or [""]
            best = max(sentences, key=lambda s: len(words & set(re.findall(r"\w+", s.lower()))))
            tokens = [t for t in re.findall(r"[\w'.,-]+", best) if t.lower().strip(".,") not in words]
            values[field] = " ".join(tokens[-2:]).strip(".,") if short else best
    return "".join(f"[[ ## {k} ## ]]\n{v}\n\n" for k, v in values.items()) + "[[ ## completed ## ]]"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the client reuses its connections

    def log_message(self, *args):
        pass

    def do_GET(self):
        with LOCK:
            body = json.dumps(STATS).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        arrived = time.monotonic()
        payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        with LOCK:
            STATS["requests"] += 1
            STATS["per_model"][payload["model"]] = STATS["per_model"].get(payload["model"], 0) + 1
            auth = self.headers.get("Authorization", "")
            if auth not in STATS["authorization"]:
                STATS["authorization"].append(auth)
            fault = RANDOM.random() < FAULT_RATE
            if fault:
                STATS["faults"] += 1
        if fault:
            self.send_response(503)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")
            return
        content = answer(payload["messages"])
        wait = LATENCY - (time.monotonic() - arrived)
        if wait > 0:
            time.sleep(wait)
        prompt_tokens = sum(len(m["content"]) for m in payload["messages"]) // 4 + 1
        body = json.dumps({
            "id": "chatcmpl-mock", "object": "chat.completion", "created": 1700000000, "model": payload["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop", "logprobs": None}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(content) // 4 + 1,
                      "total_tokens": prompt_tokens + len(content) // 4 + 1}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True


if __name__ == "__main__":
    Server(("127.0.0.1", PORT), Handler).serve_forever()
