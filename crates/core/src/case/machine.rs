//! The case's state machine: its types, states and events, the table of allowed moves, and a
//! case with its history (the module above draws it).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{CaseClock, ClockError};
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

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, staff};
    use super::super::{DeemedReason, PartState};
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeSet, VecDeque};

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
