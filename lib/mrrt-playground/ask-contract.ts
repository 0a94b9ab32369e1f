import { z } from "zod";

/**
 * The MRRT playground's ask (`POST /mrrt-playground/ask?audience=…&scope=…`, answered in
 * `lib/proxy/playground-ask.ts`): one schema for the answer, which the server builds and the
 * browser parses, so both sides read the same shape.
 */

/** What the refresh grant was sent, after the SDK merged the app's scopes for the audience. */
export const sentSchema = z.object({
  audience: z.string().optional(),
  scope: z.string().optional(),
});

export const askAnswerSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    sent: sentSchema,
    token: z.string(),
    scope: z.string().optional(),
    expiresAt: z.number(),
  }),
  z.object({
    ok: z.literal(false),
    sent: sentSchema.optional(),
    error: z.object({
      code: z.string(),
      message: z.string(),
      /** The authorization server's own error, which the browser's token route never shows. */
      cause: z.object({ code: z.string(), message: z.string().optional() }).optional(),
    }),
  }),
]);

export type AskAnswer = z.infer<typeof askAnswerSchema>;
export type Sent = z.infer<typeof sentSchema>;
