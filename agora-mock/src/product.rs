//! What an emulated product is: one [`Product`] impl per folder of
//! `products/`, carrying the product's own state, its error shape and a
//! handler per typed endpoint, and registered with
//! [`inventory::submit!`] so that nothing lists the products by hand.
//!
//! ```text
//! impl Product for CloudRecording {
//!     const MODULE: &'static str = "agora_api::cloud_recording";
//!     type State = Recordings;
//!     fn register(routes: &mut Routes<Self>) {
//!         routes.on::<Acquire>(session::acquire).on::<Start>(session::start);
//!     }
//!     // error shape: invalid, unsupported_media_type, rate_limited, ...
//! }
//! inventory::submit! { Registration::of::<CloudRecording>() }
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::sync::Mutex;
use std::time::SystemTime;

use agora_api::endpoint::WireRequest;
use agora_api::registry::{self, EndpointInfo};
use agora_api::{Endpoint, InvalidInput};

use crate::auth::Principal;
use crate::reply::{Fail, Handled, Reply};
use crate::server::lock;
use crate::state::{Account, State};

/// One emulated Agora product.
pub(crate) trait Product: Sized + 'static {
    /// The `agora_api` module of the endpoints it serves, as
    /// [`EndpointInfo::product`] names it (`agora_api::cloud_recording`).
    const MODULE: &'static str;

    /// What the product remembers beyond the account (projects and RTC
    /// channels, which every product sees).
    type State: Default + fmt::Debug + Send + 'static;

    /// Registers a handler for each endpoint of the product.
    fn register(routes: &mut Routes<Self>);

    /// An input that breaks a documented rule, in the product's error
    /// shape.
    fn invalid(info: &'static EndpointInfo, request_id: &str, error: &InvalidInput) -> Reply;

    /// A request broken before it reaches its endpoint (its query is not
    /// readable). By default the same as [`invalid`](Self::invalid).
    fn malformed(info: &'static EndpointInfo, request_id: &str, error: &InvalidInput) -> Reply {
        Self::invalid(info, request_id, error)
    }

    /// A body that is not `application/json`.
    fn unsupported_media_type(request_id: &str) -> Reply;

    /// Over a documented rate limit: by default the gateway's `429
    /// {"message": "API rate limit exceeded"}`.
    fn rate_limited(request_id: &str) -> Reply {
        let _ = request_id;
        Reply::gateway(429, "API rate limit exceeded")
    }

    /// A token refused (`401`), or presented for an App ID that is no
    /// project of the account (`403`): by default in the gateway's shape.
    fn token_refused(request_id: &str, status: u16, reason: &str) -> Reply {
        let _ = request_id;
        Reply::gateway(status, reason)
    }

    /// Moves the product's time-driven state forward to `now` (expiries,
    /// sessions that end by themselves). By default nothing.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        let _ = (store, now);
    }
}

/// What a handler works on: the account every product shares, and the
/// product's own state.
#[derive(Debug)]
pub(crate) struct Store<'s, P: Product> {
    pub(crate) account: &'s mut Account,
    pub(crate) own: &'s mut P::State,
}

/// One routed, authenticated request for endpoint `E`, decoded into its
/// typed value by the endpoint's own decoder
/// ([`Endpoint::decode`]: path, query, headers, body, then its
/// `validate`), as the handler receives it.
#[derive(Debug)]
pub(crate) struct Call<'a, E> {
    /// The request, typed.
    pub(crate) request: E,
    pub(crate) info: &'static EndpointInfo,
    pub(crate) principal: &'a Principal,
    pub(crate) request_id: &'a str,
    pub(crate) now: SystemTime,
}

/// A request as the pipeline hands it to a route: as received, and who
/// sent it.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    pub(crate) wire: WireRequest<'a>,
    pub(crate) principal: &'a Principal,
    pub(crate) request_id: &'a str,
    pub(crate) now: SystemTime,
}

/// What Agora accepts beyond the endpoint's own rules, applied to the
/// body before it is decoded: a rewritten body, or `None` to decode it as
/// it is (ban rule durations out of range, which Agora clamps).
pub(crate) type Leniency = fn(&[u8]) -> Option<Vec<u8>>;

/// The handler of endpoint `E` in product `P`.
pub(crate) type Handler<P, E> = fn(&mut Store<'_, P>, &Call<'_, E>) -> Handled;

type Run = Box<dyn Fn(&Mutex<State>, &Request<'_>) -> Reply + Send + Sync>;

/// A product's error shape with the product's type erased, for the
/// refusals made before a request reaches its handler.
#[derive(Clone, Copy)]
pub(crate) struct ErrorShape {
    pub(crate) malformed: fn(&'static EndpointInfo, &str, &InvalidInput) -> Reply,
    pub(crate) unsupported_media_type: fn(&str) -> Reply,
    pub(crate) rate_limited: fn(&str) -> Reply,
    pub(crate) token_refused: fn(&str, u16, &str) -> Reply,
}

impl ErrorShape {
    fn of<P: Product>() -> Self {
        ErrorShape {
            malformed: P::malformed,
            unsupported_media_type: P::unsupported_media_type,
            rate_limited: P::rate_limited,
            token_refused: P::token_refused,
        }
    }
}

/// One handler, typed by its registration, erased for the router.
pub(crate) struct Route {
    /// The endpoint's name and path template, from its type.
    pub(crate) name: &'static str,
    /// Its method, from its registry entry.
    pub(crate) method: &'static str,
    pub(crate) path: &'static str,
    /// Its registry entry; `None` for an endpoint type the registry lacks
    /// (the router serves only registered endpoints).
    pub(crate) info: Option<&'static EndpointInfo>,
    /// The `MODULE` of the product that registered it.
    pub(crate) product: &'static str,
    pub(crate) shape: ErrorShape,
    run: Run,
}

impl fmt::Debug for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Route")
            .field("name", &self.name)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("product", &self.product)
            .finish_non_exhaustive()
    }
}

impl Route {
    /// Runs the handler; the state is locked only while it runs.
    pub(crate) fn run(&self, state: &Mutex<State>, request: &Request<'_>) -> Reply {
        (self.run)(state, request)
    }
}

/// The handlers a product registers, one per endpoint type.
pub(crate) struct Routes<P> {
    routes: Vec<Route>,
    product: PhantomData<fn() -> P>,
}

impl<P: Product> Routes<P> {
    /// `handler` answers endpoint `E`.
    pub(crate) fn on<E: Endpoint + 'static>(&mut self, handler: Handler<P, E>) -> &mut Self {
        self.add::<E>(handler, None)
    }

    /// `handler` answers endpoint `E`, whose body is made to fit the
    /// endpoint's rules first where Agora is lenient (see [`Leniency`]).
    pub(crate) fn on_lenient<E: Endpoint + 'static>(
        &mut self,
        leniency: Leniency,
        handler: Handler<P, E>,
    ) -> &mut Self {
        self.add::<E>(handler, Some(leniency))
    }

    fn add<E: Endpoint + 'static>(
        &mut self,
        handler: Handler<P, E>,
        leniency: Option<Leniency>,
    ) -> &mut Self {
        // The product too: two products may bind one service under one
        // name (`GetNcsIps` of Cloud Recording and of Media Pull).
        let info = registry::endpoints().find(|info| {
            info.name == E::NAME
                && info.method == E::METHOD.as_str()
                && info.path == E::PATH
                && info.product() == P::MODULE
        });
        let run: Run = match info {
            Some(info) => {
                Box::new(move |state, request| run(info, handler, leniency, state, request))
            }
            None => Box::new(|_, _| Reply::no_route()),
        };
        self.routes.push(Route {
            name: E::NAME,
            method: info.map_or("", |info| info.method),
            path: E::PATH,
            info,
            product: P::MODULE,
            shape: ErrorShape::of::<P>(),
            run,
        });
        self
    }
}

/// Decodes the request as `E` (without the state lock), then runs the
/// handler on the locked state; a request that does not decode is the
/// product's "invalid input".
fn run<P: Product, E: Endpoint>(
    info: &'static EndpointInfo,
    handler: Handler<P, E>,
    leniency: Option<Leniency>,
    state: &Mutex<State>,
    request: &Request<'_>,
) -> Reply {
    let wire = &request.wire;
    let lenient_body = leniency.and_then(|leniency| leniency(wire.body()));
    let decoded = match &lenient_body {
        Some(body) => E::decode(&WireRequest::new(
            wire.method(),
            wire.path(),
            wire.query(),
            wire.headers(),
            body,
        )),
        None => E::decode(wire),
    };
    let call = match decoded {
        Ok(endpoint) => Call {
            request: endpoint,
            info,
            principal: request.principal,
            request_id: request.request_id,
            now: request.now,
        },
        Err(error) => return P::invalid(info, request.request_id, &error),
    };
    let mut state = lock(state);
    handler(&mut state.store::<P>(), &call).unwrap_or_else(|fail| match fail {
        Fail::Reply(reply) => reply,
        Fail::Invalid(error) => P::invalid(info, call.request_id, &error),
    })
}

/// A product, registered: what the router and the state need of it.
/// Each product's folder submits one (`inventory::submit! {
/// Registration::of::<CloudRecording>() }`).
#[derive(Debug)]
pub(crate) struct Registration {
    /// [`Product::MODULE`].
    pub(crate) module: &'static str,
    routes: fn() -> Vec<Route>,
    tick: fn(&mut State, SystemTime),
}

impl Registration {
    /// The registration of product `P`.
    pub(crate) const fn of<P: Product>() -> Self {
        Registration {
            module: P::MODULE,
            routes: routes_of::<P>,
            tick: tick_of::<P>,
        }
    }

    /// The product's handlers.
    pub(crate) fn routes(&self) -> Vec<Route> {
        (self.routes)()
    }

    /// Moves the product's state forward to `now`.
    pub(crate) fn tick(&self, state: &mut State, now: SystemTime) {
        (self.tick)(state, now);
    }
}

inventory::collect!(Registration);

/// Every registered product.
pub(crate) fn products() -> impl Iterator<Item = &'static Registration> {
    inventory::iter::<Registration>.into_iter()
}

fn routes_of<P: Product>() -> Vec<Route> {
    let mut routes = Routes::<P> {
        routes: Vec::new(),
        product: PhantomData,
    };
    P::register(&mut routes);
    routes.routes
}

fn tick_of<P: Product>(state: &mut State, now: SystemTime) {
    P::tick(&mut state.store::<P>(), now);
}
