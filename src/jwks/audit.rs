//! The JWKS audit (docs/registry.md, "Audit endpoints with check"): what `check` prints and what stops `save` from
//! registering a broken or dangerous endpoint. Errors make a source unusable
//! (not JSON, no `keys`, private key material, no usable signing key);
//! warnings are worth knowing but do not stop a verifier.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::jwk::{Jwk, JwkError, KeyMaterial};

/// The audit of one source.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The registry name, URL or path the user named.
    pub source: String,
    /// The URL fetched, when the source is remote.
    pub url: Option<String>,
    /// No errors.
    pub ok: bool,
    /// How the cache served the document; `None` when its server sent it
    /// in this run, or for a file.
    pub cache: Option<crate::jwks::fetch::CacheUse>,
    pub keys: Vec<KeyReport>,
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

/// One key as the audit saw it.
#[derive(Debug, Clone, Serialize)]
pub struct KeyReport {
    pub kid: Option<String>,
    pub kty: Option<String>,
    pub alg: Option<String>,
    #[serde(rename = "use")]
    pub use_: Option<String>,
    /// RSA modulus bits, the curve of an EC/OKP key, or an HMAC key's bits.
    pub size: Option<String>,
    pub status: KeyStatus,
}

/// Whether a key can verify signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    /// A signing key a verifier can use.
    Ok,
    /// Too weak to verify with (RSA under 2048 bits): an error.
    Weak,
    /// Not for signatures (`use: enc`, or `key_ops` without `verify`).
    Ignored,
    /// A key type, curve or algorithm jwksctl and the databases do not verify.
    Unsupported,
    /// Members missing or not decodable.
    Invalid,
    /// Publishes private key material.
    Private,
}

impl KeyStatus {
    /// The word shown in the STATUS column.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyStatus::Ok => "ok",
            KeyStatus::Weak => "weak",
            KeyStatus::Ignored => "ignored",
            KeyStatus::Unsupported => "unsupported",
            KeyStatus::Invalid => "invalid",
            KeyStatus::Private => "PRIVATE",
        }
    }

    fn usable(self) -> bool {
        self == KeyStatus::Ok
    }
}

/// The stable `code` of a finding (docs/registry.md lists exactly these; a
/// test keeps them equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The URL is plain `http://` to a host that is not loopback (warning).
    InsecureUrl,
    /// The body is not JSON (error).
    NotJson,
    /// A JSON member is named twice (warning).
    DuplicateMember,
    /// No `keys` array (error).
    NoKeys,
    /// Several keys, some without `kid` (warning).
    MissingKid,
    /// Two keys share a `kid` (warning).
    DuplicateKid,
    /// No key can verify signatures (error).
    NoUsableKey,
    /// A key's members are missing or do not decode (error).
    InvalidKey,
    /// A key publishes private members (error).
    PrivateKeyMaterial,
    /// An RSA modulus under 2048 bits (error).
    WeakKey,
    /// A small-order or non-canonical Ed25519 key (error).
    SmallOrderKey,
    /// A key type or curve nothing here verifies (warning).
    UnsupportedKey,
    /// A `use: enc` key, ignored for signatures (warning).
    EncryptionKey,
    /// `key_ops` without `verify` (warning).
    KeyOps,
    /// A key without `alg` (warning).
    MissingAlg,
    /// An `alg` that does not fit the key (warning).
    UnsupportedAlg,
    /// `check`: the source could not be reached; a retry may help (error, exit 3).
    Unreachable,
    /// `check`: the source answered with something other than a document (a 404, a refused redirect, over 1 MiB) or a file could not be read (error).
    FetchFailed,
}

impl Code {
    /// Every code, in the order docs/registry.md lists them.
    pub const ALL: [Code; 18] = [
        Code::InsecureUrl,
        Code::NotJson,
        Code::DuplicateMember,
        Code::NoKeys,
        Code::MissingKid,
        Code::DuplicateKid,
        Code::NoUsableKey,
        Code::InvalidKey,
        Code::PrivateKeyMaterial,
        Code::WeakKey,
        Code::SmallOrderKey,
        Code::UnsupportedKey,
        Code::EncryptionKey,
        Code::KeyOps,
        Code::MissingAlg,
        Code::UnsupportedAlg,
        Code::Unreachable,
        Code::FetchFailed,
    ];

    /// The code as scripts read it.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InsecureUrl => "insecure_url",
            Code::NotJson => "not_json",
            Code::DuplicateMember => "duplicate_member",
            Code::NoKeys => "no_keys",
            Code::MissingKid => "missing_kid",
            Code::DuplicateKid => "duplicate_kid",
            Code::NoUsableKey => "no_usable_key",
            Code::InvalidKey => "invalid_key",
            Code::PrivateKeyMaterial => "private_key_material",
            Code::WeakKey => "weak_key",
            Code::SmallOrderKey => "small_order_key",
            Code::UnsupportedKey => "unsupported_key",
            Code::EncryptionKey => "encryption_key",
            Code::KeyOps => "key_ops",
            Code::MissingAlg => "missing_alg",
            Code::UnsupportedAlg => "unsupported_alg",
            Code::Unreachable => "unreachable",
            Code::FetchFailed => "fetch_failed",
        }
    }
}

/// One error or warning. `code` is a stable identifier for scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub kid: Option<String>,
    pub message: String,
}

impl Finding {
    /// A finding about the key `kid` (or the whole document).
    pub fn new(code: Code, kid: Option<&str>, message: impl Into<String>) -> Self {
        Finding {
            code,
            kid: kid.map(str::to_string),
            message: message.into(),
        }
    }
}

/// Findings as lines for people: runs of three or more with the same code
/// (seven Entra keys without `alg`) become one line with a count.
pub fn summarize(findings: &[Finding]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut i = 0;
    while i < findings.len() {
        let run = findings[i..]
            .iter()
            .take_while(|f| f.code == findings[i].code)
            .count();
        if run >= 3 {
            lines.push(format!(
                "{} (and {} more keys like it)",
                findings[i].message,
                run - 1
            ));
        } else {
            lines.extend(findings[i..i + run].iter().map(|f| f.message.clone()));
        }
        i += run;
    }
    lines
}

/// Audit a JWKS document. `url` is the fetched URL (for the `http://` warning).
pub fn audit(source: &str, url: Option<&str>, body: &[u8]) -> Report {
    let mut report = Report {
        source: source.to_string(),
        url: url.map(str::to_string),
        ok: false,
        cache: None,
        keys: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    // Plain http to a loopback host is a local development server: no warning.
    let insecure = url
        .and_then(|u| url::Url::parse(u).ok())
        .is_some_and(|u| u.scheme() == "http" && !crate::http::is_loopback(&u));
    if insecure {
        report.warnings.push(Finding::new(
            Code::InsecureUrl,
            None,
            "the URL is plain http://: keys can be replaced in transit",
        ));
    }
    let doc: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            let what = if body.is_empty() {
                "the body is empty".to_string()
            } else if std::str::from_utf8(body).is_err() {
                "the body is not UTF-8 text".to_string()
            } else {
                format!("the body is not JSON ({e})")
            };
            report.errors.push(Finding::new(Code::NotJson, None, what));
            return report;
        }
    };
    if let Err(crate::json::StrictError::Duplicate(member)) = crate::json::parse(body) {
        report.warnings.push(Finding::new(
            Code::DuplicateMember,
            None,
            format!(
                "the document names {member:?} twice: readers may disagree on which one counts (the last one is used here)"
            ),
        ));
    }
    let Some(keys) = doc.get("keys").and_then(Value::as_array) else {
        let what = if doc.is_object() {
            "the document has no \"keys\" array (is this a JWKS URL? an OpenID configuration lists it under jwks_uri)"
        } else {
            "the document is not a JSON object with a \"keys\" array"
        };
        report.errors.push(Finding::new(Code::NoKeys, None, what));
        return report;
    };

    let mut kid_count: HashMap<String, usize> = HashMap::new();
    for (index, value) in keys.iter().enumerate() {
        let key = audit_key(index, value, &mut report);
        if let Some(kid) = &key.kid {
            *kid_count.entry(kid.clone()).or_default() += 1;
        }
        report.keys.push(key);
    }

    if keys.len() > 1 {
        let missing = report.keys.iter().filter(|k| k.kid.is_none()).count();
        if missing > 0 {
            report.warnings.push(Finding::new(
                Code::MissingKid,
                None,
                format!(
                    "{missing} of {} keys have no kid: verifiers must try each key in turn",
                    keys.len()
                ),
            ));
        }
    }
    let mut duplicates: Vec<_> = kid_count.into_iter().filter(|(_, n)| *n > 1).collect();
    duplicates.sort();
    for (kid, n) in duplicates {
        report.warnings.push(Finding::new(
            Code::DuplicateKid,
            Some(&kid),
            format!("kid {kid:?} is used by {n} keys: a verifier may pick the wrong one"),
        ));
    }
    if !report.keys.iter().any(|k| k.status.usable()) {
        report.errors.push(Finding::new(
            Code::NoUsableKey,
            None,
            if keys.is_empty() {
                "the key set is empty: no token can be verified".to_string()
            } else {
                "no key in the set can verify signatures".to_string()
            },
        ));
    }
    report.ok = report.errors.is_empty();
    report
}

fn audit_key(index: usize, value: &Value, report: &mut Report) -> KeyReport {
    let text = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_string);
    let mut key = KeyReport {
        kid: text("kid"),
        kty: text("kty"),
        alg: text("alg"),
        use_: text("use"),
        size: None,
        status: KeyStatus::Ok,
    };
    let label = key
        .kid
        .as_ref()
        .map(|k| format!("key {k:?}"))
        .unwrap_or_else(|| format!("key #{}", index + 1));
    let kid = key.kid.clone();
    let kid = kid.as_deref();

    let jwk = match Jwk::from_value(value) {
        Ok(jwk) => jwk,
        Err(e) => {
            key.status = KeyStatus::Invalid;
            report
                .warnings
                .push(Finding::new(Code::InvalidKey, kid, format!("{label}: {e}")));
            return key;
        }
    };

    let private = jwk.private_members();
    if !private.is_empty() {
        key.status = KeyStatus::Private;
        report.errors.push(Finding::new(
            Code::PrivateKeyMaterial,
            kid,
            format!(
                "{label} publishes private key material ({}): anyone can sign tokens with it; rotate the key now",
                private.join(", ")
            ),
        ));
        key.size = key_size(&jwk).ok().flatten();
        return key;
    }

    match key_size(&jwk) {
        Ok(size) => key.size = size,
        Err(why @ JwkError::WeakRsa(bits)) => {
            key.status = KeyStatus::Weak;
            key.size = Some(bits.to_string());
            report.errors.push(Finding::new(
                Code::WeakKey,
                kid,
                format!("{label}: {why}; rotate to a 2048-bit or larger key"),
            ));
            return key;
        }
        Err(why @ JwkError::SmallOrder) => {
            key.status = KeyStatus::Invalid;
            report.errors.push(Finding::new(
                Code::SmallOrderKey,
                kid,
                format!("{label}: {why}"),
            ));
            return key;
        }
        Err(why) => {
            key.status = KeyStatus::Invalid;
            report.warnings.push(Finding::new(
                Code::InvalidKey,
                kid,
                format!("{label}: {why}"),
            ));
            return key;
        }
    }

    let supported = crate::alg::Alg::for_key(&jwk.kty, jwk.crv.as_deref());
    if supported.is_empty() || jwk.kty == "oct" {
        key.status = KeyStatus::Unsupported;
        let what = match jwk.crv.as_deref() {
            Some(crv) => format!("key type {} with curve {crv}", jwk.kty),
            None => format!("key type {}", jwk.kty),
        };
        report.warnings.push(Finding::new(
            Code::UnsupportedKey,
            kid,
            format!("{label}: {what} cannot verify JWT signatures here"),
        ));
        return key;
    }

    if let Some(use_) = jwk.use_.as_deref()
        && use_ != "sig"
    {
        key.status = KeyStatus::Ignored;
        report.warnings.push(Finding::new(
            Code::EncryptionKey,
            kid,
            format!("{label} has use: {use_:?}: ignored for signatures"),
        ));
        return key;
    }
    if let Some(ops) = &jwk.key_ops
        && !ops.iter().any(|o| o == "verify")
    {
        key.status = KeyStatus::Ignored;
        report.warnings.push(Finding::new(
            Code::KeyOps,
            kid,
            format!("{label} has key_ops without \"verify\": ignored for signatures"),
        ));
        return key;
    }

    match jwk.alg.as_deref() {
        None => report.warnings.push(Finding::new(
            Code::MissingAlg,
            kid,
            format!(
                "{label} has no alg: verifiers must infer it from the key type ({})",
                crate::alg::Alg::join(supported)
            ),
        )),
        Some(alg) if !supported.iter().any(|a| a.as_str() == alg) => {
            key.status = KeyStatus::Unsupported;
            report.warnings.push(Finding::new(
                Code::UnsupportedAlg,
                kid,
                format!(
                    "{label} has alg {alg:?}, which does not fit a {} key (expected one of {})",
                    jwk.kty,
                    crate::alg::Alg::join(supported)
                ),
            ));
            return key;
        }
        Some(_) => {}
    }

    key
}

/// The SIZE/CRV column, from the JWK validation the verifier shares
/// ([`Jwk::key_material`]).
fn key_size(jwk: &Jwk) -> Result<Option<String>, JwkError> {
    Ok(match jwk.key_material()? {
        KeyMaterial::Rsa(_, bits) => Some(bits.to_string()),
        KeyMaterial::Oct(k) => Some((k.expose().len() * 8).to_string()),
        KeyMaterial::Ec(..) | KeyMaterial::Ed25519(_) | KeyMaterial::Unsupported => jwk.crv.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    const N2048: &str = "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw";

    fn codes(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.code.as_str()).collect()
    }

    /// docs/registry.md lists exactly the finding codes, in the enum's order.
    #[test]
    fn registry_md_lists_every_finding_code() {
        let doc = include_str!("../../docs/registry.md");
        let start = doc.find("<!-- finding-codes -->").unwrap();
        let listed: Vec<&str> = doc[start..]
            .lines()
            .skip(3)
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| l.split('`').nth(1))
            .collect();
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, codes);
        // serde writes the same words.
        for code in Code::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }

    #[test]
    fn body_errors() {
        let r = audit("s", None, b"<html>");
        assert!(!r.ok);
        assert_eq!(codes(&r.errors), ["not_json"]);
        let r = audit("s", None, b"{\"issuer\":\"x\"}");
        assert_eq!(codes(&r.errors), ["no_keys"]);
        let r = audit("s", None, b"{\"keys\":[]}");
        assert_eq!(codes(&r.errors), ["no_usable_key"]);
    }

    #[test]
    fn private_material_is_an_error() {
        let body = json!({"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"h"}]}).to_string();
        let r = audit("s", None, body.as_bytes());
        assert!(codes(&r.errors).contains(&"private_key_material"));
        assert!(
            !r.errors[0].message.contains("c2VjcmV0"),
            "the secret is never shown"
        );
        let body =
            json!({"keys":[{"kty":"RSA","n":N2048,"e":"AQAB","d":"AQAB","kid":"r"}]}).to_string();
        let r = audit("s", None, body.as_bytes());
        assert!(codes(&r.errors).contains(&"private_key_material"));
    }

    #[test]
    fn warnings() {
        let body = json!({"keys":[
            {"kty":"RSA","n":N2048,"e":"AQAB","kid":"a"},
            {"kty":"RSA","n":N2048,"e":"AQAB","kid":"a","alg":"RS256"},
            {"kty":"RSA","n":N2048,"e":"AQAB","alg":"RS256"},
            {"kty":"RSA","n":N2048,"e":"AQAB","kid":"enc","use":"enc","alg":"RSA-OAEP"},
            {"kty":"EC","crv":"secp256k1","x":"AA","y":"AA","kid":"k"},
        ]})
        .to_string();
        let r = audit("s", Some("http://jwks.example/x"), body.as_bytes());
        assert!(r.ok, "{:?}", r.errors);
        let w = codes(&r.warnings);
        for code in [
            "insecure_url",
            "missing_alg",
            "duplicate_kid",
            "missing_kid",
            "encryption_key",
            "unsupported_key",
        ] {
            assert!(w.contains(&code), "{code} in {w:?}");
        }
        assert_eq!(r.keys[0].size.as_deref(), Some("2048"));
        assert_eq!(r.keys[2].status, KeyStatus::Ok);
        assert_eq!(r.keys[3].status, KeyStatus::Ignored);
    }

    #[test]
    fn duplicate_members_are_warned() {
        let body = format!(
            r#"{{"keys":[{{"kty":"RSA","n":"{N2048}","e":"AQAB","kid":"a","kid":"b","alg":"RS256"}}]}}"#
        );
        let r = audit("s", None, body.as_bytes());
        assert!(r.ok, "{:?}", r.errors);
        assert_eq!(codes(&r.warnings), ["duplicate_member"]);
        assert!(
            r.warnings[0].message.contains("\"keys[0].kid\" twice"),
            "{}",
            r.warnings[0].message
        );
    }

    /// RSA under 2048 bits: an error with its size, never a usable key
    /// (neither jwksctl nor PowerSync's jose verifies with one).
    #[test]
    fn weak_rsa_keys_are_errors() {
        // A 1024-bit modulus (top bit set) and a 2047-bit one.
        for (n, bits) in [
            (format!("w{}", "A".repeat(170)), "1024"),
            (format!("f{}", &N2048[1..]), "2047"),
        ] {
            let body = json!({"keys":[
                {"kty":"RSA","n":N2048,"e":"AQAB","kid":"good","alg":"RS256"},
                {"kty":"RSA","n":n,"e":"AQAB","kid":"weak","alg":"RS256"},
            ]})
            .to_string();
            let r = audit("s", None, body.as_bytes());
            assert!(!r.ok);
            assert_eq!(codes(&r.errors), ["weak_key"]);
            assert_eq!(r.errors[0].kid.as_deref(), Some("weak"));
            assert!(
                r.errors[0].message.contains(&format!("RSA-{bits} key")),
                "{}",
                r.errors[0].message
            );
            assert_eq!(r.keys[1].status, KeyStatus::Weak);
            assert_eq!(r.keys[1].size.as_deref(), Some(bits));
        }
    }

    /// The issue's forging key: the Ed25519 identity (0x01, then zeros) is an
    /// error that stops `save`, not an `ok` key.
    #[test]
    fn small_order_ed25519_keys_are_errors() {
        let good = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
        for x in [
            "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIA",
            "JuiVj8KyJ7BFw_SJ8u-Y8NXfrAXTxjM5sTgCiG1T_AU",
            "7v________________________________________8",
        ] {
            let body = json!({"keys":[
                {"kty":"OKP","crv":"Ed25519","x":good,"kid":"good","alg":"EdDSA"},
                {"kty":"OKP","crv":"Ed25519","x":x,"kid":"forge","alg":"EdDSA"},
            ]})
            .to_string();
            let r = audit("s", None, body.as_bytes());
            assert!(!r.ok, "{x}");
            assert_eq!(codes(&r.errors), ["small_order_key"], "{x}");
            assert_eq!(r.errors[0].kid.as_deref(), Some("forge"));
            assert!(r.errors[0].message.contains("small-order"));
            assert_eq!(r.keys[1].status, KeyStatus::Invalid);
            assert_eq!(r.keys[0].status, KeyStatus::Ok);
        }
    }

    /// The audit's reason for refusing a key is the shared JWK validation's.
    #[test]
    fn split_ec_coordinates_are_invalid_for_the_shared_reason() {
        let key = json!({"kty":"EC","crv":"P-256","kid":"e","alg":"ES256",
            "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVA",
            "y":"RcfxRM0bvZt-hyzf7bnuufSzaV1uqQskrYpGIyiFiOWt"});
        let expected = Jwk::from_value(&key)
            .unwrap()
            .key_material()
            .err()
            .unwrap()
            .to_string();
        let r = audit("s", None, json!({"keys":[key]}).to_string().as_bytes());
        assert_eq!(codes(&r.errors), ["no_usable_key"]);
        assert_eq!(codes(&r.warnings), ["invalid_key"]);
        assert_eq!(r.warnings[0].message, format!("key \"e\": {expected}"));
        assert_eq!(r.keys[0].status, KeyStatus::Invalid);
    }

    #[test]
    fn runs_of_findings_are_summarized() {
        let f = |code, kid: &str| Finding::new(code, Some(kid), format!("key {kid} has no alg"));
        let findings = vec![
            f(Code::MissingAlg, "a"),
            f(Code::MissingAlg, "b"),
            f(Code::MissingAlg, "c"),
            f(Code::WeakKey, "d"),
        ];
        assert_eq!(
            summarize(&findings),
            [
                "key a has no alg (and 2 more keys like it)",
                "key d has no alg"
            ]
        );
        assert_eq!(summarize(&findings[..2]).len(), 2);
    }

    /// What holds of every report: `ok` exactly when there is no error,
    /// every finding has a code and a message, and no usable key without a
    /// document that parsed.
    fn consistent(report: &Report) -> std::result::Result<(), TestCaseError> {
        prop_assert_eq!(report.ok, report.errors.is_empty());
        for f in report.errors.iter().chain(&report.warnings) {
            prop_assert!(
                !f.code.as_str().is_empty() && !f.message.trim().is_empty(),
                "{:?}",
                f
            );
        }
        Ok(())
    }

    proptest! {
        /// Random bytes are never an acceptable JWKS: a body that is not a
        /// JSON object with a `keys` array is an error, with no key listed.
        #[test]
        fn arbitrary_bodies_are_errors(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let report = audit("s", None, &bytes);
            consistent(&report)?;
            let is_jwks = serde_json::from_slice::<Value>(&bytes)
                .is_ok_and(|v| v.get("keys").is_some_and(Value::is_array));
            if !is_jwks {
                prop_assert!(!report.ok);
                prop_assert!(report.keys.is_empty());
            }
        }

        /// One drawn key: reported once; an unknown kty, an `oct` key (its
        /// members are private) or an RSA key with a 15-byte modulus is never
        /// usable, and a JWKS without a usable key is not ok.
        #[test]
        fn arbitrary_keys_are_judged(kty in "RSA|EC|OKP|oct|x", crv in "P-256|P-521|Ed25519|y",
                                     x in "[A-Za-z0-9_-]{0,90}", n in "[A-Za-z0-9_=-]{0,20}") {
            let body = json!({"keys":[{"kty":kty,"crv":crv,"x":x,"y":x,"n":n,"e":n}]}).to_string();
            let report = audit("s", None, body.as_bytes());
            consistent(&report)?;
            prop_assert_eq!(report.keys.len(), 1);
            let usable = report.keys[0].status == KeyStatus::Ok;
            if matches!(kty.as_str(), "x" | "oct" | "RSA") {
                prop_assert!(!usable, "{:?}", report.keys[0]);
            }
            prop_assert_eq!(report.ok, usable, "{:?}", report);
        }
    }
}
