import type { Request } from 'express';
import { testConfig } from '#libs/testing';
import { cookieIsSecure, SESSION_COOKIE, sessionCookieOf } from './session-cookie.js';

const request = (fields: { secure?: boolean; cookie?: string }) => ({ secure: fields.secure ?? false, headers: { cookie: fields.cookie } }) as unknown as Request;

describe('the session cookie', () => {
  it('is Secure on https (auto): over an https request or with an https public address, never forced off', () => {
    expect(cookieIsSecure(testConfig({ PUBLIC_BASE_URL: 'http://salesflow.test' }), request({}))).toBe(false);
    expect(cookieIsSecure(testConfig({ PUBLIC_BASE_URL: 'http://salesflow.test' }), request({ secure: true }))).toBe(true);
    expect(cookieIsSecure(testConfig({ PUBLIC_BASE_URL: 'https://salesflow.example.com' }), request({}))).toBe(true);
  });

  it('follows SESSION_COOKIE_SECURE=always or never whatever the request', () => {
    expect(cookieIsSecure(testConfig({ SESSION_COOKIE_SECURE: 'always' }), request({}))).toBe(true);
    expect(cookieIsSecure(testConfig({ SESSION_COOKIE_SECURE: 'never', PUBLIC_BASE_URL: 'https://salesflow.example.com' }), request({ secure: true }))).toBe(false);
  });

  it('reads the secret among other cookies and ignores a value that cannot be one', () => {
    const secret = 'a'.repeat(43);
    expect(sessionCookieOf(request({ cookie: `theme=dark; ${SESSION_COOKIE}=${secret}` }))).toBe(secret);
    expect(sessionCookieOf(request({ cookie: `${SESSION_COOKIE}=short` }))).toBeUndefined();
    expect(sessionCookieOf(request({ cookie: `${SESSION_COOKIE}=${'a'.repeat(30)}%00` }))).toBeUndefined();
    expect(sessionCookieOf(request({}))).toBeUndefined();
  });
});
