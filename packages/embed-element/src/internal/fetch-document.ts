export interface FetchedDocument {
  readonly ok: boolean;
  readonly status: number;
  readonly text: string;
}

const inFlight = new Map<string, Promise<FetchedDocument>>();

/**
 * A figure document by URL, in one request for all the elements that ask for it at the same time
 * (a page with the same figure twenty times). Each element may still stop waiting (`signal`)
 * without cancelling the request for the others. Nothing is kept once the answer is in: the
 * browser's HTTP cache decides about later requests.
 */
export function fetchDocument(url: string, signal: AbortSignal): Promise<FetchedDocument> {
  let shared = inFlight.get(url);
  if (!shared) {
    shared = fetch(url, { headers: { accept: 'application/json' } }).then(async (response) => ({ ok: response.ok, status: response.status, text: response.ok ? await response.text() : '' }));
    inFlight.set(url, shared);
    const forget = () => void inFlight.delete(url);
    shared.then(forget, forget);
  }
  const answer = shared;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    answer.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(err);
      },
    );
  });
}
