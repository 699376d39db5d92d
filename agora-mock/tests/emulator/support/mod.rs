//! Shared by the emulator's test files: raw HTTP requests that bypass the
//! client's own checks (to show the emulator refuses what Agora refuses),
//! and small helpers for reading errors.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use std::time::Duration;

use agora_api::reqwest;
use agora_api::token::{WhiteboardKeys, WhiteboardRole};
use agora_api::{ApiError, AuthContext, AuthScheme, Authorizer, Error, HmacAuth};
use agora_mock::MockServer;
use base64::Engine as _;
use serde_json::Value;

/// An answer to a raw request.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

/// Raw requests to an emulator.
pub struct Raw {
    http: reqwest::Client,
    base: String,
    basic: String,
    hmac: HmacAuth,
    whiteboard_keys: WhiteboardKeys,
    education: String,
}

impl Raw {
    pub fn new(server: &MockServer) -> Self {
        let credentials = server.credentials();
        let basic = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            credentials.customer_id,
            credentials.customer_secret.expose()
        ));
        // reqwest is built without a default TLS provider; building an
        // agora-api client installs one.
        let _ = server.client();
        let hmac = HmacAuth::new(
            credentials.customer_id.clone(),
            credentials.customer_secret.clone(),
        )
        .expect("the server's credentials sign");
        let minter = agora_api::token::EducationTokenMinter::new(
            server.app_id().clone(),
            server.app_certificate().clone(),
        );
        let education = agora_api::TokenSource::token(&minter, &agora_api::TokenContext::NONE)
            .expect("an education token");
        Raw {
            http: reqwest::Client::new(),
            base: server.url(),
            basic: format!("Basic {basic}"),
            hmac,
            whiteboard_keys: credentials.whiteboard_keys.clone(),
            education: format!("agora token={}", education.expose()),
        }
    }

    /// `method path` with exactly `headers` and `body`.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.body(body.to_owned());
        }
        let response = request.send().await.expect("the emulator answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("a body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Answer {
            status,
            body,
            headers,
        }
    }

    /// With the server's Basic credentials, and a JSON body when given.
    pub async fn basic(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let text = body.map(|body| body.to_string());
        self.send(
            method,
            path,
            &[
                ("authorization", self.basic.as_str()),
                ("content-type", "application/json"),
            ],
            text.as_deref(),
        )
        .await
    }

    /// With the credentials the endpoint takes: Basic when it accepts
    /// Basic; else an app-wide education token of the first project
    /// (Flexible Classroom); else an HMAC-SHA256 signature over the exact
    /// request (Media Broadcast), made with the server's Customer ID and
    /// Secret; else an admin Whiteboard SDK token with `region` (or only
    /// the region, for an endpoint that takes no credentials).
    pub async fn authorized(
        &self,
        auth: &[AuthScheme],
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Answer {
        if auth.contains(&AuthScheme::BASIC) {
            return self.basic(method, path, body).await;
        }
        if auth.contains(&AuthScheme::EDUCATION_TOKEN) {
            let text = body.map(|body| body.to_string());
            let headers = [
                ("authorization", self.education.as_str()),
                ("content-type", "application/json"),
            ];
            return self.send(method, path, &headers, text.as_deref()).await;
        }
        if !auth.contains(&AuthScheme::HMAC) {
            // A Whiteboard endpoint takes an admin SDK token and a
            // `region`; one that takes no credentials gets the region only.
            let text = body.map(|body| body.to_string());
            let mut headers = vec![("content-type", "application/json".to_owned())];
            if auth.contains(&AuthScheme::WHITEBOARD_TOKEN) {
                let token = self
                    .whiteboard_keys
                    .sdk_token(WhiteboardRole::Admin, Some(Duration::from_secs(600)))
                    .expect("a token");
                headers.push(("token", token.into_secret()));
            }
            headers.push(("region", "us-sv".to_owned()));
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            return self.send(method, path, &headers, text.as_deref()).await;
        }
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("content-type", "application/json");
        if let Some(body) = body {
            request = request.body(body.to_string());
        }
        let mut request = request.build().expect("a request");
        self.hmac
            .authorize(&mut request, &AuthContext::new("raw", AuthScheme::HMAC))
            .expect("signed");
        let response = self
            .http
            .execute(request)
            .await
            .expect("the emulator answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("a body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Answer {
            status,
            body,
            headers,
        }
    }

    /// The `Authorization` value of the server's Basic credentials.
    pub fn basic_header(&self) -> &str {
        &self.basic
    }
}

/// The Agora error inside a failed call.
pub fn api_error(error: &Error) -> &ApiError {
    match error {
        Error::Api { error, .. } => error,
        other => panic!("expected an Agora error answer, got {other:?}"),
    }
}

/// `code` of an Agora error as a number.
pub fn code(error: &Error) -> Option<i64> {
    match &api_error(error).code {
        Some(agora_api::ErrorCode::Number(code)) => Some(*code),
        _ => None,
    }
}
