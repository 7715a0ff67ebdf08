//! The staff desks' answers: the session that `POST /api/staff/login`, `GET /api/staff/me` and
//! `POST /api/staff/password` return ([`StaffSession`]), read by every staff bundle; and the
//! admin desk's accounts (`GET /api/staff/accounts`, an [`AccountList`]; a change to one, an
//! [`AccountAnswer`]) and audit log (`GET /api/staff/audit`, an [`AuditPage`]).

use serde::{Deserialize, Serialize};

use crate::wire::cases::Named;

/// The signed-in account and the token every change must carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSession {
    /// Who is signed in.
    pub staff: StaffAccount,
    /// Sent back as `x-csrf-token` with every change.
    pub csrf_token: String,
}

/// A staff account as the desks show it (never its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    /// Internal id. Not decoded by the desks, which never show it: the window desk's bundle
    /// is within bytes of its budget.
    #[serde(skip_deserializing)]
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown on the desk.
    pub display_name: String,
    /// `window`, `department`, `center_admin` or `disclosure`.
    pub role: String,
    /// The department of a `window` or `department` account (absent for the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_code: Option<String>,
    /// The agency of a 信息公开工作人员 (role `disclosure`; absent for the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_code: Option<String>,
    /// That agency's name: present for role `disclosure` only, `null` when the agency is
    /// unknown (`Some(None)`, which reads back as `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_name: Option<Option<String>>,
    /// Signed in with a password an administrator set: must choose one before anything else.
    #[serde(default)]
    pub must_change_password: bool,
}

impl StaffAccount {
    /// The agency's name, when there is one.
    pub fn agency_name(&self) -> Option<&str> {
        self.agency_name.as_ref().and_then(|name| name.as_deref())
    }
}

/// An account as the administrators manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Internal id. Not read by the admin desk, which names accounts by user name.
    #[serde(skip_deserializing)]
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown on the desk.
    pub display_name: String,
    /// `window`, `department`, `center_admin` or `disclosure`.
    pub role: String,
    /// The department of a `window` or `department` account (absent for the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_code: Option<String>,
    /// The agency of a `disclosure` account (absent for the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_code: Option<String>,
    /// Must choose a password at the next sign-in.
    pub must_change_password: bool,
    /// Cannot sign in.
    pub disabled: bool,
    /// When it was created (UTC, RFC 3339). Not read by the admin desk.
    #[serde(skip_deserializing)]
    pub created_at: String,
}

/// Every account, with the departments and agencies an account may belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountList {
    /// Administrators first, then by department, agency and user name.
    pub accounts: Vec<Account>,
    /// The departments.
    pub departments: Vec<Named>,
    /// The agencies (信息公开).
    pub agencies: Vec<Named>,
}

/// The answer to a change of an account: the account as it now stands and, when the server
/// chose a new password (a new account, a reset), that password, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountAnswer {
    /// The account.
    pub account: Account,
    /// The password the person must replace at first sign-in (absent from other changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_password: Option<String>,
}

/// One change in the audit log; `V` is a record before and after it (JSON objects, shown
/// field by field as they come).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry<V> {
    /// Its id (the `before=` of the next page). Not read by the admin desk, which pages with
    /// the page's `next`.
    #[serde(skip_deserializing)]
    pub id: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who made it.
    pub staff_name: String,
    /// What (`account.create`, `calendar.publish`…).
    pub kind: String,
    /// What it was made to (a user name, a year…).
    pub subject: String,
    /// The record before (`null` for a creation).
    pub before: Option<V>,
    /// The record after (`null` for a deletion).
    pub after: Option<V>,
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage<V> {
    /// The changes.
    pub entries: Vec<AuditEntry<V>>,
    /// The `before=` of the following page; `null` on the last.
    pub next: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn account(role: &str) -> StaffAccount {
        StaffAccount {
            id: 3,
            username: "jt-window".into(),
            display_name: "李明".into(),
            role: role.into(),
            department_code: None,
            agency_code: None,
            agency_name: None,
            must_change_password: false,
        }
    }

    #[test]
    fn a_session_is_what_the_server_sent() {
        let session = StaffSession {
            staff: StaffAccount {
                department_code: Some("JT".into()),
                ..account("window")
            },
            csrf_token: "abc".into(),
        };
        let wire = json!({"staff": {"id": 3, "username": "jt-window", "display_name": "李明",
                                    "role": "window", "department_code": "JT",
                                    "must_change_password": false},
                          "csrf_token": "abc"});
        assert_eq!(serde_json::to_value(&session).expect("serializes"), wire);
        let back: StaffSession = serde_json::from_value(wire).expect("decodes");
        // The id is sent, not decoded.
        assert_eq!(back.staff.id, 0);
        assert_eq!(
            back,
            StaffSession {
                staff: StaffAccount {
                    id: 0,
                    ..session.staff
                },
                ..session
            }
        );
        let admin = account("center_admin");
        assert_eq!(
            serde_json::to_value(&admin).expect("serializes"),
            json!({"id": 3, "username": "jt-window", "display_name": "李明",
                   "role": "center_admin", "must_change_password": false})
        );
    }

    #[test]
    fn an_officers_agency_name_is_null_when_the_agency_is_unknown() {
        let known = StaffAccount {
            agency_code: Some("11330000002482000X".into()),
            agency_name: Some(Some("县教育局".into())),
            ..account("disclosure")
        };
        let wire = serde_json::to_value(&known).expect("serializes");
        assert_eq!(wire["agency_name"], json!("县教育局"));
        let back: StaffAccount = serde_json::from_value(wire).expect("decodes");
        assert_eq!(back.agency_name(), Some("县教育局"));
        let unknown = StaffAccount {
            agency_name: Some(None),
            ..known
        };
        let wire = serde_json::to_value(&unknown).expect("serializes");
        assert_eq!(wire["agency_name"], json!(null));
        let back: StaffAccount = serde_json::from_value(wire).expect("decodes");
        assert_eq!(back.agency_name(), None);
    }

    fn managed(role: &str) -> Account {
        Account {
            id: 3,
            username: "jt-window".into(),
            display_name: "李明".into(),
            role: role.into(),
            department_code: None,
            agency_code: None,
            must_change_password: true,
            disabled: false,
            created_at: "2026-12-01T01:00:00.000Z".into(),
        }
    }

    /// What the admin desk reads of `account`: not its id and creation time.
    fn read(account: &Account) -> Account {
        Account {
            id: 0,
            created_at: String::new(),
            ..account.clone()
        }
    }

    #[test]
    fn the_accounts_are_what_the_server_sent() {
        let list = AccountList {
            accounts: vec![
                managed("center_admin"),
                Account {
                    department_code: Some("JT".into()),
                    ..managed("window")
                },
                Account {
                    agency_code: Some("11330000002482000X".into()),
                    disabled: true,
                    ..managed("disclosure")
                },
            ],
            departments: vec![Named {
                code: "JT".into(),
                name: "县交通运输局".into(),
            }],
            agencies: vec![Named {
                code: "11330000002482000X".into(),
                name: "县教育局".into(),
            }],
        };
        let account = |role: &str, scope: Value, disabled: bool| {
            let mut account = json!({"id": 3, "username": "jt-window", "display_name": "李明",
                                     "role": role, "must_change_password": true,
                                     "disabled": disabled,
                                     "created_at": "2026-12-01T01:00:00.000Z"});
            if let (Value::Object(map), Value::Object(scope)) = (&mut account, scope) {
                map.extend(scope);
            }
            account
        };
        let wire = json!({
            "accounts": [account("center_admin", json!({}), false),
                         account("window", json!({"department_code": "JT"}), false),
                         account("disclosure", json!({"agency_code": "11330000002482000X"}),
                                 true)],
            "departments": [{"code": "JT", "name": "县交通运输局"}],
            "agencies": [{"code": "11330000002482000X", "name": "县教育局"}]});
        assert_eq!(serde_json::to_value(&list).expect("serializes"), wire);
        let back: AccountList = serde_json::from_value(wire).expect("decodes");
        assert_eq!(
            back,
            AccountList {
                accounts: list.accounts.iter().map(read).collect(),
                ..list
            }
        );
    }

    #[test]
    fn an_accounts_change_is_what_the_server_sent() {
        let created = AccountAnswer {
            account: managed("center_admin"),
            temporary_password: Some("Xy7-abc".into()),
        };
        let account = json!({"id": 3, "username": "jt-window", "display_name": "李明",
                             "role": "center_admin", "must_change_password": true,
                             "disabled": false, "created_at": "2026-12-01T01:00:00.000Z"});
        let wire = json!({"account": account, "temporary_password": "Xy7-abc"});
        assert_eq!(serde_json::to_value(&created).expect("serializes"), wire);
        let back: AccountAnswer = serde_json::from_value(wire).expect("decodes");
        assert_eq!(back.account, read(&created.account));
        assert_eq!(back.temporary_password.as_deref(), Some("Xy7-abc"));
        // An update, a disabling or an enabling: the account alone.
        let updated = AccountAnswer {
            temporary_password: None,
            ..created
        };
        assert_eq!(
            serde_json::to_value(&updated).expect("serializes"),
            json!({"account": account})
        );
    }

    #[test]
    fn an_audit_page_is_what_the_server_sent() {
        let page = AuditPage {
            entries: vec![AuditEntry {
                id: 41,
                at: "2026-12-01T01:00:00.000Z".into(),
                staff_name: "管理员".into(),
                kind: "account.create".into(),
                subject: "jt-window".into(),
                before: None,
                after: Some(json!({"username": "jt-window", "disabled": false})),
            }],
            next: Some(41),
        };
        let wire = json!({
            "entries": [{"id": 41, "at": "2026-12-01T01:00:00.000Z", "staff_name": "管理员",
                         "kind": "account.create", "subject": "jt-window", "before": null,
                         "after": {"username": "jt-window", "disabled": false}}],
            "next": 41});
        assert_eq!(serde_json::to_value(&page).expect("serializes"), wire);
        let back: AuditPage<Value> = serde_json::from_value(wire).expect("decodes");
        assert_eq!(back.entries[0].id, 0);
        assert_eq!(back.entries[0].after, page.entries[0].after);
        assert_eq!(back.next, Some(41));
        let last = AuditPage::<Value> {
            entries: Vec::new(),
            next: None,
        };
        assert_eq!(
            serde_json::to_value(&last).expect("serializes"),
            json!({"entries": [], "next": null})
        );
    }
}
