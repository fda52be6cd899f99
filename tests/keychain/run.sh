#!/usr/bin/env bash
# The keychain round-trip against the real Secret Service: a private D-Bus session with gnome-keyring
# unlocked by a throwaway password, so the developer's own keyring is never touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "The keychain test needs $tool: apt-get install dbus gnome-keyring (or run .ci/run)." >&2
    exit 1
  fi
done
# gnome-keyring keeps its files under XDG_DATA_HOME: a fresh folder means a fresh login keyring that the
# throwaway password unlocks, whatever keyrings this machine already has.
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
dbus-run-session -- sh -c 'echo -n spendbar-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && npx vitest run --config vitest.keychain.config.ts'
