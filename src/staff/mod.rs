//! The staff desk (窗口工作台), a second app built from this crate into its own bundle
//! (`staff/index.html`, served under `/staff`), so none of its code reaches the citizens'
//! first load. It shares the string table, the preferences and the API client with the
//! citizen app, and works online only: staff sit at the center, on its network.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::prefs::Prefs;

/// Mounts the staff desk on `<body>`.
pub fn mount() {
    crate::console_error_panic_hook_lite();
    leptos::mount::mount_to_body(StaffDesk);
}

#[derive(Serialize)]
struct Credentials {
    username: String,
    password: String,
}

/// Who is signed in, as the server tells it.
#[derive(Debug, Clone, Deserialize)]
pub struct StaffMe {
    pub username: String,
    pub display_name: String,
}

#[component]
fn StaffDesk() -> impl IntoView {
    Prefs::provide();
    let i18n = use_i18n();
    let me = RwSignal::new(None::<StaffMe>);
    view! {
        <header class="site-header">
            <div class="bar">
                <span class="site-title">{move || i18n.t("staff.title")}</span>
            </div>
        </header>
        <main id="main" class="desk">
            {move || match me.get() {
                None => view! { <Login me/> }.into_any(),
                Some(who) => view! {
                    <h1>{move || i18n.t("staff.title")}</h1>
                    <p data-testid="staff-me">{who.display_name.clone()}</p>
                }
                .into_any(),
            }}
        </main>
    }
}

#[component]
fn Login(me: RwSignal<Option<StaffMe>>) -> impl IntoView {
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let credentials = Credentials {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::post_json::<_, StaffMe>("staff/login", &credentials).await {
                Ok(who) => {
                    error.set(None);
                    me.set(Some(who));
                }
                Err(ApiError::Server { body, .. }) => error.set(Some(body.message)),
                Err(_) => error.set(Some(i18n.t("staff.login_unreachable").to_string())),
            }
            busy.set(false);
        });
    };
    view! {
        <h1>{move || i18n.t("staff.login")}</h1>
        {move || error.get().map(|message| view! {
            <p class="banner error" role="alert" data-testid="login-error">{message}</p>
        })}
        <form class="login" on:submit=submit>
            <label>
                {move || i18n.t("staff.username")}
                <input type="text" name="username" autocomplete="username" required
                    prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/>
            </label>
            <label>
                {move || i18n.t("staff.password")}
                <input type="password" name="password" autocomplete="current-password" required
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
            </label>
            <button type="submit" prop:disabled=busy>{move || i18n.t("staff.sign_in")}</button>
        </form>
    }
}
