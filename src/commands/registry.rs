//! `save`, `list`, `remove`: the registry commands (docs/registry.md). They talk to
//! whichever [`Registry`](crate::registry::Registry) backend the settings
//! select and never know which one it is.

use serde::Deserialize;

use crate::cli::{ListArgs, RemoveArgs, SaveArgs};
use crate::commands::Context;
use crate::error::{Error, ExitStatus, Result};
use crate::jwks::audit::{self, Report};
use crate::jwks::fetch::{CacheMode, FetchError};
use crate::output::{self, Format};
use crate::registry::presets::PresetError;
use crate::registry::{self, Saved, presets, unknown_name};

/// `save` can take plain http anyway: say how.
fn allow_http_hint(e: Error) -> Error {
    if e.cause_as::<registry::PlainHttpRefused>().is_some() {
        e.with_hint("use https://, or pass --allow-http if you really mean it")
    } else {
        e
    }
}

/// A preset's parameter error, worded for `--set KEY=VALUE`.
pub(crate) fn set_error(e: PresetError) -> Error {
    match e {
        PresetError::NotAPair(item) => Error::usage(format!("--set {item:?}: expected KEY=VALUE")),
        PresetError::Twice(key) => Error::usage(format!("--set {key}=… is given twice")),
        PresetError::Missing {
            provider,
            missing,
            example,
        } => {
            let missing: Vec<String> = missing.iter().map(|m| format!("--set {m}=…")).collect();
            let example: Vec<String> = example
                .iter()
                .map(|(name, value)| format!("--set {name}={value}"))
                .collect();
            Error::usage(format!(
                "provider {provider} needs {}",
                missing.join(" and ")
            ))
            .with_hint(format!("for example: {}", example.join(" ")))
        }
        e @ PresetError::Invalid { param, example, .. } => {
            Error::usage(e.to_string()).with_hint(format!("for example: --set {param}={example}"))
        }
        e @ PresetError::UnknownParam { .. } => Error::usage(e.to_string()),
    }
}

/// `jwksctl save NAME (URL | --provider P --set k=v… | --discover ISSUER)`.
pub fn save(ctx: &Context, args: SaveArgs) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "save",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    registry::validate_name(&args.name)?;
    // Open the registry first: a missing org or token, or an unreadable
    // registry file, is reported before anything is fetched.
    let registry = ctx.registry()?;
    let (url, provider) = match (&args.url, &args.provider, &args.discover) {
        (Some(url), None, None) => (url.clone(), None),
        (None, Some(provider), None) => {
            let preset = presets::find(provider)?;
            (
                preset.build_url(&args.set).map_err(set_error)?,
                Some(preset.name),
            )
        }
        (None, None, Some(issuer)) => (discover(ctx, issuer, args.allow_http)?, None),
        _ => {
            return Err(Error::usage("save needs a URL, --provider or --discover")
                .with_hint("jwksctl save NAME https://…/.well-known/jwks.json"));
        }
    };
    let url = registry::validate_url(&url, args.allow_http).map_err(allow_http_hint)?;
    if url.scheme() == "http" && !crate::http::is_loopback(&url) {
        ctx.out
            .warn("saving a plain http:// URL: keys fetched from it can be replaced in transit");
    }
    let looks_like_discovery = args.discover.is_none() && url.path().ends_with(DISCOVERY_PATH);
    let discover_hint = format!(
        "this is an OpenID discovery document, not a JWKS: jwksctl save {:?} --discover {url}",
        args.name
    );
    if args.no_check {
        ctx.out.detail("--no-check: not fetching the endpoint");
        if looks_like_discovery {
            ctx.out.warn(&discover_hint);
        }
    } else {
        let body = ctx
            .fetcher()?
            .document(&url, CacheMode::Refresh)
            .map_err(|e| {
                let unresolved = matches!(
                    e,
                    FetchError::Transport {
                        unresolved: true,
                        ..
                    }
                );
                let error = Error::from(e);
                if unresolved {
                    error.with_hint(
                        "check the host name; to save an endpoint that is not up yet, pass --no-check",
                    )
                } else {
                    error
                }
            })?
            .body;
        let report = audit::audit(&args.name, Some(url.as_str()), &body);
        let is_discovery = looks_like_discovery
            || serde_json::from_slice::<serde_json::Value>(&body)
                .is_ok_and(|v| v.get("jwks_uri").is_some());
        refuse_unless_ok(ctx, &report).map_err(|e| {
            if is_discovery && args.discover.is_none() {
                e.with_hint(discover_hint.clone())
            } else {
                e
            }
        })?;
    }
    let saved = registry.save(&args.name, url.as_str(), provider)?;
    let name = &args.name;
    let (action, old_url) = match &saved {
        Saved::Created => ("created", None),
        Saved::Replaced { old_url: Some(old) } if old == url.as_str() => {
            ("unchanged", Some(old.clone()))
        }
        Saved::Replaced { old_url } => ("replaced", old_url.clone()),
        Saved::Upserted => ("saved", None),
    };
    let doc = serde_json::json!({
        "name": name,
        "url": url.as_str(),
        "provider": provider,
        "action": action,
        "old_url": old_url,
        "registry": registry_doc(ctx)?,
    });
    match saved {
        Saved::Created => ctx.out.note(&format!(
            "saved {name:?} -> {url} in the {}",
            registry.describe()
        )),
        Saved::Replaced { old_url: Some(old) } if old == url.as_str() => ctx
            .out
            .note(&format!("{name:?} already points to {url}: unchanged")),
        Saved::Replaced { old_url } => ctx.out.note(&format!(
            "replaced {name:?}: was {}, now {url}",
            old_url.as_deref().unwrap_or("(unknown)")
        )),
        Saved::Upserted => ctx.out.note(&format!(
            "saved {name:?} -> {url} in the {}",
            registry.describe()
        )),
    }
    if let Some(doc) = output::to_document(&doc, format)? {
        ctx.out.result(&doc)?;
    }
    Ok(ExitStatus::Success)
}

/// Print the audit's warnings; refuse (exit 1) when it found errors.
fn refuse_unless_ok(ctx: &Context, report: &Report) -> Result<()> {
    for w in audit::summarize(&report.warnings) {
        ctx.out.warn(&w);
    }
    if report.ok {
        return Ok(());
    }
    let mut message = format!(
        "refusing to save {:?}: the JWKS at {} failed the audit",
        report.source,
        report.url.as_deref().unwrap_or("?")
    );
    for e in &report.errors {
        message.push_str("\n  - ");
        message.push_str(&e.message);
    }
    Err(Error::failure(message)
        .with_hint("fix the endpoint, or check the URL; `jwksctl check URL` shows the whole audit"))
}

/// Where OpenID Connect Discovery puts the configuration under an issuer.
const DISCOVERY_PATH: &str = "/.well-known/openid-configuration";

/// Read the discovery document — `ISSUER/.well-known/openid-configuration`,
/// or that full URL as given — and return its `jwks_uri`.
fn discover(ctx: &Context, issuer: &str, allow_http: bool) -> Result<String> {
    let issuer_url = registry::validate_url(issuer, allow_http).map_err(allow_http_hint)?;
    let given = issuer_url.as_str().trim_end_matches('/');
    let (base, config_url) = match given.strip_suffix(DISCOVERY_PATH) {
        Some(base) => (base, issuer_url.clone()),
        None => (
            given,
            registry::validate_url(&format!("{given}{DISCOVERY_PATH}"), allow_http)
                .map_err(allow_http_hint)?,
        ),
    };
    let body = ctx.fetcher()?.json(&config_url)?;
    #[derive(Deserialize)]
    struct Discovery {
        issuer: Option<String>,
        jwks_uri: Option<String>,
    }
    let doc: Discovery = serde_json::from_slice(&body).map_err(|e| {
        Error::failure(format!(
            "{config_url} is not an OpenID configuration document: {e}"
        ))
    })?;
    if let Some(found) = &doc.issuer
        && found.trim_end_matches('/') != base
    {
        ctx.out.warn(&format!(
            "the discovery document names issuer {found:?}, not {issuer:?}: tokens will carry that iss"
        ));
    }
    let jwks_uri = doc.jwks_uri.filter(|u| !u.is_empty()).ok_or_else(|| {
        Error::failure(format!("{config_url} has no jwks_uri"))
            .with_hint("give the JWKS URL directly: jwksctl save NAME URL")
    })?;
    ctx.out.note(&format!("discovered jwks_uri {jwks_uri}"));
    Ok(jwks_uri)
}

/// Which registry a result came from, for machine output:
/// `{"backend":"local","path":…}` or `{"backend":"turso","organization":…,"api_url":…}`.
fn registry_doc(ctx: &Context) -> Result<serde_json::Value> {
    let settings = ctx.settings()?;
    Ok(match settings.registry.value {
        crate::config::RegistryKind::Local => {
            let path = crate::registry::local::LocalRegistry::new(&ctx.paths()?.config_dir).path();
            serde_json::json!({"backend": "local", "path": path})
        }
        crate::config::RegistryKind::Turso => serde_json::json!({
            "backend": "turso",
            "organization": settings.org.as_ref().map(|org| org.value.as_str()),
            "api_url": settings
                .api_url
                .as_ref()
                .map_or(crate::config::DEFAULT_API_URL, |url| url.text.as_str()),
        }),
    })
}

/// One `list -o json|yaml` row: the same fields whatever the backend, a
/// value the backend does not keep (Turso keeps a name and a URL) `null`.
#[derive(serde::Serialize)]
struct Row<'a> {
    name: &'a str,
    url: &'a str,
    provider: Option<&'a str>,
    created_at: Option<&'a str>,
    updated_at: Option<&'a str>,
}

/// `jwksctl list`.
pub fn list(ctx: &Context, _args: ListArgs) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "list",
        &[Format::Table, Format::Json, Format::Yaml],
        Format::Table,
    )?;
    let registry = ctx.registry()?;
    let mut entries = registry.list()?;
    for entry in &mut entries {
        entry.url = registry::masked_url(&entry.url);
    }
    let rows: Vec<Row> = entries
        .iter()
        .map(|e| {
            let meta = e.meta.as_ref();
            Row {
                name: &e.name,
                url: &e.url,
                provider: meta.and_then(|m| m.provider.as_deref()),
                created_at: meta.map(|m| m.created_at.as_str()),
                updated_at: meta.map(|m| m.updated_at.as_str()),
            }
        })
        .collect();
    let text = match format {
        Format::Json => output::to_json(&rows, true)?,
        Format::Yaml => output::to_yaml(&rows)?,
        _ => {
            let local = entries.iter().any(|e| e.meta.is_some())
                || ctx.settings()?.registry.value == crate::config::RegistryKind::Local;
            if local {
                output::table(
                    &["NAME", "URL", "PROVIDER", "UPDATED"],
                    entries.iter().map(|e| {
                        let meta = e.meta.as_ref();
                        vec![
                            e.name.clone(),
                            e.url.clone(),
                            meta.and_then(|m| m.provider.clone()).unwrap_or_default(),
                            meta.map(|m| m.updated_at.clone()).unwrap_or_default(),
                        ]
                    }),
                )
            } else {
                output::table(
                    &["NAME", "URL"],
                    entries.iter().map(|e| vec![e.name.clone(), e.url.clone()]),
                )
            }
        }
    };
    if entries.is_empty() && format == Format::Table {
        ctx.out.note(&format!(
            "the {} is empty; add an endpoint with `jwksctl save NAME URL`",
            registry.describe()
        ));
    }
    ctx.out.result(&text)?;
    Ok(ExitStatus::Success)
}

/// `jwksctl remove NAME`.
pub fn remove(ctx: &Context, args: RemoveArgs) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "remove",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    if registry::is_dot_segment(&args.name) {
        // Checked before anything is sent: `..` would address the collection.
        registry::validate_name(&args.name)?;
    }
    let registry = ctx.registry()?;
    if ctx.out.is_interactive() && !ctx.yes {
        // Show what is about to go; an unknown name fails before the question.
        let entries = registry.list()?;
        let Some(entry) = entries.iter().find(|e| e.name == args.name) else {
            let names: Vec<String> = entries.into_iter().map(|e| e.name).collect();
            return Err(unknown_name(&args.name, &names, &registry.describe()));
        };
        let prompt = format!(
            "Remove {:?} ({}) from the {}?",
            entry.name,
            entry.url,
            registry.describe()
        );
        if !ctx.confirm(&prompt)? {
            ctx.out.note("nothing removed");
            return Ok(ExitStatus::Invalid);
        }
    }
    registry.remove(&args.name)?;
    ctx.out.note(&format!(
        "removed {:?} from the {}",
        args.name,
        registry.describe()
    ));
    let doc = serde_json::json!({
        "name": args.name,
        "removed": true,
        "registry": registry_doc(ctx)?,
    });
    if let Some(doc) = output::to_document(&doc, format)? {
        ctx.out.result(&doc)?;
    }
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain http refused by `validate_url` gets the way around it; an error
    /// that only reads the same (no typed refusal under it) does not.
    #[test]
    fn only_the_typed_plain_http_refusal_gets_the_allow_http_hint() {
        let refused = registry::validate_url("http://example.com/jwks", false).unwrap_err();
        assert!(refused.cause_as::<registry::PlainHttpRefused>().is_some());
        let hinted = allow_http_hint(refused.clone());
        assert_eq!(
            hinted.hint(),
            Some("use https://, or pass --allow-http if you really mean it")
        );
        assert_eq!(hinted.message(), refused.message());
        let lookalike = Error::usage(refused.message()).with_hint("use https://");
        assert_eq!(allow_http_hint(lookalike).hint(), Some("use https://"));
        let other = registry::validate_url("ftp://example.com/jwks", false).unwrap_err();
        assert_eq!(allow_http_hint(other.clone()), other);
    }
}
