//! Sending: build, simulate, price, sign, broadcast, track to finality, and replace
//! (speed up, cancel). Every signed transaction is stored before it is broadcast.

mod error;
mod receipt;
mod record;
mod send;
mod track;

pub use error::TxError;
pub use receipt::Receipt;
pub use record::{TxKind, TxRecord, TxStatus};
pub use send::{
    Amount, PreparedSend, SendRequest, prepare_replacement, prepare_send, sign_and_broadcast,
};
pub use track::{FINALITY_POLL, track_once, wait_until};
