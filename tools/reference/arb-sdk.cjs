// The reference client for Arbitrum: @arbitrum/sdk 4.1.0 (with ethers 5), run against the
// devnet by the Rust tests (devnet/tests/arb_bridge.rs) to check that it names our inbox
// messages as we do: it parses our L1 receipts into ETH deposits and retryable tickets
// and computes their child-chain ids.
//
// Usage: node tools/reference/arb-sdk.cjs '{"l1Url": …, "l2Url": …, "l1ChainId": …,
//   "l2ChainId": …, "bridge": …, "inbox": …, "outbox": …, "rollup": …,
//   "sequencerInbox": …, "txHash": …}'
// Prints {"deposits": [childTxHash, …], "retryables": [retryableCreationId, …]}.
const { providers } = require('ethers');
const { registerCustomArbitrumNetwork, ParentTransactionReceipt } = require('@arbitrum/sdk');

async function main() {
  const args = JSON.parse(process.argv[2]);
  registerCustomArbitrumNetwork({
    chainId: args.l2ChainId,
    parentChainId: args.l1ChainId,
    name: 'devnet-arb',
    confirmPeriodBlocks: 20,
    isCustom: true,
    isTestnet: true,
    ethBridge: {
      bridge: args.bridge,
      inbox: args.inbox,
      outbox: args.outbox,
      rollup: args.rollup,
      sequencerInbox: args.sequencerInbox,
    },
  });
  const l1 = new providers.StaticJsonRpcProvider(args.l1Url, args.l1ChainId);
  const l2 = new providers.StaticJsonRpcProvider(args.l2Url, args.l2ChainId);
  const receipt = new ParentTransactionReceipt(await l1.getTransactionReceipt(args.txHash));
  const deposits = (await receipt.getEthDeposits(l2)).map((d) => d.childTxHash);
  const retryables = (await receipt.getParentToChildMessages(l2)).map((m) => m.retryableCreationId);
  console.log(JSON.stringify({ deposits, retryables }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
