import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { MrrtPlayground } from "@/components/demos/mrrt-playground";
import { SessionTokens } from "@/components/session-tokens";
import { readOnlyReason, readPolicy } from "@/lib/mrrt-playground/policy-admin";
import { currentSession } from "@/lib/sessions/current-session";
import { resetPolicy, savePolicy } from "./policy-actions";

export const metadata: Metadata = { title: "The MRRT playground" };

export default async function MrrtPlaygroundPage() {
  const session = await currentSession();
  // Read for a signed-in user only: on a tenant each read is a Management API request.
  const view = session ? await readPolicy() : undefined;
  const readOnly = readOnlyReason();
  return (
    <Chapter slug="mrrt-playground">
      <p>
        The previous chapter showed the app&apos;s fixed policy. Here you change it: add or remove
        an API, add or remove scopes, then ask for a token and see which of Auth0&apos;s rules
        answered. The explanation is worked out from the policy, what was sent and what came back —
        the token&apos;s own <code>aud</code> and <code>scope</code>.
      </p>
      {!session && (
        <p className="warning" data-testid="sign-in-first">
          Sign in to see the policy and ask for tokens: the playground refreshes the session&apos;s
          refresh token. <a href="/auth/login?returnTo=/mrrt-playground">Sign in</a>
        </p>
      )}
      {!view ? (
        readOnly && (
          <p className="warning" data-testid="policy-read-only">
            {readOnly}
          </p>
        )
      ) : view.ok ? (
        <MrrtPlayground view={view} actions={{ save: savePolicy, reset: resetPolicy }} />
      ) : (
        <div className="problem" role="alert" data-testid="policy-unreadable">
          <p className="problem-title">The policy could not be read.</p>
          <p>{view.reason}</p>
          <p>
            <strong>Fix:</strong> {view.fix}
          </p>
        </div>
      )}
      <SessionTokens />
      <h2>Why the playground refreshes on the server</h2>
      <p>
        The browser&apos;s <code>getAccessToken()</code> returns the token already in the session
        until it expires: a changed policy only applies at the next refresh, as on Auth0. So each
        ask here is a refresh <em>now</em>, with{" "}
        <code>auth0().getAccessToken(&#123; refresh: true &#125;)</code> in <code>proxy.ts</code>,
        held to the token route&apos;s rules and behind the same refresh guard. The request:
      </p>
      <CodeSample file="components/demos/mrrt-playground.tsx" region="ask" />
      <p>
        The SDK merges the scopes the app configures for the audience into the ones you tick (
        <code>openid profile email offline_access</code> and the API&apos;s read scope): the answer
        shows exactly what was sent. Tokens for an audience outside the policy come back for the
        sign-in audience (rule 4); run the local server with{" "}
        <code>LOCAL_ISSUER_MRRT_STRICT=true</code> to get the refusal instead.
      </p>
      <h2>Where the policy is changed</h2>
      <p>
        Saving sends the Management API request that <code>npm run auth0:setup</code> sends, from
        the server, with the local server&apos;s own Management API client: the browser never holds
        a Management API token. Only the local authorization server&apos;s policy can be changed
        here; with a tenant configured the policy is shown read-only and the server action refuses a
        write. Reset puts back the app&apos;s policy, which every other chapter expects.
      </p>
      <CodeSample file="lib/mrrt-playground/policy-admin.ts" region="write-policy" />
    </Chapter>
  );
}
