// Pure derivations from the backend's views, shared by the stores and screens and tested
// directly. Amounts stay BigInt (or decimal strings of base units) throughout.
import type {
  AccountView,
  ChainBalancesView,
  ChainKind,
  FeeView,
  HoldingView,
  TxView,
} from './bindings';
import { shortAddress } from './format';

/** Addresses compare case-insensitively (EIP-55 checksums differ only in case). */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/** A decimal string of base units as a BigInt; null for null or anything malformed. */
export function toBig(raw: string | null | undefined): bigint | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  return /^-?\d+$/.test(text) ? BigInt(text) : null;
}

// ---------------------------------------------------------------------------------------
// Accounts and chains

/** "HD" / "Imported" / "Watch-only" / "Ledger" / "Trezor". */
export function accountKindLabel(account: Pick<AccountView, 'kind' | 'vendor'>): string {
  switch (account.kind) {
    case 'hd':
      return 'HD';
    case 'imported':
      return 'Imported';
    case 'watch_only':
      return 'Watch-only';
    case 'hardware':
      return account.vendor ?? 'Hardware';
  }
}

/** How a signing account is offered in a picker: "Main · 0x1234…abcd (Ledger)". */
export function accountOptionLabel(account: Pick<AccountView, 'label' | 'address' | 'kind' | 'vendor'>): string {
  const device = account.kind === 'hardware' ? ` (${accountKindLabel(account)})` : '';
  return `${account.label} · ${shortAddress(account.address)}${device}`;
}

export const CHAIN_KIND_LABELS: Readonly<Record<ChainKind, string>> = {
  ethereum: 'Ethereum',
  op_stack: 'OP Stack',
  arbitrum: 'Arbitrum',
};

export function chainKindLabel(kind: ChainKind | null | undefined): string {
  return kind ? CHAIN_KIND_LABELS[kind] : 'Unknown';
}

export const MIN_ADD_ACCOUNTS = 1;
/** The core's own limit for one accountsAddMany; here only a hint (the core still decides). */
export const MAX_ADD_ACCOUNTS = 10_000;

/** How many HD accounts to add, as typed, or an error sentence. */
export function parseAccountCount(text: string): { count: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter how many accounts to add.' };
  if (!/^\d+$/.test(trimmed)) return { error: 'Use a whole number, e.g. 5.' };
  const count = Number(trimmed);
  if (count < MIN_ADD_ACCOUNTS || count > MAX_ADD_ACCOUNTS) {
    return { error: `Choose from ${MIN_ADD_ACCOUNTS} to ${MAX_ADD_ACCOUNTS.toLocaleString('en-US')} accounts.` };
  }
  return { count };
}

/** The label of `address` among the accounts, if it is one of them. */
export function accountLabel(accounts: readonly AccountView[], address: string): string | undefined {
  return accounts.find((a) => sameAddress(a.address, address))?.label;
}

// ---------------------------------------------------------------------------------------
// Portfolio

/** One asset summed over every chain and account. */
export interface AssetTotal {
  /** Grouping key: native currencies by symbol, tokens by symbol and decimals. */
  key: string;
  symbol: string;
  decimals: number;
  /** Whether it is a chain's native currency (ETH on L1 and rollups). */
  native: boolean;
  /** Sum of base units. */
  amount: bigint;
  /** Sum of the priced holdings' USD (8 decimals); null when none is priced. */
  usd: bigint | null;
  /** Some holdings of it are priced and some are not: the USD figure is a lower bound. */
  partlyPriced: boolean;
  /** Chains it is held on (ids, in first-seen order). */
  chainIds: number[];
}

/**
 * Per-asset totals across chains. Native currencies group by symbol (ETH on every rollup is
 * the same ETH); tokens by symbol and decimals (the same token bridged to several chains).
 * Zero balances are left out. Sorted by USD value (largest first), unpriced after priced,
 * then by symbol.
 */
export function assetTotals(chains: readonly ChainBalancesView[]): AssetTotal[] {
  const byKey = new Map<string, AssetTotal & { priced: number; unpriced: number }>();
  for (const chain of chains) {
    for (const h of chain.holdings) {
      const amount = toBig(h.amount);
      if (amount === null || amount === 0n) continue;
      const native = h.token === null;
      const key = native ? `native:${h.symbol}` : `token:${h.symbol}:${h.decimals}`;
      let total = byKey.get(key);
      if (!total) {
        total = {
          key,
          symbol: h.symbol,
          decimals: h.decimals,
          native,
          amount: 0n,
          usd: null,
          partlyPriced: false,
          chainIds: [],
          priced: 0,
          unpriced: 0,
        };
        byKey.set(key, total);
      }
      total.amount += amount;
      const usd = toBig(h.usd);
      if (usd === null) {
        total.unpriced += 1;
      } else {
        total.priced += 1;
        total.usd = (total.usd ?? 0n) + usd;
      }
      if (!total.chainIds.includes(chain.chainId)) total.chainIds.push(chain.chainId);
    }
  }
  return [...byKey.values()]
    .map(({ priced, unpriced, ...t }) => ({ ...t, partlyPriced: priced > 0 && unpriced > 0 }))
    .sort((a, b) => {
      if (a.usd !== null && b.usd !== null && a.usd !== b.usd) return a.usd > b.usd ? -1 : 1;
      if ((a.usd === null) !== (b.usd === null)) return a.usd === null ? 1 : -1;
      if (a.native !== b.native) return a.native ? -1 : 1;
      return a.symbol.localeCompare(b.symbol, 'en');
    });
}

/** An asset the Send form offers: the native currency first, then tokens. */
export interface AssetOption {
  /** The select's value: the native symbol, or the token address. */
  value: string;
  symbol: string;
  decimals: number;
  /** Null for the native currency (what `sendPrepare` expects for it). */
  token: string | null;
  /** The sender's balance in base units; null when unknown. */
  balance: bigint | null;
}

/**
 * What `from` can send on `chain`: the native currency (always, first), then the tokens it
 * holds there (non-zero), by symbol.
 */
export function sendAssets(chain: ChainBalancesView | undefined, from: string, fallbackNative = 'ETH'): AssetOption[] {
  const holdings = chain?.holdings.filter((h) => sameAddress(h.account, from)) ?? [];
  const nativeHolding = holdings.find((h) => h.token === null);
  const nativeSymbol =
    nativeHolding?.symbol ?? chain?.holdings.find((h) => h.token === null)?.symbol ?? fallbackNative;
  const native: AssetOption = {
    value: nativeSymbol,
    symbol: nativeSymbol,
    decimals: nativeHolding?.decimals ?? 18,
    token: null,
    balance: nativeHolding ? toBig(nativeHolding.amount) : null,
  };
  const tokens = holdings
    .filter((h): h is HoldingView & { token: string } => h.token !== null && (toBig(h.amount) ?? 0n) > 0n)
    .sort((a, b) => a.symbol.localeCompare(b.symbol, 'en'))
    .map((h) => ({ value: h.token, symbol: h.symbol, decimals: h.decimals, token: h.token, balance: toBig(h.amount) }));
  return [native, ...tokens];
}

// ---------------------------------------------------------------------------------------
// Fees

export type FeePartKey = 'execution' | 'l1' | 'operator' | 'total' | 'worst';

/** One line of a fee breakdown. */
export interface FeePart {
  key: FeePartKey;
  label: string;
  /** Wei, as the backend sent it. */
  wei: string;
  /** USD (8 decimals), when a price is known. */
  usd: string | null;
  /** A short explanation for the person. */
  hint: string;
}

/** The rows of a fee breakdown: Execution, L1 data, Operator, Total, At most. */
export function feeParts(fee: FeeView, chainKind?: ChainKind | null): FeePart[] {
  const l1Hint =
    chainKind === 'ethereum'
      ? 'Ethereum itself has no L1 data fee.'
      : 'Rollups post your transaction to Ethereum; this is that cost.';
  return [
    {
      key: 'execution',
      label: 'Execution',
      wei: fee.execution,
      usd: fee.usd?.execution ?? null,
      hint: 'Gas used × the expected price per gas on this chain.',
    },
    { key: 'l1', label: 'L1 data', wei: fee.l1Data, usd: fee.usd?.l1Data ?? null, hint: l1Hint },
    {
      key: 'operator',
      label: 'Operator',
      wei: fee.operator,
      usd: fee.usd?.operator ?? null,
      hint: 'A fee some OP Stack chains charge for running the chain.',
    },
    {
      key: 'total',
      label: 'Total',
      wei: fee.total,
      usd: fee.usd?.total ?? null,
      hint: 'What this transaction is expected to cost.',
    },
    {
      key: 'worst',
      label: 'At most',
      wei: fee.worstCase,
      usd: fee.usd?.worstCase ?? null,
      hint: 'The most it can cost if prices rise before it is included. Unused gas is not charged.',
    },
  ];
}

/**
 * Fraction digits to show a fee in ETH with: 6 for ordinary fees, more for tiny rollup fees
 * so they keep three significant digits instead of reading "<0.000001".
 */
export function feeFractionDigits(wei: string | bigint | null, decimals = 18): number {
  const value = typeof wei === 'bigint' ? wei : toBig(wei);
  if (value === null || value === 0n) return Math.min(6, decimals);
  const abs = value < 0n ? -value : value;
  const digits = abs.toString().length;
  if (digits > decimals) return Math.min(6, decimals);
  const leadingZeros = decimals - digits; // zeros right after the decimal point
  return Math.min(decimals, Math.max(6, leadingZeros + 3));
}

// ---------------------------------------------------------------------------------------
// Transactions

/** A transaction's status as shown: "failed" when it was included but reverted. */
export type TxDisplayStatus =
  | 'pending'
  | 'unknown'
  | 'included'
  | 'final'
  | 'failed'
  | 'replaced'
  | 'dropped'
  | 'not_sent';

export function txDisplayStatus(tx: Pick<TxView, 'status' | 'succeeded'>): TxDisplayStatus {
  if (tx.succeeded === false && (tx.status === 'included' || tx.status === 'final')) return 'failed';
  return tx.status;
}

export const TX_STATUS_LABELS: Readonly<Record<TxDisplayStatus, string>> = {
  pending: 'Pending',
  unknown: 'Unconfirmed',
  included: 'Included',
  final: 'Final',
  failed: 'Failed',
  replaced: 'Replaced',
  dropped: 'Dropped',
  not_sent: 'Not sent',
};

/** The design system's badge class for a status. */
export const TX_STATUS_BADGES: Readonly<Record<TxDisplayStatus, string>> = {
  pending: 'badge-pending',
  unknown: 'badge-pending',
  included: 'badge-included',
  final: 'badge-final',
  failed: 'badge-failed',
  replaced: 'badge-replaced',
  dropped: 'badge-replaced',
  not_sent: 'badge-replaced',
};


/**
 * `list` with `tx` applied: the entry with its hash replaced in place, or `tx` inserted at
 * the top when new (history is newest first). Returns a new array.
 */
export function applyTx(list: readonly TxView[], tx: TxView): TxView[] {
  const i = list.findIndex((t) => t.hash.toLowerCase() === tx.hash.toLowerCase());
  if (i === -1) return [tx, ...list];
  const next = [...list];
  next[i] = tx;
  return next;
}

/** Whether a status will not change any more (the progress view stops following it). */
export function isSettled(status: TxDisplayStatus): boolean {
  return (
    status === 'final' ||
    status === 'failed' ||
    status === 'replaced' ||
    status === 'dropped' ||
    status === 'not_sent'
  );
}
