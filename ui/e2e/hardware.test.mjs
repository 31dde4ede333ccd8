// Flow 6: with the Ledger simulator listening on a Speculos-compatible APDU port, start a
// wallet with a hardware account (discovered on the device, with balances), fund it, and
// send from it — signed by the simulated device, broadcast and included.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, cli, openApp, screenshot, startDevnet, startDriver, startLedgerSimulator, withFailureScreenshot } from './harness.mjs';
import { ANVIL_1, DEVNET_CHAINS, assertNoSecrets, choosePassword, click, fill, holdings, rpc, shown, tid, until } from './ui.mjs';

after(cleanup);

test('add a Ledger account (Speculos-TCP simulator) and send from it', { timeout: 240_000 }, async () => {
  const [devnet, simulator, driver] = await Promise.all([startDevnet(), startLedgerSimulator(), startDriver()]);
  const app = await openApp(driver, { devnetDir: devnet.dir });
  const b = app.browser;
  await withFailureScreenshot(b, 'hardware', async () => {
    await click(b, tid('onboard-hardware'));
    await choosePassword(b);

    // The Ledger is at the simulator's APDU port.
    await click(b, tid('hw-vendor-ledger'));
    await fill(b, tid('hw-endpoint'), simulator.ledger);
    await click(b, tid('hw-endpoint-save'));
    await click(b, tid('hw-discover'));
    const rows = await until(
      b,
      async () => {
        const r = await b.$$(tid('hw-address-row'));
        return r.length >= 5 ? r : null;
      },
      'discovered addresses',
      60_000,
    );
    const address = await rows[0].getAttribute('data-address');
    assert.match(address, /^0x[0-9a-fA-F]{40}$/);
    await screenshot(b, 'hardware-discovery');
    await (await rows[0].$(tid('hw-add'))).click();
    await shown(b, tid('portfolio'), 60_000);
    const account = await shown(b, tid('account-row', `[data-address="${address}"]`));
    assert.match(await account.getText(), /Ledger/);

    // Fund it on the devnet, then send 0.25 ETH on op-a.
    await cli(['devnet', '--dir', devnet.dir, 'fund', address, '--amount', '5'], { dataDir: devnet.dataDir });
    await click(b, tid('refresh'));
    await until(
      b,
      async () => (await holdings(b)).some((h) => h.account === address && h.symbol === 'ETH' && h.amount > 0n),
      'the funded balance',
    );
    const opA = DEVNET_CHAINS['op-a'];
    await click(b, tid('nav-send'));
    await (await shown(b, tid('send-from'))).selectByAttribute('value', address);
    await (await shown(b, tid('send-chain'))).selectByAttribute('value', String(opA));
    await fill(b, tid('send-amount'), '0.25');
    await fill(b, tid('send-to'), ANVIL_1);
    await click(b, tid('send-review'));
    const review = await shown(b, tid('review'), 60_000);
    assert.match(await review.getText(), /Ledger/, 'the review says the device confirms it');
    await screenshot(b, 'hardware-review');
    await click(b, tid('review-confirm'));
    const hash = await (await shown(b, tid('send-hash'), 60_000)).getAttribute('data-hash');
    const tx = await until(b, () => rpc(devnet.rpc('op-a'), 'eth_getTransactionByHash', [hash]), 'the transaction on chain');
    assert.equal(tx.from.toLowerCase(), address.toLowerCase(), 'signed by the device account');
    const receipt = await until(b, () => rpc(devnet.rpc('op-a'), 'eth_getTransactionReceipt', [hash]), 'the receipt');
    assert.equal(receipt.status, '0x1');
    await until(
      b,
      async () => ['included', 'final'].includes(await (await b.$(tid('send-status'))).getAttribute('data-status')),
      'included on the send screen',
    );
    await screenshot(b, 'hardware-sent');
  });
  await app.close();
  // Nothing secret exists in a hardware wallet's app; no result holds key material.
  const records = driver.readIpc();
  assert.ok(records.some((r) => r.command === 'hw_discover' && r.ok));
  assertNoSecrets(records, [], []);
});
