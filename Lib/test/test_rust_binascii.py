"""Differential test of the Rust binascii (Modules/binascii) against the
interpreter's own C binascii, both loaded in this process
(Tools/rust/binascii_modules.py).

What is compared:
  * the modules: public names, every other attribute name, __name__, __doc__;
  * every function: type, __name__, __qualname__, __module__, __doc__,
    __text_signature__, __self__ being its module;
  * Error and Incomplete: names, module, bases, MRO, __doc__, __dict__ keys;
  * calls. The calls are generated from each C function's
    __text_signature__ and from pools of values for each parameter: bytes,
    bytearray, memoryviews (read-only, writable, strided, two-dimensional,
    format 'i'), array.array, str (ASCII, non-ASCII, surrogates), objects of
    the wrong type; valid encodings made by the C module and then damaged
    (characters inserted, removed, replaced; truncation; padding in excess,
    missing, leading, inside; line breaks every 76 characters); integers at
    every C type's limit for crc and bytes_per_sep; separators of every
    kind; every flag given every kind of value; arguments misplaced, missing,
    doubled, unknown. A fixed set of edge cases runs first, then seeded
    random cases.
    Outcomes must be equal: results by type and value; exceptions by type
    (binascii.Error and binascii.Incomplete matched to the raising module's
    own class), args, cause and context; warnings by category, message and
    location; and afterwards every argument must hold its old contents and
    no buffer export (a bytearray can be resized, a memoryview released).

A difference is shown with a minimal reproducer (one per kind of
difference): keyword arguments it does not need dropped, buffers made
plain bytes, data cut while the same difference stays. The helper classes
a reproducer may name (BytesSub, Index, Len, ...) are defined below.

The same tests also run with the C module against a second, fresh
instance of itself (on a fifth of the random cases), which must find no
difference: the harness is deterministic and maps the two Error classes.
And against tampered copies, which they must catch: the harness can fail.

Environment:
  BINASCII_DIFFERENTIAL_CASES  number of random cases (default 10000), e.g.
                               1000000 for a long run
  BINASCII_DIFFERENTIAL_SEED   seed of the random cases (default 0)
"""

import array
import os
import random
import sys
import time
import types
import unittest
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'Tools' / 'rust'))
import binascii_modules  # noqa: E402

RANDOM_CASES = int(os.environ.get('BINASCII_DIFFERENTIAL_CASES', '10000'))
SEED = int(os.environ.get('BINASCII_DIFFERENTIAL_SEED', '0'))

# Kinds of difference shown in a failure message, one shrunk example of
# each, in all and per function; the rest are counted.
SHOWN_DIFFERENCES = 24
SHOWN_PER_FUNCTION = 4
# Calls spent shrinking one difference.
SHRINK_BUDGET = 3000

FLAGS = {'backtick', 'strict_mode', 'newline', 'header', 'quotetabs', 'istext'}
# Functions whose data is an "ascii_buffer" (str accepted) rather than a
# bytes-like object.
ASCII_FUNCTIONS = {'a2b_uu', 'a2b_base64', 'a2b_hex', 'unhexlify', 'a2b_qp'}
BASE64_ALPHABET = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'


# --- Loading ---------------------------------------------------------------

def load_rust():
    """The Rust module, and the warnings its loading emitted."""
    path = binascii_modules.rust_path()
    if not path.is_file():
        raise unittest.SkipTest(f'Rust binascii not built: {path}')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        module = binascii_modules.load_rust()
    return module, caught


def load_fresh_c():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        module = binascii_modules.load_c(fresh=True)
    return module, caught


# --- Values ----------------------------------------------------------------

class Boom(Exception):
    """Raised by the special methods below, to follow it through both modules."""


class Handled(Exception):
    """Being handled during every call (see outcome)."""


class BytesSub(bytes):
    pass


class StrSub(str):
    pass


class Opaque:
    """An object of no interesting type."""

    def __repr__(self):
        return 'Opaque()'


class Index:
    """An object with __index__ only (or whose __index__ raises)."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        if self.value is Boom:
            raise Boom('from __index__')
        return self.value

    def __repr__(self):
        return f'Index({"Boom" if self.value is Boom else repr(self.value)})'


class RaisingBool:
    def __bool__(self):
        raise Boom('from __bool__')

    def __repr__(self):
        return 'RaisingBool()'


class Len:
    """Not str nor bytes, with a length (or a __len__ that raises)."""

    def __init__(self, value):
        self.value = value

    def __len__(self):
        if self.value is Boom:
            raise Boom('from __len__')
        return self.value

    def __repr__(self):
        return f'Len({"Boom" if self.value is Boom else repr(self.value)})'


def _even(payload):
    return payload[:len(payload) // 2 * 2]


def _words(payload):
    return payload[:len(payload) // 4 * 4]


def _two_rows(payload):
    payload = _even(payload)
    if not payload:
        return memoryview(payload)
    return memoryview(payload).cast('B', (2, len(payload) // 2))


def _two_rows_text(payload):
    payload = _even(payload)
    if not payload:
        return f'memoryview({payload!r})'
    return f"memoryview({payload!r}).cast('B', (2, {len(payload) // 2}))"


# How an argument is built from its payload (fresh for every call), and
# written in a reproducer. The payload of every kind but 'object' is bytes
# or str, which the shrinker may cut.
KINDS = {
    'object': (lambda obj: obj, repr),
    'bytearray': (bytearray, lambda p: f'bytearray({p!r})'),
    'BytesSub': (BytesSub, lambda p: f'BytesSub({p!r})'),
    'StrSub': (StrSub, lambda p: f'StrSub({p!r})'),
    'memoryview': (memoryview, lambda p: f'memoryview({p!r})'),
    'writable memoryview': (lambda p: memoryview(bytearray(p)), lambda p: f'memoryview(bytearray({p!r}))'),
    'read-only memoryview': (lambda p: memoryview(bytearray(p)).toreadonly(),
                             lambda p: f'memoryview(bytearray({p!r})).toreadonly()'),
    'strided memoryview': (lambda p: memoryview(p)[::2], lambda p: f'memoryview({p!r})[::2]'),
    'strided writable memoryview': (lambda p: memoryview(bytearray(p))[::2],
                                    lambda p: f'memoryview(bytearray({p!r}))[::2]'),
    '2-d memoryview': (_two_rows, _two_rows_text),
    "memoryview 'i'": (lambda p: memoryview(_words(p)).cast('i'),
                       lambda p: f"memoryview({_words(p)!r}).cast('i')"),
    "array 'B'": (lambda p: array.array('B', p), lambda p: f"array.array('B', {p!r})"),
    "array 'i'": (lambda p: array.array('i', _words(p)), lambda p: f"array.array('i', {_words(p)!r})"),
}


class Value:
    """An argument of a call: a kind of KINDS and its payload."""

    __slots__ = ('kind', 'payload')

    def __init__(self, kind, payload):
        self.kind = kind
        self.payload = payload

    def make(self):
        return KINDS[self.kind][0](self.payload)

    def __repr__(self):
        return KINDS[self.kind][1](self.payload)

    def shrinkable(self):
        return isinstance(self.payload, (bytes, str)) and len(self.payload) > 0

    def with_payload(self, payload):
        return Value(self.kind, payload)


def plain(obj):
    """obj as an argument; a mutable buffer is made afresh for every call."""
    if type(obj) is bytearray:
        return Value('bytearray', bytes(obj))
    if type(obj) is memoryview:
        return Value('memoryview', obj.tobytes())
    return Value('object', obj)


BUFFER_KINDS = [kind for kind in KINDS if kind not in ('object', 'StrSub')]
WRONG_TYPES = [0, 1, -1, None, 1.5, [], [1], (), {}, Opaque(), Boom, int]

INTEGER_EDGES = sorted({0, 1, -1, 2, 7, 2**100, -2**100, sys.maxsize, -sys.maxsize - 1}
                       | {edge + d for bits in (8, 16, 31, 32, 63, 64)
                          for edge in (2**bits, -2**bits) for d in (-1, 0, 1)})
CRC_POOL = [*INTEGER_EDGES, True, False, 1.0, 1.5, '1', b'1', None, Index(5), Index(2**40), Index(-1),
            Index(Boom), Index('7'), Opaque()]
BYTES_PER_SEP_POOL = [*INTEGER_EDGES, 3, -3, 4, -4, 5, 100, -100, True, False, 2.0, '2', None,
                      Index(2), Index(-2), Index(2**40), Index(Boom), Opaque()]
SEP_POOL = [':', b':', ' ', b' ', '-', b'_', '', b'', '::', b'--', '\x00', b'\x00', '\x7f', b'\x7f',
            '\x80', '\xe9', '\xff', b'\x80', b'\xe9', b'\xff', '\u20ac', '\U0001f600', '\udc80',
            StrSub(':'), BytesSub(b':'), bytearray(b':'), memoryview(b':'), Len(1), Len(0), Len(Boom),
            1, 0, None, 1.5, [':'], Opaque()]
FLAG_POOL = [True, False, 0, 1, 2, -1, 2**31, 2**64, -2**64, 0.0, 1.5, '', 'x', b'', b'x', None, [], [0],
             Index(0), Index(1), Index(2**64), Index(Boom), RaisingBool(), Opaque()]


def signature(function):
    """[(name, kind, optional)] from a builtin's __text_signature__, kind being
    'positional', 'either' or 'keyword'."""
    text = function.__text_signature__.strip()
    assert text[0] == '(' and text[-1] == ')', text
    parameters = []
    kind = 'either'
    for item in (part.strip() for part in text[1:-1].split(',')):
        if item.startswith('$'):
            continue
        if item == '/':
            for parameter in parameters:
                parameter[1] = 'positional'
        elif item == '*':
            kind = 'keyword'
        else:
            name, equals, _ = item.partition('=')
            parameters.append([name, kind, bool(equals)])
    return [tuple(parameter) for parameter in parameters]


# --- Data ------------------------------------------------------------------

class Generator:
    """Seeded random data for each function; the C module (`c`) encodes the
    valid inputs that are then damaged."""

    def __init__(self, rng, c):
        self.rng = rng
        self.c = c

    def length(self):
        r = self.rng.random()
        if r < 0.35:
            return self.rng.randrange(0, 8)
        if r < 0.8:
            return self.rng.randrange(8, 160)
        if r < 0.96:
            return self.rng.randrange(160, 1200)
        # Beyond 5 KiB the C crc32 releases the GIL.
        return self.rng.randrange(5000, 7000)

    def binary(self, length=None):
        if length is None:
            length = self.length()
        r = self.rng.random()
        if r < 0.6:
            return self.rng.randbytes(length)
        if r < 0.8:
            return bytes(self.rng.choice(b'\x00\xff\x01\x80') for _ in range(length))
        return self.text(length)

    def text(self, length=None):
        """Bytes rich in what quoted-printable treats specially."""
        if length is None:
            length = self.length()
        pieces = [b'a', b'Z', b'0', b' ', b'\t', b'\n', b'\r\n', b'\r', b'.', b'=', b'_', b'\x00', b'\x7f',
                  b'\xe9', b'\xff', b'\x01', b'abcdefghij', b'.\n', b' \n', b'\t\r\n', b'x' * 70, b'y' * 75]
        weights = [20, 5, 5, 8, 3, 4, 2, 1, 2, 2, 2, 1, 1, 1, 1, 1, 6, 1, 1, 1, 1, 1]
        out = bytearray()
        while len(out) < length:
            out += self.rng.choices(pieces, weights)[0]
        return bytes(out[:length])

    def insert(self, data, what):
        at = self.rng.randrange(len(data) + 1)
        return data[:at] + what + data[at:]

    def damage(self, data, extras):
        """Apply a few random damages; extras: function-specific ones."""
        for _ in range(self.rng.choice((0, 1, 1, 1, 2, 3))):
            r = self.rng.randrange(7 + len(extras))
            if r >= 7:
                data = extras[r - 7](data)
            elif r == 0:
                at = self.rng.randrange(len(data) + 1)
                data = data[:at] + data[at + 1:]
            elif r == 1:
                data = data[:self.rng.randrange(len(data) + 1)]
            elif r == 2:
                at = self.rng.randrange(len(data) + 1)
                data = data[:at] + bytes([self.rng.randrange(256)]) + data[at + 1:]
            elif r == 3:
                data = self.insert(data, bytes([self.rng.randrange(256)]))
            elif r == 4:
                data = self.insert(data, self.rng.choice((b' ', b'\n', b'\r\n', b'\t', b'\x00', b'\x80',
                                                          b'\xff')))
            elif r == 5:
                step = self.rng.choice((76, 76, 64, 4, 1))
                eol = self.rng.choice((b'\n', b'\r\n', b' '))
                data = eol.join(data[i:i + step] for i in range(0, len(data), step))
            else:
                data = data + data
        return data

    # One per a2b function: valid input, then damaged.

    def base64(self):
        rng = self.rng
        data = self.c.b2a_base64(self.binary(), newline=rng.random() < 0.5)
        extras = [
            lambda d: d + b'=' * rng.randrange(1, 4),
            lambda d: d.rstrip(b'=\n'),
            lambda d: self.insert(d, b'=' * rng.randrange(1, 3)),
            lambda d: b'=' + d,
            lambda d: d + rng.choice((b'abcd', b'a', b'ab==', b'\n', b'==')),
            lambda d: self.insert(d, bytes([rng.choice(b'!*-_.~@#$%^&()[]{}<>?,;:"\'`|\\')])),
            lambda d: d.replace(b'+', b'-').replace(b'/', b'_'),
            lambda d: bytes([rng.choice(BASE64_ALPHABET + b'=')]) * rng.randrange(1, 9),
        ]
        return self.damage(data, extras)

    def hex(self):
        rng = self.rng
        data = self.c.hexlify(self.binary())
        extras = [
            lambda d: d.upper(),
            lambda d: bytes(c ^ 0x20 if rng.random() < 0.5 and 0x61 <= c <= 0x66 else c for c in d),
            lambda d: self.insert(d, bytes([rng.choice(b'gG: -xX\x00\x80/@`')])),
            lambda d: d[:-1],
            lambda d: bytes(rng.choice(b'0123456789abcdefABCDEF') for _ in range(rng.randrange(0, 9))),
        ]
        return self.damage(data, extras)

    def qp(self):
        rng = self.rng
        data = self.c.b2a_qp(self.text(), quotetabs=rng.random() < 0.3, istext=rng.random() < 0.7,
                             header=rng.random() < 0.3)
        extras = [
            lambda d: self.insert(d, rng.choice((b'=', b'=\n', b'=\r\n', b'=\r', b'==', b'=3d', b'=3D',
                                                 b'=g1', b'=1', b'=A', b'=\r\r\n', b'_', b'=_', b'= \n'))),
            lambda d: d + rng.choice((b'=', b'=4', b'=\r', b'=\n', b'=x')),
            lambda d: bytes(rng.choice(b'=_ \t\r\nAaFf09gz.\x00\xff') for _ in range(rng.randrange(0, 20))),
        ]
        return self.damage(data, extras)

    def uu(self):
        rng = self.rng
        data = self.c.b2a_uu(self.binary(rng.randrange(0, 46)), backtick=rng.random() < 0.5)
        extras = [
            lambda d: bytes([rng.randrange(256) if rng.random() < 0.3 else rng.randrange(32, 97)]) + d[1:],
            lambda d: d + rng.choice((b' ', b'`', b'\n', b'\r', b'x', b'  \r\n', b'``')),
            lambda d: d.replace(b'`', b' '),
            lambda d: d.rstrip(b'\n'),
            lambda d: self.insert(d, bytes([rng.choice(b'a\x7f\x00\x1f~{')])),
        ]
        return self.damage(data, extras)


# --- Calls -----------------------------------------------------------------

class Case:
    """A call: function name, positional Values, keyword (name, Value)s."""

    __slots__ = ('function', 'args', 'kwargs')

    def __init__(self, function, args, kwargs=()):
        self.function = function
        self.args = tuple(args)
        self.kwargs = tuple(kwargs)

    def __repr__(self):
        parts = [repr(value) for value in self.args]
        parts += [f'{name}={value!r}' for name, value in self.kwargs]
        return f'binascii.{self.function}({", ".join(parts)})'

    def values(self):
        return [*self.args, *(value for _, value in self.kwargs)]

    def replace(self, old, new):
        return Case(self.function, [new if value is old else value for value in self.args],
                    [(name, new if value is old else value) for name, value in self.kwargs])


def type_name(cls, module):
    """A class's name; the module's own exception classes by their role, so
    that the C and Rust classes, which are different objects, compare equal."""
    for role in ('Error', 'Incomplete'):
        if cls is getattr(module, role, None):
            return f'binascii.{role} (of the called module)'
    if cls.__module__ == 'binascii':
        return f'binascii.{cls.__qualname__} NOT of the called module ({id(cls):#x})'
    return f'{cls.__module__}.{cls.__qualname__}'


def describe_exception(exc, module, depth=0):
    if exc is None:
        return None
    described = (type_name(type(exc), module), repr(exc.args))
    if depth < 3:
        described += (describe_exception(exc.__cause__, module, depth + 1),
                      describe_exception(exc.__context__, module, depth + 1),
                      exc.__suppress_context__)
    return described


def after_call(obj):
    """What an argument looks like after the call: its contents, and whether
    the called module still holds an export of its buffer."""
    if isinstance(obj, memoryview):
        contents = obj.tobytes()
        try:
            obj.release()
        except BufferError as exc:
            return contents, f'export held: {exc}'
        return contents, 'released'
    if isinstance(obj, (bytearray, array.array)):
        contents = bytes(obj)
        try:
            obj.append(0)
        except BufferError as exc:
            return contents, f'export held: {exc}'
        obj.pop()
        return contents, 'resizable'
    return None


def outcome(module, case):
    """Everything observable about one call of case on module."""
    args = [value.make() for value in case.args]
    kwargs = {name: value.make() for name, value in case.kwargs}
    function = getattr(module, case.function)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        # Called while an exception is being handled, which every exception
        # the call raises takes as its __context__, as C raises them.
        try:
            raise Handled
        except Handled:
            try:
                result = function(*args, **kwargs)
            except Exception as exc:
                returned = ('raised', describe_exception(exc, module))
            else:
                returned = ('returned', type_name(type(result), module), result)
    emitted = tuple((type_name(w.category, module), str(w.message), w.filename, w.lineno) for w in caught)
    afterwards = tuple(after_call(obj) for obj in [*args, *kwargs.values()])
    return returned, emitted, afterwards


class Mismatch:
    def __init__(self, case, expected, got):
        self.case = case
        self.expected = expected
        self.got = got

    def kind(self):
        """What differs, to show one example of each kind: for each side,
        the result type or the exception type and message, and whether it
        warned or kept an export."""
        return kind_of(self.case, self.expected, self.got)


def kind_of(case, expected, got):
    def what(outcome):
        returned = outcome[0]
        return returned[:2] if returned[0] == 'returned' else returned[1][:2]
    return (case.function, what(expected), what(got), 'warnings differ' if expected[1] != got[1] else '',
            'arguments differ afterwards' if expected[2] != got[2] else '')


# Differences kept for the report; the rest are only counted.
KEPT_DIFFERENCES = 500


def run(cases, c, other):
    """(number of cases, the first KEPT_DIFFERENCES of those whose outcomes
    differ between c and other, how many differ). cases may be any
    iterable: a long run streams them."""
    count = differing = 0
    kept = []
    for case in cases:
        count += 1
        expected, got = outcome(c, case), outcome(other, case)
        if expected != got:
            differing += 1
            if len(kept) < KEPT_DIFFERENCES:
                kept.append(Mismatch(case, expected, got))
    return count, kept, differing


def same_kind(kind, c, other):
    """Whether a case still differs between c and other in the way kind says."""
    def predicate(case):
        try:
            expected, got = outcome(c, case), outcome(other, case)
        except Exception:
            # A shrunk payload that one of the kinds cannot take.
            return False
        return expected != got and kind_of(case, expected, got) == kind
    return predicate


def shrink(case, still_differs, budget=SHRINK_BUDGET):
    """A smaller case for which still_differs holds: without the keyword
    arguments it does not need, with plain bytes or str for buffers, and
    with payloads cut by halves, quarters, ..., single characters."""
    for name, value in case.kwargs:
        trial = Case(case.function, case.args, [item for item in case.kwargs if item[0] != name])
        if still_differs(trial):
            case = trial
    for value in case.values():
        if value.kind != 'object' and isinstance(value.payload, (bytes, str)):
            trial = case.replace(value, plain(value.payload))
            if still_differs(trial):
                case = trial
    for value in case.values():
        if not value.shrinkable():
            continue
        current = value
        chunk = max(1, len(current.payload) // 2)
        while chunk >= 1 and budget > 0:
            cut = False
            at = 0
            while at < len(current.payload) and budget > 0:
                budget -= 1
                candidate = current.with_payload(current.payload[:at] + current.payload[at + chunk:])
                trial = case.replace(current, candidate)
                if still_differs(trial):
                    case, current, cut = trial, candidate, True
                else:
                    at += chunk
            if not cut:
                chunk //= 2
    return case


def report(mismatches, c, other, total, differing, other_name='other', shown=SHOWN_DIFFERENCES):
    """A failure message: one shrunk example of each kind of difference."""
    lines = [f'{differing} of {total} calls differ; one example of each kind, shrunk:']
    seen = set()
    per_function = {}
    hidden = 0
    for mismatch in mismatches:
        kind = mismatch.kind()
        if kind in seen:
            continue
        seen.add(kind)
        function = mismatch.case.function
        per_function[function] = per_function.get(function, 0) + 1
        if len(seen) - hidden > shown or per_function[function] > SHOWN_PER_FUNCTION:
            hidden += 1
            continue
        case = shrink(mismatch.case, same_kind(kind, c, other))
        lines.append(f'  {case!r}')
        lines.append(f'      {"C":{len(other_name)}}: {outcome(c, case)!r}')
        lines.append(f'      {other_name}: {outcome(other, case)!r}')
    if hidden:
        lines.append(f'  ... and {hidden} more kinds of difference')
    return '\n'.join(lines)


# --- The cases ---------------------------------------------------------------

def call_forms(function, parameters, values, rng=None):
    """Cases calling function with values[name] for each parameter named in
    values, each passed in every way its kind allows (or in one of them,
    chosen with rng)."""
    forms = [([], [], False)]  # positional, keywords, whether keywords began
    for name, kind, optional in parameters:
        if name not in values:
            if not optional:
                return []
            # Left out: the parameters after it can only be keywords.
            forms = [(args, kwargs, True) for args, kwargs, _ in forms]
            continue
        grown = []
        for args, kwargs, keywords_began in forms:
            ways = []
            if kind != 'keyword' and not keywords_began:
                ways.append('positional')
            if kind != 'positional':
                ways.append('keyword')
            if rng is not None and ways:
                ways = [rng.choice(ways)]
            for way in ways:
                if way == 'positional':
                    grown.append((args + [values[name]], kwargs, False))
                else:
                    grown.append((args, kwargs + [(name, values[name])], True))
        forms = grown
    return [Case(function, args, kwargs) for args, kwargs, _ in forms]


def data_values(function, payloads):
    """The data argument of function in every kind, for each payload."""
    values = []
    for payload in payloads:
        values.append(plain(payload))
        values.extend(Value(kind, payload) for kind in BUFFER_KINDS)
        text = payload.decode('latin-1')
        values.append(plain(text))
        values.append(Value('StrSub', text))
    return values


def edge_cases(signatures):
    """A fixed set: every kind of data, every flag value, every integer edge,
    every separator, every misplaced argument, for each function."""
    cases = []
    payloads = [b'', b'a', b'ab', b'abc', b'abcd', b'\xb9\x01\xef', b'YWJj', b'YWJj\n', b'YW==', b'6162',
                b'=3D', b'a=\n', b'#86)C\n', b'\xff\x00' * 3]
    for name, parameters in signatures.items():
        first = parameters[0][0]
        for value in data_values(name, payloads) + [plain(obj) for obj in WRONG_TYPES]:
            values = {first: value}
            if name == 'crc_hqx':
                values['crc'] = plain(0)
            cases.extend(call_forms(name, parameters, values))
        for pname, _, _ in parameters[1:]:
            pool = (FLAG_POOL if pname in FLAGS else CRC_POOL if pname == 'crc'
                    else BYTES_PER_SEP_POOL if pname == 'bytes_per_sep' else SEP_POOL)
            for obj in pool:
                values = {first: plain(b'\x01\x02\x03' if name not in ASCII_FUNCTIONS else b'AQID')}
                if name == 'crc_hqx' and pname != 'crc':
                    values['crc'] = plain(0)
                if pname == 'bytes_per_sep':
                    values['sep'] = plain(':')
                values[pname] = plain(obj)
                cases.extend(call_forms(name, parameters, values))
        cases.extend(misplaced(name, parameters))
    # Every separator with every bytes_per_sep for b2a_hex, with some for
    # hexlify (the same code in C).
    some = [0, 1, 2, 3, -1, -2, -3, 5, 2**31, -2**31, sys.maxsize]
    for function, pool in (('b2a_hex', BYTES_PER_SEP_POOL), ('hexlify', some)):
        for data in (b'', b'\x01', b'\xb9\x01\xef', bytes(range(1, 9)), bytes(range(200, 216))):
            for sep in SEP_POOL:
                for bytes_per_sep in pool:
                    cases.append(Case(function, [plain(data), plain(sep), plain(bytes_per_sep)]))
    for first in range(256):
        for rest in (b'', b'!', b'!"#$', b'````', b'a', b'\n', b'  \r\n', b'ABCD' * 12, b'\x7f', b'!!\n!'):
            cases.append(Case('a2b_uu', [plain(bytes([first]) + rest)]))
    for length in range(0, 48):
        data = bytes(range(length))
        for backtick in (False, True):
            cases.append(Case('b2a_uu', [plain(data)], [('backtick', plain(backtick))]))
    base64_edges = [b'', b'=', b'==', b'===', b'a', b'a=', b'a==', b'ab', b'ab=', b'ab==', b'ab===', b'abc',
                    b'abc=', b'abc==', b'abcd', b'abcd=', b'abcd==', b'ab=c', b'ab==cd', b'abc=d', b'a=b=',
                    b'=ab', b'==ab', b'ab\ncd', b'ab\n==', b'ab=\n=', b'abcde', b'abcdef', b'abcdefg',
                    b'a\x00b\x80c\xffd', b'YWJj\nZGVm\n', b'YQ==YQ==', b'YQ=\x00=', b'Y Q = =', b'-_-_',
                    b'!!!!']
    for data in base64_edges:
        for strict in (False, True):
            cases.append(Case('a2b_base64', [plain(data)], [('strict_mode', plain(strict))]))
    for data in (b'', b'a', b'ab', b'abc', bytes(range(256)), b'\xff' * 57, b'\x00' * 58):
        for newline in (False, True):
            cases.append(Case('b2a_base64', [plain(data)], [('newline', plain(newline))]))
    qp_edges = [b'', b'=', b'==', b'=\n', b'=\r\n', b'=\r', b'=\rx\n', b'=4', b'=41', b'=4g', b'=g4',
                b'=3d=3D', b'a_b', b'_', b'==41', b'=\n=\n', b'a=\r\r\nb', b'\x00=00', b'=FF=ff=fF', b'= \n']
    for data in qp_edges:
        for header in (False, True):
            cases.append(Case('a2b_qp', [plain(data)], [('header', plain(header))]))
    qp_texts = [b'', b'.', b'.\n', b'a.\n.', b' ', b'\t', b'a \n', b'a\t\r\nb', b'\r\n', b'\n\r', b'_ _',
                b'x' * 75, b'x' * 76, b'x' * 77, b'x' * 74 + b'=', b'x' * 73 + b'\xff', b'x' * 75 + b'\n',
                b'x' * 76 + b'\r\n' + b'y' * 80, b'a\r\nb\nc\rd', b'a\nb\r\nc', b'.\x00', b'\x00', b'=\n',
                bytes(range(256))]
    for data in qp_texts:
        for quotetabs in (False, True):
            for istext in (False, True):
                for header in (False, True):
                    cases.append(Case('b2a_qp', [plain(data)], [('quotetabs', plain(quotetabs)),
                                                               ('istext', plain(istext)),
                                                               ('header', plain(header))]))
    for function in ('a2b_hex', 'unhexlify'):
        for data in (b'', b'0', b'00', b'0g', b'g0', b'Ab', b'aB', b'ff' * 9, b'f f ', b'\x80\x80', b'0x00'):
            cases.append(Case(function, [plain(data)]))
            cases.append(Case(function, [plain(data.decode('latin-1'))]))
    for text in ('\xe9', 'ab\xe9', '\u20ac\u20ac', '\U0001f600', '\udc80\udc80', 'YQ==\udc80', 'a\x00'):
        for function in sorted(ASCII_FUNCTIONS):
            cases.append(Case(function, [plain(text)]))
    return cases


def misplaced(name, parameters):
    """Calls with arguments missing, in excess, unknown, doubled, or passed
    in a way their kind does not allow."""
    data = plain(b'AQID')
    first = parameters[0][0]
    sample = {pname: plain(0 if pname in ('crc', 'bytes_per_sep') else ':' if pname == 'sep' else True)
              for pname, _, _ in parameters[1:]}
    cases = [Case(name, []), Case(name, [], [('spam', data)]), Case(name, [data], [('spam', data)]),
             Case(name, [data] * (len(parameters) + 1)), Case(name, [], [(first, data)])]
    for pname, kind, _ in parameters[1:]:
        cases.append(Case(name, [data], [(pname, sample[pname]), ('spam', data)]))
        if kind == 'keyword':
            cases.append(Case(name, [data, sample[pname]]))
        if kind == 'positional':
            cases.append(Case(name, [data], [(pname, sample[pname])]))
        # Given positionally and by keyword.
        others = [sample[p] for p, k, _ in parameters[1:] if k != 'keyword']
        cases.append(Case(name, [data, *others], [(pname, sample[pname])]))
        cases.append(Case(name, [data], [(pname, sample[pname]), (first, data)]))
    return cases


def random_cases(c, signatures, count, seed):
    """count seeded random calls, spread over the functions (an iterator)."""
    rng = random.Random(seed)
    gen = Generator(rng, c)
    names = sorted(signatures)
    makers = {'a2b_base64': gen.base64, 'a2b_hex': gen.hex, 'unhexlify': gen.hex, 'a2b_qp': gen.qp,
              'a2b_uu': gen.uu, 'b2a_qp': gen.text,
              'b2a_uu': lambda: gen.binary(rng.randrange(0, 47) if rng.random() < 0.8 else None)}
    for _ in range(count):
        name = rng.choice(names)
        parameters = signatures[name]
        payload = makers.get(name, gen.binary)()
        r = rng.random()
        if r < 0.55:
            data = plain(payload)
        elif r < 0.65 and name in ASCII_FUNCTIONS:
            text = payload.decode('latin-1')
            if rng.random() < 0.3:
                text = gen.insert(text, rng.choice(('\udc80', '\u20ac', '\U0001f600', '\xe9')))
            data = plain(text) if rng.random() < 0.8 else Value('StrSub', text)
        elif r < 0.97:
            data = Value(rng.choice(BUFFER_KINDS), payload)
        else:
            data = plain(rng.choice(WRONG_TYPES + ['abc', 'YWJj']))
        values = {parameters[0][0]: data}
        for pname, _, optional in parameters[1:]:
            if optional and rng.random() < 0.4:
                continue
            if pname in FLAGS:
                obj = rng.choice((True, False)) if rng.random() < 0.85 else rng.choice(FLAG_POOL)
            elif pname == 'crc':
                obj = (rng.getrandbits(rng.choice((16, 32, 33, 64, 70))) * rng.choice((1, 1, -1))
                       if rng.random() < 0.7 else rng.choice(CRC_POOL))
            elif pname == 'sep':
                obj = rng.choice((':', b':', ' ', b'-', '_')) if rng.random() < 0.8 else rng.choice(SEP_POOL)
            else:
                obj = (rng.choice((1, 2, 3, 4, -1, -2, -3, -5, 0, 8, 100))
                       if rng.random() < 0.8 else rng.choice(BYTES_PER_SEP_POOL))
            values[pname] = plain(obj)
        if rng.random() < 0.03:
            yield rng.choice(misplaced(name, parameters))
        else:
            yield from call_forms(name, parameters, values, rng)


# --- The tests ---------------------------------------------------------------

def public(module):
    return sorted(name for name in dir(module) if not name.startswith('_'))


def functions(module):
    return [name for name in public(module) if not isinstance(getattr(module, name), type)]


class Differential:
    """The tests, for self.c (the interpreter's C module) against self.other."""

    c = other = None
    load_warnings = ()
    other_name = 'other'

    def assertSameAttribute(self, what, expected, got):
        self.assertEqual(got, expected, f'{what}: C has {expected!r}, {self.other_name} has {got!r}')

    def test_names(self):
        self.assertSameAttribute('public names', public(self.c), public(self.other))
        # __file__: a built-in C module has none.
        dunder = lambda module: sorted(set(dir(module)) - set(public(module)) - {'__file__'})
        self.assertSameAttribute('other names', dunder(self.c), dunder(self.other))

    def test_module_attributes(self):
        for attribute in ('__name__', '__doc__', '__package__'):
            with self.subTest(attribute=attribute):
                self.assertSameAttribute(f'module {attribute}', getattr(self.c, attribute),
                                         getattr(self.other, attribute))

    def test_functions(self):
        for name in functions(self.c):
            expected, got = getattr(self.c, name), getattr(self.other, name, None)
            self.assertIsNotNone(got, f'{self.other_name} has no {name}')
            for attribute in ('__name__', '__qualname__', '__module__', '__doc__', '__text_signature__'):
                with self.subTest(function=name, attribute=attribute):
                    self.assertSameAttribute(f'{name}.{attribute}', getattr(expected, attribute),
                                             getattr(got, attribute))
            with self.subTest(function=name, attribute='type'):
                self.assertSameAttribute(f'type({name})', type(expected), type(got))
                self.assertIs(got.__self__, self.other, f'{name}.__self__ is not its module')

    def test_exception_classes(self):
        for name in ('Error', 'Incomplete'):
            expected, got = getattr(self.c, name), getattr(self.other, name)
            self.assertIsNot(expected, got)
            for attribute in ('__name__', '__qualname__', '__module__', '__doc__'):
                with self.subTest(cls=name, attribute=attribute):
                    self.assertSameAttribute(f'{name}.{attribute}', getattr(expected, attribute),
                                             getattr(got, attribute))
            with self.subTest(cls=name, attribute='__bases__, __mro__'):
                for attribute in ('__bases__', '__mro__'):
                    self.assertSameAttribute(f'{name}.{attribute}',
                                             [type_name(cls, self.c) for cls in getattr(expected, attribute)],
                                             [type_name(cls, self.other) for cls in getattr(got, attribute)])
            with self.subTest(cls=name, attribute='__dict__, metaclass, flags'):
                self.assertSameAttribute(f'{name}.__dict__ keys', sorted(vars(expected)), sorted(vars(got)))
                self.assertSameAttribute(f'type({name})', type(expected), type(got))
                self.assertSameAttribute(f'{name}.__flags__', expected.__flags__, got.__flags__)

    def test_loading_warns_nothing(self):
        # On a free-threaded build, a module that does not declare
        # Py_mod_gil enables the GIL with a RuntimeWarning.
        self.assertSameAttribute('warnings on loading', [], [f'{w.category.__name__}: {w.message}'
                                                             for w in self.load_warnings])

    def test_instances_independent(self):
        # Each load is a module of its own, with its own Error (multi-phase
        # initialization, per-module state).
        self.assertIsNot(self.load().Error, self.other.Error)

    def check(self, cases, label):
        started = time.perf_counter()
        count, mismatches, differing = run(cases, self.c, self.other)
        elapsed = time.perf_counter() - started
        print(f'\n  {label}: {count} calls, {differing} differ, {elapsed:.2f}s', end=' ', flush=True)
        if mismatches:
            self.fail(report(mismatches, self.c, self.other, count, differing, self.other_name))

    def test_edge_cases(self):
        self.check(edge_cases(SIGNATURES), 'edge cases')

    # The share of the random cases this pair runs.
    random_share = 1

    def test_random_cases(self):
        count = max(1, int(RANDOM_CASES * self.random_share))
        self.check(random_cases(self.c, SIGNATURES, count, SEED), f'random cases (seed {SEED})')


FUNCTIONS = None
SIGNATURES = None


def setUpModule():
    global C, FUNCTIONS, SIGNATURES
    C = binascii_modules.load_c()
    FUNCTIONS = functions(C)
    SIGNATURES = {name: signature(getattr(C, name)) for name in FUNCTIONS}


class RustAgainstC(Differential, unittest.TestCase):
    other_name = 'Rust'

    @classmethod
    def setUpClass(cls):
        cls.c = C
        cls.other, cls.load_warnings = load_rust()
        print(f'\n  C: {getattr(C, "__file__", "built in")}\n  Rust: {cls.other.__file__}', end=' ',
              flush=True)

    @staticmethod
    def load():
        return binascii_modules.load_rust()


class CAgainstC(Differential, unittest.TestCase):
    """The harness checked on the C module against a second instance of
    itself: no difference may show."""

    other_name = 'a second C instance'
    # A check of the harness: a fifth of the random cases is enough.
    random_share = 0.2

    @classmethod
    def setUpClass(cls):
        cls.c = C
        cls.other, cls.load_warnings = load_fresh_c()

    @staticmethod
    def load():
        return binascii_modules.load_c(fresh=True)


class HarnessFindsDifferences(unittest.TestCase):
    """The harness must see a difference that is there."""

    def tampered(self, **replacements):
        other = types.SimpleNamespace(**{name: getattr(C, name) for name in public(C)})
        for name, replacement in replacements.items():
            setattr(other, name, replacement)
        return other

    def test_result_difference(self):
        original = C.b2a_hex

        def b2a_hex(data, *args, **kwargs):
            result = original(data, *args, **kwargs)
            return result.upper() if b'\xb9' in bytes(memoryview(data)) else result

        other = self.tampered(b2a_hex=b2a_hex)
        _, mismatches, _ = run(edge_cases(SIGNATURES), C, other)
        self.assertTrue(mismatches)
        self.assertEqual({m.case.function for m in mismatches}, {'b2a_hex'})
        # The reproducer is shrunk to the one byte that matters.
        mismatch = next(m for m in mismatches if m.case.args and m.case.args[0].kind == 'object')
        shrunk = shrink(mismatch.case, same_kind(mismatch.kind(), C, other))
        self.assertEqual(shrunk.args[0].payload, b'\xb9')

    def test_exception_difference(self):
        original = C.a2b_base64
        fresh, _ = load_fresh_c()

        def a2b_base64(*args, **kwargs):
            try:
                return original(*args, **kwargs)
            except C.Error as exc:
                error = exc
            # The same message, from another module's class.
            raise fresh.Error(*error.args)

        cases = [Case('a2b_base64', [plain(b'a')]), Case('a2b_base64', [plain(b'YQ==')])]
        self.assertEqual([m.case for m in run(cases, C, self.tampered(a2b_base64=a2b_base64))[1]], [cases[0]])
        # Where the module's Error is that class, the outcomes are equal.
        self.assertEqual(run(cases, C, self.tampered(a2b_base64=a2b_base64, Error=fresh.Error))[1], [])

    def test_export_held(self):
        kept = []

        def crc32(data, *args):
            kept.append(memoryview(data))
            return C.crc32(data, *args)

        other = self.tampered(crc32=crc32)
        cases = [Case('crc32', [Value('bytearray', b'abc')]), Case('crc32', [plain(b'abc')])]
        self.assertEqual([m.case for m in run(cases, C, other)[1]], [cases[0]])


if __name__ == '__main__':
    unittest.main()
