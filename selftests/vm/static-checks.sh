#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Kernel reviewers' static checks on tlshake's kernel code.
#   static-checks.sh checkpatch KERNEL_SRC
#   static-checks.sh sparse KERNEL_BUILD_DIR STAGED_MODULE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"

case "$1" in
checkpatch)
	cd "$REPO" || exit 2
	# Generated code (netlink, ASN.1 decoders, test vectors and PKI) is
	# the generators' business, not ours.
	mapfile -t files < <(git ls-files -co --exclude-standard -- \
		'kmod/*.[ch]' 'uapi/*.h' | grep -v -e '-gen\.' -e '/vectors/')
	# Findings listed in checkpatch.exceptions (file, type, source line,
	# with the reason) are reviewed false positives; all others fail.
	{ perl "$2/scripts/checkpatch.pl" --no-tree --strict --terse \
		--show-types -f "${files[@]}" || true; } | python3 "$VM_DIR/checkpatch-filter.py" \
		"$VM_DIR/checkpatch.exceptions"
	;;
sparse)
	command -v sparse >/dev/null || die "sparse is not installed"
	make -C "$2" M="$3" C=2 CHECK="sparse -Wbitwise -Wno-decl" modules 2>&1 |
		tee /dev/stderr | grep -E "^$3/.*: (warning|error):" && exit 1
	exit 0
	;;
*)
	die "usage: $0 checkpatch SRC | sparse BUILD DIR"
	;;
esac
