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

/// Read one line (through its `\n`) from `reader` into `line`, keeping at
/// most `max` bytes of its content: the rest of a longer line is read and
/// dropped a buffer at a time, never held (a gigabyte without a newline
/// costs no more memory than a token). Returns the bytes read in all (0 at
/// the end of the input) and whether the line had more than `max`.
pub fn read_line_capped(
    reader: &mut impl io::BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<(usize, bool)> {
    let (mut total, mut content) = (0usize, 0usize);
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((total, content > max));
        }
        let (n, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = (max + 1).saturating_sub(line.len());
        line.extend_from_slice(&buf[..n.min(room)]);
        content = content.saturating_add(if done { n - 1 } else { n });
        total = total.saturating_add(n);
        reader.consume(n);
        if done {
            return Ok((total, content > max));
        }
    }
}

/// Refuse a directory whose files jwksctl trusts (keys, `config.yaml`, the
/// registry, the JWKS cache) when another user could replace those files:
/// the directory must be owned by the effective user and writable by no one
/// else, and every directory above it owned by that user or by root and
/// writable by others only with the sticky bit (like `/tmp`): whoever can
/// rename a parent's entries can swap the whole tree (OpenSSH's `safe_path`
/// applies the same rule to `~/.ssh`). A missing directory is fine (jwksctl
/// creates it 0700). Each refusal names the path, the owner found and the fix.
pub fn ensure_private_dir(dir: &Path) -> crate::error::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = match fs::metadata(dir) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(crate::error::Error::failure(format!(
                    "cannot read {}: {e}",
                    dir.display()
                )));
            }
        };
        let me = owner::euid();
        if meta.uid() != me {
            return Err(crate::error::Error::failure(format!(
                "{} is owned by {}, not by you ({}): another user could replace the files jwksctl trusts there",
                dir.display(),
                owner::describe(meta.uid()),
                owner::name(me),
            ))
            .with_hint(format!(
                "move it away and jwksctl makes a new one, or `chown -R {} {}` if you trust what is in it",
                owner::name(me),
                dir.display()
            )));
        }
        let mode = meta.mode() & 0o7777;
        if let Some(who) = owner::writers(mode) {
            return Err(crate::error::Error::failure(format!(
                "{} is writable by {who} (mode {mode:o}): another user could replace the files jwksctl trusts there",
                dir.display()
            ))
            .with_hint(format!("chmod 700 {}", dir.display())));
        }
        owner::check_parents(dir, me)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Read a file from one of jwksctl's own directories (a key, `config.yaml`,
/// the registry, a cached JWKS): like [`fs::read`], but a file owned by
/// another user, or writable by group or others, is an error of kind
/// `PermissionDenied` whose text names the owner and the fix — another user
/// may have written it. Symbolic links are followed; the opened file is the
/// one checked.
pub fn read_owned(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = fs::File::open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = file.metadata()?;
        let me = owner::euid();
        if meta.uid() != me {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "it is owned by {}, not by you ({}), so another user may have written it; remove it, or `chown {} {}` if you trust it",
                    owner::describe(meta.uid()),
                    owner::name(me),
                    owner::name(me),
                    path.display()
                ),
            ));
        }
        let mode = meta.mode() & 0o7777;
        if let Some(who) = owner::writers(mode) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "it is writable by {who} (mode {mode:o}), so another user may have changed it; `chmod go-w {}` if you trust it",
                    path.display()
                ),
            ));
        }
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// [`read_owned`] for text files.
pub fn read_owned_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read_owned(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

/// Who owns what, in words; the parents' rule.
#[cfg(unix)]
mod owner {
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    /// The effective user id (uzers wraps geteuid(2), so this crate needs
    /// no unsafe code of its own).
    pub fn euid() -> u32 {
        uzers::get_effective_uid()
    }

    /// The user name of `uid`, or the number when it has none.
    pub fn name(uid: u32) -> String {
        uzers::get_user_by_uid(uid)
            .and_then(|user| user.name().to_str().map(str::to_string))
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| uid.to_string())
    }

    /// `name (uid N)`.
    pub fn describe(uid: u32) -> String {
        let name = name(uid);
        if name == uid.to_string() {
            format!("uid {uid}")
        } else {
            format!("{name} (uid {uid})")
        }
    }

    /// Who besides the owner may write, from the mode bits.
    pub fn writers(mode: u32) -> Option<&'static str> {
        match (mode & 0o020 != 0, mode & 0o002 != 0) {
            (false, false) => None,
            (true, false) => Some("its group"),
            (false, true) => Some("all users"),
            (true, true) => Some("its group and all users"),
        }
    }

    /// Every directory above `dir` (as written, and after resolving
    /// symbolic links) is owned by `me` or root, and writable by others only
    /// with the sticky bit.
    pub fn check_parents(dir: &Path, me: u32) -> crate::error::Result<()> {
        let written = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| written.clone());
        // Without a symbolic link on the way the two are one path: its
        // parents are checked once (each check is a stat(2) per parent).
        let paths: &[&std::path::PathBuf] = if real == written {
            &[&written]
        } else {
            &[&written, &real]
        };
        for path in paths {
            for parent in path.ancestors().skip(1) {
                if parent.as_os_str().is_empty() {
                    continue;
                }
                let Ok(meta) = std::fs::metadata(parent) else {
                    continue;
                };
                let uid = meta.uid();
                if uid != me && uid != 0 {
                    return Err(crate::error::Error::failure(format!(
                        "{} (above {}) is owned by {}, not by you ({}) or root: that user could replace {}",
                        parent.display(),
                        dir.display(),
                        describe(uid),
                        name(me),
                        dir.display()
                    ))
                    .with_hint("keep jwksctl's files in a directory only you and root control"));
                }
                let mode = meta.mode() & 0o7777;
                if mode & 0o1000 == 0
                    && let Some(who) = writers(mode)
                {
                    return Err(crate::error::Error::failure(format!(
                        "{} (above {}) is writable by {who} (mode {mode:o}) without the sticky bit: another user could replace {}",
                        parent.display(),
                        dir.display(),
                        dir.display()
                    ))
                    .with_hint(format!(
                        "chmod go-w {} (or keep jwksctl's files elsewhere)",
                        parent.display()
                    )));
                }
            }
        }
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

    /// The leaf must be private and every parent others can write to must
    /// carry the sticky bit; a missing leaf is fine.
    #[cfg(unix)]
    #[test]
    fn private_directories_and_their_parents() {
        use std::os::unix::fs::PermissionsExt;
        let chmod = |p: &Path, mode| fs::set_permissions(p, fs::Permissions::from_mode(mode));
        let base = tempfile::tempdir().unwrap();
        let parent = base.path().join("p");
        let dir = parent.join("d");
        ensure_dir(&dir, Some(0o700)).unwrap();
        chmod(&parent, 0o755).unwrap();
        assert!(ensure_private_dir(&dir).is_ok());
        assert!(ensure_private_dir(&parent.join("missing")).is_ok());
        for (mode, who) in [
            (0o777, "its group and all users"),
            (0o757, "all users"),
            (0o775, "its group"),
        ] {
            chmod(&parent, mode).unwrap();
            let e = ensure_private_dir(&dir).unwrap_err();
            assert_eq!(
                e.message(),
                format!(
                    "{} (above {}) is writable by {who} (mode {mode:o}) without the sticky bit: another user could replace {}",
                    parent.display(),
                    dir.display(),
                    dir.display()
                )
            );
            assert_eq!(
                e.hint(),
                Some(
                    format!(
                        "chmod go-w {} (or keep jwksctl's files elsewhere)",
                        parent.display()
                    )
                    .as_str()
                )
            );
            chmod(&parent, mode | 0o1000).unwrap();
            assert!(
                ensure_private_dir(&dir).is_ok(),
                "{mode:o} with the sticky bit"
            );
        }
        chmod(&parent, 0o755).unwrap();
        chmod(&dir, 0o720).unwrap();
        let e = ensure_private_dir(&dir).unwrap_err();
        assert!(
            e.message().contains("is writable by its group (mode 720)"),
            "{}",
            e.message()
        );
        chmod(&dir, 0o700).unwrap();
        // Files: the owner's own, writable by no one else.
        let file = dir.join("f");
        fs::write(&file, b"x").unwrap();
        chmod(&file, 0o600).unwrap();
        assert_eq!(read_owned(&file).unwrap(), b"x");
        chmod(&file, 0o622).unwrap();
        let e = read_owned(&file).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::PermissionDenied);
        assert!(
            e.to_string()
                .contains("writable by its group and all users (mode 622)"),
            "{e}"
        );
        assert_eq!(
            read_owned(&dir.join("none")).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(owner::writers(0o700), None);
        assert_eq!(owner::describe(0), "root (uid 0)");
        assert_eq!(owner::describe(4_000_000_000), "uid 4000000000");
    }

    /// A directory reached through a symbolic link: the parents of the path
    /// as written and those of the real one are both checked (the second
    /// walk is skipped only when the two paths are the same).
    #[cfg(unix)]
    #[test]
    fn parents_through_a_symbolic_link_are_checked_both_ways() {
        use std::os::unix::fs::PermissionsExt;
        let chmod = |p: &Path, mode| fs::set_permissions(p, fs::Permissions::from_mode(mode));
        let base = tempfile::tempdir().unwrap();
        let (open, safe) = (base.path().join("open"), base.path().join("safe"));
        let real = open.join("d");
        ensure_dir(&real, Some(0o700)).unwrap();
        ensure_dir(&safe, Some(0o755)).unwrap();
        chmod(&safe, 0o755).unwrap();
        let link = safe.join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        chmod(&open, 0o755).unwrap();
        assert!(ensure_private_dir(&link).is_ok());
        // Only the real path's parent is open to all users.
        chmod(&open, 0o777).unwrap();
        let e = ensure_private_dir(&link).unwrap_err();
        assert!(
            e.message().starts_with(&format!(
                "{} (above {}) is writable by its group and all users (mode 777)",
                open.display(),
                link.display()
            )),
            "{}",
            e.message()
        );
        // And only the written path's parent.
        chmod(&open, 0o755).unwrap();
        chmod(&safe, 0o777).unwrap();
        let e = ensure_private_dir(&link).unwrap_err();
        assert!(
            e.message().starts_with(&format!(
                "{} (above {}) is writable by its group and all users (mode 777)",
                safe.display(),
                link.display()
            )),
            "{}",
            e.message()
        );
    }

    #[test]
    fn capped_lines_keep_at_most_the_cap_and_drop_the_rest() {
        let input = [b"short\n".as_slice(), &[b'A'; 100_000], b"\nlast"].concat();
        let mut reader = io::BufReader::with_capacity(64, input.as_slice());
        let mut line = Vec::new();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 10).unwrap(),
            (6, false)
        );
        assert_eq!(line, b"short\n");
        line.clear();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 10).unwrap(),
            (100_001, true)
        );
        assert_eq!(line.len(), 11, "kept no more than the cap and a byte");
        line.clear();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 4).unwrap(),
            (4, false)
        );
        assert_eq!(line, b"last");
        line.clear();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 3).unwrap(),
            (0, false)
        );
        let mut exact = io::BufReader::new(b"abc\nabcd".as_slice());
        assert_eq!(
            read_line_capped(&mut exact, &mut line, 3).unwrap(),
            (4, false)
        );
        line.clear();
        assert_eq!(
            read_line_capped(&mut exact, &mut line, 3).unwrap(),
            (4, true)
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
