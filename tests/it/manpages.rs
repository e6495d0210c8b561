//! The man pages committed under `docs/man/` must match the CLI definitions.
//! `JWKSCTL_REGEN=1 cargo test --test it manpages::` (or `scripts/regen.sh`) rewrites them.

use std::path::Path;

#[test]
fn committed_man_pages_match_the_cli() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    let pages = jwksctl::manpages::render_all();
    if std::env::var_os("JWKSCTL_REGEN").is_some() {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &pages {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &pages {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(committed) if &committed == text => {}
            _ => stale.push(name.clone()),
        }
    }
    let committed: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let extra: Vec<&String> = committed
        .iter()
        .filter(|c| !pages.iter().any(|(n, _)| n == *c))
        .collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "docs/man is out of date (stale or missing: {stale:?}; no longer generated: {extra:?}); run scripts/regen.sh"
    );
}
