//! The addresses Agora's event notifications come from.

use crate::{Endpoint, endpoint_docs};

use super::response::NcsIps;

/// Lists the IP addresses Agora's message notification service (NCS)
/// sends Cloud Recording events from, for your firewall's allow list.
///
/// Agora changes the addresses: query them at least once every 24 hours and
/// update the allow list.
///
/// ```
/// use agora_api::{Client, cloud_recording::GetNcsIps};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&GetNcsIps::builder().build())?;
/// assert_eq!(request.url().as_str(), "https://api.agora.io/v1/ncs/ip");
/// # Ok::<(), agora_api::Error>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(
    GET,
    "/v1/ncs/ip",
    response = NcsIps,
    doc = "https://docs.agora.io/en/cloud-recording/reference/rest-api/ncs-ip",
)]
#[auth(basic)]
pub struct GetNcsIps {}
