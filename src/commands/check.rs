//! `jwksctl check`: fetch and audit JWKS endpoints or files (docs/registry.md, "Audit endpoints with check") and
//! print a report per source. Exit 0 when every source is usable, 1 when one
//! has errors (a definite failure wins), 3 when one could not be reached —
//! even when a stale cached copy stands in for it (its audit is shown,
//! marked `cache: stale`).

use std::path::Path;

use crate::cli::CheckArgs;
use crate::commands::{Context, cache_mode, plural};
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::jwks::audit::{self, Code, Finding, Report};
use crate::jwks::fetch::{CacheState, CacheUse};
use crate::output::{self, Format, Style, paint};
use crate::registry::{self, Entry};
use crate::sources::{self, Named};

/// What `check` reads, as resolved from the command line: a JWKS URL or a
/// file (not a key source of `token verify`, which is `verify::Source`).
enum CheckInput {
    Url { label: String, url: url::Url },
    File(String),
}

/// `jwksctl check [SOURCE…] [--all]`.
pub fn run(ctx: &Context, args: CheckArgs) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "check",
        &[Format::Table, Format::Json, Format::Yaml],
        Format::Table,
    )?;
    let sources = resolve(ctx, &args)?;
    if sources.is_empty() {
        ctx.out
            .note("the registry is empty: nothing to check (give a URL or a file to check one)");
    }
    let mode = cache_mode(&args.cache);
    let fetcher = if sources.iter().any(|s| matches!(s, CheckInput::Url { .. })) {
        Some(ctx.fetcher()?)
    } else {
        None
    };
    // Every URL at once (bounded), reports in the order of the sources.
    let urls: Vec<url::Url> = sources
        .iter()
        .filter_map(|s| match s {
            CheckInput::Url { url, .. } => Some(url.clone()),
            CheckInput::File(_) => None,
        })
        .collect();
    let mut fetched = match &fetcher {
        Some(f) => f.documents(&urls, mode),
        None => Vec::new(),
    }
    .into_iter();
    let mut reports = Vec::new();
    let mut outcome = Outcome::default();
    for source in &sources {
        let report = match source {
            CheckInput::Url { label, url } => {
                let fetched = fetched
                    .next()
                    .unwrap_or_else(|| Err(Error::failure("no HTTP client")));
                match fetched {
                    Ok(document) => {
                        let mut report = audit::audit(label, Some(url.as_str()), &document.body);
                        report.cache = document.cache;
                        match document.outage {
                            // A stale copy stood in: its audit is shown, but
                            // the endpoint is down, which a health check
                            // must report (the stale warning survives -q).
                            Some(outage) => {
                                outcome.unreachable = true;
                                report.errors.insert(
                                    0,
                                    Finding::new(
                                        Code::Unreachable,
                                        None,
                                        Error::from(outage).message(),
                                    ),
                                );
                                report.ok = false;
                            }
                            None => outcome.invalid |= !report.ok,
                        }
                        report
                    }
                    Err(e) => {
                        if e.kind() == ErrorKind::Unreachable {
                            outcome.unreachable = true;
                        } else {
                            outcome.invalid = true;
                        }
                        failed(label, Some(url.as_str()), &e)
                    }
                }
            }
            CheckInput::File(path) => {
                let report =
                    match crate::fsutil::read_capped(Path::new(path), crate::fsutil::MAX_USER_FILE)
                    {
                        Ok(bytes) => audit::audit(path, None, &bytes),
                        Err(why) => failed(path, None, &Error::failure(why)),
                    };
                outcome.invalid |= !report.ok;
                report
            }
        };
        reports.push(report);
    }
    let text = match format {
        Format::Json | Format::Yaml => output::to_document(&reports, format)?,
        _ if reports.is_empty() => None,
        _ => Some(render(ctx, &reports)),
    };
    if let Some(text) = text {
        ctx.out.result(&text)?;
    }
    Ok(outcome.status())
}

/// What the sources amount to. A definite failure anywhere (an audit error,
/// a source that answered with something that is not a JWKS) wins over an
/// unreachable one: exit 3 says only that a retry may help.
#[derive(Debug, Default, Clone, Copy)]
struct Outcome {
    invalid: bool,
    unreachable: bool,
}

impl Outcome {
    fn status(self) -> ExitStatus {
        if self.invalid {
            ExitStatus::Invalid
        } else if self.unreachable {
            ExitStatus::Unavailable
        } else {
            ExitStatus::Success
        }
    }
}

/// A report for a source that could not be fetched or read.
fn failed(source: &str, url: Option<&str>, e: &Error) -> Report {
    let code = if e.kind() == ErrorKind::Unreachable {
        Code::Unreachable
    } else {
        Code::FetchFailed
    };
    Report {
        source: source.to_string(),
        url: url.map(str::to_string),
        ok: false,
        cache: None,
        keys: Vec::new(),
        errors: vec![Finding::new(code, None, e.message())],
        warnings: Vec::new(),
    }
}

fn resolve(ctx: &Context, args: &CheckArgs) -> Result<Vec<CheckInput>> {
    // The registry is read only when a name needs it (a URL or file check
    // works without a registry, an org or a token).
    if args.sources.is_empty() {
        return ctx.registry_entries()?.iter().map(entry_source).collect();
    }
    let mut sources = Vec::new();
    for given in &args.sources {
        // Auditing a plain-http URL is allowed (the audit warns about it).
        let named = sources::resolve(given, true, &mut || ctx.registry_entries())?;
        sources.push(match named {
            Named::Url(url) => CheckInput::Url {
                label: given.clone(),
                url,
            },
            Named::Entry(entry, url) => CheckInput::Url {
                label: entry.name,
                url,
            },
            Named::File { path, .. } => CheckInput::File(path),
        });
    }
    Ok(sources)
}

fn entry_source(entry: &Entry) -> Result<CheckInput> {
    Ok(CheckInput::Url {
        label: entry.name.clone(),
        url: registry::entry_url(entry)?,
    })
}

fn render(ctx: &Context, reports: &[Report]) -> String {
    let color = ctx.out.color_stdout();
    let mut blocks = Vec::new();
    for r in reports {
        let verdict = if r.ok {
            paint(color, Style::Valid, "ok")
        } else {
            paint(color, Style::Invalid, "FAILED")
        };
        let mut block = String::new();
        let where_ = match &r.url {
            Some(url) if url != &r.source => format!("{} ({url})", r.source),
            _ => r.source.clone(),
        };
        let counts = format!(
            "{} key{}, {} error{}, {} warning{}",
            r.keys.len(),
            plural(r.keys.len()),
            r.errors.len(),
            plural(r.errors.len()),
            r.warnings.len(),
            plural(r.warnings.len())
        );
        let cached = match r.cache {
            Some(CacheUse { state, age }) => {
                let word = match state {
                    CacheState::Fresh => "cached copy",
                    CacheState::Revalidated => "cached copy, revalidated",
                    CacheState::Stale => "STALE cached copy",
                };
                format!("; {word}, fetched {} ago", crate::duration::coarse(age))
            }
            None => String::new(),
        };
        block.push_str(&format!("{where_}: {verdict} ({counts}{cached})\n"));
        if !r.keys.is_empty() {
            let table = output::table(
                &["KID", "KTY", "ALG", "USE", "SIZE/CRV", "STATUS"],
                r.keys.iter().map(|k| {
                    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                    vec![
                        dash(&k.kid),
                        dash(&k.kty),
                        dash(&k.alg),
                        dash(&k.use_),
                        dash(&k.size),
                        k.status.as_str().to_string(),
                    ]
                }),
            );
            for line in table.lines() {
                block.push_str("  ");
                block.push_str(line);
                block.push('\n');
            }
        }
        for e in &r.errors {
            block.push_str(&format!(
                "  {} {}\n",
                paint(color, Style::Error, "error:"),
                e.message
            ));
        }
        for w in audit::summarize(&r.warnings) {
            block.push_str(&format!(
                "  {} {w}\n",
                paint(color, Style::Warning, "warning:")
            ));
        }
        blocks.push(block.trim_end().to_string());
    }
    blocks.join("\n\n")
}
