"use server";

import "server-only";
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
  return writePolicies(policies);
}

/**
 * Puts the app's own policy back: the one every other chapter and test expects.
 *
 * @example
 * await resetPolicy();
 */
export async function resetPolicy(): Promise<PolicyWrite> {
  return writePolicies(defaultPolicies);
}
