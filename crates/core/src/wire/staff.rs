//! The staff desks' answers: the session that `POST /api/staff/login`, `GET /api/staff/me` and
//! `POST /api/staff/password` return ([`StaffSession`]), read by every staff bundle.

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
}
