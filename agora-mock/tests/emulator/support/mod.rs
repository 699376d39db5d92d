//! Shared by the emulator's test files: raw HTTP requests that bypass the
//! client's own checks (to show the emulator refuses what Agora refuses),
//! and small helpers for reading errors.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use agora_api::reqwest;
use agora_api::{ApiError, Error};
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

    /// With the credentials an endpoint accepting `auth` takes: Basic
    /// where it takes Basic, else an app-wide education token of the first
    /// project; and a JSON body when given.
    pub async fn authorized(
        &self,
        auth: &[agora_api::AuthScheme],
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Answer {
        if auth.contains(&agora_api::AuthScheme::BASIC)
            || !auth.contains(&agora_api::AuthScheme::EDUCATION_TOKEN)
        {
            return self.basic(method, path, body).await;
        }
        let text = body.map(|body| body.to_string());
        self.send(
            method,
            path,
            &[
                ("authorization", self.education.as_str()),
                ("content-type", "application/json"),
            ],
            text.as_deref(),
        )
        .await
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
