//! The parallel review of a joint case (联办件, 并联审批): one part per department, each with its
//! own state and deadline.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Decision;
use crate::i18n::{Lang, Localized, tr, tr_args};

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
    use super::super::test_support::date;
    use super::*;

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
}
