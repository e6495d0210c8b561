//! Tokens: minting development tokens ([`mint`]) and reading PowerSync
//! service configurations for them ([`powersync`]).

pub mod mint;
pub mod powersync;
