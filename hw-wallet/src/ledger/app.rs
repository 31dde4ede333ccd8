//! The Ethereum app's request flows over any [`LedgerTransport`].

use std::time::Duration;

use alloy::{
    consensus::{SignableTransaction, Transaction, TypedTransaction},
    dyn_abi::TypedData,
    primitives::{Address, Signature},
};
use coins_ledger::{ApduCommand, LedgerError, transports::LedgerTransport};

use super::{
    apdu, eip712,
    reply::{self, AppConfiguration, PublicKeyReply, VKind},
    status::{self, Request, Wait},
};
use crate::{DeviceError, HdPath};

/// How long a person has to review and approve on the device.
pub const DEFAULT_APPROVAL_TIMEOUT: Duration = Duration::from_secs(300);
/// How long GET_APP_CONFIGURATION may take before the device counts as locked or the
/// app as closed (Frame waits about 1 s; USB round trips are well under that).
pub const CONFIGURATION_TIMEOUT: Duration = Duration::from_secs(2);
/// How long any other request that needs no person may take.
pub const DEFAULT_IO_TIMEOUT: Duration = Duration::from_secs(10);

/// The Ledger Ethereum app behind a transport. One request at a time: put it behind a
/// [`DeviceQueue`](crate::DeviceQueue) when several callers share the device.
#[derive(Debug)]
pub struct EthApp<T: LedgerTransport> {
    transport: T,
    approval_timeout: Duration,
    io_timeout: Duration,
}

impl<T: LedgerTransport> EthApp<T> {
    /// The app over `transport`, with the default timeouts.
    pub fn new(transport: T) -> Self {
        Self {
            transport,
            approval_timeout: DEFAULT_APPROVAL_TIMEOUT,
            io_timeout: DEFAULT_IO_TIMEOUT,
        }
    }

    /// How long to wait for the person on requests they must approve (address display,
    /// signatures); expiry is [`DeviceError::AwaitingApproval`]. Default 5 minutes.
    pub fn with_approval_timeout(mut self, timeout: Duration) -> Self {
        self.approval_timeout = timeout;
        self
    }

    /// How long to wait on requests no person is involved in (intermediate chunks,
    /// struct definitions, silent address reads); expiry counts as locked. Default 10 s.
    pub fn with_io_timeout(mut self, timeout: Duration) -> Self {
        self.io_timeout = timeout;
        self
    }

    /// Sends one encoded APDU; the reply's data (status word stripped) or the
    /// transport's error as is.
    async fn exchange_raw(
        &mut self,
        raw: &[u8],
        timeout: Duration,
    ) -> Result<Vec<u8>, LedgerError> {
        let builder = ApduCommand::builder()
            .cla(raw[0])
            .ins(raw[1])
            .p1(raw[2])
            .p2(raw[3]);
        let data = &raw[5..];
        // An explicit Lc of 0 for data-less commands, as Ledger's clients send them:
        // the byte on the wire is the same whether coins-ledger calls it Lc or Le.
        let command = if data.is_empty() {
            builder.le(0).build()?
        } else {
            builder.data(data).build()?
        };
        let answer = self.transport.exchange(command, Some(timeout)).await?;
        Ok(answer.data().to_vec())
    }

    async fn send(
        &mut self,
        raw: &[u8],
        request: Request,
        wait: Wait,
    ) -> Result<Vec<u8>, DeviceError> {
        let timeout = match wait {
            Wait::Device => self.io_timeout,
            Wait::Approval => self.approval_timeout,
        };
        self.exchange_raw(raw, timeout)
            .await
            .map_err(|e| status::from_ledger_error(e, request, wait))
    }

    /// Sends a chunked request. A transaction's chunks but the last are stored
    /// silently and the last starts the review; a message's review starts as soon as the
    /// device's screen buffer fills, and the app acknowledges a chunk only once the
    /// person has scrolled through it, so every message chunk may wait for them.
    async fn send_chunks(
        &mut self,
        chunks: &[Vec<u8>],
        request: Request,
    ) -> Result<Vec<u8>, DeviceError> {
        let mut reply = Vec::new();
        for (i, chunk) in chunks.iter().enumerate() {
            let wait = if i + 1 == chunks.len() || request == Request::PersonalMessage {
                Wait::Approval
            } else {
                Wait::Device
            };
            reply = self.send(chunk, request, wait).await?;
        }
        Ok(reply)
    }

    /// GET_APP_CONFIGURATION, with a short timeout: silence means the device is
    /// locked or the Ethereum app is not open (Frame's rule, hardware-wallets.md §1.9).
    pub async fn configuration(&mut self) -> Result<AppConfiguration, DeviceError> {
        let data = self
            .exchange_raw(&apdu::get_configuration(), CONFIGURATION_TIMEOUT)
            .await
            .map_err(|e| status::from_ledger_error(e, Request::Configuration, Wait::Device))?;
        AppConfiguration::parse(&data)
    }

    /// The public key, address and optionally chain code at `path` (one APDU; with the
    /// chain code, non-hardened children can be derived locally, §5.2).
    pub async fn public_key(
        &mut self,
        path: &HdPath,
        display: bool,
        chain_code: bool,
        chain_id: Option<u64>,
    ) -> Result<PublicKeyReply, DeviceError> {
        let wait = if display {
            Wait::Approval
        } else {
            Wait::Device
        };
        let data = self
            .send(
                &apdu::get_address(path, display, chain_code, chain_id),
                Request::Address,
                wait,
            )
            .await?;
        PublicKeyReply::parse(&data, chain_code)
    }

    /// The address at `path`. With `display`, the device shows it (and the network,
    /// given a chain id) and the person confirms; a refusal is [`DeviceError::Rejected`].
    pub async fn address(
        &mut self,
        path: &HdPath,
        display: bool,
        chain_id: Option<u64>,
    ) -> Result<Address, DeviceError> {
        Ok(self
            .public_key(path, display, false, chain_id)
            .await?
            .address)
    }

    /// Signs a legacy (EIP-155, or pre-155 without a chain id), EIP-2930, EIP-1559 or
    /// EIP-7702 transaction. The returned y-parity is right for any chain id: for
    /// legacy it is read back from the app's one-byte `v` as hw-app-eth's `getParity`
    /// does. Calldata with Blind signing off is refused before the transaction is sent.
    pub async fn sign_transaction(
        &mut self,
        path: &HdPath,
        tx: &TypedTransaction,
    ) -> Result<Signature, DeviceError> {
        let (legacy, kind) = match tx {
            TypedTransaction::Legacy(t) => (true, VKind::Legacy(t.chain_id)),
            TypedTransaction::Eip2930(_)
            | TypedTransaction::Eip1559(_)
            | TypedTransaction::Eip7702(_) => (false, VKind::Typed),
            TypedTransaction::Eip4844(_) => {
                return Err(DeviceError::Unsupported(
                    "The Ledger Ethereum app cannot sign blob (EIP-4844) transactions.".into(),
                ));
            }
        };
        let has_data = !tx.input().is_empty();
        if has_data && !self.configuration().await?.blind_signing() {
            return Err(DeviceError::BlindSigningOff);
        }
        let mut unsigned = Vec::with_capacity(tx.payload_len_for_signature());
        tx.encode_for_signing(&mut unsigned);
        let request = Request::Transaction {
            has_data,
            chain_id: tx.chain_id(),
        };
        let reply = self
            .send_chunks(&apdu::sign_transaction(path, &unsigned, legacy), request)
            .await?;
        reply::signature(&reply, kind)
    }

    /// personal_sign (EIP-191 version 0x45) of any bytes.
    pub async fn sign_personal_message(
        &mut self,
        path: &HdPath,
        message: &[u8],
    ) -> Result<Signature, DeviceError> {
        if message.len() > u32::MAX as usize {
            return Err(DeviceError::BadInput(
                "The message is too long for a Ledger.".into(),
            ));
        }
        let reply = self
            .send_chunks(
                &apdu::sign_personal_message(path, message),
                Request::PersonalMessage,
            )
            .await?;
        reply::signature(&reply, VKind::Message)
    }

    /// EIP-712 in full mode, so the device shows the fields (it still needs Blind
    /// signing or Raw messages without Ledger-signed filters). Falls back to v0 (the
    /// two hashes) only when the app does not know 0x1A (6D00: too old, or a Nano S).
    pub async fn sign_typed_data(
        &mut self,
        path: &HdPath,
        data: &TypedData,
    ) -> Result<Signature, DeviceError> {
        let stream = eip712::stream(data)?;
        for (i, def) in stream.definitions.iter().enumerate() {
            match self.exchange_raw(def, self.io_timeout).await {
                Ok(_) => {}
                Err(LedgerError::BadRetcode(sw)) if i == 0 && sw.raw() == 0x6D00 => {
                    return self.sign_typed_data_hashes(path, data).await;
                }
                Err(e) => {
                    return Err(status::from_ledger_error(
                        e,
                        Request::TypedDataTypes,
                        Wait::Device,
                    ));
                }
            }
        }
        // The app may show each value as it arrives and wait for the person.
        for value in &stream.implementation {
            self.send(value, Request::TypedData, Wait::Approval).await?;
        }
        let reply = self
            .send(
                &apdu::sign_eip712_full(path),
                Request::TypedData,
                Wait::Approval,
            )
            .await?;
        reply::signature(&reply, VKind::Message)
    }

    /// EIP-712 v0: only the domain separator and the message's hashStruct, which the
    /// device can show only as hashes (so the app demands Blind signing).
    pub async fn sign_typed_data_hashes(
        &mut self,
        path: &HdPath,
        data: &TypedData,
    ) -> Result<Signature, DeviceError> {
        if data.primary_type == "EIP712Domain" {
            return Err(DeviceError::BadInput(
                "The Ledger app signs a message struct, not a bare EIP-712 domain.".into(),
            ));
        }
        let domain = data.domain.separator();
        let message = data
            .hash_struct()
            .map_err(|e| DeviceError::BadInput(format!("The typed data are invalid: {e}.")))?;
        let reply = self
            .send(
                &apdu::sign_eip712_hashes(path, &domain.0, &message.0),
                Request::TypedDataHashes,
                Wait::Approval,
            )
            .await?;
        reply::signature(&reply, VKind::Message)
    }
}
