//! The one error type every command returns: what went wrong, an optional hint,
//! and the kind that decides the process exit code (README.md, "Exit codes"; docs/ci.md).

use std::fmt;

/// What kind of failure happened; decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command ran and failed, or a token is invalid (exit 1).
    Failure,
    /// The command line is wrong (exit 2, as clap uses).
    Usage,
    /// Keys or the registry could not be reached, so no verdict was possible (exit 3).
    Unreachable,
    /// Nothing to verify with: no key source named, and the registry and
    /// the local key store are empty (exit 1: a retry cannot help).
    NoKeys,
}

impl ErrorKind {
    /// Every kind, in the order docs/ci.md's table lists them (a test keeps
    /// the two equal).
    pub const ALL: [ErrorKind; 4] = [
        ErrorKind::Failure,
        ErrorKind::Usage,
        ErrorKind::Unreachable,
        ErrorKind::NoKeys,
    ];

    /// The `kind` of the `{"error":…}` document.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Failure => "failure",
            ErrorKind::Usage => "usage",
            ErrorKind::Unreachable => "unreachable",
            ErrorKind::NoKeys => "no_keys",
        }
    }

    /// The process exit code for this kind.
    pub fn exit_code(self) -> i32 {
        ExitStatus::from(self).code()
    }
}

/// How a run ended: the one place exit codes are numbers (README, "Exit
/// codes"; docs/ci.md). Every command returns one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: done, or the token is valid.
    Success,
    /// 1: the command failed, or a token / endpoint is invalid.
    Invalid,
    /// 2: the command line is wrong.
    Usage,
    /// 3: keys or the registry could not be reached: retry later.
    Unavailable,
}

impl ExitStatus {
    /// The number the process exits with.
    pub fn code(self) -> i32 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Invalid => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Unavailable => 3,
        }
    }

    /// `Success` when `ok`, else `Invalid`.
    pub fn from_ok(ok: bool) -> Self {
        if ok {
            ExitStatus::Success
        } else {
            ExitStatus::Invalid
        }
    }
}

impl From<ErrorKind> for ExitStatus {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::Failure | ErrorKind::NoKeys => ExitStatus::Invalid,
            ErrorKind::Usage => ExitStatus::Usage,
            ErrorKind::Unreachable => ExitStatus::Unavailable,
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        // Every code is 0..=3.
        std::process::ExitCode::from(status.code() as u8)
    }
}

/// The typed error underneath an [`Error`]: what a caller matches on (with
/// [`Error::cause_as`]) when it treats one failure apart. Shared, so an
/// `Error` stays cheap to clone.
pub type TypedCause = std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>;

/// A user-facing error: printed as `error: <message>` and, when set, `hint: <hint>`.
///
/// The message and hint are words for people; no code decides anything by
/// reading them. A decision looks at the kind, or at the typed cause kept
/// underneath, so no decision depends on wording.
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
    /// What lay underneath, outermost first: each source's text, for `-v`.
    causes: Vec<String>,
    /// The domain's own error this one was made from, if any. Never printed:
    /// the message and `causes` say everything shown.
    typed: Option<TypedCause>,
}

/// Two errors are equal when they print the same and stand on equal typed
/// causes (compared by their `Debug` form: a trait object has no equality).
impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.message == other.message
            && self.hint == other.hint
            && self.causes == other.causes
            && self.typed.as_ref().map(|t| format!("{t:?}"))
                == other.typed.as_ref().map(|t| format!("{t:?}"))
    }
}

impl Eq for Error {}

impl Error {
    /// An error of the given kind.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            causes: Vec::new(),
            typed: None,
        }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }

    /// A failure (exit 1).
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Failure, message)
    }

    /// Keys or registry unreachable (exit 3).
    pub fn unreachable(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unreachable, message)
    }

    /// Attach a hint telling the user what to do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same error with another kind (the same fact can be a usage error
    /// for one command and a failure for another).
    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// Keep the chain of errors underneath `cause` (its sources, and itself)
    /// to show with `-v` as "caused by:" lines.
    pub fn with_cause(mut self, cause: &(dyn std::error::Error + 'static)) -> Self {
        self.causes.extend(cause_chain(cause));
        self
    }

    /// A cause chain already taken apart (outermost first).
    pub fn with_causes(mut self, causes: Vec<String>) -> Self {
        self.causes.extend(causes);
        self
    }

    /// Keep `cause`, the typed error this one was made from, for callers that
    /// decide by what it is ([`Error::cause_as`]). Changes nothing printed.
    pub fn with_typed(mut self, cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.typed = Some(std::sync::Arc::new(cause));
        self
    }

    /// The typed cause kept by [`Error::with_typed`], when it is a `T`.
    pub fn cause_as<T: std::error::Error + 'static>(&self) -> Option<&T> {
        let typed: &(dyn std::error::Error + 'static) = self.typed.as_deref()?;
        typed.downcast_ref::<T>()
    }

    /// The chain kept by [`Error::with_cause`], outermost first.
    pub fn causes(&self) -> &[String] {
        &self.causes
    }

    /// The same error with `what` (a flag name) in front of its message.
    pub fn prefixed(mut self, what: &str) -> Self {
        self.message = format!("{what} {}", self.message);
        self
    }

    /// The kind, which decides the exit code.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the `error:` prefix.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The hint, if any.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// An error and its sources as text, outermost first (repeats dropped).
pub fn cause_chain(cause: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut chain: Vec<String> = Vec::new();
    let mut current = Some(cause);
    while let Some(e) = current {
        let text = e.to_string();
        if chain.last() != Some(&text) {
            chain.push(text);
        }
        current = e.source();
    }
    chain
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of the table after `marker` in a document: its cells, trimmed
    /// of backquotes.
    pub(crate) fn table_after(doc: &str, marker: &str) -> Vec<Vec<String>> {
        let start = doc.find(marker).expect("the marker is in the document");
        doc[start..]
            .lines()
            .skip(3)
            .take_while(|l| l.starts_with('|'))
            .map(|l| {
                l.trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().trim_matches('`').to_string())
                    .collect()
            })
            .collect()
    }

    #[derive(Debug, thiserror::Error)]
    #[error("a")]
    struct A(u8);

    #[derive(Debug, thiserror::Error)]
    #[error("b")]
    struct B;

    /// The typed cause is found by its type only, and counts in equality
    /// as every printed part does.
    #[test]
    fn typed_cause_and_equality() {
        let plain = Error::failure("m")
            .with_hint("h")
            .with_causes(vec!["c".to_string()]);
        assert_eq!(plain, plain.clone());
        assert!(plain.cause_as::<A>().is_none());
        let typed = plain.clone().with_typed(A(1));
        assert_eq!(typed.cause_as::<A>().map(|a| a.0), Some(1));
        assert!(typed.cause_as::<B>().is_none());
        assert_eq!(typed.message(), plain.message(), "nothing printed changes");
        assert_eq!(typed, typed.clone());
        assert_ne!(typed, plain);
        assert_ne!(typed, plain.clone().with_typed(A(2)));
        let others = [
            Error::usage("m")
                .with_hint("h")
                .with_causes(vec!["c".to_string()]),
            Error::failure("n")
                .with_hint("h")
                .with_causes(vec!["c".to_string()]),
            Error::failure("m").with_causes(vec!["c".to_string()]),
            Error::failure("m").with_hint("h"),
        ];
        for other in others {
            assert_ne!(plain, other);
        }
    }

    /// docs/ci.md lists exactly the error kinds, with their exit codes.
    #[test]
    fn ci_md_lists_every_error_kind() {
        let doc = include_str!("../docs/ci.md");
        let rows: Vec<(String, String)> = table_after(doc, "<!-- error-kinds -->")
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        let kinds: Vec<(String, String)> = ErrorKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), k.exit_code().to_string()))
            .collect();
        assert_eq!(rows, kinds);
    }
}
