//! The one duration grammar every duration setting and flag reads
//! (`--timeout`, `--max-stale`, `--ttl`, `--leeway`, their variables and
//! `config.yaml` keys): whole numbers with a unit — `s`, `m`, `h`, `d`, `w`,
//! `y` (365.25 days) — combined as in `1h30m`. Nothing else: no `ms`, no
//! `months`, no bare number. The error is the reason only, one wording for
//! all; the caller names where the value came from.

use std::time::Duration;

/// The units, as every message lists them.
pub const UNITS: &str = "s, m, h, d, w, y (365.25 days), combined as in 1h30m";

/// Seconds in one of each unit.
fn unit_secs(unit: &str) -> Option<u64> {
    Some(match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        "y" => 31_557_600,
        _ => return None,
    })
}

/// Parse a duration (surrounding spaces ignored; spaces between parts allowed).
pub fn parse(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("a duration is needed (units: {UNITS})"));
    }
    if text.starts_with('-') {
        return Err("a duration cannot be negative".into());
    }
    if text.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "a unit is needed: {text}s, {text}m, {text}h or {text}d"
        ));
    }
    let mut total: u64 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let unit_len = rest[digits..].len()
            - rest[digits..]
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        let (number, unit) = (&rest[..digits], &rest[digits..digits + unit_len]);
        let bad = || format!("{text:?} is not a duration (units: {UNITS})");
        if number.is_empty() || unit.is_empty() {
            return Err(bad());
        }
        let per = unit_secs(unit)
            .ok_or_else(|| format!("unknown unit {unit:?} in {text:?} (units: {UNITS})"))?;
        let secs = number
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(per))
            .and_then(|s| s.checked_add(total))
            .ok_or_else(|| format!("{text:?} is too long"))?;
        total = secs;
        rest = &rest[digits + unit_len..];
    }
    Ok(Duration::from_secs(total))
}

/// A duration above zero (`--timeout`).
pub fn parse_above_zero(text: &str) -> Result<Duration, String> {
    match parse(text)? {
        d if d.is_zero() => Err("must be more than zero".into()),
        d => Ok(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar() {
        let ok = |t: &str| parse(t).unwrap().as_secs();
        assert_eq!(ok("15s"), 15);
        assert_eq!(ok(" 1h30m "), 5400);
        assert_eq!(ok("1h 30m"), 5400);
        assert_eq!(ok("2d"), 172_800);
        assert_eq!(ok("1w"), 604_800);
        assert_eq!(ok("1y"), 31_557_600);
        assert_eq!(ok("0s"), 0);
        for bad in [
            "1months",
            "500ms",
            "1x",
            "abc",
            "1.5h",
            "h",
            "",
            "1h-",
            "99999999999999999999y",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse("1months").unwrap_err(),
            format!("unknown unit \"months\" in \"1months\" (units: {UNITS})")
        );
        assert_eq!(
            parse("10").unwrap_err(),
            "a unit is needed: 10s, 10m, 10h or 10d"
        );
        assert_eq!(parse("-5m").unwrap_err(), "a duration cannot be negative");
        assert_eq!(
            parse_above_zero("0s").unwrap_err(),
            "must be more than zero"
        );
    }
}
