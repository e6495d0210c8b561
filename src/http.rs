//! The one place an HTTP client is built: the timeout (a wall-clock deadline
//! for the whole request, body included), the redirect policy, the user
//! agent, no `Referer`, bodies read with a 1 MiB cap, and names under
//! `localhost` that must resolve to loopback addresses. Every network call of
//! jwksctl — JWKS endpoints, OIDC discovery, the Turso Platform API — goes
//! through here.
//!
//! Two clients: [`client`] for public documents (JWKS, discovery) follows at
//! most five redirects, never from `https` to `http`, and to plain `http`
//! only on loopback (unless the first URL was already plain http, which the
//! caller allowed explicitly); [`api_client`] for requests that carry a
//! credential follows none, so a token can never reach a second host.

use std::io::Read;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Response};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::redirect::Policy;

use crate::error::{Error, Result};

/// Largest body jwksctl reads from any server.
pub const MAX_BODY: u64 = 1024 * 1024;

/// Most redirects followed.
pub const MAX_REDIRECTS: usize = 5;

/// `jwksctl/<version>`.
pub const USER_AGENT: &str = concat!("jwksctl/", env!("CARGO_PKG_VERSION"));

/// A blocking client for public documents, with jwksctl's limits: see the
/// module documentation for the redirect rules. `timeout` bounds connecting
/// and the response head; [`read_capped`] bounds the body to the same deadline.
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

/// A blocking client for an API that carries a credential: it follows no
/// redirect (a 3xx comes back as the response, for the caller to refuse).
pub fn api_client(timeout: Duration) -> Result<Client> {
    build(builder(timeout).redirect(Policy::none()))
}

fn build(builder: reqwest::blocking::ClientBuilder) -> Result<Client> {
    builder
        .build()
        .map_err(|e| Error::failure(format!("cannot set up the HTTP client: {}", chain(&e))))
}

fn builder(timeout: Duration) -> reqwest::blocking::ClientBuilder {
    Client::builder()
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
    /// The lookup blocks, so it runs on a thread of its own: the client's
    /// one runtime thread keeps serving the other requests in flight (the
    /// concurrent JWKS fetches), as reqwest's own resolver does.
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        let lookup = Lookup::default();
        let done = lookup.clone();
        std::thread::spawn(move || done.finish(resolve_host(&host)));
        Box::pin(lookup)
    }
}

type LookupResult = std::result::Result<Vec<SocketAddr>, Box<dyn std::error::Error + Send + Sync>>;

/// A lookup running on its own thread, as a future.
#[derive(Clone, Default)]
struct Lookup(Arc<std::sync::Mutex<LookupState>>);

#[derive(Default)]
struct LookupState {
    result: Option<LookupResult>,
    waker: Option<std::task::Waker>,
}

impl Lookup {
    fn finish(&self, result: LookupResult) {
        let waker = match self.0.lock() {
            Ok(mut state) => {
                state.result = Some(result);
                state.waker.take()
            }
            Err(_) => None,
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl std::future::Future for Lookup {
    type Output = std::result::Result<Addrs, Box<dyn std::error::Error + Send + Sync>>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let Ok(mut state) = self.0.lock() else {
            return std::task::Poll::Ready(Err("the name lookup failed".into()));
        };
        match state.result.take() {
            Some(result) => {
                std::task::Poll::Ready(result.map(|addrs| Box::new(addrs.into_iter()) as Addrs))
            }
            None => {
                state.waker = Some(cx.waker().clone());
                std::task::Poll::Pending
            }
        }
    }
}

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
    /// The deadline passed before the whole body arrived.
    Timeout,
    /// The connection failed while reading.
    Io(std::io::Error),
}

/// Read a whole body before `deadline`, refusing anything over [`MAX_BODY`]
/// (announced by `Content-Length` or found while reading). A server that
/// trickles its body cannot hold the process past the deadline: the reading
/// happens on a helper thread that is abandoned (and stops at its next read)
/// when the deadline passes.
pub fn read_capped(
    response: Response,
    deadline: Instant,
) -> std::result::Result<Vec<u8>, ReadError> {
    if response.content_length().is_some_and(|n| n > MAX_BODY) {
        return Err(ReadError::TooLarge);
    }
    let abandoned = Arc::new(AtomicBool::new(false));
    let stop = abandoned.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut response = response;
        let mut body = Vec::new();
        let mut chunk = [0u8; 16 * 1024];
        let result = loop {
            if stop.load(Ordering::Relaxed) {
                break Err(ReadError::Timeout);
            }
            match response.read(&mut chunk) {
                Ok(0) => break Ok(body),
                Ok(n) => {
                    body.extend_from_slice(&chunk[..n]);
                    if body.len() as u64 > MAX_BODY {
                        break Err(ReadError::TooLarge);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => break Err(ReadError::Io(e)),
            }
        };
        let _ = tx.send(result);
    });
    let remaining = deadline.saturating_duration_since(Instant::now());
    match rx.recv_timeout(remaining) {
        Ok(result) => result,
        Err(_) => {
            abandoned.store(true, Ordering::Relaxed);
            Err(ReadError::Timeout)
        }
    }
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
pub fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => {
            is_localhost_name(d) && resolve_host(d).is_ok_and(|addrs| !addrs.is_empty())
        }
        _ => is_loopback_literal(url),
    }
}

/// [`is_loopback`] without a lookup (for redirect hops: the resolver checks
/// the addresses of `localhost` names when the hop connects).
fn is_loopback_literal(url: &reqwest::Url) -> bool {
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
