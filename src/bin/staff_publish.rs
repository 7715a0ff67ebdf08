//! Entry point of publishing (served under `/staff/publish/`, built from
//! `staff/publish/index.html` with the `lean-strings` feature): registers the strings the bundle
//! map (`bundles.txt`) lists for it and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::STAFF_PUBLISH);
    guichet_app::staff::admin::mount_publish();
}
