//! Fetching JWKS documents (and OIDC discovery documents) over HTTP with the
//! shared client from [`crate::http`], through the cache: fresh entries are
//! used as they are, stale ones revalidated with `If-None-Match`, `--refresh`
//! skips the cache and `--offline` never touches the network.

use std::path::Path;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, CACHE_CONTROL, DATE, ETAG, IF_NONE_MATCH};
use url::Url;

use super::cache::{self, Cache, CacheEntry};
use crate::error::{Error, Result};
use crate::http::{self, ReadError};
use crate::notice::{Notice, Notices};

/// How the cache is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CacheMode {
    /// Fresh entries as they are; stale ones revalidated.
    #[default]
    Use,
    /// Ignore what is cached; fetch and store anew (`--refresh`).
    Refresh,
    /// Never fetch; use the cache even when stale (`--offline`).
    Offline,
}

/// Why a document could not be had. Each says whether a later try may
/// succeed ([`FetchError::is_unavailable`]); the command layer turns them
/// into [`Error`]s (exit 3 for the unavailable ones, 1 for the others).
#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    /// Offline, with nothing cached.
    #[error("no cached copy of {0}, and in offline mode nothing is fetched")]
    NotCached(String),
    /// No answer within the timeout (body included).
    #[error("{url} did not answer within {after}")]
    TimedOut { url: String, after: String },
    /// The connection failed: `detail` says why once, plainly, naming the
    /// host; `causes` is the whole chain underneath (for `-v`).
    #[error("cannot fetch {url}: {detail}")]
    Transport {
        url: String,
        detail: String,
        causes: Vec<String>,
        /// A redirect the policy refused (not worth retrying).
        refused_redirect: bool,
        /// The host name did not resolve.
        unresolved: bool,
    },
    /// The body passed the 1 MiB cap.
    #[error("the response from {0} is larger than 1 MiB; a JWKS document is a few KiB")]
    TooLarge(String),
    /// A status other than success.
    #[error("GET {url} answered {status}")]
    Status {
        url: String,
        status: String,
        server_error: bool,
    },
    /// The HTTP client could not be built.
    #[error("{0}")]
    Client(String),
    /// The server is down (`cause`) and the cached copy went stale longer
    /// ago than the `max_stale` bound allows: it is not used.
    #[error(
        "{cause}; the cached copy went stale {stale_for} ago, more than the {max_stale} allowed"
    )]
    TooStale {
        url: String,
        cause: Box<FetchError>,
        stale_for: String,
        max_stale: String,
    },
}

impl FetchError {
    /// True when trying again later may work (the server is down or slow,
    /// or nothing is cached offline).
    pub fn is_unavailable(&self) -> bool {
        match self {
            FetchError::NotCached(_) | FetchError::TimedOut { .. } => true,
            FetchError::Transport {
                refused_redirect, ..
            } => !refused_redirect,
            FetchError::Status { server_error, .. } => *server_error,
            FetchError::TooStale { .. } => true,
            FetchError::TooLarge(_) | FetchError::Client(_) => false,
        }
    }
}

/// How a cached copy served a document (`check -o json`'s `cache`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheState {
    /// Within its max-age: used without asking the server.
    Fresh,
    /// Past its max-age; the server answered 304 Not Modified.
    Revalidated,
    /// Past its max-age and used anyway: offline, or the server is down
    /// ([`Document::outage`] says why).
    Stale,
}

/// The cache's part in a document: its state and the copy's age in seconds
/// (since it was last fetched or revalidated, before this run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct CacheUse {
    pub state: CacheState,
    pub age: u64,
}

/// A JWKS document and where it came from. This is the fetch result the
/// callers report from: `cache` is `None` when the server sent the body in
/// this run, and `outage` is set when a stale copy stands in for a server
/// that could not be reached (a retry may give a different answer).
#[derive(Debug, Clone)]
pub struct Document {
    pub body: Vec<u8>,
    pub cache: Option<CacheUse>,
    pub outage: Option<FetchError>,
    /// The server's `Date` header (Unix seconds) when it answered in this
    /// run: `doctor` compares it with the local clock.
    pub date: Option<i64>,
}

impl Document {
    fn origin(body: Vec<u8>) -> Self {
        Document {
            body,
            cache: None,
            outage: None,
            date: None,
        }
    }

    fn cached(body: String, state: CacheState, age: u64) -> Self {
        Document {
            body: body.into_bytes(),
            cache: Some(CacheUse { state, age }),
            outage: None,
            date: None,
        }
    }
}

/// How long past its max-age a cached copy may stand in for a server that
/// cannot be reached, unless `max_stale` says otherwise (docs/registry.md).
pub const DEFAULT_MAX_STALE: Duration = Duration::from_secs(24 * 60 * 60);

type Fetched<T> = std::result::Result<T, FetchError>;

/// Most JWKS fetched at the same time by [`Fetcher::jwks_many`], unless
/// `JWKSCTL_PARALLEL` says otherwise ([`Fetcher::with_parallel`]).
pub const MAX_PARALLEL: usize = 16;

/// Fetches documents with jwksctl's limits, handing what it has to say
/// ([`Notice`]s) to `out` as it happens.
/// Shared by reference between the threads of [`Fetcher::jwks_many`].
pub struct Fetcher<'a> {
    /// Built on first use: a cache hit needs no client (building one loads
    /// the TLS roots, which costs more than the whole cached verification).
    client: std::sync::OnceLock<Client>,
    /// Held while the client is built, so parallel first fetches build one.
    building: std::sync::Mutex<()>,
    parallel: usize,
    /// URLs answered by their server (not the cache) in this run.
    from_origin: std::sync::Mutex<std::collections::HashSet<String>>,
    cache: Option<Cache>,
    out: &'a dyn Notices,
    timeout: Duration,
    max_stale: Duration,
}

impl<'a> Fetcher<'a> {
    /// A fetcher; `cache_dir` `None` disables the cache. A cache directory
    /// other users can write to is not used (with a warning): a JWKS planted
    /// there would be trusted until it expires, or for ever when offline.
    pub fn new(out: &'a dyn Notices, timeout: Duration, cache_dir: Option<&Path>) -> Self {
        let cache_dir = cache_dir.filter(|dir| {
            let checked = crate::fsutil::ensure_private_dir(dir)
                .and_then(|()| crate::fsutil::ensure_private_dir(&dir.join("jwks")));
            match checked {
                Ok(()) => true,
                Err(e) => {
                    out.notice(Notice::CacheUnusable(e));
                    false
                }
            }
        });
        Fetcher {
            client: std::sync::OnceLock::new(),
            building: std::sync::Mutex::new(()),
            parallel: MAX_PARALLEL,
            from_origin: std::sync::Mutex::new(std::collections::HashSet::new()),
            cache: cache_dir.map(Cache::new),
            out,
            timeout,
            max_stale: DEFAULT_MAX_STALE,
        }
    }

    /// How long past its max-age a cached copy may be used when its server
    /// cannot be reached ([`DEFAULT_MAX_STALE`] unless set). Past it the
    /// fetch fails as unavailable ([`FetchError::TooStale`]).
    pub fn with_max_stale(mut self, max_stale: Duration) -> Self {
        self.max_stale = max_stale;
        self
    }

    /// Whether `url` was answered by its server (not the cache) in this run.
    pub fn fetched_from_origin(&self, url: &Url) -> bool {
        self.from_origin
            .lock()
            .is_ok_and(|seen| seen.contains(url.as_str()))
    }

    /// At most `n` (at least 1) fetches in flight in [`Fetcher::jwks_many`].
    pub fn with_parallel(mut self, n: usize) -> Self {
        self.parallel = n.max(1);
        self
    }

    /// A JWKS document's body, through the cache.
    pub fn jwks(&self, url: &Url, mode: CacheMode) -> Result<Vec<u8>> {
        Ok(self.document(url, mode)?.body)
    }

    /// A JWKS document through the cache, saying how the cache served it.
    pub fn document(&self, url: &Url, mode: CacheMode) -> Fetched<Document> {
        self.document_with(url, mode, true)
    }

    /// The bodies of [`Fetcher::documents`].
    pub fn jwks_many(&self, urls: &[Url], mode: CacheMode) -> Vec<Result<Vec<u8>>> {
        self.documents(urls, mode)
            .into_iter()
            .map(|d| d.map(|d| d.body))
            .collect()
    }

    /// Several JWKS documents at once, at most [`MAX_PARALLEL`] in flight
    /// (or what [`Fetcher::with_parallel`] set):
    /// the results come back in the order of `urls`, each failure its own,
    /// so a run over twenty slow endpoints costs about one round trip, not
    /// twenty. (Scoped threads over the one blocking client.)
    pub fn documents(&self, urls: &[Url], mode: CacheMode) -> Vec<Result<Document>> {
        if urls.len() <= 1 {
            return urls
                .iter()
                .map(|u| self.document(u, mode).map_err(Error::from))
                .collect();
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<std::sync::Mutex<Option<Result<Document>>>> =
            urls.iter().map(|_| std::sync::Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..self.parallel.min(urls.len()) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(url) = urls.get(i) else { break };
                        // One spinner line per fetch would garble the terminal.
                        let result = self.document_with(url, mode, false).map_err(Error::from);
                        if let Ok(mut slot) = results[i].lock() {
                            *slot = Some(result);
                        }
                    }
                });
            }
        });
        results
            .into_iter()
            .zip(urls)
            .map(|(slot, url)| {
                slot.into_inner().ok().flatten().unwrap_or_else(|| {
                    Err(Error::failure(format!("the fetch of {url} did not finish")))
                })
            })
            .collect()
    }

    fn document_with(&self, url: &Url, mode: CacheMode, spin: bool) -> Fetched<Document> {
        let key = url.as_str();
        let now = cache::now_unix();
        let cached = match (mode, &self.cache) {
            (CacheMode::Refresh, _) | (_, None) => None,
            (_, Some(cache)) => cache.load(key),
        };
        match (mode, cached) {
            (CacheMode::Offline, Some(entry)) => {
                let age = entry.age(now);
                let state = if entry.is_fresh(now) {
                    CacheState::Fresh
                } else {
                    self.out.notice(Notice::OfflineStale {
                        url: key.to_string(),
                        age,
                    });
                    CacheState::Stale
                };
                Ok(Document::cached(entry.body, state, age))
            }
            (CacheMode::Offline, None) => Err(FetchError::NotCached(key.to_string())),
            (_, Some(entry)) if entry.is_fresh(now) => {
                let age = entry.age(now);
                self.out.notice(Notice::CacheFresh {
                    url: key.to_string(),
                    age,
                    fresh_for: entry.max_age.saturating_sub(age),
                });
                Ok(Document::cached(entry.body, CacheState::Fresh, age))
            }
            (_, stale) => self.fetch_and_store(url, stale, spin),
        }
    }

    /// A JSON document without the cache (OIDC discovery).
    pub fn json(&self, url: &Url) -> Result<Vec<u8>> {
        let answer = self.get(url, None, true)?;
        Ok(answer.body)
    }

    fn fetch_and_store(
        &self,
        url: &Url,
        stale: Option<CacheEntry>,
        spin: bool,
    ) -> Fetched<Document> {
        let etag = stale.as_ref().and_then(|e| e.etag.as_deref());
        let answer = match self.get(url, etag, spin) {
            Ok(answer) => answer,
            // The server is down (connection, timeout, 5xx): the stale copy
            // is what --offline would use, so use it, saying so in a warning
            // that -q does not hide, and only while it went stale less than
            // max_stale ago (RFC 9111's max-stale: seconds past freshness),
            // so an endpoint kept unreachable cannot keep a revoked key
            // trusted for ever. Not for an answer such as 404 (the document
            // is gone), nor with --refresh (which never passes a stale copy).
            Err(e) if e.is_unavailable() && stale.is_some() => {
                let Some(entry) = stale else {
                    return Err(e);
                };
                let age = entry.age(cache::now_unix());
                let stale_for = age.saturating_sub(entry.max_age);
                if stale_for > self.max_stale.as_secs() {
                    return Err(FetchError::TooStale {
                        url: url.to_string(),
                        cause: Box::new(e),
                        stale_for: crate::duration::coarse(stale_for),
                        max_stale: crate::duration::exact(self.max_stale),
                    });
                }
                self.out.notice(Notice::StaleStandIn {
                    url: url.clone(),
                    age,
                    cause: e.clone(),
                });
                let mut document = Document::cached(entry.body, CacheState::Stale, age);
                document.outage = Some(e);
                return Ok(document);
            }
            Err(e) => return Err(e),
        };
        if let Ok(mut seen) = self.from_origin.lock() {
            seen.insert(url.to_string());
        }
        let now = cache::now_unix();
        let max_age = cache::max_age(answer.cache_control.as_deref()).as_secs();
        if answer.status == StatusCode::NOT_MODIFIED
            && let Some(mut entry) = stale
        {
            let age = entry.age(now);
            entry.fetched_at = now;
            entry.max_age = max_age;
            if answer.etag.is_some() {
                entry.etag = answer.etag;
            }
            self.store(&entry);
            let mut document = Document::cached(entry.body, CacheState::Revalidated, age);
            document.date = answer.date;
            return Ok(document);
        }
        // Only JSON objects are cached: a broken answer must not stick for ten minutes.
        let cacheable =
            serde_json::from_slice::<serde_json::Value>(&answer.body).is_ok_and(|v| v.is_object());
        if cacheable && let Ok(text) = String::from_utf8(answer.body.clone()) {
            self.store(&CacheEntry {
                url: url.to_string(),
                fetched_at: now,
                max_age,
                etag: answer.etag,
                body: text,
            });
        }
        let mut document = Document::origin(answer.body);
        document.date = answer.date;
        Ok(document)
    }

    fn store(&self, entry: &CacheEntry) {
        if let Some(cache) = &self.cache
            && let Err(e) = cache.store(entry)
        {
            self.out.notice(Notice::CacheNotWritten {
                url: entry.url.clone(),
                error: e.to_string(),
            });
        }
    }

    fn client(&self) -> Fetched<&Client> {
        if let Some(client) = self.client.get() {
            return Ok(client);
        }
        let _building = self.building.lock();
        if let Some(client) = self.client.get() {
            return Ok(client);
        }
        let built =
            http::client(self.timeout).map_err(|e| FetchError::Client(e.message().to_string()))?;
        Ok(self.client.get_or_init(|| built))
    }

    fn get(&self, url: &Url, etag: Option<&str>, spin: bool) -> Fetched<Answer> {
        let client = self.client()?;
        let busy = if spin { self.out.fetching(url) } else { None };
        let started = Instant::now();
        let mut request = client.get(url.clone()).header(ACCEPT, "application/json");
        if let Some(etag) = etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        let result = request.send();
        let response = match result {
            Ok(r) => r,
            Err(e) => {
                drop(busy);
                return Err(self.transport_error(url, &e));
            }
        };
        let status = response.status();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let cache_control = header(CACHE_CONTROL);
        let new_etag = header(ETAG);
        let date = header(DATE)
            .and_then(|d| httpdate::parse_http_date(&d).ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_secs()).ok());
        let final_url = response.url().clone();
        let body = http::read_capped(response, started + self.timeout);
        drop(busy);
        self.out.notice(Notice::Answered {
            url: url.clone(),
            status: status.as_u16(),
            final_url: (final_url != *url).then_some(final_url),
            millis: started.elapsed().as_millis(),
        });
        let body = match body {
            Ok(body) => body,
            Err(ReadError::TooLarge) => return Err(FetchError::TooLarge(url.to_string())),
            Err(ReadError::Timeout) => return Err(self.timed_out(url)),
            Err(ReadError::Io(e)) => return Err(self.transport_error(url, &e)),
        };
        if status == StatusCode::NOT_MODIFIED && etag.is_some() {
            return Ok(Answer {
                status,
                body,
                cache_control,
                etag: new_etag,
                date,
            });
        }
        if !status.is_success() {
            let status_text = format!(
                "{} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            );
            return Err(FetchError::Status {
                url: url.to_string(),
                status: status_text.trim_end().to_string(),
                server_error: status.is_server_error(),
            });
        }
        Ok(Answer {
            status,
            body,
            cache_control,
            etag: new_etag,
            date,
        })
    }

    fn timed_out(&self, url: &Url) -> FetchError {
        FetchError::TimedOut {
            url: url.to_string(),
            after: crate::duration::exact(self.timeout),
        }
    }

    fn transport_error(&self, url: &Url, e: &(dyn std::error::Error + 'static)) -> FetchError {
        if http::is_timeout(e) {
            return self.timed_out(url);
        }
        let refused_redirect = e
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_redirect);
        let causes = crate::error::cause_chain(e);
        let (detail, unresolved) = plain_reason(url, e, &causes, refused_redirect);
        FetchError::Transport {
            url: url.to_string(),
            detail,
            causes,
            refused_redirect,
            unresolved,
        }
    }
}

/// Why a connection failed, said once with the host that failed (reqwest's
/// text repeats the URL and names each transport layer): the deepest cause,
/// an I/O error worded by its kind; a refused redirect as the policy worded
/// it (it names the target). Also whether the host name did not resolve
/// (the resolver's error carries no kind of its own, only its text).
fn plain_reason(
    url: &Url,
    e: &(dyn std::error::Error + 'static),
    causes: &[String],
    refused_redirect: bool,
) -> (String, bool) {
    let host = match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        _ => url.to_string(),
    };
    let deepest = causes.last().cloned().unwrap_or_else(|| e.to_string());
    if refused_redirect {
        return (deepest, false);
    }
    let unresolved = causes.iter().any(|c| {
        c.starts_with("dns error")
            || c.contains("failed to lookup address")
            || c.contains("resolves to")
    });
    if unresolved {
        let name = url.host_str().unwrap_or_default();
        let why = if deepest.contains("resolves to") {
            deepest
        } else {
            format!("the host name {name} does not resolve")
        };
        return (why, true);
    }
    let mut io_kind = None;
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        current = err.source();
    }
    use std::io::ErrorKind as K;
    let reason = match io_kind {
        Some(K::ConnectionRefused) => format!("connection refused by {host}"),
        Some(K::ConnectionReset) => format!("connection reset by {host}"),
        Some(K::ConnectionAborted) => format!("connection aborted by {host}"),
        Some(K::UnexpectedEof) => format!("{host} closed the connection early"),
        _ => {
            let text = match deepest.find(" (os error ") {
                Some(at) => deepest[..at].to_string(),
                None => deepest,
            };
            format!("{text} ({host})")
        }
    };
    (reason, false)
}

struct Answer {
    status: StatusCode,
    body: Vec<u8>,
    cache_control: Option<String>,
    etag: Option<String>,
    date: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A transport failure is said once: the host, and why (an I/O error by
    /// its kind, an unresolved name, or the deepest cause), never reqwest's
    /// layers nor the URL again.
    #[test]
    fn transport_failures_are_said_once_with_the_host() {
        let url = Url::parse("https://idp.example/jwks").unwrap();
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        let causes = vec![
            "error sending request for url (https://idp.example/jwks)".to_string(),
            "client error (Connect)".to_string(),
            "connection refused".to_string(),
        ];
        assert_eq!(
            plain_reason(&url, &refused, &causes, false),
            ("connection refused by idp.example:443".to_string(), false)
        );
        let other = std::io::Error::other("x");
        let dns = vec![
            "error sending request for url (https://idp.example/jwks)".to_string(),
            "client error (Connect)".to_string(),
            "dns error".to_string(),
            "failed to lookup address information: Name or service not known".to_string(),
        ];
        assert_eq!(
            plain_reason(&url, &other, &dns, false),
            (
                "the host name idp.example does not resolve".to_string(),
                true
            )
        );
        let tls = vec![
            "error sending request".to_string(),
            "invalid peer certificate: UnknownIssuer".to_string(),
        ];
        assert_eq!(
            plain_reason(&url, &other, &tls, false).0,
            "invalid peer certificate: UnknownIssuer (idp.example:443)"
        );
        let redirect = vec![
            "error following redirect for url (https://idp.example/jwks)".to_string(),
            "refused a redirect from https to http (http://evil.example/k)".to_string(),
        ];
        assert_eq!(
            plain_reason(&url, &other, &redirect, true).0,
            "refused a redirect from https to http (http://evil.example/k)"
        );
        let os = vec!["Network is unreachable (os error 101)".to_string()];
        assert_eq!(
            plain_reason(&url, &other, &os, false).0,
            "Network is unreachable (idp.example:443)"
        );
    }
}
