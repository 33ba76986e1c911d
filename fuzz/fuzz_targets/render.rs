//! Render of a whole campaign built from fuzzed YAML (and, after the
//! separator line, a fuzzed collab.toml): every pack, both formats, the
//! status table and the calendar. A panic is a bug, and so is a campaign
//! with no errors whose packs fail to render.
#![no_main]

mod setting;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(why) = collab::harness::render_campaign(setting::prepared(), data) {
        panic!("a campaign with no errors failed to render: {why}");
    }
});
