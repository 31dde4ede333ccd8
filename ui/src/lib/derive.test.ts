import { describe, expect, it } from 'vitest';
import {
  accountKindLabel,
  accountOptionLabel,
  applyTx,
  assetTotals,
  chainKindLabel,
  feeFractionDigits,
  feeParts,
  isSettled,
  parseAccountCount,
  sameAddress,
  sendAssets,
  toBig,
  txDisplayStatus,
} from './derive';
import { formatUnits, shortAddress } from './format';
import { ALICE, BOB, PORTFOLIO, USDC_L1, USDC_OP, account, chain, fee, tx } from './testing/fixtures';

describe('assetTotals', () => {
  it('sums each asset across chains and accounts exactly', () => {
    const totals = assetTotals(PORTFOLIO.chains);
    expect(totals.map((t) => t.symbol)).toEqual(['ETH', 'USDC']);
    const eth = totals[0]!;
    expect(eth.native).toBe(true);
    expect(eth.amount).toBe(3_500_000_000_000_000_000n);
    expect(eth.usd).toBe(1_050_000_000_000n);
    expect(eth.chainIds).toEqual([1, 10]);
    expect(eth.partlyPriced).toBe(false);
    const usdc = totals[1]!;
    expect(usdc.amount).toBe(3_001_500_000n);
    expect(usdc.usd).toBe(300_000_000_000n);
    expect(usdc.partlyPriced).toBe(true);
  });

  it('keeps precision beyond 2^53', () => {
    const big = '123456789012345678901234567890';
    const totals = assetTotals([
      chain({ holdings: [{ account: ALICE, token: null, symbol: 'ETH', decimals: 18, amount: big, usd: null }] }),
      chain({ chainId: 10, holdings: [{ account: ALICE, token: null, symbol: 'ETH', decimals: 18, amount: '1', usd: null }] }),
    ]);
    expect(totals[0]!.amount).toBe(123456789012345678901234567891n);
    expect(totals[0]!.usd).toBeNull();
  });

  it('leaves out zero balances and malformed amounts; sorts by USD then priced first', () => {
    const totals = assetTotals([
      chain({
        holdings: [
          { account: ALICE, token: null, symbol: 'ETH', decimals: 18, amount: '0', usd: '0' },
          { account: ALICE, token: '0xd', symbol: 'DAI', decimals: 18, amount: '5', usd: '10' },
          { account: ALICE, token: '0xz', symbol: 'ZRX', decimals: 18, amount: '5', usd: '20' },
          { account: ALICE, token: '0xa', symbol: 'ABC', decimals: 18, amount: '5', usd: null },
          { account: ALICE, token: '0xb', symbol: 'BAD', decimals: 18, amount: '1.5', usd: null },
        ],
      }),
    ]);
    expect(totals.map((t) => t.symbol)).toEqual(['ZRX', 'DAI', 'ABC']);
  });

  it('groups tokens by symbol and decimals, not across different decimals', () => {
    const totals = assetTotals([
      chain({ holdings: [{ account: ALICE, token: USDC_L1, symbol: 'USDC', decimals: 6, amount: '1', usd: null }] }),
      chain({ chainId: 56, holdings: [{ account: ALICE, token: USDC_OP, symbol: 'USDC', decimals: 18, amount: '1', usd: null }] }),
    ]);
    expect(totals).toHaveLength(2);
  });
});

describe('sendAssets', () => {
  it('offers the native currency first, then the sender’s non-zero tokens', () => {
    const op = PORTFOLIO.chains[1]!;
    const options = sendAssets(op, ALICE.toUpperCase().replace('0X', '0x'));
    expect(options.map((o) => o.value)).toEqual(['ETH', USDC_OP]);
    expect(options[0]!.token).toBeNull();
    expect(options[0]!.balance).toBe(1_000_000_000_000_000_000n);
    expect(options[1]!.decimals).toBe(6);
  });

  it('falls back to the chain’s native symbol (or ETH) when the sender has no balance read', () => {
    expect(sendAssets(PORTFOLIO.chains[2], ALICE).map((o) => o.value)).toEqual(['ETH']);
    expect(sendAssets(undefined, ALICE, 'xDAI')[0]!.symbol).toBe('xDAI');
    expect(sendAssets(PORTFOLIO.chains[0], BOB).map((o) => o.symbol)).toEqual(['ETH']);
  });
});

describe('feeParts', () => {
  it('lists the five rows with wei and USD', () => {
    const parts = feeParts(fee(), 'op_stack');
    expect(parts.map((p) => p.key)).toEqual(['execution', 'l1', 'operator', 'total', 'worst']);
    expect(parts.map((p) => p.label)).toEqual(['Execution', 'L1 data', 'Operator', 'Total', 'At most']);
    expect(parts[1]).toMatchObject({ wei: '1500000000000', usd: '450000' });
    expect(parts[1]!.hint).toMatch(/post your transaction to Ethereum/);
    expect(parts[4]).toMatchObject({ wei: '43500000000000', usd: '13050000' });
  });

  it('has no USD without a price and explains L1 data on Ethereum', () => {
    const parts = feeParts(fee({ usd: null }), 'ethereum');
    expect(parts.every((p) => p.usd === null)).toBe(true);
    expect(parts[1]!.hint).toMatch(/no L1 data fee/);
  });
});

describe('feeFractionDigits', () => {
  it('keeps three significant digits of tiny fees', () => {
    expect(feeFractionDigits('0')).toBe(6);
    expect(feeFractionDigits('22500000000000')).toBe(7); // 0.0000225
    expect(formatUnits('22500000000000', 18, { maxFraction: feeFractionDigits('22500000000000') })).toBe('0.0000225');
    expect(formatUnits('1234', 18, { maxFraction: feeFractionDigits('1234') })).toBe('0.00000000000000123');
    expect(feeFractionDigits('1')).toBe(18);
    expect(feeFractionDigits('2000000000000000000')).toBe(6);
    expect(feeFractionDigits(null)).toBe(6);
  });
});

describe('labels', () => {
  it('names account kinds', () => {
    expect(accountKindLabel(account())).toBe('HD');
    expect(accountKindLabel(account({ kind: 'imported' }))).toBe('Imported');
    expect(accountKindLabel(account({ kind: 'watch_only' }))).toBe('Watch-only');
    expect(accountKindLabel(account({ kind: 'hardware', vendor: 'Trezor' }))).toBe('Trezor');
    expect(accountKindLabel(account({ kind: 'hardware', vendor: null }))).toBe('Hardware');
  });

  it('offers accounts in a picker with their device', () => {
    const hd = account();
    expect(accountOptionLabel(hd)).toBe(`${hd.label} · ${shortAddress(hd.address)}`);
    const ledger = account({ kind: 'hardware', vendor: 'Ledger' });
    expect(accountOptionLabel(ledger)).toBe(`${ledger.label} · ${shortAddress(ledger.address)} (Ledger)`);
  });

  it('names chain kinds', () => {
    expect(chainKindLabel('op_stack')).toBe('OP Stack');
    expect(chainKindLabel('arbitrum')).toBe('Arbitrum');
    expect(chainKindLabel(null)).toBe('Unknown');
  });
});

describe('parseAccountCount', () => {
  it('takes a whole number from 1 to 10,000', () => {
    expect(parseAccountCount('1')).toEqual({ count: 1 });
    expect(parseAccountCount(' 5 ')).toEqual({ count: 5 });
    expect(parseAccountCount('10000')).toEqual({ count: 10_000 });
  });

  it('explains what is refused', () => {
    expect(parseAccountCount('')).toEqual({ error: 'Enter how many accounts to add.' });
    expect(parseAccountCount('2.5')).toEqual({ error: 'Use a whole number, e.g. 5.' });
    expect(parseAccountCount('-3')).toEqual({ error: 'Use a whole number, e.g. 5.' });
    expect(parseAccountCount('1e3')).toEqual({ error: 'Use a whole number, e.g. 5.' });
    expect(parseAccountCount('0')).toEqual({ error: 'Choose from 1 to 10,000 accounts.' });
    expect(parseAccountCount('10001')).toEqual({ error: 'Choose from 1 to 10,000 accounts.' });
  });
});

describe('transactions', () => {
  it('derives the display status; failed when included but reverted', () => {
    expect(txDisplayStatus(tx())).toBe('pending');
    expect(txDisplayStatus(tx({ status: 'included', succeeded: true }))).toBe('included');
    expect(txDisplayStatus(tx({ status: 'final', succeeded: false }))).toBe('failed');
    expect(txDisplayStatus(tx({ status: 'replaced' }))).toBe('replaced');
    expect(isSettled('final')).toBe(true);
    expect(isSettled('included')).toBe(false);
    // A broadcast no node confirmed may still land: followed, not settled.
    expect(txDisplayStatus(tx({ status: 'unknown' }))).toBe('unknown');
    expect(isSettled('unknown')).toBe(false);
    expect(isSettled('not_sent')).toBe(true);
  });

  it('applies updates in place by hash and inserts new ones first', () => {
    const list = [tx({ hash: '0xb' }), tx({ hash: '0xa' })];
    const updated = applyTx(list, tx({ hash: '0xA', status: 'final' }));
    expect(updated.map((t) => [t.hash, t.status])).toEqual([
      ['0xb', 'pending'],
      ['0xA', 'final'],
    ]);
    expect(list[1]!.status).toBe('pending'); // not mutated
    expect(applyTx(list, tx({ hash: '0xc' })).map((t) => t.hash)).toEqual(['0xc', '0xb', '0xa']);
  });
});

describe('helpers', () => {
  it('compares addresses case-insensitively and parses base units', () => {
    expect(sameAddress(ALICE, ALICE.toUpperCase())).toBe(true);
    expect(sameAddress(ALICE, null)).toBe(false);
    expect(toBig('12')).toBe(12n);
    expect(toBig('1.2')).toBeNull();
    expect(toBig(null)).toBeNull();
  });
});
