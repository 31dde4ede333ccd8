// Generated from the Rust types in src-tauri/src/commands by ts-rs. Do not edit:
// run `SWITCHYARD_UPDATE_BINDINGS=1 cargo test -p switchyard-desktop bindings`.

export type CommandError = { 
/**
 * Stable, machine-readable code (see `switchyard_core::Error::code`).
 */
code: string, 
/**
 * What went wrong and what to do, for a person.
 */
message: string, };

export type WalletStatus = { 
/**
 * Whether a wallet (vault) exists in the data directory.
 */
initialized: boolean, 
/**
 * The data directory that was opened.
 */
dataDir: string, 
/**
 * Number of visible (not hidden) accounts.
 */
accounts: number, };
