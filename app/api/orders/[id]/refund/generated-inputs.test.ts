import { describe } from "node:test";
import { refundApiProperty } from "@/test-support/api-properties";
import { startApiRouteIssuer } from "@/test-support/api-route-issuer";
import { testSurface } from "@/test-support/surface-tests";

const issuer = await startApiRouteIssuer();
const routes = await import("./route");
const orders = await import("../../route");

describe("generated requests against the Orders API's refund (fast-check)", () => {
  testSurface(refundApiProperty(issuer, routes, orders), 200);
});
