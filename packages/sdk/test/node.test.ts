import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { appCredentials, NetpadClient, ConfigurationError, UserSession } from '@netpad/sdk';

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

  it('refuses browser sign-in in Node with a clear error', async () => {
    const user = new UserSession({ platform: 'http://127.0.0.1:1', clientId: 'demo-blog', redirectUri: 'http://127.0.0.1:1/cb' });
    await assert.rejects(user.signInRedirect(), (err: unknown) => err instanceof ConfigurationError && /runs in a browser/.test(err.message));
    assert.equal(user.signedIn, false);
    assert.equal(await user.getToken(), undefined);
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
