
use builtin;
use str;

set edit:completion:arg-completer[jwksctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'jwksctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'jwksctl'= {
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand -o 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error'
            cand --output 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand template 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL'
            cand save 'Save a named JWKS endpoint in the registry (insert or replace)'
            cand list 'List saved JWKS endpoints'
            cand remove 'Remove a saved JWKS endpoint'
            cand check 'Fetch and audit JWKS endpoints or files'
            cand providers 'List auth-provider presets for `save --provider`'
            cand keys 'Manage local development signing keys'
            cand token 'Mint, decode and verify tokens'
            cand config 'Show and change settings in config.yaml'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;template'= {
            cand -d 'Database to grant access to (repeatable with --dialect libsql)'
            cand --database 'Database to grant access to (repeatable with --dialect libsql)'
            cand -g 'Group to grant access to (turso dialect)'
            cand --group 'Group to grant access to (turso dialect)'
            cand -s 'Access scope [default: full-access]'
            cand --scope 'Access scope [default: full-access]'
            cand -p 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)'
            cand --permissions 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)'
            cand --dialect 'Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld)'
            cand --attach 'Grant read-only ATTACH of DB (libsql dialect, repeatable)'
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --provider 'Wrap the claims for pasting into a provider''s dashboard'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --pretty 'Print indented JSON'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;save'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --provider 'Build the URL from a provider preset (see `jwksctl providers`)'
            cand --set 'A preset parameter, e.g. --set domain=my-app.clerk.accounts.dev (repeatable)'
            cand --discover 'Find the JWKS URL in ISSUER_URL/.well-known/openid-configuration'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-check 'Save without fetching and auditing the endpoint'
            cand --allow-http 'Allow a plain http:// URL to a non-loopback host (keys could be replaced in transit)'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;list'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;remove'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;check'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --all 'Check every registry entry (also the default with no SOURCE)'
            cand --refresh 'Fetch anew, ignoring cached copies'
            cand --offline 'Never use the network: cached copies only, even stale ones'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;providers'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;keys'= {
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand -o 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error'
            cand --output 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate 'Generate a key (EdDSA by default) and print its kid and public JWK'
            cand list 'List the keys'
            cand jwks 'Print the public JWKS of every key (HMAC keys left out)'
            cand export 'Print a key as a JWK, PEM, sqld key file or PowerSync config block'
            cand serve 'Serve the public keys as a local JWKS endpoint with OpenID discovery'
            cand default 'Make a key the default signing key'
            cand remove 'Delete a key'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;keys;generate'= {
            cand --alg 'Signature algorithm of the key'
            cand --kid 'Key id [default: the RFC 7638 thumbprint]'
            cand --bits 'RSA modulus size (RS*, PS*) [default: 2048]'
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;keys;list'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;keys;jwks'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --include-secret 'Include HMAC keys, secret `k` and all (prints secrets!)'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;keys;export'= {
            cand --format 'Output form'
            cand --audience 'With --format powersync: the client_auth.audience to write (repeatable) [default: powersync-dev, powersync]'
            cand --secret-env 'With --format powersync and an HMAC key: write `k: !env VAR` (a PS_ variable the service reads) instead of the secret'
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --private 'Include the private key (prints a secret!)'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;keys;serve'= {
            cand --listen 'Address and port to listen on (port 0 picks a free port)'
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;keys;default'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;keys;remove'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;keys;help'= {
            cand generate 'Generate a key (EdDSA by default) and print its kid and public JWK'
            cand list 'List the keys'
            cand jwks 'Print the public JWKS of every key (HMAC keys left out)'
            cand export 'Print a key as a JWK, PEM, sqld key file or PowerSync config block'
            cand serve 'Serve the public keys as a local JWKS endpoint with OpenID discovery'
            cand default 'Make a key the default signing key'
            cand remove 'Delete a key'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;keys;help;generate'= {
        }
        &'jwksctl;keys;help;list'= {
        }
        &'jwksctl;keys;help;jwks'= {
        }
        &'jwksctl;keys;help;export'= {
        }
        &'jwksctl;keys;help;serve'= {
        }
        &'jwksctl;keys;help;default'= {
        }
        &'jwksctl;keys;help;remove'= {
        }
        &'jwksctl;keys;help;help'= {
        }
        &'jwksctl;token'= {
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand -o 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error'
            cand --output 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand mint 'Mint a development token signed by a local key'
            cand decode 'Show what a token says, without verifying it'
            cand verify 'Verify a token''s signature and claims, and explain the verdict'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;token;mint'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --sub 'The `sub` claim'
            cand --aud 'The `aud` claim (repeatable: several make an array)'
            cand --iss 'The `iss` claim'
            cand --ttl 'Lifetime: 30s, 15m, 12h, 7d, 2w, 1y (units s, m, h, d, w, y; at most 100 years), or `never` (no exp)'
            cand -d 'Database to grant access to (repeatable with --dialect libsql)'
            cand --database 'Database to grant access to (repeatable with --dialect libsql)'
            cand -g 'Group to grant access to (turso dialect)'
            cand --group 'Group to grant access to (turso dialect)'
            cand -s 'Access scope [default: full-access]'
            cand --scope 'Access scope [default: full-access]'
            cand -p 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)'
            cand --permissions 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)'
            cand --dialect 'Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld)'
            cand --attach 'Grant read-only ATTACH of DB (libsql dialect, repeatable)'
            cand --claim 'An extra claim NAME=VALUE; VALUE is JSON if it parses, else a string (repeatable)'
            cand --claims-file 'A JSON object of extra claims'
            cand --key 'Sign with this key from the local key store [default: the default key]'
            cand --key-file 'Sign with a private JWK or PKCS#8 PEM file'
            cand --kid 'The kid to put in the header with --key-file [default: the JWK''s own kid; for a PEM, the RFC 7638 thumbprint, with a warning]'
            cand --powersync-config 'Mint for a PowerSync service: key, kid and audience from its YAML configuration (with --key or --key-file, only the audience: for a configuration that uses jwks_uri)'
            cand --for 'Make a token this target accepts, or refuse naming the rule it would break'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --all-namespaces 'With --for sqld and no -d: mint a token that grants every namespace'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;token;decode'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --for 'Report the rules this target applies (without checking the signature); exit 1 when one fails'
            cand --aud 'The audiences the target accepts, for --for powersync (repeatable)'
            cand --namespace 'With --for sqld: report what the token grants on this namespace only'
            cand --libsql-gid 'With --for sqld: the server''s LIBSQL_GID, which the tags of claim p are matched against'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;token;verify'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --jwks 'Keys from a registry name, an http(s) URL, or a JWKS / JWK file (repeatable)'
            cand --key 'A public key file: SPKI PEM, JWK, or sqld''s raw base64url Ed25519 key (repeatable)'
            cand --secret-env 'An HMAC secret from this environment variable'
            cand --secret-file 'An HMAC secret from this file (one trailing newline is stripped)'
            cand --secret-encoding 'How the secret is written: raw bytes, base64 or base64url (PowerSync''s `k`)'
            cand --aud 'Accept only these audiences (any one matches; repeatable)'
            cand --iss 'Accept only these issuers (any one matches; repeatable)'
            cand --sub 'Accept only this subject'
            cand --require 'Claims that must be present (repeatable)'
            cand --leeway 'Clock skew allowed for exp and nbf (s, m, h, d, w, y; at most 100 years)'
            cand --alg 'Allowed algorithms (repeatable) [default: every asymmetric one, and HS* only with a secret named explicitly: --secret-env, --secret-file, a JWKS file given as a path, or --powersync-config; the key store''s HMAC keys never verify]'
            cand --at 'Judge exp and nbf at this instant (RFC 3339 or Unix seconds, up to year 9999) instead of now'
            cand --for 'Judge as this target does: its verdict, in its terms (powersync needs --aud or --powersync-config; sqld reads --key files as sqld loads them)'
            cand --namespace 'With --for sqld: report what the token grants on this namespace only'
            cand --libsql-gid 'With --for sqld: the server''s LIBSQL_GID, which the tags of claim p are matched against'
            cand --powersync-config 'Keys and audience from a PowerSync service configuration, as the service reads them (client_auth: jwks, jwks_uri, supabase_jwt_secret, audience)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --ignore-exp 'Do not check exp'
            cand --jws 'The payload is any text (a plain JWS): check only the signature'
            cand --refresh 'Fetch anew, ignoring cached copies'
            cand --offline 'Never use the network: cached copies only, even stale ones'
            cand --batch 'Verify one token per stdin line; print one JSON object per line'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;token;help'= {
            cand mint 'Mint a development token signed by a local key'
            cand decode 'Show what a token says, without verifying it'
            cand verify 'Verify a token''s signature and claims, and explain the verdict'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;token;help;mint'= {
        }
        &'jwksctl;token;help;decode'= {
        }
        &'jwksctl;token;help;verify'= {
        }
        &'jwksctl;token;help;help'= {
        }
        &'jwksctl;config'= {
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand -o 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error'
            cand --output 'Output format: json and yaml for every command that prints a result (errors too, as {"error":{…}}); table for lists; text for the human form. A format the command does not support is a usage error'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print the directories and files jwksctl uses'
            cand show 'Print the settings and where each comes from'
            cand set 'Set a key in config.yaml (registry, org, api_url, timeout, default_key)'
            cand unset 'Remove a key from config.yaml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;config;path'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;config;show'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;config;set'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;config;unset'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;config;help'= {
            cand path 'Print the directories and files jwksctl uses'
            cand show 'Print the settings and where each comes from'
            cand set 'Set a key in config.yaml (registry, org, api_url, timeout, default_key)'
            cand unset 'Remove a key from config.yaml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;config;help;path'= {
        }
        &'jwksctl;config;help;show'= {
        }
        &'jwksctl;config;help;set'= {
        }
        &'jwksctl;config;help;unset'= {
        }
        &'jwksctl;config;help;help'= {
        }
        &'jwksctl;completions'= {
            cand -o 'Output format (the formats this command prints)'
            cand --output 'Output format (the formats this command prints)'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand --color 'When to colour output: `auto` colours a terminal unless NO_COLOR is set'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (the same as --color never)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand --verbose 'Print more on stderr: each HTTP request (method, URL, status, time) and cache use; never a secret'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;help'= {
            cand template 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL'
            cand save 'Save a named JWKS endpoint in the registry (insert or replace)'
            cand list 'List saved JWKS endpoints'
            cand remove 'Remove a saved JWKS endpoint'
            cand check 'Fetch and audit JWKS endpoints or files'
            cand providers 'List auth-provider presets for `save --provider`'
            cand keys 'Manage local development signing keys'
            cand token 'Mint, decode and verify tokens'
            cand config 'Show and change settings in config.yaml'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;help;template'= {
        }
        &'jwksctl;help;save'= {
        }
        &'jwksctl;help;list'= {
        }
        &'jwksctl;help;remove'= {
        }
        &'jwksctl;help;check'= {
        }
        &'jwksctl;help;providers'= {
        }
        &'jwksctl;help;keys'= {
            cand generate 'Generate a key (EdDSA by default) and print its kid and public JWK'
            cand list 'List the keys'
            cand jwks 'Print the public JWKS of every key (HMAC keys left out)'
            cand export 'Print a key as a JWK, PEM, sqld key file or PowerSync config block'
            cand serve 'Serve the public keys as a local JWKS endpoint with OpenID discovery'
            cand default 'Make a key the default signing key'
            cand remove 'Delete a key'
        }
        &'jwksctl;help;keys;generate'= {
        }
        &'jwksctl;help;keys;list'= {
        }
        &'jwksctl;help;keys;jwks'= {
        }
        &'jwksctl;help;keys;export'= {
        }
        &'jwksctl;help;keys;serve'= {
        }
        &'jwksctl;help;keys;default'= {
        }
        &'jwksctl;help;keys;remove'= {
        }
        &'jwksctl;help;token'= {
            cand mint 'Mint a development token signed by a local key'
            cand decode 'Show what a token says, without verifying it'
            cand verify 'Verify a token''s signature and claims, and explain the verdict'
        }
        &'jwksctl;help;token;mint'= {
        }
        &'jwksctl;help;token;decode'= {
        }
        &'jwksctl;help;token;verify'= {
        }
        &'jwksctl;help;config'= {
            cand path 'Print the directories and files jwksctl uses'
            cand show 'Print the settings and where each comes from'
            cand set 'Set a key in config.yaml (registry, org, api_url, timeout, default_key)'
            cand unset 'Remove a key from config.yaml'
        }
        &'jwksctl;help;config;path'= {
        }
        &'jwksctl;help;config;show'= {
        }
        &'jwksctl;help;config;set'= {
        }
        &'jwksctl;help;config;unset'= {
        }
        &'jwksctl;help;completions'= {
        }
        &'jwksctl;help;help'= {
        }
    ]
    $completions[$command]
}
