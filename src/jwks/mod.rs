//! JWKS documents: fetching with limits and a cache ([`fetch`], [`cache`]) and
//! the audit that judges an endpoint before anyone trusts it ([`audit`]).

pub mod audit;
pub mod cache;
pub mod fetch;
