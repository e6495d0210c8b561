//! `jwksctl token verify`: load the key sources the flags name (or every
//! registry entry and the local key store), judge the token(s), print the
//! verdict. Exit 0 valid, 1 invalid (or no keys to verify with), 3 when no
//! key matched while a source could not be reached (undecided).

use std::io::IsTerminal;

use serde_json::json;

use super::decode::{note_removed, read_token, removed_note};
use crate::cli::{SecretEncoding, TargetArg, VerifyArgs};
use crate::commands::{Context, cache_mode};
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::jwks::fetch::Fetcher;
use crate::keys::store::KeyStore;
use crate::output::{self, Format, Style, Verbosity, paint};
use crate::sources::{self, IssuerFirst, Loaded, Loader, SecretFrom};
use crate::token::decode::MAX_TOKEN;
use crate::token::powersync;
use crate::token::verify::target::Target;
use crate::token::verify::{
    Judge, Local, Outcome, Pending, Policy, Reason, Remedy, Settings, Settled, Shared,
    SharedRefetch, Source, TargetContext, Verdict,
};

/// `--namespace` and `--libsql-gid` ask about an sqld server: refused for
/// any other target (verify and doctor).
pub(crate) fn sqld_only(target: Option<Target>, namespace: bool, libsql_gid: bool) -> Result<()> {
    if namespace && target != Some(Target::Sqld) {
        return Err(Error::usage(
            "--namespace asks what a token grants on an sqld namespace: it needs --for sqld",
        ));
    }
    if libsql_gid && target != Some(Target::Sqld) {
        return Err(Error::usage(
            "--libsql-gid is sqld's LIBSQL_GID: it needs --for sqld",
        ));
    }
    Ok(())
}

pub(crate) fn target_of(arg: TargetArg) -> Target {
    match arg {
        TargetArg::Powersync => Target::PowerSync,
        TargetArg::Sqld => Target::Sqld,
        TargetArg::Turso => Target::Turso,
    }
}

/// `jwksctl token verify`.
pub fn run(ctx: &Context, args: VerifyArgs) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "token verify",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    if let Some(other @ (Format::Text | Format::Yaml)) = ctx.out.format().filter(|_| args.batch) {
        return Err(Error::usage(format!(
            "`token verify --batch` writes one JSON object per line; it does not support `-o {}`",
            other.name()
        ))
        .with_hint("drop -o, or verify one token at a time for text"));
    }
    if args.jobs.is_some() && !args.batch {
        // clap's `requires` counts a flag's default (false) as given.
        return Err(Error::usage(
            "--jobs sets how many --batch lines are verified at once: it needs --batch",
        )
        .with_hint("jwksctl token verify --batch --jobs 2 < tokens.txt"));
    }
    let mut policy = policy(&args)?;
    let service = match &args.powersync_config {
        Some(path) => Some(
            powersync::load_service(path, &|n| std::env::var(n).ok())
                .map_err(super::powersync_flags)?,
        ),
        None => None,
    };
    let target = args.target.map(target_of);
    if let Some(t @ (Target::PowerSync | Target::Sqld)) = target {
        refuse_own_asks(&args, t)?;
    }
    let mut audiences_shown = Vec::new();
    if let Some(service) = &service {
        for note in &service.notes {
            ctx.out.warn(&format!("powersync.config: {note}"));
        }
    }
    let audiences = if target == Some(Target::PowerSync) {
        // PowerSync judges the audience itself (PSYNC_S2105): not the RFC check.
        let mut audiences = std::mem::take(&mut policy.aud);
        if audiences.is_empty() {
            match &service {
                Some(s) => {
                    audiences = s.audiences.clone();
                    audiences_shown = s.audiences_shown.clone();
                }
                None => {
                    return Err(Error::usage(
                        "--for powersync needs the audiences the service accepts: --aud AUD or --powersync-config FILE",
                    ));
                }
            }
        }
        audiences
    } else {
        Vec::new()
    };
    sqld_only(target, args.namespace.is_some(), args.libsql_gid.is_some())?;
    let settings = Settings {
        policy,
        target: target.map(|t| {
            (
                t,
                TargetContext {
                    audiences,
                    audiences_shown,
                    gid: args.libsql_gid.clone(),
                    namespace: args.namespace.clone(),
                },
            )
        }),
    };
    // Read the token before loading keys: a usage error costs no request.
    let input = if args.batch {
        if std::io::stdin().is_terminal() {
            return Err(
                Error::usage("--batch reads tokens from stdin, one per line")
                    .with_hint("jwksctl token verify --batch < tokens.txt"),
            );
        }
        None
    } else {
        Some(read_token(args.token.as_deref(), "verify")?)
    };
    let mut request = request(&args);
    request.sqld_keys = target == Some(Target::Sqld);
    request.service = match (service, &args.powersync_config) {
        (Some(keys), Some(path)) => Some(sources::Service {
            shown: path.display().to_string(),
            keys,
        }),
        _ => None,
    };
    // Key files and a secret are read from disk and carry no URL, so a run
    // with only those fetches nothing: it needs neither the network settings
    // (`config.yaml`) nor the JWKS cache, and reads neither.
    let fetcher = if request.is_explicit() && request.jwks.is_empty() && request.service.is_none() {
        Fetcher::new(&ctx.out, crate::config::DEFAULT_TIMEOUT, None)
    } else {
        ctx.fetcher()?
    };
    let loader = Loader {
        fetcher: &fetcher,
        mode: cache_mode(&args.cache),
        out: &ctx.out,
    };
    let refetch = |asked: &[&Source]| loader.refetch(asked);
    let Some(text) = input else {
        let loaded = usable(ctx, load_all(ctx, &loader, &request)?)?;
        let judge =
            Judge::new(loaded.sources, loaded.failures, settings).with_broken(loaded.broken);
        let jobs = args.jobs.unwrap_or_else(crate::batch::default_jobs);
        return batch(ctx, judge, &refetch, jobs);
    };
    let now = crate::jwks::cache::now_unix() as i64;
    if let Ok(cleaned) = crate::token::decode::clean(&text) {
        note_removed(ctx, &cleaned, None);
    }
    let mut loaded = if request.is_explicit() {
        load_all(ctx, &loader, &request)?
    } else {
        let store = KeyStore::new(&ctx.paths()?);
        match loader.issuer_first(ctx.registry_entries()?, &store, &text, &settings, now)? {
            IssuerFirst::Decided(verdict, failures) => {
                report_failures(ctx, &failures);
                return finish(ctx, *verdict, format);
            }
            IssuerFirst::Undecided(loaded) => loaded,
        }
    };
    loaded = usable(ctx, loaded)?;
    let verdict = Judge::new(loaded.sources, loaded.failures, settings)
        .with_broken(loaded.broken)
        .judge(&text, now, &mut |asked| refetch(asked));
    finish(ctx, verdict, format)
}

/// `--for powersync|sqld` judges as the target does: the flags that add
/// jwksctl's own requirements have no meaning there.
fn refuse_own_asks(args: &VerifyArgs, target: Target) -> Result<()> {
    let own = [
        (!args.iss.is_empty(), "--iss"),
        (args.sub.is_some(), "--sub"),
        (!args.require.is_empty(), "--require"),
        (args.leeway.trim() != "60s", "--leeway"),
        (args.ignore_exp, "--ignore-exp"),
        (!args.alg.is_empty(), "--alg"),
        (args.jws, "--jws"),
    ];
    if let Some((_, flag)) = own.iter().find(|(given, _)| *given) {
        return Err(Error::usage(format!(
            "--for {} gives {}'s own verdict, and {flag} is not one of its settings",
            target.as_str(),
            target.title()
        ))
        .with_hint(format!(
            "drop {flag} to judge as {} does, or drop --for to judge by your own rules",
            target.title()
        )));
    }
    Ok(())
}

/// Print the verdict; exit 0 valid, 1 invalid, and 3 when no key matched
/// while a source could not be loaded — the missing source may hold the key,
/// so the honest answer is "try again", not "invalid".
fn finish(ctx: &Context, verdict: Verdict, format: Format) -> Result<ExitStatus> {
    for w in verdict.warnings.iter().flatten() {
        ctx.out.warn(&w.describe());
    }
    print_verdict(ctx, &verdict, format)?;
    Ok(exit_status(&verdict))
}

/// Valid, undecided (retry later) or invalid.
fn exit_status(verdict: &Verdict) -> ExitStatus {
    match verdict.outcome() {
        Outcome::Valid => ExitStatus::Success,
        Outcome::Undecided => ExitStatus::Unavailable,
        Outcome::Invalid(_) => ExitStatus::Invalid,
    }
}

/// The sources the flags name.
fn request(args: &VerifyArgs) -> sources::Request {
    sources::Request {
        jwks: args.jwks.clone(),
        keys: args.key.clone(),
        secret: secret(
            args.secret_env.as_ref(),
            args.secret_file.as_ref(),
            args.secret_encoding,
        ),
        service: None,
        sqld_keys: false,
    }
}

/// The HMAC secret `--secret-env` / `--secret-file` name, as `--secret-encoding` writes it.
pub(crate) fn secret(
    env: Option<&String>,
    file: Option<&std::path::PathBuf>,
    encoding: SecretEncoding,
) -> Option<(SecretFrom, sources::SecretEncoding)> {
    let encoding = match encoding {
        SecretEncoding::Raw => sources::SecretEncoding::Raw,
        SecretEncoding::Base64 => sources::SecretEncoding::Base64,
        SecretEncoding::Base64url => sources::SecretEncoding::Base64url,
    };
    let from = match (env, file) {
        (Some(var), _) => SecretFrom::Env(var.clone()),
        (None, Some(path)) => SecretFrom::File(path.clone()),
        (None, None) => return None,
    };
    Some((from, encoding))
}

/// Every source the request names, or every default source.
fn load_all(ctx: &Context, loader: &Loader<'_>, request: &sources::Request) -> Result<Loaded> {
    if request.is_explicit() {
        loader
            .named(request, &mut || ctx.registry_entries())
            .map_err(crate::commands::notices::named_source_error)
    } else {
        loader.defaults(ctx.registry_entries()?, &KeyStore::new(&ctx.paths()?))
    }
}

fn report_failures(ctx: &Context, failures: &[String]) {
    for failure in failures {
        ctx.out.warn(&format!("cannot load keys: {failure}"));
    }
}

/// Report what failed to load. With nothing to try at all (an empty
/// registry and key store) there is nothing to judge with: `no_keys`
/// (exit 1: configure a source; a retry cannot help); when sources failed,
/// the verdict says so (naming them).
fn usable(ctx: &Context, loaded: Loaded) -> Result<Loaded> {
    let failures: Vec<String> = loaded.all_failures().cloned().collect();
    report_failures(ctx, &failures);
    if loaded.sources.is_empty() && failures.is_empty() {
        return Err(Error::new(
            ErrorKind::NoKeys,
            "no keys to verify with: the registry and the local key store are empty",
        )
        .with_hint(
            "pass --jwks NAME|URL|PATH, --key PATH or --secret-env VAR, or `jwksctl save NAME URL`",
        ));
    }
    for source in &loaded.sources {
        ctx.out.detail(&format!(
            "keys: {} from '{}'",
            source.keys.len(),
            source.label
        ));
    }
    Ok(loaded)
}

fn policy(args: &VerifyArgs) -> Result<Policy> {
    let leeway = crate::token::describe::parse_span(&args.leeway)
        .map_err(|why| Error::usage(format!("invalid --leeway {:?}: {why}", args.leeway.trim())))?;
    let at = match &args.at {
        None => None,
        Some(text) => Some(
            crate::token::describe::parse_instant(text)
                .map_err(|why| Error::usage(format!("invalid --at {:?}: {why}", text.trim())))?,
        ),
    };
    Ok(Policy {
        algs: args.alg.clone(),
        aud: args.aud.clone(),
        iss: args.iss.clone(),
        sub: args.sub.clone(),
        require: args.require.clone(),
        leeway: leeway.as_secs(),
        ignore_exp: args.ignore_exp,
        at,
        jws: args.jws,
    })
}

fn print_verdict(ctx: &Context, verdict: &Verdict, format: Format) -> Result<()> {
    if let Some(remedy) = verdict.remedy {
        ctx.out.note(&format!("hint: {}", remedy_hint(remedy)));
    }
    let text = match format {
        Format::Json | Format::Yaml => output::to_document(verdict, format)?.unwrap_or_default(),
        _ => {
            let color = ctx.out.color_stdout();
            let head = if verdict.valid {
                paint(color, Style::Valid, "valid:")
            } else if verdict.undecided {
                paint(color, Style::Undecided, "undecided:")
            } else {
                paint(color, Style::Invalid, "invalid:")
            };
            let mut text = format!("{head} {}", verdict.message);
            if let Some(reason) = verdict.reason {
                text.push_str(&format!(" [{}]", reason.as_str()));
            }
            // -q: the verdict line alone, for scripts (docs/tokens.md).
            if ctx.out.verbosity() == Verbosity::Quiet {
                return ctx.out.result(&text);
            }
            for check in verdict.checks.iter().flatten() {
                let mark = super::decode::mark(color, check);
                text.push_str(&format!("\n  {mark} {}", check.describe()));
            }
            for grant in verdict.grants.iter().flatten() {
                text.push_str(&format!("\n  grant {}", grant.describe()));
            }
            if let Some(payload) = &verdict.payload {
                text.push_str("\npayload:\n");
                text.push_str(payload);
            } else if let Some(claims) = &verdict.claims {
                text.push('\n');
                text.push_str(&output::to_json(claims, true)?);
            }
            text
        }
    };
    ctx.out.result(&text)
}

/// A verdict's way out, worded for this command's flags.
fn remedy_hint(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::PlainJws => "for a JWS that signs plain text, pass --jws",
        Remedy::HmacSecret => "pass the secret with --secret-env VAR or --secret-file PATH",
        Remedy::AllowAlg => "allow it with --alg, if you trust it",
        Remedy::SecretEncoding => "pass --secret-encoding base64url (PowerSync's k is base64url)",
    }
}

/// `--batch`: one token per line in, one JSON line out, as they come;
/// `jobs` lines are judged at once and answered in input order.
fn batch(
    ctx: &Context,
    judge: Judge,
    refetch: &SharedRefetch<'_>,
    jobs: usize,
) -> Result<ExitStatus> {
    let judge = Shared::new(judge);
    let lines = Lines {
        lines: crate::batch::lines::Lines::new(std::io::stdin(), MAX_TOKEN + 1),
        number: 0,
    };
    let work = Judging {
        judge: &judge,
        refetch,
        // One job: the rows are written as they are, on this thread.
        render: jobs > 1,
    };
    let mut rows = Rows {
        ctx,
        judge: &judge,
        refetch,
        settled: Settled::default(),
        out: ctx.out.json_lines(),
        all_valid: true,
        any_invalid: false,
        seen: 0,
    };
    crate::batch::ordered_map(jobs, lines, &work, &mut rows)?;
    if !rows.out.closed() {
        ctx.out.detail(&format!("{} tokens", rows.seen));
    }
    Ok(if rows.all_valid {
        ExitStatus::Success
    } else if rows.any_invalid {
        ExitStatus::Invalid
    } else {
        ExitStatus::Unavailable
    })
}

/// The stdin lines of `--batch`, numbered from 1.
struct Lines {
    /// Read in blocks a line refers to: no allocation per line, and no
    /// memory allocated on one thread and freed on another.
    lines: crate::batch::lines::Lines<std::io::Stdin>,
    number: u64,
}

/// One line: blank ones too, so the answers are flushed before a wait
/// however many blank lines come. An over-long line is answered by its
/// number alone: its bytes are not kept.
struct Line {
    number: u64,
    line: crate::batch::lines::Line,
}

impl Line {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(self.line.bytes())
    }
}

impl crate::batch::Input for Lines {
    type Item = Line;
    type Error = Error;

    fn next(&mut self) -> Result<Option<Line>> {
        let line = self
            .lines
            .next_line()
            .map_err(|e| Error::failure(format!("cannot read stdin: {e}")))?;
        Ok(line.map(|line| {
            self.number += 1;
            Line {
                number: self.number,
                line,
            }
        }))
    }

    fn buffered(&mut self) -> bool {
        self.lines.buffered()
    }

    fn size(line: &Line) -> usize {
        line.line.bytes().len()
    }
}

/// A line judged (on any thread): its row as judged, and the note to print
/// before it. The verdict and its JSON are rendered and dropped on the
/// thread that judged the line: what crosses to the writing thread is a few
/// allocations, not the verdict's many (freeing another thread's memory
/// costs glibc's allocator far more than its own).
struct Answer {
    number: u64,
    /// The token, to judge again if a line before it asked for a refetch.
    line: Line,
    now: i64,
    note: Option<String>,
    /// `None`: the line is over-long (invalid, nothing to settle).
    judged: Option<Judged>,
    /// The JSON line as judged (`None` for a blank line).
    row: Option<Row>,
}

/// A row as judged: its JSON text when judged on a worker (the value is
/// dropped there), the value itself with one job (no text to copy).
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Row {
    Text(Box<serde_json::value::RawValue>),
    Value(serde_json::Value),
}

struct Judged {
    pending: Pending,
    valid: bool,
    undecided: bool,
}

/// What each thread does to a line: judge it with the thread's own judges.
struct Judging<'a> {
    judge: &'a Shared,
    refetch: &'a SharedRefetch<'a>,
    /// Turn each row into its JSON text on the thread that judged it.
    render: bool,
}

impl<'a> crate::batch::Work<Line, Answer> for Judging<'a> {
    type Local = Local<'a>;

    fn local(&self) -> Local<'a> {
        self.judge.local()
    }

    fn work(&self, judge: &mut Local<'a>, line: Line) -> Answer {
        answer(judge, self.refetch, line, self.render)
    }
}

/// `render`: turn the row into its JSON text here (on a worker).
fn answer(judge: &mut Local<'_>, refetch: &SharedRefetch<'_>, line: Line, render: bool) -> Answer {
    let now = crate::jwks::cache::now_unix() as i64;
    let number = line.number;
    let text = line.text();
    // A too-long line's bytes are not kept: whether it was blank is known.
    let too_long = line.line.too_long();
    let blank = if too_long {
        line.line.too_long_and_blank()
    } else {
        text.trim().is_empty()
    };
    let (note, judged, row) = if blank {
        (None, None, None)
    } else if too_long {
        (None, None, Some(as_row(row(number, None), render)))
    } else {
        let note = crate::token::decode::clean(&text)
            .ok()
            .and_then(|cleaned| removed_note(&cleaned, Some(number)));
        let (verdict, pending) = judge.judge(number, &text, now, refetch).split();
        let judged = Judged {
            pending,
            valid: verdict.valid,
            undecided: verdict.undecided,
        };
        let row = as_row(row(number, Some(&verdict)), render);
        (note, Some(judged), Some(row))
    };
    Answer {
        number,
        line,
        now,
        note,
        judged,
        row,
    }
}

fn as_row(value: serde_json::Value, render: bool) -> Row {
    if !render {
        return Row::Value(value);
    }
    // A `Value` always serializes (its keys are strings, its numbers ones
    // JSON can write); were it ever not to, it is written as it is.
    match serde_json::value::to_raw_value(&value) {
        Ok(text) => Row::Text(text),
        Err(_) => Row::Value(value),
    }
}

/// The JSON line of a verdict (`None`: the line is over-long).
fn row(number: u64, verdict: Option<&Verdict>) -> serde_json::Value {
    match verdict {
        Some(v) => {
            let mut row = json!({
                "line": number,
                "valid": v.valid,
                "reason": v.reason.map(|r| r.as_str()),
                "message": v.message,
                "kid": v.kid,
                "source": v.source,
                "undecided": v.undecided,
                "stale": v.stale,
                "sources": v.sources,
            });
            // Under --for: the target, its code and the warnings.
            if let Some(target) = v.target {
                row["target"] = target.as_str().into();
                row["code"] = v.code.into();
                row["warnings"] = serde_json::to_value(&v.warnings).unwrap_or_default();
                if let Some(grants) = &v.grants {
                    row["grants"] = serde_json::to_value(grants).unwrap_or_default();
                }
            }
            row
        }
        None => json!({
            "line": number, "valid": false, "reason": Reason::Malformed.as_str(),
            "message": format!("the line is longer than the {MAX_TOKEN}-byte limit for a token"),
            "kid": null, "source": null, "undecided": false, "stale": false, "sources": [],
        }),
    }
}

/// Where the answers go, in input order, on the calling thread: the notes,
/// the JSON lines, and what decides the exit code.
struct Rows<'a> {
    ctx: &'a Context,
    judge: &'a Shared,
    refetch: &'a SharedRefetch<'a>,
    settled: Settled,
    out: output::JsonLines,
    all_valid: bool,
    any_invalid: bool,
    seen: u64,
}

impl crate::batch::Sink<Answer> for Rows<'_> {
    type Error = Error;

    fn write(&mut self, answer: Answer) -> Result<()> {
        let Answer {
            number,
            line,
            now,
            note,
            judged,
            row: judged_row,
        } = answer;
        // A blank line has no row.
        let Some(judged_row) = judged_row else {
            return Ok(());
        };
        self.seen += 1;
        if let Some(note) = note {
            self.ctx.out.detail(&note);
        }
        let (valid, undecided) = match judged {
            None => (false, false),
            Some(judged) => {
                match self.judge.settle(
                    judged.pending,
                    || line.text(),
                    now,
                    &mut self.settled,
                    self.refetch,
                ) {
                    None => (judged.valid, judged.undecided),
                    Some(v) => {
                        self.all_valid &= v.valid;
                        self.any_invalid |= !v.valid && !v.undecided;
                        return self.out.write(&row(number, Some(&v)));
                    }
                }
            }
        };
        self.all_valid &= valid;
        self.any_invalid |= !valid && !undecided;
        self.out.write(&judged_row)
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush()
    }

    fn closed(&self) -> bool {
        self.out.closed()
    }
}
