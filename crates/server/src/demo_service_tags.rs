//! The demo items' tags: who each is for (个人办事 / 法人办事), the words people search it with,
//! and its life events (一件事). A table by item code, applied by `demo_services` and
//! `demo_disclosure` when they build the demo items, kept apart from their text.

use guichet_core::service::{Audience, LifeEvent, ServiceTags};

use Audience::{Company as C, Person as P};
use LifeEvent::{Birth, Business, Death, Employment, Housing, Marriage, Retirement, School};

/// `(code, audiences, life events, keywords)`.
type Row = (
    &'static str,
    &'static [Audience],
    &'static [LifeEvent],
    &'static [&'static str],
);

const TAGS: &[Row] = &[
    (
        "SC-001",
        &[C],
        &[Business],
        &["开公司", "注册公司", "营业执照"],
    ),
    (
        "SC-002",
        &[P],
        &[Business, Employment],
        &["个体户", "开店", "营业执照"],
    ),
    (
        "SC-003",
        &[P, C],
        &[Business],
        &["餐馆", "饭店", "小卖部", "食品许可证"],
    ),
    (
        "SC-004",
        &[C],
        &[Business],
        &["开公司", "刻章", "发票", "社保登记"],
    ),
    ("SC-005", &[C], &[], &["变更", "改名", "换照"]),
    ("ZJ-001", &[C], &[], &["施工许可", "施工证"]),
    ("ZJ-002", &[C], &[Housing], &["预售证", "楼盘"]),
    ("ZJ-003", &[C], &[], &["验收", "竣工"]),
    (
        "JT-001",
        &[P, C],
        &[Employment],
        &["货车", "货运", "运输证"],
    ),
    ("JT-002", &[P], &[Employment], &["出租车", "网约车", "司机"]),
    ("JT-003", &[P, C], &[], &["超载", "大件运输"]),
    ("JT-004", &[P, C], &[Business], &["修车", "汽修"]),
    ("GA-001", &[P], &[], &["身份证", "换证", "到期"]),
    (
        "GA-002",
        &[P],
        &[Marriage, Housing],
        &["户口", "落户", "迁户口"],
    ),
    ("GA-003", &[P], &[Employment], &["无犯罪证明", "政审"]),
    ("GA-004", &[C], &[Business], &["刻章", "印章"]),
    ("MZ-001", &[P], &[Marriage], &["结婚证", "领证"]),
    (
        "MZ-002",
        &[P],
        &[Retirement, Death],
        &["低保", "救助", "困难"],
    ),
    ("MZ-003", &[C], &[], &["协会", "社团"]),
    ("WJ-001", &[C], &[Business], &["诊所", "医院"]),
    (
        "WJ-002",
        &[P, C],
        &[Business],
        &["卫生许可证", "理发店", "宾馆"],
    ),
    ("WJ-003", &[P], &[Birth], &["出生证", "出生证明", "新生儿"]),
    (
        "ZR-001",
        &[P, C],
        &[Housing],
        &["房产证", "不动产权证", "房本"],
    ),
    ("ZR-002", &[C], &[], &["用地规划"]),
    ("ZR-003", &[P], &[Housing], &["农村建房", "宅基地", "盖房"]),
    ("RS-001", &[P], &[Employment], &["失业金", "失业"]),
    (
        "RS-002",
        &[P],
        &[Employment, School],
        &["就业证", "创业", "毕业生"],
    ),
    (
        "RS-003",
        &[P],
        &[Birth, Employment, Retirement, Death],
        &["社保卡", "医保卡"],
    ),
    (
        "JY-001",
        &[P],
        &[Employment, School],
        &["教师资格证", "教资"],
    ),
    ("JY-002", &[C], &[School], &["幼儿园", "办学"]),
    ("CG-001", &[C], &[], &["渣土", "建筑垃圾"]),
    ("CG-002", &[P, C], &[Business], &["广告牌", "招牌"]),
    ("XF-001", &[C], &[Business], &["消防", "开业"]),
    ("ST-001", &[C], &[], &["环评"]),
    (
        "SW-001",
        &[P],
        &[Employment, Housing],
        &["个税", "完税证明", "纳税证明"],
    ),
    ("YSQGK", &[P, C], &[], &["信息公开", "依申请公开"]),
];

/// The tags of a demo item; none for an unknown code.
pub fn tags(code: &str) -> ServiceTags {
    TAGS.iter()
        .find(|row| row.0 == code)
        .map(|(_, audiences, events, keywords)| ServiceTags {
            audiences: audiences.to_vec(),
            keywords: keywords.iter().map(|k| (*k).to_owned()).collect(),
            life_events: events.to_vec(),
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_item_is_tagged_and_every_row_is_an_item() {
        let items = crate::demo_services::catalogue();
        for (item, _) in &items {
            assert!(
                !item.tags.audiences.is_empty(),
                "{} has no audience",
                item.code
            );
            assert!(
                !item.tags.keywords.is_empty(),
                "{} has no keyword",
                item.code
            );
        }
        for row in TAGS {
            assert!(
                items.iter().any(|(item, _)| item.code == row.0),
                "{} is not a demo item",
                row.0
            );
        }
        for event in LifeEvent::ALL {
            assert!(
                items
                    .iter()
                    .any(|(item, _)| item.tags.life_events.contains(&event)),
                "no demo item for {event:?}"
            );
        }
    }
}
