#!/usr/bin/env bash
# Set-up of the accessibility check (idempotent; CI runs it before the tests):
#   - Debian's chromium, if /usr/bin/chromium is missing (no browser download: playwright-core drives it);
#   - the npm packages of tests/a11y (axe-core, playwright-core), if node_modules is missing or older than
#     package-lock.json.
# Usage: bash tests/a11y/install.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
chromium="${CLU_CHROMIUM:-/usr/bin/chromium}"

say() { printf 'a11y install: %s\n' "$*"; }
fail() { printf 'a11y install: ERROR: %s\n' "$*" >&2; exit 1; }

# 1. Chromium (Debian package).
if [[ -x "$chromium" ]]; then
    say "chromium present: $chromium ($("$chromium" --version 2>/dev/null || echo 'version unknown'))"
else
    command -v apt-get >/dev/null || fail "$chromium is missing and apt-get is not available; install Chromium by hand"
    sudo_cmd=()
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null || fail "$chromium is missing; run this script as root (or install sudo)"
        sudo_cmd=(sudo)
    fi
    say "installing Debian's chromium (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq || fail "apt-get update failed"
    # No recommends (printer, notification and power daemons), but a font so that text renders as in a desktop browser.
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null \
        || fail "apt-get install chromium failed"
    [[ -x "$chromium" ]] || fail "chromium was installed but $chromium does not exist"
    say "chromium installed: $("$chromium" --version 2>/dev/null || echo "$chromium")"
fi

# 2. npm packages (from the npm registry, as pinned by package-lock.json).
command -v node >/dev/null || fail "node is missing (Node >= 18 is needed)"
command -v npm >/dev/null || fail "npm is missing"
[[ -f "$here/package-lock.json" ]] || fail "$here/package-lock.json is missing"
marker="$here/node_modules/.package-lock.json"   # written by npm at each install
if [[ -f "$marker" && ! "$here/package-lock.json" -nt "$marker" \
      && -f "$here/node_modules/axe-core/axe.min.js" && -d "$here/node_modules/playwright-core" ]]; then
    say "node_modules up to date in $here"
else
    say "running npm ci in $here..."
    # playwright-core never downloads a browser; the variable is a guard in case that ever changes.
    (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
        || fail "npm ci failed"
    touch "$marker"
    say "node_modules installed ($(node -p "require('$here/node_modules/axe-core/package.json').version" \
        | sed 's/^/axe-core /'), $(node -p "require('$here/node_modules/playwright-core/package.json').version" \
        | sed 's/^/playwright-core /'))"
fi
say "done"
