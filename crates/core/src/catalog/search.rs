//! Offline full-text search over the catalog, run in the browser on the local copy (and usable
//! natively): an inverted index built from [`CatalogEntry`]s, updated entry by entry from the
//! delta feed, stored in IndexedDB as bytes ([`CatalogIndex::to_bytes`]).
//!
//! # What is indexed
//! The fields 名称, 文号, 索引号, 发布机构, 主题词 and 内容概述 ([`Field`]). Text is first
//! normalised ([`normalize_char`]): full-width ASCII (`２０２４`, `ＧＢ`) becomes half-width, Latin
//! letters lower-case, and every punctuation mark — including the 文号 brackets `〔〕` `[]` `［］`
//! `【】` — is a separator. Then:
//! * a run of CJK characters gives its unigrams and its bigrams (`年度报告` → 年 度 报 告,
//!   年度 度报 报告): Chinese has no spaces, and bigrams find any substring of two or more
//!   characters while unigrams serve one-character queries;
//! * a run of ASCII letters and digits is one lower-cased word (`GB/T` → `gb`, `t`).
//!
//! So `国办发〔2019〕51号`, `国办发[2019]51号` and `国办发2019 51号` have the same terms.
//!
//! # Matching and ranking
//! A query is cut the same way; every query gram must occur in the entry (AND, across fields).
//! The last word of a query is a prefix (`20` finds `2024`) unless the query ends with a space.
//! Each candidate is then scored on its stored fields: per field, the share of query grams found,
//! a bonus for terms found whole (adjacent) and for the whole query found as one phrase, times
//! the field weight ([`Field::weight`]: 名称 and 文号 highest); an exact title adds a large bonus.
//! Documents no longer in force rank slightly lower. Ties go to the newer 发文日期, then the
//! 索引号. An empty query lists everything matching the filters, newest first.
//!
//! # Size and speed
//! Postings are sorted document numbers, delta- and varint-encoded in memory and on disk
//! (about a byte each), intersected smallest-first. Removing or updating an entry marks its old
//! document dead (filtered out at query time) and appends a new one; [`CatalogIndex::compact`]
//! renumbers when the dead outnumber the living. See `benches/catalog_search.rs` for figures at
//! 100,000 entries.
//!
//! # Serialised form (version 1, little-endian)
//! ```text
//! "GCIX"  u16 version  u16 flags(0)
//! varint agency count, then each agency name        (string = varint byte length + UTF-8)
//! varint document count, then per document:
//!     u8 live; if 1: u8 topic, u8 genre, u8 validity (ordinals in Topic::ALL…),
//!     varint agency number, zigzag varint days since 0001-01-01 (发文日期),
//!     string 索引号, 4 varint field end offsets, string stored text
//! varint CJK gram count, then per gram in key order:
//!     varint key (unigram: char << 32; bigram: first << 32 | second),
//!     varint posting count, varint last document, varint byte length, delta-varint bytes
//! varint word count, then per word in order: string word, the same posting fields
//! u32 FNV-1a checksum of everything before it
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CatalogEntry, Genre, IndexNo, Topic, Validity};

/// The version written in the serialised header; [`CatalogIndex::from_bytes`] refuses others
/// (the app then rebuilds the index from its entries).
pub const FORMAT_VERSION: u16 = 1;

const MAGIC: &[u8; 4] = b"GCIX";

/// The separator between 主题词 in the text that [`Field::Keywords`] highlights refer to:
/// highlight ranges are positions in `entry.keywords.join(KEYWORD_SEPARATOR)`.
pub const KEYWORD_SEPARATOR: &str = "；";

/// A searched field of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// 名称.
    Title,
    /// 文号.
    DocNo,
    /// 索引号.
    IndexNo,
    /// 发布机构.
    Agency,
    /// 主题词, joined by [`KEYWORD_SEPARATOR`].
    Keywords,
    /// 内容概述.
    Summary,
}

impl Field {
    /// Every field, in the order of the stored text.
    pub const ALL: [Field; 6] = [
        Field::Title,
        Field::DocNo,
        Field::IndexNo,
        Field::Agency,
        Field::Keywords,
        Field::Summary,
    ];

    /// How much a match in this field counts: a title or a 文号 match is what people look for;
    /// a summary mentions many things in passing.
    pub fn weight(self) -> f32 {
        match self {
            Field::Title | Field::DocNo => 10.0,
            Field::IndexNo => 6.0,
            Field::Keywords => 5.0,
            Field::Agency => 4.0,
            Field::Summary => 2.0,
        }
    }
}

/// Filters of a search or a facet count; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    /// 主题分类.
    pub topic: Option<Topic>,
    /// 体裁分类.
    pub genre: Option<Genre>,
    /// 发布机构, exact name.
    pub agency: Option<String>,
    /// Year of 发文日期.
    pub year: Option<u16>,
    /// 有效性.
    pub validity: Option<Validity>,
}

/// What to look for: words typed by a person (may be empty) and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Free text, any script; empty lists everything that passes the filters.
    pub text: String,
    /// Filters.
    pub filters: Filters,
}

impl SearchQuery {
    /// A query for `text` without filters.
    pub fn text(text: impl Into<String>) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            filters: Filters::default(),
        }
    }
}

/// Matched spans of one field: `(start, end)` positions in characters (Unicode scalar values,
/// end exclusive) of the field's text, sorted and not overlapping. Plain ranges, never markup:
/// the app wraps them in `<mark>` itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldHighlights {
    /// The field.
    pub field: Field,
    /// The spans.
    pub ranges: Vec<(u32, u32)>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The entry's 索引号.
    pub entry_id: IndexNo,
    /// The relevance (higher first; 0 for an empty query). Only meaningful within one search.
    pub score: f32,
    /// Matched spans, per field that matched.
    pub highlights: Vec<FieldHighlights>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    /// How many entries match in all.
    pub total: usize,
    /// The page number, from 1.
    pub page: u32,
    /// The page size asked for.
    pub page_size: u32,
    /// The hits of this page, best first.
    pub hits: Vec<Hit>,
}

/// Counts of the entries matching a query, per value of each dimension (zero counts omitted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// Per 主题分类, in the official order.
    pub topic: Vec<(Topic, u32)>,
    /// Per 体裁分类, in the official order.
    pub genre: Vec<(Genre, u32)>,
    /// Per 发布机构, most entries first (then by name).
    pub agency: Vec<(String, u32)>,
    /// Per year of 发文日期, newest first.
    pub year: Vec<(u16, u32)>,
    /// Per 有效性, in the official order.
    pub validity: Vec<(Validity, u32)>,
}

/// Why bytes could not be loaded as an index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// The bytes are not an index at all.
    #[error("not a catalog index (bad magic bytes)")]
    BadMagic,
    /// Written by another version of the format: rebuild from the entries.
    #[error("catalog index format version {0} is not supported (expected {FORMAT_VERSION})")]
    UnsupportedVersion(u16),
    /// The bytes end too early.
    #[error("catalog index is truncated")]
    Truncated,
    /// The checksum does not match (a partial or damaged write).
    #[error("catalog index checksum mismatch")]
    Checksum,
    /// A value is out of range.
    #[error("catalog index is corrupt: {0}")]
    Corrupt(&'static str),
}

// ------------------------------------------------------------------------------ text

/// Normalises one character for indexing and querying: full-width ASCII to half-width, the
/// ideographic space to a space, ASCII letters to lower case.
pub fn normalize_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Separator,
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3007}'                      // 〇, as in 二〇二四年
        | '\u{3400}'..='\u{4DBF}'       // Extension A
        | '\u{4E00}'..='\u{9FFF}'       // Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'       // Compatibility Ideographs
        | '\u{20000}'..='\u{3134F}') // Extensions B–G
}

/// The class of a normalised character.
fn class(c: char) -> Class {
    if c.is_ascii_alphanumeric() {
        Class::Word
    } else if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        // Other scripts (Latin with accents, Cyrillic…) are rare here; treat them as words.
        Class::Word
    } else {
        Class::Separator
    }
}

fn unigram(c: char) -> u64 {
    u64::from(u32::from(c)) << 32
}

fn bigram(a: char, b: char) -> u64 {
    unigram(a) | u64::from(u32::from(b))
}

/// Calls `cjk` with every CJK unigram and bigram key and `word` with every word of `text`.
fn for_each_gram(text: &str, mut cjk: impl FnMut(u64), mut word: impl FnMut(&str)) {
    let mut previous: Option<char> = None;
    let mut buffer = String::new();
    for c in text.chars().map(normalize_char) {
        match class(c) {
            Class::Cjk => {
                if !buffer.is_empty() {
                    word(&buffer);
                    buffer.clear();
                }
                cjk(unigram(c));
                if let Some(p) = previous {
                    cjk(bigram(p, c));
                }
                previous = Some(c);
            }
            Class::Word => {
                previous = None;
                buffer.push(c);
            }
            Class::Separator => {
                previous = None;
                if !buffer.is_empty() {
                    word(&buffer);
                    buffer.clear();
                }
            }
        }
    }
    if !buffer.is_empty() {
        word(&buffer);
    }
}

/// The terms of a text as this index cuts it: runs of CJK characters and words of letters or
/// digits, normalised ([`normalize_char`]), separators dropped: `国办发〔2019〕51号` →
/// `["国办发", "2019", "51", "号"]`. The server uses it to search its own tables the same way.
pub fn search_terms(text: &str) -> Vec<String> {
    prepare(text)
        .terms
        .into_iter()
        .map(|term| term.chars.into_iter().collect())
        .collect()
}

/// A text normalised for substring search: [`normalize_char`] on each character, every
/// separator a space, and a space between a CJK run and a word (so each [`search_terms`] term
/// of the text is a substring of the result).
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = Class::Separator;
    for c in text.chars().map(normalize_char) {
        let cls = class(c);
        match cls {
            Class::Separator => {
                if previous != Class::Separator {
                    out.push(' ');
                }
            }
            _ => {
                if previous != Class::Separator && previous != cls {
                    out.push(' ');
                }
                out.push(c);
            }
        }
        previous = cls;
    }
    out.truncate(out.trim_end().len());
    out
}

/// A query term: a CJK run or a word.
#[derive(Debug, Clone)]
struct Term {
    chars: Vec<char>,
    cjk: bool,
    /// A word matched as a prefix (the last word while typing).
    prefix: bool,
}

impl Term {
    /// How many grams this term stands for (its share of the query).
    fn units(&self) -> usize {
        if self.cjk && self.chars.len() > 1 {
            self.chars.len() - 1
        } else {
            1
        }
    }
}

#[derive(Debug)]
struct Prepared {
    terms: Vec<Term>,
    /// All terms' characters, without separators: the query as one phrase.
    compact: Vec<char>,
    units: usize,
}

fn prepare(text: &str) -> Prepared {
    let mut terms: Vec<Term> = Vec::new();
    let mut current: Option<Term> = None;
    for c in text.chars().map(normalize_char) {
        let cls = class(c);
        let continues = matches!((&current, cls), (Some(t), Class::Cjk) if t.cjk)
            || matches!((&current, cls), (Some(t), Class::Word) if !t.cjk);
        if continues {
            if let Some(term) = current.as_mut() {
                term.chars.push(c);
            }
            continue;
        }
        if let Some(term) = current.take() {
            terms.push(term);
        }
        if cls != Class::Separator {
            current = Some(Term {
                chars: vec![c],
                cjk: cls == Class::Cjk,
                prefix: false,
            });
        }
    }
    if let Some(mut term) = current.take() {
        // Still being typed: the last word (not followed by a separator) is a prefix.
        term.prefix = !term.cjk;
        terms.push(term);
    }
    let compact = terms.iter().flat_map(|t| t.chars.iter().copied()).collect();
    let units = terms.iter().map(Term::units).sum();
    Prepared {
        terms,
        compact,
        units,
    }
}

/// A field's text without separators, each character with its position in the original.
#[derive(Debug, Clone, Copy)]
struct Slot {
    c: char,
    pos: u32,
    word: bool,
}

fn compact_into(text: &str, out: &mut Vec<Slot>) {
    out.clear();
    for (pos, c) in text.chars().enumerate() {
        let c = normalize_char(c);
        match class(c) {
            Class::Separator => {}
            cls => out.push(Slot {
                c,
                pos: pos as u32,
                word: cls == Class::Word,
            }),
        }
    }
}

/// Start positions (in `hay`) of every occurrence of `needle`.
fn occurrences(hay: &[Slot], needle: &[char], mut accept: impl FnMut(usize) -> bool) -> Vec<usize> {
    let mut found = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return found;
    }
    for start in 0..=hay.len() - needle.len() {
        if hay[start..start + needle.len()]
            .iter()
            .zip(needle)
            .all(|(slot, c)| slot.c == *c)
            && accept(start)
        {
            found.push(start);
        }
    }
    found
}

/// Whether a word starts at `k` (no word character right before it in the original).
fn word_starts(hay: &[Slot], k: usize) -> bool {
    k == 0 || !hay[k - 1].word || hay[k - 1].pos + 1 != hay[k].pos
}

fn word_ends(hay: &[Slot], k: usize) -> bool {
    k + 1 >= hay.len() || !hay[k + 1].word || hay[k].pos + 1 != hay[k + 1].pos
}

// ------------------------------------------------------------------------------ postings

/// One gram's document numbers, ascending, as varint deltas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl Postings {
    fn push(&mut self, doc: u32) {
        // Documents are added in increasing order, so the delta is never negative; the first
        // delta is from 0.
        let delta = if self.len == 0 { doc } else { doc - self.last };
        write_varint(&mut self.bytes, u64::from(delta));
        self.last = doc;
        self.len += 1;
    }

    fn iter(&self) -> PostingIter<'_> {
        PostingIter {
            bytes: &self.bytes,
            at: 0,
            doc: 0,
        }
    }

    fn decode(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len as usize);
        out.extend(self.iter());
        out
    }
}

struct PostingIter<'a> {
    bytes: &'a [u8],
    at: usize,
    doc: u32,
}

impl Iterator for PostingIter<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let delta = read_varint(self.bytes, &mut self.at)?;
        self.doc = self.doc.wrapping_add(u32::try_from(delta).ok()?);
        Some(self.doc)
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value: u64 = 0;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Keeps the values of `candidates` that `list` also has (both ascending).
fn intersect(candidates: &mut Vec<u32>, list: impl Iterator<Item = u32>) {
    let mut list = list.peekable();
    candidates.retain(|&doc| {
        while list.next_if(|&other| other < doc).is_some() {}
        list.peek() == Some(&doc)
    });
}

// ------------------------------------------------------------------------------ the index

/// One indexed entry (or a dead slot once removed).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Doc {
    live: bool,
    topic: u8,
    genre: u8,
    validity: u8,
    agency: u32,
    /// 发文日期 as days since 0001-01-01 (chrono's `num_days_from_ce`).
    days: i32,
    index_no: IndexNo,
    /// Ends (byte offsets in `text`) of 名称, 文号, 索引号, 主题词; 内容概述 runs to the end.
    ends: [u32; 4],
    /// The fields' original text, concatenated (highlights and phrase checks need it).
    text: Box<str>,
}

impl Doc {
    /// What is left of a removed document: nothing but its place in the numbering.
    fn dead() -> Doc {
        Doc {
            live: false,
            topic: 0,
            genre: 0,
            validity: 0,
            agency: 0,
            days: 0,
            index_no: IndexNo(String::new()),
            ends: [0; 4],
            text: Box::default(),
        }
    }

    fn field<'a>(&'a self, field: Field, agencies: &'a [Box<str>]) -> &'a str {
        let [title, doc_no, index_no, keywords] = self.ends.map(|e| e as usize);
        let slice = |from: usize, to: usize| self.text.get(from..to).unwrap_or_default();
        match field {
            Field::Title => slice(0, title),
            Field::DocNo => slice(title, doc_no),
            Field::IndexNo => slice(doc_no, index_no),
            Field::Keywords => slice(index_no, keywords),
            Field::Summary => slice(keywords, self.text.len()),
            Field::Agency => agencies
                .get(self.agency as usize)
                .map(|a| &**a)
                .unwrap_or_default(),
        }
    }

    fn passes(
        &self,
        filters: &Filters,
        agency: Option<Option<u32>>,
        days: Option<(i32, i32)>,
    ) -> bool {
        self.live
            && filters.topic.is_none_or(|t| t.ordinal() == self.topic)
            && filters.genre.is_none_or(|g| g.ordinal() == self.genre)
            && filters
                .validity
                .is_none_or(|v| v.ordinal() == self.validity)
            && agency.is_none_or(|a| a == Some(self.agency))
            && days.is_none_or(|(from, to)| (from..to).contains(&self.days))
    }
}

/// The search index of a catalog. See the [module documentation](self).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogIndex {
    docs: Vec<Doc>,
    agencies: Vec<Box<str>>,
    cjk: HashMap<u64, Postings>,
    words: BTreeMap<Box<str>, Postings>,
    /// 索引号 → live document number (rebuilt on load, not serialised).
    by_id: HashMap<IndexNo, u32>,
    dead: usize,
}

impl CatalogIndex {
    /// An empty index.
    pub fn new() -> CatalogIndex {
        CatalogIndex::default()
    }

    /// Builds an index from entries (a later entry with the same 索引号 replaces an earlier one).
    pub fn build<'a>(entries: impl IntoIterator<Item = &'a CatalogEntry>) -> CatalogIndex {
        let mut index = CatalogIndex::new();
        for entry in entries {
            index.upsert(entry);
        }
        index
    }

    /// How many entries are indexed.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether no entry is indexed.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Whether an entry is indexed.
    pub fn contains(&self, index_no: &IndexNo) -> bool {
        self.by_id.contains_key(index_no)
    }

    /// Adds an entry, or replaces the indexed entry with the same 索引号 (an update from the
    /// delta feed).
    pub fn upsert(&mut self, entry: &CatalogEntry) {
        self.remove_quietly(&entry.index_no);
        let agency = self.intern(&entry.agency);
        let keywords = entry.keywords.join(KEYWORD_SEPARATOR);
        let doc_no = entry.doc_no.as_deref().unwrap_or_default();
        let mut text = String::with_capacity(
            entry.title.len()
                + doc_no.len()
                + entry.index_no.as_str().len()
                + keywords.len()
                + entry.summary.len(),
        );
        let mut ends = [0u32; 4];
        for (n, part) in [
            entry.title.as_str(),
            doc_no,
            entry.index_no.as_str(),
            &keywords,
        ]
        .into_iter()
        .enumerate()
        {
            text.push_str(part);
            ends[n] = text.len() as u32;
        }
        text.push_str(&entry.summary);
        self.push_doc(Doc {
            live: true,
            topic: entry.topic.ordinal(),
            genre: entry.genre.ordinal(),
            validity: entry.validity.ordinal(),
            agency,
            days: chrono::Datelike::num_days_from_ce(&entry.issued_on),
            index_no: entry.index_no.clone(),
            ends,
            text: text.into_boxed_str(),
        });
    }

    /// Removes an entry (a deletion from the delta feed); `false` if it was not indexed.
    pub fn remove(&mut self, index_no: &IndexNo) -> bool {
        let removed = self.remove_quietly(index_no);
        // Renumber once the dead outnumber the living: queries would spend most time skipping.
        if removed && self.dead > 1024 && self.dead > self.by_id.len() {
            self.compact();
        }
        removed
    }

    fn remove_quietly(&mut self, index_no: &IndexNo) -> bool {
        let Some(number) = self.by_id.remove(index_no) else {
            return false;
        };
        if let Some(doc) = self.docs.get_mut(number as usize) {
            *doc = Doc::dead();
            self.dead += 1;
        }
        true
    }

    /// Rebuilds the postings without the removed entries (smaller, faster). Called by
    /// [`Self::remove`] when needed; call it before [`Self::to_bytes`] to store the smallest form.
    pub fn compact(&mut self) {
        if self.dead == 0 {
            return;
        }
        let old = std::mem::take(self);
        // Agencies are interned afresh too, so that a compacted index equals one built from
        // the same entries (and agencies left without documents disappear).
        for mut doc in old.docs.into_iter().filter(|d| d.live) {
            let name = old.agencies.get(doc.agency as usize).map_or("", |a| &**a);
            doc.agency = self.intern(name);
            self.push_doc(doc);
        }
    }

    fn intern(&mut self, agency: &str) -> u32 {
        match self.agencies.iter().position(|a| &**a == agency) {
            Some(n) => n as u32,
            None => {
                self.agencies.push(agency.into());
                (self.agencies.len() - 1) as u32
            }
        }
    }

    /// Indexes a document under the next number.
    fn push_doc(&mut self, doc: Doc) {
        let number = self.docs.len() as u32;
        let mut grams: Vec<u64> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        // Field by field: a gram or a word must never straddle two fields.
        for field in Field::ALL {
            for_each_gram(
                doc.field(field, &self.agencies),
                |g| grams.push(g),
                |w| words.push(w.to_string()),
            );
        }
        grams.sort_unstable();
        grams.dedup();
        words.sort_unstable();
        words.dedup();
        for gram in grams {
            self.cjk.entry(gram).or_default().push(number);
        }
        for word in words {
            match self.words.get_mut(word.as_str()) {
                Some(postings) => postings.push(number),
                None => {
                    let mut postings = Postings::default();
                    postings.push(number);
                    self.words.insert(word.into_boxed_str(), postings);
                }
            }
        }
        if doc.live {
            self.by_id.insert(doc.index_no.clone(), number);
        } else {
            self.dead += 1;
        }
        self.docs.push(doc);
    }

    /// Documents whose text has every gram of the query (ascending), before filters; `None`
    /// for an empty query (everything matches).
    fn candidates(&self, prepared: &Prepared) -> Option<Vec<u32>> {
        if prepared.terms.is_empty() {
            return None;
        }
        enum Source<'a> {
            Postings(&'a Postings),
            Owned(Vec<u32>),
        }
        impl Source<'_> {
            fn len(&self) -> usize {
                match self {
                    Source::Postings(p) => p.len as usize,
                    Source::Owned(v) => v.len(),
                }
            }
        }
        let mut keys: Vec<u64> = Vec::new();
        let mut sources: Vec<Source<'_>> = Vec::new();
        for term in &prepared.terms {
            if term.cjk {
                if term.chars.len() == 1 {
                    keys.push(unigram(term.chars[0]));
                } else {
                    keys.extend(term.chars.windows(2).map(|w| bigram(w[0], w[1])));
                }
                continue;
            }
            let word: String = term.chars.iter().collect();
            if term.prefix {
                let mut union: Vec<u32> = Vec::new();
                for (_, postings) in self
                    .words
                    .range::<str, _>((
                        std::ops::Bound::Included(word.as_str()),
                        std::ops::Bound::Unbounded,
                    ))
                    .take_while(|(key, _)| key.starts_with(word.as_str()))
                {
                    union.extend(postings.iter());
                }
                union.sort_unstable();
                union.dedup();
                sources.push(Source::Owned(union));
            } else {
                match self.words.get(word.as_str()) {
                    Some(postings) => sources.push(Source::Postings(postings)),
                    None => return Some(Vec::new()),
                }
            }
        }
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            match self.cjk.get(&key) {
                Some(postings) => sources.push(Source::Postings(postings)),
                None => return Some(Vec::new()),
            }
        }
        // Smallest first: the candidate set only shrinks, and each later list is only walked.
        sources.sort_by_key(Source::len);
        let mut sources = sources.into_iter();
        let mut candidates = match sources.next() {
            Some(Source::Postings(p)) => p.decode(),
            Some(Source::Owned(v)) => v,
            None => return Some(Vec::new()),
        };
        for source in sources {
            if candidates.is_empty() {
                break;
            }
            match source {
                Source::Postings(p) => intersect(&mut candidates, p.iter()),
                Source::Owned(v) => intersect(&mut candidates, v.into_iter()),
            }
        }
        Some(candidates)
    }

    /// The live documents matching the query and the filters.
    fn matching(&self, prepared: &Prepared, filters: &Filters) -> Vec<u32> {
        let agency = filters.agency.as_deref().map(|name| {
            self.agencies
                .iter()
                .position(|a| &**a == name)
                .map(|n| n as u32)
        });
        let days = filters.year.map(|year| {
            let day = |y: i32| {
                NaiveDate::from_ymd_opt(y, 1, 1)
                    .map(|d| chrono::Datelike::num_days_from_ce(&d))
                    .unwrap_or_default()
            };
            (day(i32::from(year)), day(i32::from(year) + 1))
        });
        let keep = |n: &u32| {
            self.docs
                .get(*n as usize)
                .is_some_and(|d| d.passes(filters, agency, days))
        };
        match self.candidates(prepared) {
            Some(mut list) => {
                list.retain(keep);
                list
            }
            None => (0..self.docs.len() as u32).filter(keep).collect(),
        }
    }

    /// Scores a document; fills `highlights` when given.
    fn score(
        &self,
        doc: &Doc,
        prepared: &Prepared,
        buffer: &mut Vec<Slot>,
        mut highlights: Option<&mut Vec<FieldHighlights>>,
    ) -> f32 {
        let total_units = prepared.units.max(1) as f32;
        let mut score = 0.0;
        for field in Field::ALL {
            let text = doc.field(field, &self.agencies);
            if text.is_empty() {
                continue;
            }
            compact_into(text, buffer);
            let hay = buffer.as_slice();
            let mut spans: Vec<(usize, usize)> = Vec::new();
            let mut found = 0usize;
            let mut whole = 0usize;
            for term in &prepared.terms {
                let n = term.chars.len();
                let starts = if term.cjk {
                    occurrences(hay, &term.chars, |_| true)
                } else {
                    occurrences(hay, &term.chars, |k| {
                        word_starts(hay, k) && (term.prefix || word_ends(hay, k + n - 1))
                    })
                };
                if !starts.is_empty() {
                    found += term.units();
                    whole += term.units();
                    spans.extend(starts.into_iter().map(|s| (s, s + n)));
                } else if term.cjk && n > 2 {
                    // Not adjacent here: count (and mark) the bigrams that are.
                    for pair in term.chars.windows(2) {
                        let starts = occurrences(hay, pair, |_| true);
                        if !starts.is_empty() {
                            found += 1;
                            spans.extend(starts.into_iter().map(|s| (s, s + 2)));
                        }
                    }
                }
            }
            if found == 0 {
                continue;
            }
            let mut field_score = found as f32 / total_units + 0.5 * whole as f32 / total_units;
            if prepared.terms.len() > 1 {
                let phrase = occurrences(hay, &prepared.compact, |_| true);
                if !phrase.is_empty() {
                    field_score += 0.5;
                    let n = prepared.compact.len();
                    spans.extend(phrase.into_iter().map(|s| (s, s + n)));
                }
            }
            if field == Field::Title {
                let title: Vec<char> = hay.iter().map(|s| s.c).collect();
                if title == prepared.compact {
                    field_score += 3.0;
                } else if title.starts_with(&prepared.compact) {
                    field_score += 0.5;
                }
            }
            score += field.weight() * field_score;
            if let Some(out) = highlights.as_deref_mut() {
                out.push(FieldHighlights {
                    field,
                    ranges: merge_spans(hay, spans),
                });
            }
        }
        if doc.validity != Validity::Valid.ordinal() {
            score *= 0.9;
        }
        score
    }

    /// Searches, ranks and returns page `page` (from 1; 0 is taken as 1) of `page_size` hits
    /// (at least 1). See the [module documentation](self) for the rules.
    pub fn search(&self, query: &SearchQuery, page: u32, page_size: u32) -> SearchPage {
        let page = page.max(1);
        let page_size = page_size.max(1);
        let prepared = prepare(&query.text);
        let matching = self.matching(&prepared, &query.filters);
        let mut buffer = Vec::new();
        let mut ranked: Vec<(f32, u32)> = matching
            .iter()
            .filter_map(|&n| {
                let doc = self.docs.get(n as usize)?;
                let score = if prepared.terms.is_empty() {
                    0.0
                } else {
                    self.score(doc, &prepared, &mut buffer, None)
                };
                Some((score, n))
            })
            .collect();
        let docs = &self.docs;
        let order = |&(score_a, a): &(f32, u32), &(score_b, b): &(f32, u32)| {
            let (da, db) = (&docs[a as usize], &docs[b as usize]);
            score_b
                .total_cmp(&score_a)
                .then(db.days.cmp(&da.days))
                .then_with(|| da.index_no.cmp(&db.index_no))
        };
        let skip = ((page - 1) as usize).saturating_mul(page_size as usize);
        let end = skip.saturating_add(page_size as usize).min(ranked.len());
        if skip < ranked.len() {
            // Only the top `end` need ordering: select, then sort that part.
            if end < ranked.len() {
                ranked.select_nth_unstable_by(end, order);
                ranked.truncate(end);
            }
            ranked.sort_unstable_by(order);
        }
        let hits = ranked
            .get(skip..end)
            .unwrap_or_default()
            .iter()
            .filter_map(|&(score, n)| {
                let doc = docs.get(n as usize)?;
                let mut highlights = Vec::new();
                if !prepared.terms.is_empty() {
                    self.score(doc, &prepared, &mut buffer, Some(&mut highlights));
                }
                Some(Hit {
                    entry_id: doc.index_no.clone(),
                    score,
                    highlights,
                })
            })
            .collect();
        SearchPage {
            total: matching.len(),
            page,
            page_size,
            hits,
        }
    }

    /// Counts the entries matching `query` (text and filters) by topic, genre, agency, year and
    /// validity.
    pub fn facets(&self, query: &SearchQuery) -> Facets {
        let prepared = prepare(&query.text);
        let matching = self.matching(&prepared, &query.filters);
        let mut topic = [0u32; 64];
        let mut genre = [0u32; 64];
        let mut validity = [0u32; 64];
        let mut agency = vec![0u32; self.agencies.len()];
        let mut year: BTreeMap<u16, u32> = BTreeMap::new();
        for doc in matching.iter().filter_map(|&n| self.docs.get(n as usize)) {
            topic[usize::from(doc.topic) % 64] += 1;
            genre[usize::from(doc.genre) % 64] += 1;
            validity[usize::from(doc.validity) % 64] += 1;
            if let Some(count) = agency.get_mut(doc.agency as usize) {
                *count += 1;
            }
            let y = NaiveDate::from_num_days_from_ce_opt(doc.days)
                .map(|d| chrono::Datelike::year(&d))
                .and_then(|y| u16::try_from(y).ok())
                .unwrap_or_default();
            *year.entry(y).or_default() += 1;
        }
        let mut agency: Vec<(String, u32)> = self
            .agencies
            .iter()
            .zip(agency)
            .filter(|(_, count)| *count > 0)
            .map(|(name, count)| (name.to_string(), count))
            .collect();
        agency.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Facets {
            topic: Topic::ALL
                .iter()
                .map(|t| (*t, topic[usize::from(t.ordinal())]))
                .filter(|(_, c)| *c > 0)
                .collect(),
            genre: Genre::ALL
                .iter()
                .map(|g| (*g, genre[usize::from(g.ordinal())]))
                .filter(|(_, c)| *c > 0)
                .collect(),
            agency,
            year: year.into_iter().rev().collect(),
            validity: Validity::ALL
                .iter()
                .map(|v| (*v, validity[usize::from(v.ordinal())]))
                .filter(|(_, c)| *c > 0)
                .collect(),
        }
    }

    /// An estimate of the heap memory held by the index, in bytes.
    pub fn heap_size(&self) -> usize {
        let docs: usize = self
            .docs
            .iter()
            .map(|d| std::mem::size_of::<Doc>() + d.text.len() + d.index_no.as_str().len())
            .sum();
        let postings = |p: &Postings| std::mem::size_of::<Postings>() + p.bytes.capacity();
        let cjk: usize = self.cjk.values().map(|p| 8 + postings(p)).sum();
        let words: usize = self
            .words
            .iter()
            .map(|(w, p)| 16 + w.len() + postings(p) + 16)
            .sum();
        // The map of 索引号: key, value and the table's own slot.
        let by_id = self.by_id.len() * (std::mem::size_of::<IndexNo>() + 8 + 32);
        let agencies: usize = self.agencies.iter().map(|a| 16 + a.len()).sum();
        docs + cjk + words + by_id + agencies
    }

    /// The index as bytes, in the format described in the [module documentation](self).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.heap_size() / 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        write_varint(&mut out, self.agencies.len() as u64);
        for agency in &self.agencies {
            write_str(&mut out, agency);
        }
        write_varint(&mut out, self.docs.len() as u64);
        for doc in &self.docs {
            out.push(u8::from(doc.live));
            if !doc.live {
                continue;
            }
            out.extend_from_slice(&[doc.topic, doc.genre, doc.validity]);
            write_varint(&mut out, u64::from(doc.agency));
            write_varint(&mut out, zigzag(doc.days));
            write_str(&mut out, doc.index_no.as_str());
            for end in doc.ends {
                write_varint(&mut out, u64::from(end));
            }
            write_str(&mut out, &doc.text);
        }
        let mut keys: Vec<&u64> = self.cjk.keys().collect();
        keys.sort_unstable();
        write_varint(&mut out, keys.len() as u64);
        for key in keys {
            write_varint(&mut out, *key);
            if let Some(postings) = self.cjk.get(key) {
                write_postings(&mut out, postings);
            }
        }
        write_varint(&mut out, self.words.len() as u64);
        for (word, postings) in &self.words {
            write_str(&mut out, word);
            write_postings(&mut out, postings);
        }
        let checksum = fnv1a(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }

    /// Loads an index written by [`Self::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<CatalogIndex, IndexError> {
        if bytes.len() < 12 || bytes.get(..4) != Some(MAGIC.as_slice()) {
            return Err(IndexError::BadMagic);
        }
        let version = u16::from_le_bytes([bytes[4], bytes[5]]);
        if version != FORMAT_VERSION {
            return Err(IndexError::UnsupportedVersion(version));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 4);
        let stored = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
        if fnv1a(body) != stored {
            return Err(IndexError::Checksum);
        }
        let mut reader = Reader { bytes: body, at: 8 };
        let mut index = CatalogIndex::new();
        let agencies = reader.count()?;
        for _ in 0..agencies {
            index.agencies.push(reader.string()?.into());
        }
        let docs = reader.count()?;
        index.docs.reserve(docs);
        for number in 0..docs {
            let live = reader.byte()? == 1;
            if !live {
                index.docs.push(Doc::dead());
                index.dead += 1;
                continue;
            }
            let topic = reader.byte()?;
            let genre = reader.byte()?;
            let validity = reader.byte()?;
            if Topic::from_ordinal(topic).is_none()
                || Genre::from_ordinal(genre).is_none()
                || Validity::from_ordinal(validity).is_none()
            {
                return Err(IndexError::Corrupt("classification"));
            }
            let agency =
                u32::try_from(reader.varint()?).map_err(|_| IndexError::Corrupt("agency"))?;
            if agency as usize >= index.agencies.len() {
                return Err(IndexError::Corrupt("agency"));
            }
            let days = unzigzag(reader.varint()?).ok_or(IndexError::Corrupt("date"))?;
            let index_no =
                IndexNo::parse(reader.string()?).map_err(|_| IndexError::Corrupt("索引号"))?;
            let mut ends = [0u32; 4];
            for end in &mut ends {
                *end =
                    u32::try_from(reader.varint()?).map_err(|_| IndexError::Corrupt("offset"))?;
            }
            let text: Box<str> = reader.string()?.into();
            let boundaries_ok = ends.windows(2).all(|w| w[0] <= w[1])
                && ends.iter().all(|&e| text.is_char_boundary(e as usize));
            if !boundaries_ok {
                return Err(IndexError::Corrupt("offset"));
            }
            index.by_id.insert(index_no.clone(), number as u32);
            index.docs.push(Doc {
                live,
                topic,
                genre,
                validity,
                agency,
                days,
                index_no,
                ends,
                text,
            });
        }
        let grams = reader.count()?;
        index.cjk.reserve(grams);
        for _ in 0..grams {
            let key = reader.varint()?;
            let postings = reader.postings()?;
            index.cjk.insert(key, postings);
        }
        let words = reader.count()?;
        for _ in 0..words {
            let word: Box<str> = reader.string()?.into();
            let postings = reader.postings()?;
            index.words.insert(word, postings);
        }
        if reader.at != body.len() {
            return Err(IndexError::Corrupt("trailing bytes"));
        }
        Ok(index)
    }
}

/// Highlight ranges in original character positions from spans of compact positions.
fn merge_spans(hay: &[Slot], mut spans: Vec<(usize, usize)>) -> Vec<(u32, u32)> {
    spans.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for (from, to) in spans {
        let (Some(first), Some(last)) = (hay.get(from), to.checked_sub(1).and_then(|l| hay.get(l)))
        else {
            continue;
        };
        let _ = (first, last);
        // A span may jump over separators (`〔` in a 文号): mark only the characters that
        // matched, one range per unbroken run.
        let mut run_start = hay[from].pos;
        for k in from..to {
            let pos = hay[k].pos;
            let run_ends = k + 1 == to || hay[k + 1].pos != pos + 1;
            if run_ends {
                push_range(&mut out, run_start, pos + 1);
                if k + 1 < to {
                    run_start = hay[k + 1].pos;
                }
            }
        }
    }
    out
}

/// Adds a range to sorted ranges, merging it with the last one when they overlap or touch.
fn push_range(out: &mut Vec<(u32, u32)>, start: u32, end: u32) {
    match out.last_mut() {
        Some(previous) if start <= previous.1 => previous.1 = previous.1.max(end),
        _ => out.push((start, end)),
    }
}

fn zigzag(value: i32) -> u64 {
    u64::from(((value << 1) ^ (value >> 31)) as u32)
}

fn unzigzag(value: u64) -> Option<i32> {
    let value = u32::try_from(value).ok()?;
    Some(((value >> 1) as i32) ^ -((value & 1) as i32))
}

fn write_str(out: &mut Vec<u8>, text: &str) {
    write_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn write_postings(out: &mut Vec<u8>, postings: &Postings) {
    write_varint(out, u64::from(postings.len));
    write_varint(out, u64::from(postings.last));
    write_varint(out, postings.bytes.len() as u64);
    out.extend_from_slice(&postings.bytes);
}

/// FNV-1a, 32 bits: catches a truncated or damaged IndexedDB value; not a security measure.
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in bytes {
        hash = (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193);
    }
    hash
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, IndexError> {
        let byte = *self.bytes.get(self.at).ok_or(IndexError::Truncated)?;
        self.at += 1;
        Ok(byte)
    }

    fn varint(&mut self) -> Result<u64, IndexError> {
        read_varint(self.bytes, &mut self.at).ok_or(IndexError::Truncated)
    }

    /// A count, bounded by the bytes left (every counted item takes at least one byte), so a
    /// damaged count cannot make us reserve gigabytes.
    fn count(&mut self) -> Result<usize, IndexError> {
        let count = usize::try_from(self.varint()?).map_err(|_| IndexError::Corrupt("count"))?;
        if count > self.bytes.len() - self.at.min(self.bytes.len()) {
            return Err(IndexError::Corrupt("count"));
        }
        Ok(count)
    }

    fn slice(&mut self, len: usize) -> Result<&'a [u8], IndexError> {
        let end = self.at.checked_add(len).ok_or(IndexError::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(IndexError::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    fn string(&mut self) -> Result<&'a str, IndexError> {
        let len = usize::try_from(self.varint()?).map_err(|_| IndexError::Truncated)?;
        std::str::from_utf8(self.slice(len)?).map_err(|_| IndexError::Corrupt("utf-8"))
    }

    fn postings(&mut self) -> Result<Postings, IndexError> {
        let len = u32::try_from(self.varint()?).map_err(|_| IndexError::Corrupt("postings"))?;
        let last = u32::try_from(self.varint()?).map_err(|_| IndexError::Corrupt("postings"))?;
        let size = usize::try_from(self.varint()?).map_err(|_| IndexError::Truncated)?;
        let bytes = self.slice(size)?.to_vec();
        Ok(Postings { bytes, last, len })
    }
}

#[cfg(test)]
mod tests;
