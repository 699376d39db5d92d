//! Notifications (NCS): the IP addresses Agora's Notifications service
//! sends channel events from.

use serde::Deserialize;

use crate::{Endpoint, endpoint_docs};

/// Lists the IP addresses Agora's Notifications service sends channel
/// events from, for a firewall allowlist.
///
/// Agora changes these addresses now and then: call this at least once a
/// day and update the allowlist.
///
/// ```
/// use agora_api::{Client, channel::ListNotificationIps};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&ListNotificationIps::builder().build())?;
/// assert_eq!(request.url().as_str(), "https://api.agora.io/v2/ncs/ip");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(
    GET,
    "/v2/ncs/ip",
    response = NotificationIps,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/endpoint/message-notification-service/query-ip-address",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct ListNotificationIps {}

/// The Notifications servers, from [`ListNotificationIps`].
///
/// ```
/// use agora_api::channel::NotificationIps;
/// let answer: NotificationIps = serde_json::from_str(
///     r#"{"data": {"service": {"hosts": [{"primaryIP": "192.0.2.1"}, {"primaryIP": "192.0.2.2"}]}}}"#,
/// )?;
/// assert_eq!(answer.ips().collect::<Vec<_>>(), ["192.0.2.1", "192.0.2.2"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NotificationIps {
    /// The servers.
    pub data: NotificationService,
}

impl NotificationIps {
    /// Every server address to allow.
    pub fn ips(&self) -> impl Iterator<Item = &str> {
        self.data
            .service
            .hosts
            .iter()
            .map(|host| host.primary_ip.as_str())
    }
}

/// `data` of [`NotificationIps`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NotificationService {
    /// The service.
    pub service: NotificationHosts,
}

/// `data.service` of [`NotificationIps`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NotificationHosts {
    /// The servers.
    #[serde(default)]
    pub hosts: Vec<NotificationHost>,
}

/// One Notifications server.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NotificationHost {
    /// Its IP address: allow it in the firewall.
    #[serde(rename = "primaryIP")]
    pub primary_ip: String,
}
