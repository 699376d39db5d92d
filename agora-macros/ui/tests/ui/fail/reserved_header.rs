use agora_api::Endpoint;

#[derive(Endpoint)]
#[endpoint(GET, "/dev/v1/projects", response = ())]
#[auth(basic)]
pub struct ListProjects {
    #[endpoint(header = "authorization")]
    credentials: String,
}

fn main() {}
