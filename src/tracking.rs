//! 办件查询 on the device: looks a case up with its number and query code, and keeps the cases
//! followed on this device in IndexedDB with the time of the answer, so they can be read
//! offline and refreshed when the line is back.
//!
//! The query code is stored with the case: it is what lets the device refresh without the
//! person retyping it. On a shared village computer the person can remove a case from the
//! device ([`forget`]).

use serde::{Deserialize, Serialize};

use crate::api::{self, ApiError, Preserved};
use crate::storage::{Storage, StorageError, stores};

pub use guichet_core::wire::cases::{
    EvaluationView, Named, PartView, SubmittedView, SupplementView, TimelineEntry,
};
pub use guichet_core::wire::disclosure::{DisclosureView, ReplyView};

/// The citizen's view of a case (`POST /api/cases/lookup`, the type the server builds), with
/// the answers kept as the browser's value (they are only written back as text, with
/// `JSON.stringify`: serde_json stays out of the shell). Labels are in the language of the
/// request that fetched it.
pub type CaseView = guichet_core::wire::cases::CaseView<Preserved, DisclosureView>;

/// A case followed on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedCase {
    pub case_no: String,
    pub query_code: String,
    /// The last answer, if one ever arrived.
    #[serde(default)]
    pub view: Option<CaseView>,
}

#[derive(Serialize)]
struct LookupRequest<'a> {
    case_no: &'a str,
    query_code: &'a str,
}

/// Why a case could not be looked up or kept.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TrackError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error("{0}")]
    Storage(String),
}

impl From<StorageError> for TrackError {
    fn from(error: StorageError) -> Self {
        TrackError::Storage(error.to_string())
    }
}

/// Case numbers and query codes are read forgivingly: spaces around, lowercase letters. (Both
/// are ASCII; `to_ascii_uppercase` also keeps Unicode's case tables out of the bundle.)
pub fn normalise(text: &str) -> String {
    text.trim().to_ascii_uppercase()
}

/// Asks the server for a case.
pub async fn lookup(case_no: &str, query_code: &str) -> Result<CaseView, ApiError> {
    api::post_json(
        "cases/lookup",
        &LookupRequest {
            case_no,
            query_code,
        },
    )
    .await
}

/// Looks the case up and, when the server knows it, keeps it on the device.
pub async fn track(case_no: &str, query_code: &str) -> Result<TrackedCase, TrackError> {
    let view = lookup(case_no, query_code).await?;
    let tracked = TrackedCase {
        case_no: view.case_no.clone(),
        query_code: query_code.to_string(),
        view: Some(view),
    };
    Storage::shared()
        .await?
        .put_record(stores::TRACKED_CASES, &tracked)
        .await?;
    Ok(tracked)
}

/// A followed case's number and code, without its view: what [`remember`] writes for a case
/// the device has just submitted (its view arrives with the next refresh) and what the outbox
/// reads to send a 补正 with its code. A type of its own so that the outbox does not carry the
/// case view's decoding code into its bundles; it names the same fields as [`TrackedCase`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedKey {
    pub case_no: String,
    pub query_code: String,
}

/// Follows a case the device submitted, so that 办件查询 lists it without the person retyping
/// anything. A case already followed is left as it is.
pub async fn remember(case_no: &str, query_code: &str) -> Result<(), TrackError> {
    remember_in(&Storage::shared().await?, case_no, query_code).await
}

async fn remember_in(storage: &Storage, case_no: &str, query_code: &str) -> Result<(), TrackError> {
    if storage.has_record(stores::TRACKED_CASES, case_no).await? {
        return Ok(());
    }
    let tracked = TrackedKey {
        case_no: case_no.to_owned(),
        query_code: query_code.to_owned(),
    };
    storage.put_record(stores::TRACKED_CASES, &tracked).await?;
    Ok(())
}

/// What a kept receipt tells 办件查询 (the outbox keeps receipts; see `storage::forms`).
#[derive(Deserialize)]
struct ReceiptRef {
    case_no: String,
    #[serde(default)]
    query_code: Option<String>,
}

/// Follows every case this device has a receipt for. Done here, when 办件查询 reads its list,
/// rather than by the outbox: the outbox runs in every bundle, this page only in the shell.
async fn adopt_receipts(storage: &Storage) -> Result<(), TrackError> {
    let receipts: Vec<ReceiptRef> = storage.all_records(stores::RECEIPTS).await?;
    for receipt in receipts {
        if let Some(code) = &receipt.query_code {
            remember_in(storage, &receipt.case_no, code).await?;
        }
    }
    Ok(())
}

/// The cases followed on this device, those it submitted included.
pub async fn tracked() -> Result<Vec<TrackedCase>, TrackError> {
    let storage = Storage::shared().await?;
    adopt_receipts(&storage).await?;
    Ok(storage.all_records(stores::TRACKED_CASES).await?)
}

/// Asks the server again about every followed case and keeps the answers. A case that fails
/// keeps its last answer; the first error is returned after all were tried.
pub async fn refresh_all() -> Result<Vec<TrackedCase>, TrackError> {
    let storage = Storage::shared().await?;
    adopt_receipts(&storage).await?;
    let mut cases: Vec<TrackedCase> = storage.all_records(stores::TRACKED_CASES).await?;
    let mut first_error = None;
    for case in &mut cases {
        match lookup(&case.case_no, &case.query_code).await {
            Ok(view) => {
                case.view = Some(view);
                storage.put_record(stores::TRACKED_CASES, case).await?;
            }
            Err(error) => {
                first_error.get_or_insert(TrackError::Api(error));
            }
        }
    }
    match first_error {
        Some(error) => Err(error),
        None => Ok(cases),
    }
}

/// A complaint filed from this device: the server's answer (the shared type), kept with the
/// query code that looks it up (the server never sends it back on a lookup). Complaints kept
/// before complaints had codes have none (their `contact`, which opened them then, is ignored
/// now): they keep their last answer.
pub type TrackedComplaint = guichet_core::wire::cases::Complaint;

#[derive(Serialize)]
struct ComplaintLookup<'a> {
    complaint_no: &'a str,
    query_code: &'a str,
}

/// The complaints filed from this device (the outbox keeps them once the server numbered them).
pub async fn complaints() -> Result<Vec<TrackedComplaint>, TrackError> {
    Ok(Storage::shared()
        .await?
        .all_records(stores::COMPLAINTS)
        .await?)
}

/// Asks the server for complaint `complaint_no` with its query code; the answer keeps that
/// code (the server never sends it back), which the next lookup needs.
async fn lookup_complaint(
    complaint_no: &str,
    query_code: &str,
) -> Result<TrackedComplaint, ApiError> {
    let found: TrackedComplaint = api::post_json(
        "complaints/lookup",
        &ComplaintLookup {
            complaint_no,
            query_code,
        },
    )
    .await?;
    Ok(TrackedComplaint {
        query_code: Some(query_code.to_owned()),
        ..found
    })
}

/// Looks every complaint of the device up again (its status and any reply) and keeps the
/// answers; one that fails keeps its last answer.
pub async fn refresh_complaints() -> Result<Vec<TrackedComplaint>, TrackError> {
    let storage = Storage::shared().await?;
    let mut list: Vec<TrackedComplaint> = storage.all_records(stores::COMPLAINTS).await?;
    for complaint in &mut list {
        let Some(code) = complaint.query_code.clone() else {
            continue;
        };
        if let Ok(fresh) = lookup_complaint(&complaint.complaint_no, &code).await {
            *complaint = fresh;
            storage.put_record(stores::COMPLAINTS, complaint).await?;
        }
    }
    Ok(list)
}

/// Finds a complaint filed elsewhere (another device, the window, the hotline's form) by its
/// number and query code, and keeps it on this device like one filed here.
pub async fn find_complaint(
    complaint_no: &str,
    query_code: &str,
) -> Result<Vec<TrackedComplaint>, TrackError> {
    let found = lookup_complaint(&normalise(complaint_no), &normalise(query_code)).await?;
    let storage = Storage::shared().await?;
    storage.put_record(stores::COMPLAINTS, &found).await?;
    Ok(storage.all_records(stores::COMPLAINTS).await?)
}

/// Removes a case (and its query code) from the device.
pub async fn forget(case_no: &str) -> Result<(), TrackError> {
    Storage::shared()
        .await?
        .delete_record(stores::TRACKED_CASES, case_no)
        .await?;
    Ok(())
}

// `wasm_bindgen_test`: the app's unit tests run on wasm32, where plain `#[test]`s are not
// collected.
#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The outbox reads a followed case's code as a [`TrackedKey`]: the same fields as
    /// [`TrackedCase`], or a 补正 would find no code.
    #[wasm_bindgen_test]
    fn a_followed_case_reads_as_its_key() {
        let tracked = TrackedCase {
            case_no: "20261127-JT-000001".into(),
            query_code: "ABCD-EFGH-JKMN".into(),
            view: None,
        };
        let kept = serde_wasm_bindgen::to_value(&tracked).expect("serialises");
        let key: TrackedKey = serde_wasm_bindgen::from_value(kept).expect("decodes");
        assert_eq!(key.query_code, "ABCD-EFGH-JKMN");
        assert_eq!(key.case_no, tracked.case_no);
    }

    #[wasm_bindgen_test]
    fn complaints_kept_before_query_codes_still_read_and_new_ones_keep_their_code() {
        let old: TrackedComplaint = serde_json::from_str(
            r#"{"complaint_no": "TS20261127-0001", "subject": "窗口推诿",
                "status_label": "已受理", "contact": "13800000000"}"#,
        )
        .expect("an old record");
        assert_eq!(old.query_code, None);
        let answer: TrackedComplaint = serde_json::from_str(
            r#"{"complaint_no": "TS20261204-0001", "subject": "窗口推诿", "status": "received",
                "status_label": "已受理", "case_no": null, "reply": null,
                "created_at": "2026-12-04T01:00:00.000Z", "query_code": "ABCD-EFGH-JKMN"}"#,
        )
        .expect("the server's answer");
        assert_eq!(answer.query_code.as_deref(), Some("ABCD-EFGH-JKMN"));
    }
}
