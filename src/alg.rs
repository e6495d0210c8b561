//! The JWS signature algorithms jwksctl knows (RFC 7518 §3, RFC 8037 §3.1):
//! the one place their names are spelled. Everything else — the key store,
//! the verifier's policy, the targets' rules, the audit, `--alg` — holds an
//! [`Alg`] and asks it for its family, key type, curve and hash.

use std::fmt;
use std::str::FromStr;

use clap::ValueEnum;

/// A JWS `alg` jwksctl can sign and verify with (`none` is never one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ValueEnum)]
pub enum Alg {
    #[value(name = "EdDSA", alias = "eddsa")]
    EdDSA,
    #[value(name = "ES256", alias = "es256")]
    ES256,
    #[value(name = "ES384", alias = "es384")]
    ES384,
    #[value(name = "ES512", alias = "es512")]
    ES512,
    #[value(name = "RS256", alias = "rs256")]
    RS256,
    #[value(name = "RS384", alias = "rs384")]
    RS384,
    #[value(name = "RS512", alias = "rs512")]
    RS512,
    #[value(name = "PS256", alias = "ps256")]
    PS256,
    #[value(name = "PS384", alias = "ps384")]
    PS384,
    #[value(name = "PS512", alias = "ps512")]
    PS512,
    #[value(name = "HS256", alias = "hs256")]
    HS256,
    #[value(name = "HS384", alias = "hs384")]
    HS384,
    #[value(name = "HS512", alias = "hs512")]
    HS512,
}

/// How an algorithm signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// EdDSA over Ed25519 (`OKP` keys).
    EdDSA,
    /// ECDSA, one curve per algorithm (`EC` keys).
    Ecdsa,
    /// RSASSA-PKCS1-v1_5 (`RSA` keys).
    RsaPkcs1,
    /// RSASSA-PSS (`RSA` keys).
    RsaPss,
    /// HMAC with a shared secret (`oct` keys).
    Hmac,
}

/// The digest an algorithm uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

/// A name that is not one of [`Alg::ALL`] (exact spelling).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported algorithm {0:?}")]
pub struct UnknownAlg(pub String);

impl Alg {
    /// Every algorithm, in the order keys are offered (`keys generate`, the
    /// discovery document of `keys serve`).
    pub const ALL: [Alg; 13] = [
        Alg::EdDSA,
        Alg::ES256,
        Alg::ES384,
        Alg::ES512,
        Alg::RS256,
        Alg::RS384,
        Alg::RS512,
        Alg::PS256,
        Alg::PS384,
        Alg::PS512,
        Alg::HS256,
        Alg::HS384,
        Alg::HS512,
    ];

    /// The asymmetric algorithms, allowed by default when verifying.
    pub const ASYMMETRIC: [Alg; 10] = [
        Alg::RS256,
        Alg::RS384,
        Alg::RS512,
        Alg::PS256,
        Alg::PS384,
        Alg::PS512,
        Alg::ES256,
        Alg::ES384,
        Alg::ES512,
        Alg::EdDSA,
    ];

    /// The HMAC algorithms, allowed only with a secret named explicitly.
    pub const HMAC: [Alg; 3] = [Alg::HS256, Alg::HS384, Alg::HS512];

    /// The JWS name.
    pub fn as_str(self) -> &'static str {
        match self {
            Alg::EdDSA => "EdDSA",
            Alg::ES256 => "ES256",
            Alg::ES384 => "ES384",
            Alg::ES512 => "ES512",
            Alg::RS256 => "RS256",
            Alg::RS384 => "RS384",
            Alg::RS512 => "RS512",
            Alg::PS256 => "PS256",
            Alg::PS384 => "PS384",
            Alg::PS512 => "PS512",
            Alg::HS256 => "HS256",
            Alg::HS384 => "HS384",
            Alg::HS512 => "HS512",
        }
    }

    pub fn family(self) -> Family {
        match self {
            Alg::EdDSA => Family::EdDSA,
            Alg::ES256 | Alg::ES384 | Alg::ES512 => Family::Ecdsa,
            Alg::RS256 | Alg::RS384 | Alg::RS512 => Family::RsaPkcs1,
            Alg::PS256 | Alg::PS384 | Alg::PS512 => Family::RsaPss,
            Alg::HS256 | Alg::HS384 | Alg::HS512 => Family::Hmac,
        }
    }

    /// The digest: `None` for EdDSA, which hashes inside the signature scheme.
    pub fn hash(self) -> Option<Hash> {
        match self {
            Alg::EdDSA => None,
            Alg::ES256 | Alg::RS256 | Alg::PS256 | Alg::HS256 => Some(Hash::Sha256),
            Alg::ES384 | Alg::RS384 | Alg::PS384 | Alg::HS384 => Some(Hash::Sha384),
            Alg::ES512 | Alg::RS512 | Alg::PS512 | Alg::HS512 => Some(Hash::Sha512),
        }
    }

    /// The JWK `kty` of its keys.
    pub fn kty(self) -> &'static str {
        match self.family() {
            Family::EdDSA => "OKP",
            Family::Ecdsa => "EC",
            Family::RsaPkcs1 | Family::RsaPss => "RSA",
            Family::Hmac => "oct",
        }
    }

    /// The JWK `crv` of its keys, for the algorithms bound to one curve.
    pub fn curve(self) -> Option<&'static str> {
        match self {
            Alg::EdDSA => Some("Ed25519"),
            Alg::ES256 => Some("P-256"),
            Alg::ES384 => Some("P-384"),
            Alg::ES512 => Some("P-521"),
            _ => None,
        }
    }

    /// HMAC (HS*): shared secrets, never a default by themselves.
    pub fn is_hmac(self) -> bool {
        self.family() == Family::Hmac
    }

    /// RSA (RS*, PS*): the ones a modulus size applies to.
    pub fn is_rsa(self) -> bool {
        matches!(self.family(), Family::RsaPkcs1 | Family::RsaPss)
    }

    /// The algorithms a key of this type and curve can verify.
    pub fn for_key(kty: &str, crv: Option<&str>) -> &'static [Alg] {
        match (kty, crv) {
            ("RSA", _) => &[
                Alg::RS256,
                Alg::RS384,
                Alg::RS512,
                Alg::PS256,
                Alg::PS384,
                Alg::PS512,
            ],
            ("EC", Some("P-256")) => &[Alg::ES256],
            ("EC", Some("P-384")) => &[Alg::ES384],
            ("EC", Some("P-521")) => &[Alg::ES512],
            ("OKP", Some("Ed25519")) => &[Alg::EdDSA],
            ("oct", _) => &Alg::HMAC,
            _ => &[],
        }
    }

    /// The algorithm a key of this type and curve signs with when it names
    /// none: the first of [`Alg::for_key`].
    pub fn default_for_key(kty: &str, crv: Option<&str>) -> Option<Alg> {
        Alg::for_key(kty, crv).first().copied()
    }

    /// Their names joined with ", ", as messages list them.
    pub fn join(algs: &[Alg]) -> String {
        algs.iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The algorithm named `name` in any case (as `--alg` takes it).
    pub fn parse_any_case(name: &str) -> Option<Alg> {
        Alg::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(name))
    }
}

impl FromStr for Alg {
    type Err = UnknownAlg;

    /// The exact JWS spelling (a token's or a key's `alg`).
    fn from_str(s: &str) -> Result<Alg, UnknownAlg> {
        Alg::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| UnknownAlg(s.to_string()))
    }
}

impl fmt::Display for Alg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Alg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_exactly() {
        for alg in Alg::ALL {
            assert_eq!(alg.as_str().parse::<Alg>(), Ok(alg));
            assert_eq!(Alg::parse_any_case(&alg.as_str().to_lowercase()), Some(alg));
            assert_eq!(alg.to_string(), alg.as_str());
            // clap spells the value as the JWS name.
            let value = alg.to_possible_value().unwrap();
            assert_eq!(value.get_name(), alg.as_str());
        }
        assert_eq!("es256".parse::<Alg>(), Err(UnknownAlg("es256".into())));
        assert!("none".parse::<Alg>().is_err());
        assert_eq!(Alg::parse_any_case("none"), None);
    }

    #[test]
    fn keys_and_algorithms_agree() {
        for alg in Alg::ALL {
            assert!(Alg::for_key(alg.kty(), alg.curve()).contains(&alg), "{alg}");
            assert_eq!(alg.is_hmac(), Alg::HMAC.contains(&alg));
            assert_eq!(alg.is_hmac(), !Alg::ASYMMETRIC.contains(&alg));
        }
        assert_eq!(Alg::default_for_key("RSA", None), Some(Alg::RS256));
        assert_eq!(Alg::default_for_key("oct", None), Some(Alg::HS256));
        assert_eq!(Alg::default_for_key("OKP", Some("X25519")), None);
        assert!(Alg::RS512.is_rsa() && Alg::PS256.is_rsa() && !Alg::ES256.is_rsa());
        assert_eq!(Alg::ES512.hash(), Some(Hash::Sha512));
        assert_eq!(Alg::PS384.family(), Family::RsaPss);
    }
}
