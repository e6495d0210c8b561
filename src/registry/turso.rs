//! A client for the JWKS part of the Turso Platform API (docs/registry.md, "Your Turso
//! organization as the registry"): list, save, remove and template, with the exact methods, paths,
//! bodies and headers `turso org jwks` uses. The API token is held in a
//! [`Secret`] and never appears in output, logs or errors.

use std::time::{Duration, Instant};

use reqwest::Method;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use reqwest::{StatusCode, Url};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Entry, Registry, Saved};
use crate::claims::{Resource, Scope, Table, Template};
use crate::error::{Error, Result};
use crate::http::{self, Client, ReadError};
use crate::notice::{Notice, Notices};
use crate::secret::Secret;

/// One saved JWKS endpoint as the API lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct RemoteJwks {
    pub jwks_name: String,
    pub jwks_url: String,
}

#[derive(Deserialize)]
struct ListResponse {
    #[serde(default)]
    jwks: Vec<RemoteJwks>,
}

/// `bytes` received from the API with every copy of the API token (so
/// `Bearer <token>` too) replaced by `[redacted]`: a server or proxy that
/// echoes the request back must not make jwksctl print the token — in an
/// error, a `-v` body, a listed name or URL, or a template.
fn redact(bytes: Vec<u8>, token: &str) -> Vec<u8> {
    let token = token.as_bytes();
    if token.is_empty() || bytes.len() < token.len() {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(token) {
            out.extend_from_slice(b"[redacted]");
            i += token.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// The template request body (`turso org jwks template`'s shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateBody {
    pub database: Option<String>,
    pub group: Option<String>,
    pub scope: &'static str,
    pub permissions: Vec<PermissionBody>,
}

/// One `permissions` entry: `t` null means every table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PermissionBody {
    pub t: Option<Vec<String>>,
    pub a: Vec<&'static str>,
}

impl TemplateBody {
    /// The body for a validated turso-dialect template; `None` for libsql,
    /// which the Platform API does not make.
    pub fn from_template(template: &Template) -> Option<Self> {
        let Template::Turso {
            resource,
            scope,
            rules,
        } = template
        else {
            return None;
        };
        let (database, group) = match resource {
            Resource::Database(d) => (Some(d.clone()), None),
            Resource::Group(g) => (None, Some(g.clone())),
        };
        let scope = match scope {
            Scope::FullAccess => "full-access",
            Scope::ReadOnly => "read-only",
        };
        let permissions = rules
            .iter()
            .map(|r| PermissionBody {
                t: match &r.table {
                    Table::All => None,
                    Table::Named(t) => Some(vec![t.clone()]),
                },
                a: r.actions.iter().map(|a| a.as_str()).collect(),
            })
            .collect();
        Some(TemplateBody {
            database,
            group,
            scope,
            permissions,
        })
    }
}

/// Check a Turso Platform API base URL: `https://`, or `http://` to a
/// loopback address (a local stand-in); never with credentials, which would
/// travel with every request. Errors never repeat the URL's user or password.
pub fn validate_api_url(text: &str) -> Result<Url> {
    let invalid = || {
        Error::usage("invalid Turso API URL: expected an absolute https:// URL")
            .with_hint("check the api_url setting (`jwksctl config show` says where it comes from)")
    };
    let url = Url::parse(text.trim()).map_err(|_| invalid())?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::usage(
            "refusing a Turso API URL with credentials in it (user:password@): the API token is the only credential sent",
        )
        .with_hint("remove them from the api_url setting (`jwksctl config show` says where it comes from)"));
    }
    if url.host().is_none() {
        return Err(invalid());
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if http::is_loopback(&url) => Ok(url),
        "http" => Err(Error::usage(format!(
            "refusing plain http:// for the Turso API at {}: the API token would travel unencrypted",
            url.host_str().unwrap_or("this host")
        ))
        .with_hint("use https:// (plain http is accepted only for a loopback stand-in)")),
        _ => Err(invalid()),
    }
}

/// A client bound to one organization.
pub struct TursoApi<'a> {
    client: Client,
    base: Url,
    org: String,
    token: Secret<String>,
    timeout: Duration,
    /// Where the requests and answers are told (`-v` details); the
    /// command layer words and prints them.
    notices: &'a dyn Notices,
    /// The hint for a refused token (401/403), when the caller knows better
    /// than the generic one where the token came from.
    refused_hint: Option<String>,
}

impl<'a> TursoApi<'a> {
    /// `base_url` must be an absolute http(s) URL; `org` and `token` non-empty
    /// (callers check presence first so that nothing is sent without them).
    pub fn new(
        client: Client,
        base_url: &str,
        org: &str,
        token: Secret<String>,
        timeout: Duration,
        notices: &'a dyn Notices,
    ) -> Result<Self> {
        let base = validate_api_url(base_url)?;
        Ok(TursoApi {
            client,
            base,
            org: org.to_string(),
            token,
            timeout,
            notices,
            refused_hint: None,
        })
    }

    /// Give a refused token (401/403) this hint instead of the generic one.
    pub fn with_refused_hint(mut self, hint: impl Into<String>) -> Self {
        self.refused_hint = Some(hint.into());
        self
    }

    /// Address this organization from now on.
    pub fn set_org(&mut self, org: &str) {
        self.org = org.to_string();
    }

    /// The slug of the token's personal organization, for a Turso CLI login
    /// whose `organization` is empty: `GET /v2/organizations`, the one of
    /// type `personal`. tursodatabase/turso-cli@e149f69
    /// `internal/turso/organizations.go` (`List`: `GET /v2/organizations`,
    /// `{"organizations":[{"slug","type",…}]}`) and `internal/cmd/org.go`
    /// (`isCurrentOrg`: type `personal` when the setting is `""`;
    /// `currentOrg`: requests then use `org.Slug`).
    pub fn personal_org(&self) -> Result<String> {
        let mut url = self.base.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().extend(["v2", "organizations"]);
        }
        let body = self.send(Method::GET, url, None::<&()>)?;
        #[derive(Deserialize)]
        struct Org {
            #[serde(default)]
            slug: String,
            #[serde(default, rename = "type")]
            kind: String,
        }
        #[derive(Deserialize)]
        struct Orgs {
            #[serde(default)]
            organizations: Vec<Org>,
        }
        let orgs: Orgs = serde_json::from_slice(&body).map_err(|e| {
            Error::unreachable(format!(
                "the Turso API sent an unreadable organization list: {e}"
            ))
        })?;
        orgs.organizations
            .into_iter()
            .find(|o| o.kind == "personal" && !o.slug.is_empty())
            .map(|o| o.slug)
            .ok_or_else(|| {
                Error::failure("the Turso API lists no personal organization for this token")
            })
    }

    /// `base/v2/organizations/{org}/…`, each segment percent-encoded. A
    /// segment that would move in the path (`.`, `..`, empty) is refused, so
    /// no name or slug can address another resource than the one it names.
    fn url(&self, tail: &[&str]) -> Result<Url> {
        for segment in std::iter::once(self.org.as_str()).chain(tail.iter().copied()) {
            if segment.is_empty() || crate::registry::is_dot_segment(segment) {
                return Err(Error::usage(format!(
                    "{segment:?} cannot be an organization or entry name: it is a path step in a URL"
                )));
            }
        }
        let mut url = self.base.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments
                .pop_if_empty()
                .extend(["v2", "organizations", self.org.as_str()])
                .extend(tail);
        }
        Ok(url)
    }

    fn send(&self, method: Method, url: Url, body: Option<&impl Serialize>) -> Result<Vec<u8>> {
        self.exchange(method, url, body)?
            .map_err(|failure| self.failure_error(failure))
    }

    /// The API's failure as an error; a refused token gets the hint the
    /// token's origin calls for (`turso auth login` for the Turso CLI's).
    fn failure_error(&self, failure: ApiFailure) -> Error {
        let refused = matches!(failure.status.as_u16(), 401 | 403);
        let error: Error = failure.into();
        match &self.refused_hint {
            Some(hint) if refused => error.with_hint(hint.clone()),
            _ => error,
        }
    }

    /// One request: the body of a 2xx answer, or the API's failure kept
    /// typed for a caller that treats one status apart (`remove`'s 404).
    fn exchange(
        &self,
        method: Method,
        url: Url,
        body: Option<&impl Serialize>,
    ) -> Result<std::result::Result<Vec<u8>, ApiFailure>> {
        let auth =
            HeaderValue::from_str(&format!("Bearer {}", self.token.expose())).map_err(|_| {
                Error::usage("the API token contains characters not allowed in an HTTP header")
                    .with_hint("check JWKSCTL_API_TOKEN / TURSO_API_TOKEN")
            })?;
        let mut request = self
            .client
            .request(method.clone(), url.clone())
            .header(AUTHORIZATION, auth)
            .header(ACCEPT, "application/json");
        if let Some(body) = body {
            let json = serde_json::to_vec(body)
                .map_err(|e| Error::failure(format!("cannot encode request: {e}")))?;
            request = request.header(CONTENT_TYPE, "application/json").body(json);
        }
        let started = Instant::now();
        let response = self
            .client
            .block_on(async { request.send().await })
            .map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        self.notices.notice(Notice::ApiAnswered {
            method: method.clone(),
            url: url.clone(),
            status: status.as_u16(),
            millis: started.elapsed().as_millis(),
        });
        if status.is_redirection() {
            // The API client follows no redirect: the token must never reach
            // another host, nor a body be replayed to one.
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(|l| redact(l.as_bytes().to_vec(), self.token.expose()))
                .map(|l| crate::output::escape(&String::from_utf8_lossy(&l)).into_owned())
                .unwrap_or_else(|| "nowhere".to_string());
            return Err(Error::failure(format!(
                "the Turso API answered {} with a redirect to {location}; jwksctl does not follow redirects with your API token",
                status.as_u16()
            ))
            .with_hint("check the api_url setting (`jwksctl config show` says where it comes from)"));
        }
        let body = match self.client.block_on(http::read_capped(response)) {
            Ok(body) => redact(body, self.token.expose()),
            Err(ReadError::TooLarge) => {
                return Err(Error::unreachable(format!(
                    "the Turso API sent more than {} bytes",
                    http::MAX_BODY
                )));
            }
            Err(ReadError::Transport(e)) => return Err(self.transport_error(&e)),
        };
        if status.is_success() {
            Ok(Ok(body))
        } else {
            let failure = ApiFailure { status, body };
            if !failure.is_json_error() && !failure.body.is_empty() {
                // A page from a proxy or load balancer: the summary is in
                // the error; the whole body only for whoever asked (-v).
                self.notices.notice(Notice::ApiErrorBody {
                    status: status.as_u16(),
                    body: String::from_utf8_lossy(&failure.body).into_owned(),
                });
            }
            Ok(Err(failure))
        }
    }

    fn timed_out(&self) -> Error {
        let host = self.base.host_str().unwrap_or("the API");
        Error::unreachable(format!(
            "the Turso API at {host} did not answer within {}",
            crate::duration::exact(self.timeout)
        ))
        .with_hint("raise the timeout setting, or check the API URL")
    }

    fn transport_error(&self, e: &(dyn std::error::Error + 'static)) -> Error {
        if http::is_timeout(e) {
            self.timed_out()
        } else {
            Error::unreachable(format!(
                "cannot reach the Turso API at {}: {}",
                self.base,
                http::chain(e)
            ))
            .with_cause(e)
        }
    }

    /// `GET /v2/organizations/{org}/jwks`.
    pub fn list(&self) -> Result<Vec<RemoteJwks>> {
        let body = self.send(Method::GET, self.url(&["jwks"])?, None::<&()>)?;
        let parsed: ListResponse = serde_json::from_slice(&body).map_err(|e| {
            Error::unreachable(format!("the Turso API sent an unreadable JWKS list: {e}"))
        })?;
        Ok(parsed.jwks)
    }

    /// `PUT /v2/organizations/{org}/jwks/{name}` with `{"jwks_url":…}`.
    pub fn save(&self, name: &str, url: &str) -> Result<()> {
        let body = serde_json::json!({ "jwks_url": url });
        self.send(Method::PUT, self.url(&["jwks", name])?, Some(&body))?;
        Ok(())
    }

    /// `DELETE /v2/organizations/{org}/jwks/{name}`. A 404 for a name the
    /// organization's listing does not have is an unknown name, with the
    /// names that exist and the closest one, as the local registry says it.
    pub fn remove(&self, name: &str) -> Result<()> {
        match self.exchange(Method::DELETE, self.url(&["jwks", name])?, None::<&()>)? {
            Ok(_) => Ok(()),
            Err(failure) if failure.status == StatusCode::NOT_FOUND => match TursoApi::list(self) {
                Ok(listed) if !listed.iter().any(|j| j.jwks_name == name) => {
                    let names: Vec<String> = listed.into_iter().map(|j| j.jwks_name).collect();
                    Err(super::unknown_name(name, &names, &self.describe()))
                }
                // The organization itself is missing, or the name is there
                // after all: the API's own answer says more.
                _ => Err(self.failure_error(failure)),
            },
            Err(failure) => Err(self.failure_error(failure)),
        }
    }

    /// `POST /v2/organizations/{org}/jwks-template` (retried as `GET` with the
    /// same body on 405, as older servers want). Returns the `template` value
    /// as the server wrote it, compacted.
    pub fn template(&self, body: &TemplateBody) -> Result<String> {
        let url = self.url(&["jwks-template"])?;
        // Decided by the answer's status, kept typed, never by an error's text.
        let raw = match self.exchange(Method::POST, url.clone(), Some(body))? {
            Ok(raw) => raw,
            Err(failure) if failure.status == StatusCode::METHOD_NOT_ALLOWED => {
                self.notices.notice(Notice::ApiRetryAsGet);
                self.send(Method::GET, url, Some(body))?
            }
            Err(failure) => return Err(self.failure_error(failure)),
        };
        #[derive(Deserialize)]
        struct TemplateResponse<'a> {
            #[serde(borrow)]
            template: &'a serde_json::value::RawValue,
        }
        let parsed: TemplateResponse = serde_json::from_slice(&raw).map_err(|e| {
            Error::unreachable(format!("the Turso API sent an unreadable template: {e}"))
        })?;
        Ok(compact_json(parsed.template.get()))
    }
}

impl Registry for TursoApi<'_> {
    fn describe(&self) -> String {
        format!("Turso organization {}", self.org)
    }

    fn list(&self) -> Result<Vec<Entry>> {
        let mut entries: Vec<Entry> = TursoApi::list(self)?
            .into_iter()
            .map(|j| Entry {
                name: j.jwks_name,
                url: j.jwks_url,
                meta: None,
            })
            .collect();
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    fn save(&self, name: &str, url: &str, _provider: Option<&str>) -> Result<Saved> {
        TursoApi::save(self, name, url)?;
        Ok(Saved::Upserted)
    }

    fn remove(&self, name: &str) -> Result<()> {
        TursoApi::remove(self, name)
    }

    fn template(&self, template: &Template) -> Result<Option<String>> {
        match TemplateBody::from_template(template) {
            Some(body) => TursoApi::template(self, &body).map(Some),
            None => Err(
                Error::usage("the Turso Platform API makes turso-dialect templates only")
                    .with_hint("libSQL templates are rendered locally, without the API"),
            ),
        }
    }
}

/// A non-2xx answer.
struct ApiFailure {
    status: StatusCode,
    body: Vec<u8>,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: Value,
}

impl ApiFailure {
    /// The API's own `{"error": "…"}`, when the body is that.
    fn json_error(&self) -> Option<String> {
        serde_json::from_slice::<ErrorBody>(&self.body)
            .ok()
            .map(|b| match b.error {
                Value::String(s) => s,
                other => other.to_string(),
            })
            .filter(|m| !m.trim().is_empty())
    }

    fn is_json_error(&self) -> bool {
        self.json_error().is_some()
    }

    /// One line for any other body: an HTML page's `<title>` (or its
    /// text), else the first line, at most 100 characters; the status's
    /// reason when there is nothing.
    fn summary(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let lower = text.to_ascii_lowercase();
        let html = lower.contains("<html") || lower.contains("<!doctype html");
        let title = html
            .then(|| {
                let start = lower.find("<title")?;
                let open = start + lower[start..].find('>')? + 1;
                let close = open + lower[open..].find("</title")?;
                Some(text[open..close].to_string())
            })
            .flatten();
        let line = match title {
            Some(t) => t,
            None if html => strip_tags(&text),
            None => text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .to_string(),
        };
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut line: String = line.chars().take(100).collect();
        if line.chars().count() == 100 {
            line.push('…');
        }
        if line.is_empty() {
            self.status
                .canonical_reason()
                .unwrap_or("no message")
                .to_string()
        } else {
            line
        }
    }
}

/// The text of an HTML fragment, tags removed.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

impl From<ApiFailure> for Error {
    fn from(f: ApiFailure) -> Error {
        let message = f.json_error().unwrap_or_else(|| f.summary());
        let message = format!("Turso API {}: {}", f.status.as_u16(), message.trim());
        if f.status.is_server_error() {
            Error::unreachable(message)
        } else if matches!(f.status.as_u16(), 401 | 403) {
            Error::failure(message).with_hint(
                "check the API token in JWKSCTL_API_TOKEN or TURSO_API_TOKEN (create one with `turso auth api-tokens mint jwksctl`) and that it can access the organization",
            )
        } else {
            Error::failure(message)
        }
    }
}

/// JSON text with insignificant white space removed, members in the order written.
pub fn compact_json(text: &str) -> String {
    relayout_json(text, false)
}

/// Indented JSON (two spaces, as serde_json prints it) with the members in the
/// order written — the server's order is part of "printed unchanged".
pub fn pretty_json(text: &str) -> String {
    relayout_json(text, true)
}

/// Re-lay out JSON text without parsing it into a map (which would sort the
/// members, and rewrite escapes and numbers): drop white space outside
/// strings, and with `pretty` add line breaks and indentation. Empty
/// containers stay `[]` / `{}`. (serde_json's `preserve_order` would keep
/// the order, but it is global to the build: every map jwksctl prints
/// sorted today — `-o json` objects, decoded claims, templates — would
/// change order with it.)
fn relayout_json(text: &str, pretty: bool) -> String {
    let mut out = String::with_capacity(text.len() * if pretty { 2 } else { 1 });
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        if pretty {
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
                if matches!(chars.peek(), Some('}' | ']')) {
                    if let Some(close) = chars.next() {
                        out.push(close);
                    }
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' if pretty => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    // The template request's fallback to GET (on a 405 only) is tested
    // against the loopback stand-ins in tests/it/turso.rs.
    use super::*;
    use crate::claims::TemplateInput;

    #[test]
    fn compacting_keeps_order_and_strings() {
        assert_eq!(
            compact_json("{ \"z\" : 1,\n \"a\": \"x y \\\" }\" }"),
            "{\"z\":1,\"a\":\"x y \\\" }\"}"
        );
    }

    #[test]
    fn pretty_keeps_order_and_matches_serde() {
        let text = r#"{"z":1,"a":{"k":[1,{"q":"x,:{"}],"e":[],"o":{}},"s":"\\\"}"}"#;
        let pretty = pretty_json(text);
        assert!(pretty.find("\"z\"").unwrap() < pretty.find("\"a\"").unwrap());
        let reparsed: Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(reparsed, serde_json::from_str::<Value>(text).unwrap());
        let sorted = r#"{"a":[1,2],"b":{"c":null,"d":[]}}"#;
        assert_eq!(
            pretty_json(sorted),
            serde_json::to_string_pretty(&serde_json::from_str::<Value>(sorted).unwrap()).unwrap()
        );
    }

    #[test]
    fn received_text_never_carries_the_token() {
        let body = br#"{"error":"bad Authorization: Bearer tok-1 (tok-1)"}"#.to_vec();
        assert_eq!(
            redact(body, "tok-1"),
            br#"{"error":"bad Authorization: Bearer [redacted] ([redacted])"}"#
        );
        assert_eq!(redact(b"tok".to_vec(), "tok-1"), b"tok");
        assert_eq!(
            redact(b"xtok-1tok-1".to_vec(), "tok-1"),
            b"x[redacted][redacted]"
        );
    }

    #[test]
    fn template_body_shape() {
        let input = TemplateInput {
            databases: vec!["mydb".into()],
            permissions: vec!["all:data_read".into(), "comments:data_add".into()],
            ..Default::default()
        };
        let body = TemplateBody::from_template(&Template::from_input(&input).unwrap()).unwrap();
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"database":"mydb","group":null,"scope":"full-access","permissions":[{"t":null,"a":["data_read"]},{"t":["comments"],"a":["data_add"]}]}"#
        );
    }

    #[test]
    fn error_bodies() {
        let e: Error = ApiFailure {
            status: StatusCode::NOT_FOUND,
            body: br#"{"error":"jwks not found"}"#.to_vec(),
        }
        .into();
        assert_eq!(e.message(), "Turso API 404: jwks not found");
        assert_eq!(e.kind().exit_code(), 1);
        let e: Error = ApiFailure {
            status: StatusCode::BAD_GATEWAY,
            body: b"".to_vec(),
        }
        .into();
        assert_eq!(e.message(), "Turso API 502: Bad Gateway");
        assert_eq!(e.kind().exit_code(), 3);
        let e: Error = ApiFailure {
            status: StatusCode::UNAUTHORIZED,
            body: b"nope".to_vec(),
        }
        .into();
        assert!(e.hint().unwrap().contains("TURSO_API_TOKEN"));
        // An HTML error page: its title, one line; never the markup.
        let page = b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title>\n<style>body{}</style></head>\n<body><h1>502</h1><p>cloudflare</p></body></html>";
        let e: Error = ApiFailure {
            status: StatusCode::BAD_GATEWAY,
            body: page.to_vec(),
        }
        .into();
        assert_eq!(e.message(), "Turso API 502: 502 Bad Gateway");
        let e: Error = ApiFailure {
            status: StatusCode::FORBIDDEN,
            body: b"<html><body><h1>Forbidden</h1>\n<p>by policy</p></body></html>".to_vec(),
        }
        .into();
        assert_eq!(e.message(), "Turso API 403: Forbidden by policy");
        let long = "x".repeat(300);
        let e: Error = ApiFailure {
            status: StatusCode::BAD_REQUEST,
            body: format!("{long}\nsecond line").into_bytes(),
        }
        .into();
        assert_eq!(e.message(), format!("Turso API 400: {}…", "x".repeat(100)));
    }
}
