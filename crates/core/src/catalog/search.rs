//! Offline full-text search over the catalog, run in the browser on the local copy (and usable
//! natively): an inverted index built from [`CatalogEntry`]s, updated entry by entry from the
//! delta feed, stored in IndexedDB as bytes ([`CatalogIndex::to_bytes`]).
//!
//! # What is indexed
//! The fields 名称, 文号, 索引号, 发布机构, 主题词 and 内容概述 ([`Field`]). Text is first
//! normalised ([`normalize_char`]): full-width ASCII (`２０２４`, `ＧＢ`) becomes half-width, Latin
//! letters lower-case, and every punctuation mark — including the 文号 brackets `〔〕` `[]` `［］`
//! `【】` — is a separator; traditional characters are folded into simplified ones (`fold.rs`,
//! OpenCC's table: 「營業執照」 is 「营业执照」), one character for one, and the texts are stored
//! so folded (positions unchanged). Then:
//! * a run of CJK characters gives its bigrams (`年度报告` → 年度 度报 报告): Chinese has no
//!   spaces, and bigrams find any substring of two or more characters; one-character queries
//!   are served by the bigrams starting with the character and a unigram of the run's last one;
//! * a run of ASCII letters and digits is one lower-cased word (`GB/T` → `gb`, `t`).
//!
//! So `国办发〔2019〕51号`, `国办发[2019]51号` and `国办发2019 51号` have the same terms.
//!
//! # Matching and ranking
//! A query is cut the same way; every query gram must occur in the entry (AND, across fields).
//! The last word of a query is a prefix (`20` finds `2024`) unless the query ends with a space.
//! What is typed without a space (or with only 文号 brackets) between is a phrase (a group:
//! `2024年`, `第3号令`, `县政办发〔2023〕`): an entry that has every phrase of the query as typed,
//! each within one field (a 文号's brackets or a space may stand between its terms), is a true
//! match, and when there are true matches only they are returned (and counted, and faceted);
//! only a query that no entry has as typed gets the scattered matches (its grams over several
//! fields or apart), ranked as below. Brackets typed around a term (`〔2023〕`) rank the true
//! matches having them (in any bracket style) above the others. A phrase is checked on the
//! masks when it is one gram, else on the stored text of the fields that have all its grams.
//! Each candidate is then scored on its stored fields: per field, the share of query grams found,
//! a bonus for terms found whole (adjacent, within a run) and, where every term's grams are, for
//! the whole query found as one phrase (separators between terms ignored), times
//! the field weight ([`Field::weight`]: 名称 and 文号 highest); an exact title adds a large bonus.
//! Documents no longer in force rank slightly lower. Ties go to the newer 发文日期, then the
//! 索引号. An empty query lists everything matching the filters, newest first.
//!
//! # Size and speed
//! Postings are sorted document numbers, delta- and varint-encoded with, per posting, the
//! fields the gram is in (`postings.rs`: one byte a posting for dense lists). A CJK run gives
//! its bigrams and only its last character's unigram (a one-character query reads the key range
//! of its bigrams). Texts live in one string arena, identical texts stored once when building;
//! the 索引号 is kept as (agency code, year, serial). Ranking (`rank.rs`) scores candidates from
//! the field masks, reads the text only of those whose score the masks leave open and that can
//! still make the page, and computes highlights for the hits of the page only (the phrases
//! where they are, for true matches). Removing or
//! updating an entry marks its old document dead (filtered out at query time) and appends a new
//! one; [`CatalogIndex::compact`] renumbers when the dead outnumber the living. See
//! `benches/catalog_search.rs` for figures at 100,000 entries.
//!
//! # Serialised form (version 3, little-endian; `format.rs`)
//! ```text
//! "GCIX"  u16 version  u16 flags(0)
//! strings: varint count, bytes (varint length + UTF-8 of all texts back to back),
//!          then each text's varint byte length; the texts of the live documents only, field
//!          by field in document order (all titles, then 文号, 主题词, 内容概述), so that a
//!          loaded index reads its candidates' titles from one stretch of memory
//! agencies, then agency codes of the 索引号: varint count, then each as bytes
//! varint document count N, N bytes live (0/1), then for the L live documents, column by column:
//!     L bytes topic, L genre, L validity (ordinals in Topic::ALL…);
//!     L varint agency, L varint code, L varint year, L varint serial;
//!     zigzag-varint deltas (from the previous live document) of: days since 0001-01-01,
//!     title, 文号, 主题词 and 内容概述 string ids
//! varint CJK key count, then per key ascending: varint key delta, bytes postings
//! varint word count, then per word ascending: varint bytes shared with the previous word,
//!     bytes rest of the word, bytes postings
//! u32 FNV-1a checksum of everything before it
//! ```
//! Loading checks every value (ids in range, postings ascending and below N, UTF-8, no
//! duplicate 索引号, nothing left over), so damaged bytes are an [`IndexError`], never a panic.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CatalogEntry, Genre, IndexNo, Topic, Validity};

mod fold;
mod format;
mod postings;
mod rank;

use postings::{FieldMask, Postings};

/// The version written in the serialised header; [`CatalogIndex::from_bytes`] refuses others
/// (the app then rebuilds the index from its entries). 3: texts and grams folded to simplified.
pub const FORMAT_VERSION: u16 = 3;

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

/// Normalises one character as the index sees it: [`normalize_char`], then traditional →
/// simplified ([`fold::fold`]). One character for one, so positions are kept.
fn index_char(c: char) -> char {
    fold::fold(normalize_char(c))
}

/// A text as the index stores it: every character through [`index_char`] (borrowed when that
/// changes nothing, as for nearly every simplified text).
fn index_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| index_char(c) == c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(index_char).collect())
    }
}

/// An opening 文号 bracket (after [`normalize_char`]): `〔2023〕`, `[2023]`, `【2023】`, `(2023)`.
fn opens(c: char) -> bool {
    matches!(c, '〔' | '[' | '【' | '(' | '〖')
}

fn closes(c: char) -> bool {
    matches!(c, '〕' | ']' | '】' | ')' | '〗')
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

/// The key of a run-final character; every bigram starting with `c` sorts right after it, up to
/// `unigram(c) | u32::MAX`.
fn unigram(c: char) -> u64 {
    u64::from(u32::from(c)) << 32
}

fn bigram(a: char, b: char) -> u64 {
    unigram(a) | u64::from(u32::from(b))
}

/// Calls `cjk` with the CJK keys of `text` and `word` with every word of it.
///
/// The keys are every bigram of each run of CJK characters, and the unigram of the run's last
/// character only: a character that is not last in its run is the first of a bigram, so a
/// one-character query is the union of the keys starting with it (a contiguous key range, see
/// [`unigram`]). That keeps one posting per run instead of one per character: about a third
/// fewer postings.
fn for_each_gram(text: &str, mut cjk: impl FnMut(u64), mut word: impl FnMut(&str)) {
    let mut previous: Option<char> = None;
    let mut buffer = String::new();
    for c in text.chars().map(index_char) {
        match class(c) {
            Class::Cjk => {
                if !buffer.is_empty() {
                    word(&buffer);
                    buffer.clear();
                }
                if let Some(p) = previous {
                    cjk(bigram(p, c));
                }
                previous = Some(c);
            }
            Class::Word => {
                if let Some(p) = previous.take() {
                    cjk(unigram(p));
                }
                buffer.push(c);
            }
            Class::Separator => {
                if let Some(p) = previous.take() {
                    cjk(unigram(p));
                }
                if !buffer.is_empty() {
                    word(&buffer);
                    buffer.clear();
                }
            }
        }
    }
    if let Some(p) = previous {
        cjk(unigram(p));
    }
    if !buffer.is_empty() {
        word(&buffer);
    }
}

/// The terms of a text as this index cuts it: runs of CJK characters and words of letters or
/// digits, normalised and folded to simplified characters ([`index_char`]), separators
/// dropped: `國辦發〔2019〕51號` → `["国办发", "2019", "51", "号"]`. The server uses it to
/// search its own tables the same way.
pub fn search_terms(text: &str) -> Vec<String> {
    prepare(text)
        .terms
        .into_iter()
        .map(|term| term.chars.into_iter().collect())
        .collect()
}

/// What [`normalize_text`] does, as a version: a store that keeps its output (the server's
/// search table) rewrites it when this changes. 2: traditional characters folded.
pub const NORMALIZED_TEXT_VERSION: u32 = 2;

/// A text normalised for substring search: [`index_char`] on each character (so traditional
/// characters are folded as in the offline index), every separator a space, and a space
/// between a CJK run and a word (so each [`search_terms`] term of the text is a substring of
/// the result).
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = Class::Separator;
    for c in text.chars().map(index_char) {
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
    /// Typed right after the previous term, with nothing or only 文号 brackets between
    /// (`2024年`, `第3号令`, `县政办发〔2023〕`): both belong to one [`Prepared::groups`] phrase.
    joined: bool,
    /// Typed right after an opening bracket (`〔2023`): a match must have one before it too.
    open: bool,
    /// Typed right before a closing bracket (`2023〕`).
    close: bool,
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
    /// The phrases typed: runs of [`Term::joined`] terms, as ranges of `terms`. A true match
    /// has each of them, as typed, in one field (see `rank.rs`).
    groups: Vec<std::ops::Range<usize>>,
    /// All terms' characters, without separators: the query as one phrase.
    compact: Vec<char>,
    units: usize,
}

impl Prepared {
    /// Whether a term asks for 文号 brackets.
    fn brackets(&self) -> bool {
        self.terms.iter().any(|t| t.open || t.close)
    }
}

/// Cuts a query into terms, each character through [`index_char`].
fn prepare(text: &str) -> Prepared {
    let mut terms: Vec<Term> = Vec::new();
    let mut current: Option<Term> = None;
    // Since the last term: only brackets (or nothing) between, and the last character.
    let mut only_brackets = true;
    let mut last = ' ';
    for c in text.chars().map(index_char) {
        let cls = class(c);
        let continues = matches!((&current, cls), (Some(t), Class::Cjk) if t.cjk)
            || matches!((&current, cls), (Some(t), Class::Word) if !t.cjk);
        if continues {
            if let Some(term) = current.as_mut() {
                term.chars.push(c);
            }
            last = c;
            continue;
        }
        if let Some(mut term) = current.take() {
            term.close = closes(c);
            terms.push(term);
        }
        if cls == Class::Separator {
            only_brackets &= opens(c) || closes(c);
        } else {
            current = Some(Term {
                chars: vec![c],
                cjk: cls == Class::Cjk,
                prefix: false,
                joined: !terms.is_empty() && only_brackets,
                open: opens(last),
                close: false,
            });
            only_brackets = true;
        }
        last = c;
    }
    if let Some(mut term) = current.take() {
        // Still being typed: the last word (not followed by a separator) is a prefix.
        term.prefix = !term.cjk;
        terms.push(term);
    }
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (n, term) in terms.iter().enumerate() {
        match groups.last_mut() {
            Some(group) if term.joined => group.end = n + 1,
            _ => groups.push(n..n + 1),
        }
    }
    let compact = terms.iter().flat_map(|t| t.chars.iter().copied()).collect();
    let units = terms.iter().map(Term::units).sum();
    Prepared {
        terms,
        groups,
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
    /// Right after an opening bracket ([`opens`]).
    open: bool,
    /// Right before a closing bracket ([`closes`]).
    close: bool,
}

fn compact_into(text: &str, out: &mut Vec<Slot>) {
    out.clear();
    let mut previous = ' ';
    for (pos, c) in text.chars().enumerate() {
        let c = index_char(c);
        match class(c) {
            Class::Separator => {
                if closes(c)
                    && let Some(slot) = out.last_mut()
                    && slot.pos + 1 == pos as u32
                {
                    slot.close = true;
                }
            }
            cls => out.push(Slot {
                c,
                pos: pos as u32,
                word: cls == Class::Word,
                open: opens(previous),
                close: false,
            }),
        }
        previous = c;
    }
}

/// How many characters (separators) a phrase may skip between two joined terms in a text:
/// `县政办发〔2023〕` for `县政办发2023`, `2024 年` for `2024年`.
const MAX_GAP: u32 = 2;

/// Whether the group `group` of the query is in `hay` as typed: its terms in order, each
/// contiguous, joined terms at most [`MAX_GAP`] characters apart, words whole (the last one
/// while typed a prefix). Returns (found, found with the brackets the query asks for), and
/// adds the spans of every occurrence to `spans` when given.
fn group_in(
    hay: &[Slot],
    prepared: &Prepared,
    group: &std::ops::Range<usize>,
    mut spans: Option<&mut Vec<(usize, usize)>>,
) -> (bool, bool) {
    let Some(terms) = prepared.terms.get(group.clone()) else {
        return (false, false);
    };
    let Some(first) = terms.first() else {
        return (false, false);
    };
    let (mut found, mut bracketed) = (false, false);
    let mut start = 0;
    while start < hay.len() {
        // The first term's first character, quickly.
        let Some(offset) = hay[start..]
            .iter()
            .position(|s| Some(&s.c) == first.chars.first())
        else {
            break;
        };
        start += offset;
        let mut at = start;
        let mut brackets = true;
        let mut ok = true;
        for (n, term) in terms.iter().enumerate() {
            let len = term.chars.len();
            let Some(window) = hay.get(at..at + len) else {
                ok = false;
                break;
            };
            let gap_ok = n == 0
                || hay
                    .get(at - 1)
                    .is_some_and(|p| window[0].pos > p.pos && window[0].pos - p.pos <= MAX_GAP + 1);
            if !gap_ok
                || !window.iter().zip(&term.chars).all(|(slot, c)| slot.c == *c)
                || !window.windows(2).all(|w| w[0].pos + 1 == w[1].pos)
                || (!term.cjk
                    && (!word_starts(hay, at) || (!term.prefix && !word_ends(hay, at + len - 1))))
            {
                ok = false;
                break;
            }
            brackets &= (!term.open || window[0].open) && (!term.close || window[len - 1].close);
            at += len;
        }
        if ok {
            found = true;
            bracketed |= brackets;
            match spans.as_deref_mut() {
                Some(spans) => spans.push((start, at)),
                None if bracketed || !prepared.brackets() => break,
                None => {}
            }
        }
        start += 1;
    }
    (found, bracketed)
}

/// Start positions (in `hay`) of every occurrence of `needle`. A `contiguous` occurrence has
/// no separator inside (as the index's grams): a query term must match as the index saw it, so
/// that what the postings say about a field is exactly what the text says. A phrase (the whole
/// query) may jump over separators (`国办发〔2019〕51号`).
fn occurrences(
    hay: &[Slot],
    needle: &[char],
    contiguous: bool,
    mut accept: impl FnMut(usize) -> bool,
) -> Vec<usize> {
    let mut found = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return found;
    }
    for start in 0..=hay.len() - needle.len() {
        let window = &hay[start..start + needle.len()];
        if window.iter().zip(needle).all(|(slot, c)| slot.c == *c)
            && (!contiguous || window.windows(2).all(|w| w[0].pos + 1 == w[1].pos))
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

// ------------------------------------------------------------------------------ the index

/// Every indexed text, back to back in one string: one allocation instead of one per field,
/// and identical texts (a keyword list, a boilerplate summary) stored once when the index is
/// built or compacted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Strings {
    text: String,
    /// End (byte offset in `text`) of each string; a string starts where the previous ends.
    ends: Vec<u32>,
}

impl Strings {
    fn get(&self, id: u32) -> &str {
        let id = id as usize;
        let start = match id.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or_default(),
            None => 0,
        };
        let end = self.ends.get(id).copied().unwrap_or_default();
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// Stores `text`, reusing an identical stored string found through `dedup` (a map from
    /// [`fnv1a64`] to id, kept while the index grows: see [`Dedup`]).
    fn add(&mut self, text: &str, dedup: Option<&mut HashMap<u64, u32>>) -> u32 {
        let hash = fnv1a64(text.as_bytes());
        if let Some(map) = &dedup
            && let Some(&id) = map.get(&hash)
            && self.get(id) == text
        {
            return id;
        }
        let id = self.ends.len() as u32;
        self.text.push_str(text);
        self.ends.push(self.text.len() as u32);
        if let Some(map) = dedup {
            map.entry(hash).or_insert(id);
        }
        id
    }

    fn heap_size(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 4
    }
}

/// One indexed entry (or a dead slot once removed): classifications, date, where its texts
/// are. 44 bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Doc {
    /// 发文日期 as days since 0001-01-01 (chrono's `num_days_from_ce`).
    days: i32,
    /// [`Strings`] ids of 名称, 文号 (empty if none), 主题词 (joined) and 内容概述.
    title: u32,
    doc_no: u32,
    keywords: u32,
    summary: u32,
    /// The 索引号 in parts: agency code (in `codes`), year, serial number; it has exactly the
    /// shape [`IndexNo::parse`] accepts, so the text is rebuilt without loss.
    code: u32,
    serial: u32,
    year: u16,
    agency: u32,
    topic: u8,
    genre: u8,
    validity: u8,
    live: bool,
    /// The title's first character as compared with a query ([`title_head`]): the title
    /// bonus is looked for in the text only when it matches, which spares a broad query a
    /// random read of every candidate's title. Derived, not serialised.
    head: char,
}

/// The first character of a text after normalisation, separators skipped (`'\0'` if none).
fn title_head(title: &str) -> char {
    title
        .chars()
        .map(index_char)
        .find(|c| class(*c) != Class::Separator)
        .unwrap_or('\0')
}

impl Doc {
    fn dead() -> Doc {
        Doc {
            days: 0,
            title: 0,
            doc_no: 0,
            keywords: 0,
            summary: 0,
            code: 0,
            serial: 0,
            year: 0,
            agency: 0,
            topic: 0,
            genre: 0,
            validity: 0,
            live: false,
            head: '\0',
        }
    }
}

/// The texts and classifications of an entry about to be indexed (from a [`CatalogEntry`], or
/// from the index itself when compacting).
struct DocInput<'a> {
    title: &'a str,
    doc_no: &'a str,
    code: &'a str,
    year: u16,
    serial: u32,
    agency: &'a str,
    keywords: &'a str,
    summary: &'a str,
    topic: u8,
    genre: u8,
    validity: u8,
    days: i32,
}

/// Splits a 索引号 into agency code, year and serial (`None` if it lacks that shape, which
/// [`IndexNo::parse`] rules out).
fn split_index_no(text: &str) -> Option<(&str, u16, u32)> {
    let (code, rest) = text.split_once('/')?;
    let (year, serial) = rest.split_once('-')?;
    Some((code, year.parse().ok()?, serial.parse().ok()?))
}

fn format_index_no(code: &str, year: u16, serial: u32) -> String {
    format!("{code}/{year:04}-{serial:05}")
}

/// Which filters a document passes, resolved once per query.
#[derive(Debug, Clone, Copy)]
struct FilterPlan {
    topic: Option<u8>,
    genre: Option<u8>,
    validity: Option<u8>,
    /// `Some(None)`: an agency that no document has.
    agency: Option<Option<u32>>,
    days: Option<(i32, i32)>,
}

/// A facet dimension, as a bit of [`FilterPlan::failures`].
const F_TOPIC: u8 = 1;
const F_GENRE: u8 = 2;
const F_AGENCY: u8 = 4;
const F_YEAR: u8 = 8;
const F_VALIDITY: u8 = 16;

impl FilterPlan {
    /// The dimensions whose filter `doc` fails (0: it passes them all).
    fn failures(&self, doc: &Doc) -> u8 {
        let mut failed = 0;
        if self.topic.is_some_and(|t| t != doc.topic) {
            failed |= F_TOPIC;
        }
        if self.genre.is_some_and(|g| g != doc.genre) {
            failed |= F_GENRE;
        }
        if self.validity.is_some_and(|v| v != doc.validity) {
            failed |= F_VALIDITY;
        }
        if self.agency.is_some_and(|a| a != Some(doc.agency)) {
            failed |= F_AGENCY;
        }
        if self
            .days
            .is_some_and(|(from, to)| !(from..to).contains(&doc.days))
        {
            failed |= F_YEAR;
        }
        failed
    }

    fn passes(&self, doc: &Doc) -> bool {
        doc.live && self.failures(doc) == 0
    }
}

/// The search index of a catalog. See the [module documentation](self).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogIndex {
    docs: Vec<Doc>,
    strings: Strings,
    agencies: Vec<Box<str>>,
    /// Agency codes of the 索引号 (a few dozen).
    codes: Vec<Box<str>>,
    /// CJK keys ([`bigram`], [`unigram`]) in key order: a one-character query reads a range.
    cjk: BTreeMap<u64, Postings>,
    words: BTreeMap<Box<str>, Postings>,
    /// [`fnv1a64`] of a live 索引号 → its document (rebuilt on load, not serialised). A second
    /// 索引号 with the same hash, astronomically unlikely, goes to `collided`.
    by_id: HashMap<u64, u32>,
    collided: Vec<u32>,
    live: usize,
    dead: usize,
    /// Shares identical strings while the index grows (see [`Dedup`]); dropped by
    /// [`CatalogIndex::seal`].
    dedup: Dedup,
}

/// [`fnv1a64`] of a stored string → its id, so that an added entry reuses identical texts
/// (summaries and keywords repeat a great deal). Only for growing: it is not part of the index's
/// value, so two indexes of the same documents are equal whether they still hold it or not.
#[derive(Debug, Clone, Default)]
struct Dedup(HashMap<u64, u32>);

impl PartialEq for Dedup {
    fn eq(&self, _: &Dedup) -> bool {
        true
    }
}

impl Eq for Dedup {}

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
        index.seal();
        index
    }

    /// Drops what only growing needs: the map that shares identical strings and the spare
    /// capacity of every list. Call it when a run of additions is over (after a build from
    /// stored entries, before caching the bytes); later additions still work, sharing strings
    /// only among themselves.
    pub fn seal(&mut self) {
        self.dedup = Dedup::default();
        self.docs.shrink_to_fit();
        self.strings.text.shrink_to_fit();
        self.strings.ends.shrink_to_fit();
        for postings in self.cjk.values_mut().chain(self.words.values_mut()) {
            postings.bytes.shrink_to_fit();
        }
        self.by_id.shrink_to_fit();
        self.collided.shrink_to_fit();
    }

    /// How many entries are indexed.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether no entry is indexed.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Whether an entry is indexed.
    pub fn contains(&self, index_no: &IndexNo) -> bool {
        self.find(index_no).is_some()
    }

    /// Adds an entry, or replaces the indexed entry with the same 索引号 (an update from the
    /// delta feed).
    pub fn upsert(&mut self, entry: &CatalogEntry) {
        let mut dedup = std::mem::take(&mut self.dedup.0);
        self.upsert_with(entry, &mut dedup);
        self.dedup.0 = dedup;
    }

    fn upsert_with(&mut self, entry: &CatalogEntry, dedup: &mut HashMap<u64, u32>) {
        self.remove_quietly(&entry.index_no);
        let Some((code, year, serial)) = split_index_no(entry.index_no.as_str()) else {
            // Unreachable for a parsed IndexNo; an entry we cannot identify is not indexed.
            return;
        };
        let keywords = entry.keywords.join(KEYWORD_SEPARATOR);
        self.push_doc(
            DocInput {
                title: &entry.title,
                doc_no: entry.doc_no.as_deref().unwrap_or_default(),
                code,
                year,
                serial,
                agency: &entry.agency,
                keywords: &keywords,
                summary: &entry.summary,
                topic: entry.topic.ordinal(),
                genre: entry.genre.ordinal(),
                validity: entry.validity.ordinal(),
                days: chrono::Datelike::num_days_from_ce(&entry.issued_on),
            },
            Some(dedup),
        );
    }

    /// Removes an entry (a deletion from the delta feed); `false` if it was not indexed.
    pub fn remove(&mut self, index_no: &IndexNo) -> bool {
        let removed = self.remove_quietly(index_no);
        // Renumber once the dead outnumber the living: queries would spend most time skipping.
        if removed && self.dead > 1024 && self.dead > self.live {
            self.compact();
        }
        removed
    }

    /// The live document with this 索引号.
    fn find(&self, index_no: &IndexNo) -> Option<u32> {
        let (code, year, serial) = split_index_no(index_no.as_str())?;
        let is = |n: u32| {
            self.docs.get(n as usize).is_some_and(|d| {
                d.live
                    && d.year == year
                    && d.serial == serial
                    && self
                        .codes
                        .get(d.code as usize)
                        .is_some_and(|c| &**c == code)
            })
        };
        let hash = fnv1a64(index_no.as_str().as_bytes());
        match self.by_id.get(&hash) {
            Some(&n) if is(n) => Some(n),
            _ => self.collided.iter().copied().find(|&n| is(n)),
        }
    }

    fn remove_quietly(&mut self, index_no: &IndexNo) -> bool {
        let Some(number) = self.find(index_no) else {
            return false;
        };
        let hash = fnv1a64(index_no.as_str().as_bytes());
        if self.by_id.get(&hash) == Some(&number) {
            self.by_id.remove(&hash);
        }
        self.collided.retain(|&n| n != number);
        if let Some(doc) = self.docs.get_mut(number as usize) {
            *doc = Doc::dead();
            self.dead += 1;
            self.live -= 1;
        }
        true
    }

    /// Rebuilds the postings and texts without the removed entries (smaller, faster). Called
    /// by [`Self::remove`] when needed; call it before [`Self::to_bytes`] to store the smallest
    /// form.
    pub fn compact(&mut self) {
        if self.dead == 0 {
            return;
        }
        let old = std::mem::take(self);
        let mut dedup = HashMap::new();
        // Agencies and codes are interned afresh too, so that a compacted index equals one
        // built from the same entries.
        for doc in old.docs.iter().filter(|d| d.live) {
            let text = |id| old.strings.get(id);
            let name = |table: &[Box<str>], n: u32| {
                table
                    .get(n as usize)
                    .map_or(String::new(), |s| s.to_string())
            };
            let (agency, code) = (name(&old.agencies, doc.agency), name(&old.codes, doc.code));
            self.push_doc(
                DocInput {
                    title: text(doc.title),
                    doc_no: text(doc.doc_no),
                    code: &code,
                    year: doc.year,
                    serial: doc.serial,
                    agency: &agency,
                    keywords: text(doc.keywords),
                    summary: text(doc.summary),
                    topic: doc.topic,
                    genre: doc.genre,
                    validity: doc.validity,
                    days: doc.days,
                },
                Some(&mut dedup),
            );
        }
        self.seal();
    }

    fn intern(table: &mut Vec<Box<str>>, name: &str) -> u32 {
        match table.iter().position(|a| &**a == name) {
            Some(n) => n as u32,
            None => {
                table.push(name.into());
                (table.len() - 1) as u32
            }
        }
    }

    /// Indexes a document under the next number.
    fn push_doc(&mut self, input: DocInput<'_>, mut dedup: Option<&mut HashMap<u64, u32>>) {
        let number = self.docs.len() as u32;
        let index_no = format_index_no(input.code, input.year, input.serial);
        let mut grams: Vec<(u64, FieldMask)> = Vec::new();
        let mut words: Vec<(String, FieldMask)> = Vec::new();
        // Field by field: a gram or a word never straddles two fields. The agency's grams are
        // indexed with no field bit (see `postings::FieldMask`).
        for (text, bit) in [
            (input.title, postings::TITLE),
            (input.doc_no, postings::DOC_NO),
            (index_no.as_str(), postings::INDEX_NO),
            (input.agency, 0),
            (input.keywords, postings::KEYWORDS),
            (input.summary, postings::SUMMARY),
        ] {
            for_each_gram(
                text,
                |g| grams.push((g, bit)),
                |w| words.push((w.to_string(), bit)),
            );
        }
        grams.sort_unstable();
        words.sort_unstable();
        let mut grams = grams.into_iter().peekable();
        while let Some((gram, mut mask)) = grams.next() {
            while let Some((_, more)) = grams.next_if(|(g, _)| *g == gram) {
                mask |= more;
            }
            self.cjk.entry(gram).or_default().push(number, mask);
        }
        let mut words = words.into_iter().peekable();
        while let Some((word, mut mask)) = words.next() {
            while let Some((_, more)) = words.next_if(|(w, _)| *w == word) {
                mask |= more;
            }
            match self.words.get_mut(word.as_str()) {
                Some(postings) => postings.push(number, mask),
                None => {
                    let mut postings = Postings::default();
                    postings.push(number, mask);
                    self.words.insert(word.into_boxed_str(), postings);
                }
            }
        }
        let doc = Doc {
            days: input.days,
            // Stored as the index sees them (folded, normalised), so that a phrase is checked
            // with a plain substring search; positions are those of the original.
            title: self
                .strings
                .add(&index_text(input.title), dedup.as_deref_mut()),
            doc_no: self
                .strings
                .add(&index_text(input.doc_no), dedup.as_deref_mut()),
            keywords: self
                .strings
                .add(&index_text(input.keywords), dedup.as_deref_mut()),
            summary: self.strings.add(&index_text(input.summary), dedup),
            code: Self::intern(&mut self.codes, input.code),
            serial: input.serial,
            year: input.year,
            agency: Self::intern(&mut self.agencies, input.agency),
            topic: input.topic,
            genre: input.genre,
            validity: input.validity,
            live: true,
            head: title_head(input.title),
        };
        self.docs.push(doc);
        self.register(number, &index_no);
    }

    /// Makes a live document findable by its 索引号.
    fn register(&mut self, number: u32, index_no: &str) {
        let hash = fnv1a64(index_no.as_bytes());
        match self.by_id.entry(hash) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(number);
            }
            std::collections::hash_map::Entry::Occupied(_) => self.collided.push(number),
        }
        self.live += 1;
    }

    /// The 索引号 of a document.
    fn index_no(&self, doc: &Doc) -> IndexNo {
        let code = self.codes.get(doc.code as usize).map_or("", |c| &**c);
        IndexNo(format_index_no(code, doc.year, doc.serial))
    }

    /// The text of a field of a document (`scratch` holds the rebuilt 索引号).
    fn field_text<'a>(&'a self, doc: &Doc, field: Field, scratch: &'a mut String) -> &'a str {
        match field {
            Field::Title => self.strings.get(doc.title),
            Field::DocNo => self.strings.get(doc.doc_no),
            Field::IndexNo => {
                use std::fmt::Write as _;
                scratch.clear();
                let code = self.codes.get(doc.code as usize).map_or("", |c| &**c);
                let _ = write!(scratch, "{code}/{:04}-{:05}", doc.year, doc.serial);
                scratch
            }
            Field::Agency => self.agencies.get(doc.agency as usize).map_or("", |a| &**a),
            Field::Keywords => self.strings.get(doc.keywords),
            Field::Summary => self.strings.get(doc.summary),
        }
    }

    fn filter_plan(&self, filters: &Filters) -> FilterPlan {
        FilterPlan {
            topic: filters.topic.map(Topic::ordinal),
            genre: filters.genre.map(Genre::ordinal),
            validity: filters.validity.map(Validity::ordinal),
            agency: filters.agency.as_deref().map(|name| {
                self.agencies
                    .iter()
                    .position(|a| &**a == name)
                    .map(|n| n as u32)
            }),
            days: filters.year.map(|year| {
                let day = |y: i32| {
                    NaiveDate::from_ymd_opt(y, 1, 1)
                        .map(|d| chrono::Datelike::num_days_from_ce(&d))
                        .unwrap_or_default()
                };
                (day(i32::from(year)), day(i32::from(year) + 1))
            }),
        }
    }

    /// An estimate of the heap memory held by the index, in bytes.
    pub fn heap_size(&self) -> usize {
        // A B-tree node holds up to 11 entries; count each entry's share of its node.
        let tree_entry = |key: usize| key + std::mem::size_of::<Postings>() + 8;
        let cjk: usize = self
            .cjk
            .values()
            .map(|p| tree_entry(8) + p.heap_size())
            .sum();
        let words: usize = self
            .words
            .iter()
            .map(|(w, p)| tree_entry(16) + w.len() + p.heap_size())
            .sum();
        // hashbrown: the slot plus a control byte, at up to 7/8 load.
        let by_id = (self.by_id.capacity() + self.dedup.0.capacity()) * (12 + 1)
            + self.collided.capacity() * 4;
        let tables: usize = self
            .agencies
            .iter()
            .chain(&self.codes)
            .map(|a| 16 + a.len())
            .sum();
        self.docs.capacity() * std::mem::size_of::<Doc>()
            + self.strings.heap_size()
            + cjk
            + words
            + by_id
            + tables
    }
}

/// FNV-1a, 64 bits: the key of the 索引号 map and of string deduplication (both check the text).
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
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

#[cfg(test)]
mod tests;
