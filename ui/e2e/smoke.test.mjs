// Smoke test: the harness starts a devnet, the hardware-wallet simulator and
// tauri-driver, launches the app with its data and devnet directories, and the start
// screen shows the wallet's status.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appPids,
  bins,
  cleanup,
  cmdline,
  environ,
  openApp,
  screenshot,
  startDevnet,
  startDriver,
  startLedgerSimulator,
  withFailureScreenshot,
} from './harness.mjs';

after(cleanup);

test('the app starts and shows the wallet status', { timeout: 120_000 }, async () => {
  const [devnet, simulator, driver] = await Promise.all([startDevnet(), startLedgerSimulator(), startDriver()]);
  assert.match(devnet.rpc('l1'), /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(simulator.ledger, /^127\.0\.0\.1:\d+$/);

  const app = await openApp(driver, { devnetDir: devnet.dir });
  await withFailureScreenshot(app.browser, 'smoke', async (browser) => {
    // tauri-driver starts the app (in its process group) with the arguments given in
    // tauri:options and with tauri-driver's environment.
    const [pid] = appPids(driver);
    assert.ok(pid, 'the app runs in tauri-driver\'s process group');
    assert.deepEqual(cmdline(pid), [bins.desktop, ...app.args]);
    const env = environ(pid);
    assert.equal(env.SWITCHYARD_RECORD_IPC, driver.ipcLog);
    assert.equal(env.DISPLAY, process.env.DISPLAY);

    // Some text, once the "Opening the wallet…" placeholder has gone.
    const status = await browser.$('[data-testid="wallet-status"]');
    await status.waitForDisplayed({ timeout: 20_000 });
    let text = '';
    await browser.waitUntil(
      async () => {
        text = (await status.getText()).trim();
        return text.length > 0 && !text.endsWith('…');
      },
      { timeout: 20_000, timeoutMsg: 'wallet-status showed no settled text' },
    );
    await screenshot(browser, 'smoke-start-screen');
  });
  await app.close();
});
