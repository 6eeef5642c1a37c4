#!/usr/bin/env bash
# Runs the SAM CLI from the project's .venv (created on first use), so no global install is needed.
# Usage: bash scripts/sam.sh <sam arguments>   e.g. bash scripts/sam.sh validate --lint
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(bash "$root/scripts/python-env.sh")"
cd "$root"
export SAM_CLI_TELEMETRY=0
exec "$bin/sam" "$@"
