import { describe, expect, it } from 'vitest';
import { nextSort, sortRows, type Column } from './sortable';

interface Row {
  symbol: string;
  balance: string; // base units
  usd: bigint | null;
}

const rows: Row[] = [
  { symbol: 'USDC', balance: '900', usd: 9n },
  { symbol: 'eth', balance: '10000000000000000000000', usd: null },
  { symbol: 'DAI', balance: '1000', usd: 10n },
  { symbol: 'ARB', balance: '900', usd: 2n },
];

const columns: Column<Row>[] = [
  { key: 'symbol', label: 'Token' },
  { key: 'balance', label: 'Balance', numeric: true, sortValue: (r) => BigInt(r.balance) },
  { key: 'usd', label: 'Value', numeric: true },
];

const symbols = (list: Row[]) => list.map((r) => r.symbol);

describe('sortRows', () => {
  it('keeps the given order without a sort', () => {
    expect(symbols(sortRows(rows, columns, null))).toEqual(['USDC', 'eth', 'DAI', 'ARB']);
  });

  it('sorts text case-insensitively', () => {
    expect(symbols(sortRows(rows, columns, { key: 'symbol', direction: 'ascending' }))).toEqual([
      'ARB',
      'DAI',
      'eth',
      'USDC',
    ]);
  });

  it('sorts big amounts exactly via sortValue, ties keep their order', () => {
    expect(symbols(sortRows(rows, columns, { key: 'balance', direction: 'descending' }))).toEqual([
      'eth',
      'DAI',
      'USDC',
      'ARB',
    ]);
    expect(symbols(sortRows(rows, columns, { key: 'balance', direction: 'ascending' }))).toEqual([
      'USDC',
      'ARB',
      'DAI',
      'eth',
    ]);
  });

  it('puts unknown values last in both directions', () => {
    expect(symbols(sortRows(rows, columns, { key: 'usd', direction: 'descending' }))).toEqual(['DAI', 'USDC', 'ARB', 'eth']);
    expect(symbols(sortRows(rows, columns, { key: 'usd', direction: 'ascending' }))).toEqual(['ARB', 'USDC', 'DAI', 'eth']);
  });

  it('does not mutate its input', () => {
    const copy = [...rows];
    sortRows(rows, columns, { key: 'symbol', direction: 'descending' });
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('starts numbers biggest-first, text A-Z, and flips on a second click', () => {
    expect(nextSort(null, columns[1]!)).toEqual({ key: 'balance', direction: 'descending' });
    expect(nextSort(null, columns[0]!)).toEqual({ key: 'symbol', direction: 'ascending' });
    expect(nextSort({ key: 'symbol', direction: 'ascending' }, columns[0]!)).toEqual({
      key: 'symbol',
      direction: 'descending',
    });
  });
});
