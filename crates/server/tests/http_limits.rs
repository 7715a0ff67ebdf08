//! The HTTP server's timeouts and caps over real TCP (`http_server::serve_with` with short
//! limits): slow headers, stalled bodies and idle keep-alive connections are closed; beyond the
//! cap of requests in flight the answer is `503` with `Retry-After`; beyond the cap of
//! connections the next client waits.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use common::*;
use guichet_server::config::HttpLimits;
use guichet_server::http_server::serve_with;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{Notify, oneshot};

/// Far beyond every short limit below, so a pass never depends on the machine's speed.
const GENEROUS: Duration = Duration::from_secs(10);

fn short_limits() -> HttpLimits {
    HttpLimits {
        header_timeout: Duration::from_millis(500),
        body_timeout: Duration::from_millis(500),
        idle_timeout: Duration::from_millis(500),
        max_connections: 64,
        max_in_flight: 64,
    }
}

struct Running {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    server: tokio::task::JoinHandle<Result<(), guichet_server::StartupError>>,
}

impl Running {
    async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(GENEROUS, self.server)
            .await
            .expect("graceful shutdown in time")
            .unwrap()
            .unwrap();
    }
}

async fn start(router: Router, limits: HttpLimits) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(serve_with(listener, router, limits, async {
        let _ = stopped.await;
    }));
    Running { addr, stop, server }
}

/// A connection to `addr` that has sent `bytes`.
async fn connect_and_send(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    stream
}

/// Reads until the server closes the connection; `None` if it is still open after `GENEROUS`.
async fn read_until_closed(stream: &mut TcpStream) -> Option<String> {
    let mut received = Vec::new();
    match tokio::time::timeout(GENEROUS, stream.read_to_end(&mut received)).await {
        Ok(_) => Some(String::from_utf8_lossy(&received).into_owned()),
        Err(_) => None,
    }
}

#[tokio::test]
async fn a_slowloris_trickling_header_bytes_is_disconnected() {
    let t = bare_app(false).await;
    let running = start(t.router.clone(), short_limits()).await;
    let stream = connect_and_send(running.addr, b"GET /api/health HTTP/1.1\r\nHost: x\r\n").await;
    let (mut reader, mut writer) = stream.into_split();
    // A header line every 100 ms, never the blank line that ends the head.
    let trickle = tokio::spawn(async move {
        for n in 0..200 {
            let line = format!("X-Slow-{n}: a\r\n");
            if writer.write_all(line.as_bytes()).await.is_err() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    });
    let mut received = Vec::new();
    let closed = tokio::time::timeout(GENEROUS, reader.read_to_end(&mut received)).await;
    assert!(
        closed.is_ok(),
        "the connection is still open after {GENEROUS:?}"
    );
    let text = String::from_utf8_lossy(&received);
    assert!(!text.contains("200 OK"), "{text}");
    trickle.abort();
    running.stop().await;
}

#[tokio::test]
async fn a_stalled_body_is_refused_with_408() {
    let t = app().await;
    let running = start(t.router.clone(), short_limits()).await;
    // 100 bytes announced, 12 sent, then nothing.
    let mut stream = connect_and_send(
        running.addr,
        b"POST /api/staff/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 100\r\n\r\n{\"username\":",
    )
    .await;
    let response = read_until_closed(&mut stream)
        .await
        .expect("the server answers and closes");
    assert!(
        response.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
        "{response}"
    );
    assert!(
        response.contains(r#""code":"request_timeout""#),
        "{response}"
    );
    running.stop().await;
}

#[tokio::test]
async fn a_stalled_upload_is_408_whatever_the_handler_made_of_it() {
    let t = bare_app(false).await;
    // Like the upload routes: a failed read is answered as the handler sees fit.
    let reader = Router::new().route(
        "/read",
        axum::routing::post(|body: axum::body::Body| async move {
            match axum::body::to_bytes(body, usize::MAX).await {
                Ok(_) => axum::http::StatusCode::OK,
                Err(_) => axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            }
        }),
    );
    let router = guichet_server::build_router_with(t.state.clone(), reader);
    let running = start(router, short_limits()).await;
    let mut stream = connect_and_send(
        running.addr,
        b"POST /api/read HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\
          Content-Length: 5000\r\n\r\nsome bytes",
    )
    .await;
    let response = read_until_closed(&mut stream).await.expect("an answer");
    assert!(
        response.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
        "{response}"
    );
    assert!(response.contains("did not arrive in time"), "{response}");
    running.stop().await;
}

#[tokio::test]
async fn a_slow_but_steady_body_is_not_cut() {
    let t = app().await;
    let running = start(t.router.clone(), short_limits()).await;
    // 6 KB over about 2 s, four times the body timeout, but well above the minimum rate.
    let body = json!({"username": "nobody", "password": "wrong-password", "pad": "a".repeat(6000)})
        .to_string();
    let head = format!(
        "POST /api/staff/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = connect_and_send(running.addr, head.as_bytes()).await;
    for chunk in body.as_bytes().chunks(600) {
        tokio::time::sleep(Duration::from_millis(200)).await;
        stream.write_all(chunk).await.unwrap();
    }
    let response = read_until_closed(&mut stream).await.expect("an answer");
    assert!(
        response.starts_with("HTTP/1.1 401 Unauthorized\r\n"),
        "{response}"
    );
    running.stop().await;
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let t = bare_app(false).await;
    let running = start(t.router.clone(), short_limits()).await;
    let mut stream =
        connect_and_send(running.addr, b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n").await;
    // Keep-alive: the response comes, then the connection stays open until the idle limit.
    let response = read_until_closed(&mut stream)
        .await
        .expect("an idle connection is closed");
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert_eq!(response.matches("HTTP/1.1").count(), 1, "{response}");
    running.stop().await;
}

#[tokio::test]
async fn beyond_the_requests_in_flight_the_answer_is_503_with_retry_after() {
    let t = bare_app(false).await;
    let entered = Arc::new(Notify::new());
    let release = Arc::new(Notify::new());
    let (entered_in, release_in) = (Arc::clone(&entered), Arc::clone(&release));
    let slow = Router::new().route(
        "/slow",
        get(move || {
            let (entered, release) = (Arc::clone(&entered_in), Arc::clone(&release_in));
            async move {
                entered.notify_one();
                release.notified().await;
                "done"
            }
        }),
    );
    let router = guichet_server::build_router_with(t.state.clone(), slow);
    let limits = HttpLimits {
        max_in_flight: 1,
        idle_timeout: GENEROUS,
        ..short_limits()
    };
    let running = start(router, limits).await;

    let mut first = connect_and_send(
        running.addr,
        b"GET /api/slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    tokio::time::timeout(GENEROUS, entered.notified())
        .await
        .expect("the first request reaches its handler");

    let mut second = connect_and_send(
        running.addr,
        b"GET /api/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nConnection: close\r\n\r\n",
    )
    .await;
    let refused = read_until_closed(&mut second).await.expect("an answer");
    assert!(
        refused.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
        "{refused}"
    );
    assert!(
        refused.to_ascii_lowercase().contains("retry-after: 5\r\n"),
        "{refused}"
    );
    assert!(refused.contains(r#""code":"overloaded""#), "{refused}");
    assert!(refused.contains("The server is busy"), "{refused}");

    release.notify_one();
    let done = read_until_closed(&mut first).await.expect("an answer");
    assert!(done.starts_with("HTTP/1.1 200 OK\r\n"), "{done}");
    // With the first one done, requests are served again.
    let mut third = connect_and_send(
        running.addr,
        b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    let served = read_until_closed(&mut third).await.expect("an answer");
    assert!(served.starts_with("HTTP/1.1 200 OK\r\n"), "{served}");
    running.stop().await;
}

#[tokio::test]
async fn beyond_the_connection_cap_the_next_client_waits_for_a_free_slot() {
    let t = bare_app(false).await;
    let limits = HttpLimits {
        max_connections: 1,
        idle_timeout: Duration::from_secs(60),
        header_timeout: Duration::from_secs(60),
        ..short_limits()
    };
    let running = start(t.router.clone(), limits).await;
    let mut holder =
        connect_and_send(running.addr, b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n").await;
    let mut first_bytes = [0u8; 12];
    holder.read_exact(&mut first_bytes).await.unwrap();
    assert_eq!(&first_bytes, b"HTTP/1.1 200");

    let mut waiting = connect_and_send(
        running.addr,
        b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    let mut byte = [0u8; 1];
    let early = tokio::time::timeout(Duration::from_millis(700), waiting.read(&mut byte)).await;
    assert!(early.is_err(), "served while the only slot was taken");

    drop(holder);
    let response = read_until_closed(&mut waiting)
        .await
        .expect("served once the slot is free");
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    running.stop().await;
}
