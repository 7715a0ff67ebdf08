//! A store in memory for native tests of the outbox's decisions (`cargo test -p guichet-app
//! --lib`): the same [`OutboxStore`] calls as IndexedDB, each one whole before the next, as the
//! browser runs overlapping read-write transactions one after the other.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::StorageError;
use super::forms::Draft;
use super::outbox::{OutboxRecord, OutboxStore, StoredReceipt, draft_goes_with};

/// A receipt as kept here: its `disclosure` is a browser value, which has no native form.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptReceipt {
    /// The client id it was sent under.
    pub client_id: String,
    /// 办件编号.
    pub case_no: String,
    /// The draft it was sent from.
    pub draft_id: String,
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
}
