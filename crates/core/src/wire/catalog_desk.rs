//! The 主动公开目录 desk's answers (`/staff/publish`, `/api/staff/catalog/…`): the agencies a
//! person publishes for ([`CatalogAgencies`]), a page of entries ([`CatalogPage`]) and what a
//! save, a withdrawal or a change of 有效性 answers ([`EntrySaved`], [`EntryWithdrawn`]), and one
//! entry as the form edits it ([`EntryDetail`]).
//!
//! The server sends an entry's card as the catalog's [`CatalogEntry`]; the desk reads it as
//! [`EntryFields`], the fields the form copies into what is typed, as text (the whole card's
//! decoder, its 索引号, dates and enums, would be the desk's weight for nothing).

use serde::{Deserialize, Serialize};

use super::cases::Named;
use crate::catalog::{CatalogBody, CatalogEntry};

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

/// `GET /api/staff/catalog/entry?index_no=`: an entry as the desk edits it. `E` is the card:
/// a [`CatalogEntry`] as sent, [`EntryFields`] as the desk reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryDetail<E = EntryFields> {
    /// The card (its attachments' metadata included).
    pub entry: E,
    /// The 正文 as stored (blocks); the desk edits [`EntryDetail::body_text`] instead.
    #[serde(skip_deserializing)]
    pub body: Option<CatalogBody>,
    /// The 正文 as typed text, one block a paragraph.
    pub body_text: String,
    /// The attachments' files, by position.
    pub files: Vec<EntryFile>,
    /// Published or scheduled.
    pub status: EntryStatus,
    /// A scheduled entry's date, `YYYY-MM-DD`.
    pub publish_on: Option<String>,
    /// The agency's code.
    pub agency_code: String,
}

/// An entry's detail as the server sends it.
pub type SentEntryDetail = EntryDetail<CatalogEntry>;

/// What the desk's form reads of a card, as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct EntryFields {
    /// 名称.
    pub title: String,
    /// 文号.
    #[serde(default)]
    pub doc_no: Option<String>,
    /// 成文日期, `YYYY-MM-DD`.
    pub issued_on: String,
    /// 主题分类's code.
    pub topic: String,
    /// 体裁分类's code.
    pub genre: String,
    /// 主题词.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// 内容概述.
    #[serde(default)]
    pub summary: String,
    /// 有效性's code.
    pub validity: String,
}

/// An attachment with its stored file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryFile {
    /// The upload's id (SHA-256), `None` for metadata without a file.
    pub id: Option<String>,
    /// The name shown.
    pub name: String,
    /// Its media type.
    pub media_type: String,
    /// Its size.
    pub size_bytes: u64,
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

    /// The desk reads an entry's card, sent whole, as the text its form shows.
    #[test]
    fn an_entry_detail_reads_as_the_form_shows_it() {
        use crate::catalog::{DisclosureMode, Genre, IndexNo, Topic, Validity};
        let (topic, genre) = (Topic::ALL[0], Genre::ALL[0]);
        let card = CatalogEntry {
            index_no: IndexNo::parse("000014349/2026-00007").expect("an 索引号"),
            title: "关于印发某某办法的通知".into(),
            summary: "概述".into(),
            topic,
            genre,
            keywords: vec!["教育".into(), "办法".into()],
            agency: "县教育局".into(),
            doc_no: Some("某教发〔2026〕3号".into()),
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date"),
            disclosure_mode: DisclosureMode::ALL[0],
            validity: Validity::Valid,
            replaced_by: None,
            attachments: Vec::new(),
            revision: 12,
        };
        let sent = SentEntryDetail {
            entry: card,
            body: None,
            body_text: "第一段".into(),
            files: vec![EntryFile {
                id: Some("ab".repeat(32)),
                name: "附件.pdf".into(),
                media_type: "application/pdf".into(),
                size_bytes: 12,
            }],
            status: EntryStatus::Scheduled,
            publish_on: Some("2027-01-04".into()),
            agency_code: "JY".into(),
        };
        let wire = serde_json::to_value(&sent).expect("serializes");
        assert_eq!(wire["entry"]["title"], "关于印发某某办法的通知");
        let read: EntryDetail = serde_json::from_value(wire).expect("decodes");
        assert_eq!(
            read.entry,
            EntryFields {
                title: "关于印发某某办法的通知".into(),
                doc_no: Some("某教发〔2026〕3号".into()),
                issued_on: "2026-03-02".into(),
                topic: topic.code().into(),
                genre: genre.code().into(),
                keywords: vec!["教育".into(), "办法".into()],
                summary: "概述".into(),
                validity: Validity::Valid.code().into(),
            }
        );
        assert_eq!(read.files, sent.files);
        assert_eq!(
            (
                read.status,
                read.publish_on.as_deref(),
                read.body_text.as_str()
            ),
            (EntryStatus::Scheduled, Some("2027-01-04"), "第一段")
        );
    }
}
