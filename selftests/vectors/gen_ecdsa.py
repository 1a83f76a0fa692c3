#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Generate kmod/tests/vectors/ecdsa.h, the vectors of the tlshake_ecdsa
KUnit suite:

  - RFC 6979 A.2.5 (P-256) and A.2.6 (P-384): deterministic signatures of
    "sample" and "test" with SHA-256, SHA-384 and SHA-512 (SHA-1 and
    SHA-224 are left out: the nonce's HMAC uses the message's hash, and
    tlshake has no HMAC-SHA-1/224), as DER;
  - key pairs: the RFC's, and d = 1, 2, n - 1 computed here;
  - Wycheproof ecdsa_secp256r1_sha256_test.json and
    ecdsa_secp384r1_sha384_test.json, every test, with the message's digest
    precomputed.

    python3 selftests/vectors/gen_ecdsa.py [REFERENCE_DIR]

REFERENCE_DIR holds rfc/rfc6979.txt and wycheproof/ (default
/work/shared/reference).
"""
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "kmod", "tests", "vectors", "ecdsa.h")

CURVES = {
    "P256": dict(enum="EC_P256", bytes=32,
                 p=2**256 - 2**224 + 2**192 + 2**96 - 1,
                 n=0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551,
                 b=0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b,
                 g=(0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
                    0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5)),
    "P384": dict(enum="EC_P384", bytes=48,
                 p=2**384 - 2**128 - 2**96 + 2**32 - 1,
                 n=int("ffffffffffffffffffffffffffffffffffffffffffffffff"
                       "c7634d81f4372ddf581a0db248b0a77aecec196accc52973", 16),
                 b=int("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe814112"
                       "0314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef", 16),
                 g=(int("aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b98"
                        "59f741e082542a385502f25dbf55296c3a545e3872760ab7", 16),
                    int("3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147c"
                        "e9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f", 16))),
}

HASHES = {"SHA-256": hashlib.sha256, "SHA-384": hashlib.sha384,
          "SHA-512": hashlib.sha512}


def point_add(c, a, b):
    p = c["p"]
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0]:
        if (a[1] + b[1]) % p == 0:
            return None
        lam = (3 * a[0] * a[0] - 3) * pow(2 * a[1], -1, p) % p
    else:
        lam = (b[1] - a[1]) * pow(b[0] - a[0], -1, p) % p
    x = (lam * lam - a[0] - b[0]) % p
    return (x, (lam * (a[0] - x) - a[1]) % p)


def point_mul(c, k, pt):
    acc = None
    while k:
        if k & 1:
            acc = point_add(c, acc, pt)
        pt = point_add(c, pt, pt)
        k >>= 1
    return acc


def der_int(x):
    b = x.to_bytes((x.bit_length() + 8) // 8, "big")
    return b"\x02" + bytes([len(b)]) + b


def der_sig(r, s):
    body = der_int(r) + der_int(s)
    return b"\x30" + bytes([len(body)]) + body


def c_bytes(data, indent):
    """A C string literal of hex escapes, 16 bytes a line."""
    if not data:
        return '""'
    lines = []
    for i in range(0, len(data), 16):
        lines.append('"' + "".join("\\x%02x" % b for b in data[i:i + 16])
                     + '"')
    return ("\n" + indent).join(lines)


def rfc6979_section(text, title):
    start = text.index(title)
    end = text.index("\nA.2.", start + len(title))
    # drop page footers and headers
    body = [ln for ln in text[start:end].splitlines()
            if not re.match(r"^(Pornin|RFC 6979)\s", ln)]
    return body


def rfc6979_values(lines):
    """Key and (hash, message, r, s) tuples; values may span lines."""
    vals, sigs, cur, last = {}, [], None, None
    for ln in lines:
        m = re.match(r"^\s+With (SHA-\d+), message = \"(\w+)\":", ln)
        if m:
            cur = {"hash": m.group(1), "msg": m.group(2)}
            sigs.append(cur)
            continue
        m = re.match(r"^\s+(x|Ux|Uy|k|r|s) = ([0-9A-F]+)\s*$", ln)
        if m:
            last = (cur if cur is not None and m.group(1) in "krs"
                    else vals), m.group(1)
            last[0][last[1]] = m.group(2)
            continue
        m = re.match(r"^\s+([0-9A-F]+)\s*$", ln)
        if m and last:
            last[0][last[1]] += m.group(1)
            continue
        last = None
    return vals, sigs


def rfc6979_vectors(ref):
    with open(os.path.join(ref, "rfc", "rfc6979.txt")) as f:
        text = f.read()
    kats, pairs = [], []
    for name, title in (("P256", "A.2.5.  ECDSA, 256 Bits (Prime Field)\n"),
                        ("P384", "A.2.6.  ECDSA, 384 Bits (Prime Field)\n")):
        c = CURVES[name]
        vals, sigs = rfc6979_values(rfc6979_section(text, title))
        d = int(vals["x"], 16)
        pub = (int(vals["Ux"], 16), int(vals["Uy"], 16))
        assert point_mul(c, d, c["g"]) == pub
        pairs.append((name, d, pub, "RFC 6979 " + title.split()[0]))
        for sig in sigs:
            if sig["hash"] not in HASHES:
                continue
            digest = HASHES[sig["hash"]](sig["msg"].encode()).digest()
            kats.append(dict(curve=name, d=d, digest=digest,
                             name="%s %s \\\"%s\\\"" % (name, sig["hash"],
                                                       sig["msg"]),
                             sig=der_sig(int(sig["r"], 16),
                                         int(sig["s"], 16))))
    assert len(kats) == 12
    # edge scalars of the fixed-base comb: long runs of zero digits (the
    # accumulator stays at infinity), a lone top digit, the largest digit
    # values, many negative digits
    bits = {"P256": 256, "P384": 384}
    for name, c in CURVES.items():
        b = bits[name]
        edges = [(1, "1"), (2, "2"), (c["n"] - 1, "n - 1"),
                 ((c["n"] - 1) // 2, "(n - 1) / 2"),
                 (2**(b - 4), "2^%d" % (b - 4)), (2**(b - 5), "2^%d" % (b - 5)),
                 (2**(b - 1), "2^%d" % (b - 1)),
                 (2**(b - 4) - 1, "2^%d - 1" % (b - 4)),
                 (2**b - 2**(b - 32), "2^%d - 2^%d" % (b, b - 32))]
        for d, what in edges:
            assert 0 < d < c["n"]
            pairs.append((name, d, point_mul(c, d, c["g"]), "d = " + what))
    return kats, pairs


def wycheproof(ref, fname, curve):
    with open(os.path.join(ref, "wycheproof", fname)) as f:
        data = json.load(f)
    keys, tests = [], []
    for group in data["testGroups"]:
        assert group["publicKey"]["curve"] == {"P256": "secp256r1",
                                               "P384": "secp384r1"}[curve]
        md = HASHES[group["sha"]]
        keys.append(bytes.fromhex(group["publicKey"]["uncompressed"]))
        for t in group["tests"]:
            # no "acceptable" verdicts in these files; the suite's policy
            # (strict DER) would treat one as invalid
            assert t["result"] in ("valid", "invalid")
            tests.append(dict(tc_id=t["tcId"], valid=t["result"] == "valid",
                              key=len(keys) - 1,
                              digest=md(bytes.fromhex(t["msg"])).digest(),
                              sig=bytes.fromhex(t["sig"])))
    assert len(tests) == data["numberOfTests"]
    return keys, tests


HEADER = """/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Vectors of the tlshake_ecdsa KUnit suite: RFC 6979 A.2.5/A.2.6 known
 * answers, key pairs, and every Wycheproof ECDSA P-256/SHA-256 and
 * P-384/SHA-384 verification test (digests precomputed).
 *
 * Generated by selftests/vectors/gen_ecdsa.py; do not edit.
 */
#ifndef _TLSHAKE_TESTS_VECTORS_ECDSA_H
#define _TLSHAKE_TESTS_VECTORS_ECDSA_H

/**
 * struct ecdsa_kat - a deterministic (RFC 6979) signature
 * @name: curve, hash and message
 * @curve: &enum ec_curve_id
 * @d: the private key
 * @digest: the message digest
 * @dlen: its length
 * @sig: the expected DER signature
 * @sig_len: its length
 */
struct ecdsa_kat {
	const char *name;
	u8 curve;
	const u8 *d;
	const u8 *digest;
	u8 dlen;
	const u8 *sig;
	u8 sig_len;
};

/**
 * struct ec_keypair - a private key and its public key
 * @what: where it comes from
 * @curve: &enum ec_curve_id
 * @d: the private key
 * @pub: the public key, 0x04 || X || Y
 */
struct ec_keypair {
	const char *what;
	u8 curve;
	const u8 *d;
	const u8 *pub;
};

/**
 * struct ecdsa_wycheproof - one Wycheproof verification test
 * @tc_id: Wycheproof's tcId
 * @valid: the expected verdict ("valid"; else "invalid")
 * @key: index of the public key in the file's key array
 * @digest: the message's digest
 * @sig: the signature, as given (not necessarily DER)
 * @sig_len: its length
 */
struct ecdsa_wycheproof {
	u16 tc_id;
	bool valid;
	u16 key;
	const u8 *digest;
	const u8 *sig;
	u16 sig_len;
};
"""


def main():
    ref = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"
    kats, pairs = rfc6979_vectors(ref)
    out = [HEADER, "\nstatic const struct ecdsa_kat ecdsa_kats[] = {\n"]
    for k in kats:
        c = CURVES[k["curve"]]
        out.append("\t{\n\t\t.name = \"%s\",\n\t\t.curve = %s,\n" %
                   (k["name"], c["enum"]))
        out.append("\t\t.d = %s,\n" % c_bytes(
            k["d"].to_bytes(c["bytes"], "big"), "\t\t     "))
        out.append("\t\t.digest = %s,\n\t\t.dlen = %d,\n" %
                   (c_bytes(k["digest"], "\t\t\t  "), len(k["digest"])))
        out.append("\t\t.sig = %s,\n\t\t.sig_len = %d,\n\t},\n" %
                   (c_bytes(k["sig"], "\t\t       "), len(k["sig"])))
    out.append("};\n\nstatic const struct ec_keypair ec_keypairs[] = {\n")
    for name, d, pub, what in pairs:
        c = CURVES[name]
        enc = (b"\x04" + pub[0].to_bytes(c["bytes"], "big") +
               pub[1].to_bytes(c["bytes"], "big"))
        out.append("\t{\n\t\t.what = \"%s %s\",\n\t\t.curve = %s,\n" %
                   (name, what, c["enum"]))
        out.append("\t\t.d = %s,\n" % c_bytes(
            d.to_bytes(c["bytes"], "big"), "\t\t     "))
        out.append("\t\t.pub = %s,\n\t},\n" % c_bytes(enc, "\t\t       "))
    out.append("};\n")
    for name, fname in (("P256", "ecdsa_secp256r1_sha256_test.json"),
                        ("P384", "ecdsa_secp384r1_sha384_test.json")):
        keys, tests = wycheproof(ref, fname, name)
        low = name.lower()
        out.append("\n/* %s */\nstatic const u8 * const wycheproof_%s_keys[] "
                   "= {\n" % (fname, low))
        for k in keys:
            out.append("\t%s,\n" % c_bytes(k, "\t"))
        out.append("};\n\nstatic const struct ecdsa_wycheproof "
                   "wycheproof_%s[] = {\n" % low)
        for t in tests:
            out.append("\t{\n\t\t.tc_id = %d,\n\t\t.valid = %s,\n"
                       "\t\t.key = %d,\n" % (t["tc_id"],
                                             "true" if t["valid"] else "false",
                                             t["key"]))
            out.append("\t\t.digest = %s,\n" % c_bytes(t["digest"],
                                                        "\t\t\t  "))
            out.append("\t\t.sig = %s,\n\t\t.sig_len = %d,\n\t},\n" %
                       (c_bytes(t["sig"], "\t\t       "), len(t["sig"])))
        out.append("};\n")
    out.append("\n#endif\n")
    with open(OUT, "w") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
