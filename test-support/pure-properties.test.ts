import { describe } from "node:test";
import { pureSurfaces } from "./pure-properties";
import { testSurface } from "./surface-tests";

describe("generated inputs against the pure surfaces (fast-check)", () => {
  for (const surface of pureSurfaces) testSurface(surface, 300);
});
