import { describe, expect, it } from 'vitest';
import { SCHEME_OPTIONS, schemeForAdd } from './hardware';

describe('schemeForAdd', () => {
  it('records the chosen scheme when the row has it', () => {
    expect(schemeForAdd('live', { schemes: ['bip44', 'live'] })).toBe('live');
  });

  it("falls back to the row's only scheme", () => {
    expect(schemeForAdd(null, { schemes: ['legacy'] })).toBe('legacy');
    expect(schemeForAdd('live', { schemes: ['legacy'] })).toBe('legacy');
  });

  it('records none when the row is shared and nothing was chosen', () => {
    expect(schemeForAdd(null, { schemes: ['bip44', 'live'] })).toBeNull();
    expect(schemeForAdd(null, { schemes: [] })).toBeNull();
  });
});

describe('SCHEME_OPTIONS', () => {
  it('offers every scheme after "All schemes", each with its path', () => {
    expect(SCHEME_OPTIONS.map((o) => o.value)).toEqual(['', 'live', 'bip44', 'legacy']);
    for (const o of SCHEME_OPTIONS) expect(o.hint).toMatch(/m\/44'\/60'/);
  });
});
