//! jwksctl's integration tests, one binary (one link, not one per area):
//! each module drives the real binary through [`common::jwksctl`] with a
//! private home and a scrubbed environment, against loopback servers.

mod common;

mod check;
mod completions;
mod docs;
mod doctor;
mod files;
mod interactive;
mod keys;
mod manpages;
mod messages;
mod powersync;
mod registry;
mod security;
mod security_input;
mod security_owners;
mod security_serve;
mod serve;
mod settings;
mod sources;
mod sqld_keys;
mod supabase_pg;
mod sync;
mod targets;
mod template;
mod turso;
mod turso_login;
mod verify;
