import fc from "fast-check";
import { apis } from "@/config/apis";
import { dpopErrorBodySchema } from "@/lib/demo-apis/contracts/payments-contract";
import {
  authorizationCases,
  authorizationHeaders,
  bodies,
  contentTypes,
} from "./bearer-generators";
import type { AuthorizationCase } from "./bearer-generators";
import { dpopKey, unsignedProof, type DpopKey } from "./dpop-proofs";
import type { JwksIssuer } from "./jwks-issuer";
import { surfaceOf, type SurfaceProperty } from "./surface-property";

/**
 * Generated requests for the Payments API (DPoP only), driven in this process with a test issuer:
 * the bearer APIs' Authorization cases under either scheme, plus tokens bound to the client's
 * key, each with a proof that is right, lacks the nonce, or is wrong in one way.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
type RouteModule = Partial<Record<Method, (request: Request) => Response | Promise<Response>>>;

const URL_ = "http://localhost:3000/api/payments";
const NEEDS: Partial<Record<Method, string>> = { GET: "read:payments", POST: "write:payments" };

type TokenCase =
  | { kind: "bound"; scope: string }
  | { kind: "bearer cases"; auth: AuthorizationCase; scheme: "DPoP" | "Bearer" };

const tokenCases: fc.Arbitrary<TokenCase> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...["openid read:payments write:payments", "read:payments", ""])
      .map((scope) => ({ kind: "bound" as const, scope })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("bearer cases" as const),
      auth: authorizationCases(apis.payments),
      scheme: fc.constantFrom("DPoP" as const, "Bearer" as const),
    }),
  },
);

const PROOF_CASES = [
  "right",
  "no nonce",
  "none",
  "two",
  "wrong htm",
  "another path",
  "old iat",
  "other key",
  "alg none",
  "any text",
] as const;
type ProofCase = (typeof PROOF_CASES)[number];

async function proofFor(
  proofCase: ProofCase,
  {
    method,
    token,
    key,
    stranger,
    nonce,
  }: { method: string; token: string; key: DpopKey; stranger: DpopKey; nonce: string },
): Promise<string[]> {
  const right = { accessToken: token, claims: { nonce } };
  switch (proofCase) {
    case "right":
      return [await key.proof(method, URL_, right)];
    case "no nonce":
      return [await key.proof(method, URL_, { accessToken: token })];
    case "none":
      return [];
    case "two":
      return [await key.proof(method, URL_, right), await key.proof(method, URL_, right)];
    case "wrong htm":
      return [await key.proof(method === "GET" ? "POST" : "GET", URL_, right)];
    case "another path":
      return [await key.proof(method, "http://localhost:3000/api/orders", right)];
    case "old iat":
      return [await key.proof(method, URL_, { ...right, claims: { nonce, iat: 1 } })];
    case "other key":
      return [await stranger.proof(method, URL_, right)];
    case "alg none":
      return [
        unsignedProof(
          { alg: "none", typ: "dpop+jwt", jwk: key.publicJwk },
          { htm: method, htu: URL_, nonce },
        ),
      ];
    case "any text":
      return ["not.a.proof"];
  }
}

/**
 * Any method, token case, proof case, body and Idempotency-Key: never a 5xx or a status the route
 * does not document; `no-store`; a 401 or 403 carries a DPoP challenge and a body of the contract;
 * a 200 only for a token bound to the proof's key with the scope, and a right proof.
 *
 * @example
 * const property = paymentsApiProperty(issuer, await import("@/app/api/payments/route"));
 */
export function paymentsApiProperty(issuer: JwksIssuer, routes: RouteModule): SurfaceProperty {
  const methods = (Object.keys(routes) as Method[]).filter((method) => routes[method]);
  const bearerHeader = authorizationHeaders(issuer, apis.payments);
  const keys = Promise.all([dpopKey(), dpopKey()]);
  const statuses = new Set<number>();
  return surfaceOf(
    "Payments API (every method, DPoP)",
    fc.asyncProperty(
      fc.constantFrom(...methods),
      tokenCases,
      fc.constantFrom(...PROOF_CASES),
      bodies,
      contentTypes,
      fc.constantFrom("payment-key-0001", "short", ""),
      async (method, tokenCase, proofCase, body, contentType, idempotencyKey) => {
        const [key, stranger] = await keys;
        const nonce = (await routes.GET!(new Request(URL_))).headers.get("dpop-nonce") ?? "";
        let authorization: string | undefined;
        if (tokenCase.kind === "bound") {
          const token = await issuer.sign({
            aud: apis.payments.audience,
            scope: tokenCase.scope,
            cnf: { jkt: key.jkt },
          });
          authorization = `DPoP ${token}`;
        } else {
          authorization = (await bearerHeader(tokenCase.auth))?.replace(
            /^Bearer /,
            `${tokenCase.scheme} `,
          );
        }
        const token = authorization?.split(" ")[1] ?? "";
        const headers = new Headers({
          "content-type": contentType,
          "idempotency-key": idempotencyKey,
        });
        if (authorization !== undefined) headers.set("authorization", authorization);
        for (const proof of await proofFor(proofCase, { method, token, key, stranger, nonce }))
          headers.append("dpop", proof);
        const bodyless = method === "GET" || method === "OPTIONS";
        const response = await routes[method]!(
          new Request(URL_, bodyless ? { method, headers } : { method, headers, body }),
        );
        const { status } = response;
        statuses.add(status);
        const served = NEEDS[method] !== undefined;
        const allowed = served ? [200, 400, 401, 403] : method === "OPTIONS" ? [204] : [405];
        if (!allowed.includes(status)) return false;
        if (response.headers.get("cache-control") !== "no-store") return false;
        if (
          (status === 401 || status === 403) &&
          !response.headers.get("www-authenticate")?.startsWith("DPoP ")
        )
          return false;
        if (
          served &&
          status !== 200 &&
          !dpopErrorBodySchema.strict().safeParse(await response.json()).success
        )
          return false;
        const mayPass =
          tokenCase.kind === "bound" &&
          proofCase === "right" &&
          tokenCase.scope.split(" ").includes(NEEDS[method] ?? "");
        return status !== 200 || mayPass;
      },
    ),
    statuses,
  );
}
