# Shared by scripts/run and scripts/test: get a fresh machine ready, quietly and idempotently.
# Sourced, not run. Every step is safe to repeat.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

# Where scripts/run listens: PORT as `8101`, `127.0.0.1:8101` or `0.0.0.0:8101`; 127.0.0.1:8000 without it.
run_address() {
  local address=${1:-127.0.0.1:8000}
  case "$address" in
    *:*) echo "$address" ;;
    *) echo "127.0.0.1:$address" ;;
  esac
}

# The SITE_URL for a server listening there (0.0.0.0 listens everywhere; links name this machine).
site_url_for() {
  echo "http://${1/#0.0.0.0:/127.0.0.1:}"
}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ensure_venv() {
  # The project's git hooks (a commit subject under 72 characters), in a clone rather than an unpacked copy.
  if [ -d "$ROOT/.git" ] || [ -f "$ROOT/.git" ]; then
    git -C "$ROOT" config core.hooksPath .githooks
  fi
  if [ ! -x "$PY" ]; then
    say "Creating a virtual environment in .venv"
    python3 -m venv "$VENV"
  fi
  # Reinstall only when requirements.txt changed since the last install.
  local stamp="$VENV/.requirements.sha"
  local want
  want=$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "Installing Python packages"
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt" 2>&1 \
      | grep -v "is ignored: it is neither a file nor a directory" || true
    "$PY" -c "import django, allauth, celery, playwright" # fail here, loudly, if the install did not work
    echo "$want" > "$stamp"
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  say "Installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q chromium >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q chromium >/dev/null; } \
    || { echo "Could not install chromium: install the Debian package 'chromium' and try again." >&2; return 1; }
}

# wrk drives the pages in scripts/bench_pages.py.
ensure_wrk() {
  if command -v wrk >/dev/null; then return 0; fi
  say "Installing Debian's wrk for the page benchmark"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q wrk >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q wrk >/dev/null; } \
    || { echo "Could not install wrk: install the Debian package 'wrk' and try again." >&2; return 1; }
}

postgres_up() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }
redis_up() { command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

# Start PostgreSQL and Redis if they are installed but down .
start_services() {
  if ! postgres_up && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    say "Starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 20); do postgres_up && break; sleep 0.5; done
  fi
  if ! redis_up && command -v redis-server >/dev/null; then
    say "Starting Redis"
    as_root mkdir -p /var/lib/redis /var/log/redis
    as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
    for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
  fi
}
