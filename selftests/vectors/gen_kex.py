#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Key exchange vectors -> kmod/tests/vectors/kex.h

- Wycheproof x25519_test.json, every test case. A case whose shared
  secret is all zeroes must be refused (RFC 8446 7.4.2); all others must
  give the shared secret.
- Wycheproof ecdh_secp256r1_ecpoint_test.json, every test case, public
  keys in X9.62 encoding. "valid" cases must give the shared secret;
  "invalid" ones must be refused, and so must the "acceptable" ones:
  they are compressed points, which TLS does not allow (RFC 8446
  4.2.8.2; we advertise only uncompressed points for TLS 1.2).
  Two limits of the kernel's crypto/ecc.c turn valid cases into refusals,
  and are expected as such (so that a change is noticed): its point
  multiplication cannot take a point with x = 0 (the co-Z ladder's final
  inversion multiplies by x, so the result comes out as infinity:
  refused as an invalid share), and ecc_is_key_valid() accepts private
  keys in [2, n - 3] only (the key is refused). Neither can happen with
  a random peer key or with keys tlshake generates.
- secp384r1 known answers computed by the OpenSSL command line
  (`openssl ec` for the public keys, `openssl pkeyutl -derive`) from fixed
  private scalars, for lack of a Wycheproof P-384 file here.

usage: gen_kex.py [WYCHEPROOF_DIR [OUT_H]]
"""
import hashlib
import os
import subprocess
import sys
import tempfile

import cemit
import wycheproof

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "../../kmod/tests/vectors/kex.h")

TYPES = """\
/**
 * enum kex_expect - what a key agreement test case must do
 * @KEX_ACCEPT: give the shared secret
 * @KEX_REFUSE_PEER: refuse the peer's share (illegal_parameter)
 * @KEX_REFUSE_KEY: refuse our private key (the kernel's range for it)
 */
enum kex_expect {
	KEX_ACCEPT,
	KEX_REFUSE_PEER,
	KEX_REFUSE_KEY,
};

/**
 * struct kex_tv - a key agreement test case
 * @tc_id: Wycheproof tcId (0 for the OpenSSL ones)
 * @expect: &enum kex_expect
 * @priv: our private key
 * @pub: our public key (empty if not known)
 * @peer: the peer's public key, TLS (X9.62) encoding
 * @shared: the expected shared secret
 */
struct kex_tv {
	u32 tc_id;
	u8 expect;
	struct tlshake_tv priv, pub, peer, shared;
};"""

SECP384R1_OID = bytes.fromhex("06052b81040022")


EXPECT = ("KEX_ACCEPT", "KEX_REFUSE_PEER", "KEX_REFUSE_KEY")
ACCEPT, REFUSE_PEER, REFUSE_KEY = range(3)
P256_N = int("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
             16)


def entry(tc_id, expect, priv, pub, peer, shared):
    lines = ["\t{ .tc_id = %d, .expect = %s," % (tc_id, EXPECT[expect])]
    for name, val in (("priv", priv), ("pub", pub), ("peer", peer),
                      ("shared", shared)):
        body = cemit.c_bytes(val, "\t\t   ")
        lines += ["\t  .%s = %s" % (name, body[0])] + body[1:]
        lines[-1] += ","
    return lines + ["\t},"]


def x25519(wdir):
    lines = ["", "static const struct kex_tv wp_x25519[] = {"]
    for _, t in wycheproof.load("x25519_test.json", wdir):
        shared = wycheproof.hx(t["shared"])
        lines += entry(t["tcId"], ACCEPT if any(shared) else REFUSE_PEER,
                       wycheproof.hx(t["private"]), b"",
                       wycheproof.hx(t["public"]), shared)
    return lines + ["};"]


def scalar(raw, size):
    """A Wycheproof private key (ASN.1 INTEGER bytes) as @size bytes."""
    raw = raw.lstrip(b"\0")
    assert len(raw) <= size
    return b"\0" * (size - len(raw)) + raw


def p256(wdir):
    lines = ["", "static const struct kex_tv wp_secp256r1[] = {"]
    for _, t in wycheproof.load("ecdh_secp256r1_ecpoint_test.json", wdir):
        peer = wycheproof.hx(t["public"])
        priv = scalar(wycheproof.hx(t["private"]), 32)
        if t["result"] == "acceptable":
            assert "CompressedPoint" in t["flags"], t["tcId"]
        expect = ACCEPT if t["result"] == "valid" else REFUSE_PEER
        if expect == ACCEPT and not 2 <= int(priv.hex(), 16) <= P256_N - 3:
            expect = REFUSE_KEY
        elif expect == ACCEPT and not any(peer[1:33]):
            expect = REFUSE_PEER
        lines += entry(t["tcId"], expect, priv, b"", peer,
                       wycheproof.hx(t["shared"]))
    return lines + ["};"]


def der(tag, value):
    n = len(value)
    length = bytes([n]) if n < 128 else bytes([0x81, n])
    return bytes([tag]) + length + value


def openssl(*args):
    return subprocess.run(["openssl"] + list(args), check=True,
                          stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL).stdout


def p384_key(tmp, name, d):
    """Write a SEC1 key with scalar @d; return (path, public point)."""
    path = os.path.join(tmp, name + ".der")
    with open(path, "wb") as f:
        f.write(der(0x30, der(0x02, b"\x01") + der(0x04, d) +
                    der(0xa0, SECP384R1_OID)))
    spki = openssl("ec", "-inform", "DER", "-in", path, "-pubout",
                   "-outform", "DER")
    pub = spki[-97:]
    assert pub[0] == 4
    return path, pub


def p384():
    lines = ["", "static const struct kex_tv ossl_secp384r1[] = {"]
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(3):
            da = hashlib.sha384(b"tlshake kex p384 a %d" % i).digest()
            db = hashlib.sha384(b"tlshake kex p384 b %d" % i).digest()
            a, pub_a = p384_key(tmp, "a", da)
            b, pub_b = p384_key(tmp, "b", db)
            peer = os.path.join(tmp, "peer.der")
            with open(peer, "wb") as f:
                f.write(openssl("ec", "-inform", "DER", "-in", b, "-pubout",
                                "-outform", "DER"))
            shared = openssl("pkeyutl", "-derive", "-keyform", "DER",
                             "-inkey", a, "-peerform", "DER", "-peerkey",
                             peer)
            assert len(shared) == 48
            lines += entry(0, ACCEPT, da, pub_a, pub_b, shared)
    return lines + ["};"]


def main():
    wdir = sys.argv[1] if len(sys.argv) > 1 else wycheproof.DIR
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    head, tail = cemit.header("kex", "Wycheproof and the OpenSSL command line",
                              "selftests/vectors/gen_kex.py")
    body = TYPES.split("\n") + x25519(wdir) + p256(wdir) + p384()
    cemit.write(out, head + body + tail)


if __name__ == "__main__":
    main()
