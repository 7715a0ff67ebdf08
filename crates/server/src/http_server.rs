//! The HTTP/1.1 server loop: hyper connections with timeouts and caps, around the axum router.
//!
//! `axum::serve` has no timeouts at all: a client that sends half its headers, or half a body,
//! and waits holds a connection and a task forever, and a few hundred such sockets (slowloris)
//! starve a county center's server. This loop accepts connections itself and enforces the
//! [`HttpLimits`]:
//! - **connections**: a semaphore permit is taken *before* accepting, so at the cap the server
//!   stops accepting and further clients wait in the kernel's listen backlog;
//! - **headers**: from the first byte of a request head, the client has `header_timeout` to
//!   finish it, or the connection is closed (trickling bytes does not reset it);
//! - **idle**: a connection with no request under way and no bytes moving for `idle_timeout`
//!   is closed;
//! - **body**: the request body must arrive within `body_timeout` after the head, a deadline
//!   that every received byte pushes back by 1/[`MIN_BODY_BYTES_PER_SECOND`] of a second (as
//!   Apache's `mod_reqtimeout` does): a 20 MB document photographed in a village uploads at
//!   any real speed, while a stalled or trickled body fails with [`BodyTimedOut`]; whatever
//!   the handler then answers (a JSON rejection, an upload's own error), the response is a
//!   `408` envelope ([`answer_body_timeouts`]);
//! - **in flight**: beyond `max_in_flight` requests being handled at once, `503` with
//!   `Retry-After` at once rather than a queue that grows until everything times out.
//!
//! The header and idle limits are watched per connection ([`Activity`]) rather than left to
//! hyper's `header_read_timeout`, whose clock starts when the server begins waiting for a
//! request and so cannot tell a slow head from an idle keep-alive connection; hyper's timer is
//! still set, to the sum of both, as a backstop. Graceful shutdown: on the shutdown future the
//! loop stops accepting, every connection finishes its request under way and closes, and the
//! loop returns once all connection permits are back.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use axum::middleware::Next;
use http_body::{Body as HttpBody, Frame, SizeHint};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt as _;

use crate::StartupError;
use crate::config::HttpLimits;
use crate::error::{ErrorCode, ErrorInfo, lang_from_headers};

/// The slowest body upload accepted, in bytes per second once the first `body_timeout` is used
/// up (a poor 2G link still moves several KB/s).
pub const MIN_BODY_BYTES_PER_SECOND: u64 = 1024;

/// Seconds a client is asked to wait when the server is at its cap of requests in flight.
pub const OVERLOADED_RETRY_AFTER_SECONDS: u64 = 5;

/// Serves `router` on `listener` with `limits` until `shutdown` resolves, then lets the requests
/// under way finish.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: HttpLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartupError> {
    let max_connections = limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let connections = Arc::new(Semaphore::new(max_connections));
    let in_flight = Arc::new(Semaphore::new(
        limits.max_in_flight.clamp(1, Semaphore::MAX_PERMITS),
    ));
    let (stop, stopping) = watch::channel(false);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout + limits.idle_timeout);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&connections).acquire_owned() => permit,
            () = &mut shutdown => break,
        };
        // The semaphore is never closed.
        let Ok(permit) = permit else { break };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: pause rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let connection = Connection {
            router: router.clone(),
            limits,
            in_flight: Arc::clone(&in_flight),
            builder: Arc::clone(&builder),
            peer,
        };
        let stopping = stopping.clone();
        tokio::spawn(async move {
            connection.run(stream, stopping).await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    // Every connection holds a permit until it ends: all of them back means all are done.
    let all = u32::try_from(max_connections).unwrap_or(u32::MAX);
    let _ = connections.acquire_many(all).await;
    Ok(())
}

/// What one accepted connection needs.
struct Connection {
    router: Router,
    limits: HttpLimits,
    in_flight: Arc<Semaphore>,
    builder: Arc<http1::Builder>,
    peer: SocketAddr,
}

impl Connection {
    /// Serves the connection until the client closes it, a limit closes it, or shutdown
    /// drains it.
    async fn run(self, stream: tokio::net::TcpStream, mut stopping: watch::Receiver<bool>) {
        let activity = Arc::new(Activity::new());
        let io = TokioIo::new(TrackedIo {
            inner: stream,
            activity: Arc::clone(&activity),
        });
        let (router, limits, in_flight, peer) =
            (self.router, self.limits, self.in_flight, self.peer);
        let request_activity = Arc::clone(&activity);
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let router = router.clone();
            let in_flight = Arc::clone(&in_flight);
            let busy = RequestUnderWay::start(Arc::clone(&request_activity));
            async move {
                let _busy = busy;
                let Ok(_permit) = in_flight.try_acquire_owned() else {
                    tracing::warn!(
                        method = %request.method(),
                        path = %request.uri().path(),
                        client_ip = %peer.ip(),
                        "overloaded: too many requests in flight, refused with 503"
                    );
                    return Ok::<_, std::convert::Infallible>(overloaded(&request));
                };
                let timed_out = BodyTimeoutFlag::default();
                let mut request = request.map(|body| {
                    Body::new(DeadlineBody::new(
                        body,
                        limits.body_timeout,
                        timed_out.clone(),
                    ))
                });
                request.extensions_mut().insert(ConnectInfo(peer));
                request.extensions_mut().insert(timed_out);
                router.oneshot(request).await
            }
        });
        let connection = self.builder.serve_connection(io, service);
        tokio::pin!(connection);
        let mut draining = *stopping.borrow();
        if draining {
            connection.as_mut().graceful_shutdown();
        }
        loop {
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%error, client_ip = %peer.ip(), "connection ended with an error");
                    }
                    break;
                }
                stall = activity.stalled(&limits) => {
                    match stall {
                        Stall::Headers => tracing::warn!(
                            target: "guichet::security",
                            event = "timeout",
                            client_ip = %peer.ip(),
                            limit_seconds = limits.header_timeout.as_secs_f64(),
                            "request headers not complete in time; connection closed"
                        ),
                        Stall::Idle => tracing::debug!(client_ip = %peer.ip(), "idle connection closed"),
                    }
                    // Dropping the connection closes the socket.
                    break;
                }
                _ = stopping.changed(), if !draining => {
                    connection.as_mut().graceful_shutdown();
                    draining = true;
                }
            }
        }
    }
}

/// The `503` sent when the server is at its cap of requests in flight, in the request's
/// language.
fn overloaded<B>(request: &Request<B>) -> Response<Body> {
    let lang = lang_from_headers(request.headers());
    let mut response =
        ErrorInfo::new(ErrorCode::Overloaded, BTreeMap::new()).into_response_in(lang);
    let headers = response.headers_mut();
    headers.insert(
        header::RETRY_AFTER,
        HeaderValue::from(OVERLOADED_RETRY_AFTER_SECONDS),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Marker for "no request head started".
const NONE: u64 = u64::MAX;

/// What a connection has been doing, for its header and idle limits. Times are milliseconds
/// since the connection was accepted.
#[derive(Debug)]
pub struct Activity {
    born: Instant,
    /// The last byte read or written.
    last_io: AtomicU64,
    /// The first byte of a request head not yet handed to the router, or [`NONE`].
    head_started: AtomicU64,
    /// Requests handed to the router and not yet answered.
    requests: AtomicUsize,
}

/// Why a connection is closed by its watcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stall {
    /// A request head took longer than the header timeout.
    Headers,
    /// Nothing happened for the idle timeout.
    Idle,
}

impl Default for Activity {
    fn default() -> Self {
        Activity::new()
    }
}

impl Activity {
    /// A connection accepted now.
    pub fn new() -> Activity {
        Activity {
            born: Instant::now(),
            last_io: AtomicU64::new(0),
            head_started: AtomicU64::new(NONE),
            requests: AtomicUsize::new(0),
        }
    }

    fn now(&self) -> u64 {
        u64::try_from(self.born.elapsed().as_millis()).unwrap_or(NONE - 1)
    }

    fn read(&self) {
        let now = self.now();
        self.last_io.store(now, Ordering::Relaxed);
        // Bytes while no request is under way are the start of the next head.
        if self.requests.load(Ordering::Relaxed) == 0 {
            let _ =
                self.head_started
                    .compare_exchange(NONE, now, Ordering::Relaxed, Ordering::Relaxed);
        }
    }

    fn wrote(&self) {
        self.last_io.store(self.now(), Ordering::Relaxed);
    }

    /// Whether a limit is exceeded now.
    pub fn stall(&self, limits: &HttpLimits) -> Option<Stall> {
        if self.requests.load(Ordering::Relaxed) > 0 {
            return None;
        }
        let now = self.now();
        let head_started = self.head_started.load(Ordering::Relaxed);
        if head_started != NONE {
            let late = now.saturating_sub(head_started) >= millis(limits.header_timeout);
            return late.then_some(Stall::Headers);
        }
        let last_io = self.last_io.load(Ordering::Relaxed);
        (now.saturating_sub(last_io) >= millis(limits.idle_timeout)).then_some(Stall::Idle)
    }

    /// Resolves when a limit is exceeded (checked a few times per limit).
    async fn stalled(&self, limits: &HttpLimits) -> Stall {
        let tick = (limits.header_timeout.min(limits.idle_timeout) / 8)
            .clamp(Duration::from_millis(10), Duration::from_secs(1));
        loop {
            tokio::time::sleep(tick).await;
            if let Some(stall) = self.stall(limits) {
                return stall;
            }
        }
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(NONE - 1)
}

/// A request handed to the router: the head is complete, and the connection is busy until the
/// answer is made (then idle time counts from that moment).
struct RequestUnderWay(Arc<Activity>);

impl RequestUnderWay {
    fn start(activity: Arc<Activity>) -> RequestUnderWay {
        activity.requests.fetch_add(1, Ordering::Relaxed);
        activity.head_started.store(NONE, Ordering::Relaxed);
        RequestUnderWay(activity)
    }
}

impl Drop for RequestUnderWay {
    fn drop(&mut self) {
        self.0.requests.fetch_sub(1, Ordering::Relaxed);
        self.0.wrote();
    }
}

/// The socket, noting every byte read or written in its [`Activity`].
struct TrackedIo<T> {
    inner: T,
    activity: Arc<Activity>,
}

impl<T: AsyncRead + Unpin> AsyncRead for TrackedIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(result, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.read();
        }
        result
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for TrackedIo<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        result
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The request body did not arrive within the body timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the request body did not arrive within {0:?}")]
pub struct BodyTimedOut(pub Duration);

/// Set when a request's body timed out: a request extension, read by
/// [`answer_body_timeouts`] after the handler.
#[derive(Debug, Clone, Default)]
pub struct BodyTimeoutFlag(Arc<std::sync::atomic::AtomicBool>);

impl BodyTimeoutFlag {
    fn set(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the body timed out.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// A request body that fails with [`BodyTimedOut`] once its deadline has passed.
pub struct DeadlineBody<B> {
    inner: B,
    /// Set unless the body was already complete (no timer for bodiless requests).
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    limit: Duration,
    timed_out: BodyTimeoutFlag,
}

impl<B: HttpBody> DeadlineBody<B> {
    /// `inner`, due within `limit` from now (extended as bytes arrive); `timed_out` is set if
    /// it is late.
    pub fn new(inner: B, limit: Duration, timed_out: BodyTimeoutFlag) -> DeadlineBody<B> {
        let deadline = (!inner.is_end_stream()).then(|| Box::pin(tokio::time::sleep(limit)));
        DeadlineBody {
            inner,
            deadline,
            limit,
            timed_out,
        }
    }
}

/// Middleware: a request whose body timed out is answered `408 request_timeout`, whatever the
/// handler made of the failed read (one answer and one security-log line for every route,
/// uploads included).
pub async fn answer_body_timeouts(request: axum::extract::Request, next: Next) -> Response<Body> {
    let flag = request.extensions().get::<BodyTimeoutFlag>().cloned();
    let response = next.run(request).await;
    if flag.is_some_and(|flag| flag.is_set()) && response.status() != StatusCode::REQUEST_TIMEOUT {
        return ErrorInfo::new(ErrorCode::RequestTimeout, BTreeMap::new())
            .into_response_in(crate::error::Lang::default());
    }
    response
}

impl<B> HttpBody for DeadlineBody<B>
where
    B: HttpBody<Data = Bytes> + Unpin,
    B::Error: Into<axum::BoxError>,
{
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            if let (Some(Ok(frame)), Some(deadline)) = (&frame, this.deadline.as_mut())
                && let Some(data) = frame.data_ref()
            {
                // Bytes received earn time: the deadline moves by their share of the min rate.
                let earned = Duration::from_millis(
                    u64::try_from(data.len())
                        .unwrap_or(u64::MAX)
                        .saturating_mul(1000)
                        / MIN_BODY_BYTES_PER_SECOND,
                );
                let later = deadline.deadline() + earned;
                deadline.as_mut().reset(later);
            }
            return Poll::Ready(frame.map(|frame| frame.map_err(Into::into)));
        }
        let expired = this
            .deadline
            .as_mut()
            .is_some_and(|deadline| deadline.as_mut().poll(cx).is_ready());
        if expired {
            this.timed_out.set();
            return Poll::Ready(Some(Err(Box::new(BodyTimedOut(this.limit)))));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> HttpLimits {
        HttpLimits {
            header_timeout: Duration::from_millis(0),
            idle_timeout: Duration::from_secs(3600),
            ..HttpLimits::default()
        }
    }

    #[test]
    fn a_started_head_is_late_but_a_request_under_way_never_is() {
        let activity = Arc::new(Activity::new());
        assert_eq!(activity.stall(&limits()), None);
        activity.read();
        assert_eq!(activity.stall(&limits()), Some(Stall::Headers));
        let busy = RequestUnderWay::start(Arc::clone(&activity));
        assert_eq!(activity.stall(&limits()), None);
        // Body bytes read while the request is under way start no head.
        activity.read();
        drop(busy);
        assert_eq!(activity.stall(&limits()), None);
        let idle = HttpLimits {
            idle_timeout: Duration::from_millis(0),
            ..limits()
        };
        assert_eq!(activity.stall(&idle), Some(Stall::Idle));
    }
}
