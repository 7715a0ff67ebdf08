#!/usr/bin/env python3
"""Checks that the PostgreSQL migrations build the same schema as the SQLite ones.

    scripts/pg-schema-check.py postgres://guichet@127.0.0.1:PORT/DBNAME

Applies crates/server/migrations/*.sql in order to a fresh in-memory SQLite, and
crates/server/migrations-postgres/*.sql in order to the given PostgreSQL database (which must
be empty: make one with createdb or CREATE DATABASE), each file in its own transaction as
sqlx does. Then compares, table by table: the tables, their columns in order with their types
(by the project's conventions: INTEGER -> bigint, TEXT -> text, REAL -> double precision,
BLOB -> bytea), nullability and defaults, the primary key, unique constraints, foreign keys
(with ON DELETE / ON UPDATE), the number of CHECK constraints, indexes (name, uniqueness,
columns with their order, access method and operator class, partial or not) and triggers.

It also checks behaviour: the same rows (SEEDS) are inserted on both before the migrations
that move data, and every table's rows must be the same after the last migration; then
statements that the constraints must refuse (REFUSED) and accept (ACCEPTED) are tried on both.

Prints the differences and exits 1 if there are any (2 if a migration or a seed fails).

Differences that are the conventions themselves are not reported:
- strftime('%Y-%m-%dT%H:%M:%fZ', 'now') and to_char(now() AT TIME ZONE 'UTC',
  'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') are the same default;
- an auto-numbered INTEGER PRIMARY KEY is an identity column; one that is also a foreign key
  (its value is always given) may be a plain bigint key;
- an FTS5 table `t (c, ...)` is a table `t (rowid bigint PRIMARY KEY, c text NOT NULL, ...)`
  with one GIN trigram index `t_c_trgm` per column; its shadow tables and sqlite_sequence are
  ignored.

Python 3.11 standard library only; PostgreSQL is reached through `psql`.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_DIR = ROOT / "crates/server/migrations"
POSTGRES_DIR = ROOT / "crates/server/migrations-postgres"

TYPE_MAP = {"INTEGER": "bigint", "TEXT": "text", "REAL": "double precision", "BLOB": "bytea"}
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
NOW_DEFAULT = "<now: UTC, milliseconds, Z>"
SQLITE_ACTIONS = {"NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"}
POSTGRES_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
FIELD_SEPARATOR = "\x1f"
RECORD_SEPARATOR = "\x1e"  # values may hold newlines
NULL_TEXT = "<NULL>"
NOW_VALUE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

# Rows inserted on both databases just before the named migration (None: after the last one),
# in SQL that both accept, so that the migrations which move data (the staff_accounts rebuilds,
# the desk queue's and the catalog's backfills) are checked on the same rows. Every column is
# given: nothing depends on the clock. The last step inserts a staff account without an id, to
# check that PostgreSQL's identity continues after the ids copied by the rebuilds.
SEEDS: dict[str | None, str] = {
    "20261202120000_disclosure.sql": """
INSERT INTO departments (code, name, address, telephone, sort_order) VALUES
    ('JT', '县交通运输局', '县府路1号', '0571-1', 1),
    ('SC', '县市场监督管理局', '县府路2号', '0571-2', 2),
    ('ZJ', '县住房和城乡建设局', '县府路3号', '0571-3', 3);
INSERT INTO service_items (code, department_code, name, case_type, promised_days, legal_days,
    disclosure, current_form_version, sort_order, updated_at, joint_default_consent) VALUES
    ('jt-1', 'JT', '道路运输经营许可', 'approval', 5, 20, '{"code": "jt-1"}', 1, 0,
        '2026-11-27T00:00:00.000Z', 1),
    ('jt-joint', 'JT', '联办事项', 'joint', 10, 20,
        '{"joint_departments": [{"code": "SC", "name": "市场"}, {"code": "JT", "name": "牵头"},
          {"code": "ZJ", "name": "住建"}, {"name": "无代码"}]}', 1, 1,
        '2026-11-27T00:00:00.000Z', 0),
    ('jt-joint-none', 'JT', '联办事项（无部门）', 'joint', 10, 20, '{"code": "jt-joint-none"}',
        1, 2, '2026-11-27T00:00:00.000Z', 1);
INSERT INTO form_definitions (item_code, version, definition, published_at) VALUES
    ('jt-1', 1, '{}', '2026-11-27T00:00:00.000Z'),
    ('jt-joint', 1, '{}', '2026-11-27T00:00:00.000Z'),
    ('jt-joint-none', 1, '{}', '2026-11-27T00:00:00.000Z');
INSERT INTO cases (id, case_no, client_id, item_code, form_version, department_code, case_type,
    state, answers, content_hash, query_code_salt, query_code_hash, history, submitted_at,
    received_at, supplement_request, joint_review, updated_at) VALUES
    (1, '20261127-JT-000001', 'c1', 'jt-1', 1, 'JT', 'approval', 'submitted',
        '{"name": "  张三 ", "id_no": "11010119900101123x"}', 'h', 's', 'q', '[]', NULL,
        '2026-11-27T01:00:00.000Z', NULL, NULL, NULL),
    (2, '20261127-JT-000002', 'c2', 'jt-1', 1, 'JT', 'approval', 'accepted',
        '{"name": "   ", "company_name": " 某某有限公司", "id_no": "12x"}', 'h', 's', 'q', '[]',
        '2026-11-27T01:59:00.000Z', '2026-11-27T02:00:00.000Z', NULL, NULL,
        '2026-11-27T03:00:00.000Z'),
    (3, '20261127-JT-000003', 'c3', 'jt-joint', 1, 'JT', 'joint', 'submitted',
        '{"company_name": "", "id_no": "  abcd  "}', 'h', 's', 'q', '[]', NULL,
        '2026-11-27T04:00:00.000Z', NULL, '{"parts": []}', NULL),
    (4, '20261127-JT-000004', 'c4', 'jt-joint-none', 1, 'JT', 'joint', 'submitted',
        '{"name": "李四", "id_no": null}', 'h', 's', 'q', '[]', NULL,
        '2026-11-27T05:00:00.000Z', NULL, NULL, NULL),
    (5, '20261127-JT-000005', 'c5', 'jt-1', 1, 'JT', 'approval', 'submitted', '{}', 'h', 's',
        'q', '[]', NULL, '2026-11-27T06:00:00.000Z', '{"missing": ["id"], "note": ""}', NULL,
        NULL);
INSERT INTO staff_accounts (id, username, display_name, role, department_code, password_hash,
    failed_logins, locked_until, created_at) VALUES
    (1, 'admin', '中心管理员', 'center_admin', NULL, '$argon2id$a', 0, NULL,
        '2026-11-28T00:00:00.000Z'),
    (5, 'jt', '交通审核', 'department', 'JT', '$argon2id$b', 2, '2026-11-28T01:00:00.000Z',
        '2026-11-28T00:00:00.000Z');
INSERT INTO case_actions (id, case_id, at, action, staff_id, department_code, detail) VALUES
    (1, 2, '2026-11-28T00:00:00.000Z', 'accept', 5, 'JT', NULL),
    (2, 3, '2026-11-28T00:00:00.000Z', 'deemed_consent', NULL, NULL, '{"part": "SC"}');
INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at) VALUES
    ('t1', 5, 'csrf', '2026-11-28T00:00:00.000Z', '2026-11-28T08:00:00.000Z');
INSERT INTO evaluations (id, case_id, client_id, level, comment, created_at) VALUES
    (1, 2, 'e1', 'bad', '太慢', '2026-11-28T00:00:00.000Z');
INSERT INTO followups (id, evaluation_id, case_id, department_code, due_date, reply, replied_by,
    replied_at, created_at) VALUES
    (1, 1, 2, 'JT', '2026-12-19', '已整改', 5, '2026-11-29T00:00:00.000Z',
        '2026-11-28T00:00:00.000Z');
INSERT INTO calendar_publications (id, year, notice, holidays, previous, staff_id, published_at,
    moved_deadlines) VALUES (1, 2027, '国办发明电〔2026〕1号', '[]', NULL, 1,
        '2026-11-30T00:00:00.000Z', 3);
INSERT INTO catalog_entries (id, index_no, revision, deleted, title, summary, topic, genre,
    keywords, agency, doc_no, issued_on, year, disclosure_mode, validity, replaced_by,
    updated_at) VALUES
    (1, '11330000ABC/2026-00001', 1, 0, '通知', '概述', 'traffic', 'notice', '[]',
        '县交通运输局', NULL, '2026-11-01', 2026, 'active', 'valid', NULL,
        '2026-11-27T00:00:00.000Z'),
    (2, 'XYZ/2026-00002', 2, 0, '公告', '概述', 'traffic', 'notice', '["a"]', '未登记机关',
        '文号1', '2026-11-02', 2026, 'active', 'valid', NULL, '2026-11-27T00:00:00.000Z'),
    (3, 'NOSLASH', 3, 1, '旧', '概述', 'traffic', 'notice', '[]', '未登记机关', NULL,
        '2025-01-02', 2025, 'active', 'repealed', '11330000ABC/2026-00001',
        '2026-11-27T00:00:00.000Z');
INSERT INTO catalog_bodies (entry_id, blocks) VALUES (1, '[{"p": "正文"}]');
INSERT INTO catalog_attachments (entry_id, position, name, size_bytes, media_type) VALUES
    (1, 0, '附件.pdf', 1024, 'application/pdf');
INSERT INTO catalog_fts (rowid, search_text) VALUES (1, '通知 概述 11330000abc/2026-00001');
""",
    "20261203100000_accounts_audit.sql": """
INSERT INTO disclosure_agencies (code, name, guide, sort_order) VALUES
    ('11330000ABC', '县交通运输局', '{}', 0);
INSERT INTO staff_accounts (id, username, display_name, role, department_code, agency_code,
    password_hash, failed_logins, locked_until, created_at) VALUES
    (9, 'gk', '信息公开', 'disclosure', NULL, '11330000ABC', '$argon2id$c', 0, NULL,
        '2026-12-02T00:00:00.000Z');
""",
    None: """
INSERT INTO staff_accounts (username, display_name, role, department_code, password_hash,
    created_at) VALUES ('window', '窗口', 'window', 'JT', '$argon2id$d', '2026-12-03T00:00:00.000Z');
INSERT INTO uploads (id, media_type, size) VALUES ('sha', 'application/pdf', 1);
""",
}

# After the seeds: statements each database must refuse (the constraints behave the same, not
# only exist), then ones both must accept. Each is tried alone and rolled back.
ACCOUNT = "INSERT INTO staff_accounts (username, display_name, role, department_code, agency_code, " \
          "password_hash, created_at, disabled, must_change_password) VALUES "
REFUSED = [
    ACCOUNT + "('p1', 'x', 'window', NULL, NULL, 'h', 't', 0, 0)",              # window needs a department
    ACCOUNT + "('p2', 'x', 'center_admin', 'JT', NULL, 'h', 't', 0, 0)",        # admin has none
    ACCOUNT + "('p3', 'x', 'disclosure', NULL, NULL, 'h', 't', 0, 0)",          # disclosure needs an agency
    ACCOUNT + "('p4', 'x', 'department', 'JT', '11330000ABC', 'h', 't', 0, 0)",  # only disclosure has one
    ACCOUNT + "('p5', 'x', 'boss', NULL, NULL, 'h', 't', 0, 0)",                # unknown role
    ACCOUNT + "('p6', 'x', 'center_admin', NULL, NULL, 'h', 't', 2, 0)",        # flag not 0/1
    ACCOUNT + "('p7', 'x', 'center_admin', NULL, NULL, 'h', 't', 0, -1)",
    ACCOUNT + "('admin', 'x', 'center_admin', NULL, NULL, 'h', 't', 0, 0)",     # username taken
    ACCOUNT + "('p8', 'x', 'window', 'XX', NULL, 'h', 't', 0, 0)",              # no such department
    "INSERT INTO catalog_revision (id, value) VALUES (2, 0)",
    "UPDATE catalog_entries SET deleted = 2 WHERE id = 1",
    "UPDATE catalog_entries SET revision = 2 WHERE id = 1",
    "UPDATE service_items SET promised_days = 30 WHERE code = 'jt-1'",
    "INSERT INTO form_definitions (item_code, version, definition) VALUES ('jt-1', 0, '{}')",
    "INSERT INTO evaluation_appeals (evaluation_id, department_code, reasons, filed_by, filed_at, "
    "decision) VALUES (1, 'JT', 'r', 1, 't', 'maybe')",
    "INSERT INTO evaluations (case_id, client_id, level, comment, created_at) VALUES (2, 'e2', 'good', '', 't')",
    "INSERT INTO cases (case_no, client_id, item_code, form_version, department_code, case_type, state, "
    "answers, content_hash, query_code_salt, query_code_hash, history, received_at) VALUES "
    "('n', 'n', 'jt-1', 2, 'JT', 'approval', 'submitted', '{}', 'h', 's', 'q', '[]', 't')",
    "INSERT INTO case_departments (department_code, case_id) VALUES ('JT', 1)",
    "INSERT INTO disclosure_files (id, name) VALUES ('no-such-upload', 'x')",
    "INSERT INTO complaints (complaint_no, client_id, content_hash, subject, facts, contact, status, "
    "created_at) VALUES ('n', 'n', 'h', 's', 'f', 'c', NULL, 't')",
    "INSERT INTO failed_attempts (scope, key, at) VALUES ('login_ip', NULL, 't')",
]
ACCEPTED = [
    ACCOUNT + "('ok1', 'x', 'window', 'JT', NULL, 'h', 't', 1, 1)",
    ACCOUNT + "('ok2', 'x', 'disclosure', NULL, '11330000ABC', 'h', 't', 0, 0)",
    "INSERT INTO evaluation_appeals (evaluation_id, department_code, reasons, filed_by, filed_at, "
    "decision) VALUES (1, 'JT', 'r', 1, 't', NULL)",
    "DELETE FROM catalog_entries WHERE id = 1",  # bodies and attachments go with it (CASCADE)
]


@dataclass
class Column:
    name: str
    type: str
    not_null: bool
    default: str | None
    identity: bool


@dataclass
class Index:
    unique: bool
    method: str
    columns: tuple[str, ...]
    partial: bool


@dataclass
class Table:
    columns: list[Column] = field(default_factory=list)
    primary_key: tuple[str, ...] = ()
    uniques: set[tuple[str, ...]] = field(default_factory=set)
    # (columns, referenced table, referenced columns, on delete, on update)
    foreign_keys: set[tuple] = field(default_factory=set)
    checks: int = 0
    indexes: dict[str, Index] = field(default_factory=dict)
    triggers: set[str] = field(default_factory=set)


class MigrationFailed(Exception):
    pass


def normalize_default(text: str | None) -> str | None:
    """A default's text, written the same way for both databases."""
    if text is None:
        return None
    value = " ".join(text.split())
    if "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" in value:
        return NOW_DEFAULT
    if (
        "to_char" in value
        and "now()" in value
        and "AT TIME ZONE 'UTC'" in value
        and """'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'""" in value
    ):
        return NOW_DEFAULT
    value = re.sub(r"::(text|bigint|integer|double precision|bytea)\b", "", value)
    while value.startswith("(") and value.endswith(")"):
        value = value[1:-1].strip()
    return value


def strip_comments_and_strings(sql: str) -> str:
    sql = re.sub(r"'(?:[^']|'')*'", "''", sql)
    return re.sub(r"--[^\n]*", "", sql)


# ---------------------------------------------------------------- SQLite


def sqlite_migrate(migrations: list[Path]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    for path in migrations + [None]:
        steps = [("seed", SEEDS.get(path.name if path else None))]
        if path:
            steps.append((path.name, path.read_text()))
        for label, sql in steps:
            if not sql:
                continue
            try:
                db.executescript("BEGIN;\n" + sql + "\nCOMMIT;")
            except sqlite3.Error as error:
                raise MigrationFailed(f"SQLite: {label} {path.name if path else 'at the end'}: {error}") from error
    return db


def sqlite_schema(db: sqlite3.Connection) -> dict[str, Table]:

    objects = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    virtual = {name: sql for kind, name, _, sql in objects
               if kind == "table" and sql and sql.upper().startswith("CREATE VIRTUAL TABLE")}
    shadow = {v + suffix for v in virtual for suffix in FTS_SHADOW_SUFFIXES}
    tables: dict[str, Table] = {}
    for kind, name, _, sql in objects:
        if kind != "table" or name.startswith("sqlite_") or name in shadow:
            continue
        if name in virtual:
            tables[name] = sqlite_fts_table(db, name, sql)
        else:
            tables[name] = sqlite_table(db, name, sql)
    for kind, name, table_name, _ in objects:
        if kind == "trigger" and table_name in tables:
            tables[table_name].triggers.add(name)
    return tables


def sqlite_table(db: sqlite3.Connection, name: str, sql: str) -> Table:
    table = Table()
    info = db.execute(f'PRAGMA table_info("{name}")').fetchall()
    pk = sorted((row[5], row[1]) for row in info if row[5] > 0)
    table.primary_key = tuple(column for _, column in pk)
    # A lone INTEGER PRIMARY KEY is the rowid: auto-numbered, never NULL.
    rowid_alias = (len(pk) == 1 and "WITHOUT ROWID" not in sql.upper()
                   and next(r[2] for r in info if r[1] == pk[0][1]).upper() == "INTEGER")
    for _, column, declared, not_null, default, pk_position in info:
        table.columns.append(Column(
            name=column,
            type=TYPE_MAP.get(declared.upper(), f"<SQLite {declared}>"),
            not_null=bool(not_null) or pk_position > 0,
            default=normalize_default(default),
            identity=rowid_alias and pk_position > 0,
        ))
    for _, index_name, unique, origin, partial in db.execute(f'PRAGMA index_list("{name}")'):
        columns = []
        for _, _, column, descending, _, key in db.execute(f'PRAGMA index_xinfo("{index_name}")'):
            if key:
                columns.append((column or "<expression>") + (" DESC" if descending else ""))
        if origin == "u":
            table.uniques.add(tuple(columns))
        elif origin == "c":
            table.indexes[index_name] = Index(bool(unique), "btree", tuple(columns), bool(partial))
    groups: dict[int, list] = {}
    for row in db.execute(f'PRAGMA foreign_key_list("{name}")'):
        groups.setdefault(row[0], []).append(row)
    for rows in groups.values():
        rows.sort(key=lambda r: r[1])
        target = rows[0][2]
        to = [r[4] for r in rows]
        if any(column is None for column in to):
            target_pk = sorted((r[5], r[1]) for r in db.execute(f'PRAGMA table_info("{target}")') if r[5] > 0)
            to = [column for _, column in target_pk]
        table.foreign_keys.add((tuple(r[3] for r in rows), target, tuple(to), rows[0][6], rows[0][5]))
    table.checks = len(re.findall(r"\bCHECK\s*\(", strip_comments_and_strings(sql), re.IGNORECASE))
    return table


def sqlite_fts_table(db: sqlite3.Connection, name: str, sql: str) -> Table:
    """What an FTS5 table becomes on PostgreSQL (see the module doc)."""
    if "fts5" not in sql.lower():
        raise MigrationFailed(f"SQLite: virtual table {name} is not FTS5; this check knows only FTS5")
    table = Table(primary_key=("rowid",))
    table.columns.append(Column("rowid", "bigint", True, None, False))
    for row in db.execute(f'PRAGMA table_info("{name}")'):
        table.columns.append(Column(row[1], "text", True, None, False))
        table.indexes[f"{name}_{row[1]}_trgm"] = Index(False, "gin", (f"{row[1]} gin_trgm_ops",), False)
    return table


# ---------------------------------------------------------------- PostgreSQL


def psql(url: str, *args: str) -> str:
    environment = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")
    result = subprocess.run(
        ["psql", "-X", "-At", "-F", FIELD_SEPARATOR, "-R", RECORD_SEPARATOR, "-P", f"null={NULL_TEXT}", "-v", "ON_ERROR_STOP=1",
         "-d", url, *args],
        capture_output=True, text=True, env=environment,
    )
    if result.returncode != 0:
        raise MigrationFailed(result.stderr.strip() or f"psql exited with {result.returncode}")
    return result.stdout


def rows(url: str, query: str) -> list[list[str]]:
    output = psql(url, "-c", query).removesuffix("\n")
    return [record.split(FIELD_SEPARATOR) for record in output.split(RECORD_SEPARATOR) if record]


def postgres_migrate(url: str, migrations: list[Path]) -> None:
    existing = rows(url, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S')")
    if existing[0][0] != "0":
        raise MigrationFailed("PostgreSQL: the database is not empty; give a fresh one (createdb)")
    for path in migrations + [None]:
        seed = SEEDS.get(path.name if path else None)
        try:
            if seed:
                psql(url, "--single-transaction", "-q", "-c", seed)
            if path:
                psql(url, "--single-transaction", "-q", "-f", str(path))
        except MigrationFailed as error:
            raise MigrationFailed(f"PostgreSQL: {path.name if path else 'seed at the end'}: {error}") from error


def postgres_schema(url: str) -> dict[str, Table]:

    tables: dict[str, Table] = {}
    for (name,) in rows(url, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                             "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"):
        tables[name] = Table()
    for table_name, column, data_type, nullable, default, identity in rows(url, """
            SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, '<none>'),
                   is_identity
            FROM information_schema.columns WHERE table_schema = 'public'
            ORDER BY table_name, ordinal_position"""):
        if table_name in tables:
            tables[table_name].columns.append(Column(
                name=column,
                type=data_type,
                not_null=nullable == "NO",
                default=None if default == "<none>" else normalize_default(default),
                identity=identity == "YES",
            ))
    key_names = """(SELECT string_agg(a.attname, ',' ORDER BY k.i)
                    FROM unnest({keys}) WITH ORDINALITY AS k (n, i)
                    JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = k.n)"""
    for table_name, kind, columns, target, target_columns, on_delete, on_update in rows(url, f"""
            SELECT r.relname, c.contype, {key_names.format(keys='c.conkey', relation='c.conrelid')},
                   coalesce(t.relname, '-'),
                   coalesce({key_names.format(keys='c.confkey', relation='c.confrelid')}, '-'),
                   c.confdeltype, c.confupdtype
            FROM pg_constraint c
            JOIN pg_class r ON r.oid = c.conrelid
            LEFT JOIN pg_class t ON t.oid = c.confrelid
            WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('p', 'u', 'f', 'c')"""):
        table = tables[table_name]
        columns_tuple = tuple(columns.split(",")) if columns else ()
        if kind == "p":
            table.primary_key = columns_tuple
        elif kind == "u":
            table.uniques.add(columns_tuple)
        elif kind == "f":
            table.foreign_keys.add((columns_tuple, target, tuple(target_columns.split(",")),
                                    POSTGRES_ACTIONS[on_delete], POSTGRES_ACTIONS[on_update]))
        else:
            table.checks += 1
    for table_name, index_name, unique, partial, method, columns in rows(url, """
            SELECT t.relname, x.relname, i.indisunique, i.indpred IS NOT NULL, am.amname,
                   (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true)
                                      || CASE WHEN o.opcdefault THEN '' ELSE ' ' || o.opcname END
                                      || CASE WHEN i.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END,
                                      ',' ORDER BY k)
                    FROM generate_series(1, i.indnkeyatts) AS k
                    JOIN pg_opclass o ON o.oid = i.indclass[k - 1])
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_class x ON x.oid = i.indexrelid
            JOIN pg_am am ON am.oid = x.relam
            WHERE t.relnamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                              WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))"""):
        tables[table_name].indexes[index_name] = Index(
            unique == "t", method, tuple(columns.split(",")), partial == "t")
    for table_name, trigger in rows(url, """
            SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace"""):
        tables[table_name].triggers.add(trigger)
    return tables


# ---------------------------------------------------------------- comparison


def compare(sqlite: dict[str, Table], postgres: dict[str, Table]) -> list[str]:
    differences = []
    for name in sorted(sqlite.keys() - postgres.keys()):
        differences.append(f"table {name}: only on SQLite")
    for name in sorted(postgres.keys() - sqlite.keys()):
        differences.append(f"table {name}: only on PostgreSQL")
    for name in sorted(sqlite.keys() & postgres.keys()):
        differences += [f"table {name}: {d}" for d in compare_table(sqlite[name], postgres[name])]
    return differences


def compare_table(s: Table, p: Table) -> list[str]:
    differences = []
    s_names = [c.name for c in s.columns]
    p_names = [c.name for c in p.columns]
    if s_names != p_names:
        differences.append(f"columns differ:\n      SQLite     {s_names}\n      PostgreSQL {p_names}")
    p_columns = {c.name: c for c in p.columns}
    foreign_key_columns = {column for fk in s.foreign_keys for column in fk[0]}
    for sc in s.columns:
        pc = p_columns.get(sc.name)
        if pc is None:
            continue
        if sc.type != pc.type:
            differences.append(f"column {sc.name}: type {pc.type} on PostgreSQL, {sc.type} expected")
        if sc.not_null != pc.not_null:
            differences.append(f"column {sc.name}: NOT NULL on "
                               f"{'SQLite' if sc.not_null else 'PostgreSQL'} only")
        if sc.default != pc.default:
            differences.append(f"column {sc.name}: default {sc.default!r} on SQLite, {pc.default!r} on PostgreSQL")
        if pc.identity and not sc.identity:
            differences.append(f"column {sc.name}: identity on PostgreSQL, not auto-numbered on SQLite")
        if sc.identity and not pc.identity and sc.name not in foreign_key_columns:
            differences.append(f"column {sc.name}: auto-numbered on SQLite (INTEGER PRIMARY KEY), "
                               "no identity on PostgreSQL")
    if s.primary_key != p.primary_key:
        differences.append(f"primary key {s.primary_key} on SQLite, {p.primary_key} on PostgreSQL")
    for label, s_set, p_set in (("unique constraint", s.uniques, p.uniques),
                                ("foreign key", s.foreign_keys, p.foreign_keys),
                                ("trigger", s.triggers, p.triggers)):
        for item in sorted(s_set - p_set, key=str):
            differences.append(f"{label} {item} only on SQLite")
        for item in sorted(p_set - s_set, key=str):
            differences.append(f"{label} {item} only on PostgreSQL")
    if s.checks != p.checks:
        differences.append(f"{s.checks} CHECK constraints on SQLite, {p.checks} on PostgreSQL")
    for index in sorted(s.indexes.keys() - p.indexes.keys()):
        differences.append(f"index {index} only on SQLite")
    for index in sorted(p.indexes.keys() - s.indexes.keys()):
        differences.append(f"index {index} only on PostgreSQL")
    for index in sorted(s.indexes.keys() & p.indexes.keys()):
        if s.indexes[index] != p.indexes[index]:
            differences.append(f"index {index}: {s.indexes[index]} on SQLite, {p.indexes[index]} on PostgreSQL")
    return differences


def sqlite_rows(db: sqlite3.Connection, name: str, columns: list[str]) -> list[tuple[str, ...]]:
    selected = ", ".join(f'"{c}"' for c in columns)
    return [tuple(NULL_TEXT if v is None else str(v) for v in row)
            for row in db.execute(f'SELECT {selected} FROM "{name}"')]


def postgres_rows(url: str, name: str, columns: list[str]) -> list[tuple[str, ...]]:
    selected = ", ".join(f'"{c}"' for c in columns)
    return [tuple(row) for row in rows(url, f'SELECT {selected} FROM "{name}"')]


def compare_data(db: sqlite3.Connection, url: str, tables: dict[str, Table],
                 postgres: dict[str, Table]) -> tuple[list[str], int]:
    """The rows of every table present on both sides, after the seeds and migrations. Values
    of clock defaults (and meta's schema_created_at) are compared by their format only."""
    differences = []
    count = 0
    for name in sorted(tables.keys() & postgres.keys()):
        columns = [c.name for c in tables[name].columns if c.name in {p.name for p in postgres[name].columns}]
        clock = {i for i, c in enumerate(tables[name].columns) if c.default == NOW_DEFAULT}
        if name == "meta":
            clock.add(columns.index("value"))

        def masked(row: tuple[str, ...], clock: set[int] = clock) -> tuple[str, ...]:
            return tuple("<now>" if i in clock and NOW_VALUE.match(v) else v for i, v in enumerate(row))

        s_rows = sorted(masked(r) for r in sqlite_rows(db, name, columns))
        p_rows = sorted(masked(r) for r in postgres_rows(url, name, columns))
        count += len(s_rows)
        for row in s_rows:
            if row not in p_rows:
                differences.append(f"data {name}: row {row} only on SQLite")
        for row in p_rows:
            if row not in s_rows:
                differences.append(f"data {name}: row {row} only on PostgreSQL")
    return differences, count


def compare_constraints(db: sqlite3.Connection, url: str) -> list[str]:
    """Runs REFUSED and ACCEPTED on both databases (foreign keys on, as the server has them)."""
    db.execute("PRAGMA foreign_keys = ON")
    differences = []
    for statement, expected in [(s, False) for s in REFUSED] + [(s, True) for s in ACCEPTED]:
        db.execute("SAVEPOINT probe")
        try:
            db.execute(statement)
            sqlite_accepts = True
        except sqlite3.Error:
            sqlite_accepts = False
        db.execute("ROLLBACK TO probe")
        db.execute("RELEASE probe")
        try:
            psql(url, "-q", "-c", f"BEGIN; {statement}; ROLLBACK;")
            postgres_accepts = True
        except MigrationFailed:
            postgres_accepts = False
        for engine, accepts in (("SQLite", sqlite_accepts), ("PostgreSQL", postgres_accepts)):
            if accepts != expected:
                differences.append(f"constraints: {engine} {'accepts' if accepts else 'refuses'}: {statement}")
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="an empty PostgreSQL database, e.g. postgres://guichet@127.0.0.1:5432/check")
    arguments = parser.parse_args()

    sqlite_files = sorted(SQLITE_DIR.glob("*.sql"))
    postgres_files = sorted(POSTGRES_DIR.glob("*.sql"))
    differences = []
    s_names = [p.name for p in sqlite_files]
    p_names = [p.name for p in postgres_files]
    if s_names != p_names:
        differences.append(f"migration files differ:\n      SQLite     {s_names}\n      PostgreSQL {p_names}")
    try:
        db = sqlite_migrate(sqlite_files)
        sqlite = sqlite_schema(db)
        postgres_migrate(arguments.url, postgres_files)
        postgres = postgres_schema(arguments.url)
        differences += compare(sqlite, postgres)
        data_differences, row_count = compare_data(db, arguments.url, sqlite, postgres)
        differences += data_differences
        differences += compare_constraints(db, arguments.url)
    except MigrationFailed as error:
        print(f"migration failed: {error}", file=sys.stderr)
        return 2
    if differences:
        print(f"{len(differences)} difference(s) between the SQLite and PostgreSQL schemas:")
        for difference in differences:
            print(f"  - {difference}")
        return 1
    print(f"SQLite and PostgreSQL schemas match: {len(sqlite)} tables, {len(sqlite_files)} migrations; "
          f"the {row_count} seeded rows are the same after them; {len(REFUSED)} statements refused "
          f"and {len(ACCEPTED)} accepted by both (SQLite {sqlite3.sqlite_version}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
