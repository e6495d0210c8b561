
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
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format, where the command supports it')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format, where the command supports it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (colour is also off when a stream is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Generate a JWT claims template for Turso Cloud or self-hosted libSQL')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;template' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Database to grant access to (repeatable with --dialect libsql)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Database to grant access to (repeatable with --dialect libsql)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Group to grant access to (turso dialect)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group to grant access to (turso dialect)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Access scope')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Access scope')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)')
            [CompletionResult]::new('--permissions', '--permissions', [CompletionResultType]::ParameterName, 'Table rule TABLE:ACTION[,ACTION...]; TABLE `all` means every table (repeatable)')
            [CompletionResult]::new('--dialect', '--dialect', [CompletionResultType]::ParameterName, 'Claim dialect: `turso` (Turso Cloud) or `libsql` (self-hosted sqld)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Grant read-only ATTACH of DB (libsql dialect, repeatable)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Wrap the claims for pasting into a provider''s dashboard')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format, where the command supports it')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format, where the command supports it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [default: https://api.turso.tech]')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'Print indented JSON')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (colour is also off when a stream is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwksctl;completions' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Keep config, data and cache under DIR (DIR/config, DIR/data, DIR/cache)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format, where the command supports it')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format, where the command supports it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Network timeout [default: 15s, or `timeout` in config.yaml]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry backend: `local` (a file, the default) or `turso` (the Turso Platform API)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Turso organization slug (turso registry)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Turso Platform API base URL [default: https://api.turso.tech]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (colour is also off when a stream is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less on stderr: no notes or warnings, only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more on stderr')
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
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwksctl;help;template' {
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
