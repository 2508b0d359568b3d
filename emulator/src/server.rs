//! Accept loop, per-connection control (for the `drop` fault), and the one handler that
//! turns HTTP into service requests and carries out what the service asks for.

use crate::config::Config;
use crate::persist::{load, Saver};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;
use chat_emulator_service::{Reply, Service};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

/// Largest request body read, in bytes.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

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
    let service = load(config.service, config.state_file.as_deref())?;
    let shared = Arc::new(Shared {
        service: Mutex::new(service),
        saver: config.state_file.map(Saver::new),
    });
    let router = Router::new().fallback(handle).with_state(shared);
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

/// The service and where its state is saved.
struct Shared {
    service: Mutex<Service>,
    saver: Option<Saver>,
}

/// A save of the data to write: (change counter, bytes).
type Save = (u64, Vec<u8>);

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Service> {
        self.service.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The save to write after a response (taken under the lock that produced it, so
    /// saves are numbered in the order the changes happened).
    fn save_after(&self, service: &Service, r: &chat_emulator_service::Response) -> Option<Save> {
        if !r.mutated || self.saver.is_none() {
            return None;
        }
        service
            .save()
            .map_err(|e| eprintln!("chat-emulator: {e}"))
            .ok()
    }

    async fn persist(&self, save: Option<Save>) {
        if let (Some(saver), Some((version, bytes))) = (&self.saver, save) {
            saver.write(version, bytes).await;
        }
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Every request: hand it to the service, then do what it says.
async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let conn = req.extensions().get::<ConnControl>().cloned();
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, BODY_LIMIT).await.ok();
    let request = chat_emulator_service::Request {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect(),
        body: body.map(|b| b.to_vec()),
    };
    let (reply, save) = {
        let mut service = shared.lock();
        let reply = service.handle(request, now_ms());
        let save = match &reply {
            Reply::Respond(r) => shared.save_after(&service, r),
            Reply::Delay { .. } | Reply::Reset => None,
        };
        (reply, save)
    };
    let (response, save) = match reply {
        Reply::Respond(r) => (Some(r), save),
        Reply::Delay { ms, pending } => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            let mut service = shared.lock();
            let r = service.resume(pending, now_ms());
            let save = shared.save_after(&service, &r);
            (Some(r), save)
        }
        Reply::Reset => (None, None),
    };
    shared.persist(save).await;
    match (response, conn) {
        (Some(r), _) => to_http(r),
        (None, Some(conn)) => {
            conn.kill();
            // The connection task drops this future together with the socket.
            std::future::pending::<Response>().await
        }
        (None, None) => {
            let mut r = Response::new(Body::from(
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
            ));
            *r.status_mut() = StatusCode::BAD_GATEWAY;
            r
        }
    }
}

fn to_http(r: chat_emulator_service::Response) -> Response {
    let mut resp = Response::new(Body::from(r.body));
    *resp.status_mut() = StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK);
    let headers = resp.headers_mut();
    for (k, v) in r.headers {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::try_from(v)) {
            headers.append(k, v);
        }
    }
    resp
}
