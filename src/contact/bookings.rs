//! 我的预约 (`/contact/bookings`): the bookings made from this device with where each stands,
//! brought up to date when online, and their cancellation — itself sent through the outbox (the
//! server's cancel is idempotent), so it can be asked offline too.

use leptos::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::{BOOK_PATH, Sent, sent_where, set_title, slot_words, spawn, text};
use crate::api;
use crate::i18n::{tr, use_i18n};
use crate::sync::{SyncStatus, use_sync};

#[derive(Serialize)]
struct Lookup<'a> {
    booking_no: &'a str,
    query_code: &'a str,
}

#[derive(Serialize)]
struct Cancel<'a> {
    query_code: &'a str,
}

/// The outbox path of `number`'s cancellation.
fn cancel_path(number: &str) -> String {
    format!("{BOOK_PATH}/{number}/cancel")
}

/// A booking with its cancellation, if one was asked.
#[derive(Clone)]
struct Mine {
    booking: Sent,
    cancel: Option<Sent>,
}

async fn read() -> Vec<Mine> {
    let all = sent_where(|p| p.starts_with(BOOK_PATH)).await;
    let mut out = Vec::new();
    for booking in all.iter().filter(|s| s.path == BOOK_PATH) {
        let number = booking.answered("booking_no");
        let cancel = (!number.is_empty())
            .then(|| all.iter().find(|s| s.path == cancel_path(&number)).cloned())
            .flatten();
        out.push(Mine {
            booking: booking.clone(),
            cancel,
        });
    }
    out
}

#[component]
pub fn Bookings() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let list = RwSignal::new(None::<Vec<Mine>>);
    let reload = move || {
        spawn(async move {
            let mine = read().await;
            list.set(Some(mine.clone()));
            if !sync.online.get_untracked() {
                return;
            }
            let mut changed = false;
            for item in &mine {
                let (number, code) = (
                    item.booking.answered("booking_no"),
                    item.booking.answered("query_code"),
                );
                if number.is_empty() || code.is_empty() {
                    continue;
                }
                let body = Lookup {
                    booking_no: &number,
                    query_code: &code,
                };
                if let Ok(latest) = api::post_json::<_, Value>("bookings/lookup", &body).await
                    && text(&latest, "status") != item.booking.answered("status")
                {
                    super::remember_latest(&item.booking, latest).await;
                    changed = true;
                }
            }
            if changed {
                list.set(Some(read().await));
            }
        });
    };
    super::on_outbox_change(sync, reload);
    Effect::new(move |_| set_title(i18n.lang(), "contact.bookings.title", false));
    view! {
        <p class="crumbs"><a href="/contact">{move || i18n.t("contact.hub.title")}</a></p>
        <h1 tabindex="-1">{move || i18n.t("contact.bookings.title")}</h1>
        <p><a href="/contact/book" class="button">{move || i18n.t("contact.book.title")}</a></p>
        {move || match list.get() {
            None => view! { <p class="note">{i18n.t("contact.loading")}</p> }.into_any(),
            Some(mine) if mine.is_empty() => view! {
                <p class="note" data-testid="bookings-none">{i18n.t("contact.bookings.none")}</p>
            }.into_any(),
            Some(mine) => view! {
                <ul class="sent-list" data-testid="bookings-list">
                    {mine.into_iter().map(|item| view! { <li>{card(sync, item)}</li> }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

/// One booking: when, where, its state, and its cancellation.
fn card(sync: SyncStatus, item: Mine) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang_untracked();
    let booking = item.booking;
    let (date, start) = if booking.answer.is_some() {
        (booking.answered("date"), booking.answered("start"))
    } else {
        (booking.asked("date"), booking.asked("start"))
    };
    let when = slot_words(lang, &date, &start);
    let number = booking.answered("booking_no");
    let code = booking.answered("query_code");
    let mut status = booking.answered("status");
    let mut label = booking.answered("status_label");
    // A delivered cancellation's answer is the booking as it now stands.
    if let Some(answer) = item.cancel.as_ref().and_then(|c| c.answer.as_ref()) {
        status = text(answer, "status");
        label = text(answer, "status_label");
    }
    let cancel_waiting = item
        .cancel
        .as_ref()
        .and_then(|c| c.waiting.as_ref())
        .map(|r| {
            (
                item.cancel.as_ref().is_some_and(Sent::refused),
                r.last_error.clone(),
            )
        });
    let state = match (&booking.waiting, cancel_waiting.as_ref()) {
        (Some(_), _) if booking.refused() => tr(lang, "contact.refused").to_owned(),
        (Some(_), _) => tr(lang, "contact.book.waiting").to_owned(),
        (None, Some((false, _))) => tr(lang, "contact.bookings.cancel_waiting").to_owned(),
        _ => label,
    };
    let reason = booking
        .waiting
        .as_ref()
        .filter(|_| booking.refused())
        .and_then(|r| r.last_error.clone())
        .or_else(|| {
            cancel_waiting
                .as_ref()
                .filter(|c| c.0)
                .and_then(|c| c.1.clone())
        });
    let can_cancel = status == "booked"
        && cancel_waiting.as_ref().is_none_or(|c| c.0)
        && !code.is_empty()
        && booking.answered("can_cancel") != "false";
    let confirming = RwSignal::new(false);
    let question_id = format!("cancel-question-{}", booking.client_id);
    let department = booking
        .answer
        .as_ref()
        .map(|a| text(&a["department"], "name"))
        .unwrap_or_else(|| booking.asked("department"));
    let refused_request = booking.refused().then(|| booking.clone());
    let old_cancel = item.cancel.clone().filter(Sent::refused);
    let cancel = move |_| {
        let (number, code) = (number.clone(), code.clone());
        let old = old_cancel.clone();
        spawn(async move {
            if let Some(old) = &old {
                super::forget(old).await;
            }
            let label = format!("{} {number}", tr(lang, "contact.bookings.cancel"));
            let _ = super::queue(
                sync,
                &cancel_path(&number),
                &label,
                &Cancel { query_code: &code },
                None,
            )
            .await;
        });
    };
    view! {
        <article class="sent" data-testid="booking">
            <h2 class="when">{when}</h2>
            <p class="item">{department}</p>
            {(!booking.answered("booking_no").is_empty()).then(|| view! {
                <p>{move || i18n.t("contact.book.number")}" "<span class="code" data-testid="booking-number">{booking.answered("booking_no")}</span></p>
            })}
            <p class="state" data-testid="booking-state" data-status=status.clone()>{state}</p>
            {reason.map(|r| view! { <p class="field-error" data-testid="booking-reason">{r}</p> })}
            {refused_request.map(|sent| view! {
                <a class="button" data-testid="booking-retry" href=format!("/contact/book?retry={}", sent.client_id)>
                    {move || i18n.t("contact.bookings.retry")}
                </a>" "
                <button type="button" class="secondary" data-testid="booking-forget"
                    on:click=move |_| { let sent = sent.clone(); spawn(async move { super::forget(&sent).await; sync.refresh(); }); }>
                    {move || i18n.t("contact.bookings.forget")}
                </button>
            })}
            {can_cancel.then(|| view! {
                <div class="cancel">
                    <button type="button" class="secondary" data-testid="booking-cancel"
                        hidden=move || confirming.get()
                        on:click=move |_| confirming.set(true)>
                        {move || i18n.t("contact.bookings.cancel")}
                    </button>
                    <div hidden=move || !confirming.get() role="group" aria-labelledby=question_id.clone()>
                        <p id=question_id.clone()>{move || i18n.t("contact.bookings.cancel_confirm")}</p>
                        <button type="button" class="danger" data-testid="booking-cancel-confirm" on:click=cancel.clone()>
                            {move || i18n.t("contact.bookings.cancel_yes")}
                        </button>
                        " "
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                            {move || i18n.t("contact.bookings.cancel_no")}
                        </button>
                    </div>
                </div>
            })}
        </article>
    }
}
