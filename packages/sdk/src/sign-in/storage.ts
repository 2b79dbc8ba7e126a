import { InMemoryWebStorage, IndexedDbDPoPStore, WebStorageStateStore, type DPoPState } from 'oidc-client-ts';

/** oidc-client-ts does not export its DPoPStore interface; IndexedDbDPoPStore implements it. */
type DPoPStore = Pick<IndexedDbDPoPStore, 'set' | 'get' | 'remove' | 'getAllKeys'>;

/**
 * Whether this document may use storage. A figure in a frame on another site (a blog) is a
 * third-party context: browsers that block third-party storage throw on `localStorage` there.
 */
export function storageAvailable(): boolean {
  try {
    const store = window.localStorage;
    const probe = '__netpad_probe__';
    store.setItem(probe, '1');
    store.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a sign-in's state (PKCE verifier, nonce) waits for the answer. A redirect sign-in
 * needs it to outlive the page; a popup's answer comes back to this same page, so memory
 * suffices where storage is blocked.
 */
export function stateStore(): WebStorageStateStore {
  return new WebStorageStateStore({ store: storageAvailable() ? window.localStorage : new InMemoryWebStorage() });
}

/** DPoP keys for this page only, when IndexedDB is out of reach (keys stay non-extractable). */
export class MemoryDPoPStore implements DPoPStore {
  readonly #states = new Map<string, DPoPState>();
  async set(key: string, value: DPoPState): Promise<void> {
    this.#states.set(key, value);
  }
  async get(key: string): Promise<DPoPState> {
    const state = this.#states.get(key);
    if (!state) throw new Error(`No DPoP key for ${key}`);
    return state;
  }
  async remove(key: string): Promise<DPoPState> {
    const state = await this.get(key);
    this.#states.delete(key);
    return state;
  }
  async getAllKeys(): Promise<string[]> {
    return [...this.#states.keys()];
  }
}

export function dpopStore(): DPoPStore {
  return storageAvailable() ? new IndexedDbDPoPStore() : new MemoryDPoPStore();
}
