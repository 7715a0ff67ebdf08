//! The 主动公开目录 desk's answers (`/staff/publish`, `/api/staff/catalog/…`): the agencies a
//! person publishes for ([`CatalogAgencies`]), a page of entries ([`CatalogPage`]) and what a
//! save, a withdrawal or a change of 有效性 answers ([`EntrySaved`], [`EntryWithdrawn`]).
//!
//! One entry as the form edits it (`GET …/entry?index_no=`) stays a JSON value on the desk:
//! the form copies its fields into what is typed, as text.

use serde::{Deserialize, Serialize};

use super::cases::Named;

/// Where an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    /// In the public catalog and the feed.
    Published,
    /// Waiting for its publication date (nowhere public).
    Scheduled,
    /// Withdrawn: a tombstone in the feed.
    Withdrawn,
}

/// `GET /api/staff/catalog/agencies`: an officer's own agency, every agency for an
/// administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogAgencies {
    /// Code and name.
    pub agencies: Vec<Named>,
}

/// `GET /api/staff/catalog/entries`: one page of the entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogPage {
    /// Entries matching, all pages together.
    pub total: u64,
    /// This page, from 1.
    pub page: u32,
    /// Entries a page.
    pub per_page: u32,
    /// This page's, scheduled first, then the latest changed.
    pub entries: Vec<CatalogRow>,
}

/// One entry of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogRow {
    /// 索引号.
    pub index_no: String,
    /// 名称.
    pub title: String,
    /// 文号.
    pub doc_no: Option<String>,
    /// 成文日期.
    pub issued_on: String,
    /// 有效性 code.
    pub validity: String,
    /// 发布机构.
    pub agency: String,
    /// Published or scheduled.
    pub status: EntryStatus,
    /// A scheduled entry's date.
    pub publish_on: Option<String>,
    /// The last change, UTC RFC 3339 (the desk shows it in Beijing time).
    pub updated_at: String,
}

/// A save (create, update) or a change of 有效性: where the entry now stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySaved {
    /// 索引号.
    pub index_no: String,
    /// Published or scheduled.
    pub status: EntryStatus,
    /// A scheduled entry's date, `YYYY-MM-DD`.
    pub publish_on: Option<String>,
    /// The feed's revision of the change (`null` while scheduled: nothing public changed).
    pub revision: Option<u64>,
}

/// A withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryWithdrawn {
    /// 索引号.
    pub index_no: String,
    /// The feed's revision of the tombstone.
    pub revision: u64,
    /// Always [`EntryStatus::Withdrawn`].
    pub status: EntryStatus,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::same;
    use serde_json::json;

    #[test]
    fn a_page_of_entries_reads_as_sent() {
        same(
            &CatalogPage {
                total: 41,
                page: 2,
                per_page: 20,
                entries: vec![CatalogRow {
                    index_no: "11331024002497839G/2026-00012".into(),
                    title: "关于2026年秋季学期招生的通知".into(),
                    doc_no: Some("县教〔2026〕12号".into()),
                    issued_on: "2026-08-01".into(),
                    validity: "valid".into(),
                    agency: "县教育局".into(),
                    status: EntryStatus::Scheduled,
                    publish_on: Some("2026-12-10".into()),
                    updated_at: "2026-12-01T02:00:00Z".into(),
                }],
            },
            json!({"total": 41, "page": 2, "per_page": 20, "entries": [{
                "index_no": "11331024002497839G/2026-00012", "title": "关于2026年秋季学期招生的通知",
                "doc_no": "县教〔2026〕12号", "issued_on": "2026-08-01", "validity": "valid",
                "agency": "县教育局", "status": "scheduled", "publish_on": "2026-12-10",
                "updated_at": "2026-12-01T02:00:00Z"}]}),
        );
        same(
            &CatalogAgencies {
                agencies: vec![Named {
                    code: "11331024002497839G".into(),
                    name: "县教育局".into(),
                }],
            },
            json!({"agencies": [{"code": "11331024002497839G", "name": "县教育局"}]}),
        );
    }

    #[test]
    fn a_save_and_a_withdrawal_read_as_sent() {
        same(
            &EntrySaved {
                index_no: "11331024002497839G/2026-00012".into(),
                status: EntryStatus::Published,
                publish_on: None,
                revision: Some(7),
            },
            json!({"index_no": "11331024002497839G/2026-00012", "status": "published",
                   "publish_on": null, "revision": 7}),
        );
        same(
            &EntryWithdrawn {
                index_no: "11331024002497839G/2026-00012".into(),
                revision: 8,
                status: EntryStatus::Withdrawn,
            },
            json!({"index_no": "11331024002497839G/2026-00012", "revision": 8,
                   "status": "withdrawn"}),
        );
    }
}
