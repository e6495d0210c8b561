#!/usr/bin/env bash
# Regenerate the files derived from the CLI definitions (completion scripts),
# which tests compare against the committed copies.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --locked
bin=target/debug/jwksctl
mkdir -p completions
"$bin" completions bash > completions/jwksctl.bash
"$bin" completions zsh > completions/_jwksctl
"$bin" completions fish > completions/jwksctl.fish
"$bin" completions powershell > completions/_jwksctl.ps1
"$bin" completions elvish > completions/jwksctl.elv
echo "regenerated completions/"
JWKSCTL_REGEN=1 cargo test --quiet --locked --test it manpages:: >/dev/null
echo "regenerated docs/man/"
