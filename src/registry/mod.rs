//! The registry of named JWKS endpoints (docs/registry.md): the [`Registry`] trait the
//! commands talk to, the entry model, the rules for names and URLs, and the
//! two backends — a local file ([`local`]) and the Turso Platform API
//! ([`turso`]). Commands never know which backend they hold.

pub mod local;
pub mod presets;
pub mod sync;
pub mod turso;
pub mod turso_cli;

use serde::{Deserialize, Serialize};

use crate::claims::{Template, describe_char};
use crate::error::{Error, Result};
use crate::http;

/// One saved JWKS endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub name: String,
    pub url: String,
    /// What only the local backend records; absent for the Turso backend,
    /// whose API keeps just a name and a URL.
    #[serde(flatten)]
    pub meta: Option<EntryMeta>,
}

/// Local-only facts about an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryMeta {
    /// The preset the URL was built from, if any.
    pub provider: Option<String>,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// RFC 3339 UTC.
    pub updated_at: String,
}

/// What `save` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// A new name.
    Created,
    /// The name existed; its old URL (the backend may not know it).
    Replaced { old_url: Option<String> },
    /// The backend cannot tell new from replaced (a remote upsert).
    Upserted,
}

/// A registry backend. Every command goes through this trait, so a second
/// backend slots in without the commands changing shape.
pub trait Registry {
    /// A word for messages: "local registry (PATH)" or "Turso organization acme".
    fn describe(&self) -> String;
    /// Every entry, sorted by name.
    fn list(&self) -> Result<Vec<Entry>>;
    /// Insert or replace `name` (upsert, as `turso org jwks save` is a PUT).
    fn save(&self, name: &str, url: &str, provider: Option<&str>) -> Result<Saved>;
    /// Remove `name`; an unknown name is an error naming the entries that exist.
    fn remove(&self, name: &str) -> Result<()>;
    /// The claims template, when the backend makes it (the Turso API does);
    /// `None` means render it locally.
    fn template(&self, template: &Template) -> Result<Option<String>>;
}

/// Why an entry name was refused (the name, and the reason).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid registry name {name:?}: {why}")]
pub struct NameError {
    pub name: String,
    pub why: String,
}

/// What names may be, for hints.
pub const NAME_RULE: &str =
    "names use letters, digits, spaces, '_', '.' and '-' (1 to 64 characters)";

/// Check an entry name: 1–64 characters of letters, digits, space, `_ . -`,
/// not starting or ending with a space, not `.` or `..` (docs/registry.md).
pub fn validate_name(name: &str) -> std::result::Result<(), NameError> {
    let bad = |why: String| NameError {
        name: name.to_string(),
        why,
    };
    if name.is_empty() {
        return Err(bad("it is empty".into()));
    }
    if name.chars().count() > 64 {
        return Err(bad(format!(
            "it is {} characters long; the limit is 64",
            name.chars().count()
        )));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '.' | '-')))
    {
        return Err(bad(format!("it contains {}", describe_char(c))));
    }
    if name.starts_with(' ') || name.ends_with(' ') {
        return Err(bad("it starts or ends with a space".into()));
    }
    if is_dot_segment(name) {
        return Err(bad(
            "'.' and '..' are path steps in a URL, not names (`..` would address the whole collection)".into(),
        ));
    }
    Ok(())
}

/// `.` and `..`: a URL path segment that moves instead of naming. Names and
/// organization slugs that are one are refused wherever they would become
/// part of a URL.
pub fn is_dot_segment(text: &str) -> bool {
    matches!(text, "." | "..")
}

/// [`validate_url`]'s refusal of plain http to a host other than loopback,
/// kept typed under the error it becomes so that callers that can offer a
/// way around it know it for what it is (never by its text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("refusing plain http:// for {host}: keys fetched without TLS can be replaced in transit")]
pub struct PlainHttpRefused {
    /// The host the URL names.
    pub host: String,
}

/// Check a JWKS (or issuer) URL: absolute `https://`, or `http://` only to a
/// loopback host unless `allow_http`; never with credentials (docs/registry.md).
/// Returns the parsed URL.
pub fn validate_url(text: &str, allow_http: bool) -> Result<url::Url> {
    let trimmed = text.trim();
    // `127.0.0.1:8080/jwks` or `localhost:8080/jwks` (which parses with the
    // scheme `localhost`): a URL without its scheme; say which to add.
    if !trimmed.contains("://")
        && let Ok(guess) = url::Url::parse(&format!("http://{trimmed}"))
        && guess.host_str().is_some()
        && guess.port().is_some()
    {
        let scheme = if http::is_loopback(&guess) {
            "http"
        } else {
            "https"
        };
        return Err(
            Error::usage(format!("{text:?} is not a URL: it has no scheme"))
                .with_hint(format!("add {scheme}://: {scheme}://{trimmed}")),
        );
    }
    let url = url::Url::parse(trimmed).map_err(|e| {
        Error::usage(format!("{text:?} is not a URL: {e}")).with_hint(
            "give an absolute URL such as https://my-app.clerk.accounts.dev/.well-known/jwks.json",
        )
    })?;
    match url.scheme() {
        "https" => {}
        "http" if allow_http || http::is_loopback(&url) => {}
        "http" => {
            let refused = PlainHttpRefused {
                host: url.host_str().unwrap_or("this host").to_string(),
            };
            return Err(Error::usage(refused.to_string())
                .with_hint("use https://")
                .with_typed(refused));
        }
        other => {
            return Err(Error::usage(format!(
                "unsupported URL scheme {other:?} in {text:?}: expected https://"
            )));
        }
    }
    if url.host().is_none() {
        return Err(Error::usage(format!("{text:?} has no host")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::usage(
            "refusing a URL with credentials in it (user:password@): they would be stored and shown in plain text",
        )
        .with_hint("JWKS endpoints are public; remove the credentials"));
    }
    Ok(url)
}

/// `text` for display with any credentials in it (`user:password@`, which a
/// hand-edited registry may hold although `save` refuses them) shown as
/// `***`, whether or not the rest is a valid URL.
pub fn masked_url(text: &str) -> String {
    let Some(start) = text.find("://").map(|i| i + 3) else {
        return text.to_string();
    };
    let authority_end = text[start..]
        .find(['/', '?', '#'])
        .map_or(text.len(), |i| start + i);
    match text[start..authority_end].rfind('@') {
        Some(at) => format!("{}***{}", &text[..start], &text[start + at..]),
        None => text.to_string(),
    }
}

/// A registry entry's URL, validated like a typed one before anything is
/// fetched: http(s) only, a host, no credentials. The registry may be a
/// shared Turso organization, so its contents are outside input. Plain http
/// off loopback is let through here (only `save --allow-http` puts one in the
/// local registry); the fetch warns about it.
pub fn entry_url(entry: &Entry) -> Result<url::Url> {
    validate_url(&entry.url, true).map_err(|e| {
        Error::failure(format!(
            "registry entry {:?} has an unusable URL: {}",
            entry.name,
            e.message()
        ))
        .with_hint(format!(
            "replace it with `jwksctl save {:?} https://…`",
            entry.name
        ))
    })
}

/// The error for an unknown name: which names exist, and the closest one.
pub fn unknown_name(name: &str, existing: &[String], what: &str) -> Error {
    Error::failure(format!("no entry named {name:?} in the {what}"))
        .with_hint(names_hint(name, existing, what))
}

/// The hint for a name `what` (a registry) does not have: the closest
/// name, then every name; or that it is empty.
pub fn names_hint(name: &str, existing: &[String], what: &str) -> String {
    if existing.is_empty() {
        return format!("the {what} is empty");
    }
    let list = existing
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(name, existing) {
        Some(close) => format!("did you mean {close:?}? entries: {list}"),
        None => format!("entries: {list}"),
    }
}

/// The existing name nearest to `name`, if reasonably near.
pub fn closest<'a>(name: &str, existing: &'a [String]) -> Option<&'a str> {
    let wanted = name.to_lowercase();
    existing
        .iter()
        .map(|n| {
            let have = n.to_lowercase();
            // "clerk" for "Clerk Production": a case-insensitive prefix is as
            // good as a near miss.
            let d = if have.starts_with(&wanted) || wanted.starts_with(&have) {
                1
            } else {
                strsim::damerau_levenshtein(&wanted, &have)
            };
            (d, n)
        })
        .filter(|(d, n)| *d <= 3.max(n.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["clerk", "Clerk Production", "a", "a.b_c-d", &"x".repeat(64)] {
            assert!(validate_name(ok).is_ok(), "{ok:?}");
        }
        for bad in [
            "",
            "a/b",
            " a",
            "a ",
            "a\tb",
            "é",
            &"x".repeat(65),
            "a\"b",
            ".",
            "..",
        ] {
            let e = validate_name(bad).unwrap_err();
            assert_eq!(e.name, bad);
            assert!(!e.why.is_empty(), "{bad:?}");
        }
        assert!(
            validate_name("a/b")
                .unwrap_err()
                .why
                .contains("the character '/'")
        );
    }

    #[test]
    fn urls() {
        assert!(validate_url("https://x.example/jwks.json", false).is_ok());
        assert!(validate_url("http://127.0.0.1:9/jwks", false).is_ok());
        assert!(validate_url("http://localhost/jwks", false).is_ok());
        assert!(validate_url("http://x.example/jwks", true).is_ok());
        for bad in [
            "http://x.example/jwks",
            "https://user:pw@x.example/jwks",
            "https://user@x.example/jwks",
            "not a url",
            "ftp://x.example/",
            "/etc/passwd",
            "file:///etc/passwd",
        ] {
            assert!(validate_url(bad, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn closest_names() {
        let names = vec!["clerk".to_string(), "auth0 prod".to_string()];
        assert_eq!(closest("clrek", &names), Some("clerk"));
        assert_eq!(closest("auth0-prod", &names), Some("auth0 prod"));
        assert_eq!(closest("zzzzzzzzzz", &names), None);
        let names = vec!["Clerk Production".to_string()];
        assert_eq!(closest("clerk", &names), Some("Clerk Production"));
    }

    #[test]
    fn credentials_are_masked_for_display() {
        assert_eq!(
            masked_url("https://user:hunter2@idp.example/jwks"),
            "https://***@idp.example/jwks"
        );
        assert_eq!(masked_url("http://tok@h:1?x=@y"), "http://***@h:1?x=@y");
        assert_eq!(masked_url("https://a@b@c/"), "https://***@c/");
        assert_eq!(
            masked_url("https://idp.example/a@b"),
            "https://idp.example/a@b"
        );
        assert_eq!(masked_url("not a url"), "not a url");
    }
}
