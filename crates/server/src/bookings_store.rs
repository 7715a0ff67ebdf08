//! 预约 in the database: a booking takes a place in its slot exactly once per client id.
//!
//! [`book`] decides in one transaction that holds, in this order, a lock on the client id (an
//! outbox retry waits for the first send), on the person at the department (the two-open-bookings
//! rule) and on the slot (its places): `db::lock_key`, a PostgreSQL advisory lock, across server
//! instances; SQLite has one writer anyway. So 100 requests racing for k places make exactly k
//! bookings, and no lock is wider than one slot. The core ([`guichet_core::booking`]) decides
//! whether the slot may be booked at all; the places are counted here, as the bookings in
//! state `booked` against the department's capacity (`contact_settings_store`).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use guichet_core::Calendar;
use guichet_core::booking::{self, Slot, SlotRefusal, SlotTime};
use guichet_core::form::sha256_hex;
use serde_json::json;
use sqlx::Row;

use crate::audit_store;
use crate::contact_settings_store::{self, DepartmentCapacity};
use crate::db::{Connection, Pool};
use crate::staff_store::Staff;
use crate::submissions_store::{IssuedCode, REPLAY_DAYS, query_code_matches};

/// What a person sends to book.
#[derive(Debug, Clone)]
pub struct NewBooking<'a> {
    /// Idempotency key from the device's outbox.
    pub client_id: &'a str,
    /// The department visited.
    pub department_code: &'a str,
    /// The item the visit is about, if named.
    pub item_code: Option<&'a str>,
    /// The slot.
    pub slot: Slot,
    /// The person's name.
    pub name: &'a str,
    /// The normalised 居民身份证号码.
    pub id_number: &'a str,
    /// The normalised phone.
    pub phone: &'a str,
}

/// A stored booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    /// `YY20261207-0001`.
    pub booking_no: String,
    /// The department visited.
    pub department_code: String,
    /// The item named, if any.
    pub item_code: Option<String>,
    /// The slot.
    pub slot: Slot,
    /// The person's name.
    pub name: String,
    /// The ID number's last four characters.
    pub id_last4: String,
    /// The phone.
    pub phone: String,
    /// `booked`, `cancelled`, `arrived` or `no_show`.
    pub status: String,
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
    /// When it was cancelled.
    pub cancelled_at: Option<String>,
    /// When the desk marked it.
    pub marked_at: Option<String>,
    /// The query code: on creation and replays within the replay window only.
    pub query_code: Option<String>,
}

/// What [`book`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookOutcome {
    /// Booked.
    Created(Booking),
    /// The same client id and content again: the original booking.
    Replayed(Booking),
    /// The client id was used for other content.
    Conflict,
    /// The slot cannot be booked (past, full, …); nothing was written.
    Refused(SlotRefusal),
    /// The person already holds these open bookings at the department.
    LimitReached(Vec<Slot>),
}

/// SHA-256 of a normalised ID number: enough to tell one person's bookings, without keeping
/// the number.
pub fn id_hash(id_number: &str) -> String {
    sha256_hex(format!("booking-id:{id_number}").as_bytes())
}

fn content_hash(new: &NewBooking<'_>) -> String {
    let canonical = json!([
        new.department_code,
        new.item_code,
        new.slot.date.to_string(),
        new.slot.start.text(),
        new.name,
        new.id_number,
        new.phone
    ]);
    sha256_hex(canonical.to_string().as_bytes())
}

fn booking_from_row(row: &crate::db::Row) -> Result<Booking, sqlx::Error> {
    let decode = |what: &str| sqlx::Error::Decode(format!("bad booking {what}").into());
    let date: String = row.try_get("slot_date")?;
    let start: String = row.try_get("slot_start")?;
    let slot = Slot {
        date: guichet_core::ymd::parse(&date).ok_or_else(|| decode("date"))?,
        start: SlotTime::parse(&start).ok_or_else(|| decode("start"))?,
    };
    Ok(Booking {
        booking_no: row.try_get("booking_no")?,
        department_code: row.try_get("department_code")?,
        item_code: row.try_get("item_code")?,
        slot,
        name: row.try_get("person_name")?,
        id_last4: row.try_get("id_last4")?,
        phone: row.try_get("phone")?,
        status: row.try_get("status")?,
        created_at: row.try_get("created_at")?,
        cancelled_at: row.try_get("cancelled_at")?,
        marked_at: row.try_get("marked_at")?,
        query_code: None,
    })
}

/// The `(date, start)` texts of the moment `local`, to compare with stored slots: a slot has
/// started when `slot_date < date OR (slot_date = date AND slot_start <= start)`.
fn moment_texts(local: NaiveDateTime) -> (String, String) {
    (
        local.date().to_string(),
        local.time().format("%H:%M").to_string(),
    )
}

/// The open bookings (booked, not started) of a person at a department.
async fn open_slots(
    conn: &mut Connection,
    department_code: &str,
    id_hash: &str,
    local_now: NaiveDateTime,
) -> Result<Vec<Slot>, sqlx::Error> {
    let (today, time) = moment_texts(local_now);
    let rows = sqlx::query(
        "SELECT * FROM bookings
         WHERE department_code = $1 AND id_hash = $2 AND status = 'booked'
           AND (slot_date > $3 OR (slot_date = $3 AND slot_start > $4))
         ORDER BY slot_date, slot_start",
    )
    .bind(department_code)
    .bind(id_hash)
    .bind(&today)
    .bind(&time)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| booking_from_row(row).map(|b| b.slot))
        .collect()
}

/// Books `new` at `now` exactly once (see the module docs).
pub async fn book(
    pool: &Pool,
    calendar: &Calendar,
    new: &NewBooking<'_>,
    now: DateTime<Utc>,
) -> Result<BookOutcome, sqlx::Error> {
    let code = IssuedCode::new()?;
    let hash = content_hash(new);
    let person = id_hash(new.id_number);
    let local_now = crate::cases_store::local(now);
    let now_text = crate::db::time_text(now);

    let _turn = crate::db::writer_turn(pool).await;
    let mut tx = crate::db::begin_concurrent(pool).await?;
    crate::db::lock_key(&mut tx, &format!("booking-client:{}", new.client_id)).await?;
    let existing = sqlx::query("SELECT * FROM bookings WHERE client_id = $1")
        .bind(new.client_id)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(row) = existing {
        let stored: String = row.try_get("content_hash")?;
        if stored != hash {
            return Ok(BookOutcome::Conflict);
        }
        let replay_until: Option<String> = row.try_get("replay_until")?;
        let query_code = match replay_until {
            Some(until) if until > now_text => row.try_get("query_code_replay")?,
            _ => None,
        };
        return Ok(BookOutcome::Replayed(Booking {
            query_code,
            ..booking_from_row(&row)?
        }));
    }
    if let Err(refusal) = booking::check_slot(calendar, new.slot, local_now) {
        return Ok(BookOutcome::Refused(refusal));
    }
    crate::db::lock_key(
        &mut tx,
        &format!("booking-person:{}:{person}", new.department_code),
    )
    .await?;
    let open = open_slots(&mut tx, new.department_code, &person, local_now).await?;
    if !booking::may_book_another(open.len()) {
        return Ok(BookOutcome::LimitReached(open));
    }
    let date = new.slot.date.to_string();
    let start = new.slot.start.text();
    crate::db::lock_key(
        &mut tx,
        &format!("booking-slot:{}:{date}:{start}", new.department_code),
    )
    .await?;
    let capacity = contact_settings_store::capacity(&mut tx, new.department_code).await?;
    let booked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings
         WHERE department_code = $1 AND slot_date = $2 AND slot_start = $3 AND status = 'booked'",
    )
    .bind(new.department_code)
    .bind(&date)
    .bind(&start)
    .fetch_one(&mut *tx)
    .await?;
    if booked >= i64::from(capacity.of(new.slot.start)) {
        return Ok(BookOutcome::Refused(SlotRefusal::Full(new.slot)));
    }
    let day = local_now.format("%Y%m%d").to_string();
    // The case-number counters serve bookings too, under a code no department uses.
    let sequence: i64 = sqlx::query_scalar(
        "INSERT INTO case_sequences (day, department_code, last_value) VALUES ($1, '#YY', 1)
         ON CONFLICT (day, department_code) DO UPDATE SET last_value = case_sequences.last_value + 1
         RETURNING last_value",
    )
    .bind(&day)
    .fetch_one(&mut *tx)
    .await?;
    let booking_no = format!("YY{day}-{sequence:04}");
    let last4: String = {
        let chars: Vec<char> = new.id_number.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    };
    let row = sqlx::query(
        "INSERT INTO bookings (booking_no, client_id, content_hash, department_code, item_code,
             slot_date, slot_start, person_name, id_hash, id_last4, phone, status,
             query_code_salt, query_code_hash, query_code_replay, replay_until, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'booked', $12, $13, $14, $15, $16)
         RETURNING *",
    )
    .bind(&booking_no)
    .bind(new.client_id)
    .bind(&hash)
    .bind(new.department_code)
    .bind(new.item_code)
    .bind(&date)
    .bind(&start)
    .bind(new.name)
    .bind(&person)
    .bind(&last4)
    .bind(new.phone)
    .bind(&code.salt)
    .bind(&code.hash)
    .bind(&code.code)
    .bind(crate::db::time_text(
        now + chrono::Duration::days(REPLAY_DAYS),
    ))
    .bind(&now_text)
    .fetch_one(&mut *tx)
    .await?;
    // Erase codes whose replay window has passed (usually touches nothing).
    sqlx::query(
        "UPDATE bookings SET query_code_replay = NULL
         WHERE replay_until < $1 AND query_code_replay IS NOT NULL",
    )
    .bind(&now_text)
    .execute(&mut *tx)
    .await?;
    let booking = Booking {
        query_code: Some(code.code),
        ..booking_from_row(&row)?
    };
    tx.commit().await?;
    Ok(BookOutcome::Created(booking))
}

/// Bookings in state `booked` per slot of a department between two dates (inclusive).
pub async fn booked_counts(
    pool: &Pool,
    department_code: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<std::collections::HashMap<Slot, u32>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT slot_date, slot_start, COUNT(*) AS n FROM bookings
         WHERE department_code = $1 AND slot_date >= $2 AND slot_date <= $3 AND status = 'booked'
         GROUP BY slot_date, slot_start",
    )
    .bind(department_code)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(pool)
    .await?;
    let mut counts = std::collections::HashMap::new();
    for row in rows {
        let date: String = row.try_get("slot_date")?;
        let start: String = row.try_get("slot_start")?;
        let n: i64 = row.try_get("n")?;
        if let (Some(date), Some(start)) =
            (guichet_core::ymd::parse(&date), SlotTime::parse(&start))
        {
            counts.insert(Slot { date, start }, u32::try_from(n).unwrap_or(u32::MAX));
        }
    }
    Ok(counts)
}

/// Places left per slot of a department over the booking horizon from `now`, as a function
/// for [`booking::nearest_free`] and the slots list.
pub async fn places_left(
    pool: &Pool,
    department_code: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<PlacesLeft, sqlx::Error> {
    let counts = booked_counts(pool, department_code, from, to).await?;
    let mut conn = pool.acquire().await?;
    let capacity = contact_settings_store::capacity(&mut conn, department_code).await?;
    Ok(PlacesLeft { counts, capacity })
}

/// A department's capacities and bookings over some days.
#[derive(Debug, Clone)]
pub struct PlacesLeft {
    counts: std::collections::HashMap<Slot, u32>,
    /// The department's capacities.
    pub capacity: DepartmentCapacity,
}

impl PlacesLeft {
    /// The slot's capacity.
    pub fn capacity(&self, slot: Slot) -> u32 {
        self.capacity.of(slot.start)
    }

    /// Its bookings in state `booked`.
    pub fn booked(&self, slot: Slot) -> u32 {
        self.counts.get(&slot).copied().unwrap_or(0)
    }

    /// Its places left (never negative).
    pub fn left(&self, slot: Slot) -> u32 {
        self.capacity(slot).saturating_sub(self.booked(slot))
    }
}

/// The booking with this number, if `query_code` is its code.
pub async fn lookup(
    pool: &Pool,
    booking_no: &str,
    query_code: &str,
) -> Result<Option<Booking>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM bookings WHERE booking_no = $1")
        .bind(booking_no.trim().to_ascii_uppercase())
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let salt: String = row.try_get("query_code_salt")?;
    let hash: String = row.try_get("query_code_hash")?;
    if query_code_matches(&salt, &hash, query_code) {
        booking_from_row(&row).map(Some)
    } else {
        Ok(None)
    }
}

/// The booking with this number (for the desk).
pub async fn find(pool: &Pool, booking_no: &str) -> Result<Option<Booking>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM bookings WHERE booking_no = $1")
        .bind(booking_no.trim().to_ascii_uppercase())
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(booking_from_row).transpose()
}

/// What cancelling did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelOutcome {
    /// Cancelled now, or already.
    Cancelled(Booking),
    /// Too late: the slot started, or the desk marked it; the booking as it stands.
    TooLate(Booking),
}

/// Cancels `booking` (already opened with its code) at `now`: idempotent.
pub async fn cancel(
    pool: &Pool,
    booking: Booking,
    now: DateTime<Utc>,
) -> Result<CancelOutcome, sqlx::Error> {
    if booking.status == "cancelled" {
        return Ok(CancelOutcome::Cancelled(booking));
    }
    let local_now = crate::cases_store::local(now);
    let (today, time) = moment_texts(local_now);
    let now_text = crate::db::time_text(now);
    // One statement decides: only a booked one whose slot has not started.
    let row = sqlx::query(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $2
         WHERE booking_no = $1 AND status = 'booked'
           AND (slot_date > $3 OR (slot_date = $3 AND slot_start > $4))
         RETURNING *",
    )
    .bind(&booking.booking_no)
    .bind(&now_text)
    .bind(&today)
    .bind(&time)
    .fetch_optional(pool)
    .await?;
    if let Some(row) = row {
        return Ok(CancelOutcome::Cancelled(booking_from_row(&row)?));
    }
    // Someone else moved it meanwhile: answer with where it stands now.
    let current = find(pool, &booking.booking_no).await?.unwrap_or(booking);
    Ok(if current.status == "cancelled" {
        CancelOutcome::Cancelled(current)
    } else {
        CancelOutcome::TooLate(current)
    })
}

/// A department's bookings of one day, in slot order, cancelled ones last in their slot.
pub async fn day(
    pool: &Pool,
    department_code: &str,
    date: NaiveDate,
) -> Result<Vec<Booking>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM bookings WHERE department_code = $1 AND slot_date = $2
         ORDER BY slot_start, CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END, id",
    )
    .bind(department_code)
    .bind(date.to_string())
    .fetch_all(pool)
    .await?;
    rows.iter().map(booking_from_row).collect()
}

/// What marking did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkOutcome {
    /// Marked now, or already marked the same way.
    Marked(Booking),
    /// The slot has not started.
    NotStarted,
    /// Cancelled or marked the other way; the booking as it stands.
    Conflict(Booking),
}

/// Marks `booking` `arrived` or `no_show` (checked by the caller) once its slot started, with
/// the audit row.
pub async fn mark(
    pool: &Pool,
    actor: &Staff,
    booking: &Booking,
    status: &str,
    now: DateTime<Utc>,
) -> Result<MarkOutcome, sqlx::Error> {
    if !booking.slot.has_started(crate::cases_store::local(now)) {
        return Ok(MarkOutcome::NotStarted);
    }
    let mut tx = crate::db::begin_write(pool).await?;
    let row = sqlx::query("SELECT * FROM bookings WHERE booking_no = $1")
        .bind(&booking.booking_no)
        .fetch_one(&mut *tx)
        .await?;
    let current = booking_from_row(&row)?;
    if current.status == status {
        return Ok(MarkOutcome::Marked(current));
    }
    if current.status != "booked" {
        return Ok(MarkOutcome::Conflict(current));
    }
    let row = sqlx::query(
        "UPDATE bookings SET status = $2, marked_at = $3, marked_by = $4
         WHERE booking_no = $1 RETURNING *",
    )
    .bind(&booking.booking_no)
    .bind(status)
    .bind(crate::db::time_text(now))
    .bind(actor.id)
    .fetch_one(&mut *tx)
    .await?;
    audit_store::record(
        &mut tx,
        actor,
        "booking.mark",
        &booking.booking_no,
        Some(&json!({"status": current.status})),
        Some(&json!({"status": status})),
    )
    .await?;
    let marked = booking_from_row(&row)?;
    tx.commit().await?;
    Ok(MarkOutcome::Marked(marked))
}

/// How many bookings a department has in state `booked` in one slot (for tests and the desk).
pub async fn booked_in(pool: &Pool, department_code: &str, slot: Slot) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings
         WHERE department_code = $1 AND slot_date = $2 AND slot_start = $3 AND status = 'booked'",
    )
    .bind(department_code)
    .bind(slot.date.to_string())
    .bind(slot.start.text())
    .fetch_one(pool)
    .await
}
