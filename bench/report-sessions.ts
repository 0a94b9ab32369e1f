import { apis } from "@/config/apis";
import { harshStorm, redisOpsBatch, targets } from "./config";
import { formatNumber, table } from "./markdown";
import type { BenchReport, CookieSize } from "./report-types";

/**
 * The report's tables that put the two session modes side by side: the cookie's size as tokens
 * accumulate, the Redis commands per request, and the harsh navigation storm.
 */

const yesNo = (value: boolean) => (value ? "yes" : "no");
const size = ({ bytes, chunks }: CookieSize) =>
  `${formatNumber(bytes)} (${chunks} chunk${chunks === 1 ? "" : "s"})`;

/**
 * The session cookie per token count, in both modes.
 *
 * @example
 * cookieSection(report, "###"); // "### Session cookie\n\n…"
 */
export function cookieSection({ cookies }: BenchReport, h: string): string {
  const warning = formatNumber(targets.cookieWarningBytes);
  const rows = cookies.figures.map((figure) => [
    String(figure.tokens),
    figure.stage,
    size(figure.cookie),
    yesNo(figure.cookieOverWarning),
    size(figure.redis),
  ]);
  return [
    `${h} Session cookie`,
    "`name=value` bytes of every `__session` chunk, as the browser sends them, after sign-in and " +
      "after each token request (a new audience, or new scopes for one), each followed by a " +
      "page view that rolls the session; the same requests with sessions in the cookie and in " +
      "Redis (`REDIS_URL`). Tokens in the session: counted in its Redis record (a request whose " +
      "scopes a token already holds is answered with that token, and adds none). The SDK warns " +
      "above " +
      `${warning} bytes. Target: the Redis mode's cookie (the session's id) stays one size: ` +
      `**${cookies.redisFlat}**.`,
    table(
      [
        "Tokens in the session",
        "After",
        "Cookie mode: bytes",
        `Over ${warning}`,
        "Redis mode: bytes",
      ],
      rows,
    ),
  ].join("\n\n");
}

const commands = (counts: Record<string, number>, requests: number) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ${formatNumber(n / requests, 2)}`)
    .join(", ") || "—";

/**
 * Redis commands per page view and per token request, counted with `MONITOR`.
 *
 * @example
 * redisOpsSection(report, "###"); // "### Redis commands per request\n\n…"
 */
export function redisOpsSection({ redisOps }: BenchReport, h: string): string {
  const rows = redisOps.map((figure) => [
    figure.kind,
    String(figure.requests),
    String(figure.refreshGrants),
    formatNumber(figure.sentPerRequest, 2),
    commands(figure.sent, figure.requests),
    formatNumber(figure.scriptedPerRequest, 2),
    commands(figure.scripted, figure.requests),
    figure.target === undefined ? "—" : `exactly ${figure.target} sent`,
    figure.verdict,
  ]);
  return [
    `${h} Redis commands per request`,
    "Every command the Redis-mode app sent, recorded with `MONITOR` while one session's requests " +
      `ran one at a time: ${redisOpsBatch.pageViews} page views, ${redisOpsBatch.cachedTokens} ` +
      `cached token requests, then ${redisOpsBatch.refreshes} token requests each made after ` +
      "its token expired (the issuer's refresh grants are counted alongside, to show each " +
      "refreshed). Sent: commands from the app, each a round trip except inside a `MULTI` " +
      "batch; in scripts: what its Lua scripts (`EVAL`: the versioned write, the lock's release) " +
      "ran inside Redis. Target: a cached token request sends exactly " +
      `${targets.redisCommandsPerCachedToken} command (the session's read), so the batch sends ` +
      "exactly that many per request, no more and no fewer; page views and refreshes are " +
      "figures only.",
    table(
      [
        "Request",
        "Requests",
        "Refresh grants",
        "Sent per request",
        "Sent, by command",
        "In scripts per request",
        "In scripts, by command",
        "Target",
        "Result",
      ],
      rows,
    ),
  ].join("\n\n");
}

const knownApis = Object.values(apis);
const perExpiry = (grants: number, expiries: number) =>
  `${grants} (${formatNumber(grants / expiries, 2)})`;

/**
 * The navigation storm in both modes, guard on and off.
 *
 * @example
 * harshStormSection(report, "###"); // "### Navigation storm, both session modes\n\n…"
 */
export function harshStormSection({ harshStorm: runs }: BenchReport, h: string): string {
  const rows = runs.map((figure) => [
    figure.mode === "cookie" ? "cookie" : "Redis",
    String(figure.instances),
    figure.guard ? "on" : "off",
    formatNumber(figure.windowSeconds, 1),
    String(figure.navigations),
    ...knownApis.map((api) => perExpiry(figure.refreshGrants[api.audience] ?? 0, figure.expiries)),
    String(figure.invalidGrant),
    String(figure.revokedGrants),
    yesNo(figure.stillSignedIn),
    figure.guard ? "none spent twice, still signed in" : "—",
    figure.verdict,
  ]);
  return [
    `${h} Navigation storm, both session modes`,
    `An issuer of its own with ${harshStorm.ttlSeconds}-second access tokens and no reuse ` +
      `interval (a second use of a refresh token revokes the grant); ${harshStorm.tabs} tabs of ` +
      "one fresh session each go to a random chapter page (`/token-races?poll=500`, " +
      "`/multi-api`, `/server-side`) after a random 0.1–1.2 s, never waiting for it to load " +
      "(the end-to-end suite's `runNavigationStorm`). Cookie mode on one instance; Redis mode " +
      "with each navigation sent to one of two instances at random. With the refresh guard for " +
      `${harshStorm.seconds} s; without it for up to ${harshStorm.guardOffSeconds} s, stopped ` +
      "at the first revoked grant. Refresh grants per audience, and in brackets per expiry " +
      `(grants ÷ (window ÷ ${harshStorm.ttlSeconds} s)): about 1 for the Orders API, one ` +
      "refresh per expiry; more for the Profile API, whose token `/server-side` refreshes before " +
      "it renders whenever it has less than 10 s left, so on every view with these tokens. " +
      "Still signed in: a token that needs a refresh grant still comes afterwards. Target, " +
      "with the guard: no failed grant, no `invalid_grant`, no revoked grant, still signed in.",
    table(
      [
        "Sessions",
        "Instances",
        "Guard",
        "Window (s)",
        "Navigations",
        ...knownApis.map((api) => `${api.name} grants (per expiry)`),
        "invalid_grant",
        "Revoked grants",
        "Still signed in",
        "Target",
        "Result",
      ],
      rows,
    ),
  ].join("\n\n");
}
