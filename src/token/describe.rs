//! Plain-language readings of a token: what its Turso (`a`, `id`, `gid`,
//! `perm`) or libSQL (`p`) claims grant, and times relative to now.

use serde_json::{Map, Value};

/// What the permission claims grant, in words.
pub fn grants(claims: &Map<String, Value>) -> String {
    let mut parts = Vec::new();
    if let Some(p) = claims.get("p").and_then(Value::as_object) {
        for (key, words) in [
            ("rw", "read-write on"),
            ("ro", "read-only on"),
            ("roa", "read-only ATTACH of"),
        ] {
            let names: Vec<&str> = p
                .get(key)
                .and_then(|g| g.get("ns"))
                .and_then(Value::as_array)
                .map(|ns| ns.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if !names.is_empty() {
                parts.push(format!("{words} {}", databases(&names)));
            }
        }
        let other: Vec<&String> = p
            .keys()
            .filter(|k| !["rw", "ro", "roa"].contains(&k.as_str()))
            .collect();
        if !other.is_empty() {
            parts.push(format!(
                "libSQL permissions jwksctl does not know: {}",
                other
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if parts.is_empty() {
            parts.push("libSQL claim p grants nothing".into());
        }
    }
    let access = claims.get("a").and_then(Value::as_str).map(|a| match a {
        "rw" => "read-write".to_string(),
        "ro" => "read-only".to_string(),
        other => format!("access {other:?}"),
    });
    let target = match (
        claims.get("id").and_then(Value::as_str),
        claims.get("gid").and_then(Value::as_str),
    ) {
        (Some(id), _) => Some(format!("database {id}")),
        (None, Some(gid)) => Some(format!("group {gid}")),
        _ => None,
    };
    match (access, target) {
        (Some(a), Some(t)) => parts.push(format!("{a} on {t}")),
        (Some(a), None) => parts.push(format!("{a} (no database or group named)")),
        (None, Some(t)) => parts.push(format!("{t} (no access level: claim a is missing)")),
        (None, None) => {}
    }
    if let Some(perm) = claims.get("perm").and_then(Value::as_array) {
        for rule in perm {
            let actions: Vec<&str> = rule
                .get("a")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let tables = match rule.get("t") {
                None | Some(Value::Null) => "every table".to_string(),
                Some(Value::Array(t)) => {
                    let names: Vec<&str> = t.iter().filter_map(Value::as_str).collect();
                    format!(
                        "table{} {}",
                        if names.len() == 1 { "" } else { "s" },
                        names.join(", ")
                    )
                }
                Some(other) => format!("tables {other}"),
            };
            parts.push(format!("{tables}: {}", actions.join(", ")));
        }
    }
    if parts.is_empty() {
        "no permission claims: full access to every database".into()
    } else {
        parts.join("; ")
    }
}

/// What the permission claims say that cannot hold together: a read-only
/// token (`a: "ro"`) whose `perm` grants anything but `data_read` — the
/// contradiction `template` and `mint` refuse to produce (docs/claims.md).
pub fn contradictions(claims: &Map<String, Value>) -> Vec<String> {
    if claims.get("a").and_then(Value::as_str) != Some("ro") {
        return Vec::new();
    }
    let mut found = Vec::new();
    for rule in claims
        .get("perm")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let writes: Vec<&str> = rule
            .get("a")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter(|a| *a != "data_read")
            .collect();
        if writes.is_empty() {
            continue;
        }
        let tables = match rule.get("t").and_then(Value::as_array) {
            Some(t) => {
                let names: Vec<&str> = t.iter().filter_map(Value::as_str).collect();
                let plural = if names.len() == 1 { "" } else { "s" };
                format!("table{plural} {}", names.join(", "))
            }
            None => "every table".to_string(),
        };
        found.push(format!(
            "claim a is \"ro\" (read-only) but perm grants {} on {tables}: a read-only token can only grant data_read; jwksctl refuses to produce this",
            writes.join(", ")
        ));
    }
    found
}

fn databases(names: &[&str]) -> String {
    if names.len() == 1 {
        format!("database {}", names[0])
    } else {
        format!("databases {}", names.join(", "))
    }
}

/// A duration in words, two units at most: "11h 58m", "3 days", "45s".
pub fn span(secs: u64) -> String {
    const DAY: u64 = 86_400;
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m {}s", s / 60, s % 60).replace(" 0s", ""),
        s if s < DAY => format!("{}h {}m", s / 3600, (s % 3600) / 60).replace(" 0m", ""),
        s if s < 2 * DAY => format!("1 day {}h", (s - DAY) / 3600).replace(" 0h", ""),
        s => format!("{} days", s / DAY),
    }
}

/// `when` relative to `now`: "in 11h 58m" or "3 days ago".
pub fn relative(when: i64, now: i64) -> String {
    // i128: claims may hold any i64, and the difference must not overflow.
    let diff = i128::from(when) - i128::from(now);
    let secs = u64::try_from(diff.unsigned_abs()).unwrap_or(u64::MAX);
    if diff == 0 {
        "just now".to_string()
    } else if diff > 0 {
        format!("in {}", span(secs))
    } else {
        format!("{} ago", span(secs))
    }
}

/// Unix seconds as RFC 3339 (UTC), or the number when out of range.
pub fn rfc3339(secs: i64) -> String {
    u64::try_from(secs)
        .ok()
        .filter(|s| *s < 253_402_300_800)
        .map(|s| {
            humantime::format_rfc3339_seconds(
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(s),
            )
            .to_string()
        })
        .unwrap_or_else(|| secs.to_string())
}

/// A numeric date claim (`exp`, `nbf`, `iat`) as whole seconds.
pub fn numeric_date(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn readings() {
        assert_eq!(
            grants(&map(
                json!({"a":"ro","id":"mydb","perm":[{"a":["data_add"],"t":["comments"]}]})
            )),
            "read-only on database mydb; table comments: data_add"
        );
        assert_eq!(
            grants(&map(
                json!({"a":"rw","gid":"prod","perm":[{"a":["data_read"],"t":null}]})
            )),
            "read-write on group prod; every table: data_read"
        );
        assert_eq!(
            grants(&map(
                json!({"p":{"rw":{"ns":["a"]},"roa":{"ns":["b","c"]}}})
            )),
            "read-write on database a; read-only ATTACH of databases b, c"
        );
        assert_eq!(
            grants(&map(json!({"sub":"x"}))),
            "no permission claims: full access to every database"
        );
        assert_eq!(
            contradictions(&map(json!({"a":"ro","perm":[
                {"a":["data_read"],"t":["a"]},
                {"a":["data_read","data_add","schema_delete"],"t":null}
            ]}))),
            [
                "claim a is \"ro\" (read-only) but perm grants data_add, schema_delete on every table: a read-only token can only grant data_read; jwksctl refuses to produce this"
            ]
        );
        assert!(
            contradictions(&map(
                json!({"a":"ro","perm":[{"a":["data_read"],"t":null}]})
            ))
            .is_empty()
        );
        assert!(
            contradictions(&map(json!({"a":"rw","perm":[{"a":["data_add"],"t":null}]}))).is_empty()
        );
        assert_eq!(span(43_080), "11h 58m");
        assert_eq!(span(3 * 86_400 + 5), "3 days");
        assert_eq!(span(120), "2m");
        assert_eq!(relative(100, 40), "in 1m");
        assert_eq!(relative(40, 100), "1m ago");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert!(relative(i64::MIN, i64::MAX).ends_with("ago"));
        assert!(relative(i64::MAX, i64::MIN).starts_with("in "));
        assert_eq!(rfc3339(-5), "-5");
        assert_eq!(numeric_date(&json!(1.5)), Some(1));
        assert_eq!(numeric_date(&json!("1")), None);
    }
}
