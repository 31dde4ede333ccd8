use alloy::{
    primitives::Bytes, rpc::json_rpc::RpcError as AlloyRpcError, transports::TransportErrorKind,
};

use crate::text::clean_remote;

/// Why a request to a chain failed, in words a user can act on.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RpcError {
    /// No endpoint answered usably.
    #[error(
        "{chain} cannot be reached: {detail}. Check your connection, or add another RPC endpoint for it."
    )]
    Unreachable {
        /// Chain name.
        chain: String,
        /// What each endpoint did.
        detail: String,
    },
    /// The node answered with a JSON-RPC error (a revert, a rejected transaction, …).
    #[error("{chain} refused the request: {message}")]
    Rejected {
        /// Chain name.
        chain: String,
        /// JSON-RPC error code.
        code: i64,
        /// The node's message (with the revert reason decoded when there is one).
        message: String,
        /// Revert data, if any.
        data: Option<Bytes>,
    },
    /// The node answered something that is not what the method returns.
    #[error("{chain} answered {method} with something unexpected: {detail}")]
    Malformed {
        /// Chain name.
        chain: String,
        /// The method.
        method: String,
        /// Details.
        detail: String,
    },
}

impl RpcError {
    /// Maps alloy's error for a call of `method` on `chain`.
    pub(crate) fn from_alloy(
        chain: &str,
        method: &str,
        err: AlloyRpcError<TransportErrorKind>,
    ) -> Self {
        match err {
            AlloyRpcError::ErrorResp(payload) => {
                let data = payload
                    .data
                    .as_ref()
                    .and_then(|raw| serde_json::from_str::<Bytes>(raw.get()).ok());
                let reason = data
                    .as_ref()
                    .and_then(|d| alloy::sol_types::decode_revert_reason(d));
                // Remote text: cleaned before anything shows it.
                let message = match reason {
                    Some(reason) if !payload.message.contains(&reason) => {
                        format!("{} ({reason})", payload.message)
                    }
                    _ => payload.message.to_string(),
                };
                let message = clean_remote(&message);
                Self::Rejected {
                    chain: chain.into(),
                    code: payload.code,
                    message,
                    data,
                }
            }
            AlloyRpcError::Transport(kind) => Self::Unreachable {
                chain: chain.into(),
                detail: clean_remote(&kind.to_string()),
            },
            other => Self::Malformed {
                chain: chain.into(),
                method: method.into(),
                detail: clean_remote(&other.to_string()),
            },
        }
    }

    /// Maps the error of a typed contract call (`method` names it, e.g. `getL1Fee`).
    pub(crate) fn from_contract(chain: &str, method: &str, err: alloy::contract::Error) -> Self {
        match err {
            alloy::contract::Error::TransportError(e) => Self::from_alloy(chain, method, e),
            other => Self::Malformed {
                chain: chain.into(),
                method: method.into(),
                detail: clean_remote(&other.to_string()),
            },
        }
    }

    /// Its stable code.
    pub fn code(&self) -> crate::ErrorCode {
        match self {
            Self::Unreachable { .. } => crate::ErrorCode::RpcUnreachable,
            Self::Rejected { .. } => crate::ErrorCode::RpcRejected,
            Self::Malformed { .. } => crate::ErrorCode::RpcMalformed,
        }
    }

    /// The revert reason, when the node refused because execution reverted: the decoded
    /// reason if the contract gave one, else the node's message ("execution reverted").
    pub fn revert_reason(&self) -> Option<String> {
        let Self::Rejected { message, data, .. } = self else {
            return None;
        };
        let decoded = data
            .as_ref()
            .and_then(|d| alloy::sol_types::decode_revert_reason(d))
            .filter(|r| !r.trim().is_empty());
        decoded.or_else(|| {
            message
                .to_ascii_lowercase()
                .contains("revert")
                .then(|| message.clone())
        })
    }
}
