//! 咨询 in the database: questions received exactly once per client id, answered once by the
//! item's department, and published as the item's 常见问题 with texts staff wrote for
//! publication. Every staff change has its audit row in its own transaction.

use chrono::{DateTime, NaiveDate, Utc};
use guichet_core::consultation::Deadline;
use guichet_core::form::sha256_hex;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use crate::audit_store;
use crate::db::Pool;
use crate::staff_store::Staff;
use crate::submissions_store::{IssuedCode, REPLAY_DAYS, china_today, query_code_matches};

/// A question as sent.
#[derive(Debug, Clone)]
pub struct NewConsultation<'a> {
    /// Idempotency key from the device's outbox.
    pub client_id: &'a str,
    /// The item asked about.
    pub item_code: &'a str,
    /// Its department, who answers.
    pub department_code: &'a str,
    /// The question, trimmed.
    pub question: &'a str,
    /// The asker's name.
    pub name: &'a str,
    /// The asker's phone, normalised.
    pub phone: &'a str,
    /// Whether it may become a public FAQ.
    pub publish_allowed: bool,
}

/// A stored consultation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    /// `ZX20261205-0001`.
    pub consultation_no: String,
    /// The item asked about.
    pub item_code: String,
    /// Its department.
    pub department_code: String,
    /// The question.
    pub question: String,
    /// The asker's name.
    pub name: String,
    /// The asker's phone.
    pub phone: String,
    /// The asker allowed publication.
    pub publish_allowed: bool,
    /// When it arrived (UTC).
    pub received_at: String,
    /// The day it counts as received.
    pub counted_from: NaiveDate,
    /// The last day to answer.
    pub answer_due: NaiveDate,
    /// `answer_due` counted over a provisional year.
    pub due_provisional: bool,
    /// The answer.
    pub answer: Option<String>,
    /// When it was answered (UTC).
    pub answered_at: Option<String>,
    /// The day (China) it was answered.
    pub answered_on: Option<NaiveDate>,
    /// Who answered (display name).
    pub answered_by: Option<String>,
    /// The published texts, while published.
    pub faq: Option<PublishedFaq>,
    /// The query code: on creation and replays within the replay window only.
    pub query_code: Option<String>,
}

/// A consultation's texts as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedFaq {
    /// The question, personal data removed.
    pub question: String,
    /// The answer, personal data removed.
    pub answer: String,
    /// When published (UTC).
    pub published_at: String,
}

/// One entry of an item's 常见问题, as the item JSON carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Faq {
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
    /// The day (China) it was answered.
    pub answered_on: String,
}

/// What [`ask`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AskOutcome {
    /// Received.
    Created(Consultation),
    /// The same client id and content again: the original.
    Replayed(Consultation),
    /// The client id was used for other content.
    Conflict,
}

const SELECT: &str = "SELECT c.*, s.display_name AS answered_by_name FROM consultations c
     LEFT JOIN staff_accounts s ON s.id = c.answered_by";

fn date_column(row: &crate::db::Row, column: &str) -> Result<Option<NaiveDate>, sqlx::Error> {
    let text: Option<String> = row.try_get(column)?;
    text.map(|t| {
        guichet_core::ymd::parse(&t)
            .ok_or_else(|| sqlx::Error::Decode(format!("bad date in {column}").into()))
    })
    .transpose()
}

fn from_row(row: &crate::db::Row) -> Result<Consultation, sqlx::Error> {
    let missing = || sqlx::Error::Decode("missing date".into());
    let faq_question: Option<String> = row.try_get("faq_question")?;
    let faq_answer: Option<String> = row.try_get("faq_answer")?;
    let faq_published_at: Option<String> = row.try_get("faq_published_at")?;
    let faq = match (faq_question, faq_answer, faq_published_at) {
        (Some(question), Some(answer), Some(published_at)) => Some(PublishedFaq {
            question,
            answer,
            published_at,
        }),
        _ => None,
    };
    Ok(Consultation {
        consultation_no: row.try_get("consultation_no")?,
        item_code: row.try_get("item_code")?,
        department_code: row.try_get("department_code")?,
        question: row.try_get("question")?,
        name: row.try_get("asker_name")?,
        phone: row.try_get("phone")?,
        publish_allowed: row.try_get::<i64, _>("publish_allowed")? == 1,
        received_at: row.try_get("received_at")?,
        counted_from: date_column(row, "counted_from")?.ok_or_else(missing)?,
        answer_due: date_column(row, "answer_due")?.ok_or_else(missing)?,
        due_provisional: row.try_get::<i64, _>("due_provisional")? == 1,
        answer: row.try_get("answer")?,
        answered_at: row.try_get("answered_at")?,
        answered_on: date_column(row, "answered_on")?,
        answered_by: row.try_get("answered_by_name")?,
        faq,
        query_code: None,
    })
}

fn content_hash(new: &NewConsultation<'_>) -> String {
    let canonical = json!([
        new.item_code,
        new.question,
        new.name,
        new.phone,
        new.publish_allowed
    ]);
    sha256_hex(canonical.to_string().as_bytes())
}

/// Receives `new`, due as `deadline` says, exactly once per client id.
pub async fn ask(
    pool: &Pool,
    new: &NewConsultation<'_>,
    deadline: Deadline,
    now: DateTime<Utc>,
) -> Result<AskOutcome, sqlx::Error> {
    let code = IssuedCode::new()?;
    let hash = content_hash(new);
    let now_text = crate::db::time_text(now);
    let _turn = crate::db::writer_turn(pool).await;
    let mut tx = crate::db::begin_concurrent(pool).await?;
    crate::db::lock_key(&mut tx, &format!("consultation:{}", new.client_id)).await?;
    let existing = sqlx::query(&format!("{SELECT} WHERE c.client_id = $1"))
        .bind(new.client_id)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(row) = existing {
        let stored: String = row.try_get("content_hash")?;
        if stored != hash {
            return Ok(AskOutcome::Conflict);
        }
        let replay_until: Option<String> = row.try_get("replay_until")?;
        let query_code = match replay_until {
            Some(until) if until > now_text => row.try_get("query_code_replay")?,
            _ => None,
        };
        return Ok(AskOutcome::Replayed(Consultation {
            query_code,
            ..from_row(&row)?
        }));
    }
    let day = china_today(now).format("%Y%m%d").to_string();
    // The case-number counters serve consultations too, under a code no department uses.
    let sequence: i64 = sqlx::query_scalar(
        "INSERT INTO case_sequences (day, department_code, last_value) VALUES ($1, '#ZX', 1)
         ON CONFLICT (day, department_code) DO UPDATE SET last_value = case_sequences.last_value + 1
         RETURNING last_value",
    )
    .bind(&day)
    .fetch_one(&mut *tx)
    .await?;
    let number = format!("ZX{day}-{sequence:04}");
    insert(
        &mut tx,
        &number,
        new,
        &hash,
        &code,
        deadline,
        now,
        Some(crate::db::time_text(
            now + chrono::Duration::days(REPLAY_DAYS),
        )),
    )
    .await?;
    // Erase codes whose replay window has passed (usually touches nothing).
    sqlx::query(
        "UPDATE consultations SET query_code_replay = NULL
         WHERE replay_until < $1 AND query_code_replay IS NOT NULL",
    )
    .bind(&now_text)
    .execute(&mut *tx)
    .await?;
    let row = sqlx::query(&format!("{SELECT} WHERE c.consultation_no = $1"))
        .bind(&number)
        .fetch_one(&mut *tx)
        .await?;
    let created = Consultation {
        query_code: Some(code.code),
        ..from_row(&row)?
    };
    tx.commit().await?;
    Ok(AskOutcome::Created(created))
}

/// Writes one consultation row (also the demo's, with its fixed number and code).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert(
    conn: &mut crate::db::Connection,
    number: &str,
    new: &NewConsultation<'_>,
    content_hash: &str,
    code: &IssuedCode,
    deadline: Deadline,
    now: DateTime<Utc>,
    replay_until: Option<String>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO consultations (consultation_no, client_id, content_hash, item_code,
             department_code, question, asker_name, phone, publish_allowed, query_code_salt,
             query_code_hash, query_code_replay, replay_until, received_at, counted_from,
             answer_due, due_provisional)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(number)
    .bind(new.client_id)
    .bind(content_hash)
    .bind(new.item_code)
    .bind(new.department_code)
    .bind(new.question)
    .bind(new.name)
    .bind(new.phone)
    .bind(i64::from(new.publish_allowed))
    .bind(&code.salt)
    .bind(&code.hash)
    .bind(replay_until.as_ref().map(|_| code.code.clone()))
    .bind(replay_until)
    .bind(crate::db::time_text(now))
    .bind(deadline.counted_from.to_string())
    .bind(deadline.due.to_string())
    .bind(i64::from(deadline.provisional))
    .execute(conn)
    .await?;
    Ok(())
}

/// The consultation with this number, if `query_code` is its code.
pub async fn lookup(
    pool: &Pool,
    number: &str,
    query_code: &str,
) -> Result<Option<Consultation>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.consultation_no = $1"))
        .bind(number.trim().to_ascii_uppercase())
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let salt: String = row.try_get("query_code_salt")?;
    let hash: String = row.try_get("query_code_hash")?;
    if query_code_matches(&salt, &hash, query_code) {
        from_row(&row).map(Some)
    } else {
        Ok(None)
    }
}

/// The consultation with this number (for the desk).
pub async fn find(pool: &Pool, number: &str) -> Result<Option<Consultation>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.consultation_no = $1"))
        .bind(number.trim().to_ascii_uppercase())
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Which consultations the desk lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Not answered yet.
    Open,
    /// Answered.
    Answered,
    /// Open past due, or answered after it (电子监察).
    Late,
    /// Everything.
    All,
}

impl Filter {
    /// Reads `open`, `answered`, `late` or `all`.
    pub fn parse(text: &str) -> Option<Filter> {
        Some(match text {
            "open" => Filter::Open,
            "answered" => Filter::Answered,
            "late" => Filter::Late,
            "all" => Filter::All,
            _ => return None,
        })
    }
}

/// A page of consultations for `department` (every department when `None`), and the total.
pub async fn list(
    pool: &Pool,
    department: Option<&str>,
    filter: Filter,
    today: NaiveDate,
    page: usize,
    per_page: usize,
) -> Result<(Vec<Consultation>, i64), sqlx::Error> {
    let mut conditions = vec!["1 = 1"];
    if department.is_some() {
        conditions.push("c.department_code = ?");
    }
    match filter {
        Filter::Open => conditions.push("c.answered_at IS NULL"),
        Filter::Answered => conditions.push("c.answered_at IS NOT NULL"),
        Filter::Late => conditions
            .push("((c.answered_at IS NULL AND c.answer_due < ?) OR c.answered_on > c.answer_due)"),
        Filter::All => {}
    }
    let where_clause = conditions.join(" AND ");
    let count_sql = crate::db::numbered(&format!(
        "SELECT COUNT(*) FROM consultations c WHERE {where_clause}"
    ));
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    if let Some(department) = department {
        count = count.bind(department);
    }
    if filter == Filter::Late {
        count = count.bind(today.to_string());
    }
    let total = count.fetch_one(pool).await?;
    let page_sql = crate::db::numbered(&format!(
        "{SELECT} WHERE {where_clause}
         ORDER BY CASE WHEN c.answered_at IS NULL THEN 0 ELSE 1 END, c.answer_due,
                  c.answered_at DESC, c.id
         LIMIT ? OFFSET ?"
    ));
    let mut rows = sqlx::query(&page_sql);
    if let Some(department) = department {
        rows = rows.bind(department);
    }
    if filter == Filter::Late {
        rows = rows.bind(today.to_string());
    }
    let rows = rows
        .bind(i64::try_from(per_page).unwrap_or(i64::MAX))
        .bind(i64::try_from(page.saturating_sub(1) * per_page).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await?;
    let items = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}

/// What a staff change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeOutcome {
    /// Done; the consultation as it now stands.
    Done(Box<Consultation>),
    /// Already answered (answering twice).
    AlreadyAnswered,
    /// Not answered yet (publishing).
    NotAnswered,
    /// The asker did not allow publication.
    NotAllowed,
}

fn faq_json(faq: Option<&PublishedFaq>) -> serde_json::Value {
    faq.map_or(serde_json::Value::Null, |f| json!(f))
}

/// Answers `number` once, publishing it at the same time when `publish` holds the texts.
pub async fn answer(
    pool: &Pool,
    actor: &Staff,
    number: &str,
    answer: &str,
    publish: Option<(&str, &str)>,
    now: DateTime<Utc>,
) -> Result<ChangeOutcome, sqlx::Error> {
    let mut tx = crate::db::begin_write(pool).await?;
    let row = sqlx::query(&format!("{SELECT} WHERE c.consultation_no = $1"))
        .bind(number)
        .fetch_one(&mut *tx)
        .await?;
    let current = from_row(&row)?;
    if current.answer.is_some() {
        return Ok(ChangeOutcome::AlreadyAnswered);
    }
    if publish.is_some() && !current.publish_allowed {
        return Ok(ChangeOutcome::NotAllowed);
    }
    let now_text = crate::db::time_text(now);
    sqlx::query(
        "UPDATE consultations SET answer = $2, answered_at = $3, answered_on = $4,
             answered_by = $5
         WHERE consultation_no = $1",
    )
    .bind(number)
    .bind(answer)
    .bind(&now_text)
    .bind(china_today(now).to_string())
    .bind(actor.id)
    .execute(&mut *tx)
    .await?;
    audit_store::record(
        &mut tx,
        actor,
        "consultation.answer",
        number,
        None,
        Some(&json!({"answer": answer})),
    )
    .await?;
    if let Some((question, text)) = publish {
        set_faq(&mut tx, actor, &current, Some((question, text)), &now_text).await?;
    }
    let row = sqlx::query(&format!("{SELECT} WHERE c.consultation_no = $1"))
        .bind(number)
        .fetch_one(&mut *tx)
        .await?;
    let answered = from_row(&row)?;
    tx.commit().await?;
    Ok(ChangeOutcome::Done(Box::new(answered)))
}

async fn set_faq(
    conn: &mut crate::db::Connection,
    actor: &Staff,
    current: &Consultation,
    texts: Option<(&str, &str)>,
    now_text: &str,
) -> Result<(), sqlx::Error> {
    let (question, answer, at) = match texts {
        Some((q, a)) => (Some(q), Some(a), Some(now_text)),
        None => (None, None, None),
    };
    sqlx::query(
        "UPDATE consultations SET faq_question = $2, faq_answer = $3, faq_published_at = $4
         WHERE consultation_no = $1",
    )
    .bind(&current.consultation_no)
    .bind(question)
    .bind(answer)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    let after = texts.map_or(
        serde_json::Value::Null,
        |(q, a)| json!({"question": q, "answer": a}),
    );
    audit_store::record(
        conn,
        actor,
        if texts.is_some() {
            "consultation.publish"
        } else {
            "consultation.unpublish"
        },
        &current.consultation_no,
        Some(&faq_json(current.faq.as_ref())),
        Some(&after),
    )
    .await
}

/// Publishes `number` as a FAQ with these texts (or re-words it), or withdraws it (`None`).
pub async fn publish(
    pool: &Pool,
    actor: &Staff,
    number: &str,
    texts: Option<(&str, &str)>,
    now: DateTime<Utc>,
) -> Result<ChangeOutcome, sqlx::Error> {
    let mut tx = crate::db::begin_write(pool).await?;
    let row = sqlx::query(&format!("{SELECT} WHERE c.consultation_no = $1"))
        .bind(number)
        .fetch_one(&mut *tx)
        .await?;
    let current = from_row(&row)?;
    if texts.is_some() {
        if current.answer.is_none() {
            return Ok(ChangeOutcome::NotAnswered);
        }
        if !current.publish_allowed {
            return Ok(ChangeOutcome::NotAllowed);
        }
    } else if current.faq.is_none() {
        return Ok(ChangeOutcome::Done(Box::new(current)));
    }
    set_faq(&mut tx, actor, &current, texts, &crate::db::time_text(now)).await?;
    let row = sqlx::query(&format!("{SELECT} WHERE c.consultation_no = $1"))
        .bind(number)
        .fetch_one(&mut *tx)
        .await?;
    let changed = from_row(&row)?;
    tx.commit().await?;
    Ok(ChangeOutcome::Done(Box::new(changed)))
}

/// An item's published 常见问题, newest answer first.
pub async fn faq(pool: &Pool, item_code: &str) -> Result<Vec<Faq>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT faq_question, faq_answer, answered_on FROM consultations
         WHERE item_code = $1 AND faq_published_at IS NOT NULL AND publish_allowed = 1
           AND answered_on IS NOT NULL
         ORDER BY answered_at DESC, id DESC",
    )
    .bind(item_code)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Faq {
                question: row.try_get("faq_question")?,
                answer: row.try_get("faq_answer")?,
                answered_on: row.try_get("answered_on")?,
            })
        })
        .collect()
}
