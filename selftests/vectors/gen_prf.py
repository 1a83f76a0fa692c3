#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""TLS 1.2 PRF known answers -> kmod/tests/vectors/prf.h

Every expected value is computed by the OpenSSL command line
(`openssl kdf ... TLS1-PRF`), not by tlshake or by this script; the
inputs are fixed pseudo-random bytes (SHA-256 of a name), so the output
is reproducible.

usage: gen_prf.py [OUT_H]
"""
import hashlib
import os
import subprocess
import sys

import cemit

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "../../kmod/tests/vectors/prf.h")

TYPES = """\
/**
 * struct prf_tv - a raw TLS 1.2 PRF known answer
 * @hmac: the HMAC of the PRF hash
 * @label: the label
 * @secret: the secret
 * @seed: the seed
 * @out: PRF(secret, label, seed), as long as wanted
 */
struct prf_tv {
	const char *hmac;
	const char *label;
	struct tlshake_tv secret, seed, out;
};

/**
 * struct prf_suite_tv - the TLS 1.2 key derivation of one suite
 * @suite: CipherSuite
 * @pms: pre-master secret
 * @client_random: ClientHello.random
 * @server_random: ServerHello.random
 * @session_hash: the RFC 7627 session hash
 * @client_hash: handshake hash under the client Finished
 * @server_hash: handshake hash under the server Finished
 * @master: master secret (RFC 5246 8.1)
 * @ems: extended master secret (RFC 7627 4)
 * @key_block: key block from @ems (keys, then IVs)
 * @client_fin: client verify_data from @ems
 * @server_fin: server verify_data from @ems
 */
struct prf_suite_tv {
	u16 suite;
	struct tlshake_tv pms, client_random, server_random, session_hash;
	struct tlshake_tv client_hash, server_hash, master, ems, key_block;
	struct tlshake_tv client_fin, server_fin;
};"""

# (id, PRF hash, key length, fixed IV length, pre-master secret length)
SUITES = [
    (0xc02b, "SHA256", 16, 4, 32),
    (0xc02f, "SHA256", 16, 4, 32),
    (0xc02c, "SHA384", 32, 4, 48),
    (0xc030, "SHA384", 32, 4, 48),
    (0xcca9, "SHA256", 32, 12, 32),
    (0xcca8, "SHA256", 32, 12, 32),
    (0x009c, "SHA256", 16, 4, 48),
    (0x009d, "SHA384", 32, 4, 48),
]


def rnd(name, length):
    out = b""
    i = 0
    while len(out) < length:
        out += hashlib.sha256(b"tlshake prf %s %d" % (name.encode(), i)
                              ).digest()
        i += 1
    return out[:length]


def openssl_prf(digest, secret, label, seed, length):
    cmd = ["openssl", "kdf", "-binary", "-keylen", str(length),
           "-kdfopt", "digest:" + digest,
           "-kdfopt", "hexsecret:" + secret.hex(),
           "-kdfopt", "hexseed:" + label.encode().hex()]
    if seed:
        cmd += ["-kdfopt", "hexseed:" + seed.hex()]
    out = subprocess.run(cmd + ["TLS1-PRF"], check=True,
                         stdout=subprocess.PIPE).stdout
    assert len(out) == length
    return out


def tv_fields(pairs, indent="\t\t   "):
    lines = []
    for name, val in pairs:
        body = cemit.c_bytes(val, indent)
        lines += ["\t  .%s = %s" % (name, body[0])] + body[1:]
        lines[-1] += ","
    return lines


def raw_vectors():
    lines = ["", "static const struct prf_tv prf_raw[] = {"]
    n = 0
    for digest in ("SHA256", "SHA384"):
        for slen, label, seedlen, outlen in ((1, "test label", 13, 1),
                                             (32, "test label", 64, 12),
                                             (48, "key expansion", 64, 104),
                                             (100, "a", 1, 200),
                                             (13, "master secret", 77, 48)):
            name = "raw %s %d" % (digest, n)
            secret, seed = rnd(name + " secret", slen), rnd(name + " seed",
                                                            seedlen)
            out = openssl_prf(digest, secret, label, seed, outlen)
            lines.append('\t{ .hmac = "hmac(%s)", .label = %s,' %
                         (digest.lower(), cemit.c_string(label)))
            lines += tv_fields((("secret", secret), ("seed", seed),
                                ("out", out)))
            lines.append("\t},")
            n += 1
    return lines + ["};"]


def suite_vector(sid, digest, klen, ivlen, pmslen):
    name = "suite %04x" % sid
    hlen = 48 if digest == "SHA384" else 32
    pms = rnd(name + " pms", pmslen)
    cr, sr = rnd(name + " cr", 32), rnd(name + " sr", 32)
    sh, ch, shh = (rnd(name + " " + x, hlen) for x in ("sh", "ch", "shh"))
    master = openssl_prf(digest, pms, "master secret", cr + sr, 48)
    ems = openssl_prf(digest, pms, "extended master secret", sh, 48)
    kb = openssl_prf(digest, ems, "key expansion", sr + cr,
                     2 * (klen + ivlen))
    cfin = openssl_prf(digest, ems, "client finished", ch, 12)
    sfin = openssl_prf(digest, ems, "server finished", shh, 12)
    lines = ["\t{ .suite = 0x%04x," % sid]
    lines += tv_fields((("pms", pms), ("client_random", cr),
                        ("server_random", sr), ("session_hash", sh),
                        ("client_hash", ch), ("server_hash", shh),
                        ("master", master), ("ems", ems), ("key_block", kb),
                        ("client_fin", cfin), ("server_fin", sfin)))
    return lines + ["\t},"]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    head, tail = cemit.header("prf", "the OpenSSL command line (TLS1-PRF)",
                              "selftests/vectors/gen_prf.py")
    body = TYPES.split("\n") + raw_vectors()
    body += ["", "static const struct prf_suite_tv prf_suites[] = {"]
    for suite in SUITES:
        body += suite_vector(*suite)
    body += ["};"]
    cemit.write(out, head + body + tail)


if __name__ == "__main__":
    main()
