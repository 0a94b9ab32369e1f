import type { Metadata } from "next";
import { Chapter } from "@/components/chapter";
import { CodeSample } from "@/components/code-sample";
import { CustomRouteDemo } from "@/components/demos/custom-route";
import { paths } from "@/config/paths";

export const metadata: Metadata = { title: "A custom token route" };

export default function CustomRoutePage() {
  return (
    <Chapter slug="custom-route">
      <p>
        The browser&apos;s <code>getAccessToken</code> and the server&apos;s token route must agree
        on one path. By default it is <code>{paths.defaultTokenRoute}</code>. Set{" "}
        <code>NEXT_PUBLIC_ACCESS_TOKEN_ROUTE={paths.customTokenRoute}</code> and both sides move:
        the SDK on the server serves the route at that path (through <code>proxy.ts</code>, whose
        matcher must include it), and the client asks there.
      </p>
      <CustomRouteDemo />
      <h2>The code</h2>
      <CodeSample file="components/demos/custom-route.tsx" region="custom-route" />
      <h2>Fixed at build time</h2>
      <p>
        Like every <code>NEXT_PUBLIC_</code> variable, the value is written into the JavaScript
        bundle and into the proxy by <code>next build</code>. Changing it in the environment of a
        running server changes nothing — or worse, only one side: the browser then asks a path that
        answers a 404 page, and <code>getAccessToken</code> throws a plain <code>Error</code> (not
        an <code>AccessTokenError</code>). The second button above shows exactly that. Set it before
        the build:
      </p>
      <pre>
        <code>
          NEXT_PUBLIC_ACCESS_TOKEN_ROUTE={paths.customTokenRoute} npm run build && npm start
        </code>
      </pre>
      <p>
        A single call can also pass <code>getAccessToken(&#123; route &#125;)</code>; the server
        must still serve that path.
      </p>
    </Chapter>
  );
}
