//! Matching and ranking: the query's grams are intersected with their field masks, then every
//! candidate gets a score interval from the masks alone, and only the candidates that could
//! reach the requested page are looked at in their text.
//!
//! The score of a field depends on how many query grams it has (`found`, exact from the
//! masks), on which terms it has whole (`whole`: exact from the masks for a term of one gram;
//! a longer CJK term whose bigrams are all there may or may not be adjacent), on the whole
//! query as one phrase (multi-term queries only) and, for the title, on whether it is or starts
//! with the query (checked on the title text, which is short). The unknowns give each candidate
//! a lower and an upper bound; the k-th best lower bound (k = the end of the page) is a
//! threshold under which an upper bound cannot make the page, and only the candidates above it
//! that still have unknowns are scored on their text. A broad query (通知, 18,000 candidates at
//! county scale) thus costs a pass over its postings, not 18,000 text scans.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::postings::{self, FieldMask, Postings};
use super::{
    CatalogIndex, Doc, Field, FieldHighlights, Hit, Prepared, SearchPage, SearchQuery, Slot,
    Validity, bigram, compact_into, group_in, index_char, merge_spans, occurrences, prepare,
    unigram, word_ends, word_starts,
};

/// One distinct gram of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Gram {
    /// A CJK bigram key.
    Key(u64),
    /// A one-character CJK term: the union of the keys starting with it.
    Char(char),
    /// A whole word.
    Word(String),
    /// The last word while typing: the union of the words starting with it.
    Prefix(String),
}

/// A query cut into grams, with what each term needs.
struct Plan {
    prepared: Prepared,
    grams: Vec<Gram>,
    /// Per term, the indices in `grams` of its grams (a CJK term of n ≥ 2 characters: its
    /// n − 1 bigrams in order, repeats kept).
    term_grams: Vec<Vec<usize>>,
    /// Per group of `prepared.groups`, what checks it in a field (see [`GroupCheck`]).
    group_checks: Vec<GroupCheck>,
    /// Whether the query asks for 文号 brackets somewhere.
    brackets: bool,
    total_units: f32,
    multi: bool,
}

/// How a group of the query (a phrase as typed) is checked in a field of a candidate.
#[derive(Debug, Clone)]
struct GroupCheck {
    /// Its grams (indices in `Plan::grams`): a field that lacks one lacks the group.
    grams: Vec<usize>,
    /// One gram and no brackets asked for: the masks alone say where the group is.
    exact: bool,
    /// One CJK run of three characters or more and no brackets: a substring of the stored
    /// (folded) text, checked as such.
    pattern: Option<Needle>,
}

/// A substring searched for in many short texts (a phrase check reads thousands of titles):
/// Horspool's skip table, built once per query. `str::contains` prepares its searcher on every
/// call, and its vectorised path exists only on x86-64, not in the browser's wasm.
#[derive(Debug, Clone)]
struct Needle {
    bytes: Box<[u8]>,
    /// Per byte value, how far the window may move when that byte ends it unmatched.
    skip: Box<[u8; 256]>,
}

impl Needle {
    fn new(text: &str) -> Needle {
        let bytes: Box<[u8]> = text.as_bytes().into();
        let len = bytes.len();
        let mut skip = Box::new([u8::try_from(len).unwrap_or(u8::MAX); 256]);
        for (i, b) in bytes.iter().enumerate().take(len.saturating_sub(1)) {
            skip[usize::from(*b)] = u8::try_from(len - 1 - i).unwrap_or(u8::MAX);
        }
        Needle { bytes, skip }
    }

    fn is_in(&self, hay: &str) -> bool {
        let (hay, needle) = (hay.as_bytes(), &*self.bytes);
        let Some(last) = needle.len().checked_sub(1) else {
            return true;
        };
        let mut at = 0;
        while let Some(window) = hay.get(at..at + needle.len()) {
            let end = window[last];
            if end == needle[last] && window == needle {
                return true;
            }
            at += usize::from(self.skip[usize::from(end)]).max(1);
        }
        false
    }
}

/// The most groups whose matching is tracked (bits of a `u64`); a longer query is ranked as
/// one whose every group is found as typed.
const MAX_GROUPS: usize = 64;

/// Added to the score of an entry that has every group with the 文号 brackets the query asks
/// for: above any other score, so that 「〔2023〕」 lists the documents numbered 〔2023〕 first.
const BRACKETS_BONUS: f32 = 1000.0;

/// Where a group's text is checked, cheapest and likeliest first. 发布机构 is checked per
/// agency name, once per query.
const CHECK_ORDER: [(Field, FieldMask); 5] = [
    (Field::Title, postings::TITLE),
    (Field::DocNo, postings::DOC_NO),
    (Field::Keywords, postings::KEYWORDS),
    (Field::IndexNo, postings::INDEX_NO),
    (Field::Summary, postings::SUMMARY),
];

impl Plan {
    fn new(text: &str) -> Plan {
        let prepared = prepare(text);
        let mut grams: Vec<Gram> = Vec::new();
        let mut index_of = |gram: Gram| match grams.iter().position(|g| *g == gram) {
            Some(n) => n,
            None => {
                grams.push(gram);
                grams.len() - 1
            }
        };
        let term_grams = prepared
            .terms
            .iter()
            .map(|term| {
                if term.cjk && term.chars.len() > 1 {
                    term.chars
                        .windows(2)
                        .map(|w| index_of(Gram::Key(bigram(w[0], w[1]))))
                        .collect()
                } else if term.cjk {
                    term.chars
                        .first()
                        .map(|c| index_of(Gram::Char(*c)))
                        .into_iter()
                        .collect()
                } else {
                    let word: String = term.chars.iter().collect();
                    vec![index_of(if term.prefix {
                        Gram::Prefix(word)
                    } else {
                        Gram::Word(word)
                    })]
                }
            })
            .collect::<Vec<Vec<usize>>>();
        let brackets = prepared.brackets();
        let group_checks = prepared
            .groups
            .iter()
            .map(|group| {
                let mut grams: Vec<usize> = term_grams
                    .get(group.clone())
                    .unwrap_or_default()
                    .iter()
                    .flatten()
                    .copied()
                    .collect();
                grams.sort_unstable();
                grams.dedup();
                let terms = prepared.terms.get(group.clone()).unwrap_or_default();
                let single = match terms {
                    [term] if !term.open && !term.close => Some(term),
                    _ => None,
                };
                GroupCheck {
                    exact: single.is_some() && grams.len() == 1,
                    pattern: single
                        .filter(|t| t.cjk && t.chars.len() > 2)
                        .map(|t| Needle::new(&t.chars.iter().collect::<String>())),
                    grams,
                }
            })
            .collect();
        Plan {
            group_checks,
            brackets,
            total_units: prepared.units.max(1) as f32,
            multi: prepared.terms.len() > 1,
            prepared,
            grams,
            term_grams,
        }
    }
}

/// What a field contributes: the inputs of the ranking formula of the module documentation.
#[derive(Debug, Clone, Copy, Default)]
struct FieldEval {
    found: u32,
    whole: u32,
    phrase: bool,
    title_bonus: f32,
}

impl FieldEval {
    /// The field's score before its weight. The arithmetic is the same whether the inputs come
    /// from the masks or the text, so both give bit-identical scores.
    fn value(&self, total_units: f32) -> f32 {
        if self.found == 0 {
            return 0.0;
        }
        let mut score = self.found as f32 / total_units + 0.5 * self.whole as f32 / total_units;
        if self.phrase {
            score += 0.5;
        }
        score + self.title_bonus
    }
}

/// What the masks leave open about one field of one candidate.
#[derive(Debug, Clone, Copy, Default)]
struct MaskEval {
    known: FieldEval,
    /// Units of the CJK terms whose bigrams are all in the field but maybe not adjacent.
    maybe_whole: u32,
    maybe_phrase: bool,
}

impl MaskEval {
    fn certain(&self) -> bool {
        self.maybe_whole == 0 && !self.maybe_phrase
    }
}

/// The masked fields, in the order of [`Field::ALL`] less the agency.
const MASKED: [(Field, FieldMask); 5] = [
    (Field::Title, postings::TITLE),
    (Field::DocNo, postings::DOC_NO),
    (Field::IndexNo, postings::INDEX_NO),
    (Field::Keywords, postings::KEYWORDS),
    (Field::Summary, postings::SUMMARY),
];

/// A candidate of the ranking.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    doc: u32,
    /// Row in the mask matrix.
    row: u32,
    score: f32,
    upper: f32,
    /// The sort key of `score` (see [`CatalogIndex::search`]).
    key: u128,
    /// The sort key of `upper`.
    upper_key: u128,
    /// [`BRACKETS_BONUS`] or 0, part of `score` and `upper`.
    bonus: f32,
}

/// A candidate ordered by its upper bound's key alone.
struct ByUpper(Ranked);

impl PartialEq for ByUpper {
    fn eq(&self, other: &ByUpper) -> bool {
        self.0.upper_key == other.0.upper_key
    }
}

impl Eq for ByUpper {}

impl PartialOrd for ByUpper {
    fn partial_cmp(&self, other: &ByUpper) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ByUpper {
    fn cmp(&self, other: &ByUpper) -> std::cmp::Ordering {
        self.0.upper_key.cmp(&other.0.upper_key)
    }
}

/// A hasher for the small integer keys of the ranking's memo: one multiply, no SipHash.
#[derive(Default)]
struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        let mixed = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = mixed ^ mixed >> 29;
    }
}

/// What [`CatalogIndex::matching`] found.
struct Matches {
    docs: Vec<u32>,
    masks: Vec<FieldMask>,
    /// Per document, its [`CatalogIndex::tier`].
    tiers: Vec<u8>,
    /// Whether the documents are the true matches (every group as typed in one field), not
    /// scattered ones.
    phrases: bool,
}

/// Keeps the best `k` of `ranked`, best first.
fn top(ranked: &mut Vec<Ranked>, k: usize) {
    if k < ranked.len() {
        ranked.select_nth_unstable_by(k, |a, b| b.key.cmp(&a.key));
        ranked.truncate(k);
    }
    ranked.sort_unstable_by_key(|r| std::cmp::Reverse(r.key));
}

/// Reusable scratch space of one search.
#[derive(Default)]
struct Scratch {
    slots: Vec<Slot>,
    text: String,
}

impl CatalogIndex {
    /// The live documents having every gram of the plan, ascending, with their
    /// field masks: row `r` of the returned matrix is `masks[r * grams .. (r + 1) * grams]`.
    fn candidates(&self, plan: &Plan) -> (Vec<u32>, Vec<FieldMask>) {
        let width = plan.grams.len();
        enum Source<'a> {
            List(&'a Postings),
            Owned(Vec<(u32, FieldMask)>),
        }
        let mut sources: Vec<(usize, Source<'_>)> = Vec::with_capacity(width);
        for (g, gram) in plan.grams.iter().enumerate() {
            let source = match gram {
                Gram::Key(key) => self.cjk.get(key).map(Source::List),
                Gram::Word(word) => self.words.get(word.as_str()).map(Source::List),
                Gram::Char(c) => {
                    let from = unigram(*c);
                    Some(Source::Owned(
                        self.union(
                            self.cjk
                                .range(from..=from | u64::from(u32::MAX))
                                .map(|(_, p)| p),
                        ),
                    ))
                }
                Gram::Prefix(word) => Some(Source::Owned(
                    self.union(
                        self.words
                            .range::<str, _>((
                                std::ops::Bound::Included(word.as_str()),
                                std::ops::Bound::Unbounded,
                            ))
                            .take_while(|(key, _)| key.starts_with(word.as_str()))
                            .map(|(_, p)| p),
                    ),
                )),
            };
            match source {
                Some(source) => sources.push((g, source)),
                None => return (Vec::new(), Vec::new()),
            }
        }
        let len = |s: &Source<'_>| match s {
            Source::List(p) => p.len as usize,
            Source::Owned(v) => v.len(),
        };
        // Smallest first: the candidate set only shrinks, and each later list is only walked.
        sources.sort_by_key(|(_, s)| len(s));
        let mut sources = sources.into_iter();
        let Some((first_gram, first)) = sources.next() else {
            return (Vec::new(), Vec::new());
        };
        let mut docs: Vec<u32> = Vec::new();
        let mut masks: Vec<FieldMask> = Vec::new();
        // Without removed documents every posting is live: no need to read the documents.
        let all_live = self.dead == 0;
        let mut take = |(doc, mask): (u32, FieldMask)| {
            if all_live || self.docs.get(doc as usize).is_some_and(|d| d.live) {
                docs.push(doc);
                let row = masks.len();
                masks.resize(row + width, 0);
                masks[row + first_gram] = mask;
            }
        };
        match &first {
            Source::List(p) => p.iter().for_each(&mut take),
            Source::Owned(v) => v.iter().copied().for_each(&mut take),
        }
        for (g, source) in sources {
            if docs.is_empty() {
                break;
            }
            match &source {
                Source::List(p) => intersect(&mut docs, &mut masks, width, g, p.iter()),
                Source::Owned(v) => intersect(&mut docs, &mut masks, width, g, v.iter().copied()),
            }
        }
        (docs, masks)
    }

    /// The live documents matching a query, before its filters: those having every gram of the
    /// plan (AND, across fields), then, if any of them has every group of the query as typed
    /// in one field ([`Self::tier`] above 0), only those — a scattered match is kept only when
    /// nothing better exists. With their mask matrix (as [`Self::candidates`]) and tiers.
    fn matching(&self, plan: &Plan, scratch: &mut Scratch) -> Matches {
        let (mut docs, mut masks) = self.candidates(plan);
        let width = plan.grams.len();
        let agency_groups = self.agency_groups(plan, scratch);
        let mut tiers: Vec<u8> = docs
            .iter()
            .enumerate()
            .map(|(r, &n)| {
                let row = masks.get(r * width..(r + 1) * width).unwrap_or_default();
                // The usual case (each group one gram, in a field) is settled without reading
                // the document: at 100,000 entries that read is what a broad query waits on.
                let settled = plan.group_checks.iter().all(|check| {
                    check.exact
                        && check.grams.iter().fold(postings::ALL_BITS, |fields, &g| {
                            fields & row.get(g).copied().unwrap_or_default()
                        }) != 0
                });
                match self.docs.get(n as usize) {
                    _ if settled => 1,
                    Some(doc) => self.tier(plan, doc, row, &agency_groups, scratch),
                    None => 0,
                }
            })
            .collect();
        let phrases = tiers.iter().any(|&t| t > 0);
        if phrases {
            let mut kept = 0;
            for r in 0..docs.len() {
                if tiers[r] > 0 {
                    docs[kept] = docs[r];
                    tiers[kept] = tiers[r];
                    if kept != r {
                        masks.copy_within(r * width..(r + 1) * width, kept * width);
                    }
                    kept += 1;
                }
            }
            docs.truncate(kept);
            tiers.truncate(kept);
            masks.truncate(kept * width);
        }
        Matches {
            docs,
            masks,
            tiers,
            phrases,
        }
    }

    /// Per agency name, the groups of the query found in it (bits), and those found with the
    /// brackets asked for.
    fn agency_groups(&self, plan: &Plan, scratch: &mut Scratch) -> Vec<(u64, u64)> {
        self.agencies
            .iter()
            .map(|name| {
                compact_into(name, &mut scratch.slots);
                let mut bits = (0u64, 0u64);
                for (g, group) in plan.prepared.groups.iter().enumerate().take(MAX_GROUPS) {
                    let (found, bracketed) = group_in(&scratch.slots, &plan.prepared, group, None);
                    bits.0 |= u64::from(found) << g;
                    bits.1 |= u64::from(bracketed) << g;
                }
                bits
            })
            .collect()
    }

    /// How a candidate matches: 0 when some group of the query is in no field as typed (its
    /// grams scattered over fields or apart), 1 when every group is in some field as typed,
    /// 2 when moreover every group has the 文号 brackets the query asks for. The masks settle
    /// most groups; the others are checked in the text of the fields that have all their
    /// grams, and only until found.
    fn tier(
        &self,
        plan: &Plan,
        doc: &Doc,
        row: &[FieldMask],
        agency_groups: &[(u64, u64)],
        scratch: &mut Scratch,
    ) -> u8 {
        if plan.prepared.groups.len() > MAX_GROUPS {
            return 1;
        }
        let (in_agency, bracketed_in_agency) = agency_groups
            .get(doc.agency as usize)
            .copied()
            .unwrap_or_default();
        let mut all_bracketed = true;
        for (g, (group, check)) in plan
            .prepared
            .groups
            .iter()
            .zip(&plan.group_checks)
            .enumerate()
        {
            let mut fields = postings::ALL_BITS;
            for &gram in &check.grams {
                fields &= row.get(gram).copied().unwrap_or_default();
            }
            let mut found = in_agency >> g & 1 == 1;
            let mut bracketed = bracketed_in_agency >> g & 1 == 1;
            if check.exact {
                found |= fields != 0;
                bracketed |= fields != 0;
            } else {
                for (field, bit) in CHECK_ORDER {
                    if found && (bracketed || !plan.brackets) {
                        break;
                    }
                    if fields & bit == 0 {
                        continue;
                    }
                    let text = self.field_text(doc, field, &mut scratch.text);
                    let (here, with_brackets) = match &check.pattern {
                        Some(pattern) => {
                            let here = pattern.is_in(text);
                            (here, here)
                        }
                        None => {
                            compact_into(text, &mut scratch.slots);
                            group_in(&scratch.slots, &plan.prepared, group, None)
                        }
                    };
                    found |= here;
                    bracketed |= with_brackets;
                }
            }
            if !found {
                return 0;
            }
            all_bracketed &= bracketed;
        }
        if plan.brackets && all_bracketed { 2 } else { 1 }
    }

    /// The union of posting lists, masks or-ed per document.
    fn union<'a>(&self, lists: impl Iterator<Item = &'a Postings>) -> Vec<(u32, FieldMask)> {
        // A byte per document (bit 7: present) beats merging a hundred lists.
        const PRESENT: u8 = 0x80;
        let mut dense = vec![0u8; self.docs.len()];
        for list in lists {
            for (doc, mask) in list.iter() {
                if let Some(slot) = dense.get_mut(doc as usize) {
                    *slot |= PRESENT | mask;
                }
            }
        }
        dense
            .iter()
            .enumerate()
            .filter(|(_, m)| **m & PRESENT != 0)
            .map(|(doc, m)| (doc as u32, m & !PRESENT))
            .collect()
    }

    /// What the masks of one candidate say about one field.
    fn mask_eval(&self, plan: &Plan, row: &[FieldMask], bit: FieldMask) -> MaskEval {
        let mut eval = MaskEval::default();
        for (term, grams) in plan.prepared.terms.iter().zip(&plan.term_grams) {
            let present = grams
                .iter()
                .filter(|&&g| row.get(g).is_some_and(|m| m & bit != 0))
                .count() as u32;
            if term.cjk && term.chars.len() > 2 {
                eval.known.found += present;
                if present as usize == grams.len() {
                    eval.maybe_whole += term.units() as u32;
                }
            } else if present > 0 {
                eval.known.found += term.units() as u32;
                eval.known.whole += term.units() as u32;
            }
        }
        // The phrase bonus needs every gram of every term in the field (see `field_eval`).
        eval.maybe_phrase = plan.multi && eval.known.found as usize == plan.prepared.units;
        eval
    }

    /// The contribution of every agency name, computed once per query from its text.
    fn agency_values(&self, plan: &Plan, scratch: &mut Scratch) -> Vec<f32> {
        self.agencies
            .iter()
            .map(|name| {
                compact_into(name, &mut scratch.slots);
                let eval = field_eval(&scratch.slots, plan, false, None);
                Field::Agency.weight() * eval.value(plan.total_units)
            })
            .collect()
    }

    /// The score of a candidate and its upper bound, from the masks (`exact`: the unknowns
    /// resolved on the text, so the two are equal).
    fn score_row(
        &self,
        plan: &Plan,
        doc: &Doc,
        row: &[FieldMask],
        agency_values: &[f32],
        exact: bool,
        scratch: &mut Scratch,
    ) -> (f32, f32) {
        let (mut low, mut high) = (0.0f32, 0.0f32);
        for field in Field::ALL {
            let (lo, hi) = if field == Field::Agency {
                let value = agency_values
                    .get(doc.agency as usize)
                    .copied()
                    .unwrap_or_default();
                (value, value)
            } else {
                let bit = MASKED
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map_or(0, |(_, b)| *b);
                let mut eval = self.mask_eval(plan, row, bit);
                let mut known = eval.known;
                if field == Field::Title
                    && known.found > 0
                    && plan.prepared.compact.first() == Some(&doc.head)
                {
                    known.title_bonus =
                        title_bonus(self.strings.get(doc.title), &plan.prepared.compact);
                }
                if !eval.certain() && exact {
                    let text = self.field_text(doc, field, &mut scratch.text);
                    compact_into(text, &mut scratch.slots);
                    let mut resolved = field_eval(&scratch.slots, plan, false, None);
                    resolved.title_bonus = known.title_bonus;
                    known = resolved;
                    eval = MaskEval::default();
                }
                let lo = known.value(plan.total_units);
                let hi = if eval.certain() {
                    lo
                } else {
                    FieldEval {
                        whole: known.whole + eval.maybe_whole,
                        phrase: eval.maybe_phrase,
                        ..known
                    }
                    .value(plan.total_units)
                };
                (field.weight() * lo, field.weight() * hi)
            };
            low += lo;
            high += hi;
        }
        if doc.validity != Validity::Valid.ordinal() {
            low *= 0.9;
            high *= 0.9;
        }
        (low, high)
    }

    /// Per agency code, its rank in the order of the 索引号 texts (the code followed by its
    /// `/`): with the fixed-width year and serial after it, a number ordered like the text.
    fn code_ranks(&self) -> Vec<u64> {
        let mut order: Vec<usize> = (0..self.codes.len()).collect();
        order.sort_by(|&a, &b| {
            let key = |n: usize| self.codes[n].bytes().chain(*b"/");
            key(a).cmp(key(b))
        });
        let mut ranks = vec![0u64; self.codes.len()];
        for (rank, n) in order.into_iter().enumerate() {
            ranks[n] = rank as u64;
        }
        ranks
    }

    /// Searches, ranks and returns page `page` (from 1; 0 is taken as 1) of `page_size` hits
    /// (at least 1). See the [module documentation](super) for the rules.
    pub fn search(&self, query: &SearchQuery, page: u32, page_size: u32) -> SearchPage {
        let page = page.max(1);
        let page_size = page_size.max(1);
        let plan = Plan::new(&query.text);
        let filters = self.filter_plan(&query.filters);
        let skip = ((page - 1) as usize).saturating_mul(page_size as usize);
        let end = skip.saturating_add(page_size as usize);
        let mut scratch = Scratch::default();
        let ranks = self.code_ranks();
        // Best first is the largest key: score, then newer 发文日期, then the smaller 索引号.
        let key = |score: f32, doc: &Doc| -> u128 {
            let bits = score.to_bits();
            let score = if bits >> 31 == 1 {
                !bits
            } else {
                bits | 1 << 31
            };
            let days = (doc.days as u32) ^ (1 << 31);
            let rank = ranks.get(doc.code as usize).copied().unwrap_or_default();
            let id = !(rank << 48 | u64::from(doc.year) << 32 | u64::from(doc.serial));
            u128::from(score) << 96 | u128::from(days) << 64 | u128::from(id)
        };

        // Whether the matches are true ones (see `matching`): then only the groups as typed are
        // highlighted.
        let mut phrases = false;
        let (total, mut ranked) = if plan.prepared.terms.is_empty() {
            let ranked: Vec<Ranked> = self
                .docs
                .iter()
                .enumerate()
                .filter(|(_, d)| filters.passes(d))
                .map(|(n, d)| Ranked {
                    doc: n as u32,
                    row: 0,
                    score: 0.0,
                    upper: 0.0,
                    key: key(0.0, d),
                    upper_key: key(0.0, d),
                    bonus: 0.0,
                })
                .collect();
            (ranked.len(), ranked)
        } else {
            let matches = self.matching(&plan, &mut scratch);
            phrases = matches.phrases;
            let (docs, masks) = (&matches.docs, &matches.masks);
            let width = plan.grams.len();
            let agency_values = self.agency_values(&plan, &mut scratch);
            let row_of = |r: usize| masks.get(r * width..(r + 1) * width).unwrap_or_default();
            // A candidate whose title does not start like the query has bounds that depend
            // only on its masks, agency and validity: computed once per combination (a broad
            // query has thousands of candidates and a few dozen combinations).
            let mut memo: HashMap<u64, (f32, f32), BuildHasherDefault<MixHasher>> =
                HashMap::default();
            let first = plan.prepared.compact.first().copied();
            // The `end`-th best lower-bound key among the candidates seen so far: a candidate
            // whose upper bound is below it cannot make the page and is only counted. The kept
            // ones are cut back to the page's worth whenever they reach twice that, so that a
            // broad query (通知: 18,000 candidates, newer ones usually later) keeps a few hundred
            // at a linear cost, where a heap would be pushed and popped for every one.
            let mut threshold: u128 = 0;
            let mut cut_at = end.saturating_mul(2).saturating_add(256);
            let mut total = 0;
            let mut ranked: Vec<Ranked> = Vec::with_capacity(cut_at.min(docs.len()) + 1);
            // Newest documents first: documents are numbered as they arrive, mostly in date
            // order, and the date breaks ties of score, so the threshold rises at once and
            // the older candidates of a broad query are only counted.
            for (r, (&n, &tier)) in docs.iter().zip(&matches.tiers).enumerate().rev() {
                let Some(doc) = self.docs.get(n as usize).filter(|d| filters.passes(d)) else {
                    continue;
                };
                total += 1;
                let row = row_of(r);
                let (score, upper) = if width <= 5 && first != Some(doc.head) {
                    let mut combination = u64::from(doc.agency) << 41
                        | u64::from(doc.validity == Validity::Valid.ordinal()) << 40;
                    for (i, mask) in row.iter().enumerate() {
                        combination |= u64::from(*mask) << (8 * i);
                    }
                    *memo.entry(combination).or_insert_with(|| {
                        self.score_row(&plan, doc, row, &agency_values, false, &mut scratch)
                    })
                } else {
                    self.score_row(&plan, doc, row, &agency_values, false, &mut scratch)
                };
                let bonus = if tier == 2 { BRACKETS_BONUS } else { 0.0 };
                let lower = key(score + bonus, doc);
                let upper_key = if upper > score {
                    key(upper + bonus, doc)
                } else {
                    lower
                };
                if upper_key < threshold {
                    continue;
                }
                ranked.push(Ranked {
                    doc: n,
                    row: r as u32,
                    score: score + bonus,
                    upper: upper + bonus,
                    key: lower,
                    upper_key,
                    bonus,
                });
                if ranked.len() >= cut_at {
                    let (_, kth, _) =
                        ranked.select_nth_unstable_by(end - 1, |a, b| b.key.cmp(&a.key));
                    threshold = threshold.max(kth.key);
                    ranked.retain(|r| r.upper_key >= threshold);
                    // Loose upper bounds may keep most of them: cut again only once the kept
                    // have doubled, so that the cost stays linear.
                    cut_at = cut_at.max(ranked.len().saturating_mul(2));
                }
            }
            if end < ranked.len() {
                // The k-th best lower bound: a candidate whose upper bound is below it cannot
                // make the page, whatever its text says.
                let (_, kth, _) = ranked.select_nth_unstable_by(end - 1, |a, b| b.key.cmp(&a.key));
                let threshold = kth.score;
                ranked.retain(|r| r.upper >= threshold);
            }
            // The candidates whose score the masks settle, and the others, best possible first:
            // those are resolved on their text until the next one cannot beat the k-th best.
            let (mut settled, pending): (Vec<Ranked>, Vec<Ranked>) =
                ranked.into_iter().partition(|r| r.upper <= r.score);
            top(&mut settled, end);
            // A heap, not a sort: usually only the first few dozen are resolved.
            let mut pending: std::collections::BinaryHeap<ByUpper> =
                pending.into_iter().map(ByUpper).collect();
            let mut kept: std::collections::BinaryHeap<std::cmp::Reverse<u128>> =
                settled.iter().map(|r| std::cmp::Reverse(r.key)).collect();
            while let Some(ByUpper(mut r)) = pending.pop() {
                if kept.len() >= end && kept.peek().is_some_and(|k| r.upper_key < k.0) {
                    break;
                }
                let Some(doc) = self.docs.get(r.doc as usize) else {
                    continue;
                };
                r.score =
                    self.score_row(
                        &plan,
                        doc,
                        row_of(r.row as usize),
                        &agency_values,
                        true,
                        &mut scratch,
                    )
                    .0 + r.bonus;
                r.upper = r.score;
                r.key = key(r.score, doc);
                r.upper_key = r.key;
                kept.push(std::cmp::Reverse(r.key));
                if kept.len() > end {
                    kept.pop();
                }
                settled.push(r);
            }
            (total, settled)
        };
        if skip >= ranked.len() {
            ranked.clear();
        } else {
            top(&mut ranked, end);
        }
        let hits = ranked
            .get(skip..)
            .unwrap_or_default()
            .iter()
            .filter_map(|r| {
                let doc = self.docs.get(r.doc as usize)?;
                Some(Hit {
                    entry_id: self.index_no(doc),
                    score: r.score,
                    highlights: if plan.prepared.terms.is_empty() {
                        Vec::new()
                    } else {
                        self.highlights(&plan, doc, phrases, &mut scratch)
                    },
                })
            })
            .collect();
        SearchPage {
            total,
            page,
            page_size,
            hits,
        }
    }

    /// The matched spans of a document, field by field (for the hits of one page only): the
    /// query's groups where they are as typed (`phrases`), else every term and bigram found.
    fn highlights(
        &self,
        plan: &Plan,
        doc: &Doc,
        phrases: bool,
        scratch: &mut Scratch,
    ) -> Vec<FieldHighlights> {
        let mut out = Vec::new();
        let mut spans = Vec::new();
        for field in Field::ALL {
            let text = self.field_text(doc, field, &mut scratch.text);
            if text.is_empty() {
                continue;
            }
            compact_into(text, &mut scratch.slots);
            spans.clear();
            let found = if phrases {
                let mut found = false;
                for group in &plan.prepared.groups {
                    found |= group_in(&scratch.slots, &plan.prepared, group, Some(&mut spans)).0;
                }
                found
            } else {
                field_eval(
                    &scratch.slots,
                    plan,
                    field == Field::Title,
                    Some(&mut spans),
                )
                .found
                    > 0
            };
            if found {
                out.push(FieldHighlights {
                    field,
                    ranges: merge_spans(&scratch.slots, std::mem::take(&mut spans)),
                });
            }
        }
        out
    }

    /// Counts of the entries matching `query` per value of each dimension. A dimension's counts
    /// ignore its own filter (so choosing a topic still lists the other topics with what they
    /// would give) but apply all the others.
    pub fn facets(&self, query: &SearchQuery) -> super::Facets {
        let plan = Plan::new(&query.text);
        let filters = self.filter_plan(&query.filters);
        let mut counts = FacetCounts::new(self.agencies.len());
        let mut count = |doc: &Doc| {
            let failed = filters.failures(doc);
            // Counted in a dimension when it fails no other dimension's filter.
            counts.add(doc, failed);
        };
        if plan.prepared.terms.is_empty() {
            self.docs.iter().filter(|d| d.live).for_each(&mut count);
        } else {
            // The same documents as a search's total (true matches when there are any).
            let matches = self.matching(&plan, &mut Scratch::default());
            matches
                .docs
                .iter()
                .filter_map(|&n| self.docs.get(n as usize))
                .for_each(&mut count);
        }
        counts.finish(&self.agencies)
    }
}

/// Per-dimension counters of [`CatalogIndex::facets`].
struct FacetCounts {
    topic: [u32; 64],
    genre: [u32; 64],
    validity: [u32; 64],
    agency: Vec<u32>,
    year: std::collections::BTreeMap<u16, u32>,
}

impl FacetCounts {
    fn new(agencies: usize) -> FacetCounts {
        FacetCounts {
            topic: [0; 64],
            genre: [0; 64],
            validity: [0; 64],
            agency: vec![0; agencies],
            year: std::collections::BTreeMap::new(),
        }
    }

    fn add(&mut self, doc: &Doc, failed: u8) {
        use super::{F_AGENCY, F_GENRE, F_TOPIC, F_VALIDITY, F_YEAR};
        let counts_in = |dimension: u8| failed & !dimension == 0;
        if counts_in(F_TOPIC) {
            self.topic[usize::from(doc.topic) % 64] += 1;
        }
        if counts_in(F_GENRE) {
            self.genre[usize::from(doc.genre) % 64] += 1;
        }
        if counts_in(F_VALIDITY) {
            self.validity[usize::from(doc.validity) % 64] += 1;
        }
        if counts_in(F_AGENCY)
            && let Some(count) = self.agency.get_mut(doc.agency as usize)
        {
            *count += 1;
        }
        if counts_in(F_YEAR) {
            let year = chrono::NaiveDate::from_num_days_from_ce_opt(doc.days)
                .map(|d| chrono::Datelike::year(&d))
                .and_then(|y| u16::try_from(y).ok())
                .unwrap_or_default();
            *self.year.entry(year).or_default() += 1;
        }
    }

    fn finish(self, agencies: &[Box<str>]) -> super::Facets {
        use super::{Genre, Topic};
        let mut agency: Vec<(String, u32)> = agencies
            .iter()
            .zip(self.agency)
            .filter(|(_, count)| *count > 0)
            .map(|(name, count)| (name.to_string(), count))
            .collect();
        agency.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        super::Facets {
            topic: Topic::ALL
                .iter()
                .map(|t| (*t, self.topic[usize::from(t.ordinal())]))
                .filter(|(_, c)| *c > 0)
                .collect(),
            genre: Genre::ALL
                .iter()
                .map(|g| (*g, self.genre[usize::from(g.ordinal())]))
                .filter(|(_, c)| *c > 0)
                .collect(),
            agency,
            year: self.year.into_iter().rev().collect(),
            validity: Validity::ALL
                .iter()
                .map(|v| (*v, self.validity[usize::from(v.ordinal())]))
                .filter(|(_, c)| *c > 0)
                .collect(),
        }
    }
}

/// Keeps the candidates that `list` also has (both ascending), recording `list`'s masks in
/// column `column` of the mask matrix.
fn intersect(
    docs: &mut Vec<u32>,
    masks: &mut Vec<FieldMask>,
    width: usize,
    column: usize,
    list: impl IntoIterator<Item = (u32, FieldMask)>,
) {
    // A plain cursor rather than `peekable`: this loop is a broad query's inner loop.
    let mut list = list.into_iter();
    let mut current = list.next();
    let mut kept = 0;
    for r in 0..docs.len() {
        let doc = docs[r];
        while let Some((other, _)) = current
            && other < doc
        {
            current = list.next();
        }
        let Some((other, mask)) = current else {
            break;
        };
        if other == doc {
            docs[kept] = doc;
            if kept != r {
                masks.copy_within(r * width..(r + 1) * width, kept * width);
            }
            masks[kept * width + column] = mask;
            kept += 1;
        }
    }
    docs.truncate(kept);
    masks.truncate(kept * width);
}

/// 3.0 if the title is the query (ignoring separators), 0.5 if it starts with it, else 0.
fn title_bonus(title: &str, compact: &[char]) -> f32 {
    let mut query = compact.iter();
    let mut title_chars = title
        .chars()
        .map(index_char)
        .filter(|c| super::class(*c) != super::Class::Separator);
    loop {
        match (query.next(), title_chars.next()) {
            (Some(q), Some(t)) if *q == t => {}
            (Some(_), _) => return 0.0,
            (None, None) => return 3.0,
            (None, Some(_)) => return 0.5,
        }
    }
}

/// A field's contribution from its text (`hay`, compacted), with the matched spans if asked.
/// The title bonus is left to the caller.
fn field_eval(
    hay: &[Slot],
    plan: &Plan,
    title: bool,
    mut spans: Option<&mut Vec<(usize, usize)>>,
) -> FieldEval {
    let mut eval = FieldEval::default();
    for term in &plan.prepared.terms {
        let n = term.chars.len();
        let starts = if term.cjk {
            occurrences(hay, &term.chars, true, |_| true)
        } else {
            occurrences(hay, &term.chars, true, |k| {
                word_starts(hay, k) && (term.prefix || word_ends(hay, k + n - 1))
            })
        };
        if !starts.is_empty() {
            eval.found += term.units() as u32;
            eval.whole += term.units() as u32;
            if let Some(spans) = spans.as_deref_mut() {
                spans.extend(starts.into_iter().map(|s| (s, s + n)));
            }
        } else if term.cjk && n > 2 {
            // Not adjacent here: count (and mark) the bigrams that are.
            for pair in term.chars.windows(2) {
                let starts = occurrences(hay, pair, true, |_| true);
                if !starts.is_empty() {
                    eval.found += 1;
                    if let Some(spans) = spans.as_deref_mut() {
                        spans.extend(starts.into_iter().map(|s| (s, s + 2)));
                    }
                }
            }
        }
    }
    // The whole query as one phrase, when every term's grams are in the field: a phrase is
    // only looked for where the postings say it can be, so broad queries stay cheap.
    if plan.multi && eval.found as usize == plan.prepared.units {
        let phrase = occurrences(hay, &plan.prepared.compact, false, |_| true);
        if !phrase.is_empty() {
            eval.phrase = true;
            if let Some(spans) = spans {
                let n = plan.prepared.compact.len();
                spans.extend(phrase.into_iter().map(|s| (s, s + n)));
            }
        }
    }
    if title && eval.found > 0 {
        let compact: Vec<char> = hay.iter().map(|s| s.c).collect();
        eval.title_bonus = if compact == plan.prepared.compact {
            3.0
        } else if compact.starts_with(&plan.prepared.compact) {
            0.5
        } else {
            0.0
        };
    }
    eval
}

#[cfg(test)]
mod needle_tests {
    use super::Needle;

    #[test]
    fn needle_finds_what_contains_finds() {
        let hays = [
            "",
            "统计",
            "统计数据",
            "县统计局2024年统计数据公报",
            "统计数统计数据",
            "统计统计统计数",
            "数据统计数据统",
            "abc统计数据",
            "统计数据abc",
            "ab",
            "aaaaab",
        ];
        let needles = [
            "统计数据",
            "统计数",
            "计数据",
            "aab",
            "b",
            "统计数据abc",
            "县",
        ];
        for needle_text in needles {
            let needle = Needle::new(needle_text);
            for hay in hays {
                assert_eq!(
                    needle.is_in(hay),
                    hay.contains(needle_text),
                    "{needle_text:?} in {hay:?}"
                );
            }
        }
        // Needles longer than a skip can say (255 bytes) still shift safely.
        let long: String = "统计".repeat(60) + "数据";
        let hay = format!("前言{long}后记");
        assert!(Needle::new(&long).is_in(&hay));
        assert!(!Needle::new(&long).is_in(&long[3..]));
    }
}
