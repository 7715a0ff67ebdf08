// Deploys of the release build for the tests and benchmarks of updates: a server of its own on
// a port, restarted on another build as a deploy does, and a build with one bundle changed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { serverBin as helperServerBin } from './helpers';

export const root = path.resolve(__dirname, '..', '..');
const serverBin = helperServerBin();

/** A server of the release build on `port` (a fresh one per deploy, as a restart is). */
export function deployment(port: number) {
  const origin = `http://127.0.0.1:${port}`;

  async function startServer(dist: string, data: string): Promise<ChildProcess> {
    const server = spawn(serverBin, ['--listen', `127.0.0.1:${port}`, '--dist', dist, '--data-dir', data], {
      env: { ...process.env, RUST_LOG: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        if ((await fetch(`${origin}/api/health`)).ok) return server;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    server.kill();
    throw new Error('the server did not start');
  }

  async function stopServer(server: ChildProcess) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }

  return { origin, startServer, stopServer };
}

/** A copy of the build at `dist` in which one bundle changed, as a rebuild of that bundle
 * alone makes it: its wasm has other content under another hashed name, its index.html names
 * it, and the service worker is stamped again (by `stamp`, a stamp-sw.sh). Returns the new
 * wasm's path. */
export function changeOneBundle(
  dist: string,
  next: string,
  bundle: string,
  stamp = path.join(root, 'scripts/stamp-sw.sh'),
): string {
  fs.cpSync(dist, next, { recursive: true });
  const folder = path.join(next, bundle);
  const wasm = fs.readdirSync(folder).find((name) => /-[0-9a-f]{8,16}_bg\.wasm$/.test(name));
  if (!wasm) throw new Error(`no hashed wasm in ${folder}`);
  // A custom section at the end: other bytes, the same program.
  const name = Buffer.from('guichet-next');
  const section = Buffer.concat([Buffer.from([0, name.length + 1, name.length]), name]);
  const content = Buffer.concat([fs.readFileSync(path.join(folder, wasm)), section]);
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const renamed = wasm.replace(/-[0-9a-f]{8,16}_bg\.wasm$/, `-${hash}_bg.wasm`);
  for (const suffix of ['', '.br', '.gz']) fs.rmSync(path.join(folder, wasm + suffix), { force: true });
  const index = path.join(folder, 'index.html');
  // Precompressed as the build does (scripts/post-build.sh), so the server sends brotli.
  for (const [file, bytes] of [
    [path.join(folder, renamed), content],
    [index, Buffer.from(fs.readFileSync(index, 'utf8').replaceAll(wasm, renamed))],
  ] as const) {
    fs.writeFileSync(file, bytes);
    fs.writeFileSync(file + '.br', brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    fs.writeFileSync(file + '.gz', gzipSync(bytes, { level: 9 }));
  }
  execFileSync(stamp, [next], { stdio: 'ignore' });
  return `/${bundle}/${renamed}`;
}

