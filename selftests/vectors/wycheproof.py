# SPDX-License-Identifier: GPL-2.0
"""Read Wycheproof JSON test files."""
import json
import os

DIR = "/work/shared/reference/wycheproof"


def load(name, directory=DIR):
    """(group, test) pairs of a Wycheproof file, in file order."""
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        data = json.load(f)
    for group in data["testGroups"]:
        for test in group["tests"]:
            yield group, test


def hx(s):
    return bytes.fromhex(s)
