//! Table 三 of the 政府信息公开工作年度报告: 「收到和处理政府信息公开申请情况」.
//!
//! The format is fixed by the State Council's office for government information disclosure
//! (《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号): seven columns of
//! applicants — 自然人; 法人或其他组织 split into 商业企业, 科研机构, 社会公益组织, 法律服务机构,
//! 其他; and 总计 — and the rows of [`Row::ALL`], in that order: new this year, carried over from
//! last year, each outcome with its sub-reasons, the total of outcomes, and what carries over
//! to next year. A request counts where its outcome was given (partial disclosure only as
//! such, never also under another row, as the format's note says).
//!
//! [`AnnualTable::compute`] counts it from the requests' receipt and outcome dates, so any year
//! can be produced again from the records; [`AnnualTable::to_csv`] writes it for the agency's
//! staff with the template's row and column labels.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Who applied, as the template's columns split them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantCategory {
    /// 自然人.
    NaturalPerson,
    /// 商业企业.
    Commercial,
    /// 科研机构.
    Research,
    /// 社会公益组织.
    PublicInterest,
    /// 法律服务机构.
    LegalServices,
    /// 其他 (法人或其他组织).
    OtherOrganisation,
}

impl ApplicantCategory {
    /// The category a request form's answers give: `applicant_type` is `natural_person` or
    /// `organisation`, and for an organisation `org_kind` is one of the five organisation
    /// codes (`commercial`, `research`, `public_interest`, `legal_services`,
    /// `other_organisation`); an unknown kind counts as 其他.
    pub fn from_form(applicant_type: &str, org_kind: Option<&str>) -> ApplicantCategory {
        if applicant_type == "natural_person" {
            return ApplicantCategory::NaturalPerson;
        }
        match org_kind {
            Some("commercial") => ApplicantCategory::Commercial,
            Some("research") => ApplicantCategory::Research,
            Some("public_interest") => ApplicantCategory::PublicInterest,
            Some("legal_services") => ApplicantCategory::LegalServices,
            _ => ApplicantCategory::OtherOrganisation,
        }
    }

    /// Every category, in the template's column order.
    pub const ALL: [ApplicantCategory; 6] = [
        ApplicantCategory::NaturalPerson,
        ApplicantCategory::Commercial,
        ApplicantCategory::Research,
        ApplicantCategory::PublicInterest,
        ApplicantCategory::LegalServices,
        ApplicantCategory::OtherOrganisation,
    ];

    fn column(self) -> usize {
        self as usize
    }
}

/// The template's column headings (the applicant categories, then the total), Chinese.
pub const COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// The outcome of a request, with the sub-reason the template counts it under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// （一）予以公开 (including 告知已主动公开, which gives access to the information).
    Disclosed,
    /// （二）部分公开.
    PartlyDisclosed,
    /// （三）不予公开.
    Withheld(WithheldReason),
    /// （四）无法提供.
    CannotProvide(CannotProvideReason),
    /// （五）不予处理.
    NotHandled(NotHandledReason),
    /// （六）其他处理.
    Other(OtherReason),
}

/// （三）不予公开, 1–8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithheldReason {
    /// 1.属于国家秘密.
    StateSecret,
    /// 2.其他法律行政法规禁止公开.
    ForbiddenByLaw,
    /// 3.危及“三安全一稳定”.
    Security,
    /// 4.保护第三方合法权益.
    ThirdPartyRights,
    /// 5.属于三类内部事务信息.
    InternalAffairs,
    /// 6.属于四类过程性信息.
    ProcessInformation,
    /// 7.属于行政执法案卷.
    EnforcementFile,
    /// 8.属于行政查询事项.
    AdministrativeQuery,
}

/// （四）无法提供, 1–3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CannotProvideReason {
    /// 1.本机关不掌握相关政府信息 (including 告知非本机关掌握).
    NotHeld,
    /// 2.没有现成信息需要另行制作.
    WouldNeedCreating,
    /// 3.补正后申请内容仍不明确.
    StillUnclear,
}

/// （五）不予处理, 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotHandledReason {
    /// 1.信访举报投诉类申请.
    Petition,
    /// 2.重复申请.
    Repeated,
    /// 3.要求提供公开出版物.
    Publication,
    /// 4.无正当理由大量反复申请.
    Excessive,
    /// 5.要求行政机关确认或重新出具已获取信息.
    Confirmation,
}

/// （六）其他处理, 1–3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherReason {
    /// 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请.
    NoSupplement,
    /// 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请.
    FeeUnpaid,
    /// 3.其他.
    Other,
}

/// A row of the table, in the template's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    /// 一、本年新收政府信息公开申请数量.
    NewThisYear,
    /// 二、上年结转政府信息公开申请数量.
    CarriedFromLastYear,
    /// 三、本年度办理结果 — the row of this outcome (a heading's own for 予以公开 and 部分公开,
    /// the sub-reason's for the others).
    Outcome(Outcome),
    /// （七）总计.
    Total,
    /// 四、结转下年度继续办理.
    CarriedToNextYear,
}

use CannotProvideReason as C;
use NotHandledReason as N;
use OtherReason as O;
use WithheldReason as W;

/// Every row with its label as the template writes it. The headings （三）–（六） have no count of
/// their own in the template's body; their sub-reasons do.
pub const ROWS: [(Row, &str); 25] = [
    (Row::NewThisYear, "一、本年新收政府信息公开申请数量"),
    (Row::CarriedFromLastYear, "二、上年结转政府信息公开申请数量"),
    (
        Row::Outcome(Outcome::Disclosed),
        "三、本年度办理结果 （一）予以公开",
    ),
    (
        Row::Outcome(Outcome::PartlyDisclosed),
        "三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    (
        Row::Outcome(Outcome::Withheld(W::StateSecret)),
        "（三）不予公开 1.属于国家秘密",
    ),
    (
        Row::Outcome(Outcome::Withheld(W::ForbiddenByLaw)),
        "（三）不予公开 2.其他法律行政法规禁止公开",
    ),
    (
        Row::Outcome(Outcome::Withheld(W::Security)),
        "（三）不予公开 3.危及“三安全一稳定”",
    ),
    (
        Row::Outcome(Outcome::Withheld(W::ThirdPartyRights)),
        "（三）不予公开 4.保护第三方合法权益",
    ),
    (
        Row::Outcome(Outcome::Withheld(W::InternalAffairs)),
        "（三）不予公开 5.属于三类内部事务信息",
    ),
    (
        Row::Outcome(Outcome::Withheld(W::ProcessInformation)),
        "（三）不予公开 6.属于四类过程性信息",
    ),
    (
        Row::Outcome(Outcome::Withheld(W::EnforcementFile)),
        "（三）不予公开 7.属于行政执法案卷",
    ),
    (
        Row::Outcome(Outcome::Withheld(W::AdministrativeQuery)),
        "（三）不予公开 8.属于行政查询事项",
    ),
    (
        Row::Outcome(Outcome::CannotProvide(C::NotHeld)),
        "（四）无法提供 1.本机关不掌握相关政府信息",
    ),
    (
        Row::Outcome(Outcome::CannotProvide(C::WouldNeedCreating)),
        "（四）无法提供 2.没有现成信息需要另行制作",
    ),
    (
        Row::Outcome(Outcome::CannotProvide(C::StillUnclear)),
        "（四）无法提供 3.补正后申请内容仍不明确",
    ),
    (
        Row::Outcome(Outcome::NotHandled(N::Petition)),
        "（五）不予处理 1.信访举报投诉类申请",
    ),
    (
        Row::Outcome(Outcome::NotHandled(N::Repeated)),
        "（五）不予处理 2.重复申请",
    ),
    (
        Row::Outcome(Outcome::NotHandled(N::Publication)),
        "（五）不予处理 3.要求提供公开出版物",
    ),
    (
        Row::Outcome(Outcome::NotHandled(N::Excessive)),
        "（五）不予处理 4.无正当理由大量反复申请",
    ),
    (
        Row::Outcome(Outcome::NotHandled(N::Confirmation)),
        "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    ),
    (
        Row::Outcome(Outcome::Other(O::NoSupplement)),
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        Row::Outcome(Outcome::Other(O::FeeUnpaid)),
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    (
        Row::Outcome(Outcome::Other(O::Other)),
        "（六）其他处理 3.其他",
    ),
    (Row::Total, "（七）总计"),
    (Row::CarriedToNextYear, "四、结转下年度继续办理"),
];

/// What the table needs of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestFacts {
    /// Who applied.
    pub applicant: ApplicantCategory,
    /// The date it counts as received (Art. 31).
    pub received_on: NaiveDate,
    /// The outcome and its date, once there is one.
    pub outcome: Option<(NaiveDate, Outcome)>,
}

/// The counts of one year: a row of seven numbers (six categories and the total) per row of
/// [`ROWS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualTable {
    /// The year.
    pub year: i32,
    /// `counts[i]` is the row `ROWS[i]`.
    pub counts: Vec<[u64; 7]>,
}

fn index_of(row: Row) -> usize {
    ROWS.iter().position(|(r, _)| *r == row).unwrap_or(0)
}

impl AnnualTable {
    /// Counts `year` from the requests (any order; requests of other years are skipped).
    pub fn compute<'a>(
        year: i32,
        requests: impl IntoIterator<Item = &'a RequestFacts>,
    ) -> AnnualTable {
        let mut counts = vec![[0u64; 7]; ROWS.len()];
        let (new, carried, total, next) = (
            index_of(Row::NewThisYear),
            index_of(Row::CarriedFromLastYear),
            index_of(Row::Total),
            index_of(Row::CarriedToNextYear),
        );
        let mut add = |row: usize, column: usize| {
            counts[row][column] += 1;
            counts[row][6] += 1;
        };
        for request in requests {
            let column = request.applicant.column();
            let received = request.received_on.year();
            let concluded = request.outcome.map(|(on, _)| on.year());
            if received > year || concluded.is_some_and(|y| y < year) {
                continue;
            }
            add(if received == year { new } else { carried }, column);
            match request.outcome {
                Some((on, outcome)) if on.year() == year => {
                    add(index_of(Row::Outcome(outcome)), column);
                    add(total, column);
                }
                _ => add(next, column),
            }
        }
        AnnualTable { year, counts }
    }

    /// The count of `row` in `column` (0–5 the categories of [`ApplicantCategory::ALL`], 6 the
    /// total).
    pub fn get(&self, row: Row, column: usize) -> u64 {
        self.counts
            .get(index_of(row))
            .and_then(|r| r.get(column))
            .copied()
            .unwrap_or(0)
    }

    /// The table as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs
    /// read the Chinese): the template's headings, then one line per row.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        out.push_str(&format!("{}年,", self.year));
        out.push_str(&COLUMNS.join(","));
        out.push_str("\r\n");
        for ((_, label), counts) in ROWS.iter().zip(&self.counts) {
            out.push('"');
            out.push_str(&label.replace('"', "\"\""));
            out.push('"');
            for count in counts {
                out.push(',');
                out.push_str(&count.to_string());
            }
            out.push_str("\r\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn request(
        applicant: ApplicantCategory,
        received: &str,
        outcome: Option<(&str, Outcome)>,
    ) -> RequestFacts {
        RequestFacts {
            applicant,
            received_on: d(received),
            outcome: outcome.map(|(on, o)| (d(on), o)),
        }
    }

    /// Seven requests counted by hand.
    #[test]
    fn a_year_counted_by_hand() {
        use ApplicantCategory::*;
        let requests = [
            // Carried from 2025, answered in 2026: 上年结转 and 予以公开.
            request(
                NaturalPerson,
                "2025-12-20",
                Some(("2026-01-10", Outcome::Disclosed)),
            ),
            // Answered in 2025: not in 2026 at all.
            request(
                NaturalPerson,
                "2025-11-02",
                Some(("2025-11-20", Outcome::Disclosed)),
            ),
            request(
                Commercial,
                "2026-03-01",
                Some(("2026-03-20", Outcome::PartlyDisclosed)),
            ),
            request(
                LegalServices,
                "2026-04-01",
                Some(("2026-04-21", Outcome::Withheld(W::ThirdPartyRights))),
            ),
            request(
                NaturalPerson,
                "2026-05-01",
                Some(("2026-05-08", Outcome::CannotProvide(C::NotHeld))),
            ),
            // Received late in 2026, answered in 2027: 结转下年度.
            request(
                Research,
                "2026-12-28",
                Some(("2027-01-15", Outcome::Disclosed)),
            ),
            // Received in 2027: not in 2026.
            request(Research, "2027-01-04", None),
        ];
        let table = AnnualTable::compute(2026, &requests);
        assert_eq!(table.get(Row::NewThisYear, 6), 4);
        assert_eq!(table.get(Row::NewThisYear, 0), 1);
        assert_eq!(table.get(Row::CarriedFromLastYear, 0), 1);
        assert_eq!(table.get(Row::Outcome(Outcome::Disclosed), 0), 1);
        assert_eq!(table.get(Row::Outcome(Outcome::PartlyDisclosed), 1), 1);
        assert_eq!(
            table.get(Row::Outcome(Outcome::Withheld(W::ThirdPartyRights)), 4),
            1
        );
        assert_eq!(
            table.get(Row::Outcome(Outcome::CannotProvide(C::NotHeld)), 0),
            1
        );
        assert_eq!(table.get(Row::Total, 6), 4);
        assert_eq!(table.get(Row::CarriedToNextYear, 2), 1);
        assert_eq!(table.get(Row::CarriedToNextYear, 6), 1);
        let csv = table.to_csv();
        assert!(csv.starts_with(
            "\u{feff}2026年,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计\r\n"
        ));
        assert!(csv.contains("\"（七）总计\",2,1,0,0,1,0,4\r\n"), "{csv}");
        assert_eq!(csv.lines().count(), 1 + ROWS.len());
    }

    #[test]
    fn rows_follow_the_template() {
        assert_eq!(ROWS.len(), 25);
        assert_eq!(ROWS[0].1, "一、本年新收政府信息公开申请数量");
        assert_eq!(ROWS[24].1, "四、结转下年度继续办理");
        // Every row once.
        for (index, (row, _)) in ROWS.iter().enumerate() {
            assert_eq!(index_of(*row), index);
        }
    }

    fn any_outcome() -> impl Strategy<Value = Outcome> {
        prop_oneof![
            Just(Outcome::Disclosed),
            Just(Outcome::PartlyDisclosed),
            Just(Outcome::Withheld(W::StateSecret)),
            Just(Outcome::CannotProvide(C::StillUnclear)),
            Just(Outcome::NotHandled(N::Repeated)),
            Just(Outcome::Other(O::NoSupplement)),
        ]
    }

    proptest! {
        /// Every column balances: new + carried in = outcomes + carried out.
        #[test]
        fn every_column_balances(items in proptest::collection::vec((0usize..6, 0i64..1000, proptest::option::of((0i64..200, any_outcome()))), 0..200)) {
            let origin = d("2025-06-01");
            let requests: Vec<RequestFacts> = items.iter().map(|(category, received, outcome)| {
                let received_on = origin + chrono::Duration::days(*received);
                RequestFacts {
                    applicant: ApplicantCategory::ALL[*category],
                    received_on,
                    outcome: outcome.map(|(after, o)| (received_on + chrono::Duration::days(after), o)),
                }
            }).collect();
            let table = AnnualTable::compute(2026, &requests);
            for column in 0..7 {
                let inflow = table.get(Row::NewThisYear, column) + table.get(Row::CarriedFromLastYear, column);
                let outflow = table.get(Row::Total, column) + table.get(Row::CarriedToNextYear, column);
                prop_assert_eq!(inflow, outflow);
                let outcomes: u64 = ROWS.iter().filter(|(r, _)| matches!(r, Row::Outcome(_))).map(|(r, _)| table.get(*r, column)).sum();
                prop_assert_eq!(outcomes, table.get(Row::Total, column));
            }
            let categories: u64 = (0..6).map(|c| table.get(Row::NewThisYear, c)).sum();
            prop_assert_eq!(categories, table.get(Row::NewThisYear, 6));
        }
    }
}
