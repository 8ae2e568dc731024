#!/bin/sh
# Loads a page in headless Chromium (Debian's `chromium`) and writes what it rendered:
#   capture.sh URL DOM_FILE PNG_FILE [WIDTH HEIGHT]
# DOM_FILE gets the DOM after rendering (--dump-dom), PNG_FILE a screenshot of WIDTH x HEIGHT.
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start; the page is our own.
# A throw-away profile per run, so two runs never share Chromium's lock.
set -eu
url=$1 dom=$2 png=$3 width=${4:-1280} height=${5:-1700}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir=$profile --window-size=$width,$height"
# shellcheck disable=SC2086
timeout 120 chromium $flags --dump-dom "$url" >"$dom" 2>/dev/null
# shellcheck disable=SC2086
timeout 120 chromium $flags --screenshot="$png" "$url" >/dev/null 2>&1
test -s "$dom" && test -s "$png"
