//! Demonstration service items of a county administrative service center: 13 departments and
//! their common items (事项) with the ten disclosures and a form each, seeded by `--demo`.
//!
//! Idempotent like the rest of the demo seed: departments and items are upserted, and forms
//! are published with [`services_store::publish_form`], which accepts re-publishing an
//! identical version. The texts follow real county service guides (法律依据 cite the actual
//! laws and articles), shortened.

use guichet_core::case::CaseType;
use guichet_core::form::{
    ChoiceOption, Condition, Field, FieldKind, FormDefinition, Label, MediaType, Section,
};
use guichet_core::service::{Department, DepartmentRef, Fee, Material, MaterialForm, ServiceItem};
use serde_json::json;

use crate::db::{DbError, Pool};
use crate::services_store::{self, StoreError};

/// `(code, name, address, telephone)`.
const DEPARTMENTS: &[(&str, &str, &str, &str)] = &[
    (
        "SC",
        "县市场监督管理局",
        "县政务服务中心一楼 A区 1-6号窗口",
        "0371-62301001",
    ),
    (
        "ZJ",
        "县住房和城乡建设局",
        "县政务服务中心二楼 B区 1-4号窗口",
        "0371-62301002",
    ),
    (
        "JT",
        "县交通运输局",
        "县政务服务中心二楼 B区 5-7号窗口",
        "0371-62301003",
    ),
    (
        "GA",
        "县公安局",
        "县政务服务中心一楼 C区 公安综合窗口",
        "0371-62301004",
    ),
    (
        "MZ",
        "县民政局",
        "县政务服务中心三楼 婚姻登记处及 D区 1-2号窗口",
        "0371-62301005",
    ),
    (
        "WJ",
        "县卫生健康局",
        "县政务服务中心二楼 B区 8-9号窗口",
        "0371-62301006",
    ),
    (
        "ZR",
        "县自然资源局",
        "县政务服务中心三楼 不动产登记大厅",
        "0371-62301007",
    ),
    (
        "RS",
        "县人力资源和社会保障局",
        "县政务服务中心一楼 E区 社保窗口",
        "0371-62301008",
    ),
    (
        "JY",
        "县教育局",
        "县政务服务中心三楼 D区 3号窗口",
        "0371-62301009",
    ),
    (
        "CG",
        "县城市管理局",
        "县政务服务中心二楼 B区 10号窗口",
        "0371-62301010",
    ),
    (
        "XF",
        "县消防救援大队",
        "县政务服务中心二楼 B区 11号窗口",
        "0371-62301011",
    ),
    (
        "ST",
        "县生态环境分局",
        "县政务服务中心二楼 B区 12号窗口",
        "0371-62301012",
    ),
    (
        "SW",
        "县税务局",
        "县政务服务中心一楼 F区 办税服务厅",
        "0371-62301013",
    ),
    (
        "GK",
        "县人民政府办公室（政务公开）",
        "县政务服务中心一楼 政务公开窗口",
        "0371-62301000",
    ),
];

pub(crate) const HOURS: &str =
    "工作日 上午9:00-12:00，下午13:30-17:30（夏季 下午15:00-18:00）；法定节假日除外";
const TEN_MB: u64 = 10 * 1024 * 1024;

/// Seeds the departments, items and forms that are missing or changed.
pub async fn seed(pool: &Pool) -> Result<(), DbError> {
    for (i, department) in departments()?.iter().enumerate() {
        services_store::upsert_department(pool, department, i as i64)
            .await
            .map_err(demo_error)?;
    }
    let items = items()?;
    for (i, (item, form)) in items.iter().enumerate() {
        services_store::publish_item(pool, item, i as i64)
            .await
            .map_err(demo_error)?;
        match services_store::publish_form(pool, form).await {
            // A database seeded by an older build keeps the version 1 it has (a published
            // version never changes); the demo's newer wording shows on fresh databases.
            Err(StoreError::VersionConflict { item_code, .. }) => {
                tracing::warn!(item = %item_code, "demo form changed since this database was seeded; kept as stored");
            }
            other => other.map_err(demo_error)?,
        }
    }
    // 联合验收: the special inspections (消防, 规划) are never deemed passed by a department's
    // silence, so a late part stays pending and shows in 电子监察 (the other joint item,
    // 企业开办“一件事”, keeps 超时默认).
    crate::cases_store::set_joint_default_consent(pool, STRICT_JOINT_ITEM, false)
        .await
        .map_err(DbError::Query)?;
    tracing::info!(items = items.len(), "demo mode: service items seeded");
    Ok(())
}

// ------------------------------------------------------------------ data files

/// The demo's data files, read into the binary: `crates/server/demo/`.
macro_rules! demo_file {
    ($($part:literal),+) => {
        (concat!($($part),+), include_str!(concat!("../demo/", $($part),+)))
    };
}

/// The items' files in the order the guide lists them: `(code, item.json, form.json)`, each
/// a `(path, text)`. The item file is a [`ServiceItem`] as the desk's guide editor reads and
/// saves it, the form file a [`FormDefinition`] as `form-publish` and the desk publish it.
macro_rules! demo_items {
    ($($code:literal),* $(,)?) => {
        &[$((
            $code,
            demo_file!("services/", $code, "/item.json"),
            demo_file!("services/", $code, "/form.json"),
        )),*]
    };
}

type DemoFile = (&'static str, &'static str);

const DEPARTMENTS_FILE: DemoFile = demo_file!("departments.json");

const ITEM_FILES: &[(&str, DemoFile, DemoFile)] = demo_items![
    "SC-001", "SC-002", "SC-003", "SC-004", "SC-005", "ZJ-001", "ZJ-002", "ZJ-003", "JT-001",
    "JT-002", "JT-003", "JT-004", "GA-001", "GA-002", "GA-003", "GA-004", "MZ-001", "MZ-002",
    "MZ-003", "WJ-001", "WJ-002", "WJ-003", "ZR-001", "ZR-002", "ZR-003", "RS-001", "RS-002",
    "RS-003", "JY-001", "JY-002", "CG-001", "CG-002", "XF-001", "ST-001", "SW-001", "YSQGK",
];

/// A demo data file that does not read as what it should hold.
#[derive(Debug, thiserror::Error)]
pub enum DemoDataError {
    /// Not JSON, or not the type the file holds (serde's message names line and column).
    #[error("demo data file {file}: {source}")]
    Parse {
        /// The file, relative to `crates/server/demo/`.
        file: &'static str,
        /// Where serde stopped (1-based).
        line: usize,
        /// The column there (1-based).
        column: usize,
        /// serde's error.
        #[source]
        source: serde_json::Error,
    },
    /// The file's item code is not the one of its folder.
    #[error("demo data file {file}: item code {found:?}, expected {expected:?}")]
    WrongCode {
        /// The file, relative to `crates/server/demo/`.
        file: &'static str,
        /// The code its folder names.
        expected: &'static str,
        /// The code it holds.
        found: String,
    },
}

fn parse<T: serde::de::DeserializeOwned>((file, text): DemoFile) -> Result<T, DemoDataError> {
    serde_json::from_str(text).map_err(|source| DemoDataError::Parse {
        file,
        line: source.line(),
        column: source.column(),
        source,
    })
}

/// The departments, in the order the guide lists them.
pub fn departments() -> Result<Vec<Department>, DemoDataError> {
    parse(DEPARTMENTS_FILE)
}

/// Every demo item with its form (version 1), in the order the guide lists them.
pub fn items() -> Result<Vec<(ServiceItem, FormDefinition)>, DemoDataError> {
    ITEM_FILES
        .iter()
        .map(|&(code, item_file, form_file)| {
            let item: ServiceItem = parse(item_file)?;
            let form: FormDefinition = parse(form_file)?;
            for (file, found) in [(item_file.0, &item.code), (form_file.0, &form.item_code)] {
                if found != code {
                    return Err(DemoDataError::WrongCode {
                        file,
                        expected: code,
                        found: found.clone(),
                    });
                }
            }
            Ok((item, form))
        })
        .collect()
}

/// The demo's 联办件 without 超时默认 / 缺席默认.
pub const STRICT_JOINT_ITEM: &str = "ZJ-003";

/// Demo data is checked by its unit tests; a failure here is a database failure or a bug.
fn demo_error(err: StoreError) -> DbError {
    match err {
        StoreError::Db(e) => DbError::Query(e),
        other => DbError::Query(sqlx::Error::Protocol(format!("demo service data: {other}"))),
    }
}

pub(crate) fn dept(code: &str) -> DepartmentRef {
    let (code, name) = DEPARTMENTS
        .iter()
        .find(|d| d.0 == code)
        .map(|d| (d.0, d.1))
        .unwrap_or((code, code));
    DepartmentRef {
        code: code.into(),
        name: name.into(),
    }
}

// ------------------------------------------------------------------ field builders

pub(crate) fn field(id: &str, label: &str, required: bool, kind: FieldKind) -> Field {
    Field {
        id: id.into(),
        label: Label::zh(label),
        help: None,
        required,
        show_if: None,
        autocomplete: None,
        kind,
    }
}

pub(crate) fn text(id: &str, label: &str, required: bool) -> Field {
    field(id, label, required, FieldKind::Text { max_chars: None })
}

pub(crate) fn multiline(id: &str, label: &str, required: bool) -> Field {
    field(
        id,
        label,
        required,
        FieldKind::Multiline { max_chars: None },
    )
}

fn number(id: &str, label: &str, min: f64, max: Option<f64>, integer: bool) -> Field {
    field(
        id,
        label,
        true,
        FieldKind::Number {
            min: Some(min),
            max,
            integer,
        },
    )
}

fn date(id: &str, label: &str, not_future: bool, not_past: bool) -> Field {
    field(
        id,
        label,
        true,
        FieldKind::Date {
            min: None,
            max: None,
            not_future,
            not_past,
        },
    )
}

pub(crate) fn choice(id: &str, label: &str, multiple: bool, options: &[(&str, &str)]) -> Field {
    field(
        id,
        label,
        true,
        FieldKind::Choice {
            multiple,
            options: options
                .iter()
                .map(|(value, label)| ChoiceOption {
                    value: (*value).into(),
                    label: Label::zh(*label),
                })
                .collect(),
        },
    )
}

pub(crate) fn when(mut field: Field, condition: Condition) -> Field {
    field.show_if = Some(condition);
    field
}

pub(crate) fn equals(field: &str, value: &str) -> Condition {
    Condition::Equals {
        field: field.into(),
        value: json!(value),
    }
}

pub(crate) fn section(id: &str, title: &str, fields: Vec<Field>) -> Section {
    Section {
        id: id.into(),
        title: Label::zh(title),
        show_if: None,
        fields,
    }
}

/// A question about a person, with its `autocomplete` token (WCAG 1.3.5).
pub(crate) fn filled_as(mut field: Field, token: &str) -> Field {
    field.autocomplete = Some(token.into());
    field
}

/// Name, ID number, mobile and address of the applicant (`prefix` empty) or of another person;
/// the other person's questions are an autofill group of their own (`section-…`), so that a
/// browser never fills them with the applicant's details.
fn person_fields(prefix: &str, who: &str) -> Vec<Field> {
    let token = |purpose: &str| match prefix.strip_suffix('_') {
        Some(group) if !group.is_empty() => format!("section-{group} {purpose}"),
        _ => purpose.to_owned(),
    };
    vec![
        filled_as(
            text(&format!("{prefix}name"), &format!("{who}姓名"), true),
            &token("name"),
        ),
        field(
            &format!("{prefix}id_no"),
            &format!("{who}身份证号码"),
            true,
            FieldKind::IdNumber,
        ),
        filled_as(
            field(
                &format!("{prefix}phone"),
                &format!("{who}手机号码"),
                true,
                FieldKind::Phone { mobile_only: true },
            ),
            &token("tel"),
        ),
        filled_as(
            field(
                &format!("{prefix}address"),
                &format!("{who}住址"),
                true,
                FieldKind::Address,
            ),
            &token("street-address"),
        ),
    ]
}

fn company_fields() -> Vec<Field> {
    vec![
        text("company_name", "单位名称", true),
        field(
            "credit_code",
            "统一社会信用代码",
            true,
            FieldKind::CreditCode,
        ),
        text("legal_rep", "法定代表人（负责人）姓名", true),
        filled_as(
            field(
                "contact_phone",
                "联系电话",
                true,
                FieldKind::Phone { mobile_only: false },
            ),
            "tel",
        ),
        field(
            "company_address",
            "住所（经营场所）",
            true,
            FieldKind::Address,
        ),
    ]
}

/// Who applies.
#[derive(Clone, Copy)]
enum Applicant {
    Person,
    Company,
    /// Either: a choice, then the matching section (a `show_if` on each section).
    Either,
}

fn applicant_sections(applicant: Applicant) -> Vec<Section> {
    match applicant {
        Applicant::Person => vec![section(
            "applicant",
            "申请人信息",
            person_fields("", "申请人"),
        )],
        Applicant::Company => vec![section("company", "申请单位信息", company_fields())],
        Applicant::Either => {
            let mut person = section("applicant", "申请人信息", person_fields("", "申请人"));
            person.show_if = Some(equals("applicant_type", "person"));
            let mut company = section("company", "申请单位信息", company_fields());
            company.show_if = Some(equals("applicant_type", "company"));
            vec![
                section(
                    "type",
                    "申请人类型",
                    vec![choice(
                        "applicant_type",
                        "申请人类型",
                        false,
                        &[("person", "个人"), ("company", "企业或其他组织")],
                    )],
                ),
                person,
                company,
            ]
        }
    }
}

fn agent_section() -> Section {
    let mut fields = vec![choice(
        "has_agent",
        "是否委托他人代为办理",
        false,
        &[("no", "否，本人办理"), ("yes", "是，委托代理人")],
    )];
    fields.extend(
        person_fields("agent_", "代理人")
            .into_iter()
            .map(|f| when(f, equals("has_agent", "yes"))),
    );
    section("agent", "委托代理", fields)
}

fn attachments_section(materials: &[Material]) -> Option<Section> {
    let fields: Vec<Field> = materials
        .iter()
        .enumerate()
        .filter(|(_, m)| m.uploadable)
        .map(|(i, m)| {
            let conditional = m.name == AGENT.0;
            let file = field(
                &format!("material_{}", i + 1),
                &m.name,
                m.required || conditional,
                FieldKind::File {
                    accept: vec![MediaType::Jpeg, MediaType::Png, MediaType::Pdf],
                    max_bytes: TEN_MB,
                    max_count: 5,
                },
            );
            // Asked for only when someone else applies on the applicant's behalf, and then
            // needed (the server's validation, the same function, agrees).
            if conditional {
                when(file, equals("has_agent", "yes"))
            } else {
                file
            }
        })
        .collect();
    (!fields.is_empty()).then(|| section("materials", "申报材料（可拍照或扫描上传）", fields))
}

// ------------------------------------------------------------------ items

struct Spec {
    code: &'static str,
    dept: &'static str,
    name: &'static str,
    case_type: CaseType,
    promised: u32,
    legal: u32,
    basis: &'static [&'static str],
    conditions: &'static [&'static str],
    /// `(name, form, required, uploadable)`.
    materials: &'static [(&'static str, MaterialForm, bool, bool)],
    /// `(standard, basis)`; `None` = 不收费.
    fee: Option<(&'static str, &'static str)>,
    result: &'static str,
    applicant: Applicant,
    joint: &'static [&'static str],
    extra: fn() -> Vec<Field>,
}

use MaterialForm::{Copy as C, Original as O, OriginalAndCopy as OC};

fn none() -> Vec<Field> {
    Vec::new()
}

pub(crate) fn steps(case_type: CaseType) -> Vec<String> {
    let steps: &[&str] = match case_type {
        CaseType::Immediate => &["网上或窗口申请", "窗口受理并当场审查", "当场办结、出具结果"],
        CaseType::Promised | CaseType::Reported => &[
            "网上或窗口申请（网上提交后进入预审）",
            "预审：材料齐全的受理，不齐全的一次性告知补正",
            "受理",
            "审查（必要时现场核查）",
            "作出决定",
            "送达（窗口领取或免费邮寄）",
        ],
        CaseType::Joint => &[
            "一窗受理：在综合窗口一次提交全部材料",
            "抄告相关部门",
            "各部门并联审查（逾期未提出意见的视为同意）",
            "联合作出决定",
            "统一出件",
        ],
        CaseType::Disclosure => &[
            "选择行政机关，在线填写申请（或窗口、邮寄、传真提交）",
            "登记收到申请之日（工作时间外或休息日提交的，自下一个工作日起算）",
            "申请内容不明确的，7个工作日内一次性告知补正",
            "自收到申请之日起20个工作日内答复；需要延长的，经批准延长不超过20个工作日",
            "答复：予以公开、部分公开、不予公开、无法提供、不予处理或告知",
        ],
    };
    steps.iter().map(|s| (*s).to_owned()).collect()
}

fn build(spec: &Spec) -> (ServiceItem, FormDefinition) {
    let department = dept(spec.dept);
    let materials: Vec<Material> = spec
        .materials
        .iter()
        .map(|(name, form, required, uploadable)| Material {
            name: (*name).into(),
            form: *form,
            count: 1,
            required: *required,
            uploadable: *uploadable,
            note: (*name == AGENT.0).then(|| AGENT_NOTE.into()),
        })
        .collect();
    let place = DEPARTMENTS
        .iter()
        .find(|d| d.0 == spec.dept)
        .map(|d| (d.2, d.3))
        .unwrap_or(("县政务服务中心", "12345"));
    let item = ServiceItem {
        code: spec.code.into(),
        name: spec.name.into(),
        department,
        case_type: spec.case_type,
        legal_basis: spec.basis.iter().map(|s| (*s).into()).collect(),
        steps: steps(spec.case_type),
        conditions: spec.conditions.iter().map(|s| (*s).into()).collect(),
        materials: materials.clone(),
        promised_days: spec.promised,
        legal_days: spec.legal,
        fee: match spec.fee {
            None => Fee::Free,
            Some((standard, basis)) => Fee::Charged {
                standard: standard.into(),
                basis: basis.into(),
            },
        },
        result: spec.result.into(),
        place: format!("县政务服务中心（县府前路88号）{}", place.0),
        hours: HOURS.into(),
        telephone: place.1.into(),
        joint_departments: spec.joint.iter().map(|c| dept(c)).collect(),
        en: None,
        tags: crate::demo_service_tags::tags(spec.code),
    };
    let mut sections = applicant_sections(spec.applicant);
    let extra = (spec.extra)();
    if !extra.is_empty() {
        sections.push(section("details", "申请事项信息", extra));
    }
    sections.push(agent_section());
    sections.extend(attachments_section(&materials));
    let form = FormDefinition {
        item_code: spec.code.into(),
        version: 1,
        sections,
        declaration: Some(Label::zh(DECLARATION)),
    };
    (item, form)
}

/// Every demo item with its form (version 1).
pub fn catalogue() -> Vec<(ServiceItem, FormDefinition)> {
    let mut all: Vec<_> = specs().iter().map(build).collect();
    all.push((
        crate::demo_disclosure::item(),
        crate::demo_disclosure::form(),
    ));
    for (item, form) in &mut all {
        crate::demo_services_en::translate(item, form);
        // The person's own contact details, wherever a demo form asks them (WCAG 1.3.5), and
        // the format of an ID number or a phone, in the question's hint.
        for field in form.sections.iter_mut().flat_map(|s| s.fields.iter_mut()) {
            let format = match field.kind {
                FieldKind::IdNumber => Some(ID_HINT),
                FieldKind::Phone { mobile_only: true } => Some(MOBILE_HINT),
                FieldKind::Phone { mobile_only: false } => Some(PHONE_HINT),
                _ => None,
            };
            if let Some((zh, en)) = format {
                field.help.get_or_insert_with(|| Label::text(zh, en));
            }
            let token = match field.id.as_str() {
                "name" => "name",
                "phone" => "tel",
                "email" => "email",
                "postal_code" => "postal-code",
                "address" | "postal_address" => "street-address",
                _ => continue,
            };
            field.autocomplete.get_or_insert_with(|| token.into());
        }
    }
    all
}

const ID_COPY: (&str, MaterialForm, bool, bool) = ("申请人身份证明", OC, true, true);
const AGENT: (&str, MaterialForm, bool, bool) = ("授权委托书及代理人身份证明", O, false, true);
/// When [`AGENT`] is needed.
const AGENT_NOTE: &str = "委托他人代为办理的";
/// The hints under an ID number's, a mobile's and a phone's question: what to type.
const ID_HINT: (&str, &str) = ("18位，末位可能是X。", "18 characters, the last may be X.");
const MOBILE_HINT: (&str, &str) = ("11位手机号码。", "An 11-digit mobile number.");
const PHONE_HINT: (&str, &str) = (
    "手机号码，或带区号的固定电话。",
    "A mobile, or a landline with its area code.",
);
/// The applicant's declaration before submitting.
pub(crate) const DECLARATION: &str =
    "本人承诺所填信息及所交材料真实、有效，如有虚假，愿承担相应的法律责任。";
const LICENCE: (&str, MaterialForm, bool, bool) = ("营业执照", C, true, true);

#[allow(clippy::too_many_lines)] // one table of data
fn specs() -> Vec<Spec> {
    vec![
        // ---------------------------------------------------- 市场监督管理局
        Spec {
            code: "SC-001",
            dept: "SC",
            name: "有限责任公司设立登记",
            case_type: CaseType::Promised,
            promised: 1,
            legal: 15,
            basis: &[
                "《中华人民共和国公司法》第二十九条",
                "《中华人民共和国市场主体登记管理条例》第十九条",
            ],
            conditions: &[
                "股东符合法定人数，有符合公司章程规定的出资",
                "有公司名称，建立符合要求的组织机构，有公司住所",
            ],
            materials: &[
                ("公司登记（备案）申请书", O, true, true),
                ("公司章程", O, true, true),
                ("股东的主体资格证明或自然人身份证明", C, true, true),
                (
                    "法定代表人、董事、监事和经理的任职文件及身份证明",
                    C,
                    true,
                    true,
                ),
                ("住所使用证明", C, true, true),
                AGENT,
            ],
            fee: None,
            result: "营业执照（纸质及电子营业执照）",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    text("proposed_name", "拟设立公司名称", true),
                    number("registered_capital", "注册资本（万元）", 0.01, None, false),
                    number("shareholders", "股东人数", 1.0, Some(50.0), true),
                    multiline("business_scope", "经营范围", true),
                ]
            },
        },
        Spec {
            code: "SC-002",
            dept: "SC",
            name: "个体工商户设立登记",
            case_type: CaseType::Immediate,
            promised: 0,
            legal: 15,
            basis: &[
                "《促进个体工商户发展条例》",
                "《中华人民共和国市场主体登记管理条例》第二十一条",
            ],
            conditions: &["有经营能力的自然人", "有固定的经营场所"],
            materials: &[
                ("个体工商户登记（备案）申请书", O, true, true),
                ID_COPY,
                ("经营场所使用证明", C, true, true),
                AGENT,
            ],
            fee: None,
            result: "营业执照",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    text("shop_name", "个体工商户名称（可不填）", false),
                    field("shop_address", "经营场所", true, FieldKind::Address),
                    choice(
                        "form_of_business",
                        "组成形式",
                        false,
                        &[("personal", "个人经营"), ("family", "家庭经营")],
                    ),
                    multiline("business_scope", "经营范围", true),
                ]
            },
        },
        Spec {
            code: "SC-003",
            dept: "SC",
            name: "食品经营许可",
            case_type: CaseType::Promised,
            promised: 10,
            legal: 20,
            basis: &[
                "《中华人民共和国食品安全法》第三十五条",
                "《食品经营许可和备案管理办法》",
            ],
            conditions: &[
                "具有与经营的食品品种、数量相适应的经营场所",
                "有专职或者兼职的食品安全管理人员和保证食品安全的规章制度",
            ],
            materials: &[
                ("食品经营许可申请书", O, true, true),
                LICENCE,
                ("经营场所平面图和设备布局、工艺流程图", O, true, true),
                ("食品安全管理制度文本", O, true, true),
            ],
            fee: None,
            result: "食品经营许可证",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![
                    choice(
                        "food_types",
                        "经营项目",
                        true,
                        &[
                            ("prepackaged", "预包装食品销售"),
                            ("bulk", "散装食品销售"),
                            ("catering", "热食类食品制售"),
                            ("cold", "冷食类食品制售"),
                        ],
                    ),
                    number("area", "经营场所面积（平方米）", 1.0, None, false),
                ]
            },
        },
        Spec {
            code: "SC-004",
            dept: "SC",
            name: "企业开办“一件事”（设立登记、公章刻制、社保登记、发票申领）",
            case_type: CaseType::Joint,
            promised: 1,
            legal: 5,
            basis: &[
                "《国务院办公厅关于加快推进“一件事一次办”打造政务服务升级版的指导意见》（国办发〔2024〕3号）",
                "《中华人民共和国市场主体登记管理条例》",
            ],
            conditions: &["符合公司或个人独资企业、合伙企业设立条件"],
            materials: &[
                ("企业开办“一件事”申请表", O, true, true),
                ("公司章程或合伙协议", O, true, true),
                ("住所使用证明", C, true, true),
                ID_COPY,
            ],
            fee: None,
            result: "营业执照、公章、社会保险登记、税务发票（一次领取）",
            applicant: Applicant::Person,
            joint: &["GA", "RS", "SW"],
            extra: || {
                vec![
                    text("proposed_name", "拟设立企业名称", true),
                    choice(
                        "seal_types",
                        "需刻制的印章",
                        true,
                        &[
                            ("official", "公章"),
                            ("finance", "财务专用章"),
                            ("invoice", "发票专用章"),
                            ("contract", "合同专用章"),
                        ],
                    ),
                    choice(
                        "need_invoice",
                        "是否申领发票",
                        false,
                        &[("yes", "是"), ("no", "否")],
                    ),
                    when(
                        number("invoice_count", "首次申领发票份数", 1.0, Some(100.0), true),
                        equals("need_invoice", "yes"),
                    ),
                ]
            },
        },
        Spec {
            code: "SC-005",
            dept: "SC",
            name: "营业执照变更登记",
            case_type: CaseType::Promised,
            promised: 1,
            legal: 15,
            basis: &["《中华人民共和国市场主体登记管理条例》第二十四条"],
            conditions: &["登记事项发生变更的，应当自作出变更决议之日起30日内申请变更登记"],
            materials: &[
                ("变更登记申请书", O, true, true),
                ("变更决议或决定", O, true, true),
                LICENCE,
            ],
            fee: None,
            result: "换发的营业执照",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![
                    choice(
                        "change_items",
                        "变更事项",
                        true,
                        &[
                            ("name", "名称"),
                            ("address", "住所"),
                            ("legal_rep", "法定代表人"),
                            ("capital", "注册资本"),
                            ("scope", "经营范围"),
                        ],
                    ),
                    date("resolution_date", "作出变更决议的日期", true, false),
                    multiline("change_detail", "变更前后内容", true),
                ]
            },
        },
        // ---------------------------------------------------- 住房和城乡建设局
        Spec {
            code: "ZJ-001",
            dept: "ZJ",
            name: "建筑工程施工许可证核发",
            case_type: CaseType::Promised,
            promised: 3,
            legal: 7,
            basis: &[
                "《中华人民共和国建筑法》第七条、第八条",
                "《建筑工程施工许可管理办法》第四条",
            ],
            conditions: &[
                "已经办理该建筑工程用地批准手续",
                "已经取得建设工程规划许可证",
                "已经确定施工企业，有满足施工需要的资金安排和施工图纸",
            ],
            materials: &[
                ("建筑工程施工许可证申请表", O, true, true),
                ("建设工程规划许可证", C, true, true),
                ("施工合同", C, true, true),
                ("建设资金落实承诺书", O, true, true),
            ],
            fee: None,
            result: "建筑工程施工许可证",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![
                    text("project_name", "工程名称", true),
                    field("project_address", "建设地址", true, FieldKind::Address),
                    number("contract_price", "合同价格（万元）", 0.01, None, false),
                    number("floor_area", "建筑面积（平方米）", 1.0, None, false),
                    date("planned_start", "计划开工日期", false, true),
                ]
            },
        },
        Spec {
            code: "ZJ-002",
            dept: "ZJ",
            name: "商品房预售许可",
            case_type: CaseType::Promised,
            promised: 5,
            legal: 10,
            basis: &[
                "《中华人民共和国城市房地产管理法》第四十五条",
                "《城市商品房预售管理办法》第七条",
            ],
            conditions: &[
                "已交付全部土地使用权出让金，取得土地使用权证书",
                "持有建设工程规划许可证和施工许可证",
                "投入开发建设的资金达到工程建设总投资的25%以上",
            ],
            materials: &[
                ("商品房预售许可申请表", O, true, true),
                LICENCE,
                ("工程施工合同及进度说明", C, true, true),
                ("商品房预售方案", O, true, true),
            ],
            fee: None,
            result: "商品房预售许可证",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![
                    text("project_name", "项目名称", true),
                    number("units", "预售套数", 1.0, None, true),
                ]
            },
        },
        Spec {
            code: "ZJ-003",
            dept: "ZJ",
            name: "房屋建筑和市政基础设施工程竣工联合验收",
            case_type: CaseType::Joint,
            promised: 10,
            legal: 20,
            basis: &[
                "《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》（国办发〔2019〕11号）",
                "《建设工程质量管理条例》第十六条",
            ],
            conditions: &[
                "工程已按设计和合同约定完成全部内容，并经建设单位组织五方责任主体验收合格",
            ],
            materials: &[
                ("竣工联合验收申请表", O, true, true),
                ("工程竣工验收报告", O, true, true),
                ("竣工图及测绘成果", O, true, true),
            ],
            fee: None,
            result: "竣工联合验收意见书（含规划、消防、人防等专项验收意见）",
            applicant: Applicant::Company,
            joint: &["ZR", "XF"],
            extra: || {
                vec![
                    text("project_name", "工程名称", true),
                    date("completion_date", "竣工日期", true, false),
                ]
            },
        },
        // ---------------------------------------------------- 交通运输局
        Spec {
            code: "JT-001",
            dept: "JT",
            name: "道路货物运输经营许可",
            case_type: CaseType::Promised,
            promised: 10,
            legal: 20,
            basis: &[
                "《中华人民共和国道路运输条例》第二十一条、第二十四条",
                "《道路货物运输及站场管理规定》",
            ],
            conditions: &[
                "有与其经营业务相适应并经检测合格的车辆",
                "有符合规定条件的驾驶人员",
                "有健全的安全生产管理制度",
            ],
            materials: &[
                ("道路货物运输经营申请表", O, true, true),
                ("负责人身份证明", C, true, true),
                ("机动车辆行驶证、车辆技术等级评定结论", C, true, true),
                ("驾驶人员的驾驶证、从业资格证", C, true, true),
                ("安全生产管理制度文本", O, true, true),
            ],
            fee: None,
            result: "道路运输经营许可证、道路运输证",
            applicant: Applicant::Either,
            joint: &[],
            extra: || {
                vec![
                    number("vehicle_count", "拟投入车辆数", 1.0, Some(500.0), true),
                    choice(
                        "vehicle_kinds",
                        "车辆类型",
                        true,
                        &[
                            ("van", "厢式货车"),
                            ("truck", "普通货车"),
                            ("tank", "罐式车辆"),
                            ("tractor", "牵引车"),
                        ],
                    ),
                    choice(
                        "dangerous_goods",
                        "是否运输危险货物",
                        false,
                        &[("no", "否"), ("yes", "是")],
                    ),
                    when(
                        text("dangerous_goods_class", "危险货物类别及项别", true),
                        equals("dangerous_goods", "yes"),
                    ),
                ]
            },
        },
        Spec {
            code: "JT-002",
            dept: "JT",
            name: "出租汽车驾驶员从业资格证核发",
            case_type: CaseType::Promised,
            promised: 10,
            legal: 20,
            basis: &[
                "《出租汽车驾驶员从业资格管理规定》第九条",
                "《巡游出租汽车经营服务管理规定》",
            ],
            conditions: &[
                "取得相应准驾车型机动车驾驶证并具有3年以上驾驶经历",
                "无交通肇事犯罪、危险驾驶犯罪记录，无吸毒记录",
                "通过全国公共科目和区域科目考试",
            ],
            materials: &[
                ("出租汽车驾驶员从业资格证申请表", O, true, true),
                ID_COPY,
                ("机动车驾驶证", OC, true, true),
                ("无犯罪记录证明", O, true, true),
            ],
            fee: None,
            result: "出租汽车驾驶员从业资格证",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    text("licence_no", "机动车驾驶证号", true),
                    date("first_licensed", "初次领取驾驶证日期", true, false),
                    choice(
                        "taxi_kind",
                        "申请类别",
                        false,
                        &[("cruising", "巡游出租汽车"), ("online", "网络预约出租汽车")],
                    ),
                ]
            },
        },
        Spec {
            code: "JT-003",
            dept: "JT",
            name: "公路超限运输许可",
            case_type: CaseType::Promised,
            promised: 2,
            legal: 5,
            basis: &[
                "《中华人民共和国公路法》第五十条",
                "《超限运输车辆行驶公路管理规定》",
            ],
            conditions: &["载运不可解体物品，确需超限运输"],
            materials: &[
                ("公路超限运输申请表", O, true, true),
                ("车辆行驶证", C, true, true),
                ("货物名称、重量、外廓尺寸说明", O, true, true),
            ],
            fee: None,
            result: "超限运输车辆通行证",
            applicant: Applicant::Either,
            joint: &[],
            extra: || {
                vec![
                    text("plate", "车辆号牌", true),
                    text("cargo", "货物名称", true),
                    number("total_weight", "车货总质量（吨）", 1.0, Some(1000.0), false),
                    date("travel_date", "计划通行日期", false, true),
                ]
            },
        },
        Spec {
            code: "JT-004",
            dept: "JT",
            name: "机动车维修经营备案",
            case_type: CaseType::Immediate,
            promised: 0,
            legal: 5,
            basis: &[
                "《中华人民共和国道路运输条例》第三十七条",
                "《机动车维修管理规定》",
            ],
            conditions: &["有与其经营业务相适应的维修车辆停车场和生产厂房"],
            materials: &[
                ("机动车维修经营备案表", O, true, true),
                LICENCE,
                ("维修设备设施清单", O, true, true),
            ],
            fee: None,
            result: "备案回执",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![choice(
                    "repair_class",
                    "维修类别",
                    false,
                    &[
                        ("1", "一类维修"),
                        ("2", "二类维修"),
                        ("3", "三类维修（专项）"),
                    ],
                )]
            },
        },
        // ---------------------------------------------------- 公安局
        Spec {
            code: "GA-001",
            dept: "GA",
            name: "居民身份证换领",
            case_type: CaseType::Promised,
            promised: 20,
            legal: 60,
            basis: &["《中华人民共和国居民身份证法》第十一条、第十二条"],
            conditions: &["居民身份证有效期满、登记内容变更或证件严重损坏不能辨认"],
            materials: &[("原居民身份证", O, true, false), ("户口簿", O, true, false)],
            fee: Some((
                "工本费每证20元",
                "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）",
            )),
            result: "居民身份证",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    choice(
                        "reason",
                        "换领原因",
                        false,
                        &[
                            ("expired", "有效期满"),
                            ("changed", "登记项目变更"),
                            ("damaged", "证件损坏"),
                        ],
                    ),
                    choice(
                        "delivery",
                        "领取方式",
                        false,
                        &[("window", "窗口领取"), ("post", "邮寄到家")],
                    ),
                    when(
                        field("post_address", "邮寄地址", true, FieldKind::Address),
                        equals("delivery", "post"),
                    ),
                ]
            },
        },
        Spec {
            code: "GA-002",
            dept: "GA",
            name: "户口迁移（投靠）",
            case_type: CaseType::Promised,
            promised: 5,
            legal: 20,
            basis: &["《中华人民共和国户口登记条例》第十条"],
            conditions: &["夫妻、父母子女之间投靠，且有合法稳定住所"],
            materials: &[
                ("户口簿", O, true, false),
                ("亲属关系证明（结婚证、出生医学证明等）", OC, true, true),
                ("合法稳定住所证明", C, true, true),
            ],
            fee: None,
            result: "准予迁入证明、户口簿",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    choice(
                        "relation",
                        "与投靠人关系",
                        false,
                        &[
                            ("spouse", "夫妻"),
                            ("child", "子女投靠父母"),
                            ("parent", "父母投靠子女"),
                        ],
                    ),
                    text("host_name", "被投靠人姓名", true),
                    field(
                        "host_id_no",
                        "被投靠人身份证号码",
                        true,
                        FieldKind::IdNumber,
                    ),
                ]
            },
        },
        Spec {
            code: "GA-003",
            dept: "GA",
            name: "无犯罪记录证明开具",
            case_type: CaseType::Promised,
            promised: 3,
            legal: 10,
            basis: &[
                "《公安部关于做好查询和开具有无犯罪记录证明工作的意见》（公通字〔2021〕19号）",
            ],
            conditions: &["本县户籍人员或在本县居住的人员"],
            materials: &[ID_COPY, AGENT],
            fee: None,
            result: "无犯罪记录证明",
            applicant: Applicant::Person,
            joint: &[],
            extra: || vec![text("purpose", "用途（如：就业、出国）", true)],
        },
        Spec {
            code: "GA-004",
            dept: "GA",
            name: "公章刻制备案",
            case_type: CaseType::Immediate,
            promised: 0,
            legal: 1,
            basis: &["《印铸刻字业暨公章刻制管理规定》"],
            conditions: &["依法设立的企业、事业单位、社会团体"],
            materials: &[LICENCE, ("法定代表人身份证明", C, true, true)],
            fee: None,
            result: "印章及备案信息",
            applicant: Applicant::Company,
            joint: &[],
            extra: none,
        },
        // ---------------------------------------------------- 民政局
        Spec {
            code: "MZ-001",
            dept: "MZ",
            name: "内地居民结婚登记",
            case_type: CaseType::Immediate,
            promised: 0,
            legal: 0,
            basis: &[
                "《中华人民共和国民法典》第一千零四十九条",
                "《婚姻登记条例》第七条",
            ],
            conditions: &["男女双方完全自愿，达到法定婚龄，双方均无配偶"],
            materials: &[
                ("双方户口簿或居住证", O, true, false),
                ("双方居民身份证", O, true, false),
                ("双方近期半身免冠合影照片2张", O, true, true),
            ],
            fee: None,
            result: "结婚证",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                let mut fields = person_fields("spouse_", "另一方");
                fields.push(date("appointment", "预约登记日期", false, true));
                fields
            },
        },
        Spec {
            code: "MZ-002",
            dept: "MZ",
            name: "最低生活保障申请",
            case_type: CaseType::Promised,
            promised: 20,
            legal: 30,
            basis: &["《社会救助暂行办法》第九条至第十一条"],
            conditions: &["共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合财产状况规定"],
            materials: &[
                ("最低生活保障申请书", O, true, true),
                ("家庭成员身份证明", C, true, true),
                ("家庭经济状况核对授权书", O, true, true),
            ],
            fee: None,
            result: "最低生活保障审批决定及救助金发放",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    number(
                        "household_size",
                        "共同生活家庭成员人数",
                        1.0,
                        Some(20.0),
                        true,
                    ),
                    number("monthly_income", "家庭月总收入（元）", 0.0, None, false),
                    multiline("hardship", "家庭困难情况说明", true),
                ]
            },
        },
        Spec {
            code: "MZ-003",
            dept: "MZ",
            name: "社会团体成立登记",
            case_type: CaseType::Promised,
            promised: 30,
            legal: 60,
            basis: &["《社会团体登记管理条例》第十条、第十二条"],
            conditions: &[
                "有50个以上的个人会员或者30个以上的单位会员",
                "有规范的名称和相应的组织机构",
            ],
            materials: &[
                ("社会团体成立登记申请书", O, true, true),
                ("业务主管单位批准文件", O, true, true),
                ("章程草案", O, true, true),
            ],
            fee: None,
            result: "社会团体法人登记证书",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    text("org_name", "拟成立社会团体名称", true),
                    number("members", "会员数", 30.0, None, true),
                ]
            },
        },
        // ---------------------------------------------------- 卫生健康局
        Spec {
            code: "WJ-001",
            dept: "WJ",
            name: "医疗机构执业登记（诊所备案除外）",
            case_type: CaseType::Promised,
            promised: 20,
            legal: 45,
            basis: &[
                "《医疗机构管理条例》第十五条",
                "《医疗机构管理条例实施细则》",
            ],
            conditions: &["符合医疗机构基本标准，有适合的名称、组织机构和场所"],
            materials: &[
                ("医疗机构执业登记申请书", O, true, true),
                ("医疗机构用房产权证明或使用证明", C, true, true),
                ("医务人员执业证书", C, true, true),
            ],
            fee: None,
            result: "医疗机构执业许可证",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![
                    text("institution_name", "医疗机构名称", true),
                    number("beds", "床位数", 0.0, Some(2000.0), true),
                ]
            },
        },
        Spec {
            code: "WJ-002",
            dept: "WJ",
            name: "公共场所卫生许可",
            case_type: CaseType::Promised,
            promised: 10,
            legal: 20,
            basis: &[
                "《公共场所卫生管理条例》第八条",
                "《公共场所卫生管理条例实施细则》",
            ],
            conditions: &["经营场所符合卫生标准和要求"],
            materials: &[
                ("公共场所卫生许可申请表", O, true, true),
                LICENCE,
                ("卫生检测报告", O, true, true),
            ],
            fee: None,
            result: "公共场所卫生许可证",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![choice(
                    "venue_kind",
                    "场所类别",
                    false,
                    &[
                        ("hotel", "住宿场所"),
                        ("bath", "沐浴场所"),
                        ("beauty", "美容美发场所"),
                        ("pool", "游泳场所"),
                    ],
                )]
            },
        },
        Spec {
            code: "WJ-003",
            dept: "WJ",
            name: "出生医学证明补发",
            case_type: CaseType::Promised,
            promised: 5,
            legal: 20,
            basis: &["《中华人民共和国母婴保健法》第二十三条"],
            conditions: &["出生医学证明遗失，且出生在本县助产机构"],
            materials: &[("父母身份证明", C, true, true), ("遗失说明", O, true, true)],
            fee: None,
            result: "出生医学证明（补发）",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    text("child_name", "新生儿姓名", true),
                    date("birth_date", "出生日期", true, false),
                ]
            },
        },
        // ---------------------------------------------------- 自然资源局
        Spec {
            code: "ZR-001",
            dept: "ZR",
            name: "不动产首次登记（房屋）",
            case_type: CaseType::Promised,
            promised: 5,
            legal: 30,
            basis: &[
                "《不动产登记暂行条例》第二十条",
                "《中华人民共和国民法典》第二百一十条",
            ],
            conditions: &["依法取得不动产权利"],
            materials: &[
                ("不动产登记申请书", O, true, true),
                ID_COPY,
                ("建设工程符合规划及竣工验收证明", C, true, true),
                ("房屋测绘报告", O, true, true),
            ],
            fee: Some((
                "住宅每件80元，非住宅每件550元（小微企业免收）",
                "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
            )),
            result: "不动产权证书",
            applicant: Applicant::Either,
            joint: &[],
            extra: || {
                vec![
                    field("property_address", "不动产坐落", true, FieldKind::Address),
                    number("area", "建筑面积（平方米）", 1.0, None, false),
                    choice(
                        "use",
                        "用途",
                        false,
                        &[
                            ("residential", "住宅"),
                            ("commercial", "商业"),
                            ("industrial", "工业"),
                        ],
                    ),
                ]
            },
        },
        Spec {
            code: "ZR-002",
            dept: "ZR",
            name: "建设用地规划许可证核发",
            case_type: CaseType::Promised,
            promised: 10,
            legal: 20,
            basis: &["《中华人民共和国城乡规划法》第三十七条、第三十八条"],
            conditions: &["建设项目符合国土空间规划"],
            materials: &[
                ("建设用地规划许可申请表", O, true, true),
                ("土地出让合同或划拨决定书", C, true, true),
            ],
            fee: None,
            result: "建设用地规划许可证",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![
                    text("project_name", "项目名称", true),
                    number("land_area", "用地面积（平方米）", 1.0, None, false),
                ]
            },
        },
        Spec {
            code: "ZR-003",
            dept: "ZR",
            name: "乡村建设规划许可证核发",
            case_type: CaseType::Promised,
            promised: 10,
            legal: 20,
            basis: &["《中华人民共和国城乡规划法》第四十一条"],
            conditions: &["在乡、村庄规划区内进行农村村民住宅建设，符合村庄规划"],
            materials: &[
                ("农村宅基地和建房（规划许可）申请表", O, true, true),
                ID_COPY,
                ("村民委员会意见", O, true, true),
            ],
            fee: None,
            result: "乡村建设规划许可证",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    text("village", "所在乡镇、行政村", true),
                    number(
                        "floor_area",
                        "拟建建筑面积（平方米）",
                        1.0,
                        Some(300.0),
                        false,
                    ),
                    number("storeys", "拟建层数", 1.0, Some(3.0), true),
                ]
            },
        },
        // ---------------------------------------------------- 人力资源和社会保障局
        Spec {
            code: "RS-001",
            dept: "RS",
            name: "失业保险金申领",
            case_type: CaseType::Promised,
            promised: 5,
            legal: 10,
            basis: &[
                "《中华人民共和国社会保险法》第四十五条",
                "《失业保险条例》第十四条",
            ],
            conditions: &[
                "失业前用人单位和本人已经缴纳失业保险费满一年",
                "非因本人意愿中断就业，已经进行失业登记并有求职要求",
            ],
            materials: &[ID_COPY, ("解除或终止劳动关系证明", C, true, true)],
            fee: None,
            result: "失业保险金核定及按月发放",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    text("last_employer", "原工作单位", true),
                    date("separation_date", "劳动关系解除或终止日期", true, false),
                    text("bank_account", "本人社会保障卡金融账号或银行卡号", true),
                ]
            },
        },
        Spec {
            code: "RS-002",
            dept: "RS",
            name: "就业创业证申领",
            case_type: CaseType::Immediate,
            promised: 0,
            legal: 5,
            basis: &["《就业服务与就业管理规定》第六十三条"],
            conditions: &["法定劳动年龄内、有劳动能力和就业要求的人员"],
            materials: &[ID_COPY],
            fee: None,
            result: "就业创业证（电子证）",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![choice(
                    "status",
                    "就业状态",
                    false,
                    &[
                        ("unemployed", "失业"),
                        ("employed", "就业"),
                        ("business", "自主创业"),
                    ],
                )]
            },
        },
        Spec {
            code: "RS-003",
            dept: "RS",
            name: "社会保障卡申领",
            case_type: CaseType::Promised,
            promised: 3,
            legal: 10,
            basis: &["《中华人民共和国社会保险法》第五十八条"],
            conditions: &["参加社会保险的人员"],
            materials: &[ID_COPY, ("近期免冠证件照", O, true, true)],
            fee: None,
            result: "社会保障卡",
            applicant: Applicant::Person,
            joint: &[],
            extra: none,
        },
        // ---------------------------------------------------- 教育局
        Spec {
            code: "JY-001",
            dept: "JY",
            name: "教师资格认定（幼儿园、小学、初级中学）",
            case_type: CaseType::Promised,
            promised: 20,
            legal: 30,
            basis: &[
                "《中华人民共和国教师法》第十三条",
                "《教师资格条例》第十三条",
            ],
            conditions: &["具备规定学历，通过国家教师资格考试，普通话水平达到二级乙等以上"],
            materials: &[
                ID_COPY,
                ("学历证书", OC, true, true),
                ("体检合格证明", O, true, true),
                ("普通话水平测试等级证书", C, true, true),
            ],
            fee: None,
            result: "教师资格证书",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    choice(
                        "level",
                        "申请资格种类",
                        false,
                        &[
                            ("kindergarten", "幼儿园"),
                            ("primary", "小学"),
                            ("junior", "初级中学"),
                        ],
                    ),
                    text("subject", "任教学科", true),
                ]
            },
        },
        Spec {
            code: "JY-002",
            dept: "JY",
            name: "民办学校办学许可（实施学前教育）",
            case_type: CaseType::Promised,
            promised: 30,
            legal: 90,
            basis: &["《中华人民共和国民办教育促进法》第十二条、第十七条"],
            conditions: &["有必备的办学条件和师资，符合当地幼儿园设置标准"],
            materials: &[
                ("办学许可申请书", O, true, true),
                ("举办者资格证明", C, true, true),
                ("校舍使用证明", C, true, true),
            ],
            fee: None,
            result: "民办学校办学许可证",
            applicant: Applicant::Either,
            joint: &[],
            extra: || {
                vec![
                    text("school_name", "拟办学校名称", true),
                    number("capacity", "拟招生规模（人）", 1.0, Some(1000.0), true),
                ]
            },
        },
        // ---------------------------------------------------- 城市管理局
        Spec {
            code: "CG-001",
            dept: "CG",
            name: "城市建筑垃圾处置核准",
            case_type: CaseType::Promised,
            promised: 10,
            legal: 20,
            basis: &["《城市建筑垃圾管理规定》第七条"],
            conditions: &["有建筑垃圾分类处置方案和消纳场所"],
            materials: &[
                ("建筑垃圾处置核准申请表", O, true, true),
                ("与运输单位签订的合同", C, true, true),
            ],
            fee: None,
            result: "城市建筑垃圾处置核准证",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![
                    number("volume", "预计处置量（立方米）", 1.0, None, false),
                    date("start_date", "处置开始日期", false, true),
                ]
            },
        },
        Spec {
            code: "CG-002",
            dept: "CG",
            name: "户外广告设施设置审批",
            case_type: CaseType::Promised,
            promised: 10,
            legal: 20,
            basis: &["《城市市容和环境卫生管理条例》第十一条"],
            conditions: &["符合户外广告设施设置规划和技术规范"],
            materials: &[
                ("户外广告设置申请表", O, true, true),
                ("设置效果图及安全说明", O, true, true),
            ],
            fee: None,
            result: "户外广告设施设置审批决定",
            applicant: Applicant::Either,
            joint: &[],
            extra: || {
                vec![
                    field("ad_location", "设置地点", true, FieldKind::Address),
                    number("ad_area", "广告面积（平方米）", 0.1, Some(200.0), false),
                ]
            },
        },
        // ---------------------------------------------------- 消防救援大队
        Spec {
            code: "XF-001",
            dept: "XF",
            name: "公众聚集场所投入使用、营业前消防安全检查",
            case_type: CaseType::Promised,
            promised: 7,
            legal: 10,
            basis: &["《中华人民共和国消防法》第十五条"],
            conditions: &["场所符合消防技术标准和管理规定"],
            materials: &[
                (
                    "公众聚集场所投入使用、营业前消防安全检查申报表",
                    O,
                    true,
                    true,
                ),
                LICENCE,
                ("消防安全制度、灭火和应急疏散预案", O, true, true),
            ],
            fee: None,
            result: "公众聚集场所投入使用、营业消防安全检查意见书",
            applicant: Applicant::Company,
            joint: &[],
            extra: || {
                vec![
                    text("venue_name", "场所名称", true),
                    number("venue_area", "使用面积（平方米）", 1.0, None, false),
                    choice(
                        "commitment",
                        "是否采用告知承诺方式",
                        false,
                        &[
                            ("yes", "是（当场发证，事后核查）"),
                            ("no", "否（先检查后发证）"),
                        ],
                    ),
                ]
            },
        },
        // ---------------------------------------------------- 生态环境分局
        Spec {
            code: "ST-001",
            dept: "ST",
            name: "建设项目环境影响报告表审批",
            case_type: CaseType::Promised,
            promised: 15,
            legal: 30,
            basis: &["《中华人民共和国环境影响评价法》第二十二条"],
            conditions: &["项目符合生态环境分区管控要求"],
            materials: &[
                ("建设项目环境影响报告表", O, true, true),
                ("审批申请函", O, true, true),
            ],
            fee: None,
            result: "环境影响报告表批复",
            applicant: Applicant::Company,
            joint: &[],
            extra: || vec![text("project_name", "项目名称", true)],
        },
        // ---------------------------------------------------- 税务局
        Spec {
            code: "SW-001",
            dept: "SW",
            name: "个人所得税纳税记录开具",
            case_type: CaseType::Immediate,
            promised: 0,
            legal: 0,
            basis: &[
                "《国家税务总局关于将个人所得税〈税收完税证明〉（文书式）调整为〈纳税记录〉有关事项的公告》",
            ],
            conditions: &["在本县有纳税记录的个人"],
            materials: &[ID_COPY],
            fee: None,
            result: "个人所得税纳税记录",
            applicant: Applicant::Person,
            joint: &[],
            extra: || {
                vec![
                    number("from_year", "起始年度", 2019.0, Some(2100.0), true),
                    number("to_year", "截止年度", 2019.0, Some(2100.0), true),
                ]
            },
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_core::form::validate;
    use std::collections::BTreeSet;

    fn literal_departments() -> Vec<Department> {
        DEPARTMENTS
            .iter()
            .map(|(code, name, address, telephone)| Department {
                code: (*code).into(),
                name: (*name).into(),
                address: (*address).into(),
                telephone: (*telephone).into(),
            })
            .collect()
    }

    /// While the data moves out of the literals: the files hold exactly what they built.
    #[test]
    fn the_data_files_hold_what_the_literals_built() {
        assert_eq!(departments().unwrap(), literal_departments());
        let files = items().unwrap();
        let literals = catalogue();
        assert_eq!(files.len(), literals.len());
        for (file, literal) in files.iter().zip(&literals) {
            assert_eq!(file, literal, "{}", literal.0.code);
        }
    }

    /// Every folder of `demo/services/` is listed (a forgotten one would never be seeded).
    #[test]
    fn every_item_folder_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/services");
        let mut folders: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        folders.sort();
        let mut listed: Vec<String> = ITEM_FILES.iter().map(|f| f.0.to_owned()).collect();
        listed.sort();
        assert_eq!(folders, listed);
    }

    /// A broken file is an error naming the file and serde's line and column, not a panic.
    #[test]
    fn a_broken_file_names_its_place() {
        let broken = ("services/X-1/item.json", "{\n  \"code\": 1\n}\n");
        let err = parse::<ServiceItem>(broken).unwrap_err();
        let DemoDataError::Parse {
            file, line, column, ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!((*file, *line, *column), ("services/X-1/item.json", 2, 11));
        assert!(
            err.to_string()
                .starts_with("demo data file services/X-1/item.json: "),
            "{err}"
        );
        assert!(err.to_string().contains("line 2 column 11"), "{err}");
    }

    #[test]
    fn every_item_and_form_is_valid() {
        let catalogue = catalogue();
        assert!(catalogue.len() >= 30, "{}", catalogue.len());
        let departments: BTreeSet<&str> = catalogue
            .iter()
            .map(|(i, _)| i.department.code.as_str())
            .collect();
        assert!(departments.len() >= 10);
        let codes: BTreeSet<&str> = catalogue.iter().map(|(i, _)| i.code.as_str()).collect();
        assert_eq!(codes.len(), catalogue.len(), "duplicate item codes");
        for (item, form) in &catalogue {
            assert_eq!(item.check(), Ok(()), "{}", item.code);
            assert_eq!(form.check(), Ok(()), "{}", item.code);
            assert_eq!(form.item_code, item.code);
            for d in std::iter::once(&item.department).chain(&item.joint_departments) {
                assert_ne!(d.name, d.code, "unknown department {}", d.code);
            }
        }
        assert!(
            catalogue
                .iter()
                .any(|(i, _)| i.case_type == CaseType::Joint)
        );
    }

    /// GA-003 asks for the power of attorney only when someone else applies, and then needs
    /// it: the same validation runs in the browser and on the server.
    #[test]
    fn the_power_of_attorney_is_asked_only_with_an_agent() {
        let (item, form) = catalogue()
            .into_iter()
            .find(|(i, _)| i.code == "GA-003")
            .unwrap();
        let agent = item
            .materials
            .iter()
            .position(|m| m.name == AGENT.0)
            .unwrap();
        assert_eq!(item.materials[agent].note.as_deref(), Some(AGENT_NOTE));
        let file = json!([{"upload_id": "a".repeat(64), "name": "id.pdf",
                           "media_type": "application/pdf", "size": 1000}]);
        let mut answers = json!({
            "name": "张三", "id_no": "11010519491231002X", "phone": "13800138000",
            "address": "城关镇人民路1号", "purpose": "就业", "has_agent": "no",
            "material_1": file, "declaration": true,
        });
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let alone = validate(&form, answers.as_object().unwrap(), today).unwrap();
        assert!(!alone.contains_key("material_2"));
        answers["has_agent"] = json!("yes");
        for (key, value) in [
            ("agent_name", "李四"),
            ("agent_id_no", "11010519491231002X"),
            ("agent_phone", "13800138001"),
            ("agent_address", "城关镇人民路2号"),
        ] {
            answers[key] = json!(value);
        }
        let errors = validate(&form, answers.as_object().unwrap(), today).unwrap_err();
        let missing: Vec<&str> = errors.iter().map(|e| e.field_id.as_str()).collect();
        assert_eq!(missing, ["material_2"]);
        // Every demo form but the disclosure request ends with the declaration, and asks the
        // applicant's personal questions with autocomplete tokens.
        for (item, form) in catalogue() {
            assert_eq!(
                form.declaration.is_some(),
                item.code != "YSQGK",
                "{}",
                item.code
            );
        }
        let token = |id: &str| form.field(id).and_then(|f| f.autocomplete.clone());
        assert_eq!(token("name").as_deref(), Some("name"));
        assert_eq!(token("phone").as_deref(), Some("tel"));
        assert_eq!(token("address").as_deref(), Some("street-address"));
        assert_eq!(token("agent_name").as_deref(), Some("section-agent name"));
        assert_eq!(token("purpose"), None);
        let hint = |id: &str| form.field(id).and_then(|f| f.help.clone());
        assert_eq!(hint("id_no"), Some(Label::text(ID_HINT.0, ID_HINT.1)));
        assert_eq!(
            hint("phone"),
            Some(Label::text(MOBILE_HINT.0, MOBILE_HINT.1))
        );
    }
}
