//! Strings of case tracking, the staff desk, 好差评 and complaints (server replies the
//! citizen reads, and the labels the app and the staff desk show).

use super::Entry;

/// `(key, Chinese, English)`.
pub static CASES: &[Entry] = &[
    (
        "appeal.already",
        "该差评已经申诉过，每条差评只能申诉一次。",
        "This rating was already appealed; a rating can be appealed once.",
    ),
    (
        "appeal.answered",
        "该差评已答复整改，不能再申诉。",
        "The follow-up was answered; the rating can no longer be appealed.",
    ),
    (
        "appeal.too_late",
        "已超过整改期限，不能再申诉。",
        "The follow-up period is over; the rating can no longer be appealed.",
    ),
    (
        "appeal.reasons",
        "请写明申诉理由（10 至 2000 字）。",
        "Give the reasons for the appeal (10 to 2,000 characters).",
    ),
    ("appeal.upheld", "申诉成立", "Appeal upheld"),
    ("appeal.rejected", "申诉不成立", "Appeal rejected"),
    ("appeal.pending", "申诉待复核", "Appeal awaiting review"),
    ("evaluation.very_satisfied", "非常满意", "Very satisfied"),
    ("evaluation.satisfied", "满意", "Satisfied"),
    ("evaluation.basic", "基本满意", "Fairly satisfied"),
    ("evaluation.dissatisfied", "不满意", "Dissatisfied"),
    (
        "evaluation.very_dissatisfied",
        "非常不满意",
        "Very dissatisfied",
    ),
    (
        "case.who.center",
        "行政服务中心",
        "Administrative Service Center",
    ),
    (
        "case.lookup.not_found",
        "办件编号或查询码不正确。",
        "The case number or query code is not correct.",
    ),
    (
        "case.lookup.rate_limited",
        "尝试次数过多，请稍后再试。",
        "Too many attempts. Please try again later.",
    ),
    (
        "case.conflict",
        "办件状态已变化，无法执行该操作，请刷新后重试。",
        "The case is no longer in a state that allows this; please reload and try again.",
    ),
    (
        "case.joint.incomplete",
        "联办件尚有部门未出具意见，暂不能办结。",
        "A department of this joint case has not answered yet; it cannot be concluded.",
    ),
    (
        "case.joint.outcome_mismatch",
        "办结结果应与各部门联审意见一致。",
        "The decision must match the departments' joint review.",
    ),
    (
        "case.supplement.missing_required",
        "请列出需要补正的材料。",
        "Please list the missing materials.",
    ),
    (
        "evaluation.already",
        "该办件已评价过。",
        "This case has already been rated.",
    ),
    (
        "evaluation.not_concluded",
        "办件办结后才能评价。",
        "A case can be rated once it is concluded.",
    ),
    (
        "followup.already_replied",
        "该差评已回复。",
        "This rating has already been answered.",
    ),
    ("complaint.status.received", "已受理", "Received"),
    ("complaint.status.answered", "已答复", "Answered"),
    (
        "complaint.field.required",
        "此项为必填项。",
        "This field is required.",
    ),
    (
        "complaint.field.too_long",
        "内容过长，请精简后重试。",
        "This is too long; please shorten it.",
    ),
    (
        "staff.login_failed",
        "用户名或密码不正确，或账号已暂时锁定。",
        "Wrong user name or password, or the account is temporarily locked.",
    ),
    ("staff.unauthorized", "请先登录。", "Please sign in first."),
    (
        "staff.forbidden",
        "您无权访问或处理该内容。",
        "You are not allowed to see or act on this.",
    ),
    (
        "staff.csrf",
        "请求校验失败，请刷新页面后重试。",
        "The request could not be verified; please reload the page and try again.",
    ),
    (
        "staff.field.required",
        "此项为必填项。",
        "This field is required.",
    ),
];
