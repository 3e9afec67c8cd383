import { pipeline, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

export type Encoding = 'br' | 'gzip';

const ENCODINGS: readonly Encoding[] = ['br', 'gzip'];
const COMPRESSIBLE = /^(text\/(?!event-stream)|application\/([\w.-]+\+)?(json|javascript|xml)|image\/svg\+xml)/i;

/**
 * The content coding to answer with, of `available` (in the server's order of preference), honouring the
 * client's q-values (RFC 9110 §12.5.3); `undefined` for none, i.e. identity.
 */
export function negotiateEncoding(
  acceptEncoding: string | null,
  available: readonly Encoding[] = ENCODINGS,
): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [coding = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (coding && Number.isFinite(weight)) weights.set(coding, weight);
  }
  let best: Encoding | undefined;
  let bestWeight = 0;
  for (const encoding of available) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [encoding, weight];
  }
  return best;
}

/** Adds `Accept-Encoding` to a response's `Vary` header. */
export function varyOnAcceptEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'Accept-Encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, Accept-Encoding`);
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compresses with settings for bodies made per request: fast, at most a few per cent larger than the best. */
function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : gzipAsync(body, { level: 6 });
}

/**
 * Compresses a body streamed as it is made (an export) chunk by chunk, holding none of it; an error of the
 * source breaks the compressed stream off too.
 */
function compressStream(body: AsyncIterable<Uint8Array>, encoding: Encoding): Readable {
  const compressor =
    encoding === 'br'
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
      : createGzip({ level: 6 });
  return pipeline(Readable.from(body), compressor, () => {});
}

/**
 * Compresses responses of textual types (JSON, CSV, HTML…) of at least `minBytes` with brotli or gzip, as
 * the client's Accept-Encoding allows; streamed bodies (no Content-Length) chunk by chunk. Leaves alone HEAD, bodiless statuses (204, 304), partial content,
 * event streams (compression would hold events back), bodies already encoded and `no-transform`.
 */
export function useResponseCompression({ minBytes = 1024 }: { minBytes?: number } = {}): Plugin {
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const { headers, status } = response;
      if (request.method === 'HEAD' || status === 204 || status === 206 || status === 304 || !response.body) return;
      if (headers.has('content-encoding') || /no-transform/i.test(headers.get('cache-control') ?? '')) return;
      if (!COMPRESSIBLE.test(headers.get('content-type') ?? '')) return;
      const declaredLength = headers.get('content-length');
      if (declaredLength !== null && Number(declaredLength) < minBytes) return;
      if (declaredLength === null) {
        // A body of unknown length is a stream made as it is read: compressed as it goes, never buffered.
        const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
        const newHeaders = new fetchAPI.Headers(headers);
        varyOnAcceptEncoding(newHeaders);
        if (encoding) {
          newHeaders.set('content-encoding', encoding);
          const etag = newHeaders.get('etag');
          if (etag?.startsWith('"')) newHeaders.set('etag', `W/${etag}`);
        }
        // yoga's Response takes a Node stream as its body
        const body = encoding
          ? (compressStream(response.body as unknown as AsyncIterable<Uint8Array>, encoding) as unknown as BodyInit)
          : response.body;
        setResponse(new fetchAPI.Response(body, { status, statusText: response.statusText, headers: newHeaders }));
        return;
      }

      const body = Buffer.from(await response.arrayBuffer());
      const newHeaders = new fetchAPI.Headers(headers);
      const respond = (bytes: Buffer) =>
        setResponse(
          new fetchAPI.Response(bytes as Uint8Array<ArrayBuffer>, {
            status,
            statusText: response.statusText,
            headers: newHeaders,
          }),
        );
      if (body.length < minBytes) return respond(body);

      varyOnAcceptEncoding(newHeaders);
      const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
      if (!encoding) return respond(body);
      const compressed = await compress(body, encoding);
      newHeaders.set('content-encoding', encoding);
      newHeaders.set('content-length', String(compressed.length));
      // a strong validator promises identical bytes, which a compressed body no longer has
      const etag = newHeaders.get('etag');
      if (etag?.startsWith('"')) newHeaders.set('etag', `W/${etag}`);
      respond(compressed);
    },
  };
}
