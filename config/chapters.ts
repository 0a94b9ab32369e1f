/**
 * The tutorial's chapters, in reading order: the home page's table of contents, each page's
 * title and the "next chapter" links all come from here.
 */
export const chapters = [
  {
    slug: "basic-usage",
    title: "Basic usage",
    summary: "getAccessToken() in a client component, then fetch with Authorization: Bearer.",
  },
  {
    slug: "multi-api",
    title: "Several APIs",
    summary: "One token per audience; each API refuses the other's token.",
  },
  {
    slug: "additional-scopes",
    title: "Additional scopes",
    summary: 'getAccessToken({ scope: "read:profile write:profile" }) to edit the profile.',
  },
  {
    slug: "full-response",
    title: "The full token response",
    summary: "includeFullResponse: token, expires_at, expires_in, scope and token_type.",
  },
  {
    slug: "error-handling",
    title: "Error handling",
    summary:
      "Each condition behind an AccessTokenError, brought about for real, with cause and fix.",
  },
  {
    slug: "mrrt",
    title: "Multi-Resource Refresh Tokens",
    summary: "One refresh token for several APIs, and the silent audience fallback.",
  },
  {
    slug: "mrrt-playground",
    title: "The MRRT playground",
    summary: "Edit the refresh token policy, ask for any token, and see which rule answered.",
  },
  {
    slug: "custom-route",
    title: "A custom token route",
    summary: "NEXT_PUBLIC_ACCESS_TOKEN_ROUTE, and why it is fixed at build time.",
  },
  {
    slug: "server-side",
    title: "On the server",
    summary: "auth0().getAccessToken() in a Server Component: where the client function stops.",
  },
  {
    slug: "token-races",
    title: "Tokens that never race",
    summary: "Ten widgets, two APIs: a token cache with single-flight and one refresh at a time.",
  },
  {
    slug: "step-up-mfa",
    title: "Step-up MFA",
    summary: "Refund an order: MfaRequiredError, then a popup or a code typed on the page.",
  },
  {
    slug: "dpop-bound-tokens",
    title: "DPoP-bound tokens",
    summary: "A token bound to the server's key: useless as Bearer, useless to a thief.",
  },
] as const;

export type ChapterSlug = (typeof chapters)[number]["slug"];

/**
 * A chapter's number and title, for a cross-reference that stays right when chapters move.
 *
 * @example
 * chapterRef("mrrt"); // { number: 6, title: "Multi-Resource Refresh Tokens", slug: "mrrt" }
 */
export function chapterRef(slug: ChapterSlug) {
  const index = chapters.findIndex((chapter) => chapter.slug === slug);
  return { number: index + 1, title: chapters[index]?.title ?? slug, slug };
}
