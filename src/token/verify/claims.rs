//! The claim checks of the verifier (docs/tokens.md, "token verify"): `exp` and `nbf` with
//! the leeway or at `--at`, `aud`, `iss`, `sub`, required claims.

use serde_json::{Map, Value};

use super::{Reason, Verdict, Verifier};
use crate::token::describe::{numeric_date, relative, rfc3339};

/// A registered claim of the wrong JSON type (RFC 7519 4.1): `iss`, `sub`
/// and `jti` are strings, `aud` a string or an array of strings. Another
/// reader would refuse it or read it otherwise, so it is malformed here.
fn mistyped_claim(claims: &Map<String, Value>) -> Option<String> {
    for name in ["iss", "sub", "jti"] {
        if claims.get(name).is_some_and(|v| !v.is_string()) {
            return Some(format!("claim {name} must be a string (RFC 7519 4.1)"));
        }
    }
    let aud_ok = match claims.get("aud") {
        None | Some(Value::String(_)) => true,
        Some(Value::Array(list)) => list.iter().all(Value::is_string),
        Some(_) => false,
    };
    (!aud_ok).then(|| "claim aud must be a string or an array of strings (RFC 7519 4.1.3)".into())
}

impl Verifier {
    pub(super) fn check_claims(
        &self,
        claims: &Map<String, Value>,
        now: i64,
        signed_by: &str,
    ) -> Verdict {
        let p = &self.policy;
        let at = p.at.unwrap_or(now);
        // In i128, so no date claim, --at or leeway can overflow.
        let (at_wide, leeway) = (i128::from(at), i128::from(p.leeway));
        let when = |t: i64| {
            if p.at.is_some() {
                format!("{} (judged at {})", rfc3339(t), rfc3339(at))
            } else {
                format!("{} ({})", rfc3339(t), relative(t, at))
            }
        };
        // A date claim that is present must be a number.
        let date = |name: &str| -> Result<Option<i64>, String> {
            match claims.get(name) {
                None => Ok(None),
                Some(v) => numeric_date(v)
                    .map(Some)
                    .ok_or_else(|| format!("claim {name} is not a number")),
            }
        };
        let (exp, nbf) = match (date("exp"), date("nbf"), date("iat")) {
            (Ok(exp), Ok(nbf), Ok(_)) => (exp, nbf),
            (Err(why), _, _) | (_, Err(why), _) | (_, _, Err(why)) => {
                return Verdict::invalid(Reason::Malformed, why);
            }
        };
        if let Some(why) = mistyped_claim(claims) {
            return Verdict::invalid(Reason::Malformed, why);
        }
        // RFC 7519 4.1.4: the token must not be accepted on or after exp, so
        // at exactly exp + leeway it has expired.
        if let Some(exp) = exp
            && !p.ignore_exp
            && at_wide >= i128::from(exp) + leeway
        {
            return Verdict::invalid(
                Reason::Expired,
                format!("expired {}", ago_or_before(exp, at, p.at.is_some())),
            );
        }
        // RFC 7519 4.1.5: valid from nbf on, so from nbf - leeway with the leeway.
        if let Some(nbf) = nbf
            && at_wide < i128::from(nbf) - leeway
        {
            return Verdict::invalid(
                Reason::NotYetValid,
                format!("not valid until {}", when(nbf)),
            );
        }
        if !p.aud.is_empty() {
            let have: Vec<&str> = match claims.get("aud") {
                Some(Value::String(a)) => vec![a.as_str()],
                Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !have.iter().any(|a| p.aud.iter().any(|w| w == a)) {
                let message = if have.is_empty() {
                    format!("the token has no aud; expected {}", quoted(&p.aud))
                } else {
                    format!("audience {} is not {}", quoted_str(&have), quoted(&p.aud))
                };
                return Verdict::invalid(Reason::AudienceMismatch, message);
            }
        }
        if !p.iss.is_empty() {
            let have = claims.get("iss").and_then(Value::as_str);
            if !have.is_some_and(|i| p.iss.iter().any(|w| w == i)) {
                let message = match have {
                    Some(i) => format!("issuer {i:?} is not {}", quoted(&p.iss)),
                    None => format!("the token has no iss; expected {}", quoted(&p.iss)),
                };
                return Verdict::invalid(Reason::IssuerMismatch, message);
            }
        }
        if let Some(want) = &p.sub {
            let have = claims.get("sub").and_then(Value::as_str);
            if have != Some(want.as_str()) {
                let message = match have {
                    Some(s) => format!("subject {s:?} is not {want:?}"),
                    None => format!("the token has no sub; expected {want:?}"),
                };
                return Verdict::invalid(Reason::SubjectMismatch, message);
            }
        }
        if let Some(missing) = p.require.iter().find(|c| !claims.contains_key(c.as_str())) {
            return Verdict::invalid(
                Reason::MissingClaim,
                format!("the required claim {missing:?} is missing"),
            );
        }
        let expiry = match exp {
            Some(_) if p.ignore_exp => ", expiry not checked (as asked)".to_string(),
            Some(exp) if at >= exp => {
                format!(", expired {} but within the leeway", relative(exp, at))
            }
            Some(exp) => format!(", expires {}", relative(exp, at)),
            None => ", no expiry".to_string(),
        };
        // "Was it valid then?" before it was issued deserves a word: the
        // signature and times hold, but the token did not exist yet.
        let before_iat = match (p.at, claims.get("iat").and_then(numeric_date)) {
            (Some(at), Some(iat)) if at < iat => format!(
                "; note: it is judged at {}, before it was issued ({})",
                rfc3339(at),
                rfc3339(iat)
            ),
            _ => String::new(),
        };
        Verdict::valid(format!("{signed_by}{expiry}{before_iat}"))
    }
}

fn ago_or_before(exp: i64, at: i64, explicit_at: bool) -> String {
    let span =
        crate::duration::span(u64::try_from(i128::from(at) - i128::from(exp)).unwrap_or(u64::MAX));
    if explicit_at {
        format!(
            "{span} before the instant judged, {} (exp {})",
            rfc3339(at),
            rfc3339(exp)
        )
    } else {
        format!("{span} ago ({})", rfc3339(exp))
    }
}

fn quoted(list: &[String]) -> String {
    quoted_str(&list.iter().map(String::as_str).collect::<Vec<_>>())
}

fn quoted_str(list: &[&str]) -> String {
    let items: Vec<String> = list.iter().map(|s| format!("{s:?}")).collect();
    if items.len() == 1 {
        items[0].clone()
    } else {
        format!("one of {}", items.join(", "))
    }
}
