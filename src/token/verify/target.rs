//! What `--for powersync|sqld|turso` judges by: the targets, one rule's
//! outcome ([`Check`]), what jwksctl notes beside a target's verdict
//! ([`Warning`]) and what a token grants ([`Grant`]). The rules themselves
//! live beside the verifier: PowerSync's in `powersync.rs`, sqld's in
//! `sqld.rs`; Turso Cloud's documented claim shape (docs/claims.md) is here.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::claims::Action;

/// A verifier with rules of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    PowerSync,
    Sqld,
    Turso,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::PowerSync => "powersync",
            Target::Sqld => "sqld",
            Target::Turso => "turso",
        }
    }

    /// The target's name in messages.
    pub fn title(self) -> &'static str {
        match self {
            Target::PowerSync => "PowerSync",
            Target::Sqld => "sqld",
            Target::Turso => "Turso",
        }
    }
}

/// One rule's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// A stable name, `target.rule`.
    pub rule: &'static str,
    pub passed: bool,
    pub message: String,
    /// The error code the target reports when this rule fails (PowerSync).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// Passed, but worth saying (Turso: no database named).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub warning: bool,
}

impl Check {
    pub(super) fn pass(rule: &'static str, message: impl Into<String>) -> Check {
        Check {
            rule,
            passed: true,
            message: message.into(),
            code: None,
            warning: false,
        }
    }

    pub(super) fn fail(
        rule: &'static str,
        code: Option<&'static str>,
        message: impl Into<String>,
    ) -> Check {
        Check {
            rule,
            passed: false,
            message: message.into(),
            code,
            warning: false,
        }
    }

    pub(super) fn result(
        rule: &'static str,
        code: Option<&'static str>,
        outcome: Result<String, String>,
    ) -> Check {
        match outcome {
            Ok(m) => Check::pass(rule, m),
            Err(m) => Check::fail(rule, code, m),
        }
    }

    /// `rule: message (CODE)`, for one-line verdicts and errors.
    pub fn describe(&self) -> String {
        match self.code {
            Some(code) => format!("{}: {} ({code})", self.rule, self.message),
            None => format!("{}: {}", self.rule, self.message),
        }
    }
}

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A rule jwksctl enforces without `--for` (RFC 7515/7519/8725) that
    /// the target does not: the token passes the target anyway.
    NotEnforced,
    /// What the token grants deserves a second look (every namespace, nothing).
    Grant,
    /// Anything else worth knowing about the target's reading.
    Note,
}

/// A line beside the target's verdict: never a refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// A stable name: `jwksctl.<rule>` for jwksctl's own rules, `target.rule` otherwise.
    pub rule: &'static str,
    pub kind: WarningKind,
    pub message: String,
}

impl Warning {
    /// jwksctl's rule `rule` would refuse the token (`why`); `target` does not enforce it.
    pub fn not_enforced(rule: &'static str, target: Target, why: impl std::fmt::Display) -> Self {
        Warning {
            rule,
            kind: WarningKind::NotEnforced,
            message: format!(
                "{why} — jwksctl refuses this by its own rules; {} does not enforce it",
                target.title()
            ),
        }
    }

    pub fn new(rule: &'static str, kind: WarningKind, message: impl Into<String>) -> Self {
        Warning {
            rule,
            kind,
            message: message.into(),
        }
    }

    /// `rule: message`.
    pub fn describe(&self) -> String {
        format!("{}: {}", self.rule, self.message)
    }
}

/// What a token grants on one namespace (sqld), as the target computes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    /// The namespace, or `*` for every namespace.
    pub namespace: String,
    pub read: bool,
    pub write: bool,
    /// May ATTACH this namespace (read-only) from another one.
    pub attach: bool,
    /// May run DDL where sqld checks its DDL override (databases that use a
    /// shared schema); elsewhere DDL needs `write`.
    pub ddl: bool,
}

impl Grant {
    /// In words: `read-write on mydb, ATTACH allowed`.
    pub fn describe(&self) -> String {
        let access = match (self.read, self.write) {
            (_, true) => "read-write",
            (true, false) => "read-only",
            (false, false) => "nothing",
        };
        let mut out = if self.namespace == "*" {
            format!("{access} on every namespace")
        } else {
            format!("{access} on namespace {:?}", self.namespace)
        };
        if self.attach {
            out.push_str(", may ATTACH it");
        }
        if self.ddl {
            out.push_str(", DDL override");
        }
        out
    }
}

pub fn turso_checks(claims: &Map<String, Value>) -> Vec<Check> {
    let mut out = Vec::new();
    out.push(Check::result(
        "turso.a",
        None,
        match claims.get("a") {
            None => Ok("no a: full access".into()),
            Some(Value::String(a)) if a == "ro" || a == "rw" => Ok(format!("a is {a:?}")),
            Some(other) => Err(format!("a must be \"ro\" or \"rw\", not {other}")),
        },
    ));
    let name = |v: &Value| v.as_str().is_some_and(|s| !s.is_empty());
    let target = match (claims.get("id"), claims.get("gid")) {
        (Some(_), Some(_)) => {
            Err("a token names either id (a database) or gid (a group), not both".into())
        }
        (Some(id), None) if !name(id) => {
            Err(format!("id must be a database name or UUID, not {id}"))
        }
        (None, Some(gid)) if !name(gid) => Err(format!("gid must be a group name, not {gid}")),
        (Some(id), None) => Ok(format!("database {id}")),
        (None, Some(gid)) => Ok(format!("group {gid}")),
        (None, None) => Ok(String::new()),
    };
    let mut check = Check::result("turso.target", None, target);
    if check.passed && check.message.is_empty() {
        check.message = "no id or gid: the token grants every database in every group".into();
        check.warning = true;
    }
    out.push(check);
    if let Some(perm) = claims.get("perm") {
        let mut problems = Vec::new();
        match perm {
            Value::Array(entries) => {
                for (i, entry) in entries.iter().enumerate() {
                    match entry.get("a").and_then(Value::as_array) {
                        Some(actions) => {
                            for a in actions {
                                if a.as_str().is_none_or(|s| Action::parse(s).is_none()) {
                                    problems.push(format!(
                                        "perm[{i}].a: unknown action {a} (known: {})",
                                        Action::valid_list()
                                    ));
                                }
                            }
                        }
                        None => problems.push(format!("perm[{i}].a must be a list of actions")),
                    }
                    match entry.get("t") {
                        None | Some(Value::Null) => {}
                        Some(Value::Array(t)) if t.iter().all(name) => {}
                        Some(other) => problems.push(format!(
                            "perm[{i}].t must be null (every table) or a list of table names, not {other}"
                        )),
                    }
                }
            }
            other => problems.push(format!("perm must be a list, not {other}")),
        }
        out.push(Check::result(
            "turso.perm",
            None,
            if problems.is_empty() {
                Ok("perm entries have known actions".into())
            } else {
                Err(problems.join("; "))
            },
        ));
    }
    out
}
