import { describe } from "node:test";
import { profileApiProperty } from "@/test-support/api-properties";
import { startApiRouteIssuer } from "@/test-support/api-route-issuer";
import { testSurface } from "@/test-support/surface-tests";

const issuer = await startApiRouteIssuer();
const routes = await import("./route");

describe("generated requests against the Profile API (fast-check)", () => {
  testSurface(profileApiProperty(issuer, routes), 200);
});
