//! Guichet's citizen app: a Leptos client-side app compiled to WebAssembly that keeps working
//! offline. The domain rules come from `guichet-core`; this crate is the interface (routes, one
//! file per page), the device's storage (IndexedDB), the outbox that syncs, and the HTTP API client.

pub mod api;
pub mod app;
pub mod attach;
pub mod catalog;
pub mod clock;
pub mod contact;
pub mod digest;
pub mod dom;
pub mod i18n;
pub mod prefs;
pub mod routes;
pub mod staff;
pub mod storage;
pub mod sw;
pub mod sync;
pub mod tracking;
pub mod transfer;
pub mod village;

/// Mounts the citizen app's shell (`/`) on `<body>`; the other bundles mount through
/// [`app::mount_disclosure`] and [`app::mount_guide`].
pub fn mount() {
    app::mount_shell();
}

/// Sends panics to the browser console so a failure on a phone can be read from remote devtools,
/// without the weight of the `console_error_panic_hook` crate.
pub(crate) fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
