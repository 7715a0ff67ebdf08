//! Entry point of the citizen app's guide bundle (`/guide`: the service items and their
//! disclosures; built from `guide/index.html` into `dist/guide`, with the `lean-strings`
//! feature): registers the strings it shows — the frame's and pages', the items' labels
//! (`SERVICES`, the case types' names `CASE_TYPES`), the item page's (`FORMS_MORE_UI`), finding a
//! service and the item page's links to 咨询 and 预约 (`FINDING_UI`) — and mounts it. The
//! forms', drafts' and desks' slices stay out of its wasm: a slice the guide comes to show must
//! be added here.
use guichet_core::i18n::slices::{CASE_TYPES, FINDING_UI, FORMS_MORE_UI, PAGES_UI, SERVICES, UI};

fn main() {
    guichet_app::i18n::use_strings(&[
        UI,
        PAGES_UI,
        FORMS_MORE_UI,
        SERVICES,
        CASE_TYPES,
        FINDING_UI,
    ]);
    guichet_app::app::mount_guide();
}
