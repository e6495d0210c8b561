//! `jwksctl token decode`: a token's header and claims, its times and what it
//! grants — and a plain statement that the signature was not verified.

use std::io::{IsTerminal, Read};

use serde_json::{Map, Value, json};

use crate::cli::DecodeArgs;
use crate::commands::Context;
use crate::error::{Error, ExitStatus, Result};
use crate::output::{self, Format, Style, paint};
use crate::token::decode::{self, DecodeError, MAX_TOKEN};
use crate::token::describe::{
    MAX_DATE_SECS, contradictions, grants, numeric_date, read_grants, relative, rfc3339,
};
use crate::token::verify::target::{Check, Target};
use crate::token::verify::{self, TargetContext};

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Error {
        let error = match e {
            DecodeError::Empty | DecodeError::TooLarge => Error::usage(e.to_string()),
            _ => Error::failure(e.to_string()),
        };
        error.with_typed(e)
    }
}

/// The token text from the argument, or stdin for `-` / no argument when
/// stdin is not a terminal. Input over 1 MiB, and input with no token in it
/// (empty, blank, `""`), are usage errors. COMMAND (`decode`, `verify`)
/// names the command in the hint.
pub fn read_token(arg: Option<&str>, command: &str) -> Result<String> {
    let text = read_input(arg, command)?;
    match decode::clean(&text) {
        Err(e @ (decode::DecodeError::Empty | decode::DecodeError::TooLarge)) => {
            Err(Error::from(e).with_hint(format!(
                "jwksctl token {command} \"$TOKEN\", or: … | jwksctl token {command} -"
            )))
        }
        _ => Ok(text),
    }
}

fn read_input(arg: Option<&str>, command: &str) -> Result<String> {
    match arg {
        Some(text) if text != "-" => Ok(text.to_string()),
        _ => {
            let stdin = std::io::stdin();
            if arg.is_none() && stdin.is_terminal() {
                return Err(
                    Error::usage("give a token, or pipe one on stdin").with_hint(format!(
                        "jwksctl token {command} \"$TOKEN\", or: … | jwksctl token {command} -"
                    )),
                );
            }
            let mut bytes = Vec::new();
            stdin
                .lock()
                .take(MAX_TOKEN as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::failure(format!("cannot read stdin: {e}")))?;
            if bytes.len() > MAX_TOKEN {
                return Err(DecodeError::TooLarge.into());
            }
            String::from_utf8(bytes).map_err(|_| Error::failure("the input is not UTF-8 text"))
        }
    }
}

/// With `-v`, say what [`decode::clean`] removed from the token as given
/// (`line` names the `--batch` input line).
pub fn note_removed(ctx: &Context, cleaned: &decode::Cleaned<'_>, line: Option<u64>) {
    if let Some(note) = removed_note(cleaned, line) {
        ctx.out.detail(&note);
    }
}

/// What [`note_removed`] prints, if anything (`--batch` prints it in order
/// on the writing thread).
pub fn removed_note(cleaned: &decode::Cleaned<'_>, line: Option<u64>) -> Option<String> {
    if cleaned.removed.is_empty() {
        return None;
    }
    let place = line.map(|n| format!("line {n}: ")).unwrap_or_default();
    Some(format!(
        "{place}removed from the token as given: {}",
        cleaned.removed.join(", ")
    ))
}

/// `jwksctl token decode [TOKEN|-]`.
pub fn run(ctx: &Context, args: DecodeArgs) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "token decode",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    let input = read_token(args.token.as_deref(), "decode")?;
    let cleaned = decode::clean(&input)?;
    note_removed(ctx, &cleaned, None);
    let decoded = decode::decode(&cleaned.token)?;
    let claims = decoded.claims()?;
    // On stderr in every format: the JSON and YAML documents stay as they are.
    for contradiction in contradictions(&claims) {
        ctx.out.warn(&contradiction);
    }
    let target = args.target.map(super::verify::target_of);
    if args.namespace.is_some() && target != Some(Target::Sqld) {
        return Err(Error::usage(
            "--namespace asks what a token grants on an sqld namespace: it needs --for sqld",
        ));
    }
    if args.libsql_gid.is_some() && target != Some(Target::Sqld) {
        return Err(Error::usage(
            "--libsql-gid is sqld's LIBSQL_GID: it needs --for sqld",
        ));
    }
    let checks = target.map(|target| {
        let tctx = TargetContext {
            audiences: args.aud.clone(),
            audiences_shown: Vec::new(),
            gid: args.libsql_gid.clone(),
            namespace: args.namespace.clone(),
        };
        let report = verify::report(
            target,
            &decoded.header,
            &claims,
            &[],
            &tctx,
            (!args.aud.is_empty()).then(|| args.aud.clone()),
            crate::jwks::cache::now_unix() as i64,
        );
        (target, report)
    });
    let failed = checks
        .as_ref()
        .is_some_and(|(_, r)| r.checks.iter().any(|c| !c.passed));
    if let Some((_, report)) = &checks {
        for w in &report.warnings {
            ctx.out.warn(&w.describe());
        }
    }
    let text = match format {
        Format::Json | Format::Yaml => {
            let now = crate::jwks::cache::now_unix() as i64;
            let mut doc = json!({
                "header": decoded.header,
                "claims": claims,
                "signature": decoded.signature_b64,
                "verified": false,
                "times": times(&claims, now),
                "expired": claims.get("exp").and_then(numeric_date).map(|exp| exp <= now),
                "grants": read_grants(&claims),
            });
            if let Some((target, report)) = &checks {
                doc["target"] = target.as_str().into();
                doc["checks"] = serde_json::to_value(&report.checks).unwrap_or_default();
                doc["warnings"] = serde_json::to_value(&report.warnings).unwrap_or_default();
                // Under --for sqld, `grants` is what sqld computes, per namespace.
                if let Some(grants) = &report.grants {
                    doc["grants"] = serde_json::to_value(grants).unwrap_or_default();
                }
            }
            if format == Format::Json {
                output::to_json(&doc, true)?
            } else {
                output::to_yaml(&doc)?
            }
        }
        _ => {
            let mut text = summary(ctx, &decoded.header, &claims)?;
            if let Some((target, report)) = &checks {
                let color = ctx.out.color_stdout();
                text.push_str(&format!(
                    "\n{} (signature not checked)\n",
                    paint(color, Style::Heading, &format!("{} rules", target.as_str()))
                ));
                for check in &report.checks {
                    text.push_str(&format!("  {} {}\n", mark(color, check), check.describe()));
                }
                for grant in report.grants.iter().flatten() {
                    text.push_str(&format!("  grant {}\n", grant.describe()));
                }
            }
            text
        }
    };
    ctx.out.result(&text)?;
    Ok(ExitStatus::from_ok(!failed))
}

/// `iat`, `nbf` and `exp` as `{"unix","utc","relative"}` (the claims that
/// are present; one that is not a number has `"error"` instead).
fn times(claims: &Map<String, Value>, now: i64) -> Value {
    let mut out = Map::new();
    for name in ["iat", "nbf", "exp"] {
        let Some(value) = claims.get(name) else {
            continue;
        };
        out.insert(
            name.into(),
            match numeric_date(value) {
                Some(t) => json!({
                    "unix": t,
                    "utc": (0..=MAX_DATE_SECS).contains(&t).then(|| rfc3339(t)),
                    "relative": relative(t, now),
                }),
                None => json!({"error": "not a number: verifiers reject this"}),
            },
        );
    }
    Value::Object(out)
}

fn summary(
    ctx: &Context,
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
) -> Result<String> {
    let color = ctx.out.color_stdout();
    let now = crate::jwks::cache::now_unix() as i64;
    let mut out = String::new();
    out.push_str(&paint(color, Style::Heading, "header"));
    out.push('\n');
    out.push_str(&output::to_json(header, true)?);
    out.push('\n');
    out.push_str(&paint(color, Style::Heading, "claims"));
    out.push('\n');
    out.push_str(&output::to_json(claims, true)?);
    out.push_str("\n\n");
    let mut rows: Vec<(&str, String)> = Vec::new();
    for (name, label) in [("iat", "issued"), ("nbf", "not before"), ("exp", "expires")] {
        let Some(value) = claims.get(name) else {
            continue;
        };
        let line = match numeric_date(value) {
            Some(t) if name == "exp" && t <= now => format!(
                "{} ({})",
                rfc3339(t),
                paint(
                    color,
                    Style::Invalid,
                    &format!("EXPIRED {}", relative(t, now))
                )
            ),
            Some(t) => format!("{} ({})", rfc3339(t), relative(t, now)),
            None => format!("{value} (not a number: verifiers reject this)"),
        };
        rows.push((label, line));
    }
    if !claims.contains_key("exp") {
        rows.push(("expires", "never (no exp claim)".into()));
    }
    rows.push(("grants", grants(claims)));
    for contradiction in contradictions(claims) {
        rows.push(("caveat", paint(color, Style::Invalid, &contradiction)));
    }
    rows.push((
        "signature",
        paint(
            color,
            Style::Caution,
            "NOT verified (decode only reads the token; `jwksctl token verify` checks it)",
        ),
    ));
    for (label, line) in rows {
        out.push_str(&format!("{label:<11}{line}\n"));
    }
    Ok(out)
}

/// A target rule's mark in human output: FAIL, WARN (passed, worth a look)
/// or ok, as `decode --for` and `verify --for` print them.
pub(super) fn mark(color: bool, check: &Check) -> String {
    match (check.passed, check.warning) {
        (false, _) => paint(color, Style::Invalid, "FAIL"),
        (true, true) => paint(color, Style::Caution, "WARN"),
        (true, false) => paint(color, Style::Passed, "ok  "),
    }
}
