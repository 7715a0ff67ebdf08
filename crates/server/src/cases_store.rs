//! Cases after their submission: loading them with their core state, moving them through the
//! core state machine for staff and applicants, joint-review parts, and the clock.
//!
//! Nothing here decides a rule: every move is [`Case::apply`] (the core `TRANSITIONS` table),
//! the time limit is [`Case::clock`] on the official calendar, a joint case's parts are a core
//! [`JointReview`]. This module only loads, checks who may act, and stores atomically.
//!
//! # Storage
//! `cases.history` is the core event list (`Case::replay` rebuilds and re-checks it on every
//! load); `cases.state` is a copy for filtering. Every action, including joint-part decisions
//! and 超时默认 applied by the system, is also a row of `case_actions` with the staff id and
//! department (电子监察 reads it; citizens never see staff ids).
//!
//! # Concurrency
//! Writes run in `BEGIN IMMEDIATE` transactions and update `WHERE state = <state read>`: two
//! staff acting at once cannot both succeed; the loser gets a conflict with the current state
//! (the API also checks the client's `expected_state` first).
//!
//! # Time
//! Functions take `now`, so tests can build cases whose dates lie in the past (an overdue case,
//! a part past its deadline) through the same code the HTTP layer uses.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use guichet_core::Calendar;
use guichet_core::case::{
    Actor, Case, CaseState, CaseType, ClockStatus, Decision, DepartmentPart, Event, EventKind,
    JointError, JointReview, TransitionError,
};
use guichet_core::form::Answers;
use guichet_core::wire::cases::SupplementReceipt;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::Row;

use crate::db::Pool;
use crate::error::{AppError, ErrorCode};
use crate::staff_store::Staff;
use crate::submissions_store::{china_offset, china_today};

/// Why a case operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// Stored data no longer reads (a bug or a manual edit).
    #[error("stored case data is corrupt: {0}")]
    Corrupt(String),
    /// No such case (or department part).
    #[error("no such case")]
    NotFound,
    /// The person may not act on this.
    #[error("forbidden")]
    Forbidden,
    /// The case is not in a state that allows this; it is in `current`.
    #[error("conflict, case is {current:?}")]
    Conflict {
        /// Where the case is now.
        current: CaseState,
    },
    /// A joint case with parts still pending.
    #[error("joint review incomplete")]
    JointIncomplete,
    /// The decision differs from the joint outcome.
    #[error("decision does not match the joint review")]
    OutcomeMismatch,
    /// The follow-up was already answered.
    #[error("already replied")]
    AlreadyReplied,
    /// A deadline could not be computed.
    #[error("calendar: {0}")]
    Calendar(String),
}

impl From<CaseError> for AppError {
    fn from(err: CaseError) -> Self {
        match err {
            CaseError::Db(e) => AppError::from(e),
            CaseError::Corrupt(e) | CaseError::Calendar(e) => AppError::Internal(e),
            CaseError::NotFound => AppError::NotFound,
            CaseError::Forbidden => AppError::Forbidden,
            CaseError::Conflict { current } => AppError::Conflict {
                code: ErrorCode::Conflict,
                current_state: Some(current.code()),
            },
            CaseError::JointIncomplete => AppError::Conflict {
                code: ErrorCode::JointIncomplete,
                current_state: None,
            },
            CaseError::OutcomeMismatch => AppError::Conflict {
                code: ErrorCode::JointOutcomeMismatch,
                current_state: None,
            },
            CaseError::AlreadyReplied => AppError::Conflict {
                code: ErrorCode::AlreadyReplied,
                current_state: None,
            },
        }
    }
}

fn corrupt(e: impl std::fmt::Display) -> CaseError {
    CaseError::Corrupt(e.to_string())
}

/// What a 补正 asks for: stored as the citizen's view sends it.
pub use guichet_core::wire::cases::SupplementView as SupplementRequest;

/// A case as loaded, with its core [`Case`] rebuilt from the stored history.
#[derive(Debug, Clone)]
pub struct CaseRecord {
    /// Row id.
    pub id: i64,
    /// 办件编号.
    pub case_no: String,
    /// The service item.
    pub item_code: String,
    /// Its name.
    pub item_name: String,
    /// The form version of the answers.
    pub form_version: u32,
    /// The lead department (受理部门).
    pub department_code: String,
    /// The core case: type, state, history.
    pub case: Case,
    /// The normalised answers.
    pub answers: Value,
    /// The item's 承诺时限 in working days.
    pub promised_days: u32,
    /// Whether silence counts as consent in the item's joint review.
    pub joint_default_consent: bool,
    /// The other departments of a 联办件 (from the item).
    pub joint_departments: Vec<String>,
    /// The joint review, once a 联办件 is accepted.
    pub joint: Option<JointReview>,
    /// The pending 补正, if any.
    pub supplement: Option<SupplementRequest>,
    /// When the server recorded the submission (UTC).
    pub received_at: String,
    /// The applicant's name (`cases.applicant_name`), for the desk.
    pub applicant_name: Option<String>,
    /// The due date as stored (`cases.due_on`), kept by [`CaseRecord::set_due_on`] on every
    /// move; the queue sorts and filters on it.
    pub due_on: Option<NaiveDate>,
    /// The query code's salt and hash.
    query_code: (String, String),
}

impl CaseRecord {
    /// The current state.
    pub fn state(&self) -> CaseState {
        self.case.state()
    }

    /// The clock's status on `today`, `None` before acceptance.
    pub fn clock_status(
        &self,
        calendar: &Calendar,
        today: NaiveDate,
    ) -> Result<Option<ClockStatus>, CaseError> {
        let clock = self
            .case
            .clock(self.promised_days)
            .map_err(|e| CaseError::Calendar(e.to_string()))?;
        clock
            .map(|c| c.status(calendar, today))
            .transpose()
            .map_err(|e| CaseError::Calendar(e.to_string()))
    }

    /// The date the case is due (also for a paused or finished clock, when known).
    /// Whether a joint part's `deadline` was counted over a year whose holidays are not
    /// published yet (it may move when they are).
    pub fn part_deadline_provisional(&self, calendar: &Calendar, deadline: NaiveDate) -> bool {
        let from = self
            .case
            .clock(self.promised_days)
            .ok()
            .flatten()
            .map_or(deadline, |clock| clock.accepted_on());
        calendar.is_provisional_between(from, deadline)
    }

    /// The due date of the case's own limit on `today`, if it has one.
    pub fn due_date(&self, calendar: &Calendar, today: NaiveDate) -> Option<NaiveDate> {
        match self.clock_status(calendar, today).ok().flatten()? {
            ClockStatus::Running { due, .. } | ClockStatus::Overdue { due, .. } => Some(due),
            ClockStatus::Finished { due, .. } => due,
            ClockStatus::Paused { .. } => None,
        }
    }

    /// Whether `staff` may see this case: its department, a department with a part, or admin.
    /// A disclosure request is never a window case: the agency's desk handles it
    /// (`api::disclosure`), so the case moves of this module never apply to it.
    pub fn visible_to(&self, staff: &Staff) -> bool {
        if self.case.case_type == CaseType::Disclosure {
            return false;
        }
        staff.covers(&self.department_code)
            || self
                .part_departments()
                .iter()
                .any(|d| staff.department() == d)
    }

    /// The departments of a joint case (lead first), empty otherwise.
    pub fn part_departments(&self) -> Vec<String> {
        match &self.joint {
            Some(review) => review
                .parts()
                .iter()
                .map(|p| p.department.clone())
                .collect(),
            None if self.case.case_type == CaseType::Joint => {
                std::iter::once(self.department_code.clone())
                    .chain(self.joint_departments.iter().cloned())
                    .collect()
            }
            None => Vec::new(),
        }
    }

    /// Sets [`CaseRecord::due_on`] from the core clock (after a move, or a calendar change).
    pub fn set_due_on(&mut self, calendar: &Calendar, today: NaiveDate) {
        self.due_on = self.due_date(calendar, today);
    }

    /// Whether `query_code` opens this case (dashes, spaces and case ignored).
    pub fn query_code_matches(&self, query_code: &str) -> bool {
        crate::submissions_store::query_code_matches(
            &self.query_code.0,
            &self.query_code.1,
            query_code,
        )
    }
}

/// The center's local time at `now` (events are dated in it).
pub fn local(now: DateTime<Utc>) -> NaiveDateTime {
    now.with_timezone(&china_offset()).naive_local()
}

const SELECT: &str = "SELECT c.id, c.case_no, c.item_code, c.form_version, c.department_code,
        c.case_type, c.answers, c.history, c.received_at, c.supplement_request, c.joint_review,
        c.query_code_salt, c.query_code_hash, c.applicant_name, c.due_on,
        i.name AS item_name, i.promised_days, i.joint_default_consent, i.disclosure
    FROM cases c JOIN service_items i ON i.code = c.item_code";

fn record_from_row(row: &crate::db::Row) -> Result<CaseRecord, CaseError> {
    let case_type: CaseType =
        serde_json::from_value(Value::String(row.try_get("case_type")?)).map_err(corrupt)?;
    let history: Vec<Event> =
        serde_json::from_str(row.try_get::<&str, _>("history")?).map_err(corrupt)?;
    let case = Case::replay(case_type, &history).map_err(corrupt)?;
    let supplement: Option<String> = row.try_get("supplement_request")?;
    let joint: Option<String> = row.try_get("joint_review")?;
    let item: guichet_core::service::ServiceItem =
        serde_json::from_str(row.try_get::<&str, _>("disclosure")?).map_err(corrupt)?;
    let promised: i64 = row.try_get("promised_days")?;
    let version: i64 = row.try_get("form_version")?;
    let consent: i64 = row.try_get("joint_default_consent")?;
    Ok(CaseRecord {
        id: row.try_get("id")?,
        case_no: row.try_get("case_no")?,
        item_code: row.try_get("item_code")?,
        item_name: row.try_get("item_name")?,
        form_version: u32::try_from(version).map_err(corrupt)?,
        department_code: row.try_get("department_code")?,
        case,
        answers: serde_json::from_str(row.try_get::<&str, _>("answers")?).map_err(corrupt)?,
        promised_days: u32::try_from(promised).map_err(corrupt)?,
        joint_default_consent: consent != 0,
        joint_departments: item.joint_departments.into_iter().map(|d| d.code).collect(),
        joint: joint
            .map(|j| serde_json::from_str(&j))
            .transpose()
            .map_err(corrupt)?,
        supplement: supplement
            .map(|s| serde_json::from_str(&s))
            .transpose()
            .map_err(corrupt)?,
        received_at: row.try_get("received_at")?,
        applicant_name: row.try_get("applicant_name")?,
        due_on: row
            .try_get::<Option<String>, _>("due_on")?
            .and_then(|d| d.parse().ok()),
        query_code: (
            row.try_get("query_code_salt")?,
            row.try_get("query_code_hash")?,
        ),
    })
}

/// Loads a case, applying 超时默认 to its joint review as of `now` (see [`settle_joint`]).
pub async fn load(
    pool: &Pool,
    case_no: &str,
    now: DateTime<Utc>,
) -> Result<Option<CaseRecord>, CaseError> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.case_no = $1"))
        .bind(case_no)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut record = record_from_row(&row)?;
    settle_joint(pool, &mut record, now).await?;
    Ok(Some(record))
}

/// Loads a case by its row id, settled as of `now` like [`load`].
pub async fn load_by_id(
    pool: &Pool,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<CaseRecord>, CaseError> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut record = record_from_row(&row)?;
    settle_joint(pool, &mut record, now).await?;
    Ok(Some(record))
}

/// Every case not in a final state (for the desk's queue and the overdue list), settled as of
/// `now`. A county center has hundreds of open cases, not millions: sorting and due dates are
/// computed here rather than stored, so they can never disagree with the core clock.
pub async fn open_cases(pool: &Pool, now: DateTime<Utc>) -> Result<Vec<CaseRecord>, CaseError> {
    let finals = [
        CaseState::Rejected,
        CaseState::Concluded(Decision::Approved),
        CaseState::Concluded(Decision::Denied),
        CaseState::Returned,
        CaseState::Withdrawn,
    ]
    .map(|s| format!("'{}'", s.code()))
    .join(", ");
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.state NOT IN ({finals}) AND c.case_type <> 'disclosure' ORDER BY c.id"
    ))
    .fetch_all(pool)
    .await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut record = record_from_row(row)?;
        settle_joint(pool, &mut record, now).await?;
        records.push(record);
    }
    Ok(records)
}

/// Applies 超时默认 (core [`JointReview::settle_overdue`]) to a joint case as of `now` and
/// stores it with a system action per settled part. Done lazily, whenever a case is read: the
/// outcome is the same as a nightly job's, without a scheduler to run.
async fn settle_joint(
    pool: &Pool,
    record: &mut CaseRecord,
    now: DateTime<Utc>,
) -> Result<(), CaseError> {
    let Some(review) = record.joint.as_mut() else {
        return Ok(());
    };
    if record.case.state().is_final() {
        return Ok(());
    }
    let settled = review.settle_overdue(china_today(now));
    if settled.is_empty() {
        return Ok(());
    }
    let json = serde_json::to_string(review).map_err(corrupt)?;
    let mut tx = crate::db::begin_write(pool).await?;
    sqlx::query("UPDATE cases SET joint_review = $1 WHERE id = $2")
        .bind(&json)
        .bind(record.id)
        .execute(&mut *tx)
        .await?;
    for department in settled {
        insert_action(
            &mut tx,
            record.id,
            now,
            "deemed_consent",
            None,
            Some(&department),
            &json!({"reason": "timeout"}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn insert_action(
    tx: &mut crate::db::Connection,
    case_id: i64,
    now: DateTime<Utc>,
    action: &str,
    staff_id: Option<i64>,
    department: Option<&str>,
    detail: &Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_actions (case_id, at, action, staff_id, department_code, detail)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case_id)
    .bind(crate::db::time_text(now))
    .bind(action)
    .bind(staff_id)
    .bind(department)
    .bind(detail.to_string())
    .execute(tx)
    .await?;
    Ok(())
}

/// A staff action on a whole case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum StaffAction {
    /// 预审通过.
    PassPrereview,
    /// 补正: what is missing.
    RequestSupplement {
        /// Missing materials.
        missing: Vec<String>,
        /// Note to the applicant.
        #[serde(default)]
        note: String,
    },
    /// 不予受理.
    Refuse {
        /// Why.
        reason: String,
    },
    /// 受理.
    Accept,
    /// 开始办理.
    Start,
    /// 办结.
    Conclude {
        /// 准予 or 不予.
        decision: DecisionInput,
        /// The result (licence number, decision text…).
        #[serde(default)]
        result: String,
    },
    /// 退件.
    Return {
        /// Why.
        reason: String,
    },
}

/// `approve` or `deny` in requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionInput {
    /// 准予 / 同意.
    Approve,
    /// 不予 / 不同意.
    Deny,
}

impl From<DecisionInput> for Decision {
    fn from(input: DecisionInput) -> Decision {
        match input {
            DecisionInput::Approve => Decision::Approved,
            DecisionInput::Deny => Decision::Denied,
        }
    }
}

impl StaffAction {
    /// The action's name in `case_actions`.
    pub fn name(&self) -> &'static str {
        match self {
            StaffAction::PassPrereview => "pass_prereview",
            StaffAction::RequestSupplement { .. } => "request_supplement",
            StaffAction::Refuse { .. } => "refuse",
            StaffAction::Accept => "accept",
            StaffAction::Start => "start",
            StaffAction::Conclude { .. } => "conclude",
            StaffAction::Return { .. } => "return",
        }
    }

    fn event(&self) -> (EventKind, Option<String>) {
        match self {
            StaffAction::PassPrereview => (EventKind::PassPreReview, None),
            StaffAction::RequestSupplement { missing, note } => {
                let mut text = missing.join("；");
                if !note.trim().is_empty() {
                    text = format!("{text}（{}）", note.trim());
                }
                (EventKind::RequestSupplement, Some(text))
            }
            StaffAction::Refuse { reason } => (EventKind::Reject, Some(reason.clone())),
            StaffAction::Accept => (EventKind::Accept, None),
            StaffAction::Start => (EventKind::StartProcessing, None),
            StaffAction::Conclude { decision, result } => (
                match decision {
                    DecisionInput::Approve => EventKind::Approve,
                    DecisionInput::Deny => EventKind::Deny,
                },
                Some(result.clone()).filter(|r| !r.trim().is_empty()),
            ),
            StaffAction::Return { reason } => (EventKind::Return, Some(reason.clone())),
        }
    }
}

fn transition_error(err: TransitionError, current: CaseState) -> CaseError {
    match err {
        TransitionError::WrongActor { .. } => CaseError::Forbidden,
        _ => CaseError::Conflict { current },
    }
}

/// The actor recorded for a staff member.
pub fn staff_actor(staff: &Staff) -> Actor {
    Actor::Staff {
        id: staff.id.to_string(),
        department: staff.department().to_owned(),
    }
}

/// Loads a case for an action on the whole case: invisible to `staff` → not found; visible but
/// led by another department (a joint partner only has its part) → forbidden.
async fn load_as_lead(
    pool: &Pool,
    case_no: &str,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<CaseRecord, CaseError> {
    let record = load(pool, case_no, now).await?.ok_or(CaseError::NotFound)?;
    if !record.visible_to(staff) {
        return Err(CaseError::NotFound);
    }
    if !staff.covers(&record.department_code) {
        return Err(CaseError::Forbidden);
    }
    Ok(record)
}

/// Applies a staff action to a case (see the module docs), as `staff`, at `now`.
///
/// `expected_state` (a [`CaseState::code`]) guards against two people acting at once.
pub async fn apply_action(
    pool: &Pool,
    calendar: &Calendar,
    case_no: &str,
    staff: &Staff,
    action: &StaffAction,
    expected_state: Option<&str>,
    now: DateTime<Utc>,
) -> Result<CaseRecord, CaseError> {
    let mut record = load_as_lead(pool, case_no, staff, now).await?;
    let before = record.state();
    if expected_state.is_some_and(|expected| expected != before.code()) {
        return Err(CaseError::Conflict { current: before });
    }
    if let StaffAction::Conclude { decision, .. } = action
        && record.case.case_type == CaseType::Joint
    {
        let review = record.joint.as_ref().ok_or(CaseError::JointIncomplete)?;
        match review.outcome() {
            None => return Err(CaseError::JointIncomplete),
            Some(outcome) if outcome != Decision::from(*decision) => {
                return Err(CaseError::OutcomeMismatch);
            }
            Some(_) => {}
        }
    }
    let (kind, note) = action.event();
    let mut event = Event::new(kind, staff_actor(staff), local(now));
    event.note = note;
    record
        .case
        .apply(event)
        .map_err(|e| transition_error(e, before))?;
    match action {
        StaffAction::RequestSupplement { missing, note } => {
            record.supplement = Some(SupplementRequest {
                missing: missing.clone(),
                note: note.clone(),
                // The window's 补正 has no last day: the case waits for it.
                reply_by: None,
            });
        }
        StaffAction::Accept if record.case.case_type == CaseType::Joint => {
            // Every department answers by the case's committed date, counted from acceptance.
            let today = china_today(now);
            let deadline = calendar
                .add_working_days(today, record.promised_days)
                .map_err(|e| CaseError::Calendar(e.to_string()))?;
            let parts = record
                .part_departments()
                .into_iter()
                .map(|d| DepartmentPart::new(d, deadline, record.joint_default_consent))
                .collect();
            record.joint = Some(JointReview::new(parts).map_err(corrupt)?);
        }
        _ => {}
    }
    record.set_due_on(calendar, china_today(now));
    let detail = serde_json::to_value(action).map_err(corrupt)?;
    store(
        pool,
        &record,
        before,
        now,
        action.name(),
        Some(staff),
        &detail,
    )
    .await?;
    Ok(record)
}

/// Writes a case's new state, history, supplement and joint review, if still in `before`.
async fn store(
    pool: &Pool,
    record: &CaseRecord,
    before: CaseState,
    now: DateTime<Utc>,
    action: &str,
    staff: Option<&Staff>,
    detail: &Value,
) -> Result<(), CaseError> {
    let due_on = record.due_on.map(|d| d.to_string());
    let history = serde_json::to_string(record.case.history()).map_err(corrupt)?;
    let supplement = record
        .supplement
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(corrupt)?;
    let joint = record
        .joint
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(corrupt)?;
    let mut tx = crate::db::begin_write(pool).await?;
    let updated = sqlx::query(
        "UPDATE cases SET state = $1, history = $2, supplement_request = $3, joint_review = $4,
             updated_at = $5, due_on = $6
         WHERE id = $7 AND state = $8",
    )
    .bind(record.state().code())
    .bind(&history)
    .bind(&supplement)
    .bind(&joint)
    .bind(crate::db::time_text(now))
    .bind(&due_on)
    .bind(record.id)
    .bind(before.code())
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        // Someone else moved it meanwhile: report where it is now.
        let current: String = sqlx::query_scalar("SELECT state FROM cases WHERE id = $1")
            .bind(record.id)
            .fetch_one(&mut *tx)
            .await?;
        let current = state_from_code(&current).unwrap_or(before);
        return Err(CaseError::Conflict { current });
    }
    insert_action(
        &mut tx,
        record.id,
        now,
        action,
        staff.map(|s| s.id),
        staff.map(Staff::department),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The state with this [`CaseState::code`].
pub fn state_from_code(code: &str) -> Option<CaseState> {
    [
        CaseState::Submitted,
        CaseState::NeedsSupplement,
        CaseState::PreReviewPassed,
        CaseState::Rejected,
        CaseState::Accepted,
        CaseState::InProgress,
        CaseState::SupplementDuringProcessing,
        CaseState::Concluded(Decision::Approved),
        CaseState::Concluded(Decision::Denied),
        CaseState::Returned,
        CaseState::Withdrawn,
    ]
    .into_iter()
    .find(|s| s.code() == code)
}

/// A department's decision on its part of a joint case.
pub async fn decide_part(
    pool: &Pool,
    case_no: &str,
    department: &str,
    staff: &Staff,
    decision: DecisionInput,
    note: &str,
    now: DateTime<Utc>,
) -> Result<CaseRecord, CaseError> {
    let mut record = load(pool, case_no, now).await?.ok_or(CaseError::NotFound)?;
    if !record.visible_to(staff) {
        return Err(CaseError::NotFound);
    }
    if !staff.covers(department) {
        return Err(CaseError::Forbidden);
    }
    let state = record.state();
    let Some(review) = record.joint.as_mut() else {
        // Not (yet) in joint review: before acceptance there is no part to decide.
        return Err(CaseError::Conflict { current: state });
    };
    if state.is_final() {
        return Err(CaseError::Conflict { current: state });
    }
    review
        .decide(department, decision.into(), china_today(now))
        .map_err(|e| match e {
            JointError::UnknownDepartment { .. } => CaseError::NotFound,
            _ => CaseError::Conflict { current: state },
        })?;
    let detail = json!({"department": department, "decision": decision, "note": note});
    store(
        pool,
        &record,
        state,
        now,
        "part_decision",
        Some(staff),
        &detail,
    )
    .await?;
    Ok(record)
}

/// Records that `department` missed the joint meeting (缺席默认): its part counts as consent
/// if the item's rule says so (core [`JointReview::record_absence`]), otherwise stays pending.
/// Only the lead department (which holds the meeting) or the center records it.
pub async fn record_absence(
    pool: &Pool,
    case_no: &str,
    department: &str,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<CaseRecord, CaseError> {
    let mut record = load_as_lead(pool, case_no, staff, now).await?;
    let state = record.state();
    let Some(review) = record.joint.as_mut() else {
        return Err(CaseError::Conflict { current: state });
    };
    if state.is_final() {
        return Err(CaseError::Conflict { current: state });
    }
    let part = review
        .record_absence(department, china_today(now))
        .map_err(|e| match e {
            JointError::UnknownDepartment { .. } => CaseError::NotFound,
            _ => CaseError::Conflict { current: state },
        })?;
    let detail = json!({"department": department, "part_state": part});
    store(pool, &record, state, now, "absence", Some(staff), &detail).await?;
    Ok(record)
}

/// One row of `case_actions`, for the staff detail.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    /// When (UTC).
    pub at: String,
    /// What.
    pub action: String,
    /// Who (staff id), `None` for the system.
    pub staff_id: Option<i64>,
    /// Their department.
    pub department: Option<String>,
    /// Details (reason, decision…).
    pub detail: Value,
}

/// The audit trail of a case, oldest first.
pub async fn actions(pool: &Pool, case_id: i64) -> Result<Vec<ActionRow>, CaseError> {
    let rows = sqlx::query(
        "SELECT at, action, staff_id, department_code, detail FROM case_actions
         WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let detail: Option<String> = row.try_get("detail")?;
            Ok(ActionRow {
                at: row.try_get("at")?,
                action: row.try_get("action")?,
                staff_id: row.try_get("staff_id")?,
                department: row.try_get("department_code")?,
                detail: detail
                    .and_then(|d| serde_json::from_str(&d).ok())
                    .unwrap_or(Value::Null),
            })
        })
        .collect()
}

/// The audit trail of a case, oldest first, each row with the acting staff member's display
/// name (`None` for the system or the applicant).
pub async fn actions_named(
    pool: &Pool,
    case_id: i64,
) -> Result<Vec<(ActionRow, Option<String>)>, CaseError> {
    let rows = sqlx::query(
        "SELECT a.at, a.action, a.staff_id, a.department_code, a.detail, s.display_name
         FROM case_actions a LEFT JOIN staff_accounts s ON s.id = a.staff_id
         WHERE a.case_id = $1 ORDER BY a.id",
    )
    .bind(case_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let detail: Option<String> = row.try_get("detail")?;
            Ok((
                ActionRow {
                    at: row.try_get("at")?,
                    action: row.try_get("action")?,
                    staff_id: row.try_get("staff_id")?,
                    department: row.try_get("department_code")?,
                    detail: detail
                        .and_then(|d| serde_json::from_str(&d).ok())
                        .unwrap_or(Value::Null),
                },
                row.try_get("display_name")?,
            ))
        })
        .collect()
}

/// What a supplement did.
#[derive(Debug, Clone, PartialEq)]
pub enum SupplementOutcome {
    /// Recorded now; the stored answer.
    Applied(Value),
    /// The same client id and content were already applied: the stored answer.
    Replayed(Value),
    /// The client id was used for other content.
    Conflict,
}

/// The answer stored for a supplement's client id, with its content hash.
pub async fn find_supplement(
    pool: &Pool,
    client_id: &str,
) -> Result<Option<(String, Value)>, CaseError> {
    let row =
        sqlx::query("SELECT content_hash, response FROM case_supplements WHERE client_id = $1")
            .bind(client_id)
            .fetch_optional(pool)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let response: String = row.try_get("response")?;
    Ok(Some((
        row.try_get("content_hash")?,
        serde_json::from_str(&response).map_err(corrupt)?,
    )))
}

/// The applicant's supplement: new answers (already validated) and the core
/// `ReceiveSupplement` event, which sends a pre-review case back to 提交预审 and restarts a
/// stopped clock. Exactly once per `client_id`.
#[allow(clippy::too_many_arguments)]
pub async fn receive_supplement(
    pool: &Pool,
    calendar: &Calendar,
    record: &mut CaseRecord,
    client_id: &str,
    content_hash: &str,
    answers: &Answers,
    now: DateTime<Utc>,
) -> Result<SupplementOutcome, CaseError> {
    if let Some((hash, response)) = find_supplement(pool, client_id).await? {
        return Ok(if hash.eq_ignore_ascii_case(content_hash) {
            SupplementOutcome::Replayed(response)
        } else {
            SupplementOutcome::Conflict
        });
    }
    let before = record.state();
    record
        .case
        .apply(Event::new(
            EventKind::ReceiveSupplement,
            Actor::Applicant,
            local(now),
        ))
        .map_err(|e| transition_error(e, before))?;
    record.supplement = None;
    record.answers = Value::Object(answers.clone());
    record.set_due_on(calendar, china_today(now));
    let applicant = crate::submissions_store::ApplicantColumns::of(answers);
    let due_on = record.due_on.map(|d| d.to_string());
    let response = serde_json::to_value(SupplementReceipt {
        case_no: record.case_no.clone(),
        status: record.state().code().to_owned(),
        received_at: crate::db::time_text(now),
        counted_from: None,
    })
    .map_err(corrupt)?;
    let history = serde_json::to_string(record.case.history()).map_err(corrupt)?;
    let answers_json = serde_json::to_string(answers).map_err(corrupt)?;
    let mut tx = crate::db::begin_write(pool).await?;
    // Checked again inside the write lock: two retries racing make one supplement.
    let taken: Option<String> =
        sqlx::query_scalar("SELECT content_hash FROM case_supplements WHERE client_id = $1")
            .bind(client_id)
            .fetch_optional(&mut *tx)
            .await?;
    if taken.is_some() {
        drop(tx);
        return Box::pin(receive_supplement(
            pool,
            calendar,
            record,
            client_id,
            content_hash,
            answers,
            now,
        ))
        .await;
    }
    let updated = sqlx::query(
        "UPDATE cases SET state = $1, history = $2, supplement_request = NULL, answers = $3,
             updated_at = $4, due_on = $5, applicant_name = $6, id_last4 = $7
         WHERE id = $8 AND state = $9",
    )
    .bind(record.state().code())
    .bind(&history)
    .bind(&answers_json)
    .bind(crate::db::time_text(now))
    .bind(&due_on)
    .bind(&applicant.name)
    .bind(&applicant.id_last4)
    .bind(record.id)
    .bind(before.code())
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(CaseError::Conflict { current: before });
    }
    sqlx::query(
        "INSERT INTO case_supplements (client_id, case_id, content_hash, answers, response,
             received_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(client_id)
    .bind(record.id)
    .bind(content_hash.to_ascii_lowercase())
    .bind(&answers_json)
    .bind(response.to_string())
    .bind(crate::db::time_text(now))
    .execute(&mut *tx)
    .await?;
    insert_action(
        &mut tx,
        record.id,
        now,
        "receive_supplement",
        None,
        None,
        &json!({"client_id": client_id}),
    )
    .await?;
    tx.commit().await?;
    Ok(SupplementOutcome::Applied(response))
}

/// Department code → name, for showing who holds a case.
pub async fn department_names(
    pool: &Pool,
) -> Result<std::collections::BTreeMap<String, String>, CaseError> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT code, name FROM departments")
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Sets an item's 超时默认 / 缺席默认 rule for its joint reviews.
pub async fn set_joint_default_consent(
    pool: &Pool,
    item_code: &str,
    default_consent: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE service_items SET joint_default_consent = $1 WHERE code = $2")
        .bind(i64::from(default_consent))
        .bind(item_code)
        .execute(pool)
        .await?;
    Ok(())
}

/// How far back a case with the same item and answers counts as a probable duplicate.
pub const DUPLICATE_WINDOW_DAYS: i64 = 30;

pub use guichet_core::wire::desk::ProbableDuplicate;

/// The latest earlier case of the same item whose submission hash equals `record`'s (the same
/// answers, so the same applicant ID) received within [`DUPLICATE_WINDOW_DAYS`] before it: a
/// draft exported to a file and sent again from a second computer, where no device can know.
/// The desk flags it and links to the first case; it never refuses it.
pub async fn probable_duplicate(
    pool: &Pool,
    record: &CaseRecord,
) -> Result<Option<ProbableDuplicate>, CaseError> {
    let received = DateTime::parse_from_rfc3339(&record.received_at)
        .map_err(|e| CaseError::Corrupt(format!("received_at: {e}")))?
        .with_timezone(&Utc);
    let since = crate::db::time_text(received - chrono::Duration::days(DUPLICATE_WINDOW_DAYS));
    let row = sqlx::query(
        "SELECT d.case_no, d.received_at FROM cases c JOIN cases d
           ON d.content_hash = c.content_hash AND d.item_code = c.item_code AND d.id < c.id
         WHERE c.id = $1 AND d.received_at >= $2
         ORDER BY d.id DESC LIMIT 1",
    )
    .bind(record.id)
    .bind(since)
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        Ok(ProbableDuplicate {
            case_no: row.try_get("case_no")?,
            received_at: row.try_get("received_at")?,
        })
    })
    .transpose()
}
