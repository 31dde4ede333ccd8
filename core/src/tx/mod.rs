//! Sending: build, simulate, price, sign, broadcast, track to finality, and replace
//! (speed up, cancel). Every signed transaction is stored before it is broadcast, and is
//! "not sent" only when nodes refused it; otherwise it stays open until its chain answers.

mod broadcast;
mod error;
mod receipt;
mod record;
mod send;
mod track;

pub use broadcast::{is_same_transfer, next_nonce, sign_and_broadcast};
pub use error::TxError;
pub use receipt::Receipt;
pub use record::{TxKind, TxRecord, TxStatus};
pub use send::{Amount, PreparedSend, SendRequest, prepare_replacement, prepare_send};
pub use track::{FINALITY_POLL, track_once, wait_until};
