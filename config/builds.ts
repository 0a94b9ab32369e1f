import { paths } from "@/config/paths";

/** One `next build` of the app: its output folder and the variables it is built with. */
export type Build = {
  /** How `npm test` names the step. */
  name: string;
  /** `NEXT_DIST_DIR` (read by `next.config.mjs`): where `next build` writes and `next start` reads. */
  distDir: string;
  /** Variables `next build` sees; `NEXT_PUBLIC_*` ones are written into the bundles. */
  env: Record<string, string>;
};

/**
 * The production builds the end-to-end suite starts. A `NEXT_PUBLIC_` value is fixed at build
 * time, so the configuration chapter's custom token route needs a build of its own, in its own
 * folder. `npm run build:e2e`, `npm test` and `test-support/servers.ts` all read this list.
 */
export const builds = {
  default: { name: "build", distDir: ".next", env: {} },
  customTokenRoute: {
    name: "build (custom token route)",
    distDir: ".next-custom-route",
    env: { NEXT_PUBLIC_ACCESS_TOKEN_ROUTE: paths.customTokenRoute },
  },
} as const satisfies Record<string, Build>;

/**
 * The environment of `next build` and `next start` for one build.
 *
 * @example
 * spawnSync("next", ["build"], { env: { ...process.env, ...buildEnv(builds.customTokenRoute) } });
 */
export function buildEnv(build: Build): Record<string, string> {
  return { NEXT_DIST_DIR: build.distDir, ...build.env };
}
