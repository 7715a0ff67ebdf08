//! Demonstration data of 依申请公开: the county's agencies with their 公开指南, a 信息公开工作人员
//! account for three agencies (the request form, item `YSQGK`, is a data file of the demo guide:
//! `demo_services`), and requests in every state across those three agencies, dated
//! relative to the day the demo starts.
//!
//! | user | password | agency |
//! |---|---|---|
//! | `gk-jy` | `demo-gk-jy-2026` | 县教育局 |
//! | `gk-zf` | `demo-gk-zf-2026` | 县人民政府办公室 |
//! | `gk-mz` | `demo-gk-mz-2026` | 县民政局 |
//!
//! The requests are seeded once (when there are none) through the same store functions as
//! real ones, so the annual table of the demo is counted from them like any other; the test
//! `demo_annual_table_matches_the_hand_count` holds it to a count made by hand.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use guichet_core::calendar::Calendar;
use guichet_core::case::CaseType;
use guichet_core::catalog::generate::AGENCIES;
use guichet_core::disclosure::annual_report::{
    ApplicantCategory, CannotProvideReason, NotHandledReason, WithheldReason,
};
use guichet_core::disclosure::{DisclosureEvent, Receipt, Reply};
use serde_json::{Value, json};

use crate::db::{DbError, Pool};
use crate::disclosure_store::{self, Agency, ITEM_CODE, NewRequest, Step};
use crate::staff_store::{self, AccountError, StaffRole};
use crate::submissions_store::{self, NewCase, china_offset};

/// The center's opening hours, as on every demo item (`crates/server/demo/services/`).
const HOURS: &str =
    "工作日 上午9:00-12:00，下午13:30-17:30（夏季 下午15:00-18:00）；法定节假日除外";

/// The agencies with a demo officer and demo requests: 县教育局, 县人民政府办公室, 县民政局.
pub const DEMO_AGENCIES: [usize; 3] = [2, 0, 4];

/// `(username, display name, index in AGENCIES, password)`.
pub const DEMO_OFFICERS: &[(&str, &str, usize, &str)] = &[
    ("gk-jy", "县教育局信息公开（演示）", 2, "demo-gk-jy-2026"),
    ("gk-zf", "县政府办信息公开（演示）", 0, "demo-gk-zf-2026"),
    ("gk-mz", "县民政局信息公开（演示）", 4, "demo-gk-mz-2026"),
];

/// The 公开指南 of the `index`-th agency.
pub fn guide(index: usize) -> Value {
    let agency = &AGENCIES[index.min(AGENCIES.len() - 1)];
    json!({
        "office": format!("{}政务公开工作机构（办公室）", agency.name),
        "address": format!("县府前路88号 县行政中心{}号楼", index + 1),
        "postal_code": "451100",
        "hours": HOURS,
        "phone": format!("0371-6230{:04}", 2001 + index),
        "email": format!("xxgk{:02}@county.example.gov.cn", index + 1),
        "how_to_apply": "可在本平台在线填写提交（推荐，可随时查询办理进度），也可到受理地点当面提交，\
            或邮寄、传真《政府信息公开申请表》。请写明所需信息的名称、文号或便于查询的其他特征性描述。\
            在线提交的，以提交时间为准；工作时间以外或休息日提交的，自下一个工作日起算。",
        "fees": "不收费。申请公开政府信息的数量、频次明显超过合理范围的，可依照《政府信息公开信息处理费\
            管理办法》收取信息处理费。",
        "time_limit": "能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；\
            需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。\
            申请内容不明确的，在收到申请之日起7个工作日内一次性告知补正。",
    })
}

/// Seeds the agencies, the officers and (when there are none) the demo requests as of `now`.
pub async fn seed(pool: &Pool, calendar: &Calendar, now: DateTime<Utc>) -> Result<(), DbError> {
    for (index, agency) in AGENCIES.iter().enumerate() {
        let row = Agency {
            code: agency.code.into(),
            name: agency.name.into(),
            guide: guide(index),
        };
        disclosure_store::upsert_agency(pool, &row, index as i64)
            .await
            .map_err(DbError::Query)?;
    }
    for (username, name, index, password) in DEMO_OFFICERS {
        let role = StaffRole::Disclosure {
            agency_code: AGENCIES[*index].code.into(),
        };
        match staff_store::create_account_with_role(pool, username, name, &role, password).await {
            Ok(_) | Err(AccountError::Taken(_)) => {}
            Err(AccountError::Db(e)) => return Err(DbError::Query(e)),
            Err(other) => return Err(DbError::Query(sqlx::Error::Protocol(other.to_string()))),
        }
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM disclosure_requests")
        .fetch_one(pool)
        .await
        .map_err(DbError::Query)?;
    if count == 0 {
        seed_requests(pool, calendar, now).await?;
    }
    Ok(())
}

/// One demo request: agency (index in AGENCIES), applicant, its category, the receipt (working
/// days before today, or a fixed date), and its steps (working days before today).
struct DemoRequest {
    agency: usize,
    applicant: &'static str,
    category: ApplicantCategory,
    description: &'static str,
    received: When,
    steps: Vec<(When, DemoStep)>,
}

#[derive(Clone, Copy)]
enum When {
    /// This many working days before today.
    WorkingDaysAgo(u32),
    /// This many calendar days before today (for last year's requests).
    DaysAgo(i64),
}

enum DemoStep {
    Supplement,
    SupplementNotProvided,
    Consult,
    Extend(u32),
    Withdraw,
    Answer(Reply),
}

fn demo_requests() -> Vec<DemoRequest> {
    use ApplicantCategory as A;
    use DemoStep as S;
    use When::{DaysAgo, WorkingDaysAgo as Wd};
    let r = |agency, applicant, category, description, received, steps| DemoRequest {
        agency,
        applicant,
        category,
        description,
        received,
        steps,
    };
    vec![
        // 县教育局: open requests in every running state, and one carried over from last year.
        r(
            2,
            "张明",
            A::NaturalPerson,
            "本县2026年义务教育阶段学校招生划片范围及依据",
            Wd(2),
            vec![],
        ),
        r(
            2,
            "县星辰教育科技有限公司",
            A::Commercial,
            "关于校外培训机构监管的相关文件",
            Wd(5),
            vec![(Wd(3), S::Supplement)],
        ),
        r(
            2,
            "李芳",
            A::NaturalPerson,
            "县第二实验小学扩建项目的环境影响评价及批复情况",
            Wd(10),
            vec![(Wd(4), S::Consult)],
        ),
        r(
            2,
            "省教育科学研究院",
            A::Research,
            "2021年至2025年本县中小学教师编制核定及使用情况",
            Wd(25),
            vec![(Wd(6), S::Extend(20))],
        ),
        r(
            2,
            "王强",
            A::NaturalPerson,
            "县教育局2025年度部门决算中“三公”经费的明细",
            Wd(25),
            vec![],
        ),
        r(
            2,
            "赵敏",
            A::NaturalPerson,
            "县教育局关于学前教育普惠性补助资金分配的通知",
            DaysAgo(358),
            vec![(Wd(200), S::Answer(Reply::Disclosed))],
        ),
        // 县人民政府办公室: answered ones.
        r(
            0,
            "陈刚",
            A::NaturalPerson,
            "县政府2026年第3次常务会议纪要中关于老旧小区改造的内容",
            Wd(40),
            vec![(Wd(30), S::Answer(Reply::Disclosed))],
        ),
        r(
            0,
            "县正义律师事务所",
            A::LegalServices,
            "某地块征收补偿安置方案及其批准文件",
            Wd(60),
            vec![
                (Wd(50), S::Consult),
                (
                    Wd(40),
                    S::Answer(Reply::PartlyDisclosed {
                        reason: WithheldReason::ThirdPartyRights,
                        basis: "《中华人民共和国政府信息公开条例》第十五条".into(),
                    }),
                ),
            ],
        ),
        r(
            0,
            "刘洋",
            A::NaturalPerson,
            "县人民武装部关于征兵工作的内部部署文件",
            Wd(45),
            vec![(
                Wd(35),
                S::Answer(Reply::Withheld {
                    reason: WithheldReason::StateSecret,
                    basis: "《中华人民共和国政府信息公开条例》第十四条".into(),
                }),
            )],
        ),
        r(
            0,
            "县绿水青山环保公益协会",
            A::PublicInterest,
            "县城区污水处理厂2025年出水水质在线监测数据",
            Wd(30),
            vec![(
                Wd(22),
                S::Answer(Reply::NotHeld {
                    right_agency: Some("县生态环境分局".into()),
                }),
            )],
        ),
        // 县民政局: the other outcomes, and both kinds of withdrawal.
        r(
            4,
            "孙丽",
            A::NaturalPerson,
            "2026年城乡居民最低生活保障标准调整的通知",
            Wd(35),
            vec![(
                Wd(33),
                S::Answer(Reply::AlreadyPublic {
                    location: "县政府门户网站“政府信息公开—法定主动公开内容—社会救助”栏目".into(),
                }),
            )],
        ),
        r(
            4,
            "周杰",
            A::NaturalPerson,
            "全县历年各村婚姻登记人数按年龄段的统计分析报告",
            Wd(50),
            vec![(
                Wd(40),
                S::Answer(Reply::CannotProvide {
                    reason: CannotProvideReason::WouldNeedCreating,
                }),
            )],
        ),
        r(
            4,
            "吴军",
            A::NaturalPerson,
            "同一事项第三次申请：县养老院建设资金使用情况",
            Wd(28),
            vec![(
                Wd(20),
                S::Answer(Reply::NotHandled {
                    reason: NotHandledReason::Repeated,
                }),
            )],
        ),
        r(
            4,
            "郑红",
            A::NaturalPerson,
            "有关部门的那个文件",
            Wd(45),
            vec![(Wd(43), S::Supplement), (Wd(20), S::SupplementNotProvided)],
        ),
        r(
            4,
            "县社区服务中心",
            A::OtherOrganisation,
            "社区社会组织登记备案情况",
            Wd(15),
            vec![(Wd(12), S::Withdraw)],
        ),
    ]
}

fn working_days_ago(calendar: &Calendar, today: NaiveDate, when: When) -> NaiveDate {
    match when {
        When::DaysAgo(days) => today - Duration::days(days),
        When::WorkingDaysAgo(n) => {
            let mut date = today;
            let mut left = n;
            while left > 0 {
                date = date.pred_opt().unwrap_or(date);
                if calendar.is_working_day(date) {
                    left -= 1;
                }
            }
            date
        }
    }
}

fn at_ten(date: NaiveDate) -> DateTime<Utc> {
    let local = date.and_hms_opt(10, 0, 0).unwrap_or_default();
    china_offset()
        .from_local_datetime(&local)
        .single()
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
}

fn answers_of(request: &DemoRequest, agency_code: &str) -> serde_json::Map<String, Value> {
    let mut answers = json!({
        "agency": agency_code,
        "phone": "13800138000",
        "description": request.description,
        "delivery": "online",
        "format": "electronic",
    });
    if request.category == ApplicantCategory::NaturalPerson {
        answers["applicant_type"] = json!("natural_person");
        answers["name"] = json!(request.applicant);
        answers["id_type"] = json!("resident_id");
        answers["id_no"] = json!("11010519491231002X");
    } else {
        answers["applicant_type"] = json!("organisation");
        answers["org_name"] = json!(request.applicant);
        answers["org_kind"] = serde_json::to_value(request.category).unwrap_or_default();
        answers["credit_code"] = json!("91350100M000100Y43");
        answers["legal_rep"] = json!("负责人");
        answers["contact_name"] = json!("联系人");
    }
    match answers {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

async fn seed_requests(
    pool: &Pool,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let today = submissions_store::china_today(now);
    for (i, request) in demo_requests().iter().enumerate() {
        let agency_code = AGENCIES[request.agency].code;
        let received = working_days_ago(calendar, today, request.received);
        let answers = answers_of(request, agency_code);
        let hash =
            guichet_core::form::submission_hash(ITEM_CODE, 1, &Value::Object(answers.clone()));
        let new_request = NewRequest {
            agency_code: agency_code.into(),
            receipt: Receipt::online(received),
            applicant_category: request.category,
            applicant: request.applicant.into(),
            description: request.description.into(),
        };
        let client_id = format!("demo-disclosure-{i:03}-{}", received.year());
        let case = NewCase {
            client_id: &client_id,
            item_code: ITEM_CODE,
            department_code: disclosure_store::CASE_PREFIX,
            case_type: CaseType::Disclosure,
            form_version: 1,
            answers: &answers,
            content_hash: &hash,
            submitted_at: None,
            disclosure: Some((&new_request, received, false)),
        };
        let outcome = submissions_store::create_case(pool, &case, at_ten(received))
            .await
            .map_err(DbError::Query)?;
        let submissions_store::Outcome::Created(receipt) = outcome else {
            continue;
        };
        for (when, step) in &request.steps {
            let on = working_days_ago(calendar, today, *when);
            let step = demo_step(calendar, on, step);
            disclosure_store::apply(
                pool,
                calendar,
                &receipt.case_no,
                None,
                at_ten(on),
                |_| Ok(()),
                step,
            )
            .await
            .map_err(|e| DbError::Query(sqlx::Error::Protocol(e.to_string())))?;
        }
    }
    tracing::info!("demo mode: disclosure requests seeded");
    Ok(())
}

fn demo_step(calendar: &Calendar, on: NaiveDate, step: &DemoStep) -> Step {
    match step {
        DemoStep::Supplement => {
            let reply_by = calendar.add_working_days(on, 15).unwrap_or(on);
            let notice = json!({"missing": ["所需信息的名称或文号", "信息的大致形成时间"],
                "note": "您的申请内容不够明确，请补充所需信息的名称、文号或者其他特征性描述。",
                "reply_by": reply_by});
            let mut step = Step::new(
                DisclosureEvent::SupplementRequested { on },
                "request_supplement",
                notice.clone(),
            );
            step.supplement = Some(Some(notice));
            step
        }
        DemoStep::SupplementNotProvided => {
            let mut step = Step::new(
                DisclosureEvent::SupplementNotProvided { on },
                "deem_withdrawn",
                json!({}),
            );
            step.supplement = Some(None);
            step
        }
        DemoStep::Consult => Step::new(
            DisclosureEvent::ConsultationStarted { on },
            "consult_start",
            json!({"third_party": "相关权利人", "note": "涉及第三方合法权益，书面征求意见"}),
        ),
        DemoStep::Extend(days) => Step::new(
            DisclosureEvent::Extended {
                on,
                working_days: *days,
            },
            "extend",
            json!({"working_days": days, "reason": "涉及年份较多，需调取档案汇总"}),
        ),
        DemoStep::Withdraw => Step::new(
            DisclosureEvent::Withdrawn { on },
            "withdraw",
            json!({"note": "申请人书面撤回申请"}),
        ),
        DemoStep::Answer(reply) => {
            let mut document = serde_json::to_value(reply).unwrap_or_default();
            document["on"] = json!(on);
            document["text"] = json!(format!(
                "经审查，现就您申请公开的政府信息答复如下：{}。如对本答复不服，可以自收到本答复之日起60日内\
                 依法申请行政复议，或者在6个月内依法提起行政诉讼。",
                reply.label(guichet_core::Lang::Zh)
            ));
            document["files"] = json!([]);
            Step {
                event: DisclosureEvent::Answered {
                    on,
                    reply: reply.clone(),
                },
                action: "reply",
                detail: json!({"kind": reply.kind().code(), "files": 0}),
                supplement: Some(None),
                reply: Some(document),
                answers: None,
                supplement_row: None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_core::form::{FieldKind, Label};

    /// The request form (`crates/server/demo/services/YSQGK/`) offers the agencies seeded here,
    /// in their order, and asks no 用途 (2019 wording); its item has the center's hours.
    #[test]
    fn the_request_form_offers_the_seeded_agencies() {
        let (item, form) = crate::demo_services::items()
            .unwrap()
            .into_iter()
            .find(|(i, _)| i.code == ITEM_CODE)
            .unwrap();
        assert_eq!(item.hours, HOURS);
        let Some(FieldKind::Choice { options, .. }) = form.field("agency").map(|f| &f.kind) else {
            panic!("no agency choice");
        };
        let offered: Vec<(&str, &str)> = options
            .iter()
            .map(|o| match &o.label {
                Label::Text { zh, .. } => (o.value.as_str(), zh.as_str()),
                Label::Key { key } => (o.value.as_str(), key.as_str()),
            })
            .collect();
        let seeded: Vec<(&str, &str)> = AGENCIES.iter().map(|a| (a.code, a.name)).collect();
        assert_eq!(offered, seeded);
        assert_eq!(form.fields().filter(|f| f.id == "purpose").count(), 0);
    }
}
