//! Status words (and transport failures) as the states a person can act on
//! (hardware-wallets.md §1.9, §5.5). The same word means different things for
//! different requests (6D00, 6A80), so every mapping takes the request it answered.

use coins_ledger::{LedgerError, StatusWord, transports::SpeculosError};

use crate::{DeviceError, Vendor};

/// What was asked when the device answered, for the requests whose status words
/// depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// GET_APP_CONFIGURATION: answered by any Ethereum app, so a refusal means the
    /// app is not open (or the device is locked).
    Configuration,
    /// GET_ETH_PUBLIC_ADDRESS.
    Address,
    /// SIGN_ETH_TRANSACTION.
    Transaction {
        /// The transaction carries calldata (so 6A80 is the blind-signing gate).
        has_data: bool,
        /// Its chain id, for 6502.
        chain_id: Option<u64>,
    },
    /// SIGN_ETH_PERSONAL_MESSAGE.
    PersonalMessage,
    /// EIP-712 full mode's struct definitions (0x1A): they never reach the
    /// blind-signing gate, so 6A80 there means the types were refused.
    TypedDataTypes,
    /// EIP-712 full mode's values and signature (0x1C, 0x0C P2=01).
    TypedData,
    /// EIP-712 v0 (0x0C P2=00, hashes only).
    TypedDataHashes,
}

impl Request {
    fn blind_gate(self) -> bool {
        matches!(
            self,
            Self::Transaction { has_data: true, .. } | Self::TypedData | Self::TypedDataHashes
        )
    }
}

/// The words this crate gives names to, beyond `coins-ledger`'s ISO/OS table.
fn meaning(sw: u16) -> &'static str {
    match sw {
        0x6501 => "transaction type not supported",
        0x6502 => "chain id conversion overflow",
        0x6982 => "security status not satisfied",
        0x6984 => "plugin not installed",
        0x6A84 => "insufficient memory",
        0x6B00 => "wrong parameters P1/P2",
        0x911C => "command not supported",
        0x6D07 | 0x6611 => "device not onboarded",
        0x662F => "device in recovery mode",
        _ => StatusWord::new(sw).description(),
    }
}

/// The error for a status word other than 9000.
pub fn from_status(sw: u16, request: Request) -> DeviceError {
    match sw {
        0x5515 | 0x6B0C | 0x6804 => DeviceError::Locked(Vendor::Ledger),
        0x6E00 | 0x6E01 | 0x6D02 | 0x6511 | 0x650F => DeviceError::WrongApp,
        0x6D00 => match request {
            Request::TypedData | Request::TypedDataTypes => DeviceError::TooOld(
                "Update the Ethereum app in Ledger Live: showing EIP-712 typed data needs version 1.9.19 or later.".into(),
            ),
            Request::TypedDataHashes => DeviceError::TooOld(
                "Update the Ethereum app in Ledger Live: signing EIP-712 typed data needs version 1.5.0 or later.".into(),
            ),
            _ => DeviceError::WrongApp,
        },
        0x6985 | 0x5501 => DeviceError::Rejected(Vendor::Ledger),
        0x6A80 if request.blind_gate() => DeviceError::BlindSigningOff,
        0x6501 => DeviceError::TooOld(
            "Update the Ethereum app in Ledger Live: this version cannot sign this transaction type.".into(),
        ),
        0x6502 => match request {
            Request::Transaction {
                chain_id: Some(id), ..
            } => DeviceError::UnsupportedChainId(id),
            _ => device(sw),
        },
        _ => device(sw),
    }
}

fn device(sw: u16) -> DeviceError {
    let what = if sw == 0x6A80 {
        "invalid data".to_owned()
    } else {
        meaning(sw).to_owned()
    };
    DeviceError::Device {
        vendor: Vendor::Ledger,
        detail: format!("{what} (0x{sw:04X})"),
    }
}

/// How long-running the request was, for what a timeout means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// No person is involved: silence means the device is locked or the app is not
    /// open (Frame's rule).
    Device,
    /// The device shows a prompt: silence means nobody answered it yet.
    Approval,
}

/// The error for a failed exchange.
pub fn from_ledger_error(error: LedgerError, request: Request, wait: Wait) -> DeviceError {
    match error {
        LedgerError::BadRetcode(sw) => from_status(sw.raw(), request),
        LedgerError::Timeout(_) => match wait {
            Wait::Device => DeviceError::Locked(Vendor::Ledger),
            Wait::Approval => DeviceError::AwaitingApproval(Vendor::Ledger),
        },
        // An earlier request's prompt is still on the device: finish it there first.
        LedgerError::Transport(e)
            if matches!(
                e.downcast_ref::<SpeculosError>(),
                Some(SpeculosError::PendingReply)
            ) =>
        {
            DeviceError::AwaitingApproval(Vendor::Ledger)
        }
        LedgerError::Transport(_) => DeviceError::Disconnected(Vendor::Ledger),
        other => DeviceError::Protocol {
            vendor: Vendor::Ledger,
            detail: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_map_by_request() {
        let plain = Request::Transaction {
            has_data: false,
            chain_id: Some(1),
        };
        let data = Request::Transaction {
            has_data: true,
            chain_id: Some(1),
        };
        for sw in [0x5515, 0x6B0C, 0x6804] {
            assert!(matches!(from_status(sw, plain), DeviceError::Locked(_)));
        }
        for sw in [0x6E00, 0x6E01, 0x6D02, 0x6511, 0x650F] {
            assert!(matches!(from_status(sw, plain), DeviceError::WrongApp));
        }
        assert!(matches!(
            from_status(0x6D00, Request::Configuration),
            DeviceError::WrongApp
        ));
        assert!(matches!(
            from_status(0x6D00, Request::Address),
            DeviceError::WrongApp
        ));
        assert!(
            matches!(from_status(0x6D00, Request::TypedData), DeviceError::TooOld(m) if m.contains("Update the Ethereum app"))
        );
        assert!(matches!(
            from_status(0x6985, plain),
            DeviceError::Rejected(_)
        ));
        assert!(matches!(
            from_status(0x5501, plain),
            DeviceError::Rejected(_)
        ));
        assert!(matches!(
            from_status(0x6A80, data),
            DeviceError::BlindSigningOff
        ));
        assert!(matches!(
            from_status(0x6A80, Request::TypedData),
            DeviceError::BlindSigningOff
        ));
        assert!(matches!(
            from_status(0x6A80, Request::TypedDataHashes),
            DeviceError::BlindSigningOff
        ));
        assert!(
            matches!(from_status(0x6A80, plain), DeviceError::Device { detail, .. } if detail == "invalid data (0x6A80)")
        );
        assert!(matches!(
            from_status(0x6A80, Request::TypedDataTypes),
            DeviceError::Device { .. }
        ));
        assert!(matches!(from_status(0x6501, plain), DeviceError::TooOld(_)));
        assert!(matches!(
            from_status(
                0x6502,
                Request::Transaction {
                    has_data: false,
                    chain_id: Some(421614)
                }
            ),
            DeviceError::UnsupportedChainId(421614)
        ));
        assert!(
            matches!(from_status(0x6A84, plain), DeviceError::Device { detail, .. } if detail == "insufficient memory (0x6A84)")
        );
    }

    #[test]
    fn timeouts_depend_on_who_is_waited_for() {
        let t = || LedgerError::Timeout(std::time::Duration::from_secs(1));
        assert!(matches!(
            from_ledger_error(t(), Request::Configuration, Wait::Device),
            DeviceError::Locked(_)
        ));
        assert!(matches!(
            from_ledger_error(t(), Request::PersonalMessage, Wait::Approval),
            DeviceError::AwaitingApproval(_)
        ));
        let io = LedgerError::Transport(Box::new(std::io::Error::other("gone")));
        assert!(matches!(
            from_ledger_error(io, Request::Address, Wait::Device),
            DeviceError::Disconnected(_)
        ));
    }
}
