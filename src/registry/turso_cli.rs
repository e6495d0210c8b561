//! The Turso CLI's login (docs/registry.md, "Using the Turso CLI's login"):
//! where `turso auth login` keeps its session and what jwksctl reads of it.
//! The file is read, never written. The rules follow tursodatabase/turso-cli
//! at commit e149f6987e52f2715c2e4991c43875367f59b237 (cited beside each).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::secret::Secret;

/// The variable that moves the Turso CLI's config folder.
/// turso-cli `internal/settings/settings.go`, `ReadSettings`:
/// `viper.BindEnv("config-path", "TURSO_CONFIG_FOLDER")`, used when non-empty.
pub const CONFIG_FOLDER_VAR: &str = "TURSO_CONFIG_FOLDER";

/// The variable that sets the Platform API's base URL.
/// turso-cli `internal/settings/settings.go`: `viper.BindEnv("baseURL",
/// "TURSO_API_BASEURL")`; `internal/cmd/utils.go`, `getTursoUrl`: an empty
/// value means the default URL.
pub const BASE_URL_VAR: &str = "TURSO_API_BASEURL";

/// The variable holding an API token, which wins over the settings file.
/// turso-cli `internal/cmd/db.go`, `getAccessToken`: `envAccessToken()`
/// (`TURSO_API_TOKEN`, when non-empty) before `settings.GetToken()`.
pub const TOKEN_VAR: &str = "TURSO_API_TOKEN";

/// The largest settings file read (the Turso CLI's is a few hundred bytes).
const MAX_SETTINGS: u64 = 64 * 1024;

/// The Turso CLI's config folder: `TURSO_CONFIG_FOLDER` when set and
/// non-empty, else the platform's config directory + `turso`.
/// turso-cli `internal/settings/settings.go`, `ReadSettings`:
/// `configdir.LocalConfig("turso")` (kirsle/configdir: `$XDG_CONFIG_HOME` or
/// `~/.config` on Linux, `~/Library/Application Support` on macOS,
/// `%APPDATA%` on Windows — the directories crate's `config_dir`), replaced
/// by the `config-path` value when it is non-empty.
pub fn folder(config_folder_var: Option<&str>) -> Option<PathBuf> {
    match config_folder_var {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::BaseDirs::new().map(|d| d.config_dir().join("turso")),
    }
}

/// The settings file in a config folder.
/// turso-cli `internal/settings/settings.go`: `viper.SetConfigName("settings")`,
/// `SetConfigType("json")`, `AddConfigPath(configPath)`.
pub fn file_in(folder: &Path) -> PathBuf {
    folder.join("settings.json")
}

/// What jwksctl uses of the Turso CLI's settings.
#[derive(Debug, Clone)]
pub struct CliSettings {
    /// The file read.
    pub path: PathBuf,
    /// `token`, when a non-empty string (`turso auth logout` empties it).
    pub token: Option<Secret<String>>,
    /// `organization`, when a non-empty string; `None` means the user's
    /// personal organization. turso-cli `internal/cmd/org.go`, `isCurrentOrg`:
    /// an organization of type `personal` is the current one when the
    /// setting is `""`; `currentOrg` then addresses it by its `slug`.
    pub organization: Option<String>,
    /// Group or others may read the file (it holds a token; the Turso CLI
    /// writes it 0600: `settingsFileMode` in settings.go).
    pub readable_by_others: bool,
}

/// Why the settings file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CliSettingsError {
    #[error("cannot read {path}: {why}")]
    Unreadable { path: String, why: String },
    #[error("{path} is not a JSON object: {why}")]
    NotJson { path: String, why: String },
}

/// Read the settings file in `folder`. A missing file is `Ok(None)` (the
/// Turso CLI was never used, or its folder is elsewhere).
pub fn load(folder: &Path) -> Result<Option<CliSettings>, CliSettingsError> {
    let path = file_in(folder);
    let shown = path.display().to_string();
    let bytes = match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CliSettingsError::Unreadable {
                path: shown,
                why: e.to_string(),
            });
        }
        Ok(_) => crate::fsutil::read_capped(&path, MAX_SETTINGS).map_err(|why| {
            CliSettingsError::Unreadable {
                path: shown.clone(),
                why,
            }
        })?,
    };
    let mut settings = parse(&bytes).map_err(|why| CliSettingsError::NotJson {
        path: shown.clone(),
        why,
    })?;
    settings.path = path.clone();
    settings.readable_by_others = readable_by_others(&path);
    Ok(Some(settings))
}

/// The members jwksctl reads, from the file's text. Keys are matched without
/// regard to case, as viper does (turso-cli reads them through
/// `viper.GetString("token")` / `viper.GetString("organization")`, and viper
/// keys are case-insensitive). Values that are not strings are ignored.
fn parse(bytes: &[u8]) -> Result<CliSettings, String> {
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let Value::Object(map) = doc else {
        return Err("expected an object".into());
    };
    let member = |name: &str| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.as_str())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    Ok(CliSettings {
        path: PathBuf::new(),
        token: member("token").map(Secret::new),
        organization: member("organization"),
        readable_by_others: false,
    })
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_as_viper_reads_them() {
        let s = parse(br#"{"token":"t0k","organization":"acme","usedCommands":{}}"#).unwrap();
        assert_eq!(s.token.as_ref().map(|t| t.expose().as_str()), Some("t0k"));
        assert_eq!(s.organization.as_deref(), Some("acme"));
        // Keys in any case; empty or missing values are absent (personal org,
        // logged out); a non-string is ignored.
        let s = parse(br#"{"Token":"x","ORGANIZATION":""}"#).unwrap();
        assert_eq!(s.token.as_ref().map(|t| t.expose().as_str()), Some("x"));
        assert_eq!(s.organization, None);
        let s = parse(br#"{"token":"","organization":7}"#).unwrap();
        assert!(s.token.is_none() && s.organization.is_none());
        assert!(parse(b"[1]").is_err());
        assert!(parse(b"{").is_err());
        assert_eq!(
            format!("{:?}", parse(br#"{"token":"t0k"}"#).unwrap().token),
            "Some([redacted])"
        );
    }

    #[test]
    fn folder_rule() {
        assert_eq!(folder(Some("/x/y")), Some(PathBuf::from("/x/y")));
        let default = folder(Some(""));
        assert_eq!(default, folder(None));
        if let Some(dir) = default {
            assert!(dir.ends_with("turso"));
        }
    }

    #[test]
    fn load_reads_the_file_and_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).unwrap().is_none());
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"token":"t","organization":"o"}"#).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            assert!(!load(dir.path()).unwrap().unwrap().readable_by_others);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            assert!(load(dir.path()).unwrap().unwrap().readable_by_others);
        }
        let s = load(dir.path()).unwrap().unwrap();
        assert_eq!(s.path, path);
        std::fs::write(&path, "not json").unwrap();
        assert!(matches!(
            load(dir.path()),
            Err(CliSettingsError::NotJson { .. })
        ));
    }
}
