//! One request to the service over `fetch`: URL with a fresh `random`, JSON body, status
//! and envelope checks. The UserSig is read per request and goes into the URL only.

use crate::config::ClientConfig;
use crate::envelope;
use crate::error::{ChatError, ErrorKind};
use crate::request::{self, Caller};
use crate::wire::Envelope;
use gloo_net::http::Request;
use js_sys::{Function, Promise, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestRedirect};

use super::convert;

/// Where the UserSig comes from: fixed, or the host's function called per request.
pub enum UserSig {
    Fixed(String),
    Callback(Function),
}

/// A configured connection to the service.
pub struct Transport {
    config: ClientConfig,
    base_url: String,
    user_sig: UserSig,
}

impl Transport {
    pub fn new(config: ClientConfig, user_sig: UserSig) -> Result<Self, ChatError> {
        let base_url = config.base_url()?;
        if let UserSig::Fixed(sig) = &user_sig {
            if sig.is_empty() {
                return Err(ChatError::invalid_input("userSig must not be empty"));
            }
        }
        Ok(Transport {
            config,
            base_url,
            user_sig,
        })
    }

    fn caller(&self) -> Caller<'_> {
        Caller {
            base_url: &self.base_url,
            sdk_app_id: self.config.sdk_app_id,
            identifier: &self.config.identifier,
        }
    }

    /// POSTs `body` to `command` and returns the parsed body once its envelope says OK.
    pub async fn send(
        &self,
        command: &str,
        body: &str,
        signal: Option<&AbortSignal>,
    ) -> Result<JsValue, ChatError> {
        let random = getrandom::u32()
            .map_err(|_| ChatError::new(ErrorKind::Network, "no secure random source"))?;
        let attempt = async {
            check_aborted(signal)?;
            let sig = self.user_sig().await?;
            check_aborted(signal)?;
            let url = request::url(self.caller(), command, &sig, random);
            let sent = Request::post(&url)
                .header("content-type", "application/json")
                .redirect(RequestRedirect::Error)
                .abort_signal(signal)
                .body(body)
                .map_err(|_| ChatError::invalid_input("request body could not be sent"))?
                .send()
                .await;
            let response = sent.map_err(|_| transport_error(signal, "the request failed"))?;
            let status = response.status();
            envelope::check_status(status).map_err(|e| with_status(e, status))?;
            let text = response.text().await.map_err(|_| {
                with_status(
                    transport_error(signal, "reading the response failed"),
                    status,
                )
            })?;
            decode_body(&text).map_err(|e| with_status(e, status))
        };
        attempt.await.map_err(|mut e: ChatError| {
            e.random = Some(random);
            e.attempts = u32::from(e.kind != ErrorKind::InvalidInput);
            e.for_command(command)
        })
    }

    async fn user_sig(&self) -> Result<String, ChatError> {
        let callback = match &self.user_sig {
            UserSig::Fixed(sig) => return Ok(sig.clone()),
            UserSig::Callback(f) => f,
        };
        // Never echo what the callback threw or returned: it may hold the signature.
        let failed = || ChatError::invalid_input("the userSig function threw or rejected");
        let mut value = callback.call0(&JsValue::UNDEFINED).map_err(|_| failed())?;
        if let Some(promise) = value.dyn_ref::<Promise>() {
            value = JsFuture::from(promise.clone())
                .await
                .map_err(|_| failed())?;
        }
        match value.as_string() {
            Some(sig) if !sig.is_empty() => Ok(sig),
            _ => Err(ChatError::invalid_input(
                "the userSig function must return a non-empty string",
            )),
        }
    }
}

/// Parses a 2xx body and checks its envelope; returns the whole parsed body.
fn decode_body(text: &str) -> Result<JsValue, ChatError> {
    let parsed = JSON::parse(text).map_err(|_| {
        ChatError::bad_response(format!("response body is not JSON ({} bytes)", text.len()))
    })?;
    if !parsed.is_object() || js_sys::Array::is_array(&parsed) {
        return Err(ChatError::bad_response(
            "response body is not a JSON object",
        ));
    }
    let envelope: Envelope = convert::response(parsed.clone())?;
    envelope::check(&envelope)?;
    Ok(parsed)
}

fn check_aborted(signal: Option<&AbortSignal>) -> Result<(), ChatError> {
    match signal {
        Some(s) if s.aborted() => Err(ChatError::new(ErrorKind::Aborted, "the call was aborted")),
        _ => Ok(()),
    }
}

/// A fetch failure is an abort when the caller's signal fired, else a network error.
fn transport_error(signal: Option<&AbortSignal>, what: &str) -> ChatError {
    check_aborted(signal)
        .err()
        .unwrap_or_else(|| ChatError::new(ErrorKind::Network, what))
}

fn with_status(mut error: ChatError, status: u16) -> ChatError {
    error.http_status = Some(status);
    error
}
