import type { Order } from '@netpad/sdk';
import type { Connection } from '../../../internal/platform-client';

/**
 * One idempotency key per offer until its purchase is known to have gone through, shared by
 * every element on the page: a retry after a lost answer (or a second element offering the same
 * stage) finds the same order, and paying a paid order charges nothing.
 */
const PENDING = Symbol.for('netpad.embed.pending-orders');
const pendingKeys = ((globalThis as Record<symbol, unknown>)[PENDING] ??= new Map<string, string>()) as Map<string, string>;

/** Buys an offer with the wallet: one order, then payment; never two charges for one intent. Returns the paid order. */
export async function buy(connection: Connection, offerId: string, signal: AbortSignal): Promise<Order> {
  const slot = `${connection.platform} ${connection.session?.subject ?? ''} ${offerId}`;
  let key = pendingKeys.get(slot);
  if (!key) pendingKeys.set(slot, (key = `npembed-${crypto.randomUUID()}`));
  const order = await connection.client.orders.create(offerId, { signal, idempotencyKey: key });
  const paid = await connection.client.orders.pay(order.id, { signal });
  pendingKeys.delete(slot);
  return paid.order;
}
