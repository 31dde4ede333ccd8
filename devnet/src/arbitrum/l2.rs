//! The token bridge's child side on an Arbitrum chain, from
//! `@arbitrum/token-bridge-contracts`: L2GatewayRouter and L2ERC20Gateway, and the
//! BeaconProxyFactory (with its UpgradeableBeacon over StandardArbERC20) that creates each
//! bridged token at the address the L1 gateway predicts.

use alloy::{
    primitives::Address,
    sol_types::{SolCall, SolValue},
};

use crate::{
    DevnetError,
    arbitrum::l1::{ArbDeployment, ChildTokenBridge},
    contracts::{DEPLOYER, create, impersonating, send},
    published::hardhat_bytecode,
    rpc::Rpc,
};

const TOKEN_BRIDGE: &str = "@arbitrum/token-bridge-contracts";

mod abi {
    alloy::sol! {
        interface BeaconProxyFactory {
            function initialize(address beacon);
            function cloneableProxyHash() view returns (bytes32);
        }
        interface L2ERC20Gateway {
            function initialize(address l1Counterpart, address router, address beaconProxyFactory);
        }
        interface L2GatewayRouter {
            function initialize(address counterpartGateway, address defaultGateway);
        }
    }
}

/// Deploys the child side (not yet initialized: its L1 counterparts come next).
pub async fn deploy(l2: &Rpc) -> Result<ChildTokenBridge, DevnetError> {
    let code = |path: &str| hardhat_bytecode(TOKEN_BRIDGE, path);
    impersonating(l2, DEPLOYER, async || {
        let token = create(l2, code("build/contracts/contracts/tokenbridge/arbitrum/StandardArbERC20.sol/StandardArbERC20.json")?.to_vec()).await?;
        // OpenZeppelin 4.8's beacon, as the token bridge's own deploy uses it.
        let beacon = create(
            l2,
            [
                code("node_modules/@openzeppelin/contracts/build/contracts/UpgradeableBeacon.json")?.to_vec(),
                token.abi_encode(),
            ]
            .concat(),
        )
        .await?;
        let beacon_proxy_factory = create(
            l2,
            code("build/contracts/contracts/tokenbridge/libraries/ClonableBeaconProxy.sol/BeaconProxyFactory.json")?.to_vec(),
        )
        .await?;
        send(l2, beacon_proxy_factory, abi::BeaconProxyFactory::initializeCall { beacon }.abi_encode()).await?;
        let erc20_gateway = create(
            l2,
            code("build/contracts/contracts/tokenbridge/arbitrum/gateway/L2ERC20Gateway.sol/L2ERC20Gateway.json")?.to_vec(),
        )
        .await?;
        let router = create(
            l2,
            code("build/contracts/contracts/tokenbridge/arbitrum/gateway/L2GatewayRouter.sol/L2GatewayRouter.json")?.to_vec(),
        )
        .await?;
        let cloneable_proxy_hash = l2
            .view(beacon_proxy_factory, abi::BeaconProxyFactory::cloneableProxyHashCall {})
            .await?;
        Ok(ChildTokenBridge { router, erc20_gateway, beacon_proxy_factory, cloneable_proxy_hash })
    })
    .await
}

/// Initializes the child side against its L1 counterparts.
pub async fn initialize(l2: &Rpc, deployment: &ArbDeployment) -> Result<(), DevnetError> {
    let calls: [(Address, Vec<u8>); 2] = [
        (
            deployment.child_erc20_gateway,
            abi::L2ERC20Gateway::initializeCall {
                l1Counterpart: deployment.parent_erc20_gateway,
                router: deployment.child_gateway_router,
                beaconProxyFactory: deployment.child_beacon_proxy_factory,
            }
            .abi_encode(),
        ),
        (
            deployment.child_gateway_router,
            abi::L2GatewayRouter::initializeCall {
                counterpartGateway: deployment.parent_gateway_router,
                defaultGateway: deployment.child_erc20_gateway,
            }
            .abi_encode(),
        ),
    ];
    impersonating(l2, DEPLOYER, async || {
        for (to, data) in calls {
            send(l2, to, data).await?;
        }
        Ok(())
    })
    .await
}
