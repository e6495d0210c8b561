//! The command line's words for the domain's [`Notice`]s, printed through
//! [`Output`]: which stream, which level (`-v` detail, warning, a warning
//! `-q` keeps) and which flags a remedy names are decided here; and for the
//! named sources `sources.rs` could not use ([`named_source_error`]), the
//! flag that named each.

use url::Url;

use crate::duration::coarse;
use crate::error::Error;
use crate::notice::{Notice, Notices};
use crate::output::Output;
use crate::sources::NamedError;

/// A named source that cannot be used, as `token verify` and `doctor` say
/// it: the flag that named it in front (`--jwks`, `--key`, `--secret-env`).
pub fn named_source_error(error: NamedError) -> Error {
    match error {
        NamedError::Jwks(e) => e.prefixed("--jwks"),
        NamedError::JwksFile { path, why } => {
            Error::usage(format!("--jwks {path}: {why}")).with_typed(why)
        }
        NamedError::Key { path, why, key_set } => {
            let error = Error::usage(format!("--key {}: {why}", path.display())).with_typed(why);
            if key_set {
                error.with_hint(format!("pass a key set with --jwks {}", path.display()))
            } else {
                error
            }
        }
        NamedError::SqldKey { path, why } => {
            Error::usage(format!("--key {}: {why}", path.display())).with_typed(why)
        }
        NamedError::SecretEnvUnset { var } => {
            Error::usage(format!("--secret-env {var}: the variable is not set"))
        }
        NamedError::Other(e) => e,
    }
}

impl Notices for Output {
    fn notice(&self, notice: Notice) {
        match notice {
            Notice::CacheUnusable(e) => self.warn(&format!(
                "not using the JWKS cache: {} ({})",
                e.message(),
                e.hint().unwrap_or_default()
            )),
            Notice::OfflineStale { url, age } => self.warn(&format!(
                "using a stale cached copy of {url} (fetched {} ago): in offline mode nothing is fetched",
                coarse(age)
            )),
            Notice::CacheFresh {
                url,
                age,
                fresh_for,
            } => self.detail(&format!(
                "cache: {url} (fetched {} ago, fresh for {} more)",
                coarse(age),
                coarse(fresh_for)
            )),
            Notice::StaleStandIn { url, age, cause } => self.alert(&format!(
                "using a stale cached copy of {url} (fetched {} ago): {cause}",
                coarse(age),
            )),
            Notice::CacheNotWritten { url, error } => {
                self.warn(&format!("cannot write the JWKS cache for {url}: {error}"))
            }
            Notice::Answered {
                url,
                status,
                final_url,
                millis,
            } => self.detail(&format!(
                "GET {url} -> {status}{} ({millis} ms)",
                final_url
                    .map(|f| format!(" via {f}"))
                    .unwrap_or_default(),
            )),
            Notice::IssuerFirst { entries } => self.detail(&format!(
                "the token's issuer matches {}: consulted first",
                entries
                    .iter()
                    .map(|e| format!("'{e}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Notice::StoreHmacLeftOut { kids } => self.detail(&format!(
                "HMAC keys in the local key store are not used unless named: {} (pass --secret-file or export one with `keys export KID --format jwk --private`)",
                kids.join(", ")
            )),
            Notice::Rotation { label, url } => self.detail(&format!(
                "kid not in the keys of '{label}': fetching {url} again (key rotation)"
            )),
            Notice::RefetchFailed(e) => self.warn(e.message()),
            Notice::HmacIgnored { count, path } => self.warn(&format!(
                "ignoring {count} HMAC key(s) in {path}: HMAC keys are used only from a file named with a path (./{path})"
            )),
            Notice::ApiAnswered {
                method,
                url,
                status,
                millis,
            } => self.detail(&format!("{method} {url} -> {status} ({millis} ms)")),
            Notice::ApiErrorBody { status, body } => {
                self.detail(&format!("Turso API {status} body:\n{body}"))
            }
            Notice::ApiRetryAsGet => self.detail("POST not allowed; retrying as GET"),
        }
    }

    fn fetching(&self, url: &Url) -> Option<Box<dyn Send>> {
        let spinner = self.spinner(format!("fetching {url}"))?;
        Some(Box::new(spinner))
    }
}
