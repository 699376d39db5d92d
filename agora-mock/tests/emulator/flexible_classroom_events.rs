//! Flexible Classroom's event reads against the emulator: the app's feed
//! hands each event out once, while a classroom's events stay readable
//! and page 100 at a time; widget data pages `count` at a time.

use super::flexible_classroom::{REGION, ROOM, create, room, room_events, take};
use agora_api::flexible_classroom::{
    BatchSize, EventCmd, EventPayload, ListPopupQuizEvents, UserRole,
};
use agora_mock::MockServer;
use serde_json::json;

#[tokio::test]
async fn the_app_feed_hands_each_event_out_once_and_the_classroom_read_pages_them_again() {
    let server = MockServer::start().await;
    let client = server.client();
    client.send(&create(&server, ROOM)).await.expect("created");
    let seed = server.classroom(REGION, ROOM);
    for round in 0..60 {
        let user = format!("student-{round}");
        seed.enter(&user, "S", UserRole::Student)
            .expect("entered")
            .leave(&user)
            .expect("left");
    }
    seed.enter("teacher", "Ada", UserRole::Teacher)
        .expect("entered")
        .chat("teacher", "welcome")
        .expect("sent");

    let feed = client.send(&take(&server)).await.expect("the feed");
    assert_eq!(feed.len(), 122);
    let Some(EventPayload::Chat(chat)) = feed.last().map(|event| &event.payload) else {
        panic!("the chat message last: {:?}", feed.last());
    };
    assert_eq!(chat.message, "welcome");
    let again = client.send(&take(&server)).await.expect("the feed");
    assert!(again.is_empty(), "each event is handed out once");

    let mut pages = client.pages(room_events(&server, None));
    let mut sizes = Vec::new();
    let mut sequences = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a batch");
        sizes.push(page.list.len());
        sequences.extend(page.list.iter().filter_map(|event| event.sequence));
    }
    assert_eq!(sizes, [100, 22], "100 a batch");
    assert_eq!(
        sequences,
        (1..=122).collect::<Vec<u64>>(),
        "in order, each once"
    );
    let reread = client
        .send(&room_events(&server, Some(EventCmd::Chat)))
        .await
        .expect("again");
    assert_eq!(reread.list.len(), 1, "the classroom's events stay readable");
}

#[tokio::test]
async fn quiz_data_is_read_a_batch_of_count_at_a_time() {
    let server = MockServer::start().await;
    let client = server.client();
    client.send(&create(&server, ROOM)).await.expect("created");
    let seed = server.classroom(REGION, ROOM);
    for answered in 1..=3 {
        seed.quiz_change(json!({
            "action": 1,
            "changeProperties": { "extra.totalCount": answered },
            "operator": { "userUuid": "server", "userName": "server", "role": "server" },
        }))
        .expect("a quiz change");
    }
    let read = ListPopupQuizEvents::builder()
        .region(REGION)
        .app_id(server.app_id().clone())
        .room_uuid(room())
        .count(BatchSize::new(2).expect("a size"))
        .build();
    let mut pages = client.pages(read);
    let mut totals = Vec::new();
    while let Some(page) = pages.next().await {
        for change in page.expect("a batch").list {
            totals.push(change.property("extra.totalCount").cloned());
        }
    }
    assert_eq!(totals, [Some(json!(1)), Some(json!(2)), Some(json!(3))]);
}
