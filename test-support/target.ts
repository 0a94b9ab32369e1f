import { appUrl } from "./servers";

/**
 * The one switch that points the end-to-end suite at an app that is already running (deployed, on
 * a real tenant): its URL and a test user's credentials. Unset, the suite starts its own servers
 * on the local issuer.
 */
export const targetVariables = ["E2E_BASE_URL", "E2E_USER_EMAIL", "E2E_USER_PASSWORD"] as const;

/** A user the suite signs in as. The name is known for the local demo users only. */
export type SignInUser = { email: string; password: string; name?: string };

export type Target = { baseUrl: string; user: SignInUser };

/**
 * The target named by the environment, or undefined when `E2E_BASE_URL` is unset. A URL without
 * both credentials is a mistake, not a reason to fall back to the local run.
 *
 * @example
 * readTarget({ E2E_BASE_URL: "https://app.example.com", E2E_USER_EMAIL: "a@b.c", E2E_USER_PASSWORD: "x" });
 * // { baseUrl: "https://app.example.com", user: { email: "a@b.c", password: "x" } }
 */
export function readTarget(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Target | undefined {
  const baseUrl = env.E2E_BASE_URL?.trim();
  if (!baseUrl) return undefined;
  if (!URL.canParse(baseUrl)) {
    throw new Error(`E2E_BASE_URL is not a URL: "${baseUrl}". Use the app's base URL.`);
  }
  const email = env.E2E_USER_EMAIL?.trim();
  const password = env.E2E_USER_PASSWORD;
  if (!email || !password) {
    throw new Error(
      "E2E_BASE_URL is set, so the suite runs against that app: set E2E_USER_EMAIL and " +
        "E2E_USER_PASSWORD to a test user of its tenant too (or unset E2E_BASE_URL).",
    );
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ""), user: { email, password } };
}

export const target = readTarget();

/** True when the suite runs against an already running app: specs for the local issuer skip. */
export const onTarget = target !== undefined;

/** The app the specs open: the target, or the suite's own `next start`. */
export const suiteBaseUrl = target?.baseUrl ?? appUrl;

/**
 * The servers Playwright starts: the given list for the local run, none against a target.
 *
 * @example
 * export default defineConfig({ webServer: localServersOnly([issuer, app]) });
 */
export function localServersOnly<Server>(servers: Server[]): Server[] {
  return onTarget ? [] : servers;
}

/**
 * Why a spec skips against a target: printed by Playwright with every test it skips.
 *
 * @example
 * test.skip(onTarget, localOnly("it stops and restarts the local issuer"));
 */
export function localOnly(because: string): string {
  return `runs on the local issuer only (E2E_BASE_URL is set): ${because}`;
}
