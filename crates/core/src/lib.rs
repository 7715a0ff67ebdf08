//! Guichet's domain rules, shared by the browser app and the server. No I/O.
//!
//! The same code runs in a village on a phone, offline, and on the server, so both always give
//! the same answer. Nothing here reads the clock or the network: callers pass "today" and data.
//!
//! * [`i18n`] — the one string table (Chinese and English) and [`Lang`].
//! * [`validate`] — identity numbers, credit codes, phones, postal codes, e-mail.
//! * [`calendar`] — the official working-day calendar, as data.
//! * [`case`] — the life of a case (办件) and its time limit.
//! * [`disclosure`] — the clock of a government information disclosure request.
//! * [`evaluation`] — 好差评 levels and the follow-up of a bad rating.
//! * [`consultation`] — a question's deadline and lateness (咨询).
//! * [`booking`] — bookable half-hour slots and the booking limits (预约).
//! * [`staff_text`] — how long the staff's free text may be.
//! * [`bundles`] — the app's bundles (from the repository's `bundles.txt`) and which answers a path.
//! * [`wire`] — the API's answers, which the server serializes and the apps decode.
//!
//! Every error a person may see implements [`Localized`]: a stable `code()` and a `message()`
//! in their language.

pub mod booking;
pub mod bundles;
pub mod calendar;
pub mod case;
pub mod catalog;
pub mod consultation;
pub mod disclosure;
pub mod evaluation;
pub mod form;
pub mod i18n;
pub mod service;
pub mod service_picture;
pub mod service_search;
pub mod sort;
pub mod staff_text;
pub mod validate;
pub mod wire;
pub mod ymd;

pub use calendar::{Calendar, CalendarError};
pub use case::{
    Case, CaseClock, CaseState, CaseType, Event, EventKind, JointReview, TransitionError,
};
pub use disclosure::{DisclosureEvent, DisclosureRequest, DisclosureStatus, Reply};
pub use i18n::{Lang, Localized, tr, tr_args};
