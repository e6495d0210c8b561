
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
            cand -o 'Output format, where the command supports it'
            cand --output 'Output format, where the command supports it'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (colour is also off when a stream is not a terminal)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr'
            cand --verbose 'Print more on stderr'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand template 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;template'= {
            cand -d 'Database to grant access to (repeatable with --dialect libsql)'
            cand --database 'Database to grant access to (repeatable with --dialect libsql)'
            cand -g 'Group to grant access to (turso dialect)'
            cand --group 'Group to grant access to (turso dialect)'
            cand -s 'Access scope'
            cand --scope 'Access scope'
            cand -p 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)'
            cand --permissions 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)'
            cand --dialect 'Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld)'
            cand --attach 'Grant read-only ATTACH of DB (libsql dialect, repeatable)'
            cand --provider 'Wrap the claims for pasting into a provider''s dashboard'
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand -o 'Output format, where the command supports it'
            cand --output 'Output format, where the command supports it'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --pretty 'Print indented JSON'
            cand --no-color 'Never colour output (colour is also off when a stream is not a terminal)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr'
            cand --verbose 'Print more on stderr'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;completions'= {
            cand --home 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)'
            cand -o 'Output format, where the command supports it'
            cand --output 'Output format, where the command supports it'
            cand --timeout 'Network timeout [default: 15s, or `timeout` in config.yaml]'
            cand --registry 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)'
            cand --org 'Turso organization slug (turso registry)'
            cand --api-url 'Turso Platform API base URL [default: https://api.turso.tech]'
            cand --no-color 'Never colour output (colour is also off when a stream is not a terminal)'
            cand -q 'Print less on stderr: no notes or warnings, only errors'
            cand --quiet 'Print less on stderr: no notes or warnings, only errors'
            cand -v 'Print more on stderr'
            cand --verbose 'Print more on stderr'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwksctl;help'= {
            cand template 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwksctl;help;template'= {
        }
        &'jwksctl;help;completions'= {
        }
        &'jwksctl;help;help'= {
        }
    ]
    $completions[$command]
}
