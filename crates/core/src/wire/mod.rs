//! The API's answers, as types the server serializes and the apps decode: one definition per
//! answer, so that a field renamed on one side fails to compile (or a test) on the other instead
//! of reading as absent.
//!
//! * [`appeals`] — 好差评申诉复核: an appeal, the appeals a desk sees, a year's results.
//! * [`calendar`] — the admin desk's holiday calendar: the years, a notice's preview and
//!   publication.
//! * [`catalog_desk`] — the 主动公开目录 desk's: the agencies, a page of entries, a save and a
//!   withdrawal.
//! * [`cases`] — the citizen's case answers: a submission's receipt, the case view of 办件查询,
//!   a 补正's and a 好差评's answers.
//! * [`contact`] — 咨询 and 预约: the free slots, a booking, a question, and the front desk's
//!   questions, day of bookings and settings.
//! * [`desk`] — the window desk's: the work queue, a case in full, 电子监察, follow-ups.
//! * [`disclosure`] — what a 依申请公开 request adds to the case view: its dates and the
//!   agency's reply.
//! * [`files`] — a stored attachment, a staff upload kept with its name, and the steps of a
//!   resumable upload.
//! * [`publish`] — the guide editor's: the items a person may edit, a form's check, preview
//!   and publication.
//! * [`services`] — what the receipt page reads of a kept service item: its next steps.
//! * [`staff`] — the staff desks' answers: the signed-in session, the accounts, the audit log.
//!
//! The wire format is fixed: the end-to-end tests and the records and receipts kept in phones'
//! IndexedDB depend on it. Each type's tests compare its JSON with a literal of what the server
//! sent before the type existed. Dates and times stay text where the apps show them as text.
//!
//! Fields the apps never read but whose decoding would cost their bundles the buffering decoder
//! of tagged enums are `skip_deserializing` (the server still sends them).

pub mod appeals;
pub mod calendar;
pub mod cases;
pub mod catalog_desk;
pub mod contact;
pub mod desk;
pub mod disclosure;
pub mod files;
pub mod publish;
pub mod services;
pub mod staff;

/// For the types' tests: `value` is sent as `wire`, and `wire` reads back as `value`.
#[cfg(test)]
fn same<T>(value: &T, wire: serde_json::Value)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_eq!(serde_json::to_value(value).expect("serializes"), wire);
    let back: T = serde_json::from_value(wire).expect("decodes");
    assert_eq!(&back, value);
}
