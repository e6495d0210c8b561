//! A forgery without a private key: Ed25519 public keys of small order, and a token
//! "signed" for them without any private key.

/// The 14 encodings of Ed25519's 8 torsion points (canonical, non-canonical
/// y = p and p + 1, both sign bits); derived in `src/jwk.rs`'s tests.
pub const SMALL_ORDER: [&str; 14] = [
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIA",
    "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIA",
    "JuiVj8KyJ7BFw_SJ8u-Y8NXfrAXTxjM5sTgCiG1T_AU",
    "JuiVj8KyJ7BFw_SJ8u-Y8NXfrAXTxjM5sTgCiG1T_IU",
    "xxdqcD1N2E-6PAt2DRBnDyogU_osOczGTsf9d5KsA3o",
    "xxdqcD1N2E-6PAt2DRBnDyogU_osOczGTsf9d5KsA_o",
    "7P_______________________________________38",
    "7P________________________________________8",
    "7f_______________________________________38",
    "7f________________________________________8",
    "7v_______________________________________38",
    "7v________________________________________8",
];

/// A JWKS with one key, `x` given, kid `forge`.
pub fn jwks(x: &str) -> String {
    serde_json::json!({"keys":[{"kty":"OKP","crv":"Ed25519","alg":"EdDSA","kid":"forge","x":x}]})
        .to_string()
}

/// An admin token with kid `forge` and the signature R = identity, s = 0,
/// which verifies under the identity key for any payload.
pub fn forged_token() -> String {
    let b64 = |b: &[u8]| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
    };
    let mut signature = vec![1u8];
    signature.extend([0u8; 63]);
    format!(
        "{}.{}.{}",
        b64(br#"{"alg":"EdDSA","kid":"forge"}"#),
        b64(br#"{"sub":"admin","exp":4102444800}"#),
        b64(&signature)
    )
}
