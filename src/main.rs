//! Entry point of the citizen app's shell (`/`: home, 办件查询, settings, 404): registers the
//! strings it shows and mounts it.
use guichet_core::i18n::slices::{
    CASES, CITIZEN_FIXES_UI, FINDING_UI, PAGES_UI, TRACK_FACTS, TRACKING_UI, UI, VILLAGE_UI,
};

fn main() {
    // CASES: the names of the 好差评 levels.
    guichet_app::i18n::use_strings(&[
        UI,
        PAGES_UI,
        TRACKING_UI,
        TRACK_FACTS,
        CASES,
        CITIZEN_FIXES_UI,
        FINDING_UI,
        VILLAGE_UI,
    ]);
    guichet_app::app::mount_shell();
}
