import type { Metadata } from "next";
import Link from "next/link";
import { Chapter } from "@/components/chapter";
import { chapterRef } from "@/config/chapters";
import { CodeSample } from "@/components/code-sample";
import { BasicUsageDemo } from "@/components/demos/basic-usage";

export const metadata: Metadata = { title: "Basic usage" };

const races = chapterRef("token-races");

export default function BasicUsagePage() {
  return (
    <Chapter slug="basic-usage">
      <p>
        A client component calls <code>getAccessToken()</code>. The SDK asks the app&apos;s own{" "}
        <code>/auth/access-token</code> route, which reads the encrypted session cookie and answers
        with the access token, refreshing it first if it has expired. The component then calls the
        Profile API with the token in an <code>Authorization: Bearer</code> header.
      </p>
      <p>
        With no arguments the token is the one obtained at sign-in, for the default audience (
        <code>https://profile-api.example.com</code>, set in <code>lib/auth0.ts</code>).
      </p>
      <p>
        This chapter calls the SDK&apos;s own function, exactly as your code would. The later
        chapters import a drop-in with the same signature and errors,{" "}
        <code>lib/tokens/browser-tokens.ts</code>, which caches tokens and keeps two refreshes from
        racing; chapter {races.number}, <Link href={`/${races.slug}`}>{races.title}</Link>, shows
        why an app with several APIs needs one.
      </p>
      <BasicUsageDemo />
      <h2>The code</h2>
      <CodeSample file="components/demos/basic-usage.tsx" region="basic-usage-import" />
      <CodeSample file="components/demos/basic-usage.tsx" region="basic-usage" />
      <p>
        When the API refuses the token, its answer says why in RFC 6750&apos;s terms (
        <code>error</code> and <code>error_description</code>, and the <code>WWW-Authenticate</code>{" "}
        header): the demo shows them, and the Try again button.
      </p>
      <p>
        The token never reaches the server-side rendering: the browser holds it only in memory, for
        the call. The API checks the signature, issuer, audience, expiry and scope of every token (
        <code>lib/demo-apis/server/</code>); it never reads the session cookie.
      </p>
    </Chapter>
  );
}
