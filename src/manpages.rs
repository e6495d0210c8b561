//! Man pages generated from the clap definitions (clap_mangen): one page for
//! `jwksctl` and one per subcommand, named `jwksctl-<command>.1`. The same
//! pages are committed under `docs/man/`; a test fails when they drift.
//! Beside clap_mangen's sections each page has EXAMPLES (the `--help`
//! examples, verbatim: no filling, no hyphenation), ENVIRONMENT, EXIT STATUS
//! and FILES, in place of clap_mangen's EXTRA.

use clap::CommandFactory;

use crate::cli::Cli;

/// Every man page as (file name, roff text), parents before children.
pub fn render_all() -> Vec<(String, String)> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, &mut pages);
    pages
}

fn collect(cmd: &clap::Command, pages: &mut Vec<(String, String)>) {
    // The footer names the program, not the subcommand ("jwksctl 0.1.0").
    let man =
        clap_mangen::Man::new(cmd.clone()).source(format!("jwksctl {}", env!("CARGO_PKG_VERSION")));
    let mut buf = Vec::new();
    // Rendering into a Vec cannot fail.
    if man.render(&mut buf).is_ok() {
        let page = with_sections(&String::from_utf8_lossy(&buf), cmd);
        pages.push((man.get_filename(), page));
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, pages);
    }
}

/// The variables jwksctl reads, for ENVIRONMENT (docs/registry.md,
/// "Settings: config"; docs/ci.md).
pub const ENVIRONMENT: [(&str, &str); 13] = [
    (
        "JWKSCTL_HOME",
        "Keep config, data and cache under this directory (--home).",
    ),
    (
        "JWKSCTL_REGISTRY",
        "Registry backend: local or turso (--registry).",
    ),
    ("JWKSCTL_ORG", "Turso organization slug (--org)."),
    (
        "JWKSCTL_API_URL",
        "Turso Platform API base URL (--api-url).",
    ),
    (
        "JWKSCTL_API_TOKEN",
        "Turso Platform API token (preferred over TURSO_API_TOKEN); never printed.",
    ),
    ("JWKSCTL_TIMEOUT", "Network timeout, e.g. 15s (--timeout)."),
    (
        "JWKSCTL_MAX_STALE",
        "How long past its max-age a cached JWKS may stand in for a server that is down, e.g. 24h (--max-stale).",
    ),
    (
        "JWKSCTL_PARALLEL",
        "Most JWKS fetched at once, 1 to 64 (default 16).",
    ),
    (
        "JWKSCTL_COMPLETE",
        "Set by the completion scripts (jwksctl completions SHELL): print completion candidates instead of running.",
    ),
    (
        "TURSO_API_TOKEN",
        "Turso Platform API token, as the turso CLI uses it.",
    ),
    (
        "NO_COLOR",
        "Set to any value: never colour output (--color auto).",
    ),
    (
        "SSL_CERT_FILE",
        "A PEM file of CA certificates to trust for https:// endpoints.",
    ),
    (
        "SSL_CERT_DIR",
        "A directory of CA certificates to trust for https:// endpoints.",
    ),
];

/// Escape text for roff: backslashes, a leading `.` or `'`, and `-` as a
/// real minus so that copied commands keep their hyphens.
fn roff_escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// The page with clap_mangen's EXTRA section replaced by EXAMPLES,
/// ENVIRONMENT, EXIT STATUS and FILES (before VERSION).
fn with_sections(page: &str, cmd: &clap::Command) -> String {
    let mut kept = String::new();
    let mut in_extra = false;
    let mut tail = String::new();
    let mut at_version = false;
    for line in page.lines() {
        if line.starts_with(".SH ") {
            in_extra = line == ".SH EXTRA";
            at_version |= line == ".SH VERSION";
        }
        if in_extra {
            continue;
        }
        let into = if at_version { &mut tail } else { &mut kept };
        into.push_str(line);
        into.push('\n');
    }
    let examples: Vec<String> = cmd
        .get_after_help()
        .map(|h| h.to_string())
        .unwrap_or_default()
        .lines()
        .skip_while(|l| l.trim() != "Examples:")
        .skip(1)
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = kept;
    if !examples.is_empty() {
        out.push_str(".SH EXAMPLES\n.nf\n");
        for example in &examples {
            out.push_str(&roff_escape(example));
            out.push('\n');
        }
        out.push_str(".fi\n");
    }
    out.push_str(".SH ENVIRONMENT\n");
    for (var, meaning) in ENVIRONMENT {
        out.push_str(&format!(".TP\n\\fB{var}\\fR\n{}\n", roff_escape(meaning)));
    }
    out.push_str(".SH \"EXIT STATUS\"\n.TP\n0\nSuccess.\n");
    for kind in crate::error::ErrorKind::ALL {
        let meaning = match kind {
            crate::error::ErrorKind::Failure => {
                "Failure: the command failed, a token is invalid, or an endpoint has audit errors."
            }
            crate::error::ErrorKind::Usage => {
                "Usage error: the command line or a variable is wrong; nothing was done."
            }
            crate::error::ErrorKind::Unreachable => {
                "Unavailable: a server could not be reached; a retry may help."
            }
            // Exit 1 too: "the command failed" (token verify with nothing to verify with).
            crate::error::ErrorKind::NoKeys => continue,
        };
        out.push_str(&format!(
            ".TP\n{}\n{}\n",
            kind.exit_code(),
            roff_escape(meaning)
        ));
    }
    out.push_str(".SH FILES\n");
    for (path, meaning) in [
        (
            "$JWKSCTL_HOME/config/config.yaml",
            "Settings (jwksctl config).",
        ),
        (
            "$JWKSCTL_HOME/config/registry.json",
            "The local registry of JWKS endpoints.",
        ),
        (
            "$JWKSCTL_HOME/data/keys/",
            "Development signing keys, one private JWK file each (0600).",
        ),
        (
            "$JWKSCTL_HOME/cache/jwks/",
            "Cached JWKS documents, one file per URL.",
        ),
    ] {
        out.push_str(&format!(
            ".TP\n{}\n{}\n",
            roff_escape(path),
            roff_escape(meaning)
        ));
    }
    out.push_str("Without JWKSCTL_HOME or \\-\\-home, the platform's directories (jwksctl config path shows them).\n");
    out.push_str(&tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ENVIRONMENT names every `JWKSCTL_*` variable the code reads.
    #[test]
    fn environment_lists_every_variable_read() {
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        let mut read = std::collections::BTreeSet::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("\"JWKSCTL_") {
                    let name: String = text[at + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                        .collect();
                    if name.len() > "JWKSCTL_".len() {
                        read.insert(name);
                    }
                }
            }
        }
        let listed: std::collections::BTreeSet<String> =
            ENVIRONMENT.iter().map(|(v, _)| v.to_string()).collect();
        let missing: Vec<&String> = read.difference(&listed).collect();
        assert!(missing.is_empty(), "not in ENVIRONMENT: {missing:?}");
    }

    #[test]
    fn pages_are_named_per_command() {
        let names: Vec<String> = render_all().into_iter().map(|(n, _)| n).collect();
        assert!(names.contains(&"jwksctl.1".to_string()), "{names:?}");
        for page in [
            "jwksctl-template.1",
            "jwksctl-token-verify.1",
            "jwksctl-keys-generate.1",
            "jwksctl-config-set.1",
        ] {
            assert!(names.contains(&page.to_string()), "{page} in {names:?}");
        }
        for (name, text) in render_all() {
            for section in [
                ".SH ENVIRONMENT",
                ".SH \"EXIT STATUS\"",
                ".SH FILES",
                ".SH EXAMPLES\n.nf\n",
            ] {
                assert!(text.contains(section), "{name}: {section}");
            }
            assert!(!text.contains(".SH EXTRA"), "{name}");
            for (var, _) in ENVIRONMENT {
                assert!(text.contains(&format!("\\fB{var}\\fR")), "{name}: {var}");
            }
            let th = text.lines().find(|l| l.starts_with(".TH ")).unwrap();
            assert!(
                th.contains(&format!("\"jwksctl {}\"", env!("CARGO_PKG_VERSION"))),
                "{name}: {th}"
            );
        }
    }
}
