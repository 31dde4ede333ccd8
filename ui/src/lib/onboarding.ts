// Onboarding rules that need no backend: the password policy, and the shape of what a person
// types or pastes (recovery phrase, private key, keystore file, address), checked before
// anything is created so a typo never leaves a half-made wallet behind. The backend checks
// everything again (word list, checksums, key range); these only catch the obvious early.

import { looksLikeAddress } from './format';

/** The ways into a wallet offered on the welcome screen. */
export type OnboardPath = 'create' | 'import-phrase' | 'import-key' | 'import-keystore' | 'watch' | 'hardware';

/** Same policy as the vault (core/src/keys/password.rs): counted in Unicode characters. */
export const MIN_PASSWORD_CHARS = 8;
export const MAX_PASSWORD_CHARS = 1024;

export const PASSWORD_POLICY = `At least ${MIN_PASSWORD_CHARS} characters. A few unrelated words are easy to remember and hard to guess.`;

/** Word counts a BIP39 recovery phrase can have. */
export const PHRASE_LENGTHS: readonly number[] = [12, 15, 18, 21, 24];

/** Keystore files are a few hundred bytes; anything much larger is the wrong file. */
export const MAX_KEYSTORE_BYTES = 64 * 1024;

/** Characters as a person counts them (code points, so "é" or an emoji counts once). */
export function charCount(text: string): number {
  return [...text].length;
}

/** Why a new password is refused, or null when it meets the policy. */
export function passwordProblem(password: string): string | null {
  if (password === '') return 'Choose a password.';
  const n = charCount(password);
  if (n < MIN_PASSWORD_CHARS) {
    return `Too short (${n} character${n === 1 ? '' : 's'}): use at least ${MIN_PASSWORD_CHARS}.`;
  }
  if (n > MAX_PASSWORD_CHARS) return `Too long: use at most ${MAX_PASSWORD_CHARS} characters.`;
  if (password.trim() === '') return 'The password cannot be only spaces.';
  return null;
}

/** Why the repeated password is refused, or null when it matches. */
export function confirmProblem(password: string, confirm: string): string | null {
  if (confirm === '') return 'Type the password again.';
  if (confirm !== password) return 'The two passwords are different. Type the same password twice.';
  return null;
}

/** One typed-back word as the backend compares it: trimmed, lower case. */
export function normalizeWord(text: string): string {
  return text.trim().toLowerCase();
}

/** Why one typed-back word can't be right, or null when it looks like a word. */
export function confirmWordProblem(text: string): string | null {
  const word = normalizeWord(text);
  if (word === '') return 'Type this word.';
  if (/\s/.test(word)) return 'Type one word in each box.';
  if (!/^\p{L}+$/u.test(word)) return 'Recovery-phrase words are letters only.';
  return null;
}

/**
 * A pasted recovery phrase as one space-separated, lower-case line. Tolerates newlines, commas
 * and the numbering of a written-down list ("1. abandon 2. ability …").
 */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .split(/[\s,]+/u)
    .filter((token) => token !== '' && !/^\d+[.):]?$/.test(token))
    .join(' ');
}

export function phraseWords(text: string): string[] {
  const normalized = normalizePhrase(text);
  return normalized === '' ? [] : normalized.split(' ');
}

/** Why a recovery phrase can't be right, or null when its shape is fine. */
export function phraseProblem(text: string): string | null {
  const words = phraseWords(text);
  if (words.length === 0) return 'Enter your recovery phrase.';
  const odd = words.find((w) => !/^\p{L}+$/u.test(w));
  if (odd !== undefined) return `“${odd}” is not a recovery-phrase word: the words are letters only.`;
  if (!PHRASE_LENGTHS.includes(words.length)) {
    return `That is ${words.length} word${words.length === 1 ? '' : 's'}; a recovery phrase has 12, 15, 18, 21 or 24.`;
  }
  return null;
}

/** Why a private key can't be right, or null when its shape is fine (64 hex digits, 0x optional). */
export function privateKeyProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the private key.';
  const digits = trimmed.replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) {
    return 'A private key has only the characters 0–9 and a–f (after an optional 0x).';
  }
  if (digits.length !== 64) {
    return `A private key is 64 hexadecimal characters; this one has ${digits.length}.`;
  }
  if (/^0+$/.test(digits)) return 'That key is all zeros, which is not a valid key.';
  return null;
}

/** Why a file's text can't be a keystore (Web3 Secret Storage JSON), or null when it can. */
export function keystoreProblem(text: string): string | null {
  if (text.trim() === '') return 'Choose your keystore file.';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'This file is not JSON. A keystore file is a small .json file (often named UTC--…).';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'This file is not a keystore: it holds no key.';
  }
  const record = parsed as Record<string, unknown>;
  const crypto = record.crypto ?? record.Crypto;
  if (typeof crypto !== 'object' || crypto === null) {
    return 'This JSON file is not an Ethereum keystore: it has no “crypto” section.';
  }
  return null;
}

/** Why an address to watch can't be right, or null when its shape is fine. */
export function watchAddressProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the address to watch.';
  if (!looksLikeAddress(trimmed)) return 'An address is 0x followed by 40 characters 0–9 and a–f.';
  return null;
}
