//! `jwksctl sync --from REGISTRY --to REGISTRY` (docs/registry.md, "Keep the
//! local and Turso registries in step"): the plan, each entry to write
//! audited as `save` audits it, a confirmation, then the writes.

use serde::Serialize;

use crate::cli::SyncArgs;
use crate::commands::{Context, plural};
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::jwks::audit;
use crate::jwks::fetch::CacheMode;
use crate::output::{self, Format};
use crate::registry::sync::{self, Action, Step};
use crate::registry::{self, Registry};

/// What became of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    /// Planned and passed its checks; not written (yet).
    Planned,
    /// Written to the target.
    Applied,
    /// Its checks failed (audit, name, URL): never written.
    Refused,
    /// Its endpoint could not be fetched for the audit: never written.
    Unreachable,
    /// The write failed.
    Failed,
}

/// One step as printed.
#[derive(Debug, Serialize)]
struct StepView {
    action: &'static str,
    name: String,
    url: String,
    old_url: Option<String>,
    status: Status,
    /// Why it was refused or failed, or the audit's warnings summed up.
    message: Option<String>,
}

/// The `-o json|yaml` document.
#[derive(Debug, Serialize)]
struct SyncView {
    from: String,
    to: String,
    prune: bool,
    dry_run: bool,
    /// Whether the writes were made (false: dry run, declined, or no --yes
    /// without a terminal; true also when there was nothing to write).
    applied: bool,
    steps: Vec<StepView>,
    /// Names the same in both registries.
    unchanged: Vec<String>,
    /// Names only in the target, left alone (no --prune).
    kept: Vec<String>,
}

/// `jwksctl sync`.
pub fn run(ctx: &Context, args: SyncArgs) -> Result<ExitStatus> {
    let format = ctx.out.format_for(
        "sync",
        &[Format::Text, Format::Json, Format::Yaml],
        Format::Text,
    )?;
    if args.from == args.to {
        return Err(Error::usage(format!(
            "--from and --to are both {}: sync copies one registry into the other",
            args.from.as_str()
        ))
        .with_hint("jwksctl sync --from local --to turso (or --from turso --to local)"));
    }
    // Both are opened (organization and token checked) before anything is sent.
    let source = ctx.registry_of(args.from)?;
    let target = ctx.registry_of(args.to)?;
    let plan = sync::plan(&source.list()?, &target.list()?, args.prune);
    let mut views: Vec<StepView> = plan
        .steps
        .iter()
        .map(|s| StepView {
            action: s.action.as_str(),
            name: s.name.clone(),
            url: s.url.clone(),
            old_url: s.old_url.clone(),
            status: Status::Planned,
            message: None,
        })
        .collect();
    check_steps(ctx, &plan.steps, &mut views, args.allow_http)?;
    let mut view = SyncView {
        from: source.describe(),
        to: target.describe(),
        prune: args.prune,
        dry_run: args.dry_run,
        applied: false,
        steps: views,
        unchanged: plan.unchanged.clone(),
        kept: plan.kept.clone(),
    };
    let writable = view
        .steps
        .iter()
        .filter(|s| s.status == Status::Planned)
        .count();
    if format == Format::Text {
        ctx.out.result(&render(&view))?;
    }
    let go = if writable == 0 || args.dry_run {
        false
    } else if ctx.yes {
        true
    } else if ctx.out.is_interactive() {
        let prompt = format!(
            "Apply {writable} change{} to the {}?",
            plural(writable),
            view.to
        );
        let yes = ctx.confirm(&prompt)?;
        if !yes {
            ctx.out.note("nothing changed");
        }
        yes
    } else {
        false
    };
    let mut write_error = None;
    if go {
        write_error = apply(&*target, &plan.steps, &mut view.steps);
    }
    view.applied = go || (writable == 0 && !args.dry_run);
    if let Some(doc) = output::to_document(&view, format)? {
        ctx.out.result(&doc)?;
    }
    if let Some(e) = write_error {
        return Err(e);
    }
    // The outcome: a step that could not be checked or written decides it.
    let refused = view.steps.iter().any(|s| s.status == Status::Refused);
    let unreachable = view.steps.iter().any(|s| s.status == Status::Unreachable);
    if writable > 0 && !go && !args.dry_run {
        // Declined at the prompt (said above), or no terminal to ask on.
        if !ctx.out.is_interactive() {
            ctx.out.error(
                &Error::failure(format!(
                    "not applied: {writable} change{} planned for the {}, and no terminal to confirm on",
                    plural(writable),
                    view.to
                ))
                .with_hint("pass --yes to apply the plan, or --dry-run to only show it"),
            );
        }
        return Ok(ExitStatus::Invalid);
    }
    if go {
        ctx.out.note(&format!(
            "applied {writable} change{} to the {}",
            plural(writable),
            view.to
        ));
    } else if writable == 0 && !refused && !unreachable {
        ctx.out.note(&format!(
            "the {} already holds the {}'s entries: nothing to do",
            view.to, view.from
        ));
    }
    Ok(if refused {
        ExitStatus::Invalid
    } else if unreachable {
        ExitStatus::Unavailable
    } else {
        ExitStatus::Success
    })
}

/// A refused entry's line: the error's message, and for plain http (known by
/// the typed refusal under it, not by its text) the flag that lets it through.
fn refusal_message(e: &Error) -> String {
    let mut message = e.message().to_string();
    if e.cause_as::<registry::PlainHttpRefused>().is_some() {
        message.push_str(" (--allow-http lets it through)");
    }
    message
}

/// Check every step that writes an entry, as `save` does: the name, the URL,
/// then the endpoint fetched (concurrently, never from the cache) and
/// audited. A step that fails is marked and will not be written.
fn check_steps(
    ctx: &Context,
    steps: &[Step],
    views: &mut [StepView],
    allow_http: bool,
) -> Result<()> {
    let mut to_fetch = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        if step.action == Action::Remove {
            continue;
        }
        let checked = registry::validate_name(&step.name)
            .map_err(Error::from)
            .and_then(|()| registry::validate_url(&step.url, allow_http));
        match checked {
            Ok(url) => {
                if url.scheme() == "http" && !crate::http::is_loopback(&url) {
                    ctx.out.warn(&format!(
                        "{:?} is a plain http:// URL: keys fetched from it can be replaced in transit",
                        step.name
                    ));
                }
                to_fetch.push((i, url));
            }
            Err(e) => {
                views[i].status = Status::Refused;
                views[i].message = Some(refusal_message(&e));
            }
        }
    }
    if to_fetch.is_empty() {
        return Ok(());
    }
    let urls: Vec<url::Url> = to_fetch.iter().map(|(_, u)| u.clone()).collect();
    let fetched = ctx.fetcher()?.jwks_many(&urls, CacheMode::Refresh);
    for ((i, url), result) in to_fetch.into_iter().zip(fetched) {
        let view = &mut views[i];
        match result {
            Ok(body) => {
                let report = audit::audit(&view.name, Some(url.as_str()), &body);
                for w in audit::summarize(&report.warnings) {
                    ctx.out.warn(&format!("{:?}: {w}", view.name));
                }
                if !report.ok {
                    let errors: Vec<String> =
                        report.errors.iter().map(|e| e.message.clone()).collect();
                    view.status = Status::Refused;
                    view.message = Some(format!("failed the audit: {}", errors.join("; ")));
                }
            }
            Err(e) => {
                view.status = if e.kind() == ErrorKind::Unreachable {
                    Status::Unreachable
                } else {
                    Status::Refused
                };
                view.message = Some(e.message().to_string());
            }
        }
    }
    Ok(())
}

/// Write the planned steps in order; stop at the first write that fails
/// (the rest stay `planned`) and return its error.
fn apply(target: &dyn Registry, steps: &[Step], views: &mut [StepView]) -> Option<Error> {
    for (step, view) in steps.iter().zip(views.iter_mut()) {
        if view.status != Status::Planned {
            continue;
        }
        let written = match step.action {
            Action::Add | Action::Change => target
                .save(&step.name, &step.url, step.provider.as_deref())
                .map(|_| ()),
            Action::Remove => target.remove(&step.name),
        };
        match written {
            Ok(()) => view.status = Status::Applied,
            Err(e) => {
                view.status = Status::Failed;
                view.message = Some(e.message().to_string());
                let message = format!(
                    "{} {:?} failed: {}; the steps after it were not applied",
                    step.action.as_str(),
                    step.name,
                    e.message()
                );
                let mut error = Error::new(e.kind(), message);
                if let Some(hint) = e.hint() {
                    error = error.with_hint(hint);
                }
                return Some(error);
            }
        }
    }
    None
}

/// The plan in words: one line per step, then what is left alone.
fn render(view: &SyncView) -> String {
    let mut lines = vec![format!("sync from the {} to the {}:", view.from, view.to)];
    for s in &view.steps {
        let sign = match s.action {
            "add" => "+",
            "change" => "~",
            _ => "-",
        };
        let what = match &s.old_url {
            Some(old) => format!("{} {} -> {}", s.name, old, s.url),
            None => format!("{} {}", s.name, s.url),
        };
        let mut line = format!("  {sign} {:<6} {what}", s.action);
        if let Some(m) = &s.message
            && matches!(s.status, Status::Refused | Status::Unreachable)
        {
            line.push_str(&format!("\n      not written: {m}"));
        }
        lines.push(line);
    }
    if view.steps.is_empty() {
        lines.push("  nothing to change".to_string());
    }
    lines.push(format!(
        "  ({} unchanged{})",
        view.unchanged.len(),
        if view.kept.is_empty() {
            String::new()
        } else {
            format!(
                "; {} only in the target, kept: {} (--prune removes them)",
                view.kept.len(),
                view.kept.join(", ")
            )
        }
    ));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only the typed plain-http refusal names the way through; an error
    /// that merely reads the same does not.
    #[test]
    fn only_the_typed_plain_http_refusal_names_allow_http() {
        let refused = registry::validate_url("http://example.com/jwks", false).unwrap_err();
        assert_eq!(
            refusal_message(&refused),
            format!("{} (--allow-http lets it through)", refused.message())
        );
        let lookalike = Error::usage(refused.message());
        assert_eq!(refusal_message(&lookalike), refused.message());
    }
}
