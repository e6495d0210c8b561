#!/bin/sh
# Mutation testing of the verdict-making code (a test suite that passes is not
# proof it would catch a wrong verdict): cargo-mutants over
# src/token/, src/claims/, src/jwks/audit.rs and src/registry/, one file at a
# time, one job at a time (2-core machines; far too slow for CI).
#
#   cargo install --locked cargo-mutants
#   scripts/mutants.sh                       # every file below
#   scripts/mutants.sh src/token/verify/claims.rs   # just these
#
# Each file runs only the unit tests and the integration modules (of the one
# tests/it binary) that exercise it, by test-name filter: the verifier's
# PowerSync key selection is exercised by tests/it/targets.rs, so
# src/token/verify/ runs it beside tests/it/verify.rs; the verifier picks
# algorithms with audit.rs's algorithms_for, so audit.rs runs verify:: beside
# check::. Results go
# to target/mutants/<file>/mutants.out; survivors are in missed.txt. A
# survivor that changes a verdict, an exit code or a message's meaning is a
# missing test; an equivalent one belongs in the issue note, with why.
set -eu
cd "$(dirname "$0")/.."

# Test-name filters (module paths: the unit tests' and the integration
# modules' of tests/it/) for the tests that exercise FILE.
tests_for() {
    case "$1" in
        src/token/verify/*) echo "verify:: targets::" ;;
        src/token/decode.rs|src/token/describe.rs) echo "decode:: describe:: verify::" ;;
        src/token/mint.rs|src/token/powersync.rs) echo "mint:: powersync:: keys::" ;;
        src/claims/*) echo "claims:: template::" ;;
        src/jwks/audit.rs) echo "audit:: check:: verify::" ;;
        src/registry/turso.rs) echo "turso:: turso_login:: sync::" ;;
        src/registry/turso_cli.rs) echo "turso_cli:: turso_login::" ;;
        src/registry/sync.rs) echo "sync::" ;;
        src/keys/sqld.rs) echo "keys::sqld sqld_keys::" ;;
        src/registry/*) echo "registry::" ;;
        src/yaml_guard.rs) echo "yaml_guard:: security_input::yaml" ;;
        src/fsutil.rs) echo "fsutil:: files:: security_owners::" ;;
        src/jwks/cache.rs) echo "cache:: security_owners:: check:: verify::" ;;
        src/keys/serve.rs) echo "serve:: security_serve::" ;;
        src/sources.rs) echo "sources:: verify:: check:: targets:: powersync::" ;;
        src/config.rs) echo "config:: settings:: turso::config turso_login:: completions::typed_flags check::max_stale" ;;
        src/batch.rs) echo "batch:: verify::batch targets::batch" ;;
        src/batch/lines.rs) echo "batch:: verify::batch targets::batch security_input::an_endless_batch" ;;
        *) echo "" ;;
    esac
}

if [ "$#" -gt 0 ]; then
    files="$*"
else
    files=$(find src/token src/claims src/registry -name '*.rs' ! -name 'tests.rs' | sort)
    files="$files src/jwks/audit.rs src/keys/sqld.rs"
fi

for file in $files; do
    args="-C --lib -C --test=it"
    filters=$(tests_for "$file")
    if [ -n "$filters" ]; then
        args="$args -C --"
        for t in $filters; do
            args="$args -C $t"
        done
    fi
    out="target/mutants/$(echo "$file" | tr / _)"
    mkdir -p "$out"
    echo "== $file ($args)"
    # shellcheck disable=SC2086
    cargo mutants -j 1 --no-shuffle --copy-target true -f "$file" $args -o "$out" || true
    for kind in caught missed timeout unviable; do
        printf '  %-8s %s\n' "$kind" "$(wc -l < "$out/mutants.out/$kind.txt" 2>/dev/null || echo 0)"
    done
done
