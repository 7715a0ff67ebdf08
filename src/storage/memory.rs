//! A store in memory for native tests of the outbox's decisions (`cargo test -p guichet-app
//! --lib`): the same [`OutboxStore`] calls as IndexedDB, each one whole before the next, as the
//! browser runs overlapping read-write transactions one after the other.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::StorageError;
use super::forms::Draft;
use super::outbox::{
    OutboxRecord, OutboxState, OutboxStore, SentReads, StoredReceipt, draft_goes_with, latest_of,
    open_draft_check, sent_as,
};
use crate::tracking::{ReceiptRef, TrackedCase, TrackedKey, TrackingStore};

/// A receipt as kept here: its `disclosure` is a browser value, which has no native form.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptReceipt {
    /// The client id it was sent under.
    pub client_id: String,
    /// 办件编号.
    pub case_no: String,
    /// The draft it was sent from.
    pub draft_id: String,
    /// When the server recorded it (RFC 3339).
    pub received_at: String,
    /// 查询码.
    pub query_code: Option<String>,
}

/// The outbox, drafts and receipts, by key.
#[derive(Default)]
pub struct MemoryStore {
    /// Outbox records by client id.
    pub outbox: RefCell<BTreeMap<String, OutboxRecord>>,
    /// Drafts by id.
    pub drafts: RefCell<BTreeMap<String, Draft>>,
    /// Receipts by client id.
    pub receipts: RefCell<BTreeMap<String, KeptReceipt>>,
    /// Followed cases (办件查询) by case number.
    pub tracked: RefCell<BTreeMap<String, TrackedCase>>,
}

impl OutboxStore for MemoryStore {
    async fn update_outbox(
        &self,
        id: &str,
        change: impl FnOnce(OutboxRecord) -> Option<OutboxRecord>,
    ) -> Result<Option<OutboxRecord>, StorageError> {
        let current = self.outbox.borrow().get(id).cloned();
        let changed = current.and_then(change);
        if let Some(record) = &changed {
            self.outbox
                .borrow_mut()
                .insert(record.id.clone(), record.clone());
        }
        Ok(changed)
    }

    async fn confirm(&self, receipt: &StoredReceipt, draft_id: &str) -> Result<(), StorageError> {
        self.receipts.borrow_mut().insert(
            receipt.client_id.clone(),
            KeptReceipt {
                client_id: receipt.client_id.clone(),
                case_no: receipt.case_no.clone(),
                draft_id: receipt.draft_id.clone(),
                received_at: receipt.received_at.clone(),
                query_code: receipt.query_code.clone(),
            },
        );
        self.outbox.borrow_mut().remove(&receipt.client_id);
        let mut drafts = self.drafts.borrow_mut();
        if drafts
            .get(draft_id)
            .is_some_and(|draft| draft_goes_with(draft, &receipt.client_id))
        {
            drafts.remove(draft_id);
        }
        Ok(())
    }

    async fn freeze(
        &self,
        record: &OutboxRecord,
        draft: &Draft,
    ) -> Result<Option<String>, StorageError> {
        if let Some(sent) = sent_as(self, &draft.id).await? {
            return Ok(Some(sent));
        }
        self.outbox
            .borrow_mut()
            .insert(record.id.clone(), record.clone());
        self.drafts
            .borrow_mut()
            .insert(draft.id.clone(), draft.clone());
        Ok(None)
    }

    async fn save_open_draft(&self, draft: &Draft) -> Result<Option<String>, StorageError> {
        if let Some(id) = open_draft_check(draft)
            && let Some(sent) = sent_as(self, id).await?
        {
            return Ok(Some(sent));
        }
        self.drafts
            .borrow_mut()
            .insert(draft.id.clone(), draft.clone());
        Ok(None)
    }
}

impl SentReads for MemoryStore {
    async fn draft_mark(&self, draft_id: &str) -> Result<Option<Option<String>>, StorageError> {
        Ok(self
            .drafts
            .borrow()
            .get(draft_id)
            .map(|draft| draft.submitted_as.clone()))
    }

    async fn record_state(&self, client_id: &str) -> Result<Option<OutboxState>, StorageError> {
        Ok(self
            .outbox
            .borrow()
            .get(client_id)
            .map(|record| record.state))
    }

    async fn has_receipt(&self, client_id: &str) -> Result<bool, StorageError> {
        Ok(self.receipts.borrow().contains_key(client_id))
    }

    async fn latest_receipt_of(&self, draft_id: &str) -> Result<Option<String>, StorageError> {
        Ok(latest_of(
            draft_id,
            self.receipts.borrow().values().map(|receipt| {
                (
                    receipt.draft_id.clone(),
                    receipt.received_at.clone(),
                    receipt.client_id.clone(),
                )
            }),
        ))
    }
}

impl TrackingStore for MemoryStore {
    async fn is_tracked(&self, case_no: &str) -> Result<bool, StorageError> {
        Ok(self.tracked.borrow().contains_key(case_no))
    }

    async fn put_key(&self, key: &TrackedKey) -> Result<(), StorageError> {
        let case = TrackedCase {
            case_no: key.case_no.clone(),
            query_code: key.query_code.clone(),
            view: None,
        };
        self.tracked.borrow_mut().insert(case.case_no.clone(), case);
        Ok(())
    }

    async fn put_tracked(&self, case: &TrackedCase) -> Result<(), StorageError> {
        self.tracked
            .borrow_mut()
            .insert(case.case_no.clone(), case.clone());
        Ok(())
    }

    async fn all_tracked(&self) -> Result<Vec<TrackedCase>, StorageError> {
        Ok(self.tracked.borrow().values().cloned().collect())
    }

    async fn receipt_refs(&self) -> Result<Vec<ReceiptRef>, StorageError> {
        Ok(self
            .receipts
            .borrow()
            .values()
            .map(|receipt| ReceiptRef {
                case_no: receipt.case_no.clone(),
                query_code: receipt.query_code.clone(),
            })
            .collect())
    }
}

/// Records, drafts and receipts for the native tests of the outbox's and the drafts' rules.
pub mod fixtures {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    use super::super::forms::Draft;
    use super::super::outbox::{OutboxRecord, OutboxState, RecordKind, StoredReceipt};

    /// A time (ms since the epoch) in 2027.
    pub const NOW: f64 = 1_800_000_000_000.0;

    /// Runs a future of the memory store, which never waits.
    pub fn run<F: Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        match future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the memory store never waits"),
        }
    }

    /// A pending submission `id` made from draft `draft-{id}`.
    pub fn record(id: &str) -> OutboxRecord {
        OutboxRecord {
            id: id.into(),
            draft_id: format!("draft-{id}"),
            item_code: "GA-001".into(),
            item_name: "居民身份证换领".into(),
            form_version: 1,
            answers: "{}".into(),
            content_hash: "hash".into(),
            submitted_at: "2027-01-15T10:00:00+08:00".into(),
            state: OutboxState::Pending,
            attempts: 0,
            last_error: None,
            refused_fields: Vec::new(),
            next_attempt_at: NOW,
            lease_owner: None,
            lease_until: 0.0,
            created_at: NOW,
            kind: RecordKind::Submission,
            case_no: None,
            query_code: None,
            body: None,
        }
    }

    /// The receipt of record `client_id` (from draft `draft-{client_id}`).
    pub fn receipt(client_id: &str) -> StoredReceipt {
        StoredReceipt {
            client_id: client_id.into(),
            case_no: "GA20270115-0001".into(),
            query_code: Some("123456".into()),
            draft_id: format!("draft-{client_id}"),
            item_code: "GA-001".into(),
            item_name: "居民身份证换领".into(),
            form_version: 1,
            received_at: "2027-01-15T10:00:01+08:00".into(),
            disclosure: wasm_bindgen::JsValue::UNDEFINED,
        }
    }

    /// Draft `id`, marked as sent under `submitted_as`.
    pub fn draft(id: &str, submitted_as: Option<&str>) -> Draft {
        Draft {
            submitted_as: submitted_as.map(str::to_owned),
            ..Draft::new(
                id.into(),
                "GA-001".into(),
                "居民身份证换领".into(),
                1,
                "{}".into(),
                NOW,
            )
        }
    }
}
