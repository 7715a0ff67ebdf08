//! 依申请公开's answers to the requester: what a request adds to the case view of `POST
//! /api/cases/lookup` ([`DisclosureView`], the `D` of [`super::cases::CaseView`]) and the
//! agency's reply in it ([`ReplyView`], which the 依申请公开 desk's request view carries too).
//!
//! The app keeps the case view in IndexedDB: fields added since are `default`, so views kept
//! before still read. Fields the app never shows are sent but not decoded (`skip_deserializing`),
//! so that they cost the bundles that decode a case view nothing.

use serde::{Deserialize, Serialize};

/// What a disclosure request adds to the case view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureView {
    /// The date it counts as received (Art. 31), `YYYY-MM-DD` (always sent; `None` only in views
    /// kept before it was).
    #[serde(default)]
    pub counted_from: Option<String>,
    /// Whether the one extension was used.
    #[serde(default)]
    pub extended: bool,
    /// The reply document, once answered (`null` before).
    #[serde(default)]
    pub reply: Option<ReplyView>,
}

/// The agency's reply: its Article 36 kind, what that kind requires it to say, the letter and
/// its files. Labels are in the request's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    /// The kind's code (`disclosed`, `partly_disclosed`, `withheld`…). Not decoded by the app,
    /// which shows `kind_label`.
    #[serde(skip_deserializing)]
    pub kind: String,
    /// The kind, worded.
    pub kind_label: String,
    /// The day it was answered (`YYYY-MM-DD`).
    #[serde(default)]
    pub on: Option<String>,
    /// The letter.
    #[serde(default)]
    pub text: String,
    /// Why (a part) is withheld, not provided or not handled: the reason's code, sent with those
    /// kinds only. Not decoded by the app, which shows `reason_label`.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The reason, worded as in the annual report's table (sent when the reason is one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_label: Option<String>,
    /// The legal basis of a (partial) refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Where information already public was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The agency that holds information this one does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right_agency: Option<String>,
    /// The attached files.
    #[serde(default)]
    pub files: Vec<ReplyFile>,
}

/// A file attached to a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyFile {
    /// The stored file's id. Not decoded by the app, which follows `url`.
    #[serde(skip_deserializing)]
    pub id: String,
    /// Its name as the agency uploaded it.
    pub name: String,
    /// Its media type. Not decoded by the app.
    #[serde(skip_deserializing)]
    pub media_type: String,
    /// Bytes.
    pub size: u64,
    /// Where the holder of the query code fetches it (`GET /api/cases/{no}/files/{id}`).
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::same;
    use serde_json::json;

    fn reply() -> ReplyView {
        ReplyView {
            kind: "partly_disclosed".into(),
            kind_label: "部分公开".into(),
            on: Some("2026-12-01".into()),
            text: "经审查，部分公开。".into(),
            reason: Some("third_party_rights".into()),
            reason_label: Some("第三方合法权益".into()),
            basis: Some("《条例》第十五条".into()),
            location: None,
            right_agency: None,
            files: vec![ReplyFile {
                id: "ab12cd34".into(),
                name: "答复书.pdf".into(),
                media_type: "application/pdf".into(),
                size: 1024,
                url: "/api/cases/20261127-GK-000001/files/ab12cd34".into(),
            }],
        }
    }

    #[test]
    fn a_reply_is_what_the_server_sent() {
        let view = DisclosureView {
            counted_from: Some("2026-11-27".into()),
            extended: true,
            reply: Some(reply()),
        };
        let wire = json!({
            "counted_from": "2026-11-27", "extended": true,
            "reply": {"kind": "partly_disclosed", "kind_label": "部分公开", "on": "2026-12-01",
                      "text": "经审查，部分公开。", "reason": "third_party_rights",
                      "reason_label": "第三方合法权益", "basis": "《条例》第十五条",
                      "files": [{"id": "ab12cd34", "name": "答复书.pdf",
                                 "media_type": "application/pdf", "size": 1024,
                                 "url": "/api/cases/20261127-GK-000001/files/ab12cd34"}]}});
        assert_eq!(serde_json::to_value(&view).expect("serializes"), wire);
        // The codes are sent, not decoded.
        let back: DisclosureView = serde_json::from_value(wire).expect("decodes");
        let mut expected = reply();
        expected.kind = String::new();
        expected.reason = None;
        expected.files[0].id = String::new();
        expected.files[0].media_type = String::new();
        assert_eq!(back.reply, Some(expected));
    }

    #[test]
    fn an_unanswered_request_has_a_null_reply() {
        let view = DisclosureView {
            counted_from: Some("2026-11-27".into()),
            extended: false,
            reply: None,
        };
        same(
            &view,
            json!({"counted_from": "2026-11-27", "extended": false, "reply": null}),
        );
    }
}
