//! Demo data of 咨询 and 预约 (`--demo`): published 常见问题 on GA-001 and SC-001, questions
//! open, late and answered, GA's capacity, and a few bookings around today. Numbers and query
//! codes are fixed (counters from 9001, which real ones never reach in a day) so that tests and
//! demonstrations can type them; the table is in `docs/contact-api.md`. The questions, their
//! answers and 常见问题 texts are a data file, `crates/server/demo/consultations.json`; the
//! bookings, dated from today's first free slot, stay in code. Idempotent: each record is
//! written only when its number is missing.

use chrono::{DateTime, Duration, Utc};
use guichet_core::Calendar;
use guichet_core::booking::{self, Slot, SlotTime};
use guichet_core::consultation;
use guichet_core::form::sha256_hex;
use serde::Deserialize;

use crate::bookings_store;
use crate::consultations_store::{self, NewConsultation};
use crate::db::{DbError, Pool};
use crate::demo::{DemoDataError, DemoFile, demo_file, parse};
use crate::submissions_store::IssuedCode;

/// A fixed demo code with the hash it is stored as.
fn demo_code(code: &str) -> IssuedCode {
    let salt = "demo".to_owned();
    IssuedCode {
        hash: sha256_hex(format!("{salt}:{code}").as_bytes()),
        code: code.to_owned(),
        salt,
    }
}

/// One demo consultation, as `crates/server/demo/consultations.json` holds it.
#[derive(Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    /// Its number, fixed (see the module docs).
    number: String,
    /// Its query code, fixed.
    code: String,
    /// The item asked about; a question on an item the demo lacks is skipped.
    item: String,
    /// The department that answers.
    department: String,
    question: String,
    /// Whether the asker allowed publishing it as a 常见问题.
    publish_allowed: bool,
    /// Days before now it was received.
    days_ago: i64,
    /// The answer, given a day after it was received.
    #[serde(default)]
    answer: Option<String>,
    /// The published 常见问题 texts (only with an answer).
    #[serde(default)]
    faq: Option<Faq>,
}

/// A 常见问题 as published: the texts staff wrote.
#[derive(Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Faq {
    question: String,
    answer: String,
}

const QUESTIONS_FILE: DemoFile = demo_file!("consultations.json");

/// The demo consultations, in the order they are written.
fn questions() -> Result<Vec<Question>, DemoDataError> {
    parse(QUESTIONS_FILE)
}

async fn staff_id(pool: &Pool, username: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM staff_accounts WHERE username = $1")
        .bind(username)
        .fetch_optional(pool)
        .await
}

async fn seed_questions(
    pool: &Pool,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let answerer = staff_id(pool, "ga").await?;
    let sc_answerer = staff_id(pool, "sc").await?;
    for question in questions()? {
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT id FROM consultations WHERE consultation_no = $1")
                .bind(&question.number)
                .fetch_optional(pool)
                .await?;
        let item: Option<String> =
            sqlx::query_scalar("SELECT code FROM service_items WHERE code = $1")
                .bind(&question.item)
                .fetch_optional(pool)
                .await?;
        if exists.is_some() || item.is_none() {
            continue;
        }
        // Received at 10:00 on its day (or now, for today's before 10:00).
        let day = crate::cases_store::local(now).date() - Duration::days(question.days_ago);
        let received = day
            .and_hms_opt(10, 0, 0)
            .map(|local| local.and_utc() - Duration::hours(8))
            .filter(|at| *at <= now)
            .unwrap_or(now);
        let Ok(deadline) = consultation::answer_deadline(
            calendar,
            crate::cases_store::local(received),
            consultation::DEFAULT_ANSWER_DAYS,
        ) else {
            continue;
        };
        let client_id = format!("demo-{}", question.number.to_ascii_lowercase());
        let new = NewConsultation {
            client_id: &client_id,
            item_code: &question.item,
            department_code: &question.department,
            question: &question.question,
            name: "张三",
            phone: "13800138000",
            publish_allowed: question.publish_allowed,
        };
        let mut tx = crate::db::begin_write(pool).await?;
        consultations_store::insert(
            &mut tx,
            &question.number,
            &new,
            "demo",
            &demo_code(&question.code),
            deadline,
            received,
            None,
        )
        .await?;
        if let Some(answer) = &question.answer {
            // Answered the working day after it counted from, at 10:30.
            let answered = calendar
                .next_working_day(deadline.counted_from)
                .ok()
                .and_then(|day| day.and_hms_opt(10, 30, 0))
                .map_or(received, |local| local.and_utc() - Duration::hours(8))
                .min(now);
            let by = if question.department == "SC" {
                sc_answerer
            } else {
                answerer
            };
            sqlx::query(
                "UPDATE consultations SET answer = $2, answered_at = $3, answered_on = $4,
                     answered_by = $5
                 WHERE consultation_no = $1",
            )
            .bind(&question.number)
            .bind(answer)
            .bind(crate::db::time_text(answered))
            .bind(crate::submissions_store::china_today(answered).to_string())
            .bind(by)
            .execute(&mut *tx)
            .await?;
            if let Some(faq) = &question.faq {
                sqlx::query(
                    "UPDATE consultations SET faq_question = $2, faq_answer = $3,
                         faq_published_at = $4
                     WHERE consultation_no = $1",
                )
                .bind(&question.number)
                .bind(&faq.question)
                .bind(&faq.answer)
                .bind(crate::db::time_text(answered))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(())
}

async fn seed_bookings(
    pool: &Pool,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO booking_capacity (department_code, slot_start, capacity)
         SELECT 'GA', '*', 4 WHERE EXISTS (SELECT 1 FROM departments WHERE code = 'GA')
         ON CONFLICT (department_code, slot_start) DO NOTHING",
    )
    .execute(pool)
    .await?;
    let local_now = crate::cases_store::local(now);
    let Some(first) = booking::bookable_slots(calendar, local_now)
        .first()
        .copied()
    else {
        return Ok(());
    };
    let next_day = calendar.next_working_day(first.date).unwrap_or(first.date);
    let ten = SlotTime::new(10, 0).unwrap_or(first.start);
    let nine = SlotTime::new(9, 0).unwrap_or(first.start);
    // The last working day up to today, at 09:00: a slot that has started (or is over), which
    // the desk can mark.
    let started_day = (0..10)
        .map(|back| local_now.date() - Duration::days(back))
        .find(|day| calendar.is_working_day(*day))
        .unwrap_or(local_now.date());
    let demo: [(&str, &str, Slot, &str); 3] = [
        ("YY20261201-9001", "DEMA-YY22-2222", first, "张三"),
        (
            "YY20261201-9002",
            "DEMA-YY33-3333",
            Slot {
                date: next_day,
                start: ten,
            },
            "张三",
        ),
        (
            "YY20261201-9003",
            "DEMA-YY44-4444",
            Slot {
                date: started_day,
                start: nine,
            },
            "李四",
        ),
    ];
    for (number, code, slot, name) in demo {
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT id FROM bookings WHERE booking_no = $1")
                .bind(number)
                .fetch_optional(pool)
                .await?;
        if exists.is_some() {
            continue;
        }
        let id_number = if name == "张三" {
            "11010519491231002X"
        } else {
            "440524188001010014"
        };
        let code = demo_code(code);
        sqlx::query(
            "INSERT INTO bookings (booking_no, client_id, content_hash, department_code,
                 item_code, slot_date, slot_start, person_name, id_hash, id_last4, phone, status,
                 query_code_salt, query_code_hash, created_at)
             SELECT $1, $2, 'demo', 'GA', 'GA-001', $3, $4, $5, $6, $7, '13800138000', 'booked',
                 $8, $9, $10
             WHERE EXISTS (SELECT 1 FROM service_items WHERE code = 'GA-001')",
        )
        .bind(number)
        .bind(format!("demo-{}", number.to_ascii_lowercase()))
        .bind(slot.date.to_string())
        .bind(slot.start.text())
        .bind(name)
        .bind(bookings_store::id_hash(id_number))
        .bind(&id_number[id_number.len() - 4..])
        .bind(&code.salt)
        .bind(&code.hash)
        .bind(crate::db::time_text(now))
        .execute(pool)
        .await?;
    }
    Ok(())
}

/// Seeds what is missing (see the module docs).
pub async fn seed(pool: &Pool, calendar: &Calendar, now: DateTime<Utc>) -> Result<(), DbError> {
    seed_questions(pool, calendar, now).await?;
    seed_bookings(pool, calendar, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the file held when it was written from the literals it replaces (numbers and
    /// codes are in `docs/contact-api.md` and typed by tests).
    #[test]
    fn the_demo_questions_are_the_ones_moved_from_the_literals() {
        let questions = questions().unwrap();
        let numbers: Vec<&str> = questions.iter().map(|q| q.number.as_str()).collect();
        assert_eq!(
            numbers,
            [
                "ZX20261201-9001",
                "ZX20261201-9002",
                "ZX20261201-9003",
                "ZX20261201-9004",
                "ZX20261201-9005",
                "ZX20261120-9006"
            ]
        );
        assert_eq!(questions[0].code, "DEMA-ZX22-2222");
        assert_eq!(questions[5].code, "DEMA-ZX77-7777");
        let answered = questions.iter().filter(|q| q.answer.is_some()).count();
        let published = questions.iter().filter(|q| q.faq.is_some()).count();
        assert_eq!((answered, published), (4, 3));
        // A published 常见问题 was answered, and its asker allowed it.
        for q in &questions {
            assert!(
                q.faq.is_none() || (q.answer.is_some() && q.publish_allowed),
                "{}",
                q.number
            );
        }
        assert_eq!(
            questions[2].faq.as_ref().map(|f| f.question.as_str()),
            Some("设立有限责任公司，注册资本需要实缴吗？")
        );
    }
}
