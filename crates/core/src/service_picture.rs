//! The item page's first screen as HTML (issue 16): the part of `/guide/{code}` above its lists
//! (where to apply, and the facts of 十公开), in Chinese, with the markup the app's item page
//! paints. The server sends it inside the guide's document to a first visit, so the page is
//! painted before the guide's wasm has come; the app keeps it in place until its own copy of
//! the item has loaded (the app's `routes/service.rs` renders the same markup: the
//! first-screen spec compares the two boxes for boxes).
//!
//! It is a picture: nothing in it is found by role or test id (the server marks it `inert`
//! and `aria-hidden`), so it has no ids, test ids or `rel`s.

use crate::i18n::{Lang, tr, tr_args};
use crate::service::{Fee, ServiceItem};

/// The inner HTML of the item page's `<main>` before its lists, as the app paints it in
/// Chinese; `has_form` when the item can be applied for online.
pub fn item_first_screen(item: &ServiceItem, has_form: bool) -> String {
    let zh = Lang::Zh;
    let code = escape(&item.code);
    let mut html = String::with_capacity(2048);
    html.push_str("<p class=\"crumbs\"><a href=\"/guide\" aria-current=\"page\">");
    html.push_str(tr(zh, "nav.guide"));
    html.push_str("</a></p><h1><span>");
    html.push_str(&escape(&item.name));
    html.push_str("</span></h1>");
    if has_form {
        html.push_str(&format!(
            "<p><a href=\"/guide/apply/{code}\" class=\"button\">{}</a></p>",
            tr(zh, "fui.apply_online")
        ));
    } else {
        html.push_str(&format!(
            "<p class=\"note\">{}</p>",
            tr(zh, "fui.window_only")
        ));
    }
    html.push_str(&format!(
        "<p><a href=\"/guide/drafts/print?item={code}\">{}</a></p>",
        tr(zh, "print.blank")
    ));
    html.push_str(&format!(
        "<p class=\"contact-links\"><a href=\"/contact/ask?item={code}\" class=\"button secondary\">{}</a> \
         <a href=\"/contact/book?department={}&amp;item={code}\" class=\"button secondary\">{}</a></p>",
        tr(zh, "finding.item.ask"),
        escape(&item.department.code),
        tr(zh, "finding.item.book"),
    ));

    let said = |text: &str| format!("<span>{}</span>", escape(text));
    let mut facts: Vec<(&str, String)> = vec![
        ("fui.d.code", code.clone()),
        ("fui.d.department", said(&item.department.name)),
        ("fui.d.case_type", item.case_type.label(zh).to_owned()),
    ];
    if !item.joint_departments.is_empty() {
        let names: Vec<&str> = item
            .joint_departments
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        facts.push(("fui.d.joint", said(&names.join("、"))));
    }
    facts.push(("fui.d.promised", item.promised_label(zh)));
    facts.push((
        "fui.d.legal",
        tr_args(
            zh,
            "service.days",
            &[("days", &item.legal_days.to_string())],
        ),
    ));
    match &item.fee {
        Fee::Charged { standard, basis } => {
            facts.push(("fui.d.fee", said(standard)));
            facts.push(("fui.d.fee_basis", said(basis)));
        }
        Fee::Free => facts.push(("fui.d.fee", said(&item.fee.label(zh)))),
    }
    facts.push(("fui.d.result", said(&item.result)));
    facts.push(("fui.d.place", said(&item.place)));
    facts.push(("fui.d.hours", said(&item.hours)));
    let telephone = escape(&item.telephone);
    facts.push((
        "fui.d.telephone",
        format!("<a href=\"tel:{telephone}\">{telephone}</a>"),
    ));

    html.push_str("<dl class=\"facts disclosures\">");
    for (label, value) in facts {
        html.push_str("<dt>");
        html.push_str(tr(zh, label));
        html.push_str("</dt><dd>");
        html.push_str(&value);
        html.push_str("</dd>");
    }
    html.push_str("</dl>");
    html
}

/// `text` safe inside an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> ServiceItem {
        serde_json::from_str(include_str!("../../server/demo/services/GA-001/item.json"))
            .expect("the demo item parses")
    }

    #[test]
    fn the_facts_are_those_of_the_item_in_the_page_order() {
        let html = item_first_screen(&item(), true);
        assert!(html.starts_with("<p class=\"crumbs\"><a href=\"/guide\" aria-current=\"page\">办事指南</a></p><h1><span>居民身份证换领</span></h1>"));
        assert!(html.contains("<a href=\"/guide/apply/GA-001\" class=\"button\">在线预审申请</a>"));
        assert!(html.contains("/contact/book?department=GA&amp;item=GA-001"));
        let labels: Vec<&str> = html
            .match_indices("<dt>")
            .map(|(at, _)| {
                let rest = &html[at + 4..];
                &rest[..rest.find("</dt>").unwrap_or(0)]
            })
            .collect();
        assert_eq!(
            labels,
            [
                "事项编码",
                "实施机关",
                "办件类型",
                "承诺时限",
                "法定时限",
                "收费标准",
                "收费依据",
                "办事结果",
                "办理地点",
                "办理时间",
                "咨询电话"
            ]
        );
        assert!(html.contains("<dt>承诺时限</dt><dd>20个工作日</dd>"));
        assert!(html.ends_with("</dd></dl>"));
    }

    #[test]
    fn an_item_without_a_form_sends_people_to_the_window() {
        let html = item_first_screen(&item(), false);
        assert!(!html.contains("/guide/apply/"));
        assert!(html.contains("<p class=\"note\">此事项暂不支持网上申请"));
    }

    #[test]
    fn what_staff_typed_cannot_become_markup() {
        let mut item = item();
        item.name = "<script>alert(1)</script> & \"x\"".into();
        item.telephone = "\"><img src=x>".into();
        let html = item_first_screen(&item, true);
        assert!(!html.contains("<script>") && !html.contains("<img"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    }
}
