import { openOidcState, sealOidcState } from './oidc-state.js';

describe('the single sign-on state cookie', () => {
  const secret = 's'.repeat(32);
  const state = { state: 'st', nonce: 'no', codeVerifier: 'cv', expiresAt: 10_000 };

  it('opens what it sealed, before it expires', () => {
    expect(openOidcState(secret, sealOidcState(secret, state), 9_999)).toEqual(state);
  });

  it('refuses an expired, altered, foreign or missing cookie', () => {
    const sealed = sealOidcState(secret, state);
    expect(openOidcState(secret, sealed, 10_000)).toBeUndefined();
    const [body, sig] = sealed.split('.');
    const altered = Buffer.from(JSON.stringify({ ...state, codeVerifier: 'mine' })).toString('base64url');
    expect(openOidcState(secret, `${altered}.${sig}`, 0)).toBeUndefined();
    expect(openOidcState('o'.repeat(32), sealed, 0)).toBeUndefined();
    expect(openOidcState(secret, body, 0)).toBeUndefined();
    expect(openOidcState(secret, undefined, 0)).toBeUndefined();
  });
});
