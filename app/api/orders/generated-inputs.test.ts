import { describe } from "node:test";
import { ordersApiProperty } from "@/test-support/api-properties";
import { startApiRouteIssuer } from "@/test-support/api-route-issuer";
import { testSurface } from "@/test-support/surface-tests";

const issuer = await startApiRouteIssuer();
const routes = await import("./route");

describe("generated requests against the Orders API (fast-check)", () => {
  testSurface(ordersApiProperty(issuer, routes), 200);
});
