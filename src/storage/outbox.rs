//! The outbox and receipts on the device: records frozen for sending (exactly these bytes,
//! under this client id), their states, and the server's receipts once confirmed.

use js_sys::Array;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::IdbTransaction;

use super::forms::Draft;
use super::idb::{complete, from_js, op, request, store, to_js};
use super::{Storage, StorageError, stores};

/// Where an outbox record is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting for its next attempt.
    Pending,
    /// A tab holds the lease and is sending it.
    Sending,
    /// The server refused it for good (4xx): set aside with the reason, never retried.
    Refused,
}

/// What an outbox record delivers (records stored before there were kinds are submissions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A new case: `POST /api/submissions`.
    #[default]
    Submission,
    /// A 补正 of `case_no`'s answers: `POST /api/cases/{no}/supplement`.
    Supplement,
    /// A 好差评 of `case_no`: `POST /api/cases/{no}/evaluation` with the frozen `body`.
    Evaluation,
    /// A complaint: `POST /api/complaints` with the frozen `body`; its number is kept in
    /// `stores::COMPLAINTS` once the server answers.
    Complaint,
    /// Any other write that waits for the line (咨询, 预约): the frozen `body` is posted to the
    /// path under `/api` kept in `case_no`, and the server's answer is kept in
    /// `stores::CONTACT` under the client id, with the request it answers.
    Post,
}

impl RecordKind {
    /// Whether records of this kind are made from a draft the person can reopen and amend.
    pub fn has_draft(self) -> bool {
        matches!(self, RecordKind::Submission | RecordKind::Supplement)
    }
}

/// A record frozen for sending: exactly these bytes, under this client id, until confirmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxRecord {
    /// The client id: 32 hex digits from `crypto.getRandomValues`; the idempotency key.
    pub id: String,
    /// The draft it was made from (kept until the server confirms).
    pub draft_id: String,
    /// The service item.
    pub item_code: String,
    /// Its name, for lists.
    pub item_name: String,
    /// The form version.
    pub form_version: u32,
    /// The answers as JSON text, exactly as hashed and sent.
    pub answers: String,
    /// `submission_hash` of the above.
    pub content_hash: String,
    /// When the person pressed submit, RFC 3339 at UTC+8.
    pub submitted_at: String,
    /// Where it is.
    pub state: OutboxState,
    /// Attempts made so far.
    pub attempts: u32,
    /// The last failure, in words.
    #[serde(default)]
    pub last_error: Option<String>,
    /// For a refusal: field id → the server's message.
    #[serde(default)]
    pub refused_fields: Vec<(String, String)>,
    /// Not before this time (ms since the epoch): the backoff.
    pub next_attempt_at: f64,
    /// The tab holding the lease while sending.
    #[serde(default)]
    pub lease_owner: Option<String>,
    /// The lease's expiry (ms): after it, another tab may take over.
    pub lease_until: f64,
    /// Made at (ms).
    pub created_at: f64,
    /// What it delivers.
    #[serde(default)]
    pub kind: RecordKind,
    /// The case a 补正 or a rating is about; for a `Post`, the path under `/api` it goes to.
    #[serde(default)]
    pub case_no: Option<String>,
    /// The query code a 补正 is sent with (read from the tracked case when it was frozen).
    #[serde(default)]
    pub query_code: Option<String>,
    /// The whole request body, frozen (ratings, complaints and posts: no form answers).
    #[serde(default)]
    pub body: Option<String>,
}

/// The server's receipt of a case, kept for the receipt and tracking pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredReceipt {
    /// The client id the submission was sent under.
    pub client_id: String,
    /// 办件编号.
    pub case_no: String,
    /// 查询码 (absent on a late replay).
    #[serde(default)]
    pub query_code: Option<String>,
    /// The draft it was sent from: a tab still holding that draft finds this receipt instead of
    /// sending it again (empty in receipts kept before it was recorded).
    #[serde(default)]
    pub draft_id: String,
    /// The item.
    pub item_code: String,
    /// Its name.
    pub item_name: String,
    /// The form version.
    pub form_version: u32,
    /// When the server recorded it (RFC 3339).
    pub received_at: String,
    /// A disclosure request's dates as the server gave them (`{"counted_from", "reply_by",
    /// "reply_by_provisional"}`, 政府信息公开条例 Art. 31), kept as the browser's value;
    /// `undefined` for other cases.
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub disclosure: wasm_bindgen::JsValue,
}

/// Whether a confirmed record's draft goes with it: only while the draft still names that
/// record. A draft the person reopened for editing meanwhile (`submitted_as` cleared, or the
/// record of a later send) stays.
pub fn draft_goes_with(draft: &Draft, client_id: &str) -> bool {
    draft.submitted_as.as_deref() == Some(client_id)
}

/// What the outbox's decisions (`crate::sync::outbox`: the lease, the backoff, the
/// confirmation) need of a store, each call one transaction: the device's IndexedDB
/// ([`Storage`]) in the app, a map in memory (`super::memory`) for native tests of the same
/// decisions.
pub trait OutboxStore {
    /// Reads, changes and writes record `id` as one transaction; `change` returns `None` to
    /// leave it as it is. The record as written, if any.
    fn update_outbox(
        &self,
        id: &str,
        change: impl FnOnce(OutboxRecord) -> Option<OutboxRecord>,
    ) -> impl Future<Output = Result<Option<OutboxRecord>, StorageError>>;

    /// The server confirmed: keep the receipt, drop the record and, if it still belongs to the
    /// record ([`draft_goes_with`]), its draft, as one transaction.
    fn confirm(
        &self,
        receipt: &StoredReceipt,
        draft_id: &str,
    ) -> impl Future<Output = Result<(), StorageError>>;

    /// Submit: writes `record` and `draft` (marked as sent under the record's id) unless the
    /// draft was sent already ([`sent_as`]), as one transaction; the client id it went under
    /// when it was, and nothing written.
    fn freeze(
        &self,
        record: &OutboxRecord,
        draft: &Draft,
    ) -> impl Future<Output = Result<Option<String>, StorageError>>;

    /// Autosave: writes `draft` unless, open in this tab ([`open_draft_check`]), it was sent
    /// meanwhile from another; the client id it went under when it was, and nothing written.
    fn save_open_draft(
        &self,
        draft: &Draft,
    ) -> impl Future<Output = Result<Option<String>, StorageError>>;
}

/// The draft autosave checks before writing: one open in this tab. A draft this page itself
/// marked as sent names its own record, and is written as it is.
pub fn open_draft_check(draft: &Draft) -> Option<&str> {
    draft.submitted_as.is_none().then_some(draft.id.as_str())
}

impl OutboxStore for Storage {
    fn update_outbox(
        &self,
        id: &str,
        change: impl FnOnce(OutboxRecord) -> Option<OutboxRecord>,
    ) -> impl Future<Output = Result<Option<OutboxRecord>, StorageError>> {
        Storage::update_outbox(self, id, change)
    }

    fn confirm(
        &self,
        receipt: &StoredReceipt,
        draft_id: &str,
    ) -> impl Future<Output = Result<(), StorageError>> {
        Storage::confirm(self, receipt, draft_id)
    }

    fn freeze(
        &self,
        record: &OutboxRecord,
        draft: &Draft,
    ) -> impl Future<Output = Result<Option<String>, StorageError>> {
        Storage::freeze(self, record, draft)
    }

    fn save_open_draft(
        &self,
        draft: &Draft,
    ) -> impl Future<Output = Result<Option<String>, StorageError>> {
        Storage::save_open_draft(self, draft)
    }
}

/// What the one-draft-one-case rule ([`sent_as`]) reads, inside one transaction over drafts,
/// outbox and receipts: IndexedDB's ([`TxReads`]) in the app, the memory store's in native
/// tests, so that both run the same rule.
pub trait SentReads {
    /// The client id the stored draft `draft_id` is marked as sent under: `None` when the
    /// draft is gone, `Some(None)` when it is open for editing.
    fn draft_mark(
        &self,
        draft_id: &str,
    ) -> impl Future<Output = Result<Option<Option<String>>, StorageError>>;
    /// The state of outbox record `client_id`, if it is still there.
    fn record_state(
        &self,
        client_id: &str,
    ) -> impl Future<Output = Result<Option<OutboxState>, StorageError>>;
    /// Whether a receipt is kept for `client_id`.
    fn has_receipt(&self, client_id: &str) -> impl Future<Output = Result<bool, StorageError>>;
    /// The client id of the latest receipt (by `received_at`) sent from draft `draft_id`.
    fn latest_receipt_of(
        &self,
        draft_id: &str,
    ) -> impl Future<Output = Result<Option<String>, StorageError>>;
}

/// The client id draft `draft_id` was already sent under, if it was. The stored draft marks its
/// record (waiting or being sent: sent; refused or given up: free to send again); a draft that
/// is gone was either confirmed — its receipt names it — or deleted by the person, who may send
/// it anew.
pub async fn sent_as(
    reads: &impl SentReads,
    draft_id: &str,
) -> Result<Option<String>, StorageError> {
    match reads.draft_mark(draft_id).await? {
        Some(None) => Ok(None),
        Some(Some(client_id)) => {
            let sent = match reads.record_state(&client_id).await? {
                Some(state) => state != OutboxState::Refused,
                None => reads.has_receipt(&client_id).await?,
            };
            Ok(sent.then_some(client_id))
        }
        None => reads.latest_receipt_of(draft_id).await,
    }
}

/// [`SentReads`] inside an IndexedDB transaction over drafts, outbox and receipts.
struct TxReads<'a>(&'a IdbTransaction);

impl SentReads for TxReads<'_> {
    async fn draft_mark(&self, draft_id: &str) -> Result<Option<Option<String>>, StorageError> {
        let stored: Option<Draft> = from_js(
            request(
                &store(self.0, stores::DRAFTS)?
                    .get(&draft_id.into())
                    .map_err(op)?,
            )
            .await?,
        )?;
        Ok(stored.map(|draft| draft.submitted_as))
    }

    async fn record_state(&self, client_id: &str) -> Result<Option<OutboxState>, StorageError> {
        let record: Option<OutboxRecord> = from_js(
            request(
                &store(self.0, stores::OUTBOX)?
                    .get(&client_id.into())
                    .map_err(op)?,
            )
            .await?,
        )?;
        Ok(record.map(|record| record.state))
    }

    async fn has_receipt(&self, client_id: &str) -> Result<bool, StorageError> {
        let receipts = store(self.0, stores::RECEIPTS)?;
        Ok(!request(&receipts.get(&client_id.into()).map_err(op)?)
            .await?
            .is_undefined())
    }

    async fn latest_receipt_of(&self, draft_id: &str) -> Result<Option<String>, StorageError> {
        let receipts = store(self.0, stores::RECEIPTS)?;
        let all: Array = request(&receipts.get_all().map_err(op)?)
            .await?
            .unchecked_into();
        // Read by name: decoding whole receipts would cost the forms bundle ~2 KB.
        let field = |value: &JsValue, name: &str| {
            js_sys::Reflect::get(value, &name.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        Ok(latest_of(
            draft_id,
            all.iter().map(|value| {
                (
                    field(&value, "draft_id"),
                    field(&value, "received_at"),
                    field(&value, "client_id"),
                )
            }),
        ))
    }
}

/// Of `receipts` (draft id, received at, client id), the client id of the latest sent from
/// `draft_id`.
pub fn latest_of(
    draft_id: &str,
    receipts: impl Iterator<Item = (String, String, String)>,
) -> Option<String> {
    let mut latest: Option<(String, String)> = None;
    for (draft, received_at, client_id) in receipts {
        if draft == draft_id && latest.as_ref().is_none_or(|(at, _)| *at < received_at) {
            latest = Some((received_at, client_id));
        }
    }
    latest.map(|(_, client_id)| client_id)
}

impl Storage {
    // --- outbox ----------------------------------------------------------------------------

    /// Freezes a record and marks its draft as submitted, in one transaction that first reads
    /// the draft as stored: when another tab (or an earlier press) has sent it already, nothing
    /// is written and the client id it went under comes back, so that one draft makes one case
    /// whatever the number of tabs (IndexedDB runs overlapping read-write transactions one after
    /// the other).
    pub async fn freeze(
        &self,
        record: &OutboxRecord,
        draft: &Draft,
    ) -> Result<Option<String>, StorageError> {
        let writes = [
            (stores::OUTBOX, to_js(record)?),
            (stores::DRAFTS, to_js(draft)?),
        ];
        self.unless_sent(Some(&draft.id), &writes).await
    }

    /// Autosave: writes a draft that is still open for editing. When the stored draft was sent
    /// meanwhile (from another tab), nothing is written, so that a stale tab neither unlocks
    /// nor revives it, and the client id it went under comes back.
    pub async fn save_open_draft(&self, draft: &Draft) -> Result<Option<String>, StorageError> {
        self.unless_sent(open_draft_check(draft), &[(stores::DRAFTS, to_js(draft)?)])
            .await
    }

    /// The one-draft-one-case rule, held once: in one transaction over drafts, outbox and
    /// receipts, `writes` (store, value) are put only if draft `draft_id` (when given) was not
    /// sent already; if it was, nothing is written and its client id comes back.
    async fn unless_sent(
        &self,
        draft_id: Option<&str>,
        writes: &[(&str, JsValue)],
    ) -> Result<Option<String>, StorageError> {
        let tx = self.tx(&[stores::OUTBOX, stores::DRAFTS, stores::RECEIPTS], true)?;
        let sent = match draft_id {
            Some(id) => sent_as(&TxReads(&tx), id).await?,
            None => None,
        };
        if sent.is_none() {
            for (name, value) in writes {
                request(&store(&tx, name)?.put(value).map_err(op)?).await?;
            }
        }
        complete(&tx).await?;
        Ok(sent)
    }

    /// Writes an outbox record as it is.
    pub async fn put_outbox(&self, record: &OutboxRecord) -> Result<(), StorageError> {
        self.put_raw(stores::OUTBOX, &to_js(record)?).await
    }

    /// One outbox record.
    pub async fn get_outbox(&self, id: &str) -> Result<Option<OutboxRecord>, StorageError> {
        self.get_one(stores::OUTBOX, id).await
    }

    /// Every outbox record, oldest first.
    pub async fn list_outbox(&self) -> Result<Vec<OutboxRecord>, StorageError> {
        let mut records: Vec<OutboxRecord> = self.get_all(stores::OUTBOX).await?;
        guichet_core::sort::insertion_sort_by(&mut records, |a, b| {
            a.created_at.total_cmp(&b.created_at).is_lt()
        });
        Ok(records)
    }

    /// Deletes an outbox record (a refused one the person gave up, or replaced).
    pub async fn delete_outbox(&self, id: &str) -> Result<(), StorageError> {
        self.delete_record(stores::OUTBOX, id).await?;
        self.collect_attachments().await
    }

    /// Reads, changes and writes one outbox record inside one read-write transaction, so that
    /// two tabs cannot both take it: IndexedDB runs overlapping read-write transactions one
    /// after the other. `change` returns `None` to leave the record as it is.
    pub async fn update_outbox(
        &self,
        id: &str,
        change: impl FnOnce(OutboxRecord) -> Option<OutboxRecord>,
    ) -> Result<Option<OutboxRecord>, StorageError> {
        let tx = self.tx(&[stores::OUTBOX], true)?;
        let outbox = store(&tx, stores::OUTBOX)?;
        let current: Option<OutboxRecord> =
            from_js(request(&outbox.get(&id.into()).map_err(op)?).await?)?;
        let changed = current.and_then(change);
        if let Some(record) = &changed {
            request(&outbox.put(&to_js(record)?).map_err(op)?).await?;
        }
        complete(&tx).await?;
        Ok(changed)
    }

    /// The server confirmed: keep the receipt, drop the record and its draft, atomically.
    pub async fn confirm(
        &self,
        receipt: &StoredReceipt,
        draft_id: &str,
    ) -> Result<(), StorageError> {
        let tx = self.tx(&[stores::OUTBOX, stores::DRAFTS, stores::RECEIPTS], true)?;
        request(
            &store(&tx, stores::RECEIPTS)?
                .put(&to_js(receipt)?)
                .map_err(op)?,
        )
        .await?;
        request(
            &store(&tx, stores::OUTBOX)?
                .delete(&receipt.client_id.as_str().into())
                .map_err(op)?,
        )
        .await?;
        // The draft goes only if it still belongs to this record (not reopened for editing).
        let drafts = store(&tx, stores::DRAFTS)?;
        let draft: Option<Draft> =
            from_js(request(&drafts.get(&draft_id.into()).map_err(op)?).await?)?;
        if draft.is_some_and(|d| draft_goes_with(&d, &receipt.client_id)) {
            request(&drafts.delete(&draft_id.into()).map_err(op)?).await?;
        }
        complete(&tx).await?;
        self.collect_attachments().await
    }

    /// A record that leaves no receipt was delivered: drop it and, for a complaint, keep the
    /// server's answer (`keep`, into `store`) in the same transaction.
    pub async fn deliver(
        &self,
        id: &str,
        keep: Option<(&str, &JsValue)>,
    ) -> Result<(), StorageError> {
        let mut names = vec![stores::OUTBOX];
        if let Some((name, _)) = keep {
            names.push(name);
        }
        let tx = self.tx(&names, true)?;
        if let Some((name, value)) = keep {
            request(&store(&tx, name)?.put(value).map_err(op)?).await?;
        }
        request(&store(&tx, stores::OUTBOX)?.delete(&id.into()).map_err(op)?).await?;
        complete(&tx).await
    }
    /// Records waiting to be sent (pending or being sent; refused ones wait for the person).
    pub async fn pending_count(&self) -> Result<u32, StorageError> {
        let records = self.list_outbox().await?;
        Ok(records
            .iter()
            .filter(|r| r.state != OutboxState::Refused)
            .count() as u32)
    }

    // --- receipts --------------------------------------------------------------------------

    /// The receipt of a sent submission.
    pub async fn get_receipt(
        &self,
        client_id: &str,
    ) -> Result<Option<StoredReceipt>, StorageError> {
        self.get_one(stores::RECEIPTS, client_id).await
    }
}

/// The one-draft-one-case rule over the memory store, the same [`sent_as`] as IndexedDB's: one
/// draft makes one case whatever the number of tabs, presses and stale autosaves.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::memory::MemoryStore;
    use crate::storage::memory::fixtures::{draft, receipt, record, run};

    /// Record `id` frozen from draft `draft_id`.
    fn record_of(id: &str, draft_id: &str) -> OutboxRecord {
        OutboxRecord {
            draft_id: draft_id.into(),
            ..record(id)
        }
    }

    /// A store holding draft `d`, open for editing.
    fn with_open_draft() -> MemoryStore {
        let store = MemoryStore::default();
        run(store.save_open_draft(&draft("d", None))).expect("save");
        store
    }

    fn stored_mark(store: &MemoryStore) -> Option<Option<String>> {
        store
            .drafts
            .borrow()
            .get("d")
            .map(|draft| draft.submitted_as.clone())
    }

    #[test]
    fn two_tabs_submitting_one_draft_make_one_record() {
        let store = with_open_draft();
        let first = run(store.freeze(&record_of("a", "d"), &draft("d", Some("a"))));
        assert_eq!(first.expect("freeze"), None);
        // The second tab read the draft before the first froze it.
        let second = run(store.freeze(&record_of("b", "d"), &draft("d", Some("b"))));
        assert_eq!(second.expect("freeze"), Some("a".to_owned()));
        assert_eq!(store.outbox.borrow().keys().collect::<Vec<_>>(), vec!["a"]);
        assert_eq!(stored_mark(&store), Some(Some("a".to_owned())));
    }

    #[test]
    fn a_stale_tabs_autosave_neither_unlocks_nor_revives_a_sent_draft() {
        let store = with_open_draft();
        run(store.freeze(&record_of("a", "d"), &draft("d", Some("a")))).expect("freeze");
        let stale = Draft {
            answers: r#"{"name":"改过"}"#.into(),
            ..draft("d", None)
        };
        assert_eq!(
            run(store.save_open_draft(&stale)).expect("save"),
            Some("a".to_owned())
        );
        assert_eq!(stored_mark(&store), Some(Some("a".to_owned())));
        assert_eq!(store.drafts.borrow()["d"].answers, "{}");
        // Confirmed: the draft went with its record; the receipt still names it.
        let kept = StoredReceipt {
            draft_id: "d".into(),
            ..receipt("a")
        };
        run(store.confirm(&kept, "d")).expect("confirm");
        assert_eq!(stored_mark(&store), None);
        assert_eq!(
            run(store.save_open_draft(&stale)).expect("save"),
            Some("a".to_owned())
        );
        assert_eq!(stored_mark(&store), None, "not revived");
    }

    #[test]
    fn the_tab_that_marked_its_draft_writes_it_as_it_is() {
        let store = with_open_draft();
        run(store.freeze(&record_of("a", "d"), &draft("d", Some("a")))).expect("freeze");
        let own = Draft {
            progress: 100,
            ..draft("d", Some("a"))
        };
        assert_eq!(run(store.save_open_draft(&own)).expect("save"), None);
        assert_eq!(store.drafts.borrow()["d"].progress, 100);
    }

    #[test]
    fn a_refused_record_frees_its_draft_to_be_sent_again() {
        let store = with_open_draft();
        run(store.freeze(&record_of("a", "d"), &draft("d", Some("a")))).expect("freeze");
        store
            .outbox
            .borrow_mut()
            .entry("a".into())
            .and_modify(|record| record.state = OutboxState::Refused);
        // Corrected and sent again, under a new client id.
        let again = run(store.freeze(&record_of("b", "d"), &draft("d", Some("b"))));
        assert_eq!(again.expect("freeze"), None);
        assert_eq!(stored_mark(&store), Some(Some("b".to_owned())));
    }

    #[test]
    fn a_draft_the_person_deleted_unsent_may_be_sent_anew() {
        let store = MemoryStore::default();
        let fresh = run(store.freeze(&record_of("c", "d"), &draft("d", Some("c"))));
        assert_eq!(fresh.expect("freeze"), None);
        assert!(store.outbox.borrow().contains_key("c"));
    }

    #[test]
    fn a_marked_draft_whose_record_is_confirmed_is_sent_and_one_whose_record_vanished_is_not() {
        let store = with_open_draft();
        store
            .drafts
            .borrow_mut()
            .insert("d".into(), draft("d", Some("a")));
        // No record and no receipt: the record was given up, the draft may go again.
        assert_eq!(run(sent_as(&store, "d")).expect("read"), None);
        // Its receipt is kept (confirmed while this draft was reopened elsewhere): sent.
        run(store.confirm(&receipt("a"), "other")).expect("confirm");
        assert_eq!(
            run(sent_as(&store, "d")).expect("read"),
            Some("a".to_owned())
        );
    }

    #[test]
    fn a_gone_draft_sent_twice_answers_with_its_latest_receipt() {
        let store = MemoryStore::default();
        for (client_id, at) in [
            ("early", "2027-01-15T10:00:01+08:00"),
            ("late", "2027-01-16T09:30:00+08:00"),
            ("other", "2027-01-17T09:30:00+08:00"),
        ] {
            let kept = StoredReceipt {
                draft_id: if client_id == "other" { "e" } else { "d" }.into(),
                received_at: at.into(),
                ..receipt(client_id)
            };
            run(store.confirm(&kept, "gone")).expect("confirm");
        }
        assert_eq!(
            run(sent_as(&store, "d")).expect("read"),
            Some("late".to_owned())
        );
        assert_eq!(run(sent_as(&store, "none")).expect("read"), None);
    }
}
