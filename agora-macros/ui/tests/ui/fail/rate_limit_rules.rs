// Each malformed `rate_limit(...)` and `doc` is reported at its own token:
// a zero count, an unknown period (with a suggestion), a missing scope, an
// unknown key, and a reference page that is not an https:// URL.
use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/things",
    response = (),
    doc = "docs.agora.io/things",
    rate_limit(0, per = second, scope = account),
    rate_limit(10, per = secnd, scope = account),
    rate_limit(10, per = minute),
    rate_limit(10, per = day, scope = app_id, burst = 3),
)]
#[auth(basic)]
pub struct ListThings {}

fn main() {}
