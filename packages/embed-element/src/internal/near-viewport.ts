/** How far outside the viewport a figure starts loading, so it is ready when scrolled to. */
export const LOAD_MARGIN = '200px';

/**
 * Calls `onNear` once, when `el` comes within LOAD_MARGIN of the viewport. Returns a function
 * that stops watching.
 */
export function whenNearViewport(el: Element, onNear: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    onNear();
    return () => {};
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        onNear();
      }
    },
    { rootMargin: LOAD_MARGIN },
  );
  observer.observe(el);
  return () => observer.disconnect();
}
