//! Shell completion: `jwksctl completions SHELL` prints a small script that
//! asks jwksctl itself for the candidates at each TAB (clap_complete's
//! dynamic completion, the protocol cargo and jj use), so registry entry
//! names, key ids and preset names come from the user's own data. The same
//! script is committed under `completions/` and printed by
//! `JWKSCTL_COMPLETE=SHELL jwksctl`.
//!
//! A completion request is answered before the command line is parsed, and
//! only when [`VAR`] is set: a normal run pays one environment lookup. The
//! candidate functions never print and never fail: a missing or broken home
//! gives no candidates.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Shells};
use clap_complete::{CompletionCandidate, PathCompleter, Shell};

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::Context;
use crate::config::{Flags, Given};
use crate::error::{ExitStatus, Result};
use crate::keys::store::KeyStore;
use crate::output::{Color, Output, Verbosity};

/// The variable that turns a run into a completion request
/// (`JWKSCTL_COMPLETE=bash jwksctl` prints the script;
/// `JWKSCTL_COMPLETE=bash jwksctl -- WORDS…` prints the candidates). A
/// prefixed name, as cargo's `CARGO_COMPLETE`: a `COMPLETE` meant for another
/// program must not turn jwksctl runs into completions.
pub const VAR: &str = "JWKSCTL_COMPLETE";

/// The shell a completion request comes from.
static SHELL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// `word` as the shell inserts it: bash inserts candidates verbatim, so
/// "Clerk Production" must come escaped (`Clerk\ Production`) to stay one
/// word; zsh, fish, elvish and PowerShell quote what they insert themselves.
fn shell_word(word: String) -> String {
    if SHELL.get().map(String::as_str) != Some("bash") {
        return word;
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_whitespace() || "'\"\\$`!&;|<>()*?[]{}#~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The longest a completion waits for the Turso API (a TAB must not hang).
const TIMEOUT: &str = "2s";

/// Answer a completion request and exit, when [`VAR`] asks for one (empty
/// or `0` means no); otherwise return at once.
pub fn complete_if_asked() {
    let Some(shell) = std::env::var_os(VAR) else {
        return;
    };
    // clap_complete removes the variable before asking for candidates.
    let _ = SHELL.set(shell.to_string_lossy().into_owned());
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(VAR)
        .shells(SHELLS)
        .complete();
}

/// The shells completed: clap_complete's, with zsh's script made to work
/// from `$fpath` too.
const SHELLS: Shells<'static> = Shells(&[&Bash, &Elvish, &Fish, &Powershell, &Zsh]);

/// zsh: clap_complete's script, plus what lets the file work installed as
/// `_jwksctl` in `$fpath`. Autoloaded, the file is the body of `_jwksctl`,
/// run at the first TAB: it must complete that TAB as well as register the
/// function for the next ones (clap_complete's static zsh scripts do the
/// same with `funcstack`). Sourced, `funcstack[1]` is not `_jwksctl` and
/// nothing more happens.
struct Zsh;

impl EnvCompleter for Zsh {
    fn name(&self) -> &'static str {
        "zsh"
    }

    fn is(&self, name: &str) -> bool {
        clap_complete::env::Zsh.is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        clap_complete::env::Zsh.write_registration(var, name, bin, completer, buf)?;
        let function = name.replace('-', "_");
        writeln!(
            buf,
            "if [ \"$funcstack[1]\" = \"_{bin}\" ]; then\n    _clap_dynamic_completer_{function} \"$@\"\nfi"
        )
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        clap_complete::env::Zsh.write_complete(cmd, args, current_dir, buf)
    }
}

/// The completion script for `shell`: the registration script that calls
/// `jwksctl` (found on PATH) for the candidates.
pub fn script(shell: Shell) -> String {
    let mut buf = Vec::new();
    match SHELLS.completer(&shell.to_string()) {
        Some(shell) => {
            // Writing into a Vec cannot fail.
            let _ = shell.write_registration(VAR, "jwksctl", "jwksctl", "jwksctl", &mut buf);
        }
        None => clap_complete::generate(shell, &mut Cli::command(), "jwksctl", &mut buf),
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// The file name the script is committed under in `completions/`.
pub fn file_name(shell: Shell) -> String {
    match shell {
        Shell::Bash => "jwksctl.bash".into(),
        Shell::Zsh => "_jwksctl".into(),
        Shell::Fish => "jwksctl.fish".into(),
        Shell::PowerShell => "_jwksctl.ps1".into(),
        Shell::Elvish => "jwksctl.elv".into(),
        other => format!("jwksctl.{other}"),
    }
}

pub fn run(ctx: &Context, args: CompletionsArgs) -> Result<ExitStatus> {
    // A shell script is the result: no machine form of it.
    ctx.out.format_for(
        "completions",
        &[crate::output::Format::Text],
        crate::output::Format::Text,
    )?;
    ctx.out.result(&script(args.shell))?;
    Ok(ExitStatus::Success)
}

/// The words of the command line being completed: this process's arguments
/// after the first `--` (the protocol puts them there).
fn completed_words() -> Vec<OsString> {
    std::env::args_os()
        .skip_while(|a| a != "--")
        .skip(1)
        .collect()
}

/// The value of `--flag V` or `--flag=V` in `words` (the last one given),
/// up to a `--` that ends the options.
fn flag_value(words: &[OsString], flag: &str) -> Option<String> {
    let mut found = None;
    let mut words = words.iter().map(|w| w.to_string_lossy());
    let joined = format!("{flag}=");
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        } else if word == flag {
            found = words.next().map(|v| v.into_owned());
        } else if let Some(value) = word.strip_prefix(&joined) {
            found = Some(value.to_string());
        }
    }
    found.filter(|v| !v.is_empty())
}

/// The context the completed command line would run with: its `--home`,
/// `--registry`, `--org` and `--api-url` (else their variables, else
/// `config.yaml`), a short timeout, and an output that prints nothing.
fn context() -> Option<Context> {
    let words = completed_words();
    let flag = |name: &str| flag_value(&words, name);
    let home = flag("--home")
        .or_else(|| std::env::var("JWKSCTL_HOME").ok().filter(|v| !v.is_empty()))
        .map(PathBuf::from);
    // A value the command line would refuse completes nothing.
    let registry = match flag("--registry") {
        Some(text) => Some(crate::config::parse_registry(&text).ok()?),
        None => None,
    };
    let (org, api_url) = (flag("--org"), flag("--api-url"));
    let given = Given::read(
        Flags {
            registry,
            timeout: Some(TIMEOUT),
            max_stale: None,
            org: org.as_deref(),
            api_url: api_url.as_deref(),
        },
        |var| std::env::var(var).ok(),
    )
    .ok()?;
    let out = Output::new(None, Color::Never, Verbosity::Quiet);
    Some(Context::new(out, home, false, given, false))
}

/// The registry's entry names, each described by its URL (`remove`).
pub fn entry_names() -> Vec<CompletionCandidate> {
    let Some(ctx) = context() else {
        return Vec::new();
    };
    let Ok(entries) = ctx.registry().and_then(|registry| registry.list()) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .map(|e| CompletionCandidate::new(shell_word(e.name)).help(Some(e.url.into())))
        .collect()
}

/// What a source argument can name (`check SOURCE`, `--jwks`): the entry
/// names starting with `current`, then files and directories.
pub fn sources(current: &OsStr) -> Vec<CompletionCandidate> {
    let text = current.to_string_lossy();
    let mut candidates: Vec<CompletionCandidate> = if text.contains('/') {
        Vec::new()
    } else {
        entry_names()
            .into_iter()
            .filter(|c| c.get_value().to_string_lossy().starts_with(text.as_ref()))
            .collect()
    };
    candidates.extend(clap_complete::engine::ValueCompleter::complete(
        &PathCompleter::any(),
        current,
    ));
    candidates
}

/// The key store's kids, each described by its algorithm (`keys export`,
/// `token mint --key`).
pub fn key_ids() -> Vec<CompletionCandidate> {
    let Some(Ok(paths)) = context().map(|ctx| ctx.paths()) else {
        return Vec::new();
    };
    let store = KeyStore::new(&paths);
    let Ok((keys, _)) = store.list() else {
        return Vec::new();
    };
    let default = store.default_kid().ok().flatten();
    keys.into_iter()
        .map(|key| {
            let help = if default.as_deref() == Some(key.kid.as_str()) {
                format!("{} (default)", key.alg)
            } else {
                key.alg
            };
            CompletionCandidate::new(shell_word(key.kid)).help(Some(help.into()))
        })
        .collect()
}

/// The provider presets (`save --provider`).
pub fn presets() -> Vec<CompletionCandidate> {
    crate::registry::presets::PRESETS
        .iter()
        .map(|p| CompletionCandidate::new(p.name).help(Some(p.display.into())))
        .collect()
}

/// The keys `config set` and `config unset` take.
pub fn config_keys() -> Vec<CompletionCandidate> {
    crate::config::KEYS
        .iter()
        .map(CompletionCandidate::new)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn flag_values_in_both_forms_the_last_winning() {
        let w = words(&["jwksctl", "--home", "/a", "remove", "--home=/b", "x"]);
        assert_eq!(flag_value(&w, "--home").as_deref(), Some("/b"));
        let w = words(&["jwksctl", "remove", "--home", "/a"]);
        assert_eq!(flag_value(&w, "--home").as_deref(), Some("/a"));
        let w = words(&["jwksctl", "remove", "--", "--home", "/a"]);
        assert_eq!(flag_value(&w, "--home"), None);
        let w = words(&["jwksctl", "remove", "--home"]);
        assert_eq!(flag_value(&w, "--home"), None);
        let w = words(&["jwksctl", "--homey", "/a"]);
        assert_eq!(flag_value(&w, "--home"), None);
    }

    #[test]
    fn every_shell_gets_a_script_calling_jwksctl() {
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let text = script(shell);
            assert!(text.contains(VAR), "{shell}: {text}");
            assert!(text.contains("jwksctl"), "{shell}: {text}");
        }
    }
}
