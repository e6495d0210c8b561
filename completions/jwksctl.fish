# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_jwksctl_global_optspecs
    string join \n home= o/output= no-color q/quiet v/verbose y/yes timeout= registry= org= api-url= h/help V/version
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

complete -c jwksctl -n "__fish_jwksctl_needs_command" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)' -r -F
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s o -l output -d 'Output format, where the command supports it' -r -f -a "json\t''
yaml\t''
table\t''
text\t''"
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l timeout -d 'Network timeout [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)' -r
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l org -d 'Turso organization slug (turso registry)' -r
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l api-url -d 'Turso Platform API base URL [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_needs_command" -l no-color -d 'Never colour output (colour is also off when a stream is not a terminal)'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s v -l verbose -d 'Print more on stderr'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "template" -d 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c jwksctl -n "__fish_jwksctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s d -l database -d 'Database to grant access to (repeatable with --dialect libsql)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s g -l group -d 'Group to grant access to (turso dialect)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s s -l scope -d 'Access scope' -r -f -a "full-access\t''
read-only\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s p -l permissions -d 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l dialect -d 'Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld)' -r -f -a "turso\t''
libsql\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l attach -d 'Grant read-only ATTACH of DB (libsql dialect, repeatable)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l provider -d 'Wrap the claims for pasting into a provider\'s dashboard' -r -f -a "generic\t''
clerk\t''
auth0\t''
supabase\t''
firebase\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s o -l output -d 'Output format, where the command supports it' -r -f -a "json\t''
yaml\t''
table\t''
text\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l timeout -d 'Network timeout [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l org -d 'Turso organization slug (turso registry)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l api-url -d 'Turso Platform API base URL [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l pretty -d 'Print indented JSON'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -l no-color -d 'Never colour output (colour is also off when a stream is not a terminal)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s v -l verbose -d 'Print more on stderr'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand template" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l home -d 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)' -r -F
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s o -l output -d 'Output format, where the command supports it' -r -f -a "json\t''
yaml\t''
table\t''
text\t''"
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l timeout -d 'Network timeout [default: 15s, or `timeout` in config.yaml]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l registry -d 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l org -d 'Turso organization slug (turso registry)' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l api-url -d 'Turso Platform API base URL [default: https://api.turso.tech]' -r
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -l no-color -d 'Never colour output (colour is also off when a stream is not a terminal)'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s q -l quiet -d 'Print less on stderr: no notes or warnings, only errors'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s v -l verbose -d 'Print more on stderr'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template completions help" -f -a "template" -d 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c jwksctl -n "__fish_jwksctl_using_subcommand help; and not __fish_seen_subcommand_from template completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
