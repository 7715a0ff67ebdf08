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

//!
//! # Where things are
//!
//! - `machine.rs`: the types, the table [`TRANSITIONS`] and [`Case`] with its history;
//! - `clock.rs`: the committed time limit in working days, [`CaseClock`];
//! - `joint.rs`: the parallel review of a 联办件, [`JointReview`].

mod clock;
mod joint;
mod machine;

pub use clock::*;
pub use joint::*;
pub use machine::*;

/// Times, dates and actors written briefly in the tests of the three files.
#[cfg(test)]
mod test_support {
    use chrono::{NaiveDate, NaiveDateTime};

    use super::Actor;

    pub fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    pub fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    pub fn staff() -> Actor {
        Actor::Staff {
            id: "0001".into(),
            department: "市场监管".into(),
        }
    }
}
