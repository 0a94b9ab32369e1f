import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { StepUpMfaDemo } from "@/components/demos/step-up-mfa";
import { SessionTokens } from "@/components/session-tokens";
import { ordersFor } from "@/lib/demo-apis/data/orders";
import { currentSession } from "@/lib/sessions/current-session";

export const metadata: Metadata = { title: "Step-up MFA" };

export default async function StepUpMfaPage() {
  const session = await currentSession();
  // The same orders the Orders API answers for this user (it decides; this only lists the ids).
  const orderIds = session ? ordersFor(session.user.sub).map((order) => order.id) : [];
  return (
    <Chapter slug="step-up-mfa">
      <p>
        Refunding an order needs <code>refund:orders</code>, a scope the authorization server grants
        only after a second factor (on Auth0, an Action that calls{" "}
        <code>api.multifactor.enable</code> for it). Reading orders needs none. So the first refund
        makes <code>getAccessToken()</code> throw <code>MfaRequiredError</code>, carrying an
        encrypted <code>mfa_token</code>, and the page offers both ways out.
      </p>
      {session ? (
        <StepUpMfaDemo orderIds={orderIds} />
      ) : (
        <p className="warning">
          <a href="/auth/login?returnTo=/step-up-mfa">Sign in</a> to refund an order.
        </p>
      )}
      <SessionTokens />
      <h2>The code</h2>
      <CodeSample file="components/demos/step-up-mfa.tsx" region="step-up" />
      <h2>In a popup: step-up that lasts</h2>
      <p>
        <code>mfa.challengeWithPopup()</code> signs in again in a popup with <code>acr_values</code>{" "}
        asking for multi-factor authentication. The callback replaces the session&apos;s refresh
        token with one whose grant remembers the second factor: every later refresh for{" "}
        <code>refund:orders</code> succeeds without a new challenge, as on Auth0.
      </p>
      <CodeSample file="components/demos/step-up-mfa.tsx" region="popup" />
      <h2>On the page: step-up for one token</h2>
      <p>
        <code>mfa.getAuthenticators</code>, <code>mfa.challenge</code> and <code>mfa.verify</code>{" "}
        (or <code>mfa.enroll</code> for a user with no factor yet) go through this app&apos;s{" "}
        <code>/auth/mfa/*</code> routes. The SDK keeps the access token that <code>verify</code>{" "}
        returns, for this audience and scope, and no refresh token: when it expires, the next refund
        asks for a code again.
      </p>
      <CodeSample file="components/demos/mfa-code-panel.tsx" region="in-page" />
      <h2>An mfa_token is for the session it was handed to</h2>
      <p>
        The SDK&apos;s <code>/auth/mfa/verify</code> stores the stepped-up token in whatever session
        the request carries, and with none it signs one in. So this app binds each{" "}
        <code>mfa_token</code> the token route hands out to that session and browser (a MAC in a
        short-lived cookie) and refuses any other with <code>mfa_token_invalid</code>: another
        user&apos;s, another sign-in&apos;s, a tampered one, or one with no session at all.
      </p>
      <CodeSample file="lib/proxy/mfa-token-binding.ts" region="verify-refusal" />
      <h2>On your tenant</h2>
      <p>
        <code>npm run auth0:setup</code> does what the chapter needs: <code>refund:orders</code> on
        the Orders API and in its refresh token policy, the <strong>MFA</strong> grant type on the
        application (the in-page way sends it), the <strong>One-time Password</strong> factor on,
        and this post-login Action, deployed and bound (it also runs on refresh token exchanges);{" "}
        <code>npm run auth0:check</code> checks each. Without the Action, Auth0 grants the scope
        with no second factor at all, and so does the local server. Where the Management API
        application lacks the Actions scopes, setup prints the dashboard steps instead.
      </p>
      <CodeSample file="config/step-up-action.ts" region="action-code" />
      <p>
        The demo user&apos;s local secret is in <code>config/demo-users.ts</code>; it works only
        with the local server.
      </p>
    </Chapter>
  );
}
