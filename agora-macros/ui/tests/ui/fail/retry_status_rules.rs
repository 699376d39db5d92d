use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/v1/things", response = (), retry_status = "409")]
#[auth(basic)]
pub struct StatusAsText {}

#[derive(Endpoint)]
#[endpoint(GET, "/v1/things", response = (), retry_status = 200)]
#[auth(basic)]
pub struct SuccessStatus {}

#[derive(Endpoint)]
#[endpoint(GET, "/v1/things", response = (), retry_status = 503)]
#[auth(basic)]
pub struct RetriedAlready {}

#[derive(Endpoint)]
#[endpoint(GET, "/v1/things", response = (), retry_status = 409, retry_status = 409)]
#[auth(basic)]
pub struct TwiceTheSame {}

#[derive(Endpoint)]
#[endpoint(GET, "/v1/things", response = (), retry_status)]
#[auth(basic)]
pub struct WithoutAStatus {}

fn main() {}
