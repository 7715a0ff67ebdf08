//! The desk's 依申请公开 calls (`docs/disclosure-api.md`, "The desk"). Answers are the
//! server's own types (`guichet_core::wire::disclosure`); a step's body and an upload's answer
//! stay `serde_json::Value`s.

use guichet_core::wire::disclosure::{AgencyList, AnnualTableView, RequestDetail, RequestQueue};
use guichet_core::wire::files::NamedUpload;
use serde::de::IgnoredAny;
use serde_json::Value;

use crate::api::{self, ApiError};

/// The agency's requests (a center administrator: every agency's); `open` only the ones not
/// yet closed.
pub async fn requests(open: bool) -> Result<RequestQueue, ApiError> {
    api::get_json(if open {
        "staff/disclosure/requests?open=true"
    } else {
        "staff/disclosure/requests?open=false"
    })
    .await
}

/// One request, with its clock, reply, audit trail and the steps allowed now.
pub async fn request(case_no: String) -> Result<RequestDetail, ApiError> {
    api::get_json(&["staff/disclosure/requests/", &encoded(&case_no)].concat()).await
}

/// One step (`{"action", …}`); the answer is the request after it.
pub async fn act(case_no: &str, step: &Value, csrf: &str) -> Result<RequestDetail, ApiError> {
    let path = ["staff/disclosure/requests/", &encoded(case_no), "/actions"].concat();
    api::post_with_csrf(&path, step, csrf).await
}

/// Uploads a reply attachment as it is (PDF, JPEG or PNG); its id goes in the reply's `files`.
pub async fn upload(file: &web_sys::File, csrf: &str) -> Result<NamedUpload, ApiError> {
    let path = ["staff/disclosure/files?name=", &encoded(&file.name())].concat();
    api::post_blob_with_csrf(&path, file, csrf).await
}

/// The path (under `/api/`) of table 三 for `year`, `.csv` or not, of one agency when a center
/// administrator chose one.
pub fn annual_path(year: &str, csv: bool, agency: &str) -> String {
    let mut path = ["staff/disclosure/annual/", &encoded(year)].concat();
    if csv {
        path.push_str(".csv");
    }
    if !agency.is_empty() {
        path.push_str("?agency=");
        path.push_str(&encoded(agency));
    }
    path
}

/// Table 三 of the annual report.
pub async fn annual(year: String, agency: String) -> Result<AnnualTableView, ApiError> {
    api::get_json(&annual_path(&year, false, &agency)).await
}

/// Every agency (for a center administrator's choice of the annual table's agency).
/// (The desk names the agencies; it never shows their 公开指南, which it skips.)
pub async fn agencies() -> Result<AgencyList<IgnoredAny>, ApiError> {
    api::get_json("disclosure/agencies").await
}

fn encoded(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}
