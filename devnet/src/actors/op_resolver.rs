//! The honest challenger's part the devnet needs: every game whose clock has run out
//! unchallenged is resolved (`resolveClaim(0, 0)`, then `resolve()`), so it reaches
//! DEFENDER_WINS as on a real network where nobody disputes a correct output.

use alloy::{
    primitives::{Address, U256},
    sol_types::SolCall,
};

use switchyard_core::rollup::op_stack::abi::{DisputeGameFactory, FaultDisputeGame};

use crate::{DevnetError, actors::CHALLENGER, rpc::Rpc};

/// `GameStatus.IN_PROGRESS`.
const IN_PROGRESS: u8 = 0;

/// One OP chain's resolver.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    /// Games below this index are resolved.
    next_unresolved: u64,
}

impl Resolver {
    /// Resolves every game whose clock expired; returns how many it resolved.
    pub async fn round(&mut self, l1: &Rpc, factory: Address) -> Result<usize, DevnetError> {
        let count = l1
            .view(factory, DisputeGameFactory::gameCountCall {})
            .await?
            .saturating_to::<u64>();
        if self.next_unresolved >= count {
            return Ok(0);
        }
        let now = l1.latest_timestamp().await?;
        let mut sent = Vec::new();
        let mut settled_below = true;
        let mut next = self.next_unresolved;
        for index in self.next_unresolved..count {
            let game = l1
                .view(
                    factory,
                    DisputeGameFactory::gameAtIndexCall {
                        index: U256::from(index),
                    },
                )
                .await?;
            let done = l1.view(game.proxy, FaultDisputeGame::statusCall {}).await? != IN_PROGRESS;
            let due = !done
                && now
                    >= game.timestamp
                        + l1.view(game.proxy, FaultDisputeGame::maxClockDurationCall {})
                            .await?;
            if due {
                let claim = FaultDisputeGame::resolveClaimCall {
                    claimIndex: U256::ZERO,
                    numToResolve: U256::ZERO,
                };
                // Sent together: the same sender's two transactions are mined in order.
                sent.push(
                    l1.send_as(CHALLENGER, game.proxy, claim.abi_encode(), U256::ZERO)
                        .await?,
                );
                sent.push(
                    l1.send_as(
                        CHALLENGER,
                        game.proxy,
                        FaultDisputeGame::resolveCall {}.abi_encode(),
                        U256::ZERO,
                    )
                    .await?,
                );
            }
            settled_below &= done || due;
            if settled_below {
                next = index + 1;
            }
        }
        for hash in &sent {
            l1.wait(*hash).await?;
        }
        // Only once the resolutions are in: a failed one is tried again next round.
        self.next_unresolved = next;
        Ok(sent.len() / 2)
    }
}
