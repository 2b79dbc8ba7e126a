import type { Entitlement, FigureResult, Offer, Wallet } from '@netpad/sdk';
import { errorNamed } from '../../internal/errors';
import { loadRenderer } from '../../internal/load-renderer';
import type { Connection } from '../../internal/platform-client';

/** Where a figure from the platform stands for this reader, decided before anything is drawn. */
export type ResourceOutcome =
  | { kind: 'entitled'; result: FigureResult }
  | { kind: 'not-found' }
  /** Not free, and nobody is signed in: what it would cost (offers are public). */
  | { kind: 'sign-in'; offers: Offer[] }
  /** Not free, and readers cannot sign in here (a vendor's app token only covers so much). */
  | { kind: 'unavailable' }
  /** Signed in, not entitled: what is on sale, and the wallet. `expired` when a right lapsed. */
  | { kind: 'purchase'; entitlement: Entitlement; offers: Offer[]; wallet: Wallet | undefined; expired: string | undefined };

/**
 * Looks the entitlement up first (calls from many elements in one task share one batched
 * request), and fetches the document only when the reader may view it.
 */
export async function resolveResource(connection: Connection, id: string, signal: AbortSignal): Promise<ResourceOutcome> {
  let entitlement: Entitlement | null | undefined;
  try {
    entitlement = (await connection.client.entitlements.check([id]))[id];
  } catch (err) {
    // The reader's sign-in ran out (refresh token expired or revoked): sign in again.
    if (errorNamed(err, 'SignInRequiredError') && connection.session) {
      connection.session.invalidate();
      return { kind: 'sign-in', offers: await viewOffers(connection, id, signal) };
    }
    throw err;
  }
  if (!entitlement) return { kind: 'not-found' };
  if (entitlement.actions.includes('view')) {
    // The renderer downloads while the document does, not after it.
    loadRenderer().catch(() => undefined);
    try {
      return { kind: 'entitled', result: await connection.client.figures.get(id, { signal }) };
    } catch (err) {
      if (errorNamed(err, 'NotFoundError')) return { kind: 'not-found' };
      // The right ended (or the token was refused) between the check and the fetch.
      if (!(errorNamed(err, 'SignInRequiredError') || errorNamed(err, 'InsufficientEntitlementError'))) throw err;
    }
  }
  return notEntitled(connection, id, entitlement, signal);
}

async function notEntitled(connection: Connection, id: string, entitlement: Entitlement, signal: AbortSignal): Promise<ResourceOutcome> {
  const { session, client } = connection;
  if (!session) return { kind: 'unavailable' };
  if (!session.signedIn) return { kind: 'sign-in', offers: await viewOffers(connection, id, signal) };
  const [offers, wallet] = await Promise.all([
    client.orders.offers(id, { signal }),
    client.wallet.get({ signal }).catch(() => undefined),
  ]);
  return { kind: 'purchase', entitlement, offers: offers.filter((o) => o.actions.includes('view')), wallet, expired: entitlement.expired };
}

/** The offers that would open the figure, for the price shown before sign-in; none if unknown. */
async function viewOffers(connection: Connection, id: string, signal: AbortSignal): Promise<Offer[]> {
  try {
    return (await connection.client.orders.offers(id, { signal })).filter((o) => o.actions.includes('view'));
  } catch {
    return [];
  }
}

/**
 * Whether the platform refuses this page's origin for the app: asked without a token (which
 * any site may do), so it answers even where the app's own calls fail CORS. False when the
 * platform cannot be reached at all: then it was the network.
 */
export async function originRefused(connection: Connection): Promise<boolean> {
  try {
    const response = await fetch(new URL(`/v1/origin-check?client_id=${encodeURIComponent(connection.clientId)}`, connection.platform), { credentials: 'omit' });
    if (!response.ok) return false;
    return (await response.json() as { allowed?: unknown }).allowed === false;
  } catch {
    return false;
  }
}
