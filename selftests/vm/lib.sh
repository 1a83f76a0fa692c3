# SPDX-License-Identifier: GPL-2.0
# Shared settings for the tlshake VM test harness. Sourced, not run.

: "${TLSHAKE_CACHE:=$HOME/.cache/tlshake}"
VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$VM_DIR/../.." && pwd)
FRAGMENT=$VM_DIR/kernel.config

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 2; }

# Version of the Debian kernel source package; the cache is keyed by it.
ksrc_version() {
	dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null
}

# Key of a test-kernel build: source version + fragment + the build recipe.
kernel_key() {
	local v h
	v=$(ksrc_version) || return 1
	h=$(cat "$FRAGMENT" "$VM_DIR/build-kernel.sh" | sha256sum | cut -c1-12)
	echo "${v}-${h}"
}

ksrc_dir() { echo "$TLSHAKE_CACHE/src-$(ksrc_version)/linux-source-6.12"; }
kbuild_dir() { echo "$TLSHAKE_CACHE/build-$(kernel_key)"; }
