"""Differential test of keyword names that are `str` subclasses, in the Rust
_testclinic and binascii against the interpreter's own C modules, both
loaded in this process.

C matches a call's keyword names to parameters without running Python code
(by pointer, then by value), but in other places it compares them with `==`
or looks them up in a dict, where a subclass's `__eq__`, `__hash__` and
`__str__` run: when it explains an unexpected keyword
(`PySequence_Contains` on the parameter names), when a `/ [from X.Y]`
deprecation without inline code asks whether a keyword came, when
`__new__`/`__init__` look names up in their dict, and when the interpreter
builds or merges keyword dicts before the call. Every function of both
modules is called with such names: matching, unexpected, duplicated (which
only a vectorcall's kwnames can hold), given by position too, and missing
required ones, both as `f(*args, **kwargs)` and as a vectorcall. The
outcomes must be equal: result, exception type and message, warnings, and
the calls each `__eq__`, `__hash__` and `__str__` received, in order.
"""

import collections
import inspect
import sys
import unittest
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'Tools' / 'rust'))
import binascii_modules  # noqa: E402
import test_rust_testclinic as clinic  # noqa: E402

try:
    import _testcapi
except ImportError:
    _testcapi = None
# Calls through vectorcall can name a keyword twice, which no dict can.
VECTORCALL = _testcapi is not None and hasattr(_testcapi, 'pyobject_vectorcall')

# What the special methods of the names below were asked, in order.
LOG = []
# Set while a call runs, for names whose __hash__ raises only then: a dict
# holding them can be built before.
ARMED = False


class Boom(Exception):
    pass


class Falsy:
    """What an __eq__ returns whose truth cannot be told."""

    def __bool__(self):
        raise Boom('__bool__')


class Name(str):
    """A keyword name whose special methods, named by subclasses, log their
    calls; `answer` gives __eq__'s result (an exception class is raised)."""

    answer = None

    def __repr__(self):
        return f'{type(self).__name__}({str.__repr__(self)})'

    def _eq(self, other):
        LOG.append(('__eq__', repr(self), repr(other)))
        answer = type(self).answer
        if isinstance(answer, type) and issubclass(answer, BaseException):
            raise answer(f'__eq__ of {self!r}')
        return answer() if answer is Falsy else answer

    def _hash(self):
        LOG.append(('__hash__', repr(self)))
        return str.__hash__(self)


class Answering(Name):
    """A name whose __eq__ gives `answer` (and logs), hashed as a str."""

    __eq__ = Name._eq
    __hash__ = Name._hash


class EqTrue(Answering):
    answer = True


class EqFalse(Answering):
    answer = False


class EqNotImplemented(Answering):
    answer = NotImplemented


class EqRaises(Answering):
    answer = Boom


class EqUntruthy(Answering):
    answer = Falsy


class HashZero(Name):
    """Equal by value, but lost to a lookup by the name's own hash."""

    def __hash__(self):
        LOG.append(('__hash__', repr(self)))
        return 0


class HashRaises(Name):
    def __hash__(self):
        LOG.append(('__hash__', repr(self)))
        if ARMED:
            raise Boom(f'__hash__ of {self!r}')
        return str.__hash__(self)


class StrOther(Name):
    def __str__(self):
        LOG.append(('__str__', repr(self)))
        return 'other'


class StrRaises(Name):
    def __str__(self):
        LOG.append(('__str__', repr(self)))
        raise Boom(f'__str__ of {self!r}')


class Plain(Name):
    pass


NAME_TYPES = [EqTrue, EqFalse, EqNotImplemented, EqRaises, EqUntruthy, HashZero, HashRaises, StrOther,
              StrRaises, Plain]

UNKNOWN = clinic.Marker('unknown')
AGAIN = clinic.Marker('again')
REFUSED = clinic.Marker('refused')


def setUpModule():
    global RUST_CLINIC, C_CLINIC, RUST_BINASCII, C_BINASCII
    RUST_CLINIC = clinic.rust_module()
    C_CLINIC = clinic.c_module()
    path = binascii_modules.rust_path()
    if not path.is_file():
        raise unittest.SkipTest(f'Rust binascii not built: {path}')
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        RUST_BINASCII = binascii_modules.load_rust()
        C_BINASCII = binascii_modules.load_c(fresh=True)


class Call:
    """f(*args, **dict(keywords)) when how is 'call', or a vectorcall with
    the values of keywords after args and their names as kwnames."""

    def __init__(self, target, args, keywords, how):
        self.target = target
        self.args = list(args)
        self.keywords = list(keywords)
        self.how = how

    def __str__(self):
        words = [repr(a) for a in self.args] + [f'{k!r}: {v!r}' for k, v in self.keywords]
        return f'{self.target.label} {self.how} ({", ".join(words)})'

    # What clinic.c_cannot_take asks.
    def nargs(self):
        return len(self.args)

    def has_keywords(self):
        return bool(self.keywords)

    def run(self, module):
        global ARMED
        func = self.target.find(module)
        args = [clinic.resolve(a, module) for a in self.args]
        values = [clinic.resolve(v, module) for _, v in self.keywords]
        passed = args + values
        names = tuple(name for name, _ in self.keywords)
        kwargs = dict(zip(names, values)) if self.how == 'call' else None
        LOG.clear()
        ARMED = True
        try:
            if self.how == 'call':
                return passed, func(*args, **kwargs)
            return passed, _testcapi.pyobject_vectorcall(func, tuple(passed), names)
        finally:
            ARMED = False


def outcome(call, module, action):
    """test_rust_testclinic's outcome, and what the names were asked."""
    return (*clinic.outcome(call, module, action), list(LOG))


def calls(target):
    """The canonical valid call, the shortest one and calls around them,
    with each keyword name in turn (or all) made of each subclass."""
    params = target.params
    good = target.good()
    full_args = good[:target.positional]
    full_keywords = [(p.name, good[i]) for i, p in enumerate(params) if i >= target.positional]
    minimal_args = good[:target.required_positional]
    minimal_keywords = [(p.name, good[i]) for i, p in enumerate(params)
                        if i >= target.positional and p.default is p.empty]
    # As many parameters as possible by keyword.
    first_keyword = next((i for i, p in enumerate(params) if p.kind != p.POSITIONAL_ONLY), len(params))
    by_name_args = good[:first_keyword]
    by_name_keywords = [(p.name, good[i]) for i, p in enumerate(params) if i >= first_keyword]
    shapes = []
    for args, keywords in ((full_args, full_keywords), (by_name_args, by_name_keywords),
                           (minimal_args, minimal_keywords)):
        shapes.append((args, keywords, None))
        for i in range(len(keywords)):
            shapes.append((args, keywords, i))
            # A required keyword misspelt: missing, and one left over.
            name, value = keywords[i]
            shapes.append((args, keywords[:i] + [(name + 'x', value)] + keywords[i + 1:], i))
        for unknown in ('zzz', *{p.name[:-1] for p in params if len(p.name) > 1}):
            shapes.append((args, keywords + [(unknown, UNKNOWN)], len(keywords)))
            shapes.append((args, [(unknown, UNKNOWN)] + keywords, 0))
        shapes.append((args, keywords + [('zzz', UNKNOWN), ('yyy', UNKNOWN)], 'all'))
    # A value that most converters refuse, for the order of conversion
    # errors and deprecation warnings.
    for i in range(len(by_name_keywords)):
        name, _ = by_name_keywords[i]
        shapes.append((by_name_args, by_name_keywords[:i] + [(name, REFUSED)] + by_name_keywords[i + 1:], None))
        shapes.append((by_name_args, by_name_keywords[:i] + [(name, REFUSED)] + by_name_keywords[i + 1:], i))
    # Given by position and by name.
    for i, p in enumerate(params[:target.positional]):
        if p.kind != p.POSITIONAL_ONLY:
            shapes.append((full_args, full_keywords + [(p.name, AGAIN)], len(full_keywords)))
    # Named after a positional-only parameter.
    for p in params:
        if p.kind == p.POSITIONAL_ONLY:
            shapes.append((full_args, full_keywords + [(p.name, AGAIN)], len(full_keywords)))
    for args, keywords, which in shapes:
        for name_type in NAME_TYPES:
            if which is None:
                changed = keywords
            elif which == 'all':
                changed = [(name_type(name), value) for name, value in keywords]
            else:
                changed = [(name_type(name), value) if i == which else (name, value)
                           for i, (name, value) in enumerate(keywords)]
            yield Call(target, args, changed, 'call')
            if VECTORCALL:
                yield Call(target, args, changed, 'vectorcall')
                # The same name twice, which no dict can hold.
                for name, value in keywords[:1]:
                    yield Call(target, args, changed + [(name_type(name), AGAIN)], 'vectorcall')
                    yield Call(target, args, [(name_type(name), AGAIN)] + changed, 'vectorcall')
            if which is None:
                break


def compare(rust, c, targets, differences):
    compared = 0
    for target in targets:
        for call in calls(target):
            if clinic.c_cannot_take(call):
                continue
            compared += 1
            rust_outcome = outcome(call, rust, 'always')
            c_outcome = outcome(call, c, 'always')
            if rust_outcome != c_outcome:
                differences[target.label].append(f'{call}:\n    Rust: {rust_outcome}\n    C:    {c_outcome}')
            elif c_outcome[1]:
                rust_outcome = outcome(call, rust, 'error')
                c_outcome = outcome(call, c, 'error')
                if rust_outcome != c_outcome:
                    differences[target.label].append(
                        f'{call} (warnings as errors):\n    Rust: {rust_outcome}\n    C:    {c_outcome}')
    return compared


class BinasciiTarget:
    """A binascii function, with a valid argument for each parameter."""

    VALUES = {'data': b'6162', 'hexstr': b'6162', 'sep': b':', 'bytes_per_sep': 2, 'crc': 7}

    def __init__(self, module, name):
        self.label = name
        self.find = lambda m: getattr(m, name)
        text = getattr(module, name).__text_signature__.replace('<unrepresentable>', 'None')
        # `$module` is no parameter; a `/` right after it marks none.
        text = text.replace('$module', '').replace('(, /, ', '(').replace('(, ', '(')
        signature = clinic.parse_signature(text, vars(module))
        self.params = list(signature.parameters.values())
        self.vararg_index = None
        self.positional = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in self.params)
        self.required_positional = sum(p.default is p.empty for p in self.params[:self.positional])

    def good(self):
        return [self.VALUES.get(p.name, not p.default if isinstance(p.default, bool) else p.default)
                for p in self.params]


def binascii_targets(module):
    """The functions of module that the Rust binascii has too: which
    functions each has is test_rust_binascii's to compare."""
    return [BinasciiTarget(module, name) for name in clinic.public_names(module)
            if inspect.isbuiltin(getattr(module, name)) and hasattr(RUST_BINASCII, name)]


class KeywordNamesTest(unittest.TestCase):

    def check(self, rust, c, targets, what, minimum):
        differences = collections.defaultdict(list)
        compared = compare(rust, c, targets, differences)
        clinic.report(self, differences, f'{compared} calls to {what}')
        # A battery that shrank to nothing would compare nothing.
        self.assertGreater(compared, minimum)

    def test_testclinic(self):
        targets = [target for target in clinic.targets(C_CLINIC) if hasattr_path(target, RUST_CLINIC)]
        self.check(RUST_CLINIC, C_CLINIC, targets, '_testclinic', 5000)

    def test_binascii(self):
        self.check(RUST_BINASCII, C_BINASCII, binascii_targets(C_BINASCII), 'binascii', 500)

    @unittest.skipUnless(VECTORCALL, '_testcapi.pyobject_vectorcall is missing: vectorcalls, and calls '
                         'naming a keyword twice, are left out of the other tests')
    def test_vectorcall_shapes_are_compared(self):
        targets = binascii_targets(C_BINASCII)
        self.assertTrue(any(call.how == 'vectorcall' for target in targets for call in calls(target)))

    def test_names_reach_the_functions(self):
        # The battery is only worth something if the subclasses' methods run
        # in C at all: an unexpected keyword asks each name's __eq__.
        kwargs = {EqRaises('zzz'): 1}
        LOG.clear()
        with self.assertRaises(Boom):
            C_BINASCII.b2a_qp(b'', **kwargs)
        self.assertEqual(LOG, [('__eq__', "EqRaises('zzz')", "'data'")])


def hasattr_path(target, module):
    try:
        target.find(module)
    except AttributeError:
        return False
    return True


if __name__ == '__main__':
    unittest.main()
