//! The staff desk's interface strings (`staff.*`).

use super::Entry;

/// Staff desk strings, `(key, Chinese, English)`.
pub static STAFF_UI: &[Entry] = &[
    ("staff.title", "工作人员工作台", "Staff desk"),
    ("staff.login", "工作人员登录", "Staff sign-in"),
    ("staff.username", "用户名", "Username"),
    ("staff.password", "密码", "Password"),
    ("staff.sign_in", "登录", "Sign in"),
    (
        "staff.login_unreachable",
        "无法连接服务器，请检查网络后重试。",
        "The server cannot be reached. Check the network and try again.",
    ),
];
