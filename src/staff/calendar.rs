//! 节假日安排: a center administrator publishes a year's State Council notice.
//!
//! The page lists the years (official or provisional, with their days off) and what was
//! published before. The administrator picks a year, enters the notice's 文号 and pastes its
//! holidays — starting, if they like, from the provisional days the law gives. 「预览」 asks the
//! server what the text means and which open deadlines would move; only then can it be
//! published, after a confirmation that says how many deadlines move. Every check is the
//! server's (the core's calendar rules); its message names the line or date at fault.

use guichet_core::i18n::Lang;
use guichet_core::wire::calendar::{
    CalendarEffect as Preview, CalendarOverview as Overview, CalendarYear as YearView,
};
use leptos::prelude::*;
use serde::Serialize;

use super::api::StaffSession;
use super::explain;
use crate::api::{self, ApiError};
use crate::dom::{self, El, el};
use crate::i18n::use_i18n;

#[derive(Serialize)]
struct YearRequest<'a> {
    year: i32,
    notice: &'a str,
    text: &'a str,
}

/// Days as the text format writes them: consecutive days as one range.
fn days_text(days: &[String]) -> String {
    // `ymd` rather than chrono's parser and `Display`, which weigh kilobytes of wasm.
    let parsed: Vec<chrono::NaiveDate> = days
        .iter()
        .filter_map(|d| guichet_core::ymd::parse(d))
        .collect();
    let mut parts: Vec<String> = Vec::new();
    let mut start = 0;
    for index in 0..parsed.len() {
        let ends_run = parsed
            .get(index + 1)
            .is_none_or(|next| Some(*next) != parsed[index].succ_opt());
        if ends_run {
            let last = guichet_core::ymd::format(parsed[index]);
            parts.push(if index == start {
                last
            } else {
                format!("{}至{last}", guichet_core::ymd::format(parsed[start]))
            });
            start = index + 1;
        }
    }
    parts.join("，")
}

/// A year's holidays as lines of the pasted format (to start from the provisional ones).
fn year_text(year: &YearView) -> String {
    year.holidays
        .iter()
        .map(|holiday| {
            let mut line = format!("{} {}", holiday.name.zh, days_text(&holiday.off));
            if !holiday.make_up.is_empty() {
                line.push_str(&format!("；调休 {}", days_text(&holiday.make_up)));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn tr(lang: Lang, key: &'static str) -> &'static str {
    crate::i18n::tr(lang, key)
}

fn table(testid: &str, headings: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> El {
    let head = el("tr").children(
        headings
            .iter()
            .map(|h| el("th").attr("scope", "col").text(h)),
    );
    let body = el("tbody").children(
        rows.into_iter()
            .map(|cells| el("tr").children(cells.iter().map(|cell| el("td").text(cell)))),
    );
    el("table")
        .attr("data-testid", testid)
        .child(el("thead").child(head))
        .child(body)
}

fn year_table(lang: Lang, year: &YearView) -> El {
    table(
        &format!("calendar-year-{}", year.year),
        &[
            tr(lang, "staff.cal.holiday"),
            tr(lang, "staff.cal.off"),
            tr(lang, "staff.cal.make_up"),
        ],
        year.holidays
            .iter()
            .map(|h| vec![h.name.zh.clone(), days_text(&h.off), days_text(&h.make_up)]),
    )
}

fn labelled(text: &str, control: El) -> El {
    el("label").text(text).child(control)
}

/// What the page shows under the form (changes with each answer, never under the fingers).
#[derive(Clone, Default)]
struct Outcome {
    effect: Option<Preview>,
    error: Option<(String, Vec<(String, String)>)>,
    done: Option<String>,
    confirming: bool,
}

/// The page is plain DOM (see `crate::dom`): as Leptos views it weighed ~25 KB brotli on the
/// desk's first load. The form is built when the overview or the language changes; what
/// answers put under it is built again on each answer, so typing never rebuilds an input.
#[component]
pub fn CalendarDesk(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let overview = LocalResource::new(move || {
        version.get();
        api::get_json::<Overview>("staff/calendar")
    });
    let year = RwSignal::new(None::<i32>);
    let notice = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let outcome = RwSignal::new(Outcome::default());
    let busy = RwSignal::new(false);
    let csrf = StoredValue::new(session.csrf_token);
    let form_root = NodeRef::<leptos::html::Div>::new();
    let result_root = NodeRef::<leptos::html::Div>::new();
    let history_root = NodeRef::<leptos::html::Div>::new();

    // Any change to the input makes the preview stale: publishing needs a fresh one.
    let edited = move || outcome.set(Outcome::default());
    let send = move |publish: bool| {
        let Some(chosen) = year.get_untracked() else {
            return;
        };
        busy.set(true);
        let (notice_now, text_now) = (notice.get_untracked(), text.get_untracked());
        leptos::task::spawn_local(async move {
            let body = YearRequest {
                year: chosen,
                notice: &notice_now,
                text: &text_now,
            };
            let path = if publish {
                "staff/calendar/publish"
            } else {
                "staff/calendar/preview"
            };
            let reply: Result<Preview, ApiError> =
                api::post_with_csrf(path, &body, &csrf.get_value()).await;
            let lang = i18n.lang_untracked();
            outcome.set(match reply {
                Ok(answer) if publish => {
                    version.update(|v| *v += 1);
                    Outcome {
                        done: Some(guichet_core::tr_args(
                            lang,
                            "staff.cal.published",
                            &[
                                ("year", &chosen.to_string()),
                                ("n", &answer.moves.len().to_string()),
                            ],
                        )),
                        ..Outcome::default()
                    }
                }
                Ok(answer) => Outcome {
                    effect: Some(answer),
                    ..Outcome::default()
                },
                Err(failure) => {
                    let fields = match &failure {
                        ApiError::Server { body, .. } => body
                            .fields
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                        _ => Vec::new(),
                    };
                    Outcome {
                        error: Some((explain(&failure), fields)),
                        ..Outcome::default()
                    }
                }
            });
            busy.set(false);
        });
    };

    Effect::new(move |_| {
        let (Some(root), Some(history)) = (form_root.get(), history_root.get()) else {
            return;
        };
        let lang = i18n.lang();
        let (content, record) = match overview.get() {
            None => (el("p").text(tr(lang, "settings.checking")), el("div")),
            Some(Err(failure)) => (
                el("p")
                    .class("banner error")
                    .attr("role", "alert")
                    .text(&explain(&failure)),
                el("div"),
            ),
            Some(Ok(data)) => (
                form_page(lang, &data, year, notice, text, edited, send),
                history_view(lang, &data),
            ),
        };
        dom::replace(&root, content);
        dom::replace(&history, record);
    });
    Effect::new(move |_| {
        let Some(root) = result_root.get() else {
            return;
        };
        let lang = i18n.lang();
        let shown = outcome.get();
        dom::replace(&root, result_view(lang, shown, busy.get(), outcome, send));
    });
    view! {
        <h1>{move || i18n.t("staff.calendar")}</h1>
        <p class="note">{move || i18n.t("staff.cal.intro")}</p>
        <div node_ref=form_root></div>
        <div node_ref=result_root aria-live="polite"></div>
        <div node_ref=history_root></div>
    }
}

/// The years and the form.
fn form_page(
    lang: Lang,
    data: &Overview,
    year: RwSignal<Option<i32>>,
    notice: RwSignal<String>,
    text: RwSignal<String>,
    edited: impl Fn() + Copy + 'static,
    send: impl Fn(bool) + Copy + 'static,
) -> El {
    let years = el("section")
        .class("years")
        .children(data.years.iter().map(|y| {
            let heading = if y.provisional {
                guichet_core::tr_args(
                    lang,
                    "staff.cal.year_provisional",
                    &[("year", &y.year.to_string())],
                )
            } else {
                format!("{} · {}", y.year, y.notice.clone().unwrap_or_default())
            };
            let details = el("details")
                .child(el("summary").text(&heading))
                .child(year_table(lang, y));
            if y.provisional {
                details.attr("open", "")
            } else {
                details
            }
        }));
    let choose = el("select")
        .attr("data-testid", "cal-year")
        .attr("required", "")
        .child(
            el("option")
                .attr("value", "")
                .text(tr(lang, "staff.cal.choose")),
        )
        .children(data.years.iter().map(|y| {
            let option = el("option")
                .attr("value", &y.year.to_string())
                .text(&y.year.to_string());
            if year.get_untracked() == Some(y.year) {
                option.attr("selected", "")
            } else {
                option
            }
        }))
        .on("change", move |event| {
            year.set(dom::target_value(&event).parse().ok());
            edited();
        });
    let notice_input = el("input")
        .attr("type", "text")
        .attr("data-testid", "cal-notice")
        .attr("maxlength", "200")
        .attr("required", "")
        .attr("placeholder", tr(lang, "staff.cal.notice_hint"))
        .attr("value", &notice.get_untracked())
        .on("input", move |event| {
            notice.set(dom::target_value(&event));
            edited();
        });
    let text_area = el("textarea")
        .attr("data-testid", "cal-text")
        .attr("rows", "9")
        .attr("required", "")
        .text(&text.get_untracked())
        .on("input", move |event| {
            text.set(dom::target_value(&event));
            edited();
        });
    let textarea_node = text_area.0.clone();
    let statutory = data.years.clone();
    let start = el("button")
        .attr("type", "button")
        .class("secondary")
        .attr("data-testid", "cal-start")
        .text(tr(lang, "staff.cal.start_from"))
        .on("click", move |_| {
            if let Some(y) = statutory
                .iter()
                .find(|y| Some(y.year) == year.get_untracked())
            {
                let lines = year_text(y);
                let _ =
                    js_sys::Reflect::set(&textarea_node, &"value".into(), &lines.as_str().into());
                text.set(lines);
                edited();
            }
        });
    let form = el("form")
        .class("calendar-form")
        .child(labelled(tr(lang, "staff.cal.year"), choose))
        .child(labelled(tr(lang, "staff.cal.notice"), notice_input))
        .child(
            labelled(
                tr(lang, "staff.cal.text"),
                el("span")
                    .class("hint")
                    .text(tr(lang, "staff.cal.text_hint")),
            )
            .child(text_area),
        )
        .child(
            el("div").class("actions").child(start).child(
                el("button")
                    .attr("type", "submit")
                    .attr("data-testid", "cal-preview")
                    .text(tr(lang, "staff.cal.preview")),
            ),
        )
        .on("submit", move |event| {
            event.prevent_default();
            send(false);
        });
    el("div")
        .child(years)
        .child(el("h2").text(tr(lang, "staff.cal.publish")))
        .child(form)
}

/// What was published, newest first.
fn history_view(lang: Lang, data: &Overview) -> El {
    let history = if data.publications.is_empty() {
        el("p")
            .class("empty")
            .text(tr(lang, "staff.cal.history_none"))
    } else {
        table(
            "cal-history",
            &[
                tr(lang, "staff.cal.year"),
                tr(lang, "staff.cal.notice"),
                tr(lang, "staff.cal.by"),
                tr(lang, "staff.cal.at"),
                tr(lang, "staff.cal.moved"),
            ],
            data.publications.iter().map(|p| {
                vec![
                    p.year.to_string(),
                    p.notice.clone(),
                    p.by.clone(),
                    crate::clock::show_rfc3339(&p.at),
                    p.moved_deadlines.to_string(),
                ]
            }),
        )
    };
    el("div")
        .child(el("h2").text(tr(lang, "staff.cal.history")))
        .child(history)
}

/// The server's answer: the error, the preview with its confirmation, or the publication.
fn result_view(
    lang: Lang,
    shown: Outcome,
    busy: bool,
    outcome: RwSignal<Outcome>,
    send: impl Fn(bool) + Copy + 'static,
) -> El {
    let field_label = |field: &str| match field {
        "year" => tr(lang, "staff.cal.year"),
        "notice" => tr(lang, "staff.cal.notice"),
        _ => tr(lang, "staff.cal.text"),
    };
    let error =
        shown.error.map(|(message, fields)| {
            el("div")
                .class("banner error")
                .attr("role", "alert")
                .attr("data-testid", "cal-error")
                .child(el("p").text(&message))
                .child(el("ul").children(fields.iter().map(|(field, text)| {
                    el("li").text(&format!("{}：{text}", field_label(field)))
                })))
        });
    let done = shown.done.map(|message| {
        el("p")
            .class("panel-ok")
            .attr("role", "status")
            .attr("data-testid", "cal-done")
            .text(&message)
    });
    let confirming = shown.confirming;
    let effect = shown.effect.map(|answer| {
        let count = answer.moves.len().to_string();
        let moves = (!answer.moves.is_empty()).then(|| {
            table(
                "cal-moves",
                &[
                    tr(lang, "track.case_no"),
                    tr(lang, "staff.item"),
                    tr(lang, "track.department"),
                    tr(lang, "staff.cal.from"),
                    tr(lang, "staff.cal.to"),
                ],
                answer.moves.iter().map(|m| {
                    vec![
                        m.case_no.clone(),
                        m.item_name.clone(),
                        m.department.clone().unwrap_or_default(),
                        m.from.clone(),
                        m.to.clone(),
                    ]
                }),
            )
        });
        let publish = el("button")
            .attr("type", "button")
            .text(tr(lang, "staff.cal.publish_now"));
        let action = if confirming {
            let confirm = if busy {
                publish.attr("disabled", "")
            } else {
                publish
            };
            el("div")
                .class("confirm")
                .attr("role", "alertdialog")
                .attr("aria-labelledby", "cal-confirm-text")
                .child(
                    el("p")
                        .attr("id", "cal-confirm-text")
                        .text(&guichet_core::tr_args(
                            lang,
                            "staff.cal.confirm",
                            &[("n", &count)],
                        )),
                )
                .child(
                    confirm
                        .attr("data-testid", "cal-confirm")
                        .on("click", move |_| send(true)),
                )
                .text(" ")
                .child(
                    el("button")
                        .attr("type", "button")
                        .class("secondary")
                        .text(tr(lang, "staff.cancel"))
                        .on("click", move |_| outcome.update(|o| o.confirming = false)),
                )
        } else {
            publish
                .attr("data-testid", "cal-publish")
                .on("click", move |_| outcome.update(|o| o.confirming = true))
        };
        el("section")
            .attr("data-testid", "cal-effect")
            .child(el("h2").text(tr(lang, "staff.cal.effect")))
            .child(year_table(lang, &answer.year))
            .child(
                el("p")
                    .attr("data-testid", "cal-moves-count")
                    .text(&guichet_core::tr_args(
                        lang,
                        "staff.cal.moves",
                        &[("n", &count)],
                    )),
            )
            .maybe(moves)
            .child(action)
    });
    el("div").maybe(error).maybe(done).maybe(effect)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_days_become_ranges() {
        let days: Vec<String> = ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-10"]
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(days_text(&days), "2027-02-05至2027-02-07，2027-02-10");
        assert_eq!(days_text(&[]), "");
    }
}
