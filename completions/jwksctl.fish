# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_jwksctl_global_optspecs
    string join \n home= o/output= color= no-color q/quiet v/verbose y/yes timeout= max-stale= registry= org= api-url= h/help V/version
end

function __fish_jwksctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_jwksctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_jwksctl_using_subcommand
    set -l cmd (__fish_jwksctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c jwksctl -n "__fish_jwksctl_needs_command" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s o -l output -d 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error' -r -f -a "json\t''
yaml\t''
table\t''
text\t''"
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "template" -d 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "save" -d 'Save a named JWKS endpoint in the registry (insert or replace)'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "list" -d 'List saved JWKS endpoints'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "remove" -d 'Remove a saved JWKS endpoint'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "sync" -d 'Make one registry hold the other\'s entries (local and your Turso organization)'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "check" -d 'Fetch and audit JWKS endpoints or files'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "providers" -d 'List auth-provider presets for `save --provider`'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "keys" -d 'Manage local development signing keys'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "token" -d 'Mint, decode and verify tokens'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "config" -d 'Show and change settings in config.yaml'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s d -l database -d 'Database to grant access to (repeatable with --dialect libsql)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s g -l group -d 'Group to grant access to (turso dialect)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s s -l scope -d 'Access scope [default: full-access]' -r -f -a "full-access\t''
read-only\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s p -l permissions -d 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l dialect -d 'Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld)' -r -f -a "turso\t''
libsql\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l attach -d 'Grant read-only ATTACH of DB (libsql dialect, repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l provider -d 'Wrap the claims for pasting into a provider\'s dashboard' -r -f -a "generic\t''
clerk\t''
auth0\t''
supabase\t''
firebase\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l pretty -d 'Print indented JSON'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l provider -d 'Build the URL from a provider preset (see `jwksctl providers`)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l set -d 'A preset parameter, e.g. --set domain=my-app.clerk.accounts.dev (repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l discover -d 'Find the JWKS URL in ISSUER_URL/.well-known/openid-configuration' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l no-check -d 'Save without fetching and auditing the endpoint'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l allow-http -d 'Allow a plain http:// URL to a non-loopback host (keys could be replaced in transit)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand save" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand list" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand remove" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l from -d 'The registry whose entries are copied' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l to -d 'The registry that is changed' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l prune -d 'Also remove the target\'s entries the source does not have'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l dry-run -d 'Show the plan (and audit it) without changing anything'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l allow-http -d 'Allow plain http:// URLs to non-loopback hosts (keys could be replaced in transit)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand sync" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l all -d 'Check every registry entry (also the default with no SOURCE)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l refresh -d 'Fetch anew, ignoring cached copies'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l offline -d 'Never use the network: cached copies only, even stale ones'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand check" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand providers" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -s o -l output -d 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error' -r -f -a "json\t''
yaml\t''
table\t''
text\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -f -a "generate" -d 'Generate a key (EdDSA by default) and print its kid and public JWK'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -f -a "list" -d 'List the keys'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -f -a "jwks" -d 'Print the public JWKS of every key (HMAC keys left out)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -f -a "export" -d 'Print a key as a JWK, PEM, sqld key file or PowerSync config block'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -f -a "serve" -d 'Serve the public keys as a local JWKS endpoint with OpenID discovery'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -f -a "sqld" -d 'Write sqld\'s key file from JWKS: every Ed25519 signing key of the sources'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -f -a "default" -d 'Make a key the default signing key'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -f -a "remove" -d 'Delete a key'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and not __fish_seen_subcommand_from generate list jwks export serve sqld default remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l alg -d 'Signature algorithm of the key' -r -f -a "EdDSA\t''
ES256\t''
ES384\t''
ES512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
HS256\t''
HS384\t''
HS512\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l kid -d 'Key id [default: the RFC 7638 thumbprint]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l bits -d 'RSA modulus size (RS*, PS*) [default: 2048]' -r -f -a "2048\t''
3072\t''
4096\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l include-secret -d 'Include HMAC keys, secret `k` and all (prints secrets!)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l format -d 'Output form' -r -f -a "jwk\t'A JWK (public unless --private)'
pem\t'SPKI PEM (PKCS#8 with --private)'
sqld\t'sqld\'s --auth-jwt-key-file: for one kid the raw Ed25519 public key, base64url (no trailing newline when redirected to a file); for several, one PEM PUBLIC KEY block each'
powersync\t'A PowerSync `client_auth:` YAML block'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l audience -d 'With --format powersync: the client_auth.audience to write (repeatable) [default: powersync-dev, powersync]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l secret-env -d 'With --format powersync and an HMAC key: write `k: !env VAR` (a PS_ variable the service reads) instead of the secret' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l private -d 'Include the private key (prints a secret!)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -l listen -d 'Address and port to listen on (port 0 picks a free port)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l write -d 'Write the key file to PATH (atomically; untouched when no key fits) instead of stdout' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l refresh -d 'Fetch anew, ignoring cached copies'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l offline -d 'Never use the network: cached copies only, even stale ones'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from sqld" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from default" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Generate a key (EdDSA by default) and print its kid and public JWK'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the keys'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "jwks" -d 'Print the public JWKS of every key (HMAC keys left out)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print a key as a JWK, PEM, sqld key file or PowerSync config block'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve the public keys as a local JWKS endpoint with OpenID discovery'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "sqld" -d 'Write sqld\'s key file from JWKS: every Ed25519 signing key of the sources'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "default" -d 'Make a key the default signing key'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete a key'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -s o -l output -d 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error' -r -f -a "json\t''
yaml\t''
table\t''
text\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -f -a "mint" -d 'Mint a development token signed by a local key'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -f -a "decode" -d 'Show what a token says, without verifying it'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -f -a "verify" -d 'Verify a token\'s signature and claims, and explain the verdict'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and not __fish_seen_subcommand_from mint decode verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l sub -d 'The `sub` claim' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l aud -d 'The `aud` claim (repeatable: several make an array)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l iss -d 'The `iss` claim' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l ttl -d 'Lifetime: 30s, 15m, 12h, 7d, 2w, 1y (units s, m, h, d, w, y; at most 100 years), or `never` (no exp)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s d -l database -d 'Database to grant access to (repeatable with --dialect libsql)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s g -l group -d 'Group to grant access to (turso dialect)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s s -l scope -d 'Access scope [default: full-access]' -r -f -a "full-access\t''
read-only\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s p -l permissions -d 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l dialect -d 'Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld)' -r -f -a "turso\t''
libsql\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l attach -d 'Grant read-only ATTACH of DB (libsql dialect, repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l claim -d 'An extra claim NAME=VALUE; VALUE is JSON if it parses, else a string (repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l claims-file -d 'A JSON object of extra claims' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l key -d 'Sign with this key from the local key store [default: the default key]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l key-file -d 'Sign with a private JWK or PKCS#8 PEM file' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l kid -d 'The kid to put in the header with --key-file [default: the JWK\'s own kid; for a PEM, the RFC 7638 thumbprint, with a warning]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l powersync-config -d 'Mint for a PowerSync service: key, kid and audience from its YAML configuration (with --key or --key-file, only the audience: for a configuration that uses jwks_uri)' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l for -d 'Make a token this target accepts, or refuse naming the rule it would break' -r -f -a "powersync\t'A PowerSync service (its KeyStore\'s rules and PSYNC_ error codes)'
sqld\t'A self-hosted libSQL server (sqld): EdDSA, the libsql claims'
turso\t'Turso Cloud: the claims of `turso org jwks template`'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l all-namespaces -d 'With --for sqld and no -d: mint a token that grants every namespace'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from mint" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l for -d 'Report the rules this target applies (without checking the signature); exit 1 when one fails' -r -f -a "powersync\t'A PowerSync service (its KeyStore\'s rules and PSYNC_ error codes)'
sqld\t'A self-hosted libSQL server (sqld): EdDSA, the libsql claims'
turso\t'Turso Cloud: the claims of `turso org jwks template`'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l aud -d 'The audiences the target accepts, for --for powersync (repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l namespace -d 'With --for sqld: report what the token grants on this namespace only' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l libsql-gid -d 'With --for sqld: the server\'s LIBSQL_GID, which the tags of claim p are matched against' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from decode" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l jwks -d 'Keys from a registry name, an http(s) URL, or a JWKS / JWK file (repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l key -d 'A public key file: SPKI PEM, JWK, or sqld\'s raw base64url Ed25519 key (repeatable)' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l secret-env -d 'An HMAC secret from this environment variable' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l secret-file -d 'An HMAC secret from this file (one trailing newline is stripped)' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l secret-encoding -d 'How the secret is written: raw bytes, base64 or base64url (PowerSync\'s `k`)' -r -f -a "raw\t''
base64\t''
base64url\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l aud -d 'Accept only these audiences (any one matches; repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l iss -d 'Accept only these issuers (any one matches; repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l sub -d 'Accept only this subject' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l require -d 'Claims that must be present (repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l leeway -d 'Clock skew allowed for exp and nbf (s, m, h, d, w, y; at most 100 years)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l alg -d 'Allowed algorithms (repeatable) [default: every asymmetric one, and HS* only with a secret named explicitly: --secret-env, --secret-file, a JWKS file given as a path, or --powersync-config; the key store\'s HMAC keys never verify]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l at -d 'Judge exp and nbf at this instant (RFC 3339 or Unix seconds, up to year 9999) instead of now' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l for -d 'Judge as this target does: its verdict, in its terms (powersync needs --aud or --powersync-config; sqld reads --key files as sqld loads them)' -r -f -a "powersync\t'A PowerSync service (its KeyStore\'s rules and PSYNC_ error codes)'
sqld\t'A self-hosted libSQL server (sqld): EdDSA, the libsql claims'
turso\t'Turso Cloud: the claims of `turso org jwks template`'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l namespace -d 'With --for sqld: report what the token grants on this namespace only' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l libsql-gid -d 'With --for sqld: the server\'s LIBSQL_GID, which the tags of claim p are matched against' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l powersync-config -d 'Keys and audience from a PowerSync service configuration, as the service reads them (client_auth: jwks, jwks_uri, supabase_jwt_secret, audience)' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l ignore-exp -d 'Do not check exp'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l jws -d 'The payload is any text (a plain JWS): check only the signature'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l refresh -d 'Fetch anew, ignoring cached copies'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l offline -d 'Never use the network: cached copies only, even stale ones'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l batch -d 'Verify one token per stdin line; print one JSON object per line'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "mint" -d 'Mint a development token signed by a local key'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "decode" -d 'Show what a token says, without verifying it'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Verify a token\'s signature and claims, and explain the verdict'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -s o -l output -d 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error' -r -f -a "json\t''
yaml\t''
table\t''
text\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "path" -d 'Print the directories and files jwksctl uses'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "show" -d 'Print the settings and where each comes from'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "set" -d 'Set a key in config.yaml (registry, org, api_url, timeout, max_stale, default_key)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "unset" -d 'Remove a key from config.yaml'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "table\t''
text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "table\t''
text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the directories and files jwksctl uses'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the settings and where each comes from'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a key in config.yaml (registry, org, api_url, timeout, max_stale, default_key)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove a key from config.yaml'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s o -l output -d 'Output format (the formats this command prints)' -r -f -a "text\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l color -d 'When to colour output: `auto` colours a terminal unless NO_COLOR is set' -r -f -a "auto\t'Colour a stream only when it is a terminal and NO_COLOR is unset'
always\t'Always colour, even into a pipe or a file'
never\t'Never colour'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l timeout -d 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l max-stale -d 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]' -r -f -a "local\t'A file in the config directory'
turso\t'The Turso Platform API (your organization\'s JWKS)'"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l org -d 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l api-url -d 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l no-color -d 'Never colour output (the same as --color never)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s v -l verbose -d 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "template" -d 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "save" -d 'Save a named JWKS endpoint in the registry (insert or replace)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "list" -d 'List saved JWKS endpoints'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "remove" -d 'Remove a saved JWKS endpoint'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "sync" -d 'Make one registry hold the other\'s entries (local and your Turso organization)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "check" -d 'Fetch and audit JWKS endpoints or files'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "providers" -d 'List auth-provider presets for `save --provider`'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "keys" -d 'Manage local development signing keys'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "token" -d 'Mint, decode and verify tokens'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "config" -d 'Show and change settings in config.yaml'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template save list remove sync check providers keys token config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "generate" -d 'Generate a key (EdDSA by default) and print its kid and public JWK'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "list" -d 'List the keys'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "jwks" -d 'Print the public JWKS of every key (HMAC keys left out)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "export" -d 'Print a key as a JWK, PEM, sqld key file or PowerSync config block'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "serve" -d 'Serve the public keys as a local JWKS endpoint with OpenID discovery'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "sqld" -d 'Write sqld\'s key file from JWKS: every Ed25519 signing key of the sources'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "default" -d 'Make a key the default signing key'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "remove" -d 'Delete a key'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "mint" -d 'Mint a development token signed by a local key'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "decode" -d 'Show what a token says, without verifying it'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "verify" -d 'Verify a token\'s signature and claims, and explain the verdict'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the directories and files jwksctl uses'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the settings and where each comes from'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set a key in config.yaml (registry, org, api_url, timeout, max_stale, default_key)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove a key from config.yaml'
