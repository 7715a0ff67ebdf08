//! The answers about stored files: an attachment kept ([`Upload`]: `POST /api/uploads`, and a
//! resumable upload's finish), a staff upload kept with its name ([`NamedUpload`]: appeal
//! evidence, disclosure replies, catalog attachments) and the steps of a resumable upload
//! ([`ResumableStarted`], [`AlreadyKept`], [`ResumableStatus`]; `docs/files.md`).
//!
//! The citizen apps read the resumable answers with the browser's JSON parser, by the names
//! [`RESUMABLE_ID`], [`RESUMABLE_OFFSET`] and [`UPLOAD_ID`] (no serde derive in every bundle
//! with an outbox), and the window desk an evidence upload's by [`NAMED_UPLOAD_ID`]; the tests
//! here fail if a type's field is renamed away from them.

use serde::{Deserialize, Serialize};

use crate::form::MediaType;

/// The field of [`ResumableStarted`] the app keeps: the upload's id.
pub const RESUMABLE_ID: &str = "id";
/// The field of [`ResumableStatus`] the app resumes from: the bytes the server has.
pub const RESUMABLE_OFFSET: &str = "offset";
/// The field of [`Upload`] the app puts in the answers: the file's id (its SHA-256).
pub const UPLOAD_ID: &str = "upload_id";
/// The field of [`NamedUpload`] the window desk reads (an appeal's evidence): the file's id.
pub const NAMED_UPLOAD_ID: &str = "id";

/// A stored attachment (`201` of `POST /api/uploads` and of a resumable upload's finish).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upload {
    /// SHA-256 of the content, hex: the id the answers refer to.
    pub upload_id: String,
    /// The type recognised from the bytes.
    pub media_type: MediaType,
    /// Size in bytes.
    pub size: u64,
}

/// A staff upload kept with the name it was uploaded under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedUpload {
    /// The file's id (its SHA-256), to name in what refers to it.
    pub id: String,
    /// The name, cleaned of paths and control characters.
    pub name: String,
    /// The type recognised from the bytes.
    pub media_type: MediaType,
    /// Size in bytes.
    pub size: u64,
}

/// `201` of `POST /api/uploads/resumable`: the upload to send the bytes to, from offset 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumableStarted {
    /// The upload's id (128 random bits, hex).
    pub id: String,
    /// Always 0.
    pub offset: u64,
    /// The size announced.
    pub size: u64,
}

/// `200` of `POST /api/uploads/resumable` when the same bytes are already kept: nothing to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlreadyKept {
    /// The stored file.
    pub upload: Upload,
}

/// `GET /api/uploads/resumable/{id}`: where the upload stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumableStatus {
    /// Bytes received, from the start.
    pub offset: u64,
    /// The size announced.
    pub size: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::same;
    use serde_json::json;

    const SHA: &str = "5d41402abc4b2a76b9719d911017c592aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    fn upload() -> Upload {
        Upload {
            upload_id: SHA.into(),
            media_type: MediaType::Jpeg,
            size: 2048,
        }
    }

    #[test]
    fn an_upload_is_what_the_server_sent() {
        same(
            &upload(),
            json!({"upload_id": SHA, "media_type": "image/jpeg", "size": 2048}),
        );
        same(
            &AlreadyKept { upload: upload() },
            json!({"upload": {"upload_id": SHA, "media_type": "image/jpeg", "size": 2048}}),
        );
        same(
            &NamedUpload {
                id: SHA.into(),
                name: "答复书.pdf".into(),
                media_type: MediaType::Pdf,
                size: 9,
            },
            json!({"id": SHA, "name": "答复书.pdf", "media_type": "application/pdf", "size": 9}),
        );
    }

    #[test]
    fn the_resumable_steps_are_what_the_server_sent() {
        same(
            &ResumableStarted {
                id: "ab".repeat(16),
                offset: 0,
                size: 10,
            },
            json!({"id": "ab".repeat(16), "offset": 0, "size": 10}),
        );
        same(
            &ResumableStatus {
                offset: 131_072,
                size: 10_000_000,
            },
            json!({"offset": 131_072, "size": 10_000_000}),
        );
    }

    /// The app reads these three answers by name: a field renamed here must rename them.
    #[test]
    fn the_names_the_app_reads_are_the_fields() {
        let started = serde_json::to_value(ResumableStarted {
            id: "x".into(),
            offset: 0,
            size: 1,
        })
        .expect("serializes");
        assert_eq!(started[RESUMABLE_ID], "x");
        let status =
            serde_json::to_value(ResumableStatus { offset: 7, size: 9 }).expect("serializes");
        assert_eq!(status[RESUMABLE_OFFSET], 7);
        let kept = serde_json::to_value(upload()).expect("serializes");
        assert_eq!(kept[UPLOAD_ID], SHA);
        let named = serde_json::to_value(NamedUpload {
            id: SHA.into(),
            name: "a.pdf".into(),
            media_type: MediaType::Pdf,
            size: 1,
        })
        .expect("serializes");
        assert_eq!(named[NAMED_UPLOAD_ID], SHA);
    }
}
