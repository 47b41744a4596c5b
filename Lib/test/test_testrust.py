"""Tests of _testrust's module features (Modules/_testrust): an extension
module written in Rust on cpython-sys.

The wrappers of cpython-sys's macro equivalents, which _testrust also holds,
are tested against the C macros by test_cpython_sys_macros.
"""

import importlib.machinery
import inspect
import os
import subprocess
import sys
import sysconfig
import unittest

# What is under test: if it cannot be imported, the tests must fail, not skip.
import _testrust

FREE_THREADED = bool(sysconfig.get_config_var('Py_GIL_DISABLED'))
# One leaked reference or memory block per call would show as at least this
# much; the interpreter's own caches move the totals by far less.
LEAK_CALLS = 1000


class Target:
    """A mortal object with no special behaviour."""


class ModuleTests(unittest.TestCase):

    def test_name(self):
        self.assertEqual(_testrust.__name__, '_testrust')
        self.assertEqual(_testrust.__doc__,
                         'Exercises the Rust layers of cpython-rust from Python.')

    def test_is_the_extension_built_for_this_interpreter(self):
        self.assertIsInstance(_testrust.__loader__,
                              importlib.machinery.ExtensionFileLoader)
        self.assertEqual(os.path.basename(_testrust.__file__),
                         '_testrust' + sysconfig.get_config_var('EXT_SUFFIX'))

    def test_signatures(self):
        signatures = {
            _testrust.return_none: '()',
            _testrust.pack: '(*args)',
            _testrust.byte_range: '(n)',
            _testrust.raise_value_error: '(message)',
        }
        for function, signature in signatures.items():
            with self.subTest(function.__name__):
                self.assertEqual(function.__text_signature__, signature)
                self.assertEqual(str(inspect.signature(function)), signature)

    def test_docstrings(self):
        # The signature line and the "--" that ends it are not in __doc__.
        self.assertEqual(_testrust.return_none.__doc__, 'Return None.')
        self.assertEqual(_testrust.pack.__doc__,
                         'Return the arguments as a tuple built item by item.')

    @unittest.skipUnless(FREE_THREADED, 'needs a free-threaded build')
    @unittest.skipUnless(hasattr(sys, '_is_gil_enabled'),
                         'sys._is_gil_enabled() is new in 3.13')
    def test_import_keeps_the_gil_disabled(self):
        # A module without Py_mod_gil = Py_MOD_GIL_NOT_USED would enable
        # the GIL when imported, with a RuntimeWarning.  A fresh interpreter
        # is needed: -E ignores PYTHON_GIL, which could force the GIL off.
        code = ('import sys\n'
                f'sys.path.insert(0, {os.path.dirname(_testrust.__file__)!r})\n'
                'before = sys._is_gil_enabled()\n'
                'import _testrust\n'
                'print(before, sys._is_gil_enabled())\n')
        result = subprocess.run([sys.executable, '-E', '-c', code],
                                stdin=subprocess.DEVNULL,
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        self.assertEqual(result.stdout, 'False False\n')


class ReturnNoneTests(unittest.TestCase):

    def test_return_none(self):
        self.assertIsNone(_testrust.return_none())

    def test_takes_no_arguments(self):
        with self.assertRaises(TypeError):
            _testrust.return_none(1)


class PackTests(unittest.TestCase):

    def test_returns_the_arguments(self):
        for args in [(), (0,), (1, 'two', 3.0), tuple(range(1000))]:
            with self.subTest(count=len(args)):
                packed = _testrust.pack(*args)
                self.assertIs(type(packed), tuple)
                self.assertEqual(packed, args)

    def test_items_are_the_arguments(self):
        args = ([], {}, set(), Target())  # unhashable, and plain objects
        packed = _testrust.pack(*args)
        self.assertEqual(len(packed), len(args))
        for index, (item, arg) in enumerate(zip(packed, args)):
            with self.subTest(index=index):
                self.assertIs(item, arg)

    def test_tuple_owns_its_items(self):
        obj = Target()
        before = sys.getrefcount(obj)
        packed = _testrust.pack(obj, obj, obj)
        self.assertEqual(sys.getrefcount(obj), before + 3)
        del packed
        self.assertEqual(sys.getrefcount(obj), before)

    def test_takes_no_keyword_arguments(self):
        with self.assertRaisesRegex(TypeError, 'no keyword arguments'):
            _testrust.pack(item=1)


class ByteRangeTests(unittest.TestCase):

    def test_byte_range(self):
        for length in (0, 1, 255, 256, 1000):
            with self.subTest(length=length):
                data = _testrust.byte_range(length)
                self.assertIs(type(data), bytes)
                self.assertEqual(data, bytes(i % 256 for i in range(length)))

    def test_negative_length(self):
        # PyBytes_FromStringAndSize reports it as a bug in the caller.
        with self.assertRaisesRegex(
                SystemError, 'Negative size passed to PyBytes_FromStringAndSize'):
            _testrust.byte_range(-1)

    def test_length_too_large(self):
        with self.assertRaisesRegex(OverflowError, 'byte string is too large'):
            _testrust.byte_range(sys.maxsize)
        with self.assertRaises(OverflowError):
            _testrust.byte_range(2 ** 64)

    def test_length_not_an_int(self):
        for length in ('3', 3.0, None):
            with self.subTest(length=length):
                with self.assertRaises(TypeError):
                    _testrust.byte_range(length)


class RaiseValueErrorTests(unittest.TestCase):

    def test_message(self):
        with self.assertRaises(ValueError) as caught:
            _testrust.raise_value_error('a message')
        self.assertIs(type(caught.exception), ValueError)
        self.assertEqual(caught.exception.args, ('a message',))
        self.assertEqual(str(caught.exception), 'a message')

    def test_any_object_as_message(self):
        # PyErr_SetObject calls ValueError with the object as its one
        # argument, except that a tuple is the arguments and None none.
        cases = [
            (42, (42,)),
            ([1], ([1],)),
            (None, ()),
            ((1, 2), (1, 2)),
        ]
        for message, args in cases:
            with self.subTest(message=message):
                with self.assertRaises(ValueError) as caught:
                    _testrust.raise_value_error(message)
                self.assertIs(type(caught.exception), ValueError)
                self.assertEqual(caught.exception.args, args)

    def test_exception_instance_is_raised_as_is(self):
        error = ValueError('an instance')
        with self.assertRaises(ValueError) as caught:
            _testrust.raise_value_error(error)
        self.assertIs(caught.exception, error)


class LeakTests(unittest.TestCase):
    """Called many times, each function leaves the reference counts of its
    arguments and results, and the memory in use, as they were."""

    def assert_no_leak(self, call, *watched):
        def totals():
            total_refcount = getattr(sys, 'gettotalrefcount', lambda: 0)()
            return total_refcount, sys.getallocatedblocks()

        # Warm up, so that what the first calls cache is not counted.
        for _ in range(LEAK_CALLS):
            call()
        refcounts_before = [sys.getrefcount(obj) for obj in watched]
        total_refcount_before, blocks_before = totals()
        for _ in range(LEAK_CALLS):
            call()
        total_refcount_after, blocks_after = totals()
        refcounts_after = [sys.getrefcount(obj) for obj in watched]
        self.assertEqual(refcounts_after, refcounts_before)
        self.assertLess(total_refcount_after - total_refcount_before,
                        LEAK_CALLS // 2)
        self.assertLess(blocks_after - blocks_before, LEAK_CALLS // 2)

    def test_return_none(self):
        self.assert_no_leak(_testrust.return_none, None)

    def test_pack(self):
        first, second = Target(), Target()
        self.assert_no_leak(lambda: _testrust.pack(first, second, first),
                            first, second)

    def test_byte_range(self):
        self.assert_no_leak(lambda: _testrust.byte_range(100))

    def test_raise_value_error(self):
        message = ''.join(['a ', 'message'])

        def raise_and_catch():
            try:
                _testrust.raise_value_error(message)
            except ValueError:
                pass

        self.assert_no_leak(raise_and_catch, message)


if __name__ == '__main__':
    unittest.main()
