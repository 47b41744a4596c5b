"""Deep recursion through the classes of _testrust (Modules/_testrust): what
crashed C's stack before cpython-api used CPython's trashcan and recursion
guard.

Each reproducer runs in a child interpreter, once in its main thread and
once in a thread with the default stack size, so that a crash fails one
test, naming the signal, instead of ending the test run.  Python's own
classes and C types survive the same shapes: a long chain is freed, and a
self-reference raises RecursionError.
"""

import os
import re
import signal
import subprocess
import sys
import textwrap
import unittest

# What is under test: if it cannot be imported, the tests must fail, not skip.
import _testrust

CHAIN_LENGTH = 1_000_000

# Runs reproduce() from the code before it, in the main thread or in a new
# thread, and prints its result or the exception it raised.
HARNESS = '''
import threading

def outcome():
    try:
        return repr(reproduce())
    except BaseException as error:
        return f'{type(error).__name__}: {error}'

if IN_THREAD:
    outcomes = []
    thread = threading.Thread(target=lambda: outcomes.append(outcome()))
    thread.start()
    thread.join()
    print(outcomes[0])
else:
    print(outcome())
'''


def run_reproducer(test, code, in_thread):
    """The line reproduce() printed in a child interpreter, or a failure of
    test if the child crashed or failed otherwise."""
    source = (f'import _testrust\nIN_THREAD = {in_thread}\n'
              + textwrap.dedent(code) + HARNESS)
    # The child finds _testrust where this interpreter found it.
    env = dict(os.environ,
               PYTHONPATH=os.pathsep.join(
                   [os.path.dirname(_testrust.__file__),
                    os.environ.get('PYTHONPATH', '')]))
    result = subprocess.run([sys.executable, '-X', 'faulthandler', '-c', source],
                            stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, env=env)
    if result.returncode < 0:
        test.fail(f'the child was killed by {signal.Signals(-result.returncode).name}:'
                  f'\n{result.stderr[-3000:]}')
    test.assertEqual(result.returncode, 0, result.stderr[-3000:])
    return result.stdout.strip()


class ReproducerTestCase(unittest.TestCase):

    def assertOutcome(self, code, expected):
        for in_thread in (False, True):
            with self.subTest(in_thread=in_thread):
                self.assertEqual(run_reproducer(self, code, in_thread), expected)

    def assertRecursionError(self, code, activity):
        if sys.version_info < (3, 14):
            self.assertOutcome(
                code, f'RecursionError: maximum recursion depth exceeded{activity}')
            return
        # From 3.14 the guard of C code measures the stack, and says how
        # much of it was used.
        expected = (r'\ARecursionError: Stack overflow \(used \d+ kB\)'
                    + re.escape(activity) + r'\Z')
        for in_thread in (False, True):
            with self.subTest(in_thread=in_thread):
                self.assertRegex(run_reproducer(self, code, in_thread), expected)


class DeallocationTests(ReproducerTestCase):
    """A long chain whose last reference goes frees each link from the
    previous one's deallocator: the trashcan bounds that nesting."""

    # A sentinel at the far end tells that the whole chain was freed.
    SENTINEL = '''
        freed = []

        class Sentinel:
            def __del__(self):
                freed.append(True)
        '''

    def assertChainFreed(self, make_link, setup=''):
        code = self.SENTINEL + setup + f'''
        def reproduce():
            make_link = {make_link}
            chain = Sentinel()
            for _ in range({CHAIN_LENGTH}):
                chain = make_link(chain)
            del chain
            return freed
        '''
        self.assertOutcome(code, '[True]')

    def test_holders(self):
        self.assertChainFreed('_testrust.Holder')

    def test_relays(self):
        self.assertChainFreed('_testrust.Relay')

    def test_python_subclass_of_holder(self):
        self.assertChainFreed("type('Sub', (_testrust.Holder,), {})")

    def test_holders_with_lists_and_tuples(self):
        self.assertChainFreed('lambda link: _testrust.Holder([(link,)])')

    def test_holders_with_python_objects(self):
        setup = '''
        class Node:
            def __init__(self, link):
                self.link = link
        '''
        self.assertChainFreed('lambda link: _testrust.Holder(Node(link))', setup)


class ProtocolRecursionTests(ReproducerTestCase):
    """A Holder that holds itself and a Relay that relays itself reach the
    same slot again from inside it, forever: RecursionError, as for Python
    classes, with the text of the guard that stopped it."""

    SELF_HOLDER = '''
        holder = _testrust.Holder(None)
        holder.set(holder)
        '''

    def test_hash(self):
        # PyObject_Hash does not guard: the Rust slot does.
        self.assertRecursionError(self.SELF_HOLDER + '''
        def reproduce():
            return hash(holder)
        ''', ' while getting the hash of an object')

    def test_repr(self):
        # PyObject_Repr guards.
        self.assertRecursionError(self.SELF_HOLDER + '''
        def reproduce():
            return repr(holder)
        ''', ' while getting the repr of an object')

    def test_str(self):
        # str() of a class without __str__ is its repr.
        self.assertRecursionError(self.SELF_HOLDER + '''
        def reproduce():
            return str(holder)
        ''', ' while getting the repr of an object')

    def test_rich_comparison(self):
        # PyObject_RichCompare guards.
        self.assertRecursionError(self.SELF_HOLDER + '''
        def reproduce():
            return holder == _testrust.Holder(holder)
        ''', ' in comparison')

    def test_getter(self):
        self.assertRecursionError(self.SELF_HOLDER + '''
        def reproduce():
            return holder.innermost
        ''', ' while getting an attribute')

    def test_setter(self):
        self.assertRecursionError(self.SELF_HOLDER + '''
        def reproduce():
            holder.innermost = 1
        ''', ' while setting an attribute')

    SELF_RELAY = '''
        relay = _testrust.Relay(None)
        relay.source = relay
        '''

    def test_next(self):
        self.assertRecursionError(self.SELF_RELAY + '''
        def reproduce():
            return next(relay)
        ''', ' while getting the next item of an iterator')

    def test_for_loop(self):
        # FOR_ITER calls tp_iternext directly.
        self.assertRecursionError(self.SELF_RELAY + '''
        def reproduce():
            for item in relay:
                pass
        ''', ' while getting the next item of an iterator')

    def test_calls(self):
        # Every call of a Rust function from C enters the guard on the
        # caller's side (vectorcall of builtin functions).
        self.assertRecursionError('''
        import functools
        call_again = functools.partial(_testrust.in_critical_section)
        call_again.__setstate__(
            (_testrust.in_critical_section, (call_again, call_again), None, None))

        def reproduce():
            return call_again()
        ''', ' while calling a Python object')

    def test_python_frames_between(self):
        # Rust calling Python calling Rust: each Python frame counts.
        code = '''
        described = []

        def call_again():
            description = _testrust.catch_and_describe(call_again)
            if description is not None:
                described.append(type(description[0]).__name__)

        def reproduce():
            call_again()
            return described
        '''
        self.assertOutcome(code, "['RecursionError']")


if __name__ == '__main__':
    unittest.main()
