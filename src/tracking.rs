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

/// What following cases needs of a store: the device's IndexedDB ([`Storage`]) in the app, a
/// map in memory (`storage::memory`) for native tests of the same rules.
pub trait TrackingStore {
    /// Whether case `case_no` is followed.
    fn is_tracked(&self, case_no: &str) -> impl Future<Output = Result<bool, StorageError>>;
    /// Follows a case by its number and code, without a view yet.
    fn put_key(&self, key: &TrackedKey) -> impl Future<Output = Result<(), StorageError>>;
    /// Keeps a followed case with its latest view.
    fn put_tracked(&self, case: &TrackedCase) -> impl Future<Output = Result<(), StorageError>>;
    /// Every followed case.
    fn all_tracked(&self) -> impl Future<Output = Result<Vec<TrackedCase>, StorageError>>;
    /// The case numbers and query codes of the receipts the outbox kept.
    fn receipt_refs(&self) -> impl Future<Output = Result<Vec<ReceiptRef>, StorageError>>;
}

impl TrackingStore for Storage {
    async fn is_tracked(&self, case_no: &str) -> Result<bool, StorageError> {
        self.has_record(stores::TRACKED_CASES, case_no).await
    }

    async fn put_key(&self, key: &TrackedKey) -> Result<(), StorageError> {
        self.put_record(stores::TRACKED_CASES, key).await
    }

    async fn put_tracked(&self, case: &TrackedCase) -> Result<(), StorageError> {
        self.put_record(stores::TRACKED_CASES, case).await
    }

    async fn all_tracked(&self) -> Result<Vec<TrackedCase>, StorageError> {
        self.all_records(stores::TRACKED_CASES).await
    }

    async fn receipt_refs(&self) -> Result<Vec<ReceiptRef>, StorageError> {
        self.all_records(stores::RECEIPTS).await
    }
}

async fn remember_in(
    store: &impl TrackingStore,
    case_no: &str,
    query_code: &str,
) -> Result<(), TrackError> {
    if store.is_tracked(case_no).await? {
        return Ok(());
    }
    let key = TrackedKey {
        case_no: case_no.to_owned(),
        query_code: query_code.to_owned(),
    };
    store.put_key(&key).await?;
    Ok(())
}

/// What a kept receipt tells 办件查询 (the outbox keeps receipts; see `storage::outbox`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ReceiptRef {
    /// 办件编号.
    pub case_no: String,
    /// 查询码 (absent on a late replay: such a case cannot be followed from its receipt).
    #[serde(default)]
    pub query_code: Option<String>,
}

/// Follows every case this device has a receipt for. Done here, when 办件查询 reads its list,
/// rather than by the outbox: the outbox runs in every bundle, this page only in the shell.
async fn adopt_receipts(store: &impl TrackingStore) -> Result<(), TrackError> {
    for receipt in store.receipt_refs().await? {
        if let Some(code) = &receipt.query_code {
            remember_in(store, &receipt.case_no, code).await?;
        }
    }
    Ok(())
}

/// The cases followed on this device, those it submitted included.
pub async fn tracked() -> Result<Vec<TrackedCase>, TrackError> {
    tracked_in(&Storage::shared().await?).await
}

async fn tracked_in(store: &impl TrackingStore) -> Result<Vec<TrackedCase>, TrackError> {
    adopt_receipts(store).await?;
    Ok(store.all_tracked().await?)
}

/// Asks the server again about every followed case and keeps the answers. A case that fails
/// keeps its last answer; the first error is returned after all were tried.
pub async fn refresh_all() -> Result<Vec<TrackedCase>, TrackError> {
    refresh_in(&Storage::shared().await?, lookup).await
}

/// [`refresh_all`] over `store`, asking `ask` (the server's lookup in the app).
async fn refresh_in(
    store: &impl TrackingStore,
    ask: impl AsyncFn(&str, &str) -> Result<CaseView, ApiError>,
) -> Result<Vec<TrackedCase>, TrackError> {
    adopt_receipts(store).await?;
    let mut cases = store.all_tracked().await?;
    let mut first_error = None;
    for case in &mut cases {
        match ask(&case.case_no, &case.query_code).await {
            Ok(view) => {
                case.view = Some(view);
                store.put_tracked(case).await?;
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

/// Following cases over the memory store (`cargo test -p guichet-app --lib`): the same
/// [`TrackingStore`] calls as IndexedDB.
#[cfg(test)]
mod native_tests {
    use super::*;
    use crate::storage::memory::MemoryStore;
    use crate::storage::memory::fixtures::{receipt, run};
    use crate::storage::outbox::OutboxStore;
    use std::cell::RefCell;

    fn view(case_no: &str, as_of: &str) -> CaseView {
        let named = |code: &str, name: &str| Named {
            code: code.into(),
            name: name.into(),
        };
        CaseView {
            case_no: case_no.into(),
            item: named("GA-001", "居民身份证换领"),
            case_type: None,
            case_type_label: "承诺件".into(),
            state: "accepted".into(),
            state_label: "已受理".into(),
            is_final: false,
            department: named("GA", "县公安局"),
            parts: Vec::new(),
            clock: None,
            deadline: None,
            deadline_provisional: false,
            working_days_left: None,
            working_days_overdue: None,
            supplement: None,
            timeline: Vec::new(),
            submitted: None,
            evaluation: None,
            disclosure: None,
            as_of: as_of.into(),
        }
    }

    fn followed(case_no: &str, as_of: &str) -> TrackedCase {
        TrackedCase {
            case_no: case_no.into(),
            query_code: format!("code-{case_no}"),
            view: Some(view(case_no, as_of)),
        }
    }

    /// Keeps the receipt of `client_id` for case `case_no` with `code`.
    fn keep_receipt(store: &MemoryStore, client_id: &str, case_no: &str, code: Option<&str>) {
        let kept = crate::storage::outbox::StoredReceipt {
            case_no: case_no.into(),
            query_code: code.map(str::to_owned),
            ..receipt(client_id)
        };
        run(store.confirm(&kept, "gone")).expect("confirm");
    }

    #[test]
    fn a_case_sent_from_here_is_followed_from_its_receipt_once_and_a_followed_one_keeps_its_view() {
        let store = MemoryStore::default();
        run(store.put_tracked(&followed("B", "2027-01-15 09:00"))).expect("put");
        keep_receipt(&store, "r1", "A", Some("1234"));
        keep_receipt(&store, "r2", "B", Some("5678"));
        // A late replay's receipt has no code: nothing to follow it with.
        keep_receipt(&store, "r3", "C", None);
        let list = run(tracked_in(&store)).expect("tracked");
        let numbers: Vec<_> = list.iter().map(|case| case.case_no.as_str()).collect();
        assert_eq!(numbers, ["A", "B"]);
        assert_eq!(list[0].query_code, "1234");
        assert_eq!(list[0].view, None, "its view comes with the next refresh");
        assert_eq!(list[1], followed("B", "2027-01-15 09:00"), "left as it was");
        assert_eq!(run(tracked_in(&store)).expect("tracked"), list);
    }

    #[test]
    fn a_refresh_asks_about_every_case_keeps_the_last_answer_of_one_that_fails_and_reports_it() {
        let store = MemoryStore::default();
        for case_no in ["A", "B", "C"] {
            run(store.put_tracked(&followed(case_no, "before"))).expect("put");
        }
        let asked = RefCell::new(Vec::new());
        let ask = async |case_no: &str, code: &str| {
            asked
                .borrow_mut()
                .push((case_no.to_owned(), code.to_owned()));
            if case_no == "A" {
                Err(ApiError::Network)
            } else {
                Ok(view(case_no, "after"))
            }
        };
        let outcome = run(refresh_in(&store, ask));
        assert!(matches!(outcome, Err(TrackError::Api(ApiError::Network))));
        assert_eq!(
            asked.into_inner(),
            [("A", "code-A"), ("B", "code-B"), ("C", "code-C")]
                .map(|(n, c)| (n.to_owned(), c.to_owned()))
        );
        let kept = store.tracked.borrow();
        assert_eq!(kept["A"], followed("A", "before"));
        assert_eq!(kept["B"], followed("B", "after"));
        assert_eq!(kept["C"], followed("C", "after"));
    }

    #[test]
    fn a_refresh_where_every_case_answers_returns_them_all_kept() {
        let store = MemoryStore::default();
        keep_receipt(&store, "r1", "A", Some("1234"));
        let list = run(refresh_in(&store, async |case_no: &str, _: &str| {
            Ok(view(case_no, "now"))
        }))
        .expect("refresh");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].view.as_ref().map(|v| v.as_of.as_str()), Some("now"));
        assert_eq!(store.tracked.borrow()["A"], list[0]);
    }
}
