//! Blocks that are valid compile, and the item they annotate is unchanged.
//! (An invalid block is a compile error, which this file cannot show: the
//! parser's and checker's unit tests cover every error.)

use cpython_clinic::clinic;

#[clinic(
    r#"
    binascii.crc_hqx

        data: Py_buffer
        crc: unsigned_int(bitwise=True)
        /

    Compute CRC-CCITT incrementally.
    "#
)]
fn crc_hqx(data: &[u8], crc: u32) -> u32 {
    data.iter().fold(crc, |crc, &byte| crc ^ u32::from(byte))
}

#[clinic("binascii.b2a_hex\n    data: Py_buffer\n    sep: object = NULL\n\nHexadecimal representation.")]
fn b2a_hex() -> &'static str {
    "unchanged"
}

#[test]
fn the_items_are_unchanged() {
    assert_eq!(crc_hqx(&[1, 2], 0), 3);
    assert_eq!(b2a_hex(), "unchanged");
}
