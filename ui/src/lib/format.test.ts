import { describe, expect, it } from 'vitest';
import {
  MAX_UINT256,
  formatGwei,
  formatTimestamp,
  formatUnits,
  formatUsd,
  looksLikeAddress,
  parseUnits,
  shortAddress,
} from './format';

const ETH = 10n ** 18n;

describe('formatUnits', () => {
  it('formats whole and fractional 18-decimal amounts exactly', () => {
    expect(formatUnits('0', 18)).toBe('0');
    expect(formatUnits(ETH, 18)).toBe('1');
    expect(formatUnits('1500000000000000000', 18)).toBe('1.5');
    expect(formatUnits('1234500000000000000000', 18)).toBe('1,234.5');
    expect(formatUnits('123456000000000000', 18)).toBe('0.123456');
  });

  it('formats 6-decimal (USDC-style) amounts', () => {
    expect(formatUnits('1', 6)).toBe('0.000001');
    expect(formatUnits('1000000', 6)).toBe('1');
    expect(formatUnits('1234567890', 6)).toBe('1,234.56789');
    expect(formatUnits('999999999999', 6)).toBe('999,999.999999');
  });

  it('formats 0-decimal amounts and groups thousands', () => {
    expect(formatUnits('1234567', 0)).toBe('1,234,567');
    expect(formatUnits('999', 0)).toBe('999');
    expect(formatUnits('1000', 0)).toBe('1,000');
  });

  it('trims trailing zeros', () => {
    expect(formatUnits('1100000000000000000', 18)).toBe('1.1');
    expect(formatUnits('10000000000000000000', 18)).toBe('10');
  });

  it('rounds half-up at maxFraction (default 6)', () => {
    expect(formatUnits('1234567500000000000', 18)).toBe('1.234568'); // exactly half: up
    expect(formatUnits('1234567499999999999', 18)).toBe('1.234567'); // just under half: down
    expect(formatUnits('1234567000000000001', 18)).toBe('1.234567');
    expect(formatUnits('1999999500000000000', 18)).toBe('2'); // carries into the whole part
    expect(formatUnits('999999999500000000000', 18)).toBe('1,000');
  });

  it('honours maxFraction', () => {
    expect(formatUnits('1234567890123456789', 18, { maxFraction: 2 })).toBe('1.23');
    expect(formatUnits('1235000000000000000', 18, { maxFraction: 2 })).toBe('1.24');
    expect(formatUnits('1500000000000000000', 18, { maxFraction: 0 })).toBe('2');
    expect(formatUnits('1234567890123456789', 18, { maxFraction: 18 })).toBe('1.234567890123456789');
    // More than the token has is the same as exact.
    expect(formatUnits('1234567', 6, { maxFraction: 10 })).toBe('1.234567');
  });

  it('shows a floor marker for tiny non-zero amounts instead of 0', () => {
    expect(formatUnits('1', 18)).toBe('<0.000001');
    expect(formatUnits('499999999999', 18)).toBe('<0.000001');
    expect(formatUnits('500000000000', 18)).toBe('0.000001'); // rounds up to the smallest step
    expect(formatUnits('1', 18, { maxFraction: 2 })).toBe('<0.01');
    expect(formatUnits('1', 18, { maxFraction: 0 })).toBe('<1');
  });

  it('handles huge values without losing precision', () => {
    expect(formatUnits(MAX_UINT256, 0)).toBe(
      '115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457,584,007,913,129,639,935',
    );
    expect(formatUnits(MAX_UINT256, 18, { maxFraction: 18 })).toBe(
      '115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457.584007913129639935',
    );
    expect(formatUnits(MAX_UINT256, 18)).toBe(
      '115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457.584008',
    );
    // 2^53 + 1 would be 9007199254740992 as a float.
    expect(formatUnits('9007199254740993', 0)).toBe('9,007,199,254,740,993');
  });

  it('formats negative amounts (balance changes)', () => {
    expect(formatUnits('-1500000000000000000', 18)).toBe('-1.5');
    expect(formatUnits(-1n, 18)).toBe('-<0.000001');
    expect(formatUnits('-1234567500000000000', 18)).toBe('-1.234568'); // half away from zero
  });

  it('accepts bigint and string inputs alike', () => {
    expect(formatUnits(1234n, 2)).toBe(formatUnits('1234', 2));
    expect(formatUnits(' 42 ', 0)).toBe('42');
  });

  it('rejects anything but whole base units', () => {
    expect(() => formatUnits('1.5', 18)).toThrow('Amount must be a whole number of base units, got "1.5".');
    expect(() => formatUnits('', 18)).toThrow(/whole number/);
    expect(() => formatUnits('0x10', 18)).toThrow(/whole number/);
    expect(() => formatUnits('1e18', 18)).toThrow(/whole number/);
    expect(() => formatUnits('1', -1)).toThrow('decimals must be an integer 0–255, got -1.');
    expect(() => formatUnits('1', 1.5)).toThrow(/decimals/);
  });
});

describe('parseUnits', () => {
  it('parses whole and fractional amounts', () => {
    expect(parseUnits('1', 18)).toBe(ETH);
    expect(parseUnits('1.5', 18)).toBe(1_500_000_000_000_000_000n);
    expect(parseUnits('0.000000000000000001', 18)).toBe(1n);
    expect(parseUnits('1234.56789', 6)).toBe(1_234_567_890n);
    expect(parseUnits('42', 0)).toBe(42n);
    expect(parseUnits('0', 18)).toBe(0n);
  });

  it('is forgiving about harmless forms', () => {
    expect(parseUnits('  2.5  ', 18)).toBe(2_500_000_000_000_000_000n);
    expect(parseUnits('.5', 18)).toBe(500_000_000_000_000_000n);
    expect(parseUnits('5.', 18)).toBe(5n * ETH);
    expect(parseUnits('007', 0)).toBe(7n);
    // Trailing zeros carry no value, even past the token's decimals.
    expect(parseUnits('1.50000000', 6)).toBe(1_500_000n);
    expect(parseUnits('3.0', 0)).toBe(3n);
  });

  it('rejects empty input', () => {
    expect(() => parseUnits('', 18)).toThrow('Enter an amount.');
    expect(() => parseUnits('   ', 18)).toThrow('Enter an amount.');
  });

  it('rejects things that are not numbers', () => {
    for (const text of ['abc', '.', '1.2.3', '1e18', '0x10', '+1', '1 000', 'Infinity', 'NaN', '١']) {
      expect(() => parseUnits(text, 18), text).toThrow(/is not a number/);
    }
    expect(() => parseUnits('abc', 18)).toThrow('“abc” is not a number. Use digits and an optional “.”, e.g. 0.25.');
  });

  it('refuses commas rather than guessing what they mean', () => {
    expect(() => parseUnits('1,5', 18)).toThrow('Use digits and a “.” for decimals, without commas (e.g. 1234.5).');
    expect(() => parseUnits('1,234.5', 18)).toThrow(/without commas/);
  });

  it('rejects negative amounts', () => {
    expect(() => parseUnits('-1', 18)).toThrow('The amount can’t be negative.');
    expect(() => parseUnits(' -0.5', 18)).toThrow(/negative/);
  });

  it('rejects more decimals than the token has, naming the token', () => {
    expect(() => parseUnits('0.0000000000000000001', 18, 'ETH')).toThrow(
      'ETH has 18 decimals; 0.0000000000000000001 has 19.',
    );
    expect(() => parseUnits('1.2345678', 6, 'USDC')).toThrow('USDC has 6 decimals; 1.2345678 has 7.');
    expect(() => parseUnits('1.23', 1, 'XYZ')).toThrow('XYZ has 1 decimal; 1.23 has 2.');
    expect(() => parseUnits('1.5', 0, 'NFT')).toThrow('NFT has no decimals; 1.5 has 1.');
    expect(() => parseUnits('1.2345678', 6)).toThrow('This token has 6 decimals; 1.2345678 has 7.');
  });

  it('rejects amounts above 2^256 - 1', () => {
    expect(parseUnits(MAX_UINT256.toString(), 0)).toBe(MAX_UINT256);
    expect(() => parseUnits((MAX_UINT256 + 1n).toString(), 0)).toThrow(
      'That amount is too large: no token amount can exceed 2²⁵⁶ − 1 base units.',
    );
    expect(() => parseUnits('1' + '0'.repeat(60), 18, 'ETH')).toThrow(/no ETH amount can exceed/);
  });

  it('round-trips with formatUnits at full precision', () => {
    const cases: [string, number][] = [
      ['0', 18],
      ['1', 18],
      ['123456789012345678901234567890', 18],
      ['1', 6],
      ['999999', 6],
      ['1000000', 6],
      ['42', 0],
      [MAX_UINT256.toString(), 18],
      [MAX_UINT256.toString(), 0],
    ];
    for (const [raw, decimals] of cases) {
      const text = formatUnits(raw, decimals, { maxFraction: decimals }).replaceAll(',', '');
      expect(parseUnits(text, decimals).toString(), `${raw}/${decimals}`).toBe(raw);
    }
  });

  it('round-trips parse -> format', () => {
    for (const text of ['0.1', '1.000001', '123.456', '0.000000000000000001', '1000000']) {
      expect(formatUnits(parseUnits(text, 18), 18, { maxFraction: 18 }).replaceAll(',', '')).toBe(text);
    }
  });
});

describe('formatUsd', () => {
  it('formats 8-decimal USD values to cents', () => {
    expect(formatUsd('123456700000')).toBe('$1,234.57'); // 1234.567 -> half-up
    expect(formatUsd('123456400000')).toBe('$1,234.56');
    expect(formatUsd('100000000')).toBe('$1.00');
    expect(formatUsd(0n)).toBe('$0.00');
    expect(formatUsd('1500000')).toBe('$0.02'); // 0.015 rounds up
    expect(formatUsd('100000000000000000')).toBe('$1,000,000,000.00');
  });

  it('shows <$0.01 for tiny non-zero values', () => {
    expect(formatUsd('1')).toBe('<$0.01');
    expect(formatUsd('499999')).toBe('<$0.01');
    expect(formatUsd('500000')).toBe('$0.01');
  });

  it('shows a dash when the price is unknown', () => {
    expect(formatUsd(null)).toBe('—');
  });

  it('formats negative values', () => {
    expect(formatUsd('-123456700000')).toBe('-$1,234.57');
    expect(formatUsd('-1')).toBe('-<$0.01');
  });

  it('rejects non-integers', () => {
    expect(() => formatUsd('1.5')).toThrow(/USD value must be a whole number/);
  });
});

describe('formatGwei', () => {
  it('uses two fraction digits at or above 1 gwei', () => {
    expect(formatGwei('1000000000')).toBe('1 gwei');
    expect(formatGwei('12345678901')).toBe('12.35 gwei');
    expect(formatGwei(1_500_000_000_000n)).toBe('1,500 gwei');
  });

  it('keeps three significant digits below 1 gwei (L2 fees)', () => {
    expect(formatGwei('123456789')).toBe('0.123 gwei');
    expect(formatGwei('1234567')).toBe('0.00123 gwei');
    expect(formatGwei('252')).toBe('0.000000252 gwei');
    expect(formatGwei('1')).toBe('0.000000001 gwei');
    expect(formatGwei('999999999')).toBe('1 gwei'); // rounds up cleanly
  });

  it('formats zero', () => {
    expect(formatGwei('0')).toBe('0 gwei');
  });
});

describe('addresses', () => {
  const addr = '0x52908400098527886E0F7030069857D2E4169EE7';

  it('shortens to 0x1234…abcd', () => {
    expect(shortAddress(addr)).toBe('0x5290…9EE7');
    expect(shortAddress('0x1234')).toBe('0x1234');
  });

  it('checks the 0x + 40 hex shape', () => {
    expect(looksLikeAddress(addr)).toBe(true);
    expect(looksLikeAddress(addr.toLowerCase())).toBe(true);
    expect(looksLikeAddress(addr.slice(0, -1))).toBe(false);
    expect(looksLikeAddress(`${addr}0`)).toBe(false);
    expect(looksLikeAddress(addr.slice(2))).toBe(false);
    expect(looksLikeAddress(`0x${'g'.repeat(40)}`)).toBe(false);
    expect(looksLikeAddress(` ${addr}`)).toBe(false);
    expect(looksLikeAddress('vitalik.eth')).toBe(false);
  });
});

describe('formatTimestamp', () => {
  it('formats in UTC when asked', () => {
    expect(formatTimestamp(1795528980, { utc: true })).toBe('2026-11-24 14:03');
    expect(formatTimestamp(0n, { utc: true })).toBe('1970-01-01 00:00');
    // Views carry RFC 3339 text.
    expect(formatTimestamp('2026-11-24T14:03:00Z', { utc: true })).toBe('2026-11-24 14:03');
    expect(formatTimestamp('not a time')).toBe('—');
  });

  it('formats in local time by default', () => {
    const d = new Date(1795528980 * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const expected = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    expect(formatTimestamp(1795528980)).toBe(expected);
  });

  it('shows a dash for nonsense', () => {
    expect(formatTimestamp(Number.NaN)).toBe('—');
  });
});
