//! Published test vectors.
//!
//! SipHash-2-4: the 64 vectors of the SipHash authors' reference
//! implementation (key 00 01 .. 0f, message 00 01 .. of each length 0 to
//! 63), as 64-bit values.
//!
//! SipHash-1-3: the 40 cases of Project Wycheproof's
//! `testvectors_v1/siphash_1_3_test.json` (key, message and tag in hex; the
//! tag is the value's 8 bytes, little-endian).

use pyhash::{siphash13, siphash24};

fn key_words(key: &[u8]) -> (u64, u64) {
    (
        u64::from_le_bytes(key[..8].try_into().unwrap()),
        u64::from_le_bytes(key[8..16].try_into().unwrap()),
    )
}

fn from_hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&text[at..at + 2], 16).unwrap())
        .collect()
}

const REFERENCE_SIPHASH24: [u64; 64] = [
    0x726f_db47_dd0e_0e31,
    0x74f8_39c5_93dc_67fd,
    0x0d6c_8009_d9a9_4f5a,
    0x8567_6696_d7fb_7e2d,
    0xcf27_94e0_2771_87b7,
    0x1876_5564_cd99_a68d,
    0xcbc9_466e_58fe_e3ce,
    0xab02_00f5_8b01_d137,
    0x93f5_f579_9a93_2462,
    0x9e00_82df_0ba9_e4b0,
    0x7a5d_bbc5_94dd_b9f3,
    0xf4b3_2f46_226b_ada7,
    0x751e_8fbc_860e_e5fb,
    0x14ea_5627_c084_3d90,
    0xf723_ca90_8e7a_f2ee,
    0xa129_ca61_49be_45e5,
    0x3f2a_cc7f_57c2_9bdb,
    0x699a_e9f5_2cbe_4794,
    0x4bc1_b3f0_968d_d39c,
    0xbb6d_c91d_a779_61bd,
    0xbed6_5cf2_1aa2_ee98,
    0xd0f2_cbb0_2e3b_67c7,
    0x9353_6795_e3a3_3e88,
    0xa80c_038c_cd5c_cec8,
    0xb8ad_50c6_f649_af94,
    0xbce1_92de_8a85_b8ea,
    0x17d8_35b8_5bbb_15f3,
    0x2f2e_6163_076b_cfad,
    0xde4d_aaac_a71d_c9a5,
    0xa6a2_5066_8795_6571,
    0xad87_a353_5c49_ef28,
    0x32d8_92fa_d841_c342,
    0x7127_512f_72f2_7cce,
    0xa7f3_2346_f959_78e3,
    0x12e0_b01a_bb05_1238,
    0x15e0_34d4_0fa1_97ae,
    0x314d_ffbe_0815_a3b4,
    0x0279_90f0_2962_3981,
    0xcadc_d4e5_9ef4_0c4d,
    0x9abf_d876_6a33_735c,
    0x0e3e_a96b_5304_a7d0,
    0xad0c_42d6_fc58_5992,
    0x1873_06c8_9bc2_15a9,
    0xd4a6_0abc_f379_2b95,
    0xf935_451d_e4f2_1df2,
    0xa953_8f04_1975_5787,
    0xdb9a_cddf_f56c_a510,
    0xd06c_98cd_5c09_75eb,
    0xe612_a3cb_9ecb_a951,
    0xc766_e62c_fcad_af96,
    0xee64_435a_9752_fe72,
    0xa192_d576_b245_165a,
    0x0a87_87bf_8ecb_74b2,
    0x81b3_e73d_20b4_9b6f,
    0x7fa8_220b_a3b2_ecea,
    0x2457_31c1_3ca4_2499,
    0xb78d_bfaf_3a8d_83bd,
    0xea1a_d565_322a_1a0b,
    0x60e6_1c23_a379_5013,
    0x6606_d7e4_4628_2b93,
    0x6ca4_ecb1_5c5f_91e1,
    0x9f62_6da1_5c96_25f3,
    0xe51b_3860_8ef2_5f57,
    0x958a_324c_eb06_4572,
];

/// (key, message, tag)
const WYCHEPROOF_SIPHASH13: [(&str, &str, &str); 40] = [
    ("e7ab5e259fe55d624340e495e65a5bf8", "", "4e2113cd24d3fa47"),
    ("39ff769700dca7efa13068ad6b850cad", "18", "bfa52eb6953fc488"),
    ("791559e5b43a80160111a3de4b3bdc66", "631e", "4b701b2d68b6ba65"),
    ("6f81b0c88f7a52f01030135e234f39f9", "bf7a60", "5670ec13eb7d3a06"),
    ("24af21282debdb841551c01ed769bd11", "5af8a4ef", "a0ee03e5dfd09b2e"),
    ("164c9eaeeaa6ab2c918849b71bb86568", "218fb4190b", "0a3d974b5fd64e2d"),
    ("c9c4ef9502baac5b3c5cce6b674257af", "31739dafe6b5", "b6109bd6abaf677c"),
    ("b99a81c6cdb81a3c46cec9c25acae4ba", "336f972681ae4e", "31b6b27a731af998"),
    (
        "60d83b209822c0d9b7033dca86444fa1",
        "313f08031f5cbac1",
        "29c7fa4f0dac6b85",
    ),
    (
        "38a6b9348d8171f4eccb30a39f8c89f8",
        "05483d1ecaa94d4517",
        "2404222ddeb27bf7",
    ),
    (
        "08fe43f39652ccfc0b078b38ee764c47",
        "909d45d3a8c0f4cdf478",
        "2ce02032ac163ef8",
    ),
    (
        "e560a68599f285389fd65627a6b868a5",
        "ccdb1073bdcf88cc6ccd8b",
        "5891d5661fea9d5b",
    ),
    (
        "375359717d335416d6c775ca9e9fafe3",
        "4514fe4c2ea3bc7deb357bb9",
        "4ff3605347da5497",
    ),
    (
        "6be83b26128a43fb268f46122dad822f",
        "f95f5f9a363f187872e3a0a6e6",
        "01eba0558d996db5",
    ),
    (
        "7760e343976382fb554cea2f57541a65",
        "63195f4a709f87bd590aa92785bc",
        "339e2652f2d84261",
    ),
    (
        "3136256d64252e345d1eb85e9a6830de",
        "7f91c709a56ac82a8d589c7fe470bc",
        "add5c384ad902c5e",
    ),
    (
        "e7b9a8e55075013d75ab1903e9f908c9",
        "1dbd54754bd61f8c21c12a89cc8d249a",
        "57b99c7338e5a20d",
    ),
    (
        "c6cf618428b01827950262d03e594a22",
        "421197abce28abfdfaaeaf4768ca115714",
        "2cb4f4a7562c0c14",
    ),
    (
        "4eb4a980bbda3a4f33b81da3c8453e2f",
        "127c457dfb9949454bafcc48b59f7a762c02",
        "42ee10f741fd78e1",
    ),
    (
        "20bdbad57cdab091fb5d3129f2a8007f",
        "da9abcc47b5e9e685e20009f3a52b2df16f16a",
        "e9bae385223dae4c",
    ),
    (
        "7d43babbb3c9b3948b742e15fa8f5f9e",
        "7fd4d1b88620df21190345dd4374cc1db9ae355e",
        "25b80a5ed2bafa08",
    ),
    (
        "22233d8a6eb04f69819a21101dfb4405",
        "4635bb2072df00569418eabb622a9024a18fb85fe5",
        "0fa2f275961f5fe6",
    ),
    (
        "d12a6dc91d2c82a283fb0f8b70bd1421",
        "131ca64d0b70bc3fc14a0be1067a81246cf0be65d28d",
        "a9d895fed8d0c150",
    ),
    (
        "8ae19160b02da292582542ea44c5a350",
        "45f7bad0cc6a1a2b266301cd0d73f1073507600ad236d6",
        "604860ad215dce7d",
    ),
    (
        "6c2e323b3e2f5d321a326cfc00af3f96",
        "e008b3b953f8a799d25e632571efe6308ffcfbef6e914e7f",
        "f0646ce0367f24e7",
    ),
    (
        "2c618ab2c505e778969c4f0b6f2c46de",
        "646d2ef9bad00c2e0d170435e48c522857ac156059c40841fe",
        "a23763b3e81adee1",
    ),
    (
        "0c8d0d9d247b12ec944a5405ab475d59",
        "a43724603213c33ba163776fb78ae1204994df29026ce7a3fb90",
        "f76d8660eb5c9bbc",
    ),
    (
        "a79cdb6c660cd7b1784691e25ef99b27",
        "59922d991b79858b937882c3ea4a94af9cc4abff8a9e50972069bb",
        "9ea191ea2de955c0",
    ),
    (
        "3a396b9539aed0ce205f96914e3fe36f",
        "1dc6e025954ec66feae6007f1bd469038b3ec5f8dbc17de5065b99ef",
        "16743aefce272b4b",
    ),
    (
        "81ba6ab86e4059ffddaa269a0b906b08",
        "05350b55441488d4f63587300ab59a0338b3eab412236ef66991335b7a",
        "6ca4b47c594eeda2",
    ),
    (
        "f552f7a0f2efa9185e4e1eafbac67c0f",
        "358deda495269a59b598799afce3b5aae84669bcf5c8299aebad99096bca",
        "a1d1e24f23e0654d",
    ),
    (
        "4fbe64bbb7ec7bef3d97855dc3572abf",
        "24ab15969137dd15e89bb513927c5c4b72c2680e22b8a1062bc9f6e6e3946b",
        "fd3d4591fcffefa9",
    ),
    (
        "fd64738a57136b746fbd4fa787898150",
        "cc8c537b498b7dc05e50058ac060d459138119a076f5a36fb470902dc7152839",
        "0930f1e038b1753b",
    ),
    (
        "a691c5d8b6006cb391633397d7e82cd5",
        "0bdd246e199cd46b799854c2db7670fbb25dde09bc3f4fe74fac7629448a5b3b31e458510ccfe8552edcb540e51866",
        "d370908df1b1a5c1",
    ),
    (
        "fcddec49fd82ca652102060dc0788afe",
        "dbda9f58f337da7d031ad9e50e48ad161fde9eaa39cc10551ed8ff1dae160e18594864adc53ff56a4fc19f6dfe59b7c3",
        "1d181ef3c1140391",
    ),
    (
        "885c1340266f4bc4b86eab570f018cb2",
        "372a8ab6495798b43b33c0998ec1f8b714298cf820d78dd9b6a6aad1a10002b66c6b8437097edfce06527519c2ba682478",
        "ca8c064b6786640c",
    ),
    (
        "7bf32df7deb7fc458b4615eba9194b51",
        "37a14c4007c81b9843b4cce7b916ee477674098e4fd3aa2ea9eab9418d98c063076f50274352e16963b46a0c58631d5fd4928c96faae66ef24bf86c9ac117dbe8f73c5b51a18a6b4306688cb6199d9cb8e44b564f3ef3c4f9e977ca2c2c4c603a228310231a1cf4a30032e1945520f8c",
        "ca72c8893fd1d68d",
    ),
    (
        "4f9af4aea55dee3986bd307d2dee0fce",
        "b9b4c59c50f3324f71af4acc6b827f2b057ddf6e66c71f33694b3b3aa113892644dfa3b2516185c3ab7123a95c9cbccee30264e099748a85ee79b4b672ba1fd92c48774f0edbfcd078a47152319c53293adf75787b9fa7e21caa30a3a67d647134171adf122589a47eed56d79a592b009c8266367ff3cf73c23dce7644bafa",
        "2ea335dfe16a0195",
    ),
    (
        "54723c003cd0bd022b2d23bb1e63a97b",
        "3791e7d4dfa8e5c053eaf1e418f1f3b79e5958a0a85a6f56e6c193cbbd87d901df8144072fedb6f29558480ad23730c17cf28b026a8da6a45cf244af084e40779ba44d261f5420ecc7e3178f6ab7d64e68b6dff827cde7b536d8cd94970323db5473edc169e888cff3e87ea1af1ae409c795f9543496ce82e8ac534a379e0ea0",
        "651d914296bb9077",
    ),
    (
        "8176e2511297b5def9952571b272c454",
        "4c408fd246885cf6a2f5935837a6a2ef9bcf4727b257c03afe8cc9144f5330954a6865e689751451d337331a7ffb7e482636abd2b79693ce931a0e8fbe0926aeb876246f53d13ce123d232e7a607b25764aa9228bf589de2cbfd34b90a9e4fc1deef35c4b02272d4232d457e188f7a4d6a67cc4089ea16967f4af336c12b899e4753bcc54d96b84231883a8a192c2017180d2b633540ba74d02db34eeff21acfdb339bf106390c37a5d0cd771f18f104d3de6bf2f224fcbe502d03378aa742dff533d57fa9af7d84cadfae6f6c9b750f77b6e2a1545b7a8b3950a90ae11d92f9bed32ffa8c2ce3a36c820ba7d1c9a9be7d04bf17c5d7f725734ed16718b964",
        "c40fd3bd9ec76df1",
    ),
];

#[test]
fn siphash24_reference_vectors() {
    let key: Vec<u8> = (0..16).collect();
    let (k0, k1) = key_words(&key);
    let message: Vec<u8> = (0..64).collect();
    for (length, expected) in REFERENCE_SIPHASH24.iter().enumerate() {
        assert_eq!(siphash24(k0, k1, &message[..length]), *expected, "length {length}");
    }
}

#[test]
fn siphash13_wycheproof_vectors() {
    for (key, message, tag) in WYCHEPROOF_SIPHASH13 {
        let (k0, k1) = key_words(&from_hex(key));
        let value = siphash13(k0, k1, &from_hex(message));
        assert_eq!(
            value.to_le_bytes().to_vec(),
            from_hex(tag),
            "key {key}, message {message}"
        );
    }
}
