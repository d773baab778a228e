import { parseCookie, stringifySetCookie } from 'cookie';

/** The console's session cookie: the same token as the `login` mutation's bearer token. */
export const SESSION_COOKIE = 'hss_session';

/** How to set the session cookie on the HTTP response of a request. */
export interface CookieJar {
  /** HTTPS (or HSS_COOKIE_SECURE): the cookie is then sent over HTTPS only. */
  secure: boolean;
  setCookie(serialized: string): void;
}

export function sessionCookieFrom(header: string | undefined | null): string | null {
  if (!header) return null;
  return parseCookie(header)[SESSION_COOKIE] ?? null;
}

/** HttpOnly so that page scripts never read it; Lax so that other sites' forms do not carry it. */
export function sessionSetCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return stringifySetCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return stringifySetCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 0 });
}
