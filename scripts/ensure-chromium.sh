#!/bin/sh
# The browser tests drive Debian's Chromium. Install it when it is missing and we can;
# otherwise stop with instructions. Never skip the browser tests.
set -eu
CHROMIUM=${KB_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package (needed by the browser tests)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
cat >&2 <<MSG
error: the browser tests need Chromium at $CHROMIUM, and it could not be installed here.
  On Debian or Ubuntu:  sudo apt-get install chromium
  Elsewhere: install Chromium and run  make test KB_CHROMIUM=/path/to/chromium
MSG
exit 1
