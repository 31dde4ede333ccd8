// End-to-end harness for the desktop app: a devnet, the hardware-wallet simulator,
// tauri-driver (WebDriver over WebKitWebDriver) and app sessions, all on free ports and
// all stopped again — also when a test fails or the run is interrupted.
//
// Run through scripts/e2e.sh, which builds everything and provides the display (Xvfb),
// a private D-Bus session and an unlocked throwaway gnome-keyring. Typical use:
//
//   import { test, after } from 'node:test';
//   import { startDevnet, startLedgerSimulator, startDriver, openApp, screenshot, cleanup } from './harness.mjs';
//   after(cleanup);
//   test('…', async () => {
//     const devnet = await startDevnet();
//     const driver = await startDriver();
//     const app = await openApp(driver, { devnetDir: devnet.dir });
//     …
//     await screenshot(app.browser, 'name');
//   });
//
// Every process the harness starts runs in its own process group and is registered;
// `cleanup()` (and the exit/signal handlers) stop them all. scripts/e2e.sh also sweeps
// what a killed test process could not stop (see SWITCHYARD_E2E_STATE).

import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { remote } from 'webdriverio';

if (process.env.VITEST) {
  // vitest's default include also matches e2e/*.test.mjs; these tests need scripts/e2e.sh.
  throw new Error("ui/e2e runs under `node --test` via scripts/e2e.sh, not vitest: exclude 'e2e/**' in the vitest config");
}

// ---------------------------------------------------------------------------------------
// Paths

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/switchyard/target');
export const bins = {
  cli: join(targetDir, 'debug/switchyard'),
  desktop: join(targetDir, 'debug/switchyard-desktop'),
  simulator: join(targetDir, 'debug/switchyard-hw-simulator'),
  tauriDriver:
    process.env.SWITCHYARD_TAURI_DRIVER || join(homedir(), '.cache/switchyard/tools/bin/tauri-driver'),
};
/** Screenshots, logs and anything else worth keeping from a run (gitignored). */
export const artifactsDir = process.env.SWITCHYARD_E2E_ARTIFACTS || join(repoRoot, 'target-e2e');
export const screenshotsDir = process.env.SWITCHYARD_E2E_SCREENSHOTS || join(artifactsDir, 'screenshots');
export const logsDir = join(artifactsDir, 'logs');

// The devnet finds anvil through SWITCHYARD_ANVIL, else through a path compiled into the
// CLI; point it at this checkout's tools/ so a CLI built from another checkout still works.
const anvil = join(repoRoot, 'tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil');
if (!process.env.SWITCHYARD_ANVIL && existsSync(anvil)) process.env.SWITCHYARD_ANVIL = anvil;

// ---------------------------------------------------------------------------------------
// Cleanup registry

const cleanups = []; // { name, async: () => Promise, sync: () => void }, run last-first
let exiting = false;

function register(name, asyncFn, syncFn, pgid) {
  const entry = { name, async: asyncFn, sync: syncFn, pgid, done: false };
  cleanups.push(entry);
  return async () => {
    if (entry.done) return;
    entry.done = true;
    cleanups.splice(cleanups.indexOf(entry), 1);
    await entry.async();
  };
}

/** Stops everything started so far (last started, first stopped). Safe to call twice. */
export async function cleanup() {
  const errors = [];
  while (cleanups.length > 0) {
    const entry = cleanups.pop();
    if (entry.done) continue;
    entry.done = true;
    try {
      await entry.async();
    } catch (err) {
      errors.push(`${entry.name}: ${err?.message ?? err}`);
    }
  }
  if (errors.length) throw new Error(`cleanup failed:\n${errors.join('\n')}`);
}

function cleanupSync() {
  // Signal every process group first, so they all stop in parallel while we wait.
  for (const entry of cleanups) if (entry.pgid && !entry.done) signalGroup(entry.pgid, 'SIGTERM');
  while (cleanups.length > 0) {
    const entry = cleanups.pop();
    if (entry.done) continue;
    entry.done = true;
    try {
      entry.sync();
    } catch {
      // best effort: scripts/e2e.sh sweeps what is left
    }
  }
}

process.on('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    cleanupSync();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[signal]);
  });
}

// Leaves a note for scripts/e2e.sh's sweep (it kills what a SIGKILLed test left behind).
function note(file, line) {
  const state = process.env.SWITCHYARD_E2E_STATE;
  if (state) appendFileSync(join(state, file), `${line}\n`);
}

// ---------------------------------------------------------------------------------------
// Small helpers

/** A directory under the system temp dir, removed at cleanup (kept if SWITCHYARD_E2E_KEEP=1). */
export function tempDir(prefix = 'switchyard-e2e-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => {
    if (!process.env.SWITCHYARD_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
  };
  register(`temp dir ${dir}`, async () => remove(), remove);
  return dir;
}

/** `n` distinct free TCP ports on 127.0.0.1 (held open together, so they differ). */
export async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise((ok, fail) => {
        server.once('error', fail);
        server.listen(0, '127.0.0.1', ok);
      });
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  }
}

export async function freePort() {
  return (await freePorts(1))[0];
}

/** Polls `fn` until it returns a truthy value; throws `what` after `timeout` ms. */
export async function waitFor(fn, { timeout = 10_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(interval);
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/**
 * Whether any process of group `pgid` still runs. Zombies do not count: `kill(-pgid, 0)`
 * would, and our own children stay zombies until node's event loop reaps them, which it
 * cannot do while a synchronous cleanup waits.
 */
function groupAlive(pgid) {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Spawns a long-running process in its own process group (so stopping it also stops
 * its children: WebKitWebDriver and the app under tauri-driver), with stdout and
 * stderr appended to `logs/<name>.log`. Returns { child, pid, log, stop, output() }.
 */
export function startProcess(name, file, args, { env = process.env, cwd } = {}) {
  mkdirSync(logsDir, { recursive: true });
  const log = join(logsDir, `${name}.log`);
  appendFileSync(log, `\n=== ${new Date().toISOString()} ${file} ${args.join(' ')}\n`);
  const child = spawn(file, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    appendFileSync(log, chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  child.once('error', (err) => collect(`spawn error: ${err.message}\n`));
  const pgid = child.pid;
  if (pgid) note('pgids', `${pgid} ${file}`);

  const stopSync = () => {
    if (!pgid || !groupAlive(pgid)) return;
    signalGroup(pgid, 'SIGTERM');
    for (let i = 0; i < 50 && groupAlive(pgid); i++) sleepSync(100);
    signalGroup(pgid, 'SIGKILL');
  };
  const stopAsync = async () => {
    if (!pgid || !groupAlive(pgid)) return;
    signalGroup(pgid, 'SIGTERM');
    // The group outlives its leader while children (the app, WebKit helpers) remain.
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
    if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
  };
  const stop = register(`${name} (pgid ${pgid})`, stopAsync, stopSync, pgid);
  return { child, pid: pgid, log, exited, stop, output: () => output };
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(file, args, { env = process.env, input, timeout = 60_000 } = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.once('error', fail);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) ok({ stdout, stderr });
      else fail(new Error(`${file} ${args.join(' ')} exited ${code ?? signal}\n${stdout}${stderr}`));
    });
    child.stdin.end(input ?? '');
  });
}

// ---------------------------------------------------------------------------------------
// The switchyard CLI and the devnet

/** Runs the `switchyard` CLI with `--json` and returns its parsed output (or raw text). */
export async function cli(args, { dataDir, env, input } = {}) {
  const full = [...(dataDir ? ['--data-dir', dataDir] : []), '--json', ...args];
  const { stdout } = await run(bins.cli, full, { env: { ...process.env, ...env }, input });
  try {
    return JSON.parse(stdout);
  } catch {
    return stdout;
  }
}

/**
 * Starts a devnet (`switchyard devnet up --detach`) in a fresh data directory; it prefers
 * ports 9545–9548 and takes free ones when those are taken. Returns
 * { dataDir, dir, manifest, rpc(nameOrChainId), stop }.
 */
export async function startDevnet({ blockTime = 1, dataDir = tempDir('switchyard-e2e-devnet-') } = {}) {
  const dir = join(dataDir, 'devnet');
  const base = [bins.cli, ['--data-dir', dataDir, 'devnet', '--dir', dir]];
  const down = async () => {
    if (existsSync(join(dir, 'devnet.json'))) await run(base[0], [...base[1], 'down']);
  };
  const downSync = () => {
    if (existsSync(join(dir, 'devnet.json')))
      execFileSync(base[0], [...base[1], 'down'], { stdio: 'ignore', timeout: 30_000 });
  };
  // Registered before `up`, so a half-started devnet is stopped too.
  const stop = register(`devnet ${dir}`, down, downSync);
  note('devnets', dir);
  await run(base[0], [...base[1], 'up', '--detach', '--block-time', String(blockTime)], { timeout: 120_000 });
  const manifest = JSON.parse(readFileSync(join(dir, 'devnet.json'), 'utf8'));
  const rpc = (which) => {
    const chain = manifest.chains.find((c) => c.name === which || c.chain_id === Number(which));
    if (!chain) throw new Error(`no devnet chain ${which}`);
    return chain.rpc_url;
  };
  return { dataDir, dir, manifest, rpc, stop };
}

// ---------------------------------------------------------------------------------------
// Hardware-wallet simulator

/**
 * Starts `switchyard-hw-simulator` (a Speculos-compatible Ledger APDU port, and an
 * emulated Trezor on UDP). Port 0 (the default) lets it pick free ports; it prints
 * "ledger ADDR" / "trezor ADDR" once listening. Returns { ledger, trezor, stop }.
 */
export async function startLedgerSimulator({ ledgerPort = 0, trezorPort = 0 } = {}) {
  const proc = startProcess('hw-simulator', bins.simulator, [
    '--ledger',
    `127.0.0.1:${ledgerPort}`,
    '--trezor',
    `127.0.0.1:${trezorPort}`,
  ]);
  let exited = false;
  proc.exited.then(() => (exited = true));
  const addrs = await waitFor(
    () => {
      if (exited) throw new Error(`simulator exited:\n${proc.output()}`);
      const ledger = /^ledger (\S+)$/m.exec(proc.output());
      const trezor = /^trezor (\S+)$/m.exec(proc.output());
      return ledger && trezor && { ledger: ledger[1], trezor: trezor[1] };
    },
    { timeout: 15_000, what: 'the hardware-wallet simulator' },
  );
  return { ...addrs, pid: proc.pid, stop: proc.stop };
}

// ---------------------------------------------------------------------------------------
// tauri-driver and app sessions

/**
 * Starts tauri-driver (which starts WebKitWebDriver) on free ports and waits until
 * `/status` answers. The app it launches inherits this environment, plus
 * SWITCHYARD_RECORD_IPC (every command result, one JSON line each, in `ipcLog`) and
 * private XDG config/cache/data dirs, so each driver's app starts with a fresh webview
 * profile. Returns { port, url, ipcLog, readIpc(), stop }.
 */
export async function startDriver({ env: extraEnv = {} } = {}) {
  if (!process.env.DISPLAY) throw new Error('no DISPLAY: run the end-to-end tests through scripts/e2e.sh');
  if (!existsSync(bins.tauriDriver)) throw new Error(`${bins.tauriDriver} is missing: run scripts/setup.sh`);
  const home = tempDir('switchyard-e2e-app-');
  const ipcLog = join(home, 'ipc.jsonl');
  for (const d of ['config', 'cache', 'data']) mkdirSync(join(home, d));
  const env = {
    ...process.env,
    SWITCHYARD_RECORD_IPC: ipcLog,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_DATA_HOME: join(home, 'data'),
    ...extraEnv,
  };
  const [port, nativePort] = await freePorts(2);
  const proc = startProcess('tauri-driver', bins.tauriDriver, ['--port', String(port), '--native-port', String(nativePort)], { env });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  proc.exited.then(() => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`tauri-driver exited:\n${proc.output()}`);
      const res = await fetch(`${url}/status`);
      return res.ok && (await res.json()).value?.ready;
    },
    { timeout: 15_000, what: `tauri-driver on ${url}/status` },
  );
  const readIpc = () =>
    existsSync(ipcLog)
      ? readFileSync(ipcLog, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
      : [];
  return { port, url, pid: proc.pid, home, ipcLog, readIpc, stop: proc.stop };
}

/**
 * Launches the app through `driver` and opens a WebDriver session on it:
 * `switchyard-desktop --data-dir DIR --devnet-dir DEVNET_DIR`. Returns
 * { browser, dataDir, close }; closing the session closes the app.
 */
export async function openApp(driver, { dataDir = tempDir('switchyard-e2e-data-'), devnetDir, args = [] } = {}) {
  const appArgs = ['--data-dir', dataDir, ...(devnetDir ? ['--devnet-dir', devnetDir] : []), ...args];
  const browser = await remote({
    hostname: '127.0.0.1',
    port: driver.port,
    logLevel: process.env.SWITCHYARD_E2E_WDIO_LOG || 'error',
    connectionRetryCount: 0,
    capabilities: {
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: bins.desktop, args: appArgs },
    },
  });
  const close = register(
    `app session ${browser.sessionId}`,
    async () => {
      try {
        await browser.deleteSession();
      } catch {
        // the driver's process group is stopped after this anyway
      }
    },
    () => {}, // on a hard exit, stopping tauri-driver's process group closes the app
  );
  return { browser, dataDir, args: appArgs, close };
}

/** The PIDs of the apps running under `driver` (in its process group, under WebKitWebDriver). */
export function appPids(driver) {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, pgid, exe]) => pid && Number(pgid) === driver.pid && exe === bins.desktop)
    .map(([pid]) => Number(pid));
}

/** The command line of a running process, as an argument array. */
export function cmdline(pid) {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
}

/** The environment of a running process, as an object. */
export function environ(pid) {
  return Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

/** Resolves once the page has painted its current DOM (two animation frames, at most 1 s). */
export async function painted(browser) {
  await browser.executeAsync((done) => {
    const timer = setTimeout(done, 1000);
    requestAnimationFrame(() => requestAnimationFrame(() => (clearTimeout(timer), done())));
  });
}

/**
 * Saves a PNG of the app's window to `screenshotsDir/<name>.png` and returns its path.
 * Waits for a paint first: WebKitWebDriver captures the last painted frame, so a
 * screenshot taken right after the DOM changed shows the previous state.
 */
export async function screenshot(browser, name) {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await painted(browser);
  await browser.saveScreenshot(file);
  return file;
}

/**
 * Runs `fn(browser)` and, if it throws, saves a screenshot named `FAILED-<name>` before
 * rethrowing (the screenshot is the first thing to look at when a CI run fails).
 */
export async function withFailureScreenshot(browser, name, fn) {
  try {
    return await fn(browser);
  } catch (err) {
    try {
      const file = await screenshot(browser, `FAILED-${name}`);
      err.message += `\n(screenshot: ${file})`;
    } catch {
      // the app may be gone
    }
    throw err;
  }
}
