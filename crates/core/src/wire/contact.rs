//! 咨询 and 预约's answers (`docs/contact-api.md`): the free slots of a department
//! (`GET /api/bookings/slots`: [`Slots`]), a booking as its maker sees it (`POST /api/bookings`,
//! its lookup and cancellation: a [`Booking`]), a question as its asker sees it
//! (`POST /api/consultations` and its lookup: a [`Consultation`]), and the front desk's:
//! its questions ([`DeskConsultations`], one of them a [`DeskConsultation`]), its day of
//! bookings ([`DeskDay`], a marked one a [`DeskBooking`]) and the settings
//! ([`ContactSettings`]). The slots of a refusal's body (`nearest`, `open_bookings`) are
//! [`Slot`]s.
//!
//! The contact bundle keeps a booking's and a question's answer in IndexedDB (the `contact`
//! store, with what a later lookup learnt): the fields it never read then are `default`, so
//! that an answer kept before still reads. Dates and times are text: the apps show them as sent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::cases::Named;

/// A slot named in a refusal's body: `nearest` (with the places `left`) and `open_bookings`
/// (without).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// The places left (the nearest free slots only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<u32>,
}

/// One slot of a day in the free slots list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotPlaces {
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// The places it has.
    pub capacity: u32,
    /// The places left.
    pub left: u32,
    /// It can be booked now (places left, not started, within the hours).
    pub bookable: bool,
}

/// One working day of the free slots list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotsDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// 1 (Monday) to 7.
    pub weekday: u32,
    /// The day's year has no published holidays yet: the day may turn out to be a holiday.
    pub provisional: bool,
    /// Its slots, in time order.
    pub slots: Vec<SlotPlaces>,
}

/// `GET /api/bookings/slots`: a department's working days from `from`, with their slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slots {
    /// The department.
    pub department: Named,
    /// The first day asked for (`YYYY-MM-DD`).
    pub from: String,
    /// The calendar days covered.
    pub days: u32,
    /// When the server answered (UTC).
    pub as_of: String,
    /// The working days among them.
    pub dates: Vec<SlotsDay>,
}

/// A booking as the person who made it sees it: the answer to the booking (`201`, or a
/// replay), to its lookup and to its cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    /// 预约编号, e.g. `YY20261207-0001`.
    pub booking_no: String,
    /// The query code: in the answer to the booking and its replays within the replay window,
    /// `null` otherwise.
    #[serde(default)]
    pub query_code: Option<String>,
    /// The department visited.
    pub department: Named,
    /// The item named, if any.
    #[serde(default)]
    pub item: Option<Named>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// `booked`, `cancelled`, `arrived` or `no_show`.
    pub status: String,
    /// The status in words.
    #[serde(default)]
    pub status_label: String,
    /// When it was made (UTC).
    #[serde(default)]
    pub created_at: String,
    /// When it was cancelled.
    #[serde(default)]
    pub cancelled_at: Option<String>,
    /// It may still be cancelled (booked, not started). Answers kept before it was sent leave
    /// the decision to `status`: `true` when absent.
    #[serde(default = "yes")]
    pub can_cancel: bool,
}

fn yes() -> bool {
    true
}

/// A question as its asker sees it: the answer to the question (`201`, or a replay) and to its
/// lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    /// 咨询编号, e.g. `ZX20261205-0001`.
    pub consultation_no: String,
    /// The query code: in the answer to the question and its replays within the replay
    /// window, `null` otherwise.
    #[serde(default)]
    pub query_code: Option<String>,
    /// The item asked about.
    pub item: Named,
    /// Its department.
    pub department: Named,
    /// The question.
    pub question: String,
    /// `open` or `answered`.
    pub status: String,
    /// The status in words.
    #[serde(default)]
    pub status_label: String,
    /// When it arrived (UTC).
    #[serde(default)]
    pub received_at: String,
    /// The day it counts as received (`YYYY-MM-DD`).
    #[serde(default)]
    pub counted_from: String,
    /// The last day to answer (`YYYY-MM-DD`).
    #[serde(default)]
    pub answer_due: String,
    /// `answer_due` was counted over a year whose holidays are not published yet.
    #[serde(default)]
    pub answer_due_provisional: bool,
    /// Answered after `answer_due`, or still open past it.
    #[serde(default)]
    pub late: bool,
    /// The answer, once given.
    #[serde(default)]
    pub answer: Option<String>,
    /// When it was answered (UTC).
    #[serde(default)]
    pub answered_at: Option<String>,
}

/// A question's texts as published as a 常见问题.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedFaq {
    /// The question, personal data removed.
    pub question: String,
    /// The answer, personal data removed.
    pub answer: String,
    /// When published (UTC).
    pub published_at: String,
}

/// A question as the front desk sees it: an entry of its list, and the answer to opening,
/// answering, publishing or withdrawing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskConsultation {
    /// 咨询编号.
    pub consultation_no: String,
    /// The item asked about.
    pub item: Named,
    /// Its department.
    pub department: Named,
    /// The question.
    pub question: String,
    /// The asker's name.
    pub name: String,
    /// The asker's phone.
    pub phone: String,
    /// The asker allowed publication.
    pub publish_allowed: bool,
    /// `open` or `answered`.
    pub status: String,
    /// The status in words.
    pub status_label: String,
    /// When it arrived (UTC).
    pub received_at: String,
    /// The day it counts as received (`YYYY-MM-DD`).
    pub counted_from: String,
    /// The last day to answer (`YYYY-MM-DD`).
    pub answer_due: String,
    /// `answer_due` was counted over a provisional year.
    pub answer_due_provisional: bool,
    /// Working days left to answer, while it runs.
    pub working_days_left: Option<i64>,
    /// Working days past `answer_due`, once late.
    pub working_days_overdue: Option<i64>,
    /// Answered late, or still open past `answer_due`.
    pub late: bool,
    /// The answer, once given.
    pub answer: Option<String>,
    /// When it was answered (UTC).
    pub answered_at: Option<String>,
    /// Who answered (display name).
    pub answered_by: Option<String>,
    /// The published texts, while published.
    pub faq: Option<PublishedFaq>,
}

/// `GET /api/staff/consultations`: a page of the desk's questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskConsultations {
    /// The page's questions.
    pub items: Vec<DeskConsultation>,
    /// How many the filter finds.
    pub total: u64,
    /// The page, 1-based.
    pub page: u64,
    /// Questions per page.
    pub per_page: u64,
    /// When the server answered (UTC).
    pub as_of: String,
}

/// A booking as the front desk sees it: an entry of its day, and the answer to marking it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskBooking {
    /// 预约编号.
    pub booking_no: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// The person's name.
    pub name: String,
    /// The ID number's last four characters.
    pub id_last4: String,
    /// The phone.
    pub phone: String,
    /// The item named, if any.
    pub item: Option<Named>,
    /// `booked`, `cancelled`, `arrived` or `no_show`.
    pub status: String,
    /// The status in words.
    pub status_label: String,
    /// When it was made (UTC).
    pub created_at: String,
    /// When the desk marked it.
    pub marked_at: Option<String>,
    /// It may be marked now (booked, started).
    pub can_mark: bool,
}

/// One slot of the desk's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskSlot {
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// The places it has.
    pub capacity: u32,
    /// The places booked.
    pub booked: u32,
}

/// `GET /api/staff/bookings`: a department's day of bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The department.
    pub department: Named,
    /// The day's year has no published holidays yet.
    pub provisional: bool,
    /// The day is a working day.
    pub working_day: bool,
    /// When the server answered (UTC).
    pub as_of: String,
    /// The day's slots, in time order.
    pub slots: Vec<DeskSlot>,
    /// The day's bookings.
    pub items: Vec<DeskBooking>,
}

/// A period of the opening hours (`HH:MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    /// Its start.
    pub from: String,
    /// Its end.
    pub to: String,
}

/// A department's places per slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    /// The department.
    pub department: Named,
    /// The places of every slot unless `slots` says otherwise.
    pub capacity: u32,
    /// The places of single slot times (`HH:MM`).
    pub slots: BTreeMap<String, u32>,
}

/// `GET /api/staff/contact-settings` and the answer to changing one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactSettings {
    /// The time limit to answer a question, in working days.
    pub answer_days: u32,
    /// The places of a slot no setting names.
    pub default_capacity: u32,
    /// The opening hours.
    pub opening_hours: Vec<Hours>,
    /// Every slot's start (`HH:MM`).
    pub slot_starts: Vec<String>,
    /// Each department's places.
    pub capacities: Vec<Capacity>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::same;
    use serde_json::json;

    fn named(code: &str, name: &str) -> Named {
        Named {
            code: code.into(),
            name: name.into(),
        }
    }

    #[test]
    fn a_refusals_slots_are_what_the_server_sent() {
        let mut slot = Slot {
            date: "2026-12-07".into(),
            start: "09:00".into(),
            end: "09:30".into(),
            left: None,
        };
        same(
            &slot,
            json!({"date": "2026-12-07", "start": "09:00", "end": "09:30"}),
        );
        slot.left = Some(2);
        same(
            &slot,
            json!({"date": "2026-12-07", "start": "09:00", "end": "09:30", "left": 2}),
        );
    }

    #[test]
    fn the_free_slots_are_what_the_server_sent() {
        let slots = Slots {
            department: named("JT", "县交通运输局"),
            from: "2026-12-07".into(),
            days: 7,
            as_of: "2026-12-04T01:00:00.000Z".into(),
            dates: vec![SlotsDay {
                date: "2026-12-07".into(),
                weekday: 1,
                provisional: false,
                slots: vec![SlotPlaces {
                    start: "09:00".into(),
                    end: "09:30".into(),
                    capacity: 3,
                    left: 2,
                    bookable: true,
                }],
            }],
        };
        same(
            &slots,
            json!({"department": {"code": "JT", "name": "县交通运输局"}, "from": "2026-12-07",
                   "days": 7, "as_of": "2026-12-04T01:00:00.000Z",
                   "dates": [{"date": "2026-12-07", "weekday": 1, "provisional": false,
                              "slots": [{"start": "09:00", "end": "09:30", "capacity": 3,
                                         "left": 2, "bookable": true}]}]}),
        );
    }

    fn booking() -> Booking {
        Booking {
            booking_no: "YY20261207-0001".into(),
            query_code: Some("ABCD-EFGH-JKMN".into()),
            department: named("JT", "县交通运输局"),
            item: Some(named("JT-001", "道路运输证")),
            date: "2026-12-07".into(),
            start: "09:00".into(),
            end: "09:30".into(),
            status: "booked".into(),
            status_label: "已预约".into(),
            created_at: "2026-12-04T01:00:00.000Z".into(),
            cancelled_at: None,
            can_cancel: true,
        }
    }

    #[test]
    fn a_booking_is_what_the_server_sent() {
        let mut booking = booking();
        same(
            &booking,
            json!({"booking_no": "YY20261207-0001", "query_code": "ABCD-EFGH-JKMN",
                   "department": {"code": "JT", "name": "县交通运输局"},
                   "item": {"code": "JT-001", "name": "道路运输证"},
                   "date": "2026-12-07", "start": "09:00", "end": "09:30",
                   "status": "booked", "status_label": "已预约",
                   "created_at": "2026-12-04T01:00:00.000Z", "cancelled_at": null,
                   "can_cancel": true}),
        );
        booking.query_code = None;
        booking.item = None;
        booking.status = "cancelled".into();
        booking.status_label = "已取消".into();
        booking.cancelled_at = Some("2026-12-05T01:00:00.000Z".into());
        booking.can_cancel = false;
        same(
            &booking,
            json!({"booking_no": "YY20261207-0001", "query_code": null,
                   "department": {"code": "JT", "name": "县交通运输局"}, "item": null,
                   "date": "2026-12-07", "start": "09:00", "end": "09:30",
                   "status": "cancelled", "status_label": "已取消",
                   "created_at": "2026-12-04T01:00:00.000Z",
                   "cancelled_at": "2026-12-05T01:00:00.000Z", "can_cancel": false}),
        );
    }

    fn consultation() -> Consultation {
        Consultation {
            consultation_no: "ZX20261205-0001".into(),
            query_code: Some("ABCD-EFGH-JKMN".into()),
            item: named("JT-001", "道路运输证"),
            department: named("JT", "县交通运输局"),
            question: "要带什么材料？".into(),
            status: "open".into(),
            status_label: "待答复".into(),
            received_at: "2026-12-05T01:00:00.000Z".into(),
            counted_from: "2026-12-07".into(),
            answer_due: "2026-12-11".into(),
            answer_due_provisional: false,
            late: false,
            answer: None,
            answered_at: None,
        }
    }

    #[test]
    fn a_question_is_what_the_server_sent() {
        same(
            &consultation(),
            json!({"consultation_no": "ZX20261205-0001", "query_code": "ABCD-EFGH-JKMN",
                   "item": {"code": "JT-001", "name": "道路运输证"},
                   "department": {"code": "JT", "name": "县交通运输局"},
                   "question": "要带什么材料？", "status": "open", "status_label": "待答复",
                   "received_at": "2026-12-05T01:00:00.000Z", "counted_from": "2026-12-07",
                   "answer_due": "2026-12-11", "answer_due_provisional": false,
                   "late": false, "answer": null, "answered_at": null}),
        );
    }

    #[test]
    fn answers_kept_on_a_phone_with_the_request_still_read() {
        // The contact store's record: the answer, with the outbox's own fields and what a
        // lookup learnt under `latest` (extra fields are ignored).
        let mut kept = serde_json::to_value(booking()).expect("serializes");
        kept["client_id"] = json!("c-1");
        kept["path"] = json!("bookings");
        kept["request"] = json!("{\"department\":\"JT\"}");
        kept["latest"] = serde_json::to_value(booking()).expect("serializes");
        let back: Booking = serde_json::from_value(kept).expect("decodes");
        assert_eq!(back, booking());
        let mut kept = serde_json::to_value(consultation()).expect("serializes");
        kept["client_id"] = json!("c-2");
        let back: Consultation = serde_json::from_value(kept).expect("decodes");
        assert_eq!(back, consultation());
        // Only the fields the pages needed: a booking kept before `can_cancel` still may be.
        let old: Booking = serde_json::from_value(json!({
            "booking_no": "YY20261207-0001", "department": {"code": "JT", "name": "县交通运输局"},
            "date": "2026-12-07", "start": "09:00", "end": "09:30", "status": "booked"}))
        .expect("an old record");
        assert!(old.can_cancel);
        assert_eq!(old.query_code, None);
    }

    #[test]
    fn the_desks_questions_are_what_the_server_sent() {
        let list = DeskConsultations {
            items: vec![DeskConsultation {
                consultation_no: "ZX20261205-0001".into(),
                item: named("JT-001", "道路运输证"),
                department: named("JT", "县交通运输局"),
                question: "要带什么材料？".into(),
                name: "张三".into(),
                phone: "13800000000".into(),
                publish_allowed: true,
                status: "answered".into(),
                status_label: "已答复".into(),
                received_at: "2026-12-05T01:00:00.000Z".into(),
                counted_from: "2026-12-07".into(),
                answer_due: "2026-12-11".into(),
                answer_due_provisional: false,
                working_days_left: None,
                working_days_overdue: Some(1),
                late: true,
                answer: Some("身份证。".into()),
                answered_at: Some("2026-12-14T01:00:00.000Z".into()),
                answered_by: Some("李四".into()),
                faq: Some(PublishedFaq {
                    question: "要带什么材料？".into(),
                    answer: "身份证。".into(),
                    published_at: "2026-12-14T01:00:00.000Z".into(),
                }),
            }],
            total: 1,
            page: 1,
            per_page: 50,
            as_of: "2026-12-14T02:00:00.000Z".into(),
        };
        same(
            &list,
            json!({"items": [{
                       "consultation_no": "ZX20261205-0001",
                       "item": {"code": "JT-001", "name": "道路运输证"},
                       "department": {"code": "JT", "name": "县交通运输局"},
                       "question": "要带什么材料？", "name": "张三", "phone": "13800000000",
                       "publish_allowed": true, "status": "answered", "status_label": "已答复",
                       "received_at": "2026-12-05T01:00:00.000Z", "counted_from": "2026-12-07",
                       "answer_due": "2026-12-11", "answer_due_provisional": false,
                       "working_days_left": null, "working_days_overdue": 1, "late": true,
                       "answer": "身份证。", "answered_at": "2026-12-14T01:00:00.000Z",
                       "answered_by": "李四",
                       "faq": {"question": "要带什么材料？", "answer": "身份证。",
                               "published_at": "2026-12-14T01:00:00.000Z"}}],
                   "total": 1, "page": 1, "per_page": 50,
                   "as_of": "2026-12-14T02:00:00.000Z"}),
        );
    }

    #[test]
    fn the_desks_day_is_what_the_server_sent() {
        let day = DeskDay {
            date: "2026-12-07".into(),
            department: named("JT", "县交通运输局"),
            provisional: false,
            working_day: true,
            as_of: "2026-12-07T01:00:00.000Z".into(),
            slots: vec![DeskSlot {
                start: "09:00".into(),
                end: "09:30".into(),
                capacity: 3,
                booked: 1,
            }],
            items: vec![DeskBooking {
                booking_no: "YY20261207-0001".into(),
                date: "2026-12-07".into(),
                start: "09:00".into(),
                end: "09:30".into(),
                name: "张三".into(),
                id_last4: "001X".into(),
                phone: "13800000000".into(),
                item: None,
                status: "arrived".into(),
                status_label: "已到场".into(),
                created_at: "2026-12-04T01:00:00.000Z".into(),
                marked_at: Some("2026-12-07T01:05:00.000Z".into()),
                can_mark: false,
            }],
        };
        same(
            &day,
            json!({"date": "2026-12-07", "department": {"code": "JT", "name": "县交通运输局"},
                   "provisional": false, "working_day": true,
                   "as_of": "2026-12-07T01:00:00.000Z",
                   "slots": [{"start": "09:00", "end": "09:30", "capacity": 3, "booked": 1}],
                   "items": [{"booking_no": "YY20261207-0001", "date": "2026-12-07",
                              "start": "09:00", "end": "09:30", "name": "张三",
                              "id_last4": "001X", "phone": "13800000000", "item": null,
                              "status": "arrived", "status_label": "已到场",
                              "created_at": "2026-12-04T01:00:00.000Z",
                              "marked_at": "2026-12-07T01:05:00.000Z", "can_mark": false}]}),
        );
    }

    #[test]
    fn the_settings_are_what_the_server_sent() {
        let settings = ContactSettings {
            answer_days: 5,
            default_capacity: 3,
            opening_hours: vec![Hours {
                from: "09:00".into(),
                to: "12:00".into(),
            }],
            slot_starts: vec!["09:00".into(), "09:30".into()],
            capacities: vec![Capacity {
                department: named("JT", "县交通运输局"),
                capacity: 4,
                slots: BTreeMap::from([("09:30".to_owned(), 1)]),
            }],
        };
        same(
            &settings,
            json!({"answer_days": 5, "default_capacity": 3,
                   "opening_hours": [{"from": "09:00", "to": "12:00"}],
                   "slot_starts": ["09:00", "09:30"],
                   "capacities": [{"department": {"code": "JT", "name": "县交通运输局"},
                                   "capacity": 4, "slots": {"09:30": 1}}]}),
        );
    }
}
