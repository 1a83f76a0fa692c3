# SPDX-License-Identifier: GPL-2.0
#
# tlshake: TLS handshake and record layer in the kernel.
#
#   make                  build kmod/tlshake.ko and userspace/tlshakectl
#   make demo             boot the test guest, serve HTTPS from the kernel to curl
#   make check            build the test kernel (cached), run every test in QEMU
#   make check-kunit SUITE=<glob>     only the KUnit suites matching <glob>
#   make check-kselftest TEST=<name>  only the kselftest <name> (or "a b")
#   make vm-shell         a shell in the test guest with tlshake loaded
#   make checkpatch / make sparse     the kernel reviewers' static checks
#   make ct-check         our crypto under valgrind, secrets marked undefined
#   make bench            our crypto's speed beside OpenSSL's, as ratios
#   make fuzz             libFuzzer over the portable parsers (FUZZ_SECONDS)
#   make regen            regenerate the committed netlink and ASN.1 code
#
# KDIR selects the kernel to build against: by default the running kernel's
# build directory, else the newest installed linux-headers.

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))
VM := selftests/vm
TLSHAKE_CACHE ?= $(HOME)/.cache/tlshake
export TLSHAKE_CACHE

all: modules userspace

modules:
	@test -n "$(KDIR)" || { echo "no kernel headers: set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

userspace:
	$(MAKE) -C userspace

# the example HTTPS responder on tlshake, with curl and openssl s_client
demo:
	$(VM)/check.sh --script $(VM)/demo.sh
	@test -f .build/results/demo.ok || \
		{ echo "demo failed: see .build/results/script.log" >&2; exit 1; }

check:
	$(VM)/check.sh

check-kunit:
	$(VM)/check.sh --kunit '$(or $(SUITE),all)' --kselftest none

check-kselftest:
	$(VM)/check.sh --kunit none --kselftest '$(or $(TEST),all)'

vm-shell:
	$(VM)/check.sh --shell

# vm-run SCRIPT=file: run a script in the guest with tlshake loaded
vm-run:
	$(VM)/check.sh --script '$(SCRIPT)'

checkpatch:
	$(VM)/static-checks.sh checkpatch \
		$(firstword $(wildcard $(TLSHAKE_CACHE)/src-*/linux-source-6.12))

ct-check:
	$(MAKE) -C selftests/ct ct-check

bench:
	$(MAKE) -C selftests/bench bench

fuzz:
	$(MAKE) -C selftests/fuzz fuzz

regen:
	scripts/regen.sh

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 CHECK="sparse -Wbitwise" modules

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userspace clean
	$(MAKE) -C selftests clean
	rm -rf .build

.PHONY: all modules userspace demo check check-kunit check-kselftest vm-shell vm-run \
	checkpatch sparse ct-check bench fuzz regen clean
