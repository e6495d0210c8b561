//! `jwksctl token verify`: load the key sources the flags name (or every
//! registry entry and the local key store), judge the token(s), print the
//! verdict. Exit 0 valid, 1 invalid, 3 when no source could be loaded.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::Path;

use base64::Engine;
use serde_json::{Value, json};

use super::decode::{note_removed, read_token};
use crate::cli::{SecretEncoding, TargetArg, VerifyArgs};
use crate::commands::{Context, cache_mode};
use crate::error::{Error, ErrorKind, Result};
use crate::jwk::{Jwk, b64url_encode};
use crate::jwks::fetch::{CacheMode, Fetcher};
use crate::keys::convert::base_jwk;
use crate::keys::files;
use crate::keys::store::KeyStore;
use crate::output::{self, Format, paint};
use crate::registry::{self, Named};
use crate::token::decode::MAX_TOKEN;
use crate::token::powersync::{self, ServiceKeys};
use crate::token::target::{self, Target};
use crate::token::verify::{ASYMMETRIC, HMAC, Policy, Reason, Source, Verdict, Verifier};

/// The label of the Supabase shared-secret source: its tokens have their own
/// audience and lifetime in PowerSync.
const SUPABASE_LABEL: &str = "client_auth.supabase_jwt_secret";

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
        .is_some_and(|s| s.ends_with(SUPABASE_LABEL));
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
    let mode = cache_mode(&args.cache);
    let fetcher = ctx.fetcher()?;
    let sources = load_sources(ctx, &args, service.as_ref(), &fetcher, mode)?;
    let mut verifier = Verifier::new(sources, policy);
    let mut refetch = |source: &Source| -> Option<Vec<Jwk>> {
        if mode == CacheMode::Offline {
            return None;
        }
        let url = url::Url::parse(source.url.as_deref()?).ok()?;
        ctx.out.detail(&format!(
            "kid not in the keys of '{}': fetching {url} again (key rotation)",
            source.label
        ));
        match fetcher.jwks(&url, CacheMode::Refresh) {
            Ok(body) => Some(parse_jwks(&body).ok()?.0),
            Err(e) => {
                ctx.out.warn(e.message());
                None
            }
        }
    };
    match input {
        None => batch(ctx, &mut verifier, &mut refetch, rules.as_ref()),
        Some(text) => {
            let now = crate::jwks::cache::now_unix() as i64;
            if let Ok(cleaned) = crate::token::decode::clean(&text) {
                note_removed(ctx, &cleaned, None);
            }
            let mut verdict = verifier.verify(&text, now, &mut refetch);
            if let Some(rules) = &rules {
                apply_target(&mut verdict, rules, policy_at(&args).unwrap_or(now));
                for c in verdict.checks.iter().flatten().filter(|c| c.warning) {
                    ctx.out.warn(&c.describe());
                }
            }
            print_verdict(ctx, &verdict, format)?;
            Ok(if verdict.valid { 0 } else { 1 })
        }
    }
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

/// The `--at` instant, when given.
fn policy_at(args: &VerifyArgs) -> Option<i64> {
    args.at.as_deref().and_then(|t| parse_time(t).ok())
}

/// `--at`: Unix seconds or RFC 3339.
fn parse_time(text: &str) -> Result<i64> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<i64>() {
        return Ok(secs);
    }
    humantime::parse_rfc3339_weak(text)
        .map_err(|e| {
            Error::usage(format!(
                "invalid --at {text:?}: {e} (expected Unix seconds or RFC 3339, e.g. 2024-05-01T12:00:00Z)"
            ))
        })
        .and_then(|t| {
            t.duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .map_err(|_| Error::usage(format!("--at {text:?} is before 1970")))
        })
}

/// Public keys of a JWKS body (private members dropped); also says whether
/// the document was a single JWK rather than a set.
fn parse_jwks(body: &[u8]) -> std::result::Result<(Vec<Jwk>, bool), String> {
    let doc: Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    match doc.get("keys") {
        Some(Value::Array(list)) => Ok((
            list.iter()
                .filter_map(|k| Jwk::from_value(k).ok())
                .collect(),
            false,
        )),
        Some(_) => Err("\"keys\" is not an array".into()),
        None if doc.get("kty").is_some() => Jwk::from_value(&doc)
            .map(|k| (vec![k], true))
            .map_err(|e| e.to_string()),
        None => Err("not a JWKS (no \"keys\") nor a JWK (no \"kty\")".into()),
    }
}

/// Load every source the flags name, or the defaults. Sources that fail to
/// load are reported; with none loaded the command cannot judge (exit 3).
fn load_sources(
    ctx: &Context,
    args: &VerifyArgs,
    service: Option<&ServiceKeys>,
    fetcher: &Fetcher<'_>,
    mode: CacheMode,
) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let url_source = |label: &str, url: url::Url, failures: &mut Vec<String>| -> Option<Source> {
        match fetcher.jwks(&url, mode) {
            Ok(body) => match parse_jwks(&body) {
                Ok((keys, _)) => Some(Source::new(
                    label,
                    Some(url.to_string()),
                    keys.iter().map(Jwk::to_public).collect(),
                )),
                Err(why) => {
                    failures.push(format!("{label}: {why}"));
                    None
                }
            },
            Err(e) => {
                failures.push(e.message().to_string());
                None
            }
        }
    };
    if let (Some(service), Some(path)) = (service, &args.powersync_config) {
        let shown = path.display();
        if !service.keys.is_empty() {
            let mut source = Source::new(
                format!("{shown}: client_auth.jwks"),
                None,
                service.keys.clone(),
            );
            source.hmac = true;
            sources.push(source);
        }
        for uri in &service.jwks_uris {
            match url::Url::parse(uri) {
                // As PowerSync's RemoteJWKSCollector: no HMAC keys from a URL.
                Ok(url) => sources.extend(url_source(uri, url, &mut failures)),
                Err(e) => failures.push(format!("{shown}: client_auth.jwks_uri {uri:?}: {e}")),
            }
        }
        if let Some(key) = &service.supabase {
            let mut source = Source::new(
                format!("{shown}: {SUPABASE_LABEL}"),
                None,
                vec![key.clone()],
            );
            source.hmac = true;
            sources.push(source);
        }
    }
    let explicit = args.powersync_config.is_some()
        || !args.jwks.is_empty()
        || !args.key.is_empty()
        || args.secret_env.is_some()
        || args.secret_file.is_some();

    let mut registry_entries: Option<Vec<registry::Entry>> = None;
    let mut entries = || -> Result<Vec<registry::Entry>> {
        if registry_entries.is_none() {
            registry_entries = Some(ctx.registry()?.list()?);
        }
        Ok(registry_entries.clone().unwrap_or_default())
    };
    for given in &args.jwks {
        let named = registry::resolve_source(given, false, &mut entries)
            .map_err(|e| e.prefixed("--jwks"))?;
        match named {
            Named::Url(url) => sources.extend(url_source(given, url, &mut failures)),
            Named::Entry(entry, url) => {
                sources.extend(url_source(&entry.name, url, &mut failures));
            }
            Named::File { path, explicit } => sources.push(file_source(ctx, &path, explicit)?),
        }
    }
    for path in &args.key {
        let text = crate::fsutil::read_user_text(path)?;
        let jwk = files::public_jwk_from_key_file(&text)
            .map_err(|e| Error::usage(format!("--key {}: {e}", path.display())))?;
        let mut source = Source::new(path.display().to_string(), None, vec![jwk]);
        source.explicit = true;
        sources.push(source);
    }
    if let Some(source) = secret_source(args)? {
        sources.push(source);
    }

    let mut hmac_left_out = Vec::new();
    if !explicit {
        // Every registry entry, then the local key store.
        for entry in ctx.registry()?.list()? {
            match registry::entry_url(&entry) {
                Ok(url) => sources.extend(url_source(&entry.name, url, &mut failures)),
                Err(e) => failures.push(e.message().to_string()),
            }
        }
        let store = KeyStore::new(&ctx.paths()?);
        let (keys, _) = store.list()?;
        for key in keys {
            if key.jwk.kty == "oct" {
                // HMAC keys verify only when named explicitly (--secret-*, a
                // file path): a shared secret is never picked up implicitly.
                hmac_left_out.push(key.kid.clone());
                continue;
            }
            let keys = vec![key.jwk.to_public()];
            sources.push(Source::new(format!("local:{}", key.kid), None, keys));
        }
    }

    for failure in &failures {
        ctx.out.warn(&format!("cannot load keys: {failure}"));
    }
    if !hmac_left_out.is_empty() {
        ctx.out.detail(&format!(
            "HMAC keys in the local key store are not used unless named: {} (pass --secret-file or export one with `keys export KID --format jwk --private`)",
            hmac_left_out.join(", ")
        ));
    }
    if sources.is_empty() {
        let error = if failures.is_empty() {
            Error::new(
                ErrorKind::Unreachable,
                "no keys to verify with: the registry and the local key store are empty",
            )
            .with_hint("pass --jwks NAME|URL|PATH, --key PATH or --secret-env VAR, or `jwksctl save NAME URL`")
        } else {
            Error::unreachable(format!(
                "no key source could be loaded ({} failed)",
                failures.len()
            ))
            .with_hint("check the network, or use --offline to verify with cached keys")
        };
        return Err(error);
    }
    for source in &sources {
        ctx.out.detail(&format!(
            "keys: {} from '{}'",
            source.keys.len(),
            source.label
        ));
    }
    Ok(sources)
}

/// A JWKS or JWK file. Its HMAC keys may verify only when the file was
/// named with an explicit path (`./x`, `/x`, `file:x`): a bare word that
/// happens to be a file in the working directory never enables HMAC.
fn file_source(ctx: &Context, path: &str, explicit_path: bool) -> Result<Source> {
    let text = crate::fsutil::read_user_text(Path::new(path))?;
    let (keys, single) =
        parse_jwks(text.as_bytes()).map_err(|why| Error::usage(format!("--jwks {path}: {why}")))?;
    let secrets = keys.iter().filter(|k| k.kty == "oct").count();
    if secrets > 0 && !explicit_path {
        ctx.out.warn(&format!(
            "ignoring {secrets} HMAC key(s) in {path}: HMAC keys are used only from a file named with a path (./{path})"
        ));
    }
    let keys: Vec<Jwk> = keys
        .into_iter()
        .filter(|k| explicit_path || k.kty != "oct")
        .map(|k| if k.kty == "oct" { k } else { k.to_public() })
        .collect();
    let mut source = Source::new(path, None, keys);
    source.hmac = explicit_path;
    source.explicit = single;
    Ok(source)
}

fn secret_source(args: &VerifyArgs) -> Result<Option<Source>> {
    let (label, raw) = match (&args.secret_env, &args.secret_file) {
        (Some(var), _) => {
            let value = std::env::var_os(var).ok_or_else(|| {
                Error::usage(format!("--secret-env {var}: the variable is not set"))
            })?;
            #[cfg(unix)]
            let bytes = {
                use std::os::unix::ffi::OsStringExt;
                value.into_vec()
            };
            #[cfg(not(unix))]
            let bytes = value.to_string_lossy().into_owned().into_bytes();
            (format!("env:{var}"), bytes)
        }
        (None, Some(path)) => {
            let bytes = crate::fsutil::read_user_file(path)?;
            (path.display().to_string(), bytes)
        }
        (None, None) => return Ok(None),
    };
    let mut bytes = raw;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    let secret = match args.secret_encoding {
        SecretEncoding::Raw => bytes,
        SecretEncoding::Base64 | SecretEncoding::Base64url => {
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::usage(format!("{label}: the secret is not base64 text")))?;
            let text = text.trim();
            let decoded = if args.secret_encoding == SecretEncoding::Base64 {
                base64::engine::general_purpose::STANDARD.decode(text)
            } else {
                crate::jwk::b64url_decode(text)
            };
            decoded.map_err(|_| {
                Error::usage(format!(
                    "{label}: the secret is not valid {}",
                    if args.secret_encoding == SecretEncoding::Base64 {
                        "base64"
                    } else {
                        "base64url"
                    }
                ))
            })?
        }
    };
    if secret.is_empty() {
        return Err(Error::usage(format!("{label}: the secret is empty")));
    }
    let mut jwk = base_jwk("oct");
    jwk.extra.insert("k".into(), b64url_encode(secret).into());
    let mut source = Source::new(label, None, vec![jwk]);
    source.hmac = true;
    source.explicit = true;
    Ok(Some(source))
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
    refetch: &mut dyn FnMut(&Source) -> Option<Vec<Jwk>>,
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
