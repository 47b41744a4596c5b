"""Every entry point of _testrust, called many times, leaves the reference
counts of its arguments and results, the interpreter's total reference count
(on debug builds) and the memory in use as they were, whether it returns or
raises. A test also checks that no entry point is missing here.
"""

import os
import unittest

# What is under test: if it cannot be imported, the tests must fail, not skip.
import _testrust

from leak_check import assert_no_leak
from test_testrust import Target, fresh_module
from test_testrust_types import (Boom, BoolRaises, Bytes, Floaty, FloatRaises, Index, IndexRaises, Sized)


def raising(function, argument, error):
    def call():
        try:
            function(argument)
        except error:
            pass
    return call


def without_stderr(function, argument):
    """function(argument) with file descriptor 2 sent to the null device:
    what a panic on a Rust thread prints, once per call of a leak check."""
    def call():
        saved = os.dup(2)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
        try:
            function(argument)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    return call


def leak_cases():
    """{entry point: [(call, *objects whose refcounts must not change)]}."""
    obj, other, message = Target(), Target(), ''.join(['a ', 'message'])
    data, items_list = bytearray(b'some bytes'), [1, 2]
    big, index, floaty = 2**62 + 1, Index(2**40), Floaty(2.5)
    truth, text, byte_data = Sized(3), ''.join(['caf\xe9 ', 'au lait']), Bytes(b'some bytes')
    module = fresh_module()
    holder = _testrust.Holder(obj)
    nested = _testrust.Holder(_testrust.Holder(obj))
    relay = _testrust.Relay(obj)

    def raise_value_error():
        raise ValueError('x')

    return {
        'return_none': [(_testrust.return_none,)],
        'pack': [(lambda: _testrust.pack(obj, other, obj), obj, other)],
        'byte_range': [(lambda: _testrust.byte_range(100),), (raising(_testrust.byte_range, -1, ValueError),)],
        'raise_value_error': [(raising(_testrust.raise_value_error, message, ValueError), message)],
        'raise_chained': [(raising(_testrust.raise_chained, message, ValueError), message)],
        'raise_module_error': [(raising(module.raise_module_error, message, module.Error), message)],
        'catch_and_describe': [(lambda: _testrust.catch_and_describe(raise_value_error), raise_value_error)],
        'panic_with': [(raising(_testrust.panic_with, message, SystemError), message)],
        'panic_detached': [(raising(_testrust.panic_detached, message, SystemError), message)],
        'panic_in_thread': [(without_stderr(_testrust.panic_in_thread, message), message)],
        'keywords': [(lambda: _testrust.keywords(obj, key=other), obj, other)],
        'count_calls': [(module.count_calls,)],
        'remember': [(lambda: module.remember(obj), obj)],
        'buffer_summary': [(lambda: _testrust.buffer_summary(data), data),
                           (raising(_testrust.buffer_summary, message, TypeError), message)],
        'buffer_copy': [(lambda: _testrust.buffer_copy(data), data)],
        'in_critical_section': [(lambda: _testrust.in_critical_section(items_list, lambda: obj), items_list, obj)],
        'roundtrip_i64': [(lambda: _testrust.roundtrip_i64(big), big),
                          (raising(_testrust.roundtrip_i64, 2**64, OverflowError),)],
        'roundtrip_u64': [(lambda: _testrust.roundtrip_u64(index), index),
                          (raising(_testrust.roundtrip_u64, -1, OverflowError),)],
        'roundtrip_isize': [(lambda: _testrust.roundtrip_isize(big), big)],
        'roundtrip_usize': [(lambda: _testrust.roundtrip_usize(index), index),
                            (raising(_testrust.roundtrip_usize, IndexRaises(), Boom),)],
        'roundtrip_float': [(lambda: _testrust.roundtrip_float(floaty), floaty),
                            (raising(_testrust.roundtrip_float, FloatRaises(), Boom),)],
        'truthiness': [(lambda: _testrust.truthiness(truth), truth),
                       (raising(_testrust.truthiness, BoolRaises(), Boom),)],
        'roundtrip_str': [(lambda: _testrust.roundtrip_str(text), text),
                          (raising(_testrust.roundtrip_str, 1.5, TypeError),)],
        'utf8_length': [(lambda: _testrust.utf8_length(text), text),
                        (raising(_testrust.utf8_length, ''.join(['\ud800', 'x']), UnicodeEncodeError),)],
        'ascii_fast_path': [(lambda: _testrust.ascii_fast_path('ascii only'),)],
        'make_bytearray': [(lambda: _testrust.make_bytearray(100),),
                           (raising(_testrust.make_bytearray, -1, OverflowError),)],
        'bytearray_of': [(lambda: _testrust.bytearray_of(byte_data), byte_data)],
        'bytes_view_sum': [(lambda: _testrust.bytes_view_sum(byte_data), byte_data),
                           (raising(_testrust.bytes_view_sum, data, TypeError), data)],
        'Holder': [(lambda: _testrust.Holder(obj), obj),
                   (raising(lambda args: _testrust.Holder(*args), (), TypeError),)],
        'Holder.get': [(holder.get, holder, obj)],
        'Holder.set': [(lambda: holder.set(obj), holder, obj)],
        'Holder.value': [(lambda: holder.value, holder, obj)],
        'Holder.init_calls': [(lambda: holder.init_calls, holder)],
        'Holder.innermost': [(lambda: nested.innermost, nested, obj),
                             (lambda: setattr(nested, 'innermost', obj), nested, obj)],
        'Holder.count_module_calls': [(holder.count_module_calls, holder)],
        'Holder.__repr__': [(lambda: repr(holder), holder)],
        'Holder.__eq__': [(lambda: holder == holder, holder), (lambda: holder == obj, holder, obj)],
        'Holder.__hash__': [(lambda: hash(_testrust.Holder(message)), message)],
        'Countdown': [(lambda: list(_testrust.Countdown(5)),)],
        'Relay': [(lambda: list(_testrust.Relay(iter([obj, other]))), obj, other),
                  (raising(lambda source: next(_testrust.Relay(source)), obj, TypeError), obj)],
        'Relay.source': [(lambda: relay.source, relay, obj),
                         (lambda: setattr(relay, 'source', obj), relay, obj)],
        'Blob': [(lambda: bytes(_testrust.Blob(message.encode())),),
                 (lambda: memoryview(_testrust.Blob(b'data')).release(),)],
    }


def public_entry_points():
    """The functions of _testrust, and its classes with their methods and attributes."""
    names = set()
    for name, value in vars(_testrust).items():
        if name.startswith('_') or not callable(value) or isinstance(value, type) and issubclass(value, BaseException):
            continue
        names.add(name)
        if isinstance(value, type):
            names.update(f'{name}.{member}' for member in vars(value)
                         if not member.startswith('_') or member in ('__repr__', '__eq__', '__hash__'))
    return names


class LeakTests(unittest.TestCase):

    def test_entry_points(self):
        for name, cases in leak_cases().items():
            for index, (call, *watched) in enumerate(cases):
                with self.subTest(name, case=index):
                    assert_no_leak(self, call, *watched)

    def test_every_entry_point_is_checked(self):
        self.assertEqual(public_entry_points() - leak_cases().keys(), set())


if __name__ == '__main__':
    unittest.main()
