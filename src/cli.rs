//! Command-line definitions (clap derive) and nothing else. The `///` doc of
//! each flag is its help text: first line short help, the rest long help.
//! Help, completions and man pages are all generated from these types.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum, value_parser};

use crate::argv::{Lazy, OnlyNamed};
use clap_complete::{ArgValueCandidates, ArgValueCompleter};

use crate::alg::Alg;
use crate::commands::completions as complete;
use crate::config::RegistryKind;

/// Wire an auth provider's JWTs to Turso Cloud, self-hosted libSQL and PowerSync.
///
/// jwksctl generates JWT claim templates for Turso and libSQL (wrapped for
/// Clerk, Auth0, Supabase and Firebase), keeps and audits a registry of JWKS
/// endpoints (local, or your Turso organization), makes development keys and
/// tokens, and decodes and verifies tokens, explaining every verdict.
#[derive(Debug, Parser)]
#[command(
    name = "jwksctl",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = TOP_EXAMPLES
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: OnlyNamed<Command>,
}

/// Options accepted before or after any subcommand. Their own help heading
/// keeps them after each command's options in `-h`/`--help` (as cargo and uv do).
/// The `JWKSCTL_*` variables behind some are read by `lib::run`, not by clap:
/// clap would show a set variable's option as required in usage lines and
/// blame the flag for a bad variable.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME].
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,

    /// Output format: json and yaml for every command that prints a result (errors too,
    /// as {"error":{…}}); table for lists; text for the human form. A format the
    /// command does not support is a usage error.
    #[arg(short = 'o', long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// When to colour output: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorChoice::Auto
    )]
    pub color: ColorChoice,

    // The four flags below are `Set` actions taking no value (`true` when
    // given), read as `Some(true)`, not clap's `SetTrue`: a `SetTrue` flag
    // always has a value (its default `false`), which clap records at every
    // level of the command line and copies between the levels for a global
    // option: about a tenth of a short run's instructions. Help, usage,
    // errors (a repeated flag, a value given to one) and completions are the
    // same (tests/it and the `argv` unit tests compare them).
    /// Never colour output (the same as --color never).
    #[arg(long, global = true, conflicts_with = "color", num_args = 0, action = ArgAction::Set, default_missing_value = "true", value_parser = value_parser!(bool))]
    pub no_color: Option<bool>,

    /// Print less on stderr: no notes or warnings, only errors.
    #[arg(short = 'q', long, global = true, conflicts_with = "verbose", num_args = 0, action = ArgAction::Set, default_missing_value = "true", value_parser = value_parser!(bool))]
    pub quiet: Option<bool>,

    /// Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret.
    #[arg(short = 'v', long, global = true, num_args = 0, action = ArgAction::Set, default_missing_value = "true", value_parser = value_parser!(bool))]
    pub verbose: Option<bool>,

    /// Answer yes to confirmations.
    #[arg(short = 'y', long, global = true, num_args = 0, action = ArgAction::Set, default_missing_value = "true", value_parser = value_parser!(bool))]
    pub yes: Option<bool>,

    /// Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml].
    #[arg(long, global = true, value_name = "DURATION")]
    pub timeout: Option<String>,

    /// Use a cached JWKS at most this long past its max-age when its server cannot be
    /// reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy
    /// [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml].
    #[arg(long, global = true, value_name = "DURATION")]
    pub max_stale: Option<String>,

    /// Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)
    /// [env: JWKSCTL_REGISTRY].
    #[arg(long, global = true, value_enum)]
    pub registry: Option<RegistryKind>,

    /// Turso organization slug (turso registry) [env: JWKSCTL_ORG].
    #[arg(long, global = true, value_name = "ORG")]
    pub org: Option<String>,

    /// Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech].
    #[arg(long, global = true, value_name = "URL")]
    pub api_url: Option<String>,
}

/// A command's own `-o`: the same option as the global one (same id, so
/// clap does not add the global one to the command), limited to the formats
/// the command prints, so its help lists only those and clap refuses the
/// others with its own message.
macro_rules! output_formats {
    ($name:ident, [$($format:literal),+]) => {
        #[derive(Debug, Args)]
        pub struct $name {
            /// Output format (the formats this command prints).
            #[arg(
                short = 'o',
                long = "output",
                value_name = "FORMAT",
                help_heading = "Global options",
                value_parser = clap::builder::PossibleValuesParser::new([$($format),+])
                    .map(|name| format_named(&name))
            )]
            pub output: Option<OutputFormat>,
        }
    };
}

output_formats!(JsonYamlOutput, ["json", "yaml"]);
output_formats!(TextOutput, ["text", "json", "yaml"]);
output_formats!(TableOutput, ["table", "json", "yaml"]);
output_formats!(ConfigOutput, ["table", "text", "json", "yaml"]);
output_formats!(PlainOutput, ["text"]);

/// The `-o` value of a name the parser already checked.
fn format_named(name: &str) -> OutputFormat {
    match name {
        "json" => OutputFormat::Json,
        "yaml" => OutputFormat::Yaml,
        "table" => OutputFormat::Table,
        _ => OutputFormat::Text,
    }
}

/// `--leeway`, checked when the command line is parsed (clap's message names
/// the flag and value; ours says why): the one grammar of
/// [`crate::duration`], then the verifier's own bound.
fn checked_leeway(text: &str) -> Result<String, String> {
    crate::token::describe::parse_span(text).map(|_| text.to_string())
}

/// `--jobs`: a whole number of threads, at least one.
fn checked_jobs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("at least one job is needed (1 verifies one line at a time)".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{text:?} is not a number of jobs (1, 2, 3…)")),
    }
}

/// `--ttl`, checked when the command line is parsed (`never`, or the one
/// grammar of [`crate::duration`] within mint's bounds).
fn checked_ttl(text: &str) -> Result<String, String> {
    crate::token::mint::parse_ttl(text).map(|_| text.to_string())
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour a stream only when it is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

/// `jwksctl providers` takes only `-o`.
#[derive(Debug, Args)]
pub struct ProvidersArgs {
    #[command(flatten)]
    pub output: TableOutput,
}

/// `-o` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Json,
    Yaml,
    Table,
    Text,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a JWT claims template for Turso Cloud or self-hosted libSQL.
    ///
    /// Prints the claims a token must carry to reach a database or group, in the
    /// shape `turso org jwks template` prints (or sqld's, with --dialect libsql),
    /// optionally wrapped for pasting into an auth provider's dashboard. With
    /// neither --database nor --group on a terminal, asks interactively.
    #[command(after_help = TEMPLATE_EXAMPLES)]
    Template(Lazy<TemplateArgs>),

    /// Save a named JWKS endpoint in the registry (insert or replace).
    ///
    /// The URL is fetched and audited as `check` does before it is saved; an
    /// endpoint with errors (private keys published, not a JWKS, unreachable)
    /// is refused. Build the URL from a preset with --provider, or find it
    /// through OpenID discovery with --discover.
    #[command(after_help = SAVE_EXAMPLES)]
    Save(Lazy<SaveArgs>),

    /// List saved JWKS endpoints.
    #[command(after_help = LIST_EXAMPLES)]
    List(Lazy<ListArgs>),

    /// Remove a saved JWKS endpoint.
    #[command(after_help = REMOVE_EXAMPLES)]
    Remove(Lazy<RemoveArgs>),

    /// Make one registry hold the other's entries (local and your Turso organization).
    ///
    /// Shows the plan — entries to add, to change (another URL) and, with
    /// --prune, to remove — and applies it with --yes or after a prompt on a
    /// terminal (elsewhere, without --yes: the plan, and exit 1). Each entry to
    /// add or change is fetched and audited first, as `save` does; one that fails
    /// is not written (exit 1, or 3 when its endpoint is unreachable).
    #[command(after_help = SYNC_EXAMPLES)]
    Sync(Lazy<SyncArgs>),

    /// Fetch and audit JWKS endpoints or files.
    ///
    /// Each SOURCE is a registry name, an http(s) URL or a path to a JWKS file;
    /// with none (or --all), every registry entry is checked. Exit 0 when every
    /// source is usable, 1 when one has errors, 3 when one cannot be reached.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(Lazy<CheckArgs>),

    /// List auth-provider presets for `save --provider`.
    #[command(after_help = PROVIDERS_EXAMPLES)]
    Providers(Lazy<ProvidersArgs>),

    /// Manage local development signing keys.
    ///
    /// Keys live in the data directory as private JWK files (directory 0700,
    /// files 0600). The first key becomes the default signing key of
    /// `token mint`; export public keys for sqld, PowerSync or a JWKS.
    #[command(after_help = KEYS_EXAMPLES)]
    Keys(Lazy<KeysArgs>),

    /// Mint, decode and verify tokens.
    #[command(after_help = TOKEN_EXAMPLES)]
    Token(Lazy<Box<TokenArgs>>),

    /// Show and change settings in config.yaml.
    #[command(after_help = CONFIG_EXAMPLES)]
    Config(Lazy<ConfigArgs>),

    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(Lazy<CompletionsArgs>),

    /// Find the first broken link between an auth provider and a database.
    ///
    /// Checks, in order: the target's configuration as the target reads it
    /// (--powersync-config, sqld's --key files); every key source it names
    /// (reachable, a JWKS, audit findings, cache state, and this machine's
    /// clock against the servers' Date headers); the token (decodes, alg,
    /// kid, signature, times, audience, the target's rules); what it grants
    /// on the target. With a provider or JWKS but no token: what a token must
    /// carry for the target. Prints one line per link (ok, FAIL, WARN, skip)
    /// and the one fix for the first broken link; later links are skipped.
    /// Exit 0 when every link holds, 1 at a definite failure, 3 when a link
    /// could not be checked (a source unreachable).
    #[command(after_help = DOCTOR_EXAMPLES)]
    Doctor(Lazy<Box<DoctorArgs>>),
}

const DOCTOR_EXAMPLES: &str = "\
Examples:
  jwksctl doctor \"$TOKEN\" --for powersync --powersync-config powersync.yaml
  jwksctl doctor \"$TOKEN\" --for sqld --key jwt_key.pem
  jwksctl doctor --for turso --jwks https://my-app.clerk.accounts.dev/.well-known/jwks.json -d mydb
  jwksctl doctor \"$TOKEN\" --jwks clerk -o json";

#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub output: TextOutput,

    /// The token, or `-` to read it from stdin. Without one, doctor checks the
    /// configuration and key sources and says what a token must carry.
    #[arg(value_name = "TOKEN|-")]
    pub token: Option<String>,

    /// The database that verifies the token.
    #[arg(long = "for", value_enum, value_name = "TARGET")]
    pub target: Option<TargetArg>,

    /// A PowerSync service configuration (client_auth), read as the service reads it.
    #[arg(long, value_name = "FILE")]
    pub powersync_config: Option<PathBuf>,

    /// A public key file: sqld's key file with --for sqld (PEM blocks or raw base64url
    /// Ed25519), else SPKI PEM or JWK (repeatable).
    #[arg(long, value_name = "PATH")]
    pub key: Vec<PathBuf>,

    /// Keys from a registry name, an http(s) URL, or a JWKS / JWK file (repeatable).
    #[arg(long, value_name = "NAME|URL|PATH", add = ArgValueCompleter::new(complete::sources))]
    pub jwks: Vec<String>,

    /// Keys from a provider preset's JWKS URL (see `jwksctl providers`).
    #[arg(long, value_name = "PROVIDER", add = ArgValueCandidates::new(complete::presets))]
    pub provider: Option<String>,

    /// A preset parameter, e.g. --set domain=my-app.clerk.accounts.dev (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE", requires = "provider")]
    pub set: Vec<String>,

    /// An HMAC secret from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "secret_file")]
    pub secret_env: Option<String>,

    /// An HMAC secret from this file (one trailing newline is stripped).
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,

    /// How the secret is written: raw bytes, base64 or base64url (PowerSync's `k`).
    #[arg(long, value_enum, default_value_t = SecretEncoding::Raw)]
    pub secret_encoding: SecretEncoding,

    /// With --for sqld: report what the token grants on this namespace only.
    #[arg(long, value_name = "NAME", requires = "target")]
    pub namespace: Option<String>,

    /// With --for sqld: the server's LIBSQL_GID, which the tags of claim p are matched against.
    #[arg(long, value_name = "GID", requires = "target")]
    pub libsql_gid: Option<String>,

    /// Without a token, for sqld or turso: the database the template should grant.
    #[arg(short = 'd', long, value_name = "NAME", requires = "target")]
    pub database: Option<String>,

    #[command(flatten)]
    pub cache: CacheArgs,
}

const TOP_EXAMPLES: &str = "\
Examples:
  jwksctl template -d mydb --provider clerk
  jwksctl check --all";

const LIST_EXAMPLES: &str = "\
Examples:
  jwksctl list
  jwksctl list -o json";

const REMOVE_EXAMPLES: &str = "\
Examples:
  jwksctl remove clerk -y";

const CHECK_EXAMPLES: &str = "\
Examples:
  jwksctl check clerk
  jwksctl check --all -o json
  jwksctl check https://my-app.clerk.accounts.dev/.well-known/jwks.json --max-stale 1h";

const PROVIDERS_EXAMPLES: &str = "\
Examples:
  jwksctl providers";

const KEYS_EXAMPLES: &str = "\
Examples:
  jwksctl keys generate --alg ES256
  jwksctl keys list";

const TOKEN_EXAMPLES: &str = "\
Examples:
  jwksctl token mint --sub alice | jwksctl token decode";

const CONFIG_EXAMPLES: &str = "\
Examples:
  jwksctl config show";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  jwksctl completions bash > jwksctl.bash
  jwksctl completions zsh > _jwksctl";

const DECODE_EXAMPLES: &str = "\
Examples:
  jwksctl token decode \"$TOKEN\"
  jwksctl token decode \"$TOKEN\" -o json";

const GENERATE_EXAMPLES: &str = "\
Examples:
  jwksctl keys generate
  jwksctl keys generate --alg RS256 --bits 3072 --kid prod-2024";

const KEYS_LIST_EXAMPLES: &str = "\
Examples:
  jwksctl keys list -o json";

const KEYS_JWKS_EXAMPLES: &str = "\
Examples:
  jwksctl keys jwks > jwks.json";

const KEYS_EXPORT_EXAMPLES: &str = "\
Examples:
  jwksctl keys export \"$KID\" --format sqld > jwt_key.txt
  jwksctl keys export \"$KID\" --format pem
  jwksctl keys export sqld-dev --format pem > jwt_key.pem
  jwksctl keys export old-key new-key --format sqld > jwt_keys.pem";

const KEYS_SERVE_EXAMPLES: &str = "\
Examples:
  jwksctl keys serve --listen 127.0.0.1:0";

const KEYS_DEFAULT_EXAMPLES: &str = "\
Examples:
  jwksctl keys default \"$KID\"";

const KEYS_REMOVE_EXAMPLES: &str = "\
Examples:
  jwksctl keys remove \"$KID\" -y";

const CONFIG_PATH_EXAMPLES: &str = "\
Examples:
  jwksctl config path";

const CONFIG_SHOW_EXAMPLES: &str = "\
Examples:
  jwksctl config show -o json
  jwksctl --timeout 30s config show";

const CONFIG_SET_EXAMPLES: &str = "\
Examples:
  jwksctl config set max_stale 6h";

const CONFIG_UNSET_EXAMPLES: &str = "\
Examples:
  jwksctl config unset timeout";

const TEMPLATE_EXAMPLES: &str = "\
Examples:
  jwksctl template -d mydb
  jwksctl template -d mydb -s read-only
  jwksctl template -g prod -p all:data_read -p comments:data_add,data_update
  jwksctl template --dialect libsql -d a --attach b
  jwksctl template -d mydb --provider auth0";

const SAVE_EXAMPLES: &str = "\
Examples:
  jwksctl save clerk https://my-app.clerk.accounts.dev/.well-known/jwks.json
  jwksctl save 'Clerk Production' --provider clerk --set domain=my-app.clerk.accounts.dev
  jwksctl save auth0 --discover https://my-tenant.us.auth0.com/";

#[derive(Debug, Args)]
pub struct SaveArgs {
    #[command(flatten)]
    pub output: TextOutput,

    /// Entry name: letters, digits, spaces, `_ . -` (1 to 64 characters).
    pub name: String,

    /// The JWKS URL (https://, or http:// to a loopback host).
    #[arg(conflicts_with_all = ["provider", "discover"])]
    pub url: Option<String>,

    /// Build the URL from a provider preset (see `jwksctl providers`).
    #[arg(
        long,
        value_name = "PROVIDER",
        conflicts_with = "discover",
        add = ArgValueCandidates::new(complete::presets)
    )]
    pub provider: Option<String>,

    /// A preset parameter, e.g. --set domain=my-app.clerk.accounts.dev (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE", requires = "provider")]
    pub set: Vec<String>,

    /// Find the JWKS URL in ISSUER_URL/.well-known/openid-configuration.
    #[arg(long, value_name = "ISSUER_URL")]
    pub discover: Option<String>,

    /// Save without fetching and auditing the endpoint.
    #[arg(long)]
    pub no_check: bool,

    /// Allow a plain http:// URL to a non-loopback host (keys could be replaced in transit).
    #[arg(long)]
    pub allow_http: bool,
}

const SYNC_EXAMPLES: &str = "\
Examples:
  jwksctl sync --from local --to turso --org acme --dry-run
  jwksctl sync --from local --to turso --org acme --prune --yes
  jwksctl sync --from turso --to local --org acme --yes -o json";

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(flatten)]
    pub output: TextOutput,

    /// The registry whose entries are copied.
    #[arg(long, value_enum, value_name = "REGISTRY")]
    pub from: RegistryKind,

    /// The registry that is changed.
    #[arg(long, value_enum, value_name = "REGISTRY")]
    pub to: RegistryKind,

    /// Also remove the target's entries the source does not have.
    #[arg(long)]
    pub prune: bool,

    /// Show the plan (and audit it) without changing anything.
    #[arg(long)]
    pub dry_run: bool,

    /// Allow plain http:// URLs to non-loopback hosts (keys could be replaced in transit).
    #[arg(long)]
    pub allow_http: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: TableOutput,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub output: TextOutput,

    /// The entry to remove.
    #[arg(add = ArgValueCandidates::new(complete::entry_names))]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub output: TableOutput,

    /// Registry names, http(s) URLs or JWKS file paths.
    #[arg(value_name = "SOURCE", add = ArgValueCompleter::new(complete::sources))]
    pub sources: Vec<String>,

    /// Check every registry entry (also the default with no SOURCE).
    #[arg(long, conflicts_with = "sources")]
    pub all: bool,

    #[command(flatten)]
    pub cache: CacheArgs,
}

/// How fetched JWKS documents use the cache.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// Fetch anew, ignoring cached copies.
    #[arg(long, conflicts_with = "offline")]
    pub refresh: bool,

    /// Never use the network: cached copies only, even stale ones.
    #[arg(long)]
    pub offline: bool,
}

#[derive(Debug, Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    pub command: KeysCommand,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Generate a key (EdDSA by default) and print its kid and public JWK.
    #[command(after_help = GENERATE_EXAMPLES)]
    Generate {
        /// Signature algorithm of the key.
        #[arg(long, value_enum, default_value_t = Alg::EdDSA)]
        alg: Alg,
        /// Key id [default: the RFC 7638 thumbprint].
        #[arg(long, value_name = "KID", allow_hyphen_values = true)]
        kid: Option<String>,
        /// RSA modulus size (RS*, PS*) [default: 2048].
        #[arg(long, value_name = "BITS", value_enum)]
        bits: Option<RsaBits>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// List the keys.
    #[command(after_help = KEYS_LIST_EXAMPLES)]
    List {
        #[command(flatten)]
        output: TableOutput,
    },
    /// Print the public JWKS of every key (HMAC keys left out).
    #[command(after_help = KEYS_JWKS_EXAMPLES)]
    Jwks {
        /// Include HMAC keys, secret `k` and all (prints secrets!).
        #[arg(long)]
        include_secret: bool,
        #[command(flatten)]
        output: JsonYamlOutput,
    },
    /// Print a key as a JWK, PEM, sqld key file or PowerSync config block.
    ///
    /// With --format sqld, several kids make one file of PEM `PUBLIC KEY`
    /// blocks, which sqld tries in turn (key rotation).
    #[command(after_help = KEYS_EXPORT_EXAMPLES)]
    Export {
        /// The key's kid (thumbprints may start with '-').
        #[arg(allow_hyphen_values = true, add = ArgValueCandidates::new(complete::key_ids))]
        kid: String,
        /// More kids, for --format sqld (after `--` when one starts with '-').
        #[arg(value_name = "KID", add = ArgValueCandidates::new(complete::key_ids))]
        more: Vec<String>,
        /// Output form.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jwk)]
        format: ExportFormat,
        /// Include the private key (prints a secret!).
        #[arg(long)]
        private: bool,
        /// With --format powersync: the client_auth.audience to write (repeatable)
        /// [default: powersync-dev, powersync].
        #[arg(long, value_name = "AUD")]
        audience: Vec<String>,
        /// With --format powersync and an HMAC key: write `k: !env VAR` (a PS_ variable
        /// the service reads) instead of the secret.
        #[arg(long, value_name = "PS_VAR")]
        secret_env: Option<String>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Serve the public keys as a local JWKS endpoint with OpenID discovery.
    ///
    /// Prints the base URL (also the issuer) as the first line of stdout, and
    /// the JWKS and discovery URLs on stderr. Serves /.well-known/jwks.json
    /// (public keys only; HMAC keys left out) and
    /// /.well-known/openid-configuration, re-reading the key store on each
    /// request. Runs until Ctrl-C or SIGTERM, then exits 0.
    #[command(after_help = KEYS_SERVE_EXAMPLES)]
    Serve {
        /// Address and port to listen on (port 0 picks a free port).
        #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:0")]
        listen: String,
        #[command(flatten)]
        output: PlainOutput,
    },
    /// Write sqld's key file from JWKS: every Ed25519 signing key of the sources.
    ///
    /// Each SOURCE is a registry name, an http(s) URL or a JWKS file. The file
    /// holds one PEM `PUBLIC KEY` block per Ed25519 signing key (use != enc),
    /// which sqld's --auth-jwt-key-file tries in turn; other keys are skipped
    /// with a warning naming them. When no key fits, or a source cannot be
    /// read, nothing is written (exit 1, or 3 when a source is unreachable).
    #[command(after_help = SQLD_EXAMPLES)]
    Sqld {
        /// Registry names, http(s) URLs or JWKS file paths.
        #[arg(required = true, value_name = "SOURCE")]
        sources: Vec<String>,
        /// Write the key file to PATH (atomically; untouched when no key fits)
        /// instead of stdout.
        #[arg(long, value_name = "PATH")]
        write: Option<PathBuf>,
        #[command(flatten)]
        cache: CacheArgs,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Make a key the default signing key.
    #[command(after_help = KEYS_DEFAULT_EXAMPLES)]
    Default {
        /// The key's kid (thumbprints may start with '-').
        #[arg(allow_hyphen_values = true, add = ArgValueCandidates::new(complete::key_ids))]
        kid: String,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Delete a key.
    #[command(after_help = KEYS_REMOVE_EXAMPLES)]
    Remove {
        /// The key's kid (thumbprints may start with '-').
        #[arg(allow_hyphen_values = true, add = ArgValueCandidates::new(complete::key_ids))]
        kid: String,
        #[command(flatten)]
        output: TextOutput,
    },
}

const SQLD_EXAMPLES: &str = "\
Examples:
  jwksctl keys sqld ./jwks.json --write jwt_keys.pem
  jwksctl keys sqld https://my-app.clerk.accounts.dev/.well-known/jwks.json ./jwks.json";

/// `keys generate --bits` values: the RSA modulus sizes aws-lc-rs generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RsaBits {
    #[value(name = "2048")]
    B2048,
    #[value(name = "3072")]
    B3072,
    #[value(name = "4096")]
    B4096,
}

impl RsaBits {
    pub fn bits(self) -> u32 {
        match self {
            RsaBits::B2048 => 2048,
            RsaBits::B3072 => 3072,
            RsaBits::B4096 => 4096,
        }
    }
}

/// `keys export --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A JWK (public unless --private).
    Jwk,
    /// SPKI PEM (PKCS#8 with --private).
    Pem,
    /// sqld's --auth-jwt-key-file: for one kid the raw Ed25519 public key, base64url
    /// (no trailing newline when redirected to a file); for several, one PEM PUBLIC KEY
    /// block each.
    Sqld,
    /// A PowerSync `client_auth:` YAML block.
    Powersync,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    #[command(subcommand)]
    pub command: OnlyNamed<TokenCommand>,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Mint a development token signed by a local key.
    ///
    /// Claims: the template (-d/-g, as `template` makes them), then
    /// --claims-file, then each --claim, then sub/aud/iss/iat/exp. With no key
    /// given, the default key signs; on first use an EdDSA key is generated.
    #[command(after_help = MINT_EXAMPLES)]
    Mint(Lazy<MintArgs>),

    /// Show what a token says, without verifying it.
    ///
    /// Prints the header and claims, the times in RFC 3339 and relative to now,
    /// and what the Turso / libSQL claims grant in plain words. The signature
    /// is NOT checked: use `token verify` for that.
    #[command(after_help = DECODE_EXAMPLES)]
    Decode(Lazy<DecodeArgs>),

    /// Verify a token's signature and claims, and explain the verdict.
    ///
    /// Keys come from --jwks (a registry name, URL or JWKS file), --key (a
    /// public key file) and --secret-env / --secret-file (an HMAC secret); with
    /// none, from every registry entry and the local key store. Exit 0 valid,
    /// 1 invalid (or no keys to verify with), 3 undecided (no key matched
    /// while a source could not be reached: retry later). With -q, only the
    /// verdict line is printed.
    #[command(after_help = VERIFY_EXAMPLES)]
    Verify(Lazy<VerifyArgs>),
}

const VERIFY_EXAMPLES: &str = "\
Examples:
  jwksctl token mint | jwksctl token verify -
  jwksctl token verify \"$TOKEN\" --jwks clerk --iss https://my-app.clerk.accounts.dev
  jwksctl token verify \"$TOKEN\" --key jwt_key.pem
  jwksctl token verify \"$TOKEN\" --secret-env PS_SHARED_SECRET --secret-encoding base64url
  jwksctl token verify --batch --jwks clerk < tokens.txt
  jwksctl -q token verify \"$TOKEN\" --jwks clerk";

#[derive(Debug, Args)]
pub struct DecodeArgs {
    #[command(flatten)]
    pub output: TextOutput,

    /// The token, or `-` to read it from stdin (also the default when stdin is not a terminal).
    #[arg(value_name = "TOKEN|-")]
    pub token: Option<String>,

    /// Report the rules this target applies (without checking the signature); exit 1 when one fails.
    #[arg(long = "for", value_enum, value_name = "TARGET")]
    pub target: Option<TargetArg>,

    /// The audiences the target accepts, for --for powersync (repeatable).
    #[arg(long, value_name = "AUD", requires = "target")]
    pub aud: Vec<String>,

    /// With --for sqld: report what the token grants on this namespace only.
    #[arg(long, value_name = "NAME", requires = "target")]
    pub namespace: Option<String>,

    /// With --for sqld: the server's LIBSQL_GID, which the tags of claim p are matched against.
    #[arg(long, value_name = "GID", requires = "target")]
    pub libsql_gid: Option<String>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub output: TextOutput,

    /// The token, or `-` to read it from stdin (also the default when stdin is not a terminal).
    #[arg(value_name = "TOKEN|-", conflicts_with = "batch")]
    pub token: Option<String>,

    /// Keys from a registry name, an http(s) URL, or a JWKS / JWK file (repeatable).
    #[arg(long, value_name = "NAME|URL|PATH", add = ArgValueCompleter::new(complete::sources))]
    pub jwks: Vec<String>,

    /// A public key file: SPKI PEM, JWK, or sqld's raw base64url Ed25519 key (repeatable).
    #[arg(long, value_name = "PATH")]
    pub key: Vec<PathBuf>,

    /// An HMAC secret from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "secret_file")]
    pub secret_env: Option<String>,

    /// An HMAC secret from this file (one trailing newline is stripped).
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,

    /// How the secret is written: raw bytes, base64 or base64url (PowerSync's `k`).
    #[arg(long, value_enum, default_value_t = SecretEncoding::Raw)]
    pub secret_encoding: SecretEncoding,

    /// Accept only these audiences (any one matches; repeatable).
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,

    /// Accept only these issuers (any one matches; repeatable).
    #[arg(long, value_name = "ISS")]
    pub iss: Vec<String>,

    /// Accept only this subject.
    #[arg(long, value_name = "SUB")]
    pub sub: Option<String>,

    /// Claims that must be present (repeatable).
    #[arg(long, value_name = "CLAIM")]
    pub require: Vec<String>,

    /// Clock skew allowed for exp and nbf (s, m, h, d, w, y; at most 100 years).
    #[arg(
        long,
        value_name = "DURATION",
        default_value = "60s",
        allow_hyphen_values = true,
        value_parser = checked_leeway
    )]
    pub leeway: String,

    /// Allowed algorithms (repeatable) [default: every asymmetric one, and HS* only
    /// with a secret named explicitly: --secret-env, --secret-file, a JWKS file
    /// given as a path, or --powersync-config; the key store's HMAC keys never verify].
    #[arg(long, value_name = "ALG", ignore_case = true)]
    pub alg: Vec<Alg>,

    /// Do not check exp.
    #[arg(long)]
    pub ignore_exp: bool,

    /// Judge exp and nbf at this instant (RFC 3339 or Unix seconds, up to year 9999) instead of now.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,

    /// The payload is any text (a plain JWS): check only the signature.
    #[arg(long)]
    pub jws: bool,

    #[command(flatten)]
    pub cache: CacheArgs,

    /// Verify one token per stdin line; print one JSON object per line.
    #[arg(long)]
    pub batch: bool,

    /// With --batch: verify this many lines at once; the answers keep the input order
    /// [default: the number of cores].
    #[arg(long, value_name = "N", value_parser = checked_jobs)]
    pub jobs: Option<usize>,

    /// Judge as this target does: its verdict, in its terms (powersync needs --aud or
    /// --powersync-config; sqld reads --key files as sqld loads them).
    #[arg(long = "for", value_enum, value_name = "TARGET")]
    pub target: Option<TargetArg>,

    /// With --for sqld: report what the token grants on this namespace only.
    #[arg(long, value_name = "NAME", requires = "target")]
    pub namespace: Option<String>,

    /// With --for sqld: the server's LIBSQL_GID, which the tags of claim p are matched against.
    #[arg(long, value_name = "GID", requires = "target")]
    pub libsql_gid: Option<String>,

    /// Keys and audience from a PowerSync service configuration, as the service reads them
    /// (client_auth: jwks, jwks_uri, supabase_jwt_secret, audience).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["jwks", "key", "secret_env", "secret_file"])]
    pub powersync_config: Option<PathBuf>,
}

/// `--for` values: the verifier whose own rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TargetArg {
    /// A PowerSync service (its KeyStore's rules and PSYNC_ error codes).
    Powersync,
    /// A self-hosted libSQL server (sqld): EdDSA, the libsql claims.
    Sqld,
    /// Turso Cloud: the claims of `turso org jwks template`.
    Turso,
}

/// `--secret-encoding` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecretEncoding {
    Raw,
    Base64,
    Base64url,
}

const MINT_EXAMPLES: &str = "\
Examples:
  jwksctl token mint --sub alice -d mydb -s read-only
  jwksctl token mint --dialect libsql -d mydb --ttl 1h
  jwksctl token mint --powersync-config powersync.yaml
  TOKEN=$(jwksctl token mint --sub alice --aud my-api)";

#[derive(Debug, Args)]
pub struct MintArgs {
    #[command(flatten)]
    pub output: TextOutput,

    /// The `sub` claim.
    #[arg(long, value_name = "SUBJECT")]
    pub sub: Option<String>,

    /// The `aud` claim (repeatable: several make an array).
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,

    /// The `iss` claim.
    #[arg(long, value_name = "ISSUER")]
    pub iss: Option<String>,

    /// Lifetime: 30s, 15m, 12h, 7d, 2w, 1y (units s, m, h, d, w, y; at most 100 years), or `never` (no exp).
    #[arg(
        long,
        value_name = "DURATION|never",
        default_value = "12h",
        allow_hyphen_values = true,
        value_parser = checked_ttl
    )]
    pub ttl: String,

    #[command(flatten)]
    pub claims: ClaimsArgs,

    /// An extra claim NAME=VALUE; VALUE is JSON if it parses, else a string (repeatable).
    #[arg(long = "claim", value_name = "NAME=VALUE", allow_hyphen_values = true)]
    pub claim: Vec<String>,

    /// A JSON object of extra claims.
    #[arg(long, value_name = "FILE")]
    pub claims_file: Option<PathBuf>,

    /// Sign with this key from the local key store [default: the default key].
    #[arg(
        long,
        value_name = "KID",
        allow_hyphen_values = true,
        conflicts_with = "key_file",
        add = ArgValueCandidates::new(complete::key_ids)
    )]
    pub key: Option<String>,

    /// Sign with a private JWK or PKCS#8 PEM file.
    #[arg(long, value_name = "PATH")]
    pub key_file: Option<PathBuf>,

    /// The kid to put in the header with --key-file [default: the JWK's own kid;
    /// for a PEM, the RFC 7638 thumbprint, with a warning].
    #[arg(
        long,
        value_name = "KID",
        requires = "key_file",
        allow_hyphen_values = true
    )]
    pub kid: Option<String>,

    /// Mint for a PowerSync service: key, kid and audience from its YAML configuration
    /// (with --key or --key-file, only the audience: for a configuration that uses jwks_uri).
    #[arg(long, value_name = "FILE")]
    pub powersync_config: Option<PathBuf>,

    /// Make a token this target accepts, or refuse naming the rule it would break.
    #[arg(long = "for", value_enum, value_name = "TARGET")]
    pub target: Option<TargetArg>,

    /// With --for sqld and no -d: mint a token that grants every namespace.
    #[arg(long, requires = "target")]
    pub all_namespaces: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the directories and files jwksctl uses.
    #[command(after_help = CONFIG_PATH_EXAMPLES)]
    Path {
        #[command(flatten)]
        output: ConfigOutput,
    },
    /// Print every setting, its value and where it comes from.
    ///
    /// Each setting is resolved as flag > environment variable > config.yaml > default;
    /// the FROM column (`source` in JSON) says which: `flag`, `env:VAR`, `config` (with
    /// the file) or `default`, and `turso-cli` for the Turso CLI's login.
    #[command(after_help = CONFIG_SHOW_EXAMPLES)]
    Show {
        #[command(flatten)]
        output: ConfigOutput,
    },
    #[command(after_help = CONFIG_SET_EXAMPLES)]
    /// Set a key in config.yaml (registry, org, api_url, timeout, max_stale, default_key).
    Set {
        /// registry, org, api_url, timeout, max_stale or default_key.
        #[arg(add = ArgValueCandidates::new(complete::config_keys))]
        key: String,
        /// The new value.
        value: String,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Remove a key from config.yaml.
    #[command(after_help = CONFIG_UNSET_EXAMPLES)]
    Unset {
        /// registry, org, api_url, timeout, max_stale or default_key.
        #[arg(add = ArgValueCandidates::new(complete::config_keys))]
        key: String,
        #[command(flatten)]
        output: TextOutput,
    },
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[command(flatten)]
    pub claims: ClaimsArgs,

    #[command(flatten)]
    pub output: JsonYamlOutput,

    /// Wrap the claims for pasting into a provider's dashboard.
    #[arg(long, value_enum, default_value_t = ProviderArg::Generic)]
    pub provider: ProviderArg,

    /// Print indented JSON.
    #[arg(long)]
    pub pretty: bool,
}

/// The flags that describe database claims, shared by `template` and `token mint`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Database to grant access to (repeatable with --dialect libsql).
    #[arg(short = 'd', long = "database", value_name = "DATABASE")]
    pub database: Vec<String>,

    /// Group to grant access to (turso dialect).
    #[arg(short = 'g', long = "group", value_name = "GROUP")]
    pub group: Option<String>,

    /// Access scope [default: full-access].
    #[arg(short = 's', long, value_enum)]
    pub scope: Option<ScopeArg>,

    /// Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable).
    ///
    /// Actions: data_read, data_add, data_update, data_delete, schema_add,
    /// schema_update, schema_delete. Rules for one table are merged.
    #[arg(short = 'p', long = "permissions", value_name = "TABLE:ACTIONS")]
    pub permissions: Vec<String>,

    /// Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld).
    #[arg(long, value_enum, default_value_t = DialectArg::Turso)]
    pub dialect: DialectArg,

    /// Grant read-only ATTACH of DB (libsql dialect, repeatable).
    #[arg(long, value_name = "DB")]
    pub attach: Vec<String>,
}

/// `--scope` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
    FullAccess,
    ReadOnly,
}

/// `--dialect` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DialectArg {
    Turso,
    Libsql,
}

/// `--provider` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProviderArg {
    Generic,
    Clerk,
    Auth0,
    Supabase,
    Firebase,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[command(flatten)]
    pub output: PlainOutput,

    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
