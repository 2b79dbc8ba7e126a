import { ConfigurationError, NetpadClient, UserSession } from '@netpad/sdk';
import { netpadConfig, notifySessionChange, onNetpadConfig, type NetpadPageConfig } from '../config';

export interface Connection {
  client: NetpadClient;
  /** Absent when readers cannot sign in here (a vendor's client without a session). */
  session: UserSession | undefined;
  platform: string;
  clientId: string;
}

const connections = new Map<string, Connection>();
const followed = new WeakSet<UserSession>();

/**
 * A sign-in or sign-out in another frame or tab of this site reaches every element here: one
 * popup signs in all the figures of a page, even those in other frames of it.
 */
function follow(session: UserSession | undefined): UserSession | undefined {
  // A page's own session object may come from an older SDK without onChange.
  if (session && typeof session.onChange === 'function' && !followed.has(session)) {
    followed.add(session);
    session.onChange(() => notifySessionChange());
  }
  return session;
}

/** A platform URL as the element accepts it: absolute http(s), reduced to its origin. */
export function platformOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`"${value}" is not a platform URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigurationError(`"${value}" is not an http(s) URL`);
  return url.origin;
}

/**
 * The client for an element: the page's own when it matches, else one per platform and app,
 * shared by every element on the page (one token, one batch of entitlement checks).
 */
export function connectionFor(attrs: { platform: string; clientId: string }, config: NetpadPageConfig = netpadConfig()): Connection {
  const rawPlatform = attrs.platform || config.platform || config.client?.platform || '';
  const clientId = attrs.clientId || config.clientId || config.client?.clientId || '';
  if (!rawPlatform) throw new ConfigurationError('missing-platform');
  if (!clientId) throw new ConfigurationError('missing-client-id');
  const platform = platformOrigin(rawPlatform);
  if (config.client && config.client.platform === platform && config.client.clientId === clientId) {
    const session = config.session && config.session.platform === platform && config.session.clientId === clientId ? config.session : undefined;
    return { client: config.client, session: follow(session), platform, clientId };
  }
  const key = `${platform} ${clientId}`;
  let connection = connections.get(key);
  if (!connection) {
    // The page's session only for its own platform and app: a reader's token never goes elsewhere.
    const ownSession = config.session && config.session.platform === platform && config.session.clientId === clientId ? config.session : undefined;
    const session =
      ownSession ?? (config.redirectUri ? new UserSession({ platform, clientId, redirectUri: new URL(config.redirectUri, document.baseURI).href }) : undefined);
    connection = { client: new NetpadClient({ platform, clientId, tokenProvider: session }), session: follow(session), platform, clientId };
    connections.set(key, connection);
  }
  return connection;
}

// New page settings (a session given later, another client) apply to elements connected after.
onNetpadConfig('config', () => connections.clear());
