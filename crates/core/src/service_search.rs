//! Finding a service item as you type: one rule for the guide, the home page and the server.
//!
//! A query is split on white space into terms; an item is found when **every** term matches
//! one of: its name, its code, its keywords, its department's name, or the pinyin of its name.
//! The pinyin is not computed here (a table of every character would weigh on each bundle): the
//! server sends it with the item list, one syllable per character of the name separated by
//! spaces (`"ju min shen fen zheng huan ling"`, `_` for a character that has none). A term of
//! Latin letters matches syllables from any one of them on: each syllable in full or by its
//! first letter only, the last one possibly begun, so 「sfz」, 「shenfenzheng」 and
//! 「shenfz」 all find 居民身份证换领.
//!
//! Results are ranked: the whole name, then a name beginning with the term, the code, a name
//! containing it, the pinyin, keywords, and last the department; ties keep the list's order.
//! Each hit carries the byte ranges of the name to highlight, merged and in order.
//!
//! [`ServiceIndex::new`] prepares the items once (lower case, syllable offsets), so a query
//! allocates only its hits.

use core::ops::Range;

/// What is searched of one item, borrowed from the caller's list.
#[derive(Debug, Clone, Copy, Default)]
pub struct Searchable<'a> {
    /// 事项编码, e.g. `"GA-001"`.
    pub code: &'a str,
    /// 事项名称.
    pub name: &'a str,
    /// The department's name.
    pub department: &'a str,
    /// Keywords that are not in the name.
    pub keywords: &'a [String],
    /// The name's pinyin, one space-separated syllable per character (see the module docs);
    /// ignored when it does not have one per character.
    pub pinyin: &'a str,
}

/// One item found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Its position in the list the index was built from.
    pub index: usize,
    /// How well it matched (higher first); comparable only within one query.
    pub score: u32,
    /// Byte ranges of the name to highlight, in order, not overlapping.
    pub name_ranges: Vec<Range<usize>>,
}

/// The items prepared for searching.
#[derive(Debug, Clone, Default)]
pub struct ServiceIndex {
    entries: Vec<Prepared>,
}

#[derive(Debug, Clone)]
struct Prepared {
    code: String,
    /// The name with ASCII letters in lower case (byte offsets unchanged).
    name: String,
    /// Byte offset of each character of the name, and the name's length last.
    char_starts: Vec<usize>,
    department: String,
    keywords: Vec<String>,
    pinyin: String,
    /// Byte range in `pinyin` of each character's syllable (empty when not aligned).
    syllables: Vec<Range<usize>>,
}

// Scores by what matched, best first (see the module docs).
const NAME_EXACT: u32 = 100;
const NAME_PREFIX: u32 = 80;
const CODE: u32 = 70;
const NAME_INSIDE: u32 = 60;
const PINYIN_PREFIX: u32 = 50;
const PINYIN_INSIDE: u32 = 40;
const KEYWORD_EXACT: u32 = 30;
const KEYWORD_INSIDE: u32 = 25;
const DEPARTMENT: u32 = 20;

impl ServiceIndex {
    /// Prepares `items` (in the order hits refer to).
    pub fn new<'a>(items: impl IntoIterator<Item = Searchable<'a>>) -> ServiceIndex {
        let entries = items.into_iter().map(Prepared::new).collect();
        ServiceIndex { entries }
    }

    /// How many items it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The items matching every term of `query`, best first; none for a blank query.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let query = query.to_ascii_lowercase();
        let terms: Vec<&str> = query.split_whitespace().collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        'items: for (index, entry) in self.entries.iter().enumerate() {
            let mut score = 0;
            let mut name_ranges = Vec::new();
            for term in &terms {
                let term_score = entry.score(term, &mut name_ranges);
                if term_score == 0 {
                    continue 'items;
                }
                score += term_score;
            }
            hits.push(Hit {
                index,
                score,
                name_ranges: merged(name_ranges),
            });
        }
        by_score(hits)
    }
}

impl Prepared {
    fn new(item: Searchable<'_>) -> Prepared {
        let name = item.name.to_ascii_lowercase();
        let mut char_starts: Vec<usize> = name.char_indices().map(|(at, _)| at).collect();
        let chars = char_starts.len();
        char_starts.push(name.len());
        let pinyin = item.pinyin.to_ascii_lowercase();
        let mut syllables = Vec::with_capacity(chars);
        let mut at = 0;
        for syllable in pinyin.split(' ') {
            syllables.push(at..at + syllable.len());
            at += syllable.len() + 1;
        }
        if syllables.len() != chars || pinyin.is_empty() {
            syllables.clear();
        }
        Prepared {
            code: item.code.to_ascii_lowercase(),
            name,
            char_starts,
            department: item.department.to_ascii_lowercase(),
            keywords: item
                .keywords
                .iter()
                .map(|k| k.to_ascii_lowercase())
                .collect(),
            pinyin,
            syllables,
        }
    }

    /// The best score of `term` on this item (0: no match); the name's matched range, if any,
    /// goes to `ranges`.
    fn score(&self, term: &str, ranges: &mut Vec<Range<usize>>) -> u32 {
        let mut best = 0;
        let mut name_range = None;
        if self.name == term {
            best = NAME_EXACT;
            name_range = Some(0..self.name.len());
        } else if let Some(at) = self.name.find(term) {
            best = if at == 0 { NAME_PREFIX } else { NAME_INSIDE };
            name_range = Some(at..at + term.len());
        }
        if self.code.starts_with(term) && (term.len() >= 2 || self.code == term) {
            best = best.max(CODE);
        }
        let letters = term.bytes().all(|b| b.is_ascii_alphabetic());
        let pinyin = if letters && name_range.is_none() {
            self.pinyin_match(term)
        } else {
            None
        };
        if let Some((first, end)) = pinyin {
            best = best.max(if first == 0 {
                PINYIN_PREFIX
            } else {
                PINYIN_INSIDE
            });
            let (Some(&start), Some(&stop)) =
                (self.char_starts.get(first), self.char_starts.get(end))
            else {
                return best;
            };
            name_range = Some(start..stop);
        }
        for keyword in &self.keywords {
            if keyword == term {
                best = best.max(KEYWORD_EXACT);
            } else if keyword.contains(term) {
                best = best.max(KEYWORD_INSIDE);
            }
        }
        if best == 0 && self.department.contains(term) {
            best = DEPARTMENT;
        }
        if let Some(range) = name_range {
            ranges.push(range);
        }
        best
    }

    /// The first run of syllables that `term` spells (see the module docs): the characters
    /// `first..end`.
    fn pinyin_match(&self, term: &str) -> Option<(usize, usize)> {
        let first_letter = term.as_bytes().first()?;
        (0..self.syllables.len())
            .filter(|&start| self.syllable(start).as_bytes().first() == Some(first_letter))
            .find_map(|start| self.spelled_from(start, term).map(|end| (start, end)))
    }

    /// Where `term` ends if it spells the syllables from `start` on.
    fn spelled_from(&self, start: usize, term: &str) -> Option<usize> {
        let mut rest = term;
        let mut next = start;
        while !rest.is_empty() {
            let syllable = self.syllables.get(next).map(|r| &self.pinyin[r.clone()])?;
            if syllable.is_empty() || !syllable.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return None;
            }
            if let Some(after) = rest.strip_prefix(syllable) {
                rest = after;
            } else if syllable.starts_with(rest) {
                rest = "";
            } else if rest.as_bytes()[0] == syllable.as_bytes()[0] {
                rest = &rest[1..];
            } else {
                return None;
            }
            next += 1;
        }
        Some(next)
    }

    fn syllable(&self, index: usize) -> &str {
        self.syllables
            .get(index)
            .map_or("", |range| &self.pinyin[range.clone()])
    }
}

/// `ranges` sorted, with overlapping or touching ones joined.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    crate::sort::insertion_sort_by(&mut ranges, |a, b| a.start < b.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// The hits by score, best first, keeping the list's order among equals. Scores take few
/// values, so one pass per distinct score (no general sort linked into the bundles).
fn by_score(hits: Vec<Hit>) -> Vec<Hit> {
    let mut out = Vec::with_capacity(hits.len());
    let mut below = u32::MAX;
    while out.len() < hits.len() {
        let Some(score) = hits.iter().map(|h| h.score).filter(|&s| s < below).max() else {
            break;
        };
        out.extend(hits.iter().filter(|h| h.score == score).cloned());
        below = score;
    }
    out
}

/// Every place where a term of `query` occurs in `text` (ASCII letters in any case), as merged
/// byte ranges: how the catalog highlights its titles and abstracts.
pub fn term_ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let query = query.to_ascii_lowercase();
    let mut ranges = Vec::new();
    for term in query.split_whitespace() {
        let mut from = 0;
        while let Some(at) = lower[from..].find(term) {
            let start = from + at;
            ranges.push(start..start + term.len());
            from = start + term.len();
        }
    }
    merged(ranges)
}

/// `text` cut into pieces, each marked whether it is inside one of `ranges` (as from
/// [`Hit::name_ranges`] or [`term_ranges`]); ranges that do not fall on character boundaries
/// are skipped.
pub fn pieces<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for range in ranges {
        let (Some(before), Some(marked)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        if !before.is_empty() {
            out.push((before, false));
        }
        if !marked.is_empty() {
            out.push((marked, true));
        }
        at = range.end;
    }
    if let Some(rest) = text.get(at..).filter(|rest| !rest.is_empty()) {
        out.push((rest, false));
    }
    out
}

/// The page numbers a numbered pager shows for page `current` of `pages`: the first, the last,
/// and two on each side of the current one, with `None` where pages are left out (…).
pub fn page_numbers(current: u32, pages: u32) -> Vec<Option<u32>> {
    let mut out = Vec::new();
    let mut shown = 0;
    for page in 1..=pages {
        if page == 1 || page == pages || page.abs_diff(current) <= 2 {
            if page > shown + 1 {
                out.push(None);
            }
            out.push(Some(page));
            shown = page;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Item {
        code: &'static str,
        name: &'static str,
        department: &'static str,
        keywords: Vec<String>,
        pinyin: &'static str,
    }

    fn items() -> Vec<Item> {
        vec![
            Item {
                code: "SC-001",
                name: "有限责任公司设立登记",
                department: "县市场监督管理局",
                keywords: vec!["开公司".into()],
                pinyin: "you xian ze ren gong si she li deng ji",
            },
            Item {
                code: "GA-001",
                name: "居民身份证换领",
                department: "县公安局",
                keywords: vec!["身份证".into(), "换证".into()],
                pinyin: "ju min shen fen zheng huan ling",
            },
            Item {
                code: "GA-003",
                name: "无犯罪记录证明开具",
                department: "县公安局",
                keywords: vec![],
                pinyin: "wu fan zui ji lu zheng ming kai ju",
            },
            Item {
                code: "MZ-001",
                name: "内地居民结婚登记",
                department: "县民政局",
                keywords: vec!["结婚证".into()],
                pinyin: "nei di ju min jie hun deng ji",
            },
            Item {
                code: "WJ-003",
                name: "出生医学证明补发",
                department: "县卫生健康委员会",
                keywords: vec![],
                pinyin: "chu sheng yi xue zheng ming bu fa",
            },
            Item {
                code: "X-1",
                name: "登记",
                department: "县某局",
                keywords: vec![],
                pinyin: "deng ji",
            },
        ]
    }

    fn index(items: &[Item]) -> ServiceIndex {
        ServiceIndex::new(items.iter().map(|i| Searchable {
            code: i.code,
            name: i.name,
            department: i.department,
            keywords: &i.keywords,
            pinyin: i.pinyin,
        }))
    }

    fn codes(items: &[Item], hits: &[Hit]) -> Vec<&'static str> {
        hits.iter().map(|h| items[h.index].code).collect()
    }

    fn marked(items: &[Item], hit: &Hit) -> Vec<&'static str> {
        pieces(items[hit.index].name, &hit.name_ranges)
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn initials_find_the_id_card_and_mark_its_characters() {
        let items = items();
        let hits = index(&items).search("sfz");
        assert_eq!(codes(&items, &hits), ["GA-001"]);
        assert_eq!(marked(&items, &hits[0]), ["身份证"]);
    }

    #[test]
    fn full_mixed_and_begun_pinyin_find_it_too() {
        let items = items();
        let index = index(&items);
        for (query, mark) in [
            ("shenfenzheng", "身份证"),
            ("shenfz", "身份证"),
            ("SHENFENZ", "身份证"),
            ("shenf", "身份"),
        ] {
            let hits = index.search(query);
            assert_eq!(codes(&items, &hits), ["GA-001"], "{query}");
            assert_eq!(marked(&items, &hits[0]), [mark], "{query}");
        }
    }

    #[test]
    fn the_whole_name_comes_before_a_prefix_and_a_prefix_before_inside() {
        let items = items();
        let hits = index(&items).search("登记");
        assert_eq!(codes(&items, &hits), ["X-1", "SC-001", "MZ-001"]);
        assert_eq!(marked(&items, &hits[1]), ["登记"]);
        let hits = index(&items).search("居民");
        assert_eq!(codes(&items, &hits), ["GA-001", "MZ-001"]);
    }

    #[test]
    fn every_term_must_match_somewhere() {
        let items = items();
        let index = index(&items);
        assert_eq!(codes(&items, &index.search("公安 证明")), ["GA-003"]);
        assert_eq!(codes(&items, &index.search("公安局")), ["GA-001", "GA-003"]);
        assert!(index.search("公安 结婚").is_empty());
    }

    #[test]
    fn keywords_and_codes_find_items_whose_names_lack_them() {
        let items = items();
        let index = index(&items);
        assert_eq!(codes(&items, &index.search("开公司")), ["SC-001"]);
        assert_eq!(codes(&items, &index.search("结婚证")), ["MZ-001"]);
        assert_eq!(codes(&items, &index.search("ga-003")), ["GA-003"]);
        assert_eq!(codes(&items, &index.search("GA")), ["GA-001", "GA-003"]);
    }

    #[test]
    fn a_blank_query_or_no_match_finds_nothing() {
        let items = items();
        let index = index(&items);
        assert!(index.search("").is_empty());
        assert!(index.search(" \u{3000} ").is_empty());
        assert!(index.search("护照").is_empty());
        assert!(index.search("qqq").is_empty());
    }

    #[test]
    fn pinyin_without_a_syllable_per_character_is_ignored() {
        let keywords = Vec::new();
        let index = ServiceIndex::new([Searchable {
            code: "A",
            name: "身份证",
            department: "局",
            keywords: &keywords,
            pinyin: "shen fen",
        }]);
        assert!(index.search("sfz").is_empty());
        assert_eq!(index.search("身份").len(), 1);
    }

    #[test]
    fn punctuation_stops_a_pinyin_run() {
        let keywords = Vec::new();
        let index = ServiceIndex::new([Searchable {
            code: "A",
            name: "企业（一件事）",
            department: "局",
            keywords: &keywords,
            pinyin: "qi ye _ yi jian shi _",
        }]);
        assert!(index.search("qyy").is_empty());
        let hits = index.search("yjs");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            pieces("企业（一件事）", &hits[0].name_ranges),
            [("企业（", false), ("一件事", true), ("）", false)]
        );
    }

    #[test]
    fn term_ranges_mark_every_occurrence_in_any_case() {
        let text = "Guide 指南 and guide, 指南";
        let ranges = term_ranges(text, "GUIDE 指南");
        let marked: Vec<&str> = pieces(text, &ranges)
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s)
            .collect();
        assert_eq!(marked, ["Guide", "指南", "guide", "指南"]);
        assert!(term_ranges(text, "  ").is_empty());
    }

    #[test]
    fn numbered_pages_show_the_ends_and_the_neighbours() {
        assert_eq!(page_numbers(1, 1), [Some(1)]);
        assert_eq!(page_numbers(1, 0), []);
        assert_eq!(
            page_numbers(1, 9),
            [Some(1), Some(2), Some(3), None, Some(9)]
        );
        assert_eq!(
            page_numbers(5, 9),
            [
                Some(1),
                None,
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None,
                Some(9)
            ]
        );
        assert_eq!(
            page_numbers(4, 5),
            [Some(1), Some(2), Some(3), Some(4), Some(5)]
        );
    }

    #[test]
    fn pieces_skip_ranges_off_character_boundaries() {
        let off_boundary = vec![1..4, 9..9];
        assert_eq!(pieces("身份证", &off_boundary), [("身份证", false)]);
        let whole = vec![0..3, 3..3];
        assert_eq!(pieces("abc", &whole), [("abc", true)]);
    }

    #[test]
    fn a_thousand_items_answer_quickly() {
        let base = items();
        let many: Vec<&Item> = base.iter().cycle().take(1_000).collect();
        let index = ServiceIndex::new(many.iter().map(|i| Searchable {
            code: i.code,
            name: i.name,
            department: i.department,
            keywords: &i.keywords,
            pinyin: i.pinyin,
        }));
        let hits = index.search("sfz");
        assert_eq!(hits.len(), 1_000 / 6 + usize::from(1_000 % 6 > 1));
        assert!(hits.windows(2).all(|w| w[0].index < w[1].index));
    }
}
