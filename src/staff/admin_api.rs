//! The calls of the admin bundle's own pages (accounts, appeals, the audit log) and of the
//! desk's 差评整改 list. The accounts, the audit log and the appeals are `guichet_core::wire`
//! types; the 差评整改 list and an evidence upload's answer are core's types read as JSON by the
//! window desk (`followups`), whose bundle cannot carry their decoders; the answers to a reply
//! and an appeal are not read (the list is loaded again; decoded as values, whose decoder the
//! bundle has, where `IgnoredAny` would add its own).

use guichet_core::wire::appeals::{Appeal, AppealList, EvaluationResults};
use guichet_core::wire::staff::{AccountAnswer, AccountList, AuditPage};
use serde_json::Value;

use crate::api::{self, ApiError};

fn encoded(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// Every account, with the departments and agencies to choose from.
pub async fn accounts() -> Result<AccountList, ApiError> {
    api::get_json("staff/accounts").await
}

/// Creates an account; the answer holds the temporary password.
pub async fn create_account(form: &Value, csrf: &str) -> Result<AccountAnswer, ApiError> {
    api::post_with_csrf("staff/accounts", form, csrf).await
}

/// Changes an account's name and role.
pub async fn update_account(
    username: &str,
    form: &Value,
    csrf: &str,
) -> Result<AccountAnswer, ApiError> {
    api::post_with_csrf(
        &["staff/accounts/", &encoded(username)].concat(),
        form,
        csrf,
    )
    .await
}

/// `disable`, `enable` or `reset-password` on an account (a reset's answer holds the temporary
/// password).
pub async fn account_step(
    username: &str,
    step: &str,
    csrf: &str,
) -> Result<AccountAnswer, ApiError> {
    let path = ["staff/accounts/", &encoded(username), "/", step].concat();
    api::post_with_csrf(&path, &serde_json::json!({}), csrf).await
}

/// One page of the audit log, newest first (`kind` a prefix such as `account.`, `before` the
/// previous page's `next`).
/// The records before and after each change stay JSON, shown field by field as they come.
pub async fn audit(kind: String, before: Option<i64>) -> Result<AuditPage<Value>, ApiError> {
    let mut path = ["staff/audit?kind=", &encoded(&kind)].concat();
    if let Some(id) = before {
        path.push_str(&format!("&before={id}"));
    }
    api::get_json(&path).await
}

/// The bad ratings to rectify, with days left, replies and appeals.
pub async fn rectification() -> Result<Value, ApiError> {
    api::get_json("staff/rectification").await
}

/// Answers a follow-up.
pub async fn reply(id: i64, text: &str, csrf: &str) -> Result<Value, ApiError> {
    let path = format!("staff/followups/{id}/reply");
    api::post_with_csrf(&path, &serde_json::json!({ "reply": text }), csrf).await
}

/// Appeals a follow-up's rating with reasons and evidence (upload ids).
pub async fn appeal(
    id: i64,
    reasons: &str,
    evidence: &[String],
    csrf: &str,
) -> Result<Value, ApiError> {
    let path = format!("staff/followups/{id}/appeal");
    let body = serde_json::json!({ "reasons": reasons, "evidence": evidence });
    api::post_with_csrf(&path, &body, csrf).await
}

/// Uploads one evidence file.
pub async fn upload_evidence(file: &web_sys::File, csrf: &str) -> Result<Value, ApiError> {
    let path = ["staff/appeals/files?name=", &encoded(&file.name())].concat();
    api::post_blob_with_csrf(&path, file, csrf).await
}

/// Every appeal the person sees, pending first.
pub async fn appeals() -> Result<AppealList, ApiError> {
    api::get_json("staff/appeals").await
}

/// Decides an appeal (`upheld` or `rejected`) with the center's reasons.
pub async fn decide(id: i64, decision: &str, note: &str, csrf: &str) -> Result<Appeal, ApiError> {
    let path = format!("staff/appeals/{id}/decision");
    let body = serde_json::json!({ "decision": decision, "note": note });
    api::post_with_csrf(&path, &body, csrf).await
}

/// The published 好差评 results of `year`. The public answer may be kept five minutes by the
/// browser, so the page asks again under another address (`round`) after each decision.
pub async fn results(year: i32, round: u32) -> Result<EvaluationResults, ApiError> {
    api::get_json(&format!("evaluations/results?year={year}&round={round}")).await
}
