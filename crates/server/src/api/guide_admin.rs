//! The service guide on the desk (`/staff/publish/`, page 办事指南): a department's 部门审核 edits
//! its own items, a center administrator any; a window (窗口人员) or disclosure officer none.
//! Every route needs the staff session (`api::staff::StaffSession`; changes need the CSRF
//! token). Storage and rules: `guide_store`.
//!
//! - `GET /api/staff/guide/items` → `{"items": [{"code", "name", "department_code",
//!   "department_name", "revision", "updated_at", "form_version"}]}`; a window → `403`.
//! - `GET /api/staff/guide/items/{code}` → `{"item": ServiceItem, "revision", "updated_at",
//!   "form": FormDefinition | null, "next_form_version"}`; another department's → `403`.
//! - `POST /api/staff/guide/items/{code} {"item": ServiceItem, "revision"}` → the item as read
//!   above, saved; a rule broken → `422 validation` with `fields` keyed by the JSON path
//!   (`fee.basis`, `materials[1].name`); the item changed since `revision` → `409 stale_edit`.
//!   Nothing is written unless everything is right.
//! - `POST /api/staff/guide/items/{code}/forms/validate {"definition": "<JSON text>"}` →
//!   `{"ok", "version", "problems": [{"path", "place", "message"}]}` (200 either way).
//! - `POST /api/staff/guide/items/{code}/forms/preview {"definition"}` → `{"key", "url"}`: the
//!   real form page showing it (`/guide/apply/{code}?draft=preview-{key}`); invalid → `422`.
//! - `GET /api/staff/guide/previews/{key}` → `{"service": {"name"}, "form"}` (the shape of the
//!   public item answer, read by the forms bundle in preview mode).
//! - `POST /api/staff/guide/items/{code}/forms {"definition", "based_on": <version> | null}` →
//!   `201 {"version"}`: the next version; invalid → `422` with `fields` path → place and
//!   problem; another version published since `based_on` → `409 stale_edit`.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use guichet_core::form::editor::Problem;
use guichet_core::service::{Fee, ServiceItem};
use guichet_core::staff_text::{GUIDE_ENTRY_MAX_CHARS, NAME_MAX_CHARS, OPINION_MAX_CHARS};
use guichet_core::wire::publish::{
    FormCheck, FormPreview, FormProblem, FormPublished, GuideItems, PreviewItem, PreviewPage,
};
use serde::Deserialize;

use crate::AppState;
use crate::api::staff::StaffSession;
use crate::api::text_limits::TextLimits;
use crate::error::{AppError, ErrorCode, Json, Localized, lang_from_headers};
use crate::guide_store::{self, EditError};

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/guide/items", get(list))
        .route("/staff/guide/items/{code}", get(read).post(update))
        .route("/staff/guide/items/{code}/forms/validate", post(validate))
        .route("/staff/guide/items/{code}/forms/preview", post(preview))
        .route("/staff/guide/items/{code}/forms", post(publish))
        .route("/staff/guide/previews/{key}", get(read_preview))
}

impl From<EditError> for AppError {
    fn from(err: EditError) -> Self {
        match err {
            EditError::Db(e) => AppError::from(e),
            EditError::Corrupt(e) => AppError::Internal(e.to_string()),
            EditError::NotFound => AppError::NotFound,
            EditError::Forbidden => AppError::Forbidden,
            EditError::Stale => AppError::Conflict {
                code: ErrorCode::StaleEdit,
                current_state: None,
            },
            EditError::InvalidItem(problems) => {
                let mut fields: BTreeMap<String, Localized> = BTreeMap::new();
                for (path, problem) in problems {
                    add(&mut fields, path, problem.zh, problem.en);
                }
                AppError::Validation { fields }
            }
            EditError::InvalidForm(zh, en) => {
                let mut fields: BTreeMap<String, Localized> = BTreeMap::new();
                for (zh, en) in zh.into_iter().zip(en) {
                    let path = if zh.path.is_empty() {
                        "definition".to_owned()
                    } else {
                        zh.path.clone()
                    };
                    add(&mut fields, path, told(&zh), told(&en));
                }
                AppError::Validation { fields }
            }
        }
    }
}

/// A problem with its place: "第1部分「申请人」第2个问题「姓名」（name）：编号重复。".
fn told(problem: &Problem) -> String {
    format!("{}：{}", problem.place, problem.message)
}

/// Adds a message to `path`, after any already there (two problems of one field).
fn add(fields: &mut BTreeMap<String, Localized>, path: String, zh: String, en: String) {
    let entry = fields.entry(path).or_insert(Localized {
        zh: "".into(),
        en: "".into(),
    });
    for (text, new) in [(&mut entry.zh, zh), (&mut entry.en, en)] {
        let joined = if text.is_empty() {
            new
        } else {
            format!("{text} {new}")
        };
        *text = joined.into();
    }
}

/// `GET /api/staff/guide/items`.
pub async fn list(
    State(state): State<AppState>,
    session: StaffSession,
) -> Result<Response, AppError> {
    let items = guide_store::editable_items(&state.db, &session.staff).await?;
    Ok(Json(GuideItems { items }).into_response())
}

/// `GET /api/staff/guide/items/{code}`.
pub async fn read(
    State(state): State<AppState>,
    session: StaffSession,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let item = guide_store::load(&state.db, &session.staff, &code).await?;
    Ok(Json(item).into_response())
}

/// Body of an item edit.
#[derive(Debug, Deserialize)]
pub struct UpdateRequest {
    /// The whole item as edited.
    pub item: ServiceItem,
    /// The revision it was read at.
    pub revision: i64,
}

/// Every free text of an edited item within its limit (`guichet_core::staff_text`); a list's
/// problem is named by the list (`steps`, `materials`).
fn check_item_text(item: &ServiceItem) -> Result<(), AppError> {
    let (standard, basis) = match &item.fee {
        Fee::Charged { standard, basis } => (Some(standard.as_str()), Some(basis.as_str())),
        Fee::Free => (None, None),
    };
    TextLimits::new()
        .check("name", &item.name, NAME_MAX_CHARS)
        .check_each("legal_basis", &item.legal_basis, GUIDE_ENTRY_MAX_CHARS)
        .check_each("steps", &item.steps, GUIDE_ENTRY_MAX_CHARS)
        .check_each("conditions", &item.conditions, GUIDE_ENTRY_MAX_CHARS)
        .check_each(
            "materials",
            item.materials.iter().map(|material| &material.name),
            NAME_MAX_CHARS,
        )
        .check_each(
            "materials",
            item.materials
                .iter()
                .filter_map(|material| material.note.as_ref()),
            OPINION_MAX_CHARS,
        )
        .check_opt("fee.standard", standard, GUIDE_ENTRY_MAX_CHARS)
        .check_opt("fee.basis", basis, GUIDE_ENTRY_MAX_CHARS)
        .check("result", &item.result, NAME_MAX_CHARS)
        .check("place", &item.place, NAME_MAX_CHARS)
        .check("hours", &item.hours, NAME_MAX_CHARS)
        .check("telephone", &item.telephone, NAME_MAX_CHARS)
        .done()
}

/// `POST /api/staff/guide/items/{code}`.
pub async fn update(
    State(state): State<AppState>,
    session: StaffSession,
    Path(code): Path<String>,
    Json(request): Json<UpdateRequest>,
) -> Result<Response, AppError> {
    check_item_text(&request.item)?;
    let item = guide_store::update_item(
        &state.db,
        &session.staff,
        &code,
        request.item,
        request.revision,
    )
    .await?;
    Ok(Json(item).into_response())
}

/// Body of the form routes: the definition as the person typed it.
#[derive(Debug, Deserialize)]
pub struct FormRequest {
    /// JSON text (a string, so that a syntax error can be shown by line and column).
    pub definition: String,
    /// For publishing: the version the editor started from (`null`: none).
    #[serde(default)]
    pub based_on: Option<u32>,
}

/// `POST /api/staff/guide/items/{code}/forms/validate`.
pub async fn validate(
    State(state): State<AppState>,
    session: StaffSession,
    headers: HeaderMap,
    Path(code): Path<String>,
    Json(request): Json<FormRequest>,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers);
    let (version, problems) =
        guide_store::check_form(&state.db, &session.staff, &code, &request.definition, lang)
            .await?;
    Ok(Json(FormCheck {
        ok: problems.is_empty(),
        version,
        problems: problems.into_iter().map(FormProblem::from).collect(),
    })
    .into_response())
}

/// `POST /api/staff/guide/items/{code}/forms/preview`.
pub async fn preview(
    State(state): State<AppState>,
    session: StaffSession,
    Path(code): Path<String>,
    Json(request): Json<FormRequest>,
) -> Result<Response, AppError> {
    let key =
        guide_store::save_preview(&state.db, &session.staff, &code, &request.definition).await?;
    let url = format!("/guide/apply/{code}?draft=preview-{key}");
    Ok(Json(FormPreview { key, url }).into_response())
}

/// `GET /api/staff/guide/previews/{key}`.
pub async fn read_preview(
    State(state): State<AppState>,
    session: StaffSession,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    let (name, form) = guide_store::preview(&state.db, &session.staff, &key).await?;
    Ok(Json(PreviewPage {
        service: PreviewItem { name },
        form,
    })
    .into_response())
}

/// `POST /api/staff/guide/items/{code}/forms`.
pub async fn publish(
    State(state): State<AppState>,
    session: StaffSession,
    Path(code): Path<String>,
    Json(request): Json<FormRequest>,
) -> Result<Response, AppError> {
    let version = guide_store::publish_form(
        &state.db,
        &session.staff,
        &code,
        &request.definition,
        request.based_on,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(FormPublished { version })).into_response())
}
