//! One module per command group. Each turns parsed arguments into a domain
//! call and hands the result to [`crate::output`]. Thin by design.

pub mod completions;
pub mod template;

use std::path::PathBuf;

use crate::error::Result;
use crate::output::Output;
use crate::paths::Paths;

/// What every command may need from the global options.
#[derive(Debug)]
pub struct Context {
    pub out: Output,
    pub home: Option<PathBuf>,
    pub yes: bool,
}

impl Context {
    /// The directories jwksctl uses (resolved on demand, never created here).
    pub fn paths(&self) -> Result<Paths> {
        Paths::resolve(self.home.as_deref())
    }
}
