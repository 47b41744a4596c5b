"""Tests of cpython-api's conversions of the built-in types
(Modules/cpython-api/src/types/), through the functions of _testrust that
round-trip Python objects through Rust values.

Where a conversion wraps a C API function, its results and exceptions (type
and message) are compared with what that function gives when CPython itself
calls it on the same object, through ctypes.pythonapi.
"""

import inspect
import math
import operator
import sys
import sysconfig
import unittest

try:
    import ctypes
except ImportError:
    ctypes = None

# What is under test: if it cannot be imported, the tests must fail, not skip.
import _testrust

FREE_THREADED = bool(sysconfig.get_config_var('Py_GIL_DISABLED'))
needs_ctypes = unittest.skipIf(ctypes is None, 'needs ctypes to call the C API')


class Boom(Exception):
    """Raised by the special methods below, to follow it through Rust."""


class Index:
    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


class IndexRaises:
    def __index__(self):
        raise Boom('from __index__')


class IntSubclass(int):
    pass


class Floaty:
    def __init__(self, value):
        self.value = value

    def __float__(self):
        return self.value


class FloatRaises:
    def __float__(self):
        raise Boom('from __float__')


class FloatSubclass(float):
    pass


class Truth:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        return self.value


class BoolRaises:
    def __bool__(self):
        raise Boom('from __bool__')


class Sized:
    def __init__(self, length):
        self.length = length

    def __len__(self):
        return self.length


class LenRaises:
    def __len__(self):
        raise Boom('from __len__')


class Text(str):
    """A str subclass: its instances are not compact strings."""


class Bytes(bytes):
    pass


def qualified_name(cls):
    """How 3.15's messages name a class: module and qualified name."""
    return f'{cls.__module__}.{cls.__qualname__}'


def outcome(function, *args):
    """What function(*args) does, comparable between implementations: the
    type and repr of its result (repr tells -0.0 from 0.0, and nan equals
    itself), or the type and message of what it raises."""
    try:
        result = function(*args)
    except Exception as error:
        return 'raises', type(error), str(error)
    return 'returns', type(result), repr(result)


def c_api(name, restype, *argtypes):
    """The C API function `name`, called with the GIL held; ctypes raises
    the exception it sets."""
    function = getattr(ctypes.pythonapi, name)
    function.restype = restype
    function.argtypes = argtypes or (ctypes.py_object,)
    return function


def c_index_then(name, restype):
    """C's `name(PyNumber_Index(x))`, which the int_to_* functions mirror."""
    convert = c_api(name, restype)
    return lambda x: convert(operator.index(x))


def c_utf8(text):
    """The bytes PyUnicode_AsUTF8AndSize lends."""
    size = ctypes.c_ssize_t()
    start = c_api('PyUnicode_AsUTF8AndSize', ctypes.c_void_p,
                  ctypes.py_object, ctypes.POINTER(ctypes.c_ssize_t))(text, ctypes.byref(size))
    return ctypes.string_at(start, size.value)


def c_bytes_sum(data):
    """The sum of the bytes PyBytes_AsStringAndSize lends."""
    start, size = ctypes.c_void_p(), ctypes.c_ssize_t()
    c_api('PyBytes_AsStringAndSize', ctypes.c_int, ctypes.py_object,
          ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_ssize_t))(
              data, ctypes.byref(start), ctypes.byref(size))
    return sum(ctypes.string_at(start.value, size.value))


def int_samples():
    return [
        0, 1, -1, 255, 2**31, -2**31 - 1, 2**32, 2**62,
        2**63 - 1, 2**63, -2**63, -2**63 - 1,
        2**64 - 1, 2**64, -2**64, 10**30, -10**30,
        sys.maxsize, -sys.maxsize - 1, 2 * sys.maxsize + 1, 2 * sys.maxsize + 2,
        True, False, IntSubclass(-5), IntSubclass(2**64),
        Index(7), Index(-7), Index(2**63), Index(2**64), IndexRaises(),
        Index(1.5),
        1.5, 2.0, '3', None, b'4', [5], 3j,
    ]


class SignatureTests(unittest.TestCase):

    def test_signatures(self):
        one_argument = {
            'roundtrip_i64': '(x, /)', 'roundtrip_u64': '(x, /)',
            'roundtrip_isize': '(x, /)', 'roundtrip_usize': '(x, /)',
            'roundtrip_float': '(x, /)', 'truthiness': '(x, /)',
            'roundtrip_str': '(text, /)', 'utf8_length': '(text, /)',
            'ascii_fast_path': '(text, /)', 'make_bytearray': '(n, /)',
            'bytearray_of': '(data, /)', 'bytes_view_sum': '(data, /)',
        }
        for name, signature in one_argument.items():
            with self.subTest(name):
                function = getattr(_testrust, name)
                self.assertEqual(function.__text_signature__, signature)
                self.assertEqual(str(inspect.signature(function)), signature)
                self.assertTrue(function.__doc__)


class IntTests(unittest.TestCase):

    ranges = {
        'roundtrip_i64': (-2**63, 2**63 - 1),
        'roundtrip_u64': (0, 2**64 - 1),
        'roundtrip_isize': (-sys.maxsize - 1, sys.maxsize),
        'roundtrip_usize': (0, 2 * sys.maxsize + 1),
    }

    def test_values_in_range_round_trip(self):
        for name, (low, high) in self.ranges.items():
            function = getattr(_testrust, name)
            for value in (low, low + 1, 0, 1, 255, high - 1, high):
                with self.subTest(name, value=value):
                    result = function(value)
                    self.assertIs(type(result), int)
                    self.assertEqual(result, value)

    def test_index_is_used(self):
        for name in self.ranges:
            function = getattr(_testrust, name)
            with self.subTest(name):
                self.assertEqual(function(Index(7)), 7)
                self.assertIs(type(function(True)), int)
                self.assertIs(type(function(IntSubclass(3))), int)
                with self.assertRaises(Boom):
                    function(IndexRaises())

    def test_messages(self):
        # CPython's own wording, which differs between the C functions.
        cases = [
            ('roundtrip_i64', 2**63, OverflowError, 'int too big to convert'),
            ('roundtrip_i64', -2**63 - 1, OverflowError, 'int too big to convert'),
            ('roundtrip_u64', -1, OverflowError, "can't convert negative int to unsigned"),
            ('roundtrip_u64', 2**64, OverflowError, 'int too big to convert'),
            ('roundtrip_isize', sys.maxsize + 1, OverflowError,
             'Python int too large to convert to C ssize_t'),
            ('roundtrip_usize', -1, OverflowError, "can't convert negative value to size_t"),
            ('roundtrip_usize', 2 * sys.maxsize + 2, OverflowError,
             'Python int too large to convert to C size_t'),
            ('roundtrip_i64', 1.5, TypeError, "'float' object cannot be interpreted as an integer"),
            ('roundtrip_u64', '3', TypeError, "'str' object cannot be interpreted as an integer"),
        ]
        for name, value, error, message in cases:
            with self.subTest(name, value=value):
                with self.assertRaises(error) as caught:
                    getattr(_testrust, name)(value)
                self.assertIs(type(caught.exception), error)
                self.assertEqual(str(caught.exception), message)

    @needs_ctypes
    def test_same_as_c(self):
        references = {
            'roundtrip_i64': c_index_then('PyLong_AsLongLong', ctypes.c_longlong),
            'roundtrip_u64': c_index_then('PyLong_AsUnsignedLongLong', ctypes.c_ulonglong),
            'roundtrip_isize': c_index_then('PyLong_AsSsize_t', ctypes.c_ssize_t),
            'roundtrip_usize': c_index_then('PyLong_AsSize_t', ctypes.c_size_t),
        }
        for name, reference in references.items():
            for value in int_samples():
                with self.subTest(name, value=value):
                    self.assertEqual(outcome(getattr(_testrust, name), value),
                                     outcome(reference, value))

    @needs_ctypes
    def test_i64_same_as_c_for_exact_ints(self):
        # PyLong_AsLongLong calls __index__ itself.
        reference = c_api('PyLong_AsLongLong', ctypes.c_longlong)
        for value in int_samples():
            with self.subTest(value=value):
                self.assertEqual(outcome(_testrust.roundtrip_i64, value),
                                 outcome(reference, value))


class FloatTests(unittest.TestCase):

    def float_samples(self):
        return [
            0.0, -0.0, 1.5, -2.25, math.inf, -math.inf, math.nan,
            sys.float_info.max, sys.float_info.min, 5e-324,
            0, -7, 2**53 + 1, 2**1023, 2**1024, -2**1024, True,
            FloatSubclass(2.5), Floaty(3.5), Floaty(math.inf), Floaty(-0.0),
            FloatRaises(), Floaty(1), Floaty('1.0'), Floaty(None), Index(9),
            Index(2**1024), IndexRaises(), '1.0', None, 1j, b'1', [1.0],
        ]

    def test_values_round_trip(self):
        for value in (0.0, 1.5, -2.25, math.inf, -math.inf, sys.float_info.max, 5e-324):
            with self.subTest(value=value):
                result = _testrust.roundtrip_float(value)
                self.assertIs(type(result), float)
                self.assertEqual(result, value)

    def test_negative_zero_and_nan(self):
        self.assertEqual(math.copysign(1.0, _testrust.roundtrip_float(-0.0)), -1.0)
        self.assertTrue(math.isnan(_testrust.roundtrip_float(math.nan)))

    def test_conversions(self):
        self.assertEqual(_testrust.roundtrip_float(7), 7.0)
        self.assertEqual(_testrust.roundtrip_float(Floaty(3.5)), 3.5)
        self.assertEqual(_testrust.roundtrip_float(Index(9)), 9.0)
        self.assertIs(type(_testrust.roundtrip_float(FloatSubclass(2.5))), float)
        with self.assertRaises(Boom):
            _testrust.roundtrip_float(FloatRaises())

    def test_messages(self):
        # 3.15 reworded the message, naming the class in full.
        if sys.version_info >= (3, 15):
            non_float_message = f'{qualified_name(Floaty)}.__float__() must return a float, not int'
        else:
            non_float_message = 'Floaty.__float__ returned non-float (type int)'
        cases = [
            ('1.0', TypeError, 'must be real number, not str'),
            (None, TypeError, 'must be real number, not NoneType'),
            (Floaty(1), TypeError, non_float_message),
            (2**1024, OverflowError, 'int too large to convert to float'),
        ]
        for value, error, message in cases:
            with self.subTest(value=value):
                with self.assertRaises(error) as caught:
                    _testrust.roundtrip_float(value)
                self.assertIs(type(caught.exception), error)
                self.assertEqual(str(caught.exception), message)

    @needs_ctypes
    def test_same_as_c(self):
        reference = c_api('PyFloat_AsDouble', ctypes.c_double)
        for value in self.float_samples():
            with self.subTest(value=value):
                self.assertEqual(outcome(_testrust.roundtrip_float, value),
                                 outcome(reference, value))


class TruthinessTests(unittest.TestCase):

    truth_values = [
        True, False, None, 0, 1, -1, 0.0, math.nan, '', 'a', b'', [], [0],
        {}, {0: 0}, (), object(), Truth(True), Truth(False), Sized(0), Sized(3),
    ]
    failing = [Truth(1), BoolRaises(), Sized(-1), Sized(2**64), LenRaises(), Sized('1')]

    def test_values(self):
        for value in self.truth_values:
            with self.subTest(value=value):
                self.assertIs(_testrust.truthiness(value), bool(value))

    def test_errors(self):
        # 3.15 reworded the message, naming the class in full.
        if sys.version_info >= (3, 15):
            non_bool_message = f'{qualified_name(Truth)}.__bool__() must return a bool, not int'
        else:
            non_bool_message = '__bool__ should return bool, returned int'
        cases = [
            (BoolRaises(), Boom, 'from __bool__'),
            (LenRaises(), Boom, 'from __len__'),
            (Truth(1), TypeError, non_bool_message),
            (Sized(-1), ValueError, '__len__() should return >= 0'),
        ]
        for value, error, message in cases:
            with self.subTest(value=value):
                with self.assertRaises(error) as caught:
                    _testrust.truthiness(value)
                self.assertIs(type(caught.exception), error)
                self.assertEqual(str(caught.exception), message)

    @needs_ctypes
    def test_same_as_c(self):
        is_true = c_api('PyObject_IsTrue', ctypes.c_int)
        for value in self.truth_values + self.failing:
            with self.subTest(value=value):
                self.assertEqual(outcome(_testrust.truthiness, value),
                                 outcome(lambda x: is_true(x) == 1, value))


def sample_strings():
    return {
        'ASCII': ''.join(['cpython', '-api']),
        'latin-1': ''.join(['caf', '\xe9']),
        'BMP': ''.join(['\u20ac', '100']),
        'astral': ''.join(['\U0001f40d', ' snake']),
        'empty': '',
        'embedded NUL': 'a\0b',
        'subclass, ASCII': Text('cpython-api'),
        'subclass, latin-1': Text('caf\xe9'),
        'subclass, astral': Text('\U0001f40d'),
        'subclass, empty': Text(''),
    }


class StrTests(unittest.TestCase):

    def test_roundtrip(self):
        for name, text in sample_strings().items():
            with self.subTest(name):
                result = _testrust.roundtrip_str(text)
                self.assertIs(type(result), str)
                self.assertEqual(result, text)
                self.assertEqual(_testrust.utf8_length(text), len(text.encode()))

    def test_lone_surrogates(self):
        for text in ('\ud800', 'a\udfffb', '\ud83d\ude00', Text('\udc80')):
            with self.subTest(text=text):
                with self.assertRaises(UnicodeEncodeError) as caught:
                    _testrust.utf8_length(text)
                with self.assertRaises(UnicodeEncodeError) as expected:
                    text.encode()
                self.assertEqual(str(caught.exception), str(expected.exception))
                self.assertEqual(caught.exception.start, expected.exception.start)

    def test_not_a_str(self):
        for value in (1, b'text', None, bytearray(b'x'), ['text']):
            for function in (_testrust.utf8_length, _testrust.roundtrip_str):
                with self.subTest(value=value, function=function.__name__):
                    with self.assertRaises(TypeError) as caught:
                        function(value)
                    self.assertIs(type(caught.exception), TypeError)
                    self.assertEqual(str(caught.exception),
                                     f'expected str, {type(value).__name__} found')

    @needs_ctypes
    def test_same_as_c(self):
        for name, text in {**sample_strings(), 'surrogate': '\ud800'}.items():
            with self.subTest(name):
                self.assertEqual(outcome(_testrust.utf8_length, text),
                                 outcome(lambda x: len(c_utf8(x)), text))

    def test_ascii_fast_path(self):
        for name, text in sample_strings().items():
            with self.subTest(name):
                if text.isascii():
                    self.assertEqual(_testrust.ascii_fast_path(text), text.encode('ascii'))
                else:
                    self.assertIsNone(_testrust.ascii_fast_path(text))

    def test_ascii_fast_path_other_objects(self):
        for value in (b'ascii', bytearray(b'ascii'), 1, None, '\ud800'):
            with self.subTest(value=value):
                self.assertIsNone(_testrust.ascii_fast_path(value))

    @unittest.skipUnless(FREE_THREADED, 'needs a free-threaded build')
    def test_utf8_made_by_many_threads_at_once(self):
        # The first caller makes the UTF-8 of a non-ASCII string and caches
        # it in the string; the others must see either none or all of it.
        import threading

        for attempt in range(20):
            text = ''.join(['\xe9t\xe9 ', str(attempt)] * 100)
            barrier = threading.Barrier(4)
            results = []

            def measure():
                barrier.wait()
                results.append(_testrust.utf8_length(text))

            threads = [threading.Thread(target=measure) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            self.assertEqual(results, [len(text.encode())] * 4)


class BytesTests(unittest.TestCase):

    def test_bytes_view_sum(self):
        for data in (b'', b'\x00', b'\xff', bytes(range(256)) * 3, Bytes(b'\x01\x02')):
            with self.subTest(data=data[:8]):
                self.assertEqual(_testrust.bytes_view_sum(data), sum(data))

    def test_not_bytes(self):
        for value in (bytearray(b'x'), memoryview(b'x'), 'text', 1, None):
            with self.subTest(value=value):
                with self.assertRaises(TypeError) as caught:
                    _testrust.bytes_view_sum(value)
                self.assertEqual(str(caught.exception),
                                 f'expected bytes, {type(value).__name__} found')

    @needs_ctypes
    def test_same_as_c(self):
        for value in (b'abc', b'', Bytes(b'\x07'), bytearray(b'x'), memoryview(b'x'), 'text', 1, None):
            with self.subTest(value=value):
                self.assertEqual(outcome(_testrust.bytes_view_sum, value),
                                 outcome(c_bytes_sum, value))


class BytearrayTests(unittest.TestCase):

    def test_make_bytearray(self):
        for length in (0, 1, 255, 256, 1000):
            with self.subTest(length=length):
                data = _testrust.make_bytearray(length)
                self.assertIs(type(data), bytearray)
                self.assertEqual(data, bytes(i % 256 for i in range(length)))
                data.extend(b'more')  # a real, resizable bytearray
                self.assertEqual(len(data), length + 4)

    def test_new_objects(self):
        self.assertIsNot(_testrust.make_bytearray(0), _testrust.make_bytearray(0))
        source = b'abc'
        copy = _testrust.bytearray_of(source)
        self.assertIs(type(copy), bytearray)
        self.assertEqual(copy, source)
        copy[0] = ord('x')
        self.assertEqual(source, b'abc')
        self.assertEqual(_testrust.bytearray_of(b''), bytearray())
        self.assertEqual(_testrust.bytearray_of(Bytes(b'\x01')), bytearray(b'\x01'))

    def test_bad_lengths(self):
        cases = [
            (-1, OverflowError, "can't convert negative value to size_t"),
            # Fits a usize, not a Py_ssize_t.
            (sys.maxsize + 1, OverflowError, 'byte string is too large'),
            (2 * sys.maxsize + 2, OverflowError, 'Python int too large to convert to C size_t'),
            ('3', TypeError, "'str' object cannot be interpreted as an integer"),
        ]
        for length, error, message in cases:
            with self.subTest(length=length):
                with self.assertRaises(error) as caught:
                    _testrust.make_bytearray(length)
                self.assertEqual(str(caught.exception), message)
        # From 3.15 a bytearray keeps its bytes in a bytes object, whose
        # size limit (header included) is hit before any allocation.
        too_large = OverflowError if sys.version_info >= (3, 15) else MemoryError
        with self.assertRaises(too_large):
            _testrust.make_bytearray(sys.maxsize)

    def test_bytearray_of_needs_bytes(self):
        with self.assertRaisesRegex(TypeError, '^expected bytes, bytearray found$'):
            _testrust.bytearray_of(bytearray(b'x'))


if __name__ == '__main__':
    unittest.main()
