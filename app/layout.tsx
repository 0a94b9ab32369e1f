import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "../components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Access tokens in the browser — Next.js + Auth0",
    template: "%s — Access tokens in the browser",
  },
  description:
    "Every way to call APIs from the browser with getAccessToken from @auth0/nextjs-auth0, live.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
