/**
 * Where a reader's sign-in outlives the page: IndexedDB, holding the refresh token and the
 * profile, never the access token. The refresh token is bound by DPoP to a non-extractable key
 * of this browser (also in IndexedDB, kept by oidc-client-ts), so a script injected into the
 * page can use it only here, while the page is open — it cannot carry it elsewhere. This is
 * the pattern of the OAuth browser-based-apps BCP for a frontend without a backend.
 *
 * Kept small and free of oidc-client-ts: the light SDK entry asks `hasKeptSignIn()` before it
 * loads the sign-in code at all.
 */
const DB_NAME = 'netpad-session';
const STORE = 'sign-ins';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused to open'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

/** oidc-client-ts's key for a user: `user:<authority>:<client id>`. */
export const keptKey = (platform: string, clientId: string) => `user:${platform}:${clientId}`;

/** Whether this browser keeps a sign-in for the app, without loading any sign-in code. */
export async function hasKeptSignIn(platform: string, clientId: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    return (await run('readonly', (s) => s.count(keptKey(platform, clientId)))) > 0;
  } catch {
    return false;
  }
}

/**
 * oidc-client-ts's user store, on IndexedDB. What it stores loses its access token (a bearer
 * credential for minutes, needed only in memory) and is marked expired, so a page that reads
 * it back renews with the refresh token before its first call.
 */
export class KeptSignInStore {
  async set(key: string, value: string): Promise<void> {
    const user = JSON.parse(value) as Record<string, unknown>;
    delete user.access_token;
    user.expires_at = 0;
    await run('readwrite', (s) => s.put(JSON.stringify(user), key));
  }
  async get(key: string): Promise<string | null> {
    return ((await run('readonly', (s) => s.get(key))) as string | undefined) ?? null;
  }
  async remove(key: string): Promise<string | null> {
    const value = await this.get(key);
    await run('readwrite', (s) => s.delete(key));
    return value;
  }
  async getAllKeys(): Promise<string[]> {
    return (await run('readonly', (s) => s.getAllKeys())).map(String);
  }
}
