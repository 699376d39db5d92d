//! The emulator's hosts: loopback listeners sharing one state, each of
//! which can be made unreachable (its socket and connections closed) and
//! reachable again on the same port, for failover tests.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::Shared;
use crate::connection::serve_connection;

pub(super) struct Host {
    addr: SocketAddr,
    control: Arc<HostControl>,
    task: JoinHandle<()>,
}

/// How a host is told to refuse connections, and tells when it does.
pub(crate) struct HostControl {
    /// What the test asked for.
    pub(crate) unreachable: watch::Sender<bool>,
    /// Whether the listening socket is open.
    listening: watch::Sender<bool>,
    /// How many connections are open.
    connections: watch::Sender<usize>,
}

/// Counts one open connection while it lives.
pub(crate) struct Open(pub(crate) Arc<HostControl>);

impl Open {
    fn new(control: &Arc<HostControl>) -> Self {
        control.connections.send_modify(|open| *open += 1);
        Open(Arc::clone(control))
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0
            .connections
            .send_modify(|open| *open = open.saturating_sub(1));
    }
}

/// How long a host may take to stop or start listening.
const SWITCH_TIMEOUT: Duration = Duration::from_secs(5);

impl Host {
    /// Listens on `addr` and serves host `index` of `shared`.
    pub(super) async fn bind(
        shared: &Arc<Shared>,
        index: usize,
        addr: SocketAddr,
    ) -> io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let control = Arc::new(HostControl {
            unreachable: watch::Sender::new(false),
            listening: watch::Sender::new(true),
            connections: watch::Sender::new(0),
        });
        let task = tokio::spawn(run_host(
            Arc::clone(shared),
            index,
            addr,
            listener,
            Arc::clone(&control),
        ));
        Ok(Host {
            addr,
            control,
            task,
        })
    }

    /// The address it listens on (and listens on again after being
    /// unreachable).
    pub(super) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Refuses connections (`true`) or accepts them again (`false`), and
    /// returns once it does.
    pub(super) async fn set_unreachable(&self, unreachable: bool) -> io::Result<()> {
        self.control.unreachable.send_replace(unreachable);
        let mut listening = self.control.listening.subscribe();
        let mut connections = self.control.connections.subscribe();
        let switched = async {
            let _ = listening.wait_for(|open| *open != unreachable).await;
            if unreachable {
                let _ = connections.wait_for(|open| *open == 0).await;
            }
        };
        tokio::time::timeout(SWITCH_TIMEOUT, switched)
            .await
            .map_err(|_| {
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "host {} did not {} within {SWITCH_TIMEOUT:?}",
                        self.addr,
                        if unreachable { "close" } else { "listen again" }
                    ),
                )
            })
    }

    /// Stops listening and closes its connections, for good.
    pub(super) fn stop(&self) {
        // Open connections close when they see this.
        self.control.unreachable.send_replace(true);
        self.task.abort();
    }
}

/// Accepts connections on one host while it is reachable; while it is not,
/// the listening socket is closed.
async fn run_host(
    shared: Arc<Shared>,
    index: usize,
    addr: SocketAddr,
    listener: TcpListener,
    control: Arc<HostControl>,
) {
    let mut unreachable = control.unreachable.subscribe();
    let mut listener = Some(listener);
    loop {
        if *unreachable.borrow_and_update() {
            if listener.take().is_some() {
                control.listening.send_replace(false);
            }
            if unreachable.changed().await.is_err() {
                return;
            }
            continue;
        }
        let Some(bound) = &listener else {
            match TcpListener::bind(addr).await {
                Ok(bound) => {
                    listener = Some(bound);
                    control.listening.send_replace(true);
                }
                // The port may linger for a moment; try again shortly.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
            continue;
        };
        tokio::select! {
            accepted = bound.accept() => {
                if let Ok((stream, _)) = accepted {
                    tokio::spawn(serve_connection(
                        Arc::clone(&shared),
                        index,
                        stream,
                        Open::new(&control),
                    ));
                }
            }
            changed = unreachable.changed() => {
                if changed.is_err() {
                    return;
                }
            }
        }
    }
}
