//! `jwksctl config path|show|set|unset` (docs/registry.md, "Settings: config"): where the files are, what
//! each setting resolves to and why, and changes to `config.yaml`.

use serde::Serialize;

use crate::cli::{ConfigArgs, ConfigCommand};
use crate::commands::Context;
use crate::commands::turso_login::{LoginSource, Org};
use crate::config::{Config, Key, Origin};
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
struct Shown {
    value: Option<String>,
    /// `flag`, `env:VAR`, `config`, `default` or `unset`; `turso-cli` for
    /// the Turso CLI's login.
    source: String,
    /// The file a value was read from: `config.yaml`, or the Turso CLI's
    /// settings file.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

#[derive(Serialize)]
struct ShowView {
    registry: Shown,
    org: Shown,
    api_url: Shown,
    timeout: Shown,
    max_stale: Shown,
    default_key: Shown,
    api_token: Shown,
}

impl Shown {
    fn unset() -> Shown {
        Shown {
            value: None,
            source: "unset".to_string(),
            file: None,
        }
    }
}

fn show(ctx: &Context) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "config show",
        &[Format::Table, Format::Text, Format::Json, Format::Yaml],
        Format::Table,
    )?;
    let settings = ctx.settings()?;
    let config_file = Config::path(&ctx.paths()?).display().to_string();
    let shown = |value: Option<&str>, source: Origin| Shown {
        value: value.map(str::to_string),
        source: source.word(),
        file: (source == Origin::Config).then(|| config_file.clone()),
    };
    let login = ctx.turso_login()?;
    // A value from the login: jwksctl's own settings, the Turso CLI's
    // variables, or its settings file.
    let from_login = |value: Option<String>, source: LoginSource| match source {
        LoginSource::Setting(source) => shown(value.as_deref(), source),
        LoginSource::TursoCli => Shown {
            value,
            source: source.word(),
            file: login.cli_file.as_ref().map(|p| p.display().to_string()),
        },
    };
    let org = match &login.org {
        // The personal organization has no slug until the API names it.
        Some(org) => from_login(
            match &org.value {
                Org::Slug(slug) => Some(slug.clone()),
                Org::Personal => None,
            },
            org.source,
        ),
        None => Shown::unset(),
    };
    let view = ShowView {
        registry: shown(Some(&settings.registry.text), settings.registry.source),
        org,
        api_url: from_login(Some(login.api_url.value.clone()), login.api_url.source),
        timeout: shown(Some(&settings.timeout.text), settings.timeout.source),
        max_stale: shown(Some(&settings.max_stale.text), settings.max_stale.source),
        default_key: match &settings.default_key {
            Some(key) => shown(Some(&key.text), key.source),
            None => Shown::unset(),
        },
        // The token itself is never shown, only whether and where it is set.
        api_token: match &login.token {
            Some(token) => from_login(Some("[redacted]".to_string()), token.source),
            None => Shown::unset(),
        },
    };
    let personal = login
        .org
        .as_ref()
        .is_some_and(|org| org.value == Org::Personal);
    let text = match format {
        Format::Json => output::to_json(&view, true)?,
        Format::Yaml => output::to_yaml(&view)?,
        _ => {
            let rows = [
                ("registry", &view.registry),
                ("org", &view.org),
                ("api_url", &view.api_url),
                ("timeout", &view.timeout),
                ("max_stale", &view.max_stale),
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

fn set(ctx: &Context, name: &str, value: Option<String>) -> Result<ExitStatus> {
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
    let key = Key::parse(name)?;
    Config::default().set(key, value.as_deref())?;
    let paths = ctx.paths()?;
    if key == Key::DefaultKey
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
        c.set(key, value.as_deref())?;
        Ok(previous)
    })?;
    let file = Config::path(&paths);
    match (&value, &previous) {
        (Some(v), _) => ctx
            .out
            .note(&format!("{name} = {v} (in {})", file.display())),
        (None, Some(_)) => ctx
            .out
            .note(&format!("unset {name} (in {})", file.display())),
        (None, None) => ctx.out.note(&format!("{name} was not set")),
    }
    let doc = serde_json::json!({
        "key": name,
        "value": value,
        "previous": previous,
        "file": file.display().to_string(),
    });
    if let Some(doc) = output::to_document(&doc, format)? {
        ctx.out.result(&doc)?;
    }
    Ok(ExitStatus::Success)
}
