#!/usr/bin/env bash
# Runs the SAM CLI from the project's .venv (created on first use), so no global install is needed.
# Usage: bash scripts/sam.sh <sam arguments>   e.g. bash scripts/sam.sh validate --lint
# node_modules/.bin goes first on PATH: `sam build` finds the project's esbuild there (the esbuild workflow runs the
# esbuild binary from PATH when CodeUri has no package.json) and the project's Node 24 rather than the machine's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(bash "$root/scripts/python-env.sh")"
cd "$root"
export PATH="$root/node_modules/.bin:$PATH"
export SAM_CLI_TELEMETRY=0
exec "$bin/sam" "$@"
