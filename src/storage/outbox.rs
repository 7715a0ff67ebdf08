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
}

/// Inside `tx` (drafts, outbox and receipts): the client id draft `draft_id` was already sent
/// under, if it was. The stored draft marks its record (waiting or being sent: sent; refused or
/// given up: free to send again); a draft that is gone was either confirmed — its receipt names
/// it — or deleted by the person, who may send it anew.
async fn sent_as(tx: &IdbTransaction, draft_id: &str) -> Result<Option<String>, StorageError> {
    let stored: Option<Draft> = from_js(
        request(
            &store(tx, stores::DRAFTS)?
                .get(&draft_id.into())
                .map_err(op)?,
        )
        .await?,
    )?;
    let receipts = store(tx, stores::RECEIPTS)?;
    match stored.map(|d| d.submitted_as) {
        Some(None) => Ok(None),
        Some(Some(client_id)) => {
            let record: Option<OutboxRecord> = from_js(
                request(
                    &store(tx, stores::OUTBOX)?
                        .get(&client_id.as_str().into())
                        .map_err(op)?,
                )
                .await?,
            )?;
            let sent = match record {
                Some(record) => record.state != OutboxState::Refused,
                None => !request(&receipts.get(&client_id.as_str().into()).map_err(op)?)
                    .await?
                    .is_undefined(),
            };
            Ok(sent.then_some(client_id))
        }
        None => {
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
            let mut latest: Option<(String, String)> = None;
            for value in all.iter() {
                let received_at = field(&value, "received_at");
                if field(&value, "draft_id") == draft_id
                    && latest.as_ref().is_none_or(|(at, _)| *at < received_at)
                {
                    latest = Some((received_at, field(&value, "client_id")));
                }
            }
            Ok(latest.map(|(_, client_id)| client_id))
        }
    }
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
        // A draft this page itself locked names its own send: written as it is.
        let check = draft.submitted_as.is_none().then_some(draft.id.as_str());
        self.unless_sent(check, &[(stores::DRAFTS, to_js(draft)?)])
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
            Some(id) => sent_as(&tx, id).await?,
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
