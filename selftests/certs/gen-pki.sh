#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Generate the test PKI of tlshake with the openssl CLI: roots,
# intermediates and leaves, valid and broken in every way the certificate
# tests need, with their keys.
#
#   gen-pki.sh OUTDIR            PEM certificates and keys in OUTDIR
#   gen-pki.sh --header FILE     also write them as a C header (KUnit)
#
# Validity is 2020-01-01 to 2099-12-31 except where expiry is the point.
# Every run makes new keys: the committed header kmod/tests/pki-gen.h is
# regenerated with `selftests/certs/gen-pki.sh --header kmod/tests/pki-gen.h`
# only when the PKI changes.
set -euo pipefail

HEADER=""
if [ "${1:-}" = --header ]; then
	HEADER=$(realpath -m "$2")
	OUT=$(mktemp -d)
	trap 'rm -rf "$OUT"' EXIT
else
	OUT=${1:?usage: gen-pki.sh OUTDIR | --header FILE}
	mkdir -p "$OUT"
fi
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$OUT"
mkdir -p ca
: >ca/index.txt
echo 01 >ca/serial

START=20200101000000Z
END=20991231235959Z

cat >ca.cnf <<'CNF'
[ ca ]
default_ca = tca
[ tca ]
database = ca/index.txt
serial = ca/serial
new_certs_dir = ca
unique_subject = no
policy = any
copy_extensions = none
default_md = sha256
[ any ]
commonName = optional
organizationName = optional
countryName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ root ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ inter ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ inter_pathlen0 ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign
[ inter_nobc ]
keyUsage = critical,keyCertSign
[ inter_noku ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature
[ inter_client ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign
extendedKeyUsage = clientAuth
[ leaf ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = DNS:www.example.com,DNS:*.wild.example.com,IP:192.0.2.1,IP:2001:db8::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf_kx ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = DNS:www.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf_client ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:www.example.com
[ leaf_srvonly ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
[ leaf_noeku ]
subjectAltName = DNS:www.example.com
[ leaf_keyenc ]
keyUsage = critical,keyEncipherment
subjectAltName = DNS:www.example.com
[ leaf_cn_only ]
basicConstraints = critical,CA:FALSE
[ leaf_wild ]
subjectAltName = DNS:*.com,DNS:f*.partial.example.com,DNS:*.*.double.example.com,DNS:Mixed.Case.Example.COM
[ leaf_critical ]
subjectAltName = DNS:www.example.com
1.3.6.1.4.1.55555.1 = critical,ASN1:UTF8String:tlshake-test
CNF

key() { # name type
	case $2 in
	rsa2048) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
	rsa3072) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$1.key" 2>/dev/null ;;
	p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" ;;
	p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$1.key" ;;
	ed25519) openssl genpkey -algorithm ED25519 -out "$1.key" ;;
	esac
}

# sign NAME ISSUER EXT SUBJECT [openssl ca options...]; ISSUER "self" = root.
# A certificate without a key of its own certifies leaf_ec's key.
sign() {
	local name=$1 issuer=$2 ext=$3 subj=$4 k=$1.key
	shift 4
	[ -f "$k" ] || k=leaf_ec.key
	openssl req -new -config ca.cnf -key "$k" -subj "$subj" \
		-out "$name.csr"
	if [ "$issuer" = self ]; then
		openssl ca -batch -config ca.cnf -selfsign -keyfile "$k" \
			-in "$name.csr" -out "$name.pem" -extensions "$ext" \
			-startdate $START -enddate $END -rand_serial -notext \
			-preserveDN -subj "$subj" "$@" 2>/dev/null
	else
		openssl ca -batch -config ca.cnf -cert "$issuer.pem" \
			-keyfile "$issuer.key" -in "$name.csr" -out "$name.pem" \
			-extensions "$ext" -startdate $START -enddate $END \
			-rand_serial -notext -preserveDN -subj "$subj" "$@" 2>/dev/null
	fi
	rm "$name.csr"
}

O="/O=tlshake test"
key root_ec p256;	sign root_ec self root "$O/CN=Test Root EC"
key root_rsa rsa2048;	sign root_rsa self root "$O/CN=Test Root RSA"
key root_other p256;	sign root_other self root "$O/CN=Untrusted Root"
key inter_ec p256;	sign inter_ec root_ec inter "$O/CN=Test Intermediate EC"
key inter_rsa rsa2048;	sign inter_rsa root_rsa inter "$O/CN=Test Intermediate RSA"

key leaf_ec p256;	sign leaf_ec inter_ec leaf "$O/CN=www.example.com"
key leaf_rsa rsa2048;	sign leaf_rsa inter_rsa leaf "$O/CN=www.example.com"
key leaf_p384 p384;	sign leaf_p384 inter_ec leaf "$O/CN=p384.example.com" -md sha384
key leaf_ed25519 ed25519; sign leaf_ed25519 inter_ec leaf "$O/CN=ed25519.example.com"
key leaf_rsa3072 rsa3072; sign leaf_rsa3072 inter_rsa leaf "$O/CN=rsa3072.example.com" -md sha512
# RSA key transport (TLS 1.2) needs keyEncipherment
key leaf_rsa_kx rsa2048; sign leaf_rsa_kx inter_rsa leaf_kx "$O/CN=www.example.com"

# broken in one way each
sign leaf_expired inter_ec leaf "$O/CN=expired" -startdate 20000101000000Z -enddate 20010101000000Z
sign leaf_notyet inter_ec leaf "$O/CN=not yet valid" -startdate 20980101000000Z -enddate 20991231235959Z
sign leaf_client inter_ec leaf_client "$O/CN=client only"
sign leaf_srvonly inter_ec leaf_srvonly "$O/CN=server only"
sign leaf_noeku inter_ec leaf_noeku "$O/CN=no eku"
sign leaf_keyenc inter_ec leaf_keyenc "$O/CN=key encipherment only"
sign leaf_cn_only inter_ec leaf_cn_only "$O/CN=www.example.com"
sign leaf_wild inter_ec leaf_wild "$O/CN=wildcards"
sign leaf_critical inter_ec leaf_critical "$O/CN=unknown critical extension"
sign leaf_sha1 inter_rsa leaf "$O/CN=sha1" -md sha1
sign leaf_pss inter_rsa leaf "$O/CN=pss" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest
sign leaf_other root_other leaf "$O/CN=www.example.com"

# intermediates that must not issue
key inter_nobc p256;	sign inter_nobc root_ec inter_nobc "$O/CN=Intermediate without basicConstraints"
sign leaf_nobc inter_nobc leaf "$O/CN=www.example.com"
key inter_noku p256;	sign inter_noku root_ec inter_noku "$O/CN=Intermediate without keyCertSign"
sign leaf_noku inter_noku leaf "$O/CN=www.example.com"
key inter_client p256;	sign inter_client root_ec inter_client "$O/CN=Intermediate for clients"
sign leaf_eku_chain inter_client leaf "$O/CN=www.example.com"
key inter_pl0 p256;	sign inter_pl0 root_ec inter_pathlen0 "$O/CN=Intermediate pathlen 0"
key inter_pl0_sub p256;	sign inter_pl0_sub inter_pl0 inter "$O/CN=Below pathlen 0"
sign leaf_pathlen inter_pl0_sub leaf "$O/CN=www.example.com"

# a path of 10 intermediates: leaf + 10 + root is longer than 10
prev=root_ec
for i in 1 2 3 4 5 6 7 8 9 10; do
	key long_$i p256
	sign long_$i $prev inter "$O/CN=Long $i"
	prev=long_$i
done
sign leaf_long long_10 leaf "$O/CN=www.example.com"

# an Ed25519 root (parsed; its signatures are checked once Ed25519 is in)
key root_ed25519 ed25519; sign root_ed25519 self root "$O/CN=Test Root Ed25519"

rm -rf ca ca.cnf

# the same keys in the other file formats tlshakectl reads, and bundles
openssl pkey -in leaf_ec.key -outform DER -out leaf_ec.der
openssl ec -in leaf_ec.key -out leaf_ec.sec1 2>/dev/null
openssl rsa -in leaf_rsa.key -traditional -out leaf_rsa.pkcs1 2>/dev/null
echo 'correct horse' >pass
echo 'wrong' >badpass
openssl pkcs8 -topk8 -in leaf_ec.key -v2 aes-256-cbc -passout file:pass \
	-out leaf_ec.enc
openssl pkcs8 -topk8 -in leaf_rsa.key -v2 aes-256-cbc -passout file:pass \
	-outform DER -out leaf_rsa.enc.der
cat leaf_rsa.pem inter_rsa.pem >chain_rsa.pem
openssl x509 -in root_ec.pem -outform DER -out root_ec.der
touch .done
[ -z "$HEADER" ] && exit 0
python3 "$HERE/pki2c.py" "$OUT" >"$HEADER.tmp"
mv "$HEADER.tmp" "$HEADER"
