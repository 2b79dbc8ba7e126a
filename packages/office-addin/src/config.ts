/** Where the add-in finds its platform: `config.json` beside its pages, written by the server. */
export interface AddinConfig {
  /** The platform's base URL, e.g. `http://localhost:4000`. */
  platform: string;
  /** The add-in's public client id at the platform (the seed registers `demo-office`). */
  clientId: string;
}

export function parseConfig(value: unknown): AddinConfig {
  const { platform, clientId } = (value ?? {}) as Record<string, unknown>;
  if (typeof platform !== 'string' || typeof clientId !== 'string') throw new Error('config.json needs "platform" and "clientId"');
  return { platform: new URL(platform).origin, clientId };
}

export async function loadConfig(base: string): Promise<AddinConfig> {
  const res = await fetch(new URL('config.json', base), { cache: 'no-cache' });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  return parseConfig(await res.json());
}

/** The add-in's pages, relative to its base URL (the folder of content.html). */
export function addinUrls(base: string) {
  return {
    origin: new URL(base).origin,
    dialogStart: new URL('dialog/start.html', base).href,
    redirectUri: new URL('dialog/signed-in.html', base).href,
  };
}
