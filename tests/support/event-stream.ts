/** One event of a `text/event-stream` body: its type (`next`, `complete`) and its data, parsed as JSON when there is some. */
export interface StreamEvent {
  event: string | undefined;
  data: any;
  /** When the block that carried it was read (performance.now()). */
  receivedAt: number;
}

/**
 * Reads a Server-Sent Events body as it arrives, block by block: events are queued for `next()`, comment
 * lines (keep-alive pings) counted.
 */
export class EventStreamReader {
  readonly #events: StreamEvent[] = [];
  readonly #waiters: (() => void)[] = [];
  #buffer = '';
  #ended = false;
  comments = 0;

  constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    void this.#read();
  }

  /**
   * POSTs (or GETs, with `query` as a parameter) a GraphQL operation to `url` asking for an event stream,
   * and starts reading it.
   */
  static async open(
    url: string,
    payload: { query?: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> },
    {
      method = 'POST',
      headers = {},
      fetch: fetchFn = fetch,
    }: {
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      fetch?: (input: string, init: RequestInit) => Promise<Response> | Response;
    } = {},
  ): Promise<EventStreamReader> {
    const abort = new AbortController();
    const init: RequestInit = { method, signal: abort.signal, headers: { accept: 'text/event-stream', ...headers } };
    let target = url;
    if (method === 'GET') {
      const withParams = new URL(url);
      for (const [name, value] of Object.entries(payload)) {
        if (value !== undefined)
          withParams.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
      target = withParams.toString();
    } else {
      init.body = JSON.stringify(payload);
      init.headers = { ...init.headers, 'content-type': 'application/json' };
    }
    return new EventStreamReader(await fetchFn(target, init), abort);
  }

  async #read(): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
        this.#buffer += decoder.decode(chunk, { stream: true });
        this.#takeBlocks();
      }
    } catch {
      // aborted by close(), or the connection broke: the stream ends either way
    }
    this.#ended = true;
    this.#wake();
  }

  #takeBlocks(): void {
    let end = this.#buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      let event: string | undefined;
      const data: string[] = [];
      let comment = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comment = true;
        else if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trim());
      }
      if (comment && event === undefined && data.length === 0) this.comments += 1;
      else {
        const text = data.join('\n');
        this.#events.push({ event, data: text ? JSON.parse(text) : undefined, receivedAt: performance.now() });
      }
      end = this.#buffer.indexOf('\n\n');
    }
    this.#wake();
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  /** The next event, or `'end'` once the stream has ended; rejects after `timeoutMs` without one. */
  async next(timeoutMs = 5_000): Promise<StreamEvent | 'end'> {
    const deadline = performance.now() + timeoutMs;
    while (this.#events.length === 0 && !this.#ended) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.#events.shift() ?? 'end';
  }

  /** Events received and not yet taken with `next()`. */
  get pending(): readonly StreamEvent[] {
    return this.#events;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Leaves: the connection is closed from this side. */
  close(): void {
    this.abort.abort();
  }
}
