"""Tests of Doc/rust-tutorial.md: the module it builds (spam, from
Doc/includes/spam) works as the tutorial says, and every code block of the
tutorial is a verbatim piece of that module's source.
"""

import os
import re
import threading
import unittest

# What is under test: if it cannot be imported, the tests must fail, not skip.
import spam

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TUTORIAL = os.path.join(REPO, 'Doc', 'rust-tutorial.md')
SOURCES = {
    'rust': os.path.join(REPO, 'Doc', 'includes', 'spam', 'src', 'lib.rs'),
    'toml': os.path.join(REPO, 'Doc', 'includes', 'spam', 'Cargo.toml'),
}


class SnippetTests(unittest.TestCase):

    def test_code_blocks_are_from_the_module(self):
        with open(TUTORIAL) as file:
            text = file.read()
        blocks = re.findall(r'^```(rust|toml)\n(.*?)^```$', text, re.MULTILINE | re.DOTALL)
        self.assertGreaterEqual(len(blocks), 6)
        for language, block in blocks:
            with open(SOURCES[language]) as file:
                source = file.read()
            with self.subTest(block=block.splitlines()[0]):
                self.assertIn(block, source)


class SpamTests(unittest.TestCase):

    def test_greet(self):
        before = spam.greetings()
        self.assertEqual(spam.greet('world'), 'Hello, world!')
        self.assertEqual(spam.greet(42), 'Hello, 42!')
        self.assertEqual(spam.greetings(), before + 2)

    def test_signatures(self):
        self.assertEqual(spam.greet.__text_signature__, '(name, /)')
        self.assertEqual(spam.Tally.add.__text_signature__, '($self, n, /)')

    def test_tally(self):
        tally = spam.Tally()
        self.assertEqual((tally.add(2), tally.add(3), tally.total), (2, 5, 5))
        with self.assertRaisesRegex(spam.Error, '^cannot add -1$'):
            tally.add(-1)
        self.assertEqual(tally.total, 5)
        with self.assertRaises(TypeError):
            spam.Tally(1)

    def test_tally_shared_by_threads(self):
        tally = spam.Tally()
        threads = [threading.Thread(target=lambda: [tally.add(1) for _ in range(1000)]) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(tally.total, 4000)

    def test_error_class(self):
        self.assertTrue(issubclass(spam.Error, Exception))
        self.assertEqual(spam.Error.__module__, 'spam')


if __name__ == '__main__':
    unittest.main()
