//! `jwksctl providers`: the auth-provider presets `save --provider` knows (docs/registry.md, "From a provider preset").

use serde::Serialize;

use crate::commands::Context;
use crate::error::{ExitStatus, Result};
use crate::output::{self, Format};
use crate::registry::presets::{PRESETS, Param};

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    display: &'a str,
    url: &'a str,
    params: &'a [Param],
    notes: &'a str,
    /// Other names `save --provider` accepts for it.
    aliases: Vec<&'a str>,
}

/// `jwksctl providers [-o table|json|yaml]`.
pub fn run(ctx: &Context) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "providers",
        &[Format::Table, Format::Json, Format::Yaml],
        Format::Table,
    )?;
    let text = match format {
        Format::Json | Format::Yaml => {
            let rows: Vec<Row> = PRESETS
                .iter()
                .map(|p| Row {
                    name: p.name,
                    display: p.display,
                    url: p.url,
                    params: p.params,
                    notes: p.notes,
                    aliases: crate::registry::presets::ALIASES
                        .iter()
                        .filter(|(_, name)| *name == p.name)
                        .map(|(alias, _)| *alias)
                        .collect(),
                })
                .collect();
            output::to_document(&rows, format)?.unwrap_or_default()
        }
        _ => output::table(
            &["PRESET", "JWKS URL", "PARAMETERS", "NOTES"],
            PRESETS.iter().map(|p| {
                vec![
                    p.name.to_string(),
                    p.url.to_string(),
                    p.params
                        .iter()
                        .map(|p| p.name)
                        .collect::<Vec<_>>()
                        .join(", "),
                    p.notes.to_string(),
                ]
            }),
        ),
    };
    ctx.out.result(&text)?;
    if format == Format::Table {
        ctx.out
            .note("save one with: jwksctl save NAME --provider PRESET --set PARAMETER=VALUE");
    }
    Ok(ExitStatus::Success)
}
