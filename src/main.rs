//! Entry point of the citizen app: mounts it, nothing else.
fn main() {
    guichet_app::mount();
}
