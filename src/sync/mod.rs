//! Whether the device is online, and how many records wait to reach the server.
//! The outbox that sends them is built on the `outbox` store of [`crate::storage`]; this module
//! owns the state the header shows, refreshed on the browser's online/offline events.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::storage::Storage;

/// The sync state of the app, provided as context at the root.
#[derive(Clone, Copy)]
pub struct SyncStatus {
    /// The browser believes it has a network (a hint: a captive portal says yes too).
    pub online: RwSignal<bool>,
    /// Records in the outbox; `None` until the database answered, or when it cannot be opened.
    pub pending: RwSignal<Option<u32>>,
    /// Why local storage cannot be used, if it cannot.
    pub storage_error: RwSignal<Option<String>>,
}

impl SyncStatus {
    /// Starts watching the network and counts the outbox.
    pub fn provide() -> Self {
        let online = window().navigator().on_line();
        let status = SyncStatus {
            online: RwSignal::new(online),
            pending: RwSignal::new(None),
            storage_error: RwSignal::new(None),
        };
        // The listeners live as long as the page: the app is one page.
        std::mem::forget(window_event_listener(ev::online, move |_| {
            status.online.set(true);
            status.refresh();
        }));
        std::mem::forget(window_event_listener(ev::offline, move |_| {
            status.online.set(false)
        }));
        status.refresh();
        provide_context(status);
        status
    }

    /// Recounts the outbox.
    pub fn refresh(self) {
        spawn_local(async move {
            let counted = match Storage::shared().await {
                Ok(storage) => storage.outbox_len().await,
                Err(error) => Err(error),
            };
            match counted {
                Ok(count) => {
                    self.pending.set(Some(count));
                    self.storage_error.set(None);
                }
                Err(error) => {
                    web_sys::console::warn_1(&error.to_string().into());
                    self.storage_error.set(Some(error.to_string()));
                }
            }
        });
    }
}

/// The sync state of the current component tree.
pub fn use_sync() -> SyncStatus {
    expect_context::<SyncStatus>()
}
