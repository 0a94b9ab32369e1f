/**
 * `npm run fuzz`: ten thousand generated cases against each surface an attacker reaches, from
 * one seed it prints (`FUZZ_SEED` replays it): the pure surfaces
 * (`test-support/pure-properties.ts`), the Profile, Orders and Payments APIs' route handlers with
 * a test issuer (`test-support/api-properties.ts`, `test-support/dpop-api-property.ts`), the local issuer's token endpoint started in this
 * process (`test-support/refresh-grant-properties.ts`), and the token route over HTTP against
 * the issuer and `next start` of the end-to-end build on ports of their own
 * (`test-support/token-route-property.ts`, `scripts/fuzz-servers.ts`), which it stops at the end.
 * Writes `bench/reports/fuzz.md` (and `.json`) with `scripts/fuzz-report.ts`. Exits non-zero
 * when a property fails, or at once when the build is missing (it names the command).
 */
import { boundedRun } from "@/bench/harness";
import {
  ordersApiProperty,
  profileApiProperty,
  refundApiProperty,
} from "@/test-support/api-properties";
import { pointAppAtIssuer } from "@/test-support/api-route-issuer";
import { startJwksIssuer, type JwksIssuer } from "@/test-support/jwks-issuer";
import { paymentsApiProperty } from "@/test-support/dpop-api-property";
import { pureSurfaces } from "@/test-support/pure-properties";
import {
  startRefreshGrantIssuer,
  type RefreshGrantIssuer,
} from "@/test-support/refresh-grant-issuer";
import { refreshGrantProperty } from "@/test-support/refresh-grant-properties";
import { tokenRouteProperty } from "@/test-support/token-route-property";
import { runSurface, writeFuzzReport, type SurfaceResult } from "./fuzz-report";
import { missingBuild, startFuzzServers, type FuzzServers } from "./fuzz-servers";

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

const missing = missingBuild();
if (missing) {
  console.error(`[fuzz] ${missing}`);
  process.exit(1);
}

let servers: FuzzServers | undefined;
let apiIssuer: JwksIssuer | undefined;
let grantIssuer: RefreshGrantIssuer | undefined;

await boundedRun({
  tag: "[fuzz]",
  timeoutMs: 30 * 60_000,
  stopping: "the servers",
  cleanUp: async () => {
    await servers?.stop();
    await apiIssuer?.close();
    await grantIssuer?.issuer.dispose();
  },
  body: async (log, elapsed) => {
    log(`${CASES} cases per surface, seed ${seed} (FUZZ_SEED=${seed} replays it)`);
    // First, while this process's environment is still its own: the servers inherit it.
    log("starting the issuer and next start on 4801/3801, signing in…");
    servers = await startFuzzServers();
    apiIssuer = await startJwksIssuer();
    pointAppAtIssuer(apiIssuer);
    grantIssuer = await startRefreshGrantIssuer();
    const surfaces = [
      ...pureSurfaces,
      profileApiProperty(apiIssuer, await import("@/app/api/profile/me/route")),
      ordersApiProperty(apiIssuer, await import("@/app/api/orders/route")),
      refundApiProperty(
        apiIssuer,
        await import("@/app/api/orders/[id]/refund/route"),
        await import("@/app/api/orders/route"),
      ),
      paymentsApiProperty(apiIssuer, await import("@/app/api/payments/route")),
      refreshGrantProperty(grantIssuer),
      tokenRouteProperty(servers.appUrl, servers.cookies),
    ];
    const results: SurfaceResult[] = [];
    for (const surface of surfaces) {
      results.push(await runSurface(surface, { numRuns: CASES, seed }, log));
    }
    const files = await writeFuzzReport({ cases: CASES, seed, totalSeconds: elapsed(), results });
    log(`wrote ${files.join(", ")} in ${elapsed()} s`);
    if (results.some((result) => !result.passed)) process.exitCode = 1;
  },
});
