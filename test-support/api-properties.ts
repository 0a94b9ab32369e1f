import fc from "fast-check";
import { apis } from "@/config/apis";
import {
  authorizationCases,
  authorizationHeaders,
  bodies,
  contentTypes,
  mustBeRefused,
  type DemoApi,
} from "./bearer-generators";
import { ordersFor } from "@/lib/demo-apis/data/orders";
import { DEFAULT_SUB, type JwksIssuer } from "./jwks-issuer";
import { surfaceOf, type SurfaceProperty } from "./surface-property";

/**
 * The bearer-only demo APIs' route handlers, driven in this process with a test issuer: one
 * property for both APIs, with the generators of `bearer-generators.ts`.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
type Handler = (request: Request) => Response | Promise<Response>;
/** What a route module exports: a handler per method it answers. */
type RouteModule = Partial<Record<Method, Handler>>;

type BearerApiSurface = {
  api: DemoApi;
  url: string;
  routes: RouteModule;
  /** The scope each method behind the bearer check needs; the others answer 405 or a preflight. */
  needs: Partial<Record<Method, string>>;
  /** Where the data a refused request must leave alone is read (GET): this route by default. */
  reader?: { routes: RouteModule; url: string; scope: string };
  /** The route names a resource in its path: a token of another user gets 404. */
  mayNotFind?: boolean;
  /** The surface's name in reports: the API's name by default. */
  name?: string;
};

/** What an answer may be: the bearer pipeline's statuses, the preflight's, or the 405. */
function allowedStatuses(method: Method, surface: BearerApiSurface): number[] {
  if (surface.needs[method]) return [200, 400, 401, 403, ...(surface.mayNotFind ? [404] : [])];
  return method === "OPTIONS" ? [204] : [405];
}

/**
 * Any method of the route, any Authorization header and any body: never a 5xx or another status
 * than the route documents; `no-store`; a refusal is RFC 6750's (401 with a `Bearer` challenge,
 * 403 naming the scope the method needs), a 405 names the methods in `Allow`; nothing unsigned
 * or forged is ever answered 200; and no refused request changes what a valid read returns.
 */
function bearerApiProperty(issuer: JwksIssuer, surface: BearerApiSurface): SurfaceProperty {
  const { api, url, routes, needs } = surface;
  const methods = (Object.keys(routes) as Method[]).filter((method) => routes[method]);
  const header = authorizationHeaders(issuer, api);
  const source = surface.reader ?? { routes, url, scope: needs.GET };
  const served = Object.keys(needs)[0] ?? "GET";
  let reader: Promise<string> | undefined;
  const read = async () => {
    reader ??= issuer.sign({ aud: api.audience, scope: source.scope }).then((t) => `Bearer ${t}`);
    const response = await source.routes.GET!(
      new Request(source.url, { headers: { authorization: await reader } }),
    );
    // The data only: the echoed token's times differ from one read to the next.
    const data = (await response.json()) as Record<string, unknown>;
    delete data.token;
    return JSON.stringify(data);
  };
  const statuses = new Set<number>();
  return surfaceOf(
    `${surface.name ?? api.name} (every method)`,
    fc.asyncProperty(
      fc.constantFrom(...methods),
      authorizationCases(api),
      bodies,
      contentTypes,
      async (method, auth, body, contentType) => {
        const before = await read();
        const headers = new Headers({ "content-type": contentType });
        const authorization = await header(auth);
        if (authorization !== undefined) headers.set("authorization", authorization);
        const bodyless = method === "GET" || method === "OPTIONS";
        const init = bodyless ? { method, headers } : { method, headers, body };
        const response = await routes[method]!(new Request(url, init));
        const { status } = response;
        statuses.add(status);
        if (!allowedStatuses(method, surface).includes(status)) return false;
        if (response.headers.get("cache-control") !== "no-store") return false;
        if (status === 405 && !response.headers.get("allow")?.includes(served)) return false;
        const challenge = response.headers.get("www-authenticate") ?? "";
        if ((status === 401 || status === 403) && !challenge.startsWith("Bearer")) return false;
        if (status === 403 && !challenge.includes(`scope="${needs[method]}"`)) return false;
        if (status === 200 && mustBeRefused(auth)) return false;
        // A refused request changes nothing (the token of `read` names the same user).
        return status === 200 || (await read()) === before;
      },
    ),
    statuses,
  );
}

/**
 * The Profile API (`/api/profile/me`): every method, PATCH with any body.
 *
 * @example
 * const property = profileApiProperty(issuer, await import("@/app/api/profile/me/route"));
 */
export function profileApiProperty(issuer: JwksIssuer, routes: RouteModule): SurfaceProperty {
  return bearerApiProperty(issuer, {
    api: apis.profile,
    url: "http://localhost:3000/api/profile/me",
    routes,
    needs: { GET: "read:profile", PATCH: "write:profile" },
  });
}

/**
 * The Orders API (`/api/orders`): read-only, so every write method, whatever its body and token,
 * must be its 405 and leave the orders as they were.
 *
 * @example
 * const property = ordersApiProperty(issuer, await import("@/app/api/orders/route"));
 */
export function ordersApiProperty(issuer: JwksIssuer, routes: RouteModule): SurfaceProperty {
  return bearerApiProperty(issuer, {
    api: apis.orders,
    url: "http://localhost:3000/api/orders",
    routes,
    needs: { GET: "read:orders" },
  });
}

/**
 * The Orders API's refund (`POST /api/orders/{id}/refund`, step-up scope `refund:orders`) of one
 * order of the signing user: any token and body. Only a 200 may change the orders.
 *
 * @example
 * const property = refundApiProperty(issuer, refundRoutes, await import("@/app/api/orders/route"));
 */
export function refundApiProperty(
  issuer: JwksIssuer,
  routes: RouteModule,
  ordersRoutes: RouteModule,
): SurfaceProperty {
  const [order] = ordersFor(DEFAULT_SUB);
  return bearerApiProperty(issuer, {
    api: apis.orders,
    url: `http://localhost:3000/api/orders/${order?.id ?? "none"}/refund`,
    routes,
    needs: { POST: "refund:orders" },
    reader: { routes: ordersRoutes, url: "http://localhost:3000/api/orders", scope: "read:orders" },
    mayNotFind: true,
    name: "Orders API refund",
  });
}
