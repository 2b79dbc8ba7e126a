/** Numerics for integrals and Riemann sums, shared by the board and by expressions. */

export type RiemannMethod = 'left' | 'right' | 'middle' | 'trapezoid';

const SIMPSON_INTERVALS = 400;
const REGION_SAMPLES = 200;
export const MAX_RECTANGLES = 500;

/** Composite Simpson's rule; NaN where the function is undefined anywhere on the interval. */
export function integrate(f: (x: number) => number, a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return NaN;
  if (a === b) return 0;
  const n = SIMPSON_INTERVALS;
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 0 ? 2 : 4) * f(a + i * h);
  return (sum * h) / 3;
}

/** The outline of the region between the graph and the x-axis, for a filled curve. */
export function regionUnderGraph(f: (x: number) => number, a: number, b: number): { xs: number[]; ys: number[] } {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return { xs: [], ys: [] };
  const xs = [a];
  const ys = [0];
  for (let i = 0; i <= REGION_SAMPLES; i++) {
    const x = a + ((b - a) * i) / REGION_SAMPLES;
    const y = f(x);
    xs.push(x);
    ys.push(Number.isFinite(y) ? y : 0);
  }
  xs.push(b, a);
  ys.push(0, 0);
  return { xs, ys };
}

function rectangleCount(n: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.min(MAX_RECTANGLES, Math.max(1, Math.round(n)));
}

function heightAt(f: (x: number) => number, left: number, right: number, method: RiemannMethod): number {
  switch (method) {
    case 'left':
      return f(left);
    case 'right':
      return f(right);
    case 'middle':
      return f((left + right) / 2);
    case 'trapezoid':
      return (f(left) + f(right)) / 2;
  }
}

export function riemannSum(f: (x: number) => number, a: number, b: number, n: number, method: RiemannMethod): number {
  const count = rectangleCount(n);
  if (count === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return NaN;
  const w = (b - a) / count;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += heightAt(f, a + i * w, a + (i + 1) * w, method) * w;
  return sum;
}

/** One path along the baseline that rises into each bar in turn: one fillable curve for all bars. */
export function riemannOutline(f: (x: number) => number, a: number, b: number, n: number, method: RiemannMethod): { xs: number[]; ys: number[] } {
  const count = rectangleCount(n);
  const xs: number[] = [];
  const ys: number[] = [];
  if (count === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return { xs, ys };
  const w = (b - a) / count;
  for (let i = 0; i < count; i++) {
    const left = a + i * w;
    const right = left + w;
    const fl = method === 'trapezoid' ? f(left) : heightAt(f, left, right, method);
    const fr = method === 'trapezoid' ? f(right) : fl;
    xs.push(left, left, right, right);
    ys.push(0, Number.isFinite(fl) ? fl : 0, Number.isFinite(fr) ? fr : 0, 0);
  }
  return { xs, ys };
}
