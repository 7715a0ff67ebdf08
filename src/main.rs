//! Entry point of the citizen app's shell (`/`: home, 办件查询, settings, 404): registers the
//! strings the bundle map (`bundles.txt`) lists for it and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::SHELL);
    guichet_app::app::mount_shell();
}
