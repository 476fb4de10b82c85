#!/usr/bin/env bash
# Fresh machine → running service on the embedded defaults:
# data in <checkout>/var (SQLite hotline.db, recordings/, models/, the generated secret_key),
# SIP on 127.0.0.1:5060, web console on http://127.0.0.1:8080.
# Extra arguments go to `hotline serve`. HOTLINE_DATA_DIR=/elsewhere overrides the data folder.
source "$(dirname "$0")/common.sh"

# espeak-ng speaks the greeting; sox/libsndfile read audio files.
apt_install espeak-ng sox libsndfile1
python_setup ""
cd "$ROOT"
# One data directory whatever the caller's working directory; `hotline` commands run from
# the checkout (or with this variable) find the same data.
export HOTLINE_DATA_DIR="${HOTLINE_DATA_DIR:-$ROOT/var}"
# Where data lives and what is still missing, with the command that fixes each.
"$VENV/bin/hotline" config status || exit $?
exec "$VENV/bin/hotline" serve "$@"
