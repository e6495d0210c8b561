//! Parsing the command line without building every command: clap's derive
//! builds the whole command tree (every flag of every subcommand, each global
//! option copied into each of them) before it reads a word, which was most of
//! a short run's start-up. Here the words naming the subcommand are found
//! first; a list of subcommands wrapped in [`OnlyNamed`] then holds only the
//! one they name (its siblings, wrapped in [`Lazy`], are made bare and
//! dropped), and the tree is checked before use: when the words do not lead
//! to a command without subcommands, or ask for help, the whole tree is built
//! instead, so help, errors and suggestions are exactly clap's.

use std::cell::RefCell;
use std::ffi::OsString;
use std::ops::{Deref, DerefMut};

use clap::{ArgMatches, Args, Command, CommandFactory, FromArgMatches};

use crate::cli::Cli;

/// A subcommand's arguments, built only when the command line names the
/// subcommand (or when the whole tree is asked for: help, completions, man
/// pages). Dereferences to the arguments.
#[derive(Debug)]
pub struct Lazy<T>(pub T);

impl<T> Lazy<T> {
    /// The arguments.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Lazy<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Lazy<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

thread_local! {
    /// The words that may name subcommands while [`parse_from`] builds its
    /// tree; `None` (the rest of the time) builds everything.
    static NAMED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

fn wanted(name: &str) -> bool {
    NAMED.with(|named| match &*named.borrow() {
        None => true,
        Some(words) => words.iter().any(|w| w == name),
    })
}

impl<T: Args> Args for Lazy<T> {
    fn augment_args(cmd: Command) -> Command {
        if wanted(cmd.get_name()) {
            T::augment_args(cmd)
        } else {
            cmd
        }
    }
    fn augment_args_for_update(cmd: Command) -> Command {
        if wanted(cmd.get_name()) {
            T::augment_args_for_update(cmd)
        } else {
            cmd
        }
    }
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

impl<T: FromArgMatches> FromArgMatches for Lazy<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Lazy)
    }
    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Lazy)
    }
    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

/// A list of subcommands that holds, while [`command_for`] builds a tree for
/// a command line, only the subcommand the line names: clap copies each
/// global option into every subcommand of a command it builds, so a sibling
/// left in the list, even bare, would cost as much as the copies. Otherwise
/// (help, completions, man pages, a line that names none) the whole list.
/// Dereferences to the subcommand.
#[derive(Debug)]
pub struct OnlyNamed<E>(pub E);

impl<E> Deref for OnlyNamed<E> {
    type Target = E;
    fn deref(&self) -> &E {
        &self.0
    }
}

fn only_named(cmd: Command, all: fn(Command) -> Command) -> Command {
    let named = NAMED.with(|named| named.borrow().clone());
    let Some(words) = named else {
        return all(cmd);
    };
    let mut list = all(Command::new("list"));
    let named = list
        .get_subcommands()
        .position(|sub| words.iter().any(|w| w == sub.get_name()));
    // None named: all of them, so the tree is seen not to reach a leaf.
    let mut cmd = cmd;
    for (i, sub) in list.get_subcommands_mut().enumerate() {
        if named.is_none_or(|n| n == i) {
            cmd = cmd.subcommand(std::mem::take(sub));
        }
    }
    std::mem::forget(list);
    cmd
}

impl<E: clap::Subcommand> clap::Subcommand for OnlyNamed<E> {
    fn augment_subcommands(cmd: Command) -> Command {
        only_named(cmd, E::augment_subcommands)
    }
    fn augment_subcommands_for_update(cmd: Command) -> Command {
        only_named(cmd, E::augment_subcommands_for_update)
    }
    fn has_subcommand(name: &str) -> bool {
        E::has_subcommand(name)
    }
}

impl<E: FromArgMatches> FromArgMatches for OnlyNamed<E> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        E::from_arg_matches(matches).map(OnlyNamed)
    }
    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        E::from_arg_matches_mut(matches).map(OnlyNamed)
    }
    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

/// The global options that take a value (long name, short letter): their
/// value is skipped when looking for the subcommand's words. A unit test
/// compares these lists with [`crate::cli::GlobalArgs`].
const GLOBAL_VALUED: [(&str, Option<char>); 8] = [
    ("home", None),
    ("output", Some('o')),
    ("color", None),
    ("timeout", None),
    ("max-stale", None),
    ("registry", None),
    ("org", None),
    ("api-url", None),
];

/// The global options that take no value (clap's `help` and `version` last).
const GLOBAL_FLAGS: [(&str, Option<char>); 6] = [
    ("no-color", None),
    ("quiet", Some('q')),
    ("verbose", Some('v')),
    ("yes", Some('y')),
    ("help", Some('h')),
    ("version", Some('V')),
];

/// The words before the first argument that is not a global option: the
/// words that may name a subcommand and its subcommand. Stops at anything it
/// does not know (`--`, another option, a value it cannot place). `None`
/// when help is asked for on the way (it lists the subcommands).
fn subcommand_words(args: &[OsString]) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let Some(arg) = arg.to_str() else { break };
        if arg == "--help" || (arg.starts_with('-') && !arg.starts_with("--") && short_help(arg)) {
            return None;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let (name, attached) = match long.split_once('=') {
                Some((name, _)) => (name, true),
                None => (long, false),
            };
            if GLOBAL_VALUED.iter().any(|(l, _)| *l == name) {
                if !attached && rest.next().is_none() {
                    break;
                }
            } else if attached || !GLOBAL_FLAGS.iter().any(|(l, _)| *l == name) {
                break;
            }
        } else if let Some(shorts) = arg.strip_prefix('-') {
            if shorts.is_empty() || !short_cluster(shorts, &mut rest) {
                break;
            }
        } else {
            words.push(arg.to_string());
        }
    }
    Some(words)
}

/// A cluster of short flags that asks for help (`-h`, `-qh`) before any
/// letter that takes a value.
fn short_help(arg: &str) -> bool {
    for c in arg.chars().skip(1) {
        if c == 'h' {
            return true;
        }
        if GLOBAL_VALUED.iter().any(|(_, s)| *s == Some(c)) {
            return false;
        }
    }
    false
}

/// A cluster of global short options (`-qy`, `-ojson`, `-o json`), its value
/// skipped; false when it holds a letter that is not a global option.
fn short_cluster<'a>(shorts: &str, rest: &mut impl Iterator<Item = &'a OsString>) -> bool {
    for (i, c) in shorts.char_indices() {
        if GLOBAL_VALUED.iter().any(|(_, s)| *s == Some(c)) {
            let attached = &shorts[i + c.len_utf8()..];
            return !attached.is_empty() || rest.next().is_some();
        }
        if !GLOBAL_FLAGS.iter().any(|(_, s)| *s == Some(c)) {
            return false;
        }
    }
    true
}

/// The command tree for these arguments: only the subcommands they name are
/// built, when the words lead to a command without subcommands (a leaf)
/// through fully built ones; otherwise the whole tree.
pub fn command_for(args: &[OsString]) -> Command {
    let Some(words) = subcommand_words(args) else {
        return Cli::command();
    };
    NAMED.with(|named| *named.borrow_mut() = Some(words.clone()));
    let pruned = Cli::command();
    NAMED.with(|named| *named.borrow_mut() = None);
    if leads_to_leaf(&pruned, &words) {
        pruned
    } else {
        std::mem::forget(pruned);
        Cli::command()
    }
}

fn leads_to_leaf(cmd: &Command, words: &[String]) -> bool {
    let mut node = cmd;
    for word in words {
        if !node.has_subcommands() {
            break;
        }
        match node.find_subcommand(word) {
            Some(sub) if sub.get_name() == word => node = sub,
            _ => return false,
        }
    }
    !node.has_subcommands()
}

/// Parse the process's command line (what `Cli::try_parse` does, building
/// only what the line needs).
pub fn parse() -> Result<Cli, clap::Error> {
    parse_from(std::env::args_os().collect())
}

/// Parse these arguments (the first is the program name).
pub fn parse_from(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    let mut cmd = command_for(&args);
    let parsed = match cmd.try_get_matches_from_mut(args) {
        Ok(mut matches) => {
            let cli = Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd));
            // The process ends soon after: freeing the matches costs more
            // than it gives back.
            std::mem::forget(matches);
            cli
        }
        Err(e) => Err(e),
    };
    // Freeing the tree node by node was a tenth of a short run.
    std::mem::forget(cmd);
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        std::iter::once("jwksctl")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn words_skip_global_options_and_their_values() {
        let cases: [(&[&str], &[&str]); 13] = [
            (&["template", "-d", "db"], &["template"]),
            (&["--max-stale", "0s", "keys", "sqld"], &["keys", "sqld"]),
            (&["token", "mint", "--sub", "u"], &["token", "mint"]),
            (
                &["-o", "json", "token", "verify", "T"],
                &["token", "verify", "T"],
            ),
            (&["-ojson", "-qy", "list"], &["list"]),
            (&["-qo", "json", "list"], &["list"]),
            (&["--home", "template", "list"], &["list"]),
            (&["--home=x", "--no-color", "check", "a"], &["check", "a"]),
            (&["--timeout"], &[]),
            (&["--", "list"], &[]),
            (&["--no-color=1", "list"], &[]),
            (&["-x", "list"], &[]),
            (
                &["token", "verify", "--key", "k.pem", "T"],
                &["token", "verify"],
            ),
        ];
        for (args, words) in cases {
            assert_eq!(subcommand_words(&os(args)).unwrap(), words, "{args:?}");
        }
        // Help lists the subcommands: the whole tree.
        for args in [
            &["--help", "template"][..],
            &["-h", "token", "mint"],
            &["-qh", "list"],
            &["token", "-h", "mint"],
            &["token", "mint", "--help"],
        ] {
            assert_eq!(subcommand_words(&os(args)), None, "{args:?}");
        }
        // `-o h`: h is the value of -o, not help.
        assert_eq!(subcommand_words(&os(&["-oh", "list"])).unwrap(), ["list"]);
    }

    /// The option lists above are the global options of `cli.rs`.
    #[test]
    fn global_lists_match_the_definitions() {
        type Entry = (String, Option<char>);
        let mut cmd = Cli::command();
        cmd.build();
        let (mut valued, mut flags): (Vec<Entry>, Vec<Entry>) = (Vec::new(), Vec::new());
        for arg in cmd.get_arguments().filter(|a| a.is_global_set()) {
            let entry = (arg.get_long().unwrap().to_string(), arg.get_short());
            // Whether a value follows on the command line (the flags are
            // `Set` actions taking no value: see `GlobalArgs`).
            if arg.get_num_args().expect("built").takes_values() {
                valued.push(entry);
            } else {
                flags.push(entry);
            }
        }
        let list = |l: &[(&str, Option<char>)]| -> Vec<Entry> {
            let mut v: Vec<_> = l.iter().map(|(n, s)| (n.to_string(), *s)).collect();
            v.sort();
            v
        };
        valued.sort();
        assert_eq!(valued, list(&GLOBAL_VALUED));
        // help and version are clap's (not global args), the last two.
        flags.sort();
        assert_eq!(flags, list(&GLOBAL_FLAGS[..4]));
        for (long, short) in &GLOBAL_FLAGS[4..] {
            let arg = cmd.get_arguments().find(|a| a.get_long() == Some(long));
            assert_eq!(arg.unwrap().get_short(), *short);
        }
    }

    /// For every path to a leaf command, the pruned tree gives that command
    /// exactly as the whole tree does (its help, arguments and usage).
    #[test]
    fn pruned_leaf_is_the_full_leaf() {
        fn leaves(cmd: &Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
            if !cmd.has_subcommands() {
                out.push(path);
                return;
            }
            for sub in cmd.get_subcommands() {
                let mut p = path.clone();
                p.push(sub.get_name().to_string());
                leaves(sub, p, out);
            }
        }
        let full = Cli::command();
        let mut paths = Vec::new();
        leaves(&full, Vec::new(), &mut paths);
        assert!(paths.len() > 10, "{paths:?}");
        for path in paths {
            let args = os(&path.iter().map(String::as_str).collect::<Vec<_>>());
            let mut pruned = command_for(&args);
            let mut whole = Cli::command();
            pruned.build();
            whole.build();
            let (mut p, mut w) = (&mut pruned, &mut whole);
            for word in &path {
                p = p.find_subcommand_mut(word).unwrap();
                w = w.find_subcommand_mut(word).unwrap();
            }
            assert_eq!(
                p.render_long_help().to_string(),
                w.render_long_help().to_string(),
                "{path:?}"
            );
            assert_eq!(
                p.render_usage().to_string(),
                w.render_usage().to_string(),
                "{path:?}"
            );
            let ids = |c: &Command| -> Vec<String> {
                c.get_arguments()
                    .map(|a| format!("{:?}", a))
                    .collect::<Vec<_>>()
            };
            assert_eq!(ids(p), ids(w), "{path:?}");
        }
    }

    #[test]
    fn words_that_do_not_reach_a_leaf_build_the_whole_tree() {
        let count = |c: &Command| c.get_subcommands().count();
        let full = count(&Cli::command());
        for args in [
            &["token"][..],
            &["help", "token"],
            &["tokn"],
            &["token", "help"],
            &[],
        ] {
            assert_eq!(count(&command_for(&os(args))), full, "{args:?}");
        }
        assert_eq!(count(&command_for(&os(&["template"]))), 1);
        let mint = command_for(&os(&["token", "mint"]));
        let token = mint.find_subcommand("token").unwrap();
        assert_eq!(count(token), 1);
        // Afterwards `Cli::command()` (completion, man pages) is whole again.
        assert_eq!(count(&Cli::command()), full);
    }

    #[test]
    fn parse_matches_clap_parse() {
        use clap::Parser;
        let lines: [&[&str]; 20] = [
            &["template", "-d", "db", "-p", "comments:data_add"],
            &[
                "sync", "--from", "local", "--to", "turso", "--org", "o", "-y",
            ],
            &[
                "--max-stale",
                "1h",
                "sync",
                "--from",
                "turso",
                "--to",
                "local",
            ],
            &["doctor", "T", "--for", "sqld", "--key", "k.pem"],
            &["-o", "json", "doctor", "--jwks", "clerk", "--for", "turso"],
            &[
                "keys",
                "sqld",
                "clerk",
                "--write",
                "k.pem",
                "--max-stale=0s",
            ],
            &["token", "verify", "T", "--alg", "es256", "--alg", "EdDSA"],
            &[
                "token", "verify", "--batch", "--jobs", "2", "--key", "k.pem",
            ],
            &["token", "decode", "T", "-o", "yaml"],
            &["-o", "json", "token", "mint", "--sub", "u"],
            &["token", "-o", "json", "mint", "--sub", "u", "-q"],
            &[
                "token", "mint", "-o", "json", "--home", "h", "--color", "never",
            ],
            &["--home", "a", "token", "verify", "--home", "b", "T"],
            &["token", "verify", "--key", "k.pem", "T"],
            &["--quiet", "list", "-y"],
            &["keys", "generate", "--alg", "ES256", "-v"],
            &["check", "token", "--timeout", "3s"],
            &["-qy", "--no-color", "providers"],
            &["config", "set", "org", "x"],
            &["completions", "bash"],
        ];
        for line in lines {
            let ours = parse_from(os(line)).unwrap();
            let clap = Cli::try_parse_from(os(line)).unwrap();
            assert_eq!(format!("{ours:?}"), format!("{clap:?}"), "{line:?}");
        }
        let refused: [&[&str]; 21] = [
            &["sync", "--from", "local"],
            &["sync", "--from", "nowhere", "--to", "local"],
            &["doctor", "--for", "mysql"],
            &["doctor", "-o", "table"],
            &["keys", "sqld"],
            &["token", "verify", "T", "--alg", "none"],
            &["doctr", "T"],
            &["--help", "template"],
            &["-h", "token", "mint"],
            &["token", "-h"],
            &["template", "--help"],
            &["token", "verify", "-h"],
            &["-V", "list"],
            &["template", "--bogus"],
            &["tokn", "mint"],
            &["token", "mint", "--ttl"],
            &["--output", "xml", "list"],
            &["-q", "-v", "token", "mint"],
            &["token", "verify", "T", "--batch"],
            &["template", "mint"],
            &["token", "mint", "-o", "table"],
        ];
        for line in refused {
            let ours = parse_from(os(line)).unwrap_err();
            let clap = Cli::try_parse_from(os(line)).unwrap_err();
            assert_eq!(ours.kind(), clap.kind(), "{line:?}");
            assert_eq!(
                ours.render().to_string(),
                clap.render().to_string(),
                "{line:?}"
            );
        }
        // Accepted by both the same way, whatever clap decides.
        for line in [&["-q", "token", "mint", "-v"][..], &["token", "-q", "mint"]] {
            let ours = format!("{:?}", parse_from(os(line)).map_err(|e| e.to_string()));
            let clap = format!(
                "{:?}",
                Cli::try_parse_from(os(line)).map_err(|e| e.to_string())
            );
            assert_eq!(ours, clap, "{line:?}");
        }
    }
}
