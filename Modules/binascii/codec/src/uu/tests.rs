use super::*;
use crate::output::collect;

#[path = "../../tests/support/c_uu.rs"]
mod c_uu;

#[test]
fn round_trip_of_every_length() {
    for backtick in [false, true] {
        for len in 0..=MAX_LINE_BYTES {
            let data: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let line = collect(encoded_len(len), |out| encode(&data, backtick, out).unwrap());
            assert_eq!(line.len(), encoded_len(len));
            let decoded = collect(MAX_DECODED_LEN, |out| decode(&line, out).unwrap());
            assert_eq!(decoded, data);
        }
    }
}

#[test]
fn known_lines() {
    assert_eq!(collect(8, |out| encode(b"Cat", false, out).unwrap()), b"#0V%T\n");
    assert_eq!(collect(8, |out| encode(b"", true, out).unwrap()), b"`\n");
    assert_eq!(collect(8, |out| encode(b"\0", true, out).unwrap()), b"!````\n");
    // An empty line counts its length character as NUL: 32 zero bytes.
    assert_eq!(collect(32, |out| decode(b"", out).unwrap()), [0; 32]);
    // Missing characters are zeros.
    assert_eq!(collect(3, |out| decode(b"#", out).unwrap()), [0; 3]);
    assert_eq!(collect(3, |out| decode(b"#0V", out).unwrap()), b"C`\0");
}

/// The whole line, after its first character, in one piece.
fn decode(line: &[u8], out: &mut Output<'_>) -> Result<(), Error> {
    let mut decoder = LineDecoder::new(line.first().copied());
    decoder.feed(line.get(1..).unwrap_or_default(), out)?;
    decoder.finish(out);
    Ok(())
}

#[test]
fn any_split_into_pieces_decodes_alike() {
    let lines: [&[u8]; 5] = [
        b"#0V%T  `\r\n",
        b"#0V%T x",
        b"#0V\x7f",
        b"",
        b"M86%C95)R96%L;&4@;6]R92!T:&%N(&ET<R!L96YG=&@@<V%Y<R!I=\n",
    ];
    for line in lines {
        let mut whole_outcome = Ok(());
        let whole = collect(MAX_DECODED_LEN, |out| whole_outcome = decode(line, out));
        let (length_character, rest) = match line.split_first() {
            Some((&first, rest)) => (Some(first), rest),
            None => (None, line),
        };
        for split in 0..=rest.len() {
            let (head, tail) = rest.split_at(split);
            let mut outcome = Ok(());
            let pieces = collect(MAX_DECODED_LEN, |out| {
                let mut decoder = LineDecoder::new(length_character);
                outcome = decoder
                    .feed(head, out)
                    .and_then(|()| decoder.feed(tail, out))
                    .map(|()| decoder.finish(out));
            });
            assert_eq!(outcome, whole_outcome, "{line:?} split at {split}");
            if outcome.is_ok() {
                assert_eq!(pieces, whole, "{line:?} split at {split}");
            }
        }
    }
}

#[test]
fn refusals() {
    assert_eq!(
        collect(3, |out| assert_eq!(decode(b"#0V\x7f", out), Err(Error::IllegalChar))).len(),
        1
    );
    collect(3, |out| assert_eq!(decode(b"#0V%Tx", out), Err(Error::TrailingGarbage)));
    collect(3, |out| assert_eq!(decode(b"#0V%T `\r\n", out), Ok(())));
    collect(0, |out| assert_eq!(encode(&[0; 46], false, out), Err(Error::TooLong)));
}

/// xorshift64*: reproducible inputs with no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// The line decoded in two pieces cut at `cut`, errors as C's messages.
fn decode_as_c(line: &[u8], cut: usize) -> Result<Vec<u8>, String> {
    let (length_character, rest) = match line.split_first() {
        Some((&first, rest)) => (Some(first), rest),
        None => (None, line),
    };
    let (head, tail) = rest.split_at(cut.min(rest.len()));
    let mut outcome = Ok(());
    let decoded = collect(MAX_DECODED_LEN, |out| {
        let mut decoder = LineDecoder::new(length_character);
        outcome = decoder
            .feed(head, out)
            .and_then(|()| decoder.feed(tail, out))
            .map(|()| decoder.finish(out));
    });
    outcome.map(|()| decoded).map_err(|error| error.to_string())
}

/// Encoded lines with characters replaced by ones that take C's other
/// branches (line ends and '`' inside the data, illegal characters, garbage
/// after it), lines cut short and lines whose length character disagrees
/// with their data: the decoder, in any two pieces, against C's loop.
#[test]
fn decoding_agrees_with_c() {
    const REPLACEMENTS: &[u8] = b"\n\r` !\x1f\x7f\x80\xffaM";
    let mut random = Random(0x5eed_0f_c0de);
    for round in 0..4000 {
        let data: Vec<u8> = (0..random.below(MAX_LINE_BYTES + 1))
            .map(|_| random.next() as u8)
            .collect();
        let mut line = c_uu::b2a_uu(&data, round % 2 == 0).unwrap();
        for _ in 0..random.below(3) {
            let at = random.below(line.len());
            line[at] = REPLACEMENTS[random.below(REPLACEMENTS.len())];
        }
        match random.below(4) {
            0 => line.truncate(random.below(line.len() + 1)),
            1 => line[0] = b' ' + random.below(64) as u8,
            2 => {
                let after: &[u8] = b"  ``\r\n x";
                line.extend_from_slice(&after[..random.below(after.len() + 1)]);
            }
            _ => {}
        }
        let expected = c_uu::a2b_uu(&line);
        for cut in [0, random.below(line.len() + 1), line.len()] {
            assert_eq!(decode_as_c(&line, cut), expected, "{line:?} cut at {cut}");
        }
    }
}

#[test]
fn encoding_agrees_with_c() {
    let mut random = Random(0xbac7_1c4);
    for len in 0..=MAX_LINE_BYTES + 2 {
        for zeros in [0, 1, 2] {
            // Zero bytes make zero characters, which `backtick` changes.
            let data: Vec<u8> = (0..len)
                .map(|_| random.next() as u8 & if zeros == 0 { 0xff } else { 0x0f })
                .collect();
            for backtick in [false, true] {
                let mut outcome = Ok(());
                let line = collect(encoded_len(len), |out| outcome = encode(&data, backtick, out));
                let line = outcome.map(|()| line).map_err(|error| error.to_string());
                assert_eq!(line, c_uu::b2a_uu(&data, backtick), "{data:?} backtick={backtick}");
            }
        }
    }
}
