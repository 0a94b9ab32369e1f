import type { Metadata } from "next";
import Link from "next/link";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { TokenRacesDemo } from "@/components/demos/token-races";

export const metadata: Metadata = { title: "Tokens that never race" };

type Props = { searchParams: Promise<{ manager?: string; poll?: string }> };

export default async function TokenRacesPage({ searchParams }: Props) {
  const params = await searchParams;
  const manager = params.manager !== "off";
  const pollMs = Math.min(Math.max(Number(params.poll) || 0, 0), 60_000);
  return (
    <Chapter slug="token-races">
      <p>
        The SDK&apos;s <code>getAccessToken</code> sends one request per call: no cache, no
        de-duplication. A dashboard of ten widgets asks ten times per render. Worse, when the tokens
        have expired, the server refreshes for each request at once, and each refresh spends the
        same rotating refresh token. The authorization server takes the second use for theft and
        revokes the grant: the user is signed out. React&apos;s StrictMode in <code>next dev</code>{" "}
        doubles every effect and is enough to trigger it.
      </p>
      <p>
        This app puts a small token manager in front of the SDK (
        <code>lib/tokens/token-manager.ts</code>): it caches each token until shortly before it
        expires, lets concurrent callers share one request, and sends one token request at a time
        per browser — across tabs, with the Web Locks API — so two refreshes can never overlap.
      </p>
      <p>
        <Link href="/token-races?poll=1000">Run the storm with the manager</Link> ·{" "}
        <Link href="/token-races?manager=off&amp;poll=1000">and without it</Link> ·{" "}
        <Link href="/token-races">stop</Link>. Open a second tab to race across tabs.
      </p>
      <TokenRacesDemo manager={manager} pollMs={pollMs} />
      <h2>The code</h2>
      <CodeSample file="lib/tokens/token-manager.ts" region="single-flight" />
      <h2>On the server: the refresh guard</h2>
      <p>
        A browser cannot see everything: leaving a page while a refresh is in flight cancels the
        answer after the server has spent the refresh token, and a page that started loading before
        a refresh can answer after it with the old session cookie. So every refresh also goes
        through a guard on the server (<code>lib/refresh-guard/</code>): one refresh at a time per
        refresh token, and a short memory of rotations, so that a request still carrying a spent
        refresh token (inside its own encrypted cookie, nothing else leads there) goes on with the
        session that replaced it instead of spending the token a second time.
      </p>
      <CodeSample file="lib/refresh-guard/cookie-mode.ts" region="refresh-guard" />
      <p>
        With both, the reuse interval (Auth0: Refresh Token Rotation → Reuse Interval; here{" "}
        <code>LOCAL_ISSUER_REFRESH_REUSE_INTERVAL</code>) can stay at 0.
      </p>
      <h2>Several instances: the lock in Redis</h2>
      <p>
        With <code>REDIS_URL</code>, the session lives in Redis and the cookie holds only its id, so
        a cancelled refresh loses nothing (Redis is written whether or not the browser still
        listens) and the store refuses a write of a session read before the refresh. What remains is
        two instances refreshing one session at once: the lock moves to Redis, one per session (
        <code>SET NX PX</code>, released only by its holder), and a request that waits too long
        answers 503 rather than hang.
      </p>
      <CodeSample file="lib/refresh-guard/redis-mode.ts" region="refresh-guard-redis" />
    </Chapter>
  );
}
