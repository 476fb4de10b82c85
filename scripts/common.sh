# Shared by scripts/start.sh and scripts/test.sh. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${HOTLINE_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

log() { printf '\033[1m[hotline]\033[0m %s\n' "$*" >&2; }

# Installs Debian packages that are missing; needs root or sudo.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "need root to install: ${missing[*]}"; return 1; }
    sudo="sudo"
  fi
  log "installing system packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Creates the virtualenv and installs the project with the given extras.
python_setup() {
  local extras="$1"
  if [ ! -x "$VENV/bin/python" ]; then
    # Debian's python3 makes virtualenvs only with python3-venv (ensurepip) installed.
    "$PYTHON" -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
    log "creating virtualenv $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  log "installing hotline${extras:+[$extras]} into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -e "$ROOT${extras:+[$extras]}"
}
