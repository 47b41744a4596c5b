//! Hex with a separator before every group of 1 to 16 bytes, one loop
//! shared by the SSSE3, AVX2 and AVX-512 paths (as memchr shares its loops
//! across vector widths).
//!
//! A vector is seen as lanes of 16 bytes, each encoding its own run of
//! whole groups: byte shuffles work within lanes on all three instruction
//! sets, so every lane can use the same 16-entry index tables. A lane takes
//! as many whole groups as fit in 16 bytes and turns them into up to 48
//! characters (a separator, then two digits per byte, for each group), picked
//! from the lane's high-nibble and low-nibble digits by two shuffles per 16
//! characters. Lanes are stored one after the other; each store of 48 may
//! run past the lane's characters, which the next lane, step or tail
//! overwrites, so the main loop keeps 48 bytes of room ahead.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

/// The largest group the lanes take; larger ones are encoded a group at a
/// time.
pub(super) const MAX_LANE_GROUP: usize = 16;

/// Characters a lane may store: three 16-byte chunks.
const CHUNKS: usize = 3;
const LANE_STORE: usize = 16 * CHUNKS;

/// A shuffle index that selects nothing (zero).
const NONE: u8 = 0x80;

/// Where each character of a lane comes from, for one group size.
struct Layout {
    /// Bytes a lane encodes: the whole groups that fit in 16.
    lane_input: usize,
    /// Characters they make.
    lane_output: usize,
    /// Per chunk, the byte whose high nibble's digit goes to each position
    /// (`NONE` elsewhere); the same for low nibbles; and 0xff where the
    /// separator goes.
    high: [[u8; 16]; CHUNKS],
    low: [[u8; 16]; CHUNKS],
    separator: [[u8; 16]; CHUNKS],
}

static LAYOUTS: [Layout; MAX_LANE_GROUP] = layouts();

const fn layouts() -> [Layout; MAX_LANE_GROUP] {
    const EMPTY: Layout = Layout {
        lane_input: 0,
        lane_output: 0,
        high: [[NONE; 16]; CHUNKS],
        low: [[NONE; 16]; CHUNKS],
        separator: [[0; 16]; CHUNKS],
    };
    let mut layouts = [EMPTY; MAX_LANE_GROUP];
    let mut group = 1;
    while group <= MAX_LANE_GROUP {
        let layout = &mut layouts[group - 1];
        let lane_input = 16 / group * group;
        let lane_output = 2 * lane_input + lane_input / group;
        layout.lane_input = lane_input;
        layout.lane_output = lane_output;
        let unit = 2 * group + 1;
        let mut char = 0;
        while char < lane_output {
            let (chunk, position) = (char / 16, char % 16);
            let offset = char % unit;
            if offset == 0 {
                layout.separator[chunk][position] = 0xff;
            } else {
                let byte = (char / unit * group + (offset - 1) / 2) as u8;
                if (offset - 1) % 2 == 0 {
                    layout.high[chunk][position] = byte;
                } else {
                    layout.low[chunk][position] = byte;
                }
            }
            char += 1;
        }
        group += 1;
    }
    layouts
}

/// A vector of 16-byte lanes. Every method needs the CPU to have the
/// instructions of the implementing type's path (its `# Safety`).
pub(super) trait Lanes: Copy {
    const LANES: usize;

    /// Lane `i` holds the 16 bytes at `src + i * stride`.
    ///
    /// # Safety
    /// The CPU has the instructions; those bytes are readable.
    unsafe fn load(src: *const u8, stride: usize) -> Self;

    /// `table` in every lane.
    ///
    /// # Safety
    /// The CPU has the instructions.
    unsafe fn broadcast(table: &[u8; 16]) -> Self;

    /// The lowercase digit of each byte's high nibble, and of its low one.
    ///
    /// # Safety
    /// The CPU has the instructions.
    unsafe fn digits(self) -> (Self, Self);

    /// Per lane, `table[index]` for each index, or zero where the index has
    /// its top bit set.
    ///
    /// # Safety
    /// The CPU has the instructions.
    unsafe fn shuffle(table: Self, indices: Self) -> Self;

    /// # Safety
    /// The CPU has the instructions.
    unsafe fn or(self, other: Self) -> Self;

    /// # Safety
    /// The CPU has the instructions.
    unsafe fn and(self, other: Self) -> Self;

    /// Stores lane `lane` at `dst`.
    ///
    /// # Safety
    /// The CPU has the instructions; `lane < LANES`; 16 bytes at `dst` are
    /// writable.
    unsafe fn store_lane(self, lane: usize, dst: *mut u8);
}

/// A layout's tables in vectors, and the separator in place.
struct Tables<V> {
    high: [V; CHUNKS],
    low: [V; CHUNKS],
    separator: [V; CHUNKS],
}

impl<V: Lanes> Tables<V> {
    /// # Safety
    /// The CPU has `V`'s instructions.
    #[inline(always)]
    unsafe fn new(layout: &Layout, separator: u8) -> Self {
        // SAFETY: the caller vouches for the instructions.
        unsafe {
            let separator = V::broadcast(&[separator; 16]);
            Tables {
                high: layout.high.each_ref().map(|table| V::broadcast(table)),
                low: layout.low.each_ref().map(|table| V::broadcast(table)),
                separator: layout
                    .separator
                    .each_ref()
                    .map(|table| V::broadcast(table).and(separator)),
            }
        }
    }

    /// The characters of a lane's worth of groups in each lane of `bytes`:
    /// lane `i`'s are the lane `i` of the three chunks.
    ///
    /// # Safety
    /// The CPU has `V`'s instructions.
    #[inline(always)]
    unsafe fn encode(&self, bytes: V) -> [V; CHUNKS] {
        // SAFETY: the caller vouches for the instructions.
        unsafe {
            let (high, low) = bytes.digits();
            core::array::from_fn(|chunk| {
                V::shuffle(high, self.high[chunk])
                    .or(V::shuffle(low, self.low[chunk]))
                    .or(self.separator[chunk])
            })
        }
    }

    /// Encodes the groups of each lane, from `src + i * stride`, storing
    /// lane `i`'s 48 characters at `dst + i * lane_output`.
    ///
    /// # Safety
    /// The CPU has `V`'s instructions; 16 bytes are readable at each lane's
    /// source, and `(LANES - 1) * lane_output + 48` writable at `dst`.
    #[inline(always)]
    unsafe fn step(&self, src: *const u8, stride: usize, dst: *mut u8, lane_output: usize) {
        // SAFETY: the caller vouches for the instructions, the reads and the
        // writes (lane `i`'s chunks lie within the writable bytes).
        unsafe {
            let chunks = self.encode(V::load(src, stride));
            for lane in 0..V::LANES {
                for (index, chunk) in chunks.iter().enumerate() {
                    chunk.store_lane(lane, dst.add(lane * lane_output + 16 * index));
                }
            }
        }
    }
}

/// For each `group` bytes of `input` (the last group may be shorter), writes
/// `separator` then their hex to `output`; returns the characters written.
///
/// # Safety
/// The CPU has `V`'s instructions and SSSE3 (for lanes one at a time).
/// `1 <= group <= MAX_LANE_GROUP`, and `output` has room for all the
/// characters (the caller checks).
#[inline(always)]
pub(super) unsafe fn encode<V: Lanes>(
    input: &[u8],
    group: usize,
    separator: u8,
    output: &mut [MaybeUninit<u8>],
) -> usize {
    let layout = &LAYOUTS[group - 1];
    let (lane_input, lane_output) = (layout.lane_input, layout.lane_output);
    let total = 2 * input.len() + input.len().div_ceil(group);
    assert!(output.len() >= total, "hex output buffer too small");
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    let (mut read, mut written) = (0, 0);
    let whole_steps = |read: usize, written: usize| {
        input.len() - read >= (V::LANES - 1) * lane_input + 16
            && output.len() - written >= (V::LANES - 1) * lane_output + LANE_STORE
    };
    if whole_steps(read, written) {
        // SAFETY: the caller vouches for the instructions.
        let tables = unsafe { Tables::<V>::new(layout, separator) };
        while whole_steps(read, written) {
            // SAFETY: the loop's condition keeps each lane's 16-byte load
            // within `input` and the stores within `output`.
            unsafe { tables.step(src.add(read), lane_input, dst.add(written), lane_output) };
            read += V::LANES * lane_input;
            written += V::LANES * lane_output;
        }
    }
    // SAFETY: the caller vouches for SSSE3.
    let lane = unsafe { Tables::<__m128i>::new(layout, separator) };
    while input.len() - read >= 16 && output.len() - written >= LANE_STORE {
        // SAFETY: the loop's condition keeps the load within `input` and the
        // stores within `output`.
        unsafe { lane.step(src.add(read), lane_input, dst.add(written), lane_output) };
        read += lane_input;
        written += lane_output;
    }
    // The last groups, which whole loads or stores would overrun, go through
    // scratch arrays; the characters of a short last group are a prefix of
    // the characters of a whole one. Both arrays are filled and emptied in
    // pieces that lie within one store of the other side, which the CPU
    // forwards without waiting for the stores to complete.
    while read < input.len() {
        let count = (input.len() - read).min(lane_input);
        let [low, high] = read_short(&input[read..read + count]);
        let mut chars = [0; LANE_STORE];
        // SAFETY: the caller vouches for SSSE3 (and so SSE2); the stores
        // write exactly `chars`.
        unsafe {
            let chunks = lane.encode(_mm_set_epi64x(high as i64, low as i64));
            for (index, chunk) in chunks.iter().enumerate() {
                chunk.store_lane(0, chars[16 * index..].as_mut_ptr());
            }
        }
        let produced = 2 * count + count.div_ceil(group);
        for (chunk, chars) in output[written..written + produced]
            .chunks_mut(16)
            .zip(chars.chunks_exact(16))
        {
            write_short(chunk, chars);
        }
        read += count;
        written += produced;
    }
    written
}

/// Up to 16 bytes as two little-endian words, zero-padded, read in two
/// 8-byte words (which may overlap) rather than byte by byte.
#[inline(always)]
fn read_short(bytes: &[u8]) -> [u64; 2] {
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
    let len = bytes.len();
    match len {
        16 => [word(0), word(8)],
        8..16 => [word(0), word(len - 8) >> (8 * (16 - len))],
        _ => {
            let mut low = 0;
            for (index, &byte) in bytes.iter().enumerate() {
                low |= u64::from(byte) << (8 * index);
            }
            [low, 0]
        }
    }
}

/// Writes `source[..output.len()]` (at most 16 bytes) to `output`, in at
/// most two 8-byte words (which may overlap) rather than byte by byte.
#[inline(always)]
fn write_short(output: &mut [MaybeUninit<u8>], source: &[u8]) {
    let len = output.len();
    let mut write_word = |at: usize| {
        let word = &source[at..at + 8];
        for (slot, &byte) in output[at..at + 8].iter_mut().zip(word) {
            slot.write(byte);
        }
    };
    if len >= 8 {
        write_word(0);
        write_word(len - 8);
    } else {
        for (slot, &byte) in output.iter_mut().zip(source) {
            slot.write(byte);
        }
    }
}
