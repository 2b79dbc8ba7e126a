export declare const DIST: string;
export interface AddinServerOptions {
  port?: number;
  host?: string;
  /** `true`: office-addin-dev-certs' localhost certificate; `{ key, cert }`: your own; `false`: plain HTTP. */
  https?: boolean | { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer };
  /** The platform's base URL (default http://localhost:4000). */
  platform?: string;
  /** The add-in's public client id at the platform (default demo-office). */
  clientId?: string;
  /** `local`: the npm copy of Office.js; `cdn`: redirect to Microsoft's CDN. */
  officeJs?: 'local' | 'cdn';
  /** Serve the fake-host test page (testing-content.html). */
  testing?: boolean;
  dist?: string;
}
export interface AddinServer {
  /** The add-in's base URL, ending in `/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}
export declare function startAddinServer(options?: AddinServerOptions): Promise<AddinServer>;
