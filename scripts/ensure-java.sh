#!/bin/sh
# The Nu Html Checker (vnu.jar) needs Java. Install Debian's headless JRE when it is missing
# and we can; otherwise stop with instructions.
set -eu
command -v java >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Java is missing: installing Debian's default-jre-headless (needed by the HTML checker)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  command -v java >/dev/null 2>&1 && exit 0
fi
echo "error: the HTML checker needs Java. On Debian or Ubuntu: sudo apt-get install default-jre-headless" >&2
exit 1
