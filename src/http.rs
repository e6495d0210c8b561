//! The one place an HTTP client is built (SPEC §4 "JWKS fetching"): the
//! timeout, at most five redirects and never from `https` to `http`, the user
//! agent, and bodies read with a 1 MiB cap. Every network call of jwksctl —
//! JWKS endpoints, OIDC discovery, the Turso Platform API — goes through here.

use std::io::Read;
use std::time::Duration;

use reqwest::blocking::{Client, Response};
use reqwest::redirect::Policy;

use crate::error::{Error, Result};

/// Largest body jwksctl reads from any server.
pub const MAX_BODY: u64 = 1024 * 1024;

/// Most redirects followed.
pub const MAX_REDIRECTS: usize = 5;

/// `jwksctl/<version>`.
pub const USER_AGENT: &str = concat!("jwksctl/", env!("CARGO_PKG_VERSION"));

/// A blocking client with jwksctl's limits; `timeout` bounds each whole request.
pub fn client(timeout: Duration) -> Result<Client> {
    let policy = Policy::custom(|attempt| {
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error(format!("more than {MAX_REDIRECTS} redirects"));
        }
        let downgrade = attempt.url().scheme() == "http"
            && attempt.previous().iter().any(|u| u.scheme() == "https");
        if downgrade {
            let target = attempt.url().to_string();
            attempt.error(format!("refused a redirect from https to http ({target})"))
        } else {
            attempt.follow()
        }
    });
    Client::builder()
        .user_agent(USER_AGENT)
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(policy)
        .build()
        .map_err(|e| Error::failure(format!("cannot set up the HTTP client: {}", chain(&e))))
}

/// Why a body could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The body is larger than [`MAX_BODY`].
    TooLarge,
    /// The connection failed or timed out while reading.
    Io(std::io::Error),
}

/// Read a whole body, refusing anything over [`MAX_BODY`] (announced by
/// `Content-Length` or found while reading).
pub fn read_capped(response: Response) -> std::result::Result<Vec<u8>, ReadError> {
    if response.content_length().is_some_and(|n| n > MAX_BODY) {
        return Err(ReadError::TooLarge);
    }
    let mut body = Vec::new();
    let mut limited = response.take(MAX_BODY + 1);
    match limited.read_to_end(&mut body) {
        Ok(_) if body.len() as u64 > MAX_BODY => Err(ReadError::TooLarge),
        Ok(_) => Ok(body),
        Err(e) => Err(ReadError::Io(e)),
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

/// Whether `host` is a loopback host (`localhost`, `127.0.0.0/8`, `::1`),
/// where plain `http://` is allowed.
pub fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => {
            d.eq_ignore_ascii_case("localhost") || d.to_ascii_lowercase().ends_with(".localhost")
        }
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
}
