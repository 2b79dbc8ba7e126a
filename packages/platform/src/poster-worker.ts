/**
 * Draws posters in a worker thread: a poster takes 100–200 ms of CPU (the first one about a
 * second, while JSDOM and JSXGraph start), which on the main thread would hold every other
 * request. Messages: `{ id, document }` in, `{ id, svg }` or `{ id, error }` out.
 */
import { parentPort } from 'node:worker_threads';
import { renderPoster } from '@netpad/figure/poster';

if (!parentPort) throw new Error('poster-worker runs as a worker thread');
const port = parentPort;
port.on('message', (message: { id: number; document: unknown }) => {
  renderPoster(message.document).then(
    (svg) => port.postMessage({ id: message.id, svg }),
    (err: unknown) => port.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
