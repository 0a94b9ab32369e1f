import "server-only";
import { NextRequest, type NextResponse } from "next/server";

/**
 * A copy of `request` as the next step must read it: with the cookies `written` just set (the
 * session the SDK saved in a response), and without those it deleted. The request itself when
 * nothing was written.
 *
 * @example
 * const fresh = withCookiesOf(request, carrier); // after getAccessToken(request, carrier)
 */
export function withCookiesOf(request: NextRequest, written: NextResponse): NextRequest {
  const cookies = written.cookies.getAll();
  if (cookies.length === 0) return request;
  const jar = new Map(request.cookies.getAll().map(({ name, value }) => [name, value]));
  for (const { name, value } of cookies) {
    if (value === "") jar.delete(name);
    else jar.set(name, value);
  }
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  return new NextRequest(request.url, { headers: { cookie } });
}
