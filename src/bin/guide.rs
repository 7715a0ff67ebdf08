//! Entry point of the citizen app's guide bundle (`/guide`: service guide, pre-review forms,
//! drafts, outbox, receipts; built from `guide/index.html` into `dist/guide`): mounts it.
fn main() {
    guichet_app::app::mount_guide();
}
