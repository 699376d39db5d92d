use agora_api::Endpoint;

// One run reports every mistake: the template, an unknown key, an unknown
// scheme and a misplaced field, each at its own token.
#[derive(Endpoint)]
#[endpoint(GET, "v1/{missing}", response = (), idempotant)]
#[auth(basic, tokn)]
pub struct Everything {
    #[endpoint(header = "X-Bad Header")]
    header: String,
}

fn main() {}
