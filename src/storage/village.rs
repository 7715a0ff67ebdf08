//! What 代办 mode (村级便民服务室, `crate::village`) reads and writes: every record of a store as
//! the browser's value, and the applicant index of migration 8.
//!
//! Tracked cases are read and rewritten as the browser's values, not decoded: the day view
//! needs a few fields of each, and a serde type of the whole case view would add its decoder
//! to the drafts bundle; removing a concluded case's answers must also keep every other field
//! the shell's 办件查询 stored, which a partial type would drop.

use js_sys::Reflect;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::idb::{complete, from_js, op, request, store, to_js};
use super::{Storage, StorageError, stores};

/// Who a submission or case is for, as far as the device keeps it once its answers are gone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicantRef {
    /// `c:<client id>` (an outbox record, hence its receipt) or `n:<case number>`.
    pub key: String,
    /// The applicant's name (a person's, or a company's).
    pub name: String,
    /// The last four characters of the ID number or credit code.
    pub id_last4: String,
}

impl Storage {
    /// Every applicant index entry.
    pub async fn applicants(&self) -> Result<Vec<ApplicantRef>, StorageError> {
        let mut out = Vec::new();
        for value in self.raw_records(stores::VILLAGE).await? {
            if let Ok(Some(entry)) = from_js::<ApplicantRef>(value) {
                out.push(entry);
            }
        }
        Ok(out)
    }

    /// Records who `entry.key` is for (a later answer replaces an earlier one).
    pub async fn put_applicant(&self, entry: &ApplicantRef) -> Result<(), StorageError> {
        self.put_raw(stores::VILLAGE, &to_js(entry)?).await
    }

    /// Removes the answers the server sent with tracked case `case_no` (`view.submitted`: ID
    /// numbers, phones, addresses, the files' names), keeping its number, query code, state
    /// and history, in one read-write transaction so that a refresh cannot interleave.
    /// Returns whether there was anything to remove.
    pub async fn clear_case_answers(&self, case_no: &str) -> Result<bool, StorageError> {
        let tx = self.tx(&[stores::TRACKED_CASES], true)?;
        let cases = store(&tx, stores::TRACKED_CASES)?;
        let record = request(&cases.get(&case_no.into()).map_err(op)?).await?;
        let view = Reflect::get(&record, &"view".into()).unwrap_or(JsValue::UNDEFINED);
        let had = view.is_object()
            && Reflect::get(&view, &"submitted".into()).is_ok_and(|s| s.is_object());
        if had {
            Reflect::delete_property(view.unchecked_ref::<js_sys::Object>(), &"submitted".into())
                .map_err(op)?;
            request(&cases.put(&record).map_err(op)?).await?;
        }
        complete(&tx).await?;
        Ok(had)
    }
}
