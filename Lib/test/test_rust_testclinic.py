"""Differential test of the Rust _testclinic (Modules/_testclinic) against the
interpreter's own C _testclinic, both loaded in this process.

`import _testclinic` gives the Rust module, because run_tests.py puts
build/<tag>/ first on sys.path; the C module is loaded from lib-dynload by
path (Tools/rust/testclinic_modules.py).

The same calls go to both modules. They are generated from each callable's
signature (introspected from the C module, or given below where it cannot
be) and from what each parameter converts (CONVERTERS): every split of the
arguments between positions and keywords, too many and too few of them,
duplicated and misspelled keywords, and, for each converting parameter, a
pool of values of every kind (integers at every C type's limits, floats,
strings with NULs, lone surrogates and IDNA labels, read-only and writable
buffers, objects whose special methods return the wrong type or raise).
Outcomes must match exactly: results by type and value (and identity with
the arguments passed), exceptions by type and message, warnings by
category, message and location; a call that warns is run again with
warnings turned into errors.
"""

import array
import collections
import inspect
import itertools
import math
import sys
import types
import unittest
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'Tools' / 'rust'))
import testclinic_modules  # noqa: E402

try:
    import _testcapi
except ImportError:
    _testcapi = None

# Before 3.13 (gh-110864), _PyArg_UnpackKeywordsWithVararg stores keyword
# arguments into the *args slot when fewer positional arguments than the
# parameters before *args are given: the C module then leaks, passes NULL
# on, or crashes. The Rust module does what 3.13 does, which has no C
# counterpart to compare with on these versions.
VARARG_KEYWORD_BUG = sys.version_info < (3, 13)

# 3.14's bitwise unsigned_long and unsigned_long_long converters take
# objects with __index__ but do not check for its error (nor for the
# DeprecationWarning of an __index__ returning an int subclass, an error
# under the "error" filter): the C module then fails an assertion (the Rust
# module raises the error).
INDEX_ERROR_UNCHECKED = ({'unsigned_long_converter', 'unsigned_long_long_converter'}
                         if sys.version_info[:2] == (3, 14) else set())

# Differences shown in a failure message, in all and per callable; the
# rest are only counted.
SHOWN_DIFFERENCES = 40
SHOWN_PER_CALLABLE = 3

# Type flags that Python code can observe: whether a class can be
# instantiated, given new attributes, subclassed.
TYPE_FLAGS = {
    'Py_TPFLAGS_DISALLOW_INSTANTIATION': 1 << 7,
    'Py_TPFLAGS_IMMUTABLETYPE': 1 << 8,
    'Py_TPFLAGS_BASETYPE': 1 << 10,
}


def rust_module():
    """The _testclinic that a plain import finds, which must be the Rust port
    (build/<tag>/ comes first on sys.path)."""
    built = testclinic_modules.rust_path()
    if not built.is_file():
        raise unittest.SkipTest(f'Rust _testclinic not built for this interpreter (no {built})')
    # Once built, a Rust module that fails to import fails the tests.
    import _testclinic
    if Path(_testclinic.__file__).resolve() != built.resolve():
        raise unittest.SkipTest(f'import _testclinic gives {_testclinic.__file__}, not the Rust'
                                f' module: put {built.parent} first on sys.path')
    return _testclinic


def c_module():
    path = testclinic_modules.c_path()
    if not path.is_file():
        raise unittest.SkipTest(f'this interpreter has no C _testclinic at {path}')
    return testclinic_modules.load(path)


def setUpModule():
    global RUST, C
    RUST = rust_module()
    C = c_module()


# --- Values --------------------------------------------------------------

class Boom(Exception):
    """Raised by the special methods below, to follow it through both modules."""


class Marker:
    """An object without value semantics: only identity tells it apart."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f'<{self.name}>'


class Returns:
    """An object whose special method (named by the subclass) returns value,
    or raises it when value is an exception class."""

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        value = self.value.__name__ if isinstance(self.value, type) else repr(self.value)
        return f'{type(self).__name__}({value})'

    def _give(self):
        if isinstance(self.value, type) and issubclass(self.value, BaseException):
            raise self.value(f'from {type(self).__name__}')
        return self.value


class Index(Returns):
    __index__ = Returns._give


class Float(Returns):
    __float__ = Returns._give


class Complex(Returns):
    __complex__ = Returns._give


class Bool(Returns):
    __bool__ = Returns._give


class Len(Returns):
    __len__ = Returns._give


class IntSub(int):
    pass


class FloatSub(float):
    pass


class ComplexSub(complex):
    pass


class StrSub(str):
    pass


class BytesSub(bytes):
    pass


class ByteArraySub(bytearray):
    pass


def integer_limits():
    """Each C integer type's min-1, min, max and max+1, signed and unsigned,
    and beyond; and the edges of an int of one 30-bit digit, which the
    converters read from the object itself."""
    values = {0, 1, -1, 2**100, -2**100}
    for bits in (8, 16, 31, 32, 64):
        for edge in (2**(bits - 1), -2**(bits - 1), 2**bits):
            values.update((edge - 1, edge, edge + 1))
    return sorted(values)


# Tried in every parameter that converts its argument.
VALUES = [
    *integer_limits(),
    True, False, IntSub(7), IntSub(2**64),
    Index(7), Index(-1), Index(2**64), Index(IntSub(5)), Index('7'), Index(Boom),
    0.0, -0.0, 1.5, -1.5, 1e300, -1e300, 1e-320, 3.4028234663852886e38, 3.5e38,
    math.inf, -math.inf, math.nan, 2**1024,
    FloatSub(2.5), Float(2.5), Float(FloatSub(2.5)), Float(7), Float(Boom),
    1j, complex(1.5, -2), complex(math.nan, math.inf), ComplexSub(1 + 1j),
    Complex(2j), Complex(ComplexSub(1j)), Complex(1.5), Complex(Boom),
    Bool(True), Bool(False), Bool(1), Bool(Boom), Len(0), Len(3), Len(-1), Len(Boom),
    '', 'a', 'A', 'abc', 'a\0b', '\0', '\udc80', 'a\ud800b', '\xe9', '\U0001f600',
    '\xfc', 'm\xfcnchen.de', 'XN--TDA', 'a..b', 'x' * 64, '.', StrSub('abc'), StrSub('\xe9'),
    b'', b'a', b'ab', b'a\0b', b'\0', b'\xff', b'\xc3\xa9', BytesSub(b'abc'),
    bytearray(), bytearray(b'a'), bytearray(b'abc'), bytearray(b'a\0b'), bytearray(b'\xff'),
    ByteArraySub(b'abc'),
    memoryview(b'abc'), memoryview(b'a'), memoryview(bytearray(b'abc')),
    memoryview(bytearray(b'abc')).toreadonly(), memoryview(b'abcdef')[::2],
    memoryview(bytearray(b'abcdef'))[::2], array.array('b', [1, 2]), array.array('i', [1, 2]),
    None, [], [1], (), (1,), {}, Marker('object'), int,
]

# Tried in every parameter that takes any object, which should come back as is.
OBJECTS = [Marker('o'), None, 7, 2**100, 'x', b'x', 1.5, (1,)]

# Extra positional arguments; a second value for a parameter; the value of
# an unknown keyword.
EXTRAS = [Marker('extra0'), Marker('extra1'), Marker('extra2')]
AGAIN = Marker('again')
UNKNOWN = Marker('unknown')

# Per kind of parameter: distinct valid arguments, one per parameter index,
# so that an argument stored in the wrong slot shows.
GOOD = {
    'object': [Marker(f'p{i}') for i in range(16)],
    'bool': [(True, False)[i % 2] for i in range(16)],
    'char': [bytes([ord('a') + i]) for i in range(16)],
    'int': [20 + i for i in range(16)],
    'int_str': [chr(ord('A') + i) for i in range(16)],
    'float': [0.5 + i for i in range(16)],
    'complex': [complex(i, 1) for i in range(16)],
    'str': [f's{i}' for i in range(16)],
    'robuffer': [f'y{i}'.encode() for i in range(16)],
    'bytes': [f'b{i}'.encode() for i in range(16)],
    'bytearray': [bytearray(f'ba{i}', 'ascii') for i in range(16)],
    'rwbuffer': [bytearray(f'w{i}', 'ascii') for i in range(16)],
}


class Instance:
    """Stands for an instance of the named class of whichever module is called."""

    def __init__(self, class_name):
        self.class_name = class_name

    def __repr__(self):
        return f'{self.class_name}()'


# --- What the callables take ---------------------------------------------

# What each parameter (in order, *args left out) converts: one kind for all
# parameters, or one per parameter. A callable not listed takes objects.
CONVERTERS = {
    'bytes_object_converter': 'bytes',
    'byte_array_object_converter': 'bytearray',
    'unicode_converter': 'str',
    'bool_converter': 'bool',
    'bool_converter_c_default': 'bool',
    'char_converter': 'char',
    'unsigned_char_converter': 'int',
    'short_converter': 'int',
    'unsigned_short_converter': 'int',
    'int_converter': ('int', 'int', 'int_str'),
    'unsigned_int_converter': 'int',
    'long_converter': 'int',
    'unsigned_long_converter': 'int',
    'long_long_converter': 'int',
    'unsigned_long_long_converter': 'int',
    'py_ssize_t_converter': 'int',
    'slice_index_converter': 'int',
    'size_t_converter': 'int',
    'float_converter': 'float',
    'double_converter': 'float',
    'py_complex_converter': 'complex',
    'str_converter': ('str', 'robuffer', 'str'),
    'str_converter_encoding': 'str',
    'py_buffer_converter': ('str', 'rwbuffer'),
    'gh_99240_double_free': 'str',
    'vararg_with_default': ('object', 'bool'),
    'null_or_tuple_for_varargs': ('object', 'bool'),
    'clone_f1': 'str',
    'clone_f2': 'str',
    'depr_star_noinline': ('object', 'object', 'object', 'str'),
    'depr_kwd_noinline': ('object', 'object', 'object', 'str'),
    'DeprStarInitNoInline': ('object', 'object', 'object', 'str'),
    'DeprKwdInitNoInline': ('object', 'object', 'object', 'str'),
}

# Signatures that introspection cannot give.
SIGNATURES = {
    # Their text signatures hold defaults that are no Python expression
    # (`<unrepresentable>`, `x`); only which parameters are optional matters.
    'objects_converter': '(a, b=None, /)',
    'bool_converter_c_default': '(a=True, b=False, c=True, d=True, /)',
    # Optional groups have no text signature: every count of arguments up
    # to the most is worth a call.
    'group_and_opt': '(a=None, b=None, c=None, /)',
    'group_and_two_opt': '(a=None, b=None, c=None, d=None, e=None, /)',
    # A class has no text signature of its own: these are what its __new__
    # or __init__ parses.
    'DeprStarNew': '(a=None)',
    'DeprStarInit': '(a=None)',
    'DeprStarInitNoInline': "(a, b, c=None, *, d='')",
    'DeprKwdNew': '(a=None)',
    'DeprKwdInit': '(a=None)',
    'DeprKwdInitNoInline': "(a, /, b, c=None, d='')",
    # PyType_GenericNew ignores its arguments.
    'TestClass': '(*args, **kwargs)',
}


def parse_signature(text, namespace=None):
    """The signature of a text signature; names in defaults are looked up
    in namespace (a module's, for its constants)."""
    # A long text signature is wrapped over lines.
    return inspect.signature(eval(f'lambda {" ".join(text[1:-1].split())}: None', dict(namespace or {})))


class Target:
    """A callable of the module, found anew in each module by `find`.

    instance_of names the class whose instance a method descriptor takes
    first (its parameter of kind 'instance').
    """

    def __init__(self, label, find, signature, kinds, instance_of=None):
        self.label = label
        self.find = find
        self.params = [p for p in signature.parameters.values()
                       if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        if isinstance(kinds, str):
            kinds = (kinds,) * len(self.params)
        if len(kinds) != len(self.params):
            raise AssertionError(f'CONVERTERS gives {len(kinds)} kinds for the'
                                 f' {len(self.params)} parameters of {label}{signature}')
        self.kinds = kinds
        self.instance_of = instance_of
        kinds_of_params = [p.kind for p in signature.parameters.values()]
        self.vararg_index = (kinds_of_params.index(inspect.Parameter.VAR_POSITIONAL)
                             if inspect.Parameter.VAR_POSITIONAL in kinds_of_params else None)
        # How many parameters can be given by position, and how many must.
        self.positional = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                              for p in self.params)
        self.required_positional = sum(p.default is p.empty for p in self.params[:self.positional])

    def good(self):
        """A valid argument for each parameter."""
        return [Instance(self.instance_of) if kind == 'instance' else GOOD[kind][i]
                for i, kind in enumerate(self.kinds)]


def targets(module):
    """Every callable of module to call: functions, classes, bound methods and
    the method descriptors themselves (which take the instance first)."""
    found = []
    for name in public_names(module):
        obj = getattr(module, name)
        if name in SIGNATURES:
            signature = parse_signature(SIGNATURES[name])
        elif isinstance(obj, type):
            raise AssertionError(f'no signature known for the class {name}: add it to SIGNATURES')
        else:
            signature = inspect.signature(obj)
        found.append(Target(name, lambda m, name=name: getattr(m, name), signature,
                            CONVERTERS.get(name, 'object')))
        if not isinstance(obj, type):
            continue
        for method in public_names(obj):
            if isinstance(vars(obj)[method], types.ClassMethodDescriptorType):
                # Bound to the class already, whichever way it is reached.
                found.append(Target(f'{name}.{method}',
                                    lambda m, name=name, method=method: getattr(getattr(m, name), method),
                                    inspect.signature(getattr(obj, method)), 'object'))
                continue
            unbound = inspect.signature(getattr(obj, method))
            params = list(unbound.parameters.values())[1:]
            named = sum(p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)
            found.append(Target(f'{name}().{method}',
                                lambda m, name=name, method=method: getattr(instance_of(m, name), method),
                                unbound.replace(parameters=params), 'object'))
            found.append(Target(f'{name}.{method}',
                                lambda m, name=name, method=method: getattr(getattr(m, name), method),
                                unbound, ('instance',) + ('object',) * named, instance_of=name))
    return found


_instances = {}


def instance_of(module, class_name):
    """One instance per class of each module, made without arguments."""
    key = (id(module), class_name)
    if key not in _instances:
        _instances[key] = getattr(module, class_name)()
    return _instances[key]


def public_names(namespace):
    return sorted(name for name in vars(namespace) if not name.startswith('_'))


# --- Calls ---------------------------------------------------------------

class Call:
    """One way of calling a target: `how` is 'call' (f(*args, **kwargs)),
    'vectorcall' (through _testcapi, with args and kwnames as given: tuples
    or None), or 'raw' (f(*args, **kwargs) with args or kwargs that are no
    iterable or mapping, which the interpreter itself rejects)."""

    def __init__(self, target, args=(), kwargs=None, how='call', kwnames=None):
        self.target = target
        self.args = args
        self.kwargs = {} if kwargs is None else kwargs
        self.how = how
        self.kwnames = kwnames

    def __str__(self):
        if self.how == 'vectorcall':
            return f'pyobject_vectorcall({self.target.label}, {self.args!r}, {self.kwnames!r})'
        if self.how == 'raw':
            return f'{self.target.label}(*{self.args!r}, **{self.kwargs!r})'
        words = [repr(a) for a in self.args] + [f'{k}={v!r}' for k, v in self.kwargs.items()]
        return f'{self.target.label}({", ".join(words)})'

    def nargs(self):
        if self.how == 'vectorcall':
            given = len(self.args or ())
            return given - len(self.kwnames or ())
        return len(self.args)

    def key(self):
        """Equal for calls that pass the same objects the same way."""
        args, kwargs = self.args, self.kwargs
        if isinstance(args, tuple | list):
            args = tuple(map(id, args))
        if isinstance(kwargs, dict):
            kwargs = tuple((name, id(value)) for name, value in kwargs.items())
        return (self.target.label, self.how, args, kwargs, self.kwnames)

    def has_keywords(self):
        if self.how == 'vectorcall':
            return bool(self.kwnames)
        return bool(self.kwargs)

    def run(self, module):
        """Call the target of module; return (what was passed, result)."""
        func = self.target.find(module)
        if self.how == 'raw':
            return (), func(*self.args, **self.kwargs)
        args = [resolve(a, module) for a in self.args or ()]
        if self.how == 'vectorcall':
            given = None if self.args is None else tuple(args)
            return args, _testcapi.pyobject_vectorcall(func, given, self.kwnames)
        kwargs = {k: resolve(v, module) for k, v in self.kwargs.items()}
        return args + list(kwargs.values()), func(*args, **kwargs)


def resolve(value, module):
    return instance_of(module, value.class_name) if isinstance(value, Instance) else value


def c_cannot_take(call):
    """Whether the call would be undefined behaviour in the C module."""
    target = call.target
    if call.how == 'raw':
        return False
    if target.label == 'str_converter' and call.nargs() < 3 and not call.has_keywords():
        # Its C glue leaves the length of `c` uninitialised unless `c` is given.
        return True
    if (INDEX_ERROR_UNCHECKED and target.label in INDEX_ERROR_UNCHECKED
            and any(isinstance(arg, Index) and type(arg.value) is not int for arg in (call.args or ()))):
        return True
    # See VARARG_KEYWORD_BUG.
    return (VARARG_KEYWORD_BUG and target.vararg_index is not None
            and len(target.params) > target.vararg_index
            and call.has_keywords() and call.nargs() < target.vararg_index)


def subsets(items):
    # All of them while few; beyond that (char_converter's 14 parameters,
    # all positional-only) the small ones show every error.
    sizes = range(len(items) + 1) if len(items) <= 8 else (0, 1, 2, len(items))
    for size in sizes:
        yield from itertools.combinations(items, size)


def near_misses(target):
    """Keywords that are no parameter, some close to one (for 3.13's "Did you mean")."""
    names = {'zzz', 'args', 'kwargs', 'self', 'cls'}
    for param in target.params:
        name = param.name
        names.update((name + name[-1], name.upper(), '_' + name))
        if len(name) > 1:
            names.add(name[:-1])
    return sorted(names - {p.name for p in target.params})


def structure_calls(target):
    """Calls with valid values that vary how arguments are given."""
    params = target.params
    good = target.good()
    # The canonical valid call: what can go by position does, the rest by
    # keyword; and the shortest valid call.
    full_args = good[:target.positional]
    full_kwargs = {p.name: good[i] for i, p in enumerate(params) if i >= target.positional}
    minimal_args = good[:target.required_positional]
    minimal_kwargs = {name: value for (name, value), p in zip(full_kwargs.items(), params[target.positional:])
                      if p.default is p.empty}

    for n in range(len(params) + 3):
        args = (good + EXTRAS)[:n]
        rest = list(enumerate(params))[min(n, target.positional):]
        for chosen in subsets(rest):
            yield Call(target, args, {p.name: good[i] for i, p in chosen})
    # By position and by name at once.
    for n in range(1, target.positional + 1):
        for i in range(n):
            yield Call(target, good[:n], {params[i].name: AGAIN})
            yield Call(target, good[:n], {params[i].name: AGAIN, **full_kwargs})
    for name in near_misses(target):
        yield Call(target, (), {name: UNKNOWN})
        yield Call(target, minimal_args, {**minimal_kwargs, name: UNKNOWN})
        yield Call(target, full_args, {**full_kwargs, name: UNKNOWN})
    yield Call(target, full_args, {**full_kwargs, 'zzz': 1, 'yyy': 2})
    # Rejected by the interpreter before the call, naming the callable.
    yield Call(target, 1, {}, how='raw')
    yield Call(target, (), 1, how='raw')
    yield Call(target, (), {1: 2}, how='raw')
    if hasattr(_testcapi, 'pyobject_vectorcall'):
        # No arguments as NULL or as an empty array, no keywords as NULL or as
        # an empty tuple: what Python code cannot choose.
        for args, kwnames in itertools.product((None, ()), (None, ())):
            yield Call(target, args, how='vectorcall', kwnames=kwnames)
        yield Call(target, tuple(minimal_args), how='vectorcall', kwnames=())
        yield Call(target, tuple(full_args) + tuple(full_kwargs.values()), how='vectorcall',
                   kwnames=tuple(full_kwargs))


def value_calls(target):
    """The canonical valid call with one argument replaced by each value."""
    params = target.params
    good = target.good()
    for index, kind in enumerate(target.kinds):
        if kind == 'instance':
            pool = [Instance(target.instance_of), *OBJECTS]
        else:
            pool = OBJECTS if kind == 'object' else VALUES
        for value in pool:
            values = good[:index] + [value] + good[index + 1:]
            kwargs = {p.name: values[i] for i, p in enumerate(params) if i >= target.positional}
            yield Call(target, values[:target.positional], kwargs)


# --- Outcomes ------------------------------------------------------------

def qualified(cls):
    return f'{cls.__module__}.{cls.__qualname__}'


def cached(value):
    """Whether CPython may hand out this very object for any equal value
    (small ints, empty and one-character strings, ...): then being the
    object passed in tells nothing about how the result was made."""
    if value is None or type(value) is bool:
        return True
    if type(value) is int:
        return -5 <= value <= 256
    return type(value) in (str, bytes, tuple) and len(value) <= (0 if type(value) is tuple else 1)


def describe(value, module, passed):
    """What a result is, in terms both modules can be compared by: an object
    passed in by its position among the arguments, others by type and value."""
    if not cached(value):
        for i, arg in enumerate(passed):
            if value is arg:
                return ('argument', i)
    if isinstance(value, type) and getattr(module, value.__name__, None) is value:
        return ('class of the module', value.__name__)
    if getattr(module, type(value).__name__, None) is type(value):
        return ('instance of', type(value).__name__)
    if type(value) is tuple:
        return ('tuple', *(describe(item, module, passed) for item in value))
    return (qualified(type(value)), repr(value))


def outcome(call, module, action):
    """(result or exception, warnings) of call on module under the warnings action."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter(action)
        # Called while an exception is being handled, which every exception
        # the call raises takes as its __context__, as C raises them.
        try:
            raise Handled
        except Handled:
            try:
                passed, result = call.run(module)
            except Exception as exc:
                context = exc.__context__
                happened = ('raises', qualified(type(exc)), str(exc),
                            context if context is None else (qualified(type(context)), str(context)))
            else:
                happened = ('returns', describe(result, module, passed))
    return happened, [(qualified(w.category), str(w.message), w.filename, w.lineno) for w in caught]


class Handled(Exception):
    """Being handled during every call (see outcome)."""


def compare(calls, differences):
    """Run each call on both modules; add each mismatch to differences, a
    list per callable. Return how many calls were compared."""
    compared = 0
    seen = set()
    for call in calls:
        if c_cannot_take(call) or call.key() in seen:
            continue
        seen.add(call.key())
        compared += 1
        rust = outcome(call, RUST, 'always')
        c = outcome(call, C, 'always')
        if rust != c:
            differences[call.target.label].append(f'{call}:\n    Rust: {rust}\n    C:    {c}')
        elif c[1]:
            rust = outcome(call, RUST, 'error')
            c = outcome(call, C, 'error')
            if rust != c:
                differences[call.target.label].append(
                    f'{call} (warnings as errors):\n    Rust: {rust}\n    C:    {c}')
    return compared


def report(test, differences, what):
    """Fail with the first differences of each callable (differences maps
    callables to lists of differences), then how many each had."""
    differences = {label: found for label, found in differences.items() if found}
    if not differences:
        return
    shown = []
    for found in differences.values():
        shown += found[:SHOWN_PER_CALLABLE]
    counts = ', '.join(f'{label}: {len(found)}' for label, found in differences.items())
    total = sum(map(len, differences.values()))
    test.fail(f'{total} differences in {what}:\n' + '\n'.join(shown[:SHOWN_DIFFERENCES])
              + f'\ndifferences per callable: {counts}')


# --- Tests ---------------------------------------------------------------

class DifferentialTest(unittest.TestCase):

    def test_both_loaded(self):
        self.assertNotEqual(Path(RUST.__file__).resolve(), Path(C.__file__).resolve())
        self.assertIs(sys.modules['_testclinic'], RUST)

    def test_public_names(self):
        rust, c = set(public_names(RUST)), set(public_names(C))
        self.assertEqual(rust, c)

    def test_docs_and_signatures(self):
        differences = collections.defaultdict(list)
        compare_introspection('_testclinic', RUST, C, differences)
        for name in sorted(set(public_names(C)) & set(public_names(RUST))):
            rust, c = getattr(RUST, name), getattr(C, name)
            compare_introspection(name, rust, c, differences)
            if isinstance(c, type):
                for flag, bit in TYPE_FLAGS.items():
                    in_rust, in_c = bool(rust.__flags__ & bit), bool(c.__flags__ & bit)
                    if in_rust != in_c:
                        differences[name].append(f'{name}: {flag} is {in_rust} in Rust, {in_c} in C')
                # A heap type keeps __module__ in its dict, a static type
                # derives it from its name; both read the same (checked above).
                rust_members = set(vars(rust)) - {'__module__'}
                c_members = set(vars(c)) - {'__module__'}
                if rust_members != c_members:
                    differences[name].append(f'{name}: members {sorted(rust_members)} in Rust,'
                                             f' {sorted(c_members)} in C')
                for member in sorted(rust_members & c_members - {'__doc__'}):
                    compare_introspection(f'{name}.{member}', vars(rust)[member], vars(c)[member],
                                          differences)
        report(self, differences, 'introspection')

    def test_calls(self):
        differences = collections.defaultdict(list)
        compared = 0
        for target in targets(C):
            try:
                target.find(RUST)
            except AttributeError as exc:
                # One line for what test_public_names reports, not one per call.
                differences[target.label].append(f'{target.label}: not callable in Rust: {exc}')
                continue
            compared += compare(structure_calls(target), differences)
            compared += compare(value_calls(target), differences)
        report(self, differences, f'{compared} calls')
        # A battery that shrank to nothing would compare nothing.
        self.assertGreater(compared, 5000)


def compare_introspection(name, rust, c, differences):
    """Add to differences[name] how rust and c introspect differently."""
    differences = differences[name]
    missing = object()
    for attribute in ('__name__', '__qualname__', '__module__', '__doc__', '__text_signature__'):
        rust_value = getattr(rust, attribute, missing)
        c_value = getattr(c, attribute, missing)
        if rust_value is missing or c_value is missing:
            if (rust_value is missing) != (c_value is missing):
                has = 'C' if rust_value is missing else 'Rust'
                differences.append(f'{name}.{attribute}: only {has} has it')
        elif rust_value != c_value:
            differences.append(f'{name}.{attribute}:\n    Rust: {rust_value!r}\n    C:    {c_value!r}')
    if type(rust).__name__ != type(c).__name__:
        differences.append(f'{name}: a {type(rust).__name__} in Rust, a {type(c).__name__} in C')


if __name__ == '__main__':
    unittest.main()
