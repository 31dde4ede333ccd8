//! The message loop every Trezor request runs through: the device may answer a request
//! with a button request (the person must confirm on the device), a PIN matrix or a
//! passphrase request (the host must ask the person), or a `Failure`. Only the final
//! answer reaches the Ethereum flows.

use std::time::Duration;

use trezor_client::{
    TrezorMessage,
    protos::{
        self, ButtonAck, Cancel, Failure,
        MessageType::{self, *},
        PassphraseAck, PinMatrixAck,
    },
    transport::{ProtoMessage, Transport, error::Error as TransportError},
};

use super::{failure::from_failure, link::ReadTimeout};
use crate::{DeviceError, HdPath, Prompt, Prompter, Vendor};

/// How long to wait for a reply before the device shows anything (it answers at once).
pub(crate) const DEFAULT_REPLY_TIMEOUT: Duration = Duration::from_secs(3);

/// How long to wait while the device shows a confirmation or takes a PIN.
pub(crate) const DEFAULT_APPROVAL_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// What the loop needs to know about the request in flight.
pub(crate) struct Ask<'a> {
    /// Answers PIN and passphrase requests and shows notices.
    pub(crate) prompter: &'a dyn Prompter,
    /// What the person confirms ("the transaction …"), for the notice.
    pub(crate) action: &'a str,
    /// The request's path, named if the device calls it forbidden.
    pub(crate) path: Option<&'a HdPath>,
}

/// A transport plus the loop's state.
pub(crate) struct Wire {
    transport: Box<dyn Transport>,
    pub(crate) reply_timeout: Duration,
    pub(crate) approval_timeout: Duration,
    /// Whether the device ever answered on this connection: a silent device that never
    /// answered is "not connected", one that stopped answering is "disconnected".
    received_any: bool,
    /// The last request ended without its final answer (timeout, broken link, protocol
    /// error): the device may still be inside that flow, so resynchronise first.
    pub(crate) dirty: bool,
    /// A confirmation notice was shown during the current request (so `Done` follows).
    pub(crate) confirmed: bool,
    /// The device's last button request was for its PIN or passphrase: silence then
    /// means it is still locked, not that a request awaits approval.
    unlocking: bool,
}

impl Wire {
    pub(crate) fn new(transport: Box<dyn Transport>) -> Self {
        Self {
            transport,
            reply_timeout: DEFAULT_REPLY_TIMEOUT,
            approval_timeout: DEFAULT_APPROVAL_TIMEOUT,
            received_any: false,
            dirty: false,
            confirmed: false,
            unlocking: false,
        }
    }

    /// Writes one message.
    pub(crate) fn send<M: TrezorMessage>(&mut self, message: &M) -> Result<(), DeviceError> {
        let bytes = message.write_to_bytes().map_err(|e| {
            DeviceError::BadInput(format!(
                "cannot encode {:?} for the Trezor: {e}",
                M::MESSAGE_TYPE
            ))
        })?;
        self.transport
            .write_message(ProtoMessage::new(M::MESSAGE_TYPE, bytes))
            .map_err(|e| self.link_error(e, false))
    }

    /// Reads one message, waiting as long as the device's state warrants.
    pub(crate) fn read(&mut self, awaiting_user: bool) -> Result<ProtoMessage, DeviceError> {
        let timeout = if awaiting_user {
            self.approval_timeout
        } else {
            self.reply_timeout
        };
        let transport = &mut self.transport;
        match ReadTimeout::with(timeout, || transport.read_message()) {
            Ok(message) => {
                self.received_any = true;
                Ok(message)
            }
            Err(e) => Err(self.link_error(e, awaiting_user)),
        }
    }

    /// What a transport error means here. Every one leaves the device's flow unknown.
    fn link_error(&mut self, error: TransportError, awaiting_user: bool) -> DeviceError {
        self.dirty = true;
        match error {
            TransportError::DeviceReadTimeout if awaiting_user && self.unlocking => {
                DeviceError::Locked(Vendor::Trezor)
            }
            TransportError::DeviceReadTimeout if awaiting_user => {
                DeviceError::AwaitingApproval(Vendor::Trezor)
            }
            TransportError::DeviceBadMagic
            | TransportError::InvalidMessageType(_)
            | TransportError::UnexpectedChunkSizeFromDevice(_)
            | TransportError::DeviceBadSessionId
            | TransportError::DeviceUnexpectedSequenceNumber => DeviceError::Protocol {
                vendor: Vendor::Trezor,
                detail: error.to_string(),
            },
            _ if !self.received_any => DeviceError::NotConnected(Vendor::Trezor),
            _ => DeviceError::Disconnected(Vendor::Trezor),
        }
    }

    /// Sends `message` and answers the device's interaction requests until its final
    /// answer, which is returned whatever its type (the caller checks it). A `Failure`
    /// becomes its error.
    pub(crate) fn call<M: TrezorMessage>(
        &mut self,
        message: &M,
        ask: &Ask<'_>,
    ) -> Result<ProtoMessage, DeviceError> {
        self.send(message)?;
        let mut awaiting_user = false;
        loop {
            let reply = self.read(awaiting_user)?;
            awaiting_user = false;
            match reply.message_type() {
                MessageType_ButtonRequest => {
                    use protos::button_request::ButtonRequestType::*;
                    let code = reply
                        .into_message::<protos::ButtonRequest>()
                        .ok()
                        .map(|b| b.code());
                    // On a Model T or Safe, PIN and passphrase are typed on the device.
                    self.unlocking = matches!(
                        code,
                        Some(ButtonRequest_PinEntry | ButtonRequest_PassphraseEntry)
                    );
                    if self.unlocking {
                        ask.prompter.notify(&Prompt::Unlock {
                            vendor: Vendor::Trezor,
                        });
                    } else {
                        ask.prompter.notify(&Prompt::Confirm {
                            vendor: Vendor::Trezor,
                            action: ask.action.to_owned(),
                        });
                    }
                    self.confirmed = true;
                    self.send(&ButtonAck::new())?;
                    awaiting_user = true;
                }
                MessageType_PinMatrixRequest => {
                    let Some(pin) = ask.prompter.pin() else {
                        self.cancel();
                        return Err(DeviceError::EntryCancelled);
                    };
                    let mut ack = PinMatrixAck::new();
                    ack.set_pin(pin);
                    self.send(&ack)?;
                    // A Trezor One checks the PIN (and may derive the seed) before answering.
                    awaiting_user = true;
                }
                MessageType_PassphraseRequest => {
                    let Some(passphrase) = ask.prompter.passphrase() else {
                        self.cancel();
                        return Err(DeviceError::EntryCancelled);
                    };
                    let mut ack = PassphraseAck::new();
                    ack.set_passphrase(passphrase);
                    self.send(&ack)?;
                    // Deriving a passphrase wallet takes seconds on a Trezor One.
                    awaiting_user = true;
                }
                MessageType_Deprecated_PassphraseStateRequest => {
                    // Firmware before 2.3 / 1.9 confirms the passphrase state: just ack.
                    self.send(&protos::Deprecated_PassphraseStateAck::new())?;
                }
                MessageType_Failure => {
                    let failure: Failure = parse(reply)?;
                    return Err(from_failure(&failure, ask.path));
                }
                _ => return Ok(reply),
            }
        }
    }

    /// Tells the device to drop the current flow (the person dismissed a PIN or
    /// passphrase prompt) and waits for its `Failure`, so the next request starts clean.
    fn cancel(&mut self) {
        if self.send(&Cancel::new()).is_err() {
            return;
        }
        for _ in 0..8 {
            match self.read(false) {
                Ok(reply) if reply.message_type() == MessageType_Failure => return,
                Ok(_) => continue,
                Err(_) => return,
            }
        }
        self.dirty = true;
    }

    /// Discards whatever an abandoned flow left in flight (a late signature, a button
    /// request) before starting again.
    pub(crate) fn drain(&mut self) {
        let transport = &mut self.transport;
        for _ in 0..256 {
            match ReadTimeout::with(Duration::from_millis(30), || transport.read_message()) {
                Ok(_) | Err(TransportError::DeviceBadMagic) => continue,
                Err(_) => break,
            }
        }
    }
}

/// Decodes a reply of the type the flow expects; anything else is a protocol error.
pub(crate) fn expect<R: TrezorMessage>(reply: ProtoMessage) -> Result<R, DeviceError> {
    if reply.message_type() != R::MESSAGE_TYPE {
        return Err(unexpected(reply.message_type(), R::MESSAGE_TYPE));
    }
    parse(reply)
}

/// Decodes a reply whose type was already checked.
pub(crate) fn parse<R: protobuf::Message>(reply: ProtoMessage) -> Result<R, DeviceError> {
    let kind = reply.message_type();
    reply.into_message().map_err(|e| DeviceError::Protocol {
        vendor: Vendor::Trezor,
        detail: format!("malformed {kind:?}: {e}"),
    })
}

/// The error for a reply of the wrong type.
pub(crate) fn unexpected(got: MessageType, wanted: MessageType) -> DeviceError {
    DeviceError::Protocol {
        vendor: Vendor::Trezor,
        detail: format!("it sent {} where {} was expected", name(got), name(wanted)),
    }
}

/// A message type's protobuf name without the `MessageType_` prefix.
pub(crate) fn name(kind: MessageType) -> String {
    let full = format!("{kind:?}");
    full.strip_prefix("MessageType_")
        .unwrap_or(&full)
        .to_owned()
}
