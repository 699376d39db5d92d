//! Credentials and settings: the flags, else the environment, else the
//! chosen profile of the profile file (TOML, one table per profile), turned
//! into an [`agora_api::ClientBuilder`]. A secret's value is never put in
//! a message.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use agora_api::token::{
    AppCertificate, EducationTokenMinter, RtcTokenMinter, RtmTokenMinter, WhiteboardKeys,
    WhiteboardMinter,
};
use agora_api::{AuthScheme, Client, ClientBuilder, Domain, Region, RetryPolicy, UserId};
use clap::ArgMatches;

use crate::exit::Failure;

/// One setting: its key in the profile file, its environment variable,
/// its flag (settings that have one), and whether it is a secret.
struct Key {
    name: &'static str,
    env: &'static str,
    flag: Option<&'static str>,
    secret: bool,
}

const fn key(name: &'static str, env: &'static str, secret: bool) -> Key {
    Key {
        name,
        env,
        flag: None,
        secret,
    }
}

const fn flagged(name: &'static str, env: &'static str, flag: &'static str) -> Key {
    Key {
        name,
        env,
        flag: Some(flag),
        secret: false,
    }
}

/// Every setting the command reads.
const KEYS: &[Key] = &[
    key("customer_id", "AGORA_CUSTOMER_ID", false),
    key("customer_secret", "AGORA_CUSTOMER_SECRET", true),
    key("app_id", "AGORA_APP_ID", false),
    key("app_certificate", "AGORA_APP_CERTIFICATE", true),
    key("rtm_user", "AGORA_RTM_USER", false),
    key("rtm_token", "AGORA_RTM_TOKEN", true),
    key("hmac_key", "AGORA_HMAC_KEY", false),
    key("hmac_secret", "AGORA_HMAC_SECRET", true),
    key("whiteboard_access_key", "AGORA_WHITEBOARD_ACCESS_KEY", true),
    key("whiteboard_secret_key", "AGORA_WHITEBOARD_SECRET_KEY", true),
    key("whiteboard_region", "AGORA_WHITEBOARD_REGION", false),
    key("whiteboard_token", "AGORA_WHITEBOARD_TOKEN", true),
    flagged("base_url", "AGORA_BASE_URL", "base-url"),
    flagged("domain", "AGORA_DOMAIN", "domain"),
    flagged("region", "AGORA_REGION", "region"),
    flagged("timeout", "AGORA_TIMEOUT", "timeout"),
    flagged(
        "attempt_timeout",
        "AGORA_ATTEMPT_TIMEOUT",
        "attempt-timeout",
    ),
    flagged(
        "connect_timeout",
        "AGORA_CONNECT_TIMEOUT",
        "connect-timeout",
    ),
    flagged("retries", "AGORA_RETRIES", "retries"),
];

/// The environment variables that give scheme `scheme` its credentials,
/// for the message of a call that has none.
pub(crate) fn variables_for(scheme: AuthScheme) -> Option<&'static [&'static str]> {
    Some(match scheme.name() {
        "basic" => &["AGORA_CUSTOMER_ID", "AGORA_CUSTOMER_SECRET"],
        "rtm_token" => &["AGORA_APP_ID", "AGORA_APP_CERTIFICATE", "AGORA_RTM_USER"],
        "rtc_token" | "education_token" => &["AGORA_APP_ID", "AGORA_APP_CERTIFICATE"],
        "hmac" => &["AGORA_HMAC_KEY", "AGORA_HMAC_SECRET"],
        "whiteboard_token" => &["AGORA_WHITEBOARD_ACCESS_KEY", "AGORA_WHITEBOARD_SECRET_KEY"],
        _ => return None,
    })
}

/// The settings of one run, by key.
#[derive(Default)]
pub struct Settings {
    values: BTreeMap<&'static str, String>,
}

impl std::fmt::Debug for Settings {
    /// The keys only: values may be secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.values.keys()).finish()
    }
}

impl Settings {
    /// Reads the flags of `matches`, the environment, and the profile file.
    pub(crate) fn load(matches: &ArgMatches) -> Result<Self, Failure> {
        let flag = |id: &str| {
            matches
                .try_get_one::<String>(id)
                .ok()
                .flatten()
                .filter(|value| !value.is_empty())
                .cloned()
        };
        let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let explicit_profile = flag("profile").or_else(|| env("AGORA_PROFILE"));
        let path = flag("config")
            .or_else(|| env("AGORA_CONFIG"))
            .map(PathBuf::from)
            .or_else(default_profile_file);
        let profile = match &path {
            Some(path) => read_profile(path, explicit_profile.as_deref())?,
            None if explicit_profile.is_some() => {
                return Err(Failure::invalid(
                    "--profile was given, but there is no profile file (set --config or AGORA_CONFIG)",
                ));
            }
            None => BTreeMap::new(),
        };
        let mut values = BTreeMap::new();
        for key in KEYS {
            let value = key
                .flag
                .and_then(flag)
                .or_else(|| env(key.env))
                .or_else(|| profile.get(key.name).cloned());
            if let Some(value) = value {
                values.insert(key.name, value);
            }
        }
        Ok(Settings { values })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Every secret value set, so that a test (or a paranoid caller) can
    /// check no output holds one.
    pub fn secrets(&self) -> impl Iterator<Item = &str> {
        KEYS.iter()
            .filter(|key| key.secret)
            .filter_map(|key| self.get(key.name))
    }

    /// The client for a call: every setting and every scheme with complete
    /// credentials.
    pub(crate) fn client(&self) -> Result<Client, Failure> {
        let builder = self.credentials(self.connection()?)?;
        builder.build().map_err(Failure::from)
    }

    /// The schemes the settings have complete credentials for.
    pub(crate) fn schemes(&self) -> Vec<AuthScheme> {
        let has = |names: &[&str]| names.iter().all(|name| self.get(name).is_some());
        let mut schemes = Vec::new();
        if has(&["customer_id", "customer_secret"]) {
            schemes.push(AuthScheme::BASIC);
        }
        if has(&["rtm_token", "rtm_user"]) || has(&["app_id", "app_certificate", "rtm_user"]) {
            schemes.push(AuthScheme::RTM_TOKEN);
        }
        if has(&["app_id", "app_certificate"]) {
            schemes.extend([AuthScheme::RTC_TOKEN, AuthScheme::EDUCATION_TOKEN]);
        }
        if has(&["hmac_key", "hmac_secret"]) {
            schemes.push(AuthScheme::HMAC);
        }
        if has(&["whiteboard_token"]) || has(&["whiteboard_access_key", "whiteboard_secret_key"]) {
            schemes.push(AuthScheme::WHITEBOARD_TOKEN);
        }
        schemes
    }

    /// A client with these settings but placeholder credentials for
    /// `schemes`: what `--dry-run` prepares its request with, so that no
    /// real secret is ever in what it prints.
    pub(crate) fn placeholder_client(&self, schemes: &[AuthScheme]) -> Result<Client, Failure> {
        let mut placeholder = Settings::default();
        for key in KEYS.iter().filter(|key| key.flag.is_some()) {
            if let Some(value) = self.get(key.name) {
                placeholder.values.insert(key.name, value.to_owned());
            }
        }
        let mut set = |name: &'static str, value: String| {
            placeholder.values.insert(name, value);
        };
        let zeros = "0".repeat(32);
        let app_id = self.get("app_id").unwrap_or(&zeros).to_owned();
        let user = self.get("rtm_user").unwrap_or("user").to_owned();
        for scheme in schemes {
            match scheme.name() {
                "basic" => {
                    set("customer_id", "customer-id".to_owned());
                    set("customer_secret", "customer-secret".to_owned());
                }
                "rtm_token" => {
                    set("rtm_token", "007placeholder".to_owned());
                    set("rtm_user", user.clone());
                }
                "rtc_token" | "education_token" => {
                    set("app_id", app_id.clone());
                    set("app_certificate", zeros.clone());
                }
                "hmac" => {
                    set("hmac_key", "hmac-key".to_owned());
                    set("hmac_secret", "hmac-secret".to_owned());
                }
                "whiteboard_token" => {
                    set("whiteboard_token", "NETLESSSDK_placeholder".to_owned());
                    if let Some(region) = self.get("whiteboard_region") {
                        set("whiteboard_region", region.to_owned());
                    }
                }
                _ => {}
            }
        }
        placeholder.client()
    }

    /// Hosts, timeouts and retries.
    fn connection(&self) -> Result<ClientBuilder, Failure> {
        let mut builder =
            Client::builder().user_agent(concat!("agora-cli/", env!("CARGO_PKG_VERSION")));
        if let Some(url) = self.get("base_url") {
            builder = builder.base_url(url);
        }
        if let Some(domain) = self.get("domain") {
            builder = builder.domain(match domain {
                "global" => Domain::Global,
                "china" => Domain::China,
                _ => return Err(Failure::invalid("domain must be `global` or `china`")),
            });
        }
        if let Some(code) = self.get("region") {
            let region = Region::ALL
                .into_iter()
                .find(|region| region.code() == code)
                .ok_or_else(|| {
                    let codes: Vec<&str> = Region::ALL.iter().map(|r| r.code()).collect();
                    Failure::invalid(format!("region must be one of {}", codes.join(", ")))
                })?;
            builder = builder.region(region);
        }
        if let Some(timeout) = self.seconds("timeout")? {
            builder = builder.timeout(timeout);
        }
        if let Some(timeout) = self.seconds("attempt_timeout")? {
            builder = builder.attempt_timeout(timeout);
        }
        if let Some(timeout) = self.seconds("connect_timeout")? {
            builder = builder.connect_timeout(timeout);
        }
        if let Some(retries) = self.get("retries") {
            let attempts = retries
                .parse::<u32>()
                .ok()
                .and_then(|retries| retries.checked_add(1))
                .ok_or_else(|| Failure::invalid("retries must be a whole number from 0"))?;
            builder = builder.retry(RetryPolicy::default().max_attempts(attempts));
        }
        Ok(builder)
    }

    /// A duration setting in seconds (`2`, `0.5`).
    fn seconds(&self, name: &str) -> Result<Option<Duration>, Failure> {
        let Some(text) = self.get(name) else {
            return Ok(None);
        };
        text.parse::<f64>()
            .ok()
            .filter(|seconds| *seconds > 0.0)
            .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
            .map(Some)
            .ok_or_else(|| {
                Failure::invalid(format!(
                    "{} must be a positive number of seconds",
                    name.replace('_', "-")
                ))
            })
    }

    /// Every scheme whose credentials are complete.
    fn credentials(&self, mut builder: ClientBuilder) -> Result<ClientBuilder, Failure> {
        let pair = |a: &str, b: &str| Some((self.get(a)?, self.get(b)?));
        if let Some((id, secret)) = pair("customer_id", "customer_secret") {
            builder = builder.basic_auth(id, secret);
        }
        if let Some((key, secret)) = pair("hmac_key", "hmac_secret") {
            builder = builder.hmac_auth(key, secret);
        }
        let certificate = match self.get("app_certificate") {
            Some(text) => Some(AppCertificate::new(text).map_err(|_| {
                Failure::invalid(
                    "app_certificate (AGORA_APP_CERTIFICATE) must be 32 hexadecimal characters",
                )
            })?),
            None => None,
        };
        let app_id = match self.get("app_id") {
            Some(text) => Some(agora_api::token::AppId::new(text).map_err(|error| {
                Failure::invalid(format!("app_id (AGORA_APP_ID) {}", error.rule()))
            })?),
            None => None,
        };
        let user = match self.get("rtm_user") {
            Some(text) => Some(UserId::new(text).map_err(|error| {
                Failure::invalid(format!("rtm_user (AGORA_RTM_USER) {}", error.rule()))
            })?),
            None => None,
        };
        if let (Some(app_id), Some(certificate)) = (&app_id, &certificate) {
            builder = builder
                .rtc_token_source(RtcTokenMinter::new(app_id.clone(), certificate.clone()))
                .education_token_source(EducationTokenMinter::new(
                    app_id.clone(),
                    certificate.clone(),
                ));
        }
        match (self.get("rtm_token"), &user, &app_id, &certificate) {
            (Some(token), Some(user), _, _) => builder = builder.rtm_token(token, user.clone()),
            (None, Some(user), Some(app_id), Some(certificate)) => {
                builder = builder.rtm_token_source(RtmTokenMinter::new(
                    app_id.clone(),
                    certificate.clone(),
                    user.clone(),
                ));
            }
            _ => {}
        }
        let region = self.get("whiteboard_region").map_or(
            agora_api::WhiteboardRegion::UsSv,
            agora_api::WhiteboardRegion::from,
        );
        if let Some(token) = self.get("whiteboard_token") {
            builder = builder.whiteboard_token(token, region);
        } else if let Some((access, secret)) =
            pair("whiteboard_access_key", "whiteboard_secret_key")
        {
            let keys = WhiteboardKeys::new(access, secret).map_err(|_| {
                Failure::invalid(
                    "the whiteboard access key pair is not usable (empty, or not visible ASCII)",
                )
            })?;
            builder = builder.authorizer(
                AuthScheme::WHITEBOARD_TOKEN,
                WhiteboardMinter::new(keys, region),
            );
        }
        Ok(builder)
    }
}

/// `$XDG_CONFIG_HOME/agora/config.toml`, else `~/.config/agora/config.toml`
/// (`%APPDATA%\agora\config.toml` on Windows).
fn default_profile_file() -> Option<PathBuf> {
    let non_empty = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    let base = if cfg!(windows) {
        non_empty("APPDATA").map(PathBuf::from)?
    } else {
        non_empty("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| non_empty("HOME").map(|home| Path::new(&home).join(".config")))?
    };
    Some(base.join("agora").join("config.toml"))
}

/// The settings of profile `name` (or `default`) in the file at `path`.
/// A missing file is no settings unless a profile was asked for by name;
/// a profile asked for by name must exist.
fn read_profile(path: &Path, name: Option<&str>) -> Result<BTreeMap<String, String>, Failure> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && name.is_none() => {
            return Ok(BTreeMap::new());
        }
        Err(error) => {
            return Err(Failure::invalid(format!(
                "cannot read the profile file {}: {error}",
                path.display()
            )));
        }
    };
    let table: toml::Table = toml::from_str(&text).map_err(|error| {
        // The message only: toml's own rendering quotes the line, which
        // may hold a secret.
        let line = error
            .span()
            .and_then(|span| text.get(..span.start))
            .map_or(1, |before| before.matches('\n').count().saturating_add(1));
        Failure::invalid(format!(
            "{}, line {line}: not valid TOML ({})",
            path.display(),
            error.message()
        ))
    })?;
    let profile_name = name.unwrap_or("default");
    let Some(profile) = table.get(profile_name) else {
        return match name {
            Some(_) => Err(Failure::invalid(format!(
                "{} has no profile [{profile_name}]",
                path.display()
            ))),
            None => Ok(BTreeMap::new()),
        };
    };
    let Some(profile) = profile.as_table() else {
        return Err(Failure::invalid(format!(
            "{}: [{profile_name}] must be a table of settings",
            path.display()
        )));
    };
    let mut values = BTreeMap::new();
    for (key, value) in profile {
        if !KEYS.iter().any(|known| known.name == key) {
            let known: Vec<&str> = KEYS.iter().map(|known| known.name).collect();
            return Err(Failure::invalid(format!(
                "{}: [{profile_name}] has an unknown setting `{key}`; the settings are {}",
                path.display(),
                known.join(", ")
            )));
        }
        let text = match value {
            toml::Value::String(text) => text.clone(),
            toml::Value::Integer(number) => number.to_string(),
            toml::Value::Float(number) => number.to_string(),
            _ => {
                return Err(Failure::invalid(format!(
                    "{}: `{key}` in [{profile_name}] must be a string or a number",
                    path.display()
                )));
            }
        };
        values.insert(key.clone(), text);
    }
    Ok(values)
}
