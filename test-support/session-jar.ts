/**
 * The session cookie of one signed-in client, kept as a browser keeps it: sent with each request
 * and replaced by what the app writes (`__session`, or its chunks `__session__0`, …), so a
 * refreshed session (and its rotated refresh token) is what the next request carries.
 */
export class SessionJar {
  private readonly cookies = new Map<string, string>();

  /** Starts from a signed-in browser's cookies (`context.cookies()`): the session's only. */
  constructor(cookies: readonly { name: string; value: string }[]) {
    for (const { name, value } of cookies) if (isSessionCookie(name)) this.cookies.set(name, value);
  }

  /** The `Cookie` header that carries the session. */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** The session's encrypted value, its chunks joined in order (what a forger starts from). */
  value(): string {
    const whole = this.cookies.get("__session");
    if (whole !== undefined) return whole;
    const chunks = [...this.cookies].filter(([name]) => name !== "__session");
    const index = (name: string) => Number(name.slice("__session__".length));
    return chunks
      .sort(([a], [b]) => index(a) - index(b))
      .map(([, value]) => value)
      .join("");
  }

  /** Applies the session writes of a response; the others are not the session's. */
  store(writes: readonly SessionWrite[]): void {
    for (const { name, value, deleted } of writes) {
      if (deleted) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** One `Set-Cookie` of the session: a new value, or the cookie deleted. */
export type SessionWrite = { name: string; value: string; deleted: boolean };

const isSessionCookie = (name: string) => /^__session(__\d+)?$/.test(name);

/**
 * The `Set-Cookie` headers of a response that write the session cookie or one of its chunks.
 *
 * @example
 * const writes = sessionWrites(await fetch(url, { headers: { cookie: jar.header() } }));
 */
export function sessionWrites(response: Response): SessionWrite[] {
  return response.headers.getSetCookie().flatMap((line) => {
    const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
    const [name = "", value = ""] = pair.split(/=(.*)/s);
    if (!isSessionCookie(name)) return [];
    const expired = attributes.some(
      (attribute) =>
        /^max-age=0$/i.test(attribute) ||
        (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) <= Date.now()),
    );
    return [{ name, value, deleted: expired || value === "" }];
  });
}
