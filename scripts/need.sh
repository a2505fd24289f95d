# Sourced by the scripts: need COMMAND PACKAGE [AFTER]
# Installs PACKAGE from Debian's packages when COMMAND is missing (root only; otherwise says what to run), then
# runs AFTER, if given, once after a fresh install.
need() {
  command -v "$1" >/dev/null && return 0
  [ "$(id -u)" -eq 0 ] || { echo "$1 is not installed: run 'sudo apt-get install -y $2' once." >&2; exit 1; }
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
  if [ -n "${3:-}" ]; then eval "$3"; fi
}
