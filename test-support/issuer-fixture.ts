/**
 * Test-only: the real local issuer (`local-issuer/`) on an ephemeral port with a fresh state
 * folder, removed afterwards. For tests of the issuer itself and of what talks to it as to Auth0;
 * a unit test that only needs tokens to verify uses the smaller `test-issuer.ts`.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { startIssuer, type RunningIssuer, type StartIssuerOptions } from "@/local-issuer/server";
import { appBaseUrl } from "./oauth-flow";

export type LocalTestIssuer = RunningIssuer & {
  stateDir: string;
  lines: string[];
  dispose(): Promise<void>;
};

/** Starts an issuer for one test file; its log lines are kept in `lines` instead of printed. */
export async function startLocalTestIssuer(
  options: Partial<StartIssuerOptions> = {},
): Promise<LocalTestIssuer> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), "local-issuer-test-"));
  const lines: string[] = [];
  const issuer = await startIssuer({
    port: 0,
    appBaseUrls: [appBaseUrl],
    log: (line) => lines.push(line),
    ...options,
    stateDir,
  });
  return {
    ...issuer,
    stateDir,
    lines,
    async dispose() {
      await issuer.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * One issuer for the enclosing `describe` (or file): started before its tests, disposed after.
 * Returns a getter, as the issuer only exists once `before` has run.
 */
export function issuerForSuite(options: Partial<StartIssuerOptions> = {}): () => LocalTestIssuer {
  let issuer: LocalTestIssuer | undefined;
  before(async () => {
    issuer = await startLocalTestIssuer(options);
  });
  after(() => issuer?.dispose());
  return () => issuer ?? assert.fail("the suite's issuer has not started");
}
