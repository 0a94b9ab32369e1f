import "server-only";

/** The HTTP methods one route answers, preflight included. */
export type RouteMethods = readonly ("GET" | "PATCH" | "OPTIONS")[];

function allowOrigin(headers: Headers, request: Request, appOrigin: string): void {
  // Caches must key on Origin, because the answer differs between allowed and other origins.
  headers.append("Vary", "Origin");
  if (request.headers.get("origin") === appOrigin) {
    headers.set("Access-Control-Allow-Origin", appOrigin);
  }
}

/**
 * Adds the CORS headers of an actual (non-preflight) response, so the APIs could live on another
 * origin than the app. Only the app's own origin is allowed, and no credentials: the APIs take a
 * bearer token and never read cookies. `WWW-Authenticate` is exposed so that the browser code can
 * read why a request was refused.
 *
 * @example
 * return withCors(Response.json(data), request, "http://localhost:3000");
 */
export function withCors(response: Response, request: Request, appOrigin: string): Response {
  allowOrigin(response.headers, request, appOrigin);
  response.headers.set("Access-Control-Expose-Headers", "WWW-Authenticate");
  return response;
}

/**
 * Answers a CORS preflight (`OPTIONS`): 204, the route's methods, and the two request headers the
 * browser may send (`Authorization` for the token, `Content-Type` for a JSON body).
 *
 * @example
 * export function OPTIONS(request: Request) {
 *   return preflightResponse(request, ["GET", "PATCH", "OPTIONS"], "http://localhost:3000");
 * }
 */
export function preflightResponse(
  request: Request,
  methods: RouteMethods,
  appOrigin: string,
): Response {
  const headers = new Headers({
    "Access-Control-Allow-Methods": methods.join(", "),
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
    "Access-Control-Max-Age": "600",
    Allow: methods.join(", "),
  });
  allowOrigin(headers, request, appOrigin);
  return new Response(null, { status: 204, headers });
}
