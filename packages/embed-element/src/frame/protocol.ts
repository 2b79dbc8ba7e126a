/**
 * Messages between `<netpad-embed mode="frame">` on a host page and the platform's `/embed/:id`
 * frame. Each side posts only to the other's exact origin and accepts a message only from the
 * other's window *and* origin; anything else on the channel is ignored.
 */
import type { FigureState } from '@netpad/figure';

export const CHANNEL = 'netpad-embed/1';

export type FrameStatus = 'idle' | 'loading' | 'ready' | 'sign-in' | 'purchase' | 'expired' | 'error';

export type FromFrame =
  | { channel: typeof CHANNEL; type: 'hello' }
  | { channel: typeof CHANNEL; type: 'status'; status: FrameStatus }
  | { channel: typeof CHANNEL; type: 'load'; title: string }
  | { channel: typeof CHANNEL; type: 'change'; state: FigureState }
  | { channel: typeof CHANNEL; type: 'error'; kind: string; message: string; status?: number }
  | { channel: typeof CHANNEL; type: 'auth-required' }
  | { channel: typeof CHANNEL; type: 'resize'; height: number };

export type ToFrame =
  | { channel: typeof CHANNEL; type: 'reset' }
  | { channel: typeof CHANNEL; type: 'set-value'; name: string; value: number | [number, number] }
  | { channel: typeof CHANNEL; type: 'set-state'; state: FigureState };

const STATUSES: readonly string[] = ['idle', 'loading', 'ready', 'sign-in', 'purchase', 'expired', 'error'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isState = (v: unknown): v is FigureState => isRecord(v);
const isValue = (v: unknown): v is number | [number, number] =>
  (typeof v === 'number' && Number.isFinite(v)) || (Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n)));

/** The message, if it is a well-formed one from a frame; otherwise undefined. */
export function readFromFrame(data: unknown): FromFrame | undefined {
  if (!isRecord(data) || data.channel !== CHANNEL) return undefined;
  switch (data.type) {
    case 'hello':
    case 'auth-required':
      return data as FromFrame;
    case 'status':
      return typeof data.status === 'string' && STATUSES.includes(data.status) ? (data as FromFrame) : undefined;
    case 'load':
      return typeof data.title === 'string' ? (data as FromFrame) : undefined;
    case 'change':
      return isState(data.state) ? (data as FromFrame) : undefined;
    case 'error':
      return typeof data.kind === 'string' && typeof data.message === 'string' ? (data as FromFrame) : undefined;
    case 'resize':
      return typeof data.height === 'number' && Number.isFinite(data.height) && data.height >= 0 && data.height < 100_000 ? (data as FromFrame) : undefined;
    default:
      return undefined;
  }
}

/** The message, if it is a well-formed one from the host page; otherwise undefined. */
export function readToFrame(data: unknown): ToFrame | undefined {
  if (!isRecord(data) || data.channel !== CHANNEL) return undefined;
  switch (data.type) {
    case 'reset':
      return data as ToFrame;
    case 'set-value':
      return typeof data.name === 'string' && isValue(data.value) ? (data as ToFrame) : undefined;
    case 'set-state':
      return isState(data.state) ? (data as ToFrame) : undefined;
    default:
      return undefined;
  }
}
