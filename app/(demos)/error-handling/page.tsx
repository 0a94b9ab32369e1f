import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { ErrorHandlingDemo } from "@/components/demos/error-handling";
import { tokenErrorCatalogue } from "@/lib/tokens/explain-token-error";

export const metadata: Metadata = { title: "Error handling" };

export default function ErrorHandlingPage() {
  return (
    <Chapter slug="error-handling">
      <p>
        When the token route cannot give a token, <code>getAccessToken</code> throws an{" "}
        <code>AccessTokenError</code> (from <code>@auth0/nextjs-auth0/errors</code>) whose{" "}
        <code>code</code> says why. Each scenario below brings about one of them for real and shows
        what this app tells the user. The authorization server&apos;s own error is not passed to the
        browser: the server logs have it.
      </p>
      <ErrorHandlingDemo />
      <p>
        Handle <code>session_expired</code> and <code>missing_session</code> the same way: send the
        user to sign in.
      </p>
      <h2>The code</h2>
      <CodeSample file="components/demos/error-handling.tsx" region="handle-errors" />
      <h2>Every error, its cause and its fix</h2>
      <table className="reference">
        <thead>
          <tr>
            <th scope="col">Error</th>
            <th scope="col">Cause</th>
            <th scope="col">Fix</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(tokenErrorCatalogue).map(([code, { cause, fix }]) => (
            <tr key={code}>
              <td>
                <code>{code}</code>
              </td>
              <td>{cause}</td>
              <td>{fix}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Chapter>
  );
}
