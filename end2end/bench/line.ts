// A weak mobile line for the benchmarks: a proxy in front of the server that every request of
// the page and of its service worker goes through (the DevTools protocol's network throttling
// would slow the page's requests only, not the worker's): one shared 1.6 Mbps downlink, 150 ms
// round trip (75 ms each way), as Lighthouse's mobile preset.
import { createServer, connect, type Socket } from 'node:net';

const DOWN_BYTES_PER_MS = (1.6 * 1000 * 1000) / 8 / 1000;
const ONE_WAY_MS = 75;

/** The line from the browser to the server at `port`, listening on `linePort`: each chunk from
 * the server reaches the browser when the shared downlink has carried it, plus the one-way
 * delay; requests go up after the one-way delay. `carried.bytes` counts what came down. */
export function line(port: number, linePort: number) {
  const carried = { bytes: 0 };
  let downFreeAt = 0;
  const server = createServer((client: Socket) => {
    const upstream = connect(port, '127.0.0.1');
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (data: Buffer) => setTimeout(() => upstream.write(data), ONE_WAY_MS));
    upstream.on('data', (data: Buffer) => {
      carried.bytes += data.length;
      const now = Date.now();
      downFreeAt = Math.max(downFreeAt, now) + data.length / DOWN_BYTES_PER_MS;
      setTimeout(() => client.write(data), downFreeAt - now + ONE_WAY_MS);
    });
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', () => setTimeout(close, 2 * ONE_WAY_MS + Math.max(0, downFreeAt - Date.now())));
    upstream.on('close', () => setTimeout(close, ONE_WAY_MS + Math.max(0, downFreeAt - Date.now())));
  });
  const stop = () => new Promise<void>((done) => server.close(() => done()));
  return new Promise<{ carried: { bytes: number }; stop: () => Promise<void> }>((resolve) =>
    server.listen(linePort, '127.0.0.1', () => resolve({ carried, stop })),
  );
}

