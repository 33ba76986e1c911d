//! Load + validate of one YAML file inside the example campaign: every
//! check, every output format and `convert` both ways. Any panic is a bug.
#![no_main]

mod setting;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    collab::harness::validate_file(setting::prepared(), data);
});
