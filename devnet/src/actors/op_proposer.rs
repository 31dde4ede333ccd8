//! The OP output proposer: every few L2 blocks it computes the real output root of the
//! L2 head (`keccak256(version, stateRoot, messagePasserStorageRoot, blockHash)`, the
//! storage root from `eth_getProof`) and creates a game for it through the factory, as
//! op-proposer does. It proposes only when the message passer's storage changed since
//! its last game: nothing else could be proven, and an idle devnet stays idle.

use alloy::{
    primitives::{Address, B256, Bytes, U256},
    sol_types::{SolCall, SolValue},
};
use switchyard_core::{
    chain::OpContracts,
    rollup::op_stack::{OutputRootProof, abi::DisputeGameFactory as abi},
};

use crate::{DevnetError, actors::PROPOSER, op_stack::l1::GAME_TYPE_CANNON, rpc::Rpc};

/// One OP chain's proposer.
#[derive(Debug, Clone)]
pub struct Proposer {
    /// Propose at most once per this many L2 blocks.
    every: u64,
    /// The L2 block and message-passer root of the last game created (or of the anchor).
    last: Option<(u64, B256)>,
}

/// An L2 block's output, as a game claims it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The L2 block.
    pub l2_block: u64,
    /// Its output root proof (the preimage of the root).
    pub proof: OutputRootProof,
}

impl Proposer {
    /// A proposer creating a game at most every `every` L2 blocks.
    pub fn new(every: u64) -> Self {
        Self {
            every: every.max(1),
            last: None,
        }
    }

    /// Creates a game for the L2 head when due; returns the L2 block proposed.
    pub async fn round(
        &mut self,
        l1: &Rpc,
        l2: &Rpc,
        factory: Address,
    ) -> Result<Option<u64>, DevnetError> {
        let head = l2.block_number().await?;
        if let Some((last_block, _)) = self.last
            && head < last_block + self.every
        {
            return Ok(None);
        }
        let output = output_at(l2, head).await?;
        let root = output.proof.messagePasserStorageRoot;
        if self.last.is_some_and(|(_, last_root)| last_root == root) {
            // Nothing new to prove since the last game.
            self.last = Some((head, root));
            return Ok(None);
        }
        let bond = l1
            .view(
                factory,
                abi::initBondsCall {
                    gameType: GAME_TYPE_CANNON,
                },
            )
            .await?;
        let create = abi::createCall {
            gameType: GAME_TYPE_CANNON,
            rootClaim: output.proof.root(),
            extraData: Bytes::from(U256::from(output.l2_block).abi_encode()),
        };
        let existing = abi::gamesCall {
            gameType: create.gameType,
            rootClaim: create.rootClaim,
            extraData: create.extraData.clone(),
        };
        if !l1.view(factory, existing).await?.proxy.is_zero() {
            // Already proposed (by this proposer before a restart): one game per output.
            self.last = Some((head, root));
            return Ok(None);
        }
        let hash = l1
            .send_as(PROPOSER, factory, create.abi_encode(), bond)
            .await?;
        l1.wait(hash).await?;
        self.last = Some((head, root));
        Ok(Some(head))
    }
}

/// The output of L2 block `number`, read from the L2 (header and `eth_getProof`).
pub async fn output_at(l2: &Rpc, number: u64) -> Result<Output, DevnetError> {
    let tag = format!("{number:#x}");
    let block: serde_json::Value = l2
        .call("eth_getBlockByNumber", (tag.clone(), false))
        .await?;
    let word = |field: &str| -> Result<B256, DevnetError> {
        block[field]
            .as_str()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| {
                l2.error(
                    "eth_getBlockByNumber",
                    &format!("block {number} has no {field}"),
                )
            })
    };
    let (state_root, hash) = (word("stateRoot")?, word("hash")?);
    let proof: serde_json::Value = l2
        .call(
            "eth_getProof",
            (
                OpContracts::L2_TO_L1_MESSAGE_PASSER,
                Vec::<B256>::new(),
                tag,
            ),
        )
        .await?;
    let storage_root = proof["storageHash"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| l2.error("eth_getProof", "no storageHash"))?;
    Ok(Output {
        l2_block: number,
        proof: OutputRootProof::v0(state_root, storage_root, hash),
    })
}
