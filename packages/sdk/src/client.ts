import type { FigureDocument } from '@netpad/figure';
import { Batcher } from './batch';
import { ConfigurationError } from './errors';
import { appCredentials, type TokenProvider } from './token';
import { defaultSleep, Transport, type Reply } from './transport';
import type { Account, Dimensions, Entitlement, HeldRight, FigureSummary, Offer, Order, Quote, SearchFilters, SpaceFigure, Wallet } from './types';

/** What every client is given, whichever way it gets its tokens. */
export interface NetpadClientBaseOptions {
  /** The platform's base URL, e.g. `https://netpad.example`. */
  platform: string;
  /** Your app's client id. */
  clientId: string;
  /** Milliseconds per attempt; default 10,000. */
  timeout?: number;
  /** Extra attempts for idempotent requests (GET, PUT, DELETE, orders with their key); default 2. */
  retries?: number;
  /** Longest Retry-After (seconds) to wait for by itself; default 10. */
  maxRetryAfter?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

/**
 * How a client gets its tokens: an app key (servers only), a token provider (a backend that
 * hands tokens out, a signed-in user), or neither (public data only) — never both.
 */
export type NetpadClientOptions = NetpadClientBaseOptions &
  (
    | {
        /** Server only: your app key (client_credentials). Refused in a browser. */
        appKey: string;
        tokenProvider?: never;
      }
    | {
        appKey?: never;
        /** Where tokens come from, when not `appKey` (e.g. your backend, or a signed-in user). */
        tokenProvider?: TokenProvider;
      }
  );

export interface CallOptions {
  signal?: AbortSignal;
}

export interface FigureResult {
  id: string;
  document: FigureDocument;
  entitlement: Entitlement;
  etag: string;
  /** `true` when the platform answered 304 and the cached copy was used. */
  fromCache: boolean;
}

/** At most this many ids go into one entitlement check request. */
export const CHECK_BATCH_SIZE = 50;

const json = <T>(reply: Reply): T => JSON.parse(reply.text) as T;
const enc = encodeURIComponent;

function newIdempotencyKey(): string {
  return `npsdk-${crypto.randomUUID()}`;
}

/**
 * The Netpad platform client: one API for browsers and Node.
 *
 * ```ts
 * const client = new NetpadClient({ platform, clientId: 'demo-textbook', appKey }); // server
 * const { document, entitlement } = await client.figures.get('triangle-centres');
 * ```
 */
export class NetpadClient {
  readonly platform: string;
  readonly clientId: string;
  private readonly transport: Transport;
  private readonly documents = new Map<string, { etag: string; document: FigureDocument; entitlement: Entitlement }>();
  private readonly checks: Batcher<Entitlement | null>;

  constructor(options: NetpadClientOptions) {
    if (!options.platform) throw new ConfigurationError('NetpadClient needs `platform`, the platform base URL');
    if (!options.clientId) throw new ConfigurationError('NetpadClient needs `clientId`');
    let base: URL;
    try {
      base = new URL(options.platform);
    } catch {
      throw new ConfigurationError(`platform "${options.platform}" is not a URL: write it with its scheme, e.g. https://netpad.example`);
    }
    // `localhost:4000` parses as a URL of scheme "localhost:"; it is a platform without a scheme.
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new ConfigurationError(`platform "${options.platform}" has no http(s) scheme: write it as https://${options.platform.replace(/^\/+/, '')}`);
    }
    if (options.appKey && options.tokenProvider) throw new ConfigurationError('Give `appKey` or `tokenProvider`, not both');
    this.platform = base.origin;
    this.clientId = options.clientId;
    const tokens = options.appKey
      ? appCredentials({ platform: this.platform, clientId: options.clientId, appKey: options.appKey, fetch: options.fetch })
      : options.tokenProvider;
    this.transport = new Transport({
      baseUrl: this.platform,
      fetch: options.fetch ?? ((...args) => fetch(...args)),
      timeout: options.timeout ?? 10_000,
      retries: options.retries ?? 2,
      maxRetryAfter: options.maxRetryAfter ?? 10,
      tokens,
      sleep: defaultSleep,
      random: Math.random,
      serverSide: typeof document === 'undefined',
    });
    this.checks = new Batcher(async (ids) => {
      const reply = await this.transport.send({ method: 'POST', path: '/v1/entitlements/check', body: { ids }, idempotent: true });
      return json<{ entitlements: Record<string, Entitlement | null> }>(reply).entitlements;
    }, CHECK_BATCH_SIZE);
  }

  readonly figures = {
    /**
     * A figure's document with the caller's effective entitlement. Revalidates a cached copy
     * with its ETag (a 304 costs no download).
     */
    get: async (id: string, options: CallOptions = {}): Promise<FigureResult> => {
      const cached = this.documents.get(id);
      const reply = await this.transport.send({
        path: `/v1/figures/${enc(id)}/document`,
        headers: cached ? { 'if-none-match': cached.etag } : {},
        signal: options.signal,
      });
      const header = reply.headers.get('netpad-entitlement');
      if (reply.status === 304 && cached) {
        const entitlement = header ? (JSON.parse(header) as Entitlement) : cached.entitlement;
        return { id, document: cached.document, entitlement, etag: cached.etag, fromCache: true };
      }
      const document = json<FigureDocument>(reply);
      const entitlement: Entitlement = header ? (JSON.parse(header) as Entitlement) : { actions: ['view'], expiresAt: null, via: [] };
      const etag = reply.headers.get('etag') ?? '';
      if (etag) this.documents.set(id, { etag, document, entitlement });
      return { id, document, entitlement, etag, fromCache: false };
    },
    /** Metadata and effective entitlement (no document). */
    metadata: async (id: string, options: CallOptions = {}): Promise<FigureSummary> =>
      json(await this.transport.send({ path: `/v1/figures/${enc(id)}`, signal: options.signal })),
    /** The SVG poster's URL (public; use it as an image source). */
    posterUrl: (id: string): string => new URL(`/v1/figures/${enc(id)}/poster.svg`, this.platform).href,
  };

  readonly entitlements = {
    /** The caller's entitlement on each figure (`null` for an unknown id). Calls made in one task are batched. */
    check: async (ids: readonly string[]): Promise<Record<string, Entitlement | null>> => {
      const unique = [...new Set(ids)];
      const values = await Promise.all(unique.map((id) => this.checks.get(id)));
      return Object.fromEntries(unique.map((id, i) => [id, values[i] ?? null]));
    },
  };

  readonly catalog = {
    /** The catalogue's trees: the curriculum (stage › grade › edition › volume › chapter › section) and the topics. */
    dimensions: async (options: CallOptions = {}) => json<Dimensions>(await this.transport.send({ path: '/v1/dimensions', signal: options.signal })),
    /** Every figure matching the filters, page by page: `for await (const f of client.catalog.search({ stage: 'junior' }))`. */
    search: (filters: SearchFilters = {}, options: CallOptions & { pageSize?: number } = {}): AsyncIterable<FigureSummary> => {
      const transport = this.transport;
      return {
        async *[Symbol.asyncIterator]() {
          let cursor: string | null = null;
          do {
            const params = new URLSearchParams();
            for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') params.set(k, String(v));
            if (options.pageSize) params.set('limit', String(options.pageSize));
            if (cursor) params.set('cursor', cursor);
            const page: { items: FigureSummary[]; next: string | null } = json(await transport.send({ path: `/v1/figures?${params}`, signal: options.signal }));
            yield* page.items;
            cursor = page.next;
          } while (cursor);
        },
      };
    },
  };

  readonly space = {
    list: async (options: CallOptions = {}) => json<{ items: SpaceFigure[] }>(await this.transport.send({ path: '/v1/space/figures', signal: options.signal })).items,
    get: async (id: string, options: CallOptions = {}) => {
      const reply = await this.transport.send({ path: `/v1/space/figures/${enc(id)}`, signal: options.signal });
      return { document: json<FigureDocument>(reply), etag: reply.headers.get('etag') ?? '' };
    },
    /** Stores a new figure; a POST, so it is not retried (a retry could store it twice). */
    save: async (document: FigureDocument, options: CallOptions = {}) =>
      json<SpaceFigure>(await this.transport.send({ method: 'POST', path: '/v1/space/figures', body: { document }, signal: options.signal, idempotent: false })),
    /** Copies a catalogue figure into the user's space (needs `save_as`). */
    saveAs: async (figureId: string, options: CallOptions = {}) =>
      json<SpaceFigure>(await this.transport.send({ method: 'POST', path: '/v1/space/figures', body: { from: figureId }, signal: options.signal, idempotent: false })),
    /** Replaces a figure if it is still at `etag`; a ConflictError means someone else saved first. */
    update: async (id: string, document: FigureDocument, etag: string, options: CallOptions = {}) =>
      json<SpaceFigure>(await this.transport.send({ method: 'PUT', path: `/v1/space/figures/${enc(id)}`, body: document, headers: { 'if-match': etag }, signal: options.signal })),
    delete: async (id: string, options: CallOptions & { etag?: string } = {}) => {
      await this.transport.send({ method: 'DELETE', path: `/v1/space/figures/${enc(id)}`, headers: options.etag ? { 'if-match': options.etag } : {}, signal: options.signal });
    },
  };

  readonly orders = {
    offers: async (figureId: string, options: CallOptions = {}) => json<{ items: Offer[] }>(await this.transport.send({ path: `/v1/offers?figure=${enc(figureId)}`, signal: options.signal })).items,
    quote: async (offerId: string, options: CallOptions = {}) =>
      json<Quote>(await this.transport.send({ method: 'POST', path: '/v1/orders/quote', body: { offerId }, signal: options.signal, idempotent: true })),
    /**
     * Creates an order. Its idempotency key is made once and reused on every retry, so a
     * dropped connection never creates a second order; pass your own to retry across reloads.
     */
    create: async (offerId: string, options: CallOptions & { idempotencyKey?: string } = {}) =>
      json<Order>(
        await this.transport.send({
          method: 'POST',
          path: '/v1/orders',
          body: { offerId },
          headers: { 'idempotency-key': options.idempotencyKey ?? newIdempotencyKey() },
          signal: options.signal,
          idempotent: true,
        }),
      ),
    /** Pays from the wallet; paying twice charges once (`charged: false`). */
    pay: async (orderId: string, options: CallOptions = {}) =>
      json<{ order: Order; charged: boolean }>(await this.transport.send({ method: 'POST', path: `/v1/orders/${enc(orderId)}/pay`, signal: options.signal, idempotent: true })),
    list: async (options: CallOptions = {}) => json<{ items: Order[] }>(await this.transport.send({ path: '/v1/orders', signal: options.signal })).items,
  };

  readonly wallet = {
    get: async (options: CallOptions = {}) => json<Wallet>(await this.transport.send({ path: '/v1/wallet', signal: options.signal })),
  };

  /** The signed-in user (a user token only). */
  readonly account = {
    /** Who is signed in: names to show instead of ids. */
    me: async (options: CallOptions = {}) => json<Account>(await this.transport.send({ path: '/v1/me', signal: options.signal })),
    /** What the user owns: current rights first, then those that ended in the last 90 days. */
    rights: async (options: CallOptions = {}) => json<{ items: HeldRight[] }>(await this.transport.send({ path: '/v1/me/rights', signal: options.signal })).items,
  };
}
