//! `jwksctl token mint`: flags → claims and a signing key → a token.

use serde_json::{Map, Value};

use crate::claims::Template;
use crate::cli::MintArgs;
use crate::commands::Context;
use crate::commands::template::claims_input;
use crate::error::{Error, Result};
use crate::jwk::Jwk;
use crate::keys::KeyAlg;
use crate::keys::convert::{KeyError, SigningKey};
use crate::keys::files;
use crate::keys::generate::generate;
use crate::keys::store::KeyStore;
use crate::output::{self, Format};
use crate::token::mint::{self, MintRequest, parse_claim, parse_ttl, registered_hint};
use crate::token::powersync;

/// `jwksctl token mint`.
pub fn run(ctx: &Context, args: MintArgs) -> Result<i32> {
    let format = ctx
        .out
        .format_for("token mint", &[Format::Text, Format::Json], Format::Text)?;
    // Everything the user typed is checked before a key is touched or made.
    let ttl = parse_ttl(&args.ttl).map_err(Error::usage)?;
    let mut claims = template_claims(&args)?;
    if let Some(path) = &args.claims_file {
        for (name, value) in claims_file(path)? {
            refuse_registered(&name, "--claims-file")?;
            claims.insert(name, value);
        }
    }
    for item in &args.claim {
        let (name, value) = parse_claim(item).map_err(Error::usage)?;
        refuse_registered(&name, "--claim")?;
        claims.insert(name, value);
    }

    let mut request = MintRequest {
        claims,
        sub: args.sub.clone(),
        aud: args.aud.clone(),
        iss: args.iss.clone(),
        ttl,
        now: crate::jwks::cache::now_unix(),
    };
    let (jwk, kid) = if let Some(path) = &args.powersync_config {
        let config = powersync::load(path, &|name| std::env::var(name).ok())?;
        if request.aud.is_empty() {
            request.aud = config.audiences()?;
        }
        if request.sub.is_none() {
            request.sub = Some("test_user".into());
        }
        let kid = config.key.kid.clone().unwrap_or_default();
        (config.key, kid)
    } else {
        signing_jwk(ctx, &args)?
    };
    let key = SigningKey::from_jwk(&jwk).map_err(|e| key_error(e, &args))?;
    let minted = mint::mint(&key, &kid, &request)?;
    let text = match format {
        Format::Json => output::to_json(&minted, true)?,
        _ => minted.token.clone(),
    };
    ctx.out.result(&text)?;
    Ok(0)
}

fn key_error(e: KeyError, args: &MintArgs) -> Error {
    match (&args.key_file, e) {
        (Some(path), e) => Error::usage(format!("{} cannot sign: {e}", path.display())),
        (None, e) => Error::failure(format!("the key cannot sign: {e}")),
    }
}

/// The template's claims when -d/-g are given; the claim flags without a
/// target are a usage error rather than silently ignored.
fn template_claims(args: &MintArgs) -> Result<Map<String, Value>> {
    let c = &args.claims;
    let has_target = !c.database.is_empty() || c.group.is_some();
    if !has_target {
        let stray = [
            (c.scope.is_some(), "--scope"),
            (!c.permissions.is_empty(), "--permissions"),
            (!c.attach.is_empty(), "--attach"),
        ];
        if let Some((_, flag)) = stray.iter().find(|(given, _)| *given) {
            return Err(Error::usage(format!(
                "{flag} needs --database or --group to say what it applies to"
            )));
        }
        return Ok(Map::new());
    }
    let input = claims_input(crate::cli::ClaimsArgs {
        database: c.database.clone(),
        group: c.group.clone(),
        scope: c.scope,
        permissions: c.permissions.clone(),
        dialect: c.dialect,
        attach: c.attach.clone(),
    });
    Ok(Template::from_input(&input)?.claims())
}

fn refuse_registered(name: &str, flag: &str) -> Result<()> {
    match registered_hint(name) {
        Some(hint) => Err(Error::usage(format!(
            "{flag} cannot set the registered claim {name:?}: {hint}"
        ))),
        None => Ok(()),
    }
}

fn claims_file(path: &std::path::Path) -> Result<Map<String, Value>> {
    let text = crate::fsutil::read_user_text(path)?;
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Error::usage(format!(
            "{} is not a JSON object of claims",
            path.display()
        ))),
        Err(e) => Err(Error::usage(format!(
            "{} is not valid JSON: {e}",
            path.display()
        ))),
    }
}

/// The private JWK and kid to sign with: `--key`, `--key-file`, the default
/// key, or — on first use — a new EdDSA key made the default.
fn signing_jwk(ctx: &Context, args: &MintArgs) -> Result<(Jwk, String)> {
    let store = KeyStore::new(&ctx.paths()?);
    if let Some(kid) = &args.key {
        let key = store.get(kid)?;
        return Ok((key.jwk, key.kid));
    }
    if let Some(path) = &args.key_file {
        let text = crate::fsutil::read_user_text(path)?;
        let jwk = files::jwk_from_key_file(&text).map_err(|e| {
            Error::usage(format!(
                "{} is not a usable private key: {e}",
                path.display()
            ))
        })?;
        let kid = match &jwk.kid {
            Some(kid) => kid.clone(),
            None => jwk
                .thumbprint()
                .map_err(|e| Error::usage(format!("{}: {e}", path.display())))?,
        };
        return Ok((jwk, kid));
    }
    let (key, created) = store.default_or_create(|| Ok(generate(KeyAlg::EdDSA, None, None)?))?;
    if created {
        ctx.out.note(&format!(
            "the key store was empty: generated EdDSA key {} and made it the default (`jwksctl keys list`)",
            key.kid
        ));
    }
    Ok((key.jwk, key.kid))
}
