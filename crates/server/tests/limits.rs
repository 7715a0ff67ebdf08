//! Production hardening of the limits (issue #13): the staff lock and the per-client limits
//! hold under bursts of concurrent requests (and across two servers on one database), IPv6
//! clients count per /64, a stranger cannot lock a holder out of their case, password hashing
//! is bounded, complaints need their query code, and filings are limited per client.

mod common;

use axum::Router;
use axum::http::{StatusCode, header};
use common::*;
use guichet_server::password_gate::PasswordGate;
use guichet_server::{build_router, prepare};
use serde_json::{Value, json};

/// Sends every `(path, body, client ip)` at once; the replies in the same order.
async fn burst(router: &Router, requests: Vec<(&'static str, Value, String)>) -> Vec<Reply> {
    let handles: Vec<_> = requests
        .into_iter()
        .map(|(path, body, ip)| {
            let router = router.clone();
            tokio::spawn(async move { send(&router, post_from(path, &body, &ip)).await })
        })
        .collect();
    let mut replies = Vec::new();
    for handle in handles {
        replies.push(handle.await.unwrap());
    }
    replies
}

fn count(replies: &[Reply], status: StatusCode) -> usize {
    replies.iter().filter(|r| r.status == status).count()
}

/// A demo app whose password gate has room for every request of a burst, so that the lock and
/// the limits, not the gate, decide.
async fn roomy_app() -> TestApp {
    let mut t = app().await;
    t.state.password_gate = PasswordGate::new(64);
    t.router = build_router(t.state.clone());
    t
}

fn login_body(username: &str, password: &str) -> Value {
    json!({"username": username, "password": password})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_wrong_passwords_is_throttled_and_leaves_the_account_locked() {
    let t = roomy_app().await;
    // 23 wrong passwords and the right one, at once, from one address.
    let mut requests: Vec<_> = (0..23)
        .map(|n| {
            let body = login_body("jt", &format!("wrong-password-{n}"));
            ("/api/staff/login", body, "10.5.0.1".to_owned())
        })
        .collect();
    requests.insert(
        11,
        (
            "/api/staff/login",
            login_body(JT.0, JT.1),
            "10.5.0.1".to_owned(),
        ),
    );
    let replies = burst(&t.router, requests).await;
    let throttled = count(&replies, StatusCode::TOO_MANY_REQUESTS);
    let refused = count(&replies, StatusCode::UNAUTHORIZED);
    let admitted = count(&replies, StatusCode::OK);
    assert_eq!(throttled + refused + admitted, 24, "only 429, 401 and 200");
    // 20 failures per address in 15 minutes: the rest of the burst is throttled.
    assert!(throttled >= 3, "{throttled} throttled");
    assert!(admitted <= 1);
    // Whatever the right password got in the burst, the wrong ones locked the account, and
    // the lock outlives the burst: the right password from elsewhere is refused now.
    let after = send(
        &t.router,
        post_from("/api/staff/login", &login_body(JT.0, JT.1), "10.5.9.9"),
    )
    .await;
    assert_eq!(
        after.status,
        StatusCode::UNAUTHORIZED,
        "the account is locked"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_success_does_not_lift_a_lock_set_while_its_password_was_checked() {
    use argon2::{Algorithm, Argon2, Params, PasswordHasher, Version};
    let t = app().await;
    // A slow hash for jt (150 passes instead of 2), so that its check lasts long enough for
    // another request to lock the account meanwhile. How long it lasts is measured here.
    let params = Params::new(19456, 150, 1, None).unwrap();
    let slow = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let started = std::time::Instant::now();
    let phc = slow.hash_password(JT.1.as_bytes()).unwrap().to_string();
    let check_lasts = started.elapsed();
    let jt = staff(&t.state, JT.0, JT.1).await;
    let mut conn = t.state.db.acquire().await.unwrap();
    guichet_server::staff_store::set_password_hash(&mut conn, jt.id, &phc, false)
        .await
        .unwrap();
    drop(conn);

    let router = t.router.clone();
    let right = tokio::spawn(async move {
        send(
            &router,
            post_from("/api/staff/login", &login_body(JT.0, JT.1), "10.6.1.1"),
        )
        .await
    });
    // A third of the way through the check, the account gets locked (as the fifth wrong
    // password from another request would).
    tokio::time::sleep(check_lasts / 3).await;
    let until = (chrono::Utc::now() + chrono::Duration::minutes(15))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    sqlx::query("UPDATE staff_accounts SET locked_until = $1, failed_logins = 0 WHERE id = $2")
        .bind(&until)
        .bind(jt.id)
        .execute(&t.state.db)
        .await
        .unwrap();
    let reply = right.await.unwrap();
    assert_eq!(
        reply.status,
        StatusCode::UNAUTHORIZED,
        "refused: the account was locked before the check ended"
    );
    let locked_until: Option<String> =
        sqlx::query_scalar("SELECT locked_until FROM staff_accounts WHERE id = $1")
            .bind(jt.id)
            .fetch_one(&t.state.db)
            .await
            .unwrap();
    assert_eq!(
        locked_until.as_deref(),
        Some(until.as_str()),
        "the lock stays"
    );
}

#[tokio::test]
async fn a_full_password_gate_answers_busy_with_retry_after() {
    let mut t = app().await;
    t.state.password_gate = PasswordGate::new(1);
    let router = build_router(t.state.clone());
    let held = t.state.password_gate.enter().await.unwrap();
    let started = std::time::Instant::now();
    let reply = send(
        &router,
        post_from("/api/staff/login", &login_body(JT.0, JT.1), "10.7.0.1"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.code(), "busy");
    assert!(!reply.header(header::RETRY_AFTER).is_empty());
    assert!(
        reply.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("请几秒后再试")
    );
    // It waited for a slot before refusing (generous bounds).
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    // A refusal for lack of a slot is no failed attempt: once free, the login goes through.
    drop(held);
    let session = login(&router, JT.0, JT.1).await;
    // Password changes wait for the same slots.
    let held = t.state.password_gate.enter().await.unwrap();
    let change = staff_post(
        &router,
        &session,
        "/api/staff/password",
        json!({"current": JT.1, "new": "a-new-password-2026"}),
    )
    .await;
    assert_eq!(change.status, StatusCode::SERVICE_UNAVAILABLE);
    drop(held);
}

fn failed_lookup(n: usize, ip: String) -> (&'static str, Value, String) {
    (
        "/api/cases/lookup",
        json!({"case_no": format!("20260101-JT-{n:06}"), "query_code": "WRON-GWRO-NGXX"}),
        ip,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_failed_lookups_from_one_address_count_every_one() {
    let t = app().await;
    // 40 failed lookups at once, on 40 numbers, from one address: the limit is 20.
    let requests = (0..40)
        .map(|n| failed_lookup(n, "10.8.0.1".to_owned()))
        .collect();
    let replies = burst(&t.router, requests).await;
    assert_eq!(count(&replies, StatusCode::NOT_FOUND), 20);
    assert_eq!(count(&replies, StatusCode::TOO_MANY_REQUESTS), 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_database_share_the_counts() {
    let t = app().await;
    // A second server process on the same database file: its own pool, its own memory.
    let second = build_router(prepare(&test_config(t.dir.path(), false)).await.unwrap());
    let mut handles = Vec::new();
    for n in 0..40 {
        let router = if n % 2 == 0 {
            t.router.clone()
        } else {
            second.clone()
        };
        let (path, body, ip) = failed_lookup(n, "10.8.1.1".to_owned());
        handles.push(tokio::spawn(async move {
            send(&router, post_from(path, &body, &ip)).await
        }));
    }
    let mut replies = Vec::new();
    for handle in handles {
        replies.push(handle.await.unwrap());
    }
    assert_eq!(count(&replies, StatusCode::NOT_FOUND), 20);
    assert_eq!(count(&replies, StatusCode::TOO_MANY_REQUESTS), 20);
}

#[tokio::test]
async fn ipv6_clients_are_counted_per_64() {
    let t = app().await;
    // 20 failures from 20 addresses of one /64 use up its allowance ...
    for n in 0..20 {
        let ip = format!("[2001:db8:7:1::{:x}]", n + 1);
        let (path, body, ip) = failed_lookup(n, ip);
        let reply = send(&t.router, post_from(path, &body, &ip)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "attempt {n}");
    }
    let (path, body, ip) = failed_lookup(99, "[2001:db8:7:1:ffff:1:2:3]".to_owned());
    let same_64 = send(&t.router, post_from(path, &body, &ip)).await;
    assert_eq!(same_64.status, StatusCode::TOO_MANY_REQUESTS);
    // ... not the next /64's.
    let (path, body, ip) = failed_lookup(99, "[2001:db8:7:2::1]".to_owned());
    let next_64 = send(&t.router, post_from(path, &body, &ip)).await;
    assert_eq!(next_64.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_stranger_cannot_lock_the_holder_out_of_their_case() {
    let t = app().await;
    let (case_no, code) = submit(&t.router, "JT-TEST", "client-holder-1").await;
    let wrong = json!({"case_no": case_no, "query_code": "WRON-GWRO-NGXX"});
    for n in 0..5 {
        let reply = send(
            &t.router,
            post_from("/api/cases/lookup", &wrong, "10.9.0.66"),
        )
        .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "attempt {n}");
    }
    // The stranger is stopped on this case ...
    let again = send(
        &t.router,
        post_from("/api/cases/lookup", &wrong, "10.9.0.66"),
    )
    .await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    // ... and the holder, elsewhere, still opens it.
    let right = json!({"case_no": case_no, "query_code": code});
    let holder = send(
        &t.router,
        post_from("/api/cases/lookup", &right, "10.9.0.1"),
    )
    .await;
    assert_eq!(holder.status, StatusCode::OK);
    // A successful lookup is no failure: the holder may look again and again.
    for _ in 0..6 {
        let reply = send(
            &t.router,
            post_from("/api/cases/lookup", &right, "10.9.0.1"),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_case_has_a_ceiling_for_all_clients_together() {
    let t = app().await;
    let (case_no, code) = submit(&t.router, "JT-TEST", "client-ceiling-1").await;
    let wrong = json!({"case_no": case_no, "query_code": "WRON-GWRO-NGXX"});
    // 100 failures from 50 addresses, 2 each (under the per-client limits).
    for n in 0..100 {
        let ip = format!("10.10.{}.{}", n / 2 / 200, n / 2 % 200 + 1);
        let reply = send(&t.router, post_from("/api/cases/lookup", &wrong, &ip)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "attempt {n}");
    }
    let right = json!({"case_no": case_no, "query_code": code});
    let blocked = send(
        &t.router,
        post_from("/api/cases/lookup", &right, "10.11.0.1"),
    )
    .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
}

fn complaint(client_id: &str) -> Value {
    json!({"client_id": client_id, "subject": "窗口推诿",
        "facts": "三次往返仍未受理", "contact": "138 0000 0000", "case_no": null})
}

#[tokio::test]
async fn a_complaint_is_read_with_its_query_code_not_its_contact() {
    let t = app().await;
    let first = post(&t.router, "/api/complaints", complaint("complaint-code-1")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json());
    let number = first.json()["complaint_no"].as_str().unwrap().to_owned();
    let code = first.json()["query_code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 14, "{code}");
    // The outbox's retry gets the same code again.
    let retry = post(&t.router, "/api/complaints", complaint("complaint-code-1")).await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(retry.json()["query_code"], code.as_str());

    let lookup = |body: Value| {
        let router = t.router.clone();
        async move { post(&router, "/api/complaints/lookup", body).await }
    };
    let found = lookup(json!({"complaint_no": number, "query_code": code.to_lowercase()})).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.json());
    assert_eq!(found.json()["subject"], "窗口推诿");
    assert!(found.json()["query_code"].is_null(), "never sent back");
    // The contact, which the department complained about knows, opens nothing.
    let by_contact = lookup(json!({"complaint_no": number, "contact": "13800000000"})).await;
    assert_eq!(by_contact.status, StatusCode::NOT_FOUND);
    let wrong = lookup(json!({"complaint_no": number, "query_code": "WRON-GWRO-NGXX"})).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn complaints_filed_before_codes_get_one_at_start() {
    let t = app().await;
    sqlx::query(
        "INSERT INTO complaints (complaint_no, client_id, content_hash, subject, facts, contact,
             created_at)
         VALUES ('TS20261101-0001', 'old-complaint-1', 'x', '旧投诉', '事实', '13800000000',
             '2026-11-01T01:00:00.000Z')",
    )
    .execute(&t.state.db)
    .await
    .unwrap();
    // A restart gives it a code; nobody knows it, and the contact no longer opens it.
    let restarted = prepare(&test_config(t.dir.path(), false)).await.unwrap();
    let hash: Option<String> = sqlx::query_scalar(
        "SELECT query_code_hash FROM complaints WHERE complaint_no = 'TS20261101-0001'",
    )
    .fetch_one(&restarted.db)
    .await
    .unwrap();
    assert!(hash.is_some_and(|h| h.len() == 64));
    let by_contact = post(
        &build_router(restarted),
        "/api/complaints/lookup",
        json!({"complaint_no": "TS20261101-0001", "contact": "13800000000"}),
    )
    .await;
    assert_eq!(by_contact.status, StatusCode::NOT_FOUND);
}

fn submission(client_id: &str) -> Value {
    let answers = json!({"name": "张三"});
    let hash = guichet_core::form::submission_hash("JT-TEST", 1, &answers);
    json!({"client_id": client_id, "item_code": "JT-TEST", "form_version": 1,
           "answers": answers, "content_hash": hash})
}

#[tokio::test]
async fn filings_are_limited_per_client_but_replays_are_not_counted() {
    let t = app().await;
    let room = "10.12.0.1";
    for n in 0..30 {
        let body = submission(&format!("village-room-{n:03}"));
        let reply = send(&t.router, post_from("/api/submissions", &body, room)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "filing {n}");
        if n % 10 == 0 {
            // The outbox retrying: answered, not counted.
            let replay = send(&t.router, post_from("/api/submissions", &body, room)).await;
            assert_eq!(replay.status, StatusCode::OK);
        }
    }
    let one_more = submission("village-room-999");
    let refused = send(&t.router, post_from("/api/submissions", &one_more, room)).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!refused.header(header::RETRY_AFTER).is_empty());
    // Complaints count in the same allowance; replays of earlier filings are still answered.
    let complaint_refused = send(
        &t.router,
        post_from("/api/complaints", &complaint("complaint-room-1"), room),
    )
    .await;
    assert_eq!(complaint_refused.status, StatusCode::TOO_MANY_REQUESTS);
    let late_replay = send(
        &t.router,
        post_from("/api/submissions", &submission("village-room-005"), room),
    )
    .await;
    assert_eq!(late_replay.status, StatusCode::OK);
    // Another address files as usual.
    let elsewhere = send(
        &t.router,
        post_from("/api/submissions", &one_more, "10.12.0.2"),
    )
    .await;
    assert_eq!(elsewhere.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_filing_allowance_is_configurable() {
    let t = app().await;
    let router = build_router(t.state.clone().with_filings_per_hour(2));
    for n in 0..2 {
        let body = submission(&format!("small-room-{n:03}"));
        let reply = send(&router, post_from("/api/submissions", &body, "10.13.0.1")).await;
        assert_eq!(reply.status, StatusCode::CREATED, "filing {n}");
    }
    let third = submission("small-room-002");
    let refused = send(&router, post_from("/api/submissions", &third, "10.13.0.1")).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_filing_sent_many_times_at_once_counts_once() {
    let t = app().await;
    let router = build_router(t.state.clone().with_filings_per_hour(3));
    let room = "10.14.0.1";
    let first = submission("burst-room-000");
    assert_eq!(
        send(&router, post_from("/api/submissions", &first, room))
            .await
            .status,
        StatusCode::CREATED
    );
    // The outbox of two tabs sending the same filing ten times at once: one filing.
    let requests = (0..10)
        .map(|_| {
            (
                "/api/submissions",
                submission("burst-room-001"),
                room.to_owned(),
            )
        })
        .collect();
    let replies = burst(&router, requests).await;
    assert_eq!(count(&replies, StatusCode::CREATED), 1);
    assert_eq!(count(&replies, StatusCode::OK), 9);
    // So one more filing fits in the allowance of 3, and then no more.
    let third = submission("burst-room-002");
    let fourth = submission("burst-room-003");
    assert_eq!(
        send(&router, post_from("/api/submissions", &third, room))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        send(&router, post_from("/api/submissions", &fourth, room))
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
}
