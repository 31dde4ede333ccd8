// Derivation schemes as a person chooses them when adding a hardware account.

import type { DiscoveredView, DerivationScheme } from './bindings';

export interface SchemeOption {
  /** "" stands for every scheme (the backend's null). */
  value: DerivationScheme | '';
  label: string;
  /** The paths it covers, with i the account index. */
  hint: string;
}

export const SCHEME_OPTIONS: readonly SchemeOption[] = [
  {
    value: '',
    label: 'All schemes',
    hint: "Every scheme below, five addresses each: m/44'/60'/i'/0/0, m/44'/60'/0'/0/i and m/44'/60'/0'/i.",
  },
  { value: 'live', label: 'Ledger Live', hint: "m/44'/60'/i'/0/0 — accounts made in Ledger Live." },
  { value: 'bip44', label: 'BIP44', hint: "m/44'/60'/0'/0/i — MetaMask, Trezor Suite and most wallets." },
  { value: 'legacy', label: 'Legacy', hint: "m/44'/60'/0'/i — MyEtherWallet and the old Ledger Chrome app." },
];

export const SCHEME_NAMES: Readonly<Record<DerivationScheme, string>> = {
  live: 'Ledger Live',
  bip44: 'BIP44',
  legacy: 'Legacy',
};

/** The scheme to record for an added row: the chosen one, else the row's only one, else none. */
export function schemeForAdd(selected: DerivationScheme | null, row: Pick<DiscoveredView, 'schemes'>): DerivationScheme | null {
  if (selected !== null && row.schemes.includes(selected)) return selected;
  if (row.schemes.length === 1) return row.schemes[0] ?? null;
  return null;
}
