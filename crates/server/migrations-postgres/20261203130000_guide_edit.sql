-- PostgreSQL form of migrations/20261203130000_guide_edit.sql (same name, same version).
-- Dialect differences: INTEGER → BIGINT; strftime → to_char (same text); no STRICT.
--
-- Issue 12: the service guide edited on the desk by its department.
--
-- `revision` counts an item's edits: a desk edit sends the revision it read and is refused
-- (409) if the item changed since, and the demo seed leaves an item edited on the desk
-- (revision > 1) alone instead of putting its demo text back at every start.
ALTER TABLE service_items ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;

-- A form definition checked in the editor and shown in the real form page (an iframe of
-- /guide/apply/<item>?draft=preview-<key>) before it is published. Kept a day; never a
-- published version (those are in form_definitions only).
CREATE TABLE form_previews (
    key        TEXT PRIMARY KEY NOT NULL,          -- 32 random hex digits
    item_code  TEXT NOT NULL REFERENCES service_items (code),
    staff_id   BIGINT NOT NULL REFERENCES staff_accounts (id),
    definition TEXT NOT NULL,                      -- guichet_core::form::FormDefinition as JSON
    created_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
);
