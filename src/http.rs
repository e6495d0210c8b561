//! The one place an HTTP client is built: the timeout (a wall-clock deadline
//! for the whole request, body included), the redirect policy, the user
//! agent, no `Referer`, bodies read with a 1 MiB cap, and names under
//! `localhost` that must resolve to loopback addresses. Every network call of
//! jwksctl — JWKS endpoints, OIDC discovery, the Turso Platform API — goes
//! through here.
//!
//! Requests run on a small tokio runtime of the [`Client`]'s own, one thread:
//! several JWKS fetches are futures in flight on it together
//! (`Fetcher::documents`), and the Turso API client waits for one at a time.
//! The timeout is reqwest's total timeout, which covers the body.
//!
//! Two clients: [`client`] for public documents (JWKS, discovery) follows at
//! most five redirects, never from `https` to `http`, and to plain `http`
//! only on loopback (unless the first URL was already plain http, which the
//! caller allowed explicitly); [`api_client`] for requests that carry a
//! credential follows none, so a token can never reach a second host.

use std::future::Future;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::redirect::Policy;
use reqwest::{Method, RequestBuilder, Response, Url};

use crate::error::{Error, Result};

/// Largest body jwksctl reads from any server.
pub const MAX_BODY: u64 = 1024 * 1024;

/// Most redirects followed.
pub const MAX_REDIRECTS: usize = 5;

/// `jwksctl/<version>`.
pub const USER_AGENT: &str = concat!("jwksctl/", env!("CARGO_PKG_VERSION"));

/// An HTTP client and the runtime its requests run on.
pub struct Client {
    inner: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

impl Client {
    /// A request to `url`, to run with [`Client::block_on`].
    pub fn request(&self, method: Method, url: Url) -> RequestBuilder {
        self.inner.request(method, url)
    }

    /// Run requests (a future over them) to the end on this client's
    /// runtime. `send()` itself needs the runtime (it starts the timeout's
    /// timer): call it inside the future.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}

/// A client for public documents, with jwksctl's limits: see the module
/// documentation for the redirect rules. `timeout` bounds the whole request,
/// body included.
pub fn client(timeout: Duration) -> Result<Client> {
    let policy = Policy::custom(|attempt| {
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error(format!("more than {MAX_REDIRECTS} redirects"));
        }
        let url = attempt.url();
        let target = url.to_string();
        if url.scheme() == "http" {
            if attempt.previous().iter().any(|u| u.scheme() == "https") {
                return attempt.error(format!("refused a redirect from https to http ({target})"));
            }
            // The first URL was checked by the caller; a plain-http hop to
            // another host is allowed only where the first one was already
            // plain http off loopback (an explicit --allow-http).
            let consented = attempt
                .previous()
                .first()
                .is_some_and(|u| u.scheme() == "http" && !is_loopback_literal(u));
            if !consented && !is_loopback_literal(url) {
                return attempt.error(format!(
                    "refused a redirect to plain http off loopback ({target})"
                ));
            }
        }
        attempt.follow()
    });
    build(builder(timeout).redirect(policy))
}

/// A client for an API that carries a credential: it follows no
/// redirect (a 3xx comes back as the response, for the caller to refuse).
pub fn api_client(timeout: Duration) -> Result<Client> {
    build(builder(timeout).redirect(Policy::none()))
}

fn build(builder: reqwest::ClientBuilder) -> Result<Client> {
    let failed = |e: &dyn std::error::Error| {
        Error::failure(format!("cannot set up the HTTP client: {}", chain(e)))
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| failed(&e))?;
    let inner = builder.build().map_err(|e| failed(&e))?;
    Ok(Client { inner, runtime })
}

fn builder(timeout: Duration) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(timeout)
        .connect_timeout(timeout)
        .referer(false)
        .dns_resolver(Arc::new(LoopbackNames))
}

/// The system resolver, except that `localhost` and names under it must
/// resolve to loopback addresses only: the check happens on the addresses
/// the connection will use, not on the name.
struct LoopbackNames;

impl Resolve for LoopbackNames {
    /// The lookup blocks, so it runs on a thread of its own, left behind if
    /// the request times out: the runtime's one thread keeps serving the
    /// other requests in flight, and nothing waits for a hung lookup.
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        let (tx, rx) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || tx.send(resolve_host(&host)));
        Box::pin(async move {
            let addrs = rx.await.map_err(|_| "the name lookup failed")??;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

type LookupResult = std::result::Result<Vec<SocketAddr>, Box<dyn std::error::Error + Send + Sync>>;

fn resolve_host(host: &str) -> LookupResult {
    let addrs: Vec<SocketAddr> = (host, 0).to_socket_addrs()?.collect();
    loopback_only(host, addrs)
}

/// The addresses a lookup of `host` gave, refused when `host` is a
/// `localhost` name and any of them is not loopback.
fn loopback_only(host: &str, addrs: Vec<SocketAddr>) -> LookupResult {
    if is_localhost_name(host)
        && let Some(bad) = addrs.iter().find(|a| !a.ip().is_loopback())
    {
        return Err(format!(
            "{host} resolves to {}, which is not a loopback address",
            bad.ip()
        )
        .into());
    }
    Ok(addrs)
}

fn is_localhost_name(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost")
}

/// Why a body could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The body is larger than [`MAX_BODY`].
    TooLarge,
    /// The connection failed or the timeout passed while reading.
    Transport(reqwest::Error),
}

/// Read a whole body, refusing anything over [`MAX_BODY`] (announced by
/// `Content-Length` or found while reading). The client's timeout covers
/// the body: a server that trickles it fails as a timeout.
pub async fn read_capped(mut response: Response) -> std::result::Result<Vec<u8>, ReadError> {
    if response.content_length().is_some_and(|n| n > MAX_BODY) {
        return Err(ReadError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        body.extend_from_slice(&chunk);
        if body.len() as u64 > MAX_BODY {
            return Err(ReadError::TooLarge);
        }
    }
    Ok(body)
}

/// An error and its sources, joined with `: ` (reqwest hides the useful part
/// — "connection refused", "certificate expired" — in the source chain).
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text.push_str(": ");
            text.push_str(&s_text);
        }
        source = s.source();
    }
    text
}

/// Whether a URL's host is loopback, where plain `http://` is allowed: an
/// address in `127.0.0.0/8` or `::1`, or `localhost` / a name under it that
/// resolves to loopback addresses only (checked again on every connection).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => {
            is_localhost_name(d) && resolve_host(d).is_ok_and(|addrs| !addrs.is_empty())
        }
        _ => is_loopback_literal(url),
    }
}

/// [`is_loopback`] without a lookup (for redirect hops: the resolver checks
/// the addresses of `localhost` names when the hop connects).
fn is_loopback_literal(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => is_localhost_name(d),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Whether an error (or any of its sources) is a timeout.
pub fn is_timeout(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(e);
    while let Some(err) = current {
        if let Some(re) = err.downcast_ref::<reqwest::Error>()
            && re.is_timeout()
        {
            return true;
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            )
        {
            return true;
        }
        current = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for (u, want) in [
            ("http://localhost:8080/x", true),
            ("http://127.0.0.1/", true),
            ("http://127.9.9.9/", true),
            ("http://[::1]:9/", true),
            ("http://128.0.0.1/", false),
            ("http://example.com/", false),
            ("http://localhost.example.com/", false),
        ] {
            assert_eq!(is_loopback(&reqwest::Url::parse(u).unwrap()), want, "{u}");
        }
    }

    #[test]
    fn localhost_names_must_resolve_to_loopback() {
        assert!(is_localhost_name("a.b.LOCALHOST."));
        assert!(!is_localhost_name("notlocalhost"));
        assert!(
            resolve_host("localhost")
                .unwrap()
                .iter()
                .all(|a| a.ip().is_loopback())
        );
        // A name under localhost counts as loopback before any lookup (for
        // redirect hops), and its lookup is refused when it gives any
        // address that is not loopback.
        let sub = reqwest::Url::parse("http://api.localhost/").unwrap();
        assert!(is_loopback_literal(&sub));
        let addr = |a: &str| a.parse::<SocketAddr>().unwrap();
        let public = vec![addr("127.0.0.1:0"), addr("93.184.216.34:0")];
        let err = loopback_only("api.localhost", public.clone()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "api.localhost resolves to 93.184.216.34, which is not a loopback address"
        );
        assert_eq!(
            loopback_only("example.com", public.clone()).unwrap(),
            public
        );
        let local = vec![addr("127.0.0.1:0"), addr("[::1]:0")];
        assert_eq!(
            loopback_only("API.localhost.", local.clone()).unwrap(),
            local
        );
        // A name that is not under localhost resolves as the system says.
        assert!(resolve_host("127.0.0.2").is_ok());
    }
}
