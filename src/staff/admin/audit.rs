//! Placeholder until this page is built.

use leptos::prelude::*;

use crate::staff::api::StaffSession;

/// This page for `session`.
pub fn page(_session: StaffSession) -> AnyView {
    ().into_any()
}
