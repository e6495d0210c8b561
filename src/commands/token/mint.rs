//! `jwksctl token mint`: flags → claims and a signing key → a token.

use serde_json::{Map, Value};

use crate::alg::Alg;
use crate::claims::Template;
use crate::cli::MintArgs;
use crate::commands::Context;
use crate::commands::template::claims_input;
use crate::error::{Error, ExitStatus, Result};
use crate::jwk::Jwk;
use crate::keys::convert::{KeyError, SigningKey};
use crate::keys::files;
use crate::keys::generate::generate;
use crate::keys::store::{KeyStore, NoDefaultKey};
use crate::output::{self, Format};
use crate::token::mint::{self, MintRequest, parse_claim, parse_ttl};
use crate::token::powersync;
use crate::token::verify::target::Target;
use crate::token::verify::{self, TargetContext, powersync as ps_rules};

/// The `sub` of a token for PowerSync when none is given (it requires one).
const POWERSYNC_SUB: &str = "test_user";

/// `jwksctl token mint`.
pub fn run(ctx: &Context, mut args: MintArgs) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "token mint",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    // Everything the user typed is checked before a key is touched or made.
    let ttl = parse_ttl(&args.ttl)
        .map_err(|why| Error::usage(format!("invalid --ttl {:?}: {why}", args.ttl.trim())))?;
    let target = args.target.map(super::verify::target_of);
    let refuse = |rule: &str, code: Option<&str>, why: String| {
        let code = code.map(|c| format!(" ({c})")).unwrap_or_default();
        Error::usage(format!("{rule}{code}: {why}"))
    };
    // PowerSync's rules are the verifier's (`ps_rules::rule`), said here
    // before a key is touched, in terms of the flags.
    let refuse_ps = |rule: ps_rules::Rule, why: String| refuse(rule.name, Some(rule.code), why);
    if args.all_namespaces && target != Some(Target::Sqld) {
        return Err(Error::usage(
            "--all-namespaces is for sqld's namespaces: it needs --for sqld",
        ));
    }
    match target {
        Some(Target::PowerSync) => {
            if args.aud.is_empty() && args.powersync_config.is_none() {
                return Err(refuse_ps(
                    ps_rules::rule::AUD,
                    "PowerSync requires aud to be one of client_auth.audience".into(),
                )
                .with_hint("pass --aud AUD (one of the service's client_auth.audience) or --powersync-config FILE"));
            }
            let max = ps_rules::MAX_LIFETIME as u64;
            if ttl.is_none_or(|t| ps_rules::too_long(t.as_secs() as f64, ps_rules::MAX_LIFETIME)) {
                return Err(refuse_ps(
                    ps_rules::rule::MAX_LIFETIME,
                    format!("PowerSync refuses tokens that live longer than {max} s (24h), and --ttl is {}", args.ttl),
                )
                .with_hint("use --ttl 24h or less"));
            }
            // KeyStore.ts `requiredClaims` (ps_rules::rule::REQUIRED_CLAIMS): sub too.
            if args.sub.is_none() {
                args.sub = Some(POWERSYNC_SUB.into());
                ctx.out.note(&format!(
                    "PowerSync requires sub: using --sub {POWERSYNC_SUB}"
                ));
            }
        }
        Some(Target::Sqld) => {
            if !args.aud.is_empty() {
                return Err(refuse(
                    "sqld.aud",
                    None,
                    "sqld rejects tokens that carry aud (it configures no audience)".into(),
                ));
            }
            // jwt.rs: no `p` and no `id` is a legacy token for every namespace.
            match (args.claims.database.is_empty(), args.all_namespaces) {
                (true, false) => {
                    return Err(Error::usage(
                        "sqld.every_namespace: without -d the token would grant read-write on every namespace of the server",
                    )
                    .with_hint("name the namespace with -d NAME (an sqld started without --enable-namespaces serves only `default`), or pass --all-namespaces if that is what you want"));
                }
                (false, true) => {
                    return Err(Error::usage(
                        "--all-namespaces mints a token for every namespace: drop -d, or drop --all-namespaces",
                    ));
                }
                (true, true) => ctx.out.warn(
                    "sqld.every_namespace: the token grants read-write on every namespace of the server",
                ),
                (false, false) => {}
            }
            // sqld reads the libsql dialect's claims.
            args.claims.dialect = crate::cli::DialectArg::Libsql;
        }
        Some(Target::Turso) if args.claims.database.is_empty() && args.claims.group.is_none() => {
            ctx.out.warn(
                "turso.target: no -d/-g, so the token has no id or gid: it grants every database in every group",
            );
        }
        _ => {}
    }
    let mut claims = template_claims(&args)?;
    let template = claims.clone();
    // A claim that changes what -d/-g/-s/-p made is said, not done silently.
    let overrides = |name: &str, value: &Value, from: &str| {
        if let Some(made) = template.get(name).filter(|made| *made != value) {
            ctx.out.warn(&format!(
                "{from} replaces the template's {name:?}: {made} becomes {value} (from -d/-g/-s/-p)"
            ));
        }
    };
    if let Some(path) = &args.claims_file {
        for (name, value) in claims_file(path)? {
            refuse_registered(&name, "--claims-file")?;
            overrides(&name, &value, "--claims-file");
            claims.insert(name, value);
        }
    }
    for item in &args.claim {
        let (name, value) =
            parse_claim(item).map_err(|why| Error::usage(format!("--claim {item:?}: {why}")))?;
        refuse_registered(&name, "--claim")?;
        overrides(&name, &value, "--claim");
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
        let config = powersync::load(path, &|name| std::env::var(name).ok())
            .map_err(super::powersync_flags)?;
        let signer = if args.key.is_some() || args.key_file.is_some() {
            // A configuration that verifies with jwks_uri holds no private
            // key: sign with the key its JWKS serves, audience from the file.
            signing_jwk(ctx, &args)?
        } else {
            let key = config.key.clone().map_err(super::powersync_flags)?;
            let kid = key.kid.clone().unwrap_or_default();
            (key, kid)
        };
        if request.aud.is_empty() {
            request.aud = config.audiences().map_err(super::powersync_flags)?;
        }
        if request.sub.is_none() {
            request.sub = Some(POWERSYNC_SUB.into());
        }
        signer
    } else {
        signing_jwk(ctx, &args)?
    };
    let key = SigningKey::from_jwk(&jwk).map_err(|e| key_error(e, &args))?;
    match target {
        Some(Target::PowerSync) if !ps_rules::verifies(key.alg()) => {
            return Err(refuse_ps(
                ps_rules::rule::ALG,
                format!(
                    "PowerSync does not verify {} (it takes RSA keys only as RS256/384/512)",
                    key.alg()
                ),
            )
            .with_hint(
                "sign with an RS256, ES256 or EdDSA key (`jwksctl keys generate --alg RS256`)",
            ));
        }
        Some(Target::Sqld) if key.alg() != Alg::EdDSA => {
            return Err(refuse(
                "sqld.alg",
                None,
                format!(
                    "sqld verifies EdDSA (Ed25519) tokens only; the key signs {}",
                    key.alg()
                ),
            )
            .with_hint("sign with an EdDSA key (`jwksctl keys generate`, the default algorithm)"));
        }
        _ => {}
    }
    let minted = mint::mint(&key, &kid, &request)?;
    if let Some(target) = target {
        // The token must pass the rules it was made for.
        let header = minted.header.as_object().cloned().unwrap_or_default();
        let claims = minted.claims.as_object().cloned().unwrap_or_default();
        let report = verify::report(
            target,
            &header,
            &claims,
            &[],
            &TargetContext::default(),
            Some(request.aud.clone()),
            request.now as i64,
        );
        if let Some(failed) = report.checks.into_iter().find(|c| !c.passed) {
            return Err(Error::usage(format!(
                "{} would refuse this token: {}",
                target.as_str(),
                failed.describe()
            )));
        }
    }
    let text = match output::to_document(&minted, format)? {
        Some(doc) => doc,
        None => minted.token.clone(),
    };
    ctx.out.result(&text)?;
    Ok(ExitStatus::Success)
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

/// Claims jwksctl sets itself from dedicated flags; `--claim` may not set them.
const REGISTERED: [(&str, &str); 6] = [
    ("iat", "it is always the time of minting"),
    ("exp", "use --ttl"),
    ("nbf", "tokens are valid from the time of minting"),
    ("sub", "use --sub"),
    ("aud", "use --aud"),
    ("iss", "use --iss"),
];

/// Why a registered claim was refused: the hint pointing at the flag.
fn registered_hint(name: &str) -> Option<&'static str> {
    REGISTERED.iter().find(|(n, _)| *n == name).map(|(_, h)| *h)
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

/// A store with keys but no default: `--key` is the other way out (known by
/// the typed cause under the error, never by its text).
fn no_default_hint(e: Error) -> Error {
    match e.hint() {
        Some(hint) if e.cause_as::<NoDefaultKey>().is_some() => {
            let hint = format!("pass --key KID, or {hint}");
            e.with_hint(hint)
        }
        _ => e,
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
        // The header's kid must be the one the verifier publishes: --kid,
        // else the JWK's own; a PEM has none, so the thumbprint — said aloud.
        let kid = match (&args.kid, &jwk.kid) {
            (Some(kid), _) => {
                crate::keys::validate_kid(kid)
                    .map_err(|why| Error::usage(format!("invalid --kid {kid:?}: {why}")))?;
                kid.clone()
            }
            (None, Some(kid)) => kid.clone(),
            (None, None) => {
                let kid = jwk
                    .thumbprint()
                    .map_err(|e| Error::usage(format!("{}: {e}", path.display())))?;
                ctx.out.warn(&format!(
                    "{} carries no kid: the token's kid is the key's RFC 7638 thumbprint {kid}; pass --kid KID to match the kid your JWKS publishes",
                    path.display()
                ));
                kid
            }
        };
        return Ok((jwk, kid));
    }
    let (key, created) = store
        .default_or_create(|| Ok(generate(Alg::EdDSA, None, None)?))
        .map_err(no_default_hint)?;
    if created {
        ctx.out.note(&format!(
            "the key store had no default (and no asymmetric key): generated EdDSA key {} and made it the default (`jwksctl keys list`)",
            key.kid
        ));
    }
    Ok((key.jwk, key.kid))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The store's typed "no default key" gets `--key` in front of its hint;
    /// an error that only reads the same keeps its own.
    #[test]
    fn only_the_typed_no_default_key_gets_the_key_hint() {
        let typed = Error::usage("no default key is set")
            .with_hint("make one the default")
            .with_typed(NoDefaultKey);
        let hinted = no_default_hint(typed);
        assert_eq!(
            hinted.hint(),
            Some("pass --key KID, or make one the default")
        );
        assert_eq!(hinted.message(), "no default key is set");
        let lookalike = Error::usage("no default key is set").with_hint("make one the default");
        assert_eq!(
            no_default_hint(lookalike).hint(),
            Some("make one the default")
        );
    }
}
