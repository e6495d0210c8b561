//! The interactive template builder (terminal only): asks for database or
//! group, name, scope and table rules, then validates the answers through the
//! same [`Template::from_input`] the flags use, so both paths agree.

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, MultiSelect, Select};

use crate::claims::{Action, Dialect, Scope, Template, TemplateInput, validate_name};
use crate::commands::Context;
use crate::error::{Error, Result};

fn prompt_error(e: dialoguer::Error) -> Error {
    Error::failure(format!("prompt cancelled: {e}"))
}

/// Ask for everything the flags did not say, and build the template.
pub fn build(ctx: &Context, given: &TemplateInput) -> Result<Template> {
    let colorful = ColorfulTheme::default();
    let simple = SimpleTheme;
    let theme: &dyn Theme = if ctx.out.color_stderr() {
        &colorful
    } else {
        &simple
    };
    let mut input = given.clone();
    match input.dialect {
        Dialect::Turso => ask_turso(ctx, theme, &mut input)?,
        Dialect::Libsql => ask_libsql(theme, &mut input)?,
    }
    Ok(Template::from_input(&input)?)
}

fn ask_name(theme: &dyn Theme, prompt: &str, what: &'static str) -> Result<String> {
    Input::<String>::with_theme(theme)
        .with_prompt(prompt)
        .validate_with(|s: &String| validate_name(what, s).map_err(|e| e.to_string()))
        .interact_text()
        .map_err(prompt_error)
}

fn ask_names(theme: &dyn Theme, prompt: &str, allow_empty: bool) -> Result<Vec<String>> {
    let text = Input::<String>::with_theme(theme)
        .with_prompt(prompt)
        .allow_empty(allow_empty)
        .validate_with(|s: &String| {
            split_list(s)
                .iter()
                .try_for_each(|n| validate_name("database", n))
                .map_err(|e| e.to_string())
        })
        .interact_text()
        .map_err(prompt_error)?;
    Ok(split_list(&text))
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect()
}

fn ask_scope(theme: &dyn Theme) -> Result<Scope> {
    let choice = Select::with_theme(theme)
        .with_prompt("Scope")
        .items(["full-access (read and write)", "read-only"])
        .default(0)
        .interact()
        .map_err(prompt_error)?;
    Ok(if choice == 0 {
        Scope::FullAccess
    } else {
        Scope::ReadOnly
    })
}

fn ask_turso(ctx: &Context, theme: &dyn Theme, input: &mut TemplateInput) -> Result<()> {
    let kind = Select::with_theme(theme)
        .with_prompt("Grant access to")
        .items(["a database", "a group"])
        .default(0)
        .interact()
        .map_err(prompt_error)?;
    if kind == 0 {
        input.databases = vec![ask_name(theme, "Database name", "database")?];
    } else {
        input.group = Some(ask_name(theme, "Group name", "group")?);
    }
    input.scope = ask_scope(theme)?;
    // Read-only templates may only grant data_read on tables.
    let offered: Vec<Action> = match input.scope {
        Scope::FullAccess => Action::ALL.to_vec(),
        Scope::ReadOnly => vec![Action::DataRead],
    };
    // Rules given as flags stay; the builder adds to them.
    loop {
        let more = Confirm::with_theme(theme)
            .with_prompt("Add a table permission rule?")
            .default(false)
            .interact()
            .map_err(prompt_error)?;
        if !more {
            break;
        }
        let table = Input::<String>::with_theme(theme)
            .with_prompt("Table ('all' for every table)")
            .validate_with(|s: &String| {
                if s == "all" {
                    Ok(())
                } else {
                    validate_name("table", s).map_err(|e| e.to_string())
                }
            })
            .interact_text()
            .map_err(prompt_error)?;
        let names: Vec<&str> = offered.iter().map(|a| a.as_str()).collect();
        let picked = MultiSelect::with_theme(theme)
            .with_prompt("Actions (space to select, enter to confirm)")
            .items(&names)
            .interact()
            .map_err(prompt_error)?;
        if picked.is_empty() {
            ctx.out
                .note(&format!("no action selected; rule for {table} skipped"));
            continue;
        }
        let actions: Vec<&str> = picked.iter().map(|&i| names[i]).collect();
        input
            .permissions
            .push(format!("{table}:{}", actions.join(",")));
    }
    Ok(())
}

fn ask_libsql(theme: &dyn Theme, input: &mut TemplateInput) -> Result<()> {
    input.databases = ask_names(theme, "Databases (namespaces, comma-separated)", false)?;
    input.attach = ask_names(
        theme,
        "Databases to ATTACH read-only (comma-separated, empty for none)",
        true,
    )?;
    input.scope = ask_scope(theme)?;
    Ok(())
}
