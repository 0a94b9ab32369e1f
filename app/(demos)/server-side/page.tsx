import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { ServerSideDemo } from "@/components/demos/server-side";

export const metadata: Metadata = { title: "On the server" };

export default function ServerSidePage() {
  return (
    <Chapter slug="server-side">
      <p>
        The <code>getAccessToken</code> of these chapters is a browser function: it fetches a
        relative URL, so it cannot run during server rendering. On the server, use the{" "}
        <code>Auth0Client</code>: <code>auth0().getAccessToken()</code> reads the session from the
        request&apos;s cookies and returns <code>&#123; token, expiresAt, scope &#125;</code>.
      </p>
      <ServerSideDemo />
      <h2>The code</h2>
      <CodeSample file="components/demos/server-side.tsx" region="server-side" />
      <h2>Where it stops: refreshing</h2>
      <p>
        A Server Component cannot set cookies. If the token has expired,{" "}
        <code>auth0().getAccessToken()</code> still refreshes it, but cannot save the new session.
        With rotating refresh tokens the old refresh token is now spent and the new one is lost: the
        next refresh reuses the old one, and the authorization server revokes the whole grant. So
        this app refreshes in <code>proxy.ts</code>, where the response can carry the cookie, before
        the page renders:
      </p>
      <CodeSample file="proxy.ts" region="refresh-before-render" />
    </Chapter>
  );
}
