import { targets } from "./config";
import { formatNumber, table } from "./markdown";
import type { BenchReport } from "./report-types";

/**
 * The report's tables of what the session cookie costs beyond its size: the `Set-Cookie` bytes
 * that client navigations bring back, and the SDK's time to decrypt and encrypt it.
 */

/**
 * The session cookie sent back over client navigations, in both modes.
 *
 * @example
 * navigationCookiesSection(report, "###"); // "### Session cookie over client navigations\n\n…"
 */
export function navigationCookiesSection({ navigationCookies }: BenchReport, h: string): string {
  const navigations = navigationCookies[0]?.navigations ?? 0;
  const rows = navigationCookies.map((figure) => [
    figure.mode === "cookie" ? "cookie" : "Redis",
    formatNumber(figure.navigations),
    formatNumber(figure.documentLoads),
    formatNumber(figure.responses),
    formatNumber(figure.sessionCookieResponses),
    formatNumber(figure.sessionCookieHeaders),
    formatNumber(figure.sessionCookieBytes),
    formatNumber(figure.bytesPerNavigation),
    `≤ ${figure.target} per 100 navigations`,
    figure.verdict,
  ]);
  return [
    `${h} Session cookie over client navigations`,
    `A signed-in tab of its own on each app opens \`/\`, then makes ${navigations} client-side ` +
      "navigations (App Router `<Link>`s, each an RSC fetch), clicking links by their role and " +
      "name: from the home page's table of contents to the first chapter, each chapter's " +
      '"Next" link in its chapters navigation, and "All chapters" from the last one back home, ' +
      "waiting for each navigation's URL. Every response from the app's origin is counted " +
      "(RSC fetches and prefetches, the token route, the demo APIs, static files) from the " +
      "first click until a second after the last navigation. A response sets the session " +
      "cookie when one of its `Set-Cookie` headers (each read separately, with Playwright's " +
      "`headersArray()`) gives `__session` or a chunk `__session__N` a value; the bytes are " +
      "those of every `Set-Cookie` value that names the session cookie, the SDK's deletions " +
      "of the chunks it did not write included. Full page loads: document requests after the " +
      "first page; a run with any did not measure client navigations only, and misses. " +
      `Target: at most ${targets.sessionCookieResendsPer100} responses per 100 navigations ` +
      "send the session cookie again.",
    table(
      [
        ...["Sessions", "Navigations", "Full page loads", "Responses"],
        ...["Responses setting the session cookie", "Session Set-Cookie headers"],
        ...["Session Set-Cookie bytes", "Bytes per navigation", "Target", "Result"],
      ],
      rows,
    ),
  ].join("\n\n");
}

const micros = (value: number) => formatNumber(value, 1);

/**
 * The SDK's cookie decrypt and encrypt, as they are and with the key derived once.
 *
 * @example
 * cookieCryptoSection(report, "###"); // "### Session cookie encryption in the SDK\n\n…"
 */
export function cookieCryptoSection({ cookieCrypto: run }: BenchReport, h: string): string {
  const rows = run.rows.map((row) => {
    const saving = row.sdkMicros - row.keyOnceMicros;
    const share = row.sdkMicros > 0 ? (saving / row.sdkMicros) * 100 : 0;
    return [
      `\`${row.operation}\``,
      micros(row.sdkMicros),
      micros(row.keyOnceMicros),
      `${micros(saving)} (${formatNumber(share)} %)`,
    ];
  });
  return [
    `${h} Session cookie encryption in the SDK`,
    `The SDK's own \`encrypt\` and \`decrypt\` (\`@auth0/nextjs-auth0\` ${run.sdkVersion}, ` +
      "`dist/server/cookies.js`, loaded by its file path since the package does not export " +
      "it) derive the key with HKDF-SHA256 on every call and hand jose the raw bytes, which " +
      "jose imports as a key again; against them, the same JWE (`alg: dir`, `enc: A256GCM`) " +
      "through jose's `jwtDecrypt` and `EncryptJWT` with the key derived once and imported once " +
      "as a `CryptoKey`. On the signed-in session of the throughput table (the cookie's value " +
      `${formatNumber(run.cookieBytes)} bytes, chunks joined; its payload ` +
      `${formatNumber(run.payloadBytes)} bytes of JSON), each was first checked to decrypt ` +
      "what the other encrypted. Median microseconds per call over " +
      `${formatNumber(run.calls)} calls each, after ${formatNumber(run.warmupCalls)} warm-up ` +
      "calls, one call at a time, the two interleaved call by call, in the benchmark's own " +
      "process while the servers were idle. These are figures for an upstream issue: the " +
      "SDK is not patched, and the app runs it as it is.",
    table(["Operation", "SDK as is (µs)", "Key derived once (µs)", "Saving per call (µs)"], rows),
  ].join("\n\n");
}
