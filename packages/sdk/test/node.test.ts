import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { appCredentials, NetpadClient, ConfigurationError } from '@netpad/sdk';

describe('@netpad/sdk set-up', () => {
  it('refuses an app key in a browser-like environment', () => {
    const g = globalThis as Record<string, unknown>;
    g.window = {};
    g.document = {};
    after(() => {
      delete g.window;
      delete g.document;
    });
    assert.throws(() => appCredentials({ platform: 'http://127.0.0.1:1', clientId: 'x', appKey: 'k' }), ConfigurationError);
    assert.throws(() => new NetpadClient({ platform: 'http://127.0.0.1:1', clientId: 'x', appKey: 'k' }), /never reach a browser/);
  });

  it('explains bad options', () => {
    assert.throws(() => new NetpadClient({ platform: '', clientId: 'x' }), /platform/);
    assert.throws(() => new NetpadClient({ platform: 'not a url', clientId: 'x' }), /not a URL/);
    assert.throws(() => new NetpadClient({ platform: 'http://127.0.0.1:1', clientId: '' }), /clientId/);
    assert.throws(
      () => new NetpadClient({ platform: 'http://127.0.0.1:1', clientId: 'x', appKey: 'k', tokenProvider: { getToken: async () => undefined } }),
      /not both/,
    );
  });
});
