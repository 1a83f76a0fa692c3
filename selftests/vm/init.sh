#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# PID 1 of the test guest. The root file system is the host's, read-only
# over virtio-9p; give it a writable tmpfs overlay, pivot into it, mount the
# results share, then run the job that the host described in
# /results/job.sh. The verdict goes to QEMU's isa-debug-exit port.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs -o mode=0755 tmpfs /tmp
mkdir -p /tmp/upper /tmp/work /tmp/root
mount -t overlay overlay -o lowerdir=/,upperdir=/tmp/upper,workdir=/tmp/work,xino=off /tmp/root ||
	{ echo "tlshake-init: overlay failed"; echo o >/proc/sysrq-trigger; }
cd /tmp/root
mkdir -p oldroot
pivot_root . oldroot
cd /
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mkdir -p /results
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 results /results ||
	echo "tlshake-init: no results share"
hostname tlshake-guest
ip link set lo up

# /lib/modules/<test kernel> for modprobe (e.g. TCP_ULP "tls" autoload)
. /results/job.sh
krel=$(uname -r)
if [ -d "$JOB_MODROOT/lib/modules/$krel" ]; then
	mkdir -p "/lib/modules/$krel"
	mount --bind "$JOB_MODROOT/lib/modules/$krel" "/lib/modules/$krel"
fi

verdict() {
	# QEMU exits with (value << 1) | 1: 33 means "the job ran to its end".
	printf '\x10' | dd of=/dev/port bs=1 seek=244 count=1 conv=notrunc 2>/dev/null
	echo o >/proc/sysrq-trigger
	sleep 10
}

if [ "$JOB_MODE" = script ]; then
	bash "$JOB_VM_DIR/guest-run.sh" setup </dev/null >/dev/ttyS0 2>&1
	[ -d "$JOB_BUILD/pki" ] && cp -a "$JOB_BUILD/pki" /tmp/tlshake-pki
	(cd /tmp && TLSHAKECTL="$JOB_BUILD/userspace/tlshakectl" \
		bash "$JOB_SCRIPT") </dev/null 2>&1 | tee /results/script.log >/dev/ttyS0
	dmesg >/results/dmesg.txt
elif [ "$JOB_MODE" = shell ]; then
	bash "$JOB_VM_DIR/guest-run.sh" setup
	echo "tlshake guest shell: modules loaded; 'exit' powers off"
	setsid -c bash -i </dev/ttyS0 >/dev/ttyS0 2>&1
else
	bash "$JOB_VM_DIR/guest-run.sh" run </dev/null >/dev/ttyS0 2>&1
fi
sync
verdict
