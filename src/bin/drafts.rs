//! Entry point of the citizen app's drafts bundle (`/guide/drafts`, `/guide/receipt`: drafts,
//! the outbox, receipts; built from `drafts/index.html` into `dist/guide/drafts`, whose
//! `index.html` the server and the service worker also answer `/guide/receipt/…` with, as the
//! bundle map says): registers the strings the map (`bundles.txt`) lists for it and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::DRAFTS);
    guichet_app::app::mount_drafts();
}
