//! The bundle map's rule against every address the app links to, and the map's own soundness.

use super::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Every address the app's code writes (as written: `{…}` is filled in by the code), with the
/// bundle whose page switch shows it (`src/app.rs` `mount_*`, `src/contact`, `src/staff`).
/// [`every_address_in_the_app_is_listed`] keeps it complete.
const LINKS: &[(&str, Bundle)] = &[
    // The shell: home, 办件查询 and complaints, settings (`app::mount_shell`).
    ("/", Bundle::Shell),
    ("/track", Bundle::Shell),
    ("/track?case_no={}", Bundle::Shell),
    ("/track/complaint", Bundle::Shell),
    ("/track/complaint/new", Bundle::Shell),
    ("/settings", Bundle::Shell),
    // The disclosure catalog (`app::mount_disclosure`).
    ("/disclosure", Bundle::Disclosure),
    ("/disclosure/", Bundle::Disclosure),
    ("/disclosure?{}", Bundle::Disclosure),
    ("/disclosure/entry/", Bundle::Disclosure),
    ("/disclosure/entry/{}", Bundle::Disclosure),
    ("/disclosure/entry/{other}", Bundle::Disclosure),
    ("/disclosure/guides", Bundle::Disclosure),
    ("/disclosure/guides/", Bundle::Disclosure),
    // The service guide (`app::mount_guide`, `GuidePage::List` and `Service`).
    ("/guide", Bundle::Guide),
    ("/guide/", Bundle::Guide),
    ("/guide?{}", Bundle::Guide),
    ("/guide/{}", Bundle::Guide),
    // The forms (`app::mount_forms`, `GuidePage::Apply`).
    ("/guide/apply", Bundle::Forms),
    ("/guide/apply/", Bundle::Forms),
    ("/guide/apply/YSQGK", Bundle::Forms),
    ("/guide/apply/{}", Bundle::Forms),
    ("/guide/apply/{code}", Bundle::Forms),
    ("/guide/apply/{}?draft={id}", Bundle::Forms),
    ("/guide/apply/{}?draft={}&step=check", Bundle::Forms),
    ("/guide/apply/{}?draft={}&step={}", Bundle::Forms),
    ("/guide/apply/{}?draft={}&step={to}{back}", Bundle::Forms),
    (
        "/guide/apply/{item_code}?draft={draft_id}&step=check",
        Bundle::Forms,
    ),
    (
        "/guide/apply/{code}?draft={draft_id}&step={}{BACK_TO_CHECK}",
        Bundle::Forms,
    ),
    (
        "/guide/apply/{code}?draft={draft_id}&step={section}{BACK_TO_CHECK}",
        Bundle::Forms,
    ),
    // Drafts, the outbox, 表单下载 and receipts (`app::mount_drafts`).
    ("/guide/drafts", Bundle::Drafts),
    ("/guide/drafts/print", Bundle::Drafts),
    ("/guide/drafts/print?draft={}", Bundle::Drafts),
    ("/guide/drafts/print?item={}", Bundle::Drafts),
    ("/guide/receipt", Bundle::Drafts),
    ("/guide/receipt/", Bundle::Drafts),
    ("/guide/receipt/{id}", Bundle::Drafts),
    ("/guide/receipt/{client_id}", Bundle::Drafts),
    // The village room's day (`app::mount_village`), inside the drafts bundle's folder.
    ("/guide/drafts/day", Bundle::Village),
    // 咨询 and 预约 (`contact::mount`).
    ("/contact", Bundle::Contact),
    ("/contact/ask", Bundle::Contact),
    ("/contact/ask?item={}", Bundle::Contact),
    ("/contact/answers", Bundle::Contact),
    ("/contact/book", Bundle::Contact),
    ("/contact/book?department={}&item={}", Bundle::Contact),
    ("/contact/book?retry=", Bundle::Contact),
    ("/contact/bookings", Bundle::Contact),
    // The desks (`staff::mount`, `staff::gk`, `staff::admin`, `staff::front`).
    ("/staff/", Bundle::Staff),
    ("/staff/?case={case_no}", Bundle::Staff),
    ("/staff/gk/", Bundle::StaffGk),
    ("/staff/gk/?case={case_no}", Bundle::StaffGk),
    ("/staff/admin/", Bundle::StaffAdmin),
    ("/staff/publish/", Bundle::StaffPublish),
    ("/staff/front/", Bundle::StaffFront),
];

/// Strings in the app's code that start with `/` but are no page: API path pieces and files.
const NOT_PAGES: &[&str] = &[
    // Pieces of API paths (`/api/…` is recognised by its prefix).
    "/actions",
    "/cancel",
    "/forms",
    "/preview",
    "/validate",
    // Files.
    "/sw.js",
    "/disclosure/catalog-worker_loader.js",
];

/// `{…}` placeholders filled with a plausible value.
fn filled(link: &str) -> String {
    let mut out = String::new();
    let mut rest = link;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                out.push_str("X1");
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_link_of_the_app_goes_to_the_bundle_that_shows_it() {
    for (link, bundle) in LINKS {
        let path = filled(link);
        assert_eq!(Bundle::of(&path), *bundle, "{link} (as {path})");
        // The same page with a query or a fragment, or one more segment in a folder.
        assert_eq!(Bundle::of(&format!("{path}#top")), *bundle, "{path}#top");
    }
}

#[test]
fn every_folder_answers_itself_its_sub_paths_queries_and_fragments() {
    for info in BUNDLES {
        for folder in std::iter::once(&info.folder).chain(info.also) {
            let folder = folder.trim_end_matches('/');
            for path in [
                folder.to_string(),
                format!("{folder}/"),
                format!("{folder}/x"),
                format!("{folder}/x/y?z=1"),
                format!("{folder}?a=1"),
                format!("{folder}#b"),
            ] {
                let path = if path.is_empty() {
                    "/".to_string()
                } else {
                    path
                };
                // A sub-path may be another bundle's folder only through the map itself.
                let nested = BUNDLES
                    .iter()
                    .filter(|other| other.bundle != info.bundle)
                    .flat_map(|other| std::iter::once(&other.folder).chain(other.also))
                    .any(|other| *other != "/" && is_under(&path, other));
                if !nested {
                    assert_eq!(Bundle::of(&path), info.bundle, "{path}");
                }
            }
        }
    }
}

/// Checks that each path is answered by its bundle.
fn assert_answers(cases: &[(&str, Bundle)]) {
    for (path, bundle) in cases {
        assert_eq!(Bundle::of(path), *bundle, "{path}");
    }
}

#[test]
fn a_longer_name_is_not_inside_a_folder() {
    assert_answers(&[
        ("/guidebook", Bundle::Shell),
        ("/guide-x", Bundle::Shell),
        ("/disclosures", Bundle::Shell),
        ("/contacts", Bundle::Shell),
        ("/staffing-news", Bundle::Shell),
        ("/guide/applying", Bundle::Guide),
        ("/guide/receipts", Bundle::Guide),
        ("/guide/draftsman", Bundle::Guide),
        ("/guide/drafts/days", Bundle::Drafts),
        ("/staff/gkx", Bundle::Staff),
        ("/staff/administration", Bundle::Staff),
    ]);
}

#[test]
fn the_nearest_folder_wins() {
    assert_answers(&[
        ("/guide/apply/X1", Bundle::Forms),
        ("/guide/drafts/day", Bundle::Village),
        ("/guide/drafts/day/", Bundle::Village),
        ("/guide/drafts/day?date=2026-12-04", Bundle::Village),
        ("/guide/drafts/print", Bundle::Drafts),
        ("/staff/queue", Bundle::Staff),
        ("/staff/cases/20261127-JT-000001", Bundle::Staff),
        ("/staff/gk/requests/1", Bundle::StaffGk),
        ("/staff/admin/accounts", Bundle::StaffAdmin),
        ("/staff/publish/catalog", Bundle::StaffPublish),
        ("/staff/front/answers", Bundle::StaffFront),
    ]);
}

#[test]
fn what_no_folder_holds_is_the_root_bundle() {
    for path in [
        "",
        "/",
        "/x",
        "/nowhere/at/all",
        "guide",
        "?a=1",
        "#x",
        "//guide",
    ] {
        assert_eq!(Bundle::of(path), Bundle::Shell, "{path:?}");
    }
    assert_eq!(Bundle::Shell.info().folder, "/");
}

#[test]
fn each_folder_is_answered_by_one_bundle() {
    let mut seen = HashSet::new();
    for info in BUNDLES {
        for folder in std::iter::once(&info.folder).chain(info.also) {
            assert!(seen.insert(*folder), "{folder} twice");
            assert!(
                *folder == "/" || (folder.starts_with('/') && !folder.ends_with('/')),
                "{folder}"
            );
        }
    }
    let names: HashSet<_> = BUNDLES.iter().map(|info| info.name).collect();
    assert_eq!(names.len(), BUNDLES.len());
}

#[test]
fn the_table_is_the_maps() {
    for (i, info) in BUNDLES.iter().enumerate() {
        assert!(
            std::ptr::eq(info.bundle.info(), &BUNDLES[i]),
            "{}",
            info.name
        );
        let expected = match info.folder.trim_start_matches('/') {
            "" => "index.html".to_string(),
            dir => format!("{dir}/index.html"),
        };
        assert_eq!(info.index, expected);
        assert!(
            repository().join(info.source).is_file(),
            "{}: no {}",
            info.name,
            info.source
        );
    }
    // scripts/bundles.sh reads the lines whose first word is `bundle`, as build.rs does.
    let map = std::fs::read_to_string(repository().join("bundles.txt")).unwrap_or_default();
    let lines = map
        .lines()
        .filter(|line| line.split_whitespace().next() == Some("bundle"))
        .count();
    assert_eq!(lines, BUNDLES.len());
}

#[test]
fn a_bundle_inside_another_is_built_after_it() {
    // Each Trunk build replaces its dist folder as a whole (scripts/build.sh follows the map).
    for (i, info) in BUNDLES.iter().enumerate() {
        for later in &BUNDLES[i + 1..] {
            assert!(
                !(later.folder == "/" || is_under(info.folder, later.folder)),
                "{} is built before {}, which holds it",
                info.name,
                later.name
            );
        }
    }
}

#[test]
fn no_citizen_bundle_is_inside_a_staff_folder() {
    // The service worker precaches every file but the staff folders' (scripts/stamp-sw.sh).
    for staff in BUNDLES.iter().filter(|b| b.kind == Kind::Staff) {
        assert_ne!(staff.folder, "/", "{}", staff.name);
        for citizen in BUNDLES.iter().filter(|b| b.kind == Kind::Citizen) {
            for folder in std::iter::once(&citizen.folder).chain(citizen.also) {
                assert!(
                    !is_under(folder, staff.folder),
                    "{folder} in {}",
                    staff.folder
                );
            }
        }
    }
}

#[test]
fn every_bundle_registers_the_frame_strings() {
    for slices in [
        strings::SHELL,
        strings::DISCLOSURE,
        strings::GUIDE,
        strings::FORMS,
        strings::DRAFTS,
        strings::VILLAGE,
        strings::CONTACT,
        strings::STAFF,
        strings::STAFF_GK,
        strings::STAFF_ADMIN,
        strings::STAFF_PUBLISH,
        strings::STAFF_FRONT,
    ] {
        assert!(slices.contains(&crate::i18n::slices::UI));
    }
}

/// The repository's root (the tests run in `crates/core`).
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The strings in the app's code (`src/`) that start with `/`, as written.
fn addresses_in(dir: &Path, found: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            addresses_in(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let mut rest = text.as_str();
            while let Some(start) = rest.find("\"/") {
                rest = &rest[start + 1..];
                let Some(end) = rest.find('"') else { break };
                found.push((rest[..end].to_string(), path.clone()));
                rest = &rest[end + 1..];
            }
        }
    }
}

#[test]
fn every_address_in_the_app_is_listed() {
    let mut found = Vec::new();
    addresses_in(&repository().join("src"), &mut found);
    assert!(found.len() > 50, "the app's code was not found");
    let listed: HashSet<&str> = LINKS.iter().map(|(link, _)| *link).collect();
    for (address, file) in &found {
        if address.starts_with("/api/") || NOT_PAGES.contains(&address.as_str()) {
            continue;
        }
        assert!(
            listed.contains(address.as_str()),
            "{address} ({}) is not in LINKS: add it with the bundle that shows it, or to NOT_PAGES",
            file.display()
        );
    }
}
