import { describe, expect, it } from 'vitest';
import {
  charCount,
  confirmProblem,
  confirmWordProblem,
  keystoreProblem,
  normalizePhrase,
  normalizeWord,
  passwordProblem,
  phraseProblem,
  phraseWords,
  privateKeyProblem,
  watchAddressProblem,
} from './onboarding';

const TWELVE = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

describe('password policy', () => {
  it('asks for at least 8 characters, counted as a person counts them', () => {
    expect(passwordProblem('')).toBe('Choose a password.');
    expect(passwordProblem('1234567')).toBe('Too short (7 characters): use at least 8.');
    expect(passwordProblem('a')).toBe('Too short (1 character): use at least 8.');
    expect(passwordProblem('12345678')).toBeNull();
    // 7 emoji are 14 UTF-16 units but 7 characters, as the backend counts them.
    expect(charCount('😀'.repeat(7))).toBe(7);
    expect(passwordProblem('😀'.repeat(7))).toMatch(/Too short \(7 characters\)/);
    expect(passwordProblem('😀'.repeat(8))).toBeNull();
  });

  it('refuses only spaces and overly long passwords', () => {
    expect(passwordProblem(' '.repeat(8))).toBe('The password cannot be only spaces.');
    expect(passwordProblem('x'.repeat(1024))).toBeNull();
    expect(passwordProblem('x'.repeat(1025))).toBe('Too long: use at most 1024 characters.');
  });

  it('needs the same password twice', () => {
    expect(confirmProblem('correct horse', '')).toBe('Type the password again.');
    expect(confirmProblem('correct horse', 'correct hors')).toMatch(/different/);
    expect(confirmProblem('correct horse', 'Correct horse')).toMatch(/different/);
    expect(confirmProblem('correct horse', 'correct horse')).toBeNull();
  });
});

describe('typed-back words', () => {
  it('normalizes as the backend compares (trim, lower case)', () => {
    expect(normalizeWord('  Abandon ')).toBe('abandon');
    expect(normalizeWord('ZOO')).toBe('zoo');
  });

  it('explains what cannot be a word', () => {
    expect(confirmWordProblem('   ')).toBe('Type this word.');
    expect(confirmWordProblem('abandon ability')).toBe('Type one word in each box.');
    expect(confirmWordProblem('5.')).toMatch(/letters only/);
    expect(confirmWordProblem(' Zoo ')).toBeNull();
  });
});

describe('recovery phrase', () => {
  it('normalizes spacing, case, commas and list numbering', () => {
    expect(normalizePhrase(`  ${TWELVE.toUpperCase()}\n`)).toBe(TWELVE);
    expect(normalizePhrase('abandon,ability\table\n\nabout')).toBe('abandon ability able about');
    expect(normalizePhrase('1. abandon 2. ability 3) able 4: about')).toBe('abandon ability able about');
    expect(phraseWords('   ')).toEqual([]);
  });

  it('checks the word count and characters', () => {
    expect(phraseProblem('')).toBe('Enter your recovery phrase.');
    expect(phraseProblem(TWELVE)).toBeNull();
    expect(phraseProblem(`${TWELVE} ${TWELVE}`)).toBeNull();
    expect(phraseProblem('abandon ability able')).toBe('That is 3 words; a recovery phrase has 12, 15, 18, 21 or 24.');
    expect(phraseProblem(TWELVE.replace('able', 'ab1e'))).toMatch(/“ab1e” is not a recovery-phrase word/);
  });
});

describe('private key', () => {
  const KEY = 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

  it('accepts 64 hex digits with or without 0x', () => {
    expect(privateKeyProblem(KEY)).toBeNull();
    expect(privateKeyProblem(`0x${KEY}`)).toBeNull();
    expect(privateKeyProblem(`  0X${KEY.toUpperCase()}  `)).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(privateKeyProblem('')).toBe('Enter the private key.');
    expect(privateKeyProblem(KEY.slice(1))).toBe('A private key is 64 hexadecimal characters; this one has 63.');
    expect(privateKeyProblem(`${KEY.slice(1)}g`)).toMatch(/only the characters 0–9 and a–f/);
    expect(privateKeyProblem('0'.repeat(64))).toMatch(/all zeros/);
    // A phrase pasted into the key field.
    expect(privateKeyProblem(TWELVE)).toMatch(/only the characters/);
  });
});

describe('keystore file', () => {
  it('accepts JSON with a crypto section (either case)', () => {
    expect(keystoreProblem(JSON.stringify({ version: 3, crypto: { cipher: 'aes-128-ctr' } }))).toBeNull();
    expect(keystoreProblem(JSON.stringify({ version: 3, Crypto: { cipher: 'aes-128-ctr' } }))).toBeNull();
  });

  it('refuses other files', () => {
    expect(keystoreProblem('')).toBe('Choose your keystore file.');
    expect(keystoreProblem('not json')).toMatch(/not JSON/);
    expect(keystoreProblem('[1,2]')).toMatch(/not a keystore/);
    expect(keystoreProblem('{"version":3}')).toMatch(/no “crypto” section/);
  });
});

describe('address to watch', () => {
  it('needs 0x and 40 hex digits', () => {
    expect(watchAddressProblem('')).toBe('Enter the address to watch.');
    expect(watchAddressProblem('0x1234')).toMatch(/0x followed by 40/);
    expect(watchAddressProblem(' 0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045 ')).toBeNull();
  });
});
