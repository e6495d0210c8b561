complete --keep-order --exclusive --command jwksctl --arguments "(JWKSCTL_COMPLETE=fish jwksctl -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
