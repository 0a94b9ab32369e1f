/**
 * The answers of a demo API route to the methods its bearer pipeline (`bearer-route.ts`) does not
 * serve: the CORS preflight, and 405 for the others. Next.js would answer those 405s itself,
 * without the APIs' headers; here they carry them like every other answer.
 */
import "server-only";
import { apiEnv } from "./api-env";
import { setApiHeaders } from "./api-headers";

type Method = "GET" | "POST" | "PATCH" | "OPTIONS";

/**
 * The `OPTIONS` handler of a route: a CORS preflight answer (204) listing `methods`, and the
 * request headers the browser may send (`Authorization` for the token, `Content-Type` for a JSON
 * body, and the route's `extraHeaders`, such as `DPoP`).
 *
 * @example
 * export const OPTIONS = preflightRoute(["GET", "PATCH", "OPTIONS"]);
 */
export function preflightRoute(
  methods: readonly Method[],
  extraHeaders: readonly string[] = [],
): (request: Request) => Response {
  return (request) => {
    const headers = new Headers({
      "Access-Control-Allow-Methods": methods.join(", "),
      "Access-Control-Allow-Headers": ["Authorization", "Content-Type", ...extraHeaders].join(", "),
      "Access-Control-Max-Age": "600",
      Allow: methods.join(", "),
    });
    setApiHeaders(headers, request, apiEnv().appOrigin);
    return new Response(null, { status: 204, headers });
  };
}

/**
 * The handler of a method the route does not serve: 405, naming the ones it does in `Allow`.
 *
 * @example
 * export const POST = methodNotAllowedRoute(["GET", "OPTIONS"]);
 */
export function methodNotAllowedRoute(methods: readonly Method[]): (request: Request) => Response {
  return (request) => {
    const headers = new Headers({ Allow: methods.join(", ") });
    setApiHeaders(headers, request, apiEnv().appOrigin);
    return new Response(null, { status: 405, headers });
  };
}
