//! One connection: HTTP/1.1 served by hyper, and the path of each request
//! through it: body read, fault looked up, request processed, journaled
//! and answered.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpStream;

use crate::faults::Kind;
use crate::ids::stable_hex;
use crate::journal::JournalEntry;
use crate::pipeline::{Incoming as IncomingRequest, process};
use crate::redact;
use crate::reply::{Reply, default_fault_body};
use crate::server::{Open, Shared, lock};

/// The largest request body read (1 MiB); larger ones are answered `413`
/// and journaled without their body.
pub(crate) const MAX_BODY: usize = 1024 * 1024;

/// Serves one connection until it closes, the host becomes unreachable or
/// the server is dropped (dropping the connection closes the socket).
///
/// hyper closes it, too, when a request's headers take longer than the
/// server's header read timeout to arrive (from when hyper starts waiting
/// for them, so an idle kept-alive connection is closed after as long);
/// the timeout only runs with a timer, hence `TokioTimer`.
pub(crate) async fn serve_connection(
    shared: Arc<Shared>,
    host: usize,
    stream: TcpStream,
    open: Open,
) {
    let mut unreachable = open.0.unreachable.subscribe();
    let shared_timeout = shared.header_read_timeout;
    let service = service_fn(move |request| handle(Arc::clone(&shared), host, request));
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(shared_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        _ = async {
            loop {
                if *unreachable.borrow_and_update() || unreachable.changed().await.is_err() {
                    return;
                }
            }
        } => {}
    }
    drop(open);
}

/// A connection closed on purpose, without an answer.
#[derive(Debug)]
pub(crate) struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

fn respond(reply: Reply, request_id: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    if let Ok(id) = hyper::header::HeaderValue::from_str(request_id) {
        headers.insert("x-request-id", id);
    }
    for (name, value) in reply.headers {
        if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
            // A product that echoes the caller's `X-Request-ID` (Media
            // Push, Media Pull) replaces the emulator's own.
            if name.eq_ignore_ascii_case("x-request-id") {
                headers.insert(name, value);
            } else {
                headers.append(name, value);
            }
        }
    }
    response
}

async fn handle(
    shared: Arc<Shared>,
    host: usize,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let (parts, body) = request.into_parts();
    let (body, too_large) = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => (collected.to_bytes(), false),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => (Bytes::new(), true),
        // The client went away mid-request: nothing was received.
        Err(_) => return Err(Dropped),
    };
    answer(&shared, host, parts, body, too_large).await
}

/// Answers one request whose body was read (or found larger than
/// [`MAX_BODY`]: `too_large`): the fault, the endpoint, the journal.
/// `Err` when a fault drops the connection.
pub(crate) async fn answer(
    shared: &Shared,
    host: usize,
    parts: hyper::http::request::Parts,
    body: Bytes,
    too_large: bool,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let now = shared.clock.now();
    let number = shared.requests.fetch_add(1, Ordering::Relaxed);
    let request_id = stable_hex(&[&shared.seed.to_string(), &number.to_string()], 32);
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let routed = shared.router.find(&method, &path);
    let content_type = parts
        .headers
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let target = parts
        .uri
        .path_and_query()
        .map_or(path.as_str(), |pq| pq.as_str());
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes());
            (
                name.as_str().to_owned(),
                redact::header(name.as_str(), &value),
            )
        })
        .collect();
    let record = |entry: JournalEntry| lock(&shared.journal).record(entry);

    if too_large {
        // Refused before anything else, and no fault is used up on it.
        record(JournalEntry {
            seq: number,
            host,
            method,
            target: redact::target(target),
            endpoint: routed.as_ref().ok().map(|matched| matched.info),
            headers,
            body: Vec::new(),
            body_truncated: true,
            received_at: now,
            applied: false,
            status: Some(413),
            fault: None,
        });
        return Ok(respond(
            Reply::gateway(413, "Request size limit exceeded"),
            &request_id,
        ));
    }

    let fault = {
        let mut faults = lock(&shared.faults);
        let fault = faults.iter_mut().find_map(|rule| rule.take(&method, &path));
        faults.retain(|rule| !rule.used_up());
        fault
    };

    let entry = JournalEntry {
        seq: number,
        host,
        method: method.clone(),
        target: redact::target(target),
        endpoint: routed.as_ref().ok().map(|matched| matched.info),
        headers,
        body: redact::body(&body, content_type),
        body_truncated: false,
        received_at: now,
        applied: false,
        status: None,
        fault: fault.as_ref().map(ToString::to_string),
    };

    match fault.as_ref().map(|fault| fault.kind()) {
        Some(Kind::Status {
            status,
            retry_after,
            body: fault_body,
        }) => {
            let body = fault_body
                .clone()
                .map(String::into_bytes)
                .unwrap_or_else(|| default_fault_body(*status).to_string().into_bytes());
            let mut reply = Reply {
                status: *status,
                headers: Vec::new(),
                body,
            };
            if let Some(after) = retry_after {
                reply = reply.with_header("retry-after", after.clone());
            }
            record(JournalEntry {
                status: Some(*status),
                ..entry
            });
            return Ok(respond(reply, &request_id));
        }
        Some(Kind::DropBeforeApply) => {
            record(entry);
            return Err(Dropped);
        }
        _ => {}
    }

    // `process` takes the state lock itself, only for as long as it needs
    // it.
    let processed = process(
        shared,
        routed.as_ref(),
        &IncomingRequest {
            method: &method,
            path: &path,
            query: parts.uri.query(),
            headers: &parts.headers,
            body: &body,
            request_id: &request_id,
            now,
        },
    );
    let status = processed.reply.status;
    match fault.as_ref().map(|fault| fault.kind()) {
        Some(Kind::DropAfterApply) => {
            record(JournalEntry {
                applied: processed.applied,
                ..entry
            });
            Err(Dropped)
        }
        Some(Kind::Delay(delay)) => {
            record(JournalEntry {
                applied: processed.applied,
                status: Some(status),
                ..entry
            });
            tokio::time::sleep(*delay).await;
            Ok(respond(processed.reply, &request_id))
        }
        _ => {
            record(JournalEntry {
                applied: processed.applied,
                status: Some(status),
                ..entry
            });
            Ok(respond(processed.reply, &request_id))
        }
    }
}
