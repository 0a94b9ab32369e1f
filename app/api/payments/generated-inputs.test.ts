import { describe } from "node:test";
import { startApiRouteIssuer } from "@/test-support/api-route-issuer";
import { paymentsApiProperty } from "@/test-support/dpop-api-property";
import { testSurface } from "@/test-support/surface-tests";

const issuer = await startApiRouteIssuer();
const routes = await import("./route");

describe("generated requests against the Payments API (fast-check)", () => {
  testSurface(paymentsApiProperty(issuer, routes), 200);
});
