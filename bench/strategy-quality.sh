#!/usr/bin/env bash
# Issue 12's quality benchmark: reference against adaptive (auto=light) on a scripted model with a hidden reward
# surface (src/test/java/io/mipro/bench/RewardSurfaceModel.java: 3 of every 8 proposed instructions good, two in three
# demo sets good, per-example noise), over seeds 1..N; then both strategies on the simulated model over data/.
# Usage: bench/strategy-quality.sh [seeds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test -Dtest=StrategyBenchmark -Dbench.seeds="${1:-20}" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep -E '^(strategy|reference|adaptive|largest)'
