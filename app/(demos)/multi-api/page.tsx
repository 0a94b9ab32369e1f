import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { MultiApiDemo } from "@/components/demos/multi-api";
import { chapterRef } from "@/config/chapters";

const mrrtChapter = chapterRef("mrrt");

export const metadata: Metadata = { title: "Several APIs" };

export default function MultiApiPage() {
  return (
    <Chapter slug="multi-api">
      <p>
        An access token is issued for one API, named by its <code>aud</code> (audience) claim. To
        call two APIs, the browser asks for two tokens:{" "}
        <code>getAccessToken(&#123; audience &#125;)</code>. The first request for a new audience
        makes the SDK spend the session&apos;s refresh token at the authorization server (a
        Multi-Resource Refresh Token, see chapter {mrrtChapter.number}, {mrrtChapter.title}); the
        token is then kept in the session for that audience until it expires.
      </p>
      <MultiApiDemo />
      <h2>The code</h2>
      <p>
        Both panels use one SWR hook, <code>useApiData(api, path)</code>, which gets the token for
        that API&apos;s audience and calls it:
      </p>
      <CodeSample file="lib/demo-apis/client/use-api-data.ts" region="token-per-audience" />
      <p>
        Each API checks that the token&apos;s <code>aud</code> is its own identifier. A token for
        the Profile API is refused by the Orders API with <code>401 invalid_token</code>, even
        though the same issuer signed it for the same user:
      </p>
      <CodeSample file="components/demos/multi-api.tsx" region="wrong-audience" />
    </Chapter>
  );
}
