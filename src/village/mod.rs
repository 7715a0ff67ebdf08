//! 代办 mode: the village service room (村级便民服务室), where an operator (代办员) files for
//! many villagers on one shared computer whose line comes and goes (issue 17).
//!
//! * [`Settings`]: the mode, the operator's details recorded once (kept in the key-value store
//!   under [`KEY`]) and how long a concluded case's personal data stays on the device.
//! * [`agent_prefill`]: the answers a new form starts with — the agent section (代办人) filled
//!   with the operator's details, so the authorization letter (授权委托书) is asked for wherever
//!   the item's form asks it of an agent (`show_if has_agent = yes`). The day view passes them
//!   to the form filler as its `?prefill=`: the forms bundle, at its size budget, gains no code.
//! * [`applicant`]: who a draft, record or case is for, read from its answers.
//! * [`refresh_all`]: every tracked case looked up again, a few at a time and spaced.
//! * [`purge_due`] and [`clear_now`]: the personal data of concluded cases removed after the
//!   retention time, or of one villager at once; what is kept is said in `village.kept`.

use guichet_core::wire::cases::CaseView;
use js_sys::{Object, Reflect};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::api::{self, Preserved};
use crate::clock;
use crate::storage::outbox::StoredReceipt;
use crate::storage::village::ApplicantRef;
use crate::storage::{Storage, StorageError, stores};

/// The key-value record of the settings.
pub const KEY: &str = "village";
/// Days a concluded case's personal data stays, unless the operator sets another number.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;
/// Lookups in flight at once when refreshing every case: polite to a small server.
const REFRESH_AT_ONCE: usize = 2;
/// Pause between two lookups of one lane (ms).
const REFRESH_SPACING_MS: u32 = 250;
const DAY_MS: f64 = 86_400_000.0;

/// 代办 mode's settings on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub on: bool,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub id_no: String,
    #[serde(default)]
    pub address: String,
    #[serde(default = "default_days")]
    pub retention_days: u32,
}

fn default_days() -> u32 {
    DEFAULT_RETENTION_DAYS
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            on: false,
            name: String::new(),
            phone: String::new(),
            id_no: String::new(),
            address: String::new(),
            retention_days: DEFAULT_RETENTION_DAYS,
        }
    }
}

/// The device's settings (the defaults when none were saved or storage is unavailable).
pub async fn settings() -> Settings {
    match Storage::shared().await {
        Ok(storage) => storage
            .get_kv::<Settings>(KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default(),
        Err(_) => Settings::default(),
    }
}

/// Saves the settings; turning the mode on asks the browser to keep this origin's storage
/// (`navigator.storage.persist()`): a shared computer's browser may otherwise evict it.
pub async fn save(settings: &Settings) -> Result<(), StorageError> {
    Storage::shared().await?.put_kv(KEY, settings).await?;
    if settings.on {
        request_persistence().await;
    }
    Ok(())
}

/// Asks for persistent storage; whether it was granted.
pub async fn request_persistence() -> bool {
    storage_answer(|manager| manager.persist()).await
}

/// The yes or no a `navigator.storage` call resolves to (no when it cannot be asked).
async fn storage_answer(
    call: impl FnOnce(&web_sys::StorageManager) -> Result<js_sys::Promise, JsValue>,
) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(promise) = call(&window.navigator().storage()) else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The agent section's answers from the operator's details, as JSON text, when the item's
/// form (its JSON text, as the server or the cache gives it) has that section; `None` when it
/// has not or nothing was recorded. Empty details are left out (the form asks them).
pub fn agent_prefill(settings: &Settings, item_json: &str) -> Option<String> {
    if !settings.on || !item_json.contains("\"has_agent\"") {
        return None;
    }
    let answers = Object::new();
    let set = |key: &str, value: &str| {
        if !value.trim().is_empty() {
            let _ = Reflect::set(&answers, &key.into(), &value.trim().into());
        }
    };
    set("has_agent", "yes");
    set("agent_name", &settings.name);
    set("agent_id_no", &settings.id_no);
    set("agent_phone", &settings.phone);
    set("agent_address", &settings.address);
    js_sys::JSON::stringify(&answers).ok().map(String::from)
}

/// Who answers (a JS object of field id → value) are for: the person's name and ID number, or
/// the company's name and credit code. `None` while neither name is filled in.
pub fn applicant(answers: &JsValue) -> Option<(String, String)> {
    let text = |key: &str| {
        Reflect::get(answers, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let name = text("name").or_else(|| text("company_name"))?;
    let id = text("id_no")
        .or_else(|| text("credit_code"))
        .unwrap_or_default();
    let tail: String = {
        let chars: Vec<char> = id.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    };
    Some((name, tail.to_ascii_uppercase()))
}

/// [`applicant`] of answers kept as JSON text (drafts, outbox records).
pub fn applicant_of_text(answers: &str) -> Option<(String, String)> {
    js_sys::JSON::parse(answers)
        .ok()
        .and_then(|value| applicant(&value))
}

/// Field `key` of a browser value, as text.
pub fn text_of(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &key.into())
        .ok()
        .and_then(|v| v.as_string())
}

/// The object under `key`, if it is one.
pub fn object_of(value: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(value, &key.into())
        .ok()
        .filter(JsValue::is_object)
}

/// A followed case as the `tracked_cases` store keeps it: its number and code, and the last
/// answer of its lookup (`POST /api/cases/lookup`), whose answers and disclosure facts stay the
/// browser's values (passed on, never decoded). The record itself is written back as read (see
/// `storage::village`): this type only reads it.
#[derive(Clone, Deserialize)]
pub struct Tracked {
    /// 办件编号.
    pub case_no: String,
    /// Its query code.
    #[serde(default)]
    pub query_code: Option<String>,
    /// The last lookup's answer (none before the first).
    #[serde(default)]
    pub view: Option<CaseView<Preserved, Preserved>>,
}

/// A followed case's number and code, whatever its last answer.
#[derive(Deserialize)]
struct Followed {
    case_no: String,
    #[serde(default)]
    query_code: Option<String>,
}

impl Tracked {
    /// `record` (a raw record of `tracked_cases`) decoded; `None` when it is not one.
    pub fn of(record: &JsValue) -> Option<Tracked> {
        serde_wasm_bindgen::from_value(record.clone()).ok()
    }

    /// Its answers as the server sent them (`view.submitted.answers`), while kept.
    pub fn answers(&self) -> Option<&JsValue> {
        let submitted = self.view.as_ref()?.submitted.as_ref()?;
        Some(&submitted.answers.0).filter(|answers| answers.is_object())
    }

    /// When it was concluded (ms), if its last answer says it is: the time of the last event
    /// of its history (Beijing time), or the answer's time when that is unreadable.
    pub fn concluded_at(&self) -> Option<f64> {
        let view = self.view.as_ref().filter(|view| view.is_final)?;
        let last = view
            .timeline
            .last()
            .map(|entry| js_sys::Date::parse(&format!("{}+08:00", entry.at)))
            .filter(|ms| !ms.is_nan());
        last.or_else(|| Some(js_sys::Date::parse(&view.as_of)).filter(|ms| !ms.is_nan()))
    }
}

/// The latest time the server vouched for (`view.as_of` of any case), so that a device whose
/// own clock is behind still counts the retention time.
fn latest_server_time(cases: &[Tracked]) -> f64 {
    cases
        .iter()
        .filter_map(|c| c.view.as_ref())
        .map(|view| js_sys::Date::parse(&view.as_of))
        .filter(|ms| !ms.is_nan())
        .fold(0.0, f64::max)
}

/// Records who each tracked case is for (from its answers, while it has them), so that a
/// case stays under its villager once its answers are removed.
pub async fn index_cases(storage: &Storage, cases: &[JsValue]) -> Result<(), StorageError> {
    let known = storage.applicants().await?;
    for case in cases.iter().filter_map(Tracked::of) {
        let Some((name, id_last4)) = case.answers().and_then(applicant) else {
            continue;
        };
        let entry = ApplicantRef {
            key: format!("n:{}", case.case_no),
            name,
            id_last4,
        };
        if !known.contains(&entry) {
            storage.put_applicant(&entry).await?;
        }
    }
    Ok(())
}

/// Removes the answers of every concluded case older than the retention time, and the
/// attachments nothing needs any more. Returns how many cases were cleared.
pub async fn purge_due(storage: &Storage, settings: &Settings) -> Result<u32, StorageError> {
    if !settings.on {
        return Ok(0);
    }
    let records = storage.raw_records(stores::TRACKED_CASES).await?;
    index_cases(storage, &records).await?;
    let cases: Vec<Tracked> = records.iter().filter_map(Tracked::of).collect();
    let now = clock::now_ms().max(latest_server_time(&cases));
    let keep_ms = f64::from(settings.retention_days) * DAY_MS;
    let mut cleared = 0;
    for case in &cases {
        let due = case.concluded_at().is_some_and(|at| now - at >= keep_ms);
        if due && storage.clear_case_answers(&case.case_no).await? {
            cleared += 1;
        }
    }
    if cleared > 0 {
        storage.collect_attachments().await?;
    }
    Ok(cleared)
}

/// Clears one villager's data now: their drafts go, and their cases' answers (the outbox's
/// waiting records stay: deleting them would lose a filing not yet made).
pub async fn clear_now(
    storage: &Storage,
    drafts: &[String],
    cases: &[String],
) -> Result<(), StorageError> {
    for id in drafts {
        storage.delete_draft(id).await?;
    }
    for case_no in cases {
        storage.clear_case_answers(case_no).await?;
    }
    storage.collect_attachments().await
}

/// Follows every case this device has a receipt for (as 办件查询 does), then asks the server
/// again about every followed case, `REFRESH_AT_ONCE` at a time with a pause between two
/// lookups; a case that fails keeps its last answer. Returns (refreshed, failed).
pub async fn refresh_all(storage: &Storage) -> Result<(u32, u32), StorageError> {
    let mut cases = storage.raw_records(stores::TRACKED_CASES).await?;
    let mut followed: Vec<String> = cases
        .iter()
        .filter_map(|c| serde_wasm_bindgen::from_value::<Followed>(c.clone()).ok())
        .map(|c| c.case_no)
        .collect();
    let receipts: Vec<StoredReceipt> = storage.all_records(stores::RECEIPTS).await?;
    for receipt in receipts {
        let (case_no, Some(code)) = (receipt.case_no, receipt.query_code) else {
            continue;
        };
        if followed.contains(&case_no) {
            continue;
        }
        followed.push(case_no.clone());
        let case = Object::new();
        let _ = Reflect::set(&case, &"case_no".into(), &case_no.into());
        let _ = Reflect::set(&case, &"query_code".into(), &code.into());
        storage.put_raw(stores::TRACKED_CASES, &case).await?;
        cases.push(case.into());
    }
    // The lanes run side by side as promises (the browser's `Promise.all`: no futures crate).
    let lanes = js_sys::Array::new();
    for lane in 0..REFRESH_AT_ONCE {
        let mine: Vec<JsValue> = cases
            .iter()
            .skip(lane)
            .step_by(REFRESH_AT_ONCE)
            .cloned()
            .collect();
        let storage = storage.clone();
        lanes.push(&wasm_bindgen_futures::future_to_promise(async move {
            let (ok, failed) = refresh_lane(&storage, mine)
                .await
                .map_err(|e| JsValue::from_str(&e.to_string()))?;
            Ok(js_sys::Array::of2(&ok.into(), &failed.into()).into())
        }));
    }
    let done = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&lanes))
        .await
        .map_err(op_error)?;
    let mut totals = (0, 0);
    for lane in js_sys::Array::from(&done).iter() {
        let counts = js_sys::Array::from(&lane);
        totals.0 += counts.get(0).as_f64().unwrap_or(0.0) as u32;
        totals.1 += counts.get(1).as_f64().unwrap_or(0.0) as u32;
    }
    let all = storage.raw_records(stores::TRACKED_CASES).await?;
    index_cases(storage, &all).await?;
    Ok(totals)
}

fn op_error(error: JsValue) -> StorageError {
    StorageError::Operation(error.as_string().unwrap_or_default())
}

async fn refresh_lane(storage: &Storage, lane: Vec<JsValue>) -> Result<(u32, u32), StorageError> {
    let (mut ok, mut failed) = (0, 0);
    for (i, case) in lane.iter().enumerate() {
        if i > 0 {
            gloo_timers::future::TimeoutFuture::new(REFRESH_SPACING_MS).await;
        }
        // Its number and code alone: a last answer that no longer reads is replaced.
        let Some(Followed {
            case_no,
            query_code: Some(code),
        }) = serde_wasm_bindgen::from_value(case.clone()).ok()
        else {
            continue;
        };
        let body = Object::new();
        let _ = Reflect::set(&body, &"case_no".into(), &case_no.into());
        let _ = Reflect::set(&body, &"query_code".into(), &code.into());
        let Some(text) = js_sys::JSON::stringify(&body).ok().map(String::from) else {
            continue;
        };
        match api::post_frozen("cases/lookup", text).await {
            Ok((view, _)) => {
                // A case whose answers were removed stays so: the fresh answer's copy of them
                // is not kept.
                let cleared = Tracked::of(case)
                    .is_some_and(|kept| kept.view.is_some() && kept.answers().is_none());
                if cleared {
                    let _ = Reflect::delete_property(
                        &js_sys::Object::from(view.clone()),
                        &"submitted".into(),
                    );
                }
                let _ = Reflect::set(case, &"view".into(), &view);
                storage.put_raw(stores::TRACKED_CASES, case).await?;
                ok += 1;
            }
            Err(_) => failed += 1,
        }
    }
    Ok((ok, failed))
}

/// How much this origin stores and the browser's quota for it, in bytes.
pub async fn estimate() -> Option<(f64, f64)> {
    let manager = web_sys::window()?.navigator().storage();
    let estimate = wasm_bindgen_futures::JsFuture::from(manager.estimate().ok()?)
        .await
        .ok()?;
    let used = Reflect::get(&estimate, &"usage".into()).ok()?.as_f64()?;
    let quota = Reflect::get(&estimate, &"quota".into()).ok()?.as_f64()?;
    Some((used, quota))
}

/// Whether the browser keeps this origin's storage (`navigator.storage.persisted()`).
pub async fn persisted() -> bool {
    storage_answer(|manager| manager.persisted()).await
}

/// The share of the quota past which the day view warns that the device is nearly full.
pub const NEARLY_FULL: f64 = 0.8;

// `wasm_bindgen_test`: the app's unit tests run on wasm32 (see `crate::tracking`'s).
#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn on() -> Settings {
        Settings {
            on: true,
            name: "王代办".into(),
            phone: "13900139000".into(),
            ..Settings::default()
        }
    }

    #[wasm_bindgen_test]
    fn the_applicant_is_the_person_or_the_company_with_the_last_four_of_their_number() {
        let person = applicant_of_text(r#"{"name":" 赵大山 ","id_no":"11010519560312001x"}"#);
        assert_eq!(person, Some(("赵大山".into(), "001X".into())));
        let company = applicant_of_text(
            r#"{"company_name":"东村合作社","credit_code":"91110105MA01ABCD2X"}"#,
        );
        assert_eq!(company, Some(("东村合作社".into(), "CD2X".into())));
        assert_eq!(applicant_of_text(r#"{"has_agent":"yes"}"#), None);
        assert_eq!(applicant_of_text("not json"), None);
    }

    #[wasm_bindgen_test]
    fn agent_answers_only_in_village_mode_and_only_for_forms_that_ask_them() {
        let form = r#"{"form":{"sections":[{"fields":[{"id":"has_agent"}]}]}}"#;
        let text = agent_prefill(&on(), form).expect("answers");
        let answers = js_sys::JSON::parse(&text).expect("JSON");
        assert_eq!(text_of(&answers, "has_agent").as_deref(), Some("yes"));
        assert_eq!(text_of(&answers, "agent_name").as_deref(), Some("王代办"));
        // Details not recorded are left for the form to ask.
        assert_eq!(text_of(&answers, "agent_id_no"), None);
        assert_eq!(agent_prefill(&on(), r#"{"form":{"sections":[]}}"#), None);
        assert_eq!(agent_prefill(&Settings::default(), form), None);
    }
}
