//! Agora Analytics RESTful API: Call Inspector, Data Insights and
//! Real-time Monitoring.
//!
//! Basic auth; rate limits depend on the plan.
//! <https://docs.agora.io/en/agora-analytics/reference/api>
