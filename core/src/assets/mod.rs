//! Assets: exact amounts, the tokens the wallet knows, balances and USD prices.

pub mod amount;
pub mod balances;
pub mod prices;
pub mod tokens;

pub use amount::{AmountError, format_units, parse_units};
pub use balances::{AssetId, ChainBalances, ChainScan, Holding, Portfolio, scan_portfolio};
pub use prices::{UsdPrice, UsdValue};
pub use tokens::{Token, TokenSource, builtin_tokens, devnet_tokens};
