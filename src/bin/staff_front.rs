//! Entry point of the front desk of 咨询 and 预约 (served under `/staff/front/`, built from
//! `staff/front/index.html` with the `lean-strings` feature): registers the strings the bundle
//! map (`bundles.txt`) lists for it and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::STAFF_FRONT);
    guichet_app::staff::front::mount();
}
