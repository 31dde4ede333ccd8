// Flows 1 and 5: create a wallet (the phrase shown once, three words confirmed) and see
// its account; lock, a wrong password changes nothing, unlock. Also: the settings screen
// shows where the data and the log are, and no command result leaks the new phrase.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cleanup, cli, openApp, screenshot, startDevnet, startDriver, tempDir, withFailureScreenshot } from './harness.mjs';
import { PASSWORD, assertNoSecrets, choosePassword, click, fill, shown, tid, until } from './ui.mjs';

after(cleanup);

test('create a wallet, confirm three words, see the account; lock, wrong password, unlock', { timeout: 240_000 }, async () => {
  const [devnet, driver] = await Promise.all([startDevnet(), startDriver()]);
  const app = await openApp(driver, { devnetDir: devnet.dir });
  const b = app.browser;
  let phrase = '';
  await withFailureScreenshot(b, 'onboarding', async () => {
    await shown(b, tid('onboard-create'));
    await screenshot(b, 'onboarding-welcome');
    await click(b, tid('onboard-create'));
    await choosePassword(b);
    await click(b, tid('create-continue'));

    // The phrase, shown once: twelve words in order.
    const words = await until(
      b,
      async () => {
        const els = await b.$$(tid('phrase-word'));
        if (els.length !== 12) return null;
        const out = [];
        for (const el of els) {
          const index = Number(await el.getAttribute('data-index'));
          const word = /([a-z]+)\s*$/.exec((await el.getText()).trim())?.[1];
          out.push([index, word]);
        }
        return out.every(([, w]) => w) ? out.sort((x, y) => x[0] - y[0]).map(([, w]) => w) : null;
      },
      'the twelve words',
    );
    phrase = words.join(' ');
    await screenshot(b, 'onboarding-phrase');
    await click(b, tid('phrase-continue'));

    // Three words confirmed; a wrong one first is refused in plain words.
    const inputs = await b.$$(tid('confirm-word'));
    assert.equal(inputs.length, 3);
    const positions = [];
    for (const input of inputs) positions.push(Number(await input.getAttribute('data-position')));
    await inputs[0].setValue(words[positions[0] - 1] === 'zoo' ? 'abandon' : 'zoo');
    await inputs[1].setValue(words[positions[1] - 1]);
    await inputs[2].setValue(words[positions[2] - 1]);
    await click(b, tid('confirm-finish'));
    const error = await shown(b, tid('form-error'));
    assert.match(await error.getText(), new RegExp(`#${positions[0]}`));
    await inputs[0].setValue(words[positions[0] - 1]);
    await click(b, tid('confirm-finish'));
    await shown(b, tid('portfolio'), 60_000);

    // The portfolio shows the account the phrase derives (BIP44 #0), as the CLI derives it.
    const cliDir = tempDir('switchyard-e2e-cli-');
    await cli(['wallet', 'init', '--import'], { dataDir: cliDir, input: `${phrase}\n`, env: { SWITCHYARD_PASSWORD: PASSWORD } });
    const [expected] = await cli(['account', 'list'], { dataDir: cliDir });
    const rows = await until(b, async () => {
      const r = await b.$$(tid('account-row'));
      return r.length ? r : null;
    }, 'the account row');
    assert.equal(rows.length, 1);
    assert.equal(await rows[0].getAttribute('data-address'), expected.address);
    await until(b, async () => (await b.$$(tid('holding-row'))).length > 0, 'balances');
    await screenshot(b, 'portfolio-new-wallet');

    // Lock; a wrong password is an error and changes nothing; the right one unlocks.
    await click(b, tid('lock'));
    await shown(b, tid('lock-screen'));
    await fill(b, tid('unlock-password'), 'not-the-password');
    await click(b, tid('unlock-submit'));
    const unlockError = await shown(b, tid('unlock-error'));
    assert.match(await unlockError.getText(), /password/i);
    assert.ok(await (await b.$(tid('lock-screen'))).isDisplayed(), 'still locked');
    assert.equal(await (await b.$(tid('portfolio'))).isExisting(), false, 'nothing behind the lock');
    await screenshot(b, 'lock-wrong-password');
    await fill(b, tid('unlock-password'), PASSWORD);
    await click(b, tid('unlock-submit'));
    await shown(b, tid('portfolio'));
    const after = await until(b, async () => {
      const r = await b.$$(tid('account-row'));
      return r.length ? r : null;
    }, 'the account row after unlocking');
    assert.equal(after.length, 1);
    assert.equal(await after[0].getAttribute('data-address'), expected.address);

    // Settings: where the data and the log are; the log file exists there.
    await click(b, tid('nav-settings'));
    await shown(b, tid('settings'));
    const dataDir = (await (await shown(b, tid('data-dir'))).getText()).trim();
    const logFile = (await (await shown(b, tid('log-file'))).getText()).trim();
    assert.ok(dataDir.includes(app.dataDir), `${dataDir} is the app's data dir`);
    assert.ok(logFile.startsWith(app.dataDir), `${logFile} is in the data dir`);
    assert.ok(existsSync(logFile) && readFileSync(logFile, 'utf8').includes('starting'), 'the log file is written');
    await screenshot(b, 'settings');
  });
  await app.close();

  // Every command result of the run: the new phrase only in the explicit reveal.
  const records = driver.readIpc();
  assert.ok(
    records.some((r) => r.command === 'wallet_reveal_phrase' && JSON.stringify(r).includes(phrase.split(' ')[11])),
    'the reveal was recorded (the recorder sees results)',
  );
  assertNoSecrets(records, [phrase]);
});
