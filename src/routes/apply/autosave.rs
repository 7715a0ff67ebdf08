//! Autosave: the draft is written 300 ms after the last change, and at once when the page is
//! hidden or left. The pending save lives in a thread-local, outside the reactive tree, so that
//! it still runs after the page's component is gone.

use super::*;

struct PendingSave {
    draft: Draft,
    input_at: f64,
    saved: RwSignal<Option<Autosave>>,
    /// The page's draft, locked when the save finds it sent from another tab.
    shown: RwSignal<Draft>,
}

thread_local! {
    static PENDING: RefCell<Option<PendingSave>> = const { RefCell::new(None) };
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Writes the pending draft now, if any. Safe to call from any event: it needs no component.
pub fn flush() {
    let Some(pending) = PENDING.with(|p| p.borrow_mut().take()) else {
        return;
    };
    spawn_local(async move {
        let Ok(storage) = Storage::shared().await else {
            return;
        };
        match storage.save_open_draft(&pending.draft).await {
            // Sent from another tab meanwhile: this tab's copy is locked, not saved over it.
            Ok(Some(sent)) => {
                let _ = pending.shown.try_update(|d| d.submitted_as = Some(sent));
            }
            Ok(None) => {
                // The page may be gone: `try_set` never panics on a disposed signal.
                let _ = pending
                    .saved
                    .try_set(Some(Autosave::At(pending.draft.updated_at)));
                announce_saved(pending.input_at);
            }
            // Not saved: said at once under the form, whose inputs keep what was typed; a full
            // device (known by the error's name) is told as such, since the person can act on it.
            Err(error) => {
                let outcome = match error {
                    StorageError::Full => Autosave::Full,
                    _ => Autosave::Failed,
                };
                let _ = pending.saved.try_set(Some(outcome));
                web_sys::console::error_1(&error.to_string().into());
            }
        }
    });
}

/// How the last autosave ended, as the line under the form tells it.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Autosave {
    /// Saved; the draft's `updated_at` (ms since the epoch).
    At(f64),
    /// Not saved, for a reason the person cannot act on.
    Failed,
    /// Not saved: the device's storage is full.
    Full,
}

/// Tells whoever listens (the benchmark) how long the save took from the input event.
fn announce_saved(input_at: f64) {
    let detail = js_sys::Array::of2(&input_at.into(), &perf_now().into());
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let (Some(window), Ok(event)) = (
        web_sys::window(),
        web_sys::CustomEvent::new_with_event_init_dict("guichet:draft-saved", &init),
    ) {
        let _ = window.dispatch_event(&event);
    }
}

pub(super) fn schedule(draft: Draft, saved: RwSignal<Option<Autosave>>, shown: RwSignal<Draft>) {
    if draft.id.starts_with(PREVIEW) {
        return;
    }
    let input_at = perf_now();
    PENDING.with(|p| {
        *p.borrow_mut() = Some(PendingSave {
            draft,
            input_at,
            saved,
            shown,
        })
    });
    let generation = GENERATION.get().wrapping_add(1);
    GENERATION.set(generation);
    spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(SAVE_DELAY_MS).await;
        if GENERATION.get() == generation {
            flush();
        }
    });
}

pub(super) fn cancel_pending() {
    PENDING.with(|p| p.borrow_mut().take());
    GENERATION.set(GENERATION.get().wrapping_add(1));
}
