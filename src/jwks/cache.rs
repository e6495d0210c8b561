//! The JWKS cache (docs/registry.md, "The JWKS cache"): `cache/jwks/<sha256-hex of URL>.json` holding the
//! URL, fetch time, max-age, ETag and body. A cache file that cannot be read
//! or parsed is treated as absent and replaced on the next fetch — the cache
//! is an optimisation, never a reason to fail.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::fsutil;

/// Shortest freshness honoured.
pub const MIN_MAX_AGE: Duration = Duration::from_secs(60);
/// Longest freshness honoured.
pub const MAX_MAX_AGE: Duration = Duration::from_secs(24 * 60 * 60);
/// How far ahead of the clock a cached fetch time may be (a clock set back
/// a little); further ahead, the entry is not believed.
pub const CLOCK_SKEW: u64 = 5 * 60;
/// Freshness when the server says nothing.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(10 * 60);

/// One cached document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheEntry {
    pub url: String,
    /// Unix seconds of the last successful fetch or revalidation.
    pub fetched_at: u64,
    /// Seconds the entry stays fresh.
    pub max_age: u64,
    pub etag: Option<String>,
    pub body: String,
}

impl CacheEntry {
    /// Seconds since the fetch (0 if the clock went backwards).
    pub fn age(&self, now: u64) -> u64 {
        now.saturating_sub(self.fetched_at)
    }

    /// The entry as jwksctl would have stored it, or `None` when it could
    /// not have: `max_age` clamped to [`MAX_MAX_AGE`] (a planted
    /// `18446744073709551615` is one day, not for ever) and a fetch time
    /// after `now` (more than [`CLOCK_SKEW`] ahead, which would keep it
    /// fresh until then) refused. An old fetch time is merely stale.
    pub fn sanitized(mut self, now: u64) -> Option<CacheEntry> {
        if self.fetched_at > now.saturating_add(CLOCK_SKEW) {
            return None;
        }
        self.max_age = self.max_age.min(MAX_MAX_AGE.as_secs());
        Some(self)
    }

    /// Still fresh at `now`.
    pub fn is_fresh(&self, now: u64) -> bool {
        now >= self.fetched_at && self.age(now) < self.max_age
    }
}

/// The cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache under `cache_dir/jwks`.
    pub fn new(cache_dir: &std::path::Path) -> Self {
        Cache {
            dir: cache_dir.join("jwks"),
        }
    }

    /// The file for a URL.
    pub fn path_for(&self, url: &str) -> PathBuf {
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, url.as_bytes());
        let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{hex}.json"))
    }

    /// The entry for `url`, if a readable one exists for exactly that URL.
    /// The file is judged as read, not as written: it must be the user's
    /// own ([`fsutil::read_owned`]), and [`CacheEntry::sanitized`] clamps
    /// its freshness and drops it when its dates are impossible.
    pub fn load(&self, url: &str) -> Option<CacheEntry> {
        let bytes = fsutil::read_owned(&self.path_for(url)).ok()?;
        let entry: CacheEntry = serde_json::from_slice(&bytes).ok()?;
        (entry.url == url).then_some(entry)?.sanitized(now_unix())
    }

    /// Write an entry (atomically). Failure is reported to the caller, who
    /// warns: a read-only cache directory must not fail a command.
    pub fn store(&self, entry: &CacheEntry) -> std::io::Result<()> {
        fsutil::ensure_dir(&self.dir, Some(0o700))?;
        let bytes = serde_json::to_vec(entry).map_err(std::io::Error::other)?;
        fsutil::write_atomic(&self.path_for(&entry.url), &bytes, 0o600)
    }
}

/// Unix seconds now.
pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Freshness from a `Cache-Control` header, clamped to [60 s, 24 h];
/// 10 minutes when absent or unreadable.
pub fn max_age(cache_control: Option<&str>) -> Duration {
    let parsed = cache_control.and_then(|value| {
        value.split(',').find_map(|directive| {
            let (name, arg) = directive.trim().split_once('=')?;
            if name.trim().eq_ignore_ascii_case("max-age") {
                arg.trim().trim_matches('"').parse::<u64>().ok()
            } else {
                None
            }
        })
    });
    match parsed {
        Some(secs) => Duration::from_secs(secs).clamp(MIN_MAX_AGE, MAX_MAX_AGE),
        None => DEFAULT_MAX_AGE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn max_age_is_clamped() {
        assert_eq!(max_age(None), DEFAULT_MAX_AGE);
        assert_eq!(max_age(Some("public, max-age=3600")).as_secs(), 3600);
        assert_eq!(max_age(Some("max-age=5")), MIN_MAX_AGE);
        assert_eq!(max_age(Some("max-age=9999999")), MAX_MAX_AGE);
        assert_eq!(max_age(Some("no-cache")), DEFAULT_MAX_AGE);
        assert_eq!(max_age(Some("max-age=abc")), DEFAULT_MAX_AGE);
    }

    #[test]
    fn corrupt_or_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let entry = CacheEntry {
            url: "https://a/".into(),
            fetched_at: now_unix() - 100,
            max_age: 60,
            etag: Some("\"x\"".into()),
            body: "{}".into(),
        };
        cache.store(&entry).unwrap();
        assert_eq!(cache.load("https://a/"), Some(entry.clone()));
        let at = entry.fetched_at;
        assert!(entry.is_fresh(at + 59) && !entry.is_fresh(at + 60));
        fs::write(cache.path_for("https://a/"), b"{trunc").unwrap();
        assert_eq!(cache.load("https://a/"), None);
        // An entry stored under another URL's name does not count.
        let other = CacheEntry {
            url: "https://b/".into(),
            ..entry
        };
        fs::write(
            cache.path_for("https://a/"),
            serde_json::to_vec(&other).unwrap(),
        )
        .unwrap();
        assert_eq!(cache.load("https://a/"), None);
    }

    /// The bounds docs/registry.md states: one minute to one day, ten
    /// minutes by default, five minutes of clock skew.
    #[test]
    fn the_documented_bounds() {
        assert_eq!((MIN_MAX_AGE.as_secs(), MAX_MAX_AGE.as_secs()), (60, 86_400));
        assert_eq!((DEFAULT_MAX_AGE.as_secs(), CLOCK_SKEW), (600, 300));
    }

    /// A file planted (or hand-edited) with an endless max-age or a fetch
    /// time in the future is not believed as written.
    #[test]
    fn planted_freshness_is_clamped_or_refused_on_load() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let now = now_unix();
        let entry = CacheEntry {
            url: "https://a/".into(),
            fetched_at: now,
            max_age: u64::MAX,
            etag: None,
            body: "{}".into(),
        };
        cache.store(&entry).unwrap();
        let loaded = cache.load("https://a/").unwrap();
        assert_eq!(loaded.max_age, MAX_MAX_AGE.as_secs());
        assert!(!loaded.is_fresh(now + MAX_MAX_AGE.as_secs()));
        let ahead = |fetched_at| CacheEntry {
            fetched_at,
            max_age: 60,
            ..entry.clone()
        };
        cache.store(&ahead(now + 10 * 365 * 86_400)).unwrap();
        assert_eq!(cache.load("https://a/"), None);
        assert_eq!(ahead(now + CLOCK_SKEW + 1).sanitized(now), None);
        assert!(ahead(now + CLOCK_SKEW).sanitized(now).is_some());
        assert_eq!(ahead(1).sanitized(now).map(|e| e.max_age), Some(60));
        // A file others could have written is not read at all.
        cache.store(&ahead(now)).unwrap();
        assert!(cache.load("https://a/").is_some());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = cache.path_for("https://a/");
            fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
            assert_eq!(cache.load("https://a/"), None);
        }
    }
}
