//! Plain-language readings of a token: what its Turso (`a`, `id`, `gid`,
//! `perm`) or libSQL (`p`) claims grant, and times relative to now.

use serde_json::{Map, Value};

/// Whose reading of the claims a [`Grants`] is: sqld's libSQL claim `p`,
/// Turso's `a`/`id`/`gid`/`perm`, both, or none (no such claims: a token for
/// another service — PowerSync reads none of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reading {
    Turso,
    Sqld,
    Both,
    None,
}

/// What the permission claims grant, and as which service reads them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Grants {
    pub reading: Reading,
    /// In words, naming the reading ("… (as Turso reads it)").
    pub summary: String,
}

/// What the permission claims grant, in words, saying whose reading it is:
/// the same claims mean different things to Turso, sqld and PowerSync.
pub fn grants(claims: &Map<String, Value>) -> String {
    read_grants(claims).summary
}

/// [`grants`], with the reading apart.
pub fn read_grants(claims: &Map<String, Value>) -> Grants {
    let sqld = claims.contains_key("p").then(|| sqld_grants(claims));
    let turso = ["a", "id", "gid", "perm"]
        .iter()
        .any(|k| claims.contains_key(*k))
        .then(|| turso_grants(claims));
    let (reading, summary) = match (sqld, turso) {
        (Some(s), Some(t)) => (
            Reading::Both,
            format!("as sqld reads it (p; it ignores a and id then): {s}; as Turso reads it: {t}"),
        ),
        (Some(s), None) => (Reading::Sqld, format!("{s} (as sqld reads it)")),
        (None, Some(t)) => (Reading::Turso, format!("{t} (as Turso reads it)")),
        (None, None) => (
            Reading::None,
            "no Turso or libSQL permission claims: Turso and sqld would read it as full access to every database (other services, PowerSync among them, read other claims)".to_string(),
        ),
    };
    Grants { reading, summary }
}

/// sqld's reading of claim `p`.
fn sqld_grants(claims: &Map<String, Value>) -> String {
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
    }
    if parts.is_empty() {
        parts.push("libSQL claim p grants nothing".into());
    }
    parts.join("; ")
}

/// Turso's reading of `a`, `id`, `gid` and `perm`.
fn turso_grants(claims: &Map<String, Value>) -> String {
    let mut parts = Vec::new();
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
        "no access level, database or group named: full access to every database".into()
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

/// The longest duration a flag takes: 100 years (365.25-day years, as
/// humantime counts). Longer is a mistake, and far enough out a date would
/// pass year 9999 or wrap.
pub const MAX_SPAN_SECS: u64 = 100 * 31_557_600;

/// Parse a duration (a lifetime, a leeway): the one grammar of
/// [`crate::duration`], at most [`MAX_SPAN_SECS`]. The error is the reason
/// only; the caller names what was given.
pub fn parse_span(text: &str) -> Result<std::time::Duration, String> {
    let d = crate::duration::parse(text)?;
    if d.as_secs() > MAX_SPAN_SECS {
        return Err("at most 100 years".into());
    }
    Ok(d)
}

/// An instant: Unix seconds or RFC 3339, in UTC (`Z`) or with a numeric
/// offset (`+01:00`), which humantime does not read: the offset is split off
/// here. From 1970 to the end of year 9999 (the dates every print can show).
/// The error is the reason only; the caller names what was given.
pub fn parse_instant(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let range = || {
        format!(
            "must be between 1970-01-01T00:00:00Z (0) and 9999-12-31T23:59:59Z ({MAX_DATE_SECS})"
        )
    };
    if !text.is_empty()
        && text
            .trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_digit())
    {
        return match text.parse::<i64>() {
            Ok(secs) if (0..=MAX_DATE_SECS).contains(&secs) => Ok(secs),
            _ => Err(range()),
        };
    }
    let (local, offset) = split_offset(text);
    let time = humantime::parse_rfc3339_weak(local).map_err(|e| {
        format!("{e} (expected Unix seconds or RFC 3339, e.g. 2024-05-01T12:00:00Z)")
    })?;
    time.duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .map(|secs| secs - offset)
        .filter(|secs| (0..=MAX_DATE_SECS).contains(secs))
        .ok_or_else(range)
}

/// `2024-05-01T13:00:00+01:00` → (`2024-05-01T13:00:00`, 3600): a trailing
/// `±HH:MM` after a time of day, as seconds east of UTC; anything else is
/// returned whole with offset 0.
fn split_offset(text: &str) -> (&str, i64) {
    let Some(at) = text.len().checked_sub(6) else {
        return (text, 0);
    };
    let (local, suffix) = (text.get(..at), text.get(at..));
    let (Some(local), Some(suffix)) = (local, suffix) else {
        return (text, 0);
    };
    let bytes = suffix.as_bytes();
    let sign = match bytes[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return (text, 0),
    };
    let digits = |b: &[u8]| -> Option<i64> {
        b.iter()
            .all(u8::is_ascii_digit)
            .then(|| b.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    match (bytes[3], digits(&bytes[1..3]), digits(&bytes[4..6])) {
        (b':', Some(h), Some(m)) if h < 24 && m < 60 && local.contains(['T', 't', ' ']) => {
            (local, sign * (h * 3600 + m * 60))
        }
        _ => (text, 0),
    }
}

/// The latest instant a date print can show: 9999-12-31T23:59:59Z.
pub const MAX_DATE_SECS: i64 = 253_402_300_799;

/// `when` relative to `now`: "in 11h 58m" or "3 days ago".
pub fn relative(when: i64, now: i64) -> String {
    // i128: claims may hold any i64, and the difference must not overflow.
    let diff = i128::from(when) - i128::from(now);
    let secs = u64::try_from(diff.unsigned_abs()).unwrap_or(u64::MAX);
    if diff == 0 {
        "just now".to_string()
    } else if diff > 0 {
        format!("in {}", crate::duration::span(secs))
    } else {
        format!("{} ago", crate::duration::span(secs))
    }
}

/// Unix seconds as RFC 3339 (UTC), or the number when out of range.
pub fn rfc3339(secs: i64) -> String {
    u64::try_from(secs)
        .ok()
        .filter(|s| *s <= MAX_DATE_SECS as u64)
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

    #[test]
    fn instants_read_unix_seconds_and_rfc3339_with_any_offset() {
        assert_eq!(parse_instant("1714564800").unwrap(), 1_714_564_800);
        assert_eq!(
            parse_instant("2024-05-01T12:00:00Z").unwrap(),
            1_714_564_800
        );
        assert_eq!(
            parse_instant("2024-05-01T13:30:00+01:30").unwrap(),
            1_714_564_800
        );
        assert_eq!(
            parse_instant("2024-05-01T07:00:00-05:00").unwrap(),
            1_714_564_800
        );
        assert_eq!(
            parse_instant("2024-05-01T12:00:00-00:00").unwrap(),
            1_714_564_800
        );
        assert_eq!(split_offset("2024-05-01"), ("2024-05-01", 0));
        assert!(parse_instant("2024-05-01T12:00:00+25:00").is_err());
        assert!(parse_instant("1970-01-01T00:30:00+01:00").is_err());
        assert!(parse_instant("yesterday").is_err());
    }
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
            "read-only on database mydb; table comments: data_add (as Turso reads it)"
        );
        assert_eq!(
            grants(&map(
                json!({"a":"rw","gid":"prod","perm":[{"a":["data_read"],"t":null}]})
            )),
            "read-write on group prod; every table: data_read (as Turso reads it)"
        );
        assert_eq!(
            grants(&map(
                json!({"p":{"rw":{"ns":["a"]},"roa":{"ns":["b","c"]}}})
            )),
            "read-write on database a; read-only ATTACH of databases b, c (as sqld reads it)"
        );
        // A PowerSync token: no claim either database reads; said so.
        let none = read_grants(&map(json!({"sub":"x","aud":"powersync-dev"})));
        assert_eq!(none.reading, Reading::None);
        assert!(
            none.summary
                .starts_with("no Turso or libSQL permission claims")
        );
        assert!(none.summary.contains("PowerSync"));
        let both = read_grants(&map(json!({"a":"ro","id":"x","p":{"rw":{"ns":["y"]}}})));
        assert_eq!(both.reading, Reading::Both);
        assert_eq!(
            both.summary,
            "as sqld reads it (p; it ignores a and id then): read-write on database y; as Turso reads it: read-only on database x"
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
