//! 账号管理 (center administrators): every account with its role and scope; create one (the
//! server chooses a temporary password, shown once, that the person must replace at first
//! sign-in), change its name and role, disable or re-enable it, reset its password. Every
//! step that locks someone out asks first, in the page.

use guichet_core::wire::staff::{Account, AccountAnswer, AccountList};
use leptos::prelude::*;
use serde_json::{Value, json};

use crate::i18n::use_i18n;
use crate::staff::admin_api as calls;
use crate::staff::api::StaffSession;
use crate::staff::explain;

/// The roles an account may have, with their label keys.
const ROLES: &[(&str, &str)] = &[
    ("window", "admin.role.window"),
    ("department", "admin.role.department"),
    ("disclosure", "admin.role.disclosure"),
    ("center_admin", "admin.role.center_admin"),
];

/// The accounts page.
pub fn page(session: StaffSession) -> AnyView {
    view! { <Accounts session/> }.into_any()
}

#[component]
fn Accounts(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.get();
        calls::accounts()
    });
    let csrf = StoredValue::new(session.csrf_token);
    // What the last step produced: a temporary password to hand over, or a plain result.
    let notice = RwSignal::new(None::<String>);
    // The account being edited (`None`: the form creates one).
    let editing = RwSignal::new(None::<Account>);
    view! {
        <h1>{move || i18n.t("admin.tab.accounts")}</h1>
        {move || notice.get().map(|message| view! {
            <p class="banner" role="status" data-testid="account-notice">{message}</p>
        })}
        {move || match data.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            Some(Ok(data)) => {
                let rows = data.accounts.clone();
                let scopes = StoredValue::new(data);
                view! {
                    <div class="table-wrap">
                        <table data-testid="accounts">
                            <thead><tr>
                                <th scope="col">{i18n.t("staff.username")}</th>
                                <th scope="col">{i18n.t("admin.account.name")}</th>
                                <th scope="col">{i18n.t("admin.account.role")}</th>
                                <th scope="col">{i18n.t("admin.account.scope")}</th>
                                <th scope="col">{i18n.t("admin.account.status")}</th>
                                <th scope="col">{i18n.t("admin.account.actions")}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| view! {
                                    <AccountRow row scopes csrf version notice editing/>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <AccountForm scopes csrf version notice editing/>
                }.into_any()
            }
        }}
    }
}

/// The name of an account's department or agency.
fn scope_name(scopes: &AccountList, row: &Account) -> String {
    let (list, code) = match (&row.department_code, &row.agency_code) {
        (Some(code), _) => (&scopes.departments, code),
        (_, Some(code)) => (&scopes.agencies, code),
        _ => return String::new(),
    };
    list.iter()
        .find(|s| &s.code == code)
        .map_or_else(|| code.clone(), |s| s.name.clone())
}

/// What a change of `user`'s account says: the temporary password to hand over, or that it
/// is done.
fn done(user: &str, answer: &AccountAnswer) -> String {
    let lang = crate::api::language();
    match &answer.temporary_password {
        Some(password) => guichet_core::tr_args(
            lang,
            "admin.account.temporary",
            &[("user", user), ("password", password)],
        ),
        None => guichet_core::tr_args(lang, "admin.account.done", &[("user", user)]),
    }
}

fn role_key(role: &str) -> &'static str {
    ROLES
        .iter()
        .find(|(code, _)| *code == role)
        .map_or("admin.role.unknown", |(_, key)| key)
}

#[component]
fn AccountRow(
    row: Account,
    scopes: StoredValue<AccountList>,
    csrf: StoredValue<String>,
    version: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
    editing: RwSignal<Option<Account>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let username = row.username.clone();
    let disabled = row.disabled;
    let must_change = row.must_change_password;
    // The step waiting for confirmation: ("disable" | "reset-password", its question key).
    let asking = RwSignal::new(None::<(&'static str, &'static str)>);
    let error = RwSignal::new(None::<String>);
    let name = StoredValue::new(username.clone());
    let run = move |step: &'static str| {
        let user = name.get_value();
        leptos::task::spawn_local(async move {
            match calls::account_step(&user, step, &csrf.get_value()).await {
                Ok(answer) => {
                    notice.set(Some(done(&user, &answer)));
                    version.update(|v| *v += 1);
                }
                Err(failure) => error.set(Some(explain(&failure))),
            }
            asking.set(None);
        });
    };
    let edit_row = row.clone();
    let status = if disabled {
        i18n.t("admin.account.disabled")
    } else if must_change {
        i18n.t("admin.account.must_change")
    } else {
        i18n.t("admin.account.enabled")
    };
    view! {
        <tr data-testid="account-row" data-username=username.clone()>
            <td>{username.clone()}</td>
            <td>{row.display_name.clone()}</td>
            <td>{i18n.t(role_key(&row.role))}</td>
            <td>{scopes.with_value(|scopes| scope_name(scopes, &row))}</td>
            <td>{status}</td>
            <td class="actions">
                <button type="button" class="link" on:click=move |_| editing.set(Some(edit_row.clone()))>
                    {i18n.t("admin.account.edit")}</button>
                {if disabled {
                    view! {
                        <button type="button" class="link" data-testid="account-enable"
                            on:click=move |_| run("enable")>{i18n.t("admin.account.enable")}</button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="link" data-testid="account-disable"
                            on:click=move |_| asking.set(Some(("disable", "admin.account.disable_confirm")))>
                            {i18n.t("admin.account.disable")}</button>
                    }.into_any()
                }}
                <button type="button" class="link" data-testid="account-reset"
                    on:click=move |_| asking.set(Some(("reset-password", "admin.account.reset_confirm")))>
                    {i18n.t("admin.account.reset")}</button>
                {move || asking.get().map(|(step, question)| view! {
                    <div class="confirm" role="group" data-testid="account-confirm">
                        <p>{guichet_core::tr_args(i18n.lang(), question, &[("user", &name.get_value())])}</p>
                        <button type="button" data-testid="account-confirm-yes"
                            on:click=move |_| run(step)>{i18n.t("admin.confirm_yes")}</button>
                        " "
                        <button type="button" class="secondary"
                            on:click=move |_| asking.set(None)>{i18n.t("admin.confirm_no")}</button>
                    </div>
                })}
                {move || error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
            </td>
        </tr>
    }
}

/// Creates an account, or changes the one being edited.
#[component]
fn AccountForm(
    scopes: StoredValue<AccountList>,
    csrf: StoredValue<String>,
    version: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
    editing: RwSignal<Option<Account>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new("window".to_owned());
    let department = RwSignal::new(String::new());
    let agency = RwSignal::new(String::new());
    let errors = RwSignal::new(Value::Null);
    // Editing fills the form with the account's values.
    Effect::new(move |_| {
        if let Some(row) = editing.get() {
            username.set(row.username);
            display_name.set(row.display_name);
            role.set(row.role);
            department.set(row.department_code.unwrap_or_default());
            agency.set(row.agency_code.unwrap_or_default());
            errors.set(Value::Null);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = json!({
            "username": username.get_untracked(),
            "display_name": display_name.get_untracked(),
            "role": role.get_untracked(),
            "department_code": department.get_untracked(),
            "agency_code": agency.get_untracked(),
        });
        let edited = editing.get_untracked().map(|row| row.username);
        leptos::task::spawn_local(async move {
            let token = csrf.get_value();
            let answer = match &edited {
                Some(user) => calls::update_account(user, &form, &token).await,
                None => calls::create_account(&form, &token).await,
            };
            match answer {
                Ok(answer) => {
                    notice.set(Some(done(&answer.account.username, &answer)));
                    editing.set(None);
                    username.set(String::new());
                    display_name.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(crate::api::ApiError::Server { body, .. }) if !body.fields.is_empty() => {
                    errors.set(json!(body.fields));
                }
                Err(failure) => errors.set(json!({ "": explain(&failure) })),
            }
        });
    };
    let field_error = move |field: &'static str| {
        move || {
            errors
                .with(|e| e[field].as_str().map(str::to_owned))
                .map(|message| {
                    view! { <span class="field-error" role="alert">{message}</span> }
                })
        }
    };
    let options = move |agencies: bool, chosen: RwSignal<String>| {
        let list = scopes.with_value(|scopes| {
            if agencies {
                scopes.agencies.clone()
            } else {
                scopes.departments.clone()
            }
        });
        list.into_iter()
            .map(|scope| {
                let selected = chosen.get_untracked() == scope.code;
                view! { <option value=scope.code selected=selected>{scope.name}</option> }
            })
            .collect_view()
    };
    view! {
        <form class="account-form" data-testid="account-form" on:submit=submit>
            <h2>{move || if editing.get().is_some() { i18n.t("admin.account.edit_title") } else { i18n.t("admin.account.create") }}</h2>
            {field_error("")}
            <label>{i18n.t("staff.username")}
                <input type="text" name="username" required autocomplete="off"
                    prop:disabled=move || editing.get().is_some()
                    prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/>
                {field_error("username")}
            </label>
            <label>{i18n.t("admin.account.name")}
                <input type="text" name="display_name" required autocomplete="off"
                    prop:value=display_name on:input=move |ev| display_name.set(event_target_value(&ev))/>
                {field_error("display_name")}
            </label>
            <label>{i18n.t("admin.account.role")}
                <select name="role" prop:value=role on:change=move |ev| role.set(event_target_value(&ev))>
                    {ROLES.iter().map(|(code, key)| view! { <option value=*code>{i18n.t(key)}</option> }).collect_view()}
                </select>
                {field_error("role")}
            </label>
            <Show when=move || matches!(role.get().as_str(), "window" | "department")>
                <label>{i18n.t("admin.account.department")}
                    <select name="department_code" prop:value=department
                        on:change=move |ev| department.set(event_target_value(&ev))>
                        <option value="">{i18n.t("admin.account.choose")}</option>
                        {options(false, department)}
                    </select>
                    {field_error("department_code")}
                </label>
            </Show>
            <Show when=move || role.get() == "disclosure">
                <label>{i18n.t("admin.account.agency")}
                    <select name="agency_code" prop:value=agency
                        on:change=move |ev| agency.set(event_target_value(&ev))>
                        <option value="">{i18n.t("admin.account.choose")}</option>
                        {options(true, agency)}
                    </select>
                    {field_error("agency_code")}
                </label>
            </Show>
            <p class="note">{i18n.t("admin.account.password_note")}</p>
            <button type="submit" data-testid="account-save">{move || if editing.get().is_some() { i18n.t("admin.account.save") } else { i18n.t("admin.account.create") }}</button>
            {move || editing.get().is_some().then(|| view! {
                " "
                <button type="button" class="secondary" on:click=move |_| editing.set(None)>{i18n.t("admin.confirm_no")}</button>
            })}
        </form>
    }
}
