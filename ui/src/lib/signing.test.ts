import { describe, expect, it } from 'vitest';
import { signInputProblem } from './signing';

describe('signInputProblem', () => {
  it('takes any non-empty text message as it is', () => {
    expect(signInputProblem('message', 'Hello', false)).toBeNull();
    expect(signInputProblem('message', ' ', false)).toBeNull();
    expect(signInputProblem('message', '', false)).toBe('Type the message to sign.');
  });

  it('takes hex messages of whole bytes, with or without 0x', () => {
    expect(signInputProblem('message', '0x48656c6c6f', true)).toBeNull();
    expect(signInputProblem('message', ' 48656C6C6F ', true)).toBeNull();
    expect(signInputProblem('message', '0x123', true)).toMatch(/pairs of hexadecimal digits/);
    expect(signInputProblem('message', 'Hello', true)).toMatch(/pairs of hexadecimal digits/);
  });

  it('takes typed data that is a JSON object', () => {
    expect(signInputProblem('typed_data', '{"types":{},"primaryType":"Mail","domain":{},"message":{}}', false)).toBeNull();
    expect(signInputProblem('typed_data', '  ', false)).toBe('Paste the typed data to sign.');
    expect(signInputProblem('typed_data', '{"types":', false)).toMatch(/not valid JSON/);
    expect(signInputProblem('typed_data', '[1, 2]', false)).toMatch(/JSON object/);
  });
});
