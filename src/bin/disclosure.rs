//! Entry point of the citizen app's disclosure bundle (`/disclosure`, built from
//! `disclosure/index.html` into `dist/disclosure`): mounts it.
fn main() {
    guichet_app::app::mount_disclosure();
}
