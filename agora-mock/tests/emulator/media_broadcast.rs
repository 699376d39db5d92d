//! Media Broadcast against the emulator: HMAC-SHA256 is the only way in
//! (a signed call is served; a wrong signature, a stale date, a body
//! other than the signed one, or Basic credentials are refused with
//! `401`); domains and entry points from add to delete, with `live` there
//! from the start and kept; settings per entry point, gone with it; a ban
//! cuts a stream off until its `resumeTime`; pushes become publish
//! history, quality and play records.

use std::time::{Duration, SystemTime};

use agora_api::media_broadcast::{
    AddDomain, AddEntryPoint, AuthKey, BanStream, CallbackUrl, CancelStreamDelay, DeleteDomain,
    DeleteEntryPoint, DomainType, EntryPointName, FlsDomain, FlsRegion, FlsTime, GetDomain,
    GetOnlineStream, GetPlayStatistics, GetPublishHistory, GetPublishQuality, GetTransfer,
    ListBannedStreams, ListDomains, ListEntryPoints, SetDomainAuthKey, SetStreamDelay, SetTransfer,
    StreamName, UnbanStream,
};
use agora_api::{
    AppId, AuthContext, AuthScheme, Authorizer, Client, HmacAuth, RetryPolicy, reqwest,
};
use agora_mock::{ManualClock, MockServer};

use crate::support::{Raw, api_error};

fn domain(name: &str) -> FlsDomain {
    FlsDomain::new(name).expect("a domain name")
}

fn entry(name: &str) -> EntryPointName {
    EntryPointName::new(name).expect("an entry point name")
}

fn stream(name: &str) -> StreamName {
    StreamName::new(name).expect("a stream name")
}

fn list_domains(app_id: &AppId) -> ListDomains {
    ListDomains::builder().appid(app_id.clone()).build()
}

/// An HMAC request to the emulator, signed over `signed_body` and sent
/// with `sent_body`.
async fn signed_request(
    server: &MockServer,
    hmac: &HmacAuth,
    path: &str,
    signed_body: &str,
    sent_body: &str,
) -> (u16, serde_json::Value) {
    let _ = Raw::new(server); // installs the TLS provider reqwest needs
    let http = reqwest::Client::new();
    let mut request = http
        .patch(format!("{}{path}", server.url()))
        .header("content-type", "application/json")
        .body(signed_body.to_owned())
        .build()
        .expect("a request");
    hmac.authorize(&mut request, &AuthContext::new("raw", AuthScheme::HMAC))
        .expect("signed");
    *request.body_mut() = Some(sent_body.to_owned().into());
    let response = http.execute(request).await.expect("an answer");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn only_a_valid_hmac_signature_over_the_exact_request_gets_in() {
    let server = MockServer::start().await;
    let app_id = server.app_id().clone();
    let credentials = server.credentials();

    // Signed with the account's Customer ID and Secret: served.
    let domains = server
        .client()
        .send(&list_domains(&app_id))
        .await
        .expect("a signed call is served");
    assert!(domains.domain_list.is_empty());

    // Signed with another secret: the gateway's 401.
    let forged = Client::builder()
        .base_url(server.url())
        .hmac_auth(credentials.customer_id.clone(), "not-the-secret")
        .retry(RetryPolicy::never())
        .build()
        .expect("a client");
    let error = forged
        .send(&list_domains(&app_id))
        .await
        .expect_err("a wrong signature");
    let refused = api_error(&error);
    assert_eq!(refused.status, 401);
    assert_eq!(
        refused.message.as_deref(),
        Some("HMAC signature cannot be verified")
    );

    // Basic credentials, right as they are, are not a way in.
    let answer = Raw::new(&server)
        .basic("GET", &format!("/v1/projects/{app_id}/fls/domains"), None)
        .await;
    assert_eq!(answer.status, 401, "{}", answer.body);

    // The body sent is not the body signed.
    let hmac = HmacAuth::new(
        credentials.customer_id.clone(),
        credentials.customer_secret.clone(),
    )
    .expect("credentials");
    let path = format!("/v1/projects/{app_id}/fls/entry_points/live/admin/delayed_streams/s1");
    let (status, body) =
        signed_request(&server, &hmac, &path, r#"{"delay":10}"#, r#"{"delay":600}"#).await;
    assert_eq!(status, 401);
    assert_eq!(body["message"], "HMAC signature does not match");
    assert_eq!(
        server.media_broadcast().delay("live", "s1"),
        None,
        "not applied"
    );
    // The same request with the body it was signed over is applied.
    let (status, _) =
        signed_request(&server, &hmac, &path, r#"{"delay":10}"#, r#"{"delay":10}"#).await;
    assert_eq!(status, 200);
    assert_eq!(server.media_broadcast().delay("live", "s1"), Some(10));
}

#[tokio::test]
async fn a_signature_dated_more_than_five_minutes_away_is_refused() {
    // The emulator's clock is ten minutes ahead of the client's.
    let clock = ManualClock::new(SystemTime::now() + Duration::from_secs(600));
    let server = MockServer::builder()
        .clock(clock)
        .start()
        .await
        .expect("a server");
    let error = server
        .client()
        .send(&list_domains(server.app_id()))
        .await
        .expect_err("a stale date");
    let refused = api_error(&error);
    assert_eq!(refused.status, 401);
    assert!(
        refused
            .message
            .as_deref()
            .is_some_and(|message| message.contains("a valid date or x-date header is required")),
        "{refused:?}"
    );
    assert!(!server.journal()[0].applied);
}

#[tokio::test]
async fn a_domain_is_added_once_read_rekeyed_and_deleted() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let push = domain("push.example.com");
    let add = AddDomain::builder()
        .appid(app_id.clone())
        .domain(push.clone())
        .domain_type(DomainType::Publish)
        .region(FlsRegion::China)
        .build();

    let added = client.send(&add).await.expect("added");
    assert_eq!(added.name.as_deref(), Some("push.example.com"));
    assert_eq!(added.region, Some(FlsRegion::China));
    assert_eq!(
        added.cname.as_deref(),
        Some("push.example.com.fls.agoramdn.com")
    );
    let first_key = added.auth_key.expect("an authKey").expose().to_owned();
    assert_eq!(server.requests_to::<AddDomain>()[0].status, Some(201));

    let again = client.send(&add).await.expect_err("added twice");
    assert_eq!(api_error(&again).status, 400);

    let play = AddDomain::builder()
        .appid(app_id.clone())
        .domain(domain("play.example.com"))
        .domain_type(DomainType::Play)
        .build();
    client.send(&play).await.expect("a playing domain");
    let listed = client.send(&list_domains(&app_id)).await.expect("a list");
    let names: Vec<_> = listed
        .domain_list
        .iter()
        .filter_map(|d| d.name.as_deref())
        .collect();
    assert_eq!(names, ["play.example.com", "push.example.com"]);
    assert_eq!(
        listed.domain_list[0].region, None,
        "a playing domain has no region"
    );

    let rekey = SetDomainAuthKey::builder()
        .appid(app_id.clone())
        .domain(push.clone())
        .auth_key(AuthKey::new("a-new-timestamp-key").expect("a key"))
        .build();
    client.send(&rekey).await.expect("rekeyed");
    let get = GetDomain::builder()
        .appid(app_id.clone())
        .domain(push.clone())
        .build();
    let read = client.send(&get).await.expect("read");
    let key = read.auth_key.expect("an authKey");
    assert_eq!(key.expose(), "a-new-timestamp-key");
    assert_ne!(key.expose(), first_key);

    let delete = DeleteDomain::builder()
        .appid(app_id.clone())
        .domain(push)
        .build();
    client.send(&delete).await.expect("deleted");
    for error in [
        client.send(&get).await.expect_err("gone"),
        client.send(&delete).await.expect_err("gone"),
        client.send(&rekey).await.expect_err("gone"),
    ] {
        assert_eq!(api_error(&error).status, 404);
    }
}

#[tokio::test]
async fn entry_points_keep_their_settings_until_deleted_and_live_stays() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let names = |list: agora_api::media_broadcast::EntryPointList| -> Vec<String> {
        list.entry_point_list.into_iter().map(|e| e.name).collect()
    };
    let list = ListEntryPoints::builder().appid(app_id.clone()).build();
    assert_eq!(names(client.send(&list).await.expect("a list")), ["live"]);

    let add = AddEntryPoint::builder()
        .appid(app_id.clone())
        .entry_point(entry("live2"))
        .build();
    client.send(&add).await.expect("added");
    assert_eq!(server.requests_to::<AddEntryPoint>()[0].status, Some(201));
    assert_eq!(
        api_error(&client.send(&add).await.expect_err("twice")).status,
        400
    );
    assert_eq!(
        names(client.send(&list).await.expect("a list")),
        ["live", "live2"]
    );

    let set = SetTransfer::builder()
        .appid(app_id.clone())
        .entry_point(entry("live2"))
        .enabled(true)
        .callback_url(CallbackUrl::new("https://example.transfer.com/callback").expect("a URL"))
        .build();
    client.send(&set).await.expect("set");
    let get = GetTransfer::builder()
        .appid(app_id.clone())
        .entry_point(entry("live2"))
        .build();
    let transfer = client.send(&get).await.expect("read");
    assert!(transfer.enabled);
    assert_eq!(
        transfer.callback_url.as_deref(),
        Some("https://example.transfer.com/callback")
    );

    let delete_live = DeleteEntryPoint::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .build();
    let error = client.send(&delete_live).await.expect_err("live stays");
    assert_eq!(api_error(&error).status, 400);

    let delete = DeleteEntryPoint::builder()
        .appid(app_id.clone())
        .entry_point(entry("live2"))
        .build();
    client.send(&delete).await.expect("deleted");
    assert_eq!(
        api_error(&client.send(&get).await.expect_err("gone")).status,
        404
    );
    assert_eq!(
        api_error(&client.send(&set).await.expect_err("gone")).status,
        404
    );

    // Added again, it starts from nothing.
    client.send(&add).await.expect("added again");
    let fresh = client.send(&get).await.expect("read");
    assert!(!fresh.enabled);
    assert_eq!(fresh.callback_url, None);
}

#[tokio::test]
async fn a_ban_cuts_a_stream_off_until_its_resume_time_or_an_unban() {
    let clock = ManualClock::starting_now();
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    let client = server.client();
    let app_id = server.app_id().clone();
    let streams = server.media_broadcast();
    assert!(streams.push("live", "show68"));

    let resume = FlsTime::at(server.now() + Duration::from_secs(120)).expect("a time");
    let ban = BanStream::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .stream_name(stream("show68"))
        .resume_time(resume.clone())
        .build();
    client.send(&ban).await.expect("banned");
    assert!(!streams.is_online("live", "show68"), "cut off");
    assert!(!streams.push("live", "show68"), "refused while banned");
    let online = GetOnlineStream::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .stream_name(stream("show68"))
        .build();
    assert_eq!(
        api_error(&client.send(&online).await.expect_err("offline")).status,
        404
    );

    let list = ListBannedStreams::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .build();
    let banned = client.send(&list).await.expect("a list");
    assert_eq!(banned.banned_stream_list.len(), 1);
    assert_eq!(
        banned.banned_stream_list[0].resume_time.as_deref(),
        Some(resume.as_str())
    );

    // Past resumeTime the ban is over.
    clock.advance(Duration::from_secs(121));
    assert!(streams.push("live", "show68"));
    let since = client.send(&online).await.expect("online again");
    assert!(since.start_time.is_some());

    // Without a resumeTime, seven days; an unban ends it now.
    let ban_default = BanStream::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .stream_name(stream("show68"))
        .build();
    client.send(&ban_default).await.expect("banned");
    let banned = client.send(&list).await.expect("a list");
    let until = banned.banned_stream_list[0]
        .resume_time
        .as_deref()
        .map(|text| FlsTime::new(text).expect("RFC 3339"))
        .expect("a resumeTime");
    let week = FlsTime::at(server.now() + Duration::from_secs(7 * 86_400)).expect("a time");
    assert_eq!(until, week);
    let unban = UnbanStream::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .stream_name(stream("show68"))
        .build();
    client.send(&unban).await.expect("unbanned");
    client
        .send(&unban)
        .await
        .expect("unbanning again is no error");
    assert!(
        client
            .send(&list)
            .await
            .expect("a list")
            .banned_stream_list
            .is_empty()
    );
    assert!(streams.push("live", "show68"));
}

#[tokio::test]
async fn a_lag_is_set_and_cancelled_on_an_existing_entry_point_only() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let set = |entry_point: EntryPointName| {
        SetStreamDelay::builder()
            .appid(app_id.clone())
            .entry_point(entry_point)
            .stream_name(stream("show68"))
            .delay(agora_api::media_broadcast::DelaySeconds::new(30).expect("a lag"))
            .build()
    };
    client
        .send(&set(EntryPointName::live()))
        .await
        .expect("set");
    assert_eq!(server.media_broadcast().delay("live", "show68"), Some(30));
    let missing = client
        .send(&set(entry("nowhere")))
        .await
        .expect_err("no such entry point");
    assert_eq!(api_error(&missing).status, 404);
    let cancel = CancelStreamDelay::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .stream_name(stream("show68"))
        .build();
    client.send(&cancel).await.expect("cancelled");
    client
        .send(&cancel)
        .await
        .expect("cancelling again is no error");
    assert_eq!(server.media_broadcast().delay("live", "show68"), None);
}

#[tokio::test]
async fn a_push_becomes_history_quality_and_audience_records() {
    // Three minutes behind the client's clock: signatures stay within the
    // five minutes allowed, and the pushed minutes are in the client's past.
    let clock = ManualClock::new(SystemTime::now() - Duration::from_secs(180));
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    let client = server.client();
    let app_id = server.app_id().clone();
    let began = server.now();
    assert!(server.media_broadcast().push("live", "show68"));
    clock.advance(Duration::from_secs(120));
    assert!(server.media_broadcast().stop("live", "show68"));
    let ended = server.now();

    let from = FlsTime::at(began - Duration::from_secs(60)).expect("a time");
    let to = FlsTime::at(ended).expect("a time");
    let history = GetPublishHistory::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .start_time(from.clone())
        .end_time(to.clone())
        .stream_name(stream("show68"))
        .build();
    let records = client
        .send(&history)
        .await
        .expect("history")
        .publish_history;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].duration, Some(120));
    assert_eq!(
        records[0].start_time.as_deref(),
        Some(FlsTime::at(began).expect("t").as_str())
    );

    let quality = GetPublishQuality::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .start_time(from.clone())
        .end_time(to.clone())
        .stream_name(stream("show68"))
        .build();
    let first = client
        .send(&quality)
        .await
        .expect("quality")
        .quality_history;
    assert!((2..=3).contains(&first.len()), "one a minute: {first:?}");
    let times: Vec<_> = first.iter().filter_map(|r| r.time.clone()).collect();
    let mut newest_first = times.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, newest_first);
    assert!(
        first
            .iter()
            .all(|r| r.bitrate.is_some() && r.frame_rate.is_some())
    );
    let again = client
        .send(&quality)
        .await
        .expect("quality")
        .quality_history;
    assert_eq!(first, again, "the same minutes, the same numbers");

    let audience = GetPlayStatistics::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .start_time(from)
        .end_time(to)
        .stream_name(stream("show68"))
        .build();
    let plays = client
        .send(&audience)
        .await
        .expect("audience")
        .play_statistic;
    assert_eq!(plays.len(), first.len());
    assert!(plays.iter().all(|r| r.link_num.is_some_and(|n| n >= 1)));

    // Another stream has no records.
    let other = GetPublishHistory::builder()
        .appid(app_id.clone())
        .entry_point(EntryPointName::live())
        .stream_name(stream("other"))
        .build();
    assert!(
        client
            .send(&other)
            .await
            .expect("history")
            .publish_history
            .is_empty()
    );
}

#[tokio::test]
async fn a_report_range_outside_its_window_is_refused_before_any_io() {
    let server = MockServer::start().await;
    let now = SystemTime::now();
    let long_ago = FlsTime::at(now - Duration::from_secs(31 * 86_400)).expect("a time");
    let a_bit_later = FlsTime::at(now - Duration::from_secs(31 * 86_400 - 600)).expect("a time");
    let audience = GetPlayStatistics::builder()
        .appid(server.app_id().clone())
        .entry_point(EntryPointName::live())
        .start_time(long_ago)
        .end_time(a_bit_later)
        .stream_name(stream("show68"))
        .build();
    let error = server
        .client()
        .send(&audience)
        .await
        .expect_err("31 days back");
    let agora_api::Error::InvalidInput(invalid) = &error else {
        panic!("refused before sending: {error:?}");
    };
    assert_eq!(invalid.field(), "start_time");
    assert!(server.journal().is_empty(), "nothing sent");
}
