//! The block reader against the line reader it replaces
//! (`fsutil::read_line_capped`), over inputs cut into reads every way.

use super::*;

/// Gives its bytes a few at a time (`sizes` in turn), with an interruption
/// before each read when `interrupt` is set.
struct Trickle {
    data: Vec<u8>,
    at: usize,
    sizes: Vec<usize>,
    turn: usize,
    interrupt: bool,
    interrupted: bool,
}

impl Trickle {
    fn new(data: &[u8], sizes: &[usize]) -> Trickle {
        Trickle {
            data: data.to_vec(),
            at: 0,
            sizes: sizes.to_vec(),
            turn: 0,
            interrupt: false,
            interrupted: false,
        }
    }
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.interrupt && !self.interrupted {
            self.interrupted = true;
            return Err(io::ErrorKind::Interrupted.into());
        }
        self.interrupted = false;
        let size = self.sizes[self.turn % self.sizes.len()];
        self.turn += 1;
        let n = size.min(buf.len()).min(self.data.len() - self.at);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// (bytes, too long) of each line, as the block reader gives them.
fn blocks(data: &[u8], sizes: &[usize], cap: usize) -> Vec<(Vec<u8>, bool)> {
    let mut reader = Trickle::new(data, sizes);
    reader.interrupt = true;
    let mut lines = Lines::new(reader, cap);
    let mut out = Vec::new();
    while let Some(line) = lines.next_line().unwrap() {
        out.push((line.bytes().to_vec(), line.too_long()));
    }
    assert!(
        lines.next_line().unwrap().is_none(),
        "the end stays the end"
    );
    out
}

/// The same, as `read_line_capped` reads them (a too-long line's bytes are
/// not kept by the block reader).
fn reference(data: &[u8], cap: usize) -> Vec<(Vec<u8>, bool)> {
    let mut reader = io::BufReader::with_capacity(7, data);
    let mut out = Vec::new();
    loop {
        let mut line = Vec::new();
        let (read, too_long) =
            crate::fsutil::read_line_capped(&mut reader, &mut line, cap).unwrap();
        if read == 0 {
            return out;
        }
        out.push((if too_long { Vec::new() } else { line }, too_long));
    }
}

#[test]
fn lines_are_those_of_the_line_reader_however_the_reads_fall() {
    let long = "x".repeat(40);
    let inputs: Vec<String> = vec![
        String::new(),
        "\n".into(),
        "a".into(),
        "a\n".into(),
        "a\nbc\n\ndef".into(),
        "a\r\nb\r\n".into(),
        format!("{long}\nshort\n{long}"),
        format!("ok\n{long}{long}{long}\nafter\n"),
        format!("{}\n", "y".repeat(10)),
        format!("{}\n", "y".repeat(11)),
        format!("{}", "y".repeat(11)),
        format!("{}\n{}\n", "z".repeat(500), "w".repeat(3)),
        "é\n\u{2028}\n \t\n".into(),
    ];
    for input in &inputs {
        for cap in [0, 1, 10, 39, 40, 1000] {
            let expected = reference(input.as_bytes(), cap);
            for sizes in [&[1][..], &[2, 3], &[5, 1, 64], &[100_000]] {
                assert_eq!(
                    blocks(input.as_bytes(), sizes, cap),
                    expected,
                    "{input:?} cap {cap} reads {sizes:?}"
                );
            }
        }
    }
}

#[test]
fn a_line_is_buffered_once_it_is_whole() {
    let mut lines = Lines::new(Trickle::new(b"ab\ncd\ne", &[4, 1, 1, 1]), 100);
    assert!(!lines.buffered(), "nothing read yet");
    assert_eq!(lines.next_line().unwrap().unwrap().bytes(), b"ab\n");
    assert!(!lines.buffered(), "only \"c\" is here");
    assert_eq!(lines.next_line().unwrap().unwrap().bytes(), b"cd\n");
    assert!(!lines.buffered());
    assert_eq!(lines.next_line().unwrap().unwrap().bytes(), b"e");
    assert!(lines.buffered(), "the end is known: no wait");
    assert!(lines.next_line().unwrap().is_none());

    let mut lines = Lines::new(Trickle::new(b"ab\ncd\nef\n", &[100]), 100);
    lines.next_line().unwrap();
    assert!(lines.buffered());
    assert!(lines.buffered(), "asking again changes nothing");
    assert_eq!(lines.next_line().unwrap().unwrap().bytes(), b"cd\n");
}

#[test]
fn a_line_outlives_the_reads_after_it() {
    let mut lines = Lines::new(Trickle::new(b"first\nsecond\nthird\n", &[7]), 100);
    let first = lines.next_line().unwrap().unwrap();
    let rest: Vec<Line> = std::iter::from_fn(|| lines.next_line().unwrap()).collect();
    assert_eq!(first.bytes(), b"first\n");
    assert_eq!(rest.len(), 2);
    assert_eq!(rest[1].bytes(), b"third\n");
}

#[test]
fn a_long_line_is_dropped_as_it_comes() {
    // 3 MB without a newline, a cap of 10: no block grows past a read's worth.
    struct Endless(usize);
    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.0);
            buf[..n].fill(b'x');
            if n > 0 && n == self.0 {
                buf[n - 1] = b'\n';
            }
            self.0 -= n;
            Ok(n)
        }
    }
    let mut lines = Lines::new(Endless(3 << 20), 10);
    let line = lines.next_line().unwrap().unwrap();
    assert!(line.too_long());
    assert!(line.bytes().is_empty());
    assert!(line.block.capacity() <= BLOCK, "{}", line.block.capacity());
    assert!(lines.next_line().unwrap().is_none());
}

#[test]
fn a_too_long_line_of_spaces_is_known_as_blank() {
    for (input, blank) in [
        (format!("{}\n", " ".repeat(30)), true),
        (format!("{}\r\n", "\t ".repeat(15)), true),
        (format!("{}x\n", " ".repeat(30)), false),
        (format!("x{}\n", " ".repeat(30)), false),
        (" ".repeat(30), true),
    ] {
        for sizes in [&[1][..], &[7], &[100]] {
            let mut lines = Lines::new(Trickle::new(input.as_bytes(), sizes), 10);
            let line = lines.next_line().unwrap().unwrap();
            assert!(line.too_long());
            assert_eq!(line.too_long_and_blank(), blank, "{input:?} {sizes:?}");
        }
    }
    let mut lines = Lines::new(Trickle::new(b"   \n", &[100]), 10);
    assert!(
        !lines.next_line().unwrap().unwrap().too_long_and_blank(),
        "not too long"
    );
}

#[test]
fn a_read_error_is_returned() {
    struct Broken;
    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("disk on fire"))
        }
    }
    let mut lines = Lines::new(Broken, 10);
    let error = lines.next_line().err().unwrap();
    assert_eq!(error.to_string(), "disk on fire");
}

/// A short read (a line at a time) keeps only what it holds, since each of
/// its lines holds the whole block while it waits; a block mostly full is
/// kept as it is (no copy).
#[test]
fn a_short_read_keeps_only_what_it_holds() {
    let mut lines = Lines::new(Trickle::new(b"ab\ncd\n", &[3]), 100);
    let line = lines.next_line().unwrap().unwrap();
    assert!(line.block.capacity() < 64, "{}", line.block.capacity());

    let mut data = vec![b'x'; 30_000];
    data.push(b'\n');
    let mut lines = Lines::new(Trickle::new(&data, &[100_000]), 100_000);
    let line = lines.next_line().unwrap().unwrap();
    assert_eq!(line.bytes().len(), 30_001);
    assert_eq!(line.block.capacity(), BLOCK);
}
