// What the Sign screen checks before asking the core to sign: the shape only. The core parses
// the message bytes and the typed data again and explains what it refuses.

/** A message (`personal_sign`) or EIP-712 typed data (`eth_signTypedData_v4` JSON). */
export type SignMode = 'message' | 'typed_data';

export const SIGN_MODES: readonly SignMode[] = ['message', 'typed_data'];

export const SIGN_MODE_LABELS: Readonly<Record<SignMode, string>> = {
  message: 'Message',
  typed_data: 'Typed data (EIP-712 JSON)',
};

/** Why the text can't be signed as `mode`, or null when its shape is fine. */
export function signInputProblem(mode: SignMode, text: string, hex: boolean): string | null {
  if (mode === 'message') {
    if (text === '') return 'Type the message to sign.';
    // As the core reads hex (0x optional, surrounding spaces ignored): whole bytes only.
    if (hex && !/^(0x)?([0-9a-fA-F]{2})*$/.test(text.trim())) {
      return 'Hex bytes are 0x followed by pairs of hexadecimal digits (0–9, a–f).';
    }
    return null;
  }
  if (text.trim() === '') return 'Paste the typed data to sign.';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'This is not valid JSON. Paste the typed data exactly as the app asking for it gave it.';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'Typed data is a JSON object with types, primaryType, domain and message.';
  }
  return null;
}
