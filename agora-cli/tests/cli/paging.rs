//! `--all`: every page of a paged list, one JSON line each, the pages
//! the client's `next_page` leads to.

use std::collections::BTreeSet;

use crate::Emulator;

#[test]
fn all_walks_every_page_as_json_lines() {
    let emulator = Emulator::start();
    emulator.enter(|server| {
        for (index, name) in ["a", "b", "c", "d", "e"].iter().enumerate() {
            let uid = u32::try_from(index).unwrap() + 1;
            server.channel(name).host(uid).unwrap();
        }
    });
    let app_id = emulator.app_id();
    let run = emulator.agora().run(&[
        "channel",
        "list-channels",
        "--appid",
        &app_id,
        "--page-size",
        "2",
        "--all",
    ]);
    assert_eq!(run.status, 0, "{run:#?}");
    // stderr is not a terminal here: no progress indicator.
    assert!(run.stderr.is_empty(), "{run:#?}");
    let pages: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(pages.len(), 3, "{run:#?}");
    let mut names = BTreeSet::new();
    for page in &pages {
        for channel in page["data"]["channels"].as_array().unwrap() {
            names.insert(channel["channel_name"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(names.len(), 5, "{pages:#?}");
    // One request per page, each for the next page number.
    let pages_asked: Vec<String> = emulator
        .journal()
        .iter()
        .map(|entry| entry.target.clone())
        .collect();
    assert_eq!(pages_asked.len(), 3);
    assert!(pages_asked[1].contains("page_no=1"), "{pages_asked:?}");
    assert!(pages_asked[2].contains("page_no=2"), "{pages_asked:?}");

    // Without --all, one page.
    let run = emulator.agora().run(&[
        "channel",
        "list-channels",
        "--appid",
        &app_id,
        "--page-size",
        "2",
    ]);
    assert_eq!(run.json()["data"]["channels"].as_array().unwrap().len(), 2);
}
