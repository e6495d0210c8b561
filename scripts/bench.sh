#!/usr/bin/env bash
# Benchmarks that print figures (never timed assertions in tests).
# Usage: scripts/bench.sh [RUNS]   (default 300 runs per command)
# Whole-process time is measured by spawning the release binary repeatedly and
# taking the median; a tiny process (`true`) is measured the same way beside it,
# so the spawn cost of the measuring harness is visible, not hidden.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-300}
cargo build --release --locked --quiet
bin=$PWD/target/release/jwksctl
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export JWKSCTL_HOME=$home

python3 - "$runs" "$bin" <<'PY'
import statistics, subprocess, sys, time
runs, bin_ = int(sys.argv[1]), sys.argv[2]

def median_ms(argv):
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples), min(samples)

cases = [
    ("jwksctl template -d mydb -p comments:data_add", [bin_, "template", "-d", "mydb", "-p", "comments:data_add"]),
    ("true (a tiny process, for comparison)", ["true"]),
]
print(f"whole-process time, {runs} runs each (median / min):")
for label, argv in cases:
    med, low = median_ms(argv)
    print(f"  {med:7.2f} ms / {low:6.2f} ms  {label}")
PY
