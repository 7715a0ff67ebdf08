//! Service items (事项) and their ten public disclosures (十公开).
//!
//! A [`ServiceItem`] is what the portal publishes about one thing a person can apply for:
//! 实施机关 (the department, [`ServiceItem::department`]), 事项名称, 法律依据, 办事程序,
//! 申报条件, 申报材料 ([`Material`]), 承诺时限 and 法定时限 in working days, 收费依据 and
//! 收费标准 ([`Fee`]), 办事结果 — plus where, when and whom to call, the case type
//! ([`CaseType`] from [`crate::case`]) and, for a 联办件, the departments taking part.
//!
//! [`ServiceItem::check`] enforces the rules that make a disclosure honest: 承诺时限 ≤ 法定时限
//! (the commitment may only shorten the law's limit), a joint case names its departments, and
//! nothing required is blank. The server checks before publishing; the app can check an
//! item it has cached.

use serde::{Deserialize, Serialize};

use crate::case::CaseType;
use crate::i18n::{Lang, Localized, tr, tr_args};

/// A department as named on an item: its code (used in case numbers, e.g. `"JT"`) and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DepartmentRef {
    /// Short stable code, upper-case ASCII letters (`"SC"`, `"JT"`).
    pub code: String,
    /// Full name, e.g. `"县交通运输局"`.
    pub name: String,
}

/// A department of the county with its contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    /// Short stable code, upper-case ASCII letters.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Where its windows are.
    pub address: String,
    /// Its enquiries telephone.
    pub telephone: String,
}

/// The form in which a material is handed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialForm {
    /// 原件.
    Original,
    /// 复印件.
    Copy,
    /// 原件及复印件 (the original is shown and returned, the copy kept).
    OriginalAndCopy,
}

impl MaterialForm {
    /// "原件" / "Original".
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MaterialForm::Original => tr(lang, "service.material.original"),
            MaterialForm::Copy => tr(lang, "service.material.copy"),
            MaterialForm::OriginalAndCopy => tr(lang, "service.material.original_and_copy"),
        }
    }
}

/// One entry of 申报材料.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    /// Its name, e.g. `"申请人身份证明"`.
    pub name: String,
    /// Original, copy or both.
    pub form: MaterialForm,
    /// How many (份).
    pub count: u32,
    /// Whether it must be supplied (some are needed only in some situations).
    pub required: bool,
    /// Whether it can be uploaded online (otherwise it is brought to the window).
    pub uploadable: bool,
    /// When it is needed, if not always (e.g. `"委托他人办理的"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// 收费标准.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Fee {
    /// 不收费.
    Free,
    /// Charged, with its standard and basis.
    Charged {
        /// 收费标准, e.g. `"工本费每证10元"`.
        standard: String,
        /// 收费依据 (the pricing document).
        basis: String,
    },
}

impl Fee {
    /// "不收费" or the standard.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Fee::Free => tr(lang, "service.fee.free").to_owned(),
            Fee::Charged { standard, .. } => standard.clone(),
        }
    }
}

/// A service item with its ten disclosures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceItem {
    /// 事项编码: stable, used in URLs (`/api/services/{code}`).
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// 实施机关: the department that decides (and receives a joint case).
    pub department: DepartmentRef,
    /// 办件类型.
    pub case_type: CaseType,
    /// 法律依据: the laws and regulations, one per entry.
    pub legal_basis: Vec<String>,
    /// 办事程序: the steps, in order.
    pub steps: Vec<String>,
    /// 申报条件: who may apply and under what conditions.
    pub conditions: Vec<String>,
    /// 申报材料.
    pub materials: Vec<Material>,
    /// 承诺时限 in working days (0 for a case done on the spot).
    pub promised_days: u32,
    /// 法定时限 in working days.
    pub legal_days: u32,
    /// 收费标准 and 收费依据.
    pub fee: Fee,
    /// 办事结果: what the applicant receives (licence, certificate, decision).
    pub result: String,
    /// 办理地点.
    pub place: String,
    /// 办理时间.
    pub hours: String,
    /// 咨询电话.
    pub telephone: String,
    /// For a 联办件: the other departments reviewing in parallel (empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_departments: Vec<DepartmentRef>,
    /// The item's texts in English, when translated (shown with English chosen; what is
    /// missing shows in Chinese, marked as such).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<ItemEnglish>,
    /// Who it is for, its keywords and life events, for finding it (optional: items stored
    /// before these existed, and the desk's editor, leave it empty).
    #[serde(default, skip_serializing_if = "ServiceTags::is_empty")]
    pub tags: ServiceTags,
}

/// The English texts of a [`ServiceItem`]: each one optional (empty = not translated), lists
/// entry by entry in the same order as the Chinese (a shorter list leaves the rest Chinese).
/// The laws cited (法律依据, 收费依据) have none: their Chinese titles are the authoritative
/// ones, shown marked as Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemEnglish {
    /// 事项名称.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The department's name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub department: String,
    /// 办事程序, step by step.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    /// 申报条件, entry by entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
    /// The materials' names, material by material.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<String>,
    /// The materials' notes (when needed), material by material (empty where none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub material_notes: Vec<String>,
    /// 收费标准 of a charged fee.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub fee: String,
    /// 办事结果.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub result: String,
    /// 办理地点.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// 办理时间.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub hours: String,
}

/// A text of an item in the language wanted: the English one when English is chosen and it
/// exists, else the Chinese one; `true` when the text given is Chinese inside an English page
/// (to be marked `lang="zh-CN"`).
pub fn in_lang<'a>(lang: Lang, zh: &'a str, en: Option<&'a str>) -> (&'a str, bool) {
    match (lang, en.filter(|e| !e.trim().is_empty())) {
        (Lang::En, Some(en)) => (en, false),
        (Lang::En, None) => (zh, true),
        (Lang::Zh, _) => (zh, false),
    }
}

impl ServiceItem {
    /// The English texts, empty when the item has none.
    pub fn english(&self) -> ItemEnglish {
        self.en.clone().unwrap_or_default()
    }
}

/// Who an item is for: 个人办事 (a person) or 法人办事 (a company or organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// 个人办事.
    Person,
    /// 法人办事.
    Company,
}

impl Audience {
    /// Both, in the order the guide shows them.
    pub const ALL: [Audience; 2] = [Audience::Person, Audience::Company];

    /// Its string key (the app looks it up in its own registered table).
    pub fn key(self) -> &'static str {
        match self {
            Audience::Person => "finding.audience.person",
            Audience::Company => "finding.audience.company",
        }
    }

    /// Its machine code, as in JSON and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Audience::Person => "person",
            Audience::Company => "company",
        }
    }

    /// The audience of a code, `None` for an unknown one.
    pub fn of_code(code: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// A life event (一件事): the moments of a life for which several items go together. A small
/// fixed list, so that every page shows the same names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeEvent {
    /// 出生.
    Birth,
    /// 上学.
    School,
    /// 就业.
    Employment,
    /// 结婚.
    Marriage,
    /// 买房安家.
    Housing,
    /// 开办企业.
    Business,
    /// 退休.
    Retirement,
    /// 身后事.
    Death,
}

impl LifeEvent {
    /// Every life event, in the order of a life.
    pub const ALL: [LifeEvent; 8] = [
        LifeEvent::Birth,
        LifeEvent::School,
        LifeEvent::Employment,
        LifeEvent::Marriage,
        LifeEvent::Housing,
        LifeEvent::Business,
        LifeEvent::Retirement,
        LifeEvent::Death,
    ];

    /// Its machine code, as in JSON and URLs.
    pub fn code(self) -> &'static str {
        match self {
            LifeEvent::Birth => "birth",
            LifeEvent::School => "school",
            LifeEvent::Employment => "employment",
            LifeEvent::Marriage => "marriage",
            LifeEvent::Housing => "housing",
            LifeEvent::Business => "business",
            LifeEvent::Retirement => "retirement",
            LifeEvent::Death => "death",
        }
    }

    /// Its string key (`finding.event.<code>`).
    pub fn key(self) -> &'static str {
        match self {
            LifeEvent::Birth => "finding.event.birth",
            LifeEvent::School => "finding.event.school",
            LifeEvent::Employment => "finding.event.employment",
            LifeEvent::Marriage => "finding.event.marriage",
            LifeEvent::Housing => "finding.event.housing",
            LifeEvent::Business => "finding.event.business",
            LifeEvent::Retirement => "finding.event.retirement",
            LifeEvent::Death => "finding.event.death",
        }
    }

    /// The event of a code, `None` for an unknown one.
    pub fn of_code(code: &str) -> Option<LifeEvent> {
        LifeEvent::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// What helps a person find an item beyond its name and department.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceTags {
    /// 个人办事, 法人办事, or both; empty when not said.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<Audience>,
    /// Words people search with that are not in the name (「身份证」 for 居民身份证换领).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The life events it belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub life_events: Vec<LifeEvent>,
}

impl ServiceTags {
    /// Nothing said.
    pub fn is_empty(&self) -> bool {
        self.audiences.is_empty() && self.keywords.is_empty() && self.life_events.is_empty()
    }
}

/// Why a service item cannot be published as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceItemError {
    /// 承诺时限 > 法定时限.
    #[error("committed time limit {promised} exceeds the legal limit {legal}")]
    PromisedExceedsLegal {
        /// 承诺时限.
        promised: u32,
        /// 法定时限.
        legal: u32,
    },
    /// A 联办件 without participating departments.
    #[error("a joint case must list its departments")]
    JointWithoutDepartments,
    /// A required disclosure is blank (its field name).
    #[error("{0} is missing")]
    Missing(&'static str),
    /// 法定时限 of 0 working days on an item that is not done on the spot (即办件).
    #[error("the legal time limit must be at least one working day")]
    LegalDaysZero,
    /// One entry of a list (法律依据, 办事程序, 申报条件) is blank: (list, index from 0).
    #[error("entry {1} of {0} is blank")]
    BlankEntry(&'static str, usize),
    /// A material without a name (index from 0).
    #[error("material {0} has no name")]
    MaterialNameBlank(usize),
    /// A material asked for in 0 copies (index from 0).
    #[error("material {0} has a count of 0")]
    MaterialCountZero(usize),
    /// A charged fee without its 收费标准.
    #[error("a charged fee needs its standard")]
    FeeStandardBlank,
    /// A charged fee's standard names no amount.
    #[error("a charged fee's standard must state an amount")]
    FeeNoAmount,
    /// A charged fee's standard names a negative amount.
    #[error("a fee may not be negative")]
    FeeNegative,
    /// A charged fee without its 收费依据 (the pricing document).
    #[error("a charged fee needs its legal basis")]
    FeeBasisBlank,
}

impl ServiceItemError {
    /// The JSON path of the field at fault (`"fee.basis"`, `"materials[2].name"`), for an editor
    /// to mark it.
    pub fn path(&self) -> String {
        match self {
            ServiceItemError::PromisedExceedsLegal { .. } => "promised_days".into(),
            ServiceItemError::JointWithoutDepartments => "joint_departments".into(),
            ServiceItemError::Missing(what) => (*what).into(),
            ServiceItemError::LegalDaysZero => "legal_days".into(),
            ServiceItemError::BlankEntry(list, i) => format!("{list}[{i}]"),
            ServiceItemError::MaterialNameBlank(i) => format!("materials[{i}].name"),
            ServiceItemError::MaterialCountZero(i) => format!("materials[{i}].count"),
            ServiceItemError::FeeStandardBlank
            | ServiceItemError::FeeNoAmount
            | ServiceItemError::FeeNegative => "fee.standard".into(),
            ServiceItemError::FeeBasisBlank => "fee.basis".into(),
        }
    }
}

/// The name people know a field of an item by ("办理地点"), from its JSON name (`"place"`).
pub fn field_name(lang: Lang, field: &str) -> &'static str {
    let key = match field {
        "code" => "service.field.code",
        "name" => "service.field.name",
        "department" => "service.field.department",
        "legal_basis" => "service.field.legal_basis",
        "steps" => "service.field.steps",
        "conditions" => "service.field.conditions",
        "result" => "service.field.result",
        "place" => "service.field.place",
        "hours" => "service.field.hours",
        "telephone" => "service.field.telephone",
        _ => "service.field.unknown",
    };
    tr(lang, key)
}

impl Localized for ServiceItemError {
    fn code(&self) -> &'static str {
        match self {
            ServiceItemError::PromisedExceedsLegal { .. } => "service.promised_exceeds_legal",
            ServiceItemError::JointWithoutDepartments => "service.joint_needs_departments",
            ServiceItemError::Missing(_) => "service.missing",
            ServiceItemError::LegalDaysZero => "service.legal_days_zero",
            ServiceItemError::BlankEntry(..) => "service.blank_entry",
            ServiceItemError::MaterialNameBlank(_) => "service.material.name_blank",
            ServiceItemError::MaterialCountZero(_) => "service.material.count_zero",
            ServiceItemError::FeeStandardBlank => "service.fee.standard_blank",
            ServiceItemError::FeeNoAmount => "service.fee.no_amount",
            ServiceItemError::FeeNegative => "service.fee.negative",
            ServiceItemError::FeeBasisBlank => "service.fee.basis_blank",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            ServiceItemError::PromisedExceedsLegal { promised, legal } => tr_args(
                lang,
                self.code(),
                &[
                    ("promised", &promised.to_string()),
                    ("legal", &legal.to_string()),
                ],
            ),
            ServiceItemError::Missing(what) => {
                tr_args(lang, self.code(), &[("what", field_name(lang, what))])
            }
            ServiceItemError::BlankEntry(list, i) => tr_args(
                lang,
                self.code(),
                &[
                    ("what", field_name(lang, list)),
                    ("n", &(i + 1).to_string()),
                ],
            ),
            ServiceItemError::MaterialNameBlank(i) | ServiceItemError::MaterialCountZero(i) => {
                tr_args(lang, self.code(), &[("n", &(i + 1).to_string())])
            }
            _ => tr(lang, self.code()).to_owned(),
        }
    }
}

/// What is wrong with a charged fee's 收费标准, if anything: it must state an amount (a digit),
/// never a negative one (`-10元`, `负`).
fn fee_standard_error(standard: &str) -> Option<ServiceItemError> {
    let standard = standard.trim();
    if standard.is_empty() {
        return Some(ServiceItemError::FeeStandardBlank);
    }
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    if !standard.chars().any(digit) {
        return Some(ServiceItemError::FeeNoAmount);
    }
    let chars: Vec<char> = standard.chars().collect();
    let negative = standard.contains('负')
        || chars
            .windows(2)
            .any(|w| matches!(w[0], '-' | '－' | '−') && digit(w[1]));
    negative.then_some(ServiceItemError::FeeNegative)
}

impl ServiceItem {
    /// Checks the disclosure rules; every problem found, not just the first.
    pub fn check(&self) -> Result<(), Vec<ServiceItemError>> {
        let mut errors = Vec::new();
        if self.promised_days > self.legal_days {
            errors.push(ServiceItemError::PromisedExceedsLegal {
                promised: self.promised_days,
                legal: self.legal_days,
            });
        }
        if self.case_type == CaseType::Joint && self.joint_departments.is_empty() {
            errors.push(ServiceItemError::JointWithoutDepartments);
        }
        if self.legal_days == 0 && self.case_type != CaseType::Immediate {
            errors.push(ServiceItemError::LegalDaysZero);
        }
        let blanks: [(&'static str, bool); 10] = [
            ("code", self.code.trim().is_empty()),
            ("name", self.name.trim().is_empty()),
            ("department", self.department.code.trim().is_empty()),
            ("legal_basis", self.legal_basis.is_empty()),
            ("steps", self.steps.is_empty()),
            ("conditions", self.conditions.is_empty()),
            ("result", self.result.trim().is_empty()),
            ("place", self.place.trim().is_empty()),
            ("hours", self.hours.trim().is_empty()),
            ("telephone", self.telephone.trim().is_empty()),
        ];
        errors.extend(
            blanks
                .into_iter()
                .filter(|(_, blank)| *blank)
                .map(|(what, _)| ServiceItemError::Missing(what)),
        );
        let lists: [(&'static str, &Vec<String>); 3] = [
            ("legal_basis", &self.legal_basis),
            ("steps", &self.steps),
            ("conditions", &self.conditions),
        ];
        for (list, entries) in lists {
            errors.extend(
                entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.trim().is_empty())
                    .map(|(i, _)| ServiceItemError::BlankEntry(list, i)),
            );
        }
        for (i, material) in self.materials.iter().enumerate() {
            if material.name.trim().is_empty() {
                errors.push(ServiceItemError::MaterialNameBlank(i));
            }
            if material.count == 0 {
                errors.push(ServiceItemError::MaterialCountZero(i));
            }
        }
        if let Fee::Charged { standard, basis } = &self.fee {
            errors.extend(fee_standard_error(standard));
            if basis.trim().is_empty() {
                errors.push(ServiceItemError::FeeBasisBlank);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The committed time limit for people: "即时办结" or "5个工作日".
    pub fn promised_label(&self, lang: Lang) -> String {
        if self.promised_days == 0 {
            tr(lang, "service.on_the_spot").to_owned()
        } else {
            tr_args(
                lang,
                "service.days",
                &[("days", &self.promised_days.to_string())],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> ServiceItem {
        ServiceItem {
            code: "JT-0001".into(),
            name: "道路货物运输经营许可".into(),
            department: DepartmentRef {
                code: "JT".into(),
                name: "县交通运输局".into(),
            },
            case_type: CaseType::Promised,
            legal_basis: vec!["《中华人民共和国道路运输条例》第二十四条".into()],
            steps: vec!["申请".into(), "受理".into(), "审查".into(), "决定".into()],
            conditions: vec!["有与其经营业务相适应并经检测合格的车辆".into()],
            materials: vec![Material {
                name: "道路货物运输经营申请表".into(),
                form: MaterialForm::Original,
                count: 1,
                required: true,
                uploadable: true,
                note: None,
            }],
            promised_days: 10,
            legal_days: 20,
            fee: Fee::Free,
            result: "道路运输经营许可证".into(),
            place: "县政务服务中心一楼交通窗口".into(),
            hours: "工作日 9:00-12:00, 13:30-17:00".into(),
            telephone: "0371-62345678".into(),
            joint_departments: vec![],
            en: None,
            tags: ServiceTags::default(),
        }
    }

    #[test]
    fn a_complete_item_passes() {
        assert_eq!(item().check(), Ok(()));
        assert_eq!(item().promised_label(Lang::Zh), "10个工作日");
        assert_eq!(Fee::Free.label(Lang::Zh), "不收费");
        assert_eq!(MaterialForm::Copy.label(Lang::Zh), "复印件");
    }

    #[test]
    fn promised_may_not_exceed_legal() {
        let mut bad = item();
        bad.promised_days = 25;
        let errors = bad.check().unwrap_err();
        assert_eq!(
            errors,
            vec![ServiceItemError::PromisedExceedsLegal {
                promised: 25,
                legal: 20
            }]
        );
        assert!(errors[0].message(Lang::Zh).contains("25"));
        bad.promised_days = 20;
        assert_eq!(bad.check(), Ok(()));
    }

    #[test]
    fn fees_materials_and_lists_are_checked_with_their_paths() {
        let mut bad = item();
        bad.fee = Fee::Charged {
            standard: "工本费每证-10元".into(),
            basis: " ".into(),
        };
        bad.materials[0].name = "".into();
        bad.materials[0].count = 0;
        bad.steps.push(" ".into());
        bad.legal_days = 0;
        bad.promised_days = 0;
        let errors = bad.check().unwrap_err();
        let paths: Vec<String> = errors.iter().map(ServiceItemError::path).collect();
        assert_eq!(
            paths,
            [
                "legal_days",
                "steps[4]",
                "materials[0].name",
                "materials[0].count",
                "fee.standard",
                "fee.basis"
            ]
        );
        assert_eq!(errors[4], ServiceItemError::FeeNegative);
        for error in &errors {
            assert!(!error.message(Lang::Zh).contains('{'), "{error:?}");
        }
        assert!(errors[2].message(Lang::Zh).contains("第1项"));
        assert!(errors[1].message(Lang::Zh).contains("办事程序"));
        assert_eq!(fee_standard_error("每证10元"), None);
        assert_eq!(
            fee_standard_error("按规定收取"),
            Some(ServiceItemError::FeeNoAmount)
        );
        assert_eq!(fee_standard_error("１０元"), None);
        assert_eq!(
            fee_standard_error(""),
            Some(ServiceItemError::FeeStandardBlank)
        );
        // An item done on the spot may have a legal limit of 0.
        let mut spot = item();
        spot.case_type = CaseType::Immediate;
        spot.legal_days = 0;
        spot.promised_days = 0;
        assert_eq!(spot.check(), Ok(()));
        let missing = ServiceItemError::Missing("place").message(Lang::Zh);
        assert!(missing.contains("办理地点"), "{missing}");
    }

    #[test]
    fn joint_cases_name_their_departments_and_blanks_are_reported() {
        let mut joint = item();
        joint.case_type = CaseType::Joint;
        joint.place = " ".into();
        let errors = joint.check().unwrap_err();
        assert!(errors.contains(&ServiceItemError::JointWithoutDepartments));
        assert!(errors.contains(&ServiceItemError::Missing("place")));
        let json = serde_json::to_value(item()).unwrap();
        assert_eq!(json["case_type"], "promised");
        assert_eq!(json["fee"]["type"], "free");
        let back: ServiceItem = serde_json::from_value(json).unwrap();
        assert_eq!(back, item());
    }
}

#[cfg(test)]
mod tag_tests {
    use super::*;

    #[test]
    fn an_item_stored_without_tags_still_reads_and_writes_none() {
        let json = r#"{"code":"X-1","name":"n","department":{"code":"X","name":"d"},
            "case_type":"promised","legal_basis":[],"steps":[],"conditions":[],"materials":[],
            "promised_days":1,"legal_days":2,"fee":{"type":"free"},"result":"r","place":"p",
            "hours":"h","telephone":"t"}"#;
        let item: ServiceItem = serde_json::from_str(json).unwrap();
        assert!(item.tags.is_empty());
        let written = serde_json::to_string(&item).unwrap();
        assert!(!written.contains("tags"), "{written}");
    }

    #[test]
    fn tags_round_trip_with_their_codes() {
        let tags = ServiceTags {
            audiences: vec![Audience::Person, Audience::Company],
            keywords: vec!["身份证".into()],
            life_events: vec![LifeEvent::Business],
        };
        let json = serde_json::to_value(&tags).unwrap();
        assert_eq!(json["audiences"][1], "company");
        assert_eq!(json["life_events"][0], "business");
        assert_eq!(serde_json::from_value::<ServiceTags>(json).unwrap(), tags);
        for event in LifeEvent::ALL {
            assert_eq!(LifeEvent::of_code(event.code()), Some(event));
            assert_eq!(event.key(), format!("finding.event.{}", event.code()));
        }
        for audience in Audience::ALL {
            assert_eq!(Audience::of_code(audience.code()), Some(audience));
        }
    }
}
