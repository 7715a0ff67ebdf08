//! Drafts of online applications on the device, their attachments (Blobs) and the service
//! items and form versions the person opened (kept for offline use).
//!
//! Answers are kept as JSON *text*, not as JS objects: a round trip through JS numbers would
//! turn `3` into `3.0` and change the submission's content hash.

use js_sys::Array;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use web_sys::Blob;

use super::idb::{complete, from_js, op, request, store, to_js};
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

impl Storage {
    // --- drafts ----------------------------------------------------------------------------

    /// Saves a draft durably; resolves when the transaction has completed.
    pub async fn put_draft(&self, draft: &Draft) -> Result<(), StorageError> {
        self.put_raw(stores::DRAFTS, &to_js(draft)?).await
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
        self.delete_record(stores::DRAFTS, id).await?;
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
        self.put_raw(stores::ATTACHMENTS, &record).await
    }

    /// An attachment's description and Blob.
    pub async fn get_attachment(
        &self,
        id: &str,
    ) -> Result<Option<(AttachmentMeta, Blob)>, StorageError> {
        let tx = self.tx(&[stores::ATTACHMENTS], false)?;
        let value = request(
            &store(&tx, stores::ATTACHMENTS)?
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
        let keys: Array = request(&attachments.get_all_keys().map_err(op)?)
            .await?
            .unchecked_into();
        for key in keys.iter() {
            // Ids are 64 hex digits: a substring match of the answers' text is exact enough.
            if key.as_string().is_some_and(|k| !used.contains(&k)) {
                request(&attachments.delete(&key).map_err(op)?).await?;
            }
        }
        complete(&tx).await
    }

    // --- cached service items and forms ---------------------------------------------------

    /// Keeps the server's JSON text under `key` ("list", "item:<code>", "form:<code>:<v>").
    pub async fn put_cached(&self, key: &str, text: &str) -> Result<(), StorageError> {
        let tx = self.tx(&[stores::SERVICES], true)?;
        request(
            &store(&tx, stores::SERVICES)?
                .put_with_key(&text.into(), &key.into())
                .map_err(op)?,
        )
        .await?;
        complete(&tx).await
    }

    /// The JSON text kept under `key`.
    pub async fn get_cached(&self, key: &str) -> Result<Option<String>, StorageError> {
        let tx = self.tx(&[stores::SERVICES], false)?;
        let value = request(&store(&tx, stores::SERVICES)?.get(&key.into()).map_err(op)?).await?;
        Ok(value.as_string())
    }
}
