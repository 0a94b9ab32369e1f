import type { Context } from "koa";
import type { z } from "zod";
import { readBodyText } from "@/local-issuer/http/read-body";
import { invalidBody, ManagementApiError } from "./errors";

/** Reads a JSON body of at most 100 kB, or throws Auth0's answer to a body that is not JSON. */
async function readJson(ctx: Context): Promise<unknown> {
  const text = await readBodyText(
    ctx.req,
    100_000,
    () => new ManagementApiError(400, "Payload too large"),
  );
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ManagementApiError(400, "Invalid request payload JSON format");
  }
}

/**
 * The request's JSON body checked against one of the schemas in `bodies.ts`, or Auth0's 400.
 *
 * @example
 * const body = await parseBody(ctx, updateClientBody);
 */
export async function parseBody<T extends z.ZodType>(ctx: Context, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(ctx));
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/**
 * Auth0's list answer: a plain array, or a page with totals when `include_totals=true`.
 *
 * @example
 * return listAnswer(ctx, "clients", tenant.state.clients);
 */
export function listAnswer<T>(ctx: Context, name: string, items: readonly T[]): unknown {
  if (ctx.query.include_totals !== "true") return items;
  const perPage = Number(ctx.query.per_page ?? 50);
  const start = Number(ctx.query.page ?? 0) * perPage;
  return {
    [name]: items.slice(start, start + perPage),
    start,
    limit: perPage,
    total: items.length,
  };
}

/**
 * Answers 201 with the resource just created.
 *
 * @example
 * return created(ctx, client);
 */
export function created<T>(ctx: Context, resource: T): T {
  ctx.status = 201;
  return resource;
}

/**
 * The resource, or the 404 that `notFound` makes when there is none.
 *
 * @example
 * const client = found(tenant.client(id), notFoundClient);
 */
export function found<T>(resource: T | undefined, notFound: () => Error): T {
  if (resource === undefined) throw notFound();
  return resource;
}
