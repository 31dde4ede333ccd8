// Sample backend views for tests.
import type {
  AccountView,
  ChainBalancesView,
  ChainView,
  FeeView,
  JourneyPlanView,
  JourneyView,
  NetworksView,
  PortfolioView,
  PreparedView,
  TokenView,
  TxView,
} from '../bindings';

export const ALICE = '0x1111111111111111111111111111111111111111';
export const BOB = '0x2222222222222222222222222222222222222222';
export const WATCHED = '0x3333333333333333333333333333333333333333';
export const USDC_L1 = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
export const USDC_OP = '0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85';
/** The devnet test token on its L1, and its counterpart on op-a (made by the standard bridge). */
export const SYT_L1 = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
export const SYT_OP_A = '0x4200000000000000000000000000000000000abc';
export const USDC_DEVNET = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';

export function account(over: Partial<AccountView> = {}): AccountView {
  const kind = over.kind ?? 'hd';
  return {
    address: ALICE,
    label: 'Main',
    kind,
    vendor: null,
    path: "m/44'/60'/0'/0/0",
    scheme: kind === 'hd' ? 'bip44' : null,
    index: kind === 'hd' ? 0 : null,
    canSign: kind !== 'watch_only',
    // As the core decides it: only a key in the vault can be exported.
    canExport: kind === 'hd' || kind === 'imported',
    hidden: false,
    ...over,
  };
}

export const ACCOUNTS: AccountView[] = [
  account(),
  account({ address: BOB, label: 'Ledger 1', kind: 'hardware', vendor: 'Ledger' }),
  account({ address: WATCHED, label: 'Vitalik', kind: 'watch_only', canSign: false, path: null }),
];

export function chain(over: Partial<ChainBalancesView> = {}): ChainBalancesView {
  return {
    chainId: 1,
    chain: 'Ethereum',
    kind: 'ethereum',
    holdings: [],
    usdTotal: '0',
    error: null,
    pending: 0,
    ...over,
  };
}

export const PORTFOLIO: PortfolioView = {
  usdTotal: '1250000000000', // $12,500.00
  ethUsd: '300000000000', // $3,000.00
  chains: [
    chain({
      chainId: 1,
      chain: 'Ethereum',
      kind: 'ethereum',
      usdTotal: '900000000000',
      holdings: [
        { account: ALICE, token: null, symbol: 'ETH', decimals: 18, amount: '2000000000000000000', usd: '600000000000' },
        { account: ALICE, token: USDC_L1, symbol: 'USDC', decimals: 6, amount: '3000000000', usd: '300000000000' },
        { account: BOB, token: null, symbol: 'ETH', decimals: 18, amount: '0', usd: '0' },
      ],
    }),
    chain({
      chainId: 10,
      chain: 'OP Mainnet',
      kind: 'op_stack',
      usdTotal: '350000000000',
      pending: 1,
      holdings: [
        { account: ALICE, token: null, symbol: 'ETH', decimals: 18, amount: '1000000000000000000', usd: '300000000000' },
        { account: BOB, token: null, symbol: 'ETH', decimals: 18, amount: '500000000000000000', usd: '150000000000' },
        { account: ALICE, token: USDC_OP, symbol: 'USDC', decimals: 6, amount: '1500000', usd: null },
      ],
    }),
    chain({ chainId: 42161, chain: 'Arbitrum One', kind: 'arbitrum', error: 'The RPC did not answer in time.' }),
  ],
};

export function fee(over: Partial<FeeView> = {}): FeeView {
  return {
    speed: 'normal',
    gasLimit: 21000,
    maxFeePerGas: '2000000000',
    maxPriorityFeePerGas: '1000000',
    execution: '21000000000000',
    l1Data: '1500000000000',
    operator: '0',
    total: '22500000000000',
    worstCase: '43500000000000',
    usd: {
      execution: '6300000',
      l1Data: '450000',
      operator: '0',
      total: '6750000',
      worstCase: '13050000',
    },
    ...over,
  };
}

export function prepared(over: Partial<PreparedView> = {}): PreparedView {
  return {
    id: 'p1',
    purpose: 'transfer',
    purposeLabel: 'Transfer',
    summary: 'Send 0.1 ETH to 0x… on OP Mainnet',
    chainId: 10,
    chain: 'OP Mainnet',
    chainKind: 'op_stack',
    from: ALICE,
    fromLabel: 'Main',
    device: null,
    to: BOB,
    toLabel: 'Ledger 1',
    symbol: 'ETH',
    decimals: 18,
    token: null,
    amount: '100000000000000000',
    amountUsd: '30000000000',
    nativeSymbol: 'ETH',
    nativeBalance: '1000000000000000000',
    fee: fee(),
    speeds: [fee({ speed: 'slow', total: '20000000000000' }), fee(), fee({ speed: 'fast', total: '30000000000000' })],
    warnings: [],
    possibleDuplicateOf: null,
    simulation: { gasUsed: 21000, summary: 'A plain transfer: it uses exactly 21000 gas.' },
    signing: {
      txType: 'EIP-1559',
      chainId: 10,
      nonce: 7,
      to: BOB,
      value: '100000000000000000',
      data: '0x',
      gasLimit: 21000,
      maxFeePerGas: '2000000000',
      maxPriorityFeePerGas: '1000000',
    },
    replaces: null,
    ...over,
  };
}

export function tx(over: Partial<TxView> = {}): TxView {
  return {
    hash: '0xaaa1',
    chainId: 10,
    chain: 'OP Mainnet',
    from: ALICE,
    to: BOB,
    symbol: 'ETH',
    decimals: 18,
    amount: '100000000000000000',
    token: null,
    nonce: 7,
    purpose: 'transfer',
    purposeLabel: 'Transfer',
    replaces: null,
    journeyId: null,
    status: 'pending',
    succeeded: null,
    blockNumber: null,
    gasUsed: null,
    feePaid: null,
    l1Fee: null,
    quotedFee: '22500000000000',
    submittedAt: '2025-11-24T16:00:00Z',
    explorerUrl: null,
    replaceable: true,
    couldNotCheck: null,
    ...over,
  };
}

/** A chain of the active profile, as networksList returns it. */
export function chainView(over: Partial<ChainView> = {}): ChainView {
  return {
    chainId: 1,
    name: 'Ethereum',
    kind: 'ethereum',
    nativeSymbol: 'ETH',
    rpcUrls: ['https://rpc.example'],
    customRpcUrls: [],
    explorer: null,
    parentChainId: null,
    ...over,
  };
}

/** The devnet's chains: an L1 and three rollups that settle on it. */
export const NETWORKS: NetworksView = {
  active: 'devnet',
  profiles: ['devnet', 'mainnets', 'testnets'],
  chains: [
    chainView({ chainId: 900, name: 'Devnet l1' }),
    chainView({ chainId: 901, name: 'Devnet op-a', kind: 'op_stack', parentChainId: 900 }),
    chainView({ chainId: 902, name: 'Devnet op-b', kind: 'op_stack', parentChainId: 900 }),
    chainView({ chainId: 412346, name: 'Devnet arb', kind: 'arbitrum', parentChainId: 900 }),
  ],
};

/** A token the wallet knows, as tokensList returns it. */
export function token(over: Partial<TokenView> = {}): TokenView {
  return {
    chainId: 900,
    address: SYT_L1,
    symbol: 'SYT',
    name: 'Switchyard Test Token',
    decimals: 18,
    addedByUser: false,
    ...over,
  };
}

/** The devnet's tokens: SYT and a 6-decimal USDC on the L1, SYT's counterpart on op-a. */
export const TOKENS: TokenView[] = [
  token(),
  token({ address: USDC_DEVNET, symbol: 'USDC', name: 'USD Coin', decimals: 6 }),
  token({ chainId: 901, address: SYT_OP_A }),
];

export function journey(over: Partial<JourneyView> = {}): JourneyView {
  return {
    id: 'j1',
    kind: 'op_withdrawal',
    fromChainId: 10,
    fromChain: 'OP Mainnet',
    toChainId: 1,
    toChain: 'Ethereum',
    sender: ALICE,
    recipient: ALICE,
    symbol: 'ETH',
    decimals: 18,
    amount: '100000000000000000',
    state: 'awaiting_game',
    stateLabel: 'Waiting for a state proposal',
    reason: null,
    nextAction: null,
    eta: null,
    evidence: null,
    messageId: null,
    history: [
      { at: '2025-11-24T16:00:00Z', state: 'initiating', stateLabel: 'Sending', reason: null },
      { at: '2025-11-24T16:01:00Z', state: 'awaiting_game', stateLabel: 'Waiting for a state proposal', reason: null },
    ],
    transactions: [
      tx({
        hash: '0xw1',
        purpose: 'withdrawal_init',
        purposeLabel: 'Withdrawal',
        journeyId: 'j1',
        status: 'final',
        succeeded: true,
        replaceable: false,
      }),
    ],
    createdAt: '2025-11-24T16:00:00Z',
    updatedAt: '2025-11-24T16:01:00Z',
    ...over,
  };
}

/**
 * An OP withdrawal's plan: the first transaction on the rollup, then prove and finalize on L1.
 * For a token deposit's plan, give `approval` (see `approval()`).
 */
export function plan(over: Partial<JourneyPlanView> = {}): JourneyPlanView {
  return {
    journey: journey({ state: 'not_sent', stateLabel: 'Not sent', history: [], transactions: [] }),
    approval: null,
    first: prepared({
      id: 'plan1',
      purpose: 'withdrawal_init',
      purposeLabel: 'Withdrawal',
      summary: 'Withdrawal: 0.1 ETH to 0x… on OP Mainnet',
    }),
    later: [
      {
        action: 'prove',
        chainId: 1,
        chain: 'Ethereum',
        estimatedFee: '3000000000000000',
        estimatedFeeUsd: '900000000',
        possibleAfterSecs: 3_600,
      },
      {
        action: 'finalize',
        chainId: 1,
        chain: 'Ethereum',
        estimatedFee: '1000000000000000',
        estimatedFeeUsd: null,
        possibleAfterSecs: 7 * 86_400 + 3_600,
      },
    ],
    totalFees: '4022500000000000',
    totalFeesUsd: '1206750000',
    totalSecs: 7 * 86_400 + 3_600,
    ...over,
  };
}

/** A token deposit's approval (signed with its deposit's confirmation: no id of its own). */
export function approval(over: Partial<PreparedView> = {}): PreparedView {
  return prepared({
    id: '',
    purpose: 'approve',
    purposeLabel: 'Token approval',
    summary: 'Approve the bridge to take 5 SYT',
    chainId: 900,
    chain: 'Devnet l1',
    chainKind: 'ethereum',
    to: SYT_L1,
    toLabel: null,
    amount: '0',
    amountUsd: null,
    fee: fee({ gasLimit: 46000, execution: '46000000000000', l1Data: '0', total: '46000000000000', usd: null }),
    ...over,
  });
}
