import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { DpopBoundTokensDemo } from "@/components/demos/dpop-bound-tokens";
import { paths } from "@/config/paths";
import { auth0Dpop } from "@/lib/auth0-dpop";

export const metadata: Metadata = { title: "DPoP-bound tokens" };

/** The DPoP client's session, or `null` (none, or a cookie it cannot read). */
async function dpopSession() {
  try {
    return await (await auth0Dpop()).getSession();
  } catch {
    return null;
  }
}

type Props = { searchParams: Promise<{ poll?: string }> };

export default async function DpopBoundTokensPage({ searchParams }: Props) {
  const session = await dpopSession();
  // `?poll=500`: the demo asks again and again (the refresh guard's storm drives it that way).
  const pollMs = Math.min(Math.max(Number((await searchParams).poll) || 0, 0), 60_000);
  const signIn = `${paths.dpopRoutes.login}?returnTo=/dpop-bound-tokens`;
  return (
    <Chapter slug="dpop-bound-tokens">
      <p>
        A Bearer token works for whoever holds it. A DPoP-bound token (RFC 9449) names a key in its{" "}
        <code>cnf.jkt</code> claim, and the Payments API accepts it only with a <code>DPoP</code>{" "}
        proof signed by that key, made for that one request. The key lives on this app&apos;s
        server; the browser never has it.
      </p>
      <p>
        This chapter signs in with a second <code>Auth0Client</code>, with <code>useDPoP</code>, on
        routes of its own (<code>/auth/dpop/*</code>) and with a session cookie of its own. Not{" "}
        <code>useDPoP</code> for the whole app: the other chapters hand their tokens to the browser,
        which calls the Profile and Orders APIs with them, and a token bound to a key the browser
        does not have is no use there.
      </p>
      <CodeSample file="lib/auth0-dpop.ts" region="dpop-client" />
      {session ? (
        <>
          <p data-testid="dpop-signed-in">
            Signed in to the DPoP client as <strong>{session.user.name}</strong>.{" "}
            <a href={paths.dpopRoutes.logout}>Sign out of it</a>.
          </p>
          <DpopBoundTokensDemo pollMs={pollMs} />
        </>
      ) : (
        <p className="warning">
          <a href={signIn} data-testid="dpop-sign-in">
            Sign in with the DPoP client
          </a>{" "}
          to get a token bound to the server&apos;s key.
        </p>
      )}
      <h2>In the browser: a token it cannot use</h2>
      <p>
        The SDK&apos;s <code>getAccessToken()</code> asks the DPoP client&apos;s token route (its{" "}
        <code>route</code> option) and gets <code>token_type: &quot;dpop&quot;</code> (the SDK keeps
        the lower case its OAuth library gives it) and a token with <code>cnf.jkt</code>. The token
        from the sign-in itself has no <code>token_type</code> at all: the SDK drops it, and its
        fetcher would then send the token as Bearer, so this app refreshes once right after the DPoP
        sign-in (<code>lib/proxy/dpop-routes.ts</code>). The browser can only send it as Bearer, and
        the Payments API answers 401 <code>invalid_token</code>: it never accepts a Bearer token, so
        a bound token cannot be downgraded.
      </p>
      <CodeSample file="components/demos/dpop-bound-tokens.tsx" region="browser-token" />
      <h2>On the server: the fetcher signs a proof for every request</h2>
      <p>
        <code>createFetcher(request, &#123; useDPoP: true &#125;).fetchWithAuth(path)</code> sends{" "}
        <code>Authorization: DPoP</code> and a proof: header <code>typ</code>, <code>alg</code> and
        the public <code>jwk</code>; claims <code>htm</code>, <code>htu</code>, <code>iat</code>, a
        fresh <code>jti</code>, <code>ath</code> (the token&apos;s hash) and the server&apos;s{" "}
        <code>nonce</code>. The API asks for a nonce first (401 <code>use_dpop_nonce</code> with{" "}
        <code>DPoP-Nonce</code>); the fetcher retries once with it. The proxy refreshes a token
        about to expire before the fetcher runs: the fetcher itself refreshes without saving the
        session, which would lose the rotated refresh token.
      </p>
      <CodeSample file="lib/proxy/dpop-call.ts" region="fetch-with-auth" />
      <h2>A stolen token is no use</h2>
      <p>
        Whoever reads a request (a log, a proxy, a compromised API) gets the token and one proof.
        With a proof of their own key the API refuses the token (it is bound to another key); the
        captured proof, sent again, is refused too (its <code>jti</code> was used, and it is only
        valid for that method and URL for a minute).
      </p>
      <CodeSample file="lib/dpop/payments-exchanges.ts" region="stolen-token" />
      <h2>What DPoP does not protect against</h2>
      <p>
        DPoP makes a token useless away from its key. It does nothing for a script running on this
        app&apos;s own origin (XSS): that script can ask this server to make the call, with the
        user&apos;s cookie, and the server signs the proof. Keep the same-origin checks, the
        Content-Security-Policy and the short sessions; DPoP adds to them, it replaces none.
      </p>
    </Chapter>
  );
}
