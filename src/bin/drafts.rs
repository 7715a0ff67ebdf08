//! Entry point of the citizen app's drafts bundle (`/guide/drafts`, `/guide/receipt`: drafts,
//! the outbox, receipts; built from `drafts/index.html` into `dist/guide/drafts`, whose
//! `index.html` scripts/build.sh also puts in `dist/guide/receipt`): registers the strings it
//! shows and mounts it.
use guichet_core::i18n::slices::{
    CITIZEN_FIXES_UI, DRAFTS_UI, FORMS_MORE_UI, FORMS_UI, PAGES_UI, SERVICES, UI, VILLAGE_UI,
};

fn main() {
    guichet_app::i18n::use_strings(&[
        UI,
        PAGES_UI,
        FORMS_UI,
        DRAFTS_UI,
        CITIZEN_FIXES_UI,
        FORMS_MORE_UI,
        SERVICES,
        VILLAGE_UI,
    ]);
    guichet_app::app::mount_drafts();
}
