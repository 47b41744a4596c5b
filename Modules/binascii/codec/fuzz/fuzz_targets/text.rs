//! Inputs shaped for a decoder, made from the fuzzer's bytes.

/// A text mostly of `common` bytes with now and then one of `rare`: each
/// byte of `data` below 0xf0 stands for a common byte (by its value modulo
/// their number), each above for a rare one. The fuzzer's bytes so become
/// long runs, where the vector kernels work, broken where it chooses.
pub fn mostly(common: &[u8], rare: &[u8], data: &[u8]) -> Vec<u8> {
    data.iter()
        .map(|&byte| match byte.checked_sub(0xf0) {
            None => common[usize::from(byte) % common.len()],
            Some(index) => rare[usize::from(index) % rare.len()],
        })
        .collect()
}
