//! The one duration grammar every duration setting and flag reads
//! (`--timeout`, `--max-stale`, `--ttl`, `--leeway`, their variables and
//! `config.yaml` keys): whole numbers with a unit — `s`, `m`, `h`, `d`, `w`,
//! `y` (365.25 days) — combined as in `1h30m`. Nothing else: no `ms`, no
//! `months`, no bare number. The error is the reason only, one wording for
//! all; the caller names where the value came from.
//!
//! And the one place durations are written for people, in three registers
//! that messages have always used and tests pin: [`exact`] for a setting
//! said back (`did not answer within 2s`), [`span`] for a time in words
//! (`expires in 11h 58m`), [`coarse`] for an age at a glance (`fetched 3m
//! ago`).

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

/// A setting's value said back, every unit down to the second (humantime's
/// spelling: `2s`, `1h 30m`, `1day 2h`, `7days`, `1year 2months`).
pub fn exact(d: Duration) -> String {
    humantime::format_duration(d).to_string()
}

/// A time in words, two units at most: "45s", "2m 5s", "11h 58m",
/// "1 day 3h", "3 days".
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

/// One unit, rounded down, for an age at a glance: "12s", "3m", "2h",
/// "5d" (a unit is used from two of it on: "90s", "119m").
pub fn coarse(secs: u64) -> String {
    match secs {
        s if s < 120 => format!("{s}s"),
        s if s < 7200 => format!("{}m", s / 60),
        s if s < 172_800 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86_400),
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

    /// The three registers, each pinned at its boundaries (messages and
    /// snapshots print them).
    #[test]
    fn the_three_spellings() {
        let exact = |s: u64| exact(Duration::from_secs(s));
        type Spelling = fn(u64) -> String;
        let cases: [(Spelling, u64, &str); 25] = [
            (exact, 0, "0s"),
            (exact, 2, "2s"),
            (exact, 5400, "1h 30m"),
            (exact, 86_400, "1day"),
            (exact, 7 * 86_400 + 5, "7days 5s"),
            (exact, 31_557_600, "1year"),
            (span, 0, "0s"),
            (span, 59, "59s"),
            (span, 60, "1m"),
            (span, 120, "2m"),
            (span, 125, "2m 5s"),
            (span, 3600, "1h"),
            (span, 43_080, "11h 58m"),
            (span, 86_400, "1 day"),
            (span, 86_400 + 3 * 3600 + 59, "1 day 3h"),
            (span, 2 * 86_400 - 1, "1 day 23h"),
            (span, 3 * 86_400 + 5, "3 days"),
            (coarse, 0, "0s"),
            (coarse, 119, "119s"),
            (coarse, 120, "2m"),
            (coarse, 7199, "119m"),
            (coarse, 7200, "2h"),
            (coarse, 172_799, "47h"),
            (coarse, 172_800, "2d"),
            (coarse, 30 * 86_400, "30d"),
        ];
        for (write, secs, text) in cases {
            assert_eq!(write(secs), text, "{secs}");
        }
        assert_eq!(coarse(u64::MAX), format!("{}d", u64::MAX / 86_400));
    }
}
