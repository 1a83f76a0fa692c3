# SPDX-License-Identifier: GPL-2.0
"""Parse the traces of RFC 8448 (Example Handshake Traces for TLS 1.3).

parse(path) returns a list of Entry(section, actor, step, field, data): one
per labelled value, in document order. Page headers and footers are
dropped, wrapped step titles and hex blocks are joined.
"""
import collections
import re

Entry = collections.namedtuple("Entry", "section actor step field data")

_PAGE = re.compile(r"^(RFC 8448 .*January 2019|Thomson .*\[Page \d+\])$")
_SECTION = re.compile(r"^(\d+)\.  \S")
_STEP = re.compile(r"^   \{(client|server)\}  (.*)$")
_FIELD = re.compile(r"^      (\S.*?) \((\d+) octets?\):\s+(.*)$")
_HEX = re.compile(r"^(?:[0-9a-f]{2} )*[0-9a-f]{2}$")


def _lines(path):
    with open(path, encoding="ascii") as f:
        for line in f.read().replace("\f", "\n").split("\n"):
            line = line.rstrip()
            if not _PAGE.match(line):
                yield line


def parse(path):
    entries = []
    section, actor, step = None, None, None
    field, want, data = None, 0, []
    in_step_title = False

    def close_field():
        nonlocal field
        if field is None:
            return
        raw = bytes.fromhex("".join(data))
        if len(raw) != want:
            raise ValueError(f"{section} {step} {field}: {len(raw)} != {want}")
        entries.append(Entry(section, actor, step, field, raw))
        field = None

    for line in _lines(path):
        m = _SECTION.match(line)
        if m:
            close_field()
            section, actor, step = int(m.group(1)), None, None
            continue
        m = _STEP.match(line)
        if m:
            close_field()
            actor, step = m.group(1), m.group(2)
            in_step_title = not step.endswith(":") and not step.endswith(")")
            continue
        if in_step_title and line.startswith("      ") and field is None:
            step += " " + line.strip()
            in_step_title = not step.endswith(":") and not step.endswith(")")
            continue
        in_step_title = False
        m = _FIELD.match(line)
        if m and actor:
            close_field()
            field, want = m.group(1), int(m.group(2))
            rest = m.group(3).strip()
            data = [] if rest == "(empty)" else [rest.replace(" ", "")]
        elif field is not None and line.startswith("         ") and \
                _HEX.match(line.strip()):
            data.append(line.strip().replace(" ", ""))
        elif field is not None and line.strip():
            close_field()
        # a hex block ends with its announced length, across page breaks
        if field is not None and len("".join(data)) >= 2 * want:
            close_field()
    close_field()
    return entries


class Trace:
    """Look values up by section, actor, step title and field name."""

    def __init__(self, path):
        self.entries = parse(path)

    def get(self, section, actor, step, field, nth=0):
        found = [e.data for e in self.entries
                 if e.section == section and e.actor == actor and
                 e.step.startswith(step) and e.field == field]
        if len(found) <= nth:
            raise KeyError((section, actor, step, field, nth))
        return found[nth]
