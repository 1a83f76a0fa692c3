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
 * struct kex_tv - a key agreement test case
 * @tc_id: Wycheproof tcId (0 for the OpenSSL ones)
 * @accept: the peer key must be accepted and give @shared
 * @priv: our private key
 * @pub: our public key (empty if not known)
 * @peer: the peer's public key, TLS (X9.62) encoding
 * @shared: the expected shared secret
 */
struct kex_tv {
	u32 tc_id;
	bool accept;
	struct tlshake_tv priv, pub, peer, shared;
};"""

SECP384R1_OID = bytes.fromhex("06052b81040022")


def entry(tc_id, accept, priv, pub, peer, shared):
    lines = ["\t{ .tc_id = %d, .accept = %s," %
             (tc_id, "true" if accept else "false")]
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
        lines += entry(t["tcId"], any(shared), wycheproof.hx(t["private"]),
                       b"", wycheproof.hx(t["public"]), shared)
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
        if t["result"] == "acceptable":
            assert "CompressedPoint" in t["flags"], t["tcId"]
        lines += entry(t["tcId"], t["result"] == "valid",
                       scalar(wycheproof.hx(t["private"]), 32), b"", peer,
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
            lines += entry(0, True, da, pub_a, pub_b, shared)
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
