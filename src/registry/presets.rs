//! Auth-provider presets (docs/registry.md, "From a provider preset"): each provider's JWKS URL pattern, its
//! parameters and how each parameter is validated, so `save NAME --provider P
//! --set k=v` builds a URL that cannot be bent to point somewhere else.

use serde::Serialize;

use crate::error::{Error, Result};

/// How a parameter value is checked before it goes into a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A DNS host name (`my-app.clerk.accounts.dev`): no scheme, path or port.
    Host,
    /// An absolute base URL (`https://sso.example.com`): no query or fragment.
    BaseUrl,
    /// One path segment: letters, digits, `_ . -`.
    Segment,
    /// One of a fixed list.
    OneOf(&'static [&'static str]),
}

/// One parameter of a preset.
#[derive(Debug, Clone, Serialize)]
pub struct Param {
    pub name: &'static str,
    #[serde(skip)]
    pub kind: ParamKind,
    pub example: &'static str,
}

/// One provider preset.
#[derive(Debug, Clone, Serialize)]
pub struct Preset {
    pub name: &'static str,
    pub display: &'static str,
    pub url: &'static str,
    pub params: &'static [Param],
    pub notes: &'static str,
}

const fn p(name: &'static str, kind: ParamKind, example: &'static str) -> Param {
    Param {
        name,
        kind,
        example,
    }
}

/// Every preset, in the order `providers` lists them.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "clerk",
        display: "Clerk",
        url: "https://{domain}/.well-known/jwks.json",
        params: &[p("domain", ParamKind::Host, "my-app.clerk.accounts.dev")],
        notes: "domain: the Frontend API host from Clerk's API keys page",
    },
    Preset {
        name: "auth0",
        display: "Auth0",
        url: "https://{domain}/.well-known/jwks.json",
        params: &[p("domain", ParamKind::Host, "my-tenant.us.auth0.com")],
        notes: "audience: the API identifier",
    },
    Preset {
        name: "firebase",
        display: "Firebase Authentication",
        url: "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com",
        params: &[],
        notes: "audience: Firebase project ID; issuer https://securetoken.google.com/<project-id>",
    },
    Preset {
        name: "supabase",
        display: "Supabase Auth",
        url: "https://{project_ref}.supabase.co/auth/v1/.well-known/jwks.json",
        params: &[p("project_ref", ParamKind::Segment, "abcdefghijklmnopqrst")],
        notes: "projects on asymmetric signing keys (legacy HS256 secrets are not published)",
    },
    Preset {
        name: "stytch",
        display: "Stytch",
        url: "https://{environment}.stytch.com/v1/sessions/jwks/{project_id}",
        params: &[
            p("environment", ParamKind::OneOf(&["live", "test"]), "test"),
            p("project_id", ParamKind::Segment, "project-test-1234"),
        ],
        notes: "environment live or test",
    },
    Preset {
        name: "keycloak",
        display: "Keycloak",
        url: "{base_url}/realms/{realm}/protocol/openid-connect/certs",
        params: &[
            p("base_url", ParamKind::BaseUrl, "https://sso.example.com"),
            p("realm", ParamKind::Segment, "myrealm"),
        ],
        notes: "older servers put /auth in base_url",
    },
    Preset {
        name: "cognito",
        display: "Amazon Cognito",
        url: "https://cognito-idp.{region}.amazonaws.com/{user_pool_id}/.well-known/jwks.json",
        params: &[
            p("region", ParamKind::Segment, "us-east-1"),
            p("user_pool_id", ParamKind::Segment, "us-east-1_AbCdEf123"),
        ],
        notes: "",
    },
    Preset {
        name: "azure-ad",
        display: "Microsoft Entra ID (Azure AD)",
        url: "https://login.microsoftonline.com/{tenant_id}/discovery/v2.0/keys",
        params: &[p(
            "tenant_id",
            ParamKind::Segment,
            "00000000-0000-0000-0000-000000000000",
        )],
        notes: "tenant_id: a GUID, a verified domain, or common",
    },
    Preset {
        name: "google",
        display: "Google",
        url: "https://www.googleapis.com/oauth2/v3/certs",
        params: &[],
        notes: "",
    },
    Preset {
        name: "supertokens",
        display: "SuperTokens",
        url: "{core_url}/.well-known/jwks.json",
        params: &[p(
            "core_url",
            ParamKind::BaseUrl,
            "https://core.example.com",
        )],
        notes: "",
    },
    Preset {
        name: "workos",
        display: "WorkOS",
        url: "https://api.workos.com/sso/jwks/{client_id}",
        params: &[p("client_id", ParamKind::Segment, "client_01ABCDEF")],
        notes: "",
    },
];

/// Other names people use for a preset: Microsoft renamed Azure AD to
/// Entra ID.
pub const ALIASES: &[(&str, &str)] = &[("entra", "azure-ad"), ("entra-id", "azure-ad")];

/// The preset called `name` (or one of its [`ALIASES`]); an unknown name
/// lists the presets.
pub fn find(name: &str) -> Result<&'static Preset> {
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, preset)| preset);
    PRESETS.iter().find(|p| p.name == name).ok_or_else(|| {
        let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
        let mut e = Error::usage(format!(
            "unknown provider {name:?}; presets: {}",
            names.join(", ")
        ));
        if let Some(close) = names
            .iter()
            .find(|n| strsim::damerau_levenshtein(n, &name.to_lowercase()) <= 2)
        {
            e = e.with_hint(format!("did you mean {close}?"));
        }
        e
    })
}

/// Why a preset's URL could not be built from the given parameters. The
/// command layer words these for its flags (`--set KEY=VALUE`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PresetError {
    /// An item that is not `KEY=VALUE`.
    #[error("{0:?}: expected KEY=VALUE")]
    NotAPair(String),
    /// A parameter the preset does not have.
    #[error("provider {provider} has no parameter {key:?}; {params}")]
    UnknownParam {
        provider: &'static str,
        key: String,
        params: String,
    },
    /// The same parameter twice.
    #[error("{0}=… is given twice")]
    Twice(String),
    /// Parameters without a value; `example` gives every parameter one.
    #[error("provider {provider} needs {}", missing.join(" and "))]
    Missing {
        provider: &'static str,
        missing: Vec<&'static str>,
        example: Vec<(&'static str, &'static str)>,
    },
    /// A value the parameter's rule refuses.
    #[error("invalid {param} {value:?}: {why}")]
    Invalid {
        param: &'static str,
        value: String,
        why: String,
        example: &'static str,
    },
}

impl Preset {
    /// The URL with every `{param}` replaced by its validated value.
    /// `values` are `KEY=VALUE` items, unparsed.
    pub fn build_url(&self, values: &[String]) -> std::result::Result<String, PresetError> {
        let mut given: Vec<(&str, &str)> = Vec::new();
        for item in values {
            let (key, value) = item
                .split_once('=')
                .ok_or_else(|| PresetError::NotAPair(item.clone()))?;
            let key = key.trim();
            if !self.params.iter().any(|p| p.name == key) {
                return Err(PresetError::UnknownParam {
                    provider: self.name,
                    key: key.to_string(),
                    params: self.param_list(),
                });
            }
            if given.iter().any(|(k, _)| *k == key) {
                return Err(PresetError::Twice(key.to_string()));
            }
            given.push((key, value));
        }
        let missing: Vec<&'static str> = self
            .params
            .iter()
            .filter(|p| !given.iter().any(|(k, _)| *k == p.name))
            .map(|p| p.name)
            .collect();
        if !missing.is_empty() {
            return Err(PresetError::Missing {
                provider: self.name,
                missing,
                example: self.params.iter().map(|p| (p.name, p.example)).collect(),
            });
        }
        let mut url = self.url.to_string();
        for param in self.params {
            let raw = given
                .iter()
                .find(|(k, _)| *k == param.name)
                .map(|(_, v)| *v)
                .unwrap_or_default();
            let value = check_param(param, raw)?;
            url = url.replace(&format!("{{{}}}", param.name), &value);
        }
        Ok(url)
    }

    fn param_list(&self) -> String {
        if self.params.is_empty() {
            "it takes none".to_string()
        } else {
            format!(
                "its parameters: {}",
                self.params
                    .iter()
                    .map(|p| p.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

fn check_param(param: &Param, value: &str) -> std::result::Result<String, PresetError> {
    let bad = |why: &str| PresetError::Invalid {
        param: param.name,
        value: value.to_string(),
        why: why.to_string(),
        example: param.example,
    };
    match param.kind {
        ParamKind::Host => {
            let host = value.trim().trim_end_matches('.');
            let label_ok = |l: &str| {
                !l.is_empty()
                    && l.len() <= 63
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !l.starts_with('-')
                    && !l.ends_with('-')
            };
            if host.contains("://") {
                return Err(bad("give the host name only, without https://"));
            }
            if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
                return Err(bad("expected a host name such as my-app.example.com"));
            }
            if !host.contains('.') {
                return Err(bad("expected a fully qualified host name"));
            }
            Ok(host.to_ascii_lowercase())
        }
        ParamKind::BaseUrl => {
            let url = url::Url::parse(value.trim())
                .map_err(|_| bad("expected an absolute https:// URL"))?;
            if !matches!(url.scheme(), "https" | "http") || url.host().is_none() {
                return Err(bad("expected an absolute https:// URL"));
            }
            if url.query().is_some() || url.fragment().is_some() {
                return Err(bad("a base URL has no ?query or #fragment"));
            }
            if !url.username().is_empty() || url.password().is_some() {
                return Err(bad("no credentials in the URL"));
            }
            Ok(url.as_str().trim_end_matches('/').to_string())
        }
        ParamKind::Segment => {
            let ok = !value.is_empty()
                && value.len() <= 128
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
                && value != "."
                && value != "..";
            if ok {
                Ok(value.to_string())
            } else {
                Err(bad("letters, digits, '_', '.' and '-' only"))
            }
        }
        ParamKind::OneOf(values) => {
            if values.contains(&value) {
                Ok(value.to_string())
            } else {
                Err(bad(&format!("expected one of {}", values.join(", "))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn builds_urls() {
        assert_eq!(PRESETS.len(), 11);
        assert_eq!(
            find("clerk")
                .unwrap()
                .build_url(&set(&["domain=my-app.clerk.accounts.dev"]))
                .unwrap(),
            "https://my-app.clerk.accounts.dev/.well-known/jwks.json"
        );
        assert_eq!(
            find("keycloak")
                .unwrap()
                .build_url(&set(&[
                    "base_url=https://sso.example.com/auth/",
                    "realm=r1"
                ]))
                .unwrap(),
            "https://sso.example.com/auth/realms/r1/protocol/openid-connect/certs"
        );
        assert_eq!(
            find("google").unwrap().build_url(&[]).unwrap(),
            "https://www.googleapis.com/oauth2/v3/certs"
        );
    }

    #[test]
    fn refuses_bent_values() {
        let clerk = find("clerk").unwrap();
        for bad in [
            "domain=https://evil.example/x",
            "domain=evil.example/x",
            "domain=evil.example:443",
            "domain=evil.example#",
            "domain=localhost",
            "domain=",
        ] {
            assert!(clerk.build_url(&set(&[bad])).is_err(), "{bad}");
        }
        assert_eq!(
            clerk.build_url(&[]).unwrap_err(),
            PresetError::Missing {
                provider: "clerk",
                missing: vec!["domain"],
                example: vec![("domain", "my-app.clerk.accounts.dev")],
            }
        );
        assert!(clerk.build_url(&set(&["tenant=x"])).is_err());
        let cognito = find("cognito").unwrap();
        assert!(
            cognito
                .build_url(&set(&["region=us-east-1", "user_pool_id=../../x"]))
                .is_err()
        );
        let e = cognito.build_url(&set(&["region=us-east-1"])).unwrap_err();
        assert!(e.to_string().contains("user_pool_id"), "{e}");
        assert!(
            find("clerck")
                .unwrap_err()
                .hint()
                .unwrap()
                .contains("clerk")
        );
    }
}
