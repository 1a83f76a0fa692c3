#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Key exchange vectors -> kmod/tests/vectors/kex.h

- Wycheproof x25519_test.json, every test case. A case whose shared
  secret is all zeroes must be refused (RFC 8446 7.4.2); all others must
  give the shared secret.
- Wycheproof ecdh_secp256r1_ecpoint_test.json, every test case, public
  keys in X9.62 encoding. "valid" cases must give the shared secret, with
  no exception (x = 0 peer points and the private key n - 2 included);
  "invalid" ones must be refused, and so must the "acceptable" ones: they
  are compressed points, which TLS does not allow (RFC 8446 4.2.8.2; we
  advertise only uncompressed points for TLS 1.2).
- Wycheproof ecdh_secp256r1_test.json, public keys as DER
  SubjectPublicKeyInfo. TLS has no ASN.1 around a key share and no curve
  parameters in it (the NamedGroup fixes the curve), so what it tests
  for TLS is the raw point inside the BIT STRING, given as a secp256r1
  share. Every case whose (private key, raw point) pair the X9.62 file
  does not already have is kept: points of other curves, of modified
  curve parameters, BIT STRINGs truncated, extended or edited. A share is
  accepted only if it is a 65-byte uncompressed point that OpenSSL
  accepts as a named-curve P-256 key in `openssl pkeyutl -derive`; the
  secret is OpenSSL's, checked against Wycheproof's where the file has
  one. So tcIds 352 and 363, "invalid" for the explicit curve parameters
  of their SubjectPublicKeyInfo, are valid secp256r1 shares. Cases without
  a parseable BIT STRING test only the ASN.1 layer and are skipped.
- secp384r1 known answers computed by the OpenSSL command line
  (`openssl ec` for the public keys, `openssl pkeyutl -derive`), for lack
  of a Wycheproof P-384 file here: private scalars from a hash, the edge
  scalars 1, 2, n - 2 and n - 1, and the two peer points with x = 0.
- Edge cases on both curves: private keys out of range (0, n, n + 1,
  2^bits - 1), which tlshake_kex_init_key() must refuse, and the peer
  point (p, y) whose X is not reduced ((0, y) is on the curve), which
  must be refused.

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
 * @KEX_REFUSE_KEY: refuse our private key (outside [1, n - 1])
 */
enum kex_expect {
	KEX_ACCEPT,
	KEX_REFUSE_PEER,
	KEX_REFUSE_KEY,
};

/**
 * struct kex_tv - a key agreement test case
 * @tc_id: Wycheproof tcId (0 for the others)
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

EC_PUBLIC_KEY_OID = bytes.fromhex("06072a8648ce3d0201")
SECP256R1_OID = bytes.fromhex("06082a8648ce3d030107")
SECP384R1_OID = bytes.fromhex("06052b81040022")


EXPECT = ("KEX_ACCEPT", "KEX_REFUSE_PEER", "KEX_REFUSE_KEY")
ACCEPT, REFUSE_PEER, REFUSE_KEY = range(3)
P256_P = 2**256 - 2**224 + 2**192 + 2**96 - 1
P256_B = int("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
             16)
P256_N = int("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
             16)
P384_P = 2**384 - 2**128 - 2**96 + 2**32 - 1
P384_B = int("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f"
             "5013875ac656398d8a2ed19d2a85c8edd3ec2aef", 16)
P384_N = int("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81"
             "f4372ddf581a0db248b0a77aecec196accc52973", 16)


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
    """The X9.62 file; returns the table and the (priv, peer) pairs seen."""
    lines = ["", "static const struct kex_tv wp_secp256r1[] = {"]
    seen = set()
    for _, t in wycheproof.load("ecdh_secp256r1_ecpoint_test.json", wdir):
        peer = wycheproof.hx(t["public"])
        priv = scalar(wycheproof.hx(t["private"]), 32)
        if t["result"] == "acceptable":
            assert "CompressedPoint" in t["flags"], t["tcId"]
        expect = ACCEPT if t["result"] == "valid" else REFUSE_PEER
        seen.add((priv, peer))
        lines += entry(t["tcId"], expect, priv, b"", peer,
                       wycheproof.hx(t["shared"]))
    return lines + ["};"], seen


def der_next(data, i):
    """(tag, start, end) of the DER/BER element at @i; lenient lengths."""
    tag, n = data[i], data[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(data[i:i + k], "big")
        i += k
    return tag, i, i + n


def spki_point(spki):
    """The BIT STRING contents of a SubjectPublicKeyInfo, or None."""
    try:
        _, i, _ = der_next(spki, 0)
        _, _, alg_end = der_next(spki, i)
        tag, start, end = der_next(spki, alg_end)
    except IndexError:
        return None
    if tag != 0x03 or end > len(spki) or start >= end:
        return None
    return spki[start + 1:end]


def p256_spki(wdir, seen, tmp):
    """The SPKI file, as raw secp256r1 shares (see the top)."""
    lines = []
    for _, t in wycheproof.load("ecdh_secp256r1_test.json", wdir):
        peer = spki_point(wycheproof.hx(t["public"]))
        priv = scalar(wycheproof.hx(t["private"]), 32)
        if peer is None or (priv, peer) in seen:
            continue
        seen.add((priv, peer))
        shared = b""
        if len(peer) == 65 and peer[0] == 4:
            shared = ossl_derive(tmp, SECP256R1_OID, priv, peer)
        if shared and t["shared"] and t["result"] != "invalid":
            assert shared == wycheproof.hx(t["shared"]), t["tcId"]
        lines += entry(t["tcId"], ACCEPT if shared else REFUSE_PEER, priv,
                       b"", peer, shared)
    # a BIT STRING too long for a string literal is an array, first
    return (cemit.hoisted() +
            ["", "static const struct kex_tv wp_secp256r1_spki[] = {"] +
            lines + ["};"])


def der(tag, value):
    n = len(value)
    length = bytes([n]) if n < 128 else bytes([0x81, n])
    return bytes([tag]) + length + value


def openssl(*args, check=True):
    """OpenSSL's output; b"" if it fails and @check is false."""
    r = subprocess.run(["openssl"] + list(args), check=check,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return r.stdout if r.returncode == 0 else b""


def ec_key(tmp, oid, d):
    """Write a SEC1 key with scalar @d; return (path, public point)."""
    path = os.path.join(tmp, "key.der")
    with open(path, "wb") as f:
        f.write(der(0x30, der(0x02, b"\x01") + der(0x04, d) +
                    der(0xa0, oid)))
    spki = openssl("ec", "-inform", "DER", "-in", path, "-pubout",
                   "-outform", "DER")
    pub = spki[-(2 * len(d) + 1):]
    assert pub[0] == 4
    return path, pub


def ossl_derive(tmp, oid, d, peer):
    """OpenSSL's secret of scalar @d and the raw point @peer, or b""."""
    key, _ = ec_key(tmp, oid, d)
    path = os.path.join(tmp, "peer.der")
    with open(path, "wb") as f:
        f.write(der(0x30, der(0x30, EC_PUBLIC_KEY_OID + oid) +
                    der(0x03, b"\0" + peer)))
    return openssl("pkeyutl", "-derive", "-keyform", "DER", "-inkey", key,
                   "-peerform", "DER", "-peerkey", path, check=False)


def zero_x_y(p, b):
    """y of the points (0, +-y): y^2 = b; p = 3 mod 4 on both curves."""
    y = pow(b, (p + 1) // 4, p)
    assert y * y % p == b
    return y


def p384_cases():
    """(private key, peer's private key or None, peer's point) triples."""
    h = [hashlib.sha384(b"tlshake kex p384 %s %d" % (w, i)).digest()
         for i in range(3) for w in (b"a", b"b")]
    cases = [(h[2 * i], h[2 * i + 1], None) for i in range(3)]
    for d in (1, 2, P384_N - 2, P384_N - 1):
        cases.append((d.to_bytes(48, "big"), h[d % 3], None))
    y = zero_x_y(P384_P, P384_B)
    for yy in (y, P384_P - y):
        cases.append((h[1], None, b"\x04" + bytes(48) +
                      yy.to_bytes(48, "big")))
    return cases


def p384(tmp):
    lines = ["", "static const struct kex_tv ossl_secp384r1[] = {"]
    for da, db, peer in p384_cases():
        _, pub_a = ec_key(tmp, SECP384R1_OID, da)
        if peer is None:
            _, peer = ec_key(tmp, SECP384R1_OID, db)
        shared = ossl_derive(tmp, SECP384R1_OID, da, peer)
        assert len(shared) == 48
        lines += entry(0, ACCEPT, da, pub_a, peer, shared)
    return lines + ["};"]


def edge(name, p, b, n, peer_d):
    """Private keys out of range, and a peer X coordinate not reduced."""
    size = (p.bit_length() + 7) // 8
    y = zero_x_y(p, b)
    zero_x = b"\x04" + bytes(size) + y.to_bytes(size, "big")
    lines = ["", "static const struct kex_tv edge_%s[] = {" % name]
    for d in (0, n, n + 1, 2**(8 * size) - 1):
        lines += entry(0, REFUSE_KEY, d.to_bytes(size, "big"), b"", zero_x,
                       b"")
    # (0, y) is on the curve; (p, y) is the same point, not reduced
    lines += entry(0, REFUSE_PEER, peer_d, b"", b"\x04" +
                   p.to_bytes(size, "big") + y.to_bytes(size, "big"), b"")
    return lines + ["};"]


def main():
    wdir = sys.argv[1] if len(sys.argv) > 1 else wycheproof.DIR
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    head, tail = cemit.header("kex", "Wycheproof and the OpenSSL command line",
                              "selftests/vectors/gen_kex.py")
    with tempfile.TemporaryDirectory() as tmp:
        ecpoint, seen = p256(wdir)
        body = (TYPES.split("\n") + x25519(wdir) + ecpoint +
                p256_spki(wdir, seen, tmp) + p384(tmp) +
                edge("secp256r1", P256_P, P256_B, P256_N, b"\x01" * 32) +
                edge("secp384r1", P384_P, P384_B, P384_N, b"\x01" * 48))
    cemit.write(out, head + body + tail)


if __name__ == "__main__":
    main()
