//! What a call's answer says beside its body: the status, the headers and
//! the request ID, for callers who need them (`X-Resource-ID` of a Media
//! Push converter).

use std::fmt;

use reqwest::header::HeaderMap;

/// The status and headers of the response a call ended with.
///
/// `Debug` prints the status, the request and resource IDs and the header
/// names, never header values (a server may echo anything).
///
/// ```
/// use agora_api::ResponseMeta;
/// use agora_api::reqwest::header::{HeaderMap, HeaderValue};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("x-resource-id", HeaderValue::from_static("4c014467"));
/// let meta = ResponseMeta::new(201, headers);
/// assert_eq!(meta.status(), 201);
/// assert_eq!(meta.resource_id(), Some("4c014467"));
/// assert_eq!(meta.header("X-Resource-ID"), Some("4c014467"));
/// assert_eq!(meta.request_id(), None);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ResponseMeta {
    status: u16,
    headers: HeaderMap,
}

impl ResponseMeta {
    /// The metadata of a response with `status` and `headers`.
    pub fn new(status: u16, headers: HeaderMap) -> Self {
        ResponseMeta { status, headers }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Every response header.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The first value of header `name` (any case), when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// `X-Request-ID`: the ID Agora support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-request-id")
    }

    /// `X-Resource-ID`: the resource a create made (a Media Push
    /// converter), also sent with a `409` for the one that exists.
    pub fn resource_id(&self) -> Option<&str> {
        self.header("x-resource-id")
    }
}

impl fmt::Debug for ResponseMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseMeta")
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("resource_id", &self.resource_id())
            .field(
                "headers",
                &self
                    .headers
                    .keys()
                    .map(|name| name.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// A typed response with the metadata of the answer it came in, from
/// [`Client::send_with_meta`](crate::Client::send_with_meta).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WithMeta<T> {
    /// The decoded response.
    pub value: T,
    /// The status and headers.
    pub meta: ResponseMeta,
}

impl<T> WithMeta<T> {
    /// The response and its metadata.
    pub fn new(value: T, meta: ResponseMeta) -> Self {
        WithMeta { value, meta }
    }
}
