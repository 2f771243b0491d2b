//! One page printed to PDF: a new tab loads the page at its public
//! address, every request it makes is answered from memory (nothing is
//! fetched), and Chromium prints it tagged, with an outline.

use std::time::{Duration, Instant};

use data_encoding::BASE64;
use serde_json::{Value, json};

use crate::cdp::Connection;

/// How long one document may take, from opening its tab to the last byte.
const PRINT_TIMEOUT: Duration = Duration::from_secs(300);

/// A file a page asks for.
pub struct Resource {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its media type.
    pub content_type: String,
}

/// Answers a page's requests: the resource at an absolute URL, if the
/// site has one there.
pub trait Resources: Sync {
    /// The resource at `url`, or `None` (the request then fails).
    fn get(&self, url: &str) -> Option<Resource>;
}

/// Loads `url` (answered by `resources`, the page itself included) in a
/// new tab and prints it: A4 unless the page's CSS says otherwise, tagged,
/// with the document outline. Returns the PDF as Chromium wrote it.
pub fn print_page(
    connection: &mut Connection,
    url: &str,
    resources: &dyn Resources,
) -> Result<Vec<u8>, String> {
    let deadline = Instant::now() + PRINT_TIMEOUT;
    let mut ignore = |_: &mut Connection, _: Value| Ok(());
    let target = connection.call(
        "Target.createTarget",
        json!({ "url": "about:blank" }),
        None,
        deadline,
        &mut ignore,
    )?;
    let target_id = target["targetId"].as_str().unwrap_or_default().to_string();
    let printed = print_in_target(connection, &target_id, url, resources, deadline);
    let _ = connection.call(
        "Target.closeTarget",
        json!({ "targetId": target_id }),
        None,
        deadline,
        &mut ignore,
    );
    printed
}

fn print_in_target(
    connection: &mut Connection,
    target_id: &str,
    url: &str,
    resources: &dyn Resources,
    deadline: Instant,
) -> Result<Vec<u8>, String> {
    let attached = connection.call(
        "Target.attachToTarget",
        json!({ "targetId": target_id, "flatten": true }),
        None,
        deadline,
        &mut |_, _| Ok(()),
    )?;
    let session = attached["sessionId"].as_str().unwrap_or_default().to_string();
    let mut on_event = |c: &mut Connection, event: Value| answer(c, event, &session, resources);
    let mut call = |c: &mut Connection, method: &str, params: Value| {
        c.call(method, params, Some(&session), deadline, &mut on_event)
    };
    call(connection, "Fetch.enable", json!({ "patterns": [{ "urlPattern": "*" }] }))?;
    call(connection, "Page.enable", json!({}))?;
    // The page's colours are the light ones whatever the machine prefers.
    call(
        connection,
        "Emulation.setEmulatedMedia",
        json!({ "media": "print", "features": [{ "name": "prefers-color-scheme", "value": "light" }] }),
    )?;
    let navigated = call(connection, "Page.navigate", json!({ "url": url }))?;
    if let Some(error) = navigated.get("errorText").and_then(Value::as_str) {
        return Err(format!("{url} did not load: {error}"));
    }
    wait_for_load(connection, &session, resources, deadline)?;
    call(
        connection,
        "Runtime.evaluate",
        json!({ "expression": "document.fonts.ready.then(() => true)", "awaitPromise": true }),
    )?;
    let printed = call(
        connection,
        "Page.printToPDF",
        json!({
            "printBackground": true,
            "preferCSSPageSize": true,
            "paperWidth": 8.27,
            "paperHeight": 11.69,
            "displayHeaderFooter": false,
            "generateTaggedPDF": true,
            "generateDocumentOutline": true,
            "transferMode": "ReturnAsStream",
        }),
    )?;
    let handle = printed["stream"].as_str().ok_or("Page.printToPDF gave no stream")?.to_string();
    read_stream(connection, &handle, &session, deadline)
}

/// Answers a paused request from `resources`, or fails it; other events
/// are kept for later.
fn answer(
    connection: &mut Connection,
    event: Value,
    session: &str,
    resources: &dyn Resources,
) -> Result<(), String> {
    let in_session = event.get("sessionId").and_then(Value::as_str) == Some(session);
    if !in_session || event["method"] != "Fetch.requestPaused" {
        connection.keep(event);
        return Ok(());
    }
    let params = &event["params"];
    let request_id = params["requestId"].clone();
    let url = params["request"]["url"].as_str().unwrap_or_default();
    let command = match resources.get(url) {
        Some(r) => (
            "Fetch.fulfillRequest",
            json!({
                "requestId": request_id,
                "responseCode": 200,
                "responseHeaders": [{ "name": "Content-Type", "value": r.content_type }],
                "body": BASE64.encode(&r.bytes),
            }),
        ),
        None => (
            "Fetch.failRequest",
            json!({ "requestId": request_id, "errorReason": "BlockedByClient" }),
        ),
    };
    connection.send_only(command.0, command.1, Some(session)).map(|_| ())
}

fn wait_for_load(
    connection: &mut Connection,
    session: &str,
    resources: &dyn Resources,
    deadline: Instant,
) -> Result<(), String> {
    loop {
        let event = connection.next_event(deadline)?;
        let in_session = event.get("sessionId").and_then(Value::as_str) == Some(session);
        if in_session && event["method"] == "Page.loadEventFired" {
            break;
        }
        // Anything else that happened before the load is of no interest.
        if in_session && event["method"] == "Fetch.requestPaused" {
            answer(connection, event, session, resources)?;
        }
    }
    Ok(())
}

fn read_stream(
    connection: &mut Connection,
    handle: &str,
    session: &str,
    deadline: Instant,
) -> Result<Vec<u8>, String> {
    let mut pdf = Vec::new();
    let mut ignore = |c: &mut Connection, e: Value| {
        c.keep(e);
        Ok(())
    };
    loop {
        let chunk = connection.call(
            "IO.read",
            json!({ "handle": handle, "size": 1 << 20 }),
            Some(session),
            deadline,
            &mut ignore,
        )?;
        let data = chunk["data"].as_str().unwrap_or_default();
        if chunk["base64Encoded"].as_bool().unwrap_or(false) {
            let bytes = BASE64.decode(data.as_bytes()).map_err(|e| format!("IO.read: {e}"))?;
            pdf.extend_from_slice(&bytes);
        } else {
            pdf.extend_from_slice(data.as_bytes());
        }
        if chunk["eof"].as_bool().unwrap_or(true) {
            break;
        }
    }
    let _ = connection.send_only("IO.close", json!({ "handle": handle }), Some(session));
    Ok(pdf)
}
