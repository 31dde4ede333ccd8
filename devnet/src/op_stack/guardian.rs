//! What the guardian of an OP chain can do to its withdrawals, on demand, so the wallet's
//! recovery paths can be tested: blacklist one dispute game (`blacklistDisputeGame`), or
//! retire every game created so far by re-setting the respected game type
//! (`setRespectedGameType` records the time; older games can no longer finalize).

use alloy::{
    primitives::{Address, U256},
    sol_types::SolCall,
};

use switchyard_core::rollup::op_stack::abi::{DisputeGameFactory, OptimismPortal2};

use crate::{DevnetError, op_stack::l1::GUARDIAN, rpc::Rpc};

/// Whether `factory` made `game` (newest first: the game asked about is usually recent).
pub async fn is_game(l1: &Rpc, factory: Address, game: Address) -> Result<bool, DevnetError> {
    let count = l1
        .view(factory, DisputeGameFactory::gameCountCall {})
        .await?
        .saturating_to::<u64>();
    for index in (0..count).rev() {
        let at = DisputeGameFactory::gameAtIndexCall {
            index: U256::from(index),
        };
        if l1.view(factory, at).await?.proxy == game {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Blacklists `game` on `portal`: withdrawals proven against it can no longer finalize
/// and must be proven again against another game.
pub async fn blacklist_game(l1: &Rpc, portal: Address, game: Address) -> Result<(), DevnetError> {
    let call = OptimismPortal2::blacklistDisputeGameCall { disputeGame: game };
    let hash = l1
        .send_as(GUARDIAN, portal, call.abi_encode(), U256::ZERO)
        .await?;
    l1.wait(hash).await.map(drop)
}

/// Retires every game created so far: the respected game type is set again (to itself),
/// which moves `respectedGameTypeUpdatedAt` to now.
pub async fn retire_games(l1: &Rpc, portal: Address) -> Result<(), DevnetError> {
    let game_type = l1
        .view(portal, OptimismPortal2::respectedGameTypeCall {})
        .await?;
    let hash = l1
        .send_as(
            GUARDIAN,
            portal,
            OptimismPortal2::setRespectedGameTypeCall {
                gameType: game_type,
            }
            .abi_encode(),
            U256::ZERO,
        )
        .await?;
    l1.wait(hash).await.map(drop)
}
