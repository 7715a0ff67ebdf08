//! The public service guide: departments, service items (事项) with their ten disclosures,
//! and their published form versions.
//!
//! - `GET /api/departments` → `{"departments": [Department…]}`
//! - `GET /api/services[?department=JT]` → `{"services": [ServiceSummary…]}`
//! - `GET /api/services/{code}` → `{"service": ServiceItem, "form": FormDefinition | null,
//!   "form_versions": [1, 2], "faq": [{"question", "answer", "answered_on"}]}` (the current
//!   form is the last version; `faq` the published 常见问题, see `api::consultations`)
//! - `GET /api/services/{code}/forms/{version}` → `FormDefinition` (any published version)
//!
//! This is public data that changes rarely, kept by a village computer's service worker to work
//! offline. Departments may be cached for five minutes (`Cache-Control: public, max-age=300`).
//! The service list and an item are edited on the desk (`api::guide_admin`), and a fee
//! corrected there must reach the next online visit, not one five minutes later: they are
//! answered `public, no-cache` with an `ETag` of their content, so every visit asks and an
//! unchanged answer costs a `304`. A published form version never changes, so it is cacheable
//! for a year.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use guichet_core::form::FormDefinition;
use guichet_core::service::{Department, ServiceItem};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::{AppError, Json};
use crate::services_store::{self, ServiceSummary};

/// Catalogue answers: cacheable for five minutes by browsers and proxies.
const CACHE_PUBLIC: &str = "public, max-age=300";
/// The guide's list and items: kept, but asked again on every use (see the module docs).
const CACHE_REVALIDATE: &str = "public, no-cache";
/// Published form versions never change.
const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/departments", get(departments))
        .route("/services", get(list))
        .route("/services/{code}", get(detail))
        .route("/services/{code}/forms/{version}", get(form_version))
}

/// `{"departments": [...]}`.
#[derive(Debug, Serialize)]
pub struct DepartmentList {
    /// In display order.
    pub departments: Vec<Department>,
}

/// `{"services": [...]}`.
#[derive(Debug, Serialize)]
pub struct ServiceList {
    /// In display order (by department, then item).
    pub services: Vec<ServiceSummary>,
}

/// One item and its current form.
#[derive(Debug, Serialize)]
pub struct ServiceDetail {
    /// The ten disclosures and the rest.
    pub service: ServiceItem,
    /// The current form (`null` when the item can only be applied for at the window).
    pub form: Option<FormDefinition>,
    /// Every published version, oldest first (drafts of older versions carry over).
    pub form_versions: Vec<u32>,
    /// The item's 常见问题: answered consultations published by staff (`api::consultations`).
    pub faq: Vec<crate::consultations_store::Faq>,
}

/// Query of the service list.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// Only this department's items.
    pub department: Option<String>,
}

pub(crate) fn cached(body: impl IntoResponse, policy: &'static str) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// `GET /api/departments`.
pub async fn departments(State(state): State<AppState>) -> Result<Response, AppError> {
    let departments = services_store::departments(&state.db).await?;
    Ok(cached(Json(DepartmentList { departments }), CACHE_PUBLIC))
}

/// `body` as JSON with an ETag of its bytes, `304` when the client has them already.
fn revalidated(headers: &HeaderMap, body: &impl Serialize) -> Result<Response, AppError> {
    let bytes = serde_json::to_vec(body).map_err(|e| AppError::Internal(e.to_string()))?;
    let digest = Sha256::digest(&bytes);
    let etag: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    Ok(super::cacheable_file(
        headers,
        &format!("\"{etag}\""),
        CACHE_REVALIDATE,
        "application/json",
        bytes,
    ))
}

/// `GET /api/services?department=`.
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let department = query.department.as_deref().filter(|d| !d.is_empty());
    let services = services_store::list_items(&state.db, department).await?;
    revalidated(&headers, &ServiceList { services })
}

/// `GET /api/services/{code}`.
pub async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let (service, current) = services_store::item(&state.db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = match current {
        Some(version) => services_store::form(&state.db, &code, version).await?,
        None => None,
    };
    let form_versions = services_store::form_versions(&state.db, &code).await?;
    let faq = crate::consultations_store::faq(&state.db, &code).await?;
    revalidated(
        &headers,
        &ServiceDetail {
            service,
            form,
            form_versions,
            faq,
        },
    )
}

/// `GET /api/services/{code}/forms/{version}`.
pub async fn form_version(
    State(state): State<AppState>,
    Path((code, version)): Path<(String, u32)>,
) -> Result<Response, AppError> {
    let form = services_store::form(&state.db, &code, version)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(cached(Json(form), CACHE_IMMUTABLE))
}
