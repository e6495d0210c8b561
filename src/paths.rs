//! Where jwksctl keeps its files (docs/registry.md, "Settings: config"): the platform directories, or
//! `DIR/config`, `DIR/data`, `DIR/cache` under `--home` / `JWKSCTL_HOME`.
//! Nothing here creates a directory; writers do that on first write.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

/// The three roots jwksctl uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paths {
    /// `config.yaml`, `registry.json`.
    pub config_dir: PathBuf,
    /// `keys/`.
    pub data_dir: PathBuf,
    /// `jwks/`.
    pub cache_dir: PathBuf,
}

impl Paths {
    /// Resolve from `--home` (already merged with `JWKSCTL_HOME` by clap) or the platform.
    pub fn resolve(home: Option<&Path>) -> Result<Self> {
        match home {
            Some(home) if !home.as_os_str().is_empty() => Ok(Self::under(home)),
            _ => {
                let dirs = directories::ProjectDirs::from("", "", "jwksctl").ok_or_else(|| {
                    Error::failure("cannot find a home directory for jwksctl's files")
                        .with_hint("set JWKSCTL_HOME or pass --home DIR")
                })?;
                Ok(Paths {
                    config_dir: dirs.config_dir().to_path_buf(),
                    data_dir: dirs.data_dir().to_path_buf(),
                    cache_dir: dirs.cache_dir().to_path_buf(),
                })
            }
        }
    }

    /// The layout under one directory, as `--home DIR` asks.
    pub fn under(home: &Path) -> Self {
        Paths {
            config_dir: home.join("config"),
            data_dir: home.join("data"),
            cache_dir: home.join("cache"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_layout() {
        let p = Paths::resolve(Some(Path::new("/tmp/h"))).unwrap();
        assert_eq!(p.config_dir, Path::new("/tmp/h/config"));
        assert_eq!(p.data_dir, Path::new("/tmp/h/data"));
        assert_eq!(p.cache_dir, Path::new("/tmp/h/cache"));
    }
}
