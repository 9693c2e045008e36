#!/usr/bin/env bash
# Installs what is missing for development and tests: Debian packages, the .venv,
# front-end assets from the npm registry, compiled translations. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  postgresql postgresql-contrib redis-server
  fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
  chromium gettext poppler-utils docker-compose
)
# Tools that may come from elsewhere than Debian (a Node.js or Python build of the machine's
# own): installed from Debian only when the command is missing.
command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
python3 -c "import ensurepip, venv" 2>/dev/null || APT_PACKAGES+=(python3-venv)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $EUID -eq 0 ]]; then
    echo "==> apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages. Run as root:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [[ ! -x .venv/bin/python ]]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
# Reinstall only when pyproject.toml changed since the last install.
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [[ ! -f $stamp ]]; then
  echo "==> pip install"
  .venv/bin/pip install -q --disable-pip-version-check --no-warn-script-location --upgrade pip
  .venv/bin/pip install -q --disable-pip-version-check --no-warn-script-location '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi

stamp=node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)
if [[ ! -f $stamp ]]; then
  echo "==> npm ci (bootstrap, htmx)"
  npm ci --no-audit --no-fund --silent
  touch "$stamp"
fi

.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
