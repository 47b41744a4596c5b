"""Run unittest discovery in START and end with one line of exact counts.

    python Tools/rust/unittest_counts.py START

Run by run_tests.py under each interpreter of the matrix. The counts come
from the test result itself, not from the "Ran N tests" line, whose meaning
changed between versions (3.12.1 leaves skipped tests out of it).
"""

import json
import sys
import unittest


class CountingResult(unittest.TextTestResult):
    """A text result that also counts the tests that passed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.passed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1


def main(start):
    suite = unittest.defaultTestLoader.discover(start, pattern="test_*.py", top_level_dir=start)
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=CountingResult)
    result = runner.run(suite)
    counts = {
        "passed": result.passed,
        "failed": len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses),
        "skipped": len(result.skipped),
    }
    print("counts: " + json.dumps(counts), flush=True)
    return 0 if result.wasSuccessful() and result.passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
