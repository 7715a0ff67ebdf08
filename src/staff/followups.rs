//! 差评整改: the follow-ups of bad ratings, each with the citizen's words, the time left to
//! rectify and the reply sent back.

use leptos::prelude::*;

use super::api::{self, StaffSession};
use super::explain;
use crate::i18n::use_i18n;

#[component]
pub fn Followups(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        api::followups()
    });
    let csrf = StoredValue::new(session.csrf_token);
    view! {
        <h1>{move || i18n.t("staff.followups")}</h1>
        {move || match list.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            Some(Ok(list)) if list.items.is_empty() => view! {
                <p class="empty">{i18n.t("staff.followups_none")}</p>
            }.into_any(),
            Some(Ok(list)) => list.items.into_iter().map(|followup| {
                let text = RwSignal::new(String::new());
                let error = RwSignal::new(None::<String>);
                let id = followup.id;
                let send = move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let reply = text.get_untracked();
                    leptos::task::spawn_local(async move {
                        match api::reply(id, &reply, &csrf.get_value()).await {
                            Ok(_) => version.update(|v| *v += 1),
                            Err(failure) => error.set(Some(explain(&failure))),
                        }
                    });
                };
                view! {
                    <article class="followup">
                        <h2>{followup.case_no.clone()} " · " {followup.level.clone()}</h2>
                        <p>{followup.comment.clone()}</p>
                        <p class="note">{i18n.t("staff.reply_by")} " " {followup.due_date.clone()}</p>
                        {match followup.reply.clone() {
                            Some(reply) => view! { <p><strong>{i18n.t("staff.replied")}</strong> " " {reply}</p> }.into_any(),
                            None => view! {
                                {move || error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
                                <form on:submit=send>
                                    <label>{i18n.t("staff.reply")}
                                        <textarea required prop:value=text
                                            on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                                    </label>
                                    <button type="submit">{i18n.t("staff.send_reply")}</button>
                                </form>
                            }.into_any(),
                        }}
                    </article>
                }
            }).collect_view().into_any(),
        }}
    }
}
