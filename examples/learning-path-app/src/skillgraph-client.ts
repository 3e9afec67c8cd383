import { type AnyVariables, Client, type CombinedError, fetchExchange, type TypedDocumentNode } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';

export interface SkillGraphOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** Sent as `Authorization: Bearer <key>`; without one the app reads anonymously, where the service allows it. */
  apiKey?: string;
  /**
   * `trusted`: send only the hash codegen computed at build time (the service runs our manifest with
   * PERSISTED_ONLY=true). `automatic`: Automatic Persisted Queries, the full text sent once per hash.
   */
  persisted: 'trusted' | 'automatic';
  /** How many times to wait out a 429 before giving up. */
  maxRateLimitRetries?: number;
  /** Told when the app waits for the rate limit, so a caller can show it. */
  onRateLimited?: (retryAfterSeconds: number) => void;
}

/** An error SkillGraph answered with, by its stable `extensions.code`. */
export class SkillGraphError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

interface Meta {
  __meta__?: { hash?: string };
}

export class SkillGraph {
  readonly #client: Client;

  constructor(private readonly options: SkillGraphOptions) {
    this.#client = new Client({
      url: options.url,
      // Answers change only with the graph: the service's ETags and response cache do the caching.
      requestPolicy: 'network-only',
      fetchOptions: () =>
        ({ headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {} }) as RequestInit,
      exchanges: [
        persistedExchange({
          preferGetForPersistedQueries: true,
          enforcePersistedQueries: options.persisted === 'trusted',
          // codegen put each operation's hash in the document: the same hash the manifest lists.
          generateHash:
            options.persisted === 'trusted'
              ? // The manifest names it `sha256:<hex>` (GraphQL over HTTP); the APQ extension carries the hex.
                async (_query, document) => (document as Meta).__meta__?.hash?.replace(/^sha256:/, '') ?? null
              : undefined,
        }),
        fetchExchange,
      ],
    });
  }

  /** Runs a query; a GraphQL error becomes a SkillGraphError, a 429 is waited out (`Retry-After`) and retried. */
  async query<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<Data> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.#client.query(document, variables).toPromise();
      if (!result.error && result.data) return result.data;
      const error = toSkillGraphError(result.error);
      // Whatever the service says, wait between 1 s and a minute.
      const asked = Number(error.extensions.retryAfterSeconds);
      const retryAfter = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), 60) : 1;
      if (error.code !== 'RATE_LIMITED' || attempt >= (this.options.maxRateLimitRetries ?? 3)) throw error;
      this.options.onRateLimited?.(retryAfter);
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    }
  }
}

function toSkillGraphError(error: CombinedError | undefined): SkillGraphError {
  const [first] = error?.graphQLErrors ?? [];
  if (first) {
    const extensions = first.extensions ?? {};
    return new SkillGraphError(first.message, String(extensions.code ?? 'INTERNAL_SERVER_ERROR'), extensions);
  }
  const status = error?.response?.status;
  return new SkillGraphError(
    error?.networkError?.message ?? `SkillGraph answered ${status ?? 'nothing'}`,
    'NETWORK_ERROR',
    { status },
  );
}
