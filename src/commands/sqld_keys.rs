//! sqld's key file of several keys (docs/sqld.md, "Key files from a JWKS"):
//! `jwksctl keys sqld SOURCE…` (every Ed25519 signing key of registry
//! entries, URLs or JWKS files) and `keys export KID… --format sqld` with
//! several kids. The rules of the file are in [`crate::keys::sqld`].

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::cli::CacheArgs;
use crate::commands::{Context, cache_mode};
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::jwk::Jwk;
use crate::keys::sqld::{self, Chosen, Skip, Skipped};
use crate::keys::store::KeyStore;
use crate::output::{self, Format};
use crate::sources::{self, Named};

/// One key in the file, as `-o json` prints it.
#[derive(Serialize)]
struct KeyView {
    source: String,
    kid: Option<String>,
    /// The Ed25519 public key, base64url (the JWK's `x`).
    x: String,
}

/// One key left out, as `-o json` prints it.
#[derive(Serialize)]
struct SkippedView {
    source: String,
    kid: Option<String>,
    /// A stable code: not_ed25519, encryption_key, no_verify_op, other_alg,
    /// invalid_key, duplicate.
    reason: &'static str,
    message: String,
}

/// The `-o json|yaml` document.
#[derive(Serialize)]
struct FileView {
    /// Where the file was written (`--write`), or null (stdout).
    file: Option<String>,
    keys: Vec<KeyView>,
    skipped: Vec<SkippedView>,
    /// The file's text.
    pem: String,
}

/// `jwksctl keys sqld SOURCE… [--write PATH]`.
pub fn from_sources(
    ctx: &Context,
    given: &[String],
    write: Option<&Path>,
    cache: &CacheArgs,
) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "keys sqld",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    let sets = load(ctx, given, cache)?;
    let (chosen, skipped) = sqld::select(&sets);
    emit(ctx, format, &chosen, &skipped, write, given)
}

/// A source's label and its keys, or why it could not be read.
type Loaded = std::result::Result<(String, Vec<Jwk>), Error>;

/// Every source, resolved, fetched (concurrently, through the cache) or
/// read. Any source that fails stops the command: a file missing the keys
/// of one source would make sqld refuse its tokens.
fn load(ctx: &Context, given: &[String], cache: &CacheArgs) -> Result<Vec<(String, Vec<Jwk>)>> {
    enum Slot {
        Url(String, url::Url),
        File(String),
    }
    let mut slots = Vec::new();
    for source in given {
        slots.push(
            match sources::resolve(source, false, &mut || ctx.registry_entries())? {
                Named::Url(url) => Slot::Url(source.clone(), url),
                Named::Entry(entry, url) => Slot::Url(entry.name, url),
                Named::File { path, .. } => Slot::File(path),
            },
        );
    }
    let urls: Vec<url::Url> = slots
        .iter()
        .filter_map(|s| match s {
            Slot::Url(_, url) => Some(url.clone()),
            Slot::File(_) => None,
        })
        .collect();
    let mut fetched = if urls.is_empty() {
        Vec::new()
    } else {
        ctx.fetcher()?.jwks_many(&urls, cache_mode(cache))
    }
    .into_iter();
    let mut loaded: Vec<Loaded> = Vec::new();
    for slot in slots {
        loaded.push(match slot {
            Slot::Url(label, url) => match fetched.next() {
                Some(Ok(body)) => keys_of(&body)
                    .map(|keys| (label.clone(), keys))
                    .map_err(|why| Error::failure(format!("{label} ({url}): {why}"))),
                Some(Err(e)) => Err(e),
                None => Err(Error::failure(format!("{label}: not fetched"))),
            },
            Slot::File(path) => crate::fsutil::read_user_file(Path::new(&path)).and_then(|bytes| {
                keys_of(&bytes)
                    .map(|keys| (path.clone(), keys))
                    .map_err(|why| Error::failure(format!("{path}: {why}")))
            }),
        });
    }
    let failures: Vec<&Error> = loaded.iter().filter_map(|l| l.as_ref().err()).collect();
    if let Some(first) = failures.first() {
        let kind = if failures.iter().any(|e| e.kind() == ErrorKind::Usage) {
            ErrorKind::Usage
        } else if failures.iter().all(|e| e.kind() == ErrorKind::Unreachable) {
            ErrorKind::Unreachable
        } else {
            ErrorKind::Failure
        };
        let message = if failures.len() == 1 {
            format!("{}; nothing written", first.message())
        } else {
            let lines: Vec<String> = failures
                .iter()
                .map(|e| format!("  - {}", e.message()))
                .collect();
            format!(
                "{} sources could not be read; nothing written:\n{}",
                failures.len(),
                lines.join("\n")
            )
        };
        let mut error = Error::new(kind, message);
        if let Some(hint) = first.hint() {
            error = error.with_hint(hint);
        }
        return Err(error);
    }
    Ok(loaded.into_iter().filter_map(|l| l.ok()).collect())
}

/// The keys of a JWKS (or a single JWK). A member of `keys` that is not a
/// JWK at all is kept as a key with no usable type, so that it is reported
/// as skipped rather than dropped in silence.
fn keys_of(body: &[u8]) -> std::result::Result<Vec<Jwk>, String> {
    let doc: Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    let list = match doc.get("keys") {
        Some(Value::Array(list)) => list.clone(),
        Some(_) => return Err("\"keys\" is not an array".into()),
        None if doc.get("kty").is_some() => vec![doc],
        None => return Err("not a JWKS (no \"keys\") nor a JWK (no \"kty\")".into()),
    };
    Ok(list
        .iter()
        .map(|value| {
            Jwk::from_value(value).unwrap_or_else(|_| {
                let mut broken = crate::keys::convert::base_jwk("?");
                broken.kid = value.get("kid").and_then(Value::as_str).map(str::to_string);
                broken
            })
        })
        .collect())
}

/// Warn about the skipped keys; refuse when nothing fits; write or print the
/// file, or its document.
fn emit(
    ctx: &Context,
    format: Format,
    chosen: &[Chosen],
    skipped: &[Skipped],
    write: Option<&Path>,
    given: &[String],
) -> Result<ExitStatus> {
    for s in skipped {
        ctx.out.warn(&format!(
            "skipped {} from {}: {}",
            s.kid
                .as_deref()
                .map_or("a key without kid".to_string(), |k| format!("kid {k:?}")),
            s.source,
            s.why
        ));
    }
    if chosen.is_empty() {
        return Err(Error::failure(format!(
            "no Ed25519 signing key in {}: nothing written",
            given.join(", ")
        ))
        .with_hint(
            "sqld verifies EdDSA (Ed25519) tokens only; `jwksctl check SOURCE` lists each key's type",
        ));
    }
    let keys: Vec<&Jwk> = chosen.iter().map(|c| &c.jwk).collect();
    let text = sqld::key_file(&keys)?;
    if let Some(path) = write {
        crate::fsutil::write_atomic(path, text.as_bytes(), 0o644)
            .map_err(|e| Error::failure(format!("cannot write {}: {e}", path.display())))?;
        ctx.out.note(&format!(
            "wrote {} key{} to {} (sqld --auth-jwt-key-file {})",
            chosen.len(),
            if chosen.len() == 1 { "" } else { "s" },
            path.display(),
            path.display()
        ));
    }
    let view = FileView {
        file: write.map(|p| p.display().to_string()),
        keys: chosen
            .iter()
            .map(|c| KeyView {
                source: c.source.clone(),
                kid: c.kid.clone(),
                x: c.jwk.x.clone().unwrap_or_default(),
            })
            .collect(),
        skipped: skipped
            .iter()
            .map(|s| SkippedView {
                source: s.source.clone(),
                kid: s.kid.clone(),
                reason: s.why.code(),
                message: s.why.to_string(),
            })
            .collect(),
        pem: text.clone(),
    };
    match output::to_document(&view, format)? {
        Some(doc) => ctx.out.result(&doc)?,
        None if write.is_none() => ctx.out.result_exact(&text)?,
        None => {}
    }
    Ok(ExitStatus::Success)
}

/// `keys export KID… --format sqld` with several kids: the keys of the local
/// store, one PEM block each, in the order given. Each must be an Ed25519
/// signing key; an unknown or unfit kid fails the whole export (exit 1),
/// since a silently shorter file would refuse the left-out key's tokens.
pub fn from_store(ctx: &Context, store: &KeyStore, kids: &[String]) -> Result<ExitStatus> {
    for (i, kid) in kids.iter().enumerate() {
        if kids[..i].contains(kid) {
            return Err(Error::usage(format!("{kid} is given twice")));
        }
    }
    let mut keys = Vec::new();
    for kid in kids {
        let key = store
            .get(kid)
            .map_err(|e| e.with_kind(ErrorKind::Failure))?;
        match sqld::usable(&key.jwk) {
            Ok(()) => keys.push(key.jwk.to_public()),
            Err(Skip::NotEd25519(_)) => {
                return Err(Error::usage(format!(
                    "--format sqld carries EdDSA (Ed25519) keys only: sqld verifies nothing else, and {kid} is {}",
                    key.alg
                ))
                .with_hint("generate one with `jwksctl keys generate` (EdDSA is the default), or use --format pem / jwk for other consumers"));
            }
            Err(why) => {
                return Err(Error::failure(format!(
                    "{kid} cannot go into sqld's key file: {why}"
                )));
            }
        }
    }
    let refs: Vec<&Jwk> = keys.iter().collect();
    ctx.out.result_exact(&sqld::key_file(&refs)?)?;
    Ok(ExitStatus::Success)
}
