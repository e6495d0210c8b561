#!/bin/sh
# Mutation testing of the verdict-making code (issue 16): cargo-mutants over
# src/token/, src/claims/, src/jwks/audit.rs and src/registry/, one file at a
# time, one job at a time (2-core machines; far too slow for CI).
#
#   cargo install --locked cargo-mutants
#   scripts/mutants.sh                       # every file below
#   scripts/mutants.sh src/token/verify/claims.rs   # just these
#
# Each file is built with only the unit tests and the integration tests that
# exercise it (building every test binary per mutant costs minutes): the
# verifier's PowerSync key selection is exercised by tests/targets.rs, so
# src/token/verify/ runs it beside tests/verify.rs; the verifier picks
# algorithms with audit.rs's algorithms_for, so audit.rs runs tests/verify.rs
# beside tests/check.rs. Results go
# to target/mutants/<file>/mutants.out; survivors are in missed.txt. A
# survivor that changes a verdict, an exit code or a message's meaning is a
# missing test; an equivalent one belongs in the issue note, with why.
set -eu
cd "$(dirname "$0")/.."

tests_for() {
    case "$1" in
        src/token/verify/*) echo "verify targets" ;;
        src/token/decode.rs|src/token/describe.rs) echo "verify" ;;
        src/token/mint.rs|src/token/powersync.rs) echo "keys powersync" ;;
        src/claims/*) echo "template" ;;
        src/jwks/audit.rs) echo "check verify" ;;
        src/registry/turso.rs) echo "turso" ;;
        src/registry/*) echo "registry" ;;
        *) echo "" ;;
    esac
}

if [ "$#" -gt 0 ]; then
    files="$*"
else
    files=$(find src/token src/claims src/registry -name '*.rs' ! -name 'tests.rs' | sort)
    files="$files src/jwks/audit.rs"
fi

for file in $files; do
    args="-C --lib"
    for t in $(tests_for "$file"); do
        args="$args -C --test=$t"
    done
    out="target/mutants/$(echo "$file" | tr / _)"
    mkdir -p "$out"
    echo "== $file ($args)"
    # shellcheck disable=SC2086
    cargo mutants -j 1 --no-shuffle --copy-target true -f "$file" $args -o "$out" || true
    for kind in caught missed timeout unviable; do
        printf '  %-8s %s\n' "$kind" "$(wc -l < "$out/mutants.out/$kind.txt" 2>/dev/null || echo 0)"
    done
done
