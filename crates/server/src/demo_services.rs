//! The demo's service guide: 14 departments and 36 items (事项) with their ten disclosures
//! (十公开), English texts, tags and a form each, seeded by `--demo` from the data files in
//! `crates/server/demo/`, built into the binary.
//!
//! The files have the shapes operators publish, so a published item or form and a demo one
//! are interchangeable: `departments.json` a list of [`Department`]s, `services/{code}/item.json`
//! a [`ServiceItem`] (as the desk's guide editor reads and saves it, `en` and `tags` included)
//! and `services/{code}/form.json` its [`FormDefinition`] (as `form-publish` and the desk
//! publish it). `ITEM_FILES` lists the items in the guide's order. The texts follow real county
//! service guides (法律依据 cite the actual laws and articles), shortened; the laws cited have
//! no English, their Chinese titles being the authoritative ones. How to edit them:
//! `crates/server/demo/README.md`.
//!
//! Idempotent like the rest of the demo seed: departments and items are upserted, and forms
//! are published with [`services_store::publish_form`], which accepts re-publishing an
//! identical version.

use guichet_core::form::FormDefinition;
use guichet_core::service::{Department, ServiceItem};

use crate::db::{DbError, Pool};
use crate::demo::{DemoDataError, DemoFile, demo_file, parse};
use crate::services_store::{self, StoreError};

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

/// The demo's 联办件 without 超时默认 / 缺席默认.
pub const STRICT_JOINT_ITEM: &str = "ZJ-003";

/// Demo data is checked by its unit tests; a failure here is a database failure or a bug.
fn demo_error(err: StoreError) -> DbError {
    match err {
        StoreError::Db(e) => DbError::Query(e),
        other => DbError::Query(sqlx::Error::Protocol(format!("demo service data: {other}"))),
    }
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

const DEPARTMENTS_FILE: DemoFile = demo_file!("departments.json");

const ITEM_FILES: &[(&str, DemoFile, DemoFile)] = demo_items![
    "SC-001", "SC-002", "SC-003", "SC-004", "SC-005", "ZJ-001", "ZJ-002", "ZJ-003", "JT-001",
    "JT-002", "JT-003", "JT-004", "GA-001", "GA-002", "GA-003", "GA-004", "MZ-001", "MZ-002",
    "MZ-003", "WJ-001", "WJ-002", "WJ-003", "ZR-001", "ZR-002", "ZR-003", "RS-001", "RS-002",
    "RS-003", "JY-001", "JY-002", "CG-001", "CG-002", "XF-001", "ST-001", "SW-001", "YSQGK",
];

/// The departments, in the order the guide lists them.
pub fn departments() -> Result<Vec<Department>, DemoDataError> {
    parse(DEPARTMENTS_FILE)
}

/// Every demo item with its form (version 1), in the order the guide lists them.
pub fn items() -> Result<Vec<(ServiceItem, FormDefinition)>, DemoDataError> {
    ITEM_FILES.iter().map(read_item).collect()
}

/// One item's files, which must both name the item of their folder (a copied folder whose
/// code was not changed would otherwise overwrite the item it was copied from).
fn read_item(
    &(code, item_file, form_file): &(&'static str, DemoFile, DemoFile),
) -> Result<(ServiceItem, FormDefinition), DemoDataError> {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_core::case::CaseType;
    use guichet_core::form::{FieldKind, Label, validate};
    use guichet_core::service::{Fee, LifeEvent};
    use serde_json::json;
    use std::collections::BTreeSet;

    fn items() -> Vec<(ServiceItem, FormDefinition)> {
        super::items().unwrap()
    }

    fn item(code: &str) -> (ServiceItem, FormDefinition) {
        items().into_iter().find(|(i, _)| i.code == code).unwrap()
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

    /// A folder's files must name its item.
    #[test]
    fn a_file_of_another_item_is_refused() {
        let (_, item_file, form_file) = ITEM_FILES[0];
        let err = read_item(&("SC-999", item_file, form_file)).unwrap_err();
        assert!(
            matches!(
                &err,
                DemoDataError::WrongCode { file: "services/SC-001/item.json", expected: "SC-999", found }
                    if found == "SC-001"
            ),
            "{err:?}"
        );
        let (_, other_item, _) = ITEM_FILES[1];
        let err = read_item(&("SC-002", other_item, form_file)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "demo data file services/SC-001/form.json: item code \"SC-001\", expected \"SC-002\""
        );
    }

    /// What the data files held when they were written from the Rust literals they replace
    /// (the seeded result was then equal to the literals' item by item).
    #[test]
    fn the_demo_guide_is_the_one_moved_from_the_literals() {
        let departments = departments().unwrap();
        let codes: Vec<&str> = departments.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "SC", "ZJ", "JT", "GA", "MZ", "WJ", "ZR", "RS", "JY", "CG", "XF", "ST", "SW", "GK"
            ]
        );
        assert_eq!(departments[3].telephone, "0371-62301004");
        let items = items();
        assert_eq!(items.len(), 36);
        assert_eq!(items[0].0.code, "SC-001");
        assert_eq!(items[35].0.code, "YSQGK");
        let count = |case_type| {
            items
                .iter()
                .filter(|(i, _)| i.case_type == case_type)
                .count()
        };
        assert_eq!(
            [
                CaseType::Promised,
                CaseType::Immediate,
                CaseType::Joint,
                CaseType::Disclosure
            ]
            .map(count),
            [27, 6, 2, 1]
        );
        let charged: Vec<&str> = items
            .iter()
            .filter(|(i, _)| matches!(i.fee, Fee::Charged { .. }))
            .map(|(i, _)| i.code.as_str())
            .collect();
        assert_eq!(charged, ["GA-001", "ZR-001"]);
        let fields: usize = items.iter().map(|(_, f)| f.fields().count()).sum();
        assert_eq!(fields, 560);
        assert!(items.iter().all(|(_, f)| f.version == 1));
        let (joint, _) = item(STRICT_JOINT_ITEM);
        assert_eq!(joint.case_type, CaseType::Joint);
        let partners: Vec<&str> = joint
            .joint_departments
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(partners, ["ZR", "XF"]);
        let (ga, _) = item("GA-003");
        assert_eq!(
            (ga.name.as_str(), ga.promised_days, ga.legal_days),
            ("无犯罪记录证明开具", 3, 10)
        );
        assert_eq!(ga.telephone, "0371-62301004");
    }

    #[test]
    fn every_item_and_form_is_valid() {
        let departments = departments().unwrap();
        let catalogue = items();
        let codes: BTreeSet<&str> = catalogue.iter().map(|(i, _)| i.code.as_str()).collect();
        assert_eq!(codes.len(), catalogue.len(), "duplicate item codes");
        for (item, form) in &catalogue {
            assert_eq!(item.check(), Ok(()), "{}", item.code);
            assert_eq!(form.check(), Ok(()), "{}", item.code);
            for d in std::iter::once(&item.department).chain(&item.joint_departments) {
                assert!(
                    departments
                        .iter()
                        .any(|k| k.code == d.code && k.name == d.name),
                    "{}: unknown department {d:?}",
                    item.code
                );
            }
        }
    }

    /// GA-003 asks for the power of attorney only when someone else applies, and then needs
    /// it: the same validation runs in the browser and on the server.
    #[test]
    fn the_power_of_attorney_is_asked_only_with_an_agent() {
        let (item, form) = item("GA-003");
        let agent = item
            .materials
            .iter()
            .position(|m| m.name == "授权委托书及代理人身份证明")
            .unwrap();
        assert_eq!(
            item.materials[agent].note.as_deref(),
            Some("委托他人代为办理的")
        );
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
        for (item, form) in items() {
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
        assert_eq!(
            hint("id_no"),
            Some(Label::text(
                "18位，末位可能是X。",
                "18 characters, the last may be X."
            ))
        );
        assert_eq!(
            hint("phone"),
            Some(Label::text("11位手机号码。", "An 11-digit mobile number."))
        );
    }

    /// Every text a person reads on a demo form, and every item text but the laws cited, has
    /// its English.
    #[test]
    fn every_demo_text_is_translated() {
        let mut missing = Vec::new();
        let mut need = |code: &str, zh: &str, en: Option<&str>| {
            if en.is_none_or(|e| e.trim().is_empty()) {
                missing.push(format!("{code}: {zh}"));
            }
        };
        for (item, form) in items() {
            let code = item.code.as_str();
            let en = item.en.clone().unwrap_or_default();
            need(code, &item.name, Some(&en.name));
            need(code, &item.department.name, Some(&en.department));
            need(code, &item.result, Some(&en.result));
            need(code, &item.place, Some(&en.place));
            need(code, &item.hours, Some(&en.hours));
            if let Fee::Charged { standard, .. } = &item.fee {
                need(code, standard, Some(&en.fee));
            }
            for (list, english) in [(&item.steps, &en.steps), (&item.conditions, &en.conditions)] {
                for (i, zh) in list.iter().enumerate() {
                    need(code, zh, english.get(i).map(String::as_str));
                }
            }
            for (i, m) in item.materials.iter().enumerate() {
                need(code, &m.name, en.materials.get(i).map(String::as_str));
                if let Some(note) = &m.note {
                    need(code, note, en.material_notes.get(i).map(String::as_str));
                }
            }
            let mut labels: Vec<&Label> = form.declaration.iter().collect();
            for section in &form.sections {
                labels.push(&section.title);
                for field in &section.fields {
                    labels.push(&field.label);
                    labels.extend(field.help.as_ref());
                    if let FieldKind::Choice { options, .. } = &field.kind {
                        labels.extend(options.iter().map(|o| &o.label));
                    }
                }
            }
            for label in labels {
                if let Label::Text { zh, en } = label {
                    need(code, zh, en.as_deref());
                }
            }
        }
        assert!(missing.is_empty(), "not translated: {missing:#?}");
    }

    /// Who each item is for and the words people search it with, and a demo item for every
    /// life event (一件事).
    #[test]
    fn every_demo_item_is_tagged() {
        let items = items();
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
