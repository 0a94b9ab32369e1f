import type { Metadata } from "next";
import Link from "next/link";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { MrrtDemo } from "@/components/demos/mrrt";
import { SessionTokens } from "@/components/session-tokens";
import { chapterRef } from "@/config/chapters";
import { defaultRefreshTokenPolicies } from "@/local-issuer/config";

const playground = chapterRef("mrrt-playground");

/** The local issuer's own policy, so the body shown for Auth0 cannot drift from it. */
const managementApiBody = {
  refresh_token: {
    rotation_type: "rotating",
    expiration_type: "expiring",
    policies: defaultRefreshTokenPolicies,
  },
};

export const metadata: Metadata = { title: "Multi-Resource Refresh Tokens" };

export default function MrrtPage() {
  return (
    <Chapter slug="mrrt">
      <p>
        The user signed in once, for the Profile API. With a Multi-Resource Refresh Token (MRRT) the
        same refresh token also gets tokens for the other APIs that the application&apos;s{" "}
        <strong>refresh token policy</strong> lists — no second sign-in, no redirect. The SDK keeps
        one access token per audience in the session and refreshes each when it expires.
      </p>
      <MrrtDemo />
      <SessionTokens />
      <h2>The code</h2>
      <CodeSample file="components/demos/mrrt.tsx" region="mrrt" />
      <h2>The silent audience fallback</h2>
      <p>
        The Reports API exists, but the policy does not list it. Auth0 does not answer such a
        request with an error: it <strong>silently issues a token for the sign-in audience</strong>,
        and <code>getAccessToken</code> returns it as if it were for the Reports API. Nothing fails
        until the Reports API rejects the token. The inspector above decodes the token&apos;s{" "}
        <code>aud</code> (without trusting it — only the API verifies) and warns when it is not the
        audience that was asked for. Do the same in your app, or add every API to the policy.
      </p>
      <p>
        The local authorization server follows Auth0&apos;s rules; set{" "}
        <code>LOCAL_ISSUER_MRRT_STRICT=true</code> to get an error instead (the SDK then reports{" "}
        <code>failed_to_refresh_token</code>). Its policy:
      </p>
      <CodeSample file="local-issuer/config.ts" region="mrrt-policy" />
      <p>
        On Auth0 the policy belongs to the application and is set with the Management API (the
        dashboard cannot): add <code>policies</code> to the application&apos;s{" "}
        <code>refresh_token</code> settings with{" "}
        <code>PATCH /api/v2/clients/&#123;client_id&#125;</code>. Each API must also allow offline
        access. <code>npm run auth0:setup</code> does it, through the <code>auth0</code>{" "}
        package&apos;s <code>ManagementClient</code>; the local server applies the same request for
        real. The body:
      </p>
      <CodeSample file="provisioning/plan.ts" region="refresh-token-policies" />
      <p>The request:</p>
      <CodeSample file="provisioning/setup.ts" region="update-client" />
      <p>For this app, on a tenant where the application has no policy yet, the body is:</p>
      <pre>
        <code>{JSON.stringify(managementApiBody, null, 2)}</code>
      </pre>
      <p>
        To change the policy and watch each rule answer, go on to chapter {playground.number},{" "}
        <Link href={`/${playground.slug}`}>{playground.title}</Link>.
      </p>
    </Chapter>
  );
}
