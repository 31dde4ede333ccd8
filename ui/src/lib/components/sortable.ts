// Sorting for SortableTable, kept apart from the component so it can be tested directly.

export type SortDirection = 'ascending' | 'descending';
export type SortValue = string | number | bigint | null | undefined;

export interface Column<T> {
  key: string;
  label: string;
  /** Right-aligned with tabular figures (amounts, values). */
  numeric?: boolean;
  /** Default true. */
  sortable?: boolean;
  /** What to sort by; defaults to row[key]. Return a bigint for base-unit amounts. */
  sortValue?: (row: T) => SortValue;
}

export interface SortState {
  key: string;
  direction: SortDirection;
}

function valueOf<T>(row: T, column: Column<T>): SortValue {
  if (column.sortValue) return column.sortValue(row);
  const v = (row as Record<string, unknown>)[column.key];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? v : null;
}

function compare(a: SortValue, b: SortValue): number {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
  // Mixed number/bigint compare exactly with < and >; strings vs numbers fall back to text.
  if (typeof a !== 'string' && typeof b !== 'string') return a! < b! ? -1 : a! > b! ? 1 : 0;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

/** A sorted copy. Missing values (null/undefined) always go last, whatever the direction; ties keep their order. */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState | null): T[] {
  const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
  if (!sort || !column) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row, column) }))
    .sort((x, y) => {
      const xMissing = x.value === null || x.value === undefined;
      const yMissing = y.value === null || y.value === undefined;
      if (xMissing || yMissing) return xMissing === yMissing ? x.index - y.index : xMissing ? 1 : -1;
      return sign * compare(x.value, y.value) || x.index - y.index;
    })
    .map((x) => x.row);
}

/** Clicking a header: a new column starts with `first` (descending for numbers: biggest first); the same one flips. */
export function nextSort<T>(current: SortState | null, column: Column<T>): SortState {
  if (current?.key === column.key) {
    return { key: column.key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key: column.key, direction: column.numeric ? 'descending' : 'ascending' };
}
