import { randomBytes } from "node:crypto";
import { MFA_MAX_ATTEMPTS } from "@/local-issuer/config";
import type { FileStore } from "@/local-issuer/storage/file-store";

/** What an `mfa_token` stands for: the refresh that was refused, to be finished after the code. */
export type MfaContext = {
  accountId: string;
  clientId: string;
  grantId: string;
  sessionUid?: string;
  sid?: string;
  /** The refused refresh's decision: the API and the scopes to issue once MFA is done. */
  audience: string;
  scopes: string[];
  /** Epoch seconds after which the token answers `expired_token`. */
  expiresAt: number;
  /** Wrong codes so far. */
  failures: number;
};

/** What a presented `mfa_token` turned out to be. */
export type MfaTokenLookup =
  | { state: "valid"; context: MfaContext }
  | { state: "malformed" | "expired" | "too_many_attempts" };

const key = (token: string) => `MfaToken:${token}`;
// Kept past its expiry so that a late use says "expired" rather than "malformed"; then pruned.
const KEEP_EXPIRED_SECONDS = 60 * 60;

/**
 * Stores a new opaque, random `mfa_token` for this context in the issuer's state and returns it.
 *
 * @example
 * const token = issueMfaToken(store, { ...context, failures: 0 }, 600);
 */
export function issueMfaToken(
  store: FileStore,
  context: Omit<MfaContext, "expiresAt" | "failures">,
  ttlSeconds: number,
): string {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = Date.now() / 1000 + ttlSeconds;
  store.set(key(token), {
    payload: { ...context, expiresAt, failures: 0 },
    expiresAt: (expiresAt + KEEP_EXPIRED_SECONDS) * 1000,
  });
  return token;
}

/**
 * Looks an `mfa_token` up for a client: one issued to another client is as unknown as a forged one.
 *
 * @example
 * const found = findMfaToken(store, token, "local-demo-app");
 * if (found.state === "expired") throw new errors.ExpiredToken("mfa_token is expired");
 */
export function findMfaToken(
  store: FileStore,
  token: string,
  clientId: string | undefined,
): MfaTokenLookup {
  const entry = token ? store.get(key(token)) : undefined;
  if (!entry) return { state: "malformed" };
  const context = entry.payload as MfaContext;
  if (clientId !== undefined && context.clientId !== clientId) return { state: "malformed" };
  if (context.expiresAt <= Date.now() / 1000) return { state: "expired" };
  if (context.failures >= MFA_MAX_ATTEMPTS) return { state: "too_many_attempts" };
  return { state: "valid", context };
}

/**
 * Counts a wrong code against the token; at {@link MFA_MAX_ATTEMPTS} it stops working.
 *
 * @example
 * recordMfaFailure(store, token);
 */
export function recordMfaFailure(store: FileStore, token: string): void {
  const entry = store.get(key(token));
  if (!entry) return;
  const failures = Number(entry.payload.failures ?? 0) + 1;
  store.set(key(token), { ...entry, payload: { ...entry.payload, failures } });
}

/**
 * Spends the token once it has done its one job (tokens were issued for it).
 *
 * @example
 * spendMfaToken(store, token);
 */
export function spendMfaToken(store: FileStore, token: string): void {
  store.delete(key(token));
}
