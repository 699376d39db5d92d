//! The axum extractor (the `axum` feature): a handler that takes a
//! [`VerifiedNotification`] runs only for a body whose signature checked.

use std::future::poll_fn;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_core::Stream;

use super::{Notification, ReceiveError, Verifier, VerifyError};

/// A notification whose signature was checked, for an axum handler.
///
/// The router's state must give an `Arc<Verifier>` ([`FromRef`]; an
/// `Arc<Verifier>` as the whole state does). The body is read up to
/// [`Verifier::limit`] bytes, checked with [`Verifier::receive`], and
/// refused with [`WebhookRejection`] (`401`, `413` or `400`) otherwise.
///
/// Agora waits **10 seconds** for the `200`: answer at once
/// ([`Acknowledge`] is the `{}` Agora's rule asks for) and hand the slow
/// work to a task or a queue.
///
/// ```
/// use std::sync::Arc;
/// use agora_api::{Secret, webhooks::{Acknowledge, Event, Verifier, VerifiedNotification}};
/// use axum::{Router, routing::post};
///
/// async fn ncs(VerifiedNotification(notification): VerifiedNotification) -> Acknowledge {
///     let event = notification.event();
///     tokio::spawn(async move {
///         // The slow work, after the answer.
///         if let Event::RtcChannel(event) = event {
///             println!("{} in {}", event.uid().unwrap_or(0), event.channel_name());
///         }
///     });
///     Acknowledge
/// }
///
/// let verifier = Arc::new(Verifier::new(&Secret::new("ncs-secret")));
/// let app: Router = Router::new().route("/ncs", post(ncs)).with_state(verifier);
/// # drop(app);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedNotification(pub Notification);

impl<S> FromRequest<S> for VerifiedNotification
where
    S: Send + Sync,
    Arc<Verifier>: FromRef<S>,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Arc::<Verifier>::from_ref(state);
        let limit = verifier.limit();
        let (parts, body) = request.into_parts();
        // A declared length over the limit is refused before reading.
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<usize>().ok());
        if let Some(size) = declared.filter(|size| *size > limit) {
            return Err(WebhookRejection::Receive(ReceiveError::Verify(
                VerifyError::TooLarge { size, limit },
            )));
        }
        let bytes = read_limited(body, limit).await?;
        verifier
            .receive(&parts.headers, &bytes)
            .map(VerifiedNotification)
            .map_err(WebhookRejection::Receive)
    }
}

/// Reads `body` whole, refusing it as soon as it passes `limit` bytes.
async fn read_limited(body: Body, limit: usize) -> Result<Vec<u8>, WebhookRejection> {
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        let chunk = chunk.map_err(|error| WebhookRejection::Body(error.to_string()))?;
        let size = bytes.len().saturating_add(chunk.len());
        if size > limit {
            return Err(WebhookRejection::Receive(ReceiveError::Verify(
                VerifyError::TooLarge { size, limit },
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Why [`VerifiedNotification`] refused a request; answered with its
/// [`status`](Self::status) and a one-line text body (no secret, no MAC).
///
/// ```
/// use agora_api::webhooks::{ReceiveError, VerifyError, WebhookRejection};
/// let rejection = WebhookRejection::Receive(ReceiveError::Verify(VerifyError::MissingSignature));
/// assert_eq!(rejection.status(), 401);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The signature, the size or the envelope was refused.
    #[error(transparent)]
    Receive(ReceiveError),
    /// The body could not be read (the connection failed).
    #[error("the notification's body could not be read: {0}")]
    Body(String),
}

impl WebhookRejection {
    /// The status answered: [`ReceiveError::status`], or `400` for a body
    /// that could not be read.
    pub fn status(&self) -> StatusCode {
        match self {
            WebhookRejection::Receive(error) => error.status(),
            WebhookRejection::Body(_) => StatusCode::BAD_REQUEST,
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        (self.status(), self.to_string()).into_response()
    }
}

/// The answer Agora counts as a delivery: `200` with the JSON body `{}`
/// (Agora asks for a JSON body; its own samples send plain text).
///
/// ```
/// use axum::response::IntoResponse;
/// let response = agora_api::webhooks::Acknowledge.into_response();
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Acknowledge;

impl IntoResponse for Acknowledge {
    fn into_response(self) -> Response {
        (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            "{}",
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests;
