//! Host name resolution, pluggable, and tagged so that a failed call can
//! tell a DNS failure (Agora's failover moves to the other primary domain)
//! from a network error (it moves to the neighbouring region).

use std::error::Error as StdError;
use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

type BoxError = Box<dyn StdError + Send + Sync>;

/// A host name did not resolve.
#[derive(Debug, thiserror::Error)]
#[error("cannot resolve {host}: {source}")]
pub(crate) struct DnsFailure {
    host: String,
    #[source]
    source: BoxError,
}

/// Resolves with the user's resolver, or the system's, and tags failures.
pub(crate) struct TaggingResolver {
    inner: Option<Arc<dyn Resolve>>,
}

impl TaggingResolver {
    pub(crate) fn new(inner: Option<Arc<dyn Resolve>>) -> Self {
        TaggingResolver { inner }
    }
}

impl Resolve for TaggingResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        match &self.inner {
            Some(inner) => {
                let resolving = inner.resolve(name);
                Box::pin(async move {
                    resolving
                        .await
                        .map_err(|source| Box::new(DnsFailure { host, source }) as BoxError)
                })
            }
            None => Box::pin(async move {
                let looked_up = tokio::net::lookup_host((host.clone(), 0)).await;
                match looked_up {
                    Ok(addrs) => {
                        let addrs: Vec<SocketAddr> = addrs.collect();
                        Ok(Box::new(addrs.into_iter()) as Addrs)
                    }
                    Err(error) => Err(Box::new(DnsFailure {
                        host,
                        source: Box::new(error),
                    }) as BoxError),
                }
            }),
        }
    }
}

/// Whether `error` (or anything it was caused by) is a DNS failure.
pub(crate) fn is_dns_failure(error: &(dyn StdError + 'static)) -> bool {
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(error) = current {
        if error.is::<DnsFailure>() {
            return true;
        }
        current = error.source();
    }
    false
}
