//! `jwksctl doctor` (docs/doctor.md): walk the chain from an auth provider
//! to a database — the target's configuration, every key source, the
//! token, what it grants — and name the first broken link with the one fix
//! to make. The checklist model lives in [`crate::doctor`]; keys load
//! through [`crate::sources`] and the token is judged by the one
//! [`Judge`]. Exit 0 when every link holds, 1 at a definite failure, 3 when
//! a link could not be checked.

use std::time::Instant;

use serde_json::{Map, Value, json};

use crate::cli::DoctorArgs;
use crate::commands::token::{read_token, secret, sqld_only, target_of};
use crate::commands::{Context, cache_mode};
use crate::doctor::{Checklist, SKEW_NOTICE, Stage, Status, clock_skew, failed_check};
use crate::duration::coarse;
use crate::error::{Error, ExitStatus, Result};
use crate::jwks::audit::{self, Code};
use crate::jwks::fetch::{CacheMode, CacheState};
use crate::keys::files;
use crate::keys::store::KeyStore;
use crate::output::{self, Format, Style, paint};
use crate::registry::presets;
use crate::sources::{self, Loader, Named};
use crate::token::describe::{grants, numeric_date, relative};
use crate::token::powersync::{self, ServiceKeys};
use crate::token::verify::powersync as ps_rules;
use crate::token::verify::target::{Target, WarningKind};
use crate::token::verify::{Judge, Policy, Remedy, Settings, TargetContext, Verdict};

/// `jwksctl doctor [TOKEN|-]`.
pub fn run(ctx: &Context, args: DoctorArgs) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "doctor",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    let target = args.target.map(target_of);
    refuse_mismatched(&args, target)?;
    // Every usage error before any request or read of the token's keys.
    let token =
        match args.token.as_deref() {
            Some(given) => Some(read_token(Some(given), "doctor").map_err(|e| {
                e.with_hint("jwksctl doctor \"$TOKEN\" …, or: … | jwksctl doctor - …")
            })?),
            None => None,
        };
    let mut jwks = args.jwks.clone();
    if let Some(name) = &args.provider {
        let preset = presets::find(name)?;
        let url = preset
            .build_url(&args.set)
            .map_err(crate::commands::registry::set_error)?;
        jwks.push(url);
    }
    if token.is_none()
        && jwks.is_empty()
        && args.key.is_empty()
        && args.powersync_config.is_none()
        && args.secret_env.is_none()
        && args.secret_file.is_none()
    {
        return Err(Error::usage(
            "doctor needs something to check: a token, a target's configuration or a key source",
        )
        .with_hint(
            "jwksctl doctor \"$TOKEN\" --for powersync --powersync-config powersync.yaml, or --provider/--jwks/--key",
        ));
    }
    if let Some(path) = &args.powersync_config
        && !path.is_file()
    {
        return Err(Error::usage(format!(
            "--powersync-config {}: no such file",
            path.display()
        )));
    }
    for path in &args.key {
        if !path.is_file() {
            return Err(Error::usage(format!(
                "--key {}: no such file",
                path.display()
            )));
        }
    }

    let mut list = Checklist::new();
    let service = config_link(&mut list, &args, target);

    // Link 2: every key source, probed one by one (time, answer, audit,
    // cache), then loaded as verification loads them (from the cache just
    // filled, so nothing is fetched twice).
    let fetcher = ctx.fetcher()?;
    let mode = cache_mode(&args.cache);
    let mut request = sources::Request {
        jwks,
        keys: args.key.clone(),
        secret: secret(
            args.secret_env.as_ref(),
            args.secret_file.as_ref(),
            args.secret_encoding,
        ),
        service: None,
        sqld_keys: target == Some(Target::Sqld),
    };
    if let (Some(keys), Some(path)) = (&service, &args.powersync_config) {
        request.service = Some(sources::Service {
            shown: path.display().to_string(),
            keys: keys.clone(),
        });
    }
    let mut dates = Vec::new();
    if list.stopped() {
        list.skip_after_failure("source");
    } else {
        for (label, url) in urls_of(ctx, &request)? {
            probe(&mut list, &fetcher, mode, &label, &url, &mut dates);
        }
    }
    let now = crate::jwks::cache::now_unix() as i64;
    let skew = clock_skew(&dates, now);
    if !list.stopped() {
        match skew {
            Some(s) if s.abs() > SKEW_NOTICE => list.warn(
                "clock",
                format!(
                    "this machine's clock is {} {} the servers' (their Date headers)",
                    coarse(s.unsigned_abs()),
                    if s > 0 { "behind" } else { "ahead of" }
                ),
                Some(
                    "set the clock (NTP): tokens look expired or not yet valid from one side"
                        .into(),
                ),
            ),
            Some(_) => list.pass(
                "clock",
                "within a minute of the servers' clocks (their Date headers)",
            ),
            None => {}
        }
    }
    // After the probes, the cache holds what they fetched (even --refresh's).
    let loader = Loader {
        fetcher: &fetcher,
        mode: if mode == CacheMode::Refresh {
            CacheMode::Use
        } else {
            mode
        },
        out: &ctx.out,
    };
    let loaded = if list.stopped() {
        None
    } else {
        let loaded = if request.is_explicit() {
            loader
                .named(&request, &mut || ctx.registry_entries())
                .map_err(crate::commands::notices::named_source_error)?
        } else {
            loader.defaults(ctx.registry_entries()?, &KeyStore::new(&ctx.paths()?))?
        };
        for source in loaded.sources.iter().filter(|s| s.url.is_none()) {
            list.pass(
                "source",
                format!("'{}': {}", source.label, count(source.keys.len(), "key")),
            );
        }
        let problems: Vec<&str> = loaded.all_failures().map(String::as_str).collect();
        if !problems.is_empty() {
            list.fail(
                "source",
                problems.join("; "),
                "correct the key source named above",
                false,
            );
        } else if loaded.sources.is_empty() {
            list.fail(
                "source",
                "no key to verify with: the registry and the local key store are empty",
                "name the provider's keys: --provider P --set …, --jwks URL, --key FILE or --secret-env VAR",
                false,
            );
        }
        Some(loaded)
    };

    match (&token, loaded) {
        (Some(text), Some(loaded)) if !list.stopped() => {
            let tctx = TargetContext {
                audiences: service
                    .as_ref()
                    .map(|s| s.audiences.clone())
                    .unwrap_or_default(),
                audiences_shown: service
                    .as_ref()
                    .map(|s| s.audiences_shown.clone())
                    .unwrap_or_default(),
                gid: args.libsql_gid.clone(),
                namespace: args.namespace.clone(),
            };
            let settings = Settings {
                policy: Policy {
                    leeway: 60,
                    ..Policy::default()
                },
                target: target.map(|t| (t, tctx)),
            };
            let verdict = Judge::new(loaded.sources, loaded.failures, settings)
                .with_broken(loaded.broken)
                .judge(text, now, &mut |asked| loader.refetch(asked));
            token_links(&mut list, &verdict, target, &args, skew, now);
            grant_links(&mut list, &verdict, target, &args);
        }
        (Some(_), _) => {
            for stage in Stage::ALL.iter().filter(|s| **s != Stage::Issuer) {
                list.skip_after_failure(stage.link());
            }
            list.skip_after_failure("grants");
        }
        (None, _) if list.stopped() => list.skip_after_failure("template"),
        (None, _) => template_link(&mut list, target, service.as_ref(), &args)?,
    }

    let text = match format {
        Format::Json | Format::Yaml => output::to_document(&list, format)?.unwrap_or_default(),
        _ => render(ctx, &list)?,
    };
    ctx.out.result(&text)?;
    Ok(if list.ok {
        ExitStatus::Success
    } else if list.unavailable {
        ExitStatus::Unavailable
    } else {
        ExitStatus::Invalid
    })
}

/// Flags that belong to another target are usage errors.
fn refuse_mismatched(args: &DoctorArgs, target: Option<Target>) -> Result<()> {
    if args.powersync_config.is_some() && target != Some(Target::PowerSync) {
        return Err(Error::usage(
            "--powersync-config is a PowerSync service's configuration: it needs --for powersync",
        ));
    }
    if target == Some(Target::PowerSync) && args.powersync_config.is_none() {
        return Err(Error::usage(
            "--for powersync needs the service's configuration: --powersync-config FILE",
        )
        .with_hint("the file the service runs with (its client_auth section)"));
    }
    if target == Some(Target::Sqld) && args.key.is_empty() {
        return Err(Error::usage(
            "--for sqld needs sqld's key file: --key FILE (its --auth-jwt-key-file)",
        ));
    }
    sqld_only(target, args.namespace.is_some(), args.libsql_gid.is_some())?;
    if args.database.is_some() && target == Some(Target::PowerSync) {
        return Err(Error::usage(
            "--database names what a Turso or sqld template grants: PowerSync tokens name no database",
        ));
    }
    Ok(())
}

/// Link 1: the configuration as the target reads it.
fn config_link(
    list: &mut Checklist,
    args: &DoctorArgs,
    target: Option<Target>,
) -> Option<ServiceKeys> {
    match target {
        Some(Target::PowerSync) => {
            let path = args.powersync_config.as_deref()?;
            let shown = path.display();
            match powersync::load_service(path, &|n| std::env::var(n).ok()) {
                Err(e) => {
                    list.fail(
                        "config",
                        e.message(),
                        format!("correct {shown}: PowerSync reads it as shown above"),
                        false,
                    );
                    None
                }
                Ok(keys) if keys.audiences.is_empty() => {
                    list.fail(
                        "config",
                        format!(
                            "{shown}: no client_auth.audience, so PowerSync accepts no token at all (PSYNC_S2105)"
                        ),
                        format!(
                            "add `audience: [\"AUD\"]` under client_auth in {shown}, AUD being the aud your provider puts in its tokens"
                        ),
                        false,
                    );
                    None
                }
                Ok(keys)
                    if keys.keys.is_empty()
                        && keys.jwks_uris.is_empty()
                        && keys.supabase.is_none()
                        && keys.supabase_jwks.is_none() =>
                {
                    list.fail(
                        "config",
                        format!(
                            "{shown}: client_auth names no key, so PowerSync verifies no token"
                        ),
                        format!("add your provider's JWKS URL as client_auth.jwks_uri in {shown}"),
                        false,
                    );
                    None
                }
                Ok(keys) => {
                    let shown_aud = if keys.audiences_shown.is_empty() {
                        &keys.audiences
                    } else {
                        &keys.audiences_shown
                    };
                    let mut detail = format!(
                        "{shown}: {}, {}, audience {}",
                        count(keys.keys.len(), "inline key"),
                        count(keys.jwks_uris.len(), "jwks_uri"),
                        serde_json::to_string(shown_aud).unwrap_or_default()
                    );
                    for note in &keys.notes {
                        detail.push_str(&format!("; {note}"));
                    }
                    list.pass("config", detail);
                    Some(keys)
                }
            }
        }
        Some(Target::Sqld) => {
            for path in &args.key {
                let shown = path.display();
                let read = crate::fsutil::read_user_file(path)
                    .map_err(|e| e.message().to_string())
                    .and_then(|bytes| files::sqld_keys(&bytes).map_err(|e| e.to_string()));
                match read {
                    Ok(keys) => list.pass(
                        "config",
                        format!(
                            "{shown}: {} as sqld reads its key file",
                            count(keys.len(), "Ed25519 key")
                        ),
                    ),
                    Err(why) => {
                        list.fail(
                            "config",
                            format!("{shown}: sqld would not start: {why}"),
                            format!(
                                "write the key file from the provider's JWKS: jwksctl keys sqld SOURCE --write {shown}"
                            ),
                            false,
                        );
                        return None;
                    }
                }
            }
            None
        }
        _ => None,
    }
}

/// The URLs the request names, with the labels messages use: what the
/// PowerSync configuration names, then each `--jwks`/`--provider`, or every
/// registry entry when nothing is named.
fn urls_of(ctx: &Context, request: &sources::Request) -> Result<Vec<(String, url::Url)>> {
    let mut out = Vec::new();
    if let Some(service) = &request.service {
        for uri in &service.keys.jwks_uris {
            if let Ok(url) = crate::registry::validate_url(uri, false) {
                out.push((uri.clone(), url));
            }
        }
        if let Some(uri) = &service.keys.supabase_jwks
            && let Ok(url) = crate::registry::validate_url(uri, false)
        {
            out.push((format!("{}: supabase JWKS", service.shown), url));
        }
    }
    for given in &request.jwks {
        match sources::resolve(given, false, &mut || ctx.registry_entries())
            .map_err(|e| e.prefixed("--jwks"))?
        {
            Named::Url(url) => out.push((given.clone(), url)),
            Named::Entry(entry, url) => out.push((entry.name, url)),
            Named::File { .. } => {}
        }
    }
    if !request.is_explicit() {
        for entry in ctx.registry_entries()? {
            out.push((entry.name.clone(), crate::registry::entry_url(entry)?));
        }
    }
    Ok(out)
}

/// Link 2 for one URL: reachable (time), a JWKS, its audit, the cache.
fn probe(
    list: &mut Checklist,
    fetcher: &crate::jwks::fetch::Fetcher<'_>,
    mode: crate::jwks::fetch::CacheMode,
    label: &str,
    url: &url::Url,
    dates: &mut Vec<i64>,
) {
    if list.stopped() {
        return;
    }
    let named = if label == url.as_str() {
        url.to_string()
    } else {
        format!("'{label}' ({url})")
    };
    let started = Instant::now();
    let fetched = fetcher.document(url, mode);
    let took = started.elapsed().as_millis();
    let document = match fetched {
        Ok(d) => d,
        Err(e) => {
            let unavailable = e.is_unavailable();
            let e = Error::from(e);
            let fix = if unavailable {
                "start the endpoint or check the network: the target cannot fetch it either (a retry may help)"
            } else {
                "check the URL: a provider serves its JWKS at an address such as …/.well-known/jwks.json (`jwksctl providers`)"
            };
            list.fail("source", e.message(), fix, unavailable);
            return;
        }
    };
    if let Some(d) = document.date {
        dates.push(d);
    }
    let report = audit::audit(label, Some(url.as_str()), &document.body);
    if let Some(outage) = document.outage {
        list.fail(
            "source",
            format!(
                "{named}: {} (a stale cached copy stands in; the target has none)",
                Error::from(outage).message()
            ),
            "start the endpoint or check the network (a retry may help)",
            true,
        );
        return;
    }
    let served = match document.cache {
        None => format!("answered in {took} ms"),
        Some(c) => {
            let word = match c.state {
                CacheState::Fresh => "cached copy",
                CacheState::Revalidated => "cached copy, revalidated",
                CacheState::Stale => "STALE cached copy",
            };
            format!("{word}, fetched {} ago", coarse(c.age))
        }
    };
    if !report.ok {
        let errors = audit::summarize(&report.errors).join("; ");
        let fix = if report.errors.iter().any(|f| f.code == Code::NotJson) {
            "the URL serves a page, not a JWKS: use the provider's JWKS URL (often …/.well-known/jwks.json; `jwksctl providers` lists them)".to_string()
        } else {
            "the endpoint must publish the provider's public signing keys: `jwksctl check` shows each key's audit".to_string()
        };
        list.fail(
            "source",
            format!("{named} ({served}) is not a usable JWKS: {errors}"),
            fix,
            false,
        );
        return;
    }
    let kids: Vec<&str> = report
        .keys
        .iter()
        .map(|k| k.kid.as_deref().unwrap_or("(no kid)"))
        .collect();
    let detail = format!(
        "{named}: {served}, {} ({})",
        count(report.keys.len(), "key"),
        kids.join(", ")
    );
    if report.warnings.is_empty() {
        list.pass("source", detail);
    } else {
        list.warn(
            "source",
            format!(
                "{detail}; audit: {}",
                audit::summarize(&report.warnings).join("; ")
            ),
            Some("`jwksctl check` explains each finding".into()),
        );
    }
}

/// Link 3: the token, stage by stage, up to the first that fails.
fn token_links(
    list: &mut Checklist,
    verdict: &Verdict,
    target: Option<Target>,
    args: &DoctorArgs,
    skew: Option<i64>,
    now: i64,
) {
    let failed = Stage::of(verdict);
    let claims = verdict.claims.clone().unwrap_or_default();
    let title = target.map(|t| t.title()).unwrap_or("jwksctl");
    for stage in Stage::ALL {
        if list.stopped() {
            if stage != Stage::Issuer {
                list.skip_after_failure(stage.link());
            }
            continue;
        }
        if verdict.undecided && stage == Stage::Kid {
            list.fail(
                stage.link(),
                verdict.message.clone(),
                "a key source could not be loaded and may hold the key: retry when it answers",
                true,
            );
            continue;
        }
        if failed == Some(stage) {
            let detail = match failed_check(verdict) {
                Some(c) if Stage::of_rule(c.rule) == stage => match c.code {
                    Some(code) => format!("{} ({code})", c.message),
                    None => c.message.clone(),
                },
                _ => verdict.message.clone(),
            };
            let fix = fix_for(stage, verdict, target, args, &claims, skew, now);
            list.fail(stage.link(), detail, fix, false);
            continue;
        }
        let passed = verdict
            .checks
            .iter()
            .flatten()
            .filter(|c| c.passed && Stage::of_rule(c.rule) == stage)
            .map(|c| c.message.clone())
            .collect::<Vec<_>>();
        let detail = match stage {
            Stage::Decode => {
                let show = |name: &str| {
                    claims
                        .get(name)
                        .map(|v| format!("{name} {v}"))
                        .unwrap_or_else(|| format!("no {name}"))
                };
                format!(
                    "a JWT: alg {}, {}, {}",
                    verdict.alg.as_deref().unwrap_or("?"),
                    show("sub"),
                    show("iss")
                )
            }
            Stage::Alg => format!(
                "alg {} is one {title} verifies",
                verdict.alg.as_deref().unwrap_or("?")
            ),
            Stage::Kid if target == Some(Target::Sqld) => format!(
                "{}: sqld ignores kid and tries every key in its file",
                verdict
                    .kid
                    .as_deref()
                    .map(|k| format!("kid {k:?}"))
                    .unwrap_or_else(|| "no kid".into())
            ),
            Stage::Kid => match (&verdict.kid, &verdict.source) {
                (Some(kid), Some(source)) => format!("kid {kid:?} is in '{source}'"),
                (None, Some(source)) => format!("no kid; a key from '{source}' fits"),
                _ => "a key fits".into(),
            },
            Stage::Signature => format!(
                "the signature verifies with the key from '{}'",
                verdict.source.as_deref().unwrap_or("?")
            ),
            Stage::Time => {
                let mut d = match claims.get("exp").and_then(numeric_date) {
                    Some(exp) => format!("expires {}", relative(exp, now)),
                    None => "no exp: the token never expires".into(),
                };
                if let (Some(exp), Some(iat)) = (
                    claims.get("exp").and_then(numeric_date),
                    claims.get("iat").and_then(numeric_date),
                ) {
                    d.push_str(&format!(
                        ", lifetime {}",
                        coarse(exp.saturating_sub(iat).max(0) as u64)
                    ));
                }
                d
            }
            Stage::Audience => match claims.get("aud") {
                Some(aud) if passed.is_empty() => format!("aud {aud}"),
                Some(aud) => format!("aud {aud}: {}", passed.join("; ")),
                None => format!("no aud ({title} does not ask for one)"),
            },
            // No target checks the issuer: said only when it fails.
            Stage::Issuer => continue,
            Stage::Rules => {
                let n = verdict.checks.iter().flatten().count();
                if n == 0 {
                    "the claims pass".to_string()
                } else {
                    format!("{title}'s rules pass ({})", count(n, "check"))
                }
            }
        };
        list.pass(stage.link(), detail);
    }
}

/// The one fix for the stage that failed, worded for this command line.
fn fix_for(
    stage: Stage,
    verdict: &Verdict,
    target: Option<Target>,
    args: &DoctorArgs,
    claims: &Map<String, Value>,
    skew: Option<i64>,
    now: i64,
) -> String {
    let config = args
        .powersync_config
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "the configuration".into());
    let rule = failed_check(verdict).map(|c| c.rule).unwrap_or("");
    match stage {
        Stage::Decode => {
            "pass the token itself: three base64url parts joined by dots (header.payload.signature)"
                .into()
        }
        Stage::Alg => match (verdict.remedy, target) {
            (Some(Remedy::HmacSecret), _) => {
                "HMAC tokens verify with the shared secret: pass --secret-env VAR or --secret-file PATH".into()
            }
            (_, Some(Target::Sqld)) => {
                "sqld verifies EdDSA only: have the provider sign with an Ed25519 key".into()
            }
            (_, Some(Target::PowerSync)) => {
                "have the provider sign with an algorithm PowerSync verifies (RS*, PS*, ES*, EdDSA, HS*)".into()
            }
            _ => "sign with an asymmetric algorithm (RS256, ES256, EdDSA…)".into(),
        },
        Stage::Kid => {
            let kid = verdict.kid.as_deref().unwrap_or("(none)");
            match target {
                Some(Target::Sqld) => format!(
                    "sqld's key file lacks kid {kid:?} (a rotation?): rewrite it from the provider's JWKS with `jwksctl keys sqld SOURCE --write FILE` and restart sqld"
                ),
                Some(Target::PowerSync) => format!(
                    "no key with kid {kid:?} in {config}: name the provider's JWKS URL in client_auth.jwks_uri (PowerSync refetches it after a rotation), or check the token comes from that provider"
                ),
                _ => format!(
                    "no source holds kid {kid:?}: the provider rotated its keys or the token comes from another issuer; name that issuer's JWKS (--jwks, --provider)"
                ),
            }
        }
        Stage::Signature => match verdict.remedy {
            None if target == Some(Target::Sqld) => {
                "no key in sqld's key file signed the token (a rotation?): rewrite the file from the provider's JWKS with `jwksctl keys sqld SOURCE --write FILE` (several keys may stand in it) and restart sqld".into()
            }
            Some(Remedy::SecretEncoding) => {
                "the secret is base64url text (as PowerSync's k is): pass --secret-encoding base64url, or give the target the decoded bytes".into()
            }
            _ => "the key with this kid did not sign the token (or it was altered): check the key file or secret is the provider's current one".into(),
        },
        Stage::Time => {
            if rule == ps_rules::rule::MAX_LIFETIME.name {
                return format!(
                    "PowerSync accepts tokens that live at most 24 h (exp - iat ≤ {} s): lower the provider's token lifetime",
                    ps_rules::js_number(ps_rules::MAX_LIFETIME)
                );
            }
            let off = skew.filter(|s| s.abs() > SKEW_NOTICE);
            let exp = claims.get("exp").and_then(numeric_date);
            let nbf = claims.get("nbf").and_then(numeric_date);
            match off {
                Some(s) if exp.is_some_and(|e| e > now + s) && nbf.is_none_or(|n| n <= now + s) => format!(
                    "this machine's clock is {} off the servers': set it (NTP); at the servers' time the token is in its validity window",
                    coarse(s.unsigned_abs())
                ),
                _ if exp.is_some_and(|e| e <= now) => {
                    "the token expired: get a fresh one (clients must refresh tokens before exp)".into()
                }
                _ => "the token is not valid yet (nbf/iat in the future): check the issuer's and this machine's clocks".into(),
            }
        }
        Stage::Audience => match target {
            Some(Target::PowerSync) => {
                let aud = claims.get("aud").map(|a| a.to_string()).unwrap_or_else(|| "(none)".into());
                format!(
                    "make the provider put an accepted audience in aud, or add the token's aud {aud} to client_auth.audience in {config}"
                )
            }
            _ => "make the provider put the audience the target expects in aud".into(),
        },
        Stage::Issuer => "the token comes from another issuer: name that issuer's keys".into(),
        Stage::Rules => match target {
            Some(t) => format!(
                "issue tokens with the claims {} requires (`jwksctl token mint --for {}` shows a token that passes)",
                t.title(),
                t.as_str()
            ),
            None => "issue tokens with the claims the verifier requires".into(),
        },
    }
}

/// Link 4: what the token grants on the target.
fn grant_links(list: &mut Checklist, verdict: &Verdict, target: Option<Target>, args: &DoctorArgs) {
    if list.stopped() {
        list.skip_after_failure("grants");
        return;
    }
    let claims = verdict.claims.clone().unwrap_or_default();
    let everything = verdict
        .warnings
        .iter()
        .flatten()
        .filter(|w| w.kind == WarningKind::Grant)
        .map(|w| (w.rule, w.message.clone()))
        .collect::<Vec<_>>();
    let described = match &verdict.grants {
        Some(g) if !g.is_empty() => g
            .iter()
            .map(|g| g.describe())
            .collect::<Vec<_>>()
            .join("; "),
        _ => grants(&claims),
    };
    let database = args
        .namespace
        .as_deref()
        .or(args.database.as_deref())
        .unwrap_or("NAME");
    if let Some((_, message)) = everything.iter().find(|(r, _)| *r == "sqld.grants_nothing") {
        list.fail(
            "grants",
            message.clone(),
            format!("add the libsql claims for the namespace: `jwksctl template --dialect libsql -d {database}` gives them"),
            false,
        );
        return;
    }
    match (target, everything.first()) {
        (Some(Target::Sqld), Some((_, message))) => list.warn(
            "grants",
            format!("{message} ({described})"),
            Some(format!(
                "limit the token to its namespaces: add the libsql claims of `jwksctl template --dialect libsql -d {database}` to the provider's token"
            )),
        ),
        (Some(Target::Turso), Some((_, message))) => list.warn(
            "grants",
            message.clone(),
            Some(format!(
                "name the database: `jwksctl template -d {database}` gives the claims"
            )),
        ),
        (Some(Target::PowerSync), _) => list.pass(
            "grants",
            format!(
                "user {} (request.user_id() in sync rules); {}",
                claims.get("sub").map(|s| s.to_string()).unwrap_or_else(|| "(no sub)".into()),
                match claims.get("parameters") {
                    Some(p) => format!("parameters {p}"),
                    None => "no parameters".into(),
                }
            ),
        ),
        _ => list.pass("grants", described),
    }
}

/// Link 5, without a token: what a token must carry for the target.
fn template_link(
    list: &mut Checklist,
    target: Option<Target>,
    service: Option<&ServiceKeys>,
    args: &DoctorArgs,
) -> Result<()> {
    let provider = args.provider.as_deref();
    let from = provider
        .map(|p| format!("{p} tokens"))
        .unwrap_or_else(|| "tokens".into());
    match target {
        None => list.skip(
            "template",
            "give --for TARGET to see what a token must carry",
        ),
        Some(Target::PowerSync) => {
            let audiences = service.map(|s| s.audiences.clone()).unwrap_or_default();
            list.pass(
                "template",
                format!(
                    "{from} for this service need: aud one of {}, sub (the user id), iat, exp at most 24 h after iat, and a kid found in the keys above; PowerSync does not check iss",
                    serde_json::to_string(&audiences).unwrap_or_default()
                ),
            );
            list.set_template(json!({
                "aud": audiences.first(),
                "sub": "<the user id>",
                "iat": "<now>",
                "exp": "<at most iat + 86400>",
            }));
        }
        Some(t @ (Target::Sqld | Target::Turso)) => {
            let dialect = if t == Target::Sqld {
                crate::claims::Dialect::Libsql
            } else {
                crate::claims::Dialect::Turso
            };
            let need = if t == Target::Sqld {
                "EdDSA (Ed25519) signatures by a key in sqld's key file, exp, and these libsql claims (without them a token grants every namespace); sqld checks no aud or iss"
            } else {
                "a signature by a key in a JWKS saved in your Turso organization, exp, and these claims (`turso org jwks template`)"
            };
            match &args.database {
                Some(db) => {
                    let input = crate::claims::TemplateInput {
                        databases: vec![db.clone()],
                        group: None,
                        scope: crate::claims::Scope::FullAccess,
                        permissions: Vec::new(),
                        dialect,
                        attach: Vec::new(),
                    };
                    let template = crate::claims::Template::from_input(&input)
                        .map_err(|e| Error::usage(format!("--database {db:?}: {e}")))?;
                    list.pass("template", format!("{from} for {} need: {need}", t.title()));
                    list.set_template(Value::Object(template.claims()));
                }
                None => list.pass(
                    "template",
                    format!(
                        "{from} for {} need: {need}; give -d NAME for the claims to paste (`jwksctl template{} -d NAME{}`)",
                        t.title(),
                        if t == Target::Sqld { " --dialect libsql" } else { "" },
                        provider.map(|p| format!(" --provider {p}")).unwrap_or_default()
                    ),
                ),
            }
        }
    }
    Ok(())
}

/// The checklist for people: one line per link, the fix under a failure or
/// a warning, a template indented.
fn render(ctx: &Context, list: &Checklist) -> Result<String> {
    let color = ctx.out.color_stdout();
    let mut text = String::new();
    for link in &list.links {
        let mark = output::status_mark(color, link.status.mark());
        text.push_str(&format!("{mark} {:<16} {}\n", link.link, link.detail));
        if let (Status::Fail | Status::Warn, Some(fix)) = (link.status, &link.fix) {
            text.push_str(&format!(
                "     {:<16} {}\n",
                paint(color, Style::Heading, "fix:"),
                fix
            ));
        }
        if let Some(template) = &link.template {
            for line in output::to_json(template, true)?.lines() {
                text.push_str(&format!("     {line}\n"));
            }
        }
    }
    let last = if list.ok {
        "every link holds".to_string()
    } else {
        let first = list
            .links
            .iter()
            .find(|l| l.status == Status::Fail)
            .map(|l| l.link)
            .unwrap_or("?");
        format!("the first broken link: {first}")
    };
    text.push_str(&last);
    Ok(text)
}

/// `1 key`, `2 keys`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
