//! What the domain has to say besides its result, as values: the cache and
//! the fetches (`jwks/fetch.rs`), the key sources (`sources.rs`) and the
//! Turso API client (`registry/turso.rs`) hand each [`Notice`] to a
//! [`Notices`] sink as it happens, and never word or print it.
//! The command layer words them (`commands/notices.rs`) and `output.rs`
//! prints them; a test collects them in a `Mutex<Vec<Notice>>`.

use std::sync::Mutex;

use url::Url;

use crate::error::Error;
use crate::jwks::fetch::FetchError;

/// Something worth telling the user while keys are fetched and loaded.
#[derive(Debug)]
pub enum Notice {
    /// The cache directory is unsafe or cannot be made: no cache this run.
    CacheUnusable(Error),
    /// Offline, a cached copy past its max-age is used.
    OfflineStale { url: String, age: u64 },
    /// A cached copy within its max-age is used without asking the server.
    CacheFresh {
        url: String,
        age: u64,
        fresh_for: u64,
    },
    /// The server could not be reached and a stale copy stands in (a fact a
    /// script must not miss).
    StaleStandIn {
        url: Url,
        age: u64,
        cause: FetchError,
    },
    /// A fetched document could not be written to the cache.
    CacheNotWritten { url: String, error: String },
    /// A server answered a GET.
    Answered {
        url: Url,
        status: u16,
        final_url: Option<Url>,
        millis: u128,
    },
    /// The registry entries the token's issuer points at, consulted first.
    IssuerFirst { entries: Vec<String> },
    /// The local key store's HMAC keys (by kid), left out unless named.
    StoreHmacLeftOut { kids: Vec<String> },
    /// An unknown `kid`: the source's URL is fetched again (key rotation).
    Rotation { label: String, url: Url },
    /// The fetch after a rotation failed; the keys at hand are kept.
    RefetchFailed(Error),
    /// HMAC keys in a file named with a bare word are not used.
    HmacIgnored { count: usize, path: String },
    /// The Turso API answered a request.
    ApiAnswered {
        method: reqwest::Method,
        url: Url,
        status: u16,
        millis: u128,
    },
    /// The Turso API refused with a body that is not its JSON error (a page
    /// from a proxy): the whole body, its token redacted, for whoever asks.
    ApiErrorBody { status: u16, body: String },
    /// The template request's `POST` was refused with 405: sent again as `GET`.
    ApiRetryAsGet,
}

/// Where the domain hands its notices; `Sync` because batch jobs share
/// the fetcher between threads.
pub trait Notices: Sync {
    /// Take one notice, as it happens.
    fn notice(&self, notice: Notice);

    /// A single fetch of `url` begins; whatever is returned is dropped when
    /// it ends (a spinner on a terminal clears itself then).
    fn fetching(&self, url: &Url) -> Option<Box<dyn Send>> {
        let _ = url;
        None
    }
}

/// Collects notices in order (for tests and callers that report later).
impl Notices for Mutex<Vec<Notice>> {
    fn notice(&self, notice: Notice) {
        if let Ok(mut list) = self.lock() {
            list.push(notice);
        }
    }
}
