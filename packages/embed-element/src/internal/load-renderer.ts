import type * as Renderer from '@netpad/figure/render';

let pending: Promise<typeof Renderer> | undefined;

/**
 * The renderer (with JSXGraph, about a quarter-megabyte gzipped) is one lazy chunk, fetched at
 * most once per page and only when a figure is about to be shown.
 */
export function loadRenderer(): Promise<typeof Renderer> {
  pending ??= import('@netpad/figure/render').catch((err: unknown) => {
    // A failed chunk load (offline) must not stick: the next retry fetches again.
    pending = undefined;
    throw err;
  });
  return pending;
}
