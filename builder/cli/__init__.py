"""The `cpskg` command line: one click group (`main`), one module per command.

The commands are thin: they parse options, call the library, print, and turn `CpskgError`s into one line
and the documented exit code (0 success, 1 shape violations, 2 bad input, 3 a missing optional component).

- `main`: the group and `cpskg build`
- `query`: `cpskg query`, `cpskg sparql`, `cpskg serve`, `cpskg load`
- `validate`: `cpskg validate [FILE]`
- `progress`: the build's progress bar and end-of-build summary
"""
