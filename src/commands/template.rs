//! `jwksctl template`: flags → [`TemplateInput`] → [`Template`] → claims →
//! the rendering the user asked for. The interactive builder lives in
//! [`builder`].

mod builder;

use serde_json::{Map, Value};

use crate::claims::providers::{self, Provider, RenderError};
use crate::claims::{Dialect, Scope, Template, TemplateError, TemplateInput};
use crate::cli::{ClaimsArgs, DialectArg, ProviderArg, ScopeArg, TemplateArgs};
use crate::commands::Context;
use crate::error::{Error, ExitStatus, Result};
use crate::output::{self, Format};

/// A refused template in the command line's words: the flags that
/// describe a template, and what to do about it.
impl From<TemplateError> for Error {
    fn from(e: TemplateError) -> Self {
        use crate::claims::MAX_NAME_LEN;
        let message = match &e {
            TemplateError::NoTarget => "either --database or --group must be specified".to_string(),
            TemplateError::BothTargets => "--database and --group cannot be used together: a template grants one database or one group".to_string(),
            TemplateError::SeveralDatabases(n) => {
                format!("the turso dialect takes one --database, got {n}")
            }
            TemplateError::LibsqlWithoutDatabase => {
                "--dialect libsql needs at least one --database".to_string()
            }
            TemplateError::LibsqlGroup => {
                "--group cannot be used with --dialect libsql: sqld has no groups".to_string()
            }
            TemplateError::LibsqlPermissions => "--permissions cannot be used with --dialect libsql: sqld has no table-level permissions".to_string(),
            TemplateError::AttachWithoutLibsql => "--attach is only for --dialect libsql".to_string(),
            TemplateError::ReadOnlyConflict { action, table } => format!(
                "--scope read-only contradicts action {action} on table {table}: a read-only template can only grant data_read"
            ),
            TemplateError::InvalidName { .. }
            | TemplateError::RuleWithoutColon(_)
            | TemplateError::RuleWithoutTable(_)
            | TemplateError::RuleWithoutActions(_)
            | TemplateError::UnknownAction { .. } => e.to_string(),
        };
        let hint = match &e {
            TemplateError::NoTarget => Some(
                "pass -d DATABASE or -g GROUP, or run in a terminal for the interactive builder"
                    .to_string(),
            ),
            TemplateError::SeveralDatabases(_) => {
                Some("use --dialect libsql to grant several databases".to_string())
            }
            TemplateError::InvalidName { .. } => Some(format!(
                "names start with a letter or digit and contain only letters, digits, '_', '.' and '-' (at most {MAX_NAME_LEN} characters)"
            )),
            TemplateError::RuleWithoutColon(_)
            | TemplateError::RuleWithoutTable(_)
            | TemplateError::RuleWithoutActions(_) => Some(
                "example: -p comments:data_read,data_add (use 'all' as the table for every table)"
                    .to_string(),
            ),
            TemplateError::ReadOnlyConflict { .. } => {
                Some("drop --scope read-only, or grant only data_read".to_string())
            }
            _ => None,
        };
        let error = Error::usage(message);
        let error = match hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        };
        error.with_typed(e)
    }
}

/// The `template` flags that describe `template`, for echoing the
/// equivalent command line.
fn template_args(template: &Template) -> Vec<String> {
    use crate::claims::Resource;
    let mut args = Vec::new();
    let scope = match template {
        Template::Turso {
            resource,
            scope,
            rules,
        } => {
            match resource {
                Resource::Database(name) => args.extend(["-d".to_string(), name.clone()]),
                Resource::Group(name) => args.extend(["-g".to_string(), name.clone()]),
            }
            for rule in rules {
                args.extend(["-p".to_string(), rule.to_arg()]);
            }
            *scope
        }
        Template::Libsql {
            databases,
            attach,
            scope,
        } => {
            args.extend(["--dialect".to_string(), "libsql".to_string()]);
            for db in databases {
                args.extend(["-d".to_string(), db.clone()]);
            }
            for db in attach {
                args.extend(["--attach".to_string(), db.clone()]);
            }
            *scope
        }
    };
    if scope == Scope::ReadOnly {
        args.extend(["-s".to_string(), "read-only".to_string()]);
    }
    args
}

impl From<RenderError> for Error {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::FirebaseTooLarge { .. } => Error::failure(e.to_string())
                .with_hint("grant fewer tables, or use a group instead of per-table rules")
                .with_typed(e),
        }
    }
}

/// The template input the claim flags describe (shared with `token mint`).
pub fn claims_input(args: ClaimsArgs) -> TemplateInput {
    TemplateInput {
        databases: args.database,
        group: args.group,
        scope: args.scope.map(scope).unwrap_or(Scope::FullAccess),
        permissions: args.permissions,
        dialect: dialect(args.dialect),
        attach: args.attach,
    }
}

/// The domain scope for a `--scope` value.
pub fn scope(arg: ScopeArg) -> Scope {
    match arg {
        ScopeArg::FullAccess => Scope::FullAccess,
        ScopeArg::ReadOnly => Scope::ReadOnly,
    }
}

/// The domain dialect for a `--dialect` value.
pub fn dialect(arg: DialectArg) -> Dialect {
    match arg {
        DialectArg::Turso => Dialect::Turso,
        DialectArg::Libsql => Dialect::Libsql,
    }
}

fn provider(arg: ProviderArg) -> Provider {
    match arg {
        ProviderArg::Generic => Provider::Generic,
        ProviderArg::Clerk => Provider::Clerk,
        ProviderArg::Auth0 => Provider::Auth0,
        ProviderArg::Supabase => Provider::Supabase,
        ProviderArg::Firebase => Provider::Firebase,
    }
}

pub fn run(ctx: &Context, args: TemplateArgs) -> Result<ExitStatus> {
    let provider = provider(args.provider);
    let format = ctx
        .out
        .format_for("template", &[Format::Json, Format::Yaml], Format::Json)?;
    if format == Format::Yaml && provider.is_code() {
        return Err(Error::usage(format!(
            "-o yaml cannot be used with --provider {}: it prints program code, not data",
            provider.as_str()
        )));
    }
    let input = claims_input(args.claims);

    let (template, built_interactively) = if input.has_no_target() && ctx.out.is_interactive() {
        (builder::build(ctx, &input)?, true)
    } else {
        (Template::from_input(&input)?, false)
    };

    let text = match remote_template(ctx, &template)? {
        // The server's answer, unchanged unless a wrapping or format was asked for.
        Some(raw) if provider == Provider::Generic && format == Format::Json => {
            if args.pretty {
                crate::registry::turso::pretty_json(&raw)
            } else {
                raw
            }
        }
        Some(raw) => {
            let claims: Map<String, Value> = serde_json::from_str(&raw).map_err(|e| {
                Error::unreachable(format!(
                    "the Turso API sent a template that is not a JSON object: {e}"
                ))
            })?;
            match (provider, format) {
                // Data formats keep the server's member order (a Map would
                // sort it): Clerk's editor gets the answer indented, YAML
                // (a superset of JSON) reads it in order.
                (Provider::Clerk, Format::Json) => crate::registry::turso::pretty_json(&raw),
                (Provider::Generic | Provider::Clerk, Format::Yaml) => {
                    let ordered: yaml_serde::Value = yaml_serde::from_str(&raw).map_err(|e| {
                        Error::unreachable(format!(
                            "the Turso API sent an unreadable template: {e}"
                        ))
                    })?;
                    output::to_yaml(&ordered)?
                }
                _ => render(&claims, provider, format, args.pretty)?,
            }
        }
        None => render(&template.claims(), provider, format, args.pretty)?,
    };
    if built_interactively {
        let mut line = vec!["jwksctl".to_string(), "template".to_string()];
        line.extend(template_args(&template));
        if provider != Provider::Generic {
            line.extend(["--provider".to_string(), provider.as_str().to_string()]);
        }
        if args.pretty {
            line.push("--pretty".to_string());
        }
        if format == Format::Yaml {
            line.extend(["-o".to_string(), "yaml".to_string()]);
        }
        let line: Vec<String> = line.iter().map(|a| shell_quote(a)).collect();
        ctx.out
            .note(&format!("equivalent command: {}", line.join(" ")));
    }
    ctx.out.result(&text)?;
    if ctx.out.stderr_is_terminal()
        && let Some(hint) = provider.paste_hint()
    {
        ctx.out.note(hint);
    }
    Ok(ExitStatus::Success)
}

/// The template from the registry backend when it makes one (the Turso
/// Platform API, for the turso dialect); `None` to render it here.
fn remote_template(ctx: &Context, template: &Template) -> Result<Option<String>> {
    if !matches!(template, Template::Turso { .. })
        || ctx.settings()?.registry.value != crate::config::RegistryKind::Turso
    {
        return Ok(None);
    }
    ctx.registry()?.template(template)
}

/// Render claims for a provider in a format.
pub fn render(
    claims: &Map<String, Value>,
    provider: Provider,
    format: Format,
    pretty: bool,
) -> Result<String> {
    Ok(match (provider, format) {
        (Provider::Generic | Provider::Clerk, Format::Yaml) => output::to_yaml(claims)?,
        (Provider::Generic, _) => output::to_json(claims, pretty)?,
        (Provider::Clerk, _) => providers::clerk(claims),
        (Provider::Auth0, _) => providers::auth0(claims),
        (Provider::Supabase, _) => providers::supabase(claims),
        (Provider::Firebase, _) => providers::firebase(claims)?,
    })
}

/// Quote an argument for a POSIX shell when it needs it.
fn shell_quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.,:/=@+-".contains(c));
    if plain {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(
            shell_quote("comments:data_add,data_read"),
            "comments:data_add,data_read"
        );
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn args_round_trip() {
        let input = TemplateInput {
            databases: vec!["mydb".into()],
            permissions: vec![
                "comments:data_update,data_add".into(),
                "all:data_read".into(),
            ],
            ..TemplateInput::default()
        };
        let template = Template::from_input(&input).unwrap();
        assert_eq!(
            template_args(&template),
            [
                "-d",
                "mydb",
                "-p",
                "comments:data_add,data_update",
                "-p",
                "all:data_read"
            ]
        );
    }
}
