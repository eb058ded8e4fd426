import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { AppConfig } from '#libs/config';

/** The browser session's cookie: HttpOnly, SameSite=Lax, Path=/, Secure when https (SESSION_COOKIE_SECURE). */
export const SESSION_COOKIE = 'salesflow_session';

/** The session secret the request's cookie carries, if any. */
export function sessionCookieOf(request: Request): string | undefined {
  const value = cookieOf(request, SESSION_COOKIE);
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

/** Secure when configured so, or (auto) when the request came over https or the public address is https. */
export function cookieIsSecure(config: AppConfig, request: Request): boolean {
  if (config.SESSION_COOKIE_SECURE !== 'auto') return config.SESSION_COOKIE_SECURE === 'always';
  return request.secure || config.PUBLIC_BASE_URL.startsWith('https://');
}

/** An HttpOnly, SameSite=Lax cookie for the whole site (the session's, or single sign-on's short-lived state). */
export function setCookie(response: Response, config: AppConfig, request: Request, name: string, value: string, maxAgeSeconds: number): void {
  response.append('Set-Cookie', stringifySetCookie({ name, value, httpOnly: true, sameSite: 'lax', path: '/', secure: cookieIsSecure(config, request), maxAge: maxAgeSeconds }));
}

export function clearCookie(response: Response, config: AppConfig, request: Request, name: string): void {
  setCookie(response, config, request, name, '', 0);
}

/** A cookie's value by name (single sign-on's state cookie). */
export function cookieOf(request: Request, name: string): string | undefined {
  return request.headers.cookie ? parseCookie(request.headers.cookie)[name] : undefined;
}
