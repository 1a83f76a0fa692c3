#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Filter `checkpatch.pl --terse --show-types` output through a list of
reviewed exceptions; exit 1 if any other finding remains."""
import re
import sys

FINDING = re.compile(r'^(\S+?):(\d+): (?:ERROR|WARNING|CHECK):(\w+):')


def main():
    allowed = set()
    with open(sys.argv[1]) as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            fields = [x.strip() for x in line.split(' | ')]
            allowed.add((fields[0], fields[1], ' '.join(fields[2].split())))
    bad = 0
    for line in sys.stdin:
        m = FINDING.match(line)
        if not m:
            continue
        path, lineno, kind = m.group(1), int(m.group(2)), m.group(3)
        with open(path, errors='replace') as src:
            text = ' '.join(src.read().splitlines()[lineno - 1].split())
        if (path, kind, text) in allowed:
            print(f'allowed: {line.rstrip()}')
            continue
        print(line.rstrip())
        bad += 1
    print(f'checkpatch: {bad} finding(s) outside checkpatch.exceptions')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
