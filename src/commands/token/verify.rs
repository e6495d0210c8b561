//! `jwksctl token verify`: load the key sources the flags name (or every
//! registry entry and the local key store), judge the token(s), print the
//! verdict. Exit 0 valid, 1 invalid, 3 when no source could be loaded.

use std::io::IsTerminal;

use serde_json::json;

use super::decode::{note_removed, read_token};
use crate::cli::{SecretEncoding, TargetArg, VerifyArgs};
use crate::commands::{Context, cache_mode};
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::keys::store::KeyStore;
use crate::output::{self, Format, paint};
use crate::sources::{self, IssuerFirst, Loaded, Loader, SecretFrom};
use crate::token::decode::MAX_TOKEN;
use crate::token::powersync;
use crate::token::target::{self, Target};
use crate::token::verify::{ASYMMETRIC, HMAC, Policy, Refetch, Remedy, Source, Verdict, Verifier};

fn target_of(arg: TargetArg) -> Target {
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
    let mut policy = policy(&args)?;
    let service = match &args.powersync_config {
        Some(path) => Some(
            powersync::load_service(path, &|n| std::env::var(n).ok())
                .map_err(super::powersync_flags)?,
        ),
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
            Some(target::Rules {
                target: Target::PowerSync,
                audiences: Some(audiences),
            })
        }
        Some(target) => Some(target::Rules {
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
        Some(read_token(args.token.as_deref(), "verify")?)
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
        let loaded = usable(ctx, load_all(ctx, &loader, &request)?)?;
        let mut verifier = Verifier::new(loaded.sources, policy);
        return batch(
            ctx,
            &mut verifier,
            &mut refetch,
            rules.as_ref(),
            &loaded.failures,
        );
    };
    let now = crate::jwks::cache::now_unix() as i64;
    if let Ok(cleaned) = crate::token::decode::clean(&text) {
        note_removed(ctx, &cleaned, None);
    }
    let mut loaded = if request.is_explicit() {
        load_all(ctx, &loader, &request)?
    } else {
        let store = KeyStore::new(&ctx.paths()?);
        match loader.issuer_first(ctx.registry_entries()?, &store, &text, &policy, now)? {
            IssuerFirst::Decided(verdict, failures) => {
                report_failures(ctx, &failures);
                let judged = Judged {
                    failures: &failures,
                    rules: rules.as_ref(),
                    at: at.unwrap_or(now),
                };
                return finish(ctx, *verdict, &judged, format);
            }
            IssuerFirst::Undecided(loaded) => loaded,
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
    rules: Option<&'a target::Rules>,
    /// The instant the token is judged at.
    at: i64,
}

/// Print the verdict; exit 0 valid, 1 invalid, and 3 when no key matched
/// while a source could not be loaded — the missing source may hold the key,
/// so the honest answer is "try again", not "invalid".
fn finish(
    ctx: &Context,
    mut verdict: Verdict,
    judged: &Judged<'_>,
    format: Format,
) -> Result<ExitStatus> {
    if let Some(rules) = judged.rules {
        rules.apply(&mut verdict, judged.at);
        for c in verdict.checks.iter().flatten().filter(|c| c.warning) {
            ctx.out.warn(&c.describe());
        }
    }
    verdict.note_unavailable(judged.failures);
    print_verdict(ctx, &verdict, format)?;
    Ok(exit_status(&verdict))
}

/// Valid, undecided (retry later) or invalid.
fn exit_status(verdict: &Verdict) -> ExitStatus {
    if verdict.valid {
        ExitStatus::Success
    } else if verdict.undecided {
        ExitStatus::Unavailable
    } else {
        ExitStatus::Invalid
    }
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
        loader.named(request, &mut || ctx.registry_entries())
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
/// registry and key store) the command cannot judge (exit 3); when sources
/// failed, the verdict says so (undecided, naming them).
fn usable(ctx: &Context, loaded: Loaded) -> Result<Loaded> {
    report_failures(ctx, &loaded.failures);
    if loaded.sources.is_empty() && loaded.failures.is_empty() {
        return Err(Error::new(
            ErrorKind::Unreachable,
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
        Some(text) => Some(
            crate::token::describe::parse_instant(text)
                .map_err(|why| Error::usage(format!("invalid --at {:?}: {why}", text.trim())))?,
        ),
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

fn print_verdict(ctx: &Context, verdict: &Verdict, format: Format) -> Result<()> {
    if let Some(remedy) = verdict.remedy {
        ctx.out.note(&format!("hint: {}", remedy_hint(remedy)));
    }
    let text = match format {
        Format::Json | Format::Yaml => output::to_document(verdict, format)?.unwrap_or_default(),
        _ => {
            let color = ctx.out.color_stdout();
            let head = if verdict.valid {
                paint(color, "32;1", "valid:")
            } else if verdict.undecided {
                paint(color, "33;1", "undecided:")
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

/// A verdict's way out, worded for this command's flags.
fn remedy_hint(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::PlainJws => "for a JWS that signs plain text, pass --jws",
        Remedy::HmacSecret => "pass the secret with --secret-env VAR or --secret-file PATH",
        Remedy::AllowAlg => "allow it with --alg, if you trust it",
    }
}

/// `--batch`: one token per line in, one JSON line out, as they come.
fn batch(
    ctx: &Context,
    verifier: &mut Verifier,
    refetch: &mut Refetch<'_>,
    rules: Option<&target::Rules>,
    failures: &[String],
) -> Result<ExitStatus> {
    let stdin = std::io::stdin();
    // Our own buffer, so we can see when the next read would block.
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, stdin.lock());
    let mut out = output::JsonLines::stdout();
    let mut line = Vec::new();
    let mut number = 0u64;
    let mut all_valid = true;
    let mut any_invalid = false;
    let mut seen = 0u64;
    let code = |all_valid: bool, any_invalid: bool| {
        if all_valid {
            ExitStatus::Success
        } else if any_invalid {
            ExitStatus::Invalid
        } else {
            ExitStatus::Unavailable
        }
    };
    loop {
        line.clear();
        // Results reach the reader before we wait for more input: a caller
        // that sends one token and waits for its verdict never deadlocks.
        if reader.buffer().is_empty() {
            out.flush()?;
        }
        if out.closed() {
            return Ok(code(all_valid, any_invalid));
        }
        let (read, too_long) =
            crate::fsutil::read_line_capped(&mut reader, &mut line, MAX_TOKEN + 1)
                .map_err(|e| Error::failure(format!("cannot read stdin: {e}")))?;
        if read == 0 {
            break;
        }
        number += 1;
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
                rules.apply(&mut verdict, now);
            }
            verdict.note_unavailable(failures);
            Some(verdict)
        };
        let row = match &verdict {
            Some(v) => json!({
                "line": number,
                "valid": v.valid,
                "reason": v.reason.map(|r| r.as_str()),
                "message": v.message,
                "kid": v.kid,
                "source": v.source,
                "undecided": v.undecided,
            }),
            None => json!({
                "line": number, "valid": false, "reason": "malformed",
                "message": format!("the line is longer than the {MAX_TOKEN}-byte limit for a token"),
                "kid": null, "source": null, "undecided": false,
            }),
        };
        all_valid &= verdict.as_ref().is_some_and(|v| v.valid);
        any_invalid |= verdict.as_ref().is_none_or(|v| !v.valid && !v.undecided);
        out.write(&row)?;
        if out.closed() {
            return Ok(code(all_valid, any_invalid));
        }
    }
    out.flush()?;
    ctx.out.detail(&format!("{seen} tokens"));
    Ok(code(all_valid, any_invalid))
}
