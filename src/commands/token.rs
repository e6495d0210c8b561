//! `jwksctl token mint|decode|verify`.

mod decode;
mod mint;
mod verify;

pub(crate) use decode::read_token;
pub(crate) use verify::{secret, sqld_only, target_of};

use crate::cli::{TokenArgs, TokenCommand};
use crate::commands::Context;
use crate::error::{Error, ExitStatus, Result};
use crate::token::powersync;

/// `jwksctl token …`.
pub fn run(ctx: &Context, args: TokenArgs) -> Result<ExitStatus> {
    match args.command.0 {
        TokenCommand::Mint(args) => mint::run(ctx, args.0),
        TokenCommand::Decode(args) => decode::run(ctx, args.0),
        TokenCommand::Verify(args) => verify::run(ctx, args.0),
    }
}

/// A PowerSync configuration error, with its hint worded for the flags that
/// do what the configuration could not.
pub(crate) fn powersync_flags(e: Error) -> Error {
    let hint = match e.hint() {
        Some(powersync::HINT_GIVE_VALUES) => "pass the values yourself (--aud, --jwks)",
        Some(powersync::HINT_LOCAL_KEY) => {
            "for an asymmetric key, mint with --key KID from the local key store"
        }
        Some(powersync::HINT_GIVE_AUDIENCE) => "pass the audience yourself with --aud",
        _ => return e,
    };
    e.with_hint(hint)
}
