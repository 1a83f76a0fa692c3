#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate the generated sources that are committed (`make regen`), or
# check that they are fresh (`--check`, run by `make check`):
#
#   Documentation/netlink/specs/tlshake.yaml  -> kmod/nl-gen.[ch],
#                                                uapi/linux/tlshake_nl.h
#       by the kernel's tools/net/ynl/ynl-gen-c.py;
#   kmod/asn1/<grammar>.asn1                  -> kmod/asn1/<grammar>-gen.[ch]
#       by the kernel's scripts/asn1_compiler (built with the test kernel;
#       Debian's header packages do not ship it, which is why the output is
#       committed). The compiler names its output <grammar>.asn1.[ch], a name
#       that `make clean` of the kernel deletes; the files are renamed and
#       the one #include that names the header is rewritten.
#
#   regen.sh [--check]
#   KSRC=<kernel source>  ASN1C=<asn1_compiler>  override the defaults.
set -euo pipefail
. "$(dirname "$0")/../selftests/vm/lib.sh"

CHECK=0
[ "${1:-}" = --check ] && CHECK=1
KSRC=${KSRC:-$(ksrc_dir)}
ASN1C=${ASN1C:-$(kbuild_dir)/scripts/asn1_compiler}
YNL=$KSRC/tools/net/ynl/ynl-gen-c.py
SPEC=Documentation/netlink/specs/tlshake.yaml
[ -f "$YNL" ] || die "no $YNL: set KSRC to a 6.12 kernel source tree"
[ -x "$ASN1C" ] || die "no $ASN1C: build the test kernel (make check) or set ASN1C"

cd "$REPO"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/kmod/asn1" "$TMP/uapi/linux"

ynl() { # mode header|source output
	# The generator finds the "kernel root" by looking for MAINTAINERS.
	timeout 120 python3 "$YNL" --mode "$1" --"$2" --spec "$SPEC" -o "$TMP/$3" >/dev/null
}
ynl uapi header uapi/linux/tlshake_nl.h
ynl kernel header kmod/nl-gen.h
ynl kernel source kmod/nl-gen.c

for g in kmod/asn1/*.asn1; do
	b=$(basename "$g" .asn1)
	"$ASN1C" "$g" "$TMP/$b.asn1.c" "$TMP/$b.asn1.h"
	sed "s|^#include \"$b.asn1.h\"\$|#include \"$b-gen.h\"|" "$TMP/$b.asn1.c" \
		>"$TMP/kmod/asn1/$b-gen.c"
	mv "$TMP/$b.asn1.h" "$TMP/kmod/asn1/$b-gen.h"
	rm "$TMP/$b.asn1.c"
done

generated() { (cd "$1" && find kmod uapi -type f | sort); }
if [ $CHECK = 1 ]; then
	stale=0
	for f in $(generated "$TMP"); do
		if ! cmp -s "$TMP/$f" "$f"; then
			echo "stale: $f (run make regen)"
			diff -u "$f" "$TMP/$f" | head -20 || true
			stale=1
		fi
	done
	for f in kmod/asn1/*-gen.[ch]; do
		[ -e "$TMP/$f" ] || { echo "orphan: $f (no grammar)"; stale=1; }
	done
	exit $stale
fi
for f in $(generated "$TMP"); do
	if ! cmp -s "$TMP/$f" "$f"; then
		cp "$TMP/$f" "$f"
		echo "  GEN     $f"
	fi
done
