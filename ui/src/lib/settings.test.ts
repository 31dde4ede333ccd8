import { describe, expect, it } from 'vitest';
import {
  endpointProblem,
  explorerUrlProblem,
  idleNotice,
  parseAutoLock,
  parseChainId,
  profileLabel,
  rpcUrlProblem,
} from './settings';

describe('profileLabel', () => {
  it('names the known profiles and capitalizes others', () => {
    expect(profileLabel('devnet')).toBe('Devnet');
    expect(profileLabel('mainnets')).toBe('Mainnets');
    expect(profileLabel('testnets')).toBe('Testnets');
    expect(profileLabel('custom')).toBe('Custom');
    expect(profileLabel('')).toBe('Unknown network');
  });
});

describe('idleNotice', () => {
  it('says how long the wallet waited', () => {
    expect(idleNotice(15)).toBe('Locked after 15 minutes without activity.');
    expect(idleNotice(1)).toBe('Locked after 1 minute without activity.');
  });
});

describe('parseAutoLock', () => {
  it('takes whole minutes from 1 to 1440', () => {
    expect(parseAutoLock(' 15 ')).toEqual({ minutes: 15 });
    expect(parseAutoLock('1')).toEqual({ minutes: 1 });
    expect(parseAutoLock('1440')).toEqual({ minutes: 1440 });
  });

  it('explains what is refused', () => {
    expect(parseAutoLock('')).toEqual({ error: 'Enter a number of minutes.' });
    expect(parseAutoLock('2.5')).toEqual({ error: 'Use whole minutes, e.g. 15.' });
    expect(parseAutoLock('-1')).toEqual({ error: 'Use whole minutes, e.g. 15.' });
    expect(parseAutoLock('0')).toHaveProperty('error');
    expect(parseAutoLock('1441')).toHaveProperty('error');
  });
});

describe('endpointProblem', () => {
  it('accepts usb or HOST:PORT like the backend', () => {
    expect(endpointProblem('usb')).toBeNull();
    expect(endpointProblem(' USB ')).toBeNull();
    expect(endpointProblem('127.0.0.1:9999')).toBeNull();
    expect(endpointProblem('localhost:21324')).toBeNull();
  });

  it('refuses the rest', () => {
    expect(endpointProblem('')).toMatch(/usb/);
    expect(endpointProblem('127.0.0.1')).toMatch(/host and port/);
    expect(endpointProblem(':9999')).toMatch(/host and port/);
    expect(endpointProblem('127.0.0.1:0')).toMatch(/port/);
    expect(endpointProblem('127.0.0.1:70000')).toMatch(/port/);
    expect(endpointProblem('127.0.0.1:abc')).toMatch(/port/);
  });
});

describe('URLs and chain ids', () => {
  it('checks RPC URLs', () => {
    expect(rpcUrlProblem('https://rpc.example.org')).toBeNull();
    expect(rpcUrlProblem('http://127.0.0.1:8545')).toBeNull();
    expect(rpcUrlProblem('wss://rpc.example.org/ws')).toBeNull();
    expect(rpcUrlProblem('')).toBe('Enter the RPC URL.');
    expect(rpcUrlProblem('rpc.example.org')).toMatch(/not a URL/);
    expect(rpcUrlProblem('ftp://rpc.example.org')).toMatch(/starts with https/);
  });

  it('checks the optional explorer', () => {
    expect(explorerUrlProblem('')).toBeNull();
    expect(explorerUrlProblem('https://etherscan.io')).toBeNull();
    expect(explorerUrlProblem('etherscan.io')).toMatch(/https/);
  });

  it('parses decimal chain ids', () => {
    expect(parseChainId('8453')).toEqual({ chainId: 8453 });
    expect(parseChainId('')).toHaveProperty('error');
    expect(parseChainId('0x2105')).toHaveProperty('error');
    expect(parseChainId('0')).toHaveProperty('error');
    expect(parseChainId('99999999999999999999')).toHaveProperty('error');
  });
});
