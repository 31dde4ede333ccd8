// UI steps shared by the end-to-end flows: find by data-testid, fill forms, onboard,
// and the secret check over the recorded command results.
import assert from 'node:assert/strict';

/** The anvil test phrase and its first two accounts (devnet only, never real funds). */
export const ANVIL_PHRASE = 'test test test test test test test test test test test junk';
export const ANVIL_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
export const ANVIL_0_KEY = 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const ANVIL_1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
export const PASSWORD = 'correct-horse-battery';
/** The devnet's chains (docs/devnet.md). */
export const DEVNET_CHAINS = { l1: 900, 'op-a': 901, 'op-b': 902, arb: 412346 };

/** `[data-testid="id"]`, with optional extra attribute selectors. */
export const tid = (id, extra = '') => `[data-testid="${id}"]${extra}`;

/** Waits for an element to be displayed and returns it. */
export async function shown(browser, selector, timeout = 20_000) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout, timeoutMsg: `${selector} was not shown within ${timeout} ms` });
  return el;
}

/**
 * Clicks an element once it is displayed and enabled. A click a transient notice (toast)
 * intercepts is retried until the notice is gone, as a person would wait for it.
 */
export async function click(browser, selector, timeout = 20_000) {
  const el = await shown(browser, selector, timeout);
  await el.waitForEnabled({ timeout });
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await el.click();
      return el;
    } catch (e) {
      if (!/intercepted/i.test(String(e)) || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * Replaces an input's value and checks it took: a screen that moves focus while it
 * settles (onboarding steps focus their heading) can steal keystrokes from a fast robot.
 */
export async function fill(browser, selector, value) {
  const el = await shown(browser, selector);
  for (let attempt = 0; ; attempt++) {
    await el.setValue(value);
    if ((await el.getValue()) === value) return el;
    if (attempt === 4) throw new Error(`${selector} did not take the value typed into it`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until `fn` returns a truthy value (polled) and returns it. */
export async function until(browser, fn, what, timeout = 30_000) {
  let value;
  await browser.waitUntil(
    async () => {
      value = await fn();
      return Boolean(value);
    },
    { timeout, interval: 250, timeoutMsg: `timed out waiting for ${what}` },
  );
  return value;
}

/** The new wallet's password step: password twice, then continue. */
export async function choosePassword(browser, password = PASSWORD) {
  for (let attempt = 0; ; attempt++) {
    await fill(browser, tid('password'), password);
    await fill(browser, tid('password-confirm'), password);
    if ((await (await browser.$(tid('password'))).getValue()) === password) break;
    if (attempt === 3) throw new Error('the password fields did not keep what was typed');
  }
  await click(browser, tid('password-submit'));
}

/** Onboards by importing a recovery phrase; returns when the portfolio is shown. */
export async function importPhrase(browser, phrase = ANVIL_PHRASE) {
  await click(browser, tid('onboard-import-phrase'));
  await choosePassword(browser);
  await fill(browser, tid('phrase-input'), phrase);
  await click(browser, tid('import-submit'));
  await shown(browser, tid('portfolio'), 60_000);
}

/** The holding rows as plain objects. */
export async function holdings(browser) {
  const rows = await browser.$$(tid('holding-row'));
  const out = [];
  for (const row of rows) {
    out.push({
      account: await row.getAttribute('data-account'),
      chainId: Number(await row.getAttribute('data-chain-id')),
      symbol: await row.getAttribute('data-symbol'),
      amount: BigInt((await row.getAttribute('data-amount')) || '0'),
    });
  }
  return out;
}

/** A JSON-RPC call to a devnet chain. */
export async function rpc(url, method, params = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/**
 * No recorded command result contains any of `secrets`, except results of the commands in
 * `allowedIn` (the explicit reveal). `secrets` are compared case-insensitively, and a
 * phrase also word-by-word in order (a list of words must not leak either).
 */
export function assertNoSecrets(records, secrets, allowedIn = ['wallet_reveal_phrase']) {
  assert.ok(records.length > 0, 'the app recorded no command results');
  for (const record of records) {
    if (allowedIn.includes(record.command)) continue;
    const text = JSON.stringify(record).toLowerCase();
    const compact = text.replace(/[^a-z0-9]+/g, ' ');
    for (const secret of secrets) {
      const s = secret.toLowerCase();
      const words = s.replace(/[^a-z0-9]+/g, ' ').trim();
      assert.ok(
        !text.includes(s) && !compact.includes(words),
        `the result of ${record.command} contains a secret`,
      );
    }
  }
}
