/**
 * A lazy chunk fetched at most once per page, on first use. A failed load (offline) does not
 * stick: the next call fetches again.
 */
export function lazyChunk<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    }));
}
