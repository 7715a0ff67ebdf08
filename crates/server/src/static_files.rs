//! The built app (Trunk's `dist/` folder), loaded into memory at startup and served from there.
//!
//! Why in memory: the dist is small (a wasm, a js loader, css, icons), and serving from a
//! map built at startup makes path traversal impossible by construction — a request path
//! is only ever a key lookup, never joined onto a filesystem path.
//!
//! What it does:
//! - content types from a small explicit table (`application/wasm`, `text/javascript`, …);
//! - `Cache-Control: public, max-age=31536000, immutable` for Trunk's hashed assets
//!   (`name-<8 to 16 hex>.ext` or `name-<hex>_bg.wasm`), `no-cache` for everything else
//!   (`index.html`, `sw.js`, `manifest.webmanifest`, …) so a new deploy is picked up;
//! - precompressed siblings `X.br` / `X.gz` served when `Accept-Encoding` allows (br first);
//! - a strong ETag per representation and `If-None-Match` → 304;
//! - SPA fallback: a GET for a missing path without an extension gets the `index.html` of the
//!   bundle that answers it by the bundle map (`guichet_core::bundles`, from `bundles.txt`:
//!   `staff/index.html` under `/staff`, `guide/drafts/index.html` under `/guide/receipt`, the
//!   root one outside every other folder), the rule the app's links and the service worker
//!   follow; a missing path with an extension gets 404; `/api/…` never falls back.
//!
//! It also finds the inline `<script>` bodies of `index.html`, whose hashes the
//! Content-Security-Policy must list (see [`crate::security`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};

use guichet_core::bundles::{BUNDLES, Bundle};

use crate::AppState;
use crate::error::{AppError, is_api_path};
use crate::item_page::{self, ItemFrame};

/// Why the dist folder could not be loaded. Every variant tells the operator what to do.
#[derive(Debug, thiserror::Error)]
pub enum DistError {
    /// The folder does not exist.
    #[error(
        "the app folder {0} does not exist; build the app first (`trunk build --release` at the repository root) or point --dist / GUICHET_DIST at the built app"
    )]
    MissingDir(PathBuf),
    /// The folder exists but has no `index.html`.
    #[error(
        "{0} has no index.html, so it is not a built app; build the app first (`trunk build --release` at the repository root) or point --dist / GUICHET_DIST at the built app"
    )]
    MissingIndex(PathBuf),
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// How long browsers may keep a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// Hashed asset: its name changes with its content, so keep it forever.
    Immutable,
    /// Revalidate every time (with the ETag, so usually a cheap 304).
    NoCache,
}

impl CachePolicy {
    fn header_value(self) -> HeaderValue {
        match self {
            CachePolicy::Immutable => {
                HeaderValue::from_static("public, max-age=31536000, immutable")
            }
            CachePolicy::NoCache => HeaderValue::from_static("no-cache"),
        }
    }
}

/// One representation of a file (identity, brotli or gzip).
#[derive(Debug, Clone)]
struct Variant {
    bytes: axum::body::Bytes,
    etag: HeaderValue,
}

impl Variant {
    fn new(bytes: Vec<u8>, suffix: &str) -> Variant {
        let digest = Sha256::digest(&bytes);
        let tag = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16]);
        // Each encoding is a different representation, so it needs its own strong ETag.
        let etag = HeaderValue::from_str(&format!("\"{tag}{suffix}\""))
            .unwrap_or_else(|_| HeaderValue::from_static("\"x\""));
        Variant {
            bytes: bytes.into(),
            etag,
        }
    }
}

/// A file of the dist with its precompressed siblings.
#[derive(Debug, Clone)]
struct Asset {
    content_type: &'static str,
    cache: CachePolicy,
    identity: Variant,
    br: Option<Variant>,
    gzip: Option<Variant>,
}

/// The whole built app, in memory.
#[derive(Debug, Clone)]
pub struct Dist {
    files: HashMap<String, Asset>,
    inline_scripts: Vec<String>,
    /// The guide's document, cut to put an item page's first screen in (see [`item_page`]).
    item_frame: Option<ItemFrame>,
}

impl Dist {
    /// Reads every file under `dir`. Fails if the folder or its `index.html` is missing.
    pub fn load(dir: &Path) -> Result<Dist, DistError> {
        if !dir.is_dir() {
            return Err(DistError::MissingDir(dir.to_path_buf()));
        }
        if !dir.join("index.html").is_file() {
            return Err(DistError::MissingIndex(dir.to_path_buf()));
        }
        let mut raw = HashMap::new();
        read_tree(dir, "", &mut raw)?;

        let mut files = HashMap::new();
        for (key, bytes) in &raw {
            // A `.br`/`.gz` whose uncompressed file exists is a variant, not a file of its own.
            let is_sibling = [".br", ".gz"].iter().any(|ext| {
                key.strip_suffix(ext)
                    .is_some_and(|base| raw.contains_key(base))
            });
            if is_sibling {
                continue;
            }
            let name = key.rsplit('/').next().unwrap_or(key);
            let asset = Asset {
                content_type: content_type(name),
                cache: if is_hashed(name) {
                    CachePolicy::Immutable
                } else {
                    CachePolicy::NoCache
                },
                identity: Variant::new(bytes.clone(), ""),
                br: raw
                    .get(&format!("{key}.br"))
                    .map(|b| Variant::new(b.clone(), "-br")),
                gzip: raw
                    .get(&format!("{key}.gz"))
                    .map(|b| Variant::new(b.clone(), "-gz")),
            };
            files.insert(key.clone(), asset);
        }
        if !files.contains_key("index.html") {
            return Err(DistError::MissingIndex(dir.to_path_buf()));
        }
        // Every app in the dist (the citizen app at the root, the staff desk under staff/) has
        // its own index.html with Trunk's inline loader; the CSP must allow each of them.
        let mut index_keys: Vec<&String> = files
            .keys()
            .filter(|key| *key == "index.html" || key.ends_with("/index.html"))
            .collect();
        index_keys.sort();
        let mut inline_scripts = Vec::new();
        for key in index_keys {
            if let Some(index) = files.get(key.as_str()) {
                for script in inline_script_bodies(&String::from_utf8_lossy(&index.identity.bytes))
                {
                    if !inline_scripts.contains(&script) {
                        inline_scripts.push(script);
                    }
                }
            }
        }
        // A partial build (a bundle's Trunk build skipped or failed) would answer that bundle's
        // paths with the shell, whose 404 page says so: worth a line in the log at startup.
        for bundle in BUNDLES {
            if !files.contains_key(bundle.index) {
                tracing::warn!(
                    bundle = bundle.name,
                    missing = bundle.index,
                    "a bundle of the map is not in the app folder; the root index.html answers its paths"
                );
            }
        }
        let item_frame = files
            .get(Bundle::of("/guide").info().index)
            .and_then(|guide| {
                ItemFrame::of_document(&String::from_utf8_lossy(&guide.identity.bytes))
            });
        // The item pages' documents run one script more (see `item_page`).
        if item_frame.is_some() {
            inline_scripts.push(item_page::KEEP_SCRIPT.to_owned());
        }
        tracing::info!(files = files.len(), dir = %dir.display(), "loaded the app");
        Ok(Dist {
            files,
            inline_scripts,
            item_frame,
        })
    }

    /// The bodies of the inline `<script>` elements of every `index.html` in the dist (the root
    /// one first), each once.
    pub fn inline_scripts(&self) -> &[String] {
        &self.inline_scripts
    }

    /// Whether the dist has a file at this key (a path relative to the dist, `/`-separated).
    pub fn contains(&self, key: &str) -> bool {
        self.files.contains_key(key)
    }

    /// Answers a GET or HEAD for `path` (already percent-decoded), with SPA fallback.
    fn respond(&self, path: &str, headers: &HeaderMap) -> Response {
        let key = path.trim_start_matches('/');
        let key = if key.is_empty() { "index.html" } else { key };
        if let Some(asset) = self.files.get(key) {
            return asset.respond(headers);
        }
        let last = key.rsplit('/').next().unwrap_or(key);
        if !last.contains('.') {
            // A client-side route such as /settings, /guide/abc or /staff/queue: the bundle the
            // map gives it handles it.
            if let Some(index) = self.app_index_for(key) {
                return index.respond(headers);
            }
        }
        (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, "no-cache")],
            "Not Found",
        )
            .into_response()
    }
}

impl Dist {
    /// The `index.html` of the bundle that answers `key` (a path without its leading `/`), by
    /// the bundle map; the root `index.html` when that bundle is not in the dist.
    fn app_index_for(&self, key: &str) -> Option<&Asset> {
        let bundle = Bundle::of(&format!("/{key}"));
        self.files
            .get(bundle.info().index)
            .or_else(|| self.files.get("index.html"))
    }
}

impl Asset {
    fn respond(&self, headers: &HeaderMap) -> Response {
        let accepted = AcceptEncoding::parse(headers);
        let (variant, encoding) = match (&self.br, &self.gzip) {
            (Some(br), _) if accepted.br => (br, Some("br")),
            (_, Some(gz)) if accepted.gzip => (gz, Some("gzip")),
            _ => (&self.identity, None),
        };
        let has_variants = self.br.is_some() || self.gzip.is_some();

        let mut response = if if_none_match(headers, &variant.etag) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let mut response = Response::new(Body::from(variant.bytes.clone()));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(self.content_type),
            );
            if let Some(encoding) = encoding {
                response
                    .headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            response
        };
        let out = response.headers_mut();
        out.insert(header::ETAG, variant.etag.clone());
        out.insert(header::CACHE_CONTROL, self.cache.header_value());
        if has_variants {
            // Caches must key on Accept-Encoding, including for the identity answer.
            out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        }
        response
    }
}

/// The axum fallback that serves the app. Only GET and HEAD; `/api/…` gets a JSON 404.
pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path();
    if is_api_path(path) {
        return AppError::NotFound.into_response();
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let Some(decoded) = percent_decode(path) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if request.method() == Method::GET
        && let Some(frame) = &state.dist.item_frame
        && let Some(code) = item_page::item_code(&decoded)
    {
        // A first visit's item page, painted from its document; the plain document when the
        // item is unknown (the app says so) or cannot be read now (the app will retry).
        match crate::services_store::item(&state.db, code).await {
            Ok(Some((item, form))) => {
                return item_page::respond(frame.fill(&item, form.is_some()), request).await;
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "item page without its first screen"),
        }
    }
    state.dist.respond(&decoded, request.headers())
}

/// Which precompressed encodings the client accepts.
#[derive(Debug, Default)]
struct AcceptEncoding {
    br: bool,
    gzip: bool,
}

impl AcceptEncoding {
    fn parse(headers: &HeaderMap) -> AcceptEncoding {
        let mut explicit_br = None;
        let mut explicit_gzip = None;
        let mut star = false;
        for value in headers.get_all(header::ACCEPT_ENCODING) {
            let Ok(value) = value.to_str() else { continue };
            for item in value.split(',') {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                let q_allows = parts
                    .filter_map(|p| p.trim().strip_prefix("q=").map(|q| q.trim().parse::<f32>()))
                    .all(|q| q.is_ok_and(|q| q > 0.0));
                match coding.as_str() {
                    "br" => explicit_br = Some(q_allows),
                    "gzip" | "x-gzip" => explicit_gzip = Some(q_allows),
                    "*" => star = q_allows,
                    _ => {}
                }
            }
        }
        AcceptEncoding {
            br: explicit_br.unwrap_or(star),
            gzip: explicit_gzip.unwrap_or(star),
        }
    }
}

/// Whether `If-None-Match` matches `etag` (weak comparison, as RFC 9110 asks for GET).
fn if_none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(etag) = etag.to_str() else {
        return false;
    };
    headers.get_all(header::IF_NONE_MATCH).iter().any(|value| {
        value.to_str().is_ok_and(|value| {
            value
                .split(',')
                .map(str::trim)
                .any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == etag)
        })
    })
}

/// Reads every regular file under `dir` into `out`, keyed by `/`-separated relative path.
fn read_tree(
    dir: &Path,
    prefix: &str,
    out: &mut HashMap<String, Vec<u8>>,
) -> Result<(), DistError> {
    let read_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DistError::Read { path, source }
    };
    for entry in std::fs::read_dir(dir).map_err(read_err(dir))? {
        let entry = entry.map_err(read_err(dir))?;
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            tracing::warn!(path = %path.display(), "skipping a file whose name is not UTF-8");
            continue;
        };
        let key = format!("{prefix}{name}");
        // `metadata` follows symlinks: the operator controls the dist, links are fine.
        let meta = std::fs::metadata(&path).map_err(read_err(&path))?;
        if meta.is_dir() {
            read_tree(&path, &format!("{key}/"), out)?;
        } else if meta.is_file() {
            out.insert(key, std::fs::read(&path).map_err(read_err(&path))?);
        }
    }
    Ok(())
}

/// Whether a file name carries Trunk's content hash: `-`, then 8 to 16 lowercase hex digits
/// (Trunk prints a u64 without zero padding, so a hash may be shorter than 16), then `.` or
/// `_bg.`.
pub fn is_hashed(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        if b != b'-' {
            return false;
        }
        let rest = &bytes[i + 1..];
        let digits = rest
            .iter()
            .take_while(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
            .count();
        let after = &rest[digits..];
        (8..=16).contains(&digits) && (after.starts_with(b".") || after.starts_with(b"_bg."))
    })
}

/// The content type for a file name, from a small explicit table.
pub fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Finds the bodies of inline `<script>` elements (those without `src`), skipping comments.
///
/// A deliberately small scanner rather than an HTML parser: it only has to understand the
/// `index.html` that Trunk writes, and it errs on the side of hashing too much (an extra
/// hash in the CSP is harmless; a missing one stops the app from starting).
pub fn inline_script_bodies(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut bodies = Vec::new();
    let mut pos = 0;
    while pos < lower.len() {
        let next_script = lower[pos..].find("<script").map(|i| i + pos);
        let next_comment = lower[pos..].find("<!--").map(|i| i + pos);
        let start = match (next_script, next_comment) {
            (Some(s), Some(c)) if c < s => {
                pos = lower[c..].find("-->").map_or(lower.len(), |e| c + e + 3);
                continue;
            }
            (Some(s), _) => s,
            (None, _) => break,
        };
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let tag = &lower[start + "<script".len()..tag_end];
        // `<scripts>` or `<script-x>` are not script elements.
        if !tag.is_empty() && !tag.starts_with(|c: char| c.is_ascii_whitespace() || c == '/') {
            pos = tag_end + 1;
            continue;
        }
        let Some(close) = lower[tag_end + 1..]
            .find("</script")
            .map(|i| i + tag_end + 1)
        else {
            break;
        };
        if !has_src_attribute(tag) {
            bodies.push(html[tag_end + 1..close].to_string());
        }
        pos = close + "</script".len();
    }
    bodies
}

fn has_src_attribute(tag: &str) -> bool {
    tag.split(|c: char| c.is_ascii_whitespace())
        .any(|attr| attr == "src" || attr.starts_with("src="))
}

/// Percent-decodes a URL path; `None` if the result is not UTF-8 or an escape is broken.
fn percent_decode(path: &str) -> Option<String> {
    if !path.contains('%') {
        return Some(path.to_string());
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed("guichet-app-3f2a9c0d1e2b4a5f.js"));
        assert!(is_hashed("guichet-app-3f2a9c0d1e2b4a5f_bg.wasm"));
        assert!(is_hashed("style-0123456789abcdef.css"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed("manifest.webmanifest"));
        // Trunk does not zero-pad its u64 hash: 15 digits happen.
        assert!(is_hashed("guichet-app-5cd2f2bfb20d7bc_bg.wasm"));
        assert!(!is_hashed("guichet-app-3f2a9c0.js"));
        assert!(!is_hashed("guichet-app-3f2a9c0d1e2b4a5f0.js"));
        assert!(!is_hashed("guichet-app-3f2a9c0d1e2b4a5fz.js"));
        assert!(!is_hashed("guichet-app-3f2a9c0d1e2b4a5f"));
    }

    #[test]
    fn inline_scripts_found() {
        let html = r#"<html><head>
<!-- <script>not this</script> -->
<script src="/x.js"></script>
<SCRIPT type="module">import init from '/a.js';</SCRIPT>
<scripts>no</scripts>
<script>b()</script></head></html>"#;
        assert_eq!(
            inline_script_bodies(html),
            vec!["import init from '/a.js';", "b()"]
        );
        assert!(inline_script_bodies("<html></html>").is_empty());
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/a%2"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }

    /// A dist holding the `index.html` of these bundle folders, each saying its folder.
    fn dist_with(indexes: &[&str]) -> Dist {
        let files = indexes
            .iter()
            .map(|key| {
                let asset = Asset {
                    content_type: content_type(key),
                    cache: CachePolicy::NoCache,
                    identity: Variant::new(key.as_bytes().to_vec(), ""),
                    br: None,
                    gzip: None,
                };
                ((*key).to_string(), asset)
            })
            .collect();
        Dist {
            files,
            inline_scripts: Vec::new(),
            item_frame: None,
        }
    }

    fn answer(dist: &Dist, key: &str) -> String {
        dist.app_index_for(key)
            .map(|asset| String::from_utf8_lossy(&asset.identity.bytes).into_owned())
            .unwrap_or_default()
    }

    #[test]
    fn a_path_gets_the_index_of_the_bundle_the_map_gives_it() {
        let dist = dist_with(
            &BUNDLES
                .iter()
                .map(|bundle| bundle.index)
                .collect::<Vec<_>>(),
        );
        for (key, index) in [
            ("settings", "index.html"),
            ("guidebook", "index.html"),
            ("staffing-news", "index.html"),
            ("guide", "guide/index.html"),
            ("guide/", "guide/index.html"),
            ("guide/A001", "guide/index.html"),
            ("guide/apply/A001", "guide/apply/index.html"),
            ("guide/drafts", "guide/drafts/index.html"),
            ("guide/drafts/print", "guide/drafts/index.html"),
            // No index.html in guide/receipt: the map says the drafts bundle answers it.
            ("guide/receipt/c-1", "guide/drafts/index.html"),
            ("guide/drafts/day", "guide/drafts/day/index.html"),
            ("disclosure/entry/1", "disclosure/index.html"),
            ("contact/book", "contact/index.html"),
            ("staff/queue", "staff/index.html"),
            ("staff/gk/", "staff/gk/index.html"),
            ("staff/gkx", "staff/index.html"),
            ("staff/admin/accounts", "staff/admin/index.html"),
            ("staff/publish/catalog", "staff/publish/index.html"),
            ("staff/front/answers", "staff/front/index.html"),
        ] {
            assert_eq!(answer(&dist, key), index, "{key}");
            assert_eq!(Bundle::of(&format!("/{key}")).info().index, index, "{key}");
        }
    }

    #[test]
    fn a_bundle_missing_from_the_dist_is_answered_by_the_root() {
        // Not the nearest folder that has an index.html: the drafts bundle would show its 404
        // for the day's page.
        let dist = dist_with(&["index.html", "guide/drafts/index.html"]);
        assert_eq!(answer(&dist, "guide/drafts/day"), "index.html");
        assert_eq!(answer(&dist, "guide/receipt/x"), "guide/drafts/index.html");
        assert_eq!(answer(&dist, "staff/gk/x"), "index.html");
    }
}
