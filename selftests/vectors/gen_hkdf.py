#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""HKDF and HMAC vectors -> kmod/tests/vectors/hkdf.h

RFC 5869 appendix A test cases 1-3 (SHA-256), read from the RFC text;
Wycheproof hkdf_sha256_test.json, hkdf_sha384_test.json and
hmac_sha256_test.json, every test case.

usage: gen_hkdf.py [RFC5869_TXT [WYCHEPROOF_DIR [OUT_H]]]
"""
import os
import re
import sys

import cemit
import wycheproof

HERE = os.path.dirname(os.path.abspath(__file__))
RFC = "/work/shared/reference/rfc/rfc5869.txt"
OUT = os.path.join(HERE, "../../kmod/tests/vectors/hkdf.h")

TYPES = """\
/**
 * struct hkdf_tv - an HKDF test case
 * @tc_id: Wycheproof tcId, or the RFC 5869 test case number
 * @valid: the output must be produced (else the call must fail)
 * @ikm: input keying material
 * @salt: salt (empty: none)
 * @info: info
 * @prk: the expected PRK (RFC 5869 only; empty otherwise)
 * @okm: the expected output, of the requested size
 * @size: the requested size
 */
struct hkdf_tv {
	u32 tc_id;
	bool valid;
	struct tlshake_tv ikm, salt, info, prk, okm;
	u32 size;
};

/**
 * struct hmac_tv - a Wycheproof HMAC test case
 * @tc_id: tcId
 * @valid: the tag must match
 * @key: the key
 * @msg: the message
 * @tag: the expected tag, possibly truncated
 */
struct hmac_tv {
	u32 tc_id;
	bool valid;
	struct tlshake_tv key, msg, tag;
};
"""


def rfc5869_cases(path):
    """Test cases 1-3 of RFC 5869 appendix A (the SHA-256 ones)."""
    text = open(path, encoding="ascii").read()
    cases = []
    for num in (1, 2, 3):
        start = text.index("A.%d.  Test Case %d" % (num, num))
        end = text.index("A.%d.  Test Case %d" % (num + 1, num + 1))
        body = re.sub(r"\n\n+.*\[Page \d+\]\n\nRFC 5869 .*\n", "\n",
                      text[start:end])
        assert "Hash = SHA-256" in body
        vals = {}
        for name in ("IKM", "salt", "info", "PRK", "OKM"):
            m = re.search(r"\n   %s\s*=\s*(0x)?([0-9a-f\s]*?)\s*\((\d+) octets\)"
                          % name, body)
            raw = bytes.fromhex(re.sub(r"\s", "", m.group(2)))
            assert len(raw) == int(m.group(3)), (num, name)
            vals[name] = raw
        size = int(re.search(r"\n   L\s*=\s*(\d+)", body).group(1))
        cases.append((num, True, vals["IKM"], vals["salt"], vals["info"],
                      vals["PRK"], vals["OKM"], size))
    return cases


def wp_hkdf(name, wdir):
    for _, t in wycheproof.load(name, wdir):
        yield (t["tcId"], t["result"] == "valid", wycheproof.hx(t["ikm"]),
               wycheproof.hx(t["salt"]), wycheproof.hx(t["info"]), b"",
               wycheproof.hx(t["okm"]), t["size"])


def fields(names, values):
    out = []
    for name, val in zip(names, values):
        body = cemit.c_bytes(val, "\t\t   ")
        out += ["\t  .%s = %s" % (name, body[0])] + body[1:]
        out[-1] += ","
    return out


def hkdf_table(cname, cases):
    lines = ["", "static const struct hkdf_tv %s[] = {" % cname]
    for tc, valid, ikm, salt, info, prk, okm, size in cases:
        lines.append("\t{ .tc_id = %d, .valid = %s, .size = %d," %
                     (tc, "true" if valid else "false", size))
        lines += fields(("ikm", "salt", "info", "prk", "okm"),
                        (ikm, salt, info, prk, okm))
        lines.append("\t},")
    return lines + ["};"]


def hmac_table(cname, wdir):
    lines = ["", "static const struct hmac_tv %s[] = {" % cname]
    for _, t in wycheproof.load("hmac_sha256_test.json", wdir):
        lines.append("\t{ .tc_id = %d, .valid = %s," %
                     (t["tcId"], "true" if t["result"] == "valid" else "false"))
        lines += fields(("key", "msg", "tag"),
                        [wycheproof.hx(t[k]) for k in ("key", "msg", "tag")])
        lines.append("\t},")
    return lines + ["};"]


def main():
    rfc = sys.argv[1] if len(sys.argv) > 1 else RFC
    wdir = sys.argv[2] if len(sys.argv) > 2 else wycheproof.DIR
    out = sys.argv[3] if len(sys.argv) > 3 else OUT
    head, tail = cemit.header("hkdf", "RFC 5869 and Wycheproof",
                              "selftests/vectors/gen_hkdf.py")
    body = TYPES.rstrip("\n").split("\n")
    for table in (hkdf_table("rfc5869_sha256", rfc5869_cases(rfc)),
                  hkdf_table("wp_hkdf_sha256",
                             wp_hkdf("hkdf_sha256_test.json", wdir)),
                  hkdf_table("wp_hkdf_sha384",
                             wp_hkdf("hkdf_sha384_test.json", wdir)),
                  hmac_table("wp_hmac_sha256", wdir)):
        body += cemit.hoisted() + table
    cemit.write(out, head + body + tail)


if __name__ == "__main__":
    main()
