//! A small client of the Chrome DevTools protocol: JSON commands and
//! events over one WebSocket, with sessions attached to pages ("flat"
//! mode, so one connection drives a whole tab).

use std::collections::VecDeque;
use std::io::ErrorKind;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

/// How long one read waits before the deadline is looked at again.
const POLL: Duration = Duration::from_millis(500);

/// A DevTools connection to the browser.
pub struct Connection {
    socket: WebSocket<TcpStream>,
    next_id: u64,
    /// Events that arrived while a command's answer was awaited.
    events: VecDeque<Value>,
}

impl Connection {
    /// Connects to `endpoint`, a `ws://127.0.0.1:PORT/devtools/browser/…` URL.
    pub(crate) fn open(endpoint: &str) -> Result<Connection, String> {
        let address = endpoint
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .ok_or_else(|| format!("not a DevTools address: {endpoint}"))?;
        let stream = TcpStream::connect(address).map_err(|e| format!("{address}: {e}"))?;
        stream.set_read_timeout(Some(POLL)).map_err(|e| e.to_string())?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        // A PDF comes back in chunks a megabyte or so in size; pages and
        // their resources are sent whole.
        let config = WebSocketConfig::default()
            .max_message_size(Some(1 << 30))
            .max_frame_size(Some(1 << 30));
        let (socket, _) = tungstenite::client::client_with_config(endpoint, stream, Some(config))
            .map_err(|e| format!("DevTools handshake: {e}"))?;
        Ok(Connection { socket, next_id: 1, events: VecDeque::new() })
    }

    /// Sends a command without waiting for its answer; returns its id.
    pub(crate) fn send_only(
        &mut self,
        method: &str,
        params: Value,
        session: Option<&str>,
    ) -> Result<u64, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .map_err(|e| format!("{method}: {e}"))?;
        Ok(id)
    }

    /// Sends a command and waits for its result; events that arrive
    /// meanwhile go to `on_event`, which may answer them at once (a page
    /// does not finish loading until its requests are answered).
    pub(crate) fn call(
        &mut self,
        method: &str,
        params: Value,
        session: Option<&str>,
        deadline: Instant,
        on_event: &mut dyn FnMut(&mut Connection, Value) -> Result<(), String>,
    ) -> Result<Value, String> {
        let id = self.send_only(method, params, session)?;
        loop {
            let message = self.read(deadline).map_err(|e| format!("{method}: {e}"))?;
            if message.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(error) = message.get("error") {
                    let text = error.get("message").and_then(Value::as_str).unwrap_or("");
                    return Err(format!("{method}: {text}"));
                }
                return Ok(message.get("result").cloned().unwrap_or(Value::Null));
            }
            if message.get("method").is_some() {
                on_event(self, message)?;
            }
        }
    }

    /// The next event, from those kept or from the socket.
    pub(crate) fn next_event(&mut self, deadline: Instant) -> Result<Value, String> {
        if let Some(e) = self.events.pop_front() {
            return Ok(e);
        }
        loop {
            let message = self.read(deadline)?;
            if message.get("method").is_some() {
                return Ok(message);
            }
        }
    }

    /// Keeps an event for [`Connection::next_event`].
    pub(crate) fn keep(&mut self, event: Value) {
        self.events.push_back(event);
    }

    fn read(&mut self, deadline: Instant) -> Result<Value, String> {
        loop {
            if Instant::now() > deadline {
                return Err("the browser did not answer in time".into());
            }
            match self.socket.read() {
                Ok(Message::Text(text)) => {
                    return serde_json::from_str(text.as_str())
                        .map_err(|e| format!("unreadable DevTools message: {e}"));
                }
                Ok(Message::Close(_)) => return Err("the browser closed the connection".into()),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => return Err(format!("DevTools connection: {e}")),
            }
        }
    }
}
