//! The shapes both shells show: what the desktop app receives over IPC and what the CLI
//! prints with `--json` are these types, built here once from the core's data.
//!
//! Conventions, the same everywhere:
//! - **Amounts** are base-10 strings of integer base units (wei, token units), always
//!   beside their `decimals` (and `symbol` where the asset is not implied): exact, never
//!   hex, never a float. `"500000000000000000"` with 18 decimals is 0.5.
//! - **USD** values are base-10 strings of integers with 8 decimals (Chainlink's).
//! - **Addresses** are EIP-55 strings; hashes `0x`-hex.
//! - **Times** are RFC 3339 (ISO 8601) UTC strings.
//! - Field names are camelCase.
//!
//! With the `specta` feature every view derives `specta::Type`, and the app's TypeScript
//! bindings are generated from them.

mod accounts;
mod chains;
mod fees;
mod journey;
mod portfolio;
mod tx;

pub use accounts::{AccountKindView, AccountView, ContactView, DiscoveredView, SignatureView};
pub use chains::{ChainView, NetworksView, TokenView};
pub use fees::{FeeComparisonView, FeeRowView, FeeUsdView, FeeView};
pub use journey::{EvidenceView, JourneyPlanView, JourneyView, LaterStepView, StateChangeView};
pub use portfolio::{ChainBalancesView, HoldingView, PortfolioView};
pub use tx::{Parties, PreparedView, SigningView, SimulationView, TxView, Update};

use alloy::primitives::{Address, U256};

use crate::assets::UsdPrice;

/// An address as text: EIP-55.
pub fn checksum(address: Address) -> String {
    address.to_checksum(None)
}

/// An integer amount as base-10 text.
pub fn units(value: U256) -> String {
    value.to_string()
}

/// The USD value (8 decimals, as text) of `amount` with `decimals` at `price`.
pub fn usd(price: Option<&UsdPrice>, amount: U256, decimals: u8) -> Option<String> {
    price.map(|p| p.value_of(amount, decimals).0.to_string())
}

/// The price of one whole ETH (8-decimal USD text).
pub fn usd_per_eth(price: &UsdPrice) -> String {
    price
        .value_of(U256::from(10u64).pow(U256::from(18u64)), 18)
        .0
        .to_string()
}

/// Unix seconds as RFC 3339 UTC ("2026-12-05T08:00:00Z"); the epoch for a time that does
/// not fit (never for a time the wallet stored).
pub fn rfc3339(unix_seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .format(&time::format_description::well_known::Rfc3339)
        .expect("a UTC time formats as RFC 3339")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_764_921_600), "2025-12-05T08:00:00Z");
    }
}
