"""Tests of the classes of _testrust (Modules/_testrust): heap types whose
instances hold a Rust value, made with cpython-api's ClassDef.
"""

import gc
import inspect
import sys
import unittest
import weakref

# What is under test: if it cannot be imported, the tests must fail, not skip.
import _testrust

from test_testrust import Target, run_in_fresh_interpreter


class HolderTests(unittest.TestCase):

    def test_instances_hold_a_value(self):
        holder = _testrust.Holder(1)
        self.assertIs(type(holder), _testrust.Holder)
        self.assertEqual(holder.get(), 1)
        self.assertEqual(holder.set('two'), 1)
        self.assertEqual(holder.get(), 'two')

    def test_class_attributes(self):
        Holder = _testrust.Holder
        self.assertEqual(Holder.__module__, '_testrust')
        self.assertEqual(Holder.__qualname__, 'Holder')
        self.assertEqual(Holder.__doc__, 'Holds one object.')
        self.assertEqual(Holder.__text_signature__, '(value, /)')
        self.assertEqual(str(inspect.signature(Holder.set)), '(self, value, /)')
        with self.assertRaises(TypeError):
            Holder.new_attribute = 1  # an immutable type

    def test_init_checks_the_arguments(self):
        for args, kwargs in [((), {}), ((1, 2), {}), ((1,), {'x': 2})]:
            with self.subTest(args=args, kwargs=kwargs):
                with self.assertRaisesRegex(TypeError, '^Holder\\(\\) takes exactly one positional argument$'):
                    _testrust.Holder(*args, **kwargs)

    def test_init_runs_again(self):
        holder = _testrust.Holder(1)
        holder.__init__(2)
        self.assertEqual((holder.get(), holder.init_calls), (2, 2))

    def test_attributes(self):
        holder = _testrust.Holder(1)
        self.assertEqual(holder.value, 1)
        holder.value = 'new'
        self.assertEqual(holder.get(), 'new')
        with self.assertRaisesRegex(AttributeError, "^cannot delete attribute 'value'$"):
            del holder.value
        self.assertEqual(holder.init_calls, 1)
        with self.assertRaises(AttributeError):
            holder.init_calls = 5
        with self.assertRaises(AttributeError):
            holder.undefined = 1  # no __dict__
        self.assertEqual(_testrust.Holder.value.__doc__, 'The object held.')

    def test_innermost(self):
        Holder = _testrust.Holder

        class Sub(Holder):
            pass

        innermost = Holder(Sub(Holder('end')))
        self.assertEqual(innermost.innermost, 'end')
        innermost.innermost = 'new end'
        self.assertEqual(innermost.get().get().get(), 'new end')
        self.assertEqual(Holder(None).innermost, None)
        with self.assertRaisesRegex(AttributeError, "^cannot delete attribute 'innermost'$"):
            del innermost.innermost

    def test_repr(self):
        self.assertEqual(repr(_testrust.Holder([1, 'a'])), "Holder([1, 'a'])")

    def test_equality_and_hash(self):
        Holder = _testrust.Holder
        self.assertEqual(Holder(1), Holder(1))
        self.assertNotEqual(Holder(1), Holder(2))
        self.assertNotEqual(Holder(1), 1)
        self.assertEqual(hash(Holder('key')), hash('key'))
        self.assertEqual(len({Holder(1), Holder(1), Holder(2)}), 2)
        with self.assertRaises(TypeError):
            Holder(1) < Holder(2)
        with self.assertRaises(TypeError):
            hash(Holder([]))

    def test_errors_in_comparison_and_hash_propagate(self):
        class Broken:
            def __eq__(self, other):
                raise KeyError('eq')

            def __hash__(self):
                raise KeyError('hash')

        with self.assertRaisesRegex(KeyError, 'eq'):
            _testrust.Holder(Broken()) == _testrust.Holder(1)
        with self.assertRaisesRegex(KeyError, 'hash'):
            hash(_testrust.Holder(Broken()))

    def test_hash_of_minus_one(self):
        # -1 means "error" to C: CPython turns a hash of -1 into -2.
        self.assertEqual(hash(_testrust.Holder(-1)), hash(-1))

    def test_subclass(self):
        class Pair(_testrust.Holder):
            def __init__(self, first, second):
                super().__init__((first, second))
                self.note = 'subclass attribute'

        pair = Pair(1, 2)
        self.assertIsInstance(pair, _testrust.Holder)
        self.assertEqual(pair.get(), (1, 2))
        self.assertEqual(pair.note, 'subclass attribute')
        self.assertEqual(repr(pair), 'Pair((1, 2))')
        self.assertEqual(pair, _testrust.Holder((1, 2)))
        ref = weakref.ref(pair)
        del pair
        gc.collect()
        self.assertIsNone(ref())

    def test_method_on_wrong_object(self):
        with self.assertRaises(TypeError):
            _testrust.Holder.get(object())

    def test_defining_class_reaches_module_state(self):
        output = run_in_fresh_interpreter(self, (
            'holder = module.Holder(None)\n'
            'print(holder.count_module_calls(), holder.count_module_calls(), module.count_calls())\n'))
        self.assertEqual(output, '1 2 3\n')

    def test_instance_freed(self):
        held = Target()
        ref = weakref.ref(held)
        holder = _testrust.Holder(held)
        del held
        self.assertIsNotNone(ref())
        del holder
        self.assertIsNone(ref())

    def test_cycle_through_an_instance_is_collected(self):
        obj = Target()
        obj.holder = _testrust.Holder(obj)
        ref = weakref.ref(obj)
        del obj
        gc.collect()
        self.assertIsNone(ref())


class CountdownTests(unittest.TestCase):

    def test_iterates(self):
        self.assertEqual(list(_testrust.Countdown(4)), [3, 2, 1, 0])
        self.assertEqual(list(_testrust.Countdown(0)), [])
        countdown = _testrust.Countdown(1)
        self.assertIs(iter(countdown), countdown)
        self.assertEqual(next(countdown), 0)
        with self.assertRaises(StopIteration):
            next(countdown)

    def test_final(self):
        with self.assertRaisesRegex(TypeError, 'not an acceptable base type'):
            class Sub(_testrust.Countdown):
                pass

    def test_shared_by_threads(self):
        import threading

        countdown = _testrust.Countdown(20000)
        seen = [[] for _ in range(4)]
        threads = [threading.Thread(target=lambda items: items.extend(countdown), args=(items,)) for items in seen]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(item for items in seen for item in items), list(range(20000)))


class RelayTests(unittest.TestCase):

    def test_relays_its_source(self):
        relay = _testrust.Relay(iter('ab'))
        self.assertIs(iter(relay), relay)
        self.assertEqual(next(relay), 'a')
        relay.source = _testrust.Countdown(2)
        self.assertEqual(list(relay), [1, 0])
        with self.assertRaises(StopIteration):
            next(relay)
        self.assertEqual(list(_testrust.Relay(_testrust.Relay(iter([1, 2])))), [1, 2])

    def test_errors_propagate(self):
        def failing():
            yield 1
            raise KeyError('from the source')

        relay = _testrust.Relay(failing())
        self.assertEqual(next(relay), 1)
        with self.assertRaisesRegex(KeyError, 'from the source'):
            next(relay)

    def test_source_must_be_an_iterator(self):
        for source in ([1], None, 3):
            with self.subTest(source=source):
                with self.assertRaisesRegex(
                        TypeError,
                        f"^'{type(source).__name__}' object is not an iterator$"):
                    next(_testrust.Relay(source))

    def test_attribute(self):
        source = iter(())
        relay = _testrust.Relay(source)
        self.assertIs(relay.source, source)
        with self.assertRaisesRegex(AttributeError, "^cannot delete attribute 'source'$"):
            del relay.source

    def test_cycle_through_an_instance_is_collected(self):
        relay = _testrust.Relay(None)
        relay.source = relay
        target = Target()
        target.relay = relay
        relay.source = iter([target])
        ref = weakref.ref(target)
        del relay, target
        gc.collect()
        self.assertIsNone(ref())


class BlobTests(unittest.TestCase):

    def test_exports_its_bytes(self):
        source = bytearray(b'payload')
        blob = _testrust.Blob(source)
        source[0] = 0  # the blob holds a copy
        self.assertEqual(bytes(blob), b'payload')
        with memoryview(blob) as view:
            self.assertTrue(view.readonly)
            self.assertEqual(view.tobytes(), b'payload')
            self.assertEqual((view.format, view.itemsize, view.ndim), ('B', 1, 1))
        self.assertEqual(_testrust.buffer_copy(blob), b'payload')

    def test_writable_request_refused(self):
        # As for bytes: the export is read-only.
        import io
        with self.assertRaisesRegex(TypeError, '^readinto\\(\\) argument must be read-write bytes-like object, '
                                               'not _testrust.Blob$'):
            io.BytesIO(b'ab').readinto(_testrust.Blob(b'xy'))

    def test_export_keeps_the_blob_alive(self):
        view = memoryview(_testrust.Blob(b'kept'))
        gc.collect()
        self.assertEqual(view.tobytes(), b'kept')
        view.release()


if __name__ == '__main__':
    unittest.main()
