#!/usr/bin/env bash
# Fresh machine → running service on the embedded defaults:
# SQLite at ./var/hotline.db, recordings in ./var/recordings, SIP on 127.0.0.1:5060,
# web console on http://127.0.0.1:8080. Extra arguments go to `hotline serve`.
source "$(dirname "$0")/common.sh"

# espeak-ng speaks the greeting; sox/libsndfile read audio files.
apt_install espeak-ng sox libsndfile1
python_setup ""
cd "$ROOT"
exec "$VENV/bin/hotline" serve "$@"
