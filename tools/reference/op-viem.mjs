// The reference client for the OP Stack: viem's `viem/op-stack` actions, run against the
// devnet by the Rust tests (devnet/tests/op_bridge.rs) to check that a real client reads
// our chains as we do. viem is pinned to 2.48.1: from 2.48.2 on, viem asks the games for
// `l2SequenceNumber()`, which the contracts-bedrock 0.17.3 games do not have.
//
// Usage: node tools/reference/op-viem.mjs '{"command": …, "l1Url": …, "l2Url": …,
//   "l1ChainId": …, "l2ChainId": …, "portal": …, "factory": …, "txHash": …}'
//   command "withdrawal-status": viem's getWithdrawalStatus for the L2 withdrawal txHash;
//   command "deposit-hashes": viem's getL2TransactionHashes for the L1 deposit txHash;
//   command "prove-args": viem's buildProveWithdrawal for the withdrawal in the L2 txHash
//   against game {gameIndex, gameL2Block}: the withdrawal hash, its storage slot, the
//   output root proof and the storage proof.
// Prints one JSON value.
import { createPublicClient, defineChain, http } from 'viem';
import { buildProveWithdrawal, chainConfig, getL2TransactionHashes, getWithdrawalHashStorageSlot, getWithdrawals, publicActionsL1 } from 'viem/op-stack';

const args = JSON.parse(process.argv[2]);
const eth = { name: 'Ether', symbol: 'ETH', decimals: 18 };
const l1 = defineChain({
  id: args.l1ChainId,
  name: 'devnet-l1',
  nativeCurrency: eth,
  rpcUrls: { default: { http: [args.l1Url] } },
  contracts: { multicall3: { address: '0xcA11bde05977b3631167028862bE2a173976CA11' } },
});
const l2 = defineChain({
  ...chainConfig,
  id: args.l2ChainId,
  name: 'devnet-op',
  nativeCurrency: eth,
  rpcUrls: { default: { http: [args.l2Url] } },
  sourceId: args.l1ChainId,
  contracts: {
    ...chainConfig.contracts,
    portal: { [args.l1ChainId]: { address: args.portal } },
    disputeGameFactory: { [args.l1ChainId]: { address: args.factory } },
  },
});
const l1Client = createPublicClient({ chain: l1, transport: http() }).extend(publicActionsL1());
const l2Client = createPublicClient({ chain: l2, transport: http() });

let out;
switch (args.command) {
  case 'withdrawal-status': {
    const receipt = await l2Client.getTransactionReceipt({ hash: args.txHash });
    out = await l1Client.getWithdrawalStatus({ receipt, targetChain: l2 });
    break;
  }
  case 'deposit-hashes': {
    const receipt = await l1Client.getTransactionReceipt({ hash: args.txHash });
    out = getL2TransactionHashes(receipt);
    break;
  }
  case 'prove-args': {
    const receipt = await l2Client.getTransactionReceipt({ hash: args.txHash });
    const [withdrawal] = getWithdrawals(receipt);
    const game = { index: BigInt(args.gameIndex), l2BlockNumber: BigInt(args.gameL2Block) };
    const built = await buildProveWithdrawal(l2Client, { withdrawal, game });
    out = {
      withdrawalHash: withdrawal.withdrawalHash,
      slot: getWithdrawalHashStorageSlot({ withdrawalHash: withdrawal.withdrawalHash }),
      outputRootProof: built.outputRootProof,
      withdrawalProof: built.withdrawalProof,
    };
    break;
  }
  default:
    throw new Error(`unknown command ${args.command}`);
}
console.log(JSON.stringify(out));
