#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the results a test guest left behind and judge the run.

Reads the results directory written by run-vm.sh / guest-run.sh: vm.tap,
kunit/*.ktap, kselftest/*.tap, console.log and dmesg.txt. Prints one line
per test, the diagnostics of each failure, and ends with
"N passed, N failed, N skipped". Exit status 1 if anything failed.
"""
import os
import re
import sys

RESULT = re.compile(r'^(\s*)(ok|not ok)\b\s*(\d+)?\s*(?:-\s*)?([^#]*?)\s*(?:#\s*(.*))?$')
PLAN = re.compile(r'^(\s*)1\.\.(\d+)')

# What a clean kernel never prints.
SPLATS = re.compile(
    r'(WARNING:|BUG:|Oops|KASAN|UBSAN|kernel BUG at|general protection fault'
    r'|possible circular locking|possible recursive locking'
    r'|inconsistent lock state|suspicious RCU usage|unreferenced object'
    r'|Kernel panic|INFO: task .* blocked|Call Trace:|stack-protector'
    r'|refcount_t: |list_add corruption|list_del corruption|ODEBUG:'
    r'|DEBUG_LOCKS_WARN_ON|lockdep is turned off|BUG: sleeping function'
    r'|WARNING: CPU|rcu_sched self-detected stall|soft lockup)')


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def add(self, name, status, detail=''):
        if status == 'ok':
            self.passed += 1
            print(f'PASS  {name}')
        elif status == 'skip':
            self.skipped += 1
            print(f'SKIP  {name}  {detail}')
        else:
            self.failed += 1
            print(f'FAIL  {name}')
            for line in detail.splitlines()[-30:]:
                print(f'      | {line}')


def parse_tap(path, prefix, tally):
    """Add the leaves of a (K)TAP file; nesting is given by indentation."""
    pending = {}    # indent -> [node]
    plans = {}      # indent -> planned count
    notes = []      # diagnostics since the last result
    problems = []
    with open(path, errors='replace') as f:
        lines = f.read().splitlines()
    for line in lines:
        p = PLAN.match(line)
        if p:
            plans[len(p.group(1))] = int(p.group(2))
            continue
        m = RESULT.match(line)
        if not m:
            if line.strip():
                notes.append(line.strip())
            continue
        indent = len(m.group(1))
        node = {'name': m.group(4).strip() or f'#{m.group(3)}',
                'ok': m.group(2) == 'ok', 'directive': m.group(5) or '',
                'children': [], 'notes': notes}
        notes = []
        for k in sorted(i for i in pending if i > indent):
            node['children'] += pending.pop(k)
            want = plans.pop(k, None)
            if want is not None and want > len(node['children']):
                problems.append(f'{node["name"]}: planned {want} tests, '
                                f'{len(node["children"])} reported')
        pending.setdefault(indent, []).append(node)
    roots = []
    for k in sorted(pending):
        roots += pending[k]
    if roots:
        top = min(pending)
        want = plans.get(top)
        if want is not None and want > len(pending[top]):
            problems.append(f'planned {want} tests, {len(pending[top])} '
                            'reported (crashed or timed out?)')
    elif not problems:
        problems.append('no test results (crashed, or did not run)')

    def walk(node, path):
        name = f'{path}.{node["name"]}' if path else node['name']
        if node['children']:
            for c in node['children']:
                walk(c, name)
            if not node['ok'] and all(c['ok'] for c in node['children']):
                tally.add(f'{prefix}{name}', 'fail', '\n'.join(node['notes']))
            return
        d = node['directive']
        if re.match(r'SKIP\b', d, re.I):
            tally.add(f'{prefix}{name}', 'skip', d[4:].strip())
        elif node['ok']:
            tally.add(f'{prefix}{name}', 'ok')
        else:
            tally.add(f'{prefix}{name}', 'fail', '\n'.join(node['notes']))

    for r in roots:
        walk(r, '')
    for msg in problems:
        tally.add(f'{prefix}(incomplete)', 'fail', msg)
    exit_note = [n for n in notes if n.startswith('# exit=')]
    return exit_note[-1][7:] if exit_note else None


def scan_kernel_log(results, tally):
    hits = []
    for name in ('console.log', 'dmesg.txt'):
        path = os.path.join(results, name)
        if not os.path.exists(path):
            continue
        with open(path, errors='replace') as f:
            for line in f:
                if SPLATS.search(line):
                    hits.append(f'{name}: {line.rstrip()}')
    if hits:
        tally.add('vm.kernel_log_clean', 'fail', '\n'.join(hits[:30]))
    else:
        tally.add('vm.kernel_log_clean', 'ok')


def main():
    results = sys.argv[1]
    vm_status = sys.argv[2] if len(sys.argv) > 2 else '0'
    tally = Tally()
    host = os.path.join(results, 'host.tap')
    if os.path.exists(host):
        parse_tap(host, '', tally)
    vm = os.path.join(results, 'vm.tap')
    if os.path.exists(vm):
        parse_tap(vm, 'vm.', tally)
    else:
        tally.add('vm.boot', 'fail', 'the guest never started its job')
    if vm_status != '0':
        why = {'3': 'guest panicked or rebooted', '4': 'guest timed out'}
        tally.add('vm.finished', 'fail', why.get(vm_status, 'qemu error'))
    for sub, prefix in (('kunit', 'kunit:'), ('kselftest', 'kselftest:')):
        d = os.path.join(results, sub)
        if not os.path.isdir(d):
            continue
        for fn in sorted(os.listdir(d)):
            stem = fn.rsplit('.', 1)[0]
            p = f'{prefix}{stem}:' if sub == 'kselftest' else prefix
            failed_before = tally.failed
            rc = parse_tap(os.path.join(d, fn), p, tally)
            if (sub == 'kselftest' and rc not in (None, '0', '4')
                    and tally.failed == failed_before):
                tally.add(f'{p}exit', 'fail', f'exit status {rc}')
    scan_kernel_log(results, tally)
    print(f'{tally.passed} passed, {tally.failed} failed, '
          f'{tally.skipped} skipped')
    return 1 if tally.failed else 0


if __name__ == '__main__':
    sys.exit(main())
