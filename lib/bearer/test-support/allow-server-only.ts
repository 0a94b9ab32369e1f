/**
 * Test-only: lets plain Node import modules that start with `import "server-only"`.
 *
 * That package throws unless it is resolved with the `react-server` export condition, which Next
 * sets for server code and Node does not. This hook adds the condition for `server-only` alone,
 * so the rest of the test process resolves packages as usual. (`node --conditions react-server`
 * works too, but for every package, React included.)
 *
 * Import this module first, then load the code under test with `await import()`: static imports
 * are all resolved before any module body runs, so they would be too early for the hook.
 */
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier !== "server-only") return next(specifier, context);
  return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`);
