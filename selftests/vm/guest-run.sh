#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs inside the test guest: load the modules, run the KUnit suites and the
# kselftests the job names, then check for leaks and unload. Every result is
# written as TAP/KTAP under /results for the host to count; this console
# output is for humans.
set -u
. /results/job.sh
R=/results
mkdir -p "$R/kunit" "$R/kselftest"
KMEMLEAK=/sys/kernel/debug/kmemleak

# A result of the harness itself, in TAP, counted like any other test.
vm_result() { # name ok|fail [detail]
	local n=$1 s=$2
	shift 2
	if [ "$s" = ok ]; then
		echo "ok - $n" >>"$R/vm.tap"
	else
		echo "not ok - $n # $*" >>"$R/vm.tap"
	fi
	echo "[guest] $n: $s $*"
}

load_modules() {
	if insmod "$JOB_BUILD/kmod/tlshake.ko"; then
		vm_result module_load ok
	else
		vm_result module_load fail "insmod tlshake.ko"
		return 1
	fi
}

run_kunit() {
	local f s
	[ "$JOB_KUNIT" = none ] && return 0
	# Suites run as the module loads; kunit.filter_glob on the command line
	# selects a subset.
	if ! insmod "$JOB_BUILD/kmod/tests/tlshake_kunit.ko"; then
		vm_result kunit_load fail "insmod tlshake_kunit.ko"
		return 1
	fi
	for f in /sys/kernel/debug/kunit/*/results; do
		[ -f "$f" ] || continue
		s=$(basename "$(dirname "$f")")
		cp "$f" "$R/kunit/$s.ktap"
		echo "[guest] kunit suite $s:"
		sed 's/^/    /' "$f"
	done
	rmmod tlshake_kunit || vm_result kunit_unload fail "rmmod tlshake_kunit"
}

run_kselftests() {
	local t name rc
	[ "$JOB_KSELFTEST" = none ] && return 0
	# the PKI the host made (selftests/tlshake_test.h, creds.c)
	[ -d "$JOB_BUILD/pki" ] && cp -a "$JOB_BUILD/pki" /tmp/tlshake-pki
	for t in "$JOB_BUILD"/selftests/*; do
		[ -x "$t" ] && [ -f "$t" ] || continue
		name=$(basename "$t")
		# all, or a space-separated list of names
		case " $JOB_KSELFTEST " in
		" all " | *" $name "*) ;;
		*) continue ;;
		esac
		echo "[guest] kselftest $name"
		(cd /tmp && TLSHAKECTL="$JOB_BUILD/userspace/tlshakectl" \
			timeout -k 10 "${JOB_TEST_TIMEOUT:-600}" "$t") \
			>"$R/kselftest/$name.tap" 2>&1
		rc=$?
		echo "# exit=$rc" >>"$R/kselftest/$name.tap"
		sed 's/^/    /' "$R/kselftest/$name.tap"
	done
}

kmemleak_scan() {
	[ -w "$KMEMLEAK" ] || return 0
	echo scan >"$KMEMLEAK"
	echo scan >"$KMEMLEAK"
}

# kmemleak only reports objects older than 5 s: wait, then scan twice.
check_leaks() {
	[ -w "$KMEMLEAK" ] || { vm_result kmemleak fail "no kmemleak"; return; }
	sleep 6
	kmemleak_scan
	cat "$KMEMLEAK" >"$R/kmemleak.txt"
	if [ -s "$R/kmemleak.txt" ]; then
		vm_result kmemleak fail "see kmemleak.txt"
		cat "$R/kmemleak.txt"
	else
		vm_result kmemleak ok
	fi
}

# rmmod must succeed and take the ULP and the netlink family with it.
unload_checks() {
	local ctl="$JOB_BUILD/userspace/tlshakectl" rc
	if "$ctl" status; then
		vm_result genl_family_registered ok
	else
		vm_result genl_family_registered fail "tlshakectl status: $?"
	fi
	if grep -qw tlshake /proc/sys/net/ipv4/tcp_available_ulp; then
		vm_result ulp_registered ok
	else
		vm_result ulp_registered fail "not in tcp_available_ulp"
	fi
	if ! rmmod tlshake; then
		vm_result module_unload fail "rmmod tlshake"
		return
	fi
	vm_result module_unload ok
	"$ctl" status
	rc=$?
	if [ $rc = 3 ]; then
		vm_result genl_family_unregistered ok
	else
		vm_result genl_family_unregistered fail "tlshakectl status: $rc"
	fi
	if grep -qw tlshake /proc/sys/net/ipv4/tcp_available_ulp; then
		vm_result ulp_unregistered fail "still in tcp_available_ulp"
	else
		vm_result ulp_unregistered ok
	fi
}

setup() {
	# Forget whatever boot left behind, so only our leaks are reported.
	if [ -w "$KMEMLEAK" ]; then
		kmemleak_scan
		echo clear >"$KMEMLEAK"
	fi
	load_modules
}

case "${1:-run}" in
setup)
	setup
	;;
run)
	: >"$R/vm.tap"
	vm_result boot ok
	if setup; then
		run_kunit
		run_kselftests
		unload_checks
	fi
	check_leaks
	dmesg >"$R/dmesg.txt"
	echo "[guest] done"
	;;
esac
