//! 节假日安排: a center administrator publishes a year's State Council notice.
//!
//! The page lists the years (official or provisional, with their days off) and what was
//! published before. The administrator picks a year, enters the notice's 文号 and pastes its
//! holidays — starting, if they like, from the provisional days the law gives. 「预览」 asks the
//! server what the text means and which open deadlines would move; only then can it be
//! published, after a confirmation that says how many deadlines move. Every check is the
//! server's (the core's calendar rules); its message names the line or date at fault.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::api::StaffSession;
use super::explain;
use crate::api::{self, ApiError};
use crate::i18n::use_i18n;

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Name {
    zh: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct HolidayView {
    name: Name,
    off: Vec<String>,
    #[serde(default)]
    make_up: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct YearView {
    year: i32,
    provisional: bool,
    #[serde(default)]
    notice: Option<String>,
    holidays: Vec<HolidayView>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Publication {
    year: i32,
    notice: String,
    by: String,
    at: String,
    moved_deadlines: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Overview {
    years: Vec<YearView>,
    publications: Vec<Publication>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Move {
    case_no: String,
    item_name: String,
    #[serde(default)]
    department: Option<String>,
    from: String,
    to: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Effect {
    year: YearView,
    moves: Vec<Move>,
}

#[derive(Serialize)]
struct YearRequest<'a> {
    year: i32,
    notice: &'a str,
    text: &'a str,
}

/// Days as the text format writes them: consecutive days as one range.
fn days_text(days: &[String]) -> String {
    let parsed: Vec<chrono::NaiveDate> = days.iter().filter_map(|d| d.parse().ok()).collect();
    let mut parts: Vec<String> = Vec::new();
    let mut start = 0;
    for index in 0..parsed.len() {
        let ends_run = parsed
            .get(index + 1)
            .is_none_or(|next| Some(*next) != parsed[index].succ_opt());
        if ends_run {
            parts.push(if index == start {
                parsed[index].to_string()
            } else {
                format!("{}至{}", parsed[start], parsed[index])
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

#[component]
fn YearTable(year: YearView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="holidays" data-testid=format!("calendar-year-{}", year.year)>
            <thead><tr>
                <th scope="col">{i18n.t("staff.cal.holiday")}</th>
                <th scope="col">{i18n.t("staff.cal.off")}</th>
                <th scope="col">{i18n.t("staff.cal.make_up")}</th>
            </tr></thead>
            <tbody>
                {year.holidays.into_iter().map(|h| view! {
                    <tr>
                        <td>{h.name.zh}</td>
                        <td>{days_text(&h.off)}</td>
                        <td>{days_text(&h.make_up)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

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
    let effect = RwSignal::new(None::<Effect>);
    let error = RwSignal::new(None::<(String, Vec<(String, String)>)>);
    let done = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let csrf = StoredValue::new(session.csrf_token);
    // Any change to the input makes the preview stale: publishing needs a fresh one.
    let edited = move || {
        effect.set(None);
        confirming.set(false);
        done.set(None);
    };
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
            let reply: Result<Effect, ApiError> =
                api::post_with_csrf(path, &body, &csrf.get_value()).await;
            match reply {
                Ok(answer) => {
                    error.set(None);
                    confirming.set(false);
                    if publish {
                        done.set(Some(guichet_core::tr_args(
                            i18n.lang(),
                            "staff.cal.published",
                            &[
                                ("year", &chosen.to_string()),
                                ("n", &answer.moves.len().to_string()),
                            ],
                        )));
                        effect.set(None);
                        version.update(|v| *v += 1);
                    } else {
                        effect.set(Some(answer));
                    }
                }
                Err(failure) => {
                    let fields = match &failure {
                        ApiError::Server { body, .. } => body
                            .fields
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                        _ => Vec::new(),
                    };
                    error.set(Some((explain(&failure), fields)));
                }
            }
            busy.set(false);
        });
    };
    let field_label = move |field: &str| match field {
        "year" => i18n.t("staff.cal.year"),
        "notice" => i18n.t("staff.cal.notice"),
        _ => i18n.t("staff.cal.text"),
    };
    view! {
        <h1>{move || i18n.t("staff.calendar")}</h1>
        <p class="note">{move || i18n.t("staff.cal.intro")}</p>
        {move || match overview.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(Err(failure)) => view! { <p class="banner error" role="alert">{explain(&failure)}</p> }.into_any(),
            Some(Ok(data)) => {
                let choices = data.years.clone();
                let starting = data.years.clone();
                view! {
                    <section class="years">
                        {data.years.into_iter().map(|y| {
                            let heading = if y.provisional {
                                guichet_core::tr_args(i18n.lang(), "staff.cal.year_provisional", &[("year", &y.year.to_string())])
                            } else {
                                format!("{} · {}", y.year, y.notice.clone().unwrap_or_default())
                            };
                            let unpublished = y.provisional;
                            view! {
                                <details open=unpublished>
                                    <summary>{heading}</summary>
                                    <YearTable year=y/>
                                </details>
                            }
                        }).collect_view()}
                    </section>
                    <h2>{i18n.t("staff.cal.publish")}</h2>
                    <form class="calendar-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(false); }>
                        <label>
                            {i18n.t("staff.cal.year")}
                            <select data-testid="cal-year" required
                                on:change=move |ev| { year.set(event_target_value(&ev).parse().ok()); edited(); }>
                                <option value="">{i18n.t("staff.cal.choose")}</option>
                                {choices.into_iter().map(|y| view! {
                                    <option value=y.year.to_string()>{y.year}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <label>
                            {i18n.t("staff.cal.notice")}
                            <input type="text" data-testid="cal-notice" maxlength="200" required
                                placeholder=i18n.t("staff.cal.notice_hint")
                                prop:value=notice on:input=move |ev| { notice.set(event_target_value(&ev)); edited(); }/>
                        </label>
                        <label>
                            {i18n.t("staff.cal.text")}
                            <span class="hint">{i18n.t("staff.cal.text_hint")}</span>
                            <textarea data-testid="cal-text" rows="9" required
                                prop:value=text on:input=move |ev| { text.set(event_target_value(&ev)); edited(); }></textarea>
                        </label>
                        <div class="actions">
                            <button type="button" class="secondary" data-testid="cal-start"
                                prop:disabled=move || year.get().is_none()
                                on:click=move |_| {
                                    if let Some(y) = starting.iter().find(|y| Some(y.year) == year.get_untracked()) {
                                        text.set(year_text(y));
                                        edited();
                                    }
                                }>
                                {i18n.t("staff.cal.start_from")}
                            </button>
                            <button type="submit" data-testid="cal-preview" prop:disabled=busy>{i18n.t("staff.cal.preview")}</button>
                        </div>
                    </form>
                    {move || error.get().map(|(message, fields)| view! {
                        <div class="banner error" role="alert" data-testid="cal-error">
                            <p>{message}</p>
                            <ul>{fields.into_iter().map(|(field, text)| view! {
                                <li>{field_label(&field)} "：" {text}</li>
                            }).collect_view()}</ul>
                        </div>
                    })}
                    {move || done.get().map(|message| view! {
                        <p class="panel-ok" role="status" data-testid="cal-done">{message}</p>
                    })}
                    {move || effect.get().map(|answer| {
                        let count = answer.moves.len();
                        view! {
                            <section data-testid="cal-effect">
                                <h2>{i18n.t("staff.cal.effect")}</h2>
                                <YearTable year=answer.year.clone()/>
                                <p data-testid="cal-moves-count">{guichet_core::tr_args(i18n.lang(), "staff.cal.moves", &[("n", &count.to_string())])}</p>
                                {(count > 0).then(|| view! {
                                    <table data-testid="cal-moves">
                                        <thead><tr>
                                            <th scope="col">{i18n.t("track.case_no")}</th>
                                            <th scope="col">{i18n.t("staff.item")}</th>
                                            <th scope="col">{i18n.t("track.parts")}</th>
                                            <th scope="col">{i18n.t("staff.cal.from")}</th>
                                            <th scope="col">{i18n.t("staff.cal.to")}</th>
                                        </tr></thead>
                                        <tbody>{answer.moves.into_iter().map(|m| view! {
                                            <tr><td>{m.case_no}</td><td>{m.item_name}</td>
                                                <td>{m.department.unwrap_or_default()}</td>
                                                <td>{m.from}</td><td>{m.to}</td></tr>
                                        }).collect_view()}</tbody>
                                    </table>
                                })}
                                {move || if confirming.get() {
                                    view! {
                                        <div class="confirm" role="alertdialog" aria-labelledby="cal-confirm-text">
                                            <p id="cal-confirm-text">{guichet_core::tr_args(i18n.lang(), "staff.cal.confirm", &[("n", &count.to_string())])}</p>
                                            <button type="button" data-testid="cal-confirm" prop:disabled=busy
                                                on:click=move |_| send(true)>{i18n.t("staff.cal.publish_now")}</button>
                                            " "
                                            <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{i18n.t("fui.cancel")}</button>
                                        </div>
                                    }.into_any()
                                } else {
                                    view! {
                                        <button type="button" data-testid="cal-publish"
                                            on:click=move |_| confirming.set(true)>{i18n.t("staff.cal.publish_now")}</button>
                                    }.into_any()
                                }}
                            </section>
                        }
                    })}
                    <h2>{i18n.t("staff.cal.history")}</h2>
                    {if data.publications.is_empty() {
                        view! { <p class="empty">{i18n.t("staff.cal.history_none")}</p> }.into_any()
                    } else {
                        view! {
                            <table data-testid="cal-history">
                                <thead><tr>
                                    <th scope="col">{i18n.t("staff.cal.year")}</th>
                                    <th scope="col">{i18n.t("staff.cal.notice")}</th>
                                    <th scope="col">{i18n.t("staff.cal.by")}</th>
                                    <th scope="col">{i18n.t("staff.cal.at")}</th>
                                    <th scope="col">{i18n.t("staff.cal.moved")}</th>
                                </tr></thead>
                                <tbody>{data.publications.into_iter().map(|p| view! {
                                    <tr><td>{p.year}</td><td>{p.notice}</td><td>{p.by}</td>
                                        <td>{crate::clock::show_rfc3339(&p.at)}</td>
                                        <td>{p.moved_deadlines}</td></tr>
                                }).collect_view()}</tbody>
                            </table>
                        }.into_any()
                    }}
                }.into_any()
            }
        }}
    }
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
