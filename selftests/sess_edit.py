#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Edit an OpenSSL TLS 1.3 session file (openssl s_client -sess_out) for
the tls13_resume kselftest: spoil the ticket or the PSK, or claim that the
ticket allows early data.

The file is PEM ("SSL SESSION PARAMETERS") around the DER of OpenSSL's
SSL_SESSION_ASN1: a SEQUENCE whose fifth element is master_key (the
resumption PSK in TLS 1.3), with [10] EXPLICIT OCTET STRING the ticket and
[15] EXPLICIT INTEGER max_early_data.

usage: sess_edit.py IN OUT flip-ticket|flip-psk|early-data
"""
import base64
import sys

TAG_TICKET = 0xAA
TAG_EARLY = 0xAF


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(b)]) + b


def tlv(data, off):
    """(tag, header length, value length) of the TLV at off."""
    tag = data[off]
    n = data[off + 1]
    if n < 0x80:
        return tag, 2, n
    k = n & 0x7F
    return tag, 2 + k, int.from_bytes(data[off + 2:off + 2 + k], 'big')


def elements(seq):
    tag, hl, vl = tlv(seq, 0)
    assert tag == 0x30, 'not a SEQUENCE'
    off, end, out = hl, hl + vl, []
    while off < end:
        t, h, v = tlv(seq, off)
        out.append(bytearray(seq[off:off + h + v]))
        off += h + v
    return out


def flip_value(el):
    """Flip a bit in the middle of a TLV's innermost value."""
    t, h, v = tlv(el, 0)
    if t & 0x20:            # explicit tag: the value is one more TLV
        t2, h2, v2 = tlv(el, h)
        el[h + h2 + v2 // 2] ^= 0x01
    else:
        el[h + v // 2] ^= 0x01


def main():
    src, dst, what = sys.argv[1:4]
    lines = open(src).read().split('\n')
    b64 = ''.join(l for l in lines if l and not l.startswith('-----'))
    els = elements(base64.b64decode(b64))
    if what == 'flip-psk':
        flip_value(els[4])
    elif what == 'flip-ticket':
        el = [e for e in els if e[0] == TAG_TICKET]
        assert el, 'no ticket'
        flip_value(el[0])
    elif what == 'early-data':
        els = [e for e in els if e[0] != TAG_EARLY]
        val = bytes([0x02, 0x02, 0x40, 0x00])      # INTEGER 16384
        new = bytearray([TAG_EARLY]) + der_len(len(val)) + val
        pos = len(els)
        for i, e in enumerate(els):
            if 0xA0 <= e[0] <= 0xBF and e[0] > TAG_EARLY:
                pos = i
                break
        els.insert(pos, new)
    else:
        sys.exit('unknown edit ' + what)
    body = b''.join(bytes(e) for e in els)
    der = b'\x30' + der_len(len(body)) + body
    b = base64.b64encode(der).decode()
    with open(dst, 'w') as f:
        f.write('-----BEGIN SSL SESSION PARAMETERS-----\n')
        for i in range(0, len(b), 64):
            f.write(b[i:i + 64] + '\n')
        f.write('-----END SSL SESSION PARAMETERS-----\n')


if __name__ == '__main__':
    main()
