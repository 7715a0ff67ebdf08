//! 办事指南: every service item, grouped by department, with its case type and time limits.
//! Readable offline after one visit: the list is kept on the device (see [`super::service::load`]).
use guichet_core::CaseType;
use guichet_core::service::DepartmentRef;
use leptos::prelude::*;
use leptos_router::components::A;
use serde::Deserialize;

use crate::i18n::use_i18n;
use crate::routes::service::{Loaded, load};

/// One line of `GET /api/services`.
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceSummary {
    pub code: String,
    pub name: String,
    pub department: DepartmentRef,
    pub case_type: CaseType,
    pub promised_days: u32,
    pub legal_days: u32,
    #[serde(default)]
    pub form_version: Option<u32>,
}

#[derive(Clone, Deserialize)]
struct ServiceList {
    services: Vec<ServiceSummary>,
}

#[component]
pub fn Guide() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(|| load::<ServiceList>("services", "list"));
    view! {
        <h1>{move || i18n.t("guide.heading")}</h1>
        <p class="lead">{move || i18n.t("guide.lead")}</p>
        {move || match list.get() {
            None => view! { <p class="note">{i18n.t("fui.loading")}</p> }.into_any(),
            Some(Err(key)) => view! { <p class="banner error" role="alert">{i18n.t(key)}</p> }.into_any(),
            Some(Ok(Loaded { value, offline })) => {
                let lang = i18n.lang();
                let mut groups: Vec<(DepartmentRef, Vec<ServiceSummary>)> = Vec::new();
                for item in value.services {
                    match groups.iter_mut().find(|(d, _)| d.code == item.department.code) {
                        Some((_, items)) => items.push(item),
                        None => groups.push((item.department.clone(), vec![item])),
                    }
                }
                let empty = groups.is_empty();
                view! {
                    {offline.then(|| view! { <p class="banner" role="status">{i18n.t("fui.offline_copy")}</p> })}
                    {empty.then(|| view! { <p class="empty">{i18n.t("guide.empty")}</p> })}
                    {groups.into_iter().map(|(dept, items)| view! {
                        <section class="dept">
                            <h2>{dept.name}</h2>
                            <ul class="items">
                                {items.into_iter().map(|s| {
                                    let limit = if s.promised_days == 0 {
                                        i18n.t("service.on_the_spot").to_string()
                                    } else {
                                        crate::i18n::tr_args(lang, "fui.limits", &[
                                            ("promised", &s.promised_days.to_string()),
                                            ("legal", &s.legal_days.to_string()),
                                        ])
                                    };
                                    view! {
                                        <li>
                                            <A href=format!("/guide/{}", s.code)>{s.name}</A>
                                            <span class="meta">
                                                <span class="tag">{s.case_type.label(lang)}</span>
                                                " " {limit}
                                                {s.form_version.is_some().then(|| view! { " · " {i18n.t("fui.online")} })}
                                            </span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }).collect_view()}
                }.into_any()
            }
        }}
    }
}
