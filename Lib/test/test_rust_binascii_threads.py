"""Free-threading stress test of the Rust binascii, with the interpreter's C
binascii run the same way as a baseline.

Each module runs in a subprocess of its own (so that a crash is reported
as such, and so that whether loading the module enables the GIL is seen in
a fresh interpreter). There, for about BINASCII_THREADS_SECONDS seconds
(default 1.0) per module, reader threads call every function on shared
bytearrays and on memoryviews of them, while mutator threads overwrite the
contents and try to resize them, and every result is checked against what
must hold whatever the contents were at the time: lengths, alphabets,
padding, separator layout, a round trip through the same module, value
ranges of the checksums, the one binascii.Error that may be raised; on a
buffer that no thread mutates, results equal to those computed before the
threads started, and to the C module's.

CPython 3.13's bytearray is not thread-safe (python/cpython#129107): its
export counter is a plain integer, and resizing checks it and then
reallocates with no lock, so two threads exporting one bytearray at once,
or one exporting while another resizes, can corrupt the counter or read
freed memory, whatever module does the reading. The test keeps clear of
that by working in rounds. Between rounds, with no thread running, the
buffers are resized and refilled and each reader gets its own memoryviews
of them. During a round those views stay exported, so every resize attempt
must raise BufferError (one that succeeds means a module released an
export it did not take); at most one reader at a time passes the
bytearrays themselves (so one thread only moves their export counters);
contents are changed in place by one mutator per buffer. After each round
every view must be releasable and every bytearray resizable: no export is
kept.

C's b2a_qp sizes its output in a first pass over the data and writes it in
a second one without bounds checks: data changed between the passes
overflows its buffer. So C's b2a_qp runs only on data nobody mutates; the
Rust b2a_qp must also cope with data that changes under it.
"""

import json
import os
import random
import re
import subprocess
import sys
import sysconfig
import threading
import time
import unittest
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'Tools' / 'rust'))
import binascii_modules  # noqa: E402

FREE_THREADED = bool(sysconfig.get_config_var('Py_GIL_DISABLED'))
SECONDS = float(os.environ.get('BINASCII_THREADS_SECONDS', '1.0'))
ROUND_SECONDS = 0.05
READERS = 4
SEED = int(os.environ.get('BINASCII_THREADS_SEED', '0'))

BASE64_ALPHABET = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
HEX_DIGITS = b'0123456789abcdefABCDEF'
LOWER_HEX = b'0123456789abcdef'
QP_TEXT_ALPHABET = b'=AF09az_ \t.'
QP_OUTPUT_ALPHABET = bytes(range(32, 127)) + b'\t\r\n'
# Legal in uuencoded data: ' ' to '`'.
UU_ALPHABET = bytes(range(32, 97))

# Each shared buffer: its alphabet, the lengths it takes in the rounds, and
# which mutator owns it (None: not mutated).
BUFFERS = {
    'binary': (bytes(range(256)), [0, 1, 2, 3, 4, 45, 100, 1000, 5121, 9000], 0),
    'uu': (bytes(range(256)), list(range(0, 47)), 0),
    'base64': (BASE64_ALPHABET, [0, 4, 8, 100, 1000, 8000], 0),
    'hex': (HEX_DIGITS, [0, 2, 10, 1000, 8000], 1),
    'qp': (QP_TEXT_ALPHABET, [0, 1, 5, 76, 77, 1000, 6000], 1),
    # 'M' (45 bytes) then 60 legal characters: always decodes.
    'uutext': (UU_ALPHABET, [61], 1),
    'stable': (b'', [0, 3, 76, 3000], None),
}


# --- The worker (in the subprocess) ------------------------------------------

def fill(rng, name, length):
    alphabet = BUFFERS[name][0]
    if name == 'stable':
        text = bytes(rng.choices(b'ab =\t\r\n.\xff\x00_', k=length // 2))
        return bytearray(text + rng.randbytes(length - len(text)))
    data = bytearray(rng.choices(alphabet, k=length))
    if name == 'uutext':
        data[0] = ord('M')
    return data


class Checker:
    """Calls one function on one buffer and says what is wrong with the
    result, if anything; whatever the contents of the buffer are."""

    def __init__(self, module, c, qp_on_mutating):
        self.m = module
        self.c = c
        self.qp_on_mutating = qp_on_mutating

    def operations(self, name):
        """The (label, call(data, length, rng)) that apply to buffer name."""
        ops = {
            'binary': [self.b2a_base64, self.hexlify, self.b2a_hex, self.crc32, self.crc_hqx],
            'uu': [self.b2a_uu, self.crc32],
            'base64': [self.a2b_base64],
            'hex': [self.unhexlify],
            'qp': [self.a2b_qp],
            'uutext': [self.a2b_uu],
            'stable': [self.stable],
        }[name]
        if self.qp_on_mutating and name in ('binary', 'qp'):
            ops = ops + [self.b2a_qp]
        return ops

    def b2a_base64(self, data, length, rng):
        newline = rng.random() < 0.5
        out = self.m.b2a_base64(data, newline=newline)
        if type(out) is not bytes:
            return f'b2a_base64 returned {type(out).__name__}'
        body = out[:-1] if newline else out
        if newline and out[-1:] != b'\n':
            return f'b2a_base64(newline=True) does not end in a newline: {out[-8:]!r}'
        if len(body) != (length + 2) // 3 * 4:
            return f'b2a_base64 of {length} bytes gave {len(body)} characters'
        pads = (3 - length % 3) % 3
        if body[len(body) - pads:] != b'=' * pads or b'=' in body[:len(body) - pads]:
            return f'b2a_base64 of {length} bytes is padded wrongly: {body[-4:]!r}'
        if body[:len(body) - pads].translate(None, BASE64_ALPHABET):
            return 'b2a_base64 output outside the alphabet'
        back = self.m.a2b_base64(body, strict_mode=True)
        if len(back) != length:
            return f'a2b_base64 of b2a_base64 of {length} bytes gave {len(back)}'
        return None

    def hexlify(self, data, length, rng):
        sep = rng.choice((':', b'-', ' ', b'_'))
        bytes_per_sep = rng.choice((1, 2, 3, 5, -1, -2, -3, -5, 64))
        out = self.m.hexlify(data, sep, bytes_per_sep)
        if type(out) is not bytes:
            return f'hexlify returned {type(out).__name__}'
        sep = sep.encode() if isinstance(sep, str) else sep
        groups = out.split(sep) if out else []
        step = abs(bytes_per_sep)
        whole, rest = divmod(length, step)
        sizes = [step] * whole
        if rest:
            sizes = [rest] + sizes if bytes_per_sep > 0 else sizes + [rest]
        if [len(group) for group in groups] != [2 * size for size in sizes]:
            return f'hexlify({length} bytes, {sep!r}, {bytes_per_sep}) has groups {[len(g) for g in groups]}'
        joined = b''.join(groups)
        if joined.translate(None, LOWER_HEX):
            return 'hexlify output is not lower-case hex'
        if len(self.m.unhexlify(joined)) != length:
            return 'unhexlify of hexlify has the wrong length'
        return None

    def b2a_hex(self, data, length, rng):
        out = self.m.b2a_hex(data)
        if type(out) is not bytes or len(out) != 2 * length or out.translate(None, LOWER_HEX):
            return f'b2a_hex of {length} bytes gave {out[:16]!r}... of length {len(out)}'
        return None

    def crc32(self, data, length, rng):
        out = self.m.crc32(data, rng.getrandbits(32)) if rng.random() < 0.5 else self.m.crc32(data)
        if type(out) is not int or not 0 <= out < 2**32:
            return f'crc32 gave {out!r}'
        return None

    def crc_hqx(self, data, length, rng):
        out = self.m.crc_hqx(data, rng.getrandbits(16))
        if type(out) is not int or not 0 <= out < 2**16:
            return f'crc_hqx gave {out!r}'
        return None

    def b2a_uu(self, data, length, rng):
        backtick = rng.random() < 0.5
        try:
            out = self.m.b2a_uu(data, backtick=backtick)
        except self.m.Error as exc:
            if length > 45 and str(exc) == 'At most 45 bytes at once':
                return None
            raise
        if length > 45:
            return f'b2a_uu of {length} bytes did not raise'
        if type(out) is not bytes or len(out) != 2 + (length + 2) // 3 * 4 or out[-1:] != b'\n':
            return f'b2a_uu of {length} bytes gave {out!r}'
        first = ord('`') if backtick and not length else 32 + length
        if out[0] != first or out[1:-1].translate(None, UU_ALPHABET):
            return f'b2a_uu of {length} bytes gave {out!r}'
        if backtick and b' ' in out:
            return f'b2a_uu(backtick=True) gave a space: {out!r}'
        back = self.m.a2b_uu(out)
        if len(back) != length:
            return f'a2b_uu of b2a_uu of {length} bytes gave {len(back)} bytes'
        return None

    def a2b_base64(self, data, length, rng):
        out = self.m.a2b_base64(data, strict_mode=rng.random() < 0.5)
        if type(out) is not bytes or len(out) != length // 4 * 3:
            return f'a2b_base64 of {length} characters gave {len(out)} bytes'
        if len(self.m.b2a_base64(out, newline=False)) != length:
            return 'b2a_base64 of a2b_base64 has the wrong length'
        return None

    def unhexlify(self, data, length, rng):
        out = (self.m.unhexlify if rng.random() < 0.5 else self.m.a2b_hex)(data)
        if type(out) is not bytes or len(out) != length // 2:
            return f'unhexlify of {length} digits gave {len(out)} bytes'
        if len(self.m.hexlify(out)) != length:
            return 'hexlify of unhexlify has the wrong length'
        return None

    def a2b_qp(self, data, length, rng):
        out = self.m.a2b_qp(data, header=rng.random() < 0.5)
        if type(out) is not bytes or len(out) > length:
            return f'a2b_qp of {length} characters gave {len(out)} bytes'
        return None

    def a2b_uu(self, data, length, rng):
        out = self.m.a2b_uu(data)
        if type(out) is not bytes or len(out) != 45:
            return f'a2b_uu of a full line gave {len(out)} bytes'
        return None

    def b2a_qp(self, data, length, rng):
        out = self.m.b2a_qp(data, quotetabs=rng.random() < 0.5, istext=rng.random() < 0.5,
                            header=rng.random() < 0.5)
        if type(out) is not bytes:
            return f'b2a_qp returned {type(out).__name__}'
        if out.translate(None, QP_OUTPUT_ALPHABET):
            return 'b2a_qp output is not printable ASCII'
        # 76 characters, and 2 more where a space or tab that ends up at
        # the end of a full line is quoted (=20 or =09).
        long_lines = [line for line in out.split(b'\n') if len(line.rstrip(b'\r')) > 78]
        if long_lines:
            return f'b2a_qp made a line of {len(long_lines[0])} characters'
        return None

    def stable(self, data, length, rng):
        """A buffer no thread changes: every result as computed beforehand."""
        name, call = rng.choice(STABLE_CALLS)
        got = capture(call, self.m, data)
        if got != self.expected[name]:
            return f'{name} of an unchanging buffer gave {got!r}, before the threads {self.expected[name]!r}'
        return None

    def prepare_stable(self, data):
        self.expected = {}
        for name, call in STABLE_CALLS:
            self.expected[name] = capture(call, self.m, data)
            if self.c is not self.m:
                expected = capture(call, self.c, data)
                if self.expected[name] != expected:
                    return f'{name} gives {self.expected[name]!r}, C gives {expected!r}'
        return None


def capture(call, module, data):
    """What call(module, data) returns, or the name and message of what it
    raises."""
    try:
        return 'returned', call(module, data)
    except module.Error as exc:
        return 'raised binascii.Error', str(exc)


STABLE_CALLS = [
    ('b2a_base64', lambda m, d: m.b2a_base64(d)),
    ('hexlify', lambda m, d: m.hexlify(d, ':', -3)),
    ('crc32', lambda m, d: m.crc32(d, 12345)),
    ('crc_hqx', lambda m, d: m.crc_hqx(d, 777)),
    ('b2a_qp', lambda m, d: m.b2a_qp(d, quotetabs=True, istext=True, header=True)),
    ('b2a_qp plain', lambda m, d: m.b2a_qp(d)),
    ('a2b_qp', lambda m, d: m.a2b_qp(d, header=True)),
    ('a2b_base64', lambda m, d: m.a2b_base64(d)),
]


class Round:
    """One round: buffers of fixed lengths, exported by each reader's views."""

    def __init__(self, rng, number, seconds):
        self.number = number
        self.seconds = seconds
        # All threads start together (starting a thread while others run
        # can take as long as a round).
        self.gate = threading.Barrier(READERS + 3)
        self.deadline = None
        self.buffers = {name: fill(rng, name, rng.choice(BUFFERS[name][1])) for name in BUFFERS}
        self.views = [{name: memoryview(buffer) for name, buffer in self.buffers.items()}
                      for _ in range(READERS)]

    def start(self):
        """Wait for all threads; the time the round ends."""
        if self.gate.wait() == 0:
            self.deadline = time.monotonic() + self.seconds
        self.gate.wait()
        return self.deadline


def reader(checker, rnd, index, stats, failures):
    rng = random.Random(f'{SEED} {rnd.number} reader {index}')
    deadline = rnd.start()
    # One reader per round passes the bytearrays themselves.
    direct = index == rnd.number % READERS
    names = list(BUFFERS)
    while time.monotonic() < deadline:
        name = rng.choice(names)
        op = rng.choice(checker.operations(name))
        view = rnd.views[index][name]
        form = rng.random()
        what = 'the bytearray'
        try:
            if direct and form < 0.5:
                problem = op(rnd.buffers[name], len(rnd.buffers[name]), rng)
            elif form < 0.7 or name in ('uutext', 'stable'):
                if form < 0.4:
                    what = 'a memoryview of the bytearray'
                    problem = op(view, len(view), rng)
                else:
                    what = 'a read-only memoryview (toreadonly()) of the bytearray'
                    with view.toreadonly() as readonly:
                        problem = op(readonly, len(readonly), rng)
            else:
                start = rng.randrange(len(view) + 1)
                stop = rng.randrange(start, len(view) + 1)
                # Keep what the checks need of the length.
                if name == 'base64':
                    stop -= (stop - start) % 4
                elif name == 'hex':
                    stop -= (stop - start) % 2
                with view[start:stop] as part:
                    if form < 0.85:
                        what = 'a read-only memoryview (toreadonly()) of part of the bytearray'
                        with part.toreadonly() as readonly:
                            problem = op(readonly, len(readonly), rng)
                    else:
                        what = 'a memoryview of part of the bytearray'
                        problem = op(part, len(part), rng)
        except BaseException as exc:
            problem = f'raised {type(exc).__module__}.{type(exc).__qualname__}: {exc}'
        if problem:
            problem = f'{op.__name__} on {what} ({name} buffer): {problem}'
        stats[op.__name__] = stats.get(op.__name__, 0) + 1
        if problem:
            failures.append(problem)


def mutator(rnd, owner, stats, failures):
    rng = random.Random(f'{SEED} {rnd.number} mutator {owner}')
    deadline = rnd.start()
    owned = [(name, rnd.buffers[name], BUFFERS[name][0]) for name in BUFFERS if BUFFERS[name][2] == owner]
    while time.monotonic() < deadline:
        name, buffer, alphabet = rng.choice(owned)
        length = len(buffer)
        r = rng.random()
        try:
            if r < 0.6 and length > 1:
                for _ in range(8):
                    buffer[rng.randrange(1, length)] = rng.choice(alphabet)
                stats['writes'] += 8
            elif r < 0.8 and length > 2:
                start = rng.randrange(1, length)
                stop = rng.randrange(start, length)
                buffer[start:stop] = bytes(rng.choices(alphabet, k=stop - start))
                stats['writes'] += 1
            else:
                way = rng.randrange(3)
                if way == 0 or not length:
                    buffer.extend(bytes([alphabet[0]]) * 4)
                elif way == 1:
                    del buffer[length // 2:]
                else:
                    buffer[:] = bytes(rng.choices(alphabet, k=length + 2))
                failures.append(f'resizing the exported {name} buffer succeeded:'
                                ' an export was released twice')
        except BufferError:
            stats['resize refused'] += 1
        except BaseException as exc:
            failures.append(f'mutating {name} raised {type(exc).__qualname__}: {exc}')
        # Leave the readers (more work per call) their share of the CPU.
        time.sleep(0)


def stress(module, c, seconds, qp_on_mutating):
    checker = Checker(module, c, qp_on_mutating)
    rng = random.Random(SEED)
    stats = {}
    mutations = {'writes': 0, 'resize refused': 0}
    failures = []
    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline or rounds == 0:
        rnd = Round(rng, rounds, max(0.0, min(ROUND_SECONDS, deadline - time.monotonic())))
        problem = checker.prepare_stable(rnd.buffers['stable'])
        if problem:
            failures.append(problem)
        reader_stats = [{} for _ in range(READERS)]
        reader_failures = [[] for _ in range(READERS)]
        mutator_failures = [[], []]
        mutator_stats = [{'writes': 0, 'resize refused': 0} for _ in (0, 1)]
        threads = [threading.Thread(target=reader,
                                    args=(checker, rnd, i, reader_stats[i], reader_failures[i]))
                   for i in range(READERS)]
        threads += [threading.Thread(target=mutator,
                                     args=(rnd, owner, mutator_stats[owner], mutator_failures[owner]))
                    for owner in (0, 1)]
        for thread in threads:
            thread.start()
        rnd.start()
        for thread in threads:
            thread.join()
        for part in reader_stats:
            for name, count in part.items():
                stats[name] = stats.get(name, 0) + count
        for part in mutator_stats:
            for name, count in part.items():
                mutations[name] += count
        for part in reader_failures + mutator_failures:
            failures.extend(part)
        # No thread runs now: every export taken in the round must be gone.
        for views in rnd.views:
            for name, view in views.items():
                try:
                    view.release()
                except BufferError as exc:
                    failures.append(f'a view of the {name} buffer cannot be released after the round: {exc}')
        for name, buffer in rnd.buffers.items():
            try:
                buffer.append(0)
                buffer.pop()
            except BufferError as exc:
                failures.append(f'the {name} buffer cannot be resized after the round: {exc}')
        rounds += 1
    return {'rounds': rounds, 'calls': stats, 'mutations': mutations,
            'failures': examples(failures), 'failure_count': len(failures)}


def examples(failures, shown=20):
    """One failure of each kind (kinds differing only in numbers are one)."""
    kinds = {}
    for failure in failures:
        kinds.setdefault(re.sub(r'\d+', 'N', failure), failure)
    return sorted(kinds.values())[:shown]


def worker(which, seconds):
    gil_before = sys._is_gil_enabled()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        c = binascii_modules.load_c()
        module = binascii_modules.load_rust() if which == 'rust' else c
    result = {
        'module': getattr(module, '__file__', 'built in'),
        'gil_before': gil_before,
        'gil_after_loading': sys._is_gil_enabled(),
        'load_warnings': [f'{w.category.__name__}: {w.message}' for w in caught],
    }
    result.update(stress(module, c, seconds, qp_on_mutating=which == 'rust'))
    print('result: ' + json.dumps(result), flush=True)


# --- The tests (in the test process) ------------------------------------------

@unittest.skipUnless(FREE_THREADED, 'needs a free-threaded build')
class FreeThreadingStress(unittest.TestCase):
    maxDiff = None

    def stress(self, which):
        env = dict(os.environ)
        # Whether the module keeps the GIL off is part of the test.
        env.pop('PYTHON_GIL', None)
        command = [sys.executable, '-X', 'faulthandler', __file__, '--worker', which, str(SECONDS)]
        started = time.monotonic()
        process = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                 timeout=60 + 10 * SECONDS)
        elapsed = time.monotonic() - started
        if process.returncode != 0:
            self.fail(f'the {which} stress run ended with status {process.returncode}'
                      f' (a negative status is the signal that killed it):\n{process.stderr[-4000:]}')
        line = [line for line in process.stdout.splitlines() if line.startswith('result: ')]
        self.assertTrue(line, f'no result from the {which} stress run:\n{process.stdout[-2000:]}'
                              f'\n{process.stderr[-2000:]}')
        result = json.loads(line[-1][len('result: '):])
        calls = sum(result['calls'].values())
        print(f'\n  {which}: {calls} calls in {result["rounds"]} rounds ({elapsed:.1f}s),'
              f' {result["mutations"]["writes"]} writes,'
              f' {result["mutations"]["resize refused"]} resizes refused;'
              f' {result["calls"]}', end=' ', flush=True)
        self.assertFalse(result['gil_before'], 'the GIL was on before the module was loaded')
        self.assertEqual(result['load_warnings'], [], f'loading {result["module"]} warned')
        self.assertFalse(result['gil_after_loading'], f'loading {result["module"]} enabled the GIL')
        self.assertEqual(result['failures'], [], f'{result["failure_count"]} failures; the first ones')
        self.assertGreater(result['mutations']['writes'], 0)
        self.assertGreater(result['mutations']['resize refused'], 0)
        checker = Checker(None, None, which == 'rust')
        expected = {op.__name__ for name in BUFFERS for op in checker.operations(name)}
        self.assertEqual(set(result['calls']), expected, 'some functions were never called')
        self.assertEqual(process.stderr, '')

    def test_c(self):
        self.stress('c')

    def test_rust(self):
        path = binascii_modules.rust_path()
        if not path.is_file():
            self.skipTest(f'Rust binascii not built: {path}')
        self.stress('rust')


if __name__ == '__main__':
    if sys.argv[1:2] == ['--worker']:
        worker(sys.argv[2], float(sys.argv[3]))
    else:
        unittest.main()
