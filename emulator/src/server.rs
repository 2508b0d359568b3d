//! Accept loop, per-connection control (for the `drop` fault), routing and CORS.

use crate::app::App;
use crate::config::Config;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

/// Inserted into every request's extensions: lets a handler abort its connection.
#[derive(Clone)]
pub struct ConnControl {
    kill: Arc<Notify>,
    reset: Arc<AtomicBool>,
}

impl ConnControl {
    /// Closes the connection (with a TCP reset) without sending any response.
    pub fn kill(&self) {
        // Set before the connection future (and with it the socket) is dropped.
        self.reset.store(true, Ordering::SeqCst);
        self.kill.notify_one();
    }
}

/// The socket handed to hyper; resets the connection on drop when asked to.
struct ConnIo {
    inner: TcpStream,
    reset: Arc<AtomicBool>,
}

impl Drop for ConnIo {
    fn drop(&mut self) {
        if self.reset.load(Ordering::SeqCst) {
            let _ = self.inner.set_zero_linger();
        }
    }
}

impl AsyncRead for ConnIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for ConnIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// A running emulator. Dropping it stops the server too.
pub struct RunningServer {
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl RunningServer {
    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, closes open connections, and waits for the loop to end.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }

    /// Runs until `shutdown` is triggered elsewhere (never, for the binary: it exits).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

/// Binds `config.host:config.port` and starts serving.
pub async fn bind(config: Config) -> io::Result<RunningServer> {
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    start(listener, config).await
}

/// Starts serving on `listener` (state loaded as `config` says). Returns once the
/// server accepts connections.
pub async fn start(listener: TcpListener, config: Config) -> io::Result<RunningServer> {
    let addr = listener.local_addr()?;
    let app = Arc::new(App::new(config)?);
    let router = router(app);
    let (tx, rx) = watch::channel(false);
    let task = tokio::spawn(accept_loop(listener, router, rx));
    Ok(RunningServer {
        addr,
        shutdown: tx,
        task,
    })
}

async fn accept_loop(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            r = listener.accept() => r,
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        match accepted {
            Ok((stream, _)) => {
                tokio::spawn(serve_connection(stream, router.clone(), shutdown.clone()));
            }
            Err(e) => {
                // EMFILE and friends: back off instead of spinning.
                eprintln!("chat-emulator: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn serve_connection(stream: TcpStream, router: Router, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let kill = Arc::new(Notify::new());
    let reset = Arc::new(AtomicBool::new(false));
    let io = TokioIo::new(ConnIo {
        inner: stream,
        reset: reset.clone(),
    });
    let control = ConnControl {
        kill: kill.clone(),
        reset,
    };
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        req.extensions_mut().insert(control.clone());
        let mut router = router.clone();
        async move {
            let resp: Result<Response, Infallible> =
                tower_service::Service::call(&mut router, req).await;
            resp
        }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(io, service);
    tokio::select! {
        _ = conn => {}
        _ = kill.notified() => {}
        _ = shutdown.wait_for(|stop| *stop) => {}
    }
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/v4/recentcontact/{command}", post(v4))
        .merge(crate::control::routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), cors))
        .with_state(app)
}

async fn v4(State(app): State<Arc<App>>, Path(command): Path<String>, req: Request) -> Response {
    crate::api::handle(app, command, req).await
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"ok":false,"error":"not found"}"#,
    )
        .into_response()
}

/// The Access-Control-Allow-Origin value for a request from `origin`, if allowed.
fn allowed_origin(allowed: &[String], origin: Option<&HeaderValue>) -> Option<HeaderValue> {
    if allowed.iter().any(|o| o == "*") {
        return Some(HeaderValue::from_static("*"));
    }
    match origin {
        None if allowed.is_empty() => Some(HeaderValue::from_static("*")),
        None => None,
        Some(o) if allowed.is_empty() => Some(o.clone()),
        Some(o) => allowed
            .iter()
            .any(|a| a.as_bytes() == o.as_bytes())
            .then(|| o.clone()),
    }
}

fn add_cors(headers: &mut HeaderMap, allow: Option<HeaderValue>, echoed: bool) {
    if let Some(v) = allow {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
    }
    if echoed {
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
    }
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, GET, DELETE, OPTIONS"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
}

async fn cors(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).cloned();
    let allow = allowed_origin(&app.base.cors_origins, origin.as_ref());
    let echoed = allow.as_ref().is_some_and(|v| v.as_bytes() != b"*");
    let mut resp = if req.method() == Method::OPTIONS {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NO_CONTENT;
        r
    } else {
        next.run(req).await
    };
    add_cors(resp.headers_mut(), allow, echoed);
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cors_origin_rules() {
        let o = HeaderValue::from_static("http://localhost:5173");
        assert_eq!(allowed_origin(&[], Some(&o)), Some(o.clone()));
        assert_eq!(
            allowed_origin(&[], None),
            Some(HeaderValue::from_static("*"))
        );
        assert_eq!(
            allowed_origin(&["*".into()], Some(&o)),
            Some(HeaderValue::from_static("*"))
        );
        assert_eq!(
            allowed_origin(&["http://localhost:5173".into()], Some(&o)),
            Some(o.clone())
        );
        assert_eq!(allowed_origin(&["http://x".into()], Some(&o)), None);
    }
}
