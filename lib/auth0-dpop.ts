import "server-only";
import { Auth0Client } from "@auth0/nextjs-auth0/server";
import { apis, scopesAskedFor } from "@/config/apis";
import { paths } from "@/config/paths";
import { dpopCookies } from "@/config/session";
import { sharedClientOptions } from "@/lib/auth0";
import { dpopKeyPairFrom } from "@/lib/dpop/dpop-key-pair";
import { serverEnv } from "@/lib/env/server-env";

let client: Promise<Auth0Client> | undefined;

/**
 * The app's second `Auth0Client`, with DPoP: every token it gets is bound to the server's key
 * (`cnf.jkt`), and only the server can prove it holds that key. It has its own routes
 * (`/auth/dpop/*`), session cookie and sign-in cookies, and asks for the Payments API.
 *
 * Why not `useDPoP` on the one client: the Bearer chapters hand their tokens to the browser,
 * which calls the Profile and Orders APIs with them. A token bound to a key the browser does not
 * have is useless there, and a Bearer API that checks `cnf` refuses it.
 *
 * Async: the key pair is imported with Web Crypto (`lib/dpop/dpop-key-pair.ts`).
 *
 * @example
 * const session = await (await auth0Dpop()).getSession();
 */
export function auth0Dpop(): Promise<Auth0Client> {
  client ??= createClient().catch((error: unknown) => {
    client = undefined;
    throw error;
  });
  return client;
}

async function createClient(): Promise<Auth0Client> {
  const env = serverEnv();
  const audience = apis.payments.audience;
  return new Auth0Client({
    ...sharedClientOptions(env),
    // #region dpop-client
    useDPoP: true,
    dpopKeyPair: await dpopKeyPairFrom(env.dpopKey, process.env),
    routes: paths.dpopRoutes,
    session: { ...env.session, cookie: { name: dpopCookies.session } },
    transactionCookie: { prefix: dpopCookies.transactionPrefix },
    authorizationParameters: {
      audience,
      scope: { [audience]: `${scopesAskedFor[audience]} write:payments` },
    },
    // #endregion
  });
}
