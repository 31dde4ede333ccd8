//! Switchyard's hardware-wallet layer: Ledger and Trezor transports, device protocols
//! and signers implementing alloy's `Signer`/`TxSigner`. Filled in by the hardware-wallet
//! issue; the account model already has a `Hardware` kind for it.
