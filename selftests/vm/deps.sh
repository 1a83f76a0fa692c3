#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages that building and testing tlshake need, if
# any is missing. Safe to run every time: it does nothing when all are there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS=(
	build-essential bc bison flex cpio kmod libelf-dev libssl-dev dwarves
	linux-source-6.12 linux-headers-6.12-amd64 ccache sparse
	qemu-system-x86 python3 python3-yaml python3-jsonschema
	openssl gnutls-bin curl libmnl-dev iproute2 util-linux
	valgrind clang libclang-rt-14-dev
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

log "installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null || log "apt-get update failed; trying the cached lists"
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
	die "apt-get install ${missing[*]} failed"
