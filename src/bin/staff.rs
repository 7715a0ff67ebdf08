//! Entry point of the staff desk (served under `/staff`, a bundle of its own): mounts it.
fn main() {
    guichet_app::staff::mount();
}
