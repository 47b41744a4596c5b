"""The leak check shared by the tests of the Rust modules: a call repeated
many times must leave the reference counts of the objects it touches, the
interpreter's total reference count (debug builds) and the number of
allocated memory blocks as they were.
"""

import sys

# One leaked reference or memory block per call would show as at least this
# much; the interpreter's own caches move the totals by far less.
LEAK_CALLS = 1000


def _totals():
    total_refcount = getattr(sys, 'gettotalrefcount', lambda: 0)()
    return total_refcount, sys.getallocatedblocks()


def assert_no_leak(test, call, *watched):
    """Fail `test` if `call()` leaks a reference to any of `watched`, or any
    reference or memory block at all."""
    # Warm up, so that what the first calls cache is not counted.
    for _ in range(LEAK_CALLS):
        call()
    refcounts_before = [sys.getrefcount(obj) for obj in watched]
    total_refcount_before, blocks_before = _totals()
    for _ in range(LEAK_CALLS):
        call()
    total_refcount_after, blocks_after = _totals()
    test.assertEqual([sys.getrefcount(obj) for obj in watched], refcounts_before)
    test.assertLess(total_refcount_after - total_refcount_before, LEAK_CALLS // 2)
    test.assertLess(blocks_after - blocks_before, LEAK_CALLS // 2)
