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

# --- token verify: --batch throughput against a bare aws-lc-rs loop, memory,
# and one verify with a cached JWKS (served once by a loopback HTTP server).
cargo build --release --locked --quiet --example bench_tokens
ex=$PWD/target/release/examples/bench_tokens
work=$home/verify-bench
mkdir -p "$work/www"
"$bin" keys export bench-eddsa | python3 -c 'import json,sys; print(json.dumps({"keys":[json.load(sys.stdin)]}))' > "$work/www/jwks.json"
"$ex" gen 20000 "$home/data/keys/bench-eddsa.json" > "$work/t20k.txt"
"$ex" gen 200000 "$home/data/keys/bench-eddsa.json" > "$work/t200k.txt"
python3 -m http.server 0 --bind 127.0.0.1 --directory "$work/www" > "$work/http.log" 2>&1 &
http_pid=$!
trap 'kill $http_pid 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 50); do grep -q "port" "$work/http.log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/http.log" | head -1)
"$bin" save bench "http://127.0.0.1:$port/jwks.json" >/dev/null 2>&1   # fills the cache

python3 - "$runs" "$bin" "$ex" "$work" <<'PY'
import statistics, subprocess, sys, time
runs, bin_, ex, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
jwks = f"{work}/www/jwks.json"

def timed(argv, stdin_path=None):
    """Wall time (s) and peak RSS (KiB) of one run, via /usr/bin/time."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdin=stdin,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - t
    rss = int(p.stderr.decode().strip().splitlines()[-1])
    return wall, rss

def best_of(n, argv, stdin_path=None):
    results = [timed(argv, stdin_path) for _ in range(n)]
    return min(r[0] for r in results), max(r[1] for r in results)

print("token verify (EdDSA):")
batch_s, batch_rss = best_of(5, [bin_, "token", "verify", "--batch", "--jwks", jwks], f"{work}/t20k.txt")
bare_s, bare_rss = best_of(5, [ex, "bare", f"{work}/t20k.txt", jwks])
print(f"  --batch, 20 000 tokens: {20000 / batch_s:9.0f} tokens/s ({batch_s * 1000:.0f} ms, whole process, best of 5)")
print(f"  bare aws-lc-rs loop:    {20000 / bare_s:9.0f} tokens/s ({bare_s * 1000:.0f} ms, same tokens)")
print(f"  --batch / bare:         {bare_s / batch_s * 100:6.1f} % (target >= 80 %)")
big_s, big_rss = best_of(1, [bin_, "token", "verify", "--batch", "--jwks", jwks], f"{work}/t200k.txt")
print(f"  peak RSS --batch:       {batch_rss / 1024:.1f} MiB at 20 000 tokens, {big_rss / 1024:.1f} MiB at 200 000 (target: flat)")

token = open(f"{work}/t20k.txt").readline().strip()
argv = [bin_, "token", "verify", token, "--jwks", "bench"]
subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
samples = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    samples.append((time.perf_counter() - t) * 1000)
print(f"  single verify, registry entry with a cached JWKS: {statistics.median(samples):.2f} ms median "
      f"/ {min(samples):.2f} ms min over {runs} runs (target < 5 ms)")
PY

# --- many endpoints: 20 loopback JWKS endpoints that answer after 200 ms.
# check --all --refresh, a cold default-source verify and an unknown-kid
# verify (every entry refetched for the rotation), with JWKSCTL_PARALLEL=1
# (one fetch at a time, as before concurrent fetches) beside the default 16.
python3 - "$bin" "$home" <<'PY'
import http.server, os, shutil, socketserver, statistics, subprocess, sys, tempfile, threading, time
bin_, home = sys.argv[1], sys.argv[2]
jwks = open(os.path.join(os.path.dirname(bin_), "../../tests/vectors/jwks-samples/google_oauth2_v3_certs.json"), "rb").read()

class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(0.2)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(jwks)))
        self.end_headers()
        self.wfile.write(jwks)
    def log_message(self, *args):
        pass

class Threaded(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 drops parallel connects

server = Threaded(("127.0.0.1", 0), Slow)
threading.Thread(target=server.serve_forever, daemon=True).start()
port = server.server_address[1]
many = tempfile.mkdtemp(dir=home)
env = dict(os.environ, JWKSCTL_HOME=many)
for i in range(20):
    subprocess.run([bin_, "save", f"e{i:02}", f"http://127.0.0.1:{port}/e{i}", "--no-check"],
                   env=env, check=True, capture_output=True)
signer = tempfile.mkdtemp(dir=home)
token = subprocess.run([bin_, "token", "mint", "--sub", "a"], env=dict(os.environ, JWKSCTL_HOME=signer),
                       check=True, capture_output=True, text=True).stdout.strip()

def run(argv, parallel, cold):
    if cold:
        shutil.rmtree(os.path.join(many, "cache"), ignore_errors=True)
    e = dict(env, JWKSCTL_PARALLEL=str(parallel))
    t = time.perf_counter()
    subprocess.run([bin_] + argv, env=e, capture_output=True)
    return time.perf_counter() - t

cases = [
    ("check --all --refresh", ["check", "--all", "--refresh"], False),
    ("token verify, default sources, cold cache", ["token", "verify", token], True),
    ("token verify, unknown kid (rotation refetch of all)", ["token", "verify", token], False),
]
print("20 endpoints answering after 200 ms (median of 3; target < 0.6 s):")
for label, argv, cold in cases:
    figures = []
    for parallel in (16, 1):
        if not cold:
            run(["check", "--all"], 16, False)  # a warm cache for the warm cases
        figures.append(statistics.median(run(argv, parallel, cold) for _ in range(3)))
    print(f"  {figures[0]:5.2f} s concurrent (16) vs {figures[1]:5.2f} s one at a time  {label}")
server.shutdown()
PY
