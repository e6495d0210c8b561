//! Man pages generated from the clap definitions (clap_mangen): one page for
//! `jwksctl` and one per subcommand, named `jwksctl-<command>.1`. The same
//! pages are committed under `docs/man/`; a test fails when they drift.

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
        pages.push((
            man.get_filename(),
            String::from_utf8_lossy(&buf).into_owned(),
        ));
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, pages);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let th = text.lines().find(|l| l.starts_with(".TH ")).unwrap();
            assert!(
                th.contains(&format!("\"jwksctl {}\"", env!("CARGO_PKG_VERSION"))),
                "{name}: {th}"
            );
        }
    }
}
