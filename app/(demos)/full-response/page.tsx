import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { FullResponseDemo } from "@/components/demos/full-response";

export const metadata: Metadata = { title: "The full token response" };

export default function FullResponsePage() {
  return (
    <Chapter slug="full-response">
      <p>
        With <code>includeFullResponse: true</code>, <code>getAccessToken</code> returns the whole
        answer of the token route instead of the token alone: when it expires, what it may do, and
        its type. Use <code>expires_at</code> to schedule work before the token runs out, and{" "}
        <code>scope</code> to hide what the user may not do.
      </p>
      <FullResponseDemo />
      <h2>The code</h2>
      <CodeSample file="components/demos/full-response.tsx" region="full-response" />
      <ul>
        <li>
          <code>expires_at</code> is absolute (seconds since 1970); <code>expires_in</code> is what
          was left when the route answered.
        </li>
        <li>
          <code>token_type</code> is absent for the token obtained at sign-in and{" "}
          <code>&quot;bearer&quot;</code> after a refresh: do not rely on it.
        </li>
        <li>
          Once the token has expired, asking again makes the SDK refresh it: the countdown starts
          over with a new token.
        </li>
      </ul>
    </Chapter>
  );
}
