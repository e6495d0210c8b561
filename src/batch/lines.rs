//! Lines read in blocks, for [`super::ordered_map`]'s inputs: each line
//! refers to the block it was read in (shared and counted), so reading a
//! line allocates nothing, handing it to another thread copies nothing,
//! and a block's memory is freed once, by whichever thread drops its last
//! line. (A line read into a `String` of its own is allocated by the
//! reading thread and freed by another: glibc's allocator pays for that on
//! both threads, a tenth of a parallel run.)

use std::io::{self, Read};
use std::sync::Arc;

/// Bytes asked of the reader at once (a block holds what one read brings).
const BLOCK: usize = 64 * 1024;

/// One line, through its `\n` (the last line of the input may have none).
#[derive(Clone)]
pub struct Line {
    block: Arc<Vec<u8>>,
    start: usize,
    end: usize,
    too_long: bool,
    /// A too-long line had nothing but ASCII whitespace.
    space: bool,
}

impl Line {
    /// The line's bytes, its `\n` included; empty when it is too long.
    pub fn bytes(&self) -> &[u8] {
        &self.block[self.start..self.end]
    }

    /// Its content was longer than the cap: only its end was read, and its
    /// bytes were dropped as they came.
    pub fn too_long(&self) -> bool {
        self.too_long
    }

    /// A too-long line had nothing but ASCII whitespace (its bytes are not
    /// kept, so this is what can be known of it).
    pub fn too_long_and_blank(&self) -> bool {
        self.too_long && self.space
    }
}

fn all_space(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// The lines of `reader`, a line at most `cap` bytes long (without its `\n`)
/// before it counts as too long: a longer line costs no more memory than
/// twice `cap`, however long it is.
pub struct Lines<R> {
    reader: R,
    cap: usize,
    block: Arc<Vec<u8>>,
    /// Where the next line starts in `block`.
    pos: usize,
    /// Where `block` was searched for a `\n` from `pos`, without finding one.
    searched: usize,
    /// The `\n` ending the next line, once found.
    newline: Option<usize>,
    /// The reader said it has no more.
    eof: bool,
}

impl<R: Read> Lines<R> {
    pub fn new(reader: R, cap: usize) -> Lines<R> {
        Lines {
            reader,
            cap,
            block: Arc::new(Vec::new()),
            pos: 0,
            searched: 0,
            newline: None,
            eof: false,
        }
    }

    /// True when the next line is here already (or the end is): reading it
    /// will not wait.
    pub fn buffered(&mut self) -> bool {
        self.eof || self.find_newline().is_some()
    }

    /// The next line, `None` at the end of the input.
    pub fn next_line(&mut self) -> io::Result<Option<Line>> {
        loop {
            if let Some(newline) = self.find_newline() {
                return Ok(Some(self.take(newline + 1)));
            }
            if self.eof {
                if self.pos < self.block.len() {
                    return Ok(Some(self.take(self.block.len())));
                }
                return Ok(None);
            }
            if self.block.len() - self.pos > self.cap {
                return self.skip_long_line().map(Some);
            }
            self.refill()?;
        }
    }

    fn find_newline(&mut self) -> Option<usize> {
        if self.newline.is_none() {
            let from = self.searched.max(self.pos);
            self.newline = self.block[from..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|i| from + i);
            self.searched = self.block.len();
        }
        self.newline
    }

    fn take(&mut self, end: usize) -> Line {
        let bytes = &self.block[self.pos..end];
        let content = bytes.len() - usize::from(bytes.ends_with(b"\n"));
        let too_long = content > self.cap;
        let line = Line {
            block: self.block.clone(),
            start: if too_long { end } else { self.pos },
            end,
            too_long,
            space: too_long && all_space(bytes),
        };
        self.pos = end;
        self.searched = end;
        self.newline = None;
        line
    }

    /// A new block: the start of the line read so far, then one read's worth.
    fn refill(&mut self) -> io::Result<()> {
        let rest = &self.block[self.pos..];
        let mut block = Vec::with_capacity(BLOCK.max(rest.len() * 2));
        block.extend_from_slice(rest);
        let searched = block.len();
        let n = read_into(&mut self.reader, &mut block)?;
        self.eof = n == 0;
        // A short read (a line at a time from a terminal or a pipe) keeps
        // only what it holds: a line holds its whole block while it waits.
        if block.len() < block.capacity() / 4 {
            block.shrink_to_fit();
        }
        self.block = Arc::new(block);
        self.pos = 0;
        self.searched = searched;
        self.newline = None;
        Ok(())
    }

    /// The line is longer than the cap: drop it up to its `\n` (or the end),
    /// a read at a time, and keep what follows.
    fn skip_long_line(&mut self) -> io::Result<Line> {
        let mut space = all_space(&self.block[self.pos..]);
        let mut buf = Vec::with_capacity(BLOCK);
        loop {
            buf.clear();
            if read_into(&mut self.reader, &mut buf)? == 0 {
                self.eof = true;
                break;
            }
            if let Some(i) = buf.iter().position(|&b| b == b'\n') {
                space &= all_space(&buf[..i]);
                buf.drain(..=i);
                break;
            }
            space &= all_space(&buf);
        }
        self.block = Arc::new(buf);
        self.pos = 0;
        self.searched = 0;
        self.newline = None;
        Ok(Line {
            block: self.block.clone(),
            start: 0,
            end: 0,
            too_long: true,
            space,
        })
    }
}

/// One read into the spare room of `block` (retried when interrupted): the
/// bytes read, 0 at the end of the input.
fn read_into(reader: &mut impl Read, block: &mut Vec<u8>) -> io::Result<usize> {
    let len = block.len();
    block.resize(block.capacity().max(len + 1), 0);
    let read = loop {
        match reader.read(&mut block[len..]) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => break other,
        }
    };
    block.truncate(len + *read.as_ref().unwrap_or(&0));
    read
}

#[cfg(test)]
mod tests;
