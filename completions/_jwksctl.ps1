
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'jwksctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'jwksctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'jwksctl' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL')
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save a named JWKS endpoint in the registry (insert or replace)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List saved JWKS endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a saved JWKS endpoint')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make one registry hold the other''s entries (local and your Turso organization)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Fetch and audit JWKS endpoints or files')
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'List auth-provider presets for `save --provider`')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Manage local development signing keys')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint, decode and verify tokens')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change settings in config.yaml')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;template' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Database to grant access to (repeatable with --dialect libsql)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database to grant access to (repeatable with --dialect libsql)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Group to grant access to (turso dialect)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group to grant access to (turso dialect)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Access scope [default: full-access]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Access scope [default: full-access]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)')
            [CompletionResult]::new('--permissions', '--permissions', [CompletionResultType]::ParameterName, 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)')
            [CompletionResult]::new('--dialect', '--dialect', [CompletionResultType]::ParameterName, 'Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Grant read-only ATTACH of DB (libsql dialect, repeatable)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Wrap the claims for pasting into a provider''s dashboard')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'Print indented JSON')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;save' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Build the URL from a provider preset (see `jwksctl providers`)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A preset parameter, e.g. --set domain=my-app.clerk.accounts.dev (repeatable)')
            [CompletionResult]::new('--discover', '--discover', [CompletionResultType]::ParameterName, 'Find the JWKS URL in ISSUER_URL/.well-known/openid-configuration')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-check', '--no-check', [CompletionResultType]::ParameterName, 'Save without fetching and auditing the endpoint')
            [CompletionResult]::new('--allow-http', '--allow-http', [CompletionResultType]::ParameterName, 'Allow a plain http:// URL to a non-loopback host (keys could be replaced in transit)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;list' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;remove' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;sync' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The registry whose entries are copied')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The registry that is changed')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also remove the target''s entries the source does not have')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan (and audit it) without changing anything')
            [CompletionResult]::new('--allow-http', '--allow-http', [CompletionResultType]::ParameterName, 'Allow plain http:// URLs to non-loopback hosts (keys could be replaced in transit)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;check' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Check every registry entry (also the default with no SOURCE)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Fetch anew, ignoring cached copies')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: cached copies only, even stale ones')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;providers' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;keys' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a key (EdDSA by default) and print its kid and public JWK')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the public JWKS of every key (HMAC keys left out)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a key as a JWK, PEM, sqld key file or PowerSync config block')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the public keys as a local JWKS endpoint with OpenID discovery')
            [CompletionResult]::new('sqld', 'sqld', [CompletionResultType]::ParameterValue, 'Write sqld''s key file from JWKS: every Ed25519 signing key of the sources')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make a key the default signing key')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a key')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;keys;generate' {
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signature algorithm of the key')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key id [default: the RFC 7638 thumbprint]')
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'RSA modulus size (RS*, PS*) [default: 2048]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;keys;list' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;keys;jwks' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--include-secret', '--include-secret', [CompletionResultType]::ParameterName, 'Include HMAC keys, secret `k` and all (prints secrets!)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;keys;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'With --format powersync: the client_auth.audience to write (repeatable) [default: powersync-dev, powersync]')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'With --format powersync and an HMAC key: write `k: !env VAR` (a PS_ variable the service reads) instead of the secret')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Include the private key (prints a secret!)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;keys;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on (port 0 picks a free port)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;keys;sqld' {
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Write the key file to PATH (atomically; untouched when no key fits) instead of stdout')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Fetch anew, ignoring cached copies')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: cached copies only, even stale ones')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;keys;default' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;keys;remove' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;keys;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a key (EdDSA by default) and print its kid and public JWK')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the public JWKS of every key (HMAC keys left out)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a key as a JWK, PEM, sqld key file or PowerSync config block')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the public keys as a local JWKS endpoint with OpenID discovery')
            [CompletionResult]::new('sqld', 'sqld', [CompletionResultType]::ParameterValue, 'Write sqld''s key file from JWKS: every Ed25519 signing key of the sources')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make a key the default signing key')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a key')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;keys;help;generate' {
            break
        }
        'jwksctl;keys;help;list' {
            break
        }
        'jwksctl;keys;help;jwks' {
            break
        }
        'jwksctl;keys;help;export' {
            break
        }
        'jwksctl;keys;help;serve' {
            break
        }
        'jwksctl;keys;help;sqld' {
            break
        }
        'jwksctl;keys;help;default' {
            break
        }
        'jwksctl;keys;help;remove' {
            break
        }
        'jwksctl;keys;help;help' {
            break
        }
        'jwksctl;token' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('mint', 'mint', [CompletionResultType]::ParameterValue, 'Mint a development token signed by a local key')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show what a token says, without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a token''s signature and claims, and explain the verdict')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;token;mint' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'The `sub` claim')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'The `aud` claim (repeatable: several make an array)')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'The `iss` claim')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Lifetime: 30s, 15m, 12h, 7d, 2w, 1y (units s, m, h, d, w, y; at most 100 years), or `never` (no exp)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Database to grant access to (repeatable with --dialect libsql)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database to grant access to (repeatable with --dialect libsql)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Group to grant access to (turso dialect)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group to grant access to (turso dialect)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Access scope [default: full-access]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Access scope [default: full-access]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)')
            [CompletionResult]::new('--permissions', '--permissions', [CompletionResultType]::ParameterName, 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)')
            [CompletionResult]::new('--dialect', '--dialect', [CompletionResultType]::ParameterName, 'Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Grant read-only ATTACH of DB (libsql dialect, repeatable)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'An extra claim NAME=VALUE; VALUE is JSON if it parses, else a string (repeatable)')
            [CompletionResult]::new('--claims-file', '--claims-file', [CompletionResultType]::ParameterName, 'A JSON object of extra claims')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Sign with this key from the local key store [default: the default key]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Sign with a private JWK or PKCS#8 PEM file')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'The kid to put in the header with --key-file [default: the JWK''s own kid; for a PEM, the RFC 7638 thumbprint, with a warning]')
            [CompletionResult]::new('--powersync-config', '--powersync-config', [CompletionResultType]::ParameterName, 'Mint for a PowerSync service: key, kid and audience from its YAML configuration (with --key or --key-file, only the audience: for a configuration that uses jwks_uri)')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Make a token this target accepts, or refuse naming the rule it would break')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'With --for sqld and no -d: mint a token that grants every namespace')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;token;decode' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Report the rules this target applies (without checking the signature); exit 1 when one fails')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'The audiences the target accepts, for --for powersync (repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --for sqld: report what the token grants on this namespace only')
            [CompletionResult]::new('--libsql-gid', '--libsql-gid', [CompletionResultType]::ParameterName, 'With --for sqld: the server''s LIBSQL_GID, which the tags of claim p are matched against')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;token;verify' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'Keys from a registry name, an http(s) URL, or a JWKS / JWK file (repeatable)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'A public key file: SPKI PEM, JWK, or sqld''s raw base64url Ed25519 key (repeatable)')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'An HMAC secret from this environment variable')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'An HMAC secret from this file (one trailing newline is stripped)')
            [CompletionResult]::new('--secret-encoding', '--secret-encoding', [CompletionResultType]::ParameterName, 'How the secret is written: raw bytes, base64 or base64url (PowerSync''s `k`)')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Accept only these audiences (any one matches; repeatable)')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Accept only these issuers (any one matches; repeatable)')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'Accept only this subject')
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Claims that must be present (repeatable)')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock skew allowed for exp and nbf (s, m, h, d, w, y; at most 100 years)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Allowed algorithms (repeatable) [default: every asymmetric one, and HS* only with a secret named explicitly: --secret-env, --secret-file, a JWKS file given as a path, or --powersync-config; the key store''s HMAC keys never verify]')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Judge exp and nbf at this instant (RFC 3339 or Unix seconds, up to year 9999) instead of now')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Judge as this target does: its verdict, in its terms (powersync needs --aud or --powersync-config; sqld reads --key files as sqld loads them)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --for sqld: report what the token grants on this namespace only')
            [CompletionResult]::new('--libsql-gid', '--libsql-gid', [CompletionResultType]::ParameterName, 'With --for sqld: the server''s LIBSQL_GID, which the tags of claim p are matched against')
            [CompletionResult]::new('--powersync-config', '--powersync-config', [CompletionResultType]::ParameterName, 'Keys and audience from a PowerSync service configuration, as the service reads them (client_auth: jwks, jwks_uri, supabase_jwt_secret, audience)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--ignore-exp', '--ignore-exp', [CompletionResultType]::ParameterName, 'Do not check exp')
            [CompletionResult]::new('--jws', '--jws', [CompletionResultType]::ParameterName, 'The payload is any text (a plain JWS): check only the signature')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Fetch anew, ignoring cached copies')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: cached copies only, even stale ones')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Verify one token per stdin line; print one JSON object per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;token;help' {
            [CompletionResult]::new('mint', 'mint', [CompletionResultType]::ParameterValue, 'Mint a development token signed by a local key')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show what a token says, without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a token''s signature and claims, and explain the verdict')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;token;help;mint' {
            break
        }
        'jwksctl;token;help;decode' {
            break
        }
        'jwksctl;token;help;verify' {
            break
        }
        'jwksctl;token;help;help' {
            break
        }
        'jwksctl;config' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the directories and files jwksctl uses')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the settings and where each comes from')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a key in config.yaml (registry, org, api_url, timeout, max_stale, default_key)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a key from config.yaml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;config;path' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;config;show' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;config;set' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;config;unset' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the directories and files jwksctl uses')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the settings and where each comes from')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a key in config.yaml (registry, org, api_url, timeout, max_stale, default_key)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a key from config.yaml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;config;help;path' {
            break
        }
        'jwksctl;config;help;show' {
            break
        }
        'jwksctl;config;help;set' {
            break
        }
        'jwksctl;config;help;unset' {
            break
        }
        'jwksctl;config;help;help' {
            break
        }
        'jwksctl;completions' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (the formats this command prints)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache) [env: JWKSCTL_HOME]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output: `auto` colours a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout (s, m, h…) [env: JWKSCTL_TIMEOUT] [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--max-stale', '--max-stale', [CompletionResultType]::ParameterName, 'Use a cached JWKS at most this long past its max-age when its server cannot be reached; older, the source is unavailable (exit 3). `0s` never uses a stale copy [env: JWKSCTL_MAX_STALE] [default: 24h, or `max_stale` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API) [env: JWKSCTL_REGISTRY]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry) [env: JWKSCTL_ORG]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [env: JWKSCTL_API_URL] [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (the same as --color never)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;help' {
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL')
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save a named JWKS endpoint in the registry (insert or replace)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List saved JWKS endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a saved JWKS endpoint')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make one registry hold the other''s entries (local and your Turso organization)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Fetch and audit JWKS endpoints or files')
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'List auth-provider presets for `save --provider`')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Manage local development signing keys')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint, decode and verify tokens')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change settings in config.yaml')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;help;template' {
            break
        }
        'jwksctl;help;save' {
            break
        }
        'jwksctl;help;list' {
            break
        }
        'jwksctl;help;remove' {
            break
        }
        'jwksctl;help;sync' {
            break
        }
        'jwksctl;help;check' {
            break
        }
        'jwksctl;help;providers' {
            break
        }
        'jwksctl;help;keys' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a key (EdDSA by default) and print its kid and public JWK')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the public JWKS of every key (HMAC keys left out)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a key as a JWK, PEM, sqld key file or PowerSync config block')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the public keys as a local JWKS endpoint with OpenID discovery')
            [CompletionResult]::new('sqld', 'sqld', [CompletionResultType]::ParameterValue, 'Write sqld''s key file from JWKS: every Ed25519 signing key of the sources')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make a key the default signing key')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a key')
            break
        }
        'jwksctl;help;keys;generate' {
            break
        }
        'jwksctl;help;keys;list' {
            break
        }
        'jwksctl;help;keys;jwks' {
            break
        }
        'jwksctl;help;keys;export' {
            break
        }
        'jwksctl;help;keys;serve' {
            break
        }
        'jwksctl;help;keys;sqld' {
            break
        }
        'jwksctl;help;keys;default' {
            break
        }
        'jwksctl;help;keys;remove' {
            break
        }
        'jwksctl;help;token' {
            [CompletionResult]::new('mint', 'mint', [CompletionResultType]::ParameterValue, 'Mint a development token signed by a local key')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show what a token says, without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a token''s signature and claims, and explain the verdict')
            break
        }
        'jwksctl;help;token;mint' {
            break
        }
        'jwksctl;help;token;decode' {
            break
        }
        'jwksctl;help;token;verify' {
            break
        }
        'jwksctl;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the directories and files jwksctl uses')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the settings and where each comes from')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a key in config.yaml (registry, org, api_url, timeout, max_stale, default_key)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a key from config.yaml')
            break
        }
        'jwksctl;help;config;path' {
            break
        }
        'jwksctl;help;config;show' {
            break
        }
        'jwksctl;help;config;set' {
            break
        }
        'jwksctl;help;config;unset' {
            break
        }
        'jwksctl;help;completions' {
            break
        }
        'jwksctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
