//! Helper for `scripts/bench.sh`: make many EdDSA tokens, and verify them in a
//! bare loop that calls aws-lc-rs directly — the floor `token verify --batch`
//! is compared against.
//!
//! `bench_tokens gen N KEY.json > tokens.txt` signs N tokens with a private JWK.
//! `bench_tokens bare tokens.txt JWKS.json` verifies every line; prints the count.

use std::io::{BufRead, Write};

use aws_lc_rs::signature::{ED25519, ParsedPublicKey};
use jwksctl::jwk::{Jwk, b64url_decode};
use jwksctl::keys::convert::SigningKey;
use jwksctl::token::mint::{MintRequest, mint};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("gen") => {
            let n: usize = args[2].parse()?;
            let jwk: Jwk = serde_json::from_str(&std::fs::read_to_string(&args[3])?)?;
            let key = SigningKey::from_jwk(&jwk)?;
            let kid = jwk.kid.clone().unwrap_or_default();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for i in 0..n {
                let mut request = MintRequest {
                    sub: Some(format!("user-{i}")),
                    ttl: Some(std::time::Duration::from_secs(3600)),
                    now: std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)?
                        .as_secs(),
                    ..Default::default()
                };
                request.claims.insert("id".into(), "mydb".into());
                writeln!(out, "{}", mint(&key, &kid, &request)?.token)?;
            }
        }
        Some("bare") => {
            let jwks: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&args[3])?)?;
            let x = jwks["keys"][0]["x"].as_str().ok_or("no x")?;
            let key = ParsedPublicKey::new(&ED25519, b64url_decode(x)?).map_err(|_| "bad key")?;
            let file = std::io::BufReader::new(std::fs::File::open(&args[2])?);
            let mut ok = 0usize;
            for line in file.lines() {
                let line = line?;
                let Some((input, sig)) = line.rsplit_once('.') else {
                    continue;
                };
                if key
                    .verify_sig(input.as_bytes(), &b64url_decode(sig)?)
                    .is_ok()
                {
                    ok += 1;
                }
            }
            println!("{ok}");
        }
        _ => return Err("usage: bench_tokens gen N KEY.json | bare TOKENS JWKS.json".into()),
    }
    Ok(())
}
