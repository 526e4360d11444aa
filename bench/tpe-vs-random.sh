#!/usr/bin/env bash
# Benchmark 6c: TPE against uniform random search on a synthetic surface with a known optimum: median trials to
# first sample the optimum over 50 seeds (see src/test/java/io/mipro/bench/TpeVersusRandom.java).
# Usage: bench/tpe-vs-random.sh [seeds=50] [choices=12] [cap=400]
source "$(dirname "$0")/lib.sh"
java -cp "$(test_classpath)" io.mipro.bench.TpeVersusRandom "${1:-50}" "${2:-12}" "${3:-400}"
