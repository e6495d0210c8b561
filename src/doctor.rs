//! `doctor`'s model (docs/doctor.md): the chain from an auth provider to a
//! database as a checklist of links, each `ok`, `fail`, `warn` or `skip`.
//! The first failing link stops the walk: every later link is `skip`, so the
//! one fix shown is the one to make first. Which stage of a verdict failed
//! ([`Stage::of`]) and how far the local clock is from the servers'
//! ([`clock_skew`]) are decided here; the command layer words the lines
//! and prints them.

use serde::Serialize;

use crate::token::verify::target::Check;
use crate::token::verify::{Reason, Remedy, Verdict};

/// A link's state. The strings are a stable contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The link holds.
    Ok,
    /// The link is broken: the first one is where the chain breaks.
    Fail,
    /// The link holds, but deserves a look (a grant to everything).
    Warn,
    /// Not checked: an earlier link failed.
    Skip,
}

impl Status {
    /// The word the checklist shows.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Fail => "FAIL",
            Status::Warn => "WARN",
            Status::Skip => "skip",
        }
    }
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Which link: `config`, `source`, `clock`, `token.decode`, `token.alg`,
    /// `token.kid`, `token.signature`, `token.time`, `token.audience`,
    /// `token.rules`, `grants`, `template`.
    pub link: &'static str,
    pub status: Status,
    /// What was found, in one line.
    pub detail: String,
    /// The change that mends a failing (or warned) link; `None` otherwise.
    pub fix: Option<String>,
    /// `template` only: the claims a token must carry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<serde_json::Value>,
    /// A `fail` that a retry may mend (a source could not be reached).
    #[serde(skip)]
    pub unavailable: bool,
}

/// The detail of a link skipped after a failure.
pub const AFTER_FAILURE: &str = "not checked: an earlier link failed";

/// The checklist as it is built: once a link fails, the later ones are
/// recorded as `skip`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Checklist {
    /// Every link held (warnings included).
    pub ok: bool,
    /// The failing link could not be checked (unreachable): a retry may help.
    pub unavailable: bool,
    pub links: Vec<Link>,
}

impl Checklist {
    pub fn new() -> Self {
        Checklist {
            ok: true,
            unavailable: false,
            links: Vec::new(),
        }
    }

    /// True once a link failed: what follows is skipped.
    pub fn stopped(&self) -> bool {
        !self.ok
    }

    fn push(&mut self, link: &'static str, status: Status, detail: String, fix: Option<String>) {
        let (status, detail, fix) = if self.stopped() {
            (Status::Skip, AFTER_FAILURE.to_string(), None)
        } else {
            (status, detail, fix)
        };
        self.links.push(Link {
            link,
            status,
            detail,
            fix,
            template: None,
            unavailable: false,
        });
    }

    /// A link that holds.
    pub fn pass(&mut self, link: &'static str, detail: impl Into<String>) {
        self.push(link, Status::Ok, detail.into(), None);
    }

    /// A link that holds but deserves a look.
    pub fn warn(&mut self, link: &'static str, detail: impl Into<String>, fix: Option<String>) {
        self.push(link, Status::Warn, detail.into(), fix);
    }

    /// The broken link (`unavailable`: it could not be checked).
    pub fn fail(
        &mut self,
        link: &'static str,
        detail: impl Into<String>,
        fix: impl Into<String>,
        unavailable: bool,
    ) {
        let first = !self.stopped();
        self.push(link, Status::Fail, detail.into(), Some(fix.into()));
        if first {
            if let Some(last) = self.links.last_mut() {
                last.unavailable = unavailable;
            }
            self.ok = false;
            self.unavailable = unavailable;
        }
    }

    /// A link skipped after a failure (what it would check is not known).
    pub fn skip_after_failure(&mut self, link: &'static str) {
        self.push(link, Status::Skip, String::new(), None);
    }

    /// A link not checked because nothing was given for it.
    pub fn skip(&mut self, link: &'static str, why: impl Into<String>) {
        self.links.push(Link {
            link,
            status: Status::Skip,
            detail: why.into(),
            fix: None,
            template: None,
            unavailable: false,
        });
    }

    /// Attach a template to the last link.
    pub fn set_template(&mut self, template: serde_json::Value) {
        if let Some(last) = self.links.last_mut() {
            last.template = Some(template);
        }
    }
}

/// The stages of a token's verification, in the order they are checked;
/// a verdict that refuses the token names the first that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Decode,
    Alg,
    Kid,
    Signature,
    Time,
    Audience,
    Issuer,
    Rules,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 8] = [
        Stage::Decode,
        Stage::Alg,
        Stage::Kid,
        Stage::Signature,
        Stage::Time,
        Stage::Audience,
        Stage::Issuer,
        Stage::Rules,
    ];

    /// The checklist's name for the stage.
    pub fn link(self) -> &'static str {
        match self {
            Stage::Decode => "token.decode",
            Stage::Alg => "token.alg",
            Stage::Kid => "token.kid",
            Stage::Signature => "token.signature",
            Stage::Time => "token.time",
            Stage::Audience => "token.audience",
            Stage::Issuer => "token.issuer",
            Stage::Rules => "token.rules",
        }
    }

    /// The stage a target rule belongs to.
    pub fn of_rule(rule: &str) -> Stage {
        match rule {
            "powersync.alg" | "powersync.crit" | "sqld.alg" => Stage::Alg,
            "powersync.exp" | "powersync.nbf" | "powersync.max_lifetime" | "sqld.exp" => {
                Stage::Time
            }
            "powersync.aud" | "sqld.aud" => Stage::Audience,
            _ => Stage::Rules,
        }
    }

    /// The stage where VERDICT refused the token; `None` when it is valid
    /// or undecided (a source could not be loaded).
    pub fn of(verdict: &Verdict) -> Option<Stage> {
        if verdict.valid || verdict.undecided {
            return None;
        }
        // A raw secret that is base64url text: the key is right, its
        // encoding is not (PowerSync reports it as no matching key).
        if verdict.remedy == Some(Remedy::SecretEncoding) {
            return Some(Stage::Signature);
        }
        Some(match verdict.reason.unwrap_or(Reason::Malformed) {
            Reason::Malformed => match failed_check(verdict) {
                Some(c) => Stage::of_rule(c.rule),
                None if verdict.claims.is_some() || verdict.header.is_some() => Stage::Rules,
                None => Stage::Decode,
            },
            Reason::Unsigned | Reason::UnsupportedAlg => Stage::Alg,
            Reason::NoMatchingKey => Stage::Kid,
            Reason::BadSignature => Stage::Signature,
            Reason::Expired | Reason::NotYetValid => Stage::Time,
            Reason::AudienceMismatch => Stage::Audience,
            Reason::IssuerMismatch => Stage::Issuer,
            Reason::SubjectMismatch | Reason::MissingClaim => Stage::Rules,
            Reason::TargetRule => failed_check(verdict)
                .map(|c| Stage::of_rule(c.rule))
                .unwrap_or(Stage::Rules),
        })
    }
}

/// The first target rule the verdict failed.
pub fn failed_check(verdict: &Verdict) -> Option<&Check> {
    verdict.checks.iter().flatten().find(|c| !c.passed)
}

/// How far the servers' clocks are ahead of this one (seconds; negative:
/// behind), from the `Date` headers of answers received at `local` (Unix
/// seconds): the median, or `None` without any. A `Date` has one-second
/// resolution and the answer took some time, so only a difference over
/// [`SKEW_NOTICE`] is worth saying.
pub fn clock_skew(server_dates: &[i64], local: i64) -> Option<i64> {
    let mut diffs: Vec<i64> = server_dates
        .iter()
        .map(|d| d.saturating_sub(local))
        .collect();
    if diffs.is_empty() {
        return None;
    }
    diffs.sort_unstable();
    Some(diffs[diffs.len() / 2])
}

/// A clock difference worth a warning: PowerSync allows 60 s of skew.
pub const SKEW_NOTICE: i64 = 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failure_stops_the_walk() {
        let mut list = Checklist::new();
        list.pass("config", "fine");
        list.warn("source", "odd", Some("look".into()));
        assert!(list.ok && !list.stopped());
        list.fail("token.kid", "no key", "refetch", false);
        list.fail("token.signature", "bad", "other", true);
        list.pass("grants", "all");
        let statuses: Vec<Status> = list.links.iter().map(|l| l.status).collect();
        assert_eq!(
            statuses,
            [
                Status::Ok,
                Status::Warn,
                Status::Fail,
                Status::Skip,
                Status::Skip
            ]
        );
        assert!(!list.ok && !list.unavailable);
        assert_eq!(list.links[2].fix.as_deref(), Some("refetch"));
        assert_eq!(list.links[3].fix, None);
        assert!(list.links[4].detail.starts_with("not checked"));
    }

    #[test]
    fn an_unreachable_link_is_unavailable() {
        let mut list = Checklist::new();
        list.fail("source", "down", "retry", true);
        assert!(!list.ok && list.unavailable && list.links[0].unavailable);
    }

    #[test]
    fn skew_is_the_median_difference() {
        assert_eq!(clock_skew(&[], 100), None);
        assert_eq!(clock_skew(&[400], 100), Some(300));
        assert_eq!(clock_skew(&[90, 400, 100], 100), Some(0));
        assert_eq!(clock_skew(&[0, 10], 100), Some(-90));
    }

    #[test]
    fn rules_map_to_their_stage() {
        assert_eq!(Stage::of_rule("powersync.max_lifetime"), Stage::Time);
        assert_eq!(Stage::of_rule("powersync.exp"), Stage::Time);
        assert_eq!(Stage::of_rule("powersync.nbf"), Stage::Time);
        assert_eq!(Stage::of_rule("sqld.exp"), Stage::Time);
        assert_eq!(Stage::of_rule("powersync.aud"), Stage::Audience);
        assert_eq!(Stage::of_rule("sqld.aud"), Stage::Audience);
        assert_eq!(Stage::of_rule("powersync.alg"), Stage::Alg);
        assert_eq!(Stage::of_rule("sqld.alg"), Stage::Alg);
        assert_eq!(Stage::of_rule("powersync.crit"), Stage::Alg);
        assert_eq!(Stage::of_rule("powersync.required_claims"), Stage::Rules);
        assert_eq!(Stage::of_rule("sqld.claims"), Stage::Rules);
    }
}
