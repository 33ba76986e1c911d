//! The byte-preserving edits behind `new`, `log` and `action`, on one
//! fuzzed YAML file: never a panic, and an edit of valid YAML must give
//! valid YAML with the new item where it belongs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(why) = collab::harness::edit_file(data) {
        panic!("{why}");
    }
});
