"use client";

import { useUser } from "@auth0/nextjs-auth0";
import { useEffect } from "react";
import { tokenManager } from "@/lib/tokens/browser-tokens";

/**
 * The signed-in user, from the SDK's `useUser` (seeded by `Auth0Provider` in the layout). It also
 * scopes the browser's token cache to that user, and empties it on sign-out.
 */
export function UserMenu() {
  const { user, isLoading } = useUser();
  const sub = user?.sub ?? null;
  useEffect(() => tokenManager.setUser(sub), [sub]);
  if (isLoading) return <span aria-live="polite">…</span>;
  return user ? (
    <>
      <span data-testid="user-name">{user.name ?? user.email}</span>
      {/* Plain links, not <Link>: these are full-page navigations to the SDK's routes. */}
      <a href="/auth/logout" className="button secondary" onClick={() => tokenManager.clear()}>
        Sign out
      </a>
    </>
  ) : (
    <a href="/auth/login" className="button">
      Sign in
    </a>
  );
}
