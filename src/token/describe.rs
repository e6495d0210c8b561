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
/// offset (`+01:00`); without an offset the time is read as UTC. Read by
/// jiff's RFC 3339 / ISO 8601 parser (`Pieces`, so that a missing offset is
/// seen rather than refused). From 1970 to the end of year 9999 (the dates
/// every print can show). The error is the reason only; the caller names
/// what was given.
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
    // The reason in the words of the parser used before jiff, by the kind
    // of jiff's error (its own text names its internals).
    let invalid = |range: bool| -> String {
        let why = if range {
            "numeric component is out of range"
        } else {
            "timestamp format is invalid"
        };
        format!("{why} (expected Unix seconds or RFC 3339, e.g. 2024-05-01T12:00:00Z)")
    };
    let pieces = jiff::fmt::temporal::Pieces::parse(text).map_err(|e| invalid(e.is_range()))?;
    let time = pieces.time().ok_or_else(|| invalid(false))?;
    // RFC 3339's offsets stop at 23:59 (jiff reads up to 25:59:59).
    let offset = pieces.to_numeric_offset().unwrap_or(jiff::tz::Offset::UTC);
    if offset.seconds().abs() >= 24 * 3600 {
        return Err(invalid(false));
    }
    // Civil seconds since the epoch, then the offset: a jiff `Timestamp`
    // stops short of 9999-12-31T23:59:59Z, the last instant allowed here.
    let civil = pieces
        .date()
        .to_datetime(time)
        .duration_since(jiff::civil::datetime(1970, 1, 1, 0, 0, 0, 0));
    Some(civil.as_secs() - i64::from(offset.seconds()))
        .filter(|secs| (0..=MAX_DATE_SECS).contains(secs))
        .ok_or_else(range)
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

    /// `--at`'s instants, accepted and refused. Rows marked "was" changed
    /// when jiff replaced humantime's weak RFC 3339 parser and the offset
    /// split by hand: the forms jiff reads beyond RFC 3339 (ISO 8601 and
    /// RFC 9557) are unambiguous and accepted; what the old parser let
    /// through by not looking (text after `Z`, two offsets, a fraction
    /// without digits or past nanoseconds) is refused.
    #[test]
    fn instants_read_unix_seconds_and_rfc3339_with_any_offset() {
        const NOON: i64 = 1_714_564_800; // 2024-05-01T12:00:00Z
        const FORMAT: &str = "timestamp format is invalid (expected Unix seconds or RFC 3339, e.g. 2024-05-01T12:00:00Z)";
        const RANGE: &str = "numeric component is out of range (expected Unix seconds or RFC 3339, e.g. 2024-05-01T12:00:00Z)";
        let bounds = format!(
            "must be between 1970-01-01T00:00:00Z (0) and 9999-12-31T23:59:59Z ({MAX_DATE_SECS})"
        );
        let bounds = bounds.as_str();
        let table: &[(&str, Result<i64, &str>)] = &[
            // Unix seconds.
            ("1714564800", Ok(NOON)),
            (" 1714564800 ", Ok(NOON)),
            ("0", Ok(0)),
            ("-0", Ok(0)),
            ("-1", Err(bounds)),
            ("253402300799", Ok(MAX_DATE_SECS)),
            ("253402300800", Err(bounds)),
            ("1.5", Err(FORMAT)),
            ("1e9", Err(FORMAT)),
            ("+5", Err(FORMAT)),
            ("", Err(FORMAT)),
            (" ", Err(FORMAT)),
            // RFC 3339, UTC.
            ("2024-05-01T12:00:00Z", Ok(NOON)),
            ("2024-05-01 12:00:00Z", Ok(NOON)),
            ("2024-05-01T12:00:00.5Z", Ok(NOON)),
            ("2024-05-01T12:00:00+00:00", Ok(NOON)),
            ("2024-05-01T12:00:00-00:00", Ok(NOON)),
            ("2024-05-01T12:00:00Z[UTC]", Ok(NOON)),
            ("2024-05-01t12:00:00z", Ok(NOON)),    // was refused
            ("2024-05-01T12:00:00,5Z", Ok(NOON)),  // was refused
            ("2024-05-01T12:00Z", Ok(NOON)),       // was refused
            ("2024-05-01T12Z", Ok(NOON)),          // was refused
            ("20240501T120000Z", Ok(NOON)),        // was refused
            ("+002024-05-01T12:00:00Z", Ok(NOON)), // was refused
            // No offset: UTC.
            ("2024-05-01T12:00:00", Ok(NOON)),
            ("2024-05-01 12:00:00", Ok(NOON)),
            ("2024-05-01T12:00:00.5", Ok(NOON)),
            // Numeric offsets.
            ("2024-05-01T13:30:00+01:30", Ok(NOON)),
            ("2024-05-01T07:00:00-05:00", Ok(NOON)),
            ("2024-05-01T13:00:00.25+01:00", Ok(NOON)),
            ("2024-05-01T12:00:00+23:59", Ok(NOON - 86_340)),
            ("2024-05-01T13:00:00+01:00[Europe/Paris]", Ok(NOON)), // was refused
            ("2024-05-01T13:00:00+01", Ok(NOON)),                  // was refused
            ("2024-05-01T13:00:00+0100", Ok(NOON)),                // was refused
            ("2024-05-01T13:00:00+01:00:00", Ok(NOON)),            // was refused
            ("2024-05-01T12:00:00+24:00", Err(FORMAT)),
            ("2024-05-01T12:00:00+25:00", Err(FORMAT)),
            ("2024-05-01T12:00:00+01:60", Err(RANGE)), // was FORMAT
            ("2024-05-01T12:00:00Z+01:00", Err(FORMAT)), // was NOON - 3600
            ("2024-05-01T12:00:00+00:00+01:00", Err(FORMAT)), // was NOON - 3600
            // Leap seconds read as :59.
            ("2024-05-01T12:00:60Z", Ok(NOON + 59)),
            ("2024-12-31T23:59:60Z", Ok(1_735_689_599)),
            // Calendar and clock ranges.
            ("2024-02-29T00:00:00Z", Ok(1_709_164_800)),
            ("2023-02-29T00:00:00Z", Err(RANGE)),
            ("2024-02-30T00:00:00Z", Err(RANGE)),
            ("2024-13-01T00:00:00Z", Err(RANGE)),
            ("2024-00-01T00:00:00Z", Err(RANGE)),
            ("2024-05-01T24:00:00Z", Err(RANGE)),
            ("2024-05-01T12:00:0xZ", Err(FORMAT)), // was "bad character where digit is expected"
            ("2024-0x-01T12:00:00Z", Err(FORMAT)), // was "bad character where digit is expected"
            // From 1970 to the end of 9999.
            ("1970-01-01T00:00:00Z", Ok(0)),
            ("1970-01-01T00:00:00-01:00", Ok(3600)),
            ("1970-01-01T00:30:00+01:00", Err(bounds)),
            ("1969-12-31T23:59:59Z", Err(bounds)), // was RANGE
            ("9999-12-31T23:59:59Z", Ok(MAX_DATE_SECS)),
            ("9999-12-31T23:00:00+01:00", Ok(MAX_DATE_SECS - 7199)),
            ("9999-12-31T23:59:59-00:01", Err(bounds)),
            ("10000-01-01T00:00:00Z", Err(FORMAT)),
            // Not an instant.
            ("2024-05-01", Err(FORMAT)),
            ("2024-05-01Z", Err(FORMAT)),
            ("2024-05-01T12:00:00 Z", Err(FORMAT)),
            ("2024-05-01T12:00:00ZZ", Err(FORMAT)), // was NOON
            ("2024-05-01T12:00:00.Z", Err(FORMAT)), // was NOON
            ("2024-05-01T12:00:00.123456789123Z", Err(FORMAT)), // was NOON
            ("２０２４-05-01T12:00:00Z", Err(FORMAT)),
            ("yesterday", Err(FORMAT)),
            ("now", Err(FORMAT)),
        ];
        for (text, want) in table {
            assert_eq!(
                parse_instant(text)
                    .as_ref()
                    .copied()
                    .map_err(String::as_str),
                *want,
                "{text:?}"
            );
        }
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
