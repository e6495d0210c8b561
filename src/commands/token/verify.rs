//! `jwksctl token verify`: load the key sources the flags name (or every
//! registry entry and the local key store), judge the token(s), print the
//! verdict. Exit 0 valid, 1 invalid, 3 when no source could be loaded.

use std::io::{BufRead, IsTerminal, Read, Write};

use serde_json::json;

use super::decode::{note_removed, read_token};
use crate::cli::{SecretEncoding, TargetArg, VerifyArgs};
use crate::commands::{Context, cache_mode};
use crate::error::{Error, ErrorKind, Result};
use crate::keys::store::KeyStore;
use crate::output::{self, Format, paint};
use crate::registry;
use crate::sources::{self, Loaded, Loader, SecretFrom};
use crate::token::decode::MAX_TOKEN;
use crate::token::powersync;
use crate::token::target::{self, Target};
use crate::token::verify::{ASYMMETRIC, HMAC, Policy, Reason, Refetch, Source, Verdict, Verifier};

/// What `--for` needs beyond the verifier.
struct TargetRules {
    target: Target,
    audiences: Option<Vec<String>>,
}

fn target_of(arg: TargetArg) -> Target {
    match arg {
        TargetArg::Powersync => Target::PowerSync,
        TargetArg::Sqld => Target::Sqld,
        TargetArg::Turso => Target::Turso,
    }
}

/// Apply the target's rules to a verdict whose claims were read.
fn apply_target(verdict: &mut Verdict, rules: &TargetRules, now: i64) {
    let (Some(header), Some(claims)) = (&verdict.header, &verdict.claims) else {
        verdict.target = Some(rules.target.as_str());
        verdict.checks = Some(Vec::new());
        return;
    };
    let supabase = verdict
        .source
        .as_deref()
        .is_some_and(|s| s.ends_with(sources::SUPABASE_LABEL));
    let ctx = target::Context {
        audiences: if supabase {
            Some(vec!["authenticated".into()])
        } else {
            rules.audiences.clone()
        },
        max_lifetime: supabase.then_some(target::SUPABASE_MAX_LIFETIME),
        now,
    };
    let checks = target::check(rules.target, header, claims, &ctx);
    if verdict.valid
        && let Some(failed) = checks.iter().find(|c| !c.passed)
    {
        verdict.valid = false;
        verdict.reason = Some(Reason::TargetRule);
        verdict.message = format!(
            "{} refuses it: {}",
            rules.target.as_str(),
            failed.describe()
        );
    }
    verdict.target = Some(rules.target.as_str());
    verdict.checks = Some(checks);
}

/// `jwksctl token verify`.
pub fn run(ctx: &Context, args: VerifyArgs) -> Result<i32> {
    let format = ctx
        .out
        .format_for("token verify", &[Format::Text, Format::Json], Format::Text)?;
    let mut policy = policy(&args)?;
    let service = match &args.powersync_config {
        Some(path) => Some(powersync::load_service(path, &|n| std::env::var(n).ok())?),
        None => None,
    };
    let rules = match args.target.map(target_of) {
        None => None,
        Some(Target::PowerSync) => {
            // PowerSync judges the audience itself (PSYNC_S2105): not the RFC check.
            let mut audiences = std::mem::take(&mut policy.aud);
            if audiences.is_empty() {
                audiences = service
                    .as_ref()
                    .map(|s| s.audiences.clone())
                    .unwrap_or_default();
            }
            if audiences.is_empty() && service.as_ref().is_none_or(|s| s.supabase.is_none()) {
                return Err(Error::usage(
                    "--for powersync needs the audiences the service accepts: --aud AUD or --powersync-config FILE with client_auth.audience",
                ));
            }
            Some(TargetRules {
                target: Target::PowerSync,
                audiences: Some(audiences),
            })
        }
        Some(target) => Some(TargetRules {
            target,
            audiences: None,
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
        Some(read_token(args.token.as_deref())?)
    };
    let mut request = request(&args);
    request.service = match (service, &args.powersync_config) {
        (Some(keys), Some(path)) => Some(sources::Service {
            shown: path.display().to_string(),
            keys,
        }),
        _ => None,
    };
    let at = policy.at;
    let fetcher = ctx.fetcher()?;
    let loader = Loader {
        fetcher: &fetcher,
        mode: cache_mode(&args.cache),
        out: &ctx.out,
    };
    let mut refetch = |asked: &[&Source]| loader.refetch(asked);
    let Some(text) = input else {
        let loaded = load_all(ctx, &loader, &request)?;
        let mut verifier = Verifier::new(usable(ctx, loaded)?.sources, policy);
        return batch(ctx, &mut verifier, &mut refetch, rules.as_ref());
    };
    let now = crate::jwks::cache::now_unix() as i64;
    if let Ok(cleaned) = crate::token::decode::clean(&text) {
        note_removed(ctx, &cleaned, None);
    }
    let mut loaded = if request.is_explicit() {
        load_all(ctx, &loader, &request)?
    } else {
        // The entries the token's issuer points at are consulted first; the
        // others are fetched only when those cannot decide.
        let entries = ctx.registry()?.list()?;
        let (likely, rest) = sources::split_by_issuer(&entries, unverified_iss(&text).as_deref());
        if likely.is_empty() {
            loader.defaults(&entries, &KeyStore::new(&ctx.paths()?))?
        } else {
            ctx.out.detail(&format!(
                "the token's issuer matches {}: consulted first",
                likely
                    .iter()
                    .map(|e| format!("'{}'", e.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            let mut first = loader.defaults(&likely, &KeyStore::new(&ctx.paths()?))?;
            if !first.sources.is_empty() {
                let mut verifier = Verifier::new(first.sources, policy.clone());
                let verdict = verifier.verify(&text, now, &mut refetch);
                if verdict.reason != Some(Reason::NoMatchingKey) {
                    report_failures(ctx, &first.failures);
                    let judged = Judged {
                        failures: &first.failures,
                        rules: rules.as_ref(),
                        at: at.unwrap_or(now),
                    };
                    return finish(ctx, verdict, &judged, format);
                }
                // Keep what the first try learned (a rotation refetch is done once).
                first.sources = verifier.into_sources();
            }
            first.append(loader.entries(&rest));
            first
        }
    };
    loaded = usable(ctx, loaded)?;
    let verdict = Verifier::new(loaded.sources, policy).verify(&text, now, &mut refetch);
    let judged = Judged {
        failures: &loaded.failures,
        rules: rules.as_ref(),
        at: at.unwrap_or(now),
    };
    finish(ctx, verdict, &judged, format)
}

/// What is known beside a verdict when it is printed.
struct Judged<'a> {
    /// Sources that could not be loaded.
    failures: &'a [String],
    /// `--for`: the target's rules.
    rules: Option<&'a TargetRules>,
    /// The instant the token is judged at.
    at: i64,
}

/// Print the verdict; exit 0 valid, 1 invalid, and 3 when no key matched
/// while a source could not be loaded — the missing source may hold the key,
/// so the honest answer is "try again", not "invalid".
fn finish(ctx: &Context, mut verdict: Verdict, judged: &Judged<'_>, format: Format) -> Result<i32> {
    if let Some(rules) = judged.rules {
        apply_target(&mut verdict, rules, judged.at);
        for c in verdict.checks.iter().flatten().filter(|c| c.warning) {
            ctx.out.warn(&c.describe());
        }
    }
    let failures = judged.failures;
    if verdict.reason == Some(Reason::NoMatchingKey) && !failures.is_empty() {
        let mut undecided = verdict.clone();
        undecided.message = format!(
            "{}; undecided: {} source(s) could not be loaded and may hold the key ({})",
            verdict.message,
            failures.len(),
            failures.join("; ")
        );
        print_verdict(ctx, &undecided, format)?;
        return Ok(3);
    }
    print_verdict(ctx, &verdict, format)?;
    Ok(if verdict.valid { 0 } else { 1 })
}

/// The sources the flags name.
fn request(args: &VerifyArgs) -> sources::Request {
    let encoding = match args.secret_encoding {
        SecretEncoding::Raw => sources::SecretEncoding::Raw,
        SecretEncoding::Base64 => sources::SecretEncoding::Base64,
        SecretEncoding::Base64url => sources::SecretEncoding::Base64url,
    };
    let secret = match (&args.secret_env, &args.secret_file) {
        (Some(var), _) => Some(SecretFrom::Env(var.clone())),
        (None, Some(path)) => Some(SecretFrom::File(path.clone())),
        (None, None) => None,
    };
    sources::Request {
        jwks: args.jwks.clone(),
        keys: args.key.clone(),
        secret: secret.map(|s| (s, encoding)),
        service: None,
    }
}

/// Every source the request names, or every default source.
fn load_all(ctx: &Context, loader: &Loader<'_>, request: &sources::Request) -> Result<Loaded> {
    if request.is_explicit() {
        let mut cached: Option<Vec<registry::Entry>> = None;
        let mut entries = || -> Result<Vec<registry::Entry>> {
            if cached.is_none() {
                cached = Some(ctx.registry()?.list()?);
            }
            Ok(cached.clone().unwrap_or_default())
        };
        loader.named(request, &mut entries)
    } else {
        let entries = ctx.registry()?.list()?;
        loader.defaults(&entries, &KeyStore::new(&ctx.paths()?))
    }
}

/// The token's `iss`, read without verifying (only to pick which source to
/// consult first; the verdict never depends on it).
fn unverified_iss(text: &str) -> Option<String> {
    let cleaned = crate::token::decode::clean(text).ok()?;
    let decoded = crate::token::decode::decode(&cleaned.token).ok()?;
    decoded
        .claims()
        .ok()?
        .get("iss")?
        .as_str()
        .map(str::to_string)
}

fn report_failures(ctx: &Context, failures: &[String]) {
    for failure in failures {
        ctx.out.warn(&format!("cannot load keys: {failure}"));
    }
}

/// Report what failed to load; with nothing loaded the command cannot judge
/// (exit 3).
fn usable(ctx: &Context, loaded: Loaded) -> Result<Loaded> {
    report_failures(ctx, &loaded.failures);
    if loaded.sources.is_empty() {
        let error = if loaded.failures.is_empty() {
            Error::new(
                ErrorKind::Unreachable,
                "no keys to verify with: the registry and the local key store are empty",
            )
            .with_hint("pass --jwks NAME|URL|PATH, --key PATH or --secret-env VAR, or `jwksctl save NAME URL`")
        } else {
            Error::unreachable(format!(
                "no key source could be loaded ({} failed)",
                loaded.failures.len()
            ))
            .with_hint("check the network, or use --offline to verify with cached keys")
        };
        return Err(error);
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
    let leeway = humantime::parse_duration(args.leeway.trim())
        .map_err(|e| Error::usage(format!("invalid --leeway {:?}: {e}", args.leeway)))?;
    let mut algs = Vec::new();
    for alg in &args.alg {
        let known = ASYMMETRIC
            .iter()
            .chain(HMAC.iter())
            .find(|a| a.eq_ignore_ascii_case(alg))
            .ok_or_else(|| {
                Error::usage(format!(
                    "unknown --alg {alg:?}; supported: {}, {}",
                    ASYMMETRIC.join(", "),
                    HMAC.join(", ")
                ))
            })?;
        algs.push(known.to_string());
    }
    let at = match &args.at {
        None => None,
        Some(text) => Some(parse_time(text)?),
    };
    Ok(Policy {
        algs,
        aud: args.aud.clone(),
        iss: args.iss.clone(),
        sub: args.sub.clone(),
        require: args.require.clone(),
        leeway: leeway.as_secs(),
        ignore_exp: args.ignore_exp,
        at,
        jws: args.jws,
        wildcard_kids: args.target == Some(TargetArg::Powersync),
    })
}

/// `--at`: Unix seconds or RFC 3339, in UTC (`Z`) or with a numeric offset
/// (`+01:00`), which humantime does not read: the offset is split off here.
fn parse_time(text: &str) -> Result<i64> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<i64>() {
        return Ok(secs);
    }
    let (local, offset) = split_offset(text);
    humantime::parse_rfc3339_weak(local)
        .map(|t| (t, offset))
        .map_err(|e| {
            Error::usage(format!(
                "invalid --at {text:?}: {e} (expected Unix seconds or RFC 3339, e.g. 2024-05-01T12:00:00Z)"
            ))
        })
        .and_then(|(t, offset)| {
            t.duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64 - offset)
                .ok()
                .filter(|secs| *secs >= 0)
                .ok_or_else(|| Error::usage(format!("--at {text:?} is before 1970")))
        })
}

/// `2024-05-01T13:00:00+01:00` → (`2024-05-01T13:00:00`, 3600): a trailing
/// `±HH:MM` after a time of day, as seconds east of UTC; anything else is
/// returned whole with offset 0.
fn split_offset(text: &str) -> (&str, i64) {
    let Some(at) = text.len().checked_sub(6) else {
        return (text, 0);
    };
    let (local, suffix) = (text.get(..at), text.get(at..));
    let (Some(local), Some(suffix)) = (local, suffix) else {
        return (text, 0);
    };
    let bytes = suffix.as_bytes();
    let sign = match bytes[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return (text, 0),
    };
    let digits = |b: &[u8]| -> Option<i64> {
        b.iter()
            .all(u8::is_ascii_digit)
            .then(|| b.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    match (bytes[3], digits(&bytes[1..3]), digits(&bytes[4..6])) {
        (b':', Some(h), Some(m)) if h < 24 && m < 60 && local.contains(['T', 't', ' ']) => {
            (local, sign * (h * 3600 + m * 60))
        }
        _ => (text, 0),
    }
}

fn print_verdict(ctx: &Context, verdict: &Verdict, format: Format) -> Result<()> {
    let text = match format {
        Format::Json => output::to_json(verdict, true)?,
        _ => {
            let color = ctx.out.color_stdout();
            let head = if verdict.valid {
                paint(color, "32;1", "valid:")
            } else {
                paint(color, "31;1", "invalid:")
            };
            let mut text = format!("{head} {}", verdict.message);
            if let Some(reason) = verdict.reason {
                text.push_str(&format!(" [{}]", reason.as_str()));
            }
            for check in verdict.checks.iter().flatten() {
                let mark = match (check.passed, check.warning) {
                    (false, _) => paint(color, "31;1", "FAIL"),
                    (true, true) => paint(color, "33", "WARN"),
                    (true, false) => paint(color, "32", "ok  "),
                };
                text.push_str(&format!("\n  {mark} {}", check.describe()));
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

/// `--batch`: one token per line in, one JSON line out, as they come.
fn batch(
    ctx: &Context,
    verifier: &mut Verifier,
    refetch: &mut Refetch<'_>,
    rules: Option<&TargetRules>,
) -> Result<i32> {
    let stdin = std::io::stdin();
    // Our own buffer, so we can see when the next read would block.
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, stdin.lock());
    let stdout = std::io::stdout();
    let interactive_out = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut line = Vec::new();
    let mut number = 0u64;
    let mut all_valid = true;
    let mut seen = 0u64;
    loop {
        line.clear();
        // Results reach the reader before we wait for more input: a caller
        // that sends one token and waits for its verdict never deadlocks.
        if reader.buffer().is_empty()
            && let Err(e) = out.flush()
        {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(if all_valid { 0 } else { 1 });
            }
            return Err(Error::failure(format!("cannot write the results: {e}")));
        }
        let read = (&mut reader)
            .take(MAX_TOKEN as u64 + 2)
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::failure(format!("cannot read stdin: {e}")))?;
        if read == 0 {
            break;
        }
        number += 1;
        let too_long = line.len() > MAX_TOKEN + 1 && line.last() != Some(&b'\n');
        if too_long {
            // Skip the rest of the oversized line.
            let mut sink = Vec::new();
            reader
                .read_until(b'\n', &mut sink)
                .map_err(|e| Error::failure(format!("cannot read stdin: {e}")))?;
        }
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            continue;
        }
        seen += 1;
        let now = crate::jwks::cache::now_unix() as i64;
        let verdict = if too_long {
            None
        } else {
            if let Ok(cleaned) = crate::token::decode::clean(&text) {
                note_removed(ctx, &cleaned, Some(number));
            }
            let mut verdict = verifier.verify(&text, now, refetch);
            if let Some(rules) = rules {
                apply_target(&mut verdict, rules, now);
            }
            Some(verdict)
        };
        let row = match &verdict {
            Some(v) => json!({
                "line": number,
                "valid": v.valid,
                "reason": v.reason.map(|r| r.as_str()),
                "kid": v.kid,
                "source": v.source,
            }),
            None => json!({
                "line": number, "valid": false, "reason": "malformed", "kid": null, "source": null,
            }),
        };
        all_valid &= verdict.as_ref().is_some_and(|v| v.valid);
        let write = serde_json::to_writer(&mut out, &row)
            .map_err(std::io::Error::other)
            .and_then(|_| out.write_all(b"\n"))
            .and_then(|_| if interactive_out { out.flush() } else { Ok(()) });
        if let Err(e) = write {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(if all_valid { 0 } else { 1 });
            }
            return Err(Error::failure(format!("cannot write the results: {e}")));
        }
    }
    if let Err(e) = out.flush()
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Error::failure(format!("cannot write the results: {e}")));
    }
    ctx.out.detail(&format!("{seen} tokens"));
    Ok(if all_valid { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_reads_unix_seconds_and_rfc3339_with_any_offset() {
        assert_eq!(parse_time("1714564800").unwrap(), 1_714_564_800);
        assert_eq!(parse_time("2024-05-01T12:00:00Z").unwrap(), 1_714_564_800);
        assert_eq!(
            parse_time("2024-05-01T13:30:00+01:30").unwrap(),
            1_714_564_800
        );
        assert_eq!(
            parse_time("2024-05-01T07:00:00-05:00").unwrap(),
            1_714_564_800
        );
        assert_eq!(
            parse_time("2024-05-01T12:00:00-00:00").unwrap(),
            1_714_564_800
        );
        assert_eq!(split_offset("2024-05-01"), ("2024-05-01", 0));
        assert!(parse_time("2024-05-01T12:00:00+25:00").is_err());
        assert!(parse_time("1970-01-01T00:30:00+01:00").is_err());
        assert!(parse_time("yesterday").is_err());
    }
}
