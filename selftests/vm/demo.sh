#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: runs in the test guest with tlshake loaded (check.sh
# --script). It makes a CA and a certificate for www.example.com, loads
# them into the kernel with tlshakectl, starts the example HTTPS responder
# (userspace/examples/https_responder: the TLS handshake and the records in
# the kernel, plain read/write in the program), fetches a page with curl
# and with openssl s_client, and shows what was negotiated. Success leaves
# /results/demo.ok for the host.
set -euo pipefail
. /results/job.sh
CTL=$JOB_BUILD/userspace/tlshakectl
RESPONDER=$JOB_BUILD/userspace/examples/https_responder
NAME=www.example.com
PORT=8443
D=$(mktemp -d /tmp/demo.XXXXXX)
rm -f /results/demo.ok

step() { printf "\n== %s\n" "$*"; }

step "a demo CA and a P-256 certificate for $NAME (openssl, in the guest)"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$D/ca.key" -out "$D/ca.pem" -days 7 -subj "/CN=tlshake demo CA" \
	-addext "basicConstraints=critical,CA:TRUE" \
	-addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$D/web.key" -out "$D/web.csr" -subj "/CN=$NAME" 2>/dev/null
printf '%s\n' "subjectAltName=DNS:$NAME" "extendedKeyUsage=serverAuth" \
	"keyUsage=critical,digitalSignature" "basicConstraints=critical,CA:FALSE" \
	>"$D/ext.cnf"
openssl x509 -req -in "$D/web.csr" -CA "$D/ca.pem" -CAkey "$D/ca.key" \
	-CAcreateserial -days 7 -extfile "$D/ext.cnf" -out "$D/web.pem" 2>/dev/null
openssl x509 -in "$D/web.pem" -noout -subject -issuer -ext subjectAltName

step "load it into the kernel: tlshakectl cred add web ..."
"$CTL" cred add web --cert "$D/web.pem" --key "$D/web.key"
"$CTL" cred list

step "start the responder: https_responder --cred web --alpn --port $PORT"
"$RESPONDER" --cred web --alpn --port "$PORT" --verbose --count 2 &
RESP_PID=$!
for _ in $(seq 100); do
	ss -ltn "sport = :$PORT" | grep -q LISTEN && break
	sleep 0.1
done

step "curl https://$NAME:$PORT/hello (curl's OpenSSL on one end, the kernel on the other)"
curl -sS --max-time 30 --http1.1 --cacert "$D/ca.pem" \
	--resolve "$NAME:$PORT:127.0.0.1" "https://$NAME:$PORT/hello" \
	-w '\n[curl] HTTP %{http_code}, certificate verification %{ssl_verify_result} (0: ok)\n' \
	| tee "$D/curl.out"
grep -q "^version: TLSv1.3" "$D/curl.out"

step "openssl s_client, asking for ChaCha20-Poly1305 and P-384"
printf 'GET /s_client HTTP/1.1\r\nHost: %s\r\n\r\n' "$NAME" |
	timeout 30 openssl s_client -brief -connect "127.0.0.1:$PORT" \
		-servername "$NAME" -verify_hostname "$NAME" -CAfile "$D/ca.pem" \
		-verify_return_error -alpn http/1.1 -groups P-384 \
		-ciphersuites TLS_CHACHA20_POLY1305_SHA256 -ign_eof 2>&1 |
	tee "$D/s_client.out"
grep -q "^cipher suite: TLS_CHACHA20_POLY1305_SHA256" "$D/s_client.out"
grep -q "^group: secp384r1" "$D/s_client.out"

wait "$RESP_PID"
"$CTL" cred del web
rm -rf "$D"
touch /results/demo.ok
step "demo done: two HTTPS exchanges, TLS 1.3 handshakes run by the tlshake module"
