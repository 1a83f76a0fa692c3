#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Known answers from live OpenSSL sessions -> kmod/tests/vectors/ossl13.h
(TLS 1.3 exporter) and kmod/tests/vectors/ossl12.h (TLS 1.2 sessions)

Runs `openssl s_server` and `openssl s_client` on the loopback and keeps
what an independent TLS implementation produced:

- TLS 1.3 exporter (RFC 8446 7.5): the EXPORTER_SECRET of the key log and
  the keying material `s_client -keymatexport` printed (no context).
- TLS 1.2 sessions, through a relay that records the bytes on the wire:
  the master secret (key log), the randoms, the handshake messages up to
  ClientKeyExchange, both protected Finished records and one protected
  application data record each way (`s_server -rev` echoes reversed).

usage: gen_ossl.py [OUT_DIR]
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

import cemit

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "../../kmod/tests/vectors")
MESSAGE = b"hello from tlshake's generator\n"

TYPES13 = """\
/**
 * struct ossl_exporter_tv - a TLS 1.3 exporter value from OpenSSL
 * @suite: the TLS 1.3 cipher suite
 * @label: the exporter label
 * @secret: exporter_master_secret
 * @out: TLS-Exporter(label, no context, length)
 */
struct ossl_exporter_tv {
	u16 suite;
	const char *label;
	struct tlshake_tv secret, out;
};"""

TYPES12 = """\
/**
 * struct ossl12_tv - a TLS 1.2 session recorded between OpenSSL peers
 * @suite: the cipher suite
 * @master: the master secret (from the key log)
 * @client_random: ClientHello.random
 * @server_random: ServerHello.random
 * @handshake: the handshake messages, ClientHello to ClientKeyExchange
 * @client_fin: the client's protected Finished record (sequence 0)
 * @server_fin: the server's protected Finished record (sequence 0)
 * @client_app: the client's first application data record (sequence 1)
 * @server_app: the server's first application data record (sequence 1)
 * @client_text: the plaintext of @client_app
 * @server_text: the plaintext of @server_app
 */
struct ossl12_tv {
	u16 suite;
	struct tlshake_tv master, client_random, server_random, handshake;
	struct tlshake_tv client_fin, server_fin, client_app, server_app;
	struct tlshake_tv client_text, server_text;
};"""

EXPORTERS = [(0x1301, "TLS_AES_128_GCM_SHA256"),
             (0x1302, "TLS_AES_256_GCM_SHA384"),
             (0x1303, "TLS_CHACHA20_POLY1305_SHA256")]
SESSIONS = [(0xc02f, "ECDHE-RSA-AES128-GCM-SHA256"),
            (0xc030, "ECDHE-RSA-AES256-GCM-SHA384"),
            (0xcca8, "ECDHE-RSA-CHACHA20-POLY1305")]
LABEL = "EXPERIMENTAL-tlshake-exporter"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), 0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("s_server did not start")


def server(tmp, port, args):
    proc = subprocess.Popen(
        ["openssl", "s_server", "-accept", str(port), "-naccept", "2",
         "-cert", os.path.join(tmp, "c.pem"),
         "-key", os.path.join(tmp, "k.pem"), "-quiet"] + args,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    wait_port(port)     # uses up one of the two accepts
    return proc


def keylog(path):
    out = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            label, first, secret = line.split()
            out[label] = (bytes.fromhex(first), bytes.fromhex(secret))
    return out


def exporter(tmp, suite):
    port = free_port()
    srv = server(tmp, port, ["-tls1_3", "-ciphersuites", suite])
    log = os.path.join(tmp, "kl13.txt")
    if os.path.exists(log):
        os.unlink(log)
    out = subprocess.run(
        ["openssl", "s_client", "-connect", "127.0.0.1:%d" % port,
         "-tls1_3", "-ciphersuites", suite, "-keymatexport", LABEL,
         "-keymatexportlen", "48", "-keylogfile", log],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, check=True, timeout=20).stdout
    srv.wait(timeout=20)
    material = re.search(rb"Keying material: ([0-9A-F]+)", out).group(1)
    return keylog(log)["EXPORTER_SECRET"][1], bytes.fromhex(material.decode())


class Relay:
    """Forward one TCP connection, recording each direction."""

    def __init__(self, target):
        self.target = target
        self.lsock = socket.socket()
        self.lsock.bind(("127.0.0.1", 0))
        self.lsock.listen(1)
        self.port = self.lsock.getsockname()[1]
        self.data = {"c2s": bytearray(), "s2c": bytearray()}
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def pump(self, src, dst, key):
        while True:
            try:
                buf = src.recv(65536)
            except OSError:
                buf = b""
            if not buf:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            self.data[key] += buf
            dst.sendall(buf)

    def run(self):
        client, _ = self.lsock.accept()
        srv = socket.create_connection(("127.0.0.1", self.target))
        up = threading.Thread(target=self.pump, args=(client, srv, "c2s"))
        up.start()
        self.pump(srv, client, "s2c")
        up.join()


def records(stream):
    out, i = [], 0
    while i + 5 <= len(stream):
        n = int.from_bytes(stream[i + 3:i + 5], "big")
        out.append(bytes(stream[i:i + 5 + n]))
        i += 5 + n
    return out


def split_flight(recs):
    """Plaintext handshake bytes before ChangeCipherSpec, and the rest."""
    hs, i = b"", 0
    while recs[i][0] == 22:
        hs += recs[i][5:]
        i += 1
    assert recs[i][0] == 20, "expected ChangeCipherSpec"
    return hs, recs[i + 1:]


def session(tmp, cipher):
    port = free_port()
    srv = server(tmp, port, ["-tls1_2", "-cipher", cipher, "-no_ticket",
                             "-rev"])
    relay = Relay(port)
    log = os.path.join(tmp, "kl12.txt")
    if os.path.exists(log):
        os.unlink(log)
    cli = subprocess.Popen(
        ["openssl", "s_client", "-connect", "127.0.0.1:%d" % relay.port,
         "-tls1_2", "-cipher", cipher, "-no_ticket", "-keylogfile", log,
         "-ign_eof", "-quiet"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    cli.stdin.write(MESSAGE)
    cli.stdin.flush()
    for _ in range(200):
        s2c = records(relay.data["s2c"])
        if s2c and len(split_flight(s2c)[1]) >= 2:
            break
        time.sleep(0.05)
    cli.kill()
    cli.wait()
    srv.wait(timeout=20)
    relay.thread.join(timeout=20)
    return relay, keylog(log)


def session_vector(tmp, sid, cipher):
    relay, keys = session(tmp, cipher)
    c_hs, c_prot = split_flight(records(relay.data["c2s"]))
    s_hs, s_prot = split_flight(records(relay.data["s2c"]))
    ch_len = 4 + int.from_bytes(c_hs[1:4], "big")
    assert c_hs[0] == 1 and s_hs[0] == 2
    client_random, server_random = c_hs[6:38], s_hs[6:38]
    master = keys["CLIENT_RANDOM"]
    assert master[0] == client_random
    handshake = c_hs[:ch_len] + s_hs + c_hs[ch_len:]
    text = MESSAGE.rstrip(b"\n")
    fields = (("master", master[1]), ("client_random", client_random),
              ("server_random", server_random), ("handshake", handshake),
              ("client_fin", c_prot[0]), ("server_fin", s_prot[0]),
              ("client_app", c_prot[1]), ("server_app", s_prot[1]),
              ("client_text", MESSAGE), ("server_text", text[::-1] + b"\n"))
    lines = ["\t{ .suite = 0x%04x," % sid]
    for name, val in fields:
        body = cemit.c_bytes(val, "\t\t   ")
        lines += ["\t  .%s = %s" % (name, body[0])] + body[1:]
        lines[-1] += ","
    return lines + ["\t},"]


def exporters(tmp):
    body = ["", "static const struct ossl_exporter_tv ossl_exporters[] = {"]
    for sid, suite in EXPORTERS:
        secret, material = exporter(tmp, suite)
        body.append("\t{ .suite = 0x%04x, .label = %s," %
                    (sid, cemit.c_string(LABEL)))
        for name, val in (("secret", secret), ("out", material)):
            b = cemit.c_bytes(val, "\t\t   ")
            body += ["\t  .%s = %s" % (name, b[0])] + b[1:]
            body[-1] += ","
        body.append("\t},")
    return body + ["};"]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    gen = "selftests/vectors/gen_ossl.py"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                        "-nodes", "-keyout", os.path.join(tmp, "k.pem"),
                        "-out", os.path.join(tmp, "c.pem"), "-days", "1",
                        "-subj", "/CN=tlshake-vectors"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        head, tail = cemit.header("ossl13", "OpenSSL sessions on the loopback",
                                  gen)
        body = TYPES13.split("\n") + exporters(tmp)
        cemit.write(os.path.join(out, "ossl13.h"), head + body + tail)
        head, tail = cemit.header("ossl12", "OpenSSL sessions on the loopback",
                                  gen)
        body = TYPES12.split("\n")
        body += ["", "static const struct ossl12_tv ossl12[] = {"]
        for sid, cipher in SESSIONS:
            body += session_vector(tmp, sid, cipher)
        body += ["};"]
        cemit.write(os.path.join(out, "ossl12.h"), head + body + tail)


if __name__ == "__main__":
    main()
