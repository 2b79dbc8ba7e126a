/**
 * SDK errors by class name. A page may hold two copies of the SDK (its own and the one inside
 * the element's bundle), and `instanceof` fails across copies; the names are stable API.
 */
export function errorNamed(err: unknown, name: string): err is Error & { status: number; code: string } {
  return err instanceof Error && err.name === name;
}
