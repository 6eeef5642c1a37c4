#!/usr/bin/env bash
# Creates the project-local Python virtualenv (.venv) with the tools from requirements-dev.txt, once.
# Re-runs pip only when requirements-dev.txt changed since the last install. Prints the venv's bin directory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.requirements.sha"
want="$(sha256sum "$root/requirements-dev.txt" | cut -d' ' -f1)"
python="${PYTHON:-$(command -v python3 || true)}"
if [ -z "$python" ]; then
  echo "python3 is required for the SAM CLI and moto (install Python 3.9+ and re-run)" >&2
  exit 3
fi
# Test workers and scripts may ask for the venv at the same moment; one installs, the others wait.
exec 9>"${TMPDIR:-/tmp}/venv-$(printf '%s' "$root" | sha256sum | cut -c1-12).lock"
flock 9
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv" >&2
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing $(grep -cv '^#' "$root/requirements-dev.txt") Python tools into .venv (first run takes about a minute)..." >&2
  "$venv/bin/pip" install --disable-pip-version-check -q -r "$root/requirements-dev.txt" >&2
  echo "$want" > "$stamp"
fi
echo "$venv/bin"
