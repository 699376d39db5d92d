//! RTC channel management RESTful API: ban rules, online channel
//! statistics and the notification server IPs.
//!
//! Basic auth. Online statistics: 20 requests per second per API per
//! account; ban rules: 10 per second.
//! <https://docs.agora.io/en/video-calling/channel-management-api/overview>
