//! The server's own messages: the error envelope's general messages (`error.*`, one per
//! envelope code), the catalog API's parameter problems (`catalog.param.*`), and the words of
//! the window desk that the server resolves (history labels, actors, the materials checklist).

use super::Entry;

/// Server messages, `(key, Chinese, English)`.
pub static SERVER: &[Entry] = &[
    (
        "error.bad_request",
        "请求有误，请检查后重试。",
        "The request is not valid. Please check it and try again.",
    ),
    (
        "error.malformed_json",
        "提交的数据格式不正确，无法读取。",
        "The submitted data is not well-formed and cannot be read.",
    ),
    (
        "error.invalid_json_data",
        "提交的数据缺少必要内容或类型不对。",
        "The submitted data is missing something or has a value of the wrong type.",
    ),
    (
        "error.validation",
        "部分内容填写有误，请按提示修改。",
        "Some entries are not valid. Please correct them as indicated.",
    ),
    (
        "error.not_found",
        "找不到您要访问的内容。",
        "What you are looking for could not be found.",
    ),
    (
        "error.method_not_allowed",
        "此地址不支持该操作。",
        "This operation is not supported at this address.",
    ),
    (
        "error.payload_too_large",
        "提交的内容太大，请减小后重试。",
        "The submitted content is too large. Please make it smaller and try again.",
    ),
    (
        "error.unsupported_media_type",
        "提交的内容类型不受支持。",
        "The type of the submitted content is not supported.",
    ),
    (
        "error.storage_full",
        "中心的文件存储空间已满，暂时无法上传，请稍后再试，或携带材料到窗口办理。",
        "The center's storage is full, so files cannot be uploaded now. Please try again later, or bring your documents to the service window.",
    ),
    (
        "error.unavailable",
        "服务暂时不可用，请稍后再试。",
        "The service is temporarily unavailable. Please try again later.",
    ),
    (
        "error.busy",
        "当前登录或修改密码的人较多，请几秒后再试。",
        "Many people are signing in or changing passwords right now. Please try again in a few seconds.",
    ),
    (
        "error.overloaded",
        "服务器正忙，请稍等几秒后再试。",
        "The server is busy. Please wait a few seconds and try again.",
    ),
    (
        "error.request_timeout",
        "提交的内容没有及时传完，请检查网络后重试。",
        "The submitted content did not arrive in time. Please check your connection and try again.",
    ),
    (
        "error.internal",
        "服务器出现问题，请稍后再试。",
        "Something went wrong on our side. Please try again later.",
    ),
    (
        "catalog.param.number",
        "{name} 应为 {from} 到 {to} 之间的整数，收到“{got}”。",
        "{name} must be a whole number from {from} to {to}; got “{got}”.",
    ),
    (
        "catalog.param.code",
        "未知的 {name} 代码“{got}”，可用：{known}。",
        "Unknown {name} code “{got}”; known codes: {known}.",
    ),
    (
        "catalog.param.year",
        "year 应为 1949 到 2199 之间的年份，收到“{got}”。",
        "year must be a year from 1949 to 2199; got “{got}”.",
    ),
    (
        "catalog.param.agency_too_long",
        "发布机构最长 100 个字。",
        "agency is at most 100 characters.",
    ),
    (
        "catalog.param.query_too_long",
        "搜索词最长 200 个字。",
        "q is at most 200 characters.",
    ),
    (
        "catalog.param.boolean",
        "{name} 应为 true 或 false，收到“{got}”。",
        "{name} must be true or false; got “{got}”.",
    ),
    (
        "catalog.param.cursor_malformed",
        "游标格式不正确：请使用上一页返回的 next_cursor，或不带 since 从头同步。",
        "The cursor is malformed: use the next_cursor of the previous page, or omit since to start over.",
    ),
    (
        "catalog.param.cursor_ahead",
        "游标超前于服务器的目录（数据库可能已恢复）：请不带 since 从头同步。",
        "The cursor is ahead of the server's catalog (the database may have been restored): omit since to start over.",
    ),
    // --- the window desk's words, resolved by the server (api::staff, desk_view) ----------
    ("staff.actor.applicant", "申请人", "Applicant"),
    ("staff.actor.system", "系统", "System"),
    ("staff.history.conclude", "办结", "Concluded"),
    (
        "staff.history.part_approve",
        "{department}联办意见：同意",
        "{department} (joint review): approves",
    ),
    (
        "staff.history.part_deny",
        "{department}联办意见：不同意",
        "{department} (joint review): does not approve",
    ),
    (
        "staff.history.absence",
        "{department}缺席联合会审（缺席默认）",
        "{department} absent from the joint meeting (absence counts as consent)",
    ),
    (
        "staff.history.deemed_consent",
        "{department}逾期未答复，视为同意（超时默认）",
        "{department} did not answer in time: deemed to consent",
    ),
    ("staff.material.received", "已收到", "Received"),
    ("staff.material.missing", "未上传", "Missing"),
    (
        "staff.material.at_window",
        "窗口核验",
        "Checked at the window",
    ),
];
