/**
 * oidc-provider 9 prints "Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release."
 * when it is imported on Node 20. It works on Node 20 for everything this local server does (the
 * project supports Node >= 20.9), so that one line is filtered out instead of alarming every
 * developer at every start. This module must be imported before `oidc-provider`.
 */
const UNSUPPORTED_RUNTIME = /oidc-provider WARNING: Unsupported runtime/;
const warn = console.warn.bind(console);

console.warn = (...args: unknown[]) => {
  if (typeof args[0] === "string" && UNSUPPORTED_RUNTIME.test(args[0])) return;
  warn(...args);
};
