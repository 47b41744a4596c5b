"""The Rust binascii against the C one on inputs long enough to be read in
pieces: on free-threaded builds a writable buffer (a bytearray) is read
8 KiB at a time (cpython_api::Buffer::read_pieces), and every codec takes
its input piece by piece, so escapes, quads, separator groups and lines
fall across piece boundaries here. The same calls run on every build (they
are read in one piece elsewhere); results and exceptions must equal C's.
"""

import base64
import random
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'Tools' / 'rust'))
import binascii_modules  # noqa: E402

PIECE = 8 * 1024
# Around one, two and several pieces.
LENGTHS = [PIECE - 1, PIECE, PIECE + 1, 2 * PIECE + 3, 5 * PIECE + 7]


def outcome(function, *args, **kwargs):
    try:
        return 'result', function(*args, **kwargs)
    except Exception as error:
        return type(error).__name__, str(error)


def inputs(random_source):
    """(name, data) for each shape and length, each byte where a piece can
    end carrying something a codec must carry across."""
    for length in LENGTHS:
        raw = random_source.randbytes(length)
        yield f'random {length}', raw
        mime = base64.encodebytes(raw)[:length]
        yield f'mime {length}', mime
        # Padding and bytes to skip at every position, some of them at the
        # ends of pieces.
        yield f'padded {length}', bytes(random_source.choice(b'AB=\n=') for _ in range(length))
        text = bytes(random_source.choice(b'abc =\r\n\t_.\xe9') for _ in range(length))
        yield f'qp text {length}', text
        yield f'qp escapes {length}', b''.join(random_source.choice([b'=41', b'=\n', b'=\r\n', b'==', b'=4', b'x'])
                                               for _ in range(length // 2))[:length]
        yield f'hex {length}', raw.hex().encode()[:length]
    # A pad sequence that ends the first piece, with data after it (strict
    # mode refuses it only if it knows more follows).
    yield 'padding ends a piece', b'QUJD' * (PIECE // 4 - 1) + b'QQ==' + b'QUJD'


@unittest.skipUnless(binascii_modules.rust_path().is_file(), 'the Rust binascii is not built for this interpreter')
class PiecesTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.c = binascii_modules.load_c(fresh=True)
        cls.rust = binascii_modules.load_rust()

    def compare(self, name, args=(), **kwargs):
        differences = []
        for shape, data in inputs(random.Random(20)):
            for kind in (bytes, bytearray):
                argument = kind(data)
                expected = outcome(getattr(self.c, name), argument, *args, **kwargs)
                got = outcome(getattr(self.rust, name), kind(data), *args, **kwargs)
                if got != expected:
                    differences.append(f'{name}({kind.__name__} {shape}, {args}, {kwargs}): '
                                       f'C {expected[0]} {expected[1][:80]!r}, Rust {got[0]} {got[1][:80]!r}')
        self.assertEqual(differences, [], '\n'.join(differences[:10]))

    def test_decoders(self):
        self.compare('a2b_base64')
        self.compare('a2b_base64', strict_mode=True)
        self.compare('a2b_qp')
        self.compare('a2b_qp', header=True)
        self.compare('a2b_hex')

    def test_encoders(self):
        self.compare('b2a_base64')
        self.compare('b2a_base64', newline=False)
        self.compare('b2a_qp')
        self.compare('b2a_qp', istext=False)
        self.compare('crc32')
        self.compare('crc_hqx', (17,))

    def test_separators(self):
        # Groups up to a piece's granule are read in pieces that end at
        # group boundaries; longer ones place their separators themselves.
        for bytes_per_sep in (1, 2, 7, -7, 1000, 1024, 1025, 3000, -3000, 2 ** 31 - 1, -2 ** 31):
            with self.subTest(bytes_per_sep=bytes_per_sep):
                self.compare('hexlify', (':', bytes_per_sep))

    def test_uu_lines(self):
        # The length character is read once; the line's end may lie pieces
        # later, after a long run of spaces (or garbage).
        differences = []
        head = self.c.b2a_uu(bytes(range(45))).rstrip(b'\n')
        # Garbage as the first byte of the second piece, too.
        for tail in (b' ' * (3 * PIECE), b' ' * (PIECE - len(head)) + b'x', b'`' * (PIECE - 40) + b'\n'):
            line = head + tail
            for kind in (bytes, bytearray):
                expected = outcome(self.c.a2b_uu, kind(line))
                got = outcome(self.rust.a2b_uu, kind(line))
                if got != expected:
                    differences.append(f'{kind.__name__} line + {len(tail)}: C {expected}, Rust {got}')
        self.assertEqual(differences, [])


if __name__ == '__main__':
    unittest.main()
