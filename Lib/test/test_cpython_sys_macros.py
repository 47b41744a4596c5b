"""Compare cpython-sys's hand-written equivalents of C macros with the macros.

_testrustprobe (Modules/cpython-sys/tests/probe) wraps the Rust equivalents
(Modules/cpython-sys/src/); _testcprobe
wraps the C macros and static inline functions under the same names, with
the same reference handling.  _testcprobe is compiled here, from
cpython_sys_probe/_testcprobe.c, against the headers of the interpreter
running the tests, so both sides see the same objects in the same process and
any difference is a bug in cpython-sys.
"""

import concurrent.futures
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import unittest
import weakref

try:
    import ctypes
except ImportError:
    ctypes = None

# What is under test: if it cannot be imported, the tests must fail, not skip.
import _testrustprobe

from leak_check import assert_no_leak

PROBE_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            'cpython_sys_probe', '_testcprobe.c')
HAS_IMMORTAL_OBJECTS = sys.version_info >= (3, 12)
# From 3.14 _Py_Dealloc itself defers a deallocation when the C stack is
# nearly used up, before the deallocator runs (Py_TRASHCAN_BEGIN/END are
# empty), and the recursion guard measures the C stack instead of counting
# levels.
TRASHCAN_IN_DEALLOC = sys.version_info >= (3, 14)
GUARD_MEASURES_STACK = sys.version_info >= (3, 14)
# Levels of a probe's recursion (32 bytes of stack or fewer each) by which two
# measurements from the same place may differ; far fewer than the 1000 levels
# a change of the recursion limit would add if the guard still counted.
STACK_DEPTH_TOLERANCE = 100
FREE_THREADED = bool(sysconfig.get_config_var('Py_GIL_DISABLED'))

_testcprobe = None


def setUpModule():
    global _testcprobe
    build_dir = tempfile.TemporaryDirectory()
    unittest.addModuleCleanup(build_dir.cleanup)
    _testcprobe = import_extension('_testcprobe', compile_probe(build_dir.name))


def header_dirs():
    """The directories of Python.h and pyconfig.h for this interpreter."""
    config_h = sysconfig.get_config_h_filename()
    if sysconfig.is_python_build():
        # Run from a source tree: INCLUDEPY names the not-yet-installed copy.
        python_h_dir = os.path.join(sysconfig.get_config_var('srcdir'), 'Include')
    else:
        python_h_dir = sysconfig.get_config_var('INCLUDEPY') or ''
    for header in (os.path.join(python_h_dir, 'Python.h'), config_h):
        if not os.path.isfile(header):
            raise unittest.SkipTest(f'no C headers for this interpreter: '
                                    f'{header} does not exist')
    return [python_h_dir, os.path.dirname(config_h)]


def compile_probe(directory):
    """Compile _testcprobe.c into directory; return the extension's path."""
    compiler = shlex.split(os.environ.get('CC') or 'cc')
    if shutil.which(compiler[0]) is None:
        raise unittest.SkipTest(f'no C compiler: {compiler[0]!r} not found')
    output = os.path.join(directory,
                          '_testcprobe' + sysconfig.get_config_var('EXT_SUFFIX'))
    command = [*compiler, '-shared', '-fPIC', '-O2',
               *(f'-I{path}' for path in header_dirs()),
               PROBE_SOURCE, '-o', output]
    result = subprocess.run(command, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f'compiling the C probe failed: '
                           f'{shlex.join(command)}\n{result.stderr}')
    return output


def import_extension(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def implementations():
    return {'Rust': _testrustprobe, 'C': _testcprobe}


class Target:
    """A mortal object that supports weak references."""


def mortal_objects():
    """Objects created at run time, which are never immortal."""
    return {
        'fresh object': Target(),
        'list': [1, 2, 3],
        'tuple': tuple(range(3)),
        'str': ''.join(['cpython', '-sys']),
        'large int': int('1' * 30),
    }


def immortal_objects():
    """Objects that are immortal from 3.12 on (and mortal before)."""
    return {
        'None': None,
        'True': True,
        'False': False,
        'small int': 7,
        'empty tuple': (),
        'Ellipsis': ...,
    }


def sample_objects():
    """Mortal and immortal objects, and literals, whose immortality varies
    between versions and builds."""
    return {
        **mortal_objects(),
        **immortal_objects(),
        'str literal': 'cpython-sys macros',
        'tuple literal': (1, 'two', 3.0),
    }


class ReferenceCountTests(unittest.TestCase):

    def incref_decref_changes(self, module, obj):
        """How incref() then decref() change sys.getrefcount(obj)."""
        before = sys.getrefcount(obj)
        module.incref(obj)
        after_incref = sys.getrefcount(obj)
        module.decref(obj)
        after_decref = sys.getrefcount(obj)
        return after_incref - before, after_decref - after_incref

    def test_refcnt(self):
        for name, obj in sample_objects().items():
            with self.subTest(name):
                rust = _testrustprobe.refcnt(obj)
                c = _testcprobe.refcnt(obj)
                self.assertEqual(rust, c)
                self.assertEqual(rust, sys.getrefcount(obj))

    def test_incref_decref_of_mortal_objects(self):
        for name, obj in mortal_objects().items():
            for language, module in implementations().items():
                with self.subTest(name, implementation=language):
                    self.assertEqual(self.incref_decref_changes(module, obj),
                                     (1, -1))

    def test_incref_decref_of_immortal_objects(self):
        expected = (0, 0) if HAS_IMMORTAL_OBJECTS else (1, -1)
        for name, obj in immortal_objects().items():
            for language, module in implementations().items():
                with self.subTest(name, implementation=language):
                    self.assertEqual(self.incref_decref_changes(module, obj),
                                     expected)

    def test_incref_decref_agree(self):
        for name, obj in sample_objects().items():
            with self.subTest(name):
                self.assertEqual(self.incref_decref_changes(_testrustprobe, obj),
                                 self.incref_decref_changes(_testcprobe, obj))

    def test_incref_and_decref_of_the_other_implementation_pair_up(self):
        obj = Target()
        before = sys.getrefcount(obj)
        _testrustprobe.incref(obj)
        _testcprobe.decref(obj)
        self.assertEqual(sys.getrefcount(obj), before)
        _testcprobe.incref(obj)
        _testrustprobe.decref(obj)
        self.assertEqual(sys.getrefcount(obj), before)

    def test_decref_releases_the_reference_incref_took(self):
        for language, module in implementations().items():
            with self.subTest(implementation=language):
                obj = Target()
                ref = weakref.ref(obj)
                module.incref(obj)
                del obj
                self.assertIsNotNone(ref(), 'incref() did not keep it alive')
                # The call holds the only other reference, for its duration.
                module.decref(ref())
                self.assertIsNone(ref())

    def test_decref_to_zero_deallocates(self):
        # list_set_item() gives up the list's reference to the item it
        # replaces with Py_DECREF: here the last one.
        for language, module in implementations().items():
            with self.subTest(implementation=language):
                finalized = []
                holder = [Target()]
                weakref.finalize(holder[0], finalized.append, True)
                module.list_set_item(holder, 0, None)
                self.assertEqual(finalized, [True])

    @unittest.skipUnless(HAS_IMMORTAL_OBJECTS and not FREE_THREADED and sys.maxsize > 2**32,
                         'the low 32 bits of the count tell immortality on 64-bit 3.12+ '
                         'with the GIL only')
    def test_counts_near_and_inside_immortality(self):
        # Counts no test object reaches otherwise: the largest mortal ones,
        # immortal ones below the saturation point (3.14+: an increment goes
        # on up to _Py_IMMORTAL_INITIAL_REFCNT), at it, and all ones (the
        # saturation point before 3.14). Py_DECREF from all ones would be
        # reported as a negative count by 3.14's debug builds: not tried.
        increments = [2**31 - 2, 2**31 - 1, 2**31, 2**31 + 1, (3 << 30) - 1, 3 << 30,
                      (3 << 30) + 1, 2**32 - 2, 2**32 - 1]
        decrements = [2**31 - 1, 2**31, 2**31 + 1, (3 << 30) - 1, 3 << 30, (3 << 30) + 1]
        for operation, starts in (('incref_from', increments), ('decref_from', decrements)):
            for start in starts:
                with self.subTest(operation=operation, start=start):
                    obj = Target()
                    results = {language: getattr(module, operation)(obj, start)
                               for language, module in implementations().items()}
                    self.assertEqual(results['Rust'], results['C'])
                    low_half, _, immortal = results['Rust']
                    self.assertEqual(immortal, low_half >= 2**31)

    def test_xincref_xdecref_null(self):
        for language, module in implementations().items():
            with self.subTest(implementation=language):
                self.assertIsNone(module.xincref_xdecref_null())

    def test_newref(self):
        for name, obj in sample_objects().items():
            for language, module in implementations().items():
                with self.subTest(name, implementation=language):
                    before = sys.getrefcount(obj)
                    new = module.newref(obj)
                    self.assertIs(new, obj)
                    change = 0 if module.is_immortal(obj) else 1
                    self.assertEqual(sys.getrefcount(obj), before + change)
                    del new
                    self.assertEqual(sys.getrefcount(obj), before)

    def test_clear_new_reference(self):
        for name, obj in sample_objects().items():
            for language, module in implementations().items():
                with self.subTest(name, implementation=language):
                    before = sys.getrefcount(obj)
                    self.assertIs(module.clear_new_reference(obj), True)
                    self.assertEqual(sys.getrefcount(obj), before)

    def test_is_immortal(self):
        for name, obj in sample_objects().items():
            with self.subTest(name):
                self.assertIs(_testrustprobe.is_immortal(obj),
                              _testcprobe.is_immortal(obj))
        for name, obj in mortal_objects().items():
            with self.subTest(name):
                self.assertIs(_testrustprobe.is_immortal(obj), False)
        for name, obj in immortal_objects().items():
            with self.subTest(name):
                self.assertIs(_testrustprobe.is_immortal(obj), HAS_IMMORTAL_OBJECTS)


def call_in_other_thread(function, *args):
    """function(*args), in a new thread, which owns none of the objects
    that exist so far."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(function, *args).result()


def free_threaded_object_head():
    """A ctypes mirror of PyObject in free-threaded 3.13 (Include/object.h)."""
    class ObjectHead(ctypes.Structure):
        _fields_ = [
            ('ob_tid', ctypes.c_size_t),
            ('_padding', ctypes.c_uint16),
            ('ob_mutex', ctypes.c_uint8),
            ('ob_gc_bits', ctypes.c_uint8),
            ('ob_ref_local', ctypes.c_uint32),
            ('ob_ref_shared', ctypes.c_ssize_t),
            ('ob_type', ctypes.c_void_p),
        ]
    return ObjectHead


@unittest.skipUnless(FREE_THREADED, 'needs a free-threaded build')
class FreeThreadedReferenceCountTests(unittest.TestCase):
    """The thread that owns an object counts its references in ob_ref_local,
    any other thread in ob_ref_shared: Py_REFCNT is the sum of the two.

    Threads that must not keep references to the object past the call get a
    weak reference to it: what a thread was given (its callable and
    arguments) is released from that thread, after it has reported its
    result, and with free threading such a release by a non-owner is only
    applied later, by the owner."""

    def test_refcnt_in_other_thread(self):
        def refcnts(obj):
            # The owner may apply a queued release between two readings:
            # read until Rust's count is the same before and after C's.
            for _ in range(100):
                before, c = _testrustprobe.refcnt(obj), _testcprobe.refcnt(obj)
                if _testrustprobe.refcnt(obj) == before:
                    break
            return before, c

        for name, obj in sample_objects().items():
            with self.subTest(name):
                rust, c = call_in_other_thread(refcnts, obj)
                self.assertEqual(rust, c)

    def test_incref_decref_in_other_thread(self):
        def refcnts_around_incref_decref(module, ref):
            obj = ref()
            before = _testrustprobe.refcnt(obj), _testcprobe.refcnt(obj)
            module.incref(obj)
            after_incref = _testrustprobe.refcnt(obj), _testcprobe.refcnt(obj)
            module.decref(obj)
            after_decref = _testrustprobe.refcnt(obj), _testcprobe.refcnt(obj)
            return before, after_incref, after_decref

        for language, module in implementations().items():
            with self.subTest(implementation=language):
                obj = Target()
                before = sys.getrefcount(obj)
                (rust, c), after_incref, after_decref = call_in_other_thread(
                    refcnts_around_incref_decref, module, weakref.ref(obj))
                self.assertEqual(rust, c)
                self.assertEqual(after_incref, (rust + 1, rust + 1))
                self.assertEqual(after_decref, (rust, rust))
                self.assertEqual(sys.getrefcount(obj), before)

    def test_incref_in_other_thread_decref_in_owner(self):
        def incref(module, ref):
            module.incref(ref())

        pairs = [(_testrustprobe, _testcprobe), (_testcprobe, _testrustprobe),
                 (_testrustprobe, _testrustprobe), (_testcprobe, _testcprobe)]
        for incref_module, decref_module in pairs:
            with self.subTest(incref=incref_module.__name__,
                              decref=decref_module.__name__):
                obj = Target()
                before = sys.getrefcount(obj)
                call_in_other_thread(incref, incref_module, weakref.ref(obj))
                self.assertEqual(sys.getrefcount(obj), before + 1)
                self.assertEqual(_testrustprobe.refcnt(obj), _testcprobe.refcnt(obj))
                decref_module.decref(obj)
                self.assertEqual(sys.getrefcount(obj), before)
                self.assertEqual(_testrustprobe.refcnt(obj), _testcprobe.refcnt(obj))

    @unittest.skipIf(ctypes is None, 'needs ctypes to read the counts')
    def test_owner_counts_locally_other_threads_shared(self):
        # Py_REFCNT only shows the sum: reading the two fields is what tells
        # whether _Py_ThreadId() agrees with the owner recorded by C.
        ObjectHead = free_threaded_object_head()
        shared_unit = 1 << 2  # _Py_REF_SHARED_SHIFT: the low bits are flags

        def counts_around_incref_decref(module, obj, head):
            before = head.ob_ref_local, head.ob_ref_shared
            module.incref(obj)
            after_incref = head.ob_ref_local, head.ob_ref_shared
            module.decref(obj)
            return before, after_incref, (head.ob_ref_local, head.ob_ref_shared)

        def in_thread(module, ref, head):
            return counts_around_incref_decref(module, ref(), head)

        for language, module in implementations().items():
            with self.subTest(implementation=language):
                obj = Target()
                head = ObjectHead.from_address(id(obj))
                self.assertEqual(head.ob_type, id(Target))

                (local, shared), after_incref, after_decref = (
                    counts_around_incref_decref(module, obj, head))
                self.assertEqual(after_incref, (local + 1, shared))
                self.assertEqual(after_decref, (local, shared))

                (local, shared), after_incref, after_decref = (
                    call_in_other_thread(in_thread, module,
                                         weakref.ref(obj), head))
                self.assertEqual(after_incref, (local, shared + shared_unit))
                self.assertEqual(after_decref, (local, shared))

    def test_immortal_objects_in_other_thread(self):
        def changes(module, obj):
            before = module.refcnt(obj)
            module.incref(obj)
            after_incref = module.refcnt(obj)
            module.decref(obj)
            return after_incref - before, module.refcnt(obj) - after_incref

        for name, obj in immortal_objects().items():
            for language, module in implementations().items():
                with self.subTest(name, implementation=language):
                    self.assertEqual(call_in_other_thread(changes, module, obj),
                                     (0, 0))


class ObjectTests(unittest.TestCase):

    def test_type_of(self):
        for name, obj in sample_objects().items():
            for language, module in implementations().items():
                with self.subTest(name, implementation=language):
                    self.assertIs(module.type_of(obj), type(obj))

    def test_size_of(self):
        class ListSubclass(list):
            pass

        variable_size_objects = {
            'tuple': (1, 2, 3),
            'empty tuple': (),
            'list': [1, 2, 3, 4],
            'list subclass': ListSubclass([1, 2]),
            'bytes': b'12345',
            'bytearray': bytearray(b'123456'),
        }
        for name, obj in variable_size_objects.items():
            for language, module in implementations().items():
                with self.subTest(name, implementation=language):
                    self.assertEqual(module.size_of(obj), len(obj))

    def test_is_type(self):
        class IntSubclass(int):
            pass

        cases = [
            (1, int, True),
            (True, bool, True),
            (True, int, False),
            (IntSubclass(1), IntSubclass, True),
            (IntSubclass(1), int, False),
            (Target(), Target, True),
            (Target(), object, False),
            (int, type, True),
        ]
        for obj, cls, expected in cases:
            for language, module in implementations().items():
                with self.subTest(obj=obj, type=cls, implementation=language):
                    self.assertIs(module.is_type(obj, cls), expected)

    def test_argument_count_is_checked(self):
        for language, module in implementations().items():
            with self.subTest(implementation=language):
                with self.assertRaisesRegex(TypeError, r'is_type\(\) takes exactly 2'):
                    module.is_type(1)
                with self.assertRaisesRegex(TypeError, r'list_set_item\(\) takes exactly 3'):
                    module.list_set_item([1], 0)


class TupleTests(unittest.TestCase):

    def test_tuple_item(self):
        items = (Target(), 'two', None, [4])
        for language, module in implementations().items():
            for index, item in enumerate(items):
                with self.subTest(index=index, implementation=language):
                    self.assertIs(module.tuple_item(items, index), item)

    def test_tuple_size(self):
        for items in ((), (1,), tuple(range(100))):
            for language, module in implementations().items():
                with self.subTest(size=len(items), implementation=language):
                    self.assertEqual(module.tuple_size(items), len(items))


class ListTests(unittest.TestCase):

    def test_list_item(self):
        items = [Target(), 'two', None, [4]]
        for language, module in implementations().items():
            for index, item in enumerate(items):
                with self.subTest(index=index, implementation=language):
                    self.assertIs(module.list_item(items, index), item)

    def test_list_size(self):
        grown = []
        for i in range(10):
            grown.append(i)  # over-allocates: size and capacity differ
        for items in ([], [1], list(range(100)), grown):
            for language, module in implementations().items():
                with self.subTest(size=len(items), implementation=language):
                    self.assertEqual(module.list_size(items), len(items))

    def test_list_set_item(self):
        for language, module in implementations().items():
            with self.subTest(implementation=language):
                old, new = Target(), Target()
                items = [1, old, 3]
                old_before = sys.getrefcount(old)
                new_before = sys.getrefcount(new)
                self.assertIsNone(module.list_set_item(items, 1, new))
                self.assertEqual(items, [1, new, 3])
                self.assertIs(items[1], new)
                self.assertEqual(sys.getrefcount(old), old_before - 1)
                self.assertEqual(sys.getrefcount(new), new_before + 1)

    def test_list_set_item_same_object(self):
        # The new reference is taken before the old one is released, so
        # storing an item over itself must not free it.
        for language, module in implementations().items():
            with self.subTest(implementation=language):
                items = [Target()]
                ref = weakref.ref(items[0])
                before = sys.getrefcount(ref())
                module.list_set_item(items, 0, ref())
                self.assertIs(items[0], ref())
                self.assertEqual(sys.getrefcount(ref()), before)


class BytesTests(unittest.TestCase):

    def test_bytes_address(self):
        for data in (b'', b'x', bytes(range(256))):
            with self.subTest(size=len(data)):
                address = _testrustprobe.bytes_address(data)
                self.assertEqual(address, _testcprobe.bytes_address(data))
                # ob_sval is the last field; tp_basicsize counts its NUL.
                self.assertEqual(address - id(data), bytes.__basicsize__ - 1)

    def test_bytes_size(self):
        for data in (b'', b'x', bytes(range(256))):
            for language, module in implementations().items():
                with self.subTest(size=len(data), implementation=language):
                    self.assertEqual(module.bytes_size(data), len(data))


class Text(str):
    """A str subclass: its instances keep their characters in a separate
    block (PyUnicodeObject.data), as strings that are not compact do."""


def fresh_strings():
    """Compact strings made at run time, one per kind and representation,
    with no cached UTF-8 beside them."""
    return {
        'ASCII': ''.join(['cpython', '-sys']),
        'latin-1': ''.join(['caf', '\xe9']),
        'BMP': ''.join(['\u20ac', '100']),
        'astral': ''.join(['\U0001f40d', ' snake']),
    }


def sample_strings():
    return {
        **fresh_strings(),
        'empty': '',
        'one latin-1 character': '\xe9',  # a cached singleton from 3.12 on
        'interned literal': 'cpython_sys',
        'subclass, ASCII': Text('cpython-sys'),
        'subclass, latin-1': Text('caf\xe9'),
        'subclass, BMP': Text('\u20ac100'),
        'subclass, astral': Text('\U0001f40d snake'),
        'subclass, empty': Text(''),
    }


def expected_kind(text):
    """PyUnicode_KIND: the bytes per character that the widest one needs."""
    widest = max(map(ord, text), default=0)
    return 1 if widest < 0x100 else 2 if widest < 0x10000 else 4


def canonical_bytes(text, kind):
    """What PyUnicode_DATA holds: the characters in kind bytes each, in the
    machine's byte order."""
    order = 'le' if sys.byteorder == 'little' else 'be'
    codec = {1: 'latin-1', 2: f'utf-16-{order}', 4: f'utf-32-{order}'}[kind]
    return text.encode(codec)


class UnicodeTests(unittest.TestCase):
    """The accessors of a str's canonical representation (PEP 393)."""

    accessors = ('unicode_is_ascii', 'unicode_is_compact',
                 'unicode_is_compact_ascii', 'unicode_kind', 'unicode_length',
                 'unicode_data_address')

    def test_rust_and_c_agree(self):
        for name, text in sample_strings().items():
            for accessor in self.accessors:
                with self.subTest(name, accessor=accessor):
                    self.assertEqual(getattr(_testrustprobe, accessor)(text),
                                     getattr(_testcprobe, accessor)(text))

    def test_values(self):
        for name, text in sample_strings().items():
            compact = type(text) is str
            for language, module in implementations().items():
                with self.subTest(name, implementation=language):
                    self.assertIs(module.unicode_is_ascii(text), text.isascii())
                    self.assertIs(module.unicode_is_compact(text), compact)
                    self.assertIs(module.unicode_is_compact_ascii(text),
                                  compact and text.isascii())
                    self.assertEqual(module.unicode_kind(text), expected_kind(text))
                    self.assertEqual(module.unicode_length(text), len(text))

    @unittest.skipIf(ctypes is None, 'needs ctypes to read the characters')
    def test_data_holds_the_characters(self):
        for name, text in sample_strings().items():
            kind = expected_kind(text)
            with self.subTest(name):
                address = _testrustprobe.unicode_data_address(text)
                stored = ctypes.string_at(address, (len(text) + 1) * kind)
                self.assertEqual(stored, canonical_bytes(text, kind) + bytes(kind))

    def test_compact_data_follows_the_header(self):
        # A compact string is one block: header, characters, NUL.  Its header
        # is PyASCIIObject when ASCII, the larger PyCompactUnicodeObject
        # otherwise.
        ascii_header = sys.getsizeof('') - 1
        for name, text in fresh_strings().items():
            kind = expected_kind(text)
            with self.subTest(name):
                offset = _testrustprobe.unicode_data_address(text) - id(text)
                self.assertEqual(offset, sys.getsizeof(text) - (len(text) + 1) * kind)
                if text.isascii():
                    self.assertEqual(offset, ascii_header)
                else:
                    self.assertGreater(offset, ascii_header)

    def test_bytes_check(self):
        class Bytes(bytes):
            pass
        objects = [b'bytes', b'', Bytes(b'sub'), bytes, 'text', bytearray(b'x'),
                   memoryview(b'x'), 1, None, Target()]
        for obj in objects:
            with self.subTest(obj=obj):
                self.assertIs(_testrustprobe.bytes_check(obj), _testcprobe.bytes_check(obj))
                self.assertIs(_testrustprobe.bytes_check(obj), isinstance(obj, bytes))

    def test_unicode_check(self):
        objects = ['text', '', Text('sub'), str, b'bytes', bytearray(b'x'), 1,
                   None, Target(), ['text']]
        for obj in objects:
            with self.subTest(obj=obj):
                self.assertIs(_testrustprobe.unicode_check(obj),
                              _testcprobe.unicode_check(obj))
                self.assertIs(_testrustprobe.unicode_check(obj), isinstance(obj, str))


class InitializerTests(unittest.TestCase):

    def test_object_head_init(self):
        self.assertEqual(_testrustprobe.object_head_init(),
                         _testcprobe.object_head_init())

    def test_module_def_head_init(self):
        self.assertEqual(_testrustprobe.module_def_head_init(),
                         _testcprobe.module_def_head_init())


class TypeCheckTests(unittest.TestCase):
    """The flag-based type checks of object.h and pyerrors.h."""

    def test_exception_checks(self):
        class Error(ValueError):
            pass

        objects = [ValueError('x'), Error(), ValueError, Error, BaseException,
                   KeyboardInterrupt(), 42, 'text', type, object(), None]
        for obj in objects:
            for check in ('exception_instance_check', 'exception_class_check'):
                with self.subTest(check=check, obj=obj):
                    self.assertIs(getattr(_testrustprobe, check)(obj),
                                  getattr(_testcprobe, check)(obj))
        self.assertIs(_testrustprobe.exception_instance_check(Error()), True)
        self.assertIs(_testrustprobe.exception_class_check(Error), True)
        self.assertIs(_testrustprobe.exception_class_check(Error()), False)

    def test_type_has_feature(self):
        class Heap:
            pass

        for cls in (int, str, bytes, list, dict, type, Heap, ValueError, bool):
            for bit in range(64 if sys.maxsize > 2**32 else 32):
                with self.subTest(cls=cls, bit=bit):
                    self.assertIs(_testrustprobe.type_has_feature(cls, 1 << bit),
                                  _testcprobe.type_has_feature(cls, 1 << bit))
        heap_type_flag = 1 << 9
        self.assertIs(_testrustprobe.type_has_feature(Heap, heap_type_flag), True)
        self.assertIs(_testrustprobe.type_has_feature(int, heap_type_flag), False)


def free_chain(module, make_link, length):
    """Build length links, each made by make_link(previous), free them all
    with the last reference, and return module.link_stats() for that:
    (deallocator calls, bodies run, deepest nesting of bodies)."""
    module.link_stats()
    chain = None
    for _ in range(length):
        chain = make_link(chain)
    del chain
    return module.link_stats()


def at_call_depth(depth, action):
    """action(), called depth levels deeper on the C stack: each level goes
    through map's C code back into Python, which spends one level of the C
    recursion budget (3.12+) or of the shared one (3.11)."""
    if depth == 0:
        return action()
    return next(map(lambda _: at_call_depth(depth - 1, action), [None]))


class TrashcanTests(unittest.TestCase):
    """Py_TRASHCAN against Py_TRASHCAN_BEGIN/END: each probe's Link frees
    itself through its trashcan and counts how its deallocator was entered;
    on the same chains, at the same depth of the C stack, the counts must be
    the same for Rust and C."""

    # Longer than the nesting at which the trashcan defers: from 3.14 that is
    # where the C stack runs out, some 87,000 links deep on an 8 MiB stack.
    LONG = 300_000 if TRASHCAN_IN_DEALLOC else 100_000

    def stats(self, length, make_link=None, depth=0):
        """{implementation: stats} of freeing a chain of Links."""
        def free_chains():
            # Both from the same frame: the C stack budget left depends on
            # how the calls above were specialized, which changes as they
            # warm up.
            return {
                language: free_chain(
                    module, make_link(module) if make_link else module.Link,
                    length)
                for language, module in implementations().items()
            }

        return at_call_depth(depth, free_chains)

    def assert_same_and_complete(self, results, length):
        if TRASHCAN_IN_DEALLOC:
            # How deep _Py_Dealloc lets deallocations nest depends on the
            # stack frames of each probe's deallocator, which differ (on
            # debug builds the Rust one also calls Py_DecRef): the nesting is
            # checked by each test against the chain's length instead.
            self.assertEqual(results['Rust'][:2], results['C'][:2])
        else:
            self.assertEqual(results['Rust'], results['C'])
        calls, bodies, deepest = results['Rust']
        self.assertEqual(bodies, length)
        return calls, bodies, deepest

    def test_short_chain_is_freed_directly(self):
        results = self.stats(10)
        self.assertEqual(self.assert_same_and_complete(results, 10), (10, 10, 10))

    def test_long_chain_is_deferred(self):
        calls, bodies, deepest = self.assert_same_and_complete(
            self.stats(self.LONG), self.LONG)
        # Deferred links are entered twice (from 3.14 only once, as
        # _Py_Dealloc defers them before calling it); nesting stays bounded.
        self.assert_deferred(calls, bodies)
        self.assertLess(deepest, self.LONG // 2)

    def assert_deferred(self, calls, bodies):
        if TRASHCAN_IN_DEALLOC:
            self.assertEqual(calls, bodies)
        else:
            self.assertGreater(calls, bodies)

    def test_subclass_defers_in_its_own_deallocator(self):
        # A Python subclass's deallocator (subtype_dealloc) has its own
        # trashcan and calls Link's, whose trashcan must then not defer:
        # every call of it runs its body.
        def subclass_of(module):
            return type('Sub', (module.Link,), {})

        calls, bodies, deepest = self.assert_same_and_complete(
            self.stats(self.LONG, subclass_of), self.LONG)
        self.assertEqual(calls, bodies)
        self.assertLess(deepest, self.LONG // 2)

    def test_chain_mixed_with_list_and_tuple(self):
        # Lists and tuples use the same per-thread trashcan state.
        def through_list_and_tuple(module):
            return lambda previous: module.Link([(previous,)])

        calls, bodies, deepest = self.assert_same_and_complete(
            self.stats(self.LONG, through_list_and_tuple), self.LONG)
        self.assert_deferred(calls, bodies)
        self.assertLess(deepest, self.LONG // 2)

    def test_headroom_at_depth(self):
        # On 3.13 the trashcan spends the C recursion budget: how deep the
        # chain is freed before deferring depends on what is left of it.
        for depth in (0, 50, 150):
            with self.subTest(depth=depth):
                self.assert_same_and_complete(
                    self.stats(self.LONG, depth=depth), self.LONG)

    def test_in_other_thread(self):
        results = call_in_other_thread(self.stats, self.LONG)
        self.assert_same_and_complete(results, self.LONG)


class RecursionGuardTests(unittest.TestCase):
    """_Py_EnterRecursiveCallTstate against the exported
    Py_EnterRecursiveCall: recursion_depth(where) of each probe enters the
    guard until it refuses, and reports how deep it got and the
    RecursionError's message."""

    def depths(self, where, depth=0):
        def both():
            # Both from the same frame, as in TrashcanTests.stats.
            return {language: module.recursion_depth(where)
                    for language, module in implementations().items()}

        return at_call_depth(depth, both)

    def assert_agree(self, results):
        """The same depth and message; from 3.14, where the guard measures
        the C stack, the same message only, but for the kilobytes of stack
        it reports: how many levels fit, and where exactly the last one
        stopped, depend on the size of each probe's own stack frame."""
        if GUARD_MEASURES_STACK:
            rust_message, c_message = (re.sub(r'\d+', 'N', results[language][1])
                                       for language in ('Rust', 'C'))
            self.assertEqual(rust_message, c_message)
            self.assertGreater(results['C'][0], 0)
        else:
            self.assertEqual(results['Rust'], results['C'])
        self.assertGreater(results['Rust'][0], 0)

    def assert_message(self, message, where):
        if GUARD_MEASURES_STACK:
            self.assertRegex(message, r'\AStack overflow \(used \d+ kB\)'
                             + re.escape(where) + r'\Z')
        else:
            self.assertEqual(message, 'maximum recursion depth exceeded' + where)

    def test_same_depth_and_message(self):
        for depth in (0, 50):
            with self.subTest(depth=depth):
                results = self.depths(' while probing', depth)
                self.assert_agree(results)
                self.assert_message(results['Rust'][1], ' while probing')

    def assert_same_budget(self, first, second):
        """Two calls of each probe reached the same depth; from 3.14 about
        the same: the stack the caller's frames leave varies by a few bytes."""
        for language in ('Rust', 'C'):
            if GUARD_MEASURES_STACK:
                self.assertLess(abs(first[language][0] - second[language][0]),
                                STACK_DEPTH_TOLERANCE)
            else:
                self.assertEqual(first[language], second[language])

    def test_levels_are_left(self):
        # Every level entered is left again: the budget is the same on the
        # next call.
        first = self.depths('')
        self.assert_same_budget(self.depths(''), first)
        self.assert_message(first['Rust'][1], '')

    def test_follows_the_recursion_limit(self):
        # 3.11 has one limit for Python and C; from 3.12 C code has its own.
        limit = sys.getrecursionlimit()
        self.addCleanup(sys.setrecursionlimit, limit)
        before = self.depths('')
        sys.setrecursionlimit(limit + 1000)
        after = self.depths('')
        self.assert_agree(after)
        if sys.version_info < (3, 12):
            self.assertEqual(after['Rust'][0], before['Rust'][0] + 1000)
        else:
            self.assert_same_budget(after, before)

    def test_in_other_thread(self):
        results = call_in_other_thread(self.depths, '')
        self.assert_agree(results)


class LeakTests(unittest.TestCase):
    """Every Rust entry point, called many times, leaves the reference
    counts of its arguments and results as they were."""

    def test_no_leaks(self):
        obj, first, second = Target(), Target(), Target()
        items_tuple = (first, second)
        items_list = [first, second]
        data = bytes(range(10))
        text = Text('\u20ac100')

        def incref_decref():
            _testrustprobe.incref(obj)
            _testrustprobe.decref(obj)

        def list_set_items():
            _testrustprobe.list_set_item(items_list, 0, second)
            _testrustprobe.list_set_item(items_list, 0, first)

        cases = {
            'refcnt': (lambda: _testrustprobe.refcnt(obj), obj),
            'incref, decref': (incref_decref, obj),
            'xincref_xdecref_null': (_testrustprobe.xincref_xdecref_null, None),
            'newref': (lambda: _testrustprobe.newref(obj), obj),
            'clear_new_reference': (lambda: _testrustprobe.clear_new_reference(obj), obj),
            'is_immortal': (lambda: _testrustprobe.is_immortal(obj), obj),
            'type_of': (lambda: _testrustprobe.type_of(obj), obj, Target),
            'size_of': (lambda: _testrustprobe.size_of(items_tuple), items_tuple),
            'is_type': (lambda: _testrustprobe.is_type(obj, Target), obj, Target),
            'tuple_item': (lambda: _testrustprobe.tuple_item(items_tuple, 1),
                           items_tuple, second),
            'tuple_size': (lambda: _testrustprobe.tuple_size(items_tuple), items_tuple),
            'list_item': (lambda: _testrustprobe.list_item(items_list, 1),
                          items_list, second),
            'list_size': (lambda: _testrustprobe.list_size(items_list), items_list),
            'list_set_item': (list_set_items, items_list, first, second),
            'bytes_address': (lambda: _testrustprobe.bytes_address(data), data),
            'bytes_size': (lambda: _testrustprobe.bytes_size(data), data),
            'object_head_init': (_testrustprobe.object_head_init,),
            'module_def_head_init': (_testrustprobe.module_def_head_init,),
            'exception_instance_check': (lambda: _testrustprobe.exception_instance_check(obj), obj),
            'exception_class_check': (lambda: _testrustprobe.exception_class_check(Target), Target),
            'type_has_feature': (lambda: _testrustprobe.type_has_feature(Target, 1 << 9), Target),
            'bytes_check': (lambda: _testrustprobe.bytes_check(data), data),
            'unicode_check': (lambda: _testrustprobe.unicode_check(text), text),
            'unicode_is_ascii': (lambda: _testrustprobe.unicode_is_ascii(text), text),
            'unicode_is_compact': (lambda: _testrustprobe.unicode_is_compact(text), text),
            'unicode_is_compact_ascii': (lambda: _testrustprobe.unicode_is_compact_ascii(text), text),
            'unicode_kind': (lambda: _testrustprobe.unicode_kind(text), text),
            'unicode_length': (lambda: _testrustprobe.unicode_length(text), text),
            'unicode_data_address': (lambda: _testrustprobe.unicode_data_address(text), text),
            'Link': (lambda: _testrustprobe.Link(obj), obj, _testrustprobe.Link),
            'link_stats': (_testrustprobe.link_stats,),
            'recursion_depth': (lambda: _testrustprobe.recursion_depth(text), text),
        }
        for name, (call, *watched) in cases.items():
            with self.subTest(name):
                assert_no_leak(self, call, *watched)


if __name__ == '__main__':
    unittest.main()
