//! Search-quality tests: what a person types at a village computer must find the document.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::catalog::{DisclosureMode, generate};

fn entry(
    index_no: &str,
    title: &str,
    summary: &str,
    agency: &str,
    doc_no: Option<&str>,
    keywords: &[&str],
    date: (i32, u32, u32),
) -> CatalogEntry {
    CatalogEntry {
        index_no: IndexNo::parse(index_no).unwrap(),
        title: title.into(),
        summary: summary.into(),
        topic: Topic::GeneralAffairs,
        genre: Genre::Circular,
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        agency: agency.into(),
        doc_no: doc_no.map(str::to_string),
        issued_on: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
        disclosure_mode: DisclosureMode::Proactive,
        validity: Validity::Valid,
        replaced_by: None,
        attachments: Vec::new(),
        revision: 1,
    }
}

const GOOD_BAD: &str = "11100000000013127D/2019-00051";
const GUIDE: &str = "11331024002497839G/2024-00001";
const REPORT: &str = "11331024002497839G/2025-00002";
const STANDARD: &str = "11331024002497944N/2024-00123";
const HOUSING: &str = "11331024002497901D/2023-00007";

fn fixture() -> Vec<CatalogEntry> {
    let mut entries = vec![
        entry(
            GOOD_BAD,
            "国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见",
            "建立政务服务绩效由企业和群众评判的“好差评”制度。",
            "国务院办公厅",
            Some("国办发〔2019〕51号"),
            &["政务服务", "好差评"],
            (2019, 12, 3),
        ),
        entry(
            GUIDE,
            "县教育局政府信息公开指南",
            "本指南介绍主动公开的范围和依申请公开的程序。",
            "县教育局",
            None,
            &["政府信息公开", "公开指南"],
            (2024, 3, 15),
        ),
        entry(
            REPORT,
            "县教育局2024年政府信息公开工作年度报告",
            "包括总体情况、主动公开和依申请公开情况。",
            "县教育局",
            None,
            &["年度报告", "2024"],
            (2025, 1, 20),
        ),
        entry(
            STANDARD,
            "关于贯彻GB/T 36113-2018《政务服务中心投诉处理规范》的通知",
            "2024年起按照标准处理投诉，涉及数据统计。",
            "县市场监督管理局",
            Some("县市监发〔2024〕12号"),
            &["投诉", "标准"],
            (2024, 5, 6),
        ),
        entry(
            HOUSING,
            "关于做好2023年老旧小区改造工作的通知",
            "推进住房保障，改善居民居住条件，涉及营业执照办理的商户另行通知。",
            "县住房和城乡建设局",
            Some("县建发〔2023〕7号"),
            &["住房", "老旧小区改造"],
            (2023, 4, 1),
        ),
    ];
    entries[3].topic = Topic::MarketSafety;
    entries[4].topic = Topic::ConstructionEnvironment;
    entries[2].genre = Genre::Report;
    entries[1].genre = Genre::Guide;
    entries
}

fn index() -> CatalogIndex {
    CatalogIndex::build(&fixture())
}

fn ids(index: &CatalogIndex, text: &str) -> Vec<String> {
    index
        .search(&SearchQuery::text(text), 1, 50)
        .hits
        .into_iter()
        .map(|h| h.entry_id.to_string())
        .collect()
}

fn highlights(hit: &Hit, field: Field) -> Vec<(u32, u32)> {
    hit.highlights
        .iter()
        .find(|h| h.field == field)
        .map(|h| h.ranges.clone())
        .unwrap_or_default()
}

#[test]
fn exact_title_comes_first() {
    let index = index();
    let found = ids(&index, "县教育局政府信息公开指南");
    assert_eq!(found.first().map(String::as_str), Some(GUIDE));
    let page = index.search(&SearchQuery::text("县教育局政府信息公开指南"), 1, 10);
    let hit = &page.hits[0];
    assert_eq!(highlights(hit, Field::Title), vec![(0, 12)]);
}

#[test]
fn part_of_a_phrase() {
    let index = index();
    assert_eq!(ids(&index, "公开指南")[0], GUIDE);
    assert_eq!(ids(&index, "年度报告")[0], REPORT);
    assert_eq!(ids(&index, "老旧小区"), vec![HOUSING]);
    // Both words, not adjacent.
    assert_eq!(ids(&index, "好差评 制度"), vec![GOOD_BAD]);
}

#[test]
fn an_agency() {
    let index = index();
    let mut found = ids(&index, "县教育局");
    found.sort();
    assert_eq!(found, vec![GUIDE, REPORT]);
    assert_eq!(ids(&index, "住房和城乡建设局"), vec![HOUSING]);
}

#[test]
fn a_document_number_in_every_bracket_variant() {
    let index = index();
    for query in [
        "国办发〔2019〕51号",
        "国办发[2019]51号",
        "国办发［2019］51号",
        "国办发【2019】51号",
        "国办发2019 51号",
        "国办发（2019）51号",
        "国办发",
    ] {
        assert_eq!(ids(&index, query), vec![GOOD_BAD], "{query}");
    }
    let page = index.search(&SearchQuery::text("国办发[2019]51号"), 1, 10);
    // 国办发〔2019〕51号: 国办发 0..3, 2019 4..8, 51号 9..12; brackets themselves unmarked.
    assert_eq!(
        highlights(&page.hits[0], Field::DocNo),
        vec![(0, 3), (4, 8), (9, 12)]
    );
    assert!(ids(&index, "国办发〔2019〕52号").is_empty());
}

#[test]
fn an_index_number() {
    let index = index();
    assert_eq!(ids(&index, STANDARD), vec![STANDARD]);
    assert_eq!(ids(&index, "11331024002497944n/2024-00123"), vec![STANDARD]);
    let page = index.search(&SearchQuery::text(STANDARD), 1, 1);
    assert_eq!(
        highlights(&page.hits[0], Field::IndexNo),
        vec![(0, 18), (19, 23), (24, 29)]
    );
}

#[test]
fn mixed_scripts_and_full_width() {
    let index = index();
    assert_eq!(ids(&index, "2024年 GB/T 数据"), vec![STANDARD]);
    assert_eq!(ids(&index, "ｇｂ／ｔ　３６１１３"), vec![STANDARD]);
    assert_eq!(ids(&index, "gb 36113-2018"), vec![STANDARD]);
    // The last word is a prefix while typing; an earlier word must be whole.
    assert_eq!(ids(&index, "投诉 3611"), vec![STANDARD]);
    assert!(ids(&index, "3611 投诉").is_empty());
}

#[test]
fn a_single_cjk_character() {
    let index = index();
    let mut found = ids(&index, "旧");
    found.sort();
    assert_eq!(found, vec![HOUSING]);
    let found = ids(&index, "县");
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn nothing_found() {
    let index = index();
    let page = index.search(&SearchQuery::text("火星移民"), 1, 10);
    assert_eq!(page.total, 0);
    assert!(page.hits.is_empty());
    assert!(ids(&index, "zzz").is_empty());
    assert!(ids(&index, "公开 火星").is_empty());
}

#[test]
fn title_match_ranks_above_summary_match() {
    let index = index();
    // 营业执照 is only in HOUSING's summary; put it in a title elsewhere.
    let mut entries = fixture();
    entries.push(entry(
        "11331024002497944N/2024-00200",
        "营业执照办理指南",
        "办理流程。",
        "县市场监督管理局",
        None,
        &[],
        (2020, 1, 1),
    ));
    let index2 = CatalogIndex::build(&entries);
    assert_eq!(
        ids(&index2, "营业执照"),
        vec!["11331024002497944N/2024-00200", HOUSING]
    );
    assert_eq!(ids(&index, "营业执照"), vec![HOUSING]);
    // 住房: HOUSING has it in its agency, keywords and summary; nothing in a title.
    let page = index.search(&SearchQuery::text("住房"), 1, 10);
    assert_eq!(page.total, 1);
    assert!(page.hits[0].score > 0.0);
}

#[test]
fn highlight_positions() {
    let index = index();
    let page = index.search(&SearchQuery::text("信息公开"), 1, 10);
    let guide = page
        .hits
        .iter()
        .find(|h| h.entry_id.as_str() == GUIDE)
        .unwrap();
    // 县教育局政府信息公开指南: 信息公开 at 6..10.
    assert_eq!(highlights(guide, Field::Title), vec![(6, 10)]);
    // Keywords 政府信息公开；公开指南 → 信息公开 at 2..6 (the separator counts as one char).
    assert_eq!(highlights(guide, Field::Keywords), vec![(2, 6)]);
    // The summary has 公开 but not 信息公开: nothing is marked there (the bigrams of a phrase
    // are marked apart only for a scattered match, see below).
    assert_eq!(highlights(guide, Field::Summary), vec![]);
    // 小区改善 is nowhere as typed: 小区改 is in the title, 改善 in the summary.
    let page = index.search(&SearchQuery::text("小区改善"), 1, 10);
    assert_eq!(page.total, 1);
    assert_eq!(highlights(&page.hits[0], Field::Title), vec![(11, 14)]);
    assert_eq!(highlights(&page.hits[0], Field::Summary), vec![(7, 9)]);
    // Spans of different terms merge when they overlap or touch.
    let page = index.search(&SearchQuery::text("老旧 小区改造"), 1, 10);
    assert_eq!(highlights(&page.hits[0], Field::Title), vec![(9, 15)]);
}

#[test]
fn filters_facets_and_paging() {
    let entries = generate::entries(3, 500);
    let index = CatalogIndex::build(&entries);
    let all = index.search(&SearchQuery::default(), 1, 20);
    assert_eq!(all.total, 500);
    // Newest first without a query.
    assert!(all.hits.windows(2).all(|w| {
        let date = |h: &Hit| {
            entries
                .iter()
                .find(|e| e.index_no == h.entry_id)
                .unwrap()
                .issued_on
        };
        date(&w[0]) >= date(&w[1])
    }));
    let mut seen = std::collections::HashSet::new();
    for page in 1..=25 {
        for hit in index.search(&SearchQuery::default(), page, 20).hits {
            assert!(seen.insert(hit.entry_id));
        }
    }
    assert_eq!(seen.len(), 500);
    assert!(
        index
            .search(&SearchQuery::default(), 26, 20)
            .hits
            .is_empty()
    );

    let target = &entries[100];
    let subject = target.keywords[0].clone();
    let query = SearchQuery {
        text: subject.clone(),
        filters: Filters {
            agency: Some(target.agency.clone()),
            year: Some(target.year()),
            ..Filters::default()
        },
    };
    let expected = entries
        .iter()
        .filter(|e| e.agency == target.agency && e.year() == target.year())
        .filter(|e| {
            e.title.contains(&subject)
                || e.summary.contains(&subject)
                || e.keywords.iter().any(|k| k.contains(&subject))
        })
        .count();
    assert!(expected >= 1);
    assert_eq!(index.search(&query, 1, 10).total, expected);
    let facets = index.facets(&query);
    // A dimension's counts ignore its own filter (see `facets_exclude_their_own_filter`).
    assert!(
        facets
            .agency
            .contains(&(target.agency.clone(), expected as u32))
    );
    assert!(facets.year.contains(&(target.year(), expected as u32)));
    let facets = index.facets(&SearchQuery::default());
    assert_eq!(facets.topic.len(), Topic::ALL.len());
    assert_eq!(facets.topic.iter().map(|(_, c)| c).sum::<u32>(), 500);
    let revised = entries
        .iter()
        .filter(|e| e.validity == Validity::Revised)
        .count() as u32;
    assert!(facets.validity.contains(&(Validity::Revised, revised)));
    assert!(facets.year.windows(2).all(|w| w[0].0 > w[1].0));
    // Unknown agency: nothing.
    let none = SearchQuery {
        filters: Filters {
            agency: Some("县火星局".into()),
            ..Filters::default()
        },
        ..SearchQuery::default()
    };
    assert_eq!(index.search(&none, 1, 10).total, 0);
}

#[test]
fn facets_exclude_their_own_filter() {
    let entries = generate::entries(5, 800);
    let index = CatalogIndex::build(&entries);
    let target = &entries[50];
    let subject = target.keywords[0].clone();
    let matches = |e: &CatalogEntry| {
        e.title.contains(&subject)
            || e.summary.contains(&subject)
            || e.keywords.iter().any(|k| k.contains(&subject))
    };
    let query = SearchQuery {
        text: subject.clone(),
        filters: Filters {
            topic: Some(target.topic),
            year: Some(target.year()),
            ..Filters::default()
        },
    };
    let facets = index.facets(&query);
    // Topics: every topic with the text and the year, whatever topic is chosen.
    let topics: Vec<(Topic, u32)> = Topic::ALL
        .iter()
        .map(|t| {
            let n = entries
                .iter()
                .filter(|e| matches(e) && e.year() == target.year() && e.topic == *t)
                .count() as u32;
            (*t, n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(facets.topic, topics);
    // Years: every year with the text and the chosen topic.
    let mut years: Vec<u16> = entries
        .iter()
        .filter(|e| matches(e) && e.topic == target.topic)
        .map(CatalogEntry::year)
        .collect();
    years.sort_unstable();
    years.dedup();
    assert_eq!(
        facets
            .year
            .iter()
            .map(|(y, _)| *y)
            .rev()
            .collect::<Vec<_>>(),
        years
    );
    // Genres are not filtered: both filters apply, and the counts add up to the total.
    let total = index.search(&query, 1, 1).total as u32;
    assert_eq!(facets.genre.iter().map(|(_, n)| n).sum::<u32>(), total);
    assert!(facets.year.contains(&(target.year(), total)));
    let chosen = facets.topic.iter().find(|(t, _)| *t == target.topic);
    assert_eq!(chosen, Some(&(target.topic, total)));
    // Without the topic filter, the topic counts are the same.
    let mut unfiltered = query.clone();
    unfiltered.filters.topic = None;
    assert_eq!(index.facets(&unfiltered).topic, topics);
}

#[test]
fn incremental_update_and_delete() {
    let mut index = index();
    let mut changed = fixture().remove(4);
    changed.title = "关于做好2024年城中村改造工作的通知".into();
    index.upsert(&changed);
    assert_eq!(index.len(), 5);
    assert!(ids(&index, "老旧小区改造").contains(&HOUSING.to_string())); // still in keywords
    assert_eq!(ids(&index, "城中村"), vec![HOUSING]);
    changed.keywords.clear();
    index.upsert(&changed);
    assert!(ids(&index, "老旧小区改造").is_empty());
    assert!(index.remove(&IndexNo::parse(HOUSING).unwrap()));
    assert!(!index.remove(&IndexNo::parse(HOUSING).unwrap()));
    assert!(ids(&index, "城中村").is_empty());
    assert_eq!(index.len(), 4);
    assert_eq!(index.search(&SearchQuery::default(), 1, 10).total, 4);
    // Compacting gives the same answers as a fresh build of the same entries.
    index.compact();
    let fresh = CatalogIndex::build(&fixture()[..4]);
    assert_eq!(index, fresh);
}

#[test]
fn bytes_round_trip() {
    let mut index = CatalogIndex::build(&generate::entries(9, 300));
    index.remove(&generate::entries(9, 300)[10].index_no);
    let bytes = index.to_bytes();
    let loaded = CatalogIndex::from_bytes(&bytes).unwrap();
    // The bytes lay the texts out anew (titles together, the removed entry's texts left out),
    // so the loaded index is the same catalog, not the same arena: it answers alike, and
    // writes the same bytes again.
    assert_eq!(loaded.to_bytes(), bytes);
    assert_eq!(
        CatalogIndex::from_bytes(&loaded.to_bytes()).unwrap(),
        loaded
    );
    assert_eq!(loaded.len(), index.len());
    for query in [
        "通知",
        "2024",
        "县教发",
        "统计数据",
        "〔2023〕",
        "意见 2019",
        "",
    ] {
        assert_eq!(
            loaded.search(&SearchQuery::text(query), 2, 7),
            index.search(&SearchQuery::text(query), 2, 7),
            "{query}"
        );
    }
    assert_eq!(
        loaded.facets(&SearchQuery::text("通知")),
        index.facets(&SearchQuery::text("通知"))
    );
    // Damage is detected, never a panic.
    assert_eq!(CatalogIndex::from_bytes(b"nope"), Err(IndexError::BadMagic));
    let mut other = bytes.clone();
    other[4] = 9;
    assert_eq!(
        CatalogIndex::from_bytes(&other),
        Err(IndexError::UnsupportedVersion(9))
    );
    let mut flipped = bytes.clone();
    flipped[100] ^= 1;
    assert_eq!(
        CatalogIndex::from_bytes(&flipped),
        Err(IndexError::Checksum)
    );
    for cut in [12, 50, bytes.len() / 2, bytes.len() - 1] {
        assert!(CatalogIndex::from_bytes(&bytes[..cut]).is_err());
    }
    let empty = CatalogIndex::new();
    assert_eq!(CatalogIndex::from_bytes(&empty.to_bytes()).unwrap(), empty);
}

#[test]
fn normalisation() {
    assert_eq!(normalize_char('Ａ'), 'a');
    assert_eq!(normalize_char('２'), '2');
    assert_eq!(normalize_char('〔'), '〔');
    assert_eq!(class(normalize_char('［')), Class::Separator);
    assert_eq!(class('〇'), Class::Cjk);
    let prepared = prepare("国办发〔2019〕51号 gb");
    assert_eq!(prepared.terms.len(), 5);
    assert!(prepared.terms[4].prefix);
    assert!(!prepare("gb ").terms[0].prefix);
    assert_eq!(
        search_terms("国办发［2019］51号"),
        ["国办发", "2019", "51", "号"]
    );
    assert_eq!(
        normalize_text("国办发〔2019〕51号 ＧＢ/T"),
        "国办发 2019 51 号 gb t"
    );
    // The server's search folds traditional characters like the offline index.
    assert_eq!(
        search_terms("國辦發［2019］51號 營業執照"),
        ["国办发", "2019", "51", "号", "营业执照"]
    );
    assert_eq!(normalize_text("年度報告"), "年度报告");
}

/// The server's demo catalog (`guichet_server::demo_catalog::demo_entries`, built the same way
/// here since the core cannot depend on the server): 330 documents, then per agency its two
/// 公开指南 and three 年度报告.
fn demo_catalog() -> Vec<CatalogEntry> {
    let mut entries = generate::entries(2026, 330);
    for agency in generate::AGENCIES {
        let mut old_guide = generate::guide(agency, 2021, 90_001);
        old_guide.validity = Validity::Revised;
        entries.push(old_guide);
        entries.push(generate::guide(agency, 2024, 90_001));
        for (n, year) in (2023..=2025).enumerate() {
            entries.push(generate::annual_report(agency, year, 90_002 + n as u32));
        }
    }
    entries
}

/// The texts of an entry's searched fields, as the index reads them.
fn fields(entry: &CatalogEntry) -> Vec<String> {
    vec![
        entry.title.clone(),
        entry.doc_no.clone().unwrap_or_default(),
        entry.index_no.to_string(),
        entry.agency.clone(),
        entry.keywords.join(KEYWORD_SEPARATOR),
        entry.summary.clone(),
    ]
}

fn has_phrase(entry: &CatalogEntry, phrase: &str) -> bool {
    fields(entry).iter().any(|f| f.contains(phrase))
}

#[test]
fn a_phrase_matches_as_typed_in_one_field() {
    let entries = demo_catalog();
    let index = CatalogIndex::build(&entries);
    let by_id: HashMap<String, &CatalogEntry> = entries
        .iter()
        .map(|e| (e.index_no.to_string(), e))
        .collect();
    for phrase in [
        "疗保障",
        "2024年",
        "第3号令",
        "年度报告",
        "公开指南",
        "医疗保险",
    ] {
        let expected = entries.iter().filter(|e| has_phrase(e, phrase)).count();
        assert!(expected > 0, "{phrase}: the demo catalog has it");
        let page = index.search(&SearchQuery::text(phrase), 1, 20);
        // Every entry with the phrase, and no other (the scattered ones are dropped).
        assert_eq!(page.total, expected, "{phrase}");
        assert!(!page.hits.is_empty());
        for hit in &page.hits {
            let entry = by_id[&hit.entry_id.to_string()];
            assert!(
                has_phrase(entry, phrase),
                "{phrase}: {} has it in no field",
                entry.title
            );
            // Only the phrase is marked.
            assert!(!hit.highlights.is_empty());
            for field in &hit.highlights {
                let text: Vec<char> = fields(entry)
                    [Field::ALL.iter().position(|f| *f == field.field).unwrap()]
                .chars()
                .collect();
                for &(from, to) in &field.ranges {
                    let marked: String = text[from as usize..to as usize].iter().collect();
                    assert!(phrase.contains(&marked), "{phrase}: marked {marked}");
                }
            }
        }
        // The facets count the same entries.
        let facets = index.facets(&SearchQuery::text(phrase));
        assert_eq!(
            facets.topic.iter().map(|(_, n)| *n as usize).sum::<usize>(),
            expected
        );
    }
}

#[test]
fn a_scattered_match_is_kept_when_nothing_better_exists() {
    let index = index();
    // 小区改 is in the title, 改善 in the summary: no field has 「小区改善」.
    assert_eq!(ids(&index, "小区改善"), [HOUSING]);
    // Two phrases typed apart may be in two fields.
    assert_eq!(ids(&index, "2019 意见"), [GOOD_BAD]);
}

#[test]
fn document_number_brackets_rank_their_documents_first() {
    let entries = demo_catalog();
    let index = CatalogIndex::build(&entries);
    for (query, bracketed) in [
        ("〔2023〕", "〔2023〕"),
        ("[2024]", "〔2024〕"),
        ("【2023】", "〔2023〕"),
    ] {
        let numbered: Vec<String> = entries
            .iter()
            .filter(|e| e.doc_no.as_deref().is_some_and(|d| d.contains(bracketed)))
            .map(|e| e.index_no.to_string())
            .collect();
        assert!(numbered.len() > 5, "{query}");
        let page = index.search(&SearchQuery::text(query), 1, 100);
        // The year without brackets (a 索引号, a title) still matches, after them.
        assert!(page.total > numbered.len(), "{query}");
        let first: Vec<String> = page.hits[..numbered.len()]
            .iter()
            .map(|h| h.entry_id.to_string())
            .collect();
        for id in &first {
            assert!(
                numbered.contains(id),
                "{query}: {id} is not numbered {bracketed}"
            );
        }
    }
    // With the agency's prefix too, and as it is typed (no closing bracket yet).
    let doc_no = entries
        .iter()
        .find_map(|e| e.doc_no.as_deref().filter(|d| d.contains("〔2023〕")))
        .unwrap();
    let typed = &doc_no[..doc_no.find("〕").unwrap()];
    let page = index.search(&SearchQuery::text(typed), 1, 20);
    assert!(!page.hits.is_empty());
    let by_id: HashMap<String, &CatalogEntry> = entries
        .iter()
        .map(|e| (e.index_no.to_string(), e))
        .collect();
    for hit in &page.hits {
        let doc_no = by_id[&hit.entry_id.to_string()]
            .doc_no
            .clone()
            .unwrap_or_default();
        assert!(
            doc_no.starts_with(&format!("{typed}〕")),
            "{typed}: {doc_no}"
        );
    }
}

#[test]
fn traditional_characters_find_what_simplified_ones_find() {
    let entries = demo_catalog();
    let index = CatalogIndex::build(&entries);
    for (traditional, simplified) in [
        ("營業執照", "营业执照"),
        ("公開指南", "公开指南"),
        ("年度報告", "年度报告"),
        ("財政預算", "财政预算"),
    ] {
        let expected = index.search(&SearchQuery::text(simplified), 1, 20);
        assert!(expected.total > 0, "{simplified}");
        assert_eq!(
            index.search(&SearchQuery::text(traditional), 1, 20),
            expected
        );
    }
    // Traditional text is found by a simplified query, and highlighted where it is.
    let mut traditional = fixture();
    traditional[1].title = "縣教育局政府資訊公開指南".into();
    let index = CatalogIndex::build(&traditional);
    let page = index.search(&SearchQuery::text("公开指南"), 1, 20);
    let hit = page
        .hits
        .iter()
        .find(|h| h.entry_id.as_str() == GUIDE)
        .unwrap();
    assert_eq!(highlights(hit, Field::Title), [(8, 12)]);
    assert_eq!(ids(&index, "縣教育局"), ids(&index, "县教育局"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any two consecutive characters of a title find its entry.
    #[test]
    fn every_two_char_substring_of_a_title_finds_it(seed in 0u64..1_000, pick in 0usize..200, at in 0usize..64) {
        let entries = generate::entries(seed, 200);
        let index = CatalogIndex::build(&entries);
        let target = &entries[pick];
        let chars: Vec<char> = target.title.chars().collect();
        let start = at % (chars.len() - 1);
        // Inside a word of Latin letters or digits only prefixes are searched (`20` finds
        // `2024`, `02` does not).
        prop_assume!(start == 0 || !(chars[start - 1].is_ascii_alphanumeric() && chars[start].is_ascii_alphanumeric()));
        let query: String = chars[start..start + 2].iter().collect();
        let total = index.search(&SearchQuery::text(&query), 1, 1).total;
        let mut found = false;
        for page in 1..=total.div_ceil(100) as u32 {
            if index.search(&SearchQuery::text(&query), page, 100).hits.iter().any(|h| h.entry_id == target.index_no) {
                found = true;
                break;
            }
        }
        prop_assert!(found, "{query:?} did not find {}", target.title);
    }
}

/// The bounded ranking (candidates only counted once they cannot make the page, texts read
/// only while they can) gives every page exactly as ranking every match in full does.
#[test]
fn every_page_is_the_full_ranking_cut() {
    let entries = generate::entries(2026, 3000);
    let index = CatalogIndex::build(&entries);
    let loaded = CatalogIndex::from_bytes(&index.to_bytes()).unwrap();
    for query in [
        "通知",
        "2024",
        "统计数据",
        "公开指南",
        "县教发",
        "医疗保险",
        "2019 意见",
        "〔2023〕",
        "教育 通知",
        "低保",
        "最低生活保障",
        "县政办发〔2023〕",
        "补贴",
        "安全",
    ] {
        let text = SearchQuery::text(query);
        let total = index.search(&text, 1, 1).total;
        let full = index.search(&text, 1, total.max(1) as u32);
        assert_eq!(full.hits.len(), total, "{query}");
        for size in [1u32, 7, 20] {
            for page in 1..=3u32 {
                let start = ((page - 1) * size) as usize;
                let expected: Vec<(&IndexNo, f32)> = full
                    .hits
                    .iter()
                    .skip(start)
                    .take(size as usize)
                    .map(|h| (&h.entry_id, h.score))
                    .collect();
                for searched in [&index, &loaded] {
                    let got = searched.search(&text, page, size);
                    assert_eq!(got.total, total, "{query}");
                    let got: Vec<(&IndexNo, f32)> =
                        got.hits.iter().map(|h| (&h.entry_id, h.score)).collect();
                    assert_eq!(got, expected, "{query}, page {page} of {size}");
                }
            }
        }
    }
}
