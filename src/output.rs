//! Rendering of results and messages: machine formats (json / yaml), tables and
//! text on stdout; notes, warnings and errors on stderr. Decides colour and
//! interactivity once, from the flags and whether the streams are terminals.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

use crate::error::{Error, Result};

/// The `-o` formats the program knows. Each command says which it supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
    Table,
    Text,
}

impl Format {
    /// The name as typed after `-o`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Table => "table",
            Format::Text => "text",
        }
    }
}

/// When to colour (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// A stream that is a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Every stream, whatever it is (an explicit flag beats `NO_COLOR`).
    Always,
    Never,
}

/// How much goes to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// What the output needs to know about the streams it writes to, decided by
/// whoever builds it: [`Facts::of_process`] looks at the real ones, a test
/// says what it wants to see (gh's `iostreams.Test()`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    /// stdin is a terminal (prompts need it).
    pub stdin_tty: bool,
    /// stdout is a terminal (colour under `--color auto`, flushing).
    pub stdout_tty: bool,
    /// stderr is a terminal (colour, spinners, prompts).
    pub stderr_tty: bool,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
}

impl Facts {
    /// The facts of this process's standard streams and environment.
    pub fn of_process() -> Self {
        let stderr_tty = io::stderr().is_terminal();
        Facts {
            // Asked only when stderr is a terminal (stdin matters only for
            // prompts, which need both): the first use of stdin allocates
            // its buffer, which a piped run (most timed runs) never needs.
            stdin_tty: stderr_tty && io::stdin().is_terminal(),
            stdout_tty: io::stdout().is_terminal(),
            stderr_tty,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }
}

/// A stream the output writes to. The process's own are global handles
/// (nothing to allocate on the start-up path); a given writer is shared by
/// the clones of an [`Output`] (`main.rs` keeps one to report the error a
/// command returns).
#[derive(Clone)]
enum Stream {
    Stdout,
    Stderr,
    Given(Arc<Mutex<Box<dyn Write + Send>>>),
}

impl Stream {
    fn given(writer: impl Write + Send + 'static) -> Self {
        Stream::Given(Arc::new(Mutex::new(Box::new(writer))))
    }

    /// Run `f` on the locked writer.
    fn with<T>(&self, f: impl FnOnce(&mut dyn Write) -> T) -> T {
        match self {
            Stream::Stdout => f(&mut io::stdout().lock()),
            Stream::Stderr => f(&mut io::stderr().lock()),
            // A writer that panicked mid-line leaves nothing to protect.
            Stream::Given(writer) => {
                f(&mut **writer.lock().unwrap_or_else(PoisonError::into_inner))
            }
        }
    }

    /// The bytes, whole, then flushed.
    fn send(&self, bytes: &[u8]) -> io::Result<()> {
        self.with(|w| w.write_all(bytes).and_then(|()| w.flush()))
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.with(|w| w.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.with(|w| w.flush())
    }
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stream::Stdout => "Stdout",
            Stream::Stderr => "Stderr",
            Stream::Given(_) => "Given",
        })
    }
}

/// What an [`Output`] made by [`Output::test`] wrote, to read back.
#[derive(Debug, Clone, Default)]
pub struct Captured {
    stdout: Buffer,
    stderr: Buffer,
}

impl Captured {
    /// Everything written to stdout so far.
    pub fn stdout(&self) -> String {
        self.stdout.text()
    }

    /// Everything written to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.text()
    }
}

/// A shared in-memory stream.
#[derive(Debug, Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Buffer {
    fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Where and how the program talks: the stdout and stderr writers (values,
/// so a test can read them), format, colour, verbosity and terminal facts.
#[derive(Debug, Clone)]
pub struct Output {
    format: Option<Format>,
    verbosity: Verbosity,
    color_stderr: bool,
    color_stdout: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    interactive: bool,
    /// The writers are the process's own streams, so a spinner (which
    /// indicatif draws on the real stderr) may be shown.
    process: bool,
    stdout: Stream,
    stderr: Stream,
}

impl Output {
    /// Build from the global flags for this process: its standard streams
    /// and their [`Facts`].
    pub fn new(format: Option<Format>, color: Color, verbosity: Verbosity) -> Self {
        let streams = (Stream::Stdout, Stream::Stderr);
        Output::on(format, color, verbosity, streams, Facts::of_process())
    }

    /// Build on the given writers, with the facts said about them.
    pub fn with_writers(
        format: Option<Format>,
        color: Color,
        verbosity: Verbosity,
        stdout: impl Write + Send + 'static,
        stderr: impl Write + Send + 'static,
        facts: Facts,
    ) -> Self {
        let streams = (Stream::given(stdout), Stream::given(stderr));
        Output::on(format, color, verbosity, streams, facts)
    }

    fn on(
        format: Option<Format>,
        color: Color,
        verbosity: Verbosity,
        (stdout, stderr): (Stream, Stream),
        facts: Facts,
    ) -> Self {
        let colour = |tty: bool| match color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => tty && !facts.no_color,
        };
        Output {
            format,
            verbosity,
            color_stderr: colour(facts.stderr_tty),
            color_stdout: colour(facts.stdout_tty),
            stdout_tty: facts.stdout_tty,
            stderr_tty: facts.stderr_tty,
            // dialoguer only checks stderr; a prompt with piped stdin could hang.
            interactive: facts.stdin_tty && facts.stderr_tty,
            process: matches!(stderr, Stream::Stderr),
            stdout,
            stderr,
        }
    }

    /// An output writing into memory, and the handle to read what it wrote:
    /// a test sees exactly what a user would, without a process.
    pub fn test(
        format: Option<Format>,
        color: Color,
        verbosity: Verbosity,
        facts: Facts,
    ) -> (Self, Captured) {
        let captured = Captured::default();
        let out = Output::with_writers(
            format,
            color,
            verbosity,
            captured.stdout.clone(),
            captured.stderr.clone(),
            facts,
        );
        (out, captured)
    }

    /// The `-o` format the user asked for, if any.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// The format to use, checked against those the command supports.
    /// `default` is used when the user gave none.
    pub fn format_for(
        &self,
        command: &str,
        supported: &[Format],
        default: Format,
    ) -> Result<Format> {
        let format = self.format.unwrap_or(default);
        if supported.contains(&format) {
            Ok(format)
        } else {
            let names: Vec<&str> = supported.iter().map(|f| f.name()).collect();
            Err(Error::usage(format!(
                "`{command}` does not support `-o {}`; it supports: {}",
                format.name(),
                names.join(", ")
            )))
        }
    }

    /// True when prompts may be shown: stdin and stderr are both terminals.
    pub fn is_interactive(&self) -> bool {
        self.interactive
    }

    /// True when stderr is a terminal (spinners, paste hints).
    pub fn stderr_is_terminal(&self) -> bool {
        self.stderr_tty
    }

    /// True when stdout may carry ANSI colour.
    pub fn color_stdout(&self) -> bool {
        self.color_stdout
    }

    /// True when stderr may carry ANSI colour.
    pub fn color_stderr(&self) -> bool {
        self.color_stderr
    }

    /// The verbosity chosen with `-q` / `-v`.
    pub fn verbosity(&self) -> Verbosity {
        self.verbosity
    }

    /// Print a result on stdout, followed by exactly one newline. Control
    /// characters that came from outside are escaped ([`escape`]).
    pub fn result(&self, text: &str) -> Result<()> {
        let text = escape_keeping_colour(text, self.color_stdout);
        let trimmed = text.strip_suffix('\n').unwrap_or(&text);
        ignoring_broken_pipe(self.stdout.send(format!("{trimmed}\n").as_bytes()))
    }

    /// Print a result on stdout exactly as given — no newline added — unless
    /// stdout is a terminal, where a newline keeps the prompt off the result.
    /// For outputs that are files in their own right (sqld's key file).
    pub fn result_exact(&self, text: &str) -> Result<()> {
        if self.stdout_tty {
            return self.result(text);
        }
        ignoring_broken_pipe(self.stdout.send(text.as_bytes()))
    }

    /// A JSON-lines writer on stdout, for `token verify --batch`.
    pub fn json_lines(&self) -> JsonLines {
        JsonLines {
            out: io::BufWriter::new(self.stdout.clone()),
            interactive: self.stdout_tty,
            closed: false,
        }
    }

    /// A note on stderr, hidden by `-q`.
    pub fn note(&self, text: &str) {
        if self.verbosity > Verbosity::Quiet {
            self.eprint_line(text);
        }
    }

    /// A detail on stderr, shown only with `-v`.
    pub fn detail(&self, text: &str) {
        if self.verbosity == Verbosity::Verbose {
            self.eprint_line(text);
        }
    }

    /// A `warning:` line on stderr, hidden by `-q`.
    pub fn warn(&self, text: &str) {
        if self.verbosity > Verbosity::Quiet {
            self.warn_secret(text);
        }
    }

    /// A `warning:` that `-q` does not hide: a fact a script must not miss
    /// (a stale copy standing in for a server that is down).
    pub fn alert(&self, text: &str) {
        self.warn_secret(text);
    }

    /// A `warning:` that `-q` does not hide: printing secrets is always said.
    pub fn warn_secret(&self, text: &str) {
        let label = paint(self.color_stderr, Style::Warning, "warning:");
        self.eprint_line(&format!("{label} {text}"));
    }

    /// Print an error and its hint on stderr (never hidden).
    pub fn error(&self, error: &Error) {
        let label = paint(self.color_stderr, Style::Error, "error:");
        self.eprint_line(&format!("{label} {}", error.message()));
        if let Some(hint) = error.hint() {
            let label = paint(self.color_stderr, Style::Hint, "hint:");
            self.eprint_line(&format!("{label} {hint}"));
        }
        if self.verbosity == Verbosity::Verbose {
            for cause in error.causes() {
                self.eprint_line(&format!("  caused by: {cause}"));
            }
        }
    }

    /// With `-o json|yaml`, the error as a document on stdout, so a script
    /// parsing stdout gets one for every outcome:
    /// `{"error":{"message","hint","kind","exit_code"}}`. Nothing otherwise.
    pub fn error_document(&self, error: &Error) {
        let Some(format) = self
            .format
            .filter(|f| matches!(f, Format::Json | Format::Yaml))
        else {
            return;
        };
        if let Some(text) = error_document(format, error) {
            let _ = ignoring_broken_pipe(self.stdout.send(text.as_bytes()));
        }
    }

    /// A spinner on stderr saying `text`, only on a terminal and not with
    /// `-q`; it clears itself when dropped.
    pub fn spinner(&self, text: String) -> Option<Spinner> {
        if !self.process || !self.stderr_tty || self.verbosity == Verbosity::Quiet {
            return None;
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.set_message(text);
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Some(Spinner(bar))
    }

    /// One line on stderr, written whole.
    fn eprint_line(&self, text: &str) {
        let mut line = escape_keeping_colour(text, self.color_stderr).into_owned();
        line.push('\n');
        // A closed stderr leaves nobody to tell; ignore it.
        let _ = self.stderr.send(line.as_bytes());
    }
}

/// A spinner on stderr ([`Output::spinner`]), cleared when dropped.
pub struct Spinner(indicatif::ProgressBar);

impl Drop for Spinner {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// `{"error":{"message","hint","kind","exit_code"}}` on the process's stdout
/// in FORMAT, for a command line clap refused (there is no [`Output`] yet).
pub fn print_error_document(format: Format, error: &Error) {
    if let Some(text) = error_document(format, error) {
        let _ = ignoring_broken_pipe(Stream::Stdout.send(text.as_bytes()));
    }
}

/// The error document's text in FORMAT, escaped, ending in one newline.
fn error_document(format: Format, error: &Error) -> Option<String> {
    let kind = error.kind().as_str();
    let doc = serde_json::json!({
        "error": {
            "message": error.message(),
            "hint": error.hint(),
            "kind": kind,
            "exit_code": error.kind().exit_code(),
        }
    });
    let text = match format {
        Format::Yaml => to_yaml(&doc),
        _ => to_json(&doc, true),
    }
    .ok()?;
    let text = escape(&text);
    let trimmed = text.strip_suffix('\n').unwrap_or(&text);
    Some(format!("{trimmed}\n"))
}

/// The `-o`/`--output` value in raw arguments, for reporting a command line
/// clap refused in the format it asked for (best effort: the last one wins,
/// as clap's own parsing would).
pub fn format_in_args<I: IntoIterator<Item = std::ffi::OsString>>(args: I) -> Option<Format> {
    let mut found = None;
    let mut next_is_value = false;
    for arg in args.into_iter().skip(1) {
        let Some(arg) = arg.to_str().map(str::to_string) else {
            next_is_value = false;
            continue;
        };
        if arg == "--" {
            break;
        }
        let value = if next_is_value {
            next_is_value = false;
            Some(arg.as_str())
        } else if arg == "-o" || arg == "--output" {
            next_is_value = true;
            None
        } else if let Some(v) = arg.strip_prefix("--output=") {
            Some(v)
        } else if let Some(v) = arg.strip_prefix("-o").filter(|_| !arg.starts_with("--")) {
            Some(v.strip_prefix('=').unwrap_or(v))
        } else {
            None
        };
        match value {
            Some("json") => found = Some(Format::Json),
            Some("yaml") => found = Some(Format::Yaml),
            Some(_) => found = None,
            None => {}
        }
    }
    found
}

/// A JSON-lines writer on stdout (`token verify --batch`, made by
/// [`Output::json_lines`]): one document per line, buffered, flushed after
/// each line when stdout is a terminal and whenever [`JsonLines::flush`] is
/// called. A reader that went away (a closed pipe) is not an error:
/// [`JsonLines::closed`] says so and writing stops quietly.
pub struct JsonLines {
    out: io::BufWriter<Stream>,
    interactive: bool,
    closed: bool,
}

impl JsonLines {
    /// Write one document and a newline.
    pub fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let interactive = self.interactive;
        let out = &mut self.out;
        let written = serde_json::to_writer(&mut *out, value)
            .map_err(io::Error::other)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| if interactive { out.flush() } else { Ok(()) });
        self.outcome(written)
    }

    /// Send what is buffered (before waiting for more input, so a caller
    /// that waits for each answer never deadlocks).
    pub fn flush(&mut self) -> Result<()> {
        let flushed = self.out.flush();
        self.outcome(flushed)
    }

    /// True once the reader has gone away.
    pub fn closed(&self) -> bool {
        self.closed
    }

    fn outcome(&mut self, result: io::Result<()>) -> Result<()> {
        match result {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Error::failure(format!("cannot write the results: {e}"))),
        }
    }
}

/// Text that may carry outside input (server bodies, registry names, token
/// claims) made safe for a terminal: every control character but newline and
/// tab — ESC, CR, DEL, the C1 range — and every Unicode format or line and
/// paragraph separator character (bidirectional overrides and marks,
/// zero-width characters, tags…) are written as `\u001b`-style escapes, so no sequence can clear the
/// screen, move the cursor, set the title or reorder text. The escape form is
/// also valid inside JSON strings, where it means the same character.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_keeping_colour(text, false)
}

/// [`escape`], except that when `colour` is on, the SGR colour sequences
/// [`paint`] writes pass (only those: colours and bold, nothing that moves,
/// hides or retitles).
fn escape_keeping_colour(text: &str, colour: bool) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if colour
            && c == '\x1b'
            && let Some(len) = colour_sequence(rest)
        {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if needs_escape(c) {
            // UTF-16 units, as JSON writes a character past U+FFFF.
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    use icu_properties::{CodePointMapData, props::GeneralCategory};
    (c.is_control() && c != '\n' && c != '\t')
        // Invisible and direction characters (Unicode's format and
        // separator categories: zero-width spaces and joiners, marks and
        // overrides of direction, U+2028/2029, the BOM, the soft hyphen,
        // tags) can hide or reorder text: escaped like controls, so a token or server
        // cannot make a line read other than it is.
        // The category comes from ICU4X's compiled Unicode data, already
        // built for `url`'s IDNA.
        || (!c.is_ascii()
            && matches!(
                CodePointMapData::<GeneralCategory>::new().get(c),
                GeneralCategory::Format
                    | GeneralCategory::LineSeparator
                    | GeneralCategory::ParagraphSeparator
            ))
}

/// The length of an SGR sequence at the start of `text` whose parameters
/// only set colour, bold, dim or reset (`ESC [ 31;1 m`), if there is one.
fn colour_sequence(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\x1b[")?;
    let end = body.find('m')?;
    let params = &body[..end];
    if params.len() > 16 {
        return None;
    }
    let harmless = params
        .split(';')
        .all(|p| p.is_empty() || matches!(p.parse::<u8>(), Ok(0 | 1 | 2 | 22 | 30..=39 | 90..=97)));
    harmless.then_some(2 + end + 1)
}

/// What a piece of human text means, and so how it is coloured: the one
/// place colour codes are chosen (no other module writes one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A positive verdict: `valid:`, `check`'s `ok` (bold green).
    Valid,
    /// A verdict that could not be reached: `undecided:` (bold yellow).
    Undecided,
    /// A negative verdict or a failed check: `invalid:`, `FAILED`, `FAIL`,
    /// an expired token, a contradiction (bold red).
    Invalid,
    /// The `error:` label (bold red).
    Error,
    /// The `warning:` label (bold yellow).
    Warning,
    /// The `hint:` label (bold cyan).
    Hint,
    /// A heading or a label: `header`, `claims`, `fix:` (bold).
    Heading,
    /// Passed but worth a look, or not checked: the `WARN` mark, decode's
    /// unverified signature (yellow).
    Caution,
    /// A passed check's `ok` mark (green).
    Passed,
    /// Not looked at: the `skip` mark (dim).
    Muted,
}

impl Style {
    /// The SGR parameters of this style.
    fn sgr(self) -> &'static str {
        match self {
            Style::Valid => "32;1",
            Style::Undecided | Style::Warning => "33;1",
            Style::Invalid | Style::Error => "31;1",
            Style::Hint => "36;1",
            Style::Heading => "1",
            Style::Caution => "33",
            Style::Passed => "32",
            Style::Muted => "2",
        }
    }
}

/// A checklist mark (`ok`, `WARN`, `FAIL`, `skip`) padded to four columns,
/// coloured as `token verify` colours its checks.
pub fn status_mark(color: bool, mark: &str) -> String {
    let style = match mark {
        "FAIL" => Style::Invalid,
        "WARN" => Style::Caution,
        "ok" => Style::Passed,
        _ => Style::Muted,
    };
    paint(color, style, &format!("{mark:<4}"))
}

/// Wrap `text` in the ANSI SGR sequence of `style` when `enabled`.
pub fn paint(enabled: bool, style: Style, text: &str) -> String {
    if enabled {
        format!("\x1b[{}m{text}\x1b[0m", style.sgr())
    } else {
        text.to_string()
    }
}

/// A write on stdout: a reader that closed the pipe early
/// (`jwksctl … | head`) is not an error.
fn ignoring_broken_pipe(written: io::Result<()>) -> Result<()> {
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::failure(format!("cannot write to stdout: {e}"))),
    }
}

/// Compact JSON (one line) or indented JSON.
pub fn to_json<T: Serialize + ?Sized>(value: &T, pretty: bool) -> Result<String> {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    text.map_err(|e| Error::failure(format!("cannot render JSON: {e}")))
}

/// A machine document in `format`: indented JSON, or YAML. `None` for the
/// human formats (the caller renders those).
pub fn to_document<T: Serialize + ?Sized>(value: &T, format: Format) -> Result<Option<String>> {
    match format {
        Format::Json => to_json(value, true).map(Some),
        Format::Yaml => to_yaml(value).map(Some),
        Format::Table | Format::Text => Ok(None),
    }
}

/// YAML.
pub fn to_yaml<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    yaml_serde::to_string(value).map_err(|e| Error::failure(format!("cannot render YAML: {e}")))
}

/// A table with a header row, in the compact style `gh` and `kubectl` use.
pub fn table<I, R, C>(header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = C>,
    C: Into<comfy_table::Cell>,
{
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::NOTHING)
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
        .set_header(header.to_vec());
    for row in rows {
        table.add_row(row);
    }
    // The NOTHING preset pads every cell with one space on each side; trim the
    // left edge so columns start at column 0, and trailing blanks.
    table
        .lines()
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_left_aligned_without_trailing_blanks() {
        let text = table(
            &["NAME", "URL"],
            vec![vec!["a", "https://x"], vec!["long name", "u"]],
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("NAME"));
        assert!(lines[2].starts_with("long name"));
        assert!(lines.iter().all(|l| !l.ends_with(' ')));
    }

    #[test]
    fn outside_control_sequences_are_escaped() {
        let hostile = "db\x1b[2J\x1b]0;pwned\x07\r\u{9b}31m\u{202e}txt\x7f";
        assert_eq!(
            escape(hostile),
            "db\\u001b[2J\\u001b]0;pwned\\u0007\\u000d\\u009b31m\\u202etxt\\u007f"
        );
        assert!(matches!(escape("plain\ttext\nlines"), Cow::Borrowed(_)));
        // The escapes are valid JSON string escapes with the same meaning.
        let json = format!("\"{}\"", escape("a\u{7f}\u{9b}b"));
        assert_eq!(
            serde_json::from_str::<String>(&json).unwrap(),
            "a\u{7f}\u{9b}b"
        );
        // Our own colours pass only when colour is on, and nothing else does.
        let painted = format!(
            "{} \x1b[8mhidden\x1b[2J",
            paint(true, Style::Error, "error:")
        );
        assert_eq!(
            escape_keeping_colour(&painted, true),
            "\x1b[31;1merror:\x1b[0m \\u001b[8mhidden\\u001b[2J"
        );
        assert_eq!(
            escape_keeping_colour(&painted, false),
            "\\u001b[31;1merror:\\u001b[0m \\u001b[8mhidden\\u001b[2J"
        );
    }

    /// Invisible and direction characters hide or reorder text: every
    /// format (Cf) and line/paragraph separator (Zl, Zp) character is
    /// escaped, tags (past U+FFFF) as the JSON surrogate pair.
    #[test]
    fn invisible_and_direction_characters_are_escaped() {
        for (c, escaped) in [
            ('\u{200b}', "\\u200b"),
            ('\u{200e}', "\\u200e"),
            ('\u{200f}', "\\u200f"),
            ('\u{061c}', "\\u061c"),
            ('\u{2028}', "\\u2028"),
            ('\u{2029}', "\\u2029"),
            ('\u{feff}', "\\ufeff"),
            ('\u{00ad}', "\\u00ad"),
            ('\u{2066}', "\\u2066"),
            ('\u{e0001}', "\\udb40\\udc01"),
            ('\u{e0041}', "\\udb40\\udc41"),
            ('\u{e007f}', "\\udb40\\udc7f"),
        ] {
            let text = format!("a{c}b");
            assert_eq!(escape(&text), format!("a{escaped}b"), "U+{:04X}", c as u32);
            let json = format!("\"{}\"", escape(&text));
            assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        }
        // Visible text, accents and emoji (even with a joiner's neighbours) pass.
        assert!(matches!(
            escape("café ünïcödé 日本 🙂 ok"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn paint_only_when_enabled() {
        assert_eq!(paint(false, Style::Invalid, "x"), "x");
        assert_eq!(paint(true, Style::Invalid, "x"), "\x1b[31;1mx\x1b[0m");
    }
    /// A terminal on every stream, `NO_COLOR` unset.
    const TERMINAL: Facts = Facts {
        stdin_tty: true,
        stdout_tty: true,
        stderr_tty: true,
        no_color: false,
    };

    /// Pipes everywhere (as under a script or a test).
    const PIPES: Facts = Facts {
        stdin_tty: false,
        stdout_tty: false,
        stderr_tty: false,
        no_color: false,
    };

    /// `token verify`'s human verdict line, as it paints it: coloured on a
    /// terminal, plain in a pipe, under `NO_COLOR` or `--color never`, and
    /// coloured everywhere with `--color always` (which beats `NO_COLOR`).
    #[test]
    fn a_verdict_line_is_coloured_only_where_colour_is_wanted() {
        let line = |out: &Output| {
            let head = paint(out.color_stdout(), Style::Valid, "valid:");
            out.result(&format!("{head} signature and claims verified"))
                .unwrap();
        };
        let coloured = "\x1b[32;1mvalid:\x1b[0m signature and claims verified\n";
        let plain = "valid: signature and claims verified\n";
        let no_color = Facts {
            no_color: true,
            ..TERMINAL
        };
        for (facts, color, expected) in [
            (TERMINAL, Color::Auto, coloured),
            (PIPES, Color::Auto, plain),
            (no_color, Color::Auto, plain),
            (TERMINAL, Color::Never, plain),
            (PIPES, Color::Always, coloured),
            (no_color, Color::Always, coloured),
        ] {
            let (out, captured) = Output::test(None, color, Verbosity::Normal, facts);
            line(&out);
            assert_eq!(captured.stdout(), expected, "{facts:?} {color:?}");
            assert_eq!(captured.stderr(), "");
        }
        // Each stream is coloured by its own terminal fact.
        let facts = Facts {
            stdout_tty: false,
            ..TERMINAL
        };
        let (out, captured) = Output::test(None, Color::Auto, Verbosity::Normal, facts);
        line(&out);
        out.warn("w");
        assert_eq!(captured.stdout(), plain);
        assert_eq!(captured.stderr(), "\x1b[33;1mwarning:\x1b[0m w\n");
    }

    /// Warnings, notes and details go to stderr by verbosity; `alert` and
    /// errors are never hidden; stdout stays the result's alone.
    #[test]
    fn messages_go_to_stderr_by_verbosity() {
        let said = |verbosity| {
            let (out, captured) = Output::test(None, Color::Never, verbosity, PIPES);
            out.note("a note");
            out.detail("a detail");
            out.warn("a warning");
            out.alert("an alert");
            out.error(&Error::usage("bad").with_hint("do this"));
            assert_eq!(captured.stdout(), "");
            captured.stderr()
        };
        assert_eq!(
            said(Verbosity::Quiet),
            "warning: an alert\nerror: bad\nhint: do this\n"
        );
        assert_eq!(
            said(Verbosity::Normal),
            "a note\nwarning: a warning\nwarning: an alert\nerror: bad\nhint: do this\n"
        );
        assert_eq!(
            said(Verbosity::Verbose),
            "a note\na detail\nwarning: a warning\nwarning: an alert\nerror: bad\nhint: do this\n"
        );
        let (out, captured) = Output::test(None, Color::Always, Verbosity::Normal, PIPES);
        out.error(&Error::usage("bad").with_hint("do this"));
        assert_eq!(
            captured.stderr(),
            "\x1b[31;1merror:\x1b[0m bad\n\x1b[36;1mhint:\x1b[0m do this\n"
        );
    }

    /// Outside text is escaped on both streams; only our own colour passes,
    /// and only when colour is on.
    #[test]
    fn control_characters_are_escaped_on_both_streams() {
        let hostile = "name\x1b]0;pwned\x07\r\u{202e}";
        let escaped = "name\\u001b]0;pwned\\u0007\\u000d\\u202e";
        for color in [Color::Always, Color::Never] {
            let (out, captured) = Output::test(None, color, Verbosity::Normal, PIPES);
            let head = paint(out.color_stdout(), Style::Invalid, "invalid:");
            out.result(&format!("{head} {hostile}")).unwrap();
            out.warn(hostile);
            let (head, label) = if color == Color::Always {
                ("\x1b[31;1minvalid:\x1b[0m", "\x1b[33;1mwarning:\x1b[0m")
            } else {
                ("invalid:", "warning:")
            };
            assert_eq!(captured.stdout(), format!("{head} {escaped}\n"));
            assert_eq!(captured.stderr(), format!("{label} {escaped}\n"));
        }
        // A colour sequence in outside text is escaped when colour is off.
        let (out, captured) = Output::test(None, Color::Never, Verbosity::Normal, PIPES);
        out.note("\x1b[31mred");
        assert_eq!(captured.stderr(), "\\u001b[31mred\n");
    }

    /// One newline after a result; `result_exact` adds none except on a
    /// terminal; JSON lines and error documents go to the same stdout.
    #[test]
    fn stdout_carries_results_exactly() {
        let (out, captured) =
            Output::test(Some(Format::Json), Color::Never, Verbosity::Normal, PIPES);
        out.result("one\n").unwrap();
        out.result_exact("two").unwrap();
        let mut lines = out.json_lines();
        lines.write(&serde_json::json!({"valid": true})).unwrap();
        lines.flush().unwrap();
        assert!(!lines.closed());
        out.error_document(&Error::usage("bad"));
        let text = captured.stdout();
        let (head, document) = text.split_at(text.find("{\n").unwrap());
        assert_eq!(head, "one\ntwo{\"valid\":true}\n");
        let document: serde_json::Value = serde_json::from_str(document).unwrap();
        assert_eq!(document["error"]["message"], "bad");
        assert_eq!(document["error"]["exit_code"], 2);

        let (out, captured) = Output::test(None, Color::Never, Verbosity::Normal, TERMINAL);
        out.result_exact("key").unwrap();
        out.error_document(&Error::usage("bad"));
        assert_eq!(captured.stdout(), "key\n");
        assert!(out.is_interactive());
        // A spinner draws on the real stderr: never for a test's writers.
        assert!(out.spinner("x".into()).is_none());
    }

    /// A writer that fails every write with `kind`, or makes what it was
    /// given visible only when flushed.
    struct Writer {
        fail: Option<io::ErrorKind>,
        pending: Vec<u8>,
        flushed: Buffer,
    }

    impl Write for Writer {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            match self.fail {
                Some(kind) => Err(io::Error::new(kind, "no")),
                None => {
                    self.pending.extend_from_slice(buf);
                    Ok(buf.len())
                }
            }
        }

        fn flush(&mut self) -> io::Result<()> {
            let pending = std::mem::take(&mut self.pending);
            self.flushed.write_all(&pending)
        }
    }

    /// Plain output (no colour, pipes) with `stdout` as its standard output.
    fn plain(stdout: Writer) -> Output {
        Output::with_writers(
            None,
            Color::Never,
            Verbosity::Normal,
            stdout,
            io::sink(),
            PIPES,
        )
    }

    fn writer(fail: Option<io::ErrorKind>) -> (Writer, Buffer) {
        let flushed = Buffer::default();
        let writer = Writer {
            fail,
            pending: Vec::new(),
            flushed: flushed.clone(),
        };
        (writer, flushed)
    }

    /// A reader that closed the pipe (`| head`) is not an error; any other
    /// failure to write the result is, and says so.
    #[test]
    fn a_closed_pipe_is_not_an_error_but_a_failed_write_is() {
        let (stdout, _) = writer(Some(io::ErrorKind::BrokenPipe));
        let out = plain(stdout);
        assert_eq!(out.result("x"), Ok(()));
        assert_eq!(out.result_exact("x"), Ok(()));
        let (stdout, _) = writer(Some(io::ErrorKind::PermissionDenied));
        let out = plain(stdout);
        let e = out.result("x").unwrap_err();
        assert_eq!(e.message(), "cannot write to stdout: no");
        assert_eq!(e.kind(), crate::error::ErrorKind::Failure);
        assert!(out.result_exact("x").is_err());
        // Results are flushed to the writer as they are written; JSON lines
        // when asked (or on a terminal, after each line).
        let (stdout, flushed) = writer(None);
        let out = plain(stdout);
        out.result("r").unwrap();
        assert_eq!(flushed.text(), "r\n");
        let mut lines = out.json_lines();
        lines.write(&1).unwrap();
        assert_eq!(flushed.text(), "r\n");
        lines.flush().unwrap();
        assert_eq!(flushed.text(), "r\n1\n");
        assert_eq!(format!("{out:?}").matches("Given").count(), 2);
    }

    /// Prompts need stdin and stderr both terminals.
    #[test]
    fn interactive_needs_stdin_and_stderr_terminals() {
        for (stdin_tty, stderr_tty, interactive) in [
            (true, true, true),
            (true, false, false),
            (false, true, false),
            (false, false, false),
        ] {
            let facts = Facts {
                stdin_tty,
                stderr_tty,
                ..PIPES
            };
            let (out, _) = Output::test(None, Color::Never, Verbosity::Normal, facts);
            assert_eq!(out.is_interactive(), interactive, "{facts:?}");
            assert_eq!(out.stderr_is_terminal(), stderr_tty);
        }
    }

    /// The checklist marks, padded to four columns, each coloured by its
    /// meaning.
    #[test]
    fn status_marks_are_padded_and_coloured_by_meaning() {
        assert_eq!(status_mark(false, "ok"), "ok  ");
        assert_eq!(status_mark(false, "skip"), "skip");
        assert_eq!(status_mark(true, "FAIL"), "\x1b[31;1mFAIL\x1b[0m");
        assert_eq!(status_mark(true, "WARN"), "\x1b[33mWARN\x1b[0m");
        assert_eq!(status_mark(true, "ok"), "\x1b[32mok  \x1b[0m");
        assert_eq!(status_mark(true, "skip"), "\x1b[2mskip\x1b[0m");
    }
}
