import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { AdditionalScopesDemo } from "@/components/demos/additional-scopes";

export const metadata: Metadata = { title: "Additional scopes" };

export default function AdditionalScopesPage() {
  return (
    <Chapter slug="additional-scopes">
      <p>
        Sign-in asks only for <code>read:profile</code>: a token should carry no more power than the
        page needs. Editing the profile needs <code>write:profile</code>, so the edit asks for a
        token with that scope when it needs it. The Profile API refuses the default token with{" "}
        <code>403 insufficient_scope</code> and names the scope it wants.
      </p>
      <AdditionalScopesDemo />
      <h2>The code</h2>
      <CodeSample file="components/demos/additional-scopes.tsx" region="additional-scopes" />
      <p>
        A surprise worth knowing: with Multi-Resource Refresh Tokens, once the sign-in
        audience&apos;s token has been refreshed (it expired, and no scope was asked for), Auth0
        grants it the sign-in scopes <em>plus every scope the policy allows for that API</em>. After
        its first refresh the default token can edit the profile too — the inspector shows it. The
        SDK also serves any stored token whose scopes include the ones asked for, so you cannot ask
        it for a narrower token for the sign-in audience. Do not rely on a token lacking a scope;
        the API&apos;s scope check is what protects the data.
      </p>
      <p>
        The authorization server grants only scopes that the application&apos;s refresh token policy
        allows for that API; others are dropped without an error, so check the <code>scope</code> of
        the token you get (the inspector lists requested against granted).
      </p>
    </Chapter>
  );
}
