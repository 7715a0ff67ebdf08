//! Security headers sent on every response, and the `no-store` default for the API.
//!
//! The Content-Security-Policy lets the wasm app run without `'unsafe-inline'`:
//! `'wasm-unsafe-eval'` allows compiling WebAssembly, and the inline `<script type="module">`
//! loader that Trunk writes into `index.html` is allowed by its sha256 hash, computed at
//! startup from the `index.html` actually being served (so a rebuild never needs a config
//! change).
//!
//! Referrer-Policy is `no-referrer`: the server never uses `Referer`, and the app's URLs
//! may carry things a citizen would not want to leak to another site (a case number in a
//! tracking page, a search); `no-referrer` guarantees nothing of the URL leaves the browser.
//!
//! Framing is allowed to the portal's own pages only (`frame-ancestors 'self'`, `X-Frame-Options:
//! SAMEORIGIN`): the admin desk's form editor shows a form not yet published in the real
//! citizens' form page, in a frame, so that the preview is exactly what people will see; no
//! other site may frame any page (clickjacking).
//!
//! The Permissions-Policy allows the camera for our own origin only (photographing a
//! document through a file input with `capture`) and denies the rest.

use std::sync::Arc;

use crate::client_addr::{ForwardedHttps, TrustedProxies, peer_ip};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// `Strict-Transport-Security` for responses that went out over TLS: a year, the usual value
/// (browsers then never try plain HTTP on this host). Not `includeSubDomains`: other services
/// of the government domain are not ours to force.
pub const HSTS: &str = "max-age=31536000";

/// The headers added to every response, computed once at startup.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    headers: Arc<Vec<(HeaderName, HeaderValue)>>,
    /// Who may say a request came over https (the server itself never terminates TLS).
    trusted_proxies: Arc<TrustedProxies>,
}

/// The `'sha256-…'` CSP source for an inline script body.
pub fn csp_hash(script_body: &str) -> String {
    let digest = Sha256::digest(script_body.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The Content-Security-Policy for an `index.html` whose inline scripts are `inline_scripts`.
pub fn content_security_policy(inline_scripts: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for body in inline_scripts {
        script_src.push(' ');
        script_src.push_str(&csp_hash(body));
    }
    [
        "default-src 'self'".to_string(),
        format!("script-src {script_src}"),
        "style-src 'self'".into(),
        "img-src 'self' data: blob:".into(),
        "connect-src 'self'".into(),
        "worker-src 'self'".into(),
        "manifest-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        "form-action 'self'".into(),
        "frame-ancestors 'self'".into(),
    ]
    .join("; ")
}

impl SecurityHeaders {
    /// The headers for an app whose `index.html` has these inline script bodies.
    pub fn new(inline_scripts: &[String], trusted_proxies: Arc<TrustedProxies>) -> SecurityHeaders {
        let csp = content_security_policy(inline_scripts);
        let mut headers = vec![
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
            (
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("SAMEORIGIN"),
            ),
            (
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static(
                    "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), \
                     display-capture=(), accelerometer=(), gyroscope=(), magnetometer=()",
                ),
            ),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ),
        ];
        // Base64 and the fixed parts are all visible ASCII, so this cannot fail.
        if let Ok(value) = HeaderValue::from_str(&csp) {
            headers.push((header::CONTENT_SECURITY_POLICY, value));
        }
        SecurityHeaders {
            headers: Arc::new(headers),
            trusted_proxies,
        }
    }
}

/// Middleware: adds the security headers to every response, and HSTS to those that a trusted
/// proxy received over https (HSTS on plain HTTP is ignored by browsers, and believing an
/// untrusted `X-Forwarded-Proto` would let anyone decide it).
///
/// A header a handler already set is kept, so a later endpoint (e.g. a file download)
/// can send a stricter policy of its own.
pub async fn add_security_headers(
    State(security): State<SecurityHeaders>,
    mut request: Request,
    next: Next,
) -> Response {
    let https = security
        .trusted_proxies
        .forwarded_https(peer_ip(request.extensions()), request.headers());
    // Handlers that set cookies read the same decision.
    request.extensions_mut().insert(ForwardedHttps(https));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    for (name, value) in security.headers.iter() {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_without_inline_scripts_has_no_hash() {
        let csp = content_security_policy(&[]);
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!csp.contains("sha256"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn known_hash() {
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            csp_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }
}
