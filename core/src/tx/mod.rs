//! Every on-chain step, one path: a [`Call`] with a [`Purpose`] is prepared (quoted,
//! checked, simulated: [`prepare`]), reviewed, signed, stored before it is broadcast
//! ([`sign_and_broadcast`], through a [`Journal`] the store implements), and tracked to
//! finality ([`track_once`]); transfers build their call ([`prepare_transfer`]), speed-up and
//! cancel replace one ([`prepare_replacement`]). A transaction is "not sent" only when
//! nodes refused it; otherwise it stays open until its chain answers.

mod broadcast;
mod call;
mod error;
mod journal;
mod prepare;
mod purpose;
mod receipt;
mod record;
mod replace;
mod track;
mod transfer;

pub use broadcast::{is_same_transfer, next_nonce, sign_and_broadcast};
pub use call::Call;
pub use error::TxError;
pub use journal::Journal;
pub use prepare::{Movement, PreparedTx, Spend, prepare, prepare_spending};
pub use purpose::Purpose;
pub use receipt::Receipt;
pub use record::{TxRecord, TxStatus};
pub use replace::prepare_replacement;
pub use track::{FINALITY_POLL, track_chain, track_once, wait_until};
pub use transfer::{Amount, SendRequest, prepare_transfer};
