import type { Context } from "koa";
import type { ZodError } from "zod";

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
};

/**
 * An error of Auth0's Management API, answered as Auth0 does:
 * `{ statusCode, error, message, errorCode? }`.
 *
 * @example
 * throw new ManagementApiError(404, "The client does not exist", "inexistent_client");
 */
export class ManagementApiError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409,
    message: string,
    readonly errorCode?: string,
  ) {
    super(message);
  }

  toResponse(ctx: Context): void {
    ctx.status = this.statusCode;
    ctx.body = {
      statusCode: this.statusCode,
      error: REASONS[this.statusCode],
      message: this.message,
      ...(this.errorCode ? { errorCode: this.errorCode } : {}),
    };
  }
}

/**
 * A request body that does not match the schema, with the first problem named as Auth0 words it.
 *
 * @example
 * throw invalidBody(parsed.error);
 */
export function invalidBody(error: ZodError): ManagementApiError {
  const issue = error.issues[0];
  const property = issue?.path.join(".") || "body";
  const detail =
    issue?.code === "unrecognized_keys"
      ? `Additional properties not allowed: ${issue.keys.join(",")}`
      : (issue?.message ?? "invalid");
  return new ManagementApiError(
    400,
    `Payload validation error: '${detail}' on property ${property}.`,
    "invalid_body",
  );
}
