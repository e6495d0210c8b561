//! `token mint --powersync-config` with a configuration someone else wrote:
//! its `!env` tags must not copy environment secrets into the token.

use crate::common;

use std::fs;

use common::jwksctl;

const SECRET: &str = "s3cret-value-from-the-environment";

#[test]
fn env_tags_cannot_copy_secrets_into_the_token() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("powersync.yaml");
    let key = "      - kty: oct\n        alg: HS256\n        k: c2hhcmVkLXNlY3JldC1mb3ItcG93ZXJzeW5jLWRldi0xMjM0\n";
    let attacks = [
        format!("client_auth:\n  jwks:\n    keys:\n{key}        kid: !env SOME_SECRET_VAR\n"),
        format!("client_auth:\n  jwks:\n    keys:\n{key}        kid: !env PS_SOME_SECRET\n"),
        format!(
            "client_auth:\n  audience: [!env PS_SOME_SECRET]\n  jwks:\n    keys:\n{key}        kid: dev\n"
        ),
    ];
    for attack in &attacks {
        fs::write(&config, attack).unwrap();
        for extra in [&[][..], &["-o", "json"][..], &["--aud", "mine"][..]] {
            let out = jwksctl(home.path())
                .args(["token", "mint", "--powersync-config"])
                .arg(&config)
                .args(extra)
                .env("SOME_SECRET_VAR", SECRET)
                .env("PS_SOME_SECRET", SECRET)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !stdout.contains(SECRET) && !stderr.contains(SECRET),
                "{attack:?} {extra:?} leaked the secret: {stdout} {stderr}"
            );
            if attack.contains("kid: !env") || extra.first() != Some(&"--aud") {
                assert_eq!(out.status.code(), Some(2), "{attack:?} {extra:?}: {stdout}");
                assert!(
                    stderr.contains("is read from the environment (!env"),
                    "{stderr}"
                );
            } else {
                // With --aud the file's audience is not needed: the token is
                // minted, and its decoded header and claims hold no secret.
                assert!(out.status.success(), "{stderr}");
                let decoded = jwksctl(home.path())
                    .args(["token", "decode", "-o", "json", stdout.trim()])
                    .output()
                    .unwrap();
                let decoded = String::from_utf8_lossy(&decoded.stdout);
                assert!(decoded.contains("\"mine\""), "{decoded}");
                assert!(!decoded.contains(SECRET), "{decoded}");
            }
        }
    }
}
