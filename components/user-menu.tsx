"use client";

import { useUser } from "@auth0/nextjs-auth0";

/** The signed-in user, from the SDK's `useUser` (seeded by `Auth0Provider` in the layout). */
export function UserMenu() {
  const { user, isLoading } = useUser();
  if (isLoading) return <span aria-live="polite">…</span>;
  return user ? (
    <>
      <span data-testid="user-name">{user.name ?? user.email}</span>
      {/* Plain links, not <Link>: these are full-page navigations to the SDK's routes. */}
      <a href="/auth/logout" className="button secondary">
        Sign out
      </a>
    </>
  ) : (
    <a href="/auth/login" className="button">
      Sign in
    </a>
  );
}
