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
      // @ts-expect-error -- the options type refuses both; plain JavaScript is told at run time
      () => new NetpadClient({ platform: 'http://127.0.0.1:1', clientId: 'x', appKey: 'k', tokenProvider: { getToken: async () => undefined } }),
      /not both/,
    );
    // A platform written without its scheme is named, with what to write instead.
    assert.throws(() => new NetpadClient({ platform: 'localhost:4000', clientId: 'x' }), (err: unknown) => err instanceof ConfigurationError && /platform "localhost:4000" has no http\(s\) scheme: write it as https:\/\/localhost:4000/.test(err.message));
    assert.throws(() => new NetpadClient({ platform: 'ftp://netpad.example', clientId: 'x' }), /no http\(s\) scheme/);
  });
});
