//! Entry point of the citizen app's shell (`/`: home, 办件查询, settings, 404): mounts it.
fn main() {
    guichet_app::app::mount_shell();
}
