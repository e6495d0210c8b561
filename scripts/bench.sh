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
"$bin" keys generate --kid bench-eddsa >/dev/null 2>&1

python3 - "$runs" "$bin" <<'PY'
import statistics, subprocess, sys, time
runs, bin_ = int(sys.argv[1]), sys.argv[2]

def median_ms(argv, n=None):
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)  # warm the page cache
    samples = []
    for _ in range(n or runs):
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples), min(samples)

# RSA key generation is slow and random in duration: fewer runs.
rsa_runs = max(10, runs // 10)
cases = [
    ("jwksctl template -d mydb -p comments:data_add", [bin_, "template", "-d", "mydb", "-p", "comments:data_add"], None),
    ("jwksctl token mint --sub alice -d mydb -s read-only (EdDSA, target < 5 ms)",
     [bin_, "token", "mint", "--sub", "alice", "-d", "mydb", "-s", "read-only"], None),
    (f"jwksctl keys generate --alg RS256 (RSA-2048, {rsa_runs} runs)",
     [bin_, "keys", "generate", "--alg", "RS256"], rsa_runs),
    ("true (a tiny process, for comparison)", ["true"], None),
]
print(f"whole-process time, {runs} runs each unless said (median / min):")
for label, argv, n in cases:
    med, low = median_ms(argv, n)
    print(f"  {med:7.2f} ms / {low:6.2f} ms  {label}")
PY
