//! Tokens: taking them apart ([`decode`]), reading what they grant
//! ([`describe`]), judging them ([`verify`]), and minting development tokens
//! ([`mint`], with PowerSync configurations read by [`powersync`]).

pub mod decode;
pub mod describe;
pub mod mint;
pub mod powersync;
pub mod verify;
