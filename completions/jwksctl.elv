
set edit:completion:arg-completer[jwksctl] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) JWKSCTL_COMPLETE="elvish" jwksctl -- $@words) | to-lines
}

