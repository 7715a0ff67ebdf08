//! The outbox: submissions that reach the server exactly once.
//!
//! Life of a record (see [`OutboxState`]):
//!
//! ```text
//!  submit ──► Pending ──claim (lease)──► Sending ──201/200──► confirmed: receipt kept,
//!               ▲                           │                 record and draft removed
//!               └──network, 5xx, 408, 429───┤
//!                  (backoff with jitter)    └──other 4xx────► Refused (reason kept; the
//!                                                             person edits → NEW client id)
//! ```
//!
//! * **Exactly once.** The client id (128 random bits) and the content hash are frozen with the
//!   answers' exact text when the person submits; every retry sends the same bytes, and the
//!   server answers a repeat with the original receipt (`Idempotent-Replayed`). An edited
//!   refused record is a new submission with a new id — never new content under an old id
//!   (Enketo #1405).
//! * **One sender.** A tab *claims* a record in one read-write IndexedDB transaction (which the
//!   browser runs one at a time across tabs) by writing its tab id and a lease expiry. Another
//!   tab skips a leased record until the lease expires (a tab closed mid-send), and then may
//!   take over — safe, since the server is idempotent. Requests time out before the lease does.
//! * **Never blocked.** A refused record is set aside and the loop goes on with the others
//!   (CommCare's quarantine); records are tried oldest first, one at a time.
//! * **Retried without a reload.** The loop runs at start, on the `online` event, and on a
//!   timer: capped exponential backoff with equal jitter per record (Enketo #1180 waited for a
//!   refresh).
//! * **Attachments.** A file answer names the SHA-256 of its bytes, which is also the server's
//!   upload id: the hash is fixed offline, and the Blobs are uploaded (idempotently, in pieces
//!   that resume after a drop: [`super::upload`]) just before the submission. A 补正 keeps the
//!   files of the submission it amends: those have no Blob on the device, and the server
//!   already holds them.
//! * **Kinds** ([`RecordKind`]). Besides new cases, the outbox carries a case's 补正 (a draft
//!   with a supplement target: its answers go to the case, confirmed by a receipt like a
//!   submission's), 好差评 and complaints (no draft: their whole body is frozen), and generic
//!   posts (咨询, 预约: a frozen body to a path, the server's answer kept). All are
//!   idempotent on the server by client id, so every kind gets the same exactly-once delivery,
//!   backoff and setting aside of refusals.

use std::cell::{Cell, RefCell};

use guichet_core::form::{Answers, FileRef, canonical_json, submission_hash};
use guichet_core::wire::cases::SupplementReceipt;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::clock;
use crate::storage::forms::Draft;
use crate::storage::outbox::{OutboxRecord, OutboxState, OutboxStore, RecordKind, StoredReceipt};
use crate::storage::stores;
use crate::storage::{Storage, StorageError};
use crate::tracking::TrackedKey;

/// How long a claim on a record holds (ms): longer than a request's timeout.
pub const LEASE_MS: f64 = 120_000.0;
/// The first retry waits about this long (ms).
pub const BACKOFF_BASE_MS: f64 = 5_000.0;
/// No retry waits longer than this (ms).
pub const BACKOFF_CAP_MS: f64 = 10.0 * 60_000.0;
/// The loop looks again at least this often (ms), for records other tabs left behind.
pub const TICK_MS: f64 = 30_000.0;

/// Why a submission could not be put in the outbox.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("the browser offers no secure random numbers")]
    NoRandom,
    #[error("the answers could not be written: {0}")]
    Encode(String),
    #[error("case {0} is no longer followed on this device (its query code is gone)")]
    NotTracked(String),
    /// The draft was sent already (from another tab, or by an earlier press): nothing new was
    /// frozen, and its receipt is the one under this client id.
    #[error("this draft was already sent as {0}")]
    AlreadySent(String),
}

/// The wait before the next attempt after `attempts` failures: exponential from
/// [`BACKOFF_BASE_MS`], capped at [`BACKOFF_CAP_MS`], with equal jitter (`random` in [0, 1)) so
/// that the devices of a village whose line comes back do not all retry in the same second.
pub fn backoff_ms(attempts: u32, random: f64) -> f64 {
    let exp = attempts.saturating_sub(1).min(20);
    let full = (BACKOFF_BASE_MS * f64::from(1u32 << exp)).min(BACKOFF_CAP_MS);
    full / 2.0 + random.clamp(0.0, 1.0) * full / 2.0
}

/// `n` random bytes from `crypto.getRandomValues`, as lowercase hex.
pub fn random_hex(n: usize) -> Result<String, OutboxError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(OutboxError::NoRandom)?;
    let mut bytes = vec![0u8; n];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| OutboxError::NoRandom)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The tab's id: kept in `sessionStorage`, which is per tab and survives a reload, so that a
/// page reloaded in the middle of a send takes its own lease back at once instead of waiting for
/// it to expire (within one page, [`kick`] never runs two sends at a time).
fn make_tab_id() -> String {
    const KEY: &str = "guichet.tab";
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(id) = session
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten())
    {
        return id;
    }
    let id = random_hex(8)
        .unwrap_or_else(|_| format!("{:016x}", (js_sys::Math::random() * 1e16) as u64));
    if let Some(session) = session {
        let _ = session.set_item(KEY, &id);
    }
    id
}

thread_local! {
    static TAB_ID: RefCell<String> = RefCell::new(make_tab_id());
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
}

/// This tab's id, for leases.
pub fn tab_id() -> String {
    TAB_ID.with(|id| id.borrow().clone())
}

/// Freezes `answers` of `draft` into a new outbox record with a new client id. The draft is kept
/// (marked as submitted) until the server confirms; an older refused record of the same draft
/// is replaced (it never reached the server as a case; its id is never reused). A draft already
/// sent (from another tab) is not sent again: [`OutboxError::AlreadySent`] names its record.
pub async fn submit(
    storage: &Storage,
    draft: &Draft,
    answers: &Answers,
) -> Result<OutboxRecord, OutboxError> {
    let value = Value::Object(answers.clone());
    // The canonical text (what serde_json would write for the same map, keys sorted): the
    // hash's own writer, so the client carries one JSON writer.
    let text = canonical_json(&value);
    let mut record = new_record(RecordKind::Submission, &draft.item_name)?;
    let id = record.id.clone();
    record.draft_id = draft.id.clone();
    record.item_code = draft.item_code.clone();
    record.form_version = draft.form_version;
    record.content_hash = submission_hash(&draft.item_code, draft.form_version, &value);
    record.answers = text.clone();
    // A 补正 is sent to its case with the query code the device keeps for it.
    if let Some(case_no) = &draft.supplement_for {
        let tracked = storage.raw_record(stores::TRACKED_CASES, case_no).await?;
        let code = serde_wasm_bindgen::from_value::<Option<TrackedKey>>(tracked)
            .ok()
            .flatten()
            .map(|tracked| tracked.query_code)
            .ok_or_else(|| OutboxError::NotTracked(case_no.clone()))?;
        record.kind = RecordKind::Supplement;
        record.case_no = Some(case_no.clone());
        record.query_code = Some(code);
    }
    let now = record.created_at;
    let mut frozen = draft.clone();
    frozen.answers = text;
    frozen.submitted_as = Some(id.clone());
    frozen.updated_at = now;
    if let Some(sent) = storage.freeze(&record, &frozen).await? {
        return Err(OutboxError::AlreadySent(sent));
    }
    for old in storage.list_outbox().await? {
        if old.draft_id == draft.id && old.id != id && old.state == OutboxState::Refused {
            storage.delete_outbox(&old.id).await?;
        }
    }
    Ok(record)
}

/// A pending record of `kind` with a new client id and nothing to send yet.
fn new_record(kind: RecordKind, label: &str) -> Result<OutboxRecord, OutboxError> {
    let now = clock::now_ms();
    Ok(OutboxRecord {
        id: random_hex(16)?,
        draft_id: String::new(),
        item_code: String::new(),
        item_name: label.to_owned(),
        form_version: 0,
        answers: "{}".into(),
        content_hash: String::new(),
        submitted_at: clock::center_rfc3339(now),
        state: OutboxState::Pending,
        attempts: 0,
        last_error: None,
        refused_fields: Vec::new(),
        next_attempt_at: 0.0,
        lease_owner: None,
        lease_until: 0.0,
        created_at: now,
        kind,
        case_no: None,
        query_code: None,
        body: None,
    })
}

/// Queues a rating or a complaint about `case_no`: `body` makes the request's whole body from
/// the new client id, and is frozen with it. `label` names it in the outbox list.
pub async fn queue(
    storage: &Storage,
    kind: RecordKind,
    case_no: Option<&str>,
    label: &str,
    body: impl FnOnce(&str) -> Result<String, OutboxError>,
) -> Result<OutboxRecord, OutboxError> {
    let mut record = new_record(kind, label)?;
    record.case_no = case_no.map(str::to_owned);
    record.body = Some(body(&record.id)?);
    storage.put_outbox(&record).await?;
    Ok(record)
}

/// Whether `record` may be taken by tab `owner` at `now`.
pub fn claimable(record: &OutboxRecord, owner: &str, now: f64) -> bool {
    match record.state {
        OutboxState::Pending => record.next_attempt_at <= now,
        // A lease past its expiry: the tab that held it is gone or stuck. Our own lease seen
        // at claim time: this tab was reloaded during a send.
        OutboxState::Sending => {
            record.lease_until < now || record.lease_owner.as_deref() == Some(owner)
        }
        OutboxState::Refused => false,
    }
}

/// Takes the lease on record `id` if it is claimable; the claimed record, or `None`.
pub async fn claim(
    storage: &impl OutboxStore,
    id: &str,
    owner: &str,
    now: f64,
) -> Result<Option<OutboxRecord>, StorageError> {
    storage
        .update_outbox(id, |mut record| {
            if !claimable(&record, owner, now) {
                return None;
            }
            record.state = OutboxState::Sending;
            record.lease_owner = Some(owner.to_owned());
            record.lease_until = now + LEASE_MS;
            record.attempts += 1;
            Some(record)
        })
        .await
}

/// What one attempt did.
#[derive(Debug, Clone, PartialEq)]
pub enum Attempt {
    /// Confirmed by the server (`replayed`: it had the submission already).
    Sent {
        /// The receipt kept.
        receipt: StoredReceipt,
        /// Whether the server answered with `Idempotent-Replayed`.
        replayed: bool,
    },
    /// A rating or a complaint confirmed (they leave no receipt).
    Delivered {
        /// Whether the server answered with `Idempotent-Replayed`.
        replayed: bool,
    },
    /// Will be tried again after the backoff.
    Retry,
    /// Set aside with the server's reason.
    Refused,
    /// Not due, leased by another tab, refused, or gone.
    Skipped,
}

/// Records the outcome of this tab's failed attempt: back to `Pending` with a backoff, or
/// `Refused`.
pub async fn record_failure(
    storage: &Storage,
    id: &str,
    error: &ApiError,
    now: f64,
) -> Result<Attempt, StorageError> {
    failed(storage, id, &tab_id(), error, now, js_sys::Math::random()).await
}

/// [`record_failure`] for tab `owner`, whose lease it was, with the backoff's jitter `random`
/// (in [0, 1)) given: the decision itself, natively testable.
pub async fn failed(
    storage: &impl OutboxStore,
    id: &str,
    owner: &str,
    error: &ApiError,
    now: f64,
    random: f64,
) -> Result<Attempt, StorageError> {
    let transient = error.is_transient();
    let (message, fields) = match error {
        ApiError::Server { body, .. } => (
            body.message.clone(),
            body.fields
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => (other.to_string(), Vec::new()),
    };
    storage
        .update_outbox(id, |mut record| {
            // Another tab took over after our lease expired: its outcome wins.
            if record.lease_owner.as_deref() != Some(owner) {
                return None;
            }
            record.lease_owner = None;
            record.lease_until = 0.0;
            record.last_error = Some(message);
            if transient {
                record.state = OutboxState::Pending;
                record.next_attempt_at = now + backoff_ms(record.attempts, random);
            } else {
                record.state = OutboxState::Refused;
                record.refused_fields = fields;
            }
            Some(record)
        })
        .await?;
    Ok(if transient {
        Attempt::Retry
    } else {
        Attempt::Refused
    })
}

/// Where a record is sent, under `/api`.
pub fn request_path(record: &OutboxRecord) -> String {
    let case_no = record.case_no.as_deref().unwrap_or_default();
    match record.kind {
        RecordKind::Submission => "submissions".into(),
        RecordKind::Supplement => format!("cases/{case_no}/supplement"),
        RecordKind::Evaluation => format!("cases/{case_no}/evaluation"),
        RecordKind::Complaint => "complaints".into(),
        RecordKind::Post => case_no.into(),
    }
}

/// The request's body: around the frozen answers' exact text for a submission or a 补正, the
/// frozen body itself for the others.
pub fn request_body(record: &OutboxRecord) -> String {
    // `JSON.stringify` of a string: the same text as serde_json's for any Rust string.
    let quote = |s: &str| {
        js_sys::JSON::stringify(&s.into())
            .ok()
            .and_then(|quoted| quoted.as_string())
            .unwrap_or_else(|| "\"\"".into())
    };
    match record.kind {
        RecordKind::Submission => {}
        RecordKind::Supplement => {
            return format!(
                "{{\"client_id\":{},\"query_code\":{},\"answers\":{},\"content_hash\":{}}}",
                quote(&record.id),
                quote(record.query_code.as_deref().unwrap_or_default()),
                record.answers,
                quote(&record.content_hash),
            );
        }
        RecordKind::Evaluation | RecordKind::Complaint | RecordKind::Post => {
            return record.body.clone().unwrap_or_default();
        }
    }
    format!(
        "{{\"client_id\":{},\"item_code\":{},\"form_version\":{},\"answers\":{},\"content_hash\":{},\"submitted_at\":{}}}",
        quote(&record.id),
        quote(&record.item_code),
        record.form_version,
        record.answers,
        quote(&record.content_hash),
        quote(&record.submitted_at),
    )
}

/// The file answers of a record: (field id, file). Read through `JSON.parse` and
/// `serde-wasm-bindgen`, like the API's answers: the outbox runs in every bundle, and serde_json's
/// deserializer would otherwise come with it.
pub fn file_refs(answers: &str) -> Vec<(String, FileRef)> {
    let Ok(parsed) = js_sys::JSON::parse(answers) else {
        return Vec::new();
    };
    let Some(map) = parsed.dyn_ref::<js_sys::Object>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for pair in js_sys::Object::entries(map).iter() {
        let pair = js_sys::Array::from(&pair);
        let (Some(field), items) = (pair.get(0).as_string(), pair.get(1)) else {
            continue;
        };
        if !js_sys::Array::is_array(&items) {
            continue;
        }
        for item in js_sys::Array::from(&items).iter() {
            if let Ok(file) = serde_wasm_bindgen::from_value::<FileRef>(item) {
                out.push((field.clone(), file));
            }
        }
    }
    out
}

/// Uploads the record's attachments; a failure is reported like a submission's.
async fn upload_all(storage: &Storage, record: &OutboxRecord) -> Result<(), ApiError> {
    for (field, file) in file_refs(&record.answers) {
        let missing = || {
            // One insert, not `collect`: building a map from a list sorts it, and the standard
            // sort weighs ~1 KB brotli in every bundle (see `guichet_core::sort`).
            let mut fields = std::collections::BTreeMap::new();
            fields.insert(field.clone(), file.name.clone());
            ApiError::Server {
                status: 422,
                body: api::ErrorBody {
                    code: "attachment_missing".into(),
                    message: crate::i18n::tr(
                        guichet_core::Lang::Zh,
                        "fui.outbox.attachment_missing",
                    )
                    .into(),
                    fields,
                },
            }
        };
        let Ok(Some((_, blob))) = storage.get_attachment(&file.upload_id).await else {
            // A 补正 keeps the submission's files, which the server holds (it checks them).
            if record.kind == RecordKind::Supplement {
                continue;
            }
            return Err(missing());
        };
        let sent = super::upload::upload(
            &record.item_code,
            record.form_version,
            &field,
            &file.upload_id,
            &blob,
        )
        .await?;
        if sent != file.upload_id {
            return Err(missing());
        }
        // Renew the lease between files: a slow line must not let another tab take over.
        let owner = tab_id();
        let _ = storage
            .update_outbox(&record.id, |mut r| {
                (r.lease_owner.as_deref() == Some(owner.as_str())).then(|| {
                    r.lease_until = clock::now_ms() + LEASE_MS;
                    r
                })
            })
            .await;
    }
    Ok(())
}

/// One attempt at record `id`: claim, upload, submit, record the outcome.
pub async fn send_one(storage: &Storage, id: &str) -> Result<Attempt, StorageError> {
    let owner = tab_id();
    let Some(record) = claim(storage, id, &owner, clock::now_ms()).await? else {
        return Ok(Attempt::Skipped);
    };
    let outcome = match upload_all(storage, &record).await {
        Ok(()) => api::post_frozen(&request_path(&record), request_body(&record)).await,
        Err(error) => Err(error),
    };
    let delivered = outcome.and_then(|(answer, replayed)| {
        delivery(&record, answer).map(|delivery| (delivery, replayed))
    });
    match delivered {
        // The receipt kept, the record and its draft dropped, in one transaction.
        Ok((Delivery::Receipt(receipt), replayed)) => {
            storage.confirm(&receipt, &record.draft_id).await?;
            Ok(Attempt::Sent { receipt, replayed })
        }
        Ok((Delivery::Kept(keep), replayed)) => {
            let store = if record.kind == RecordKind::Post {
                stores::CONTACT
            } else {
                stores::COMPLAINTS
            };
            let keep = keep.as_ref().map(|value| (store, value));
            storage.deliver(&record.id, keep).await?;
            Ok(Attempt::Delivered { replayed })
        }
        Err(error) => record_failure(storage, id, &error, clock::now_ms()).await,
    }
}

/// What the server's answer to a record leaves on the device.
enum Delivery {
    /// A submission's or a 补正's receipt.
    Receipt(StoredReceipt),
    /// A complaint's answer (its number and the query code that looks it up), or nothing for a
    /// rating (the case's next refresh shows it).
    Kept(Option<wasm_bindgen::JsValue>),
}

/// Reads the server's answer to `record`; an answer that cannot be read fails the attempt like a
/// refusal.
fn delivery(record: &OutboxRecord, answer: wasm_bindgen::JsValue) -> Result<Delivery, ApiError> {
    Ok(match record.kind {
        RecordKind::Submission => {
            let answer: api::SubmissionReceipt = api::decode_value(answer)?;
            Delivery::Receipt(StoredReceipt {
                client_id: record.id.clone(),
                draft_id: record.draft_id.clone(),
                case_no: answer.case_no,
                query_code: answer.query_code,
                item_code: answer.item_code,
                item_name: record.item_name.clone(),
                form_version: answer.form_version,
                received_at: answer.received_at,
                disclosure: answer
                    .disclosure
                    .map_or(wasm_bindgen::JsValue::UNDEFINED, |dates| dates.0),
            })
        }
        // The answer's one field of its own is when it was received.
        RecordKind::Supplement => {
            let answer: SupplementReceipt = api::decode_value(answer)?;
            Delivery::Receipt(StoredReceipt {
                client_id: record.id.clone(),
                draft_id: record.draft_id.clone(),
                case_no: record.case_no.clone().unwrap_or_default(),
                query_code: record.query_code.clone(),
                item_code: record.item_code.clone(),
                item_name: record.item_name.clone(),
                form_version: record.form_version,
                received_at: answer.received_at,
                disclosure: wasm_bindgen::JsValue::UNDEFINED,
            })
        }
        RecordKind::Evaluation => Delivery::Kept(None),
        // Kept as answered: with its number and query code, which looks it up later.
        RecordKind::Complaint => Delivery::Kept(Some(answer)),
        // Kept under the client id with what was asked, which the answer need not repeat.
        RecordKind::Post => {
            let set = |name: &str, value: &wasm_bindgen::JsValue| {
                js_sys::Reflect::set(&answer, &name.into(), value)
                    .map_err(|_| ApiError::Unreadable { status: 200 })
            };
            set("client_id", &record.id.as_str().into())?;
            set("path", &request_path(record).into())?;
            set("request", &record.body.as_deref().unwrap_or("{}").into())?;
            Delivery::Kept(Some(answer))
        }
    })
}

/// One pass over the outbox, oldest first, one record at a time. Returns when the next record
/// falls due (ms since the epoch), if any.
pub async fn run_once(storage: &Storage) -> Result<Option<f64>, StorageError> {
    let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
    if online {
        for record in storage.list_outbox().await? {
            if claimable(&record, &tab_id(), clock::now_ms()) {
                // A failure of one record (even of storage) must not stop the others.
                if let Err(error) = send_one(storage, &record.id).await {
                    web_sys::console::warn_1(&error.to_string().into());
                }
            }
        }
    }
    let next = storage
        .list_outbox()
        .await?
        .iter()
        .filter_map(|r| match r.state {
            OutboxState::Pending => Some(r.next_attempt_at),
            OutboxState::Sending => Some(r.lease_until),
            OutboxState::Refused => None,
        })
        .reduce(f64::min);
    Ok(next)
}

/// Runs the outbox now unless a run is under way in this tab (then that run goes round again).
/// `after` is called when the run ends, with the time the next record falls due.
pub fn kick(after: impl Fn(Option<f64>) + 'static) {
    if RUNNING.get() {
        AGAIN.set(true);
        return;
    }
    RUNNING.set(true);
    leptos::task::spawn_local(async move {
        let mut next = None;
        loop {
            AGAIN.set(false);
            match Storage::shared().await {
                Ok(storage) => match run_once(&storage).await {
                    Ok(due) => next = due,
                    Err(error) => web_sys::console::warn_1(&error.to_string().into()),
                },
                Err(error) => web_sys::console::warn_1(&error.to_string().into()),
            }
            if !AGAIN.get() {
                break;
            }
        }
        RUNNING.set(false);
        after(next);
    });
}

/// Marks a record due now (the person pressed "retry").
pub async fn retry_now(storage: &Storage, id: &str) -> Result<(), StorageError> {
    storage
        .update_outbox(id, |mut record| {
            (record.state == OutboxState::Pending).then(|| {
                record.next_attempt_at = 0.0;
                record
            })
        })
        .await?;
    Ok(())
}

/// Reopens the draft of a refused record for editing; resubmitting makes a new record.
pub async fn reopen(storage: &Storage, record: &OutboxRecord) -> Result<(), StorageError> {
    // A rating or a complaint has no form to reopen: it is written again on 办件查询.
    if !record.kind.has_draft() {
        return Err(StorageError::Operation("no form to reopen".into()));
    }
    // The draft is normally still there; if the person deleted it, the frozen answers make it
    // again, so a refused record can always be fixed.
    let mut draft = storage
        .get_draft(&record.draft_id)
        .await?
        .unwrap_or_else(|| Draft {
            // A 补正's draft must stay one, or resubmitting would make a new case.
            supplement_for: record
                .case_no
                .clone()
                .filter(|_| record.kind == RecordKind::Supplement),
            ..Draft::new(
                record.draft_id.clone(),
                record.item_code.clone(),
                record.item_name.clone(),
                record.form_version,
                record.answers.clone(),
                record.created_at,
            )
            .answered()
        });
    draft.submitted_as = None;
    draft.updated_at = clock::now_ms();
    storage.put_draft(&draft).await
}

/// Deletes a refused record. Its draft, if it has one and is still held for this record, is
/// released for editing again: the person gave up this sending, not their answers.
pub async fn discard(storage: &Storage, record: &OutboxRecord) -> Result<(), StorageError> {
    storage.delete_outbox(&record.id).await?;
    if !record.kind.has_draft() {
        return Ok(());
    }
    if let Some(mut draft) = storage.get_draft(&record.draft_id).await?
        && draft.submitted_as.as_deref() == Some(record.id.as_str())
    {
        draft.submitted_as = None;
        draft.updated_at = clock::now_ms();
        storage.put_draft(&draft).await?;
    }
    Ok(())
}

// Plain `#[test]`s run natively (`cargo test -p guichet-app --lib`, in scripts/test.sh): pure
// logic needs no browser.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_retry_waits_between_half_and_all_of_the_base() {
        assert_eq!(backoff_ms(1, 0.0), BACKOFF_BASE_MS / 2.0);
        assert!((backoff_ms(1, 0.999_999) - BACKOFF_BASE_MS).abs() < 0.01);
        // No attempt yet is treated as the first.
        assert_eq!(backoff_ms(0, 0.5), backoff_ms(1, 0.5));
    }

    #[test]
    fn each_failure_doubles_the_wait_up_to_the_cap() {
        for attempts in 1..7 {
            assert_eq!(
                backoff_ms(attempts + 1, 0.5),
                2.0 * backoff_ms(attempts, 0.5)
            );
        }
        assert_eq!(backoff_ms(20, 1.0), BACKOFF_CAP_MS);
        // Many failures neither overflow the shift nor pass the cap.
        assert_eq!(backoff_ms(u32::MAX, 0.0), BACKOFF_CAP_MS / 2.0);
    }

    #[test]
    fn jitter_outside_its_range_is_clamped() {
        assert_eq!(backoff_ms(3, -1.0), backoff_ms(3, 0.0));
        assert_eq!(backoff_ms(3, 7.0), backoff_ms(3, 1.0));
    }

    // --- the lease, the backoff and the confirmation, over the memory store ----------------

    use crate::api::ErrorBody;
    use crate::storage::memory::MemoryStore;
    use crate::storage::memory::fixtures::{NOW, draft, receipt, record, run};
    use crate::storage::outbox::draft_goes_with;

    fn store_with(records: &[OutboxRecord]) -> MemoryStore {
        let store = MemoryStore::default();
        for record in records {
            store
                .outbox
                .borrow_mut()
                .insert(record.id.clone(), record.clone());
        }
        store
    }

    fn stored(store: &MemoryStore, id: &str) -> OutboxRecord {
        store.outbox.borrow()[id].clone()
    }

    #[test]
    fn a_due_record_is_leased_to_one_tab_at_a_time() {
        let store = store_with(&[record("r1")]);
        let claimed = run(claim(&store, "r1", "tab-a", NOW)).expect("claim");
        let claimed = claimed.expect("claimed");
        assert_eq!(claimed.state, OutboxState::Sending);
        assert_eq!(claimed.lease_owner.as_deref(), Some("tab-a"));
        assert_eq!(claimed.lease_until, NOW + LEASE_MS);
        assert_eq!(claimed.attempts, 1);
        assert_eq!(stored(&store, "r1"), claimed);
        // Another tab skips it while the lease holds, and nothing is written.
        assert_eq!(
            run(claim(&store, "r1", "tab-b", NOW + 1.0)).expect("claim"),
            None
        );
        assert_eq!(stored(&store, "r1"), claimed);
        // The same tab, reloaded during the send, takes it again.
        let again = run(claim(&store, "r1", "tab-a", NOW + 2.0)).expect("claim");
        assert_eq!(again.map(|r| r.attempts), Some(2));
    }

    #[test]
    fn an_expired_lease_is_taken_over_and_the_old_tabs_failure_is_ignored() {
        let store = store_with(&[record("r1")]);
        run(claim(&store, "r1", "tab-a", NOW)).expect("claim");
        let later = NOW + LEASE_MS + 1.0;
        let taken = run(claim(&store, "r1", "tab-b", later)).expect("claim");
        assert_eq!(
            taken.as_ref().and_then(|r| r.lease_owner.as_deref()),
            Some("tab-b")
        );
        // Tab A's late failure does not touch tab B's send.
        let outcome = run(failed(
            &store,
            "r1",
            "tab-a",
            &ApiError::Network,
            later,
            0.5,
        ));
        assert_eq!(outcome.expect("failed"), Attempt::Retry);
        assert_eq!(stored(&store, "r1"), taken.expect("taken"));
    }

    #[test]
    fn a_record_not_due_refused_or_gone_is_not_claimed() {
        let mut waiting = record("later");
        waiting.next_attempt_at = NOW + 1.0;
        let mut refused = record("refused");
        refused.state = OutboxState::Refused;
        let store = store_with(&[waiting, refused]);
        for id in ["later", "refused", "gone"] {
            assert_eq!(
                run(claim(&store, id, "tab-a", NOW)).expect("claim"),
                None,
                "{id}"
            );
        }
    }

    #[test]
    fn a_transient_failure_waits_its_backoff_and_a_refusal_is_set_aside() {
        let store = store_with(&[record("r1"), record("r2")]);
        run(claim(&store, "r1", "tab-a", NOW)).expect("claim");
        run(claim(&store, "r2", "tab-a", NOW)).expect("claim");

        let outcome = run(failed(&store, "r1", "tab-a", &ApiError::Network, NOW, 0.5));
        assert_eq!(outcome.expect("failed"), Attempt::Retry);
        let retried = stored(&store, "r1");
        assert_eq!(retried.state, OutboxState::Pending);
        assert_eq!(retried.next_attempt_at, NOW + backoff_ms(1, 0.5));
        assert_eq!(retried.lease_owner, None);
        assert_eq!(retried.lease_until, 0.0);
        assert!(retried.last_error.is_some());
        // Not due before its backoff; due after it.
        assert_eq!(
            run(claim(&store, "r1", "tab-a", NOW + 1.0)).expect("claim"),
            None
        );
        let due = retried.next_attempt_at;
        assert!(
            run(claim(&store, "r1", "tab-a", due))
                .expect("claim")
                .is_some()
        );

        let refusal = ApiError::Server {
            status: 422,
            body: ErrorBody {
                code: "invalid".into(),
                message: "号码有误".into(),
                fields: [("id_no".to_string(), "身份证号码有误".to_string())].into(),
            },
        };
        let outcome = run(failed(&store, "r2", "tab-a", &refusal, NOW, 0.5));
        assert_eq!(outcome.expect("failed"), Attempt::Refused);
        let refused = stored(&store, "r2");
        assert_eq!(refused.state, OutboxState::Refused);
        assert_eq!(refused.last_error.as_deref(), Some("号码有误"));
        assert_eq!(
            refused.refused_fields,
            vec![("id_no".to_string(), "身份证号码有误".to_string())]
        );
        assert_eq!(
            run(claim(&store, "r2", "tab-a", NOW + LEASE_MS * 10.0)).expect("claim"),
            None
        );
    }

    #[test]
    fn a_confirmation_keeps_the_receipt_and_drops_the_record_and_its_draft() {
        let store = store_with(&[record("r1")]);
        store
            .drafts
            .borrow_mut()
            .insert("draft-r1".into(), draft("draft-r1", Some("r1")));
        run(store.confirm(&receipt("r1"), "draft-r1")).expect("confirm");
        assert!(store.outbox.borrow().is_empty());
        assert!(store.drafts.borrow().is_empty());
        let receipts = store.receipts.borrow();
        assert_eq!(receipts["r1"].case_no, "GA20270115-0001");
        assert_eq!(receipts["r1"].draft_id, "draft-r1");
    }

    #[test]
    fn a_draft_reopened_before_the_confirmation_stays() {
        let store = store_with(&[record("r1")]);
        // Reopened for editing: no longer names the record.
        store
            .drafts
            .borrow_mut()
            .insert("draft-r1".into(), draft("draft-r1", None));
        run(store.confirm(&receipt("r1"), "draft-r1")).expect("confirm");
        assert!(store.outbox.borrow().is_empty());
        assert!(store.receipts.borrow().contains_key("r1"));
        assert!(store.drafts.borrow().contains_key("draft-r1"));
        assert!(!draft_goes_with(&draft("d", Some("r2")), "r1"));
    }
}
