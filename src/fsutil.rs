//! File writes that never leave a partial file: write a temporary file in the
//! target's directory, fsync it, rename it over the target, fsync the directory.
//! Also the one capped reader for files the user names on the command line.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Create `dir` (and parents) if missing; on Unix, set `mode` on the directories
/// this call creates (e.g. `0o700` for the key store).
pub fn ensure_dir(dir: &Path, mode: Option<u32>) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder.create(dir)
}

/// The prefix of `path`'s temporary files: `.jwksctl-tmp-<file name>-`, so
/// a writer that holds the file's lock can tell its dead predecessors' files.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".jwksctl-tmp-{name}-")
}

fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Atomically replace `path` with `bytes`. The parent directory must exist.
/// On Unix the new file gets `mode`, exactly (the umask does not apply):
/// tempfile creates its files 0o600, so every caller says which mode it wants.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let dir = parent_dir(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Remove the temporary files that writers of `path` killed mid-write left
/// behind (a killed process runs no destructor). Only for a caller that holds
/// the lock every writer of `path` takes: then no live writer owns one.
pub fn remove_stale_temps(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(parent_dir(path)) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The most jwksctl reads from a file named on the command line (a key, JWKS,
/// secret, claims or PowerSync file): 1 MiB, the cap on HTTP bodies too. A
/// larger file (or `/dev/zero`) is refused after reading just past the cap.
pub const MAX_USER_FILE: u64 = 1024 * 1024;

/// A file named on the command line, at most [`MAX_USER_FILE`]; a usage error
/// (exit 2) naming the file, and the limit when it is too large.
pub fn read_user_file(path: &Path) -> crate::error::Result<Vec<u8>> {
    read_capped(path, MAX_USER_FILE).map_err(crate::error::Error::usage)
}

/// [`read_user_file`] for text files: the bytes must be UTF-8.
pub fn read_user_text(path: &Path) -> crate::error::Result<String> {
    String::from_utf8(read_user_file(path)?)
        .map_err(|_| crate::error::Error::usage(format!("{} is not UTF-8 text", path.display())))
}

/// Read a user-named file of at most `cap` bytes. The error names the file
/// (and says when it is too large); callers choose its kind.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if bytes.len() as u64 > cap {
        let limit = if cap.is_multiple_of(1024 * 1024) {
            format!("{} MiB", cap / (1024 * 1024))
        } else {
            format!("{cap} bytes")
        };
        return Err(format!("{} is larger than {limit}", path.display()));
    }
    Ok(bytes)
}

/// Refuse a directory whose files jwksctl trusts (keys, `config.yaml`, the
/// registry) when group or others may write to it: they could replace those
/// files. A missing directory is fine (jwksctl creates it 0700).
pub fn ensure_private_dir(dir: &Path) -> crate::error::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match fs::metadata(dir) {
            Ok(meta) => meta.permissions().mode() & 0o7777,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(crate::error::Error::failure(format!(
                    "cannot read {}: {e}",
                    dir.display()
                )));
            }
        };
        let who = match (mode & 0o020 != 0, mode & 0o002 != 0) {
            (false, false) => return Ok(()),
            (true, false) => "its group",
            (false, true) => "all users",
            (true, true) => "its group and all users",
        };
        Err(crate::error::Error::failure(format!(
            "{} is writable by {who} (mode {mode:o}): another user could replace the files jwksctl trusts there",
            dir.display()
        ))
        .with_hint(format!("chmod 700 {}", dir.display())))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Hold an exclusive lock on `path` (created if missing) until the returned
/// file is dropped. Other jwksctl processes wait; the lock dies with the
/// process, so a killed writer never leaves a stale lock behind. A symbolic
/// link at `path` is never followed (it could make jwksctl create or lock a
/// file elsewhere): it is an error.
pub fn lock_exclusive(path: &Path) -> crate::error::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.create(true).truncate(false).read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW).mode(0o600);
    }
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return crate::error::Error::failure(format!(
                "the lock file {} is a symbolic link; jwksctl does not follow it",
                path.display()
            ))
            .with_hint(format!("remove {} and run again", path.display()));
        }
        crate::error::Error::failure(format!("cannot open lock file {}: {e}", path.display()))
    })?;
    file.lock().map_err(|e| {
        crate::error::Error::failure(format!("cannot lock {}: {e}", path.display()))
    })?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_reads_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        fs::write(&path, vec![b'x'; 2 * 1024 * 1024 + 1]).unwrap();
        let e = read_capped(&path, 2 * 1024 * 1024).unwrap_err();
        assert!(e.ends_with("big is larger than 2 MiB"), "{e}");
        assert_eq!(
            read_capped(&path, 3 * 1024 * 1024).unwrap().len(),
            2 * 1024 * 1024 + 1
        );
        assert!(
            read_capped(&dir.path().join("none"), 10)
                .unwrap_err()
                .starts_with("cannot read")
        );
    }

    #[test]
    fn replaces_whole_file_and_sets_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.json");
        ensure_dir(path.parent().unwrap(), Some(0o700)).unwrap();
        write_atomic(&path, b"first", 0o644).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644, "the mode asked for, not tempfile's 0o600");
        }
        write_atomic(&path, b"second", 0o600).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let dmode = fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(dmode, 0o700);
        }
        // No temporary files left behind.
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }
}
