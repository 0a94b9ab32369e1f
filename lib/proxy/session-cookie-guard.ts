/**
 * The SDK encrypts its cookies as JWEs with `alg: "dir"` and `enc: "A256GCM"`, and treats one it
 * cannot decrypt as absent. But a forged one whose header names another algorithm (`RSA-OAEP`,
 * `PBES2-*`, `ECDH-ES`), another `enc`, `zip` or `crit` makes jose throw an error the SDK does not
 * catch: every page and the token route would answer 500. Such a cookie cannot be the SDK's own,
 * so it is dropped before the SDK reads it, and the request goes on as signed out.
 *
 * The guard judges each value as the SDK will read it, not each cookie alone:
 * - the session `__session`, or when that is empty its chunks `__session__<n>` joined in order (a
 *   forged header can be split across chunks), the same for the DPoP client's `__session_dpop`
 *   (`lib/auth0-dpop.ts`), and for the legacy `appSession` (chunks `appSession.<n>`);
 * - each connection-token cookie `__FC<…>`;
 * - each sign-in transaction `__txn_<state>` (the DPoP client's `__dpop_txn_<state>`), whose
 *   value may be `<timestamp>:<jwe>`.
 */

import { dpopCookies } from "@/config/session";

type Cookie = { name: string; value: string };

/** One value the SDK decrypts, and the cookies it is made of (dropped together). */
type SdkRead = { names: string[]; value: string };

/** The JWE protected header of a compact JWE, or `null` when it is not one. */
function protectedHeader(value: string): Record<string, unknown> | null {
  const [encoded = ""] = value.split(".", 1);
  try {
    const header: unknown = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
    return typeof header === "object" && header !== null && !Array.isArray(header)
      ? (header as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Only the header the SDK writes; anything else is not its cookie. */
function isSdkHeader(header: Record<string, unknown>): boolean {
  return (
    header.alg === "dir" && header.enc === "A256GCM" && !("crit" in header) && !("zip" in header)
  );
}

/**
 * The highest chunk index the SDK ever writes here: a session of a few kilobytes takes two or
 * three chunks of 3,500 bytes. The SDK clears every index from 0 up to the highest one a request
 * names, one `Set-Cookie` rewrite each, so `__session__100000=x` alone kept a server busy for
 * minutes: a chunk past this bound is dropped before the SDK sees it.
 */
const MAX_CHUNK_INDEX = 9;

const DPOP_SESSION = dpopCookies.session;
const CHUNK = new RegExp(`^(?:__session__|${DPOP_SESSION}__|appSession\\.)(\\d+)$`);

/** The chunk cookies whose index the SDK would never write. */
function outOfBoundChunks(cookies: readonly Cookie[]): string[] {
  return cookies
    .filter(({ name }) => {
      const index = CHUNK.exec(name)?.[1];
      return index !== undefined && Number(index) > MAX_CHUNK_INDEX;
    })
    .map(({ name }) => name);
}

/** A chunked cookie as the SDK joins it: the whole one when it has a value, else its chunks. */
function chunkedRead(cookies: readonly Cookie[], name: string, chunk: RegExp): SdkRead | null {
  const chunks = cookies
    .map((cookie) => ({ cookie, index: chunk.exec(cookie.name)?.[1] }))
    .filter((entry): entry is { cookie: Cookie; index: string } => entry.index !== undefined)
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((entry) => entry.cookie);
  const whole = cookies.find((cookie) => cookie.name === name);
  const names = [...(whole ? [name] : []), ...chunks.map((cookie) => cookie.name)];
  if (names.length === 0) return null;
  const value = whole?.value ? whole.value : chunks.map((cookie) => cookie.value).join("");
  return { names, value };
}

/** Every value the SDK may decrypt from these cookies. */
function sdkReads(cookies: readonly Cookie[]): SdkRead[] {
  const reads: (SdkRead | null)[] = [
    chunkedRead(cookies, "__session", /^__session__(\d+)$/),
    chunkedRead(cookies, DPOP_SESSION, new RegExp(`^${DPOP_SESSION}__(\\d+)$`)),
    chunkedRead(cookies, "appSession", /^appSession\.(\d+)$/),
  ];
  for (const { name, value } of cookies) {
    if (name.startsWith("__FC")) reads.push({ names: [name], value });
    if (name.startsWith("__txn_") || name.startsWith(dpopCookies.transactionPrefix))
      reads.push({ names: [name], value: value.slice(value.indexOf(":") + 1) });
  }
  return reads.filter((read): read is SdkRead => read !== null);
}

/**
 * The names of the SDK cookies that the SDK could not read without crashing (a value whose JWE
 * header is not its own) or without spinning (a chunk index it never writes). A chunked session
 * with a forged header is dropped whole. Values that are no JWE at all are
 * left alone: the SDK already treats those as absent.
 *
 * @example
 * unreadableSdkCookies([{ name: "__session", value: forgedJwe }]); // ["__session"]
 */
export function unreadableSdkCookies(cookies: readonly Cookie[]): string[] {
  const unreadable = new Set<string>(outOfBoundChunks(cookies));
  for (const { names, value } of sdkReads(cookies)) {
    const header = protectedHeader(value);
    if (header && !isSdkHeader(header)) for (const name of names) unreadable.add(name);
  }
  return [...unreadable];
}
