//! The clock of a request for government information (政府信息公开申请), under the
//! Regulations on the Disclosure of Government Information (政府信息公开条例, 2019 revision).
//!
//! * **Receipt** (Art. 31): in person, the day the application is handed in; by post, the day
//!   it is signed for; online or by fax, the date both sides confirm it. That date is
//!   [`Receipt::date`]; counting starts the day after.
//! * **Answer** (Art. 33): within [`ANSWER_WORKING_DAYS`] working days; **one** extension of at
//!   most [`MAX_EXTENSION_WORKING_DAYS`] more, decided (and told to the applicant) before the
//!   limit runs out. A second extension is refused.
//! * **补正** (Art. 30): if the application is unclear, **one** notice asking for a supplement,
//!   issued within [`SUPPLEMENT_NOTICE_WORKING_DAYS`] working days of receipt. The limit then
//!   counts afresh from the receipt of the supplement; not supplying it without good reason
//!   counts as withdrawal.
//! * **Third parties** (Art. 32): the time spent consulting a third party does not count; the
//!   third party has [`THIRD_PARTY_WORKING_DAYS`] working days to reply, so a consultation stops
//!   the clock for at most that long.
//!
//! A request is its [`Receipt`] plus a list of [`DisclosureEvent`]s in date order;
//! [`DisclosureRequest::status`] replays them with the [`Calendar`] and gives the due date, and
//! [`DisclosureRequest::record`] refuses an event the rules don't allow. Reply types of Art. 36
//! are [`Reply`].
//!
//! Day counting follows [`Calendar`]: the period in `(start, end]`, the start day not counted.
//! The day a consultation starts counts as a working day of the limit; the day it ends does not.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::calendar::{Calendar, CalendarError, Countdown};
use crate::i18n::{Lang, Localized, tr, tr_args};

pub mod annual_report;

use annual_report::{
    ApplicantCategory, CannotProvideReason, NotHandledReason, OtherReason, Outcome, RequestFacts,
    WithheldReason,
};

/// Art. 33: working days to answer.
pub const ANSWER_WORKING_DAYS: u32 = 20;
/// Art. 33: the one extension, at most this many working days.
pub const MAX_EXTENSION_WORKING_DAYS: u32 = 20;
/// Art. 30: the supplement notice is issued within this many working days of receipt.
pub const SUPPLEMENT_NOTICE_WORKING_DAYS: u32 = 7;
/// Art. 32: working days a consulted third party has to reply.
pub const THIRD_PARTY_WORKING_DAYS: u32 = 15;
/// The time to supplement a request that a 补正 notice gives when it states none (the notice
/// sets it; 15 working days is the common practice of county agencies' 公开指南).
pub const SUPPLEMENT_REPLY_WORKING_DAYS: u32 = 15;
/// When the agencies' office hours end (17:30, China time): an online request confirmed later,
/// or on a day off, counts as received on the next working day (Art. 31 and the 公开指南).
pub const OFFICE_CLOSES: (u32, u32) = (17, 30);

/// How the application arrived (Art. 31 decides which date is the receipt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Handed in at the window: the day handed in.
    InPerson,
    /// By post: the day signed for.
    Post,
    /// Online: the date both sides confirm.
    Online,
    /// By fax: the date both sides confirm.
    Fax,
}

impl Channel {
    /// "当面提交" / "In person".
    pub fn label(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                Channel::InPerson => "disclosure.channel.in_person",
                Channel::Post => "disclosure.channel.post",
                Channel::Online => "disclosure.channel.online",
                Channel::Fax => "disclosure.channel.fax",
            },
        )
    }
}

/// The receipt of an application: its channel and the receipt date of Art. 31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Receipt {
    /// How it arrived.
    pub channel: Channel,
    /// The date it counts as received.
    pub date: NaiveDate,
}

impl Receipt {
    /// Handed in at the window on `handed_in`.
    pub fn in_person(handed_in: NaiveDate) -> Receipt {
        Receipt {
            channel: Channel::InPerson,
            date: handed_in,
        }
    }

    /// By post, signed for on `signed_for` (not the postmark date).
    pub fn by_post(signed_for: NaiveDate) -> Receipt {
        Receipt {
            channel: Channel::Post,
            date: signed_for,
        }
    }

    /// Online, confirmed by both sides on `confirmed_on` (not the date the applicant sent it).
    pub fn online(confirmed_on: NaiveDate) -> Receipt {
        Receipt {
            channel: Channel::Online,
            date: confirmed_on,
        }
    }

    /// Online, sent at `at` (China time) and confirmed at once by the portal: that day if it is
    /// a working day and before [`OFFICE_CLOSES`], otherwise the next working day.
    pub fn online_at(calendar: &Calendar, at: NaiveDateTime) -> Result<Receipt, CalendarError> {
        let close = NaiveTime::from_hms_opt(OFFICE_CLOSES.0, OFFICE_CLOSES.1, 0)
            .ok_or(CalendarError::OutOfRange)?;
        Ok(Receipt::online(calendar.effective_start(at, close)?))
    }

    /// By fax, confirmed by both sides on `confirmed_on`.
    pub fn by_fax(confirmed_on: NaiveDate) -> Receipt {
        Receipt {
            channel: Channel::Fax,
            date: confirmed_on,
        }
    }
}

/// The kinds of reply of Art. 36, without their details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyKind {
    /// 予以公开.
    Disclosed,
    /// 部分公开.
    PartlyDisclosed,
    /// 不予公开.
    Withheld,
    /// 无法提供.
    CannotProvide,
    /// 不予处理.
    NotHandled,
    /// 告知：已主动公开.
    AlreadyPublic,
    /// 告知：非本机关掌握.
    NotHeld,
}

impl ReplyKind {
    /// A stable code, e.g. `"already_public"`.
    pub fn code(self) -> &'static str {
        match self {
            ReplyKind::Disclosed => "disclosed",
            ReplyKind::PartlyDisclosed => "partly_disclosed",
            ReplyKind::Withheld => "withheld",
            ReplyKind::CannotProvide => "cannot_provide",
            ReplyKind::NotHandled => "not_handled",
            ReplyKind::AlreadyPublic => "already_public",
            ReplyKind::NotHeld => "not_held",
        }
    }

    /// "予以公开" / "Disclosed", from the string table.
    pub fn label(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                ReplyKind::Disclosed => "disclosure.reply.disclosed",
                ReplyKind::PartlyDisclosed => "disclosure.reply.partly_disclosed",
                ReplyKind::Withheld => "disclosure.reply.withheld",
                ReplyKind::CannotProvide => "disclosure.reply.cannot_provide",
                ReplyKind::NotHandled => "disclosure.reply.not_handled",
                ReplyKind::AlreadyPublic => "disclosure.reply.already_public",
                ReplyKind::NotHeld => "disclosure.reply.not_held",
            },
        )
    }
}

/// A reply under Art. 36, with what the article requires it to say and the reason the annual
/// report counts it under ([`annual_report::Outcome`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// 予以公开 (Art. 36(2)): how and when it is provided is the reply letter's business.
    Disclosed,
    /// 部分公开 (Art. 37): the rest withheld, with the reason and the legal basis.
    PartlyDisclosed {
        /// Why the rest is withheld.
        reason: WithheldReason,
        /// The legal basis (article cited).
        basis: String,
    },
    /// 不予公开 (Art. 36(3)): with the reason and the legal basis.
    Withheld {
        /// Why.
        reason: WithheldReason,
        /// The legal basis (article cited).
        basis: String,
    },
    /// 无法提供 (Art. 36(4), 38, 30).
    CannotProvide {
        /// Why.
        reason: CannotProvideReason,
    },
    /// 不予处理 (Art. 36(6), 35, 39).
    NotHandled {
        /// Why.
        reason: NotHandledReason,
    },
    /// 告知已主动公开 (Art. 36(1)): say where and how to get it.
    AlreadyPublic {
        /// Where it is published.
        location: String,
    },
    /// 告知非本机关掌握 (Art. 36(5)): the agency that holds it, named where known.
    NotHeld {
        /// The agency that holds it, if known.
        right_agency: Option<String>,
    },
}

impl Reply {
    /// The kind of reply.
    pub fn kind(&self) -> ReplyKind {
        match self {
            Reply::Disclosed => ReplyKind::Disclosed,
            Reply::PartlyDisclosed { .. } => ReplyKind::PartlyDisclosed,
            Reply::Withheld { .. } => ReplyKind::Withheld,
            Reply::CannotProvide { .. } => ReplyKind::CannotProvide,
            Reply::NotHandled { .. } => ReplyKind::NotHandled,
            Reply::AlreadyPublic { .. } => ReplyKind::AlreadyPublic,
            Reply::NotHeld { .. } => ReplyKind::NotHeld,
        }
    }

    /// The label of its kind.
    pub fn label(&self, lang: Lang) -> &'static str {
        self.kind().label(lang)
    }

    /// Where the annual report counts it: 告知已主动公开 gives access and counts as 予以公开,
    /// 告知非本机关掌握 as 无法提供 (本机关不掌握).
    pub fn outcome(&self) -> Outcome {
        match self {
            Reply::Disclosed | Reply::AlreadyPublic { .. } => Outcome::Disclosed,
            Reply::PartlyDisclosed { .. } => Outcome::PartlyDisclosed,
            Reply::Withheld { reason, .. } => Outcome::Withheld(*reason),
            Reply::CannotProvide { reason } => Outcome::CannotProvide(*reason),
            Reply::NotHandled { reason } => Outcome::NotHandled(*reason),
            Reply::NotHeld { .. } => Outcome::CannotProvide(CannotProvideReason::NotHeld),
        }
    }
}

/// Something that happened to a request, dated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DisclosureEvent {
    /// The one 补正 notice was issued.
    SupplementRequested {
        /// Date issued.
        on: NaiveDate,
    },
    /// The supplement arrived: the limit counts afresh from this date.
    SupplementReceived {
        /// Date received.
        on: NaiveDate,
    },
    /// The supplement was not provided in time without good reason: deemed withdrawn.
    SupplementNotProvided {
        /// Date the deemed withdrawal is recorded.
        on: NaiveDate,
    },
    /// A third party is consulted (Art. 32): the clock stops.
    ConsultationStarted {
        /// Date the consultation is sent.
        on: NaiveDate,
    },
    /// The third party replied, or its time ran out: the clock restarts.
    ConsultationEnded {
        /// Date of the reply (a date after the third party's 15 working days counts as the
        /// last of them).
        on: NaiveDate,
    },
    /// The one extension (Art. 33).
    Extended {
        /// Date decided and told to the applicant.
        on: NaiveDate,
        /// Working days added, 1 to 20.
        working_days: u32,
    },
    /// The answer was given.
    Answered {
        /// Date of the reply.
        on: NaiveDate,
        /// The reply.
        reply: Reply,
    },
    /// The applicant withdrew the request.
    Withdrawn {
        /// Date.
        on: NaiveDate,
    },
}

impl DisclosureEvent {
    /// The event's date.
    pub fn date(&self) -> NaiveDate {
        match self {
            DisclosureEvent::SupplementRequested { on }
            | DisclosureEvent::SupplementReceived { on }
            | DisclosureEvent::SupplementNotProvided { on }
            | DisclosureEvent::ConsultationStarted { on }
            | DisclosureEvent::ConsultationEnded { on }
            | DisclosureEvent::Extended { on, .. }
            | DisclosureEvent::Answered { on, .. }
            | DisclosureEvent::Withdrawn { on } => *on,
        }
    }

    /// The string-table key naming this kind of event.
    pub fn key(&self) -> &'static str {
        match self {
            DisclosureEvent::SupplementRequested { .. } => "disclosure.event.supplement_requested",
            DisclosureEvent::SupplementReceived { .. } => "disclosure.event.supplement_received",
            DisclosureEvent::SupplementNotProvided { .. } => {
                "disclosure.event.supplement_not_provided"
            }
            DisclosureEvent::ConsultationStarted { .. } => "disclosure.event.consultation_started",
            DisclosureEvent::ConsultationEnded { .. } => "disclosure.event.consultation_ended",
            DisclosureEvent::Extended { .. } => "disclosure.event.extended",
            DisclosureEvent::Answered { .. } => "disclosure.event.answered",
            DisclosureEvent::Withdrawn { .. } => "disclosure.event.withdrawn",
        }
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DisclosureStatus {
    /// The clock runs; answer by `due`.
    Running {
        /// The last day to answer.
        due: NaiveDate,
        /// Whether the one extension was used.
        extended: bool,
    },
    /// Waiting for the applicant's supplement; the clock will start afresh on its receipt.
    AwaitingSupplement {
        /// Date of the notice.
        since: NaiveDate,
    },
    /// A third party is consulted; the clock is stopped.
    Consulting {
        /// Date the consultation was sent.
        since: NaiveDate,
        /// The last day of the third party's 15 working days.
        third_party_reply_by: NaiveDate,
        /// The due date if the consultation lasts its full time (earlier if it ends sooner).
        due_at_latest: NaiveDate,
    },
    /// Answered.
    Answered {
        /// Date of the reply.
        on: NaiveDate,
        /// Its kind.
        reply: ReplyKind,
        /// The due date at that time.
        due: NaiveDate,
        /// Whether it was answered by the due date.
        on_time: bool,
    },
    /// Withdrawn by the applicant, or deemed withdrawn (no supplement).
    Withdrawn {
        /// Date.
        on: NaiveDate,
        /// Whether deemed (no supplement) rather than asked by the applicant.
        deemed: bool,
    },
}

impl DisclosureStatus {
    /// The string-table key naming this status.
    pub fn key(&self) -> &'static str {
        match self {
            DisclosureStatus::Running { .. } => "disclosure.state.running",
            DisclosureStatus::AwaitingSupplement { .. } => "disclosure.state.awaiting_supplement",
            DisclosureStatus::Consulting { .. } => "disclosure.state.consulting",
            DisclosureStatus::Answered { .. } => "disclosure.state.answered",
            DisclosureStatus::Withdrawn { .. } => "disclosure.state.withdrawn",
        }
    }

    /// "办理中" / "In progress", …
    pub fn label(&self, lang: Lang) -> &'static str {
        tr(lang, self.key())
    }

    /// Whether the request is closed (answered or withdrawn).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            DisclosureStatus::Answered { .. } | DisclosureStatus::Withdrawn { .. }
        )
    }

    /// The due date, when one is known.
    pub fn due(&self) -> Option<NaiveDate> {
        match self {
            DisclosureStatus::Running { due, .. } | DisclosureStatus::Answered { due, .. } => {
                Some(*due)
            }
            DisclosureStatus::Consulting { due_at_latest, .. } => Some(*due_at_latest),
            DisclosureStatus::AwaitingSupplement { .. } | DisclosureStatus::Withdrawn { .. } => {
                None
            }
        }
    }
}

/// Why an event was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DisclosureError {
    /// The 补正 notice came later than 7 working days after receipt (Art. 30).
    #[error("supplement notice {working_days} working days after receipt (at most 7)")]
    SupplementNoticeTooLate {
        /// Working days after receipt.
        working_days: i64,
    },
    /// Art. 30 allows one notice (一次性告知).
    #[error("only one supplement notice is allowed")]
    SecondSupplementNotice,
    /// Art. 33 allows one extension.
    #[error("only one extension is allowed")]
    SecondExtension,
    /// An extension of 0 or more than 20 working days.
    #[error("an extension is 1 to 20 working days, not {working_days}")]
    ExtensionTooLong {
        /// What was asked.
        working_days: u32,
    },
    /// An extension decided after the limit had run out.
    #[error("the extension comes after the due date {due}")]
    ExtensionAfterDeadline {
        /// The due date it missed.
        due: NaiveDate,
    },
    /// An event dated before the receipt or the previous event.
    #[error("{date} is before the previous event")]
    OutOfOrder {
        /// The event's date.
        date: NaiveDate,
    },
    /// The event doesn't fit the request's state (e.g. a supplement nobody asked for).
    #[error("{event} is not possible while {state}")]
    NotAllowed {
        /// String-table key of the event.
        event: &'static str,
        /// String-table key of the state.
        state: &'static str,
    },
    /// A deemed withdrawal recorded before the time given to supplement has passed.
    #[error("the applicant has until {reply_by} to supplement")]
    SupplementNotYetDue {
        /// The last day the notice gave.
        reply_by: NaiveDate,
    },
    /// A date computation failed.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl Localized for DisclosureError {
    fn code(&self) -> &'static str {
        match self {
            DisclosureError::SupplementNoticeTooLate { .. } => "disclosure.error.supplement_late",
            DisclosureError::SecondSupplementNotice => "disclosure.error.second_supplement",
            DisclosureError::SecondExtension => "disclosure.error.second_extension",
            DisclosureError::ExtensionTooLong { .. } => "disclosure.error.extension_too_long",
            DisclosureError::ExtensionAfterDeadline { .. } => "disclosure.error.extension_late",
            DisclosureError::OutOfOrder { .. } => "disclosure.error.out_of_order",
            DisclosureError::NotAllowed { .. } => "disclosure.error.not_allowed",
            DisclosureError::SupplementNotYetDue { .. } => "disclosure.error.supplement_not_due",
            DisclosureError::Calendar(inner) => inner.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        let key = self.code();
        match self {
            DisclosureError::SupplementNoticeTooLate { working_days } => {
                tr_args(lang, key, &[("working_days", &working_days.to_string())])
            }
            DisclosureError::ExtensionTooLong { working_days } => {
                tr_args(lang, key, &[("working_days", &working_days.to_string())])
            }
            DisclosureError::ExtensionAfterDeadline { due } => {
                tr_args(lang, key, &[("due", &due.to_string())])
            }
            DisclosureError::OutOfOrder { date } => {
                tr_args(lang, key, &[("date", &date.to_string())])
            }
            DisclosureError::SupplementNotYetDue { reply_by } => {
                tr_args(lang, key, &[("reply_by", &reply_by.to_string())])
            }
            DisclosureError::NotAllowed { event, state } => tr_args(
                lang,
                key,
                &[("event", tr(lang, event)), ("state", tr(lang, state))],
            ),
            DisclosureError::Calendar(inner) => inner.message(lang),
            DisclosureError::SecondSupplementNotice | DisclosureError::SecondExtension => {
                tr(lang, key).to_owned()
            }
        }
    }
}

/// How far a running clock has gone on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The last day to answer.
    pub due: NaiveDate,
    /// The working days of the limit (20, or more after the extension).
    pub limit: u32,
    /// Working days used (at most `limit`).
    pub used: u32,
    /// Working days left: 0 on the due date, negative (the days overdue) after it.
    pub left: i64,
}

/// A disclosure request: its receipt and what happened since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureRequest {
    receipt: Receipt,
    events: Vec<DisclosureEvent>,
}

/// Where the replay stands (internal).
#[derive(Debug, Clone, Copy)]
enum Phase {
    Running,
    AwaitingSupplement {
        since: NaiveDate,
    },
    Consulting {
        since: NaiveDate,
    },
    Answered {
        on: NaiveDate,
        reply: ReplyKind,
        due: NaiveDate,
    },
    Withdrawn {
        on: NaiveDate,
        deemed: bool,
    },
}

/// The replay of a request's events.
struct Replay<'c> {
    calendar: &'c Calendar,
    receipt: NaiveDate,
    phase: Phase,
    /// Periods already counted, `(from, to]`.
    counted: Vec<(NaiveDate, NaiveDate)>,
    /// Start of the running period.
    running_from: NaiveDate,
    limit: u32,
    extended: bool,
    supplement_requested: bool,
    last_date: NaiveDate,
}

impl<'c> Replay<'c> {
    fn new(calendar: &'c Calendar, receipt: Receipt) -> Self {
        Replay {
            calendar,
            receipt: receipt.date,
            phase: Phase::Running,
            counted: Vec::new(),
            running_from: receipt.date,
            limit: ANSWER_WORKING_DAYS,
            extended: false,
            supplement_requested: false,
            last_date: receipt.date,
        }
    }

    fn state_key(&self) -> &'static str {
        match self.phase {
            Phase::Running => "disclosure.state.running",
            Phase::AwaitingSupplement { .. } => "disclosure.state.awaiting_supplement",
            Phase::Consulting { .. } => "disclosure.state.consulting",
            Phase::Answered { .. } => "disclosure.state.answered",
            Phase::Withdrawn { .. } => "disclosure.state.withdrawn",
        }
    }

    /// The last day of the third party's time for a consultation sent on `since`.
    fn third_party_reply_by(&self, since: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.calendar
            .add_working_days(since, THIRD_PARTY_WORKING_DAYS)
    }

    /// The due date if the clock restarted on `restart` (or runs from its running period).
    fn due_if_running_from(&self, restart: NaiveDate) -> Result<NaiveDate, CalendarError> {
        match self
            .calendar
            .count_down(&self.counted, Some(restart), self.limit)?
        {
            Countdown::Due(due) => Ok(due),
            // Unreachable with an open period; answer conservatively with the restart day.
            Countdown::Stopped { .. } => Ok(restart),
        }
    }

    /// The due date now: running, or consulting with the full consultation time.
    fn current_due(&self) -> Result<Option<NaiveDate>, CalendarError> {
        match self.phase {
            Phase::Running => self.due_if_running_from(self.running_from).map(Some),
            Phase::Consulting { since } => self
                .due_if_running_from(self.third_party_reply_by(since)?)
                .map(Some),
            Phase::Answered { due, .. } => Ok(Some(due)),
            Phase::AwaitingSupplement { .. } | Phase::Withdrawn { .. } => Ok(None),
        }
    }

    fn step(&mut self, event: &DisclosureEvent) -> Result<(), DisclosureError> {
        let on = event.date();
        if on < self.last_date {
            return Err(DisclosureError::OutOfOrder { date: on });
        }
        let not_allowed = DisclosureError::NotAllowed {
            event: event.key(),
            state: self.state_key(),
        };
        self.phase = match (self.phase, event) {
            (Phase::Answered { .. } | Phase::Withdrawn { .. }, _) => return Err(not_allowed),
            (_, DisclosureEvent::Withdrawn { on }) => Phase::Withdrawn {
                on: *on,
                deemed: false,
            },
            (Phase::Running, DisclosureEvent::SupplementRequested { on }) => {
                if self.supplement_requested {
                    return Err(DisclosureError::SecondSupplementNotice);
                }
                let working_days = self.calendar.working_days_between(self.receipt, *on);
                if working_days > i64::from(SUPPLEMENT_NOTICE_WORKING_DAYS) {
                    return Err(DisclosureError::SupplementNoticeTooLate { working_days });
                }
                self.supplement_requested = true;
                Phase::AwaitingSupplement { since: *on }
            }
            (Phase::AwaitingSupplement { .. }, DisclosureEvent::SupplementReceived { on }) => {
                // Art. 30: the limit counts from the receipt of the supplement, afresh.
                self.counted.clear();
                self.running_from = *on;
                Phase::Running
            }
            (Phase::AwaitingSupplement { .. }, DisclosureEvent::SupplementNotProvided { on }) => {
                Phase::Withdrawn {
                    on: *on,
                    deemed: true,
                }
            }
            (Phase::Running, DisclosureEvent::ConsultationStarted { on }) => {
                self.counted.push((self.running_from, *on));
                Phase::Consulting { since: *on }
            }
            (Phase::Consulting { since }, DisclosureEvent::ConsultationEnded { on }) => {
                self.running_from = (*on).min(self.third_party_reply_by(since)?);
                Phase::Running
            }
            (
                Phase::Running | Phase::Consulting { .. },
                DisclosureEvent::Extended { on, working_days },
            ) => {
                if self.extended {
                    return Err(DisclosureError::SecondExtension);
                }
                if *working_days == 0 || *working_days > MAX_EXTENSION_WORKING_DAYS {
                    return Err(DisclosureError::ExtensionTooLong {
                        working_days: *working_days,
                    });
                }
                if let Some(due) = self.current_due()?
                    && *on > due
                {
                    return Err(DisclosureError::ExtensionAfterDeadline { due });
                }
                self.extended = true;
                self.limit += working_days;
                self.phase
            }
            (Phase::Running, DisclosureEvent::Answered { on, reply }) => Phase::Answered {
                on: *on,
                reply: reply.kind(),
                due: self.due_if_running_from(self.running_from)?,
            },
            (Phase::Consulting { since }, DisclosureEvent::Answered { on, reply }) => {
                // Answering ends the consultation.
                let restart = (*on).min(self.third_party_reply_by(since)?);
                Phase::Answered {
                    on: *on,
                    reply: reply.kind(),
                    due: self.due_if_running_from(restart)?,
                }
            }
            _ => return Err(not_allowed),
        };
        self.last_date = on;
        Ok(())
    }

    fn status(&self) -> Result<DisclosureStatus, DisclosureError> {
        Ok(match self.phase {
            Phase::Running => DisclosureStatus::Running {
                due: self.due_if_running_from(self.running_from)?,
                extended: self.extended,
            },
            Phase::AwaitingSupplement { since } => DisclosureStatus::AwaitingSupplement { since },
            Phase::Consulting { since } => {
                let third_party_reply_by = self.third_party_reply_by(since)?;
                DisclosureStatus::Consulting {
                    since,
                    third_party_reply_by,
                    due_at_latest: self.due_if_running_from(third_party_reply_by)?,
                }
            }
            Phase::Answered { on, reply, due } => DisclosureStatus::Answered {
                on,
                reply,
                due,
                on_time: on <= due,
            },
            Phase::Withdrawn { on, deemed } => DisclosureStatus::Withdrawn { on, deemed },
        })
    }
}

impl DisclosureRequest {
    /// A request received as `receipt` says, nothing happened yet.
    pub fn new(receipt: Receipt) -> DisclosureRequest {
        DisclosureRequest {
            receipt,
            events: Vec::new(),
        }
    }

    /// A stored request, checked event by event.
    pub fn from_events(
        calendar: &Calendar,
        receipt: Receipt,
        events: Vec<DisclosureEvent>,
    ) -> Result<DisclosureRequest, DisclosureError> {
        let request = DisclosureRequest { receipt, events };
        request.status(calendar)?;
        Ok(request)
    }

    /// The receipt.
    pub fn receipt(&self) -> Receipt {
        self.receipt
    }

    /// The events, oldest first.
    pub fn events(&self) -> &[DisclosureEvent] {
        &self.events
    }

    /// The last day on which the 补正 notice may be issued (Art. 30).
    pub fn supplement_notice_deadline(
        &self,
        calendar: &Calendar,
    ) -> Result<NaiveDate, CalendarError> {
        calendar.add_working_days(self.receipt.date, SUPPLEMENT_NOTICE_WORKING_DAYS)
    }

    /// Where the request stands after all its events.
    pub fn status(&self, calendar: &Calendar) -> Result<DisclosureStatus, DisclosureError> {
        let mut replay = Replay::new(calendar, self.receipt);
        for event in &self.events {
            replay.step(event)?;
        }
        replay.status()
    }

    /// The due date now, if one is known (see [`DisclosureStatus::due`]).
    pub fn due_date(&self, calendar: &Calendar) -> Result<Option<NaiveDate>, DisclosureError> {
        Ok(self.status(calendar)?.due())
    }

    /// Whether the due date was counted over a year whose holidays are not published yet, so
    /// that it may move when they are ([`Calendar::is_provisional_between`]).
    pub fn is_provisional(&self, calendar: &Calendar) -> Result<bool, DisclosureError> {
        Ok(self
            .due_date(calendar)?
            .is_some_and(|due| calendar.is_provisional_between(self.receipt.date, due)))
    }

    /// The working days of the limit: 20, plus the extension if one was decided.
    pub fn limit(&self) -> u32 {
        ANSWER_WORKING_DAYS
            + self
                .events
                .iter()
                .map(|e| match e {
                    DisclosureEvent::Extended { working_days, .. } => *working_days,
                    _ => 0,
                })
                .sum::<u32>()
    }

    /// How far the clock has run on `today`, while it runs (see [`Progress`]).
    pub fn progress(
        &self,
        calendar: &Calendar,
        today: NaiveDate,
    ) -> Result<Option<Progress>, DisclosureError> {
        let DisclosureStatus::Running { due, .. } = self.status(calendar)? else {
            return Ok(None);
        };
        let limit = self.limit();
        let left = calendar.working_days_between(today, due);
        let used = (i64::from(limit) - left.max(0)).clamp(0, i64::from(limit));
        Ok(Some(Progress {
            due,
            limit,
            used: u32::try_from(used).unwrap_or(limit),
            left,
        }))
    }

    /// Checks that a deemed withdrawal may be recorded on `today`: the time the 补正 notice gave
    /// (`reply_by`) has passed.
    pub fn check_deemed_withdrawal(
        reply_by: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), DisclosureError> {
        if today <= reply_by {
            return Err(DisclosureError::SupplementNotYetDue { reply_by });
        }
        Ok(())
    }

    /// What the annual report counts of this request ([`annual_report::AnnualTable`]): the
    /// receipt date and the outcome, if any. A withdrawal for lack of a supplement is 其他处理
    /// 1; one the applicant asked for, 其他处理 3.
    pub fn facts(&self, applicant: ApplicantCategory) -> RequestFacts {
        let outcome = self.events.iter().rev().find_map(|event| match event {
            DisclosureEvent::Answered { on, reply } => Some((*on, reply.outcome())),
            DisclosureEvent::SupplementNotProvided { on } => {
                Some((*on, Outcome::Other(OtherReason::NoSupplement)))
            }
            DisclosureEvent::Withdrawn { on } => Some((*on, Outcome::Other(OtherReason::Other))),
            _ => None,
        });
        RequestFacts {
            applicant,
            received_on: self.receipt.date,
            outcome,
        }
    }

    /// Adds an event if the rules allow it; on error nothing changes.
    pub fn record(
        &mut self,
        calendar: &Calendar,
        event: DisclosureEvent,
    ) -> Result<DisclosureStatus, DisclosureError> {
        self.events.push(event);
        match self.status(calendar) {
            Ok(status) => Ok(status),
            Err(error) => {
                self.events.pop();
                Err(error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn calendar() -> Calendar {
        Calendar::embedded()
    }

    #[test]
    fn twenty_working_days_from_receipt() {
        let calendar = calendar();
        // Received Monday 2026-03-02 in person: due 2026-03-30.
        let request = DisclosureRequest::new(Receipt::in_person(date("2026-03-02")));
        assert_eq!(request.due_date(&calendar), Ok(Some(date("2026-03-30"))));
        // Signed for on Friday 2026-09-18 (post): National Day and Mid-Autumn in between.
        // 20(Sun, make-up), 21-24, 28-30 = 8; 10-08, 09, 10(Sat) = 11; 12-16 = 16; 19-22 = 20.
        let request = DisclosureRequest::new(Receipt::by_post(date("2026-09-18")));
        assert_eq!(request.due_date(&calendar), Ok(Some(date("2026-10-22"))));
        // Confirmed online on the first day of the 2026 Spring Festival break (Sunday 02-15):
        // 24-27 = 4, 28(Sat, make-up) = 5, 03-02..06 = 10, 09-13 = 15, 16-20 = 20.
        let request = DisclosureRequest::new(Receipt::online(date("2026-02-15")));
        assert_eq!(request.due_date(&calendar), Ok(Some(date("2026-03-20"))));
    }

    #[test]
    fn one_extension_of_at_most_twenty_days() {
        let calendar = calendar();
        let mut request = DisclosureRequest::new(Receipt::in_person(date("2026-03-02")));
        assert_eq!(
            request.record(
                &calendar,
                DisclosureEvent::Extended {
                    on: date("2026-03-20"),
                    working_days: 21
                }
            ),
            Err(DisclosureError::ExtensionTooLong { working_days: 21 })
        );
        assert_eq!(
            request.record(
                &calendar,
                DisclosureEvent::Extended {
                    on: date("2026-03-31"),
                    working_days: 20
                }
            ),
            Err(DisclosureError::ExtensionAfterDeadline {
                due: date("2026-03-30")
            })
        );
        // Decided on the due date itself: allowed. 20 more after 03-30: 31, 04-01..03 = 4;
        // 04-06 清明; 07-10 = 8; 13-17 = 13; 20-24 = 18; 27, 28 = 20 → 2026-04-28.
        assert_eq!(
            request.record(
                &calendar,
                DisclosureEvent::Extended {
                    on: date("2026-03-30"),
                    working_days: 20
                }
            ),
            Ok(DisclosureStatus::Running {
                due: date("2026-04-28"),
                extended: true
            })
        );
        assert_eq!(
            request.record(
                &calendar,
                DisclosureEvent::Extended {
                    on: date("2026-04-01"),
                    working_days: 5
                }
            ),
            Err(DisclosureError::SecondExtension)
        );
        assert_eq!(request.events().len(), 1, "refused events are not kept");
        let status = request
            .record(
                &calendar,
                DisclosureEvent::Answered {
                    on: date("2026-04-20"),
                    reply: Reply::Disclosed,
                },
            )
            .unwrap();
        assert_eq!(
            status,
            DisclosureStatus::Answered {
                on: date("2026-04-20"),
                reply: ReplyKind::Disclosed,
                due: date("2026-04-28"),
                on_time: true
            }
        );
        assert!(status.is_final());
    }

    #[test]
    fn supplement_notice_within_seven_days_restarts_the_clock() {
        let calendar = calendar();
        let receipt = Receipt::in_person(date("2026-03-02"));
        let request = DisclosureRequest::new(receipt);
        // 7 working days after Monday 03-02: Wednesday 03-11.
        assert_eq!(
            request.supplement_notice_deadline(&calendar),
            Ok(date("2026-03-11"))
        );

        let late = DisclosureRequest::from_events(
            &calendar,
            receipt,
            vec![DisclosureEvent::SupplementRequested {
                on: date("2026-03-12"),
            }],
        );
        assert_eq!(
            late,
            Err(DisclosureError::SupplementNoticeTooLate { working_days: 8 })
        );

        let mut request = DisclosureRequest::new(receipt);
        assert_eq!(
            request.record(
                &calendar,
                DisclosureEvent::SupplementRequested {
                    on: date("2026-03-11")
                }
            ),
            Ok(DisclosureStatus::AwaitingSupplement {
                since: date("2026-03-11")
            })
        );
        assert_eq!(request.due_date(&calendar), Ok(None));
        // Supplement received Friday 03-20: 20 working days afresh, 04-06 (清明) skipped.
        let status = request
            .record(
                &calendar,
                DisclosureEvent::SupplementReceived {
                    on: date("2026-03-20"),
                },
            )
            .unwrap();
        // 23-27 = 5; 30, 31, 04-01..03 = 10; 07-10 = 14; 13-17 = 19; 20 = 20.
        assert_eq!(
            status,
            DisclosureStatus::Running {
                due: date("2026-04-20"),
                extended: false
            }
        );
        // Only one notice.
        assert_eq!(
            request.record(
                &calendar,
                DisclosureEvent::SupplementRequested {
                    on: date("2026-03-23")
                }
            ),
            Err(DisclosureError::SecondSupplementNotice)
        );
    }

    #[test]
    fn no_supplement_counts_as_withdrawal() {
        let calendar = calendar();
        let request = DisclosureRequest::from_events(
            &calendar,
            Receipt::online(date("2026-03-02")),
            vec![
                DisclosureEvent::SupplementRequested {
                    on: date("2026-03-03"),
                },
                DisclosureEvent::SupplementNotProvided {
                    on: date("2026-04-10"),
                },
            ],
        )
        .unwrap();
        assert_eq!(
            request.status(&calendar),
            Ok(DisclosureStatus::Withdrawn {
                on: date("2026-04-10"),
                deemed: true
            })
        );
    }

    #[test]
    fn third_party_time_is_not_counted() {
        let calendar = calendar();
        let mut request = DisclosureRequest::new(Receipt::in_person(date("2026-03-02")));
        // Consultation sent Friday 03-06 (4 working days used), the third party has until
        // 03-27 (15 working days: 9-13, 16-20, 23-27).
        let status = request
            .record(
                &calendar,
                DisclosureEvent::ConsultationStarted {
                    on: date("2026-03-06"),
                },
            )
            .unwrap();
        // If it lasts its full time: 16 days left from 03-27 → 30, 31, 04-01..03 = 5; 7-10 = 9;
        // 13-17 = 14; 20, 21 = 16 → 2026-04-21.
        assert_eq!(
            status,
            DisclosureStatus::Consulting {
                since: date("2026-03-06"),
                third_party_reply_by: date("2026-03-27"),
                due_at_latest: date("2026-04-21"),
            }
        );
        // The third party answers on Wednesday 03-11: 16 days from 03-11 → 04-02.
        let status = request
            .record(
                &calendar,
                DisclosureEvent::ConsultationEnded {
                    on: date("2026-03-11"),
                },
            )
            .unwrap();
        assert_eq!(
            status,
            DisclosureStatus::Running {
                due: date("2026-04-02"),
                extended: false
            }
        );
    }

    #[test]
    fn a_late_third_party_reply_does_not_stop_the_clock_longer() {
        let calendar = calendar();
        let request = DisclosureRequest::from_events(
            &calendar,
            Receipt::in_person(date("2026-03-02")),
            vec![
                DisclosureEvent::ConsultationStarted {
                    on: date("2026-03-06"),
                },
                DisclosureEvent::ConsultationEnded {
                    on: date("2026-04-15"),
                },
            ],
        )
        .unwrap();
        assert_eq!(request.due_date(&calendar), Ok(Some(date("2026-04-21"))));
    }

    #[test]
    fn events_out_of_place_are_refused() {
        let calendar = calendar();
        let receipt = Receipt::in_person(date("2026-03-02"));
        let refuse = |events: Vec<DisclosureEvent>| {
            DisclosureRequest::from_events(&calendar, receipt, events)
        };
        assert_eq!(
            refuse(vec![DisclosureEvent::SupplementReceived {
                on: date("2026-03-03")
            }]),
            Err(DisclosureError::NotAllowed {
                event: "disclosure.event.supplement_received",
                state: "disclosure.state.running"
            })
        );
        assert_eq!(
            refuse(vec![DisclosureEvent::Withdrawn {
                on: date("2026-03-01")
            }]),
            Err(DisclosureError::OutOfOrder {
                date: date("2026-03-01")
            })
        );
        assert_eq!(
            refuse(vec![
                DisclosureEvent::Answered {
                    on: date("2026-03-05"),
                    reply: Reply::NotHandled {
                        reason: NotHandledReason::Repeated
                    }
                },
                DisclosureEvent::Withdrawn {
                    on: date("2026-03-06")
                },
            ]),
            Err(DisclosureError::NotAllowed {
                event: "disclosure.event.withdrawn",
                state: "disclosure.state.answered"
            })
        );
        let message = DisclosureError::NotAllowed {
            event: "disclosure.event.supplement_received",
            state: "disclosure.state.running",
        }
        .message(Lang::Zh);
        assert!(!message.contains("disclosure."), "{message}");
    }

    #[test]
    fn a_reply_due_in_an_unpublished_year_is_provisional() {
        let calendar = calendar();
        let late = DisclosureRequest::new(Receipt::online(date("2026-12-15")));
        // 20 working days from 2026-12-15 end in January 2027, with 元旦 counted provisionally.
        assert_eq!(late.due_date(&calendar), Ok(Some(date("2027-01-13"))));
        assert_eq!(late.is_provisional(&calendar), Ok(true));
        let early = DisclosureRequest::new(Receipt::online(date("2026-03-02")));
        assert_eq!(early.is_provisional(&calendar), Ok(false));
    }

    #[test]
    fn late_answer_is_marked() {
        let calendar = calendar();
        let request = DisclosureRequest::from_events(
            &calendar,
            Receipt::in_person(date("2026-03-02")),
            vec![DisclosureEvent::Answered {
                on: date("2026-03-31"),
                reply: Reply::NotHeld {
                    right_agency: Some("县自然资源局".into()),
                },
            }],
        )
        .unwrap();
        assert!(matches!(
            request.status(&calendar),
            Ok(DisclosureStatus::Answered {
                on_time: false,
                reply: ReplyKind::NotHeld,
                ..
            })
        ));
    }

    #[test]
    fn replies_of_article_36_have_labels_and_serialise() {
        let replies = [
            Reply::Disclosed,
            Reply::PartlyDisclosed {
                reason: WithheldReason::ThirdPartyRights,
                basis: "《政府信息公开条例》第十五条".into(),
            },
            Reply::Withheld {
                reason: WithheldReason::ThirdPartyRights,
                basis: "《政府信息公开条例》第十五条".into(),
            },
            Reply::CannotProvide {
                reason: CannotProvideReason::WouldNeedCreating,
            },
            Reply::NotHandled {
                reason: NotHandledReason::Publication,
            },
            Reply::AlreadyPublic {
                location: "县政府门户网站政府信息公开专栏".into(),
            },
            Reply::NotHeld { right_agency: None },
        ];
        assert_eq!(replies[5].outcome(), Outcome::Disclosed);
        assert_eq!(
            replies[6].outcome(),
            Outcome::CannotProvide(CannotProvideReason::NotHeld)
        );
        let mut codes = std::collections::BTreeSet::new();
        for reply in &replies {
            assert!(codes.insert(reply.kind().code()));
            for lang in Lang::ALL {
                assert!(!reply.label(lang).starts_with("disclosure."), "{reply:?}");
            }
            let json = serde_json::to_string(reply).unwrap();
            assert_eq!(&serde_json::from_str::<Reply>(&json).unwrap(), reply);
        }
        assert_eq!(ReplyKind::AlreadyPublic.label(Lang::Zh), "告知：已主动公开");
        assert_eq!(
            serde_json::to_value(&replies[2]).unwrap()["kind"],
            serde_json::json!("withheld")
        );
    }

    #[test]
    fn every_key_used_exists() {
        let events = [
            DisclosureEvent::SupplementRequested {
                on: date("2026-03-02"),
            },
            DisclosureEvent::SupplementReceived {
                on: date("2026-03-02"),
            },
            DisclosureEvent::SupplementNotProvided {
                on: date("2026-03-02"),
            },
            DisclosureEvent::ConsultationStarted {
                on: date("2026-03-02"),
            },
            DisclosureEvent::ConsultationEnded {
                on: date("2026-03-02"),
            },
            DisclosureEvent::Extended {
                on: date("2026-03-02"),
                working_days: 1,
            },
            DisclosureEvent::Answered {
                on: date("2026-03-02"),
                reply: Reply::Disclosed,
            },
            DisclosureEvent::Withdrawn {
                on: date("2026-03-02"),
            },
        ];
        for event in events {
            assert!(
                crate::i18n::lookup(Lang::En, event.key()).is_some(),
                "{}",
                event.key()
            );
        }
        for channel in [
            Channel::InPerson,
            Channel::Post,
            Channel::Online,
            Channel::Fax,
        ] {
            assert!(!channel.label(Lang::En).starts_with("disclosure."));
        }
        let d = date("2026-03-02");
        let statuses = [
            DisclosureStatus::Running {
                due: d,
                extended: false,
            },
            DisclosureStatus::AwaitingSupplement { since: d },
            DisclosureStatus::Consulting {
                since: d,
                third_party_reply_by: d,
                due_at_latest: d,
            },
            DisclosureStatus::Answered {
                on: d,
                reply: ReplyKind::Disclosed,
                due: d,
                on_time: true,
            },
            DisclosureStatus::Withdrawn {
                on: d,
                deemed: false,
            },
        ];
        for status in statuses {
            assert!(
                !status.label(Lang::Zh).starts_with("disclosure."),
                "{status:?}"
            );
        }
        let errors: Vec<DisclosureError> = vec![
            DisclosureError::SupplementNoticeTooLate { working_days: 8 },
            DisclosureError::SecondSupplementNotice,
            DisclosureError::SecondExtension,
            DisclosureError::ExtensionTooLong { working_days: 21 },
            DisclosureError::ExtensionAfterDeadline { due: d },
            DisclosureError::OutOfOrder { date: d },
        ];
        for error in errors {
            for lang in Lang::ALL {
                assert!(
                    crate::i18n::lookup(lang, error.code()).is_some(),
                    "{}",
                    error.code()
                );
                assert!(!error.message(lang).contains('{'));
            }
        }
    }

    #[test]
    fn an_online_request_after_hours_or_on_a_day_off_counts_from_the_next_working_day() {
        let calendar = calendar();
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        // Wednesday before closing: that day.
        let receipt = Receipt::online_at(&calendar, at("2026-03-04 17:29")).unwrap();
        assert_eq!(receipt.date, date("2026-03-04"));
        assert_eq!(receipt.channel, Channel::Online);
        // At closing time or later: Thursday.
        let receipt = Receipt::online_at(&calendar, at("2026-03-04 17:30")).unwrap();
        assert_eq!(receipt.date, date("2026-03-05"));
        // Saturday: Monday. National Day: the first working day after the break.
        let receipt = Receipt::online_at(&calendar, at("2026-03-07 09:00")).unwrap();
        assert_eq!(receipt.date, date("2026-03-09"));
        let receipt = Receipt::online_at(&calendar, at("2026-10-03 10:00")).unwrap();
        assert!(receipt.date > date("2026-10-07"));
        assert!(calendar.is_working_day(receipt.date));
    }

    #[test]
    fn progress_counts_the_days_used_and_left_and_past_the_due_date() {
        let calendar = calendar();
        let mut request = DisclosureRequest::new(Receipt::online(date("2026-03-02")));
        let first = request
            .progress(&calendar, date("2026-03-02"))
            .unwrap()
            .unwrap();
        assert_eq!((first.limit, first.used, first.left), (20, 0, 20));
        let due = first.due;
        let on_due = request.progress(&calendar, due).unwrap().unwrap();
        assert_eq!((on_due.used, on_due.left), (20, 0));
        let after = calendar.add_working_days(due, 3).unwrap();
        let late = request.progress(&calendar, after).unwrap().unwrap();
        assert_eq!((late.used, late.left), (20, -3));
        request
            .record(
                &calendar,
                DisclosureEvent::Extended {
                    on: date("2026-03-10"),
                    working_days: 10,
                },
            )
            .unwrap();
        let extended = request
            .progress(&calendar, date("2026-03-10"))
            .unwrap()
            .unwrap();
        assert_eq!(extended.limit, 30);
        assert_eq!(extended.used, 6);
        // Not running: no progress.
        request
            .record(
                &calendar,
                DisclosureEvent::ConsultationStarted {
                    on: date("2026-03-11"),
                },
            )
            .unwrap();
        assert_eq!(
            request.progress(&calendar, date("2026-03-12")).unwrap(),
            None
        );
    }

    #[test]
    fn a_deemed_withdrawal_waits_for_the_time_given_to_supplement() {
        let reply_by = date("2026-03-20");
        assert_eq!(
            DisclosureRequest::check_deemed_withdrawal(reply_by, reply_by),
            Err(DisclosureError::SupplementNotYetDue { reply_by })
        );
        assert!(DisclosureRequest::check_deemed_withdrawal(reply_by, date("2026-03-21")).is_ok());
    }

    #[test]
    fn facts_give_the_annual_table_its_outcome_or_none() {
        use annual_report::{AnnualTable, Row};
        let calendar = calendar();
        let receipt = Receipt::online(date("2026-03-02"));
        let open = DisclosureRequest::new(receipt);
        let mut answered = DisclosureRequest::new(receipt);
        answered
            .record(
                &calendar,
                DisclosureEvent::Answered {
                    on: date("2026-03-20"),
                    reply: Reply::NotHeld { right_agency: None },
                },
            )
            .unwrap();
        let mut deemed = DisclosureRequest::new(receipt);
        for event in [
            DisclosureEvent::SupplementRequested {
                on: date("2026-03-04"),
            },
            DisclosureEvent::SupplementNotProvided {
                on: date("2026-04-01"),
            },
        ] {
            deemed.record(&calendar, event).unwrap();
        }
        let person = ApplicantCategory::from_form("natural_person", Some("research"));
        let research = ApplicantCategory::from_form("organisation", Some("research"));
        assert_eq!(person, ApplicantCategory::NaturalPerson);
        assert_eq!(
            ApplicantCategory::from_form("organisation", Some("?")),
            ApplicantCategory::OtherOrganisation
        );
        let facts = [
            open.facts(person),
            answered.facts(research),
            deemed.facts(person),
        ];
        assert_eq!(facts[0].outcome, None);
        let table = AnnualTable::compute(2026, &facts);
        assert_eq!(table.get(Row::NewThisYear, 6), 3);
        assert_eq!(
            table.get(
                Row::Outcome(Outcome::CannotProvide(CannotProvideReason::NotHeld)),
                2
            ),
            1
        );
        assert_eq!(
            table.get(Row::Outcome(Outcome::Other(OtherReason::NoSupplement)), 0),
            1
        );
        assert_eq!(table.get(Row::CarriedToNextYear, 0), 1);
    }
}
