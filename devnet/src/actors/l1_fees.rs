//! Each L2's view of L1 fees follows the devnet L1, as the L1-info deposit of every OP
//! block and Arbitrum's L1 pricing do.

use crate::{ChainKind, DevnetError, arbitrum, l1_head::L1Head, op_stack, rpc::Rpc};

/// Brings an L2's view of L1 fees up to date with `head` (nothing for an L1).
pub async fn relay(l2: &Rpc, kind: ChainKind, head: &L1Head) -> Result<(), DevnetError> {
    match kind {
        ChainKind::OpStack => op_stack::fees::refresh_from_l1(l2, head).await.map(drop),
        ChainKind::Arbitrum => arbitrum::refresh_from_l1(l2, head).await,
        ChainKind::Ethereum => Ok(()),
    }
}
