#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build (once) the tlshake test kernel from Debian's linux-source-6.12 and
# the config fragment next to this script. The result lives outside the repo in
# $TLSHAKE_CACHE/build-<source version>-<hash of fragment and recipe>/ and is
# reused while neither changes. Prints the build directory on stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f /usr/src/linux-source-6.12.tar.xz ] || die "linux-source-6.12 is not installed"
mkdir -p "$TLSHAKE_CACHE"
exec 9>"$TLSHAKE_CACHE/.kernel.lock"
flock 9

SRC=$(ksrc_dir)
B=$(kbuild_dir)
if [ -f "$B/.tlshake-done" ]; then
	log "test kernel: cached in $B"
	echo "$B"
	exit 0
fi

if [ ! -f "$SRC/.tlshake-unpacked" ]; then
	log "unpacking linux-source-6.12 $(ksrc_version)"
	rm -rf "$(dirname "$SRC")"
	mkdir -p "$(dirname "$SRC")"
	tar -C "$(dirname "$SRC")" -xJf /usr/src/linux-source-6.12.tar.xz
	touch "$SRC/.tlshake-unpacked"
fi

log "building test kernel in $B (this takes ~10-15 minutes on 2 cores)"
rm -rf "$B"
mkdir -p "$B"
export CCACHE_DIR="$TLSHAKE_CACHE/ccache"
export CCACHE_MAXSIZE=5G
export CCACHE_BASEDIR="$TLSHAKE_CACHE"
export KBUILD_BUILD_TIMESTAMP="2024-01-01"
export KBUILD_BUILD_USER=tlshake KBUILD_BUILD_HOST=tlshake
CC="gcc"
command -v ccache >/dev/null && CC="ccache gcc"
MK=(make -C "$SRC" O="$B" CC="$CC" HOSTCC="$CC" -j"$(nproc)")

"${MK[@]}" -s x86_64_defconfig kvm_guest.config >/dev/null
"$SRC/scripts/kconfig/merge_config.sh" -m -O "$B" "$B/.config" "$FRAGMENT" >/dev/null
"${MK[@]}" -s olddefconfig

# Every fragment line must have survived olddefconfig.
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n) sym=${line%%=*}
		if grep -q "^$sym=" "$B/.config"; then
			log "config: $line did not stick"; bad=1
		fi ;;
	CONFIG_*=*) grep -qxF -- "$line" "$B/.config" || {
			log "config: $line did not stick"; bad=1; } ;;
	"# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *}
		if grep -q "^$sym=" "$B/.config"; then
			log "config: $sym still set"; bad=1
		fi ;;
	esac
done <"$FRAGMENT"
[ $bad = 0 ] || die "config fragment does not apply; fix $FRAGMENT"

"${MK[@]}" vmlinux modules bzImage >"$B/build.log" 2>&1 || {
	tail -40 "$B/build.log" >&2; die "kernel build failed (log: $B/build.log)"; }
"${MK[@]}" -s INSTALL_MOD_PATH="$B/modroot" modules_install >/dev/null
touch "$B/.tlshake-done"
log "test kernel built: $("${MK[@]}" -s kernelrelease)"
echo "$B"
