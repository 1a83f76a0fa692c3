#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Wycheproof AEAD vectors -> kmod/tests/vectors/aead.h

aes_gcm_test.json and chacha20_poly1305_test.json: every test case with
the parameters TLS uses (12-byte IV, 16-byte tag; AES keys of 128 or 256
bits), valid and invalid. The others (other IV or tag sizes, AES-192)
cannot occur in TLS; they are counted, not emitted.

usage: gen_aead.py [WYCHEPROOF_DIR [OUT_H]]
"""
import os
import sys

import cemit
import wycheproof

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "../../kmod/tests/vectors/aead.h")

TYPES = """\
/**
 * struct aead_tv - a Wycheproof AEAD test case
 * @tc_id: tcId
 * @valid: the ciphertext and tag are right (else decryption must fail)
 * @key: the key
 * @iv: the 12-byte nonce
 * @aad: the additional data
 * @msg: the plaintext
 * @ct: the ciphertext
 * @tag: the 16-byte tag
 */
struct aead_tv {
	u32 tc_id;
	bool valid;
	struct tlshake_tv key, iv, aad, msg, ct, tag;
};"""


def usable(group, keys):
    return group["ivSize"] == 96 and group["tagSize"] == 128 and \
        group["keySize"] in keys


def table(cname, fname, keys, wdir):
    lines = ["", "static const struct aead_tv %s[] = {" % cname]
    skipped = 0
    for group, t in wycheproof.load(fname, wdir):
        if not usable(group, keys):
            skipped += 1
            continue
        lines.append("\t{ .tc_id = %d, .valid = %s," %
                     (t["tcId"], "true" if t["result"] == "valid" else "false"))
        for name in ("key", "iv", "aad", "msg", "ct", "tag"):
            body = cemit.c_bytes(wycheproof.hx(t[name]), "\t\t   ")
            lines += ["\t  .%s = %s" % (name, body[0])] + body[1:]
            lines[-1] += ","
        lines.append("\t},")
    lines += ["};", "",
              "/* %s test cases TLS cannot use (IV, tag or key size) */"
              % fname,
              "#define %s_SKIPPED\t%d" % (cname.upper(), skipped)]
    return lines


def main():
    wdir = sys.argv[1] if len(sys.argv) > 1 else wycheproof.DIR
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    head, tail = cemit.header("aead", "Wycheproof AEAD test files",
                              "selftests/vectors/gen_aead.py")
    body = TYPES.split("\n")
    body += table("wp_aes_gcm", "aes_gcm_test.json", (128, 256), wdir)
    body += table("wp_chacha20_poly1305", "chacha20_poly1305_test.json",
                  (256,), wdir)
    cemit.write(out, head + body + tail)


if __name__ == "__main__":
    main()
