#!/usr/bin/env bash
# Installs what the end-to-end tests and `npm start` need, and nothing twice:
#   - Debian packages: chromium (driven by playwright-core), libkrb5-dev, build-essential,
#     python3, pkg-config (code-server's native modules build from source), neovim (LSP tests);
#   - code-server (the VS Code workbench served to a browser) into .cache/code-server/,
#     outside the project's own dependencies.
# Safe to run again: each step checks what is already there first.
#
#   scripts/provision.sh            install what is missing
#   scripts/provision.sh --check    only report what is missing (exit 1 if anything is)
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
# code-server 4.100.3 pulls @vscode/ripgrep 1.15.11, whose postinstall downloads `rg` from
# GitHub. We pre-fill its download cache with the binary the npm registry ships instead.
RIPGREP_WRAPPER_VERSION="1.15.11"
RIPGREP_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
RIPGREP_NPM_PACKAGE="@vscode/ripgrep-linux-x64@1.18.0"
# fonts-wqy-microhei (1.6 MB): Chinese glyphs, so the zh-cn screenshots of the panels and the
# workbench show characters rather than empty boxes.
APT_PACKAGES=(chromium libkrb5-dev build-essential python3 pkg-config neovim python3-dask python3-distributed fonts-wqy-microhei)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
CS_DIR="$CACHE/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
CS_PKG="$CS_DIR/node_modules/code-server/package.json"

CHECK_ONLY=0
[[ "${1:-}" == "--check" ]] && CHECK_ONLY=1

started=$(date +%s)
log() { printf '[provision] %s\n' "$*"; }
die() { printf '[provision] ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() { echo $(( $(date +%s) - $1 ))s; }
trap 'rc=$?; if (( rc != 0 )); then printf "[provision] FAILED (exit %s) after %s\n" "$rc" "$(elapsed "$started")" >&2; fi' EXIT

# Serialise npm use with anyone else working in this tree (flock is in util-linux).
with_npm_lock() {
  if command -v flock >/dev/null 2>&1; then flock /tmp/npm.lock "$@"; else "$@"; fi
}

# ---------------------------------------------------------------- Debian packages
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if (( ${#missing[@]} == 0 )); then
  log "apt: all present (${APT_PACKAGES[*]})"
elif (( CHECK_ONLY )); then
  log "apt: missing ${missing[*]}"
else
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: ${missing[*]}"
  SUDO=""
  if (( EUID != 0 )); then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install: ${missing[*]}"
    SUDO="sudo"
  fi
  t=$(date +%s)
  log "apt: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    || die "apt-get update failed (is the Debian mirror reachable?)"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
  log "apt: installed in $(elapsed "$t")"
fi
[[ -x /usr/bin/chromium ]] || (( CHECK_ONLY )) || die "/usr/bin/chromium is missing after installing the chromium package"

# ---------------------------------------------------------------- code-server
installed_version=""
if [[ -f "$CS_PKG" ]]; then
  installed_version="$(node -p "require('$CS_PKG').version" 2>/dev/null || true)"
fi

if [[ "$installed_version" == "$CODE_SERVER_VERSION" && -x "$CS_BIN" ]]; then
  log "code-server: $CODE_SERVER_VERSION already in ${CS_DIR#"$ROOT"/}"
elif (( CHECK_ONLY )); then
  log "code-server: missing (found '${installed_version:-none}', want $CODE_SERVER_VERSION)"
  missing+=("code-server")
else
  command -v node >/dev/null 2>&1 || die "node is not on PATH"
  command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  [[ "$node_major" == "20" ]] || log "warning: code-server $CODE_SERVER_VERSION expects Node 20, found $(node -v)"
  [[ -f /usr/include/node/node.h ]] || die "Node headers not found in /usr/include/node (needed by npm_config_nodedir=/usr)"

  t=$(date +%s)
  log "code-server: installing $CODE_SERVER_VERSION into ${CS_DIR#"$ROOT"/} (found '${installed_version:-none}')"
  mkdir -p "$CS_DIR"
  work_tmp="$CACHE/tmp"
  rm -rf "$work_tmp"
  mkdir -p "$work_tmp/rg"

  # 1. ripgrep from the npm registry, repacked as the archive the postinstall expects.
  (cd "$work_tmp/rg" && with_npm_lock npm pack --silent "$RIPGREP_NPM_PACKAGE" >/dev/null) \
    || die "npm pack $RIPGREP_NPM_PACKAGE failed (is the npm registry reachable?)"
  tar -xzf "$work_tmp"/rg/*.tgz -C "$work_tmp/rg" || die "could not unpack $RIPGREP_NPM_PACKAGE"
  [[ -x "$work_tmp/rg/package/bin/rg" ]] || die "$RIPGREP_NPM_PACKAGE has no bin/rg"
  rg_cache="$work_tmp/vscode-ripgrep-cache-$RIPGREP_WRAPPER_VERSION"
  mkdir -p "$rg_cache"
  tar -czf "$rg_cache/$RIPGREP_ASSET" -C "$work_tmp/rg/package/bin" rg

  # 2. code-server itself, in its own little npm project.
  [[ -f "$CS_DIR/package.json" ]] || echo '{ "name": "code-server-cache", "private": true }' >"$CS_DIR/package.json"
  (
    cd "$CS_DIR"
    export npm_config_nodedir=/usr npm_config_unsafe_perm=true npm_config_yes=true TMPDIR="$work_tmp"
    with_npm_lock npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  ) &
  install_pid=$!
  # npm is silent for a minute or more while it downloads and builds code-server: say it is alive.
  while kill -0 "$install_pid" 2>/dev/null; do
    sleep 10
    kill -0 "$install_pid" 2>/dev/null || break
    log "code-server: still installing after $(elapsed "$t") ($(du -sm "$CS_DIR" 2>/dev/null | cut -f1) MB so far)"
  done
  wait "$install_pid" || die "npm install code-server@$CODE_SERVER_VERSION failed (see the npm output above)"

  installed_version="$(node -p "require('$CS_PKG').version" 2>/dev/null || true)"
  [[ "$installed_version" == "$CODE_SERVER_VERSION" && -x "$CS_BIN" ]] \
    || die "code-server did not end up in $CS_DIR (version '${installed_version:-none}')"
  "$CS_BIN" --version >/dev/null 2>&1 || die "$CS_BIN --version fails: the install is broken; delete $CS_DIR and retry"
  rm -rf "$work_tmp"
  log "code-server: installed in $(elapsed "$t")"
fi

if (( CHECK_ONLY )) && (( ${#missing[@]} > 0 )); then
  log "missing: ${missing[*]} (run scripts/provision.sh)"
  exit 1
fi
log "done in $(elapsed "$started"); code-server: $CS_BIN"
