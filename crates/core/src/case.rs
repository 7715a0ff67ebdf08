//! The life of a case (办件): its type, its states and the events that move it, its time limit,
//! and the parallel review of a joint case.
//!
//! # Types
//!
//! [`CaseType`]: 即办件 (done on the spot), 承诺件 (within a committed number of working days),
//! 联办件 (several departments review in parallel, each its own part), 上报件 (sent up to a
//! higher authority).
//!
//! # States
//!
//! ```text
//! Submitted 提交预审 ──PassPreReview──▶ PreReviewPassed 预审通过 ──Accept──▶ Accepted 已受理
//!    │  ▲                                                                      │
//!    │  └──ReceiveSupplement── NeedsSupplement 需补正 ◀──RequestSupplement──┘(from Submitted)
//!    └──Reject──▶ Rejected 不予受理                                             │
//! Accepted ──StartProcessing──▶ InProgress 办理中 ──Approve/Deny──▶ Concluded 办结 (准予/不予)
//! InProgress ──RequestSupplement──▶ SupplementDuringProcessing (clock stopped)
//!            ◀──ReceiveSupplement──
//! Accepted, InProgress, SupplementDuringProcessing ──Return──▶ Returned 退件
//! any state before conclusion ──Withdraw──▶ Withdrawn 撤回
//! ```
//!
//! The whole machine is the table [`TRANSITIONS`]: one row per allowed move with the roles
//! allowed to make it. Auditing the rules means reading that table; [`CaseState::apply`] does
//! nothing but look it up. Final states: Rejected, Concluded, Returned, Withdrawn.
//!
//! A supplement asked *after* acceptance (`SupplementDuringProcessing`) is modelled apart from
//! the pre-review one because it stops the committed time limit ([`CaseClock`]), while a
//! pre-review supplement happens before the clock starts.
//!
//! Each applied event is an [`Event`] (kind, actor, time, note) kept in [`Case::history`], so
//! the server and the app store the same history and [`Case::replay`] rebuilds a case from it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::calendar::{Calendar, CalendarError, Countdown};
use crate::i18n::{Lang, Localized, tr, tr_args};

/// The kind of case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseType {
    /// 即办件: done on the spot.
    Immediate,
    /// 承诺件: within a committed number of working days.
    Promised,
    /// 联办件: several departments in parallel, see [`JointReview`].
    Joint,
    /// 上报件: sent up to a higher authority.
    Reported,
    /// 依申请公开: a request for government information, on its own clock
    /// ([`crate::disclosure`]) and handled by the agency it names, not by the center's windows.
    Disclosure,
}

impl CaseType {
    /// "承诺件" / "Promised case".
    pub fn label(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                CaseType::Immediate => "case.type.immediate",
                CaseType::Promised => "case.type.promised",
                CaseType::Joint => "case.type.joint",
                CaseType::Reported => "case.type.reported",
                CaseType::Disclosure => "case.type.disclosure",
            },
        )
    }
}

/// The outcome of a concluded case, or of one department's part of a joint case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 准予: approved.
    Approved,
    /// 不予: denied.
    Denied,
}

impl Decision {
    /// "准予" / "Approved".
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Decision::Approved => tr(lang, "case.decision.approved"),
            Decision::Denied => tr(lang, "case.decision.denied"),
        }
    }
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// 提交预审: submitted, waiting for pre-review.
    Submitted,
    /// 需补正: pre-review asked the applicant for more.
    NeedsSupplement,
    /// 预审通过: pre-review passed, waiting to be accepted.
    PreReviewPassed,
    /// 不予受理: not accepted (final).
    Rejected,
    /// 已受理: accepted; the time limit runs.
    Accepted,
    /// 办理中: being processed.
    InProgress,
    /// 办理中补正: the applicant owes a supplement; the time limit is stopped.
    SupplementDuringProcessing,
    /// 办结: concluded with a decision (final).
    Concluded(Decision),
    /// 退件: returned after acceptance (final).
    Returned,
    /// 撤回: withdrawn by the applicant (final).
    Withdrawn,
}

/// What happens to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The applicant submits (creates the case; only as the first event).
    Submit,
    /// Pre-review passed.
    PassPreReview,
    /// The applicant must supply more (补正).
    RequestSupplement,
    /// The supplement arrived.
    ReceiveSupplement,
    /// 不予受理.
    Reject,
    /// 受理.
    Accept,
    /// Processing starts.
    StartProcessing,
    /// 准予.
    Approve,
    /// 不予.
    Deny,
    /// 退件.
    Return,
    /// 撤回.
    Withdraw,
}

/// Who may cause an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The applicant (申请人).
    Applicant,
    /// A member of staff.
    Staff,
    /// The system itself (e.g. a withdrawal deemed after a missed deadline).
    System,
}

/// Who caused an event, as stored in the history.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Actor {
    /// The applicant.
    Applicant,
    /// A member of staff.
    Staff {
        /// Staff identifier.
        id: String,
        /// Their department.
        department: String,
    },
    /// The system.
    System,
}

impl Actor {
    /// The actor's role.
    pub fn role(&self) -> Role {
        match self {
            Actor::Applicant => Role::Applicant,
            Actor::Staff { .. } => Role::Staff,
            Actor::System => Role::System,
        }
    }
}

/// One event in a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// Who did it.
    pub actor: Actor,
    /// When (local time of the center).
    pub at: NaiveDateTime,
    /// A note, e.g. the list of missing documents or the reason of a refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Event {
    /// An event without note.
    pub fn new(kind: EventKind, actor: Actor, at: NaiveDateTime) -> Event {
        Event {
            kind,
            actor,
            at,
            note: None,
        }
    }

    /// The same event with a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Event {
        self.note = Some(note.into());
        self
    }
}

/// One allowed move of the state machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The state the case is in.
    pub from: CaseState,
    /// The event.
    pub event: EventKind,
    /// The state it moves to.
    pub to: CaseState,
    /// Who may cause it.
    pub by: &'static [Role],
}

const STAFF: &[Role] = &[Role::Staff];
/// A supplement is brought by the applicant or received at the window by staff.
const SUPPLIER: &[Role] = &[Role::Applicant, Role::Staff];
/// The applicant withdraws; the system records a withdrawal deemed by a rule.
const WITHDRAWER: &[Role] = &[Role::Applicant, Role::System];

/// Shorthand for the table.
const fn row(from: CaseState, event: EventKind, to: CaseState, by: &'static [Role]) -> Transition {
    Transition {
        from,
        event,
        to,
        by,
    }
}

use CaseState as S;
use EventKind as E;

/// Every allowed move. Anything not listed is refused.
pub static TRANSITIONS: &[Transition] = &[
    // Pre-review.
    row(S::Submitted, E::PassPreReview, S::PreReviewPassed, STAFF),
    row(
        S::Submitted,
        E::RequestSupplement,
        S::NeedsSupplement,
        STAFF,
    ),
    row(S::Submitted, E::Reject, S::Rejected, STAFF),
    row(S::Submitted, E::Withdraw, S::Withdrawn, WITHDRAWER),
    row(
        S::NeedsSupplement,
        E::ReceiveSupplement,
        S::Submitted,
        SUPPLIER,
    ),
    row(S::NeedsSupplement, E::Withdraw, S::Withdrawn, WITHDRAWER),
    // Acceptance.
    row(S::PreReviewPassed, E::Accept, S::Accepted, STAFF),
    row(S::PreReviewPassed, E::Withdraw, S::Withdrawn, WITHDRAWER),
    row(S::Accepted, E::StartProcessing, S::InProgress, STAFF),
    row(S::Accepted, E::Return, S::Returned, STAFF),
    row(S::Accepted, E::Withdraw, S::Withdrawn, WITHDRAWER),
    // Processing.
    row(
        S::InProgress,
        E::Approve,
        S::Concluded(Decision::Approved),
        STAFF,
    ),
    row(
        S::InProgress,
        E::Deny,
        S::Concluded(Decision::Denied),
        STAFF,
    ),
    row(
        S::InProgress,
        E::RequestSupplement,
        S::SupplementDuringProcessing,
        STAFF,
    ),
    row(S::InProgress, E::Return, S::Returned, STAFF),
    row(S::InProgress, E::Withdraw, S::Withdrawn, WITHDRAWER),
    row(
        S::SupplementDuringProcessing,
        E::ReceiveSupplement,
        S::InProgress,
        SUPPLIER,
    ),
    row(S::SupplementDuringProcessing, E::Return, S::Returned, STAFF),
    row(
        S::SupplementDuringProcessing,
        E::Withdraw,
        S::Withdrawn,
        WITHDRAWER,
    ),
];

impl CaseState {
    /// Whether nothing more can happen.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            S::Rejected | S::Concluded(_) | S::Returned | S::Withdrawn
        )
    }

    /// The events allowed from this state, in table order (empty for a final state).
    pub fn next_events(self) -> Vec<EventKind> {
        TRANSITIONS
            .iter()
            .filter(|t| t.from == self)
            .map(|t| t.event)
            .collect()
    }

    /// The state after `event`, or why it is refused. Pure: records nothing.
    pub fn apply(self, event: &Event) -> Result<CaseState, TransitionError> {
        let transition = TRANSITIONS
            .iter()
            .find(|t| t.from == self && t.event == event.kind)
            .ok_or(if self.is_final() {
                TransitionError::Finished {
                    state: self,
                    event: event.kind,
                }
            } else {
                TransitionError::NotAllowed {
                    state: self,
                    event: event.kind,
                }
            })?;
        let role = event.actor.role();
        if !transition.by.contains(&role) {
            return Err(TransitionError::WrongActor {
                event: event.kind,
                role,
            });
        }
        Ok(transition.to)
    }

    /// A stable code, e.g. `"in_progress"`, `"concluded.approved"`.
    pub fn code(self) -> &'static str {
        match self {
            S::Submitted => "submitted",
            S::NeedsSupplement => "needs_supplement",
            S::PreReviewPassed => "pre_review_passed",
            S::Rejected => "rejected",
            S::Accepted => "accepted",
            S::InProgress => "in_progress",
            S::SupplementDuringProcessing => "supplement_during_processing",
            S::Concluded(Decision::Approved) => "concluded.approved",
            S::Concluded(Decision::Denied) => "concluded.denied",
            S::Returned => "returned",
            S::Withdrawn => "withdrawn",
        }
    }

    /// "办理中" / "In progress".
    pub fn label(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                S::Submitted => "case.state.submitted",
                S::NeedsSupplement => "case.state.needs_supplement",
                S::PreReviewPassed => "case.state.pre_review_passed",
                S::Rejected => "case.state.rejected",
                S::Accepted => "case.state.accepted",
                S::InProgress => "case.state.in_progress",
                S::SupplementDuringProcessing => "case.state.supplement_during_processing",
                S::Concluded(Decision::Approved) => "case.state.concluded.approved",
                S::Concluded(Decision::Denied) => "case.state.concluded.denied",
                S::Returned => "case.state.returned",
                S::Withdrawn => "case.state.withdrawn",
            },
        )
    }
}

impl EventKind {
    /// "受理" / "Accept".
    pub fn label(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                E::Submit => "case.event.submit",
                E::PassPreReview => "case.event.pass_pre_review",
                E::RequestSupplement => "case.event.request_supplement",
                E::ReceiveSupplement => "case.event.receive_supplement",
                E::Reject => "case.event.reject",
                E::Accept => "case.event.accept",
                E::StartProcessing => "case.event.start_processing",
                E::Approve => "case.event.approve",
                E::Deny => "case.event.deny",
                E::Return => "case.event.return",
                E::Withdraw => "case.event.withdraw",
            },
        )
    }
}

impl Role {
    /// "申请人" / "Applicant".
    pub fn label(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                Role::Applicant => "case.role.applicant",
                Role::Staff => "case.role.staff",
                Role::System => "case.role.system",
            },
        )
    }
}

/// Why an event was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    /// The event is not allowed in this state.
    #[error("{event:?} is not allowed in state {state:?}")]
    NotAllowed {
        /// The current state.
        state: CaseState,
        /// The refused event.
        event: EventKind,
    },
    /// The case is in a final state.
    #[error("case is already {state:?}; {event:?} refused")]
    Finished {
        /// The final state.
        state: CaseState,
        /// The refused event.
        event: EventKind,
    },
    /// This role may not cause this event.
    #[error("{role:?} may not {event:?}")]
    WrongActor {
        /// The event.
        event: EventKind,
        /// The actor's role.
        role: Role,
    },
    /// The event is dated before the previous one.
    #[error("event at {at} is before the previous one at {previous}")]
    OutOfOrder {
        /// The previous event's time.
        previous: NaiveDateTime,
        /// This event's time.
        at: NaiveDateTime,
    },
    /// A history must start with a submission, and only there.
    #[error("a history starts with one Submit event")]
    BadSubmission,
}

impl Localized for TransitionError {
    fn code(&self) -> &'static str {
        match self {
            TransitionError::NotAllowed { .. } => "case.error.not_allowed",
            TransitionError::Finished { .. } => "case.error.finished",
            TransitionError::WrongActor { .. } => "case.error.wrong_actor",
            TransitionError::OutOfOrder { .. } => "case.error.out_of_order",
            TransitionError::BadSubmission => "case.error.bad_submission",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let key = self.code();
        match self {
            TransitionError::NotAllowed { state, event }
            | TransitionError::Finished { state, event } => tr_args(
                lang,
                key,
                &[("state", state.label(lang)), ("event", event.label(lang))],
            ),
            TransitionError::WrongActor { event, role } => tr_args(
                lang,
                key,
                &[("event", event.label(lang)), ("role", role.label(lang))],
            ),
            TransitionError::OutOfOrder { previous, at } => tr_args(
                lang,
                key,
                &[("previous", &previous.to_string()), ("at", &at.to_string())],
            ),
            TransitionError::BadSubmission => tr(lang, key).to_owned(),
        }
    }
}

/// A case with its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// The kind of case.
    pub case_type: CaseType,
    state: CaseState,
    history: Vec<Event>,
}

impl Case {
    /// A new case, submitted by `actor` at `at`.
    pub fn submit(case_type: CaseType, actor: Actor, at: NaiveDateTime) -> Case {
        Case {
            case_type,
            state: S::Submitted,
            history: vec![Event::new(E::Submit, actor, at)],
        }
    }

    /// Rebuilds a case from a stored history, checking every step again.
    pub fn replay(case_type: CaseType, events: &[Event]) -> Result<Case, TransitionError> {
        let Some((first, rest)) = events.split_first() else {
            return Err(TransitionError::BadSubmission);
        };
        if first.kind != E::Submit {
            return Err(TransitionError::BadSubmission);
        }
        let mut case = Case {
            case_type,
            state: S::Submitted,
            history: vec![first.clone()],
        };
        for event in rest {
            case.apply(event.clone())?;
        }
        Ok(case)
    }

    /// The current state.
    pub fn state(&self) -> CaseState {
        self.state
    }

    /// Every event applied, oldest first; the first is the submission.
    pub fn history(&self) -> &[Event] {
        &self.history
    }

    /// Applies `event` and records it; on error nothing changes.
    pub fn apply(&mut self, event: Event) -> Result<CaseState, TransitionError> {
        if event.kind == E::Submit {
            return Err(TransitionError::BadSubmission);
        }
        if let Some(previous) = self.history.last()
            && event.at < previous.at
        {
            return Err(TransitionError::OutOfOrder {
                previous: previous.at,
                at: event.at,
            });
        }
        let next = self.state.apply(&event)?;
        self.state = next;
        self.history.push(event);
        Ok(next)
    }

    /// The committed-time-limit clock of this case, from its history: started by acceptance,
    /// stopped by each supplement asked after acceptance and restarted by its receipt, finished
    /// by the final event. `None` before acceptance.
    pub fn clock(&self, committed_days: u32) -> Result<Option<CaseClock>, ClockError> {
        CaseClock::from_history(&self.history, committed_days)
    }
}

// ---------------------------------------------------------------------------------------------
// The committed time limit

/// The 承诺时限 of an accepted case, in working days.
///
/// Counting starts the day after acceptance. A supplement requested on day `p` stops the clock
/// after `p` (the day of the request counts as used); when it arrives on day `r`, counting
/// resumes the day after `r`, with the working days that were left. A case is due on the last
/// working day of its limit and overdue from the next day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseClock {
    accepted_on: NaiveDate,
    committed_days: u32,
    /// Stops: (requested on, received on).
    pauses: Vec<(NaiveDate, Option<NaiveDate>)>,
    finished_on: Option<NaiveDate>,
}

/// What a clock says on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ClockStatus {
    /// Running; `working_days_left` after today (0 on the due date itself).
    Running {
        /// The last day of the limit.
        due: NaiveDate,
        /// Working days after today up to and including `due`.
        working_days_left: u32,
        /// `due` was counted over a year whose holidays are not yet published
        /// ([`Calendar::is_provisional_between`]): it may move when they are.
        #[serde(default)]
        provisional: bool,
    },
    /// Past the due date. `working_days_overdue` counts the working days after `due` up to and
    /// including today; it can be 0 on the weekend right after a Friday due date.
    Overdue {
        /// The last day of the limit.
        due: NaiveDate,
        /// Working days late.
        working_days_overdue: u32,
        /// As for `Running`.
        #[serde(default)]
        provisional: bool,
    },
    /// Stopped while the applicant owes a supplement.
    Paused {
        /// Since when.
        since: NaiveDate,
        /// Working days that will be left when it restarts.
        working_days_left: u32,
    },
    /// Finished (the case reached a final state).
    Finished {
        /// When.
        on: NaiveDate,
        /// The due date (if the clock was running then).
        due: Option<NaiveDate>,
        /// Working days after `due` the case finished (0 if on time).
        working_days_late: u32,
        /// As for `Running`.
        #[serde(default)]
        provisional: bool,
    },
}

impl ClockStatus {
    /// Whether its date was counted over a year whose holidays are not published yet.
    pub fn is_provisional(&self) -> bool {
        match *self {
            ClockStatus::Running { provisional, .. }
            | ClockStatus::Overdue { provisional, .. }
            | ClockStatus::Finished { provisional, .. } => provisional,
            ClockStatus::Paused { .. } => false,
        }
    }
}

/// Why a clock operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClockError {
    /// Stopping a clock that is already stopped.
    #[error("the clock is already stopped")]
    AlreadyPaused,
    /// Restarting a clock that runs.
    #[error("the clock is not stopped")]
    NotPaused,
    /// A date before acceptance or before the previous stop/restart.
    #[error("{date} is before the clock's previous event")]
    OutOfOrder {
        /// The refused date.
        date: NaiveDate,
    },
    /// The clock was finished.
    #[error("the clock is finished")]
    Finished,
    /// A date computation failed.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl Localized for ClockError {
    fn code(&self) -> &'static str {
        match self {
            ClockError::AlreadyPaused => "case.clock.already_paused",
            ClockError::NotPaused => "case.clock.not_paused",
            ClockError::OutOfOrder { .. } => "case.clock.out_of_order",
            ClockError::Finished => "case.clock.finished",
            ClockError::Calendar(inner) => inner.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            ClockError::OutOfOrder { date } => {
                tr_args(lang, self.code(), &[("date", &date.to_string())])
            }
            ClockError::Calendar(inner) => inner.message(lang),
            ClockError::AlreadyPaused | ClockError::NotPaused | ClockError::Finished => {
                tr(lang, self.code()).to_owned()
            }
        }
    }
}

impl CaseClock {
    /// A clock started by acceptance on `accepted_on`, for `committed_days` working days
    /// (0 for a case done on the spot).
    pub fn new(accepted_on: NaiveDate, committed_days: u32) -> CaseClock {
        CaseClock {
            accepted_on,
            committed_days,
            pauses: Vec::new(),
            finished_on: None,
        }
    }

    /// The clock described by a case history (see [`Case::clock`]).
    pub fn from_history(
        events: &[Event],
        committed_days: u32,
    ) -> Result<Option<CaseClock>, ClockError> {
        let mut clock: Option<CaseClock> = None;
        let mut state = S::Submitted;
        for event in events {
            let before = state;
            // A history that doesn't replay (should not happen: `Case` checks it) simply
            // keeps its last valid state here; the clock follows the accepted events only.
            state = before.apply(event).unwrap_or(before);
            let day = event.at.date();
            if event.kind == E::Accept && state == S::Accepted && clock.is_none() {
                clock = Some(CaseClock::new(day, committed_days));
                continue;
            }
            let Some(running) = clock.as_mut() else {
                continue;
            };
            if state.is_final() && !before.is_final() {
                running.finish(day)?;
            } else if event.kind == E::RequestSupplement && state == S::SupplementDuringProcessing {
                running.pause(day)?;
            } else if event.kind == E::ReceiveSupplement && before == S::SupplementDuringProcessing
            {
                running.resume(day)?;
            }
        }
        Ok(clock)
    }

    /// The acceptance date.
    pub fn accepted_on(&self) -> NaiveDate {
        self.accepted_on
    }

    /// The committed limit in working days.
    pub fn committed_days(&self) -> u32 {
        self.committed_days
    }

    /// The last date the clock was touched (to refuse going back in time).
    fn last_date(&self) -> NaiveDate {
        let pause_dates = self
            .pauses
            .iter()
            .flat_map(|(from, to)| [Some(*from), *to])
            .flatten();
        pause_dates
            .chain(self.finished_on)
            .fold(self.accepted_on, NaiveDate::max)
    }

    fn check_order(&self, date: NaiveDate) -> Result<(), ClockError> {
        if self.finished_on.is_some() {
            return Err(ClockError::Finished);
        }
        if date < self.last_date() {
            return Err(ClockError::OutOfOrder { date });
        }
        Ok(())
    }

    /// Whether the clock is stopped for a supplement.
    pub fn is_paused(&self) -> bool {
        matches!(self.pauses.last(), Some((_, None)))
    }

    /// Stops the clock: a supplement was requested on `on`.
    pub fn pause(&mut self, on: NaiveDate) -> Result<(), ClockError> {
        self.check_order(on)?;
        if self.is_paused() {
            return Err(ClockError::AlreadyPaused);
        }
        self.pauses.push((on, None));
        Ok(())
    }

    /// Restarts the clock: the supplement arrived on `on`.
    pub fn resume(&mut self, on: NaiveDate) -> Result<(), ClockError> {
        self.check_order(on)?;
        match self.pauses.last_mut() {
            Some((_, received @ None)) => {
                *received = Some(on);
                Ok(())
            }
            _ => Err(ClockError::NotPaused),
        }
    }

    /// Finishes the clock: the case reached a final state on `on`.
    pub fn finish(&mut self, on: NaiveDate) -> Result<(), ClockError> {
        self.check_order(on)?;
        self.finished_on = Some(on);
        Ok(())
    }

    /// The periods in which the clock ran, as (from, to] intervals, and the open one.
    fn running_periods(&self) -> (Vec<(NaiveDate, NaiveDate)>, Option<NaiveDate>) {
        let mut closed = Vec::with_capacity(self.pauses.len());
        let mut start = Some(self.accepted_on);
        for &(paused, resumed) in &self.pauses {
            if let Some(from) = start {
                closed.push((from, paused));
            }
            start = resumed;
        }
        (closed, start)
    }

    /// The due date: the last working day of the limit, counting the stops. `None` while
    /// stopped with days still left (the date depends on when the supplement arrives).
    pub fn due_date(&self, calendar: &Calendar) -> Result<Option<NaiveDate>, ClockError> {
        let (closed, open) = self.running_periods();
        Ok(
            match calendar.count_down(&closed, open, self.committed_days)? {
                Countdown::Due(date) => Some(date),
                Countdown::Stopped { .. } => None,
            },
        )
    }

    /// The clock's status on `today`.
    pub fn status(&self, calendar: &Calendar, today: NaiveDate) -> Result<ClockStatus, ClockError> {
        let (closed, open) = self.running_periods();
        let countdown = calendar.count_down(&closed, open, self.committed_days)?;
        let late = |due: NaiveDate, day: NaiveDate| {
            u32::try_from(calendar.working_days_between(due, day).max(0)).unwrap_or(u32::MAX)
        };
        let provisional = |due: NaiveDate| calendar.is_provisional_between(self.accepted_on, due);
        if let Some(on) = self.finished_on {
            let due = match countdown {
                Countdown::Due(due) => Some(due),
                Countdown::Stopped { .. } => None,
            };
            let working_days_late = due.map_or(0, |due| if on > due { late(due, on) } else { 0 });
            return Ok(ClockStatus::Finished {
                on,
                due,
                working_days_late,
                provisional: due.is_some_and(provisional),
            });
        }
        Ok(match countdown {
            Countdown::Due(due) if today > due => ClockStatus::Overdue {
                due,
                working_days_overdue: late(due, today),
                provisional: provisional(due),
            },
            Countdown::Due(due) => ClockStatus::Running {
                due,
                working_days_left: u32::try_from(calendar.working_days_between(today, due))
                    .unwrap_or(0),
                provisional: provisional(due),
            },
            Countdown::Stopped { remaining } => ClockStatus::Paused {
                since: self
                    .pauses
                    .last()
                    .map_or(self.accepted_on, |(since, _)| *since),
                working_days_left: remaining,
            },
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Joint cases

/// Why a department's silence counted as consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeemedReason {
    /// 超时默认: no answer by the deadline.
    Timeout,
    /// 缺席默认: absent from the joint meeting.
    Absence,
}

/// Where one department's part of a joint case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", content = "reason", rename_all = "snake_case")]
pub enum PartState {
    /// No answer yet.
    Pending,
    /// The department agrees.
    Approved,
    /// The department refuses.
    Denied,
    /// Counted as agreeing under the default-consent rule.
    DeemedConsent(DeemedReason),
}

impl PartState {
    /// Whether the department has answered or is deemed to have.
    pub fn is_settled(self) -> bool {
        !matches!(self, PartState::Pending)
    }

    /// "待审" / "Pending", "超时默认同意" / "Deemed consent (no reply in time)", …
    pub fn label(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                PartState::Pending => "case.part.pending",
                PartState::Approved => "case.part.approved",
                PartState::Denied => "case.part.denied",
                PartState::DeemedConsent(DeemedReason::Timeout) => "case.part.deemed_timeout",
                PartState::DeemedConsent(DeemedReason::Absence) => "case.part.deemed_absence",
            },
        )
    }
}

/// One department's part of a joint case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentPart {
    /// The department.
    pub department: String,
    /// Its state.
    pub state: PartState,
    /// The last day to answer.
    pub deadline: NaiveDate,
    /// Whether the item's rules make silence past the deadline, or absence from the joint
    /// meeting, count as consent (超时默认 / 缺席默认).
    pub default_consent: bool,
    /// When the part was settled.
    pub settled_on: Option<NaiveDate>,
}

impl DepartmentPart {
    /// A pending part.
    pub fn new(department: impl Into<String>, deadline: NaiveDate, default_consent: bool) -> Self {
        DepartmentPart {
            department: department.into(),
            state: PartState::Pending,
            deadline,
            default_consent,
            settled_on: None,
        }
    }

    /// Whether the part is still pending after its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.state == PartState::Pending && today > self.deadline
    }
}

/// Why a joint review operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum JointError {
    /// A joint review needs at least one department.
    #[error("a joint review needs at least one department")]
    NoDepartment,
    /// The same department twice.
    #[error("department {department} is listed twice")]
    DuplicateDepartment {
        /// The department.
        department: String,
    },
    /// No such department in this review.
    #[error("department {department} is not part of this review")]
    UnknownDepartment {
        /// The department.
        department: String,
    },
    /// The department's part is already settled.
    #[error("department {department} has already answered")]
    AlreadySettled {
        /// The department.
        department: String,
    },
}

impl Localized for JointError {
    fn code(&self) -> &'static str {
        match self {
            JointError::NoDepartment => "case.joint.no_department",
            JointError::DuplicateDepartment { .. } => "case.joint.duplicate_department",
            JointError::UnknownDepartment { .. } => "case.joint.unknown_department",
            JointError::AlreadySettled { .. } => "case.joint.already_settled",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            JointError::NoDepartment => tr(lang, self.code()).to_owned(),
            JointError::DuplicateDepartment { department }
            | JointError::UnknownDepartment { department }
            | JointError::AlreadySettled { department } => {
                tr_args(lang, self.code(), &[("department", department)])
            }
        }
    }
}

/// The parallel review of a joint case (并联审批): one part per department, each with its own
/// state and deadline. The case can conclude when every part is settled; it is approved only if
/// no department denied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JointReview {
    parts: Vec<DepartmentPart>,
}

impl JointReview {
    /// A review of these parts (distinct departments, at least one).
    pub fn new(parts: Vec<DepartmentPart>) -> Result<JointReview, JointError> {
        if parts.is_empty() {
            return Err(JointError::NoDepartment);
        }
        for (index, part) in parts.iter().enumerate() {
            if parts[..index]
                .iter()
                .any(|other| other.department == part.department)
            {
                return Err(JointError::DuplicateDepartment {
                    department: part.department.clone(),
                });
            }
        }
        Ok(JointReview { parts })
    }

    /// The parts, in the order given.
    pub fn parts(&self) -> &[DepartmentPart] {
        &self.parts
    }

    fn pending_part(&mut self, department: &str) -> Result<&mut DepartmentPart, JointError> {
        let part = self
            .parts
            .iter_mut()
            .find(|part| part.department == department)
            .ok_or_else(|| JointError::UnknownDepartment {
                department: department.to_owned(),
            })?;
        if part.state.is_settled() {
            return Err(JointError::AlreadySettled {
                department: department.to_owned(),
            });
        }
        Ok(part)
    }

    /// Records a department's answer.
    pub fn decide(
        &mut self,
        department: &str,
        decision: Decision,
        on: NaiveDate,
    ) -> Result<(), JointError> {
        let part = self.pending_part(department)?;
        part.state = match decision {
            Decision::Approved => PartState::Approved,
            Decision::Denied => PartState::Denied,
        };
        part.settled_on = Some(on);
        Ok(())
    }

    /// Records a department's absence from the joint meeting on `on`: consent if its rule says
    /// so (缺席默认), otherwise the part stays pending. Returns the part's new state.
    pub fn record_absence(
        &mut self,
        department: &str,
        on: NaiveDate,
    ) -> Result<PartState, JointError> {
        let part = self.pending_part(department)?;
        if part.default_consent {
            part.state = PartState::DeemedConsent(DeemedReason::Absence);
            part.settled_on = Some(on);
        }
        Ok(part.state)
    }

    /// Applies 超时默认 on `today`: every pending part past its deadline whose rule allows it
    /// counts as consenting. Returns the departments settled now.
    pub fn settle_overdue(&mut self, today: NaiveDate) -> Vec<String> {
        let mut settled = Vec::new();
        for part in &mut self.parts {
            if part.default_consent && part.is_overdue(today) {
                part.state = PartState::DeemedConsent(DeemedReason::Timeout);
                part.settled_on = Some(today);
                settled.push(part.department.clone());
            }
        }
        settled
    }

    /// Parts past their deadline that no rule settles: to chase up.
    pub fn overdue_parts(&self, today: NaiveDate) -> impl Iterator<Item = &DepartmentPart> {
        self.parts.iter().filter(move |part| part.is_overdue(today))
    }

    /// Gives a pending part of `department` the deadline `deadline` (the calendar it was
    /// counted on changed). Settled parts keep theirs. Whether anything changed.
    pub fn move_deadline(&mut self, department: &str, deadline: NaiveDate) -> bool {
        let mut changed = false;
        for part in &mut self.parts {
            if part.department == department
                && !part.state.is_settled()
                && part.deadline != deadline
            {
                part.deadline = deadline;
                changed = true;
            }
        }
        changed
    }

    /// Whether every part is settled.
    pub fn is_complete(&self) -> bool {
        self.parts.iter().all(|part| part.state.is_settled())
    }

    /// The joint outcome once complete: denied if any department denied, else approved.
    /// `None` while a part is pending.
    pub fn outcome(&self) -> Option<Decision> {
        if !self.is_complete() {
            None
        } else if self
            .parts
            .iter()
            .any(|part| part.state == PartState::Denied)
        {
            Some(Decision::Denied)
        } else {
            Some(Decision::Approved)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeSet, VecDeque};

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn staff() -> Actor {
        Actor::Staff {
            id: "0001".into(),
            department: "市场监管".into(),
        }
    }

    fn actor_for(kind: EventKind) -> Actor {
        match kind {
            E::Withdraw | E::ReceiveSupplement | E::Submit => Actor::Applicant,
            _ => staff(),
        }
    }

    const ALL_STATES: [CaseState; 11] = [
        S::Submitted,
        S::NeedsSupplement,
        S::PreReviewPassed,
        S::Rejected,
        S::Accepted,
        S::InProgress,
        S::SupplementDuringProcessing,
        S::Concluded(Decision::Approved),
        S::Concluded(Decision::Denied),
        S::Returned,
        S::Withdrawn,
    ];

    #[test]
    fn the_table_is_deterministic_and_final_states_have_no_exit() {
        let mut seen = BTreeSet::new();
        for t in TRANSITIONS {
            assert!(
                seen.insert((t.from.code(), format!("{:?}", t.event))),
                "{t:?} twice"
            );
            assert!(!t.from.is_final(), "{t:?} leaves a final state");
            assert!(!t.by.is_empty());
        }
        for state in ALL_STATES {
            assert_eq!(
                state.is_final(),
                state.next_events().is_empty(),
                "{state:?}"
            );
            // Withdrawal is possible until conclusion.
            assert_eq!(
                state.next_events().contains(&E::Withdraw),
                !state.is_final()
            );
        }
    }

    #[test]
    fn every_state_is_reachable_and_can_finish() {
        let reachable: BTreeSet<&str> = {
            let mut seen = BTreeSet::from([S::Submitted.code()]);
            let mut queue = VecDeque::from([S::Submitted]);
            while let Some(state) = queue.pop_front() {
                for t in TRANSITIONS.iter().filter(|t| t.from == state) {
                    if seen.insert(t.to.code()) {
                        queue.push_back(t.to);
                    }
                }
            }
            seen
        };
        assert_eq!(reachable.len(), ALL_STATES.len());
        for state in ALL_STATES {
            assert!(can_finish(state), "{state:?} cannot reach a final state");
        }
    }

    /// Breadth-first search for a final state.
    fn can_finish(start: CaseState) -> bool {
        let mut seen = BTreeSet::from([start.code()]);
        let mut queue = VecDeque::from([start]);
        while let Some(state) = queue.pop_front() {
            if state.is_final() {
                return true;
            }
            for t in TRANSITIONS.iter().filter(|t| t.from == state) {
                if seen.insert(t.to.code()) {
                    queue.push_back(t.to);
                }
            }
        }
        false
    }

    #[test]
    fn a_promised_case_from_submission_to_approval() {
        let mut case = Case::submit(CaseType::Promised, Actor::Applicant, at("2026-03-02 09:00"));
        case.apply(
            Event::new(E::RequestSupplement, staff(), at("2026-03-02 10:00"))
                .with_note("缺营业执照副本"),
        )
        .unwrap();
        assert_eq!(case.state(), S::NeedsSupplement);
        case.apply(Event::new(
            E::ReceiveSupplement,
            Actor::Applicant,
            at("2026-03-03 09:00"),
        ))
        .unwrap();
        assert_eq!(case.state(), S::Submitted);
        for kind in [E::PassPreReview, E::Accept, E::StartProcessing, E::Approve] {
            case.apply(Event::new(kind, staff(), at("2026-03-04 09:00")))
                .unwrap();
        }
        assert_eq!(case.state(), S::Concluded(Decision::Approved));
        assert!(case.state().is_final());
        assert_eq!(case.history().len(), 7);
        assert_eq!(case.history()[1].note.as_deref(), Some("缺营业执照副本"));

        let replayed = Case::replay(CaseType::Promised, case.history()).unwrap();
        assert_eq!(replayed, case);
        let json = serde_json::to_string(&case).unwrap();
        assert_eq!(serde_json::from_str::<Case>(&json).unwrap(), case);
    }

    #[test]
    fn illegal_moves_are_refused_with_a_reason() {
        let mut case = Case::submit(
            CaseType::Immediate,
            Actor::Applicant,
            at("2026-03-02 09:00"),
        );
        let accept = Event::new(E::Accept, staff(), at("2026-03-02 09:10"));
        assert_eq!(
            case.apply(accept.clone()),
            Err(TransitionError::NotAllowed {
                state: S::Submitted,
                event: E::Accept
            })
        );
        // The applicant cannot pass their own pre-review.
        assert_eq!(
            case.apply(Event::new(
                E::PassPreReview,
                Actor::Applicant,
                at("2026-03-02 09:10")
            )),
            Err(TransitionError::WrongActor {
                event: E::PassPreReview,
                role: Role::Applicant
            })
        );
        // Time does not go back.
        assert_eq!(
            case.apply(Event::new(
                E::PassPreReview,
                staff(),
                at("2026-03-01 09:10")
            )),
            Err(TransitionError::OutOfOrder {
                previous: at("2026-03-02 09:00"),
                at: at("2026-03-01 09:10")
            })
        );
        case.apply(
            Event::new(E::Reject, staff(), at("2026-03-02 09:20"))
                .with_note("不属于本中心受理范围"),
        )
        .unwrap();
        assert_eq!(
            case.apply(Event::new(
                E::Withdraw,
                Actor::Applicant,
                at("2026-03-02 09:30")
            )),
            Err(TransitionError::Finished {
                state: S::Rejected,
                event: E::Withdraw
            })
        );
        assert_eq!(case.history().len(), 2, "refused events are not recorded");
        assert_eq!(
            case.apply(Event::new(
                E::Submit,
                Actor::Applicant,
                at("2026-03-02 09:30")
            )),
            Err(TransitionError::BadSubmission)
        );
        assert_eq!(
            Case::replay(CaseType::Immediate, &[]),
            Err(TransitionError::BadSubmission)
        );
        let message = TransitionError::NotAllowed {
            state: S::Submitted,
            event: E::Accept,
        }
        .message(Lang::Zh);
        assert!(
            message.contains("提交预审") && message.contains("受理"),
            "{message}"
        );
    }

    #[test]
    fn withdrawal_and_return() {
        let mut case = Case::submit(CaseType::Reported, Actor::Applicant, at("2026-03-02 09:00"));
        for kind in [E::PassPreReview, E::Accept] {
            case.apply(Event::new(kind, staff(), at("2026-03-02 10:00")))
                .unwrap();
        }
        let mut returned = case.clone();
        returned
            .apply(Event::new(E::Return, staff(), at("2026-03-03 10:00")))
            .unwrap();
        assert_eq!(returned.state(), S::Returned);
        case.apply(Event::new(
            E::Withdraw,
            Actor::Applicant,
            at("2026-03-03 10:00"),
        ))
        .unwrap();
        assert_eq!(case.state(), S::Withdrawn);
        assert_eq!(
            S::Accepted.next_events(),
            vec![E::StartProcessing, E::Return, E::Withdraw]
        );
    }

    #[test]
    fn clock_counts_working_days_and_stops_for_a_supplement() {
        let calendar = Calendar::embedded();
        // Accepted Monday 2026-03-02 for 20 working days: due 2026-03-30.
        let mut clock = CaseClock::new(date("2026-03-02"), 20);
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-03-30"))));
        assert_eq!(
            clock.status(&calendar, date("2026-03-02")),
            Ok(ClockStatus::Running {
                due: date("2026-03-30"),
                working_days_left: 20,
                provisional: false
            })
        );
        // Supplement requested Friday 03-06 (4 days used: 3, 4, 5, 6), received Wed 03-11.
        clock.pause(date("2026-03-06")).unwrap();
        assert_eq!(clock.due_date(&calendar), Ok(None));
        assert_eq!(
            clock.status(&calendar, date("2026-03-09")),
            Ok(ClockStatus::Paused {
                since: date("2026-03-06"),
                working_days_left: 16
            })
        );
        assert_eq!(
            clock.pause(date("2026-03-07")),
            Err(ClockError::AlreadyPaused)
        );
        clock.resume(date("2026-03-11")).unwrap();
        // 16 working days after Wed 03-11: 12, 13 = 2; 16-20 = 7; 23-27 = 12; 30, 31, 04-01,
        // 04-02 = 16 → due Thursday 2026-04-02.
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-04-02"))));
        assert_eq!(clock.resume(date("2026-03-12")), Err(ClockError::NotPaused));
        assert_eq!(
            clock.pause(date("2026-03-10")),
            Err(ClockError::OutOfOrder {
                date: date("2026-03-10")
            })
        );
        // Overdue: Friday 04-03 is 1 working day late; 04-04..04-06 is 清明, so Tuesday 04-07
        // is only 2; the weekend right after a due date counts 0 working days but is overdue.
        assert_eq!(
            clock.status(&calendar, date("2026-04-03")),
            Ok(ClockStatus::Overdue {
                due: date("2026-04-02"),
                working_days_overdue: 1,
                provisional: false
            })
        );
        assert_eq!(
            clock.status(&calendar, date("2026-04-07")),
            Ok(ClockStatus::Overdue {
                due: date("2026-04-02"),
                working_days_overdue: 2,
                provisional: false
            })
        );
        assert_eq!(
            clock.status(&calendar, date("2026-04-02")),
            Ok(ClockStatus::Running {
                due: date("2026-04-02"),
                working_days_left: 0,
                provisional: false
            })
        );
        clock.finish(date("2026-04-07")).unwrap();
        assert_eq!(
            clock.status(&calendar, date("2026-05-01")),
            Ok(ClockStatus::Finished {
                on: date("2026-04-07"),
                due: Some(date("2026-04-02")),
                working_days_late: 2,
                provisional: false
            })
        );
        assert_eq!(clock.pause(date("2026-05-01")), Err(ClockError::Finished));
    }

    #[test]
    fn clock_across_the_spring_festival() {
        let calendar = Calendar::embedded();
        // Accepted Thursday 2026-02-12 for 5 working days: 13 (Fri), 14 (make-up Sat),
        // 24, 25, 26 → due 2026-02-26.
        let clock = CaseClock::new(date("2026-02-12"), 5);
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-02-26"))));
        assert_eq!(
            clock.status(&calendar, date("2026-02-16")),
            Ok(ClockStatus::Running {
                due: date("2026-02-26"),
                working_days_left: 3,
                provisional: false
            })
        );
    }

    #[test]
    fn a_deadline_in_an_unpublished_year_is_provisional() {
        let calendar = Calendar::embedded();
        // Accepted Friday 2026-12-04 for 20 working days: 2027-01-01 is 元旦 (provisional).
        let clock = CaseClock::new(date("2026-12-04"), 20);
        assert_eq!(
            clock.status(&calendar, date("2026-12-07")),
            Ok(ClockStatus::Running {
                due: date("2027-01-04"),
                working_days_left: 19,
                provisional: true
            })
        );
        // Once the 2027 notice is in, the same clock is no longer provisional.
        let notice = crate::calendar::notice_text::parse(2027, None, "元旦 2027-01-01").unwrap();
        let published = calendar.with_year(notice).unwrap();
        assert!(matches!(
            clock.status(&published, date("2026-12-07")),
            Ok(ClockStatus::Running {
                provisional: false,
                ..
            })
        ));
    }

    #[test]
    fn clock_from_case_history() {
        let calendar = Calendar::embedded();
        let mut case = Case::submit(CaseType::Promised, Actor::Applicant, at("2026-03-01 20:00"));
        assert_eq!(case.clock(10), Ok(None));
        for (kind, when) in [
            (E::PassPreReview, "2026-03-02 09:00"),
            (E::Accept, "2026-03-02 09:30"),
            (E::StartProcessing, "2026-03-02 10:00"),
            (E::RequestSupplement, "2026-03-04 11:00"),
        ] {
            case.apply(Event::new(kind, staff(), at(when))).unwrap();
        }
        case.apply(Event::new(
            E::ReceiveSupplement,
            Actor::Applicant,
            at("2026-03-09 15:00"),
        ))
        .unwrap();
        // Used 03-03, 03-04 = 2; 8 left from 03-09: 10-13, 16-19 → 03-19.
        let clock = case.clock(10).unwrap().unwrap();
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-03-19"))));
        case.apply(Event::new(E::Approve, staff(), at("2026-03-18 16:00")))
            .unwrap();
        assert_eq!(
            case.clock(10)
                .unwrap()
                .unwrap()
                .status(&calendar, date("2026-04-01")),
            Ok(ClockStatus::Finished {
                on: date("2026-03-18"),
                due: Some(date("2026-03-19")),
                working_days_late: 0,
                provisional: false
            })
        );
    }

    #[test]
    fn limit_reached_before_a_stop_stays_reached() {
        let calendar = Calendar::embedded();
        let mut clock = CaseClock::new(date("2026-03-02"), 2);
        clock.pause(date("2026-03-06")).unwrap();
        // Due on 03-04, before the stop: the stop cannot save it.
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-03-04"))));
        assert!(matches!(
            clock.status(&calendar, date("2026-03-09")),
            Ok(ClockStatus::Overdue { .. })
        ));
    }

    #[test]
    fn immediate_case_is_due_the_day_it_is_accepted() {
        let calendar = Calendar::embedded();
        let clock = CaseClock::new(date("2026-03-02"), 0);
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-03-02"))));
    }

    #[test]
    fn joint_review_with_default_consent() {
        let deadline = date("2026-03-13");
        let mut review = JointReview::new(vec![
            DepartmentPart::new("自然资源", deadline, true),
            DepartmentPart::new("住房城乡建设", deadline, true),
            DepartmentPart::new("生态环境", deadline, false),
        ])
        .unwrap();
        review
            .decide("自然资源", Decision::Approved, date("2026-03-05"))
            .unwrap();
        assert_eq!(
            review.record_absence("住房城乡建设", date("2026-03-10")),
            Ok(PartState::DeemedConsent(DeemedReason::Absence))
        );
        // Absence without the rule leaves the part pending.
        assert_eq!(
            review.record_absence("生态环境", date("2026-03-10")),
            Ok(PartState::Pending)
        );
        assert!(!review.is_complete());
        assert_eq!(review.outcome(), None);
        // Past the deadline: no rule for 生态环境, so it must be chased, not assumed.
        assert!(review.settle_overdue(date("2026-03-16")).is_empty());
        assert_eq!(review.overdue_parts(date("2026-03-16")).count(), 1);
        review
            .decide("生态环境", Decision::Approved, date("2026-03-17"))
            .unwrap();
        assert_eq!(review.outcome(), Some(Decision::Approved));
        assert_eq!(
            review.decide("生态环境", Decision::Denied, date("2026-03-17")),
            Err(JointError::AlreadySettled {
                department: "生态环境".into()
            })
        );
    }

    #[test]
    fn joint_review_timeout_and_denial() {
        let mut review = JointReview::new(vec![
            DepartmentPart::new("公安", date("2026-03-06"), true),
            DepartmentPart::new("消防", date("2026-03-13"), true),
        ])
        .unwrap();
        // On the deadline day itself the department still has time.
        assert!(review.settle_overdue(date("2026-03-06")).is_empty());
        assert_eq!(
            review.settle_overdue(date("2026-03-09")),
            vec!["公安".to_owned()]
        );
        assert_eq!(
            review.parts()[0].state,
            PartState::DeemedConsent(DeemedReason::Timeout)
        );
        review
            .decide("消防", Decision::Denied, date("2026-03-10"))
            .unwrap();
        assert_eq!(review.outcome(), Some(Decision::Denied));
        assert_eq!(
            review.decide("税务", Decision::Approved, date("2026-03-10")),
            Err(JointError::UnknownDepartment {
                department: "税务".into()
            })
        );
        assert_eq!(JointReview::new(vec![]), Err(JointError::NoDepartment));
        assert_eq!(
            JointReview::new(vec![
                DepartmentPart::new("公安", date("2026-03-06"), true),
                DepartmentPart::new("公安", date("2026-03-06"), true),
            ]),
            Err(JointError::DuplicateDepartment {
                department: "公安".into()
            })
        );
    }

    #[test]
    fn labels_exist_for_every_state_event_and_type() {
        for lang in Lang::ALL {
            for state in ALL_STATES {
                assert!(!state.label(lang).starts_with("case."), "{state:?}");
            }
            for t in TRANSITIONS {
                assert!(!t.event.label(lang).starts_with("case."), "{:?}", t.event);
            }
            assert!(!E::Submit.label(lang).starts_with("case."));
            for case_type in [
                CaseType::Immediate,
                CaseType::Promised,
                CaseType::Joint,
                CaseType::Reported,
            ] {
                assert!(!case_type.label(lang).starts_with("case."));
            }
            for role in [Role::Applicant, Role::Staff, Role::System] {
                assert!(!role.label(lang).starts_with("case."));
            }
            for part in [
                PartState::Pending,
                PartState::Approved,
                PartState::Denied,
                PartState::DeemedConsent(DeemedReason::Timeout),
                PartState::DeemedConsent(DeemedReason::Absence),
            ] {
                assert!(!part.label(lang).starts_with("case."));
            }
            for decision in [Decision::Approved, Decision::Denied] {
                assert!(!decision.label(lang).starts_with("case."));
            }
        }
    }

    proptest! {
        /// Walk the machine at random from submission; wherever the walk stops, some sequence of
        /// events still leads to a final state, and the history replays to the same case.
        #[test]
        fn from_every_reachable_state_a_final_state_is_reachable(choices in proptest::collection::vec(0usize..8, 0..30)) {
            let mut case = Case::submit(CaseType::Promised, Actor::Applicant, at("2026-03-02 09:00"));
            for (step, choice) in choices.into_iter().enumerate() {
                let events = case.state().next_events();
                if events.is_empty() {
                    break;
                }
                let kind = events[choice % events.len()];
                let when = at("2026-03-02 09:00") + chrono::Duration::minutes(step as i64 + 1);
                prop_assert!(case.apply(Event::new(kind, actor_for(kind), when)).is_ok());
            }
            prop_assert!(can_finish(case.state()));
            prop_assert_eq!(Case::replay(CaseType::Promised, case.history()).unwrap(), case.clone());
            // The clock derived from any legal history is consistent.
            prop_assert!(case.clock(20).is_ok());
        }
    }
}
