//! `jwksctl keys generate|list|jwks|export|default|remove` (docs/tokens.md, "Development keys").

use serde::Serialize;
use serde_json::{Value, json};

use crate::alg::Alg;
use crate::cli::{ExportFormat, KeysArgs, KeysCommand, RsaBits};
use crate::commands::Context;
use crate::error::{Error, ExitStatus, Result};
use crate::jwk::Jwk;
use crate::keys::convert::{self, KeyError};
use crate::keys::files;
use crate::keys::generate::generate;
use crate::keys::serve;
use crate::keys::store::{KeyStore, StoredKey};
use crate::keys::{public_jwk, validate_kid};
use crate::output::{self, Format};

impl From<KeyError> for Error {
    fn from(e: KeyError) -> Error {
        Error::failure(e.to_string()).with_typed(e)
    }
}

/// `jwksctl keys …`.
pub fn run(ctx: &Context, args: KeysArgs) -> Result<ExitStatus> {
    let store = KeyStore::new(&ctx.paths()?);
    match args.command {
        KeysCommand::Generate { alg, kid, bits, .. } => generate_key(ctx, &store, alg, kid, bits),
        KeysCommand::List { .. } => list(ctx, &store),
        KeysCommand::Jwks { include_secret, .. } => jwks(ctx, &store, include_secret),
        KeysCommand::Export {
            kid,
            more,
            format,
            private,
            audience,
            secret_env,
            ..
        } => {
            if format != ExportFormat::Powersync && (!audience.is_empty() || secret_env.is_some()) {
                return Err(Error::usage(
                    "--audience and --secret-env shape a PowerSync block: they need --format powersync",
                ));
            }
            if more.is_empty() {
                let block = PowersyncBlock {
                    audience,
                    secret_env,
                };
                export(ctx, &store, &kid, format, private, &block)
            } else {
                let kids: Vec<String> = std::iter::once(kid).chain(more).collect();
                export_several(ctx, &store, &kids, format, private)
            }
        }
        KeysCommand::Sqld {
            sources,
            write,
            cache,
            ..
        } => super::sqld_keys::from_sources(ctx, &sources, write.as_deref(), &cache),
        KeysCommand::Default { kid, .. } => {
            let format = ctx.out.format_for(
                "keys default",
                &[Format::Text, Format::Json, Format::Yaml],
                Format::Text,
            )?;
            let key = get(&store, &kid)?;
            store.set_default(Some(&kid))?;
            ctx.out.note(&format!("{kid} is now the default key"));
            if let Some(doc) = output::to_document(
                &json!({"kid": kid, "alg": key.alg, "default": true}),
                format,
            )? {
                ctx.out.result(&doc)?;
            }
            Ok(ExitStatus::Success)
        }
        KeysCommand::Remove { kid, .. } => remove(ctx, &store, &kid),
        KeysCommand::Serve { listen, .. } => serve(ctx, &store, &listen),
    }
}

/// A stored key named by a `keys` subcommand: an unknown kid is a failure
/// (exit 1, like `remove NAME`), listing the kids that exist.
fn get(store: &KeyStore, kid: &str) -> Result<StoredKey> {
    store
        .get(kid)
        .map_err(|e| e.with_kind(crate::error::ErrorKind::Failure))
}

/// Generate a key, store it, and make it the default when there is none —
/// unless it is an HMAC key: a shared secret never becomes the default
/// implicitly (`token mint` would then sign with it without a word).
/// Returns the stored JWK and whether it became the default.
pub fn create_key(
    store: &KeyStore,
    alg: Alg,
    kid: Option<&str>,
    bits: Option<u32>,
) -> Result<(Jwk, bool)> {
    if let Some(kid) = kid {
        validate_kid(kid).map_err(|why| Error::usage(format!("invalid --kid {kid:?}: {why}")))?;
    }
    let jwk = generate(alg, bits, kid)?;
    store.insert(&jwk)?;
    let make_default = !alg.is_hmac() && store.default_kid()?.is_none();
    if make_default {
        store.set_default(jwk.kid.as_deref())?;
    }
    Ok((jwk, make_default))
}

fn generate_key(
    ctx: &Context,
    store: &KeyStore,
    alg: Alg,
    kid: Option<String>,
    bits: Option<RsaBits>,
) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "keys generate",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    let bits = match bits {
        Some(_) if !alg.is_rsa() => {
            return Err(Error::usage(format!(
                "--bits applies to RSA keys (RS256/384/512, PS256/384/512), not {}",
                alg.as_str()
            )));
        }
        bits => bits.map(RsaBits::bits),
    };
    let (jwk, is_default) = create_key(store, alg, kid.as_deref(), bits)?;
    let kid = jwk.kid.clone().unwrap_or_default();
    let public = public_jwk(&jwk).unwrap_or_else(|| secretless(&jwk));
    let doc = json!({"kid": kid, "alg": alg.as_str(), "default": is_default, "jwk": public});
    let text = match output::to_document(&doc, format)? {
        Some(doc) => doc,
        None => format!("{kid}\n{}", output::to_json(&public, true)?),
    };
    ctx.out.result(&text)?;
    ctx.out.note(&format!(
        "generated {} key {kid}{} in {}",
        alg.as_str(),
        if is_default { " (the default key)" } else { "" },
        store.dir().display()
    ));
    if alg.is_hmac() && store.default_kid()?.is_none() {
        ctx.out.note(&format!(
            "an HMAC key never becomes the default by itself: mint with --key {kid}, or `jwksctl keys default {kid}`"
        ));
    }
    Ok(ExitStatus::Success)
}

/// An HMAC key without its secret: what can be shown of it.
fn secretless(jwk: &Jwk) -> Jwk {
    let mut shown = jwk.to_public();
    shown.use_ = Some("sig".into());
    shown
}

#[derive(Serialize)]
struct ListRow {
    kid: String,
    alg: String,
    default: bool,
    created_at: Option<String>,
}

fn list(ctx: &Context, store: &KeyStore) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "keys list",
        &[Format::Table, Format::Json, Format::Yaml],
        Format::Table,
    )?;
    let (keys, skipped) = store.list()?;
    for s in skipped {
        ctx.out.warn(&format!("skipped {s}"));
    }
    let default = store.default_kid()?;
    let rows: Vec<ListRow> = keys
        .into_iter()
        .map(|k| ListRow {
            default: default.as_deref() == Some(k.kid.as_str()),
            kid: k.kid,
            alg: k.alg,
            created_at: k.created_at,
        })
        .collect();
    let text = match output::to_document(&rows, format)? {
        Some(doc) => doc,
        None => output::table(
            &["KID", "ALG", "DEFAULT", "CREATED"],
            rows.iter().map(|r| {
                vec![
                    r.kid.clone(),
                    r.alg.clone(),
                    if r.default { "*".into() } else { String::new() },
                    r.created_at.clone().unwrap_or_default(),
                ]
            }),
        ),
    };
    if rows.is_empty() && format == Format::Table {
        ctx.out.note(
            "no keys yet: `jwksctl keys generate` makes one (and `token mint` does on first use)",
        );
    }
    ctx.out.result(&text)?;
    Ok(ExitStatus::Success)
}

/// The public JWKS of the store: HMAC keys only with `include_secret`.
pub fn store_jwks(keys: &[StoredKey], include_secret: bool) -> Value {
    let list: Vec<Value> =
        keys.iter()
            .filter_map(|k| match public_jwk(&k.jwk) {
                Some(p) => Some(p),
                None if include_secret => {
                    let mut secret = k.jwk.clone();
                    secret.use_ = Some("sig".into());
                    Some(secret)
                }
                None => None,
            })
            .map(|mut jwk| {
                jwk.alg =
                    Some(jwk.alg.clone().unwrap_or_else(|| {
                        convert::default_alg(&jwk).map_or("", Alg::as_str).into()
                    }));
                serde_json::to_value(jwk).unwrap_or_default()
            })
            .collect();
    json!({ "keys": list })
}

fn jwks(ctx: &Context, store: &KeyStore, include_secret: bool) -> Result<ExitStatus> {
    let format = ctx
        .out
        .format_for("keys jwks", &[Format::Json, Format::Yaml], Format::Json)?;
    let (keys, skipped) = store.list()?;
    for s in skipped {
        ctx.out.warn(&format!("skipped {s}"));
    }
    let doc = store_jwks(&keys, include_secret);
    let left_out: Vec<&str> = keys
        .iter()
        .filter(|k| !include_secret && public_jwk(&k.jwk).is_none())
        .map(|k| k.kid.as_str())
        .collect();
    if !left_out.is_empty() {
        ctx.out.note(&format!(
            "left out {} HMAC key(s) ({}): a shared secret has no public part (--include-secret prints it)",
            left_out.len(),
            left_out.join(", ")
        ));
    }
    if include_secret && keys.iter().any(|k| k.jwk.kty == "oct") {
        ctx.out
            .warn_secret("the output contains HMAC secrets: anyone who has them can mint tokens");
    }
    ctx.out
        .result(&output::to_document(&doc, format)?.unwrap_or_default())?;
    Ok(ExitStatus::Success)
}

/// What `--format powersync` writes beside the key.
struct PowersyncBlock {
    /// `client_auth.audience`; empty: the default pair.
    audience: Vec<String>,
    /// Write an HMAC key's `k` as `!env VAR`.
    secret_env: Option<String>,
}

fn export(
    ctx: &Context,
    store: &KeyStore,
    kid: &str,
    format: ExportFormat,
    private: bool,
    block: &PowersyncBlock,
) -> Result<ExitStatus> {
    // -o json|yaml shapes a JWK; the other formats are files in their own
    // right (PEM, sqld's key, PowerSync's YAML), printed as they are.
    let doc_format = match (ctx.out.format(), format) {
        (None | Some(Format::Text), _) => None,
        (Some(f @ (Format::Json | Format::Yaml)), ExportFormat::Jwk) => Some(f),
        (Some(f), ExportFormat::Jwk) => {
            return Err(Error::usage(format!(
                "`keys export --format jwk` does not support `-o {}`; it supports: json, yaml",
                f.name()
            )));
        }
        (Some(f), other) => {
            let name = clap::ValueEnum::to_possible_value(&other)
                .map(|v| v.get_name().to_string())
                .unwrap_or_default();
            return Err(Error::usage(format!(
                "`keys export --format {name}` prints the file itself; it does not support `-o {}`",
                f.name()
            ))
            .with_hint("-o json|yaml applies to --format jwk"));
        }
    };
    let key = get(store, kid)?;
    let jwk = &key.jwk;
    let warn_private = || {
        ctx.out.warn_secret(
            "the output contains the private key: keep it out of logs and repositories",
        )
    };
    let text = match format {
        ExportFormat::Jwk => {
            let shown = if private {
                warn_private();
                jwk.clone()
            } else {
                public_jwk(jwk).ok_or_else(|| hmac_has_no_public(kid))?
            };
            output::to_document(&shown, doc_format.unwrap_or(Format::Json))?.unwrap_or_default()
        }
        ExportFormat::Pem => {
            if jwk.kty == "oct" {
                return Err(Error::usage(format!(
                    "{kid} is an HMAC secret, which has no PEM form"
                ))
                .with_hint("use --format jwk --private or --format powersync"));
            }
            if private {
                warn_private();
                files::pem_encode("PRIVATE KEY", &convert::pkcs8_der(jwk)?)
            } else {
                files::pem_encode("PUBLIC KEY", &convert::spki_der(jwk)?)
            }
        }
        ExportFormat::Sqld => {
            if jwk.crv.as_deref() != Some("Ed25519") {
                return Err(Error::usage(format!(
                    "--format sqld carries EdDSA (Ed25519) keys only: sqld verifies nothing else, and {kid} is {}",
                    key.alg
                ))
                .with_hint("generate one with `jwksctl keys generate` (EdDSA is the default), or use --format pem / jwk for other consumers"));
            }
            if private {
                return Err(Error::usage(
                    "--format sqld is the public key sqld reads; it has no private form",
                ));
            }
            // Exactly the key, no newline: the file sqld reads is this output.
            ctx.out.result_exact(jwk.x.as_deref().unwrap_or_default())?;
            return Ok(ExitStatus::Success);
        }
        ExportFormat::Powersync => {
            if key.alg.starts_with("PS") {
                return Err(Error::usage(format!(
                    "--format powersync cannot carry {kid}: PowerSync takes RSA keys only as RS256, RS384 or RS512, not {}",
                    key.alg
                ))
                .with_hint("generate an RS256 key (`jwksctl keys generate --alg RS256`) or use EdDSA/ES256, which PowerSync also verifies"));
            }
            if block.secret_env.is_some() && jwk.kty != "oct" {
                return Err(Error::usage(format!(
                    "--secret-env writes an HMAC secret as !env; {kid} is a {} key, whose public part is no secret",
                    key.alg
                )));
            }
            let shown = if let (Some(var), "oct") = (&block.secret_env, jwk.kty.as_str()) {
                // yaml-env.ts: PowerSync substitutes PS_ variables only.
                let valid = var.starts_with("PS_")
                    && var.len() > 3
                    && var
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
                if !valid {
                    return Err(Error::usage(format!(
                        "--secret-env {var:?}: PowerSync substitutes only variables named PS_… (letters, digits, _)"
                    )));
                }
                let mut k = jwk.clone();
                k.use_ = None;
                k.extra.insert("k".into(), ENV_PLACEHOLDER.into());
                k
            } else if jwk.kty == "oct" {
                // PowerSync verifies HS256 with the shared secret itself.
                warn_private();
                let mut k = jwk.clone();
                k.use_ = None;
                k
            } else if private {
                warn_private();
                jwk.clone()
            } else {
                let mut p = jwk.to_public();
                p.use_ = None;
                p
            };
            let mut text = powersync_block(&shown, &key.alg, &block.audience)?;
            if let Some(var) = &block.secret_env {
                text = text.replace(ENV_PLACEHOLDER, &format!("!env {var}"));
                ctx.out.note(&format!(
                    "the secret stays out of the file: export {var}=<the key's k, base64url> where the service runs"
                ));
            }
            text
        }
    };
    ctx.out.result(&text)?;
    Ok(ExitStatus::Success)
}

/// `keys export KID KID… --format sqld`: one file of PEM blocks. Several
/// kids make a file only in sqld's form (the one that holds several keys).
fn export_several(
    ctx: &Context,
    store: &KeyStore,
    kids: &[String],
    format: ExportFormat,
    private: bool,
) -> Result<ExitStatus> {
    if format != ExportFormat::Sqld {
        return Err(Error::usage(format!(
            "several kids ({}) make one file only with --format sqld",
            kids.join(", ")
        ))
        .with_hint("export one key at a time, or use --format sqld for sqld's key file"));
    }
    if private {
        return Err(Error::usage(
            "--format sqld is the public key sqld reads; it has no private form",
        ));
    }
    if let Some(f) = ctx.out.format().filter(|f| *f != Format::Text) {
        return Err(Error::usage(format!(
            "`keys export --format sqld` prints the file itself; it does not support `-o {}`",
            f.name()
        ))
        .with_hint("-o json|yaml applies to --format jwk"));
    }
    super::sqld_keys::from_store(ctx, store, kids)
}

fn hmac_has_no_public(kid: &str) -> Error {
    Error::usage(format!("{kid} is an HMAC secret: it has no public part"))
        .with_hint("add --private to print the secret JWK")
}

/// Stands for `!env VAR` until the YAML is written (JSON has no tags).
const ENV_PLACEHOLDER: &str = "__jwksctl_env_placeholder__";

/// A PowerSync `client_auth:` block holding one key and the audiences
/// (default `powersync-dev`, `powersync`).
fn powersync_block(jwk: &Jwk, alg: &str, audience: &[String]) -> Result<String> {
    let mut key = serde_json::to_value(jwk)
        .map_err(|e| Error::failure(format!("cannot encode the key: {e}")))?;
    key["alg"] = alg.into();
    let audience: Vec<String> = if audience.is_empty() {
        vec!["powersync-dev".into(), "powersync".into()]
    } else {
        audience.to_vec()
    };
    let doc = json!({
        "client_auth": {
            "jwks": { "keys": [key] },
            "audience": audience,
        }
    });
    output::to_yaml(&doc)
}

fn remove(ctx: &Context, store: &KeyStore, kid: &str) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "keys remove",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    let key = get(store, kid)?;
    let prompt = format!(
        "Delete {} key {kid}? Tokens it signed can no longer be verified locally",
        key.alg
    );
    if !ctx.confirm(&prompt)? {
        ctx.out.note("nothing removed");
        return Ok(ExitStatus::Invalid);
    }
    let was_default = store.default_kid()?.as_deref() == Some(kid);
    store.remove(kid)?;
    if was_default {
        store.set_default(None)?;
        ctx.out.note(&format!(
            "removed {kid}; it was the default key, so there is no default now (`jwksctl keys default KID`)"
        ));
    } else {
        ctx.out.note(&format!("removed {kid}"));
    }
    let doc = json!({"kid": kid, "alg": key.alg, "removed": true, "was_default": was_default});
    if let Some(doc) = output::to_document(&doc, format)? {
        ctx.out.result(&doc)?;
    }
    Ok(ExitStatus::Success)
}

/// `keys serve`: a local JWKS endpoint until SIGINT or SIGTERM.
fn serve(ctx: &Context, store: &KeyStore, listen: &str) -> Result<ExitStatus> {
    // The base URL on stdout is the result, for a script to read.
    ctx.out
        .format_for("keys serve", &[Format::Text], Format::Text)?;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    let server = serve::Server::bind(listen).map_err(|e| {
        if e.kind() == crate::error::ErrorKind::Usage {
            e.prefixed("--listen:")
        } else {
            e
        }
    })?;
    // Handlers go in before the URL is printed: whoever reads it may signal
    // at once, and the default action would kill the process (exit 130/143).
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, stop.clone())
            .map_err(|e| Error::failure(format!("cannot handle signal {signal}: {e}")))?;
    }
    let base = server.base().to_string();
    // `result` flushes: whoever waits for the URL gets it now.
    ctx.out.result(&base)?;
    ctx.out.note(&format!("listening on {}", server.bound()));
    if !server.is_loopback() {
        ctx.out.warn(&format!(
            "{} is not a loopback address: other machines can reach this server (use --listen 127.0.0.1:PORT to keep it local)",
            server.bound().ip()
        ));
    }
    ctx.out
        .note(&format!("JWKS:      {base}{}", serve::JWKS_PATH));
    ctx.out
        .note(&format!("discovery: {base}{}", serve::DISCOVERY_PATH));
    ctx.out
        .note("serving the public keys of the key store (HMAC keys left out); Ctrl-C stops");
    let jwks = || -> Result<Value> {
        let (keys, _) = store.list().inspect_err(|e| {
            // The client gets a 500 without the reason (it names paths).
            ctx.out.warn(&format!("answered 500: {}", e.message()));
        })?;
        Ok(store_jwks(&keys, false))
    };
    server.run(&stop, &jwks)?;
    ctx.out.note("stopped");
    Ok(ExitStatus::Success)
}
