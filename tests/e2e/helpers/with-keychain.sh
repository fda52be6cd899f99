#!/usr/bin/env bash
# Runs a command (the e2e suite) inside a private D-Bus session with an unlocked gnome-keyring, so
# `spendbar serve` can store keys in a real Secret Service as it does on a desktop. The same recipe as
# tests/keychain/run.sh: a fresh XDG_DATA_HOME gives a fresh login keyring that a throwaway password
# unlocks, and the developer's own keyring is never touched. Without the tools the command runs as is,
# and the tests check the plain "no keychain" message instead (they read SPENDBAR_E2E_KEYCHAIN).
set -euo pipefail
cd "$(dirname "$0")/../../.."
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "Warning: $tool not found (apt-get install dbus gnome-keyring): the e2e suite runs without a keychain." >&2
    exec "$@"
  fi
done
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
# Not exec: the trap must still remove the throwaway keyring when the suite ends.
dbus-run-session -- sh -c 'echo -n spendbar-e2e | gnome-keyring-daemon --unlock --components=secrets >/dev/null && SPENDBAR_E2E_KEYCHAIN=1 "$@"' sh "$@"
