// Cross-chain moves on a running devnet, through the canonical bridges: deposit 1 ETH from
// the L1 into op-a with the Move screen and see it Completed in Journeys (the devnet's
// sequencer actor executes the deposit on op-a); then withdraw 0.1 ETH from op-a, wait
// until a game covers it (the proposer actor), Prove it from Journeys, wait out the
// devnet's clocks (the resolver actor settles the game) and Finalize it.
// Every state change reaches the screen through the app's follower (events.journeyUpdated):
// the test never asks for a refresh.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, openApp, screenshot, startDevnet, startDriver, withFailureScreenshot } from './harness.mjs';
import {
  ANVIL_0,
  ANVIL_0_KEY,
  ANVIL_PHRASE,
  DEVNET_CHAINS,
  assertNoSecrets,
  click,
  fill,
  importPhrase,
  rpc,
  shown,
  tid,
  until,
} from './ui.mjs';

after(cleanup);

const ETH = 10n ** 18n;

/** The row of journey `id` in Journeys. */
const row = (id) => tid('journey-row', `[data-id="${id}"]`);

/** Fills the Move form and opens its review; returns the review element. */
async function reviewMove(b, { fromChain, toChain, amount }) {
  await click(b, tid('nav-move'));
  await shown(b, tid('move-form'), 60_000);
  await (await shown(b, tid('move-from'))).selectByAttribute('value', ANVIL_0);
  await (await shown(b, tid('move-from-chain'))).selectByAttribute('value', String(fromChain));
  const to = await shown(b, tid('move-to-chain'));
  await to.selectByAttribute('value', String(toChain));
  await until(b, async () => (await to.getValue()) === String(toChain), `destination ${toChain} chosen`);
  await fill(b, tid('move-amount'), amount);
  await click(b, tid('move-review'));
  return shown(b, tid('review'), 60_000);
}

/** Confirms the open Move review; returns the new journey's id once Journeys shows it. */
async function startMove(b) {
  await click(b, tid('review-confirm'));
  const detail = await shown(b, tid('journey-detail'), 60_000);
  const id = await detail.getAttribute('data-id');
  assert.ok(id, 'Journeys opens on the new journey');
  await shown(b, row(id));
  return id;
}

/** Waits until journey `id`'s row is in one of `states` (as the follower reports them). */
async function reaches(b, id, states, timeout) {
  return until(
    b,
    async () => {
      const state = await (await b.$(row(id))).getAttribute('data-state');
      if (['failed', 'expired', 'relay_failed'].includes(state)) {
        const label = await (await b.$(`${row(id)} ${tid('journey-state')}`)).getText();
        throw new Error(`journey ${id} ended in ${state}: ${label}`);
      }
      return states.includes(state) ? state : null;
    },
    `journey ${id} in ${states.join(' or ')}`,
    timeout,
  );
}

test('deposit into an OP chain and withdraw from it to finalized through the Move and Journeys screens', { timeout: 600_000 }, async () => {
  // Blocks every second: the proposer actor proposes a game every 4 L2 blocks.
  const [devnet, driver] = await Promise.all([startDevnet(), startDriver()]);
  const app = await openApp(driver, { devnetDir: devnet.dir });
  const b = app.browser;
  const l1 = DEVNET_CHAINS.l1;
  const opA = DEVNET_CHAINS['op-a'];
  await withFailureScreenshot(b, 'journeys', async () => {
    await importPhrase(b, ANVIL_PHRASE);

    // Deposit 1 ETH from the L1 into op-a. From the L1, the destinations are its rollups only.
    await click(b, tid('nav-move'));
    await shown(b, tid('move-form'), 60_000);
    await (await shown(b, tid('move-from-chain'))).selectByAttribute('value', String(l1));
    const destinations = [];
    for (const option of await b.$$(`${tid('move-to-chain')} option`)) {
      destinations.push(Number(await option.getAttribute('value')));
    }
    assert.deepEqual(
      destinations.sort((x, y) => x - y),
      [opA, DEVNET_CHAINS['op-b'], DEVNET_CHAINS.arb].sort((x, y) => x - y),
      'from the L1, only the rollups that settle on it are offered',
    );

    const deposit = await reviewMove(b, { fromChain: l1, toChain: opA, amount: '1' });
    assert.equal(await deposit.getAttribute('data-purpose'), 'deposit');
    const depositChain = await (await b.$(tid('review-chain'))).getAttribute('data-chain-id');
    assert.equal(depositChain, String(l1), 'the deposit is signed on the L1');
    assert.equal((await b.$$(tid('move-later-step'))).length, 0, 'a deposit has no later step');
    assert.ok((await (await shown(b, tid('move-arrival'))).getText()).length > 0);
    assert.ok(BigInt(await (await b.$(tid('move-total-fees'))).getAttribute('data-wei')) > 0n);
    const before = BigInt(await rpc(devnet.rpc('op-a'), 'eth_getBalance', [ANVIL_0, 'latest']));
    const depositId = await startMove(b);
    await reaches(b, depositId, ['completed'], 120_000);
    assert.equal(await (await b.$(`${row(depositId)} ${tid('journey-state')}`)).getText(), 'Completed');
    const after = BigInt(await rpc(devnet.rpc('op-a'), 'eth_getBalance', [ANVIL_0, 'latest']));
    assert.equal(after - before, ETH, 'the deposit minted exactly 1 ETH on op-a');
    // Its timeline ends in Completed; its transaction is the L1 deposit.
    const events = await b.$$(`${tid('journey-detail')} ${tid('journey-event')}`);
    assert.equal(await events[events.length - 1].getAttribute('data-state'), 'completed');
    const txs = await b.$$(`${tid('journey-detail')} ${tid('journey-tx')}`);
    assert.equal(await txs[0].getAttribute('data-purpose'), 'deposit');

    // Withdraw 0.1 ETH from op-a. From a rollup, the only destination is its L1.
    const withdrawal = await reviewMove(b, { fromChain: opA, toChain: l1, amount: '0.1' });
    assert.equal(await withdrawal.getAttribute('data-purpose'), 'withdrawal_init');
    const toOptions = await b.$$(`${tid('move-to-chain')} option`);
    assert.equal(toOptions.length, 1);
    assert.equal(await toOptions[0].getAttribute('value'), String(l1));
    const later = [];
    for (const step of await b.$$(tid('move-later-step'))) later.push(await step.getAttribute('data-action'));
    assert.deepEqual(later, ['prove', 'finalize'], 'the review names the steps still to sign');
    await screenshot(b, 'move-review');
    const withdrawalId = await startMove(b);

    // A game covers the withdrawal: Prove is offered.
    await reaches(b, withdrawalId, ['ready_to_prove'], 180_000);
    assert.equal(await (await b.$(`${row(withdrawalId)} ${tid('journey-state')}`)).getText(), 'Ready to prove');
    await click(b, `${row(withdrawalId)} ${tid('journey-action')}[data-action="prove"]`);
    const proof = await shown(b, tid('review'), 60_000);
    assert.equal(await proof.getAttribute('data-purpose'), 'prove');
    const proofChain = await (await b.$(tid('review-chain'))).getAttribute('data-chain-id');
    assert.equal(proofChain, String(l1), 'the proof is signed on the L1');
    await click(b, tid('review-confirm'));
    const hash = await (await shown(b, tid('send-hash'), 60_000)).getAttribute('data-hash');
    assert.match(hash, /^0x[0-9a-f]{64}$/);
    await click(b, tid('send-done'));

    // Proven: maturing (proof maturity 12 s on the devnet), or already past it.
    const state = await reaches(b, withdrawalId, ['maturing', 'ready_to_finalize'], 120_000);
    if (state === 'maturing') {
      assert.equal(
        await (await b.$(`${row(withdrawalId)} ${tid('journey-state')}`)).getText(),
        'Proven, waiting out the challenge period',
      );
    }
    const detail = tid('journey-detail', `[data-id="${withdrawalId}"]`);
    const proveTx = await shown(b, `${detail} ${tid('journey-tx', `[data-hash="${hash}"]`)}`);
    assert.equal(await proveTx.getAttribute('data-purpose'), 'prove');
    if (state === 'maturing') await screenshot(b, 'journeys');

    // Both clocks run out (proof maturity; the game's clock, its resolution and the
    // finality delay): Finalize is offered, signed on the L1, and the ETH arrives there.
    await reaches(b, withdrawalId, ['ready_to_finalize'], 180_000);
    const l1Before = BigInt(await rpc(devnet.rpc('l1'), 'eth_getBalance', [ANVIL_0, 'latest']));
    await click(b, `${row(withdrawalId)} ${tid('journey-action')}[data-action="finalize"]`);
    const finalize = await shown(b, tid('review'), 60_000);
    assert.equal(await finalize.getAttribute('data-purpose'), 'finalize');
    await click(b, tid('review-confirm'));
    await shown(b, tid('send-hash'), 60_000);
    await click(b, tid('send-done'));
    await reaches(b, withdrawalId, ['completed'], 120_000);
    const l1After = BigInt(await rpc(devnet.rpc('l1'), 'eth_getBalance', [ANVIL_0, 'latest']));
    assert.ok(l1After > l1Before, 'the withdrawn ETH arrived on the L1 (less the finalization fee)');
    await screenshot(b, 'journey-completed');
  });
  await app.close();
  assertNoSecrets(driver.readIpc(), [ANVIL_PHRASE, ANVIL_0_KEY], []);
});
