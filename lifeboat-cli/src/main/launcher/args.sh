# Sourced by the `lifeboat` launcher (and its test, LauncherArgsTest): what the launcher decides
# from a command's arguments before the JVM starts. Bash; no side effects.

# once_over_trees ARGS...: true for `agent protect ... --once ... PATH...` whose every PATH is an
# existing folder (a tree). Options that take a value are skipped with it, in both `--dir X` and
# `--dir=X` forms. With --config the paths come from a file the launcher does not read: false.
once_over_trees() {
  [ "${1:-}" = agent ] && [ "${2:-}" = protect ] || return 1
  shift 2
  local once=no paths=0 arg
  while [ $# -gt 0 ]; do
    arg="$1"
    shift
    case "$arg" in
      --once) once=yes ;;
      --config | --config=*) return 1 ;;
      --dir | --interval | --rpo | --reread-after | --snapshot | --pre-snapshot | --post-snapshot | --pre-script \
        | --post-script | --app-consistent-every | --group | --engine)
        [ $# -gt 0 ] && shift ;;
      --)
        while [ $# -gt 0 ]; do
          [ -d "$1" ] || return 1
          paths=$((paths + 1))
          shift
        done
        ;;
      -*) ;; # a flag (--json, --rehash), or an option given as --name=value
      *)
        [ -d "$arg" ] || return 1
        paths=$((paths + 1))
        ;;
    esac
  done
  [ "$once" = yes ] && [ "$paths" -gt 0 ]
}
