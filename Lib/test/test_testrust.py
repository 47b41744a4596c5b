"""Tests of _testrust (Modules/_testrust): an extension module written in
safe Rust on cpython-api, exercising each of its features from Python.
"""

import gc
import ctypes
import importlib.machinery
import importlib.util
import inspect
import os
import subprocess
import sys
import sysconfig
import unittest
import weakref

# What is under test: if it cannot be imported, the tests must fail, not skip.
import _testrust

FREE_THREADED = bool(sysconfig.get_config_var('Py_GIL_DISABLED'))


class Target:
    """A mortal object with no special behaviour."""


class ModuleTests(unittest.TestCase):

    def test_name(self):
        self.assertEqual(_testrust.__name__, '_testrust')
        self.assertEqual(_testrust.__doc__, 'Exercises cpython-api from Python.')

    def test_is_the_extension_built_for_this_interpreter(self):
        self.assertIsInstance(_testrust.__loader__,
                              importlib.machinery.ExtensionFileLoader)
        self.assertEqual(os.path.basename(_testrust.__file__),
                         '_testrust' + sysconfig.get_config_var('EXT_SUFFIX'))

    def test_entry_point(self):
        # 3.15 imports through PyModExport_<name> (PEP 793) when a module
        # has it; before, only PyInit_<name> exists. The module exports
        # exactly the one its interpreter uses.
        library = ctypes.CDLL(_testrust.__file__)
        exported = [name for name in ('PyModExport__testrust', 'PyInit__testrust') if hasattr(library, name)]
        expected = 'PyModExport__testrust' if sys.version_info >= (3, 15) else 'PyInit__testrust'
        self.assertEqual(exported, [expected])

    def test_signatures(self):
        signatures = {
            _testrust.return_none: '()',
            _testrust.pack: '(*args)',
            _testrust.byte_range: '(n, /)',
            _testrust.raise_value_error: '(message, /)',
            _testrust.keywords: '(*args, **kwargs)',
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
        with self.assertRaisesRegex(ValueError, '^negative count$'):
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
        # ValueError(message), whatever the message is.
        for message in (42, [1], None, (1, 2), ValueError('inner')):
            with self.subTest(message=message):
                with self.assertRaises(ValueError) as caught:
                    _testrust.raise_value_error(message)
                self.assertIs(type(caught.exception), ValueError)
                self.assertEqual(len(caught.exception.args), 1)
                self.assertIs(caught.exception.args[0], message)


class ChainingTests(unittest.TestCase):

    def test_cause_and_context(self):
        with self.assertRaises(ValueError) as caught:
            _testrust.raise_chained('outer')
        error = caught.exception
        self.assertEqual(error.args, ('outer',))
        self.assertIs(type(error.__cause__), KeyError)
        self.assertEqual(error.__cause__.args, ('cause',))
        self.assertIs(type(error.__context__), LookupError)
        self.assertEqual(error.__context__.args, ('context',))
        # As after `raise ... from ...`.
        self.assertIs(error.__suppress_context__, True)

    def test_fetch_and_inspect(self):
        def chained():
            try:
                raise KeyError('first')
            except KeyError as first:
                raise ValueError('second') from first

        exception, matches, cause, context = _testrust.catch_and_describe(chained)
        self.assertIs(type(exception), ValueError)
        self.assertEqual(exception.args, ('second',))
        self.assertIs(matches, True)
        self.assertIs(type(cause), KeyError)
        self.assertIs(context, cause)

    def test_fetch_subclass_and_unrelated(self):
        class Subclass(ValueError):
            pass

        def raise_subclass():
            raise Subclass

        def raise_type_error():
            raise TypeError('unrelated')

        exception, matches, cause, context = _testrust.catch_and_describe(raise_subclass)
        self.assertIs(type(exception), Subclass)
        self.assertIs(matches, True)
        self.assertEqual((cause, context), (None, None))
        exception, matches, _, _ = _testrust.catch_and_describe(raise_type_error)
        self.assertIs(type(exception), TypeError)
        self.assertIs(matches, False)

    def test_no_exception(self):
        self.assertIsNone(_testrust.catch_and_describe(lambda: 1))


class PanicTests(unittest.TestCase):

    def test_panic_becomes_system_error(self):
        with self.assertRaisesRegex(
                SystemError, r'^Rust code panicked at Modules/_testrust/src/errors\.rs:\d+:\d+: boom$'):
            _testrust.panic_with('boom')

    def test_caught_panic_prints_nothing(self):
        # The exception is the report: the panic hook stays quiet, even with
        # RUST_BACKTRACE set; with the thread attached or detached.
        for function in 'panic_with', 'panic_detached':
            with self.subTest(function=function):
                code = ('import sys\n'
                        f'sys.path.insert(0, {os.path.dirname(_testrust.__file__)!r})\n'
                        'import _testrust\n'
                        'try:\n'
                        f'    _testrust.{function}("quiet")\n'
                        'except SystemError as error:\n'
                        '    print(error)\n')
                result = subprocess.run([sys.executable, '-E', '-c', code],
                                        env=dict(os.environ, RUST_BACKTRACE='1'),
                                        stdin=subprocess.DEVNULL, capture_output=True, text=True)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, '')
                self.assertRegex(result.stdout, r'^Rust code panicked at .*: quiet\n$')

    def test_panic_outside_python_is_printed(self):
        # A panic on a thread of Rust's own, which no entry point catches,
        # reaches the previous hook, while this thread holds the GIL (3.11's
        # "current thread state" is the GIL holder's, whichever thread asks).
        code = ('import sys\n'
                f'sys.path.insert(0, {os.path.dirname(_testrust.__file__)!r})\n'
                'import _testrust\n'
                'print(_testrust.panic_in_thread("loud"))\n')
        result = subprocess.run([sys.executable, '-E', '-c', code],
                                stdin=subprocess.DEVNULL, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, 'True\n')
        self.assertRegex(result.stderr, r"panicked at Modules/_testrust/src/errors\.rs:\d+:\d+:\nloud\n")

    def test_interpreter_carries_on(self):
        for attempt in range(3):
            with self.subTest(attempt=attempt):
                with self.assertRaises(SystemError):
                    _testrust.panic_with(f'attempt {attempt}')
                self.assertEqual(_testrust.pack(attempt), (attempt,))

    def test_panic_message_from_str_conversion_error(self):
        # str() of the message raising is an ordinary error, not a panic.
        class Unprintable:
            def __str__(self):
                raise RuntimeError('no text')

        with self.assertRaisesRegex(RuntimeError, 'no text'):
            _testrust.panic_with(Unprintable())


class KeywordsTests(unittest.TestCase):

    def test_positional_only(self):
        self.assertEqual(_testrust.keywords(1, 2), ((1, 2), None, ()))

    def test_keywords(self):
        args, names, values = _testrust.keywords(1, b=2, a=3)
        self.assertEqual(args, (1,))
        self.assertEqual(names, ('b', 'a'))
        self.assertEqual(values, (2, 3))

    def test_keywords_from_a_dict(self):
        args, names, values = _testrust.keywords(**{'x': 1})
        self.assertEqual((args, names, values), ((), ('x',), (1,)))


def fresh_module():
    """A new instance of _testrust, with its own module state."""
    spec = importlib.util.find_spec('_testrust')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_in_fresh_interpreter(test, code):
    """Run code in a new interpreter that has started no thread: free-threaded
    3.13 makes modules immortal once any thread has started, and freeing the
    module is what these tests observe."""
    preamble = ('import gc, importlib.util, sys, weakref\n'
                f'sys.path.insert(0, {os.path.dirname(_testrust.__file__)!r})\n'
                'class Target:\n'
                '    pass\n'
                'spec = importlib.util.find_spec("_testrust")\n'
                'module = importlib.util.module_from_spec(spec)\n'
                'spec.loader.exec_module(module)\n')
    result = subprocess.run([sys.executable, '-E', '-c', preamble + code],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True)
    test.assertEqual(result.returncode, 0, result.stderr)
    return result.stdout


class ModuleContentsTests(unittest.TestCase):
    """What the module's exec adds: classes, an exception class, a constant."""

    def test_constant(self):
        self.assertEqual(_testrust.ANSWER, 42)

    def test_exception_class(self):
        Error = _testrust.Error
        self.assertTrue(issubclass(Error, ValueError))
        self.assertEqual(Error.__module__, '_testrust')
        self.assertEqual(Error.__qualname__, 'Error')
        self.assertEqual(Error.__doc__, 'Raised by raise_module_error().')
        with self.assertRaises(Error) as caught:
            _testrust.raise_module_error('from the state')
        self.assertIs(type(caught.exception), Error)
        self.assertEqual(caught.exception.args, ('from the state',))

    def test_each_module_has_its_own_classes(self):
        other = fresh_module()
        self.assertIsNot(other.Error, _testrust.Error)
        self.assertIsNot(other.Holder, _testrust.Holder)
        with self.assertRaises(other.Error):
            other.raise_module_error('x')


def run_in_isolated_interpreter(code):
    """Run code in a subinterpreter with its own GIL (PEP 684), which only
    imports modules that declare support for it; return the error's
    description, or None."""
    try:
        import _interpreters  # 3.13
    except ImportError:
        _interpreters = None
    try:
        import _xxsubinterpreters  # 3.12
    except ImportError:
        _xxsubinterpreters = None
    if _interpreters is not None:
        interpreter = _interpreters.create()
        try:
            error = _interpreters.exec(interpreter, code)
            return None if error is None else error.formatted
        finally:
            _interpreters.destroy(interpreter)
    if _xxsubinterpreters is not None:
        interpreter = _xxsubinterpreters.create(isolated=True)
        try:
            _xxsubinterpreters.run_string(interpreter, code)
            return None
        except _xxsubinterpreters.RunFailedError as error:
            return str(error)
        finally:
            _xxsubinterpreters.destroy(interpreter)
    raise unittest.SkipTest('no subinterpreters with their own GIL before 3.12')


class IsolatedInterpreterTests(unittest.TestCase):

    def test_import_in_an_interpreter_with_its_own_gil(self):
        # Without Py_mod_multiple_interpreters = PER_INTERPRETER_GIL_SUPPORTED
        # this import fails with ImportError.
        error = run_in_isolated_interpreter(
            'import sys\n'
            f'sys.path.insert(0, {os.path.dirname(_testrust.__file__)!r})\n'
            'import _testrust\n'
            'assert _testrust.pack(1, 2) == (1, 2)\n'
            'assert _testrust.Holder(3).get() == 3\n'
            'assert _testrust.count_calls() == 1\n')
        self.assertIsNone(error)


class ModuleStateTests(unittest.TestCase):

    def test_state_is_per_module(self):
        first, second = fresh_module(), fresh_module()
        self.assertIsNot(first, second)
        self.assertEqual([first.count_calls() for _ in range(3)], [1, 2, 3])
        self.assertEqual(second.count_calls(), 1)

    def test_remember(self):
        module = fresh_module()
        first, second = Target(), Target()
        self.assertIsNone(module.remember(first))
        self.assertIs(module.remember(second), first)
        self.assertIs(module.remember(None), second)

    def test_state_released_with_the_module(self):
        output = run_in_fresh_interpreter(self, (
            'remembered = Target()\n'
            'ref = weakref.ref(remembered)\n'
            'module.remember(remembered)\n'
            'del remembered\n'
            'alive_with_module = ref() is not None\n'
            'del module\n'
            'gc.collect()\n'
            'print(alive_with_module, ref() is not None)\n'))
        self.assertEqual(output, 'True False\n')

    def test_cycle_through_the_state_is_collected(self):
        # module -> state -> obj -> module: only the collector, through the
        # state's traverse and clear, can free it.
        output = run_in_fresh_interpreter(self, (
            'obj = Target()\n'
            'obj.module = module\n'
            'module.remember(obj)\n'
            'module_ref, obj_ref = weakref.ref(module), weakref.ref(obj)\n'
            'del module, obj\n'
            'gc.collect()\n'
            'print(module_ref() is None, obj_ref() is None)\n'))
        self.assertEqual(output, 'True True\n')

    @unittest.skipUnless(FREE_THREADED, 'needs a free-threaded build')
    def test_threads_share_the_state(self):
        import threading

        module = fresh_module()
        threads = [threading.Thread(target=lambda: [module.count_calls() for _ in range(1000)])
                   for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(module.count_calls(), 4001)


class BufferTests(unittest.TestCase):

    def test_bytes_like_objects(self):
        import array
        cases = [
            (b'abc', (3, True, 294)),
            (b'', (0, True, 0)),
            (bytearray(b'\x01\x02'), (2, False, 3)),
            (memoryview(b'xyz'), (3, True, 363)),
            (memoryview(bytearray(b'\xff')), (1, False, 255)),
            (array.array('B', [1, 2, 3]), (3, False, 6)),
        ]
        for data, summary in cases:
            with self.subTest(data=data):
                self.assertEqual(_testrust.buffer_summary(data), summary)
                self.assertEqual(_testrust.buffer_copy(data), bytes(data))

    def test_not_bytes_like(self):
        with self.assertRaisesRegex(TypeError, "^a bytes-like object is required, not 'str'$"):
            _testrust.buffer_summary('text')
        with self.assertRaisesRegex(TypeError, "^a bytes-like object is required, not 'int'$"):
            _testrust.buffer_summary(3)

    def test_not_contiguous(self):
        with self.assertRaises(BufferError):
            _testrust.buffer_summary(memoryview(b'abcd')[::2])

    def test_export_is_released(self):
        # A bytearray cannot be resized while exported.
        data = bytearray(b'abc')
        _testrust.buffer_summary(data)
        data.extend(b'def')
        self.assertEqual(data, b'abcdef')

    @unittest.skipUnless(FREE_THREADED, 'needs a free-threaded build')
    def test_bytearray_written_by_other_threads(self):
        import threading

        data = bytearray(4096)
        stop = threading.Event()

        def writer():
            value = 0
            while not stop.is_set():
                value = (value + 1) % 256
                data[value] = value
                data[-1 - value] = value

        def reader(results):
            for _ in range(200):
                results.append(len(_testrust.buffer_copy(data)))

        results = []
        writers = [threading.Thread(target=writer) for _ in range(2)]
        readers = [threading.Thread(target=reader, args=(results,)) for _ in range(2)]
        for thread in writers + readers:
            thread.start()
        for thread in readers:
            thread.join()
        stop.set()
        for thread in writers:
            thread.join()
        self.assertEqual(results, [4096] * 400)


class CriticalSectionTests(unittest.TestCase):

    def test_returns_the_result(self):
        self.assertEqual(_testrust.in_critical_section([], lambda: 42), 42)

    def test_released_after_an_exception(self):
        target = []

        def fail():
            raise KeyError('inside')

        for _ in range(3):
            with self.assertRaisesRegex(KeyError, 'inside'):
                _testrust.in_critical_section(target, fail)
        target.append(1)
        self.assertEqual(_testrust.in_critical_section(target, lambda: list(target)), [1])

    @unittest.skipUnless(FREE_THREADED, 'needs a free-threaded build')
    def test_excludes_other_threads(self):
        import threading

        shared = []
        counter = [0]

        def increment_in_section():
            def increment():
                value = counter[0]
                for _ in range(10):
                    pass
                counter[0] = value + 1
            for _ in range(2000):
                _testrust.in_critical_section(shared, increment)

        threads = [threading.Thread(target=increment_in_section) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(counter[0], 8000)


if __name__ == '__main__':
    unittest.main()
