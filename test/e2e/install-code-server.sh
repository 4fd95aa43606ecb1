#!/usr/bin/env bash
# Installs code-server (a full VS Code workbench with a Node extension host) OUTSIDE the clone,
# for the offline editor tests. Recipe: ../shared/design/editor-tests.md.
#   - code-server 4.100.3 = VS Code 1.100.3, the newest that runs on Node 20;
#   - Debian chromium drives it headless through playwright-core (never `playwright install`);
#   - @vscode/ripgrep would download rg from GitHub: seed its cache with Debian's rg first.
# Idempotent: a second run returns at once. Override the folder with PII_LINT_E2E_HOME.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
HOME_DIR="${PII_LINT_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/pii-lint-e2e}"
PREFIX="$HOME_DIR/code-server"
BIN="$PREFIX/node_modules/.bin/code-server"

if [[ -x "$BIN" && -f "$PREFIX/.installed-$VERSION" ]]; then
  echo "code-server $VERSION already installed in $PREFIX"
  exit 0
fi

start=$(date +%s)

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v git >/dev/null || need+=(git)
if ((${#need[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${need[@]}"
fi

# @vscode/ripgrep@1.15.11 looks in <tmpdir>/vscode-ripgrep-cache-1.15.11 before downloading.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
RG_TAR="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -f "$RG_TAR" ]]; then
  mkdir -p "$RG_CACHE"
  tmp="$(mktemp -d)"
  cp "$(command -v rg)" "$tmp/rg"
  tar -C "$tmp" -czf "$RG_TAR" rg
  rm -rf "$tmp"
fi

mkdir -p "$PREFIX"
cd "$PREFIX"
[[ -f package.json ]] || echo '{"name":"pii-lint-e2e-code-server","private":true}' > package.json
# unsafe_perm: code-server's postinstall refuses root otherwise; yes: node-pty runs `npx node-gyp`.
npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false npm_config_audit=false \
  npm install --no-save "code-server@$VERSION"

test -x "$BIN"
test -x "$PREFIX/node_modules/@vscode/ripgrep/bin/rg" || test -x "$(find "$PREFIX/node_modules" -path '*ripgrep/bin/rg' | head -1)"
touch "$PREFIX/.installed-$VERSION"
echo "code-server $VERSION installed in $PREFIX in $(( $(date +%s) - start )) s"
