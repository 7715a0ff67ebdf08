//! 我的预约 (`/contact/bookings`): the bookings made from this device with where each stands,
//! brought up to date when online, and their cancellation — itself sent through the outbox (the
//! server's cancel is idempotent), so it can be asked offline too.

use guichet_core::i18n::Lang;
use guichet_core::wire::contact::Booking;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::{
    BOOK_PATH, Screen, Sent, Values, decode, el, heading, object, sent_where, slot_words, spawn,
};
use crate::dom::El;
use crate::i18n::tr;
use crate::sync::{SyncStatus, use_sync};

/// The outbox path of `number`'s cancellation.
fn cancel_path(number: &str) -> String {
    [BOOK_PATH, "/", number, "/cancel"].concat()
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
        let number = booking.booking().map(|b| b.booking_no).unwrap_or_default();
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

pub fn page() -> AnyView {
    let sync = use_sync();
    let (screen, view) = Screen::show(None::<Vec<Mine>>, Values::new(), move |_, lang, mine| {
        render(lang, mine.as_deref(), sync)
    });
    super::on_outbox_change(sync, move || {
        spawn(async move {
            let mine = read().await;
            screen.update(|s| *s = Some(mine.clone()));
            if !sync.online.get_untracked() {
                return;
            }
            let mut changed = false;
            for item in &mine {
                let Some(known) = item.booking.booking() else {
                    continue;
                };
                let (number, code) = (known.booking_no, known.query_code.unwrap_or_default());
                if number.is_empty() || code.is_empty() {
                    continue;
                }
                let body = object(&[
                    ("booking_no", JsValue::from_str(&number)),
                    ("query_code", JsValue::from_str(&code)),
                ]);
                // Kept as the server sent it; compared once decoded.
                if let Ok(latest) = super::post("bookings/lookup", &body).await
                    && decode::<Booking>(&latest).is_some_and(|now| now.status != known.status)
                {
                    super::remember_latest(&item.booking, &latest).await;
                    changed = true;
                }
            }
            if changed {
                let mine = read().await;
                screen.update(|s| *s = Some(mine));
            }
        });
    });
    view
}

fn render(lang: Lang, mine: Option<&[Mine]>, sync: SyncStatus) -> El {
    let list = match mine {
        None => el("p").class("note").text(tr(lang, "contact.loading")),
        Some([]) => el("p")
            .class("note")
            .attr("data-testid", "bookings-none")
            .text(tr(lang, "contact.bookings.none")),
        Some(mine) => el("ul")
            .class("sent-list")
            .attr("data-testid", "bookings-list")
            .children(
                mine.iter()
                    .map(|item| el("li").child(card(lang, sync, item))),
            ),
    };
    heading(lang, "contact.bookings.title")
        .child(
            el("p").child(
                el("a")
                    .attr("href", "/contact/book")
                    .class("button")
                    .text(tr(lang, "contact.book.title")),
            ),
        )
        .child(list)
}

/// One booking: when, where, its state, and its cancellation.
fn card(lang: Lang, sync: SyncStatus, item: &Mine) -> El {
    let booking = &item.booking;
    let answered = booking.booking();
    let (date, start) = match &answered {
        Some(b) => (b.date.clone(), b.start.clone()),
        None => (booking.asked("date"), booking.asked("start")),
    };
    let field = |read: fn(&Booking) -> String| answered.as_ref().map(read).unwrap_or_default();
    let number = field(|b| b.booking_no.clone());
    let code = field(|b| b.query_code.clone().unwrap_or_default());
    let mut status = field(|b| b.status.clone());
    let mut label = field(|b| b.status_label.clone());
    // A delivered cancellation's answer is the booking as it now stands.
    if let Some(now) = item.cancel.as_ref().and_then(Sent::booking) {
        status = now.status;
        label = now.status_label;
    }
    // The cancellation waiting in the outbox: (refused, its reason).
    let cancel_waiting = item.cancel.as_ref().and_then(|c| {
        c.waiting
            .as_ref()
            .map(|r| (c.refused(), r.last_error.clone()))
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
        && answered.as_ref().is_none_or(|b| b.can_cancel);
    let department = answered
        .as_ref()
        .map(|b| b.department.name.clone())
        .unwrap_or_else(|| booking.asked("department"));
    let card = el("article")
        .class("sent")
        .attr("data-testid", "booking")
        .child(
            el("h2")
                .class("when")
                .text(&slot_words(lang, &date, &start)),
        )
        .child(el("p").class("item").text(&department))
        .maybe((!number.is_empty()).then(|| {
            el("p")
                .text(tr(lang, "contact.book.number"))
                .text(" ")
                .child(
                    el("span")
                        .class("code")
                        .attr("data-testid", "booking-number")
                        .text(&number),
                )
        }))
        .child(
            el("p")
                .class("state")
                .attr("data-testid", "booking-state")
                .attr("data-status", &status)
                .text(&state),
        )
        .maybe(reason.map(|r| {
            el("p")
                .class("field-error")
                .attr("data-testid", "booking-reason")
                .text(&r)
        }));
    let card = if booking.refused() {
        let sent = booking.clone();
        card.child(
            el("a")
                .class("button")
                .attr("data-testid", "booking-retry")
                .attr(
                    "href",
                    &["/contact/book?retry=", &booking.client_id].concat(),
                )
                .text(tr(lang, "contact.bookings.retry")),
        )
        .text(" ")
        .child(
            el("button")
                .attr("type", "button")
                .class("secondary")
                .attr("data-testid", "booking-forget")
                .text(tr(lang, "contact.bookings.forget"))
                .on("click", move |_| {
                    let sent = sent.clone();
                    spawn(async move {
                        super::forget(&sent).await;
                        sync.refresh();
                    });
                }),
        )
    } else {
        card
    };
    if !can_cancel {
        return card;
    }
    let old_cancel = item.cancel.clone().filter(Sent::refused);
    let question_id = ["cancel-question-", &booking.client_id].concat();
    let confirm = move |_| {
        let (number, code) = (number.clone(), code.clone());
        let old = old_cancel.clone();
        spawn(async move {
            if let Some(old) = &old {
                super::forget(old).await;
            }
            let label = [tr(lang, "contact.bookings.cancel"), " ", &number].concat();
            let body = object(&[("query_code", JsValue::from_str(&code))]);
            let _ = super::queue(sync, &cancel_path(&number), &label, body, None).await;
        });
    };
    card.child(
        el("div")
            .class("cancel")
            .child(
                el("button")
                    .attr("type", "button")
                    .class("secondary")
                    .attr("data-testid", "booking-cancel")
                    .text(tr(lang, "contact.bookings.cancel"))
                    .on("click", |event| ask_to_confirm(&event, true)),
            )
            .child(
                el("div")
                    .attr("hidden", "")
                    .attr("role", "group")
                    .attr("aria-labelledby", &question_id)
                    .child(
                        el("p")
                            .attr("id", &question_id)
                            .text(tr(lang, "contact.bookings.cancel_confirm")),
                    )
                    .child(
                        el("button")
                            .attr("type", "button")
                            .class("danger")
                            .attr("data-testid", "booking-cancel-confirm")
                            .text(tr(lang, "contact.bookings.cancel_yes"))
                            .on("click", confirm),
                    )
                    .text(" ")
                    .child(
                        el("button")
                            .attr("type", "button")
                            .class("secondary")
                            .text(tr(lang, "contact.bookings.cancel_no"))
                            .on("click", |event| ask_to_confirm(&event, false)),
                    ),
            ),
    )
}

/// Shows (`open`) or hides the question 「确定取消？」 of the card the event came from, and
/// moves the focus to its first button, or back to 取消预约.
fn ask_to_confirm(event: &web_sys::Event, open: bool) {
    let Some(cancel) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest(".cancel").ok().flatten())
    else {
        return;
    };
    let (Some(button), Some(group)) = (cancel.first_element_child(), cancel.last_element_child())
    else {
        return;
    };
    let (shown, hidden) = if open {
        (&group, &button)
    } else {
        (&button, &group)
    };
    let _ = shown.remove_attribute("hidden");
    let _ = hidden.set_attribute("hidden", "");
    let target = if open {
        group.query_selector("button").ok().flatten()
    } else {
        Some(button)
    };
    if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = target.focus();
    }
}
