//! The HTTP side: the site's files from memory, the reload script, the
//! event stream and, while a build fails, the error overlay.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use charter_core::Diagnostic;
use charter_core::html::escape;
use charter_core::report::{self, Format, TextStyle};
use charter_site::Files;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::state::Shared;

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// The HTTP side, on its own so tests can drive it.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/__charter/reload.js",
            get(|| async {
                ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], RELOAD_JS)
            }),
        )
        .route(
            "/__charter/overlay.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], OVERLAY_CSS) }),
        )
        .route("/__charter/events", get(events))
        .fallback(file)
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Refuses requests for other host names (DNS rebinding), and gives every
/// answer the headers the published site is meant to have.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    let mut response = if shared.access.allows(host) {
        next.run(request).await
    } else {
        let message = "charter serve answers only requests for its own address (and names \
                       given with --allowed-host).\n";
        (StatusCode::FORBIDDEN, message).into_response()
    };
    for (name, value) in charter_site::SECURITY_HEADERS {
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value))
        {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    // Pages know their own address, sub-path included; the build names
    // files without it.
    let prefix = shared.access.base_path().trim_start_matches('/').to_string();
    let stream =
        BroadcastStream::new(shared.events.subscribe()).filter_map(|e| e.ok()).map(move |signal| {
            let data = match serde_json::from_str::<Vec<String>>(&signal.data) {
                Ok(paths) if !prefix.is_empty() => {
                    let paths: Vec<String> = paths.iter().map(|p| format!("{prefix}{p}")).collect();
                    serde_json::to_string(&paths).unwrap_or(signal.data)
                }
                _ => signal.data,
            };
            Ok::<Event, std::convert::Infallible>(Event::default().event(signal.name).data(data))
        });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Maps a request path to a file of the site, refusing anything that could
/// name a file outside it (the site is in memory, so nothing on disk is
/// reachable anyway; this keeps the answers honest).
pub fn resolve_path(path: &str, files: &Files) -> Result<String, Option<String>> {
    let decoded = percent_decode(path).ok_or(None)?;
    if decoded.contains('\\')
        || decoded.contains('\0')
        || decoded.split('/').any(|s| s == ".." || s == ".")
    {
        return Err(None);
    }
    let key = decoded.trim_start_matches('/');
    if key.is_empty() || key.ends_with('/') {
        let k = format!("{key}index.html");
        return if files.contains_key(&k) { Ok(k) } else { Err(None) };
    }
    if files.contains_key(key) {
        return Ok(key.to_string());
    }
    if files.contains_key(&format!("{key}/index.html")) {
        return Err(Some(format!("/{key}/")));
    }
    Err(None)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
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

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let (files, errors) = {
        let snap = shared.snapshot.read().expect("snapshot lock");
        (snap.files.clone(), snap.errors.clone())
    };
    let base = shared.access.base_path();
    let Some(path) = shared.access.site_path(uri.path()) else {
        // The top of the host, for a site built for a sub-path: go there.
        if uri.path() == "/" {
            return redirect(base);
        }
        return not_found(&files, &errors);
    };
    let (status, key) = match resolve_path(path, &files) {
        Ok(_) if uri.path() == base.trim_end_matches('/') => return redirect(base),
        Ok(k) => (StatusCode::OK, k),
        Err(Some(location)) => {
            return redirect(&format!("{}{}", base.trim_end_matches('/'), location));
        }
        Err(None) => (StatusCode::NOT_FOUND, "404.html".to_string()),
    };
    let Some(bytes) = files.get(&key) else {
        let body = if errors.is_empty() {
            "Not found".to_string()
        } else {
            format!("The site has not built yet.\n\n{}", error_text(&errors))
        };
        return (StatusCode::NOT_FOUND, body).into_response();
    };
    let content_type = content_type(&key);
    let body = if key.ends_with(".html") { inject(bytes, &errors) } else { bytes.to_vec() };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn redirect(location: &str) -> Response {
    Response::builder()
        .status(StatusCode::MOVED_PERMANENTLY)
        .header(header::LOCATION, location)
        .body(Body::empty())
        .expect("valid response")
}

/// The site's 404 page for a path outside the site.
fn not_found(files: &Files, errors: &[Diagnostic]) -> Response {
    match files.get("404.html") {
        Some(bytes) => {
            let mut response = Response::new(Body::from(inject(bytes, errors)));
            *response.status_mut() = StatusCode::NOT_FOUND;
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type("404.html")));
            response
        }
        None => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}

fn error_text(errors: &[Diagnostic]) -> String {
    report::render(errors, Format::Text, Path::new("."), TextStyle { narrated: true, color: false })
}

/// Adds the reload script, and the error overlay while the build fails.
fn inject(html: &[u8], errors: &[Diagnostic]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if !errors.is_empty() {
        extra.push_str("<link rel=\"stylesheet\" href=\"/__charter/overlay.css\">\n");
        extra.push_str(
            "<div id=\"charter-errors\" role=\"alertdialog\" aria-modal=\"false\" aria-labelledby=\"charter-errors-title\" tabindex=\"-1\">\n",
        );
        extra.push_str(&format!(
            "<h2 id=\"charter-errors-title\">The site did not build: {} error{}</h2>\n<p>You are seeing the last version that built. Fix the problems below and save; this page reloads by itself.</p>\n<ol>\n",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ));
        for d in errors {
            let place = match (&d.file, d.line) {
                (Some(f), 0) => format!("<code>{}</code>: ", escape(f)),
                (Some(f), l) => {
                    format!("<code>{}:{l}</code>: ", escape(f))
                }
                _ => String::new(),
            };
            extra.push_str(&format!(
                "<li>{place}{} <small>({})</small>{}</li>\n",
                escape(&d.message),
                d.code,
                d.help
                    .as_ref()
                    .map(|h| format!("<br>How to fix it: {}", escape(h)))
                    .unwrap_or_default()
            ));
        }
        extra.push_str("</ol>\n<button type=\"button\">Hide</button>\n</div>\n");
    }
    extra.push_str("<script src=\"/__charter/reload.js\"></script>\n");
    let out = match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]),
        None => format!("{text}{extra}"),
    };
    out.into_bytes()
}

/// The Content-Type of a file by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "woff2" => "font/woff2",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_site() {
        let mut files = Files::new();
        files.insert("index.html".into(), b"x".to_vec().into());
        files.insert("a/index.html".into(), b"x".to_vec().into());
        assert_eq!(resolve_path("/", &files), Ok("index.html".into()));
        assert_eq!(resolve_path("/a", &files), Err(Some("/a/".into())));
        for bad in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/a/..%2f..%2fetc", "/a\\..", "/%00"] {
            assert_eq!(resolve_path(bad, &files), Err(None), "{bad}");
        }
    }
}
