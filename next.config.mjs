/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets a second production build (with another NEXT_PUBLIC_ACCESS_TOKEN_ROUTE) live beside
  // the first one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
