//! The README's "use the emulator in your tests" example, compiled and run
//! here; a second test checks the README shows exactly this code, so the
//! two cannot drift apart.

// README:begin
use agora_api::channel::{BanMinutes, ChannelUsers, CreateBanRule, ListChannelUsers, Privilege};
use agora_api::{ChannelName, Uid};
use agora_mock::{Fault, FaultRule, MockServer};

#[tokio::test]
async fn a_ban_whose_answer_is_lost_is_sent_once_and_still_applied() {
    // Agora on a free loopback port, with its own credentials and a first
    // project; stopped when dropped.
    let server = MockServer::start().await;
    let room = ChannelName::new("room").expect("a channel name");
    server.channel("room").host(1001).expect("joined");
    server.channel("room").audience(666).expect("joined");

    // Agora applies the next ban, then the connection drops: no answer.
    server.inject(FaultRule::new(Fault::drop_after_apply()).on_endpoint::<CreateBanRule>());

    let client = server.client(); // Basic auth with the emulator's credentials
    let ban = CreateBanRule::builder()
        .appid(server.app_id().clone())
        .cname(room.clone())
        .uid(Uid::new(666).expect("a uid"))
        .time(BanMinutes::new(10).expect("minutes"))
        .privileges(vec![Privilege::JoinChannel])
        .build();
    assert!(client.send(&ban).await.is_err());

    // Sent exactly once (a create is never re-sent), and applied all the same.
    let sent = server.requests_to::<CreateBanRule>();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].applied);
    let users = client
        .send(
            &ListChannelUsers::builder()
                .appid(server.app_id().clone())
                .channel_name(room)
                .build(),
        )
        .await
        .expect("the channel's users");
    let ChannelUsers::LiveBroadcasting(live) = users.data else {
        panic!("a live channel");
    };
    assert_eq!(live.audience.unwrap_or_default(), Vec::<u32>::new());
}
// README:end

#[test]
fn the_readme_shows_this_example() {
    let here = include_str!("readme_example.rs");
    let start = here.find("// README:begin\n").expect("a begin marker") + "// README:begin\n".len();
    let end = here.find("// README:end").expect("an end marker");
    let example = &here[start..end];
    let readme = include_str!("../../../README.md");
    let block = format!("```rust,ignore\n{example}```");
    assert!(
        readme.contains(&block),
        "README.md must show agora-mock/tests/emulator/readme_example.rs between its markers, in a ```rust,ignore block"
    );
}
