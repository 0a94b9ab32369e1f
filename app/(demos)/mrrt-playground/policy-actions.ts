"use server";

import "server-only";
import { headers } from "next/headers";
import { serverEnv } from "@/lib/env/server-env";
import { currentSession } from "@/lib/sessions/current-session";
import {
  defaultPolicies,
  writePolicies,
  type PolicyWrite,
} from "@/lib/mrrt-playground/policy-admin";

/**
 * Saves the playground's policy on the local authorization server, with the Management API
 * request `auth0:setup` sends. Refused when the app is configured for a tenant.
 *
 * @example
 * const result = await savePolicy([{ audience: "https://orders-api.example.com", scope: [] }]);
 */
export async function savePolicy(policies: unknown): Promise<PolicyWrite> {
  return (await refusal()) ?? writePolicies(policies);
}

/**
 * Puts the app's own policy back: the one every other chapter and test expects.
 *
 * @example
 * await resetPolicy();
 */
export async function resetPolicy(): Promise<PolicyWrite> {
  return (await refusal()) ?? writePolicies(defaultPolicies);
}

/**
 * A server action is a public endpoint: only a signed-in user, on the app's own address, may
 * change the local server's policy. Next.js already refuses an action whose `Origin` is not the
 * request's `Host`; the `Host` check keeps a page on another name that resolves here (DNS
 * rebinding) or the app's port on the network from reaching the local Management API.
 */
async function refusal(): Promise<PolicyWrite | undefined> {
  const host = (await headers()).get("host");
  if (host !== new URL(serverEnv().appBaseUrl).host) {
    return {
      ok: false,
      reason: `Not saved: the app answers changes at ${serverEnv().appBaseUrl} only.`,
    };
  }
  if (!(await currentSession())) return { ok: false, reason: "Not saved: sign in first." };
  return undefined;
}
