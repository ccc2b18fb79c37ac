#!/usr/bin/env bash
# Install Tally into .venv and run the demo: a synthetic corpus through every stage, then
# the dashboard at http://127.0.0.1:8000 (pass --no-serve to only build and summarise).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/tally demo "$@"
