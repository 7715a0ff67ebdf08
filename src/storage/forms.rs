//! The records of online applications on the device: drafts, attachments (Blobs), the outbox,
//! receipts and the service items and form versions the person opened.
//!
//! This talks to IndexedDB directly (through `web_sys`) rather than through the typed wrapper
//! of the parent module: attachments are Blobs, which serde cannot carry, and the outbox needs
//! read-check-write inside one transaction (its lease) and writes across several stores at once
//! (a confirmed submission removes its draft and keeps its receipt atomically).
//!
//! Answers are kept as JSON *text*, not as JS objects: a round trip through JS numbers would
//! turn `3` into `3.0` and change the submission's content hash.

use js_sys::{Array, Promise};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbRequest, IdbTransaction};

use super::{Storage, StorageError, stores};

/// An unfinished (or submitted but not yet confirmed) application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Random hex id made on the device.
    pub id: String,
    /// The service item.
    pub item_code: String,
    /// The item's name when the draft was started (shown in lists offline).
    pub item_name: String,
    /// The form version the answers were made against.
    pub form_version: u32,
    /// The answers as JSON text (field id → value).
    pub answers: String,
    /// Where the person was: a section id, or `"check"`.
    pub step: String,
    /// Milliseconds since the epoch.
    pub created_at: f64,
    /// Milliseconds since the epoch of the last save.
    pub updated_at: f64,
    /// How complete, in percent of the visible required fields.
    pub progress: u32,
    /// The client id of the outbox record made from it, while that record is not confirmed.
    #[serde(default)]
    pub submitted_as: Option<String>,
    /// What a carry-over to a newer form version left behind, shown until dismissed.
    #[serde(default)]
    pub dropped: Vec<DroppedNote>,
    /// For a 补正: the number of the case whose answers this draft amends (its query code and
    /// what staff asked for are kept with the tracked case). Its record goes to
    /// `/api/cases/{no}/supplement` instead of making a new case.
    #[serde(default)]
    pub supplement_for: Option<String>,
}

impl Draft {
    /// A draft of `item_code`'s form `form_version` holding `answers` (JSON text), started at
    /// `now`: on its first step, not submitted, nothing carried over, not a 补正.
    pub fn new(
        id: String,
        item_code: String,
        item_name: String,
        form_version: u32,
        answers: String,
        now: f64,
    ) -> Draft {
        Draft {
            id,
            item_code,
            item_name,
            form_version,
            answers,
            step: String::new(),
            created_at: now,
            updated_at: now,
            progress: 0,
            submitted_as: None,
            dropped: Vec::new(),
            supplement_for: None,
        }
    }

    /// The same draft opened on its check page with every answer given: one made from answers
    /// already sent (a 补正 of a case, a refused record whose draft was deleted).
    pub fn answered(self) -> Draft {
        Draft {
            step: "check".into(),
            progress: 100,
            ..self
        }
    }
}

/// One answer a carry-over could not keep, with its old value in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DroppedNote {
    /// Why, as a sentence naming the field.
    pub message: String,
    /// The old value, as text.
    pub value: String,
}

/// An attachment's description; the Blob itself sits next to it in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentMeta {
    /// SHA-256 of the bytes, hex: also the server's upload id.
    pub id: String,
    /// The file's name on the device.
    pub name: String,
    /// `image/jpeg`, `image/png` or `application/pdf`.
    pub media_type: String,
    /// Bytes.
    pub size: f64,
}

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

/// Inside `tx` (drafts, outbox and receipts): the client id draft `draft_id` was already sent
/// under, if it was. The stored draft marks its record (waiting or being sent: sent; refused or
/// given up: free to send again); a draft that is gone was either confirmed — its receipt names
/// it — or deleted by the person, who may send it anew.
async fn sent_as(tx: &IdbTransaction, draft_id: &str) -> Result<Option<String>, StorageError> {
    let stored: Option<Draft> = from_js(
        request(
            store(tx, stores::DRAFTS)?
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
                    store(tx, stores::OUTBOX)?
                        .get(&client_id.as_str().into())
                        .map_err(op)?,
                )
                .await?,
            )?;
            let sent = match record {
                Some(record) => record.state != OutboxState::Refused,
                None => !request(receipts.get(&client_id.as_str().into()).map_err(op)?)
                    .await?
                    .is_undefined(),
            };
            Ok(sent.then_some(client_id))
        }
        None => {
            let all: Array = request(receipts.get_all().map_err(op)?)
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

pub(super) fn op(error: JsValue) -> StorageError {
    let text = js_sys::Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "IndexedDB error".into());
    StorageError::Operation(text)
}

pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    serde_wasm_bindgen::to_value(value).map_err(|e| StorageError::Operation(e.to_string()))
}

pub(super) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<Option<T>, StorageError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    serde_wasm_bindgen::from_value(value)
        .map(Some)
        .map_err(|e| StorageError::Operation(e.to_string()))
}

/// Waits for one of two callbacks to be called: `Ok` for the first, `Err` for the second.
/// The closures live until then, and are dropped afterwards (no leak per request).
async fn wait(
    install: impl FnOnce(&js_sys::Function, &js_sys::Function, &js_sys::Function),
) -> Result<(), ()> {
    let mut keep: Vec<Closure<dyn FnMut()>> = Vec::new();
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject2 = reject.clone();
        let err = Closure::<dyn FnMut()>::new(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        let abort = Closure::<dyn FnMut()>::new(move || {
            let _ = reject2.call0(&JsValue::NULL);
        });
        keep.push(ok);
        keep.push(err);
        keep.push(abort);
    });
    install(
        keep[0].as_ref().unchecked_ref(),
        keep[1].as_ref().unchecked_ref(),
        keep[2].as_ref().unchecked_ref(),
    );
    let outcome = JsFuture::from(promise).await;
    drop(keep);
    outcome.map(|_| ()).map_err(|_| ())
}

pub(super) async fn request(req: IdbRequest) -> Result<JsValue, StorageError> {
    let outcome = wait(|ok, err, _| {
        req.set_onsuccess(Some(ok));
        req.set_onerror(Some(err));
    })
    .await;
    match outcome {
        Ok(()) => req.result().map_err(op),
        Err(()) => Err(req
            .error()
            .ok()
            .flatten()
            .map(|e| failure(&e))
            .unwrap_or_else(|| StorageError::Operation("request failed".into()))),
    }
}

pub(super) async fn complete(tx: &IdbTransaction) -> Result<(), StorageError> {
    wait(|ok, err, abort| {
        tx.set_oncomplete(Some(ok));
        tx.set_onerror(Some(err));
        tx.set_onabort(Some(abort));
    })
    .await
    .map_err(|()| {
        tx.error()
            .map(|e| failure(&e))
            .unwrap_or_else(|| StorageError::Operation("transaction aborted".into()))
    })
}

/// A failed request or transaction: a full device by the error's name (its message varies by
/// browser and language), anything else in the browser's words.
fn failure(error: &web_sys::DomException) -> StorageError {
    if error.name() == "QuotaExceededError" {
        StorageError::Full
    } else {
        StorageError::Operation(error.message())
    }
}

pub(super) fn store(
    tx: &IdbTransaction,
    name: &str,
) -> Result<web_sys::IdbObjectStore, StorageError> {
    tx.object_store(name).map_err(op)
}

impl Storage {
    pub(super) fn tx(&self, names: &[&str], write: bool) -> Result<IdbTransaction, StorageError> {
        let list: Array = names.iter().map(|n| JsValue::from_str(n)).collect();
        let db = self.raw();
        if write {
            // Strict: the write is on disk when `complete` fires (see the module above).
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"durability".into(), &"strict".into()).map_err(op)?;
            // `IDBDatabase.transaction(names, mode, {durability})`: web-sys gates the options
            // dictionary behind its unstable APIs, so the call is made through Reflect.
            js_sys::Reflect::get(db, &"transaction".into())
                .and_then(|f| f.dyn_into::<js_sys::Function>())
                .and_then(|f| f.call3(db, &list, &"readwrite".into(), &options))
                .map(|t| t.unchecked_into::<IdbTransaction>())
        } else {
            db.transaction_with_str_sequence(&list)
        }
        .map_err(op)
    }

    async fn get_one<T: DeserializeOwned>(
        &self,
        name: &str,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let tx = self.tx(&[name], false)?;
        let value = request(store(&tx, name)?.get(&key.into()).map_err(op)?).await?;
        from_js(value)
    }

    async fn get_all<T: DeserializeOwned>(&self, name: &str) -> Result<Vec<T>, StorageError> {
        let tx = self.tx(&[name], false)?;
        let req = store(&tx, name)?.get_all().map_err(op)?;
        let all: Array = request(req).await?.unchecked_into();
        let mut out = Vec::with_capacity(all.length() as usize);
        for value in all.iter() {
            // One unreadable record (from a future version?) must not hide the others.
            match from_js(value) {
                Ok(Some(record)) => out.push(record),
                Ok(None) => {}
                Err(error) => web_sys::console::warn_1(&error.to_string().into()),
            }
        }
        Ok(out)
    }

    /// Stores `value` as it is in `name` (whose key path is inside it), durably.
    pub(crate) async fn put_one(&self, name: &str, value: &JsValue) -> Result<(), StorageError> {
        let tx = self.tx(&[name], true)?;
        request(store(&tx, name)?.put(value).map_err(op)?).await?;
        complete(&tx).await
    }

    /// Removes the record under `key` from `name`, durably.
    pub(crate) async fn delete_one(&self, name: &str, key: &str) -> Result<(), StorageError> {
        let tx = self.tx(&[name], true)?;
        request(store(&tx, name)?.delete(&key.into()).map_err(op)?).await?;
        complete(&tx).await
    }

    // --- drafts ----------------------------------------------------------------------------

    /// Saves a draft durably; resolves when the transaction has completed.
    pub async fn put_draft(&self, draft: &Draft) -> Result<(), StorageError> {
        self.put_one(stores::DRAFTS, &to_js(draft)?).await
    }

    /// The draft with this id.
    pub async fn get_draft(&self, id: &str) -> Result<Option<Draft>, StorageError> {
        self.get_one(stores::DRAFTS, id).await
    }

    /// Every draft, most recently saved first.
    pub async fn list_drafts(&self) -> Result<Vec<Draft>, StorageError> {
        let mut drafts: Vec<Draft> = self.get_all(stores::DRAFTS).await?;
        // The core's small sort: the standard one would add ~3 KB of wasm for this type.
        guichet_core::sort::insertion_sort_by(&mut drafts, |a, b| {
            b.updated_at.total_cmp(&a.updated_at).is_lt()
        });
        Ok(drafts)
    }

    /// Deletes a draft, then the attachments nothing refers to any more.
    pub async fn delete_draft(&self, id: &str) -> Result<(), StorageError> {
        self.delete_one(stores::DRAFTS, id).await?;
        self.collect_attachments().await
    }

    // --- attachments -----------------------------------------------------------------------

    /// Stores an attachment's bytes as a Blob with its description.
    pub async fn put_attachment(
        &self,
        meta: &AttachmentMeta,
        blob: &Blob,
    ) -> Result<(), StorageError> {
        let record = to_js(meta)?;
        js_sys::Reflect::set(&record, &"blob".into(), blob).map_err(op)?;
        self.put_one(stores::ATTACHMENTS, &record).await
    }

    /// An attachment's description and Blob.
    pub async fn get_attachment(
        &self,
        id: &str,
    ) -> Result<Option<(AttachmentMeta, Blob)>, StorageError> {
        let tx = self.tx(&[stores::ATTACHMENTS], false)?;
        let value = request(
            store(&tx, stores::ATTACHMENTS)?
                .get(&id.into())
                .map_err(op)?,
        )
        .await?;
        let blob = js_sys::Reflect::get(&value, &"blob".into())
            .ok()
            .and_then(|b| b.dyn_into::<Blob>().ok());
        Ok(match (from_js::<AttachmentMeta>(value)?, blob) {
            (Some(meta), Some(blob)) => Some((meta, blob)),
            _ => None,
        })
    }

    /// Deletes the attachments that no draft and no outbox record names. Run after a draft is
    /// deleted or a submission confirmed: an attachment removed from a draft may still belong
    /// to a frozen record.
    pub async fn collect_attachments(&self) -> Result<(), StorageError> {
        let mut used = String::new();
        for draft in self.list_drafts().await? {
            used.push_str(&draft.answers);
        }
        for record in self.list_outbox().await? {
            used.push_str(&record.answers);
        }
        let tx = self.tx(&[stores::ATTACHMENTS], true)?;
        let attachments = store(&tx, stores::ATTACHMENTS)?;
        let keys: Array = request(attachments.get_all_keys().map_err(op)?)
            .await?
            .unchecked_into();
        for key in keys.iter() {
            // Ids are 64 hex digits: a substring match of the answers' text is exact enough.
            if key.as_string().is_some_and(|k| !used.contains(&k)) {
                request(attachments.delete(&key).map_err(op)?).await?;
            }
        }
        complete(&tx).await
    }

    // --- cached service items and forms ---------------------------------------------------

    /// Keeps the server's JSON text under `key` ("list", "item:<code>", "form:<code>:<v>").
    pub async fn put_cached(&self, key: &str, text: &str) -> Result<(), StorageError> {
        let tx = self.tx(&[stores::SERVICES], true)?;
        request(
            store(&tx, stores::SERVICES)?
                .put_with_key(&text.into(), &key.into())
                .map_err(op)?,
        )
        .await?;
        complete(&tx).await
    }

    /// The JSON text kept under `key`.
    pub async fn get_cached(&self, key: &str) -> Result<Option<String>, StorageError> {
        let tx = self.tx(&[stores::SERVICES], false)?;
        let value = request(store(&tx, stores::SERVICES)?.get(&key.into()).map_err(op)?).await?;
        Ok(value.as_string())
    }

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
                request(store(&tx, name)?.put(value).map_err(op)?).await?;
            }
        }
        complete(&tx).await?;
        Ok(sent)
    }

    /// Writes an outbox record as it is.
    pub async fn put_outbox(&self, record: &OutboxRecord) -> Result<(), StorageError> {
        self.put_one(stores::OUTBOX, &to_js(record)?).await
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
        self.delete_one(stores::OUTBOX, id).await?;
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
            from_js(request(outbox.get(&id.into()).map_err(op)?).await?)?;
        let changed = current.and_then(change);
        if let Some(record) = &changed {
            request(outbox.put(&to_js(record)?).map_err(op)?).await?;
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
            store(&tx, stores::RECEIPTS)?
                .put(&to_js(receipt)?)
                .map_err(op)?,
        )
        .await?;
        request(
            store(&tx, stores::OUTBOX)?
                .delete(&receipt.client_id.as_str().into())
                .map_err(op)?,
        )
        .await?;
        // The draft goes only if it still belongs to this record (not reopened for editing).
        let drafts = store(&tx, stores::DRAFTS)?;
        let draft: Option<Draft> =
            from_js(request(drafts.get(&draft_id.into()).map_err(op)?).await?)?;
        if draft.is_some_and(|d| d.submitted_as.as_deref() == Some(receipt.client_id.as_str())) {
            request(drafts.delete(&draft_id.into()).map_err(op)?).await?;
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
            request(store(&tx, name)?.put(value).map_err(op)?).await?;
        }
        request(store(&tx, stores::OUTBOX)?.delete(&id.into()).map_err(op)?).await?;
        complete(&tx).await
    }

    /// A record as stored (`undefined` when there is none), to be read by name rather than
    /// decoded where a field or two is all a bundle needs (a tracked case's query code in the
    /// outbox, whether a draft exists on 办件查询).
    pub async fn raw_record(&self, name: &str, key: &str) -> Result<JsValue, StorageError> {
        let tx = self.tx(&[name], false)?;
        request(store(&tx, name)?.get(&key.into()).map_err(op)?).await
    }

    /// Every record of `name` as stored, in key order, to be read by name (the contact bundle's
    /// answers: JSON objects it reads a few fields of).
    pub async fn raw_records(&self, name: &str) -> Result<Vec<JsValue>, StorageError> {
        let tx = self.tx(&[name], false)?;
        let all: Array = request(store(&tx, name)?.get_all().map_err(op)?)
            .await?
            .unchecked_into();
        Ok(all.iter().collect())
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
