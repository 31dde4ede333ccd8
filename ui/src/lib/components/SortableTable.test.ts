import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import SortableTable from './SortableTable.svelte';
import type { Column } from './sortable';

interface Row {
  id: string;
  symbol: string;
  balance: bigint;
}

const rows: Row[] = [
  { id: 'a', symbol: 'USDC', balance: 5n },
  { id: 'b', symbol: 'DAI', balance: 50n },
  { id: 'c', symbol: 'ETH', balance: 1n },
];

const columns: Column<Row>[] = [
  { key: 'symbol', label: 'Token' },
  { key: 'balance', label: 'Balance', numeric: true },
  { key: 'note', label: 'Note', sortable: false },
];

const cell = createRawSnippet((row: () => Row, col: () => Column<Row>) => ({
  render: () => `<span>${col().key === 'symbol' ? row().symbol : col().key === 'balance' ? row().balance : ''}</span>`,
}));

function firstColumn(): string[] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0]!.textContent ?? '');
}

describe('SortableTable', () => {
  it('renders rows in the given order with a named table', () => {
    render(SortableTable<Row>, { columns, rows, rowKey: (r: Row) => r.id, cell, caption: 'Balances' });
    expect(screen.getByRole('table', { name: 'Balances' })).toBeTruthy();
    expect(firstColumn()).toEqual(['USDC', 'DAI', 'ETH']);
  });

  it('sorts by a header button and reflects it in aria-sort', async () => {
    render(SortableTable<Row>, { columns, rows, rowKey: (r: Row) => r.id, cell, caption: 'Balances' });
    const balanceHeader = screen.getByRole('columnheader', { name: /Balance/ });
    expect(balanceHeader.getAttribute('aria-sort')).toBe('none');
    expect(balanceHeader.classList.contains('num')).toBe(true);

    await fireEvent.click(within(balanceHeader).getByRole('button'));
    expect(balanceHeader.getAttribute('aria-sort')).toBe('descending');
    expect(firstColumn()).toEqual(['DAI', 'USDC', 'ETH']);

    await fireEvent.click(within(balanceHeader).getByRole('button'));
    expect(balanceHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(firstColumn()).toEqual(['ETH', 'USDC', 'DAI']);
  });

  it('right-aligns numeric cells and leaves unsortable headers plain', () => {
    render(SortableTable<Row>, {
      columns,
      rows,
      rowKey: (r: Row) => r.id,
      cell,
      caption: 'Balances',
      sort: { key: 'symbol', direction: 'ascending' },
    });
    expect(firstColumn()).toEqual(['DAI', 'ETH', 'USDC']);
    const cells = within(screen.getAllByRole('row')[1]!).getAllByRole('cell');
    expect(cells[1]!.classList.contains('num')).toBe(true);
    const note = screen.getByRole('columnheader', { name: 'Note' });
    expect(note.hasAttribute('aria-sort')).toBe(false);
    expect(within(note).queryByRole('button')).toBeNull();
  });

  it('puts rowAttrs and the test id on each row', () => {
    render(SortableTable<Row>, {
      columns,
      rows,
      rowKey: (r: Row) => r.id,
      cell,
      caption: 'Balances',
      rowTestId: () => 'balance-row',
      rowAttrs: (r: Row) => ({ 'data-symbol': r.symbol }),
    });
    const trs = screen.getAllByTestId('balance-row');
    expect(trs.map((tr) => tr.getAttribute('data-symbol'))).toEqual(['USDC', 'DAI', 'ETH']);
  });
});
