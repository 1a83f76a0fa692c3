#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: install what is missing, build (or reuse) the test kernel,
# build tlshake, its tests and tools against it and against Debian's stock
# headers, run the static checks, boot the guest, run the tests there and
# count every result. Ends with "N passed, N failed, N skipped".
#
#   check.sh [--kunit SUITE-GLOB|none] [--kselftest NAME|none] [--shell]
#            [--script FILE]
set -uo pipefail
. "$(dirname "$0")/lib.sh"

# the whole guest run (each kselftest binary also has its own 900 s)
KUNIT=all KSELFTEST=all SHELL_MODE=0 TIMEOUT=${TLSHAKE_VM_TIMEOUT:-4200}
SCRIPT=""
while [ $# -gt 0 ]; do
	case "$1" in
	--kunit) KUNIT=$2; shift ;;
	--kselftest) KSELFTEST=$2; shift ;;
	--shell) SHELL_MODE=1 ;;
	--script) SHELL_MODE=1; SCRIPT=$2; shift ;;
	*) die "unknown argument $1" ;;
	esac
	shift
done

# A subset (one suite, one kselftest) is for iterating: skip the build
# against stock headers, the static checks and ct-check.
QUICK=0
if [ "$KUNIT" != all ] || [ "$KSELFTEST" != all ]; then
	QUICK=1
fi

OUT=$REPO/.build/test
STOCK=$REPO/.build/stock
RESULTS=$REPO/.build/results
HOST_TAP=$REPO/.build/host.tap

host_result() { # name ok|fail [log file]
	if [ "$2" = ok ]; then
		echo "ok - $1" >>"$HOST_TAP"
	else
		echo "not ok - $1" >>"$HOST_TAP"
		[ -n "${3:-}" ] && [ -f "$3" ] && tail -30 "$3" | sed 's/^/# /' >>"$HOST_TAP"
	fi
}

# Copy the kernel-side sources (tracked or new, never build products).
stage_sources() {
	rm -rf "$1"
	mkdir -p "$1"
	(cd "$REPO" && git ls-files -co --exclude-standard -- Kbuild kmod uapi |
		cpio -pdm --quiet "$1")
}

# Build the module in $2 against kernel build dir $1; warnings fail.
build_module() {
	local kdir=$1 dir=$2 logf=$2.log
	stage_sources "$dir"
	if ! make -C "$kdir" M="$dir" W=1 modules >"$logf" 2>&1; then
		return 1
	fi
	! grep -E "warning:|error:" "$logf"
}

newest_stock_headers() {
	ls -d /usr/src/linux-headers-6.12*-amd64 2>/dev/null | sort -V | tail -1
}

mkdir -p "$REPO/.build"
: >"$HOST_TAP"
"$VM_DIR/deps.sh" || die "could not install the packages tlshake needs"
B=$("$VM_DIR/build-kernel.sh") || die "test kernel build failed"
SRC=$(ksrc_dir)

log "building tlshake against the test kernel"
if build_module "$B" "$OUT"; then
	host_result build.module_test_kernel ok
	mod_ok=1
else
	host_result build.module_test_kernel fail "$OUT.log"
	mod_ok=0
fi

if [ $SHELL_MODE = 0 ] && [ $QUICK = 0 ]; then
	kstock=$(newest_stock_headers)
	log "building tlshake against Debian's stock headers ($kstock)"
	if [ -n "$kstock" ] && build_module "$kstock" "$STOCK"; then
		host_result build.module_stock_headers ok
	else
		host_result build.module_stock_headers fail "$STOCK.log"
	fi
fi

if make -C "$REPO/selftests" O="$OUT/selftests" KSRC="$SRC" >"$OUT/selftests.log" 2>&1 &&
   ! grep -q "warning:" "$OUT/selftests.log"; then
	host_result build.selftests ok
else
	host_result build.selftests fail "$OUT/selftests.log"
fi
# The kselftests' PKI: key generation is fast here and slow in the guest.
rm -rf "$OUT/pki"
if "$REPO/selftests/certs/gen-pki.sh" "$OUT/pki" >"$OUT/pki.log" 2>&1; then
	host_result build.test_pki ok
else
	host_result build.test_pki fail "$OUT/pki.log"
fi
mkdir -p "$OUT/userspace"
if make -C "$REPO/userspace" O="$OUT/userspace" >"$OUT/userspace.log" 2>&1 &&
   ! grep -q "warning:" "$OUT/userspace.log"; then
	host_result build.userspace ok
else
	host_result build.userspace fail "$OUT/userspace.log"
fi

if [ $SHELL_MODE = 0 ]; then
	if "$REPO/scripts/regen.sh" --check >"$OUT.regen.log" 2>&1; then
		host_result build.regen_fresh ok
	else
		host_result build.regen_fresh fail "$OUT.regen.log"
	fi
fi

if [ $SHELL_MODE = 0 ] && [ $QUICK = 0 ] && [ $mod_ok = 1 ]; then
	log "static checks: checkpatch --strict, sparse"
	if "$VM_DIR/static-checks.sh" checkpatch "$SRC" >"$OUT/checkpatch.log" 2>&1; then
		host_result style.checkpatch ok
	else
		host_result style.checkpatch fail "$OUT/checkpatch.log"
	fi
	if "$VM_DIR/static-checks.sh" sparse "$B" "$OUT" >"$OUT/sparse.log" 2>&1; then
		host_result style.sparse ok
	else
		host_result style.sparse fail "$OUT/sparse.log"
	fi
fi

if [ $SHELL_MODE = 0 ] && [ $QUICK = 0 ]; then
	log "ct-check: our crypto under valgrind with secrets undefined"
	if make -C "$REPO/selftests/ct" O="$REPO/.build/ct" ct-check \
		>"$REPO/.build/ct.log" 2>&1; then
		grep -E "^(not )?ok - ct\." "$REPO/.build/ct.log" >>"$HOST_TAP"
	else
		grep -E "^(not )?ok - ct\." "$REPO/.build/ct.log" >>"$HOST_TAP" ||
			host_result ct.build fail "$REPO/.build/ct.log"
	fi
fi

if [ -n "$SCRIPT" ]; then
	# the guest sees the host's files, but has a /tmp of its own
	cp "$SCRIPT" "$OUT/script.sh"
	exec "$VM_DIR/run-vm.sh" --kernel "$B" --build "$OUT" --results "$RESULTS" \
		--script "$OUT/script.sh" --timeout "$TIMEOUT"
fi
if [ $SHELL_MODE = 1 ]; then
	exec "$VM_DIR/run-vm.sh" --kernel "$B" --build "$OUT" --results "$RESULTS" --shell
fi

vm_status=0
if [ $mod_ok = 1 ]; then
	"$VM_DIR/run-vm.sh" --kernel "$B" --build "$OUT" --results "$RESULTS" \
		--kunit "$KUNIT" --kselftest "$KSELFTEST" --timeout "$TIMEOUT"
	vm_status=$?
else
	log "the module did not build: not booting the guest"
	rm -rf "$RESULTS"
	mkdir -p "$RESULTS"
	echo "not ok - boot # not booted: the module did not build" >"$RESULTS/vm.tap"
fi
cp "$HOST_TAP" "$RESULTS/host.tap"
echo
echo "== results (logs: $RESULTS) =="
exec python3 "$VM_DIR/report.py" "$RESULTS" "$vm_status"
