//! Assets: amounts now; metadata, balances and prices arrive with the chains issue.

pub mod amount;

pub use amount::{AmountError, format_units, parse_units};
