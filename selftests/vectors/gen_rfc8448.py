#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""RFC 8448 traces -> kmod/tests/vectors/rfc8448.h

Every value is read from the RFC's text except the KeyUpdate secrets
(s3_c_ap_upd*), which RFC 8448 does not show: they are computed here from
the trace's client_application_traffic_secret_0 with Python's hmac module,
as RFC 8446 7.2 defines them, independently of the kernel code.

usage: gen_rfc8448.py [RFC8448_TXT [OUT_H]]
"""
import hashlib
import hmac
import os
import struct
import sys

import cemit
import rfc8448

HERE = os.path.dirname(os.path.abspath(__file__))
RFC = "/work/shared/reference/rfc/rfc8448.txt"
OUT = os.path.join(HERE, "../../kmod/tests/vectors/rfc8448.h")

C, S = "client", "server"
KEYS_HS_W = "derive write traffic keys for handshake data"
KEYS_HS_R = "derive read traffic keys for handshake data"
KEYS_AP_W = "derive write traffic keys for application data"
EARLY = 'extract secret "early"'
HS = 'extract secret "handshake"'
MASTER = 'extract secret "master"'
FIN = 'calculate finished "tls13 finished"'


def drv(label):
    return 'derive secret "tls13 %s"' % label


# (C name, section, actor, step title prefix, field, nth occurrence)
SELECT = [
    # Section 3: simple 1-RTT handshake, X25519, TLS_AES_128_GCM_SHA256
    ("s3_client_priv", 3, C, "create an ephemeral x25519", "private key", 0),
    ("s3_client_pub", 3, C, "create an ephemeral x25519", "public key", 0),
    ("s3_server_priv", 3, S, "create an ephemeral x25519", "private key", 0),
    ("s3_server_pub", 3, S, "create an ephemeral x25519", "public key", 0),
    ("s3_ch", 3, C, "construct a ClientHello", "ClientHello", 0),
    ("s3_sh", 3, S, "construct a ServerHello", "ServerHello", 0),
    ("s3_ee", 3, S, "construct an EncryptedExtensions",
     "EncryptedExtensions", 0),
    ("s3_cert", 3, S, "construct a Certificate ", "Certificate", 0),
    ("s3_cv", 3, S, "construct a CertificateVerify", "CertificateVerify", 0),
    ("s3_sfin_msg", 3, S, "construct a Finished", "Finished", 0),
    ("s3_cfin_msg", 3, C, "construct a Finished", "Finished", 0),
    ("s3_early", 3, S, EARLY, "secret", 0),
    ("s3_dhe", 3, S, HS, "IKM", 0),
    ("s3_hs", 3, S, HS, "secret", 0),
    ("s3_c_hs", 3, S, drv("c hs traffic"), "expanded", 0),
    ("s3_s_hs", 3, S, drv("s hs traffic"), "expanded", 0),
    ("s3_master", 3, S, MASTER, "secret", 0),
    ("s3_s_hs_key", 3, S, KEYS_HS_W, "key expanded", 0),
    ("s3_s_hs_iv", 3, S, KEYS_HS_W, "iv expanded", 0),
    ("s3_c_hs_key", 3, S, KEYS_HS_R, "key expanded", 0),
    ("s3_c_hs_iv", 3, S, KEYS_HS_R, "iv expanded", 0),
    ("s3_s_fin", 3, S, FIN, "finished", 0),
    ("s3_c_ap", 3, S, drv("c ap traffic"), "expanded", 0),
    ("s3_s_ap", 3, S, drv("s ap traffic"), "expanded", 0),
    ("s3_exp_master", 3, S, drv("exp master"), "expanded", 0),
    ("s3_s_ap_key", 3, S, KEYS_AP_W, "key expanded", 0),
    ("s3_s_ap_iv", 3, S, KEYS_AP_W, "iv expanded", 0),
    ("s3_c_ap_key", 3, C, KEYS_AP_W, "key expanded", 0),
    ("s3_c_ap_iv", 3, C, KEYS_AP_W, "iv expanded", 0),
    ("s3_c_fin", 3, C, FIN, "finished", 0),
    ("s3_res_master", 3, C, drv("res master"), "expanded", 0),
    ("s3_ticket_nonce", 3, S, "generate resumption secret", "hash", 0),
    ("s3_res_psk", 3, S, "generate resumption secret", "expanded", 0),
    ("s3_s_hs_payload", 3, S, "send handshake record", "payload", 1),
    ("s3_s_hs_record", 3, S, "send handshake record", "complete record", 1),
    ("s3_c_fin_payload", 3, C, "send handshake record", "payload", 1),
    ("s3_c_fin_record", 3, C, "send handshake record", "complete record", 1),
    ("s3_nst_payload", 3, S, "send handshake record", "payload", 2),
    ("s3_nst_record", 3, S, "send handshake record", "complete record", 2),
    ("s3_c_app_payload", 3, C, "send application_data", "payload", 0),
    ("s3_c_app_record", 3, C, "send application_data", "complete record", 0),
    ("s3_s_app_payload", 3, S, "send application_data", "payload", 0),
    ("s3_s_app_record", 3, S, "send application_data", "complete record", 0),
    ("s3_c_alert_payload", 3, C, "send alert record", "payload", 0),
    ("s3_c_alert_record", 3, C, "send alert record", "complete record", 0),
    ("s3_s_alert_payload", 3, S, "send alert record", "payload", 0),
    ("s3_s_alert_record", 3, S, "send alert record", "complete record", 0),
    # Section 4: resumed 0-RTT handshake (PSK from section 3)
    ("s4_psk", 4, C, EARLY, "IKM", 0),
    ("s4_early", 4, C, EARLY, "secret", 0),
    ("s4_ch_prefix", 4, C, "calculate PSK binder", "ClientHello prefix", 0),
    ("s4_binder_hash", 4, C, "calculate PSK binder", "binder hash", 0),
    ("s4_binder_key", 4, C, "calculate PSK binder", "PRK", 0),
    ("s4_binder", 4, C, "calculate PSK binder", "finished", 0),
    ("s4_ch", 4, C, "send handshake record", "payload", 0),
    ("s4_c_e", 4, C, drv("c e traffic"), "expanded", 0),
    ("s4_e_exp_master", 4, C, drv("e exp master"), "expanded", 0),
    ("s4_c_e_key", 4, C, "derive write traffic keys for early",
     "key expanded", 0),
    ("s4_c_e_iv", 4, C, "derive write traffic keys for early",
     "iv expanded", 0),
    ("s4_early_payload", 4, C, "send application_data", "payload", 0),
    ("s4_early_record", 4, C, "send application_data", "complete record", 0),
    ("s4_client_priv", 4, C, "create an ephemeral x25519", "private key", 0),
    ("s4_client_pub", 4, C, "create an ephemeral x25519", "public key", 0),
    ("s4_server_pub", 4, S, "create an ephemeral x25519", "public key", 0),
    ("s4_sh", 4, S, "construct a ServerHello", "ServerHello", 0),
    ("s4_ee", 4, S, "construct an EncryptedExtensions",
     "EncryptedExtensions", 0),
    ("s4_sfin_msg", 4, S, "construct a Finished", "Finished", 0),
    ("s4_eoed", 4, C, "construct an EndOfEarlyData", "EndOfEarlyData", 0),
    ("s4_cfin_msg", 4, C, "construct a Finished", "Finished", 0),
    ("s4_dhe", 4, S, HS, "IKM", 0),
    ("s4_hs", 4, S, HS, "secret", 0),
    ("s4_c_hs", 4, S, drv("c hs traffic"), "expanded", 0),
    ("s4_s_hs", 4, S, drv("s hs traffic"), "expanded", 0),
    ("s4_master", 4, S, MASTER, "secret", 0),
    ("s4_s_fin", 4, S, FIN, "finished", 0),
    ("s4_c_ap", 4, S, drv("c ap traffic"), "expanded", 0),
    ("s4_s_ap", 4, S, drv("s ap traffic"), "expanded", 0),
    ("s4_exp_master", 4, S, drv("exp master"), "expanded", 0),
    ("s4_c_fin", 4, C, FIN, "finished", 0),
    ("s4_res_master", 4, C, drv("res master"), "expanded", 0),
    # Section 5: HelloRetryRequest, then P-256
    ("s5_ch1", 5, C, "construct a ClientHello", "ClientHello", 0),
    ("s5_hrr", 5, S, "construct a ServerHello", "ServerHello", 0),
    ("s5_ch2", 5, C, "construct a ClientHello", "ClientHello", 1),
    ("s5_sh", 5, S, "construct a ServerHello", "ServerHello", 1),
    ("s5_client_priv", 5, C, "create an ephemeral P-256", "private key", 0),
    ("s5_client_pub", 5, C, "create an ephemeral P-256", "public key", 0),
    ("s5_server_priv", 5, S, "create an ephemeral P-256", "private key", 0),
    ("s5_server_pub", 5, S, "create an ephemeral P-256", "public key", 0),
    ("s5_dhe", 5, S, HS, "IKM", 0),
    ("s5_hs", 5, S, HS, "secret", 0),
    ("s5_th_sh", 5, S, drv("c hs traffic"), "hash", 0),
    ("s5_c_hs", 5, S, drv("c hs traffic"), "expanded", 0),
    ("s5_s_hs", 5, S, drv("s hs traffic"), "expanded", 0),
    ("s5_ee", 5, S, "construct an EncryptedExtensions",
     "EncryptedExtensions", 0),
    ("s5_cert", 5, S, "construct a Certificate ", "Certificate", 0),
    ("s5_cv", 5, S, "construct a CertificateVerify", "CertificateVerify", 0),
    ("s5_sfin_msg", 5, S, "construct a Finished", "Finished", 0),
    ("s5_th_sfin", 5, S, drv("c ap traffic"), "hash", 0),
    ("s5_master", 5, S, MASTER, "secret", 0),
    ("s5_s_fin", 5, S, FIN, "finished", 0),
    ("s5_c_ap", 5, S, drv("c ap traffic"), "expanded", 0),
    ("s5_s_ap", 5, S, drv("s ap traffic"), "expanded", 0),
]


def expand_label(secret, label, context, length):
    """HKDF-Expand-Label over SHA-256 with Python's hmac (RFC 8446 7.1)."""
    full = b"tls13 " + label
    info = struct.pack(">HB", length, len(full)) + full + \
        struct.pack(">B", len(context)) + context
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(secret, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


def main():
    rfc = sys.argv[1] if len(sys.argv) > 1 else RFC
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    trace = rfc8448.Trace(rfc)
    head, tail = cemit.header("rfc8448", "RFC 8448",
                              "selftests/vectors/gen_rfc8448.py")
    body = []
    values = {}
    for cname, sec, actor, step, field, nth in SELECT:
        values[cname] = trace.get(sec, actor, step, field, nth)
        body += cemit.named(cname, values[cname])
    # the generator's HKDF-Expand-Label must reproduce the trace first
    for secret, key, iv in (("s3_s_hs", "s3_s_hs_key", "s3_s_hs_iv"),
                            ("s3_c_ap", "s3_c_ap_key", "s3_c_ap_iv")):
        assert expand_label(values[secret], b"key", b"", 16) == values[key]
        assert expand_label(values[secret], b"iv", b"", 12) == values[iv]
    body += ["", "/* Not in RFC 8448: KeyUpdate (RFC 8446 7.2), computed by "
             "the generator */"]
    upd = values["s3_c_ap"]
    for gen in (1, 2):
        upd = expand_label(upd, b"traffic upd", b"", 32)
        body += cemit.named("s3_c_ap_upd%d" % gen, upd)
    body += cemit.named("s3_c_ap_upd2_key",
                        expand_label(upd, b"key", b"", 16))
    body += cemit.named("s3_c_ap_upd2_iv", expand_label(upd, b"iv", b"", 12))
    cemit.write(out, head + body + tail)


if __name__ == "__main__":
    main()
