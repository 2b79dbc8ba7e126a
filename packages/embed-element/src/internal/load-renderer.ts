import type * as Renderer from '@netpad/figure/render';
import { lazyChunk } from './lazy-chunk';

/**
 * The renderer (with JSXGraph, about a quarter-megabyte gzipped) is one lazy chunk, fetched at
 * most once per page and only when a figure is about to be shown.
 */
export const loadRenderer: () => Promise<typeof Renderer> = lazyChunk(() => import('@netpad/figure/render'));
