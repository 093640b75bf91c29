#!/usr/bin/env bash
# The production recipe, runnable locally: Datasette on a loopback port, nginx in front of it
# (deploy/nginx.conf) on HOST:PORT. nginx runs without root (as nobody when started by root)
# from a folder of its own. Stops both on Ctrl-C or SIGTERM.
#   PORT (8080)  HOST (127.0.0.1)  UPSTREAM_PORT (8002)  HEADER_TIMEOUT seconds (10)
#   ALMANAC_PUBLIC_URL: the address links are built from (default http://HOST:PORT)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}
HOST=${HOST:-127.0.0.1}
UPSTREAM_PORT=${UPSTREAM_PORT:-8002}
HEADER_TIMEOUT=${HEADER_TIMEOUT:-10}
SITE=${SITE:-.}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
export ALMANAC_PUBLIC_URL=${ALMANAC_PUBLIC_URL:-http://$HOST:$PORT}

RUN=$(mktemp -d "${TMPDIR:-/tmp}/almanac-front.XXXXXX")
mkdir -p "$RUN/tmp"
sed -e "s/@PORT@/$PORT/g" -e "s/@HOST@/$HOST/g" -e "s/@UPSTREAM_PORT@/$UPSTREAM_PORT/g" \
    -e "s/@HEADER_TIMEOUT@/$HEADER_TIMEOUT/g" deploy/nginx.conf > "$RUN/nginx.conf"

AS_USER=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R nobody "$RUN"
  AS_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

"${PYTHON:-.venv/bin/python}" -m datasette serve "$SITE" --host 127.0.0.1 --port "$UPSTREAM_PORT" &
datasette=$!
"${AS_USER[@]}" "$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -e stderr -g "daemon off;" &
nginx=$!
stop() {
  kill "$nginx" "$datasette" 2>/dev/null || true
  wait "$nginx" "$datasette" 2>/dev/null || true
  rm -rf "$RUN"
}
trap stop EXIT
trap 'exit 0' INT TERM
echo "nginx on http://$HOST:$PORT in front of Datasette on 127.0.0.1:$UPSTREAM_PORT"
wait -n "$nginx" "$datasette"
