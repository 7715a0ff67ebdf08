//! The names of the case types (`case.type.*`: 即办件, 承诺件, …), a slice of their own: the guide
//! shows them on every item page, and nothing else of the case rules (`rules_cases.rs`), whose
//! ~120 strings stay off its first load.

use super::Entry;

/// The case types' names, `(key, Chinese, English)`.
pub static CASE_TYPES: &[Entry] = &[
    ("case.type.immediate", "即办件", "Immediate case"),
    ("case.type.promised", "承诺件", "Promised case"),
    ("case.type.joint", "联办件", "Joint case"),
    ("case.type.reported", "上报件", "Reported case"),
    (
        "case.type.disclosure",
        "政府信息公开申请",
        "Request for government information",
    ),
];
