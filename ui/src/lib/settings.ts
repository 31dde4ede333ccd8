// Labels and input checks for the network badge, the lock screen and Settings. The backend
// checks everything again; these give a plain answer before a round trip.

import type { ChainKind, Vendor } from './bindings';

/** "devnet" -> "Devnet"; unknown keys are capitalized as they are. */
export function profileLabel(key: string): string {
  const known: Record<string, string> = { devnet: 'Devnet', mainnets: 'Mainnets', testnets: 'Testnets' };
  return known[key] ?? (key === '' ? 'Unknown network' : key.charAt(0).toUpperCase() + key.slice(1));
}

export const CHAIN_KINDS: readonly ChainKind[] = ['ethereum', 'op_stack', 'arbitrum'];

export const CHAIN_KIND_LABELS: Readonly<Record<ChainKind, string>> = {
  ethereum: 'Ethereum',
  op_stack: 'OP Stack',
  arbitrum: 'Arbitrum',
};

export const VENDOR_LABELS: Readonly<Record<Vendor, string>> = {
  ledger: 'Ledger',
  trezor: 'Trezor',
};

/** "Locked after 5 minutes without activity." */
export function idleNotice(minutes: number): string {
  return `Locked after ${minutes} minute${minutes === 1 ? '' : 's'} without activity.`;
}

export const MIN_AUTO_LOCK = 1;
export const MAX_AUTO_LOCK = 1440;

/** The minutes typed, or an error sentence. */
export function parseAutoLock(text: string): { minutes: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter a number of minutes.' };
  if (!/^\d+$/.test(trimmed)) return { error: 'Use whole minutes, e.g. 15.' };
  const minutes = Number(trimmed);
  if (minutes < MIN_AUTO_LOCK || minutes > MAX_AUTO_LOCK) {
    return { error: `Choose between ${MIN_AUTO_LOCK} and ${MAX_AUTO_LOCK} minutes (24 hours).` };
  }
  return { minutes };
}

/** Why a hardware endpoint is refused: "usb" or HOST:PORT (as hw-wallet's Endpoint::parse). */
export function endpointProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter “usb” or a HOST:PORT.';
  if (trimmed.toLowerCase() === 'usb') return null;
  const colon = trimmed.lastIndexOf(':');
  if (colon <= 0) return 'Enter “usb”, or a host and port such as 127.0.0.1:9999.';
  const port = trimmed.slice(colon + 1);
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    return 'The port is a number from 1 to 65535, e.g. 127.0.0.1:9999.';
  }
  return null;
}

/** Why an RPC URL is refused (http, https, ws or wss), or null. */
export function rpcUrlProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the RPC URL.';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'That is not a URL. It looks like https://rpc.example.org.';
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    return 'An RPC URL starts with https:// (or http://, wss://, ws://).';
  }
  return null;
}

/** Why an explorer URL is refused (optional; http or https), or null. */
export function explorerUrlProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol === 'https:' || url.protocol === 'http:') return null;
  } catch {
    // falls through
  }
  return 'An explorer address starts with https://, e.g. https://etherscan.io.';
}

/** The chain id typed (decimal), or an error sentence. */
export function parseChainId(text: string): { chainId: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter the chain id, e.g. 8453.' };
  if (!/^\d+$/.test(trimmed)) return { error: 'The chain id is a whole number, e.g. 8453.' };
  const chainId = Number(trimmed);
  if (chainId < 1 || !Number.isSafeInteger(chainId)) return { error: 'That chain id is out of range.' };
  return { chainId };
}
