// Display and input formatting. Money is integers in base units end to end: every amount here
// is a BigInt, never a float, so what the person sees is exactly what gets signed.
// Output is deliberately locale-independent ("1,234.5"): the same digits in every screenshot,
// bug report and on every machine.

/** 2^256 - 1: the largest value an EVM uint256 (and so any token amount) can hold. */
export const MAX_UINT256 = (1n << 256n) - 1n;

export interface FormatUnitsOptions {
  /** Fraction digits to keep (rounded half-up). Default 6. Use `decimals` for the exact value. */
  maxFraction?: number;
}

/** Accepts a bigint or a decimal integer string (as the backend sends base units). */
function toBigInt(raw: string | bigint, what: string): bigint {
  if (typeof raw === 'bigint') return raw;
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) throw new Error(`${what} must be a whole number of base units, got "${raw}".`);
  return BigInt(text);
}

function checkDigits(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new Error(`${what} must be an integer 0–255, got ${n}.`);
}

/** "1234567" -> "1,234,567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Base units -> human amount: `formatUnits("1234500000000000000000", 18)` is "1,234.5".
 * Exact BigInt math, thousands separators, trailing zeros trimmed, half-up rounding at
 * `maxFraction` (default 6); a non-zero value that would round to zero shows as "<0.000001"
 * so a dust balance never reads as empty.
 */
export function formatUnits(
  raw: string | bigint,
  decimals: number,
  opts: FormatUnitsOptions = {},
): string {
  checkDigits(decimals, 'decimals');
  const maxFraction = Math.min(opts.maxFraction ?? 6, decimals);
  checkDigits(maxFraction, 'maxFraction');

  const value = toBigInt(raw, 'Amount');
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const sign = negative ? '-' : '';

  // Round half-up (away from zero) to maxFraction digits: work in units of 10^(decimals-maxFraction).
  const drop = 10n ** BigInt(decimals - maxFraction);
  let scaled = abs / drop;
  if (drop > 1n && (abs % drop) * 2n >= drop) scaled += 1n;

  if (scaled === 0n && abs !== 0n) {
    const smallest = maxFraction === 0 ? '1' : `0.${'0'.repeat(maxFraction - 1)}1`;
    return `${sign}<${smallest}`;
  }

  const unit = 10n ** BigInt(maxFraction);
  const whole = groupThousands((scaled / unit).toString());
  const fraction = maxFraction === 0 ? '' : (scaled % unit).toString().padStart(maxFraction, '0').replace(/0+$/, '');
  return `${scaled === 0n ? '' : sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Human amount -> base units: `parseUnits("1.5", 18)` is 1500000000000000000n.
 * Throws an Error whose message is written for the person typing the amount. `symbol`
 * (e.g. "ETH") makes the decimals message concrete.
 */
export function parseUnits(text: string, decimals: number, symbol?: string): bigint {
  checkDigits(decimals, 'decimals');
  const input = text.trim();
  if (input === '') throw new Error('Enter an amount.');
  if (/^-/.test(input)) throw new Error('The amount can’t be negative.');
  // Commas are refused, not guessed: "1,500" is 1500 to some people and 1.5 to others.
  if (input.includes(',')) throw new Error('Use digits and a “.” for decimals, without commas (e.g. 1234.5).');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(input);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    throw new Error(`“${input}” is not a number. Use digits and an optional “.”, e.g. 0.25.`);
  }

  const whole = match[1] || '0';
  // Trailing zeros carry no value, so "1.500" is fine even for a 1-decimal token.
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) {
    const who = symbol ? symbol : 'This token';
    const has = decimals === 0 ? 'has no decimals' : `has ${decimals} decimal${decimals === 1 ? '' : 's'}`;
    throw new Error(`${who} ${has}; ${input} has ${fraction.length}.`);
  }

  const value = BigInt(whole + fraction.padEnd(decimals, '0'));
  if (value > MAX_UINT256) {
    throw new Error(`That amount is too large: no ${symbol ?? 'token'} amount can exceed 2²⁵⁶ − 1 base units.`);
  }
  return value;
}

/**
 * USD with 8 decimals (Chainlink answers) -> "$1,234.57". Half-up to cents; a non-zero value
 * under a cent is "<$0.01"; null (no price known) is "—", never "$0.00".
 */
export function formatUsd(raw: string | bigint | null): string {
  if (raw === null) return '—';
  const value = toBigInt(raw, 'USD value');
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const perCent = 10n ** 6n; // 8 decimals -> 2
  let cents = abs / perCent;
  if ((abs % perCent) * 2n >= perCent) cents += 1n;
  if (cents === 0n && abs !== 0n) return negative ? '-<$0.01' : '<$0.01';
  const text = `$${groupThousands((cents / 100n).toString())}.${(cents % 100n).toString().padStart(2, '0')}`;
  return negative && cents !== 0n ? `-${text}` : text;
}

/**
 * Wei -> "12.35 gwei" / "0.00123 gwei". At or above 1 gwei two fraction digits are plenty;
 * below it (L2 fees) three significant digits, down to 1 wei (0.000000001 gwei).
 */
export function formatGwei(wei: string | bigint): string {
  const value = toBigInt(wei, 'Gas price');
  const abs = value < 0n ? -value : value;
  let maxFraction = 2;
  if (abs > 0n && abs < 1_000_000_000n) {
    const leadingZeros = 9 - abs.toString().length; // zeros right after the decimal point
    maxFraction = Math.min(9, leadingZeros + 3);
  }
  return `${formatUnits(value, 9, { maxFraction })} gwei`;
}

/** "0x1234567890abcdef…" -> "0x1234…abcd"; anything too short to shorten comes back as is. */
export function shortAddress(addr: string): string {
  if (addr.length <= 12) return addr;
  return `${addr.slice(0, 6)}…${addr.slice(-4)}`;
}

/** 0x followed by exactly 40 hex digits. A shape check only: the backend validates checksums. */
export function looksLikeAddress(text: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(text);
}

export interface TimestampOptions {
  /** Format in UTC instead of the machine's time zone (tests, logs). */
  utc?: boolean;
}

/** Unix seconds -> "2026-11-24 14:03" in local time: sortable, unambiguous, no locale surprises. */
export function formatTimestamp(time: number | bigint | string, opts: TimestampOptions = {}): string {
  // Views carry RFC 3339 text; plain numbers are unix seconds.
  const date = typeof time === 'string' ? new Date(time) : new Date(Number(time) * 1000);
  if (Number.isNaN(date.getTime())) return '—';
  const pad = (n: number) => n.toString().padStart(2, '0');
  const [y, mo, d, h, mi] = opts.utc
    ? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()]
    : [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()];
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}`;
}
