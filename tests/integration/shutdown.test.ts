import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStreamReader } from '../support/event-stream.js';
import { type ServiceProcess, startService } from '../support/service-process.js';

interface Outcome {
  /** `ok`: a whole response; `refused`: no connection, nothing was sent; `lost`: sent, and no response. */
  result: 'ok' | 'refused' | 'lost';
  connection?: string;
  startedBeforeSigterm: boolean;
}

const BODY = JSON.stringify({ query: '{ __typename }' });

/**
 * A slow request: the headers and half of the body at once, the rest `slowMs` later. The service has
 * the request in flight all that time, whatever its database does.
 */
function slowPost(port: number, agent: Agent, slowMs: number, sigtermSent: () => boolean): Promise<Outcome> {
  const startedBeforeSigterm = !sigtermSent();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            result: res.statusCode === 200 && text.includes('"__typename":"Query"') ? 'ok' : 'lost',
            connection: res.headers.connection,
            startedBeforeSigterm,
          }),
        );
        res.on('error', () => resolve({ result: 'lost', startedBeforeSigterm }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ result: error.code === 'ECONNREFUSED' ? 'refused' : 'lost', startedBeforeSigterm }),
    );
    req.write(BODY.slice(0, 10));
    setTimeout(() => req.end(BODY.slice(10)), slowMs);
  });
}

describe('SIGTERM while keep-alive clients have slow requests in flight', () => {
  let service: ServiceProcess;
  let child: ChildProcess;
  let port: number;
  const output = () => service.output();

  beforeAll(async () => {
    service = await startService({ SHUTDOWN_TIMEOUT_MS: '8000', LOG_LEVEL: 'info' });
    child = service.child;
    port = service.port;
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('finishes every in-flight request, closes the kept-alive connections and exits well before the timeout', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    let sigterm: number | undefined;
    const sigtermSent = () => sigterm !== undefined;
    // One kept-alive connection left idle: it must not hold the drain up.
    expect((await slowPost(port, agent, 0, sigtermSent)).result).toBe('ok');

    // Three clients, each sending slow requests one after another on its kept-alive connection until
    // the service stops taking them.
    const inFlight = new Set<number>();
    const clients = [0, 1, 2].map(async (client) => {
      const outcomes: Outcome[] = [];
      for (let n = 0; n < 40; n++) {
        inFlight.add(client);
        const outcome = await slowPost(port, agent, 700, sigtermSent);
        inFlight.delete(client);
        outcomes.push(outcome);
        if (outcome.result !== 'ok') break;
      }
      return outcomes;
    });
    // SIGTERM once every client is in the middle of its second request.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    while (inFlight.size < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    sigterm = performance.now();
    child.kill('SIGTERM');
    const exited = once(child, 'exit').then(([code]) => ({ code, ms: performance.now() - (sigterm as number) }));
    const perClient = await Promise.all(clients);
    const exit = await exited;
    agent.destroy();

    const outcomes = perClient.flat();
    expect(outcomes.filter((o) => o.result === 'lost')).toEqual([]);
    // The request each client had in flight at SIGTERM was answered, telling the client to close the
    // connection; the client's next request found the port closed.
    expect(perClient.map((mine) => mine.filter((o) => o.startedBeforeSigterm).at(-1))).toEqual(
      Array(3).fill({ result: 'ok', connection: 'close', startedBeforeSigterm: true }),
    );
    expect(outcomes.filter((o) => !o.startedBeforeSigterm).map((o) => o.result)).toEqual([
      'refused',
      'refused',
      'refused',
    ]);
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(4_000);
    expect(output()).toContain('"msg":"stopped"');
  });
});

describe('SIGTERM while apps hold graphChanged streams open', () => {
  let service: ServiceProcess;

  beforeAll(async () => {
    service = await startService({ SHUTDOWN_TIMEOUT_MS: '8000', LOG_LEVEL: 'info', GRAPH_WATCH_INTERVAL_MS: '200' });
  });

  afterAll(() => {
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
  });

  it('ends every stream with `complete` and exits without waiting for the drain timeout', async () => {
    const url = `${service.baseUrl}/graphql`;
    const streams = await Promise.all(
      [0, 1, 2].map(() => EventStreamReader.open(url, { query: 'subscription { graphChanged { version } }' })),
    );
    for (const stream of streams) expect(stream.response.status).toBe(200);
    // Each stream has started (yoga's first keep-alive comment) before the signal.
    while (streams.some((stream) => stream.comments === 0)) await new Promise((resolve) => setTimeout(resolve, 10));

    const sigterm = performance.now();
    service.child.kill('SIGTERM');
    const [code] = await once(service.child, 'exit');
    const exitMs = performance.now() - sigterm;
    for (const stream of streams) {
      expect(await stream.next()).toMatchObject({ event: 'complete' });
      expect(await stream.next()).toBe('end');
    }
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(4_000);
    expect(service.output()).not.toContain('connections still busy');
  });
});
