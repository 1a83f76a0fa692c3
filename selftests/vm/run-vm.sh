#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the test kernel under QEMU (TCG) with the host's root file system
# shared read-only, run a job in it, and leave everything the guest wrote in
# the results directory (console.log, dmesg.txt, TAP/KTAP files).
#
#   run-vm.sh --kernel DIR --build DIR --results DIR [--kunit GLOB|all|none]
#             [--kselftest NAME|all|none] [--timeout SECONDS] [--shell]
#             [--script FILE]   (run FILE in the guest with tlshake loaded)
#
# Exit status: 0 if the guest ran the job to its end, 3 if it panicked or
# rebooted, 4 if it ran past its time limit, 2 on a harness error.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

KDIR_B="" BUILD="" RESULTS="" KUNIT=all KSELFTEST=all TIMEOUT=2400 MODE=test
SCRIPT=""
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) KDIR_B=$2; shift ;;
	--build) BUILD=$2; shift ;;
	--results) RESULTS=$2; shift ;;
	--kunit) KUNIT=$2; shift ;;
	--kselftest) KSELFTEST=$2; shift ;;
	--timeout) TIMEOUT=$2; shift ;;
	--shell) MODE=shell ;;
	--script) MODE=script; SCRIPT=$(realpath "$2"); shift ;;
	*) die "unknown argument $1" ;;
	esac
	shift
done
[ -f "$KDIR_B/vmlinux" ] || die "no vmlinux in '$KDIR_B'"
[ -d "$BUILD" ] || die "no build directory '$BUILD'"
[ -n "$RESULTS" ] || die "--results is required"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing"

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
cat >"$RESULTS/job.sh" <<JOB
JOB_MODE=$MODE
JOB_VM_DIR=$VM_DIR
JOB_BUILD=$BUILD
JOB_MODROOT=$KDIR_B/modroot
JOB_KUNIT=$KUNIT
JOB_KSELFTEST="$KSELFTEST"
JOB_TEST_TIMEOUT=900
JOB_SCRIPT=$SCRIPT
JOB

append="console=ttyS0 loglevel=5 panic=-1 oops=panic no_hash_pointers"
append+=" root=/dev/root rootfstype=9p ro init=$VM_DIR/init.sh"
append+=" rootflags=trans=virtio,version=9p2000.L,msize=262144,cache=loose"
append+=" kmemleak=on"
case "$KUNIT" in
all|none) ;;
*) append+=" kunit.filter_glob=$KUNIT" ;;
esac

qemu=(qemu-system-x86_64 -accel tcg -cpu max -machine q35 -smp 2 -m 3G
	-no-reboot -kernel "$KDIR_B/vmlinux" -append "$append"
	-fsdev "local,id=root,path=/,security_model=none,readonly=on,multidevs=remap"
	-device virtio-9p-pci,fsdev=root,mount_tag=/dev/root
	-fsdev "local,id=res,path=$RESULTS,security_model=none"
	-device virtio-9p-pci,fsdev=res,mount_tag=results
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
	-nic none)

if [ "$MODE" = shell ]; then
	log "guest shell: 'exit' or Ctrl-A x leaves"
	"${qemu[@]}" -nographic || true
	exit 0
fi

log "booting test kernel (timeout ${TIMEOUT}s), console: $RESULTS/console.log"
set +e
timeout -k 10 "$TIMEOUT" "${qemu[@]}" -display none -monitor none \
	-serial stdio </dev/null | tee "$RESULTS/console.log"
rc=${PIPESTATUS[0]}
set -e
case $rc in
33) exit 0 ;;
124|137) log "guest ran past its time limit (${TIMEOUT}s)"; exit 4 ;;
0) log "guest panicked or rebooted before finishing"; exit 3 ;;
*) log "qemu failed with status $rc"; exit 2 ;;
esac
