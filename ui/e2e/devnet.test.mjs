// Flows 2, 3 and 4 on a running devnet: import anvil's test phrase and see balances on
// every chain; send ETH on an OP chain with an L1 data fee above zero, confirm, and see it
// final in Activity with the fee the chain charged; compare fees on every chain.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, openApp, screenshot, startDevnet, startDriver, withFailureScreenshot } from './harness.mjs';
import {
  ANVIL_0,
  ANVIL_0_KEY,
  ANVIL_1,
  ANVIL_PHRASE,
  DEVNET_CHAINS,
  assertNoSecrets,
  click,
  fill,
  holdings,
  importPhrase,
  rpc,
  shown,
  tid,
  until,
} from './ui.mjs';

after(cleanup);

const ETH = 10n ** 18n;

test('import the test phrase, see every chain, send on an OP chain, compare fees', { timeout: 280_000 }, async () => {
  // Mined per transaction: with interval mining the devnet's L1-attributes relay can land in
  // the same block after the send, so the L1 fee anvil charged differs from the block's
  // end state (on a real OP chain the L1-info deposit is always first in the block).
  const [devnet, driver] = await Promise.all([startDevnet({ blockTime: 0 }), startDriver()]);
  const app = await openApp(driver, { devnetDir: devnet.dir });
  const b = app.browser;
  await withFailureScreenshot(b, 'devnet', async () => {
    // 2. Import → balances on every devnet chain: 10,000 ETH for account #0 on each.
    await importPhrase(b, ANVIL_PHRASE);
    const eth = await until(
      b,
      async () => {
        const rows = (await holdings(b)).filter((h) => h.account === ANVIL_0 && h.symbol === 'ETH');
        return rows.length === Object.keys(DEVNET_CHAINS).length ? rows : null;
      },
      'an ETH balance on every devnet chain',
      60_000,
    );
    assert.deepEqual(eth.map((h) => h.chainId).sort((x, y) => x - y), Object.values(DEVNET_CHAINS).sort((x, y) => x - y));
    for (const h of eth) assert.equal(h.amount, 10_000n * ETH, `chain ${h.chainId}`);
    const total = await (await shown(b, tid('portfolio-total'))).getText();
    assert.match(total, /\$[\d,]+/);
    await screenshot(b, 'portfolio');

    // 3. Send 0.5 ETH on op-a to account #1.
    const opA = DEVNET_CHAINS['op-a'];
    await click(b, tid('nav-send'));
    await shown(b, tid('send-form'));
    await (await shown(b, tid('send-from'))).selectByAttribute('value', ANVIL_0);
    await (await shown(b, tid('send-chain'))).selectByAttribute('value', String(opA));
    await fill(b, tid('send-amount'), '0.5');
    await fill(b, tid('send-to'), ANVIL_1);
    await click(b, tid('send-review'));
    const l1 = await shown(b, tid('fee-l1'), 60_000);
    assert.ok(BigInt(await l1.getAttribute('data-wei')) > 0n, 'the L1 data fee is above zero on an OP chain');
    const execution = BigInt(await (await b.$(tid('fee-execution'))).getAttribute('data-wei'));
    const totalFee = BigInt(await (await b.$(tid('fee-total'))).getAttribute('data-wei'));
    assert.ok(execution > 0n && totalFee >= execution + BigInt(await l1.getAttribute('data-wei')));
    await shown(b, tid('simulation'));
    await screenshot(b, 'send-breakdown');
    const review = await shown(b, tid('review'));
    const reviewText = await review.getText();
    assert.ok(reviewText.includes(String(opA)), 'the review shows the chain id that is signed');
    assert.ok(reviewText.includes(ANVIL_1), 'the review shows the recipient that is signed');
    await screenshot(b, 'send-review');
    const before = BigInt(await rpc(devnet.rpc('op-a'), 'eth_getBalance', [ANVIL_0, 'latest']));
    await click(b, tid('review-confirm'));
    const hashEl = await shown(b, tid('send-hash'), 60_000);
    const hash = await hashEl.getAttribute('data-hash');
    assert.match(hash, /^0x[0-9a-f]{64}$/);

    // Included on chain; then 70 more blocks make it final (anvil finalizes 64 behind).
    const receipt = await until(b, () => rpc(devnet.rpc('op-a'), 'eth_getTransactionReceipt', [hash]), 'the receipt');
    assert.equal(receipt.status, '0x1');
    await rpc(devnet.rpc('op-a'), 'anvil_mine', ['0x46']);
    await until(b, async () => (await (await b.$(tid('send-status'))).getAttribute('data-status')) === 'final', 'final on the send screen', 60_000);
    await screenshot(b, 'send-final');
    await click(b, tid('send-done'));

    // Activity: final, with the fee the chain charged: what left the account beyond the
    // amount (execution at the effective price, plus the L1 data fee).
    await click(b, tid('nav-activity'));
    const row = await shown(b, tid('tx-row', `[data-hash="${hash}"]`));
    await until(b, async () => (await row.getAttribute('data-status')) === 'final', 'final in Activity');
    const fee = BigInt(await (await row.$(tid('tx-fee'))).getAttribute('data-wei'));
    const l1Paid = BigInt(await (await row.$(tid('tx-l1-fee'))).getAttribute('data-wei'));
    const block = BigInt(receipt.blockNumber);
    const atBlock = BigInt(await rpc(devnet.rpc('op-a'), 'eth_getBalance', [ANVIL_0, receipt.blockNumber]));
    const beforeBlock = BigInt(await rpc(devnet.rpc('op-a'), 'eth_getBalance', [ANVIL_0, `0x${(block - 1n).toString(16)}`]));
    assert.ok(before >= beforeBlock);
    const execPaid = BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice);
    assert.ok(l1Paid > 0n, 'an L1 part is shown');
    assert.equal(fee, execPaid + l1Paid, "the fee is the receipt's execution plus its L1 part");
    assert.equal(beforeBlock - atBlock - ETH / 2n, fee, 'the fee is what the chain charged');
    await screenshot(b, 'activity');

    // 4. The fee comparison lists every chain.
    await click(b, tid('nav-fees'));
    await shown(b, tid('fees'));
    const compare = await b.$(tid('fees-compare'));
    if (await compare.isExisting()) await compare.click();
    const rows = await until(
      b,
      async () => {
        const r = await b.$$(tid('fee-row'));
        return r.length === Object.keys(DEVNET_CHAINS).length ? r : null;
      },
      'a fee row per chain',
      60_000,
    );
    const ids = [];
    for (const r of rows) ids.push(Number(await r.getAttribute('data-chain-id')));
    assert.deepEqual(ids.sort((x, y) => x - y), Object.values(DEVNET_CHAINS).sort((x, y) => x - y));
    await screenshot(b, 'fees');

    // A network added in the app is scanned by the portfolio: the devnet L1 as a network of
    // the mainnets profile (the core completes it with Multicall3, which the scan needs).
    await click(b, tid('nav-settings'));
    await (await shown(b, tid('network-profile'))).selectByAttribute('value', 'mainnets');
    await until(b, async () => (await (await b.$(tid('network-profile'))).getValue()) === 'mainnets', 'the mainnets profile');
    await fill(b, tid('network-name'), 'My L1');
    await fill(b, tid('network-chain-id'), String(DEVNET_CHAINS.l1));
    await fill(b, tid('network-rpc-url'), devnet.rpc('l1'));
    await click(b, tid('network-add'));
    await shown(b, `[data-testid="settings-networks"] [data-chain-id="${DEVNET_CHAINS.l1}"]`, 30_000);
    await click(b, tid('nav-portfolio'));
    const added = await until(
      b,
      async () =>
        (await holdings(b)).find((h) => h.account === ANVIL_0 && h.chainId === DEVNET_CHAINS.l1 && h.symbol === 'ETH') ?? null,
      'the added network scanned in the portfolio',
      60_000,
    );
    assert.ok(added.amount > 9_000n * ETH, 'the L1 balance read through the added network');
  });
  await app.close();
  assertNoSecrets(driver.readIpc(), [ANVIL_PHRASE, ANVIL_0_KEY], []);
});
