//! Generates the bundle table (`$OUT_DIR/bundles.rs`, included by `src/bundles.rs`) from the
//! repository's bundle map, `bundles.txt`, so that the app's and the server's routing and each
//! binary's strings come from the one file the build scripts and the service worker also read.
//!
//! Why generated here rather than parsed at run time: the browser bundles get a few `&str`
//! constants and a `match`, with no parser and no copy of the map in their wasm. A malformed
//! map stops the build with the line at fault.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One `bundle` line and its `strings` line.
struct Entry {
    line: usize,
    name: String,
    citizen: bool,
    source: String,
    folder: String,
    also: Vec<String>,
    strings: Option<Vec<String>>,
}

fn main() {
    let Some(manifest) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        fail(
            Path::new("bundles.txt"),
            "CARGO_MANIFEST_DIR is not set: build with cargo",
        );
    };
    let map = PathBuf::from(manifest).join("../../bundles.txt");
    println!("cargo:rerun-if-changed={}", map.display());
    let text = match std::fs::read_to_string(&map) {
        Ok(text) => text,
        Err(error) => fail(&map, &format!("cannot read it: {error}")),
    };
    let code = parse(&text).and_then(|entries| generate(&entries));
    let code = match code {
        Ok(code) => code,
        Err(error) => fail(&map, &error),
    };
    let Some(out) = std::env::var_os("OUT_DIR") else {
        fail(&map, "OUT_DIR is not set: build with cargo");
    };
    let out = PathBuf::from(out).join("bundles.rs");
    if let Err(error) = std::fs::write(&out, code) {
        fail(&out, &format!("cannot write it: {error}"));
    }
}

fn fail(file: &Path, message: &str) -> ! {
    eprintln!("error: {}: {message}", file.display());
    std::process::exit(1);
}

fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        match words.as_slice() {
            ["bundle", name, kind, source, folder, rest @ ..] if rest.len() <= 1 => {
                check_name(line, name)?;
                if entries.iter().any(|e| e.name == *name) {
                    return Err(format!("line {line}: the bundle {name} is named twice"));
                }
                let citizen = match *kind {
                    "citizen" => true,
                    "staff" => false,
                    _ => {
                        return Err(format!(
                            "line {line}: the kind {kind} is neither citizen nor staff"
                        ));
                    }
                };
                if !source.ends_with("index.html") || source.starts_with('/') {
                    return Err(format!(
                        "line {line}: the source {source} is not a relative path to an index.html"
                    ));
                }
                check_folder(line, folder)?;
                let also: Vec<String> = match rest.first() {
                    Some(list) => list.split(',').map(str::to_string).collect(),
                    None => Vec::new(),
                };
                for folder in &also {
                    check_folder(line, folder)?;
                    if folder == "/" {
                        return Err(format!("line {line}: only a bundle's own folder may be /"));
                    }
                }
                entries.push(Entry {
                    line,
                    name: (*name).to_string(),
                    citizen,
                    source: (*source).to_string(),
                    folder: (*folder).to_string(),
                    also,
                    strings: None,
                });
            }
            ["strings", name, slices @ ..] if !slices.is_empty() => {
                let Some(entry) = entries.iter_mut().find(|e| e.name == *name) else {
                    return Err(format!(
                        "line {line}: strings for {name}, which no bundle line above names"
                    ));
                };
                if entry.strings.is_some() {
                    return Err(format!("line {line}: a second strings line for {name}"));
                }
                for slice in slices {
                    let valid = slice.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                        && slice
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
                    if !valid {
                        return Err(format!("line {line}: {slice} is not a slice's name"));
                    }
                }
                entry.strings = Some(slices.iter().map(|s| (*s).to_string()).collect());
            }
            _ => {
                return Err(format!(
                    "line {line}: expected `bundle NAME KIND SOURCE FOLDER [ALSO]` or `strings NAME SLICE...`"
                ));
            }
        }
    }
    check_map(&entries)?;
    Ok(entries)
}

fn check_name(line: usize, name: &str) -> Result<(), String> {
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "line {line}: the name {name} is not lower case letters, digits and single `-`"
        ))
    }
}

/// A folder is `/` or `/a/b`: no trailing `/`, no empty segment, no `.` or `..`, nothing a
/// URL path would escape or a shell would split.
fn check_folder(line: usize, folder: &str) -> Result<(), String> {
    if folder == "/" {
        return Ok(());
    }
    let valid = folder.strip_prefix('/').is_some_and(|rest| {
        rest.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
    });
    if valid {
        Ok(())
    } else {
        Err(format!(
            "line {line}: the folder {folder} is not `/` or `/segment[/segment…]` (letters, digits, `-`, `_`, `.`)"
        ))
    }
}

/// What the routing and the build order need of the map as a whole.
fn check_map(entries: &[Entry]) -> Result<(), String> {
    let roots = entries.iter().filter(|e| e.folder == "/").count();
    if roots != 1 {
        return Err(format!(
            "{roots} bundles have the folder /; exactly one answers the paths no other does"
        ));
    }
    let mut seen = HashSet::new();
    for entry in entries {
        for folder in std::iter::once(&entry.folder).chain(&entry.also) {
            if !seen.insert(folder.as_str()) {
                return Err(format!(
                    "line {}: the folder {folder} is answered by two bundles",
                    entry.line
                ));
            }
        }
        if entry.strings.is_none() {
            return Err(format!(
                "line {}: the bundle {} has no strings line",
                entry.line, entry.name
            ));
        }
    }
    // Each build replaces its dist folder: one inside another's folder must be built after it.
    for (i, entry) in entries.iter().enumerate() {
        for later in &entries[i + 1..] {
            if contains(&later.folder, &entry.folder) {
                return Err(format!(
                    "line {}: {} (in {}) is built before {}, whose build would replace its folder; list it after line {}",
                    entry.line, entry.name, entry.folder, later.name, later.line
                ));
            }
        }
    }
    Ok(())
}

/// Whether the folder `outer` holds `inner` (the same rule as `Bundle::of`, without `?`/`#`).
fn contains(outer: &str, inner: &str) -> bool {
    outer == "/"
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// `staff-gk` → `StaffGk`.
fn variant(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// `staff-gk` → `STAFF_GK`.
fn constant(name: &str) -> String {
    name.to_ascii_uppercase().replace('-', "_")
}

fn generate(entries: &[Entry]) -> Result<String, String> {
    let mut code = String::new();
    write_code(entries, &mut code)
        .map_err(|error| format!("cannot generate the table: {error}"))?;
    Ok(code)
}

fn write_code(entries: &[Entry], code: &mut String) -> std::fmt::Result {
    code.push_str("// Generated by crates/core/build.rs from bundles.txt: edit the map.\n\n");
    code.push_str(
        "/// One bundle of the app (a Trunk build), as the bundle map names it.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Bundle {\n",
    );
    for entry in entries {
        let mut folders = format!("`{}`", entry.folder);
        for folder in &entry.also {
            write!(folders, ", `{folder}`")?;
        }
        writeln!(
            code,
            "    /// `{}`: {folders} (`{}`).\n    {},",
            entry.name,
            entry.source,
            variant(&entry.name)
        )?;
    }
    code.push_str("}\n\n");

    code.push_str(
        "/// Every bundle, in the map's order (the build order).\npub static BUNDLES: &[BundleInfo] = &[\n",
    );
    for entry in entries {
        let also: Vec<String> = entry.also.iter().map(|f| format!("{f:?}")).collect();
        let index = match entry.folder.strip_prefix('/') {
            Some("") | None => "index.html".to_string(),
            Some(dir) => format!("{dir}/index.html"),
        };
        writeln!(
            code,
            "    BundleInfo {{ bundle: Bundle::{}, name: {:?}, kind: Kind::{}, source: {:?}, folder: {:?}, also: &[{}], index: {:?} }},",
            variant(&entry.name),
            entry.name,
            if entry.citizen { "Citizen" } else { "Staff" },
            entry.source,
            entry.folder,
            also.join(", "),
            index,
        )?;
    }
    code.push_str("];\n\n");

    // The folders a path is matched against, longest first: the first that holds a path
    // is its nearest. Two folders of one length cannot both hold a path.
    let mut folders: Vec<(&str, &str)> = entries
        .iter()
        .flat_map(|e| {
            std::iter::once(e.folder.as_str())
                .chain(e.also.iter().map(String::as_str))
                .map(move |f| (f, e.name.as_str()))
        })
        .filter(|(folder, _)| *folder != "/")
        .collect();
    folders.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    code.push_str(
        "/// Every folder but `/` with the bundle that answers it, longest first.\nconst FOLDERS: &[(&str, Bundle)] = &[\n",
    );
    for (folder, name) in &folders {
        writeln!(code, "    ({folder:?}, Bundle::{}),", variant(name))?;
    }
    code.push_str("];\n\n");
    let root = entries.iter().find(|e| e.folder == "/").map(|e| &e.name);
    if let Some(root) = root {
        writeln!(
            code,
            "/// The bundle at `/`, which answers every path no other folder holds.\nconst ROOT: Bundle = Bundle::{};\n",
            variant(root)
        )?;
    }

    code.push_str("impl Bundle {\n    /// What the map says of this bundle.\n    pub fn info(self) -> &'static BundleInfo {\n        match self {\n");
    for (i, entry) in entries.iter().enumerate() {
        writeln!(
            code,
            "            Bundle::{} => &BUNDLES[{i}],",
            variant(&entry.name)
        )?;
    }
    code.push_str("        }\n    }\n}\n\n");

    code.push_str(
        "/// The slices of the string table each bundle's binary registers (constants: a binary\n\
         /// links only its own).\npub mod strings {\n    use crate::i18n::{Entry, slices};\n",
    );
    for entry in entries {
        let slices: Vec<String> = entry
            .strings
            .iter()
            .flatten()
            .map(|s| format!("slices::{s}"))
            .collect();
        writeln!(
            code,
            "    /// The `{}` bundle's.\n    pub const {}: &[&[Entry]] = &[{}];",
            entry.name,
            constant(&entry.name),
            slices.join(", ")
        )?;
    }
    code.push_str("}\n");
    Ok(())
}
