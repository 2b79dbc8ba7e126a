/**
 * A minimal browser for the authorization code flow in Node: a cookie jar and manual redirects,
 * driving the platform's real sign-in and consent pages.
 */
export class FlowBrowser {
  private readonly cookies = new Map<string, string>();
  private readonly origin: string;
  private readonly defaults: Record<string, string>;
  /** `defaults` are sent with every request, as a browser sends Accept-Language. */
  constructor(origin: string, defaults: Record<string, string> = {}) {
    this.origin = origin;
    this.defaults = defaults;
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers({ ...this.defaults, ...Object.fromEntries(new Headers(init.headers)) });
    if (new URL(url, this.origin).origin === this.origin && this.cookies.size) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(new URL(url, this.origin), { ...init, headers, redirect: 'manual' });
    this.remember(res);
    return res;
  }

  /** Follows redirects on the platform; stops at the first one that leaves it (the app's redirect URI). */
  async follow(url: string, init: RequestInit = {}): Promise<{ res: Response; url: string }> {
    let res = await this.request(url, init);
    let current = new URL(url, this.origin).href;
    for (let hops = 0; hops < 10 && res.status >= 300 && res.status < 400; hops++) {
      const next = new URL(res.headers.get('location')!, current).href;
      if (new URL(next).origin !== this.origin || /\/examples\/(blog\/signed-in\.html|account\/)|\/embed\/signed-in\?/.test(next)) return { res, url: next };
      current = next;
      res = await this.request(next);
    }
    return { res, url: current };
  }

  async postForm(url: string, fields: Record<string, string>): Promise<{ res: Response; url: string }> {
    return this.follow(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  }
}

/** The form action of the first form on a page whose action ends with `suffix`. */
export function formAction(html: string, suffix: string): string {
  const match = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]!).find((a) => a.endsWith(suffix));
  if (!match) throw new Error(`no form ending in ${suffix} in:\n${html.slice(0, 500)}`);
  return match;
}
