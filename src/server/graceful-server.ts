import type { Server, ServerResponse } from 'node:http';

export interface GracefulServer {
  /**
   * Stops taking connections, closes idle kept-alive ones and tells clients with a request in flight
   * to close theirs once answered (`Connection: close`); resolves once every connection has closed,
   * or after `timeoutMs`, when the connections still busy are cut (their number is returned).
   */
  drain(timeoutMs: number): Promise<{ cut: number }>;
}

/**
 * Node's `server.close()` alone lets a kept-alive connection carry request after request while the
 * server drains, so a busy client holds the drain up until the timeout cuts everything. Here each
 * response during the drain carries `Connection: close`, after which Node closes the connection.
 */
export function gracefulServer(server: Server): GracefulServer {
  const active = new Set<ServerResponse>();
  let draining = false;
  const closeIdle = () => setImmediate(() => server.closeIdleConnections());
  server.prependListener('request', (_request, response: ServerResponse) => {
    active.add(response);
    if (draining) response.setHeader('connection', 'close');
    response.once('close', () => {
      active.delete(response);
      if (draining) closeIdle();
    });
  });
  return {
    async drain(timeoutMs) {
      draining = true;
      for (const response of active) if (!response.headersSent) response.setHeader('connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let cut = 0;
      const timer = setTimeout(() => {
        cut = active.size;
        server.closeAllConnections();
      }, timeoutMs);
      await closed;
      clearTimeout(timer);
      return { cut };
    },
  };
}
