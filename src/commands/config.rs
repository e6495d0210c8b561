//! `jwksctl config path|show|set|unset` (docs/registry.md, "Settings: config"): where the files are, what
//! each setting resolves to and why, and changes to `config.yaml`.

use serde::Serialize;

use crate::cli::{ConfigArgs, ConfigCommand};
use crate::commands::Context;
use crate::commands::turso_login::{Org, TURSO_CLI};
use crate::config::{self, Config};
use crate::error::{ExitStatus, Result};
use crate::keys::store::KeyStore;
use crate::output::{self, Format};
use crate::registry::local::LocalRegistry;

/// `jwksctl config …`.
pub fn run(ctx: &Context, args: ConfigArgs) -> Result<ExitStatus> {
    match args.command {
        ConfigCommand::Path { .. } => path(ctx),
        ConfigCommand::Show { .. } => show(ctx),
        ConfigCommand::Set { key, value, .. } => set(ctx, &key, Some(value)),
        ConfigCommand::Unset { key, .. } => set(ctx, &key, None),
    }
}

#[derive(Serialize)]
struct PathsView {
    config_dir: String,
    config_file: String,
    registry_file: String,
    data_dir: String,
    keys_dir: String,
    cache_dir: String,
}

fn path(ctx: &Context) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "config path",
        &[Format::Table, Format::Text, Format::Json, Format::Yaml],
        Format::Table,
    )?;
    let paths = ctx.paths()?;
    let s = |p: &std::path::Path| p.display().to_string();
    let view = PathsView {
        config_dir: s(&paths.config_dir),
        config_file: s(&Config::path(&paths)),
        registry_file: s(&LocalRegistry::new(&paths.config_dir).path()),
        data_dir: s(&paths.data_dir),
        keys_dir: s(&paths.data_dir.join("keys")),
        cache_dir: s(&paths.cache_dir.join("jwks")),
    };
    let text = match format {
        Format::Json => output::to_json(&view, true)?,
        Format::Yaml => output::to_yaml(&view)?,
        _ => output::table(
            &["WHAT", "PATH"],
            [
                ["config", view.config_file.as_str()],
                ["registry", view.registry_file.as_str()],
                ["keys", view.keys_dir.as_str()],
                ["cache", view.cache_dir.as_str()],
            ],
        ),
    };
    ctx.out.result(&text)?;
    Ok(ExitStatus::Success)
}

/// One setting as `show` prints it.
#[derive(Serialize)]
struct Setting {
    value: Option<String>,
    /// `flag`, `env`, `config`, `default` or `unset`; `env:VAR` for the
    /// token and the Turso variables; `turso-cli` for the Turso CLI's login.
    source: String,
    /// The Turso CLI's settings file, for a value read from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

#[derive(Serialize)]
struct ShowView {
    registry: Setting,
    org: Setting,
    api_url: Setting,
    timeout: Setting,
    default_key: Setting,
    api_token: Setting,
}

fn show(ctx: &Context) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "config show",
        &[Format::Table, Format::Text, Format::Json, Format::Yaml],
        Format::Table,
    )?;
    // An invalid config.yaml is reported even when flags decide every setting.
    ctx.config()?;
    let shown = |key: &str| -> Result<Setting> {
        Ok(match ctx.setting(key)? {
            Some((value, origin)) => Setting {
                value: Some(value),
                source: origin.as_str().to_string(),
                file: None,
            },
            None => Setting {
                value: None,
                source: "unset".to_string(),
                file: None,
            },
        })
    };
    let login = ctx.turso_login()?;
    let file = |source: &str| {
        (source == TURSO_CLI)
            .then(|| login.cli_file.as_ref().map(|p| p.display().to_string()))
            .flatten()
    };
    let org = match &login.org {
        Some(org) => Setting {
            // The personal organization has no slug until the API names it.
            value: match &org.value {
                Org::Slug(slug) => Some(slug.clone()),
                Org::Personal => None,
            },
            source: org.source.clone(),
            file: file(&org.source),
        },
        None => shown("org")?,
    };
    let view = ShowView {
        registry: shown("registry")?,
        org,
        api_url: Setting {
            value: Some(login.api_url.value.clone()),
            source: login.api_url.source.clone(),
            file: None,
        },
        timeout: shown("timeout")?,
        default_key: shown("default_key")?,
        api_token: match &login.token {
            // The token itself is never shown, only whether and where it is set.
            Some(token) => Setting {
                value: Some("[redacted]".to_string()),
                source: token.source.clone(),
                file: file(&token.source),
            },
            None => Setting {
                value: None,
                source: "unset".to_string(),
                file: None,
            },
        },
    };
    let personal = view.org.value.is_none() && view.org.source == TURSO_CLI;
    let text = match format {
        Format::Json => output::to_json(&view, true)?,
        Format::Yaml => output::to_yaml(&view)?,
        _ => {
            let rows = [
                ("registry", &view.registry),
                ("org", &view.org),
                ("api_url", &view.api_url),
                ("timeout", &view.timeout),
                ("default_key", &view.default_key),
                ("api_token", &view.api_token),
            ];
            output::table(
                &["KEY", "VALUE", "FROM"],
                rows.iter().map(|(k, s)| {
                    let value = match &s.value {
                        Some(v) => v.clone(),
                        None if *k == "org" && personal => "(your personal organization)".into(),
                        None => "-".into(),
                    };
                    let source = match &s.file {
                        Some(file) => format!("{} ({file})", s.source),
                        None => s.source.clone(),
                    };
                    vec![k.to_string(), value, source]
                }),
            )
        }
    };
    ctx.out.result(&text)?;
    Ok(ExitStatus::Success)
}

fn set(ctx: &Context, key: &str, value: Option<String>) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        if value.is_some() {
            "config set"
        } else {
            "config unset"
        },
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    // Validate before touching (or creating) anything.
    config::Config::default().set(key, value.clone())?;
    let paths = ctx.paths()?;
    if key == "default_key"
        && let Some(kid) = &value
    {
        // A kid that names no key would only fail later, in `token mint`.
        KeyStore::new(&paths).get(kid)?;
    }
    // A file that does not parse can be replaced (kept as config.yaml.bak),
    // but only when the user says so.
    let replace = match Config::invalid(&paths) {
        None => false,
        Some(invalid) => {
            let file = Config::path(&paths);
            if !ctx.yes && !ctx.out.is_interactive() {
                return Err(invalid.with_hint(format!(
                    "pass --yes to replace it; the old file is kept as {}.bak",
                    file.display()
                )));
            }
            ctx.out.warn(invalid.message());
            let prompt = format!(
                "replace {} (kept as config.yaml.bak) with one holding only this change?",
                file.display()
            );
            if !ctx.confirm(&prompt)? {
                return Err(invalid);
            }
            true
        }
    };
    let previous = Config::update_or_replace(&paths, replace, |c| {
        let previous = c.get(key).map(str::to_string);
        c.set(key, value.clone())?;
        Ok(previous)
    })?;
    let file = Config::path(&paths);
    match (&value, &previous) {
        (Some(v), _) => ctx
            .out
            .note(&format!("{key} = {v} (in {})", file.display())),
        (None, Some(_)) => ctx
            .out
            .note(&format!("unset {key} (in {})", file.display())),
        (None, None) => ctx.out.note(&format!("{key} was not set")),
    }
    let doc = serde_json::json!({
        "key": key,
        "value": value,
        "previous": previous,
        "file": file.display().to_string(),
    });
    if let Some(doc) = output::to_document(&doc, format)? {
        ctx.out.result(&doc)?;
    }
    Ok(ExitStatus::Success)
}
