-- 预约: half-hour visits to a department's windows (guichet_core::booking). A slot's places
-- are its capacity (booking_capacity, else guichet_core::booking::DEFAULT_CAPACITY) minus its
-- bookings in state 'booked'; a booking takes one under a lock on its slot. The ID number is
-- not kept: its SHA-256 (for the two-open-bookings rule) and its last four characters (for the
-- window) are.

-- A department's places per slot: slot_start '*' for all its slots, or one slot's 'HH:MM'.
CREATE TABLE booking_capacity (
    department_code TEXT NOT NULL REFERENCES departments (code),
    slot_start      TEXT NOT NULL,
    capacity        INTEGER NOT NULL CHECK (capacity >= 0),
    PRIMARY KEY (department_code, slot_start)
) STRICT;

CREATE TABLE bookings (
    id                INTEGER PRIMARY KEY,
    booking_no        TEXT NOT NULL UNIQUE,
    client_id         TEXT NOT NULL UNIQUE,
    content_hash      TEXT NOT NULL,
    department_code   TEXT NOT NULL REFERENCES departments (code),
    item_code         TEXT REFERENCES service_items (code),
    slot_date         TEXT NOT NULL,               -- YYYY-MM-DD, China time
    slot_start        TEXT NOT NULL,               -- HH:MM
    person_name       TEXT NOT NULL,
    id_hash           TEXT NOT NULL,
    id_last4          TEXT NOT NULL,
    phone             TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'arrived', 'no_show')),
    query_code_salt   TEXT NOT NULL,
    query_code_hash   TEXT NOT NULL,
    query_code_replay TEXT,
    replay_until      TEXT,
    created_at        TEXT NOT NULL,
    cancelled_at      TEXT,
    marked_at         TEXT,
    marked_by         INTEGER REFERENCES staff_accounts (id)
) STRICT;

CREATE INDEX bookings_by_slot ON bookings (department_code, slot_date, slot_start, status);
CREATE INDEX bookings_by_person ON bookings (department_code, id_hash, status);
