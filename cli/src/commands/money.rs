//! How amounts and fees read on the terminal: exact decimals, never floats.

use alloy::primitives::U256;
use switchyard_core::assets::{UsdPrice, UsdValue, format_units};

/// "1.25 ETH".
pub fn amount(value: U256, decimals: u8, symbol: &str) -> String {
    format!("{} {symbol}", format_units(value, decimals))
}

/// "0.000021 ETH ($0.06)" — the USD part only when a price is known.
pub fn fee(wei: U256, price: Option<&UsdPrice>) -> String {
    match price {
        Some(p) => format!(
            "{} (${})",
            amount(wei, 18, "ETH"),
            p.value_of(wei, 18).to_cents_string()
        ),
        None => amount(wei, 18, "ETH"),
    }
}

/// "$12.34", or "—" when unknown.
pub fn usd(value: Option<UsdValue>) -> String {
    value.map_or_else(|| "—".into(), |v| format!("${}", v.to_cents_string()))
}

/// [`amount`] of a view's base-unit text (views carry exact integers as text).
pub fn amount_text(value: &str, decimals: u8, symbol: &str) -> String {
    value.parse::<U256>().map_or_else(
        |_| format!("{value} (base units) {symbol}"),
        |v| amount(v, decimals, symbol),
    )
}

/// [`usd`] of a view's 8-decimal text.
pub fn usd_text(value: Option<&str>) -> String {
    usd(value.and_then(|v| v.parse::<U256>().ok()).map(UsdValue))
}
